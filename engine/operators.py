"""What each operator means, written plainly: the reference semantics.

The compiled matcher (``engine.compile``) generates faster code for the same operators; this
module is the readable definition it must agree with. ``explain`` uses it to say why a rule did
or did not fire, and the differential tests compare the two on random plans and events.

Rules of the language (see docs/semantics.md):

* a field that is missing makes every test false, except ``exists: false`` / ``missing: true``;
* values compare only with values of the same kind: numbers with numbers (true/false is not a
  number), text with text; a test across kinds is false, ``ne`` and ``not_in`` included;
* a float that is not finite (NaN, an infinity: JSON has no such number, but an embedding
  app's event may hold one, pandas writes NaN for a missing value) is of no kind a test
  compares with: every test on it is false but ``exists``, as for text in a number field;
* text is compared composed (Unicode NFC, ``engine.textforms``): an `é` written as `e` and a
  combining accent equals the `é` of one character, as they look the same;
* ``ignore_case`` compares text case-insensitively (Unicode case folding, after composing);
* text is a ``str`` and a list a ``list``, exactly, as JSON gives them and as the compiled
  matcher reads them: a subclass (an ``enum.StrEnum`` member) is not read as its base type.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from engine.fields import MISSING
from engine.limits import MAX_VALUES
from engine.regex import compile_regex
from engine.textforms import composed, fold, one_spelling


def is_number(value: Any) -> bool:
    """A JSON number: an int or a finite float, never bool (nor NaN or an infinity, which
    JSON has not: see :func:`is_non_finite`)."""
    return value.__class__ is int or (value.__class__ is float and -math.inf < value < math.inf)


def is_non_finite(value: Any) -> bool:
    """Whether the value is a float JSON has no number for: NaN, infinity or minus infinity.

    Why it matters: ``backplan eval`` refuses ``NaN`` and ``1e400`` in JSON text, but an
    embedding app passes Python's floats as they are (pandas writes NaN for a missing value).
    Compared as numbers, NaN held ``ne: 1`` and minus infinity ``lte: 2``: a rule fired on a
    value that is no rating at all. Such a value is off the event schema, as text in a number
    field is, and every test but ``exists`` fails on it."""
    return value.__class__ is float and not -math.inf < value < math.inf


def same_kind(a: Any, b: Any) -> bool:
    """Whether two values are of a kind that compares: number/number, text/text, bool/bool."""
    if is_number(a):
        return is_number(b)
    if a is None or b is None:
        return a is None and b is None
    return a.__class__ is b.__class__ and a.__class__ in (str, bool)


def equal(value: Any, const: Any, ignore_case: bool = False) -> bool:
    """Equality of a field value and a plan constant, kinds respected."""
    if not same_kind(value, const):
        return False
    if value.__class__ is str:
        if ignore_case:
            return fold_text(value) == fold(const)
        return composed_text(value) == composed(const)
    return bool(value == const)


FOLD_MEMO_TEXTS = MAX_VALUES
FOLD_MEMO_CHARS = 4_000_000
"""How many texts, and characters with their folded or composed forms, ``fold_text`` and
``composed_text`` remember: every text of an event ``backplan eval`` accepts (a line of at most
1 MiB, at most ``MAX_VALUES`` values) fits, so each is folded once, and one event's texts never
push each other out (4,096 texts had: a list of 5,000 labels emptied the memo in every chunk of
rules, slower than no memo)."""
FOLDED_TEXTS: dict[int, tuple[str, str]] = {}
"""The memo of ``fold_text`` and ``composed_text``: id of a text -> (the text, folded), and
minus its id -> (the text, composed). Deciding an event empties it first
(``engine.evaluate.Decider.decide``): a text of one event is never met again by identity in the
next, which is parsed anew, so keeping it would only keep customers' words in memory (up to
:data:`FOLD_MEMO_CHARS` characters of them) after their decision was made."""
_folded_chars = 0


def fold_text(text: str) -> str:
    """``text`` case-folded, remembering the texts folded last by identity.

    Why: one event's text meets many ``ignore_case`` tests (10,000 rules of a multi-store plan,
    or one ``contains_any`` of 10,000 texts), and folding it again for each made one event of
    100,000 ``ß`` cost seconds. A ``str`` never changes and each remembered one is held (so its
    identity cannot be reused), so an answer never depends on an earlier event; threads that
    interleave, or texts beyond the memo's size, only fold more often.
    """
    known = FOLDED_TEXTS.get(id(text))
    if known is not None and known[0] is text:
        return known[1]
    folded = text.casefold() if text.isascii() else fold(text)  # (no call for ASCII: the usual)
    return _remembered(id(text), text, folded)


def composed_text(text: str) -> str:
    """An event's ``text`` composed (``engine.textforms.composed``), remembering the texts
    composed last by identity, as :func:`fold_text` folds them.

    Why: every test reads an event's text composed, and one text meets many tests; composing
    it again for each made 1,000 rules of ``contains: refund`` take 133 ms an event on a
    French review of 100,000 characters, against 0.2 ms for one in ASCII, which is composed
    already (and never remembered)."""
    if text.isascii():
        return text
    known = FOLDED_TEXTS.get(-id(text))
    if known is not None and known[0] is text:
        return known[1]
    return _remembered(-id(text), text, unicodedata.normalize("NFC", text))


def _remembered(key: int, text: str, form: str) -> str:
    """``form``, a form of ``text``, kept in :data:`FOLDED_TEXTS` under ``key`` while it fits."""
    global _folded_chars  # noqa: PLW0603 - the memo's size, reset with it
    size = len(text) + len(form)
    if not FOLDED_TEXTS:  # emptied by a new decision since
        _folded_chars = 0
    if len(FOLDED_TEXTS) >= FOLD_MEMO_TEXTS or _folded_chars + size > FOLD_MEMO_CHARS:
        FOLDED_TEXTS.clear()
        _folded_chars = 0
    if size <= FOLD_MEMO_CHARS:
        FOLDED_TEXTS[key] = (text, form)
        _folded_chars += size
    return form


def fold_list(items: list[Any]) -> frozenset[str]:
    """The case-folded texts among a list's items: what an ``ignore_case`` ``contains`` looks
    for in a list, built once per list and chunk of rules, each text folded once an event."""
    return frozenset(fold_text(item) for item in items if item.__class__ is str)


def _fold(text: str, ignore_case: bool) -> str:
    """What a test reads of an event's text: folded (composed too), or composed."""
    return fold_text(text) if ignore_case else composed_text(text)


