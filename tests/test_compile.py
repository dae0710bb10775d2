"""The compiler's own promises: index buckets compile on first use, once, under threads too;
equality tests an index bucket already answers are left out of its code.

Which rules match is held to a plain interpreter by ``tests/test_differential.py``; these tests
look at when code is generated and what is in it.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest

from engine import compile as compiler
from engine import operators
from engine.api import Plan
from engine.fields import lookup, split_path
from engine.operators import SHORT_LIST, holds
from tests.conftest import ArrayLike, NotAnswering
from tests.test_concurrency import fast_switching  # noqa: F401  (a fixture)
from tests.test_differential import compile_document

STORES = 20


def store_plan() -> Plan:
    """Two rules per store (enough rules to index by store), plus one rule for any store."""
    rules: list[dict[str, Any]] = [
        {
            "id": f"s{store}-{limit}",
            "title": "Store rule",
            "when": {
                "event": "review",
                "all": [{"field": "store", "eq": f"S{store}"}, {"field": "rating", "lte": limit}],
            },
            "then": [{"apologize": {}}],
        }
        for store in range(STORES)
        for limit in (2, 4)
    ]
    rules.append(
        {
            "id": "any-store",
            "title": "Any store",
            "when": {"event": "review", "all": [{"field": "rating", "lte": 1}]},
            "then": [{"apologize": {}}],
        }
    )
    document = {"backplan": 1, "plan": {"name": "Stores", "currency": "USD"}, "rules": rules}
    return compile_document(document, generated=False)


@pytest.fixture
def compiled_sources(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[str]]]:
    """The functions of every compiled unit, one list per unit, in the order compiled."""
    units: list[list[str]] = []
    finish = compiler._Unit.finish

    def recording(self: compiler._Unit) -> dict[str, compiler.Matcher]:
        units.append(list(self.sources))
        return finish(self)

    monkeypatch.setattr(compiler._Unit, "finish", recording)
    yield units


def matched(plan: Plan, store: str, rating: int) -> list[str]:
    event = {"id": "e", "type": "review", "store": store, "rating": rating}
    return [plan.matcher.rules[i].id for i in plan.matcher.match(event)]


def test_a_bucket_is_compiled_when_an_event_first_reaches_it(
    compiled_sources: list[list[str]],
) -> None:
    plan = store_plan()
    [at_load] = compiled_sources
    assert len(at_load) == 1  # only the rule for any store; no bucket yet
    assert matched(plan, "S3", 1) == ["s3-2", "s3-4", "any-store"]
    assert len(compiled_sources) == 2  # S3's bucket, alone
    assert matched(plan, "S3", 3) == ["s3-4"]
    assert matched(plan, "S9", 3) == ["s9-4"]
    assert len(compiled_sources) == 3  # S3 compiled once; S9 now
    assert matched(plan, "S404", 1) == ["any-store"]  # no bucket: nothing to compile
    assert len(compiled_sources) == 3


def test_a_bucket_leaves_out_the_test_that_routed_the_event_there(
    compiled_sources: list[list[str]],
) -> None:
    plan = store_plan()
    matched(plan, "S3", 1)
    [bucket] = compiled_sources[1]
    assert "store" not in bucket  # `store == S3` holds for every event routed to S3
    assert "rating" in bucket


def _placeholders(constants: tuple[Any, ...]) -> list[str]:
    found: list[str] = []
    for constant in constants:
        if isinstance(constant, tuple):
            found.extend(_placeholders(constant))
        elif isinstance(constant, str) and constant.startswith("\x00"):
            found.append(constant)
    return found


def test_buckets_hold_their_constants_in_their_code_and_share_one_namespace(
    monkeypatch: pytest.MonkeyPatch, compiled_sources: list[list[str]]
) -> None:
    made: list[Any] = []
    finish = compiler._Unit.finish  # compiled_sources' recording, which calls the real one

    def keeping(self: compiler._Unit) -> dict[str, compiler.Matcher]:
        functions = finish(self)
        made.extend(functions.values())
        return functions

    monkeypatch.setattr(compiler._Unit, "finish", keeping)
    plan = store_plan()
    assert matched(plan, "S3", 4) == ["s3-4"]
    assert matched(plan, "S9", 1) == ["s9-2", "s9-4", "any-store"]
    assert len(compiled_sources) == 3 and len(made) == 3  # at load, then S3, then S9
    sources = [source for unit in compiled_sources for source in unit]
    assert all("\\x00" in source for source in sources)  # each limit is a placeholder
    assert {id(function.__globals__) for function in made} == {id(made[0].__globals__)}
    assert set(made[0].__globals__) == set(compiler._Generator(plan.model).base)
    assert [_placeholders(function.__code__.co_consts) for function in made] == [[], [], []]
    at_load, *buckets = (set(function.__code__.co_consts) for function in made)
    assert 1 in at_load  # any store: rating <= 1
    assert all({2, 4} <= constants for constants in buckets)  # a store's limits


def test_a_placeholder_folded_into_a_tuple_of_constants_is_bound_too() -> None:
    unit = compiler._Unit({})
    first, second = unit.constant("S1"), unit.constant(frozenset({1.5}))
    code = compile(f"def _m0(e):\n    return e in ({first}, ({second}, 7))", "<t>", "exec")
    [folded] = [c for c in code.co_consts if isinstance(c, type(code))]
    assert _placeholders(folded.co_consts)  # the compiler folded them into one tuple
    bound = tuple(map(unit._bound, folded.co_consts))
    assert ("S1", (frozenset({1.5}), 7)) in bound and _placeholders(bound) == []


@pytest.mark.usefixtures("fast_switching")
def test_threads_reaching_new_buckets_at_once_compile_each_once_and_agree(
    compiled_sources: list[list[str]],
) -> None:
    serial = store_plan()
    events = [(f"S{store}", rating) for store in range(STORES) for rating in range(6)]
    expected = [matched(serial, store, rating) for store, rating in events]
    compiled_sources.clear()

    shared = store_plan()
    start = threading.Barrier(8)
    results: list[list[list[str]]] = [[] for _ in range(8)]

    def worker(slot: int) -> None:
        start.wait()
        results[slot] = [matched(shared, store, rating) for store, rating in events]

    threads = [threading.Thread(target=worker, args=(slot,)) for slot in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result == expected for result in results)
    assert len(compiled_sources) == 1 + STORES  # the plan, then each store's bucket once


def one_test_plan(test: dict[str, Any]) -> Plan:
    """A plan of one rule whose condition is this field test."""
    rule = {"id": "t", "title": "Test", "when": {"all": [test]}, "then": [{"apologize": {}}]}
    document = {"backplan": 1, "plan": {"name": "One", "currency": "USD"}, "rules": [rule]}
    return compile_document(document, generated=False)


class Text(str):
    """A subclass of str, as an embedding app may pass (an ``enum.StrEnum`` member, say)."""


TEXTS = ["late", "cold", "", "ss"]
MANY_TEXTS = [f"w{n}" for n in range(compiler.MAX_INLINE_TEXTS)] + ["late"]
FIELD_VALUES: list[Any] = [
    "it came late",
    "on time",
    "",
    ["late", 1],
    ["LATE", True, None],
    [1, 1.0, {"late": 1}, ["late"]],
    [Text("late")],  # equal to "late" but not of the class str: not an item the list contains
    [Text("late"), "late"],
    Text("it came late"),  # not of the class str: not text to either reader
    [],
    1,
    True,
    None,
    {"late": "late"},
]


def reference_calls(monkeypatch: pytest.MonkeyPatch, op: str) -> list[Any]:
    """The field values the compiled code passes to the reference function of ``op``, as it
    passes them (the function still answers)."""
    calls: list[Any] = []
    reference = getattr(compiler, f"_{op}")

    def counted(field_value: Any, const: Any, ignore_case: bool) -> bool:
        calls.append(field_value)
        return bool(reference(field_value, const, ignore_case))

    monkeypatch.setattr(compiler, f"_{op}", counted)
    return calls


@pytest.mark.parametrize(
    ("op", "value", "called"),
    [
        ("contains", "late", "to confirm"),
        ("contains", "", "to confirm"),
        ("contains", 1, "always"),
        ("contains", True, "always"),
        ("contains_any", TEXTS, "to confirm"),
        # A text of more than one spelling (not ASCII): a short list is searched composed.
        ("contains_any", [*TEXTS, "café"], "for a list"),
        ("contains", "ß", "for a list"),
        ("contains_all", ["late", ""], "to confirm"),
        ("contains_all", ["late", "cold"], "to confirm"),
        ("contains_any", MANY_TEXTS, "for a list"),
        ("contains_any", ["late", 1, None], "always"),
        ("contains_all", [1, "late"], "always"),
    ],
)
def test_contains_of_texts_is_inlined_and_means_what_the_reference_says(
    monkeypatch: pytest.MonkeyPatch, op: str, value: Any, called: str
) -> None:
    """Texts are tested without a call to the reference function, but to confirm a short list
    in which ``in`` found the text (one call), or to test a short list for many texts (a loop
    of ``in``); plan values that are not text call it always. Every answer is the
    reference's."""
    calls = reference_calls(monkeypatch, op)
    plan = one_test_plan({"field": "x", op: value})
    for field_value in FIELD_VALUES:
        calls.clear()
        event = {"id": "e", "type": "review", "x": field_value}
        assert bool(plan.matcher.match(event)) is holds(op, field_value, value), field_value
        if called == "to confirm":
            texts = [value] if op == "contains" else value
            seek = all if op == "contains_all" else any
            found = field_value.__class__ is list and seek(t in field_value for t in texts)
            assert calls == ([field_value] if found else []), field_value
        elif called == "for a list":
            assert calls == ([field_value] if field_value.__class__ is list else [])
        else:
            assert calls == [field_value]
    assert plan.matcher.match({"id": "e", "type": "review"}) == []  # missing: false


