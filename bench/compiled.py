"""What compiling the engine's library to C would buy: the decision timed pure and compiled.

``Plan.evaluate`` on the bench's 100-rule plan takes about 8× an ``orjson.loads`` of the
event, where the target is 5×, and a decision spends its time in the interpreter. This measures
the obvious way out: the library modules a decision runs through compiled with mypyc (which
ships with mypy), in a copy of ``engine/`` in a temporary folder; the plan's generated code
(its matcher and builders) is made at load and stays interpreted. Each of ``--rounds`` rounds
times ``Plan.evaluate`` and the parse in a fresh process of each build, the builds alternating,
and the medians are printed with how many decisions the two builds wrote differently (the
compiled build is not held to the tests, so it may differ; see docs/performance.md).

Not a dependency of anything: it needs mypy (the ``test`` extra) and a C compiler, and takes
about a minute (40 s of it compiling).

usage: python -m bench.compiled [--rounds 3] [--events 20000]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

import orjson

REPOSITORY = Path(__file__).resolve().parent.parent
MODULES = (
    "evaluate",
    "compile",
    "builder",
    "assembly",
    "actions",
    "compensation",
    "pricecode",
    "money",
    "fields",
    "operators",
    "templates",
    "utctime",
)
"""The modules compiled: those a decision spends its time in (identity, matching's helpers,
the merged actions, the builders' helpers, pricing, deadlines); ``api``, ``decision`` and
``regex`` are on its path too, a call or two each."""


def compiled_copy(work: Path) -> Path:
    """A copy of ``engine/`` (and the ``schemas/`` it reads) in ``work`` with :data:`MODULES`
    compiled by mypyc; its folder.

    The copy holds no ``pyproject.toml``: the setuptools that mypyc drives refuses the
    project's ``license`` table."""
    shutil.copytree(REPOSITORY / "engine", work / "engine", ignore=_no_caches)
    shutil.copytree(REPOSITORY / "schemas", work / "schemas")  # the engine reads them beside it
    paths = [f"engine/{name}.py" for name in MODULES]
    _python(["-m", "mypyc", *paths], work, "mypyc")
    return work


def _python(arguments: list[str], folder: Path, what: str) -> str:
    """What this Python run with ``arguments`` in ``folder`` writes; the run ends the script,
    saying what failed (``what``) and the end of its output, when it fails."""
    done = subprocess.run(
        [sys.executable, *arguments], cwd=folder, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"{what} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return done.stdout


class Timing(NamedTuple):
    """One timing process's findings (:func:`_child`)."""

    floor: float
    """µs per event of the parse."""
    evaluate: float
    """µs per event of ``Plan.evaluate``."""
    digests: list[str]
    """Each decision's line, digested, in the events' order."""
    file: str
    """The file ``engine.evaluate`` was imported from: which build ran."""


def _no_caches(folder: str, names: list[str]) -> list[str]:
    return [name for name in names if name == "__pycache__" or name.endswith(".so")]


def _child(root: str, count: int) -> None:
    """In a fresh process: time the parse and ``Plan.evaluate`` with ``engine`` from ``root``;
    print the per-event medians and the decisions' digests as JSON."""
    sys.path.insert(0, root)
    sys.path.insert(1, str(REPOSITORY))  # bench itself, from the repository

    from bench.worker import per_event_us
    from bench.workload import make_events, make_plan, plan_yaml, stores_for
    from engine.api import load_plan

    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "plan.yaml"
        path.write_text(plan_yaml(make_plan(100, seed=7)), encoding="utf-8")
        plan = load_plan(path)
    events = make_events(count, seed=7, stores=stores_for(100))
    lines = [orjson.dumps(event) for event in events]
    digests = [
        hashlib.sha256(plan.line_and_decision(event)[0]).hexdigest()[:16] for event in events
    ]  # also the warm-up: every set seen, builders compiled for the common ones
    floor = statistics.median(per_event_us(orjson.loads, lines, 3))
    evaluate = statistics.median(per_event_us(plan.evaluate, events, 3))
    engine_file = sys.modules["engine.evaluate"].__file__
    print(
        orjson.dumps(
            {"floor": floor, "evaluate": evaluate, "digests": digests, "file": engine_file}
        ).decode()
    )


def _timed(root: Path, count: int) -> Timing:
    arguments = ["-m", "bench.compiled", "--child", str(root), "--events", str(count)]
    return Timing(**orjson.loads(_python(arguments, REPOSITORY, f"timing with {root}")))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.child:
        _child(options.child, options.events)
        return
    with tempfile.TemporaryDirectory() as work:
        copy = compiled_copy(Path(work))
        builds = {"pure Python": REPOSITORY, "compiled": copy}
        runs: dict[str, list[Timing]] = {name: [] for name in builds}
        for _ in range(options.rounds):
            for name, root in builds.items():
                runs[name].append(_timed(root, options.events))
    for name, found in runs.items():
        floor = statistics.median(r.floor for r in found)
        evaluate = statistics.median(r.evaluate for r in found)
        each = ", ".join(f"{r.evaluate:.2f}" for r in found)
        print(
            f"{name:12} evaluate {evaluate:6.2f} µs ({each}), parse {floor:.2f} µs: "
            f"{evaluate / floor:.2f}× ({found[0].file})"
        )
    pure, compiled = (runs[name][0].digests for name in builds)
    differ = sum(a != b for a, b in zip(pure, compiled, strict=True))
    print(f"decisions written differently by the compiled build: {differ} of {len(pure)}")


if __name__ == "__main__":
    main()
