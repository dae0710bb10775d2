"""The handlers for mistakes in the layout of keys and list items: a colon, a dash or an
indentation out of place.

Each handler is tried by :data:`engine.yamlsyntax.dispatch.HANDLERS`, in its order, and says
one mistake (with its fix) or None when the error is not that mistake. Handlers of one parser
message are tried one after the other, and the last of them always answers, so the message's
mistakes are told in the order written here.
"""

from __future__ import annotations

import re

from engine.model import ACTION_TYPES
from engine.slips import as_written, unindented_block_text
from engine.slips.lists import an_action_type
from engine.yamlsyntax.closers import words_after_value
from engine.yamlsyntax.directives import directive_refused, frame_line_above
from engine.yamlsyntax.indentation import (
    first_key_too_far_in,
    key_above_less_indented,
    key_after_a_text,
    key_between_a_key_and_its_items,
)
from engine.yamlsyntax.keys import (
    NO_SPACE_AFTER_KEY,
    colon_left_out_of_key,
    equals_for_colons,
    glued_key,
    key_and_value_without_colon_above,
    key_without_colon_above,
    key_without_space_above,
    keys_without_braces,
    settings_after_key,
    text_line_above_keys,
    value_in_braces,
)
from engine.yamlsyntax.lines import ITEM_KEY_AT, KEY_AT, Place, char_at, indent_of, line_above
from engine.yamlsyntax.lists import (
    action_without_dash,
    dash_without_space,
    first_item_without_dash,
    glued_item_above,
    inside_an_item,
    item_above,
    item_after_key,
    list_beside,
    settings_below,
)
from engine.yamlsyntax.problem import Explanation, ParserProblem
from engine.yamlsyntax.texts import (
    block_text_left_of_its_first_line,
    plain_text_quoted,
    text_going_on,
    text_with_a_colon_quoted,
)
from engine.yamlsyntax.vocabulary import rule_keys, side_by_side

_NO_KEY = "did not find expected key"

_NO_DASH = "did not find expected '-' indicator"

_KEY = re.compile(r"\s*([\w-]+):")


def _colon_of_its_key(said: ParserProblem) -> bool:
    """Whether a `: ` the parser refused ends the line's own key (``title: Sorry`` further in
    than it may be): the key is what is out of place, not the colon."""
    return said.colon_not_allowed and ": " not in said.line[: said.column]


def _colon_in_its_value(said: ParserProblem) -> bool:
    """Whether a `: ` the parser refused is in a value, after the line's own key."""
    return said.colon_not_allowed and ": " in said.line[: said.column]


def written_as_toml(said: ParserProblem) -> Explanation | None:
    """A plan written as a TOML or INI file (``[plan]``, then ``name = "Acme"``): told at its
    first line, whatever the parser stopped on."""
    lines = said.lines
    first = next((n for n, line in enumerate(lines) if line.strip()[:1] not in ("", "#")), None)
    if first is None:  # pragma: no cover - a file of comments alone parses
        return None
    told = equals_for_colons(said.lines[first], said.lines[first + 1 :], said.kind)
    if told is None:
        return None
    return told[0], told[1], Place(first, indent_of(said.lines[first]))


def text_above_the_first_key(said: ParserProblem) -> Explanation | None:
    """A line of text at the top of the file, above the plan's first key (a title: ``Acme
    backup plan``, then ``backplan: 1``), which YAML reads with the key's line as one text."""
    if not said.colon_not_allowed and said.problem != "did not find expected <document start>":
        return None
    return text_line_above_keys(said.lines, said.place, said.kind)


