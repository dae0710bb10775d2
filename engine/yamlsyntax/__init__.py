"""Why a plan's YAML does not parse, said for a person who writes plans, at the most
telling place.

PyYAML's words (``mapping values are not allowed here``) name the parser's state, not
the writer's slip. Each helper here reads the lines around the error for one usual slip
(a key without its colon, a quote left open, a text that starts with ``{``, keys lined up
unevenly...) and words it with its fix. Only a file that fails to parse comes here, so
none of this is imported to load a good plan.

One module per family of slips, each small enough to read in one sitting: ``quotes`` and
``backslashes`` (quoted text), ``texts`` (text YAML reads as its own syntax), ``closers`` and
``brackets`` (values cut short by a quote or a bracket), ``lists`` (dashes and items),
``indentation`` (keys that do not line up), ``keys`` (colons), ``anchors``, ``comments``
(a `//` or `/*` comment, as JSON's cousins write one) and ``directives`` (a `%` or ``...``
line, which frames YAML's documents). They share
``lines`` (how the lines around an error are read) and ``vocabulary`` (the keys of the
language). ``dispatch`` holds the table of the mistakes told, one small handler each
(``valuemistakes``: inside a value; ``layoutmistakes``: keys, items, indentation), tried in
the order that decides which hint is given; each reads what the parser said from one
``problem.ParserProblem``.
"""

from __future__ import annotations

from engine.yamlsyntax.anchors import with_anchors_elsewhere
from engine.yamlsyntax.dispatch import explain_syntax_error

__all__ = ["explain_syntax_error", "with_anchors_elsewhere"]
