"""How plan constants read inside sentences (explain, lint, render)."""

from __future__ import annotations

import pytest

from engine.wording import negated_requirement, requirement


@pytest.mark.parametrize(
    ("op", "const", "said"),
    [
        ("lte", "two", '"two" or less'),  # a bare word there reads like the number 2
        ("gt", "b", 'more than "b"'),
        ("between", ["a", "m"], 'between "a" and "m"'),
        ("lte", "2", '"2" or less'),
        ("lte", 2, "2 or less"),
        ("between", [1, 2.5], "between 1 and 2.5"),
        ("eq", "gold", "gold"),  # a word on its own stays bare
    ],
)
def test_text_compared_by_order_is_quoted(op: str, const: object, said: str) -> None:
    assert requirement(op, const) == said


def test_a_negated_order_comparison_of_text_is_quoted_too() -> None:
    assert negated_requirement("lt", "two") == 'not less than "two"'
