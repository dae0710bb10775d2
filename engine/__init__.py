"""Backplan: a deterministic rule engine for customer-experience backup plans.

Load a plan once, then evaluate complaint events::

    from engine import load_plan
    plan = load_plan("rules/")
    decision = plan.evaluate({"id": "e1", "type": "review", "rating": 1, "channel": "yelp"})

Everything exported here is the public API; other modules may change. Names are imported on
first use, so ``backplan --help`` starts without loading jsonschema or pydantic.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
"""``typing.TYPE_CHECKING``, without loading ``typing`` (8 ms): the ``backplan`` command
imports this package, and ``engine.command``, before it can answer Ctrl-C, so both load as
little as they can; a Ctrl-C while ``typing`` loaded ended the command with Python's
traceback and status -2, not 130 (found by review). Type checkers read any name
``TYPE_CHECKING`` as true."""

if TYPE_CHECKING:
    from typing import Any

    from engine.api import (
        EvaluationResult,
        Plan,
        PlanSource,
        check_plan,
        check_plan_text,
        load_plan,
        load_plan_text,
        read_plan,
    )
    from engine.decision import (
        CompensationSummary,
        DecidedAction,
        Decision,
        ExplainedDecision,
        PlanRef,
        Superseded,
        TraceStep,
    )
    from engine.errors import (
        BackplanError,
        DecisionFormatError,
        Diagnostic,
        EventError,
        PlanError,
        PlanTestError,
        Severity,
        SourceLocation,
    )
    from engine.event import Contact, Customer, Event, Order, Staff, Survey
    from engine.eventschema import event_schema_error, time_key_written_otherwise
    from engine.eventvalues import EventValues, Unread, read_values
    from engine.model import PlanModel
    from engine.readevent import read_event
    from engine.reload import PlanHolder, ReloadResult
    from engine.report import Period, Report, ReportCounts, summarize

_EXPORTS = {
    "BackplanError": "engine.errors",
    "CompensationSummary": "engine.decision",
    "DecidedAction": "engine.decision",
    "Decision": "engine.decision",
    "DecisionFormatError": "engine.errors",
    "Diagnostic": "engine.errors",
    "EvaluationResult": "engine.api",
    "ExplainedDecision": "engine.decision",
    "Contact": "engine.event",
    "Customer": "engine.event",
    "Event": "engine.event",
    "Order": "engine.event",
    "Period": "engine.report",
    "Staff": "engine.event",
    "Survey": "engine.event",
    "EventError": "engine.errors",
    "EventValues": "engine.eventvalues",
    "Unread": "engine.eventvalues",
    "Plan": "engine.api",
    "PlanError": "engine.errors",
    "PlanHolder": "engine.reload",
    "PlanModel": "engine.model",
    "PlanRef": "engine.decision",
    "PlanSource": "engine.api",
    "PlanTestError": "engine.errors",
    "ReloadResult": "engine.reload",
    "Report": "engine.report",
    "ReportCounts": "engine.report",
    "Severity": "engine.errors",
    "SourceLocation": "engine.errors",
    "Superseded": "engine.decision",
    "TraceStep": "engine.decision",
    "check_plan": "engine.api",
    "check_plan_text": "engine.api",
    "event_schema_error": "engine.eventschema",
    "load_plan": "engine.api",
    "load_plan_text": "engine.api",
    "read_event": "engine.readevent",
    "read_values": "engine.eventvalues",
    "read_plan": "engine.api",
    "summarize": "engine.report",
    "time_key_written_otherwise": "engine.eventschema",
}

__all__ = [
    "BackplanError",
    "CompensationSummary",
    "Contact",
    "Customer",
    "DecidedAction",
    "Decision",
    "DecisionFormatError",
    "Diagnostic",
    "EvaluationResult",
    "Event",
    "EventError",
    "EventValues",
    "ExplainedDecision",
    "Order",
    "Period",
    "Plan",
    "PlanError",
    "PlanHolder",
    "PlanModel",
    "PlanRef",
    "PlanSource",
    "PlanTestError",
    "ReloadResult",
    "Report",
    "ReportCounts",
    "Severity",
    "SourceLocation",
    "Staff",
    "Superseded",
    "Survey",
    "TraceStep",
    "Unread",
    "check_plan",
    "check_plan_text",
    "event_schema_error",
    "load_plan",
    "load_plan_text",
    "read_event",
    "read_plan",
    "read_values",
    "summarize",
    "time_key_written_otherwise",
]
__version__ = "0.1.0"


if not TYPE_CHECKING:  # pragma: no branch - always true when running; hidden from type checkers,
    # which would read any misspelt name as Any

    def __getattr__(name: str) -> Any:
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module 'engine' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})  # a name loaded lazily is in both
