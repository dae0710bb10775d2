"""The embedding API: load_plan, evaluate, evaluate_many, Decision, exceptions."""

from __future__ import annotations

import collections
import dataclasses
import datetime
import decimal
import enum
import io
import json
import math
import re
import types
from pathlib import Path
from typing import Any

import pydantic
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError, field_validator
from pydantic_core import PydanticCustomError

import engine
from engine import BackplanError, Decision, Event, EventError, PlanError, load_plan
from engine.api import validate_plan
from engine.decision import canonical_json
from engine.event import Customer
from engine.resources import load_schema, starter_plan_dir
from tests.conftest import REPO, write_plan

PLAN = """
conditions:
  public_channel: {field: channel, in: [twitter, yelp, google_review]}
rules:
  - id: public-negative-review
    title: Bad public review
    priority: 10
    when: {event: review, all: [{field: rating, lte: 2}, {use: public_channel}]}
    then:
      - reply_publicly: {within: 1h, message: "Sorry {customer.first_name|there}"}
      - compensate: {kind: voucher, percent: 20, of: order.total, min: 10, max: 40}
    prevent:
      - root_cause: {owner: store-manager, within: 7d}
  - id: improvise
    title: Nothing fits
    fallback: true
    then: [{escalate: {to: cx-lead, within: 30m}}]
"""

EVENT = {
    "id": "evt-1",
    "type": "review",
    "occurred_at": "2026-11-23T09:30:00Z",
    "channel": "yelp",
    "rating": 1,
    "customer": {"first_name": "Dana"},
    "order": {"total": 119.99},
}


def test_public_api_exports() -> None:
    for name in engine.__all__:
        assert getattr(engine, name) is not None
    with pytest.raises(AttributeError):
        _ = engine.not_a_name  # type: ignore[attr-defined]
    listed = dir(engine)  # once every name is loaded: each is listed once (found by review)
    assert len(listed) == len(set(listed)) and set(engine.__all__) <= set(listed)


def test_evaluate_returns_a_typed_decision(plan_from: Any) -> None:
    plan = plan_from(PLAN)
    decision = plan.evaluate(EVENT)
    assert isinstance(decision, Decision)
    assert decision.event_id == "evt-1"
    assert decision.matched == ["public-negative-review"]
    assert decision.plan.name == "Test Store"
    assert decision.plan.fingerprint == plan.fingerprint
    assert plan.fingerprint.startswith("sha256:")
    assert [a.type for a in decision.actions] == ["reply_publicly", "compensate", "root_cause"]
    assert decision.actions[1].params["amount"] == "24.00"
    assert decision.compensation is not None and decision.compensation.total == "24.00"


def test_decision_json_is_the_canonical_document(plan_from: Any) -> None:
    plan = plan_from(PLAN)
    document = plan.decide(EVENT)
    assert plan.evaluate(EVENT).to_json() == canonical_json(document) == plan.evaluate_json(EVENT)
    assert plan.evaluate(EVENT).to_document() == json.loads(canonical_json(document))


def test_decision_line_is_what_eval_writes(plan_from: Any) -> None:
    plan = plan_from(PLAN)
    for event in (EVENT, {"id": 2, "type": "x-other"}, Event.model_validate(EVENT)):
        line, fallback = plan.decision_line(event)
        document = plan.decide(event)
        assert line == canonical_json(document) + b"\n"
        assert fallback is document["fallback"]
        assert plan.line_and_decision(event) == (line, document)
    assert [plan.decision_line(e)[1] for e in (EVENT, {"id": 2, "type": "x-other"})] == [
        False,
        True,  # no rule for this type: the plan's fallback decides it
    ]
    with pytest.raises(EventError) as raised:
        plan.decision_line({"type": "review"})
    assert raised.value.code == "missing-id"


def test_decisions_validate_against_the_published_schema(plan_from: Any) -> None:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(load_schema("decision"))
    plan = plan_from(PLAN)
    for event in (EVENT, {"id": 2, "type": "order"}, {**EVENT, "order": {}}):
        validator.validate(json.loads(plan.evaluate_json(event)))


def test_event_models_are_accepted(plan_from: Any) -> None:
    plan = plan_from(PLAN)
    model = Event.model_validate(EVENT)
    assert plan.evaluate(model).to_json() == plan.evaluate(EVENT).to_json()


def test_evaluate_many_yields_one_result_per_event_in_order(plan_from: Any) -> None:
    plan = plan_from(PLAN)
    events = [EVENT, [1], {"id": 3, "type": "order"}, {"type": "review"}]
    results = list(plan.evaluate_many(iter(events)))
    assert [r.index for r in results] == [0, 1, 2, 3]
    assert [r.decision is not None for r in results] == [True, False, True, False]
    assert isinstance(results[1].error, EventError)
    assert results[2].decision is not None and results[2].decision.fallback is True


def test_a_result_holding_an_error_equals_its_copy_as_one_holding_a_decision_does(
    plan_from: Any,
) -> None:
    """An exception compared by identity: a result holding an error, pickled (as it comes back
    from a worker process) or copied, was not equal to itself (found by review)."""
    import copy
    import pickle

    plan = plan_from(PLAN)
    results = list(plan.evaluate_many([EVENT, {"id": "x"}, [1]]))
    for result in results:
        for again in (pickle.loads(pickle.dumps(result)), copy.deepcopy(result)):
            assert again == result
            assert result.error is None or hash(again.error) == hash(result.error)
    assert results[1] != results[2] and results[1].error != results[2].error


@pytest.mark.parametrize(
    "not_a_stream",
    [
        EVENT,
        types.MappingProxyType(EVENT),
        collections.UserDict(EVENT),
        Event(id="e1", type="review", rating=1),
        '{"id": "e1", "type": "review"}',
        b"{}",
        io.StringIO('{"id": "e1", "type": "review"}\n'),  # an open file: each line "found text"
        io.BytesIO(b'{"id": "e1", "type": "review"}\n'),
    ],
)
def test_evaluate_many_refuses_one_event_or_text_at_once(not_a_stream: Any) -> None:
    """Iterated, a mapping is its keys, an event model its fields and text its characters:
    each would come back as a bad event ("found text"). Refused when called, before any
    iteration."""
    with pytest.raises(TypeError, match="evaluate_many takes an iterable of events"):
        load_plan().evaluate_many(not_a_stream)


@pytest.mark.parametrize("not_iterable", [None, 5, object()])
def test_evaluate_many_refuses_what_cannot_be_iterated_when_called(not_iterable: Any) -> None:
    """It had raised only when the first result was read (found by review)."""
    kind = type(not_iterable).__name__
    with pytest.raises(TypeError, match=f"an iterable of events, such as a list, not {kind}$"):
        load_plan().evaluate_many(not_iterable)


