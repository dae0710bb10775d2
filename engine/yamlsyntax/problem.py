"""What the YAML parser said about a file it could not read, kept in one small object that
every handler of :mod:`engine.yamlsyntax.dispatch` reads.

PyYAML's error holds its words in two parts (``problem``, ``context``) and two marks, either of
which may be missing, and libyaml words some errors otherwise than the Python scanner. Both
are evened out here once (:meth:`ParserProblem.of`), so a handler asks a plain question
(``said.problem == "did not find expected key"``) and no handler reads the error differently
from another.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

import yaml

from engine.locations import YAML_LINE_BREAK
from engine.yamlsyntax.lines import char_at, line_of, unclosed_bracket

Explanation = tuple[str, str, Any]
"""What a manager is told: the message, the hint and the mark it is told at."""

FileKind = Literal["plan", "plan-test", "event"]
"""What a file that failed to parse is meant to be, as its reader knows it (a plan, a
plan-test file, a case's YAML event file): a hint that names keys names those of its kind
(``then:`` is no key of a plan-test file)."""

_NO_TOKEN = "found character that cannot start any token"

_FLOW = "while parsing a flow"

_NOT_ALLOWED = (
    "mapping values are not allowed here",  # the Python scanner's words
    "mapping values are not allowed in this context",  # libyaml's
)


@dataclass(frozen=True)
class ParserProblem:
    """A YAML parser's error and the file's lines, read once for all handlers."""

    lines: list[str]
    """The file's lines, split once: a file may be megabytes, and most handlers read it."""
    problem: str
    """The parser's words for what is wrong (its context's when it gave none)."""
    context: str
    """The parser's words for what it was reading ("" when it gave none)."""
    place: Any
    """Where the parser stopped (the mark of its problem, else of its context)."""
    opened: Any
    """Where what the parser was reading began (the mark of its context), or None."""
    message: str
    """The parser's whole message, as ``str(exc)`` gives it."""
    kind: FileKind = "plan"
    """What the file is meant to be, as the reader that parsed it says (never guessed from
    its name: a plan may be named anything)."""

    @classmethod
    def of(cls, exc: yaml.MarkedYAMLError, text: str, kind: FileKind = "plan") -> ParserProblem:
        """The problem ``exc`` reports in ``text``. libyaml does not name the character that
        cannot start a token; the Python scanner does, and the advice needs it, so it is
        read from the line. ``text`` is what libyaml parsed: ``load_yaml`` leaves out the
        byte-order mark a file saved with two keeps, which libyaml does not count in its
        columns (kept, the first line was read one column off: a `\\d` in double quotes there
        was told without its escape named, and a `@` as a byte-order mark)."""
        lines = YAML_LINE_BREAK.split(text)
        problem = exc.problem or exc.context or "invalid YAML"
        place: Any = exc.problem_mark or exc.context_mark
        if problem == _NO_TOKEN and place is not None:
            line = line_of(lines, place)
            # libyaml marks the character itself, on its line (read as libyaml counts them)
            if place.column < len(line):  # pragma: no branch
                problem = f"found character {line[place.column]!r} that cannot start any token"
        return cls(lines, problem, exc.context or "", place, exc.context_mark, str(exc), kind)

    @property
    def line(self) -> str:
        """The text of the line the parser stopped on ("" when there is none)."""
        return line_of(self.lines, self.place)

    @property
    def column(self) -> int:
        """The 0-based column the parser stopped at (0 when it gave no place)."""
        return self.place.column if self.place is not None else 0

    @property
    def colon_not_allowed(self) -> bool:
        """Whether the parser met a `: ` where no key can be (both parsers' words for it)."""
        return self.problem in _NOT_ALLOWED

    @cached_property
    def open_flow(self) -> tuple[Any, str] | None:
        """Where the brackets the parser was reading when it stopped were opened, and which
        they are (``"{}"`` or ``"[]"``); None outside brackets. When the parser only says it
        was reading a value in them ("while parsing a flow node", at the place a value was
        due), the bracket still open before that place is the one; kept once read, as
        several handlers ask."""
        context, opened = self.context, self.opened
        if context.startswith(_FLOW + " node"):
            opened = unclosed_bracket(self.lines, self.place) or opened
            braces = opened is not None and char_at(self.lines, opened) == "{"
            context = f"{_FLOW} " + ("mapping" if braces else "sequence")
        if not context.startswith(_FLOW) or opened is None:
            return None
        return opened, "{}" if "mapping" in context else "[]"
