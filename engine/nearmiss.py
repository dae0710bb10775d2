"""What nearly made a failed text test hold, named where ``explain`` words the failure.

"issue is Late; this rule needs late" leaves a manager to spot the one difference among like
letters; so does "wrong charge" against ``wrong_charge``, and "lаte" (its `а` Cyrillic) against
``late`` is the same to the eye. When a text test that had to hold failed, the event's text is
tried again with one kind of difference forgiven (capitals, then spaces, hyphens and
underscores, then a no-break, narrow or ideographic space for an ordinary one, then letters
that only look like Latin ones), and the first that makes it hold is said, with where the fix
is: the test's ``ignore_case``, or the sending system's text or the plan's. One note per
failed test, and none for a test that failed by holding (``ne``, ``not_in``, a test under
``not``): there the texts were the same. Accents written as marks of their own (``Zürich``
sent decomposed) are no difference: every test reads text composed (``engine.textforms``).

Only a test ``explain`` words as failed comes here: ``eval``'s per-event path never does.

A field a case's event lacks is a near miss too when the event has a key like it
(:func:`misspelt_key`): ``staf: {team: drivers}`` for a rule's ``staff.team``. ``backplan
test`` asks, of the event a manager typed into a case, and ``explain``'s text, of an event a
sending system wrote (``custmer``); not ``eval``'s trace, written for every rule of every event.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from engine.eventfields import resolve
from engine.fields import MISSING, split_path
from engine.model import FieldTest
from engine.operators import holds
from engine.suggest import did_you_mean
from engine.textforms import composed_value
from engine.typography import (
    SPACES_NOT_ASCII,
    as_latin,
    character_named,
    letter_named,
    lookalike_at,
)
from engine.wording import join_words, ordinal_number, show_value


@dataclass(frozen=True, slots=True)
class NearMiss:
    """What alone kept a test from holding: ``short`` for a list of reasons ("only the
    capitals differ"), ``long`` to end a sentence, with the fix."""

    short: str
    long: str


_CASED_OPS = frozenset(
    ("eq", "in", "contains", "contains_any", "contains_all", "starts_with", "ends_with", "matches")
)
"""The tests that `ignore_case` can make hold (not `ne` or `not_in`: it only makes them fail)."""

_CAPITALS = NearMiss(
    "only the capitals differ",
    "only the capitals differ (`ignore_case: true` on the test would accept it)",
)

_WHOLE, _CONTAINS, _START, _END = "whole", "contains", "start", "end"
"""How a plan's text must meet an event's: all of it, anywhere in it, at its start, at its end."""
_HOW = {"starts_with": _START, "ends_with": _END}

Finder = Callable[[str, str, str, bool], str | None]
"""The part of an event's text (first) that meets a plan's (second), ``how``, caselessly or
not, with one kind of difference forgiven; None when none does."""


def near_miss(node: FieldTest, value: Any) -> NearMiss | None:
    """What alone kept ``node``, a test that had to hold and failed on ``value``, from holding;
    None when it is no near miss (see the module doc)."""
    if node.op not in _CASED_OPS:
        return None
    value = composed_value(value)  # as every test reads it
    if value.__class__ is not str and value.__class__ is not list:
        return None  # only text has capitals (a list, for the `contains` family, holds text)
    if not node.ignore_case and holds(node.op, value, node.value, True):
        return _CAPITALS
    if node.op == "matches":
        return None  # a pattern is no text to respell
    cases = (True,) if node.ignore_case else (False, True)
    for forgiving, words in _FORGIVEN:
        for caseless in cases:
            met = _met(node.op, value, node.value, forgiving, caseless)
            if met is not None:
                return words(*met, caseless and not node.ignore_case)
    return None


def written_as_planned(node: FieldTest, value: Any) -> Any:
    """``value``, which failed ``node`` only for a text written otherwise (:func:`near_miss`),
    with that text written as the plan writes it, the rest kept: the item of a list, or the
    part of a text where the test looks (``Refund`` in ``"Thanks, but I want a Refund"``);
    MISSING for a pattern (``matches``), no text to write in its place, and when no such
    text is found. The whole value had been replaced by the plan's text, which dropped what
    the rule's other tests read in it: ``["VIP", "urgent"]`` became ``"vip"``, and a rule
    also needing `urgent` was taken to fail for it (found by review)."""
    if node.op == "matches":
        return MISSING
    value = composed_value(value)  # as every test reads it
    cases = (True,) if node.ignore_case else (False, True)
    for forgiving, _ in _FORGIVEN:
        for caseless in cases:
            met = _met(node.op, value, node.value, forgiving, caseless)
            if met is not None:
                part, plan_text = met
                if value.__class__ is list:
                    return [
                        plan_text if item.__class__ is str and item == part else item
                        for item in value
                    ]
                return str(value).replace(part, plan_text)
    return MISSING


def misspelt_key(event: Any, field: str) -> tuple[str, str] | None:
    """The path of the key in ``event`` that most likely stands for ``field``, which the event
    lacks, and the path it stands for (``("staf", "staff")``, ``("staff.taem", "staff.team")``):
    the first key the event lacks on the way, and one of its own keys there close to it (as
    :func:`engine.suggest.did_you_mean` judges closeness). None when no key there is close, or
    the way is cut by a value with no keys (a text, a list's item it lacks)."""
    value = event
    parts = split_path(field)
    for depth, part in enumerate(parts):
        if value.__class__ is list and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        elif value.__class__ is not dict:
            return None
        elif part in value:
            value = value[part]
        else:
            way = ".".join(parts[:depth])
            meant = did_you_mean(part, _keys_of_others(value, way, part))
            if meant is None:
                return None
            return (f"{way}.{meant}" if way else meant), ".".join(parts[: depth + 1])
    return None


def _keys_of_others(value: dict[Any, Any], way: str, part: str) -> list[str]:
    """The keys of ``value`` (the group at ``way``) that may stand for ``part``: not one the
    event schema names, when it names ``part`` too. Two standard fields are two fields, not a
    slip: an event with an `order` and no `store` had been told "the event has `order`: did
    you mean `store`?" (close enough as letters go), by a case of a shop's rule on `store`
    (found by a supervisor's review). A standard key still stands for a field the schema does
    not name (`staff` for a rule's `staf`: the rule is the one misspelt)."""
    keys = [key for key in value if key.__class__ is str]
    if resolve(f"{way}.{part}" if way else part).info is None:
        return keys
    return [key for key in keys if resolve(f"{way}.{key}" if way else key).info is None]


def _met(
    op: str, value: Any, const: Any, forgiving: Forgiving, caseless: bool
) -> tuple[str, str] | None:
    """The event's text that meets the plan's (and that plan text) with one kind of difference
    forgiven, so that the test holds; for ``contains_all``, the first of those it lacks."""
    if op != "contains_all":
        return next(_meetings(op, value, const, forgiving, caseless), None)
    lacking = [c for c in const if not holds("contains", value, c, caseless)]
    met = [next(_meetings("contains", value, c, forgiving, caseless), None) for c in lacking]
    return met[0] if met and None not in met else None


def _meetings(
    op: str, value: Any, const: Any, forgiving: Forgiving, caseless: bool
) -> Iterator[tuple[str, str]]:
    """Each event text and plan text that meet so that the test holds: a whole value for
    ``eq`` and ``in``, a whole item of a list for the ``contains`` family (only it reads a
    list), else a part of the text where the test looks. Each text is shaped once
    (:class:`Forgiving`), here, for all the pairs it is in: a list of 10,000 plan texts had
    been a pattern made and tried for each (`explain` of one event, 1.5 s)."""
    wanted = const if op in ("in", "contains_any") else [const]
    if value.__class__ is list:
        texts, how = (value if op.startswith("contains") else []), _WHOLE
    else:
        texts, how = [value], (_WHOLE if op in ("eq", "in") else _HOW.get(op, _CONTAINS))
    find, shape = forgiving.find, forgiving.shape
    shaped = [
        (text, shape(text, caseless))
        for text in texts
        if text.__class__ is str and forgiving.may_meet(text)
    ]
    for plan_text in wanted:
        if plan_text.__class__ is not str or not shaped:
            continue
        plan_shape = shape(plan_text, caseless)
        for text, text_shape in shaped:
            if not _cannot_meet(text_shape, plan_shape):
                found = find(text, plan_text, how, caseless)
                if found is not None:
                    yield found, plan_text


_SEPARATOR = "[ _-]*"
_SEPARATORS = {" ": "spaces", "-": "hyphens", "_": "underscores"}


def _separated(text: str, plan_text: str, how: str, caseless: bool) -> str | None:
    """The plan's text in the event's, spaces, hyphens and underscores aside (``wrong
    charge`` for ``wrong_charge``, ``frontdesk`` for ``front-desk``)."""
    letters = [re.escape(c) for c in plan_text if c not in _SEPARATORS]
    if not letters:
        return None
    found = _found(_SEPARATOR.join(letters), text, how, caseless, _SEPARATOR)
    return None if found is None else found[0]


def _lookalike(text: str, plan_text: str, how: str, caseless: bool) -> str | None:
    """The plan's text in the event's, its look-alike letters read as the Latin ones they pass
    for (``lаte``, its `а` Cyrillic, for ``late``): positions are the event text's own. Asked
    only of a text that holds such a letter (:data:`_LOOKALIKE`)."""
    found = _found(re.escape(plan_text), as_latin(text), how, caseless, "")
    if found is None:
        return None
    part = text[found.start() : found.end()]
    return part if lookalike_at(part) is not None else None  # (else not what failed)


_DROP_SEPARATORS = str.maketrans("", "", "".join(_SEPARATORS))


def _squeezed(text: str, caseless: bool) -> str | None:
    """``text`` without spaces, hyphens and underscores (in small letters, ``caseless``), what
    :func:`_cannot_meet` compares; None for text not ASCII, whose capitals the patterns'
    `re.IGNORECASE` matches in ways `str.lower` does not (the long s `ſ` and `s`): such text is
    left to the patterns."""
    if not text.isascii():
        return None
    squeezed = text.translate(_DROP_SEPARATORS)
    return squeezed.lower() if caseless else squeezed


def _latin(text: str, caseless: bool) -> str | None:
    """``text`` with its look-alike letters read as Latin ones, as :func:`_squeezed` for the
    comparison (None where the result is not ASCII)."""
    latin = as_latin(text)
    if not latin.isascii():
        return None
    return latin.lower() if caseless else latin


def _cannot_meet(text: str | None, plan_text: str | None) -> bool:
    """Whether the plan's text surely is nowhere in the event's (both as :func:`_squeezed` or
    :func:`_latin` give them, None: cannot tell). A match of the patterns below, whole or in
    part, leaves the plan's letters in a row in the text once the forgiven difference is
    taken out, so a plan text missing from it cannot match: a list of 10,000 texts was a
    pattern compiled and tried for each (`explain` of one event, 1.5 s)."""
    return text is not None and plan_text is not None and plan_text not in text


class Forgiving(NamedTuple):
    """One kind of difference forgiven: how the plan's text is found in the event's, how both
    are shaped for :func:`_cannot_meet`, and which event texts can meet any plan text so."""

    find: Finder
    shape: Callable[[str, bool], str | None]
    may_meet: Callable[[str], bool]


_OTHER_SPACE = re.compile(f"[{SPACES_NOT_ASCII}]")
"""A space other than the ASCII one: a no-break space (French typography and spreadsheets set
one before `:` and in `Paris Opéra`), a narrow or an ideographic one."""


def _plain_spaces(text: str) -> str:
    return _OTHER_SPACE.sub(" ", text)


def _spaced(text: str, plan_text: str, how: str, caseless: bool) -> str | None:
    """The plan's text in the event's, the event's other spaces (:data:`_OTHER_SPACE`) read as
    ordinary ones: ``Paris Opéra`` sent with a no-break space had been told "store is "Paris
    Opéra"; this rule needs "Paris Opéra"", the two the same to the eye (found by writing a
    French shop's plan). Positions are the event text's own (one space for one)."""
    found = _found(re.escape(plan_text), _plain_spaces(text), how, caseless, "")
    if found is None:
        return None
    part = text[found.start() : found.end()]
    return part if _OTHER_SPACE.search(part) is not None else None  # (else not what failed)


def _spaced_shape(text: str, caseless: bool) -> str | None:
    """``text`` with ordinary spaces, as :func:`_squeezed` for the comparison (None,
    ``caseless``: capitals of letters not ASCII are the patterns' to match)."""
    return None if caseless else _plain_spaces(text)


_SEPARATED = Forgiving(_separated, _squeezed, lambda text: True)


def _widened(text: str, plan_text: str, how: str, caseless: bool) -> str | None:
    """The event's whole text, when it is the plan's but for the width of its characters
    (``ｼﾌﾞﾔ店`` in half-width katakana for ``シブヤ店``, ``ＡＢＣ`` in full-width letters for
    ``ABC``) or another compatibility form (the ligature ``ﬁ``): the two read the same under
    Unicode's compatibility forms (NFKC). Only a whole text (``eq``, ``in``, an item of a
    list): a part found so has no place of its own in the event's text, whose characters
    NFKC joins (``ﾌﾞ`` is ``ブ``). Explain had said "store is "シブヤ店"; this rule needs
    "ｼﾌﾞﾔ店"" (found by writing a Tokyo shop's plan)."""
    if how != _WHOLE:
        return None
    text_form, plan_form = (
        unicodedata.normalize("NFKC", text),
        unicodedata.normalize("NFKC", plan_text),
    )
    if caseless:
        text_form, plan_form = text_form.casefold(), plan_form.casefold()
    return text if text_form == plan_form and text != plan_text else None


def _unshaped(text: str, caseless: bool) -> None:
    """No shape to compare first (see :func:`_cannot_meet`): ``_widened`` compares whole
    texts, which costs no more."""
    return None


_SPACED = Forgiving(_spaced, _spaced_shape, lambda text: _OTHER_SPACE.search(text) is not None)
_WIDENED = Forgiving(_widened, _unshaped, lambda text: True)
_LOOKALIKE = Forgiving(_lookalike, _latin, lambda text: lookalike_at(text) is not None)


def _found(body: str, text: str, how: str, caseless: bool, edge: str) -> re.Match[str] | None:
    """``body`` (a pattern) in ``text`` as ``how`` says, ``edge`` allowed around it where the
    text must end."""
    flags = re.IGNORECASE if caseless else 0
    if how == _WHOLE:
        return re.fullmatch(f"{edge}{body}{edge}", text, flags)
    if how == _START:
        return re.match(f"{edge}{body}", text, flags)
    if how == _END:
        return re.search(f"{body}{edge}\\Z", text, flags)
    return re.search(body, text, flags)


def _separators_words(part: str, plan_text: str, capitals: bool) -> NearMiss:
    """ "only the spaces and underscores differ": the kinds whose count differs between the two
    texts (all that either holds, when the counts are the same, only their places not)."""
    theirs = Counter(c for c in part if c in _SEPARATORS)
    ours = Counter(c for c in plan_text if c in _SEPARATORS)
    differ = [c for c in _SEPARATORS if theirs[c] != ours[c]] or [
        c for c in _SEPARATORS if theirs[c] or ours[c]
    ]
    kinds = join_words([_SEPARATORS[c] for c in differ] + (["capitals"] if capitals else []))
    event, plan = show_value(part), show_value(plan_text)
    return NearMiss(
        f"only the {kinds} differ",
        f"only the {kinds} differ: the event writes it {event}, the plan {plan} (write them "
        "the same, in the plan or in the system that sends the events)",
    )


def _spaced_words(part: str, plan_text: str, capitals: bool) -> NearMiss:
    """ "the event's text holds a no-break space (U+00A0) where the plan has an ordinary
    space": named, as the two show alike."""
    other = _OTHER_SPACE.search(part)
    assert other is not None  # found for holding one
    also = " (and the capitals differ)" if capitals else ""
    return NearMiss(
        f"only the kind of space differs{also}",
        f"the event writes {show_value(part)} with {character_named(other[0])} where the plan "
        f"has an ordinary space: they look the same but are not equal{also} (the system that "
        "sends the events must send ordinary spaces)",
    )


def _widened_words(part: str, plan_text: str, capitals: bool) -> NearMiss:
    """ "the event writes "ｼﾌﾞﾔ店" in half-width forms, the plan "シブヤ店"": named, as the
    two read alike."""
    theirs, ours = _widths(part), _widths(plan_text)
    if theirs != ours and _width_form(part) == _width_form(plan_text):
        short = "only the width of the characters differs"
        fact = (
            f"the event writes {_in_widths(part, theirs)}, the plan {_in_widths(plan_text, ours)}"
        )
    else:
        short = "only the forms of the characters differ"
        fact = (
            f"the event writes {show_value(part)}, the plan {show_value(plan_text)}, with other "
            "forms of the same characters (a ligature, a circled or a superscript digit)"
        )
    also = " (and the capitals differ)" if capitals else ""
    return NearMiss(
        short + also,
        f"{fact}: they read the same but are not equal{also} (write them the same, in the plan "
        "or in the system that sends the events)",
    )


def _widths(text: str) -> list[str]:
    """The widths other than the usual that ``text`` writes characters in: `full`, `half`."""
    found = {unicodedata.east_asian_width(c) for c in text}
    return [name for width, name in (("F", "full"), ("H", "half")) if width in found]


def _width_form(text: str) -> str:
    """``text`` with only its characters of other widths in their usual one (NFKC of each,
    composed: ``ﾌﾞ`` is ``ブ``), caselessly: equal for two texts that differ only in width.
    ``ＡＢＣ①`` for ``ABC1`` had been said to differ "only in the width of the characters",
    though its circled digit is no width of 1 (found by review)."""
    widened = "".join(
        unicodedata.normalize("NFKC", c) if unicodedata.east_asian_width(c) in "FH" else c
        for c in text
    )
    return unicodedata.normalize("NFC", widened).casefold()


def _in_widths(text: str, widths: list[str]) -> str:
    """``"ｼﾌﾞﾔ店" in half-width forms``; the text alone when it holds none of other widths."""
    if not widths:
        return show_value(text)
    return f"{show_value(text)} in {' and '.join(f'{w}-width' for w in widths)} forms"


def _lookalike_words(part: str, plan_text: str, capitals: bool) -> NearMiss:
    """ "the 2nd letter of "lаte" is U+0430 CYRILLIC SMALL LETTER A, not the Latin a"."""
    at = lookalike_at(part)
    assert at is not None  # found for holding one
    letter = part[at]
    fact = (
        f"the {ordinal_number(at)} letter of {show_value(part)} is {letter_named(letter)}, not "
        f"the Latin {as_latin(letter)}"
    )
    also = " (and the capitals differ)" if capitals else ""
    return NearMiss(
        fact + also,
        f"the event's text holds a letter that only looks like a Latin one: {fact}{also} (the "
        "system that sends the events must write it in Latin letters)",
    )


_FORGIVEN: tuple[tuple[Forgiving, Callable[[str, str, bool], NearMiss]], ...] = (
    (_SEPARATED, _separators_words),
    (_SPACED, _spaced_words),
    (_LOOKALIKE, _lookalike_words),
    (_WIDENED, _widened_words),
)
"""Each kind of difference forgiven, in the order tried, with how it is said."""
