"""The same bytes in every process: each command's output does not depend on the hash seed.

Python salts the hash of every text with a per-process seed (``PYTHONHASHSEED``), so the order
of a set of texts, and of anything built by walking one, changes from one process to the next.
The property tests run in one process, where that order is fixed, and cannot see it: a rule
order, a list of findings or a report's rows taken from such a set would pass them all and
still differ between two runs of ``backplan eval`` on the same input, or between the workers of
one run and the process that started them. These tests run each command in child processes
with different seeds and compare what they write, byte for byte.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.workload import events_jsonl, make_events, make_plan, plan_yaml, stores_for

REPO = Path(__file__).resolve().parent.parent
SEEDS = ("1", "2", "3")
"""Three seeds: two processes agree by chance on the order of a small set of texts more often
than one might think (a set of two texts has only two orders)."""


def _written(args: list[str], seed: str, cwd: Path) -> tuple[int, bytes, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "engine", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        check=False,
        timeout=300,  # a guard against a hang, not a timing
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated 100-rule plan with rules of equal priority and tests of every operator, a
    thousand of its seeded events over a month, and its decisions of them."""
    where = tmp_path_factory.mktemp("seeds")
    (where / "plan.yaml").write_text(plan_yaml(make_plan(100, seed=5)), encoding="utf-8")
    events = events_jsonl(make_events(1_000, seed=5, stores=stores_for(100)))
    (where / "events.jsonl").write_bytes(events)
    code, decisions, _ = _written(["eval", "--plan", "plan.yaml", "events.jsonl"], "0", where)
    assert code == 0
    (where / "decisions.jsonl").write_bytes(decisions)
    return where


COMMANDS = {
    "eval, generated plan": ["eval", "--jobs", "2", "--plan", "plan.yaml", "events.jsonl"],
    "eval --pretty --explain": ["eval", "--pretty", "--explain", "--plan", "plan.yaml",
                                "events.jsonl"],
    "eval, starter plan": ["eval", "--plan", str(REPO / "rules"),
                           str(REPO / "examples" / "events" / "stream.jsonl")],
    "lint, generated plan": ["lint", "--format", "json", "plan.yaml"],
    "render, starter plan": ["render", str(REPO / "rules")],
    "render, generated plan": ["render", "plan.yaml"],
    "report": ["report", "--plan", "plan.yaml", "decisions.jsonl"],
    "report as data": ["report", "--format", "json", "--by", "day", "decisions.jsonl"],
    "test": ["test", str(REPO / "examples" / "plan-tests.yaml")],
    "compare as data": ["compare", "--format", "json",
                        str(REPO / "tests" / "golden" / "compare" / "before.jsonl"),
                        str(REPO / "tests" / "golden" / "compare" / "after.jsonl")],
    "compare, generated plan": ["compare", "decisions.jsonl", "decisions.jsonl"],
}  # fmt: skip


@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_command_writes_the_same_bytes_whatever_the_hash_seed(
    args: list[str], workdir: Path
) -> None:
    written = [_written(args, seed, workdir) for seed in SEEDS]
    code, out, err = written[0]
    assert out, f"nothing written by backplan {' '.join(args)}: {err.decode()}"
    assert code in (0, 1), err.decode()  # lint's findings exit 1; anything else is a failure
    for seed, other in zip(SEEDS[1:], written[1:], strict=True):
        assert other == written[0], f"PYTHONHASHSEED={seed} wrote otherwise than {SEEDS[0]}"
