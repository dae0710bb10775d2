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
    """A pattern RE2 cannot compile, with RE2's reason in plain words, and what to write
    (``hint``; "" when RE2's own words are all there is)."""

    def __init__(self, reason: str, hint: str = "") -> None:
        super().__init__(reason)
        self.hint = hint


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
        raise _in_words(pattern, str(reason)) from None


_SYNTAX = "patterns use RE2 syntax; see docs/rule-language.md"
"""Where the hints of :func:`_in_words` send a writer for the rest."""


def _in_words(pattern: str, reason: str) -> RegexError:
    """RE2's refusal of ``pattern`` as a manager can act on it: what is wrong, at which
    character of the pattern (counted from 1), and what to write. RE2 says ``missing ): (abc``
    and ``bad repetition operator: **``, naming no place and no mend; the common mistakes
    are worded here, and any other keeps RE2's words (found by review)."""
    what, _, written = reason.partition(": ")
    opened, closing, classes = _brackets(pattern)
    if what == "missing )" and opened:
        return RegexError(
            f"the `(` at character {opened[-1] + 1} is never closed",
            f"add a `)` where the group ends, or write `\\(` to match a bracket itself ({_SYNTAX})",
        )
    if what == "unexpected )" and closing is not None:
        return RegexError(
            f"the `)` at character {closing + 1} closes no `(`",
            f"take it out, or write `\\)` to match a bracket itself ({_SYNTAX})",
        )
    if what == "missing ]" and pattern.endswith(written):
        return RegexError(
            f"the `[` at character {len(pattern) - len(written) + 1} is never closed",
            f"add a `]` where its list of characters ends, or write `\\[` to match a bracket "
            f"itself ({_SYNTAX})",
        )
    if what == "trailing \\":
        return RegexError(
            f"the pattern ends with a lone `\\` (character {len(pattern)})",
            f"write `\\\\` to match a backslash, or take it out ({_SYNTAX})",
        )
    at = _unescaped(pattern, written)
    if at >= 0 and written and not written.strip("*+?"):  # (`{2}{3}`: RE2's own words)
        sign = written[-1]
        if what == "bad repetition operator":
            return RegexError(
                f"`{written}` at character {at + 1} repeats a repetition",
                f"keep one of its signs, or write `\\{sign}` to match a `{sign}` itself "
                f"({_SYNTAX})",
            )
        if what == "no argument for repetition operator":
            return RegexError(
                f"the `{sign}` at character {at + 1} has nothing before it to repeat",
                f"write `\\{sign}` to match a `{sign}` itself, or put what it repeats before "
                f"it ({_SYNTAX})",
            )
    if what == "invalid character class range" and len(written) == 3 and written[1] == "-":
        start = next((at for at, end in classes if written in pattern[at:end]), -1)
        if start >= 0:
            first = pattern.index(written, start) + 1
            return RegexError(
                f"the range `{written}` at character {first} goes backwards",
                f"write its first character first: `{written[2]}-{written[0]}` ({_SYNTAX})",
            )
    return RegexError(reason)


def _brackets(pattern: str) -> tuple[list[int], int | None, list[tuple[int, int]]]:
    """Where the brackets of ``pattern`` are, read as RE2 reads them (:func:`_read`): the
    places of the `(` never closed, of the first `)` that closes none, and the span of each
    ``[...]``."""
    plain, classes = _read(pattern)
    opened: list[int] = []
    closing: int | None = None
    for at in plain:
        if pattern[at] == "(":
            opened.append(at)
        elif pattern[at] == ")":
            if opened:
                opened.pop()
            elif closing is None:
                closing = at
    return opened, closing, classes


def _read(pattern: str) -> tuple[list[int], list[tuple[int, int]]]:
    """The places of ``pattern``'s characters that are neither escaped, quoted nor in a
    ``[...]``, and the span of each ``[...]``, read as RE2 reads them: a ``\\`` escapes the
    character after it; ``\\Q`` quotes all up to the next ``\\E`` (or the end), none of it
    syntax; in ``[...]`` a `]` first, or after `^`, is a character. Without the quote, the `)`
    of ``\\Q(\\E)`` had closed the quoted `(`, and the one closing nothing went unnamed."""
    plain: list[int] = []
    classes: list[tuple[int, int]] = []
    at = 0
    while at < len(pattern):
        char = pattern[at]
        if pattern.startswith("\\Q", at):
            end = pattern.find("\\E", at + 2)
            at = len(pattern) if end < 0 else end + 2
        elif char == "\\":
            at += 2
        elif char == "[":
            end = at + 1 + (pattern[at + 1 : at + 2] == "^")
            end += pattern[end : end + 1] == "]"
            while end < len(pattern) and pattern[end] != "]":
                end += 2 if pattern[end] == "\\" else 1
            classes.append((at, end))
            at = end + 1
        else:
            plain.append(at)
            at += 1
    return plain, classes


def _unescaped(pattern: str, written: str) -> int:
    """The place of the first ``written`` in ``pattern`` that starts at a character neither
    escaped nor in a ``[...]`` (-1 if none): where RE2 found the repetition it names."""
    plain, _ = _read(pattern)
    return next((at for at in plain if pattern.startswith(written, at)), -1)
