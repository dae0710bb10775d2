"""What ``backplan eval`` counts while it answers one input, to say at the end.

The events rejected (any makes the exit status 1), and the events decided all the same that
deserve a warning because they hold a field with a value the event schema does not allow
there (``engine.offschema``): those that went to the fallback holding a field the plan tests,
and those whose percentage offer was left unresolved because its base, in any field, held no
number (text, true or false, a list, a group of fields); those decided without a time that
hold it under a key written otherwise; and those whose id was decided shortly before
(``engine.recentids``, which this process notes from the ids each piece's counts carry).
Pieces of an input answered by worker processes (``engine.parallel``) each count their own;
the counts are added up in input order, so the first such event named is the first in the
input.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson

from engine.errors import counted
from engine.inputkind import EACH_ITEM_OF_AN_ARRAY, one_a_line
from engine.jsondocs import DOCUMENT_LIMIT, DOCUMENT_TOO_LARGE
from engine.recentids import RecentIds
from engine.wording import clip, ordinal_number

if TYPE_CHECKING:
    from engine.inputevent import InputEvent


@dataclass(frozen=True, slots=True)
class OffSchemaField:
    """A field an event holds with a value the event schema does not allow there (or, the
    base of a percentage, no number), which mattered to its decision."""

    field: str
    priced: bool
    """True: an offer is a percentage of it, left unresolved as it held no number (a plan's
    own field too, which the schema leaves free); False: the plan's rules test it, and the
    fallback decided the event."""
    untimed: bool = False
    """True (``priced`` False): the event has no `occurred_at`, so no deadline of its decision
    was set, but holds ``field``, a key written otherwise (``occurredAt``): a feed that names
    the time so had every decision made without deadlines, exit 0 and no word (found by
    review)."""


Answered = tuple[bytes, bool, OffSchemaField | None]
"""The output line for one input event, whether it was rejected, and the field off the schema
that mattered to its decision (else None)."""


@dataclass(frozen=True, slots=True)
class Answerer:
    """How ``backplan eval`` answers input events (made by ``engine.answerer.answers``).

    ``answer``, given an :class:`~engine.inputevent.InputEvent`, answers any event. ``usual``
    answers the usual one, straight from the value parsed from its line, for a reader that
    never needs to make an ``InputEvent`` of it (``engine.parallel.answer_piece``: 1-2 µs per
    event of reading it through the general path): the same line, or None when the event is
    not decided (the call with an ``InputEvent`` then gives its error record, deciding it
    again: rejected events are rare, and deciding is pure).
    """

    answer: Callable[[InputEvent], Answered]
    usual: Callable[[Any], tuple[bytes, OffSchemaField | None] | None]
    """A parsed value -> its output line and the field off the schema that mattered to its
    decision (else None); None when it is not decided."""
    recent: RecentIds = field(default_factory=RecentIds)
    """The ids answered last in the run, across its inputs, to count the events decided
    again (noted in this process, in input order: a worker only sends its pieces' ids)."""


@dataclass(slots=True)
class Tally:
    """The counts of one input (or one piece of it)."""

    rejected: int = 0
    off_schema: int = 0
    """Events the fallback decided that hold a tested field off the schema."""
    first_off: tuple[int, int, str] | None = None
    """The line, the index (from 0, as error records count events) and the field of the first;
    the warning counts events from 1, as people do."""
    unsized: int = 0
    """Events with an offer left unresolved because its base held no number (or, a standard
    field, a value the schema does not allow there)."""
    first_unsized: tuple[int, int, str] | None = None
    """The line, the index and the field of the first of those."""
    untimed: int = 0
    """Events decided without a time that hold `occurred_at` under a key written otherwise."""
    first_untimed: tuple[int, int, str] | None = None
    """The line, the index and the key of the first of those."""
    unread_document: int = 0
    """The line of the first JSON document too large to read (an array of a year's events),
    else 0: its one error record stood for every event in it, and a run with ``-o`` said
    nothing but exit 1, as for one bad event among thousands (found by an operator's replay)."""
    repeated: int = 0
    """Events decided although an event of their id was decided shortly before
    (:mod:`engine.recentids`)."""
    first_repeated: tuple[int, Any, str | None, int] | None = None
    """The index and id of the first of those, and where the earlier event of its id was: its
    input (None: this one) and its index there."""
    ids: list[Any] = field(default_factory=list)
    """The ids of a piece's answers, in order (None: an event not decided), which a worker
    sends for this process to note (:meth:`engine.recentids.RecentIds.note`)."""

    def count(self, item: InputEvent, rejected: bool, off: OffSchemaField | None) -> None:
        """Count the answer to one input event: whether it was rejected, and the field off the
        schema that mattered to its decision."""
        self.rejected += rejected
        if rejected and not self.unread_document and item.error == DOCUMENT_TOO_LARGE:
            self.unread_document = item.start_line() or 1
        if off is None:
            return
        if off.untimed:
            self.untimed += 1
            if self.first_untimed is None:
                self.first_untimed = (item.start_line(), item.index, off.field)
        elif off.priced:
            self.unsized += 1
            if self.first_unsized is None:
                self.first_unsized = (item.start_line(), item.index, off.field)
        else:
            self.off_schema += 1
            if self.first_off is None:
                self.first_off = (item.start_line(), item.index, off.field)

    def count_repeat(
        self, index: int, event_id: Any, earlier_source: str | None, earlier_index: int
    ) -> None:
        """Count an event decided although one of its id was decided shortly before, at
        ``earlier_index`` of ``earlier_source`` (None: this input)."""
        self.repeated += 1
        if self.first_repeated is None:
            self.first_repeated = (index, event_id, earlier_source, earlier_index)

    def add(self, later: Tally) -> None:
        """Add the counts of the input that comes after these."""
        self.rejected += later.rejected
        self.off_schema += later.off_schema
        self.first_off = self.first_off or later.first_off
        self.unsized += later.unsized
        self.first_unsized = self.first_unsized or later.first_unsized
        self.untimed += later.untimed
        self.first_untimed = self.first_untimed or later.first_untimed
        self.unread_document = self.unread_document or later.unread_document
        self.repeated += later.repeated
        self.first_repeated = self.first_repeated or later.first_repeated

    def to_bytes(self) -> bytes:
        """The counts as bytes, to send from a worker process."""
        return orjson.dumps(
            [
                self.rejected,
                self.off_schema,
                self.first_off,
                self.unsized,
                self.first_unsized,
                self.untimed,
                self.first_untimed,
                self.unread_document,
                self.repeated,
                self.first_repeated,
                self.ids,
            ]
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Tally:
        """The counts :meth:`to_bytes` sent."""
        (
            rejected,
            off_schema,
            first_off,
            unsized,
            first_unsized,
            untimed,
            first_untimed,
            unread,
            repeated,
            first_repeated,
            ids,
        ) = orjson.loads(data)
        return cls(
            rejected,
            off_schema,
            _place(first_off),
            unsized,
            _place(first_unsized),
            untimed,
            _place(first_untimed),
            unread,
            repeated,
            tuple(first_repeated) if first_repeated else None,
            ids,
        )

    def warnings(
        self, source: str = "<stdin>", strict: bool = False, input_told: bool = False
    ) -> list[str]:
        """What to say about the events rejected, and those decided with a field off the
        schema that mattered; ``strict``: eval ran with ``--strict``, which rejected every
        event with a standard field off the schema, so what is left to warn about is a base of
        the plan's own, and the advice is not to add the option given (found by review).
        ``source`` names the input in the command a warning gives; ``input_told``: what the
        input is was said already (a compressed file, a spreadsheet).

        The error records are counted, not the events (a compressed input on a pipe is one
        record): with ``--output``, or the answers piped on, a run with 11,112 rejected
        events had ended with exit 1 and nothing said, as one with one (found by an
        operator's replay)."""
        said = []
        if self.rejected and not (self.unread_document or input_told):
            said.append(
                f"{counted(self.rejected, 'error record')} among the answers, for what could "
                "not be decided (each says its line and what is wrong)"
            )
        if self.unread_document:  # an array, or objects one after another (`jq .`'s): jq's
            # '.[]' wrote the values of each of those objects, no events (found by review)
            said.append(
                f"none of the events in the JSON document that starts on line "
                f"{self.unread_document} was decided: it is larger than {DOCUMENT_LIMIT}, the "
                "most eval reads whole; send the events one a line (JSONL), which eval reads "
                "at any size: " + one_a_line(source, "eval -", EACH_ITEM_OF_AN_ARRAY)
            )
        if self.first_off is not None:
            said.append(
                f"warning: {counted(self.off_schema, 'event')} went to the fallback holding a field the "
                "plan's rules test with a value the event schema does not allow there, which "
                f"may be why no rule matched ({_first(self.first_off)}); {_MEND}"
            )
        if self.first_unsized is not None:
            said.append(
                f"warning: {counted(self.unsized, 'event')} had a percentage offer left for a person to "
                "size (made at the rule's `min`, or 0, or set aside beside the offer made, and "
                "needing approval) because the field "
                "it is a percentage of held a value that is not a number, such as text "
                f"({_first(self.first_unsized)}); {_MEND_OWN if strict else _MEND_BASES}"
            )
        if self.first_untimed is not None:
            theirs = "its decision" if self.untimed == 1 else "their decisions"
            said.append(
                f"warning: {counted(self.untimed, 'event')} had no `occurred_at`, so no "
                f"deadline of {theirs} was set (each `due` is null), but held the time "
                f"under a key written otherwise ({_first(self.first_untimed)}); name that key "
                "`occurred_at`, as `backplan schema event` does"
            )
        if self.first_repeated is not None:
            said.append(self._repeats_words(source))
        return said

    def _repeats_words(self, source: str) -> str:
        """The warning about events decided although one of their id was shortly before."""
        assert self.first_repeated is not None
        index, event_id, earlier_source, earlier_index = self.first_repeated
        earlier = f"the {ordinal_number(earlier_index)} event"
        if earlier_source == source:  # the very input named twice
            earlier += f" of {source}, given twice"
        elif earlier_source is not None:
            earlier += f" of {earlier_source}"
        each = "it was" if self.repeated == 1 else "each was"
        return (
            f"warning: {counted(self.repeated, 'event')} had the id of an event decided before, "
            f"and {each} decided again (the first: the {ordinal_number(index)} event, "
            f"id {_id_shown(event_id)}, as {earlier}); if the events were sent twice, act on "
            "one decision of each id, and send each event once"
        )


_MEND = (
    "send such fields as `backplan schema event` describes them, or add --strict to reject "
    "those events with each field named"
)


_MEND_BASES = (
    'send such fields as numbers (`59.90`, not `"59.90"`; `backplan schema event` describes the '
    "standard ones), or add --strict to reject the events among them whose field is a standard "
    "one, each field named"
)
"""A percentage's base is read as a number in any field, a plan's own too (``stay.total``),
which the event schema and --strict leave free."""

_MEND_OWN = (
    'send such fields as numbers (`59.90`, not `"59.90"`): --strict rejects events whose '
    "standard fields break the event schema, and these fields are the plan's own, which it "
    "leaves free"
)
"""The advice under ``--strict``: every base left to warn about is one of the plan's own."""


def _first(place: tuple[int, int, str]) -> str:
    """Where the first event a warning is of is, by its place: "event 2499" had been read as
    an event's id (found by an operator's replay)."""
    line, index, field = place
    return f"the first: the {ordinal_number(index)} event, on line {line}: `{field}`"


def _id_shown(event_id: Any) -> str:
    """An event's id in a warning: in backticks, or as JSON writes it when it holds a
    backtick or a character a terminal would not show as written (a line end).

    A long id is cut before it is written as JSON: cut after, its closing quote was lost and
    an escape could be cut in two (`"a\\n\\…`)."""
    if isinstance(event_id, str) and (not event_id.isprintable() or "`" in event_id):
        return orjson.dumps(clip(event_id)).decode()
    return f"`{clip(str(event_id))}`"


def _place(sent: list[Any] | None) -> tuple[int, int, str] | None:
    return (sent[0], sent[1], sent[2]) if sent else None
