"""One measurement in its own process: one engine, one plan, the first COUNT events.

The runner starts one worker per plan, holding Backplan and the peers that run in Python. Their
timed runs are interleaved (A B C A B C ...), so on a shared, noisy machine every engine sees the
same conditions and the ratios stay honest. For each engine the worker prints one JSON line: load
time, microseconds per event for each run, the memory its plan holds (growth of the resident set
while loading and warming up), and the matched rule ids of the first events for the agreement
check. For Backplan it also times the full decision (``Plan.decide`` -> dict and ``Plan.evaluate``
-> Decision) and the floor: ``orjson.loads`` of the same event lines, in the same process.

usage: python -m bench.worker WORKDIR PLAN.json EVENTS.jsonl BUDGET_S RUNS CHECK MAX_EVENTS ENGINE...
"""

from __future__ import annotations

import gc
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from bench.peers import ENGINES

WARM_UP = 200
"""Events each engine matches after loading, before its memory is taken and its runs timed."""


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def per_event_us(function: Callable[[Any], Any], items: list[Any], runs: int) -> list[float]:
    """Microseconds per item of ``function`` over ``items``, once per run (GC paused, as a
    long-running service sees it between collections)."""
    timings = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        for item in items:
            function(item)
        elapsed = time.perf_counter() - start
        gc.enable()
        timings.append(elapsed * 1e6 / len(items))
    return timings


def calibrate(function: Callable[[Any], Any], events: list[Any], budget: float, cap: int) -> int:
    """How many events one timed run can take within ``budget`` seconds (at least 10).

    The probe runs once untimed first: an engine that prepares work on first use (Backplan
    compiles an index bucket when an event first reaches it) would otherwise look slow per
    event and get too few events for a fair run.
    """
    probe = events[: min(20, len(events))]
    for event in probe:
        function(event)
    start = time.perf_counter()
    for event in probe:
        function(event)
    each = max((time.perf_counter() - start) / len(probe), 1e-7)
    return max(10, min(cap, len(events), int(budget / each)))


def rss_mb() -> float:
    """This process's current resident memory, in MiB."""
    with open("/proc/self/statm", "rb") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 1048576


def main(argv: list[str]) -> None:
    """Run the measurements and print one JSON line per engine, in the order given."""
    workdir, plan_file, events_file, budget, runs, check, cap, *names = argv
    document = orjson.loads(Path(plan_file).read_bytes())
    lines = Path(events_file).read_bytes().splitlines()[: int(cap)]
    events = [orjson.loads(line) for line in lines]
    loaded: list[tuple[str, Callable[[Any], Any], list[Any], dict[str, Any]]] = []
    for name in names:
        engine = ENGINES[name]
        gc.collect()
        before = rss_mb()
        start = time.perf_counter()
        match = engine.load(document, Path(workdir) / name)
        load_s = time.perf_counter() - start
        count = calibrate(match, events, float(budget), int(cap))
        sample = events[:count]
        for event in sample[: min(WARM_UP, count)]:
            match(event)
        result: dict[str, Any] = {
            "engine": name,
            "version": engine.version(),
            "load_s": load_s,
            "events": count,
            "us_per_event": [],
            "matched": [match(event) for event in events[: int(check)]],
        }
        gc.collect()
        result["memory_mb"] = rss_mb() - before
        loaded.append((name, match, sample, result))
    # Interleaved runs (A B A B A B): on a shared, noisy machine each engine sees the same load.
    for _ in range(int(runs)):
        for _name, match, sample, result in loaded:
            result["us_per_event"].extend(per_event_us(match, sample, 1))
    for name, match, sample, result in loaded:
        if name == "backplan":
            plan = ENGINES[name].plan  # type: ignore[attr-defined]
            raw = lines[: len(sample)]
            result["floor_parse_us"] = []
            result["decide_us"] = []
            result["evaluate_us"] = []
            result["evaluate_read_us"] = []
            for _ in range(int(runs)):
                result["floor_parse_us"].extend(per_event_us(orjson.loads, raw, 1))
                result["decide_us"].extend(per_event_us(plan.decide, sample, 1))
                result["evaluate_us"].extend(per_event_us(plan.evaluate, sample, 1))
                result["evaluate_read_us"].extend(per_event_us(reading(plan.evaluate), sample, 1))
            matched = [match(event) for event in sample]
            result["match_rate"] = sum(1 for m in matched if m) / len(matched)
            result["mean_matched"] = statistics.fmean(len(m) for m in matched)
        result["peak_rss_mb"] = peak_rss_mb()
        sys.stdout.write(orjson.dumps(result).decode() + "\n")


def reading(evaluate: Any) -> Any:
    """``evaluate``, then every typed field of its decision read (:func:`read_all`)."""

    def evaluate_and_read(event: Any) -> None:
        read_all(evaluate(event))

    return evaluate_and_read


def read_all(decision: Any) -> None:
    """Read every typed field of a ``Decision`` by name, as an app does: its nested views are
    made when first read, so this is what an app that looks at the whole decision pays."""
    _ = (decision.format, decision.event_id, decision.event_type, decision.occurred_at)
    _ = (decision.plan.name, decision.plan.fingerprint, decision.matched, decision.fallback)
    for action in decision.actions:
        _ = (action.type, action.rule, action.purpose, action.params, action.within)
        _ = (action.due, action.also_from)
    summary = decision.compensation
    if summary is not None:
        _ = (summary.currency, summary.combine, summary.offered, summary.total, summary.cap)
        _ = (summary.capped, summary.approval_threshold, summary.needs_approval)
        for offer in summary.superseded:
            _ = (offer.rule, offer.amount, offer.reason)
    _ = decision.trace


if __name__ == "__main__":
    main(sys.argv[1:])
