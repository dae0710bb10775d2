"""What a template slot shows for each kind of value (``engine.templates``)."""

from __future__ import annotations

import enum
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from engine.templates import MAX_VALUE_CHARS, parse_template, renderer
from tests.conftest import Float64

TEMPLATE = parse_template("Hi {customer.name|there}!")


class Count(int, enum.Enum):
    """An app's enum of whole numbers: its text is ``Count.THREE``."""

    THREE = 3


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
        (10**499, "1" + "0" * 499),  # 500 digits: at the limit, whole
        # A number is never cut, as a cut one reads as another (2 ** 1999 was cut to 499
        # digits and an ellipsis): over the limit, it is not shown (found by review).
        (10**500, "there"),
        (-(10**499), "there"),
        (2**1999, "there"),
        (2**5000, "there"),  # beyond Python's 4300-digit conversion limit, never converted
        (["Ada"], "there"),  # a list or mapping has no sensible text
        ({"first": "Ada"}, "there"),
        # an app's subclass shows the number it holds, not its own text (found by review)
        (Float64(2.5), "2.5"),  # had shown np.float64(2.5)
        (Float64(1e-05), "0.00001"),  # had raised decimal.InvalidOperation
        (Count.THREE, "3"),  # had shown Count.THREE
    ],
)
def test_a_slot_shows_the_fields_text_or_its_default(name: Any, shown: str) -> None:
    assert TEMPLATE.render({"customer": {"name": name}}) == f"Hi {shown}!"


class Tier(enum.StrEnum):
    """An app's enum of text: a ``str`` whose class is its own."""

    GOLD = "gold"


class Text(str):
    """An app's own class of text."""


@pytest.mark.parametrize(
    ("value", "shown"),
    [(Tier.GOLD, "gold"), (Text("Zoë"), "Zoë"), (Text(LONG + "y"), LONG[:-1] + "…")],
)
@pytest.mark.parametrize("source", ["{tier}", "Hi {tier}", "{tier}!"])
def test_a_slot_given_an_apps_text_subclass_gives_plain_text(
    value: str, shown: str, source: str
) -> None:
    """A message that is one slot alone gave the event's own object: an ``enum.StrEnum``
    member in the decision's ``message``, which ``Decision.validate`` refused as "Tier is not
    JSON data" (found by embedding). ``render`` had given plain text, so the generated
    renderer differed from it only in the class of what it gave."""
    template = parse_template(source)
    for rendered in (renderer(template)({"tier": value}), template.render({"tier": value})):
        assert rendered == source.replace("{tier}", shown)
        assert rendered.__class__ is str


def test_a_missing_field_without_a_default_shows_a_visible_placeholder() -> None:
    template = parse_template("Hi {customer.name}, about {order.id|your order}")
    assert template.render({"customer": {}}) == "Hi [missing: customer.name], about your order"
    assert template.render({"customer": "Ada"}) == "Hi [missing: customer.name], about your order"


# --- the generated renderer is render -------------------------------------------------------

_PATHS = ["name", "customer.name", "order.items.0.sku", "items.1", "a.b.c", "items.0"]
_pieces = st.one_of(
    st.text(max_size=8).map(lambda text: text.replace("{", "{{").replace("}", "}}")),
    st.sampled_from(["x" * 2000, "é" * 1500]),  # literal text that can pass the output limit
    st.builds(
        lambda path, default: "{" + path + ("" if default is None else "|" + default) + "}",
        st.sampled_from(_PATHS),
        st.one_of(st.none(), st.text(alphabet="ab ", max_size=4), st.just("d" * 900)),
    ),
)
_edges = st.sampled_from(["", "x" * MAX_VALUE_CHARS, "y" * (MAX_VALUE_CHARS + 1), "Zoë", "a\ud800"])
_leaves = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=6), _edges
)
_values = st.recursive(
    _leaves,
    lambda inner: st.one_of(
        _edges,
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(["name", "customer", "order", "items", "sku", "0", "1"]), inner
        ),
    ),
    max_leaves=12,
)


_shaped = st.fixed_dictionaries(
    {},
    optional={
        "name": _values,
        "customer": st.one_of(st.fixed_dictionaries({}, optional={"name": _values}), _values),
        "order": st.fixed_dictionaries(
            {}, optional={"items": st.lists(st.fixed_dictionaries({"sku": _values}), max_size=2)}
        ),
        "items": st.one_of(st.lists(_values, max_size=3), _values),
        "a": st.fixed_dictionaries({"b": st.fixed_dictionaries({"c": _values})}),
    },
)
"""Events that hold the slots' fields (at times), with any value there."""


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(_pieces, max_size=5), event=st.one_of(_shaped, _values))
@example(pieces=["Hi {name}"], event={"name": "a\ud800"})  # the usual text's edges
@example(pieces=["{name}"], event={"name": "é" * MAX_VALUE_CHARS})
@example(pieces=["{name|x}"], event={"name": ""})
@example(pieces=["{items.0}"], event={"items": ["A"]})
def test_the_generated_renderer_gives_what_render_gives(pieces: list[str], event: Any) -> None:
    template = parse_template("".join(pieces))
    assert renderer(template)(event) == template.render(event)


@pytest.mark.parametrize("source", ["{a}" * 3000, "{a}x" * 1500, "x{a}" * 20])
def test_a_template_of_many_pieces_is_generated_and_renders_as_render_does(source: str) -> None:
    # A chain of thousands of + nests as deep when compiled: the renderer joins them instead.
    template = parse_template(source)
    assert renderer(template)({"a": "é"}) == template.render({"a": "é"})
