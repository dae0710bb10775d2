"""Every operator, table by table, through the reference semantics AND the compiled matcher.

Each row: operator, plan constant, event value (MISSING for an absent field), ignore_case,
expected. The same row is checked against ``engine.operators.holds`` and against a compiled
one-rule plan, so the generated code cannot drift from the documented meaning.
"""

from __future__ import annotations

from typing import Any

import pytest

from engine.api import Plan
from engine.compile import CompiledMatcher, compile_plan
from engine.errors import SourceLocation
from engine.fields import MISSING
from engine.model import Action, AllOf, FieldTest, PlanModel, PlanSettings, Rule
from engine.operators import holds
from tests.conftest import ArrayLike, NotAnswering

AT = SourceLocation("test.yaml", 1, 1)
NAN, INF = float("nan"), float("inf")

ROWS: list[tuple[str, Any, Any, bool, bool]] = [
    # eq: kinds must match; bool is not a number; null only equals null
    ("eq", 5, 5, False, True),
    ("eq", 5, 5.0, False, True),
    ("eq", 5, "5", False, False),
    ("eq", 1, True, False, False),
    ("eq", True, 1, False, False),
    ("eq", True, True, False, True),
    ("eq", False, False, False, True),
    ("eq", None, None, False, True),
    ("eq", None, MISSING, False, False),
    ("eq", "yelp", "yelp", False, True),
    ("eq", "yelp", "Yelp", False, False),
    ("eq", "yelp", "YELP", True, True),
    ("eq", "yelp", ["yelp"], False, False),
    ("eq", 5, MISSING, False, False),
    # ne: present, same kind, different
    ("ne", 5, 4, False, True),
    ("ne", 5, 5, False, False),
    ("ne", 5, "4", False, False),
    ("ne", 5, MISSING, False, False),
    ("ne", "gold", "silver", False, True),
    ("ne", "gold", "GOLD", True, False),
    ("ne", "gold", "SILVER", True, True),
    ("ne", "gold", 5, True, False),
    ("ne", True, False, False, True),
    ("ne", True, 0, False, False),
    ("ne", False, True, False, True),  # false as the plan's value, too: its own kind
    ("ne", False, 0, False, False),
    # in / not_in
    ("in", ["a", "b"], "a", False, True),
    ("in", ["a", "b"], "c", False, False),
    ("in", ["a", 1], 1, False, True),
    ("in", [1, 2], True, False, False),
    ("in", [True], 1, False, False),
    ("in", [True], True, False, True),
    ("in", ["a", None], None, False, True),
    ("in", ["Yelp"], "yelp", True, True),
    ("in", ["a"], ["a"], False, False),
    ("in", ["a"], MISSING, False, False),
    ("not_in", ["a", "b"], "c", False, True),
    ("not_in", ["a", "b"], "a", False, False),
    ("not_in", ["a", "b"], 3, False, False),
    ("not_in", ["a", "b"], MISSING, False, False),
    ("not_in", ["A"], "a", True, False),
    ("not_in", [1, 2], 3.5, False, True),
    ("not_in", [True], False, False, True),
    # null is a value like any other: it is in a list that holds null, so not_in is False
    ("not_in", [None, "a"], None, False, False),
    ("not_in", [None, "a"], "b", False, True),
    # ordering: numbers with numbers, text with text
    ("lt", 3, 2, False, True),
    ("lt", 3, 3, False, False),
    ("lte", 3, 3, False, True),
    ("gt", 3, 4.5, False, True),
    ("gte", 3, 3, False, True),
    ("gte", 3, "4", False, False),
    ("lt", 3, True, False, False),
    ("lt", 3, MISSING, False, False),
    ("lt", 3, None, False, False),
    ("gt", "2026-01-01", "2026-02-01", False, True),
    ("gt", "b", 5, False, False),
    ("between", [1, 3], 1, False, True),
    ("between", [1, 3], 3, False, True),
    ("between", [1, 3], 3.01, False, False),
    ("between", [1, 3], "2", False, False),
    ("between", ["a", "c"], "b", False, True),
    ("between", [1, 3], MISSING, False, False),
    # contains: text in text, item in list
    ("contains", "late", "very late order", False, True),
    ("contains", "LATE", "very late order", True, True),
    ("contains", "LATE", "very late order", False, False),
    ("contains", "vip", ["vip", "press"], False, True),
    ("contains", 3, [1, 2, 3], False, True),
    ("contains", 1, [True], False, False),
    ("contains", "x", 5, False, False),
    ("contains", 5, "x5", False, False),  # a number is in no text, not even written there
    ("contains", "x", MISSING, False, False),
    ("contains_any", ["rude", "impolite"], "he was rude", False, True),
    ("contains_any", ["rude", "impolite"], "he was kind", False, False),
    ("contains_any", ["RUDE", "impolite"], "he was rude", False, False),  # case counts
    ("contains_any", ["a", "b"], ["c", "b"], False, True),
    ("contains_all", ["late", "cold"], "late and cold", False, True),
    ("contains_all", ["late", "cold"], "late only", False, False),
    ("contains_all", ["a", "b"], ["a", "b", "c"], False, True),
    ("contains_all", ["a"], 5, False, False),
    # ignore_case on text and on lists: only items that are text fold; other kinds as usual
    ("contains", "STRASSE", "die straße", True, True),
    ("contains", "VIP", ["vip", "press"], True, True),
    ("contains", "VIP", ["vip-1", 5], True, False),
    ("contains", 5, [5, "x"], True, True),
    ("contains_any", ["RUDE", "impolite"], "He Was rude", True, True),
    ("contains_any", ["RUDE", 5], ["rude"], True, True),
    ("contains_any", ["RUDE", "impolite"], ["rudeness"], True, False),
    ("contains_any", [f"W{i}" for i in range(12)], "a w11 b", True, True),
    ("contains_any", [f"W{i}" for i in range(12)], "a w11 b", False, False),  # not inlined
    ("contains_any", [f"W{i}" for i in range(12)], ["w3"], True, True),
    ("contains_any", [f"W{i}" for i in range(12)], ["w12"], True, False),
    ("contains_all", ["LATE", "Cold"], "late AND COLD", True, True),
    ("contains_all", ["LATE", "Cold"], ["late", "cold", 1], True, True),
    ("contains_all", ["LATE", "Cold"], ["late"], True, False),
    ("contains_all", [f"W{i}" for i in range(12)], [f"w{i}" for i in range(12)], True, True),
    ("contains_all", ["a"], 5, True, False),
    # numbers in a list longer than SHORT_LIST (16), whose texts are looked up in a set: a
    # number is not text, and is still found by comparing it with the items
    ("contains_any", [99, 5], list(range(20)), False, True),
    ("contains_any", [99, 5.0], list(range(20)), True, True),
    ("contains_any", [20, 21], list(range(20)), False, False),
    ("contains_all", [3, 19.0], list(range(20)), False, True),
    ("contains_all", ["X", 3], ["x", *range(20)], True, True),
    ("contains_all", [3, 20], list(range(20)), False, False),
    ("starts_with", "VIP-", "VIP-123", False, True),
    ("starts_with", "vip-", "VIP-123", False, False),
    ("starts_with", "vip-", "VIP-123", True, True),
    ("starts_with", "VIP-", ["VIP-1"], False, False),
    ("starts_with", "VIP-", ["VIP-1"], True, False),
    ("starts_with", "STRASSE", "Straße 5", True, True),
    ("ends_with", "@acme.example", "dana@acme.example", False, True),
    ("ends_with", "@ACME.example", "dana@acme.example", True, True),
    ("ends_with", "x", MISSING, False, False),
    # matches: RE2 search semantics
    ("matches", r"\b(rude|impolite)\b", "the waiter was rude.", False, True),
    ("matches", r"^rude$", "the waiter was rude", False, False),
    ("matches", "RUDE", "rude", True, True),
    ("matches", "RUDE", "rude", False, False),
    ("matches", "1", 1, False, False),
    # exists / missing: the only tests true for an absent field
    ("exists", True, "x", False, True),
    ("exists", True, 0, False, True),
    ("exists", True, None, False, False),
    ("exists", True, MISSING, False, False),
    ("exists", False, MISSING, False, True),
    ("exists", False, None, False, True),
    ("exists", False, "x", False, False),
    ("missing", True, MISSING, False, True),
    ("missing", True, None, False, True),
    ("missing", True, "", False, False),
    ("missing", False, "x", False, True),
    # a float JSON has not (an app's NaN, pandas' missing value; an infinity) is no number:
    # every test on it fails but `exists`, as for text in a number field; NaN had held `ne: 1`
    # and `not_in`, and minus infinity `lte: 2` (found by review)
    ("ne", 1, NAN, False, False),
    ("ne", 1, INF, False, False),
    ("ne", 1.5, -INF, False, False),
    ("not_in", [1, 2], NAN, False, False),
    ("not_in", [1, "a"], -INF, False, False),
    ("lt", 3, -INF, False, False),
    ("lte", 2, -INF, False, False),
    ("gt", 0, INF, False, False),
    ("gte", 0.5, INF, False, False),
    ("lte", 2, NAN, False, False),
    ("between", [-1, 1], NAN, False, False),
    ("eq", 1, NAN, False, False),
    ("contains", 1, [NAN, INF], False, False),
    ("exists", True, NAN, False, True),
    ("missing", False, -INF, False, True),
]


