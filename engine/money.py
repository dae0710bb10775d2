"""Money arithmetic: Decimal only, rounded to the currency's minor unit, half up.

Rounding rule (documented in docs/semantics.md): amounts are computed exactly in Decimal, clamped
to the rule's ``min``/``max``, then rounded *half up* (0.005 -> 0.01) to the currency's minor unit
(2 decimals for most currencies, 0 for JPY/KRW..., 3 for BHD/KWD...). Half up is what customers
and accountants expect on a receipt; banker's rounding would look like short-changing.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal

_ZERO_DECIMALS = frozenset(
    [
        "BIF",
        "CLP",
        "DJF",
        "GNF",
        "ISK",
        "JPY",
        "KMF",
        "KRW",
        "PYG",
        "RWF",
        "UGX",
        "UYI",
        "VND",
        "VUV",
        "XAF",
        "XOF",
        "XPF",
    ]
)
_THREE_DECIMALS = frozenset(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"])
_STEPS = {0: Decimal(1), 2: Decimal("0.01"), 3: Decimal("0.001")}
MONEY = Context(prec=60, rounding=ROUND_HALF_EVEN)
"""The arithmetic context of every money operation, never the thread's current one.

Decimal arithmetic otherwise follows ``decimal.getcontext()``, which an embedding app may have
changed (a precision of 3 would turn 12.345% of 10,000 into 1,230): evaluation must not depend
on it. 60 digits hold any product of an event amount (under 10^15, at most 17 significant
digits) and a plan's percentage exactly, so no operation here ever rounds except ``quantize``.
"""
OFFER_AMOUNT_KEYS = ("amount", "min", "max")
"""The keys of an offer (``compensate``) that hold an amount of the plan's money."""
POLICY_AMOUNT_KEYS = ("per_event_max", "approval_above")
"""The keys of the plan's compensation policy that hold an amount of its money."""
MAX_EVENT_INT = 10**15
"""Amounts read from an event must be smaller than this: no real order total comes near it, and
from 10^15 a JSON number read as a float holds no cents at all (its step there is 0.125);
under it, every product with a plan's percentage is exact in :data:`MONEY`. An ``int`` so that
testing one against it is plain integer arithmetic: ``-Decimal(...)`` would follow the thread's
decimal context, where a small ``Emax`` or a trap on rounding makes it raise."""
MAX_EVENT_FLOAT = float(MAX_EVENT_INT)
"""The same bound for a float, compared as a float (:func:`read_amount`, and the pricing a
builder writes out, ``engine.pricecode``, which must refuse the same amounts)."""


def minor_unit_digits(currency: str) -> int:
    """How many decimals a currency uses: its ISO 4217 exponent when that is 0 or 3, and 2 for
    every other code, the fund codes CLF and UYW (4 in ISO, never paid as a gesture) included,
    as docs/semantics.md says."""
    if currency in _ZERO_DECIMALS:
        return 0
    if currency in _THREE_DECIMALS:
        return 3
    return 2


def money_step(currency: str) -> Decimal:
    """The currency's minor unit as a Decimal (``0.01``), to round with."""
    return _STEPS[minor_unit_digits(currency)]


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Round half up to the currency's minor unit."""
    return amount.quantize(
        _STEPS[minor_unit_digits(currency)], rounding=ROUND_HALF_UP, context=MONEY
    )


def read_amount(value: object) -> tuple[Decimal, str] | None:
    """A JSON number (``int`` or ``float``) as an exact Decimal (floats via their shortest
    repr) and its text as :func:`format_money` writes it, else None.

    ``119.99`` arrives as a float; ``Decimal(repr(119.99))`` is exactly 119.99, whereas
    ``Decimal(119.99)`` would carry the binary error into the money. A number whose magnitude
    reaches :data:`MAX_EVENT_INT` is not a usable amount either (None).

    The text is the repr itself when it has no exponent (a Decimal made from such text writes
    it back unchanged, and a float's repr has no exponent from 1e-4 to 1e16): writing the
    Decimal again cost more than the rest of reading it. A property test holds the two equal.

    Only an ``int`` or a ``float`` itself is a number here, as to every test: a subclass
    writes its own ``repr`` (numpy 2's float64 writes ``np.float64(119.99)``), which
    ``Decimal`` refused with InvalidOperation from inside the decision (found by review).
    """
    if type(value) is float:  # the usual amount, first: a JSON number with a point
        # NaN compares False and infinities fall outside: neither is an amount.
        if not -MAX_EVENT_FLOAT < value < MAX_EVENT_FLOAT:
            return None
        text = repr(value)
        amount = Decimal(text)
        return amount, (text if "e" not in text else format_money(amount))
    if type(value) is int:  # true and false are of the class bool: no amount
        if -MAX_EVENT_INT < value < MAX_EVENT_INT:
            return Decimal(value), str(value)
        return None
    return None  # text, None, a Decimal or a subclass too: no test reads one as a number


def plain_number(value: Decimal) -> str:
    """A plan's number as a person writes it: ``12.5`` for ``12.50``, ``100`` for ``1E+2``.

    ``normalize`` rounds to the thread's decimal context unless given one: a caller's
    precision of 2 would write a percentage of 12.5 as ``12``, in a text a plan keeps and
    shows in every later decision. MONEY holds any number a plan can hold exactly."""
    return format(MONEY.normalize(value), "f")


def grouped_money(amount: object) -> str:
    """An amount as people read it, its thousands grouped (``1,500.00``) as the counts beside
    it are, for the text people read (``backplan render``, ``eval --pretty``, ``report``'s
    tables: "191,700  8589767.00" had to be counted out); its decimals as written (``30``
    yen, ``5.000`` dinars). A decision and JSON write it ungrouped (:func:`format_money`).
    Text that is no amount is shown as it is."""
    try:
        return format(amount if isinstance(amount, Decimal) else Decimal(str(amount)), ",f")
    except (ArithmeticError, ValueError):  # (InvalidOperation is an ArithmeticError)
        return str(amount)


_SCIENTIFIC = MONEY.to_sci_string
"""``str`` of a Decimal in :data:`MONEY`, whose exponent is always a capital ``E``: ``str``
itself writes it with the thread's context, in which an embedding app may have set
``capitals=0``; a base of ``1e-7`` was then written ``"1e-7"``, which ``Decision.validate``
and ``backplan report`` refuse (found by review)."""


def format_money(amount: Decimal) -> str:
    """The canonical text of an amount already rounded (``"24.00"``), never an exponent.

    ``str`` writes a rounded amount the same way as ``format(amount, "f")`` at a quarter of the
    cost (an exponent appears only for exponents above 0 or far below the minor unit); the
    exponent test keeps any other amount right too (:data:`_SCIENTIFIC`: what ``str`` writes,
    whatever the caller's decimal context). It is how a message writes a plan's number too
    (``validate``'s "min (0.0000002) is larger than its max (0.0000001)"), which ``str`` had
    written ``2E-7``, or ``2e-7`` in an app that set ``capitals=0``.
    """
    text = _SCIENTIFIC(amount)
    return format(amount, "f") if "E" in text else text
