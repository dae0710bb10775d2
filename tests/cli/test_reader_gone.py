"""A command whose reader goes away (`| head -1`) ends with the status it had reached.

Python ignores SIGPIPE, so a write to a pipe nobody reads any more fails with BrokenPipeError,
and the command stops quietly. With exit 0 whatever it had found, `backplan validate broken/
| head -1` passed a CI step (under `set -o pipefail`) on a plan with errors; and an error said
on a standard error nobody read turned exit 2 into 1 (found by review).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

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
