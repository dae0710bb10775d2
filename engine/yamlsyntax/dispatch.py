"""The entry point: which family of slips a YAML error is told as, and at which place.

:func:`explain_syntax_error` tries the helpers of each family in a fixed order, and the first
that recognises the slip wins, so the order is what decides the hint a manager gets (a quote
left open is tried before the indentation it upsets). It is kept in one function, here, so the
order can be read and changed in one place.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from engine.slips import as_written
from engine.yamlcompose import YAML_LINE_BREAK
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
from engine.yamlsyntax.indentation import (
    first_key_too_far_in,
    key_above_less_indented,
    key_after_a_text,
)
from engine.yamlsyntax.keys import (
    NO_SPACE_AFTER_KEY,
    glued_key,
    key_without_colon_above,
    key_without_space_above,
    keys_without_braces,
    settings_after_key,
)
from engine.yamlsyntax.lines import char_at, line_of, unclosed_bracket
from engine.yamlsyntax.lists import (
    action_without_dash,
    dash_starting_flow_text,
    dash_without_space,
    glued_item_above,
    inside_an_item,
    item_above,
    item_after_key,
    settings_below,
    whole_amount_dash,
)
from engine.yamlsyntax.quotes import never_closed_hint, quote_inside_quotes, quote_left_open
from engine.yamlsyntax.texts import (
    BLOCK_SCALAR,
    braced_text,
    plain_text_quoted,
    text_going_on,
    text_starting_with,
)

_INDENT_HINT = "check the indentation and quoting around this place"


def explain_syntax_error(exc: yaml.MarkedYAMLError, text: str = "") -> tuple[str, str, Any]:
    """PyYAML's parser words said for a person who writes plans, and the most telling place."""
    lines = YAML_LINE_BREAK.split(text)  # once: a file may be megabytes, and most helpers read it
    problem = exc.problem or exc.context or "invalid YAML"
    context = exc.context or ""
    place: Any = exc.problem_mark or exc.context_mark
    opened: Any = exc.context_mark
    if problem == "found character that cannot start any token" and place is not None:
        # libyaml does not name the character; the Python scanner does, and the advice needs it.
        line = line_of(lines, place)
        if place.column < len(line):
            problem = f"found character {line[place.column]!r} that cannot start any token"
    if "expected a single document" in str(exc):
        return "the file holds several YAML documents", "keep one document (no `---`)", place
    if context.startswith("found duplicate anchor") and place is not None and opened is not None:
        return anchor_twice(lines, place, opened)
    if problem.startswith(NO_ESCAPE):  # `"^WEB-\d{6}$"`, `"C:\Users"`
        return unknown_escape(lines, place)
    inside = quote_inside_quotes(lines, (place, opened) if opened is not None else (place,))
    if inside is not None:
        return inside
    if context.startswith("while scanning a quoted scalar") and opened is not None:
        return "this quoted text is never closed", never_closed_hint(lines, opened), opened
    unclosed = quote_left_open(lines, place)
    if unclosed is not None and place is not None:
        return (
            f'this quoted text is not closed on its line, so YAML read on to the next `"` '
            f"(the error it then met is on line {place.line + 1})",
            'add the closing `"`; for text over several lines, use `|`',
            unclosed,
        )
    braced = braced_text(lines, opened or place) or braced_text(lines, place)
    if braced is not None:
        return braced
    if context in ("while scanning an alias", "while scanning an anchor", BLOCK_SCALAR):
        told = text_starting_with(lines, opened)  # `*urgent* call`, `&Co. and sons`, `|cold`
        if told is not None:
            return told
    if problem.startswith("mapping keys are not allowed"):
        told = text_starting_with(lines, place)  # `title: ? cold`
        if told is not None:
            return told
    words_after = words_after_value(lines, place)
    if words_after is not None:  # `message: "Sorry" he said`, `message: [VIP] call now`
        return words_after
    cut_short = closer_in_braced_text(lines, place)
    if cut_short is not None:  # `{message: Sorry } for the wait}`
        return cut_short
    if "invalid Unicode character escape code" in problem:  # libyaml's words for it
        return (
            "the text holds a `\\u` escape that is not a whole character (a lone surrogate?)",
            "write the character itself, or the whole character as one escape such as "
            "`\\U0001F600`",
            place,
        )
    if "'\\t'" in problem or "tab character" in problem:  # Python's scanner, then libyaml
        return (
            "a tab is used for indentation",
            "indent with spaces; YAML does not allow tabs",
            place,
        )
    reserved = re.match(r"found character '(.)' that cannot start any token", problem)
    if reserved:
        shown = "a backquote (`)" if reserved[1] == "`" else f"`{reserved[1]}`"
        whole = plain_text_quoted(lines, place)  # `message: @acme hi`
        return (
            f"a value cannot start with {shown}",
            f"put the whole text in quotes: `{whole}`"
            if whole is not None
            else f'put the value in quotes, such as "{reserved[1]}acme"',
            place,
        )
    if context.startswith("while parsing a flow node"):  # the mark is where a value was due
        dash = dash_starting_flow_text(lines, place) or whole_amount_dash(lines, place)
        if dash is not None:  # `{message: - call now}`, `{amount: 10,- CHF}`
            return dash
        opened = unclosed_bracket(lines, place) or opened
        braces = opened is not None and char_at(lines, opened) == "{"
        context = "while parsing a flow " + ("mapping" if braces else "sequence")
    cut = value_cut_in_braces(lines, place, problem)
    if cut is not None:  # `{field: rating lte: 2}`, `{message: Note: check packaging}`
        return comma_left_out(lines, cut, place) or (
            "a `: ` inside a value in braces",
            f"put the value in quotes: `{cut.quoted()}`",
            place,
        )
    if context.startswith("while parsing a flow") and opened is not None:
        commented = comment_in_brackets(lines, opened, place)
        if commented is not None:  # `{message: Check order #1234}`
            return commented
        bracketed = bracket_in_flow_text(lines, opened, place)
        if bracketed is not None:  # `{message: Sorry {customer.first_name|there}}`
            return bracketed
        comma = comma_left_out_after_brackets(lines, place)
        if comma is not None:  # `{params: {tone: warm} message: Sorry}`
            return comma
        brackets = "{}" if "mapping" in context else "[]"
        return (
            f"the `{brackets[0]}` opened on line {opened.line + 1} is not closed",
            f"close it with `{brackets[1]}`, and separate the items with commas",
            place,
        )
    if problem in (
        "mapping values are not allowed here",  # the Python scanner's words
        "mapping values are not allowed in this context",  # libyaml's
    ):
        line = line_of(lines, place)
        if ": " not in line[: place.column if place is not None else 0]:
            # The colon ends this line's own key: the key is what is out of place.
            told = (
                key_without_colon_above(lines, place)
                or key_without_space_above(lines, place)
                or key_above_less_indented(lines, place)
            )
            if told is not None:
                return told
            going_on = text_going_on(lines, place)  # `message: Please call` ... `today: noon`
            if going_on is not None:
                key_too_far = key_after_a_text(lines, place)
                if key_too_far is not None:  # `- id: bad-review` then `    title: ...` further in
                    return key_too_far
                return (
                    "a `: ` inside a text that goes on over several lines",
                    "put the whole text in quotes, or write it as a block: "
                    f"`{as_written(going_on)}: >-`, "
                    "then the text on the lines below it",
                    place,
                )
            return (
                "this line is indented more than the key above it",
                "line its key up with the keys above it",
                place,
            )
        in_braces = keys_without_braces(line, place.column if place is not None else 0)
        if in_braces is not None:  # `- field: rating, lte: 2`
            return (
                "several keys on one line, without braces: YAML reads the first key's value "
                "on to the next `: `",
                f"put them in braces, `{in_braces}`, or write each key on its own line",
                place,
            )
        column = place.column if place is not None else 0
        glued = glued_key(line, column)
        if glued is not None:  # `- compensate:{kind: voucher, amount: 10}`
            return (
                "a `: ` inside a value: a key before it has no space after its `:`",
                f"put a space after the colon: `{glued}`",
                place,
            )
        nested = settings_after_key(line, column)
        if nested is not None:  # `- apologize: within: 1h`
            return (
                "a `: ` inside a value: two keys on one line, the second in the first's value",
                f"put the settings in braces: `{nested}`, or each on a line of its own below, "
                "indented further",
                place,
            )
        return (
            "a `: ` inside a value",
            'put the value in quotes, such as `message: "Note: call back"`',
            place,
        )
    if problem == "could not find expected ':'" and opened is not None:
        return dash_without_space(lines, opened) or (*NO_SPACE_AFTER_KEY, opened)
    if problem == "did not find expected key":
        if glued_first := glued_item_above(lines, place):  # `-late  # soon`, `- cold`
            return glued_first
        if line_of(lines, place).lstrip().startswith("- "):
            # A list where a key was expected: the key of the list is missing (`then:`).
            return (
                "a list item (`- `) where a key was expected",
                "if the list's key is missing from the line above (such as `then:` or "
                "`prevent:` for actions, `all:` for tests), add it; if the item belongs to a "
                "list above, line its `-` up with that list's other items",
                place,
            )
        told = (
            key_without_space_above(lines, place)
            or key_above_less_indented(lines, place)
            or first_key_too_far_in(lines, place)
            or words_after_value(lines, place)  # `message: "Sorry", we are late`
        )
        if told is not None:  # `within:1h  # soon`, the comment ending its text
            return told
        return (
            "a key was expected here",
            "look at this line and the one above: a quote left open, or a line indented "
            "differently from the keys beside it, often causes this",
            place,
        )
    if problem == "did not find expected '-' indicator":
        told = (
            dash_without_space(lines, place)  # `-tag: {tags: [late]}` in a list of actions
            or key_without_colon_above(lines, place)
            or key_without_space_above(lines, place)
        )
        if told is not None:
            return told
        key = re.match(r"\s*([\w-]+):", line_of(lines, place)) if place is not None else None
        item = item_above(lines, place) if key is not None else None
        named = as_written(key[1]) if key is not None else ""
        unmarked = action_without_dash(lines, place, item) if item is not None else None
        if unmarked is not None:  # `compensate:` under `- apologize: {}`, without its `- `
            return unmarked
        settings = settings_below(lines, place, item) if item is not None else None
        if key is not None and settings is not None:
            holder, first, column = settings
            holder, first = as_written(holder), as_written(first)
            under = f"under `{first}:`" if first else f"two spaces right of `{holder}:`"
            return (
                f"`{named}:` is at the column of the list's `- `, not of the item's keys",
                f"if `{named}` is a setting of `{holder}`, indent it to column {column + 1}, "
                f"{under}; start a new item with `- ` only if it is one",
                place,
            )
        if key is not None and item is not None:
            return (
                f"`{named}:` is at the column of the list's `- `, not of the item's keys",
                f"if `{named}` belongs to the item above, indent it to column {item[1] + 1}, "
                "where that item's keys start; start a new item with `- ` only if it is one",
                place,
            )
        told = inside_an_item(lines, place)  # `title:` one space short of `id:` above it
        if told is not None:
            return told
        return (
            "a list item (`- `) was expected here",
            "at this column the list's items start with `- `: start a new item with `- `, or "
            "indent this line under the item it belongs to",
            place,
        )
    if problem.startswith("expected <block end>"):
        return (
            "the indentation does not line up",
            "indent the keys of one mapping, and the items of one list, to the same column",
            place,
        )
    if problem == "block sequence entries are not allowed in this context":
        told = item_after_key(lines, place)
        if told is not None:
            return told
    if problem.startswith("found undefined alias"):  # libyaml does not name it: read it
        column = place.column if place is not None else 0
        name = re.match(r"\*([^\s,\[\]{}]*)", line_of(lines, place)[column:])
        alias = f"*{as_written(name[1])}" if name else "*"
        whole = plain_text_quoted(lines, place) or f'"{alias}"'  # `message: *urgent call`
        return (
            f"`{alias}` refers to an anchor `&{alias[1:]}` that is not defined above",
            f"for text that starts with `*`, put the whole text in quotes (such as `{whole}`); "
            "for an alias, define the anchor before its first use",
            place,
        )
    return problem, _INDENT_HINT, place
