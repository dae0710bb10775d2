"""The handlers for mistakes inside one value: a quote, a backslash, a character YAML reads as
its own, brackets that do not pair up.

Each handler is tried by :data:`engine.yamlsyntax.dispatch.HANDLERS`, in its order, and says
one mistake (with its fix) or None when the error is not that mistake. The words come from the
family modules (``quotes``, ``texts``, ``brackets``...); a handler only says when they apply.
"""

from __future__ import annotations

import re

from engine.slips import as_written, number_hint
from engine.slips.keys import number_keys
from engine.yamlsyntax.anchors import anchor_twice
from engine.yamlsyntax.backslashes import NO_ESCAPE, unknown_escape
from engine.yamlsyntax.brackets import (
    bracket_in_flow_text,
    comma_left_out,
    comma_left_out_after_brackets,
    comment_in_brackets,
    value_cut_in_braces,
)
from engine.yamlsyntax.closers import closer_in_braced_text, words_after_value
from engine.yamlsyntax.comments import (
    comment_after_a_value,
    comment_hint,
    comment_line_at,
    foreign_comment,
    written_as_json,
)
from engine.yamlsyntax.indentation import tab_indent_hint
from engine.yamlsyntax.lines import char_at, comment_start, line_above, line_of, unclosed_bracket
from engine.yamlsyntax.lists import dash_starting_flow_text, whole_amount_dash
from engine.yamlsyntax.problem import Explanation, ParserProblem
from engine.yamlsyntax.quotes import never_closed_hint, quote_inside_quotes, quote_left_open
from engine.yamlsyntax.texts import (
    BLOCK_SCALAR,
    KEY_BEFORE,
    braced_text,
    plain_text_quoted,
    text_end,
    text_starting_with,
)

_SIGNS = (
    "while scanning an alias",
    "while scanning an anchor",
    BLOCK_SCALAR,
    "while scanning a tag",
    "while parsing a tag",
)
"""What the parser was reading when a text starts with `*`, `&`, `|`, `>` or `!`."""


def several_documents(said: ParserProblem) -> Explanation | None:
    """A second document in the file: a ``---`` line below the first one's keys."""
    if "expected a single document" not in said.message:
        return None
    return "the file holds several YAML documents", "keep one document (no `---`)", said.place


def comment_written_as_in_json(said: ParserProblem) -> Explanation | None:
    """A comment written as JSON's cousins write one, ``//`` or ``/* ... */``
    (``{"backplan": 1, // our plan``): YAML reads it as a text and stops further on, at a place
    that says nothing of it. In a file written as JSON, from its start; in a YAML file, inside
    the brackets the parser was reading, at the start of the line it read as a key's text
    (or of the file's first line), or where it stopped after a value in brackets or quotes."""
    json = written_as_json(said.lines)
    if json or said.open_flow is not None:
        start = None if json or said.open_flow is None else said.open_flow[0]
        found = foreign_comment(said.lines, start, said.place)
    else:  # a line of YAML's blocks that starts with one, read as a key's text
        found = comment_line_at(said.lines, said.opened or said.place)
        found = found or comment_after_a_value(said.lines, said.place)
    if found is None:
        return None
    place, opener = found
    message, hint = comment_hint(opener, json, line_of(said.lines, place), place.column)
    return message, hint, found[0]


def anchor_named_twice(said: ParserProblem) -> Explanation | None:
    """One anchor on two values (``to: &Co`` on two lines), usually a text starting with `&`."""
    anchor = said.context.startswith("found duplicate anchor")
    if not anchor or said.opened is None:
        return None
    return anchor_twice(said.lines, said.place, said.opened)


def unknown_escape_in_quotes(said: ParserProblem) -> Explanation | None:
    """A backslash YAML knows no escape for, in double quotes (``"^WEB-\\d{6}$"``,
    ``"C:\\Users"``)."""
    if not said.problem.startswith(NO_ESCAPE):
        return None
    return unknown_escape(said.lines, said.place)


def quote_inside_a_quoted_text(said: ParserProblem) -> Explanation | None:
    """A quote inside a quoted text (``'We're sorry'``, ``"the "gold" tier"``), on the line of
    the error or on the line where what the parser was reading began."""
    places = (said.place, said.opened) if said.opened is not None else (said.place,)
    return quote_inside_quotes(said.lines, places)


def quote_never_closed(said: ParserProblem) -> Explanation | None:
    """A quoted text the file never closes (``message: "Sorry`` and no `"` after it)."""
    if not said.context.startswith("while scanning a quoted scalar") or said.opened is None:
        return None
    return (
        "this quoted text is never closed",
        never_closed_hint(said.lines, said.opened),
        said.opened,
    )


