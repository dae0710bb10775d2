"""engine.decisioncheck: the quick yes to a decision line, held to the format's model.

The quick check may only say yes where the model (``engine.decisionmodel``, then
``model_dump``) accepts the document and gives back the values it holds: these tests mutate
real decisions (wrong classes, keys taken away or added, times and amounts not written as a
decision writes them) and compare the two verdicts, and what ``backplan report`` counts or
refuses either way.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from unittest import mock

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engine.decision
from engine.decision import parsed_document
from engine.decisioncheck import WRITTEN_FOR, schema_digest, surely_a_decision
from engine.errors import DecisionFormatError
from engine.explain import decide_with_trace
from engine.report import ReportCounts, summarize
from engine.resources import load_schema
from tests.conftest import REPO
from tests.test_report import EXAMPLES, STARTER, example_documents

DECISIONS = example_documents()
TRACED = decide_with_trace(STARTER, json.loads(EXAMPLES[0].read_text(encoding="utf-8")))
SET_ASIDE = [d for d in DECISIONS if d["compensation"] and d["compensation"]["superseded"]]
BASES = [*DECISIONS, *[TRACED, *SET_ASIDE] * 5]
"""Real decisions: the example complaints', those with offers set aside and an explained one
drawn more often (they have the parts the others lack)."""
WHOLE = {**SET_ASIDE[0], "trace": TRACED["trace"]}
"""A decision with every part: offers set aside, and a trace."""
OFFER = next(i for i, a in enumerate(WHOLE["actions"]) if a["type"] == "compensate")
"""Where its compensate action is."""

VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    7,
    5.0,
    1.5,
    2**64,
    -(2**63) - 1,
    "",
    "x",
    "x" * 201,
    "24.00",
    "24.00\n",
    "1e3",
    "-0.5",
    "2026-11-23T09:30:00Z",
    "2026-11-23T09:30:00.123456Z",
    "2026-11-23T09:30:00",
    "2026-11-23T09:30:00+00:00",
    "2026-02-29T10:00:00Z",
    "2026-11-23T24:00:00Z",
    "2026-13-45T10:00:00Z",
    "backplan.decision/1",
    "remedy",
    "prevention",
    "max",
    "sum",
    "unresolved",
    "cap-reached",
    "voucher",
    "per_event_max",
    [],
    ["a"],
    [1],
    {},
    {"a": 1},
    {"name": "n", "fingerprint": "f"},
]
"""JSON values a mutation puts in place: of each class, and the texts the format is picky about."""

KEYS = [
    *("extra", "trace", "rule", "field", "actual", "actual_cut", "superseded", "params"),
    *("kind", "percent", "base", "message"),
]
"""Keys a mutation adds: unknown ones, and ones the format has elsewhere."""


def _places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every value in a document, itself first."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _places(item, (*path, index))


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        document = document[part]
    return document


def _near(value: Any) -> list[Any]:
    """Values a slip makes of ``value``: text emptied, cut, lengthened, with a newline or in
    capitals; a number or a yes/no written otherwise."""
    if isinstance(value, str):
        return ["", value[:-1], value + "x", value + "\n", value.upper(), value[:10]]
    if isinstance(value, bool | int | float):
        return [float(value), int(value) + 1, -value, str(value), None]
    return [None]


@st.composite
def mutated_decisions(draw: st.DrawFn) -> dict[str, Any]:
    """A real decision with one to three mutations: a value replaced (by one of
    :data:`VALUES`, a slip of it, or a value from elsewhere in the decision), a key taken
    away, or a key added to a mapping (the decision itself too)."""
    document = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 3))):
        places = list(_places(document))
        shapes: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
        for place in places:  # each kind of place as likely: not 30 parameters to one type
            shape = tuple("*" if isinstance(part, int) else part for part in place)
            shapes.setdefault(shape, []).append(place)
        path = draw(st.sampled_from(draw(st.sampled_from(list(shapes.values())))))
        change = draw(st.sampled_from(["replace", "slip", "swap", "remove", "add"]))
        target = _at(document, path)
        if change == "add":
            if isinstance(target, dict):
                target[draw(st.sampled_from(KEYS))] = copy.deepcopy(draw(st.sampled_from(VALUES)))
            continue
        if not path:
            continue
        parent, last = _at(document, path[:-1]), path[-1]
        if change == "replace":
            parent[last] = copy.deepcopy(draw(st.sampled_from(VALUES)))
        elif change == "slip":
            parent[last] = draw(st.sampled_from(_near(target)))
        elif change == "swap":
            parent[last] = copy.deepcopy(_at(document, draw(st.sampled_from(places))))
        elif isinstance(parent, dict):
            del parent[last]
    return document


def _model_accepts(document: dict[str, Any]) -> bool:
    """The model's verdict, as ``backplan report`` had it for every line."""
    try:
        engine.decision._format_checked(copy.deepcopy(document))
    except DecisionFormatError:
        return False
    return True


