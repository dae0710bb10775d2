"""What a template slot shows for each kind of value (``engine.templates``)."""

from __future__ import annotations

from typing import Any

import pytest

from engine.templates import MAX_VALUE_CHARS, parse_template

TEMPLATE = parse_template("Hi {customer.name|there}!")
LONG = "x" * MAX_VALUE_CHARS


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Ada", "Ada"),
        (LONG, LONG),  # at the limit: whole
        (LONG + "y", "x" * (MAX_VALUE_CHARS - 1) + "…"),  # over it: cut, with an ellipsis
        ("é" * (MAX_VALUE_CHARS + 1), "é" * (MAX_VALUE_CHARS - 1) + "…"),
        ("Zoë", "Zoë"),
        ("a\ud800b", "a\ufffdb"),  # a lone surrogate (only an embedding app can send one)
        ("", "there"),  # empty text counts as missing
        (None, "there"),
        (3, "3"),
        (3.0, "3"),
        (2.5, "2.5"),
        (-0.0, "0"),
        (1e-05, "0.00001"),  # as written, never in Python's exponent form
        (1.5e-07, "0.00000015"),
        (1000000000000000.0, "1000000000000000"),
        (2e16, "20000000000000000"),
        (1.25e20, "125000000000000000000"),
        (1e300, "1" + "0" * 300),
        (True, "yes"),
        (False, "no"),
        (["Ada"], "there"),  # a list or mapping has no sensible text
        ({"first": "Ada"}, "there"),
    ],
)
def test_a_slot_shows_the_fields_text_or_its_default(name: Any, shown: str) -> None:
    assert TEMPLATE.render({"customer": {"name": name}}) == f"Hi {shown}!"


def test_a_missing_field_without_a_default_shows_a_visible_placeholder() -> None:
    template = parse_template("Hi {customer.name}, about {order.id|your order}")
    assert template.render({"customer": {}}) == "Hi [missing: customer.name], about your order"
    assert template.render({"customer": "Ada"}) == "Hi [missing: customer.name], about your order"
