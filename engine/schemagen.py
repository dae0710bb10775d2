"""Regenerate the JSON Schemas that are derived from models: ``python -m engine.schemagen``.

``event``, ``decision``, ``report``, ``compare``, ``diagnostics`` and ``error`` schemas are
generated from the pydantic models (the models are their source of truth; the codes of the
last two come from docs/diagnostics.md: ``engine.codebook``); ``plan`` is written by hand for
the quality of its editor help and error messages, and is held to the models by
``tests/test_schema_drift.py``. A test fails when a committed generated schema differs from
what this module produces.

It then writes the fast checks of the schemas checked as a command starts
(``engine/_fastcheck_plan.py``, ``engine/_fastcheck_event.py``): their generated functions, kept
as modules so that Python caches them compiled (``engine.fastschema``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.comparemodel import compare_schema
from engine.decisionmodel import decision_schema
from engine.diagnosticmodel import diagnostics_schema
from engine.errormodel import error_schema
from engine.event import event_schema
from engine.fastschema import check_source, shipped_path, shipped_text
from engine.reportmodel import report_schema
from engine.resources import load_schema
from engine.schema import SHIPPED_CHECKS

GENERATED: dict[str, Callable[[], dict[str, Any]]] = {
    "event": event_schema,
    "decision": decision_schema,
    "report": report_schema,
    "compare": compare_schema,
    "diagnostics": diagnostics_schema,
    "error": error_schema,
}


def render(schema: dict[str, Any]) -> str:
    """The committed text of a schema: two-space indent, UTF-8, trailing newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def fast_check_modules() -> dict[Path, str]:
    """The modules that keep the shipped schemas' fast checks (``engine.fastschema``), by path,
    generated from the schemas as they are in ``schemas/``."""
    return {
        shipped_path(name): shipped_text(name, check_source(load_schema(name)))
        for name in SHIPPED_CHECKS
    }


def main(target: str = "schemas") -> int:
    """Write every generated schema into ``target``, then the fast checks' modules into the
    package (always from the package's own schemas: they are what the engine checks with)."""
    for name, build in GENERATED.items():
        path = Path(target) / f"{name}.schema.json"
        path.write_text(render(build()), encoding="utf-8")
        print(f"wrote {path}")
    for path, text in fast_check_modules().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
