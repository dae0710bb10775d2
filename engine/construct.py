"""Frozen plan nodes from data already known to be valid, made cheaply.

Plans are built from schema-checked YAML, so nothing needs checking again, and a 10,000-rule
plan makes a hundred thousand nodes. A frozen dataclass's ``__init__`` sets each field through
``object.__setattr__``; :func:`make` gives the instance its whole ``__dict__`` at once, with
each class's (immutable) defaults looked up once.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from engine.model import PlanNode

Model = TypeVar("Model", bound=PlanNode)
_DEFAULTS: dict[type[PlanNode], dict[str, Any]] = {}


def defaults_of(cls: type[PlanNode]) -> dict[str, Any]:
    """The class's plain defaults, kept for the next ``make``; a field with a default factory
    is refused (``make`` would leave it unset). Its one caller, ``make``, looks in the cache
    first: asked only of a class not met yet."""
    known: dict[str, Any] = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if field.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{field.name}: make() takes plain defaults only")
        if field.default is not dataclasses.MISSING:
            known[field.name] = field.default
    _DEFAULTS[cls] = known
    return known


def make(cls: type[Model], values: dict[str, Any]) -> Model:
    """An instance of ``cls`` holding ``values`` (plus defaults), without validation."""
    node = _new(cls)
    defaults = _DEFAULTS.get(cls)  # the usual case, without a call
    if defaults is None:
        defaults = defaults_of(cls)
    _set_dict(node, {**defaults, **values})
    return node


_new = object.__new__
_set_dict = PlanNode.__dict__["__dict__"].__set__
"""The instance-``__dict__`` slot of every node class (they all inherit it from ``PlanNode``)."""
