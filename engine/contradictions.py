"""Expectations of one plan-test case that no decision can meet all at once.

A case that expects rule `a` to fire and not to fire, or an action it also forbids, fails
whatever the plan decides: the run only said that the decision missed one of them, and the
author went looking for a fault in the plan. Such a case is a problem of the test file, told
before any case runs (``engine.plantest``). :func:`without_plan` finds what contradicts itself
in any plan; :func:`against_plan` what cannot hold in the plan tested (a fallback rule expected
beside an ordinary one, two rules where the plan fires only one, two rules whose conditions
exclude each other: ``engine.exclusion``; rules listed in another order than they fire).

Places are JSON pointers inside the case's ``expect:`` block (``/matched/0``); the problem is
told at the one written last, the others given as where to look, and then the places in the
plan that make it so (its ``match: first``, a rule's ``stop: true``, the rules' conditions,
their priorities).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.durations import DurationError
from engine.errors import SourceLocation
from engine.exclusion import Exclusion, RulesApart
from engine.expectations import action_spec, describe_spec, param_meets
from engine.fields import MISSING
from engine.wording import event_types, join_words

if TYPE_CHECKING:
    from engine.model import PlanModel, Rule


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Expectations of one case that cannot all hold: where each is, why, and how to mend it."""

    places: tuple[str, ...]
    message: str
    hint: str
    plan: tuple[SourceLocation, ...] = ()
    """Where the plan says what makes the expectations impossible (its ``match: first``, a
    rule's ``stop: true``): the author may not know the plan says so."""


FIRING = ("matched", "matched_at_least")
"""The lists of rules a case expects to fire."""


def without_plan(expect: dict[str, Any]) -> Iterator[Contradiction]:
    """What contradicts itself in the case, whatever the plan."""
    yield from _fire_and_not(expect)
    yield from _beyond_matched(expect)
    yield from _fallback_and_no_rule(expect)
    yield from _expected_and_forbidden(expect)


def _fire_and_not(expect: dict[str, Any]) -> Iterator[Contradiction]:
    """A rule expected to fire and listed in ``not_matched``."""
    not_matched: list[str] = expect.get("not_matched", [])
    for key in FIRING:
        for index, rule_id in enumerate(expect.get(key, [])):
            if rule_id in not_matched:
                yield Contradiction(
                    (f"/{key}/{index}", f"/not_matched/{not_matched.index(rule_id)}"),
                    f"rule `{rule_id}` is expected to fire (`{key}`) and not to fire "
                    "(`not_matched`)",
                    f"take `{rule_id}` out of one of the two lists",
                )


def _beyond_matched(expect: dict[str, Any]) -> Iterator[Contradiction]:
    """A rule of ``matched_at_least`` left out of ``matched``, the exact list of rules that
    fire (one also in ``not_matched`` is told so, once)."""
    if "matched" not in expect:
        return
    matched: list[str] = expect["matched"]
    for index, rule_id in enumerate(expect.get("matched_at_least", [])):
        if rule_id not in matched and rule_id not in expect.get("not_matched", []):
            yield Contradiction(
                ("/matched", f"/matched_at_least/{index}"),
                f"rule `{rule_id}` is expected to fire (`matched_at_least`), but `matched` "
                "lists exactly the rules that fire, and not it",
                f"add `{rule_id}` to `matched:` where it fires, or take it out of "
                "`matched_at_least:`",
            )


def _fallback_and_no_rule(expect: dict[str, Any]) -> Iterator[Contradiction]:
    """``fallback:`` beside ``matched: []``: either way, some rule is expected to fire."""
    if expect.get("matched") != [] or "fallback" not in expect:
        return
    if expect["fallback"]:
        said = "`fallback: true` expects a fallback rule to fire"
        hint = (
            "name the fallback rule that fires in `matched:`, or remove `fallback: true` to "
            "expect that no rule fires"
        )
    else:
        said = "`fallback: false` expects an ordinary rule to fire"
        hint = (
            "name the rules that fire in `matched:`, or remove `fallback: false` to expect "
            "that no rule fires"
        )
    yield Contradiction(
        ("/matched", "/fallback"), f"{said}, and `matched: []` that none does", hint
    )


