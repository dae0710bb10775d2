"""A value of the wrong kind: what to write when the schema wanted another (:func:`type_hint`).

``"true"`` in quotes, ``yes``, a list given to an operator of one value (``eq: [yelp,
google]``), ``when:`` written as a list, rules written as a mapping, text in brackets: each
is a known slip with a hint of its own. :func:`type_hint` tries them in a fixed order, and the
first that applies is the hint.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from engine.durations import MAX_DURATION, DurationError, parse_duration
from engine.model import LIST_OPERATORS, OPERATORS
from engine.slips.lists import braced_list_hint
from engine.slips.numbers import number_hint
from engine.slips.written import as_written, flow, flow_list, key_and_value
from engine.templates import SLOT_TEXT

_YAML_1_1_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}


def _one_pair(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1


_UNIT_NAMES = (("d", "days"), ("h", "hours"), ("m", "minutes"), ("w", "weeks"))
"""The units a number written alone where a duration goes is offered with, days first: a
plan's deadline of a number alone is most often days (``within: 14``, a fortnight)."""


_MOST_MINUTES = MAX_DURATION // timedelta(minutes=1)


def unit_left_out_hint(value: Any, key: str) -> str:
    """The hint for a whole number written alone where a duration goes (``within: 14``): the
    number with each unit that keeps it within a year (``14d``, ``14h``...), so the manager
    picks the one meant; the general hint had said only how a duration is written (found by
    review). "" for any other value (``0``, ``1.5``, a number beyond a year in every unit, a
    yes or no)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= _MOST_MINUTES:
        return ""  # (beyond a year's minutes no unit fits: nor is a number of 5,000 digits
        # written out, which Python refuses)
    offered = []
    for unit, name in _UNIT_NAMES:
        try:
            parse_duration(f"{value}{unit}")
        except DurationError:  # longer than a year
            continue
        offered.append(f"`{value}{unit}` for {name}")
    if not offered:
        return ""
    from engine.wording import join_words  # only for this mistake: wording is slow to import

    offered[0] = f"`{key}: {offered[0][1:]}"
    return "write the number with its unit: " + join_words(offered, "or")


def type_hint(
    kinds: list[Any], value: Any, schema: dict[str, Any], key: str, currency: str | None = None
) -> str:
    """How to write a value of the wanted kind, when the schema gives no hint of its own
    (``currency``: the plan's, when known, named in the hint for an amount written with one)."""
    if "boolean" in kinds and isinstance(value, str) and value.lower() in _YAML_1_1_BOOLEANS:
        return f"write `true` or `false`; Backplan reads `{value}` as text"
    if "boolean" in kinds and isinstance(value, str) and value in _BOOLEANS:
        return f"write `{value}` without quotes: in quotes it is text"
    if "boolean" in kinds and isinstance(value, str) and value.strip().lower() in _BOOLEANS:
        return f"write `{value.strip().lower()}` as a plain word, in lower case; this is text"
    if _scalar_given_a_list(kinds, value) and key in ONE_VALUE_OPERATORS:
        return one_value_hint(key, value)
    if kinds == ["array"] and key in ("all", "any") and isinstance(value, dict) and value:
        example = f" (`- {flow(value)}`)" if _one_condition(value) else ""
        return f"`{key}:` holds a list of conditions: start each with `- `{example}, one under the other"
    if kinds == ["object"] and key == "not" and isinstance(value, list) and len(value) > 1:
        return (
            "`not:` takes one condition; to say that none of these holds, put them under "
            "`any:` (`not: {any: [...]}`), or that not all of them hold, under `all:`"
        )
    if ("number" in kinds or "integer" in kinds) and isinstance(value, str):
        return number_hint(value, key, currency)
    if kinds == ["string"] and value is None and key:  # `owner:` with nothing after it
        return f"write the text after `{key}: ` (YAML reads an empty value, or `~`, as nothing)"
    if key in _VALUE_OPERATORS and isinstance(value, dict):  # `eq: {yelp}`, `lte: {field: x}`
        return _mapping_to_compare_hint(value, key)
    if "string" in kinds and isinstance(value, dict) and len(value) == 1:
        [(name, inner)] = value.items()
        if inner is None and re.fullmatch(SLOT_TEXT, f"{{{name}}}"):
            # `message: {customer.first_name}`: YAML read the field's braces as a mapping

            name = as_written(name)
            return f'text that starts with `{{` must be in quotes: `{key}: "{{{name}}}"`'
    if kinds == ["array"] and isinstance(value, dict) and value and key in _ITEMS_OF:
        return _items_hint(key, value)
    if braced := braced_list_hint(kinds, value, key):  # `in: {late, cold}`
        return braced
    if key in LIST_OPERATORS and isinstance(value, dict) and value:  # `in: {value: 3}`
        return _mapping_to_list_hint(value, key, schema)
    if kinds == ["string"] and key in ("to", "owner") and isinstance(value, list) and value:
        first = as_written(flow(value[0]))  # `to: [boss, manager]`: one recipient per action
        return (
            f"`{key}` names one person, role or team: write one (`{key}: {first}`), or one "
            "action for each"
        )
    if kinds == ["string"] and key and isinstance(value, list) and _one_text(value):
        return f"write the text without brackets: `{key}: {flow(value[0])}`"  # `title: ["x"]`
    if kinds == ["array"] and key == "rules" and (value is None or isinstance(value, str)):
        return (  # `rules:` with nothing after it, or `rules: late-order`
            "write each rule as a list item under `rules:`: `- id: late-delivery`, with its "
            "`title:`, `when:` and `then:` under it (`backplan init` writes a plan to start from)"
        )
    if kinds == ["object"]:
        prefix = f"{key}: " if key else ""
        if value is None and not schema.get("required") and not schema.get("minProperties"):
            return f"write `{prefix}{{}}` when there is nothing to set"  # (`{}` is taken)
        if value is None and not key:  # `-` with nothing after it, in a list of rules
            return "write the item after its `- `, or remove the `- ` with nothing after it"
        if isinstance(value, list) and value and all(_one_pair(item) for item in value):
            merged = {name: inner for item in value for name, inner in item.items()}
            if len(merged) == len(value):  # `- kind: voucher` `- percent: 20`: settings listed
                return f"remove the `- ` before each setting: `{prefix}{flow(merged)}`"
        if key == "when" and isinstance(value, list) and _has_tests(value):
            return _when_listed(value)
        if key == "conditions" and isinstance(value, list) and _are_rules(value):
            # removing the `- ` made each rule key a condition: five errors for one (review)
            return (
                "these are rules (each has `when:` or `then:`): put them under `rules:`; "
                "`conditions:` holds named conditions the rules share, each a name and its tests"
            )
        if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict):
            # `when:` then `- event: review` and `all:` under it: one mapping, made a list
            shown = "" if _holds_nothing(value[0]) else flow(value[0])
            if not key:  # an item of a list: `- - field: rating`
                return "remove the extra `- `: this item is one mapping" + (
                    f", `{shown}`" if shown else ""
                )
            if not shown:
                return f"remove the `- `: `{key}:` holds one mapping, not a list"
            return f"remove the `- `: `{key}:` holds one mapping, not a list: `{prefix}{shown}`"
        if key == "event" and isinstance(value, str) and _EVENT_FILE.search(value):
            return _event_file_hint(value)
        if isinstance(value, str) and (equals := _equals_hint(value, schema)):
            return equals
        if key == "plan" and (as_currency := _plan_as_text_hint(value, schema)):
            return as_currency
        examples = schema.get("examples")
        if examples:
            return f"for example: `{prefix}{flow(examples[0])}`"
    return ""


