"""Text as a terminal shows it: its width in columns, and lines wrapped to a width in columns.

``textwrap`` counts characters, and a terminal does not: a Chinese, Japanese or Korean
character (and most emoji) takes two columns, a combining accent none. A checklist line or an
``explain`` reason holding a guest's Japanese name or a rule's Japanese text had run to about
120 columns where 100 was meant, and a report's table had pushed its numbers right of their
headers (found by writing a hotel group's plan). Text whose width is its length, nearly all
of it, is wrapped by ``textwrap`` exactly as before.
"""

from __future__ import annotations

import re
import textwrap


def columns(text: str) -> int:
    """How many columns ``text`` takes on a terminal: a wide character (Chinese, Japanese,
    Korean, most emoji) takes two, a combining mark none. Counted in characters, a plan named
    `光ホテル` had pushed the numbers of its row four columns right of their header's."""
    if text.isascii():
        return len(text)
    return sum(map(_width, text))


def _width(char: str) -> int:
    """The columns ``char`` takes: none for a combining mark, two for a wide character."""
    import unicodedata  # only now: most text is ASCII

    return (
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
    )


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` columns, the first begun with ``first`` and the
    others with ``rest``, broken at spaces, and inside a word only where a word alone is wider
    than a line (text in Japanese or Chinese has no spaces to break at): ``textwrap.wrap``
    with ``break_on_hyphens=False``, counted in columns. Where every character takes one
    column, it is ``textwrap.wrap`` itself."""
    if text.isascii() or all(_width(c) == 1 for c in text):  # not columns(text) == len(text):
        return textwrap.wrap(  # as many wide characters as accents add up to it too
            text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
        )
    lines: list[str] = []
    indent, line = first, ""
    words = _BLANKS.split(text)
    for word, blank in zip(words[::2], ["", *words[1::2]], strict=True):
        gap = " " * len(blank) if line else ""  # as written between words of a line
        while word:
            room = width - columns(indent) - columns(line) - len(gap)
            if columns(word) <= room:
                line, word = f"{line}{gap}{word}", ""
            elif line:  # the word goes on the next line
                lines.append(indent + line)
                indent, line, gap = rest, "", ""
            else:  # wider than a whole line: cut where the line is full
                head, word = _cut(word, width - columns(indent))
                lines.append(indent + head)
                indent = rest
    if line:
        lines.append(indent + line)
    return lines


_BLANKS = re.compile(r"([\t\n\x0b\x0c\r ]+)")
"""The blanks a line may break at, textwrap's: ASCII's alone. ``str.split()`` had broken at
every kind of space and joined the words again by one ASCII space, so a no-break space, a
full-width space (U+3000, Japanese's) or two spaces in a quoted text were shown as one
ordinary space, and ``explain`` showed a rule's text and an event's that differ by them
alike (found by review)."""


def _cut(word: str, room: int) -> tuple[str, str]:
    """The head of ``word`` that fits in ``room`` columns (one character at least, so that
    wrapping always moves on), and the rest; a combining mark stays with its letter."""
    used, at = 0, 0
    for at, char in enumerate(word):
        wide = _width(char)
        if at and used + wide > room:
            return word[:at], word[at:]
        used += wide
    return word, ""