def first_key_indented(said: ParserProblem) -> Explanation | None:
    """The file's first key indented (``  backplan: 1``, as a block copied from a page keeps
    its margin), then a key at a column left of it (``plan:``): YAML reads the first as a
    whole document and wants a new one at the second. It had been told in the parser's words,
    "did not find expected <document start>", with a hint to check the indentation and the
    quoting (found by review). Told at the first key."""
    here = KEY_AT.match(said.line)
    if said.problem != "did not find expected <document start>" or here is None:
        return None
    first = next(
        (n for n, line in enumerate(said.lines[: said.place.line]) if line.strip()[:1] not in "#"),
        None,
    )
    top = KEY_AT.match(said.lines[first]) if first is not None else None
    if first is None or top is None or len(top[1]) <= len(here[1]):
        return None
    upper, lower, below = as_written(top[2]), as_written(here[2]), said.place.line + 1
    beside = [  # the keys at the first's column below it: `plan:` under `  backplan: 1`
        (n, found[2])
        for n in range(first + 1, said.place.line)
        if (found := KEY_AT.match(said.lines[n])) is not None and found[1] == top[1]
    ]
    if not beside:
        told = f"`{upper}:` is indented more than `{lower}:` on line {below}, the next key"
        return (
            f"{told} of the same mapping",
            f"indent `{upper}:` to column {len(here[1]) + 1}, like `{lower}:`",
            Place(first, len(top[1])),
        )
    last, name = beside[-1]
    return (
        f"`{upper}:` and the keys beside it, to `{as_written(name)}:` on line {last + 1}, are "
        f"indented more than `{lower}:` on line {below}, a key of the same mapping",
        f"indent `{upper}:` and the keys beside it to column {len(here[1]) + 1}, like `{lower}:`",
        Place(first, len(top[1])),
    )


def text_at_its_block_key_column(said: ParserProblem) -> Explanation | None:
    """The lines of a block of text written at its key's column (``message: >-``, then
    ``Hi {customer.name}, sorry about your order.`` below ``message``): YAML takes the block
    as empty and the text as a key without its `: `, which had been told "this line has no
    `: ` after its key" (found by review). Told at the text's first line."""
    for place in (said.opened, said.place):
        if place is None:
            continue
        told = unindented_block_text(said.lines, place.line)
        if told is not None:
            first = told[2]
            line = said.lines[first]
            return told[0], told[1], Place(first, len(line) - len(line.lstrip()))
    return None


def key_slip_above(said: ParserProblem) -> Explanation | None:
    """A key above out of place: written without its `:` (``- escalate`` then
    ``to: cx-lead``), without the blank after it (``within:1h``), or less indented than this
    one (``within: 1h`` lined up with its action, then ``message:`` under it)."""
    if not _colon_of_its_key(said):
        return None
    return (
        key_without_colon_above(said.lines, said.place)
        or key_and_value_without_colon_above(said.lines, said.place)
        or key_without_space_above(said.lines, said.place)
        or key_above_less_indented(said.lines, said.place)
    )


def colon_in_a_text_over_lines(said: ParserProblem) -> Explanation | None:
    """A line going on a text begun above (``message: Please call`` then ``today: noon``
    further in), or a key meant beside the key of a one-line text above it (``- id: bad``
    then ``title:`` further in)."""
    going_on = text_going_on(said.lines, said.place) if _colon_of_its_key(said) else None
    if going_on is None:
        return None
    return key_after_a_text(said.lines, said.place) or (
        "a `: ` inside a text that goes on over several lines",
        "put the whole text in quotes, or write it as a block: "
        f"`{as_written(going_on)}: >-`, "
        "then the text on the lines below it",
        said.place,
    )


def key_indented_further(said: ParserProblem) -> Explanation | None:
    """A key further in than the line above it, for none of the reasons above (``- a``, then
    ``currency: USD`` under the ``a``)."""
    if not _colon_of_its_key(said):
        return None
    return (
        "this line is indented more than the key above it",
        "line its key up with the keys above it",
        said.place,
    )


def keys_on_one_line(said: ParserProblem) -> Explanation | None:
    """Several keys on one line without braces (``- field: rating, lte: 2``)."""
    in_braces = keys_without_braces(said.line, said.column) if _colon_in_its_value(said) else None
    if in_braces is None:
        return None
    return (
        "several keys on one line, without braces: YAML reads the first key's value "
        "on to the next `: `",
        f"put them in braces, `{in_braces}`, or write each key on its own line",
        said.place,
    )


