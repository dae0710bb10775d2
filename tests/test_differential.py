"""The compiled matcher against a plain interpreter, on random plans and events (hypothesis).

``engine.compile`` generates Python code, splits rules by event type and indexes them on equality
tests; every one of those tricks is a chance to disagree with the language. The interpreter
below is the plainest possible reading of a plan, built only on ``engine.operators`` (the
reference semantics) and ``engine.fields.lookup``: it walks each rule's condition tree for each
event. The two must agree on which rules match, and on which rules fire once ``stop``,
``match: first`` and the fallback rules are applied.

Plans are built as plan documents and go through the real schema check, model builder and
semantic checks, so only plans a user could write are compared.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from unicodedata import normalize

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from engine.api import Plan
from engine.checks import run_checks
from engine.compile import MAX_INLINE_TEXTS
from engine.documents import LoadedDocument
from engine.errors import Severity
from engine.fields import lookup, split_path
from engine.model import OPERATORS, AllOf, AnyOf, Condition, FieldTest, Not, PlanModel, Rule, Use
from engine.operators import SHORT_LIST, holds
from engine.planfile import build_model
from engine.schema import validate_plan_document
from engine.textforms import composed
from tests.conftest import ArrayLike, NotAnswering

# --- the reference interpreter -----------------------------------------------------------------


def holds_tree(condition: Condition, event: dict[str, Any], plan: PlanModel) -> bool:
    """Whether a condition holds for an event, read as plainly as possible."""
    if isinstance(condition, AllOf):
        return all(holds_tree(item, event, plan) for item in condition.items)
    if isinstance(condition, AnyOf):
        return any(holds_tree(item, event, plan) for item in condition.items)
    if isinstance(condition, Not):
        return not holds_tree(condition.item, event, plan)
    if isinstance(condition, Use):
        return holds_tree(plan.conditions[condition.name], event, plan)
    assert isinstance(condition, FieldTest)
    value = lookup(event, split_path(condition.field))
    return holds(condition.op, value, condition.value, condition.ignore_case)


def rule_applies(rule: Rule, event: dict[str, Any], plan: PlanModel) -> bool:
    """A rule matches when the event is of one of its types (if it names any) and its
    condition holds."""
    if rule.events is not None and event.get("type") not in rule.events:
        return False
    return holds_tree(rule.condition, event, plan)


def reference_firing(plan: PlanModel, event: dict[str, Any]) -> tuple[list[str], bool]:
    """The ids of the rules that fire, in order, and whether the fallback fired."""
    ordered = sorted((r for r in plan.rules if r.enabled), key=lambda r: (-r.priority, r.position))

    def select(pool: list[Rule]) -> list[str]:
        fired: list[str] = []
        for rule in pool:
            if rule_applies(rule, event, plan):
                fired.append(rule.id)
                if rule.stop or plan.settings.match == "first":
                    break
        return fired

    fired = select([r for r in ordered if not r.fallback])
    if fired:
        return fired, False
    return select([r for r in ordered if r.fallback]), True


# --- random plans ------------------------------------------------------------------------------

TEXT_FIELDS = ("channel", "issue", "store", "customer.tier", "text")
NUMBER_FIELDS = ("rating", "order.total", "customer.complaints_90d")
LIST_FIELDS = ("tags", "order.items")
BOOL_FIELDS = ("public", "repeat")
FIELDS = (*TEXT_FIELDS, *NUMBER_FIELDS, *LIST_FIELDS, *BOOL_FIELDS, "order.items.0", "missing.x")
WORDS = ("a", "b", "ab", "Ab", "late", "LATE", "yelp", "ß", "SS", "")
SPELLINGS = (  # texts written two ways that look the same (engine.textforms): compared composed
    "e",
    "é",  # U+00E9
    "e\u0301",  # e and a combining acute: the same é, decomposed
    "cafe",
    "café",
    "cafe\u0301",
    "CAFE\u0301",
    "\u212a",  # KELVIN SIGN: composes to K
    "K",
    "k",
    "\u212b",  # ANGSTROM SIGN: composes to Å
    "\u00c5",
    "a\u030a",  # a and a combining ring: å
)
NAMED = ("public_channel", "unhappy")

texts = st.sampled_from(WORDS + SPELLINGS)
numbers = st.one_of(st.integers(-3, 6), st.sampled_from([0.5, 2.0, 4.5, -1.0]))
scalars = st.one_of(texts, numbers, st.booleans(), st.none())


@st.composite
def field_test(draw: st.DrawFn) -> dict[str, Any]:
    """One field test whose operator and value a plan may hold (schema and checks pass)."""
    name = draw(st.sampled_from(FIELDS))
    op = draw(st.sampled_from(OPERATORS))
    test: dict[str, Any] = {"field": name}
    if op in ("eq", "ne"):
        value = draw(scalars)
        assume(not (op == "ne" and value is None))
    elif op in ("in", "not_in", "contains_any"):
        value = draw(st.lists(scalars, min_size=1, max_size=4))
    elif op == "contains_all":
        value = draw(st.lists(st.one_of(texts, numbers, st.booleans()), min_size=1, max_size=3))
    elif op in ("lt", "lte", "gt", "gte"):
        value = draw(st.one_of(numbers, texts))
    elif op == "between":
        low, high = draw(
            st.one_of(
                st.tuples(numbers, numbers).map(sorted),
                st.tuples(texts, texts).map(lambda pair: sorted(pair, key=composed)),
            )
        )
        value = [low, high]
    elif op == "contains":
        value = draw(st.one_of(texts, numbers, st.booleans()))
    elif op in ("starts_with", "ends_with"):
        value = draw(texts)
    elif op == "matches":
        patterns = ["^a", "b$", "(?i)late", "a|ß", "^$", "[0-9]", "^e", "é$", "(?i)^cafe$"]
        value = draw(st.sampled_from(patterns))
    else:
        value = draw(st.booleans())
    test[op] = value
    text_compare = op in ("contains", "contains_any", "contains_all", "starts_with", "ends_with")
    text_compare = (
        text_compare
        or op == "matches"
        or (
            op in ("eq", "ne", "in", "not_in")
            and any(isinstance(v, str) for v in (value if isinstance(value, list) else [value]))
        )
    )
    if text_compare and draw(st.booleans()):
        test["ignore_case"] = True
    return test


def conditions(depth: int = 3) -> st.SearchStrategy[dict[str, Any]]:
    """A condition tree: tests, all/any lists, not, and uses of the named conditions."""
    leaves = st.one_of(field_test(), st.sampled_from(NAMED).map(lambda n: {"use": n}))
    return condition_trees(leaves)


def condition_trees(
    leaves: st.SearchStrategy[dict[str, Any]], items: tuple[int, int] = (1, 3), most: int = 6
) -> st.SearchStrategy[dict[str, Any]]:
    """Condition trees over ``leaves``: `all` and `any` lists of ``items`` (fewest, most)
    items, and `not`; ``most`` leaves at the most."""
    fewest, largest = items
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, min_size=fewest, max_size=largest).map(lambda xs: {"all": xs}),
            st.lists(inner, min_size=fewest, max_size=largest).map(lambda xs: {"any": xs}),
            inner.map(lambda item: {"not": item}),
        ),
        max_leaves=most,
    )


EVENT_TYPES = ("review", "order", "x-custom")


@st.composite
def rules(
    draw: st.DrawFn, count: int, scope: st.SearchStrategy[dict[str, Any]] | None
) -> list[dict[str, Any]]:
    """``count`` rules and one to two fallback rules."""
    items: list[dict[str, Any]] = []
    for index in range(count):
        when: dict[str, Any] = {"all": draw(st.lists(conditions(), min_size=0, max_size=3))}
        if scope is not None:
            when["all"].insert(0, draw(scope))
        when.update(draw(event_scope()))
        if not when["all"]:
            del when["all"]
            if "event" not in when:
                when["any"] = [draw(field_test())]
        rule: dict[str, Any] = {
            "id": f"r{index}",
            "title": f"Rule {index}",
            "priority": draw(st.integers(0, 3)),
            "when": when,
            "then": [{"apologize": {}}],
        }
        if draw(st.integers(0, 9)) == 0:
            rule["enabled"] = False
        if draw(st.integers(0, 7)) == 0:
            rule["stop"] = True
        items.append(rule)
    for index in range(draw(st.integers(1, 2))):
        fallback: dict[str, Any] = {
            "id": f"fallback{index}",
            "title": "Nothing fits",
            "fallback": True,
            "priority": draw(st.integers(0, 3)),
            "then": [{"escalate": {"to": "cx-lead"}}],
        }
        # A fallback may be scoped too, by a test (not the first) and by event types: an event
        # that no regular rule matched goes to the fallbacks of its own type.
        scoped = draw(event_scope())
        if index and draw(st.booleans()):
            scoped["all"] = [draw(field_test())]
        if scoped:
            fallback["when"] = scoped
        items.append(fallback)
    return items


@st.composite
def event_scope(draw: st.DrawFn) -> dict[str, Any]:
    """A rule's ``event`` key (one type or a list of them), or nothing: any type."""
    kinds = draw(
        st.one_of(
            st.none(),
            st.lists(st.sampled_from(EVENT_TYPES), min_size=1, max_size=2, unique=True),
        )
    )
    if kinds is None:
        return {}
    return {"event": kinds[0] if len(kinds) == 1 else kinds}


