"""Reading JSON Lines whose lines end with a carriage return alone (the line ending of old Macs).

Such a file has no newline at all, so read by newlines it is one long line of many events, and
every event in it would be lost to one error record. Exports from old tools, and files saved by
some editors, still come this way, and editors show them as lines. So when the first line of an
input holds events kept apart by a carriage return alone and cannot be read as it is, the whole
input is read through :class:`_NewlineLines`, which makes each carriage return a newline (one
before a newline is dropped, as orjson would read it as blank anyway). Each line an editor shows
is then a line, and is read as the same line ended by a newline is: its own event, its own
error record, numbered as the editor numbers it.

A carriage return is also whitespace inside a JSON value (never inside a string, which holds
control characters only as escapes), and the input's first line is read with that in mind to
tell whether its lines end with one (:func:`holds_cr_lines`): one ends a line there when what
follows it, past spaces and tabs, starts a line (``{``, as every event does), ends one (another
carriage return, a newline) or ends the input, or when it follows an object's or a list's end
(:data:`_ENDS_LINE`). ``{"id": 1,\\r"type": "order"}`` alone is one broken event, not lines.
Once the input is read as lines, though, every carriage return ends one, as an editor shows it:
the rest had been read as whitespace, so a broken line and a stray one after it (``{"id": 1,``,
then ``junk``) were one line with one error record, and every line after them was numbered one
short of the editor's (found by review). An event written over two such lines is told as one
written over two lines ended by newlines is: which lines to join.

A JSON document written the same way (an array, or objects pretty-printed one after another) is
read the same (:func:`document_lines`): outside a string a carriage return is whitespace either
way, and inside one a raw carriage return is as much a mistake as a raw newline, so the events
read are the same and only their line numbers change, to the lines an editor shows.
"""

from __future__ import annotations

import re
from typing import IO

import orjson

from engine.blockreader import BlockReader
from engine.inputevent import BOM, lines_end_with_cr

_ENDS_LINE = re.compile(
    rb"\r(?=[ \t]*(?:[{\r\n]|\xef\xbb\xbf|\Z))"  # what follows starts or ends a line
    rb"|(?<=[}\]])[ \t]*\r(?![ \t]*[,}\]])"  # a value ended, and nothing goes on one after
)
"""A lone carriage return that ends a line (once each ``\\r\\n`` is a newline): before what
starts a line (``{``, a byte-order mark, another line end, the end), or after a ``}`` or
``]`` (past spaces and tabs, which are dropped with it) when no ``,``, ``}`` or ``]`` follows (inside an event, one of those must, so a line that
starts with anything else, such as ``[`` or a stray word, is still a line of its own)."""


def translated_lines(whole: bytes) -> int:
    """How many line ends a whole text (one that ends the input, or a line with its ``\n``)
    has once read through the translation."""
    return _every_cr_translated(whole).count(b"\n")


def holds_cr_lines(line: bytes) -> bool:
    """Whether an input's first line, which is not JSON as it is, holds lines that end with a
    carriage return alone: an object's end and the next one's start kept apart by carriage
    returns (``}\r{``, :func:`~engine.inputevent.lines_end_with_cr`), or, read with the line ends of the translation, several lines of which
    one is a JSON object, as an event is.

    The object is the evidence where no ``}\r{`` is: events apart by carriage returns split
    into events, even beside a stray line that is not one (``{...}\rjunk``), while a line of
    one broken event with a carriage return as whitespace in it (``{"a": {"b": 1}\r"c": 2}``)
    splits into pieces none of which is an object, and stays one line with one error. (A
    newline file whose first line holds an event, a stray carriage return and more, such as
    ``{...}\r\x1a``, is read through the translation too: its events read the same unless
    one holds a raw carriage return as whitespace before a ``{``, which no JSON writer does.)
    """
    if b"\r" not in line:  # a one-line JSON array of 40 MB: a scan, not a translation
        return False
    if lines_end_with_cr(line):
        return True
    pieces = [piece for piece in _translated(line).split(b"\n") if piece.strip()]
    return len(pieces) > 1 and any(is_object(piece) for piece in pieces)


def is_object(text: bytes) -> bool:
    """Whether the text is a whole JSON object (a byte-order mark before it allowed), as a JSON
    Lines event is."""
    try:
        return isinstance(orjson.loads(text.removeprefix(BOM)), dict)
    except orjson.JSONDecodeError:
        return False


def _translated(data: bytes) -> bytes:
    """Data with each carriage return that ends a line, read as one line of JSON Lines may
    hold a carriage return as whitespace, a newline (:data:`_ENDS_LINE`), where what follows
    each carriage return is known: how an input's first line is judged."""
    return _ENDS_LINE.sub(b"\n", data.replace(b"\r\n", b"\n"))


def _every_cr_translated(data: bytes) -> bytes:
    """Data with every carriage return a newline (one before a newline dropped)."""
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def newline_lines(head: bytes, stream: IO[bytes]) -> IO[bytes]:
    """``head`` then the rest of ``stream``, JSON Lines, with every carriage return a newline
    (see the module's docstring)."""
    return _NewlineLines(head, stream).buffered()


def document_lines(head: bytes, stream: IO[bytes]) -> IO[bytes]:
    """``head`` then the rest of ``stream``, a JSON document, with every carriage return a
    newline (see the module's docstring)."""
    return _NewlineLines(head, stream).buffered()


class _NewlineLines(BlockReader):
    """Each carriage return a newline, one before a newline dropped.

    A carriage return that ends a block is held back until the next block says whether a
    newline follows it.
    """

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        super().__init__(head, stream)
        self._held = b""

    def translate(self, block: bytes, final: bool) -> bytes:
        data = self._held + block
        cut = len(data) - (not final and data.endswith(b"\r"))
        self._held = data[cut:]
        return _every_cr_translated(data[:cut])
