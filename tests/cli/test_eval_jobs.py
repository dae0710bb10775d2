"""`backplan eval --jobs`: worker processes write byte for byte what one process writes.

These run the command in this process (CliRunner), so the workers are real forked processes
and the piece size can be made tiny to put piece boundaries everywhere.
"""

from __future__ import annotations

import array
import fcntl
import io
import json
import os
import signal
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import cli as cli_module
from engine import jsondocs, parallel, streams
from engine.answerer import answers as _answers
from engine.api import load_plan
from engine.cli import _answer_input, cli
from engine.inputevent import InputEvent
from engine.output import STOP_SIGNALS, stopping_on_signals
from engine.recentids import id_of
from engine.streams import MAX_EVENT_BYTES
from engine.tally import Answerer, Tally
from tests.conftest import restore_stop_signals, stopped_mid_write, write_plan

PLAN = """
rules:
  - id: bad-review
    title: Bad review
    when: {event: review, all: [{field: rating, lte: 2}]}
    then:
      - apologize: {within: 1h, message: "Sorry {customer.first_name}"}
      - compensate: {kind: voucher, percent: 10, of: order.total, min: 5}
  - id: improvise
    title: Nothing fits
    fallback: true
    then: [{escalate: {to: cx-lead, within: 30m}}]
"""

BOM = b"\xef\xbb\xbf"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="worker processes are forked on Linux only"
)


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    return write_plan(tmp_path, PLAN)


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of workers of every pool started (so a test knows workers were used)."""
    started: list[int] = []
    enter = parallel._Pool.__enter__

    def recording(self: parallel._Pool) -> parallel._Pool:
        started.append(self.size)
        return enter(self)

    monkeypatch.setattr(parallel._Pool, "__enter__", recording)
    return started


def two_workers(monkeypatch: pytest.MonkeyPatch, piece_bytes: int | None = None) -> None:
    """Have eval give a file of any size to two worker processes, in pieces of ``piece_bytes``
    (None: the usual size)."""
    if piece_bytes is not None:
        monkeypatch.setattr(parallel, "PIECE_BYTES", piece_bytes)
    monkeypatch.setattr(parallel, "MIN_AUTO_BYTES", 0)
    monkeypatch.setattr(parallel, "usable_cpus", lambda: 2)


def event(number: int, **fields: Any) -> bytes:
    body = {"id": f"e{number}", "type": "review", "rating": number % 5, **fields}
    body["customer"] = {"first_name": f"N{number}"}
    return json.dumps(body).encode()


def mixed_lines() -> list[bytes]:
    """Every kind of line one process tells apart, and long lines that span many pieces."""
    return [
        BOM,  # line 1: blank once its byte-order mark is dropped
        b"  \t\r",
        event(1),
        b"not json",
        BOM + event(2),  # a byte-order mark on a later line
        b"[1, 2]",
        b'{"type": "review"}',
        b"x" * (MAX_EVENT_BYTES + 1),  # one byte over the limit
        b"x" * MAX_EVENT_BYTES + b"\r",  # at the limit: its line's end, \r\n, is not counted
        b" " * (MAX_EVENT_BYTES + 5),  # blank, but too large
        event(3, text="y" * (3 * MAX_EVENT_BYTES)),  # too large, its tail in several chunks
        b'{"id": "nan", "type": "review", "rating": NaN}',
        b"\x0b\x0c",
        *(event(number) for number in range(4, 200)),
        b"",
        event(200),  # the last line, without a newline
    ]


def jsonl(lines: list[bytes], end: bytes = b"") -> bytes:
    return b"\n".join(lines) + end


def eval_bytes(plan_path: Path, *args: str, stdin: bytes | None = None) -> tuple[int, bytes]:
    result = CliRunner().invoke(cli, ["eval", "--plan", str(plan_path), *args], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout_bytes


@pytest.mark.parametrize("piece_bytes", [1, 700, 100_000, parallel.PIECE_BYTES])
def test_workers_write_what_one_process_writes(
    plan_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pools: list[int],
    piece_bytes: int,
) -> None:
    events = tmp_path / "events.jsonl"
    events.write_bytes(jsonl(mixed_lines()))
    two_workers(monkeypatch, piece_bytes)
    alone = eval_bytes(plan_path, "--jobs", "1", str(events))
    assert pools == []
    assert alone[0] == 1
    assert len(alone[1].splitlines()) == 207  # one per non-blank line
    for jobs in ("2", "3", "auto"):
        assert eval_bytes(plan_path, "--jobs", jobs, str(events)) == alone, jobs
    assert pools == [2, 3, 2]


def test_an_event_cut_over_lines_where_pieces_meet_is_told_as_one_process_tells_it(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An event written over two lines in the middle of a large log, wherever the pieces are
    cut: its two records name each other and the lines to join, as one process writes them."""
    lines = [event(number) for number in range(1, 1001)]
    lines[499] = event(500).replace(b'"review", ', b'"review",\n ')
    events = tmp_path / "events.jsonl"
    events.write_bytes(jsonl(lines, b"\n"))
    monkeypatch.setattr(parallel, "MIN_AUTO_BYTES", 0)
    alone = eval_bytes(plan_path, "--jobs", "1", str(events))
    assert alone[0] == 1
    records = [json.loads(line) for line in alone[1].splitlines()]
    assert len(records) == 1001  # one per line
    assert [record["error"]["line"] for record in records if "error" in record] == [500, 501]
    join = "each event must be on one line; join lines 500 and 501 and send it again"
    assert records[499]["error"]["message"] == (
        f"not valid JSON Lines: this event goes on at line 501, and {join}"
    )
    assert records[500]["error"]["message"] == (
        "not valid JSON Lines: this line is the end of the event that starts at line 500, and "
        + join
    )
    start = sum(len(line) + 1 for line in lines[:499])  # where line 500 starts
    between = start + lines[499].index(b"\n") + 1  # a first piece that ends after line 500
    for piece_bytes in (1, start - 20, between, 700):
        monkeypatch.setattr(parallel, "PIECE_BYTES", piece_bytes)
        assert eval_bytes(plan_path, "--jobs", "2", str(events)) == alone, piece_bytes


def _large_file_answered_alone(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines: list[bytes]
) -> tuple[Path, tuple[int, bytes], list[dict[str, Any]]]:
    """A file of these lines, 1 MiB or more (shared among two workers without being asked),
    and what one process answers of it (some of its lines rejected), as bytes and records."""
    data = jsonl(lines, b"\n")
    assert len(data) >= parallel.MIN_AUTO_BYTES
    events = tmp_path / "events.jsonl"
    events.write_bytes(data)
    monkeypatch.setattr(parallel, "usable_cpus", lambda: 2)
    alone = eval_bytes(plan_path, "--jobs", "1", str(events))
    assert alone[0] == 1
    return events, alone, [json.loads(line) for line in alone[1].splitlines()]


def test_an_event_cut_around_a_blank_line_in_a_large_file_is_told_as_one_process_tells_it(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pools: list[int]
) -> None:
    """A file of 1 MiB or more (shared among workers without being asked) holding an event
    written over lines with blank lines inside: its records name the lines to join, as one
    process writes them, wherever the pieces are cut: after its start (the next piece starts
    with blank lines), or after a blank line. A piece that started with a blank line had been
    read apart from the event's start, each line alone (a piece of blank lines alone:
    tests/test_streams.py)."""
    lines = [event(number) for number in range(1, 13_001)]
    lines[499] = event(500).replace(b'"review", ', b'"review",\n' + b"\n" * 40 + b" ")
    events, alone, records = _large_file_answered_alone(plan_path, tmp_path, monkeypatch, lines)
    assert len(records) == 13_001  # one per non-blank line
    assert [record["error"]["line"] for record in records if "error" in record] == [500, 541]
    join = "each event must be on one line; join lines 500 to 541 and send it again"
    assert records[499]["error"]["message"] == (
        f"not valid JSON Lines: this event goes on at line 541, and {join}"
    )
    assert records[500]["error"]["index"] == 500
    assert [records[n]["event_id"] for n in (499, 500)] == ["e500", "e500"]
    assert records[501]["event_id"] == "e501" and "error" not in records[501]
    start = sum(len(line) + 1 for line in lines[:499])  # where line 500 starts
    after_start = start + lines[499].index(b"\n") + 1  # a first piece that ends after it
    for piece_bytes in (after_start, after_start + 1, after_start + 20, after_start - 20):
        monkeypatch.setattr(parallel, "PIECE_BYTES", piece_bytes)
        assert eval_bytes(plan_path, str(events)) == alone, piece_bytes
    assert pools == [2, 2, 2, 2]


