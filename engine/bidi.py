"""Right-to-left overrides kept inside the text that opened them.

A plan's text may hold Unicode's directional formatting characters: a right-to-left
embedding or override (U+202A to U+202E) lasts until a pop (U+202C), an isolate (U+2066 to
U+2068) until its pop (U+2069), and either until the end of the paragraph. ``backplan render``
keeps them, as a manager writing Hebrew or Arabic may mean them, but one left open in a rule's
title ran on over everything after it on the page's line: in the Markdown table, the rest of
the row read backwards, the rule's actions included (the trick of "Trojan Source", CVE-2021-42574).
:func:`closed` adds the pops a text lacks at the end of each of its lines, so each text's
direction ends where the text does.
"""

from __future__ import annotations

import re
from typing import Final

_OPENS_EMBEDDING: Final = frozenset("\u202a\u202b\u202d\u202e")
_POP_EMBEDDING: Final = "\u202c"
_OPENS_ISOLATE: Final = frozenset("\u2066\u2067\u2068")
_POP_ISOLATE: Final = "\u2069"
_FIRST_STRONG_ISOLATE: Final = "\u2068"
_FORMATTING: Final = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LINE: Final = re.compile(r"(\r\n|[\n\r\u2028\u2029\x85])")


_RIGHT_TO_LEFT: Final = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
"""A letter of a script written right to left: Hebrew, Arabic, Syriac, Thaana, N'Ko and the
others Unicode places in these blocks."""


def right_to_left(text: str) -> bool:
    """Whether ``text`` holds a letter of a script written right to left."""
    return _RIGHT_TO_LEFT.search(text) is not None


def isolated(text: str) -> str:
    """``text`` set apart from the text around it (Unicode's first-strong isolate, U+2068, and
    its pop): laid out as a unit in its own direction, so an English ``[customer first name,
    or "לקוח"]`` inside a Hebrew message keeps its brackets and words in order, where the
    message's direction had moved its bracket and quotes to the other ends."""
    return f"{_FIRST_STRONG_ISOLATE}{text}{_POP_ISOLATE}"


def in_sentence(text: str) -> str:
    """The plan's own ``text`` as it goes inside a sentence of ours ("Owner of this plan: X.",
    "Notify X (owner: Y), within 14 days"): :func:`closed`, and :func:`isolated` when it holds
    right-to-left letters. Not isolated, the punctuation between two such texts took their
    direction: "channel is one of X, Y or Z", three Hebrew values, printed Y before X (seen in
    Chromium's PDF), and a Hebrew message after a Hebrew recipient in Markdown read before it.
    Text of no such script is left as it was: it cannot reorder an English sentence.

    Each line is isolated on its own, as :func:`closed` closes each: an isolate lasts to the
    end of its line (its paragraph), so one around two lines had covered the first alone, the
    pop left over on the last, and the last line's text not set apart (a two-line Hebrew
    message in the Markdown table, its lines joined by ``<br>``)."""
    text = closed(text)
    if not right_to_left(text):
        return text
    pieces = _LINE.split(text)  # lines, and the breaks between them
    pieces[::2] = [isolated(line) if line else line for line in pieces[::2]]
    return "".join(pieces)


def closed(text: str) -> str:
    """``text`` with each embedding, override or isolate it leaves open on a line closed at
    that line's end (unchanged when it opens none: the usual text, tested at C speed)."""
    if _FORMATTING.search(text) is None:
        return text
    pieces = _LINE.split(text)  # lines, and the breaks between them
    pieces[::2] = [line + _pops_missing(line) for line in pieces[::2]]
    return "".join(pieces)


def _pops_missing(line: str) -> str:
    """The pops that close what ``line`` leaves open, innermost first (as Unicode's
    bidirectional algorithm, UAX #9, pairs them: a pop of an isolate also closes the
    embeddings opened inside it; a pop with nothing of its kind open is ignored)."""
    stack: list[str] = []
    for char in _FORMATTING.findall(line):
        if char in _OPENS_EMBEDDING:
            stack.append(_POP_EMBEDDING)
        elif char in _OPENS_ISOLATE:
            stack.append(_POP_ISOLATE)
        elif char == _POP_EMBEDDING:
            if stack and stack[-1] == _POP_EMBEDDING:
                stack.pop()
        elif _POP_ISOLATE in stack:
            del stack[len(stack) - 1 - stack[::-1].index(_POP_ISOLATE) :]
    return "".join(reversed(stack))
