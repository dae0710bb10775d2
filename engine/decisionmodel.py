"""The decision format as pydantic models: the definition the schema and validation come from.

``schemas/decision.schema.json`` is generated from :class:`Decision` here (a test fails if they
drift), and :meth:`engine.decision.Decision.validate` checks a document against it. The objects
``Plan.evaluate`` returns are the read-only views of :mod:`engine.decision`, which have the same
names and fields (a test holds them to these models): building these models for every decision
cost about 13 µs, more than half of deciding itself.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal, NotRequired, Required, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    TypeAdapter,
    ValidationError,
    WrapValidator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, InitErrorDetails
from typing_extensions import TypedDict  # pydantic reads typing's only from Python 3.12

from engine.decisioncheck import real_times
from engine.event import EventId
from engine.formats import DecisionFormat
from engine.limits import MAX_TRACE_CHARS, MAX_TRACE_VALUES

UTC_TIME = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?Z(?!\n)$"
"""A time as a decision writes it (``engine.utctime.utc_text``): in UTC, to the second or
the microsecond, so a document from elsewhere with ``+01:00`` or a date alone is refused.
``[0-9]``, not a backslash-d: Python's takes every script's digits, JSON Schema's only ASCII."""
AMOUNT = r"^[0-9]+(\.[0-9]+)?(?!\n)$"
"""Money as a decision writes it (``engine.money.format_money``): exact decimal text, never an
exponent, a comma or a currency sign (``"24.00"``, ``"1235"``), and never below zero: every
amount is sized from a plan's numbers, which are 0 or more, and an event's, where a negative
base leaves the offer unresolved (docs/semantics.md). A ``"-5.00"`` edited in by hand had been
accepted, and ``backplan report`` took it off the day's total (found by review).

Both patterns end ``(?!\n)$``: Python's ``$`` also matches before a last newline, and the
``jsonschema`` package reads the published schema with Python's ``re``, where ``"24.00\n"``
had passed while ECMA's ``$`` and :meth:`Decision.validate` refused it (found by review).
The models check them with Python's ``re`` too (``regex_engine``), as Rust's has no
lookahead."""

PERCENT = r"^0*([0-9]{1,2}(\.[0-9]+)?|100(\.0+)?)(?!\n)$"
"""An offer's ``percent`` as a decision writes it: an amount's text (:data:`AMOUNT`) of at
most 100, as a plan's ``percent`` is (all of the field it is a percentage of); ``"150"`` had
been accepted."""


def _a_real_time(text: str) -> str:
    """A time the pattern lets through must also be one of the calendar and the clock:
    ``2026-13-45T10:00:00Z`` and ``2026-02-29T24:00:00Z`` had passed :meth:`Decision.validate`,
    and a reader of decisions (``backplan report``) met them as a ValueError (found by
    review). Read as ``engine.utctime`` writes them: ``Z``, no leap second; the same test as
    the quick way through the format takes (``engine.decisioncheck``)."""
    if not real_times((text,)):
        raise ValueError(f"`{text}` is not a real date and time")
    return text


UtcTime = Annotated[str, Field(pattern=UTC_TIME), AfterValidator(_a_real_time)]
"""A time as a decision writes it: :data:`UTC_TIME`, and a real one."""


class FormatModel(BaseModel):
    """The base of the models of a published format (here and ``engine.reportmodel``).

    Strict: a document from elsewhere is checked, never converted ("yes" is not true, a tuple
    is not a list), as the published schema checks it; 1.0 is not an id, which the schema
    cannot say (JSON Schema counts 1.0 as an integer), as the event schema cannot."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, regex_engine="python-re")


CompensationKind = Literal["voucher", "discount", "coupon", "refund", "store_credit"]
"""The forms of compensation, as the plan schema's ``compensate`` action names them (a test
holds the two lists equal)."""


def _an_amount(value: Any, handler: Callable[[Any], str]) -> str:
    """An offer's amount is text, never a number (a number loses its cents to a float): the
    report had been alone in refusing ``"amount": 24``, with these words. An app's own
    ``Decimal`` is read as the text it writes, as ``model_dump`` had written it before the
    format said what an amount is. Text is left to its pattern, whose refusal
    ``engine.decision`` words by what the text holds (``-5.00`` is below zero): "should be an
    amount as text" had been said of text too (found by review)."""
    if value.__class__ is str:  # text: refused by the pattern, in its words (engine.decision)
        return handler(value)
    try:
        return handler(str(value) if value.__class__ is Decimal else value)
    except ValidationError:
        raise ValueError('should be an amount as text, such as "24.00"') from None


