"""JSON Schema's regular expressions as Python's ``re`` must read them to mean the same.

A schema's ``pattern`` (and a ``patternProperties`` key) is an ECMA-262 regular expression,
as an editor checking a plan against the published schema reads it. Python's ``$`` also
matches just before a final line break, so ``^[A-Z]{3}$`` took ``"USD\\n"`` (a YAML block
``currency: |`` gives one) and the plan's currency, rule ids, durations and field paths passed
``backplan validate`` with a line break at their end, which no event's values then equal. In
ECMA-262 (without the ``m`` flag) ``$`` matches only at the very end: Python's ``\\Z``.
The published schemas end their patterns :data:`END` (``(?!\\n)$``), which means the same
in both, for the programs that check events, decisions and plans against them with the
``jsonschema`` package, whose ``pattern`` is Python's ``re.search`` as it is; read here, it
is ``\\Z`` alone.

The other differences do not arise in the shipped schemas, and a test keeps it so: ``\\d``,
``\\w``, ``\\s`` and ``\\b`` (Unicode in Python, ASCII or another set in ECMA-262) are not
used, and neither is ``.`` (which in ECMA-262 also stops at ``\\r`` and ``\\u2028``).
What blanks are (``$defs.words`` of the plan schema) is a class of its own, written character
by character: ``\\s`` leaves out U+FEFF in Python and U+0085 in ECMA-262, and in both the
zero-width space, which shows as nothing too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

END = r"(?!\n)$"
"""How a published schema's pattern ends: ``$`` not before a last line break, which both
ECMA-262 and Python's ``re`` read as the very end (a bare ``$`` took ``"x-late\\n"`` in
Python, found by review)."""


def python_pattern(pattern: str) -> str:
    """The pattern with each ``$`` that ends the text (not escaped, not in a ``[...]`` class)
    written ``\\Z``, Python's end of the text (an :data:`END` too, whose lookahead ``\\Z``
    makes idle), and ECMA-262's ``[]`` and ``[^]`` (nothing, any character) written as Python
    reads them."""
    written: list[str] = []
    in_class = False
    at = 0
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":  # an escape: it and the character after it stay as they are
            written.append(pattern[at : at + 2])
            at += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            # ECMA-262's `[]` matches nothing and `[^]` any character; Python reads a `]`
            # first as part of the class (`[]a]`), and `[^]` as a class left open
            empty = pattern[at + 1 : at + 2] == "]"
            if empty or pattern[at + 1 : at + 3] == "^]":
                written.append("(?!)" if empty else r"[\s\S]")
                at += 2 if empty else 3
                continue
            in_class = True
        elif char == "$" or pattern.startswith(END, at):
            written.append(r"\Z")
            at += len(END) if char == "(" else 1
            continue
        written.append(char)
        at += 1
    return "".join(written)


def unended(pattern: str) -> str:
    """``pattern`` without what ends it (:data:`END`, ``$`` or ``\\Z``), to be compared with
    another pattern so cut, whichever of them it was written with."""
    for end in (END, "$", r"\Z"):
        if pattern.endswith(end):
            return pattern.removesuffix(end)
    return pattern


@cache
def pattern_search(pattern: str) -> Callable[[str], re.Match[str] | None]:
    """The search a schema's ``pattern`` stands for: true where ECMA-262 finds it."""
    return re.compile(python_pattern(pattern)).search


_NOT_SCHEMAS = frozenset({"examples", "enum", "const", "default", "defaultSnippets"})
"""Keywords whose values are data, not schemas (``defaultSnippets``: the completions editors
offer): a ``pattern`` key inside is no keyword.
Annotations of our own (``x-messages``, which words a ``pattern`` failure) are left as they
are too."""

_NAMED_SCHEMAS = frozenset({"properties", "$defs", "definitions", "dependentSchemas"})
"""Keywords whose values map names (any text, ``pattern`` among them) to schemas."""


def with_python_patterns(schema: Any) -> Any:
    """A copy of the schema whose patterns (``pattern`` values, ``patternProperties`` keys)
    are written for Python's ``re``, for jsonschema, which searches them with it."""
    if isinstance(schema, list):
        return [with_python_patterns(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    copied: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _NOT_SCHEMAS or key.startswith("x-"):
            copied[key] = value
        elif key == "pattern" and isinstance(value, str):
            copied[key] = python_pattern(value)
        elif key == "patternProperties" and isinstance(value, dict):
            copied[key] = {python_pattern(k): with_python_patterns(v) for k, v in value.items()}
        elif key in _NAMED_SCHEMAS and isinstance(value, dict):
            copied[key] = {name: with_python_patterns(v) for name, v in value.items()}
        else:
            copied[key] = with_python_patterns(value)
    return copied
