"""Lists written without brackets, in braces or parentheses, or with an item glued to its `-`.

``in: gold, platinum`` is one text to YAML, ``in: {late, cold}`` a mapping, ``{in: late,
cold}`` a value cut at its comma into keys, ``-cold`` under ``in:`` a text: the hints gather
the items the author meant and write the list in brackets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from engine.documents import LoadedDocument, join_pointer, parent_pointer, pointer_tokens
from engine.fields import lookup
from engine.model import ACTION_TYPES
from engine.resources import load_schema
from engine.slips.keys import CONDITION_KEYS
from engine.slips.numbers import NUMBER, a_number, number_written
from engine.slips.written import (
    as_written,
    flow,
    flow_list,
    line_at,
    written_as_key,
    written_in_quotes,
    yaml_value,
)
from engine.suggest import did_you_mean


def braced_list_hint(kinds: list[Any], value: Any, key: str) -> str:
    """For a list written in braces where one is wanted (``in: {late, cold}``): the list in
    brackets; for the bounds of ``between`` named (``between: {min: 1, max: 3}``), which had
    been told "found a mapping" with no hint (found by review), the two numbers in brackets,
    lowest first; "" for any other value."""
    if "array" in kinds and _braced_words(value) and key:
        return f"write a list in brackets, not braces: `{key}: {flow_list(list(value))}"
    bounds = list(value.values()) if isinstance(value, dict) else []
    if key == "between" and len(bounds) == 2 and all(a_number(bound) for bound in bounds):
        return (
            f"write the two bounds in brackets, lowest first: `between: {flow_list(sorted(bounds))}"
        )
    return ""


EXPECTED_ACTIONS = ("actions", "no_actions")
"""A plan test's lists of actions, under a case's ``expect:``."""

RULE_ACTIONS = re.compile(r"/rules/\d+/(?:then|prevent)")
"""A rule's lists of actions, in a plan."""

ACTION_ITEM = re.compile(
    r"(?:/rules/\d+/(?:then|prevent)|/cases/\d+/expect/(?:actions|no_actions))/\d+(?=/|$)"
)
"""The pointer of an action item, of a plan's rule or of a plan test's case, at the start of
the pointer of any value inside it."""


def actions_listed_hint(key: str, value: dict[str, Any], braced: bool, bare: bool = True) -> str:
    """For a plan test's ``actions:`` or ``no_actions:``, or a rule's ``then:`` or
    ``prevent:`` (``key``), written as a mapping (``value``): without the ``- `` of its items
    (``apologize: {within: 1h}`` under it), or in braces (``braced``), or as ``type:
    apologize``, as a decision names an action's type. The list to write; it had been told
    only "expected a list, found a mapping" (a rule's, an example of any action). ``bare``:
    an action may be its type alone, as in a plan test. "" when the keys are not actions, or
    in a plan are words (``then: {apologize, tag}``): which items were meant is not known.
    A misspelt ``type:`` (``then: {type: apologise}``) is told the type it is a slip of first,
    as in an item of the list: it had been told only "expected a list, found a mapping"."""
    misspelt = misspelt_action_type(value)
    if misspelt is None:
        return _listed_hint(key, value, braced, bare)
    hint = _listed_hint(key, {**value, "type": misspelt}, braced, bare)
    return f"{not_an_action_type(str(value['type']), misspelt)}; {hint}" if hint else ""


def _listed_hint(key: str, value: dict[str, Any], braced: bool, bare: bool) -> str:
    """:func:`actions_listed_hint` of a mapping whose ``type:``, if any, is no slip."""
    items = _actions_meant(value, bare)
    if not items:
        return ""
    # an action named by `type:` of the rule's other list is sent there, braced or dashed
    kind = _action_type(items[0])
    elsewhere = misplaced_action_hint(kind, key) if "type" in value else ""
    if braced:  # `then: [{training: {}}]`, hinted alone, was told next to go under `prevent:`
        section = action_section(kind) if elsewhere else None
        listed = f"`{section[1] if section else key}: {flow_list(items)}"
        listed = f"write a list in brackets, not braces: {listed}"
        return f"{elsewhere} and {listed}" if elsewhere else listed
    if "type" in value:
        named = by_its_type_hint(items[0])
        if elsewhere:
            return f"{elsewhere} as a list item (`- `) and {named}"
        return f"`{key}:` holds a list: start the action with `- ` and {named}"
    shown = ", then ".join(f"`- {_block_item(item)}`" for item in items)
    return f"`{key}:` holds a list: start each action with `- `, one under the other: {shown}"


