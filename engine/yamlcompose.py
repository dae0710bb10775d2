"""PyYAML's composer as plans need it: the YAML 1.2 core schema, and a guard on depth.

Both the careful loader (``engine.loading``) and the words for a syntax error
(``engine.yamlsyntax``, which parses a mended copy of a file to see whether a quote left
open was the cause) compose with it; it builds nothing from a tag.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import Node

from engine.documents import MAX_DEPTH

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
ALLOWED_TAGS = {STR_TAG, INT_TAG, FLOAT_TAG, BOOL_TAG, NULL_TAG, SEQ_TAG, MAP_TAG}


class CoreResolver(yaml.resolver.BaseResolver):
    """Resolve plain scalars by the YAML 1.2 core schema instead of YAML 1.1."""


CoreResolver.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    (BOOL_TAG, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (INT_TAG, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        FLOAT_TAG,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    (NULL_TAG, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    CoreResolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))

try:
    from yaml._yaml import CParser as _CParser

    _LIBYAML = True
except ImportError:  # pragma: no cover - libyaml is present in every wheel we ship against
    _LIBYAML = False

if _LIBYAML:

    class Composer(_CParser, CoreResolver):
        """libyaml's fast parser and composer (C) with our resolver."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            CoreResolver.__init__(self)
            self.depth = 0

        def descend_resolver(self, parent: Node | None, index: Any) -> None:
            """Count a node on the way in, and refuse one nested past :data:`MAX_DEPTH`.

            libyaml composes recursively in C: deep nesting is refused before the C stack runs
            out, which would crash the process, not raise. Called once per node."""
            self.depth += 1
            if self.depth > MAX_DEPTH + 1:  # the top-level value is depth 1 here, 0 below
                raise too_deep(mark=parent.start_mark if parent is not None else None)

        def ascend_resolver(self) -> None:
            """Count a node on the way out (:meth:`descend_resolver` counted it in)."""
            self.depth -= 1

else:  # pragma: no cover - libyaml is present in every wheel we ship against

    class Composer(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        CoreResolver,
    ):
        """PyYAML's parser and composer (Python) with our resolver, where libyaml is missing."""

        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            CoreResolver.__init__(self)
            self.depth = 0

        def compose_node(self, parent: Node | None, index: Any) -> Node | None:
            """The node, refused when nested past :data:`MAX_DEPTH`: PyYAML composes
            recursively, and deep nesting must be refused before Python's stack runs out."""
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH + 1:  # the top-level value is depth 1 here, 0 below
                    raise too_deep(mark=self.peek_event().start_mark)  # type: ignore[no-untyped-call]
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1


class YamlProblemError(Exception):
    """What the composer or the loader refuses in a file that parses (too deep, too large, a
    tag, a number it cannot hold...), with its code, words, fix and place."""

    pointer = ""
    """The JSON pointer of the value at fault, when it is known."""

    def __init__(
        self, code: str, message: str, node: Node | None, hint: str = "", mark: Any = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.mark = mark if mark is not None or node is None else node.start_mark
        self.hint = hint


def too_deep(node: Node | None = None, mark: Any = None) -> YamlProblemError:
    """The refusal of a file nested past :data:`MAX_DEPTH`, at ``node`` or ``mark``: one wording
    whichever finds it (either composer, libyaml's own limit, an alias that nests deeper)."""
    return YamlProblemError(
        "yaml-too-deep",
        f"the file nests deeper than {MAX_DEPTH} levels",
        node,
        "flatten the conditions; deep nesting is hard to read anyway",
        mark,
    )
