"""Plan language in plain words: values, field tests and actions as a manager would say them.

``explain`` ("rating is 4; this rule needs 2 or less"), ``render`` (the printable IF/THEN table),
``test`` (failure diffs) and ``lint`` all describe the same things to the same people, so the
phrases live here once. The meaning of each operator is ``engine.operators``; this module only
says it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from engine.bidi import closed, in_sentence, isolated, right_to_left
from engine.compensation import fixed_offer, offer_most
from engine.durations import describe_duration
from engine.fields import MISSING
from engine.model import Action
from engine.money import grouped_money, money_step, plain_number, round_money
from engine.templates import FieldSlot, Template

MAX_LISTED = 8
"""Longer lists of values are shortened to this many items and a count."""
MAX_TEXT = 60
"""Longer text values are cut (with an ellipsis) when quoted in a sentence."""
MAX_NESTING_SHOWN = 4
"""How many lists deep a sentence shows a value; deeper, a list is ``[…]``. An event from an
embedding app may nest lists thousands deep (``json.loads`` reads them), and each level
shown took a level of Python's stack: explain raised ``RecursionError`` near 500."""

_BARE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@/+-]*\Z")  # \Z: `$` takes a final line break
_LOOKS_LIKE_OTHER = re.compile(r"(?:[0-9][0-9.eE+-]*|true|false|null)\Z")
"""Text that would read as a number or true/false if shown bare: ``"5"`` stays quoted."""


def looks_like_other(text: str) -> bool:
    """Whether text shown bare would read as a number, true/false or null (``"1"``)."""
    return _LOOKS_LIKE_OTHER.match(text) is not None


def show_number(value: int | float) -> str:
    """``4`` for 4 and 4.0, ``4.5`` for 4.5, ``0.0000001`` for 1e-7: numbers as people write
    them. A float is written from its shortest digits (Python's ``repr``) as an app's
    ``Decimal`` is (:func:`show_decimal`): out in full up to 30 characters, ``1e300`` beyond.
    Python's own ``str`` had put ``lte: 0.0000001`` in lint's and explain's words as ``1e-07``,
    and ``gte: 1e300`` as the 301 digits of the float nearest it (found by review). A boolean,
    an int to Python, is ``true`` or ``false``, as the plan writes it."""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float):
        return show_decimal(Decimal(repr(value))) if math.isfinite(value) else str(value)
    if isinstance(value, int) and value.bit_length() > _LONGEST_SHOWN_BITS:
        # Python refuses to write a whole number of more than 4,300 digits (ValueError): an
        # app's 10**5000 stopped Plan.explain (found by review)
        digits = int(value.bit_length() * math.log10(2)) + 1
        sign = "a negative" if value < 0 else "a"
        return f"{sign} whole number of about {digits:,} digits"
    return str(value)


def non_finite_words(value: float) -> str:
    """A float JSON has no number for, as a sentence about an event names it: what it is and
    that JSON has not it (NaN from pandas, said so: it is how a missing value usually arrives
    as NaN). ``event_schema_error`` and ``explain`` say the same words."""
    if value != value:  # noqa: PLR0124 - only NaN is unequal to itself
        return "NaN, which JSON has not (pandas writes NaN for a missing value)"
    return ("infinity" if value > 0 else "minus infinity") + ", which JSON has not"


_LONGEST_SHOWN_BITS = 10_000
"""Whole numbers longer than this (about 3,000 digits) are described, not written out."""


def show_decimal(value: Decimal) -> str:
    """An app's ``Decimal`` as people write it (``1.5``; ``100`` for ``1E+2``) when that takes
    at most :data:`_LONGEST_PLAIN` characters, else with its exponent as JSON and YAML write
    it (``1e1000000``, ``1.5e-999990``): ``Decimal("1E-999990")`` written out in full made one
    explanation 6 MB, and ``1E+1000000`` stopped ``Plan.explain`` with ``decimal.Overflow``
    (found by review). At most :data:`_MOST_DIGITS_SHOWN` digits, after ``about`` when the
    number has more; NaN (a signalling one too) and the infinities as Python names them.

    Worked out from its digits alone, with no decimal context: the caller's (a precision of 3,
    a trap on rounding) must change nothing, and no context holds every exponent a Decimal can
    have (``normalize`` overflowed, and raised on a signalling NaN)."""
    if value.is_nan():
        return "NaN"  # that it signals is for programs, not for the reader
    if value.is_infinite():
        return "-Infinity" if value.is_signed() else "Infinity"
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # (finite: "n", "N" and "F" are the others')
    text = "".join(map(str, digits)).lstrip("0")
    if not text:
        return "0"  # as a float's -0.0 is shown
    about = len(text.rstrip("0")) > _MOST_DIGITS_SHOWN
    if about:
        exponent += len(text) - _MOST_DIGITS_SHOWN
        text = text[:_MOST_DIGITS_SHOWN]
    kept = text.rstrip("0")
    exponent += len(text) - len(kept)
    shown = _plain_digits(kept, exponent) or _scientific(kept, exponent)
    return ("about " if about else "") + ("-" if sign else "") + shown


def _plain_digits(digits: str, exponent: int) -> str | None:
    """``digits`` times ten to ``exponent`` written out (``0.015``, ``1500``), or None when
    that takes more than :data:`_LONGEST_PLAIN` characters."""
    if exponent >= 0:
        size = len(digits) + exponent
        return digits + "0" * exponent if size <= _LONGEST_PLAIN else None
    point = len(digits) + exponent  # how many digits come before the point
    if point > 0:
        return digits[:point] + "." + digits[point:]
    return "0." + "0" * -point + digits if 2 - point + len(digits) <= _LONGEST_PLAIN else None