def key_glued_to_its_value(said: ParserProblem) -> Explanation | None:
    """A key with no blank after its `:`, before a `: ` (``- compensate:{kind: voucher}``)."""
    glued = glued_key(said.line, said.column) if _colon_in_its_value(said) else None
    if glued is None:
        return None
    return (
        "a `: ` inside a value: a key before it has no space after its `:`",
        f"put a space after the colon: `{glued}`",
        said.place,
    )


def settings_in_a_value(said: ParserProblem) -> Explanation | None:
    """A key's settings on its line, without braces (``- apologize: within: 1h``)."""
    nested = settings_after_key(said.line) if _colon_in_its_value(said) else None
    if nested is None:
        return None
    return (
        "a `: ` inside a value: two keys on one line, the second in the first's value",
        f"put the settings in braces: `{nested}`, or each on a line of its own below, "
        "indented further",
        said.place,
    )


def colon_in_a_value(said: ParserProblem) -> Explanation | None:
    """A `: ` inside a text that is not quoted (``message: Note: call back``)."""
    if not _colon_in_its_value(said):
        return None
    own = text_with_a_colon_quoted(said.lines, said.place)
    return (
        "a `: ` inside a value",
        f"put the value in quotes: `{own}`"
        if own is not None
        else 'put the value in quotes, such as `message: "Note: call back"`',
        said.place,
    )


def colon_left_out(said: ParserProblem) -> Explanation | None:
    """A key with no `: ` after it (``within:1h``), or a list item glued to its `-`
    (``-cold``), where the parser wanted a `:`."""
    if said.problem != "could not find expected ':'" or said.opened is None:
        return None
    return (
        dash_without_space(said.lines, said.opened)
        or colon_left_out_of_key(said.lines, said.opened)
        or (*NO_SPACE_AFTER_KEY, said.opened)
    )


def item_glued_above(said: ParserProblem) -> Explanation | None:
    """A first item glued to its `-` with a comment after it (``-late  # soon``), then the
    next item (``- cold``) where the parser wanted a key."""
    return glued_item_above(said.lines, said.place) if said.problem == _NO_KEY else None


def first_item_without_its_dash(said: ParserProblem) -> Explanation | None:
    """A list's first item without its ``- `` (``then:``, ``apologize: {}``, then
    ``- note: {message: hi}``), where the next item was a list where a key was expected."""
    if said.problem != _NO_KEY:
        return None
    return first_item_without_dash(said.lines, said.place, said.kind)


_LIST_KEYS = {
    "plan": " (such as `then:` or `prevent:` for actions, `all:` for tests)",
    "plan-test": " (such as `cases:` for cases, `actions:` or `matched:` for what a case expects)",
    "event": "",
}
"""The keys of lists a file of each kind holds, named in a hint: a plan-test file had been
told of `then:`, `prevent:` and `all:`, keys of a plan (found by review). An event's lists are
its own fields, none of which the hint can name."""


def list_without_its_key(said: ParserProblem) -> Explanation | None:
    """A list item where a key was expected: the list's key left out (``then:``), or the item
    out of line with its list."""
    if said.problem != _NO_KEY or not said.line.lstrip().startswith("- "):
        return None
    beside = list_beside(said.lines, said.place.line)
    keys = _LIST_KEYS[said.kind]
    return (
        "a list item (`- `) where a key was expected",
        f"this item is out of line with the list above it: {beside}; if it starts a list "
        f"of its own, add the list's key above it{keys}"
        if beside
        else f"if the list's key is missing from the line above{keys}, add it; if the item "
        "belongs to a list above, line its `-` up with that list's other items",
        said.place,
    )


