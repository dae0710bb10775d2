"""The ids of the events ``backplan eval`` decided last, to tell an event decided again.

A webhook sent twice, or a replay given the same day's events twice, had every event of the
id decided again, each with its own voucher, and ``eval`` said nothing (``backplan report``
counts such decisions once, but only when it is asked, afterwards). Each answer's id is noted
here in input order, across every input of the run, and the events whose id was decided
recently are counted in their input's :class:`~engine.tally.Tally`, for a warning after its
answers. They are still decided: an event is never lost, and which of two answers to act on
is for whoever acts.

*Recently* keeps memory flat however long the run (``eval`` holds no event after answering
it): the ids of at least the last :data:`REMEMBERED` events answered, in two generations of
that many answers at most. A repeat further apart than that is left to ``backplan report``.
The ids come in batches (a worker's piece, or a batch of lines written at once), and a batch
none of whose ids was seen is remembered by a few calls into C: about 0.1 µs an event in this
process (``timeit`` over 900-id batches), against the 20 µs or so a worker spends on each.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engine.tally import Tally

REMEMBERED = 10_000
"""The ids of at least this many of the last events answered are remembered (3 MiB at most
for ids of a dozen characters)."""


@dataclass(slots=True)
class RecentIds:
    """The ids of the events decided last, each with its answer's number in the run."""

    newer: dict[Any, int] = field(default_factory=dict)
    older: dict[Any, int] = field(default_factory=dict)
    """The generation before ``newer``, dropped whole when the next generation begins."""
    answered: int = 0
    """Answers noted in the run, decided or not: the number the next answer gets."""
    inputs: list[tuple[int, str]] = field(default_factory=list)
    """Each input begun: the number of its first answer, and its name."""

    def begin(self, source: str) -> None:
        """Say that the answers noted from now on are those of the input ``source``."""
        self.inputs.append((self.answered, source))

    def note(self, ids: list[Any], tally: Tally) -> None:
        """Remember the ids of these answers, in input order (None: an event not decided),
        and count in ``tally`` each event whose id was among the recent.

        The generations turn at every :data:`REMEMBERED` answers of the run, whatever the
        batches: the answer numbered ``n`` is told when its id was last decided at ``m`` with
        ``m // REMEMBERED >= n // REMEMBERED - 1``, so ``--jobs 1`` (batches of lines) and
        worker pieces tell the same events."""
        at = 0
        while at < len(ids):
            room = REMEMBERED - self.answered % REMEMBERED  # answers left in this generation
            part = ids[at : at + room] if at or room < len(ids) else ids
            self._note_part(part, tally)
            self.answered += len(part)
            if self.answered % REMEMBERED == 0:
                self.older, self.newer = self.newer, {}
            at += len(part)

    def _note_part(self, ids: list[Any], tally: Tally) -> None:
        """:meth:`note` within one generation."""
        first = self.answered
        newer, older = self.newer, self.older
        if newer.keys().isdisjoint(ids) and older.keys().isdisjoint(ids):
            before = len(newer)
            newer.update(zip(ids, range(first, first + len(ids)), strict=True))
            if len(newer) - before == len(ids):  # none given twice (None: an id never decided)
                newer.pop(None, None)
                return
            for event_id in ids:  # one given twice here: undone, to be noted one by one
                newer.pop(event_id, None)
        for number, event_id in enumerate(ids, first):
            if event_id is None:
                continue
            earlier = newer.get(event_id)
            if earlier is None:
                earlier = older.get(event_id)
            if earlier is not None:
                tally.count_repeat(self._index(number), event_id, *self._place(earlier))
            newer[event_id] = number

    def _index(self, number: int) -> int:
        """The index in its input (from 0) of the answer numbered ``number`` in the run."""
        return number - self.inputs[-1][0] if self.inputs else number

    def _place(self, earlier: int) -> tuple[str | None, int]:
        """Where the answer numbered ``earlier`` was: its input (None: the one answered now)
        and its index there.

        Found by halves: looked for from the last input back, each repeat of `eval
        dir/*.json dir/*.json` passed over every file between its id's two events, 64 million
        steps for 8,000 files of one event each."""
        at = bisect.bisect_right(self.inputs, earlier, key=_start) - 1
        if at < 0:
            return None, earlier
        start, source = self.inputs[at]
        return (None if at == len(self.inputs) - 1 else source), earlier - start


def _start(begun: tuple[int, str]) -> int:
    """The number of an input's first answer (:attr:`RecentIds.inputs`)."""
    return begun[0]


def id_of(value: Any) -> Any:
    """The id of an event decided from ``value`` (None when it is not an object)."""
    return value.get("id") if isinstance(value, dict) else None
