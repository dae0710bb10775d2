"""The embedding API: load_plan, evaluate, evaluate_many, Decision, exceptions."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

import engine
from engine import BackplanError, Decision, Event, EventError, PlanError, load_plan
from engine.api import validate_plan
from engine.decision import canonical_json
from engine.resources import load_schema

PLAN = """
conditions:
  public_channel: {field: channel, in: [twitter, yelp, google_review]}
rules:
  - id: public-negative-review
    title: Bad public review
    priority: 10
    when: {event: review, all: [{field: rating, lte: 2}, {use: public_channel}]}
    then:
      - reply_publicly: {within: 1h, message: "Sorry {customer.first_name|there}"}
      - compensate: {kind: voucher, percent: 20, of: order.total, min: 10, max: 40}
    prevent:
      - root_cause: {owner: store-manager, within: 7d}
  - id: improvise
    title: Nothing fits
    fallback: true
    then: [{escalate: {to: cx-lead, within: 30m}}]
"""

EVENT = {
    "id": "evt-1",
    "type": "review",
    "occurred_at": "2026-11-23T09:30:00Z",
    "channel": "yelp",
    "rating": 1,
    "customer": {"first_name": "Dana"},
    "order": {"total": 119.99},
}


def test_public_api_exports() -> None:
    for name in engine.__all__:
        assert getattr(engine, name) is not None
    with pytest.raises(AttributeError):
        _ = engine.not_a_name  # type: ignore[attr-defined]


def test_evaluate_returns_a_typed_decision(plan_from: Any) -> None:
    plan = plan_from(PLAN)
    decision = plan.evaluate(EVENT)
    assert isinstance(decision, Decision)
    assert decision.event_id == "evt-1"
    assert decision.matched == ["public-negative-review"]
    assert decision.plan.name == "Test Store"
    assert decision.plan.fingerprint == plan.fingerprint
    assert plan.fingerprint.startswith("sha256:")
    assert [a.type for a in decision.actions] == ["reply_publicly", "compensate", "root_cause"]
    assert decision.actions[1].params["amount"] == "24.00"
    assert decision.compensation is not None and decision.compensation.total == "24.00"


def test_decision_json_is_the_canonical_document(plan_from: Any) -> None:
    plan = plan_from(PLAN)
    document = plan.decide(EVENT)
    assert plan.evaluate(EVENT).to_json() == canonical_json(document) == plan.evaluate_json(EVENT)
    assert plan.evaluate(EVENT).to_document() == json.loads(canonical_json(document))


def test_decisions_validate_against_the_published_schema(plan_from: Any) -> None:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(load_schema("decision"))
    plan = plan_from(PLAN)
    for event in (EVENT, {"id": 2, "type": "order"}, {**EVENT, "order": {}}):
        validator.validate(json.loads(plan.evaluate_json(event)))


def test_event_models_are_accepted(plan_from: Any) -> None:
    plan = plan_from(PLAN)
    model = Event.model_validate(EVENT)
    assert plan.evaluate(model).to_json() == plan.evaluate(EVENT).to_json()


def test_evaluate_many_yields_one_result_per_event_in_order(plan_from: Any) -> None:
    plan = plan_from(PLAN)
    events = [EVENT, [1], {"id": 3, "type": "order"}, {"type": "review"}]
    results = list(plan.evaluate_many(iter(events)))
    assert [r.index for r in results] == [0, 1, 2, 3]
    assert [r.decision is not None for r in results] == [True, False, True, False]
    assert isinstance(results[1].error, EventError)
    assert results[2].decision is not None and results[2].decision.fallback is True


def test_exceptions_share_one_base(tmp_path: Any) -> None:
    assert issubclass(PlanError, BackplanError) and issubclass(EventError, BackplanError)
    bad = tmp_path / "bad.yaml"
    bad.write_text("backplan: 2\n", encoding="utf-8")
    with pytest.raises(BackplanError) as raised:
        load_plan(bad)
    assert isinstance(raised.value, PlanError)
    assert raised.value.diagnostics[0].source.line == 1
    assert "bad.yaml:1:" in str(raised.value)
    with pytest.raises(PlanError) as missing:
        load_plan(tmp_path / "nope.yaml")
    assert missing.value.diagnostics[0].code == "not-found"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("", "no plan path was given: the path is empty"),
        ([], "no plan path was given"),
        (["rules", ""], "one of the plan paths is empty"),
    ],
)
def test_an_empty_plan_path_is_refused_not_read_as_the_current_folder(
    source: Any, message: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The current folder holds a YAML file that is no plan: reading it would report its errors.
    (tmp_path / "docker-compose.yaml").write_text("services: {}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PlanError) as raised:
        load_plan(source)
    [diagnostic] = raised.value.diagnostics
    assert (diagnostic.code, diagnostic.message) == ("no-plan-path", message)
    assert "`rules/`" in diagnostic.hint
    assert validate_plan(source)[1] == [diagnostic]


def test_default_plan_is_the_starter_plan() -> None:
    plan = load_plan()
    assert plan.model.rules
    decision = plan.evaluate({"id": "x", "type": "x-nothing-matches-this"})
    assert decision.fallback is True


def test_plan_is_immutable(plan_from: Any) -> None:
    plan = plan_from(PLAN)
    with pytest.raises(AttributeError):
        plan.model = None  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):  # frozen nodes refuse assignment
        plan.model.rules[0].priority = 5  # type: ignore[misc]


def test_evaluate_many_survives_an_unexpected_fault(
    plan_from: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from engine.evaluate import Decider

    plan = plan_from(PLAN)
    original = Decider.decide

    def flaky(self: Decider, event: Any) -> dict[str, Any]:
        if event.get("id") == "boom":
            raise RuntimeError("unexpected")
        return original(self, event)

    monkeypatch.setattr(Decider, "decide", flaky)
    results = list(plan.evaluate_many([{"id": "boom", "type": "review"}, EVENT]))
    assert results[0].error is not None and results[0].error.code == "internal-error"
    assert results[1].decision is not None and results[1].decision.event_id == "evt-1"
