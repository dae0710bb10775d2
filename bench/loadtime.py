"""Time one plan load in a fresh process, as an application or ``backplan eval`` starts.

The clock starts before the engine is imported and stops once the plan is compiled, so it holds
everything a first load pays: the engine's imports, reading the YAML, the schema check, building
the typed model, the semantic checks and compiling the matcher. The interpreter's own start is
left out (``bench.run.measure_startup`` times whole commands).

A load is timed in a process of its own, several times (``bench.run.measure_load``): timed once
inside a benchmark worker, it also pays for whatever else that process holds, and one number on
a shared machine is not a median.

usage: python -m bench.loadtime PLAN  (prints the seconds)
"""

from __future__ import annotations

import sys
import time


def main(argv: list[str]) -> int:
    """Load the plan at ``argv[0]``; print the seconds it took."""
    if len(argv) != 1 or argv[0] in ("-h", "--help"):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    start = time.perf_counter()
    from engine.api import load_plan

    load_plan(argv[0])
    print(f"{time.perf_counter() - start:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
