"""Time `backplan test` on a large plan, as a team runs it in CI: a fresh process per run.

The plan is the benchmark's 10,000-rule plan (``make_plan(10000)``, written with
``plan_yaml``); the test files hold 100 and 1,000 cases, one per generated event, each
expecting the rules the plan fires for it (``matched:``) and its compensation total, so every
case passes. The small ``examples/plan-tests.yaml`` on the starter plan is timed beside them.
Each file is run ``RUNS`` times with ``python -m engine test``; the median wall time is
printed, with the exit code and summary line (they must not change with the code).

usage: python -m bench.testtime [RUNS] [FOLDER]   (defaults: 3 runs, a temporary folder)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from bench.workload import make_events, make_plan, plan_yaml, stores_for

RULES = 10_000
CASES = (100, 1_000)
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "plan-tests.yaml"


def write_files(folder: Path) -> list[Path]:
    """The plan and the test files of :data:`CASES` cases in ``folder`` (made once, kept)."""
    plan_path = folder / "plan.yaml"
    paths = [folder / f"cases-{count}.test.yaml" for count in CASES]
    if plan_path.exists() and all(p.exists() for p in paths):
        return paths
    from engine.api import load_plan

    plan_path.write_text(plan_yaml(make_plan(RULES)), encoding="utf-8")
    plan = load_plan(plan_path)
    cases: list[dict[str, Any]] = []
    for index, event in enumerate(make_events(max(CASES), stores=stores_for(RULES))):
        decision = plan.decide(event)
        expect: dict[str, Any] = {"matched": decision["matched"]}
        if decision["compensation"] is not None:
            expect["compensation"] = {"total": decision["compensation"]["total"]}
        cases.append({"name": f"case {index}", "event": event, "expect": expect})
    for count, path in zip(CASES, paths, strict=True):
        document = {"backplan": 1, "plan": plan_path.name, "cases": cases[:count]}
        path.write_text(yaml.safe_dump(document, sort_keys=False, width=120), encoding="utf-8")
    return paths


def timed(path: Path, runs: int) -> tuple[float, int, str]:
    """Median seconds of ``backplan test PATH`` over ``runs`` runs, its exit code and its
    summary line (its last)."""
    seconds: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "engine", "test", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds.append(time.perf_counter() - start)
    out = done.stdout.strip()
    summary = out.splitlines()[-1] if out else done.stderr
    return statistics.median(seconds), done.returncode, summary


def main(argv: list[str]) -> int:
    if any(a in ("-h", "--help") for a in argv) or len(argv) > 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    runs = int(argv[0]) if argv else 3
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(argv[1]) if len(argv) > 1 else Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        files = [*write_files(folder), EXAMPLES]
        print(f"| test file | median s ({runs} runs) | exit | summary |")
        print("|---|---:|---:|---|")
        for path in files:
            seconds, code, summary = timed(path, runs)
            print(f"| {path.name} | {seconds:.2f} | {code} | {summary} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
