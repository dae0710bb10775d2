"""House style is part of the test suite: ruff (lint and format) and mypy --strict on engine/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    located = shutil.which(name)
    if located is None:
        pytest.fail(f"{name} is not installed; install the test extra: pip install -e '.[test]'")
    return located


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, check=False)


def test_ruff_lint_is_clean() -> None:
    result = _run(_tool("ruff"), "check", "engine", "tests", "bench", "examples")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = _run(_tool("ruff"), "format", "--check", "engine", "tests", "bench", "examples")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean() -> None:
    result = _run(_tool("mypy"), "engine")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_knows_the_public_names_and_refuses_misspelt_ones(tmp_path: Path) -> None:
    """An app type-checked against the package sees each exported name's real type, and a
    misspelt one is an error (the lazy module ``__getattr__`` once made any name ``Any``)."""
    app = tmp_path / "app.py"
    app.write_text(
        "import engine\n"
        "from typing import TypedDict\n"
        "from engine import Decision, EventError, load_plan\n"
        "class Complaint(TypedDict):\n"  # an app's own event type: a plain dict at run time
        "    id: str\n"
        "    type: str\n"
        "complaint: Complaint = {'id': 'e', 'type': 'review'}\n"
        "plan = load_plan('rules/')\n"
        "decision: Decision = plan.evaluate(complaint)\n"
        "from engine import Customer, Event\n"  # the typed event, its parts by their models
        "typed = Event(id='e', type='review', customer=Customer(first_name='Dana'))\n"
        "again: Decision = plan.evaluate(typed)\n"
        "error: type[EventError] = EventError\n"
        "from engine import load_plna\n"
        "count: int = engine.lod_plan\n",
        encoding="utf-8",
    )
    result = _run(_tool("mypy"), "--strict", "--no-incremental", str(app))
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in errors] == ["14", "15"], result.stdout
    assert all("[attr-defined]" in line for line in errors), result.stdout
