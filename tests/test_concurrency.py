"""Compiled plans under threads, and hot reload with PlanHolder.

Embedding apps share one compiled plan across threads and swap in a new version at run time.
The promises: many threads give exactly the serial decisions; a reload swaps the whole plan at
once (a decision is made entirely by the old plan or entirely by the new one); a broken new plan
keeps the old one in force and says why; ``reload_if_changed`` reloads only when the files
changed. Thread switches are forced often (``sys.setswitchinterval``) to shake out races.
"""

from __future__ import annotations

import os
import random
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from engine.api import Plan, load_plan
from engine.errors import EventError, PlanError
from engine.reload import PlanHolder
from tests.test_fuzz import RICH_PLAN

PLAN_A = """\
backplan: 1
plan: {name: Store A, currency: USD, compensation: {combine: sum}}
rules:
  - id: review
    title: Bad review
    when: {event: review, all: [{field: rating, lte: 2}]}
    then:
      - apologize: {within: 1h, message: "Plan A is sorry, {customer.first_name|friend}."}
      - compensate: {kind: voucher, amount: 10}
      - tag: {tags: [a, shared]}
  - id: catch-all
    title: Every review
    when: {event: review}
    then:
      - tag: {tags: [shared, a-only]}
"""
PLAN_B = (
    PLAN_A.replace("Store A", "Store B")
    .replace("Plan A", "Plan B")
    .replace("amount: 10", "amount: 25")
    .replace("a-only", "b-only")
)


