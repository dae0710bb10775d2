"""Example events that meet a condition: the cheap half of lint's "does B imply A?".

Lint proves that whenever rule B matches, rule A matches too by reasoning about the conditions
(:func:`engine.logic.implies`), up to :data:`engine.logic.MAX_STEPS` steps of case analysis.
Between most pairs of rules there is no such proof to find, and looking for it is what lint's
time went to: 10.9 s for a plan of 200 rules of three ``any`` lists each under ``match: first``.
One event that meets B and not A settles it at once: A is not implied.

So a few events are made from B's own tests (an alternative of each ``any``, a value for each
field that passes its tests), and only those that the reference semantics
(:func:`engine.operators.holds`, through :meth:`engine.logic.Atom.passes`) say meet B are
kept. An example can only ever skip a proof that would have failed: lint's findings are the
same with it or without it, only sooner.
"""

from __future__ import annotations

import array
import functools
import importlib
import itertools
import re
import sys
import warnings
from collections.abc import Iterator, Sequence
from typing import Any, Final

from engine.fields import MISSING, lookup, split_path
from engine.logic import Atom, Both, Either, Node
from engine.operators import is_number
from engine.regex import RegexError, class_spans, compile_regex, flags_scoped

MAX_EXAMPLES: Final = 4
"""How many examples a condition keeps: each earlier rule is tried against all of them."""
MAX_OTHER_VALUES: Final = 4
"""How many values a test refuses :func:`failing` tries in its field."""
MAX_TRIES: Final = 64
"""How many combinations of ``any`` alternatives are tried for them (they multiply)."""

_NO_VALUE: Final[Any] = object()
"""No value tried passes a field's tests together."""

_PLAIN: Final = (MISSING, None, "", "x", 0, 1, -1, True, False)
"""Values tried for every field after those drawn from its tests (and an empty list and
group, made anew each time: an event's groups are filled in place)."""


def meets(nodes: Sequence[Node], event: dict[str, Any]) -> bool:
    """Whether the event meets every node (the language's own semantics of each test)."""
    return all(_holds(node, event) for node in nodes)


def _holds(node: Node, event: dict[str, Any]) -> bool:
    if isinstance(node, Atom):
        return node.passes(lookup(event, split_path(node.field)))
    if isinstance(node, Both):
        return all(_holds(item, event) for item in node.items)
    return any(_holds(item, event) for item in node.items)


class Examples:
    """A few events that meet a conjunction, made when first asked for."""

    __slots__ = ("_branches", "_conjuncts", "_events")

    def __init__(self, conjuncts: Sequence[Node]) -> None:
        self._conjuncts = conjuncts
        self._events: tuple[dict[str, Any], ...] | None = None
        self._branches = any(_has_any(node) for node in conjuncts)

    def events(self) -> tuple[dict[str, Any], ...]:
        """The examples (none when no combination tried gave one)."""
        if self._events is None:
            self._events = tuple(_examples(self._conjuncts))
        return self._events

    def may_imply(self, wanted: Sequence[Node]) -> bool:
        """False when an example meets the conjunction and not all of ``wanted``: then the
        conjunction does not imply ``wanted``, and no proof need be tried.

        Asked only of a conjunction that holds an ``any`` list: without one, the proof reasons
        by no cases and is quicker than trying ``wanted`` on the examples (a plan of 1,000
        rules of a `matches` test and an `ne` took 11 s to lint with them, 3.7 s without)."""
        if not self._branches:
            return True
        return all(meets(wanted, event) for event in self.events())


def failing(event: dict[str, Any], test: Atom, wanted: Sequence[Node]) -> Iterator[dict[str, Any]]:
    """Events like ``event``, but with the test's field given a value the test refuses, that
    still meet ``wanted``: an example without a store meets a rule of ``not: {field: store,
    eq: S1}``, and one from ``S1`` does not."""
    parts = split_path(test.field)
    drawn = _tried_values([Atom(test.field, test.op, test.value, test.ignore_case)])
    own = test.value if test.op == "not_in" else (test.value,) if test.op == "ne" else ()
    # Without the field first (a complaint without a rating is likelier than one rated `""`)
    drawn = (v for v in drawn if v is not MISSING)
    tried = (v for v in itertools.chain(own, [MISSING], drawn) if not test.passes(v))
    for value in itertools.islice(tried, MAX_OTHER_VALUES):
        changed = _replaced(event, parts, value)
        if changed is not None and meets(wanted, changed):
            yield changed


def _replaced(event: dict[str, Any], parts: tuple[str, ...], value: Any) -> dict[str, Any] | None:
    """A copy of the event with one field's value replaced (removed for MISSING), its groups
    on the way copied; None when another field's value is in the way."""
    changed = dict(event)
    group = changed
    for part in parts[:-1]:
        inner = group.get(part, {})
        if type(inner) is not dict:
            return None
        group[part] = group = dict(inner)
    if value is MISSING:
        group.pop(parts[-1], None)
    else:
        group[parts[-1]] = value
    return changed


