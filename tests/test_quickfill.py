"""A set's filler (engine.quickfill) makes entries that share nothing with the plan or with
another decision: an app may change a decision it was given, and the next must not see it.

(That the filler's entries equal step-by-step filling is held by property tests:
tests/test_properties.py, over the starter plan, and tests/test_builder_pricing.py, over
random compensation policies.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import engine.evaluate as evaluate_module
from engine.api import Plan, load_plan

PLAN = """backplan: 1
plan: {name: T, currency: USD}
rules:
  - id: r1
    title: r1
    priority: 2
    when: {event: order}
    then:
      - tag: {tags: [late, vip]}
      - apologize: {within: 1h}
      - x-crm-flag: {labels: [a, b], meta: {k: [1, {x: 2}]}}
  - id: r2
    title: r2
    priority: 1
    when: {event: order}
    then:
      - tag: {tags: [repeat]}
      - apologize: {within: 30m}
"""


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Plan]:
    """The plan, deciding with its set's filler and never a builder."""
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    uses = evaluate_module.BUILD_AFTER_USES
    evaluate_module.BUILD_AFTER_USES = 1 << 62
    try:
        yield load_plan(path)
    finally:
        evaluate_module.BUILD_AFTER_USES = uses


EVENT = {"id": "e1", "type": "order", "occurred_at": "2026-11-23T09:30:00Z"}


def _change_every_list_and_mapping(value: Any) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _change_every_list_and_mapping(item)
        value["changed"] = True
    elif isinstance(value, list):
        for item in value:
            _change_every_list_and_mapping(item)
        value.append("changed")


def test_a_filler_s_decision_shares_no_list_or_mapping(filled: Plan) -> None:
    first = filled.decide(EVENT)  # step by step: the set's first use
    second = filled.decide(EVENT)  # its filler's
    assert all(p.filler for p in filled._decider.rules.assemblies.values())
    assert second == first
    tags = next(a for a in second["actions"] if a["type"] == "tag")
    assert tags["params"]["tags"] == ["late", "vip", "repeat"]  # merged: the slot's own list
    apology = next(a for a in second["actions"] if a["type"] == "apologize")
    assert apology["also_from"] == ["r2"]
    assert apology["due"] == "2026-11-23T10:00:00Z"  # the earliest of the two deadlines
    _change_every_list_and_mapping(second)
    assert filled.decide(EVENT) == first  # the filler's next decision is as it was
