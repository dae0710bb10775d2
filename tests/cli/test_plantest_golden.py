"""Golden plan-test output: what `backplan test` says, word for word.

Each test file in tests/golden/plantest/<case>.test.yaml (its event files beside it, in
events/) has the output of `backplan test` beside it in <case>.txt, run inside that folder
against tests/authoring/acme.yaml, so the paths in the output are relative. Regenerate after an
intended wording change with BACKPLAN_REGEN_GOLDEN=1 and read the diff as a manager would.
"""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from engine.cli import cli
from tests.conftest import REPO, check_golden

GOLDEN = REPO / "tests" / "golden" / "plantest"
PLAN = REPO / "tests" / "authoring" / "acme.yaml"
CASES = sorted(path.name.removesuffix(".test.yaml") for path in GOLDEN.glob("*.test.yaml"))
EXIT_CODES = {"refused-events": 1, "every-problem": 2, "checks-nothing": 2, "cannot-pass": 2}


def test_every_case_has_its_output_and_exit_code() -> None:
    assert {path.stem for path in GOLDEN.glob("*.txt")} == set(CASES) == set(EXIT_CODES)


@pytest.mark.parametrize("case", CASES)
def test_golden_plan_test_output(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GOLDEN)
    plan = os.path.relpath(PLAN, GOLDEN)  # the plan's places as `see:` lines, relative too
    result = CliRunner().invoke(cli, ["test", "--plan", plan, f"{case}.test.yaml"])
    assert result.exit_code == EXIT_CODES[case], result.output
    assert "Traceback" not in result.output
    check_golden(GOLDEN / f"{case}.txt", result.output)
