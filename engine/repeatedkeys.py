"""A key an event's JSON writes twice, told instead of decided on its last value.

orjson, like Python's ``json`` and most readers, keeps the last value of a key an object
repeats: ``{"amount": 10, "amount": 1000}`` was decided on 1000 without a word, and a slip of a
manager's template or of an integrator's code decided money silently. Every reader of event
text (``backplan eval`` and ``backplan test`` over files and standard input,
``engine.read_event``) now gives such an event an error record, ``repeated-key``, that names the
field, its values and what to do; the other events are decided as usual. A key written twice
with the same value (a template that writes ``"type": "review"`` twice) changes nothing, and is
read once. Objects inside the event (``customer``, an order's items) are held to the same.

The check is on the path of every event, so the usual one pays two byte counts of its text and
a look at its objects, never a step per byte in Python: the keys its text can hold, counted
as the colons that follow a quote or a blank (each key's colon does; a colon inside a text
may, which only makes the count larger), against the keys the parsed value holds. A key
written twice makes the text hold more keys than the value; when the counts agree, no key was.
Only when they disagree is the text read again, exactly and slowly, by the standard library's
reader, which hands over each object's keys as written (:func:`repeats`): a text that holds
``":`` or a colon after a blank costs that reading, never a false error.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

_MARKS = bytes.maketrans(b" \t\n\r[", b'""""{')
"""Blanks written as quotes, ``[`` as ``{``: in the text so marked, every key is a ``":``
(``"amount" :`` too) and every object or array opens with a ``{``
(``engine.limits.short_text_marks``, which counts those for the depth)."""


def marked(text: bytes) -> bytes:
    """The text with :data:`_MARKS` applied: what :func:`keys_vouched_for` counts keys in."""
    return text.translate(_MARKS)


def keys_vouched_for(marks: bytes, value: Any) -> bool:
    """Whether no object of ``value`` (parsed from a text whose :func:`marked` form is
    ``marks``) can have had a key written twice: the text holds no more keys than the value's
    objects. Asked of every event, so it looks no deeper than the objects the event holds
    (``customer``, ``order``), and stops as soon as they hold as many keys as the text (the
    last of the event's values first: a bench event's objects come after its texts and
    numbers); when it says False, :func:`told` looks further, then reads."""
    if value.__class__ is not dict:  # not an event: refused as such (`not-an-object`)
        return True
    written = marks.count(b'":')
    held = len(value)
    if written <= held:
        return True
    for item in reversed(value.values()):  # from the end, where events keep their objects
        if type(item) is dict:
            held += len(item)
            if written <= held:
                return True
    return False


def told(text: bytes, value: Any, line: int) -> tuple[str, Any] | None:
    """The message for the first key that one event's JSON ``text`` (parsed as ``value``;
    the event starts on ``line``) writes twice with different values, and the event its record
    names (None when the id itself is repeated); None when it writes none."""
    marks = marked(text)
    vouched = value.__class__ is dict and keys_vouched_for(marks, value)  # (the usual event)
    if vouched or _counts_agree(marks, value):
        return None
    found = repeats(text)
    if not found:
        return None
    where = key_lines(text, found[0].path, found[0].key, line)
    return words(found, line, where), named_event(found, value)


def of_elements(text: bytes, values: list[Any]) -> dict[int, list[Repeat]]:
    """The keys each element of the JSON array ``text`` (parsed as ``values``) writes twice
    with different values (:func:`repeats`, each placed in its element), by the element's
    position in the text; only the elements that write one."""
    marks = marked(text)
    if _elements_vouched_for(marks, values) or _counts_agree(marks, values):
        return {}
    by_element: dict[int, list[Repeat]] = {}
    for found in repeats(text):
        if found.path:
            at, *rest = found.path
            place = Repeat(tuple(rest), found.key, found.values)
            by_element.setdefault(int(at), []).append(place)
    return by_element


def _elements_vouched_for(marks: bytes, values: list[Any]) -> bool:
    """:func:`keys_vouched_for` of an array's elements together: no more keys in the text than
    the elements and the objects they hold. Asked of every batch of a JSON array before the
    whole value is walked (:func:`_counts_agree`), which had cost more than parsing the array
    (2.0 µs an event against orjson's 1.6, on the bench's events; this is 0.9)."""
    written = marks.count(b'":')
    held = 0
    for value in values:
        if value.__class__ is dict:
            held += len(value)
            for item in value.values():
                if item.__class__ is dict:
                    held += len(item)
    return written <= held


def _counts_agree(marks: bytes, value: Any) -> bool:
    """Whether the text holds no more keys than every object of ``value``: the whole value
    walked, as :func:`keys_vouched_for` does not."""
    written = marks.count(b'":')
    held = 0
    stack = [value]
    while stack and held < written:
        item = stack.pop()
        if type(item) is dict:
            held += len(item)
            stack.extend(item.values())
        elif type(item) is list:
            stack.extend(item)
    return written <= held


@dataclass(frozen=True, slots=True)
class Repeat:
    """A key that one object writes more than once, with values that differ."""

    path: tuple[str | int, ...]
    """Where the object is in the value (keys and list positions; empty: the value itself)."""
    key: str
    values: tuple[str, ...]
    """Each value written for the key, in order, as JSON text."""

    def field(self) -> str:
        """The field, as a dotted path (``customer.tier``; a list's item as ``items[2]``;
        a key that is not a plain name in JSON quotes)."""
        words = ""
        for step in (*self.path, self.key):
            if isinstance(step, int):
                words += f"[{step}]"
            else:
                name = step if _plain(step) else json.dumps(step, ensure_ascii=False)
                words += f".{name}" if words else name
        return words


