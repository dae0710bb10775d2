"""Numbers and amounts written as people write them: a decimal comma, thousands separators,
a currency, a percent sign, words.

YAML reads ``12,50``, ``€12``, ``10%`` and ``forty`` as text, and cuts ``{amount: 12,50}`` at
its comma into ``amount: 12`` and a key ``50``. The hints here say which number was meant and
write it as a plan does (``12.50``); :func:`numbers_cut` finds the numbers a comma cut in
braces, for the schema's hints and for the loader, which must agree on them.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from engine.currencies import (
    CFA_FRANCS,
    DOLLARS_BY_LETTERS,
    ISO_4217,
    currencies_meant,
    currency_named,
)
from engine.money import (
    OFFER_AMOUNT_KEYS,
    POLICY_AMOUNT_KEYS,
    format_money,
    minor_unit_digits,
    plain_number,
    round_money,
)
from engine.slips.written import as_written
from engine.typography import half_width


def _decimals(number: str) -> str:
    """``1.000`` as ``1``, ``12.500`` as ``12.5``: a number whose comma marked decimals, written
    without the zeros that would read as thousands after a `.` (lint's
    ``amount-finer-than-currency`` says so of an amount written ``1.500``)."""
    return plain_number(Decimal(number))


_DIGITS_AFTER_COMMA = re.compile(r"[0-9]+(?:\.[0-9]+)?")
"""What YAML made a key of after a number's comma in braces (``500.00`` of ``1,500.00``)."""


def numbers_cut(
    entries: Sequence[tuple[object, Any]],
    plain: Callable[[int], bool],
    alone: Callable[[int], bool],
) -> list[tuple[int, list[str]]]:
    """Each number a comma cut in a mapping in braces, in order: the place of the key that
    holds the part before the first comma, and the keys YAML made of the digits after each
    comma (``{lte: 1,5}`` is ``lte: 1`` and a key ``5``; ``{amount: 1,000,000.00}`` is
    ``amount: 1`` and the keys ``000``, ``000.00``). The part before may be text to YAML
    (:func:`_number_as_text`: ``€12`` of ``€12,50``), and a currency after the digits ends the
    number (``50 €`` of ``{amount: 12,50 €}``).

    ``entries`` are the mapping's keys with their values as YAML read them (None: no value);
    ``plain(at)`` says whether the value at ``at`` is written without quotes, ``alone(at)``
    whether the key at ``at`` is written without a `:` after it; each is asked only where it
    decides (they read the file again). The loader asks this of the nodes when two numbers
    cut into one key stop the reading, the schema's hints of the data built: each had had a
    rule of its own, and ``{lte: 1 000,50, gte: 2 000,50}`` had been told "keep one of them"
    where ``{lte: 1 000,50}`` is told as a comma in a number (found by review)."""
    cuts: list[tuple[int, list[str]]] = []
    holder: tuple[int, list[str]] | None = None
    for at, (key, value) in enumerate(entries):
        if (
            holder is not None
            and value is None
            and cut_off_digits(key)
            and alone(at)
            and (holder[1] or plain(holder[0]))  # (a number in quotes is not cut)
        ):
            if not holder[1]:
                cuts.append(holder)
            holder[1].append(str(key))
            if not _DIGITS_AFTER_COMMA.fullmatch(str(key)):  # `50 €` of `12,50 €`: it ends
                holder = None
        elif isinstance(key, str) and (a_number(value) or _number_as_text(value)):
            holder = (at, [])
        else:
            holder = None
    return cuts


def _number_as_text(value: Any) -> bool:
    """Whether YAML read as text the first part of a number a comma cut in braces (it cuts
    it at the comma all the same): grouped in thousands (``1 000`` of ``1 000,50``,
    ``1.234.567`` of ``1.234.567,89``), or with a currency before it (``€12`` of ``€12,50``,
    ``$1`` of ``$1,250.00``). The part with the currency had been told as an amount of its
    own, ``amount: 12`` for ``{amount: €12,50}`` (found by review)."""
    if not isinstance(value, str):
        return False
    if _THOUSANDS_DOTS.fullmatch(value) or _THOUSANDS_MARKS.fullmatch(value):
        return True
    bare = _without_money(value)
    return bare != value and _amount_meant(bare) is not None


_WHOLE_MARKS = frozenset({"-", "–", "—"})
"""What follows the comma of a whole amount (``10,-``): a hyphen, or the dash a price list
prints (``10,–``), which pasted had been told "the key `–` appears twice" (found by review)."""


_DIGITS_AND_UNIT = re.compile(r"[0-9]+[mhdw]")
"""Digits and a deadline's one-letter unit (``5h`` of ``{within: 2,5h}``): a word of one
letter is no word of :data:`_NUMBER_AND_WORD`, and the key had been told as an unknown key
beside "a number `2` with no unit", neither saying that the comma cut ``2,5h`` (found by
writing a hotel's plan)."""


