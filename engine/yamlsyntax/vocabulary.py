"""The keys a plan or a plan-test file may hold, and which of them hold a mapping, read from the
JSON Schemas.

The helpers for keys and brackets use them to tell a key the writer meant (``lte``) from a word
of a text that happens to be before a `: `. Read from the schemas, once, so a new key is known
here as soon as the schema has it.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from engine.model import ACTION_TYPES

FILE_NAMED = {"plan": "a plan", "plan-test": "a plan-test file", "event": "an event file"}
"""What a file of each kind (:data:`~engine.yamlsyntax.problem.FileKind`) is called in a
message about the whole file: a plan-test file had been told "a plan's lines are keys" and "a
plan is written in YAML" (found by review)."""
FILE_DOCS = {"plan": "docs/rule-language.md", "plan-test": "docs/authoring.md", "event": ""}
"""Where the keys of a file of each kind are described ("" for an event file: its fields)."""

_HOLDS_A_MAPPING = frozenset({"plan", "compensation", "when", "not", "conditions", "expect"})
"""Keys of the language whose value is always a mapping, beside the actions."""


def is_action(name: str) -> bool:
    """Whether ``name``'s value is a mapping of settings: an action type (``apologize``,
    ``x-crm-flag``), or a key such as ``compensation`` or ``when``."""
    return (
        name in ACTION_TYPES
        or name in _HOLDS_A_MAPPING
        or re.fullmatch(r"x-[a-z0-9][a-z0-9_-]*", name) is not None
    )


def is_key(name: str) -> bool:
    """Whether a plan or plan-test file may hold ``name`` as a key (an action type too)."""
    return name in language_keys() or name in ACTION_TYPES


@functools.cache
def _key_sets() -> tuple[frozenset[str], ...]:
    """The keys of each mapping a plan or a plan-test file may hold (operators included)."""
    from engine.resources import load_schema

    found: list[frozenset[str]] = []
    stack: list[Any] = [load_schema("plan"), load_schema("plantest")]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                found.append(frozenset(properties))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return tuple(found)


@functools.cache
def rule_keys() -> frozenset[str]:
    """The keys of a rule (``title``, ``then``, ``prevent``...), read from the plan schema:
    a key beside ``when:``, never one of the conditions under it."""
    from engine.resources import load_schema

    return frozenset(load_schema("plan")["$defs"]["rule"]["properties"])


@functools.cache
def language_keys() -> frozenset[str]:
    """Every key a plan or a plan-test file may hold somewhere (operators included)."""
    return frozenset().union(*_key_sets())


def side_by_side(key: str, other: str) -> bool:
    """Whether one mapping of the language may hold both keys (``field`` and ``lte``)."""
    return any(key in keys and other in keys for keys in _key_sets())
