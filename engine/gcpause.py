"""Pause Python's cyclic garbage collector while a large, acyclic structure is built.

Loading a plan allocates hundreds of thousands of objects that all survive (YAML nodes, data,
models, generated code). Each allocation burst triggers a collection that walks every surviving
object again, which made loading a 10,000-rule plan several times slower than the work itself.
Nothing built there forms reference cycles that need the collector, so it is paused for the
duration and restored after (reference counting still frees everything as usual).
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
            gc.enable()
