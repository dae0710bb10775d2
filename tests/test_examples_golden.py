"""Golden decisions: the starter plan's answer to every example complaint, byte for byte.

Each file under ``examples/events/`` has its decision stored in ``tests/golden/decisions/``;
``stream.jsonl`` has the whole ``backplan eval`` output stored, error records included. Any
change to the plan or the engine that changes a decision shows up here as a diff to review.
Regenerate deliberately with ``BACKPLAN_REGEN_GOLDEN=1 pytest tests/test_examples_golden.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.api import load_plan
from engine.cli import cli
from tests.conftest import REPO, check_golden

EVENTS = REPO / "examples" / "events"
STREAM = EVENTS / "stream.jsonl"
GOLDEN = REPO / "tests" / "golden" / "decisions"
EXAMPLES = sorted(EVENTS.glob("*.json"))


def pretty(document: object) -> str:
    """Golden files are indented and key-sorted, so a review diff reads line by line."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_decision_matches_golden(path: Path) -> None:
    plan = load_plan(REPO / "rules")
    event = json.loads(path.read_text(encoding="utf-8"))
    decision = json.loads(plan.evaluate_json(event))
    check_golden(GOLDEN / path.name, pretty(decision))


def test_every_golden_decision_has_its_example() -> None:
    # A golden file left behind by a renamed example would never be checked again.
    stored = {p.name for p in GOLDEN.glob("*.json")}
    assert stored == {p.name for p in EXAMPLES}


def test_stream_output_matches_golden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # error records name the input as given: keep it relative
    result = CliRunner().invoke(cli, ["eval", "--plan", "rules", "examples/events/stream.jsonl"])
    assert result.exit_code == 1  # the stream holds bad events on purpose
    check_golden(GOLDEN / "stream.jsonl", result.stdout)


def test_stream_has_one_output_per_line_and_shows_errors() -> None:
    inputs = STREAM.read_text(encoding="utf-8").splitlines()
    result = CliRunner().invoke(cli, ["eval", "--plan", str(REPO / "rules"), str(STREAM)])
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) == len(inputs)
    errors = [o["error"]["code"] for o in outputs if "error" in o]
    assert errors == ["missing-id", "bad-time", "bad-json"]
    assert [o["error"]["line"] for o in outputs if "error" in o] == [
        i + 1 for i, o in enumerate(outputs) if "error" in o
    ]


def test_stream_holds_every_example_event_unchanged() -> None:
    decoded = []
    for line in STREAM.read_text(encoding="utf-8").splitlines():
        try:
            decoded.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    examples = [json.loads(p.read_text(encoding="utf-8")) for p in EXAMPLES]
    with_ids = [e for e in decoded if "id" in e and not str(e["id"]).startswith("evt-bad")]
    assert sorted(with_ids, key=lambda e: e["id"]) == sorted(examples, key=lambda e: e["id"])


def test_golden_decisions_are_deterministic() -> None:
    # Two separately loaded plans give the same bytes: nothing depends on load order or time.
    first, second = load_plan(REPO / "rules"), load_plan(REPO / "rules")
    for path in EXAMPLES:
        event = json.loads(path.read_text(encoding="utf-8"))
        assert first.evaluate_json(event) == second.evaluate_json(dict(reversed(event.items())))