@pytest.fixture
def fast_switching() -> Iterator[None]:
    """Switch threads every few microseconds instead of every 5 ms."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _events(count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    texts = ["rude staff", "aaaaaaaaaaaaaaaaaaaaaaab", "Dear team, refund!!", "fine", ""]
    kinds = ["review", "order", "billing", "survey", "x-other"]
    events = []
    for i in range(count):
        event: dict[str, Any] = {
            "id": f"e{i}",
            "type": rng.choice(kinds),
            "occurred_at": f"2026-11-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:30:00Z",
            "rating": rng.choice([0, 1, 2, 3, 5, 1.5]),
            "channel": rng.choice(["twitter", "yelp", "phone"]),
            "text": rng.choice(texts),
            "customer": {"first_name": rng.choice(["Dana", "Ola", ""]), "tier": "gold"},
            "order": {
                "total": rng.choice([0, 19.99, 119.99, 1000, -5]),
                "delay_days": rng.randint(0, 5),
                "items": rng.sample(["a", "b", 3, "z"], 2),
            },
            "tags": rng.sample(["x", "y", "z"], rng.randint(0, 3)),
            "score": rng.choice([-2, 0, 2e6]),
            "flag": rng.choice([True, False, None, 0]),
        }
        if rng.random() < 0.1:
            del event["id"]  # some events are rejected: errors must be serial-identical too
        events.append(event)
    return events


def _outcome(plan: Plan, event: dict[str, Any]) -> bytes:
    try:
        return plan.evaluate_json(event)
    except EventError as error:
        return b"error:" + error.code.encode()


def test_one_plan_many_threads_gives_the_serial_decisions(
    tmp_path: Path, fast_switching: None
) -> None:
    path = tmp_path / "rich.yaml"
    path.write_text(RICH_PLAN, encoding="utf-8")
    plan = load_plan(path)
    events = _events(1500, seed=7)
    serial = [_outcome(plan, e) for e in events]
    assert len(set(serial)) > 100  # the events really exercise the plan

    def worker(seed: int) -> list[tuple[int, bytes]]:
        order = list(range(len(events)))
        random.Random(seed).shuffle(order)  # every thread walks the events in its own order
        return [(i, _outcome(plan, events[i])) for i in order]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(worker, range(8)))
    for result in results:
        assert sorted(result) == sorted(enumerate(serial))
    assert [_outcome(plan, e) for e in events] == serial  # and the plan is unchanged after


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_reload_under_concurrent_evaluation_never_mixes_plans(
    tmp_path: Path, fast_switching: None
) -> None:
    path_a, path_b = _write(tmp_path / "a.yaml", PLAN_A), _write(tmp_path / "b.yaml", PLAN_B)
    events = [e for e in _events(200, seed=3) if "id" in e]
    plan_a, plan_b = load_plan(path_a), load_plan(path_b)
    allowed = [{_outcome(plan_a, e), _outcome(plan_b, e)} for e in events]
    assert all(len(pair) == 2 for pair in allowed)  # every decision tells the plans apart
    holder = PlanHolder(path_a)
    done = threading.Event()
    seen: list[list[bytes]] = [[] for _ in range(6)]
    failures: list[str] = []

    def evaluate(slot: int) -> None:
        rounds = 0
        while not done.is_set() or rounds < 2:
            for index, event in enumerate(events):
                try:
                    got = holder.evaluate(event).to_json()
                except EventError as error:
                    got = b"error:" + error.code.encode()
                if got not in allowed[index]:
                    failures.append(f"event {index}: {got!r}")
                seen[slot].append(got)
            rounds += 1

    def reload() -> None:
        try:
            for turn in range(20):
                result = holder.reload(path_b if turn % 2 == 0 else path_a)
                assert result.ok, result.diagnostics
        finally:
            done.set()

    threads = [threading.Thread(target=evaluate, args=(slot,)) for slot in range(6)]
    threads.append(threading.Thread(target=reload))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
        assert not thread.is_alive()
    assert failures == []
    assert holder.plan.name == "Store A"  # the last reload (turn 19) was back to A
    assert sum(len(s) for s in seen) >= 6 * 2 * len(events)


def test_broken_new_plan_keeps_the_old_one_and_reports_why(tmp_path: Path) -> None:
    path = _write(tmp_path / "plan.yaml", PLAN_A)
    holder = PlanHolder(path)
    old = holder.plan
    event = {"id": 1, "type": "review", "rating": 1}
    before = holder.evaluate(event)
    _write(path, PLAN_A.replace("lte: 2", "lesser_than: 2"))
    result = holder.reload()
    assert not result.ok
    assert result.fingerprint == old.fingerprint
    assert holder.plan is old
    assert holder.evaluate(event) == before
    assert holder.last_error is not None
    assert holder.last_error.diagnostics == result.diagnostics
    first = result.diagnostics[0]
    assert (first.source.path, first.source.line) == (str(path), 6)
    assert "lesser_than" in first.render()
    missing = holder.reload(tmp_path / "nowhere.yaml")  # a new source that does not exist
    assert not missing.ok and missing.diagnostics[0].code == "not-found"
    assert holder.plan is old
    _write(path, PLAN_B)
    fixed = holder.reload()
    assert fixed.ok and fixed.fingerprint != old.fingerprint
    assert holder.last_error is None
    assert holder.plan.name == "Store B"


def test_reload_if_changed_reloads_only_on_change(tmp_path: Path) -> None:
    path = _write(tmp_path / "plan.yaml", PLAN_A)
    holder = PlanHolder(path)
    first = holder.plan
    assert holder.reload_if_changed() is None
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns + 10**9, stat.st_mtime_ns + 10**9))  # saved, unchanged
    assert holder.reload_if_changed() is None
    assert holder.plan is first
    _write(path, PLAN_B)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the old time stamp
    changed = holder.reload_if_changed()
    assert changed is not None and changed.ok
    assert holder.plan.name == "Store B"
    assert holder.reload_if_changed() is None
    _write(path, "backplan: 1\nplan: [oops\n")
    broken = holder.reload_if_changed()
    assert broken is not None and not broken.ok
    assert broken.diagnostics[0].code == "yaml-syntax"
    assert holder.reload_if_changed() is None  # the broken version is not retried ...
    assert holder.plan.name == "Store B"  # ... and the last good plan stays in force
    assert isinstance(holder.last_error, PlanError)
    _write(path, PLAN_A)
    again = holder.reload_if_changed()
    assert again is not None and again.ok
    assert holder.plan.fingerprint == first.fingerprint
    assert holder.last_error is None


def _holder_of_rules_in_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelt: type[str] | type[Path]
) -> PlanHolder:
    """A holder of plan A given as `rules`, relative to the app's folder, made there."""
    (tmp_path / "app" / "rules").mkdir(parents=True)
    _write(tmp_path / "app" / "rules" / "plan.yaml", PLAN_A)
    monkeypatch.chdir(tmp_path / "app")
    return PlanHolder(spelt("rules"))


