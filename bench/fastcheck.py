"""Time the fast schema checks alone (``engine.fastschema``), and compare them with another
checkout's.

The plan check is timed on the benchmark's 10,000-rule plan (``make_plan(10000)``, written with
``plan_yaml`` and read back as ``load_plan`` reads it), the check every command that loads it
runs once; the event check on 20,000 events read from JSON, the check ``eval --strict`` runs
on each. Each checkout named (``NAME=PATH``: a clone of this repository, its
``engine/fastschema.py`` is used) builds its own checks from this checkout's schemas, and the
runs are interleaved (A B A B...), so a change of the generator is measured under the same
conditions as what it replaces. The time is the process's CPU time (``time.thread_time``):
on the shared 2-core machine, wall time also holds the time other processes had the core.
The median of ``RUNS`` runs is printed, then every run.

usage: python -m bench.fastcheck [NAME=PATH ...]   (environment: RUNS, default 5)
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson

import engine.fastschema
from bench.workload import events_jsonl, make_events, make_plan, plan_yaml, stores_for
from engine.quickload import quick_load
from engine.resources import load_schema

RULES = 10_000
EVENTS = 20_000
Check = Callable[[Any], bool]


def generator(name: str, checkout: str) -> ModuleType:
    """``engine/fastschema.py`` of another checkout, loaded under a name of its own."""
    path = Path(checkout) / "engine" / "fastschema.py"
    spec = importlib.util.spec_from_file_location(f"fastschema_{name}", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cpu_seconds(check: Check, values: list[Any]) -> float:
    """The CPU time ``check`` takes on each of ``values`` in turn."""
    start = time.thread_time()
    for value in values:
        check(value)
    return time.thread_time() - start


def main(argv: list[str]) -> int:
    """Print the median and every run of each generator's plan and event checks."""
    if any(arg in ("-h", "--help") or "=" not in arg for arg in argv):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    plan_document = quick_load(plan_yaml(make_plan(RULES)), "plan.yaml")
    assert plan_document is not None, "the bench plan is read by the quick loader"
    plan = plan_document.data
    lines = events_jsonl(make_events(EVENTS, stores=stores_for(RULES))).splitlines()
    events = [orjson.loads(line) for line in lines]
    modules = {"here": engine.fastschema}
    modules |= {name: generator(name, path) for name, path in (a.split("=", 1) for a in argv)}
    checks: dict[str, tuple[Check, Check]] = {
        name: (
            module.compile_check(load_schema("plan")),
            module.compile_check(load_schema("event")),
        )
        for name, module in modules.items()
    }
    for name, (plan_check, event_check) in checks.items():
        assert plan_check(plan) and all(event_check(e) for e in events), f"{name} refuses"
    timed: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in checks}
    for _ in range(int(os.environ.get("RUNS", "5"))):
        for name, (plan_check, event_check) in checks.items():
            timed[name][0].append(cpu_seconds(plan_check, [plan]))
            timed[name][1].append(cpu_seconds(event_check, events))
    for name, (plans, per_events) in timed.items():
        print(
            f"{name}: plan of {RULES:,} rules {statistics.median(plans) * 1e3:.1f} ms "
            f"({', '.join(f'{s * 1e3:.1f}' for s in plans)}); "
            f"{EVENTS:,} events {statistics.median(per_events) / EVENTS * 1e6:.2f} µs an event "
            f"({', '.join(f'{s * 1e3:.1f}' for s in per_events)} ms)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
