"""Plan files as documents: their text read safely, their data, and where each value is.

Both readers of a plan file, the careful YAML loader (``engine.loading``, positions of every
value) and the fast one (``engine.quickload``, data first, positions when asked), start from
the same checked text and make the same :class:`LoadedDocument`, under the same limits. This
module needs no YAML parser, so a plan that the fast reader can take never imports PyYAML.
"""

from __future__ import annotations

import codecs
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from engine.errors import Diagnostic, PlanError, Severity, SourceLocation
from engine.locations import LazyLocation, PositionFinder, place_after
from engine.utf16 import wide_encoding

if TYPE_CHECKING:
    from engine.yamlpositions import StreamedPositions

NOT_A_FILE_OR_FOLDER = "neither a file nor a folder (a device or a pipe)"
"""What a path that exists but is no file to read is, in the words of the messages that name
one (a plan path, an event file); such a path is never opened: a named pipe would wait."""
MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest plan file accepted; a 10,000-rule plan is about 3 MB."""
_SPLIT = "split the plan into several files in one folder"
"""The hint for a plan file over :data:`MAX_FILE_BYTES`, whether its size or its bytes tell."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists in a plan file."""
MAX_NODES = 2_000_000
"""Most values one file may expand to, aliases included."""
MAX_ALIAS_VALUES = 100_000
"""Most values YAML aliases may add by repeating anchored parts: an alias bomb is refused before
it is expanded, however small the file."""
MAX_ALIAS_CHARS = 4 * 1024 * 1024
"""Most characters of text (keys and scalars) YAML aliases may add by repeating anchored parts.
Counting values alone let one alias to a 1 MiB text count as one value: a thousand of them made
a 1 MB plan stand for 1 GB, copied into every decision. Reused blocks of a real plan (a
condition, a list of tags) are a few characters a value, so this binds only past the values
budget; it keeps a plan's expansion within the file's size plus 4 MiB."""


def escape_pointer_token(token: str | int) -> str:
    """Escape one JSON pointer token (RFC 6901)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer_tokens(pointer: str) -> list[str]:
    """The tokens of a JSON pointer, unescaped (RFC 6901: ``~1`` is ``/``, then ``~0`` is ``~``)."""
    return [token.replace("~1", "/").replace("~0", "~") for token in pointer.split("/")[1:]]


def parent_pointer(pointer: str) -> str:
    """The pointer of the value that holds this one (``/rules/0/then`` for ``/rules/0/then/1``);
    the whole document's (``""``) for a pointer without a ``/``, which only a mistake in the
    code makes: :func:`nearest_position` had looped for ever on one, which ``rsplit`` gave
    back unchanged (found by mutation testing)."""
    return pointer.rpartition("/")[0]


def join_pointer(pointer: str, token: str | int) -> str:
    """The pointer of a child value."""
    if isinstance(token, int):
        return f"{pointer}/{token}"
    if "~" in token or "/" in token:
        return f"{pointer}/{escape_pointer_token(token)}"
    return f"{pointer}/{token}"


_Path = TypeVar("_Path", bound=str | Path)


def each_file_once(paths: Iterable[_Path]) -> list[_Path]:
    """The paths, each file once, as first named: one file named twice (``rules`` and
    ``$PWD/rules/00-plan.yaml``, ``a.yaml ./a.yaml``, overlapping globs, a link) is one file,
    told by its resolved path; read twice, a plan's rules would clash with themselves and a test
    file's cases would run and count twice."""
    seen: set[str] = set()
    kept: list[_Path] = []
    for path in paths:
        if (same := os.path.realpath(str(path))) not in seen:  # Path.resolve() may raise
            seen.add(same)
            kept.append(path)
    return kept


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """One plan file as plain data, with the position of every value and every key.

    A document read without positions (``engine.quickload``) has empty tables and a ``finder``
    instead: its locations are :class:`~engine.locations.LazyLocation`, found when first read.
    """

    path: str
    data: Any
    positions: dict[str, tuple[int, int]]
    key_positions: dict[str, tuple[int, int]]
    finder: PositionFinder | None = None

    def value_locator(self) -> Callable[[str], SourceLocation]:
        """``locate`` for values (not keys), as one call: the plan builder asks it for every
        node of the plan (a hundred thousand at 10,000 rules)."""
        finder = self._finder()
        path, pending = self.path, LazyLocation.pending
        return lambda pointer: pending(path, pointer, finder, key=False)

    def locate(self, pointer: str, *, key: bool = False) -> SourceLocation:
        """Where the value at ``pointer`` (or its key) is; falls back to the nearest parent."""
        return LazyLocation.pending(self.path, pointer, self._finder(), key=key)

    def _finder(self) -> PositionFinder:
        """The finder of a document read without positions; for one read with them, its
        tables as a finder. Either way a location can then place what is inside it
        (``SourceLocation.inside``: an action's ``amount``), where a place worked out at
        once stayed at the action's mapping in a file the careful loader read (one with an
        anchor): lint's findings there were placed coarsely."""
        if self.finder is not None:
            return self.finder
        positions, keys = self.positions, self.key_positions
        return lambda pointer, key: nearest_position(positions, keys, pointer, key)