def _moved_to(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``folder``, made and made the working folder (an app that moves once started)."""
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize("spelt", [str, Path])
def test_a_holder_given_a_relative_path_watches_it_from_any_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelt: type[str] | type[Path]
) -> None:
    """A holder kept the relative path it was given, and read it again from whatever folder
    the process was in at each reload: an app that changed its working folder once started (a
    daemon goes to `/`) had its plan reported missing at every poll, never reloaded again."""
    holder = _holder_of_rules_in_app(tmp_path, monkeypatch, spelt)
    elsewhere = _moved_to(tmp_path / "elsewhere", monkeypatch)
    assert holder.reload_if_changed() is None  # the same files, unchanged
    _write(tmp_path / "app" / "rules" / "plan.yaml", PLAN_B)
    changed = holder.reload_if_changed()
    assert changed is not None and changed.ok, changed
    assert holder.plan.name == "Store B"
    assert holder.reload().ok
    moved = holder.reload(spelt("rules"))  # a new path is read from the folder of its call
    assert [d.code for d in moved.diagnostics] == ["not-found"]
    assert moved.diagnostics[0].source.path == str(elsewhere / "rules")


@pytest.mark.parametrize("spelt", [str, Path])
def test_a_relative_path_given_in_a_removed_working_folder_is_told_not_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelt: type[str] | type[Path]
) -> None:
    """Anchoring a relative path asked for the working folder, which raised
    ``FileNotFoundError`` once another process had removed it: out of ``reload(path)``, which
    raises for no plan, and out of ``PlanHolder(path)``, which raises a ``PlanError``."""
    holder = _holder_of_rules_in_app(tmp_path, monkeypatch, spelt)
    _moved_to(tmp_path / "gone", monkeypatch).rmdir()
    moved = holder.reload(spelt("rules"))
    assert not moved.ok and [d.code for d in moved.diagnostics] == ["not-found"]
    assert holder.plan.name == "Store A" and holder.reload_if_changed() is None
    with pytest.raises(PlanError) as refused:
        PlanHolder(spelt("rules"))
    assert [d.code for d in refused.value.diagnostics] == ["not-found"]


def test_reload_if_changed_notices_files_added_to_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    folder.mkdir()
    _write(folder / "00-plan.yaml", PLAN_A)
    holder = PlanHolder(folder)
    assert len(holder.plan.model.rules) == 2
    extra = _write(
        folder / "10-more.yaml",
        "backplan: 1\nrules:\n  - id: more\n    title: More\n    when: {event: order}\n"
        "    then: [{apologize: {}}]\n",
    )
    added = holder.reload_if_changed()
    assert added is not None and added.ok
    assert len(holder.plan.model.rules) == 3
    extra.unlink()
    removed = holder.reload_if_changed()
    assert removed is not None and removed.ok
    assert len(holder.plan.model.rules) == 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="names are bytes on Linux")
def test_a_file_named_in_another_encoding_is_watched_like_any_other(tmp_path: Path) -> None:
    # `réclamations.yaml` written in Latin-1: Linux gives Python its name with a lone
    # surrogate (`r\udce9clamations.yaml`), which str.encode refuses.
    folder = tmp_path / "plan"
    folder.mkdir()
    _write(folder / "00-plan.yaml", PLAN_A)
    extra = "backplan: 1\nrules:\n  - id: more\n    title: More\n    when: {event: order}\n"
    with open(os.fsencode(folder) + b"/r\xe9clamations.yaml", "wb") as handle:
        handle.write(f"{extra}    then: [{{apologize: {{}}}}]\n".encode())
    holder = PlanHolder(folder)
    assert len(holder.plan.model.rules) == 3
    assert holder.reload_if_changed() is None  # nothing changed since
    with open(os.fsencode(folder) + b"/r\xe9clamations.yaml", "ab") as handle:
        handle.write(b"\n# edited\n")
    changed = holder.reload_if_changed()
    assert changed is not None and changed.ok


def test_unexpected_fault_while_reloading_keeps_the_old_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import engine.reload

    holder = PlanHolder(_write(tmp_path / "plan.yaml", PLAN_A))
    old = holder.plan

    def explode(*args: Any) -> Plan:
        raise RuntimeError("the disk caught fire")

    monkeypatch.setattr(engine.reload, "read_plan_files", explode)
    result = holder.reload()
    assert not result.ok
    assert result.diagnostics[0].code == "reload-failed"
    assert "RuntimeError: the disk caught fire" in result.diagnostics[0].message
    assert holder.plan is old


def test_a_file_rewritten_while_it_is_loaded_is_tried_again_not_taken_for_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cp` of a file over itself (a deploy copying an unchanged plan) empties it, then writes
    the same bytes. The stamp was taken before loading, of the valid bytes; the load read the
    file empty and failed; and the valid bytes were recorded as the broken version, so that
    version was never tried again and the old plan stayed in force for good. The copy is
    made to happen while the plan's files are read. (Polling now reads each file once, for
    the stamp and the load alike, so the copy can no longer fall between the two; it can
    still catch the file empty.)"""
    import engine.reload

    path = _write(tmp_path / "plan.yaml", PLAN_A)
    holder = PlanHolder(path)
    _write(path, PLAN_B)
    read = engine.reload.read_plan_bytes
    copies = [PLAN_B]

    def copied_meanwhile(*args: Any) -> Any:
        if not copies:
            return read(*args)
        path.write_bytes(b"")  # cp has opened the file for writing ...
        try:
            return read(*args)
        finally:
            _write(path, copies.pop())  # ... and has written it once it was read

    monkeypatch.setattr(engine.reload, "read_plan_bytes", copied_meanwhile)
    caught = holder.reload_if_changed()
    assert caught is not None and not caught.ok  # the empty file: no `backplan:`, no rules
    assert holder.plan.name == "Store A"
    retried = holder.reload_if_changed()  # the bytes on disk are not those that failed
    assert retried is not None and retried.ok
    assert holder.plan.name == "Store B"
    assert holder.reload_if_changed() is None


def test_polling_reads_each_file_of_a_changed_plan_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It stamped the files (read them all), then loaded them (read them all again)."""
    import engine.reload

    folder = tmp_path / "plan"
    folder.mkdir()
    _write(folder / "00-plan.yaml", PLAN_A)
    holder = PlanHolder(folder)
    _write(folder / "00-plan.yaml", PLAN_B)
    _write(folder / "10-broken.yaml", "rules: [")
    read = engine.reload.read_plan_bytes
    reads: list[str] = []

    def counting(path: Path) -> bytes:
        reads.append(path.name)
        return read(path)

    monkeypatch.setattr(engine.reload, "read_plan_bytes", counting)
    broken = holder.reload_if_changed()
    assert broken is not None and not broken.ok
    assert holder.plan.name == "Store A"
    assert sorted(reads) == ["00-plan.yaml", "10-broken.yaml"]
    reads.clear()
    assert holder.reload_if_changed() is None  # the broken version is not tried again
    (folder / "10-broken.yaml").unlink()
    changed = holder.reload_if_changed()
    assert changed is not None and changed.ok
    assert holder.plan.name == "Store B"
    assert reads == ["00-plan.yaml", "10-broken.yaml", "00-plan.yaml"]


def test_polling_a_plan_with_an_unreadable_file_leaves_no_reading_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file the stamp could not read (one too large) was held as the PlanError it raised,
    whose traceback holds the reading that held it: every poll left that cycle, with the bytes
    of every other file of the plan, to the garbage collector (with it off, for good)."""
    import gc
    import weakref

    import engine.reload
    from engine.documents import MAX_FILE_BYTES

    folder = tmp_path / "plan"
    folder.mkdir()
    _write(folder / "00-plan.yaml", PLAN_A)
    holder = PlanHolder(folder)
    with (folder / "10-large.yaml").open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: cheap to make
    refused = holder.reload_if_changed()
    assert refused is not None and not refused.ok
    assert [d.code for d in refused.diagnostics] == ["file-too-large"]
    assert holder.plan.name == "Store A"
    readings: list[weakref.ref[engine.reload._Reading]] = []

    class Watched(engine.reload._Reading):
        def __init__(self, source: tuple[str | Path, ...]) -> None:
            super().__init__(source)
            readings.append(weakref.ref(self))

    monkeypatch.setattr(engine.reload, "_Reading", Watched)
    enabled = gc.isenabled()
    gc.disable()
    try:
        assert holder.reload_if_changed() is None  # the broken version is not tried again
        assert holder.reload_if_changed() is None
        assert len(readings) == 2
        assert [ref() for ref in readings] == [None, None]  # each freed as its poll ended
    finally:
        if enabled:
            gc.enable()


def test_a_fault_while_watching_or_finding_the_files_keeps_the_old_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`reload_if_changed` is called from a timer, without `try`: a fault while stamping the
    files had escaped it (and `reload`, which stamped outside its `try`), and a path that
    cannot be looked at had raised Python's OSError (Errno 36, file name too long)."""
    folder = tmp_path / "plan"
    folder.mkdir()
    _write(folder / "00-plan.yaml", PLAN_A)
    holder = PlanHolder(folder)
    old = holder.plan
    walk = os.walk

    def explode(*args: Any, **options: Any) -> Any:
        raise RuntimeError("the disk caught fire")

    monkeypatch.setattr(os, "walk", explode)
    for result in (holder.reload_if_changed(), holder.reload()):
        assert result is not None and not result.ok
        assert [d.code for d in result.diagnostics] == ["reload-failed"]
        assert "RuntimeError: the disk caught fire" in result.diagnostics[0].message
        assert holder.plan is old
    monkeypatch.setattr(os, "walk", walk)
    assert holder.reload_if_changed() is None  # the files did not change meanwhile
    too_long = holder.reload(tmp_path / ("x" * 300))
    assert [d.code for d in too_long.diagnostics] == ["unreadable"]
    assert holder.plan is old


def test_concurrent_reloads_leave_a_consistent_holder(tmp_path: Path, fast_switching: None) -> None:
    path_a, path_b = _write(tmp_path / "a.yaml", PLAN_A), _write(tmp_path / "b.yaml", PLAN_B)
    holder = PlanHolder(path_a)
    sources = [path_a, path_b] * 6
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(holder.reload, sources))
    assert all(r.ok for r in results)
    # Whichever reload came last, the plan in force and the source it watches agree.
    assert holder.reload_if_changed() is None
    expected = load_plan(path_a if holder.plan.name == "Store A" else path_b)
    assert holder.plan.fingerprint == expected.fingerprint