def action_named_by_type(value: Any, bare: bool = True) -> Any:
    """The action that a mapping naming it by ``type:`` means (``{type: apologize, within:
    1h}``, as a decision names an action's type), as its item is written: its type, or its
    type holding the mapping's other keys as its parameters (``{apologize: {within: 1h}}``),
    or none (``{apologize: {}}``) where an action is never its type alone (not ``bare``: a
    plan's). None for any other value, or a ``type:`` that is no action's type."""
    kind = value.get("type") if isinstance(value, dict) else None
    if not isinstance(kind, str) or not an_action_type(kind):
        return None
    params = {name: inner for name, inner in value.items() if name != "type"}
    return {kind: params} if params or not bare else kind


def misspelt_action_type(value: Any) -> str | None:
    """The action type that the ``type:`` of a mapping is a slip of (``apologize`` for
    ``type: apologise``), or None: its ``type:`` is an action type, no text, or like none."""
    kind = value.get("type") if isinstance(value, dict) else None
    if not isinstance(kind, str) or an_action_type(kind):
        return None
    return did_you_mean(kind, ACTION_TYPES)


def action_section(name: str) -> tuple[str, str] | None:
    """The kind of action ``name`` is and the rule's list it goes in (None: no action)."""
    definitions = load_schema("plan")["$defs"]
    if name in definitions["prevention_action"]["properties"]:
        return "prevention", "prevent"
    if name in definitions["remedy_action"]["properties"]:
        return "remedy", "then"
    return None


def other_section_hint(name: str) -> str:
    """Where an action written in the other list of a rule goes (``training`` under
    ``then:``); "" for a name that is no action."""
    section = action_section(name)
    if section is None:
        return ""
    return f"`{name}` is a {section[0]} action: put it under `{section[1]}:`"


def compensation_kind_hint(name: str, section: str) -> str:
    """How to write an offer named as if it were an action (``- refund:``, ``- store_credit:``)
    in a rule's ``section``: it is a ``compensate`` action of that ``kind``; "" for a name that
    is no kind of offer. The did-you-mean alone (`compensate`) left the manager to find where
    the word ``refund`` then goes. Under ``prevent:`` it is said to go under ``then:``:
    ``compensate`` is a remedy action, and written where the offer was it is refused again
    (found by review). In a plan test's ``actions:`` or ``no_actions:`` (``section``) the
    offer is expected as a decision holds it (found by review: the list of every action type
    had been the hint there). A word that names no kind but means one of two
    (:data:`OFFER_WORDS`: ``- credit:``) is told both, each with what it is; a plural
    (``- refunds:``, ``- credits:``) as its singular (it had the list of every action)."""
    kinds = load_schema("plan")["$defs"]["actions"]["compensate"]["properties"]["kind"]["enum"]
    word = name.lower().replace("-", "_").replace(" ", "_")
    if word not in kinds and word not in OFFER_WORDS:  # `- refunds:`, `- credits:`
        word = word.removesuffix("s")
    if word in kinds:
        kind, words, other = word, word.replace("_", " "), ""
    elif word in OFFER_WORDS:
        (kind, meaning), (second, its_meaning) = OFFER_WORDS[word]
        words, other = word.replace("_", " "), f" ({meaning}; or `kind: {second}`, {its_meaning})"
    else:
        return ""
    offer = f"a {words} is an offer: "
    if section == "actions":
        expected = f'`{{compensate: {{kind: {kind}, amount: "20.00"}}}}`'
        return f"{offer}expect {expected}{other}, its amount what it pays (or leave `amount` out)"
    if section == "no_actions":
        return f"{offer}write `{{compensate: {{kind: {kind}}}}}`{other} for no {words} at all"
    where = " under `then:` (an offer makes it right)" if section == "prevent" else ""
    return (
        f"{offer}write `- compensate:`{where} with "
        f"`kind: {kind}`{other} under it, and its size (`amount: 20`, or `percent: 10` with "
        "`of: order.total`)"
    )


