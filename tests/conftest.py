"""Shared test helpers: build plans from YAML text, and the golden-file switch."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

from engine.api import Plan, load_plan

# No timed assertions: hypothesis's default deadline (200 ms an example) fails a test whenever
# this shared 2-core machine is busy, which says nothing about the code under test.
settings.register_profile("backplan", deadline=None)
settings.load_profile("backplan")

REPO = Path(__file__).resolve().parent.parent
REGENERATE_GOLDEN = os.environ.get("BACKPLAN_REGEN_GOLDEN") == "1"
"""Golden files are rewritten only when this is set explicitly, never silently."""

HANG_GUARD_SECONDS = 20
"""How long a child process run by :func:`printed_by_a_child` may take before it counts as
hung: a guard, not a timing. What the tests run so took minutes while a pattern backtracked
over a long run of blanks or a long word, and takes milliseconds."""


def printed_by_a_child(code: str, stdin: str) -> str:
    """What the Python ``code`` prints, run in a child process in the repository with ``stdin``
    as its input; the test fails when it is not done after :data:`HANG_GUARD_SECONDS`."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=HANG_GUARD_SECONDS,
            cwd=REPO,
            check=False,  # its standard error is shown below
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {HANG_GUARD_SECONDS} s: it backtracks, or hangs")
    assert done.returncode == 0, done.stderr
    return done.stdout


PLAN_HEADER = """\
backplan: 1
plan:
  name: Test Store
  currency: USD
"""


def write_plan(
    directory: Path, body: str, *, header: str = PLAN_HEADER, name: str = "plan.yaml"
) -> Path:
    """Write a plan file: the standard header (unless replaced) followed by ``body``."""
    path = directory / name
    path.write_text(header + textwrap.dedent(body), encoding="utf-8")
    return path


@pytest.fixture
def plan_from(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Build a compiled Plan from YAML text (header added unless the text has `backplan:`)."""

    def build(body: str) -> Plan:
        text = textwrap.dedent(body)
        if text.lstrip().startswith("backplan:"):
            path = tmp_path / "plan.yaml"
            path.write_text(text, encoding="utf-8")
        else:
            path = write_plan(tmp_path, text)
        return load_plan(path)

    return build


def check_golden(path: Path, actual: str) -> None:
    """Compare with a golden file; rewrite it only when BACKPLAN_REGEN_GOLDEN=1."""
    if REGENERATE_GOLDEN or not path.exists():
        if not REGENERATE_GOLDEN:
            pytest.fail(
                f"golden file {path} is missing; run with BACKPLAN_REGEN_GOLDEN=1 to create it"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from golden file {path}"


def default_sigint() -> None:
    """For ``preexec_fn``: a child started from a shell's background job (as CI runs the
    tests) inherits "ignore SIGINT", and then Ctrl-C sent to it does nothing; restore it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
