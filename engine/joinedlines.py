"""Lines of ``backplan eval``'s joined on one line, their line ends lost, told apart.

A file whose last line has no line end, with another after it (``cat a.jsonl b.jsonl``), or a
file cut short with another after it, gives ``backplan report`` a line holding two or more of
eval's lines, which is no JSON as a whole. Read as one line, every decision on it had been
lost. Here such a line is cut into the lines it holds (:func:`join_in`); the whole ones are
read (:func:`read_apart`) and each one cut short is told apart, in words a manager can act on
(:func:`joined`, :func:`all_read`). Where a line starts is found by the text eval starts each
with, and proven by reading: the same text may also stand nested inside a whole decision.
Whole objects that start so but hold none of eval's formats (another program's, or written
by hand) are called JSON objects, not eval's lines (:attr:`Join.of_eval`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Literal, NamedTuple

from engine.formats import DECISION_FORMAT, ERROR_FORMAT
from engine.wording import join_words, ordinal_number

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
"""How many places after a line's start :func:`join_in` reads from, to find where another of
eval's lines starts or ends: a line made of nothing else is no reason to read it again
thousands of times."""
_SEPARATELY = "give the files to report one by one, `backplan report FILE1 FILE2`"
_NOT_UTF8 = "the line is not UTF-8"
_FORMATS = frozenset({DECISION_FORMAT, ERROR_FORMAT})

_State = Literal["whole", "cut", "unread"]
_Read = tuple[int, int]
"""Where a whole line of eval's JSON stops, and where the next starts (:meth:`_Apart._whole_to`)."""
_NOT_READ: _Read = (-1, -1)
"""What is known of a line of eval's that is not read apart (:class:`_Apart`)."""


class _Piece(NamedTuple):
    """One of eval's lines on a line holding several (:func:`join_in`)."""

    at: int
    """Where it starts in the line's text."""
    stop: int
    """Where its JSON ends, a whole one's: what is between there and :attr:`end` is no line
    of eval's (a comma, or text after the last); ``end`` for any other."""
    end: int
    """Where the next starts (the text's length, for the last)."""
    state: _State
    """``whole``; ``cut`` short; or ``unread``: not told apart from the one before it, the
    line's first, cut short, or past the places tried (:data:`_STARTS_TRIED`), with any after
    it."""


class Join(NamedTuple):
    """A line holding other lines of eval's after its first (:func:`join_in`)."""

    text: str
    """The line as text, what is not UTF-8 replaced (columns count characters, as orjson's)."""
    pieces: tuple[_Piece, ...]
    """Two or more, in order, the first at the line's start."""
    readable: bool
    """Whether its whole pieces are UTF-8 (:func:`_whole_are_utf8`), to be read as they are."""

    @property
    def read(self) -> bool:
        """Whether any of them is read: the line is UTF-8 and one of them whole."""
        return self.readable and any(piece.state == "whole" for piece in self.pieces)

    @property
    def of_eval(self) -> bool:
        """Whether its whole pieces are all lines of eval's formats (:func:`_of_eval`): JSON
        objects that only start as eval's do (``{"actions":[1]}{"actions":[2]}``, written by
        another program or by hand) are no lines of eval's. They had been told "two of
        eval's lines are on this one", then each "not a decision `backplan eval` wrote"."""
        return all(_of_eval(self.text[p.at : p.stop]) for p in self.pieces if p.state == "whole")

    @property
    def commas(self) -> bool:
        """Whether a comma stands after each whole one but the last, as between the items of
        a JSON array, where eval's line ends were lost (after one cut short, where it stops
        is not known)."""
        after = [self.text[p.stop : p.end] for p in self.pieces[:-1] if p.state == "whole"]
        return bool(after) and all(between.strip() == "," for between in after)

    @property
    def between(self) -> tuple[tuple[int, int, str], ...]:
        """What stands between a whole one and the next, other than blanks and a comma
        (``garbage``): after which of them (from 0), where it starts (from 1) and what it is,
        without its blanks. Such a line had been told cut short, the whole one left out
        (found by review)."""
        return tuple(
            (n, *_placed(after, p.stop))
            for n, p in enumerate(self.pieces[:-1])
            if p.state == "whole" and (after := self.text[p.stop : p.end]).strip() not in ("", ",")
        )

    @property
    def tail(self) -> tuple[int, str] | None:
        """Where what follows the last of them, whole, starts (from 1) and what it is, without
        its blanks: no line of eval's (``garbage``, a JSON array's ``,``); None if nothing."""
        last = self.pieces[-1]
        after = self.text[last.stop :]
        if last.state != "whole" or not after.strip():
            return None
        return _placed(after, last.stop)


