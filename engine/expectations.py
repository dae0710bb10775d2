"""Does a decision meet a plan test's expectations? Each miss said in words.

``engine.plantest`` reads the cases and runs them; this module compares one decision against
one case's ``expect:`` block and returns every expectation that did not hold as a
:class:`Mismatch`: what was checked, what was expected, what the plan decided, and, for rules,
why they did or did not fire (a rule is traced only for a miss that needs it). How parameters
compare (amounts as numbers, durations as durations...) is described in
``schemas/plantest.schema.json`` and docs/authoring.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from engine.checklist import (
    Surroundings,
    offer_words,
    other_currencies,
    perhaps_because,
    rules_named,
)
from engine.durations import parse_duration
from engine.errors import EventError
from engine.evaluate import parse_time
from engine.explain import TracesOnDemand, misspelt_words
from engine.fields import MISSING
from engine.money import grouped_money
from engine.templates import SLOT_TEXT
from engine.typography import odd_space_or_invisible
from engine.utctime import LAST_DEADLINE_YEAR
from engine.wording import (
    NOT_MADE_BECAUSE,
    event_types,
    join_words,
    money_of,
    not_made_because,
    offer_set_aside,
    show_list,
    show_uncut,
    show_value,
)


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One expectation that did not hold: what was checked, expected and got, in words."""

    what: str
    expected: str
    got: str
    notes: tuple[str, ...] = ()


def _ids(ids: Sequence[str]) -> str:
    return ", ".join(ids) if ids else "no rule"


def compare(expect: dict[str, Any], explanation: TracesOnDemand) -> list[Mismatch]:
    """Every expectation of a case that the decision does not meet. A rule is traced only
    to say why an expectation did not hold: a case that passes traces none."""
    decision = explanation.decision
    got: list[str] = decision["matched"]
    found: list[Mismatch] = []
    if "matched" in expect and got != expect["matched"]:
        wanted: list[str] = expect["matched"]
        notes = [_fired_or_not(explanation, r) for r in wanted if r not in got]
        notes += [_fired_or_not(explanation, r) for r in got if r not in wanted]
        notes += _how_to_fire_alone(explanation, wanted)
        found.append(Mismatch("rules that fire", _ids(wanted), _ids(got), tuple(notes)))
    for rule_id in expect.get("matched_at_least", []):
        if rule_id not in got:
            found.append(
                Mismatch(f"rule {rule_id} fires", "it fires", _fired_or_not(explanation, rule_id))
            )
    for rule_id in expect.get("not_matched", []):
        if rule_id in got:
            found.append(
                Mismatch(
                    f"rule {rule_id} does not fire",
                    "it does not fire",
                    _fired_or_not(explanation, rule_id),
                )
            )
    if "fallback" in expect:
        mismatch = _fallback_mismatch(expect["fallback"], decision)
        if mismatch is not None:
            if not expect["fallback"]:
                told = {*expect.get("matched", ()), *expect.get("matched_at_least", ())}
                why = _why_no_ordinary_rule(explanation, told)
                misspelt = explanation.misspelt()
                if misspelt and not any(note.endswith(misspelt) for note in why):
                    # a slip of the type is said at no rule for the event's type
                    why = (*why, perhaps_because(misspelt))
                mismatch = replace(mismatch, notes=why)
            found.append(mismatch)
    for spec in expect.get("actions", []):
        mismatch = _expect_action(spec, decision["actions"])
        if mismatch is not None:
            mismatch = _with_why(mismatch, spec, decision)
            if _AMOUNTS.intersection(action_spec(spec)[1]):
                mismatch = _noted(mismatch, other_currencies(decision, explanation.event))
                mismatch = _noted(mismatch, _unsized_offers(spec, decision, explanation.event))
            found.append(mismatch)
    for spec in expect.get("no_actions", []):
        mismatch = _expect_no_action(spec, decision["actions"])
        if mismatch is not None:
            found.append(mismatch)
    if "compensation" in expect:
        told = {note for mismatch in found for note in mismatch.notes}
        found.extend(
            _compare_compensation(expect["compensation"], decision, explanation.event, told)
        )
    return found


