"""Reading events saved as UTF-16 (Windows Notepad's "Unicode", Windows PowerShell's ``>``), or
as UTF-32, which a few tools write.

JSON travels as UTF-8 (RFC 8259), but a file of complaints exported on Windows is often UTF-16,
and read as UTF-8 every line of it is a mistake: one error record per line, and none says why.
Such an input is read as what it is: its text, as UTF-8, through :func:`utf8_from_utf16`, so its
events are decided and its line numbers are the ones an editor shows. It is told by its
byte-order mark, or, without one, by every other byte being zero (text in Latin letters), which
no UTF-8 text has. Bytes that are not UTF-16 (half a character, a surrogate alone) become a
character no UTF-8 reader takes, so the event holding them is refused (``bad-encoding``), and
only that one.
"""

from __future__ import annotations

import codecs
import re
from typing import IO

from engine.blockreader import BlockReader

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
"""The byte-order marks of UTF-16 text (little-endian, big-endian)."""
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
"""The byte-order marks of UTF-32 text (the little-endian one starts as UTF-16's does)."""


JUDGED_BYTES = 64
"""How much of an input's start tells UTF-16 from UTF-8 by its zero bytes."""
ENOUGH_TEXT = 4
"""The visible characters a start needs to be judged alone: one with fewer (blank lines, NUL
bytes, a character alone) is judged with the lines after it (``engine.streams``)."""
_VISIBLE = re.compile(rb"[\x21-\x7e]")


def visible(raw: bytes) -> int:
    """How many visible ASCII characters (bytes) ``raw`` holds."""
    return len(_VISIBLE.findall(raw))


def too_little_text(start: bytes) -> bool:
    """Whether an input's start holds too little text to be judged alone (:data:`ENOUGH_TEXT`)."""
    return visible(start[:JUDGED_BYTES]) < ENOUGH_TEXT


def looks_like_utf16(raw: bytes) -> bool:
    """Whether bytes without a byte-order mark read as UTF-16: text in Latin letters is then
    every other byte zero and the others not, which no UTF-8 text has."""
    head = raw[:JUDGED_BYTES]
    even, odd = head[::2], head[1::2]
    if len(head) < 2:
        return False
    # One half all zero, the other with no zero, and a visible character: NULs alone (a file
    # padded with them) are not text in any encoding. (A start of a character or two, `x\0`,
    # is read on by ``engine.streams`` before it is judged: it may be a NUL that a crash left
    # at the top of a UTF-8 log.)
    if odd.count(0) == len(odd) and 0 not in even:
        text = even
    elif even.count(0) == len(even) and 0 not in odd:
        text = odd
    else:
        return False
    return visible(text) > 0


_REFUSED = "\udcff"
"""What stands for bytes that are not UTF-16: a lone surrogate, which UTF-8 readers refuse."""
NOT_UTF16 = _REFUSED.encode("utf-8", "surrogatepass")
"""The stand-in as the UTF-8 reader meets it, to name the mistake (``engine.inputevent``)."""


def _refuse(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return _REFUSED, error.end


codecs.register_error("backplan_not_utf16", _refuse)


def _utf32_order(raw: bytes) -> str | None:
    """The encoding of bytes without a byte-order mark that read as UTF-32 (``utf-32-le`` or
    ``-be``), else None: text in Latin letters is then three zero bytes in four, always in the
    same places, and a fourth that is not zero."""
    head = raw[: len(raw[:64]) // 4 * 4]
    if not head:
        return None
    columns = [head[i::4] for i in range(4)]
    zero = [column.count(0) == len(column) for column in columns]
    if zero == [False, True, True, True] and 0 not in columns[0]:
        return "utf-32-le"
    if zero == [True, True, True, False] and 0 not in columns[3]:
        return "utf-32-be"
    return None


def wide_encoding(head: bytes) -> str | None:
    """The encoding of an input that starts with ``head`` when it is UTF-16 (or, rarer,
    UTF-32), else None: ``utf-16`` or ``utf-32`` when a byte-order mark says so (the codec
    reads the mark and drops it), ``utf-16-le``... when only the zero bytes tell."""
    if head.startswith(UTF32_BOMS):  # before UTF-16's: the little-endian marks start alike
        return "utf-32"  # the byte-order mark says which end first, and is dropped
    if head.startswith(UTF16_BOMS):
        return "utf-16"
    if (wide := _utf32_order(head)) is not None:
        return wide
    if looks_like_utf16(head):
        return "utf-16-le" if head[1] == 0 else "utf-16-be"
    return None


def utf8_from_utf16(head: bytes, stream: IO[bytes], encoding: str) -> IO[bytes]:
    """``head`` then the rest of ``stream``, UTF-16 text in ``encoding``, as UTF-8 bytes."""
    return _Utf8From16(head, stream, encoding).buffered()


class _Utf8From16(BlockReader):
    def __init__(self, head: bytes, stream: IO[bytes], encoding: str) -> None:
        super().__init__(head, stream)
        self._decoder = codecs.getincrementaldecoder(encoding)("backplan_not_utf16")

    def translate(self, block: bytes, final: bool) -> bytes:
        return self._decoder.decode(block, final=final).encode("utf-8", "surrogatepass")
