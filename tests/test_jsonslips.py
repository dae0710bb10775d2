"""engine.jsonslips: the bracket left open, or the quote inside a text, that made JSON invalid.

orjson says where reading stopped ("unexpected end of data (at line 16, column 2)"), which for
a bracket left open is the end of the text, far from the mistake.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import EventError, read_event
from engine.cli import cli
from engine.jsonslips import CUT_IN_TEXT, ENDS_IN_TEXT, ESCAPED_QUOTE, MAX_SCANNED
from engine.streams import read_events


def message(text: str) -> str:
    with pytest.raises(EventError) as refused:
        read_event(text)
    assert refused.value.code == "bad-json"
    return refused.value.message


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (
            '{"a": {"b": [1, 2}',
            "the `[` at line 1, column 13 is still open here: add `]` before this `}`",
        ),
        (
            '{"a": [{"b": 1]}',
            "the `{` at line 1, column 8 is still open here: add `}` before this `]`",
        ),
        (
            '{"a": {"b": [1, 2]',
            "2 brackets are never closed (the innermost is the `{` at line 1, column 7): `}}` "
            "is missing",
        ),
        (
            '{"id": "e1", "tags": ["a"',
            "2 brackets are never closed (the innermost is the `[` at line 1, column 22): `]}` "
            "is missing",
        ),
        (
            '{"a": "x\\\\"',  # the backslash is escaped: the string is closed, the object not
            "the `{` at line 1, column 1 is never closed: add `}` where its object ends",
        ),
        # cut off inside a text with no line end after it (the last line of a file): its
        # brackets open, it is cut short, as the same line with a line end after it is told
        ('{"id": "a", "text": "cut off', CUT_IN_TEXT),
        ('{"a": "x', CUT_IN_TEXT),
        ('{"a": "x\\"}', ENDS_IN_TEXT + ESCAPED_QUOTE),  # its last quote escaped
        ('{"id": "a", "te', CUT_IN_TEXT),
        ('{"id": "a", "text": "late}', ENDS_IN_TEXT),  # only its quote missing
        ('{"id": "a", "tags": ["late]}', ENDS_IN_TEXT),
        (
            '{"text": "I said "hi" to them"}',
            'is a `"` inside a text? Inside a text it is written \\"',
        ),
        (
            '{"type": "review" rating: 1}',
            'is a comma missing before it? A key is written in double quotes: "rating"',
        ),
        ('{"type": "review" "rating": 1}', "is a comma missing before it?"),
        # a key with no object open: nothing is before it to need a comma (found by embedding)
        (
            'data: {"id": "a", "type": "review"}',  # a server-sent event's line, as posted
            'a key is written in double quotes, inside the braces of an object: {"data": ...}',
        ),
        (
            "  id: evt-1",  # a line of YAML
            'a key is written in double quotes, inside the braces of an object: {"id": ...}',
        ),
        (
            '[id: "evt-1"]',
            'a key is written in double quotes, inside the braces of an object: {"id": ...}',
        ),
        # the character before the key is the one read, not more of the text (found by
        # mutation testing): a key without quotes after a comma, and as an item of a list
        # inside an object
        ('{"id": "e6", type: "review"}', 'a key is written in double quotes: "type"'),
        ('{"id": "e6",\n  type: "review"}', 'a key is written in double quotes: "type"'),
        (
            '{"id": "e6", "tags": [tag: "x"]}',
            'a key is written in double quotes, inside the braces of an object: {"tag": ...}',
        ),
        (
            '{"id": "e6", \u201ctype\u201d: "review"}',
            '`\u201c` is a typographic quote: JSON needs straight double quotes (")',
        ),
        # a closer one too many: adding the bracket orjson expected would not mend it
        ('{"a": [1, 2]], "b": 3}', "this `]` is one too many: remove it"),
        # after the event, closed whole (orjson: "unexpected content after document"): it had
        # no hint, though diagnostics.md promises this one
        ('{"id": "a", "type": "review"}}', "this `}` is one too many: remove it"),
        ('{"id": "a", "type": "review"} ]', "this `]` is one too many: remove it"),
        ('{\n  "tags": [\n    "a"\n  ]\n  ],\n  "b": 1\n}', "this `]` is one too many: remove it"),
        (
            '{\n  "items": [\n    {"x": 1}\n    },\n    {"x": 2}\n  ]\n}',
            "this `}` is one too many: remove it",
        ),
        # a whole `},` line deleted: orjson stops at the next key
        (
            '{\n  "a": {\n    "b": 1\n\n  "c": 2\n}',
            "the `{` at line 2, column 8 seems never closed: add `},` before line 5",
        ),
        (
            '{\n  "a": [\n    1\n  "c": 2\n}',
            "the `[` at line 2, column 8 seems never closed: add `],` before line 4",
        ),
        # odd indentation elsewhere: the slip where orjson stopped is told, not a bracket
        (
            "{\n  \"a\": [\n    1\n],\n  'b': 2\n}",
            "JSON writes texts and keys in double quotes (\"), not single quotes (')",
        ),
        (
            '{\n  "text": "abc",\n    "customer": {\n      "tier": "gold"\n  },\n  "vip": True\n}',
            "JSON writes true, false and null in small letters",
        ),
        (
            '{\n  "id": "a",\n  "c": {\n    "tier": "gold",\n"name": "x"\n  },\n  "n": 1,5\n}',
            "JSON writes a decimal with a point (1.5): a comma separates values",
        ),
        *(  # in capitals, as a spreadsheet or SQL writes them: had been told nothing more
            (text, "JSON writes true, false and null in small letters")
            for text in ('{"public": TRUE}', '{"n": [FALSE]}', '{"n": NULL}', '{"n": Null}')
        ),
        # a number with its unit or currency: had been told nothing more
        *(
            (
                text,
                f"JSON writes a number alone ({value}): its currency or unit goes in a field of "
                f'its own, or the whole in double quotes, as text ("{written}")',
            )
            for text, value, written in [
                ('{"n": 12%}', "12", "12%"),
                ('{"total": 12.50 USD}', "12.50", "12.50 USD"),
                ('{"total": $12}', "12", "$12"),
                ('{"total": [€ 1.5]}', "1.5", "€ 1.5"),
                ('{"total": ₹120}', "120", "₹120"),  # every sign engine.currencies knows
                ('{"total": 120 ₪}', "120", "120 ₪"),
                # a decimal comma, a sign before or a unit after: had been cut at the comma
                # (`€12,50` was 12, `$1,000` 1), or told to write a key (`1.234,50 €`)
                ('{"total": €12,50}', "12.50", "€12,50"),
                ('{"total": € 12,50}', "12.50", "€ 12,50"),
                ('{"total": 12,50 €}', "12.50", "12,50 €"),
                ('{"total": 12,50€}', "12.50", "12,50€"),
                ('{"total": 12,50 EUR}', "12.50", "12,50 EUR"),
                ('{"total": 1.234,50 €}', "1234.50", "1.234,50 €"),
                ('{"total": €1.234,50}', "1234.50", "€1.234,50"),
                ('{"total": $1,000.50}', "1000.50", "$1,000.50"),
                ('{"total": $1,000,000}', "1000000", "$1,000,000"),
                ('{"total": [$12, 3]}', "12", "$12"),  # the comma after it ends the value
                (
                    '{"total": $1,000}',
                    "1000, or 1.000 if the comma marked a decimal",
                    "$1,000",
                ),
                # a point before three digits: a thousand where the comma marks decimals
                # (`1.000 €`), or 1.000 (a dinar's fils): had been hinted as 1.000 alone
                (
                    '{"total": €1.000}',
                    "1.000, or 1000 if the point grouped thousands",
                    "€1.000",
                ),
                (
                    '{"total": 1.500 KWD}',
                    "1.500, or 1500 if the point grouped thousands",
                    "1.500 KWD",
                ),
                ('{"total": €0.500}', "0.500", "€0.500"),  # no thousand starts with 0
                ('{"total": €1234.500}', "1234.500", "€1234.500"),  # nor holds 4 digits
            ]
        ),
        *(  # separators that follow no rule: `1,2,3` had been offered 1.2, `1.5,5` a key
            (
                text,
                "JSON writes a number without commas, and a decimal with a point: a comma "
                "separates values",
            )
            for text in ('{"id": "a", "n": 1,2,3}', '{"id": "a", "n": 1.5,5}')
        ),
        (  # a point grouping thousands, a comma marking decimals: had been told to write a key
            '{"id": "a", "n": 1.234,50}',
            "JSON writes a number without thousands separators and a decimal with a point "
            "(1234.50): a comma separates values",
        ),
        # a word after a text's end, a space between them: had been told nothing more
        ('{"text": "5" stars"}', 'is a `"` inside a text? Inside a text it is written \\"'),
        # three digits after a comma may group thousands: a thousand had been told 1.000
        (
            '{"id": "a", "n": 1,000}',
            "JSON writes a number without thousands separators (1000), and a decimal with a "
            "point (1.000) if the comma marked one: a comma separates values",
        ),
        (
            '{"id": "a", "n": -12,500.50}',
            "JSON writes a number without thousands separators (-12500.50): a comma separates "
            "values",
        ),
        (
            '{"id": "a", "n": 1,000,000}',
            "JSON writes a number without thousands separators (1000000): a comma separates values",
        ),
        (  # no thousands: four digits before the comma, or after it
            '{"id": "a", "n": 1234,567}',
            "JSON writes a decimal with a point (1234.567): a comma separates values",
        ),
        (
            '{"id": "a", "n": 1,0000}',
            "JSON writes a decimal with a point (1.0000): a comma separates values",
        ),
    ],
)
def test_a_slip_on_one_line_is_named(text: str, hint: str) -> None:
    assert message(text).endswith(f"; {hint}")


@pytest.mark.parametrize("text", ['{"id": "a"}{"id": "b"}', '{"id": "a"} \t{"id": "b"}'])
def test_events_one_after_another_on_one_line_are_told_to_go_on_lines_of_their_own(
    text: str,
) -> None:
    """A dump of events written without a line end between them (a logger's, ``jq -j``) had
    been told only "unexpected content after document" (found by review)."""
    column = text.index("{", 1) + 1
    assert message(text) == (
        f"not valid JSON: there is more after the event's end (at line 1, column {column}); "
        "another event starts here, on the same line: write each event on a line of its own "
        "(`jq -c .` writes them so)"
    )


@pytest.mark.parametrize(
    "text", ['{"id": "a"},{"id": "b"}', '{"id": "a"} , \t{"id": "b"}', '{"id": "a"},{"id": "b"},']
)
def test_events_kept_apart_by_commas_on_one_line_are_told_to_go_on_lines_of_their_own(
    text: str,
) -> None:
    """Told to remove the comma alone, a line holding two events would still hold two events,
    still refused (found by review)."""
    column = text.index(",") + 1
    assert message(text) == (
        f"not valid JSON: a `,` after the event's end (at line 1, column {column}); the line "
        "holds several events, kept apart by commas: put each on a line of its own, without "
        "the comma (or make the whole file a JSON array, in `[` and `]`)"
    )


@pytest.mark.parametrize("text", ['{"id": "a"}, "b"', '{"id": "a"},\n{"id": "b"}', "[1],{}"])
def test_a_comma_after_an_event_that_no_event_follows_on_its_line_is_told_to_go(
    text: str,
) -> None:
    assert message(text).endswith(
        "remove it: events one a line (JSONL) have no comma between them; a list of events "
        "with commas is a JSON array, in `[` and `]`"
    )


@pytest.mark.parametrize(
    "text", ['{"id": "a"}x', '{"id": "a"}\n{"id": "b"}', '"a"{"id": "b"}', '[1]{"id": "b"}']
)
def test_more_after_an_event_that_starts_no_event_on_its_line_is_not_told_so(text: str) -> None:
    assert message(text).endswith(")")


@pytest.mark.parametrize(
    "text",
    [
        '{"a"1}',  # a colon missing: no quote inside a text
        '{"n": 12 and}',  # a word in small letters after a number: no currency's code
        '{"id"5, "type": "review"}',
        "[" + "[]," * (MAX_SCANNED // 3 + 1),  # too long to pair its brackets one by one
    ],
)
def test_nothing_more_is_said_where_the_text_does_not_tell(text: str) -> None:
    assert message(text).endswith(")")


@pytest.mark.parametrize("text", ['{"a": [\n1, 2\n], "b" 3}', '{"a": [\n1, 2\n'])
def test_the_layout_is_not_read_where_it_is_not_pretty_printed(text: str) -> None:
    # The list's items are on a line of their own, but no deeper than the line of its `[`.
    assert "seems never closed" not in message(text)


BILLING = Path(__file__).parents[1] / "examples" / "events" / "billing-error.json"


def test_a_pretty_printed_event_missing_a_brace_is_told_where(tmp_path: Path) -> None:
    # Was only "unexpected end of data (at line 16, column 2)": the end of the file.
    text = BILLING.read_text().replace('"complaints_90d": 1\n  },', '"complaints_90d": 1\n  ,')
    (tmp_path / "event.json").write_text(text)
    result = CliRunner().invoke(cli, ["eval", str(tmp_path / "event.json")])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["message"] == (
        "not valid JSON: the event ends too early (at line 16, column 2); the `{` at line 8, "
        "column 15 seems never closed: add `}` before line 11"
    )


def test_in_a_stream_of_pretty_printed_events_the_lines_are_the_inputs() -> None:
    stdin = (
        '{\n  "id": "a",\n  "type": "review"\n}\n'
        '{\n  "id": "b",\n  "type": "review",\n  "customer": {\n    "tier": "gold"\n  ,\n'
        '  "rating": 2\n}\n'
        '{\n  "id": "c",\n  "type": "review"\n}\n'
    )
    result = CliRunner().invoke(cli, ["eval", "-"], input=stdin)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record.get("event_id") for record in records] == ["a", None, "c"]
    assert records[1]["error"]["message"] == (
        "not valid JSON: the event ends too early (at line 12, column 2); the `{` at line 8, "
        "column 15 seems never closed: add `}` before line 10"
    )


def test_an_element_of_an_array_is_placed_in_the_whole_input(tmp_path: Path) -> None:
    text = (
        '[\n  {"id": "a", "type": "review"},\n  {\n    "id": "b",\n    "customer": {\n'
        '      "tier": "gold"\n    ,\n    "rating": 2\n  },\n  {"id": "c", "type": "review"}\n]\n'
    )
    (tmp_path / "events.json").write_text(text)
    result = CliRunner().invoke(cli, ["eval", str(tmp_path / "events.json")])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record.get("event_id") for record in records] == ["a", None, "c"]
    assert records[1]["error"]["message"].endswith(
        "; the `{` at line 5, column 17 seems never closed: add `}` before line 7"
    )


SCALARS = st.one_of(st.integers(), st.text(max_size=5), st.booleans(), st.none())
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=12,
)
PLACE = re.compile(r"the `([{\[])` at line (\d+), column (\d+)")


def bracket_pairs(text: str) -> dict[int, int]:
    """Where each closing bracket of a JSON text is -> where the bracket it closes is."""
    pairs: dict[int, int] = {}
    still_open: list[int] = []
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            in_string = True
        elif char in "{[":
            still_open.append(index)
        elif char in "}]":
            pairs[index] = still_open.pop()
    return pairs


def place_of(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    column = index - text.rfind("\n", 0, index)
    return f"the `{text[index]}` at line {line}, column {column}"


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=4), VALUES, min_size=1, max_size=4), st.data())
def test_a_closing_bracket_left_out_of_pretty_printed_json_is_found(
    value: dict[str, Any], data: st.DataObject
) -> None:
    """Any closing bracket left out: every bracket a hint names is where it says, and one that
    pretty-printed JSON had on a line of its own is named itself."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    pairs = bracket_pairs(text)
    left_out = data.draw(st.sampled_from(sorted(pairs)))
    broken = text[:left_out] + text[left_out + 1 :]
    said = message(broken)
    lines = broken.split("\n")
    for bracket, line, column in PLACE.findall(said):
        assert lines[int(line) - 1][int(column) - 1] == bracket, said
    if not text[text.rfind("\n", 0, left_out) + 1 : left_out].strip():
        assert place_of(text, pairs[left_out]) in said, said


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        (
            '[{"id": "a", "type": "x"}, {"id": "b", "x": [1}, {"id": "c"}]',
            "the `[` at line 1, column 45 is still open here: add `]` before this `}`",
        ),
        (
            '[{"id": "a"}, {"y": 1]}, {"id": "c"}]',
            "the `{` at line 1, column 15 is still open here: add `}` before this `]`",
        ),
    ],
)
def test_an_element_with_more_elements_after_it_is_mended_as_one(line: str, hint: str) -> None:
    # The element's text runs on into the next elements: the right repair (a closer added)
    # read whole up to the array's comma, and was refused for the text after it, while
    # removing the stray closer read further, into the next element, and was told instead.
    [broken] = [e for e in read_events(io.BytesIO(line.encode() + b"\n"), "in") if e.error]
    assert f"; {hint}; " in str(broken.error)