@pytest.mark.skipif(sys.platform == "win32", reason="no fork")
def test_a_process_forked_during_a_reload_can_reload_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker forked while the parent's watcher thread reloaded inherited the holder's lock
    held, and its own first reload waited for ever (found by review)."""
    import engine.reload

    holder = PlanHolder(_write(tmp_path / "plan.yaml", PLAN_A))
    loading, finish = threading.Event(), threading.Event()
    load = engine.reload.read_plan_files

    def slow_load(*args: Any) -> Any:
        loading.set()
        finish.wait()
        return load(*args)

    monkeypatch.setattr(engine.reload, "read_plan_files", slow_load)
    watcher = threading.Thread(target=holder.reload)
    watcher.start()
    loading.wait()
    try:
        child = os.fork()
        if child == 0:  # pragma: no cover - the child only reports
            free = holder._lock.acquire(blocking=False)  # what reload() waits for first
            os._exit(0 if free else 1)
    finally:
        finish.set()
        watcher.join()
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert holder.plan.name == "Store A"


def test_polling_tells_each_new_reason_a_plan_cannot_be_read(tmp_path: Path) -> None:
    """A folder removed, then made again empty: both have no file to read, so only why each
    cannot be read tells them apart (reload.py's stamp of the problems). Without it the second
    poll said nothing, and ``last_error`` kept saying the folder was not there."""
    import shutil

    folder = tmp_path / "plan"
    folder.mkdir()
    _write(folder / "plan.yaml", PLAN_A)
    holder = PlanHolder(folder)
    shutil.rmtree(folder)
    gone = holder.reload_if_changed()
    assert gone is not None and [d.code for d in gone.diagnostics] == ["not-found"]
    assert holder.reload_if_changed() is None  # the same problem is not told twice
    folder.mkdir()
    empty = holder.reload_if_changed()
    assert empty is not None and [d.code for d in empty.diagnostics] == ["no-plan-files"]
    assert holder.last_error is not None and holder.last_error.diagnostics == empty.diagnostics
    assert holder.plan.name == "Store A"
    _write(folder / "plan.yaml", PLAN_A)
    back = holder.reload_if_changed()
    assert back is not None and back.ok


def test_a_holder_given_no_path_keeps_its_plan_and_says_why() -> None:
    """`reload([])`: no path at all is a state of its own (reload.py's _Reading), reported as
    the load reports it, never raised at the app."""
    from tests.conftest import REPO

    holder = PlanHolder(REPO / "rules")
    result = holder.reload([])
    assert not result.ok
    assert [d.code for d in result.diagnostics] == ["no-plan-path"]
    assert result.fingerprint == holder.plan.fingerprint