def plan_document(rule_list: list[dict[str, Any]], match: str) -> dict[str, Any]:
    """A whole plan document around the rules."""
    return {
        "backplan": 1,
        "plan": {"name": "Differential", "currency": "USD", "match": match},
        "conditions": {
            "public_channel": {"field": "channel", "in": ["yelp", "twitter", "a"]},
            "unhappy": {
                "any": [{"field": "rating", "lte": 2}, {"not": {"field": "text", "exists": True}}]
            },
        },
        "rules": rule_list,
    }


def compile_document(document: dict[str, Any], *, generated: bool = True) -> Plan:
    """The document through the schema, model builder, semantic checks and compiler."""
    loaded = LoadedDocument("differential.yaml", document, {}, {})
    assert validate_plan_document(loaded) == []
    model, problems = build_model([loaded])
    assert problems == [] and model is not None
    problems = run_checks(model, severities=frozenset({Severity.ERROR}))
    if generated:
        assume(not problems)  # e.g. a pattern RE2 refuses: not a plan a user could load
    else:
        assert not problems
    return Plan(model)


# --- random events ----------------------------------------------------------------------------

non_finite = st.sampled_from([float("nan"), float("inf"), float("-inf")])
"""Floats JSON has not, which an app's event may hold (pandas writes NaN for a missing value):
no number to any test, in the compiled matcher as in the interpreter."""
event_numbers = st.one_of(numbers, non_finite)
event_scalars = st.one_of(texts, event_numbers, st.booleans(), st.none())
values = st.one_of(
    event_scalars,
    st.lists(st.one_of(texts, event_numbers, st.booleans()), max_size=3),
    st.lists(  # long enough that contains looks in the set of its texts (list_texts)
        st.one_of(texts, event_numbers, st.booleans()),
        min_size=SHORT_LIST + 1,
        max_size=SHORT_LIST + 4,
    ),
    st.dictionaries(st.sampled_from(["x", "tier", "total"]), event_scalars, max_size=2),
)


