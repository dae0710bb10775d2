"""A value of the wrong kind: what to write when the schema wanted another (:func:`type_hint`).

``"true"`` in quotes, ``yes``, a list given to an operator of one value (``eq: [yelp,
google]``), ``when:`` written as a list, rules written as a mapping, text in brackets: each
is a known slip with a hint of its own. :func:`type_hint` tries them in a fixed order, and the
first that applies is the hint.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any, NamedTuple

from engine.durations import MAX_DURATION, DurationError, parse_duration
from engine.model import LIST_OPERATORS, OPERATORS
from engine.slips.lists import braced_list_hint
from engine.slips.numbers import number_hint
from engine.slips.written import as_written, flow, flow_hint, flow_list, key_and_value
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
    (``currency``: the plan's, when known, named in the hint for an amount written with one).
    The slips of :data:`_KIND_SLIPS` are tried in order: the first that knows the value gives
    the hint, even an empty one."""
    wrong = _Wrong(kinds, value, schema, key, currency)
    return _first_hint(_KIND_SLIPS, wrong)


class _Wrong(NamedTuple):
    """A value of the wrong kind, as :func:`type_hint` was given it."""

    kinds: list[Any]
    """The kinds the schema wanted."""
    value: Any
    schema: dict[str, Any]
    """The schema of the value's place."""
    key: str
    """The key the value is under ("": an item of a list)."""
    currency: str | None
    """The plan's currency, when known."""


def _first_hint(slips: tuple[Callable[[_Wrong], str | None], ...], wrong: _Wrong) -> str:
    """The hint of the first of ``slips`` that knows ``wrong`` (None: not theirs), else ""."""
    for slip in slips:
        hint = slip(wrong)
        if hint is not None:
            return hint
    return ""


def _yes_or_no_as_text(wrong: _Wrong) -> str | None:
    """A yes or no written as text: a YAML 1.1 word (``yes``), ``true`` in quotes, or written
    in capitals or with blanks around it."""
    value = wrong.value
    if "boolean" not in wrong.kinds or not isinstance(value, str):
        return None
    if value.lower() in _YAML_1_1_BOOLEANS:
        return f"write `true` or `false`; Backplan reads `{value}` as text"
    if value in _BOOLEANS:
        return f"write `{value}` without quotes: in quotes it is text"
    if value.strip().lower() in _BOOLEANS:
        return f"write `{value.strip().lower()}` as a plain word, in lower case; this is text"
    return None


_SITES_SHOWN = 5
"""The most of the names written under ``enabled:`` that :func:`_enabled_for_some` shows."""

_LEFT_OUT_WORDS = frozenset(
    {"except", "exclude", "excluding", "excluded", "not", "not_in", "but", "without", "skip"}
    | {"off", "disable", "disabled", "except_sites", "except_stores", "none_of"}
)
"""Words saying the sites named are the ones the rule is off for (``{except: [Site 12]}``)."""

_ONLY_WORDS = frozenset(
    {"only", "include", "including", "in", "sites", "stores", "site", "store", "for", "at"}
    | {"enable", "enabled", "only_sites", "only_stores", "one_of", "any_of"}
)
"""Words saying the sites named are the only ones the rule is on for (``{only: [Site 12]}``)."""


def _enabled_for_some(wrong: _Wrong) -> str | None:
    """A rule's ``enabled:`` given sites (``enabled: {except: [Site 12]}``, ``enabled: [Site
    1, Site 2]``, ``enabled: not Site 12``): a manager switching a rule on or off for some
    sites only. ``enabled`` is one switch for every complaint; the sites are a test of the
    rule's ``when:``, left out (``not:``) or the only ones (``all:``) as the words written
    say. It had been told only "expected true or false" with no hint at all (found by
    trial); then ``{only: [A]}`` and a list of sites, the sites the rule is on for, were told
    to leave them out, the reverse (found by review). Nothing is said of a number, a list of
    no sites or nothing: no sites are given (``enabled: 0``)."""
    if wrong.key != "enabled" or "boolean" not in wrong.kinds or isinstance(wrong.value, bool):
        return None
    names = _names_under(wrong.value)
    if not names and not isinstance(wrong.value, (str, dict)):
        return None
    sites = flow(names) if names and len(names) <= _SITES_SHOWN else "[Site 12]"
    left_out = f"`not: {{field: store, in: {sites}}}`"
    only = f"`all: [{{field: store, in: {sites}}}]`"
    sense = _sense_of_sites(wrong.value)
    if sense == "left out":
        instead = f"to leave it out for some sites, test them in its `when:` instead: {left_out}"
    elif sense == "only":
        instead = f"to fire it for some sites only, test them in its `when:` instead: {only}"
    else:
        instead = (
            f"to leave it out for some sites, test them in its `when:` instead: {left_out}, "
            f"or to fire it for those sites only: {only}"
        )
    return f"write `true` or `false`: it switches the rule on or off for every complaint; {instead}"


