"""What ``backplan eval`` counts while it answers one input, to say at the end.

Two things: the events rejected (any makes the exit status 1), and the events that went to
the fallback while holding a field the plan tests with a value the event schema does not
allow (``engine.offschema``), which are decided all the same but deserve a warning. Pieces of
an input answered by worker processes (``engine.parallel``) each count their own; the counts
are added up in input order, so the first such event named is the first in the input.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from engine.inputevent import InputEvent

Answered = tuple[bytes, bool, str | None]
"""The output line for one input event, whether it was rejected, and the tested field it
holds off the schema when the fallback decided it (else None)."""


@dataclass(frozen=True, slots=True)
class Answerer:
    """How ``backplan eval`` answers input events (made by ``engine.cli._answers``).

    ``answer``, given an :class:`~engine.inputevent.InputEvent`, answers any event. ``usual``
    answers the usual one, straight from the value parsed from its line, for a reader that
    never needs to make an ``InputEvent`` of it (``engine.parallel.answer_piece``: 1-2 µs per
    event of reading it through the general path): the same line, or None when the event is
    not decided (the call with an ``InputEvent`` then gives its error record, deciding it
    again: rejected events are rare, and deciding is pure).
    """

    answer: Callable[[InputEvent], Answered]
    usual: Callable[[Any], tuple[bytes, str | None] | None]
    """A parsed value -> its output line and the tested field it holds off the schema (else
    None); None when it is not decided."""


@dataclass(slots=True)
class Tally:
    """The counts of one input (or one piece of it)."""

    rejected: int = 0
    off_schema: int = 0
    """Events the fallback decided that hold a tested field off the schema."""
    first_off: tuple[int, int, str] | None = None
    """The line, the index (from 0, as error records count events) and the field of the first;
    the warning counts events from 1, as people do."""

    def count(self, item: InputEvent, rejected: bool, off_schema: str | None) -> None:
        """Count the answer to one input event: whether it was rejected, and the tested field
        it holds off the schema when the fallback decided it."""
        self.rejected += rejected
        if off_schema is not None:
            self.off_schema += 1
            if self.first_off is None:
                self.first_off = (item.start_line(), item.index, off_schema)

    def add(self, later: Tally) -> None:
        """Add the counts of the input that comes after these."""
        self.rejected += later.rejected
        self.off_schema += later.off_schema
        self.first_off = self.first_off or later.first_off

    def to_bytes(self) -> bytes:
        """The counts as bytes, to send from a worker process."""
        return orjson.dumps([self.rejected, self.off_schema, self.first_off])

    @classmethod
    def from_bytes(cls, data: bytes) -> Tally:
        """The counts :meth:`to_bytes` sent."""
        rejected, off_schema, first = orjson.loads(data)
        return cls(rejected, off_schema, (first[0], first[1], first[2]) if first else None)

    def warning(self) -> str | None:
        """What to say about the events decided with a tested field off the schema."""
        if self.first_off is None:
            return None
        line, index, field = self.first_off
        events = "1 event" if self.off_schema == 1 else f"{self.off_schema} events"
        return (
            f"warning: {events} went to the fallback holding a field the plan's rules test with "
            "a value the event schema does not allow there, which may be why no rule matched "
            f"(the first: event {index + 1}, on line {line}: `{field}`); send such fields as "
            "`backplan schema event` describes them, or add --strict to reject those events "
            "with each field named"
        )
