"""What the event schema says about a field path: is it known, of which kinds, with which values.

Lint uses this to catch ``custmer.tier`` before any event arrives, and to prove that a test can
never hold (``rating eq "5"`` when ratings are numbers; ``severity in [urgent]`` when severity is
one of low, medium, high, critical). The knowledge is read from ``schemas/event.schema.json``,
the single source of truth, so new standard fields need no change here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from engine.resources import load_schema

_KIND_OF_TYPE = {
    "string": "text",
    "number": "number",
    "integer": "number",
    "boolean": "bool",
    "null": "null",
    "array": "list",
    "object": "object",
}


@dataclass(frozen=True, slots=True)
class FieldInfo:
    """One standard event field."""

    path: str
    kinds: frozenset[str]
    """The kinds its value may have: number, text, bool, null, list, object."""
    enum: tuple[Any, ...] | None = None
    """The only values it may have besides null, when the schema closes the list."""
    children: dict[str, FieldInfo] | None = field(default=None, compare=False)
    """Its standard sub-fields, for the standard objects (customer, order...)."""
    description: str = ""
    whole: bool = False
    """Whether its numbers must be whole (the schema's ``integer``)."""
    examples: tuple[Any, ...] = field(default=(), compare=False)
    """Values it may have, as the schema gives them for examples (``late`` of ``issue``)."""

    @property
    def open_below(self) -> bool:
        """Whether anything may be below it (lists of items: ``order.items.0.sku``)."""
        return "list" in self.kinds


def _info(path: str, schema: dict[str, Any], definitions: dict[str, Any]) -> FieldInfo:
    branches = schema.get("anyOf", [schema])
    kinds: set[str] = set()
    enums: list[Any] = []
    closed = True
    children: dict[str, FieldInfo] | None = None
    types = {str(branch.get("type")) for branch in branches}
    for branch in branches:
        if "$ref" in branch:
            target = definitions[branch["$ref"].rsplit("/", 1)[-1]]
            kinds.add("object")
            children = _children(path, target, definitions)
            closed = False
            continue
        kind = _KIND_OF_TYPE.get(str(branch.get("type")), "")
        # Every branch of the event schema pydantic writes has a JSON type: a branch without
        # one (any value) would add no kind, and is kept for a schema that has one.
        if kind:  # pragma: no branch
            kinds.add(kind)
        if "enum" in branch:
            enums.extend(branch["enum"])
        elif kind != "null":
            closed = False
    return FieldInfo(
        path,
        frozenset(kinds) or frozenset(_KIND_OF_TYPE.values()),
        tuple(enums) if closed and enums else None,
        children,
        str(schema.get("description", "")),
        whole="integer" in types and "number" not in types,
        examples=tuple(schema.get("examples", ())),
    )


def _children(
    prefix: str, schema: dict[str, Any], definitions: dict[str, Any]
) -> dict[str, FieldInfo]:
    return {
        name: _info(f"{prefix}.{name}" if prefix else name, sub, definitions)
        for name, sub in schema.get("properties", {}).items()
    }


@cache
def standard_fields() -> dict[str, FieldInfo]:
    """The top-level standard fields of an event, each with its sub-fields."""
    schema = load_schema("event")
    return _children("", schema, schema.get("$defs", {}))


@cache
def known_paths() -> tuple[str, ...]:
    """Every standard field path, for did-you-mean suggestions."""
    found: list[str] = []

    def visit(fields: dict[str, FieldInfo]) -> None:
        for info in fields.values():
            found.append(info.path)
            if info.children:
                visit(info.children)

    visit(standard_fields())
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where a path stands against the schema."""

    info: FieldInfo | None
    """The standard field at the path, when there is one."""
    unknown: str | None = None
    """The first part of the path the schema does not know (``custmer``)."""
    scalar: FieldInfo | None = None
    """A standard field of a single value that the path wrongly goes below (``rating.x``)."""
    list_without_index: FieldInfo | None = None
    """A standard list the path goes below by a name, not an item's number
    (``order.items.sku``, ``order.items.-1.sku``): nothing is ever found there."""


@lru_cache(maxsize=4096)
def resolve(path: str) -> Resolution:
    """Resolve a dotted path: a standard field, free content below a list, or unknown.

    Remembered: lint's proofs ask about the same few fields hundreds of thousands of times."""
    fields: dict[str, FieldInfo] | None = standard_fields()
    info: FieldInfo | None = None
    for part in path.split("."):
        if info is not None and info.open_below:
            return Resolution(None, list_without_index=None if part.isdigit() else info)
        if fields is None:
            return Resolution(None, None, info)
        info = fields.get(part)
        if info is None:
            return Resolution(None, part)
        fields = info.children
    return Resolution(info)