def test_more_brackets_closed_late_than_are_tried_are_told_as_never_closed() -> None:
    """Ten objects each missing its `}`, the next member laid out as if it were closed: more
    than the places tried for a repair (MAX_REPAIRS), so the closers missing at the end are
    told, all ten."""
    parts = ["{"]
    for n in range(10):
        parts += [f'  "k{n}": {{', f'    "x": {n},']
    text = "\n".join([*parts, '  "last": 1', "}"]) + "\n"
    assert message(text) == (
        "not valid JSON: the event ends too early (at line 23, column 2); 10 brackets are never "
        "closed (the innermost is the `{` at line 18, column 9): `}}}}}}}}}}` is missing"
    )


def test_the_brackets_still_open_leave_out_those_closed() -> None:
    from engine.jsonslips import still_open

    assert still_open('{"a": [1], "b": {"c": "]"') == ["{", "{"]
    assert still_open('[{"a": [1]}, {') == ["[", "{"]


REST_MISSING = "the rest of the event is missing (cut short?); send it whole"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (
            '{"id": "a", "type": "late_order",',
            "the `{` at line 1, column 1 is never closed, and the text stops after a `,`, where a "
            f"key was due: {REST_MISSING}, or end it with `}}` in place of that `,`",
        ),
        (
            '{"id": "a", "items": [1, 2, \n',
            "2 brackets are never closed (the innermost is the `[` at line 1, column 22), and the "
            f"text stops after a `,`, where a value was due: {REST_MISSING}, or end it with `]}}` "
            "in place of that `,`",
        ),
        (
            '{"id": "a", "type":',
            "the `{` at line 1, column 1 is never closed, and the text stops after a key's `:`, "
            f"its value due: {REST_MISSING}",
        ),
        (  # no more was due: the `}` alone is missing
            '{"id": "a", "type": "late_order"',
            "the `{` at line 1, column 1 is never closed: add `}` where its object ends",
        ),
    ],
    ids=["after-a-comma", "in-a-list", "after-a-colon", "after-a-value"],
)
def test_a_text_that_stops_where_more_was_due_is_told_its_rest_is_missing(
    text: str, hint: str
) -> None:
    """An event cut short after a `,` (a writer stopped mid-line) had been told to add `}`,
    which after the comma leaves it no JSON still; its rest is what is missing, and the repair
    offered (the closing brackets in place of the comma) reads."""
    said = message(text)
    assert said.endswith(f"; {hint}")
    offered = re.search(r"end it with `([]}]+)` in place of that `,`", said)
    if offered is not None:
        assert json.loads(text.rstrip().removesuffix(",") + offered[1])


