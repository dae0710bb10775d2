"""Lint checks and hints for a test's value written otherwise than events write it: as a
date not year first, or as several words in one text; a number, a yes or a capital as text.

A condition compares an event's value with the plan's exactly, so a value meant one way and
written another never matches as meant. ``date-not-year-first``, ``no-such-date`` (a date
written as events write one, on a day that does not exist) and ``alternatives-in-one-value``
tell such values in any test, and ``words-as-one-item`` an item
of a list its author meant as two, the comma between them left out; the hints for a number written as
text (``lte: 2 stars``; with a currency, ``gte: Fr. 10``, worded as ``engine.slips`` words an
amount; a percentage; a duration, counted in the field's unit), a yes/no word and a capital
letter are what ``never-matches`` says to write instead when the event schema rules the value
out (``engine.lint.proofs``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Final

from engine.checks import field_tests
from engine.errors import Diagnostic, SourceLocation, counted
from engine.evaluate import IDENTITY_FIELDS
from engine.eventfields import resolve
from engine.lint.base import EQUALITY_OPS, WarningCheck, value_text, values_of
from engine.locations import lines_from
from engine.logic import Atom, Contradiction, whole_kinds
from engine.model import EVENT_TYPES, LIST_OPERATORS, FieldTest, PlanModel
from engine.money import MONEY, plain_number
from engine.slips import (
    flow,
    flow_list,
    list_items,
    meant_number,
    quoted,
    without_currency,
)
from engine.slips.clock import clock_test_hint, on_the_24_hour_clock, text_order_example
from engine.slips.conditions import type_meant
from engine.slips.lists import free_text_field
from engine.slips.meant import Meant, field_unit, number_meant
from engine.slips.numbers import number_written
from engine.utctime import MONTH_NAMES, day_and_month
from engine.wording import clip, join_words

_RANGE_TEXT = re.compile(r"\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(?:-|–|\.\.|to)\s*([0-9]+(?:\.[0-9]+)?)\s*")
"""Two numbers with a dash between (``1-2``, ``1 to 3``): a range written as one text."""
_BOOLEAN_WORDS = {"true": True, "yes": True, "y": True, "on": True}
_BOOLEAN_WORDS |= {"false": False, "no": False, "n": False, "off": False}
_STILL_MATCHES = (
    " (an event that sends it as text would match it: `eval` does not refuse one unless `--strict`)"
)


def written_as_text_hint(tests: tuple[Atom, ...], currency: str | None = None) -> str:
    """For a test that compares a field events carry as a number with text (``lte: 2 stars``,
    ``eq: "3"``, ``in: [1-2]``, ``gte: Fr. 10``, ``between: [$10, $50]``): the test written
    with the number (a range as ``between``); "" for any other contradiction. ``currency``:
    the plan's, which an amount written with a currency is told in."""
    text_test = _text_test_of_a_number(tests)
    if text_test is not None:
        return text_test
    if len(tests) == 1 and isinstance(tests[0].value, (list, tuple)) and len(tests[0].value) > 1:
        return _listed_hint(tests[0], currency)
    found = _one_text(tests)
    if found is None:
        return ""
    test, value = found
    if not _a_number_field(test.field):
        return ""
    span = _RANGE_TEXT.fullmatch(value) if test.op in ("eq", "in") else None
    if span is not None:
        low, high = sorted((span[1], span[2]), key=float)  # `5-4` is 4 to 5
        return (
            f"events carry `{test.field}` as a number, and `{value}` is text: for a range, "
            f"write `between: [{low}, {high}]`"
        )
    compared = _comparison_in_the_value(test, value, currency)
    if compared:
        return compared
    numbers = _numbers_listed(value)
    if numbers:  # `eq: 1 or 2` had been hinted `eq: 1`, which leaves 2 out (found by review)
        listed = f"{'not_in' if test.op in ('ne', 'not_in') else 'in'}: [{', '.join(numbers)}]"
        return (
            f"events carry `{test.field}` as a number, and `{clip(value)}` is text: list the "
            f"numbers, `{listed}`"
        )
    meant = number_meant(test.field, value)
    if meant is None:
        return f"events carry `{test.field}` as a number: write the value as one, a number" + (
            _STILL_MATCHES
        )
    return _meant_hint(test, [meant], [value], currency)


_COMPARISON_WRITTEN = re.compile(r"\s*(<=|>=|=<|=>|==|!=|<|>|=|≤|≥|≠)\s*(\S.*)")
"""A value that starts with a comparison's symbol (``< 3``, ``>= 4``, ``≤ 2``)."""
_SYMBOL_OPERATORS = {"<": "lt", "<=": "lte", "=<": "lte", "≤": "lte", ">": "gt", ">=": "gte"}
_SYMBOL_OPERATORS |= {"=>": "gte", "≥": "gte", "=": "eq", "==": "eq", "!=": "ne", "≠": "ne"}
_WAYS = {"lt": "<", "lte": "<", "gt": ">", "gte": ">", "eq": "=", "ne": "!=", "not_in": "!="}
"""The way each operator compares, less or more, equal or not (``lt: <= 3`` is less either
way, and the symbol's ``lte`` is meant)."""


def _comparison_in_the_value(test: Atom, value: str, currency: str | None) -> str:
    """For a comparison written into the value (``lt: < 3``, ``eq: ">= 4"``), the operator
    its symbol names with the number alone; "" for any other value, and for a percentage
    (whether events send 10% as 10 or 0.1 is the general hint's to say). The number after
    the symbol had been hinted "write the value as one, a number", which did not say that
    the symbol was the slip: the operator already compares. An amount is worded as every
    amount written with its currency is (``currency``: the plan's).

    Where the operator and the symbol compare differently (``gt: < 3``, ``ne: = 3``), both
    are given: the hint had been the symbol's alone, ``lt: 3``, which turned the rule round
    without saying so, though the slip may as well be the symbol (found by review). ``eq``
    and ``in`` compare no way of their own, so the symbol says what was meant."""
    written = _COMPARISON_WRITTEN.fullmatch(value)
    meant = None if written is None else number_meant(test.field, written[2].strip())
    if written is None or meant is None or meant.kind == "percent":
        return ""
    named = _SYMBOL_OPERATORS[written[1]]
    alone, differ = f"`{named}: {meant.number}`", ""
    if test.op not in ("eq", "in") and _WAYS.get(test.op) != _WAYS[named]:
        own = f"[{meant.number}]" if test.op == "not_in" else meant.number
        alone = f"`{test.op}: {own}` or {alone}"
        differ = f"; `{test.op}` and `{written[1]}` compare differently: write the one the rule"
        differ += " means"
    told = f"events carry `{test.field}` as a number, and `{clip(value)}` is text: the operator "
    if meant.kind == "amount":
        mended = without_currency(alone, plan=currency, text=written[2])
        return told + "does the comparing; " + mended + differ
    return told + f"does the comparing, so write the number alone, {alone}" + differ


_TEXT_ONLY_OPERATORS = frozenset(
    {"contains", "contains_any", "contains_all", "starts_with", "ends_with", "matches"}
)
"""The operators that test text (or a list's texts): of a number, they never hold."""


def _text_test_of_a_number(tests: tuple[Atom, ...]) -> str | None:
    """For a text operator on a field events carry as a number (``contains: '5'`` of `rating`):
    to compare the number, with the number it names as the example. The number written in
    the text operator's place had been the hint, ``contains: 5``, which never holds either
    (found by review). None for any other test."""
    if len(tests) != 1 or tests[0].op not in _TEXT_ONLY_OPERATORS:
        return None
    test = tests[0]
    if not _a_number_field(test.field):
        return None
    values = test.value if isinstance(test.value, (list, tuple)) else [test.value]
    meant = [number_meant(test.field, v) if isinstance(v, str) else None for v in values]
    numbers = list(dict.fromkeys(m.number for m in meant if m is not None))
    hint = (
        f"events carry `{test.field}` as a number, and `{test.op}` tests text: compare the "
        "number with `eq`, `in`, `gte`, `lte` or `between` instead"
    )
    if not numbers or test.op == "matches":  # a pattern's digits are no number it meant
        return hint
    example = f"eq: {numbers[0]}" if len(numbers) == 1 else f"in: [{', '.join(numbers)}]"
    return f"{hint}, such as `{example}`"


def _listed_hint(test: Atom, currency: str | None = None) -> str:
    """:func:`written_as_text_hint` for a list of values, ``between: [$10, $50]`` or ``in:
    [€10, €20]``: each text the number it was meant as; "" when a text reads as none, a value
    is not text, or the field holds no number. A number among the values is one an event may
    send, so the event schema rules out no such test (its numbers have no bounds, and one not
    finite is refused before lint): only lists all of text are told, and true/false among
    them is another slip."""
    if test.op not in ("between", "in") or not _a_number_field(test.field):
        return ""
    if not all(isinstance(v, str) for v in test.value):
        return ""
    items = [number_meant(test.field, v) for v in test.value]
    meant = [item for item in items if item is not None]
    return _meant_hint(test, meant, list(test.value), currency) if len(meant) == len(items) else ""