def test_exceptions_share_one_base(tmp_path: Any) -> None:
    assert issubclass(PlanError, BackplanError) and issubclass(EventError, BackplanError)
    bad = tmp_path / "bad.yaml"
    bad.write_text("backplan: 2\n", encoding="utf-8")
    with pytest.raises(BackplanError) as raised:
        load_plan(bad)
    assert isinstance(raised.value, PlanError)
    assert raised.value.diagnostics[0].source.line == 1
    assert "bad.yaml:1:" in str(raised.value)
    with pytest.raises(PlanError) as missing:
        load_plan(tmp_path / "nope.yaml")
    assert missing.value.diagnostics[0].code == "not-found"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("", "no plan path was given: the path is empty"),
        ([], "no plan path was given"),
        (["rules", ""], "one of the plan paths is empty"),
    ],
)
def test_an_empty_plan_path_is_refused_not_read_as_the_current_folder(
    source: Any, message: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The current folder holds a YAML file that is no plan: reading it would report its errors.
    (tmp_path / "docker-compose.yaml").write_text("services: {}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PlanError) as raised:
        load_plan(source)
    [diagnostic] = raised.value.diagnostics
    assert (diagnostic.code, diagnostic.message) == ("no-plan-path", message)
    assert "`rules/`" in diagnostic.hint
    assert validate_plan(source)[1] == [diagnostic]


def test_default_plan_is_the_starter_plan() -> None:
    plan = load_plan()
    assert plan.model.rules
    decision = plan.evaluate({"id": "x", "type": "x-nothing-matches-this"})
    assert decision.fallback is True


def test_plan_is_immutable(plan_from: Any) -> None:
    plan = plan_from(PLAN)
    with pytest.raises(AttributeError):
        plan.model = None  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):  # frozen nodes refuse assignment
        plan.model.rules[0].priority = 5  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del plan._decider


def test_what_the_api_hands_out_refuses_any_change_with_an_attribute_error(
    plan_from: Any, tmp_path: Path
) -> None:
    """Every read-only result an app is given refuses a new attribute, a misspelt field and a
    deletion with an ``AttributeError`` saying so, as the README promises: the frozen
    dataclasses with slots had raised ``TypeError: super(type, obj): obj must be an instance
    or subtype of type`` for any name that is not a field (found by embedding)."""
    plan = plan_from(PLAN)
    event = {"id": "e", "type": "review", "channel": "yelp", "rating": 1}
    result = next(plan.evaluate_many([event]))
    diagnostic = engine.check_plan(str(tmp_path / "missing"))[0]
    report = engine.summarize([plan.evaluate(event)], plan)
    holder = engine.PlanHolder(plan.model.sources[0])
    handed_out = [
        (result, "an EvaluationResult"),
        (holder.reload(), "a ReloadResult"),
        (diagnostic, "a Diagnostic"),
        (diagnostic.source, "a SourceLocation"),
        (report, "a Report"),
        (report.compensation, "a Compensation"),
        (report.rules[0], "a Count"),
    ]
    for item, named in handed_out:
        with pytest.raises(AttributeError) as new:
            item.note = "mine"  # type: ignore[attr-defined]
        assert str(new.value) == f"{named} is read-only: it has no attribute `note` to set"
        with pytest.raises(AttributeError) as gone:
            del item.note  # type: ignore[attr-defined]
        assert str(gone.value) == f"{named} is read-only: it has no attribute `note` to delete"
    with pytest.raises(dataclasses.FrozenInstanceError) as field:
        result.decision = None  # type: ignore[misc]
    assert str(field.value) == "an EvaluationResult is read-only: `decision` cannot be changed"
    assert dataclasses.replace(result, index=3).index == 3  # making one still sets its fields


def test_what_the_compiled_matcher_holds_cannot_be_changed(plan_from: Any) -> None:
    """``plan.matcher`` is public: its dispatch on event type was a plain dict the decider
    shared, so ``plan.matcher.by_type.clear()`` sent every review to the fallback, with the
    plan's fingerprint unchanged."""
    plan = plan_from(FROZEN_PLAN)
    event = {"id": "e", "type": "review", "channel": "yelp", "rating": 1}
    before = plan.evaluate_json(event)
    assert plan.matcher.match(event) == [0]
    for dispatch in (plan.matcher.by_type, plan.matcher.fallback_by_type):
        with pytest.raises(TypeError):
            del dispatch["review"]
        with pytest.raises(TypeError):
            dispatch["review"] = plan.matcher.untyped
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.matcher.by_type = {}
    assert isinstance(plan.matcher.rules, tuple)
    assert plan.evaluate_json(event) == before


FROZEN_PLAN = """
conditions:
  loud: {field: channel, in: [twitter, yelp]}
rules:
  - id: flag
    title: Flag it in the CRM
    priority: 5
    when: {event: review, all: [{use: loud}, {field: rating, between: [1, 2]}]}
    then:
      - x-crm-flag: {nested: {a: [1, {b: c}]}, level: 3}
"""


def test_what_the_plan_model_holds_cannot_be_changed_in_place(plan_from: Any) -> None:
    """A frozen node holding a list or a dict would let an app change the plan through
    ``plan.model``: the compiled plan reads the model when a rule first fires, so its
    decisions would change from then on (the review that found it appended to a custom
    action's nested list before the rule fired)."""
    plan = plan_from(FROZEN_PLAN)
    event = {"id": "e", "type": "review", "channel": "yelp", "rating": 1}
    rule = plan.model.rules[0]
    loud = plan.model.conditions["loud"]
    between = rule.condition.items[1]
    nested = dict(rule.then[0].extra)["nested"]
    assert (loud.value, between.value) == (("twitter", "yelp"), (1, 2))  # type: ignore[attr-defined]
    assert nested == {"a": (1, {"b": "c"})}
    for change in (
        lambda: nested.__setitem__("a", ()),
        lambda: nested["a"][1].update(b="d"),
        lambda: nested.pop("a"),
        plan.model.conditions.clear,
        lambda: plan.model.conditions.__setitem__("loud", loud),
    ):
        with pytest.raises(TypeError, match="cannot be changed"):
            change()
    assert plan.decide(event)["actions"][0]["params"] == {
        "level": 3,
        "nested": {"a": [1, {"b": "c"}]},  # JSON again in the decision
    }


def test_the_plan_model_copies_and_pickles(plan_from: Any) -> None:
    import copy
    import pickle

    model = plan_from(FROZEN_PLAN).model
    for again in (copy.copy(model), copy.deepcopy(model), pickle.loads(pickle.dumps(model))):
        assert again == model
        assert hash(again) == hash(model)  # a frozen dataclass's promise (found by review)
        assert type(again.conditions) is type(model.conditions)
        with pytest.raises(TypeError):
            again.conditions.clear()


def test_evaluate_many_survives_an_unexpected_fault(
    plan_from: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from engine.evaluate import Decider

    plan = plan_from(PLAN)
    original = Decider.decide

    def flaky(self: Decider, event: Any) -> dict[str, Any]:
        if event.get("id") == "boom":
            raise RuntimeError("unexpected")
        return original(self, event)

    monkeypatch.setattr(Decider, "decide", flaky)
    results = list(plan.evaluate_many([{"id": "boom", "type": "review"}, EVENT]))
    assert results[0].error is not None and results[0].error.code == "internal-error"
    assert results[1].decision is not None and results[1].decision.event_id == "evt-1"


KINDS_PLAN = """\
backplan: 1
plan: {name: Kinds, currency: USD}
rules:
  - id: low-rating
    title: Low rating
    when: {all: [{field: rating, lte: 2}]}
    then: [{apologize: {message: "rating {rating|none}, public {public|none}"}}]
  - id: public
    title: Public
    when: {all: [{field: public, eq: true}]}
    then: [{reply_publicly: {within: 1h, message: Sorry}}]
  - id: big-order
    title: Big order
    when: {all: [{field: order.total, gte: 100}]}
    then: [{compensate: {kind: voucher, percent: 10, of: order.total, min: 5, max: 50}}]
  - id: late
    title: Late
    when: {all: [{field: order.delay_days, gte: 3}]}
    then: [{escalate: {to: ops}}]
  - id: gold
    title: Gold
    when: {all: [{field: customer.tier, eq: gold}]}
    then: [{escalate: {to: cx-lead}}]
  - id: note
    title: Note
    when: {all: [{field: x_note, eq: "1.5"}]}
    then: [{escalate: {to: cx-lead}}]
"""


@pytest.fixture(scope="module")
def kinds_plan(tmp_path_factory: pytest.TempPathFactory) -> engine.Plan:
    """KINDS_PLAN compiled once (hypothesis runs a test's examples with the same fixtures)."""
    path = tmp_path_factory.mktemp("kinds") / "plan.yaml"
    path.write_text(KINDS_PLAN, encoding="utf-8")
    return load_plan(path)


def is_number(value: Any) -> bool:
    return value.__class__ is int or (value.__class__ is float and math.isfinite(value))


ALLOWED: dict[str, Any] = {
    "rating": is_number,
    "public": lambda value: value.__class__ is bool,
    "order.total": is_number,
    "order.delay_days": lambda value: (
        value.__class__ is int or (value.__class__ is float and value.is_integer())
    ),  # a whole number, `3` or `3.0` (JSON Schema's integer)
    "customer.tier": lambda value: value.__class__ is str,
    "x_note": lambda value: True,  # an extra field: anything, kept as it is
}
"""The generated fields (as dotted paths) and the values each takes; null always."""

ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.sampled_from(["1", "1.0", "2", "yes", "no", "true", "gold", "", "1.5"]),
    st.text(max_size=5),
    st.lists(st.integers(0, 5), max_size=2),
    st.dictionaries(st.sampled_from(["a", "tier"]), st.integers(0, 3), max_size=2),
    st.builds(decimal.Decimal, st.sampled_from(["1.5", "2", "150"])),
    st.just(datetime.datetime(2026, 11, 23, 9, 30, tzinfo=datetime.UTC)),
    st.tuples(st.integers(0, 3)),
    st.sampled_from(list(enum.StrEnum("Tier", ["gold", "silver"]))),
)


def same_kinds(left: Any, right: Any) -> bool:
    """Equal, and of the same kinds all the way down (1 == 1.0 == True, but not here)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(same_kinds(left[k], right[k]) for k in left)
    if isinstance(left, (list, tuple)):
        return len(left) == len(right) and all(map(same_kinds, left, right))
    if isinstance(left, float) and math.isnan(left):
        return math.isnan(right)
    return bool(left == right)


NUMBERS = st.one_of(st.integers(-(10**20), 10**20), st.floats(allow_nan=True), st.just(150))
RIGHT_KIND = {
    "rating": NUMBERS,
    "public": st.booleans(),
    "order.total": NUMBERS,
    "order.delay_days": st.integers(-5, 10),
    "customer.tier": st.sampled_from(["gold", "silver", "1"]),
    "x_note": ANY_VALUE,
}
"""Values each field takes, so that most generated events get as far as being decided."""


@settings(max_examples=300, deadline=None)
@given(
    values=st.fixed_dictionaries({}, optional=RIGHT_KIND),
    spoilt=st.dictionaries(st.sampled_from(sorted(ALLOWED)), ANY_VALUE, max_size=2),
    event_id=st.sampled_from(["g1", 7]),
)
# Infinity beside a field of the wrong kind: refused before pydantic reached the number, its
# problem went unsaid (found by the test, at random)
@example(values={"rating": math.inf}, spoilt={"public": 0}, event_id="g1")
def test_an_event_decides_as_the_dict_it_was_made_from(
    kinds_plan: engine.Plan, values: dict[str, Any], spoilt: dict[str, Any], event_id: Any
) -> None:
    # Either the Event refuses exactly the values of the wrong kind, or it hands the evaluator
    # every value as given, kind and all, and the two decide to the same bytes.
    values.update(spoilt)  # any value at all, for none, one or two of the fields
    event: dict[str, Any] = {
        "id": event_id,
        "type": "review",
        "occurred_at": "2026-11-23T09:30:00Z",
    }
    for path, value in values.items():
        *parts, name = path.split(".")
        target = event
        for part in parts:
            target = target.setdefault(part, {})
        target[name] = value
    wrong = {
        path for path, value in values.items() if value is not None and not ALLOWED[path](value)
    }
    try:
        model = Event.model_validate(event)
    except ValidationError as error:
        assert {".".join(map(str, problem["loc"])) for problem in error.errors()} == wrong
        return
    assert not wrong, f"accepted {wrong} of the wrong kind"
    assert same_kinds(model.to_event_dict(), event)
    assert kinds_plan.evaluate_json(model) == kinds_plan.evaluate_json(event)
    assert kinds_plan.evaluate(model).to_json() == kinds_plan.evaluate(event).to_json()


def test_text_and_words_are_refused_not_converted(kinds_plan: engine.Plan) -> None:
    # The review that started it: as a dict, "1" is text and does not match `rating <= 2`;
    # lax pydantic made it 1.0 (and "yes" true), so the same event as an Event did match.
    plan = kinds_plan
    event = {"id": "g1", "type": "review", "rating": "1", "public": "yes"}
    assert plan.evaluate(event).matched == []
    with pytest.raises(ValidationError) as refused:
        Event.model_validate(event)
    assert {problem["loc"][0] for problem in refused.value.errors()} == {"rating", "public"}
    assert not isinstance(refused.value, BackplanError)  # pydantic's, from the caller's own call
    assert "should be a number, found text; an Event converts nothing" in str(refused.value)
    for lax in (
        lambda: Event.model_validate(event, strict=False),
        lambda: Event.model_validate_strings(event),
    ):
        with pytest.raises(ValidationError):  # no mode of pydantic's converts either
            lax()
    numbers = Event.model_validate({**event, "rating": 1, "public": True, "order": {"total": 150}})
    assert type(numbers.rating) is int and type(numbers.order and numbers.order.total) is int
    assert plan.evaluate(numbers).matched == ["low-rating", "public", "big-order"]


@pytest.mark.parametrize(
    ("part", "field"),
    [("customer", "complaints_90d"), ("order", "delay_days"), ("contact", "attempts")],
)
def test_a_count_written_with_a_point_is_taken_as_the_schema_takes_it(
    part: str, field: str
) -> None:
    """JSON Schema's `integer`, as the event schema publishes these counts, takes `2.0`, and so
    do `eval --strict` and deciding; an Event had refused it. Kept as given, and decided alike."""
    plan = load_plan(starter_plan_dir())
    event = {"id": "e", "type": "complaint", "occurred_at": "2026-11-23T09:30:00Z"}
    event[part] = {field: 3.0}
    assert engine.event_schema_error(event) is None
    model = Event.model_validate(event)
    assert model.to_event_dict()[part] == {field: 3.0}
    assert type(model.to_event_dict()[part][field]) is float
    assert plan.evaluate_json(model) == plan.evaluate_json(event)
    for wrong, said in ((2.5, "a whole number, found 2.5"), ("3", "a whole number, found text")):
        with pytest.raises(ValidationError, match=f"should be {said}; an Event converts nothing"):
            Event.model_validate({**event, part: {field: wrong}})


def test_a_count_with_a_fraction_beside_a_field_of_the_wrong_kind_is_named_too() -> None:
    """A field of the wrong kind stops pydantic before it checks the counts: the count is
    named in the same answer, not only once the other is mended."""
    event = {"id": "e", "type": "order", "rating": "x", "order": {"delay_days": 2.5}}
    with pytest.raises(ValidationError) as refused:
        Event.model_validate(event)
    assert [(p["loc"], p["msg"]) for p in refused.value.errors()] == [
        (("rating",), "should be a number, found text; an Event converts nothing"),
        (("order", "delay_days"), "should be a whole number, found 2.5; an Event converts nothing"),
    ]


class _Complaint(pydantic.BaseModel):
    """A webhook's own model of the request body (not an ``engine.Event``)."""

    id: str
    type: str


@dataclasses.dataclass
class _Ticket:
    """An app's own dataclass holding an event's fields."""

    id: str
    type: str


_PLAIN_DICTS = (
    ": send plain dicts throughout, as json.loads gives them without an object_pairs_hook "
    "(json.loads(json.dumps(event)) makes them)"
)


@pytest.mark.parametrize(
    ("event", "said"),
    [
        (_Complaint(id="e", type="review"), 'send event.model_dump(mode="json"), or make an '),
        (_Ticket("e", "review"), "_Ticket, which is not JSON data: send dataclasses.asdict(event)"),
        (collections.OrderedDict(id="e", type="review"), "OrderedDict, which is not JSON data"),
        (collections.defaultdict(str, id="e", type="review"), _PLAIN_DICTS),
        (
            types.MappingProxyType({"id": "e"}),
            "mappingproxy, which is not JSON data: send a plain ",
        ),
        (
            collections.UserDict(id="e"),
            "UserDict, which is not JSON data: send a plain dict, dict(",
        ),
    ],
)
def test_an_apps_object_holding_an_event_is_told_how_to_send_it(event: Any, said: str) -> None:
    """A webhook's own pydantic model of the body, a dataclass or a mapping of another class
    had been told only "found an instance of _Complaint, which is not JSON data": nothing of
    what to send instead. ``dict(event)`` is not what a dict of another class is told: the
    groups inside it stay of that class, which no test reads."""
    with pytest.raises(EventError) as raised:
        load_plan().evaluate(event)
    assert raised.value.code == "not-an-object" and said in raised.value.message
    assert engine.event_schema_error(event) == raised.value  # the same words
    if isinstance(event, dict):
        assert raised.value.message.endswith(_PLAIN_DICTS)


def test_a_mapping_whose_groups_are_no_dicts_is_not_told_dict_of_it() -> None:
    """A frozen event (a ``mappingproxy`` of ``mappingproxy`` groups) had been told "send a
    plain dict, dict(event)": that leaves its groups of their class, which no test reads, so
    on that advice the complaint was decided otherwise without a word (the fallback). It is
    told to send plain dicts throughout, its groups too; one whose groups are plain dicts is
    still told dict(event), which is enough."""
    event = json.loads((REPO / "examples/events/high-value-customer.json").read_bytes())
    frozen = types.MappingProxyType(
        {
            key: types.MappingProxyType(value) if isinstance(value, dict) else value
            for key, value in event.items()
        }
    )
    plan = load_plan()
    with pytest.raises(EventError) as raised:
        plan.evaluate(frozen)
    assert raised.value.message.endswith(
        ": send plain dicts throughout, the groups inside it too (dict(event) leaves them of "
        "their class, which no test reads)"
    )
    rules = [action.rule for action in plan.evaluate(event).actions]
    assert [action.rule for action in plan.evaluate(dict(frozen)).actions] != rules  # dict()
    listed = types.MappingProxyType({"id": "e", "items": [collections.UserDict(sku="a")]})
    with pytest.raises(EventError, match="the groups inside it too"):
        plan.evaluate(listed)
    with pytest.raises(EventError, match=r"send a plain dict, dict\(event\)$"):
        plan.evaluate(types.MappingProxyType(event))


@pytest.mark.parametrize("data", [[{"id": "e", "type": "order"}], "e", None])
def test_an_event_made_of_no_mapping_is_refused_in_pydantic_s_words(data: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        Event.model_validate(data)
    assert [(p["loc"], p["msg"]) for p in refused.value.errors()] == [
        ((), "Input should be a valid dictionary or instance of Event")
    ]


def test_a_field_of_a_kind_no_event_takes_is_refused_when_the_model_is_written() -> None:
    from engine.event import _kinds

    with pytest.raises(TypeError, match="an event field of type <class 'complex'> has no exact"):
        _kinds(complex)


def test_an_event_keeps_extra_and_nested_values_as_given(kinds_plan: engine.Plan) -> None:
    plan = kinds_plan
    when = datetime.datetime(2026, 11, 23, tzinfo=datetime.UTC)
    note = decimal.Decimal("1.5")
    event = {"id": 1, "type": "review", "x_note": note, "x_when": when, "x_pair": (1, 2)}
    model = Event(**event, customer=Customer(tier="gold", x_since=when))
    plain = model.to_event_dict()
    assert plain["x_note"] is note and plain["x_when"] is when and plain["x_pair"] == (1, 2)
    assert plain["customer"] == {"tier": "gold", "x_since": when}
    assert plan.evaluate(model).matched == ["gold"]  # a Decimal is not the text "1.5"
    assert plan.evaluate_json(model) == plan.evaluate_json({**event, "customer": plain["customer"]})
    assert math.isnan(Event(id=1, type="review", x_score=math.nan).to_event_dict()["x_score"])


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("occurred_at", "2026-11-23T09:30:00", "`occurred_at` has no timezone; add Z (UTC)"),
        ("occurred_at", "2026-13-01T00:00:00Z", "there is no month 13"),
        ("occurred_at", "9999-01-01T00:00:00Z", "must fall between the years 1900 and 9997"),
        ("occurred_at", "yesterday", "`occurred_at` is not a timestamp: `yesterday`"),
        ("id", "", "the event `id` must be text (1 to 200 characters)"),
        ("id", "x" * 201, "it has 201 characters"),
        ("id", 2**64, "too large to keep exactly; send it as text"),
        (  # written null, told so (it had been "the event has no `id`")
            "id",
            None,
            "the event `id` is null: it must be the complaint's own id, text or a whole number, "
            "which its decision repeats",
        ),
        ("type", "", "the event `type` must be text such as review or order, not empty text"),
        ("type", "Review", "did you mean `review`?"),
    ],
)
def test_an_event_refuses_its_id_type_or_time_in_the_words_deciding_uses(
    field: str, value: object, words: str
) -> None:
    """An Event had told a time without its zone with the whole regular expression of
    ``occurred_at`` (``String should match pattern '^(19[0-9]{2}|...``), and an empty id or a
    type ``Review`` twice, once per branch of its union (``id.constrained-str``...): the same
    values in a dict are told in words, by deciding and by ``event_schema_error``."""
    event: dict[str, Any] = {"id": "e", "type": "review", field: value}
    said = engine.event_schema_error(event)
    assert said is not None
    expected = said.message.removeprefix("the event does not follow the event schema: ")
    assert words in expected
    for make in (
        lambda: Event.model_validate(event),
        lambda: Event(**event),
        lambda: Event.model_validate_json(json.dumps(event)),
    ):
        with pytest.raises(ValidationError) as refused:
            make()
        problems = refused.value.errors()
        assert [(problem["loc"], problem["msg"]) for problem in problems] == [((field,), expected)]
        assert "pattern" not in str(refused.value) and "constrained" not in str(refused.value)


