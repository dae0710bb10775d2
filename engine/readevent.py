"""One event's JSON text read as ``backplan eval`` reads a line, for an app that decides JSON.

An app that parses events itself with ``json.loads`` decides some that ``eval`` refuses:
Python's reader takes ``NaN``, ``Infinity``, ``1e400`` (as infinity) and ``"\\ud800"`` (half a
character), none of which is JSON, and keeps a whole number beyond 64 bits whole where orjson
makes it a float. A nightly replay held to ``eval``'s output then differs without a word.
:func:`read_event` is eval's own reading of one line (orjson, the size limit of a line, the
limits of a value, the same codes and words), so the two decide the same events the same way.
"""

from __future__ import annotations

from typing import Any

from engine import repeatedkeys
from engine.errors import EventError
from engine.inputevent import BOM, parse_json
from engine.limits import check_event, written_back_within_limits
from engine.streams import MAX_EVENT_BYTES, TOO_LARGE


def read_event(text: str | bytes | bytearray | memoryview, *, line: int = 1) -> Any:
    """The value of one event's JSON text (a JSONL line: its line end is allowed), read as
    ``backplan eval`` reads it; raises EventError with eval's code and words when eval would
    write an error record for it instead (``bad-json``, ``bad-number``, ``bad-encoding``,
    ``too-deep``, ``too-large``, ``string-too-long``, ``repeated-key``...). ``line`` is the line
    of its file the text starts on, so that a message's place (``at line 23, column 67``) is the
    file's, as eval's is; on line 1, as in eval, the file's own byte-order mark may come before the
    line's (files joined with ``cat``, the first holding only its mark).

    The value is any JSON value: a text or a list is refused by ``Plan.evaluate``
    (``not-an-object``), as eval refuses it."""
    if line.__class__ is not int or line < 1:  # checked first: it is used only when the JSON is bad
        raise TypeError(f"read_event's line is a line number (an int from 1), not {line!r}")
    if isinstance(text, str):
        try:
            raw = text.encode()
        except UnicodeEncodeError:  # a lone surrogate: no UTF-8 can hold it
            raise EventError(
                "the event holds half a character (a lone surrogate)", "", "bad-encoding"
            ) from None
    elif isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
    else:
        raise TypeError(
            f"read_event takes an event's JSON text (str or bytes), not {type(text).__name__}"
        )
    if len(raw.rstrip(b"\r\n")) > MAX_EVENT_BYTES:  # the marks are part of the size, as in eval
        raise EventError(TOO_LARGE, "", "too-large")
    if line == 1:  # a file's own mark, which eval takes off its first line before the line's
        raw = raw.removeprefix(BOM)
    if not raw.removeprefix(BOM).strip():  # eval skips such a line: it is no event
        raise EventError("the text is empty: it holds no event", "", "bad-json")
    value, error, code = parse_json(raw, line)
    if error is not None:
        raise EventError(error, "", code)
    if not written_back_within_limits(value):
        check_event(value)
    told = repeatedkeys.told(raw.removeprefix(BOM), value, line)
    if told is not None:  # a key written twice, with different values
        raise EventError(told[0], "", "repeated-key")
    return value
