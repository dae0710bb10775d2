"""examples/embed.py runs as a script and turns tickets into the plan's tasks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

SCRIPT = REPO / "examples" / "embed.py"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=120,
    )


def test_embed_example_runs_and_plans_every_ticket() -> None:
    result = run()
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Plan: Acme Store (sha256:")
    assert "#4411 'Worst birthday cake ever': public-negative-review" in out
    assert "#4412 'Phone arrived bent': defective-product" in out
    assert "#4413 'Wrong size again': repeat-complaint, high-value-customer, wrong-item" in out
    assert "gesture: 63.00 USD (needs approval)" in out
    assert "#4415 'Van blocked our driveway': no rule fits: fallback" in out
    # A ticket the engine cannot decide is routed to a person, never dropped.
    assert "#4416 'Imported from the old system': cannot decide" in out
    assert "helpdesk triage:\n  [ ] #4416 by now: handle by hand" in out  # the app's queue
    assert "  [ ] #4412 by 2026-11-24T10:05:00Z: replace free of charge" in out
    assert "    labels: unplanned" in out  # a tag labels the ticket; it is nobody's task
    assert ": tag" not in out


def test_embed_example_is_deterministic() -> None:
    assert run().stdout == run().stdout


def test_embed_example_takes_another_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "backplan: 1\n"
        "plan: {name: Tiny Shop, currency: EUR}\n"
        "rules:\n"
        "  - id: anything\n"
        "    title: Any complaint\n"
        "    fallback: true\n"
        "    then: [{escalate: {to: owner, within: 1h}}]\n",
        encoding="utf-8",
    )
    result = run(str(plan))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Plan: Tiny Shop")
    assert "owner:" in result.stdout


def test_embed_example_prints_a_plans_problems_not_a_traceback(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("backplan: 1\nrules:\n  - id: x\n    titel: typo\n", encoding="utf-8")
    result = run(str(plan))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{plan}:4:5: error: unknown key `titel`" in result.stderr
    assert result.stderr.endswith(f"cannot load the plan {plan}: fix the problems above\n")


def test_embed_example_stops_quietly_when_its_reader_does() -> None:
    command = f"{sys.executable} {SCRIPT} | head -1"
    result = subprocess.run(
        ["bash", "-c", command], check=False, capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert result.stdout.startswith("Plan: Acme Store")
    assert result.stderr == ""
