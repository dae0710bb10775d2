"""Limits on the shape of an incoming event: nesting, text length, keys, total values.

Events come from outside systems (helpdesks, review sites, social media) and may be huge or
hostile. Evaluation itself is safe on any shape — field paths are bounded and regexes are linear —
but an event far beyond any real complaint is a sign of a broken or malicious sender, and
rejecting it with a clear error record is kinder than spending memory and time on it. The byte
size of an event is bounded where it is read (``engine.streams``); these limits apply to the
parsed value.

The walks are iterative, so they neither recurse nor loop forever: a self-referencing Python
structure handed to :func:`check_event` by an embedder stops at :data:`MAX_VALUES`.
"""

from __future__ import annotations

import re
from typing import Any, Final

import orjson

from engine.ecmaregex import END
from engine.errors import EventError
from engine.repeatedkeys import marked

MAX_DEPTH: Final = 64
"""Deepest nesting of objects and arrays in one event (the event object itself is level 1)."""
MAX_STRING_CHARS: Final = 100_000
"""Longest text value in an event: a long e-mail thread fits, a dumped file does not."""
MAX_KEY_CHARS: Final = 1_000
"""Longest key in an event object."""
MAX_KEYS: Final = 1_000
"""Most keys in one object of an event."""
MAX_VALUES: Final = 100_000
"""Most values (objects, arrays, texts, numbers...) inside one event."""
MAX_ID_CHARS: Final = 200
"""The longest text an event's ``id`` may be."""
MIN_JSON_INT: Final = -(1 << 63)
MAX_JSON_INT: Final = (1 << 64) - 1
"""The whole numbers canonical JSON writes exactly (orjson: 64 bits), and so the only ones an
id, a plan's number or a decision may hold."""
MIN_INT_ID: Final = MIN_JSON_INT
MAX_INT_ID: Final = MAX_JSON_INT
"""Whole-number ids must fit the 64 bits canonical JSON writes (and orjson reads)."""

_DAY_AND_TIME: Final = (
    r"-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    r"(\.[0-9]+)?"
)
_ZONE: Final = r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
TIME_ZONE_OPTIONAL_PATTERN: Final = rf"^[0-9]{{4}}{_DAY_AND_TIME}{_ZONE}?$"
"""RFC 3339's one form of a time: date, ``T``, time with seconds and any decimals, then
``Z`` or an offset (hours to 23, minutes to 59: ``+05:60`` is not an offset). The zone is
optional here so that deciding can say a time without one lacks it; a day the month does not
have (February 30) passes, and deciding refuses it. Decimals beyond six (.NET writes 7, Java
and Go up to 9) are cut to the microsecond, the finest a deadline keeps, as
``datetime.fromisoformat`` reads them: such times had been refused, and every event of a
system that writes them lost."""
TIME_PATTERN: Final = rf"^[0-9]{{4}}{_DAY_AND_TIME}{_ZONE}{END}"
"""A time with its zone, in any year: a plan test's expected ``due`` (its schema's pattern)."""
EVENT_TIME_PATTERN: Final = rf"^(19[0-9]{{2}}|[2-8][0-9]{{3}}|9[0-8][0-9]{{2}}|99[0-8][0-9]|999[0-7]){_DAY_AND_TIME}{_ZONE}{END}"
"""The event schema's form of ``occurred_at``: a time with its zone, in the years an event may
happen in (1900 to 9997 as written: ``engine.utctime.FIRST_YEAR`` and ``LAST_YEAR``)."""

_SURROGATE: Final = re.compile("[\ud800-\udfff]")

SHORT_TEXT_BYTES: Final = min(MAX_STRING_CHARS, MAX_KEY_CHARS, 2 * MAX_KEYS, MAX_VALUES)
"""A JSON text of at most this many bytes can exceed no limit but the depth (see
:func:`short_text_within_limits`)."""


def has_lone_surrogate(text: str) -> bool:
    """True when text holds half a UTF-16 pair, which has no UTF-8 form and cannot be output.

    JSON input never does (the reader refuses it); a string built by an embedding app can.
    """
    return not text.isascii() and _SURROGATE.search(text) is not None