LONG = [f"x{n}" for n in range(SHORT_LIST)]  # one item more and a list is long
LONG_VALUES: list[Any] = [
    [*LONG, "late"],
    ["late", *LONG],
    [*LONG, "LATE", 1, True, None],
    [*LONG, 1, 1.0, {"late": 1}, ["late"]],
    [*LONG, Text("late")],  # equal to "late" but not of the class str
    [*LONG, Text("late"), "cold", "late"],
    [*LONG, ""],
]


@pytest.mark.parametrize(
    ("op", "value"),
    [
        ("contains", "late"),
        ("contains", ""),
        ("contains_any", ["late", "cold"]),
        ("contains_all", ["late", "cold"]),
        ("contains_any", MANY_TEXTS),
        ("contains_all", [*MANY_TEXTS, "x0"]),
    ],
)
def test_contains_looks_in_the_texts_of_a_long_list_as_the_reference_does(
    monkeypatch: pytest.MonkeyPatch, op: str, value: Any
) -> None:
    """A long list is made into the set of its texts: a ``str`` subclass in it is no text, as
    the reference says, and no call confirms what the set found (a short list's ``in`` needs
    one); a list changed in place is looked at anew."""
    calls = reference_calls(monkeypatch, op)
    plan = one_test_plan({"field": "x", op: value})
    for field_value in LONG_VALUES:
        calls.clear()
        event = {"id": "e", "type": "review", "x": field_value}
        assert bool(plan.matcher.match(event)) is holds(op, field_value, value), field_value
        assert calls == []  # however many texts: 5,000 rules of 9 took 17 s on 20,000 labels
        assert compiler._sets_made == {}  # forgotten once the event is matched
    changing = [*LONG, "late", "cold"]
    event = {"id": "e", "type": "review", "x": changing}
    assert bool(plan.matcher.match(event)) is holds(op, changing, value)
    changing[-2:] = ["early", "warm"]  # a set kept from the last event would still hold late
    assert bool(plan.matcher.match(event)) is holds(op, changing, value)