def _scientific(digits: str, exponent: int) -> str:
    """``digits`` times ten to ``exponent`` as a plan and an event write a number so far from
    1, and as ``validate`` quotes it: ``1.5e300``. Python's ``1.5e+300``, with a sign no plan
    writes, had made one number two: ``gte: 1e300`` was `1e300` to validate and ``1e+300``
    to lint, explain and render (found by review)."""
    point = f"{digits[0]}.{digits[1:]}" if len(digits) > 1 else digits
    return f"{point}e{exponent + len(digits) - 1}"


_LONGEST_PLAIN = 30
"""The most characters of a ``Decimal`` written out: any amount and any plan's number fits."""
_MOST_DIGITS_SHOWN = 20
"""The most digits of a ``Decimal`` shown (any 64-bit whole number has at most 20)."""


def show_value(value: Any, whole: bool = False) -> str:
    """A plan constant or an event value inside a sentence.

    Simple words stay bare (``gold``), other text is quoted (``"Cold food, rude waiter."``).
    A sentence (explain, lint) cuts long text and lists and calls a group of fields just that;
    with ``whole``, nothing is cut and a group of fields shows its fields
    (``{name: Bo, team: [a and b]}``): the printed plan and the checklist are what staff work
    from, so they must say everything the plan says (a plan's own values nest 64 levels at
    most, see ``engine.limits``).
    """
    return _show(value, whole, 0)


def _show(value: Any, whole: bool, depth: int) -> str:
    """:func:`show_value` of a value ``depth`` lists deep."""
    if value is MISSING:
        return "missing"
    if value is None:
        return "empty (null)"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return show_number(value)
    if isinstance(value, Decimal):
        return show_decimal(value)
    if isinstance(value, str):
        return _show_text(value, whole)
    if isinstance(value, (list, tuple)):
        if not value:
            return "an empty list"
        if depth >= MAX_NESTING_SHOWN and not whole:
            return "[…]"
        return "[" + _listed(value, None, whole, depth + 1) + "]"
    if isinstance(value, dict):
        return _show_fields(value) if whole else "a group of fields"
    return _show_other(value, whole)


_PYTHONS_OWN_TEXT: tuple[object, ...] = (object.__str__, object.__repr__)
"""How Python writes an object whose class writes none of its own: with its place in memory."""


def _show_other(value: Any, whole: bool) -> str:
    """A value of no JSON kind, which only an app's own event holds, as its ``str``, cut as
    long text is unless ``whole``: a set of 100,000 numbers made each reason 600 KB, and a set
    holding 10**5000 raised ValueError, Python's refusal to write so long a whole number
    (found by review), so then it is said to be one (its class is named beside, see
    :func:`kind_name`), as for an app's ``__str__`` that raises.

    A class that writes itself no text of its own gets Python's, which names where the value
    sits in memory (``<NotAnswering object at 0x7f3a...>``), another place each run: such a
    value is named by its class, so that an explanation of one event is the same bytes every
    time (found by review)."""
    kind = type(value)
    if (kind.__str__, kind.__repr__) == _PYTHONS_OWN_TEXT:
        return not_json_kind(value)
    try:
        text = _set_text(value) if isinstance(value, (set, frozenset)) else str(value)
    except Exception:  # the app's own code: ValueError for 10**5000, anything from a __str__
        return "a value that cannot be written out"
    return text if whole else clip(text)


def _set_text(value: set[Any] | frozenset[Any]) -> str:
    """A set written as ``str`` writes it, its items in order: ``str`` lists them in the order
    of their hashes, which for text changes with each process (``PYTHONHASHSEED``), so the
    same event, explained in two processes, gave two explanations (found by review). Items of
    kinds that do not compare (``1`` and ``"a"``) are put in the order of their ``repr``."""
    try:
        items = sorted(value)
    except TypeError:
        items = sorted(value, key=repr)
    if not items:
        return str(value)  # set(), frozenset()
    listed = "{" + ", ".join(map(repr, items)) + "}"
    return listed if value.__class__ is set else f"{type(value).__name__}({listed})"