def test_an_event_words_its_time_and_keeps_pydantic_words_for_the_rest() -> None:
    event = {"id": "e", "type": "review", "occurred_at": "2026-11-23", "severity": "High"}
    with pytest.raises(ValidationError) as refused:
        Event.model_validate(event)
    places = {problem["loc"][0]: problem for problem in refused.value.errors()}
    assert set(places) == {"occurred_at", "severity"}
    assert "a date alone is no time" in places["occurred_at"]["msg"]
    assert places["severity"]["type"] == "literal_error"  # not ours to word


class _AcmeEvent(Event):
    """An app's own Event, refusing a store that is not its own in an error type of its own."""

    @field_validator("store")
    @classmethod
    def _ours(cls, store: str | None) -> str | None:
        if store is not None and not store.startswith("acme-"):
            raise PydanticCustomError("acme_store", "{store} is not one of ours", {"store": store})
        return store


@pytest.mark.parametrize("event_id", ["e", ""])
def test_an_event_s_refusals_keep_their_own_type_words_and_context(event_id: str) -> None:
    """Wording the id, type or time rebuilt every refusal of an Event: a subclass's own error
    type raised a KeyError ("Invalid error type: 'acme_store'") instead of the ValidationError,
    and a value of the wrong kind lost its ``ctx`` (``expected``, ``found``) for ``words``;
    pydantic's ``missing`` lost its input (the data given)."""
    with pytest.raises(ValidationError) as refused:
        _AcmeEvent(id=event_id, type="review", store="corner-shop")
    mine = refused.value.errors()[-1]
    assert (mine["type"], mine["loc"], mine["msg"]) == (
        "acme_store",
        ("store",),
        "corner-shop is not one of ours",
    )
    assert (mine["input"], mine["ctx"]) == ("corner-shop", {"store": "corner-shop"})
    assert refused.value.error_count() == (1 if event_id else 2)
    with pytest.raises(ValidationError) as refused:
        Event.model_validate({"id": "e", "type": "review", "rating": "1"})
    [kind] = refused.value.errors()
    assert kind["ctx"] == {"expected": "a number", "found": "text"}
    assert kind["msg"] == "should be a number, found text; an Event converts nothing"
    with pytest.raises(ValidationError) as refused:
        Event.model_validate({"type": "review"})
    [missing] = refused.value.errors()
    assert (missing["msg"], missing["input"]) == (
        "the event has no `id` (the complaint's own id, text or a whole number, which its decision repeats)",
        {"type": "review"},
    )


