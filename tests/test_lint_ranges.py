"""Lint's shortcut past proofs that range tests refuse (``engine.logic.RangeRefuter``, used by
``engine.lint.proofs.RuleIndex``): it must never leave out a rule the proof would find implied,
and it must leave out the rules of amounts that no equality files apart."""

from __future__ import annotations

from typing import Any, cast

from hypothesis import example, given, settings
from hypothesis import strategies as st

from engine.lint.base import plan_conjuncts
from engine.lint.proofs import HoldingIntervals, RuleIndex, never_firing
from engine.logic import (
    Atom,
    Both,
    Bounds,
    Either,
    Node,
    RangeRefuter,
    bounds,
    flatten,
    implies,
    interval,
    pinned,
    ranges_required,
)
from engine.model import Rule
from engine.operators import is_number
from tests.test_differential import compile_document
from tests.test_lint import APOLOGY, NUMBERS, atoms, node_trees

_BOUNDS = [*NUMBERS, 3.0, -0.0, 2**53 + 1]
"""The bounds drawn: the soundness tests' numbers, and a whole number as a float, minus zero and
a whole number no float holds, where comparing bounds of both kinds could differ from the
proof's comparisons (found by review)."""
_number_ranges = st.builds(
    Atom,
    st.sampled_from(["rating", "order.delay_days"]),
    st.sampled_from(["lt", "lte", "gt", "gte"]),
    st.sampled_from(_BOUNDS),
) | st.builds(
    lambda field, low, high: Atom(field, "between", (min(low, high), max(low, high))),
    st.sampled_from(["rating", "order.delay_days"]),
    st.sampled_from(_BOUNDS),
    st.sampled_from(_BOUNDS),
)
_ranged_nodes = node_trees(atoms() | _number_ranges | _number_ranges, 4)


def _a_range_on_numbers(node: Node) -> bool:
    """Whether ``node`` is a range test (not negated) of a number or numbers."""
    if not isinstance(node, Atom) or node.negated:
        return False
    if node.op == "between":
        return all(is_number(v) for v in node.value)
    return node.op in ("lt", "lte", "gt", "gte") and is_number(node.value)


@settings(max_examples=1000, deadline=None)
@given(
    given_=st.lists(_ranged_nodes, min_size=1, max_size=3),
    wanted=st.lists(_ranged_nodes, min_size=1, max_size=3),
)
@example(  # a band of amounts is not within the band before it
    given_=[Atom("rating", "gte", 3), Atom("rating", "lt", 4)],
    wanted=[Atom("rating", "gte", 2), Atom("rating", "lt", 3)],
)
@example(  # `lte: 3` lets 3 through, which `lt: 3` does not
    given_=[Atom("rating", "gte", 2), Atom("rating", "lte", 3)],
    wanted=[Atom("rating", "lt", 3)],
)
@example(  # the listed values all pass, with no range test among the given
    given_=[Atom("rating", "in", (3, 4))],
    wanted=[Atom("rating", "gte", 2)],
)
def test_range_tests_refuted_without_a_proof_are_never_implied(
    given_: list[Node], wanted: list[Node]
) -> None:
    """``RuleIndex`` leaves out of lint's proofs the rules whose range tests
    ``RangeRefuter`` says a rule does not imply: the proof must never find they are implied
    (a finding would be lost). And where the proof has nothing but range tests to go on (no
    `any` list, no listed values, one range test wanted), it refuses just those."""
    refuter = RangeRefuter(given_)
    required = ranges_required(wanted)
    refuted = refuter.usable and refuter.refutes(required)
    if refuted:
        assert not implies(given_, Both(tuple(wanted)))
    [first, *rest] = wanted
    listed = any(
        isinstance(n, Atom) and n.op in ("eq", "in") and not n.negated and not n.ignore_case
        for n in flatten(given_)
        if isinstance(n, Atom) and isinstance(first, Atom) and n.field == first.field
    )
    if refuter.usable and not rest and _a_range_on_numbers(first) and not listed:
        assert refuted == (not implies(given_, first))


