"""Decide one event: match, fire in order, build actions, combine compensation.

This is the pure core: no clock, no I/O, no randomness. Time comes from the event's
``occurred_at``; everything else from the compiled plan. The result is a plain, JSON-ready
*decision document* (a dict) so the CLI can stream it as canonical JSON without building
objects; :class:`~engine.decision.Decision` wraps the same document for typed use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from engine.actions import (
    Deadlines,
    Offer,
    Recipe,
    combine_offers,
    make_recipe,
    render_action,
    size_offer,
)
from engine.compile import CompiledMatcher
from engine.errors import EventError
from engine.limits import has_lone_surrogate
from engine.model import PlanModel, Rule

DECISION_FORMAT = "backplan.decision/1"
"""The version of the decision document; bumped only on incompatible change."""
MAX_ID_CHARS = 200
MIN_INT_ID, MAX_INT_ID = -(1 << 63), (1 << 64) - 1
"""Whole-number ids must fit the 64 bits canonical JSON writes (and orjson reads)."""
MIN_YEAR, MAX_YEAR = 1900, 9998
"""Event times outside these years are refused: a deadline a year later must still be a date."""
_NOW = timedelta(0)


@dataclass(frozen=True, slots=True)
class FiringRule:
    """A rule as the decider needs it: id, stop flag and its prepared actions."""

    id: str
    stop: bool
    remedy: tuple[Recipe, ...]
    prevention: tuple[Recipe, ...]


def prepare(rule: Rule) -> FiringRule:
    """Prepare a rule's actions once, at compile time."""
    return FiringRule(
        rule.id,
        rule.stop,
        tuple(make_recipe(a, rule.id) for a in rule.then),
        tuple(make_recipe(a, rule.id) for a in rule.prevent),
    )


def event_identity(event: Any) -> tuple[str | int, str, datetime | None]:
    """The event's id, type and time, or an EventError saying what is wrong."""
    if event.__class__ is not dict:
        kind = {list: "a list", str: "text", int: "a number", float: "a number", bool: "true/false"}
        found = kind.get(type(event), "null" if event is None else type(event).__name__)
        raise EventError(f"an event must be a JSON object, found {found}", "", "not-an-object")
    event_id = event.get("id")
    if event_id is None:
        raise EventError("the event has no `id`", "/id", "missing-id")
    if event_id.__class__ is int:
        if not MIN_INT_ID <= event_id <= MAX_INT_ID:  # JSON output holds 64-bit whole numbers
            raise EventError(
                "the event `id` is a whole number too large to keep exactly; send it as text",
                "/id",
                "bad-id",
            )
    elif (
        event_id.__class__ is not str
        or not event_id
        or len(event_id) > MAX_ID_CHARS
        or has_lone_surrogate(event_id)
    ):
        raise EventError(
            f"the event `id` must be text (1 to {MAX_ID_CHARS} characters) or a whole number",
            "/id",
            "bad-id",
        )
    kind_value = event.get("type")
    if kind_value.__class__ is not str or not kind_value or has_lone_surrogate(kind_value):
        raise EventError(
            "the event has no `type` (text such as review or order)", "/type", "missing-type"
        )
    raw_time = event.get("occurred_at")
    occurred = None if raw_time is None else parse_time(raw_time)
    return event_id, kind_value, occurred


_RFC3339 = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?([Zz]|[+-][0-9]{2}:[0-9]{2})?$"
)
"""RFC 3339 date-time (the zone is checked separately to give its own message).

``datetime.fromisoformat`` alone also takes week dates, compact forms and a space for ``T``;
a complaint's time decides every deadline, so only the one unambiguous form is accepted.
"""


def parse_time(raw: Any) -> datetime:
    """An RFC 3339 timestamp with a timezone, such as ``2026-11-23T09:30:00Z``."""
    if raw.__class__ is not str or len(raw) > 40:
        raise EventError(
            "`occurred_at` must be a timestamp such as 2026-11-23T09:30:00Z",
            "/occurred_at",
            "bad-time",
        )
    try:
        if _RFC3339.match(raw) is None:
            raise ValueError(raw)
        moment = datetime.fromisoformat(raw.upper())
    except ValueError:
        raise EventError(
            f"`occurred_at` is not a timestamp: {raw!r}; write e.g. 2026-11-23T09:30:00Z",
            "/occurred_at",
            "bad-time",
        ) from None
    if moment.tzinfo is None:
        raise EventError(
            "`occurred_at` has no timezone; add Z (UTC) or an offset such as +01:00",
            "/occurred_at",
            "bad-time",
        )
    if not MIN_YEAR <= moment.year <= MAX_YEAR:  # deadlines (up to a year on) must stay dates
        raise EventError(
            f"`occurred_at` must fall between the years {MIN_YEAR} and {MAX_YEAR}: {raw!r}",
            "/occurred_at",
            "bad-time",
        )
    return moment


