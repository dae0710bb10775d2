"""The error record format as pydantic models: the definition its JSON Schema comes from.

``backplan eval`` writes an error record (``backplan.error/1``) in the place of the decision of
an event it cannot decide (``engine.answerer.error_record``; docs/semantics.md).
``schemas/error.schema.json`` is generated from :class:`ErrorRecord` here (a test fails if
they drift), and printed by ``backplan schema error``, so that a program reading eval's output
has a contract for both kinds of line. Its codes are the ones docs/diagnostics.md explains
under *Event errors* (:mod:`engine.codebook`). Not imported while a command runs: records are
written as plain mappings, one per bad event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field

from engine.codebook import event_error_codes
from engine.decisionmodel import FormatModel, published_schema
from engine.event import EventId
from engine.formats import DECISION_FORMAT, ErrorFormat

if TYPE_CHECKING:
    EventErrorCode = str
else:  # a Literal of the page's codes: an enum in the schema, checked by the model
    EventErrorCode = Literal[event_error_codes()]


class Rejection(FormatModel):
    """Why the event could not be decided, and where it is in the input."""

    code: EventErrorCode = Field(
        description="The stable code of what was wrong: never renamed nor reused, each "
        "explained in docs/diagnostics.md (Event errors)."
    )
    message: str = Field(description="What was wrong, in words.")
    source: str = Field(description="The file the event came from, or `<stdin>`.")
    line: Annotated[int, Field(ge=1)] = Field(
        description="The line where the event starts (in a JSON array too: the line of the "
        "element's first character, such as its `{`)."
    )
    index: Annotated[int, Field(ge=0)] = Field(
        description="The event's position in its input, from 0 (in a JSON array: its position "
        "in the array; in JSON Lines: among the non-blank lines). In an input that is not "
        "valid JSON, a record about something between events (a stray comma, a missing `]`) "
        "takes the next position too."
    )


class ErrorRecord(FormatModel):
    """What `backplan eval` writes, on the line of an event it cannot decide, instead of a
    decision (docs/semantics.md): one bad event never stops the others."""

    format: ErrorFormat = Field(
        description=f"The error record format version (a decision has `{DECISION_FORMAT}`: "
        "check this field to tell them apart)."
    )
    event_id: EventId | None = Field(
        description="The event's `id` when it could be read and is one deciding takes (text "
        "of 1 to 200 characters, or a whole number of 64 bits), else null. A line of an event "
        "written over several lines of JSON Lines names the id of the event its lines make "
        "joined."
    )
    error: Rejection = Field(description="What was wrong, and where the event is.")


def error_schema() -> dict[str, Any]:
    """The JSON Schema of an error record, generated from the model."""
    return published_schema(ErrorRecord, "error")
