"""How ``backplan report`` reads one input: each line a decision or an error record, counted.

What ``eval`` wrote is read a line at a time into :class:`engine.report.ReportCounts`, never
held whole. A line that is neither a decision nor an error record is left out, counted apart,
and told with why, in words a manager can act on: not JSON (or the checklist ``eval --pretty``
writes, which is for people), too long to be a decision, not of the decision format. A
compressed input is told once, whole: each of its "lines" is noise; so is JSON written over
several lines (``jq .``'s), each of its lines a piece of a decision.

Nothing here writes: the caller is told each line left out (``warn``) and says it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING, Any

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

    from engine.errors import DecisionFormatError
    from engine.inputevent import BOM, GZIP_MAGIC
    from engine.report import MAX_LINE_BYTES

    def left_out(number: int, why: str) -> None:
        counts.add_unreadable()
        warn(f"{source}:{number}: left out: {why}")

    started = False  # a line other than a blank one was read
    for number, raw in enumerate(bounded_lines(stream, MAX_LINE_BYTES), start=1):
        if raw is None:
            left_out(number, _too_long(MAX_LINE_BYTES))
            continue
        line = raw.removeprefix(BOM) if number == 1 else raw
        if number == 1 and line.startswith(GZIP_MAGIC):  # said once: its "lines" are noise
            left_out(number, _compressed(source))
            return
        if not line.strip():
            continue
        if not started and line.strip() in _OPENING:  # said once: its lines are pieces
            left_out(number, _spread(source, line.strip() == b"["))
            return
        started = True
        try:
            counts.add(orjson.loads(line))
        except orjson.JSONDecodeError as error:
            left_out(number, _not_json(line, error))
        except DecisionFormatError as error:
            said = (problem.removeprefix("/: ") for problem in error.problems)  # the line
            left_out(number, "; ".join(said))


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


_OPENING = (b"{", b"[")
"""A first line that only opens an object or an array: JSON written over several lines."""


def _spread(source: str, array: bool) -> str:
    """Why JSON written over several lines (``jq .``, ``python -m json.tool``) is left out
    whole: each of its lines had been named, "not JSON (unexpected end of data, at column
    1)", a hundred of them a decision, none saying what to do."""
    from engine.inputkind import one_a_line

    return (
        "the input is JSON written over several lines (as `jq .` writes it), not one decision "
        f"a line, and none of it is read: {one_a_line(source, 'report', array)}"
    )


def _too_long(limit: int) -> str:
    """Why a line too long to be a decision is left out."""
    return f"the line is longer than {limit >> 20} MiB, so it is no decision `backplan eval` wrote"


def _compressed(source: str) -> str:
    """Why a compressed input is left out whole: each of its lines had been named, as "not
    JSON (str is not valid UTF-8: surrogates not allowed...)", thousands of them for a month."""
    from engine.inputkind import unzip

    return (
        "the input is compressed (gzip), so it holds no decision line, and none of it is "
        f"read: {unzip(source, 'report')}"
    )


def _not_json(line: bytes, error: Any) -> str:
    """Why a line is no JSON, and, for the checklist `eval --pretty` writes or a line cut
    short, what happened to it in words (orjson's "unexpected end of data" said neither)."""
    if line.startswith(b"Event "):
        return (
            "not JSON: this is `eval --pretty` output, a checklist for people; "
            "report on what `backplan eval` writes without --pretty"
        )
    if "end of data" in error.msg:  # eval writes whole lines: this one was cut
        return (
            f"not JSON: the line ends at column {error.colno}, before its decision does: it was "
            "cut short (a file copied in part, or `backplan eval` stopped as it wrote)"
        )
    return f"not JSON ({error.msg}, at column {error.colno})"