@pytest.mark.parametrize(
    ("kind", "listed", "title"),
    [(list[Event], True, "list[Event]"), (Event | None, False, "nullable[Event]")],
)
def test_an_event_in_a_list_or_beside_none_is_refused_under_its_own_name(
    kind: Any, listed: bool, title: str
) -> None:
    """Worded by a ``model_validator(mode="wrap")``, an Event validated in a list or beside
    None had its refusal titled with the wrapper's name, pydantic's internals: "1 validation
    error for list[function-wrap[_identity_in_words()]]"."""
    given = {"id": "e", "type": "review", "occurred_at": "2026-11-23"}
    with pytest.raises(ValidationError) as refused:
        TypeAdapter(kind).validate_python([given] if listed else given)
    assert refused.value.title == title
    assert str(refused.value).startswith(f"1 validation error for {title}\n")
    [problem] = refused.value.errors()
    assert "a date alone is no time" in problem["msg"]  # worded still


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_an_event_holds_no_number_json_has_not(number: str) -> None:
    """pydantic's JSON reader takes ``NaN``, ``Infinity`` and ``1e400`` (as infinity), which
    eval and ``read_event`` refuse as ``bad-number``: an Event refuses them too, in words."""
    text = f'{{"id": "e", "type": "review", "rating": {number}, "order": {{"total": {number}}}}}'
    with pytest.raises(EventError) as read:
        engine.read_event(text)
    assert read.value.code == "bad-number"
    with pytest.raises(ValidationError) as refused:
        Event.model_validate_json(text)
    assert [problem["loc"] for problem in refused.value.errors()] == [
        ("rating",),
        ("order", "total"),
    ]
    assert "which JSON has no number for (eval refuses NaN and Infinity)" in str(refused.value)


def test_evaluate_raises_only_backplan_errors_for_an_event_model(kinds_plan: engine.Plan) -> None:
    # Backplan never validates an Event; what it does with one must not raise pydantic's errors
    # (model_dump(mode="json") raised PydanticSerializationError for an unknown extra value).
    plan = kinds_plan

    class Thing:
        pass

    assert plan.evaluate(Event(id="a", type="review", x_thing=Thing())).matched == []
    with pytest.raises(EventError):
        plan.evaluate(Event.model_construct(id=1.5, type="review"))


def test_a_plan_error_survives_pickling_and_copying_and_names_its_place_once(
    tmp_path: Path,
) -> None:
    import copy
    import pickle

    plan = tmp_path / "plan.yaml"
    plan.write_text("backplan: 1\nplan: {name: T, currency: USD}\nrules: [{id: 1}]\n")
    with pytest.raises(PlanError) as caught:
        load_plan(plan)
    error = caught.value
    for again in (pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)):
        assert type(again) is PlanError
        assert again.diagnostics == error.diagnostics
        assert str(again) == str(error)
    assert str(error).count(str(plan)) == 1  # `3 errors in the plan; first: plan.yaml:3:...`
    assert len(error.diagnostics) > 1
    assert str(error).startswith(f"{len(error.diagnostics)} errors in the plan; first: {plan}:")


def test_every_error_backplan_raises_survives_pickling_and_copying(tmp_path: Path) -> None:
    """An error raised in a worker process reaches its caller pickled; a PlanTestFileError
    (whose __init__ takes diagnostics, as PlanError's does) was made again from its summary,
    and failed with an AttributeError."""
    import copy
    import pickle

    from engine.errors import DecisionFormatError, PlanTestFileError
    from engine.plantest import run_tests

    (tmp_path / "plan.yaml").write_text("backplan: 1\nplan: {name: T}\nrules: [{id: 1}]\n")
    tests = tmp_path / "t.test.yaml"
    tests.write_text("backplan: 1\nplan: plan.yaml\ncases: [{name: a}]\n")
    with pytest.raises(PlanTestFileError) as test_file:
        run_tests([tests])
    with pytest.raises(EventError) as event:
        load_plan().evaluate({"id": "e"})
    with pytest.raises(DecisionFormatError) as document:
        Decision.validate({"format": "x"})
    for error in (test_file.value, event.value, document.value):
        for again in (pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)):
            assert type(again) is type(error)
            assert again.__dict__ == error.__dict__ and str(again) == str(error)
            assert again.args == error.args and repr(again) == repr(error)
    assert test_file.value.plan_diagnostics  # the plan's problems, not only the test file's


def test_copying_a_plan_gives_the_same_immutable_plan() -> None:
    import copy

    plan = load_plan()
    assert copy.copy(plan) is plan
    held = copy.deepcopy({"plan": plan, "settings": [1]})
    assert held["plan"] is plan


def test_what_an_app_derives_from_a_plan_goes_with_it() -> None:
    """A multi-tenant app keeps what it derives from each plan (a staff table, counters) in a
    `WeakKeyDictionary`, so a plan a reload replaced is freed with it; a Plan had no weak
    references ("cannot create weak reference to 'Plan' object", found by embedding)."""
    import gc
    import weakref

    plan = load_plan()
    derived: weakref.WeakKeyDictionary[engine.Plan, str] = weakref.WeakKeyDictionary()
    derived[plan] = "its staff table"
    gone = weakref.finalize(plan, lambda: None)
    assert derived[plan] == "its staff table" and gone.alive
    del plan
    gc.collect()
    assert not derived and not gone.alive