def _model(op: str, const: Any, ignore_case: bool) -> PlanModel:
    """A one-rule plan made in Python around the test, as an app may make one."""
    test = FieldTest(field="f", op=op, value=const, ignore_case=ignore_case, at=AT)
    escalate = Action(type="escalate", purpose="remedy", to="cx-lead", at=AT)
    condition = AllOf(items=(test,), at=AT)
    rule = Rule(id="r", title="r", condition=condition, then=(escalate,), position=0, at=AT)
    settings = PlanSettings(name="t", currency="USD", at=AT)
    return PlanModel(
        settings=settings,
        conditions={},
        rules=(rule,),
        sources=(),
        fingerprint="x",
        condition_names={},
    )


def _plan(op: str, const: Any, ignore_case: bool) -> Plan:
    """The one-rule plan, loaded as an app's model is (checked as a plan file)."""
    return Plan(_model(op, const, ignore_case))


def _matcher(op: str, const: Any, ignore_case: bool) -> CompiledMatcher:
    """The one-rule plan's compiled matcher alone: a row may hold a test the plan's checks
    refuse (``ignore_case`` where no value is text: ``ignore-case-not-text``), which
    ``Plan`` refuses too, and whose compiled meaning is held to the reference all the same."""
    return compile_plan(_model(op, const, ignore_case))


