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
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector inside the block (nesting-safe; restored on exit)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:  # the application froze nothing: ours to use
                gc.freeze()
                gc.unfreeze()
            gc.enable()
