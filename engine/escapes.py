"""Control characters that a YAML escape put in a text where the writer meant a backslash.

In YAML's double quotes a backslash starts an escape: ``"\\b(rude)\\b"`` holds two backspaces,
not the word boundaries of a regular expression, and ``"\\a"``, ``"\\f"``, ``"\\v"``,
``"\\e"``, ``"\\0"`` are a bell, a form feed, a vertical tab, an escape and a null. Nothing
refuses them (they are valid YAML), so a pattern silently never matches and a message shows
invisible characters. The checks (``engine.checks``, ``engine.lint``) and the words for a
backslash YAML knows no escape for (``engine.yamlsyntax``) share the words here, so the advice
is one.
"""

from __future__ import annotations

import re

YAML_ESCAPES = {
    "0": "\x00", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b",
    "f": "\x0c", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
"""What YAML's double quotes make of a backslash and one character (YAML 1.2, 5.7); ``\\x``,
``\\u`` and ``\\U`` take 2, 4 and 8 hexadecimal digits instead."""

_CALLED = {
    "\x00": "a null character",
    "\x07": "a bell",
    "\x08": "a backspace",
    "\x0b": "a vertical tab",
    "\x0c": "a form feed",
    "\x1b": "an escape character",
    "\x85": "a next-line character",
}
_YAML_ESCAPES = {
    char: ("\\" + letter, _CALLED[char]) for letter, char in YAML_ESCAPES.items() if char in _CALLED
}
"""The control characters a double-quoted YAML escape of one letter makes (tab, line feed and
carriage return aside): how it is written, and what it is called."""

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""A control character other than a tab or a line break (``\\n``, ``\\r``), which a text may
hold."""

BACKSLASH_ADVICE = (
    'in double quotes a backslash starts an escape (`"\\b"` is a backspace): write the text in '
    "single quotes, or double each backslash"
)
"""The fix for a backslash that double quotes read as an escape."""


def control_character(text: str) -> str | None:
    """The first control character in ``text`` other than a tab or a line break, or None.

    Called on every pattern of a plan: a text that ``isprintable`` (nearly all) is passed at C
    speed, without the expression."""
    if text.isprintable():
        return None
    found = _CONTROL.search(text)
    return found[0] if found is not None else None


def controls_written(text: str) -> str:
    """``text`` with each control character of :func:`control_character` written as in YAML's
    double quotes (``\\e``, ``\\a``, ``\\x01``); tabs and line breaks are kept.

    For a plan's text printed where a terminal may show it (``backplan render`` to stdout, or
    its file read with ``cat``): an ESC sequence in a title would set the terminal's title or
    clear its screen. ``lint`` warns about such a character (``control-character-in-text``);
    the page shows it as the manager could have written it, where it can be seen and removed.
    Unlike ``engine.errors.shown_text`` (for one line of a terminal, and for text from
    outside), formatting characters stay: a right-to-left mark, or an emoji's joiner, may be
    meant in a plan's text, and a page keeps its line breaks."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(lambda found: as_written(found[0]), text)


_LINE_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
"""A tab and the line breaks, as the escapes double quotes make them of."""
_LINE_BREAKS = re.compile("[\t\n\r]")


def as_written(char: str) -> str:
    """How a control character is written in YAML's double quotes (``\\b``, ``\\x01``, and
    ``\\t``, ``\\n``, ``\\r``)."""
    known = _YAML_ESCAPES.get(char)
    if known is not None:
        return known[0]
    return _LINE_ESCAPES.get(char) or f"\\x{ord(char):02x}"


def called(char: str) -> str:
    """What a control character is called: ``a backspace``, ``the control character U+0001``."""
    known = _YAML_ESCAPES.get(char)
    return known[1] if known is not None else f"the control character U+{ord(char):04X}"


def described(char: str) -> str:
    """A control character in words, with the escape that makes it: ``a backspace (what `\\b`
    is in double quotes)``."""
    return f"{called(char)} (what `{as_written(char)}` is in double quotes)"


def text_as_written(text: str, line_breaks: bool = False) -> str:
    """The text with each control character (not a tab or line break, unless ``line_breaks``)
    spelled as its escape: ``\\b(rude)\\b`` for the pattern YAML made of ``"\\b(rude)\\b"``;
    with ``line_breaks``, ``C:\\new`` for the path YAML made of ``"C:\\new"``."""
    if line_breaks:
        text = _LINE_BREAKS.sub(lambda found: _LINE_ESCAPES[found[0]], text)
    return _CONTROL.sub(lambda found: as_written(found[0]), text)


def single_quoted(text: str) -> str:
    """Text in YAML's single quotes, where a backslash is itself (a `'` is doubled)."""
    return "'" + text.replace("'", "''") + "'"
