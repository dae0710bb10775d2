"""Hot reload for embedders: swap a compiled plan atomically, keep the old one if the new is bad.

A :class:`PlanHolder` owns the plan in force. ``reload()`` loads and compiles the new version
*beside* the old one and swaps a single reference only when it succeeded, so a request running
concurrently sees either the whole old plan or the whole new one, never a mix; a broken new plan
leaves the old one in force and the holder reports why.

``reload_if_changed()`` is the polling form for a watcher: it reloads only when the content of
the plan files (or the set of files in a plan folder) changed since the last attempt. It needs
no background thread; call it from your own timer, request hook or file-watch callback.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from engine.api import Plan, PlanSource, read_plan_files, source_paths
from engine.decision import Decision
from engine.documents import decode_plan_bytes, read_plan_bytes
from engine.errors import Diagnostic, PlanError, Severity, SourceLocation, read_only
from engine.planfile import find_plan_files

if TYPE_CHECKING:
    from engine.event import Event


@read_only
@dataclass(frozen=True, slots=True)
class ReloadResult:
    """What a reload did: whether the new plan is in force, and the problems if not."""

    ok: bool
    fingerprint: str
    """The fingerprint of the plan in force after the reload (the old one when it failed)."""
    diagnostics: tuple[Diagnostic, ...] = ()


def _paths(source: PlanSource) -> tuple[str | Path, ...]:
    """The source as a tuple, so a one-shot iterable can be read again at the next reload,
    each path that is relative anchored to the working folder of the call (:func:`_anchored`)."""
    return tuple(map(_anchored, source_paths(source)))


def _anchored(path: str | Path) -> str | Path:
    """``path`` joined to the working folder now, when it is relative (``..`` kept, links not
    followed: a link switched to a new release is followed at the next reload). A holder keeps
    its paths for every reload to come: kept relative, they were read from whatever folder the
    process was in by then, and an app that changes it once started (a daemon goes to ``/``)
    had its plan reported missing at every poll, never reloaded again (found by review). The
    empty path stays empty: no path at all, told as a load tells it. So does a path given
    while the working folder is gone (removed by another process): there is no folder to
    anchor it to, and the load tells it `not-found`; asking for the folder had raised a
    ``FileNotFoundError`` out of ``reload(path)``, which raises for no plan (found by review)."""
    if path == "" or os.path.isabs(path):
        return path
    try:
        here = os.getcwd()
    except OSError:
        return path
    return os.path.join(here, path) if isinstance(path, str) else Path(here) / path


class _Reading:
    """One reading of a plan's files, and its stamp: which files make up the plan, and the
    bytes read from each (or why one could not be read).

    Each file is read once, whether the stamp or a load asks first, so the stamp of a
    version is that of the very bytes the load parsed. A stamp taken of the bytes on disk
    before loading was not: a file rewritten in between (``cp`` empties it, then writes the
    same bytes) failed to load empty, its valid bytes were recorded as the broken version, and
    they were never tried again. And polling (:meth:`PlanHolder.reload_if_changed`) loads a
    changed plan from the bytes it stamped, rather than reading every file a second time.
    """

    def __init__(self, source: tuple[str | Path, ...]) -> None:
        self.found = find_plan_files(source)  # PlanError for no path at all, as a load says it
        self._read: dict[Path, bytes] = {}
        """Each file read: the hash of its bytes, or why it could not be read."""
        self._held: dict[Path, bytes | PlanError] = {}
        """Each file read and not yet loaded: its bytes, or why they could not be read."""

    def text(self, path: Path) -> str:
        """The file's text, for the loader: from the bytes the stamp read, when it has read
        them (given once: the load is done with them then), else read now and noted."""
        held = self._held.pop(path, None)
        if held is None:
            held = self._bytes(path)
        elif isinstance(held, PlanError):
            raise held
        return decode_plan_bytes(held, str(path))

    def _bytes(self, path: Path) -> bytes:
        """The file's bytes as the loader reads them (refused alike: too large, unreadable),
        their hash noted for the stamp."""
        try:
            raw = read_plan_bytes(path)
        except PlanError as error:
            self._read[path] = b"unreadable\0" + _utf8(_said(error.diagnostics))
            raise
        self._read[path] = hashlib.sha256(raw).digest()
        return raw

    def plan(self) -> Plan:
        """The compiled plan, from the bytes this reading reads; PlanError when it is invalid."""
        return Plan(read_plan_files(self.found, self.text))

    def stamp(self) -> str:
        """The stamp of what was read: a hash of which files make up the plan and what they
        hold (names and bytes); a file not read yet (a load that stopped early, or none at
        all) is read now.

        Content, not modification times: a save that changes nothing does not recompile, and
        two edits within the file system's timestamp resolution are still told apart.
        """
        digest = hashlib.sha256()
        if self.found.problems:
            digest.update(b"missing\0" + _utf8(_said(self.found.problems)))
        for path in self.found.files:
            if path not in self._read:
                try:
                    self._held[path] = self._bytes(path)
                except PlanError as error:
                    # Held made again, never raised: the one raised holds this reading by its
                    # traceback, a cycle that kept the bytes of every file until a collection.
                    self._held[path] = PlanError(error.diagnostics)
            digest.update(_utf8(str(path)) + b"\0" + self._read[path] + b"\0")
        return digest.hexdigest()


def _said(problems: Iterable[Diagnostic]) -> str:
    """What the problems say, and where: a stamp of why files are missing or unreadable."""
    return "\0".join(f"{d.source.path}: {d.message}" for d in problems)


def _utf8(text: str) -> bytes:
    """Text as bytes for the stamp, a name that is not UTF-8 included: Linux hands such a
    name to Python with a lone surrogate for each byte it could not read (``r\\udce9.yaml``),
    which ``str.encode`` refuses; the plan itself loads from such a file."""
    return text.encode("utf-8", "surrogatepass")


class PlanHolder:
    """The plan currently in force, replaceable at run time from any thread."""

    def __init__(self, source: PlanSource) -> None:
        self._source = _paths(source)
        reading = _Reading(self._source)
        self._plan = reading.plan()
        self._stamp = reading.stamp()
        self._lock = threading.Lock()
        self.last_error: PlanError | None = None
        """Why the latest reload failed (None after a successful one)."""
        _HOLDERS.add(self)

    def __repr__(self) -> str:
        """The plan in force, as its own repr says it: a holder's had been the default one,
        ``<engine.reload.PlanHolder object at 0x…>``, which says nothing in a log (found by
        review)."""
        return f"<PlanHolder of {self._plan!r}>"

    def __copy__(self) -> PlanHolder:
        """The holder itself, as a :class:`Plan`'s copy is the plan: a copy had been a second
        holder, reloaded apart from the first though it shared its lock, which the fork handler
        (:func:`_unlock_in_child`) did not know of; a deep copy (an app's settings holding
        one) raised "cannot pickle '_thread.lock' object" (found by review)."""
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> PlanHolder:
        return self

    def __reduce__(self) -> NoReturn:
        """Refused in words that name the holder (pickle had named its Plan)."""
        raise TypeError(
            "a PlanHolder cannot be pickled (its plan is compiled code); send the plan's paths "
            "to the other process and make a PlanHolder of them there (a fork-started process "
            "inherits the holder as it is)"
        )

    @property
    def plan(self) -> Plan:
        """The plan in force (a reference read is atomic)."""
        return self._plan

    def evaluate(self, event: Mapping[str, Any] | Event) -> Decision:
        """Evaluate with the plan in force at the moment of the call."""
        return self._plan.evaluate(event)

    def reload(self, source: PlanSource | None = None) -> ReloadResult:
        """Load the plan again (or from a new source); swap only if it is valid."""
        with self._lock:
            return self._reload(_paths(source) if source is not None else self._source)

    def reload_if_changed(self) -> ReloadResult | None:
        """Reload when the plan's files changed since the last attempt; None when they did not.

        A broken version is tried once: polling again returns None (the old plan stays in force,
        ``last_error`` says why) until the files change again.
        """
        with self._lock:
            try:
                reading = _Reading(self._source)
                unchanged = reading.stamp() == self._stamp
            except Exception as exc:  # called from a timer: a fault is reported, not raised
                return self._keep_old(_fault(exc, self._source), self._source, None)
            return None if unchanged else self._reload(self._source, reading)

    def _reload(
        self, wanted: tuple[str | Path, ...], reading: _Reading | None = None
    ) -> ReloadResult:
        """Load ``wanted`` (from ``reading``: the files as polling read them, when it did)."""
        try:
            if reading is None:
                reading = _Reading(wanted)
            fresh = reading.plan()
            stamp = reading.stamp()  # of the bytes read: an edit since shows at the next poll
        except PlanError as error:
            return self._keep_old(error, wanted, reading)
        except Exception as exc:  # a fault while loading must not take the running plan down
            return self._keep_old(_fault(exc, wanted), wanted, reading)
        self._plan, self._source, self._stamp, self.last_error = fresh, wanted, stamp, None
        return ReloadResult(True, fresh.fingerprint)

    def _keep_old(
        self, error: PlanError, wanted: tuple[str | Path, ...], reading: _Reading | None
    ) -> ReloadResult:
        """The old plan stays in force; the version that failed is remembered (the bytes the
        load read) so polling does not try it again, unless a fault left none to remember."""
        if wanted == self._source and reading is not None:
            with contextlib.suppress(Exception):  # a fault again: tried again at the next poll
                self._stamp = reading.stamp()
        self.last_error = error
        return ReloadResult(False, self._plan.fingerprint, error.diagnostics)


_HOLDERS: weakref.WeakSet[PlanHolder] = weakref.WeakSet()
"""Every holder alive, for :func:`_unlock_in_child`."""


def _unlock_in_child() -> None:
    """Give each holder a lock of its own in a forked child process.

    A child forked while another thread was reloading (a watcher's poll, when a server forks
    its workers) inherits the lock held, and no thread of the child will release it: its first
    ``reload_if_changed()`` waited for ever, so the worker kept the plan it was forked with,
    and its watcher thread hung, without a word (found by review). The child has no reload
    under way; the swap the parent's thread was making is not made there."""
    for holder in list(_HOLDERS):
        holder._lock = threading.Lock()


os.register_at_fork(after_in_child=_unlock_in_child)


def _fault(exc: Exception, wanted: tuple[str | Path, ...]) -> PlanError:
    """An unexpected fault while loading or watching the plan, as a reload problem."""
    where = SourceLocation(str(wanted[0]) if wanted else "<plan>")
    problem = Diagnostic(
        Severity.ERROR,
        "reload-failed",
        f"the new plan could not be loaded ({type(exc).__name__}: {exc})",
        where,
        "the previous plan stays in force; please report this problem",
    )
    return PlanError([problem])
