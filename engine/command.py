"""The ``backplan`` command's entry point, which covers loading the command line too.

Loading it (click, the engine's modules) takes tens of milliseconds, before
``engine.cli.main`` handles Ctrl-C: a KeyboardInterrupt in that window reached Python's own
handler, which printed a traceback (found by review). Here it ends as Ctrl-C ends a run that
had not started writing: exit 130, nothing on standard error.
"""

from __future__ import annotations

import atexit
import sys

from engine import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

INTERRUPTED = 130
"""The exit status after Ctrl-C: 128 + SIGINT's number, as shells report it."""


def main() -> None:
    """Load the command line and run it; Ctrl-C while it loads exits 130, quietly."""
    try:
        _keep_the_exit_status()
        run = _load()
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED)
    run()


def _load() -> Callable[[], None]:
    """Import the command line, and orjson with it, with the stop signals held back until both
    are loaded; one that came meanwhile acts then.

    orjson's own loading imports json, dataclasses and others, and does not look at whether
    they failed: a KeyboardInterrupt raised inside one of them crashed Python (a segmentation
    fault) rather than stopping Backplan, the first time a command needed JSON (found by
    review). orjson is loaded here, held, so that nothing later loads it unheld; it costs
    about 3 ms more for the commands (``--help``) that do not need it."""
    from engine.output import held_back  # (it loads nothing that needs holding: os, io…)

    with held_back():
        import orjson  # noqa: F401 (loaded now, held; used by the modules that need it)

        from engine.cli import main as run
    return run


def _keep_the_exit_status() -> None:
    """Block SIGINT for the last steps of the process, so that the status it exits with is the
    one the command chose.

    CPython kills itself with SIGINT as it exits (status -2, not 130) once a KeyboardInterrupt
    has left an ``exec`` of text, even one caught since: that ``exec`` sets the flag the exit
    reads. Dataclasses ``exec`` text while a module loads, so a Ctrl-C in the first few tenths
    of a second of ``python -m engine eval`` ended so in about 1 run of 10, after "Aborted."
    (found by review). Blocked, that SIGINT stays pending and Python exits with 128 + 2 = 130,
    which is what the command had said. A Ctrl-C this late has nothing left to stop.

    Blocked at the interpreter's exit (atexit), not as :func:`main` returns: a program that
    runs the command in its own process (IPython's ``%run -m engine``, a test runner's
    in-process mode) was left deaf to Ctrl-C, and so was every process it started afterwards,
    which inherit the blocked signal (found by review)."""
    import signal  # here, inside main's guard: it loads enum, 4 ms (see engine.TYPE_CHECKING)

    if hasattr(signal, "pthread_sigmask"):  # not on Windows, whose exit is another story
        atexit.unregister(_block_sigint)  # once, however many times main() runs
        atexit.register(_block_sigint)


def _block_sigint() -> None:
    """What :func:`_keep_the_exit_status` leaves to the interpreter's exit."""
    import signal  # loaded already: the command's own modules use it

    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
