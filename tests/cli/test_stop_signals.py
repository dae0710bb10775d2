"""Ctrl-C, SIGTERM and SIGHUP stop `backplan eval` between lines, never inside one.

A signal used to land inside a write of a batch of answers to a full pipe (a slow reader, or
one paused): the bytes the pipe had taken were lost count of and the rest of the batch with
them, so the output ended in the middle of a line; SIGTERM (`kill`) and SIGHUP were not handled
at all, and ended the process wherever it was (found by review). Now the write is finished to
its end, then the command stops: exit 128 + the signal's number, a line on standard error.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine import output
from tests.conftest import REPO, stopped_mid_write

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="pipe sizes and signals as Linux has them"
)

RUN_CLI = [sys.executable, "-c", "from engine.cli import main; main()"]


def whole_decisions(written: bytes) -> list[str]:
    """The event ids of the output's lines, in order; fails on a line that is not a whole
    decision, or an output that does not end with the end of a line."""
    assert written.endswith(b"\n"), written[-200:]
    return [json.loads(line)["event_id"] for line in written.splitlines()]


@pytest.fixture
def events(tmp_path: Path) -> Path:
    """2,000 events: their answers (~1 MB) are written in batches far larger than a pipe of
    one page."""
    path = tmp_path / "events.jsonl"
    lines = (
        json.dumps({"id": f"e{n}", "type": "review", "rating": n % 5, "order": {"total": 40}})
        for n in range(2_000)
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["unbuffered", "buffered"])
@pytest.mark.parametrize(
    ("number", "status", "said"),
    [
        (signal.SIGINT, 130, b"\nAborted.\n"),
        (signal.SIGTERM, 143, b"backplan: stopped by SIGTERM\n"),
        (signal.SIGHUP, 129, b"backplan: stopped by SIGHUP\n"),
    ],
    ids=["SIGINT", "SIGTERM", "SIGHUP"],
)
def test_a_signal_in_the_middle_of_a_write_finishes_its_lines(
    tmp_path: Path, events: Path, number: int, status: int, said: bytes, unbuffered: str
) -> None:
    environment = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": unbuffered}
    code, written, stderr = stopped_mid_write(
        [*RUN_CLI, "eval", "--jobs", "1", str(events)],  # the starter plan
        number,
        env=environment,
        cwd=tmp_path,  # no ./rules of another plan to say a word about
    )
    ids = whole_decisions(written)
    assert ids == [f"e{n}" for n in range(len(ids))]  # in order, none left out
    assert 0 < len(ids) < 2_000  # it stopped
    assert (code, stderr) == (status, said)


# --- in this process: the handler, and what it leaves behind ----------------------------------


@pytest.fixture
def stopping() -> Iterator[None]:
    """The stop signals handled as `main` handles them, and as they were afterwards."""
    before = {number: signal.getsignal(number) for number in output.STOP_SIGNALS}
    try:
        with output.stopping_on_signals():
            yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def test_a_signal_inside_finish_first_is_raised_at_its_end(stopping: None) -> None:
    done = []
    with pytest.raises(output.Stopped) as stopped, output.finish_first:
        signal.raise_signal(signal.SIGTERM)
        done.append("the rest of the write")
    assert done == ["the rest of the write"]
    assert (stopped.value.number, stopped.value.name) == (signal.SIGTERM, "SIGTERM")
    # A second signal now ends the process, as by default (the first may wait on a reader).
    assert all(signal.getsignal(number) == signal.SIG_DFL for number in output.STOP_SIGNALS)


def test_ctrl_c_outside_a_write_is_raised_at_once(stopping: None) -> None:
    with pytest.raises(KeyboardInterrupt):
        signal.raise_signal(signal.SIGINT)


def test_an_ignored_signal_stays_ignored_and_the_others_are_put_back() -> None:
    """`nohup backplan eval …` ignores SIGHUP: the command must not stop on it."""
    before = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    terminate = signal.getsignal(signal.SIGTERM)
    try:
        with output.stopping_on_signals():
            assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
            assert signal.getsignal(signal.SIGTERM) != terminate
        assert signal.getsignal(signal.SIGTERM) == terminate
    finally:
        signal.signal(signal.SIGHUP, before)
