"""A plan model written back to plan data and loaded again is the same plan (engine.plandata)."""

from __future__ import annotations

import dataclasses
import enum
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.workload import Profile, make_multistore_plan, make_plan
from engine.api import Plan, model_checked, read_plan
from engine.checks import run_checks
from engine.documents import LoadedDocument
from engine.errors import Severity
from engine.model import PlanModel, PlanNode
from engine.plandata import plan_data
from engine.planfile import build_model
from tests.conftest import REPO
from tests.test_differential import plan_document, rules
from tests.test_docs import DOC_PLANS

_PLACES = frozenset({"at", "sources", "fingerprint", "condition_names", "checked"})
"""What a model made again from its data may hold otherwise: where its parts are written, the
version of those files, and whether the loader checked it."""


def content(value: Any) -> Any:
    """A plan's content, its places left out, each value with its kind (a Decimal is no int)."""
    if isinstance(value, PlanNode):
        fields = dataclasses.fields(value)  # type: ignore[arg-type]
        return (
            type(value).__name__,
            {f.name: content(getattr(value, f.name)) for f in fields if f.name not in _PLACES},
        )
    if isinstance(value, (tuple, list)):
        return (type(value).__name__, [content(item) for item in value])
    if isinstance(value, dict):
        return (type(value).__name__, {key: content(item) for key, item in value.items()})
    return (type(value).__name__, value)


def assert_round_trip(model: PlanModel) -> None:
    """model -> data -> model gives the model again, places aside, and the same data."""
    again = model_checked(model)
    assert content(again) == content(model)
    assert list(again.condition_names) == list(model.condition_names)
    assert plan_data(again) == plan_data(model)
    assert again.checked


PLANS = [
    REPO / "rules",
    *sorted(
        path for path in (REPO / "tests" / "authoring").glob("*.yaml") if ".test." not in path.name
    ),
]
"""The plans of the repository read from files: the starter plan (the golden decisions') and
the authoring tests' plans (the golden explanations' and tables')."""


@pytest.mark.parametrize("path", PLANS, ids=lambda path: path.name)
def test_every_plan_file_round_trips(path: Path) -> None:
    assert_round_trip(read_plan(path))


@pytest.mark.parametrize(("label", "files"), DOC_PLANS, ids=[label for label, _ in DOC_PLANS])
def test_every_plan_in_the_docs_round_trips(
    label: str, files: dict[str, str], tmp_path: Path
) -> None:
    for relative, text in files.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert_round_trip(read_plan(tmp_path / next(iter(files)).split("/")[0]))


