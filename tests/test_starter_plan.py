"""The starter plan in rules/: valid, complete, every rule explained, tested and exemplified.

These tests hold the plan to the promises docs/starter-plan.md makes: every rule fires on its
example complaint, has a prevention part with an owner and a due time, sizes compensation as a
percentage with a floor and a cap (or a fixed amount whose comment says why), and every number
in the files carries a comment. ``backplan init`` is tested here too, since it ships this plan.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from engine.api import check_plan, load_plan, read_plan
from engine.checks import run_checks
from engine.cli import cli
from engine.errors import BackplanError, Severity
from engine.model import PlanModel, Rule
from engine.resources import starter_plan_dir
from engine.scaffold import InitRefusedError, init_plan, starter_files
from tests.conftest import REPO

RULES = REPO / "rules"
EVENTS = REPO / "examples" / "events"
PLAN_TESTS = REPO / "examples" / "plan-tests.yaml"
PREVENTION_KINDS = {"root_cause", "training", "process_fix"}
DURATION = re.compile(r"^[1-9][0-9]*[mhdw]$")


@pytest.fixture(scope="module")
def model() -> PlanModel:
    return read_plan(RULES)


def rule_ids(model: PlanModel) -> list[str]:
    return [rule.id for rule in model.rules]


# --- the plan is valid and complete -----------------------------------------------------------


def test_the_shipped_starter_plan_is_this_folder() -> None:
    assert starter_plan_dir().resolve() == RULES.resolve()


def test_validate_is_clean() -> None:
    assert check_plan(RULES) == []
    result = CliRunner().invoke(cli, ["validate", str(RULES)])
    assert result.exit_code == 0, result.output
    assert "plan 'Acme Store'" in result.output


def test_lint_warnings_are_clean(model: PlanModel) -> None:
    # The plan a business starts from must be an example of good style, not of warnings.
    from engine.lint import lint_plan  # importing it registers the lint checks

    assert [d.render() for d in lint_plan(RULES)] == []
    assert run_checks(model, severities=frozenset({Severity.WARNING})) == []


def test_rules_are_split_by_theme_and_each_file_points_editors_at_the_schema() -> None:
    files = sorted(p.name for p in RULES.rglob("*.yaml"))
    assert files == [
        "00-plan.yaml",
        "billing.yaml",
        "fallback.yaml",
        "loyalty-and-repeat.yaml",
        "orders-and-products.yaml",
        "public-feedback.yaml",
        "response-time.yaml",
        "staff-conduct.yaml",
        "surveys.yaml",
    ]
    for path in RULES.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/plan.schema.json", path


def test_no_other_yaml_hides_in_the_plan_folder() -> None:
    # A plan folder is read recursively: a stray YAML file would be read as part of the plan.
    assert all(p.suffix == ".yaml" for p in RULES.rglob("*") if p.is_file())


def test_plan_settings(model: PlanModel) -> None:
    settings = model.settings
    policy = settings.compensation
    assert settings.currency == "USD"
    assert settings.owner
    assert policy.combine == "max"
    assert policy.per_event_max is not None and policy.approval_above is not None
    assert policy.approval_above < policy.per_event_max


def test_the_issue_s_incidents_are_all_covered(model: PlanModel) -> None:
    required = {
        "public-negative-review",
        "public-complaint-post",
        "low-csat",
        "nps-detractor",
        "high-effort-ces",
        "long-wait",
        "unanswered-contact",
        "could-not-reach-anyone",
        "rude-staff",
        "no-empathy",
        "defective-product",
        "damaged-in-delivery",
        "wrong-item",
        "missing-item",
        "late-delivery-short",
        "late-delivery-long",
        "late-delivery-very-long",
        "billing-error",
        "charged-for-replacement",
        "repeat-complaint",
        "high-value-customer",
        "retold-complaint",
        "improvise",
    }
    assert required <= set(rule_ids(model))
    fallbacks = [rule.id for rule in model.rules if rule.fallback]
    assert fallbacks == ["improvise"]


# --- every rule: example, prevention, deadlines, compensation ---------------------------------


def test_every_rule_has_an_example_event_and_every_example_a_rule(model: PlanModel) -> None:
    examples = {p.stem for p in EVENTS.glob("*.json")}
    assert examples == set(rule_ids(model))


@pytest.mark.parametrize("path", sorted(EVENTS.glob("*.json")), ids=lambda p: p.stem)
def test_every_rule_fires_on_its_example_event(path: Path) -> None:
    plan = load_plan(RULES)
    decision = plan.decide(json.loads(path.read_text(encoding="utf-8")))
    assert path.stem in decision["matched"]
    assert decision["fallback"] is (path.stem == "improvise")


def test_example_events_follow_the_event_schema() -> None:
    from jsonschema import Draft202012Validator

    from engine.resources import load_schema

    validator = Draft202012Validator(load_schema("event"))
    for path in sorted(EVENTS.glob("*.json")):
        event = json.loads(path.read_text(encoding="utf-8"))
        assert [e.message for e in validator.iter_errors(event)] == [], path.name


def test_every_rule_has_a_prevention_part_with_owner_and_due_time(model: PlanModel) -> None:
    for rule in model.rules:
        kinds = [a for a in rule.prevent if a.type in PREVENTION_KINDS]
        assert kinds, f"{rule.id} has no root_cause, training or process_fix"
        for action in kinds:
            assert action.owner, rule.id
            assert action.within, rule.id


def test_every_action_has_a_deadline_except_notes_and_tags(model: PlanModel) -> None:
    for rule in model.rules:
        for action in (*rule.then, *rule.prevent):
            if action.type not in ("note", "tag"):
                assert action.within, f"{rule.id}: {action.type} has no `within`"


def test_the_fallback_deadline_is_short(model: PlanModel) -> None:
    [fallback] = [rule for rule in model.rules if rule.fallback]
    escalations = [a for a in fallback.then if a.type == "escalate"]
    assert escalations and all(a.within in ("15m", "30m", "1h") for a in escalations)


def test_public_reviews_are_answered_publicly_within_the_hour(model: PlanModel) -> None:
    for rule_id in ("public-negative-review", "public-complaint-post"):
        rule = _rule(model, rule_id)
        replies = [a for a in rule.then if a.type == "reply_publicly"]
        assert [a.within for a in replies] == ["1h"]
        assert any(a.type == "contact_customer" for a in rule.then), "no private channel"
        assert any(a.type == "compensate" and a.of == "order.total" for a in rule.then)


def test_product_failures_are_replaced_never_charged(model: PlanModel) -> None:
    for rule_id in ("defective-product", "damaged-in-delivery", "wrong-item", "missing-item"):
        assert any(a.type == "replace" for a in _rule(model, rule_id).then), rule_id
    plan = load_plan(RULES)
    event = json.loads((EVENTS / "defective-product.json").read_text(encoding="utf-8"))
    [replace] = [a for a in plan.decide(event)["actions"] if a["type"] == "replace"]
    assert replace["params"]["free_of_charge"] is True


def test_repeat_complaints_go_to_a_named_person_with_a_larger_gesture(model: PlanModel) -> None:
    repeat = _rule(model, "repeat-complaint")
    [escalation] = [a for a in repeat.then if a.type == "escalate"]
    assert escalation.to and " " in escalation.to  # a person's name, not a queue
    gestures = [a for r in model.rules for a in r.then if a.type == "compensate" and a.percent]
    [own] = [a for a in repeat.then if a.type == "compensate"]
    assert own.percent == max(a.percent for a in gestures if a.percent is not None)


def test_compensation_is_a_percent_with_floor_and_cap_or_a_justified_fixed_amount(
    model: PlanModel,
) -> None:
    policy = model.settings.compensation
    assert policy.per_event_max is not None
    for rule in model.rules:
        for action in rule.then:
            if action.type != "compensate":
                continue
            if action.amount is not None:  # why it is fixed: see the test on fixed amounts
                assert action.amount <= policy.per_event_max
                continue
            assert action.percent is not None and action.of == "order.total", rule.id
            assert action.min is not None and action.max is not None, rule.id
            assert 0 < action.percent <= 30, f"{rule.id}: adequate, but not too large"
            assert action.min < action.max <= policy.per_event_max, rule.id


def test_large_gestures_need_approval(model: PlanModel) -> None:
    plan = load_plan(RULES)
    event = json.loads((EVENTS / "repeat-complaint.json").read_text(encoding="utf-8"))
    summary = plan.decide(event)["compensation"]
    assert summary["needs_approval"] is True
    assert float(summary["total"]) > float(str(model.settings.compensation.approval_above))


def test_messages_never_show_a_missing_field(model: PlanModel) -> None:
    # Every template slot has a default, so no customer ever reads "[missing: ...]".
    for rule in model.rules:
        for action in (*rule.then, *rule.prevent):
            for template in (action.message, action.item):
                if template is not None:
                    for slot in template.fields:
                        assert slot.default is not None, f"{rule.id}: {{{slot.path}}}"


def test_customer_messages_greet_by_first_name_with_a_default() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in RULES.glob("*.yaml"))
    assert "Hi {customer.first_name|there}," in text
    assert "{customer.first_name}" not in text


# --- every number has a comment ---------------------------------------------------------------


def number_comments(folder: Path = RULES) -> dict[tuple[str, int], tuple[str, str]]:
    """(file name, line) -> (key, comment) for every plan value that is a number or a duration.

    A number is a YAML int or float scalar (`percent: 20`, `between: [1, 2]`); a duration is a
    plain scalar such as `4h`. The comment is the text after `#` on the value's line.
    """
    found: dict[tuple[str, int], tuple[str, str]] = {}
    for path in sorted(folder.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for key, node in _scalars(yaml.compose(text, Loader=yaml.SafeLoader), ""):
            is_number = node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
            if node.style is not None or not (is_number or DURATION.match(node.value)):
                continue
            line = node.end_mark.line
            rest = lines[line][node.end_mark.column :]
            comment = rest.split("#", 1)[1].strip() if "#" in rest else ""
            found[(path.name, line + 1)] = (key, comment)
    return found


def _scalars(node: Any, key: str) -> list[tuple[str, Any]]:
    """Every scalar value with the mapping key it sits under (keys themselves are skipped)."""
    if isinstance(node, yaml.ScalarNode):
        return [(key, node)]
    if isinstance(node, yaml.MappingNode):
        return [s for name, value in node.value for s in _scalars(value, name.value)]
    if isinstance(node, yaml.SequenceNode):
        return [s for item in node.value for s in _scalars(item, key)]
    return []


def _uncommented(found: dict[tuple[str, int], tuple[str, str]]) -> list[str]:
    return [f"{name}:{line}" for (name, line), (_, comment) in found.items() if not comment]


def test_every_number_in_the_plan_has_a_comment_saying_why() -> None:
    found = number_comments()
    assert len(found) > 150  # the check really sees the plan's numbers
    assert _uncommented(found) == [], "numbers without a one-line comment saying why"
    terse = [f"{n}:{line}" for (n, line), (_, comment) in found.items() if len(comment) < 15]
    assert terse == [], "a comment should say why, not just restate the number"


def test_the_comment_check_catches_an_uncommented_number(tmp_path: Path) -> None:
    copy = tmp_path / "rules"
    shutil.copytree(RULES, copy)
    path = copy / "billing.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"percent: 10 +#.*", "percent: 10", text, count=1), encoding="utf-8")
    [where] = _uncommented(number_comments(copy))
    assert where.startswith("billing.yaml:")


def test_fixed_amounts_say_why_they_are_fixed() -> None:
    amounts = [c for (_, _), (key, c) in number_comments().items() if key == "amount"]
    assert amounts, "the plan has no fixed amounts any more: drop this test"
    assert all(comment.startswith("fixed:") for comment in amounts), amounts


# --- plan tests ---------------------------------------------------------------------------------


def test_plan_tests_cover_every_rule_and_pass(model: PlanModel) -> None:
    from engine.plantest import read_test_file, run_tests

    test_file, problems = read_test_file(PLAN_TESTS)
    assert problems == [] and test_file is not None
    cases = test_file.cases
    named = {
        rule
        for case in cases
        for key in ("matched", "matched_at_least")
        for rule in case.expect.get(key, [])
    }
    assert set(rule_ids(model)) <= named
    report = run_tests([PLAN_TESTS])
    assert report.ok, [r.case.name for r in report.results if not r.passed]
    assert len(report.results) == len(cases)


def test_plan_tests_fail_when_the_plan_changes(tmp_path: Path) -> None:
    from engine.plantest import run_tests

    copy = tmp_path / "rules"
    shutil.copytree(RULES, copy)
    path = copy / "public-feedback.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("percent: 20", "percent: 25", 1),
        encoding="utf-8",
    )
    report = run_tests([PLAN_TESTS], plan_paths=[str(copy)])
    failing = {r.case.name for r in report.results if not r.passed}
    assert any("one-star Google review" in name for name in failing)


def test_backplan_test_runs_the_plan_tests() -> None:
    result = CliRunner().invoke(cli, ["test", str(PLAN_TESTS)])
    assert result.exit_code == 0, result.output
    assert "38 passed" in result.output


def test_backplan_lint_finds_nothing_in_the_starter_plan() -> None:
    result = CliRunner().invoke(cli, ["lint", str(RULES)])
    assert result.exit_code == 0, result.output


# --- backplan init ------------------------------------------------------------------------------


def test_init_copies_plan_schemas_and_examples(tmp_path: Path) -> None:
    target = tmp_path / "new" / "acme"  # parents are created too
    written = init_plan(target)
    assert Path("rules/00-plan.yaml") in written
    assert Path("schemas/plan.schema.json") in written
    assert Path("examples/plan-tests.yaml") in written
    assert Path("examples/events/improvise.json") in written
    for item in starter_files():
        assert (target / item.relative).read_bytes() == item.source.read_bytes()
    assert len(written) == len(starter_files())
    # The copy works on its own: the $schema comments resolve and the plan validates.
    assert (target / "rules" / "../schemas/plan.schema.json").resolve().is_file()
    assert check_plan(target / "rules") == []


SCHEMA_COMMENT = re.compile(r"# yaml-language-server: \$schema=(\S+)")
"""The first-line comment that tells editors (yaml-language-server) which schema a file uses."""


def schema_comment_target(path: Path) -> Path | None:
    """The schema file ``path``'s first-line comment points at, relative to ``path`` as the
    editor reads it (None: no such comment)."""
    first = path.read_text(encoding="utf-8").partition("\n")[0]
    found = SCHEMA_COMMENT.fullmatch(first)
    return (path.parent / found.group(1)).resolve() if found else None


def assert_points_editors_at_the_schemas(root: Path, yaml_files: list[Path]) -> None:
    """Each plan file (under ``rules/``) names the plan schema, and each plan-test file the
    plan-test schema, by a relative path that exists from where the file is."""
    schemas = {"rules": "plan.schema.json", "examples": "plantest.schema.json"}
    assert {path.relative_to(root).parts[0] for path in yaml_files} == set(schemas)
    for path in yaml_files:
        target = schema_comment_target(path)
        assert target is not None, f"{path}: no `# yaml-language-server: $schema=` first line"
        assert target.is_file(), f"{path}: its $schema comment points at {target}, not a file"
        assert target.name == schemas[path.relative_to(root).parts[0]], path


def test_the_shipped_files_point_editors_at_schemas_that_exist() -> None:
    assert_points_editors_at_the_schemas(REPO, [*RULES.rglob("*.yaml"), PLAN_TESTS])


def test_every_file_init_writes_points_editors_at_a_schema_it_writes(tmp_path: Path) -> None:
    written = [tmp_path / path for path in init_plan(tmp_path) if path.suffix == ".yaml"]
    assert_points_editors_at_the_schemas(tmp_path, written)
    for path in written:  # the copy's own schema, not the one in this repository
        assert tmp_path in (schema_comment_target(path) or path).parents


def test_init_copy_passes_its_own_plan_tests(tmp_path: Path) -> None:
    from engine.plantest import run_tests

    init_plan(tmp_path)
    report = run_tests([tmp_path / "examples" / "plan-tests.yaml"])
    assert report.ok
    assert report.results


def test_init_without_shipped_examples_still_writes_the_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A wheel built without examples/ still gives a working plan (and says nothing of tests).
    monkeypatch.setattr("engine.scaffold.examples_dir", lambda: tmp_path / "nowhere")
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "shop")])
    assert result.exit_code == 0, result.output
    assert "backplan test" not in result.output
    assert not (tmp_path / "shop" / "examples").exists()
    assert check_plan(tmp_path / "shop" / "rules") == []


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    mine = tmp_path / "rules" / "billing.yaml"
    mine.write_text("# my own billing rules\n", encoding="utf-8")
    with pytest.raises(InitRefusedError) as refused:
        init_plan(tmp_path)
    assert refused.value.existing == (Path("rules/billing.yaml"),)
    assert "rules/billing.yaml" in str(refused.value)
    assert mine.read_text(encoding="utf-8") == "# my own billing rules\n"
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["billing.yaml"]


def test_init_refuses_to_add_the_starter_to_a_plan_already_in_rules(tmp_path: Path) -> None:
    # A plan is every YAML file of its folder: the starter's files beside these would make one
    # plan of both (two `plan:` sections, two fallbacks), a plan that had been valid.
    (tmp_path / "rules" / "more").mkdir(parents=True)
    (tmp_path / "rules" / "mine.yaml").write_text("backplan: 1\n", encoding="utf-8")
    (tmp_path / "rules" / "more" / "vip.yml").write_text("backplan: 1\n", encoding="utf-8")
    (tmp_path / "rules" / "notes.txt").write_text("not read as the plan\n", encoding="utf-8")
    with pytest.raises(InitRefusedError) as refused:
        init_plan(tmp_path)
    assert refused.value.existing == (Path("rules/mine.yaml"), Path("rules/more/vip.yml"))
    assert "would overwrite or be read with" in str(refused.value)
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [
        "mine.yaml",
        "notes.txt",
        "vip.yml",
    ]
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "be read with them as one plan" in result.output


def test_init_into_an_existing_empty_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "unrelated.txt").write_text("keep me", encoding="utf-8")
    init_plan(tmp_path)
    assert (tmp_path / "unrelated.txt").read_text(encoding="utf-8") == "keep me"
    assert (tmp_path / "rules" / "fallback.yaml").is_file()


def test_init_on_a_file_is_an_error(tmp_path: Path) -> None:
    target = tmp_path / "plan.txt"
    target.write_text("", encoding="utf-8")
    with pytest.raises(BackplanError, match="is a file"):
        init_plan(target)


def test_init_cli_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "shop"
    first = runner.invoke(cli, ["init", str(target)])
    assert first.exit_code == 0, first.output
    assert "backplan validate" in first.output
    assert f"backplan lint {target / 'rules'}" in first.output  # validate passes typos
    assert "backplan test" in first.output
    again = runner.invoke(cli, ["init", str(target)])
    assert again.exit_code == 1
    assert "rules/00-plan.yaml" in again.stderr
    assert "examples/plan-tests.yaml" in again.stderr
    usage = runner.invoke(cli, ["init"])
    assert usage.exit_code == 2
    a_file = tmp_path / "file.txt"
    a_file.write_text("", encoding="utf-8")
    assert runner.invoke(cli, ["init", str(a_file)]).exit_code == 2


def test_init_refuses_an_empty_folder_name_rather_than_write_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["init", ""])
    assert result.exit_code == 2
    assert "the folder name is empty; give one, such as my-plan" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_init_refuses_a_dash_which_other_commands_read_as_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`backplan init -` made a folder named `-` and hinted `backplan validate -/rules`; every
    other command reads `-` as standard input (found by a platform engineer's trial). A folder
    named `-` is still written when asked for as `./-`, or when it exists."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["init", "-"])
    assert result.exit_code == 2
    assert "`-` (standard input) is no folder to write the starter plan into" in result.stderr
    assert list(tmp_path.iterdir()) == []
    assert CliRunner().invoke(cli, ["init", "./-"]).exit_code == 0
    assert (tmp_path / "-" / "rules").is_dir()


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (
            lambda root: root.symlink_to(root.parent / "gone"),
            "is a link to {parent}/gone, which does not exist; choose a new folder name",
        ),
        (
            lambda root: (root.mkdir(), (root / "rules").write_text("")),
            "cannot write {root}/rules: a file or a broken link stands where a folder is needed",
        ),
        (
            lambda root: (root.mkdir(), (root / "rules").symlink_to(root / "gone")),
            "cannot write {root}/rules: a file or a broken link stands where a folder is needed",
        ),
        (  # found after rules/ and schemas/ were made: they are taken back
            lambda root: (root.mkdir(), (root / "examples").write_text("")),
            "cannot write {root}/examples: a file or a broken link stands where a folder is needed",
        ),
    ],
    ids=["dangling-link", "file-for-a-folder", "dangling-link-for-a-folder", "late-file"],
)
def test_init_names_what_is_in_the_way_and_exits_2(
    tmp_path: Path, make: Callable[[Path], Any], said: str
) -> None:
    """These had said `already has these files: .` (or `rules`), as if the plan were there.
    The folder is left as it was: a file in the way of `examples/` had left `rules/` and
    `schemas/` behind, empty."""
    root = tmp_path / "shop"
    make(root)
    before = sorted(tmp_path.rglob("*"))
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert result.exit_code == 2
    assert said.format(root=root, parent=tmp_path) in result.stderr
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize(
    "name",
    ["x" * 300, "/".join(["a"] * 2030)],  # a name too long; a path too long for the files in it
    ids=["long-name", "long-path"],
)
def test_init_into_a_name_too_long_for_the_system_exits_2(tmp_path: Path, name: str) -> None:
    """Asked whether such a folder, or a file in it, exists, the system refuses the question
    (`File name too long`) rather than answer no: init had ended `internal error: OSError:
    [Errno 36] File name too long` (found by fuzzing the command line). It says what it cannot
    write, as for a folder it may not write, and writes nothing."""
    root = tmp_path / name
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"backplan: cannot write {root}")
    assert result.stderr.endswith(": File name too long\n")
    assert list(tmp_path.iterdir()) == []


def test_init_refuses_a_file_that_appeared_after_it_looked_and_takes_back_its_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file of the starter's made by someone else between init's look and its copy (another
    `init` at the same moment) is refused as one there before, kept as it is, and init takes
    back what it had copied: the files are opened to be made, never replaced."""
    root = tmp_path / "shop"

    def appears_after_the_look(folder: Path, items: list[Any]) -> tuple[Path, ...]:
        (folder / "examples").mkdir(parents=True)
        (folder / "examples" / "plan-tests.yaml").write_text("mine\n", encoding="utf-8")
        return ()

    monkeypatch.setattr("engine.scaffold._in_the_way", appears_after_the_look)
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert result.exit_code == 1
    assert "examples/plan-tests.yaml" in result.stderr
    assert [p.relative_to(root) for p in sorted(root.rglob("*"))] == [
        Path("examples"),
        Path("examples/plan-tests.yaml"),
    ]
    assert (root / "examples" / "plan-tests.yaml").read_text(encoding="utf-8") == "mine\n"


