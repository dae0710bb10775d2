"""One engine's plan memory, in a process of its own.

The timing worker (``bench.worker``) loads every Python engine of a plan in one process, so a
peer loaded after Backplan reused memory Backplan's load had freed, and its growth read lower
than it is (business-rules: 0.9 MiB alone, 0.0 after Backplan; rule-engine 6.0 against 4.1).
Here one engine loads the plan in a fresh process and matches the events the worker has it
match before its figure is taken (the calibration's probe, the warm-up, the agreement check),
so each figure is that engine's own and the column compares like with like.

usage: python -m bench.memory WORKDIR PLAN.json EVENTS.jsonl CHECK ENGINE
(prints one JSON line: the engine's name and ``memory_mb``)
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import orjson

from bench.peers import ENGINES
from bench.worker import WARM_UP, rss_mb


def plan_memory(workdir: Path, plan_file: Path, events_file: Path, check: int, name: str) -> float:
    """The growth of this process's resident set, in MiB, while ``name`` loads the plan (its
    modules imported then, as in the worker) and matches the first events, collected after."""
    document = orjson.loads(plan_file.read_bytes())
    lines = events_file.read_bytes().splitlines()[
        : max(check, WARM_UP)
    ]  # the worker's warm-up and check
    events = [orjson.loads(line) for line in lines]
    gc.collect()
    before = rss_mb()
    match = ENGINES[name].load(document, workdir / name)
    for event in events:
        match(event)
    gc.collect()
    return rss_mb() - before


def main(argv: list[str]) -> int:
    """Print one engine's plan memory as a JSON line."""
    if len(argv) != 5 or argv[4] not in ENGINES:
        sys.stderr.write(__doc__.split("usage: ")[1] if __doc__ else "")
        return 2
    workdir, plan_file, events_file, check, name = argv
    memory = plan_memory(Path(workdir), Path(plan_file), Path(events_file), int(check), name)
    sys.stdout.write(orjson.dumps({"engine": name, "memory_mb": memory}).decode() + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
