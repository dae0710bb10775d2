"""Words after a closing quote or bracket that YAML reads as the end of the value
(``message: "Sorry" he said``, ``message: [VIP] call now``,
``{within: 1h, message: Sorry } for the wait}``).

YAML then fails at the words, in terms of keys or brackets; the slip is the quote or bracket
before them, so these helpers find which one closed the value, and where it was opened.
"""

from __future__ import annotations

import re
from typing import Any

from engine.fields import PATH_TEXT
from engine.slips import as_written, quoted
from engine.templates import TEMPLATE_PARAMS
from engine.yamlsyntax.brackets import FLOW_KEY, flow_text_before, flow_text_from
from engine.yamlsyntax.lines import (
    QUOTE_OPENING,
    Place,
    closer_before,
    closing_quote,
    line_of,
    outside_quotes,
)
from engine.yamlsyntax.texts import (
    INDICATOR_WORDS,
    ITEM_BEFORE_VALUE,
    KEY_BEFORE,
    text_end,
    whole_text_quoted,
)

_CLOSERS = {'"': '"', "'": "'", "]": "[", "}": "{"}
"""The characters that end a quoted text or a value in brackets, and the ones that open it."""


def words_after_value(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For words after a quoted text or a value in brackets, on its line
    (``message: "Sorry" he said``, ``message: [VIP] call now``, ``title: "Late" - call``): YAML
    reads the quotes or the brackets as the whole value and fails at the words (at a `- `, in
    words of lists: "block sequence entries are not allowed"). Told at the value's start, with
    the whole text in quotes."""
    line = line_of(lines, place)
    if not re.match(r"\w|[,-][ \t]*\w", line[place.column :]):
        return None  # a word, or a comma or a dash then words (`message: "Sorry", we are late`)
    closer = closer_before(line, place.column, _CLOSERS)
    if closer is None:
        return None
    start = _opening_of(line, closer)
    if start is None or not (
        KEY_BEFORE.search(line[:start]) or ITEM_BEFORE_VALUE.search(line[:start])
    ):
        return None
    inside = line[start + 1 : closer]
    if line[closer] in "]}" and (": " in inside or re.search(r"[\[\]{}]", inside)):
        return None  # `then: [{apologize: {}}] x`: a list meant as one, not text
    in_braces = line.count("{", 0, start) > line.count("}", 0, start)
    if in_braces and line[closer] == "]" and "," in inside and FLOW_KEY.match(line, place.column):
        return None  # `{tags: [a, b] message: Hi}`: a list, then a key without its `,`
    whole = whole_text_quoted(lines, Place(place.line, start), text_end(lines, place))
    opener = line[start]
    told = (
        f"the quotes of `{as_written(line[start : closer + 1])}` are read as the "
        "quotes around the whole "
        "value, so the words after them cannot follow"
        if opener in "\"'"
        else f"text that starts with `{opener}` is read as {INDICATOR_WORDS[opener]}, so the "
        f"words after its `{line[closer]}` cannot follow"
    )
    return told, f"put the whole text in quotes: `{whole}`", Place(place.line, start)


def closer_in_braced_text(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a `}` or `]` inside a plain text in brackets, with words after it
    (``{within: 1h, message: Sorry } for the wait}``, or a template's `{` left out:
    ``message: Hi customer.first_name} thanks``): the bracket ends the text there, and YAML
    fails at the words after it (or at the bracket itself, when it closes nothing). Told at the
    bracket, with the whole text in quotes.

    The words after the bracket must end inside brackets, at a `,` or a closing bracket on the
    line, and hold no key: words after a whole value in braces (``m: {x: 1} c``) are not a
    text cut short, nor is a key after brackets (``{x: y} reason: z``, a comma left out)."""
    line = line_of(lines, place)
    if place.column >= len(line):
        return None
    closer = place.column
    if line[closer] not in "]}":
        if not re.match(r"\w", line[closer]):
            return None
        found = closer_before(line, closer, "]}")
        if found is None:
            return None
        closer = found
    since = max(line.rfind(bracket, 0, closer) for bracket in "{}[]") + 1
    if since == 0 or line[since - 1] not in "{[":
        return None  # the text is not inside brackets opened on this line
    begun = flow_text_before(line, since, closer)
    if begun is None or re.search("[\"']", begun[2][:1]):
        return None  # no text before the bracket, or quoted text (told elsewhere)
    after = flow_text_from(line, closer + 1)
    ends = closer + 1 + len(after)
    if ends >= len(line) or not re.search(r"\w", after) or FLOW_KEY.search(after):
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
        Place(place.line, closer),
    )


def _unpaired(line: str, closer: int) -> bool:
    """Whether the `}` or `]` at ``closer`` is one the brackets of its line cannot pair: it
    closes a bracket of the other kind, or a closing bracket after it is then left with nothing
    to close. Brackets opened on a line above leave it undecided: False."""
    opened: list[str] = []
    for column in outside_quotes(line, 0, len(line)):
        char = line[column]
        if char in "{[":
            opened.append(char)
        elif char in "]}":
            if not opened:
                return column > closer  # before it: a bracket of the lines above closes here
            if opened.pop() != _CLOSERS[char] and column == closer:
                return True
    return False


def _opening_of(line: str, closer: int) -> int | None:
    """The column that opens the quoted text or the brackets closed at ``closer``, or None."""
    char = line[closer]
    if char in "\"'":
        at = 0
        while (opening := QUOTE_OPENING.search(line, at)) is not None:
            closed = closing_quote(line, opening.end(), opening[1])
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
