"""Backplan's cost per event on several plans, in one process with interleaved runs.

How the cost grows with the plan is a ratio of two measurements; taken in separate processes at
different times on a shared machine, the noise between them can be larger than the effect. Here
every plan is loaded into one process and the timed runs alternate (A B A B A B), so the ratio
compares like with like.

usage: python -m bench.scaling BUDGET_S RUNS MAX_EVENTS PLAN.yaml EVENTS.jsonl [PLAN EVENTS]...
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from bench.worker import calibrate, per_event_us


def main(argv: list[str]) -> None:
    """Print ``{"us_per_event": [median per plan], "events": [count per plan]}``."""
    from engine.api import load_plan

    budget, runs, cap, *pairs = argv
    loaded: list[tuple[Callable[[dict[str, Any]], list[int]], list[Any], list[float]]] = []
    for plan_file, events_file in zip(pairs[::2], pairs[1::2], strict=True):
        match = load_plan(Path(plan_file)).matcher.match
        lines = Path(events_file).read_bytes().splitlines()[: int(cap)]
        events = [orjson.loads(line) for line in lines]
        sample = events[: calibrate(match, events, float(budget), int(cap))]
        for event in sample[:200]:  # warm up
            match(event)
        loaded.append((match, sample, []))
    for _ in range(int(runs)):
        for plan_match, plan_sample, timings in loaded:
            timings.extend(per_event_us(plan_match, plan_sample, 1))
    result = {
        "us_per_event": [statistics.median(t) for _, _, t in loaded],
        "events": [len(sample) for _, sample, _ in loaded],
    }
    sys.stdout.write(orjson.dumps(result).decode() + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
