"""The complaint event: standard fields every plan can rely on, extra fields welcome.

Events come as JSON from helpdesks, shops and review sites. :class:`Event` documents the
standard fields (and generates ``schemas/event.schema.json``); embedding apps may pass an Event
or a plain dict to ``Plan.evaluate``. Evaluation itself only insists on ``id``, ``type`` and a
well-formed ``occurred_at``: a field of the wrong kind makes the conditions on it false rather
than rejecting the complaint, so one odd field never leaves a customer without a plan.

An Event and the dict it was made from decide the same, to the byte. pydantic's lax mode turned
``rating: "1"`` into the number 1.0 and ``public: "yes"`` into true, so text that never matches
``rating <= 2`` in a dict matched once wrapped in an Event; even its strict mode makes a
``Decimal`` a float and a ``StrEnum`` member plain text, which the evaluator reads differently
(docs/semantics.md). So each standard field takes only values of exactly its own kinds, the
kinds JSON gives (a part such as ``customer`` also takes its own model), refuses any other
instead of converting it, and keeps a whole number whole where a number is expected;
:meth:`Event.to_event_dict` hands the evaluator every value as it was given.
"""

from __future__ import annotations

import math
import types
import typing
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import CoreSchema, InitErrorDetails, PydanticCustomError, core_schema
from pydantic_core.core_schema import ErrorType

from engine.limits import EVENT_TIME_PATTERN, MAX_ID_CHARS, MAX_INT_ID, MIN_INT_ID
from engine.model import CUSTOM_EVENT_TYPE
from engine.wording import EVENT_KIND_WORDS

EventType = Literal[
    "review", "survey", "contact", "conduct", "product", "order", "billing", "complaint"
]


EventId = (
    Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID_CHARS)]
    | Annotated[int, Field(ge=MIN_INT_ID, le=MAX_INT_ID)]
)
"""An event's id as deciding takes it: text of 1 to 200 characters, or a whole number that
canonical JSON keeps exactly (64 bits)."""
EventTime = Annotated[
    str,
    StringConstraints(pattern=EVENT_TIME_PATTERN),
]
"""An RFC 3339 time with its timezone, in the years deciding takes (1900 to 9997); a date
that does not exist (February 30) passes the pattern and is refused by deciding."""


def _whole(value: int | float) -> int | float:
    if value.__class__ is float and not value.is_integer():
        raise _not_whole(value)
    return value


def _not_whole(value: float) -> PydanticCustomError:
    return PydanticCustomError(
        "backplan_whole",
        "should be a whole number, found {found}; an Event converts nothing",
        {"found": repr(value)},
    )


WholeNumber = Annotated[int | float, AfterValidator(_whole), WithJsonSchema({"type": "integer"})]
"""A count as given: a whole number, written ``2`` or ``2.0``. JSON Schema's ``integer``, which
it is published as, takes both, and so does deciding (``2.0`` equals ``2``), so an Event must:
it had refused ``complaints_90d: 2.0``, which the published schema and ``eval --strict``
accept. Kept as given, like every value of an Event."""


def _finite(value: int | float) -> int | float:
    if value.__class__ is float and not math.isfinite(value):
        raise _not_finite(value)
    return value


def _not_finite(value: float) -> PydanticCustomError:
    return PydanticCustomError(
        "backplan_finite",
        "should be a number, found {found}, which JSON has no number for (eval refuses "
        "NaN and Infinity); an Event's number fields hold what an event's JSON can",
        {"found": repr(value)},
    )


Number = Annotated[int | float, AfterValidator(_finite), WithJsonSchema({"type": "number"})]
"""A number as given: a whole number stays an ``int`` (a ``float`` field would make 1 into 1.0,
which a decision can show differently, as explain's ``actual``), and true or false is not a
number. Published as JSON Schema's ``number``, which already takes both. NaN and the
infinities are refused: ``Event.model_validate_json`` reads ``NaN``, ``Infinity`` and
``1e400``, which ``backplan eval`` and ``engine.read_event`` refuse as ``bad-number``. (An
extra field, checked by nothing, keeps them: only ``read_event`` applies eval's reader.)"""


