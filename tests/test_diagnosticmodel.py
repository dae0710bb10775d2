"""engine.diagnosticmodel: what `backplan validate --format json` and `backplan lint --format
json` write follows the published diagnostics schema (``schemas/diagnostics.schema.json``) and
the models it is generated from; what is off it is refused."""

from __future__ import annotations

import json
import os
import typing
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from engine.cli import cli
from engine.codebook import diagnostic_codes
from engine.diagnosticmodel import Diagnostic, Diagnostics
from engine.errors import Severity
from engine.resources import load_schema
from tests.cli.test_validate_golden import CASES, GENERATED, GOLDEN
from tests.test_docs import _REPRODUCED, _REPRODUCED_EACH

VALIDATOR = Draft202012Validator(load_schema("diagnostics"))


def assert_follows_the_format(document: Any) -> None:
    """``document`` passes both the published schema and the models (strict: no conversion)."""
    problems = [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(document)]
    assert problems == []
    Diagnostics.model_validate(document)


def written(command: str, folder: Path, name: str) -> list[dict[str, Any]]:
    """What ``backplan COMMAND --format json NAME`` writes, run inside ``folder``."""
    previous = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(cli, [command, "--format", "json", name])
    finally:
        os.chdir(previous)
    assert "Traceback" not in result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


@pytest.mark.parametrize("command", ["validate", "lint"])
@pytest.mark.parametrize("case", CASES)
def test_the_golden_diagnostics_follow_the_format(command: str, case: str, tmp_path: Path) -> None:
    """Every broken plan of tests/golden/diagnostics, as a tool reads its problems."""
    folder = GOLDEN
    if case in GENERATED:
        folder = tmp_path
        GENERATED[case](folder / f"{case}.yaml")
    diagnostics = written(command, folder, f"{case}.yaml")
    assert diagnostics  # each case is a plan with a problem
    assert_follows_the_format(diagnostics)


@pytest.mark.parametrize("code", sorted(_REPRODUCED))
def test_the_warnings_of_the_documented_examples_follow_the_format(
    code: str, tmp_path: Path
) -> None:
    """The golden plans are invalid, so lint gives their errors only: warnings come from the
    plans that make docs/diagnostics.md's examples."""
    (tmp_path / "plan.yaml").write_text(_REPRODUCED[code], encoding="utf-8")
    diagnostics = written("lint", tmp_path, "plan.yaml")
    assert code in [d["code"] for d in diagnostics]
    assert_follows_the_format(diagnostics)


@pytest.mark.parametrize(
    ("code", "plan"),
    [(code, plan) for code, plans in sorted(_REPRODUCED_EACH.items()) for plan in plans[1:]],
)
def test_the_other_documented_examples_follow_the_format(
    code: str, plan: str, tmp_path: Path
) -> None:
    """An entry's further examples: one `shadowed-rule` for a stop rule hiding 12 rules, its
    `see:` places the first 8 of them, as a tool reads it."""
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    diagnostics = written("lint", tmp_path, "plan.yaml")
    assert code in [d["code"] for d in diagnostics]
    assert_follows_the_format(diagnostics)


def test_a_valid_plan_gives_an_empty_list_that_follows_the_format(tmp_path: Path) -> None:
    rules = Path(__file__).resolve().parent.parent / "rules"
    assert written("validate", tmp_path, str(rules)) == []
    assert_follows_the_format([])


def _one() -> dict[str, Any]:
    return {
        "file": "rules/reviews.yaml",
        "line": 8,
        "column": 5,
        "pointer": "/rules/1",
        "severity": "error",
        "code": "duplicate-rule-id",
        "message": "the rule id `late-order` is already used",
        "hint": "rename one of them: the rule at rules/reviews.yaml:8 or the one at rules/orders.yaml:4",
        "related": [{"file": "rules/orders.yaml", "line": 4, "column": 5, "pointer": "/rules/0"}],
    }


@pytest.mark.parametrize(
    "broken",
    [
        {k: v for k, v in _one().items() if k != "hint"},  # every object has every field
        {**_one(), "code": "no-such-code"},
        {**_one(), "code": "bad-json"},  # an error record's code, never a diagnostic's
        {**_one(), "severity": "fatal"},
        {**_one(), "line": -1},
        {**_one(), "line": "8"},
        {**_one(), "pointer": "rules/1"},
        {**_one(), "pointer": "/rules/~2"},
        {**_one(), "hint": None},
        {**_one(), "related": [{"file": "rules/orders.yaml", "line": 4, "column": 5}]},
        {**_one(), "fix": "rename it"},
    ],
)
def test_what_is_off_the_format_is_refused(broken: dict[str, Any]) -> None:
    assert_follows_the_format([_one()])  # the record they are made from is whole
    assert not VALIDATOR.is_valid([broken]), broken
    with pytest.raises(ValueError):
        Diagnostics.model_validate([broken])


def test_a_diagnostic_alone_is_not_the_list() -> None:
    assert not VALIDATOR.is_valid(_one())


def test_the_codes_are_the_documented_diagnostic_codes() -> None:
    schema = load_schema("diagnostics")
    codes = schema["$defs"]["Diagnostic"]["properties"]["code"]["enum"]
    assert codes == list(diagnostic_codes())
    assert {"duplicate-rule-id", "unknown-field", "yaml-syntax", "cannot-pass"} <= set(codes)


def test_the_severities_are_the_engine_s() -> None:
    severities = typing.get_args(Diagnostic.model_fields["severity"].annotation)
    assert severities == tuple(s.value for s in Severity)


def test_every_field_is_described() -> None:
    schema = load_schema("diagnostics")
    assert schema["description"]
    for name, model in schema["$defs"].items():
        assert model["description"], name
        for field, spec in model["properties"].items():
            assert spec.get("description"), f"{name}.{field}"
