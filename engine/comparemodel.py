"""The compare format as pydantic models: the definition its JSON Schema comes from.

``schemas/compare.schema.json`` is generated from :class:`Comparison` here (a test fails if
they drift), and printed by ``backplan schema compare``. What ``backplan compare --format
json`` writes is :meth:`engine.compare.Comparison.to_document`, made from plain dataclasses;
tests hold its output to these models. They are not imported while a command runs.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from engine.compare import Kind
from engine.decisionmodel import FormatModel, published_schema
from engine.event import EventId
from engine.formats import CompareFormat
from engine.reportmodel import Counted, Money, PlanCount

SIGNED = r"^[+-]?[0-9]+(\.[0-9]+)?(?!\n)$"
"""A change of an amount: exact decimal text, ``+`` when it rose, ``-`` when it fell, no sign
when it did not move (``0.00``)."""

Signed = Annotated[str, Field(pattern=SIGNED)]


class Side(FormatModel):
    """One input compared: what it held, and which plans made its decisions."""

    source: str = Field(description="The input as named (`<stdin>` for `-`).")
    plans: list[PlanCount] = Field(description="The plan versions that made its decisions.")
    decisions: Counted = Field(description="Its decisions, as `backplan report` counts them.")
    error_records: Counted = Field(description="Its error records, events not decided.")
    unreadable: Counted = Field(
        description="Its lines neither a decision nor an error record, left out."
    )
    repeated: Counted = Field(
        description="Its events decided again with another decision: the first is compared."
    )
    no_event_id: Counted = Field(
        description="Its error records of no event id (eval could read none): paired with nothing."
    )


class Events(FormatModel):
    """How the two sides' events paired (by `event_id`)."""

    in_both: Counted
    alike: Counted = Field(
        description="Events in both decided alike: equal apart from `plan` and `trace`, or "
        "refused with the same error."
    )
    changed: Counted = Field(description="Events in both not decided alike.")
    only_before: Counted
    only_after: Counted


class RuleChange(FormatModel):
    """How often one rule fired on each side (as `backplan report` counts rules)."""

    rule: str
    before: Counted
    after: Counted
    change: int = Field(description="`after` minus `before`.")
    fired_in: Literal["both", "before", "after"] = Field(
        description="Where the rule fired: on both sides, or on one only."
    )


class MoneyChange(FormatModel):
    """The gestures made in one currency on each side (as `backplan report` totals them)."""

    currency: str
    before: Money
    after: Money
    change: Signed = Field(description="`after` minus `before`, exact, signed.")
    awaiting_before: Money = Field(description="The part of `before` awaiting approval.")
    awaiting_after: Money = Field(description="The part of `after` awaiting approval.")
    awaiting_change: Signed


class ChangedEvent(FormatModel):
    """A changed event, in AFTER's order: what changed, and each side in a few words."""

    event_id: EventId
    changed: list[Kind] = Field(min_length=1)
    before: str = Field(description="The rules fired and the gesture, or `refused (CODE)`.")
    after: str


class Comparison(FormatModel):
    """Which decisions a new plan version would change: `backplan compare --format json`
    (docs/report.md, *Revising a plan*)."""

    format: CompareFormat = Field(description="The compare format version.")
    before: Side
    after: Side
    same_plan: bool = Field(
        description="Whether one plan version (one fingerprint) made every decision of both "
        "sides: then no difference comes from the plan."
    )
    events: Events
    changes: dict[Kind, Counted] = Field(
        description="Changed events by what changed; an event may count under several."
    )
    rules: list[RuleChange] = Field(
        description="Each rule fired on either side: the largest change first, then by id."
    )
    compensation: list[MoneyChange] = Field(description="By currency.")
    shown: list[ChangedEvent] = Field(
        description="The first changed events (`--show N`), in AFTER's order."
    )


def compare_schema() -> dict[str, Any]:
    """The JSON Schema of a comparison, generated from the model."""
    return published_schema(Comparison, "compare")
