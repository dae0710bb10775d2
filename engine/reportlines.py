"""How ``backplan report`` reads one input: each line a decision or an error record, counted.

What ``eval`` wrote is read a line at a time into :class:`engine.report.ReportCounts`, never
held whole. A line that is neither a decision nor an error record is left out, counted apart,
and told with why, in words a manager can act on: not JSON (or the checklist ``eval --pretty``
writes, which is for people), too long to be a decision, not of the decision format. A
compressed input is told once, whole: each of its "lines" is noise. JSON written over several
lines (``jq .``'s), each of its lines a piece of a decision, is told once where it starts and
read past to where it ends (:class:`_Spread`), the lines after it read; events so written
(``jq .``'s or ``jq -s .``'s of an events file), which eval decides, are told as events, once.
Lines of eval's joined on one, their line ends lost, are read apart (:mod:`engine.joinedlines`);
a decision followed on its line by what is no other (``{...},`` of an array written by hand,
text pasted after it) is read, and what follows it named; a JSON array written one item a line
(``[{...},`` … ``{...}]``) is told once where it opens, its items read (:class:`_Items`); an
event wrapped by hand over several lines is told as an event, and a decision so wrapped read as
one, each told once where it starts (:class:`_Wrapped`). Decisions saved as UTF-16 (Windows
PowerShell's ``>``) are read as their text, as ``eval`` reads events so saved.

Nothing here writes: the caller is told each line left out (``warn``) and says it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import IO, TYPE_CHECKING, Any, NamedTuple

import orjson

from engine.errors import DecisionFormatError, counted, shown_event_id, shown_text
from engine.inputkind import (
    EACH_ITEM_OF_AN_ARRAY,
    decide_first,
    decide_written,
    events_one_a_line,
    one_a_line,
    spreadsheet,
    spreadsheet_words,
    unzip,
)
from engine.joinedlines import Join, all_read, join_in, joined, read_apart, shown_after

if TYPE_CHECKING:
    from engine.report import RepeatPlaces, ReportCounts


def count_lines(
    stream: IO[bytes],
    source: str,
    counts: ReportCounts,
    warn: Callable[[str], None],
    events: list[str] | None = None,
    into: str = "report -",
) -> bool:
    """Add each line of one input to ``counts``; a line that is neither a decision nor an
    error record is counted apart, and ``warn`` is told of it, with why
    (``SOURCE:LINE: left out: WHY``). Raises OSError when the input cannot be read to its end:
    what it held till then is counted.

    Given ``events``, what is said of an input of events alone, which eval decides as they
    are, is put there, not told, and True returned: the caller tells several such inputs
    once (:func:`events_inputs_words`). Each file of `backplan report examples/events/*.json`
    had been told it is an event to decide first, 26 lines alike (found by review).

    ``into`` is the command each hint pipes this input into, its words after ``backplan``
    (``compare - after.jsonl`` for compare's BEFORE): compare's had been told to pipe into
    ``backplan report -``, which compares nothing."""
    return _Reader(source, counts, warn, events, into).count(stream)


class _Reader:
    """One input being read by :func:`count_lines`: what its steps share, each step a method.

    The steps had been closures of one function of 254 lines, sharing its variables through
    ``nonlocal``: what each step read or changed could be found only by reading them all. Here
    it is an attribute, named and described once. A line of a file of decisions goes through
    :meth:`take`, :meth:`reads_past`, :meth:`read`, :meth:`add` and :meth:`settle`, one call
    more than through the closures, an attribute read where a cell was: cachegrind counted 775
    instructions more a line of 453,000 (0.2%, 20,000 decisions of the starter plan), so the
    loop is split, not kept inline."""

    __slots__ = (
        "bom",
        "checklists",
        "counts",
        "events",
        "first_event",
        "first_line",
        "header",
        "held",
        "into",
        "items",
        "more_events",
        "most",
        "source",
        "spread",
        "started",
        "warn",
        "wrapped",
    )

    def __init__(
        self,
        source: str,
        counts: ReportCounts,
        warn: Callable[[str], None],
        events: list[str] | None,
        into: str = "report -",
    ) -> None:
        from engine.inputevent import BOM
        from engine.report import MAX_LINE_BYTES

        self.source = source
        self.into = into
        """The command each hint pipes the input into (:func:`count_lines`)."""
        self.counts = counts
        self.warn = warn
        self.events = events
        """Where what is said of an input of events alone goes (None: it is told)."""
        self.held: list[str] | None = None if events is None else []
        """What was said of its events, held while the input holds nothing else (None: it
        holds something else, or the caller wants it told)."""
        self.first_event = 0
        """The line of the first event given as a decision (0: none yet)."""
        self.more_events = 0
        """How many lines of events came after it: each had been named, a line of stderr per
        event of a month's file given in place of eval's (found by an operator's replay)."""
        self.started = False
        """Whether a line other than a blank one was read."""
        self.first_line = 0
        """The first such line that was read (not one too long)."""
        self.header = ""
        """What separates the column titles of the input's first line, held until its next
        line tells whether they head a spreadsheet's export ("": none held)."""
        self.spread = _Spread()
        self.items = _Items()
        self.checklists = _Checklists()
        self.wrapped = _Wrapped()
        self.bom = BOM
        """Kept here, not imported where each line is read: an import there costs every line."""
        self.most = MAX_LINE_BYTES

    def count(self, stream: IO[bytes]) -> bool:
        """Read ``stream`` to its end (or to what is told once, whole: a compressed input, a
        spreadsheet's export); whether it held events alone, what is said of them put in
        :attr:`events`. What was held of its events is told before an error leaves, and what
        was still open is told when the input ends, or cannot be read on."""
        from engine.inputevent import GZIP_MAGIC

        self.counts.reading(self.source)  # a second time: the input was given twice
        stream, start = as_utf8(stream)
        if start.removeprefix(self.bom).startswith(GZIP_MAGIC):
            # said once: its "lines" are noise, and its first may never end (gzip down a pipe
            # without a newline byte was read forever, found by an operator's replay)
            self.left_out(1, _compressed(self.source, self.into))
            return False
        try:
            if not self.each_line(stream):
                return False
        except BaseException:  # what was held of its events is told before
            self.settle()
            raise
        finally:  # the input ends (or cannot be read on) inside or right after it
            self.end()
        if self.held and self.events is not None:  # events alone: the caller tells them
            self.events.extend(self.held)
            return True
        return False

    def each_line(self, stream: IO[bytes]) -> bool:
        """Take each line of ``stream``, JSON written over several lines read past at once;
        whether the input was read to its end (else it is told once, whole)."""
        most, spread, wrapped = self.most, self.spread, self.wrapped
        number = 0
        while (raw := bounded_line(stream, most)) != b"":
            number += 1
            if not self.take(number, raw):
                return False
            if spread.closing is not None and not wrapped.lines:  # its lines, read at once,
                raw = None  # the line read not held meanwhile (an event's 60 MB text)
                number = spread.read_past(stream, number)
        return True

    def end(self) -> None:
        """Say what the input left open, now that it ends: lines read together as an event
        wrapped by hand and never closed, JSON or checklists read past, and the events after
        the first, not named one by one."""
        if self.header:  # column titles alone
            self.left_out(1, _spreadsheet(self.header, self.into))
        while self.wrapped.lines:  # never closed: no event (one cut short among them reopens
            self.read_one_by_one(*self.wrapped.taken())  # it)
        if self.spread.opened_at:
            self.spread_named(followed=False)
        if self.checklists.opened_at:
            self.checklists_named()
        if self.more_events:
            self.say(
                f"{self.source}: left out: {counted(self.more_events, 'more line')} of events "
                f"after line {self.first_event}, not named one by one: "
                f"{decide_first(self.source, into=self.into)}",
                of_events=True,
            )

    def say(self, note: str, of_events: bool = False) -> None:
        """Tell ``note`` (``of_events``: of events eval decides as they are, held while the
        input holds nothing else)."""
        if self.held is not None and of_events:
            self.held.append(note)
            return
        self.settle()
        self.warn(note)

    def settle(self) -> None:
        """The input holds something other than events: what was held of them is told."""
        if self.held:
            for note in self.held:
                self.warn(note)
        self.held = None

    def spreadsheet_start(self, number: int, line: bytes) -> bool | None:
        """What to do with the first line of an input, or its second after column titles
        (:func:`~engine.inputkind.spreadsheet`), as :meth:`take` answers: True for titles
        held until the next line tells what they head; False for a spreadsheet's export, told
        once, whole, and not read on; None to read the line as any other. Titles above a JSON
        object are a header line put above the decisions, left out alone: the whole file had
        been left out, "it holds no decision line", and the report said 0 decisions, exit 0
        (found by a new user's trial)."""
        if number == 1:
            self.header = spreadsheet(line, self.source) or ""
            return True if self.header else None
        if not line.strip():  # a blank line under the titles tells nothing: eval's reading
            return None  # (engine.inputkind) looks past it too, as the file had been left out
        separated, self.header = self.header, ""
        if line.lstrip().startswith(b"{"):
            self.left_out(1, _COLUMN_TITLES)
            return None
        self.left_out(1, _spreadsheet(separated, self.into))
        return False

    def left_out(self, number: int, why: str, of_events: bool = False) -> None:
        """Count line ``number`` left out, and say so with ``why``."""
        self.counts.add_unreadable()
        self.say(f"{self.source}:{number}: left out: {why}", of_events)

    def take(self, number: int, raw: bytes | None) -> bool:
        """Read the ``number``-th line (None: one too long); whether to read on (a
        spreadsheet's export is told once, whole). Every line of a file of decisions comes
        through here: the checks that let it by are kept in this one method, not split."""
        if self.wrapped.lines:
            return self.goes_on_wrapped(number, raw)
        if self.reads_past(number, raw):
            return True
        if raw is None:
            self.left_out(number, _too_long(self.most))
            self.started = True  # a line all the same: JSON over several lines after it is
            return True  # not alone in its input, and not hinted `jq -c '.[]'`
        line = raw.removeprefix(self.bom)  # any line's: a file saved with one, joined by `cat`
        if (number == 1 or self.header) and (
            read_on := self.spreadsheet_start(number, line)
        ) is not None:
            return read_on  # False: said once, as a compressed input is
        items = self.items
        if not line.strip() or (items.open and items.ends(line.strip().decode("latin-1"))):
            return True  # a blank line, or an array's closing `]` on its own
        if self.spread.opens(line, number, self.started):  # said once, where it ends: its
            return True  # lines are pieces
        if not self.started:
            self.first_line = number
        self.started = True
        self.read(number, line)
        return True

    def goes_on_wrapped(self, number: int, raw: bytes | None) -> bool:
        """Read the ``number``-th line (None: one too long) with the lines before it, read
        together as an event wrapped by hand: the event (or decision) they make is counted
        once they make one; lines that make none are read one by one, as they would have
        been. Whether to read on."""
        wrapped = self.wrapped
        event = wrapped.goes_on(number, raw)
        if event is _GOES_ON:
            return True
        why, lines = wrapped.taken()
        if event is not None and "format" in event:  # one of eval's, wrapped by hand
            if self.read_wrapped(lines[0][0], event, number):
                return True
        elif event is not None:  # an event over those lines: told as an event's line is
            self.add(lines[0][0], event, number, sum(bool(line.strip()) for _, line in lines))
            return True
        broke = lines[-1][0] == number  # the line read now is among them: it broke the
        self.read_one_by_one(why, lines, broke)  # object; else it is read after them
        return broke or self.take(number, raw)

    def reads_past(self, number: int, raw: bytes | None) -> bool:
        """Whether the ``number``-th line (None: one too long) belongs to JSON written over
        several lines, or to checklists of ``eval --pretty``, being read past; either, ended
        before it, is named first, once (its hint keeps this line as it is)."""
        if self.spread.reads_past(raw, number):
            return True
        if self.spread.opened_at:  # said once it ended: its hint keeps this line as it is
            self.spread_named(followed=True)
        if self.checklists.reads_past(raw, number):
            return True
        if self.checklists.opened_at:  # said once they ended, with where
            self.checklists_named()
        return False

    def read(self, number: int, line: bytes) -> None:
        """Count what ``line`` holds: its document, else what is read of it as no JSON;
        a JSON array written one item a line is said once, where it opens, its items read."""
        try:
            document = orjson.loads(line)
        except orjson.JSONDecodeError as error:
            if (item := self.items.item(line)) is not None:
                self.read(number, item)
            elif (opened := self.items.opens(line)) is not None:
                self.say(f"{self.source}:{number}: {_array_items(self.source, self.into)}")
                self.read(number, opened)
            else:
                self.read_no_json(number, line, error)
            return
        self.add(number, document)

    def add(self, number: int, document: Any, last: int = 0, lines: int = 1) -> bool:
        """Count ``document``, of line ``number`` (to line ``last``, an event written over
        ``lines`` lines not blank); whether it was, else it is left out (an event after the
        input's first is counted, named with the others at the end)."""
        try:
            self.counts.add(document, self.source, number)
        except DecisionFormatError as refused:
            self.not_counted(number, document, refused, last, lines)
            return False
        self.settle()
        return True

    def not_counted(
        self, number: int, document: Any, refused: DecisionFormatError, last: int, lines: int
    ) -> None:
        """Leave out ``document``, of line ``number`` (to ``last``, over ``lines`` lines),
        which the decision format ``refused``, with why; an event, which eval decides, is
        named where the first is (:meth:`event_named`)."""
        from engine.report import AN_EVENT

        of_events = refused.problems == (AN_EVENT,)
        if of_events and self.event_named(number, last, lines):
            return
        why = _not_a_decision(document, refused, self.source, number == self.first_line, self.into)
        self.left_out(number, why, of_events=of_events)

    def event_named(self, number: int, last: int, lines: int) -> bool:
        """Count the lines of an event given as a decision, at line ``number`` (to ``last``,
        over ``lines`` lines not blank), each left out; whether it is now said, or to be said
        with the others: only the first event of an input is named, one after it is counted,
        named with the others at the end (:meth:`end`), and one wrapped by hand is named as
        such. Else it is named as one on its line is."""
        for _ in range(lines - 1):  # each of its lines is left out
            self.counts.add_unreadable()
        if self.first_event:
            self.more_events += lines
            self.counts.add_unreadable()
            return True
        self.first_event = number
        if last:
            self.left_out(number, _wrapped_event(number, last, self.into))
            return True
        return False

    def read_no_json(self, number: int, line: bytes, error: orjson.JSONDecodeError) -> None:
        """Read what a line that is no JSON holds: lines of eval's joined on it, each whole
        one read; or one followed by what is no other, read without it; else it is left out.
        The checklists of ``eval --pretty`` are named once, where they end (:class:`_Checklists`);
        a checklist's line cut short with eval's lines joined on it is read as a join."""
        # Lines of eval's joined (line ends lost): each whole one is read; left out as a
        # line that is no JSON, they lost decisions (found by review).
        join = join_in(line)
        if (join is None or not join.read) and self.checklists.opens(line, number):
            return
        if join is not None and join.read:
            self.read_joined(number, join)
            return
        followed = None if join is not None else _followed(line, error)
        if followed is None:
            why = _not_json(line, error, join)
            first = number == self.first_line
            if join is None and self.wrapped.opens(line, number, error, why, first):
                return  # perhaps an event wrapped by hand: the lines after it tell
            self.left_out(number, why)
        elif self.add(number, followed.document) and not self.items.ends(followed.after):
            self.say(f"{self.source}:{number}: {_followed_words(*followed)}")

    def read_joined(self, number: int, join: Join) -> None:
        """Read each whole line of eval's joined on line ``number`` (``join``), their line ends
        lost, and say once what was read and what was not (what follows the last, unless it
        only goes on with an array written one item a line)."""
        pieces, told = read_apart(join)
        for why in told:
            self.left_out(number, why)
        if not told and not (self.items.open and join.commas):
            self.say(f"{self.source}:{number}: {all_read(join)}")
        documents = [orjson.loads(piece) for piece in pieces]
        added = [self.add(number, document) for document in documents]
        tail = join.tail
        if tail is not None and added[-1] and not self.items.ends(tail[1]):
            words = _followed_words(documents[-1], *tail, "last ")
            self.say(f"{self.source}:{number}: {words}")

    def checklists_named(self) -> None:
        """Say the checklists of ``eval --pretty`` read past, once, each of their lines not
        blank counted as a line left out."""
        at, why, lines = self.checklists.named()
        for _ in range(lines - 1):
            self.counts.add_unreadable()
        self.left_out(at, why)

    def spread_named(self, followed: bool) -> None:
        """Say the JSON written over several lines read past (``followed``: lines come after
        it); events, which eval decides, are left out each line, as events wrapped by hand
        are, and the events after them are counted with them."""
        named = self.spread.named(self.source, followed, self.into)
        for _ in range(named.lines - 1):
            self.counts.add_unreadable()
        self.left_out(named.at, named.why, of_events=named.decided)
        if named.events:
            self.first_event = named.at

    def read_wrapped(self, first: int, document: dict[str, Any], last: int) -> bool:
        """Count a decision (or an error record) of eval's written over lines ``first`` to
        ``last``, and say so once, with how to write it one a line; whether it was counted
        (else its lines are read one by one, as before). Each of its lines had been told, the
        first "cut short", each other "a log's line?", its decision lost (found by review)."""
        try:
            self.counts.add(document, self.source, first)
        except DecisionFormatError:
            return False
        self.say(
            f"{self.source}:{first}: {_wrapped_document(document, last, self.source, self.into)}"
        )
        return True

    def read_one_by_one(
        self, why: str, lines: list[tuple[int, bytes]], broke: bool = False
    ) -> None:
        """The lines read together as an event wrapped by hand, which they are not, read
        as they would have been: the first, cut short, left out as ``why``. Those that went on
        with its object open no other (the last, when it ``broke`` the object, may): each had
        opened one, read again over up to 100 lines, a line of a file of ``{"a": [`` read
        a hundred times, and 15 MB of such lines took 47 seconds, not 0.2 (found by review)."""
        self.left_out(lines[0][0], why)
        self.wrapped.shut = True
        try:
            for number_after, line_after in lines[1 : -1 if broke else None]:
                self.take(number_after, line_after)
        finally:
            self.wrapped.shut = False
        if broke:
            self.take(*lines[-1])


def events_among_decisions_words(sources: list[str]) -> str:
    """What is said of inputs of events alone given as decisions beside ``--events``: most
    likely meant for it, as a shell's ``*`` after ``--events`` gives it the first file only
    (``--events events/*.jsonl``) and the rest as decisions. They had been told to be decided
    first and piped into ``backplan report -``, which does not say why they were there (found
    by the report's review)."""
    files = counted(len(sources), "file")
    more = f" and {len(sources) - 1:,} more" if len(sources) > 1 else ""
    return (
        f"left out: {files} of events given as decisions ({shown_text(sources[0])}{more}): "
        "--events takes one file, so `--events events/*.jsonl` gives it the first and the "
        "others as decisions; give each file of events after its own --events (`--events "
        "a.jsonl --events b.jsonl`), or join them into one first (`cat events/*.jsonl > "
        "events.jsonl`)"
    )


def events_inputs_words(sources: list[str]) -> str:
    """What is said once of several inputs of events alone (:func:`count_lines`), each of
    which eval decides as it is: how many, and the one command that decides them all for the
    report, the files named as a shell takes them (a folder's glob where it can be)."""
    from engine.inputkind import eval_into_report, shell_files

    return (
        f"left out: {len(sources)} files of events, not decisions: none of them is read; decide "
        f"them first, {eval_into_report(shell_files(sources))}"
    )


def repeats_words(counts: ReportCounts) -> str | None:
    """What is said once, after every input is read, of the decisions of events decided
    before (None: there were none): how many, the first with both its places, what the report
    did with them, and what to do. A file of decisions given twice had been counted twice,
    gestures and all, without a word."""
    from engine.report import why_decided_otherwise

    first = counts.first_repeat
    if first is None:
        return None
    repeats = counts.repeats
    again_in, line = first.again
    done = []
    if repeats.same:
        done.append(f"{repeats.same:,} with the same decision as before, counted once")
    if repeats.different:
        done.append(
            f"{repeats.different:,} with another decision than before "
            f"({why_decided_otherwise(len(counts.plans), '?')}), each counted"
        )
    return (
        f"{again_in}:{line}: {counted(repeats.same + repeats.different, 'decision')} of an "
        f"event decided before (the first: event `{shown_event_id(first.event_id)}`, "
        f"{_places(first)}): {' and '.join(done)}; if the events were sent "
        "twice, decide each once: send each event once to `backplan eval`, act on one "
        "decision of each, and give `backplan report` each file of decisions once"
    )


def not_given_words(counts: ReportCounts) -> str | None:
    """What is said once, after every input is read, of the decisions whose event is not
    among the events given to ``--per`` (None: there were none): how many of all, the first
    with its place, and what to give. They were counted under "(event not in the events
    given)" without a word on stderr, so a script reading ``--format json``, or a manager
    who forgot one country's events or gave last week's events beside six weeks of
    decisions, had a split that did not cover what they believed (found by a director's
    weekly review)."""
    first = counts.first_not_given
    if first is None or counts.per is None:
        return None
    event_id, source, line = first
    missing = counts.per_value[None].decisions
    place = f"{source}:{line}" if source else f"decision {line}"
    one = missing == 1
    if missing == counts.decisions:
        which = "the one decision counted is" if one else f"all {missing:,} decisions counted are"
    else:
        are = "is" if one else "are"
        which = f"{missing:,} of the {counted(counts.decisions, 'decision')} counted {are}"
    events, they, them = ("an event", "it is", "it") if one else ("events", "they are", "them")
    first_words = "" if one else "the first: "
    return (
        f"{place}: {which} of {events} not among the events given ({first_words}event "
        f"`{shown_event_id(event_id)}`): {they} counted under (event not in the events "
        f"given), in no value of {counts.per.field}; give --events every file of events eval "
        f"decided {them} from, or only the decisions of those events"
    )


def _places(first: RepeatPlaces) -> str:
    """Where the first repeat was decided, and again. The same file given twice
    (``backplan report decisions.jsonl decisions.jsonl``) repeats at the very place it was
    first read, and "decided on decisions.jsonl:1 and again here", at decisions.jsonl:1,
    named one line twice as if it were two (found by review): it is said given twice. A line
    that holds one decision twice (line ends lost) repeats at one place too, in an input read
    once: it is said decided twice on that line."""
    (source, earlier), again = first.earlier, first.again
    if first.earlier != again:
        return f"decided on {source}:{earlier} and again here"
    if first.given_twice:
        return f"on {source}:{earlier}, read again: {source} was given twice"
    return f"decided twice on {source}:{earlier}, both on that one line"


def as_utf8(stream: IO[bytes]) -> tuple[IO[bytes], bytes]:
    """``stream`` as UTF-8 text: the decisions of a file saved as UTF-16 (or UTF-32) read as
    what they are (:func:`engine.utf16.wide_encoding`, from the input's start); and that
    start, its first bytes as read, which tell a compressed input before a line is read.

    ``backplan eval ... > decisions.jsonl`` in Windows PowerShell 5.1 writes the answers as
    UTF-16, and read as UTF-8 each of its lines had been left out, "not JSON (str is not valid
    UTF-8: surrogates not allowed...)": a week's report said "0 decisions", with exit 0 when
    the file held one line (found by review). A file is looked at and read from where it was;
    what is read of a pipe to look at it is given back."""
    from engine.blockreader import Prepended
    from engine.utf16 import JUDGED_BYTES, utf8_from_utf16, wide_encoding

    seekable = stream.seekable()
    where = stream.tell() if seekable else 0
    start = stream.read(JUDGED_BYTES)
    if encoding := wide_encoding(start):
        return utf8_from_utf16(start, stream, encoding), start
    if seekable:
        stream.seek(where)
        return stream, start
    return Prepended(start, stream).buffered(), start


def bounded_line(stream: IO[bytes], limit: int) -> bytes | None:
    """The next line of ``stream`` (``b""`` at its end), or None for one longer than
    ``limit`` bytes, read past in chunks: memory stays within ``limit`` whatever the input
    holds. A function, not a generator of the lines: a generator held the last line read
    while :meth:`_Spread.read_past` read on from the stream (found by review)."""
    raw = stream.readline(limit + 1)
    if len(raw) <= limit or raw.endswith(b"\n"):
        return raw
    _skip_line(stream)
    return None


def _skip_line(stream: IO[bytes]) -> None:
    """Read past the rest of a line too long, in chunks: it is never held whole."""
    while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
        pass


_CHUNK = 1 << 16
"""How many bytes :meth:`_Spread.read_past` reads at a time."""


@lru_cache(maxsize=64)
def _ends_or_blank(closing: bytes, item_end: bytes) -> re.Pattern[bytes]:
    """The line end before a line that may end the JSON read past (``closing``) or an
    array's item held (``item_end``), or that is blank: the lines before it are taken at
    once."""
    starts = b"|".join(re.escape(end) for end in (closing, item_end) if end)
    return re.compile(rb"\n(?=[ \t\r\x0b\x0c]*\n|" + starts + rb")")


_OPENING = {b"{": b"}", b"[": b"]"}
"""A line that only opens an object or an array, JSON written over several lines, and the
line that closes it, at the same indentation."""


class _Named(NamedTuple):
    """JSON written over several lines, as it is named (:meth:`_Spread.named`)."""

    at: int
    """The line where it starts."""
    why: str
    """Why it is left out."""
    lines: int
    """How many lines it counts as, left out: each of its own, when it holds events."""
    events: int
    """How many events it holds (0: it is told as no events)."""
    decided: bool
    """Whether it holds events eval decides as they are (within what it reads whole)."""


class _Spread:
    """JSON written over several lines, read past: the document a lone ``{`` or ``[`` opens,
    to the line that closes it at the opening's indentation, and any more written so right
    after it (``jq .`` of a file of decisions writes one after another).

    It is read past to its end, not to the end of the input, so the decisions after it are
    counted (``cat good.jsonl pretty.json more.jsonl``); not to the next line that reads as a
    decision, which in an array written one item a line (``[``, ``{...},``, ``{...}``, ``]``)
    is its last item alone. Only the closing line is looked for, so memory stays a line's.
    A document never closed (cut short) is read past to the end of the input.

    It is named once it is read past (:meth:`named`), when what comes after it is known: the
    jq command of its hint depends on it.

    When it opens the input, eval reads the input whole and decides the events in it
    (:func:`engine.streams.open_events`): its objects (or its array's items) are read one at a
    time, each within a decision line's size, and, all events, named as events, once, with
    how to decide them and to write them one a line. An events file written by ``jq .`` (or
    ``jq -s .``) had been told "JSON written over several lines", its hint to pipe it to the
    report one a line, where each line was then told an event (found by review)."""

    def __init__(self) -> None:
        from engine.report import MAX_LINE_BYTES

        self.closing: bytes | None = None
        """The line that ends the document read past (None: none is being read past)."""
        self.after = False
        """Whether a document read past has just ended: another may follow it."""
        self.opened_at = 0
        """The line where the JSON read past, still to be named, starts (0: there is none)."""
        self.alone = True
        """Whether no line came before it in its input, as far as it is read past."""
        self.arrays = self.documents = 0
        """How many documents it holds (written one after another), and of them arrays."""
        self.judging = False
        """Whether its objects, or its array's items, are read to tell events: it opened the
        input, and all read so far were events."""
        self.held = bytearray()
        """The lines of the object being read, to tell an event, one after another: held as a
        list of lines, a 60 MB event of `jq .`'s (its list of numbers, one a line) had taken
        700 MB, twice what a decision line of that size takes (found by review)."""
        self.item_end = b""
        """The line that closes the array's item held: its ``}``, a comma after it or not."""
        self.events = 0
        """How many events were read of it."""
        self.lines = 0
        """How many of its lines are not blank."""
        self.last = 0
        """Its last line read past."""
        self.most = MAX_LINE_BYTES
        """The most bytes an object held may have: a decision line's."""
        self.bytes = 0
        """The bytes read past since it opened: eval reads no more than
        :data:`~engine.jsondocs.MAX_DOCUMENT_BYTES` of JSON over several lines whole."""
        self.blank_at = 0
        """Its first line blank to the eye that JSON refuses (:func:`_blank_to_the_eye`)."""
        self.blank = ""
        """What that line holds that JSON refuses, in words (a vertical tab)."""

    def opens(self, line: bytes, number: int = 0, started: bool = False) -> bool:
        """Whether ``line`` (the ``number``-th, after other lines when ``started``) opens JSON
        written over several lines, read past from there."""
        closing = _OPENING.get(line.strip())
        if closing is None:
            return False
        self.closing = line[: len(line) - len(line.lstrip())] + closing
        if not self.opened_at:
            self.opened_at, self.alone = number, not started
            self.judging, self.events, self.lines, self.bytes = not started, 0, 0, 0
            self.blank_at, self.blank = 0, ""
        elif self.arrays or closing == b"]":  # eval reads an array alone, or objects
            self.judging = False
        self.documents += 1
        self.arrays += closing == b"]"
        self.bytes += len(line)
        if closing == b"]":
            self.lines += 1  # the array's own bracket: its items are read
        else:
            self.hold(line)
        return True

    def hold(self, raw: bytes | None) -> None:
        """Read ``raw`` (None: a line too long), a line of the JSON read past, for the events
        it holds: an object is held to its closing line, at its opening's indentation (an
        array's item written whole on its line read at once), then read. Its brackets are not
        counted: counted on each line, a file of events had been read 5 times slower (found
        by review)."""
        body = b"" if raw is None else raw.strip()
        self.lines += raw is None or bool(body)
        if not self.judging or raw is None or not body:
            self.judging = self.judging and raw is not None
            return
        if self.arrays and not self.held:  # an item starts, or the array ends
            if body == b"]":
                return
            if body != b"{":  # whole on its line, else none `jq .` writes: read as it is
                self.held += raw
                self.judge(whole=True)
                return
            self.item_end = raw[: len(raw) - len(raw.lstrip())] + b"}"
        self.held += raw
        end = raw.rstrip()
        if len(self.held) > self.most:  # (one too large is no event)
            self.judge(whole=False)
        elif end == self.closing if not self.arrays else end.removesuffix(b",") == self.item_end:
            self.judge(whole=True)

    def judge(self, whole: bool) -> None:
        """Read the object held (``whole``: it ended where it should), an event or not."""
        import orjson

        held, self.held = self.held, bytearray()
        cut = len(held)  # its last line's comma (an array's item's) cut off, in place
        while cut and held[cut - 1] in b" \t\r\n":
            cut -= 1
        if held[cut - 1 : cut] == b",":
            del held[cut - 1 :]
        try:
            event = whole and an_event(orjson.loads(held))
        except orjson.JSONDecodeError:
            event = False
        self.events += event
        self.judging = event

    def named(self, source: str, followed: bool, into: str) -> _Named:
        """The line where the JSON read past starts and why it is left out, with the jq
        command that writes it one a line (``followed``: lines come after it); it is then
        named. ``'.[]'`` is said only for an array alone in its input: with lines before or
        after it, it wrote a decision's values one a line, each left out, the decision lost.
        Events, each of its documents (or its array's items) one, closed, are named as such."""
        events = self.events if self.judging and self.closing is None else 0
        whole = False
        if events:
            from engine.jsondocs import MAX_DOCUMENT_BYTES

            whole = self.bytes <= MAX_DOCUMENT_BYTES
            why = _spread_events(source, events, bool(self.arrays), self.last, whole, into)
        elif not self.arrays:
            why = _spread(source, ".", into)
        elif self.alone and not followed and self.documents == 1:
            why = _spread(source, _EACH_ITEM, into)
        else:
            why = _spread(source, EACH_ITEM_OF_AN_ARRAY, into)
        if self.blank_at:  # eval (and jq) refuse it: what to remove first
            why += (
                f"; its line {self.blank_at} holds {self.blank}, which is blank to the eye but "
                "not to JSON (which allows only spaces, tabs and line ends between values): "
                "remove it first"
            )
        decided = whole and not self.blank_at  # (one with the line: told on its own, named)
        named = _Named(self.opened_at, why, self.lines if events else 1, events, decided)
        self.opened_at, self.arrays, self.documents = 0, 0, 0
        return named

    def read_past(self, stream: IO[bytes], number: int) -> int:
        """Read the lines of the JSON read past (and of any more right after it) from
        ``stream``, after the ``number``-th, as :meth:`reads_past` reads them; the number of
        the last line read, the stream left at the line after it. A file is read in chunks:
        a run of lines that can neither end an object held nor the JSON, nor be blank, is
        taken at once, the others given to :meth:`reads_past`. Each line had been read
        through four calls: a 60 MB array never closed took 1.8 s, where reading past it
        without holding its events had taken 0.6 (found by review). A pipe, and a line longer
        than a chunk (or than a decision's), are read a line at a time by the caller."""
        if not stream.seekable():
            return number
        most, start, data, at = self.most, stream.tell(), b"", 0
        try:
            while True:  # (it ends where a line is no part of it: reads_past says which)
                end = data.find(b"\n", at)
                if end < 0:  # (a line longer than a chunk, or too long, is the caller's:
                    if (pending := len(data) - at) > most or pending >= _CHUNK:  # memory
                        return number  # stays a line's)
                    more = stream.read(min(_CHUNK, most + 1 - pending))
                    if not more:  # the input's last line, without its end: the caller's
                        return number
                    start, data, at = start + at, data[at:] + more, 0
                    continue
                number += 1
                if not self.reads_past(data[at : end + 1], number):
                    number -= 1  # the line is no part of it: read by the caller
                    return number
                at = end + 1
                if self.closing is None or (self.judging and not self.held):
                    continue
                ends = _ends_or_blank(self.closing, self.item_end)
                run = ends.search(data, at - 1)
                upto = run.start() + 1 if run else data.rfind(b"\n") + 1
                lines = data.count(b"\n", at, upto)
                if self.judging:  # (past ``most``, the next line read one by one judges it
                    self.held += data[at:upto]  # no event: a chunk more is held at most)
                self.lines += lines
                self.bytes += upto - at
                number += lines
                at = upto
        finally:
            stream.seek(start + at)

    def reads_past(self, raw: bytes | None, number: int) -> bool:
        """Whether ``raw`` (None: a line too long), the ``number``-th, belongs to the JSON
        being read past."""
        if self.closing is not None:
            self.refused_blank(raw, number)
            self.hold(raw)
            self.last = number
            self.bytes += self.most + 1 if raw is None else len(raw)
            if raw is not None and raw.rstrip() == self.closing:
                self.closing, self.after = None, True
            return True
        if self.after and raw is not None and (not raw.strip() or self.opens(raw)):
            self.bytes += len(raw) if not raw.strip() else 0  # (an opening line: counted)
            self.refused_blank(raw, number)
            return True
        self.after = False
        return False

    def refused_blank(self, raw: bytes | None, number: int) -> None:
        """Note ``raw``, the ``number``-th line, when it is blank to the eye but holds what
        JSON refuses (:func:`_blank_to_the_eye`): the first such line is named, to be removed.
        In an array eval refuses the whole array, so it holds no events eval decides; between
        or inside objects eval refuses that line, or the one object it is in, and decides the
        others, so they are still told as events to decide (``hold`` passes over the line, as
        it does a blank one). Told as JSON written over several lines, they had been sent to
        ``jq -c . | backplan report -``, where each line was then told an event (found by
        review)."""
        if raw is not None and _blank_to_the_eye(raw):
            from engine.escapes import called

            self.judging = self.judging and not self.arrays
            if not self.blank_at:
                self.blank_at, self.blank = number, called(chr(raw.strip(b" \t\r\n")[0]))


def _blank_to_the_eye(line: bytes) -> bool:
    """Whether ``line``, blank to Python's ``strip``, holds a vertical tab or a form feed,
    which JSON does not allow between values (only spaces, tabs and line ends): eval refuses
    the document such a line is in, or stands between, of JSON written over several lines
    (:func:`engine.jsondocs._objects`), with a `bad-json` record. Read as a blank line, the
    events of a file of `jq .`'s with one had been told as events eval decides, one of which
    it refuses (found by review). In JSON Lines eval passes over such a line, as the report
    does."""
    return not line.strip() and bool(line.strip(b" \t\r\n"))


_CODE_AT_END = re.compile(rb" \[[a-z0-9-]+\]\r?\n?\Z")
"""The end of the line ``eval --pretty`` writes for an event it could not decide, its code."""


def _rejected(line: bytes) -> bool:
    """Whether ``line`` is the one ``eval --pretty`` writes for an event it could not decide
    (``FILE:LINE: rejected: WHY [code]``). Read by its first ``: rejected: ``, not with one
    pattern of two ``.*``: that one backtracked over each ``: rejected: `` of a long line,
    such lines joined by carriage returns alone (16,000 of them, under 1 MB, took 30 s; a
    month's, hours), found by review."""
    head, rejected, why = line.partition(b": rejected: ")
    source, colon, number = head.rpartition(b":")
    return bool(
        rejected
        and colon
        and source[:1].strip()
        and number.isdigit()
        and number.isascii()
        and _CODE_AT_END.search(why)
    )


_GOES_ON: Any = object()
"""What :meth:`_Wrapped.goes_on` gives while the object it reads is still open."""


class _Wrapped:
    """A line cut short that opens an object, and the lines after it, read together while
    they may be one event wrapped by hand (``{"id": "e1", "type": "order",`` then
    ``"order": {"total": 10}}``): an events file given for decisions. Its first line had been
    told "cut short" and its second "a log's line?", with no word that the file holds events
    to decide first (found by review); an event is now told as one on a line is, and one of
    eval's decisions (or error records) so wrapped is read as one. What turns
    out no event is read line by line, as it would have been (:data:`_MOST_LINES` lines at
    most, within an event's size, or a document's in an input eval reads whole)."""

    def __init__(self) -> None:
        self.lines: list[tuple[int, bytes]] = []
        """The lines read together, each with its number (empty: none is being read)."""
        self.told = ""
        """Why the first is left out, if no event: cut short."""
        self.size = 0
        self.shut = False
        """Whether no line may open one now: it went on with an object that made no event."""
        self.whole = False
        """Whether eval reads the input as one JSON document: its first line opened an event
        wrapped by hand (:func:`engine.streams._one_object_or_lines`)."""
        self.parsed = 0
        """How many bytes the lines held when last read together, past 1 MiB."""
        self.depth = 0
        """How many brackets the lines leave open, outside their texts (counted past 1 MiB)."""

    def opens(self, line: bytes, number: int, error: Any, told: str, first: bool) -> bool:
        """Whether ``line``, the ``number``-th and no JSON (``error``, left out as ``told``;
        the input's ``first`` line), may start an event wrapped by hand: an object cut
        short."""
        if self.shut or not line.lstrip().startswith(b"{") or _cut_at(line, error) is None:
            return False
        self.lines, self.told, self.size, self.parsed = [(number, line)], told, len(line), 0
        self.whole = self.whole or first
        return True

    def goes_on(self, number: int, raw: bytes | None) -> Any:
        """``raw``, the ``number``-th line (None: one too long), read with those before it:
        the event they make, :data:`_GOES_ON` while it is still open, or None when they make
        none (the line is among them unless it could not be)."""
        import orjson

        from engine.formats import DECISION_FORMAT, ERROR_FORMAT
        from engine.report import MAX_LINE_BYTES
        from engine.streams import MAX_EVENT_BYTES

        # Within an event's size (1 MiB) in JSON Lines, not a decision line's (64 MiB): a
        # larger one eval refuses, so it is no event to decide first. In an input eval reads
        # whole, which it decides whatever their size, events over 1 MiB had been told "cut
        # short" line by line (found by review); there, past 1 MiB, the lines are read
        # together only where they close every bracket, or have doubled since they last were:
        # each line added read the lines before it again, 100 lines of 600 KB had taken 8 s
        # (found by review).
        most = MAX_LINE_BYTES if self.whole else min(MAX_LINE_BYTES, MAX_EVENT_BYTES)
        if raw is None or self.size + len(raw) > most or len(self.lines) >= _MOST_LINES:
            return None
        self.lines.append((number, raw))
        before, self.size = self.size, self.size + len(raw)
        if self.size > MAX_EVENT_BYTES:  # (in an input read whole)
            if before > MAX_EVENT_BYTES:  # counted so far: the line read now is added
                self.depth += _depth(raw)
            else:  # counted first: each line read together
                self.depth = sum(_depth(line) for _, line in self.lines)
            if self.depth > 0 and self.size < 2 * max(before, self.parsed):
                return _GOES_ON  # (read together as it doubles: a mistake is found in time)
            self.parsed = self.size
        try:
            document = orjson.loads(b"".join(line for _, line in self.lines))
        except orjson.JSONDecodeError as error:
            return _GOES_ON if "end of data" in error.msg else None
        if document.__class__ is dict and "format" in document:  # one of eval's, wrapped?
            return document if document["format"] in (DECISION_FORMAT, ERROR_FORMAT) else None
        return document if an_event(document) else None

    def taken(self) -> tuple[str, list[tuple[int, bytes]]]:
        """Why the first line is left out if they make no event, and the lines read
        together, no longer read: each is said or read now."""
        lines, self.lines, self.size = self.lines, [], 0
        return self.told, lines


def an_event(document: Any) -> bool:
    """Whether ``document`` is an event, as one given for a decision is told: an object with
    an ``id`` and a ``type``, and no ``format`` (eval's lines, and other tools' documents,
    have one)."""
    return (
        document.__class__ is dict
        and "format" not in document
        and "id" in document
        and "type" in document
    )


def _depth(line: bytes) -> int:
    """How many brackets ``line`` opens (less those it closes), outside its texts: JSON's
    texts end on their line, so an object over lines closes where their sum is 0."""
    marks = _BRACKETS.findall(line)
    return marks.count(b"{") + marks.count(b"[") - marks.count(b"}") - marks.count(b"]")


_BRACKETS = re.compile(rb'"[^"\\\n]*(?:\\.[^"\\\n]*)*"?|[{}\[\]]')
"""A text (to its end, or the line's) or a bracket, as :func:`_depth` counts them."""

_MOST_LINES = 100
"""The most lines an event wrapped by hand is read over (a longer one is told line by line)."""


def _wrapped_event(first: int, last: int, into: str) -> str:
    """Why an event wrapped by hand over lines ``first`` to ``last`` is left out: an event,
    as :data:`engine.report.AN_EVENT` tells one on a line."""
    return f"an event written over lines {first} to {last}" + _an_event(into).removeprefix(
        "an event"
    )


def _an_event(into: str) -> str:
    """Why a line of an event is no decision (:data:`engine.report.AN_EVENT`), naming the
    command that reads the input (``into``, :func:`count_lines`): compare's had been told to
    "report on what `backplan eval` writes for it"."""
    from engine.report import AN_EVENT

    said = AN_EVENT.removeprefix("/: ")
    command = into.split(maxsplit=1)[0]
    return said if command == "report" else said.replace("report on", f"give `backplan {command}`")


def _kind(document: dict[str, Any]) -> str:
    """What one of eval's lines holds, as a message names it: a decision or an error record."""
    from engine.formats import ERROR_FORMAT

    return "error record" if document.get("format") == ERROR_FORMAT else "decision"


def _wrapped_document(document: dict[str, Any], last: int, source: str, into: str) -> str:
    """What a decision (or an error record) of eval's written over several lines, to line
    ``last``, is told once, where it starts: it is read, and how to write it one a line."""
    kind = _kind(document)
    return (
        f"the {kind} written over this line to line {last} is read as one, though "
        f"`backplan eval` writes one {kind} a line: its line was wrapped by hand (or by an "
        f"editor); {one_a_line(source, into, '.')}"
    )


class _Checklists:
    """The checklists ``eval --pretty`` writes, given to the report by mistake: told once,
    where they start, and read past to the first line that is none of theirs (a decision's
    ``{`` after them is read). Each checklist is an ``Event ...`` line, its indented lines
    and a blank one, or an event's ``FILE:LINE: rejected: ...`` line; a month of them had
    been told line by line, 60,000 lines of stderr, and only each ``Event`` line as what it
    is: its indented lines were "a word JSON does not know", "should be an object" or "a
    log's line?" (found by an analyst's review)."""

    def __init__(self) -> None:
        self.opened_at = 0
        """The line where the checklists read past start (0: none is being read past)."""
        self.last = 0
        """Their last line that is not blank."""
        self.lines = 0
        """How many of their lines are not blank: each is a line left out, as each line of an
        event written over several is (a month's checklists had been counted one line left
        out, in the report and its `unreadable_lines`, where stderr named 27,602; found by an
        operator's replay)."""

    def opens(self, line: bytes, number: int) -> bool:
        """Whether ``line``, the ``number``-th and no JSON, starts checklists of
        ``eval --pretty``, read past from there."""
        if not _of_a_checklist(line) or line[:1].isspace():
            return False
        self.opened_at = self.last = number
        self.lines = 1
        return True

    def reads_past(self, raw: bytes | None, number: int) -> bool:
        """Whether ``raw`` (None: a line too long), the ``number``-th, is one of the
        checklists being read past (a blank line is, and does not end them)."""
        if not self.opened_at or raw is None:
            return False
        if not raw.strip():
            return True
        if not _of_a_checklist(raw) or _holds_lines_of_eval(raw):
            return False
        self.last = number
        self.lines += 1
        return True

    def named(self) -> tuple[int, str, int]:
        """Where the checklists read past start, why they are left out, and how many lines
        not blank they are; they are then named."""
        at, last = self.opened_at, self.last
        self.opened_at = 0
        what = (
            "this is `eval --pretty` output, a checklist for people"
            if last == at
            else f"this line and those after it, to line {last}, are `eval --pretty` output, "
            "checklists for people, all left out"
        )
        return (
            at,
            f"not JSON: {what}; report on what `backplan eval` writes without --pretty",
            self.lines,
        )


def _of_a_checklist(line: bytes) -> bool:
    """Whether ``line`` is one ``eval --pretty`` writes: an ``Event`` line, one indented
    under it, or an event's ``rejected`` line."""
    return (
        line.startswith(b"Event ")
        or (line[:1] in (b" ", b"\t") and not line.lstrip().startswith(b"{"))
        or _rejected(line)
    )


def _holds_lines_of_eval(line: bytes) -> bool:
    """Whether a checklist's line holds whole lines of eval's joined on it: a checklist cut
    short, then a file of decisions after it (`cat cut.txt decisions.jsonl`). Read past with
    the checklists, its decisions had been lost, where a line of them had been read before
    (found by review)."""
    return b"{" in line and (join := join_in(line)) is not None and join.read


class _Items:
    """A JSON array written one item a line, as many tools write JSON (``[{...},``,
    ``{...},`` … ``{...}]``): each item is read as a decision, and the array's brackets and
    commas are told once, where it opens. Its first item had been told "cut short" and lost,
    and every other line told of its comma or bracket (found by review)."""

    def __init__(self) -> None:
        self.open = False
        """Whether such an array is being read, its closing ``]`` not yet found."""

    def opens(self, line: bytes) -> bytes | None:
        """``line``, no JSON, with the ``[`` it opens with read as a blank (columns stay),
        when it opens an array written one item a line: its first item is an object."""
        body = line.lstrip()
        if not body.startswith(b"[") or not body[1:].lstrip().startswith(b"{"):
            return None
        self.open = True
        return _blank_first(line)

    def item(self, line: bytes) -> bytes | None:
        """``line`` with the comma it opens with read as a blank, in such an array (its items
        written comma first); None for any other."""
        if not self.open or not line.lstrip().startswith(b","):
            return None
        return _blank_first(line)

    def ends(self, after: str) -> bool:
        """Whether ``after``, what follows a line's last object (or the line's text), is only
        the array's comma or closing bracket, told where it opens; the bracket closes it."""
        if not self.open or not after or after.strip(",] \t\r\n"):
            return False
        self.open = "]" not in after
        return True


def _blank_first(line: bytes) -> bytes:
    """``line`` with its first character past its blanks read as a blank: columns stay."""
    at = len(line) - len(line.lstrip())
    return line[:at] + b" " + line[at + 1 :]


def _array_items(source: str, into: str) -> str:
    """What a JSON array written one item a line is told, once, where it opens."""
    return (
        "a JSON array starts here, written one item a line (as many tools write JSON), where "
        "`backplan eval` writes one decision a line, nothing between: each of its decisions "
        "is read, its brackets and commas are not; to "
        f"{one_a_line(source, into, EACH_ITEM_OF_AN_ARRAY)}"
    )


def _spread(source: str, program: str, into: str) -> str:
    """Why JSON written over several lines (``jq .``, ``python -m json.tool``) is left out
    once, where it starts: each of its lines had been named, "not JSON (unexpected end of
    data, at column 1)", a hundred of them a decision, none saying what to do; and after
    decisions it still was (found by review). ``program`` is the jq program of the hint
    (:meth:`_Spread.named`)."""
    return (
        "JSON written over several lines starts here (as `jq .` writes it), not one decision "
        "a line: it is left out to where it ends, and the lines after it are read; "
        f"{one_a_line(source, into, program)}"
    )


def _spread_events(source: str, events: int, array: bool, last: int, whole: bool, into: str) -> str:
    """Why events written over several lines (``jq .``'s, or ``jq -s .``'s array), opening the
    input, are left out, once, where they start: what they are, how to decide them (eval reads
    them as they are, when they are ``whole``: within the most it reads whole) and how to write
    them one event a line. Over that, eval gives them one error record, none decided, and the
    report had told them to be decided with eval as they are (found by review): they are to be
    written one a line first."""
    if events == 1 and not array:  # one event (an example event): told as one
        return (
            f"an event written over several lines, to line {last} (as `jq .` writes it), not "
            f"a decision: it is not read; {decide_first(source, 'it', into)}; to write it on one "
            f"line, {events_one_a_line(source, '.')}"
        )
    what = f"a JSON array of {counted(events, 'event')}" if array else counted(events, "event")
    written = "`jq -s .` writes it" if array else "`jq .` writes them"
    said = _said_of(events)
    them, each = said.them, said.each_a_line
    told = f"{what} written over several lines, to line {last} (as {written})"
    told += f", {said.not_decisions}: {said.unread}"
    write = events_one_a_line(source, _EACH_ITEM if array else ".")
    if not whole:
        from engine.jsondocs import DOCUMENT_LIMIT

        return (
            f"{told}; `backplan eval` reads no more than {DOCUMENT_LIMIT} of events so written: "
            f"write {them} {each}, {write}, then decide {them}, {decide_written(source, into)}"
        )
    return f"{told}; {decide_first(source, them, into)}; to write {them} {each}, {write}"


class _Said(NamedTuple):
    """How a note says events left out (:func:`_said_of`): its words apart, so that a note
    takes the one it needs, not a piece cut from another by its punctuation."""

    them: str
    """``them``; for one event, ``it``."""
    not_decisions: str
    """``not decisions``; for one, ``not a decision``."""
    unread: str
    """``none is read``; for one, ``it is not read``."""
    each_a_line: str
    """``one event a line``; for one, ``on one line``."""


def _said_of(events: int) -> _Said:
    """How a note says ``events`` (an array's, left out). A `jq -s .` array of one event (an
    example event slurped) had been told "decide them first" and "to write them one event a
    line" (found by review)."""
    if events == 1:
        return _Said("it", "not a decision", "it is not read", "on one line")
    return _Said("them", "not decisions", "none is read", "one event a line")


_EACH_ITEM = "'.[]'"
"""The jq program that writes an array's items one a line."""


def _too_long(limit: int) -> str:
    """Why a line too long to be a decision is left out."""
    return f"the line is longer than {limit >> 20} MiB, so it is no decision `backplan eval` wrote"


_COLUMN_TITLES = (
    "the line is a spreadsheet's column titles (a CSV header) above the decisions, not one of "
    "them; the decisions under it are read"
)
"""Why a first line of column titles above decisions is left out, alone."""


def _spreadsheet(separated: str, into: str) -> str:
    """Why a CSV input is left out whole: each of its lines had been named "not JSON"."""
    return (
        f"the input {spreadsheet_words(separated)}, so it holds no decision line, and none of it "
        f"is read: {into.split(maxsplit=1)[0]} reads the lines `backplan eval` writes"
    )


def _compressed(source: str, into: str) -> str:
    """Why a compressed input is left out whole: each of its lines had been named, as "not
    JSON (str is not valid UTF-8: surrogates not allowed...)", thousands of them for a month."""
    return (
        "the input is compressed (gzip), so it holds no decision line, and none of it is "
        f"read: {unzip(source, into)}"
    )


def _not_a_decision(
    document: Any, error: DecisionFormatError, source: str, first: bool, into: str
) -> str:
    """Why a line of JSON is no decision: the problems the format found (a problem of the
    whole line said without its place, ``/``), or, for a JSON array of objects, that it
    holds documents to write one a line (it had been told "should be an object, a decision
    as `backplan eval` writes", with no word of what to do), or, when they are events (an
    app's export of complaints), to decide them first: `jq -c` gave its events one a line,
    each then left out as an event (found by review). Eval decides such an array only on
    its input's ``first`` line (not blank), and refuses one on another as no event: there,
    to "decide them first" with eval on the file gave an error record for the array (found by
    review); its events are written one a line first."""
    if document.__class__ is list and document and all(map(an_event, document)):
        what = f"a JSON array of {counted(len(document), 'event')} on one line"
        said = _said_of(len(document))
        them = said.them
        what += f", {said.not_decisions}, and none of it is read"
        if first:
            return f"{what}: {decide_first(source, them, into)}"
        write = "it without the array's brackets" if len(document) == 1 else "them one event a line"
        return (
            f"{what}: `backplan eval` decides such an array only on the first line of its "
            f"input; to decide {them}, write {write}, "
            f"{events_one_a_line(source, EACH_ITEM_OF_AN_ARRAY)}, "
            f"then {decide_written(source, into)}"
        )
    if document.__class__ is list and document and all(d.__class__ is dict for d in document):
        how = one_a_line(source, into, EACH_ITEM_OF_AN_ARRAY)
        return (
            f"a JSON array of {counted(len(document), 'object')} on one line, not one decision "
            f"a line, and none of it is read: {how}"
        )
    from engine.report import AN_EVENT

    if error.problems == (AN_EVENT,):
        return _an_event(into)
    return "; ".join(problem.removeprefix("/: ") for problem in error.problems)


class _Followed(NamedTuple):
    """A line's whole object, followed by what is no JSON document, nor another of eval's
    lines (:func:`_followed`)."""

    document: dict[str, Any]
    column: int
    """Where what follows it starts, from 1."""
    after: str
    """What follows it, to the line's end, without the blanks that end the line."""


def _followed(line: bytes, error: Any) -> _Followed | None:
    """The whole object a line opens with, when what follows it is no more JSON (orjson
    stopped right after it, ``error``): ``{...}garbage``, ``{...},``, ``{...}]``. Its decision
    had been lost, the line told "not JSON (unexpected content after document, at column
    2096)" (found by a second review). None for any other line: another line of eval's after
    it is told apart first (:func:`engine.joinedlines.join_in`)."""
    import orjson

    if not error.msg.startswith("unexpected content after document"):
        return None
    text = line.decode("utf-8", "replace")  # UTF-8: orjson read up to here
    try:
        document = orjson.loads(text[: error.pos])
    except orjson.JSONDecodeError:  # pragma: no cover - orjson read a whole one up to there
        return None
    if document.__class__ is not dict:  # `2026-12-01 ...`: a log line, no object
        return None
    return _Followed(document, error.pos + 1, text[error.pos :].rstrip())


def _followed_words(document: dict[str, Any], column: int, after: str, which: str = "") -> str:
    """What a line whose object is read, followed by what is none, is told: the object is
    read, what follows it, quoted short and safe to print, is not; and where it most likely
    came from. The line is counted as its object's, not as a line left out: it held one.
    ``which`` is ``"last "`` for the last of several lines of eval's joined on one: it had
    been told cut short, and left out (found by review)."""
    kind = _kind(document)
    quoted = shown_after(after)
    if after[:1] in (",", "]"):
        why = "a JSON array's comma or bracket, the array written by hand?"
    else:
        why = "text pasted or written after it?"
    return (
        f"the {which}{kind} on this line is read; what follows it at column {column} is "
        f"not another {kind}, and is not read: `{quoted}` ({why} `backplan eval` writes one "
        f"{kind} a line, nothing after it)"
    )


def _not_json(line: bytes, error: Any, join: Join | None) -> str:
    """Why a line is no JSON, and, for the checklist `eval --pretty` writes, a line cut short
    or decisions joined on one line, what happened to it in words (orjson's "unexpected
    end of data" or "unexpected character, expected ',' or '}'" said neither); another mistake
    is told in :func:`engine.jsonslips.reason`'s words, not orjson's (found by review), without
    its fix: eval wrote the line, which is not the reader's to mend."""
    if join is not None:
        return joined(join)
    if (cut := _cut_at(line, error)) is not None:  # eval writes whole lines: this one was cut
        return (
            f"not JSON: the line ends at column {cut}, before its decision does: it was "
            "cut short (a file copied in part, or `backplan eval` stopped as it wrote)"
        )
    if error.msg.startswith("str is not valid UTF-8"):  # orjson's words of Python's text
        return _not_utf8(line)
    if error.msg.startswith("unexpected content after document"):  # not an object: _followed
        return (
            f"not JSON: the line starts with a value that is no decision, and goes on at column "
            f"{error.colno} (a log's line?); report on what `backplan eval` writes"
        )
    from engine.jsonslips import reason  # only for a line that is no JSON

    text = line.decode("utf-8", "replace")  # UTF-8: orjson read up to here
    wrong, _ = reason(
        error.msg, text[error.pos : error.pos + 1], first=False, after=text[error.pos :][:8]
    )
    return f"not JSON: {wrong} (at column {error.colno})"


def _cut_at(line: bytes, error: Any) -> int | None:
    """The column just past the last character of a line that ends before its document does,
    or None when reading failed elsewhere. Only a file's last line comes without its line end:
    a line cut short inside the file kept its `\\n`, which orjson read as part of the
    document, so the cut was told at "column 1" (its place on the line after), or, cut inside
    a text, as "a text holds the control character U+000A" (found by a supervisor's review:
    most of a decision's line is texts). The line is read again without its line end and
    blanks (ASCII ones: a text's own no-break space is a character of the line, and was left
    out of the column): cut after an escape's backslash or inside `false`, it had been told "a
    backslash in a text starts no escape JSON knows" or "a word JSON does not know" (found by
    review)."""
    import orjson

    end = line.rstrip()  # bytes: the line end and ASCII blanks only
    if "end of data" not in error.msg:
        try:
            orjson.loads(end)
        except orjson.JSONDecodeError as again:
            if "end of data" not in again.msg:
                return None
        else:  # `2` then a form feed: whole, told as a value with more after it
            return None
    return len(end.decode("utf-8", "replace")) + 1  # UTF-8: orjson read up to here


def _not_utf8(line: bytes) -> str:
    """Why a line holding a byte that is no UTF-8 is left out, and where the byte is (in
    characters, as other columns count): it had been told "not JSON (str is not valid UTF-8:
    surrogates not allowed, at column 1)", words of Python's text and no place, of a decision
    whose file was saved since in another encoding, a customer's `ü` made one byte (found by
    review)."""
    from engine.documents import saved_as_windows_1252

    try:
        line.decode("utf-8")
    except UnicodeDecodeError as exc:
        column = len(line[: exc.start].decode("utf-8")) + 1
        return (
            f"the line is not UTF-8 text (at column {column})"
            f"{saved_as_windows_1252(line, exc.start)}; `backplan eval` writes UTF-8: save the "
            "file as UTF-8 again"
        )
    return "the line is not UTF-8 text"  # pragma: no cover - orjson read it as not UTF-8
