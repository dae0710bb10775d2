"""JSON documents read whole: an array of events, or objects written one after another.

An input that is not JSON Lines is one JSON document (within :data:`MAX_DOCUMENT_BYTES`): an
array of events, one object over several lines, or several such objects one after another, as
``jq .`` prints them. orjson reads a valid document at once; where a document holds a mistake,
its events are found one by one (the standard library's ``raw_decode`` says where each ends), so
that the mistake is one error record and every other event is still decided. Where each event
of an array starts is found only when an error record asks (:class:`ElementLines`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from engine.inputevent import InputEvent, checked, parse_json

MAX_DOCUMENT_BYTES = 64 << 20
"""Largest whole JSON document (an array of events): 64 MiB; use JSONL beyond that."""


_ONE_BY_ONE = frozenset(["bad-json", "bad-number", "bad-encoding"])
"""Why orjson may refuse a whole array that its elements are read one by one for: a mistake
inside one element (a surrogate escape, a NaN, a missing comma); the nesting limit and text
that is not UTF-8 stay errors of the whole."""


def document_events(raw: bytes, source: str, line: int) -> Iterator[InputEvent]:
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
    value, error, code = parse_json(raw, line)
    if error is not None and code in _ONE_BY_ONE and raw.lstrip().startswith(b"["):
        yield from _elements_one_by_one(raw, source, line)  # a mistake in one loses no other
    elif error is not None:
        yield InputEvent(source, line, 0, error=error, code=code)
    elif isinstance(value, list):
        elements = ElementLines(raw, line)
        for index, item in enumerate(value):
            event = checked(source, line, index, item)
            event.elements = elements
            yield event
    else:
        yield checked(source, line, 0, value)


class ElementLines:
    """The lines where the elements of one JSON array start, worked out when first asked.

    orjson parses the array whole and says nothing of where each element was. Only an error
    record needs that, so the valid events of a large array never pay for finding out; the
    first error scans the array once (the standard library's ``raw_decode`` walks it element by
    element and says where each one ends): about 1 s for an array of 100,000 events (40 MB),
    against about 8 s to decide them.
    """

    __slots__ = ("_first_line", "_lines", "_raw")

    def __init__(self, raw: bytes, first_line: int) -> None:
        self._raw: bytes | None = raw
        self._first_line = first_line
        self._lines: list[int] = []

    def line(self, index: int, otherwise: int) -> int:
        """The line where element ``index`` starts (``otherwise`` if it cannot be found)."""
        raw = self._raw
        if raw is not None:
            self._raw = None  # scanned once; the bytes are no longer needed
            self._lines = _element_lines(raw, self._first_line)
        return self._lines[index] if index < len(self._lines) else otherwise


_BLANK = re.compile(r"[ \t\n\r]*")
"""The whitespace JSON allows between values."""


def _past_blanks(text: str, at: int) -> int:
    """The position of the first character from ``at`` on that is not JSON whitespace."""
    blanks = _BLANK.match(text, at)
    assert blanks is not None  # the pattern matches the empty text
    return blanks.end()


def _element_lines(raw: bytes, first_line: int) -> list[int]:
    """The line where each element of the JSON array in ``raw`` starts (``raw`` starts on
    ``first_line`` and holds one array that orjson has already read without error).

    Stops early, with the lines found so far, on anything the standard library reads otherwise
    than orjson (such as nesting beyond its recursion limit); the caller then names the array's
    own line for the elements not found.
    """
    text = raw.decode("utf-8", "replace")
    decoder = json.JSONDecoder()
    lines: list[int] = []
    line, counted = first_line, 0
    at = _past_blanks(text, text.index("[") + 1)
    try:
        while text[at] != "]":
            line += text.count("\n", counted, at)
            counted = at
            lines.append(line)
            at = _past_blanks(text, decoder.raw_decode(text, at)[1])
            if text[at] == ",":
                at = _past_blanks(text, at + 1)
    except (ValueError, RecursionError, IndexError):
        pass
    return lines


def objects_one_after_another(raw: bytes, source: str, line: int) -> Iterator[InputEvent]:
    """The events of JSON values written one after another, each over as many lines as it
    likes (``jq .`` writes a stream of pretty-printed objects so).

    Each value is found with the standard library's ``raw_decode``, then read by orjson, as
    every other event is. A value with a mistake becomes one error record, and reading goes on
    at the next line that starts with ``{``: the start of the next object, in such output.
    """
    text = _text_or_none(raw)
    if text is None:
        yield _unreadable(raw, source, line)
        return
    decoder = json.JSONDecoder()
    at, counted, index = _past_blanks(text, 0), 0, 0
    while at < len(text):
        line += text.count("\n", counted, at)
        counted = at
        end = _value_end(decoder, text, at)
        if end is None:
            end = text.find("\n{", at) + 1 or len(text)
        yield _event_at(text, at, end, source, line, index)
        index += 1
        at = _past_blanks(text, end)


def _elements_one_by_one(raw: bytes, source: str, line: int) -> Iterator[InputEvent]:
    """The events of a JSON array that orjson refused whole: each element that is right, and
    the comma after it, is an event; each one that is not is an error record, and reading goes
    on at the next line that starts an element at the same column (in a pretty-printed array,
    the next element). Whatever else is wrong (a comma after the last element, no closing
    ``]``, more after it) is an error record of its own, so the mistake is never lost.
    """
    text = _text_or_none(raw)
    if text is None:
        yield _unreadable(raw, source, line)
        return
    decoder = json.JSONDecoder()
    at = _past_blanks(text, text.index("[") + 1)
    counted, index, problems = 0, 0, 0

    def problem(message: str) -> InputEvent:
        nonlocal problems
        problems += 1
        return InputEvent(source, line, index, error=message, code="bad-json")

    while at < len(text) and text[at] != "]":
        line += text.count("\n", counted, at)
        counted = at
        end = _value_end(decoder, text, at)
        after = len(text) if end is None else _past_blanks(text, end)
        if end is not None and (after == len(text) or text[after] in ",]"):
            event = _event_at(text, at, end, source, line, index)
            problems += event.error is not None
            at = _past_blanks(text, after + 1) if text[after : after + 1] == "," else after
            yield event
            if text[after : after + 1] == "," and text[at : at + 1] == "]":
                index += 1
                where = _at(text, after, line, counted)
                yield problem(f"not valid JSON: a comma after the last event ({where}); remove it")
        elif end is not None:  # the element is whole, but no comma or `]` comes after it
            where = _at(text, after, line, counted)
            yield problem(
                f"not valid JSON: a comma is missing after this event (the next starts {where})"
            )
            at = after
        else:
            stop = _next_element(text, at)
            event = _event_at(text, at, stop or len(text), source, line, index)
            yield problem("not valid JSON") if event.error is None else event
            problems += 1
            if stop is None:
                return
            at = stop
        index += 1
    if at >= len(text):
        yield problem("not valid JSON: the array is never closed; end it with `]`")
    elif _past_blanks(text, at + 1) < len(text):
        yield problem("not valid JSON: there is more after the array's closing `]`")
    if not problems:  # orjson refused the whole: never let its reason go unsaid
        _, error, code = parse_json(raw, line)
        yield InputEvent(source, line, index, error=error, code=code)


def _text_or_none(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _unreadable(raw: bytes, source: str, line: int) -> InputEvent:
    """The one error record of an input that is not UTF-8 text (orjson says why)."""
    _, error, code = parse_json(raw, line)
    return InputEvent(source, line, 0, error=error, code=code)


def _value_end(decoder: json.JSONDecoder, text: str, at: int) -> int | None:
    """Where the JSON value starting at ``at`` ends, or None when it cannot be read."""
    try:
        return decoder.raw_decode(text, at)[1]
    except (ValueError, RecursionError):
        return None


def _event_at(text: str, at: int, end: int, source: str, line: int, index: int) -> InputEvent:
    """The event (or error record) of the JSON text from ``at`` to ``end``, read by orjson as
    every event is, its positions counted in the whole input (it starts on ``line``)."""
    column = at - (text.rfind("\n", 0, at) + 1)
    value, error, code = parse_json((" " * column + text[at:end]).encode(), line)
    if error is None:
        return checked(source, line, index, value)
    return InputEvent(source, line, index, error=error, code=code)


def _next_element(text: str, at: int) -> int | None:
    """Where the next element starts after a broken one at ``at``: the next line whose first
    character is at the same column, an object's or a list's opening."""
    column = at - (text.rfind("\n", 0, at) + 1)
    found = re.compile(rf"\n[ \t]{{{column}}}(?=[{{\[])").search(text, at)
    return None if found is None else found.end()


def _at(text: str, at: int, line: int, counted: int) -> str:
    """``at line L, column C`` of a position, given the line of position ``counted``."""
    line += text.count("\n", counted, at)
    return f"at line {line}, column {at - text.rfind(chr(10), 0, at)}"
