"""Characters pasted from a word processor, an email or a web page, named where they break a plan.

A manager who copies a rule from a document brings its typography along: non-breaking spaces
for indentation, a zero-width space inside a key, an en dash for a list's ``-``, curly quotes
around a value. They look right on screen, and YAML reads none of them as what they look like,
so the message about what went wrong (a key indented wrongly, an unknown key ``within`` with a
U+200B after it, a list that is a mapping, a duration `“2h”`) points at a mistake the manager
cannot see. When the line of an error holds such a character where YAML gives characters
meaning, its hint names it and says what to type instead; the message keeps saying what YAML
understood.

Only plan errors are looked at, and only their own line (and, for a YAML syntax error, the one
before): nothing is read unless a plan fails.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import unicodedata
from collections.abc import Iterable

from engine.errors import Diagnostic, Severity, shown_text
from engine.locations import lines_from

SPACES_NOT_ASCII = "\u00a0\u2000-\u200a\u202f\u205f\u3000"
"""Spaces other than the ASCII one, as a regular expression's character class holds them:
YAML indents only with the ASCII space, and a test's text compares them as other characters."""
_SPACES = SPACES_NOT_ASCII
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
"""Characters that show as nothing (zero-width space, joiners, word joiner, BOM, soft hyphen)."""
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2022\u2043\uff0d\u30fc"
"""Dashes and bullets a list item may be pasted with instead of ``-``; and the full-width minus
and the long-vowel mark `ー`, which a Japanese input mode types for it."""
CURLY_QUOTES = "\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb"
"""Typographic quotes, which YAML (and JSON) read as text like any letter."""

_INDENT = re.compile(rf"^[ {_SPACES}]*[{_SPACES}][ {_SPACES}]*")
_ITEM_DASH = re.compile(rf"^[ {_SPACES}]*([{_DASHES}])[ \t]")
_CURLY_VALUE = re.compile(
    rf"(?:^[ \t]*(?:- +)?|[\[{{,][ \t]*)(?:[\w.-]+:[ \t]+)?([{CURLY_QUOTES}])"
)
"""A curly quote that starts a value: after a key's `: ` at the line's start or in brackets,
or as a list item; not one inside a text (``message: He said: “late”``)."""
_WIDE_COLON_AFTER_KEY = re.compile(r"(?:^[ \t]*(?:- +)?|[{,][ \t]*)([\w.-]+)[ \t]*(\uff1a)")
"""A key ended by the full-width colon `：` a Japanese or Chinese input mode types: YAML sees no
key (``title：late`` had been told "this line has no `: ` after its key", the colon there to
the eye; found by writing a Tokyo shop's plan)."""
_INVISIBLE_CHAR = re.compile(rf"[{_INVISIBLE}]")
_SPACE_AFTER_KEY = re.compile(rf"(?:^[ \t]*(?:- +)?|[{{,][ \t]*)([\w.-]+):([{_SPACES}])")
"""A key whose colon is followed by a space other than the ASCII one (``within:`` and a
no-break space, pasted from Word or Outlook): YAML needs `: ` to see a key at all."""