@pytest.mark.parametrize("others", [0, 20])  # 20 more: the plan is indexed on `store`
def test_a_str_subclass_is_not_text_whether_the_plan_is_indexed_or_not(
    plan_from: Any, others: int
) -> None:
    """Only an embedding app can pass one (a ``StrEnum`` member): it is not text, as in the
    reference and the equality index; the plain test had compared it as text, so a small
    plan and a large one decided the same event differently."""
    import enum

    class Store(enum.StrEnum):
        MAIN = "main"

    extra = "".join(
        f"\n  - id: r{i}\n    title: R{i}\n    when: {{all: [{{field: store, eq: s{i}}}]}}"
        "\n    then: [{apologize: {}}]"
        for i in range(others)
    )
    plan = plan_from(
        "rules:\n  - id: main-store\n    title: M\n    when: {all: [{field: store, eq: main}]}"
        "\n    then: [{apologize: {}}]" + extra
    )
    event = {"id": "e", "type": "review"}
    assert plan.matcher.match({**event, "store": "main"}) == [0]
    assert plan.matcher.match({**event, "store": Store.MAIN}) == []


def test_a_value_whose_equality_is_no_answer_fails_a_text_eq(plan_from: Any) -> None:
    """``eq`` of a text compared the value before its class and took the truth of ``==``, so
    pandas' NA in an event raised TypeError from inside the matcher; it is no text, and the
    event is decided like one whose field holds any other value that is not JSON's."""
    plan = plan_from(
        "rules:\n  - id: late\n    title: L\n    when: {all: [{field: issue, eq: late}]}"
        "\n    then: [{apologize: {}}]"
        "\n  - id: fb\n    title: F\n    fallback: true\n    then: [{apologize: {}}]"
    )
    event = {"id": "e", "type": "order", "issue": NotAnswering()}
    assert plan.evaluate(event).matched == ["fb"]
    assert plan.explain(event).matched == ["fb"]