def cut_off_digits(key: Any) -> bool:
    """Whether ``key`` is what YAML made a key of after a number's comma in braces: digits
    (``500.00`` of ``1,500.00``), or digits and the currency after them (``50 €`` of ``12,50
    €``, which had been told as an unknown key, with the keys allowed) or a word (``50 pcs``
    of ``10,50 pcs``, told so once ``pcs`` was no currency), or the `-` of a whole
    amount (``10,-``, told as an unknown operator `-`), with the currency after it too (``– €``
    of ``10,– €``, told as an unknown key; found by review)."""
    if not isinstance(key, str):
        return False
    bare = _money_marks().sub("", key)
    counted = _NUMBER_AND_WORD.fullmatch(key)  # `50 pcs` of `10,50 pcs`
    return (
        _DIGITS_AFTER_COMMA.fullmatch(key) is not None
        or _DIGITS_AND_UNIT.fullmatch(key) is not None  # `5h` of `within: 2,5h`
        or (counted is not None and _DIGITS_AFTER_COMMA.fullmatch(counted[1]) is not None)
        or key in _WHOLE_MARKS  # `,-` of `10,-`, a whole amount (the Swiss `.-`)
        or (
            (_DIGITS_AFTER_COMMA.fullmatch(bare) is not None or bare in _WHOLE_MARKS)
            and _money_marks().search(key) is not None
        )
    )


def cut_hint(
    keys: list[Any], mapping: dict[Any, Any], start: int, at: int, written: str = ""
) -> str:
    """The hint for the key at ``at``, without a value, after the value of the key at ``start``
    and keys without values only (see :meth:`~engine.slips.commas.CommaCuts.cut_at_comma_hint`). Each part is quoted
    at most :data:`~engine.slips.written.QUOTED_AT_MOST` characters of. ``written``: the number
    as the file writes it (``1, 234``), quoted in the hint of thousands."""
    name = keys[at]
    key, before = as_written(str(keys[start])), mapping[keys[start]]
    if (
        name.isdigit()
        and start == at - 1
        and a_number(before)  # `true,000` is no number cut at a comma
    ):
        name = as_written(name)  # `{amount: 12,5}` with 100 KB of digits after the comma
        written = as_written(written) or f"{before},{name}"  # `1, 234` as the file has it
        if len(name) == 3 and before and isinstance(before, int):  # `max: 1,000`
            return (
                f"a number has no thousands separators: `{key}: {written}` is written "
                f"`{key}: {before}{name}` (or `{key}: {_decimals(f'{before}.{name}')}` if the comma marked "
                "decimals)"
            )
        return f"write decimals with a dot: `{key}: {before}.{name}`"
    return ""


NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


_DECIMAL_COMMA = re.compile(r"[-+]?(?:[0-9]+,(?:[0-9]{1,2}|[0-9]{4,})|[0-9]{4,},[0-9]{3})")
"""``10,50``, ``1105,051``: a comma that can only mark decimals (``1,000`` could be a
thousand; after four digits or more, three digits cannot be a group of thousands)."""


COMMA_NUMBER_IN_A_LIST = re.compile(
    r"(?<![\w.,])[-+]?[0-9]+(?:,[0-9]+)+(?:\.[0-9]+)?(?![\w.]|,[0-9])"
)
"""``1,5`` or ``1,000`` in ``[1,5, 1,000]``: digits, each comma with no blank after it
followed by digits (a list's items are parted with `, ` as the plan's own lists are)."""


DIGITS_COMMA_DIGITS = re.compile(r"[0-9],[0-9]")


FLOW_LIST_ON_ITS_LINE = re.compile(r"\[[^\[\]{}#'\"]*\]")
"""A list of plain values in brackets, whole on its line (``[1,5, 3]``)."""


_THOUSANDS_COMMAS = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
"""``1,000`` or ``12,500.50``: commas that group thousands (or ``1,000`` meant 1.000)."""


_THOUSANDS_DOTS = re.compile(r"[-+]?[0-9]{1,3}(?:(?:\.[0-9]{3})+,[0-9]+|(?:\.[0-9]{3}){2,})")
"""``1.000,50``: dots that group thousands and a decimal comma; or two dots or more
(``1.234.567``, which YAML reads as text: one dot is a decimal point)."""


_GROUP_MARKS = "_ '\u00a0\u202f\u2019"
"""What groups thousands besides commas and dots: Python's `_`, blanks, and the Swiss
apostrophe, typed (`'`) or as a word processor and price lists print it (`\u2019`), which had
been no number to the hints: `per_event_max: 1\u2019000` was told no way to write it (found
by a new user's trial)."""
_THOUSANDS_MARKS = re.compile(rf"[-+]?[0-9]{{1,3}}(?:[{_GROUP_MARKS}][0-9]{{3}})+(?:[.,][0-9]+)?")
"""``1_000`` (Python's grouping, text to YAML 1.2), ``1 000`` or ``1'000`` (Swiss), with
decimals after a dot or a comma (``1 000,50``)."""