def test_init_that_runs_out_of_disk_says_so_exits_2_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails half way (the disk full) is said in the system's words, with the
    folder, and the files already copied are taken back, with the folders init made."""
    copied: list[object] = []

    def disk_full(source: Any, out: Any) -> None:
        if len(copied) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        copied.append(source)
        shutil.copyfileobj(source, out)

    monkeypatch.setattr("engine.scaffold.shutil", SimpleNamespace(copyfileobj=disk_full))
    root = tmp_path / "shop"
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert result.exit_code == 2
    assert result.stderr == f"backplan: cannot write {root}: No space left on device\n"
    assert list(tmp_path.iterdir()) == []


# --- a regression found by this plan ------------------------------------------------------------


def test_two_fields_under_one_parent_both_match(plan_from: Any) -> None:
    # The compiler once gave a nested field and its parent one variable: a second field under
    # the same parent (contact.wait_minutes after contact.attempts) then never matched.
    plan = plan_from(
        """
        rules:
          - id: attempts
            title: a
            when: {all: [{field: contact.attempts, gte: 3}]}
            then: [{apologize: {}}]
          - id: wait
            title: b
            when: {all: [{field: contact.wait_minutes, gte: 15}]}
            then: [{apologize: {}}]
        """
    )
    event = {"id": 1, "type": "contact", "contact": {"wait_minutes": 20, "attempts": 1}}
    assert plan.decide(event)["matched"] == ["wait"]
    event["contact"]["attempts"] = 4
    assert plan.decide(event)["matched"] == ["attempts", "wait"]


def _rule(model: PlanModel, rule_id: str) -> Rule:
    [rule] = [r for r in model.rules if r.id == rule_id]
    return rule


def test_the_commands_init_suggests_work_when_pasted_into_a_shell(tmp_path: Path) -> None:
    import shlex

    target = tmp_path / "sp ace" / "my plan"
    result = CliRunner().invoke(cli, ["init", str(target)])
    assert result.exit_code == 0, result.output
    suggested = [line.strip() for line in result.stdout.splitlines() if "  backplan " in line]
    assert len(suggested) == 4
    for line in suggested:
        words = shlex.split(line.split("    #")[0])
        assert words[0] == "backplan"
        assert any(word.startswith(str(target)) for word in words), line
    assert shlex.split(suggested[-1])[-1] == f"{target}/examples/events/*.json"
    assert suggested[-1].endswith("'/*.json")  # the folder quoted, the glob left to the shell


_ISSUE_ROW = re.compile(
    r"^\| `([a-z0-9-]+)` \| `issue` (?:is )?([a-z_]+(?:/[a-z_]+)*)", re.MULTILINE
)
"""A row of docs/starter-plan.md's tables whose trigger is a list of issues (``wrong_item/...``)."""


