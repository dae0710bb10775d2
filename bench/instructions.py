"""Machine instructions per event for each part of ``backplan eval``, counted by valgrind.

Wall time on a shared 2-core machine moves by 10-20% from one minute to the next, more than most
single changes to the decider gain or lose, so A/B timings of a small change often say nothing.
Instructions executed do not depend on the neighbours: valgrind's cachegrind counts them
exactly, and two runs of the same code with the same ``PYTHONHASHSEED`` give the same count
within a fraction of a percent. Instructions are not time (a loop the CPU runs four at a cycle,
such as ``bytes.count``, counts for more than it costs), so this complements the timings of
``python -m bench``; it does not replace them.

Each part is counted in a process that loads the bench's 100-rule plan, answers the first
20,000 events of the stream as ``backplan eval`` does, to warm its caches as a worker's are a
fifth of the way through the bench's 100,000 events (compiled buckets, merged actions, the
builders of the sets of fired rules seen often enough), then runs the part four
times over the first N of those events; the same process running nothing over those N events
is subtracted, so the count is the part's own, per event. No builder is compiled during the
four passes (each repeats the same events, so sets would reach the builder's threshold four
times as fast as in the stream): the count is a decision's cost with the builders of the warm
worker, and compiling one is a cost per set, not per event.

With ``--caches`` valgrind also simulates this machine's caches and branch predictor, and each
part is given its level-1 instruction and data cache misses and its mispredicted branches per
event too: where an instruction of the decision costs more time than one of the parse (the
interpreter runs through far more code and data than orjson's loop; docs/performance.md).

With ``--multistore`` it counts matching on the multi-store plans of 5 and 500 stores (20
rules a store, as ``python -m bench`` makes them), caches included, side by side: how the
10,000-rule plan's cost per event compares with the 100-rule plan's in instructions and in
level-2 misses, which the time ratio the bench measures mixes with the neighbours' load.

usage: python -m bench.instructions [--events N] [--parts piece,decide,...] [--caches]
       python -m bench.instructions --multistore [--events N]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

PARTS = (
    "piece",
    "loads",
    "dumps",
    "decide",
    "line",
    "match",
    "identity",
    "upto-build",
    "upto-price",
)
"""What can be counted: ``piece`` is eval's whole per-event loop in a worker (read, parse,
decide, canonical JSON); the others are its parts: ``line`` is the decision as its JSON line
(``Plan.line_and_decision``, what eval asks for), ``decide`` the decision document and ``dumps``
its JSON line; ``upto-build`` is ``decide`` up to its action entries (identity, match, the
cached assembly, its builder or step-by-step filling) and ``upto-price`` that and pricing, so
the differences between them split ``decide`` into its steps."""
WARM_EVENTS = 20_000
PASSES = 4
COUNTERS = {
    "instructions": r"I\s+refs:\s+([\d,]+)",
    "L1i misses": r"I1\s+misses:\s+([\d,]+)",
    "L1d misses": r"D1\s+misses:\s+([\d,]+)",
    "L2i misses": r"LLi\s+misses:\s+([\d,]+)",
    "L2d misses": r"LLd\s+misses:\s+([\d,]+)",
    "mispredicted branches": r"Mispredicts:\s+([\d,]+)",
}
"""What valgrind's cachegrind reports, by the name shown; all but the first only with
``--caches`` (the cache and branch simulations make a run several times slower). Cachegrind
simulates two levels of cache; its last level is set to :data:`LEVEL_2`, so its misses are
this machine's level-2 misses (what the shared level 3, or memory, then serves)."""
LEVEL_2 = "1048576,8,64"
"""The simulated last level: 1 MiB, 8 ways, 64-byte lines, this machine's level-2 cache per
core (``lscpu``: 2 MiB in 2 instances)."""
STORES = (5, 500)
"""The multi-store plans ``--multistore`` compares (20 rules a store), as ``python -m bench``."""