_FRANCS = r"(?i:s?frs?\.?)"
"""The Swiss franc as price lists and receipts abbreviate it: ``Fr.``, ``Fr``, ``Frs.``,
``SFr.``. Only ``Fr.`` and ``SFr.`` had been taken for a currency: ``amount: Fr 10`` and
``Frs. 10`` had had no hint (found by review)."""


_DOLLAR_MARK = "(?i:" + "|".join(sorted(DOLLARS_BY_LETTERS, key=len, reverse=True)) + r")\$"
"""A `$` with the letters that say which dollar it is (``US$``, ``C$``, ``R$``), from
:data:`engine.currencies.DOLLARS_BY_LETTERS`."""


_CROWNS = r"(?i:kr\.?)"
"""The crown as written before its number (``kr 25``, ``kr. 25``), which had had no hint,
where ``25 kr`` had one (found by review)."""


_CODE_ENDING = r"(?:[.,][-–—]|\.)?"
"""What may follow a currency code at the end of an amount: the ``.-`` of a whole amount
(``25 CHF.-``) or a full stop (``25 Eur.``), each of which had left the amount with no hint
(found by review)."""


_CODE = "(?:" + "|".join(sorted(ISO_4217)) + ")"
"""An ISO 4217 currency code in capitals (``EUR``), from :mod:`engine.currencies`. Any three
letters had been taken for a currency, and ``amount: 10 pcs`` was told to leave out "the
currency" (found by review)."""


_ANY_CASE_CODE = f"(?i:{_CODE})"
"""An ISO 4217 code in capitals or in small letters, as managers type it (``10 eur``)."""


@functools.cache
def _money_marks() -> re.Pattern[str]:
    """A currency sign, code or name before or after a number (``$ 12``, ``12 EUR``, ``12 eur``,
    ``100 dollars``, ``50 kr``, the Swiss ``Fr. 10`` or ``SFr. 10.-``, :data:`_FRANCS`; not
    ``cents``, which would change the amount), with its blanks, or the ``.-`` that marks a
    whole amount (``10.-``, or ``10.–`` with a dash). A code is an ISO 4217 one
    (:data:`_CODE`), so ``10 pcs`` or ``10 abc`` is no amount. A code in capitals may be glued
    to the number (``USD20``, ``20EUR``; ``10pct`` is a percentage, :data:`_PERCENT_MARK`).

    The blanks before a sign or code at the end are matched from the first of them only
    (tried from each, a text with a long run of blanks in a number's place took 8 s for 10
    KB); a code at the end is looked up only where three letters end the text, so a long text
    is not tried against every code at each of its places. A sign right after blanks that a
    mark at the start took stays a match (``$ €``). ``Fr.`` before the number had been no mark
    (``amount: Fr. 10.-`` had had no hint, two in braces "keep one of them": found by review);
    it is one only before digits, so ``Fr. Smith`` is left as it is.
    The francs of Africa and the Pacific after the number (``25 F CFA``, ``25 francs CFA``,
    :data:`engine.currencies.CFA_FRANCS`) and crowns ending a whole amount (``25 kr.-``) had
    had no hint at all (found by review); nor had those francs before it (``CFA 25``), nor
    ``Fr.`` ending a whole amount (``25 Fr.-``), where ``25 CHF.-`` had one (found by review).

    Compiled when first asked for, as :func:`_sign_before_money`: with its codes it took about
    4 ms to compile, which every command loading the plan's hints paid, valid plan or not."""
    return re.compile(
        rf"^[$€£¥₹₩₺₽₪]\s*|(?<!\s)\s*[$€£¥₹₩₺₽₪]$|[$€£¥₹₩₺₽₪]$|^{_ANY_CASE_CODE}\s+"
        rf"|(?<!\s)\s+(?=[A-Za-z]{{3}}{_CODE_ENDING}$){_ANY_CASE_CODE}{_CODE_ENDING}$"
        rf"|(?<=[0-9])[.,][-–—]$|^{_CODE}(?=[0-9])|(?<=[0-9])(?=[A-Z]{{3}}$){_CODE}$"
        rf"|(?<!\s)\s+(?i:dollars?|euros?|pounds?|bucks|yen|francs?|pesos?|rupees?|kr{_CODE_ENDING}"
        rf"|kronor|kroner|krona|zł|{CFA_FRANCS})$|(?<!\s)\s+{_FRANCS}{_CODE_ENDING}$"
        rf"|^(?:{_FRANCS}|{_CROWNS}|(?i:{CFA_FRANCS}))\s*(?=[0-9])"
        rf"|^{_DOLLAR_MARK}\s*|(?<!\s)\s*{_DOLLAR_MARK}$"
    )


