"""The engines measured: Backplan and its peers, each behind the same small interface.

An :class:`Engine` loads a generated plan document and then answers, for one event, the ids of
the rules whose conditions hold, in the plan's firing order. Each peer is driven through its
fastest documented path from Python:

* **zen-engine** (GoRules, Rust core): the whole plan is ONE decision table with the ``collect``
  hit policy (one row per rule, one expression column, one output column naming the rule),
  pre-compiled with ``ZenDecisionContent`` and served by ``ZenEngine.evaluate`` through a loader
  — far faster per call than ``create_decision(...).evaluate`` or one expression per rule;
* **rule-engine**: one compiled ``Rule`` per plan rule, ``Rule.matches(event)``;
* **business-rules** (venmo): its ``run_all`` over the rules, one variables object per event;
  an action records which rules fired;
* **json-rules-engine** runs under Node (``bench/node/run.js``), driven by :mod:`bench.node`.

Each peer declares the :class:`~bench.workload.Profile` it can express; the runner generates that
peer's plan with the same seed under that profile and measures Backplan on the same plan too, so
every ratio compares the same work.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from bench.translate import (
    business_rules_conditions,
    inline,
    rule_condition,
    rule_engine_expression,
    zen_expression,
)
from bench.workload import ALL_OPERATORS, FULL, Profile, plan_yaml

Matcher = Callable[[Any], list[str]]
"""An event -> the ids of the rules whose conditions hold, in firing order."""


def firing_order(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The plan's non-fallback rules in firing order (priority desc, then position)."""
    rules = [r for r in document["rules"] if not r.get("fallback") and r.get("enabled", True)]
    order = sorted(range(len(rules)), key=lambda i: (-rules[i].get("priority", 0), i))
    return [rules[i] for i in order]


def version_of(distribution: str) -> str:
    """The installed version of a distribution, or ``""`` when it is not installed."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return ""


class Engine:
    """One engine under test."""

    name: str = ""
    distribution: str = ""
    profile: Profile = FULL
    max_rules: int | None = None
    """The largest plan this engine is run on (None: every size), and why (``skip_reason``)."""
    skip_reason: str = ""

    def available(self) -> bool:
        """Whether the engine can run here (its package is installed)."""
        return bool(self.version())

    def version(self) -> str:
        """The engine's version."""
        return version_of(self.distribution)

    def load(self, document: dict[str, Any], workdir: Path) -> Matcher:
        """Build the engine's form of the plan; return its matcher."""
        raise NotImplementedError


class Backplan(Engine):
    """Backplan itself: the plan is written as YAML and loaded as a user would."""

    name = "backplan"
    distribution = "backplan"

    def load(self, document: dict[str, Any], workdir: Path) -> Matcher:
        from engine.api import load_plan

        workdir.mkdir(parents=True, exist_ok=True)
        path = workdir / "plan.yaml"
        if not path.exists():
            path.write_text(plan_yaml(document), encoding="utf-8")
        self.plan = load_plan(path)
        matcher = self.plan.matcher
        ids = [r.id for r in matcher.rules]
        match = matcher.match

        def run(event: Any) -> list[str]:
            return [ids[i] for i in match(event)]

        return run


class Zen(Engine):
    """GoRules zen-engine: one collect decision table, ``ZenEngine.evaluate`` via a loader."""

    name = "zen-engine"
    distribution = "zen-engine"
    profile = Profile(
        "zen",
        notes=("every operator; a guard `field != null` keeps a missing field from erroring",),
    )

    def load(self, document: dict[str, Any], workdir: Path) -> Matcher:
        import zen

        rows = [
            {
                "_id": f"row{index}",
                "when": zen_expression(rule_condition(rule)),
                "rule": orjson.dumps(rule["id"]).decode(),
            }
            for index, rule in enumerate(firing_order(document))
        ]
        graph = {
            "contentType": "application/vnd.gorules.decision",
            "nodes": [
                {
                    "id": "request",
                    "type": "inputNode",
                    "name": "Request",
                    "position": {"x": 0, "y": 0},
                },
                {
                    "id": "plan",
                    "type": "decisionTableNode",
                    "name": "Plan",
                    "position": {"x": 200, "y": 0},
                    "content": {
                        "hitPolicy": "collect",
                        "inputs": [{"id": "when", "name": "When"}],
                        "outputs": [{"id": "rule", "field": "rule", "name": "Rule"}],
                        "rules": rows,
                    },
                },
                {
                    "id": "response",
                    "type": "outputNode",
                    "name": "Response",
                    "position": {"x": 400, "y": 0},
                },
            ],
            "edges": [
                {"id": "e1", "sourceId": "request", "targetId": "plan", "type": "edge"},
                {"id": "e2", "sourceId": "plan", "targetId": "response", "type": "edge"},
            ],
        }
        content = zen.ZenDecisionContent(orjson.dumps(graph).decode())
        engine = zen.ZenEngine({"loader": lambda key: content})
        evaluate = engine.evaluate
        evaluate("plan", {})  # load and compile now, not during the first timed event

        def run(event: Any) -> list[str]:
            return [row["rule"] for row in evaluate("plan", event)["result"]]

        return run