LABEL_RULES = """
rules:
  - id: vip
    title: V
    when: {all: [{field: tags, contains: vip}]}
    then: [{apologize: {}}]
  - id: both
    title: B
    when: {all: [{field: tags, contains_all: [vip, press]}]}
    then: [{apologize: {}}]
  - id: either
    title: E
    when: {all: [{field: tags, contains_any: [press, vip]}]}
    then: [{apologize: {}}]
  - id: fb
    title: F
    fallback: true
    when: {all: [{field: tags, contains: late}]}
    then: [{apologize: {}}]
"""


@pytest.mark.parametrize("odd", [NotAnswering(), ArrayLike()], ids=["NA", "array"])
def test_a_list_holding_a_value_whose_equality_is_no_answer_is_decided(
    plan_from: Any, odd: Any
) -> None:
    """A ``contains`` of a text on a short list is Python's ``in``, which asks each item's
    ``==``: pandas' NA in an app's list raised TypeError from inside the matcher (a numpy
    array, ValueError), and ``evaluate_many`` gave the event an internal-error record. The
    item now equals nothing, as such a value outside a list, and the other rules decide."""
    plan = plan_from(LABEL_RULES)
    event = {"id": "e", "type": "order", "tags": ["x", odd, "vip"]}
    assert plan.evaluate(event).matched == ["vip", "either"]
    assert plan.explain(event).matched == ["vip", "either"]
    late = {"id": "f", "type": "order", "tags": [odd, "late"]}  # the fallback's test too
    assert plan.evaluate(late).matched == ["fb"]
    decided = [r.decision.matched for r in plan.evaluate_many([event, late]) if r.decision]
    assert decided == [["vip", "either"], ["fb"]]