def _unsized_offers(spec: str | dict[str, Any], decision: dict[str, Any], event: Any) -> list[str]:
    """The offers an expected ``compensate`` may be, that the case's ``event`` could not size,
    each in words with what its field holds (``order.total is the text "1'250", not a number``).
    A case expecting an amount of a total written ``1'250`` was told only "has amount 0.00 (not
    250)", the reason said under the compensation's total alone, when the case expected one
    (found by a new user's trial)."""
    kind, params = action_spec(spec)
    if kind != "compensate":
        return []
    around = Surroundings(event=event)
    return [
        f"rule {action['rule']}'s offer{offer_words(action['params'], around)}"
        for action in decision["actions"]
        if action["type"] == kind
        and action["params"].get("unresolved")
        and ("rule" not in params or _from_rule(params["rule"], action))
    ]


_AMOUNTS = frozenset({"amount", "base", "total", "offered"})
"""What an expectation may hold of an amount: an offer's and the amount it is a percentage of,
the compensation's total and offered. One that fails is told when the amount it was worked
out of is in another currency than the plan's (:func:`~engine.checklist.other_currencies`):
a case expecting 20 GBP of an order of 100 GBP was told "amount 20.00 (not 24)" alone, where
``explain`` said Backplan converts no currency (found by review)."""


def _noted(mismatch: Mismatch, notes: list[str]) -> Mismatch:
    """``mismatch`` with ``notes`` after its own."""
    return replace(mismatch, notes=(*mismatch.notes, *notes)) if notes else mismatch


def _fired_or_not(explanation: TracesOnDemand, rule_id: str) -> str:
    step = explanation.step(rule_id)
    # (kept: an id the plan lacks is refused before its case runs, `unknown-rule`)
    if step is None:  # pragma: no cover
        return f"{rule_id} is not in the plan"
    verb = "fired" if step.fired else "did not fire"
    slip = misspelt_words(explanation.event, step, explanation.named_types())
    return f"{rule_id} {verb}: {step.reason}{slip}"


def _how_to_fire_alone(explanation: TracesOnDemand, wanted: list[str]) -> list[str]:
    """What makes the one rule a case expects fire without the others that fired with it.

    A manager's new rule for a special case (a rude delivery driver) fires beside the general
    rule it refines (rude staff), and the case said only that both fired: the fix, a priority
    above the rules that fire before it and `stop: true`, was in the docs of those keys. Told
    only when the expected rule fired: a rule that did not is told why, and neither key would
    make it fire. Both ways are offered, as only the manager knows which decision is right."""
    got: list[str] = explanation.decision["matched"]
    if len(wanted) != 1 or wanted[0] not in got or len(got) == 1:
        return []
    rule = explanation.rule(wanted[0])
    if rule is None or rule.fallback:
        return []
    before = [r for r in map(explanation.rule, got[: got.index(rule.id)]) if r is not None]
    fixes = []
    if before:
        top = max(before, key=lambda r: r.priority)
        fixes.append(f"a priority above {top.priority} (that of {top.id})")
    if not rule.stop:
        fixes.append("`stop: true`" + ("" if before else ", so that no rule after it fires"))
    others = [r for r in got if r != rule.id]
    them = "it" if len(others) == 1 else "them"
    return [
        f"to have {rule.id} fire alone: give it {' and '.join(fixes)}; if "
        f"{join_words(others, 'and')} should fire too, add {them} to `matched`"
    ]


MOST_RULES_TOLD = 3
"""How many ordinary rules a failed ``fallback: false`` tells why they did not fire."""