def test_copying_a_holder_gives_the_same_holder_and_pickling_one_says_why_not() -> None:
    """A holder is the plan in force, as a plan is immutable: a copy had been a second holder,
    reloaded apart from the first though it shared its lock (and, unknown to the fork handler,
    kept it in a forked child, where a reload under way left it held for ever), a deep copy
    (an app's settings holding it) raised "cannot pickle '_thread.lock' object", and pickle
    named a Plan the app had not given it (found by review)."""
    import copy
    import pickle

    from engine import PlanHolder

    holder = PlanHolder(REPO / "rules")
    assert copy.copy(holder) is holder
    held = copy.deepcopy({"holder": holder, "settings": [1]})
    assert held["holder"] is holder
    with pytest.raises(TypeError) as refused:
        pickle.dumps(holder)
    assert str(refused.value) == (
        "a PlanHolder cannot be pickled (its plan is compiled code); send the plan's paths to "
        "the other process and make a PlanHolder of them there (a fork-started process "
        "inherits the holder as it is)"
    )


def test_a_holder_says_which_plan_is_in_force(tmp_path: Path) -> None:
    """Its repr had been the default one, ``<engine.reload.PlanHolder object at 0x…>``, which
    says nothing in a log (found by review)."""
    from engine import PlanHolder

    starter = REPO / "rules"
    other = write_plan(
        tmp_path, "rules:\n  - {id: f, title: F, fallback: true, then: [{escalate: {to: lead}}]}\n"
    )
    holder = PlanHolder(starter)
    assert repr(holder) == f"<PlanHolder of {load_plan(starter)!r}>"
    assert holder.reload(other).ok
    assert repr(holder) == f"<PlanHolder of {load_plan(other)!r}>"


def test_a_plan_says_what_it_is_and_why_it_cannot_be_pickled() -> None:
    import pickle

    plan = load_plan()
    assert repr(plan) == (
        f"<Plan {plan.name!r}: {len(plan.model.rules)} rules, {plan.fingerprint[:19]}…>"
    )
    with pytest.raises(TypeError, match="cannot be pickled; send the plan's paths"):
        pickle.dumps(plan)


def test_the_types_public_methods_return_are_exported() -> None:
    # What an app annotates its own code with: every view a Decision hands out, the plan's
    # model and a reload's result come from `engine` itself.
    import engine
    from engine.decision import CompensationSummary, PlanRef, Superseded, TraceStep
    from engine.eventvalues import Unread
    from engine.model import PlanModel
    from engine.reload import ReloadResult

    returned = (CompensationSummary, PlanRef, Superseded, TraceStep, PlanModel, ReloadResult)
    for kind in (*returned, Unread):  # Unread: what `read_values` says it left out
        assert getattr(engine, kind.__name__) is kind
        assert kind.__name__ in engine.__all__


def test_the_types_an_app_passes_are_exported() -> None:
    """What an app annotates its own arguments with, before it calls: every name of the
    engine's own in the parameters of the functions and methods it calls comes from `engine`
    itself. `PlanSource` (what `load_plan`, `read_plan`, `check_plan` and `PlanHolder` take)
    and `Period` (`summarize`'s and `ReportCounts`' `by`) were only in `engine.api` and
    `engine.report`, modules that "may change", so a typed wrapper of `load_plan` had to
    import them from there, or widen its argument to `Any` (found by embedding)."""
    import builtins
    import collections.abc
    import inspect
    import os
    import pathlib
    import re
    import typing

    called = [engine.load_plan, engine.read_plan, engine.check_plan, engine.summarize]
    called += [engine.read_event, engine.event_schema_error, engine.Decision.validate]
    for kind in (engine.Plan, engine.PlanHolder, engine.ReportCounts):
        called += [
            member
            for name, member in vars(kind).items()
            if inspect.isfunction(member) and (name == "__init__" or not name.startswith("_"))
        ]
    standard = (builtins, typing, collections.abc, os, pathlib)  # Any, Mapping, PathLike...
    unexported = set()
    for function in called:
        for parameter in inspect.signature(function).parameters.values():
            for name in re.findall(r"\b[A-Z]\w*", str(parameter.annotation)):
                ours = not any(hasattr(module, name) for module in standard)
                if ours and name not in engine.__all__:
                    unexported.add(f"{function.__qualname__}: {name}")
    assert not unexported, sorted(unexported)
    assert engine.PlanSource is engine.api.PlanSource and "PlanSource" in engine.__all__
    assert engine.Period is engine.report.Period and "Period" in engine.__all__


def test_a_dicts_keys_are_paths_in_order() -> None:
    # A dict's keys are a set to `collections.abc`, but keep their order: refused as "a set
    # has no order" (found by review).
    plan = load_plan({str(starter_plan_dir()): None}.keys())
    assert plan.model.rules


@pytest.mark.parametrize(
    ("source", "words"),
    [
        (123, "not int"),
        (b"rules", "not bytes"),
        (["rules", 5], "not a list holding int"),
        # an open file was iterated: each line a path, each "no such file or folder"
        (io.StringIO("backplan: 1\n"), "not an open file (StringIO)"),
        # a plan's text was read as one long path: "no such file or folder"
        (
            "backplan: 1\nrules: []\n",
            "not a plan's text (this one holds a line break): load a plan's text with "
            "engine.load_plan_text(text) (check it with engine.check_plan_text(text))",
        ),
        # a path read from a file or a command's output, its line end kept, had been told to
        # be a plan's text, "save the text to a .yaml file"
        (
            "rules/\n",
            "not text ending with a line break (a path read from a file or from a command's "
            "output keeps its line end): strip it first, path.strip()",
        ),
        (
            "rules/\r\n",
            "not text ending with a line break (a path read from a file or from a command's "
            "output keeps its line end): strip it first, path.strip()",
        ),
        (
            "rules/\nmore/\n",
            "not a plan's text (this one holds a line break): load a plan's text with "
            "engine.load_plan_text(text) (check it with engine.check_plan_text(text))",
        ),
        # the \r left by splitting a Windows file's text on \n, and a list of paths as
        # readlines() gives them, had been told "rules\n: no such file or folder"
        (
            "rules/\r",
            "not text ending with a line break (a path read from a file or from a command's "
            "output keeps its line end): strip it first, path.strip()",
        ),
        (
            ["rules/a.yaml\n", "rules/b.yaml\n"],
            "not a list holding text ending with a line break (paths read from a file, as "
            "readlines() gives them, keep their line ends): strip each first, "
            "[path.strip() for path in paths]",
        ),
        (
            ["rules/a.yaml", "backplan: 1\nrules: []\n"],
            "not a plan's text (this one holds a line break): load a plan's text with "
            "engine.load_plan_text(text) (check it with engine.check_plan_text(text))",
        ),
        # a plan as a dict was read as its keys, each a path: "backplan: no such file"
        (
            {"backplan": 1, "rules": []},
            "not a mapping (dict): to load a plan made in Python, write it to a .yaml file "
            "(yaml.safe_dump) and give its path",
        ),
        # a set's order changes with PYTHONHASHSEED, and with it the firing order of rules of
        # equal priority and the fingerprint: each process decided otherwise (found by review)
        (
            {"a.yaml", "b.yaml"},
            "not a set (set): a set has no order, and the files' order is the order rules of "
            "equal priority fire in (and the plan's fingerprint), so each process could decide "
            "otherwise; give a list, such as sorted(paths), or the folder",
        ),
    ],
)
def test_a_source_that_is_no_path_is_refused_in_words(source: Any, words: str) -> None:
    """`load_plan(123)` said "'int' object is not iterable"; bytes were read a number at a
    time ("expected str, bytes or os.PathLike object, not int")."""
    from engine import PlanHolder

    expected = f"a plan source is a path (str or pathlib.Path) or a list of paths, {words}"
    for make in (load_plan, PlanHolder):
        with pytest.raises(TypeError) as refused:
            make(source)
        assert str(refused.value) == expected


def test_a_source_is_any_path_object_python_opens() -> None:
    """`load_plan(PurePath("rules"))` was refused, "not PurePosixPath", and so was an app's
    own path class, where Python's `open` takes both (found by review)."""
    from pathlib import PurePath

    class AppPath:
        def __fspath__(self) -> str:
            return str(starter_plan_dir())

    expected = load_plan(starter_plan_dir()).fingerprint
    pure = PurePath(starter_plan_dir())
    for source in (pure, AppPath(), [AppPath()], (pure,)):
        assert load_plan(source).fingerprint == expected


def test_explain_gives_the_decision_with_the_trace_eval_explain_writes(tmp_path: Any) -> None:
    """`Decision.trace` was exported, but only `backplan eval --explain` and a module outside
    the public API made one: an app had no supported way to learn why the fallback fired."""
    from click.testing import CliRunner

    from engine.cli import cli

    plan = load_plan()
    event = {"id": "e1", "type": "review", "rating": 1, "channel": "yelp", "public": True}
    decision = plan.explain(event)
    assert decision.trace is not None and decision.trace[0].matched
    assert {step.rule for step in decision.trace} == {rule.id for rule in plan.model.rules}
    assert decision.matched == plan.evaluate(event).matched
    assert plan.explain(Event(**event)).to_json() == decision.to_json()
    (tmp_path / "e.json").write_text(json.dumps(event), encoding="utf-8")
    written = CliRunner().invoke(cli, ["eval", "--explain", str(tmp_path / "e.json")]).stdout
    assert json.loads(written) == json.loads(decision.to_json())
    with pytest.raises(EventError) as refused:
        plan.explain({"type": "review"})
    assert refused.value.code == "missing-id"