class Label(str):
    """A subclass of str, as an app's ``StrEnum`` member is."""


class NumberLike:
    """A number as numpy's scalars are to Python, without being an int or a float."""

    def __init__(self, number: float) -> None:
        self.number = number

    def __index__(self) -> int:
        return int(self.number)

    def __float__(self) -> float:
        return self.number

    def __eq__(self, other: object) -> bool:
        return bool(self.number == other)

    def __hash__(self) -> int:
        return hash(self.number)


APP_VALUES = st.sampled_from(
    [
        NotAnswering(),
        ArrayLike(),
        float("nan"),
        float("inf"),
        float("-inf"),
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal(2),
        10**400,
        b"late",
        ("late",),
        Label("late"),
        datetime(2026, 11, 23, tzinfo=UTC),
        NumberLike(2.0),
    ]
)
"""Values only an app that builds events in Python can send (pandas' NA, a numpy array or
scalar, a ``Decimal``, a ``datetime``...): each is no JSON value, and fails every test but
``exists``, wherever it stands."""
app_values = st.one_of(
    st.lists(st.one_of(APP_VALUES, texts, numbers), min_size=1, max_size=4),  # the usual tags
    APP_VALUES,
    values,
    st.lists(st.one_of(texts, APP_VALUES), min_size=SHORT_LIST + 1, max_size=SHORT_LIST + 4),
    st.dictionaries(st.sampled_from(["x", "tier", "total"]), APP_VALUES, max_size=2),
)


