"""Settings lined up with their action instead of under it, and a setting an action lacks.

``- compensate: {...}`` then ``within: 1d`` at the same column is a second action to YAML. The
hints find the keys that are settings of the action, or near-misses of one (``mesage``), and
say where to indent them. A ``channel`` given to an action that has none
(``reply_publicly``) is told why it has none, and which action takes one.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator

from engine.documents import LoadedDocument, join_pointer, pointer_tokens
from engine.errors import Diagnostic, Severity
from engine.fields import lookup
from engine.model import ACTION_TYPES
from engine.resources import load_schema
from engine.slips.keys import keys_of
from engine.slips.written import flow


def stray_settings(pointer: str, document: LoadedDocument) -> dict[str, str]:
    """The keys of the action item at ``pointer``, after its first, that are settings of its
    action (``- compensate: {...}`` then ``within: 1d`` lined up with ``compensate``), each
    with the setting it names: YAML reads each as a second action, where its author meant it
    as the first one's setting. A near-miss of a setting (``mesage``) is one too, with its
    spelling: read as an action, it would be told to be no action and sent looking for one."""
    keys = keys_of(lookup(document.data, tuple(pointer_tokens(pointer))))
    if len(keys) < 2:
        return {}
    actions, settings = _action_settings(keys[0], expected=pointer.startswith("/cases/"))
    meant = {key: _setting_meant(key, settings, actions) for key in keys[1:]}
    return {key: setting for key, setting in meant.items() if setting is not None}


def _setting_meant(key: str, settings: Collection[str], actions: Collection[str]) -> str | None:
    """The setting ``key`` is or misspells, or None: an action's name (or a near-miss of one
    closer than any setting) is a second action, written at its place."""
    if key in actions:
        return None
    if key in settings:
        return key
    close = difflib.get_close_matches(key, [*settings, *actions], n=1, cutoff=_NEAR_MISS)
    return close[0] if close and close[0] not in actions else None


_NEAR_MISS = 0.8
"""How alike a key and a setting are for the key to be read as that setting misspelt (a
letter left out or doubled: ``mesage``, ``chanel``); did-you-mean's looser cut would take a
second action's name for a setting."""


def action_settings(action: str) -> Collection[str]:
    """The settings a plan's action of type ``action`` takes (none for a custom action, whose
    settings may have any name, or a word that is no action)."""
    return _action_settings(action, expected=False)[1]


def _action_settings(action: str, expected: bool) -> tuple[Collection[str], Collection[str]]:
    """The action types, and the settings of ``action``: of a plan's action, or of an action a
    plan-test file expects (``expected``: one set of parameters for every type)."""
    if expected:
        definitions = load_schema("plantest")["$defs"]
        types = [
            t for branch in definitions["action_type"]["anyOf"] for t in branch.get("enum", ())
        ]
        held = definitions["action_params"] if action in types else {}
    else:
        types = load_schema("plan")["$defs"].get("actions", {})
        held = types.get(action, {})
    return types, held.get("properties", {}) if isinstance(held, dict) else {}


def settings_lined_up(
    strays: dict[str, str], pointer: str, document: LoadedDocument, where: str
) -> Iterator[Diagnostic]:
    """One problem per setting written at the column of its action instead of under it
    (``strays``: each as written, and the setting it names), with its spelling if misspelt."""
    item = lookup(document.data, tuple(pointer_tokens(pointer)))
    action = keys_of(item)[0]
    settings = keys_of(item[action])
    held = join_pointer(pointer, action)
    written_at = document.locate(held, key=True)
    first = document.locate(join_pointer(held, settings[0]), key=True) if settings else None
    if first is not None and first.line == written_at.line:
        # `- compensate: {kind: voucher}` then `within: 1d`: its settings are in braces
        written = flow({**item[action], **{meant: item[name] for name, meant in strays.items()}})
        relation, fix = "beside", f"move it inside its braces: `{action}: {written}`"
    elif first is not None:
        relation, fix = (
            "lined up with",
            f"indent it to column {first.column}, under `{settings[0]}:`",
        )
    else:
        column = written_at.column + 2
        relation, fix = (
            "lined up with",
            f"indent it to column {column}, two spaces right of `{action}:`",
        )
    for name, meant in strays.items():
        spelling = "" if meant == name else f", and write `{meant}`"
        yield Diagnostic(
            Severity.ERROR,
            "action-shape",
            f"`{name}` is {relation} `{action}`, so it is read as a second action{where}",
            document.locate(join_pointer(pointer, name), key=True),
            f"to make it a setting of `{action}`, {fix}{spelling}",
        )


_WHY_NO_CHANNEL = {
    "reply_publicly": "a public reply goes where the complaint was posted",
    "escalate": "the case goes to the person or team of its `to:`",
    "notify": "the news goes to the person or team of its `to:`",
}
"""Why an action has no ``channel``, where it can be said in a few words."""


def no_channel_hint(name: str, pointer: str, allowed: Collection[str]) -> str:
    """For ``channel`` (or a misspelling of it, ``chanel``) given to an action that has none,
    at ``pointer``: why it has none, where that is plain, and that ``contact_customer`` takes
    one; "" for any other key. ``reply_publicly: {chanel: email}`` had been told the keys
    allowed, `message` and `within`, and no more: the manager was left to wonder where the
    channel goes (found by review)."""
    from engine.suggest import did_you_mean  # only for a key refused

    action = pointer_tokens(pointer)[-1] if pointer else ""
    if "channel" in allowed or action not in ACTION_TYPES:
        return ""
    if name != "channel" and did_you_mean(name, ["channel"]) is None:
        return ""
    why = _WHY_NO_CHANNEL.get(action)
    return (
        f"`{action}` has no channel{f': {why}' if why else ''}; to write to the customer, "
        "add a `contact_customer` action, which takes one, such as "
        "`contact_customer: {channel: email}`"
    )
