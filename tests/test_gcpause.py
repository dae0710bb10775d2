"""Pausing the collector while a plan is built, and what is left for it afterwards."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from engine.gcpause import paused_gc


@pytest.fixture
def collector() -> Iterator[None]:
    """The collector enabled and nothing frozen, as an application usually has it."""
    was_enabled = gc.isenabled()
    gc.enable()
    gc.unfreeze()
    try:
        yield
    finally:
        gc.unfreeze()
        if not was_enabled:
            gc.disable()


def built() -> list[dict[str, list[int]]]:
    return [{"x": [i]} for i in range(50_000)]


@pytest.mark.usefixtures("collector")
def test_the_collector_is_paused_inside_and_restored_after() -> None:
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():  # nested: the outer pause restores
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector")
def test_what_was_built_is_moved_to_the_oldest_generation_without_a_walk() -> None:
    with paused_gc():
        keep = built()
    assert gc.get_count()[0] < 100  # no young collection is due to walk `keep`
    assert gc.get_freeze_count() == 0  # moved, not left frozen
    assert any(obj is keep for obj in gc.get_objects(generation=2))


@pytest.mark.usefixtures("collector")
def test_objects_the_application_froze_stay_frozen() -> None:
    frozen = [[] for _ in range(10)]
    gc.freeze()
    before = gc.get_freeze_count()
    with paused_gc():
        keep = built()
    assert gc.get_freeze_count() == before
    assert gc.isenabled()
    del frozen, keep


def test_a_paused_collector_stays_paused() -> None:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()