@functools.cache
def _sign_before_money() -> re.Pattern[str]:
    """The sign written before a currency (``-€12,50``, ``-Fr. 10``), which belongs to the
    number after it. Before ``Fr.`` it had not been taken off: ``amount: -Fr. 10`` had had no
    hint, where ``-€10`` is told to write a number more than 0 (found by review). A code is
    looked up only where three letters start (as in :func:`_money_marks`): after a long run of
    blanks, each tried against every code took ten times as long."""
    return re.compile(
        r"([-+])\s*(?=[$€£¥₹₩₺₽₪]|(?=[A-Za-z]{3}[\s0-9])"
        rf"(?:{_ANY_CASE_CODE}\s|{_CODE}[0-9])|(?:{_FRANCS}|{_CROWNS}|(?i:{CFA_FRANCS}))\s*[0-9]"
        rf"|{_DOLLAR_MARK})"
    )


_PERCENT_MARK = re.compile(r"(?<!\s)\s*(%|(?i:pct|per ?cent))$")
"""What marks a percentage after its number: ``%``, ``pct``, ``percent``, ``per cent``; its
blanks matched from the first only, as :func:`_money_marks` does."""


_END_DOT = re.compile(r"([-+]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+))\.")
"""A number with a dot after it, as at the end of a sentence (``20.5.``)."""


_NUMBER_AND_WORD = re.compile(r"([-+]?[0-9][0-9.,]*)\s*([^\W\d_]{2,})")
"""A number with one word after it, a unit or what it counts (``10 pcs``, ``10 kg``, ``2
stars``, ``10pcs``). Three letters that are no currency code (``10 pcs``) had been told to
leave out "the currency"; once only ISO codes were currencies, they had had no hint at all."""


# fmt: off
NOT_A_UNIT = frozenset((
    "cent", "cents", "hundred", "thousand", "million", "billion", "mio", "mn", "bn", "grand",
    "lakh", "lakhs", "crore", "crores", "dozen", "k", "m", "am", "pm",
))
"""Words after a number that change it (``10 cents``, ``10 thousand``, ``5 grand``, ``2 m``),
or make it no number at all (``3pm``, a time of day): the number without them would be
another amount, so no hint offers it (lint's ``engine.lint.values`` neither). ``gte: 3pm``
had been hinted ``gte: 3``, which is no time, by lint (`number-as-text`, `never-matches`)."""
# fmt: on


def _number_and_word(text: str) -> tuple[str, str] | None:
    """The number written with a word after it (:data:`_NUMBER_AND_WORD`) as a plan writes it,
    and the word (``1,000 pcs`` -> ``("1000", "pcs")``); None for any other text, and for a
    word that changes the number (:data:`NOT_A_UNIT`)."""
    found = _NUMBER_AND_WORD.fullmatch(text)
    if found is None or found[2].lower() in NOT_A_UNIT:
        return None
    number = meant_number(found[1])
    return None if number is None else (number, found[2])


_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


_NUMBER_WORDS = (
    {word: number for number, word in enumerate(_ONES)}
    | {word: 10 * tens for tens, word in enumerate(_TENS, 2)}
    | {"eleven": 11, "twelve": 12, "fifteen": 15, "hundred": 100, "a hundred": 100}
)
"""Numbers a manager may write in words (`max: forty`), for the hint that writes them in digits."""


def _without_money(text: str) -> str:
    """``text`` without the currency written with its number (:func:`_money_marks`), a sign
    before the currency kept with the number: ``-€12,50`` is ``-12,50``. The sign had kept
    the currency from being seen, and ``{lte: -€12,50}`` had been told as an unknown operator
    `50`, with the operators listed (found by review). The marks are taken off twice: the
    ``.-`` of a whole amount ends the text only once the currency after it is off (``10.- Fr.``,
    ``10.- CHF``, which had had no hint: found by review)."""
    sign = _sign_before_money().match(text)
    kept, rest = ("", text) if sign is None else (sign[1], text[sign.end() :])
    bare = kept + _money_marks().sub("", _money_marks().sub("", rest))
    if _DOT_GROUPS.fullmatch(bare) and _COMMA_WHOLE.search(rest):  # `1.000,- CHF`
        return bare.replace(".", "")
    return bare


_COMMA_WHOLE = re.compile(r"(?<=[0-9]),[-–—]")
"""The ``,-`` of a whole amount written with a decimal comma (``1.000,-``), where a dot can
only group thousands."""


_DOT_GROUPS = re.compile(r"[-+]?[0-9]{1,3}(?:\.[0-9]{3})+")
"""A number with its thousands grouped by dots (``1.000``), as written before ``,-``: with
the ``,-`` off, ``1.000,- CHF`` had been hinted ``amount: 1.000``, a thousand times too
small (found by review)."""


CURRENCY_SET_ONCE = "the currency is set once, in the plan's `plan:` section"
"""Why a plan's number is written without its currency: every hint that takes one off says it
in these words (a setting's amount, a field test's value, numbers cut at their commas) when the
plan's currency is not known; when it is, :func:`without_currency` names it."""


