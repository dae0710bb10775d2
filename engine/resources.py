"""Where the shipped data lives: the JSON Schemas and the starter plan.

The single source of truth is the repository's top-level ``schemas/`` and ``rules/`` folders. A
wheel carries a byte-identical copy under ``engine/_data/`` (see ``pyproject.toml``); a source
checkout or an editable install reads the top-level folders directly. A test checks that the built
wheel's copy matches.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent
SCHEMA_NAMES = (
    "plan",
    "event",
    "decision",
    "plantest",
    "report",
    "compare",
    "diagnostics",
    "error",
)


def installed() -> bool:
    """Whether this is an installed copy (a wheel's, with its data under ``engine/_data/``),
    not a checkout, whose folder beside ``engine/`` is the repository's."""
    return (_PACKAGE / "_data").is_dir()


def _data_dir(name: str) -> Path:
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name


def schemas_dir() -> Path:
    """The folder holding ``<name>.schema.json`` files."""
    return _data_dir("schemas")


def starter_plan_dir() -> Path:
    """The folder holding the starter backup plan."""
    return _data_dir("rules")


@cache
def starter_rule_files() -> dict[str, str]:
    """Each rule id of the starter plan, with the name of the file that holds it there
    (``rude-staff`` → ``staff-conduct.yaml``): a manager copies a starter rule into a file of
    their own and forgets to change its id, and this tells which of the two is the starter's,
    whatever the order the files are read in. Read only when a plan repeats an id, by the
    plan reader every command uses (``engine.planfile``)."""
    from engine.planfile import read_documents  # only for this rare question

    found: dict[str, str] = {}
    for document in read_documents(sorted(starter_plan_dir().glob("*.yaml"))):
        for rule in document.data.get("rules", []):  # the schema checked every file
            found.setdefault(rule["id"], Path(document.path).name)
    return found


def schema_path(name: str) -> Path:
    """The path of one shipped schema, by short name (``plan``, ``event``, ...)."""
    if name not in SCHEMA_NAMES:
        raise ValueError(f"unknown schema {name!r}; expected one of {', '.join(SCHEMA_NAMES)}")
    return schemas_dir() / f"{name}.schema.json"


@cache
def load_schema(name: str) -> dict[str, Any]:
    """One shipped schema, parsed (cached: schemas never change while running)."""
    loaded: dict[str, Any] = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return loaded