@pytest.mark.parametrize(
    "document",
    [
        make_plan(300),
        make_plan(40, profile=Profile("plain", negation=False, named=False)),
        make_multistore_plan(5),
    ],
    ids=["full", "plain", "multistore"],
)
def test_bench_plans_round_trip(document: dict[str, Any], tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    assert_round_trip(read_plan(tmp_path / "plan.yaml"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=rules(4, None), match=st.sampled_from(["all", "first"]))
def test_generated_plans_round_trip(items: list[dict[str, Any]], match: str) -> None:
    """The differential tests' random plans: every operator, nested all/any/not, uses."""
    model, problems = build_model(
        [LoadedDocument("generated.yaml", plan_document(items, match), {}, {})]
    )
    assert problems == [] and model is not None
    if run_checks(model, severities=frozenset({Severity.ERROR})):
        return  # not a plan a user could load (a pattern RE2 refuses...)
    assert_round_trip(model)


def test_the_data_is_a_plan_file_of_the_same_fingerprint(tmp_path: Path) -> None:
    """The data a model writes back to, saved as YAML and loaded, is the same plan and has the
    fingerprint the model is decided under."""
    model = read_plan(REPO / "rules")
    changed = dataclasses.replace(model, rules=model.rules[1:])
    (tmp_path / "plan.yaml").write_text(yaml.safe_dump(plan_data(changed)), encoding="utf-8")
    loaded, plan = read_plan(tmp_path / "plan.yaml"), Plan(changed)
    assert plan.fingerprint == loaded.fingerprint
    assert content(loaded) == content(plan.model)  # the rules placed from 0 again


def test_rules_are_written_in_the_order_they_are_placed() -> None:
    """Rules of equal priority fire in the order they are placed (``position``): written back,
    a model whose tuple holds them in another order fires them as it would have."""
    model = read_plan(REPO / "rules")
    backwards = dataclasses.replace(model, rules=model.rules[::-1])
    written = [rule["id"] for rule in plan_data(backwards)["rules"]]
    assert written == [rule.id for rule in model.rules]
    fired = [rule.id for rule in Plan(backwards).model.firing_order()]
    assert fired == [rule.id for rule in model.firing_order()]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda m: {"rules": ("billing-error",)},
            "model.rules[0] is 'billing-error' (a str), not a Rule",
        ),
        (
            lambda m: {"rules": (dataclasses.replace(m.rules[0], position=None),)},
            "model.rules[0].position is None (a NoneType), not a whole number",
        ),
        (
            lambda m: {"rules": (dataclasses.replace(m.rules[0], tags={"vip"}),)},
            "model.rules[0].tags is {'vip'} (a set), not a value a plan holds",
        ),
        (
            lambda m: {"rules": (dataclasses.replace(m.rules[0], prevent=m.rules[0].then),)},
            "model.rules[0].prevent[0] is a 'remedy' action among the rule's prevention actions",
        ),
        (lambda m: {"rules": {"a": m.rules[0]}}, "model.rules is a dict, not a tuple"),
        (
            lambda m: {"conditions": [("x", 1)]},
            "model.conditions is [('x', 1)] (a list), not a mapping",
        ),
        (
            lambda m: {"conditions": {1: m.conditions["negative_rating"]}},
            "a key of model.conditions is 1 (an int), not text",
        ),
        (
            lambda m: {"conditions": {"negative_rating": _test_with(m, op="greater")}},
            "model.conditions['negative_rating'].op is 'greater' (a str), not an operator (eq, ",
        ),
        (
            lambda m: {"conditions": {"negative_rating": "rating < 3"}},
            "model.conditions['negative_rating'] is 'rating < 3' (a str), not a condition",
        ),
        (
            lambda m: {"rules": (_first_rule_action(m, type=5),)},
            "model.rules[0].then[0].type is 5 (an int), not text",
        ),
        (
            lambda m: {"rules": (_first_rule_action(m, extra=(("channel",),)),)},
            "model.rules[0].then[0].extra[0] is ('channel',) (a tuple), not a (name, value) pair",
        ),
        (
            lambda m: {"settings": _with_cap(m, Decimal("NaN")).settings},
            "model.settings.compensation.per_event_max is Decimal('NaN') (a Decimal), not a "
            "number a plan holds",
        ),
    ],
)
def test_a_part_no_plan_file_holds_is_a_type_error_naming_it(change: Any, words: str) -> None:
    model = read_plan(REPO / "rules")
    with pytest.raises(TypeError) as refused:
        plan_data(dataclasses.replace(model, **change(model)))
    assert str(refused.value).startswith(words)


def _test_with(model: PlanModel, **change: Any) -> Any:
    """The starter plan's named condition `negative_rating` (a field test), changed."""
    return dataclasses.replace(model.conditions["negative_rating"], **change)


def _first_rule_action(model: PlanModel, **change: Any) -> Any:
    """The starter plan's first rule, its first action changed (and its only one)."""
    rule = model.rules[0]
    return dataclasses.replace(rule, then=(dataclasses.replace(rule.then[0], **change),))


def test_an_amount_with_more_digits_than_a_file_holds_is_refused() -> None:
    from decimal import Decimal

    model = read_plan(REPO / "rules")
    policy = dataclasses.replace(
        model.settings.compensation, per_event_max=Decimal("10.0000000000000000001")
    )
    settings_ = dataclasses.replace(model.settings, compensation=policy)
    with pytest.raises(TypeError, match="more digits than a number in a plan file holds"):
        plan_data(dataclasses.replace(model, settings=settings_))


def _with_rating_below(model: PlanModel, bound: Any) -> PlanModel:
    """The starter plan with its named condition `negative_rating` (`rating` `lt: 3`) set to
    another bound, as an app changes a named condition."""
    test = dataclasses.replace(model.conditions["negative_rating"], value=bound)
    return dataclasses.replace(model, conditions={**model.conditions, "negative_rating": test})


