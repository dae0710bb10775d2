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
from typing import Any, Final

from engine.actions import Recipe, render_action
from engine.utctime import due_text

SLOT: Final = 0
"""A step that makes one action entry (possibly several actions merged, known in advance)."""
OFFER: Final = 1
"""A step that makes one compensation offer (offers are combined, never merged)."""
LATE_MERGE: Final = 2
"""A step whose action merges with others only if their filled-in parameters are equal."""


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
        elif recipe.merge_key is None:  # an action that is never merged
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