def quote_closed_lines_below(said: ParserProblem) -> Explanation | None:
    """A double-quoted text not closed on its own line (``message: "Sorry``): YAML reads on to
    the next `"`, lines below, and fails there. Told where the quote opened."""
    unclosed = quote_left_open(said.lines, said.place)
    if unclosed is None:
        return None
    return (
        f'this quoted text is not closed on its line, so YAML read on to the next `"` '
        f"(the error it then met is on line {said.place.line + 1})",
        'add the closing `"`; for text over several lines, use `|`',
        unclosed,
    )


def text_starting_with_a_field(said: ParserProblem) -> Explanation | None:
    """A text starting with a template's field, not in quotes
    (``message: {customer.first_name}, sorry``): YAML reads the `{` as a mapping's."""
    return braced_text(said.lines, said.opened or said.place) or braced_text(said.lines, said.place)


def text_starting_with_a_sign(said: ParserProblem) -> Explanation | None:
    """A text starting with a character YAML reads as its own: ``*urgent* call``,
    ``&Co. and sons``, ``|cold``, ``!!`` or ``!e!foo`` (a tag YAML cannot read); a list's item
    written after ``* `` (``* vip``)."""
    handle = said.problem == "found undefined tag handle"  # `!e!foo`: libyaml's context is a node
    if said.context not in _SIGNS and not handle:
        return None
    return text_starting_with(said.lines, said.opened)


def text_starting_with_a_question_mark(said: ParserProblem) -> Explanation | None:
    """A text starting with ``? `` (``title: ? cold``), which YAML reads as a key's mark."""
    if not said.problem.startswith("mapping keys are not allowed"):
        return None
    return text_starting_with(said.lines, said.place)


def words_after_a_value(said: ParserProblem) -> Explanation | None:
    """Words after a quoted text or a value in brackets (``message: "Sorry" he said``,
    ``message: [VIP] call now``)."""
    return words_after_value(said.lines, said.place)


def closer_inside_a_text(said: ParserProblem) -> Explanation | None:
    """A `}` or `]` inside a text in brackets (``{message: Sorry } for the wait}``)."""
    return closer_in_braced_text(said.lines, said.place)


def closer_never_opened(said: ParserProblem) -> Explanation | None:
    """A `]` or `}` that closes no bracket (``tags: [late, cold]]``, ``- apologize: {within:
    1h}}``): one typed twice. It had been told "a key was expected here", or "a list item
    where a key was expected" on an item's line (found by review)."""
    char = char_at(said.lines, said.place)
    if char not in ("]", "}") or unclosed_bracket(said.lines, said.place) is not None:
        return None
    line, column = said.line, said.column
    mended = (line[:column] + line[column + 1 :]).strip()
    return (
        f"this `{char}` closes no `{'[' if char == ']' else '{'}`",
        f"remove it: `{as_written(mended)}`" if mended else "remove it, and its line",
        said.place,
    )


def half_a_character(said: ParserProblem) -> Explanation | None:
    """A ``\\u`` escape that is half of a character (``"\\ud83d"``, a lone surrogate), in
    libyaml's words."""
    if "invalid Unicode character escape code" not in said.problem:
        return None
    return (
        "the text holds a `\\u` escape that is not a whole character (a lone surrogate?)",
        "write the character itself, or the whole character as one escape such as `\\U0001F600`",
        said.place,
    )


def tab_indentation(said: ParserProblem) -> Explanation | None:
    """A tab used to indent a line (``plan:``, then a tab before ``name: Acme``), in the Python
    scanner's words or libyaml's. The hint says how many spaces, read from the line above
    (:func:`~engine.yamlsyntax.indentation.tab_indent_hint`)."""
    if "'\\t'" not in said.problem and "tab character" not in said.problem:
        return None
    spaces = tab_indent_hint(said.lines, said.place.line)
    return (
        "a tab is used for indentation",
        "indent with spaces; YAML does not allow tabs" + (f": {spaces}" if spaces else ""),
        said.place,
    )


def reserved_first_character(said: ParserProblem) -> Explanation | None:
    """A value starting with a character YAML keeps for later use (``message: @acme hi``,
    a backquote)."""
    reserved = re.match(r"found character '(.)' that cannot start any token", said.problem)
    if not reserved:
        return None
    shown = "a backquote (`)" if reserved[1] == "`" else f"`{reserved[1]}`"
    whole = plain_text_quoted(said.lines, said.place)
    return (
        f"a value cannot start with {shown}",
        _percent_first(said)
        or (
            f"put the whole text in quotes: `{whole}`"
            if whole is not None
            else f'put the value in quotes, such as "{reserved[1]}acme"'
        ),
        said.place,
    )