def test_an_explained_decision_is_a_decision_equal_to_one_of_its_document() -> None:
    """`Plan.explain` gives an `ExplainedDecision`, whose `trace` is typed without None: it is
    still a `Decision`, equal to the one validated from its document, with the same fields
    (`repr`), and copied or pickled as itself. One made by hand of a document with no trace
    says how to get one, not an IndexError or None where the type promises a list."""
    import copy
    import pickle

    plan = load_plan()
    explained = plan.explain(REVIEW)
    assert isinstance(explained, engine.ExplainedDecision) and isinstance(explained, Decision)
    assert explained.FIELDS == Decision.FIELDS
    same = Decision.validate(explained.to_document())
    assert type(same) is Decision and same == explained and explained == same
    assert repr(explained) == repr(same).replace("Decision(", "ExplainedDecision(", 1)
    assert explained != plan.evaluate(REVIEW)  # its document has the trace
    for again in (copy.deepcopy(explained), pickle.loads(pickle.dumps(explained))):
        assert type(again) is engine.ExplainedDecision and again == explained
    assert plan.evaluate(REVIEW).trace is None
    untraced = engine.ExplainedDecision(plan.evaluate(REVIEW).to_document())
    with pytest.raises(ValueError, match=r"has no trace: make it with Plan\.explain\(event\)"):
        _ = untraced.trace


def test_an_explained_decision_validated_is_one_and_must_have_its_trace() -> None:
    """`ExplainedDecision.validate(line)` of a line `eval --explain` wrote gave a plain
    `Decision`, whose `trace` mypy reads as possibly None; it gives an `ExplainedDecision`,
    and a decision with no trace is refused there, not at the first read of its `trace`."""
    from engine.errors import DecisionFormatError

    plan = load_plan()
    explained = plan.explain(REVIEW)
    again = engine.ExplainedDecision.validate(json.loads(explained.to_json()))
    assert type(again) is engine.ExplainedDecision and again == explained
    assert again.trace == explained.trace
    assert type(engine.ExplainedDecision.validate(explained)) is engine.ExplainedDecision
    for untraced in (plan.evaluate(REVIEW), plan.decide(REVIEW)):
        with pytest.raises(DecisionFormatError) as refused:
            engine.ExplainedDecision.validate(untraced)
        assert refused.value.problems == (
            "/trace: is missing: an explained decision always has it (Plan.explain, `backplan "
            "eval --explain`); read a decision without one with Decision.validate",
        )
    assert type(Decision.validate(explained)) is Decision  # as before


def test_an_explained_decision_whose_trace_is_null_is_told_so() -> None:
    """A document whose `trace` is null had been told its trace "is missing", though its
    reader saw the key; it is told what it holds, as a null in another field is."""
    from engine.errors import DecisionFormatError

    document = {**load_plan().explain(REVIEW).to_document(), "trace": None}
    with pytest.raises(DecisionFormatError) as refused:
        engine.ExplainedDecision.validate(document)
    assert refused.value.problems == (
        "/trace: should be a list, not null: an explained decision always has it "
        "(Plan.explain, `backplan eval --explain`); read a decision without one with "
        "Decision.validate",
    )
    assert Decision.validate(document).trace is None  # a plain decision may hold a null trace


def test_an_explained_decision_made_by_hand_without_a_trace_has_a_repr() -> None:
    """`repr` of an `ExplainedDecision` made by hand of a document with no trace had raised the
    ValueError its `trace` gives: a failed `assert` in pytest, a debugger or a log line that
    shows it had crashed there. It shows `trace=None`, as its document holds."""
    plan = load_plan()
    decision = plan.evaluate(REVIEW)
    untraced = engine.ExplainedDecision(decision.to_document())
    assert repr(untraced) == repr(decision).replace("Decision(", "ExplainedDecision(", 1)
    assert repr(untraced).endswith("trace=None)")
    explained = plan.explain(REVIEW)  # one with its trace: as before
    assert repr(explained) == repr(Decision(explained.to_document())).replace(
        "Decision(", "ExplainedDecision(", 1
    )


@pytest.mark.parametrize("model", ["rules/", Path("rules"), None, {"backplan": 1}])
def test_a_plan_made_of_no_model_is_refused_in_words(model: Any) -> None:
    """`engine.Plan` is exported, and `Plan("rules/")` reads as the way to load one; it, and
    `Plan(None)`, raised AttributeError "has no attribute 'firing_order'" from the compiler."""
    with pytest.raises(TypeError) as refused:
        engine.Plan(model)
    assert str(refused.value) == (
        f"Plan(model) compiles a checked PlanModel (engine.read_plan(path) gives one), not "
        f"{type(model).__name__}: to load a plan from its files, use engine.load_plan(path)"
    )
    assert engine.Plan(engine.read_plan(starter_plan_dir())).name  # a model is compiled


# --- a model made or changed in Python ---------------------------------------------------------

REVIEW = json.loads((REPO / "examples" / "events" / "public-negative-review.json").read_text())
"""An event the starter plan offers a voucher of 24.00 for (20% of 119.99)."""


def _with_cap(model: engine.PlanModel, cap: Any) -> engine.PlanModel:
    """The model with its ``per_event_max`` replaced, as an app sets a cap per tenant."""
    policy = dataclasses.replace(model.settings.compensation, per_event_max=cap)
    return dataclasses.replace(
        model, settings=dataclasses.replace(model.settings, compensation=policy)
    )


def test_a_changed_model_decides_under_its_own_fingerprint() -> None:
    """`Plan(dataclasses.replace(model, rules=...))`, an app turning rules off per tenant,
    decided under the fingerprint of the files it was changed from: an audit trail naming a
    plan version that did not decide (found by an embedding review)."""
    model = engine.read_plan(starter_plan_dir())
    fewer = engine.Plan(dataclasses.replace(model, rules=model.rules[:5]))
    assert fewer.fingerprint != model.fingerprint
    assert fewer.fingerprint.startswith("sha256:")
    assert fewer.evaluate(REVIEW).plan.fingerprint == fewer.fingerprint
    assert len(fewer.model.rules) == 5
    same = engine.Plan(dataclasses.replace(model))  # written alike, the content alike
    assert engine.Plan(dataclasses.replace(model)).fingerprint == same.fingerprint
    assert fewer.fingerprint != same.fingerprint
    decided = same.evaluate(REVIEW).to_document()
    files = load_plan().evaluate(REVIEW).to_document()
    assert decided.pop("plan") != files.pop("plan")  # the rest of the decision is the same
    assert decided == files


def test_a_changed_model_that_is_no_plan_is_refused_in_words() -> None:
    """`rules=()` compiled to a plan that decides nothing, without a word; `per_event_max=-5`
    raised `AttributeError: 'int' object has no attribute 'quantize'` from engine/money.py."""
    model = engine.read_plan(starter_plan_dir())
    with pytest.raises(PlanError) as empty:
        engine.Plan(dataclasses.replace(model, rules=()))
    assert [d.code for d in empty.value.diagnostics] == ["no-rules"]
    assert str(empty.value) == (
        "1 error in the plan; first: <plan made in Python>: the plan has no rules"
    )
    with pytest.raises(PlanError) as negative:
        engine.Plan(_with_cap(model, -5))
    [problem] = negative.value.diagnostics
    assert (problem.code, problem.source.pointer) == (
        "out-of-range",
        "/plan/compensation/per_event_max",
    )
    assert problem.message == (
        "`-5` is too small; it must be at least 0 in `plan` (compensation › per_event_max)"
    )
    with pytest.raises(TypeError) as no_rule:
        engine.Plan(dataclasses.replace(model, rules=("improvise",)))
    assert str(no_rule.value) == "model.rules[0] is 'improvise' (a str), not a Rule"


def test_a_value_of_another_kind_is_read_as_a_file_reads_it() -> None:
    """A cap given as an `int` is the number a file holds: capped at 5.00, where it had raised
    AttributeError from deep inside."""
    plan = engine.Plan(_with_cap(engine.read_plan(starter_plan_dir()), 5))
    assert plan.model.settings.compensation.per_event_max == decimal.Decimal(5)
    [offer] = [a for a in plan.evaluate(REVIEW).actions if a.type == "compensate"]
    assert offer.params["amount"] == "5.00"