Amount = Annotated[str, Field(pattern=AMOUNT), WrapValidator(_an_amount)]
"""Money as a decision writes it (:data:`AMOUNT`), in words a reader can act on."""


PERCENTAGE_PARAMS = ("percent", "of", "base")
"""The params only a percentage offer has, and it has all three (``base`` null when the event
could not size it): ``engine.actions`` writes ``percent`` and ``of`` together, and the sizing
(``engine.compensation``, or the code ``engine.pricecode`` writes) the ``base``, for a
percentage only."""

_TOGETHER = {
    key: [other for other in PERCENTAGE_PARAMS if other != key] for key in PERCENTAGE_PARAMS
}
"""Each of :data:`PERCENTAGE_PARAMS` needs the two others: the schema's ``dependentRequired``."""


def _percentage_apart(params: dict[str, Any]) -> str | None:
    """What is wrong with a compensate action that has some of ``percent``, ``of`` and
    ``base`` and not all (None when it has all or none): it is neither a fixed amount nor a
    percentage, and the schema and :meth:`Decision.validate` had taken ``percent`` without
    ``of``, or ``base`` alone."""
    present = [key for key in PERCENTAGE_PARAMS if key in params]
    if not present or len(present) == len(PERCENTAGE_PARAMS):
        return None
    missing = [f"`{key}`" for key in PERCENTAGE_PARAMS if key not in params]
    has = [f"`{key}`" for key in present]
    return (  # the keys marked as keys: "no percent or of" had read as broken words
        "a percentage offer has `percent`, `of` and `base` together; this one has "
        f"{' and '.join(has)} but no {' or '.join(missing)}"
    )


class CompensationParams(TypedDict, total=False):
    """The params of a compensate action: the offer to make. A percentage also has `percent`,
    `of` and `base` (all three, or none: a fixed amount), and an action with a message
    `message`; no other key."""

    # What docs/semantics.md (*Compensation*) tells, published: only the report had read an
    # offer's amount, currency and kind, and a consumer validating with the schema had no way
    # to tell "amount": 24 from what eval writes. A compensation has no free parameters (only
    # an x- action has), so any other key is a mistake.

    __pydantic_config__ = ConfigDict(  # type: ignore[misc]
        extra="forbid",
        strict=True,
        regex_engine="python-re",
        json_schema_extra={"dependentRequired": _TOGETHER},
    )

    kind: Required[Annotated[CompensationKind, Field(description="The form of the offer.")]]
    amount: Required[
        Annotated[
            Amount,
            Field(description="The amount made (or proposed), with the currency's decimals."),
        ]
    ]
    currency: Required[Annotated[str, Field(description="The plan's currency.")]]
    limited_by: Required[
        Annotated[
            Literal["min", "max", "per_event_max"] | None,
            Field(description="The bound that changed the amount, or null."),
        ]
    ]
    needs_approval: Required[
        Annotated[bool, Field(description="True when a person must approve it first.")]
    ]
    unresolved: Required[
        Annotated[bool, Field(description="True when the event could not size the percentage.")]
    ]
    percent: NotRequired[
        Annotated[
            str, Field(pattern=PERCENT, description="The percentage, as the plan says (0 to 100).")
        ]
    ]
    of: NotRequired[Annotated[str, Field(description="The event field it is a percentage of.")]]
    base: NotRequired[
        Annotated[
            Amount | None,
            Field(description="That field's value in the event; null when unresolved."),
        ]
    ]
    message: NotRequired[Annotated[str, Field(description="The message, filled in.")]]


_COMPENSATION_PARAMS = TypeAdapter(CompensationParams)


class PlanRef(FormatModel):
    """Which plan, in which version, made the decision."""

    name: str = Field(description="The plan's name.")
    fingerprint: str = Field(
        description="sha256 of the normalised plan: it changes whenever the rules change."
    )