def offer_currency_hint(key: str) -> str:
    """The hint for a currency given to an offer (``compensate: {amount: 10, currency: EUR}``),
    ``key`` as written: every amount is in the plan's currency. The keys allowed had been
    listed alone, and the amount, once the key was removed, was paid in the plan's currency
    unsaid (found by review)."""
    return (
        f"an offer is paid in the plan's currency: {CURRENCY_SET_ONCE} (such as `currency: "
        f"USD`); remove `{key}:` and write the amount in that currency"
    )


PAID_AMOUNTS = frozenset(OFFER_AMOUNT_KEYS + POLICY_AMOUNT_KEYS)
"""The keys of the amounts a plan pays or caps in its currency, rounded to its minor unit."""


_TOLD_AS_NOTHING = frozenset(("amount", "max", "per_event_max"))
"""The amounts that, rounded to 0, are told apart rather than written as paid (lint's
``offer-of-nothing`` and ``cap-of-nothing``: to offer more or remove them). ``amount: ¥0.4`` in
a plan in JPY had been told to write ``amount: 0``, which the schema refuses (an amount is above
0) and which offers nothing (found by review)."""


def _paid_as(amount: str, key: str, currency: str | None) -> tuple[str, str] | None:
    """For an amount of the plan's money (``key``) finer than its ``currency`` pays
    (``25.50`` in XOF, which has no cents), the amount as it is paid, written as the plan is to
    write it, and why; None for any other.

    ``amount: Fr. 25.50`` in a plan in XOF had been told to write ``amount: 25.50``, which
    lint then warned of, "finer than XOF pays" (found by review)."""
    if currency is None or key not in PAID_AMOUNTS:
        return None
    exact = Decimal(amount)
    try:
        paid = round_money(exact, currency)
    except InvalidOperation:  # more digits than an amount may have: the number's own hint
        return None
    if paid == exact or (not paid and key in _TOLD_AS_NOTHING):
        return None
    digits = minor_unit_digits(currency)
    has = "no cents" if digits == 0 else f"{digits} decimals"
    shown = format_money(paid)
    why = f"{currency} has {has}, so {as_written(amount)} counts as {shown}"
    return f"`{key}: {shown}`", why


def without_currency(
    written: str,
    *,
    several: bool = False,
    plan: str | None = None,
    text: str = "",
    paid: tuple[str, str] | None = None,
) -> str:
    """The hint for an amount written with its currency, ``written`` the number as the plan
    is to write it, quoted (```gte: 10```; ``several`` numbers, ```between: [10, 50]```):
    the one wording of :func:`number_hint` and of the hints for a field test's value
    (``gte: Fr. 10``), which had named no number.

    ``plan`` is the plan's currency when it is known, and ``text`` the amount as written: the
    hint names the plan's currency, and says when the currency written is another one
    (``amount: €25`` in a plan in USD), which the number alone would then pay in the plan's.
    It had said only that the currency is set once, and the manager could take the 25 for
    euros (found by review). ``paid``: the amount as the plan's currency pays it, and why,
    when the number written is finer (:func:`_paid_as`), written in its place."""
    numbers = f"number{'s' if several else ''}"
    if plan is None:
        return f"write the {numbers} only, {written}; {CURRENCY_SET_ONCE}"
    mark = _currency_mark(text)
    meant = currencies_meant(mark)
    if not meant or plan in meant:
        if paid is not None:
            return (
                f"write the amount only, {paid[0]}: {paid[1]}; the plan's amounts are in "
                f"{plan}, set once in its `plan:` section"
            )
        return (
            f"write the {numbers} only, {written}; the plan's amounts are in {plan}, set once "
            "in its `plan:` section"
        )
    named = currency_named(mark)
    other = f"not in {plan}" if named is None else f"in {named}"
    return (
        f"the plan's amounts are in {plan} (set once, in its `plan:` section), and "
        f"`{as_written(text.strip())}` is {other}: write the amount{'s' if several else ''} "
        f"in {plan}, as {'numbers' if several else 'a number'} only ({written} is read as {plan})"
    )


def currencies_written(text: str) -> frozenset[str]:
    """The currencies the sign, code or word written with an amount may stand for (``€25``:
    EUR; ``$25``: the dollars and pesos; ``25 kr``: the crowns); none when it names none
    (``10.-``)."""
    return currencies_meant(_currency_mark(text))


def _currency_mark(text: str) -> str:
    """The sign, code or word written with an amount that names a currency (``€`` of ``€25``,
    ``CHF`` of ``25 CHF.-``), as written; "" when none does (``10.-``)."""
    found: list[str] = _money_marks().findall(text.strip().lstrip("+-"))  # `-Fr. 10`: sign off
    for mark in found:
        if currencies_meant(bare := mark.strip().rstrip(".,-–—")):  # `CHF.-` of `25 CHF.-`
            return bare
    return ""


def amount_in_text(text: str) -> str | None:
    """The number of an amount written with its currency, as a plan writes it (``Fr. 10`` ->
    ``10``, ``-€12,50`` -> ``-12.50``, ``1,000 USD`` -> ``1000``); None for a text with no
    currency, or whose rest is no number. A number in words counts (``ten euros`` -> ``10``): it
    had had no hint (found by review), and the hint for it is now given wherever an amount is
    read, by validate and by lint alike."""
    text = text.strip()
    bare = _without_money(text)
    if bare == text:
        return None
    word = _NUMBER_WORDS.get(bare.strip().lower())
    return _amount_meant(bare) or (None if word is None else str(word))


