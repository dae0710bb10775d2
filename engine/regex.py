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
import re
from collections.abc import Iterator
from typing import Any, Final, NamedTuple

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
    reading = _read(pattern)  # once: each wording below places its character by it
    opened, closing = _brackets(reading)
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
    at = reading.first(written)
    if at >= 0 and written and not written.strip("*+?"):  # (`{2}{3}`: RE2's own words)
        if what == "bad repetition operator":
            # the sign of the second repetition, after the first's lazy `?` if it has one
            # (`*??`): RE2 names the second with its own `?` (`**?`), and `\?` had been
            # hinted there, and `a**\?` is refused still (found by review)
            second = written[1 + (written[1:2] == "?" and len(written) > 2) :] or written
            sign = second[0]
            return RegexError(
                f"`{written}` at character {at + 1} repeats a repetition",
                f"keep one of its signs, or write `\\{sign}` to match a `{sign}` itself "
                f"({_SYNTAX})",
            )
        if what == "no argument for repetition operator":
            # its first sign: RE2 names a lazy one with its `?` (`*?`), and the `?` had been
            # told, at the `*`'s character, with `\?` to write (`*\?`, refused still)
            # (found by review)
            sign = written[0]
            return RegexError(
                f"the `{sign}` at character {at + 1} has nothing before it to repeat",
                f"write `\\{sign}` to match a `{sign}` itself, or put what it repeats before "
                f"it ({_SYNTAX})",
            )
    if what == "invalid perl operator" and (at := _perl_operator(reading)) >= 0:
        return _perl_group(pattern, at)
    if what == "invalid escape sequence":
        return _escape(reading, written) or _kept(reason, reading)
    if what == "invalid repetition size":
        return _count(reading, written) or _kept(reason, reading)
    if what == "invalid named capture group" and (at := reading.first(written)) >= 0:
        if written in ("(?<=", "(?<!"):  # a look-behind that ends the pattern: RE2 reads a
            return _perl_group(pattern, at)  # name in it, and a `>` to close it was asked for
        if written.endswith(">"):
            return RegexError(
                f"the name of the group at character {at + 1} may hold only letters, digits "
                "and `_`",
                f"rename it, such as `(?P<reason>...)` ({_SYNTAX})",
            )
        return RegexError(
            f"the name of the group at character {at + 1} is never closed by a `>`",
            f"write `(?P<name>...)`, or `\\(` to match a bracket itself ({_SYNTAX})",
        )
    if what == "invalid character class range" and len(written) == 3 and written[1] == "-":
        start = next((at for at, end in reading.classes if written in pattern[at:end]), -1)
        if start >= 0:
            first = pattern.index(written, start) + 1
            return RegexError(
                f"the range `{written}` at character {first} goes backwards",
                f"write its first character first: `{_swapped(written)}` ({_SYNTAX})",
            )
    return _kept(reason, reading)


def _kept(reason: str, reading: _Reading) -> RegexError:
    """RE2's own words ``reason``, with a hint that names only what the pattern holds: what
    else in it RE2 lacks (a back-reference, a look-ahead...), or where RE2's syntax is told.
    Every pattern left in RE2's words had been hinted "no backreferences (\\1) or lookaround
    ((?=...))", those of `\\p{Foo}` and `[[:foo:]]` too (found by review)."""
    lacked = [at for at in (_perl_operator(reading), _back_reference(reading)) if at >= 0]
    if not lacked:
        return RegexError(reason, _SYNTAX)
    at = min(lacked)
    pattern = reading.pattern
    other = _perl_group(pattern, at) if pattern[at] == "(" else _no_back_reference(pattern, at)
    return RegexError(reason, f"also, {other}: {other.hint}")


def _no_back_reference(pattern: str, at: int) -> RegexError:
    """The back-reference written with a ``\\`` at ``at`` (``\\1``, ``\\k``), refused."""
    place = f"`{pattern[at : at + 2]}` at character {at + 1}"
    return RegexError(f"RE2 has no back-reference: {place}", f"{_BACK_REFERENCE} ({_SYNTAX})")


def _back_reference(reading: _Reading) -> int:
    """The place of the first back-reference written with a ``\\`` (``\\1``, ``\\k<name>``)
    outside a ``[...]``, or -1."""
    pattern = reading.pattern
    return next(
        (
            at
            for at in reading.escapes
            if pattern[at + 1 : at + 2] in _BACK_REFERENCE_LETTERS
            and not any(start < at < end for start, end in reading.classes)
        ),
        -1,
    )