OFFER_WORDS = {
    "credit": (
        ("store_credit", "credit to spend with you"),
        ("refund", "money back to the customer"),
    ),
}
"""Words for an offer that name no kind of ``compensate`` but mean one of two, each with what it
is: ``- credit:`` had been given the did-you-mean `compensate` alone, with no word of the
``kind:`` that then says which credit."""


def misplaced_action_hint(name: str, section: str) -> str:
    """:func:`other_section_hint` for an action written in a rule's ``section`` (``then`` or
    ``prevent``) that belongs in the other one; "" for an action of that list (``escalate`` is
    of both), a custom one, no action, or a list that is no rule's (a plan test's
    ``actions:``)."""
    if section not in ("then", "prevent"):
        return ""
    listed = "remedy_action" if section == "then" else "prevention_action"
    if name in load_schema("plan")["$defs"][listed]["properties"]:
        return ""
    return other_section_hint(name)


def not_an_action_type(written: str, meant: str) -> str:
    """What a slip of an action's type is told (``apologise`` for ``apologize``)."""
    return f"`{as_written(written)}` is not an action type (did you mean `{meant}`?)"


def bare_action_hint(name: str, section: str, dash: str) -> str:
    """For an action written as its type alone (``- apologize``) in a rule's ``section``
    (``then`` or ``prevent``), its item begun with ``dash`` (``- ``, or "" in brackets): the
    action with its settings, ``{}`` when it needs none, else its example (``escalate`` needs
    ``to:``); or, for an action of the rule's other list, that list. A word that is no action
    type is told the type it is a slip of, with that type's hint (``- apologise`` had stopped
    validate with an internal error, found by review), or, for an offer (``- refund``), how
    to write it (:func:`compensation_kind_hint`: the example of ``compensate`` had been a
    voucher's, found by review); "" for one like none."""
    braces = f"an action holds its settings in braces, `{{}}` for none: `{dash}{name}: {{}}`"
    if _custom_action(name):  # any settings, or none
        return braces
    actions = load_schema("plan")["$defs"]["actions"]
    if name not in actions:
        meant = did_you_mean(name, ACTION_TYPES)
        if meant is None:
            return ""
        offer = compensation_kind_hint(name, section)  # `- refund`: its kind, not a voucher's
        said = offer or bare_action_hint(meant, section, dash)
        return f"{not_an_action_type(name, meant)}; {said}"
    if elsewhere := misplaced_action_hint(name, section):
        return elsewhere
    needs = actions[name].get("required")
    if not needs:
        return braces
    example = flow(actions[name]["examples"][0])
    return (
        f"an action holds its settings in braces, and `{name}` needs `{needs[0]}:`, such as "
        f"`{dash}{name}: {example}`"
    )


def by_its_type_hint(item: Any, section: str = "", dash: str = "- ") -> str:
    """How to write an action that was named by ``type:`` (``item``, as
    :func:`action_named_by_type` gives it) in the list ``section`` (a rule's ``then`` or
    ``prevent``, a plan test's ``actions``): the words every such slip is told with, in a list
    of actions written as a mapping or in an item of one. An action of the rule's other list is
    sent there at once: ``- training: {}`` under ``then:`` had been told next that it belongs
    under ``prevent:`` (found by review). ``dash`` begins the item: "" in a list in brackets,
    where ``[{type: apologize}]`` had been hinted ``- apologize: {}``, a `- ` brackets refuse."""
    named = f"name it by its type, not by `type:`: `{dash}{_block_item(item)}`"
    elsewhere = misplaced_action_hint(_action_type(item), section)
    return f"{elsewhere} and {named}" if elsewhere else named


