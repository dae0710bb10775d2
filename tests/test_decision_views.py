"""The typed views ``Plan.evaluate`` returns agree with the pydantic models of the format.

``engine.decision`` reads decisions through light views instead of building the pydantic models
of ``engine.decisionmodel`` per event; these tests keep the two the same: the same names, the
same fields, the same values for real decisions, and read-only like the frozen models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

import engine.decision as views
import engine.decisionmodel as models
from engine import load_plan
from engine.decision import Decision, canonical_json
from engine.explain import decide_with_trace

ROOT = Path(__file__).resolve().parent.parent
STARTER = load_plan()
EXAMPLES = [
    json.loads(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "examples" / "events").glob("*.json"))
]
VIEW_CLASSES = ["PlanRef", "DecidedAction", "Superseded", "CompensationSummary", "TraceStep"]


def plain(value: Any) -> Any:
    """A view read through its typed attributes only, as plain data."""
    if isinstance(value, views._View):
        return {name: plain(getattr(value, name)) for name in value.FIELDS}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def model_dump(document: dict[str, Any]) -> dict[str, Any]:
    return models.Decision.model_validate(document).model_dump(mode="json")


@pytest.mark.parametrize("name", [*VIEW_CLASSES, "Decision"])
def test_each_view_has_the_fields_of_its_model(name: str) -> None:
    view: type[views._View] = getattr(views, name)
    model: type[BaseModel] = getattr(models, name)
    assert tuple(model.model_fields) == view.FIELDS
    for field in view.FIELDS:
        assert isinstance(getattr(view, field), property), field
        assert getattr(view, field).__doc__, f"{name}.{field} has no docstring"


def test_examples_read_the_same_through_views_and_models() -> None:
    checked = 0
    for event in EXAMPLES:
        document = STARTER.decide(event)
        assert plain(STARTER.evaluate(event)) == {**model_dump(document), "trace": None}
        checked += document["compensation"] is not None
    assert checked, "no example exercised the compensation summary"


def test_traces_read_the_same_through_views_and_models() -> None:
    document = decide_with_trace(STARTER, EXAMPLES[0])
    decision = Decision.from_document(document)
    assert decision.trace is not None and decision.trace[0].rule
    assert plain(decision) == model_dump(document)


@settings(max_examples=60, deadline=None)
@given(
    rating=st.integers(min_value=1, max_value=5),
    total=st.one_of(st.none(), st.floats(min_value=0, max_value=1e6), st.integers(0, 10**6)),
    kind=st.sampled_from(["review", "order", "support", "billing", "x-other"]),
)
def test_generated_decisions_read_the_same(rating: int, total: Any, kind: str) -> None:
    event: dict[str, Any] = {"id": "e", "type": kind, "rating": rating, "channel": "google"}
    event["occurred_at"] = "2026-11-23T09:30:00+01:00"
    if total is not None:
        event["order"] = {"total": total}
    document = STARTER.decide(event)
    decision = STARTER.evaluate(event)
    assert plain(decision) == {**model_dump(document), "trace": None}
    assert decision.to_json() == canonical_json(document)


def test_views_are_read_only_and_compare_by_content() -> None:
    first = STARTER.evaluate(EXAMPLES[0])
    again = STARTER.evaluate(EXAMPLES[0])
    assert first == again and first is not again
    assert first != STARTER.evaluate(EXAMPLES[1])
    assert first.actions[0] == again.actions[0]
    assert first.actions is first.actions  # nested views are made once
    with pytest.raises(AttributeError, match="read-only"):
        first.event_id = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="read-only"):
        first.actions[0].due = None  # type: ignore[misc]
    with pytest.raises(AttributeError, match="read-only"):
        del first.plan
    with pytest.raises(TypeError):
        hash(first)
    assert repr(first).startswith(
        f"Decision(format='backplan.decision/1', event_id={first.event_id!r}"
    )


def test_to_document_is_a_copy_the_caller_may_change() -> None:
    decision = STARTER.evaluate(EXAMPLES[0])
    before = decision.to_json()
    document = decision.to_document()
    document["actions"][0]["params"]["message"] = "changed"
    document["matched"].append("changed")
    assert decision.to_json() == before
    assert "trace" not in document


def test_validate_checks_a_document_from_elsewhere() -> None:
    document = json.loads(STARTER.evaluate_json(EXAMPLES[0]))
    assert Decision.validate(document) == STARTER.evaluate(EXAMPLES[0])
    with pytest.raises(ValidationError):
        Decision.validate({**document, "actions": [{"type": "apologize"}]})
    with pytest.raises(ValidationError):
        Decision.validate({**document, "surprise": 1})