def _counted(document: dict[str, Any]) -> Any:
    """What a report makes of one document: its numbers, or the problems said."""
    counts = ReportCounts()
    try:
        counts.add(copy.deepcopy(document))
    except DecisionFormatError as refused:
        return refused.problems
    return counts.report().to_document()


@settings(max_examples=1000, deadline=None)
@given(mutated_decisions())
def test_the_quick_check_says_yes_where_the_model_does(document: dict[str, Any]) -> None:
    assert surely_a_decision(document) == _model_accepts(document)


@settings(max_examples=300, deadline=None)
@given(mutated_decisions())
def test_a_report_counts_and_refuses_the_same_without_the_quick_check(
    document: dict[str, Any],
) -> None:
    quick = _counted(document)
    with mock.patch.object(engine.decision, "surely_a_decision", lambda _document: False):
        assert _counted(document) == quick


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("format",), "backplan.decision/2"),
        (("event_id",), 5.0),
        (("event_id",), True),
        (("event_id",), ""),
        (("event_id",), "x" * 201),
        (("event_id",), 2**64),
        (("event_type",), ""),
        (("occurred_at",), "2026-11-23T09:30:00"),
        (("occurred_at",), "2026-02-29T10:00:00Z"),
        (("plan",), {"name": "n"}),
        (("plan", "name"), 1),
        (("matched",), ["ok", 1]),
        (("fallback",), 0),
        (("actions",), {}),
        (("actions", 0), []),
        (("actions", 0, "type"), None),
        (("actions", 0, "rule"), 1),
        (("actions", 0, "purpose"), "cure"),
        (("actions", 0, "params"), []),
        (("actions", 0, "params"), {1: "a"}),
        (("actions", 0, "within"), 4),
        (("actions", 0, "due"), "2026-11-23T24:00:00Z"),
        (("actions", 0, "also_from"), "x"),
        (("actions", 0, "also_from"), [None]),
        (("actions", OFFER, "params", "kind"), "gift"),
        (("actions", OFFER, "params", "kind"), ["voucher"]),
        (("actions", OFFER, "params", "amount"), 24),
        (("actions", OFFER, "params", "amount"), "24.00\n"),
        (("actions", OFFER, "params", "currency"), 1),
        (("actions", OFFER, "params", "limited_by"), "cap"),
        (("actions", OFFER, "params", "limited_by"), {}),
        (("actions", OFFER, "params", "needs_approval"), None),
        (("actions", OFFER, "params", "unresolved"), 0),
        (("actions", OFFER, "params", "percent"), 10),
        (("actions", OFFER, "params", "of"), None),
        (("actions", OFFER, "params", "base"), "86,4"),
        (("actions", OFFER, "params", "message"), None),
        (("compensation", "currency"), None),
        (("compensation", "combine"), "min"),
        (("compensation", "offered"), "1e3"),
        (("compensation", "total"), "24,00"),
        (("compensation", "cap"), "24.00\n"),
        (("compensation", "capped"), None),
        (("compensation", "approval_threshold"), 50),
        (("compensation", "needs_approval"), "no"),
        (("compensation", "superseded"), None),
        (("compensation", "superseded", 0, "rule"), 1),
        (("compensation", "superseded", 0, "amount"), "-"),
        (("compensation", "superseded", 0, "reason"), "other"),
        (("trace",), {}),
        (("trace", 0, "rule"), None),
        (("trace", 0, "matched"), "yes"),
        (("trace", 0, "reason"), None),
        (("trace", 0, "field"), 1),
        (("trace", 0, "actual_cut"), None),
    ],
)
def test_each_value_the_model_refuses_the_quick_check_refuses(
    path: tuple[Any, ...], value: Any
) -> None:
    document = copy.deepcopy(WHOLE)
    assert surely_a_decision(document) and _model_accepts(document)
    _at(document, path[:-1])[path[-1]] = value
    assert not surely_a_decision(document)
    assert not _model_accepts(document)


@pytest.mark.parametrize(
    "path",
    [
        *[(key,) for key in DECISIONS[0]],
        *[("actions", 0, key) for key in DECISIONS[0]["actions"][0]],
        *[
            ("actions", OFFER, "params", key)
            for key in ("kind", "amount", "currency", "limited_by", "needs_approval", "unresolved")
        ],
        *[("compensation", key) for key in WHOLE["compensation"]],
        *[("compensation", "superseded", 0, key) for key in ("rule", "amount", "reason")],
        *[("trace", 0, key) for key in ("rule", "matched", "reason")],
    ],
)
def test_a_key_the_model_requires_the_quick_check_requires(path: tuple[Any, ...]) -> None:
    document = copy.deepcopy(WHOLE)
    del _at(document, path[:-1])[path[-1]]
    assert not surely_a_decision(document)
    assert not _model_accepts(document)


@pytest.mark.parametrize(
    "path",
    [
        (),
        ("plan",),
        ("actions", 0),
        ("actions", OFFER, "params"),
        ("compensation",),
        ("compensation", "superseded", 0),
        ("trace", 0),
    ],
)
def test_a_key_the_format_does_not_have_is_one_the_quick_check_refuses(
    path: tuple[Any, ...],
) -> None:
    document = copy.deepcopy(WHOLE)
    _at(document, path)["extra"] = 1
    assert not surely_a_decision(document)
    assert not _model_accepts(document)