def _action_type(item: Any) -> str:
    """The type of an action item as :func:`action_named_by_type` gives it."""
    return str(next(iter(item))) if isinstance(item, dict) else str(item)


def _actions_meant(value: dict[str, Any], bare: bool) -> list[Any]:
    """The actions a mapping written for a list of them holds, as its items: each key that is
    an action type, or the one of ``type:``, the others then its parameters; none when a key
    is neither, or is a word where an action is never its type alone (not ``bare``)."""
    named = action_named_by_type(value, bare)
    if named is not None:
        return [named]
    if not all(isinstance(name, str) and an_action_type(name) for name in value):
        return []
    if not bare and None in value.values():
        return []
    return [name if inner is None else {name: inner} for name, inner in value.items()]


def an_action_type(name: str) -> bool:
    """Whether a key names an action: a built-in type, or a custom one the plan takes
    (``x-crm-flag``). ``x-CRM`` had been taken for one, and hinted as an item the plan
    refuses next (``- x-CRM: {}``)."""
    return name in ACTION_TYPES or _custom_action(name)


def _custom_action(name: str) -> bool:
    """Whether ``name`` is a custom action's type as the plan schema takes one (``x-crm-flag``,
    not ``x-CRM``): a hint that writes another is refused next."""
    [pattern] = load_schema("plan")["$defs"]["remedy_action"]["patternProperties"]
    return re.fullmatch(pattern, name) is not None


def _block_item(item: Any) -> str:
    """An expected action as written after its ``- ``: its type, or its type and parameters."""
    if isinstance(item, dict):
        [(kind, params)] = item.items()
        return f"{as_written(kind)}: {flow(params)}"
    return as_written(str(item))


def _braced_words(value: Any) -> bool:
    """Whether a mapping is words in braces, each a key without a value (``{late, cold}``):
    a list written in braces, as sets are in Python, where YAML's lists take brackets. The
    hint had been none (found by review)."""
    return isinstance(value, dict) and bool(value) and all(v is None for v in value.values())


LISTS = re.compile(r".*/(?:event|in|not_in|between|contains_any|contains_all)$")
"""Pointers to values that are lists (``event:`` may also be one type)."""


_RANGE = re.compile(r"\s*(-?[0-9.]+)\s*(?:-|–|to|and)\s*(-?[0-9.]+)\s*")


def between_hint(value: list[Any]) -> str:
    """For ``between:`` given a list in brackets of other than two items, which had been told
    its length only: one text that is a range (``between: [1-2]``, ``[1 to 2]``) is its two
    bounds as two items, lowest first; one number (``[3]``) may be meant alone, with ``eq:``.
    Of several items (``[1,5,3]``: 1.5 and 3, or 1, 5 and 3?) only the bounds are asked for."""
    if len(value) == 1 and isinstance(value[0], str):
        bounds = _RANGE.fullmatch(value[0])
        low, high = (_as_decimal(bounds[1]), _as_decimal(bounds[2])) if bounds else (None, None)
        if bounds is not None and low is not None and high is not None:
            ordered = [bounds[1], bounds[2]] if low <= high else [bounds[2], bounds[1]]
            return (
                f"write the two bounds as two items, lowest first: `between: {flow_list(ordered)}"
            )
    if len(value) == 1 and a_number(value[0]):
        return (
            "`between` takes two bounds, lowest first: `between: [low, high]`; to test for "
            f"{flow(value[0])} alone, write `eq: {flow(value[0])}`"
        )
    return "write both bounds, lowest first: `between: [low, high]`"


def _as_decimal(text: str) -> Decimal | None:
    """A bound of a range written as text, as a number to order it by; None when it is none
    (``1.2.3``)."""
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def listed(kinds: Any) -> list[Any]:
    """A schema's ``type`` as a list: it names one type (``"array"``) or several
    (``["string", "null"]``), and an error is worded the same either way."""
    return kinds if isinstance(kinds, list) else [kinds]


