"""Which actions a set of fired rules produces, merged, worked out once per set of rules.

Merging (docs/semantics.md, *Merging actions*) depends on the event only through templates: two
apologies are one apology whatever the event says. So for each distinct list of fired rules the
decider asks for an :class:`Assembly` once — the actions in order with repeats already folded
together (first one's parameters, earliest deadline, ``also_from``, united tags) — and per event
only fills in templates, deadlines and amounts. The few actions whose sameness depends on filled-in
text (a ``note`` with a template in its message, a custom action with a templated parameter) are
left to be merged per event, together with every action of their type and purpose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple

from engine.actions import Recipe, render_action
from engine.utctime import due_text

SLOT: Final = 0
"""A step that makes one action entry (possibly several actions merged, known in advance)."""
OFFER: Final = 1
"""A step that makes one compensation offer (offers are combined, never merged)."""
LATE_MERGE: Final = 2
"""A step whose action merges with others only if their filled-in parameters are equal."""


RENDERED: Final = 0
"""A parameter filled in per event by its template's renderer (called with the event)."""
COPIED: Final = 1
"""A parameter whose value is a flat list: each entry gets its own copy."""
PLAIN: Final = 2
"""A parameter whose value holds lists or mappings: each entry gets its own copy all the way
down (``engine.actions.plain``)."""


class EntryParts(NamedTuple):
    """An action entry as the same for every event: the dicts an entry and its ``params`` are
    copies of (keys in order, every unchanging value in place, None where one is filled in),
    what is filled in per event, the rules it is also from, and its deadline's delay."""

    entry: dict[str, Any]
    params: dict[str, Any]
    filled: tuple[tuple[str, int, Any], ...]
    """``(name, RENDERED, renderer)``, ``(name, COPIED, list)`` or ``(name, PLAIN, value)``."""
    also_from: tuple[str, ...]
    delta: int | None


@dataclass(slots=True)
class Slot:
    """One action of the decision and the repeats folded into it."""

    recipe: Recipe
    """The first action: it gives the type, rule, purpose and parameters."""
    deadline: Recipe
    """The action with the earliest deadline among those merged."""
    also_from: list[str] = field(default_factory=list)
    tags: list[str] | None = None
    """The united tags, when ``tag`` actions were merged."""

    def absorb(self, later: Recipe) -> None:
        """Fold a later, equal action into this one."""
        if later.rule != self.recipe.rule and later.rule not in self.also_from:
            self.also_from.append(later.rule)
        if later.delta is not None and (
            self.deadline.delta is None or later.delta < self.deadline.delta
        ):
            self.deadline = later
        if self.recipe.type == "tag":
            tags = self.tags if self.tags is not None else list(self.recipe.static["tags"])
            tags.extend(t for t in later.static["tags"] if t not in tags)
            self.tags = tags

    def parts(self, priced: dict[str, Any] | None = None) -> EntryParts:
        """What its entry is made of for every event, worked out once (:class:`EntryParts`);
        ``priced``: the parameters an offer settled in advance was given (``engine.builder``)."""
        recipe = self.recipe
        templates = dict(recipe.templates)
        priced = priced or {}
        params: dict[str, Any] = {}
        filled: list[tuple[str, int, Any]] = []
        for name, value in recipe.layout.items():  # in order, as the entry's keys must be
            if name in priced:
                value = priced[name]
            elif name in templates:
                params[name] = None
                filled.append((name, RENDERED, templates[name]))
                continue
            elif name == "tags" and self.tags is not None:
                value = self.tags
            if isinstance(value, (list, dict)):  # a new copy per event
                params[name] = None
                flat = isinstance(value, list) and not any(
                    isinstance(v, (list, dict)) for v in value
                )
                filled.append((name, COPIED if flat else PLAIN, value))
            else:
                params[name] = value
        entry = {  # keys in order, as engine.actions.render_action writes them
            "also_from": None,
            "due": None,
            "params": None,
            "purpose": recipe.purpose,
            "rule": recipe.rule,
            "type": recipe.type,
            "within": self.deadline.within,
        }
        return EntryParts(entry, params, tuple(filled), tuple(self.also_from), self.deadline.delta)

    def render(self, event: dict[str, Any], base: int | None) -> dict[str, Any]:
        """The decision entry for this action and one event."""
        entry = render_action(self.recipe, event, base)
        if self.deadline is not self.recipe:
            entry["within"] = self.deadline.within
            entry["due"] = due_text(base, self.deadline.delta)
        if self.also_from:
            entry["also_from"] = list(self.also_from)
        if self.tags is not None:
            entry["params"]["tags"] = list(self.tags)
        return entry


@dataclass(frozen=True, slots=True)
class Assembly:
    """The actions of one list of fired rules, in decision order, repeats folded."""

    matched: tuple[str, ...]
    steps: tuple[tuple[int, Any], ...]
    """``(SLOT, Slot)``, ``(OFFER, Recipe)`` or ``(LATE_MERGE, Recipe)``, in order."""
    late: bool
    """Some actions can only be merged per event, once their parameters are filled in."""


def assemble(rules: Iterable[Any]) -> Assembly:
    """Plan the actions of these fired rules (each with ``id``, ``remedy``, ``prevention``)."""
    fired = tuple(rules)
    recipes = [r for rule in fired for r in rule.remedy] + [
        r for rule in fired for r in rule.prevention
    ]
    late = {(r.type, r.purpose) for r in recipes if r.merge_by is not None and r.merge_key is None}
    steps: list[tuple[int, Any]] = []
    slots: dict[tuple[Any, ...], Slot] = {}
    for recipe in recipes:
        if recipe.is_compensation:
            steps.append((OFFER, recipe))
        elif (recipe.type, recipe.purpose) in late:
            steps.append((LATE_MERGE, recipe))
        elif recipe.merge_key is None:  # pragma: no cover - every type but compensate merges
            # (actions._MERGE_BY, and x- by all parameters): no key means merged late, above
            steps.append((SLOT, Slot(recipe, recipe)))
        elif (earlier := slots.get(recipe.merge_key)) is not None:
            earlier.absorb(recipe)
        else:
            slot = slots[recipe.merge_key] = Slot(recipe, recipe)
            steps.append((SLOT, slot))
    return Assembly(tuple(rule.id for rule in fired), tuple(steps), bool(late))


def fill(
    assembly: Assembly, event: dict[str, Any], base: int | None
) -> tuple[list[dict[str, Any]], list[tuple[Recipe, dict[str, Any]]]]:
    """The action entries for one event at ``base`` (µs in UTC, or None without a time), and
    the compensation entries still to be sized."""
    entries: list[dict[str, Any]] = []
    offers: list[tuple[Recipe, dict[str, Any]]] = []
    late: dict[tuple[Any, ...], tuple[dict[str, Any], Slot]] = {}
    for kind, item in assembly.steps:
        if kind == SLOT:
            entries.append(item.render(event, base))
            continue
        entry = render_action(item, event, base)
        if kind == OFFER:
            offers.append((item, entry))
        else:
            key = item.key_for(entry["params"])
            earlier = late.get(key)
            if earlier is not None:
                first, slot = earlier
                slot.absorb(item)
                first["within"] = slot.deadline.within
                first["due"] = due_text(base, slot.deadline.delta)
                first["also_from"] = list(slot.also_from)
                continue
            late[key] = (entry, Slot(item, item))
        entries.append(entry)
    return entries, offers
