"""Reading JSON Lines whose lines end with a carriage return alone (the line ending of old Macs).

Such a file has no newline at all, so read by newlines it is one long line of many events, and
every event in it would be lost to one error record. Exports from old tools, and files saved by
some editors, still come this way, and editors show them as lines. So when the first line of an
input holds events kept apart by a carriage return alone and cannot be read as it is, the whole
input is read through :class:`_NewlineLines`, which ends each line with a newline: a lone
carriage return becomes one, and a carriage return before a newline (Windows) is dropped, which
orjson would read as blank anyway. Line numbers then count what an editor shows.

A lone carriage return is never inside a JSON string (a string holds control characters only as
escapes), so this changes no value: it only moves whitespace between values onto new lines.
"""

from __future__ import annotations

import io
from typing import IO

READ_BYTES = 1 << 16
"""How much of the input is translated at a time."""


def newline_lines(head: bytes, stream: IO[bytes]) -> IO[bytes]:
    """``head`` then the rest of ``stream``, every line ending with a newline alone."""
    return io.BufferedReader(_NewlineLines(head, stream), READ_BYTES)


class _NewlineLines(io.RawIOBase):
    """The bytes of a head then a stream, with ``\\r\\n`` and a lone ``\\r`` as ``\\n``.

    A block that ends with ``\\r`` may be half of a ``\\r\\n``: that newline is dropped when the
    next block starts with it.
    """

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        super().__init__()
        self._head = head
        self._stream = stream
        self._after_cr = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        size = len(buffer)
        while True:
            if self._head:
                block, self._head = self._head[:size], self._head[size:]
            else:
                block = self._stream.read(size)
                if not block:
                    return 0
            if self._after_cr and block.startswith(b"\n"):
                block = block[1:]  # the second half of a \r\n cut between two blocks
            self._after_cr = block.endswith(b"\r")
            block = block.replace(b"\r\n", b"\n").replace(b"\r", b"\n")  # never longer
            if block:
                buffer[: len(block)] = block
                return len(block)