def _with_cap(model: PlanModel, cap: Any) -> PlanModel:
    policy = dataclasses.replace(model.settings.compensation, per_event_max=cap)
    return dataclasses.replace(
        model, settings=dataclasses.replace(model.settings, compensation=policy)
    )


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda m: _with_cap(m, float("nan")),
            "model.settings.compensation.per_event_max is nan (a float), not a finite number",
        ),
        (
            lambda m: _with_rating_below(m, float("inf")),
            "model.conditions['negative_rating'].value is inf (a float), not a finite number",
        ),
        (
            lambda m: _with_rating_below(m, 2**64),
            "model.conditions['negative_rating'].value is 18446744073709551616 (an int), not a "
            "whole number a plan file holds",
        ),
        (
            lambda m: _with_rating_below(m, Decimal("1E+30")),
            "model.conditions['negative_rating'].value is 1000000000000000000000000000000 (an "
            "int), not a whole number a plan file holds",
        ),
    ],
)
def test_a_number_a_plan_file_refuses_when_read_is_a_type_error_naming_it(
    change: Any, words: str
) -> None:
    """A file's NaN, infinity or whole number beyond 64 bits is refused as it is read
    (`not-finite`, `number-too-large`), before the schema, which takes them. From a model, a
    cap of NaN had made a plan whose offers raised InvalidOperation, a bound of NaN and one of
    infinity a plan of one fingerprint (both written null), and 2**64 had raised orjson's
    "Integer exceeds 64-bit range" from the fingerprint (found by review)."""
    with pytest.raises(TypeError) as refused:
        Plan(change(read_plan(REPO / "rules")))
    assert str(refused.value).startswith(words)
    assert Plan(_with_rating_below(read_plan(REPO / "rules"), 2**64 - 1)).fingerprint


_HALF = "\ud83d"
"""Half of an emoji's pair of surrogates, as text cut at the wrong place holds it."""


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda m: dataclasses.replace(
                m,
                conditions={
                    **m.conditions,
                    "negative_rating": _test_with(m, field="text", op="matches", value="a" + _HALF),
                },
            ),
            "model.conditions['negative_rating'].value is 'a\\ud83d' (a str), not text a plan "
            "file holds (it holds a lone surrogate, half a character)",
        ),
        (
            lambda m: dataclasses.replace(
                m, settings=dataclasses.replace(m.settings, name="Acme " + _HALF)
            ),
            "model.settings.name is 'Acme \\ud83d' (a str), not text a plan file holds",
        ),
        (
            lambda m: dataclasses.replace(
                m, rules=(_first_rule_action(m, extra=((_HALF, "x"),)), *m.rules[1:])
            ),
            "model.rules[0].then[0].extra[0] is '\\ud83d' (a str), not text a plan file holds",
        ),
    ],
)
def test_text_with_half_a_character_is_a_type_error_naming_its_place(
    change: Any, words: str
) -> None:
    """A plan file cannot hold a lone surrogate (the reader refuses it); a model changed in
    Python with one (a pattern, a name) had raised orjson's "str is not valid UTF-8:
    surrogates not allowed" from the fingerprint, naming no place (found by review)."""
    with pytest.raises(TypeError) as refused:
        Plan(change(read_plan(REPO / "rules")))
    assert str(refused.value).startswith(words)


class _Currency(enum.StrEnum):
    USD = "USD"


class _Priority(enum.IntEnum):
    HIGH = 90


class _Amount(float):
    """A float of another class, as numpy's float64 is."""


def test_text_and_numbers_of_a_subclass_are_read_as_what_they_are() -> None:
    """An app's `StrEnum` currency or tag, `IntEnum` priority or numpy float cap is the text or
    number it is: each had been refused in words that contradict themselves, "expected text,
    found text `USD`", "expected a number, found a number `20.5`" (found by review)."""
    model = read_plan(REPO / "rules")
    rule = dataclasses.replace(model.rules[0], priority=_Priority.HIGH, tags=(_Currency.USD,))
    policy = dataclasses.replace(model.settings.compensation, per_event_max=_Amount(20.5))
    settings_ = dataclasses.replace(model.settings, currency=_Currency.USD, compensation=policy)
    changed = dataclasses.replace(model, settings=settings_, rules=(rule, *model.rules[1:]))
    plan = Plan(changed).model
    assert content(plan.settings.currency) == ("str", "USD")
    assert content(plan.rules[0].priority) == ("int", 90)
    assert content(plan.rules[0].tags) == ("tuple", [("str", "USD")])
    assert plan.settings.compensation.per_event_max == Decimal("20.5")
    assert plan_data(plan) == plan_data(changed)
