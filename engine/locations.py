"""Source locations whose line and column are worked out only when someone reads them.

Every node of a plan model remembers where it came from (``at``), but a valid plan is loaded far
more often than its locations are read: only diagnostics (errors, lint findings) show them.
Finding the line and column of every value means parsing the YAML with positions, which costs
several times what reading the plain data does, so a plan read by the fast path
(``engine.quickload``) carries a :class:`LazyLocation` instead: the file and JSON pointer are
known at once, the line and column are asked of a position finder the first time either is read
(the finder parses the file with positions once, for all the file's locations).

A ``LazyLocation`` is a :class:`~engine.errors.SourceLocation`: it prints, compares, hashes,
pickles and copies as the located ``SourceLocation`` it stands for.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from engine.errors import PlanError, SourceLocation
from engine.escapes import YAML_ESCAPES

PositionFinder = Callable[[str, bool], tuple[int, int]]
"""``(pointer, key)`` -> the 1-based line and column of the value at the pointer (or of its key
when ``key`` is true), exactly as ``LoadedDocument.locate`` would give them."""

YAML_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""What YAML counts as a line break, for its marks' line numbers (not only ``\\n``)."""


def place_after(before: str) -> tuple[int, int]:
    """The 1-based line and column of the character that comes after the text ``before``
    (the start of a file up to it), its lines counted as YAML counts them, at a carriage
    return alone too: in a file of old-Mac line ends, a control character, a byte that is
    not UTF-8 or a binary file's NUL on line 3 had been told at line 1 and a column past the
    whole file, where every other message of the same file said line 3 (found by fuzzing)."""
    line, start = 1, 0
    for found in YAML_LINE_BREAK.finditer(before):
        line, start = line + 1, found.end()
    return line, len(before) - start + 1


_PATH: Any = SourceLocation.__dict__["path"]
_LINE: Any = SourceLocation.__dict__["line"]
_COLUMN: Any = SourceLocation.__dict__["column"]
_POINTER: Any = SourceLocation.__dict__["pointer"]
_UNKNOWN = -1


class LazyLocation(SourceLocation):
    """A place in a plan file; line and column are found on first use (thread-safe).

    The slots of ``SourceLocation`` hold the values; ``line`` and ``column`` start unknown and
    are filled in from the finder. Two threads may both find them: they write the same numbers.
    """

    __slots__ = ("_find", "_key")
    _find: PositionFinder | None
    _key: bool

    def __init__(self, path: str, line: int = 0, column: int = 0, pointer: str = "") -> None:
        # The signature of SourceLocation, so that dataclasses.replace keeps working: an
        # instance made this way is already located.
        _PATH.__set__(self, path)
        _LINE.__set__(self, line)
        _COLUMN.__set__(self, column)
        _POINTER.__set__(self, pointer)
        object.__setattr__(self, "_find", None)
        object.__setattr__(self, "_key", False)

    @staticmethod
    def pending(path: str, pointer: str, find: PositionFinder, *, key: bool) -> LazyLocation:
        """The location of ``pointer`` (or of its key) in ``path``, to be found when read."""
        # Slots set directly: a 10,000-rule plan makes a hundred thousand of these.
        location = _new(LazyLocation)
        _PATH.__set__(location, path)
        _LINE.__set__(location, _UNKNOWN)
        _COLUMN.__set__(location, _UNKNOWN)
        _POINTER.__set__(location, pointer)
        _FIND.__set__(location, find)
        _KEY.__set__(location, key)
        return location

    def inside(self, token: str) -> SourceLocation:
        """The place of the value under ``token`` inside this one (an action's ``message``), or
        this place when that cannot be found (a value written in a way the finder does not
        follow)."""
        find = self._find
        if find is None:
            return self
        from engine.documents import join_pointer  # documents builds on this module

        inner = LazyLocation.pending(self.path, join_pointer(self.pointer, token), find, key=False)
        return inner if inner.line else self

    @property
    def line(self) -> int:
        """The 1-based line (0 when the position cannot be found)."""
        return self._found(_LINE)

    @property
    def column(self) -> int:
        """The 1-based column (0 when the position cannot be found)."""
        return self._found(_COLUMN)

    def _found(self, slot: Any) -> int:
        value: int = slot.__get__(self, LazyLocation)
        if value == _UNKNOWN:
            self._locate()
            value = slot.__get__(self, LazyLocation)
        return value

    def _locate(self) -> None:
        find = self._find
        line, column = find(self.pointer, self._key) if find is not None else (0, 0)
        _COLUMN.__set__(self, column)
        _LINE.__set__(self, line)

    def _fields(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.pointer)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourceLocation):
            return NotImplemented
        if self.path != other.path or self.pointer != other.pointer:
            return False  # decided without locating either
        return self.line == other.line and self.column == other.column

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        path, line, column, pointer = self._fields()
        return (
            f"SourceLocation(path={path!r}, line={line!r}, column={column!r}, pointer={pointer!r})"
        )

    def __reduce__(self) -> tuple[type[SourceLocation], tuple[str, int, int, str]]:
        return (SourceLocation, self._fields())