def _plan_text(text: str, ignore_case: bool) -> str:
    """What a test compares with of a plan's text: folded, or composed."""
    return fold(text) if ignore_case else composed(text)


def contains(value: Any, const: Any, ignore_case: bool = False) -> bool:
    """Text contains text, or a list contains an equal item."""
    if value.__class__ is str:
        if not isinstance(const, str):
            return False
        return _plan_text(const, ignore_case) in _fold(value, ignore_case)
    if value.__class__ is list:
        if const.__class__ is str:
            texts = _event_set(value, ignore_case)
            if texts is not None:
                return _plan_text(const, ignore_case) in texts
            if not ignore_case:
                return _holds_text(value, composed(const))
        return any(equal(item, const, ignore_case) for item in value)
    return False


def _holds_text(items: list[Any], text: str) -> bool:
    """Whether a list has an item of the class ``str`` equal to ``text``, as ``equal`` says,
    found by ``in`` and ``list.index`` (C) and not by calling ``equal`` item by item: explain
    tests an event's list once per rule, and 300 rules on 20,000 labels made 6 million calls
    (14 s).

    Both ask each item's own ``==``, which an embedding app's value may answer with neither
    true nor false (pandas' ``NA``: its truth raises TypeError; a numpy array: ValueError,
    which ``list.index`` also raises for "not found", so it is asked only once ``in`` has
    found an equal item). Such an item, and an equal subclass of ``str`` found first, send the
    list to :func:`_text_item_by_item`, which asks only items that are text."""
    try:
        if text not in items:  # nor composed, for a text of one spelling (the usual)
            return not one_spelling(text) and _text_item_by_item(items, text)
        at = items.index(text)
    except Exception:  # raised by an item's == or its answer's truth: the app's own code
        return _text_item_by_item(items, text)
    return items[at].__class__ is str or _text_item_by_item(items, text)


