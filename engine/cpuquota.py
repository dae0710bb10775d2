"""The CPU time a Linux control group lets this process use, in whole CPUs.

``backplan eval --jobs auto`` starts one worker per CPU it may run on. In a container the
affinity names every CPU of the machine, while the container may use only a few of them (a
Kubernetes pod's CPU limit, ``docker run --cpus 2``): on a 64-CPU node, a pod limited to 2
CPUs forked 64 workers, each holding the plan (about 26 MB), which the kernel then ran by
turns, slower than 2 would have, or the pod went over its memory limit and was killed without
a word. The quota is read where the kernel writes it: ``cpu.max`` (cgroup v2) or
``cpu.cfs_quota_us`` and ``cpu.cfs_period_us`` (cgroup v1), in the process's own group and
each group above it, the smallest winning.
"""

from __future__ import annotations

import contextlib
import math
from pathlib import Path

CGROUPS = Path("/sys/fs/cgroup")
"""Where the control groups are mounted."""

OWN_GROUPS = Path("/proc/self/cgroup")
"""The groups this process is in: ``hierarchy:controllers:path`` a line."""


def cpu_quota() -> int | None:
    """The CPUs the quotas of this process's control groups allow, rounded up (1.5 CPUs give
    2); None when no group sets one, or outside Linux."""
    try:
        lines = OWN_GROUPS.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    quotas = (_quota(folder, v1) for line in lines for folder, v1 in _cpu_folders(line))
    return min((quota for quota in quotas if quota is not None), default=None)


def _cpu_folders(line: str) -> list[tuple[Path, bool]]:
    """The folders, from the process's own group up to its hierarchy's root, where the quota
    of the group ``line`` of /proc/self/cgroup names may be written, each with whether it is
    cgroup v1's. A container sees its own group at the root of the mount, under a path from
    the host that is not there: only the folders that are there are read."""
    fields = line.split(":", 2)
    if len(fields) != 3:  # not a group's line
        return []
    _, controllers, path = fields
    if controllers == "":  # cgroup v2: one hierarchy, "0::/path"
        mounts, v1 = [CGROUPS], False
    elif "cpu" in controllers.split(","):
        mounts, v1 = [CGROUPS / controllers, CGROUPS / "cpu"], True
    else:
        return []
    parts = [part for part in path.split("/") if part not in ("", ".", "..")]
    return [
        (mount.joinpath(*parts[:depth]), v1)
        for mount in mounts
        for depth in range(len(parts), -1, -1)
    ]


def _quota(folder: Path, v1: bool) -> int | None:
    """The whole CPUs the quota written in ``folder`` allows; None when there is none."""
    with contextlib.suppress(OSError, ValueError, UnicodeDecodeError):
        if v1:
            quota = int((folder / "cpu.cfs_quota_us").read_text(encoding="utf-8"))
            period = int((folder / "cpu.cfs_period_us").read_text(encoding="utf-8"))
        else:
            limit, every = (folder / "cpu.max").read_text(encoding="utf-8").split()
            if limit == "max":
                return None
            quota, period = int(limit), int(every)
        if quota > 0 and period > 0:  # v1 writes -1 for no quota
            return max(1, math.ceil(quota / period))
    return None
