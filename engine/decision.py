"""The decision: what to do for one complaint, as a typed model and as canonical JSON.

The evaluator produces a plain document (see ``engine.evaluate``); :class:`Decision` is its typed,
frozen view for embedding apps, and ``schemas/decision.schema.json`` is generated from this
model (a test fails if they drift). Canonical JSON means sorted keys, no spaces, UTF-8: the same
plan and event always give the same bytes.
"""

from __future__ import annotations

from typing import Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field

from engine.construct import make


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PlanRef(_Frozen):
    """Which plan, in which version, made the decision."""

    name: str = Field(description="The plan's name.")
    fingerprint: str = Field(
        description="sha256 of the normalised plan: it changes whenever the rules change."
    )


class DecidedAction(_Frozen):
    """One thing to do, for whom, by when."""

    type: str = Field(
        description="The action type, such as apologize or compensate (x-... custom)."
    )
    rule: str = Field(description="The id of the rule the action comes from.")
    purpose: Literal["remedy", "prevention"] = Field(
        description="remedy: for this customer; prevention: so it does not happen again."
    )
    params: dict[str, Any] = Field(
        description="The action's parameters, templates filled in; money as exact decimal text."
    )
    within: str | None = Field(description="The deadline as written in the plan (30m, 4h, 2d).")
    due: str | None = Field(
        description="The absolute deadline (UTC), from the event's occurred_at; null without it."
    )
    also_from: list[str] = Field(
        description="Other rules that asked for the same action (merged into this one)."
    )


class Superseded(_Frozen):
    """A compensation offer that was not made (a larger one won, or the cap was reached)."""

    rule: str = Field(description="The rule that made the offer.")
    amount: str = Field(description="The amount it offered (within its own min and max).")
    reason: Literal["smaller-offer", "cap-reached"] = Field(
        description="smaller-offer: under combine max a larger offer was made instead; "
        "cap-reached: nothing was left under the per-event cap."
    )


class CompensationSummary(_Frozen):
    """The compensation for this event after the plan's policy and limits."""

    currency: str
    combine: Literal["max", "sum"]
    offered: str = Field(description="The amount before the per-event cap.")
    total: str = Field(description="The amount granted (or proposed, if approval is needed).")
    cap: str | None
    capped: bool = Field(description="True when the per-event cap reduced the amount.")
    approval_threshold: str | None
    needs_approval: bool = Field(
        description="True when a person must approve before granting (above the threshold, "
        "or the amount could not be computed from the event)."
    )
    superseded: list[Superseded]


class TraceStep(_Frozen):
    """One rule's evaluation, for explain: whether it matched and, if not, why."""

    rule: str
    matched: bool
    reason: str = Field(description="In words: the first condition that failed, or why it fired.")
    field: str | None = None
    actual: Any = None


class Decision(_Frozen):
    """The plan's answer for one complaint event."""

    format: Literal["backplan.decision/1"] = Field(description="The decision format version.")
    event_id: str | int = Field(description="The id of the event decided.")
    event_type: str
    occurred_at: str | None = Field(description="The event time, normalised to UTC.")
    plan: PlanRef
    matched: list[str] = Field(description="Ids of the rules that fired, in firing order.")
    fallback: bool = Field(
        description="True when no regular rule matched: the plan has no ready answer and a "
        "person must improvise. The plan's fallback rules (if any matched) are in `matched`; "
        "with no fallback rule, matched and actions are empty."
    )
    actions: list[DecidedAction] = Field(description="Remedy actions, then prevention actions.")
    compensation: CompensationSummary | None
    trace: list[TraceStep] | None = Field(
        default=None, description="Why each rule did or did not fire (explain only)."
    )

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> Decision:
        """Wrap an evaluator document without re-validating it (it is correct by construction)."""
        fields = dict(document)
        fields["plan"] = make(PlanRef, document["plan"])
        fields["actions"] = [make(DecidedAction, a) for a in document["actions"]]
        summary = document["compensation"]
        if summary is not None:
            summary = dict(summary)
            summary["superseded"] = [make(Superseded, s) for s in summary["superseded"]]
            fields["compensation"] = make(CompensationSummary, summary)
        trace = document.get("trace")
        if trace is not None:
            fields["trace"] = [make(TraceStep, t) for t in trace]
        return make(cls, fields)

    def to_document(self) -> dict[str, Any]:
        """The plain JSON-ready form (trace omitted when absent)."""
        document = self.model_dump(mode="json")
        if document.get("trace") is None:
            document.pop("trace", None)
        return document

    def to_json(self) -> bytes:
        """Canonical JSON bytes (sorted keys, compact, UTF-8)."""
        return canonical_json(self.to_document())


def canonical_json(document: Any) -> bytes:
    """The canonical JSON bytes of a document: the same value always gives the same bytes."""
    return orjson.dumps(document, option=orjson.OPT_SORT_KEYS)


def decision_schema() -> dict[str, Any]:
    """The JSON Schema of a decision, generated from the model."""
    schema = Decision.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://backplan.dev/schemas/decision.schema.json",
        **schema,
    }