def test_events_cut_over_lines_with_mistakes_in_a_large_file_are_told_as_one_process_tells_them(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pools: list[int]
) -> None:
    """A file of 1 MiB or more holding events cut over lines whose lines joined hold a mistake
    (a comma before the `}`, a comma missing, a `}` never written before the next event, a
    mistake in the middle with lines after it): their records name the lines to join and the
    mistake, as one process writes them, wherever the pieces are cut."""
    lines = [event(number) for number in range(1, 13_001)]
    lines[499] = event(500).replace(b'"review", ', b'"review",\n ').replace(b"}}", b"},}")
    lines[599] = event(600).replace(b'"type": "review", ', b'"type": "review"\n ')
    lines[699] = event(700).replace(b'"review", ', b'"review",\n ')[:-1]  # its `}` lost
    lines[799] = (
        event(800)
        .replace(b'"review", ', b'"review",\n ')
        .replace(b'0, "customer"', b'0,,\n\n "customer"')
        .replace(b": {", b": {\n")
    )
    events, alone, records = _large_file_answered_alone(plan_path, tmp_path, monkeypatch, lines)
    assert len(records) == 13_006  # one per non-blank line
    errors = [record["error"] for record in records if "error" in record]
    assert [error["line"] for error in errors] == [500, 501, 601, 602, 702, 703, 803, 804, 806, 807]
    assert all("join lines" in error["message"] for error in errors)
    mistakes = [error["message"].split("once this is mended: ")[1] for error in errors]
    assert mistakes[0] == (
        "a comma after the last item of a list or object (at line 501, column 49); remove it"
    )
    assert mistakes[2].startswith("a `,` (before the next key) or the `}` that closes the")
    assert mistakes[4].startswith("the event ends too early (at line 703, column 49); the `{`")
    assert mistakes[6] == "a `,` where a key was due (at line 804, column 14); remove it"  # `,,`
    assert mistakes == [mistakes[n - n % 2] for n in range(6)] + [mistakes[6]] * 4
    start = sum(len(line) + 1 for line in lines[:499])  # where line 500 starts
    after_start = start + lines[499].index(b"\n") + 1  # a first piece that ends after it
    for piece_bytes in (after_start, after_start + 1, after_start - 20, 3000):
        monkeypatch.setattr(parallel, "PIECE_BYTES", piece_bytes)
        assert eval_bytes(plan_path, "--jobs", "2", str(events)) == alone, piece_bytes
    assert pools == [2, 2, 2, 2]


@pytest.mark.parametrize("kind", ["jsonl", "array"])
@pytest.mark.parametrize(
    ("slip", "warning"),
    [
        ({"rating": "2"}, "3 events went to the fallback holding a field"),
        ({"rating": 0, "order": {"total": "9.90"}}, "3 events had a percentage offer left"),
    ],
)
def test_workers_count_the_fields_off_the_schema_as_one_process_does(
    plan_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pools: list[int],
    slip: dict[str, Any],
    warning: str,
    kind: str,
) -> None:
    # The slip (a rating as text, or a total the offer is a percentage of) on lines 13, 26
    # and 39, not in the first piece: the first is named. A JSON array's events, one per
    # line, are shared by batches: what its workers counted was lost by a mutant, unsaid.
    lines = [event(n, **slip) if n % 13 == 12 else event(n) for n in range(40)]
    events = tmp_path / "events.jsonl"
    if kind == "jsonl":
        events.write_bytes(jsonl(lines, b"\n"))
    else:
        events.write_bytes(b"[\n" + b",\n".join(lines) + b"\n]\n")
        monkeypatch.setattr(jsondocs, "BATCH_BYTES", 700)
    monkeypatch.setattr(parallel, "PIECE_BYTES", 200)

    def warned(jobs: str) -> str:
        args = ["eval", "--plan", str(plan_path), "--jobs", jobs, str(events)]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        return str(result.stderr)

    alone = warned("1")
    field = "order.total" if "order" in slip else "rating"
    assert alone.count("warning:") == 1
    assert f"warning: {warning}" in alone
    line = 13 if kind == "jsonl" else 14  # the array's elements start on line 2
    assert f"(the first: the 13th event, on line {line}: `{field}`)" in alone
    assert warned("2") == warned("3") == alone
    assert pools == [2, 3]


def test_a_piece_may_end_exactly_where_a_line_ends(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pools: list[int]
) -> None:
    lines = [event(number) for number in range(40)]
    lines[7] = b"broken {"
    events = tmp_path / "events.jsonl"
    events.write_bytes(jsonl(lines, b"\n"))
    alone = eval_bytes(plan_path, "--jobs", "1", str(events))
    line_ends = [len(jsonl(lines[:count], b"\n")) for count in (1, 7, 8, 20)]
    for size in [size + delta for size in line_ends for delta in (-1, 0, 1)]:
        monkeypatch.setattr(parallel, "PIECE_BYTES", size)
        assert eval_bytes(plan_path, "--jobs", "2", str(events)) == alone, size
    assert len(pools) == 12


def test_answers_keep_the_input_order(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = tmp_path / "events.jsonl"
    events.write_bytes(jsonl([event(number) for number in range(500)], b"\n"))
    monkeypatch.setattr(parallel, "PIECE_BYTES", 1)  # a piece per line
    code, output = eval_bytes(plan_path, "--jobs", "3", str(events))
    assert code == 0
    assert [json.loads(line)["event_id"] for line in output.splitlines()] == [
        f"e{number}" for number in range(500)
    ]


@pytest.mark.parametrize("kind", ["jsonl", "array"])
@pytest.mark.parametrize("option", ["--pretty", "--explain", "--strict"])
def test_pretty_and_explain_work_with_workers(
    plan_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pools: list[int],
    option: str,
    kind: str,
) -> None:
    events = tmp_path / "events.json"
    off_schema = event(60, rating="2")  # rejected under --strict, decided otherwise
    if kind == "jsonl":  # and a line that is not JSON
        events.write_bytes(jsonl([event(n) for n in range(60)] + [off_schema, b"{oops"], b"\n"))
    else:  # a JSON array, in batches of a few elements
        events.write_bytes(b"[" + b",\n".join([*(event(n) for n in range(60)), off_schema]) + b"]")
        monkeypatch.setattr(jsondocs, "BATCH_BYTES", 500)
    monkeypatch.setattr(parallel, "PIECE_BYTES", 500)
    alone = eval_bytes(plan_path, option, "--jobs", "1", str(events))
    assert eval_bytes(plan_path, option, "--jobs", "2", str(events)) == alone
    assert pools == [2]
    assert alone[0] == (1 if kind == "jsonl" or option == "--strict" else 0)
    assert (b"off-schema" in alone[1]) == (option == "--strict")


def test_several_files_each_in_order(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pools: list[int]
) -> None:
    first, second = tmp_path / "first.jsonl", tmp_path / "second.json"
    first.write_bytes(jsonl([event(number) for number in range(30)], b"\n"))
    second.write_bytes(b"[" + b",".join(event(number) for number in range(30, 40)) + b"]")
    monkeypatch.setattr(parallel, "PIECE_BYTES", 200)
    files = [str(first), str(second), str(first)]
    alone = eval_bytes(plan_path, "--jobs", "1", *files)
    assert eval_bytes(plan_path, "--jobs", "2", *files) == alone
    assert len(alone[1].splitlines()) == 70
    assert pools == [2, 2]  # the JSON array was read by this process


@pytest.fixture
def no_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: parallel._Pool) -> parallel._Pool:
        raise AssertionError("no worker process should be started")

    monkeypatch.setattr(parallel._Pool, "__enter__", refuse)


@pytest.mark.usefixtures("no_workers")
def test_one_object_and_an_array_of_one_batch_are_read_by_one_process(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "PIECE_BYTES", 64)  # pieces enough for two workers
    # An array of one batch (jsondocs.BATCH_BYTES): larger ones are shared (see below).
    array = tmp_path / "events.json"
    array.write_bytes(b"[\n" + b",\n".join(event(number) for number in range(50)) + b"\n]\n")
    single = tmp_path / "event.json"
    single.write_text(json.dumps(json.loads(event(1)), indent=2))
    for path, count in ((array, 50), (single, 1)):
        code, output = eval_bytes(plan_path, "--jobs", "2", str(path))
        assert code == 0
        assert [json.loads(line)["format"] for line in output.splitlines()] == [
            "backplan.decision/1"
        ] * count


@pytest.mark.usefixtures("no_workers")
def test_stdin_is_read_by_one_process(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = jsonl([event(number) for number in range(20)] + [b"nope"], b"\n")
    code, output = eval_bytes(plan_path, "--jobs", "2", "-", stdin=data)
    assert code == 1
    assert len(output.splitlines()) == 21
    # Even when it is a regular file (`backplan eval < events.jsonl`).
    events = tmp_path / "events.jsonl"
    events.write_bytes(data)
    answer = _answers(load_plan(plan_path), pretty=False, with_trace=False)
    out = io.BytesIO()
    monkeypatch.setattr(parallel, "PIECE_BYTES", 64)  # pieces enough for two workers
    with events.open("rb") as raw:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))
        assert parallel.workers_for(sys.stdin.buffer, 2) == 2  # a file, were it named
        assert _answer_input(answer, sys.stdin.buffer, "<stdin>", out, 2).rejected == 1
    assert out.getvalue() == output