def _why_no_ordinary_rule(explanation: TracesOnDemand, told: set[str]) -> tuple[str, ...]:
    """Why no ordinary rule fired, for ``fallback: false``: the first ones that could have
    taken the event, each with the condition that failed (as ``matched:`` tells of the rules
    it names; those, ``told``, are not told twice), or that none is for its type. Those are
    the rules for its type that are switched on, and a disabled one that would have matched
    (its ``enabled: false`` is the reason); a disabled rule that would not match either, or
    one for another type, is no reason, and had taken the place of the rules that were.
    Without it, the case said only that the fallback fired."""
    for_its_type = explanation.ordinary_for_its_type()
    could = [rule for rule in for_its_type if rule.enabled or explanation.would_match(rule)]
    untold = [rule for rule in could if rule.id not in told]
    if not untold:
        if could:
            return ()
        kind = event_types((str(explanation.decision["event_type"]),))
        if for_its_type:  # each switched off, and none would fit the event (see `could`)
            return (f"every ordinary rule for {kind} is disabled and would not fit it either",)
        return (f"no ordinary rule is for {kind}",)
    notes = [_fired_or_not(explanation, rule.id) for rule in untold[:MOST_RULES_TOLD]]
    if len(untold) > MOST_RULES_TOLD:
        notes.append(f"and {len(untold) - MOST_RULES_TOLD} more rules for this event type")
    return tuple(notes)


def _fallback_mismatch(wanted: bool, decision: dict[str, Any]) -> Mismatch | None:
    """How the decision misses ``fallback: wanted``, or None. The decision's ``fallback`` is
    true whenever no ordinary rule fired, even when no fallback rule fired either (none
    applies): the complaint is then left alone, which neither ``fallback: true`` (a fallback
    rule takes it) nor ``fallback: false`` (an ordinary rule does) expects."""
    fired = decision["matched"]
    if decision["fallback"] and not fired:
        got = (
            "no ordinary rule matched, and no fallback rule applies either: the decision has "
            "no actions"
        )
    elif wanted == decision["fallback"]:
        return None
    elif wanted:
        got = f"rules fired: {_ids(fired)}"
    else:
        got = f"no ordinary rule matched, so the fallback fired ({_ids(fired)})"
    if wanted:
        return Mismatch("fallback", "no rule fits, so the fallback fires", got)
    return Mismatch("fallback", "an ordinary rule fires (no fallback)", got)


