"""Keys and their colons: a key without its `:` (``- escalate`` with settings below it), without
the blank after it (``within:1h``), several keys on one line without braces, a key glued to its
value (``compensate:{``), and a setting on the line of its action (``apologize: within: 1h``).

YAML reads each of these as text and fails a line later, or at a `: ` further on; the helpers
find the key the writer meant, checking it against the keys of the language
(:mod:`engine.yamlsyntax.vocabulary`) so that a text with a `: ` in it is not taken for one.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

from engine.slips import as_written, quoted
from engine.slips.written import UNREAD, key_and_value, yaml_value
from engine.yamlsyntax.lines import DOCUMENT_START, KEY_AT, Place, indent_of, line_above, line_of
from engine.yamlsyntax.texts import TEXT_GOES_ON, text_going_on
from engine.yamlsyntax.vocabulary import FILE_DOCS, FILE_NAMED, is_action, is_key, language_keys

_BARE_WORD = re.compile(r"( *(?:- +)?)([\w-]+)[ \t]*(?:#.*)?$")
"""A line that is one word, maybe a list item (``- escalate``): a key missing its colon."""


def _bare_word_above(lines: list[str], place: Any) -> tuple[str, Place] | None:
    """The word alone on the line above ``place`` (the last line that is not blank or a
    comment) when it is less indented than ``place``'s line: a key written without its `:`, whose
    settings then make the error below it. Its place is just after the word. (``place`` is
    a `: ` YAML refused, on a line of the file.)"""
    indent = indent_of(lines[place.line])
    above = line_above(lines, place.line)
    word = _BARE_WORD.match(above[1]) if above is not None else None
    if above is None or word is None or len(word[1]) >= indent:
        return None
    before = line_above(lines, above[0])
    if before is not None and TEXT_GOES_ON.match(before[1]) and word[1].strip() == "":
        return None  # `message: Please call the customer and` then `apologize`: its text
    return word[2], Place(above[0], word.end(2))


NO_SPACE_AFTER_KEY = (
    "this line has no `: ` (a colon and a space) after its key",
    "write `key: value`, with a space after the colon; put text that holds `: ` in quotes",
)
"""What is said of a key written without the blank after its colon, wherever YAML fails."""


_KEY_THEN_WORDS = re.compile(
    r"( *(?:- +)?)([\w-]+)(?:[ \t]+|(?==))([^\s:#](?:[ \t]*+[^ \t\n])*?)[ \t]*(?:[ \t]#.*)?$"
)
"""A line that is a word, blanks and more words, with no `: ` (``title A part ordered
wrong``): a key written without its colon, when the word is one of the language; or a word
and `=` with no blank between them (``name=Acme``, ``name=``, as INI files write them), which
had been told "indented more than the key above it", on the line below (found by review). Its value
grows by a run of blanks and the character after it at a time, as :data:`_KEY_WITHOUT_SPACE`
does: a lazy `.*?` had tried the end at each column of a run of blanks (20 KB took 6 s; found
by review)."""


def colon_left_out_of_key(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a key written without its colon before its value (``title A part ordered
    wrong``), at ``place`` where YAML began the text it read it as: the line with the colon
    put back, ``title: A part ordered wrong``. It had been told "this line has no `: `" with
    ``key: value`` to copy (found by review). None unless the first word is a key of the
    language (``Please call back`` going on a text is no key)."""
    slip = _KEY_THEN_WORDS.match(line_of(lines, place))
    if slip is None or len(slip[1]) != place.column or slip[2] not in language_keys():
        return None
    key, value = slip[2], slip[3]
    said, put = f"`{as_written(key)}` has no `:` after it", "after the key"
    if value == "=":  # `name =` and nothing after it: `name: "="` had been hinted, a value
        # no one meant (found by review)
        return (
            f"`{as_written(key)}` is followed by `=` and no value, where a plan writes a colon "
            "and the value after it",
            f"write a colon in place of the `=`, then the value on the same line: "
            f"`{as_written(key)}: ` followed by it",
            Place(place.line, len(slip[1]) + len(key)),
        )
    if value.startswith("="):  # `name = Acme`, as TOML or INI write it (something after the
        # `=`: the value ends with no blank): `name: = Acme` had been hinted (found by review)
        value = value[1:].lstrip()
        said = f"`{as_written(key)}` is followed by `=`, where a plan writes a colon"
        put = "in place of the `=`"
    return (  # (`title [draft] bike` is no value unquoted: `key_and_value` quotes it)
        said,
        f"write a colon {put}: `{key_and_value(key, value)}`",
        Place(place.line, len(slip[1]) + len(key)),
    )


