"""The report format as pydantic models: the definition its JSON Schema comes from.

``schemas/report.schema.json`` is generated from :class:`Report` here (a test fails if they
drift), and printed by ``backplan schema report``. What ``backplan report --format json``
writes is :meth:`engine.report.Report.to_document`, made from plain dataclasses that count
quickly; tests hold its output to these models, for the examples, edge cases and random
decisions. They are not imported while a command runs: a report is written, never read back.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from engine.decisionmodel import AMOUNT, FormatModel, UtcTime, published_schema
from engine.formats import ReportFormat
from engine.report import trend_limits

SHARE = r"^[0-9]+\.[0-9](?!\n)$"
"""A share as the report writes it (``engine.report.share``): a percentage with one decimal,
no sign (``"30.8"``, ``"100.0"``)."""
PERIOD = r"^[0-9]{4}-(W[0-9]{2}|[0-9]{2}(-[0-9]{2})?)(?!\n)$"
"""A period as the report names it (``engine.report.period_label``): a day ``2026-11-23``, an
ISO week ``2026-W48`` or a month ``2026-11``, by the trend's ``by``."""

Counted = Annotated[int, Field(ge=0)]
Seen = Annotated[int, Field(ge=1)]
"""A count of something listed because it was seen: at least 1."""
Share = Annotated[str, Field(pattern=SHARE)]
Money = Annotated[str, Field(pattern=AMOUNT)]
Period = Annotated[str, Field(pattern=PERIOD)]


class PlanCount(FormatModel):
    """A plan version and how many of the decisions it made."""

    name: str = Field(description="The plan's name.")
    fingerprint: str = Field(
        description="The plan's whole fingerprint (sha256:...), as its decisions state it: "
        "it changes whenever the rules change."
    )
    decisions: Counted = Field(description="How many of the decisions this version made.")


class NamedShare(FormatModel):
    """An event type or a rule: how many events it was seen in, and their share of all."""

    name: str = Field(description="The event type, or the rule's id.")
    count: Seen = Field(description="Events of this type, or decisions this rule fired in.")
    share: Share = Field(
        description="The count as a percentage of all decisions, one decimal, half up."
    )


class FallbackShare(FormatModel):
    """The decisions no ordinary rule fitted (`"fallback": true`): a person improvised."""

    count: Counted
    share: Share = Field(description="As a percentage of all decisions, one decimal, half up.")


class CurrencyTotal(FormatModel):
    """The gestures made in one currency: all of them, and those still waiting for a
    person's approval (part of the total: proposed, not yet given)."""

    currency: str
    total: Money = Field(description="Exact decimal text, the sum of the offers made.")
    awaiting_approval: Money = Field(description="The part of the total awaiting approval.")


class KindTotal(FormatModel):
    """The gestures of one kind (voucher, refund...) in one currency."""

    currency: str
    kind: str
    offers: Seen
    amount: Money


class RuleTotal(FormatModel):
    """The gestures one rule made in one currency, and its offers a decision set aside
    (counted apart: they were never given)."""

    rule: str = Field(description="The rule's id, as the compensate actions name it.")
    currency: str
    offers: Counted = Field(
        description="The offers this rule made, in decisions counted (0 when a decision set "
        "aside every one)."
    )
    amount: Money = Field(description="Exact decimal text, the sum of those offers.")
    set_aside: Counted = Field(
        description="Its offers a decision set aside (`compensation.superseded`: a larger one "
        "made instead, the cap reached, an amount of 0): never given, in no amount."
    )
    awaiting_approval: Money = Field(
        description="The part of `amount` in decisions waiting for a person's approval; each "
        "currency's add up to its `awaiting_approval`."
    )


class Compensation(FormatModel):
    """What the gestures made cost; offers set aside (`compensation.superseded` of a
    decision) were never given, and are in no amount (each rule's are counted apart, in its
    `set_aside`)."""

    decisions: Counted = Field(description="Decisions with at least one gesture made.")
    needs_approval: Counted = Field(
        description="Decisions whose gesture waits for a person's approval."
    )
    capped: Counted = Field(
        description="Decisions whose gestures the plan's per-event cap reduced or left out."
    )
    unresolved_offers: Counted = Field(
        description="Offers the event could not size (a percentage of a missing total), "
        "left for a person."
    )
    currencies: list[CurrencyTotal] = Field(
        description="One total per currency, by currency: amounts of two currencies are "
        "never added."
    )
    kinds: list[KindTotal] = Field(
        description="By currency, then the most offers first, ties by kind."
    )
    rules: list[RuleTotal] = Field(
        default_factory=list,
        description="The offers of each rule that made one, or whose every offer was set "
        "aside: by currency, then the largest amount first, ties by the most offers made, "
        "then set aside, then by rule; each currency's amounts add up to its total. Offers a "
        "decision set aside (`compensation.superseded`) were not given, and are in no amount, "
        "only in `set_aside` (the list is absent from reports written before it was added).",
    )


class ValueCost(FormatModel):
    """The decisions of the events with one value of the field of `--per` (one store), and
    what their gestures cost, counted as the report's own totals are."""

    value: Any = Field(
        description='The value, as the events hold it (`1` and `"1"` are two values); null '
        "for the events without one and for the decisions of events not given (`group`)."
    )
    group: Literal["value", "no value", "not given"] = Field(
        description="`value`: events with this value; `no value`: events whose field is "
        "missing or null; `not given`: decisions whose event is not among the events given."
    )
    decisions: Seen = Field(description="The decisions counted of these events.")
    with_gesture: Counted = Field(description="Those with at least one gesture made.")
    currencies: list[CurrencyTotal] = Field(
        description="What their gestures cost, per currency, by currency; each currency's "
        "add up, over the values, to the report's `compensation.currencies`."
    )


