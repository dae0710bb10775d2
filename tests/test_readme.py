"""The README tells the truth: its console transcripts are real output, its set-up commands exist."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from tests.conftest import REPO

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


def test_the_check_step_mentions_lint() -> None:
    # validate passes a misspelt field (`custmer.tier`); only lint catches it
    step = re.search(r"^4\. \*\*Check it\.\*\*.*?(?=^5\.)", README, re.MULTILINE | re.DOTALL)
    assert step is not None and "backplan lint my-plan/rules" in step.group()