def test_an_apps_event_is_copied_as_json_data_whatever_its_shape() -> None:
    """The copy the matcher retries with (``json_data_only``): a list that holds itself, and
    lists nested 100,000 deep (which only an app can build), are copied without running out
    of Python's stack; an event of JSON's values alone is not copied at all."""
    looped: list[Any] = ["vip"]
    looped.append(looped)
    deep: list[Any] = []
    for _ in range(100_000):
        deep = [deep]
    odd = NotAnswering()
    event = {"id": "e", "type": "order", "tags": [odd, "vip"], "loop": looped, "deep": deep}
    plain = compiler.json_data_only(event)
    assert plain is not None
    assert plain["tags"][1] == "vip" and plain["tags"][0] is not odd
    assert plain["loop"][1] is plain["loop"] and plain["loop"] is not looped
    assert compiler.json_data_only({"id": "e", "tags": ["a", 1, None, {"b": [2.5, True]}]}) is None
    assert repr(plain["tags"][0]) == "<a value of no JSON class>"  # as a trace may show it


@pytest.mark.parametrize("value", [3, 2.5, "late", True])
def test_ne_tests_the_value_class_once_and_means_what_the_reference_says(
    compiled_sources: list[list[str]], value: Any
) -> None:
    plan = one_test_plan({"field": "x", "ne": value})
    [[source]] = compiled_sources
    if value.__class__ in (int, float):
        assert source.count("_NUM") == 1  # not `kind and not (kind and equal)`
    for field_value in [*FIELD_VALUES, 3, 3.0, 2.5, "late", None, False, float("nan")]:
        event = {"id": "e", "type": "review", "x": field_value}
        assert bool(plan.matcher.match(event)) is holds("ne", field_value, value), field_value


def typed_and_untyped_plan() -> Plan:
    """Rules for reviews and rules for any type, interleaved in firing order."""
    rules = [
        {
            "id": rule_id,
            "title": "Rule",
            "priority": priority,
            "when": {"all": [{"field": "rating", "lte": 3}], **when},
            "then": [{"apologize": {}}],
        }
        for rule_id, priority, when in [
            ("review-a", 9, {"event": "review"}),
            ("any-b", 8, {}),
            ("review-c", 7, {"event": "review"}),
            ("any-d", 6, {}),
            ("order-e", 5, {"event": ["order", "review"]}),
        ]
    ]
    document = {"backplan": 1, "plan": {"name": "Mixed", "currency": "USD"}, "rules": rules}
    return compile_document(document, generated=False)


def test_an_event_runs_one_matcher_holding_its_types_rules_and_those_for_any_type(
    compiled_sources: list[list[str]],
) -> None:
    plan = typed_and_untyped_plan()
    [at_load] = compiled_sources
    orders, reviews, any_type = at_load  # by type in name order, then the one for any type
    assert reviews.count("out.append") == 5 and orders.count("out.append") == 3
    assert any_type.count("out.append") == 2
    review = {"id": "e", "type": "review", "rating": 1}
    decided = plan.evaluate(review)
    assert list(decided.matched) == ["review-a", "any-b", "review-c", "any-d", "order-e"]
    assert plan.matcher.match({**review, "type": "order"}) == [1, 3, 4]
    assert plan.matcher.match({**review, "type": "survey"}) == [1, 3]  # no rule names surveys
    assert plan.matcher.match({**review, "type": 7}) == [1, 3]
    assert plan.matcher.match({"id": "e", "rating": 1}) == [1, 3]
    assert plan.matcher.match({**review, "rating": 5}) == []


def test_rules_for_any_type_are_not_copied_into_types_beyond_the_bounds(
    monkeypatch: pytest.MonkeyPatch, compiled_sources: list[list[str]]
) -> None:
    """Past ``MERGE_MAX_EAGER`` copies compiled at load, each type's matcher and the one for
    any type run one after the other, as before merging, and answer the same."""

    def answers(plan: Plan) -> list[list[int]]:
        return [
            plan.matcher.match({"id": "e", "type": kind, "rating": rating})
            for kind in ("review", "order", "survey")
            for rating in (1, 5)
        ]

    expected = answers(typed_and_untyped_plan())
    monkeypatch.setattr(compiler, "MERGE_MAX_EAGER", 3)  # 2 rules for any type x 2 types = 4
    compiled_sources.clear()
    apart = typed_and_untyped_plan()
    [at_load] = compiled_sources
    orders, reviews, any_type = at_load
    assert [reviews.count("out.append"), orders.count("out.append")] == [3, 1]
    assert any_type.count("out.append") == 2
    assert expected == answers(apart)
    assert list(apart.evaluate({"id": "e", "type": "review", "rating": 1}).matched) == [
        "review-a",
        "any-b",
        "review-c",
        "any-d",
        "order-e",
    ]