@pytest.mark.parametrize(("op", "const", "value", "ignore_case", "expected"), ROWS)
def test_operator_row(op: str, const: Any, value: Any, ignore_case: bool, expected: bool) -> None:
    assert holds(op, value, const, ignore_case) is expected
    event: dict[str, Any] = {"id": 1, "type": "review"}
    if value is not MISSING:
        event["f"] = value
    assert (_matcher(op, const, ignore_case).match(event) == [0]) is expected


class NoKind:
    """A value of no kind a test compares with (no JSON class): every test on it is false but
    ``exists``."""


@pytest.mark.parametrize("value", [NAN, INF, -INF], ids=["nan", "inf", "-inf"])
def test_a_float_json_has_not_is_tested_as_a_value_of_no_kind(value: float) -> None:
    """NaN and the infinities, which only an embedding app's event holds, hold and fail the
    same tests as a value of no JSON kind, in the reference and in the compiled matcher: for
    every operator and plan value of the table, ``not`` over it included."""
    for op, const, _, ignore_case, _ in ROWS:
        expected = holds(op, NoKind(), const, ignore_case)
        assert holds(op, value, const, ignore_case) is expected, (op, const)
        fired = _matcher(op, const, ignore_case).match({"id": 1, "type": "review", "f": value})
        assert (fired == [0]) is expected, (op, const)


def test_every_operator_has_rows() -> None:
    from engine.model import OPERATORS

    assert {row[0] for row in ROWS} == set(OPERATORS)


def test_nested_paths_and_list_indexes(plan_from: Any) -> None:
    plan = plan_from(
        """
        rules:
          - id: deep
            title: deep
            when:
              all:
                - {field: customer.tier, eq: gold}
                - {field: order.items.0.sku, eq: A1}
            then: [{note: {message: x}}]
        """
    )
    good = {
        "id": 1,
        "type": "order",
        "customer": {"tier": "gold"},
        "order": {"items": [{"sku": "A1"}]},
    }
    assert plan.matcher.match(good) == [0]
    for bad in (
        {"id": 1, "type": "order", "customer": "gold", "order": {"items": [{"sku": "A1"}]}},
        {"id": 1, "type": "order", "customer": {"tier": "gold"}, "order": {"items": []}},
    ):
        assert plan.matcher.match(bad) == [], bad


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [  # as docs/rule-language.md says: RE2's \w and \b are ASCII, \pL is any letter
        (r"^\w+$", "café", False),
        (r"\b(грубый|épouvantable)\b", "Официант был грубый.", False),
        (r"(?:^|\PL)(rude|грубый|épouvantable)(?:\PL|$)", "Официант был грубый.", True),
        (r"(?:^|\PL)(rude|грубый|épouvantable)(?:\PL|$)", "Service épouvantable !", True),
        (r"(?:^|\PL)(rude|грубый|épouvantable)(?:\PL|$)", "a crude joke", False),
        (r"^\pL+$", "café", True),
    ],
)
def test_regular_expressions_read_letters_as_the_docs_say(
    pattern: str, text: str, found: bool
) -> None:
    assert holds("matches", text, pattern) is found