def _plan_as_text_hint(text: Any, schema: dict[str, Any]) -> str:
    """For a plan's ``plan:`` section written as a currency (``plan: EUR``, ``plan: euros``):
    what the section holds, and the section with that currency. It had been given the
    schema's example alone, in USD, which said nothing of what the section is nor of the EUR
    written (found by review). "" for other text, which is no setting to be sure of (``shop
    = Acme``): the example is given."""
    if not isinstance(text, str) or "currency" not in schema.get("properties", {}):
        return ""  # (`plan:` of a plan-test file names the plan's file)
    from engine.currencies import currency_meant  # only for this slip

    code = currency_meant(text)
    if code is None:
        return ""
    return (
        "`plan:` is a section: the plan's settings go under it, each a key and its value, "
        f'`name` and `currency` at least: write `plan: {{name: "Your Business", currency: {code}}}`'
    )


_KEY_EQUALS = re.compile(r"([\w-]+)[ \t]*=[ \t]*(.*)")
"""A key of a mapping written with `=` as a TOML or INI file writes it (``name = Acme``), and
what follows it."""


def _equals_hint(text: str, schema: dict[str, Any]) -> str:
    """The hint for a mapping YAML read as one text because its keys are written with `=`
    (``plan:`` then ``name = Acme`` as its last line): a colon in place of the `=`, with the
    value when there is one. ``name =`` with nothing after it had been given the section's
    example only, with nothing said of the `=` (found by review). "" unless the text starts
    with one of the mapping's keys (``schema``'s properties) and an `=`."""
    pair = _KEY_EQUALS.fullmatch(text.strip())
    if pair is None or pair[1] not in schema.get("properties", {}):
        return ""
    key, rest = as_written(pair[1]), pair[2]
    if not rest:
        return (
            f"a plan writes a colon after a key, not `=`, and the value after it on the same "
            f"line: `{key}: ` followed by it"
        )
    if _KEY_EQUALS.search(rest):  # several keys, their lines joined by YAML
        return "write each `key = value` as `key: value`, on its own line"
    return f"write a colon in place of the `=`: `{key_and_value(pair[1], rest)}`"