class RuleEngine(Engine):
    """zeroSteiner's rule-engine: one compiled Rule per plan rule."""

    name = "rule-engine"
    distribution = "rule-engine"
    max_rules = 1000
    skip_reason = (
        "parsing 10,000 rule-engine rules takes minutes and it is already the slowest peer "
        "at 1,000 rules"
    )
    profile = Profile(
        "rule-engine",
        notes=("every operator; starts/ends_with as anchored regexes; `&[...]` for nested fields",),
    )

    def load(self, document: dict[str, Any], workdir: Path) -> Matcher:
        import rule_engine

        context = rule_engine.Context(default_value=None)
        compiled = [
            (
                rule["id"],
                rule_engine.Rule(
                    rule_engine_expression(rule_condition(rule)), context=context
                ).matches,
            )
            for rule in firing_order(document)
        ]

        def run(event: Any) -> list[str]:
            return [rule_id for rule_id, matches in compiled if matches(event)]

        return run


class BusinessRules(Engine):
    """venmo's business-rules: ``run_all`` with an action that records the rule."""

    name = "business-rules"
    distribution = "business-rules"
    profile = Profile(
        "business-rules",
        operators=ALL_OPERATORS - {"ne", "not_in"},
        negation=False,
        notes=(
            "no `not`, `ne` or `not_in` (business-rules has no negation)",
            "a `has__field` variable guards each test, since it cannot read a missing number",
        ),
    )

    def load(self, document: dict[str, Any], workdir: Path) -> Matcher:
        from business_rules import engine as br_engine
        from business_rules import variables as br_variables
        from business_rules.actions import BaseActions, rule_action

        kinds: dict[str, str] = {}
        rules = [
            {
                "conditions": business_rules_conditions(inline(rule_condition(rule)), kinds),
                "actions": [{"name": "fired", "params": {"rule": rule["id"]}}],
            }
            for rule in firing_order(document)
        ]
        variables_class = _business_rules_variables(br_variables, kinds)

        class Actions(BaseActions):  # type: ignore[misc]
            def __init__(self, fired: list[str]) -> None:
                self.fired_rules = fired

            @rule_action(params={"rule": "text"})  # type: ignore[untyped-decorator]
            def fired(self, rule: str) -> None:
                self.fired_rules.append(rule)

        run_all = br_engine.run_all

        def run(event: Any) -> list[str]:
            fired: list[str] = []
            run_all(rules, variables_class(event), Actions(fired))
            return fired

        return run


def _business_rules_variables(module: Any, kinds: dict[str, str]) -> type:
    """A business-rules variables class with one method per (field, kind) the plan reads."""
    from engine.fields import MISSING, lookup, split_path

    decorators = {
        "string": module.string_rule_variable,
        "numeric": module.numeric_rule_variable,
        "boolean": module.boolean_rule_variable,
        "present": module.boolean_rule_variable,
        "select": module.select_rule_variable,
        "select_multiple": module.select_multiple_rule_variable,
    }
    namespace: dict[str, Any] = {
        "__init__": lambda self, event: setattr(self, "event", event),
    }
    for var, kind in kinds.items():
        if var == "always":
            namespace[var] = module.boolean_rule_variable(lambda self: True)
            continue
        field = var.removeprefix("has__").rsplit("__", 1)[0] if kind != "present" else var[5:]
        parts = split_path(field.replace("__", "."))

        def reader(
            self: Any, _parts: tuple[str, ...] = parts, _present: bool = kind == "present"
        ) -> Any:
            value = lookup(self.event, _parts)
            if _present:
                return value is not MISSING and value is not None
            return None if value is MISSING else value

        reader.__name__ = var
        decorator = decorators[kind]
        namespace[var] = (
            decorator()(reader) if kind in ("select", "select_multiple") else decorator(reader)
        )
    return type("PlanVariables", (module.BaseVariables,), namespace)


PYTHON_PEERS: tuple[Engine, ...] = (Zen(), RuleEngine(), BusinessRules())
"""The peers that run in the benchmark's own Python process."""

ENGINES: dict[str, Engine] = {e.name: e for e in (Backplan(), *PYTHON_PEERS)}