VALUES = "a text in double quotes, a number, true, false, null, a list or an object"
BETWEEN = "JSON allows only spaces, tabs and line ends between values: remove it"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            '{"id": "a"} // first',
            "a comment, which JSON cannot hold (at line 1, column 13); remove it",
        ),
        (
            '/* x */ {"id": "a"}',
            "a comment, which JSON cannot hold (at line 1, column 1); remove it",
        ),
        ("# x\n", "a comment, which JSON cannot hold (at line 1, column 1); remove it"),
        (
            '\x0b{"id": "a"}',
            f"a vertical tab, which is blank to the eye but not to JSON (at line 1, column 1); "
            f"{BETWEEN}",
        ),
        (
            '{"id": "a",\x00 "n": 1}',
            f"a null character, which is blank to the eye but not to JSON (at line 1, column 12); {BETWEEN}",
        ),
        (
            '{"id": "a",\x01 "n": 1}',
            "the control character U+0001, which is blank to the eye but not to JSON (at line 1, "
            f"column 12); {BETWEEN}",
        ),
        (  # the last control character below the space (a mutant took it for none)
            '{"id": "a",\x1f "n": 1}',
            "the control character U+001F, which is blank to the eye but not to JSON (at line 1, "
            f"column 12); {BETWEEN}",
        ),
        (",", "a `,` alone, where an event was due (at line 1, column 1); remove it"),
        (  # an array's items one a line, its brackets taken away (found by a new user's trial)
            '{"id": "a"},',
            "a `,` after the event's end (at line 1, column 12); remove it: events one a line "
            "(JSONL) have no comma between them; a list of events with commas is a JSON array, "
            "in `[` and `]`",
        ),
        (
            '{"id": "a"} ,',
            "a `,` after the event's end (at line 1, column 13); remove it: events one a line "
            "(JSONL) have no comma between them; a list of events with commas is a JSON array, "
            "in `[` and `]`",
        ),
        ('{"id": "a"} x', "there is more after the event's end (at line 1, column 13)"),
        ("]", "a `]` alone, where an event was due (at line 1, column 1); remove it"),
        (":", "a `:` alone, where an event was due (at line 1, column 1); remove it"),
        ('{"id": [1,,2]}', f"a `,` where a value was due ({VALUES}) (at line 1, column 11)"),
        (  # had been told to write a key, as if there were none
            '{"id": "a",, "n": 1}',
            "a `,` where a key was due (at line 1, column 12); remove it",
        ),
        (  # had been told "a second `,`", where it is the first
            '{, "id": "a"}',
            "a `,` where a key was due (at line 1, column 2); remove it",
        ),
        (
            '{"id": undefined}',
            f"a word JSON does not know, where a value was due (at line 1, column 8); write {VALUES}",
        ),
        ('{"id":: 1}', f"a value was due here ({VALUES}) (at line 1, column 7)"),
        (
            '{"id": tru}',
            "a word JSON does not know (at line 1, column 8); true, false and null are written in "
            "full, in small letters",
        ),
        (
            '{"id": "a", "n": 012}',
            "a number starts with a 0, which JSON does not allow (at line 1, column 18); write it without "
            "its leading zeros, or in double quotes to keep it as written (a postcode, an order "
            "number)",
        ),
        (
            '{"id": "a", "n": .5}',
            "a number starts with a digit, or `-` and a digit (at line 1, column 18); write a 0 "
            "before the point (0.5)",
        ),
        (
            '{"id": "a", "n": +1}',
            "a number starts with a digit, or `-` and a digit (at line 1, column 18); leave out "
            "the `+`",
        ),
        (
            '{"id": "a", "n": -x}',
            "a `-` without a number after it (at line 1, column 19); write the number after it",
        ),
        (
            '{"id": "a", "n": 1.}',
            "a number ends with its decimal point (at line 1, column 20); write a digit after the "
            "point (1.0), or leave the point out (1)",
        ),
        (
            '{"id": "a", "n": 1e}',
            "a number's exponent has no digits (at line 1, column 20); write 1e5, or the number "
            "in full",
        ),
        (
            '{"id": "a\\qb"}',
            "a backslash in a text starts no escape JSON knows (at line 1, column 10); write a "
            "backslash itself as \\\\ (JSON's escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and "
            "\\u with 4 hex digits)",
        ),
        *(  # \u is an escape, its digits missing: it had been told "starts no escape"
            (
                text,
                "a `\\u` escape in a text without its 4 hex digits (at line 1, column 10); write "
                "\\u and 4 hex digits (\\u00e9 is é), or a backslash itself as \\\\",
            )
            for text in ('{"id": "a\\u12"}', '{"id": "C\\users"}')
        ),
        ('{"id": "a\tb"}', "a text holds a tab (at line 1, column 10); write it as \\t"),
        (
            '{"id": "a\x01b"}',
            "a text holds the control character U+0001 (at line 1, column 10); write it as \\u0001",
        ),
        (
            '{"id": "a", "n": [1,]}',
            "a comma after the last item of a list or object (at line 1, column 20); remove it",
        ),
        (
            '{"id" 1}',
            "a `:` was due here, between the key and its value (at line 1, column 7); write the "
            'key, a colon, then its value ("id": 1)',
        ),
        (
            "{1: 2}",
            "a key was due here, written in double quotes (at line 1, column 2); write the key in "
            'double quotes, followed by `:` and its value ("id": 1)',
        ),
        (
            '{"id": [1 2]}',
            "a `,` (before the next item) or the `]` that closes the list was due here (at line 1, "
            "column 11); is a comma missing before it?",
        ),
        (
            '{"id": 0x10}',
            "a `,` (before the next key) or the `}` that closes the object was due here (at line "
            "1, column 9)",
        ),
    ],
)
def test_what_orjson_refuses_is_told_in_a_managers_words(text: str, said: str) -> None:
    """Each had orjson's words alone ("unexpected character, expected a JSON value", "number
    with leading zero is not allowed", "invalid escaped sequence in string"...), which named
    neither the mistake in plain words nor what to write (found by review)."""
    assert message(text) == f"not valid JSON: {said}"


