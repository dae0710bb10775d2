"""Lint checks of the fallback: whether every complaint gets a plan at all.

A fallback rule is what fires when no ordinary rule fits. ``no-fallback`` tells a plan that
has none; ``fallback-with-gaps`` tells one whose every fallback has conditions, so a complaint
that fits none of them still gets no actions. They belong together as the two ways a complaint
can fall through the plan.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.errors import Diagnostic
from engine.lint.base import WarningCheck
from engine.logic import rule_conjuncts
from engine.model import PlanModel
from engine.wording import join_words


class NoFallback(WarningCheck):
    """A plan without an enabled fallback rule: a complaint no rule fits would get a decision of
    no actions, and no person would hear of it. The rules seldom fit every complaint, and the
    fallback is what hands the rest to someone."""

    code = "no-fallback"
    description = "No enabled fallback rule: a complaint no rule fits would get no plan at all."

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Whether an enabled fallback rule exists, a disabled one named when that is the cause."""
        if not plan.rules or any(r.fallback and r.enabled for r in plan.rules):
            return
        disabled = [r.id for r in plan.rules if r.fallback]
        add = "add a rule with `fallback: true` that escalates to a person to improvise"
        if not disabled:
            what, hint = "the plan has no fallback rule", add
        elif len(disabled) == 1:
            what = f"its fallback rule `{disabled[0]}` is disabled (`enabled: false`)"
            hint = f"enable it, or {add}"
        else:
            what, hint = (
                "every fallback rule is disabled (`enabled: false`)",
                f"enable one, or {add}",
            )
        yield self.found(
            plan.settings.at, f"{what}: a complaint no rule fits gets no actions", hint
        )


class FallbackWithGaps(WarningCheck):
    """Fallback rules that all have ``when:``: the gap they were meant to close stays open for
    a complaint that fits none of their conditions either, which then gets no actions."""

    code = "fallback-with-gaps"
    description = (
        "Every enabled fallback rule has conditions, so a complaint that no rule fits and no "
        "fallback's conditions fit gets no actions."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Whether every enabled fallback has conditions, a disabled one without them named as the
        quickest fix."""
        fallbacks = [r for r in plan.rules if r.fallback and r.enabled]
        if fallbacks and all(rule_conjuncts(r, plan) for r in fallbacks):  # none for every event
            names = join_words([f"`{r.id}`" for r in fallbacks], "and")
            which = f"rule {names} has" if len(fallbacks) == 1 else f"rules {names} all have"
            hint = "add a fallback rule without `when:` after them, one that escalates to a person"
            for rule in plan.rules:
                if rule.fallback and not rule.enabled and not rule_conjuncts(rule, plan):
                    hint = f"enable the fallback rule `{rule.id}` (it has no `when:`), or {hint}"
                    break
            yield self.found(
                fallbacks[0].at,
                f"the enabled fallback {which} `when:`: a complaint that fits no other rule "
                "and no fallback's `when:` gets no actions",
                hint,
            )
