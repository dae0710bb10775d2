"""Reading complaint events from files and stdin: a JSON object, a JSON array, or JSONL.

Each input event becomes one :class:`InputEvent` — parsed, or carrying the reason it could not
be — so the caller can write exactly one output line per input, in order. JSONL is streamed line
by line (memory stays flat however long the stream); a JSON array or a single pretty-printed
object is read whole, within :data:`MAX_DOCUMENT_BYTES`.

Every parsed event is held to :mod:`engine.limits`. Hostile input is handled deterministically
(see docs/security.md): a byte-order mark before a JSON text is ignored; invalid UTF-8, NaN,
Infinity, numbers beyond the float range and nesting beyond the limit become error records with
their own codes; in an object with a repeated key the last value wins (orjson's rule); whole
numbers beyond 64 bits arrive as floats.
"""

from __future__ import annotations

import functools
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import orjson

from engine.errors import EventError
from engine.limits import MAX_DEPTH, check_event, short_text_within_limits

MAX_EVENT_BYTES = 1 << 20
"""Largest single event (one JSONL line): 1 MiB."""
MAX_DOCUMENT_BYTES = 64 << 20
"""Largest whole JSON document (an array of events): 64 MiB; use JSONL beyond that."""


@dataclass(slots=True)
class InputEvent:
    """One event read from an input, or the reason it could not be read.

    Not frozen, though nothing changes one once made: one is made per input line, and a frozen
    dataclass (which sets each field through ``object.__setattr__``) costs about five times as
    much to build.
    """

    source: str
    line: int
    """1-based line where the event starts (0 when unknown)."""
    index: int
    """0-based position of the event in its input."""
    value: Any = None
    error: str | None = None
    code: str = ""


_BOM = b"\xef\xbb\xbf"
_NOT_A_NUMBER = re.compile(r"-?(?:NaN|Infinity)")


def _parse(raw: bytes) -> tuple[Any, str | None, str]:
    """Parse one JSON text; a byte-order mark before it is ignored (RFC 8259 allows that)."""
    try:
        return orjson.loads(raw.removeprefix(_BOM)), None, ""
    except orjson.JSONDecodeError as exc:
        return (None, *_explain(exc, raw.removeprefix(_BOM)))


def _explain(exc: orjson.JSONDecodeError, raw: bytes) -> tuple[str, str]:
    """orjson's reason in words a manager can act on, with a stable code."""
    text = str(exc)
    lowered = text.lower()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "the input is UTF-16 text; save or send it as UTF-8", "bad-encoding"
    if "utf-8" in lowered:
        return "the event is not valid UTF-8 text", "bad-encoding"
    if "surrogate" in lowered:
        return (
            f"the event holds a \\u escape for half a character (a lone surrogate): {text}",
            "bad-encoding",
        )
    if "depth limit" in lowered or "recursion" in lowered:
        return f"the event nests deeper than {MAX_DEPTH} levels", "too-deep"
    where = f"line {exc.lineno} column {exc.colno}"
    if "infinity" in lowered and "double" in lowered:
        return (
            f"a number at {where} is too large (beyond about 1.8e308); send it as text",
            "bad-number",
        )
    # orjson counts the position in characters: decode enough bytes to reach it.
    head = raw[: 4 * (exc.pos + 16)].decode("utf-8", "replace")[max(exc.pos - 1, 0) :]
    if _NOT_A_NUMBER.match(head) or _NOT_A_NUMBER.match(head[1:]):
        return (
            f"NaN and Infinity (at {where}) are not JSON numbers; send null or an ordinary number",
            "bad-number",
        )
    return f"not valid JSON: {text}", "bad-json"


def _checked(source: str, line: int, index: int, value: Any) -> InputEvent:
    """An input event for a parsed value, or its error record when it exceeds a limit."""
    try:
        check_event(value)
    except EventError as exc:
        return InputEvent(source, line, index, error=exc.message, code=exc.code)
    return InputEvent(source, line, index, value=value)


def read_events(stream: IO[bytes], source: str) -> Iterator[InputEvent]:
    """Events from one binary stream (a file or stdin), in order."""
    chunks = _line_chunks(stream)
    line_number = 0
    first = b""
    for raw in chunks:  # find the first non-blank line: it tells JSONL from one document
        line_number += 1
        if line_number == 1:
            raw = raw.removeprefix(_BOM)
        if raw.strip():
            first = raw
            break
    if not first:
        return
    stripped = first.lstrip()
    if stripped.startswith(b"["):
        yield from _document(first + stream.read(MAX_DOCUMENT_BYTES + 1), source, line_number)
        return
    if stripped.startswith(b"{") and first.endswith(b"\n") and _parse(first)[1] is not None:
        # Perhaps one pretty-printed object spanning lines; perhaps a broken JSONL line.
        rest = stream.read(MAX_DOCUMENT_BYTES + 1)
        value, error, _ = _parse(first + rest)
        if error is None and isinstance(value, dict):
            yield _checked(source, line_number, 0, value)
            return
        chunks = iter(io.BytesIO(rest).readlines())
        chunks = itertools.chain(chunks, _line_chunks(stream))
    yield from _lines(itertools.chain([first], chunks), source, line_number)


def _document(raw: bytes, source: str, line: int) -> Iterator[InputEvent]:
    if len(raw) > MAX_DOCUMENT_BYTES:
        yield InputEvent(
            source,
            line,
            0,
            error=f"the JSON document is larger than {MAX_DOCUMENT_BYTES >> 20} MiB; "
            "send one event per line (JSONL) instead",
            code="too-large",
        )
        return
    value, error, code = _parse(raw)
    if error is not None:
        yield InputEvent(source, line, 0, error=error, code=code)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield _checked(source, line, index, item)
    else:
        yield _checked(source, line, 0, value)


def _line_chunks(stream: IO[bytes]) -> Iterator[bytes]:
    """The stream's lines, none longer than one byte over the event limit (a longer line comes
    in several chunks), so a line without end never has to fit in memory."""
    return iter(functools.partial(stream.readline, MAX_EVENT_BYTES + 1), b"")


def _lines(chunks: Iterator[bytes], source: str, line_number: int) -> Iterator[InputEvent]:
    """One event per non-blank line; a line over the size limit becomes one error record.

    The usual line is parsed as it comes; only a line orjson refuses goes the long way (a
    byte-order mark to drop, a blank line to skip, a reason to explain), and only a line too
    long for :func:`short_text_within_limits` to vouch for has its value walked.
    """
    index = 0
    oversized = False
    for raw in chunks:
        if oversized or len(raw) > MAX_EVENT_BYTES:
            if not oversized:  # the head of a line too large; its tail is skipped silently
                yield InputEvent(
                    source,
                    line_number,
                    index,
                    error=f"the event is larger than {MAX_EVENT_BYTES >> 20} MiB",
                    code="too-large",
                )
                index += 1
            oversized = not raw.endswith(b"\n")
            line_number += not oversized
            continue
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError:
            if raw.strip():
                value, error, code = _parse(raw)
                if error is None:
                    yield _checked(source, line_number, index, value)
                else:
                    yield InputEvent(source, line_number, index, error=error, code=code)
                index += 1
        else:
            if short_text_within_limits(raw):
                yield InputEvent(source, line_number, index, value)
            else:
                yield _checked(source, line_number, index, value)
            index += 1
        line_number += 1