PASTED = (
    "JSON allows only spaces, tabs and line ends between values: remove it, or type an ordinary "
    "space in its place"
)


@pytest.mark.parametrize(
    ("text", "place", "named"),
    [
        ('\u00a0{"id": "a", "type": "review"}', "1", "a no-break space (U+00A0)"),
        ('{"id": "a",\u00a0"type": "review"}', "12", "a no-break space (U+00A0)"),
        ('{"id":\u00a0"a", "type": "review"}', "7", "a no-break space (U+00A0)"),
        ('{"id": "a"\u00a0, "type": "review"}', "11", "a no-break space (U+00A0)"),
        ('{"id" \u00a0: "a", "type": "review"}', "7", "a no-break space (U+00A0)"),
        ('{"id": "a", "type": "review"}\u00a0', "30", "a no-break space (U+00A0)"),
        ('{"id": "a", "n": [1,\u00a02]}', "21", "a no-break space (U+00A0)"),
        ('{"id": "a",\u200b "type": "review"}', "12", "a zero width space (U+200B)"),
        ('{"id": "a", "n":\u20031}', "17", "an em space (U+2003)"),
        ('{"id": "a", "type": "review"\u3000}', "29", "an ideographic space (U+3000)"),
        ('{\u2028"id": "a", "type": "review"}', "2", "a line separator (U+2028)"),
        ('{"id": "a",\ufeff "type": "review"}', "12", "a zero width no-break space (U+FEFF)"),
    ],
)
def test_a_pasted_blank_between_values_is_named(text: str, place: str, named: str) -> None:
    """A no-break space or a zero-width space pasted between an event's keys and values (from
    a web page, a word processor) looks like a space, or like nothing; it was told as what
    orjson expected there ("a key was due here, written in double quotes", beside a key in
    double quotes; "a value was due here" before one), so the sender looked for a mistake
    they could not see (found by review)."""
    assert message(text) == (
        f"not valid JSON: {named}, which is blank to the eye but not to JSON (at line 1, "
        f"column {place}); {PASTED}"
    )