def _kinds(annotation: Any) -> frozenset[type]:
    """The exact classes a field of this annotation takes: JSON's kinds as the evaluator reads
    them (``__class__ is``, so no subclass), and a part's own model class."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        return frozenset().union(*map(_kinds, typing.get_args(annotation)))
    if origin is Annotated:
        return _kinds(typing.get_args(annotation)[0])
    if origin is Literal:
        return frozenset(type(value) for value in typing.get_args(annotation))
    if origin is list:
        return frozenset({list})
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return frozenset({dict, annotation})
    if annotation in EVENT_KIND_WORDS:
        return frozenset({annotation})
    raise TypeError(f"an event field of type {annotation!r} has no exact kinds")


def _say(kinds: frozenset[type]) -> str:
    """The kinds a field takes, in words ("a number", "a whole number or text")."""
    if float in kinds:
        kinds = kinds - {int}  # "a number" says both
    words = sorted(
        {
            EVENT_KIND_WORDS.get(kind, EVENT_KIND_WORDS[dict])
            for kind in kinds
            if kind is not type(None)
        }
    )
    return " or ".join(words)


def _found(value: Any) -> str:
    """What a refused value is, in words; a subclass of a JSON kind (a ``StrEnum`` member) is
    named as one, since passing its plain value is the fix."""
    word = EVENT_KIND_WORDS.get(value.__class__)
    if word is not None:
        return word
    name = type(value).__name__
    if isinstance(value, tuple(EVENT_KIND_WORDS)):
        return f"{name}, a subclass (pass the plain value)"
    return name


class _Open(BaseModel):
    """A part of an event: each standard field takes only its own exact kinds (see the module
    docstring); extra fields are kept, unchecked and unchanged."""

    model_config = ConfigDict(extra="allow", frozen=True, strict=True, regex_engine="python-re")
    """Python's ``re`` for the patterns of ``occurred_at`` and ``type``, whose lookahead
    (``engine.ecmaregex.END``) Rust's regex has not."""
    _KINDS: ClassVar[dict[str, frozenset[type]]] = {}
    """Field name -> the exact classes it takes (None always), from the annotations."""
    _WHOLE: ClassVar[frozenset[str]] = frozenset()
    """The fields that take a whole number (:data:`WholeNumber`), said so when refused."""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        fields = cls.model_fields.items()
        cls._KINDS = {name: _kinds(field.annotation) for name, field in fields}
        cls._WHOLE = frozenset(
            name for name, field in fields if WholeNumber in typing.get_args(field.annotation)
        )

    @model_validator(mode="before")
    @classmethod
    def _exact_kinds(cls, data: Any) -> Any:
        """Refuse, never convert: this runs before pydantic's own validation, whatever mode a
        caller asks for (``strict=False``, ``model_validate_strings``), so no path turns text
        into a number or a ``Decimal`` into a float; ``strict`` in the config is the same rule
        for what pydantic then checks (a Literal's values, reported once the kinds are right).
        One call per part, not one per field: a validator for every field made an Event about
        twice as slow to make."""
        if isinstance(data, dict):
            kinds = cls._KINDS
            for name, value in data.items():
                allowed = kinds.get(name)
                if allowed is not None and value is not None and value.__class__ not in allowed:
                    raise _refusal(cls, data)
        return data


def _refusal(part: type[_Open], data: dict[str, Any]) -> ValidationError:
    """Every field of the wrong kind in ``data``, its parts' included, each at its own location
    (pydantic places the errors of a ValidationError raised in a validator under the part's
    own), so one answer names them all, as a validator per field did."""
    return ValidationError.from_exception_data(part.__name__, list(_problems(part, data, ())))