def _has_any(node: Node) -> bool:
    """Whether an ``any`` list is in the node (where a proof reasons by cases)."""
    if isinstance(node, Atom):
        return False
    return isinstance(node, Either) or any(_has_any(item) for item in node.items)


def _examples(conjuncts: Sequence[Node]) -> Iterator[dict[str, Any]]:
    found = 0
    for tried, term in enumerate(_terms(list(conjuncts))):
        if tried >= MAX_TRIES or found >= MAX_EXAMPLES:
            return
        event = _event_for(term)
        if event is not None and meets(conjuncts, event):
            found += 1
            yield event


def _terms(nodes: list[Node]) -> Iterator[list[Atom]]:
    """The field tests of each way through the ``any`` lists, one alternative of each, the
    first alternatives first. Walked with a stack, and what is left to walk and what is chosen
    kept as linked pairs, so each step costs the same however many lists the rule has (a rule
    of 1,000 `any` lists, walked by recursion and copied lists, ran out of Python's stack)."""
    todo: _Linked = None
    for node in reversed(nodes):
        todo = (node, todo)
    ways: list[tuple[_Linked, _Linked]] = [(todo, None)]  # (what is left, what is chosen)
    while ways:
        todo, chosen = ways.pop()
        while todo is not None:
            node, todo = todo
            if isinstance(node, Atom):
                chosen = (node, chosen)
            elif isinstance(node, Both):
                for item in reversed(node.items):
                    todo = (item, todo)
            elif node.items:  # the other alternatives are taken later, in order
                ways.extend(((item, todo), chosen) for item in reversed(node.items[1:]))
                todo = (node.items[0], todo)
            else:  # pragma: no cover - the schema refuses an empty list (`too-few`)
                break  # an empty `any` never holds: no way through
        else:
            yield _listed(chosen)


_Linked = tuple[Any, Any] | None
"""A list as nested pairs, (first, rest), ended by None: prepending shares the rest."""


def _listed(chosen: _Linked) -> list[Atom]:
    """The tests chosen, in the order met."""
    out: list[Atom] = []
    while chosen is not None:
        test, chosen = chosen
        out.append(test)
    out.reverse()
    return out


def _event_for(term: list[Atom]) -> dict[str, Any] | None:
    """An event with, for each field the tests name, a value passing all its tests; None when
    no value tried passes them (the alternatives chosen may well contradict each other)."""
    by_field: dict[str, list[Atom]] = {}
    for test in term:
        by_field.setdefault(test.field, []).append(test)
    event: dict[str, Any] = {}
    # Deeper fields first: `customer.tier` makes the group `customer`, which a test of
    # `customer` (`exists`) is then tried on. In the order written, `customer` got a text
    # first and left no room for `customer.tier`: a VIP rule of both before an allergy rule
    # got no example, and stop-hides-escalation said nothing (found by mutation testing).
    for field, tests in sorted(by_field.items(), key=lambda item: -len(split_path(item[0]))):
        parts = split_path(field)
        made = lookup(event, parts)
        if made is not MISSING:  # the group of a deeper field's value: the field's own value
            if not all(t.passes(made) for t in tests):
                return None
            continue
        value = next(
            (v for v in _tried_values(tests) if all(t.passes(v) for t in tests)), _NO_VALUE
        )
        if value is _NO_VALUE:
            return None
        if value is not MISSING and not _put(event, parts, value):
            return None
    return event


def _put(event: dict[str, Any], parts: tuple[str, ...], value: Any) -> bool:
    """Set a path's value, making the groups on the way; False when another field's value
    is in the way (``customer`` as text, and ``customer.tier``)."""
    group = event
    for part in parts[:-1]:
        inner = group.setdefault(part, {})
        if type(inner) is not dict:
            return False
        group = inner
    if parts[-1] in group:
        return False
    group[parts[-1]] = value
    return True