def with_typography(problems: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The problems, each error whose line holds pasted typography given a hint that names
    it (see the module doc)."""
    return [_named(problem) for problem in problems]


def _named(problem: Diagnostic) -> Diagnostic:
    place = problem.source
    if problem.severity is not Severity.ERROR or not place.line:
        return problem
    # YAML may stumble only on the line after the one that misled it (a key indented with
    # non-breaking spaces is read as text that goes on, until the next line)
    before = 1 if problem.code == "yaml-syntax" and place.line > 1 else 0
    first = place.line - before
    lines = list(itertools.islice(lines_from(place.path, first), before + 1))
    said = [  # the line before: only what makes YAML read on into the error's line
        pasted(line, first + n, layout_only=n < before)
        for n, line in reversed(list(enumerate(lines)))
    ]
    found = _likeliest([one for one in said if one is not None])
    if found is None:
        return problem
    character, hint = found
    # Said only where the character can be the cause: YAML's own reading of the line, or a
    # message that quotes what holds it (a key, a value), an invisible one as its escape.
    quoted = character in problem.message or shown_text(character) in problem.message
    if quoted or (
        problem.code in _YAML_READ and not _FOREIGN_LETTER.match(character)
    ):  # (a letter YAML reads as any other: only where the message quotes its key)
        return dataclasses.replace(problem, hint=hint)
    return problem


def _likeliest(found: list[tuple[str, str]]) -> tuple[str, str] | None:
    """Of what the error's line and the one before hold (in that order), what most likely
    broke it: a character YAML reads as structure (indentation, a list's dash, a key) before a
    curly quote, which only ever makes a value text (an en dash before a line with `“2d”`
    broke the list, not the quote)."""
    structural = [one for one in found if one[0] not in CURLY_QUOTES]
    return next(iter(structural or found), None)


_YAML_READ = frozenset({"yaml-syntax", "wrong-type"})
"""Codes whose message says how YAML read the line rather than quoting a value."""


def pasted(line: str, number: int, layout_only: bool = False) -> tuple[str, str] | None:
    """The pasted character that most likely broke this line (line ``number`` of its file),
    and what to type instead; with ``layout_only``, only one that changes how YAML lays the
    line out (its indentation, a list's dash, the space after a key), which may break the
    line after it (a look-alike letter or a curly quote above a tab-indented line had taken
    the place of the tab's hint; found by review)."""
    if number == 1:
        line = line.removeprefix("\ufeff")  # a byte-order mark is no part of the text
    if line.isascii():
        return None
    indent = _INDENT.match(line)
    if indent is not None:
        space = next(c for c in indent[0] if c != " ")
        return space, (
            f"line {number} is indented with {_name(space)}s, which YAML does not read as "
            "spaces: "
            "retype the indentation with ordinary spaces"
        )
    dash = _ITEM_DASH.match(line)
    if dash is not None:
        return dash[1], (
            f"`{dash[1]}` ({_name(dash[1])}) on line {number} is not `-`: start a list item "
            "with the ordinary "
            "`-` (the minus key)"
        )
    after_key = _SPACE_AFTER_KEY.search(line)
    if layout_only:
        if after_key is None:
            return None
        return after_key[2], _space_after_key_hint(after_key, number)
    key = _invisible_in_key(line)
    if key is not None:
        return key, (
            f"a key on line {number} holds an invisible character ({_name(key)}, "
            f"U+{ord(key):04X}): delete the key and type it again"
        )
    lookalike = _LOOKALIKE_KEY.match(line)
    if lookalike is not None and re.search("[A-Za-z]", lookalike[1]):
        letter = _FOREIGN_LETTER.search(lookalike[1])
        assert letter is not None  # the key matched for holding one
        return letter[0], (
            f"the key `{lookalike[1]}` on line {number} holds `{letter[0]}` ({_name(letter[0])}, "
            f"U+{ord(letter[0]):04X}), which looks like a Latin letter but is not one: type the "
            "key again on an English keyboard layout"
        )
    if after_key is not None:
        return after_key[2], _space_after_key_hint(after_key, number)
    wide_colon = _WIDE_COLON_AFTER_KEY.search(line)
    if wide_colon is not None:
        return wide_colon[2], (
            f"the key `{wide_colon[1]}` on line {number} ends with `：` (fullwidth colon), which "
            f"YAML does not read as `:`: write `{wide_colon[1]}:` with the ordinary colon, then a "
            "space (type it in half-width input mode)"
        )
    quote = _CURLY_VALUE.search(line)
    if quote is not None:
        return quote[1], (
            f"`{quote[1]}` is a typographic quote, which YAML reads as text: put the text in "
            "straight quotes, \" or '"
        )
    return None


_LOOKALIKES = "аеорсухкіјѕһӏԁԛԝүьАВЕКМНОРСТХІЈЅҮӀαοιρνκτυχϲϳΑΒΕΖΗΙΚΜΝΟΡΤΥΧϹ"
_LATIN_OF = str.maketrans(
    _LOOKALIKES, "aeopcyxkijshldqwybABEKMHOPCTXIJSYIaoipvktuxcjABEZHIKMNOPTYXC"
)
"""Each look-alike letter to the Latin letter it passes for."""
_FOREIGN_LETTER = re.compile(f"[{_LOOKALIKES}]")
"""A Cyrillic or Greek letter that looks like a Latin one (`і`, `о`, `а`, `ο`), as a key typed
with the keyboard set to another language holds (`tіtle` was "did you mean `title`?", the
two the same to the eye; found by review). Not `μ` or `Δ`, which look like no Latin letter."""
_LOOKALIKE_KEY = re.compile(
    rf"^[ \t]*(?:-[ \t]+)?([^\s:#{_LOOKALIKES}]*[{_LOOKALIKES}][^\s:#]*):(?:[ \t]|$)"
)
"""A key (at its line's start, or after a list's `- `) holding such a letter."""


def _space_after_key_hint(found: re.Match[str], number: int) -> str:
    return (
        f"line {number} has {_article(found[2])} after `{found[1]}:`, which YAML does not "
        "read as a space (it needs `: ` to see a key): retype it as an ordinary space"
    )


def _invisible_in_key(line: str) -> str | None:
    """The first invisible character of the line that is inside a key: no blank between it
    and the `:` that ends the key. Each run of characters without blanks is read once, since
    an error's line may be a whole long text full of them."""
    run_end, run_is_key = -1, False
    for found in _INVISIBLE_CHAR.finditer(line):
        if found.start() >= run_end:
            run = _NO_BLANK.match(line, found.end())  # always matches, maybe nothing
            run_end = run.end() if run is not None else found.end()
            run_is_key = line.startswith(":", run_end)
        if run_is_key:
            return found[0]
    return None


_NO_BLANK = re.compile(r"[^\s:]*")


def _name(character: str) -> str:
    """``non-breaking space``: the Unicode name in small letters."""
    return unicodedata.name(character, f"U+{ord(character):04X}").lower()


_ODD_SPACE_OR_INVISIBLE = re.compile("[\u00a0\u2000-\u200b\u202f\u205f\u2060\ufeff\u00ad]")
"""Spaces and invisible characters a value is pasted with, that text typed in it would not
hold: not the ideographic space (U+3000), the space of Chinese and Japanese text, nor the
joiners (U+200C, U+200D), part of emoji (🤦‍♀️) and of Persian or Indic words."""


def wrapped_in_curly_quotes(text: str) -> bool:
    """Whether the whole text stands between typographic quotes (``“yelp”``, ``‘rude’``):
    pasted with them, so they are part of the text. Not a text with others inside it
    (``“Late again,” you wrote``): that one quotes, and its quotes are meant."""
    return (
        len(text) >= 2
        and text[0] in CURLY_QUOTES
        and text[-1] in CURLY_QUOTES
        and not any(c in CURLY_QUOTES for c in text[1:-1])
    )


_INSIDE_QUOTES = " \u00a0\u2009\u202f"
"""The spaces French typography sets just inside its guillemets (`« late »`, with a space, a
no-break space or a narrow one): part of the quotes, not of the words they quote."""


def between_quotes(text: str) -> str:
    """The words a text :func:`wrapped_in_curly_quotes` quotes: ``« dégoûtant »`` is
    ``dégoûtant``. The spaces inside guillemets had been kept, so the hint to leave the quotes
    out wrote `eq: " dégoûtant "` (its spaces no-break ones, unseen), which no event's text
    equals either (found by writing a French shop's plan). A text of spaces alone keeps them."""
    inside = text[1:-1]
    return inside.strip(_INSIDE_QUOTES) or inside


def odd_space_or_invisible(text: str) -> str | None:
    """The first space other than the ASCII one, or invisible character, in the text, in
    words (``a no-break space (U+00A0)``); None when it has none."""
    if text.isascii():
        return None
    found = _ODD_SPACE_OR_INVISIBLE.search(text)
    return None if found is None else character_named(found[0])


def character_named(character: str) -> str:
    """A character by its name in small letters and its code, as a manager can look it up
    (``a no-break space (U+00A0)``): for one that shows as a blank, or as nothing at all."""
    return f"{_article(character)} (U+{ord(character):04X})"


def _article(character: str) -> str:
    name = _name(character)
    return ("an " if name[0] in "aeiou" else "a ") + name


def half_width(text: str) -> str:
    """``text`` with the full-width forms of ASCII characters (``５０００``, ``１０％``, ``２ｈ``)
    and the ideographic space as the ASCII ones: what a Japanese or Chinese input mode types
    for digits, letters and signs, which look like them and read as other characters."""
    if text.isascii():
        return text
    return text.translate(_HALF_WIDTH)


_HALF_WIDTH: dict[int, int | str] = {
    0x3000: " ",
    **{code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)},
}


def as_latin(text: str) -> str:
    """The text with each letter that only looks like a Latin one (see ``_FOREIGN_LETTER``)
    made that Latin letter: what a text typed with the keyboard set to another language was
    meant to say (``lаte``, its `а` Cyrillic, is ``late``)."""
    return text if text.isascii() else text.translate(_LATIN_OF)


def lookalike_at(text: str) -> int | None:
    """Where (from 0) the text's first letter that only looks like a Latin one is; None when
    it has none."""
    found = None if text.isascii() else _FOREIGN_LETTER.search(text)
    return None if found is None else found.start()


def letter_named(character: str) -> str:
    """``U+0430 CYRILLIC SMALL LETTER A``: a character by its code and Unicode name, as a
    reader can look it up."""
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X} {name}".rstrip()