def test_an_index_of_buckets_alone_routes_every_kind_of_value_as_the_reference_does() -> None:
    """Every rule scoped by store: the index has no rest (``_buckets_only``), and a value of
    each kind goes to its bucket or to none, as ``eq`` means it."""
    scopes: list[Any] = ["S1", "s1", 1, 2.5, True, False]
    rules = [
        {
            "id": f"r{n}",
            "title": "Store rule",
            "when": {"all": [{"field": "store", "eq": scopes[n % len(scopes)]}]},
            "then": [{"apologize": {}}],
        }
        for n in range(3 * len(scopes))
    ]
    document = {"backplan": 1, "plan": {"name": "Kinds", "currency": "USD"}, "rules": rules}
    plan = compile_document(document, generated=False)
    assert plan.matcher.untyped.__qualname__ == "_buckets_only.<locals>.match"
    for store in [*scopes, 1.0, 2, 0, "S2", None, ["S1"], {"S1": 1}, compiler.MISSING]:
        event = {"id": "e", "type": "review"} | (
            {} if store is compiler.MISSING else {"store": store}
        )
        expected = [r["id"] for r in rules if holds("eq", store, r["when"]["all"][0]["eq"])]
        assert [plan.matcher.rules[i].id for i in plan.matcher.match(event)] == expected, store


@pytest.mark.parametrize("any_store", [False, True], ids=["buckets-alone", "and-a-rest"])
def test_an_index_of_a_nested_field_routes_an_event_by_its_value(any_store: bool) -> None:
    """An index of a field inside an object (``order.store``) reads the path as the reference
    does, with or without rules outside the buckets: it is read by ``lookup``, not inline, and
    no other test indexed a nested field (a mutant that read the path of the wrong argument
    sent every event to no bucket, and passed)."""
    rules = [
        {
            "id": f"s{store}",
            "title": "Store rule",
            "when": {"all": [{"field": "order.store", "eq": f"S{store}"}]},
            "then": [{"apologize": {}}],
        }
        for store in range(STORES)
    ]
    if any_store:
        any_rule = {"id": "any", "title": "Any", "when": {"all": [{"field": "rating", "lte": 1}]}}
        rules.append(any_rule | {"then": [{"apologize": {}}]})
    document = {"backplan": 1, "plan": {"name": "Stores", "currency": "USD"}, "rules": rules}
    plan = compile_document(document, generated=False)
    assert plan.matcher.untyped.__qualname__ == "_bucketed.<locals>.match"
    for order, expected in [({"store": "S3"}, ["s3"]), ({"store": "S99"}, []), ("S3", [])]:
        event = {"id": "e", "type": "review", "rating": 1, "order": order}
        fired = [plan.matcher.rules[i].id for i in plan.matcher.match(event)]
        assert fired == expected + ["any"] * any_store, order


def test_two_fields_every_rule_tests_for_equality_index_the_rules_by_one_of_them() -> None:
    """Every rule tests both ``store`` and ``channel`` for equality: the two fields tie to
    drive the index, the tie is broken (by the fields' names) and the rules are routed as
    ``eq`` means. No test had a tie: a mutant that broke it by the rules' values compared two
    mappings, a TypeError while the plan was made, and passed."""
    rules = [
        {
            "id": f"s{store}",
            "title": "Store rule",
            "when": {
                "all": [
                    {"field": "store", "eq": f"S{store}"},
                    {"field": "channel", "eq": f"C{store % 3}"},
                ]
            },
            "then": [{"apologize": {}}],
        }
        for store in range(STORES)
    ]
    document = {"backplan": 1, "plan": {"name": "Stores", "currency": "USD"}, "rules": rules}
    plan = compile_document(document, generated=False)
    assert plan.matcher.untyped.__qualname__ == "_buckets_only.<locals>.match"
    for store, channel, expected in [("S4", "C1", ["s4"]), ("S4", "C2", []), ("S3", "C0", ["s3"])]:
        event = {"id": "e", "type": "review", "store": store, "channel": channel}
        assert [plan.matcher.rules[i].id for i in plan.matcher.match(event)] == expected