def _probe(part: str, count: int, plan_path: str, events_path: str, warm: int) -> None:
    """Run in the counted process: warm up on ``warm`` events, then ``part`` over ``count``."""
    import orjson

    import engine.evaluate as evaluate_module
    from engine.answerer import answers as _answers
    from engine.api import load_plan
    from engine.assembly import fill
    from engine.decision import decision_json_line
    from engine.evaluate import event_identity
    from engine.parallel import answer_piece
    from engine.streams import Piece

    plan = load_plan(plan_path)
    data = Path(events_path).read_bytes()
    answer = _answers(plan, False, False)
    answer_piece(answer, "bench", Piece(_first_lines(data, warm), 1, 0))
    # No set's builder is compiled from here on: the passes repeat the same events, so sets
    # reach BUILD_AFTER_USES four times as fast as in the stream, and a compile (about half a
    # millisecond) in the counted passes would be charged to the events. Counted per event is
    # what a decision costs with the builders a warm worker has; compiling is counted apart.
    evaluate_module.BUILD_AFTER_USES = 1 << 62
    piece = Piece(_first_lines(data, count), 1, 0) if count else Piece(b"", 1, 0)
    lines = piece.data.splitlines()
    events = [orjson.loads(line) for line in lines]
    decisions = [plan.decide(event) for event in events]
    loads = orjson.loads

    def each(function: Any, items: list[Any]) -> Any:
        def run() -> None:
            for item in items:  # results dropped at once, as eval drops them
                function(item)

        return run

    decider = plan._decider

    def upto(price: bool) -> Any:
        def part(event: Any) -> Any:
            _, _, base, _ = event_identity(event)
            ordinals = decider.matcher.match(event)
            if ordinals:
                prepared = decider.rules.assembly(ordinals)
            else:
                prepared = decider.fallbacks.assembly(decider.matcher.match_fallbacks(event))
            if price:
                return decider._actions(prepared, event, base)
            if prepared.builder is not None:
                return prepared.builder(event, base)
            return fill(prepared.assembly, event, base)

        return part

    runs: dict[str, Any] = {
        "piece": lambda: answer_piece(answer, "bench", piece),
        "loads": each(loads, lines),
        "dumps": each(decision_json_line, decisions),  # a document's JSON line
        "decide": each(plan.decide, events),
        "line": each(plan.line_and_decision, events),  # eval's decision and JSON line in one
        "match": each(plan.matcher.match, events),
        "identity": each(event_identity, events),
        "upto-build": each(upto(price=False), events),
        "upto-price": each(upto(price=True), events),
        "none": lambda: None,
    }
    for _ in range(PASSES):
        runs[part]()


def _first_lines(data: bytes, count: int) -> bytes:
    end = -1
    for _ in range(count):
        end = data.index(b"\n", end + 1)
    return data[: end + 1]


def _instructions(part: str, count: int, plan: Path, events: Path, warm: int) -> int:
    return _counters(part, count, plan, events, warm, caches=False)["instructions"]


def _counters(
    part: str, count: int, plan: Path, events: Path, warm: int, *, caches: bool
) -> dict[str, int]:
    """What cachegrind counts while the probe runs ``part`` (see :data:`COUNTERS`)."""
    # Without address randomisation: where objects land decides the order of sets and dicts
    # keyed by identity, which moved a part's count by up to a tenth from run to run.
    fixed = ["setarch", "-R"] if _setarch_works() else []
    simulate = (
        ["--cache-sim=yes", "--branch-sim=yes", f"--LL={LEVEL_2}"] if caches else ["--cache-sim=no"]
    )
    command = [
        *fixed,
        "valgrind",
        "--tool=cachegrind",
        *simulate,
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "bench.instructions",
        "--probe",
        part,
        str(count),
        str(plan),
        str(events),
        str(warm),
    ]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    completed = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return read_counters(completed.stderr, caches=caches)


def read_counters(report: str, *, caches: bool) -> dict[str, int]:
    """The totals of cachegrind's summary (its stderr): :data:`COUNTERS`, or only instructions."""
    found: dict[str, int] = {}
    for name, pattern in COUNTERS.items():
        if name != "instructions" and not caches:
            continue
        match = re.search(pattern, report)
        if match is None:
            raise RuntimeError(f"no {name} in valgrind's output:\n{report}")
        found[name] = int(match.group(1).replace(",", ""))
    return found


def _setarch_works() -> bool:
    """Whether ``setarch -R`` can run here (a container's seccomp profile may refuse it)."""
    if shutil.which("setarch") is None:
        return False
    probe = subprocess.run(["setarch", "-R", "true"], capture_output=True, check=False)
    return probe.returncode == 0