def replace_lone_surrogates(text: str) -> str:
    """Text with each lone surrogate replaced by U+FFFD, the replacement character."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def short_text_within_limits(raw: bytes) -> bool:
    """True when the value parsed from the JSON text ``raw`` is sure to be within every limit.

    A reader of JSON text calls this first and walks the parsed value (:func:`check_event`) only
    when it says False, so the usual small event costs two byte counts instead of a walk. It
    holds because every part of the value is spelled out in the text:

    - each character of a text or key is at least one byte (UTF-8 takes 1-4, an escape 2-12),
      so no text or key is longer than ``len(raw)`` characters;
    - each value inside the event starts with at least one byte of its own (a digit, a quote, a
      bracket, a letter of ``true``), so it holds at most ``len(raw)`` values;
    - each key of an object needs its two quote bytes, so no object has more than
      ``len(raw) / 2`` keys;
    - each object or array opens with a ``{`` or ``[`` byte, and these bytes appear nowhere
      else in UTF-8 but literally inside strings, which only makes the count larger: the
      nesting is at most the number of such bytes.

    So a text of at most :data:`SHORT_TEXT_BYTES` bytes is within every limit when it holds at
    most :data:`MAX_DEPTH` brackets that open.
    """
    return len(raw) <= SHORT_TEXT_BYTES and raw.count(b"{") + raw.count(b"[") <= MAX_DEPTH


def short_text_marks(raw: bytes) -> bytes | None:
    """:func:`short_text_within_limits`, for the usual line of JSON Lines: None when it cannot
    vouch for the text, else the text marked for counting its keys
    (``engine.repeatedkeys.marked``, which writes each ``[`` as a ``{``: one count of ``{``
    there is the two counts of brackets here). The marks are then asked whether a key may be
    written twice (``engine.repeatedkeys.keys_vouched_for``): marking the text and counting its
    ``{`` costs what the two counts of brackets did (about 9,300 instructions a bench line
    against 9,200)."""
    if len(raw) > SHORT_TEXT_BYTES:
        return None
    marks = marked(raw)
    return marks if marks.count(b"{") <= MAX_DEPTH else None


def written_back_within_limits(value: Any) -> bool:
    """True when a value parsed from JSON is sure to be within every limit, told by its JSON
    text as orjson writes it back; False when that text cannot vouch for it (the caller walks
    the value then, :func:`check_event`).

    For a value whose own text is not at hand: an element of a JSON array parsed a batch of
    elements at a time (``engine.jsondocs``). Writing the usual event back and counting its
    bytes costs about a third of walking it (2.3 against 7-9 µs for a bench event), and
    :func:`short_text_within_limits` holds of any JSON text of the value, this one too: orjson
    writes each character of a text as at least one byte, each value with a byte of its own,
    each key with its quotes and each object or array with its bracket. A value orjson will not
    write (nested beyond its limit, a lone surrogate, a number beyond 64 bits) is walked.
    """
    try:
        text = orjson.dumps(value)
    except orjson.JSONEncodeError:
        return False
    return short_text_within_limits(text)


def check_event(event: Any) -> None:
    """Raise EventError (naming the place) when an event exceeds a limit; else return None.

    The common case — an event well within every limit — takes one quick walk without tracking
    where it is; only a rejected event is walked again to name the offending place.
    """
    if not _within_limits(event):
        _reject(event)


def _within_limits(event: Any) -> bool:
    """True when the event is within every limit (hot path: no paths, no messages)."""
    cls = event.__class__
    if cls is str:
        return len(event) <= MAX_STRING_CHARS
    if cls is not dict and cls is not list:
        return True
    stack: list[tuple[Any, int]] = [(event, 1)]
    seen = 0
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        seen += len(value)
        if seen > MAX_VALUES:
            return False
        items = value
        if value.__class__ is dict:
            if len(value) > MAX_KEYS:
                return False
            for key in value:
                if key.__class__ is str and len(key) > MAX_KEY_CHARS:
                    return False
            items = value.values()
        for item in items:
            kind = item.__class__
            if kind is str:
                if len(item) > MAX_STRING_CHARS:
                    return False
            elif kind is dict or kind is list:
                stack.append((item, depth + 1))
    return True


def _pointer(path: tuple[str | int, ...]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


_STEPS_SHOWN: Final = 4
"""The steps of a long path into an event that a message shows before ``…``."""


def _where(path: tuple[str | int, ...]) -> str:
    """Where in the event a limit is exceeded, as a message says it: a path of more than twice
    :data:`_STEPS_SHOWN` steps is cut after its first ones, with its length (``at /x/0/0/0/…
    (64 levels in)``). ``too-deep`` had named all 64 steps, ``/x/0/0/…/0``, which no one
    counts, and the first steps say which field holds it (found by review)."""
    if not path:
        return ""
    if len(path) <= 2 * _STEPS_SHOWN:
        return f" at {_pointer(path)}"
    return f" at {_pointer(path[:_STEPS_SHOWN])}/… ({len(path)} levels in)"


def _reject(event: Any) -> None:
    """Find the first limit the event exceeds, in document order, and raise its EventError."""
    stack: list[tuple[Any, int, tuple[str | int, ...]]] = [(event, 1, ())]
    seen = -1  # the event itself is not counted, only what it holds
    # Called only for an event _within_limits refused, which counts as this walk does: the
    # walk always raises before the stack is empty.
    while stack:  # pragma: no branch
        value, depth, path = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            raise EventError(
                f"the event holds more than {MAX_VALUES:,} values", "", "too-many-values"
            )
        cls = value.__class__
        if cls is str:
            if len(value) > MAX_STRING_CHARS:
                raise EventError(
                    f"a text in the event is {len(value):,} characters long{_where(path)}; "
                    f"the limit is {MAX_STRING_CHARS:,}",
                    _pointer(path),
                    "string-too-long",
                )
            continue
        if cls is not dict and cls is not list:
            continue
        if depth > MAX_DEPTH:
            raise EventError(
                f"the event nests deeper than {MAX_DEPTH} levels{_where(path)}",
                _pointer(path),
                "too-deep",
            )
        if cls is list:
            stack.extend(
                (item, depth + 1, (*path, i)) for i, item in reversed(list(enumerate(value)))
            )
            continue
        if len(value) > MAX_KEYS:
            raise EventError(
                f"an object in the event has {len(value):,} keys{_where(path)}; "
                f"the limit is {MAX_KEYS:,}",
                _pointer(path),
                "too-many-keys",
            )
        for key in value:
            if key.__class__ is str and len(key) > MAX_KEY_CHARS:
                raise EventError(
                    f"a key in the event is {len(key):,} characters long{_where(path)}; "
                    f"the limit is {MAX_KEY_CHARS:,}",
                    _pointer(path),
                    "key-too-long",
                )
        stack.extend((item, depth + 1, (*path, key)) for key, item in reversed(value.items()))


MAX_TRACE_CHARS: Final = 200
"""Most characters of text (texts and keys together) a trace step's ``actual`` holds
(``engine.explain.trace_value``; the decision format says so)."""
MAX_TRACE_VALUES: Final = 20
"""Most values (texts, numbers, lists, groups of fields, each item of them) it holds."""
