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

import hashlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.api import Plan, PlanSource, load_plan, source_paths
from engine.decision import Decision
from engine.documents import MAX_FILE_BYTES
from engine.errors import Diagnostic, PlanError, Severity, SourceLocation
from engine.planfile import plan_files

if TYPE_CHECKING:
    from engine.event import Event


@dataclass(frozen=True, slots=True)
class ReloadResult:
    """What a reload did: whether the new plan is in force, and the problems if not."""

    ok: bool
    fingerprint: str
    """The fingerprint of the plan in force after the reload (the old one when it failed)."""
    diagnostics: tuple[Diagnostic, ...] = ()


def _paths(source: PlanSource) -> tuple[str | Path, ...]:
    """The source as a tuple, so a one-shot iterable can be read again at the next reload."""
    return tuple(source_paths(source))


def content_stamp(source: PlanSource) -> str:
    """A hash of which files make up the plan and what they hold (names and bytes).

    Content, not modification times: a save that changes nothing does not recompile, and two
    edits within the file system's timestamp resolution are still told apart.
    """
    digest = hashlib.sha256()
    try:
        files = plan_files(_paths(source))
    except PlanError as error:  # missing files: a state of its own, reported by the reload
        digest.update(b"missing\0" + _utf8("\0".join(d.message for d in error.diagnostics)))
        return digest.hexdigest()
    for path in files:
        digest.update(_utf8(str(path)) + b"\0")
        try:
            with path.open("rb") as handle:
                digest.update(handle.read(MAX_FILE_BYTES + 1))
        except OSError as exc:
            digest.update(_utf8(f"unreadable: {exc.strerror}"))
        digest.update(b"\0")
    return digest.hexdigest()


def _utf8(text: str) -> bytes:
    """Text as bytes for the stamp, a name that is not UTF-8 included: Linux hands such a
    name to Python with a lone surrogate for each byte it could not read (``r\\udce9.yaml``),
    which ``str.encode`` refuses; the plan itself loads from such a file."""
    return text.encode("utf-8", "surrogatepass")


class PlanHolder:
    """The plan currently in force, replaceable at run time from any thread."""

    def __init__(self, source: PlanSource) -> None:
        self._source = _paths(source)
        self._stamp = content_stamp(self._source)
        self._plan = load_plan(self._source)
        self._lock = threading.Lock()
        self.last_error: PlanError | None = None
        """Why the latest reload failed (None after a successful one)."""

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
            if content_stamp(self._source) == self._stamp:
                return None
            return self._reload(self._source)

    def _reload(self, wanted: tuple[str | Path, ...]) -> ReloadResult:
        # The stamp is taken before loading: an edit made during the load shows as a change
        # at the next poll instead of being missed.
        stamp = content_stamp(wanted)
        try:
            fresh = load_plan(wanted)
        except PlanError as error:
            return self._keep_old(error, wanted, stamp)
        except Exception as exc:  # a fault while loading must not take the running plan down
            where = SourceLocation(str(wanted[0]) if wanted else "<plan>")
            problem = Diagnostic(
                Severity.ERROR,
                "reload-failed",
                f"the new plan could not be loaded ({type(exc).__name__}: {exc})",
                where,
                "the previous plan stays in force; please report this problem",
            )
            return self._keep_old(PlanError([problem]), wanted, stamp)
        self._plan, self._source, self._stamp, self.last_error = fresh, wanted, stamp, None
        return ReloadResult(True, fresh.fingerprint)

    def _keep_old(
        self, error: PlanError, wanted: tuple[str | Path, ...], stamp: str
    ) -> ReloadResult:
        if wanted == self._source:  # remember the broken version so polling does not retry it
            self._stamp = stamp
        self.last_error = error
        return ReloadResult(False, self._plan.fingerprint, error.diagnostics)