def _problems(
    part: type[_Open], data: dict[str, Any], where: tuple[str, ...]
) -> Iterator[InitErrorDetails]:
    """The wrong kinds in ``data`` for ``part``, and in the objects given for its parts."""
    for name, value in data.items():
        allowed = part._KINDS.get(name)
        if allowed is None or value is None:
            continue
        if value.__class__ not in allowed:
            yield InitErrorDetails(
                type=PydanticCustomError(
                    "backplan_kind",
                    "should be {expected}, found {found}; an Event converts nothing",
                    {
                        "expected": "a whole number" if name in part._WHOLE else _say(allowed),
                        "found": _found(value),
                    },
                ),
                loc=(*where, name),
                input=value,
            )
        elif name in part._WHOLE and value.__class__ is float and not value.is_integer():
            # (said here too when a field of the wrong kind is refused before it is reached)
            yield InitErrorDetails(type=_not_whole(value), loc=(*where, name), input=value)
        elif value.__class__ is float and not math.isfinite(value):  # (so is this)
            yield InitErrorDetails(type=_not_finite(value), loc=(*where, name), input=value)
        elif value.__class__ is dict:
            for inner in allowed:
                if isinstance(inner, type) and issubclass(inner, _Open):
                    yield from _problems(inner, value, (*where, name))


def _plain(model: _Open) -> dict[str, Any]:
    """The fields set on ``model`` (in the order declared) and then its extra ones, each value
    the very object given; a nested part (a standard field holding a model) becomes a dict the
    same way. Not ``model_dump(mode="json")``: that turned an extra field's datetime, Decimal or
    tuple into text or a list (and failed on a value it could not write), so an Event could
    decide differently from the dict it was made from."""
    data: dict[str, Any] = {}
    given = model.__pydantic_fields_set__
    for name, value in model.__dict__.items():  # the declared fields, in order (extras apart)
        if name in given:
            data[name] = _plain(value) if isinstance(value, _Open) else value
    extra = model.__pydantic_extra__
    if extra:
        data.update(extra)
    return data


class Customer(_Open):
    """Who complained."""

    id: str | None = Field(default=None, examples=["c-1042"])
    name: str | None = Field(default=None, examples=["Dana Smith"])
    first_name: str | None = Field(default=None, examples=["Dana"])
    email: str | None = None
    phone: str | None = None
    tier: str | None = Field(default=None, description="Loyalty tier.", examples=["gold"])
    lifetime_value: Number | None = Field(
        default=None, description="Total spent, in the plan's currency."
    )
    complaints_90d: WholeNumber | None = Field(
        default=None, description="Complaints in the last 90 days, this one included."
    )


class Order(_Open):
    """The order the complaint is about."""

    id: str | None = Field(default=None, examples=["o-7781"])
    total: Number | None = Field(default=None, description="Order total.", examples=[119.99])
    currency: str | None = Field(default=None, examples=["USD"])
    delay_days: WholeNumber | None = Field(default=None, description="Days late (0 when on time).")
    items: list[Any] | None = None


class Survey(_Open):
    """A satisfaction survey answer."""

    kind: Literal["csat", "nps", "ces"] | None = None
    score: Number | None = Field(default=None, description="CSAT 1-5, NPS 0-10, CES 1-7.")


class Contact(_Open):
    """How reaching us went."""

    wait_minutes: Number | None = Field(default=None, description="Minutes the customer waited.")
    attempts: WholeNumber | None = Field(
        default=None, description="Times the customer tried to reach us."
    )
    unanswered: bool | None = Field(default=None, description="No one answered at all.")


class Staff(_Open):
    """The staff member involved."""

    agent_id: str | None = None
    team: str | None = None


