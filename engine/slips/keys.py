"""The keys the hints know: where the plan schema allows which, which hold free text, and YAML's
merge key ``<<``.

A hint about where a key belongs follows the schema (:func:`plan_keys`, :func:`text_keys`);
the condition keys and the words people write for a rule's ``event:`` are read by the hints of
lists, of conditions and of rules; ``<<`` is refused wherever the schema takes any key
(:func:`merge_keys`, which ``engine.planfile`` and ``engine.caseevent`` call).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

from engine.documents import join_pointer
from engine.ecmaregex import pattern_search
from engine.model import OPERATORS
from engine.resources import load_schema

CONDITION_KEYS = {"field", "ignore_case", *OPERATORS}


EVENT_WORDS = frozenset({"on", "type", "types", "event_type", "event_types", "events"})
"""What people write for a rule's ``event:`` (which complaints it is for) on the rule itself."""


RULE_POINTER = re.compile(r"/rules/\d+")
"""The pointer of a rule (``fullmatch``: not of a key inside it)."""


def plan_keys(definition: str) -> dict[str, Any]:
    """The keys the plan schema allows in one of its definitions (``rule``, ``when``), as
    the schema writes them: a hint about where a key belongs follows the schema."""
    keys: dict[str, Any] = load_schema("plan")["$defs"][definition].get("properties", {})
    return keys


_EVERY_DECIDED_ACTION = ("rule", "purpose", "due")
"""What a decision writes for every action, whatever its type: its rule, purpose and deadline."""
_DECIDED_FOR = {"compensate": ("currency", "base"), "replace": ("free_of_charge",)}
"""What a decision writes for an action of one type beside the plan's own parameters
(``engine.actions.make_recipe``; an offer's sizing, ``PRICED``, is added below)."""


@functools.cache
def decided_params(action: str) -> frozenset[str]:
    """The parameters a decided action of a standard type (``reply_publicly``) can have, which a
    plan test may expect of it: those the plan schema gives the type, those every decided action
    has, and those deciding adds to it (an offer's ``amount`` and ``needs_approval``...), with
    ``message_contains`` where it has a message. The plan-test schema's list for each type
    (``action_params_of``) is held to it by a test: with one list for every action,
    ``reply_publicly: {chanel: email}`` had been told "did you mean `channel`", a channel no
    public reply has, and ``channel: email`` there passed the schema only to fail every case."""
    from engine.compensation import PRICED  # only for a test file's mistake

    own = load_schema("plan")["$defs"]["actions"][action].get("properties", {})
    computed = (*_DECIDED_FOR.get(action, ()), *(PRICED if action == "compensate" else ()))
    contains = ("message_contains",) if "message" in own else ()
    return frozenset((*own, *_EVERY_DECIDED_ACTION, *computed, *contains))


@functools.cache
def text_keys() -> frozenset[str]:
    """The keys whose value is free text wherever the plan schema has them (``title``,
    ``message``, ``owner``...: text whose start no pattern limits, :func:`_free_text`): a value
    there may start with any character, so when YAML reads it as something else, quotes are its
    mend, not brackets."""
    return _keys_holding(_free_text)


@functools.cache
def number_keys() -> frozenset[str]:
    """The keys whose value is a number wherever the plan schema has them (``percent``,
    ``amount``, ``max``, ``per_event_max``...): a value there that YAML cannot read
    (``percent: %15``) is mended by the number, where quotes would make it text, refused next."""
    return _keys_holding(
        lambda held: isinstance(held, dict) and held.get("type") in ("number", "integer")
    )


def _keys_holding(kind: Callable[[Any], bool]) -> frozenset[str]:
    """The keys whose schema is of ``kind`` wherever the plan schema has them."""
    kinds: dict[str, set[bool]] = {}
    stack: list[Any] = [load_schema("plan")]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for name, held in node.get("properties", {}).items():
                kinds.setdefault(name, set()).add(kind(held))
            stack.extend(node.values())
    return frozenset(name for name, of_kind in kinds.items() if of_kind == {True})


_YAML_STARTS = "-?:,[]{}#&*!|>'\"%@`"
"""The characters YAML reads as more than text at the start of a plain value."""


def _free_text(held: Any) -> bool:
    """Whether the schema ``held`` takes text starting with any character: text, no list of
    values, and no pattern, or one that takes every start YAML reads otherwise (``title``'s, which
    refuses blanks only). Given that pattern, ``title`` had stopped being free text, and
    ``title: - cold pizza`` was hinted the list ``["cold pizza"]`` (found by review)."""
    if not isinstance(held, dict) or held.get("type") != "string" or "enum" in held:
        return False
    pattern = held.get("pattern")
    return pattern is None or all(pattern_search(pattern)(f"{c}x") for c in _YAML_STARTS)


MERGE_KEY = (
    "`<<` (YAML's merge key) is not supported by Backplan",
    "write the keys out; an anchor (`&name`) may still stand for a whole value",
)


def merge_keys(value: Any, pointer: str) -> Iterator[str]:
    """The pointer of every key named ``<<`` in ``value`` (at ``pointer``), however deep.

    In free content (an event, a custom action's parameters) the schema takes any key, and
    YAML 1.2 reads ``<<: *base`` as one key named ``<<`` holding the anchored mapping, not as
    the keys of ``base`` merged in; no one means a key named ``<<``, so it is refused there
    with :data:`MERGE_KEY`.
    """
    stack: list[tuple[Any, str]] = [(value, pointer)]
    while stack:
        node, place = stack.pop()
        if isinstance(node, dict):
            if "<<" in node:
                yield join_pointer(place, "<<")
            stack.extend((item, join_pointer(place, key)) for key, item in node.items())
        elif isinstance(node, list):
            stack.extend((item, join_pointer(place, i)) for i, item in enumerate(node))


def keys_of(value: Any) -> list[str]:
    """The text keys of a mapping, in order; [] for any other value. A key YAML reads as
    something else (``1:``, ``null:``) is no name the schema knows, so a hint passes it over."""
    return [key for key in value if isinstance(key, str)] if isinstance(value, dict) else []


def first_key(value: Any) -> str | None:
    """``keys_of(value)[0]`` without listing all the keys (asked once per error of an item)."""
    return (
        next((key for key in value if isinstance(key, str)), None)
        if isinstance(value, dict)
        else None
    )