def _meant_hint(
    test: Atom, items: list[Meant], texts: list[str], currency: str | None = None
) -> str:
    """The hint that says to write the test with ``items``, its values: each text the number
    it was meant as. Worded for the first text not written as a plain number: a currency is
    set once for the plan (and named, ``currency`` when known, with the currency of ``texts``,
    the items as written, when it is another); a percentage may be sent as its number or as a
    fraction; a duration is counted in the field's unit."""
    field = test.field
    first = next((m for m in items if m.kind != "number"), items[0])
    written = _test_written(test, items, fractions=False)
    if first.kind == "amount":  # in the plan's currency, named (as validate's hint names it)
        several = len(items) > 1
        text = texts[items.index(first)]  # (``texts``: each item as written, in order)
        told = without_currency(written, several=several, plan=currency, text=text)
        return f"events carry `{field}` as a number: {told}"
    if first.kind == "percent":
        fraction = _hundredth(first.number)
        return (
            f"events carry `{field}` as a number, with no `%`: write {written} if they send "
            f"{first.number}% as {first.number}, or {_test_written(test, items, fractions=True)} "
            f"if they send it as {fraction}"
        )
    unit = field_unit(field)
    counted = f" of {unit[0]}" if first.kind == "duration" and unit is not None else ""
    said = f" for {first.said}" if first.said else ""
    return (
        f"events carry `{field}` as a number{counted}: write the value as one, {written}{said}"
        + _STILL_MATCHES
    )


def _test_written(test: Atom, items: list[Meant], *, fractions: bool) -> str:
    """The test written with ``items`` (```gte: 10```, ```between: [10, 50]```), a list as
    the test had one (``in: [10]``); with ``fractions``, each percentage as a fraction. The
    bounds of ``between`` smaller first: ``between: [2 weeks, 3 days]`` of `order.delay_days`
    had been hinted `between: [14, 3]`, which never holds either (found by mutation testing)."""

    def number(item: Meant) -> str:
        return _hundredth(item.number) if fractions and item.kind == "percent" else item.number

    numbers = [number(i) for i in items]
    if test.op == "between":
        numbers.sort(key=Decimal)
    shown = f"[{', '.join(numbers)}]" if isinstance(test.value, (list, tuple)) else numbers[0]
    return f"`{test.op}: {shown}`"


def _hundredth(number: str) -> str:
    """A percentage's number as a fraction: ``10`` -> ``0.1``."""
    return plain_number(MONEY.divide(Decimal(number), Decimal(100)))


def _a_number_field(field: str) -> bool:
    """Whether events carry ``field`` as a number (or null), by the event schema."""
    info = resolve(field).info
    return info is not None and info.kinds - {"null"} == {"number"}


def _numbers_listed(text: str) -> list[str]:
    """The numbers of a text that lists several (``1 or 2``, ``1, 2``, ``1|2``), each as a
    plan writes it; [] for any other text, and for one number written with a decimal comma or
    thousands separators (``1,5``, ``1,000``), which is no list."""
    if meant_number(text.strip()) is not None or not _ALTERNATIVES.fullmatch(text):
        return []
    numbers = [meant_number(word) for word in list_items(text)]
    return [n for n in numbers if n is not None] if len(numbers) > 1 and None not in numbers else []


def bool_word_hint(tests: tuple[Atom, ...]) -> str:
    """For a test that compares a field events carry as true/false with a word (``eq: yes``,
    which Backplan reads as text): the test written with ``true`` or ``false``; a text
    operator's as ``eq:`` (``contains: true`` had been the hint, which never holds either)."""
    found = _one_text(tests)
    if found is None:
        return ""
    test, value = found
    info = resolve(test.field).info
    meant = _BOOLEAN_WORDS.get(value.strip().lower())
    if info is None or info.kinds - {"null"} != {"bool"} or meant is None:
        return ""
    written = str(meant).lower()
    op = "eq" if test.op in _TEXT_ONLY_OPERATORS else test.op
    return (
        f"events carry `{test.field}` as true/false, and `{value}` is text here: write "
        f"`{op}: {f'[{written}]' if op == 'in' else written}`"
    )


def _one_text(tests: tuple[Atom, ...]) -> tuple[Atom, str] | None:
    """The one test of a contradiction and its text: its value, or the one item of an ``in``
    list (``in: [1-2]``, ``in: [yes]``); None for several tests or a value that is not text.
    What both hints for a text meant as another kind (a number, true/false) rewrite: one
    place decides which tests they speak of, so they cannot drift apart."""
    if len(tests) != 1:
        return None
    test = tests[0]
    value = test.value
    if isinstance(value, (list, tuple)) and len(value) == 1 and test.op == "in":
        value = value[0]
    return (test, value) if isinstance(value, str) else None


def case_hint(tests: tuple[Atom, ...]) -> str:
    """For a test whose values are the field's own but for their capitals (``eq: High`` where
    events send ``high``): the values as events send them; "" for any other contradiction."""
    if len(tests) != 1:
        return ""
    test = tests[0]
    info = resolve(test.field).info
    values = list(test.value) if isinstance(test.value, (list, tuple)) else [test.value]
    if info is None or not info.enum or not all(isinstance(v, str) for v in values):
        return ""
    if test.op in _PARTS_OF_A_WORD:
        meant = _in_small_letters(test, values, info.enum)
    else:
        known = {str(v).lower(): v for v in info.enum}
        meant = [known.get(v.lower()) for v in values]
    if not meant or any(m is None for m in meant) or meant == values:
        return ""
    listed = isinstance(test.value, (list, tuple))  # `in: [High]`: `in: [high]`, not `in: high`
    shown = f"[{', '.join(map(str, meant))}]" if listed else meant[0]
    return (
        f"events send `{test.field}` in small letters, and values are compared exactly: write "
        f"`{test.op}: {shown}`"
    )


def number_for_text_hint(tests: tuple[Atom, ...]) -> str:
    """For a test that compares a field events send as text with numbers alone (``store: in:
    [12, 14]``, where events send ``"12"``, a site's number as text): the values in quotes, as
    events send them; "" for any other contradiction. The hint had been to check the values
    against the event schema, which a manager with 40 numbered sites reads without seeing that
    the quotes are the fix (found by trial). Not for a field of named values (`survey.kind`), nor
    one `eval` reads itself (`type`): `"1"` is no kind of survey, and no type a rule names."""
    if len(tests) != 1 or tests[0].op not in ("eq", "in"):
        return ""
    test = tests[0]
    listed = isinstance(test.value, (list, tuple))
    values = list(test.value) if listed else [test.value]
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if not values or numbers != values or not free_text_field(test.field):
        return ""  # (not `survey.kind eq "1"` either: a named value)
    if test.field in EVAL_READS:  # `type eq "5"`: no type a rule names
        return ""
    texts = _numbers_written(test, values)
    return (
        f"events send `{test.field}` as text, and a number is never equal to text: write "
        f"{'them' if len(texts) > 1 else 'it'} in quotes, "
        f"`{test.op}: {flow(texts) if listed else flow(texts[0])}` (an event that sends it as "
        "a number would match: `eval` does not refuse one unless `--strict`)"
    )


def _numbers_written(test: Atom, numbers: list[Any]) -> list[str]:
    """Each of ``numbers``, the values of ``test``, as the plan writes it (``007``, ``12.50``),
    for the text events send: YAML reads ``eq: 007`` as 7, and it had been hinted ``eq: "7"``,
    which never equals the `"007"` of a site numbered so (found by review). As YAML read it
    where the file cannot be read back there, and without a `+` (``+12`` is a site's `"12"`)."""
    at = test.at.inside(test.op) if test.at is not None else None
    listed = isinstance(test.value, (list, tuple))
    written = []
    for n, number in enumerate(numbers):
        place = at.inside(str(n)) if at is not None and listed else at
        written.append(number_written(value_text(place) if place is not None else None, number))
    return written


def event_type_hint(tests: tuple[Atom, ...]) -> str:
    """For a test of ``type`` with values no rule could name, so no event on the schema sends
    (``eq: Review``, ``in: [refund, order]``): each as the type it was likely meant as
    (``review``, ``x-refund``), as validate hints ``event: Review``; "" for any other
    contradiction."""
    if len(tests) != 1 or tests[0].field != "type" or tests[0].op not in ("eq", "in"):
        return ""
    test = tests[0]
    listed = isinstance(test.value, (list, tuple))
    values = list(test.value) if listed else [test.value]
    found = [type_meant(v) if isinstance(v, str) else None for v in values]
    meant = [m for m in found if m is not None]
    if len(meant) != len(values):
        return ""
    # once each: `in: [Review, reveiw]` is `in: [review]`, not `in: [review, review]`
    shown = f"[{', '.join(dict.fromkeys(meant))}]" if listed else meant[0]
    if meant == [str(v).lower() for v in values]:
        return (
            f"events send `type` in small letters, and values are compared exactly: write "
            f"`{test.op}: {shown}`"
        )
    standard = f"the standard event types are {', '.join(EVENT_TYPES)}"
    if any(m.startswith("x-") and m != str(v).lower() for m, v in zip(meant, values, strict=True)):
        return (  # `eq: refund`: `x-refund`
            f"{standard}; a type of your own starts with `x-`: write `{test.op}: {shown}`, "
            "and send its events with that type"
        )
    return f"{standard}: write `{test.op}: {shown}`"  # `eq: reveiw`: `review`


EVAL_READS: Final = {
    "id": "text or a whole number",
    "type": "text",
    "occurred_at": "a timestamp in text such as 2026-11-23T09:30:00Z",
}
"""The fields `eval` reads itself before deciding, and what it refuses an event without:
an `id`, `type` or `occurred_at` of another kind gets an error record, not a decision."""


def refused_by_eval_hint(found: Contradiction) -> str:
    """For tests of a field `eval` itself refuses an event for (``occurred_at eq 5``): no
    complaint it decides can pass them, so the hint does not say, as for other fields, that
    such an event can match (a rule of `type eq 5` was hinted so; found by review); "" for any
    other contradiction.

    Only where the tests let through no value of the kind `eval` takes (``found.kind``):
    `type starts_with R` is of text, which `eval` decides (`Review`, a type no rule names).
    A test of text beside one of another kind (`type in [review, 5]` with `type eq 5`, which
    only 5 passes) had kept the hint that such an event can match (found by mutation
    testing)."""
    fields = {test.field for test in found.tests}
    if not found.kind or len(fields) != 1 or (field := next(iter(fields))) not in EVAL_READS:
        return ""
    return (
        f"`eval` refuses an event whose `{field}` is not {EVAL_READS[field]}: it answers with "
        "an error record, not a decision, so no complaint it decides passes this test; give "
        f"`{field}` a value of that kind (`backplan schema event`)"
    )