_new = object.__new__
_FIND: Any = LazyLocation.__dict__["_find"]
_KEY: Any = LazyLocation.__dict__["_key"]


def inside_text(location: SourceLocation, text: str, offset: int) -> SourceLocation:
    """The place ``offset`` characters into the text value found at ``location``.

    A bad ``{...}`` in a message is easier to find by its own column than by the column where
    the message starts. That is only sure when the value stands on its line exactly as written
    (plain, or in quotes with nothing escaped), or is a block (``|`` or ``>``, the usual way to
    write a long message) whose lines each stand in the text as written; otherwise, or when
    the file cannot be read again, the value's own location is kept.
    """
    if location.line < 1:
        return location
    lines = lines_from(location.path, location.line)
    first = next(lines, None)
    if first is None:
        return location
    rest = first[location.column - 1 :]
    for skip in (0, 1):  # a plain value, or one after its opening quote
        if (skip == 0 or rest[:1] in ("'", '"')) and rest.startswith(text, skip):
            return SourceLocation(
                location.path, location.line, location.column + skip + offset, location.pointer
            )
    columns = _quoted_columns(rest, text) if rest[:1] in ("'", '"') else None
    if columns is not None and offset < len(columns):  # in quotes, with escapes in it
        return SourceLocation(
            location.path, location.line, location.column + columns[offset], location.pointer
        )
    if rest[:1] in ("|", ">") and not any(c.isdigit() for c in rest.split("#")[0]):
        found = _in_block(lines, text, offset)  # read up to the block's end, no further
        if found is not None:
            line, column = found
            return SourceLocation(location.path, location.line + line, column, location.pointer)
    elif rest[:1] not in ("'", '"', "{", "[", "|", ">"):  # a plain text over lines, perhaps
        found = _in_plain_lines(rest, location.column, lines, text, offset)
        if found is not None:
            line, column = found
            return SourceLocation(location.path, location.line + line, column, location.pointer)
    return location


def _in_plain_lines(
    rest: str, column: int, lines: Iterator[str], text: str, offset: int
) -> tuple[int, int] | None:
    """For a plain text that starts ``rest``, at ``column`` of its first line, and goes on
    over the next ``lines`` (YAML joins them with one blank, each without the blanks at its
    ends): the line (0 for the first) and column ``offset`` falls at; None
    when the lines are not the text so (a blank line, a comment, the file changed). A message
    wrapped over lines (``message: Hi {customer.first_name}`` then ``and
    {customer.first_name}``) had each of its slots told at the text's start: two warnings the
    same, word for word and place (found by mutation testing of lint)."""
    head = rest.rstrip("\r\n").rstrip(" \t")
    if not head or not text.startswith(head) or len(head) == len(text):
        return None
    if offset < len(head):
        return 0, column + offset
    at = len(head)
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        part = line.strip(" \t")
        if not part or part.startswith("#") or text[at : at + 1] != " ":
            return None
        if not text.startswith(part, at + 1):
            return None
        if offset < at + 1 + len(part):
            indent = len(line) - len(line.lstrip(" \t"))
            return number, indent + 1 + offset - (at + 1)
        at += 1 + len(part)
        if at == len(text):
            return None
    return None


_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def _quoted_columns(rest: str, text: str) -> list[int] | None:
    """For a quoted value that starts ``rest`` and ends on its line: the column (from the
    opening quote) of each character of ``text``, read through its escapes (``\t``,
    ``\u00e9``, ``''``); None when the quoted text is not ``text`` on this line."""
    quote, columns, read, at = rest[0], [], [], 1
    while at < len(rest):
        doubled = rest[at : at + 2] == "''" and quote == "'"  # '' is one quote
        if rest[at] == quote and not doubled:
            break  # the closing quote
        columns.append(at)
        if doubled:
            read.append("'")
            at += 2
        elif quote == '"' and rest[at] == "\\":
            letter = rest[at + 1 : at + 2]
            digits = _HEX_ESCAPES.get(letter, 0)
            if digits:
                try:
                    read.append(chr(int(rest[at + 2 : at + 2 + digits], 16)))
                except ValueError:
                    return None
                at += 2 + digits
            elif letter in YAML_ESCAPES:
                read.append(YAML_ESCAPES[letter])
                at += 2
            else:
                return None  # a line break escaped, or no escape YAML knows
        else:
            read.append(rest[at])
            at += 1
    return columns if at < len(rest) and "".join(read) == text else None


