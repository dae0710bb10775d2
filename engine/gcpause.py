"""Pause Python's cyclic garbage collector while a large, acyclic structure is built.

Loading a plan allocates hundreds of thousands of objects that all survive (YAML nodes, data,
models, generated code). Each allocation burst triggers a collection that walks every surviving
object again, which made loading a 10,000-rule plan several times slower than the work itself.
Nothing built there forms reference cycles that need the collector, so it is paused for the
duration and restored after (reference counting still frees everything as usual).

When the pause ends, everything built during it is moved straight to the oldest generation
(``gc.freeze`` then ``gc.unfreeze``: a list splice, no walk). Otherwise the first young
collection after the pause would walk the whole new structure, and the next ones again as it
is promoted: about half a second for a 10,000-rule plan, paid by whatever ran next. An
application that froze objects itself (``gc.freeze`` before forking, say) keeps them frozen:
then nothing is moved.

The collector is one for the whole process, so the pause is too: it starts with the first load
in any thread and ends with the last (see :func:`paused_gc`).
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depths: dict[int, int] = {}
"""How many pauses each thread is in (by thread id): the collector is paused while any is."""
_restore = False
"""Whether the collector was enabled when the first of them began: the last to end enables it."""


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector inside the block; the last block to end, in any thread,
    restores it.

    Why counted, not each block restoring what it found: with two threads loading plans (a
    ``PlanHolder`` reloading beside a ``load_plan``), the first load to end turned the
    collector on while the other was still building, and a load that began just as another
    ended could find it off, turn it off after the other had turned it on, and leave it off
    for good (found by review).
    """
    global _restore  # noqa: PLW0603 - the process's one collector, as it was
    thread = threading.get_ident()
    with _lock:
        if not _depths:
            _restore = gc.isenabled()
            gc.disable()
        _depths[thread] = _depths.get(thread, 0) + 1
    try:
        yield
    finally:
        with _lock:
            if _depths[thread] > 1:
                _depths[thread] -= 1
            else:
                del _depths[thread]
                if not _depths and _restore:
                    _resume()


def _resume() -> None:
    """Turn the collector on again, what was built meanwhile moved to the oldest generation."""
    if gc.get_freeze_count() == 0:  # the application froze nothing: ours to use
        gc.freeze()
        gc.unfreeze()
    gc.enable()


def _after_fork_in_child() -> None:
    """A child process forked while another thread was loading a plan has no such thread, so
    its pause never ends: the collector stayed off for the child's whole life, its reference
    cycles never collected (a ``multiprocessing`` pool started while a ``PlanHolder``
    reloaded; found by review). The child keeps only the forking thread's own pauses, and
    with none left restores the collector as it was before them."""
    global _lock  # noqa: PLW0603 - the child's own: the parent's may be held for good
    _lock = threading.Lock()
    own = _depths.pop(threading.get_ident(), 0)
    others = bool(_depths)
    _depths.clear()
    if own:
        _depths[threading.get_ident()] = own
    elif others and _restore:
        gc.enable()


os.register_at_fork(after_in_child=_after_fork_in_child)