def whole_number_hint(found: Contradiction) -> str:
    """For tests of a field of whole numbers that let through none (``eq: 1.5``, ``between:
    [1.2, 1.8]`` of ``order.delay_days``): that events count it in whole numbers; "" for any
    other reason, such as ``eq: true`` of that field (a number's kind, not a whole one's)."""
    if not found.whole:
        return ""
    values = [
        value
        for test in found.tests
        for value in (test.value if isinstance(test.value, (list, tuple)) else (test.value,))
    ]
    fractions = any(isinstance(value, float) and not value.is_integer() for value in values)
    field = found.tests[0].field
    fix = (
        ": write the test with whole numbers"
        if fractions  # `eq: 1.5`, `between: [1.2, 1.8]`
        else ", and none is within these bounds: widen them"  # `gt: 1` and `lt: 2`
    )
    # `eval` refuses an event whose `id` is 1.5 (engine.evaluate.event_identity), `--strict`
    # or not: "an event that sends another number would match" had been said of it too.
    refused = (
        f"`eval` refuses an event whose `{field}` is another number"
        if field in IDENTITY_FIELDS
        else "an event that sends another number would match: `eval` does not refuse one "
        "unless `--strict`"
    )
    return f"events carry `{field}` as {whole_kinds(field)}{fix} ({refused})"


_PARTS_OF_A_WORD = _TEXT_ONLY_OPERATORS - {"matches"}
"""The operators that find a part of a value: ``starts_with: Hi`` is no value of its own."""


def _in_small_letters(test: Atom, values: list[Any], enum: tuple[Any, ...]) -> list[Any]:
    """``values``, the parts of a word ``test`` looks for, in small letters, when each part so
    written is found in one of the field's values (``enum``), and the test so written holds
    for one (``starts_with: Hi`` of ``severity``: ``hi``); [] otherwise. Only parts that are
    whole values had been hinted, and ``starts_with: Hi`` or ``contains_any: [High, Crit]``
    had been told to check the event schema (found by review)."""
    words = [value for value in enum if isinstance(value, str)]
    lowered = [value.lower() for value in values]
    alone = [
        dataclasses.replace(test, op=_ONE_PART.get(test.op, test.op), value=v) for v in lowered
    ]
    written = tuple(lowered) if isinstance(test.value, (list, tuple)) else lowered[0]
    whole = dataclasses.replace(test, value=written)
    if all(any(part.passes(word) for word in words) for part in alone) and any(
        whole.passes(word) for word in words
    ):
        return lowered
    return []


_ONE_PART = {"contains_any": "contains", "contains_all": "contains"}
"""The operator that looks for one part of a list's."""


_ISO_SHAPE = "dddd-dd-ddTdd:dd:dd"
"""How ``occurred_at`` is written, a ``d`` for each digit, up to its seconds."""
_ISO_END = re.compile(r"(?:\.[0-9]*)?(?:[Zz]|[+-](?:[0-9]{1,2}(?::[0-9]{0,2})?)?)?")
"""What may follow the seconds: a fraction, then the timezone (or the start of them)."""


def _written_year_first(text: str) -> bool:
    """Whether the text is a time written as ``occurred_at`` is, or its start (``2026``,
    ``2026-1``, ``2026-12-01T09:30:00Z``): only such text sorts among the event's times as
    the moment it is."""
    for at, char in enumerate(text):
        if at == len(_ISO_SHAPE):
            return _ISO_END.fullmatch(text, at) is not None
        wanted = _ISO_SHAPE[at]
        if wanted == "d":
            if char not in "0123456789":
                return False
        elif char != wanted and not (wanted == "T" and char == "t"):
            return False
    return True


_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})\Z")
_NAMED_MONTH = re.compile(
    r"(?:([0-9]{1,2})(?:st|nd|rd|th)?\.? +([A-Za-z]+)\.?,? +([0-9]{4})"
    r"|([A-Za-z]+)\.? +([0-9]{1,2})(?:st|nd|rd|th)?,? +([0-9]{4}))\Z"
)
_TIME_FIELDS = ("occurred_at",)
"""The event's times (the event schema's only one): text year first, compared as text."""
_DATE_COMPARED = frozenset(
    {"eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte", "between", "starts_with"}
)
"""The tests that compare a time with a whole date or its start (``contains: T09`` looks
inside one, and is not judged)."""


def _year_first(written: str) -> list[str]:
    """The dates a date written another way may be, year first (``01/12/2026``: 1 December or
    12 January); none when it reads as no date."""
    text = written.strip()
    found = _DAY_MONTH_YEAR.match(text)
    if found is not None:
        year = found[3]
        return [f"{year}-{m:02d}-{d:02d}" for d, m in day_and_month(int(found[1]), int(found[2]))]
    found = _NAMED_MONTH.match(text)
    if found is not None:
        day, name, year = (found[1], found[2], found[3]) if found[1] else found.group(5, 4, 6)
        month = next(
            (n for n, m in enumerate(MONTH_NAMES, 1) if m.lower().startswith(name.lower())), 0
        )
        if len(name) >= 3 and month and 1 <= int(day) <= 31:
            return [f"{year}-{month:02d}-{int(day):02d}"]
    return []


_YEAR_MONTH_DAY = re.compile(r"([0-9]{4})([/.-])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])")
"""A date written year first, its month and day of one digit or two, parted by `-`, `/` or
`.` (``2026-1-5``, ``2026/01/05``)."""


_OFFSET_WITHOUT_COLON = re.compile(r"(?<=[0-9])[+-][0-9]{4}\Z")
"""A timezone's offset after a time, written without its colon (``+0100``)."""


_HOUR_OF_ONE_DIGIT = re.compile(r"([ Tt])([0-9])(?=:)")
"""The start of a time after its date whose hour has one digit (`` 9:00`` of ``2026/1/5 9:00``)."""


def _year_first_otherwise(written: str) -> tuple[str, str] | None:
    """For a date written year first, but not as events write it (``2026-1-5``: a month and a
    day of one digit; ``2026/01/05``: slashes; ``2026-01-05 9:00``: an hour of one digit):
    what it is written with where events write otherwise, and the text mended
    (``2026-01-05``), when that is written as events write; None otherwise. An hour of one
    digit had made the text no date year first, told to be written year first (found by
    review)."""
    text = written.strip()
    found = _YEAR_MONTH_DAY.match(text)
    if found is None:
        return None
    year, mark, month, day = found.groups()
    what, rest = [], text[found.end() :]
    if mark != "-":
        what.append(f"`{mark}` where events write `-`")
    short = ["a month", "a day"] if len(month) < 2 or len(day) < 2 else []
    hour = _HOUR_OF_ONE_DIGIT.match(rest)
    if hour is not None:
        short.append("an hour")
        rest = f"{hour[1]}0{rest[hour.end(1) :]}"
    if short:
        what.append(f"{join_words(short, 'or')} of one digit where events write two")
    if rest[:1] == " ":
        what.append("a space where events write `T`")
        rest = f"T{rest[1:]}"
    offset = _OFFSET_WITHOUT_COLON.search(rest)
    if offset is not None:  # `+0100`, as `date +%z` writes it
        what.append(
            f"the offset `{offset[0]}` where events write `{offset[0][:3]}:{offset[0][3:]}`"
        )
        rest = f"{rest[: offset.start()]}{offset[0][:3]}:{offset[0][3:]}"
    mended = f"{year}-{int(month):02d}-{int(day):02d}{rest}"
    if not what or not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None  # (blanks around a date: not this finding's to mend)
    return (join_words(what), mended) if _written_year_first(mended) else None


def _day_words(date: str) -> str:
    """``2026-12-01`` -> ``1 December``."""
    return f"{int(date[8:])} {MONTH_NAMES[int(date[5:7]) - 1]}"


class _DateCheck(WarningCheck):
    """A check of the dates the tests of ``occurred_at`` compare it with (:func:`_dates_compared`):
    each test is told once, of the first of its values :meth:`judged` finds wrong."""

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        for test, compares, texts in _dates_compared(plan):
            found = next(((v, told) for v in texts if (told := self.judged(test, v))), None)
            if found is not None:
                value, (said, hint) = found
                yield self.found(test.at.inside(test.op), f"{compares} `{clip(value)}`{said}", hint)

    def judged(self, test: FieldTest, value: str) -> tuple[str, str] | None:
        """The end of the message (after the value) and the hint for ``value``, one of
        ``test``'s; None when this check has nothing to say of it."""
        raise NotImplementedError  # pragma: no cover - each check of values has its own


class DateNotYearFirst(_DateCheck):
    """A date for ``occurred_at`` not written year first (``01/12/2026``): times are text compared
    letter by letter, so the test follows no calendar, and a date's day and month are read either
    way round by readers of the plan."""

    code = "date-not-year-first"
    description = (
        "`occurred_at` compared with a date not written year first (`01/12/2026`, "
        "`1 Dec 2026`): times are text, compared letter by letter, so the test does not "
        "follow the calendar."
    )

    def judged(self, test: FieldTest, value: str) -> tuple[str, str] | None:
        """Why a date not written year first misleads, most specific first: blanks around it, a
        space for the ``T``, a day that does not exist, a date written year first otherwise than
        events write it, then any other order."""
        if _written_year_first(value):
            return None
        return (
            _blank_around(test, value)
            or _space_for_t(test, value)
            or _year_first_no_such_date(value)
            or _year_first_written_otherwise(test, value)
            or _zone_named_after(test, value)
            or _not_year_first(test, value)
        )