def key_out_of_line(said: ParserProblem) -> Explanation | None:
    """A key the parser did not expect at its column: the key above without its colon before
    its value and a comment (``to shop-manager  # Tom``), or without the blank after
    its colon (``within:1h  # soon``), less indented, the mapping's first key too far in, or
    words after a quoted text (``message: "Sorry", we are late``)."""
    if said.problem != _NO_KEY:
        return None
    return (
        key_and_value_without_colon_above(said.lines, said.place)
        or key_without_space_above(said.lines, said.place)
        or key_above_less_indented(said.lines, said.place)
        or first_key_too_far_in(said.lines, said.place)
        or key_between_a_key_and_its_items(said.lines, said.place)
        or words_after_value(said.lines, said.place)
    )


def key_left_out(said: ParserProblem) -> Explanation | None:
    """A `: ` with no key before it (``: x``, ``- : oops``, a key's name deleted and its
    colon kept): YAML reads it as a key left empty where it wanted a key."""
    after = said.line[said.column + 1 : said.column + 2]
    if said.problem != _NO_KEY or char_at(said.lines, said.place) != ":" or after.strip():
        return None
    return (
        "this `:` has no key before it",
        "write the key's name before the `:` (`name: value`), or remove the line",
        said.place,
    )


def text_left_of_its_first_line(said: ParserProblem) -> Explanation | None:
    """A line of a block of text (``message: >-``) left of the text's first line, which set
    the block's column (``Hi Dana,`` at column 13, then ``your order`` at column 11)."""
    if said.problem != _NO_KEY:
        return None
    return block_text_left_of_its_first_line(said.lines, said.place)


def key_expected(said: ParserProblem) -> Explanation | None:
    """A key expected where the parser found none, for none of the reasons above
    (``name: "Acme"``, then ``x`` one column further in)."""
    if said.problem != _NO_KEY:
        return None
    return (
        "a key was expected here",
        "look at this line and the one above: a quote left open, or a line indented "
        "differently from the keys beside it, often causes this",
        said.place,
    )


def dash_or_colon_slip(said: ParserProblem) -> Explanation | None:
    """Where the parser wanted a list's next ``- ``: an item glued to its `-`
    (``-tag: {tags: [late]}``), or a key above without its `:` or the blank after it."""
    if said.problem != _NO_DASH:
        return None
    return (
        dash_without_space(said.lines, said.place)
        or key_without_colon_above(said.lines, said.place)
        or key_without_space_above(said.lines, said.place)
    )


def _key_beside_item(said: ParserProblem) -> tuple[str, tuple[int, int]] | None:
    """The key written where the parser wanted a list's next ``- ``, and the list item above
    it (its line and the column its keys start at), when there are both."""
    key = _KEY.match(said.line) if said.problem == _NO_DASH else None
    item = item_above(said.lines, said.place) if key is not None else None
    return None if key is None or item is None else (as_written(key[1]), item)


def action_without_its_dash(said: ParserProblem) -> Explanation | None:
    """An action at the column of the list's ``- `` without one (``compensate:`` under
    ``- apologize: {}``)."""
    beside = _key_beside_item(said)
    return None if beside is None else action_without_dash(said.lines, said.place, beside[1])


def rule_key_at_the_list_column(said: ParserProblem) -> Explanation | None:
    """A key of the rule (``prevent:``, ``title:``, ``priority:``...) written at the column of
    the ``- `` of its ``then:`` or ``prevent:`` list, under an action: it belongs two steps
    left, beside ``then:``. The hint had been to indent it under the action's settings, where
    it is refused as an unknown setting of the action, or to start a new item with it, so
    a manager who moved ``prevent:`` too far right was told no fix that works (found by
    review). None when the key may be a setting of an action (``tags``, of ``tag``), the item
    above is not a standard action (a custom one's settings may have any name), or the list
    is not a rule's list of actions."""
    beside = _key_beside_item(said)
    if beside is None or beside[0] not in rule_keys() or side_by_side(beside[0], "within"):
        return None
    named, (item_line, _) = beside
    item = ITEM_KEY_AT.match(said.lines[item_line])
    holder = line_above(said.lines, item_line + 1, deeper_than=said.place.column - 1)
    key = ITEM_KEY_AT.match(holder[1]) if holder is not None else None
    if not _settings_known(item, said.lines[item_line]) or holder is None or key is None:
        return None
    if key[2] not in ("then", "prevent") or len(key[1]) >= said.place.column:
        return None
    rule_start, written = _keys_of_the_rule(said.lines, holder[0], said.place.line, len(key[1]))
    if named in written and rule_start is not None:
        start_line = said.lines[rule_start]
        return (
            f"`{named}:` is at the column of the `- ` of the actions under `{key[2]}:`; "
            f"`{named}` is a key of the rule, which has one already, on line "
            f"{written[named] + 1}",
            f"if a new rule starts here, start it with `- ` at column {indent_of(start_line) + 1}"
            f", as the rule on line {rule_start + 1} does; if not, keep one `{named}:` of the "
            "two",
            said.place,
        )
    return (
        f"`{named}:` is at the column of the `- ` of the actions under `{key[2]}:`, but "
        f"`{named}` is a key of the rule, not of an action",
        f"move `{named}:` left to column {len(key[1]) + 1}, under `{key[2]}:` on line "
        f"{holder[0] + 1}, where the rule's other keys are",
        said.place,
    )


