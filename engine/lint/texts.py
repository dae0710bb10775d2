"""Lint checks of plain texts as YAML reads them: cut by a comment, holding a control
character, or pasted with typography.

A text written in a plan is not always the text YAML reads: a ``#`` after a space starts a
comment (``order #1234`` reads ``order``), ``"\\a"`` in double quotes is a bell, and a value
pasted from a word processor keeps its curly quotes and no-break spaces. Each check reads the
plan's texts (names, titles, messages, recipients, and the texts its conditions compare with)
and compares them with what the file writes, or with what a person typing would have meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine import escapes
from engine.checks import field_tests
from engine.documents import join_pointer, read_plan_text
from engine.errors import Diagnostic, PlanError, SourceLocation
from engine.lint.base import EQUALITY_OPS, WarningCheck, plan_texts, value_text, values_of
from engine.model import PlanModel
from engine.slips import quoted
from engine.typography import between_quotes, odd_space_or_invisible, wrapped_in_curly_quotes
from engine.wording import clip

if TYPE_CHECKING:
    from engine.loading import PlainText  # PyYAML: imported only when a file is read again


_GLUED_HASH = re.compile(r"[ \t]#\S")
"""A ``#`` after a space and right before a word: a file without one has no text to check."""
_COMMENT_AFTER = re.compile(r"([ \t]+)(#\S.*)")
"""What follows a plain text on its line, when it is such a comment: the gap, the comment."""
_COMMENT_BELOW = re.compile(r"#\S")
"""The comment lines below a plain text, when the first is glued to a word (``#12 first``)."""