def _dates_compared(plan: PlanModel) -> Iterator[tuple[FieldTest, str, tuple[str, ...]]]:
    """Each test of an event's time that compares it with a whole date or its start
    (:data:`_DATE_COMPARED`), the words its finding starts with (``the `gte` test of rule
    `r` compares `occurred_at` with``) and the texts it compares with: what the checks of
    dates read (:class:`_DateCheck`)."""
    for test, where in field_tests(plan):
        if test.field in _TIME_FIELDS and test.op in _DATE_COMPARED:
            texts = tuple(v for v in values_of(test) if isinstance(v, str))
            yield test, f"the `{test.op}` test of {where} compares `{test.field}` with", texts


def _blank_around(test: FieldTest, odd: str) -> tuple[str, str] | None:
    """The end of the message and the hint for a date or time written as events write it but
    for a blank before or after it (``"2026-01-05 "``); None for any other text, and for one
    on no day (:func:`_year_first_no_such_date` tells it). ``"2026-01-05 "`` had been told to
    write `T` for the space, ``2026-01-05T``, and ``" 2026-01-05"`` to write the date year
    first, which it is (found by mutation testing)."""
    date = odd.strip()
    if not date or not _written_year_first(date) or _no_day(date):
        return None
    where = [side for side, blank in (("before", odd[0]), ("after", odd[-1])) if blank.isspace()]
    return (
        f", which is year first, but with a blank {' and '.join(where)} it, where events write "
        "none (`2026-11-23T09:30:00Z`), and text is compared letter by letter, so the test "
        "does not follow the calendar",
        _with_whole_compared(test, date, f"write it without the blank: {_in_the_test(test, date)}"),
    )


def _space_for_t(test: FieldTest, odd: str) -> tuple[str, str] | None:
    """The end of the message and the hint for a time with a space where events write `T`
    (``2026-12-01 09:00``); None for any other text. A time without its timezone that ``eq``,
    ``in``, ``ne`` or ``not_in`` compares whole is written with ``starts_with``:
    ``eq: "2026-12-01 09:00"`` had been told to write ``2026-12-01T09:00``, which never holds
    either (found by mutation testing)."""
    mended = odd[:10] + "T" + odd[11:]
    if odd[10:11] != " " or not _written_year_first(mended):
        return None
    in_utc = _moment_in_utc(mended)
    return (
        ": events write `T` between the date and the time (`2026-11-23T09:30:00Z`), "
        "and text is compared letter by letter, where a space comes before `T`",
        _with_whole_compared(
            test, mended, f"write `T` for the space: {_date_written(test, mended)}"
        )
        if in_utc is None
        else (
            "write `T` for the space, and the moment in UTC, as an event's time is read: "
            f"{_in_the_test(test, in_utc)}"
        ),
    )


def _year_first_no_such_date(odd: str) -> tuple[str, str] | None:
    """The end of the message and the hint for a date written year first whose month or day
    does not exist (``2026/13/05``, ``2026-1-32``, ``2026/02/30``): such a date had been told
    to be written year first, which it is, or mended to a day that is none (``2026-02-30``;
    found by coverage review). None for any other text."""
    from engine.utctime import date_missing  # only for a plan with such a date

    found = _YEAR_MONTH_DAY.match(odd.strip())
    if found is None:
        return None
    year, _, month, day = found.groups()
    missing = date_missing(f"{year}-{int(month):02d}-{int(day):02d}")
    if not missing:
        return None
    return (
        f", which is year first, but {missing}",
        "write a date that exists, year first, as events write it: `2026-12-01` or "
        "`2026-12-01T09:30:00Z`",
    )


def _year_first_written_otherwise(test: FieldTest, odd: str) -> tuple[str, str] | None:
    """The end of the message and the hint for a date written year first, but not as events
    write it (:func:`_year_first_otherwise`): ``2026-1-5`` and ``2026/01/05`` had been told to
    be written year first, which they are (found by review). None for any other text."""
    otherwise = _year_first_otherwise(odd)
    if otherwise is None:
        return None
    what, mended = otherwise
    in_utc = _moment_in_utc(mended)
    return (
        f", which is year first, but written with {what} (`2026-11-23T09:30:00Z`), and text "
        "is compared letter by letter, so the test does not follow the calendar",
        _with_whole_compared(test, mended, f"write {_in_the_test(test, mended)}")
        if in_utc is None
        else f"write the moment in UTC, as an event's time is read: {_in_the_test(test, in_utc)}",
    )


def _zone_named_after(test: FieldTest, odd: str) -> tuple[str, str] | None:
    """The end of the message and the hint for a time written year first with its zone named
    in brackets after it, as Java's ``ZonedDateTime`` writes one
    (``2027-01-01T00:00:00+00:00[Europe/London]``): it had been told to write the date year
    first, which it is (found by an airline's trial). The moment in UTC is hinted when the
    time has its offset, or the zone's name gives it one (``[America/New_York]``: the hint had
    been the time as written with ``Z``, five hours off, read as the moment to write); else the
    offset is asked for. None for any other text."""
    from engine.timehints import offsets_then, zone_named_after_hint  # only for such a time
    from engine.utctime import timestamp_meant

    time, bracket, notes = odd.partition("[")
    meant = timestamp_meant(time) if zone_named_after_hint(odd) else None
    if meant is None:
        return None
    time, zone, _ = meant  # written whole (`10:00` as `10:00:00`)
    if not zone:  # the zone's offset then, when the name says one (not in the hour twice)
        then = offsets_then(time, notes.partition("]")[0].removeprefix("!"))
        zone = then[1][0] if then is not None and len(then[1]) == 1 else ""
    in_utc = _read_in_utc(time + zone) if zone else None
    said = (
        f", which is year first, but names its zone after it, `{bracket}{notes.rstrip()}`, "
        "where events write none (their time in UTC: `2026-11-23T09:30:00Z`), and text is "
        "compared letter by letter, so the test does not follow the calendar"
    )
    if in_utc is None:  # no offset: which moment it is, the zone's name alone does not say
        return said, (
            f"write the moment in UTC, as an event's time is read: `{time}` as a clock on UTC "
            "showed it then, followed by `Z`"
        )
    return (
        said,
        f"write the moment in UTC, as an event's time is read: {_in_the_test(test, in_utc)}",
    )


def _moment_in_utc(mended: str) -> str | None:
    """A whole time a hint mends (``2026-12-07T15:00:00+09:00`` for ``2026/12/07
    15:00:00+0900``) in UTC to the second, as an event's is read (:func:`_read_in_utc`), when
    that is other text; None else. The mended time had been hinted as it was, with its
    offset, and ``time-not-in-utc`` then told the hint followed (found by review)."""
    in_utc = _read_in_utc(mended)
    return None if in_utc == mended else in_utc


def _not_year_first(test: FieldTest, odd: str) -> tuple[str, str]:
    """The end of the message and the hint for a date not written year first
    (``01/12/2026``, ``1 Dec 2026``): the dates it may be, year first."""
    dates = _year_first(odd)
    if len(dates) == 1 and not isinstance(test.value, (list, tuple)):
        mended = f": {_in_the_test(test, dates[0])}"
    elif dates:
        mended = ": " + " or ".join(f"{_date_written(test, d)} ({_day_words(d)})" for d in dates)
    else:
        mended = ", such as `2026-12-01` or `2026-12-01T09:30:00Z`"
    hint = f"write the date year first{mended}"
    return (
        ": events write their time year first (`2026-11-23T09:30:00Z`) and it is "
        "compared as text, letter by letter, so the test does not follow the calendar",
        _with_whole_compared(test, dates[0], hint) if dates else hint,
    )


def _with_whole_compared(test: FieldTest, date: str, hint: str) -> str:
    """``hint``, which writes ``date`` year first for ``test`` (for ``eq`` and ``ne`` with
    ``starts_with`` already, :func:`_in_the_test`); when ``eq``, ``in``, ``ne`` or ``not_in``
    would compare it whole and it is part of a time (``part-of-a-time``), with why, or for a
    list the ``starts_with`` tests to write: ``eq: 01/12/2026`` had been told to write
    ``eq: "2026-12-01"``, which never holds either (found by review)."""
    if test.op not in _WHOLE_TIMES_COMPARED or not _part_of_a_time(date):
        return hint
    if isinstance(test.value, (list, tuple)):
        return f"{hint}; {_starts_with_hint(test, date)}"
    return f"{hint} (`{test.op}` compares the whole time, its date, time and timezone)"


def _day_compared_whole(test: FieldTest, date: str) -> bool:
    """Whether ``test``, ``eq`` or ``ne`` of one value, would compare ``date``, part of a
    time, with whole times (``part-of-a-time``): a hint then writes it with ``starts_with``."""
    return test.op in ("eq", "ne") and _part_of_a_time(date)


def _date_written(test: FieldTest, date: str) -> str:
    """A date a hint names alone (```2026-12-01```), or in the test when ``eq`` or ``ne``
    would compare it whole (```starts_with: "2026-12-01"```, :func:`_in_the_test`)."""
    return _in_the_test(test, date) if _day_compared_whole(test, date) else f"`{date}`"


def _in_the_test(test: FieldTest, date: str) -> str:
    """A date as a hint writes it for the test: in the test (``gte: "2026-12-01"``), or alone
    when it is one of a list's (``2026-12-01``); a day alone that ``eq`` or ``ne`` would
    compare whole, with ``starts_with`` (``part-of-a-time``)."""
    if isinstance(test.value, (list, tuple)):
        return f"`{date}`"
    if _day_compared_whole(test, date):
        return _starts_with_test(test, date)
    return f'`{test.op}: "{date}"`'