_ACTION_WORD = re.compile(r"( *- +)([\w-]+)[ \t]*(?:#.*)?$")
"""A list item that is one plain word, and a comment (``- apologize``)."""


def _settings_known(item: re.Match[str] | None, line: str) -> bool:
    """Whether the item above is an action whose settings cannot hold the key: a standard one
    (its settings are known), or one with its settings on its own line (``- x-crm: {}``,
    ``- {apologize: {}}``). Below ``- x-crm:`` alone any name may be one of its settings.
    Under ``- x-crm: {}``, ``prevent:`` had been hinted to be indented beside ``x-crm:``, an
    action of two keys, which the plan refuses (found by mutation testing). A standard action
    written as a word (``- apologize``) is one too: ``prevent:`` below it had been hinted to be
    indented "where that item's keys start", of a word that has none (found by review)."""
    if item is None:  # an action in braces (`- {apologize: {}}`) has its settings on its line
        word = _ACTION_WORD.match(line)
        return line.lstrip(" -").startswith("{") or (word is not None and word[2] in ACTION_TYPES)
    after = line[item.end() :].strip()
    custom = an_action_type(item[2]) and after != "" and not after.startswith("#")
    return item[2] in ACTION_TYPES or custom


def _keys_of_the_rule(
    lines: list[str], holder: int, below: int, column: int
) -> tuple[int | None, dict[str, int]]:
    """The line of the ``- `` that starts the rule whose key (``then:``) is on line
    ``holder``, at ``column`` (None if none is found), and the rule's keys at that column,
    above ``holder`` and below line ``below``, each by its line: moved left, a key the rule
    has already (its ``id:``, ``title:``, ``when:``) would be written twice (found by review)."""
    keys: dict[str, int] = {}
    start = None
    for numbers, upward in ((range(holder, -1, -1), True), (range(below + 1, len(lines)), False)):
        for number in numbers:
            line = lines[number]
            if not line.strip() or line.lstrip().startswith("#") or indent_of(line) > column:
                continue
            key = ITEM_KEY_AT.match(line)
            if key is None or len(key[1]) != column or ("-" in key[1] and not upward):
                break  # (below, a `- ` starts the next rule)
            keys.setdefault(as_written(key[2]), number)
            if "-" in key[1]:
                start = number
                break
    return start, keys


def setting_at_the_list_column(said: ParserProblem) -> Explanation | None:
    """A setting of an item's first key written at the column of the list's ``- ``
    (``- follow_up:``, ``    within: 2d``, then ``  owner: cx``)."""
    beside = _key_beside_item(said)
    settings = settings_below(said.lines, said.place, beside[1]) if beside is not None else None
    if beside is None or settings is None:
        return None
    named, (holder, first, column) = beside[0], settings
    holder, first = as_written(holder), as_written(first)
    under = f"under `{first}:`" if first else f"two spaces right of `{holder}:`"
    return (
        f"`{named}:` is at the column of the list's `- `, not of the item's keys",
        f"if `{named}` is a setting of `{holder}`, indent it to column {column + 1}, "
        f"{under}; start a new item with `- ` only if it is one",
        said.place,
    )