def percent_in_text(text: str) -> tuple[str, str] | None:
    """The number of a percentage and the mark written after it (``10%`` -> ``("10", "%")``,
    ``12,5 pct`` -> ``("12.5", "pct")``); None for a text with no such mark, or whose rest is
    no number."""
    text = text.strip()
    percent = _PERCENT_MARK.search(text)
    if percent is None:
        return None
    number = meant_number(text[: percent.start()].strip())
    return None if number is None else (number, percent[1])


def number_hint(text: str, key: str, currency: str | None = None) -> str:
    """How to write as a number a text a person meant as one: quoted, with a decimal comma,
    thousands separators, a currency or a percent sign. The number is shown cut to
    :data:`~engine.slips.written.QUOTED_AT_MOST` characters (100 KB of digits in quotes is still text).
    ``currency``: the plan's, when known, which a hint for an amount with its currency names."""
    text = text.strip()
    prefix = f"{key}: " if key else ""
    if (narrow := half_width(text)) != text:  # `５０００`, `１０％`: typed full-width
        if NUMBER.fullmatch(narrow):
            return f"write the number in half-width digits: `{prefix}{as_written(narrow)}`"
        return number_hint(narrow, key, currency)
    if _PERCENT_MARK.search(text):  # `10%`, `10pct`, `10 per cent`
        if (percent := percent_in_text(text)) is None:
            return ""
        number, mark = percent
        if key == "amount":  # `amount: 10%`: `amount: 10` would offer 10 of the currency
            return (
                f"`amount` is a fixed sum; a percentage is written `percent: {as_written(number)}`"
            )
        return f"write the number without `{mark}`: `{prefix}{as_written(number)}`"
    if _without_money(text) != text:
        amount = amount_in_text(text)
        if amount is None:
            return ""
        paid = _paid_as(amount, key, currency)
        return without_currency(
            f"`{prefix}{as_written(amount)}`", plan=currency, text=text, paid=paid
        )
    if NUMBER.fullmatch(text):
        return f"write the number without quotes: `{prefix}{as_written(text)}`"
    if dotted := _END_DOT.fullmatch(text):  # `20.5.`
        return f"write the number without the `.` after it: `{prefix}{as_written(dotted[1])}`"
    if text.lower() in _NUMBER_WORDS:  # `max: forty`
        return f"write the number in digits: `{prefix}{_NUMBER_WORDS[text.lower()]}`"
    if _DECIMAL_COMMA.fullmatch(text):
        return f"write decimals with a dot: `{prefix}{as_written(text.replace(',', '.'))}`"
    if _THOUSANDS_COMMAS.fullmatch(text):
        whole = as_written(text.replace(",", ""))
        if "." in text or text.count(",") > 1:
            return f"write the number without thousands separators: `{prefix}{whole}`"
        return (
            f"write the number without thousands separators: `{prefix}{whole}` "
            f"(or `{prefix}{_decimals(text.replace(',', '.'))}` if the comma marked decimals)"
        )
    if _THOUSANDS_DOTS.fullmatch(text):
        number = as_written(text.replace(".", "").replace(",", "."))
        return f"write the number without thousands separators, decimals with a dot: `{prefix}{number}`"
    if (unmarked := _without_marks(text)) is not None:  # `1_000` (YAML 1.2: text), `1 000`
        return f"write the number without separators: `{prefix}{as_written(unmarked)}`"
    if (counted := _number_and_word(text)) is not None:  # `10 pcs`, `2 stars`
        number, word = counted
        return f"write the number without `{as_written(word)}`: `{prefix}{as_written(number)}`"
    return ""


def sent_number_hint(text: str) -> str:
    """How an event's sender writes as a JSON number a text meant as an amount: with a decimal
    comma (``"180,00"``), thousands separators, or its currency (``"€180"``, ``"180 EUR"``);
    "" for other text. Such a text in a field of numbers had been told only that the schema
    has a number there, where ``"180.00"`` was told to go without its quotes (found by a new
    user's trial)."""
    text = text.strip()
    if (amount := amount_in_text(text)) is not None:
        if _beyond_a_float(amount):
            return ""
        return f"send the number alone, without quotes or its currency: {_json_number(amount)}"
    if (unmarked := _without_marks(text)) is not None:
        meant: str | None = unmarked
    else:
        meant = None if NUMBER.fullmatch(text) else meant_number(text)
    if meant is None or _beyond_a_float(meant):
        return ""
    decimal_comma = "." in meant and text.rfind(",") > text.rfind(".")
    marks = sum(text.count(mark) for mark in f",.{_GROUP_MARKS}") - ("." in meant)
    said = "send it as a number, without quotes" + (" or thousands separators" if marks else "")
    said += f"{', decimals after a dot' if decimal_comma else ''}: {_json_number(meant)}"
    if _THOUSANDS_COMMAS.fullmatch(text) and "." not in text and text.count(",") == 1:
        said += (
            f" (or {_json_number(_decimals(text.replace(',', '.')))} if the comma marked decimals)"
        )
    return said


