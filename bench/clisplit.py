"""Split ``backplan eval``'s time per event into the decision and everything around it.

The whole command is timed against a parse-and-dump process (``bench.run.measure_cli``); this
says which part of the gap is the decision (written as its JSON line) and which is the rest:
reading and splitting lines, parsing, the event-limits check, the one-line-per-input
bookkeeping and writing out.

It runs the ``eval`` command in this process twice over the same events, once as it is and once
with ``Plan.line_and_decision`` handing out decision lines made beforehand (those of the first
:data:`KEPT` events, in turn, so memory stays small), with the plan loaded each time as the
command does. The difference is the decision, written as its JSON line; the second run is the
rest.

usage: python -m bench.clisplit OUT_JSON PLAN EVENTS
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import orjson

KEPT = 1_000
"""Decisions made beforehand and handed out in turn by the run without deciding."""


def _eval_seconds(plan: Path, events: Path) -> float:
    """Wall seconds of ``backplan eval --jobs 1 --plan PLAN EVENTS`` in this process, output
    discarded (one process: the split is of one process's time)."""
    from engine.cli import main

    saved_argv, saved_stdout = sys.argv, os.dup(1)
    sink = os.open(os.devnull, os.O_WRONLY)
    os.dup2(sink, 1)
    sys.argv = ["backplan", "eval", "--jobs", "1", "--plan", str(plan), str(events)]
    start = time.perf_counter()
    try:
        with contextlib.suppress(SystemExit):
            main()
        return time.perf_counter() - start
    finally:
        sys.stdout.flush()
        os.dup2(saved_stdout, 1)
        os.close(sink)
        os.close(saved_stdout)
        sys.argv = saved_argv


def _made_beforehand(plan: Path, events: Path) -> Iterator[tuple[bytes, dict[str, Any]]]:
    """The decision lines of the first events, over and over."""
    from engine.api import load_plan

    loaded = load_plan(plan)
    with events.open("rb") as lines:
        made = [
            loaded.line_and_decision(orjson.loads(line)) for line in itertools.islice(lines, KEPT)
        ]
    return itertools.cycle(made)


def split(plan: Path, events: Path) -> dict[str, float]:
    """Events, and microseconds per event: the whole command, the decision, the rest."""
    from engine.api import Plan

    with events.open("rb") as lines:
        count = sum(1 for line in lines if line.strip())
    decisions = _made_beforehand(plan, events)  # first, so both runs find every module imported
    whole = _eval_seconds(plan, events)
    with mock.patch.object(Plan, "line_and_decision", lambda self, event: next(decisions)):
        rest = _eval_seconds(plan, events)
    return {
        "events": count,
        "whole_us": whole / count * 1e6,
        "decision_us": (whole - rest) / count * 1e6,
        "rest_us": rest / count * 1e6,
    }


def main() -> None:
    """Write the split of one run as JSON to OUT_JSON."""
    out, plan, events = (Path(arg) for arg in sys.argv[1:4])
    out.write_bytes(orjson.dumps(split(plan, events)))


if __name__ == "__main__":
    main()