def _starts_with_test(test: FieldTest, part: str) -> str:
    """``eq`` or ``ne`` of ``part`` of a time written to compare the time's start:
    ```starts_with: "2026-11-27"```, under ``not`` for ``ne``."""
    one = f'starts_with: "{part}"'
    return f"`{one}`" if test.op == "eq" else f"`not: {{field: {test.field}, {one}}}`"


class NoSuchDate(_DateCheck):
    """A date written as events write it but that does not exist (``2026-02-30``): no event's time
    falls on it, so the test never holds, or, compared in order, stands for another day than the one
    meant."""

    code = "no-such-date"
    description = (
        "`occurred_at` compared with a date written as events write it but that does not "
        'exist (`eq: "2026-02-30"`, `gte: "2026-04-31"`): no event\'s time falls on it, so '
        "the test never holds for it, or stands for another day."
    )

    def judged(self, test: FieldTest, value: str) -> tuple[str, str] | None:
        """Whether the date's day exists, with what the test does with it and the day most likely
        meant."""
        missing = _no_day(value)
        if not missing:
            return None
        said = f", but {missing}; {_what_it_does(test.op, value)}"
        return said, _existing_day_hint(test, value)


class NoSuchTime(_DateCheck):
    """A whole time for ``occurred_at`` at an hour, minute or second no clock has (``T24:00:00Z``,
    a leap second ``T23:59:60Z``) or with an offset no zone has (``+24:00``): ``backplan eval``
    refuses an event's time written so (``bad-time``), so a test of equality never holds, and
    an order, comparing text letter by letter, stands for another moment than the one meant.
    Such times had been compared as text, and lint said nothing (found by review)."""

    code = "no-such-time"
    description = (
        "`occurred_at` compared with a time no event's time can be: an hour 24 "
        "(`T24:00:00Z`), a second 60 (`T23:59:60Z`, a leap second) or an offset past 23 "
        "hours (`+24:00`): `backplan eval` refuses such a time, so the test never holds for "
        "it, or stands for another moment."
    )

    def judged(self, test: FieldTest, value: str) -> tuple[str, str] | None:
        """What is amiss with the time's clock or offset, with what the test does with it, and
        the moment most likely meant, in UTC, when it can be told."""
        if not _written_year_first(value) or _no_day(value):
            return None
        from engine.timehints import offset_missing  # only for a plan comparing such a time
        from engine.utctime import clock_missing

        two = _two_digit_offset(value)
        missing = clock_missing(two) or offset_missing(two)
        if not missing:
            return None
        said = (
            f", but {missing}; no event's time is written so (`backplan eval` refuses one "
            "that is, `bad-time`)"
        )
        if test.op in _OUTCOMES or value[-1] not in "Zz":  # (in UTC, it sorts as meant)
            said += _what_the_test_does(test.op)
        meant = _moment_meant(value)
        if meant is None:
            return said, (
                "write the moment in UTC, with `Z`: hours 00 to 23, minutes and seconds 00 to "
                "59 (`2026-12-01T09:30:00Z`)"
            )
        return said, f"write the moment meant, in UTC: {_in_the_test(test, meant)}"


def _moment_meant(value: str) -> str | None:
    """The moment a time at the end of a day (``T24:00:00``) or a leap second stands for
    (:func:`engine.utctime.clock_meant`), in UTC to the second
    (``2026-12-01T24:00:00+09:00``: ``2026-12-01T15:00:00Z``); None when that cannot be told
    (an hour 25, an offset that is none)."""
    from engine.utctime import clock_meant  # only for a plan comparing such a time

    meant = clock_meant(_two_digit_offset(value))
    return None if meant is None else _read_in_utc(meant)


class TimeNotInUtc(_DateCheck):
    """A time for ``occurred_at`` written with an offset (``+09:00``, ``+00:00``), a fraction of
    a second or a small ``t`` or ``z``: an event's time is read in UTC, to the second
    (``engine.evaluate.time_as_tested``), and compared with the plan's letter by letter, so
    ``gte: "2026-12-07T15:00:00+09:00"`` stands for no moment: 14:00 UTC sorts before it,
    though it is after 06:00 UTC, the moment written (found by writing a Tokyo shop's plan)."""

    code = "time-not-in-utc"
    description = (
        "`occurred_at` compared with a time written with an offset (`+09:00`), a fraction "
        "of a second or a small `t` or `z`: events' times are read in UTC to the second, and "
        "compared letter by letter, so the test stands for another moment; or searched for "
        'an offset (`ends_with: "+09:00"`), which no time read in UTC holds.'
    )

    def judged(self, test: FieldTest, value: str) -> tuple[str, str] | None:
        """What is written otherwise than an event's time is read, and the moment in UTC."""
        in_utc = _read_in_utc(value)
        if in_utc is None or in_utc == value:
            return None
        what = []
        zone = _ZONE_WRITTEN.search(value)
        if zone is not None and zone[0] not in "Zz":
            two = _two_digit_offset(zone[0])
            mended = "" if two == zone[0] else f" (an offset's hours have two digits: `{two}`)"
            what.append(f"the offset `{zone[0]}`{mended}")
        if "." in value:
            what.append("a fraction of a second")
        small = [f"`{c}`" for c, at in (("t", 10), ("z", -1)) if value[at] == c]
        if small:
            what.append(f"a small {join_words(small)}")
        said = (
            f", written with {join_words(what)}, but an event's time is read in UTC to the "
            f"second (`{in_utc}` for this moment)"
        )
        said += _what_the_test_does(test.op)
        return said, f"write the moment in UTC: {_in_the_test(test, in_utc)}"

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """The times compared (:meth:`judged`), then each test that looks inside
        ``occurred_at`` for an offset (:func:`_offsets_looked_for`)."""
        yield from super().check(plan)
        yield from _offsets_looked_for(self, plan)


def _what_the_test_does(op: str) -> str:
    """What a test of ``occurred_at`` by ``op`` does with a time no event's time is written
    as: compared whole, or its start, it never holds (or leaves out no event); in order, it
    stands for another moment, text being compared letter by letter."""
    if op in _OUTCOMES:
        return f", so {_OUTCOMES[op]}"
    return ", and text is compared letter by letter, so the test stands for another moment"


_ZONE_WRITTEN = re.compile(r"(?:[Zz]|[+-][0-9]{1,2}:[0-9]{2})\Z")
"""The timezone at the end of a time, its offset's hours of one digit too (``+9:00``)."""
_ONE_DIGIT_HOURS = re.compile(r"([+-])([0-9]):(?=[0-9]{2}\Z)")
"""An offset whose hours have one digit (``+9:00``), at the end of a time."""


def _two_digit_offset(text: str) -> str:
    """``text`` with the hours of the offset it ends with written with two digits
    (``+9:00``: ``+09:00``), as RFC 3339 writes them; as it is when they have two."""
    return _ONE_DIGIT_HOURS.sub(r"\g<1>0\2:", text)


_OFFSET_INSIDE = re.compile(r"[+-][0-9]{2}:[0-9]{2}")
"""An offset in a text (``+09:00``): a date's ``-12-`` and a time's ``:30:00`` are none."""
_INSIDE_TIME_OPS = ("contains", "ends_with", "contains_any", "contains_all")


def _offsets_looked_for(check: TimeNotInUtc, plan: PlanModel) -> Iterator[Diagnostic]:
    """A ``contains`` or ``ends_with`` test of ``occurred_at`` for an offset: an event's time is
    read in UTC, ending with ``Z``, so ``ends_with: "+09:00"``, which had told a Tokyo
    system's events, holds for none since c594bdb6, and lint said nothing (found by review)."""
    for test, where in field_tests(plan):
        if test.field not in _TIME_FIELDS or test.op not in _INSIDE_TIME_OPS:
            continue
        offset = next(
            (
                found
                for v in values_of(test)
                if isinstance(v, str) and (found := _OFFSET_INSIDE.search(v))
            ),
            None,
        )
        if offset is not None:
            yield check.found(
                test.at.inside(test.op),
                f"the `{test.op}` test of {where} looks for the offset `{offset[0]}` in "
                f"`{test.field}`, but an event's time is read in UTC, to the second, and ends "
                "with `Z` whatever offset it was sent with (`2026-12-07T06:00:00Z` for "
                f"`2026-12-07T15:00:00+09:00`), so no event's time holds `{offset[0]}`",
                "to tell where an event comes from, test a field that says it (such as "
                "`store` or `channel`); to test a time, compare it with a time in UTC",
            )


def _read_in_utc(value: str) -> str | None:
    """A whole time with its timezone (``2026-12-07T15:00:00+09:00``) as an event's is read,
    in UTC to the second (``2026-12-07T06:00:00Z``); None for any other text (a date alone,
    a time without its timezone: the other checks of dates tell them). An offset whose hours
    have one digit (``+9:00``), which no event's time is written with, is read as meant
    (``+09:00``): such a time had been compared as text, silently (found by review)."""
    if not _written_year_first(value) or _ZONE_WRITTEN.search(value) is None:
        return None
    from engine.errors import EventError  # only for a plan comparing such a time
    from engine.evaluate import to_the_second, utc_time

    try:
        return to_the_second(utc_time(_two_digit_offset(value))[1])
    except EventError:
        return None


def _no_day(value: str) -> str:
    """Why ``value``, a date or a time written as events write one (year first, its month and
    day of two digits: ``2026-02-30``), is on no day (:func:`engine.utctime.date_missing`);
    "" for one on a day that exists, and for any other text (``date-not-year-first``'s)."""
    if len(value) < len("2026-12-01") or not _written_year_first(value):
        return ""
    from engine.utctime import date_missing  # only for a plan comparing such a date

    return date_missing(value[:10])