_SEPARATOR_BUT_SLASH = re.compile(r"(?:(?<!\s)\s*+)?(?:[,;|]|\bor\b)\s*+")


_SLASH = re.compile(r"(?<!\s)\s++/\s++")


LIST_SEPARATOR = re.compile(f"{_SEPARATOR_BUT_SLASH.pattern}|{_SLASH.pattern}")
"""How people part the items of a list written as one text: ``,``, ``;``, ``|``, ``or`` and a
``/`` between blanks (``n/a`` is one word)."""


# (Each takes a run of blanks before it whole, from where the run starts, and inside a run
# only a separator itself starts one (`gold, , silver`): tried from each blank of a long
# run, they took 10 s for 20 KB; found by review.)
_JOINING_WORD = re.compile(r"(?:or|and)\s+")


def list_items(text: str) -> list[str]:
    """The items of a list written as one text (:data:`LIST_SEPARATOR`): ``gold, silver, or
    platinum`` is three (the `or` after the last comma is no part of an item). A `` / ``
    parts words only: ``n / a`` and ``24 / 7`` stay whole (split, the lint hint made of
    ``contains: "n / a"`` a rule that matched nearly every text; found by review). The text
    itself when it holds no item."""
    items: list[str] = []
    for part in _SEPARATOR_BUT_SLASH.split(text.strip()):
        part = _JOINING_WORD.sub("", part, count=1) if _JOINING_WORD.match(part) else part
        words = _SLASH.split(part)
        if len(words) > 1 and all(len(w) >= 2 and not w.isdigit() for w in words):
            items += words
        elif part:
            items.append(part)
    return items or [text]


def list_hint(pointer: str, document: LoadedDocument, value: Any) -> str:
    """For a single value where a list is wanted (``in: gold, platinum``, ``between: 1-2``,
    ``in: 3``): the list written in brackets. Inside ``{...}`` YAML ends the value at its
    first comma and reads the rest as keys without values; those are gathered back."""
    tokens = pointer_tokens(pointer)
    # Asked of an operator's value or a rule's `event:`, never of the whole file.
    if not tokens:  # pragma: no cover
        return ""
    key = tokens[-1]
    items = items_meant(pointer, document, value)
    if key == "between" and len(items) != 2:  # `between: 1, 2, 3`: not `[1, 2, 3]`, too many
        return "write both bounds in brackets, lowest first: `between: [low, high]`"
    # A text in quotes kept whole stays text: `in: "12"` had been hinted `in: [12]`, a number,
    # which never equals a site's `"12"` (found by trial).
    quoted = isinstance(value, str) and written_in_quotes(document, pointer)
    whole = items == [value] and quoted
    if sent_as_text(document, tokens) or (quoted and _texts_listed(value, document, tokens)):
        if a_number(value):  # `in: 007` as the file writes it: YAML read 7, never `"007"`
            place = document.locate(pointer)
            items[0] = number_written(line_at(place)[place.column - 1 :] or None, value)
        return f"write a list in brackets: `{key}: {flow_list(unwrapped(items), _as_text)}"
    return (
        f"write a list in brackets: `{key}: {flow_list(unwrapped(items), flow if whole else None)}"
    )


def sent_as_text(document: LoadedDocument, tokens: list[str]) -> bool:
    """Whether the test holding the value at ``tokens`` is of a field events send as text, of
    no fixed set of values (:func:`free_text_field`): its items are then hinted in quotes, a
    number too. ``{field: store, in: 12, 14}`` had been hinted ``in: [12, 14]``, numbers,
    which never equal the `"12"` events send, and lint then said so (found by review)."""
    field = _tested_field(document, tokens)
    return field is not None and free_text_field(field)


def free_text_field(field: str) -> bool:
    """Whether events send ``field`` as text of no fixed set of values (`store`, not
    `severity`): a number in a test of it never matches, and its value is written in quotes."""
    info = _field_info(field)
    return info is not None and info.kinds - {"null"} == {"text"} and not info.enum