def test_a_model_the_loader_checked_is_compiled_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading costs no second look: the model `read_plan` made is not written back and
    loaded again (a 10,000-rule plan's load is measured); a copy changed in Python is."""
    import engine.api

    def refuse(model: engine.PlanModel) -> engine.PlanModel:
        raise AssertionError("checked again")

    monkeypatch.setattr(engine.api, "model_checked", refuse)
    model = engine.read_plan(starter_plan_dir())
    assert load_plan().fingerprint == engine.Plan(model).fingerprint == model.fingerprint
    with pytest.raises(AssertionError, match="checked again"):
        engine.Plan(dataclasses.replace(model, rules=model.rules))


class _Tier(enum.StrEnum):
    """An app's enum of text, as it might put one in an event."""

    GOLD = "gold"


def test_an_apps_text_subclass_in_an_event_leaves_the_decision_json_data(plan_from: Any) -> None:
    """A message that is one slot alone (``{customer.tier}``), and explain's trace of a test
    that failed on the field, had held the event's own object, an enum member, in the
    decision: ``Decision.validate`` refused the plan's own decision ("_Tier is not JSON data",
    found by embedding). Both now hold its plain text."""
    plan = plan_from(
        """
        rules:
          - id: silver
            title: Silver customers
            when: {event: review, all: [{field: customer.tier, eq: silver}]}
            then: [{note: {message: x}}]
          - id: improvise
            title: Anything else
            fallback: true
            then: [{note: {message: "{customer.tier}"}}]
        """
    )
    event = {"id": "e1", "type": "review", "customer": {"tier": _Tier.GOLD}}
    for decision in (plan.evaluate(event), plan.explain(event)):
        document = decision.to_document()
        assert Decision.validate(document) == decision
        assert document["actions"][0]["params"]["message"].__class__ is str
    [step, _] = plan.explain(event).to_document()["trace"]
    assert (step["actual"].__class__, step["actual"], step["actual_cut"]) == (str, "gold", False)


@pytest.mark.parametrize("zone", [None, "Asia/Kathmandu"])
def test_a_decision_s_checklist_is_what_eval_pretty_prints(zone: str | None) -> None:
    """An app showing a case to its staff had to rebuild the agent's checklist from the
    decision's fields; ``Decision.checklist`` gives the command line's very text, for every
    example complaint (an event as a dict, as an ``Event``, or left out where it adds nothing)."""
    from click.testing import CliRunner

    from engine.cli import cli

    plan = load_plan(starter_plan_dir())
    files = sorted((REPO / "examples" / "events").glob("*.json"))
    zoned = ["--time-zone", zone] if zone else []
    printed = CliRunner().invoke(cli, ["eval", "--pretty", *zoned, *map(str, files)])
    assert printed.exit_code == 0, printed.output
    events = [json.loads(path.read_text(encoding="utf-8")) for path in files]
    written = [plan.evaluate(event).checklist(event, time_zone=zone) for event in events]
    assert printed.stdout == "".join(f"{text}\n\n" for text in written)
    typed = [plan.evaluate(e).checklist(Event.model_validate(e), time_zone=zone) for e in events]
    assert typed == written
    if zone:
        assert " Asia/Kathmandu" in written[0]  # an offset of 5:45: each time in the zone


def test_a_checklist_reads_an_event_model_as_its_fields() -> None:
    """What only the event says (its total in another currency than the plan's) is said
    whether the event is a dict or an ``Event``: the model is read as its fields."""
    event = json.loads((REPO / "examples/events/late-delivery-long.json").read_bytes())
    event["order"]["currency"] = "EUR"
    decision = load_plan(starter_plan_dir()).evaluate(event)
    note = "Check the amount: order.total is in EUR (order.currency), not in the plan's USD"
    assert note in decision.checklist(event)
    assert decision.checklist(Event.model_validate(event)) == decision.checklist(event)


def test_a_checklist_in_a_zone_that_is_none_says_what_to_write() -> None:
    decision = load_plan(starter_plan_dir()).evaluate(
        {"id": "e", "type": "review", "rating": 1, "occurred_at": "2026-11-23T09:30:00Z"}
    )
    with pytest.raises(ValueError, match=r"^`Katmandu` is not a time zone \(did you mean `Asia/Ka"):
        decision.checklist(time_zone="Katmandu")
    assert "happened 2026-11-23 09:30 UTC" in decision.checklist()


@pytest.mark.parametrize(
    ("zone", "happened"),
    [
        ("Pacific/Kiritimati", "9999-12-31 12:00 UTC"),  # 10000-01-01 02:00 there
        ("Asia/Kathmandu", "9999-12-31 17:45 Asia/Kathmandu"),
    ],
)
def test_a_checklist_of_a_moment_past_the_last_day_in_a_zone_writes_it_in_utc(
    zone: str, happened: str
) -> None:
    """A decision ``Decision.validate`` takes may be dated 9999-12-31 late in the day, after
    the last day a date can have in a zone ahead of UTC (eval writes none so late, but a stored
    one may be): its checklist there had raised OverflowError (found by an airline's trial).
    Such a moment is written in UTC, saying so; the others in the zone."""
    document = load_plan(starter_plan_dir()).decide(
        {"id": "e", "type": "review", "rating": 1, "occurred_at": "2026-11-23T09:30:00Z"}
    )
    document["occurred_at"] = "9999-12-31T12:00:00Z"
    for action in document["actions"]:
        action["due"] = "9999-12-31T23:59:59.500000Z"
    text = Decision.validate(document).checklist(time_zone=zone)
    assert f"happened {happened}\n" in text
    assert "due 9999-12-31 23:59:59.5 UTC" in text


_SLIPS = [
    {"id": "e1", "type": "revew", "rating": 1, "occurred_at": "2026-11-23T09:30:00Z"},
    {"id": "e2", "type": "review", "ratting": 1, "occurred_at": "2026-11-23T09:30:00Z"},
    {"id": "e3", "type": "Order", "order": {"total": "12"}},
    {"id": "e4", "type": "survey", "csat": "2"},  # the fallback, nothing misspelt
    {"id": "e5", "type": "conduct", "issue": "Rude"},  # a value in other capitals
]
"""Events the fallback decides, most for a slip in their type or a field's name."""


def test_a_fallback_s_checklist_says_what_the_event_misspelt_as_eval_pretty_does(
    tmp_path: Path,
) -> None:
    """``eval --pretty`` says under the fallback's checklist what the event most likely
    misspelt ("Perhaps because the event has `ratting`: did you mean `rating`?");
    ``Decision.checklist`` had left that line out, though said to be the same text: given the
    plan, it says it too (found by review)."""
    from click.testing import CliRunner

    from engine.cli import cli

    plan = load_plan(starter_plan_dir())
    events = tmp_path / "slips.jsonl"
    events.write_text("".join(json.dumps(event) + "\n" for event in _SLIPS), encoding="utf-8")
    printed = CliRunner().invoke(cli, ["eval", "--pretty", str(events)]).stdout
    written = [plan.evaluate(event).checklist(event, plan=plan) for event in _SLIPS]
    assert printed == "".join(f"{text}\n\n" for text in written)
    assert printed.count("  Perhaps because ") == 4  # a value written otherwise too (e5)
    assert (
        "  Perhaps because rule rude-staff did not match: none of these holds: issue is Rude"
        in (written[4])
    )
    [decision] = [plan.evaluate(_SLIPS[1])]
    assert "Perhaps" not in decision.checklist(_SLIPS[1])  # without the plan: not worked out
    assert "Perhaps" not in decision.checklist(plan=plan)  # without the event: nothing to read


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ({"time_zone": 5}, 'time_zone is the name of a time zone, such as "Europe/Paris"'),
        ({"time_zone": datetime.UTC}, "not timezone"),
        (
            {"event": [("id", "e")]},
            "event is the event decided, a dict or an engine.Event, not list",
        ),
        ({"event": "e"}, "not str"),
        (
            {"plan": "rules/"},
            "plan is the Plan that made the decision, not str: load it first, "
            "engine.load_plan(path), and decide with it",
        ),
        ({"plan": Path("rules")}, "not PosixPath: load it first"),
        ({"plan": 1}, "not int: give the one whose evaluate() made the decision"),
    ],
)
def test_a_checklist_given_a_zone_or_an_event_of_another_kind_says_what_to_give(
    given: dict[str, Any], said: str
) -> None:
    """A zone given as a ``ZoneInfo`` (or a number), or an event as a list or text, had raised
    AttributeError ('int' object has no attribute 'strip') or a ValueError of ``dict``'s; it
    is a TypeError saying what to give, as the other calls of the API say it."""
    decision = load_plan(starter_plan_dir()).evaluate({"id": "e", "type": "review", "rating": 1})
    with pytest.raises(TypeError, match=re.escape(said)):
        decision.checklist(**given)


def test_a_checklist_given_a_plan_holder_or_a_plan_model_says_what_to_give() -> None:
    """``plan=holder`` (the webhook's plan is held by a ``PlanHolder``) or ``plan=plan.model``
    had raised AttributeError "... has no attribute 'model'" from inside the checklist."""
    plan = load_plan(starter_plan_dir())
    decision = plan.evaluate(REVIEW)
    holder = engine.PlanHolder(starter_plan_dir())
    with pytest.raises(TypeError) as refused:
        decision.checklist(REVIEW, plan=holder)  # type: ignore[arg-type]
    assert str(refused.value) == (
        "plan is the Plan that made the decision, not PlanHolder: read holder.plan once, "
        "decide with it, and give it here"
    )
    with pytest.raises(TypeError, match=re.escape("not PlanModel: give the one whose evaluate()")):
        decision.checklist(REVIEW, plan=plan.model)  # type: ignore[arg-type]
    assert decision.checklist(REVIEW, plan=holder.plan) == decision.checklist(REVIEW, plan=plan)