def clip(text: str, limit: int = MAX_TEXT) -> str:
    """Text cut to ``limit`` characters, its last an ellipsis, when it is longer."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def show_uncut(value: Any) -> str:
    """:func:`show_value` of text, never cut: a plan test's expected message, or the message
    the plan gave, compared whole. Cut at 60 characters, a failing ``message_contains:
    "The Acme Store team"`` showed only the start of a reply that ends "— Acme Downtown team"
    (found by review); a report cuts what is very long itself."""
    if isinstance(value, str):
        return _show_text(value, False, limit=None)
    return show_value(value)


_WORD = re.compile(r"[^\W\d_][\w.@/+-]*\Z")
"""A simple word in any script: a letter, then letters, digits and ``_.@/+-``."""


def _a_simple_word(text: str) -> bool:
    """Whether ``text`` reads as itself shown bare: one simple word (``gold``, ``S12``,
    ``défectueux``, ``返金``), not a number, true/false or null, and written left to right
    (a word of Arabic or Hebrew keeps its quotes, which mark where it ends in a sentence
    read left to right), nor Latin letters mixed with a Cyrillic or Greek one that looks like
    one of them (``lаte``: its quotes show it is not the word it looks). Words with letters
    not ASCII had all been quoted, so a list read ``defective, "défectueux" or kaputt``
    (found by a French shop's trial)."""
    if text.isascii():
        return _BARE.match(text) is not None and _LOOKS_LIKE_OTHER.match(text) is None
    if _WORD.match(text) is None:
        return False
    import unicodedata  # only for a word not ASCII

    from engine.typography import lookalike_at

    if lookalike_at(text) is not None and any(c.isascii() and c.isalpha() for c in text):
        return False
    return all(unicodedata.bidirectional(char) in _LEFT_TO_RIGHT for char in text)


_LEFT_TO_RIGHT = frozenset({"L", "EN", "ES", "ET", "CS", "ON"})
"""The bidirectional classes of the characters a word shown bare may hold: letters written
left to right, digits and the signs ``_.@/+-`` (a letter of Arabic or Hebrew is not one)."""


def _show_text(value: str, whole: bool, limit: int | None = MAX_TEXT) -> str:
    """Text bare when it is one simple word, else quoted; cut at ``limit`` unless ``whole``.
    A lone surrogate (in an embedding app's event) shows as U+FFFD: no UTF-8 writes it."""
    if not value.isascii():
        from engine.limits import has_lone_surrogate, replace_lone_surrogates

        if has_lone_surrogate(value):
            value = replace_lone_surrogates(value)
        if whole:  # the printed plan: an override ends with the value (engine.bidi); a
            value = closed(value)  # terminal's line shows it as an escape instead (shown_text)
    short = whole or limit is None or len(value) <= limit
    if short and _a_simple_word(value):
        return value
    shown = value if short or limit is None else clip(value, limit)
    return '"' + shown.replace('"', '\\"') + '"'


def _show_fields(value: dict[Any, Any]) -> str:
    """A group of fields in full, in braces: ``{name: Bo, team: [a and b]}``; by name, as the
    decision's JSON (and a custom action's own parameters) has them, so render and the
    checklist agree whatever order the plan wrote them in."""
    if not value:
        return "an empty group of fields"
    return "{" + custom_parameters(sorted(value.items(), key=lambda item: str(item[0]))) + "}"


def custom_parameters(params: Iterable[tuple[Any, Any]]) -> str:
    """A custom (``x-``) action's parameters in full, as name and value pairs:
    ``level: 2, to: on-call``. The embedding application acts on them, and staff may too, so
    render and the checklist both show every one, whatever its JSON kind, uncut."""
    return ", ".join(f"{show_value(name, True)}: {show_value(v, True)}" for name, v in params)


def custom_action_words(kind: str, params: Iterable[tuple[Any, Any]]) -> str:
    """A custom action and its parameters: ``Custom action x-page (level: 2, to: on-call)``."""
    shown = custom_parameters(params)
    return f"Custom action {kind}" + (f" ({shown})" if shown else "")


def _compared(value: Any, whole: bool = False) -> str:
    """A bound of ``lt``, ``between``...: text always in quotes, as a bare word there reads
    like a number (``"two" or less``, not ``two or less``)."""
    shown = show_value(value, whole)
    if isinstance(value, str) and not shown.startswith('"'):
        return f'"{value}"'
    return shown


def show_list(values: Any, joiner: str = "or", whole: bool = False) -> str:
    """``a, b or c``; long lists end with how many there are in all, unless ``whole``.

    Only the values shown are worded: an event's list of 20,000 labels, shown by explain in
    the reason of each of 300 rules, had each label worded each time (28 s of 43)."""
    return _listed(values, joiner, whole, 0)


def _listed(values: Any, joiner: str | None, whole: bool, depth: int) -> str:
    """:func:`show_list` of a list ``depth`` lists deep; with no ``joiner``, with commas only,
    as a list value is written in its brackets (``[1, 2]``): "[1 and 2]", a custom action's
    parameter, read as one value where the table's other lists have commas (found by
    review)."""
    values = values if isinstance(values, (list, tuple)) else list(values)
    if len(values) > MAX_LISTED and not whole:
        return _cut_list([_show_item(v, False, depth) for v in values[:MAX_LISTED]], len(values))
    shown = [_show_item(v, whole, depth) for v in values]
    return join_words(shown, joiner, whole) if joiner else ", ".join(shown)


def _show_item(value: Any, whole: bool, depth: int) -> str:
    """A value in a list: null is ``null`` there, as "empty (null)" read as two items in
    ``[1, true and empty (null)]``; an empty list is ``[]``, as ``[an empty list]`` read as a
    list holding a phrase (and a group of fields shown in full, ``{}``)."""
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)) and not value:
        return "[]"
    if whole and isinstance(value, dict) and not value:
        return "{}"
    return _show(value, whole, depth)


def _cut_list(shown: list[str], total: int) -> str:
    """The first phrases of a long list, then how many there are in all, grouped by thousands
    as every other count a manager reads (``keeps 1,200 rules: ... (1200 in all)`` had read
    two ways in one message; found by review)."""
    return ", ".join(shown) + f", … ({total:,} in all)"


def join_words(items: list[str], joiner: str = "and", whole: bool = False) -> str:
    """``a, b and c``: phrases joined as in a sentence; long lists end with a count, unless
    ``whole`` (see :func:`show_value`)."""
    if len(items) > MAX_LISTED and not whole:
        return _cut_list(items[:MAX_LISTED], len(items))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {joiner} " + items[-1]


