"""Plan files read straight to plain data, when nothing in them needs the careful loader.

``engine.loading`` turns YAML into data through PyYAML's binding of libyaml, node by node, and
records the position of every value: about 4 s for a 10,000-rule plan (5.5 MB), most of it
making a Python object per YAML event. Here the same libyaml parser (ryaml: serde_yaml over
unsafe-libyaml, a line-by-line translation of libyaml) makes the data in native code, ten times
faster, without positions; the locations of the plan model are then found only if something
reads them (``engine.locations``).

The careful loader stays the definition. This reader only answers when it can vouch that the
careful loader would give the same data; otherwise it says ``None`` and the caller uses the
careful loader, which also reports every problem with its position. It declines when:

* the text holds a ``!`` or ``&`` where a tag or an anchor could start (tags are refused and
  aliases budgeted by the careful loader; ryaml would apply or drop them);
* the text holds a ``0b`` that could start a scalar (not glued to a letter or digit before it,
  as in an id like ``a0b3``) or a signed ``0x``/``0o`` number (ryaml reads them as numbers, the
  YAML 1.2 core schema as text);
* the text's brackets nest deeper than ``MAX_DEPTH`` (counting those in quotes and comments
  too): ryaml's time grows with the square of the nesting of brackets (36 s for a 700 KB
  line of 100,000 levels), while the careful loader stops at the level past ``MAX_DEPTH``
  and says so;
* the text is written as JSON and may hold a comment (``engine.jsoncomments``: YAML reads a
  `//` as text, and a `#` in a ``.json`` file is refused), which the careful loader tells;
* ryaml refuses the text (a syntax error, a duplicate key, a number too large for 64 bits...);
* the text holds a number with an exponent of three digits below 0 (``1e-400``, which
  floating point reads as 0 and the careful loader refuses);
* the data holds a key that is not text or is empty, a float that is not finite or is whole and beyond
  64 bits (ryaml reads a whole number too long for 128 bits as a float), nesting deeper than
  ``MAX_DEPTH`` or more than ``MAX_NODES`` values;
* a text value is one the core schema would read as a number, true/false or null if it were
  unquoted, and ryaml reads it as text when unquoted (``012``, ``1e999``): it cannot be told
  whether it was quoted.

``tests/test_quickload.py`` holds the two readers to the same data on generated documents.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from typing import Any

from engine.documents import MAX_DEPTH, MAX_NODES, LaterPositions, LoadedDocument
from engine.jsoncomments import may_hold_comment

_native_loads: Callable[[str], Any] | None
try:  # ryaml.loads itself: the package re-exports it without saying so, which mypy refuses
    from ryaml._ryaml import loads as _native_loads
except ImportError:  # pragma: no cover - a dependency; without it every file is read carefully
    _native_loads = None

_CORE_NOT_TEXT = re.compile(
    r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|true|True|TRUE|false|False|FALSE|~|null|Null|NULL"
)
"""Plain scalars the careful loader's YAML 1.2 core resolver reads as something other than
text (the empty scalar aside): ``engine.yamlcompose.CoreResolver``'s patterns, in one."""
_ZERO_B = re.compile(r"0[bB]")
"""Where a ``0b`` is; :func:`_starts_binary` then looks at what comes before it."""
_GLUE = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
"""The characters that make a ``0b`` (or a sign before it) part of a longer scalar."""
_FIRST = frozenset("-+0123456789.~nNtTfF")
"""The first characters of those scalars (most text values are skipped on this alone)."""
_plain_reading: dict[str, bool] = {}
"""Number-like text -> whether ryaml reads it as text when it stands unquoted (a memo of
``_ambiguous``; plans repeat their values)."""


def quick_load(text: str, path: str) -> LoadedDocument | None:
    """The file's data, with positions found on demand; None when only the careful loader
    (``engine.loading.load_yaml``) can say what the file holds."""
    if _native_loads is None or _needs_care(text) or may_hold_comment(text, path):
        return None
    try:
        data = _native_loads(text)
    except Exception:  # any refusal: the careful loader explains it, with its position
        return None
    if data.__class__ is not dict or not _vouch(data):
        return None
    return LoadedDocument(path, data, {}, {}, LaterPositions(text, path).find)


def _needs_care(text: str) -> bool:
    """Whether the text may hold a tag, an anchor, a number YAML 1.2 reads as text, or one that
    floating point reads as 0."""
    if _starts_binary(text) or _brackets_nest_deep(text):
        return True
    for sign in ("-0", "+0"):
        at = text.find(sign)
        while at != -1:
            if text[at + 2 : at + 3] in ("x", "X", "o", "O"):
                return True
            at = text.find(sign, at + 2)
    return (
        _marks_node_property(text, "!") or _marks_node_property(text, "&") or _may_underflow(text)
    )


_TINY = re.compile(r"[0-9.][eE]-0*[0-9]{3}|\.0{200}")
"""A number's exponent of three digits or more below 0 (``1e-400``), or 200 zeros after a
point: only such a number can be so close to 0 (below about 5e-324) that floating point reads
it as 0, which the careful loader refuses (``number-too-small``) and ryaml would keep."""