def _holds_nothing(value: Any) -> bool:
    """Whether a mapping holds a key without a value, at any depth: one YAML made
    (``{field: rating, lte: 1,5}`` is ``lte: 1`` and a key ``5``) or one left empty
    (``within:``). Written back (:func:`flow`), it shows ``5: null``, which the manager never
    wrote, so such a mapping is not quoted (found by review)."""
    if isinstance(value, dict):
        return any(inner is None or _holds_nothing(inner) for inner in value.values())
    return isinstance(value, list) and any(_holds_nothing(item) for item in value)


_EVENT_FILE = re.compile(r"\.(json|ya?ml)\s*$", re.IGNORECASE)
"""The end of a file name a plan test's event is read from."""


def _event_file_hint(name: str) -> str:
    """For a plan test's ``event: events/late.json``: a file is named by ``event_file:``. The
    hint had been an example event written out, as if an event could not come from a file."""
    return (
        f"to read the event from a file, write `event_file: {as_written(name.strip())}`; "
        "`event:` holds the event itself, written out"
    )


_VALUE_OPERATORS = frozenset(
    ("eq", "ne", "lt", "lte", "gt", "gte", "contains", "starts_with", "ends_with", "matches")
)
"""The operators whose value is one plain value (text, a number...), never a mapping."""


_ORDERING = frozenset(("lt", "lte", "gt", "gte"))


def _mapping_to_compare_hint(value: dict[str, Any], key: str) -> str:
    """For a mapping given to an operator of one value: ``eq: {yelp}`` (braces around a word
    make a mapping in YAML) is that word; ``lte: {field: survey.score}`` asks for what the
    language does not do, comparing two fields. Both had been hinted as a message's slot
    (``eq: "{yelp}"``), which would compare the field with the text ``{yelp}``, braces and all,
    or had no hint (``ne: {x: y}``)."""
    if len(value) == 1 and None in value.values():
        [word] = value
        shown = as_written(str(word))  # as written: `{3}` is a key read as text, `3` meant
        return f"write the value without braces (braces make a mapping): `{key}: {shown}`"
    example = {"eq": "`eq: late` or `eq: 3`", "ne": "`ne: late` or `ne: 3`"}.get(key)
    example = example or (f"`{key}: 3`" if key in _ORDERING else f"`{key}: late`")
    if "field" in value:
        return _two_fields(key, "a value", example)
    return f"`{key}:` takes one value, written after it without braces: {example}"


def _two_fields(key: str, what: str, example: str) -> str:
    """The hint for an operator given ``{field: ...}``: another field of the event to compare
    with, which the language does not do."""
    return (
        f"`{key}:` compares the field with {what} written in the plan ({example}); a test "
        "cannot compare two fields of the event"
    )


_NAMED_VALUES = frozenset(("value", "values"))
"""The names a manager gives the values of a list operator, as a parameter's
(``in: {value: 3}``)."""


def _mapping_to_list_hint(value: dict[Any, Any], key: str, schema: dict[str, Any]) -> str:
    """For a mapping given to an operator of a list, other than words in braces (``in: {late,
    cold}``, hinted as a list by :func:`~engine.slips.lists.braced_list_hint`), which had no
    hint: ``in: {value: 3}`` names the values as a parameter's, written ``in: [3]``;
    ``in: {field: x}`` asks to compare two fields; ``in: {gold: 1, silver: 2}`` pairs names
    with values, and either may be meant, so both lists are shown; anything else is told
    the list to write, the schema's example."""
    examples = schema.get("examples") or [["late", "cold"]]
    example = f"`{key}: {flow_list(examples[0])}"
    if "field" in value:
        return _two_fields(key, "values", example)
    if len(value) == 1 and (name := next(iter(value))) in _NAMED_VALUES:
        inner = value[name]
        items = inner if isinstance(inner, list) else [inner]
        if items and all(_plain(item) for item in items):
            return f"write the values in brackets, without `{name}:`: `{key}: {flow_list(items)}"
    if all(_plain(name) and _plain(inner) and inner is not None for name, inner in value.items()):
        return (
            f"`{key}:` takes a list in brackets, not names with values: `{key}: "
            f"{flow_list(list(value))} (what is before each `:`) or `{key}: "
            f"{flow_list(list(value.values()))} (what is after it)"
        )
    return f"`{key}:` takes a list of values in brackets, not a mapping: {example}"


