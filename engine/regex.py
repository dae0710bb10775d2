"""Regular expressions that cannot hang the matcher.

A plan's ``matches`` patterns run against text that outsiders write (reviews, emails), so a
backtracking engine would let one bad pattern such as ``(a+)+$`` stall every decision. RE2
matches in time linear in the text and refuses features that need backtracking (backreferences,
lookaround); its program is capped (``MAX_PROGRAM_SIZE``) and so is its memory
(``pattern_memory``), a plan's patterns together too (``engine.checks``). Patterns are compiled
once, at load time.
"""

from __future__ import annotations

import functools
from typing import Any

import re2

from engine.limits import replace_lone_surrogates

MAX_PATTERN_CHARS = 1000
"""Longest pattern accepted (the schema says the same)."""
MAX_PROGRAM_SIZE = 5000
"""Most instructions a pattern may compile to (RE2's ``programsize``). Searching costs per byte
at most in proportion to it, and counted repetitions multiply it: ``(?s).{900}Q`` is 6,305
and cost 12 s on 100,000 characters, where ``\\b(rude|impolite)\\b`` is under 100."""
BASE_MEMORY_BYTES = 256 << 10
MEMORY_PER_INSTRUCTION = 3 << 10
"""RE2's memory for one pattern is ``BASE_MEMORY_BYTES`` plus this per instruction
(``pattern_memory``): the automaton RE2 searches with grows with the square of a counted
repetition, and with less room (a flat 1 MiB had been given) it gives up for the slower
simulation, 60 times slower or more (2.8 s instead of 0.056 s on 100,000 characters)."""


def pattern_memory(program_size: int) -> int:
    """The memory RE2 may use for a pattern of ``program_size`` instructions: its program and
    the cache of its search automaton, which fills as texts are searched and is kept."""
    return BASE_MEMORY_BYTES + MEMORY_PER_INSTRUCTION * program_size


class RegexError(ValueError):
    """A pattern RE2 cannot compile, with RE2's reason in plain words."""


class PatternTooLargeError(RegexError):
    """A pattern RE2 compiles to more than ``MAX_PROGRAM_SIZE`` instructions (``size``, or
    None when RE2 gave up before it could tell): valid, but too large to search quickly."""

    def __init__(self, size: int | None) -> None:
        count = f"{size:,} instructions, more" if size is not None else "more instructions"
        super().__init__(
            f"it compiles to {count} than the {MAX_PROGRAM_SIZE:,} allowed (a counted "
            "repetition such as `.{300}` repeats its part that many times)"
        )


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
    """Compile a pattern with RE2 (search semantics), or raise RegexError.

    It is compiled twice: once with room for the largest program accepted, to learn its size,
    then with the memory that size calls for (``pattern_memory``), so that a small pattern
    holds little and a large one has room to search quickly.
    """
    size = program_size(pattern, ignore_case=ignore_case)
    return Pattern(_compile(pattern, ignore_case, pattern_memory(size)), pattern)


@functools.lru_cache(maxsize=1 << 14)
def program_size(pattern: str, *, ignore_case: bool = False) -> int:
    """How many instructions the pattern compiles to, or RegexError when RE2 refuses it or it
    is over ``MAX_PROGRAM_SIZE`` (:class:`PatternTooLargeError`). The program is dropped, and
    the size remembered: a plan's checks ask it of each pattern, and compiling it asks again."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise RegexError(f"the pattern is longer than {MAX_PATTERN_CHARS} characters")
    size: int = _compile(pattern, ignore_case, pattern_memory(MAX_PROGRAM_SIZE)).programsize
    if size > MAX_PROGRAM_SIZE:
        raise PatternTooLargeError(size)
    return size


def _compile(pattern: str, ignore_case: bool, memory: int, *, log_errors: bool = False) -> Any:
    """RE2's compiled pattern; ``log_errors`` lets a test see RE2 say its search gave up."""
    options = re2.Options()
    options.log_errors = log_errors
    options.case_sensitive = not ignore_case
    options.max_mem = memory
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else "invalid pattern"
        if isinstance(reason, bytes):  # pragma: no branch - google-re2's are bytes; kept for text
            reason = reason.decode("utf-8", "replace")
        if "too large" in str(reason):  # RE2's word when the program outgrew its memory
            raise PatternTooLargeError(None) from None
        raise RegexError(str(reason)) from None