def test_the_model_is_not_asked_about_the_decisions_eval_writes() -> None:
    # The model's check and model_dump were more than half of what the report spent on a line.
    def asked(document: Any) -> dict[str, Any]:
        raise AssertionError("the model was asked")

    counts = ReportCounts()
    with mock.patch.object(engine.decision, "_format_checked", asked):
        for number, document in enumerate(BASES):  # each of its own event: none a repeat
            counts.add(orjson.loads(orjson.dumps({**document, "event_id": f"e{number}"})))
    assert counts.report().decisions == len(BASES)


def test_the_quick_check_was_written_for_the_published_schema() -> None:
    assert schema_digest(load_schema("decision")) == WRITTEN_FOR, (
        "schemas/decision.schema.json changed: make engine/decisioncheck.py check what it now "
        "says (the model's verdict is in tests/test_decisioncheck.py), then set WRITTEN_FOR to "
        "this digest"
    )


def _deep(levels: int) -> Any:
    value: Any = "here"
    for _ in range(levels):
        value = [value]
    return value


@pytest.mark.parametrize(
    "value",
    [(1, 2), Decimal("1.5"), float("nan"), float("inf"), {1: "a"}, _deep(100), [_deep(70)]],
    ids=["tuple", "Decimal", "NaN", "infinity", "number-key", "deep-100", "deep-71"],
)
def test_a_parameter_the_model_would_write_otherwise_goes_the_model_s_way(value: Any) -> None:
    document = copy.deepcopy(DECISIONS[0])
    document["actions"][0]["params"]["x"] = value
    assert not surely_a_decision(document)
    assert parsed_document(document) is not document  # the model's own copy, as it wrote it


def test_an_amount_given_as_a_decimal_is_counted_as_before() -> None:
    # An app's own document may hold a Decimal where eval writes text: the model wrote it
    # back as text, and the report counted it; taken as it was, it would have been refused.
    document = next(d for d in copy.deepcopy(DECISIONS) if d["compensation"])
    where = next(i for i, a in enumerate(document["actions"]) if a["type"] == "compensate")
    params = document["actions"][where]["params"]
    written = params["amount"]
    params["amount"] = Decimal(written)
    assert summarize([document]).compensation.currencies[0].total == written


def test_an_id_written_with_a_point_is_refused_as_before() -> None:
    document = {**DECISIONS[0], "event_id": 5.0}
    assert not surely_a_decision(document)
    with pytest.raises(DecisionFormatError) as refused:
        ReportCounts().add(document)
    assert refused.value.problems == (
        "/event_id: should be text in quotes or a whole number, not the number 5.0",
    )


def test_a_time_of_a_known_day_and_clock_is_still_checked_whole() -> None:
    # Days and clocks of real times are kept; a time no calendar has is made of neither.
    document = copy.deepcopy(DECISIONS[0])
    assert surely_a_decision(document)
    day, clock = document["occurred_at"][:10], document["occurred_at"][10:]
    for time in (f"{day}T24:00:00Z", f"2026-02-29{clock}"):
        document["occurred_at"] = time
        assert not surely_a_decision(document)


def test_deciding_does_not_import_the_quick_check() -> None:
    """Only `backplan report` reads decisions back: an app importing the library, and eval,
    explain and test, are not to import the check (and the schema it reads) as they start."""
    code = (
        "import sys; import engine.api, engine.decision; "
        "print('engine.decisioncheck' in sys.modules)"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert loaded.stdout == "False\n"


def test_a_document_that_is_no_mapping_is_left_to_the_model() -> None:
    assert not surely_a_decision([DECISIONS[0]])
    with pytest.raises(DecisionFormatError, match="/: should be an object"):
        parsed_document([DECISIONS[0]])


def test_a_schema_the_quick_check_was_not_written_for_leaves_every_document_to_the_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A published schema changed without the quick check: it says yes to nothing, and the
    model alone decides (what it accepts is still read)."""
    import engine.decisioncheck as quick

    quick._format.cache_clear()
    monkeypatch.setattr(quick, "WRITTEN_FOR", "another schema")
    try:
        assert not surely_a_decision(copy.deepcopy(DECISIONS[0]))
        assert parsed_document(copy.deepcopy(DECISIONS[0])) == DECISIONS[0]
    finally:
        quick._format.cache_clear()


def test_times_past_the_memory_of_known_days_are_still_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Once as many days as it keeps are known, a new real day is accepted and not kept, and
    a day no calendar has is still refused."""
    import engine.decisioncheck as quick

    monkeypatch.setattr(quick, "MAX_KNOWN_TIMES", len(quick._known_days))
    document = copy.deepcopy(DECISIONS[0])
    document["occurred_at"] = "2031-07-14T08:15:00Z"
    assert surely_a_decision(document)
    assert "2031-07-14" not in quick._known_days
    document["occurred_at"] = "2031-02-29T08:15:00Z"
    assert not surely_a_decision(document)