def lines_from(path: str, line: int) -> Iterator[str]:
    """A file's lines from ``line`` (1-based) on, its text decoded as the plan's reader decodes
    it (:func:`engine.documents.decode_plan_bytes`: UTF-8, or UTF-16 or UTF-32 after their
    byte-order mark, the mark dropped); none when the file cannot be read so (gone, no longer
    text that reader takes, grown past the largest plan file) since it was loaded."""
    try:
        lines = _file_lines(path)
    except (OSError, PlanError):  # gone, or no longer a plan file its reader takes
        return iter(())
    return (lines[number] for number in range(max(line - 1, 0), len(lines)))


_last_read: tuple[tuple[str, int, int], list[str]] | None = None
"""The lines of the file read last, with what said it was unchanged (its path, size and time
of change): kept for the next diagnostic in the same file."""


_GIVEN: ContextVar[tuple[str, list[str]] | None] = ContextVar("_GIVEN", default=None)
"""The plan given as text being loaded in this thread (``engine.load_plan_text``): its name
and its lines, read in place of a file's."""


@contextlib.contextmanager
def given_text(name: str, text: str) -> Iterator[None]:
    """Inside the block, the lines of the plan file ``name`` are those of ``text``: a plan
    given as text (held in a database) has no file, and the hints and columns that read a
    file's lines again would have read a file of that name in the working folder, another
    plan's, or found none. Per thread (a context variable): threads loading other tenants'
    plans at once each read their own."""
    token = _GIVEN.set((name, _yaml_lines(text)))
    try:
        yield
    finally:
        _GIVEN.reset(token)


def _file_lines(path: str) -> list[str]:
    """The lines of a plan file, read once while it does not change (those of the text
    :func:`given_text` gives, while it gives one, whatever is on disk).

    Why: a plan with an error per rule (a bad template in each message) read the file from its
    start for each, to find the place in the text: 2.4 MB with 20,000 errors took over a minute.
    Only the last file read is kept, so memory stays one file's worth whatever was validated.
    """
    global _last_read  # noqa: PLW0603 - a one-entry cache, replaced whole
    from engine.documents import MAX_FILE_BYTES, decode_plan_bytes  # (documents imports this)

    given = _GIVEN.get()
    if given is not None:
        if given[0] != path:  # a plan given as text has no other file
            raise OSError(f"no file {path!r} beside the plan given as text")
        return given[1]

    status = os.stat(path)
    stamp = (path, status.st_size, status.st_mtime_ns)
    known = _last_read
    if known is not None and known[0] == stamp:
        return known[1]
    with open(path, "rb") as handle:  # one byte past its size (the limit at most): a file
        # grown past the limit is refused; read(n) reserves n bytes, so not the limit itself
        raw = handle.read(min(status.st_size, MAX_FILE_BYTES) + 1)
    lines = _yaml_lines(decode_plan_bytes(raw, path))  # decoded as it was loaded (UTF-16 too)
    _last_read = (stamp, lines)
    return lines


def _yaml_lines(text: str) -> list[str]:
    """A text's lines as YAML counts them, each ended by ``\\n`` (the last as written): at a
    line separator (U+2028) too, or a NEL, where libyaml's marks go to the next line. Read at
    ``\\n`` alone, a line separator in a title's quotes put every place after it on the line
    below, and lint read the next line for ``amount: 1.500`` or a Windows path (found by
    a coverage review)."""
    *ended, last = YAML_LINE_BREAK.split(text)
    return [line + "\n" for line in ended] + ([last] if last else [])


def _in_block(lines: Iterable[str], text: str, offset: int) -> tuple[int, int] | None:
    """Which of a block value's lines (1 for the first after its ``|`` or ``>``) holds the
    character ``offset`` of its text, and at which 1-based column: each line stands in the
    text as written, after the block's indentation (folding joins lines, it changes none).
    None when a line cannot be found so."""
    indent: int | None = None
    cursor = 0
    for number, line in enumerate(lines, start=1):
        body = line.rstrip("\r\n")
        if not body.strip():
            continue
        own = len(body) - len(body.lstrip(" "))
        if indent is None:
            indent = own
        if own < indent:
            return None  # past the block
        content = body[indent:]
        at = text.find(content, cursor)
        if at < 0:
            return None
        if at <= offset < at + len(content):
            return number, indent + (offset - at) + 1
        cursor = at + len(content)
    return None
