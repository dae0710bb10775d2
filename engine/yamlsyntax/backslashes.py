"""A backslash in double quotes that starts no escape YAML knows (``"^WEB-\\d{6}$"``,
``"C:\\Users"``), and the text written so that each backslash is itself.

Regular expressions and Windows paths are the usual cause; the advice shared with the schema's
checks is in :mod:`engine.escapes`, and this module adds the text as it should be written.
"""

from __future__ import annotations

import re
from typing import Any

from engine.errors import shown_text
from engine.escapes import BACKSLASH_ADVICE, single_quoted
from engine.slips import as_written
from engine.yamlsyntax.lines import QUOTE_OPENING, Place, closing_quote, line_of

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


NO_ESCAPE = (
    "found unknown escape character",  # libyaml's words, and the Python scanner's
    "did not find expected hexdecimal number",  # libyaml's, for `\U` without its digits
    "expected escape sequence of",  # the Python scanner's
)
"""The starts of YAML's words for a backslash in double quotes that starts no escape it knows."""


def unknown_escape(lines: list[str], place: Any) -> tuple[str, str, Any]:
    """For a backslash YAML takes for no escape it knows, in double quotes (``"^WEB-\\d{6}$"``,
    or ``"C:\\Users"``, whose ``\\U`` wants eight hexadecimal digits): what a backslash does
    there, told at the backslash, and the text written so that it is itself, when the text is
    on this line."""
    line = line_of(lines, place)
    backslash = line.rfind("\\", 0, place.column + 1)
    # libyaml marks the backslash, or the digit after its `x`, `u` or `U`, on its line (read
    # as libyaml counts its columns: load_yaml), so this guard is never taken (a first line
    # read a column off, after two byte-order marks, took it)
    if backslash == -1:  # pragma: no cover
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
        Place(place.line, backslash),
    )


def _written_as_meant(raw: str) -> str:
    """A double-quoted text as written (``^WEB-\\d{6}$``) in the forms that keep each backslash
    that starts no escape: with those backslashes doubled, and in single quotes when the text
    holds no escape but ``\\"`` and no tab or other character a hint writes as its escape (in
    single quotes, ``'C:\\path\\there'`` had been offered for a real tab after `path`: a
    backslash and a `t` to YAML)."""
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
    if escapes_kept or shown_text(raw) != raw:  # a tab is `\t` in a hint: not in single quotes
        return f': `"{doubled}"`'
    single = single_quoted(as_written(raw.replace('\\"', '"')))
    return f': `{single}` or `"{doubled}"`'


def _double_quoted_around(line: str, column: int) -> str | None:
    """The text, as written, of the double-quoted value on ``line`` that ``column`` is inside
    (its quotes left out), or None when none closes on this line."""
    at = 0
    while (opening := QUOTE_OPENING.search(line, at)) is not None:
        closed = closing_quote(line, opening.end(), opening[1])
        if closed is None:
            return None
        if opening[1] == '"' and opening.end() <= column < closed:
            return line[opening.end() : closed]
        at = closed + 1
    return None