def _issues_tested(rule: Rule) -> set[str]:
    """Every value the rule's conditions compare `issue` with (eq or in, wherever it is)."""
    found: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("field") == "issue":
                for op in ("eq", "in"):
                    value = node.get(op)
                    found.update([value] if isinstance(value, str) else value or [])
            for item in node.values():
                visit(item)
        elif isinstance(node, list):
            for item in node:
                visit(item)

    for path in sorted(RULES.glob("*.yaml")):
        for written in yaml.safe_load(path.read_text(encoding="utf-8")).get("rules", []):
            if written["id"] == rule.id:
                visit(written["when"])
    return found


def test_the_guide_lists_every_issue_a_rule_is_for(model: PlanModel) -> None:
    """docs/starter-plan.md's tables name the issues each rule fires for: a manager reading
    them must not miss one the plan accepts (`wrong_color`, `incomplete_order` had been left
    out; found by review)."""
    guide = (REPO / "docs" / "starter-plan.md").read_text(encoding="utf-8")
    rows = _ISSUE_ROW.findall(guide)
    assert len(rows) >= 6, rows
    rules = {rule.id: rule for rule in model.rules}
    for rule_id, listed in rows:
        assert set(listed.split("/")) == _issues_tested(rules[rule_id]), rule_id


@pytest.mark.parametrize(
    ("rating", "fired"),
    [
        (1, ["public-negative-review"]),
        (2.5, ["public-negative-review"]),
        (3, ["mixed-public-review"]),
        (3.5, ["mixed-public-review"]),
        (4, ["improvise"]),  # the fallback: a good review needs no backup plan
    ],
)
def test_every_rating_of_a_public_review_below_4_has_a_rule(
    rating: float, fired: list[str]
) -> None:
    """A site with half stars sends 2.5 or 3.5: the plan had covered 1-2 and 3 only, so such a
    public review went to the fallback as unplanned (found by review)."""
    event = {
        "id": "e",
        "type": "review",
        "occurred_at": "2026-11-23T09:30:00Z",
        "channel": "google_review",
        "rating": rating,
    }
    decision = load_plan(RULES).evaluate(event)
    assert list(decision.matched) == fired
    assert decision.fallback is (rating >= 4)


