"""Dotted field paths into an event: ``customer.tier``, ``order.items.0.sku``.

Lookups only ever index dicts by key and lists by a non-negative number. There is no attribute
access, so a path such as ``__class__`` is simply a key that is missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

PATH_TEXT: Final = r"[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*"
"""A field path as an unanchored regular expression, to find one inside other text."""
PATH_PATTERN: Final = re.compile(rf"{PATH_TEXT}\Z")  # \Z: `$` also takes a final line break


class _Missing:
    """The value of a field that is not in the event (distinct from JSON null)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Final[Any] = _Missing()


_INDEX_IN_BRACKETS = re.compile(r"\[(\d+)\]")


def dotted_path(written: str) -> str | None:
    """A field path written with a list's item in brackets, as in Python or JavaScript
    (``order.items[0].sku``), as Backplan writes it (``order.items.0.sku``); None when the
    text is no such path."""
    dotted = _INDEX_IN_BRACKETS.sub(r".\1", written.strip())
    return dotted if dotted != written.strip() and PATH_PATTERN.match(dotted) else None


def split_path(path: str) -> tuple[str, ...]:
    """``"customer.tier"`` -> ``("customer", "tier")``."""
    return tuple(path.split("."))


def lookup(event: Any, parts: tuple[str, ...]) -> Any:
    """The value at a path, or MISSING; never raises."""
    value = event
    for part in parts:
        if type(value) is dict:
            value = value.get(part, MISSING)
        elif type(value) is list and part.isdigit():
            index = int(part)
            value = value[index] if index < len(value) else MISSING
        else:
            return MISSING
        if value is MISSING:
            return MISSING
    return value


def path_reading_lines(
    variable: str, parts: tuple[str, ...], name: Callable[[Any], str]
) -> list[str]:
    """Lines of generated code that read the path ``parts`` of ``event`` into ``variable``
    step by step, as :func:`lookup` does (``_MISSING`` when a step finds nothing).

    Generated code (a template's renderer, a builder's pricing) reads a field this way rather
    than calling :func:`lookup`: a dict step is one ``get``, with no call, loop or kind check
    beyond the one the step needs. ``name`` gives the generated name of a value (a key, an
    index), so no path text enters the source; the code needs ``dict``, ``list``, ``len`` and
    ``_MISSING`` in its namespace.
    """
    lines = [f"    {variable} = event"]  # a function body's lines
    for part in parts:
        step = f"{variable}.get({name(part)}, _MISSING) if {variable}.__class__ is dict else "
        if part.isdigit():  # as lookup: a list is indexed by a number
            index = name(int(part))
            step += (
                f"({variable}[{index}] if {index} < len({variable}) else _MISSING) "
                f"if {variable}.__class__ is list else "
            )
        lines.append(f"    {variable} = {step}_MISSING")
    return lines
