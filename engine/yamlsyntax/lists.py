"""List items and their dashes: a `- ` on the line of its key (``tags: - vip``), a `-` without
its blank (``-cold``), text that starts with `- `, and a line between an item's `- ` and its
keys.

YAML's words for these ("block sequence entries are not allowed in this context", "did not
find expected key") say what the parser wanted, not which dash or column is out of place; the
fix depends on the list around the line (its other items, the column its keys start at), which
these helpers read.
"""

from __future__ import annotations

import re
from typing import Any

from engine.model import ACTION_TYPES
from engine.slips import (
    GLUED_DASH,
    an_action_type,
    as_written,
    block_items,
    flow,
    flow_list,
    glued_dash,
    number_hint,
    settings_indent_hint,
    text_keys,
)
from engine.yamlsyntax.lines import (
    HOLDER,
    ITEM_KEY_AT,
    KEY_AT,
    Place,
    indent_of,
    item_text,
    line_above,
    line_below,
    line_of,
)
from engine.yamlsyntax.texts import KEY_BEFORE, text_end, whole_text_quoted
from engine.yamlsyntax.vocabulary import is_key

_ITEM_AFTER_KEY = re.compile(r"( *(?:- +)?)([\w-]+):[ \t]+-[ \t]+")
"""A key with a list's first item on its own line (``tags: - vip``): the item starts at the
match's end."""
_ITEM_BELOW = re.compile(r"( *)-[ \t]+")
"""A list item on a line of its own (``  - gold``): the item starts at the match's end."""