@st.composite
def events(
    draw: st.DrawFn, stores: tuple[Any, ...] = (), kinds: st.SearchStrategy[Any] = values
) -> dict[str, Any]:
    """An event with some of the fields, of any kind (a field of the wrong kind included),
    their values drawn from ``kinds``."""
    event: dict[str, Any] = {"id": "e1", "type": draw(st.sampled_from(EVENT_TYPES))}
    for name in ("channel", "issue", "store", "text", "rating", "tags", "public", "repeat"):
        if draw(st.booleans()):
            event[name] = draw(kinds)
    if stores and draw(st.integers(0, 4)):
        event["store"] = draw(st.sampled_from(stores))
    if draw(st.booleans()):
        event["customer"] = {
            "tier": draw(kinds),
            "complaints_90d": draw(st.one_of(event_numbers, st.booleans(), texts)),
        }
    if draw(st.booleans()):
        event["order"] = {
            "total": draw(st.one_of(event_numbers, texts, st.none())),
            "items": draw(st.one_of(st.lists(texts, max_size=3), texts)),
        }
    return event


def assert_agree(plan: Plan, event: dict[str, Any]) -> None:
    """The compiled plan and the interpreter give the same matches and the same firing."""
    model = plan.model
    compiled = [plan.matcher.rules[i].id for i in plan.matcher.match(event)]
    expected = [
        r.id for r in plan.matcher.rules if rule_applies(r, event, model)
    ]  # every enabled, non-fallback rule, in firing order
    assert compiled == expected, f"match differs for {event}"
    fired, fallback = reference_firing(model, event)
    decision = plan.decide(event)
    assert (decision["matched"], decision["fallback"]) == (fired, fallback), (
        f"firing differs for {event}"
    )


SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


@SETTINGS
@given(st.data())
def test_compiled_plans_agree_with_the_interpreter(data: st.DataObject) -> None:
    count = data.draw(st.integers(1, 12))
    match = data.draw(st.sampled_from(["all", "first"]))
    plan = compile_document(plan_document(data.draw(rules(count, None)), match))
    for event in data.draw(st.lists(events(), min_size=1, max_size=8)):
        assert_agree(plan, event)


@st.composite
def text_search(draw: st.DrawFn) -> dict[str, Any]:
    """A ``contains`` (``_any``, ``_all``) of texts, which the compiled matcher writes as
    Python's ``in`` on a short list, on a field an event may hold as a list."""
    op = draw(st.sampled_from(["contains", "contains_any", "contains_all"]))
    words = draw(st.lists(texts, min_size=1, max_size=3, unique=True))
    test = {"field": draw(st.sampled_from(["tags", "channel", "customer.tier"]))}
    test[op] = words[0] if op == "contains" else words
    if draw(st.integers(0, 3)) == 0:
        test["ignore_case"] = True
    return test


@SETTINGS
@given(st.data())
def test_compiled_plans_agree_with_the_interpreter_on_an_apps_values(
    data: st.DataObject,
) -> None:
    """Values of no JSON kind in an app's event, alone or in lists and groups of fields: pandas'
    NA in a short list made the matcher raise TypeError, as the interpreter did (found by
    review); the two agree, and the decision is the same however often it is asked."""
    count = data.draw(st.integers(1, 12))
    plan = compile_document(plan_document(data.draw(rules(count, text_search())), "all"))
    for event in data.draw(st.lists(events(kinds=app_values), min_size=1, max_size=8)):
        assert_agree(plan, event)
        assert plan.evaluate(event).to_json() == plan.evaluate(event).to_json()


NUMBER_OPS = ("eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte", "between", "exists")


@st.composite
def number_test(draw: st.DrawFn) -> dict[str, Any]:
    """A test of a number on a number field, where an app's event may hold NaN or an
    infinity (``events`` below): the tests that read such a float as a number decided."""
    op = draw(st.sampled_from(NUMBER_OPS))
    test: dict[str, Any] = {"field": draw(st.sampled_from(NUMBER_FIELDS))}
    if op in ("in", "not_in"):
        test[op] = draw(st.lists(numbers, min_size=1, max_size=3))
    elif op == "between":
        test[op] = sorted(draw(st.tuples(numbers, numbers)))
    else:
        test[op] = draw(st.booleans()) if op == "exists" else draw(numbers)
    return test