def count_part_counters(
    parts: list[str], events: int, warm: int = WARM_EVENTS, *, caches: bool = False
) -> dict[str, dict[str, int]]:
    """Per event, for each part, what :data:`COUNTERS` names (only instructions without
    ``caches``), on the seeded workload and 100-rule plan that ``python -m bench`` runs
    ``backplan eval`` with."""
    from bench.workload import make_plan, stores_for

    return _count_on(make_plan(100), stores_for(100), parts, events, warm, caches=caches)


def count_multistore(
    events: int, warm: int = WARM_EVENTS, stores: tuple[int, ...] = STORES
) -> dict[int, dict[str, int]]:
    """Per event, what :data:`COUNTERS` names for matching on each multi-store plan (its
    stores x 20 rules, each scoped by an equality on the store), by its number of stores.

    The multi-store target compares the time per event at 10,000 rules with that at 100; on
    this shared machine that ratio has measured from 1.14x to 2.17x with the same code. Counted
    here it does not move: the instructions say what the index leaves to do, the level-2
    misses what the larger plan's code and data cost in memory traffic.
    """
    from bench.workload import make_multistore_plan

    return {
        count: _count_on(
            make_multistore_plan(count, seed=7), count, ["match"], events, warm, caches=True
        )["match"]
        for count in stores
    }


def _count_on(
    document: dict[str, Any],
    stores: int,
    parts: list[str],
    events: int,
    warm: int,
    *,
    caches: bool,
) -> dict[str, dict[str, int]]:
    """Per event, for each part, on this plan and the seeded events of ``stores`` stores:
    the part's run less a run of nothing over the same events (load and warm-up cancel)."""
    from bench.workload import events_jsonl, make_events, plan_yaml

    with tempfile.TemporaryDirectory() as scratch:
        plan = Path(scratch) / "plan.yaml"
        plan.write_text(plan_yaml(document), encoding="utf-8")
        stream = Path(scratch) / "events.jsonl"
        total = max(events, warm)
        stream.write_bytes(events_jsonl(make_events(total, seed=7, stores=stores)))
        _instructions("none", 0, plan, stream, warm)  # writes any stale .pyc, not counted
        base = _counters("none", events, plan, stream, warm, caches=caches)
        counted = {}
        for part in parts:
            found = _counters(part, events, plan, stream, warm, caches=caches)
            counted[part] = {
                name: (found[name] - base[name]) // (events * PASSES) for name in found
            }
        return counted


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m bench.instructions``."""
    parser = argparse.ArgumentParser(prog="python -m bench.instructions", description=__doc__)
    parser.add_argument("--events", type=int, default=2_000, help="events counted per part")
    parser.add_argument("--parts", default=",".join(PARTS), help="parts to count")
    parser.add_argument(
        "--caches",
        action="store_true",
        help="also count cache misses and mispredicted branches (simulated; slower)",
    )
    parser.add_argument(
        "--multistore",
        action="store_true",
        help="count matching on the multi-store plans of 5 and 500 stores instead, caches "
        "included (about 15 minutes)",
    )
    parser.add_argument("--probe", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        part, count, plan, events, warm = args.probe
        _probe(part, int(count), plan, events, int(warm))
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt install valgrind)", file=sys.stderr)
        return 2
    if args.multistore:
        print(multistore_table(count_multistore(args.events)))
        return 0
    parts = [p for p in args.parts.split(",") if p]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        parser.error(f"unknown parts: {', '.join(unknown)} (known: {', '.join(PARTS)})")
    for part, counters in count_part_counters(parts, args.events, caches=args.caches).items():
        shown = ", ".join(f"{count:,} {name}" for name, count in counters.items())
        print(f"{part:10} {shown} per event")
    return 0


def multistore_table(counted: dict[int, dict[str, int]]) -> str:
    """Markdown: per event, each counter on each multi-store plan, and the largest plan's
    count over the smallest's."""
    small, large = counted[min(counted)], counted[max(counted)]
    plans = [f"{stores} stores ({stores * 20:,} rules)" for stores in counted]
    lines = [
        f"| matching, per event | {' | '.join(plans)} | ratio |",
        f"|---|{'---:|' * len(plans)}---:|",
    ]
    for name in small:
        cells = " | ".join(f"{found[name]:,}" for found in counted.values())
        ratio = f"{large[name] / small[name]:.2f}×" if small[name] > 0 else "—"
        lines.append(f"| {name} | {cells} | {ratio} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
