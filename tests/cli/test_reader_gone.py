"""A command whose reader goes away (`| head -1`) ends with the status it had reached.

Python ignores SIGPIPE, so a write to a pipe nobody reads any more fails with BrokenPipeError,
and the command stops quietly. With exit 0 whatever it had found, `backplan validate broken/
| head -1` passed a CI step (under `set -o pipefail`) on a plan with errors; and an error said
on a standard error nobody read turned exit 2 into 1 (found by review).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, restore_stop_signals

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")

ENV = {**os.environ, "PYTHONPATH": str(REPO)}
BROKEN = (
    "backplan: 1\nplan: {name: T, currency: USD}\nrules:\n"
    "  - {id: r, title: r, when: {event: revew}, then: [{apologize: {}}]}\n"
    "  - {id: r, title: q, when: {event: revew}, then: [{apologize: {}}]}\n"
)


def run_with_reader_gone(arguments: list[str], stream: str) -> int:
    """The command's exit status, its standard output or error a pipe already closed at the
    other end (so its first write there fails, as after `| head -1` has read its line)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    streams = {stream: write_end, "stdout" if stream == "stderr" else "stderr": subprocess.DEVNULL}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "engine", *arguments],
            cwd=REPO,
            env=ENV,
            check=False,
            **streams,  # type: ignore[arg-type]
        )
    finally:
        os.close(write_end)
    return done.returncode


@pytest.mark.parametrize(
    ("command", "status"),
    [(["validate"], 1), (["lint"], 1), (["validate", "rules"], 0)],
    ids=["validate-broken", "lint-broken", "validate-valid"],
)
def test_a_check_whose_reader_left_ends_with_its_result(
    tmp_path: Path, command: list[str], status: int
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(BROKEN, encoding="utf-8")
    arguments = command if len(command) > 1 else [*command, str(plan)]
    assert run_with_reader_gone(arguments, "stdout") == status


def test_lint_strict_with_warnings_whose_reader_left_ends_with_1(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        BROKEN.replace("revew", "review").replace("id: r, title: q", "id: q, title: q"),
        encoding="utf-8",
    )
    assert run_with_reader_gone(["lint", "--strict", str(plan)], "stdout") == 1


@pytest.mark.parametrize("case", ["missing-input", "invalid-plan"])
def test_an_error_said_to_a_standard_error_nobody_reads_keeps_its_status(
    tmp_path: Path, case: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(BROKEN, encoding="utf-8")
    arguments = (
        ["eval", "no-such-events.json"]
        if case == "missing-input"
        else ["eval", "--plan", str(plan), "examples/events/billing-error.json"]
    )
    assert run_with_reader_gone(arguments, "stderr") == 2


def test_with_standard_error_closed_nothing_reaches_standard_output() -> None:
    """Click wrote its usage error to standard output when there was no standard error: a
    script reading the answers got text that is not JSON."""
    done = subprocess.run(
        [sys.executable, "-m", "engine", "eval", "no-such-events.json"],
        cwd=REPO,
        env=ENV,
        capture_output=False,
        stdout=subprocess.PIPE,
        stderr=None,
        check=False,
        preexec_fn=lambda: os.close(2),
    )
    assert (done.returncode, done.stdout) == (2, b"")


FAILING_CASE = """\
backplan: 1
plan: {plan}
cases:
  - name: a case that fails
    event: {{id: e, type: review, rating: 1, public: true, channel: google}}
    expect: {{fallback: true}}
"""


def test_a_failing_plan_test_whose_reader_left_ends_with_1(tmp_path: Path) -> None:
    tests = tmp_path / "tests.yaml"
    tests.write_text(FAILING_CASE.format(plan=REPO / "rules"), encoding="utf-8")
    assert run_with_reader_gone(["test", str(tests)], "stdout") == 1


def test_an_invalid_test_file_said_to_nobody_keeps_exit_2(tmp_path: Path) -> None:
    tests = tmp_path / "tests.yaml"
    tests.write_text("backplan: 1\ncases:\n  - {name: a, event: {id: e}, expect: {x: 1}}\n")
    assert run_with_reader_gone(["test", str(tests)], "stderr") == 2


@pytest.mark.parametrize("unbuffered", ["", "1"])
@pytest.mark.parametrize("command", ["eval", "explain"])
def test_a_rejected_event_answered_to_a_reader_gone_ends_with_1(
    tmp_path: Path, command: str, unbuffered: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """eval noted a rejection only once an input was answered in full: its first answer
    written unbuffered (PYTHONUNBUFFERED, as in many containers) failed first, and it ended
    with 0 (found by review)."""
    events = tmp_path / "events.jsonl"
    events.write_text('{bad\n{"id": "a", "type": "review"}\n', encoding="utf-8")
    monkeypatch.setitem(ENV, "PYTHONUNBUFFERED", unbuffered)
    assert run_with_reader_gone([command, str(events)], "stdout") == 1


def test_ctrl_c_with_standard_error_gone_still_ends_with_130() -> None:
    """Click's own message for Ctrl-C was the write that failed, and the command ended with
    0 as if standard output's reader had gone (found by review)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    child = subprocess.Popen(
        [sys.executable, "-m", "engine", "eval", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=write_end,
        cwd=REPO,
        env=ENV,
        preexec_fn=restore_stop_signals,  # noqa: PLW1509 - the restore must happen in the child
    )
    os.close(write_end)
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(b'{"id": "a", "type": "review"}\n')
    child.stdin.flush()
    assert child.stdout.readline().startswith(b"{")  # decided, and waiting for more
    child.send_signal(signal.SIGINT)
    assert child.wait(timeout=30) == 130