@SETTINGS
@given(st.data())
def test_compiled_plans_agree_with_the_interpreter_on_floats_json_has_not(
    data: st.DataObject,
) -> None:
    """NaN and the infinities in an app's event (pandas writes NaN for a missing value), under
    number tests, `not` and `any`: the compiled matcher had read them as numbers, so NaN held
    `ne: 1` (found by review); it agrees with the interpreter, which reads them as no number."""
    count = data.draw(st.integers(1, 12))
    leaves = condition_trees(number_test())
    plan = compile_document(plan_document(data.draw(rules(count, leaves)), "all"))
    numbers_or_not = st.one_of(non_finite, numbers, st.none())
    for event in data.draw(st.lists(events(kinds=numbers_or_not), min_size=1, max_size=8)):
        assert_agree(plan, event)


STORES = ("S1", "S2", "S3", "s1", 1, 1.0, 2, True, False, None)
STORES += ("Zürich", "Zu\u0308rich", "\u212a1")  # spelt two ways: an index finds them composed


@st.composite
def store_scope(draw: st.DrawFn) -> dict[str, Any]:
    """The equality test a multi-store plan scopes each rule by (eq or in, on store)."""
    if draw(st.integers(0, 3)):
        return {"field": "store", "eq": draw(st.sampled_from(STORES))}
    return {"field": "store", "in": draw(st.lists(st.sampled_from(STORES), min_size=1, max_size=3))}


@SETTINGS
@given(st.data())
def test_equality_index_on_multi_store_plans_agrees(data: st.DataObject) -> None:
    """Enough rules scoped by store for the compiler to index them (by type, then store),
    with store values that must not be confused: 1 and 1.0 are equal, true is not 1, S1 is not
    s1, null is a value, and a missing store matches no store rule."""
    count = data.draw(st.integers(20, 60))
    plan = compile_document(plan_document(data.draw(rules(count, store_scope())), "all"))
    for event in data.draw(st.lists(events(STORES), min_size=1, max_size=10)):
        assert_agree(plan, event)


def test_a_large_store_plan_is_indexed_and_agrees() -> None:
    """A deterministic 500-store plan: every store's events fire exactly that store's rules."""
    rule_list = [
        {
            "id": f"s{store}-{n}",
            "title": "Store rule",
            "when": {
                "event": "review",
                "all": [{"field": "store", "eq": f"S{store}"}, {"field": "rating", "lte": n}],
            },
            "then": [{"apologize": {}}],
        }
        for store in range(500)
        for n in range(1, 5)
    ]
    rule_list.append(
        {"id": "improvise", "title": "Fallback", "fallback": True, "then": [{"apologize": {}}]}
    )
    plan = compile_document(plan_document(rule_list, "all"), generated=False)
    for store in (0, 7, 499):
        for rating in (1, 3, 5):
            event = {"id": "e", "type": "review", "store": f"S{store}", "rating": rating}
            assert_agree(plan, event)
            fired = plan.decide(event)["matched"]
            assert fired == [f"s{store}-{n}" for n in range(1, 5) if rating <= n] or (
                rating == 5 and fired == ["improvise"]
            )


@pytest.mark.parametrize("match", ["all", "first"])
def test_stop_and_first_match_select_like_the_interpreter(match: str) -> None:
    """A hand-made case for the selection rules, so a failure here reads plainly."""
    rule_list = [
        {
            "id": "low",
            "title": "L",
            "priority": 1,
            "when": {"event": "review"},
            "then": [{"apologize": {}}],
        },
        {
            "id": "stopper",
            "title": "S",
            "priority": 5,
            "stop": True,
            "when": {"all": [{"field": "rating", "lte": 2}]},
            "then": [{"apologize": {}}],
        },
        {
            "id": "high",
            "title": "H",
            "priority": 9,
            "when": {"all": [{"field": "rating", "lte": 4}]},
            "then": [{"apologize": {}}],
        },
        {"id": "fb", "title": "F", "fallback": True, "then": [{"apologize": {}}]},
    ]
    plan = compile_document(plan_document(rule_list, match), generated=False)
    for rating in (1, 3, 5):
        assert_agree(plan, {"id": "e", "type": "review", "rating": rating})
    assert_agree(plan, {"id": "e", "type": "order", "rating": 9})