def _plain(value: Any) -> bool:
    """Whether ``value`` is one plain value an operator's list may hold (text, a number, true
    or false, empty), not a list or a mapping."""
    return not isinstance(value, dict | list)


def _one_text(items: list[Any]) -> bool:
    """Whether a list is one text (``["x"]``): text in brackets where text alone is wanted,
    which had no hint (found by review)."""
    return len(items) == 1 and isinstance(items[0], str)


def _are_rules(items: list[Any]) -> bool:
    """Whether every item of a list looks like a rule: a mapping with ``then:`` or ``when:``."""
    return all(isinstance(item, dict) and ("then" in item or "when" in item) for item in items)


def _has_tests(items: list[Any]) -> bool:
    """Whether a list written for ``when:`` holds a field test (which ``when:`` cannot hold
    directly: removing the ``- `` would only trade this mistake for ``misplaced-test``)."""
    return all(isinstance(item, dict) for item in items) and any("field" in i for i in items)


def _when_listed(items: list[dict[str, Any]]) -> str:
    """The hint for ``when:`` written as a list of tests (and perhaps ``- event: ...``): one
    mapping, every event type kept (a list of them when there are several), the tests under
    ``all:``."""
    events: list[Any] = []
    tests: list[dict[str, Any]] = []
    for item in items:
        kind = item.get("event")
        events.extend(kind if isinstance(kind, list) else [] if kind is None else [kind])
        rest = {key: value for key, value in item.items() if key != "event"}
        if rest:
            tests.append(rest)
    kinds: list[Any] = []
    for kind in events:  # in order, each once (a mapping written as a type is kept, unhashed)
        if kind not in kinds:
            kinds.append(kind)
    head: dict[str, Any] = {"event": kinds[0] if len(kinds) == 1 else kinds} if kinds else {}
    mended = flow({**head, "all": tests})
    return (
        "`when:` holds one mapping, not a list: put the tests under `all:` (each must hold) "
        f"or `any:` (one is enough): `when: {mended}`"
    )


_BOOLEANS = {"true", "false"}


ONE_VALUE_OPERATORS = {
    "eq": "in",
    "ne": "not_in",
    "contains": "contains_any",
    "starts_with": None,
    "ends_with": None,
}
"""Operators that compare with one value, and the one that takes a list of them (if any)."""


def _scalar_given_a_list(kinds: list[Any], value: Any) -> bool:
    """Whether a list of plain values (at least one) was given where one plain value is wanted:
    an operator's value, not a named condition or a list that could be meant as one."""
    return (
        isinstance(value, list)
        and bool(value)
        and not any(isinstance(item, (list, dict)) for item in value)
        and not {"array", "object"} & set(kinds)
    )


_CONDITION_GROUPS = frozenset(("all", "any", "not", "use"))


def _one_condition(value: dict[str, Any]) -> bool:
    """Whether a mapping is exactly one condition (a field and one operator, or one group), so
    that it may be shown as a list's item; several written together are not one item."""
    keys = set(value)
    if len(keys) == 1:
        return bool(keys & _CONDITION_GROUPS)
    operators = keys - {"field", "ignore_case"}
    return "field" in keys and len(operators) == 1 and operators <= set(OPERATORS)


def one_value_hint(key: str, value: list[Any]) -> str:
    """For a list given to an operator of one value (``eq: [yelp, google]``): the operator
    that takes the list, or one condition per value under ``any:``."""
    listing = ONE_VALUE_OPERATORS[key]
    shown = flow(value)
    if listing is None:
        return f"`{key}` takes one text: write a condition for each under `any:`"
    if key == "contains":
        return (
            f"to find any of these words, write `contains_any: {shown}`; "
            f"all of them, `contains_all: {shown}`"
        )
    meaning = "any of these values" if key == "eq" else "none of these values"
    return f"to match {meaning}, write `{listing}: {shown}`"


_ITEMS_OF = {"rules": "rule", "cases": "case"}
"""The lists of mappings a plan or a plan-test file holds at its top, always written as
blocks, and what their items are called."""


def _items_hint(key: str, value: dict[str, Any]) -> str:
    """For a list of mappings written as a mapping (``rules:`` then ``id: a`` with no ``- ``):
    each item starts with ``- ``, before its first key."""
    first = next(iter(value))
    shown = value[first]
    first = as_written(str(first))
    written = f"- {first}:" if isinstance(shown, (dict, list)) or shown is None else None
    written = written or f"- {first}: {flow(shown)}"
    item = _ITEMS_OF[key]
    return (
        f"start each {item} with `- ` before its first key (`{written}`), and indent its other "
        f"keys two more spaces, to line up with `{first}:`"
    )