def _expected_and_forbidden(expect: dict[str, Any]) -> Iterator[Contradiction]:
    """An action of ``no_actions`` that every action meeting one of ``actions`` is: of its
    type, with the same parameters or some of them."""
    for index, spec in enumerate(expect.get("actions", [])):
        kind, params = action_spec(spec)
        for other, forbidden in enumerate(expect.get("no_actions", [])):
            forbidden_kind, forbidden_params = action_spec(forbidden)
            if forbidden_kind == kind and _always_meets(kind, forbidden_params, params):
                yield Contradiction(
                    (f"/actions/{index}", f"/no_actions/{other}"),
                    f"`actions` expects {describe_spec(kind, params)}, and `no_actions` forbids "
                    f"{_forbidden_words(kind, forbidden_params)}: the action expected is one "
                    "it forbids",
                    f"take one of them out; to forbid only some {kind} actions, give the one "
                    "in `no_actions` a parameter the expected one does not have, such as "
                    "another `rule`",
                )


def _forbidden_words(kind: str, params: dict[str, Any]) -> str:
    return describe_spec(kind, params) if params else f"any {kind} action"


def _always_meets(kind: str, forbidden: dict[str, Any], expected: dict[str, Any]) -> bool:
    """Whether every action meeting ``expected`` meets ``forbidden`` too: each parameter
    forbidden is expected, and meets the value expected as it would the decision's (equal
    amounts and durations, fewer tags, a shorter text the expected one contains)."""
    for key, value in forbidden.items():
        held = expected.get(key, MISSING)
        if key == "message_contains" and held is MISSING:  # the whole message is expected
            held = expected.get("message", MISSING)
        try:
            if held is MISSING or not param_meets(kind, key, value, held):
                return False
        except DurationError:  # a `within` over a year: told as a problem of its own
            return False
    return True


def against_plan(plan: PlanModel) -> Callable[[dict[str, Any]], Iterator[Contradiction]]:
    """What cannot hold in ``plan``, for each case: a rule switched off expected to fire; an
    ordinary rule and the fallback both expected; under ``match: first``, two rules expected
    to fire; a rule with ``stop: true`` expected to fire with one after it in firing order; a
    rule that never matches, or two whose conditions exclude each other, expected to fire;
    ``matched`` naming rules in another order than they fire.
    Rule ids the plan lacks are told as such (``unknown-rule``), not here. The plan's rules are
    sorted out once, not once per case: a test file of a thousand cases against a plan of ten
    thousand rules read them all for each.
    """
    ordered = [rule for rule in plan.firing_order() if rule.enabled]
    settings = plan.settings
    rules = _RulesOf(
        off=frozenset(rule.id for rule in plan.rules if not rule.enabled),
        fallback=frozenset(rule.id for rule in plan.rules if rule.fallback),
        known=frozenset(rule.id for rule in plan.rules),
        firing={rule.id: (rank, rule) for rank, rule in enumerate(ordered)},
        match_first=settings.at.inside("match") if settings.match == "first" else None,
        apart=RulesApart(plan),
        files_by_name=list(plan.sources) == sorted(plan.sources, key=Path),
    )

    def find(expect: dict[str, Any]) -> Iterator[Contradiction]:
        yield from _switched_off(expect, rules.off)
        yield from _ordinary_and_fallback(expect, rules)
        yield from _more_than_the_first(expect, rules)
        told: set[frozenset[str]] = set()
        yield from _never_together(expect, rules, told)
        yield from _after_a_stop(expect, rules, told)
        yield from _out_of_order(expect, rules, told)

    return find


@dataclass(frozen=True, slots=True)
class _RulesOf:
    """The ids of a plan's rules, by what :func:`against_plan` asks of them."""

    off: frozenset[str]
    fallback: frozenset[str]
    known: frozenset[str]
    firing: dict[str, tuple[int, Rule]]
    """The enabled rules by id, each with its place in firing order."""
    match_first: SourceLocation | None
    """Where the plan says ``match: first``; None when it fires every rule that matches."""
    apart: RulesApart
    """Which rules never fire at all, or never together (proved once each)."""
    files_by_name: bool
    """Whether the plan's files are read in the order of their names, as a folder's are; files
    named one by one (``plan: [b.yaml, a.yaml]``, ``--plan``) are read in the order given."""


