"""Actions for one event: parameters filled in and deadlines fixed (offers are then sized and
combined by ``engine.compensation``).

Each rule's actions are turned into *recipes* once, when the plan compiles: everything that does
not depend on the event (type, static parameters, the duration, a fixed amount) is computed
then. Per event a recipe only renders its templates and adds its duration to the event's time.
See docs/semantics.md for the rules written out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from engine.compensation import PRICED, fixed_offer, offer_most
from engine.durations import parse_duration
from engine.fields import split_path
from engine.model import Action
from engine.money import MONEY, money_step, plain_number
from engine.templates import TEMPLATE_PARAMS, Renderer, Template, renderer
from engine.utctime import due_text

_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class Recipe:
    """One action of one rule, prepared at compile time."""

    type: str
    purpose: str
    rule: str
    within: str | None
    delta: int | None
    """The deadline's delay after the event, in µs (the event time's unit, ``engine.utctime``)."""
    static: dict[str, Any]
    templates: tuple[tuple[str, Renderer], ...]
    """The parameters filled in per event, each with its template's generated renderer."""
    layout: dict[str, Any]
    """Every parameter of the action's entry, in the order a decision writes them (by name,
    as canonical JSON sorts them): the static ones with their values, and None in the place of
    each one filled in per event (a template, or an amount the pricing writes). An entry is a
    copy of it, filled in, so its keys are in order without sorting (see
    ``engine.decision.decision_json_line``)."""
    merge_by: tuple[str, ...] | None
    """Which parameters make two actions of this type the same action (None: never merged)."""
    nested: bool
    """Some static parameter is a list or mapping: each decision gets its own copy of it."""
    of: tuple[str, ...] | None = None
    """For a percentage: the event field it is a percentage of."""
    floor: Decimal | None = None
    ceiling: Decimal | None = None
    merge_key: tuple[Any, ...] | None = None
    """The merge key when every parameter in ``merge_by`` is static (computed once, here)."""
    fraction: Decimal | None = None
    """``percent`` / 100 (exact: dividing a decimal by 100 only moves its point)."""
    step: Decimal = Decimal("0.01")
    """The currency's minor unit, to round amounts to."""
    fixed: tuple[Decimal, str | None] | None = None
    """A fixed compensation's final amount and ``limited_by``: the same for every event."""
    most: Decimal | None = None
    """The most the offer can give on any event (``engine.compensation.offer_most``; None:
    no bound). An offer the event could not size is told apart by it (``price``)."""

    @property
    def is_compensation(self) -> bool:
        """Compensation is combined under the plan's policy instead of merged."""
        return self.type == "compensate"

    def key_for(self, params: dict[str, Any]) -> tuple[Any, ...]:
        """The merge key of this action with these parameters filled in."""
        assert self.merge_by is not None
        return merge_key(self.type, self.purpose, self.merge_by, params)

    def fresh_params(self) -> dict[str, Any]:
        """The entry's parameters as new objects, in order, those filled in per event still
        None: a decision must not share lists with the plan."""
        if self.nested:
            return {name: plain(value) for name, value in self.layout.items()}
        return self.layout.copy()


# Two actions with equal values of these parameters are one action (the customer should get one
# apology, one call per channel...). Notes stay separate unless their text is the same, and
# replacements unless they replace the same item.
_MERGE_BY: dict[str, tuple[str, ...]] = {
    "apologize": (),
    "reply_publicly": (),
    "follow_up": (),
    "replace": ("item",),
    "contact_customer": ("channel",),
    "escalate": ("to",),
    "notify": ("to",),
    "root_cause": ("owner",),
    "training": ("owner",),
    "process_fix": ("owner",),
    "tag": (),
    "note": ("message",),
}


def plain(value: Any) -> Any:
    """A JSON-ready copy: exact decimals as text, new lists and mappings all the way down, the
    keys of each mapping in order (as canonical JSON writes them)."""
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(value[k]) for k in sorted(value)}
    return value