def _sense_of_sites(value: Any) -> str:
    """Whether the sites written under ``enabled:`` are the ones "left out" (``{except: [A]}``,
    ``except A``, ``{A: false}``) or the "only" ones (a list, ``{only: [A]}``, ``{A: true}``),
    or "" when the words do not say."""
    if isinstance(value, list):
        return "only"
    if isinstance(value, str):
        words = [word.lower() for word in re.findall(r"[^\W\d_]+", value)]
        return "left out" if _LEFT_OUT_WORDS.intersection(words) else ""
    if not isinstance(value, dict) or not value:
        return ""
    if all(isinstance(on, bool) for on in value.values()):  # `{ATH-001: false}`
        return "" if len(set(value.values())) > 1 else "only" if any(value.values()) else "left out"
    keys = {str(key).lower().replace("-", "_") for key in value}
    return "left out" if keys <= _LEFT_OUT_WORDS else "only" if keys <= _ONLY_WORDS else ""


def _names_under(value: Any) -> list[str]:
    """The texts of a list, of the values of a mapping (``{except: [Site 12]}``), or of the
    keys of a mapping of yes or no (``{Site 12: false}``), in the order written; none for
    anything else."""
    if isinstance(value, dict) and value and all(isinstance(v, bool) for v in value.values()):
        return [key for key in value if isinstance(key, str) and key.strip()]
    values = list(value.values()) if isinstance(value, dict) else [value]
    found: list[str] = []
    for item in values:
        items = item if isinstance(item, list) else [item]
        if not all(isinstance(name, str) and name.strip() for name in items):
            return []
        found.extend(items)
    return found if isinstance(value, (dict, list)) else []


def _conditions_misshapen(wrong: _Wrong) -> str | None:
    """A list given to an operator of one value (``eq: [yelp, google]``), the conditions of
    ``all:`` or ``any:`` written as a mapping, or several conditions under ``not:``."""
    kinds, value, key = wrong.kinds, wrong.value, wrong.key
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
    return None


def _number_as_text_or_nothing(wrong: _Wrong) -> str | None:
    """Text where a number goes (:func:`number_hint`), or nothing where text goes."""
    kinds, value, key = wrong.kinds, wrong.value, wrong.key
    if ("number" in kinds or "integer" in kinds) and isinstance(value, str):
        return number_hint(value, key, wrong.currency)
    if kinds == ["string"] and value is None and key:  # `owner:` with nothing after it
        return f"write the text after `{key}: ` (YAML reads an empty value, or `~`, as nothing)"
    return None


def _mapping_for_one_value(wrong: _Wrong) -> str | None:
    """A mapping where one value goes: after an operator that compares (``eq: {yelp}``,
    ``lte: {field: x}``), or a placeholder's braces that YAML read as one
    (``message: {customer.first_name}``)."""
    kinds, value, key = wrong.kinds, wrong.value, wrong.key
    if key in _VALUE_OPERATORS and isinstance(value, dict):  # `eq: {yelp}`, `lte: {field: x}`
        return _mapping_to_compare_hint(value, key)
    if "string" in kinds and isinstance(value, dict) and len(value) == 1:
        [(name, inner)] = value.items()
        if inner is None and re.fullmatch(SLOT_TEXT, f"{{{name}}}"):
            # `message: {customer.first_name}`: YAML read the field's braces as a mapping

            name = as_written(name)
            return f'text that starts with `{{` must be in quotes: `{key}: "{{{name}}}"`'
    return None


def _mapping_for_a_list(wrong: _Wrong) -> str | None:
    """A mapping where a list goes: items written without their ``- ``, a list in braces
    (``in: {late, cold}``), or a mapping after an operator of a list (``in: {value: 3}``)."""
    kinds, value, key = wrong.kinds, wrong.value, wrong.key
    if kinds == ["array"] and isinstance(value, dict) and value and key in _ITEMS_OF:
        return _items_hint(key, value)
    if braced := braced_list_hint(kinds, value, key):  # `in: {late, cold}`
        return braced
    if key in LIST_OPERATORS and isinstance(value, dict) and value:  # `in: {value: 3}`
        return _mapping_to_list_hint(value, key, wrong.schema)
    return None


