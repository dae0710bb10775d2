"""Keys that do not line up: a key indented more or less than the key above it, a first key
one step too far in, a key under a one-line text, and a rule's ``when:`` given a value on its
line as well as conditions below it.

YAML says a key or a `: ` was not expected; the slip is which of the two lines is out of
place, so these helpers compare the key columns around the error (and the two spaces a plan
is usually indented by) to say which line to move, and to which column.
"""

from __future__ import annotations

import re
from typing import Any

from engine.model import ACTION_TYPES
from engine.slips import GLUED_DASH, as_written, flow
from engine.slips.written import yaml_value
from engine.yamlsyntax.lines import (
    BLOCK_TEXT_START,
    HOLDER,
    ITEM_KEY_AT,
    KEY_AT,
    Place,
    indent_of,
    item_text,
    line_above,
)
from engine.yamlsyntax.lists import glued_item_at
from engine.yamlsyntax.texts import TEXT_GOES_ON
from engine.yamlsyntax.vocabulary import rule_keys


def key_after_a_text(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a line that reads as a key of its own (``title: Bad review``) but is indented more
    than the key of a one-line text right above it (``- id: bad-review``): YAML reads it as
    more of that text, where a `: ` cannot be. Either may be meant, so both mends are said;
    None when the line above is not such a text, or this line not such a key."""
    here = KEY_AT.match(lines[place.line]) if place.line < len(lines) else None
    above = line_above(lines, place.line)
    if here is None or above is None:
        return None
    begun = TEXT_GOES_ON.match(above[1])
    if begun is None:
        return None
    key, column = as_written(begun[1]), begun.start(1)
    lower = as_written(here[2])
    if begun[1] in ACTION_TYPES or begun[1].startswith("x-"):  # `- escalate: duty-manager`
        return (
            f"`{lower}:` is indented under `{key}:`, whose value is a text, so YAML reads it as "
            "more of that text, where a `: ` cannot be",
            f"an action's settings are keys of a mapping: write `{key}:` alone on its line and "
            f"each setting under it (`{lower}:` too), or all of them in braces, such as "
            f"`{key}: {{..., {lower}: ...}}`",
            Place(place.line, len(here[1])),
        )
    return (
        f"`{lower}:` is indented more than `{key}:` on line {above[0] + 1}, so YAML reads it "
        f"as more of `{key}`'s text, where a `: ` cannot be",
        f"if `{lower}:` is a key of its own, indent it to column {column + 1}, like `{key}:`; "
        f"if it is part of the text, put the whole text in quotes",
        Place(place.line, len(here[1])),
    )


_WORD = re.compile(r"(?!(?:true|false|null|yes|no|on|off)$)[^\W\d_][\w-]*", re.IGNORECASE)
"""A plain word as a value (``order``), which a key that holds keys cannot take: an event's
type, never a number, true/false or null (``when: true`` had been hinted ``event: true``)."""


def key_above_less_indented(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a key more indented than the key on the line above it, where YAML wanted another
    key beside that one (``within: 1h`` lined up with its action, then ``message:`` under
    it): both keys, their lines and the columns that would line them up."""
    here = KEY_AT.match(lines[place.line]) if place.line < len(lines) else None
    if here is None:
        return None
    column = len(here[1])
    found = line_above(lines, place.line)
    if found is None:
        return None
    number, line = found
    above = KEY_AT.match(line)
    if above is None or len(above[1]) >= column:
        return None
    higher = len(above[1])
    if above[2].startswith("-") and column == higher + 2 and GLUED_DASH.match(line):
        # `-field: rating`, then `lt: 3` in line with `field` once the `-` has its space: the
        # hint had been to line `lt:` up with `-field:`, which made both one key's (found by
        # review)
        return glued_item_at(lines, number)
    upper, lower = as_written(above[2]), as_written(here[2])
    said = item_text(line, above.end())  # the value on its line, a comment off
    meant = _when_meant(said) if above[2] == "when" and here[2] not in rule_keys() else None
    if meant is not None and _key_of_a_rule(lines, number, higher):
        # `when: order`, then `all:` under it: `when:` holds conditions, never a value on its
        # line; lining `all:` up with `when:` (the hint below) made it an unknown key of the
        # rule (found by review). A key of the rule (`then:` a space too far in) is out of
        # line, not a condition: it had been told to go under `when:` (found by review)
        shown, at = as_written(said), Place(number, line.index(said, above.end()))
        if said[:1] == "{":  # `when: {event: order}`: its conditions both in braces and below
            return (
                f"`when:` has conditions in braces on its own line, `{shown}`, as well as "
                f"`{lower}:` below it: write them one way or the other",
                _braced_when_hint(meant, lower),
                at,
            )
        return (
            f"`when:` has a value on its own line, `{shown}`, as well as `{lower}:` below it: "
            "`when:` holds conditions, not a value",
            f"if `{meant[0]}` is the event's type, write it as a condition under `when:`, in "
            f"line with `{lower}:`: `event: {meant[0]}`",
            at,
        )
    move_up = f"`{upper}:` to column {column + 1}"
    move_down = f"`{lower}:` to column {higher + 1}"
    usual = _usual_key_column(lines, number, higher)  # the holder's column + 2
    hint = (
        f"indent `{upper}:` to column {column + 1}, like `{lower}:`"
        if usual == column
        else f"indent `{lower}:` to column {higher + 1}, like `{upper}:`"
        if usual == higher
        else f"indent the keys of one mapping to the same column: {move_up}, or {move_down}"
    )
    return (
        f"`{lower}:` is indented more than `{upper}:` on line {number + 1}, so it "
        "cannot be a key beside it",
        hint,
        Place(place.line, column),
    )


def _braced_when_hint(meant: list[str], below: str) -> str:
    """How to write the conditions of ``when: {...}`` (``meant``, each ``key: value``) with
    the key ``below`` written under it: each on a line of its own, and those of a list under
    the same key as ``below`` (``{all: [...]}`` with ``all:`` below) moved into that one. That
    key had been hinted on a line of its own too, where it was then a key written twice (found
    by review)."""
    same = [condition for condition in meant if condition.startswith(f"{below}: ")]
    others = [f"`{condition}`" for condition in meant if condition not in same]
    lines = f"write each on a line of its own under `when:`, in line with `{below}:`: " + ", ".join(
        others
    )
    if not same:
        return lines
    moved = (
        f"move the conditions of `{same[0]}` into the list of the `{below}:` below, as items "
        f"of their own"
        if below in ("all", "any")
        else f"`{below}:` may be written once under `when:`: keep `{same[0]}` or the one below"
    )
    return f"{lines}; {moved}" if others else moved


def _when_meant(said: str) -> list[str] | None:
    """What a rule's ``when:`` holds, written on its line with keys indented under it: a word
    in quotes or not (``"order"``, the event's type: ``[order]``), or the conditions in braces
    each as a line of its own (``{event: order}``: ``["event: order"]``). The quoted and braced
    ones had been told to line the keys up with ``when:``, which made them keys of the rule
    (found by review). None for any other value (``true``, ``5``), and for braces with YAML
    aliases: written out, each would repeat its anchor's items (a line of 340 characters had
    been hinted in 3.5 MB; found by review) or tags (``{event: !!int order}`` had ended
    validation with an internal error)."""
    inner = said[1:-1] if len(said) > 1 and said[0] in "'\"" and said[-1] == said[0] else said
    if _WORD.fullmatch(inner):
        return [inner]
    if said[:1] != "{":
        return None
    held = yaml_value(said, aliases=False)
    if not isinstance(held, dict) or not held or not all(isinstance(k, str) for k in held):
        return None
    return [as_written(f"{key}: {flow(value)}") for key, value in held.items()]


_RULES = re.compile(r" *rules:[ \t]*(?:#.*)?$")


def _key_of_a_rule(lines: list[str], number: int, column: int) -> bool:
    """Whether the key at ``column`` on line ``number`` is a key of an item of ``rules:``: a
    rule's ``when:`` holds conditions, where a field of an event (a plan test's case) may be
    named ``when`` and hold a word. "`when:` holds conditions" had been said of such a field
    too, with the hint ``event: yesterday`` (found by review)."""
    item: int | None = None  # the column of the rule's `- `, once found
    for above in range(min(number, len(lines)) - 1, -1, -1):
        line = lines[above]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = indent_of(line)
        if item is None:
            dash = re.match(r"( *)- +", line)
            if dash is not None and dash.end() == column:
                item = len(dash[1])
            elif indent < column:
                return False  # the key is held by a key, not by a list's item
        elif indent < item or (indent == item and not line.lstrip().startswith("-")):
            return _RULES.match(line) is not None  # the list's key (past the rules above)
    return False


def first_key_too_far_in(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a key less indented than the first key of the mapping above it, both under a holder
    less indented than either (``apologize:``, then ``within:`` one step too far in, then
    ``message:`` where keys under it belong; ``when:``, then ``all:`` and its tests, then
    ``then:`` a space right of ``when:``): the first key of the mapping set the column, so YAML
    found no key at this one's. Told at the first key when it alone is out of place, else at
    this one; a rule's key below its ``when:`` is told the column beside ``when:``, never one
    under it. The lines between may be the mapping's own (a list of tests): only a key right
    below the first had been told, and ``then:`` below ``all:``'s tests had been told only
    that a key was expected (found by review)."""
    under = _key_under_a_holder(lines, place)
    if under is None:
        return None
    here, column, holder, held = under
    below = _lines_between(lines, holder[0], place.line)
    first = KEY_AT.match(below[0][1]) if below else None
    if first is None or len(first[1]) <= column:
        return None
    outer, inner = len(held[1]), len(first[1])
    upper, lower, holding = as_written(first[2]), as_written(here[2]), as_written(held[2])
    told = (
        f"`{lower}:` is indented less than `{upper}:` on line {below[0][0] + 1}, and more than "
        f"`{holding}:` on line {holder[0] + 1}: it is a key of neither mapping"
    )
    if _rule_key_under_when(lines, here[2], holder[0], held):
        # `then:` right of `when:` is a key of the rule, out of line: never a condition under
        # `when:`. Below tests a step too far in, `all:` had been told to line up with it,
        # which made `then:` a condition (found by review)
        return (
            told,
            f"indent `{lower}:` to column {outer + 1}, like `when:`: it is a key of the rule, "
            "not a condition under `when:`",
            Place(place.line, column),
        )
    alone = all(indent_of(line) > inner for _, line in below[1:])  # no key beside the first
    if column == outer + 2 and alone:  # the second key is where keys under the holder go
        return (
            f"`{upper}:` is indented more than `{lower}:` on line {place.line + 1}, the next key "
            "of the same mapping",
            f"indent `{upper}:` to column {column + 1}, like `{lower}:`",
            Place(below[0][0], inner),
        )
    # Neither is where keys under the holder go, or the mapping has other keys at the first's
    # column: either may be the one out of place.
    hint = (
        f"indent `{lower}:` to column {outer + 1} if it is a key beside `{holding}:`, or to "
        f"column {inner + 1}, like `{upper}:`, if it is one under it"
        if inner == outer + 2  # the keys under the holder are where they go: this one is not
        else f"indent the keys under `{holding}:` to column {outer + 3}; a key beside "
        f"`{holding}:` goes at column {outer + 1}"
    )
    return told, hint, Place(place.line, column)


def key_between_a_key_and_its_items(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a key right of the key above it that holds a list, and left of that list's ``- ``
    (``then:``, its actions at column 7, then ``prevent:`` at column 6): YAML found no key at
    its column. It had been told "a key was expected here", with a hint of quotes and
    indentation (found by review). None when the key above holds no list further in, or the
    line is no key."""
    under = _key_under_a_holder(lines, place)
    if under is None:
        return None
    here, column, holder, held = under
    below = _lines_between(lines, holder[0], place.line)
    dash = re.match(r"( *)- ", below[0][1]) if below else None
    if dash is None or len(dash[1]) <= column:
        return None
    lower, holding, outer = as_written(here[2]), as_written(held[2]), len(held[1])
    if (sibling := _key_at_column_above(lines, holder[0], column)) is not None:
        return (  # `actions:` a step left of `matched:` above it: the holder is out of line
            f"`{holding}:` is indented less than `{as_written(sibling[1])}:` on line "
            f"{sibling[0] + 1} and `{lower}:` on line {place.line + 1}, keys of the same mapping",
            f"indent `{holding}:` to column {column + 1}, like them",
            Place(holder[0], outer),
        )
    told = (
        f"`{lower}:` is indented more than `{holding}:` on line {holder[0] + 1}, and less than "
        f"the `- ` of its list on line {below[0][0] + 1}: it is neither a key beside "
        f"`{holding}:` nor an item of its list"
    )
    beside = f"indent `{lower}:` to column {outer + 1}, like `{holding}:`"
    if here[2] in rule_keys() and held[2] in rule_keys():  # `prevent:` after `then:`'s actions
        return told, beside, Place(place.line, column)
    return (
        told,
        f"if `{lower}` is a key beside `{holding}:`, {beside}; if it is an item of the list, "
        f"write it `- {lower}:` at column {len(dash[1]) + 1}",
        Place(place.line, column),
    )


def _key_at_column_above(lines: list[str], number: int, column: int) -> tuple[int, str] | None:
    """The key at ``column`` above line ``number``, past the lines further in, and its line;
    None when a line less indented comes first."""
    for above in range(number - 1, -1, -1):
        line = lines[above]
        if not line.strip() or line.lstrip().startswith("#") or indent_of(line) > column:
            continue
        key = KEY_AT.match(line)
        return (above, key[2]) if key is not None and len(key[1]) == column else None
    return None


def _key_under_a_holder(
    lines: list[str], place: Any
) -> tuple[re.Match[str], int, tuple[int, str], re.Match[str]] | None:
    """The key on ``place``'s line, its column, and the line above it less indented that
    holds it, a key with nothing after it (``then:``), matched; None when the line is no key
    or no such holder is above it."""
    here = KEY_AT.match(lines[place.line]) if place.line < len(lines) else None
    column = len(here[1]) if here is not None else 0
    holder = line_above(lines, place.line, deeper_than=column) if here is not None else None
    held = HOLDER.match(holder[1]) if holder is not None else None
    if here is None or holder is None or held is None or len(held[1]) >= column:
        return None
    return here, column, holder, held


def _rule_key_under_when(lines: list[str], key: str, number: int, held: re.Match[str]) -> bool:
    """Whether ``key`` is a key of a rule (``then``) and the holder ``held`` on line ``number``
    the rule's ``when:``, whose keys are conditions."""
    return held[2] == "when" and key in rule_keys() and _key_of_a_rule(lines, number, len(held[1]))


def _lines_between(lines: list[str], after: int, before: int) -> list[tuple[int, str]]:
    """The lines after line ``after`` and before line ``before`` that are not blank or a
    comment, with their numbers."""
    return [
        (number, lines[number])
        for number in range(after + 1, min(before, len(lines)))
        if lines[number].strip() and not lines[number].lstrip().startswith("#")
    ]


def _usual_key_column(lines: list[str], number: int, column: int) -> int | None:
    """The column the keys under the holder of the key on line ``number`` (at ``column``)
    start at when indented two spaces, as plans are: the holder's key column + 2."""
    above = line_above(lines, number)
    holder = HOLDER.match(above[1]) if above is not None else None  # at ``column`` too: a
    if holder is not None and len(holder[1]) <= column:  # holder with nothing under it
        return len(holder[1]) + 2
    sibling = ITEM_KEY_AT.match(above[1]) if above is not None else None
    if sibling is not None and len(sibling[1]) == column:  # in line with the key above it,
        return column  # or with an item's first key (`- id: a`, then `title:`; review)
    return None


def tab_indent_hint(lines: list[str], number: int) -> str:
    """How many spaces to write for the tabs that indent line ``number`` (a key or a list's
    item), read from the line above: two more than a key holding what is below it (``plan:``,
    then a tab before ``name: Acme``: 2), else that line's key or item's column, to line the
    two up. "indent with spaces" alone had left a manager to count the spaces, and a tab is
    shown as any width, so the line looked right (found by review). Said as a choice ("to put
    `name:` under `plan:`..."), as the line may belong further out; "" when the line is
    neither a key nor an item, or the line above says nothing of where it goes."""
    line = lines[number] if number < len(lines) else ""
    text = line.lstrip(" \t")
    if "\t" not in line[: len(line) - len(text)]:
        return ""
    key = KEY_AT.match(text)
    item = text[:1] == "-" and text[1:2] in ("", " ", "\t")
    found = line_above(lines, number)
    if found is None or not (key or item):
        return ""
    above_number, above = found
    if _in_block_text(lines, above_number):
        return ""  # `key:` in a text's lines (`note: |`) is text, not a key to go under
    what = f"`{as_written(key[2])}:`" if key else "this item"
    held = HOLDER.match(above)
    sibling = ITEM_KEY_AT.match(above)
    if held is not None:
        where, spaces = f"to put {what} under `{as_written(held[2])}:`", len(held[1]) + 2
    elif item and above.lstrip(" ")[:2] == "- ":
        where, spaces = "to line this item up with the item", indent_of(above)
    elif key and sibling is not None:
        where, spaces = f"to line {what} up with `{as_written(sibling[2])}:`", len(sibling[1])
    else:
        return ""
    start = f"{spaces} spaces" if spaces != 1 else "1 space"
    write = f"start its line with {start}" if spaces else "write it at the start of its line"
    return f"{where} on line {above_number + 1}, {write}"


def _in_block_text(lines: list[str], number: int) -> bool:
    """Whether line ``number`` is a line of a text written below its key (``note: |``, then
    ``Regards:``): the first line further out above it starts such a text. The tab's hint had
    taken ``Regards:`` for a key holding the tabbed line, and told the spaces to put it under
    that (found by review)."""
    indent = indent_of(lines[number])
    for line in reversed(lines[:number]):
        if line.strip() and indent_of(line) < indent:
            return BLOCK_TEXT_START.search(line.rstrip("\r\n")) is not None
    return False
