"""Pausing the collector while a plan is built, and what is left for it afterwards."""

from __future__ import annotations

import gc
import os
import sys
import threading
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


class _OtherLoad:
    """A load in another thread, held inside its pause until :meth:`end`."""

    def __init__(self) -> None:
        self._inside, self._leave = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._load)
        self._thread.start()
        self._inside.wait()

    def _load(self) -> None:
        with paused_gc():
            self._inside.set()
            self._leave.wait()

    def end(self) -> None:
        self._leave.set()
        self._thread.join()


@pytest.mark.usefixtures("collector")
def test_the_collector_stays_paused_until_the_last_load_in_any_thread_ends() -> None:
    """Each pause restored what it found: a load that ended first turned the collector on
    while another thread's load was still building (found by review)."""
    with paused_gc():
        other = _OtherLoad()
    try:
        assert not gc.isenabled()
    finally:
        other.end()
    assert gc.isenabled()


@pytest.mark.skipif(sys.platform == "win32", reason="no fork")
@pytest.mark.usefixtures("collector")
def test_a_process_forked_during_another_threads_load_has_its_collector_back() -> None:
    """The child has no loading thread to end the pause: its collector had stayed off for its
    whole life (found by review)."""
    other = _OtherLoad()
    try:
        child = os.fork()
        if child == 0:  # pragma: no cover - the child only reports
            os._exit(0 if gc.isenabled() else 1)
    finally:
        other.end()
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
