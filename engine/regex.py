"""Regular expressions that cannot hang the matcher.

A plan's ``matches`` patterns run against text that outsiders write (reviews, emails), so a
backtracking engine would let one bad pattern such as ``(a+)+$`` stall every decision. RE2
matches in time linear in the text and refuses features that need backtracking (backreferences,
lookaround); its program size is capped by ``max_mem``. Patterns are compiled once, at load time.
"""

from __future__ import annotations

from typing import Any

import re2

from engine.limits import replace_lone_surrogates

MAX_PATTERN_CHARS = 1000
"""Longest pattern accepted (the schema says the same)."""
MAX_PROGRAM_BYTES = 1 << 20
"""Memory RE2 may use for one compiled pattern; larger ones are refused."""


class RegexError(ValueError):
    """A pattern RE2 cannot compile, with RE2's reason in plain words."""


class Pattern:
    """A compiled pattern whose ``search`` accepts any Python text.

    RE2 works on UTF-8, and a Python string may hold a lone surrogate (``"\\ud800"``) that has
    no UTF-8 form — JSON input cannot carry one (the reader refuses it), but an embedding app
    can. Such text is searched with each lone surrogate read as U+FFFD, the replacement
    character, instead of raising.
    """

    __slots__ = ("_search", "pattern")

    def __init__(self, compiled: Any, pattern: str) -> None:
        self._search = compiled.search
        self.pattern = pattern

    def search(self, text: str) -> Any:
        """The first match in ``text`` (None when there is none); linear time."""
        try:
            return self._search(text)
        except UnicodeEncodeError:
            return self._search(replace_lone_surrogates(text))


def compile_regex(pattern: str, *, ignore_case: bool = False) -> Pattern:
    """Compile a pattern with RE2 (search semantics), or raise RegexError."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise RegexError(f"the pattern is longer than {MAX_PATTERN_CHARS} characters")
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = not ignore_case
    options.max_mem = MAX_PROGRAM_BYTES
    try:
        return Pattern(re2.compile(pattern, options), pattern)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else "invalid pattern"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise RegexError(str(reason)) from None
