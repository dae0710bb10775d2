"""Generated pricing of one set's offers, written into the set's builder (``engine.builder``).

:func:`engine.compensation.price` sizes each offer, reads its field, bounds and rounds it, picks
the one kept, sets the others aside and writes the summary: about twenty Python calls, some
6 µs of a decision that takes 12 to 18, and half of the bench's decisions have an offer that
depends on the event (a percentage). Which offers a set makes, their percentages and bounds,
and the plan's policy are known when the set's builder is made, so the usual case is written
out there as straight-line code: each field read in the steps of its own path, each amount
multiplied, bounded and rounded in place, the largest picked by comparisons, and only the
entry of the offer kept built.

The usual case, and only it: a plan with ``combine: max``, a set of at most
:data:`QUICK_MAX_OFFERS` offers, every percentage's field a positive amount
(:func:`engine.money.read_amount`: a number, finite, under 10^15), and the largest offer above
zero and within the cap. Any other event (a field missing, not a number, negative or zero, an
offer over the cap) is answered by the builder's general code, which prices with
:func:`~engine.compensation.price` itself (the code below breaks out to it); so is every event
of a set past those bounds or of a plan with ``combine: sum``. ``tests/test_builder_pricing.py``
holds the two paths to the same decisions over random policies, currencies, fixed and
percentage offers (of fields holding different amounts) and event amounts.

As everywhere generated: no plan text enters the source, every value is a closure variable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from engine.fields import MISSING, path_reading_lines
from engine.money import MAX_EVENT_FLOAT, MONEY, format_money, read_amount

if TYPE_CHECKING:
    from engine.actions import Recipe
    from engine.compensation import CompensationRules

QUICK_MAX_OFFERS = 8
"""The most offers a set may make for its pricing to be written out: the code has a branch
per offer that may be kept. Sets with more price through the general path."""

HELPERS: dict[str, Any] = {
    "_MISSING": MISSING,
    "_read": read_amount,
    "_Decimal": Decimal,
    "_multiply": MONEY.multiply,
    "_MONEY": MONEY,
    "_HALF_UP": ROUND_HALF_UP,
    "_format": format_money,
    "_ZERO": Decimal(0),
    "_LOW": -MAX_EVENT_FLOAT,
    "_HIGH": MAX_EVENT_FLOAT,  # read_amount's bounds for a float
}
"""The names the written-out pricing uses, given to the generated code with its values."""

BUILTINS: dict[str, Any] = {"dict": dict, "float": float, "list": list, "len": len, "repr": repr}
"""The built-ins it uses (``repr``, ``len``; ``dict``, ``float`` and ``list`` to compare
classes with): the generated code gets no others."""

BAIL_OUT = "break"
"""What the code does for an event outside the usual case: it leaves the loop the builder runs
it in, for the general code after it (``engine.builder._quick``)."""


@dataclass(frozen=True, slots=True)
class PricedOffer:
    """One offer of the set, sized by the written-out code: its step number, and the names
    of its amount, its ``limited_by``, its base's text (a percentage) and its amount's text."""

    number: int
    recipe: Recipe
    amount: str
    limited_by: str
    base: str | None
    shown: str

    def written(self, name: Callable[[Any], str]) -> list[str]:
        """Lines that write this offer's pricing into its entry's ``params`` (``p``) when it is
        the one kept (``s``: the total's text, ``q``: whether it needs approval)."""
        params = {"amount": "s", "limited_by": self.limited_by, "needs_approval": "q"}
        if self.base is not None:
            params["base"] = self.base
        params["unresolved"] = name(False)
        return [f"    p[{name(key)}] = {value}" for key, value in params.items()]


def quick_pricing(
    offers: list[tuple[int, Recipe]], rules: CompensationRules, name: Callable[[Any], str]
) -> tuple[list[str], list[PricedOffer]] | None:
    """Lines that size the offers (step number and recipe, in firing order) and pick the one
    kept: its position among them in ``w``, its amount in ``m``, its text in ``s`` and the
    approval flag in ``q``; None when the policy is not ``combine: max`` or the set makes too
    many offers. ``name`` gives a value's generated name."""
    if rules.combine != "max" or not offers or len(offers) > QUICK_MAX_OFFERS:
        return None
    lines: list[str] = []
    priced: list[PricedOffer] = []
    for position, (number, recipe) in enumerate(offers):
        if recipe.fixed is not None:
            amount, limited_by = recipe.fixed
            priced.append(
                PricedOffer(
                    number,
                    recipe,
                    name(amount),
                    name(limited_by),
                    None,
                    name(format_money(amount)),
                )
            )
            continue
        lines += _percentage_lines(position, recipe, name)
        priced.append(
            PricedOffer(
                number,
                recipe,
                f"a{position}",
                f"l{position}",
                f"t{position}",
                f"_format(a{position})",
            )
        )
    lines += ["    w = 0", f"    m = {priced[0].amount}"]
    for position, offer in enumerate(priced[1:], start=1):  # the first of equal ones is kept
        lines += [
            f"    if {offer.amount} > m:",
            f"        w = {position}",
            f"        m = {offer.amount}",
        ]
    over_cap = f" or m > {name(rules.cap)}" if rules.cap is not None else ""
    lines += [f"    if not m{over_cap}:", f"        {BAIL_OUT}", "    s = _format(m)"]
    approval = f"m > {name(rules.threshold)}" if rules.threshold is not None else name(False)
    lines.append(f"    q = {approval}")
    return lines, priced


def _percentage_lines(position: int, recipe: Recipe, name: Callable[[Any], str]) -> list[str]:
    """Lines that size one percentage as ``engine.compensation._size`` does for a positive
    amount: ``a<position>`` its amount, ``l<position>`` its ``limited_by``, ``t<position>`` its
    base's text. A float without an exponent, the usual amount, is read without calling
    ``read_amount`` (its ``repr`` and ``Decimal`` as ``read_amount`` makes them)."""
    assert recipe.of is not None and recipe.fraction is not None
    field, text, base = f"x{position}", f"t{position}", f"b{position}"
    amount, limited_by = f"a{position}", f"l{position}"
    lines = path_reading_lines(field, recipe.of, name)
    lines += [
        f"    if {field}.__class__ is float and _LOW < {field} < _HIGH "
        f"and 'e' not in ({text} := repr({field})):",
        f"        {base} = _Decimal({text})",
        "    else:",
        f"        r = _read({field})",
        "        if r is None:",
        f"            {BAIL_OUT}",
        f"        {base}, {text} = r",
        f"    if not {base} > _ZERO:",  # negative: unresolved; zero: written "0"; both rare
        f"        {BAIL_OUT}",
        f"    {amount} = _multiply({base}, {name(recipe.fraction)})",
        f"    {limited_by} = None",
    ]
    for bound, test, said in ((recipe.floor, "<", "min"), (recipe.ceiling, ">", "max")):
        if bound is not None:  # as engine.compensation.bounded: the min, then the max
            lines += [
                f"    if {amount} {test} {name(bound)}:",
                f"        {amount} = {name(bound)}",
                f"        {limited_by} = {name(said)}",
            ]
    lines.append(f"    {amount} = {amount}.quantize({name(recipe.step)}, _HALF_UP, _MONEY)")
    return lines


def set_aside_display(kept: int, priced: list[PricedOffer], name: Callable[[Any], str]) -> str:
    """The records of the offers set aside when the one at position ``kept`` is made, as an
    expression: every other offer, in firing order, as smaller or as one that came to
    nothing (``engine.compensation._set_aside``; none is unresolved on this path)."""
    records = ", ".join(
        "{"
        f"{name('amount')}: {offer.shown}, "
        f"{name('reason')}: ({name('smaller-offer')} if {offer.amount} else {name('zero-amount')}), "
        f"{name('rule')}: {name(offer.recipe.rule)}"
        "}"
        for position, offer in enumerate(priced)
        if position != kept
    )
    return f"[{records}]"


def summary_display(rules: CompensationRules, name: Callable[[Any], str]) -> str:
    """The decision's compensation summary, as an expression over ``s``, ``q`` and ``aside``
    (``engine.compensation._settle``: one offer made, nothing capped)."""
    summary = {  # keys in order, as canonical JSON writes them
        "approval_threshold": name(rules.shown_threshold),
        "cap": name(rules.shown_cap),
        "capped": name(False),
        "combine": name(rules.combine),
        "currency": name(rules.currency),
        "needs_approval": "q",
        "offered": "s",
        "superseded": "aside",
        "total": "s",
    }
    return "{" + ", ".join(f"{name(key)}: {value}" for key, value in summary.items()) + "}"
