"""The ISO 4217 currency codes, to tell a slip of the keyboard (`JYP`) from a currency.

The plan schema takes any three capital letters as `currency`, so a plan never stops working
when ISO adds a code; Backplan rounds an amount in a code it has no table for to 2 decimals
(``engine.money``). A slip of the keyboard is then silent: `JYP` for `JPY` pays yen with cents.
``backplan lint`` warns of a code that is not in this list (``unknown-currency``), with the
nearest one. The list holds the codes in use in 2026, the fund and precious-metal codes, and
those withdrawn since 2020 that a plan written before may still name (a warning about a code
in use would be noise that teaches people to ignore the check).
"""

from __future__ import annotations

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

_SAID_SO: Final = {"RMB": "CNY", "YEN": "JPY", "NIS": "ILS", "EURO": "EUR", "EUROS": "EUR"}
"""What people call some currencies, for their code."""


def nearest_currency(code: str) -> str | None:
    """The currency a code that is not one was most likely meant as: the one people call so
    (`RMB`), the same letters in another order (`JYP`, `GPB`), else one letter changed (`EUD`,
    `USS`), else a code it starts with (`EURS`); the common currencies first. A general spelling
    suggester compares three letters by their positions, and offered `SYP` for `JYP`."""
    code = code.upper()
    if code in _SAID_SO:
        return _SAID_SO[code]
    letters = sorted(code)
    for other in _OFFERED:
        if sorted(other) == letters:
            return other
    for other in _OFFERED:
        if len(code) == len(other) and sum(a != b for a, b in zip(other, code, strict=True)) == 1:
            return other
    return next((other for other in _OFFERED if code.startswith(other)), None)