def test_eval_names_a_pasted_blank_in_its_error_record() -> None:
    """Through eval, the events beside it decided, and the same words as read_event's."""
    events = '{"id": "a", "type": "review"}\n{"id": "b",\u00a0"type": "review"}\n'
    result = CliRunner().invoke(cli, ["eval", "-"], input=events.encode())
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["format"] == "backplan.decision/1"
    assert second["error"]["message"] == (
        "not valid JSON: a no-break space (U+00A0), which is blank to the eye but not to JSON "
        f"(at line 2, column 12); {PASTED}"
    )
    assert result.exit_code == 1


def test_eval_tells_a_lone_comma_between_events_and_a_form_feed_before_an_array() -> None:
    """The two of the review, through eval: a `,` line between pretty-printed objects, and a
    form feed (blank to Python, not to JSON) before an array, each had been told "unexpected
    character, expected a JSON value"."""
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", "-"], input='{\n  "id": "a"\n}\n,\n{\n  "id": "b"\n}\n')
    [comma] = [json.loads(line) for line in result.stdout.splitlines() if "bad-json" in line]
    assert comma["error"]["message"] == (
        "not valid JSON: a `,` alone, where an event was due (at line 4, column 1); remove it"
    )
    result = runner.invoke(cli, ["eval", "-"], input='\x0c[{"id": "a"}, {"id": "b"}]\n')
    [feed] = [json.loads(line) for line in result.stdout.splitlines() if "bad-json" in line]
    assert feed["error"]["message"] == (
        "not valid JSON: a form feed, which is blank to the eye but not to JSON (at line 1, "
        f"column 1); {BETWEEN}"
    )