def _switched_off(expect: dict[str, Any], off: frozenset[str]) -> Iterator[Contradiction]:
    """A rule with ``enabled: false`` (one of ``off``) expected to fire, which it never does: a
    manager who switched a rule off and left its tests had them fail at every run, saying only
    that the rule did not fire (found by review)."""
    for key in FIRING:
        for index, rule_id in enumerate(expect.get(key, [])):
            if rule_id in off:
                yield Contradiction(
                    (f"/{key}/{index}",),
                    f"rule `{rule_id}` is switched off (`enabled: false`), so it never fires",
                    f"take `{rule_id}` out of `{key}`, or switch the rule on again in the plan "
                    "(remove its `enabled: false`)",
                )


def _ordinary_and_fallback(expect: dict[str, Any], rules: _RulesOf) -> Iterator[Contradiction]:
    """An ordinary rule and the fallback both expected (a fallback rule, or ``fallback:
    true``; an ordinary rule, or ``fallback: false``): fallback rules fire only when no
    ordinary rule fired (docs/semantics.md, *The fallback*). Told once a case."""
    fallback_rules, known = rules.fallback, rules.known
    said: dict[bool, tuple[str, str, str]] = {}  # the fallback or not: place, words, name
    for key in FIRING:
        for index, rule_id in enumerate(expect.get(key, [])):
            if rule_id in known:
                kind = "a fallback" if rule_id in fallback_rules else "an ordinary"
                words = f"rule `{rule_id}` is {kind} rule, expected to fire"
                said.setdefault(rule_id in fallback_rules, (f"/{key}/{index}", words, rule_id))
    if "fallback" in expect:
        fallback = bool(expect["fallback"])
        words = "`fallback: true` expects no ordinary rule to fire"
        if not fallback:
            words = "`fallback: false` expects an ordinary rule to fire"
        said[fallback] = ("/fallback", words, f"fallback: {str(fallback).lower()}")
    if len(said) < 2:
        return
    (ordinary, ordinary_words, one), (fallback_at, fallback_words, other) = said[False], said[True]
    yield Contradiction(
        (ordinary, fallback_at),
        f"{ordinary_words}, and {fallback_words}: a fallback rule fires only when no ordinary "
        "rule does",
        f"take out `{one}` or `{other}`: either an ordinary rule takes the event, or the "
        "fallback does",
    )


_Expected = tuple["Rule", str]
"""A rule a case expects to fire, and the place of its first mention in ``expect:``."""


def _expected_by_kind(
    expect: dict[str, Any], rules: _RulesOf, as_written: bool = False
) -> Iterator[list[_Expected]]:
    """The enabled rules a case expects to fire, each once, in firing order (or, ``as
    written``, in the order the case names them, ``matched`` first): the ordinary ones, then
    the fallback ones. ``stop`` and ``match: first`` act within each kind only; an ordinary
    rule beside a fallback one is told by :func:`_ordinary_and_fallback`. A rule of
    ``matched_at_least`` that ``matched`` leaves out is not among them: the case says it does
    not fire, which :func:`_beyond_matched` tells; ``matched: [b]`` beside
    ``matched_at_least: [a]`` had been refused a second time, as `a` and `b` both expected
    under ``match: first`` (found by review)."""
    exact: list[str] | None = expect.get("matched")
    places: dict[str, str] = {}
    for key in FIRING:
        for index, rule_id in enumerate(expect.get(key, [])):
            if exact is not None and rule_id not in exact:
                continue  # (of `matched_at_least`: told by `_beyond_matched`, once)
            if rule_id in rules.firing:
                places.setdefault(rule_id, f"/{key}/{index}")
    ranked = list(places)
    if not as_written:
        ranked.sort(key=lambda rule_id: rules.firing[rule_id][0])
    for fallback in (False, True):
        yield [
            (rule, places[rule_id])
            for rule_id in ranked
            if (rule := rules.firing[rule_id][1]).fallback == fallback
        ]


def _more_than_the_first(expect: dict[str, Any], rules: _RulesOf) -> Iterator[Contradiction]:
    """Two rules of one kind expected to fire in a plan with ``match: first``, which fires
    the first rule that matches and no other (docs/semantics.md, *stop and match: first*):
    such a case had failed at every run, saying only that the other rule did not fire (found
    by review)."""
    if rules.match_first is None:
        return
    for expected in _expected_by_kind(expect, rules):
        if len(expected) < 2:
            continue
        names = join_words([f"`{rule.id}`" for rule, _ in expected], "and")
        yield Contradiction(
            tuple(place for _, place in expected),
            f"under `match: first` only one rule fires, so {names} cannot "
            f"{'both' if len(expected) == 2 else 'all'} fire",
            _keep_one(expected[0][0].id, len(expected) - 1),
            (rules.match_first,),
        )