def _identity_in_words(data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """An ``id``, ``type`` or ``occurred_at`` an :class:`Event` refuses is told in the words
    deciding and ``engine.event_schema_error`` use (:func:`_identity_worded`): pydantic's own
    had shown the time's whole regular expression (``String should match pattern
    '^(19[0-9]{2}|...``) for a time without its zone, and an empty id or a type ``Review``
    twice, once per branch of its union (``id.constrained-str``, ``id.constrained-int``),
    where the same values in a dict are told "has no timezone; add Z..." (found by review)."""
    try:
        return handler(data)
    except ValidationError as error:
        if not isinstance(data, dict):
            raise
        raise _identity_worded(error, data) from None


def _worded(schema: CoreSchema) -> bool:
    """Whether ``schema`` is the fields' validation wrapped in :func:`_identity_in_words`."""
    function = schema.get("function")
    return isinstance(function, dict) and function.get("function") is _identity_in_words


class Event(_Open):
    """A complaint event: what happened, to whom, when, where.

    Each standard field takes only its own exact kinds (text for text, a number for a number,
    true/false for a flag, an object or the part's model for ``customer``...) and keeps the
    value as given; nothing is converted, in any pydantic mode, so the Event decides exactly as
    the dict it was made from. Extra fields are kept unchecked and unchanged.

    Making an Event (``Event(...)``, ``Event.model_validate(data)``,
    ``Event.model_validate_json(text)``) is pydantic's validation, called by you before
    Backplan is involved: a value of the wrong kind (``rating: "1"``, ``public: "yes"``)
    raises pydantic's ``ValidationError`` (a ``ValueError``), not a
    :class:`~engine.errors.BackplanError`. Backplan itself never validates an Event:
    ``Plan.evaluate`` takes one already made, and raises only
    :class:`~engine.errors.EventError` for an event it cannot decide. To have an event with
    odd fields decided anyway (the conditions on them are then false), pass the dict instead.
    """

    id: EventId = Field(
        description=(
            "A unique id of the event: text of 1 to 200 characters, or a whole number written "
            "without a point or exponent (5, not 5.0 or 5e0, which this schema cannot tell "
            "from 5 but deciding refuses)."
        ),
        examples=["evt-1001"],
    )
    type: EventType | Annotated[str, StringConstraints(pattern=CUSTOM_EVENT_TYPE)] = Field(
        description=(
            "review, survey, contact, conduct, product, order, billing, complaint, or a custom "
            "x-... type (lower-case letters, digits, - and _): the types a plan's rules can name"
        ),
        examples=["review"],
    )
    occurred_at: EventTime | None = Field(
        default=None,
        description=(
            "When it happened (RFC 3339 with a timezone, on a day that exists: the pattern "
            "cannot tell that 2026-02-30 does not, and deciding refuses it as bad-time); "
            "deadlines count from it."
        ),
        examples=["2026-11-23T09:30:00Z"],
    )
    channel: str | None = Field(
        default=None,
        description="Where: google_review, yelp, twitter, facebook, instagram, phone, email, "
        "chat, store, survey...",
        examples=["google_review", "yelp"],
    )
    public: bool | None = Field(default=None, description="Visible to other customers.")
    rating: Number | None = Field(default=None, description="Star rating, 1-5.")
    severity: Literal["low", "medium", "high", "critical"] | None = None
    issue: str | None = Field(
        default=None,
        description="What went wrong: late, wrong_item, missing_item, defective, damaged, "
        "overcharged, double_charged, charged_for_replacement, rude, no_empathy...",
        examples=["late", "wrong_item"],
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

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler, /
    ) -> CoreSchema:
        """The model's schema, its fields' validation wrapped in :func:`_identity_in_words`.
        Inside the model, not around it: a ``model_validator(mode="wrap")`` made the outer
        validator a function, whose name pydantic puts in a refusal's title when an Event is
        validated in a list or beside None (``1 validation error for
        list[function-wrap[_identity_in_words()]]``, where it had been ``list[Event]``; found by
        review). Wrapped once: for an Event inside another model or a ``TypeAdapter``,
        pydantic hands back the Event's own schema, wrapped already; a schema that is no
        model's (a reference to one) is left as it is."""
        schema = handler(source)
        if schema["type"] != "model" or _worded(schema["schema"]):
            return schema
        return {
            **schema,
            "schema": core_schema.no_info_wrap_validator_function(
                _identity_in_words, schema["schema"]
            ),
        }

    def to_event_dict(self) -> dict[str, Any]:
        """The plain dict the evaluator reads: the fields set and the extra ones, each value as
        given (fields never set stay missing), so it decides as the original dict does."""
        return _plain(self)


_IDENTITY = ("id", "type", "occurred_at")
"""The fields deciding itself reads of every event, and words the refusal of."""
_STAND_IN = {"id": "e", "type": "review"}
"""An event deciding takes, for the words of one of its fields replaced (:func:`_said_of`)."""


def _identity_worded(error: ValidationError, data: dict[str, Any]) -> ValidationError:
    """``error`` with pydantic's problems of the fields of :data:`_IDENTITY` replaced by one
    each, in Backplan's words; its other problems kept as they are. ``error`` itself when it
    words none: rebuilt, its problems had each lost their own ``ctx`` (``backplan_kind``'s
    ``expected`` and ``found``), and a subclass's own error type
    (``PydanticCustomError("acme_store", ...)``) made a ``KeyError``, not a
    ``ValidationError`` (found by review)."""
    problems = error.errors()
    named = {
        problem["loc"][0]
        for problem in problems
        if problem["loc"] and problem["loc"][0] in _IDENTITY
        if not problem["type"].startswith("backplan_")  # refused in words already
    }
    said: dict[str, str | None] = {name: words for name in named if (words := _said_of(name, data))}
    if not said:
        return error
    details: list[InitErrorDetails] = []
    for problem in problems:
        name = problem["loc"][0] if problem["loc"] else None
        if name not in said:
            details.append(_kept(problem))
        elif (words := said[name]) is not None:  # once per field: pydantic's union says twice
            custom = PydanticCustomError("backplan_event", "{words}", {"words": words})
            details.append(InitErrorDetails(type=custom, loc=(name,), input=problem["input"]))
            said[name] = None
    return ValidationError.from_exception_data(error.title, details)


def _said_of(name: str, data: dict[str, Any]) -> str | None:
    """What deciding, or ``engine.event_schema_error``, says of an event whose field ``name``
    is as in ``data``, the values given (None when neither refuses it): left out when it is
    missing there, as deciding tells a field missing from one written null."""
    from engine.eventschema import event_schema_error  # only for an Event refused

    event = {key: value for key, value in _STAND_IN.items() if key != name}
    if name in data:
        event[name] = data[name]
    refused = event_schema_error(event)
    if refused is None:  # pragma: no cover - the event schema is the model's: it refuses alike
        return None
    return refused.message.removeprefix("the event does not follow the event schema: ")


def _kept(problem: Any) -> InitErrorDetails:
    """A problem pydantic found, to be raised again as it was: its type, place, input and
    ``ctx``. A type pydantic does not know (ours, ``backplan_kind``, or a subclass's own) is
    made again from its words and its ``ctx``; pydantic knows it by its type alone."""
    if problem["type"] not in _PYDANTIC_TYPES:
        made = PydanticCustomError(problem["type"], problem["msg"], problem.get("ctx"))
        return InitErrorDetails(type=made, loc=problem["loc"], input=problem["input"])
    detail: InitErrorDetails = {
        "type": problem["type"],
        "loc": problem["loc"],
        "input": problem["input"],
    }
    # (a `missing` has none, but only `id` and `type` are required, and are worded above)
    if "ctx" in problem:  # pragma: no branch
        detail["ctx"] = problem["ctx"]
    return detail


_PYDANTIC_TYPES = frozenset(typing.get_args(ErrorType))
"""The error types pydantic makes from their name (any other is a ``PydanticCustomError``)."""


def event_schema() -> dict[str, Any]:
    """The JSON Schema of an event, generated from the model.

    Its description is the first paragraph of :class:`Event`'s docstring: the rest is about
    making an Event in Python (pydantic's errors, strict mode), not about the JSON.
    """
    schema = Event.model_json_schema()
    schema["description"] = schema["description"].split("\n\n", 1)[0]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://backplan.dev/schemas/event.schema.json",
        **schema,
    }
