"""The ISO 4217 currency codes, to tell a slip of the keyboard (`JYP`) from a currency.

The plan schema takes any three capital letters as `currency` (but `CFA` and `CFP`, the names
of francs whose codes are XOF, XAF and XPF), so a plan never stops working when ISO adds a
code; Backplan rounds an amount in a code it has no table for to 2 decimals (``engine.money``).
A slip of the keyboard is then silent: `JYP` for `JPY` pays yen with cents. ``backplan lint``
warns of a code that is not in this list (``unknown-currency``), with the nearest one. The list
holds the codes in use in 2026, the fund and precious-metal codes, and those withdrawn since
2020 that a plan written before may still name (a warning about a code in use would be noise
that teaches people to ignore the check).
"""

from __future__ import annotations

import re
from typing import Final

# fmt: off
_UNITS: Final = frozenset((
    "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "XAG", "XAU",
    "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX",
))
"""Codes of funds, units of account and metals: valid, but never what a slip was meant as."""

ISO_4217: Final = _UNITS | frozenset((
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN",
    "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF",
    "CLP", "CNY", "COP", "CRC", "CUC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN",
    "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL",
    "HRK", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS",
    "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD",
    "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD",
    "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
    "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS",
    "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD",
    "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG",
    "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
))
"""ISO 4217 alphabetic codes (active in 2026, plus HRK, SLL, CUC, ANG and ZWL, withdrawn or
being withdrawn since 2020)."""
# fmt: on