SPELT_WORDS = ("K", "Ko", "e", "\u00e9", "cafe", "caf\u00e9", "\u00c5", "\u03a9", "\u01f0", "j")
SPELT_WORDS += (";", "`", "a", "ss", "\u00df", "\u1fb3", "\uac00", "\uac01", "\u0b4b", "\u1ea5")
"""Words spelt more than one way (see ``spelt``): composed letters, letters that compose from
their parts (Hangul jamo, an Oriya vowel sign in two parts, Greek with its iota subscript), and
the ASCII that singletons compose to (KELVIN SIGN to K, GREEK QUESTION MARK to ;)."""
_SINGLETONS = str.maketrans({"K": "\u212a", ";": "\u037e", "`": "\u1fef", "\u00c5": "\u212b"})
_SINGLETONS |= str.maketrans({"\u03a9": "\u2126"})
TRAILING = ("",) * 6 + ("\u0301", "\u0308", "\u0323", "\u0345", "\u030c", "\u0b3e", "\u1161")
"""What may follow a word: a mark or a jamo that composes with its last letter, or nothing."""


@st.composite
def spelt(draw: st.DrawFn) -> str:
    """A text of ``SPELT_WORDS``, each spelt one of its ways (composed, decomposed, with
    singletons), perhaps with a mark after it: two draws often spell one text two ways."""
    text = ""
    for word in draw(st.lists(st.sampled_from(SPELT_WORDS), min_size=1, max_size=2)):
        way = draw(st.sampled_from(["NFC", "NFD", "singletons"]))
        spelling = word.translate(_SINGLETONS) if way == "singletons" else normalize(way, word)
        text += spelling + draw(st.sampled_from(TRAILING))
    return text


TEXT_OPS = ("eq", "ne", "in", "not_in", "lt", "gte", "between", "starts_with", "ends_with")
TEXT_OPS += ("contains", "contains_any", "contains_all", "matches")


@st.composite
def spelt_test(draw: st.DrawFn) -> dict[str, Any]:
    """A test of a text field (or a list, for ``contains``) with texts of ``spelt``: of one
    spelling (ASCII without K ; `) and of more, written composed or not, lists short and
    longer than the matcher writes inline, with ``ignore_case`` where it may stand."""
    op = draw(st.sampled_from(TEXT_OPS))
    test: dict[str, Any] = {"field": draw(st.sampled_from(["text", "tags"]))}
    many = st.lists(spelt(), min_size=1, max_size=MAX_INLINE_TEXTS + 2)
    if op in ("in", "not_in", "contains_any", "contains_all"):
        test[op] = draw(many)
    elif op == "between":
        test[op] = sorted(draw(st.tuples(spelt(), spelt())), key=composed)
    elif op == "matches":
        test[op] = re.escape(draw(spelt())) + draw(st.sampled_from(["", "$"]))
    else:
        test[op] = draw(spelt())
    if op not in ("lt", "gte", "between") and draw(st.booleans()):
        test["ignore_case"] = True
    return test


@settings(SETTINGS, max_examples=300)
@given(st.data())
def test_compiled_plans_agree_with_the_interpreter_on_texts_spelt_many_ways(
    data: st.DataObject,
) -> None:
    """Texts of combining marks, singletons (KELVIN SIGN...), Hangul jamo and Indic vowel
    signs, in the plan and in events, alone and in lists short and long: the compiled
    matcher's shortcuts (a plan text of one spelling compared as written, an event's composed
    only where the answer could differ) answer as the interpreter, which composes plainly."""
    tests = data.draw(st.lists(condition_trees(spelt_test(), most=2), min_size=1, max_size=12))
    rule_list = [
        {"id": f"r{n}", "title": "Rule", "when": {"all": [test]}, "then": [{"apologize": {}}]}
        for n, test in enumerate(tests)
    ]
    fallback = {"id": "fallback", "title": "Nothing fits", "fallback": True}
    rule_list.append({**fallback, "then": [{"escalate": {"to": "cx-lead"}}]})
    plan = compile_document(plan_document(rule_list, "all"))
    lists = st.one_of(
        st.lists(spelt(), max_size=3),
        st.lists(spelt(), min_size=SHORT_LIST + 1, max_size=SHORT_LIST + 4),
    )
    for text, tags in data.draw(st.lists(st.tuples(spelt(), lists), min_size=1, max_size=8)):
        assert_agree(plan, {"id": "e", "type": "review", "text": text, "tags": tags})
