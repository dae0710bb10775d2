"""Golden diagnostics: what `backplan validate` says about broken plans, word for word.

The message text is the product here, so each broken plan in tests/golden/diagnostics/<case>.yaml
has its expected output beside it in <case>.txt. Binary, undecodable and huge files are made at
run time instead of being committed. Validation runs inside the folder of the file, so the paths
in the output are relative and the files are the same on every machine.

Regenerate after an intended wording change with BACKPLAN_REGEN_GOLDEN=1 and read the diff as a
manager would.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from tests.conftest import REPO, check_golden

GOLDEN = REPO / "tests" / "golden" / "diagnostics"


def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(size)

    return make


def _bytes(content: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content) and None


GENERATED: dict[str, Callable[[Path], None]] = {
    "binary-file": _bytes(b"backplan: 1\nplan:\n  name: \x00\x01\x02\x03\x89PNG\r\n\x1a\n"),
    "not-utf8": _bytes(b"backplan: 1\nplan:\n  name: Caf\xe9 Roma\n  currency: EUR\n"),
    "huge-file": _sparse(60 * 1024 * 1024),
}
"""Cases written at run time (tmp_path): their bytes do not belong in the repository."""

COMMITTED = sorted(path.stem for path in GOLDEN.glob("*.yaml"))
CASES = sorted([*COMMITTED, *GENERATED])


def validate_output(folder: Path, name: str) -> tuple[int, str]:
    """Run `backplan validate NAME` inside folder; the exit code and what a terminal shows."""
    previous = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(cli, ["validate", name])
    finally:
        os.chdir(previous)
    return result.exit_code, result.output


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 15
    assert not set(COMMITTED) & set(GENERATED)


def test_every_golden_output_has_its_case() -> None:
    expected = {path.stem for path in GOLDEN.glob("*.txt")}
    assert expected == set(CASES), "remove stale .txt files, or add the missing cases"


@pytest.mark.parametrize("case", CASES)
def test_golden_diagnostics(case: str, tmp_path: Path) -> None:
    if case in GENERATED:
        folder = tmp_path
        GENERATED[case](folder / f"{case}.yaml")
    else:
        folder = GOLDEN
    code, output = validate_output(folder, f"{case}.yaml")
    assert code == 1, output
    assert "Traceback" not in output
    lines = output.splitlines()
    assert re.fullmatch(r"1 problem found|([02-9]|[1-9][0-9]+) problems found", lines[-1])
    for line in lines[:-1]:
        assert line.startswith((f"{case}.yaml:", "  hint: ", "  see: ")), line
    check_golden(GOLDEN / f"{case}.txt", output)
