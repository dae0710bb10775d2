"""What a manager wrote, read back from its file and quoted back in a hint.

YAML keeps the value, not how it was written (``1.50`` is 1.5, ``0044123`` is 44123), and
every family of hints reads the line again for that, then quotes the author's own words back:
cut to a readable length (:data:`QUOTED_AT_MOST`, :data:`LISTED_AT_MOST`), in quotes where YAML
would read them otherwise (:func:`flow`). Those readers and writers are here, with
:class:`Written`, the document one validation reads, so that each family takes them from one
place and they quote alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from engine.documents import LoadedDocument, join_pointer, pointer_tokens
from engine.errors import SourceLocation, shown_text
from engine.fields import lookup
from engine.locations import lines_from


class Written:
    """A loaded document as the hints of one validation read it: the value at a pointer, and the
    plain scalar there as its file writes it (the base of :class:`~engine.slips.Slips`)."""

    def __init__(self, document: LoadedDocument, schema: str = "plan") -> None:
        self.document = document
        self.schema = schema
        """The shipped schema the document is validated against (``plan``, ``plantest``)."""

    def _at(self, pointer: str) -> Any:
        return lookup(self.document.data, tuple(pointer_tokens(pointer)))

    def written(self, pointer: str) -> str:
        """The plain scalar at ``pointer`` as it is written in the file ("" when it cannot be
        read back there)."""
        place = self.document.locate(pointer)
        line = line_at(place)
        found = _BARE_SCALAR.match(line, max(place.column - 1, 0))
        return "" if found is None else found[0]

    def unindented_text(self, name: str, pointer: str, where: str) -> tuple[str, str] | None:
        """For an unknown key ``name`` at ``pointer`` that is a line of a block of text written
        at its key's column (``message: >-``, then ``Hi {customer.name}, sorry: we are on
        it.`` below ``message``): the message and hint of :func:`unindented_block_text`, or
        ("", "") for a line after the text's first (told once, there); None for any other
        key, and below a first line that reads as a key (see :func:`unindented_block_text`)."""
        place = self.document.locate(join_pointer(pointer, name), key=True)
        lines = list(lines_from(place.path, 1)) if place.line else []
        told = unindented_block_text(lines, place.line - 1, where)
        if told is None:
            return None
        if told[2] != place.line - 1:
            return "", ""
        return told[:2]


_BARE_SCALAR = re.compile(r"[^\s\"'\[\]{},#&*!|>%@`][^,\[\]{}\n]*?(?=[ \t]*(?:[,\]}]|[ \t]#|$))")
"""A plain scalar as written on its line, from its first character to where flow or a
comment ends it (``0044123456`` in ``owner: 0044123456  # desk``)."""


ANCHOR = re.compile(r"&([^\s,\[\]{}#]+)")
"""An anchor as YAML reads one (``&Co``): `&` and its name, up to a blank, a comma, a bracket
or a comment."""


QUOTED_AT_MOST = 200
"""How much of a manager's value (a text, a key, a name) a diagnostic quotes; a longer one is
cut with an ellipsis (:func:`engine.wording.clip`). A hint that wrote out a 100 KB text put
where a duration belongs was 100 KB, unreadable in a terminal; and the hint of each key the
commas of a text made quoted the text up to that key: a message cut at K commas had its text
quoted K times, 39 KB of plan written out as 77 MB of hints."""


def as_written(text: str) -> str:
    """What the plan wrote (a value, a key, a name), as a diagnostic quotes it: at most
    :data:`QUOTED_AT_MOST` characters, then an ellipsis (:func:`engine.wording.clip`), and on
    one line: a line break or a control character in it is written as its escape
    (:func:`~engine.errors.shown_text`, as the test report writes a case name). A rule id
    ``"late\\n"`` had been quoted as it is, in rule `late⏎`, splitting its diagnostic over two
    lines, where a tool reads one ``FILE:LINE:COL: ...`` line per problem."""
    return shown_text(_clipped(text))


def _clipped(text: str) -> str:
    """At most :data:`QUOTED_AT_MOST` characters, the last an ellipsis when it was longer."""
    if len(text) > QUOTED_AT_MOST:
        from engine.wording import clip  # only for a long value: wording is slow to import

        return clip(text, QUOTED_AT_MOST)
    return text


def text_so_far(before: str, rest: Iterable[str]) -> str:
    """``before`` and the ``rest`` of the text after it joined by the commas that cut them,
    cut to :data:`QUOTED_AT_MOST` characters with an ellipsis; only the parts shown are joined."""
    parts, length = [before], len(before)
    for part in rest:
        if length > QUOTED_AT_MOST:
            break
        parts.append(part)
        length += 2 + len(part)
    return as_written(", ".join(parts))


LISTED_AT_MOST = 1_200
"""How many characters of a list a hint writes out in brackets: a list of a couple of hundred
short items is still a fix to copy; beyond it the hint shows its start and how many items it
has (20,000 short items written without brackets had made a hint of 80 KB)."""


def flow_list(items: list[Any], show: Callable[[Any], str] | None = None) -> str:
    """The list in flow style, and the closing backtick of its quote: its items up to
    :data:`LISTED_AT_MOST` characters, then `…` and how many items the whole list has. A
    plain word is the author's own, cut from what they wrote (``between: 1-2``), and is
    shown as they wrote it: `1` stays a number. ``show``: how to write each item instead
    (items read from the file's own text, in ``engine.yamlsyntax``)."""
    written, whole = bracketed(items, show)
    return f"{written}`" if whole else f"{written}` ({len(items):,} items in all)"


def bracketed(items: list[Any], show: Callable[[Any], str] | None = None) -> tuple[str, bool]:
    """The list in brackets as :func:`flow_list` writes it, without the backtick, and whether
    it is whole (not cut at :data:`LISTED_AT_MOST` characters, with `…`)."""
    shown: list[str] = []
    length = 0
    for item in items:
        plain = isinstance(item, str) and _PLAIN_WORD.fullmatch(item)
        text = show(item) if show else as_written(item) if plain else flow(item)
        length += len(text) + 2
        if shown and length > LISTED_AT_MOST:
            return f"[{', '.join(shown)}, …]", False
        shown.append(text)
    return f"[{', '.join(shown)}]", True


def written_in_quotes(document: LoadedDocument, pointer: str) -> bool:
    """Whether the value at ``pointer`` is written in quotes in its file (read again)."""
    return written_start(document, pointer) in ("'", '"')


def line_at(place: SourceLocation) -> str:
    """The line of its file ``place`` is on, as written there; "" when the place is unknown
    (line 0) or the file cannot be read again."""
    return next(lines_from(place.path, place.line), "") if place.line > 0 else ""


def written_start(document: LoadedDocument, pointer: str) -> str:
    """The first character of the value at ``pointer`` as its file has it (read again; "" when
    it cannot be read there): a quote, a bracket..."""
    place = document.locate(pointer)
    line = line_at(place)
    return line[place.column - 1 : place.column]


def written_as_key(document: LoadedDocument, pointer: str, name: str) -> bool:
    """Whether the key at ``pointer``, ``name``, is written with a `:` after it in the file
    (``compensation: null``), not as a word YAML made a key of at a comma (``platinum`` of
    ``{in: gold, platinum}``). A key in quotes (``"compensation": null``) is read to its
    closing quote: it had been taken for a word cut at a comma (found by review). Read in
    place on its line: the rest of the line had been copied for each key, and a list of
    40,000 words without brackets on one line took seconds to hint."""
    place = document.locate(pointer, key=True)
    line = line_at(place)
    start = place.column - 1
    if start < 0 or start >= len(line):
        return False
    if line[start] in "'\"":
        after = line.find(line[start], start + 1) + 1
    else:
        after = start + len(name) if line.startswith(name, start) else 0
    return after > start and colon_after(line, after)


def colon_after(text: str, at: int) -> bool:
    """Whether a key that ends at ``at`` of ``text`` has its `:` after it, blanks maybe
    between: without it, the key is what YAML made of the text after a comma in braces."""
    return _COLON_NEXT.match(text, at) is not None


_COLON_NEXT = re.compile(r"[ \t]*:")
"""A key's `:` after it, blanks maybe between."""


_READ_AS_OTHER = re.compile(
    r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|0[xob][0-9a-fA-F_]+"
    r"|(?i:true|false|null|yes|no|on|off|y|n)|~|\.(?i:inf|nan)"
)
"""Words YAML reads as a number, true/false or nothing (by either YAML 1.1 or 1.2)."""


_PLAIN_WORD = re.compile(r"[A-Za-z0-9_.-][A-Za-z0-9_.@-]*")
"""A word YAML reads without quotes (as text, or as the number or true/false it spells). Not
one that starts with `@`, which YAML keeps for itself and refuses to read: `@` and `@home`
had been written bare in hints, which pasted were YAML errors (found by a property test)."""


UNREAD = object()
"""What :func:`yaml_value` gives for text it does not read."""


def yaml_value(text: str, *, aliases: bool = True) -> Any:
    """``text`` as YAML reads it, for a hint that writes its items again; :data:`UNREAD` when
    YAML cannot read it, when it holds a tag (building ``!!int late`` raises ValueError, and
    ``!!bool maybe`` KeyError, which no hint expects: they had ended validation with an
    internal error) or, unless ``aliases``, an alias (written out, each would repeat its
    anchor's items). (PyYAML is loaded here, for a plan in error: a plan the fast reader takes
    never loads it.) A value of thousands of `{` or `[`, which PyYAML's reader nests as deep as
    they are many, is :data:`UNREAD` too: it had ended validation with an internal error
    (found by review)."""
    import yaml

    refused = (yaml.TagToken,) if aliases else (yaml.TagToken, yaml.AliasToken)
    try:
        if any(isinstance(token, refused) for token in yaml.scan(text, yaml.SafeLoader)):
            return UNREAD
        return yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError):  # thousands of `{` nest as deep: read as none
        return UNREAD