def _text_item_by_item(items: list[Any], text: str) -> bool:
    """:func:`_holds_text` asking no item that is not text (of the class ``str``) anything,
    each composed: ``in`` finds only an item written as the (composed) text is."""
    return any(item.__class__ is str and composed(item) == text for item in items)


SHORT_LIST = 16
"""A list of at most this many items is searched item by item for a text; a longer one is made
into a set of its texts first (see :func:`list_texts`)."""


def list_texts(items: list[Any]) -> list[Any] | frozenset[str]:
    """What a ``contains`` of a text looks in for a list: the list itself when it is short, else
    :func:`text_set`. A short list found to hold the text must still be confirmed by
    :func:`contains`: ``in`` also takes an equal subclass of ``str``."""
    if len(items) <= SHORT_LIST:
        return items
    return text_set(items)


def text_set(items: list[Any]) -> frozenset[str]:
    """The items of a list that are text (of the class ``str``: what ``contains`` finds).

    Why: an event's list meets a ``contains`` test per rule, and searching it item by item each
    time made one event with a list of 100,000 labels take 18 s against 5,000 rules. Making the
    set costs more than searching a short list (the usual few tags), so it is made for a long
    list only, once for the event (see :func:`remembered_set`) or per test of many texts.
    """
    return frozenset(composed(item) for item in items if item.__class__ is str)


ListSets = dict[tuple[int, bool], tuple[list[Any], frozenset[str]]]
"""Sets made of an event's long lists (its texts, or their folded forms), by list identity and
kind: see :func:`remembered_set`."""

_event_sets: ContextVar[ListSets | None] = ContextVar("backplan_event_sets", default=None)
"""The sets of the event being explained (``one_event``), where :func:`contains` looks."""


def remembered_set(memo: ListSets, items: list[Any], *, folded: bool) -> frozenset[str]:
    """The set of a long list's texts, folded or as they are, made once per ``memo``: whoever
    tests one event's list against many rules keeps a memo for that event, and drops it before
    the next (an app may change a list between two calls). The memo keeps each list alive, so
    its id is not reused while the entry is there; the identity check makes an entry answer
    only for its own list."""
    key = (id(items), folded)
    known = memo.get(key)
    if known is not None and known[0] is items:
        return known[1]
    made = fold_list(items) if folded else text_set(items)
    memo[key] = (items, made)
    return made


def _event_set(items: list[Any], folded: bool) -> frozenset[str] | None:
    """Inside :func:`one_event`, the set of a long list's texts made once for the event; None
    for a short list (searched as it is) or outside one."""
    memo = _event_sets.get() if len(items) > SHORT_LIST else None  # short: no ContextVar read
    return None if memo is None else remembered_set(memo, items, folded=folded)


@contextmanager
def one_event() -> Iterator[None]:
    """Within it, :func:`contains` makes the set of each long list's texts once, for all its
    tests: ``explain`` tests an event's lists once per rule, and 5,000 rules on 100,000 labels
    took 13 s searching the list for each. The event's lists must not change inside."""
    if _event_sets.get() is not None:  # inside another: its memo serves
        yield
        return
    token = _event_sets.set({})
    try:
        yield
    finally:
        _event_sets.reset(token)


def _contains_test(value: Any, ignore_case: bool) -> Callable[[Any], bool]:
    """``contains(value, ·, ignore_case)`` with the value folded, or made a set, once for a
    list of plan values: doing it again for each of 10,000 texts cost seconds an event."""
    if value.__class__ is list:
        texts: list[Any] | frozenset[str] | None = _event_set(value, ignore_case)
        if texts is None:
            texts = fold_list(value) if ignore_case else list_texts(value)
        if texts.__class__ is frozenset:
            return lambda const: (
                _plan_text(const, ignore_case) in texts
                if const.__class__ is str
                else contains(value, const)
            )
    return lambda const: contains(value, const, ignore_case)  # text: fold_text remembers it


def _ordered(value: Any, const: Any) -> bool:
    return (is_number(value) and is_number(const)) or (
        value.__class__ is str and isinstance(const, str)
    )