def _tried_values(tests: list[Atom]) -> Iterator[Any]:
    """Values likely to pass a field's tests, drawn from the tests' own values, then plain ones."""
    texts: list[str] = []
    found: list[str] = []  # a text each pattern finds
    starts = ends = ""
    for test in tests:
        op, value = test.op, test.value
        if test.negated:
            continue
        if op == "eq":
            yield value
        elif op == "in":
            yield from value
        elif op == "starts_with":
            starts = value
        elif op == "ends_with":
            ends = value
        elif op == "contains":
            texts.append(value)
        elif op in ("contains_any", "contains_all") and value:
            texts.extend(value if op == "contains_all" else value[:1])
        elif op == "matches":
            found.extend(filter(None, [pattern_example(value, test.ignore_case)]))
        for bound in _numbers(op, value):
            yield from (bound, bound + 1, bound - 1, bound + 0.5, bound - 0.5)
    if all(isinstance(t, str) for t in texts):
        yield starts + "".join(texts) + ends
        # Each pattern's text, after the others' (in both orders: one may be anchored at the
        # start), apart by spaces so that `\bvip\b` and `\ballerg` both find theirs; and a
        # pattern's text first, the other tests' texts after it: `^refund` beside `contains:
        # late` had only "late refund" tried, and a stop rule of it before an escalating rule
        # of `late` was not told (found by review).
        for order in (found, found[::-1])[: min(len(found), 2)]:
            yield " ".join(filter(None, [starts + "".join(texts), *order, ends]))
            yield " ".join(filter(None, [order[0], "".join(texts), *order[1:], ends]))
        # Each pattern's text alone: `^refund$` beside `^refund` (or `starts_with: ref`) is
        # met by "refund", never by two texts joined.
        yield from dict.fromkeys(found)
    yield list(texts)
    yield from _PLAIN
    yield from ([], {})


def _numbers(op: str, value: Any) -> list[Any]:
    if op in ("lt", "lte", "gt", "gte") and is_number(value):
        return [value]
    if op == "between" and all(is_number(v) for v in value):
        return [*value, (value[0] + value[1]) / 2]
    return []


def _parser() -> Any:
    """Python's own reader of patterns (``re._parser``, which ``re`` has imported already):
    RE2's syntax is mostly Python's, so its parse of a pattern is a fair guide to a text the
    pattern finds (one it reads otherwise gives a text that is then refused: a pattern's
    example is kept only when RE2 itself finds the pattern in it). The module is Python's
    own, not a promise: where a later Python moves or changes it, a pattern gets no example
    (:func:`pattern_example` is None), lint tells less, and nothing breaks."""
    return importlib.import_module("re._parser")


_CLASSES: Final = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}
_CHARACTERS: Final = "a0 A.-_x"
"""Characters tried for a class or a character a pattern leaves out (``[^a-z]``, ``\\W``)."""


@functools.lru_cache(maxsize=4096)
def pattern_example(pattern: str, ignore_case: bool = False) -> str | None:
    """A text the pattern (a ``matches`` test's) is likely to find: each part's shortest
    form, the first alternative of each choice; None for a pattern Python's reader refuses or
    a part with no text (a lookahead, a backreference: RE2 has neither). Only a guess, which
    :func:`_examples` keeps only in an event that meets the tests (RE2 itself finds it):
    without one, a rule of a `matches` test got no example at all, and two patterns on one
    text (`(?i)vip`, `(?i)allerg`) were never shown to meet (``stop-hides-escalation``).
    ``ignore_case``: the test's, under which a class is read folded, as RE2 reads it.

    A pattern that may fold case (the test's ``ignore_case``, or flags of its own: ``(?i)``,
    ``(?s)(?i)^[^A-Z]``, ``a(?i:[^A-Z])``) whose guess with its classes read as written is
    not one RE2 finds is guessed again with them read folded: `a` is outside ``[^A-Z]`` as
    written and inside it folded, and such patterns had been given `a`, which they refuse,
    and no example (found by review). One mechanism for every place a flag may stand: the
    pattern's start had been told apart by a pattern of its own, a group's flags not."""
    guess = _guess(pattern, folded=False)
    if not ignore_case and "(?" not in pattern:
        return guess
    try:
        search = compile_regex(pattern, ignore_case=ignore_case).search
    except RegexError:
        return guess
    if guess is not None and search(guess):
        return guess
    folded = _guess(pattern, folded=True)
    return folded if folded is not None and search(folded) else guess