def key_and_value_without_colon_above(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a key written without its colon before its value (``- id r``, ``name Spoke &
    Chain``), then a key lined up with it below (``title: x``): YAML reads the first line as
    text and fails at the `: ` below it, which had been told "indented more than the key above
    it" (found by review). Told at the key above, as :func:`colon_left_out_of_key` tells it."""
    here = KEY_AT.match(line_of(lines, place))
    above = line_above(lines, place.line) if here is not None else None
    slip = _KEY_THEN_WORDS.match(above[1]) if above is not None else None
    if here is None or above is None or slip is None or len(slip[1]) != len(here[1]):
        return None
    return colon_left_out_of_key(lines, Place(above[0], len(slip[1])))


_KEY_WITHOUT_SPACE = re.compile(
    r"( *(?:- +)?)([\w-]+):([^\s:#](?:[ \t]*+[^ \t\n])*?)[ \t]*(?:[ \t]#.*)?$"
)
"""A line that is a key and its value with no blank after the colon (``within:1h``), which
YAML reads as one plain text: the value up to its trailing blanks or a comment. It grows by a
run of blanks and the character after it at a time, so the end is tried once after a run, not
at each of its columns (32 s for a run of 20 KB of blanks)."""


def key_without_space_above(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For the first key of a mapping written without the blank after its colon
    (``within:1h``, then ``message: Sorry`` lined up under it): YAML reads the first line as
    a text and fails at the key below it, so the slip is told on the line above, as for a later
    key. Only a key of the language, on its own line, lined up with the key that failed and not
    going on a text begun above it, is taken for one (``Note:see`` or ``http://x`` are not)."""
    here = KEY_AT.match(line_of(lines, place))
    above = line_above(lines, place.line) if here is not None else None
    slip = _KEY_WITHOUT_SPACE.match(above[1]) if above is not None else None
    if here is None or above is None or slip is None or len(slip[1]) != len(here[1]):
        return None
    if slip[2] not in language_keys() or ": " in slip[3]:
        return None
    at = Place(above[0], len(slip[1]))
    if text_going_on(lines, at) is not None:
        return None  # `message: Please call` then `within:2h` further in: its text
    return (*NO_SPACE_AFTER_KEY, at)


def key_without_colon_above(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For keys under a word written without its `:` (``- escalate`` then ``to: cx-lead``):
    the word, told at its line."""
    bare = _bare_word_above(lines, place)
    if bare is None:
        return None
    word, at = as_written(bare[0]), bare[1]
    return (
        f"`{word}` has no `:` after it, so the keys below it cannot be its settings",
        f"write `{word}:`",
        at,
    )


_LAST_KEY = re.compile(r",[ \t]*([\w.-]+)$")
"""``..., lte`` before the `: ` that failed: a key after a comma."""


def keys_without_braces(line: str, column: int) -> str | None:
    """For ``- field: rating, lte: 2`` (the error at the second `: `): the keys in braces,
    ``- {field: rating, lte: 2}``; None when the text before the `: ` does not end in a key
    after a comma."""
    start = re.match(r"( *(?:- +)?)([\w.-]+): ", line)
    last = _LAST_KEY.search(line[:column])
    if start is None or last is None or not {start[2], last[1]} <= language_keys():
        return None  # `message: Hi Dana, thanks: we will call` is text with a `: `, not keys
    pairs = as_written(line[len(start[1]) :].split(" #", maxsplit=1)[0].rstrip())
    return f"{start[1].strip()} {{{pairs}}}".lstrip()


_GLUED = re.compile(r"(?<![\w./-])([\w-]+):(?=[^\s:/])")
"""A key glued to what follows its `:` (``compensate:{``, ``kind:voucher``); not in a URL."""


def glued_key(line: str, column: int) -> str | None:
    """For ``- compensate:{kind: voucher, amount: 10}`` (the error at ``kind``'s `: `): the line
    from its key on with a space after each key of the language glued to its value; None when
    no such key comes before the `: ` that failed (``message: see https://x: now`` is text)."""
    glued = [found for found in _GLUED.finditer(line[:column]) if is_key(found[1])]
    if not glued:
        return None
    start = re.match(r" *(?:- +)?", line)
    body = line[start.end() if start else 0 :].split(" #", maxsplit=1)[0].rstrip()
    mended = _GLUED.sub(lambda found: f"{found[1]}: " if is_key(found[1]) else found[0], body)
    return as_written(mended)


_SETTING_AFTER_KEY = re.compile(r" *(?:- +)?([\w-]+): +([\w-]+): +(.+?)(?: +#.*)?$")


def settings_after_key(line: str) -> str | None:
    """For ``- apologize: within: 1h`` (the error at the second `: `, which is always the
    second key's: the pattern holds both keys from the line's start, and YAML fails at the
    first `: ` inside the plain value): the settings in braces, ``apologize: {within: 1h}``;
    None unless the first is an action and the second a key."""
    found = _SETTING_AFTER_KEY.match(line)
    if found is None or not (is_action(found[1]) and is_key(found[2])):
        return None  # `message: note: the customer...` is text with a `: `, told to be quoted
    first, *more = _NEXT_SETTING.split(found[3])  # `1h`, then `message: Sorry`...
    settings = [_in_braces(found[2], first)]
    settings += [
        f"{as_written(key)}: {_in_braces(key, value)}"
        for key, _, value in (s.partition(": ") for s in more)
    ]
    # Each part cut on its own: the whole cut after quoting lost a long text's closing quote.
    return f"{as_written(found[1])}: {{{as_written(found[2])}: {', '.join(settings)}}}"


_NEXT_SETTING = re.compile(r",[ \t]*(?=[\w-]+:[ \t])")
"""The `,` before the next setting on the line (``1h, message: Sorry``)."""


def value_in_braces(key: str, value: str) -> str | None:
    """``value``, written after ``key:`` on its own line, as braces take it to mean the same:
    as written, or in quotes (``Sorry, we were late``, ``see {x}``, ``Call back: tomorrow``: in
    braces a comma ends the value, a `{` starts a mapping and a `: ` is refused); None when it
    is none (a `|` or `>` that starts a block of the lines below, no value at all).
    ``- apologize: {message: Sorry, we were late}`` had been the hint, which the plan refuses
    (`we were late` an unknown key; found by review).

    The quoted form is not cut again (:func:`quoted` cuts the text inside its quotes): cut as
    a whole, a text of 199 characters lost its closing quote, a hint that pasted was an
    error."""
    below = yaml_value(f"{key}: {value}") if value and value[0] not in "|>" else UNREAD
    if not isinstance(below, dict) or key not in below:
        return None
    meant = {key: below[key]}
    if yaml_value(f"{{{key}: {value}}}") == meant:
        return as_written(value)
    written = quoted(value)
    return written if yaml_value(f"{{{key}: {written}}}") == meant else None


def _in_braces(key: str, value: str) -> str:
    """A setting's value on an action's line as braces take it (:func:`value_in_braces`), or in
    quotes when it means nothing on a line of its own (``Call back: tomorrow``, which YAML
    refuses there too). ``note: {message: Call back: tomorrow}`` had been the hint for
    ``- note: message: Call back: tomorrow``, and YAML refused the hint too."""
    written = value_in_braces(key, value)
    return quoted(value) if written is None else written


_TEXT_START = re.compile(r"[^\s#\-\[\]{}%&*!|>?@`,]")
"""The first character of a line of plain text (``Acme backup plan``): not one that starts an
item, brackets, a comment or a line of YAML's own. It alone is read: a pattern that read the
rest of the line as well, matching any text, had tried each column of a long run of blanks
against the line's end (40 KB of blanks took 18 s; found by review)."""


def _title_of_a_key(key: str, line: str) -> bool:
    """Whether a first line that starts with a key of the language is a title all the same
    (``plan for Acme``, ``Rules for late orders``): the key holds a mapping or a list, and
    words follow it, which it can never hold. It had been told "`plan` has no `:` after it",
    with `plan: for Acme` to write, which the schema then refuses (found by review)."""
    rest = line.strip()[len(key) :].lstrip()
    holds_more = is_action(key) or key in ("rules", "cases")
    return holds_more and _LETTER.match(rest) is not None


_LETTER = re.compile(r"[^\W\d_]")

_FIRST_WORD = re.compile(r"[\w-]+")


def text_line_above_keys(
    lines: list[str], place: Any, kind: str = "plan"
) -> tuple[str, str, Any] | None:
    """For a line of text at the top of the file, above its first key (a title, ``Acme backup
    plan``, then ``backplan: 1``): YAML reads the two lines as one text and fails at the key's
    `: `, or further on after a comment between them. Told at the text, with its removal or
    its `#`. A first line that starts with a key of the language (``backplan 1``) is told as
    that key without its colon (:func:`colon_left_out_of_key`), or not at all. None when the
    file's first line (not blank, a comment or ``---``) is no such line, or is not above
    ``place``, or the next such line is no key at the line's start. ``kind``: what the file is
    (:data:`~engine.yamlsyntax.problem.FileKind`), named in the message."""
    written = (  # a `---` line above is passed over (after comments, it had hidden the title:
        # found by review)
        n
        for n, line in enumerate(lines)
        if line.strip() and line.lstrip()[:1] != "#" and not DOCUMENT_START.match(line)
    )
    content = list(islice(written, 2))  # the first two: the file may be long
    if len(content) < 2 or content[0] >= place.line:
        return None
    first, second = lines[content[0]], lines[content[1]]
    key = KEY_AT.match(second)
    if not _TEXT_START.match(first) or not _LETTER.search(first) or ": " in first:
        return None  # (a number alone, `0`, is no title: a key's `:` is more likely left out)
    word = _FIRST_WORD.match(first.lstrip())
    if word is not None and is_key(word[0]) and not _title_of_a_key(word[0], first):
        # `backplan 1`: a key with its `:` left out, no title (its removal had been hinted,
        # the plan's first line: found by review)
        return colon_left_out_of_key(lines, Place(content[0], indent_of(first)))
    if first.rstrip().endswith(":"):
        return None
    if key is None or key[1]:  # (the parser stops at the key's `: ` or after it: never above)
        return None
    text = as_written(first.split(" #")[0].strip())
    return (
        f"`{text}` is not a key: {FILE_NAMED[kind]}'s lines are keys and their values",
        f"remove the line, or start it with `# ` to keep it as a comment: `# {text}`",
        Place(content[0], 0),
    )


_EQUALS = re.compile(r"[ \t]*([\w.-]+|\"[^\"\n]*\")[ \t]*=[ \t]*[^\s=]")
"""The start of a line of a TOML or INI file, ``backplan = 1``: a key, `=`, a value (its
start alone is read: a pattern to the line's end tries each blank of a long run)."""
_SECTION = re.compile(r"[ \t]*(\[\[?)[ \t]*([\w.-]+)[ \t]*\]\]?[ \t]*$")
"""A TOML or INI section, ``[plan]``, or an array of tables, ``[[rules]]``."""


def equals_for_colons(first: str, rest: list[str], kind: str = "plan") -> tuple[str, str] | None:
    """What is said of a plan written as a TOML or INI file (``backplan = 1``, ``[plan]``,
    ``name = "Acme"``), from its first line that is not blank nor a comment, and the lines
    below it: YAML read the file as one text, or stopped on a `[section]`, and it had been told
    "this file is not a plan" or, in the parser's words, "did not find expected <document
    start>" (found by review). None unless the first line is a key of the language with `=`
    (``backplan = 1``), or a section with such lines below it. ``kind``: what the file is
    (:data:`~engine.yamlsyntax.problem.FileKind`), named with the page that describes it."""
    equals = _EQUALS.match(first)
    section = _SECTION.match(first)
    if equals is not None:
        if not is_key(equals[1].strip('"')):
            return None
    elif section is None or not any(_EQUALS.match(line) for line in islice(rest, 50)):
        return None
    shown = as_written(first.strip())
    example = " (`backplan: 1`)" if kind != "event" else ""  # no key of an event
    see = f"; see {FILE_DOCS[kind]}" if FILE_DOCS[kind] else ""
    return (
        f"`{shown}` is written as in a TOML or INI file: {FILE_NAMED[kind]} is written in YAML, "
        "where a key is followed by a colon",
        f"write each `key = value` as `key: value`{example}, and each `[section]` as "
        f"`section:` with its keys under it, indented by two spaces{see}",
    )