def action_spec(spec: str | dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """An expected action as (type, parameters)."""
    if isinstance(spec, str):
        return spec, {}
    [(kind, params)] = spec.items()
    return kind, dict(params or {})


_SPEC_LABELS = {
    "within": "due within",
    "due": "due at",
    "message_contains": "with a message containing",
    "rule": "from rule",
    "purpose": "as",
}


def describe_spec(kind: str, params: dict[str, Any]) -> str:
    """An expected action in words: ``compensate with amount 24.00 and kind voucher``;
    ``escalate to cx-lead, due within 1h``, its `to` read as the word it is (it had been
    ``escalate with to cx-lead``, found by a new user's trial)."""
    if not params:
        return f"any {kind} action"
    plain = [
        f"{k.replace('_', ' ')} {_show(k, v)}"
        for k, v in params.items()
        if k not in _SPEC_LABELS and k != "to"
    ]
    parts = [f"to {_show('to', params['to'])}"] if "to" in params else []
    parts += [f"with {join_words(plain, 'and')}"] if plain else []
    parts += [
        "with no deadline"
        if k in ("within", "due") and v is None
        else f"{_SPEC_LABELS[k]} {_show(k, v)}"
        for k, v in params.items()
        if k in _SPEC_LABELS
    ]
    return f"{kind} " + ", ".join(parts)


_NUMBERS = frozenset({"amount", "percent", "base", "total", "offered"})


def _show(key: str, value: Any) -> str:
    """A parameter value in a sentence; amounts as plain numbers (``24.00``, never quoted)."""
    if key in _NUMBERS and isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    if value is None and key in _NULLABLE:
        return "null"  # the decision's own word: no deadline, no base
    if key in _MESSAGES:
        return show_uncut(value)
    return show_value(value)


_MESSAGES = frozenset({"message", "message_contains"})
"""What compares as text, and is shown whole: where two messages differ may be at the end."""


_NULLABLE = frozenset({"within", "due", "base"})
"""Parameters a decision holds null in when there is nothing to say (a plan test may expect
that): an action without a deadline, an unresolved offer's base."""


_TOP_LEVEL = frozenset({"rule", "purpose", "within", "due"})


def _actual(key: str, action: dict[str, Any]) -> Any:
    if key in _TOP_LEVEL:
        return action.get(key)
    if key == "message_contains":
        return action["params"].get("message", MISSING)
    return action["params"].get(key, MISSING)


def _as_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:  # pragma: no cover - kept: the schema holds a text to a number's form
        return None


def expected_instant(value: Any) -> datetime | None:
    """A deadline as a moment (read as deciding reads a time: ``t`` and ``z`` as ``T`` and
    ``Z``), or None when it is not one."""
    try:
        return parse_time(value, last_year=LAST_DEADLINE_YEAR)
    except EventError:
        return None


def param_matches(key: str, expected: Any, actual: Any) -> bool:
    """Whether an action parameter meets the expectation (see the schema's description)."""
    if actual is MISSING:
        return False
    if expected is None:  # `within: null`, `base: null`: the decision holds null there
        return actual is None
    if key in _NUMBERS:
        return _as_decimal(expected) is not None and _as_decimal(expected) == _as_decimal(actual)
    if key == "within":
        return isinstance(actual, str) and parse_duration(expected) == parse_duration(actual)
    if key == "due":
        moment = expected_instant(actual)
        return moment is not None and moment == expected_instant(expected)
    if key == "message_contains":
        return isinstance(actual, str) and expected in actual
    if key == "tags":
        return isinstance(actual, list) and set(expected) <= set(actual)
    return _equal(expected, actual)


_KEPT_FOR_CUSTOM = frozenset({*_TOP_LEVEL, "message_contains"})
"""What compares by its own rule on a custom (``x-...``) action too; its other parameters are
the plan's own, whatever their names (an ``amount`` or ``tags`` there is not Backplan's), so
they must be equal."""


def _from_rule(expected: Any, action: dict[str, Any]) -> bool:
    """Whether the action comes from the expected rule: the rule it is listed under, or one in
    its ``also_from``. Actions several rules ask for are merged into one (docs/semantics.md),
    and it comes from each of them: which rule's id leads is the plan's order, not the test's."""
    return _equal(expected, action.get("rule")) or expected in action.get("also_from", ())


def _rules(action: dict[str, Any]) -> str:
    """The rules an action comes from: ``first``, or ``first, also_from second`` when rules
    were merged into it, so a mismatch never hides the merge."""
    merged = action.get("also_from") or ()
    return str(action["rule"]) + (f", also_from {', '.join(merged)}" if merged else "")


def param_meets(kind: str, key: str, expected: Any, actual: Any) -> bool:
    """Whether a parameter of an action of type ``kind`` meets the expectation: a custom
    action's own parameters must be equal, Backplan's compare by their own rule."""
    if kind.startswith("x-") and key not in _KEPT_FOR_CUSTOM:
        return _equal(expected, actual)
    return param_matches(key, expected, actual)


def _differences(params: dict[str, Any], action: dict[str, Any]) -> list[str]:
    out: list[str] = []
    custom = action["type"].startswith("x-")
    for key, expected in params.items():
        actual = _actual(key, action)
        as_own = custom and key not in _KEPT_FOR_CUSTOM
        if key == "rule":
            if not _from_rule(expected, action):
                out.append(f"rule {_rules(action)} (not {show_value(expected)})")
            continue
        if param_meets(action["type"], key, expected, actual):
            continue
        label = _DIFFERENCE_LABELS.get(key, key.replace("_", " "))
        if actual is MISSING or actual is None:
            out.append(f"no {label}" + _why_no_due(key, action))
        elif as_own:
            out.append(f"{label} {show_value(actual)} (not {show_value(expected)})")
        elif key == "message_contains":  # "(not Bob)" read like a test of the whole message
            out.append(
                f"{label} {_show(key, actual)}, which does not contain {_show(key, expected)}"
                + (
                    _in_other_capitals(expected, actual)
                    or _written_otherwise(expected, actual)
                    or _field_written(expected)
                )
            )
        else:
            out.append(
                f"{label} {_show(key, actual)} (not {_show(key, expected)})"
                + (_field_written(expected) if key == "message" else "")
            )
    return out


_DIFFERENCE_LABELS = {"message_contains": "message", "to": "recipient"}
"""What a parameter is called after "has" in what a decision's action has: `to` had read
"escalate from rule r has to cx-lead (not cx-boss)", an obligation (found by review)."""


_SLOT = re.compile(SLOT_TEXT)


def _field_written(expected: Any) -> str:
    """``: a message is compared as the customer reads it, ...`` when the text expected holds
    a field as the plan writes it (``message_contains: "{customer.first_name}"``), else "".
    The failure had shown the message with the name filled in beside the field in braces,
    and left the manager to guess that a test reads the message, not its template (found by
    trial)."""
    found = _SLOT.search(expected) if isinstance(expected, str) else None
    if found is None:
        return ""
    return (
        ": a message is compared as the customer reads it, each field filled in from the "
        f"case's event: write the words it shows in place of `{found[0]}`"
    )


def _why_no_due(key: str, action: dict[str, Any]) -> str:
    """Why an action with a deadline has no ``due``: the event has no ``occurred_at`` to count
    it from. "has no due" alone read as if the plan gave the action no deadline, where the
    case's event lacked its time (found by review); "" for any other parameter."""
    within = action.get("within")
    if key != "due" or not within:
        return ""
    return (
        f" (the event has no occurred_at to count its {within} from: give the event its "
        f"time, or expect `within: {within}`)"
    )


def _in_other_capitals(expected: Any, actual: Any) -> str:
    """``: it has Dana, and capitals count (write `message_contains: Dana`)`` when the message
    holds the text expected in other capitals, else "". The message had looked to hold it, and
    the failure read as wrong (found by review). Letters are lowered one for one, so places
    in the lowered message are places in the message: a letter whose lower case is longer
    (``İ``, an ``i`` and a dot) is kept as it is; it had lost the hint for the whole message."""
    if not isinstance(expected, str) or not isinstance(actual, str):  # pragma: no cover
        return ""  # (kept: a plan's messages, and the texts a test expects, are text)
    at = _lowered(actual).find(_lowered(expected))
    if at < 0:
        return ""
    held = actual[at : at + len(expected)]
    return f": it has {show_uncut(held)}, and capitals count (write `message_contains: {held}`)"


def _written_otherwise(expected: Any, actual: Any) -> str:
    """``: it has Hélène, which looks the same: the text expected holds a no-break space
    (U+00A0) where the message has an ordinary one (write ...)`` when the message holds the
    text expected but for a space other than the ordinary one, a character that shows as
    nothing, or a letter and its accent written apart (``e`` then U+0301), which look the
    same; else "". The failure had shown two texts that read alike, side by side, and left the
    manager to guess why one did not contain the other (found by writing a hotel's plan)."""
    if not isinstance(expected, str) or not isinstance(actual, str) or expected.isascii():
        return ""
    import unicodedata  # only now: most texts expected are as the message writes them

    odd = odd_space_or_invisible(expected)
    plain = unicodedata.normalize("NFC", _ODD_SPACE.sub(" ", _INVISIBLE.sub("", expected)))
    if plain == expected or plain not in actual:
        return ""
    why = (
        f"the text expected holds {odd}, where the message has an ordinary space or nothing"
        if odd is not None
        else "the text expected writes a letter and its accent as two characters, where the "
        "message has the one"
    )
    return f": it has {show_uncut(plain)}, which looks the same: {why} (type it again)"


_ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f]")
"""The spaces that look like the ordinary one (a no-break space...): what it stands for."""
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
"""The characters that show as nothing (a zero-width space, a soft hyphen...)."""