def test_the_help_says_when_auto_uses_workers() -> None:
    help_text = " ".join(CliRunner().invoke(cli, ["eval", "--help"]).output.split())
    assert f"a file of {parallel.MIN_AUTO_BYTES >> 20} MiB or more" in help_text


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", "²"])
def test_jobs_must_be_auto_or_a_count(plan_path: Path, value: str) -> None:
    result = CliRunner().invoke(cli, ["eval", "--plan", str(plan_path), "--jobs", value])
    assert result.exit_code == 2
    assert "auto" in result.output


def test_how_many_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "usable_cpus", lambda: 2)
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    small.write_bytes(b"{}\n")
    large.write_bytes(b"{}\n" * (parallel.MIN_AUTO_BYTES // 3 + 1))

    def workers(path: Path, jobs: int | None) -> int:
        with path.open("rb") as stream:
            return parallel.workers_for(stream, jobs)

    assert workers(large, None) == 2
    assert workers(small, None) == 1  # forking would not pay
    assert workers(small, 3) == 1  # asked for, but the file is one piece
    assert workers(large, 3) == 3  # asked for
    assert workers(large, 99) == -(-large.stat().st_size // parallel.PIECE_BYTES)  # one a piece
    monkeypatch.setattr(parallel, "PIECE_BYTES", 64)
    assert workers(large, 99) == 2 * parallel.MAX_WORKERS_PER_CPU  # so many pieces: the CPUs
    assert workers(large, 10**8) == 2 * parallel.MAX_WORKERS_PER_CPU  # it forked until EMFILE
    monkeypatch.setattr(parallel, "PIECE_BYTES", 1 << 18)
    assert workers(large, 1) == 1
    monkeypatch.setattr(parallel, "usable_cpus", lambda: 1)
    assert workers(large, None) == 1
    assert parallel.workers_for(io.BytesIO(b"{}\n"), 2) == 1  # no file behind it
    reader, writer = os.pipe()
    with os.fdopen(reader, "rb") as pipe, os.fdopen(writer, "wb"):
        assert parallel.workers_for(pipe, 2) == 1  # perhaps a live stream
    with open(os.devnull, "rb") as device:
        assert parallel.workers_for(device, 2) == 1  # no file, though it tells where it is
    monkeypatch.setattr(parallel.sys, "platform", "darwin")
    assert workers(large, 2) == 1  # fork is Linux's


def test_the_workers_are_counted_from_the_bytes_left_to_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What is left of the file from where it is read counts, an empty one has one worker,
    and a file of exactly ``MIN_AUTO_BYTES`` is large enough for workers (mutants counting
    the bytes read too, giving an empty file none, or needing a byte more, survived)."""
    monkeypatch.setattr(parallel, "usable_cpus", lambda: 4)
    monkeypatch.setattr(parallel, "PIECE_BYTES", 100)
    monkeypatch.setattr(parallel, "MIN_AUTO_BYTES", 300)
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"x" * 300)
    with path.open("rb") as stream:
        assert parallel.workers_for(stream, None) == 3
        assert parallel.workers_for(stream, 16) == 3
        stream.read(150)  # two pieces left
        assert parallel.workers_for(stream, 16) == 2
        stream.read()
        assert parallel.workers_for(stream, 16) == 1
    path.write_bytes(b"x" * 299)
    with path.open("rb") as stream:
        assert parallel.workers_for(stream, None) == 1


@pytest.mark.parametrize(
    ("affinity", "count", "quota", "usable"),
    [
        (8, 8, None, 8),
        (8, 64, 2, 2),  # a container's limit
        (2, 64, 8, 2),  # the CPUs this process may run on
        (None, 6, None, 6),  # no affinity on this platform: the CPUs
        (None, 6, 3, 3),
        (None, None, None, 1),  # the platform cannot tell: one
        (None, None, 3, 1),  # not even under a quota
    ],
)
def test_the_usable_cpus_are_the_process_s_within_its_quota(
    monkeypatch: pytest.MonkeyPatch,
    affinity: int | None,
    count: int | None,
    quota: int | None,
    usable: int,
) -> None:
    from engine import cpuquota

    if affinity is None:
        monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    else:  # this process's own (0), not another's
        mask = set(range(affinity))
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid: mask if pid == 0 else {0})
    monkeypatch.setattr(os, "cpu_count", lambda: count)
    monkeypatch.setattr(cpuquota, "cpu_quota", lambda: quota)
    assert parallel.usable_cpus() == usable


LINES = st.one_of(
    st.builds(event, st.integers(0, 99)),
    st.sampled_from(
        [b"", b" ", b"\t\r", BOM, b"{", b"nope", b"[1]", b"{}", b'{"id": 1}', BOM + event(5)]
    ),
    # first lines that are broken: JSON Lines all the same, told a line at a time
    st.sampled_from([b'{"id": 1,', b"[oops", b'[{"id": 1}, {"id": 2', b'[{"id": 1},']),
    # lines that go on an event cut over lines, with a mistake of their own
    st.sampled_from([b'"rating": 1,}', b'"t" 2,', b"]}", b'"t": [1,,']),
    st.builds(
        lambda n, c, end: c * n + end,
        st.integers(40, 140),
        st.sampled_from([b" ", b"x", b"{"]),
        st.sampled_from([b"", b"\r"]),  # the line's end is no part of the event's size
    ),
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    lines=st.lists(LINES, max_size=25),
    end=st.sampled_from([b"", b"\n"]),
    bom=st.booleans(),
    piece_bytes=st.integers(1, 300),
)
def test_any_jsonl_gives_the_same_bytes_with_workers(
    plan_path: Path,
    tmp_path: Path,
    lines: list[bytes],
    end: bytes,
    bom: bool,
    piece_bytes: int,
) -> None:
    events = tmp_path / "random.jsonl"
    events.write_bytes((BOM if bom else b"") + jsonl(lines, end))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(streams, "MAX_EVENT_BYTES", 100)  # lines over the limit are common here
        patch.setattr(parallel, "PIECE_BYTES", piece_bytes)
        alone = eval_bytes(plan_path, "--jobs", "1", str(events))
        assert eval_bytes(plan_path, "--jobs", "2", str(events)) == alone


PIECE_LINES = st.one_of(
    LINES,
    st.builds(lambda n: event(n, rating=str(n)), st.integers(0, 9)),  # off the schema: counted
    st.builds(lambda n: event(n, order={"total": str(n)}), st.integers(0, 9)),  # unsized: too
    st.builds(lambda n: event(n, type=None), st.integers(0, 9)),  # not decided: a record
    st.sampled_from(
        [
            b'{"id":"d","type":"review","a":' + b"[" * 65 + b"]" * 65 + b"}",  # too deep
            b"[" * 70 + b"]" * 70,
            b"x" * 250,  # over the event limit: in two chunks
            b"y" * 700,  # in several
            b'{"id": 1, "type": "review"' + b" " * 300 + b"}",
            b'{"id": "c", "type": "review",\n"rating": 1}',  # an event cut over two lines
            b'"rating": 1}',  # the end of one, alone
            b'{"id": "c", "type": "review",\n"rating": 1,}',  # the same, with a mistake
            b'{"id": "c", "type": "review",\n"t": [1,,\n\n2]}',  # one in the middle
            b'{"id": "r", "type": "review", "rating": 1, "rating": 5}',  # a key twice
            b'{"id": "r", "type": "review", "rating": 1, "rating": 1}',  # ... alike: read once
            b'{"id": "s", "type": "review", "o": {"total": 1, "total": 2}}',
        ]
    ),
)


@pytest.fixture(scope="module")
def piece_answerers(tmp_path_factory: pytest.TempPathFactory) -> list[Answerer]:
    """The answerers of every kind of output, on PLAN (one plan for the module's examples)."""
    plan = load_plan(write_plan(tmp_path_factory.mktemp("piece-plan"), PLAN))
    options = [
        (False, False, False),
        (True, False, False),
        (False, True, False),
        (False, False, True),
    ]
    return [_answers(plan, pretty, trace, strict) for pretty, trace, strict in options]


@settings(max_examples=150, deadline=None)
@given(
    lines=st.lists(PIECE_LINES, max_size=20),
    end=st.sampled_from([b"", b"\n"]),
    kind=st.integers(0, 3),
)
def test_a_piece_answers_the_usual_lines_as_the_general_reader_does(
    piece_answerers: list[Answerer], lines: list[bytes], end: bytes, kind: int
) -> None:
    """answer_piece answers the usual line from its parsed value and any other through the
    general reader: the answers and the counts are those of reading every line the general
    way (with a small event limit, so lines over it and in chunks are common)."""
    answer = piece_answerers[kind]  # JSONL, --pretty, --explain, --strict
    piece = streams.Piece(jsonl(lines, end), 7, 3)  # a piece from the middle of an input
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(streams, "MAX_EVENT_BYTES", 200)
        tally, answers = parallel.answer_piece(answer, "in.jsonl", piece)
        events = streams.line_events(streams.piece_lines(piece), "in.jsonl", 7, 3)
        general = [(item, answer.answer(item)) for item in events]
    assert answers == b"".join(line for _, (line, _, _) in general)
    expected = Tally()
    for item, (_, failed, off_schema) in general:
        expected.ids.append(None if failed else id_of(item.value))  # for the parent to note
        if failed or off_schema is not None:
            expected.count(item, failed, off_schema)
    assert tally == expected


# --- real processes: a closed pipe, Ctrl-C, a worker killed -------------------------------------

RUN_SMALL_PIECES = [
    sys.executable,
    "-c",
    "import engine.parallel; engine.parallel.PIECE_BYTES = 4096\n"
    "from engine.cli import main; main()",
]
"""The command with pieces of 4 KiB: the workers are many pieces ahead of a blocked reader."""
WAIT_LIMIT_SECONDS = 120
"""How long a test waits for a process before calling it hung (never a timing assertion)."""


@pytest.fixture
def many_events(tmp_path: Path) -> Path:
    """About 350 KiB of events, 86 pieces, a rejected one among them; the answers are ~3 MiB,
    so a writer whose reader does not read blocks long before the end."""
    lines = [event(number) for number in range(6_000)]
    lines[3_001] = b"{broken"
    path = tmp_path / "many.jsonl"
    path.write_bytes(jsonl(lines, b"\n"))
    return path


def _alone(plan_path: Path, events: Path) -> subprocess.CompletedProcess[bytes]:
    command = [*RUN_SMALL_PIECES, "eval", "--plan", str(plan_path), "--jobs", "1", str(events)]
    return subprocess.run(command, capture_output=True, check=False, timeout=WAIT_LIMIT_SECONDS)


def _start(plan_path: Path, events: Path, **options: Any) -> subprocess.Popen[bytes]:
    command = [*RUN_SMALL_PIECES, "eval", "--plan", str(plan_path), "--jobs", "2", str(events)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **options)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            status = (entry / "stat").read_text() if entry.name.isdigit() else ""
        except OSError:  # it ended meanwhile
            continue
        if status and int(status.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _workers(process: subprocess.Popen[bytes]) -> list[int]:
    """The process's two workers, once both are started."""
    deadline = time.monotonic() + WAIT_LIMIT_SECONDS
    while len(workers := _children(process.pid)) < 2:
        assert time.monotonic() < deadline, "the workers never started"
        time.sleep(0.01)
    return workers


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.parametrize("rejected_first", [False, True], ids=["decided", "rejected"])
def test_a_closed_pipe_stops_workers_quietly(
    plan_path: Path, many_events: Path, rejected_first: bool
) -> None:
    """With the status reached, as one process: 1 once a rejected event's answer was written,
    though its reader went away (docs/cli.md)."""
    if rejected_first:
        many_events.write_bytes(b"{broken\n" + many_events.read_bytes())
    process = _start(plan_path, many_events)
    assert process.stdout is not None
    workers = _workers(process)
    first = process.stdout.readline()
    process.stdout.close()  # like `| head -1`
    _, stderr = process.communicate(timeout=WAIT_LIMIT_SECONDS)
    assert ("error" in json.loads(first), json.loads(first)["event_id"]) == (
        (True, None) if rejected_first else (False, "e0")
    )
    assert (process.returncode, stderr) == (int(rejected_first), b"")
    assert all(_gone(pid) for pid in workers)


def test_ctrl_c_writes_the_answers_made_in_order_and_stops(
    plan_path: Path, many_events: Path
) -> None:
    expected = _alone(plan_path, many_events).stdout
    # Its own process group, as a terminal's job: Ctrl-C reaches the workers too.
    process = _start(
        plan_path,
        many_events,
        bufsize=0,  # unbuffered: what readline reads past the first line stays in the pipe
        start_new_session=True,
        preexec_fn=restore_stop_signals,
    )
    assert process.stdout is not None
    try:
        workers = _workers(process)
        first = process.stdout.readline()  # answers are being written: it is mid-way
        os.killpg(process.pid, signal.SIGINT)
        rest, stderr = process.communicate(timeout=WAIT_LIMIT_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert stderr.strip() in (b"", b"Aborted.")  # no traceback, from any of the processes
    written = first + rest
    assert expected.startswith(written)  # every answer written is in its place
    assert len(written) < len(expected)  # and it did stop
    assert all(_gone(pid) for pid in workers)


def test_sigterm_writes_whole_lines_and_stops_the_workers(
    plan_path: Path, many_events: Path
) -> None:
    """`kill` (SIGTERM) of the command alone, while it writes a piece's answers to a full
    pipe: it ended there, in the middle of a line (found by review). Now it finishes the
    write, writes the answers it has, stops the workers, and ends with 143."""
    command = [*RUN_SMALL_PIECES, "eval", "--plan", str(plan_path), "--explain", "--jobs", "2"]
    workers: list[int] = []
    code, written, stderr = stopped_mid_write(
        [*command, str(many_events)],
        signal.SIGTERM,
        just_before=lambda pid: workers.extend(_children(pid)),
    )
    assert (code, stderr) == (143, b"backplan: stopped by SIGTERM\n")
    assert written.endswith(b"\n")
    ids = [json.loads(line)["event_id"] for line in written.splitlines()]  # each line whole
    assert 0 < len(ids) < 3_001  # it stopped, before the broken line
    assert ids == [f"e{number}" for number in range(len(ids))]  # in order, none left out
    assert len(workers) == 2
    assert all(_gone(pid) for pid in workers)


def _signal_sets(pid: int) -> dict[str, set[int]]:
    """The signals a process blocks, ignores and handles (``/proc/PID/status``)."""
    sets = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, mask = line.partition(":")
        if name in ("SigBlk", "SigIgn", "SigCgt"):
            bits = int(mask, 16)
            sets[name] = {number for number in range(1, 65) if bits >> (number - 1) & 1}
    return sets


@pytest.mark.usefixtures("default_stop_signals")
def test_a_worker_leaves_ctrl_c_and_sighup_to_this_process_and_ends_on_sigterm() -> None:
    """Ctrl-C and a closed terminal's SIGHUP reach every process of the job: a worker ignores
    both, so that this process writes the answers the workers sent and stops them itself, with
    SIGTERM, which ends a worker at once, whatever it is doing. Forked while the stop signals
    are held back (:meth:`engine.parallel._Pool.start`), a worker lets them through again:
    blocked, SIGTERM would wait for a worker that waits to write its answers."""
    every = Answerer(lambda item: (b"%d\n" % item.index, False, None), lambda value: None)
    warnings: list[str] = []
    with stopping_on_signals(), parallel._Pool(every, "events.jsonl", 1) as pool:
        worker = pool.workers[0]
        piece = streams.Piece(b'{"n": 0}\n', 1, 0)
        pool.write(iter([piece]), io.BytesIO(), warnings.append)  # answered: it is all set up
        sets = _signal_sets(worker.pid)
        assert {signal.SIGINT, signal.SIGHUP} <= sets["SigIgn"]
        assert not set(STOP_SIGNALS) & (sets["SigBlk"] | sets["SigCgt"])
        os.kill(worker.pid, signal.SIGTERM)
        assert worker._reap() == -signal.SIGTERM
    assert warnings == []


def _ignore_sigchld() -> None:
    """For ``preexec_fn``: start the command as a program that ignores SIGCHLD starts it."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)


@pytest.mark.parametrize("sigchld", ["default", "ignored"])
def test_a_killed_worker_loses_no_answer(plan_path: Path, many_events: Path, sigchld: str) -> None:
    """Also when the command was started with SIGCHLD ignored, which Linux passes on: it then
    reaps every child as it ends, and waiting for the worker killed failed; eval ended "cannot
    read it: No such process" with exit 2 and a fraction of the answers."""
    alone = _alone(plan_path, many_events)
    assert alone.returncode == 1
    options = {"preexec_fn": _ignore_sigchld} if sigchld == "ignored" else {}
    process = _start(plan_path, many_events, **options)  # its reader waits: it blocks
    workers = _workers(process)
    os.kill(workers[0], signal.SIGKILL)
    stdout, stderr = process.communicate(timeout=WAIT_LIMIT_SECONDS)
    assert stdout == alone.stdout
    assert process.returncode == alone.returncode
    assert (
        b"a worker process stopped: the system stopped it (SIGKILL), most often because the "
        b"computer ran out of memory; deciding the rest in this process" in stderr
    )
    assert b"Traceback" not in stderr
    assert all(_gone(pid) for pid in workers)


@pytest.fixture
def sigchld_ignored() -> Iterator[None]:
    """SIGCHLD ignored, as a program that ignores it passes it on to the commands it starts
    (so that their children need no waiting for), and as it was afterwards."""
    before = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGCHLD, before)


def test_workers_are_waited_for_when_sigchld_was_ignored(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sigchld_ignored: None
) -> None:
    """Linux reaps the children of a process that ignores SIGCHLD as they end, and waiting
    for one then fails: every event was decided, and eval ended "cannot read it: No child
    processes", exit 2, its -o file not written. Its workers are waited for now, and SIGCHLD
    is left ignored."""
    events = tmp_path / "events.jsonl"
    events.write_bytes(jsonl([event(number) for number in range(40)], b"\n"))
    monkeypatch.setattr(parallel, "PIECE_BYTES", 700)
    alone = eval_bytes(plan_path, "--jobs", "1", str(events))
    decisions = tmp_path / "decisions.jsonl"
    result = CliRunner().invoke(
        cli, ["eval", "--plan", str(plan_path), "--jobs", "2", "-o", str(decisions), str(events)]
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert decisions.read_bytes() == alone[1]
    assert signal.getsignal(signal.SIGCHLD) == signal.SIG_IGN


def test_the_workers_pipes_are_all_closed_after_each_input(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pools: list[int]
) -> None:
    """Every input of a run has workers of its own: a pipe left open by each would use up the
    files a process may open over a replay of many inputs, and then no worker could start."""
    events = tmp_path / "events.jsonl"
    events.write_bytes(jsonl([event(number) for number in range(40)], b"\n"))
    monkeypatch.setattr(parallel, "PIECE_BYTES", 700)
    before = sorted(os.listdir("/proc/self/fd"))
    assert eval_bytes(plan_path, "--jobs", "2", str(events), str(events))[0] == 0
    assert pools == [2, 2]
    assert sorted(os.listdir("/proc/self/fd")) == before


def _zombie(pid: int) -> bool:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"


def test_after_a_worker_died_the_rest_is_read_a_piece_at_a_time() -> None:
    """The pieces left are answered here one by one: none twice, and the input is not read
    ahead whole (a worker killed for memory must not make this process read the whole file)."""
    read = [0]
    answered: list[tuple[int, int]] = []  # (event index, pieces read from the input by then)

    def pieces() -> Any:
        for number in range(50):
            read[0] += 1
            yield streams.Piece(b'{"n": %d}\n' % number, number + 1, number)

    def answer(item: InputEvent) -> tuple[bytes, bool, str | None]:
        answered.append((item.index, read[0]))
        return b"%d\n" % item.index, False, None

    out = io.BytesIO()
    warnings: list[str] = []
    every = Answerer(answer, lambda value: None)  # every event answered as an InputEvent
    with parallel._Pool(every, "events.jsonl", 2) as pool:
        first = pool.workers[0]
        os.kill(first.pid, signal.SIGKILL)  # gone before its first piece is sent
        deadline = time.monotonic() + WAIT_LIMIT_SECONDS
        while not _zombie(first.pid):
            assert time.monotonic() < deadline, "the killed worker never ended"
            time.sleep(0.01)
        assert pool.write(pieces(), out, warnings.append).rejected == 0
    assert out.getvalue() == b"".join(b"%d\n" % number for number in range(50))
    assert warnings == [
        "a worker process stopped: the system stopped it (SIGKILL), most often because the "
        "computer ran out of memory; deciding the rest in this process"
    ]
    assert all(read_by_then <= index + 2 for index, read_by_then in answered)
    assert [index for index, _ in answered] == list(range(50))  # each once, in order


def test_a_worker_killed_with_a_piece_waiting_in_its_pipe_loses_no_answer() -> None:
    """A worker holds the piece it answers and the next; when it dies both are answered here,
    each once and in order, with everything after them."""
    parent = os.getpid()
    held: list[int] = []

    def answer(item: InputEvent) -> tuple[bytes, bool, str | None]:
        if os.getpid() != parent:  # a worker never answers: it is killed holding its pieces
            time.sleep(WAIT_LIMIT_SECONDS)
        return b"%d\n" % item.index, False, None

    out = io.BytesIO()
    warnings: list[str] = []
    with parallel._Pool(Answerer(answer, lambda value: None), "events.jsonl", 1) as pool:
        worker = pool.workers[0]

        def pieces() -> Any:
            for number in range(20):
                if number == 2:  # pieces 0 and 1 are the worker's (it never answers them)
                    held.append(len(worker.pieces))
                    os.kill(worker.pid, signal.SIGKILL)
                yield streams.Piece(b'{"n": %d}\n' % number, number + 1, number)

        assert pool.write(pieces(), out, warnings.append).rejected == 0
    assert held == [parallel.QUEUED] == [2]
    assert out.getvalue() == b"".join(b"%d\n" % number for number in range(20))
    assert len(warnings) == 1
    assert warnings[0].startswith("a worker process stopped: the system stopped it (SIGKILL)")


@pytest.mark.parametrize(
    ("fault", "words"),
    [(MemoryError, "it ran out of memory"), (ZeroDivisionError, "it met an unexpected error")],
)
def test_a_worker_that_fails_is_said_why_and_loses_no_answer(
    fault: type[Exception], words: str
) -> None:
    """A worker that ran out of memory outside deciding (reading a piece; deciding says so in
    the event's record) was said to have "exited with status 70", which told a manager
    nothing; now it is said in words, and its pieces are answered here, each once, in order."""
    parent = os.getpid()

    def answer(item: InputEvent) -> tuple[bytes, bool, str | None]:
        if os.getpid() != parent:
            raise fault
        return b"%d\n" % item.index, False, None

    pieces = [streams.Piece(b'{"n": %d}\n' % number, number + 1, number) for number in range(6)]
    out = io.BytesIO()
    warnings: list[str] = []
    with parallel._Pool(Answerer(answer, lambda value: None), "events.jsonl", 2) as pool:
        assert pool.write(iter(pieces), out, warnings.append).rejected == 0
    assert out.getvalue() == b"".join(b"%d\n" % number for number in range(6))
    assert warnings == [f"a worker process stopped: {words}; deciding the rest in this process"]


def _recorded_endings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How each worker reaped from now on ended (``os.waitstatus_to_exitcode``), in order."""
    endings: list[int] = []
    waitpid = os.waitpid

    def recording(pid: int, options: int) -> tuple[int, int]:
        reaped = waitpid(pid, options)
        endings.append(os.waitstatus_to_exitcode(reaped[1]))
        return reaped

    monkeypatch.setattr(parallel.os, "waitpid", recording)
    return endings


def test_a_slow_piece_that_held_the_window_back_loses_no_piece_after_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where a worker holds one piece at a time (Linux did not say how large its pipe is), the
    other answers every piece the window lets through while the first decides a slow one;
    once that one is answered and the window moves on, the pieces after it are handed out, and
    none is left unanswered though every worker was idle for a moment."""
    monkeypatch.setattr(parallel, "_pipe_room", lambda fd: 0)
    parent = os.getpid()
    release, released = os.pipe()

    def answer(item: InputEvent) -> tuple[bytes, bool, str | None]:
        if os.getpid() != parent and item.index == 0:  # until the window is full behind it
            os.read(release, 1)
        return b"%d\n" % item.index, False, None

    pieces = [streams.Piece(b'{"n": %d}\n' % number, number + 1, number) for number in range(20)]
    out = io.BytesIO()
    try:
        with parallel._Pool(Answerer(answer, lambda value: None), "events.jsonl", 2) as pool:
            window = set(range(1, parallel.AHEAD * 2))

            def releasing() -> None:
                deadline = time.monotonic() + WAIT_LIMIT_SECONDS
                while not window <= pool.answered.keys() and time.monotonic() < deadline:
                    time.sleep(0.01)
                os.write(released, b"x")

            releaser = threading.Thread(target=releasing)
            releaser.start()
            pool.write(iter(pieces), out, lambda warning: None)
            releaser.join()
    finally:
        os.close(release)
        os.close(released)
    assert out.getvalue() == b"".join(b"%d\n" % number for number in range(20))


def test_a_forced_stop_ends_a_worker_in_the_middle_of_its_piece(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C (or anything that goes wrong here) stops the workers at once, whatever they are
    deciding: waited for instead, a worker kept the command from ending until its pieces were
    answered, and for good when its answers filled its pipe, which nothing reads any more."""
    parent = os.getpid()

    def answer(item: InputEvent) -> tuple[bytes, bool, str | None]:
        if os.getpid() != parent:  # the worker is busy until it is stopped
            time.sleep(WAIT_LIMIT_SECONDS)
        return b"%d\n" % item.index, False, None

    endings = _recorded_endings(monkeypatch)
    with (
        pytest.raises(RuntimeError),
        parallel._Pool(Answerer(answer, lambda value: None), "events.jsonl", 1) as pool,
    ):
        pool.workers[0].send((0, streams.Piece(b'{"n": 0}\n', 1, 0)))
        raise RuntimeError
    assert endings == [-signal.SIGTERM]


def test_the_workers_pipes_are_made_large() -> None:
    """Both pipes of a worker are asked for :data:`PIPE_BYTES`: answers read through small
    pipes cost this process more reads, and a small task pipe holds no second piece, so the
    worker would wait for each piece (:meth:`engine.parallel._Worker.takes`)."""
    reader, writer = os.pipe()
    try:
        fcntl.fcntl(writer, fcntl.F_SETPIPE_SZ, parallel.PIPE_BYTES)  # (not the code tested)
    except OSError:
        pytest.skip("this system keeps pipes smaller (/proc/sys/fs/pipe-max-size)")
    finally:
        os.close(reader)
        os.close(writer)
    every = Answerer(lambda item: (b"\n", False, None), lambda value: None)
    with parallel._Pool(every, "events.jsonl", 1) as pool:
        worker = pool.workers[0]
        assert worker.room == parallel.PIPE_BYTES - parallel.QUEUED * 2 * parallel.PAGE_BYTES
        assert fcntl.fcntl(worker.answers, fcntl.F_GETPIPE_SZ) == parallel.PIPE_BYTES


def test_a_worker_takes_a_second_piece_only_when_both_fit_its_pipe() -> None:
    header = parallel._PIECE_HEADER.size
    worker = parallel._Worker(pid=0, tasks=-1, answers=-1, room=2 * (100 + header))

    def piece(size: int) -> streams.Piece:
        return streams.Piece(b"x" * size, 1, 0)

    assert worker.takes(piece(10 * worker.room))  # idle: it reads as this process writes
    worker.pieces.append((0, piece(100)))
    assert worker.takes(piece(100))
    assert not worker.takes(piece(101))  # both would not fit: sending could wait forever
    worker.pieces.append((1, piece(10)))
    assert not worker.takes(piece(1))  # never more than two
    unknown = parallel._Worker(pid=0, tasks=-1, answers=-1, room=0)  # Linux did not say
    unknown.pieces.append((0, piece(0)))
    assert not unknown.takes(piece(0))


@pytest.mark.parametrize("force", [True, False], ids=["forced", "gently"])
def test_stopping_a_worker_already_reaped_is_quiet_and_closes_its_pipes(force: bool) -> None:
    """A Ctrl-C that lands after a worker is reaped (``os.waitpid`` returned) but before its
    pid is cleared leaves the pid of a process that is gone: the pool's stop then killed and
    waited for it again, and ProcessLookupError or ChildProcessError, not the Ctrl-C, ended
    the command. Stopping such a worker is quiet, and its pipes are still closed."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)  # reaped behind the worker's back, its pid left as it was
    tasks_reader, tasks = os.pipe()
    answers, answers_writer = os.pipe()
    worker = parallel._Worker(pid=pid, tasks=tasks, answers=answers, room=0)
    try:
        worker.stop(force)
        assert (worker.pid, worker.tasks, worker.answers) == (0, -1, -1)
        assert os.read(tasks_reader, 1) == b""  # its task pipe's end is closed
    finally:
        os.close(tasks_reader)
        os.close(answers_writer)


_HEADER, _PAGE = parallel._PIECE_HEADER.size, parallel.PAGE_BYTES


@pytest.mark.parametrize(
    "first_size",
    [0, 1, _PAGE - _HEADER - 1, _PAGE - _HEADER, _PAGE - 1, parallel.PIECE_BYTES],
    ids=["empty", "one byte", "page - header - 1", "page - header", "page - 1", "piece"],
)
def test_a_task_pipe_holds_two_pieces_unread(first_size: int) -> None:
    """Two pieces that takes() lets through fit in a task pipe nobody reads: the writes never
    wait (else this process could wait on a worker that waits for it). The first piece's size
    leaves as much of a page unused as it can; the second is the largest takes() allows."""
    reader, writer = os.pipe()
    try:
        try:
            parallel._set_pipe_size(writer, parallel.PIPE_BYTES)
        except OSError:
            pytest.skip("this system keeps pipes smaller (/proc/sys/fs/pipe-max-size)")
        room = parallel._pipe_room(writer)
        assert room >= parallel.QUEUED * (parallel.PIECE_BYTES + _HEADER)  # else no queueing
        worker = parallel._Worker(pid=0, tasks=writer, answers=-1, room=room)
        second_size = room - 2 * _HEADER - first_size
        worker.pieces.append((0, streams.Piece(b"x" * first_size, 1, 0)))
        assert worker.takes(streams.Piece(b"y" * second_size, 2, 1))
        assert not worker.takes(streams.Piece(b"y" * (second_size + 1), 2, 1))
        os.set_blocking(writer, False)  # a write that would wait raises BlockingIOError
        for size in (first_size, second_size):
            parallel._write_all(writer, b"h" * _HEADER, b"x" * size)
    finally:
        os.close(reader)
        os.close(writer)


def _unread(fd: int) -> int:
    """The bytes waiting in a pipe."""
    count = array.array("i", [0])
    fcntl.ioctl(fd, termios.FIONREAD, count)
    return count[0]


INDEXED = Answerer(lambda item: (b"%d\n" % item.index, False, None), lambda value: None)
"""Every event answered by its index, as an InputEvent."""


def _until_all_answered(
    pool: parallel._Pool, workers: list[parallel._Worker] | None = None
) -> None:
    """Wait until every piece the workers (all of the pool's by default) hold is answered, its
    answers in their pipes."""
    for worker in pool.workers if workers is None else workers:
        whole = 0
        for _, piece in worker.pieces:
            tally, lines = parallel.answer_piece(INDEXED, "events.jsonl", piece)
            whole += parallel._ANSWERS_HEADER.size + len(tally.to_bytes()) + len(lines)
        deadline = time.monotonic() + WAIT_LIMIT_SECONDS
        while _unread(worker.answers) < whole:
            assert time.monotonic() < deadline, "the workers never answered"
            time.sleep(0.01)


def test_ctrl_c_writes_both_answers_a_worker_has_finished() -> None:
    """A worker may have finished both pieces it holds: what is kept on Ctrl-C holds both."""
    pieces = [streams.Piece(b'{"n": %d}\n' % number, number + 1, number) for number in range(4)]
    out = io.BytesIO()
    with parallel._Pool(INDEXED, "events.jsonl", 2) as pool:
        numbered = enumerate(pieces)
        pool.following = next(numbered)
        pool._hand_out(numbered)  # as write() starts
        assert [[number for number, _ in w.pieces] for w in pool.workers] == [[0, 2], [1, 3]]
        _until_all_answered(pool)
        pool._keep_ready()  # what write() does on KeyboardInterrupt, then writes in order
        pool._write_in_order(out)
    assert out.getvalue() == b"0\n1\n2\n3\n"


def test_ctrl_c_in_the_middle_of_handing_out_writes_what_the_workers_answered() -> None:
    """Ctrl-C while pieces are handed out: the answers the workers have finished (both pieces
    each holds) are written, in order, before the command stops."""
    out = io.BytesIO()
    with parallel._Pool(INDEXED, "events.jsonl", 2) as pool:

        def pieces() -> Iterator[streams.Piece]:
            for number in range(4):  # two a worker
                yield streams.Piece(b'{"n": %d}\n' % number, number + 1, number)
            _until_all_answered(pool)
            raise KeyboardInterrupt  # as Ctrl-C does, while the fifth is read

        with pytest.raises(KeyboardInterrupt):
            pool.write(pieces(), out, lambda warning: None)
    assert out.getvalue() == b"0\n1\n2\n3\n"


def test_ctrl_c_keeps_what_is_finished_without_waiting_for_a_busy_worker() -> None:
    """A worker still deciding when Ctrl-C comes is not waited for; the answers the other
    finished are kept (written once those before them are)."""
    parent = os.getpid()

    def answer(item: InputEvent) -> tuple[bytes, bool, str | None]:
        if os.getpid() != parent and item.index in (0, 2):  # the first worker's pieces
            time.sleep(WAIT_LIMIT_SECONDS)
        return b"%d\n" % item.index, False, None

    out = io.BytesIO()
    pool = parallel._Pool(Answerer(answer, lambda value: None), "events.jsonl", 2)

    def pieces() -> Iterator[streams.Piece]:
        for number in range(4):  # 0 and 2 to the first worker, 1 and 3 to the second
            yield streams.Piece(b'{"n": %d}\n' % number, number + 1, number)
        _until_all_answered(pool, pool.workers[1:])
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt), pool:  # (stopped as Ctrl-C stops it: at once)
        pool.write(pieces(), out, lambda warning: None)
    assert sorted(pool.answered) == [1, 3]
    assert out.getvalue() == b""


def test_after_a_worker_died_the_others_are_stopped_not_waited_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Their pieces are answered here with the rest: left running, a busy worker was waited
    for at the end (forever, had its answers filled its pipe)."""
    parent = os.getpid()
    endings = _recorded_endings(monkeypatch)

    def answer(item: InputEvent) -> tuple[bytes, bool, str | None]:
        if os.getpid() != parent:  # the workers never answer
            time.sleep(WAIT_LIMIT_SECONDS)
        return b"%d\n" % item.index, False, None

    out = io.BytesIO()
    with parallel._Pool(Answerer(answer, lambda value: None), "events.jsonl", 2) as pool:

        def pieces() -> Iterator[streams.Piece]:
            for number in range(6):
                if number == 4:  # each worker holds two pieces: the first is killed
                    os.kill(pool.workers[0].pid, signal.SIGKILL)
                yield streams.Piece(b'{"n": %d}\n' % number, number + 1, number)

        pool.write(pieces(), out, lambda warning: None)
    assert out.getvalue() == b"".join(b"%d\n" % number for number in range(6))
    assert endings == [-signal.SIGKILL, -signal.SIGTERM]


def test_when_no_worker_can_be_started_one_process_answers(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = tmp_path / "events.jsonl"
    events.write_bytes(jsonl(mixed_lines()))
    alone = eval_bytes(plan_path, "--jobs", "1", str(events))
    forks: list[int] = []
    real_fork = os.fork

    def fork_once_then_fail() -> int:  # the second worker hits a process limit
        if forks:
            raise OSError(11, "Resource temporarily unavailable")
        pid = real_fork()
        forks.append(pid)  # (in the worker, _worker_process never returns)
        return pid

    monkeypatch.setattr(parallel.os, "fork", fork_once_then_fail)
    files = sorted(os.listdir("/proc/self/fd"))
    result = CliRunner().invoke(cli, ["eval", "--plan", str(plan_path), "--jobs", "2", str(events)])
    assert (result.exit_code, result.stdout_bytes) == alone
    assert len(forks) == 1
    assert _gone(forks[0])  # the worker started was stopped and waited for, not left idle
    assert sorted(os.listdir("/proc/self/fd")) == files  # the pipes made for the second too
    assert (
        "could not start the worker processes for --jobs (Resource temporarily unavailable)"
        in result.stderr
    )


def test_a_fallback_warning_says_the_output_is_whole(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whoever reads the warning wants to know whether the output can be used as it is."""
    events = tmp_path / "events.jsonl"
    events.write_bytes(jsonl([event(number) for number in range(5)], b"\n"))

    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(parallel, "PIECE_BYTES", 64)  # pieces enough for two workers
    monkeypatch.setattr(parallel.os, "fork", no_fork)
    result = CliRunner().invoke(cli, ["eval", "--plan", str(plan_path), "--jobs", "2", str(events)])
    assert result.exit_code == 0
    assert len(result.stdout_bytes.splitlines()) == 5
    assert result.stderr == (
        f"backplan: {events}: could not start the worker processes for --jobs (Resource "
        "temporarily unavailable); deciding every event in this one process instead (the output "
        "is complete and in order)\n"
    )


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "output-file"])
def test_running_out_of_memory_part_way_says_the_answers_are_not_all_there(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, to_file: bool
) -> None:
    """This process ran out of memory reading a large file for its workers: eval ended with
    1, which says every event has its answer (some rejected), with a fraction of them
    written. Now 2, as for an input that could not be read, and -o's file is left as it was."""
    events = tmp_path / "events.jsonl"
    events.write_bytes(jsonl([event(number) for number in range(40)], b"\n"))
    decisions = tmp_path / "decisions.jsonl"
    decisions.write_bytes(b"yesterday\n")
    real = parallel.jsonl_pieces

    def exhausted(*arguments: Any) -> Any:
        pieces = real(*arguments)
        yield next(pieces)
        raise MemoryError

    monkeypatch.setattr(parallel, "PIECE_BYTES", 700)
    monkeypatch.setattr(parallel, "jsonl_pieces", exhausted)
    output = ["-o", str(decisions)] if to_file else []
    result = CliRunner().invoke(
        cli, ["eval", "--plan", str(plan_path), "--jobs", "2", *output, str(events)]
    )
    assert result.exit_code == 2, result.exception
    said = [cli_module.OUT_OF_MEMORY]
    if to_file:
        said.append(f"backplan: {decisions} was left as it was")
        assert result.stdout_bytes == b""
    assert result.stderr.splitlines() == said
    assert decisions.read_bytes() == b"yesterday\n"
    assert sorted(os.listdir(tmp_path)) == ["decisions.jsonl", "events.jsonl", "plan.yaml"]


@pytest.mark.parametrize(
    "first",
    [
        b'{"id": "broken",',
        b"[oops",
        b'[{"id": "a"}, {"id": "b"',
        json.dumps([json.loads(event(n)) for n in range(30)]).encode(),  # an array over 1 KiB
    ],
    ids=["brace", "bracket", "batch-cut-short", "long-array"],
)
def test_jsonl_whose_first_line_is_broken_or_an_array_is_decided_by_workers(
    plan_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pools: list[int],
    first: bytes,
) -> None:
    # Such a file had been read whole to tell it from one document (up to 64 MiB, or as one
    # broken array): never cut into pieces, and lines lost or numbered one off.
    events = tmp_path / "events.jsonl"
    events.write_bytes(jsonl([first, *(event(number) for number in range(40))], b"\n"))
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", 1000)
    monkeypatch.setattr(parallel, "PIECE_BYTES", 700)
    alone = eval_bytes(plan_path, "--jobs", "1", str(events))
    assert pools == []
    assert eval_bytes(plan_path, "--jobs", "2", str(events)) == alone
    answers = [json.loads(line) for line in alone[1].splitlines()]
    assert [answer["event_id"] for answer in answers][-40:] == [f"e{n}" for n in range(40)]
    assert {answer["error"]["line"] for answer in answers if "error" in answer} <= {1}
    assert pools == ([] if first.startswith(b'[{"id": "e0') else [2])


@pytest.mark.usefixtures("no_workers")
def test_a_named_pipe_is_read_by_one_process(plan_path: Path, tmp_path: Path) -> None:
    """A pipe may be a live stream, whose answers must come as each event does (--help)."""
    fifo = tmp_path / "events.fifo"
    os.mkfifo(fifo)
    data = jsonl([event(number) for number in range(20)], b"\n")
    writer = subprocess.Popen([sys.executable, "-c", f"open({str(fifo)!r}, 'wb').write({data!r})"])
    try:
        code, output = eval_bytes(plan_path, "--jobs", "2", str(fifo))
    finally:
        writer.wait(timeout=WAIT_LIMIT_SECONDS)
    assert code == 0
    assert len(output.splitlines()) == 20
    help_text = " ".join(CliRunner().invoke(cli, ["eval", "--help"]).output.split())
    assert "Standard input, pipes and JSON objects are always decided by one process" in help_text


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (3, "it exited with status 3"),
        (0, "it exited with status 0"),
        (-signal.SIGHUP, "it was stopped by SIGHUP"),
        (parallel._FAILED, "it met an unexpected error"),
        (parallel._OUT_OF_MEMORY, "it ran out of memory"),
        (
            -signal.SIGKILL,
            "the system stopped it (SIGKILL), most often because the computer ran out of memory",
        ),
        (-signal.SIGTERM, "it was stopped by SIGTERM"),
        (-200, "it was stopped by signal 200"),
    ],
)
def test_how_a_worker_ended_is_said_in_words(code: int, words: str) -> None:
    assert parallel._ending(code) == words


def array_elements() -> list[bytes]:
    """A JSON array's elements of every kind one process tells apart: events, elements that
    are not events, events over a field's limit, and one long enough to be walked."""
    return [
        event(0),
        b"5",
        b'{"type": "review"}',  # no id
        b'{"id": "long-key", "type": "review", "' + b"k" * 1001 + b'": 1}',  # a key over the limit
        b'"text"',
        *(event(number) for number in range(2, 120)),
        event(120, text="y" * 2000),  # its JSON over 1,000 bytes: walked, not written back
        b"[]",
        event(121),
    ]


@pytest.mark.parametrize(
    "layout",
    ["one-line", "pretty", "then-lines"],
)
def test_a_json_array_is_decided_by_workers_as_by_one_process(
    plan_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pools: list[int],
    layout: str,
) -> None:
    # A JSON array had always been decided by one process, however large (a replay exported
    # as one array of 60 MB took twice as long as the same events as JSONL).
    elements = array_elements()
    if layout == "pretty":  # elements on lines of their own: error records name each one's
        data = b"[\n  " + b",\n  ".join(elements) + b"\n]\n"
    else:
        data = b"[" + b", ".join(elements) + b"]\n"
    if layout == "then-lines":  # JSON Lines after an array on the first line: read after it
        data += jsonl([event(200), b"nope", event(201)], b"\n")
    events = tmp_path / "events.json"
    events.write_bytes(data)
    monkeypatch.setattr(jsondocs, "BATCH_BYTES", 700)  # batches of a few elements each
    two_workers(monkeypatch, 700)  # (how many workers a file may have)
    alone = eval_bytes(plan_path, "--jobs", "1", str(events))
    assert pools == []
    answers = [json.loads(line) for line in alone[1].splitlines()]
    assert len(answers) == len(elements) + 3 * (layout == "then-lines")
    errors = {answer["error"]["index"]: answer["error"] for answer in answers if "error" in answer}
    assert sorted(errors)[:4] == [1, 2, 3, 4]
    if layout == "pretty":
        assert [errors[index]["line"] for index in (1, 2, 3, 4)] == [3, 4, 5, 6]
    for jobs in ("2", "3", "auto"):
        assert eval_bytes(plan_path, "--jobs", jobs, str(events)) == alone, jobs
    assert pools == [2, 3, 2]


def test_an_array_of_one_batch_or_with_a_mistake_is_read_by_one_process(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pools: list[int]
) -> None:
    monkeypatch.setattr(jsondocs, "BATCH_BYTES", 700)
    monkeypatch.setattr(parallel, "PIECE_BYTES", 700)
    monkeypatch.setattr(parallel, "MIN_AUTO_BYTES", 0)
    small = tmp_path / "small.json"
    small.write_bytes(b"[" + b", ".join(event(number) for number in range(3)) + b"]")
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"[" + b", ".join([*array_elements(), b"NaN"]) + b"]")
    for path in (small, broken):
        alone = eval_bytes(plan_path, "--jobs", "1", str(path))
        assert eval_bytes(plan_path, "--jobs", "2", str(path)) == alone
    assert pools == []


def test_an_array_has_no_more_workers_than_batches_whatever_jobs_asks(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pools: list[int]
) -> None:
    # Its pieces for --jobs are counted in bytes, its batches in whole elements: a worker
    # beyond the batches would be forked to wait for nothing (a mutant forked them).
    monkeypatch.setattr(jsondocs, "BATCH_BYTES", 700)
    monkeypatch.setattr(parallel, "PIECE_BYTES", 100)
    data = b"[" + b", ".join(event(number) for number in range(10)) + b"]"
    opening = streams.open_events(io.BytesIO(data), "events.json")
    assert isinstance(opening, jsondocs.ArrayEvents) and len(opening.batches) == 2
    path = tmp_path / "events.json"
    path.write_bytes(data)
    alone = eval_bytes(plan_path, "--jobs", "1", str(path))
    assert eval_bytes(plan_path, "--jobs", "4", str(path)) == alone
    assert pools == [2]


def test_a_batch_answered_here_after_a_worker_died_reads_as_in_the_whole(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What this process does with the pieces a dead worker left: the same answers."""
    data = b"[\n  " + b",\n  ".join(array_elements()) + b"\n]\n"
    monkeypatch.setattr(jsondocs, "BATCH_BYTES", 700)
    answer = _answers(load_plan(plan_path), pretty=False, with_trace=False)
    whole = io.BytesIO()
    tally = _answer_input(answer, io.BytesIO(data), "in.json", whole, 1)
    array = streams.open_events(io.BytesIO(data), "in.json")
    assert isinstance(array, jsondocs.ArrayEvents)
    pieces = list(array.pieces())
    assert len(pieces) > 2
    answered = [parallel.answer_piece(answer, "in.json", piece) for piece in pieces]
    assert b"".join(lines for _, lines in answered) == whole.getvalue()
    assert sum(counts.rejected for counts, _ in answered) == tally.rejected == 5


def test_when_no_worker_can_be_started_one_process_answers_an_array(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = tmp_path / "events.json"
    events.write_bytes(b"[" + b", ".join(array_elements()) + b"]\n" + event(300) + b"\n")
    monkeypatch.setattr(jsondocs, "BATCH_BYTES", 700)
    monkeypatch.setattr(parallel, "PIECE_BYTES", 700)
    alone = eval_bytes(plan_path, "--jobs", "1", str(events))

    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(parallel.os, "fork", no_fork)
    result = CliRunner().invoke(cli, ["eval", "--plan", str(plan_path), "--jobs", "2", str(events)])
    assert (result.exit_code, result.stdout_bytes) == alone
    assert json.loads(alone[1].splitlines()[-1])["event_id"] == "e300"
    assert "could not start the worker processes for --jobs" in result.stderr


def test_a_compressed_file_is_one_error_record_with_or_without_workers(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A gzip file was answered with one record per newline byte in it (hundreds, all but
    the first "not valid UTF-8 text"); now one, and the file after it is decided as before,
    by one process or by workers alike."""
    import gzip
    import random

    log = tmp_path / "events.jsonl.gz"
    log.write_bytes(gzip.compress(random.Random(3).randbytes(300_000), mtime=0))
    assert log.read_bytes().count(b"\n") > 500
    events = tmp_path / "events.jsonl"
    events.write_bytes(jsonl([event(number) for number in range(30)], b"\n"))
    two_workers(monkeypatch, 4096)
    alone = eval_bytes(plan_path, "--jobs", "1", str(log), str(events))
    assert alone[0] == 1
    records = [json.loads(line) for line in alone[1].splitlines()]
    assert len(records) == 31
    assert records[0]["error"]["message"].startswith("the input is compressed (gzip)")
    assert [record["format"] for record in records[1:]] == ["backplan.decision/1"] * 30
    for jobs in ("2", "auto"):
        assert eval_bytes(plan_path, "--jobs", jobs, str(log), str(events)) == alone, jobs


@pytest.mark.parametrize("piece_bytes", [1, 700, 4096])
def test_events_decided_again_are_told_alike_by_workers_and_one_process(
    plan_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pools: list[int],
    piece_bytes: int,
) -> None:
    """A webhook sent twice had both its events decided, each with its voucher, exit 0 and no
    word. The events whose id was decided shortly before are told once the input is read, the
    same whichever process decided them and wherever pieces end; an event rejected (its id
    with no type) neither is told nor tells another, and one further back than the ids
    remembered is left to `backplan report`."""
    from engine import recentids

    monkeypatch.setattr(recentids, "REMEMBERED", 50)
    lines = [event(number) for number in range(300)]
    lines[40] = event(35)  # 5 answers back
    lines[41] = b'{"id": "e40"}'  # rejected, then its id decided
    lines[290] = event(200)  # 90 answers back: in the generation before (200..249 / 250..299)
    lines[299] = event(100)  # 199 answers back: forgotten
    events = tmp_path / "events.jsonl"
    events.write_bytes(jsonl(lines, b"\n"))
    two_workers(monkeypatch, piece_bytes)
    said = []
    for jobs in ("1", "2"):
        result = CliRunner().invoke(
            cli, ["eval", "--jobs", jobs, "--plan", str(plan_path), str(events)]
        )
        assert result.exit_code == 1  # the rejected event
        said.append(result.stderr)
    assert pools == [2]
    assert said[0] == said[1]
    assert (
        "warning: 2 events had the id of an event decided before, and each was decided again "
        "(the first: the 41st event, id `e35`, as the 36th event); if the events were sent "
        "twice, act on one decision of each id, and send each event once\n"
    ) in said[0]


def test_an_input_given_twice_has_every_event_told(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`backplan eval day.jsonl day.jsonl` decided every complaint twice without a word."""
    two_workers(monkeypatch)
    events = tmp_path / "day.jsonl"
    events.write_bytes(jsonl([event(number) for number in range(3)], b"\n"))
    result = CliRunner().invoke(cli, ["eval", "--plan", str(plan_path), str(events), str(events)])
    assert result.exit_code == 0
    assert result.stderr == (
        f"backplan: {events}: warning: 3 events had the id of an event decided before, and "
        f"each was decided again (the first: the 1st event, id `e0`, as the 1st event of "
        f"{events}, given twice); if the events were sent twice, act on one decision of each "
        "id, and send each event once\n"
    )