def item_after_key(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a list's `- ` on the line of its key (``tags: - vip``): YAML's own words were "block
    sequence entries are not allowed in this context" (found by review). The items go below the
    key, or in brackets on its line: the one on the key's line, and those below it at the
    key's column (``  - gold``), each without a comment after it."""
    line = line_of(lines, place)
    found = _ITEM_AFTER_KEY.match(line)
    if found is None:
        return None
    items = [item_text(line, found.end())]
    column = len(found[1])
    for below in lines[place.line + 1 :]:
        item = _ITEM_BELOW.match(below)
        if item is None or len(item[1]) != column:
            break
        items.append(item_text(below, item.end()))
    if len(items) == 1 and found[2] in text_keys():  # `title: - cold pizza`: text, not a list
        return _dash_in_text(lines, Place(place.line, line.index("-", found.end(2))))
    key = as_written(found[2])
    listed = flow_list([item for item in items if item], _listed_item)  # (20,000 items below
    return (  # had made a hint of 60 KB: shown up to a limit, as every list in a hint is)
        f"a list's `- ` cannot follow `{key}:` on its line",
        f"write each item on a line of its own below `{key}:`, indented under it and starting "
        f"with `- `, or the list in brackets on this line: `{key}: {listed}",
        place,
    )


def _dash_in_text(lines: list[str], dash: Place) -> tuple[str, str, Any]:
    """For a text key's value that starts with `- ` (``title: - cold pizza``, the `-` at
    ``dash``): YAML reads a list's item there, and the hint had been to write the list in
    brackets, where the key takes text only (found by review). The whole text in quotes."""
    return (
        "text that starts with `- ` is read as a list's item, not as text",
        f"put the whole text in quotes: `{whole_text_quoted(lines, dash, text_end(lines, dash))}`",
        dash,
    )


def dash_without_space(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For an item of a block list written without the blank after its `-` (``- late`` then
    ``-cold``): YAML reads ``-cold`` as text, or as a key, where the list wanted its next
    item, and said a `: ` was missing (found by review). Only a `-` at the column of an item
    of the list above it is taken for one. A number (``-5``) may be meant below 0: the hint
    (:func:`engine.slips.glued_dash`) weighs it against the list's other items."""
    line = line_of(lines, place)
    glued = GLUED_DASH.match(line)
    if glued is None or item_above(lines, Place(place.line, len(glued[1]))) is None:
        return None
    column = len(glued[1])
    item = item_text(line, glued.end())
    others = block_items(reversed(lines[: place.line]), column)
    others += block_items(lines[place.line + 1 :], column)
    return (*glued_dash(item, others), Place(place.line, column))


def glued_item_above(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a list's item below a first item glued to its `-` with a comment after it (``in:``,
    ``-late  # soon``, ``- cold``): the comment ends the text YAML reads ``-late`` as, and the
    next item is then a list where a key was expected, which was said with the hint for a key
    left out. Told as the glued item is (:func:`dash_without_space`), at it. The glued item
    may hold settings on the lines below it (``-escalate:``, then ``to: site-manager``
    further in): they are passed over, where the next item had been blamed, with the hint
    for a key left out."""
    item = re.match(r"( *)-[ \t]", line_of(lines, place))
    found = line_above(lines, place.line, deeper_than=len(item[1])) if item else None
    if item is None or found is None:
        return None
    number, above = found
    glued = GLUED_DASH.match(above)
    if glued is None or glued[1] != item[1]:
        return None
    return glued_item_at(lines, number)


def glued_item_at(lines: list[str], number: int) -> tuple[str, str, Any]:
    """Line ``number``, a list's item glued to its `-`, told as :func:`dash_without_space`
    tells one, with the list's items below it; a key with its settings below it
    (``-escalate:``) is told where they go, as when it is the list's only item
    (:meth:`engine.slips.Slips.glued_first_key`), which a hint without it had contradicted."""
    glued = GLUED_DASH.match(lines[number])
    assert glued is not None  # (each caller has matched it)
    dash = len(glued[1])
    text = item_text(lines[number], glued.end())
    said, hint = glued_dash(text, block_items(lines[number + 1 :], dash))
    below = line_below(lines, number)
    if text.endswith(":") and below is not None and KEY_AT.match(below):
        hint += settings_indent_hint(dash + 1, indent_of(below) + 1)
    return said, hint, Place(number, dash)


def dash_starting_flow_text(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a text key's value in brackets that starts with `- ` (``{message: - call now}``):
    YAML wants a value there, and said the `{` was not closed (found by review). Told as the
    same text out of brackets is, by :func:`_dash_in_text`."""
    line = line_of(lines, place)
    key = KEY_BEFORE.search(line[: place.column])
    if (
        key is None
        or key[1] not in text_keys()
        or not re.match(r"-(?:[ \t]|$)", line[place.column :])
    ):
        return None
    return _dash_in_text(lines, Place(place.line, place.column))


_VALUE_CUT_BEFORE_DASH = re.compile(r"(?:^|[\s{,])([\w.-]+):[ \t]+([^\s{},:\[\]][^{},:\[\]]*),$")
"""A key and its value up to a comma right before a `-` in braces (``amount: 10,`` of
``{amount: 10,- CHF}``)."""


def whole_amount_dash(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a whole amount's ``,-`` with its currency after it, in braces (``{amount: 10,-
    CHF}``, as receipts print ``10.- CHF``): the comma ends the value and the ``- `` after it
    starts a list's item, and YAML said the `{` was not closed, with the hint to close it,
    where ``{amount: 10,– €}`` (a dash, no YAML indicator) is hinted to write the number only
    (found by review). Told with the hint the amount gets out of braces; None for any other
    `- ` in braces, and for one after no amount."""
    line = line_of(lines, place)
    if not re.match(r"-[ \t]", line[place.column :]):
        return None
    cut = _VALUE_CUT_BEFORE_DASH.search(line[: place.column])
    if cut is None:
        return None
    written = f"{cut[2]},{line[place.column : text_end(lines, place)].rstrip()}"
    hint = number_hint(written, cut[1])
    if not hint:
        return None
    return (
        f"`{as_written(cut[1])}: {as_written(written)}` cannot be read: in braces, a comma ends "
        "a value, and the `- ` after it starts a list's item",
        hint,
        Place(place.line, cut.start(2)),
    )


def _listed_item(item: str) -> str:
    """An item as it is written in brackets: as the author quoted it, a key of the language
    and its value in braces (``then: - apologize: {}`` is ``[{apologize: {}}]``: in quotes, as
    text, the hint had been a list of texts ``then:`` refuses), or as ``flow`` writes any text
    in a hint (in quotes where YAML would read it otherwise, cut short if long)."""
    if len(item) > 1 and item[0] in "'\"" and item[-1] == item[0]:
        return as_written(item)
    key = _ITEM_KEY.match(item)
    if key is not None and is_key(key[1]):
        return as_written(f"{{{item}}}")
    return flow(item)


_ITEM_KEY = re.compile(r"([\w-]+):[ \t]+\S")
"""An item that is a key and its value (``apologize: {}``)."""


def list_beside(lines: list[str], number: int) -> str:
    """For a list's item out of line with its list (``- follow_up:`` one column left of the
    ``- compensate:`` above it): where the list's other items start, with the nearest of them,
    ``start its `-` at column 7, as `- compensate:` on line 20``; "" when no item of a list
    is near its column above it (within 2, below the key it is under), where the list's key
    may be the line left out. It had been told only to line the `-` up with "that list's
    other items" (found by review)."""
    column = indent_of(lines[number])
    if _RULE_ITEM.match(lines[number]) is not None:  # a rule: beside the rule above it
        return _rule_beside(lines, number, column)
    for above in range(number - 1, -1, -1):
        line = lines[above]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = indent_of(line)
        if indent < column and (keys := re.match(r" *- +", line)) is not None:
            # At the keys' column of the item right above it, where YAML wanted a key: an
            # action after an action (`- compensate: {...}`, then `  - apologize: {}`) is that
            # list's next item one column of keys too far in; it had been told to add the
            # list's key, `then:` or `all:`, even in a plan-test file (found by a supervisor's
            # review). Another (`- id: a`, `  - title: A`) may be the item's own key with a
            # `- ` too many: not told to start a new item.
            if keys.end() != column or not _alike(line[column:], lines[number][column:]):
                return ""
        elif indent <= column:  # the key the item is under, or an item at its column
            return ""
        elif line[indent] != "-" or line[indent + 1 : indent + 2] not in (" ", "\t", ""):
            continue
        elif indent - column > 2:
            return ""
        item = as_written(line.strip().split(" #", maxsplit=1)[0].rstrip())
        return f"start its `-` at column {indent + 1}, as `{item}` on line {above + 1}"
    return ""


_RULE_ITEM = re.compile(r"( *)- +(id|name):(?:[ \t]|$)")
"""A rule's first line, ``- id: late-order``, or a plan test's case's, ``- name: ...``."""


def _rule_beside(lines: list[str], number: int, column: int) -> str:
    """For a rule out of line with the rules (``- id: late-order`` two spaces right of the
    ``- id:`` above it), or a case with the cases (``- name:``): where the one above starts.
    The nearest list's item had been hinted, the ``- root_cause:`` of the rule above's
    ``prevent:``, which made of the rule an action (found by review). "" when none is above
    it, at another column."""
    key = _RULE_ITEM.match(lines[number])
    for above in range(number - 1, -1, -1):
        rule = _RULE_ITEM.match(lines[above])
        if rule is not None and key is not None and rule[2] == key[2] and len(rule[1]) != column:
            item = as_written(lines[above].strip().split(" #", maxsplit=1)[0].rstrip())
            return f"start its `-` at column {len(rule[1]) + 1}, as `{item}` on line {above + 1}"
    return ""


def _alike(above: str, item: str) -> bool:
    """Whether two list items (their content, after the `- `) are both actions: a type,
    standard or `x-`, then `:`."""
    keys = (re.match(r"([\w-]+):", text) for text in (above, item.lstrip("- ")))
    return all(
        key is not None and (key[1] in ACTION_TYPES or key[1].startswith("x-")) for key in keys
    )


def item_above(lines: list[str], place: Any) -> tuple[int, int] | None:
    """The line of the list item above ``place`` (its ``- `` at ``place``'s column) and the
    column where its keys start, or None when no such item is above it."""
    for number in range(min(place.line, len(lines)) - 1, -1, -1):
        line = lines[number]
        found = re.match(r"( *)- +", line)
        if found is not None and len(found[1]) == place.column:
            return number, found.end()
        if line.strip() and indent_of(line) < place.column:
            return None  # left the list
    return None


def inside_an_item(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a line right of a list item's ``- `` and left of where its keys start (``- id: a``,
    then ``title:`` one space short of ``id:``, or the next ``- `` one space too far in): YAML
    wanted the list's next ``- `` there, and "at this column the list's items start with `- `"
    was said, of a column where none do (found by review). Told as out of line with that
    item's keys, or with its ``- ``; a ``- `` as far in as the item's value or further is
    told to line up with its ``- `` (:func:`_item_too_far_in`). None when no item above holds
    ``place``'s column from its ``- `` on, or the line is neither a key nor an item."""
    column, here = place.column, line_of(lines, place)
    key = KEY_AT.match(here)
    dash = re.match(r" *-[ \t]", here)
    if key is None and dash is None:
        return None
    for number in range(min(place.line, len(lines)) - 1, -1, -1):
        line = lines[number]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = re.match(r"( *)- +", line)
        if item is not None and key is None and item.end() <= column:
            return _item_too_far_in(lines, place, number, len(item[1]))
        if item is not None and len(item[1]) < column < item.end():
            if key is None:
                under = _under_the_key_above(lines, place, "the item", "its `- `")
                return (
                    f"this `- ` is indented more than the `- ` of the list item on line "
                    f"{number + 1}, and less than that item's keys",
                    f"{under}to start the list's next item, line its `- ` up with that item's, "
                    f"at column {len(item[1]) + 1}",
                    place,
                )
            named, first = as_written(key[2]), ITEM_KEY_AT.match(line)
            keys = f"`{as_written(first[2])}:`" if first is not None else "the keys"
            under = _under_the_key_above(lines, place, f"`{named}`", "it")
            return (
                f"`{named}:` is indented less than {keys} of the list item on line {number + 1}, "
                "and more than its `- `, so it is neither a key of that item nor a new item",
                f"{under}if `{named}` belongs to that item, indent it to column {item.end() + 1}, "
                f"like {keys}; start a new item with `- ` only if it is one",
                place,
            )
        if indent_of(line) < column:
            return None  # left the list
    return None


def _item_too_far_in(lines: list[str], place: Any, number: int, dash: int) -> tuple[str, str, Any]:
    """For a list's next ``- `` as far in as the item above's value or further (``- {field:
    rating, lte: 2}``, then ``- {field: channel, eq: yelp}`` two spaces further in), where
    YAML wanted it at that item's ``- ``: it had been told "a list item (`- `) was expected
    here" and hinted to "start a new item with `- `", on a line that does (found by review)."""
    under = _under_the_key_above(lines, place, "the item", "its `- `")
    return (
        f"this `- ` is indented more than the `- ` of the list item on line {number + 1}, "
        "so it is no item of that list",
        f"{under}to start the list's next item, line its `- ` up with that item's, at column "
        f"{dash + 1}",
        place,
    )


def _under_the_key_above(lines: list[str], place: Any, what: str, moved: str) -> str:
    """The start of the hint for a line inside a list item (:func:`inside_an_item`) below a
    key with nothing after it that is indented more than the line (``when:``, then
    ``event:`` one space left of ``when:``; ``then:``, then its ``- apologize:``): the line
    is most likely meant under that key. Only the item's columns had been hinted, which
    made of ``- apologize:`` a new rule (found by review). "" when no such key is above."""
    above = line_above(lines, place.line)
    held = HOLDER.match(above[1]) if above is not None else None
    if held is None or len(held[1]) <= place.column:
        return ""
    holder = as_written(held[2])
    return (
        f"if {what} belongs under `{holder}:`, indent {moved} to column {len(held[1]) + 3}, "
        f"two spaces right of `{holder}:`; "
    )


def action_without_dash(
    lines: list[str], place: Any, above: tuple[int, int]
) -> tuple[str, str, Any] | None:
    """For an action written at the column of the list's `- ` without one (``compensate:``
    under ``- apologize: {...}``), in a list of actions: an action is one key, so it is never
    a setting of the action above, and the hint had been to indent it into that item, where
    it is refused as a second action in one item (found by review). None when the line or the
    item above is not an action, or when the item above is a custom action with settings below
    it, whose settings may have any name."""
    key = re.match(r"( *)([\w-]+):", line_of(lines, place))
    item = ITEM_KEY_AT.match(lines[above[0]])
    if key is None or item is None or not (an_action_type(key[2]) and an_action_type(item[2])):
        return None
    if item[2] not in ACTION_TYPES and settings_below(lines, place, above) is not None:
        return None
    named, before = as_written(key[2]), as_written(item[2])
    return (
        f"`{named}:` is at the column of the list's `- ` but has none: each action is an item "
        "of the list, with its own `- `",
        f"write `- {named}:`, like `- {before}:` on line {above[0] + 1}",
        place,
    )


def first_item_without_dash(
    lines: list[str], place: Any, kind: str = "plan"
) -> tuple[str, str, Any] | None:
    """For a list's first item written without its ``- `` (``then:``, ``apologize: {}``, then
    ``- note: {...}``; ``all:``, ``{use: vip}``, then ``- {use: late}``): YAML reads the first
    line as a key or a mapping under the list's key, and the next item as a list where a key
    was expected, which had been told with the hint for a list's key left out (found by
    review). Told when the line above is the only thing under its key, at the column of the
    item's ``- ``, and of the item's kind: both actions, or both in braces: actions when the
    first is one (``{follow_up: {}}``), else conditions in a plan (in another ``kind`` of
    file, None: the list's hint names its keys). Items in braces had all been called
    conditions, a plan test's expected actions and cases too (found by review)."""
    item = re.match(r"( *)- +(.*)", line_of(lines, place))
    column = len(item[1]) if item is not None else -1
    found = line_above(lines, place.line, deeper_than=column) if item is not None else None
    if item is None or found is None or indent_of(found[1]) != column:
        return None
    number, first = found
    holder = line_above(lines, number)
    if holder is None or indent_of(holder[1]) >= column or not HOLDER.match(holder[1]):
        return None
    written, below = item_text(first, column), item_text(item[0], item.start(2))
    key, other = KEY_AT.match(first), re.match(r"([\w-]+):", below)
    if key is not None and other is not None and an_action_type(key[2]):
        if not an_action_type(other[1]):
            return None
        what, written, below = "action", f"{as_written(key[2])}:", f"{as_written(other[1])}:"
    elif written.startswith("{") and below.startswith("{"):
        inside = re.match(r"\{\s*([\w-]+):", written)
        if inside is not None and an_action_type(inside[1]):
            what = "action"
        elif kind == "plan":
            what = "condition"
        else:  # a plan test's case, or an event's item: told with the list's hint instead
            return None
    else:
        return None
    return (
        f"`{written}` is the first {what} of the list but has no `- `: "
        f"each {what} is an item of the list, with its own `- `",
        f"write `- {written}`, like `- {below}` on line {place.line + 1}",
        Place(number, column),
    )


def settings_below(
    lines: list[str], place: Any, above: tuple[int, int]
) -> tuple[str, str, int] | None:
    """For the item ``above`` (found by :func:`item_above`) whose first key holds a mapping
    below it (``- follow_up:`` then its settings, an action's usual shape): that key, the first
    setting's key and its column."""
    key = HOLDER.match(lines[above[0]])
    if key is None:
        return None
    for line in lines[above[0] + 1 : place.line]:
        setting = re.match(r"( *)([\w-]+):", line)
        if setting is not None and len(setting[1]) > above[1]:
            return key[2], setting[2], len(setting[1])
        if line.strip() and not line.lstrip().startswith("#"):
            return None
    return key[2], "", above[1] + 2  # nothing under it yet: its settings go two spaces in