def list_names(names: list[str]) -> str:
    """``a, b, c``: names (of conditions, rules...) listed with commas only, as an ``and``
    would read as part of a condition; a long list cut as :func:`join_words` cuts it."""
    if len(names) > MAX_LISTED:
        return _cut_list(names[:MAX_LISTED], len(names))
    return ", ".join(names)


KIND_WORDS = {
    "number": "a number",
    "text": "text",
    "bool": "true/false",
    "null": "empty",
    "list": "a list",
    "object": "a group of fields",
    "missing": "missing",
    "other": "a value that is not JSON data",
}
"""Each kind of value (see :func:`kind_of`) as the plan language names it."""


EVENT_KIND_WORDS: dict[type, str] = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    dict: "a group of fields",
    list: "a list",
    type(None): "null",
}
"""Each kind of JSON value an event holds (by the class it is read as), as messages about
events name it: the event model's refusals and ``eval --strict`` say the same words."""


def kind_of(value: Any) -> str:
    """The kind of a plan constant or event value: number, text, bool, null, list, object or
    missing (kinds compare only with their own kind; true/false is not a number); other for a
    value of no JSON kind, which only an app's own event holds (a ``Decimal``, a ``set``)."""
    if value is MISSING:
        return "missing"
    if value is None:
        return "null"
    if value is True or value is False:
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "list"
    return "object" if isinstance(value, dict) else "other"


def kind_name(value: Any) -> str:
    """The kind of a value in words: ``a number``, ``text``, ``true/false``...; a value of no
    JSON kind by its class (:func:`not_json_kind`), where explain had called an app's
    ``Decimal("1.5")`` "a group of fields" (found by review)."""
    kind = kind_of(value)
    return not_json_kind(value) if kind == "other" else KIND_WORDS[kind]


def not_json_kind(value: Any) -> str:
    """What a value of a class JSON has no kind for is, in words: the same in an error record
    (``engine.evaluate.json_kind``) as in an explanation."""
    return f"an instance of {type(value).__name__}, which is not JSON data"


def _case(ignore_case: bool) -> str:
    return " in any capitalisation" if ignore_case else ""


def requirement(op: str, const: Any, ignore_case: bool = False, whole: bool = False) -> str:
    """What a test asks of a field, as a noun phrase: ``2 or less``, ``one of gold or silver``
    (``whole``: values uncut, see :func:`show_value`)."""
    case = _case(ignore_case)
    if op == "eq":
        return show_value(const, whole) + case
    if op in ("ne", "not_in"):
        return _other_than(op, const, whole) + case
    if op == "in":
        return _one_of(const, whole) + case
    if op in ("lt", "lte", "gt", "gte"):
        shown = _compared(const, whole)
        return {
            "lt": f"less than {shown}",
            "lte": f"{shown} or less",
            "gt": f"more than {shown}",
            "gte": f"{shown} or more",
        }[op]
    if op == "between":
        return f"between {_compared(const[0], whole)} and {_compared(const[1], whole)}"
    if op == "contains":
        return f"something containing {show_value(const, whole)}{case}"
    if op == "contains_any":
        return f"something containing {show_list(const, whole=whole)}{case}"
    if op == "contains_all":
        return f"something containing {show_list(const, 'and', whole)}{case}"
    if op == "starts_with":
        return f"text starting with {show_value(const, whole)}{case}"
    if op == "ends_with":
        return f"text ending with {show_value(const, whole)}{case}"
    if op == "matches":
        return f"text matching the pattern {show_value(const, whole)}{case}"
    present = const if op == "exists" else not const
    return "a value" if present else "no value"


def _one_of(values: list[Any], whole: bool) -> str:
    """What ``in`` asks: ``one of gold or silver``, one value alone as ``eq`` says it. A null
    among them is said in words, as ``eq: null`` says it, and last: ``one of x or empty
    (null)`` (it read "one of null or x"; found by review)."""
    named = [v for v in values if v is not None]
    null = [show_value(None)] if len(named) < len(values) else []
    if not named:
        return "".join(null)  # (a plan's `in` lists one value at least)
    if len(named) == 1 and not null:
        return show_value(named[0], whole)
    shown = [_show_item(v, whole, 0) for v in named[: None if whole else MAX_LISTED]]
    if len(named) > len(shown):  # a long list cut as show_list cuts it, the null after
        shown = [_cut_list(shown, len(named))]
    return "one of " + join_words(shown + null, "or", whole=True)


def _other_than(op: str, const: Any, whole: bool) -> str:
    """What ``ne`` or ``not_in`` asks: a value of a kind it names, other than those named
    (``text other than gold``). Not "anything but gold": the test is false for no value and
    for a value of another kind, and those words had said the opposite (found by review).
    True/false is named by the value left (``not_in: [true, 1]`` asks for false, or a number
    other than 1); a null listed asks for nothing, so it is not named."""
    values = [v for v in ([const] if op == "ne" else const) if v is not None]
    flags = [v for v in values if v is True or v is False]
    others = [v for v in values if not (v is True or v is False)]
    asked: list[str] = []
    if flags:
        asked += [show_value(flag, whole) for flag in (False, True) if flag not in flags]
    if others:
        kinds = join_words([KIND_WORDS[kind] for kind in dict.fromkeys(map(kind_of, others))], "or")
        named = show_value(others[0], whole) if len(others) == 1 else show_list(others, whole=whole)
        asked.append(f"{kinds} other than {named}")
    return ", or ".join(asked) if asked else "nothing (no value passes this test)"