def merge_key(
    kind: str, purpose: str, merge_by: tuple[str, ...], params: dict[str, Any]
) -> tuple[Any, ...]:
    """What makes an action the same as another: type, purpose and the merge parameters.

    Each parameter counts by its name *and* its value, so ``{a: 1}`` and ``{b: 1}`` differ.
    A replacement whose ``item`` fills in to nothing is one without an item, as the item it
    names is none (docs/semantics.md, *Merging actions*).
    """
    if kind == "replace" and params.get("item") == "":
        params = {**params, "item": None}
    return (kind, purpose, *((n, _same_as(params.get(n))) for n in merge_by))


def _same_as(value: Any) -> Any:
    """A hashable form of a parameter under which equal values are equal, whatever the order
    of a mapping's keys (``{q: v, r: 1}`` is ``{r: 1, q: v}``); 1 and 1.0 and true stay apart."""
    if isinstance(value, dict):
        return ("{}", tuple(sorted((str(k), _same_as(v)) for k, v in value.items())))
    if isinstance(value, (list, tuple)):
        return ("[]", tuple(_same_as(v) for v in value))
    return repr(value)


def make_recipe(action: Action, rule_id: str, currency: str) -> Recipe:
    """Prepare one action of a rule (``currency``: the plan's, for compensation)."""
    static: dict[str, Any] = {}
    templates: list[tuple[str, Renderer]] = []
    for name in TEMPLATE_PARAMS:
        template: Template | None = getattr(action, name)
        if template is not None:
            text = template.literal  # a text without fields is a static parameter
            if text is None:
                templates.append((name, renderer(template)))
            else:
                static[name] = text
    for name in ("channel", "kind", "shipping", "to", "owner"):
        value = getattr(action, name)
        if value is not None:
            static[name] = value
    if action.tags:
        static["tags"] = list(action.tags)
    if action.type == "replace":
        static["free_of_charge"] = True
    if action.type == "compensate":
        static["currency"] = currency
        if action.percent is not None and action.of is not None:
            static["percent"] = plain(action.percent)
            static["of"] = action.of
    for name, value in action.extra:
        static[name] = plain(value)
    templated = {name for name, _ in templates}
    filled_in = [*templated]
    if action.type == "compensate":
        filled_in += PRICED if action.amount is not None else [*PRICED, "base"]
    layout = {**static, **dict.fromkeys(filled_in)}
    merge_by = _MERGE_BY.get(action.type)
    if action.type.startswith("x-"):  # the same custom action: every parameter is the same
        merge_by = tuple(sorted({*static, *templated, "message"}))
    step = money_step(currency)
    static_key = None
    if merge_by is not None and templated.isdisjoint(merge_by):
        static_key = merge_key(action.type, action.purpose, merge_by, static)
    return Recipe(
        type=action.type,
        purpose=action.purpose,
        rule=rule_id,
        within=action.within,
        delta=parse_duration(action.within) // _MICROSECOND if action.within else None,
        static=static,
        templates=tuple(templates),
        layout={name: layout[name] for name in sorted(layout)},
        merge_by=merge_by,
        nested=any(isinstance(v, (list, dict)) for v in static.values()),
        of=split_path(action.of) if action.of else None,
        floor=action.min,
        ceiling=action.max,
        merge_key=static_key,
        fraction=MONEY.divide(action.percent, 100) if action.percent is not None else None,
        step=step,
        fixed=fixed_offer(action, step),
        most=most[0] if (most := offer_most(action, step)) is not None else None,
    )


def render_action(recipe: Recipe, event: dict[str, Any], base: int | None) -> dict[str, Any]:
    """The decision entry for one action (compensation amounts are filled in separately)."""
    params = recipe.fresh_params()
    for name, render in recipe.templates:
        params[name] = render(event)
    return {  # keys in order: see Recipe.layout
        "also_from": [],
        "due": due_text(base, recipe.delta),
        "params": params,
        "purpose": recipe.purpose,
        "rule": recipe.rule,
        "type": recipe.type,
        "within": recipe.within,
    }