class ByField(FormatModel):
    """The decisions split by a field of their events (`backplan report --per FIELD --events
    FILE`): each value's counts add up to the report's own."""

    field: str = Field(description="The field, as a rule names it (`store`, `customer.tier`).")
    events: Counted = Field(description="The event ids read from the events given.")
    values: list[ValueCost] = Field(
        description="Every value seen in a decision's event, the most cost first (per "
        "currency, in the order of their codes), then by value."
    )


class ActionCount(FormatModel):
    """How many actions of one type the decisions hold (merged actions once)."""

    type: str
    count: Seen


class Change(FormatModel):
    """An event type or rule seen more often in the last full period than in the one before."""

    what: Literal["event type", "rule"]
    name: str
    before: Counted = Field(description="Its count in the period before the last full one.")
    last: Seen = Field(description="Its count in the last full period, more than `before`.")


class Trend(FormatModel):
    """Counts per period, and what rose between the last two full periods (a period is full
    when the decisions cover each of its days)."""

    by: Literal["day", "week", "month"] = Field(
        description="The periods: days, ISO weeks (Monday to Sunday) or months, of the days "
        "of `time_zone`."
    )
    periods: list[Period] = Field(
        description="Every period from the first decision's to the last one's, in order, "
        f"empty ones included, at most the latest {trend_limits()}; empty when no decision "
        "has a time."
    )
    events: list[Counted] = Field(
        description="The decisions with a time, per period (one count per period)."
    )
    event_types: dict[str, list[Counted]] = Field(
        description="Per event type, its count in each period (one count per period)."
    )
    rules: dict[str, list[Counted]] = Field(
        description="Per rule, its firings in each period (one count per period)."
    )
    last_full: Period | None = Field(
        description="The last full period, compared with the one before it; null with "
        "fewer than two full periods."
    )
    before: Period | None = Field(description="The full period before `last_full`.")
    rising: list[Change] = Field(
        description="What was seen more often in `last_full` than in `before`: the largest "
        "rise first, ties by `what`, then name."
    )
    earlier: Counted = Field(
        description="Decisions dated before the first period: counted everywhere but in the "
        "trend, which covers the latest periods only."
    )
    time_zone: str = Field(
        default="UTC",
        description="The time zone whose days the periods are (`backplan report "
        "--time-zone`), such as `Australia/Sydney`; `UTC` unless one was named (absent from "
        "reports written before it was added: UTC).",
    )
    compensation: dict[str, list[Money]] = Field(
        default_factory=dict,
        description="Per currency with a gesture in the trend, the amount of the offers made "
        "in each period (one amount per period, exact decimal text; `0.00` in a period "
        "without one): offers a decision set aside are not counted. A gesture of a decision "
        "without a time, or dated before the first period, is in none (absent from reports "
        "written before it was added).",
    )


class Repeats(FormatModel):
    """Decisions of an event (its `event_id`) an earlier decision was of: the event sent
    twice, or the decisions given twice (`cat decisions.jsonl decisions.jsonl`); and error
    records read before."""

    same: Counted = Field(
        description="Each the same decision as an earlier one of its event: counted once, in "
        "none of the report's other counts (`decisions` included)."
    )
    different: Counted = Field(
        description="Each another decision than the earlier ones of its event (the plan "
        "changed between runs, an event was sent again with other fields, or two events share "
        "an id): each counted, in every count."
    )
    error_records: Counted = Field(
        description="Each an error record read before: the same rejection of the same "
        "event (sent twice, or the records given twice), or, for a record of no event id, "
        "the same line of a file given twice. Counted once, in neither `error_records` nor "
        "`error_codes`."
    )


class Report(FormatModel):
    """What a run of decisions says: `backplan report --format json` (docs/report.md).
    Lists are sorted, the largest count first and ties by name, so the same decisions give
    the same report in any order."""

    format: ReportFormat = Field(description="The report format version.")
    decisions: Counted = Field(
        description="The decisions counted: those read, but a decision repeated (`repeats`) once."
    )
    error_records: Counted = Field(
        description="The error records counted, events `backplan eval` could not decide: "
        "those read, but one read before (`repeats`) once."
    )
    error_codes: dict[str, Seen] = Field(description="The error records by their code.")
    unreadable_lines: Counted = Field(
        description="Input lines that were neither a decision nor an error record."
    )
    first: UtcTime | None = Field(
        description="The earliest `occurred_at` of the decisions, as written; null when none "
        "has one."
    )
    last: UtcTime | None = Field(description="The latest `occurred_at` of the decisions.")
    undated: Counted = Field(
        description="Decisions without `occurred_at`: counted everywhere but in the trend."
    )
    plans: list[PlanCount] = Field(description="The plan versions that made the decisions.")
    given_plan: PlanCount | None = Field(
        description="The plan given with --plan, and how many decisions that very version "
        "made; null without --plan."
    )
    never_fired: list[str] | None = Field(
        description="The given plan's enabled rules, its fallback aside, that fired in none "
        "of the decisions, by id; null without --plan."
    )
    event_types: list[NamedShare] = Field(description="Events by type.")
    rules: list[NamedShare] = Field(
        description="Rules fired: a decision fired by two rules counts for both, so the "
        "shares may add up to more than 100."
    )
    fallback: FallbackShare
    compensation: Compensation
    actions: list[ActionCount] = Field(description="Actions by type.")
    trend: Trend
    repeats: Repeats
    by_field: ByField | None = Field(
        default=None,
        description="The decisions and their cost per value of a field of their events "
        "(`--per FIELD`); null without it (absent from reports written before it was added).",
    )


def report_schema() -> dict[str, Any]:
    """The JSON Schema of a report, generated from the model."""
    return published_schema(Report, "report")