def test_an_equality_that_ignores_case_does_not_index_the_rules() -> None:
    """An index routes an event by its exact value, and `eq: S3, ignore_case: true` holds for
    "s3" too, which no bucket is kept under: such tests cannot drive the index, however many
    rules there are (here enough to build one)."""
    rules = [
        {
            "id": f"s{store}",
            "title": "Store rule",
            "when": {"all": [{"field": "store", "eq": f"S{store}", "ignore_case": True}]},
            "then": [{"apologize": {}}],
        }
        for store in range(STORES)
    ]
    document = {"backplan": 1, "plan": {"name": "Stores", "currency": "USD"}, "rules": rules}
    plan = compile_document(document, generated=False)
    assert STORES >= compiler.INDEX_MIN_RULES
    for store in ("s3", "S3"):
        event = {"id": "e", "type": "review", "store": store}
        assert [plan.matcher.rules[i].id for i in plan.matcher.match(event)] == ["s3"], store


@pytest.mark.parametrize(
    ("store", "expected"),
    [
        ("Z\u00fcrich", ["s-zurich"]),
        ("Zu\u0308rich", ["s-zurich"]),  # decomposed: the bucket found composed
        ("\u212a7", ["s-k7"]),  # KELVIN SIGN then 7: the store K7
        ("K7", ["s-k7"]),
        ("S3", ["s3"]),
        ("Zurich", []),
    ],
)
def test_an_index_of_stores_finds_a_store_written_with_its_accents_apart(
    store: str, expected: list[str]
) -> None:
    """An event's `Zürich` sent as `u` and a combining diaeresis is the store `Zürich` of the
    plan's index, as of every test (engine.textforms): an index keyed by a text of more than
    one spelling looks again with the event's text composed."""
    names = {f"S{number}": f"s{number}" for number in range(STORES)}
    names |= {"Zu\u0308rich": "s-zurich", "K7": "s-k7"}  # the plan's written apart
    rules = [
        {
            "id": rule_id,
            "title": "Store rule",
            "when": {"all": [{"field": "store", "eq": name}]},
            "then": [{"apologize": {}}],
        }
        for name, rule_id in names.items()
    ]
    document = {"backplan": 1, "plan": {"name": "Stores", "currency": "USD"}, "rules": rules}
    plan = compile_document(document, generated=False)
    assert len(rules) >= compiler.INDEX_MIN_RULES  # indexed by store
    event = {"id": "e", "type": "review", "store": store}
    assert [plan.matcher.rules[i].id for i in plan.matcher.match(event)] == expected


LONG_ACCENTED = "Le remboursement n'est pas arrivé, livraison en retard: refund. " * 200
"""A customer's long message, not ASCII: a review in French, an email pasted whole."""