def test_the_rule_index_finds_among_amount_bands_only_those_holding_the_rule_s() -> None:
    """Rules of amounts (``order.total`` from ``k`` to ``k + 1``) share every equality, so
    the index had found every earlier one, and lint proved each pair: 2,400 bands took 29 s.
    It finds now only the rules whose ranges hold the later rule's; a rule of an `any` list,
    which the proof reasons about by cases, still finds them all."""

    def band(name: str, low: float, high: float, *more: dict[str, Any]) -> dict[str, Any]:
        tests = [{"field": "order.total", "gte": low}, {"field": "order.total", "lt": high}]
        return {
            "id": name,
            "title": name,
            "when": {"event": "order", "all": [*tests, *more]},
            "then": APOLOGY,
            "stop": True,
        }

    rules = [band(f"b{k}", k, k + 1) for k in range(20)]
    rules.append(band("wide", 0, 100))
    rules.append(band("inner", 5.25, 5.5))
    either = {"any": [{"field": "channel", "eq": "email"}, {"field": "rating", "lt": 2}]}
    rules.append(band("branching", 5.25, 5.5, either))
    document = {"backplan": 1, "plan": {"name": "Bands", "currency": "USD"}, "rules": rules}
    model = compile_document(document, generated=False).model
    conjuncts = plan_conjuncts(model)
    index = RuleIndex()
    for rule_ in model.rules[:-2]:
        index.add(rule_, conjuncts[rule_.position])
    found = {r.id: [c.id for c in index.candidates(conjuncts[r.position])] for r in model.rules}
    assert found["b0"] == ["b0", "wide"]
    assert found["b7"] == ["b7", "wide"]
    assert found["inner"] == ["b5", "wide"]
    assert found["branching"] == [*(f"b{k}" for k in range(20)), "wide"]
    shadowed = [(earlier.id, later.id) for earlier, later in never_firing(model)]
    assert shadowed == [("b5", "inner"), ("b5", "branching")]


def pairwise_candidates(
    index: RuleIndex, added: list[tuple[Node, ...]], conjuncts: tuple[Node, ...]
) -> list[Any]:
    """The reference of ``RuleIndex.candidates`` (``added``: the conjunctions added to
    ``index``, in order), as it was before the rules of range tests were kept by their
    intervals: every earlier rule filed where the conjunction pins its fields (or loose) and
    testing no field it does not, each of range tests then asked in turn whether
    ``RangeRefuter`` refutes it (10,000 amount bands: 50 million questions, 30 s of lint)."""
    mine = frozenset(a.field for a in _atoms_anywhere(conjuncts))
    numbers = list(index.loose)
    for name, keys in pinned(conjuncts).items():
        for key in keys:
            numbers.extend(index.by_value.get((name, key), ()))
    found = [n for n in sorted(set(numbers)) if index.rules[n][1] <= mine]
    refuter = RangeRefuter(conjuncts)
    if refuter.usable:
        found = [
            n
            for n in found
            if not ranges_required(added[n]) or not refuter.refutes(ranges_required(added[n]))
        ]
    return [index.rules[n][0] for n in found]


def _atoms_anywhere(nodes: tuple[Node, ...]) -> list[Atom]:
    found: list[Atom] = []
    for node in nodes:
        found.extend([node] if isinstance(node, Atom) else _atoms_anywhere(node.items))
    return found