def _may_underflow(text: str) -> bool:
    """Whether the text may hold a number floating point reads as 0 though it is not (looked
    for with substring searches first: nearly no plan holds an ``e-`` at all)."""
    if "e-" not in text and "E-" not in text and ".00000" not in text:
        return False
    return _TINY.search(text) is not None


_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")
_DEPTH_STEP = [0] * 256
"""What each byte adds to the depth of brackets: 1 for an opening one, -1 for a closing one."""
_DEPTH_STEP[ord("[")] = _DEPTH_STEP[ord("{")] = 1
_DEPTH_STEP[ord("]")] = _DEPTH_STEP[ord("}")] = -1


def _brackets_nest_deep(text: str) -> bool:
    """Whether the text's brackets nest deeper than ``MAX_DEPTH`` (opened less closed, over
    the whole text): its brackets alone are picked out in C, then their depth summed (8.6 ms
    for a 5.5 MB plan, where a regular expression over the text took 34 ms). A UTF-8 byte of any
    other character is never a bracket's. Brackets in quotes and comments count too: one that
    opens makes a file read carefully; one that closes could hide a level from this count, so
    a file written to do that is read slowly, never wrongly."""
    brackets = text.encode("utf-8", "surrogatepass").translate(None, _NOT_BRACKETS)
    if len(brackets) <= MAX_DEPTH:
        return False
    return max(itertools.accumulate(map(_DEPTH_STEP.__getitem__, brackets))) > MAX_DEPTH


def _starts_binary(text: str) -> bool:
    """Whether a ``0b`` in the text could start a plain scalar, signed or not: one not glued to
    a letter, digit or underscore before it (``a0b3``, ``x-0b1`` are inside a longer scalar,
    which is text to both readers).

    A regular expression with a lookbehind says the same, but it is tried at every position of
    the text (0.28 s on a 5.5 MB plan); a literal ``0b`` is found at C speed and is rare.
    """
    for found in _ZERO_B.finditer(text):
        at = found.start()
        before = text[at - 1] if at else ""
        if before in ("-", "+"):
            before = text[at - 2] if at > 1 else ""  # a sign: the scalar may start at it
        if before not in _GLUE:  # (the empty text is "in" no set of characters)
            return True
    return False


def _marks_node_property(text: str, mark: str) -> bool:
    """Whether ``mark`` appears where a tag (``!``) or an anchor (``&``) could start: not right
    after a letter or digit (``Sorry!``, ``R&D`` are plain text), and for an anchor, with a name
    after it (``Q & A`` is text)."""
    at = text.find(mark)
    while at != -1:
        before = text[at - 1 : at]
        after = text[at + 1 : at + 2]
        glued = before.isalnum() or before == "_" or (mark == "!" and before == "!")
        if not glued and (mark == "!" or (after and not after.isspace())):
            return True
        at = text.find(mark, at + 1)
    return False


_LONG_WHOLE = float(2**63)
"""From here a whole float may be a whole number written with too many digits, which ryaml
reads as a float (``111…1``, 45 digits, as ``1.1e44``) and the careful loader refuses as too
large to keep exactly; ``1.5e21`` written so is read again by the careful loader, the same."""


def _vouch(data: dict[str, Any]) -> bool:
    """Whether every value is one the careful loader makes the same (see the module doc)."""
    count = [0]

    def fine(value: Any, depth: int) -> bool:  # depth: of the children of ``value``
        if depth > MAX_DEPTH:
            return False
        count[0] += len(value)
        if value.__class__ is dict:
            for key in value:
                if key.__class__ is not str or not key:  # `"": x` is refused carefully
                    return False
            children = value.values()
        else:
            children = value
        for child in children:
            cls = child.__class__
            if cls is str:
                if child and child[0] in _FIRST and _ambiguous(child):
                    return False
            elif cls is dict or cls is list:
                if not fine(child, depth + 1):
                    return False
            elif cls is float:
                if not math.isfinite(child) or (
                    abs(child) >= _LONG_WHOLE and child.is_integer()
                ):  # `1e400`, or 45 digits ryaml read as a float: the careful loader refuses both
                    return False
            # ryaml makes only JSON's kinds of a text without tags (one with a tag is read
            # carefully, _marks_node_property): never taken, a guard if it made another.
            elif not (cls is int or cls is bool or child is None):  # pragma: no cover
                return False
        return True

    return fine(data, 1) and count[0] < MAX_NODES


def _ambiguous(value: str) -> bool:
    """Whether this text value could have been unquoted: the core schema would read it as
    something else, and ryaml, reading it unquoted, gives the same text."""
    if _CORE_NOT_TEXT.fullmatch(value) is None:
        return False
    known = _plain_reading.get(value)
    if known is None:
        loads = _native_loads
        assert loads is not None  # only data it read is asked about
        try:  # the value holds only [-+.~0-9A-Za-z]: safe to put in a document as it is
            known = _plain_reading[value] = loads(f"k: {value}\n")["k"] == value
        except Exception:
            known = True
    return known