def negated_requirement(op: str, const: Any, ignore_case: bool = False, whole: bool = False) -> str:
    """What ``not: {test}`` asks of a field: whatever the test is false for (``whole``: the
    values uncut, see :func:`show_value`).

    A test is false for a missing value and for a value of a kind it does not compare with
    (docs/semantics.md), so ``not`` holds for those too and the words must admit them:
    ``not: {ne: main}`` asks for main, no value, or a value that is not text (never just
    "main"), and ``not: {lt: 5}`` for anything but a number less than 5 (not "5 or more").
    """
    case = _case(ignore_case)
    if op in ("exists", "missing"):
        return requirement(op, not const)
    if op in ("eq", "in"):
        return "anything but " + requirement(op, const, ignore_case, whole)
    if op in ("ne", "not_in"):
        return _equal_or_other_kind(op, const, ignore_case, whole)
    if op in ("lt", "lte", "gt", "gte", "between"):
        bounds = const if op == "between" else [const]
        kinds = {kind_of(v) for v in bounds}
        kind = kinds.pop() if len(kinds) == 1 else None
        if kind not in ("number", "text"):  # a bound of no order: the test never holds
            return "anything"
        return f"anything but {KIND_WORDS[kind]} that is {requirement(op, const, whole=whole)}"
    if op == "contains":
        return f"anything not containing {show_value(const, whole)}{case}"
    if op == "contains_any":
        return f"anything containing none of {show_list(const, whole=whole)}{case}"
    if op == "contains_all":
        return f"anything not containing all of {show_list(const, 'and', whole)}{case}"
    return "anything but " + requirement(op, const, ignore_case, whole)  # text starting with...


def _equal_or_other_kind(op: str, const: Any, ignore_case: bool, whole: bool = False) -> str:
    """What ``not`` around ``ne`` or ``not_in`` asks: a value the test names, no value, or a
    value of a kind it does not compare with (``ne`` is false for all three).

    A null in the test never makes ``ne``/``not_in`` hold, so it adds no kind; with nothing
    else, the test never holds and ``not`` admits anything.
    """
    values = [const] if op == "ne" else list(const)
    kinds = list(dict.fromkeys(kind_name(v) for v in values if v is not None))
    if not kinds:
        return "anything"
    named = requirement("eq" if op == "ne" else "in", const, ignore_case, whole)
    return f"{named}, or no value, or a value that is not {join_words(kinds, 'or')}"


def predicate(
    name: str, op: str, const: Any, ignore_case: bool = False, whole: bool = False
) -> str:
    """A field test as a sentence about the event: ``rating is 2 or less``.

    ``name`` is the field as the reader knows it: the path for plan authors, or
    :func:`field_label` for staff. ``whole`` shows the values uncut (see :func:`show_value`).
    """
    case = _case(ignore_case)
    if op == "contains":
        return f"{name} contains {show_value(const, whole)}{case}"
    if op == "contains_any":
        return f"{name} contains {show_list(const, whole=whole)}{case}"
    if op == "contains_all":
        return f"{name} contains {show_list(const, 'and', whole)}{case}"
    if op == "starts_with":
        return f"{name} starts with {show_value(const, whole)}{case}"
    if op == "ends_with":
        return f"{name} ends with {show_value(const, whole)}{case}"
    if op == "matches":
        return f"{name} matches the pattern {show_value(const, whole)}{case}"
    if op in ("exists", "missing"):
        present = const if op == "exists" else not const
        return f"{name} is given" if present else f"{name} is not given"
    return f"{name} is {requirement(op, const, ignore_case, whole)}"


def field_label(path: str) -> str:
    """A field path for staff: ``customer.first_name`` -> ``customer first name``, and an item
    of a list the event schema knows by its place counted from 1: ``order.items.0.name`` ->
    ``order items #1 name``. It read "order items 0 name", and staff count from 1 (found by
    review). A number below any other field may be a name (``scores.2024``): left as written."""
    parts = path.split(".")
    if any(part.isdigit() for part in parts[1:]):
        parts = [_list_item(parts[:at], part) for at, part in enumerate(parts)]
    return " ".join(parts).replace("_", " ")


def _list_item(before: list[str], part: str) -> str:
    """``part`` of a path, as ``#1`` where it is the number of an item of a standard list
    (``order.items``) that ``before`` names."""
    if not part.isdigit() or not before:
        return part
    from engine.eventfields import resolve  # (the schema is read only for such a path)

    info = resolve(".".join(before)).info
    return f"#{int(part) + 1}" if info is not None and "list" in info.kinds else part


FieldLabel = Callable[[str], str]
"""How a field path is named to staff: :func:`field_label`, or one made by
:func:`field_labels` for the fields of one plan."""


def field_labels(paths: Iterable[str]) -> FieldLabel:
    """How staff read the fields of ``paths``: in words (:func:`field_label`), but a field
    whose words another of them shares as the plan writes it. ``customer.first_name`` and
    ``customer_first.name`` both read "customer first name", and a row read "customer first
    name is x" and "customer first name is y" of two fields (found by review)."""
    by_words: dict[str, set[str]] = {}
    for path in paths:
        by_words.setdefault(field_label(path), set()).add(path)
    alike = {path for same in by_words.values() if len(same) > 1 for path in same}
    return lambda path: path if path in alike else field_label(path)


def condition_label(name: str) -> str:
    """A named condition for staff: ``public_channel`` -> ``public channel``."""
    return name.replace("_", " ").replace("-", " ")