def setting_below_an_action_word(said: ParserProblem) -> Explanation | None:
    """A setting of an action written as a plain word (``- apologize``), at the column of the
    list's ``- `` below it (``within: 2h``). A word has no keys to line the setting up with: the
    hint to indent it "where that item's keys start" was followed by another error, as YAML
    reads the setting as more of the word's text (found by review). The manager meant the
    setting for the action: it is written on the action's line in braces, or below the action
    written with its colon. None when the key is no setting of that action (a custom action's
    settings may have any name)."""
    beside = _key_beside_item(said)
    meant = _setting_meant(said, beside[1][0]) if beside is not None else None
    if meant is None:
        return None
    named, action, hint = meant
    return (
        f"`{named}:` is at the column of the list's `- `, below `- {action}`, an action written "
        "as a word, with no keys to line it up with",
        hint,
        said.place,
    )


def setting_under_an_action_word(said: ParserProblem) -> Explanation | None:
    """A setting indented under an action written as a plain word (``- apologize``, then
    ``within: 2h`` under the word): YAML reads it as more of the word's text. Told as the
    ``line its key up with the keys above it`` of :func:`key_indented_further`, of a word with
    no keys, where the hint of :func:`setting_below_an_action_word` had sent the manager
    (found by review)."""
    above = line_above(said.lines, said.place.line) if _colon_of_its_key(said) else None
    meant = _setting_meant(said, above[0]) if above is not None else None
    if meant is None:
        return None
    named, action, hint = meant
    return (
        f"`{named}:` is indented under `- {action}`, an action written as a word, so YAML reads "
        "it as more of that word's text, where a `: ` cannot be",
        hint,
        Place(said.place.line, indent_of(said.line)),
    )


def _setting_meant(said: ParserProblem, item_line: int) -> tuple[str, str, str] | None:
    """For the key on the line of ``said`` and the action written as a word on line
    ``item_line`` (``- apologize``): the key and the action as written, and the hint writing
    the key as the action's setting, in braces on the action's line (its value there when it
    has one on its line) or below the action written with its colon. None when the line is no
    such action, or the key no setting of a standard action."""
    from engine.slips.settings import action_settings

    key = KEY_AT.match(said.line)
    word = _ACTION_WORD.match(said.lines[item_line])
    if key is None or word is None or not an_action_type(word[2]):
        return None
    if not _in_a_rule_s_actions(said.lines, item_line):
        return None
    if word[2] in ACTION_TYPES and key[2] not in action_settings(word[2]):
        return None
    named, action = as_written(key[2]), as_written(word[2])
    value = value_in_braces(key[2], said.line[key.end() :].partition(" #")[0].strip())
    inline = f"`- {action}: {{{named}: {value}}}`, or " if value is not None else ""
    return (
        named,
        action,
        f"if `{named}` is a setting of `{action}`, write {inline}`- {action}:` with `{named}:` "
        f"below it at column {len(word[1]) + 3}; start a new item with `- ` only if it is one",
    )


def _in_a_rule_s_actions(lines: list[str], item_line: int) -> bool:
    """Whether the list item on ``item_line`` is in a rule's list of actions, under ``then:``
    or ``prevent:`` (its ``- `` further in, or at that key's column). A tag named as an action
    (``tags:``, then ``- escalate``, then ``within: 1h`` at the column of its `- `) had been
    told as "an action written as a word" and hinted ``- escalate: {within: 1h}``, a tag the
    plan refuses (found by review)."""
    dash = indent_of(lines[item_line])
    above = line_above(lines, item_line, deeper_than=dash)
    while above is not None and indent_of(above[1]) == dash and above[1].lstrip()[:1] == "-":
        above = line_above(lines, above[0], deeper_than=dash)  # an item above in the same list
    key = ITEM_KEY_AT.match(above[1]) if above is not None else None
    return key is not None and key[2] in ("then", "prevent")


