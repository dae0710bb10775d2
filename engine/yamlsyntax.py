"""Why a plan's YAML does not parse, said for a person who writes plans, at the most
telling place.

PyYAML's words (``mapping values are not allowed here``) name the parser's state, not
the writer's slip. Each helper here reads the lines around the error for one usual slip
(a key without its colon, a quote left open, a text that starts with ``{``, keys lined up
unevenly...) and words it with its fix. Only a file that fails to parse comes here, so
none of this is imported to load a good plan.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from engine.errors import Diagnostic, SourceLocation
from engine.escapes import BACKSLASH_ADVICE, single_quoted
from engine.fields import PATH_TEXT, dotted_path
from engine.model import ACTION_TYPES
from engine.slips import (
    ANCHOR,
    GLUED_DASH,
    as_written,
    block_items,
    flow,
    flow_list,
    glued_dash,
    quoted,
    settings_indent_hint,
    text_keys,
)
from engine.templates import SLOT_TEXT, TEMPLATE_PARAMS
from engine.yamlcompose import YAML_LINE_BREAK, Composer, YamlProblemError

_INDENT_HINT = "check the indentation and quoting around this place"


def _line_of(lines: list[str], place: Any) -> str:
    """The text of the line a YAML mark is on ("" when there is no such line)."""
    if place is None:
        return ""
    return lines[place.line] if place.line < len(lines) else ""


_BRACED_TEXT = re.compile(rf"^\s*(?:- )?([\w-]+):\s*({SLOT_TEXT}(?:.*\S)?)\s*$")
"""A key whose text value starts with a template's field (``message: {customer.first_name},
sorry``): YAML reads a ``{`` there as the start of a mapping. The value is read to its last
character that is not a blank at once (a lazy ``.*?`` before ``\\s*$`` tried each column of a
run of blanks against the rest of it: 6.5 s for 20 KB of blanks)."""


def _braced_text(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """The words for text that starts with a field and is not in quotes, when the line at
    ``place`` holds one; None otherwise."""
    if place is None:
        return None
    found = _BRACED_TEXT.match(_line_of(lines, place))
    if found is None or found[2].startswith("{{"):
        return None
    key, value = as_written(found[1]), as_written(found[2]).replace('"', '\\"')
    at = types.SimpleNamespace(line=place.line, column=found.start(2))  # the `{`: text starts
    return (
        "text that starts with `{` is read as a YAML mapping, not as text",
        f'put the whole text in quotes, such as `{key}: "{value}"`',
        at,
    )


_KEY_BEFORE = re.compile(r"(?:^|[\s{,\[])(?:- +)?([\w.-]+):[ \t]+$")
"""The key a value on a line is written after (``message: ``, ``- note: ``, ``{message: ``)."""
_ITEM_BEFORE_VALUE = re.compile(r"(?:^|\s)-[ \t]+$|[\[,][ \t]*$")
"""A value that is a list's item: after a ``- `` or, in brackets, a ``[`` or a ``,``."""


def _whole_text_quoted(lines: list[str], start: _Place, end: int) -> str:
    """The value that starts at ``start`` and ends at column ``end`` of its line, in quotes, after
    its key when it has one (``message: '"Sorry" he said'``): single quotes for a text that holds
    a `"` and no `'`, else double quotes."""
    line = lines[start.line]
    text = line[start.column : end].rstrip()
    written = single_quoted(as_written(text)) if '"' in text and "'" not in text else quoted(text)
    key = _KEY_BEFORE.search(line[: start.column])
    return f"{as_written(key[1])}: {written}" if key is not None else written


def _text_end(lines: list[str], place: Any) -> int:
    """Where a plain text from ``place`` ends on its line: at a comment, and in brackets at the
    next `,` or closing bracket."""
    line = _line_of(lines, place)
    in_brackets = _unclosed_bracket(lines, place) is not None
    for column in _outside_quotes(line, place.column, len(line)):
        if _starts_comment(line, column) or (in_brackets and line[column] in ",]}"):
            return column
    return len(line)


_BLOCK_SCALAR = "while scanning a block scalar"
"""YAML's words for an error in the `|` or `>` that starts a block of text, or just after it."""

_INDICATOR_WORDS = {
    "*": "a YAML alias (`*name` repeats the value named `&name`)",
    "&": "a YAML anchor (`&name` names the value after it)",
    "!": "a YAML tag",
    "[": "a YAML list",
    "{": "a YAML mapping",
    "?": "a YAML key (`? ` marks one)",
    "|": "the start of a YAML block of text (`|` alone, then the text on the lines below)",
    ">": "the start of a YAML block of text (`>` alone, then the text on the lines below)",
}
"""What YAML reads a plain text that starts with one of these characters as."""


def _plain_text_quoted(lines: list[str], at: Any) -> str | None:
    """The plain text that starts at ``at``, to the end of its line (or of its item, in
    brackets), in quotes after its key (``message: "*urgent* call"``); None when it is not a
    key's value or a list's item."""
    if at is None:
        return None
    before = _line_of(lines, at)[: at.column]
    if not (_KEY_BEFORE.search(before) or _ITEM_BEFORE_VALUE.search(before)):
        return None
    return _whole_text_quoted(lines, _Place(at.line, at.column), _text_end(lines, at))


def _text_starting_with(lines: list[str], opened: Any) -> tuple[str, str, Any] | None:
    """For a text that starts with a character YAML reads as its own (``*urgent* call``,
    ``&Co. and sons``): what YAML took it for, and the whole text in quotes, when the value is
    a key's or a list item's (not part of a longer value)."""
    line = _line_of(lines, opened)
    char = line[opened.column : opened.column + 1] if opened is not None else ""
    if char in ("|", ">"):
        header = _BLOCK_HEADER.match(line, opened.column)
        if header is not None:  # `>- Hi there` or `|0`: a block of text meant, not text
            return _block_text_misplaced(header, opened)
    whole = _plain_text_quoted(lines, opened) if char in _INDICATOR_WORDS else None
    if whole is None:
        return None
    return (
        f"text that starts with `{char}` is read as {_INDICATOR_WORDS[char]}, not as text",
        f"put the whole text in quotes: `{whole}`",
        opened,
    )


_BLOCK_HEADER = re.compile(r"([|>])([-+0-9]*)(?:[ \t]+(?!#)(\S.*?))?[ \t]*$")
"""A block of text's start as a manager writes it, a chomping or indentation sign after the
`|` or `>` (``>-``, ``|+``, ``|0``) and perhaps the text on the same line."""


def _block_text_misplaced(header: re.Match[str], opened: Any) -> tuple[str, str, Any] | None:
    """For a block of text whose text is on its `|` or `>` line (``message: >- Hi there``),
    or whose sign is not one YAML takes (``|0``): where the text goes. Quoting the whole, the
    hint for ``|cold``, put ``>- `` in a customer's message (found by review)."""
    mark, signs, text = header[1], header[2], header[3]
    start = f"{mark}{signs}"
    if text is not None:
        return (
            f"the text of a block that starts with `{start}` goes on the lines below it, "
            "not on its line",
            f"write `{start}` alone, then the text on the next line, indented: `{text}`",
            opened,
        )
    if signs and not _BLOCK_SIGNS.fullmatch(signs):
        return (
            f"`{start}` is not how a block of text starts",
            f"write `{mark}` (or `{mark}-`, which drops the last line break) alone, then the "
            "text on the lines below, indented",
            opened,
        )
    return None


_BLOCK_SIGNS = re.compile(r"[-+]?[1-9]?|[1-9][-+]")
"""The signs YAML takes after `|` or `>`: a chomping sign and an indentation of 1 to 9."""


def _anchor_twice(lines: list[str], second: Any, first: Any) -> tuple[str, str, Any]:
    """For an anchor named twice in a file (``to: &Co`` on two lines): YAML refuses the second,
    and said only "second occurrence". Text that starts with `&` is the usual cause."""
    found = ANCHOR.match(_line_of(lines, second), second.column)
    name = as_written(found[1]) if found else ""
    whole = _plain_text_quoted(lines, second)
    quote = f" (such as `{whole}`)" if whole else ""
    return (
        f"the anchor `&{name}` is named twice in this file (first on line {first.line + 1})",
        f"for text that starts with `&`, put the whole text in quotes{quote}; an anchor needs a "
        "name of its own",
        second,
    )


_CLOSERS = {'"': '"', "'": "'", "]": "[", "}": "{"}
"""The characters that end a quoted text or a value in brackets, and the ones that open it."""


def _words_after_value(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For words after a quoted text or a value in brackets, on its line
    (``message: "Sorry" he said``, ``message: [VIP] call now``): YAML reads the quotes or the
    brackets as the whole value and fails at the words. Told at the value's start, with the
    whole text in quotes."""
    line = _line_of(lines, place)
    if place is None or not re.match(r"\w|,[ \t]*\w", line[place.column :]):
        return None  # a word, or a comma then words (`message: "Sorry", we are late`)
    closer = _closer_before(line, place.column, _CLOSERS)
    if closer is None:
        return None
    start = _opening_of(line, closer)
    if start is None or not (
        _KEY_BEFORE.search(line[:start]) or _ITEM_BEFORE_VALUE.search(line[:start])
    ):
        return None
    inside = line[start + 1 : closer]
    if line[closer] in "]}" and (": " in inside or re.search(r"[\[\]{}]", inside)):
        return None  # `then: [{apologize: {}}] x`: a list meant as one, not text
    in_braces = line.count("{", 0, start) > line.count("}", 0, start)
    if in_braces and line[closer] == "]" and "," in inside and _FLOW_KEY.match(line, place.column):
        return None  # `{tags: [a, b] message: Hi}`: a list, then a key without its `,`
    whole = _whole_text_quoted(lines, _Place(place.line, start), _text_end(lines, place))
    opener = line[start]
    told = (
        f"the quotes of `{as_written(line[start : closer + 1])}` are read as the "
        "quotes around the whole "
        "value, so the words after them cannot follow"
        if opener in "\"'"
        else f"text that starts with `{opener}` is read as {_INDICATOR_WORDS[opener]}, so the "
        f"words after its `{line[closer]}` cannot follow"
    )
    return told, f"put the whole text in quotes: `{whole}`", _Place(place.line, start)


def _closer_in_braced_text(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a `}` or `]` inside a plain text in brackets, with words after it
    (``{within: 1h, message: Sorry } for the wait}``, or a template's `{` left out:
    ``message: Hi customer.first_name} thanks``): the bracket ends the text there, and YAML
    fails at the words after it (or at the bracket itself, when it closes nothing). Told at the
    bracket, with the whole text in quotes.

    The words after the bracket must end inside brackets, at a `,` or a closing bracket on the
    line, and hold no key: words after a whole value in braces (``m: {x: 1} c``) are not a
    text cut short, nor is a key after brackets (``{x: y} reason: z``, a comma left out)."""
    line = _line_of(lines, place)
    if place is None or place.column >= len(line):
        return None
    closer = place.column
    if line[closer] not in "]}":
        if not re.match(r"\w", line[closer]):
            return None
        found = _closer_before(line, closer, "]}")
        if found is None:
            return None
        closer = found
    since = max(line.rfind(bracket, 0, closer) for bracket in "{}[]") + 1
    if since == 0 or line[since - 1] not in "{[":
        return None  # the text is not inside brackets opened on this line
    begun = _flow_text_before(line, since, closer)
    if begun is None or re.search("[\"']", begun[2][:1]):
        return None  # no text before the bracket, or quoted text (told elsewhere)
    after = _flow_text_from(line, closer + 1)
    ends = closer + 1 + len(after)
    if ends >= len(line) or not re.search(r"\w", after) or _FLOW_KEY.search(after):
        return None  # the words do not end inside brackets (`m: {x: 1} c`), or hold a key
    if not _unpaired(line, closer):
        return None  # `{params: {tone: warm} please}`: the `}` closes brackets of its own
    key, before = begun[1], begun[2]
    bracket = line[closer]
    mend = "put the whole text in quotes"
    if bracket == "}" and key in TEMPLATE_PARAMS:  # in a template a lone `}` is refused too
        field = re.search(rf"{PATH_TEXT}$", before)
        if field is not None:  # `Hi customer.first_name} thanks`: the field's `{` left out
            before = f"{before[: field.start()]}{{{field[0]}"
            mend += ", with a `{` before the field"
        else:
            bracket = "}}"
            mend += ", with the `}` doubled (a brace the customer reads)"
    value = (before + bracket + after).strip()
    return (
        f"a `{line[closer]}` inside text in brackets is read as the end of the brackets, so the "
        "text ends there and the words after it cannot follow",
        f"{mend}: `{as_written(key)}: {quoted(value)}`",
        _Place(place.line, closer),
    )


def _unpaired(line: str, closer: int) -> bool:
    """Whether the `}` or `]` at ``closer`` is one the brackets of its line cannot pair: it
    closes a bracket of the other kind, or a closing bracket after it is then left with nothing
    to close. Brackets opened on a line above leave it undecided: False."""
    opened: list[str] = []
    for column in _outside_quotes(line, 0, len(line)):
        char = line[column]
        if char in "{[":
            opened.append(char)
        elif char in "]}":
            if not opened:
                return column > closer  # before it: a bracket of the lines above closes here
            if opened.pop() != _CLOSERS[char] and column == closer:
                return True
    return False


def _closer_before(line: str, column: int, closers: Iterable[str]) -> int | None:
    """The column of the last character before ``column`` and the blanks before it, when it
    is one of ``closers`` (a quote or a bracket that ends a value); None otherwise."""
    closer = len(line[:column].rstrip(" \t")) - 1
    return closer if closer >= 0 and line[closer] in closers else None


def _opening_of(line: str, closer: int) -> int | None:
    """The column that opens the quoted text or the brackets closed at ``closer``, or None."""
    char = line[closer]
    if char in "\"'":
        at = 0
        while (opening := _QUOTE_OPENING.search(line, at)) is not None:
            closed = _closing_quote(line, opening.end(), opening[1])
            if closed is None or closed > closer:
                return None
            if closed == closer:
                return opening.start(1)
            at = closed + 1
        return None
    depth = 0
    for column in range(closer, -1, -1):
        if line[column] == char:
            depth += 1
        elif line[column] == _CLOSERS[char]:
            depth -= 1
            if depth == 0:
                return column
    return None


_BARE_WORD = re.compile(r"( *(?:- +)?)([\w-]+)[ \t]*(?:#.*)?$")
"""A line that is one word, maybe a list item (``- escalate``): a key missing its colon."""


def _line_above(
    lines: list[str], number: int, *, deeper_than: int | None = None
) -> tuple[int, str] | None:
    """The last line before line ``number`` that is not blank or a comment, and its number;
    given ``deeper_than``, the lines indented further than that are passed over too (an
    item's own settings, below it)."""
    for above in range(min(number, len(lines)) - 1, -1, -1):
        line = lines[above]
        inside = deeper_than is not None and _indent(line) > deeper_than
        if line.strip() and not line.lstrip().startswith("#") and not inside:
            return above, line
    return None


def _line_below(lines: list[str], number: int) -> str | None:
    """The first line after line ``number`` that is not blank or a comment."""
    for line in lines[number + 1 :]:
        if line.strip() and not line.lstrip().startswith("#"):
            return line
    return None


def _bare_word_above(lines: list[str], place: Any) -> tuple[str, _Place] | None:
    """The word alone on the line above ``place`` (the last line that is not blank or a
    comment) when it is less indented than ``place``'s line: a key written without its `:`, whose
    settings then make the error below it. Its place is just after the word."""
    if place is None:
        return None
    if place.line >= len(lines):
        return None
    indent = _indent(lines[place.line])
    above = _line_above(lines, place.line)
    word = _BARE_WORD.match(above[1]) if above is not None else None
    if above is None or word is None or len(word[1]) >= indent:
        return None
    before = _line_above(lines, above[0])
    if before is not None and _TEXT_GOES_ON.match(before[1]) and word[1].strip() == "":
        return None  # `message: Please call the customer and` then `apologize`: its text
    return word[2], _Place(above[0], word.end(2))


def _text_going_on(lines: list[str], place: Any) -> str | None:
    """The key of the plain text begun on a line above ``place`` that the line at ``place``
    goes on with (each line between further in than that key, none of them a key), or None."""
    if place is None or place.line >= len(lines):
        return None
    least = _indent(lines[place.line])
    above = _line_above(lines, place.line)
    while above is not None:
        own = _indent(above[1])
        begun = _TEXT_GOES_ON.match(above[1])
        if begun is not None:  # the text's lines are all further in than its key
            return begun[1] if own < least else None
        if ": " in above[1] or above[1].rstrip().endswith(":"):
            return None
        least = min(least, own)
        above = _line_above(lines, above[0])
    return None


def _key_after_a_text(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a line that reads as a key of its own (``title: Bad review``) but is indented more
    than the key of a one-line text right above it (``- id: bad-review``): YAML reads it as
    more of that text, where a `: ` cannot be. Either may be meant, so both mends are said;
    None when the line above is not such a text, or this line not such a key."""
    here = _KEY_AT.match(lines[place.line]) if place.line < len(lines) else None
    above = _line_above(lines, place.line)
    if here is None or above is None:
        return None
    begun = _TEXT_GOES_ON.match(above[1])
    if begun is None:
        return None
    key, column = as_written(begun[1]), begun.start(1)
    lower = as_written(here[2])
    if begun[1] in ACTION_TYPES or begun[1].startswith("x-"):  # `- escalate: duty-manager`
        return (
            f"`{lower}:` is indented under `{key}:`, whose value is a text, so YAML reads it as "
            "more of that text, where a `: ` cannot be",
            f"an action's settings are keys of a mapping: write `{key}:` alone on its line and "
            f"each setting under it (`{lower}:` too), or all of them in braces, such as "
            f"`{key}: {{..., {lower}: ...}}`",
            _Place(place.line, len(here[1])),
        )
    return (
        f"`{lower}:` is indented more than `{key}:` on line {above[0] + 1}, so YAML reads it "
        f"as more of `{key}`'s text, where a `: ` cannot be",
        f"if `{lower}:` is a key of its own, indent it to column {column + 1}, like `{key}:`; "
        f"if it is part of the text, put the whole text in quotes",
        _Place(place.line, len(here[1])),
    )


_TEXT_GOES_ON = re.compile(r"\s*(?:- +)?([\w.-]+):[ \t]+[^\s#|>\"'\[{&*!]")
"""A key with a plain text after it, which the lines below it may go on with."""


def _unclosed_bracket(lines: list[str], place: Any) -> _Place | None:
    """The innermost `[` or `{` still open at ``place`` (quoted text and comments passed
    over), or None."""
    if place is None:
        return None
    opened: list[_Place] = []
    for number, line in enumerate(lines[: place.line + 1]):
        end = min(place.column, len(line)) if number == place.line else len(line)
        for column in _outside_quotes(line, 0, end):
            if line[column] in "[{":
                opened.append(_Place(number, column))
            elif line[column] in "]}" and opened:
                opened.pop()
    return opened[-1] if opened else None


def _outside_quotes(line: str, start: int, end: int) -> Iterator[int]:
    """The columns of ``line`` from ``start`` to ``end`` that are outside quoted text (``\"``
    and ``''`` stay inside it), up to and with a `#` that starts a comment; none past a quote
    the line does not close (a text over lines: what follows is text)."""
    column = start
    while column < end:
        char = line[column]
        if char in "\"'" and (column == 0 or line[column - 1] in " [{,:"):
            closed = _closing_quote(line, column + 1, char)
            if closed is None:
                return
            column = closed + 1
            continue
        yield column
        if _starts_comment(line, column):
            return
        column += 1


def _starts_comment(line: str, column: int) -> bool:
    """Whether the character at ``column`` starts a comment: a `#` at the line's start or
    after a blank."""
    return line[column] == "#" and (column == 0 or line[column - 1] in " \t")


_FLOW_VALUE = re.compile(r"(?<![\w.-])([\w.-]+):[ \t]++([^,{}\[\]\"']*+)$")
"""The key and the start of a plain value in braces, up to a `: ` that ends it there. Only
tried where a word starts (inside one, the key would have started earlier); its blanks and
its value are not split again where the line's end is not reached (the value may hold blanks:
each split of a long run of them was tried)."""

_FLOW_DELIMITERS = ",{}[]\"'"
"""The characters a plain value in brackets cannot hold (what ends it, or starts another)."""


def _flow_value(text: str) -> re.Match[str] | None:
    """The key and the plain value in brackets that ``text`` ends with (:data:`_FLOW_VALUE`),
    or None. It is after the last of :data:`_FLOW_DELIMITERS`, so it is looked for there: from
    each key before it, the search read on to that delimiter (``a: a: a: ... ,``)."""
    return _FLOW_VALUE.search(text, _last_delimiter(text) + 1)


def _last_delimiter(text: str) -> int:
    """The column of the last of :data:`_FLOW_DELIMITERS` in ``text``, or -1."""
    return max(text.rfind(char) for char in _FLOW_DELIMITERS)


@dataclass(frozen=True, slots=True)
class _CutValue:
    """A plain value in braces that a `: ` ended where YAML wanted a `,` or the closing
    bracket: its line, the `: `'s column, and the key with the value up to the `: `."""

    line: str
    colon: int
    begun: re.Match[str]
    """``field: rating lte``: the key (1) and the value up to the `: ` (2)."""

    def quoted(self) -> str:
        """The key with its whole value in quotes (``message: "Note: check packaging"``)."""
        rest = re.match(r"[^,{}\[\]]*", self.line[self.colon :])
        value = self.begun[2] + (rest[0] if rest else "")
        return f"{as_written(self.begun[1])}: {quoted(value.strip())}"


def _value_cut_in_braces(lines: list[str], place: Any, problem: str) -> _CutValue | None:
    """The plain value in braces cut by a `: ` at ``place``, when that is YAML's error."""
    if not problem.startswith("did not find expected ','") or _char_at(lines, place) != ":":
        return None
    line = _line_of(lines, place)
    begun = _flow_value(line[: place.column])
    return None if begun is None else _CutValue(line, place.column, begun)


def _comma_left_out(lines: list[str], cut: _CutValue, place: Any) -> tuple[str, str, Any] | None:
    """For two keys in braces without the `,` between them (``{field: rating lte: 2}``): the
    place the `,` goes and the braces with it. Only a one-word value then a key that can be
    beside the first one, in braces, is taken for that (``{message: Please note: call}`` is
    text, and ``[field: rating lte: 2]`` is not a mapping to mend with a comma)."""
    words = cut.begun[2].split()
    if len(words) != 2 or not _side_by_side(cut.begun[1], words[1]):
        return None
    opens = _unclosed_bracket(lines, place)
    if opens is None or _char_at(lines, opens) != "{":
        return None
    at = cut.begun.start(2) + len(words[0])
    mended = cut.line[:at] + "," + cut.line[at:]
    closes = mended.find("}", at)
    whole = opens.line == place.line and closes != -1 and "{" not in mended[at:closes]
    first, second = (as_written(word) for word in words)
    shown = mended[opens.column : closes + 1] if whole else f"{first}, {second}:"
    return (
        f"a `,` is missing between `{first}` and `{second}:` inside the braces",
        f"write `{as_written(shown)}`",
        _Place(place.line, at),
    )


def _comma_left_out_after_brackets(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a key right after brackets closed inside braces, without the `,` between them
    (``{within: 1h, params: {tone: warm} message: Sorry}``): YAML wanted the `,` or the `}`
    at the key. Told where the `,` goes."""
    line = _line_of(lines, place)
    if place is None:
        return None
    key = _FLOW_KEY.match(line, place.column)
    closer = _closer_before(line, place.column, "]}")
    if key is None or closer is None:
        return None
    return (
        f"a `,` is missing between the `{line[closer]}` and `{as_written(key[1])}:` inside the "
        "brackets",
        f"write `{line[closer]}, {as_written(key[1])}:`",
        _Place(place.line, closer + 1),
    )


def _comment_start(line: str, start: int) -> int | None:
    """Where a comment starts on ``line`` from ``start`` on (a `#` at the line's start or after
    a blank), quoted text passed over; None when there is none."""
    for column in _outside_quotes(line, start, len(line)):
        if _starts_comment(line, column):
            return column
    return None


_ITEM_BEFORE = re.compile(r"[\[{,][ \t]*+()([^,{}\[\]\"']*+)$")
"""A plain item in brackets up to where a `#` cut it (no key: a list's item). It starts at the
last of :data:`_FLOW_DELIMITERS`, and is matched only there: searched for, its blanks and its
text (which may be blanks too) were split at each column of a run of blanks before a quote."""


def _item_before(text: str) -> re.Match[str] | None:
    """The plain item in brackets that ``text`` ends with (:data:`_ITEM_BEFORE`), or None."""
    start = _last_delimiter(text)
    return _ITEM_BEFORE.match(text, start) if start >= 0 else None


def _comment_in_brackets(lines: list[str], opened: Any, place: Any) -> tuple[str, str, Any] | None:
    """For a `#` after a blank inside brackets (``{message: Check order #1234}``,
    ``in: [A1, #B2]``): YAML reads it as the start of a comment, so the rest of the line,
    closing bracket included, is dropped and the bracket is never closed. Only a comment with
    the closing bracket after it on its line is taken for that (a comment after an open
    bracket at a line's end is a real one). The `#`, and the value it is in, in quotes."""
    closing = "}" if _char_at(lines, opened) == "{" else "]"
    last = min(place.line if place is not None else opened.line, len(lines) - 1)
    for number in range(opened.line, last + 1):
        line = lines[number]
        at = _comment_start(line, opened.column + 1 if number == opened.line else 0)
        if at is None or closing not in line[at:]:
            continue
        begun = _flow_value(line[:at]) or _item_before(line[:at])
        rest = _comment_meant_as_text(line[at:], keyed=begun is not None and bool(begun[1]))
        text = quoted(((begun[2] if begun else "") + rest).strip())
        written = f"{as_written(begun[1])}: {text}" if begun is not None and begun[1] else text
        return (
            f"a `#` after a blank starts a comment, so YAML read no further on line "
            f"{number + 1} and the `{closing}` after it is not read",
            f"put the text that holds the `#` in quotes: `{written}`",
            _Place(number, at),
        )
    return None


_NEXT_KEY = re.compile(r",[ \t]*[^\s,{}\[\]#'\"]+[ \t]*:(?=[ \t]|$)")
"""The `, key:` that ends a value in braces: what follows a `#` up to it was the value's."""


def _comment_meant_as_text(text: str, keyed: bool) -> str:
    """What of a comment cut off in brackets (``text``, from its `#`) the writer meant as the
    value: up to the bracket that closes the one the value is in, and for a value of a key up
    to the next `, key:` (``#{order.id} today`` of ``#{order.id} today, within: 1h}``), for a
    list's item up to the next `,`. Brackets opened after the `#` are the value's own."""
    depth = 0
    for column, char in enumerate(text):
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth < 0:
                return text[:column]
        elif char == "," and not depth and (not keyed or _NEXT_KEY.match(text, column)):
            return text[:column]
    return text


def _bracket_in_flow_text(lines: list[str], opened: Any, place: Any) -> tuple[str, str, Any] | None:
    """For a ``{`` or ``[`` inside a plain value in brackets, after words of it
    (``{within: 1h, message: Sorry {customer.first_name|there}}``, ``{message: Sorry [again]
    Dana}``): in brackets a plain text ends at a bracket, which YAML then reads as the start of
    a mapping or a list, and the brackets no longer pair up. The value whole, in quotes; for a
    field path with ``[0]``, the item's position after a dot (``order.items.0.sku``)."""
    last = min(place.line if place is not None else opened.line, len(lines) - 1)
    for number in range(opened.line, last + 1):
        line = lines[number]
        start = opened.column + 1 if number == opened.line else 0
        since = start  # after the last bracket or quoted text: where a value's text can start
        previous = start - 1
        for column in _outside_quotes(line, start, len(line)):
            if column != previous + 1:
                since = column  # quoted text was passed over: no plain text runs across it
            previous = column
            if line[column] in "]}":
                since = column + 1
            if line[column] not in "{[":
                continue
            begun = _flow_text_before(line, since, column)
            since = column + 1  # each stretch of the line is searched once, whatever its length
            if begun is None:
                continue  # a bracket that opens a value (`then: [...]`): no text before it
            key, value = begun[1], begun[2] + _flow_text_from(line, column)
            path = dotted_path(value) if key in ("field", "of") else None
            if path is not None:
                return (
                    f"`{line[column]}` in a field path starts a YAML list inside the braces",
                    f"write the item's position after a dot: `{as_written(key)}: "
                    f"{as_written(path)}`",
                    _Place(number, column),
                )
            return (
                f"a `{line[column]}` inside text in braces is read as the start of "
                f"{_INDICATOR_WORDS[line[column]]}, so the text ends before it",
                f"put the whole text in quotes: `{as_written(key)}: {quoted(value.strip())}`",
                _Place(number, column),
            )
    return None


_FLOW_KEY = re.compile(r"(?<![\w.-])([\w.-]+):[ \t]+")
"""A key in brackets and the blanks after its `:` (where its value starts)."""
_NEXT_KEY = re.compile(r",[ \t]*[\w.-]+:[ \t]")
"""A `,` then a key: where an item in braces ends (a `,` in text, not before a key, is text)."""
_ENDS_LINE = re.compile(r"[ \t]*(?:#.*)?$")
"""Nothing but blanks or a comment to the line's end: a `,` there ends its item too."""


def _flow_text_before(line: str, since: int, column: int) -> re.Match[str] | None:
    """The key and the plain text in brackets before the bracket at ``column``, with no
    bracket or quoted text between ``since`` and it: the last ``key: `` there whose value runs
    to ``column`` with words in it and no `,` before another key; or None."""
    found = None
    for key in _FLOW_KEY.finditer(line, since, column):
        found = key  # the last key before the bracket
    if found is None or _NEXT_KEY.search(line, found.end(), column + 1):
        return None  # no key, or the text before the bracket is not all one value's
    if not line[found.end() : column].strip():
        return None  # `key: {`: the bracket starts the value, no text is before it
    return _KEY_AND_TEXT.match(line, found.start(), column)


_KEY_AND_TEXT = re.compile(r"([\w.-]+):[ \t]+(.*)", re.S)


def _flow_text_from(line: str, column: int) -> str:
    """The rest of a plain text in brackets from the bracket at ``column`` inside it: that
    bracket's own pair, then on to the `,` before the next key or the closing bracket of the
    value's holder."""
    depth = 0
    for end in range(column, len(line)):
        char = line[end]
        if char in "{[":
            depth += 1
        elif char in "]}":
            if depth == 0:
                return line[column:end]
            depth -= 1
        elif (
            char == ","
            and depth == 0
            and (_NEXT_KEY.match(line, end) or _ENDS_LINE.match(line, end + 1))
        ):
            return line[column:end]  # before the next key, or at the line's end (braces over lines)
    return line[column:]


def _char_at(lines: list[str], place: Any) -> str:
    line = _line_of(lines, place)
    return line[place.column] if place.column < len(line) else ""


_KEY_AT = re.compile(r"( *)([\w-]+):(?:[ \t]|$)")


_WORD = re.compile(r"(?!(?:true|false|null|yes|no|on|off)$)[^\W\d_][\w-]*", re.IGNORECASE)
"""A plain word as a value (``order``), which a key that holds keys cannot take: an event's
type, never a number, true/false or null (``when: true`` had been hinted ``event: true``)."""


_ITEM_AFTER_KEY = re.compile(r"( *(?:- +)?)([\w-]+):[ \t]+-[ \t]+")
"""A key with a list's first item on its own line (``tags: - vip``): the item starts at the
match's end."""
_ITEM_BELOW = re.compile(r"( *)-[ \t]+")
"""A list item on a line of its own (``  - gold``): the item starts at the match's end."""


def _item_after_key(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a list's `- ` on the line of its key (``tags: - vip``): YAML's own words were "block
    sequence entries are not allowed in this context" (found by review). The items go below the
    key, or in brackets on its line: the one on the key's line, and those below it at the
    key's column (``  - gold``), each without a comment after it."""
    line = _line_of(lines, place) if place is not None else ""
    found = _ITEM_AFTER_KEY.match(line)
    if found is None:
        return None
    items = [_item_text(line, found.end())]
    column = len(found[1])
    for below in lines[place.line + 1 :]:
        item = _ITEM_BELOW.match(below)
        if item is None or len(item[1]) != column:
            break
        items.append(_item_text(below, item.end()))
    if len(items) == 1 and found[2] in text_keys():  # `title: - cold pizza`: text, not a list
        return _dash_in_text(lines, _Place(place.line, line.index("-", found.end(2))))
    key = as_written(found[2])
    listed = flow_list([item for item in items if item], _listed_item)  # (20,000 items below
    return (  # had made a hint of 60 KB: shown up to a limit, as every list in a hint is)
        f"a list's `- ` cannot follow `{key}:` on its line",
        f"write each item on a line of its own below `{key}:`, indented under it and starting "
        f"with `- `, or the list in brackets on this line: `{key}: {listed}",
        place,
    )


def _dash_in_text(lines: list[str], dash: _Place) -> tuple[str, str, Any]:
    """For a text key's value that starts with `- ` (``title: - cold pizza``, the `-` at
    ``dash``): YAML reads a list's item there, and the hint had been to write the list in
    brackets, where the key takes text only (found by review). The whole text in quotes."""
    return (
        "text that starts with `- ` is read as a list's item, not as text",
        f"put the whole text in quotes: `{_whole_text_quoted(lines, dash, _text_end(lines, dash))}`",
        dash,
    )


def _dash_without_space(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For an item of a block list written without the blank after its `-` (``- late`` then
    ``-cold``): YAML reads ``-cold`` as text, or as a key, where the list wanted its next
    item, and said a `: ` was missing (found by review). Only a `-` at the column of an item
    of the list above it is taken for one. A number (``-5``) may be meant below 0: the hint
    (:func:`engine.slips.glued_dash`) weighs it against the list's other items."""
    line = _line_of(lines, place)
    glued = GLUED_DASH.match(line)
    if glued is None or _item_above(lines, _Place(place.line, len(glued[1]))) is None:
        return None
    column = len(glued[1])
    item = _item_text(line, glued.end())
    others = block_items(reversed(lines[: place.line]), column)
    others += block_items(lines[place.line + 1 :], column)
    return (*glued_dash(item, others), _Place(place.line, column))


def _glued_item_above(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a list's item below a first item glued to its `-` with a comment after it (``in:``,
    ``-late  # soon``, ``- cold``): the comment ends the text YAML reads ``-late`` as, and the
    next item is then a list where a key was expected, which was said with the hint for a key
    left out. Told as the glued item is (:func:`_dash_without_space`), at it. The glued item
    may hold settings on the lines below it (``-escalate:``, then ``to: site-manager``
    further in): they are passed over, where the next item had been blamed, with the hint
    for a key left out."""
    item = re.match(r"( *)-[ \t]", _line_of(lines, place))  # ("" for no place)
    found = _line_above(lines, place.line, deeper_than=len(item[1])) if item else None
    if item is None or found is None:
        return None
    number, above = found
    glued = GLUED_DASH.match(above)
    if glued is None or glued[1] != item[1]:
        return None
    return _glued_item_at(lines, number)


def _glued_item_at(lines: list[str], number: int) -> tuple[str, str, Any]:
    """Line ``number``, a list's item glued to its `-`, told as :func:`_dash_without_space`
    tells one, with the list's items below it; a key with its settings below it
    (``-escalate:``) is told where they go, as when it is the list's only item
    (:meth:`engine.slips.Slips.glued_first_key`), which a hint without it had contradicted."""
    glued = GLUED_DASH.match(lines[number])
    assert glued is not None  # (each caller has matched it)
    dash = len(glued[1])
    text = _item_text(lines[number], glued.end())
    said, hint = glued_dash(text, block_items(lines[number + 1 :], dash))
    below = _line_below(lines, number)
    if text.endswith(":") and below is not None and _KEY_AT.match(below):
        hint += settings_indent_hint(dash + 1, _indent(below) + 1)
    return said, hint, _Place(number, dash)


def _dash_starting_flow_text(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a text key's value in brackets that starts with `- ` (``{message: - call now}``):
    YAML wants a value there, and said the `{` was not closed (found by review). Told as the
    same text out of brackets is, by :func:`_dash_in_text`."""
    line = _line_of(lines, place)
    key = _KEY_BEFORE.search(line[: place.column])
    if (
        key is None
        or key[1] not in text_keys()
        or not re.match(r"-(?:[ \t]|$)", line[place.column :])
    ):
        return None
    return _dash_in_text(lines, _Place(place.line, place.column))


def _item_text(line: str, start: int) -> str:
    """The item from ``start`` to a comment (a `#` after a blank, outside quotes) or the end."""
    end = _comment_start(line, start)
    return line[start:end].strip()


def _listed_item(item: str) -> str:
    """An item as it is written in brackets: as the author quoted it, or as ``flow`` writes
    any text in a hint (in quotes where YAML would read it otherwise, cut short if long)."""
    if len(item) > 1 and item[0] in "'\"" and item[-1] == item[0]:
        return as_written(item)
    return flow(item)


def _key_above_less_indented(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a key more indented than the key on the line above it, where YAML wanted another
    key beside that one (``within: 1h`` lined up with its action, then ``message:`` under
    it): both keys, their lines and the columns that would line them up."""
    if place is None:
        return None
    here = _KEY_AT.match(lines[place.line]) if place.line < len(lines) else None
    if here is None:
        return None
    column = len(here[1])
    line_above = _line_above(lines, place.line)
    if line_above is None:
        return None
    number, line = line_above
    above = _KEY_AT.match(line)
    if above is None or len(above[1]) >= column:
        return None
    higher = len(above[1])
    if above[2].startswith("-") and column == higher + 2 and GLUED_DASH.match(line):
        # `-field: rating`, then `lt: 3` in line with `field` once the `-` has its space: the
        # hint had been to line `lt:` up with `-field:`, which made both one key's (found by
        # review)
        return _glued_item_at(lines, number)
    upper, lower = as_written(above[2]), as_written(here[2])
    said = _item_text(line, above.end())  # the value on its line, a comment off
    meant = _when_meant(said) if above[2] == "when" else None
    if meant is not None and _key_of_a_rule(lines, number, higher):
        # `when: order`, then `all:` under it: `when:` holds conditions, never a value on its
        # line; lining `all:` up with `when:` (the hint below) made it an unknown key of the
        # rule (found by review)
        shown, at = as_written(said), _Place(number, line.index(said, above.end()))
        if said[:1] == "{":  # `when: {event: order}`: its conditions both in braces and below
            return (
                f"`when:` has conditions in braces on its own line, `{shown}`, as well as "
                f"`{lower}:` below it: write them one way or the other",
                _braced_when_hint(meant, lower),
                at,
            )
        return (
            f"`when:` has a value on its own line, `{shown}`, as well as `{lower}:` below it: "
            "`when:` holds conditions, not a value",
            f"if `{meant[0]}` is the event's type, write it as a condition under `when:`, in "
            f"line with `{lower}:`: `event: {meant[0]}`",
            at,
        )
    move_up = f"`{upper}:` to column {column + 1}"
    move_down = f"`{lower}:` to column {higher + 1}"
    usual = _usual_key_column(lines, number, higher)  # the holder's column + 2
    hint = (
        f"indent `{upper}:` to column {column + 1}, like `{lower}:`"
        if usual == column
        else f"indent `{lower}:` to column {higher + 1}, like `{upper}:`"
        if usual == higher
        else f"indent the keys of one mapping to the same column: {move_up}, or {move_down}"
    )
    return (
        f"`{lower}:` is indented more than `{upper}:` on line {number + 1}, so it "
        "cannot be a key beside it",
        hint,
        _Place(place.line, column),
    )


def _braced_when_hint(meant: list[str], below: str) -> str:
    """How to write the conditions of ``when: {...}`` (``meant``, each ``key: value``) with
    the key ``below`` written under it: each on a line of its own, and those of a list under
    the same key as ``below`` (``{all: [...]}`` with ``all:`` below) moved into that one. That
    key had been hinted on a line of its own too, where it was then a key written twice (found
    by review)."""
    same = [condition for condition in meant if condition.startswith(f"{below}: ")]
    others = [f"`{condition}`" for condition in meant if condition not in same]
    lines = f"write each on a line of its own under `when:`, in line with `{below}:`: " + ", ".join(
        others
    )
    if not same:
        return lines
    moved = (
        f"move the conditions of `{same[0]}` into the list of the `{below}:` below, as items "
        f"of their own"
        if below in ("all", "any")
        else f"`{below}:` may be written once under `when:`: keep `{same[0]}` or the one below"
    )
    return f"{lines}; {moved}" if others else moved


def _when_meant(said: str) -> list[str] | None:
    """What a rule's ``when:`` holds, written on its line with keys indented under it: a word
    in quotes or not (``"order"``, the event's type: ``[order]``), or the conditions in braces
    each as a line of its own (``{event: order}``: ``["event: order"]``). The quoted and braced
    ones had been told to line the keys up with ``when:``, which made them keys of the rule
    (found by review). None for any other value (``true``, ``5``), and for braces with YAML
    aliases: written out, each would repeat its anchor's items (a line of 340 characters had
    been hinted in 3.5 MB; found by review)."""
    inner = said[1:-1] if len(said) > 1 and said[0] in "'\"" and said[-1] == said[0] else said
    if _WORD.fullmatch(inner):
        return [inner]
    if said[:1] != "{":
        return None
    try:
        if any(isinstance(token, yaml.AliasToken) for token in yaml.scan(said, yaml.SafeLoader)):
            return None
        held = yaml.safe_load(said)
    except yaml.YAMLError:
        return None
    if not isinstance(held, dict) or not held or not all(isinstance(k, str) for k in held):
        return None
    return [as_written(f"{key}: {flow(value)}") for key, value in held.items()]


_RULES = re.compile(r" *rules:[ \t]*(?:#.*)?$")


def _key_of_a_rule(lines: list[str], number: int, column: int) -> bool:
    """Whether the key at ``column`` on line ``number`` is a key of an item of ``rules:``: a
    rule's ``when:`` holds conditions, where a field of an event (a plan test's case) may be
    named ``when`` and hold a word. "`when:` holds conditions" had been said of such a field
    too, with the hint ``event: yesterday`` (found by review)."""
    item: int | None = None  # the column of the rule's `- `, once found
    for above in range(min(number, len(lines)) - 1, -1, -1):
        line = lines[above]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = _indent(line)
        if item is None:
            dash = re.match(r"( *)- +", line)
            if dash is not None and dash.end() == column:
                item = len(dash[1])
            elif indent < column:
                return False  # the key is held by a key, not by a list's item
        elif indent < item or (indent == item and not line.lstrip().startswith("-")):
            return _RULES.match(line) is not None  # the list's key (past the rules above)
    return False


def _first_key_too_far_in(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a key less indented than the key on the line above it, both under a holder less
    indented than either (``apologize:``, then ``within:`` one step too far in, then
    ``message:`` where keys under it belong): the first key of the mapping set the column, so
    YAML found no key at the second's. It is the first that is out of place: said at it."""
    here = (
        _KEY_AT.match(lines[place.line]) if place is not None and place.line < len(lines) else None
    )
    above = _line_above(lines, place.line) if here is not None else None
    first = _KEY_AT.match(above[1]) if above is not None else None
    if here is None or above is None or first is None or len(first[1]) <= len(here[1]):
        return None
    holder = _line_above(lines, above[0])
    held = _HOLDER.match(holder[1]) if holder is not None else None
    if holder is None or held is None or len(held[1]) >= len(here[1]):
        return None
    column, outer = len(here[1]), len(held[1])
    upper, lower, holding = as_written(first[2]), as_written(here[2]), as_written(held[2])
    if column == outer + 2:  # the second key is where keys under the holder go
        return (
            f"`{upper}:` is indented more than `{lower}:` on line {place.line + 1}, the next key "
            "of the same mapping",
            f"indent `{upper}:` to column {column + 1}, like `{lower}:`",
            _Place(above[0], len(first[1])),
        )
    # Neither is where keys under the holder go: either may be the one out of place.
    return (
        f"`{lower}:` is indented less than `{upper}:` on line {above[0] + 1}, and more than "
        f"`{holding}:` on line {holder[0] + 1}: it is a key of neither mapping",
        f"indent the keys under `{holding}:` to column {outer + 3}; a key beside "
        f"`{holding}:` goes at column {outer + 1}",
        _Place(place.line, column),
    )


_HOLDER = re.compile(r"( *(?:- +)?)([\w-]+):[ \t]*(?:#.*)?$")
"""A key whose value is the mapping below it (``plan:``, ``- reply_publicly:``)."""


def _usual_key_column(lines: list[str], number: int, column: int) -> int | None:
    """The column the keys under the holder of the key on line ``number`` (at ``column``)
    start at when indented two spaces, as plans are: the holder's key column + 2."""
    above = _line_above(lines, number)
    holder = _HOLDER.match(above[1]) if above is not None else None  # at ``column`` too: a
    if holder is not None and len(holder[1]) <= column:  # holder with nothing under it
        return len(holder[1]) + 2
    sibling = _ITEM_KEY_AT.match(above[1]) if above is not None else None
    if sibling is not None and len(sibling[1]) == column:  # in line with the key above it,
        return column  # or with an item's first key (`- id: a`, then `title:`; review)
    return None


_ITEM_KEY_AT = re.compile(r"( *(?:- +)?)([\w-]+):(?:[ \t]|$)")
"""A key and the column it is at, after its item's `- ` if it has one."""


_NO_SPACE_AFTER_KEY = (
    "this line has no `: ` (a colon and a space) after its key",
    "write `key: value`, with a space after the colon; put text that holds `: ` in quotes",
)
"""What is said of a key written without the blank after its colon, wherever YAML fails."""


_KEY_WITHOUT_SPACE = re.compile(
    r"( *(?:- +)?)([\w-]+):([^\s:#](?:[ \t]*+[^ \t\n])*?)[ \t]*(?:[ \t]#.*)?$"
)
"""A line that is a key and its value with no blank after the colon (``within:1h``), which
YAML reads as one plain text: the value up to its trailing blanks or a comment. It grows by a
run of blanks and the character after it at a time, so the end is tried once after a run, not
at each of its columns (32 s for a run of 20 KB of blanks)."""


def _key_without_space_above(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For the first key of a mapping written without the blank after its colon
    (``within:1h``, then ``message: Sorry`` lined up under it): YAML reads the first line as
    a text and fails at the key below it, so the slip is told on the line above, as for a later
    key. Only a key of the language, on its own line, lined up with the key that failed and not
    going on a text begun above it, is taken for one (``Note:see`` or ``http://x`` are not)."""
    here = _KEY_AT.match(_line_of(lines, place))
    above = _line_above(lines, place.line) if here is not None else None
    slip = _KEY_WITHOUT_SPACE.match(above[1]) if above is not None else None
    if here is None or above is None or slip is None or len(slip[1]) != len(here[1]):
        return None
    if slip[2] not in _language_keys() or ": " in slip[3]:
        return None
    at = _Place(above[0], len(slip[1]))
    if _text_going_on(lines, at) is not None:
        return None  # `message: Please call` then `within:2h` further in: its text
    return (*_NO_SPACE_AFTER_KEY, at)


def _key_without_colon_above(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For keys under a word written without its `:` (``- escalate`` then ``to: cx-lead``):
    the word, told at its line."""
    bare = _bare_word_above(lines, place)
    if bare is None:
        return None
    word, at = as_written(bare[0]), bare[1]
    return (
        f"`{word}` has no `:` after it, so the keys below it cannot be its settings",
        f"write `{word}:`",
        at,
    )


_LAST_KEY = re.compile(r",[ \t]*([\w.-]+)$")
"""``..., lte`` before the `: ` that failed: a key after a comma."""


def _keys_without_braces(line: str, column: int) -> str | None:
    """For ``- field: rating, lte: 2`` (the error at the second `: `): the keys in braces,
    ``- {field: rating, lte: 2}``; None when the text before the `: ` does not end in a key
    after a comma."""
    start = re.match(r"( *(?:- +)?)([\w.-]+): ", line)
    last = _LAST_KEY.search(line[:column])
    if start is None or last is None or not {start[2], last[1]} <= _language_keys():
        return None  # `message: Hi Dana, thanks: we will call` is text with a `: `, not keys
    pairs = as_written(line[len(start[1]) :].split(" #", maxsplit=1)[0].rstrip())
    return f"{start[1].strip()} {{{pairs}}}".lstrip()


_GLUED = re.compile(r"(?<![\w./-])([\w-]+):(?=[^\s:/])")
"""A key glued to what follows its `:` (``compensate:{``, ``kind:voucher``); not in a URL."""


def _glued_key(line: str, column: int) -> str | None:
    """For ``- compensate:{kind: voucher, amount: 10}`` (the error at ``kind``'s `: `): the line
    from its key on with a space after each key of the language glued to its value; None when
    no such key comes before the `: ` that failed (``message: see https://x: now`` is text)."""
    glued = [found for found in _GLUED.finditer(line[:column]) if _is_key(found[1])]
    if not glued:
        return None
    start = re.match(r" *(?:- +)?", line)
    body = line[start.end() if start else 0 :].split(" #", maxsplit=1)[0].rstrip()
    mended = _GLUED.sub(lambda found: f"{found[1]}: " if _is_key(found[1]) else found[0], body)
    return as_written(mended)


_SETTING_AFTER_KEY = re.compile(r" *(?:- +)?([\w-]+): +([\w-]+): +(.+?)(?: +#.*)?$")


def _settings_after_key(line: str, column: int) -> str | None:
    """For ``- apologize: within: 1h`` (the error at the second `: `): the settings in braces,
    ``apologize: {within: 1h}``; None unless the first is an action and the second a key."""
    found = _SETTING_AFTER_KEY.match(line)
    if found is None or not (_is_action(found[1]) and _is_key(found[2])):
        return None  # `message: note: the customer...` is text with a `: `, told to be quoted
    if column and line.find(f"{found[2]}:") + len(found[2]) != column:
        return None  # the `: ` that failed is not the second key's
    return as_written(f"{found[1]}: {{{found[2]}: {found[3]}}}")


_HOLDS_A_MAPPING = frozenset({"plan", "compensation", "when", "not", "conditions", "expect"})
"""Keys of the language whose value is always a mapping, beside the actions."""


def _is_action(name: str) -> bool:
    """Whether ``name``'s value is a mapping of settings: an action type (``apologize``,
    ``x-crm-flag``), or a key such as ``compensation`` or ``when``."""
    return (
        name in ACTION_TYPES
        or name in _HOLDS_A_MAPPING
        or re.fullmatch(r"x-[a-z0-9][a-z0-9_-]*", name) is not None
    )


def _is_key(name: str) -> bool:
    """Whether a plan or plan-test file may hold ``name`` as a key (an action type too)."""
    return name in _language_keys() or name in ACTION_TYPES


@functools.cache
def _key_sets() -> tuple[frozenset[str], ...]:
    """The keys of each mapping a plan or a plan-test file may hold (operators included)."""
    from engine.resources import load_schema

    found: list[frozenset[str]] = []
    stack: list[Any] = [load_schema("plan"), load_schema("plantest")]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                found.append(frozenset(properties))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return tuple(found)


@functools.cache
def _language_keys() -> frozenset[str]:
    """Every key a plan or a plan-test file may hold somewhere (operators included)."""
    return frozenset().union(*_key_sets())


def _side_by_side(key: str, other: str) -> bool:
    """Whether one mapping of the language may hold both keys (``field`` and ``lte``)."""
    return any(key in keys and other in keys for keys in _key_sets())


def _item_above(lines: list[str], place: Any) -> tuple[int, int] | None:
    """The line of the list item above ``place`` (its ``- `` at ``place``'s column) and the
    column where its keys start, or None when no such item is above it."""
    for number in range(min(place.line, len(lines)) - 1, -1, -1):
        line = lines[number]
        found = re.match(r"( *)- +", line)
        if found is not None and len(found[1]) == place.column:
            return number, found.end()
        if line.strip() and _indent(line) < place.column:
            return None  # left the list
    return None


def _inside_an_item(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a line right of a list item's ``- `` and left of where its keys start (``- id: a``,
    then ``title:`` one space short of ``id:``, or the next ``- `` one space too far in): YAML
    wanted the list's next ``- `` there, and "at this column the list's items start with `- `"
    was said, of a column where none do (found by review). Told as out of line with that
    item's keys, or with its ``- ``; None when no item above holds ``place``'s column between
    its ``- `` and its keys, or the line is neither a key nor an item."""
    column, here = place.column, _line_of(lines, place)
    key = _KEY_AT.match(here)
    dash = re.match(r" *-[ \t]", here)
    if key is None and dash is None:
        return None
    for number in range(min(place.line, len(lines)) - 1, -1, -1):
        line = lines[number]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = re.match(r"( *)- +", line)
        if item is not None and len(item[1]) < column < item.end():
            if key is None:
                under = _under_the_key_above(lines, place, "the item", "its `- `")
                return (
                    f"this `- ` is indented more than the `- ` of the list item on line "
                    f"{number + 1}, and less than that item's keys",
                    f"{under}to start the list's next item, line its `- ` up with that item's, "
                    f"at column {len(item[1]) + 1}",
                    place,
                )
            named, first = as_written(key[2]), _ITEM_KEY_AT.match(line)
            keys = f"`{as_written(first[2])}:`" if first is not None else "the keys"
            under = _under_the_key_above(lines, place, f"`{named}`", "it")
            return (
                f"`{named}:` is indented less than {keys} of the list item on line {number + 1}, "
                "and more than its `- `, so it is neither a key of that item nor a new item",
                f"{under}if `{named}` belongs to that item, indent it to column {item.end() + 1}, "
                f"like {keys}; start a new item with `- ` only if it is one",
                place,
            )
        if _indent(line) < column:
            return None  # left the list
    return None


def _under_the_key_above(lines: list[str], place: Any, what: str, moved: str) -> str:
    """The start of the hint for a line inside a list item (:func:`_inside_an_item`) below a
    key with nothing after it that is indented more than the line (``when:``, then
    ``event:`` one space left of ``when:``; ``then:``, then its ``- apologize:``): the line
    is most likely meant under that key. Only the item's columns had been hinted, which
    made of ``- apologize:`` a new rule (found by review). "" when no such key is above."""
    above = _line_above(lines, place.line)
    held = _HOLDER.match(above[1]) if above is not None else None
    if held is None or len(held[1]) <= place.column:
        return ""
    holder = as_written(held[2])
    return (
        f"if {what} belongs under `{holder}:`, indent {moved} to column {len(held[1]) + 3}, "
        f"two spaces right of `{holder}:`; "
    )


def _settings_below(
    lines: list[str], place: Any, above: tuple[int, int]
) -> tuple[str, str, int] | None:
    """For the item ``above`` (found by :func:`_item_above`) whose first key holds a mapping
    below it (``- follow_up:`` then its settings, an action's usual shape): that key, the first
    setting's key and its column."""
    key = _HOLDER.match(lines[above[0]])
    if key is None:
        return None
    for line in lines[above[0] + 1 : place.line]:
        setting = re.match(r"( *)([\w-]+):", line)
        if setting is not None and len(setting[1]) > above[1]:
            return key[2], setting[2], len(setting[1])
        if line.strip() and not line.lstrip().startswith("#"):
            return None
    return key[2], "", above[1] + 2  # nothing under it yet: its settings go two spaces in


_VALUE_START = re.compile(r"""(?:^|[:\-\[{,])[ \t]*(["'])""")
"""A quote that opens a value: at the line's start or after `:`, `-`, `[`, `{` or `,`."""


@dataclass(frozen=True, slots=True)
class _Place:
    """A 0-based line and column, as PyYAML's marks have them."""

    line: int
    column: int


def _quote_left_open(lines: list[str], place: Any) -> _Place | None:
    """Where a double-quoted value opens that its own line does not close, on a line before
    the error's, when closing it there mends the file or moves the error past where it was:
    the likeliest cause of an error further on (YAML reads a double-quoted text across lines,
    to the next `"`, then fails where the text no longer makes sense). A `"` inside a plain
    text, a comment or a `|` block, and a text meant to go over lines, are not blamed: quotes
    are looked for outside comments and block texts, a text that goes over lines is read to
    its end, and closing the quote must help. At most :data:`_QUOTES_TRIED` are tried."""
    if place is None:
        return None
    tried, number, at = 0, 0, 0
    block_indent: int | None = None  # inside a `|` or `>` text: lines indented deeper
    comments, comments_of = _Comments(""), -1  # the comments of line `comments_of`
    while number < min(place.line, len(lines)):
        line = lines[number]
        if comments_of != number:
            comments, comments_of = _Comments(line), number
        if block_indent is not None and at == 0:
            if not line.strip() or _indent(line) > block_indent:
                number += 1
                continue
            block_indent = None
        opening = _VALUE_START.search(line, at)
        comment = comments.first_from(at)
        if opening is None or (comment is not None and comment.start() < opening.start(1)):
            if _BLOCK_TEXT.search(line) is not None:
                block_indent = _indent(line)
            number, at = number + 1, 0
            continue
        quote, start = opening[1], opening.end()
        end = _closing_quote(line, start, quote)
        if end is not None:
            at = end + 1
            continue
        if quote == '"':
            tried += 1
            if _closing_mends(lines, number, place.line):
                return _Place(number, start - 1)
            if tried >= _QUOTES_TRIED:
                return None
        number, at = _past_text_over_lines(lines, number + 1, quote)
    return None


def _past_text_over_lines(lines: list[str], number: int, quote: str) -> tuple[int, int]:
    """Where reading goes on after a quoted text that goes on from the line before ``number``:
    just past the quote that closes it, on a later line (or past the end)."""
    while number < len(lines):
        end = _closing_quote(lines[number], 0, quote)
        if end is not None:
            return number, end + 1
        number += 1
    return number, 0


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_COMMENT = re.compile(r"(?:^|[ \t])#")
"""Where a comment starts (a `#` at the line's start or after a blank)."""


class _Comments:
    """Where the comment of one line starts from a column on, for a reader that moves right
    along the line (from one quoted value to the next): the line is searched again only when
    the reader has passed the `#` found, so a line of many quoted values and no comment (a plan
    written as JSON on one line) is read once for it, not once per value."""

    def __init__(self, line: str) -> None:
        self.line = line
        self._found = _COMMENT.search(line)
        """The first comment from a column at or before the last one asked about."""

    def first_from(self, at: int) -> re.Match[str] | None:
        """The first comment that starts at column ``at`` or after it, or None."""
        if self._found is not None and self._found.start() < at:
            self._found = _COMMENT.search(self.line, at)
        return self._found


_BLOCK_TEXT = re.compile(r"(?:^|[:\-][ \t])[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?$")
"""A line that starts a `|` or `>` text, whose lines (indented deeper) are text, not YAML."""


_QUOTES_TRIED = 3
"""How many quotes left open ``_quote_left_open`` tries closing (each costs a parse)."""


def _closing_mends(lines: list[str], number: int, error_line: int) -> bool:
    """Whether closing a `"` on line ``number`` (before the brackets and commas that end the
    line, else at its end) lets the file parse, or moves its first error past ``error_line``."""
    line = lines[number].rstrip()
    body = line.rstrip("}], ")
    closed = [*lines[:number], body + '"' + line[len(body) :], *lines[number + 1 :]]
    try:
        composer = Composer("\n".join(closed))
        try:
            composer.get_single_node()
        finally:
            composer.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark is not None and mark.line > error_line
    except (yaml.YAMLError, YamlProblemError):
        return False
    return True


def _closing_quote(line: str, start: int, quote: str) -> int | None:
    """Where the quoted value opened just before ``start`` closes on this line, or None.
    Double quotes take ``\\`` escapes; single quotes are doubled (``''``) inside."""
    at = start
    while at < len(line):
        char = line[at]
        if quote == '"' and char == "\\":
            at += 2
            continue
        if char == quote:
            if quote == "'" and line[at + 1 : at + 2] == "'":
                at += 2
                continue
            return at
        at += 1
    return None


_QUOTE_OPENING = re.compile(r"""(?:^|[\[{,]|(?:^|[ \t])-[ \t]|:[ \t])[ \t]*(["'])""")
"""A quote that opens a value: at the line's start, after `: `, `- `, `[`, `{` or `,`."""

_VALUE_GOES_ON = re.compile(r"[ \t]*(?:[ \t]#.*)?$|[ \t]*[,}\]]")
"""What may follow the quote that ends a value: the line's end (or a comment), or a `,`,
`}` or `]` in brackets."""


@dataclass(frozen=True, slots=True)
class _CutText:
    """A quoted value on one line that a quote inside it ends before its text does."""

    line: str
    opens: int
    """The column of the opening quote."""
    cut: int
    """The column of the quote inside the text, which YAML takes for the closing one."""

    @property
    def quote(self) -> str:
        """The quote the value is written in: `'` or `"`."""
        return self.line[self.opens]

    def ends(self) -> int:
        """The column of the quote the writer meant to close the text with (the first one
        after the cut that a value may end at), or the line's end when none is there."""
        at = self.line.find(self.quote, self.cut + 1)
        while at != -1:
            if _VALUE_GOES_ON.match(self.line, at + 1):
                return at
            at = self.line.find(self.quote, at + 1)
        return len(self.line.split(" #", maxsplit=1)[0].rstrip())

    def word(self) -> str:
        """The word the quote is in (``in `We're` ``), or starts (``before `gold` ``)."""
        # from the word's start only: searched from each column of a long word, `\w*$` read
        # on to its end from each (minutes for 100 KB)
        before = re.search(r"(?<!\w)\w*$", self.line[self.opens + 1 : self.cut])
        after = re.match(r"\w*", self.line[self.cut + 1 :])
        if before is None or after is None or not before[0]:
            return f"before `{as_written(after[0] if after else '')}`"
        return f"in `{as_written(before[0])}{self.quote}{as_written(after[0])}`"

    def mended(self) -> str:
        """The whole text in its quotes, each quote inside it written as YAML reads it as text:
        doubled in single quotes, after a `\\` in double quotes."""
        inner = as_written(self.line[self.opens + 1 : self.ends()])
        if self.quote == "'":
            return "'" + re.sub(r"(?<!')'(?!')", "''", inner) + "'"
        return '"' + re.sub(r'(?<!\\)"', '\\\\"', inner) + '"'


def _cut_text(line: str) -> _CutText | None:
    """The first quoted value on ``line`` whose closing quote is followed by a letter or a
    digit (``'We're sorry'``), which YAML never reads: a quote inside the text, not its end."""
    at = 0
    comments = _Comments(line)
    while (opening := _QUOTE_OPENING.search(line, at)) is not None:
        comment = comments.first_from(at)
        if comment is not None and comment.start() < opening.start(1):
            return None
        closed = _closing_quote(line, opening.end(), opening[1])
        if closed is None:
            return None
        if re.match(r"\w", line[closed + 1 : closed + 2]):
            return _CutText(line, opening.start(1), closed)
        at = closed + 1
    return None


_QUOTE_INSIDE = {
    "'": ("`''` inside single quotes", "double"),
    '"': ('`\\"` inside double quotes', "single"),
}
"""How a quote is written inside a text in its own quotes, and the other quotes to use."""


def _quote_inside_quotes(lines: list[str], places: tuple[Any, ...]) -> tuple[str, str, Any] | None:
    """For a quote inside a quoted text (``'We're sorry'``, ``"the "gold" tier"``), on the
    line of the error or of what YAML was reading: the quote, at its place, and the text written
    so that YAML reads the quote as text. YAML ends the text there and then fails at what
    follows, in words about keys or brackets that lead away from the quote."""
    for place in places:
        cut = _cut_text(_line_of(lines, place))
        if cut is not None:
            inside, other = _QUOTE_INSIDE[cut.quote]
            return (
                f"the `{cut.quote}` {cut.word()} ends the quoted text",
                f"write {inside} (`{cut.mended()}`), or put the text in {other} quotes",
                _Place(place.line, cut.cut),
            )
    return None


_ESCAPE = re.compile(
    r'\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0abt\tnvfre "/\\N_LP])'
)
"""An escape YAML knows in double quotes (``\\b``, ``\\"``, ``\\x41``...)."""
_NEVER_MEANT = frozenset("0abvfreNLP")
"""The escapes that make a control character or a line separator no text means (a bell, a
backspace...): in a text that also holds a backslash YAML refuses, such as ``"C:\\Users\\bob"``,
they are backslashes meant as such too. A tab and a line break (``\\t``, ``\\n``) may be meant."""

_NUMBERED = {"x": 2, "u": 4, "U": 8}
"""The escapes of a character by its hexadecimal number, and how many digits each takes."""


_NO_ESCAPE = (
    "found unknown escape character",  # libyaml's words, and the Python scanner's
    "did not find expected hexdecimal number",  # libyaml's, for `\U` without its digits
    "expected escape sequence of",  # the Python scanner's
)
"""The starts of YAML's words for a backslash in double quotes that starts no escape it knows."""


def _unknown_escape(lines: list[str], place: Any) -> tuple[str, str, Any]:
    """For a backslash YAML takes for no escape it knows, in double quotes (``"^WEB-\\d{6}$"``,
    or ``"C:\\Users"``, whose ``\\U`` wants eight hexadecimal digits): what a backslash does
    there, told at the backslash, and the text written so that it is itself, when the text is
    on this line."""
    line = _line_of(lines, place)
    column = place.column if place is not None else 0
    backslash = line.rfind("\\", 0, column + 1)
    if backslash == -1:
        return "a `\\` in double quotes that is not an escape YAML knows", BACKSLASH_ADVICE, place
    escape = line[backslash : backslash + 2]
    digits = _NUMBERED.get(escape[1:])
    raw = _double_quoted_around(line, backslash)
    return (
        f"`{escape}` in double quotes is not an escape YAML knows"
        if digits is None
        else f"`{escape}` in double quotes starts a character written as {digits} hexadecimal "
        "digits, and they do not follow",
        BACKSLASH_ADVICE + (_written_as_meant(raw) if raw is not None else ""),
        _Place(place.line, backslash) if place is not None else place,
    )


def _written_as_meant(raw: str) -> str:
    """A double-quoted text as written (``^WEB-\\d{6}$``) in the forms that keep each backslash
    that starts no escape: with those backslashes doubled, and in single quotes when the text
    holds no escape but ``\\"``."""
    parts: list[str] = []
    escapes_kept = False
    at = 0
    while (backslash := raw.find("\\", at)) != -1:
        known = _ESCAPE.match(raw, backslash)
        if known is not None and known[0][1:] in _NEVER_MEANT:
            known = None  # `\bob` in a path: a backspace no text means, so written as `\\b`
        parts.append(raw[at:backslash])
        parts.append(known[0] if known is not None else "\\\\")
        escapes_kept = escapes_kept or (known is not None and known[0] != '\\"')
        at = known.end() if known is not None else backslash + 1
    doubled = as_written("".join(parts) + raw[at:])
    if escapes_kept:
        return f': `"{doubled}"`'
    single = single_quoted(as_written(raw.replace('\\"', '"')))
    return f': `{single}` or `"{doubled}"`'


def _double_quoted_around(line: str, column: int) -> str | None:
    """The text, as written, of the double-quoted value on ``line`` that ``column`` is inside
    (its quotes left out), or None when none closes on this line."""
    at = 0
    while (opening := _QUOTE_OPENING.search(line, at)) is not None:
        closed = _closing_quote(line, opening.end(), opening[1])
        if closed is None:
            return None
        if opening[1] == '"' and opening.end() <= column < closed:
            return line[opening.end() : closed]
        at = closed + 1
    return None


def explain_syntax_error(exc: yaml.MarkedYAMLError, text: str = "") -> tuple[str, str, Any]:
    """PyYAML's parser words said for a person who writes plans, and the most telling place."""
    lines = YAML_LINE_BREAK.split(text)  # once: a file may be megabytes, and most helpers read it
    problem = exc.problem or exc.context or "invalid YAML"
    context = exc.context or ""
    place: Any = exc.problem_mark or exc.context_mark
    opened: Any = exc.context_mark
    if problem == "found character that cannot start any token" and place is not None:
        # libyaml does not name the character; the Python scanner does, and the advice needs it.
        line = _line_of(lines, place)
        if place.column < len(line):
            problem = f"found character {line[place.column]!r} that cannot start any token"
    if "expected a single document" in str(exc):
        return "the file holds several YAML documents", "keep one document (no `---`)", place
    if context.startswith("found duplicate anchor") and place is not None and opened is not None:
        return _anchor_twice(lines, place, opened)
    if problem.startswith(_NO_ESCAPE):  # `"^WEB-\d{6}$"`, `"C:\Users"`
        return _unknown_escape(lines, place)
    inside = _quote_inside_quotes(lines, (place, opened) if opened is not None else (place,))
    if inside is not None:
        return inside
    if context.startswith("while scanning a quoted scalar") and opened is not None:
        return "this quoted text is never closed", "add the closing quote", opened
    unclosed = _quote_left_open(lines, place)
    if unclosed is not None and place is not None:
        return (
            f'this quoted text is not closed on its line, so YAML read on to the next `"` '
            f"(the error it then met is on line {place.line + 1})",
            'add the closing `"`; for text over several lines, use `|`',
            unclosed,
        )
    braced = _braced_text(lines, opened or place) or _braced_text(lines, place)
    if braced is not None:
        return braced
    if context in ("while scanning an alias", "while scanning an anchor", _BLOCK_SCALAR):
        told = _text_starting_with(lines, opened)  # `*urgent* call`, `&Co. and sons`, `|cold`
        if told is not None:
            return told
    if problem.startswith("mapping keys are not allowed"):
        told = _text_starting_with(lines, place)  # `title: ? cold`
        if told is not None:
            return told
    words_after = _words_after_value(lines, place)
    if words_after is not None:  # `message: "Sorry" he said`, `message: [VIP] call now`
        return words_after
    cut_short = _closer_in_braced_text(lines, place)
    if cut_short is not None:  # `{message: Sorry } for the wait}`
        return cut_short
    if "invalid Unicode character escape code" in problem:  # libyaml's words for it
        return (
            "the text holds a `\\u` escape that is not a whole character (a lone surrogate?)",
            "write the character itself, or the whole character as one escape such as "
            "`\\U0001F600`",
            place,
        )
    if "'\\t'" in problem or "tab character" in problem:  # Python's scanner, then libyaml
        return (
            "a tab is used for indentation",
            "indent with spaces; YAML does not allow tabs",
            place,
        )
    reserved = re.match(r"found character '(.)' that cannot start any token", problem)
    if reserved:
        shown = "a backquote (`)" if reserved[1] == "`" else f"`{reserved[1]}`"
        whole = _plain_text_quoted(lines, place)  # `message: @acme hi`
        return (
            f"a value cannot start with {shown}",
            f"put the whole text in quotes: `{whole}`"
            if whole is not None
            else f'put the value in quotes, such as "{reserved[1]}acme"',
            place,
        )
    if context.startswith("while parsing a flow node"):  # the mark is where a value was due
        dash = _dash_starting_flow_text(lines, place)
        if dash is not None:  # `{message: - call now}`
            return dash
        opened = _unclosed_bracket(lines, place) or opened
        braces = opened is not None and _char_at(lines, opened) == "{"
        context = "while parsing a flow " + ("mapping" if braces else "sequence")
    cut = _value_cut_in_braces(lines, place, problem)
    if cut is not None:  # `{field: rating lte: 2}`, `{message: Note: check packaging}`
        return _comma_left_out(lines, cut, place) or (
            "a `: ` inside a value in braces",
            f"put the value in quotes: `{cut.quoted()}`",
            place,
        )
    if context.startswith("while parsing a flow") and opened is not None:
        commented = _comment_in_brackets(lines, opened, place)
        if commented is not None:  # `{message: Check order #1234}`
            return commented
        bracketed = _bracket_in_flow_text(lines, opened, place)
        if bracketed is not None:  # `{message: Sorry {customer.first_name|there}}`
            return bracketed
        comma = _comma_left_out_after_brackets(lines, place)
        if comma is not None:  # `{params: {tone: warm} message: Sorry}`
            return comma
        brackets = "{}" if "mapping" in context else "[]"
        return (
            f"the `{brackets[0]}` opened on line {opened.line + 1} is not closed",
            f"close it with `{brackets[1]}`, and separate the items with commas",
            place,
        )
    if problem in (
        "mapping values are not allowed here",  # the Python scanner's words
        "mapping values are not allowed in this context",  # libyaml's
    ):
        line = _line_of(lines, place)
        if ": " not in line[: place.column if place is not None else 0]:
            # The colon ends this line's own key: the key is what is out of place.
            told = (
                _key_without_colon_above(lines, place)
                or _key_without_space_above(lines, place)
                or _key_above_less_indented(lines, place)
            )
            if told is not None:
                return told
            going_on = _text_going_on(lines, place)  # `message: Please call` ... `today: noon`
            if going_on is not None:
                key_too_far = _key_after_a_text(lines, place)
                if key_too_far is not None:  # `- id: bad-review` then `    title: ...` further in
                    return key_too_far
                return (
                    "a `: ` inside a text that goes on over several lines",
                    "put the whole text in quotes, or write it as a block: "
                    f"`{as_written(going_on)}: >-`, "
                    "then the text on the lines below it",
                    place,
                )
            return (
                "this line is indented more than the key above it",
                "line its key up with the keys above it",
                place,
            )
        in_braces = _keys_without_braces(line, place.column if place is not None else 0)
        if in_braces is not None:  # `- field: rating, lte: 2`
            return (
                "several keys on one line, without braces: YAML reads the first key's value "
                "on to the next `: `",
                f"put them in braces, `{in_braces}`, or write each key on its own line",
                place,
            )
        column = place.column if place is not None else 0
        glued = _glued_key(line, column)
        if glued is not None:  # `- compensate:{kind: voucher, amount: 10}`
            return (
                "a `: ` inside a value: a key before it has no space after its `:`",
                f"put a space after the colon: `{glued}`",
                place,
            )
        nested = _settings_after_key(line, column)
        if nested is not None:  # `- apologize: within: 1h`
            return (
                "a `: ` inside a value: two keys on one line, the second in the first's value",
                f"put the settings in braces: `{nested}`, or each on a line of its own below, "
                "indented further",
                place,
            )
        return (
            "a `: ` inside a value",
            'put the value in quotes, such as `message: "Note: call back"`',
            place,
        )
    if problem == "could not find expected ':'" and opened is not None:
        return _dash_without_space(lines, opened) or (*_NO_SPACE_AFTER_KEY, opened)
    if problem == "did not find expected key":
        if glued_first := _glued_item_above(lines, place):  # `-late  # soon`, `- cold`
            return glued_first
        if _line_of(lines, place).lstrip().startswith("- "):
            # A list where a key was expected: the key of the list is missing (`then:`).
            return (
                "a list item (`- `) where a key was expected",
                "if the list's key is missing from the line above (such as `then:` or "
                "`prevent:` for actions, `all:` for tests), add it; if the item belongs to a "
                "list above, line its `-` up with that list's other items",
                place,
            )
        told = (
            _key_without_space_above(lines, place)
            or _key_above_less_indented(lines, place)
            or _first_key_too_far_in(lines, place)
            or _words_after_value(lines, place)  # `message: "Sorry", we are late`
        )
        if told is not None:  # `within:1h  # soon`, the comment ending its text
            return told
        return (
            "a key was expected here",
            "look at this line and the one above: a quote left open, or a line indented "
            "differently from the keys beside it, often causes this",
            place,
        )
    if problem == "did not find expected '-' indicator":
        told = (
            _dash_without_space(lines, place)  # `-tag: {tags: [late]}` in a list of actions
            or _key_without_colon_above(lines, place)
            or _key_without_space_above(lines, place)
        )
        if told is not None:
            return told
        key = re.match(r"\s*([\w-]+):", _line_of(lines, place)) if place is not None else None
        item = _item_above(lines, place) if key is not None else None
        named = as_written(key[1]) if key is not None else ""
        settings = _settings_below(lines, place, item) if item is not None else None
        if key is not None and settings is not None:
            holder, first, column = settings
            holder, first = as_written(holder), as_written(first)
            under = f"under `{first}:`" if first else f"two spaces right of `{holder}:`"
            return (
                f"`{named}:` is at the column of the list's `- `, not of the item's keys",
                f"if `{named}` is a setting of `{holder}`, indent it to column {column + 1}, "
                f"{under}; start a new item with `- ` only if it is one",
                place,
            )
        if key is not None and item is not None:
            return (
                f"`{named}:` is at the column of the list's `- `, not of the item's keys",
                f"if `{named}` belongs to the item above, indent it to column {item[1] + 1}, "
                "where that item's keys start; start a new item with `- ` only if it is one",
                place,
            )
        told = _inside_an_item(lines, place)  # `title:` one space short of `id:` above it
        if told is not None:
            return told
        return (
            "a list item (`- `) was expected here",
            "at this column the list's items start with `- `: start a new item with `- `, or "
            "indent this line under the item it belongs to",
            place,
        )
    if problem.startswith("expected <block end>"):
        return (
            "the indentation does not line up",
            "indent the keys of one mapping, and the items of one list, to the same column",
            place,
        )
    if problem == "block sequence entries are not allowed in this context":
        told = _item_after_key(lines, place)
        if told is not None:
            return told
    if problem.startswith("found undefined alias"):  # libyaml does not name it: read it
        column = place.column if place is not None else 0
        name = re.match(r"\*([^\s,\[\]{}]*)", _line_of(lines, place)[column:])
        alias = f"*{as_written(name[1])}" if name else "*"
        whole = _plain_text_quoted(lines, place) or f'"{alias}"'  # `message: *urgent call`
        return (
            f"`{alias}` refers to an anchor `&{alias[1:]}` that is not defined above",
            f"for text that starts with `*`, put the whole text in quotes (such as `{whole}`); "
            "for an alias, define the anchor before its first use",
            place,
        )
    return problem, _INDENT_HINT, place


_UNDEFINED_ANCHOR = re.compile(
    r"`\*([^`]+)` refers to an anchor `&[^`]+` that is not defined above"
)


def with_anchors_elsewhere(
    problems: list[Diagnostic], texts: Sequence[tuple[Path, str]]
) -> list[Diagnostic]:
    """The problems, each alias to an anchor that another file of the plan defines told so:
    YAML's anchors live in one file, and "define the anchor before its first use" misleads a
    manager who did, in another file of the same plan (``&sorry`` in 00-plan.yaml, ``*sorry``
    in reviews.yaml). ``texts``: every file of the plan and the text it was read with."""
    mended = []
    for problem in problems:
        found = _UNDEFINED_ANCHOR.search(problem.message) if problem.code == "yaml-syntax" else None
        name = found[1] if found else ""
        where = _anchor_in(name, problem.source.path, texts) if name else None
        if where is not None:
            problem = dataclasses.replace(
                problem,
                hint=f"an anchor is known only in its own file, and `&{name}` is in another "
                "(see below): write out what it holds here, or move this rule into that file",
                related=(*problem.related, where),
            )
        mended.append(problem)
    return mended


def _anchor_in(name: str, user: str, texts: Sequence[tuple[Path, str]]) -> SourceLocation | None:
    """Where another file than ``user`` defines the anchor ``&name``; None when none does, or
    when ``user`` itself does (further down than its use)."""
    defined = re.compile(rf"(?:^|(?<=[\s\[{{,:]))&{re.escape(name)}(?=[\s\]}},]|$)", re.MULTILINE)
    for path, text in sorted(texts, key=lambda read: str(read[0]) != user):  # its own first
        found = defined.search(text)
        if found is not None and str(path) == user:
            return None  # defined below its use, in its own file: "before its first use" says it
        if found is not None:
            line = text.count("\n", 0, found.start()) + 1
            column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
            return SourceLocation(str(path), line, column)
    return None