def test_init_into_a_link_in_a_loop_says_so(tmp_path: Path) -> None:
    """It had said the other link of the loop "does not exist", though it is there (found by
    review)."""
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(BackplanError) as raised:
        init_plan(tmp_path / "a")
    assert str(raised.value) == (
        f"{tmp_path / 'a'} is a link in a loop of links (each leads on to another and back); "
        "choose a new folder name"
    )
    assert not list(tmp_path.glob("*/rules"))


_RULE_ROW = re.compile(r"^\| `([a-z0-9-]+)` \|(.*)\|$", re.MULTILINE)
"""A row of docs/starter-plan.md's rule tables: the rule's id, then its other cells."""
_BOLD_DURATION = re.compile(r"\*\*([1-9][0-9]*[mhdw])\*\*")
"""A deadline the guide gives in bold, such as ``**4h**``."""


def _guide_rows() -> dict[str, list[str]]:
    """Rule id -> the cells of its row (when, remedy, [gesture,] prevention), as written."""
    guide = (REPO / "docs" / "starter-plan.md").read_text(encoding="utf-8")
    rules = guide.split("## The rules, and why the numbers\n", 1)[1].split("\n## ", 1)[0]
    return {
        rule_id: [cell.strip() for cell in cells.split(" | ")]
        for rule_id, cells in _RULE_ROW.findall(rules)
    }


