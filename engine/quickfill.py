"""A set's action entries made per event from parts worked out once, before it has a builder.

A set of fired rules gets generated code (``engine.builder``) once it has been used
``engine.evaluate.BUILD_AFTER_USES`` times: compiling it costs about 0.75 ms, which only pays for
sets seen often. The others were filled in step by step (:func:`engine.assembly.fill`): for each
action, five calls, to copy its parameters, render its templates, write its deadline and make
its entry as a dict display. On the bench's stream, 15% of the events belong to such sets, and
each took about twice as long to decide as one with its builder (19 against 9 µs).

A :class:`Filler` makes the same entries from each action's :class:`~engine.assembly.EntryParts`,
worked out once when the set is used a second time (no code is compiled): a copy of the entry
and of its parameters, the few values filled in, and each distinct deadline written once per
event, in one loop. Step-by-step filling stays for the sets seen once and those that merge
late, and property tests hold the two to the same entries.
"""

from __future__ import annotations

from typing import Any

from engine.actions import Recipe, plain
from engine.assembly import COPIED, OFFER, RENDERED, SLOT, Assembly, EntryParts, Slot
from engine.utctime import utc_text


class Filler:
    """Makes one set's action entries for any event (not for an assembly that merges late)."""

    __slots__ = ("steps",)

    def __init__(self, assembly: Assembly) -> None:
        assert not assembly.late, "late merges are done by engine.assembly.fill"
        steps: list[tuple[EntryParts, Recipe | None]] = []
        for kind, item in assembly.steps:
            if kind == SLOT:
                steps.append((item.parts(), None))
            else:
                assert kind == OFFER
                steps.append((Slot(item, item).parts(), item))
        self.steps = tuple(steps)

    def __call__(
        self, event: dict[str, Any], base: int | None
    ) -> tuple[list[dict[str, Any]], list[tuple[Recipe, dict[str, Any]]]]:
        """The action entries for one event at ``base`` (µs in UTC, or None without a time),
        and the compensation entries still to be sized, as :func:`engine.assembly.fill` gives
        them."""
        entries: list[dict[str, Any]] = []
        offers: list[tuple[Recipe, dict[str, Any]]] = []
        dues: dict[int, str] = {}
        for (entry, params, filled, also_from, delta), offer in self.steps:
            made = entry.copy()
            made["also_from"] = [*also_from]
            values = params.copy()
            for name, how, value in filled:
                if how == RENDERED:
                    values[name] = value(event)
                else:  # a list or mapping: a new copy per entry
                    values[name] = [*value] if how == COPIED else plain(value)
            made["params"] = values
            if delta is not None and base is not None:
                due = dues.get(delta)
                if due is None:
                    due = dues[delta] = utc_text(base + delta)
                made["due"] = due
            entries.append(made)
            if offer is not None:
                offers.append((offer, made))
        return entries, offers
