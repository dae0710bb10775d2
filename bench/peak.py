"""Run a command's Python code in this process and record its peak memory.

A child's peak resident size as the parent sees it (``ru_maxrss``) includes the parent's pages
from before the child started its program, so the benchmark's large runner process would hide
the child's own use. This wrapper runs the code in-process and, at exit, writes its own high
water mark (``VmHWM``, which starts afresh at exec) to a file, and then the largest peak of the
worker processes it forked and waited for (``backplan eval`` on a large file), 0 without any.

usage: python -m bench.peak OUT_FILE (--cli ARG... | --code SOURCE)
"""

from __future__ import annotations

import atexit
import resource
import sys
from pathlib import Path


def _record(out: Path) -> None:
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            out.write_text(f"{int(line.split()[1]) / 1024} {workers}")


def main() -> None:
    """Run ``backplan`` with the given arguments, or Python source, recording the peak."""
    out, mode, *rest = sys.argv[1:]
    atexit.register(_record, Path(out))
    if mode == "--code":
        exec(compile(rest[0], "<bench-floor>", "exec"), {"__name__": "__main__"})
        return
    from engine.cli import main as backplan

    sys.argv = ["backplan", *rest]
    backplan()


if __name__ == "__main__":
    main()
