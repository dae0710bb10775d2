"""Regenerate the JSON Schemas that are derived from models: ``python -m engine.schemagen``.

``event`` and ``decision`` schemas are generated from the pydantic models (the models are their
source of truth); ``plan`` is written by hand for the quality of its editor help and error
messages, and is held to the models by ``tests/test_schema_drift.py``. A test fails when a
committed generated schema differs from what this module produces.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.decisionmodel import decision_schema
from engine.event import event_schema

GENERATED: dict[str, Callable[[], dict[str, Any]]] = {
    "event": event_schema,
    "decision": decision_schema,
}


def render(schema: dict[str, Any]) -> str:
    """The committed text of a schema: two-space indent, UTF-8, trailing newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(target: str = "schemas") -> int:
    """Write every generated schema into ``target``."""
    for name, build in GENERATED.items():
        path = Path(target) / f"{name}.schema.json"
        path.write_text(render(build()), encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
