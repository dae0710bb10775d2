"""Generated code that prices a set of fired rules' offers, inside its builder.

:func:`engine.compensation.price` sizes each offer, applies the plan's policy and writes the
amounts, for any offers and any policy; it is general, so most of its cost is the
interpreter's (calls, tuples, branches on the policy), the Decimal arithmetic a small part.
For a set whose offers are few and kept one at a time (one offer, or ``combine: max``), the
builder (``engine.builder``) writes the usual case inline instead: each percentage's field
read with the steps of its own path, its amount made with the Decimal operations ``price``
uses, bounds and rounding written only where the rule has them, a field without a usable
amount offered the rule's floor (unresolved), the largest offer chosen, and the entries and
summary written as ``price`` writes them. Anything else (a zero, negative or exponent-written
amount, an amount over the cap or of nothing, several offers summed) goes to ``price`` itself,
on the same entries. A property test holds the two to the same decisions over random
policies, offers and amounts (``tests/test_pricecode.py``).

On the bench's 100-rule plan this takes a decision that a builder prices from about 92,200 to
79,100 machine instructions; a third of the bench's decisions are such, so ``decide`` over the
stream went from 81,600 to 81,100 per event (``python -m bench.instructions --parts decide``;
the rest are priced in advance, have no offer, or are filled in step by step).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Protocol

from engine.compensation import ZERO, CompensationRules, priced
from engine.fields import MISSING, lookup_lines
from engine.money import MAX_EVENT_AMOUNT, MONEY, format_money

if TYPE_CHECKING:
    from engine.actions import Recipe

MAX_INLINE_OFFERS = 4
"""The most offers a set may have for its pricing to be generated: the code holds one branch per
offer that can be the largest, and sets with more are rare enough for ``price``."""

_ROUND_UP = MONEY.copy()
_ROUND_UP.rounding = ROUND_HALF_UP
"""``MONEY`` rounding half up: ``_ROUND_UP.quantize(a, step)`` is ``a.quantize(step,
ROUND_HALF_UP, MONEY)``, with its arguments read positionally (cheaper to call)."""

HELPERS: dict[str, Any] = {
    "_MISSING": MISSING,
    "_repr": repr,
    "_str": str,
    "_Decimal": Decimal,
    "_multiply": MONEY.multiply,
    "_quantize": _ROUND_UP.quantize,
    "_money": format_money,
    "_priced": priced,
    "_ZERO": ZERO,
    "_LARGEST_INT": int(MAX_EVENT_AMOUNT),
    "_NO_AMOUNT": frozenset(map(type, [MISSING, None, "", True, {}, []])),
}
"""What generated pricing calls, by the names it uses (parameters of the builder's ``make``)."""

BUILTINS: dict[str, Any] = {"dict": dict, "float": float, "int": int, "len": len, "list": list}
"""The only built-in names generated pricing (and its field steps) uses."""


class Names(Protocol):
    """Gives a plan value the generated name it enters the code by (``engine.builder``)."""

    def value(self, obj: Any) -> str: ...


def inlined(offers: list[tuple[int, Recipe]], rules: CompensationRules) -> bool:
    """Whether this set's pricing is generated (else the builder calls ``priced``)."""
    return 0 < len(offers) <= MAX_INLINE_OFFERS and (len(offers) == 1 or rules.combine == "max")


def pricing_lines(
    names: Names, offers: list[tuple[int, Recipe]], made: list[str], rules: CompensationRules
) -> list[str]:
    """The builder's last lines: price the offers (step number and recipe; each one's entry is
    ``e<number>``) and return the entries made (``made``: every entry, in order) and the
    summary. Only for a set :func:`inlined` accepts."""
    general = (
        f"return _priced([{', '.join(made)}], "
        f"[{', '.join(f'({names.value(recipe)}, e{n})' for n, recipe in offers)}], "
        f"event, {names.value(rules)})"
    )
    lines: list[str] = []
    for n, recipe in offers:
        lines += _sizing(names, n, recipe, general)
    lines.append(f"w = a{offers[0][0]}")
    if len(offers) > 1:
        lines.append("i = 0")
        for place, (n, _) in enumerate(offers[1:], 1):
            lines.append(f"if a{n} > w: w = a{n}; i = {place}")  # the first of equals wins
    if rules.cap is not None:
        lines.append(f"if not _ZERO < w <= {names.value(rules.cap)}: {general}")
    approval = "False" if rules.threshold is None else f"w > {names.value(rules.threshold)}"
    lines += [f"na = {approval}", "s = _str(w)", "if 'E' in s: s = _money(w)"]
    for place, (n, recipe) in enumerate(offers):
        others = [(m, other) for m, other in offers if m != n]
        kept = [entry for entry in made if entry not in {f"e{m}" for m, _ in others}]
        body = [
            f"na = na or u{n}",  # an unresolved offer kept always needs a person's approval
            f"p = e{n}['params']",
            "p['amount'] = s",
            *([f"p['base'] = t{n}"] if recipe.fixed is None else []),
            f"p['limited_by'] = l{n}",
            "p['needs_approval'] = na",
            f"p['unresolved'] = u{n}",
            f"return [{', '.join(kept)}], {_summary(names, others, rules)}",
        ]
        if len(offers) == 1:
            lines += body
        else:
            lines.append(f"if i == {place}:")
            lines += (f"    {line}" for line in body)
    return [f"    {line}" for line in lines]


def _sizing(names: Names, n: int, recipe: Recipe, general: str) -> list[str]:
    """Lines that set ``a<n>`` to an offer's amount, ``l<n>`` to its ``limited_by`` and
    ``u<n>`` to whether it is unresolved (and ``t<n>`` to a percentage's base as written), as
    ``price`` sizes it; or return ``general`` for a base other than a positive number below
    ``MAX_EVENT_AMOUNT`` whose text has no exponent, or a value that is plainly no amount."""
    if recipe.fixed is not None:
        amount, limited_by = recipe.fixed
        return [
            f"a{n} = {names.value(amount)}",
            f"l{n} = {names.value(limited_by)}",
            f"u{n} = False",
        ]
    assert recipe.of is not None and recipe.fraction is not None
    base, text = f"b{n}", f"t{n}"
    floor = recipe.floor
    # No usable base: price offers the floor, rounded, and leaves it to a person.
    unresolved = _ROUND_UP.quantize(ZERO if floor is None else floor, recipe.step)
    lines = lookup_lines(base, recipe.of, names.value)
    lines += [
        f"if {base}.__class__ is float and 0.0 < {base} < 1e15:",  # as read_amount reads it
        f"    {text} = _repr({base})",
        f"    if 'e' in {text}: {general}",
        f"elif {base}.__class__ is int and 0 < {base} < _LARGEST_INT:",
        f"    {text} = _str({base})",
        f"elif {base}.__class__ in _NO_AMOUNT:",
        f"    {text} = None",
        f"else: {general}",
        f"if {text} is None:",
        f"    a{n} = {names.value(unresolved)}",
        f"    l{n} = {names.value(None if floor is None else 'min')}",
        f"    u{n} = True",
        "else:",
        f"    u{n} = False",
        f"    a{n} = _multiply(_Decimal({text}), {names.value(recipe.fraction)})",
        f"    l{n} = None",
    ]
    if floor is not None:
        lines.append(
            f"    if a{n} < {names.value(floor)}: a{n} = {names.value(floor)}; l{n} = 'min'"
        )
    if recipe.ceiling is not None:
        ceiling = names.value(recipe.ceiling)
        lines.append(f"    if a{n} > {ceiling}: a{n} = {ceiling}; l{n} = 'max'")
    lines.append(f"    a{n} = _quantize(a{n}, {names.value(recipe.step)})")
    return lines


def _summary(names: Names, others: list[tuple[int, Recipe]], rules: CompensationRules) -> str:
    """The summary's display when one offer is kept (``w``, shown as ``s``) and ``others``
    are superseded as smaller, in firing order (keys in canonical order, as ``_settle``)."""
    superseded = ", ".join(
        f"{{'amount': _money(a{m}), 'reason': 'smaller-offer', 'rule': {names.value(other.rule)}}}"
        for m, other in others
    )
    fields = {
        "approval_threshold": names.value(rules.shown_threshold),
        "cap": names.value(rules.shown_cap),
        "capped": "False",
        "combine": names.value(rules.combine),
        "currency": names.value(rules.currency),
        "needs_approval": "na",
        "offered": "s",
        "superseded": f"[{superseded}]",
        "total": "s",
    }
    return "{" + ", ".join(f"{names.value(k)}: {v}" for k, v in fields.items()) + "}"