def _gesture_said(cell: str) -> tuple[str | None, ...] | None:
    """What a gesture cell says: (kind or None, percent, min, max), (kind, amount), or None.

    The cells read ``voucher **20%**, min **10**, max **50**``, ``10% / 5 / 25`` (kind as the
    rows above), ``fixed coupon **10**`` or ``none: ...``."""
    text = cell.replace("*", "")
    if text.startswith("none"):
        return None
    kind = re.search(r"voucher|coupon|refund|store credit|discount", text)
    named = kind[0].replace(" ", "_") if kind else None
    fixed = re.match(r"fixed [a-z ]+? ([0-9]+)$", text)
    if fixed:
        return named, fixed[1]
    percent = re.search(r"([0-9]+)%", text)
    assert percent is not None, cell
    low, high = re.findall(r"[0-9]+", text[percent.end() :])[:2]
    return named, percent[1], low, high


def _gesture_made(rule: Rule) -> tuple[str | None, ...] | None:
    """The same, read from the rule's `compensate` action."""
    offers = [action for action in rule.then if action.type == "compensate"]
    if not offers:
        return None
    [offer] = offers
    if offer.amount is not None:
        return offer.kind, f"{offer.amount:f}"
    return offer.kind, f"{offer.percent:f}", f"{offer.min:f}", f"{offer.max:f}"