_FIRST: Final = ("USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "CNY", "INR", "MXN", "BRL")
"""The codes most plans are written in, offered first when several are as near."""

_OFFERED: Final = (*_FIRST, *sorted(ISO_4217 - _UNITS - set(_FIRST)))

# fmt: off
_SAID_SO: Final = {
    "RMB": "CNY", "CHN": "CNY", "YEN": "JPY", "NIS": "ILS", "CDN": "CAD", "NTD": "TWD",
    "RUR": "RUB", "TRL": "TRY", "STD": "STN", "MRO": "MRU", "VEF": "VES", "BYR": "BYN",
    "ZWD": "ZWG", "UKP": "GBP", "STG": "GBP", "SFR": "CHF",
    **dict.fromkeys(
        ["ATS", "BEF", "CYP", "DEM", "EEK", "ESP", "FIM", "FRF", "GRD", "IEP", "ITL", "LTL",
         "LUF", "LVL", "MTL", "NLG", "PTE", "SIT", "SKK"],
        "EUR",
    ),
}
"""What people call some currencies, and the codes they had before (`DEM`, `RUR`), for the
code to write."""
# fmt: on

_NOT_MONEY: Final = frozenset(("BTC", "XBT", "ETH", "XRP", "LTC", "SOL"))
"""Crypto-currencies: no ISO code is what they were meant as."""


def nearest_currency(code: str) -> str | None:
    """The currency a code that is not one was most likely meant as: the one people call so
    (`RMB`) or had before (`DEM`), the same letters in another order (`JYP`, `GPB`), else one
    letter changed, in the same country's codes first (their first two letters: `RUR` is
    `RUB`) and the common currencies next (`EUD` is `EUR`). A general spelling suggester
    compares three letters by their positions, and offered `SYP` for `JYP`."""
    code = code.upper()
    if code in _SAID_SO:
        return _SAID_SO[code]
    if code in _NOT_MONEY:
        return None
    letters = sorted(code)
    for other in _OFFERED:
        if sorted(other) == letters:
            return other
    changed = [
        other
        for other in _OFFERED
        if len(other) == len(code) and sum(a != b for a, b in zip(other, code, strict=True)) == 1
    ]
    same_country = [other for other in changed if other[:2] == code[:2]]
    nearest = same_country or changed
    return nearest[0] if nearest else None


def currency_meant(text: str) -> str | None:
    """The currency a text written alone most likely is: three capital letters as the plan
    schema takes them (``EUR``; ``EUD`` too, whose slip lint tells), or a code, sign or name
    as people write it (:func:`currency_written_as`: ``eur``, ``€``, ``euros``); None for any
    other text (``Acme Store``)."""
    written = text.strip()
    if a_currency_code(written):
        return written
    return currency_written_as(written)


_CODE: Final = re.compile(r"(?!CF[AP]$)[A-Z]{3}")
"""A currency as the plan schema takes it: three capital letters, but `CFA` and `CFP` (the
schema's pattern; names of two francs, not codes)."""


def a_currency_code(text: str) -> bool:
    """Whether ``text`` is a currency as the plan schema takes it (:data:`_CODE`)."""
    return _CODE.fullmatch(text) is not None


_WRITTEN: Final = {
    **dict.fromkeys(("€", "euro", "euros"), "EUR"),
    **dict.fromkeys(("$", "us$", "usd$", "dollar", "dollars", "us dollar", "us dollars"), "USD"),
    **dict.fromkeys(("£", "pound", "pounds", "pound sterling", "sterling"), "GBP"),
    **dict.fromkeys(("¥", "yen", "円"), "JPY"),
    **dict.fromkeys(("fr", "chf.", "franc", "francs", "swiss franc", "swiss francs"), "CHF"),
    **dict.fromkeys(("c$", "ca$", "cad$"), "CAD"),
    **dict.fromkeys(("a$", "au$", "aud$"), "AUD"),
    **dict.fromkeys(("₹", "rupee", "rupees"), "INR"),
    **dict.fromkeys(("zł", "zloty"), "PLN"),
    **dict.fromkeys(("kr", "sek", "kronor"), "SEK"),
}
"""Symbols and names people write for a currency, in small letters, with its code."""


def currency_written_as(text: str) -> str | None:
    """The code a currency written as people write it most likely means (``eur``, ``€``,
    ``Euro``, ``US$``): a known code in small letters, a symbol or a name; None otherwise.
    A dollar as its country prints it (``R$``, ``NZ$``: :data:`DOLLARS_BY_LETTERS`, when it
    names one currency) had been read in an amount and not as the plan's currency, which got
    the general hint (found by review)."""
    written = text.strip()
    if written.upper() in ISO_4217 and written != written.upper():
        return written.upper()
    lowered = written.lower()
    if (named := _WRITTEN.get(lowered)) is not None or not lowered.endswith("$"):
        return named
    codes = DOLLARS_BY_LETTERS.get(lowered[:-1], frozenset())
    return next(iter(codes)) if len(codes) == 1 else None


_DOLLARS = frozenset((
    "USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "BSD", "BBD", "BZD", "BMD", "BND", "FJD",
    "GYD", "JMD", "KYD", "LRD", "NAD", "SBD", "SRD", "TTD", "XCD", "ZWL",
))  # fmt: skip
"""The currencies called dollars."""
_PESOS = frozenset(("MXN", "ARS", "CLP", "COP", "CUP", "DOP", "PHP", "UYU", "BRL", "NIO"))
"""Currencies written with a `$` too (pesos, the Brazilian real's `R$`, the córdoba's `C$`)."""
_DOLLAR_SIGNED: Final = frozenset(("TOP", "WST", "MOP"))
"""Currencies neither dollars nor pesos written with a `$` too (Tonga's pa'anga ``T$``,
Samoa's tala ``WS$``, Macau's pataca ``MOP$``): ``$25`` in a plan in TOP had been told not to
be in TOP (found by review)."""
DOLLARS_BY_LETTERS: Final = {
    **dict.fromkeys(("us", "usd"), frozenset({"USD"})),
    "c": frozenset({"CAD", "NIO"}),
    **dict.fromkeys(("ca", "cad"), frozenset({"CAD"})),
    **dict.fromkeys(("a", "au", "aud"), frozenset({"AUD"})),
    "r": frozenset({"BRL"}),
    "nz": frozenset({"NZD"}),
    "hk": frozenset({"HKD"}),
    **dict.fromkeys(("s", "sg"), frozenset({"SGD"})),
    "nt": frozenset({"TWD"}),
    "mx": frozenset({"MXN"}),
    "j": frozenset({"JMD"}),
    "tt": frozenset({"TTD"}),
    "fj": frozenset({"FJD"}),
    "ec": frozenset({"XCD"}),
    "b": frozenset({"BSD", "BND"}),
    "bz": frozenset({"BZD"}),
    "bds": frozenset({"BBD"}),
    "bd": frozenset({"BMD"}),
    "g": frozenset({"GYD"}),
    "ci": frozenset({"KYD"}),
    "l": frozenset({"LRD"}),
    "n": frozenset({"NAD"}),
    "si": frozenset({"SBD"}),
    "rd": frozenset({"DOP"}),
    "ar": frozenset({"ARS"}),
    "t": frozenset({"TOP"}),
    "ws": frozenset({"WST"}),
    "mop": frozenset({"MOP"}),
}
"""The letters written before a `$` to say which dollar it is (``US$``, ``C$``, ``A$``; the
Brazilian real's ``R$``), in small letters, with the currencies they stand for (``C$`` is
the Canadian dollar, and the córdoba too). ``R$25`` or ``US$25`` in an amount had had no hint
at all: only a `$` alone was taken for a currency (found by review). A dollar of the Caribbean,
the Pacific or Africa written as its country prints it (``J$``, ``TT$``, ``FJ$``, ``EC$``,
``N$``) had still had none, in a plan in that very dollar too (found by review)."""
_FRANCS: Final = frozenset({"CHF", "XAF", "XOF", "XPF", "CDF", "RWF", "BIF", "DJF", "GNF", "KMF"})
"""The currencies called francs."""
_CURRENCIES_OF_MARKS: dict[str, frozenset[str]] = {
    "$": _DOLLARS | _PESOS | _DOLLAR_SIGNED,
    **{f"{letters}$": codes for letters, codes in DOLLARS_BY_LETTERS.items()},
    "€": frozenset({"EUR"}),
    "£": frozenset({"GBP", "EGP", "GIP", "FKP", "SHP", "SSP"}),
    "¥": frozenset({"JPY", "CNY"}),
    "₹": frozenset({"INR"}),
    "₩": frozenset({"KRW", "KPW"}),
    "₺": frozenset({"TRY"}),
    "₽": frozenset({"RUB"}),
    "₪": frozenset({"ILS"}),
    "dollar": _DOLLARS,
    "buck": _DOLLARS,
    "euro": frozenset({"EUR"}),
    "pound": frozenset({"GBP", "EGP", "GIP", "FKP", "SHP", "SSP"}),
    "yen": frozenset({"JPY"}),
    "franc": _FRANCS,
    "peso": _PESOS - {"BRL", "NIO"},
    "rupee": frozenset({"INR", "PKR", "LKR", "NPR", "MUR", "SCR"}),
    "kr": frozenset({"SEK", "NOK", "DKK", "ISK"}),
    "zł": frozenset({"PLN"}),
}
"""The currencies a sign or a word written with an amount may stand for (``$``: every dollar
and peso; ``kr``: every crown), where ``_WRITTEN`` names the one most likely meant: a plan in
any of them is not told that an amount written so is in another."""
CURRENCY_SIGNS: Final = "".join(
    mark for mark in _CURRENCIES_OF_MARKS if len(mark) == 1 and not mark.isalpha()
)
"""The signs of :data:`_CURRENCIES_OF_MARKS` that are one character (``$``, ``€``, ``£``,
``¥``, ``₹``...): what an event's JSON may hold glued to a number (``$12``)."""


_SWISS_FRANC = re.compile(r"sfrs?")
"""``SFr``, ``SFrs`` in small letters: the Swiss franc as price lists print it."""

_FRANC = re.compile(r"frs?")
"""``Fr``, ``Frs`` in small letters: a franc, of any country that has one. It had been read
as the Swiss franc alone, and ``amount: Fr. 25`` in a plan in XAF was told to be in CHF, a
currency the manager never meant (found by review)."""


CFA_FRANCS: Final = r"(?:f(?:rancs?|rs?)?\.?\s*)?cf[ap]"
"""The francs of West and Central Africa (``CFA``) and of the Pacific (``CFP``), in small
letters, as their countries write them after an amount: ``F CFA``, ``FCFA``, ``francs CFA``,
``CFA``, ``F CFP``. ``amount: 25 F CFA`` had had no hint at all (found by review). Without
a group: the marks of an amount are found with ``findall``, which gives a group's text."""

_CFA_FRANC = re.compile(CFA_FRANCS)

_CFA_CURRENCIES: Final = {"a": frozenset({"XOF", "XAF"}), "p": frozenset({"XPF"})}
"""What the last letter of ``CFA`` or ``CFP`` stands for: the West or the Central African
franc (both written ``CFA``), or the Pacific franc."""


def cfa_currencies(mark: str) -> frozenset[str]:
    """The francs a mark names as their countries write them (``F CFA``: XOF and XAF;
    ``CFP``: XPF), for an amount's mark and a plan's `currency:` alike; none for another."""
    word = mark.strip().lower()
    return _CFA_CURRENCIES[word[-1]] if _CFA_FRANC.fullmatch(word) else frozenset()


def currencies_meant(mark: str) -> frozenset[str]:
    """The currencies a sign, code or word written with an amount (``€``, ``eur``, ``dollars``,
    ``Fr``, ``R$``) may stand for; none for another text."""
    word = mark.strip().lower()
    if word.upper() in ISO_4217:
        return frozenset({word.upper()})
    if _SWISS_FRANC.fullmatch(word):
        return frozenset({"CHF"})
    if _FRANC.fullmatch(word):
        return _FRANCS
    if codes := cfa_currencies(word):  # before `franc`, which `francs CFA` starts with
        return codes
    for name, codes in _CURRENCIES_OF_MARKS.items():
        if word.startswith(name):
            return codes
    return frozenset()


def currency_named(mark: str) -> str | None:
    """The currency a mark written with an amount is named as, to a plan in none of those it
    may stand for (:func:`currencies_meant`): the one it stands for, or the Swiss franc for
    ``Fr``, as price lists mean it (a plan in another franc is not told it is another
    currency); None for a mark that may be any of several (``$``, ``kr``), which the hint
    says is not the plan's."""
    meant = currencies_meant(mark)
    if len(meant) == 1:
        return next(iter(meant))
    return "CHF" if _FRANC.fullmatch(mark.strip().lower()) else None
