"""engine.docstart: the start of one JSON document, told a line at a time.

What it refuses decides that an input is JSON Lines and not one document, so it must never
refuse what a JSON parser takes, at any line; what it takes, orjson reads in the end.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from engine.docstart import DocumentStart

TEXT = st.text(alphabet='ab{}[]",:\\ \t\r\n\x00é', max_size=6)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=12,
)
LAYOUTS = st.sampled_from(
    [
        {"indent": 2},
        {"indent": 0},
        {"indent": None},
        {"indent": None, "separators": (",\n", ":\n")},
        {"indent": "\t", "ensure_ascii": False},
    ]
)


def _fed(text: str) -> tuple[DocumentStart, list[bool]]:
    start = DocumentStart()
    return start, [start.feed(line) for line in text.encode().splitlines(keepends=True)]


@given(value=VALUES, layout=LAYOUTS, blanks=st.sampled_from(["", "\n", "  \r\n\n"]))
def test_every_line_of_a_document_goes_on_it_and_the_last_closes_it(
    value: Any, layout: dict[str, Any], blanks: str
) -> None:
    start, taken = _fed(json.dumps(value, **layout) + blanks)
    assert all(taken)
    assert start.closed and not start.broken


@given(
    value=VALUES,
    layout=LAYOUTS,
    data=st.data(),
    damage=st.sampled_from(["", ",", "}", "]", "{", "[", ":", '"', "x", "\n", "\\", "1"]),
)
def test_what_a_parser_takes_is_never_refused(
    value: Any, layout: dict[str, Any], data: st.DataObject, damage: str
) -> None:
    text = json.dumps(value, **layout)
    cut = data.draw(st.integers(0, len(text)))
    damaged = text[:cut] + damage + text[cut + 1 :]
    start, taken = _fed(damaged)
    try:
        json.loads(damaged)
    except ValueError:
        return  # refused or not, orjson reads the document in the end
    assert all(taken)
    assert start.closed


def test_a_line_that_cannot_go_on_the_document_breaks_it_for_good() -> None:
    start = DocumentStart()
    assert start.feed(b'{"id": 1,\n')
    assert not start.closed
    assert not start.feed(b'{"id": 2}\n')  # a key was due
    assert start.broken
    assert not start.feed(b'"type": "review"}\n')
    for text in [b'{"id": 1}}\n', b"[1,]\n", b"{,}\n", b'{"a" 1}\n', b'{"a": "b\n', b"[1] 2\n"]:
        assert not DocumentStart().feed(text), text
    closed = DocumentStart()
    assert closed.feed(b"[NaN, tru, 01]\n")  # lenient inside a token: orjson says the rest
    assert closed.closed
    assert closed.feed(b"  \n")
    assert not closed.feed(b"[]\n")  # nothing but blanks after the whole value


@given(value=VALUES, layout=LAYOUTS)
def test_every_item_of_a_pretty_printed_list_may_be_one(value: Any, layout: dict[str, Any]) -> None:
    """Where a line of a document starts a value in a list, the list takes a line at its
    column as an item: none of a whole document's lines is ever told to be the next one."""
    start = DocumentStart()
    for line in json.dumps(value, **layout).encode().splitlines(keepends=True):
        if start.wants_value:
            assert start.may_be_item(len(line) - len(line.lstrip(b" \t\r")))
        assert start.feed(line)


def test_a_list_whose_first_item_starts_a_line_takes_items_at_its_column_only() -> None:
    start = DocumentStart()
    for line in [b"{\n", b'  "items": [\n']:
        start.feed(line)
    assert start.may_be_item(3) and start.may_be_item(6)  # no item yet: any column may be,
    assert not start.may_be_item(2)  # past the `[`'s line (indented past the document's first)
    start.feed(b'    "a1",\n')
    assert start.may_be_item(4)
    assert not start.may_be_item(2) and not start.may_be_item(6)
    start.feed(b'    {"sku": [7,\n')  # a list whose first item is on its `[`'s line
    assert start.may_be_item(5) and start.may_be_item(9)  # any column past that line's
    assert not start.may_be_item(4) and not start.may_be_item(0)
    start.feed(b"8]},\n")
    assert start.may_be_item(4) and not start.may_be_item(0)  # the outer list's again
    start.feed(b"    1], \n")
    assert start.may_be_item(0)  # an object's: not asked (a member starts with its key)


def test_a_list_opened_on_a_line_at_the_documents_column_takes_items_at_any_column() -> None:
    """``indent=0`` puts a list's items at the column of the line that opened it: where that
    line is at the document's own column, an item may start there."""
    start = DocumentStart()
    for line in [b"  {\n", b'  "items": [\n']:
        start.feed(line)
    assert start.may_be_item(2) and start.may_be_item(0) and start.may_be_item(5)
