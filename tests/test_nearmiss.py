"""The near misses of a failed text test that explain names (engine/nearmiss.py)."""

from __future__ import annotations

from typing import Any

import pytest

from engine.errors import SourceLocation
from engine.model import FieldTest
from engine.nearmiss import misspelt_key, near_miss
from engine.operators import holds

AT = SourceLocation("test.yaml", 1, 1)


def _short(op: str, const: Any, value: Any, ignore_case: bool = False) -> str | None:
    test = FieldTest(field="f", op=op, value=const, ignore_case=ignore_case, at=AT)
    assert not holds(op, value, const, ignore_case)  # only a failed test is asked about
    found = near_miss(test, value)
    return None if found is None else found.short


@pytest.mark.parametrize(
    ("op", "const", "value", "ignore_case", "said"),
    [
        ("eq", "late", "Late", False, "only the capitals differ"),
        ("eq", "wrong_charge", "wrongcharge", False, "only the underscores differ"),
        ("eq", "front-desk", "front desk ", False, "only the spaces and hyphens differ"),
        ("eq", "front-desk", "Front Desk", True, "only the spaces and hyphens differ"),
        (
            "starts_with",
            "wrong_charge",
            "wrong charge twice",
            False,
            "only the spaces and underscores differ",
        ),
        (
            "ends_with",
            "wrong_charge",
            "a WRONG-CHARGE",
            False,
            "only the hyphens, underscores and capitals differ",
        ),
        (
            "contains_all",
            ["vip", "wrong_charge"],
            ["vip", "wrong charge"],
            False,
            "only the spaces and underscores differ",
        ),
        ("contains_any", ["l\u0430te"], "so late", False, None),  # the plan's own letter: not named
        ("in", ["early", "late"], "\u0421old", False, None),  # another word, in another alphabet
        (
            "starts_with",
            "late",
            "L\u0430te again",
            False,
            'the 2nd letter of "L\u0430te" is U+0430 CYRILLIC SMALL LETTER A, not the Latin a (and the capitals differ)',
        ),
        (
            "eq",
            "late",
            "l\u0430te",
            True,
            'the 2nd letter of "l\u0430te" is U+0430 CYRILLIC SMALL LETTER A, not the Latin a',
        ),
    ],
)
def test_a_near_miss_is_named(
    op: str, const: Any, value: Any, ignore_case: bool, said: str | None
) -> None:
    assert _short(op, const, value, ignore_case) == said


@pytest.mark.parametrize(
    ("op", "const", "value"),
    [
        ("contains_all", ["vip", "wrong_charge"], ["gold", "wrong charge"]),  # vip lacks outright
        ("matches", "^wrong_charge$", "wrong charge"),  # a pattern is not respelt
        ("eq", "-", " "),  # nothing but separators: no letters to compare
        ("eq", "late", 5),
        ("in", ["late"], ["late charge"]),
        ("starts_with", "wrong_charge", ["wrong charge"]),  # a list has no start
    ],
)
def test_what_is_no_near_miss_is_not_said_to_be(op: str, const: Any, value: Any) -> None:
    assert _short(op, const, value) is None


@pytest.mark.parametrize(
    ("event", "field", "found"),
    [
        ({"staf": {"team": "drivers"}}, "staff.team", ("staf", "staff")),
        ({"staff": {"taem": "drivers"}}, "staff.team", ("staff.taem", "staff.team")),
        ({"Staff": {"team": "drivers"}}, "staff.team", ("Staff", "staff")),
        (
            {"order": {"items": [{"skuu": "A1"}]}},
            "order.items.0.sku",
            ("order.items.0.skuu", "order.items.0.sku"),
        ),
        ({"crew": {"team": "drivers"}}, "staff.team", None),  # not close
        ({"staff": "drivers"}, "staff.team", None),  # a text has no keys
        ({"order": {"items": []}}, "order.items.0.sku", None),  # no item to look in
        ({"staff": {"team": "drivers"}}, "staff.team", None),  # not lacking
    ],
)
def test_misspelt_key_is_the_close_key_where_the_field_is_lacking(
    event: dict[str, Any], field: str, found: tuple[str, str] | None
) -> None:
    assert misspelt_key(event, field) == found