@pytest.mark.parametrize(
    ("op", "event_text", "plan_value", "expected"),
    [
        ("eq", "Cafe\u0301", "Caf\u00e9", True),  # as docs/rule-language.md says
        ("eq", "Caf\u00e9", "Cafe\u0301", True),  # the plan's decomposed
        ("ne", "Cafe\u0301", "Caf\u00e9", False),
        ("in", "Zu\u0308rich", ["Z\u00fcrich", "Bern"], True),
        ("not_in", "Zu\u0308rich", ["Z\u00fcrich"], False),
        ("contains", "Cafe\u0301 cre\u0300me", "caf\u00e9 cr\u00e8me", False),  # capitals
        ("contains", "Cafe\u0301 cre\u0300me", "Caf\u00e9 cr\u00e8me", True),
        ("contains", "Cafe\u0301", "Cafe", False),  # composed, the e is an é
        ("contains", ["Zu\u0308rich"], "Z\u00fcrich", True),
        ("contains_any", ["x", "Zu\u0308rich"], ["Bern", "Z\u00fcrich"], True),
        ("starts_with", "Cafe\u0301 Lyon", "Cafe", False),
        ("starts_with", "Cafe\u0301 Lyon", "Caf\u00e9", True),
        ("ends_with", "Cafe\u0301", "\u00e9", True),
        ("matches", "Cafe\u0301", "^Caf.$", True),  # one character, composed
        ("lt", "e\u0301", "f", False),  # é sorts after f, however it is written
        ("between", "e\u0301", ["a", "f"], False),
        ("eq", "\u212a", "K", True),  # KELVIN SIGN composes to K
    ],
)
def test_text_is_compared_composed_however_its_accents_are_written(
    op: str, event_text: Any, plan_value: Any, expected: bool
) -> None:
    """An `é` written as `e` and a combining accent (as macOS and some phones send it) is the
    `é` of one character to every test, as it looks (docs/rule-language.md)."""
    assert holds(op, event_text, plan_value) is expected
    event = {"id": "e", "type": "review", "f": event_text}
    assert bool(_matcher(op, plan_value, False).match(event)) is expected


@pytest.mark.parametrize(
    ("op", "event_text", "plan_value"),
    [
        ("eq", "CAFE\u0301", "caf\u00e9"),
        ("in", "CAFE\u0301", ["caf\u00e9"]),
        ("contains", "ZU\u0308RICH NORD", "z\u00fcrich"),
        ("starts_with", "\u00c9TAGE", "e\u0301tage"),  # the plan's written apart
    ],
)
def test_ignore_case_folds_text_composed(op: str, event_text: str, plan_value: Any) -> None:
    assert holds(op, event_text, plan_value, True)
    event = {"id": "e", "type": "review", "f": event_text}
    assert _matcher(op, plan_value, True).match(event) == [0]


class Label(str):
    """A subclass of str (an embedding app's ``StrEnum`` member): not an item ``contains`` finds."""


def _plainly_contains(items: list[Any], const: str, ignore_case: bool) -> bool:
    """The definition: an item of the class str equal to the text (folded with ignore_case)."""
    fold = str.casefold if ignore_case else str
    return any(item.__class__ is str and fold(item) == fold(const) for item in items)


