"""Whether the lines read so far can still be the start of one JSON document, a line at a time.

An input whose first line starts with ``{`` or ``[`` and is not whole JSON may be one document
over several lines, or JSON Lines whose first line is broken (:mod:`engine.streams`). Reading
the input whole to find out had waited, on a pipe, for the pipe to close: ``tail -f`` of such a
file was never answered. :class:`DocumentStart` follows JSON's grammar instead, a line at a
time, and says at the first line that cannot go on one document; it is asked only of that
rare first line and the few lines after it.

It keeps a parser's stack of open brackets and what may come next, never a value: each token
(a string, a bare word or number, a bracket, ``:`` or ``,``) is checked against the grammar.
It is lenient inside a token (a control character in a string, ``NaN``, ``01`` or ``tru``
pass), as the document is read by orjson in the end anyway, and it never refuses what orjson
takes: a document it refuses is not one document, whatever its values.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(
    rb'[ \t\r\n]*(?:("[^"\\\n]*(?:\\.[^"\\\n]*)*")|([-+.0-9A-Za-z]+)|([][{}:,])|\Z)'
)
"""One token after blanks: a string (group 1; JSON has no newline inside one), a number or
bare word (group 2), a bracket, colon or comma (group 3); or nothing but blanks to the end."""

_STRING, _WORD, _SIGN = 1, 2, 3

# What may come next.
_VALUE = 0  # a value: at the start, after `:`, after `,` in an array
_FIRST_VALUE = 1  # a value or `]`: after `[`
_KEY = 2  # a key: after `,` in an object
_FIRST_KEY = 3  # a key or `}`: after `{`
_COLON = 4  # `:`, after a key
_AFTER = 5  # `,` or the closing bracket, after a value; nothing at all once the top one closed


class DocumentStart:
    """The start of one JSON document, fed a line at a time (:meth:`feed`)."""

    __slots__ = ("_expect", "_items_at", "_line_at", "_open", "_opened_at", "broken")

    def __init__(self) -> None:
        self._open = bytearray()  # the brackets open, innermost last
        self._items_at: list[int | None] = []  # for each, where its first item starts a line
        self._opened_at: list[int] = []  # for each, where the line that opened it starts
        self._line_at = 0  # where the line fed starts, blanks aside
        self._expect = _VALUE
        self.broken = False
        """Whether a line fed could not go on the document: then it is none."""

    @property
    def closed(self) -> bool:
        """Whether the lines fed hold a whole value: only blank lines may follow it."""
        return self._expect == _AFTER and not self._open

    @property
    def wants_value(self) -> bool:
        """Whether a value may come next inside the brackets open (after ``:``, ``[`` or an
        array's ``,``): where a line that starts an object is one nested in the event, not the
        start of another."""
        return self._expect in (_VALUE, _FIRST_VALUE) and bool(self._open)

    def may_be_item(self, column: int) -> bool:
        """Whether a line that starts at ``column`` may hold an item of the array open
        innermost: any line may, unless the array's first item started a line of its own at
        another column (a pretty-printer puts all of an array's items at one column), or it
        has none yet and the line is not past the start of the line that opened it, where
        that line is indented past the document's first (a pretty-printer that indents puts
        an array's items past it; ``indent=0`` puts everything at one column). An object that
        starts elsewhere is then none of its items, nor a member of an object (a member starts
        with its key): ``jq .``'s event cut short in a list, then the next event indented
        deeper than the list's items, or at the column of the list's ``"lines": [`` before its
        first item, had been taken for one of them and lost with the cut one."""
        if not self._open or self._open[-1] != ord("["):
            return True
        first_item = self._items_at[-1]
        if first_item is None:
            opened_at = self._opened_at[-1]  # (the first: where the document's line starts)
            return opened_at == self._opened_at[0] or column > opened_at
        return first_item == column

    def feed(self, line: bytes) -> bool:
        """Take the next line (whole, its newline included); whether the lines so far can
        still be the start of one document (or all of it, when :attr:`closed`)."""
        at = 0
        while not self.broken:
            token = _TOKEN.match(line, at)
            if token is None:  # something no JSON token starts with
                self.broken = True
            elif token.lastindex is None:  # blanks to the end of the line
                return True
            else:
                if at == 0:  # the line's first token: where the line starts
                    self._line_at = token.start(token.lastindex)
                    if self._expect == _FIRST_VALUE:  # an array's first item, first on its
                        self._items_at[-1] = self._line_at  # line: its column
                at = token.end()
                self.broken = not self._take(token.lastindex, line[at - 1])
        return False

    def _take(self, kind: int, last: int) -> bool:
        """Whether a token (its kind, and its last byte) may come next; if so, taken."""
        expect = self._expect
        if kind != _SIGN:  # a value, or a key
            if expect in (_VALUE, _FIRST_VALUE):
                self._expect = _AFTER
            elif kind == _STRING and expect in (_KEY, _FIRST_KEY):
                self._expect = _COLON
            else:
                return False
        elif last in b"{[":
            if expect not in (_VALUE, _FIRST_VALUE):
                return False
            self._open.append(last)
            self._items_at.append(None)
            self._opened_at.append(self._line_at)
            self._expect = _FIRST_KEY if last == ord("{") else _FIRST_VALUE
        elif last in b"}]":
            opener = ord("{") if last == ord("}") else ord("[")
            first = _FIRST_KEY if opener == ord("{") else _FIRST_VALUE
            if not self._open or self._open[-1] != opener or expect not in (_AFTER, first):
                return False
            self._open.pop()
            self._items_at.pop()
            self._opened_at.pop()
            self._expect = _AFTER
        elif last == ord(":"):
            if expect != _COLON:
                return False
            self._expect = _VALUE
        else:  # a comma
            if expect != _AFTER or not self._open:
                return False
            self._expect = _KEY if self._open[-1] == ord("{") else _VALUE
        return True