_OUTCOMES = {
    "eq": "the test never holds",
    "starts_with": "the test never holds",
    "in": "that value never matches",
    "ne": "the test holds for every event that has a time",
    "not_in": "that value leaves out no event",
}
"""What a test of equality or difference does with a value no event's time is: the words
``no-such-date`` and ``part-of-a-time`` end their findings with."""


def _what_it_does(op: str, value: str) -> str:
    """What a test of ``occurred_at`` does with ``value``, a date that does not exist: an
    event's time is never on it (``eval`` refuses one that is, as ``bad-time``), so a test of
    equality never holds and one of difference always does; compared letter by letter, an
    order puts it where the next day that exists starts."""
    if op in _OUTCOMES:
        never = "no event's time is on that day (`backplan eval` refuses one that is, `bad-time`)"
        return f"{never}, so {_OUTCOMES[op]}"
    return (
        "times are compared as text, letter by letter, so the test reads it as "
        f"`{_next_day(value)}`, the first day after it that exists"
    )


def _day_parts(value: str) -> tuple[int, int, int]:
    """The year, month and day a date written year first gives (``2026-02-30``: 2026, 2, 30)."""
    return int(value[:4]), int(value[5:7]), int(value[8:10])


def _next_day(value: str) -> str:
    """The first day that exists after the date ``value`` begins with, one that does not
    (``2026-02-30``: ``2026-03-01``; ``2026-13-01``: ``2027-01-01``; ``2026-04-00``:
    ``2026-04-01``): where an ordering of text puts it among the times of events."""
    from calendar import monthrange

    year, month, day = _day_parts(value)
    if month > 12:
        return f"{year + 1:04d}-01-01"
    if month == 0 or day == 0:
        return f"{year:04d}-{max(month, 1):02d}-01"
    # Asked only of a date utctime.date_missing refused: its month is 01 to 12 here and its day
    # past the month's last, so this is never taken.
    if day <= monthrange(year, month)[1]:  # pragma: no cover
        return value[:10]
    return f"{year + 1:04d}-01-01" if month == 12 else f"{year:04d}-{month + 1:02d}-01"


def _existing_day_hint(test: FieldTest, value: str) -> str:
    """What to write for ``value``, a date that does not exist, in ``test``: a day past its
    month's end is the month's last day or the next month's first, as meant (its time kept);
    a day alone or a time without its zone, which ``eq``, ``in``, ``ne`` and ``not_in``
    compare whole and no event's time is (``part-of-a-time``), written ``starts_with``; any
    other, a date that exists, year first. ``ne`` and ``in`` of a day had been told to write
    the day that exists in the same test, which never holds either, and ``eq`` of a whole
    time ``starts_with`` with the time written twice (found by review)."""
    from calendar import monthrange

    year, month, day = _day_parts(value)
    if not 1 <= month <= 12 or day == 0:
        return (
            "write a date that exists, year first, as events write it: `2026-12-01` or "
            "`2026-12-01T09:30:00Z`"
        )
    last = f"{year:04d}-{month:02d}-{monthrange(year, month)[1]:02d}{value[10:]}"
    month_name = MONTH_NAMES[month - 1]
    first = f"{_next_day(value)}{value[10:]}"
    if test.op == "eq" and len(value) == len("2026-12-01"):  # no whole time equals a day
        return (
            "write a day that exists, with `starts_with` to match every time on it (`eq` "
            f'compares the whole time, `{last}T09:30:00Z`): `starts_with: "{last}"` (the last '
            f'day of {month_name} {year}) or `starts_with: "{first}"`'
        )
    if test.op in _WHOLE_TIMES_COMPARED and _part_of_a_time(last):
        return (
            f"write a day that exists, `{last}` (the last day of {month_name} {year}) or "
            f"`{first}`; {_starts_with_hint(test, last)}"
        )
    return (
        f"write a day that exists: {_in_the_test(test, last)} (the last day of {month_name} "
        f"{year}) or {_in_the_test(test, first)}"
    )


class PartOfATime(_DateCheck):
    """``eq``, ``in``, ``ne`` or ``not_in`` of ``occurred_at`` with part of a time (a date alone, a
    time without its timezone): an event's time is always whole, so the test never holds, or always
    does, where ``starts_with`` was meant."""

    code = "part-of-a-time"
    description = (
        "`occurred_at` compared by `eq`, `in`, `ne` or `not_in` with part of a time: a date "
        'alone (`eq: "2026-11-27"`) or a time without its timezone. An event\'s time is always '
        "whole, so the test never holds (or always does); `starts_with` matches every time "
        "that starts with the value."
    )

    def judged(self, test: FieldTest, value: str) -> tuple[str, str] | None:
        """Whether an equality compares the whole time with part of one, with ``starts_with`` as the
        fix."""
        if test.op not in _WHOLE_TIMES_COMPARED or not _part_of_a_time(value):
            return None
        said = (
            ", but an event's time is always a whole timestamp, its date, time and timezone "
            f"(`2026-11-27T09:30:00Z`), never `{clip(value)}` alone, so {_OUTCOMES[test.op]}"
        )
        return said, _starts_with_hint(test, value)


_WHOLE_TIMES_COMPARED = frozenset(("eq", "in", "ne", "not_in"))
"""The tests that compare a time with a value whole: the others compare its start
(``starts_with``), its order (``gte``), or look inside it (``contains``)."""


def _part_of_a_time(value: str) -> bool:
    """Whether ``value`` is the start of a time as events write one (``2026-11-27``,
    ``2026-11-27T09:30``, ``2026-11-27T09:30:00``), no whole time: an event's time always
    has its timezone (``eval`` refuses one without, as ``bad-time``). A date not written year
    first is ``date-not-year-first``'s, and one on no day ``no-such-date``'s."""
    if not _written_year_first(value) or _no_day(value):
        return False
    return _ZONE_WRITTEN.search(value) is None  # (written year first: after the seconds)


def _starts_with_hint(test: FieldTest, part: str) -> str:
    """How to match every time that starts with ``part`` (``starts_with``), or leave it out
    for a test of difference (under ``not``); one test a value under ``any`` for a list."""
    one = f'starts_with: "{part}"'
    days = len(part) == len("2026-11-27")
    verb = "match" if test.op in ("eq", "in") else "leave out"
    if test.op in ("eq", "ne"):
        every = "on that day (in UTC, as events' times are read)" if days else "that starts with it"
        return f"to {verb} every time {every}, write {_starts_with_test(test, part)}"
    listed = f"any: [{{field: {test.field}, {one}}}, ...]"
    meant = f"`{listed}`" if test.op == "in" else f"`not: {{{listed}}}`"
    every = (
        "on those days (in UTC, as events' times are read)"
        if days
        else "that starts with one of them"
    )
    return (
        f"to {verb} every time {every}, write one `starts_with` test a value, under `any`: {meant}"
    )


_ALTERNATIVES = re.compile(r"\s*+[\w.-]++(?:(?:\s*+(?:[,;|]|\bor\b)\s*+|\s++/\s++)[\w.-]++)++\s*+")
"""Words listed in one text (``rude, impolite``, ``rude|impolite``, ``phone or email``,
``gold / platinum``). Possessive throughout: a word and an `or` inside it (`a.or.or`) were
tried both ways, and 28 of them took 95 s (found by review)."""
_PIPED = re.compile(r"\s*+[\w.-]++(?:(?:\s*+[;|]\s*+|\s++/\s++)[\w.-]++)++\s*+")
"""Words joined as no phrase is written: by ``|``, as a regular expression writes
alternatives (``rude|impolite``), or by ``;`` or a ``/`` between blanks. (A phrase a text
test looks for may hold a comma or an ``or``.)"""
_NAMED = re.compile(r"\s*+[\w.-]++(?:(?:\s*+(?:[;|]|\bor\b)\s*+|\s++/\s++)[\w.-]++)++\s*+")
"""Words listed in one name (``Dana or Sam``): :data:`_ALTERNATIVES` without the comma, which
a name holds as written (``Doe, Jane``, a store's ``Springfield, IL``)."""
_NAME_FIELDS = frozenset({"customer.name", "store"})
"""The standard fields that hold a person's or a place's name, where a comma is part of the
value: `eq: "Doe, Jane"` had been told it matches neither `Doe` nor `Jane` (found by review)."""
_ONE_OF = {"eq": "in", "ne": "not_in", "contains": "contains_any"}
"""The test that takes a list of the alternatives a one-value test was given in one text."""


