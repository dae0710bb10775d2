"""The README tells the truth: its console transcripts are real output, its set-up commands exist,
its embedding code runs and its JSON is what eval writes."""

from __future__ import annotations

import json
import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.api import load_plan
from engine.cli import cli
from engine.durations import parse_duration
from tests.conftest import REPO, printed_by_a_child

README = (REPO / "README.md").read_text(encoding="utf-8")
_TRANSCRIPT = re.compile(r"```console\n\$ backplan (.*?)\n(.*?)```", re.DOTALL)
TRANSCRIPTS = [
    (path.name, *found)
    for path in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    for found in _TRANSCRIPT.findall(path.read_text(encoding="utf-8"))
]
"""Every ``$ backplan ...`` console transcript of the README and the docs: (page, command,
output). docs/starter-plan.md's copy of the README's had drifted from the real output."""


def test_readme_has_transcripts() -> None:
    assert any(page == "README.md" for page, _, _ in TRANSCRIPTS)


@pytest.mark.parametrize(
    ("page", "command", "expected"), TRANSCRIPTS, ids=[f"{t[0]}: {t[1]}" for t in TRANSCRIPTS]
)
def test_console_transcripts_are_real_output(
    page: str, command: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(cli, shlex.split(command))
    assert result.stdout.rstrip("\n") == expected.rstrip("\n")


def test_quickstart_has_the_two_setup_commands() -> None:
    commands = re.findall(r"```sh\n(python3 -m venv .*?)\n```", README)
    assert any("backplan eval examples/events/" in c for c in commands)
    assert any(c.endswith(".venv/bin/python -m pytest") for c in commands)
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(c for c in commands if c.endswith("pytest"))
    assert test_command in ci, ".ci/run must run exactly the README's test command"


def test_example_events_named_in_the_quickstart_exist() -> None:
    assert sorted(Path(REPO, "examples", "events").glob("*.json"))
    assert os.access(REPO / ".ci" / "run", os.X_OK)


def test_the_command_table_lists_every_command() -> None:
    table = README.split("## The command line", 1)[1].split("\n\n", 2)[1]
    listed = set(re.findall(r"^\| `backplan ([a-z]+)", table, re.MULTILINE))
    assert listed == set(cli.commands), "README's command table must list every command"


def test_every_page_of_the_docs_is_linked_from_the_readme() -> None:
    """The README is the way into the docs: docs/authoring.md (how to test, explain, lint and
    render a plan), docs/security.md and docs/performance.md had no link from it."""
    pages = sorted(path.name for path in (REPO / "docs").glob("*.md"))
    assert len(pages) > 5
    assert [page for page in pages if f"](docs/{page}" not in README] == []


def test_the_check_step_mentions_lint() -> None:
    # validate passes a misspelt field (`custmer.tier`); only lint catches it
    step = re.search(r"^4\. \*\*Check it\.\*\*.*?(?=^5\.)", README, re.MULTILINE | re.DOTALL)
    assert step is not None and "backplan lint my-plan/rules" in step.group()


def test_the_embedding_example_prints_what_it_says() -> None:
    """The README's *Embedding* code runs from the repository's root, as written: its first
    line is the rules that fired and the actions' types, its second the decision's JSON, then
    the agent's checklist, as `eval --pretty` prints it for the same event. Its event has no
    order total: the checklist made without the event (`decision.checklist()`, as the README
    had it) said "order.total is missing or not an amount (...)" where eval says "order.total
    is missing" (found by review)."""
    code = README.split("## Embedding\n", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    matched, document, *checklist = printed_by_a_child(code, "").splitlines()
    assert matched.startswith("['public-negative-review'] ['reply_publicly', ")
    assert json.loads(document)["event_id"] == "evt-1"
    assert checklist[:2] == [
        "Event evt-1 (review), happened 2026-11-23 09:30 UTC",
        "  Rules: public-negative-review",
    ]
    assert checklist[-1].startswith("  Compensation total: 10.00 USD")
    given = re.search(r"event = (\{.*?\})\n", code, re.DOTALL)
    assert given is not None, "the README's embedding code no longer names its event `event`"
    pretty = CliRunner().invoke(cli, ["eval", "--pretty", "-"], input=given[1].replace("\n", ""))
    assert checklist == pretty.stdout.splitlines()[:-1]  # eval ends each with a blank line


@pytest.mark.parametrize("page", ["README.md", "docs/starter-plan.md"])
def test_the_compensation_entry_shown_is_the_decisions(page: str) -> None:
    """Both pages show the compensation entry of the one-star review's decision, as eval
    writes it: no test had compared it with the decision."""
    text = (REPO / page).read_text(encoding="utf-8")
    block = text.split("The compensation entry, for instance:\n\n```json\n", 1)[1]
    shown = json.loads(block.split("```", 1)[0])
    event = json.loads((REPO / "examples/events/public-negative-review.json").read_bytes())
    actions = load_plan().decide(event)["actions"]
    assert shown == next(action for action in actions if action["type"] == "compensate")


@pytest.mark.parametrize("page", ["README.md", "docs/starter-plan.md"])
def test_the_repeat_complaint_is_decided_as_told(page: str) -> None:
    """Both pages tell what the starter plan decides for a repeat wrong-size order: the rules,
    the one apology due at the earlier deadline, the 30% voucher made and the 10% one set
    aside, with their amounts, and the approval. No test had held those words to the plan."""
    text = " ".join((REPO / page).read_text(encoding="utf-8").split())
    told = re.search(
        r"gets `matched: (\[.*?\])`: one apology .*? the (\d+)% repeat voucher \(([0-9.]+) USD\)"
        r" instead of the (\d+)% wrong-item one \(([0-9.]+), listed under `superseded`\)"
        r" — flagged `needs_approval` because it is above (\d+)\.",
        text,
    )
    assert told is not None, f"{page} lost its words on the repeat complaint"
    matched, percent, amount, other_percent, other_amount, threshold = told.groups()
    event = json.loads((REPO / "examples/events/repeat-complaint.json").read_bytes())
    plan = load_plan()
    decision = plan.decide(event)
    assert decision["matched"] == json.loads(matched)
    fired = {rule.id: rule for rule in plan.model.rules if rule.id in decision["matched"]}
    asked = [a.within for rule in fired.values() for a in rule.then if a.type == "apologize"]
    [apology] = [a for a in decision["actions"] if a["type"] == "apologize"]
    assert len(asked) == 2 and apology["within"] == min(asked, key=parse_duration)
    [made] = [a["params"] for a in decision["actions"] if a["type"] == "compensate"]
    assert (made["percent"], made["amount"], made["needs_approval"]) == (percent, amount, True)
    summary = decision["compensation"]
    assert summary["approval_threshold"] == f"{threshold}.00"
    assert summary["superseded"] == [
        {"amount": other_amount, "reason": "smaller-offer", "rule": "wrong-item"}
    ]
    [offer] = [a for a in fired["wrong-item"].then if a.type == "compensate"]
    assert f"{offer.percent:f}" == other_percent