def _plain(key: str) -> bool:
    """Whether a key reads unquoted in a dotted path: letters, digits, ``_`` and ``-``."""
    return bool(key) and key.replace("_", "a").replace("-", "a").isalnum() and key.isascii()


def repeats(text: bytes | str) -> list[Repeat]:
    """Every key an object of the JSON ``text`` writes more than once with values that differ,
    in the order of the objects in the value. The text is one orjson has read (so within
    the limits of a value, or about to be refused for one); the standard library reads it
    again, handing over each object's keys as written. A text it cannot read (nesting beyond
    its recursion limit, which the event's own limit refuses anyway) tells none."""
    found: dict[int, list[tuple[str, tuple[str, ...]]]] = {}
    kept: list[dict[str, Any]] = []  # (alive, so that no two objects share an id)

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        made = dict(pairs)
        kept.append(made)
        if len(made) < len(pairs):
            twice = _twice(pairs)
            if twice:
                found[id(made)] = twice
        return made

    try:
        value = json.loads(text, object_pairs_hook=pairs_hook)
    except (ValueError, RecursionError):  # pragma: no cover - orjson read it first
        return []
    if not found:
        return []
    return _placed(value, found)


def _twice(pairs: list[tuple[str, Any]]) -> list[tuple[str, tuple[str, ...]]]:
    """The keys of one object written more than once, each with its values as JSON text, when
    they differ (compared as written back, keys sorted: ``1`` and ``1.0`` differ, as they may
    in a decision)."""
    written: dict[str, list[str]] = {}
    for key, value in pairs:
        written.setdefault(key, []).append(json.dumps(value, sort_keys=True, ensure_ascii=False))
    return [(key, tuple(values)) for key, values in written.items() if len(set(values)) > 1]


def _placed(value: Any, found: dict[int, list[tuple[str, tuple[str, ...]]]]) -> list[Repeat]:
    """The repeats ``found`` (by the id of their object) with each object's place in
    ``value``, in the order of a walk of the value (the order it is written in)."""
    placed: list[Repeat] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        item, path = stack.pop()
        if type(item) is dict:
            placed.extend(Repeat(path, key, values) for key, values in found.get(id(item), ()))
            stack.extend(reversed([(inner, (*path, key)) for key, inner in item.items()]))
        elif type(item) is list:
            stack.extend(reversed([(inner, (*path, at)) for at, inner in enumerate(item)]))
    return placed


SHOWN_CHARS = 40
"""The most of a value a message quotes (a long text is cut, with ``…``)."""


def _shown(value: str) -> str:
    return value if len(value) <= SHOWN_CHARS else value[: SHOWN_CHARS - 1] + "…"


def words(found: list[Repeat], line: int, where: list[int] | tuple[int, ...] = ()) -> str:
    """The message for the repeats of one event (which starts on ``line``): the first one
    named with its values, and the lines it is written on (``where``, :func:`key_lines`) when
    the event is over several lines, and how many more there are."""
    first = found[0]
    times = {2: "twice"}.get(len(first.values), f"{len(first.values)} times")
    if len(where) == len(first.values) and set(where) != {line}:  # a pretty-printed event
        times += " (at lines " + ", ".join(map(str, where[:-1])) + f" and {where[-1]})"
    values = ", then ".join(_shown(value) for value in first.values)
    more = len(found) - 1
    others = (
        f" ({more} more {'field is' if more == 1 else 'fields are'} written more than once)"
        if more
        else ""
    )
    once = "each field" if more else f"`{first.field()}`"
    return (
        f"the field `{first.field()}` is written {times} in the event at line {line}, with "
        f"different values: {values}{others}; JSON keeps only the last, so the event would "
        f"have been decided on {_shown(first.values[-1])} without a word: write {once} once, "
        "with the value meant, and send the event again"
    )


_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[][{}:,]')
"""A text, or a bracket, colon or comma, of a JSON text known to be valid: what
:func:`key_lines` follows its objects by (numbers and words are only values between them)."""


@dataclass(slots=True)
class _Open:
    """An object or array open while :func:`key_lines` walks a JSON text."""

    path: tuple[str | int, ...]
    is_object: bool
    step: str | int = 0  # the key read last, or the array's item
    key_due: bool = True  # (in an object) whether a text is a key


def key_lines(text: bytes, path: tuple[str | int, ...], key: str, line: int) -> list[int]:
    """The lines on which the object at ``path`` of the JSON ``text`` (valid, starting on
    ``line``) writes ``key``, in order: a pretty-printed event's record names them, where it
    had named only the event's first line, to look for the field among a dozen. Only a record
    comes here, so walking the text token by token in Python costs nothing that matters."""
    lines: list[int] = []
    stack: list[_Open] = []
    for token in _TOKEN.finditer(text):
        mark = text[token.start()]
        top = stack[-1] if stack else None
        if mark == ord('"'):
            if top is not None and top.is_object and top.key_due:
                top.step, top.key_due = json.loads(token.group()), False
                if top.step == key and top.path == path:
                    lines.append(line + text.count(b"\n", 0, token.start()))
        elif mark in b"{[":
            where = () if top is None else (*top.path, top.step)
            if where == path:  # a later object at the path (its key written twice) is the one
                lines.clear()  # kept, and the one the repeat was found in
            stack.append(_Open(where, mark == ord("{")))
        elif mark in b"}]":
            stack.pop()
        elif mark == ord(",") and top is not None:
            if top.is_object:
                top.key_due = True
            else:
                top.step = int(top.step) + 1
    return lines


def named_event(found: list[Repeat], value: Any) -> Any:
    """The event the record names by its id: none when the id is what is repeated."""
    return None if any(each.path == () and each.key == "id" for each in found) else value