def key_at_the_list_column(said: ParserProblem) -> Explanation | None:
    """A key of the item above written at the column of the list's ``- ``
    (``- id: late``, then ``title: Late`` under the `-`)."""
    beside = _key_beside_item(said)
    if beside is None:
        return None
    named, item = beside
    return (
        f"`{named}:` is at the column of the list's `- `, not of the item's keys",
        f"if `{named}` belongs to the item above, indent it to column {item[1] + 1}, "
        "where that item's keys start; start a new item with `- ` only if it is one",
        said.place,
    )


def key_inside_an_item(said: ParserProblem) -> Explanation | None:
    """A line right of an item's ``- `` and left of its keys (``title:`` one space short of
    ``id:`` above it)."""
    return inside_an_item(said.lines, said.place) if said.problem == _NO_DASH else None


def item_expected(said: ParserProblem) -> Explanation | None:
    """A list's next ``- `` expected, for none of the reasons above (``- "a"``, then ``b``
    under the ``"a"``)."""
    if said.problem != _NO_DASH:
        return None
    return (
        "a list item (`- `) was expected here",
        "at this column the list's items start with `- `: start a new item with `- `, or "
        "indent this line under the item it belongs to",
        said.place,
    )


def block_end_expected(said: ParserProblem) -> Explanation | None:
    """Keys or items that do not line up, where the parser wanted a block to end (the Python
    scanner's words where libyaml says a key or a ``- `` was expected)."""
    if not said.problem.startswith("expected <block end>"):
        return None
    return (
        "the indentation does not line up",
        "indent the keys of one mapping, and the items of one list, to the same column",
        said.place,
    )


def item_on_its_key_line(said: ParserProblem) -> Explanation | None:
    """A list's first ``- `` on its key's line (``tags: - vip``); after more than a plain key
    (``"tags": - vip``, ``tags: &vip - vip``), said without the list's items, not in YAML's
    words ("block sequence entries are not allowed in this context")."""
    if said.problem != "block sequence entries are not allowed in this context":
        return None
    return item_after_key(said.lines, said.place) or (
        "a list's `- ` cannot follow other text on its line",
        "start each item on a line of its own below its key, with `- `",
        said.place,
    )


def alias_never_anchored(said: ParserProblem) -> Explanation | None:
    """A ``*name`` with no ``&name`` above it, usually a text starting with `*`
    (``message: *urgent call``); libyaml does not name it, so it is read from the line."""
    if not said.problem.startswith("found undefined alias"):
        return None
    name = re.match(r"\*([^\s,\[\]{}]*)", said.line[said.column :])
    alias = f"*{as_written(name[1])}" if name else "*"
    whole = plain_text_quoted(said.lines, said.place) or f'"{alias}"'
    return (
        f"`{alias}` refers to an anchor `&{alias[1:]}` that is not defined above",
        f"for text that starts with `*`, put the whole text in quotes (such as `{whole}`); "
        "for an alias, define the anchor before its first use",
        said.place,
    )


_INCOMPATIBLE = "found incompatible YAML document"


def directive_at_the_top(said: ParserProblem) -> Explanation | None:
    """A line at the top of the file that starts with `%`, a YAML directive YAML cannot read
    (``%YAML 2.0``, ``%FOO``, ``%YAML`` twice), or a key that starts with `%` (``%off: 10``)."""
    directive = "directive" in said.context or said.problem.startswith("found duplicate %")
    if not directive and said.problem != _INCOMPATIBLE:
        return None
    return directive_refused(said.lines, said.place, said.problem == _INCOMPATIBLE)


def document_ended_above(said: ParserProblem) -> Explanation | None:
    """A ``...`` line (the end of a YAML document) or a `%` line below the plan's first keys
    (``%YAML 1.2`` pasted in the middle), after which YAML wanted a new document."""
    if said.problem != "did not find expected <document start>":
        return None
    return frame_line_above(said.lines, said.place)
