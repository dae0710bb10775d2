"""How ``backplan eval`` answers one input: every event's answer written, in input order.

What this process reads whatever the file holds (``--jobs 1``, a pipe or a terminal, standard
input) is answered here, the lines written in batches, or one at a time as events trickle in;
a large file is shared among worker processes (:mod:`engine.parallel`), which is imported
only then. Each answer is made by the :class:`~engine.tally.Answerer` of
:func:`engine.answerer.answers`; what deserves a word at the end is counted in a
:class:`~engine.tally.Tally`. Nothing here says anything: a fall back from workers to this
process is told to ``warn``, for the command to say.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING

from engine.output import EXIT_PROBLEMS, finish_first, reach

if TYPE_CHECKING:
    from engine.inputevent import InputEvent
    from engine.recentids import RecentIds
    from engine.tally import Answered, Answerer, Tally


def answer_input(
    answer: Answerer,
    stream: IO[bytes],
    source: str,
    out: IO[bytes],
    jobs: int | None,
    *,
    stdin: bool,
    warn: Callable[[str], None],
) -> Tally:
    """Write the answers to one input's events, in order; return what was counted.

    ``stdin``: the input is standard input, which this process reads even from a file
    (``< events.jsonl``): workers are for the files named, so that where answers come from
    stays simple to tell. ``warn`` is told why workers fell back to this process, if they do.

    What is read by this process whatever the file holds (``--jobs 1``, a pipe or terminal,
    standard input) is told apart first, so that such a run neither imports
    :mod:`engine.parallel` nor looks at the file a second time.
    """
    from engine.streams import read_events

    live = _is_live(stream)
    answer.recent.begin(source)

    def serial(items: Iterable[InputEvent]) -> Tally:
        # answer.answer, not answer: one call fewer per event
        return _write_answers(answer.answer, items, out, live, answer.recent)

    if jobs == 1 or live or stdin:
        return serial(read_events(stream, source))
    from engine import parallel

    workers = parallel.workers_for(stream, jobs)
    if workers == 1:
        return serial(read_events(stream, source))
    return parallel.write_answers(
        answer, stream, source, out, workers=workers, serial=serial, warn=warn
    )


_BATCH_LINES = 64
"""Output lines written at once when the input is a file (about 60 KB of decisions)."""


def _write_answers(
    answer: Callable[[InputEvent], Answered],
    items: Iterable[InputEvent],
    out: IO[bytes],
    live: bool,
    recent: RecentIds | None = None,
) -> Tally:
    """Write the answer to every item, in order; return what was counted, with the events
    whose id was among the ``recent`` (None: ids are not noted).

    Lines are written in batches: with ``PYTHONUNBUFFERED`` set (as in many container images)
    standard output has no buffer, and a write per line would be a system call per event.
    When events trickle in (``tail -f | backplan eval``) each answer is written and flushed at
    once. Answers made before an interruption (Ctrl-C) are still written.
    """
    from engine.recentids import id_of
    from engine.tally import Tally

    tally = Tally()
    batch: list[bytes] = []
    ids = tally.ids
    try:
        for item in items:
            line, failed, off_schema = answer(item)
            ids.append(None if failed else id_of(item.value))
            if failed or off_schema is not None:  # the usual answer counts for nothing
                tally.count(item, failed, off_schema)
                if failed:  # reached before its line is written (a reader may be gone)
                    reach(EXIT_PROBLEMS)
            if live:
                out.write(line)
                out.flush()
                _note(recent, tally)
                continue
            batch.append(line)
            if len(batch) == _BATCH_LINES:
                _write_batch(batch, out)
                _note(recent, tally)
    finally:
        if batch:
            _write_batch(batch, out)
        _note(recent, tally)
    return tally


def _note(recent: RecentIds | None, tally: Tally) -> None:
    """Note the ids answered since the last note, counting in ``tally`` those decided again."""
    if recent is not None:
        recent.note(tally.ids, tally)
    tally.ids.clear()


def _write_batch(batch: list[bytes], out: IO[bytes]) -> None:
    """Write the lines and empty the batch first: a write that fails (the reader went away)
    must not be tried again by the caller's ``finally``. A stop signal waits for the write
    (``engine.output.finish_first``): the lines it emptied are answers made."""
    with finish_first:
        lines = b"".join(batch)
        batch.clear()
        out.write(lines)


def _is_live(stream: IO[bytes]) -> bool:
    """True when the input is a pipe or terminal rather than a file read at full speed."""
    try:
        return not stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError):  # no real file descriptor (tests, in-memory streams)
        return False