def _list_for_text(wrong: _Wrong) -> str | None:
    """A list where one text goes: several recipients (``to: [boss, manager]``), or one text
    in brackets (``title: ["x"]``)."""
    kinds, value, key = wrong.kinds, wrong.value, wrong.key
    if kinds == ["string"] and key in ("to", "owner") and isinstance(value, list) and value:
        first = flow_hint(value[0])  # `to: [boss, manager]`: one recipient per action
        return (
            f"`{key}` names one person, role or team: write one (`{key}: {first}`), or one "
            "action for each"
        )
    if kinds == ["string"] and key and isinstance(value, list) and _one_text(value):
        return f"write the text without brackets: `{key}: {flow(value[0])}`"  # `title: ["x"]`
    return None


def _rules_not_listed(wrong: _Wrong) -> str | None:
    """``rules:`` with nothing after it, or with text (``rules: late-order``)."""
    value = wrong.value
    if (
        wrong.kinds == ["array"]
        and wrong.key == "rules"
        and (value is None or isinstance(value, str))
    ):
        return (  # `rules:` with nothing after it, or `rules: late-order`
            "write each rule as a list item under `rules:`: `- id: late-delivery`, with its "
            "`title:`, `when:` and `then:` under it (`backplan init` writes a plan to start from)"
        )
    return None


def _not_an_object(wrong: _Wrong) -> str | None:
    """Anything where a mapping goes: the slips of :data:`_OBJECT_SLIPS`, tried in order; ""
    when none knows it (no other slip is tried after this one)."""
    if wrong.kinds != ["object"]:
        return None
    return _first_hint(_OBJECT_SLIPS, wrong)


def _prefix(key: str) -> str:
    """``key: ``, to show a value under its key ("" for an item of a list)."""
    return f"{key}: " if key else ""


def _nothing_for_an_object(wrong: _Wrong) -> str | None:
    """Nothing where a mapping goes: ``{}`` when the mapping may be empty, else the item of a
    list of rules left with its ``- `` alone."""
    value, key, schema = wrong.value, wrong.key, wrong.schema
    if value is None and not schema.get("required") and not schema.get("minProperties"):
        return f"write `{_prefix(key)}{{}}` when there is nothing to set"  # (`{}` is taken)
    if value is None and not key:  # `-` with nothing after it, in a list of rules
        return "write the item after its `- `, or remove the `- ` with nothing after it"
    return None


def _settings_listed(wrong: _Wrong) -> str | None:
    """Settings written as list items, one a ``- `` (``- kind: voucher``, ``- percent: 20``)."""
    value = wrong.value
    if isinstance(value, list) and value and all(_one_pair(item) for item in value):
        merged = {name: inner for item in value for name, inner in item.items()}
        if len(merged) == len(value):  # `- kind: voucher` `- percent: 20`: settings listed
            return f"remove the `- ` before each setting: `{_prefix(wrong.key)}{flow(merged)}`"
    return None


def _listed_by_mistake(wrong: _Wrong) -> str | None:
    """A list where one mapping goes: ``when:`` written as a list of tests, rules put under
    ``conditions:``, or one mapping made a list by a ``- ``."""
    value, key = wrong.value, wrong.key
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
        return f"remove the `- `: `{key}:` holds one mapping, not a list: `{_prefix(key)}{shown}`"
    return None


def _text_for_an_object(wrong: _Wrong) -> str | None:
    """Text where a mapping goes: a file named where a plan test's event goes, settings
    written with ``=``, or a plan's ``plan:`` written as its currency."""
    value, key, schema = wrong.value, wrong.key, wrong.schema
    if key == "event" and isinstance(value, str) and _EVENT_FILE.search(value):
        return _event_file_hint(value)
    if isinstance(value, str) and (equals := _equals_hint(value, schema)):
        return equals
    if key == "plan" and (as_currency := _plan_as_text_hint(value, schema)):
        return as_currency
    return None


def _object_example(wrong: _Wrong) -> str | None:
    """The schema's first example of the mapping, when it has one."""
    examples = wrong.schema.get("examples")
    if examples:
        return f"for example: `{_prefix(wrong.key)}{flow(examples[0])}`"
    return None


_KIND_SLIPS: tuple[Callable[[_Wrong], str | None], ...] = (
    _yes_or_no_as_text,
    _enabled_for_some,
    _conditions_misshapen,
    _number_as_text_or_nothing,
    _mapping_for_one_value,
    _mapping_for_a_list,
    _list_for_text,
    _rules_not_listed,
    _not_an_object,
)
"""The slips :func:`type_hint` tries, in order: the first that knows the value (its answer is
not None) gives the hint, so an earlier one wins over a later one (a number's text is told
before a mapping's)."""

_OBJECT_SLIPS: tuple[Callable[[_Wrong], str | None], ...] = (
    _nothing_for_an_object,
    _settings_listed,
    _listed_by_mistake,
    _text_for_an_object,
    _object_example,
)
"""The slips :func:`_not_an_object` tries, in order, where a mapping goes."""


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