class AlternativesInOneValue(WarningCheck):
    """Several words written as one text (``eq: "rude, impolite"``, ``contains: rude|impolite``):
    the text is compared whole, so the test matches neither word, where a list was meant."""

    code = "alternatives-in-one-value"
    description = (
        'A test given several words in one text (`eq: "rude, impolite"`, `contains: '
        "rude|impolite`): the text is compared whole, so it matches neither word."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each equality or ``contains`` test with a value that joins alternatives, mended as the
        list it was meant as."""
        for test, where in field_tests(plan):
            listed = isinstance(test.value, (list, tuple))
            pattern = _PIPED if test.op in ("contains", "contains_any", "contains_all") else None
            if test.op not in EQUALITY_OPS and pattern is None:
                continue
            pattern = pattern or (_NAMED if test.field in _NAME_FIELDS else _ALTERNATIVES)
            joined = next(
                (v for v in values_of(test) if isinstance(v, str) and pattern.fullmatch(v)),
                None,
            )
            if joined is None:
                continue
            items = _alternatives_of(joined, test.field)
            if items is None:
                continue
            words, noun = items
            if test.op == "contains_all":  # each item must be there: the words are another test
                mended = (
                    f"test them beside this one, under `all:`, with `contains_any: {flow(words)}`"
                )
            elif listed:
                spread = [w for v in values_of(test) for w in (words if v == joined else [v])]
                mended = f"list the {noun} one by one: `{test.op}: {flow(spread)}`"
            else:
                mended = (
                    f"list the {noun} one by one: `{_ONE_OF.get(test.op, test.op)}: {flow(words)}`"
                )
            yield self.found(
                test.at.inside(test.op),
                f"the `{test.op}` test of {where} on `{test.field}` compares with "
                f"`{clip(joined)}` as one text: it matches neither "
                f"{join_words([f'`{w}`' for w in words], 'nor')} on its own",
                mended,
            )


def _alternatives_of(joined: str, field: str) -> tuple[list[Any], str] | None:
    """The items a text lists (``rude, impolite``), and what they are, "words" or "numbers":
    in a field events carry as a number, numbers, written as numbers (`rating` `eq: 1 or 2`
    had been hinted `in: ["1", "2"]`, text that never matches either; found by review). None
    for one phrase (``n / a``, ``24 / 7``) and, in such a field, for one number written with
    a decimal comma or thousands separators (``1,5``, hinted `in: ["1", "5"]`): never-matches
    tells it, `eq: 1.5`."""
    words = list_items(joined)
    if len(words) < 2:
        return None
    if not _a_number_field(field):
        return list(words), "words"
    if meant_number(joined.strip()) is not None:
        return None
    numbers = _numbers_listed(joined)
    return ([Decimal(n) for n in numbers], "numbers") if numbers else (list(words), "words")


_BLANK = re.compile(r"\s")
_WORDS_WITHOUT_COMMA = re.compile(r"[\w.-]++(?:[ \t]++[\w.-]++)++")
"""Words with only blanks between them (``broken faulty``): two items a comma had parted; one
with a comma, a `|` or blanks around it is ``alternatives-in-one-value``'s, or meant so."""
_SPACED_NAMES = _NAME_FIELDS | {"customer.first_name"}
"""The standard fields that hold a name, where words with a blank between are one value
(``in: [Anna, Mary Ann]``)."""


class BlankAroundValue(WarningCheck):
    """A value of an equality test with a blank at its start or end (``eq: "Site 12 "``, pasted
    from a spreadsheet with its cell's space): the value is compared whole, blanks included,
    so the test misses the `Site 12` events send. ``eval --pretty`` and ``explain`` tell it
    of an event it missed ("only the spaces differ"); lint tells it before any event does."""

    code = "blank-around-value"
    description = (
        'A test given a text with a blank at its start or end (`eq: "Site 12 "`): the text is '
        "compared whole, blanks included, so it misses the `Site 12` events send."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each ``eq``, ``ne``, ``in`` or ``not_in`` test with such a text, mended without its
        blanks (the text tests, such as ``contains: " late "``, may mean their blanks)."""
        for test, where in field_tests(plan):
            if test.op not in EQUALITY_OPS:
                continue
            padded = [v for v in values_of(test) if isinstance(v, str) and v.strip() not in ("", v)]
            if not padded:
                continue
            first = padded[0]
            ends = [
                side
                for side, blank in (
                    ("start", first != first.lstrip()),
                    ("end", first != first.rstrip()),
                )
                if blank
            ]
            bare = _bare_values(test)
            mended, fewer = _without_blanks(test, bare)
            also = bare(first) in values_of(test)  # `in: ["Site 12", "Site 12 "]`
            yield self.found(
                test.at.inside(test.op),
                f"the `{test.op}` test of {where} on `{test.field}` compares with "
                f"{quoted(first)}, the blank at its {' and '.join(ends)} included: an event's "
                f"{quoted(bare(first))} is not equal to it"
                + (f", though the list holds {quoted(bare(first))} as well" if also else ""),
                f"write {_mending(fewer, several=len(padded) > 1)}: `{test.op}: {mended}`",
            )


def _mending(fewer: bool, *, several: bool) -> str:
    """What the hint of :class:`BlankAroundValue` does: with ``fewer``, a value left out."""
    if fewer:
        return "each value once, without its blanks"
    return "the values without their blanks" if several else "the value without the blank"


def _bare_values(test: FieldTest) -> Callable[[str], str]:
    """A text of ``test`` without the blanks around it, as events send it: in a field of named
    values, the one of the same letters (``severity`` ``"High "`` is `high`). ``eq: "High "``
    had been hinted ``eq: High``, which never matches either (found by review)."""
    info = resolve(test.field).info
    named = {} if info is None or not info.enum else {str(v).lower(): v for v in info.enum}

    def bare(text: str) -> str:
        value = named.get(text.strip().lower(), text.strip()) if text.strip() else text
        return value if isinstance(value, str) else text.strip()

    return bare


def _without_blanks(test: FieldTest, bare: Callable[[str], str]) -> tuple[str, bool]:
    """The values of ``test`` without the blanks around them, in YAML flow style, each once;
    and whether a value was left out, listed already. ``in: ["Site 12", "Site 12 "]``
    had been hinted ``in: ["Site 12", "Site 12"]``, a value twice, and told that an event's
    "Site 12" was not equal to the list's item, where the list took it (found by review)."""
    trimmed = [bare(v) if isinstance(v, str) and v != v.strip() else v for v in values_of(test)]
    if not isinstance(test.value, (list, tuple)):
        return flow(trimmed[0]), False
    seen: set[tuple[type, Any]] = set()
    once = []
    for value in trimmed:
        if (value.__class__, value) not in seen:
            seen.add((value.__class__, value))
            once.append(value)
    return flow(once), len(once) < len(trimmed)


class WordsAsOneItem(WarningCheck):
    """An item of several words in a list of single words, a comma left out (``in: [defective,
    broken faulty]``): YAML reads one item, so neither word is taken on its own."""

    code = "words-as-one-item"
    description = (
        "A list of single words with one item of several words and no comma between them "
        "(`in: [defective, broken faulty, not_working]`): YAML reads one item, `broken faulty`, "
        "so the test never takes `broken` or `faulty` on its own."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each such item not written as one text on purpose (in quotes, or tagged ``!!str``),
        mended as the items it was meant as."""
        for test, where in field_tests(plan):
            found = _item_of_words(test)
            if found is None:
                continue
            number, item = found
            at = test.at.inside(test.op).inside(str(number))
            written = _written_before(at)
            if written is not None and written[1] in "'\"!":
                continue  # in quotes, or tagged `!!str`: written as one text on purpose
            words = item.split()
            in_block = written is not None and written[0].rstrip().endswith("-")  # `- a b`
            yield self.found(
                at,
                f"the `{test.op}` test of {where} on `{test.field}` lists `{clip(item)}` as "
                f"one item: its words are not separated by a comma, so "
                + _READ_AS[test.op].format(
                    item=clip(item), words=join_words([f"`{w}`" for w in words], "or")
                ),
                _parted(test, number, words, in_block=in_block),
            )


_READ_AS = {
    "in": 'the test holds only for the text "{item}", not for {words}',
    "not_in": 'the test leaves out only the text "{item}", not {words}',
    "contains_any": 'the test looks for "{item}", the words together, not for {words} alone',
    "contains_all": 'the test looks for "{item}", the words together, not for each alone',
}
"""What a test does with the one item YAML read, in words, and what it does not."""


def _item_of_words(test: FieldTest) -> tuple[int, str] | None:
    """The one item of a test's list that is words with blanks between (and its place in the
    list), when every other item is a single word: then a comma was most likely left out.
    None when the other items hold blanks too (a list of phrases, ``[late delivery, lost
    parcel]``), for a list of one item (a phrase alone is as likely meant), for a name, and
    for a text test of a text field unless another item is written as a code (``not_working``):
    a text is searched for words and phrases alike (``contains_any: [refund, money back]``)."""
    if test.op not in LIST_OPERATORS or test.field in _SPACED_NAMES:
        return None
    items = test.value
    if not isinstance(items, (list, tuple)) or len(items) < 2:
        return None
    if not all(isinstance(item, str) for item in items):
        return None
    spaced = [number for number, item in enumerate(items) if _BLANK.search(item)]
    if len(spaced) != 1:
        return None
    number = spaced[0]
    item = items[number]
    if not _WORDS_WITHOUT_COMMA.fullmatch(item) or _ALTERNATIVES.fullmatch(item):
        return None  # (`rude or impolite`: alternatives-in-one-value's)
    searched = test.op.startswith("contains") and not _compared_whole(test.field)
    if searched and not any("_" in other for other in items if other is not item):
        return None
    return number, item


def _compared_whole(field: str) -> bool:
    """Whether events carry ``field`` as a list, whose items a ``contains`` test compares whole
    (``order.items``), not as text searched for words and phrases."""
    info = resolve(field).info
    return info is not None and "list" in info.kinds


def _parted(test: FieldTest, number: int, words: list[str], *, in_block: bool) -> str:
    """The hint: the list with the item's words as items of their own, as the list is written,
    in brackets, or one a line (``- broken``) when it is written so (``in_block``); then the
    item in quotes, which keeps it one value and is not told. A value of two words among
    single ones (a team, `customer care`; a region, `East Midlands`) is as likely meant whole:
    parting it alone had been offered, which breaks such a test (found by review)."""
    meant = f"if you meant {counted(len(words), 'item')}"
    whole = quoted(test.value[number])
    kept = f"; if it is one value, put it in quotes: `{'- ' if in_block else ''}{whole}`"
    if in_block:
        lines = join_words([f"`- {flow(word)}`" for word in words], "then")
        return f"{meant}, write each on a line of its own: {lines}{kept}"
    items = list(test.value)
    parted = [*items[:number], *words, *items[number + 1 :]]
    return f"{meant}, put a comma between the words: `{test.op}: {flow_list(parted, flow)}{kept}"


def _written_before(at: SourceLocation) -> tuple[str, str] | None:
    """The line of a list item ``at`` places, up to the item, and the item's first character,
    as the file writes them: a ``-`` before it when the list is written one item a line, a
    quote when it is in quotes, a ``!`` when it is tagged. None when the file cannot be read there."""
    line = next(lines_from(at.path, at.line), "") if at.line else ""
    start = at.column - 1
    return (line[:start], line[start]) if 0 <= start < len(line) else None


_ORDERED = frozenset({"lt", "lte", "gt", "gte", "between"})
"""The tests that put values in order: of text, letter by letter."""
_FIXED_WIDTH = re.compile(r"0[0-9]")
"""A text of digits that starts with a zero (``0042``): a code written to a fixed width,
whose letter-by-letter order is its number's, written so on purpose."""
_PLAIN_NUMBER = re.compile(r"([0-9]+)(?:\.([0-9]+))?")
"""A text that is a number and nothing else, without a sign (``2026``, ``12.5``): two such
texts with as many digits before their point, and after it, are in the same order letter by
letter as their numbers (``2025`` before ``2026``); of other widths they are not (``100``
before ``20``)."""


class NumberAsText(WarningCheck):
    """A field of the plan's own ``extra_fields`` put in order with a number written as text (``gte:
    "20"``, ``gte: 20 min``): an event's number is never compared with text, and text compares
    letter by letter, so the test does not hold as meant."""

    code = "number-as-text"
    description = (
        "A field the event schema does not describe (one of `extra_fields`) put in order with "
        'a number written as text (`gte: "20"`, `gte: 20 min`, `lt: 10 %`): an event\'s number '
        "is never compared with text, and text compares letter by letter (`100` before `20`), "
        "so the test does not hold as meant."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each ordered test of a field of the plan's own whose values are all text a number
        was meant as, where comparing them as text differs from comparing numbers. The
        standard fields the event schema gives as numbers are ``never-matches``'s to tell (the
        schema proves the test never holds); a field of the plan's own had been let through by
        validate and lint alike, and a late shuttle (`shuttle.delay_minutes`, `gte: 20 min`)
        went to the fallback without a word. A time of day (``3 p.m.``, ``9.15 a.m.``) is
        ``clock-time-as-text``'s: it had been hinted here as the number before its ``p.m.``,
        ``lt: 3``, beside that check's ``lt: "15:00"``."""
        widths = _number_widths(plan)
        for test, where in field_tests(plan):
            if test.op not in _ORDERED or resolve(test.field).info is not None:
                continue
            texts = values_of(test)
            if not all(isinstance(v, str) and not _FIXED_WIDTH.match(v) for v in texts):
                continue
            if any(on_the_24_hour_clock(v) for v in texts):  # `3 p.m.`: clock-time-as-text's
                continue
            meant = [number_meant(test.field, v) for v in texts]
            numbers = [m for m in meant if m is not None]
            if len(numbers) != len(texts):
                continue
            first = texts[0]  # `"20"` in its quotes, which made it text
            shown = f'"{first}"' if first == numbers[0].number else clip(first)
            compares = f"the `{test.op}` test of {where} compares `{test.field}` with `{shown}`"
            if _order_differs(test.field, texts, widths):
                yield self.found(
                    test.at.inside(test.op),
                    f"{compares}, which is text, not a number: an event's number is never "
                    "compared with text, and text compares letter by letter (`100` before "
                    "`20`), so the test does not hold as meant",
                    _number_alone_hint(test, numbers),
                )
            else:  # of one width, and nothing in the plan says what events send
                yield self.found(
                    test.at.inside(test.op),
                    f"{compares}, which is text, not a number: an event that sends "
                    f"`{test.field}` as a number never passes it",
                    f"{_number_alone_hint(test, numbers)}; if they send it as text of this "
                    "width (a year, a code), the test holds as meant",
                )


_AS_NUMBER: Final = (0, 0)
"""The width :func:`_number_widths` gives a number the plan compares a field with (``gte:
20``): unlike any text's, as an event's number is unlike any text."""


def _number_widths(plan: PlanModel) -> dict[str, set[tuple[int, int]]]:
    """By field, the widths (digits before the point, after it) of the numbers written as
    text alone (``"2026"``) the plan compares it with in any test, and :data:`_AS_NUMBER`
    when it compares it with a number: what the plan itself says of the values events carry."""
    widths: dict[str, set[tuple[int, int]]] = {}
    for test, _where in field_tests(plan):
        for value in values_of(test):
            width = _width(value)
            if width is not None:
                widths.setdefault(test.field, set()).add(width)
    return widths


def _width(value: Any) -> tuple[int, int] | None:
    """A value's width for :func:`_number_widths`; None for a value of no width (a word)."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return _AS_NUMBER
    plain = _PLAIN_NUMBER.fullmatch(value) if isinstance(value, str) else None
    return None if plain is None else (len(plain[1]), len(plain[2] or ""))


def _order_differs(
    field: str, texts: tuple[Any, ...], widths: dict[str, set[tuple[int, int]]]
) -> bool:
    """Whether putting ``texts`` in order as text can differ from doing so as numbers.
    A number alone in quotes (``gte: "2026"``, a year; ``lt: "12.5"``) is in the order of its
    number among texts of its width, as a year or a code of fixed width is sent: it had been
    told that text compares letter by letter, untrue of such a plan. So that is told only where
    the plan shows the field's values are not all of one width (elsewhere the check says only
    that an event's number never passes it, which is true whatever events send): compared
    with a number elsewhere (events send a number, which no text matches), with such texts of
    another width (``between: ["5", "20"]``), or named for a unit of time it counts
    (`shuttle.delay_minutes`: 5, 20, 120).
    Any other text a number was meant as is told (``20 min``, ``€200``, ``1,000``, ``-5``):
    it is written for a person to read, in widths that vary, and a sign reverses the order."""
    if field_unit(field) is not None or len(widths.get(field, ())) > 1:
        return True
    return not all(_PLAIN_NUMBER.fullmatch(text) for text in texts)


def _number_alone_hint(test: FieldTest, numbers: list[Meant]) -> str:
    """The test written with the numbers its texts were meant as, for events that send the
    field as a number, worded for the first that was not written as a plain number: an
    amount's currency is the plan's, a percentage may be sent as a fraction, a duration is
    counted in the unit the field's name says."""
    written = _ordered_written(test, [m.number for m in numbers])
    told = f"if events send `{test.field}` as a number, write the value as one"
    first = next((m for m in numbers if m.kind != "number"), numbers[0])
    if first.kind == "percent":
        fractions = _ordered_written(
            test, [_hundredth(m.number) if m.kind == "percent" else m.number for m in numbers]
        )
        return (
            f"{told}, with no `%`: {written} if they send {first.number}% as {first.number}, "
            f"or {fractions} if they send it as {_hundredth(first.number)}"
        )
    if first.kind == "amount":
        return f"{told}, without the currency (amounts are in the plan's currency): {written}"
    unit = field_unit(test.field)
    if first.kind == "duration" and unit is not None:
        return f"{told}, counted in {unit[0]}: {written}"
    return f"{told}: {written}"


def _ordered_written(test: FieldTest, numbers: list[str]) -> str:
    """``gte: 20`` or ``between: [10, 20]`` (smaller first)."""
    if test.op != "between":
        return f"`{test.op}: {numbers[0]}`"
    return f"`between: [{', '.join(sorted(numbers, key=Decimal))}]`"


class ClockTimeAsText(WarningCheck):
    """A field put in order with a time of day written so that letter-by-letter order is not the
    clock's (``gte: 3pm``, ``lt: "9:30"``): text compares letter by letter, so ``10pm`` comes
    before ``3pm`` and ``10:00`` before ``9:30``, and the test holds for the wrong hours."""

    code = "clock-time-as-text"
    description = (
        "A field put in order (`lt`, `lte`, `gt`, `gte`, `between`) with a time of day on the "
        '12-hour clock or with a one-digit hour (`gte: 3pm`, `lt: "9:30"`): text compares '
        "letter by letter (`10pm` before `3pm`, `10:00` before `9:30`), so the test holds "
        "for the wrong hours."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each ordered test of a field that may hold text (not ``occurred_at``, whose dates
        the date checks read, nor a standard field of numbers, ``never-matches``'s) with a value
        that is such a time. Nothing in Backplan reads a time of day as one: a rule for
        "complaints after 9pm" on a field of the plan's own had fired for `10pm` and `11pm`
        never, and for `9am`, without a word (`number-as-text` leaves times alone)."""
        for test, where in field_tests(plan):
            if test.op not in _ORDERED or test.field == "occurred_at":
                continue
            info = resolve(test.field).info
            if info is not None and "text" not in info.kinds:
                continue
            texts = values_of(test)
            clocks = [on_the_24_hour_clock(v) if isinstance(v, str) else None for v in texts]
            found = next((i for i, clock in enumerate(clocks) if clock is not None), None)
            if found is None:
                continue
            written = [c or str(v) for c, v in zip(clocks, texts, strict=True)]
            yield self.found(
                test.at.inside(test.op),
                f"the `{test.op}` test of {where} compares `{test.field}` with "
                f"`{clip(str(texts[found]))}`, a time of day written as text: text compares "
                f"letter by letter ({text_order_example(str(texts[found]))}), so the test holds "
                "for the wrong hours",
                clock_test_hint(test.field, test.op, written),
            )