def _guess(pattern: str, folded: bool) -> str | None:
    """:func:`pattern_example`'s guess, the classes read folded or as written."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # `[[:alpha:]]`: "possible nested set"
            parser = _parser()
            written = flags_scoped(_classes_written_out(pattern, folded))
            return _sample(parser.parse(written, 0), parser)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    except (ImportError, AttributeError, TypeError, KeyError):  # another Python's parser
        return None


_ESCAPE: Final = re.compile(r"\\(?:[pP](?:\{[^}]*\}|[A-Za-z])|x\{[^}]*\})")
"""An escape Python's reader refuses that stands for one character of a set: RE2's Unicode
class (``\\pL``, ``\\p{Greek}``, ``\\PN``), or a character by its code (``\\x{e9}``)."""

_MEMBERS: Final = _CHARACTERS + "éÉßαΑжЖ中あアא한ไअ١½€\u00a0"
"""Characters tried first for a class (:func:`_class_member`): those tried for a character
a pattern leaves out, then a letter of each case and of the commonest scripts, a digit,
punctuation, a symbol, blanks."""


def _classes_written_out(pattern: str, folded: bool) -> str:
    """The pattern with each class (``[...]``, ``\\pL``) written as one character RE2 finds
    in it, as RE2 reads the class, which Python's reader then reads as that character. Python
    refuses ``\\pL``, and a Unicode class written as one character inside a ``[...]`` changed
    the list's meaning: a stop rule of ``^\\p{Lu}`` got no example (found by review), and
    neither did one of ``[^\\P{Lu}]`` (a capital, as a negated class of what is not one) or
    of ``\\p{Cherokee}`` (found by review). A class given no character is left as written,
    for Python's reader (whose guess RE2 checks after). ``folded``: the pattern folds case,
    so each class is searched folded: `a` is outside ``[^A-Z]`` as written, and inside it
    folded, where a stop rule of ``(?i)^[^A-Z]`` had been given `a`, and no example."""
    classes, escapes = class_spans(pattern)
    spans = [(start, end + 1) for start, end in classes if end < len(pattern)]
    spans += [(at, m.end()) for at in escapes if (m := _ESCAPE.match(pattern, at))]
    out: list[str] = []
    done = 0
    for start, end in sorted(spans):
        member = _class_member(pattern[start:end], folded)
        if member is not None:
            out += (pattern[done:start], re.escape(member))
            done = end
    return "".join(out) + pattern[done:]


@functools.lru_cache(maxsize=256)
def _class_member(written: str, folded: bool) -> str | None:
    """A character RE2 finds the class ``written`` in (``[^\\P{Lu}]``, ``\\pL``): the first
    of :data:`_CHARACTERS`, of the class's own (``[а-я]``: `а`), of :data:`_MEMBERS`, else of
    every character (:func:`_every_character`), so a class of any script or category gives
    one, the same one every time; None when RE2 finds the class in no character (or refuses
    it)."""
    try:
        search = compile_regex(f"(?i){written}" if folded else written).search
    except RegexError:
        return None
    found = search(_CHARACTERS) or search(written) or search(_MEMBERS) or search(_every_character())
    return None if found is None else str(found.group(0))


@functools.cache
def _every_character() -> str:
    """Every character, in the order of their codes, but the surrogates (halves of a pair in
    UTF-16, which are no character of a text): made once, when a class holds none of
    :data:`_MEMBERS` (some 30 ms; searched in a few)."""
    codes = array.array("I", itertools.chain(range(0xD800), range(0xE000, 0x110000)))
    return codes.tobytes().decode(f"utf-32-{sys.byteorder[0]}e")


def _sample(items: Any, parser: Any) -> str | None:
    """The text of a parsed pattern's parts, or None when one has none lint can make."""
    out: list[str] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            part: str | None = chr(arg)
        elif name in ("NOT_LITERAL", "ANY", "IN"):
            part = _character([(parser.LITERAL, arg)] if name == "NOT_LITERAL" else arg, name)
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            least, _, inner = arg
            part = _sample(inner, parser)
            part = None if part is None else part * least
        elif name == "SUBPATTERN":
            part = _sample(arg[-1], parser)
        elif name == "BRANCH":
            part = _sample(arg[1][0], parser)
        elif name == "AT":
            part = ""  # an anchor: the whole text is tried by RE2 after
        else:
            return None
        if part is None:
            return None
        out.append(part)
    return "".join(out)


def _character(items: Any, name: str) -> str | None:
    """A character in a class (``IN``), or, for ``NOT_LITERAL``, one not the character; any
    character for ``ANY``."""
    if name == "ANY":
        return "a"
    negate = name == "NOT_LITERAL" or bool(items and str(items[0][0]) == "NEGATE")
    # then the class's own first characters: `[éèê]` has none of _CHARACTERS, and a stop rule
    # of it got no example (found by review)
    own = () if negate else (_first(op, arg) for op, arg in items)
    tried = itertools.chain(_CHARACTERS, filter(None, own))
    return next((c for c in tried if _in_class(c, items) is not negate), None)


def _first(op: Any, arg: Any) -> str | None:
    """The first character of a class's part: its character, or its range's first."""
    name = str(op)
    return chr(arg) if name == "LITERAL" else chr(arg[0]) if name == "RANGE" else None


def _in_class(character: str, items: Any) -> bool:
    code = ord(character)
    for op, arg in items:
        name = str(op)
        if name == "LITERAL" and arg == code:
            return True
        if name == "RANGE" and arg[0] <= code <= arg[1]:
            return True
        if name == "CATEGORY" and re.fullmatch(_CLASSES.get(str(arg), "(?!)"), character):
            return True
    return False
