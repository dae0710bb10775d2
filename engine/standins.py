"""A rule (or named condition) the schema refused, mended with stand-ins so the rest of it can
still be checked.

A rule with one mistake (a misspelt event type, a missing title, an unknown operator in one
condition) used to be set aside whole by ``engine.soundparts``, so a deadline over a year or a
broken template elsewhere in it showed up only once that mistake was fixed. Here each refused
part of the rule is replaced by a stand-in of its kind that no check finds anything in (an
action ``x-stand-in: {}``, a condition ``{field: id, exists: true}``, the event type
``complaint``); a missing title, ``when`` or list of actions gets one too, and an unknown key is
left out. Lists keep their length, so every other part keeps its place (its JSON pointer, and
so its line and column in messages). The mended rule is used only if the schema accepts it;
otherwise the rule stays set aside whole, as before.

A named condition is mended the same way, condition by condition (:func:`mended_condition`),
unless it is refused as a whole (two operators, a name that is not valid).

The stand-ins are never reported, and never decide anything: the mended rule is built only to
be checked, by ``engine.soundparts``, while the plan's schema errors are reported beside it.
"""

from __future__ import annotations

import copy
from collections.abc import Collection
from typing import Any

from engine.documents import pointer_tokens
from engine.model import OPERATORS
from engine.schema import plan_data_is_valid

STAND_IN_ACTION: dict[str, Any] = {"x-stand-in": {}}
STAND_IN_CONDITION: dict[str, Any] = {"field": "id", "exists": True}
STAND_IN_EVENT = "complaint"
STAND_IN_WHEN: dict[str, Any] = {"event": STAND_IN_EVENT}
STAND_IN_TITLE = "(stand-in)"

_ACTION_LISTS = ("then", "prevent")
_CONDITION_LISTS = frozenset({"all", "any"})


def mended_rule(rule: Any, refused: Collection[str]) -> tuple[dict[str, Any], list[Any]] | None:
    """The rule with a stand-in for each part the schema refused (``refused``: the pointers of
    its problems, relative to the rule), and the values replaced; None when it cannot be mended
    (its id is refused, it is no mapping, or the schema still refuses it)."""
    if rule.__class__ is not dict or "id" not in rule:
        return None
    mended = copy.deepcopy(rule)
    replaced: list[Any] = []
    for tokens in _deepest_first(refused):
        if tokens[:1] == ["id"]:
            return None
        _mend(mended, tokens, replaced)
    _fill_missing(mended)
    if not plan_data_is_valid({"backplan": 1, "rules": [mended]}):
        return None
    return mended, replaced


def mended_condition(
    condition: Any, refused: Collection[str]
) -> tuple[dict[str, Any], list[Any]] | None:
    """A named condition with a stand-in for each part the schema refused (``refused``: the
    pointers of its problems, relative to it), and the values replaced; None when it cannot be
    mended (it is refused as a whole, or the schema still refuses it)."""
    if condition.__class__ is not dict or not refused or "" in refused:
        return None
    mended = copy.deepcopy(condition)
    replaced: list[Any] = []
    for tokens in _deepest_first(refused):
        if tokens[0] in mended:
            _mend_condition(mended, tokens, replaced)
    if not _still_a_condition(mended):
        return None
    if not plan_data_is_valid({"backplan": 1, "conditions": {"stand-in": mended}}):
        return None
    return mended, replaced


def _deepest_first(refused: Collection[str]) -> list[list[str]]:
    """The refused pointers' tokens, the longest first: a part inside another is mended before
    the other is asked about."""
    return [pointer_tokens(pointer) for pointer in sorted(refused, key=len, reverse=True)]


def _mend(rule: dict[str, Any], tokens: list[str], replaced: list[Any]) -> None:
    """Put a stand-in in place of the part of ``rule`` a problem at ``tokens`` lies in (a
    problem with the rule as a whole, such as a key missing, is mended by filling)."""
    if not tokens or tokens[0] not in rule:
        return  # the rule as a whole (see _fill_missing), or a part already left out
    key, rest = tokens[0], tokens[1:]
    if key in _ACTION_LISTS:
        actions = rule[key]
        if rest and actions.__class__ is list and rest[0].isdigit() and int(rest[0]) < len(actions):
            replaced.append(actions[int(rest[0])])
            actions[int(rest[0])] = dict(STAND_IN_ACTION)
        else:
            replaced.append(rule.pop(key))
    elif key == "when":
        when = rule["when"]
        if when.__class__ is dict and rest and rest[0] == "event":
            replaced.append(when["event"])
            when["event"] = STAND_IN_EVENT
        elif when.__class__ is dict and rest and rest[0] in when:
            _mend_condition(when, rest, replaced)
        else:
            when = None  # `when` itself is refused
        if not when:
            replaced.append(rule.pop("when"))  # _fill_missing gives it a stand-in
    else:  # the title, an optional key or an unknown one (the id was asked first)
        replaced.append({key: rule.pop(key)})  # its key too: a slip may have moved a section


def _mend_condition(node: dict[str, Any], tokens: list[str], replaced: list[Any]) -> None:
    """Replace the deepest condition that holds a problem at ``tokens`` (inside ``node``, a
    condition or a rule's ``when``); a refused key of ``node`` itself is left out."""
    key, rest = tokens[0], tokens[1:]
    slot = _child_slot(node, key, rest)
    if slot is not None:
        container, place, inside = slot
        child = container[place]
        if child.__class__ is dict and inside and inside[0] in child:
            _mend_condition(child, inside, replaced)
            if _still_a_condition(child):
                return
        replaced.append(child)
        container[place] = dict(STAND_IN_CONDITION)
    elif key in _CONDITION_LISTS:  # the list itself is refused
        replaced.append(node[key])
        node[key] = [dict(STAND_IN_CONDITION)]
    else:
        replaced.append({key: node.pop(key)})  # an unknown key, a use, or an operator's value


def _child_slot(
    node: dict[str, Any], key: str, rest: list[str]
) -> tuple[Any, Any, list[str]] | None:
    """Where the condition a problem lies in sits, when it is one inside ``node``: a list item
    of ``all`` or ``any``, or the condition of ``not``; and the rest of the problem's pointer."""
    value = node[key]
    if key in _CONDITION_LISTS and value.__class__ is list and rest and rest[0].isdigit():
        # The schema names items that are there, and a list is made one stand-in only after
        # the problems inside it (longer pointers, mended first): never past its end.
        if int(rest[0]) < len(value):  # pragma: no branch
            return value, int(rest[0]), rest[1:]
    elif key == "not":
        return node, "not", rest
    return None


def _still_a_condition(node: dict[str, Any]) -> bool:
    """Whether a condition left after mending is still one: a field and an operator, or
    (without a field) no operator and something else (``all``, ``any``, ``not`` or ``use``)."""
    if "field" in node:
        return not node.keys() <= {"field", "ignore_case"}
    return bool(node) and node.keys().isdisjoint(OPERATORS)


def _fill_missing(rule: dict[str, Any]) -> None:
    """Give a stand-in to what a rule needs and lacks: a title, ``when`` (unless it is a
    fallback) and one of ``then`` and ``prevent``."""
    rule.setdefault("title", STAND_IN_TITLE)
    if rule.get("fallback") is not True:
        rule.setdefault("when", dict(STAND_IN_WHEN))
    if "then" not in rule and "prevent" not in rule:
        rule["then"] = [dict(STAND_IN_ACTION)]