LIST_CASES: list[list[Any]] = [
    [],
    ["late"],
    [Label("late")],
    [Label("late"), "late"],
    ["LATE", 1, None, {"late": 1}, ["late"]],
    # an app's values whose == answers with neither true nor false (pandas' NA, a numpy array)
    # had raised TypeError or ValueError, or been taken for "not found" past an equal subclass
    [NotAnswering(), "late"],
    ["late", ArrayLike()],
    [ArrayLike(), "x", "late"],
    [Label("late"), ArrayLike(), "late"],
    [Label("late"), NotAnswering()],
    *(
        [*(f"x{n}" for n in range(length)), *tail]
        for length in (16, 40)  # short and long lists (engine.operators.SHORT_LIST)
        for tail in (
            [],
            ["late"],
            [Label("late")],
            [Label("late"), "x", "late"],
            ["LATE"],
            [1],
            [NotAnswering(), "late"],
            [Label("late"), ArrayLike(), "late"],
        )
    ),
]


@pytest.mark.parametrize("ignore_case", [False, True])
@pytest.mark.parametrize("items", LIST_CASES, ids=range(len(LIST_CASES)))
def test_a_list_contains_a_text_as_its_definition_says(items: list[Any], ignore_case: bool) -> None:
    """Searched by ``list.index`` or looked up in the set of its texts (made once for the event
    inside ``one_event``, as explain does), a list contains what the definition says."""
    from engine.operators import one_event

    for const in ("late", "x3", "LATE", ""):
        expected = _plainly_contains(items, const, ignore_case)
        assert holds("contains", items, const, ignore_case) is expected
        assert holds("contains_any", items, [const, "none"], ignore_case) is expected
        with one_event():
            assert holds("contains", items, const, ignore_case) is expected
            assert holds("contains", items, const, ignore_case) is expected  # from the memo
            assert holds("contains_all", items, [const, const], ignore_case) is expected


def test_a_text_past_an_equal_subclass_and_an_array_is_found() -> None:
    """``list.index`` raises ValueError for an item not found and for a numpy array's answer
    asked its truth alike: a list holding a subclass of str equal to the text (an app's
    ``StrEnum`` member), then an array, then the text was taken not to contain it, by the
    matcher (which has the reference confirm what ``in`` finds) as by explain."""
    items = [Label("late"), ArrayLike(), "late"]
    event = {"id": 1, "type": "review", "f": items}
    for op, const in [("contains", "late"), ("contains_any", ["late", "x"])]:
        assert _plan(op, const, False).matcher.match(event) == [0], op


def test_a_list_changed_after_one_event_is_read_anew() -> None:
    from engine.operators import one_event

    items = [f"x{n}" for n in range(40)]
    with one_event():
        assert not holds("contains", items, "late")
    items.append("late")
    with one_event():
        assert holds("contains", items, "late")


def test_an_events_folded_texts_are_let_go_when_the_next_event_is_decided() -> None:
    """The memo of folded texts kept up to 100,000 texts of past events (customers' words,
    about 25 MB) for as long as the process ran, though no later event, parsed anew, can meet
    the same text objects: it now holds the texts of the event decided last, at most."""
    from engine import load_plan
    from engine.operators import FOLDED_TEXTS

    plan = load_plan()  # `customer.tier in [gold, platinum]`, ignore_case
    tier = "".join(["Gold ", "member"])  # a text of its own, as a parsed event's
    plan.decide({"id": "a", "type": "order", "customer": {"tier": tier}})
    assert any(text is tier for text, _ in FOLDED_TEXTS.values())  # folded for its test
    plan.decide({"id": "b", "type": "order", "customer": {"tier": "silver"}})
    assert not any(text is tier for text, _ in FOLDED_TEXTS.values())


def test_missing_is_false_and_shown_by_name() -> None:
    """An absent field reads as false where a value is asked whether it is there, and is
    named, not shown as an object's address, when a test shows it."""
    assert not MISSING
    assert repr(MISSING) == "MISSING"


def test_a_text_larger_than_the_memo_is_folded_and_not_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only an app's event can hold one (eval's lines are at most 1 MiB): it is folded each
    time, and never held in memory past its test."""
    from engine import operators

    monkeypatch.setattr(operators, "FOLD_MEMO_CHARS", 10)
    text = "STRASSE Große"
    assert operators.fold_text(text) == "strasse grosse"
    assert not any(kept is text for kept, _ in operators.FOLDED_TEXTS.values())


def test_one_event_inside_another_shares_its_memo() -> None:
    """explain decides the event, then traces each rule, both inside one event: the inner one
    keeps the outer one's sets, and leaves them to it."""
    from engine.operators import _event_sets, one_event

    with one_event():
        outer = _event_sets.get()
        with one_event():
            assert _event_sets.get() is outer
        assert _event_sets.get() is outer
    assert _event_sets.get() is None
