"""Lint's shortcut past proofs that range tests refuse (``engine.logic.RangeRefuter``, used by
``engine.lint.proofs.RuleIndex``): it must never leave out a rule the proof would find implied,
and it must leave out the rules of amounts that no equality files apart."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from engine.lint.base import plan_conjuncts
from engine.lint.proofs import RuleIndex, never_firing
from engine.logic import Atom, Both, Node, RangeRefuter, flatten, implies, ranges_required
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