@pytest.mark.parametrize(
    "test",
    [
        {"field": "text", "contains": "refund"},  # found as written: confirmed composed
        {"field": "text", "contains": "arrivé"},  # of more than one spelling
        {"field": "text", "matches": "refund"},
        {"field": "text", "gte": "A"},
        {"field": "text", "ne": "arrivé"},
        {"field": "text", "ends_with": "arrivé"},
    ],
)
def test_a_long_text_not_ascii_is_composed_once_for_all_the_rules_that_test_it(
    monkeypatch: pytest.MonkeyPatch, test: dict[str, Any]
) -> None:
    """Texts are compared composed (engine.textforms), and an event's text that is not ASCII
    was composed again by each test that read it so: 1,000 rules of `contains: refund` took
    133 ms an event on a French review of 100,000 characters, against 0.2 ms for one in ASCII
    (or before texts were composed). It is composed once for the event, as `ignore_case`
    folds it once (engine.operators.fold_text), by the matcher and by explain alike."""
    rules = [
        {"id": f"r{n}", "title": "Rule", "when": {"all": [test, {"field": "rating", "lte": n}]}}
        for n in range(40)
    ]
    rules = [{**rule, "then": [{"apologize": {}}]} for rule in rules]
    fallback = {"id": "fb", "title": "F", "fallback": True, "then": [{"escalate": {"to": "x"}}]}
    document = {
        "backplan": 1,
        "plan": {"name": "X", "currency": "USD"},
        "rules": [*rules, fallback],
    }
    plan = compile_document(document, generated=False)
    text = "".join(["", LONG_ACCENTED])  # a text of its own, as a parsed event's
    normalize = unicodedata.normalize
    composed: list[str] = []

    def counted(form: str, value: str) -> str:
        if value is text:
            composed.append(form)
        return normalize(form, value)  # type: ignore[arg-type]

    monkeypatch.setattr(unicodedata, "normalize", counted)
    plan.decide({"id": "e", "type": "review", "text": text, "rating": 100})
    assert len(composed) <= 1
    composed.clear()
    operators.FOLDED_TEXTS.clear()  # as the next decision does: the reference's own
    op = next(key for key in test if key != "field")
    for _ in rules:  # as explain asks it, rule by rule
        holds(op, text, test[op], False)
    assert len(composed) <= 1


@pytest.mark.parametrize(
    ("tags", "expected"), [(["vip"], True), (["press", "vip"], False), ({"0": "vip"}, True)]
)
def test_a_two_part_path_ending_in_a_digit_reads_a_list_item(tags: Any, expected: bool) -> None:
    """`tags.0` is the first item of the list `tags` (or the key "0" of a mapping), as the
    reference reads a path: the inline read of a two-part path (`customer.tier`) reads
    mappings only, so the compiler keeps it for paths whose last part is a name."""
    plan = one_test_plan({"field": "tags.0", "eq": "vip"})
    event = {"id": "e", "type": "review", "tags": tags}
    assert holds("eq", lookup(event, split_path("tags.0")), "vip") is expected
    assert (plan.matcher.match(event) == [0]) is expected


def test_rules_of_many_stores_each_are_indexed_by_store_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rules scoped by `in:` lists of 50 stores were split by store again inside each store's
    bucket, at every depth, each copied into 50 buckets a level: a plan of 413 such rules took
    2.5 s and 12.8 million steps to compile, and `explain` of one event 3 s. A field a bucket
    fixed is not split again: one index on store, then each bucket's own try at another field
    (none here), and every event matched as before."""
    stores = [f"S{number}" for number in range(50)]
    rules: list[dict[str, Any]] = [
        {
            "id": f"r{number}",
            "title": "Regional rule",
            "when": {
                "event": "review",
                "all": [{"field": "store", "in": stores}, {"field": "rating", "lte": number % 5}],
            },
            "then": [{"apologize": {}}],
        }
        for number in range(20)
    ]
    document = {"backplan": 1, "plan": {"name": "Regions", "currency": "EUR"}, "rules": rules}
    splits: list[int] = []
    indexed = compiler._Generator._indexed

    def counting(self: compiler._Generator, members: Any, depth: int, facts: Any) -> Any:
        splits.append(depth)
        return indexed(self, members, depth, facts)

    monkeypatch.setattr(compiler._Generator, "_indexed", counting)
    plan = compile_document(document, generated=False)
    assert sorted(splits) == [0] + [1] * len(stores)
    event = {"id": "e", "type": "review", "store": "S7", "rating": 2}
    assert [plan.matcher.rules[i].id for i in plan.matcher.match(event)] == [
        f"r{number}" for number in range(20) if number % 5 >= 2
    ]
