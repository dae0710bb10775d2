"""The complaint event: standard fields every plan can rely on, extra fields welcome.

Events come as JSON from helpdesks, shops and review sites. :class:`Event` documents the
standard fields (and generates ``schemas/event.schema.json``); embedding apps may pass an Event
or a plain dict to ``Plan.evaluate``. Evaluation itself only insists on ``id``, ``type`` and a
well-formed ``occurred_at``: a field of the wrong kind makes the conditions on it false rather
than rejecting the complaint, so one odd field never leaves a customer without a plan.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

EventType = Literal[
    "review", "survey", "contact", "conduct", "product", "order", "billing", "complaint"
]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class Customer(_Open):
    """Who complained."""

    id: str | None = Field(default=None, examples=["c-1042"])
    name: str | None = Field(default=None, examples=["Dana Smith"])
    first_name: str | None = Field(default=None, examples=["Dana"])
    email: str | None = None
    phone: str | None = None
    tier: str | None = Field(default=None, description="Loyalty tier.", examples=["gold"])
    lifetime_value: float | None = Field(
        default=None, description="Total spent, in the plan's currency."
    )
    complaints_90d: int | None = Field(
        default=None, description="Complaints in the last 90 days, this one included."
    )


class Order(_Open):
    """The order the complaint is about."""

    id: str | None = Field(default=None, examples=["o-7781"])
    total: float | None = Field(default=None, description="Order total.", examples=[119.99])
    currency: str | None = Field(default=None, examples=["USD"])
    delay_days: int | None = Field(default=None, description="Days late (0 when on time).")
    items: list[Any] | None = None


class Survey(_Open):
    """A satisfaction survey answer."""

    kind: Literal["csat", "nps", "ces"] | None = None
    score: float | None = Field(default=None, description="CSAT 1-5, NPS 0-10, CES 1-7.")


class Contact(_Open):
    """How reaching us went."""

    wait_minutes: float | None = Field(default=None, description="Minutes the customer waited.")
    attempts: int | None = Field(default=None, description="Times the customer tried to reach us.")
    unanswered: bool | None = Field(default=None, description="No one answered at all.")


class Staff(_Open):
    """The staff member involved."""

    agent_id: str | None = None
    team: str | None = None


class Event(_Open):
    """A complaint event: what happened, to whom, when, where."""

    id: str | int = Field(description="A unique id of the event.", examples=["evt-1001"])
    type: EventType | str = Field(
        description="review, survey, contact, conduct, product, order, billing, complaint, or x-...",
        examples=["review"],
    )
    occurred_at: str | None = Field(
        default=None,
        description="When it happened (RFC 3339 with a timezone); deadlines count from it.",
        examples=["2026-11-23T09:30:00Z"],
    )
    channel: str | None = Field(
        default=None,
        description="Where: google_review, yelp, twitter, facebook, instagram, phone, email, "
        "chat, store, survey...",
        examples=["google_review"],
    )
    public: bool | None = Field(default=None, description="Visible to other customers.")
    rating: float | None = Field(default=None, description="Star rating, 1-5.")
    severity: Literal["low", "medium", "high", "critical"] | None = None
    issue: str | None = Field(
        default=None,
        description="What went wrong: late, wrong_item, missing_item, defective, damaged, "
        "overcharged, double_charged, charged_for_replacement, rude, no_empathy...",
    )
    text: str | None = Field(default=None, description="The customer's own words.")
    retold: bool | None = Field(default=None, description="The customer had to repeat the story.")
    repeat: bool | None = Field(default=None, description="The same problem happened before.")
    store: str | None = Field(default=None, description="The store or branch.")
    customer: Customer | None = None
    order: Order | None = None
    survey: Survey | None = None
    contact: Contact | None = None
    staff: Staff | None = None

    def to_event_dict(self) -> dict[str, Any]:
        """The plain dict the evaluator reads (fields never set stay missing)."""
        data: dict[str, Any] = self.model_dump(mode="json", exclude_unset=True)
        return data


def event_schema() -> dict[str, Any]:
    """The JSON Schema of an event, generated from the model."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://backplan.dev/schemas/event.schema.json",
        **Event.model_json_schema(),
    }
