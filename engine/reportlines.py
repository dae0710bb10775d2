"""How ``backplan report`` reads one input: each line a decision or an error record, counted.

What ``eval`` wrote is read a line at a time into :class:`engine.report.ReportCounts`, never
held whole. A line that is neither a decision nor an error record is left out, counted apart,
and told with why, in words a manager can act on: not JSON (or the checklist ``eval --pretty``
writes, which is for people), too long to be a decision, not of the decision format. A
compressed input is told once, whole: each of its "lines" is noise. JSON written over
several lines (``jq .``'s), each of its lines a piece of a decision, is told once where it
starts and read past to where it ends (:class:`_Spread`), the lines after it read. Decisions
saved as UTF-16 (Windows PowerShell's ``>``) are read as their text, as ``eval`` reads events
so saved.

Nothing here writes: the caller is told each line left out (``warn``) and says it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import IO, TYPE_CHECKING, Any, Literal, NamedTuple

from engine.errors import DecisionFormatError, counted
from engine.formats import DECISION_FORMAT, ERROR_FORMAT
from engine.inputkind import one_a_line, spreadsheet, spreadsheet_words, unzip

if TYPE_CHECKING:
    from engine.report import ReportCounts


def count_lines(
    stream: IO[bytes], source: str, counts: ReportCounts, warn: Callable[[str], None]
) -> None:
    """Add each line of one input to ``counts``; a line that is neither a decision nor an
    error record is counted apart, and ``warn`` is told of it, with why
    (``SOURCE:LINE: left out: WHY``). Raises OSError when the input cannot be read to its end:
    what it held till then is counted."""
    import orjson

    from engine.inputevent import BOM, GZIP_MAGIC
    from engine.report import MAX_LINE_BYTES

    def left_out(number: int, why: str) -> None:
        counts.add_unreadable()
        warn(f"{source}:{number}: left out: {why}")

    started = False  # a line other than a blank one was read
    stream = as_utf8(stream)
    spread = _Spread()
    try:
        for number, raw in enumerate(bounded_lines(stream, MAX_LINE_BYTES), start=1):
            if spread.reads_past(raw):
                continue
            if spread.opened_at:  # said once it ended: its hint keeps this line as it is
                left_out(*spread.named(source, followed=True))
            if raw is None:
                left_out(number, _too_long(MAX_LINE_BYTES))
                continue
            line = raw.removeprefix(BOM) if number == 1 else raw
            if number == 1 and line.startswith(GZIP_MAGIC):  # said once: its "lines" are noise
                left_out(number, _compressed(source))
                return
            separated = spreadsheet(line, source) if number == 1 else None
            if separated is not None:  # said once, as a compressed input is
                left_out(number, _spreadsheet(separated))
                return
            if not line.strip():
                continue
            if spread.opens(line, number, started):  # said once, where it ends: its lines are
                continue  # pieces
            started = True
            try:
                document = orjson.loads(line)
                counts.add(document)
            except orjson.JSONDecodeError as error:
                # Lines of eval's joined (line ends lost): each whole one is read; left out
                # as a line that is no JSON, they lost decisions (found by review).
                join = _join_in(line)
                if join is None or not join.read:
                    left_out(number, _not_json(line, error, join))
                    continue
                pieces, told = _read_apart(join)
                for why in told:
                    left_out(number, why)
                if not told:
                    warn(f"{source}:{number}: {_all_read(join)}")
                for piece in pieces:
                    try:
                        counts.add(document := orjson.loads(piece))
                    except DecisionFormatError as refused:
                        left_out(number, _not_a_decision(document, refused, source))
            except DecisionFormatError as error:
                left_out(number, _not_a_decision(document, error, source))
    finally:  # the input ends (or cannot be read on) inside or right after it
        if spread.opened_at:
            left_out(*spread.named(source, followed=False))


def as_utf8(stream: IO[bytes]) -> IO[bytes]:
    """``stream`` as UTF-8 text: the decisions of a file saved as UTF-16 (or UTF-32) read as
    what they are (:func:`engine.utf16.wide_encoding`, from the input's start).

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
        return utf8_from_utf16(start, stream, encoding)
    if seekable:
        stream.seek(where)
        return stream
    return Prepended(start, stream).buffered()


def bounded_lines(stream: IO[bytes], limit: int) -> Iterable[bytes | None]:
    """Each line of ``stream``, or None for one longer than ``limit`` bytes, read past in
    chunks: memory stays within ``limit`` whatever the input holds."""
    while raw := stream.readline(limit + 1):
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield raw
            continue
        while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
            pass
        yield None


_OPENING = {b"{": b"}", b"[": b"]"}
"""A line that only opens an object or an array, JSON written over several lines, and the
line that closes it, at the same indentation."""


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
    jq command of its hint depends on it."""

    def __init__(self) -> None:
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

    def opens(self, line: bytes, number: int = 0, started: bool = False) -> bool:
        """Whether ``line`` (the ``number``-th, after other lines when ``started``) opens JSON
        written over several lines, read past from there."""
        closing = _OPENING.get(line.strip())
        if closing is None:
            return False
        self.closing = line[: len(line) - len(line.lstrip())] + closing
        if not self.opened_at:
            self.opened_at, self.alone = number, not started
        self.documents += 1
        self.arrays += closing == b"]"
        return True

    def named(self, source: str, followed: bool) -> tuple[int, str]:
        """The line where the JSON read past starts and why it is left out, with the jq
        command that writes it one a line (``followed``: lines come after it); it is then
        named. ``'.[]'`` is said only for an array alone in its input: with lines before or
        after it, it wrote a decision's values one a line, each left out, the decision lost."""
        if not self.arrays:
            program = "."
        elif self.alone and not followed and self.documents == 1:
            program = "'.[]'"
        else:
            program = _EACH_ITEM_OF_AN_ARRAY
        at = self.opened_at
        self.opened_at, self.arrays, self.documents = 0, 0, 0
        return at, _spread(source, program)

    def reads_past(self, raw: bytes | None) -> bool:
        """Whether ``raw`` (None: a line too long) belongs to the JSON being read past."""
        if self.closing is not None:
            if raw is not None and raw.rstrip() == self.closing:
                self.closing, self.after = None, True
            return True
        if self.after and raw is not None and (not raw.strip() or self.opens(raw)):
            return True
        self.after = False
        return False


def _spread(source: str, program: str) -> str:
    """Why JSON written over several lines (``jq .``, ``python -m json.tool``) is left out
    once, where it starts: each of its lines had been named, "not JSON (unexpected end of
    data, at column 1)", a hundred of them a decision, none saying what to do; and after
    decisions it still was (found by review). ``program`` is the jq program of the hint
    (:meth:`_Spread.named`)."""
    return (
        "JSON written over several lines starts here (as `jq .` writes it), not one decision "
        "a line: it is left out to where it ends, and the lines after it are read; "
        f"{one_a_line(source, 'report', program)}"
    )


_EACH_ITEM_OF_AN_ARRAY = """'if type == "array" then .[] else . end'"""
"""The jq program that writes the items of a line's array one a line, and any other line as it
is: ``'.[]'`` wrote a decision's values beside it, one a line, each told as no decision."""


def _too_long(limit: int) -> str:
    """Why a line too long to be a decision is left out."""
    return f"the line is longer than {limit >> 20} MiB, so it is no decision `backplan eval` wrote"


def _spreadsheet(separated: str) -> str:
    """Why a CSV input is left out whole: each of its lines had been named "not JSON"."""
    return (
        f"the input {spreadsheet_words(separated)}, so it holds no decision line, and none of it "
        "is read: report reads the lines `backplan eval` writes"
    )


def _compressed(source: str) -> str:
    """Why a compressed input is left out whole: each of its lines had been named, as "not
    JSON (str is not valid UTF-8: surrogates not allowed...)", thousands of them for a month."""
    return (
        "the input is compressed (gzip), so it holds no decision line, and none of it is "
        f"read: {unzip(source, 'report')}"
    )


def _not_a_decision(document: Any, error: DecisionFormatError, source: str) -> str:
    """Why a line of JSON is no decision: the problems the format found (a problem of the
    whole line said without its place, ``/``), or, for a JSON array of objects, that it
    holds documents to write one a line (it had been told "should be an object, a decision
    as `backplan eval` writes", with no word of what to do)."""
    if document.__class__ is list and document and all(d.__class__ is dict for d in document):
        how = one_a_line(source, "report", _EACH_ITEM_OF_AN_ARRAY)
        return (
            f"a JSON array of {counted(len(document), 'object')} on one line, not one decision "
            f"a line, and none of it is read: {how}"
        )
    return "; ".join(problem.removeprefix("/: ") for problem in error.problems)


def _not_json(line: bytes, error: Any, join: _Join | None) -> str:
    """Why a line is no JSON, and, for the checklist `eval --pretty` writes, a line cut short
    or decisions joined on one line, what happened to it in words (orjson's "unexpected
    end of data" or "unexpected character, expected ',' or '}'" said neither)."""
    if line.startswith(b"Event "):
        return (
            "not JSON: this is `eval --pretty` output, a checklist for people; "
            "report on what `backplan eval` writes without --pretty"
        )
    if join is not None:
        return _joined(join)
    if "end of data" in error.msg:  # eval writes whole lines: this one was cut
        return (
            f"not JSON: the line ends at column {error.colno}, before its decision does: it was "
            "cut short (a file copied in part, or `backplan eval` stopped as it wrote)"
        )
    return f"not JSON ({error.msg}, at column {error.colno})"


_LINE_STARTS = {
    '{"actions":[': "decision",
    f'{{"format":"{DECISION_FORMAT}"': "decision",
    '{"error":{': "error record",
    f'{{"format":"{ERROR_FORMAT}"': "error record",
}
"""How a line of eval's starts, and what it is, as `backplan eval` writes it (its keys in
order) or as a writer that puts the format first does: an error record too, as eval writes
one among its decisions for an event it cannot decide (a decision cut short with one after
it had been told "not JSON (unexpected character, …)")."""
_STARTS_TRIED = 16
"""How many places after a line's start :func:`_join_in` reads from, to find where another of
eval's lines starts or ends: a line made of nothing else is no reason to read it again
thousands of times."""
_SEPARATELY = "give the files to report one by one, `backplan report FILE1 FILE2`"
_FORMATS = frozenset({DECISION_FORMAT, ERROR_FORMAT})

_State = Literal["whole", "cut", "unread"]
_NOT_READ = -1
"""Where a line of eval's ends that is not read apart (:class:`_Apart`)."""


class _Piece(NamedTuple):
    """One of eval's lines on a line holding several (:func:`_join_in`)."""

    at: int
    """Where it starts in the line's text."""
    end: int
    """Where the next starts (the text's length, for the last)."""
    state: _State
    """``whole``; ``cut`` short; or ``unread``: not told apart from the one before it, the
    line's first, cut short, or past the places tried (:data:`_STARTS_TRIED`), with any after
    it."""


class _Join(NamedTuple):
    """A line holding other lines of eval's after its first (:func:`_join_in`)."""

    text: str
    """The line as text, what is not UTF-8 replaced (columns count characters, as orjson's)."""
    pieces: tuple[_Piece, ...]
    """Two or more, in order, the first at the line's start."""
    readable: bool
    """Whether the line is UTF-8, so its whole pieces can be read as they are."""

    @property
    def read(self) -> bool:
        """Whether any of them is read: the line is UTF-8 and one of them whole."""
        return self.readable and any(piece.state == "whole" for piece in self.pieces)


def _read_apart(join: _Join) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The whole ones of the lines of eval's joined (:attr:`_Join.read`), to read, and why
    each other is left out, one reason for each (none: all are whole, and read). A whole one
    beside one cut short had been left out with it, its decision lost; and of three, the
    first two had been told as one cut short, both lost (found by review)."""
    text, pieces = join.text, join.pieces
    whole = tuple(text[piece.at : piece.end] for piece in pieces if piece.state == "whole")
    if len(pieces) == 2 and pieces[1].state != "unread":
        if pieces[0].state == "cut":
            return whole, (_cut_then_read(text, pieces[1].at),)
        if pieces[1].state == "cut":
            return whole, (_read_then_cut(text, pieces[1].at),)
        return whole, ()
    left_out = (n for n, piece in enumerate(pieces) if piece.state != "whole")
    return whole, tuple(_one_of_several(join, n) for n in left_out)


def _join_in(line: bytes) -> _Join | None:
    """Where a line that is no JSON holds other lines of eval's (decisions, error records)
    after its first, and which of them are whole (:class:`_Apart`); None when it holds none:
    the end of a file cut short, or of one whose last line has no line end, with the next
    file after it (`cat cut.jsonl more.jsonl`). Searched once, for both what is read of it
    and what is said."""
    try:
        text, readable = line.decode("utf-8"), True
    except UnicodeDecodeError:  # its places are told in characters all the same
        text, readable = line.decode("utf-8", "replace"), False
    pieces = _Apart(text).pieces()
    return _Join(text, pieces, readable) if len(pieces) > 1 else None


class _Apart:
    """A line's text cut into the lines of eval's it holds, read from its start.

    A whole one ends where the reading of it stops, and the next starts there: a start text
    (:data:`_LINE_STARTS`) inside a whole one is one of its values, nested (a custom action's
    params holding an ``actions`` key), never read from. Where the reading of one cut short
    stops does not say where the next starts: before it, when the cut is in a `null` or a
    `false`; far after, when it is where a value was due (after a `:`), as the next is read as
    that value; and nowhere, in a character cut in two. So the next is the first place after
    it where a line of eval's starts and is read whole, of eval's formats: an object nested
    in the one cut short is not. A line cut short before its start text is whole
    (``{"act``) is found right after a whole one (:func:`_begun`). Each place after the
    line's start is read from once at most, and no more than :data:`_STARTS_TRIED` of them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tries = _STARTS_TRIED

    def pieces(self) -> tuple[_Piece, ...]:
        """Each line of eval's on the text, in order: one alone when it holds no other."""
        marks = list(self._marks())
        ends = [at for at, _ in marks[1:]] + [len(self.text)]
        return tuple(_Piece(at, end, state) for (at, state), end in zip(marks, ends, strict=True))

    def _marks(self) -> Iterator[tuple[int, _State]]:
        """Where each line of eval's on the text starts, and what it is."""
        at, end = 0, self._whole_to(0)
        while True:
            yield at, "cut" if end is None else "whole"
            following = self._after_cut(at) if end is None else self._after_whole(end)
            if following is None:
                return
            at, end = following
            if end == _NOT_READ:
                yield at, "unread"
                return

    def _after_whole(self, end: int) -> tuple[int, int | None] | None:
        """Where the line after a whole one ending at ``end`` starts, and where it ends whole
        (None: cut short); None when it ends the text."""
        if end == len(self.text):
            return None
        if not self.tries:
            return end, _NOT_READ
        self.tries -= 1
        return end, self._whole_to(end)

    def _after_cut(self, at: int) -> tuple[int, int | None] | None:
        """Where the line after one cut short at ``at`` starts, and where it ends whole
        (:meth:`_next_read`). The line's first, with none read after it, is told with the
        first place a second may start, both left out; any other is cut short to the end."""
        found = self._next_read(at)
        if at or (found is not None and found[1] != _NOT_READ):
            return found
        second = next(_starts(self.text, 0), None)
        return None if second is None else (second, _NOT_READ)

    def _next_read(self, at: int) -> tuple[int, int] | None:
        """The first place after ``at`` where one of eval's lines starts and is read whole,
        and where it ends; else the first place not read from, the tries spent (its end
        :data:`_NOT_READ`); None when there is neither."""
        for start in _starts(self.text, at):
            if not self.tries:
                return start, _NOT_READ
            self.tries -= 1
            end = self._whole_to(start)
            if end is not None and _of_eval(self.text[start:end]):
                return start, end
        return None

    def _whole_to(self, at: int) -> int | None:
        """Where the object at ``at`` ends whole, another line of eval's starting there (the
        text's length: it ends the text); None when it is cut short, or what follows it is no
        line of eval's."""
        import orjson

        text = self.text
        try:
            return len(text) if orjson.loads(text[at:]).__class__ is dict else None
        except orjson.JSONDecodeError as error:
            if not error.msg.startswith("unexpected content after document"):
                return None
            end = at + error.pos
        return end if text[at:end].lstrip().startswith("{") and _starts_at(text, end) else None


def _of_eval(text: str) -> bool:
    """Whether ``text``, one whole JSON object, is a line of eval's formats: an object
    nested in a line cut short (a custom action's params), whole and starting as a line of
    eval's does, is none."""
    import orjson

    return orjson.loads(text).get("format") in _FORMATS


def _starts_at(text: str, at: int) -> bool:
    """Whether a line of eval's starts at ``at`` in ``text``: its start text, or lines cut
    short in theirs (:func:`_begun`), one after another, up to one whole or the text's end.
    Looked for right after a whole one only: a ``{`` that ends a line cut short is no line's
    start. A line cut so had been told "not JSON (unexpected content after document, …)",
    the whole one before it lost with it (found by review)."""
    last = len(text.rstrip())
    for _ in range(_STARTS_TRIED):
        if at == last or _starts_whole(text, at):
            return True
        if not (length := _begun(text, at)):
            return False
        at += length
    return False


def _starts_whole(text: str, at: int) -> bool:
    """Whether one of :data:`_LINE_STARTS` is at ``at`` in ``text``."""
    return any(text.startswith(start, at) for start in _LINE_STARTS)


def _begun(text: str, at: int) -> int:
    """How long the start of a line of eval's at ``at`` is, cut short before its start text
    is whole (``{"act``, a file cut right after it began); 0 if there is none."""
    return max(map(partial(_begun_as, text, at), _LINE_STARTS))


def _begun_as(text: str, at: int, start: str) -> int:
    """How much of ``start``, and not all, begins ``text`` at ``at``."""
    length = 0
    while length < len(start) - 1 and text.startswith(start[length], at + length):
        length += 1
    return length


def _joined(join: _Join) -> str:
    """Why a line holding lines of eval's is left out whole: two, both cut short, or the line
    not UTF-8 (its pieces cannot be read as they are). They had been told "not JSON
    (unexpected character, expected ',' or '}', at column 703)" (found by review)."""
    text, pieces = join.text, join.pieces
    if len(pieces) > 2:  # only a line not UTF-8 holds more than two, none of them read
        return f"not JSON: {_several(join)}; the line is not UTF-8: none is read: {_SEPARATELY}"
    at = pieces[1].at
    if pieces[0].state == "whole":
        return f"not JSON: {_line_end_lost(text, at)}; both are left out: {_SEPARATELY}"
    return (
        f"not JSON: {_cut_short(text, at)}; both are left out, the second lost with the "
        f"first: {_SEPARATELY}, to read the second"
    )


_JOINED_READ = (
    "two of eval's lines are on this one, the line end between them lost (a file whose last "
    "line has none, then another after it, as `cat` joins them): both are read"
)


def _all_read(join: _Join) -> str:
    """What a line holding lines of eval's, all whole and read, is told."""
    return _JOINED_READ if len(join.pieces) == 2 else f"{_several(join)}: all are read"


def _several(join: _Join) -> str:
    """What a line holding more than two lines of eval's is, said first of each left out: how
    many (at least, when the last is not read apart) and how they came to be joined."""
    more = "at least " if join.pieces[-1].state == "unread" else ""
    return (
        f"{more}{_count(len(join.pieces))} of eval's lines are on this one, "
        "the line ends between them lost (a file whose last line has none, then another after "
        "it, as `cat` joins them)"
    )


def _one_of_several(join: _Join, number: int) -> str:
    """Why the ``number``-th (from 0) of more than two lines of eval's joined, not whole, is
    left out: cut short, the others read as they are; or not read apart, with any after it,
    too many being joined."""
    piece = join.pieces[number]
    kind = _kind(join.text, piece.at, piece.end)
    which = f"the {_ordinal(number)}, {_a(kind)} starting at column {piece.at + 1}"
    if piece.state == "cut":
        return (
            f"not JSON: {_several(join)}; {which}, was cut short: it is left out, "
            f"{_others_read(join)}"
        )
    return (
        f"not JSON: {_several(join)}; {which}, and any after it are left out: too many are "
        f"joined on this line to tell them all apart: {_SEPARATELY}"
    )


def _others_read(join: _Join) -> str:
    """Which of the lines of eval's joined are read, said of one left out."""
    from engine.wording import join_words

    read = [n for n, piece in enumerate(join.pieces) if piece.state == "whole"]
    if len(read) == len(join.pieces) - 1:
        return "the others are read"
    named = join_words([_ordinal(n) for n in read])
    return f"the {named} {'is' if len(read) == 1 else 'are'} read"


_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
"""The words of how many lines of eval's a line holds, and of their places on it: more are
said in digits (``11``, ``10th``)."""


def _count(number: int) -> str:
    """How many lines of eval's a line holds, in words (``three``)."""
    return _NUMBERS[number] if number < len(_NUMBERS) else str(number)


def _ordinal(number: int) -> str:
    """The place of the ``number``-th (from 0) line of eval's on a line, in words (``first``)."""
    return _ORDINALS[number] if number < len(_ORDINALS) else f"{number + 1}th"


def _a(kind: str) -> str:
    """``a decision``, ``an error record``."""
    return ("an " if kind == "error record" else "a ") + kind


def _cut_then_read(text: str, at: int) -> str:
    """Why the first of two lines of eval's joined at ``at`` is left out, and that the second,
    whole, is read."""
    return f"not JSON: {_cut_short(text, at)}: the first is left out, the second read"


def _read_then_cut(text: str, at: int) -> str:
    """Why the second of two lines of eval's joined at ``at`` is left out, cut short, and
    that the first, whole, is read."""
    return (
        f"not JSON: {_line_end_lost(text, at)}, and the second was cut short: the first is "
        "read, the second left out"
    )


def _line_end_lost(text: str, at: int) -> str:
    """What a line is whose first line of eval's is whole, another joined to it at ``at``:
    said the same whether the second is left out alone or with the first."""
    first, second = _kind(text, 0), _kind(text, at)
    same = second == first
    return (
        f"{f'another {second}' if same else _another(first, second)} starts at column "
        f"{at + 1}, right after a whole {'one' if same else first}: the line end between them "
        "was lost (a file whose last line has none, then another after it, as `cat` joins them)"
    )


def _cut_short(text: str, at: int) -> str:
    """What a line is whose first line of eval's was cut short, another joined to it at
    ``at``: said the same whether the second is read or left out with the first."""
    first, second = _kind(text, 0), _kind(text, at)
    return (
        f"the {first} on this line was cut short, and {_another(first, second)} starts at "
        f"column {at + 1}, joined to it (a file cut short, then another after it, as `cat` "
        "joins them)"
    )


def _another(first: str, second: str) -> str:
    """How the second of two joined lines of eval's is named beside the first: ``another``
    of the same kind, else ``a decision`` or ``an error record``."""
    return "another" if second == first else _a(second)


def _starts(text: str, at: int) -> Iterator[int]:
    """Each place a line of eval's starts in ``text`` after ``at``, in order."""
    while (at := min(_find(text, s, at + 1) for s in _LINE_STARTS)) < len(text):
        yield at


def _kind(text: str, at: int, end: int | None = None) -> str:
    """What the line of eval's at ``at`` (to ``end``) is: a decision, unless it starts as an
    error record, or is cut in a start that only an error record's begins so."""
    begun = text[at:end].rstrip()
    for start, kind in _LINE_STARTS.items():
        if text.startswith(start, at) or start.startswith(begun):
            return kind
    return "decision"


def _find(text: str, part: str, start: int) -> int:
    """Where ``part`` is next found in ``text`` from ``start``; the text's length if nowhere."""
    found = text.find(part, start)
    return len(text) if found == -1 else found