def event_types(types: tuple[str, ...] | None) -> str:
    """``a review``, ``an order event or a complaint``, ``any type of event``; a custom type by
    its name, ``an x-chargeback event``, which no standard type's words can be taken for (it
    read ``a chargeback``, and ``x-order`` as ``an order``). Types called events (see
    :data:`_NOT_A_THING`) are said together where they are more: ``a billing, product or order
    event, or a complaint`` (each its own event, it had read "a billing event or a product
    event or an order event or a complaint")."""
    if not types:
        return "any type of event"  # ("any complaint" read like the type `complaint`)
    events = [t for t in types if t in _NOT_A_THING]
    said: list[str] = []
    for kind in types:
        if kind not in _NOT_A_THING:
            said.append(_article(kind))
        elif kind == events[0]:  # the types called events, said at the first of them
            listed = join_words([_words(t) for t in events], "or")
            said.append(f"{_a_or_an(listed)}{listed} event")
    if len(events) > 1 and len(said) > 1:  # its own `or` inside: the last item set off
        return f"{', '.join(said[:-1])}, or {said[-1]}"
    return " or ".join(said)


_NOT_A_THING = frozenset({"contact", "conduct", "product", "order", "billing"})
"""Standard types whose name read as the event itself names some other thing: ``a product
event``, ``a contact event`` (it read "the event is a conduct", "the event is a product" and
"A contact where:", a contact being a person; found by review). A review, a survey and a
complaint are what the customer sent, and keep their names."""


def _article(kind: str) -> str:
    """A type not called an event (see :data:`_NOT_A_THING`) with its article: ``a review``."""
    if kind.startswith("x-"):
        return f"an {kind} event"
    word = _words(kind)
    return _a_or_an(word) + word


def _words(kind: str) -> str:
    """A standard event type in words."""
    return kind.replace("_", " ").replace("-", " ")


def _a_or_an(word: str) -> str:
    """The article of ``word``, whatever its capitals: an event's own type, written
    otherwise than the plan's (`Order`), had been told "the event is a Order"."""
    return "an " if word[:1].lower() in "aeiou" else "a "


def money(amount: Decimal, currency: str) -> str:
    """``24.00 USD``, ``1,500.00 USD``: an amount rounded to the currency's minor unit, grouped
    by thousands as every count in a message is (``engine.errors.counted``). Written as a
    decision writes it, "1000000.00 EUR" stood beside "within 1,440 minutes" and its zeros had
    to be counted (found by review). A decision's amounts stay ungrouped (``format_money``)."""
    return f"{grouped_money(round_money(amount, currency))} {currency}"


_ACTION_VERBS = {
    "apologize": "Apologise to the customer",
    "reply_publicly": "Reply publicly where the complaint was posted",
    "contact_customer": "Contact the customer",
    "compensate": "Offer",
    "replace": "Replace the product",
    "escalate": "Escalate",
    "notify": "Notify",
    "follow_up": "Follow up until the issue is fully resolved",
    "tag": "Tag the case",
    "note": "Record a note",
    "root_cause": "Find the root cause",
    "training": "Arrange training",
    "process_fix": "Fix the process",
}
_CHANNELS = {"in_person": "in person", "meeting": "in a meeting", "letter": "by letter"}
_CHANNELS |= {"social": "on social media", "sms": "by text message (SMS)"}


def channel_words(channel: str) -> str:
    """How an action is done on ``channel``, in words: ``by phone``, ``in person``, ``on
    social media``. The printed plan and the checklist say it alike (the checklist had read
    "Apologise to the customer by in person"; found by review)."""
    return _CHANNELS.get(channel, f"by {channel.replace('_', ' ')}")


def template_text(template: Template, label: FieldLabel = field_label) -> str:
    """A message as staff should read it: fields as ``[customer first name, or "there"]``
    (``[store, or nothing]`` for an empty default, ``[order id]`` for none),
    without the line break a YAML ``|`` block ends with (it shows nothing, and quoted, it
    would put the closing quote on a line of its own)."""
    out: list[str] = []
    for piece in template.pieces:
        if isinstance(piece, FieldSlot):
            named = label(piece.path)
            if piece.default is None:
                out.append(f"[{named}]")
            elif piece.default:
                out.append(f"[{named}, or {_default_quoted(closed(piece.default))}]")
            else:  # `{store|}`: left out when missing, which `[store]` alone did not say
                out.append(f"[{named}, or nothing]")
        else:
            out.append(piece)
    if _written_right_to_left(template):  # each field a unit in the message's direction
        out = [
            isolated(text) if isinstance(piece, FieldSlot) else text
            for piece, text in zip(template.pieces, out, strict=True)
        ]
    return closed("".join(out).rstrip("\r\n"))  # an override ends with the message


def _written_right_to_left(template: Template) -> bool:
    """Whether a message holds words of a script written right to left (its own, or a
    field's default): then each field's ``[...]`` is isolated (:func:`engine.bidi.isolated`);
    a browser laid out ``[customer first name, or "לקוח"]`` in a Hebrew message as
    ``,["לקוח" customer first name, or]`` (seen rendered). A message of no such script is left
    as it was."""
    return any(
        right_to_left(piece.default or "" if isinstance(piece, FieldSlot) else piece)
        for piece in template.pieces
    )


