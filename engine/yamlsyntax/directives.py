"""Lines that YAML reads as the frame of its documents, not as the plan: a line that starts with
`%` (a directive, ``%YAML 1.2``) and a ``...`` line (the end of a document).

A plan needs neither. YAML's words for them name the parser's state ("found incompatible YAML
document", "did not find expected <document start>", "found unknown directive name"), at a
line that is often the one after them: each is told at its own line, with its removal.
"""

from __future__ import annotations

import re
from typing import Any

from engine.slips import as_written
from engine.yamlsyntax.lines import DOCUMENT_START, Place, line_of
from engine.yamlsyntax.vocabulary import is_key

_DOCUMENT_END = re.compile(r"\.\.\.(?:[ \t]|$)")
"""A ``...`` line, which ends a YAML document."""

_NO_DIRECTIVE = "remove the line: a plan needs no line that starts with `%`"

_PERCENT_KEY = re.compile(r"(%[^\s:]*):(?=[ \t]|$)")
"""A key that starts with `%` (``%off: 10``), which YAML reads as a directive."""


def _directive_line(lines: list[str], place: Any) -> str:
    return as_written(line_of(lines, place).split(" #")[0].strip())


def _removal(lines: list[str], place: Any) -> str:
    """The line's removal; for a key that starts with `%` (``%off: 10``), the key in quotes,
    or without its `%` when that is a key of the plan (``%rules:``)."""
    key = _PERCENT_KEY.match(line_of(lines, place))
    if key is None:
        return _NO_DIRECTIVE
    if is_key(key[1][1:]):  # `%rules:`: a `%` typed before a key of the plan (in quotes, it
        # had been an unknown key `%rules`: found by review)
        return f"remove the `%` before the key: `{key[1][1:]}:`"
    quoted_key = f'`"{as_written(key[1])}":`'
    return f"for a key that starts with `%`, put it in quotes: {quoted_key}; else {_NO_DIRECTIVE}"


def directive_refused(lines: list[str], place: Any, incompatible: bool) -> tuple[str, str, Any]:
    """For a `%` line YAML cannot read as a directive (``%YAML 2.0``, ``%FOO``, a ``%YAML``
    written twice, a key ``%off: 10``): what it is, at its line, and its removal."""
    at = Place(place.line, 0)
    written = _directive_line(lines, at)
    if incompatible:
        return (
            f"`{written}` asks for a YAML version other than the one plans are written in "
            "(YAML 1.2)",
            _NO_DIRECTIVE,
            at,
        )
    return (
        f"`{written}` is read as a YAML directive (a line that starts with `%`), and YAML "
        "cannot read this one",
        _removal(lines, at),
        at,
    )


def frame_line_above(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For YAML's "did not find expected <document start>": the ``...`` or `%` line above
    ``place`` (or on its line) that ended the document the plan is in, told at that line;
    None when there is none, or a ``---`` line is between them: the document that line starts
    is read, and the error is some other mistake's (``%YAML 1.2`` and ``---`` at the top had
    been blamed for a `}` typed twice below them, found by review)."""
    for number in range(min(place.line, len(lines) - 1), -1, -1):
        line = lines[number]
        if DOCUMENT_START.match(line):  # a `%` or `...` line above it frames that document
            return None
        if _DOCUMENT_END.match(line):
            return (
                "`...` ends a YAML document, so YAML cannot read the lines after it",
                "remove the `...` line",
                Place(number, 0),
            )
        if line.startswith("%"):  # one YAML reads (`%YAML 1.2`): a `%key:` is refused itself
            return (
                f"`{_directive_line(lines, Place(number, 0))}` is read as a YAML directive (a "
                "line that starts with `%`), which a plan does not use",
                _NO_DIRECTIVE,
                Place(number, 0),
            )
    return None
