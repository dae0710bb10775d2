"""A stream read through a rewrite, a block at a time: line ends (``engine.lineends``), an
encoding (``engine.utf16``).

Its own small module so that reading a plan, which only asks whether a file is UTF-16, does
not import the line-end translation with it.
"""

from __future__ import annotations

import io
from typing import IO

READ_BYTES = 1 << 16
"""How much of the input is read, and rewritten, at a time."""


class BlockReader(io.RawIOBase):
    """The bytes of a head then a stream, rewritten a block at a time by :meth:`translate`
    (line ends here, an encoding in ``engine.utf16``)."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        super().__init__()
        self._head = head  # read, not yet translated
        self._ready = b""  # translated, not yet given
        self._read = getattr(stream, "read1", stream.read)  # what a pipe has: no waiting
        self._ended = False

    def translate(self, block: bytes, final: bool) -> bytes:
        """The bytes to give for the next block read (``final``: the stream has ended, and
        ``block`` is empty)."""
        raise NotImplementedError  # pragma: no cover - each reader (Prepended...) says its own

    def buffered(self) -> IO[bytes]:
        """This reader behind a buffer, as a stream to read lines from."""
        return io.BufferedReader(self, READ_BYTES)

    def readable(self) -> bool:
        """Always: :class:`io.BufferedReader` refuses a raw stream that says otherwise."""
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        """Fill ``buffer`` with what is translated, reading a block more only when none is left:
        0 only at the end, as a raw stream must (a read that gave nothing yet would end it)."""
        while not self._ready and not self._ended:
            block = self._head or self._read(READ_BYTES)
            self._head = b""
            self._ended = not block
            self._ready = self.translate(block, self._ended)
        size = min(len(buffer), len(self._ready))
        buffer[:size] = self._ready[:size]
        self._ready = self._ready[size:]
        return size


class Prepended(BlockReader):
    """Bytes already read from a stream, then the rest of it, unchanged: what was read to look
    ahead, given back."""

    def translate(self, block: bytes, final: bool) -> bytes:
        """The block as read: only the head is given back, and it needs no rewriting."""
        return block