def _percent_first(said: ParserProblem) -> str:
    """For a percentage written with its `%` first, where a number goes (``percent: %15``): the
    number, written as a number, ``percent: 15``; quoted, as it had been hinted
    (``percent: "%15"``), it is text, refused next (found by review). "" for any other value."""
    line = said.line
    key = KEY_BEFORE.search(line[: said.column])
    if line[said.column : said.column + 1] != "%" or key is None or key[1] not in number_keys():
        return ""
    rest = line[said.column + 1 : text_end(said.lines, said.place)].strip()
    return number_hint(f"{rest}%", key[1]) if rest else ""


def dash_starting_a_value_in_brackets(said: ParserProblem) -> Explanation | None:
    """A ``- `` where a value in brackets was due (``{message: - call now}``,
    ``{amount: 10,- CHF}``); the parser's mark is where the value was due."""
    if not said.context.startswith("while parsing a flow node"):
        return None
    return dash_starting_flow_text(said.lines, said.place) or whole_amount_dash(
        said.lines, said.place
    )


def colon_inside_a_value_in_braces(said: ParserProblem) -> Explanation | None:
    """A `: ` inside a value in braces: a `,` left out between two keys
    (``{field: rating lte: 2}``), else a text to quote (``{message: Note: check packaging}``);
    in square brackets (``[field: rating lte: 2]``) a text to quote, said to be in them."""
    cut = value_cut_in_braces(said.lines, said.place, said.problem)
    if cut is None:
        return None
    square = said.open_flow is not None and said.open_flow[1] == "[]"
    return comma_left_out(said.lines, cut, said.place) or (
        f"a `: ` inside a value in {'square brackets' if square else 'braces'}",
        f"put the value in quotes: `{cut.quoted()}`",
        said.place,
    )


def colon_before_a_comma_in_brackets(said: ParserProblem) -> Explanation | None:
    """A `:` just before a `,` or a closing bracket, in brackets: a key with nothing after its
    colon (``{field:, eq: late}``, ``{within:}``), or a text that ends with a colon
    (``{title: Note:, ...}``). libyaml said only "found unexpected ':'"."""
    if said.problem != "found unexpected ':'" or said.opened is None:
        return None
    line, start = said.line, said.opened.column
    written = as_written(line[start : said.column + 1])
    bracket = unclosed_bracket(said.lines, said.opened)
    braces = bracket is not None and char_at(said.lines, bracket) == "{"
    if braces and _after_a_brace_or_comma(said.lines, said.opened.line, line[:start]):
        return (
            f"`{written}` has nothing after its `:`",
            f"write its value after the colon and a blank (`{written} value`), or remove it",
            said.place,
        )
    whole = plain_text_quoted(said.lines, said.opened)
    return (
        "in brackets, a text cannot end with `:` before a `,` or a closing bracket",
        f"put the text in quotes: `{whole}`" if whole else "put the text in quotes",
        said.place,
    )


def _after_a_brace_or_comma(lines: list[str], number: int, before: str) -> bool:
    """Whether a text starting after ``before`` on line ``number`` is where a key starts in
    braces: after a `{` or a `,` on its line, or at the line's start after one ending the line
    above (braces carried over lines: ``field:,`` there had been told a text ending with `:`,
    found by review)."""
    before = before.rstrip(" \t")
    if not before and (above := line_above(lines, number)) is not None:
        before = above[1][: comment_start(above[1], 0)].rstrip(" \t")
    return before.endswith(("{", ","))


def comment_inside_brackets(said: ParserProblem) -> Explanation | None:
    """A `#` after a blank inside brackets (``{message: Check order #1234}``), which starts a
    comment that drops the closing bracket."""
    if said.open_flow is None:
        return None
    return comment_in_brackets(said.lines, said.open_flow[0], said.place)


def bracket_inside_a_text(said: ParserProblem) -> Explanation | None:
    """A `{` or `[` inside a plain text in brackets
    (``{message: Sorry {customer.first_name|there}}``)."""
    if said.open_flow is None:
        return None
    return bracket_in_flow_text(said.lines, said.open_flow[0], said.place)


def comma_left_out_after_inner_brackets(said: ParserProblem) -> Explanation | None:
    """A key right after brackets closed inside braces, without its `,`
    (``{params: {tone: warm} message: Sorry}``)."""
    if said.open_flow is None:
        return None
    return comma_left_out_after_brackets(said.lines, said.place)


def bracket_not_closed(said: ParserProblem) -> Explanation | None:
    """Brackets the parser was still reading when it stopped, for none of the reasons above
    (``{within: 1h`` and no `}`)."""
    if said.open_flow is None:
        return None
    opened, brackets = said.open_flow
    return (
        f"the `{brackets[0]}` opened on line {opened.line + 1} is not closed",
        f"close it with `{brackets[1]}`, and separate the items with commas",
        said.place,
    )