def _default_quoted(default: str) -> str:
    """A field's default set off in quotes that it does not hold: ``"there"``, ``'"friend"'``.

    Quotes of its own, set off with the same quotes, read as three pieces of text:
    ``[customer first name, or ""friend""]``, where the customer reads ``"friend"``, quotes
    included (found by review). A default holding both kinds is written as a plan's text
    values are in a sentence, its double quotes after a backslash."""
    if '"' not in default:
        return f'"{default}"'
    if "'" not in default:
        return f"'{default}'"
    return '"' + default.replace('"', '\\"') + '"'


def values_in_sentence(value: Any) -> Any:
    """A plan's value with each text in it (in lists and groups of fields too) as it goes
    inside a sentence of the printed plan (:func:`engine.bidi.in_sentence`): "channel is one
    of X, Y or Z" with two Hebrew values had read them in reverse order, the comma between
    them taken into their direction. Only the printed plan: a terminal shows the isolates as
    escapes (:func:`engine.errors.shown_text`)."""
    if isinstance(value, str):
        return in_sentence(value)
    if isinstance(value, (list, tuple)):
        return [values_in_sentence(item) for item in value]
    if isinstance(value, dict):
        return {values_in_sentence(k): values_in_sentence(v) for k, v in value.items()}
    return value


def describe_plan_action(
    action: Action,
    currency: str,
    label: FieldLabel = field_label,
    cap: Decimal | None = None,
    threshold: Decimal | None = None,
) -> str:
    """One action of a rule in words (not yet applied to an event): what, to whom, by when;
    its fields named by ``label``, a fixed offer held to the plan's limit ``cap``, an offer
    that can be above the approval ``threshold`` saying a manager approves it
    (:func:`compensation_words`)."""
    if action.type in _ACTION_VERBS:
        text = _ACTION_VERBS[action.type]
    else:  # a custom action's parameters are all in `extra`: only its `within` follows
        text = custom_action_words(action.type, values_in_sentence(action.extra))
    if action.type == "compensate":
        text += " " + compensation_words(action, currency, label, cap, threshold)
    elif action.type == "replace":
        text += " free of charge"
        if action.shipping:
            text += f", {action.shipping} shipping"
        if action.item is not None:
            text += f" ({in_sentence(template_text(action.item, label))})"
    elif action.channel:
        how = channel_words(action.channel)
        if action.type == "follow_up":
            text = f"Follow up {how} until the issue is fully resolved"
        else:
            text += f" {how}"
    if action.to:  # each of the plan's own texts closed where it ends, isolated (engine.bidi)
        to = in_sentence(action.to)
        text += f" {to}" if action.type == "notify" else f" to {to}"
    if action.owner:
        text += f" (owner: {in_sentence(action.owner)})"
    if action.within:
        text += f", within {describe_duration(action.within)}"
    if action.tags:  # after the deadline: `public, review, within 1 day` read as a third tag
        text += ": " + ", ".join(in_sentence(tag) for tag in action.tags)
    return text


def compensation_words(
    action: Action,
    currency: str,
    label: FieldLabel = field_label,
    cap: Decimal | None = None,
    threshold: Decimal | None = None,
) -> str:
    """A compensation as the plan sizes it: a fixed amount as deciding offers it (within the
    rule's own min and max, by :func:`~engine.compensation.fixed_offer`, and within the plan's
    limit per complaint ``cap`` when given), so the printed plan never shows an amount that is
    not paid; a percentage with its bounds. A fixed amount above the cap had read "a refund of
    500.00 USD" under "Never more than 150.00 USD", and staff offered the 500 (found by
    review).

    With the plan's ``approval_above`` as ``threshold``, an offer that deciding would flag
    ``needs_approval`` says so: "a store credit of 60.00 EUR" under a threshold of 50 read as
    something staff just give, the approval said only in the policy lines above the table
    (found by review). A percentage says it when its most, within its ``max`` and the plan's
    limit, can be above the threshold, and never when it cannot."""
    kind = (action.kind or "compensation").replace("_", " ")
    article = _a_or_an(kind)
    step = money_step(currency)
    limit = None if cap is None else round_money(cap, currency)
    held = None if threshold is None else round_money(threshold, currency)  # as deciding holds it
    fixed = fixed_offer(action, step)
    if fixed is not None:
        given = money(fixed[0], currency)
        notes = []
        if limit is not None and 0 < limit < fixed[0]:  # (a cap of 0: the policy says none)
            text = f"{article}{kind} of {money(limit, currency)}"
            notes.append(f"the plan's limit per complaint; the rule says {given}")
        else:
            text = f"{article}{kind} of {given}"
        if held is not None and _most_given(fixed[0], limit) > held:
            notes.append("a manager approves it")
        return text + (f" ({'; '.join(notes)})" if notes else "")
    percent = plain_number(action.percent) if action.percent is not None else "?"
    text = f"{article}{kind} of {percent}% of {label(action.of or '')}"
    limits = []
    if action.min is not None:
        limits.append(f"at least {money(action.min, currency)}")
    if action.max is not None:
        limits.append(f"at most {money(action.max, currency)}")
    notes = [", ".join(limits)] if limits else []
    most = offer_most(action, step)
    if held is not None and _most_given(None if most is None else most[0], limit) > held:
        notes.append(f"a manager approves it above {money(held, currency)}")
    return text + (f" ({'; '.join(notes)})" if notes else "")


