"""YAML anchors (``&name``) and aliases (``*name``): one named twice in a file, and an alias to
an anchor another file of the plan defines.

Anchors live in one file, which a manager who splits a plan over files does not expect, and
text that starts with `&` or `*` is the usual cause of either error. The second is told once
every file of the plan has been read (:mod:`engine.planfile` asks, for a plan of several
files), not as one file fails to parse: it needs the other files' text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from engine.errors import Diagnostic, SourceLocation
from engine.slips import ANCHOR, as_written
from engine.yamlsyntax.lines import line_of
from engine.yamlsyntax.texts import plain_text_quoted


def anchor_twice(lines: list[str], second: Any, first: Any) -> tuple[str, str, Any]:
    """For an anchor named twice in a file (``to: &Co`` on two lines): YAML refuses the second,
    and said only "second occurrence". Text that starts with `&` is the usual cause."""
    found = ANCHOR.match(line_of(lines, second), second.column)
    name = as_written(found[1]) if found else ""
    whole = plain_text_quoted(lines, second)
    quote = f" (such as `{whole}`)" if whole else ""
    return (
        f"the anchor `&{name}` is named twice in this file (first on line {first.line + 1})",
        f"for text that starts with `&`, put the whole text in quotes{quote}; an anchor needs a "
        "name of its own",
        second,
    )


_UNDEFINED_ANCHOR = re.compile(
    r"`\*([^`]+)` refers to an anchor `&[^`]+` that is not defined above"
)


def with_anchors_elsewhere(
    problems: list[Diagnostic], texts: Sequence[tuple[Path, str]]
) -> list[Diagnostic]:
    """The problems, each alias to an anchor that another file of the plan defines told so:
    YAML's anchors live in one file, and "define the anchor before its first use" misleads a
    manager who did, in another file of the same plan (``&sorry`` in 00-plan.yaml, ``*sorry``
    in reviews.yaml). ``texts``: every file of the plan and the text it was read with."""
    mended = []
    for problem in problems:
        found = _UNDEFINED_ANCHOR.search(problem.message) if problem.code == "yaml-syntax" else None
        name = found[1] if found else ""
        where = _anchor_in(name, problem.source.path, texts) if name else None
        if where is not None:
            problem = dataclasses.replace(
                problem,
                hint=f"an anchor is known only in its own file, and `&{name}` is in another "
                "(see below): write out what it holds here, or move this rule into that file",
                related=(*problem.related, where),
            )
        mended.append(problem)
    return mended


def _anchor_in(name: str, user: str, texts: Sequence[tuple[Path, str]]) -> SourceLocation | None:
    """Where another file than ``user`` defines the anchor ``&name``; None when none does, or
    when ``user`` itself does (further down than its use)."""
    defined = re.compile(rf"(?:^|(?<=[\s\[{{,:]))&{re.escape(name)}(?=[\s\]}},]|$)", re.MULTILINE)
    for path, text in sorted(texts, key=lambda read: str(read[0]) != user):  # its own first
        found = defined.search(text)
        if found is not None and str(path) == user:
            return None  # defined below its use, in its own file: "before its first use" says it
        if found is not None:
            line = text.count("\n", 0, found.start()) + 1
            column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
            return SourceLocation(str(path), line, column)
    return None