def dot_grouping(number: str) -> str:
    """`` (or 1000 if the dot grouped thousands)`` for a number with three digits after its one
    dot (``"1.000"``), as a sender who groups thousands with dots writes a thousand; else "".
    It had been told to send 1.000, one, alone, where ``"1,000"`` is told both readings
    (:func:`sent_number_hint`)."""
    if not _DOT_GROUPED.fullmatch(number):
        return ""
    return f" (or {number.replace('.', '')} if the dot grouped thousands)"


_DOT_GROUPED = re.compile(r"-?[1-9][0-9]{0,2}\.[0-9]{3}")
"""``1.000``, ``-12.500``: one, or a thousand grouped with a dot (``12.500`` as in Germany)."""


_PLAIN_NUMBER = re.compile(r"([-+]*)([0-9]*)(?:\.([0-9]*))?")
"""A number as the readers of amounts give it: a sign, its whole part, its decimals, any empty."""


def _json_number(number: str) -> str:
    """:func:`_plain_json` as a diagnostic quotes it (cut when long)."""
    return as_written(_plain_json(number))


def _plain_json(number: str) -> str:
    """A number as JSON writes it: no `+` before it, no zero leading its whole part, a digit
    on each side of a dot. ``"€00"``, ``"007,50"`` and ``"€5."`` had been told to send ``00``,
    ``007.50`` and ``5.``, which JSON refuses (found by review)."""
    parts = _PLAIN_NUMBER.fullmatch(number)
    if parts is None:  # kept for the type checker: the readers give only such numbers
        return number
    sign = "-" if "-" in parts[1] else ""
    decimals = f".{parts[3]}" if parts[3] else ""
    return f"{sign}{parts[2].lstrip('0') or '0'}{decimals}"


def _beyond_a_float(number: str) -> bool:
    """Whether ``number`` is too large for an event's number (beyond about 1.8e308): sent so,
    it is refused (`bad-number`, "send it as text"), so it is not hinted. ``"€999…"`` of 400
    nines had been told to go as that number, then refused as one (found by review)."""
    return math.isinf(float(_plain_json(number)))


def _without_marks(text: str) -> str | None:
    """A number grouped in thousands with blanks, `_` or `'` (``1 000,50``), as a plan writes
    it (``1000.50``); None for any other text."""
    if not _THOUSANDS_MARKS.fullmatch(text):
        return None
    return re.sub(f"[{_GROUP_MARKS}]", "", text).replace(",", ".")


def _amount_meant(bare: str) -> str | None:
    """The number a person meant, written with a decimal comma or thousands separators, by
    :func:`meant_number`, or grouped with blanks, `_` or `'` (``1 000,50``); for a number
    with its currency taken off. A currency with a number grouped with blanks (``€1 000,50``)
    had been no number to the hints, where two cut at their commas were one to the loader
    (found by review)."""
    return meant_number(bare) or _without_marks(bare)


def number_in_text(text: str) -> str | None:
    """The number :func:`number_hint` tells a text to be written as (``$0`` -> ``0``, ``20%``
    -> ``20``, ``forty`` -> ``40``, ``12,50`` -> ``12.50``, ``1'000`` -> ``1000``); None when
    it names none. A number grouped the Swiss way, or with blanks, had been one only with a
    currency before it (``Fr. 1'000``): lint's hint for ``gte: 1'000`` of `order.total` named
    no number (found by a new user's trial)."""
    text = text.strip()
    if _PERCENT_MARK.search(text):
        percent = percent_in_text(text)
        return None if percent is None else percent[0]
    if _without_money(text) != text:
        return amount_in_text(text)
    if text.lower() in _NUMBER_WORDS:
        return str(_NUMBER_WORDS[text.lower()])
    if dotted := _END_DOT.fullmatch(text):
        return dotted[1]
    counted = _number_and_word(text)
    return _amount_meant(text) or (counted[0] if counted else None)


def comma_ways(numbers: list[str]) -> str:
    """How numbers with commas (``1,5``, ``1,000``) are written in a plan: "decimals with a
    dot", "numbers without thousands separators", or both."""
    decimal = [_DECIMAL_COMMA.fullmatch(number) is not None for number in numbers]
    ways = [
        way
        for way, used in (
            ("decimals with a dot", any(decimal)),
            ("numbers without thousands separators", not all(decimal)),
        )
        if used
    ]
    return " and ".join(ways)