def _swapped(backwards: str) -> str:
    """The range ``backwards`` (``z-a``) written forwards (``a-z``), its ends escaped where
    they would not read as a range's (RE2 reads ``\\-``, ``\\^`` and ``\\]`` as the
    character): a `-` first would end a range from the character before it (``[xe--]`` had
    been hinted ``--e``, and ``[x--e]`` goes backwards from `x`), a `^` first in the
    list negates it (``[}-^]`` hinted ``^-}``), and a `]` last ends the list (``[]-A]`` hinted
    ``A-]``: `A`, `-` and a `]` after the list) (found by review)."""
    low, high = backwards[2], backwards[0]
    escaped = "\\" + low if low in "-^" else low
    return f"{escaped}-\\]" if high == "]" else f"{escaped}-{high}"


_BACK_REFERENCE = (
    "write out again what the group matches (`(ha)ha`, not `(ha)\\1`), or test the repeated "
    "text with a second `matches` under `all:`"
)
"""The hint for a back-reference, which RE2 lacks: it would need backtracking."""
_LOOKING = {
    "(?=": ("look-ahead", "test the text with a second `matches` under `all:` instead"),
    "(?!": ("negative look-ahead", "test the text with a `matches` under `not:` instead"),
    "(?<=": ("look-behind", "test the text with a second `matches` under `all:` instead"),
    "(?<!": ("negative look-behind", "test the text with a `matches` under `not:` instead"),
    "(?>": ("atomic group", "write a plain group `(?:...)` instead"),
    "(?(": ("conditional group", "write each case as its own `matches` under `any:` instead"),
    "(?#": ("comment group", "take the comment out"),
    "(?P=": ("back-reference", _BACK_REFERENCE),
    "(?'": ("group named in quotes", "write a named group as `(?P<name>...)`"),
    "(?|": ("branch-reset group", "write a plain group `(?:...)`"),
}
"""What RE2 lacks of Perl's and JavaScript's ``(?`` groups, by how they start, and what to
write instead: a manager copies them from a regex tutorial."""
_RECURSION = (
    "(?R",
    "(?&",
    "(?P>",
    "(?+",
    *(f"(?{sign}{digit}" for sign in ("", "-") for digit in range(10)),
)
"""How a group that matches the pattern (or a group of it) again within itself starts."""


_GROUP_START = re.compile(r"\(\?(?:P?<(?![=!])|[imsU]*(?:-[imsU]+)?[:)])")
"""How a ``(?`` group RE2 knows starts: named, or flags alone or for a group."""


def _perl_operator(reading: _Reading) -> int:
    """The place of the first ``(?`` of ``pattern`` that starts no group RE2 knows (-1 if
    none): RE2 names only its start (``(?P`` for both ``(?P=name)`` and ``(?P>name)``), and
    the first ``(?P`` may be a group named well (``(?P<word>\\w+) (?P=word)``)."""
    pattern = reading.pattern
    return next((at for at in reading.where("(?") if not _GROUP_START.match(pattern, at)), -1)


def _perl_group(pattern: str, at: int) -> RegexError:
    """RE2's "invalid perl operator" for the ``(?`` at ``at``: what RE2 lacks, said by name."""
    place = f"`(?` at character {at + 1}"
    for start, (called, mend) in _LOOKING.items():
        if pattern.startswith(start, at):
            return RegexError(
                f"RE2 has no {called}: `{start}` at character {at + 1}", f"{mend} ({_SYNTAX})"
            )
    recursion = next((start for start in _RECURSION if pattern.startswith(start, at)), "")
    if recursion:
        return RegexError(
            f"RE2 has no recursion: `{recursion}` at character {at + 1}",
            f"write out each level of nesting you mean ({_SYNTAX})",
        )
    return RegexError(
        f"the {place} starts no group RE2 knows",
        "RE2 knows `(?:...)`, `(?P<name>...)` and the flags `(?i)`, `(?m)`, `(?s)` and `(?U)`; "
        f"write `\\(` to match a bracket itself ({_SYNTAX})",
    )


_BACK_REFERENCE_LETTERS = frozenset("123456789kg")
"""The letters after a ``\\`` that make a back-reference (``\\1``, ``\\k<name>``, ``\\g1``)."""

_KNOWN_LETTERS = frozenset("aftnrvxdDsSwWpPbBAzCQ")
"""The letters RE2 knows after a ``\\`` (in a ``[...]`` or out): any other is a mistake."""
_INSTEAD = {"Z": "`$` for the end of the text", "G": "`^` for the start of the text"}
"""Perl's anchors RE2 lacks, with RE2's nearest."""