def nearest_position(
    values: Mapping[str, tuple[int, int]],
    keys: Mapping[str, tuple[int, int]],
    pointer: str,
    key: bool,
) -> tuple[int, int]:
    """Where the value at ``pointer`` (or its key) is, by the positions of a file's values and
    keys; where the nearest value holding it is when it is not there (a missing key is placed
    at its mapping), the file's start at worst. A key without a position is placed at its
    value. The careful loader's documents and the positions read off the parse events
    (``engine.yamlpositions``) both answer so."""
    table = keys if key else values
    probe = pointer
    while True:
        found = table.get(probe) or values.get(probe)
        if found is not None:
            return found
        if not probe:
            return (1, 1)
        probe = parent_pointer(probe)


class LaterPositions:
    """The positions of one plan file read fast, found when a location in it is read.

    The file's parse events are read as far as the location asked needs
    (``engine.yamlpositions``), under a lock: a compiled plan is shared by threads. Every
    location reads the same numbers the careful loader would have given up front; the careful
    loader had been run on the whole file for the first one (10 s for a 4 MB plan refused at
    its 149th rule, now a few milliseconds).
    """

    def __init__(self, text: str, path: str) -> None:
        self._text: str | None = text
        self._lock = threading.Lock()
        self._positions: StreamedPositions | None = None

    def find(self, pointer: str, key: bool) -> tuple[int, int]:
        """The line and column of the value at ``pointer`` (or of its key), or of the nearest
        value that holds it; (0, 0) if libyaml refuses the file (the fast reader and the
        careful one disagree)."""
        with self._lock:
            positions = self._positions
            if positions is None:
                from engine.yamlpositions import StreamedPositions  # PyYAML, only when asked

                assert self._text is not None
                positions = self._positions = StreamedPositions(self._text)
                self._text = None  # held by the stream now, and let go at its end
            return positions.find(pointer, key)


def located_error(
    path: str, code: str, message: str, line: int, column: int, hint: str, pointer: str = ""
) -> PlanError:
    """A PlanError with one located diagnostic: how reading a plan file (here) and parsing it
    (``engine.loading``) refuse it, so both say where in the same form."""
    location = SourceLocation(path, line, column, pointer)
    return PlanError([Diagnostic(Severity.ERROR, code, message, location, hint)])


def read_plan_text(path: Path) -> str:
    """Read a plan file as UTF-8 text, refusing huge, binary and undecodable files."""
    return decode_plan_bytes(read_plan_bytes(path), str(path))