class DecidedAction(FormatModel):
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
    due: UtcTime | None = Field(
        description="The absolute deadline (UTC), from the event's occurred_at; null without it.",
    )
    also_from: list[str] = Field(
        description="Other rules that asked for the same action (merged into this one)."
    )

    @model_validator(mode="after")
    def _compensation_params(self) -> Self:
        """A ``compensate`` action's params are :class:`CompensationParams` (an ``x-`` action's
        stay free): a consumer had no way to tell ``"amount": 24`` or a missing currency from
        what eval writes. Its problems are said at their place under ``params``, and a
        percentage's keys that are not all there at ``params`` itself (the schema's
        ``dependentRequired``)."""
        if self.type == "compensate":
            try:
                _COMPENSATION_PARAMS.validate_python(self.params)
            except ValidationError as error:
                raise _under("params", error) from None
            apart = _percentage_apart(self.params)
            if apart is not None:
                detail: InitErrorDetails = {
                    "type": "value_error",
                    "loc": ("params",),
                    "input": self.params,
                    "ctx": {"error": ValueError(apart)},
                }
                raise ValidationError.from_exception_data(type(self).__name__, [detail])
        return self

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The published schema says the same: ``if`` the type is ``compensate``, ``then``
        its params are :class:`CompensationParams`, kept under ``$defs``."""
        schema = handler.resolve_ref_schema(handler(core_schema))
        params = handler(_COMPENSATION_PARAMS.core_schema)
        schema["if"] = {"properties": {"type": {"const": "compensate"}}, "required": ["type"]}
        schema["then"] = {"properties": {"params": params}}
        return schema


def _under(key: str, error: ValidationError) -> ValidationError:
    """``error`` with each problem's place under ``key`` (pydantic adds the places above)."""
    details: list[InitErrorDetails] = []
    for problem in error.errors():
        detail: InitErrorDetails = {
            "type": problem["type"],
            "loc": (key, *problem["loc"]),
            "input": problem["input"],
        }
        if "ctx" in problem:
            detail["ctx"] = problem["ctx"]
        details.append(detail)
    return ValidationError.from_exception_data(error.title, details)


class Superseded(FormatModel):
    """A compensation offer not made: a larger one won, the cap was reached, it came to 0, or
    the event could not size it and another was made (a person compares them)."""

    rule: str = Field(description="The rule that made the offer.")
    amount: str = Field(
        pattern=AMOUNT, description="The amount it offered (within its own min and max)."
    )
    reason: Literal["smaller-offer", "cap-reached", "zero-amount", "unresolved"] = Field(
        description="smaller-offer: under combine max a larger offer was chosen instead (and "
        "made, unless the per-event cap left nothing for it: that one is then cap-reached); "
        "cap-reached: nothing was left under the per-event cap; zero-amount: the offer came "
        "to zero in the currency's smallest unit (such as 10% of a total of 0); unresolved: "
        "under combine max, a percentage the event could not size (its amount is the rule's "
        "min, or 0) that may have been larger than the offer made, which then needs approval."
    )


class CompensationSummary(FormatModel):
    """The compensation for this event after the plan's policy and limits."""

    currency: str
    combine: Literal["max", "sum"]
    offered: str = Field(pattern=AMOUNT, description="The amount before the per-event cap.")
    total: str = Field(
        pattern=AMOUNT, description="The amount granted (or proposed, if approval is needed)."
    )
    cap: str | None = Field(pattern=AMOUNT)
    capped: bool = Field(description="True when the per-event cap reduced the amount.")
    approval_threshold: str | None = Field(pattern=AMOUNT)
    needs_approval: bool = Field(
        description="True when a person must approve before granting (above the threshold, "
        "or the amount could not be computed from the event)."
    )
    superseded: list[Superseded]


class TraceStep(FormatModel):
    """One rule's evaluation, for explain: whether it matched and, if not, why."""

    rule: str
    matched: bool
    reason: str = Field(description="In words: the first condition that failed, or why it fired.")
    field: str | None = None
    actual: Any = Field(
        default=None,
        description="That field's value in the event; with `actual_cut`, only its start: at "
        f"most {MAX_TRACE_CHARS} characters of text and {MAX_TRACE_VALUES} values.",
    )
    actual_cut: bool = Field(
        default=False,
        description="True when `actual` was shortened: a text cut (ending with …), or a list "
        "or group of fields given its first items; or when a value JSON cannot hold (from an "
        "app's own event: a Decimal, NaN, a whole number beyond 64 bits) is given in words. "
        "The whole value is in the event.",
    )


class Decision(FormatModel):
    """The plan's answer for one complaint event."""

    format: DecisionFormat = Field(description="The decision format version.")
    event_id: EventId = Field(
        description="The id of the event decided, as the event wrote it: text of 1 to 200 "
        "characters, or a whole number within 64 bits."
    )
    event_type: str = Field(min_length=1, description="The event's type (review, order...).")
    occurred_at: UtcTime | None = Field(description="The event time, normalised to UTC.")
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


def published_schema(model: type[BaseModel], name: str) -> dict[str, Any]:
    """The JSON Schema of a published format, generated from its model: draft 2020-12, with
    the ``$id`` it is published under (``schemas/<name>.schema.json``)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://backplan.dev/schemas/{name}.schema.json",
        **model.model_json_schema(),
    }


def decision_schema() -> dict[str, Any]:
    """The JSON Schema of a decision, generated from the model."""
    return published_schema(Decision, "decision")