def _texts_listed(value: str, document: LoadedDocument, tokens: list[str]) -> bool:
    """Whether ``value``, written in quotes, is numbers listed (``"12, 14"``) in a test of a
    field not of numbers (one of the plan's own, `site.code`): the quotes say each is text.
    ``in: "12, 14"`` had been hinted ``in: [12, 14]``, numbers, which never equal the
    `"12"` such a field sends (found by review)."""
    if not _NUMBERS_LISTED.fullmatch(value):
        return False
    field = _tested_field(document, tokens)
    if field is None:
        return False
    info = _field_info(field)
    return info is None or "number" not in info.kinds


def _field_info(field: str) -> Any:
    """What the event schema says of ``field`` (None: a field of the plan's own)."""
    from engine.eventfields import resolve  # only for a value refused

    return resolve(field).info


def _tested_field(document: LoadedDocument, tokens: list[str]) -> str | None:
    """The field of the test holding the value at ``tokens`` (None: no field named)."""
    test = lookup(document.data, tuple(tokens[:-1]))
    field = test.get("field") if isinstance(test, dict) else None
    return field if isinstance(field, str) else None


def _as_text(item: Any) -> str:
    """An item of a list of texts in flow style, in quotes where YAML would read a number."""
    if not a_number(item):
        return flow(item)
    from engine.wording import show_number  # (slow to import: only for a number)

    return flow(show_number(item))


_NUMBERS_LISTED = re.compile(r"\s*[0-9]+(?:\s*[,;]\s+[0-9]+)+\s*")
"""Whole numbers parted by a comma or semicolon and a blank (``"12, 14"``): a list written in
one text in quotes, where a text of words may hold a comma of its own (``"Gold, Inc."``)."""


def items_meant(pointer: str, document: LoadedDocument, value: Any) -> list[Any]:
    """The items of the list a single value at ``pointer`` was meant as (see
    :func:`list_hint`), the rest of it that a comma in braces cut off gathered back."""
    tokens = pointer_tokens(pointer)
    key = tokens[-1]
    items: list[Any] = [value]
    if isinstance(value, str):
        bounds = _RANGE.fullmatch(value) if key == "between" else None
        if bounds is not None:
            items = [bounds[1], bounds[2]]
        elif LIST_SEPARATOR.search(value) and (
            not written_in_quotes(document, pointer) or _NUMBERS_LISTED.fullmatch(value)
        ):
            # "Gold, Inc." is one; `gold or platinum`, `rude; impolite` are two (they were
            # put in brackets as one text, which lint then warned of; found by review); and
            # "12, 14" in quotes is two sites (one text `"12, 14"` had been hinted)
            items = list_items(value)
    test = lookup(document.data, tuple(tokens[:-1]))
    # Always a mapping (a key's value is asked of); kept for the type checker's sake.
    if isinstance(test, dict):  # pragma: no branch  (before the bounds: `{between: 1, 2}`)
        holder = parent_pointer(pointer)
        items += _stray_items(
            test, key, lambda name: written_as_key(document, join_pointer(holder, name), name)
        )
    return items


def unwrapped(items: list[Any]) -> list[Any]:
    """The items of a list written in parentheses (``in: (late, cold)``, as Python and SQL
    write one) without them: YAML reads the parentheses as part of the text, and the hint had
    kept them in the first and last items (``["(late", "cold)"]``; found by review)."""
    first, last = items[0], items[-1]
    if not (
        len(items) > 1
        and isinstance(first, str)
        and isinstance(last, str)
        and first.startswith("(")
        and last.endswith(")")
    ):
        return items  # `in: (none)` alone may be meant as the text it is
    inner = [first[1:].lstrip(), *items[1:-1], last[:-1].rstrip()]
    return [item for item in inner if item != ""]


GLUED_DASH = re.compile(r"( *)-(?=[^\s-])")
"""A line that starts with a `-` and no blank after it (``-cold``): a list's item, glued."""


_BLOCK_ITEM = re.compile(r" *-(?:[ \t]+(.*)|(?=\S)|$)")
"""A line of a block list at its column: an item after `- `, or a `-` glued to its item."""