def cut_number_hint(key: str, whole: str, written: str = "", currency: str | None = None) -> str:
    """The hint for one number YAML cut at its commas in braces, ``whole`` its parts joined
    by bare commas (``€1,000,000`` of ``{amount: €1,000,000}``) and ``written`` as the file
    writes it, blanks kept (``1,50, 7,5``; ``whole`` when not given): how a plan writes it, by
    :func:`number_hint`, or what a plan's number is like when it names none, quoting it as
    written (it had been quoted joined, ``1,50,7,5``, a text the manager never wrote: found
    by review). The schema's hints and the loader (a number cut into the same key twice) both
    give it: the loader's own had named no number and no currency (found by review).
    ``currency``: the plan's, when known (the schema's hints; the loader reads one file)."""
    shown = as_written(key)
    return number_hint(whole, shown, currency) or (
        f"`{shown}: {as_written(written or whole)}` is not a number: write it with a dot before its "
        f"decimals and nothing between its thousands (`{shown}: 1500.50`, not "
        "`1.500,50` or `1,500.50`)"
    )


def numbers_cut_hint(numbers: list[tuple[str, str]], written: Sequence[str] = ()) -> str:
    """For numbers a comma cut in braces, each ``(key, number as written)`` (``[("lte",
    "1,5"), ("gte", "0,5")]``): each written as a plan writes it (``write decimals with a dot:
    `lte: 1.5`, `gte: 0.5```); one that is no number with commas (``1,2,3,5``) is told as it
    is alone, after the others: "" had left the loader's "the key `5` appears twice [...] keep
    one of them", words for a key no one wrote (found by covering it). A currency written with
    them (``€5,50``) is left out, and the hint says where it is set. A number grouped with
    blanks (``1 000,50``) is one: two cut into one key had been told "keep one of them" (found
    by review). So is a whole amount's ``,-`` (``{lte: 10,-, gte: 5,-}``, the Swiss ``10.-``),
    as it is alone: its comma is the mark's, taken off with the currency, and two had been
    told "the key `-` appears twice" (found by review). One number is hinted as the schema
    hints it (:func:`cut_number_hint`). ``written`` is each number as the file writes it, for
    one that is no number to be quoted as the manager wrote it. ``numbers`` is never empty: its one caller
    (``engine.loading``) asks only when a comma cut a number in the braces, twice or more."""
    shown = list(written) or [number for _, number in numbers]  # (as the file writes each)
    if len(numbers) == 1:
        return cut_number_hint(*numbers[0], shown[0])
    bare = [_without_money(number.strip()) for _, number in numbers]
    meant = [_amount_meant(number) for number in bare]
    if None in meant:
        pairs = list(zip(numbers, meant, shown, strict=True))
        good = [n for n, m, _ in pairs if m is not None]
        told = [numbers_cut_hint(good)] if good else []
        return "; ".join([*told, *(cut_number_hint(*n, w) for n, m, w in pairs if m is None)])
    written = ", ".join(
        f"`{as_written(key)}: {as_written(str(number))}`"
        for (key, _), number in zip(numbers, meant, strict=True)
    )
    with_commas = [number for number in bare if "," in number]  # not `10` of `10,-`
    ways = comma_ways(with_commas) if with_commas else ""
    if bare == [number.strip() for _, number in numbers]:
        return f"write {ways}: {written}"
    return f"write the numbers only, {f'{ways}: ' if ways else ''}{written}; {CURRENCY_SET_ONCE}"


def meant_number(text: str) -> str | None:
    """The number a person wrote with a decimal comma or thousands separators, as a plan
    writes it (``1,000.50`` -> ``1000.50``, ``10,50`` -> ``10.50``); None when it is not one."""
    if NUMBER.fullmatch(text):
        return text
    if _DECIMAL_COMMA.fullmatch(text):
        return text.replace(",", ".")
    if _THOUSANDS_COMMAS.fullmatch(text):
        return text.replace(",", "")
    if _THOUSANDS_DOTS.fullmatch(text):
        return text.replace(".", "").replace(",", ".")
    return None


def number_written(text: str | None, number: float) -> str:
    """``number`` as ``text``, the file's text from the start of its value, writes it, when it
    is written there in decimals (``007``, ``12.50``), for the text events send: YAML reads
    ``007`` as 7, which as ``"7"`` never equals the `"007"` of a site numbered so. As YAML read
    it (:func:`~engine.wording.show_number`) where the file cannot be read back there (``0x1F``),
    and without a `+` (``+12`` is a site's `"12"`)."""
    found = _DECIMALS_WRITTEN.match(text) if text is not None else None
    if found is None or Decimal(found[1]) != Decimal(str(number)):
        from engine.wording import show_number  # (slow to import: only for a hint)

        return show_number(number)
    return found[1]


_DECIMALS_WRITTEN = re.compile(
    r"\+?(-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)(?=[\s,\]}#]|$)"
)
"""A number written in decimals at the start of a value (``007``, ``12.50``, ``-3``, ``1e3``),
its `+` left out."""


def a_number(value: Any) -> bool:
    """Whether a value YAML read is a number (``true`` is no number, though Python's bool is
    an int)."""
    return isinstance(value, int | float) and not isinstance(value, bool)