_BAND_BOUNDS = [0, 1, 2, 2.5, 3, 10, -1.5]
_band_fields = st.sampled_from(["order.total", "order.total", "rating"])
_bands = st.builds(
    Atom, _band_fields, st.sampled_from(["lt", "lte", "gt", "gte"]), st.sampled_from(_BAND_BOUNDS)
) | st.builds(
    lambda field, low, high: Atom(field, "between", (min(low, high), max(low, high))),
    _band_fields,
    st.sampled_from(_BAND_BOUNDS),
    st.sampled_from(_BAND_BOUNDS),
)
_beside_bands = st.sampled_from(
    [
        Atom("store", "eq", "s1"),
        Atom("store", "in", ("s1", "s2")),
        Atom("store", "eq", "s2"),
        Atom("order.total", "in", (1, 2)),
        Atom("rating", "eq", 3),
        Atom("channel", "eq", "email"),
        Atom("rating", "gte", 2, negated=True),
        Either((Atom("channel", "eq", "email"), Atom("rating", "lt", 2))),
    ]
)
_band_rules = st.lists(
    st.lists(_bands | _bands | _beside_bands, min_size=1, max_size=4).map(tuple),
    min_size=1,
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(rules=_band_rules, asked_first=st.booleans())
@example(  # bands, a wide one, one inside another, and one of an `any` list
    rules=[
        (Atom("order.total", "gte", 0), Atom("order.total", "lt", 1)),
        (Atom("order.total", "gte", 1), Atom("order.total", "lt", 2)),
        (Atom("order.total", "between", (0, 10)),),
        (Atom("order.total", "gte", 1), Atom("order.total", "lt", 2.5), Atom("store", "eq", "s1")),
        (
            Atom("order.total", "gte", 1),
            Atom("order.total", "lt", 2),
            Either((Atom("channel", "eq", "email"), Atom("rating", "lt", 2))),
        ),
        (Atom("order.total", "in", (1, 2)), Atom("rating", "lte", 3)),
    ],
    asked_first=True,
)
def test_the_rule_index_finds_what_asking_every_band_found(
    rules: list[tuple[Node, ...]], asked_first: bool
) -> None:
    """``RuleIndex.candidates`` finds the rules of range tests by their intervals
    (``HoldingIntervals``), where it had asked ``RangeRefuter`` of every earlier one: the same
    rules, in the same order, asked as the rules are added (``asked_first``: before each is
    added, as ``shadowed-rule`` asks) and once all are."""
    index = RuleIndex()
    added: list[tuple[Node, ...]] = []
    for number, conjuncts in enumerate(rules):
        if asked_first:
            assert index.candidates(conjuncts) == pairwise_candidates(index, added, conjuncts)
        index.add(cast(Rule, f"r{number}"), conjuncts)
        added.append(conjuncts)
    for conjuncts in rules:
        assert index.candidates(conjuncts) == pairwise_candidates(index, added, conjuncts)


@settings(max_examples=300, deadline=None)
@given(
    intervals=st.lists(
        st.tuples(st.sampled_from(_BAND_BOUNDS), st.sampled_from(_BAND_BOUNDS), st.booleans()),
        max_size=70,
    ),
    asked=st.tuples(st.sampled_from(_BAND_BOUNDS), st.sampled_from(_BAND_BOUNDS)),
)
def test_holding_intervals_finds_each_interval_that_holds_the_one_asked(
    intervals: list[tuple[float, float, bool]], asked: tuple[float, float]
) -> None:
    """Of intervals added one by one (blocks merged as they grow), the numbers of those
    whose bounds hold the interval asked, every one once, asked at every size."""
    holding = HoldingIntervals()
    kept: list[Bounds] = []
    wanted = bounds(interval([Atom("x", "between", (min(asked), max(asked)))]))
    for number, (low, high, strict) in enumerate(intervals):
        tests = [Atom("x", "gt" if strict else "gte", low), Atom("x", "lte", high)]
        kept.append(bounds(interval(tests)))
        holding.add(kept[-1], number)
        found = sorted(holding.holding(wanted))
        assert found == [
            n for n, (lo, hi) in enumerate(kept) if lo <= wanted[0] and hi >= wanted[1]
        ]


def test_lint_of_amount_bands_asks_of_each_band_a_few_others(monkeypatch: Any) -> None:
    """Lint of 400 amount bands asks ``RangeRefuter`` a few questions a band, counted rather
    than timed: it had asked of every pair, 80,000 questions (10,000 bands took 30 s)."""
    asked = [0]
    refutes = RangeRefuter.refutes

    def counted(self: RangeRefuter, required: tuple[tuple[str, Bounds], ...]) -> bool:
        asked[0] += 1
        return refutes(self, required)

    monkeypatch.setattr(RangeRefuter, "refutes", counted)
    rules = [
        {
            "id": f"b{k}",
            "title": f"b{k}",
            "stop": True,
            "when": {
                "event": "order",
                "all": [{"field": "order.total", "gte": k}, {"field": "order.total", "lt": k + 1}],
            },
            "then": APOLOGY,
        }
        for k in range(400)
    ]
    document = {"backplan": 1, "plan": {"name": "Bands", "currency": "USD"}, "rules": rules}
    model = compile_document(document, generated=False).model
    assert never_firing(model) == []
    assert asked[0] <= 4 * len(rules)