def read_plan_bytes(path: Path) -> bytes:
    """A plan file's bytes, refusing a file too large (by its size, before reading it) or one
    that cannot be read. Apart from decoding them, so a hot reload can note the bytes a load
    parsed (``engine.reload``)."""
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise located_error(
                shown,
                "file-too-large",
                f"the file is {size / 1_048_576:.1f} MB; plan files may be at most "
                f"{MAX_FILE_BYTES // 1_048_576} MB",
                0,
                0,
                _SPLIT,
            )
        with path.open("rb") as handle:
            raw = _read_at_most(handle, MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise located_error(
            shown, "unreadable", f"cannot read the file: {exc.strerror}", 0, 0, ""
        ) from None
    return raw


def _read_at_most(handle: BinaryIO, limit: int) -> bytes:
    """Up to ``limit`` bytes, in chunks: ``read(limit)`` would set aside ``limit`` bytes at once
    even for a 1 KB file, and a pipe or device has no size to check beforehand."""
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = handle.read(min(1 << 20, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def decode_plan_bytes(raw: bytes, shown: str) -> str:
    """Decode plan bytes as UTF-8 (a byte-order mark is allowed), or as UTF-16 when they start
    with its byte-order mark, with a located error."""
    if len(raw) > MAX_FILE_BYTES:  # read from a pipe, or a file that grew: no size beforehand
        raise located_error(
            shown,
            "file-too-large",
            f"the file is larger than {MAX_FILE_BYTES // 1_048_576} MB, the most a plan file may be",
            0,
            0,
            _SPLIT,
        )
    # UTF-16 (Windows Notepad's "Unicode", PowerShell's `>`) or UTF-32 is read as it is when
    # its byte-order mark says so; told only by its zero bytes, it is refused, named.
    wide = wide_encoding(raw)
    if wide in ("utf-16", "utf-32"):
        try:
            return raw.decode(wide).removeprefix("\ufeff")
        except UnicodeDecodeError:
            raise located_error(
                shown,
                "not-utf8",
                f"the file starts as {wide.upper()} text but does not go on as {wide.upper()}",
                1,
                1,
                "save the file as UTF-8 in your editor",
            ) from None
    if wide is not None:
        raise located_error(
            shown,
            "not-utf8",
            f"the file is {wide[:6].upper()} text without a byte-order mark, not UTF-8",
            1,
            1,
            "save the file as UTF-8 in your editor (in Notepad: Save as, Encoding: UTF-8)",
        )
    if b"\x00" in raw:
        line, column = _place_of_byte(raw, raw.index(b"\x00"))
        raise located_error(
            shown,
            "binary-file",
            "this is a binary file, not a YAML plan",
            line,
            column,
            "plans are text files written in YAML; check that the right file was given",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _place_of_byte(raw, exc.start)
        raise located_error(
            shown,
            "not-utf8",
            f"the file is not UTF-8 text{saved_as_windows_1252(raw, exc.start)}",
            line,
            column,
            "save the file as UTF-8 in your editor (in Notepad: Save as, Encoding: UTF-8)",
        ) from None
    return text.removeprefix("\ufeff")


def _place_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    """The line and column of the byte at ``offset``, as the YAML parser counts them in the
    text (:func:`engine.locations.place_after`): the column in characters (a letter of two
    bytes, ``é``, is one; a byte that is not UTF-8 is one, as an editor shows it), not bytes,
    and a first line's byte-order mark left out, as the parser reads the text without it.
    After ``Café`` the column had been one too many per such letter, so "go to" landed past
    the byte (found by fuzzing)."""
    before = raw[:offset].removeprefix(codecs.BOM_UTF8)
    return place_after(before.decode("utf-8", "replace"))


def saved_as_windows_1252(raw: bytes, start: int) -> str:
    """``: it looks saved as Windows-1252 (Latin-1), where this byte is `é```, when the whole
    file reads as that encoding (an older Windows editor's) and the byte there is a letter or
    sign in it; "" otherwise. "not UTF-8 text" alone named neither the character nor the
    encoding the file is in (found by review). A file that reads as Shift-JIS holding kana is
    named so (:func:`saved_as_shift_jis`)."""
    japanese = saved_as_shift_jis(raw, start)
    if japanese:
        return japanese
    try:
        character = raw[start : start + 1].decode("cp1252")
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    if not character.isprintable():
        return ""
    return f": it looks saved as Windows-1252 (Latin-1), where this byte is `{character}`"


def _kana(text: str) -> bool:
    """Whether ``text`` holds hiragana or katakana: Japanese text does, and Latin-1 text read
    as Shift-JIS hardly ever (its lead bytes for kana, 0x82 and 0x83, are `‚` and `ƒ` in
    Windows-1252)."""
    return any("\u3041" <= c <= "\u30fa" for c in text)


def saved_as_shift_jis(raw: bytes, start: int) -> str:
    """``: it looks saved as Shift-JIS (Japanese Windows), where these bytes are `顧```, when
    the whole file reads as Shift-JIS, holds kana, and a character of two bytes starts at
    ``start``; "" otherwise. A Japanese Notepad's file had been told only "not UTF-8 text"
    (found by writing a hotel's plan); an event file so saved is told the same by eval
    (:func:`engine.inputevent.not_utf8`)."""
    try:
        text = raw.decode("cp932")
        character = raw[start : start + 2].decode("cp932")
    except UnicodeDecodeError:
        return ""
    if not _kana(text) or len(character) != 1 or not character.isprintable():
        return ""
    return f": it looks saved as Shift-JIS (Japanese Windows), where these bytes are `{character}`"
