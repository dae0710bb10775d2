"""A container's CPU limit bounds `eval --jobs auto`'s workers (engine.cpuquota)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine import cpuquota, parallel


def _groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own: str) -> Path:
    """A /sys/fs/cgroup of folders under ``tmp_path``, and ``own`` as /proc/self/cgroup."""
    root = tmp_path / "cgroup"
    root.mkdir()
    listing = tmp_path / "self-cgroup"
    listing.write_text(own, encoding="utf-8")
    monkeypatch.setattr(cpuquota, "CGROUPS", root)
    monkeypatch.setattr(cpuquota, "OWN_GROUPS", listing)
    return root


def test_a_pods_cpu_limit_bounds_the_workers_auto_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a 64-CPU node a pod limited to 2 CPUs forked 64 workers, each holding the plan:
    # slower than 2 (the kernel ran them by turns), or killed for memory without a word.
    root = _groups(tmp_path, monkeypatch, "0::/\n")
    (root / "cpu.max").write_text("200000 100000\n", encoding="utf-8")
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: set(range(64)), raising=False)
    events = tmp_path / "events.jsonl"
    events.write_bytes(b'{"id": "a", "type": "review"}\n' * 200_000)  # 6 MB: 24 pieces
    with events.open("rb") as stream:
        assert parallel.workers_for(stream, None) == 2
        assert parallel.workers_for(stream, 64) == 8  # at most 4 per CPU, as without a limit


@pytest.mark.parametrize(
    ("own", "files", "cpus"),
    [
        ("0::/\n", {"cpu.max": "max 100000"}, None),  # no limit
        ("0::/\n", {"cpu.max": "150000 100000"}, 2),  # 1.5 CPUs: two workers share them
        ("0::/\n", {"cpu.max": "50000 100000"}, 1),  # half a CPU: one
        ("1:cpu,cpuacct:/docker/abc\n", {"cpu,cpuacct/cpu.cfs_quota_us": "300000"}, 3),
        ("1:cpu,cpuacct:/\n", {"cpu,cpuacct/cpu.cfs_quota_us": "-1"}, None),  # v1's none
        ("1:memory:/\n", {"memory/cpu.cfs_quota_us": "100000"}, None),  # not the cpu group
        ("0::/\n", {"cpu.max": "a lot"}, None),  # not understood: no limit
        ("0::/\n", {}, None),  # no file
        ("a line of no group\n0::/\n", {"cpu.max": "200000 100000"}, 2),  # skipped, not raised
    ],
)
def test_the_quota_is_read_as_the_kernel_writes_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    own: str,
    files: dict[str, str],
    cpus: int | None,
) -> None:
    root = _groups(tmp_path, monkeypatch, own)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
        if name.endswith("cfs_quota_us"):
            (path.parent / "cpu.cfs_period_us").write_text("100000\n", encoding="utf-8")
    assert cpuquota.cpu_quota() == cpus


def test_the_smallest_quota_of_a_group_and_those_above_it_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _groups(tmp_path, monkeypatch, "0::/kubepods/pod1/box\n")
    (root / "kubepods/pod1/box").mkdir(parents=True)
    (root / "kubepods/pod1/cpu.max").write_text("200000 100000\n", encoding="utf-8")
    (root / "kubepods/pod1/box/cpu.max").write_text("max 100000\n", encoding="utf-8")
    (root / "cpu.max").write_text("800000 100000\n", encoding="utf-8")
    assert cpuquota.cpu_quota() == 2


def test_no_groups_no_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cpuquota, "OWN_GROUPS", tmp_path / "missing")
    assert cpuquota.cpu_quota() is None