def _lowered(text: str) -> str:
    """``text`` in lower case letter by letter, as long as it: see :func:`_in_other_capitals`."""
    return "".join(low if len(low := letter.lower()) == 1 else letter for letter in text)


def _equal(expected: Any, actual: Any) -> bool:
    """Equal as JSON values: ``true`` is not ``1``, and a missing parameter is never equal."""
    return (
        actual is not MISSING
        and bool(expected == actual)
        and (isinstance(expected, bool) == isinstance(actual, bool))
    )


def _rule_label(action: dict[str, Any]) -> str:
    """An action with its first rule, where the difference said names them all."""
    return f"{action['type']} from rule {action['rule']}"


def _action_label(action: dict[str, Any]) -> str:
    """An action with every rule it comes from: its deadline may be a rule's merged into it
    (the earliest is kept), and a rule expected to make none may be among its ``also_from``."""
    return f"{action['type']} from rule {_rules(action)}"


def _expect_action(spec: str | dict[str, Any], actions: list[dict[str, Any]]) -> Mismatch | None:
    kind, params = action_spec(spec)
    candidates = [a for a in actions if a["type"] == kind]
    if any(not _differences(params, a) for a in candidates):
        return None
    wanted = describe_spec(kind, params)
    if not candidates:
        present = sorted({a["type"] for a in actions})
        got = f"no {kind} action; the decision has " + (
            show_list(present, "and") if present else "no actions at all"
        )
        return Mismatch(f"action {kind}", wanted, got)
    label = _rule_label if "rule" in params else _action_label  # (the rules said once)
    got = "; ".join(  # every rule merged into it: its deadline may be another rule's
        f"{label(a)} has {join_words(_differences(params, a), 'and')}" for a in candidates
    )
    return Mismatch(f"action {kind}", wanted, got)