def _keep_one(first: str, others: int) -> str:
    """How to mend a case expecting rules of which only ``first`` fires when they all match:
    one case for each rule, each with its own event."""
    when, rest = (
        ("both match", "the other") if others == 1 else ("they all match", "each of the others")
    )
    return (
        f"keep one of them in this case (when {when}, only `{first}` fires, as it comes first "
        f"in firing order), and test {rest} in a case of its own, with an event only it matches"
    )


MOST_COMPARED = 16
"""How many rules of one kind a case may expect before the rest are not compared two by two
(120 pairs at most): the work of a case stays bounded whatever it lists, and a pair left out
is only not told, never told wrongly."""


def _never_together(
    expect: dict[str, Any], rules: _RulesOf, told: set[frozenset[str]]
) -> Iterator[Contradiction]:
    """A rule expected to fire that never matches any event (lint's ``never-matches``), and
    two rules of one kind expected to fire whose conditions exclude each other (one for
    orders, the other for reviews; ``rating`` at most 2 and at least 4): such a case had
    failed at every run, saying only that one of them did not fire (found by review). Only
    what is proved is told, each later rule with the first earlier one it excludes; each is
    added to ``told``. Under ``match: first`` two rules never fire together anyway: told by
    :func:`_more_than_the_first`."""
    for expected in _expected_by_kind(expect, rules, as_written=True):
        compared: list[tuple[Rule, str]] = []
        for rule, place in expected:
            never = rules.apart.never(rule)
            if never is not None:
                told.add(frozenset((rule.id,)))
                yield _never_fires(rule, place, never)
                continue
            if rules.match_first is None and len(compared) < MOST_COMPARED:
                for earlier, earlier_place in compared:
                    apart = rules.apart.between(earlier, rule)
                    if apart is not None:
                        told.add(frozenset((earlier.id, rule.id)))
                        yield _not_both(earlier, rule, (earlier_place, place), apart)
                        break
            compared.append((rule, place))


def _never_fires(rule: Rule, place: str, why: Exclusion) -> Contradiction:
    """A rule that never matches, expected to fire: lint warns of it, but a test file is
    often run without lint, and the case only said that the rule did not fire."""
    key = place.split("/")[1]
    return Contradiction(
        (place,),
        f"rule `{rule.id}` can never fire: {why.words}",
        f"take `{rule.id}` out of `{key}`, or correct its conditions in the plan (`backplan "
        "lint` tells it as `never-matches`)",
        why.places,
    )


def _not_both(one: Rule, other: Rule, places: tuple[str, str], why: Exclusion) -> Contradiction:
    """Two rules that never fire together, in a manager's words: the event types they are
    for, when those keep them apart, else the tests of theirs that cannot all hold."""
    if why.types is not None:
        mine, theirs = why.types
        reason = f"`{one.id}` is for {event_types(mine)} and `{other.id}` for {event_types(theirs)}"
    elif why.opposite is not None:
        name, one_negated = why.opposite
        holds, not_holds = (other, one) if one_negated else (one, other)
        reason = (
            f"`{holds.id}` requires the condition `{name}` and `{not_holds.id}` requires it "
            "not to hold"
        )
    else:
        reason = f"their conditions exclude each other ({why.words})"
    return Contradiction(
        places,
        f"rules `{one.id}` and `{other.id}` cannot both fire: {reason}",
        f"split this case in two: one expecting `{one.id}`, one expecting `{other.id}`, each "
        "with an event its rule matches",
        why.places,
    )


def _after_a_stop(
    expect: dict[str, Any], rules: _RulesOf, told: set[frozenset[str]]
) -> Iterator[Contradiction]:
    """A rule with ``stop: true`` expected to fire beside a rule of its kind after it in
    firing order, which then never fires (docs/semantics.md, *stop and match: first*); told
    once for each such rule, with the first stop rule expected. A rule before the stop rule
    fires with it. Under ``match: first`` every rule stops: told by
    :func:`_more_than_the_first`. A rule ``told`` never to fire, or a pair never to fire
    together (:func:`_never_together`), is not told again: no priority would mend it. Each
    pair told is added to ``told``."""
    if rules.match_first is not None:
        return
    for expected in _expected_by_kind(expect, rules):
        stops = [n for n, (rule, _) in enumerate(expected) if rule.stop]
        if not stops:
            continue
        stop, stop_place = expected[stops[0]]
        for rule, place in expected[stops[0] + 1 :]:
            if told & {frozenset((stop.id,)), frozenset((rule.id,)), frozenset((stop.id, rule.id))}:
                continue
            told.add(frozenset((stop.id, rule.id)))
            yield Contradiction(
                (stop_place, place),
                f"rule `{stop.id}` has `stop: true` and comes before `{rule.id}` in firing "
                f"order ({_why_before(stop, rule, rules)}): once `{stop.id}` fires, no rule after it "
                f"does, so `{stop.id}` and `{rule.id}` cannot both fire",
                f"{_keep_one(stop.id, 1)}; for both to fire, {_both_fire(stop, rule)}",
                (stop.at.inside("stop"),),
            )