class TextCutByComment(WarningCheck):
    """Text not in quotes cut short by a ``#`` after a space (``order #1234``): YAML reads the
    rest as a comment, so a message loses its end, or a test compares only the words before it
    and matches other events, without a word from YAML."""

    code = "text-cut-by-comment"
    description = (
        "Text not in quotes, cut short by a `#` right before a word (`order #1234`): YAML reads "
        "a `#` after a space as the start of a comment."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each text of the plan (condition values and each item of their lists too), read again as
        written in its file: the model holds no comments, and a file is parsed again only if it has
        a ``#`` glued to a word."""
        by_file: dict[str, list[tuple[str, str, str, str]]] = {}
        for holder, key, value, what in plan_texts(plan):
            pointer = join_pointer(holder.pointer, key)
            by_file.setdefault(holder.path, []).append((pointer, key, value, what))
        # a condition's text too: `eq: wrong #2` tests for `wrong`, and matches other events;
        # and each text of its list (`in: [CarePlus #17 Riverside]` tested for `CarePlus`, and
        # lint said nothing; found by review)
        for test, where in field_tests(plan):
            at = join_pointer(test.at.pointer, test.op)
            texts = by_file.setdefault(test.at.path, [])
            if isinstance(test.value, str):
                texts.append((at, test.op, test.value, f"the `{test.op}` test of {where}"))
            elif isinstance(test.value, (list, tuple)):
                texts.extend(
                    (
                        join_pointer(at, str(n)),
                        "",
                        item,
                        f"an item of the `{test.op}` test of {where}",
                    )
                    for n, item in enumerate(test.value)
                    if isinstance(item, str)
                )
        for path, texts in by_file.items():
            # How a value is written, and the comments, are not in the model: the file is
            # read again, and parsed only if it has a `#` glued to a word at all.
            try:
                text = read_plan_text(Path(path))
            except PlanError:
                continue
            if not _GLUED_HASH.search(text):
                continue
            from engine.loading import plain_texts  # PyYAML: only for such files

            plain = plain_texts(text, [pointer for pointer, *_ in texts])
            for pointer, key, value, what in texts:
                found = plain.get(pointer)
                cut = _cut(found) if found is not None else None
                if found is None or cut is None or found.value != value:
                    continue  # (a file changed since the plan was read is not judged)
                gap, comment, why = cut
                whole = quoted(value + gap + comment)
                shown = (
                    _written_out(key, whole, ": ", ", after ")
                    if key
                    else (f": `{whole}`" if len(whole) <= _MAX_HINT_TEXT else "")  # an item
                )
                yield self.found(
                    SourceLocation(path, found.line, found.column, pointer),
                    f"{what} reads only `{clip(value)}`: YAML takes `{clip(comment)}` "
                    f"for a comment ({why})",
                    f"put the whole text in quotes{shown}",
                )


_MAX_HINT_TEXT = 200
"""The longest text a hint writes out whole, in quotes, for the author to copy; a longer one
is only told where to quote (a hint is one line a person reads)."""


def _written_out(key: str, text: str, before: str, otherwise: str, closing: str = "") -> str:
    """The end of a hint that shows ``key: text`` for the author to copy (after ``before``), or,
    for a text over :data:`_MAX_HINT_TEXT` characters or over several lines, only where to put
    it (between ``otherwise`` and ``closing``): a hint is one line a person reads."""
    if len(text) <= _MAX_HINT_TEXT and "\n" not in text:
        return f"{before}`{key}: {text}`"
    return f"{otherwise}`{key}:`{closing}"


class ControlCharacterInText(WarningCheck):
    """A control character in a text a person reads, most often an escape of YAML's double
    quotes (``"\\a"`` is a bell, ``C:\\new`` a line break): it shows as nothing or a box, where a
    backslash was meant."""

    code = "control-character-in-text"
    description = (
        "A text a person reads holds a control character, such as the bell YAML makes of "
        '`"\\a"` in double quotes: it shows as nothing, or as a box, where a backslash was meant.'
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each text holding a control character, or a path's backslash read as a tab or a line
        break in double quotes, with the text written back as meant."""
        for holder, key, value, what in plan_texts(plan):
            char = escapes.control_character(value)
            path = _ESCAPED_PATH.search(value) if char is None else None
            if path is not None and not _double_quoted(holder.inside(key)):
                path = None  # a block or plain text's line breaks are meant as written
            if char is not None:
                said = (
                    f"{escapes.described(char)}, a control character that shows as nothing or "
                    "as a box"
                )
            elif path is not None:
                said = (
                    f"a {'tab' if path[2] == chr(9) else 'line break'} right after "
                    f"`{path[1]}`, what `{escapes.as_written(path[2])}` is in double quotes: a "
                    "path such as C:\\new reads as `C:` and a new line"
                )
            else:
                continue
            # a path's tabs and line breaks were backslashes too: written back as such (beside a
            # control character as well: "C:\folder and C:\new" holds both)
            in_path = path is not None or _ESCAPED_PATH.search(value) is not None
            written = escapes.text_as_written(value, line_breaks=in_path)
            single = escapes.single_quoted(written)
            example = _written_out(key, single, ", such as ", " (the text after ", ")")
            yield self.found(
                holder.inside(key),
                f"{what} holds {said}",
                f"{escapes.BACKSLASH_ADVICE}{example}; or remove the escape",
            )


_PASTED_CHECKED = frozenset({"message", "item", "to", "owner"})
"""The texts a person reads that ``pasted-typography`` looks at: a title or description in
quotes is only shown so."""


class PastedTypography(WarningCheck):
    """A value pasted from a document with its typography (curly quotes, a no-break or
    zero-width space): it is part of the text, so a test never equals what events hold, and a
    ``to`` names nobody the desk knows. A letter and its accent written as two characters is
    not told: texts are compared composed (``engine.textforms``), so it means what it looks."""

    code = "pasted-typography"
    description = (
        "A value pasted with typography: a condition's text, a recipient (`to`) or an owner "
        "in curly quotes (`“yelp”`), or holding a no-break or zero-width space; a message "
        "wholly in curly quotes. The quotes and spaces are part of the text."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each condition's text (a pattern aside: it may look for quotes) and each text a person
        reads, the first slip of a test enough to see it."""
        for test, where in field_tests(plan):
            if test.op == "matches":  # a pattern may look for quotes: `“[^”]+”`
                continue
            listed = isinstance(test.value, (list, tuple))
            said = (self._compared(t, test.op, listed, where, test.field) for t in values_of(test))
            found = next(filter(None, said), None)  # the first is enough to see the slip
            if found is not None:
                yield self.found(test.at.inside(test.op), *found)
        for holder, key, value, what in plan_texts(plan):
            found = self._read(value, key, what) if key in _PASTED_CHECKED else None
            if found is not None:
                yield self.found(holder.inside(key), *found)

    @staticmethod
    def _compared(
        text: Any, op: str, listed: bool, where: str, field: str
    ) -> tuple[str, str] | None:
        """A condition's text: the event's text must hold the same characters to match."""
        if not isinstance(text, str):
            return None
        what = f"the `{op}` test of {where} on `{field}` compares with `{clip(text)}`"
        if wrapped_in_curly_quotes(text):
            bare = between_quotes(text)
            written = f"write {quoted(bare)} in the list" if listed else f"`{op}: {quoted(bare)}`"
            return (
                f"{what}, in typographic quotes, which are part of the text: an event's "
                f"`{clip(bare)}` does not match it",
                f"leave the quotes out, or type straight ones: {written}",
            )
        odd = odd_space_or_invisible(text)
        if odd is None:  # (a letter and its accent apart is no slip: texts compare composed)
            return None
        if op in EQUALITY_OPS and text.strip() and odd_space_or_invisible(text.strip()) is None:
            return None  # only the blank around it: `blank-around-value` mends it, where this
            # check's hint (type it again with ordinary spaces) had left the blank it then told
        return (
            f"{what}, which holds {odd}: an event's text with an ordinary space there, or "
            "nothing, does not match it",
            "type the value again, with ordinary spaces",
        )

    @staticmethod
    def _read(text: str, key: str, what: str) -> tuple[str, str] | None:
        """A text a person reads: a recipient or owner is also matched by other systems."""
        if wrapped_in_curly_quotes(text):
            bare = between_quotes(text)
            return (
                f"{what} is `{clip(text)}`, in typographic quotes, which are shown as part "
                "of the text",
                f"leave the quotes out: `{key}: {quoted(bare)}`",
            )
        odd = odd_space_or_invisible(text) if key in ("to", "owner") else None
        if odd is None:
            return None
        return (
            f"{what} is `{clip(text)}`, which holds {odd}: a system that routes by it finds "
            "no one of that name",
            "type the name again, with ordinary spaces",
        )


_ESCAPED_PATH = re.compile(r"(\b[A-Za-z]:|\\[^\s\\]*)([\t\n\r])(?=[a-z])")
"""A tab or line break right after a drive (``C:``) or a part of a path that starts with a
backslash (``\\server``), before a small letter: a Windows path in double quotes
(``"C:\\new"``, ``"\\\\server\\new"``; a line that starts a sentence has a capital, as in
``"Q:\\nWhy late?"``); anywhere else a tab or line break may be meant."""


def _double_quoted(at: SourceLocation) -> bool:
    """Whether the value at ``at`` is written in double quotes, where a backslash is
    an escape (read from the file; False when it cannot be read)."""
    text = value_text(at)
    return text is not None and text.startswith('"')


def _cut(found: PlainText) -> tuple[str, str, str] | None:
    """Where a plain text is cut by a comment glued to a word: the gap before the comment (as
    the text would have it), the comment, and why YAML reads it as one; None when it is not.

    The comment is on the text's last line, or starts the next line, indented as the text's
    own lines go on (``Call the store`` then ``#12 first``): YAML ends the text at both.
    """
    same_line = _COMMENT_AFTER.fullmatch(found.after)
    if same_line is not None:
        gap, comment = same_line[1], same_line[2].rstrip(" \t")  # (a lazy `.*?` before
        # `[ \t]*` in the pattern tried every split: quadratic in the spaces after the `#`)
        return gap, comment, "a `#` after a space starts one"
    if _COMMENT_BELOW.match(found.below):
        return " ", found.below, "a `#` at the start of a line starts one"
    return None