def _placed(after: str, at: int) -> tuple[int, str]:
    """Where ``after``, text at ``at`` that follows a whole line of eval's, starts past its
    blanks (from 1), and what it is without them: as it is quoted."""
    return at + len(after) - len(after.lstrip()) + 1, after.strip()


def read_apart(join: Join) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The whole ones of the lines of eval's joined (:attr:`Join.read`), to read, and why
    each other is left out, one reason for each (none: all are whole, and read). A whole one
    beside one cut short had been left out with it, its decision lost; and of three, the
    first two had been told as one cut short, both lost (found by review)."""
    text, pieces = join.text, join.pieces
    whole = tuple(text[piece.at : piece.stop] for piece in pieces if piece.state == "whole")
    if len(pieces) == 2 and pieces[1].state != "unread":
        if pieces[0].state == "cut":
            return whole, (_cut_then_read(join),)
        if pieces[1].state == "cut":
            return whole, (_read_then_cut(join),)
        return whole, ()
    left_out = (n for n, piece in enumerate(pieces) if piece.state != "whole")
    return whole, tuple(_one_of_several(join, n) for n in left_out)


def join_in(line: bytes) -> Join | None:
    """Where a line that is no JSON holds other lines of eval's (decisions, error records)
    after its first, and which of them are whole (:class:`_Apart`); None when it holds none:
    the end of a file cut short, or of one whose last line has no line end, with the next
    file after it (`cat cut.jsonl more.jsonl`). Searched once, for both what is read of it
    and what is said."""
    try:
        text, utf8 = line.decode("utf-8"), True
    except UnicodeDecodeError:  # its places are told in characters all the same
        text, utf8 = line.decode("utf-8", "replace"), False
    text = text.replace(_BOM_OPENING, " {")
    pieces = _Apart(text).pieces()
    if len(pieces) < 2:
        return None
    return Join(text, pieces, utf8 or _whole_are_utf8(text, pieces))


_BOM_OPENING = "\ufeff{"
"""A file saved with a byte order mark (Windows Notepad's), joined after another: read as a
blank, one character for one, so its columns stay. Its mark had been taken for text after a
whole decision, which was left out, said to be cut short (found by review)."""


def _whole_are_utf8(text: str, pieces: tuple[_Piece, ...]) -> bool:
    """Whether the whole pieces of a line that is not UTF-8 are, its bytes that are not (the
    stand-ins of ``text``) all in pieces cut short: a file cut in a character of two or more
    bytes (``—``, ``é``), then another after it. Its whole decisions had been left out with it
    (found by review); a stand-in the file held itself leaves them out, as it cannot be told."""
    return all("\ufffd" not in text[p.at : p.end] for p in pieces if p.state == "whole")


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
        ends = [at for at, _, _ in marks[1:]] + [len(self.text)]
        return tuple(
            _Piece(at, end if stop is None else stop, end, state)
            for (at, state, stop), end in zip(marks, ends, strict=True)
        )

    def _marks(self) -> Iterator[tuple[int, _State, int | None]]:
        """Where each line of eval's on the text starts, what it is and where a whole one's
        JSON stops."""
        at, read = 0, self._whole_to(0)
        while True:
            yield at, "cut" if read is None else "whole", None if read is None else read[0]
            following = self._after_cut(at) if read is None else self._after_whole(*read)
            if following is None:
                return
            at, read = following
            if read == _NOT_READ:
                yield at, "unread", None
                return

    def _after_whole(self, stop: int, end: int) -> tuple[int, _Read | None] | None:
        """Where the line after a whole one whose JSON stops at ``stop`` starts (``end``,
        where :meth:`_whole_to` found it), and where it ends whole (None: cut short); None
        when it ends the text. Past text between them (``garbage``), it is the first place
        after it where one of eval's lines starts, whole or cut short (:meth:`_next_real`)."""
        if end == len(self.text):
            return None
        if _past_comma(self.text, stop) != end:
            return self._next_real(stop)
        if not self.tries:
            return end, _NOT_READ
        self.tries -= 1
        return end, self._whole_to(end)

    def _next_real(self, at: int) -> tuple[int, _Read | None] | None:
        """The first place after ``at``, in the text after a whole line of eval's, where
        another starts, and where it ends whole (None: cut short); else the first place not
        read from, the tries spent; None when there is neither: all is text after the last.
        A start text in that text (``see {"actions":[ here``, or a whole ``{"actions":[]}``)
        is none: it is read neither as a line of eval's format nor as the start of one cut
        short, which reads as JSON up to where the next place starts (:func:`_cut_there`)."""
        for start in _starts(self.text, at):
            if not self.tries:
                return start, _NOT_READ
            self.tries -= 1
            read = self._whole_to(start)
            if read is None and _cut_there(self.text, start):
                return start, None
            if read is not None and _of_eval(self.text[start : read[0]]):
                return start, read
        return None

    def _after_cut(self, at: int) -> tuple[int, _Read | None] | None:
        """Where the line after one cut short at ``at`` starts, and where it ends whole
        (:meth:`_next_read`). The line's first, with none read after it, is told with the
        first place a second may start, both left out; any other is cut short to the end.
        Looked for past the blanks before it (an array's ``[`` read as one, an indented
        line), where its own start text is: from the line's start, that was found as the
        second, told to start at column 2 (found by mutation testing)."""
        own = len(self.text) - len(self.text[at:].lstrip())
        found = self._next_read(own)
        if at or (found is not None and found[1] != _NOT_READ):
            return found
        second = next(_starts(self.text, own), None)
        return None if second is None else (second, _NOT_READ)

    def _next_read(self, at: int) -> tuple[int, _Read] | None:
        """The first place after ``at`` where one of eval's lines starts and is read whole,
        and where it ends; else the first place not read from, the tries spent (its end
        :data:`_NOT_READ`); None when there is neither."""
        for start in _starts(self.text, at):
            if not self.tries:
                return start, _NOT_READ
            self.tries -= 1
            read = self._whole_to(start)
            if read is not None and _of_eval(self.text[start : read[0]]):
                return start, read
        return None

    def _whole_to(self, at: int) -> _Read | None:
        """Where the object at ``at`` ends whole, and where another line of eval's starts
        after it: right there, or past a comma, as between a JSON array's items (the text's
        length: it ends the text, or only what is no line of eval's follows it, such as
        ``garbage``); or, past such text, where a start text is next found (:meth:`_next_real`
        tells whether a line of eval's starts there); None when it is cut short. A whole one
        with a comma after it had been told cut short, and so had the last of several with
        text after it, and one with text between it and the next (found by review)."""
        import orjson

        text = self.text
        try:
            whole = orjson.loads(text[at:]).__class__ is dict
            return (len(text), len(text)) if whole else None
        except orjson.JSONDecodeError as error:
            if not error.msg.startswith("unexpected content after document"):
                return None
            stop = at + error.pos
        if not text[at:stop].lstrip().startswith("{"):
            return None
        if _starts_at(text, end := _past_comma(text, stop)):
            return stop, end
        return stop, next(_starts(text, stop), len(text))


def _past_comma(text: str, at: int) -> int:
    """Where what follows ``at`` in ``text`` starts past blanks, a comma and blanks again."""
    after = text[at:].lstrip()
    if after.startswith(","):
        after = after[1:].lstrip()
    return len(text) - len(after)


def _cut_there(text: str, at: int) -> bool:
    """Whether the text at ``at``, up to where a line of eval's next starts (or the text's
    end), is the start of a JSON document, cut short: a line of eval's cut anywhere is, where
    a start text in other text (``see {"actions":[ here``) is not. Read only from a place
    tried (:data:`_STARTS_TRIED`)."""
    import orjson

    try:
        orjson.loads(text[at : next(_starts(text, at), len(text))].rstrip())  # its line end
    except orjson.JSONDecodeError as error:
        return error.msg.startswith("unexpected end of data")
    return False  # pragma: no cover - a whole one there is one _whole_to had read first


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


def joined(join: Join) -> str:
    """Why a line holding lines of eval's is left out whole: two, both cut short, or the line
    not UTF-8 (its pieces cannot be read as they are), said so whatever their number: two
    had been told only "both are left out", with no word of why (found by a second review).
    They had been told "not JSON (unexpected character, expected ',' or '}', at column
    703)" (found by review)."""
    pieces = join.pieces
    if len(pieces) > 2:  # only a line not UTF-8 holds more than two, none of them read
        return f"not JSON: {_several(join)}; {_NOT_UTF8}: none is read: {_SEPARATELY}"
    if not join.readable:  # a whole one holds what is not UTF-8
        first = _line_end_lost(join) if pieces[0].state == "whole" else _cut_short(join)
        return f"not JSON: {first}; {_NOT_UTF8}: both are left out: {_SEPARATELY}"
    return (
        f"not JSON: {_cut_short(join)}; both are left out, the second lost with the "
        f"first: {_SEPARATELY}, to read the second"
    )


_CAT = "a file whose last line has none, then another after it, as `cat` joins them"
"""How lines of eval's most often come to be joined, their line ends lost."""
_BY_HAND = (
    "the items of a JSON array written by hand, its brackets left out? `backplan eval` writes "
    "one a line, nothing between"
)
"""How lines of eval's come to be on one line with commas between them. They had been told
"cut short", every one but the last left out (found by review)."""


def all_read(join: Join) -> str:
    """What a line holding lines of eval's, all whole and read, is told."""
    how = "all are read" if len(join.pieces) > 2 else "both are read"
    return f"{_several(join)}: {how}{', the text between is left out' if join.between else ''}"


_SHOWN_AFTER = 40
"""How much of what follows a line of eval's on its line is quoted: enough to know it by."""


def shown_after(text: str) -> str:
    """What follows a line of eval's on its line (``garbage``), to quote: cut short, and safe
    to print (the line is anyone's)."""
    from engine.errors import shown_text
    from engine.wording import clip

    return shown_text(clip(text, _SHOWN_AFTER))


def _text_between(join: Join) -> str:
    """What stands between lines of eval's joined (:attr:`Join.between`), quoted, each with
    where it starts, and where it most likely came from."""
    two = len(join.pieces) == 2
    each = [
        f"`{shown_after(text)}` between "
        f"{'them' if two else f'the {_ordinal(n)} and the {_ordinal(n + 1)}'} at column {column}"
        for n, column, text in join.between
    ]
    return (
        f"with {join_words(each)} (text pasted or written between them? `backplan eval` writes "
        "one a line, nothing between)"
    )


def _several(join: Join) -> str:
    """What a line holding two or more lines of eval's is, said first of each left out: how
    many (at least, when the last is not read apart) and how they came to be joined."""
    more = "at least " if join.pieces[-1].state == "unread" else ""
    two = len(join.pieces) == 2
    if join.between:
        between = _text_between(join)
    elif join.commas:
        between = f"{'a comma' if two else 'commas'} between them ({_BY_HAND})"
    else:
        between = f"the line {'end' if two else 'ends'} between them lost ({_CAT})"
    what = "of eval's lines" if join.of_eval else "JSON objects"
    return f"{more}{_count(len(join.pieces))} {what} are on this one, {between}"


def _one_of_several(join: Join, number: int) -> str:
    """Why the ``number``-th (from 0) of more than two lines of eval's joined, not whole, is
    left out: cut short, the others read as they are; or not read apart, with any after it,
    too many being joined."""
    piece = join.pieces[number]
    kind = _kind_of(join, number, piece.end)
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


def _others_read(join: Join) -> str:
    """Which of the lines of eval's joined are read, said of one left out."""
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
    return _ORDINALS[number] if number < len(_ORDINALS) else ordinal_number(number)


def _a(kind: str) -> str:
    """``a decision``, ``an error record``."""
    return ("an " if kind == "error record" else "a ") + kind


def _cut_then_read(join: Join) -> str:
    """Why the first of two lines of eval's joined is left out, and that the second, whole,
    is read."""
    return f"not JSON: {_cut_short(join)}: the first is left out, the second read"


def _read_then_cut(join: Join) -> str:
    """Why the second of two lines of eval's joined is left out, cut short, and that the
    first, whole, is read."""
    left_out = "the second and the text between" if join.between else "the second"
    return (
        f"not JSON: {_line_end_lost(join)}, and the second was cut short: the first is "
        f"read, {left_out} left out"
    )


def _line_end_lost(join: Join) -> str:
    """What a line is whose first line of eval's is whole, another joined to it: said the
    same whether the second is left out alone or with the first."""
    at = join.pieces[1].at
    first, second = _kind_of(join, 0), _kind_of(join, 1)
    same = second == first
    after = f"{f'another {second}' if same else _another(first, second)} starts at column {at + 1}"
    if join.between:
        return f"{after}, after a whole {'one' if same else first}, {_text_between(join)}"
    if join.commas:
        between = f"a comma between them ({_BY_HAND})"
    else:
        between = f"the line end between them was lost ({_CAT})"
    return f"{after}, right after a whole {'one' if same else first}: {between}"


def _cut_short(join: Join) -> str:
    """What a line is whose first line of eval's was cut short, another joined to it: said
    the same whether the second is read or left out with the first."""
    at = join.pieces[1].at
    first, second = _kind_of(join, 0), _kind_of(join, 1)
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


_LOOK_ALIKE = "JSON object"
"""What a whole piece is that starts as a line of eval's does but is none of its formats."""


def _kind_of(join: Join, number: int, end: int | None = None) -> str:
    """What the ``number``-th (from 0) piece of ``join`` is (:func:`_kind`, read up to
    ``end``): a whole one of no format of eval's is a JSON object, not a decision."""
    piece = join.pieces[number]
    if piece.state == "whole" and not _of_eval(join.text[piece.at : piece.stop]):
        return _LOOK_ALIKE
    return _kind(join.text, piece.at, end)


def _kind(text: str, at: int, end: int | None = None) -> str:
    """What the line of eval's at ``at`` (to ``end``) is: a decision, unless it starts as an
    error record, or is cut in a start that only an error record's begins so."""
    begun = text[at:end].strip()  # blanks before it: a JSON array's `[` read as one
    for start, kind in _LINE_STARTS.items():
        if begun.startswith(start) or start.startswith(begun):
            return kind
    return "decision"


def _find(text: str, part: str, start: int) -> int:
    """Where ``part`` is next found in ``text`` from ``start``; the text's length if nowhere."""
    found = text.find(part, start)
    return len(text) if found == -1 else found
