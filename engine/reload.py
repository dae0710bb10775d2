"""Hot reload for embedders: swap a compiled plan atomically, keep the old one if the new is bad.

A :class:`PlanHolder` owns the plan in force. ``reload()`` loads and compiles the new version
*beside* the old one and swaps a single reference only when it succeeded, so a request running
concurrently sees either the whole old plan or the whole new one, never a mix; a broken new plan
leaves the old one in force and the holder reports why.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from engine.api import Plan, PlanSource, load_plan
from engine.decision import Decision
from engine.errors import Diagnostic, PlanError


@dataclass(frozen=True, slots=True)
class ReloadResult:
    """What a reload did: whether the new plan is in force, and the problems if not."""

    ok: bool
    fingerprint: str
    diagnostics: tuple[Diagnostic, ...] = ()


class PlanHolder:
    """The plan currently in force, replaceable at run time from any thread."""

    def __init__(self, source: PlanSource) -> None:
        self._source = source
        self._plan = load_plan(source)
        self._lock = threading.Lock()
        self.last_error: PlanError | None = None

    @property
    def plan(self) -> Plan:
        """The plan in force (a reference read is atomic)."""
        return self._plan

    def evaluate(self, event: dict[str, Any]) -> Decision:
        """Evaluate with the plan in force at the moment of the call."""
        return self._plan.evaluate(event)

    def reload(self, source: PlanSource | None = None) -> ReloadResult:
        """Load the plan again (or from a new source); swap only if it is valid."""
        with self._lock:
            wanted = source if source is not None else self._source
            try:
                fresh = load_plan(wanted)
            except PlanError as error:
                self.last_error = error
                return ReloadResult(False, self._plan.fingerprint, error.diagnostics)
            self._plan, self._source, self.last_error = fresh, wanted, None
            return ReloadResult(True, fresh.fingerprint)