def _most_given(most: Decimal | None, cap: Decimal | None) -> Decimal:
    """The most one offer can give, ``most`` (None: no bound) within the plan's limit per
    complaint ``cap`` (rounded; None: no limit); infinity when nothing bounds it."""
    if cap is not None and (most is None or cap < most):
        return cap
    return Decimal("Infinity") if most is None else most


NOT_MADE_BECAUSE = {
    "smaller-offer": "a larger offer is made: the plan combines offers by the largest",
    "cap-reached": "the plan's limit per complaint was reached",
    "zero-amount": "it came to 0",
    "unresolved": "the event could not size it",
}
"""Why an offer of a decision's ``compensation.superseded`` was not made, in words."""

_TIED = (
    "an offer as large is made, by a rule that fires first: the plan combines offers by the "
    "largest, and of two as large makes the first"
)


def not_made_because(record: dict[str, Any], summary: dict[str, Any]) -> str:
    """Why the offer ``record`` of ``summary``'s ``superseded`` was not made, in words: an
    offer as large as the one made is told so, not as smaller. A voucher of 50 set aside
    beside a voucher of 50 had been "not made (a larger offer is made)", which the agent
    could see was false (found by a new user's trial).

    Under a limit per complaint of 0 no offer is made, and that is why each was set aside:
    the smaller offers had been "not made (a larger offer is made)" and the largest "(the
    plan's limit per complaint was reached)", beside a total of 0 (found by review). A larger
    offer cut by the limit below this one is said with its amounts, as the total line says
    them, so "a larger offer is made" is not read against a smaller total."""
    reason = record["reason"]
    if reason in _LIMITED and summary.get("cap") is not None and not Decimal(summary["cap"]):
        return f"the plan's limit per complaint is {money_of(summary['cap'], summary)}: it allows no offer"
    if reason != "smaller-offer":
        return NOT_MADE_BECAUSE.get(reason, str(reason))
    if unsized_set_aside(record):  # its most (its max) is no more than the offer made
        return _UNSIZED_SMALLER
    amount, offered = Decimal(record["amount"]), Decimal(summary["offered"])
    # (`offered` is the offer made before the plan's limit, `total` what is given after it)
    tied = amount == offered
    said = _TIED if tied else NOT_MADE_BECAUSE[reason]
    if summary.get("capped") and Decimal(summary["total"]) < amount:
        cut = (
            f", then cut to {money_of(summary['total'], summary)} by the plan's limit per complaint"
        )
        if not tied:
            cut = f", of {money_of(summary['offered'], summary)}{cut}"
        head, _, why = said.partition(":")  # the cut said of the offer made, before the why
        said = f"{head}{cut}:{why}"
    return said


_LIMITED = ("smaller-offer", "cap-reached")
"""The reasons a limit per complaint of 0 makes untrue: no offer is made at all."""

_UNSIZED_SMALLER = (
    "the most it could come to is no more than the offer made: the plan combines offers by the "
    "largest"
)
"""Why an offer the event could not size, whose ``max`` is below the offer made, was set aside
(``smaller-offer``): "a larger offer is made" said of an offer of no amount had no meaning."""


def unsized_set_aside(record: dict[str, Any]) -> bool:
    """Whether the offer ``record`` of a decision's ``compensation.superseded`` is one the event
    could not size: ``unresolved``, or a ``smaller-offer`` or ``cap-reached`` of 0. An offer
    sized to 0 is set aside as ``zero-amount`` and is never the one made nor cut by the limit
    (``engine.compensation``), so only a percentage of a field the event lacks, without a
    ``min``, is recorded at 0 for those reasons. Written with its amount, it had been "not
    made: rule late's offer of 0.000 KWD", an offer of nothing no rule wrote (found by
    review)."""
    reason = record["reason"]
    return reason == "unresolved" or (reason in _LIMITED and not Decimal(record["amount"]))


def offer_set_aside(record: dict[str, Any], summary: dict[str, Any]) -> str:
    """The offer ``record`` of ``summary``'s ``superseded`` named: its rule and its amount with
    the currency (``rule late's offer of 5.000 KWD``), or, for one the event could not size
    (:func:`unsized_set_aside`), that it could not, not its 0."""
    if unsized_set_aside(record):
        return f"rule {record['rule']}'s offer of an amount the event could not size"
    return f"rule {record['rule']}'s offer of {money_of(record['amount'], summary)}"


def money_of(amount: Any, summary: dict[str, Any]) -> str:
    """``amount`` of a decision's compensation ``summary`` with its currency, grouped as the
    checklist's total line writes it (``1,200.00 EUR``)."""
    return f"{grouped_money(amount)} {summary['currency']}"


def ordinal_number(at: int) -> str:
    """``2nd`` for the place ``at`` 1, counted from 0 (``11th``, ``21st``, ``112th``)."""
    number = at + 1
    suffix = (
        "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def number_runs(numbers: Iterable[int], number: Callable[[int], str] = str) -> str:
    """Ascending numbers as runs of consecutive ones, each number written by ``number``: ``1–3,
    5, 6, 9`` (an en dash between the ends of a run of three or more). The rows of a tag in the
    rendered plan and the rules explain folds are read as a few runs, not 80 numbers."""
    runs: list[tuple[int, int]] = []
    for at in numbers:
        if runs and runs[-1][1] == at - 1:
            runs[-1] = (runs[-1][0], at)
        else:
            runs.append((at, at))
    said = []
    for first, last in runs:
        if first == last:
            said.append(number(first))
        else:
            said.append(f"{number(first)}{', ' if last == first + 1 else '–'}{number(last)}")
    return ", ".join(said)