def _escape(reading: _Reading, written: str) -> RegexError | None:
    """RE2's "invalid escape sequence" ``written`` in words, or None to keep RE2's: a
    back-reference (``\\1``, ``\\k<name>``), Perl's ``\\Z`` and ``\\G``, a letter RE2 knows
    no escape for (``\\e``)."""
    at = next((at for at in reading.escapes if reading.pattern.startswith(written, at)), -1)
    letter = written[1:2]
    if at < 0 or len(written) != 2:
        return None
    place = f"`{written}` at character {at + 1}"
    if letter.isdigit() and any(start < at < end for start, end in reading.classes):
        return None  # `[\1]`: Perl's character 1, not a back-reference
    if letter in _BACK_REFERENCE_LETTERS:
        return _no_back_reference(reading.pattern, at)
    if letter in _INSTEAD:
        return RegexError(f"RE2 has no {place}", f"write {_INSTEAD[letter]} instead ({_SYNTAX})")
    if letter.isascii() and letter.isalpha() and letter not in _KNOWN_LETTERS:
        return RegexError(
            f"{place} is no escape RE2 knows",
            f"write `{letter}` alone to match the letter, or `\\\\{letter}` to match a backslash "
            f"and the letter ({_SYNTAX})",
        )
    return None


_MAX_COUNT = 1000
"""The most times RE2 lets a counted repetition repeat, its parts' counts multiplied."""


def _count(reading: _Reading, written: str) -> RegexError | None:
    """RE2's "invalid repetition size" ``written`` (``{1,1001}``, ``{2,1}``) in words, or None
    to keep RE2's. A count too large or backwards is the first ``written`` RE2 reads; one
    within bounds repeats a part counted too (``(a{100}){100}``), which of its copies RE2
    means is told only when there is one. A lazy count (``{2,1}?``) is named by RE2 with its
    `?`, which is left out: it had kept RE2's words (found by mutation testing)."""
    written = written.removesuffix("?")
    low, comma, high = written.strip("{}").partition(",")
    places = list(reading.where(written))
    if not (places and low.isdigit() and (high.isdigit() or not high)):
        return None
    least, most = int(low), int(high) if high else None
    place = f"`{written}` at character {places[0] + 1}"
    if least > _MAX_COUNT or (most or 0) > _MAX_COUNT:
        return RegexError(
            f"{place} counts past {_MAX_COUNT:,}, the most RE2 allows",
            f"write `+` to repeat it any number of times, or a smaller count ({_SYNTAX})",
        )
    if most is not None and comma and least > most:
        return RegexError(
            f"{place} counts backwards",
            f"write the smaller number first: `{{{most},{least}}}` ({_SYNTAX})",
        )
    if len(places) > 1:
        place = f"`{written}`"
    return RegexError(
        f"{place} repeats a part that is counted too: more than {_MAX_COUNT:,} times in all, "
        "the most RE2 allows",
        f"count fewer times, or write `+` to repeat any number of times ({_SYNTAX})",
    )