def block_items(lines: Iterable[str], column: int) -> list[str]:
    """The items written after `- ` at ``column`` (their comments off), from the first of
    ``lines`` to where that block list ends: a line less indented, or at the column and no
    item. Lines indented more (an item's own lines), blank lines, comments and items glued to
    their `-` are passed over. Given lines in reverse, the items above a line, nearest first."""
    items: list[str] = []
    for line in lines:
        text = line.lstrip(" ")
        indent = len(line) - len(text)
        if not text.strip() or text.startswith("#") or indent > column:
            continue
        found = _BLOCK_ITEM.match(line) if indent == column else None
        if found is None:
            break
        if found[1] is not None:
            items.append(without_comment(found[1]))
    return items


def without_comment(text: str) -> str:
    """A plain item as written on its line, without the comment after it."""
    return re.sub(r"[ \t]#.*", "", text).strip()


def settings_indent_hint(dash: int, settings: int) -> str:
    """For an item glued to its `-` at column ``dash`` (``-escalate:``) whose settings below
    it start at column ``settings`` (columns from 1): where to indent them, when they are in
    line with its name, or less, inside the item; once the `-` has its space they would be
    keys beside the name (actions of their own), not its settings. "" when they are further
    in, or are no settings of it (at the `-`'s column, or left of it)."""
    lined_up = dash < settings <= dash + 2
    return f", and indent its settings below it to column {dash + 4}" if lined_up else ""


def glued_dash(item: str, others: Collection[str]) -> tuple[str, str]:
    """What is wrong with a list's item written with no blank after its `-` (``-cold``),
    ``item`` the rest of it, and the hint; ``others``: the list's other items. A number may be
    the item without its blank (``- 5``) or a number below 0 without the `- ` of an item
    (``- -5``): both are said, and only the second where the list has the first already. The
    hint had said ``- 5`` for a ``-5`` below ``- 5`` (found by review)."""
    shown = as_written(item)
    spaced = f"put a space after the `-`: `- {shown}`"
    if not NUMBER.fullmatch(item) or item[0] in "+-":
        return "a list's item needs a space after its `-`", spaced
    below_zero = f"for the number -{shown}, put `- ` before it: `- -{shown}`"
    hint = below_zero if item in others else f"{spaced}; or, {below_zero}"
    return "a list's item needs `- ` (a dash and a space) before it", hint


def _stray_items(test: dict[str, Any], key: str, keyed: Callable[[str], bool]) -> list[str]:
    """The keys without values after ``key`` in a test, up to the next key with a value, that
    are no condition keys: the rest of a list YAML cut at its commas (``{field: tier, in:
    gold, platinum}``). Those after a key with a value are the rest of its own: ``hot`` of
    ``{in: late, cold, not_in: warm, hot}`` had been put in both lists (found by review). A key
    written with its colon (``keyed``) is the author's own: ``compensation: null`` below
    ``no_actions: compensate`` in a plan test had been taken for the list's second item."""
    names = list(test)[list(test).index(key) + 1 :]
    cut = next((at for at, name in enumerate(names) if test[name] is not None), len(names))
    return [
        item
        for name in names[:cut]
        if name not in CONDITION_KEYS and not keyed(str(name))
        # `or platinum` of `{in: gold, silver, or platinum}`
        for item in (list_items(name) if isinstance(name, str) else [name])
    ]


def flow_items(listed: str) -> list[Any]:
    """The items of a list written inside brackets, as YAML reads them there: quotes taken
    off and a comma inside them kept (``late, "a, b"``). Split at commas as they stood, the
    hint had kept the quotes in its items (``in: ["\\"gold\\""]``), a test that validates and
    never matches (found by review). Text YAML cannot read so is split as words (and text
    with a tag, ``[!!int late]``)."""
    items = yaml_value(f"[{listed}]")
    if isinstance(items, list) and all(not isinstance(i, (list, dict)) for i in items):
        return items
    return [item.strip("'\"") for item in list_items(listed)]