def _with_why(mismatch: Mismatch, spec: str | dict[str, Any], decision: dict[str, Any]) -> Mismatch:
    """The mismatch of an expected action, with what the decision says of why the rule's own
    action is not as expected: one action made for several rules keeps the first one's
    settings (docs/semantics.md, *Merging actions*), and an offer set aside is not made."""
    kind, params = action_spec(spec)
    rule = params.get("rule")
    if not isinstance(rule, str):
        return mismatch
    actions = [action for action in decision["actions"] if action["type"] == kind]
    own = any(action["rule"] == rule for action in actions)
    notes = [  # only when the rule has no such action of its own: then this one is its
        f"one {kind} is made for rules {action['rule']} and {rule}: it keeps the settings of "
        f"{action['rule']}, which fired first, and the earliest deadline of them all"
        for action in actions
        if not own and rule in action.get("also_from", ())
    ]
    summary = decision.get("compensation") or {}
    notes += [
        not_made_words(record, summary)
        for record in summary.get("superseded", ())
        if kind == "compensate" and record["rule"] == rule and record["reason"] in NOT_MADE_BECAUSE
    ]
    return _noted(mismatch, notes)


def _expect_no_action(spec: str | dict[str, Any], actions: list[dict[str, Any]]) -> Mismatch | None:
    kind, params = action_spec(spec)
    offending = [a for a in actions if a["type"] == kind and not _differences(params, a)]
    if not offending:
        return None
    got = "; ".join(_action_label(a) for a in offending)
    wanted = f"no {kind} action" if not params else f"no {describe_spec(kind, params)}"
    return Mismatch(f"no action {kind}", wanted, got)