def class_spans(pattern: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Where ``pattern``'s ``[...]`` classes are, read as RE2 reads them (each from its `[`
    to its `]`, or to the pattern's end when left open), and the places of the ``\\`` of the
    escapes outside them: lint's example of a pattern (``engine.witness``) writes each class
    out as a character RE2 finds in it."""
    reading = _read(pattern)
    outside = [at for at in reading.escapes if not any(s < at < e for s, e in reading.classes)]
    return reading.classes, outside


_FLAG_GROUP: Final = re.compile(r"\(\?([imsU]*)(?:-([imsU]*))?\)")
"""A group of flags alone (``(?i)``, ``(?s-i)``, ``(?U)``), which RE2 accepts anywhere."""


def flags_scoped(pattern: str) -> str:
    """``pattern`` with each group of flags alone written as a group the flags apply in, as
    RE2 reads it: from there to the end of the group it stands in, in each of the group's
    alternatives after it (``a(?i)b|c``: ``a(?i:b)|(?i:c)``), and with only the flags Python
    knows (RE2's ``U`` changes no text a pattern finds). Python's reader refuses a flag
    after the pattern's start (``a(?i)b``, ``[^A-Z](?i)[^a-z]``), and lint's example of such
    a pattern (``engine.witness``) was none: a stop rule of one hiding an escalation went
    untold (found by review)."""
    reading = _read(pattern)
    out: list[str] = []
    done = 0
    groups: list[list[str]] = [[]]  # for each group open, the flags set in it so far
    for at in reading.plain:
        if at < done:
            continue  # (in a group of flags written already)
        char = pattern[at]
        flags = groups[-1]  # (each open, as a group written for it, in the alternative)
        if char == "(" and (found := _FLAG_GROUP.match(pattern, at)):
            on, off = (part.replace("U", "") for part in found.groups(""))
            written = f"(?{on}{'-' if off else ''}{off}:"
            out += (pattern[done:at], written)
            done = found.end()
            flags.append(written)
        elif char == "(":
            groups.append([])
        elif char == "|":
            out += (pattern[done:at], ")" * len(flags), "|", *flags)
            done = at + 1
        elif char == ")" and len(groups) > 1:
            out += (pattern[done:at], ")" * len(flags))
            done = at
            groups.pop()
    out += (pattern[done:], ")" * len(groups[0])) if len(groups) == 1 else (pattern[done:],)
    return "".join(out)


def _brackets(reading: _Reading) -> tuple[list[int], int | None]:
    """Where the brackets of a pattern are, read as RE2 reads them (:func:`_read`): the
    places of the `(` never closed, and of the first `)` that closes none."""
    pattern = reading.pattern
    opened: list[int] = []
    closing: int | None = None
    for at in reading.plain:
        if pattern[at] == "(":
            opened.append(at)
        elif pattern[at] == ")":
            if opened:
                opened.pop()
            elif closing is None:
                closing = at
    return opened, closing


class _Reading(NamedTuple):
    """``pattern`` read as RE2 reads it (:func:`_read`)."""

    pattern: str
    plain: list[int]
    """The places of the characters neither escaped, quoted nor in a ``[...]``."""
    classes: list[tuple[int, int]]
    """The span of each ``[...]``."""
    escapes: list[int]
    """The places of the ``\\`` that start an escape, in a ``[...]`` too."""

    def where(self, written: str) -> Iterator[int]:
        """The places of ``written`` in the pattern that start at a character neither
        escaped, quoted nor in a ``[...]``: where RE2 found what its refusal names."""
        return (at for at in self.plain if self.pattern.startswith(written, at))

    def first(self, written: str) -> int:
        """The first of :meth:`where` (-1 if none)."""
        return next(self.where(written), -1)


def _read(pattern: str) -> _Reading:
    """``pattern`` read as RE2 reads it: a ``\\`` escapes the character after it; ``\\Q``
    quotes all up to the next ``\\E`` (or the end), none of it syntax; in ``[...]`` a `]`
    first, or after `^`, is a character, and a class by name (``[:alpha:]``) is read whole, its
    `]` closing nothing. Without the quote, the `)` of ``\\Q(\\E)`` had closed the quoted `(`
    and the one closing nothing went unnamed (found by review); without the name read whole,
    the backward range of ``[[:alpha:]z-a]`` was left in RE2's words, found in no ``[...]``
    (found by mutation testing)."""
    reading = _Reading(pattern, [], [], [])
    named_end = pattern.rfind(":]")  # (past it, no class by name is closed: none is looked for)
    at = 0
    while at < len(pattern):
        char = pattern[at]
        if pattern.startswith("\\Q", at):
            end = pattern.find("\\E", at + 2)
            at = len(pattern) if end < 0 else end + 2
        elif char == "\\":
            reading.escapes.append(at)
            at += 2
        elif char == "[":
            end = _class_end(reading, at, named_end)
            reading.classes.append((at, end))
            at = end + 1
        else:
            reading.plain.append(at)
            at += 1
    return reading


def _class_end(reading: _Reading, at: int, named_end: int) -> int:
    """Where the ``[...]`` that starts at ``at`` ends (its `]`, or the pattern's end), its
    escapes added to ``reading``, item by item as RE2 reads them: a class by name, read to the
    first `:]` (``named_end``: the last `:]` of the pattern), or a character, escaped or not,
    with the `-` and the character after it that make a range (``:-[``: that `[` starts no
    class by name)."""
    pattern = reading.pattern

    def character(end: int) -> int:
        if pattern[end] == "\\":
            reading.escapes.append(end)
            return end + 2
        return end + 1

    end = at + 1 + (pattern[at + 1 : at + 2] == "^")
    first = True  # (a `]` first is a character)
    while end < len(pattern) and (first or pattern[end] != "]"):
        first = False
        if pattern.startswith("[:", end) and end + 2 <= named_end:
            end = pattern.index(":]", end + 2) + 2
            continue
        end = character(end)
        if pattern.startswith("-", end) and pattern[end + 1 : end + 2] not in ("", "]"):
            end = character(end + 1)
    return end