def _both_fire(stop: Rule, later: Rule) -> str:
    """How to make ``stop`` and ``later`` fire together. Raising ``later`` above ``stop``
    works only if it does not stop too: of two stop rules, whichever fires first stops the
    other, and that hint had only turned the problem round (found by review)."""
    if later.stop:
        return (
            f"take `stop: true` off `{stop.id}` (`{later.id}` has `stop: true` too, so "
            "whichever of them fires first stops the other)"
        )
    return (
        f"give `{later.id}` a higher priority than `{stop.id}`, or take `stop: true` off "
        f"`{stop.id}`"
    )


def _out_of_order(
    expect: dict[str, Any], rules: _RulesOf, told: set[frozenset[str]]
) -> Iterator[Contradiction]:
    """``matched`` naming its rules in another order than they fire: a decision lists the rules
    that fire in firing order (:meth:`engine.model.PlanModel.firing_order`: by priority, then
    by place in the plan; the matcher answers in that order for every event), so such a case
    had failed at every run, its note saying the order to write. Told once a case, at the first
    rule written after one it fires before, with the whole list in firing order as the hint.
    Not told where the list must change anyway, which the case is told first: a rule the plan
    lacks or has switched off in it, an ordinary rule beside a fallback one, ``match: first``,
    or rules ``told`` that cannot fire (together)."""
    written: list[str] = expect.get("matched", [])
    if rules.match_first is not None or told or any(r not in rules.firing for r in written):
        return
    if len({rules.firing[rule_id][1].fallback for rule_id in written}) > 1:
        return  # (told by `_ordinary_and_fallback`)
    ranks = [rules.firing[rule_id][0] for rule_id in written]
    highest = -1
    for index, rank in enumerate(ranks):
        if highest > rank:
            before = next(n for n in range(index) if ranks[n] > rank)
            yield _not_in_firing_order(written, before, index, rules)
            return
        highest = max(highest, rank)


def _not_in_firing_order(
    written: list[str], before: int, index: int, rules: _RulesOf
) -> Contradiction:
    """``matched`` lists ``written[before]`` first, and ``written[index]`` fires first: why,
    where the plan says so (the rules' priorities, or the rules themselves when only their
    places tell them apart), and the whole list as it must be written."""
    first, then = rules.firing[written[index]][1], rules.firing[written[before]][1]
    ordered = sorted(written, key=lambda rule_id: rules.firing[rule_id][0])
    plan = (first.at, then.at)
    if first.priority != then.priority:
        plan = (first.at.inside("priority"), then.at.inside("priority"))
    return Contradiction(
        (f"/matched/{before}", f"/matched/{index}"),
        f"rule `{first.id}` fires before `{then.id}` ({_why_before(first, then, rules)}), and a "
        "decision lists the rules that fire in that order: `matched` can never list "
        f"`{then.id}` before it",
        f"write `matched: [{', '.join(ordered)}]`, the order they fire in, or "
        "`matched_at_least:` when the order does not matter",
        plan,
    )


def _why_before(earlier: Rule, later: Rule, rules: _RulesOf) -> str:
    """Why ``earlier`` fires before ``later``: its priority, or its place in the plan (in a
    plan of several files, its file's: a folder's files are read in name order, files named
    one by one in the order given, where "by name" had been said of those too)."""
    if earlier.priority > later.priority:
        return f"priority {earlier.priority}, higher than `{later.id}`'s {later.priority}"
    if earlier.at.path != later.at.path:
        if rules.files_by_name:
            return "the same priority, and its file comes first in the plan, by name"
        return (
            "the same priority, and its file is named first: the plan's files are read in the "
            "order they are named"
        )
    return "the same priority, and it is written earlier in the plan"