def flow(value: Any) -> str:
    """A value in YAML flow style, as a plan author would write it inline: text in quotes
    where YAML would read it otherwise (``"1"``, ``"true"``, ``"a: b"``)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):  # `0.0000001`, not Python's `1e-07`
        from engine.wording import show_number  # (for a number in a hint only)

        return show_number(value)
    if isinstance(value, str) and (
        not _PLAIN_WORD.fullmatch(value) or _READ_AS_OTHER.fullmatch(value)
    ):
        return quoted(value)

    return as_written(str(value))  # a word of 100 KB is no more readable in a hint


def flow_hint(value: Any) -> str:
    """:func:`flow` of ``value`` cut for a hint where no quote is left open: a text is cut
    inside its quotes (:func:`quoted` cuts before it quotes) and a list between its items
    (:func:`bracketed`); a mapping, rare in a hint, between its items too, each key and value
    cut on its own. ``as_written(flow(value))`` cut the whole after quoting: `{store: "<200
    characters>"}` was hinted `{field: store, eq: "SSS…}`, its closing quote lost, a hint that
    pasted was a YAML error (found by review); a mapping so cut, `{eq: {note: "<300
    characters>"}}` with no `field:`, lost its closing quote and brace (found by review)."""
    if isinstance(value, (list, tuple)):
        written, _ = bracketed(list(value))
        return written
    if isinstance(value, dict):
        written, _ = bracketed(list(value.items()), _key_and_item)
        return "{" + written[1:-1] + "}"
    return flow(value)


def _key_and_item(pair: tuple[Any, Any]) -> str:
    """A key and its value in a mapping of a hint, each cut on its own (:func:`flow_hint`)."""
    return f"{flow_hint(pair[0])}: {flow_hint(pair[1])}"


def quoted(text: str) -> str:
    """Text in YAML's double quotes, its `\\` and `"` escaped (``C:\\path`` unescaped is an
    error in double quotes), for a hint: cut to :data:`QUOTED_AT_MOST` characters first.

    A tab or line break in it is then written as its escape (:func:`as_written`), which YAML's
    double quotes read back as the character: escaped after, its backslash had been doubled,
    and `eq: "Site 12\\t"` was quoted ``"Site 12\\\\t"``, a backslash and a `t` to YAML."""
    escaped = _clipped(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + shown_text(escaped) + '"'


def key_and_value(key: str, value: str) -> str:
    """``key: value`` as a hint writes it, the value in quotes when YAML would read it
    otherwise than as written (``title: "[draft] bike late"``; a number stays a number): for
    the hints of a key written without its colon, or with `=` for it. A `|` or `>` alone
    begins a block of the lines below, read as no text: `name = |` had been hinted `name: |`,
    which names nothing (found by review).

    Key and value are cut each on its own (:data:`QUOTED_AT_MOST`): the two cut as one line
    lost a quoted value's closing quote, a name of 196 characters among them, and could end
    in half a doubled backslash (`"C:\\\\…`), a hint that pasted was a YAML error. A value
    with a tab is quoted: bare, its escape `\\t` is a backslash and a `t` to YAML."""
    read = yaml_value(f"{key}: {value}")
    meant = read.get(key) if isinstance(read, dict) else None
    kept = meant is not None and (meant != "" or value in ('""', "''"))
    kept = kept and shown_text(value) == value
    return f"{as_written(key)}: {as_written(value) if kept else quoted(value)}"


_BLOCK_START = re.compile(r"([ \t]*(?:-[ \t]+)?)([\w.-]+):[ \t]+([|>][-+0-9]*)[ \t]*(?:#.*)?$")
"""A key whose value is a block of text, its lines below (``message: >-``, ``- note: |``)."""
_ONE_WORD_KEY = re.compile(r"[ \t]*[\w.-]+:(?:[ \t]|$)")
"""A line that starts with a key of one word (``withn: 4h``, ``title: Late: very``)."""
_LINES_OF_TEXT_READ = 200
"""How far above a line its block's start is looked for: a text's lines, not a whole file."""


def unindented_block_text(
    lines: list[str], index: int, where: str = ""
) -> tuple[str, str, int] | None:
    """For the line at ``index`` (0-based) of ``lines``, a line of a block of text written no
    further in than its key (``message: >-``, then its text at ``message``'s column, each line
    between the same): the message, the hint, and the index of the text's first line, where
    it is told. YAML takes the block as empty and its lines as keys: it had been told
    "unknown key `Hi {customer.name}, sorry`", or a line with no `: ` after its key (found by
    review). ``where``: where in the plan the text is (`` in rule `late` (then › apologize)``).
    None when no such block starts above, or when the text's first line starts with a key of
    one word: a key below an empty text (``withn: 4h``, misspelt, or ``title: Late: very``,
    whose `: ` in its value had been told as a text to indent, not to quote: found by review);
    nor is a line below that key any text of the block's (it had been told nothing)."""
    line = lines[index] if 0 <= index < len(lines) else ""
    column = len(line) - len(line.lstrip())
    if not line.strip() or line.lstrip().startswith(("#", "- ")):
        return None
    first = index
    for above in range(index - 1, max(index - _LINES_OF_TEXT_READ, -1), -1):
        text = lines[above]
        if not text.strip():
            continue
        start = _BLOCK_START.match(text)
        if start is not None and len(start[1]) >= column:
            if _ONE_WORD_KEY.match(lines[first]):
                return None
            key, sign = start[2], start[3]
            return (
                f"the text below `{key}: {sign}`{where} is not indented further in than `{key}:`, "
                "so YAML reads its lines as keys",
                f"indent each line of the text to column {len(start[1]) + 3}, two spaces "
                f"further in than `{key}:`",
                first,
            )
        if len(text) - len(text.lstrip()) != column or text.lstrip().startswith(("#", "- ")):
            return None
        first = above
    return None