def _compare_compensation(
    expected: dict[str, Any] | None,
    decision: dict[str, Any],
    event: Any,
    told: set[str],
) -> list[Mismatch]:
    summary: dict[str, Any] | None = decision["compensation"]
    if expected is None:
        if summary is None:
            return []
        total = f"{summary['total']} {summary['currency']}"
        return [Mismatch("compensation", "no compensation", f"a compensation of {total}")]
    if summary is None:
        return [Mismatch("compensation", describe_spec("compensation", expected), "none")]
    found: list[Mismatch] = []
    told_currency = False
    for key, wanted in expected.items():
        actual = summary.get(key)
        same = (
            _as_decimal(wanted) == _as_decimal(actual)
            if key in ("total", "offered")
            else wanted == actual
        )
        if not same:
            label = f"compensation {key.replace('_', ' ')}"
            offers = [] if found else _offers_made(decision, summary, event)  # once a case
            notes = [note for note in offers if note not in told]  # (told of an action)
            if key == "needs_approval":
                notes.append(_why_approval(decision, summary))
            elif key == "capped":
                notes.append(_why_capped(summary))
            elif key in _AMOUNTS and not told_currency:  # (said once a case)
                told_currency = True
                notes += other_currencies(decision, event)
            found.append(Mismatch(label, _show(key, wanted), _show(key, actual), tuple(notes)))
    return found


def _offers_made(decision: dict[str, Any], summary: dict[str, Any], event: Any) -> list[str]:
    """Each offer of the decision in words, made or not, and how it was sized: what a total,
    a cap or an approval that surprises the test's author comes from (an offer the case's
    ``event`` could not size says what its field holds)."""
    around = Surroundings(event=event)
    notes = [
        f"rule {action['rule']}'s offer{offer_words(action['params'], around)}"
        for action in decision["actions"]
        if action["type"] == "compensate"
    ]
    notes += [not_made_words(record, summary) for record in summary["superseded"]]
    return notes


def not_made_words(record: dict[str, Any], summary: dict[str, Any]) -> str:
    """An offer of ``summary``'s ``superseded`` in words: its rule, its amount (none for one
    the event could not size: its 0.00 read as an offer of nothing; found by review) and why
    (:func:`~engine.wording.not_made_because`)."""
    why = not_made_because(record, summary)
    if record["reason"] == "unresolved":
        return f"rule {record['rule']}'s offer was not made ({why})"
    return f"{offer_set_aside(record, summary)} was not made ({why})"


def _why_approval(decision: dict[str, Any], summary: dict[str, Any]) -> str:
    """Why the compensation does or does not need approval (docs/semantics.md, *Compensation*,
    step 3): its total against the plan's ``approval_above``, and offers the event could not
    size."""
    currency, total = summary["currency"], summary["total"]
    threshold = summary["approval_threshold"]
    shown = grouped_money(total)  # grouped as an amount in words is; a setting as written
    unsized = [
        action["rule"]
        for action in decision["actions"]
        if action["type"] == "compensate" and action["params"].get("unresolved")
    ]
    unsized += [r["rule"] for r in summary["superseded"] if r["reason"] == "unresolved"]
    if threshold is None:
        against = "the plan sets no approval_above"
    elif Decimal(str(total)) > Decimal(str(threshold)):
        above = f"the total {shown} {currency} is above the plan's approval_above of {threshold}"
        return above + (f"; {_unsized_words(unsized)}" if unsized else "")
    else:
        against = (
            f"the total {shown} {currency} is not above the plan's approval_above of "
            f"{threshold} (equal to it needs none)"
        )
    if unsized:
        return f"{against}; {_unsized_words(unsized)}"
    return f"{against}, and every offer was sized from the event"


def _unsized_words(rules: list[str]) -> str:
    return (
        f"the event could not size the offer of {rules_named(rules)}, and an offer a person "
        "must size always needs approval"
    )


def _why_capped(summary: dict[str, Any]) -> str:
    """What ``capped`` is about: the plan's ``per_event_max`` only (a rule's own ``max`` shows
    on its offer as ``limited_by: max``, and is no cap of the plan's)."""
    offered = f"the offers came to {money_of(summary['offered'], summary)}"
    cap = summary["cap"]
    if cap is None:
        return f"{offered}, and the plan sets no per_event_max, so nothing is capped"
    if summary["capped"]:
        return f"{offered}, more than the plan's per_event_max of {cap}"
    return (
        f"{offered}, within the plan's per_event_max of {cap}; capped is about that limit only "
        "(a rule's own max shows on its offer as limited_by max)"
    )