class Decider:
    """Turns events into decision documents for one compiled plan (immutable, thread-safe)."""

    def __init__(self, model: PlanModel, matcher: CompiledMatcher) -> None:
        self.model = model
        self.matcher = matcher
        self.rules = tuple(prepare(r) for r in matcher.rules)
        self.fallbacks = tuple(prepare(r) for r in matcher.fallbacks)
        self.plan_ref = {"name": model.settings.name, "fingerprint": model.fingerprint}
        self.first_only = model.settings.match == "first"

    def _select(self, ordinals: list[int], pool: tuple[FiringRule, ...]) -> list[FiringRule]:
        chosen: list[FiringRule] = []
        for ordinal in ordinals:
            rule = pool[ordinal]
            chosen.append(rule)
            if rule.stop or self.first_only:
                break
        return chosen

    def decide(self, event: Any) -> dict[str, Any]:
        """The decision document for one event; raises EventError for an event it cannot decide."""
        event_id, kind, occurred = event_identity(event)
        firing = self._select(self.matcher.match(event), self.rules)
        fallback = not firing
        if fallback:
            firing = self._select(self.matcher.match_fallbacks(event), self.fallbacks)
        deadlines = Deadlines(occurred)
        actions, compensation = self._actions(firing, event, deadlines)
        return {
            "format": DECISION_FORMAT,
            "event_id": event_id,
            "event_type": kind,
            "occurred_at": deadlines.due(_NOW),
            "plan": self.plan_ref,
            "matched": [r.id for r in firing],
            "fallback": fallback,
            "actions": actions,
            "compensation": compensation,
        }

    def _actions(
        self, firing: list[FiringRule], event: dict[str, Any], deadlines: Deadlines
    ) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
        settings = self.model.settings
        entries: list[dict[str, Any]] = []
        merged: dict[tuple[Any, ...], tuple[dict[str, Any], Recipe]] = {}
        offers: list[Offer] = []
        for purpose in ("remedy", "prevention"):
            for rule in firing:
                for recipe in rule.remedy if purpose == "remedy" else rule.prevention:
                    entry = render_action(recipe, event, deadlines)
                    if recipe.is_compensation:
                        offers.append(size_offer(recipe, entry, event, settings.currency))
                        entries.append(entry)
                        continue
                    if recipe.merge_by is not None:
                        key = recipe.merge_key or (
                            recipe.type,
                            recipe.purpose,
                            *tuple(repr(entry["params"].get(name)) for name in recipe.merge_by),
                        )
                        earlier = merged.get(key)
                        if earlier is not None:
                            if _merge_into(earlier[0], earlier[1], entry, recipe):
                                merged[key] = (earlier[0], recipe)
                            continue
                        merged[key] = (entry, recipe)
                    entries.append(entry)
        if not offers:
            return entries, None
        kept, summary = combine_offers(offers, settings.compensation, settings.currency)
        if len(kept) != len(offers):
            keep_ids = {id(o.entry) for o in kept}
            entries = [e for e in entries if e["type"] != "compensate" or id(e) in keep_ids]
        return entries, summary


def _merge_into(
    earlier: dict[str, Any], deadline_from: Recipe, later: dict[str, Any], recipe: Recipe
) -> bool:
    """Fold a repeated action into the first: earliest deadline wins, tags are united.

    ``deadline_from`` made the earlier entry's deadline; True when the later one's is kept.
    """
    if later["rule"] != earlier["rule"] and later["rule"] not in earlier["also_from"]:
        earlier["also_from"].append(later["rule"])
    sooner = recipe.delta is not None and (
        deadline_from.delta is None or recipe.delta < deadline_from.delta
    )
    if sooner:
        earlier["due"], earlier["within"] = later["due"], later["within"]
    if earlier["type"] == "tag":
        # A new list: the first list is shared with the compiled recipe and must not change.
        tags = earlier["params"]["tags"]
        earlier["params"]["tags"] = [*tags, *(t for t in later["params"]["tags"] if t not in tags)]
    return sooner