def test_a_checklist_refuses_another_event_or_another_plan_than_its_decision_s() -> None:
    """The checklist says what the event holds where an offer could not be sized, and what it
    misspelt of the plan: given another event (another id), or another plan (a holder that
    reloaded between deciding and the checklist), it had said that of them, as if of this
    decision. Each is a ValueError naming both."""
    plan = load_plan(starter_plan_dir())
    decision = plan.evaluate(REVIEW)
    other = {**REVIEW, "id": 7}
    with pytest.raises(ValueError) as refused:
        decision.checklist(other)
    assert str(refused.value) == (
        f"event is not the event of this decision: its id is 7, the decision's {REVIEW['id']!r}; "
        "give the event decided, or none"
    )
    with pytest.raises(ValueError, match="its id is None"):
        decision.checklist({"type": "review"}, plan=plan)
    rewritten = engine.Plan(dataclasses.replace(plan.model))  # the same rules, another document
    with pytest.raises(ValueError) as refused:
        decision.checklist(REVIEW, plan=rewritten)
    said = str(refused.value)
    assert said.startswith("plan is not the plan of this decision: its fingerprint is 'sha256:")
    assert said.endswith(
        f"the decision's {plan.fingerprint!r}; give the plan that made it (a reload made since "
        "changes it), or none"
    )
    assert decision.checklist(Event(**REVIEW), plan=plan) == decision.checklist(REVIEW, plan=plan)


class _Total(float):
    """A float of the app's own (numpy's ``float64`` is one)."""


@pytest.mark.parametrize(
    ("total", "said"),
    [
        (decimal.Decimal("150.10"), "150.1 in a form JSON has not (Decimal)"),
        (_Total(150), "150 in a form JSON has not (_Total)"),
    ],
)
def test_a_checklist_s_total_of_a_kind_json_has_not_is_not_said_to_be_no_number(
    total: Any, said: str
) -> None:
    """An app's ``Decimal`` total (or a float of its own) is no number to the plan, so a
    percentage of it is left to a person (docs/semantics.md, *In Python*); the checklist
    had said "order.total is 150.1, not a number", of a number (found by review)."""
    plan = load_plan(starter_plan_dir())
    event = json.loads((REPO / "examples" / "events" / "late-delivery-long.json").read_bytes())
    event["order"]["total"] = total
    written = plan.evaluate(event).checklist(event)
    assert f"order.total is {said}, so 10.00 is only the rule's minimum" in written


def test_a_list_holding_a_real_path_with_a_line_end_loads_it(tmp_path: Path) -> None:
    """A list's path that ends with a line end is told to strip it, unless it names a file or
    folder all the same: a name may hold a line break, and the command line gives its paths
    in a list (`eval --plan` of such a folder had been refused with nothing said)."""
    import shutil

    folder = tmp_path / "plan\r\n"
    shutil.copytree(starter_plan_dir(), folder)
    expected = load_plan(starter_plan_dir()).fingerprint
    assert load_plan([str(folder)]).fingerprint == expected
    ending = tmp_path / "other\r"  # a lone text ending with `\r` that names a folder, too
    shutil.copytree(starter_plan_dir(), ending)
    assert load_plan(str(ending)).fingerprint == expected


GOLDEN_PLANS = sorted((REPO / "tests" / "golden" / "diagnostics").glob("*.yaml"))
WHOLE_PLANS = [path for path in GOLDEN_PLANS if path.stem != "no-plan-section"]
"""Every golden broken plan but the one without a ``plan:`` section: named as a file, it is
told it may be one file of a plan split over a folder; given as text, it is the whole plan
(see :func:`test_a_plan_given_as_text_is_the_whole_plan`)."""


@pytest.mark.parametrize("golden", WHOLE_PLANS, ids=lambda path: path.stem)
def test_a_plan_given_as_text_is_told_as_its_file_is(
    golden: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A multi-tenant app keeps each tenant's plan as text in a database: `load_plan_text`
    reads it under the name the app gives, with the words, places and hints the file gets,
    though no such file exists (every column and hint that reads a line again reads the
    text). Only `load_plan(path)` existed: the app wrote a temporary file, and every message
    named it (`/tmp/tmpk2x9.yaml:7:5`), not the plan its manager edits (found by embedding)."""
    monkeypatch.chdir(golden.parent)
    from_file = [d.render() for d in engine.check_plan(golden.name)]
    monkeypatch.chdir(tmp_path)  # no file of that name here: the text alone is read
    from_text = [d.render() for d in engine.check_plan_text(golden.read_bytes(), golden.name)]
    assert from_text == from_file and from_file


def test_a_plan_given_as_text_reads_no_file_of_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name is only the one its messages give: a file of that name in the working folder
    (another tenant's plan, written out once) is never read in the text's place."""
    broken = (REPO / "tests" / "golden" / "diagnostics" / "pasted-nbsp-indent.yaml").read_text(
        encoding="utf-8"
    )  # its hint reads the line again
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text("# another tenant's plan\n" * 40, encoding="utf-8")
    told = [d.render() for d in engine.check_plan_text(broken)]
    (tmp_path / "plan.yaml").write_text(broken, encoding="utf-8")
    assert told == [d.render() for d in engine.check_plan("plan.yaml")]


LINTED_TEXT = """backplan: 1
plan: {name: Tenant 42, currency: USD}
rules:
  - id: r1
    title: R1
    when: {event: review, all: [{field: rating, lte: 2}]}
    then:
      - compensate: {kind: refund, amount: 1.500, message: "Hi {customer.first_name} and {customer.first_name}"}
"""
"""A plan whose lint warnings read its lines again: `amount: 1.500` as written, and the
column of each of two slots in one message."""


def test_a_plan_given_as_text_is_linted_from_its_text_after_it_is_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lint, run on the model of a plan loaded from text once the load is over, read its lines
    again from a file of its name in the working folder, another tenant's plan: the warning of
    `amount: 1.500` was gone and both slots of the message were placed at the first (found by
    review). They are read from the text the model was loaded from, as lint of its file."""
    from engine.checks import run_checks
    from engine.errors import Severity
    from engine.lint import lint_plan

    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text("# another tenant's plan\n" * 40, encoding="utf-8")
    model = engine.load_plan_text(LINTED_TEXT, "plan.yaml").model
    told = [d.render() for d in run_checks(model, severities=frozenset({Severity.WARNING}))]
    (tmp_path / "plan.yaml").write_text(LINTED_TEXT, encoding="utf-8")
    linted = [d.render() for d in lint_plan("plan.yaml")]
    assert told == linted
    assert any("amount-finer-than-currency" in line for line in linted)


def test_a_plan_given_as_text_is_linted_as_its_file_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan editor shows a plan kept in a database its warnings before saving it: only its
    errors had been told (`check_plan_text`), and its warnings needed a temporary file, whose
    name they gave. `lint_plan_text` tells what lint of the file tells, naming `name`, and
    reads no file of that name in the working folder (another tenant's plan there)."""
    from engine.lint import lint_plan, lint_plan_text

    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(LINTED_TEXT, encoding="utf-8")
    linted = [d.render() for d in lint_plan("plan.yaml")]
    (tmp_path / "plan.yaml").write_text("# another tenant's plan\n" * 40, encoding="utf-8")
    assert [d.render() for d in lint_plan_text(LINTED_TEXT, "plan.yaml")] == linted
    assert any("amount-finer-than-currency" in line for line in linted)
    ignored = lint_plan_text(LINTED_TEXT.encode("utf-8"), ignore=["amount-finer-than-currency"])
    assert ignored and all(d.code != "amount-finer-than-currency" for d in ignored)
    [error] = lint_plan_text(LINTED_TEXT.replace("backplan: 1", "backplan: 2"), "t-42.yaml")
    assert error.render().startswith("t-42.yaml:1:")


def test_a_plan_given_as_text_is_the_plan_its_file_is(tmp_path: Path) -> None:
    path = write_plan(tmp_path, PLAN)
    text = path.read_text(encoding="utf-8")
    plan = engine.load_plan_text(text, "tenants/42.yaml")
    assert plan.fingerprint == load_plan(path).fingerprint
    assert plan.evaluate(EVENT) == load_plan(path).evaluate(EVENT)
    assert engine.load_plan_text(text.encode("utf-8")).fingerprint == plan.fingerprint
    assert engine.check_plan_text(text) == []
    with pytest.raises(PlanError) as refused:
        engine.load_plan_text(text.replace("backplan: 1", "backplan: 2"), "tenants/42.yaml")
    assert str(refused.value).startswith("1 error in the plan; first: tenants/42.yaml:")


def test_a_plan_given_as_text_is_the_whole_plan() -> None:
    """Without a `plan:` section it is told to add one to itself: no folder holds the rest."""
    [told] = engine.check_plan_text("backplan: 1\nrules: []\n", "tenant-42.yaml")
    assert told.code == "missing-plan-section"
    assert told.hint == "add `plan: {name: Your Business, currency: USD}` to `tenant-42.yaml`"


@pytest.mark.parametrize(
    ("text", "name", "words"),
    [
        ({"backplan": 1}, "plan.yaml", "not dict: for a plan held as data, give json.dumps"),
        (Path("rules"), "plan.yaml", "not PosixPath: for a plan held as data"),
        ("backplan: 1\n", "", "such as 'tenant-42.yaml', not ''"),
        ("backplan: 1\n", "a\nb.yaml", "such as 'tenant-42.yaml', not 'a\\nb.yaml'"),
    ],
)
def test_what_is_no_plan_text_is_told_so(text: Any, name: Any, words: str) -> None:
    with pytest.raises(TypeError) as refused:
        engine.load_plan_text(text, name)
    assert words in str(refused.value)