def test_the_guide_gives_each_rules_gesture_and_deadlines(model: PlanModel) -> None:
    """docs/starter-plan.md tells a manager, rule by rule, the gesture (kind, percentage, floor,
    cap) and the deadlines in bold: each is the plan's, so a number tuned in rules/ and not in
    the guide (or the other way round) fails here; only the issues had been held to the plan."""
    rows = _guide_rows()
    rules = {rule.id: rule for rule in model.rules}
    assert set(rows) == set(rules) - {"improvise"}, "a rule is missing from the guide's tables"
    for rule_id, cells in rows.items():
        rule = rules[rule_id]
        remedy, prevention = cells[1], cells[-1]
        if len(cells) == 4:  # rule | when | remedy | gesture | prevention
            said = _gesture_said(cells[2])
            made = _gesture_made(rule)
            if said is not None and said[0] is None and made is not None:
                said = (made[0], *said[1:])  # `10% / 5 / 25`: the kind of the rows above
            assert said == made, f"{rule_id}: the guide says {said}, the plan makes {made}"
        else:  # the survey table has no gesture column: those rules make none
            assert _gesture_made(rule) is None, rule_id
        withins = {a.within for a in rule.then}, {a.within for a in rule.prevent}
        for cell, written in zip((remedy, prevention), withins, strict=True):
            said_deadlines = set(_BOLD_DURATION.findall(cell))
            assert said_deadlines <= written, f"{rule_id}: {said_deadlines - written} in {cell}"
