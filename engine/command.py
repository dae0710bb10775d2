"""The ``backplan`` command's entry point, which covers loading the command line too.

Loading it (click, the engine's modules) takes tens of milliseconds, before
``engine.cli.main`` handles Ctrl-C: a KeyboardInterrupt in that window reached Python's own
handler, which printed a traceback (found by review). Here it ends as Ctrl-C ends a run that
had not started writing: exit 130, nothing on standard error.
"""

from __future__ import annotations

import sys

INTERRUPTED = 130
"""The exit status after Ctrl-C: 128 + SIGINT's number, as shells report it."""


def main() -> None:
    """Load the command line and run it; Ctrl-C while it loads exits 130, quietly."""
    try:
        from engine.cli import main as run
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED)
    run()