def _as_ordered(value: Any) -> Any:
    """A value as ``lt``... ``between`` order it: a text composed, a number as it is."""
    return composed_text(value) if value.__class__ is str else value


def _eq(v: Any, c: Any, ic: bool) -> bool:
    return equal(v, c, ic)


def _ne(v: Any, c: Any, ic: bool) -> bool:
    return v is not MISSING and same_kind(v, c) and not equal(v, c, ic)


def _in(v: Any, c: Any, ic: bool) -> bool:
    return any(equal(v, item, ic) for item in c)


def _not_in(v: Any, c: Any, ic: bool) -> bool:
    return any(same_kind(v, item) for item in c) and not _in(v, c, ic)


def _lt(v: Any, c: Any, ic: bool) -> bool:
    return _ordered(v, c) and bool(_as_ordered(v) < _as_ordered(c))


def _lte(v: Any, c: Any, ic: bool) -> bool:
    return _ordered(v, c) and bool(_as_ordered(v) <= _as_ordered(c))


def _gt(v: Any, c: Any, ic: bool) -> bool:
    return _ordered(v, c) and bool(_as_ordered(v) > _as_ordered(c))


def _gte(v: Any, c: Any, ic: bool) -> bool:
    return _ordered(v, c) and bool(_as_ordered(v) >= _as_ordered(c))


def _between(v: Any, c: Any, ic: bool) -> bool:
    low, high = c
    if not (_ordered(v, low) and _ordered(v, high)):
        return False
    return bool(_as_ordered(low) <= _as_ordered(v) <= _as_ordered(high))


def _contains(v: Any, c: Any, ic: bool) -> bool:
    return contains(v, c, ic)


def _contains_any(v: Any, c: Any, ic: bool) -> bool:
    if not ic and v.__class__ is not list:
        return any(contains(v, item) for item in c)
    test = _contains_test(v, ic)
    return any(test(item) for item in c)


def _contains_all(v: Any, c: Any, ic: bool) -> bool:
    if v.__class__ is not str and v.__class__ is not list:
        return False
    test = _contains_test(v, ic)
    return all(test(item) for item in c)


def _starts_with(v: Any, c: Any, ic: bool) -> bool:
    return v.__class__ is str and _fold(v, ic).startswith(_plan_text(c, ic))


def _ends_with(v: Any, c: Any, ic: bool) -> bool:
    return v.__class__ is str and _fold(v, ic).endswith(_plan_text(c, ic))


def _matches(v: Any, c: Any, ic: bool) -> bool:
    return v.__class__ is str and _compiled(composed(c), ic).search(composed_text(v)) is not None


@functools.lru_cache(maxsize=1024)
def _compiled(pattern: str, ignore_case: bool) -> Any:
    """A pattern compiled once: lint tries every earlier rule's tests on each later rule's
    example events, and compiling with RE2 on each call made a plan of 1,000 `matches` rules
    take 34 s to lint, against 3 s (a compiled pattern is safe to share between threads)."""
    return compile_regex(pattern, ignore_case=ignore_case)


def _present(v: Any) -> bool:
    return v is not MISSING and v is not None


def _exists(v: Any, c: Any, ic: bool) -> bool:
    return _present(v) is c


def _missing(v: Any, c: Any, ic: bool) -> bool:
    return (not _present(v)) is c


OPERATOR_SEMANTICS: dict[str, Callable[[Any, Any, bool], bool]] = {
    "eq": _eq,
    "ne": _ne,
    "in": _in,
    "not_in": _not_in,
    "lt": _lt,
    "lte": _lte,
    "gt": _gt,
    "gte": _gte,
    "between": _between,
    "contains": _contains,
    "contains_any": _contains_any,
    "contains_all": _contains_all,
    "starts_with": _starts_with,
    "ends_with": _ends_with,
    "matches": _matches,
    "exists": _exists,
    "missing": _missing,
}
"""operator name -> test(field value, plan constant, ignore_case)."""


def holds(op: str, value: Any, const: Any, ignore_case: bool = False) -> bool:
    """Whether ``value <op> const`` holds under the language's rules."""
    return OPERATOR_SEMANTICS[op](value, const, ignore_case)