@pytest.mark.parametrize(
    "text", ["id,type,occurred_at", "id;type;occurred_at;text", "id\ttype\tcustomer.tier"]
)
def test_a_line_of_column_titles_is_told_as_a_spreadsheet_header(text: str) -> None:
    """A JSON Lines file's first line of column titles (a CSV header) had been told "a word
    JSON does not know, where a value was due", with a list of JSON's kinds of values to
    write, and no word of what the line is (found by a new user's trial)."""
    assert message(text) == (
        "not valid JSON: the line is a spreadsheet's column titles (a CSV header), not an event "
        "(at line 1, column 1); remove the line; if the lines under it are the spreadsheet's "
        "rows, export them as JSON instead, one object a line"
    )


@pytest.mark.parametrize("text", ["id,type", "yes", "f-1,review,2026-11-23T09:30:00Z"])
def test_a_line_of_words_that_are_no_column_titles_is_not_told_a_header(text: str) -> None:
    """Two titles, a word, or a spreadsheet's row of values are not told a header."""
    assert "column titles" not in message(text)


def test_a_spreadsheet_row_under_its_titles_is_not_told_it_is_column_titles() -> None:
    """Every row of a spreadsheet's export made of words (``c-1042,review,Order arrived late``)
    had been told it was "the spreadsheet's column titles (a CSV header)", to remove: only the
    input's first line is told so; a line under it is told it may be either. Titles written
    in quotes, as spreadsheets export them, are column titles too; they had been told to
    remove "a `,` after the event's end"."""
    text = '"id","type","text"\nc-1042,review,Order arrived late\n{"id": "e-1"}\nid,type,text\n'
    told = [e.error for e in read_events(io.BytesIO(text.encode()), "in") if e.error]
    assert told == [
        "not valid JSON: the line is a spreadsheet's column titles (a CSV header), not an event "
        "(at line 1, column 5); remove the line; if the lines under it are the spreadsheet's "
        "rows, export them as JSON instead, one object a line",
        *(
            "not valid JSON: the line is values between commas, semicolons or tabs (a "
            "spreadsheet's row, or its column titles), not an event (at line "
            f"{line}, column 1); export the spreadsheet's rows as JSON instead, one object a "
            "line, and remove any line of column titles"
            for line in (2, 4)
        ),
    ]
