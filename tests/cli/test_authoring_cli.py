"""The authoring commands from the command line: test, explain, lint, render, eval --explain."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine.cli import cli
from tests.conftest import HANG_GUARD_SECONDS, REPO, records_said, run_where_names_are_ascii

AUTHORING = REPO / "tests" / "authoring"
PLAN = str(AUTHORING / "acme.yaml")
REVIEW = {"id": "e1", "type": "review", "rating": 4, "channel": "yelp"}


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(REPO)
    return CliRunner()


# --- backplan test ------------------------------------------------------------------------------


def test_test_passes_with_exit_0(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["test", "tests/authoring/acme.test.yaml"])
    assert result.exit_code == 0, result.output
    assert result.output == "tests/authoring/acme.test.yaml ...\n\n3 passed in 1 test file\n"


def test_test_failures_exit_1_with_words(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["test", "tests/authoring/acme-failing.test.yaml"])
    assert result.exit_code == 1
    assert "FAILED tests/authoring/acme-failing.test.yaml:5:5: a silver customer is not a VIP" in (
        result.output
    )
    assert "vip did not fire: customer.tier is silver" in result.output
    assert result.output.endswith(
        "\n1 of 3 rules fired in no case: vip\n\n2 failed, 1 error, 0 passed in 1 test file\n"
    )


def test_test_verbose_lists_cases(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["test", "-v", "tests/authoring/acme.test.yaml"])
    assert "  PASSED  an order nobody planned for goes to a person" in result.output


def test_test_verbose_lists_every_case_with_its_own_mark(runner: CliRunner) -> None:
    """Each case of each file on a line of its own, marked as it went: a list that left out
    a file's first case, or marked a failure ERROR, would have read as one fewer failure
    (two mutants of render_text passed the suite)."""
    result = runner.invoke(
        cli,
        ["test", "-v", "tests/authoring/acme.test.yaml", "tests/authoring/acme-failing.test.yaml"],
    )
    assert result.exit_code == 1
    assert result.output.split("\n\nFAILURES\n")[0].splitlines() == [
        "tests/authoring/acme.test.yaml",
        "  PASSED  one-star Google review gets a public reply and a voucher",
        "  PASSED  a gold customer's late order gets store credit",
        "  PASSED  an order nobody planned for goes to a person",
        "tests/authoring/acme-failing.test.yaml",
        "  FAILED  a silver customer is not a VIP",
        "  FAILED  a public one-star review is not worth 30",
        "  ERROR   an event without a type cannot be decided",
    ]


def test_test_junit(runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        [
            "test",
            "--format",
            "junit",
            "tests/authoring/acme.test.yaml",
            "tests/authoring/acme-failing.test.yaml",
        ],
    )
    assert result.exit_code == 1
    root = ET.fromstring(result.output)
    assert root.get("tests") == "6" and root.get("failures") == "2"


def test_a_case_whose_event_file_eval_refuses_is_an_error_with_evals_code(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "nan.json").write_text('{"id": "a", "type": "review", "rating": NaN}')
    test_file = tmp_path / "t.yaml"
    test_file.write_text(
        "backplan: 1\ncases:\n  - {name: nan, event_file: nan.json, expect: {fallback: true}}\n"
    )
    result = runner.invoke(cli, ["test", "--plan", PLAN, str(test_file)])
    assert result.exit_code == 1
    assert f"{test_file} E\n" in result.output
    assert (
        f"  the event cannot be decided: {tmp_path / 'nan.json'}: NaN and Infinity (at line 1, "
        "column 41) are not JSON numbers; send null or an ordinary number [bad-number]\n"
    ) in result.output
    junit = runner.invoke(cli, ["test", "--plan", PLAN, "--format", "junit", str(test_file)])
    error = ET.fromstring(junit.output).find("testsuite/testcase/error")
    assert error is not None and error.get("type") == "bad-number"


def test_test_with_plan_override(runner: CliRunner, tmp_path: Path) -> None:
    test_file = tmp_path / "t.yaml"
    test_file.write_text(
        "backplan: 1\ncases:\n"
        "  - {name: vip, event: {type: order, customer: {tier: gold}}, expect: {matched: [vip]}}\n"
    )
    result = runner.invoke(cli, ["test", "--plan", PLAN, str(test_file)])
    assert result.exit_code == 0, result.output


def _folder_of(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "my tests"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


TEST_FILE = "backplan: 1\ncases: []\n"
PLAN_FILE = "# the plan\nrules: []\n"


@pytest.mark.parametrize(
    ("files", "told"),
    [
        (
            {"a.yaml": TEST_FILE, "b.yml": TEST_FILE, "notes.txt": "x", "events.json": "{}"},
            "name its test files: `backplan test 'DIR/a.yaml' 'DIR/b.yml'`",
        ),
        (
            {f"t{n}.yaml": TEST_FILE for n in range(4)},
            "name its test files: `backplan test 'DIR'/*.yaml`",
        ),
        (  # the glob would name the event too, refused as no test file
            {**{f"t{n}.yaml": TEST_FILE for n in range(4)}, "late.yaml": "id: e1\ntype: order\n"},
            "name its test files: `backplan test 'DIR/t0.yaml' 'DIR/t1.yaml' 'DIR/t2.yaml'` "
            "(and 1 more)",
        ),
        (
            {**{f"t{n}.yaml": TEST_FILE for n in range(4)}, "00-plan.yaml": PLAN_FILE},
            "name its test files: `backplan test 'DIR/t0.yaml' 'DIR/t1.yaml' 'DIR/t2.yaml'` "
            "(and 1 more)",
        ),
        (
            {"00-plan.yaml": PLAN_FILE},
            "to test the plan in it, `backplan test --plan 'DIR' TESTS.yaml`",
        ),
        ({"events.json": "{}"}, "it holds no plan-test file (a .yaml file with `cases:`)"),
        (  # a plan folder reads `.YAML` too (had: "it holds no plan-test file")
            {"00-Plan.YAML": PLAN_FILE},
            "to test the plan in it, `backplan test --plan 'DIR' TESTS.yaml`",
        ),
        ({"Late.YML": TEST_FILE}, "name its test files: `backplan test 'DIR/Late.YML'`"),
    ],
)
def test_a_folder_given_as_a_test_file_is_told_what_to_give_instead(
    runner: CliRunner, tmp_path: Path, files: dict[str, str], told: str
) -> None:
    """`backplan test tests/` had been told only "File 'tests/' is a directory"."""
    folder = _folder_of(tmp_path, files)
    result = runner.invoke(cli, ["test", f"{folder}/"])
    assert result.exit_code == 2
    told = told.replace("DIR", str(folder))
    assert (
        f"Error: Invalid value for 'TESTFILES...': {folder}/ is a folder, not a test file: {told}"
        in (result.output)
    )
    assert "Traceback" not in result.output


def test_rules_expected_in_another_order_than_they_fire_exit_2_before_any_case_runs(
    runner: CliRunner, tmp_path: Path
) -> None:
    """`matched` naming rules in another order than the plan fires them can never pass: the
    file is refused, saying the order to write and why; in firing order, the case passes."""
    test_file = tmp_path / "t.yaml"
    case = (
        "backplan: 1\ncases:\n  - name: a gold customer's bad review\n"
        "    event: {type: review, rating: 1, channel: yelp, customer: {tier: gold}}\n"
        "    expect: {matched: [%s]}\n"
    )
    test_file.write_text(case % "vip, public-negative-review")
    result = runner.invoke(cli, ["test", "--plan", PLAN, str(test_file)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert (
        f"{test_file}:5:29: error: rule `public-negative-review` fires before `vip` (priority "
        "100, higher than `vip`'s 0), and a decision lists the rules that fire in that order: "
        "`matched` can never list `vip` before it in case `a gold customer's bad review` "
        "(expect › matched) [cannot-pass]\n"
        "  hint: write `matched: [public-negative-review, vip]`, the order they fire in, or "
        "`matched_at_least:` when the order does not matter\n"
        f"  see: {test_file}:5:24\n  see: {PLAN}:11:15\n  see: {PLAN}:24:5\n"
    ) in result.output
    assert "backplan: the test file is invalid (1 problem)" in result.output
    test_file.write_text(case % "public-negative-review, vip")
    result = runner.invoke(cli, ["test", "--plan", PLAN, str(test_file)])
    assert result.exit_code == 0, result.output


def test_invalid_test_file_exits_2_with_location(runner: CliRunner, tmp_path: Path) -> None:
    test_file = tmp_path / "t.yaml"
    test_file.write_text(
        "backplan: 1\ncases:\n  - {name: a, event: {type: x}, expect: {fallbak: true}}\n"
    )
    result = runner.invoke(cli, ["test", "--plan", PLAN, str(test_file)])
    assert result.exit_code == 2
    assert (
        f"{test_file}:3:42: error: unknown key `fallbak` (did you mean `fallback`?)"
        in result.output
    )
    assert "backplan: the test file is invalid (1 problem)" in result.output


def test_invalid_plan_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text("backplan: 1\nplan: {name: P, currency: usd}\nrules: []\n")
    result = runner.invoke(cli, ["test", "--plan", str(plan), "tests/authoring/acme.test.yaml"])
    assert result.exit_code == 2
    assert "backplan: the plan is invalid" in result.output


def test_an_invalid_test_file_and_its_invalid_plan_are_reported_in_one_run(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "p.yaml").write_text("backplan: 1\nplan: {name: P, currency: usd}\nrules: []\n")
    test_file = tmp_path / "t.yaml"
    test_file.write_text(
        "backplan: 1\nplan: p.yaml\ncases:\n"
        "  - {name: a, event: {type: x}, expect: {fallbak: true}}\n"
    )
    result = runner.invoke(cli, ["test", str(test_file)])
    assert result.exit_code == 2
    assert f"{test_file}:4:42: error: unknown key `fallbak`" in result.output
    assert f"{tmp_path / 'p.yaml'}:2:27: error: `usd` is not a currency code" in result.output
    assert "[no-rules]" in result.output
    assert result.output.rstrip().endswith(
        "backplan: the test file is invalid (1 problem), and so is its plan (2 problems)"
    )


def test_a_wrong_plan_path_is_a_problem_of_its_test_file_beside_the_others(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`plan: rules` in examples/, meant from the plan's root, was told as an invalid plan
    (`examples/rules: error: no such file or folder`), naming neither the test file nor that
    the path is read from its folder; it is told at the `plan:`, with the path that exists,
    in one run with the other test files' problems. The summary counts the files with
    problems: it had said "the test file is invalid" for two of them."""
    (tmp_path / "examples").mkdir()
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "plan.yaml").write_text((AUTHORING / "acme.yaml").read_text())
    case = "cases:\n  - {name: a, event: {type: review, rating: 1}, expect: {fallback: false}}\n"
    (tmp_path / "examples" / "good.test.yaml").write_text(f"backplan: 1\nplan: ../rules\n{case}")
    (tmp_path / "examples" / "typo.test.yaml").write_text(
        "backplan: 1\nplan: ../rules\n" + case.replace("fallback", "fallbak")
    )
    (tmp_path / "examples" / "plan-tests.yaml").write_text(f"backplan: 1\nplan: rules\n{case}")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        cli,
        [
            "test",
            "examples/good.test.yaml",
            "examples/plan-tests.yaml",
            "examples/typo.test.yaml",
        ],
    )
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "examples/plan-tests.yaml:2:7: error: there is no plan file or folder examples/rules "
        "[plan-not-found]",
        "  hint: `plan:` is read relative to the folder of the test file (examples): write "
        "`plan: ../rules`",
        "examples/typo.test.yaml:4:58: error: unknown key `fallbak` (did you mean `fallback`?) "
        "in case `a` (expect) [unknown-key]",
        "  hint: allowed here: `actions`, `compensation`, `fallback`, `matched`, "
        "`matched_at_least`, `no_actions`, `not_matched`",
        "backplan: 2 test files are invalid (2 problems)",
    ]


# --- backplan explain ---------------------------------------------------------------------------


def test_explain_text_from_stdin(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["explain", "--plan", PLAN, "-"], input=json.dumps(REVIEW))
    assert result.exit_code == 0
    assert "  1. public-negative-review: did not match\n" in result.output
    assert "       rating is 4; this rule needs 2 or less\n" in result.output
    assert "Decision:\nEvent e1 (review)" in result.output


def test_explain_json_is_the_decision_with_trace(runner: CliRunner, tmp_path: Path) -> None:
    event = tmp_path / "e.json"
    event.write_text(json.dumps(REVIEW))
    result = runner.invoke(cli, ["explain", "--plan", PLAN, "--format", "json", str(event)])
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert document["matched"] == ["improvise"]
    assert document["trace"][0] == {
        "rule": "public-negative-review",
        "matched": False,
        "reason": "rating is 4; this rule needs 2 or less",
        "field": "rating",
        "actual": 4,
        "actual_cut": False,
    }


def test_explain_names_the_custom_type_an_event_misspells(
    runner: CliRunner, tmp_path: Path
) -> None:
    """An event of type `x-chargebak` went to the fallback for that slip alone, and explain
    did not say which of the plan's types it meant (found by review)."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "backplan: 1\nplan: {name: Shop, currency: EUR}\nrules:\n"
        "  - {id: chargeback, title: Chargeback, when: {event: x-chargeback}, "
        "then: [{apologize: {}}]}\n"
        "  - {id: improvise, title: Else, fallback: true, then: [{apologize: {}}]}\n"
    )
    event = json.dumps({"id": "e1", "type": "x-chargebak"})
    result = runner.invoke(cli, ["explain", "--plan", str(plan), "-"], input=event)
    assert result.exit_code == 0, result.output
    assert (
        "  1. chargeback: not for this event\n"
        "       the event is an x-chargebak event; this rule applies only to an x-chargeback "
        "event; no rule\n"
        "       of the plan is for `x-chargebak` events: did you mean `x-chargeback`?\n"
    ) in result.output


@pytest.mark.parametrize("empty", ["", "\n  \n", "[]"])
def test_explain_of_an_empty_input_says_so_and_exits_1(runner: CliRunner, empty: str) -> None:
    result = runner.invoke(cli, ["explain", "--plan", PLAN, "-"], input=empty)
    assert result.exit_code == 1
    assert result.output == "<stdin>: no event to explain: the input holds none\n"


def test_explain_undecidable_event_exits_1(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["explain", "--plan", PLAN, "-"], input='{"id": 1}')
    assert result.exit_code == 1
    assert "the event cannot be decided: the event has no `type`" in result.output


HOSTILE = {
    "id": "a\x1b[2J",
    "type": "review",
    "rating": 1,
    "channel": "yelp",
    "customer": {"first_name": "Z\x1b]0;pwned\x07\u202e"},
}
"""The tester's event: an id that clears the screen; a name, filled into the plan's message,
that sets the terminal's title, rings its bell and shows the text after it reversed."""


@pytest.mark.parametrize("command", [["eval", "--pretty"], ["explain"]])
def test_the_checklist_shows_control_characters_from_the_event_as_escapes(
    runner: CliRunner, command: list[str]
) -> None:
    # color=True: as on a terminal, where click does not strip an ESC sequence itself
    result = runner.invoke(
        cli, [*command, "--plan", PLAN, "-"], input=json.dumps(HOSTILE), color=True
    )
    assert result.exit_code == 0, result.output
    assert "Event a\\x1b[2J (review)" in result.output
    assert '"Sorry Z\\x1b]0;pwned\\x07\\u202e, we are on it."' in result.output
    assert not {"\x1b", "\x07", "\u202e"} & set(result.output)


# --- backplan eval --explain --------------------------------------------------------------------


def test_eval_explain_attaches_the_trace(runner: CliRunner) -> None:
    lines = json.dumps(REVIEW) + "\n" + json.dumps({**REVIEW, "id": "e2", "rating": 1}) + "\n"
    result = runner.invoke(cli, ["eval", "--explain", "--plan", PLAN, "-"], input=lines)
    assert result.exit_code == 0
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert [s["rule"] for s in first["trace"]] == ["public-negative-review", "vip", "improvise"]
    assert second["trace"][0]["matched"] is True
    plain = runner.invoke(cli, ["eval", "--plan", PLAN, "-"], input=lines)
    assert "trace" not in plain.output
    for with_trace, without in zip(
        result.output.splitlines(), plain.output.splitlines(), strict=True
    ):
        decision = json.loads(with_trace)
        del decision["trace"]
        assert decision == json.loads(without)


def test_eval_explain_pretty(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["eval", "--explain", "--pretty", "--plan", PLAN, "-"], input=json.dumps(REVIEW)
    )
    assert "  why public-negative-review did not fire: rating is 4; this rule needs 2 or less" in (
        result.output
    )


# --- backplan lint ------------------------------------------------------------------------------

CONTRADICTION = """\
backplan: 1
plan: {name: Lint, currency: USD}
rules:
  - id: impossible
    title: Impossible
    when: {all: [{field: rating, lt: 2}, {field: rating, gt: 4}]}
    then: [{apologize: {}}]
  - {id: improvise, title: Improvise, fallback: true, then: [{escalate: {to: lead}}]}
"""


def test_lint_warnings_exit_0_unless_strict(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(CONTRADICTION)
    result = runner.invoke(cli, ["lint", str(plan)])
    assert result.exit_code == 0
    assert f"{plan}:4:5: warning: rule `impossible` can never match" in result.output
    assert "1 warning" in result.output
    assert runner.invoke(cli, ["lint", "--strict", str(plan)]).exit_code == 1
    ignored = runner.invoke(cli, ["lint", "--strict", "--ignore", "never-matches", str(plan)])
    assert ignored.exit_code == 0
    assert "no problems found" in ignored.output


def test_lint_json(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(CONTRADICTION)
    result = runner.invoke(cli, ["lint", "--format", "json", str(plan)])
    [finding] = json.loads(result.output)
    assert finding["code"] == "never-matches"
    assert finding["severity"] == "warning"
    assert finding["pointer"] == "/rules/0"
    assert len(finding["related"]) == 2


def test_lint_errors_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(CONTRADICTION.replace("{field: rating, gt: 4}", "{use: nowhere}"))
    result = runner.invoke(cli, ["lint", str(plan)])
    assert result.exit_code == 1
    assert "error: there is no condition named `nowhere`" in result.output


def test_lint_tells_a_comma_left_out_of_a_list_of_the_starter_plan(
    runner: CliRunner, tmp_path: Path
) -> None:
    """`in: [defective, broken faulty, not_working]`, the comma after `broken` left out: YAML
    reads one item, `broken faulty`, and the rule never fired for `broken` or `faulty`, while
    lint said "no problems found"."""
    shutil.copytree(REPO / "rules", tmp_path / "rules")
    plan = tmp_path / "rules" / "orders-and-products.yaml"
    written = plan.read_text(encoding="utf-8")
    assert "in: [defective, broken, faulty, not_working]" in written
    plan.write_text(written.replace("broken, faulty", "broken faulty"), encoding="utf-8")
    result = runner.invoke(cli, ["lint", str(tmp_path / "rules")])
    assert result.exit_code == 0
    assert (
        f"{plan}:18:27: warning: the `in` test of rule `defective-product` on `issue` lists "
        "`broken faulty` as one item: its words are not separated by a comma, so the test "
        'holds only for the text "broken faulty", not for `broken` or `faulty` '
        "[words-as-one-item]\n"
        "  hint: if you meant 2 items, put a comma between the words: "
        "`in: [defective, broken, faulty, not_working]`; if it is one value, put it in quotes: "
        '`"broken faulty"`\n'
    ) in result.output
    assert "1 warning" in result.output


def test_lint_unknown_ignore_code_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["lint", "--ignore", "no-fallbak", PLAN])
    assert result.exit_code == 2
    assert "(did you mean `no-fallback`?)" in result.output


@pytest.mark.parametrize("code", ["", " "])
def test_lint_empty_ignore_code_is_a_usage_error_saying_so(runner: CliRunner, code: str) -> None:
    """`--ignore "$SKIP"` with the variable left empty had been told "no lint code ``"."""
    result = runner.invoke(cli, ["lint", "--ignore", code, PLAN])
    assert result.exit_code == 2
    assert "Invalid value for --ignore: it is empty: give a warning's code" in result.output
    assert "``" not in result.output


# --- backplan render ----------------------------------------------------------------------------


def test_render_markdown_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["render", PLAN, "--format", "md"])
    assert result.exit_code == 0
    assert result.output == (REPO / "tests" / "golden" / "render" / "acme.md").read_text()


def test_render_html_to_a_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "plan.html"
    result = runner.invoke(cli, ["render", PLAN, "--format", "html", "-o", str(target)])
    assert result.exit_code == 0
    assert target.read_text() == (REPO / "tests" / "golden" / "render" / "acme.html").read_text()


MULTI_LINE = """\
backplan: 1
plan: {name: Lines, currency: USD}
rules:
  - id: improvise
    title: Nothing fits
    fallback: true
    then:
      - escalate:
          to: duty-manager
          message: |
            No backup plan fits.

            Improvise, then write down what you did.
"""


def test_render_markdown_keeps_a_multi_line_message_in_its_row(
    runner: CliRunner, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MULTI_LINE)
    result = runner.invoke(cli, ["render", str(plan), "--format", "md"])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if line.startswith("|")]
    assert rows[2:] == [
        "| 1 | **Nothing fits**<br>`improvise` | Any type of event | ☐ Escalate to duty-manager: "
        '"No backup plan fits.<br><br>Improvise, then write down what you did." | — |'
    ]
    assert result.output.endswith(rows[-1] + "\n")  # no piece of the row on a line of its own


def test_render_to_a_folder_that_does_not_exist_says_so_and_exits_2(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "plan.md"
    result = runner.invoke(cli, ["render", PLAN, "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr == f"backplan: cannot write {target}: No such file or directory\n"
    assert not target.exists()


@pytest.mark.parametrize("linked", [False, True], ids=["as-named", "through-a-link"])
def test_render_never_writes_over_a_file_of_the_plan(
    runner: CliRunner, tmp_path: Path, linked: bool
) -> None:
    plan = tmp_path / "rules" / "acme.yaml"
    plan.parent.mkdir()
    plan.write_bytes(Path(PLAN).read_bytes())
    target = plan
    if linked:
        target = tmp_path / "plan.md"
        target.symlink_to(plan)
    result = runner.invoke(cli, ["render", str(plan.parent), "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"backplan: {target} would be read as part of the plan being rendered; give --output"
        " another file (such as plan.md)\n"
    )
    assert plan.read_bytes() == Path(PLAN).read_bytes()


@pytest.mark.parametrize(
    ("name", "refused"), [("new.yaml", True), ("NEW.YML", True), ("plan.md", False)]
)
def test_render_never_adds_a_yaml_file_to_the_plan_folder(
    runner: CliRunner, tmp_path: Path, name: str, refused: bool
) -> None:
    """The next `validate` of the folder read the Markdown as a plan file and failed."""
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "acme.yaml").write_bytes(Path(PLAN).read_bytes())
    result = runner.invoke(cli, ["render", str(folder), "-o", str(folder / name)])
    assert result.exit_code == (2 if refused else 0), result.output
    assert (folder / name).exists() is not refused


def test_render_invalid_plan_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text("backplan: 1\nrules: []\n")
    assert runner.invoke(cli, ["render", str(plan)]).exit_code == 2


def test_commands_stay_lazy() -> None:
    """The CLI module itself must not import the authoring modules (startup stays fast)."""
    import subprocess
    import sys

    code = (
        "import sys, engine.cli; "
        "print(sorted(m for m in sys.modules if m in "
        "('engine.explain', 'engine.plantest', 'engine.lint', 'engine.render', 'engine.logic')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_plan_the_fast_reader_takes_loads_without_pyyaml() -> None:
    """PyYAML costs ~18 ms to import: a plan without mistakes is read by the fast reader, and
    only the hints for a plan in error need it. A hint's module had loaded it for every plan
    (found by review)."""
    import subprocess
    import sys

    code = "import sys; from engine.api import load_plan; load_plan('rules'); print('yaml' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip() == "False"


def test_render_to_a_dash_writes_standard_output(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a file named `-` would land here
    result = runner.invoke(cli, ["render", PLAN, "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout == (REPO / "tests" / "golden" / "render" / "acme.md").read_text()
    assert not (tmp_path / "-").exists()


def test_the_hint_for_an_empty_test_file_says_what_a_test_file_holds(
    runner: CliRunner, tmp_path: Path
) -> None:
    empty = tmp_path / "e.test.yaml"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(cli, ["test", "--plan", PLAN, str(empty)])
    assert result.exit_code == 2
    assert "hint: a plan-test file starts with `backplan: 1` and has `cases:`" in result.stderr


NOT_YOURS = (
    "backplan: no --plan given: deciding with the starter plan shipped with Backplan, "
    "not the plan in ./rules (to use yours: --plan rules)\n"
)


def test_without_plan_beside_an_edited_rules_folder_the_starter_plan_is_named(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the folder `backplan init` wrote, `explain` and `eval` without `--plan` decide with
    the shipped starter plan, whose name is the same: a manager trying an edit saw the old
    deadlines and no word of why."""
    assert runner.invoke(cli, ["init", str(tmp_path / "mine")]).exit_code == 0
    monkeypatch.chdir(tmp_path / "mine")
    event = "examples/events/public-negative-review.json"
    for command in (["explain", event], ["eval", event]):
        untouched = runner.invoke(cli, command)  # the copy init wrote is the starter plan
        assert untouched.exit_code == 0 and untouched.stderr == "", untouched.stderr
    rules = Path("rules/public-feedback.yaml")
    rules.write_text(rules.read_text().replace("within: 1h", "within: 3h"))
    for command in (["explain", event], ["eval", event]):
        edited = runner.invoke(cli, command)
        assert edited.exit_code == 0 and edited.stderr == NOT_YOURS, command
        with_plan = runner.invoke(cli, [*command[:1], "--plan", "rules", *command[1:]])
        assert with_plan.exit_code == 0 and with_plan.stderr == ""
    assert b'"within":"3h"' in runner.invoke(cli, ["eval", "--plan", "rules", event]).stdout_bytes


def _init_edited(folder: Path) -> None:
    """``backplan init FOLDER``, then a deadline of its plan changed: another plan than the
    starter."""
    assert CliRunner().invoke(cli, ["init", str(folder)]).exit_code == 0
    rules = folder / "rules" / "public-feedback.yaml"
    rules.write_text(rules.read_text().replace("within: 1h", "within: 3h"))


def test_without_plan_above_the_folder_init_made_its_plan_is_named(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new manager ran `backplan init my-plan`, added a rule, and ran `eval` and `explain`
    without `--plan` from where they were, above my-plan: the starter plan decided, without a
    word, and the new rule "did not work"."""
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(cli, ["init", "my-plan"]).exit_code == 0
    event = "my-plan/examples/events/public-negative-review.json"
    for command in (["explain", event], ["eval", event]):
        untouched = runner.invoke(cli, command)  # the copy init wrote is the starter plan
        assert untouched.exit_code == 0 and untouched.stderr == "", untouched.stderr
    _init_edited(tmp_path / "edited")
    for command in (["explain", event], ["eval", event]):
        edited = runner.invoke(cli, command)
        assert edited.exit_code == 0, command
        assert edited.stderr == (
            "backplan: no --plan given: deciding with the starter plan shipped with Backplan, "
            "not the plan in ./edited/rules (to use yours: --plan edited/rules)\n"
        )
        with_plan = runner.invoke(cli, [*command[:1], "--plan", "edited/rules", *command[1:]])
        assert with_plan.exit_code == 0 and with_plan.stderr == ""


def test_without_plan_inside_the_folder_init_made_its_plan_is_named(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A restaurant owner ran `eval` on their example events from `my-plan/examples`, without
    `--plan`: the starter plan decided them, without a word (found by an owner's review)."""
    assert runner.invoke(cli, ["init", str(tmp_path / "my-plan")]).exit_code == 0
    monkeypatch.chdir(tmp_path / "my-plan" / "examples")
    event = "events/public-negative-review.json"
    untouched = runner.invoke(cli, ["eval", event])  # the copy init wrote is the starter plan
    assert untouched.exit_code == 0 and untouched.stderr == "", untouched.stderr
    rules = Path("../rules/public-feedback.yaml")
    rules.write_text(rules.read_text().replace("within: 1h", "within: 3h"))
    for command in (["explain", event], ["eval", event]):
        edited = runner.invoke(cli, command)
        assert edited.exit_code == 0, command
        assert edited.stderr == (
            "backplan: no --plan given: deciding with the starter plan shipped with Backplan, "
            "not the plan in ../rules (to use yours: --plan ../rules)\n"
        )
        with_plan = runner.invoke(cli, [*command[:1], "--plan", "../rules", *command[1:]])
        assert with_plan.exit_code == 0 and with_plan.stderr == ""
    Path("rules").mkdir()  # a plan here, if empty, is the one meant: no word of the other
    assert runner.invoke(cli, ["eval", event]).stderr == ""


def test_without_plan_above_several_plans_they_are_named_in_order_then_counted(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("shop b", "shop-a", ".hidden"):
        _init_edited(tmp_path / name)
    event = "shop-a/examples/events/public-negative-review.json"
    said = "backplan: no --plan given: deciding with the starter plan shipped with Backplan, not "
    assert runner.invoke(cli, ["eval", event]).stderr == (
        f"{said}the plans in ./shop b/rules and ./shop-a/rules (to use one of yours: "
        "--plan 'shop b/rules')\n"
    )
    for name in ("d", "c"):
        _init_edited(tmp_path / name)
    assert runner.invoke(cli, ["explain", event]).stderr == (
        f"{said}the plans in ./c/rules, ./d/rules, ./shop b/rules and 1 more (to use one of "
        "yours: --plan c/rules)\n"
    )
    Path("rules").mkdir()  # a plan here, if empty, is the one meant: no word of the others
    assert runner.invoke(cli, ["eval", event]).stderr == ""


def test_a_test_file_without_plan_above_the_folder_init_made_names_its_plan(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _init_edited(tmp_path / "my-plan")
    tests = Path("t/a.test.yaml")
    tests.parent.mkdir()
    tests.write_text(
        "backplan: 1\ncases:\n  - name: a\n    event: {type: review, rating: 1, channel: yelp}\n"
        "    expect: {matched: [public-negative-review]}\n"
    )
    assert runner.invoke(cli, ["test", str(tests)]).stderr == (
        "backplan: t/a.test.yaml has no `plan:`, so it tests the starter plan shipped with "
        "Backplan, not the plan in ./my-plan/rules (add `plan: ../my-plan/rules` to it, or "
        "--plan my-plan/rules)\n"
    )
    _init_edited(tmp_path / "other")
    assert runner.invoke(cli, ["test", str(tests)]).stderr == (
        "backplan: t/a.test.yaml has no `plan:`, so it tests the starter plan shipped with "
        "Backplan, not the plans in ./my-plan/rules and ./other/rules (add `plan:` with the one "
        "it tests to it, such as `plan: ../my-plan/rules`, or --plan my-plan/rules)\n"
    )


def test_a_folder_the_note_may_not_read_gives_no_note_and_fails_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The note is a courtesy: a folder here that may not be read is passed over (as root,
    permissions are not enforced, so the refusals are made by hand)."""
    import engine.planfile

    monkeypatch.chdir(tmp_path)
    for name in ("a", "b"):
        _init_edited(tmp_path / name)
    real = engine.planfile.holds_another_plan

    def refused_in_a(folder: Path) -> bool:
        if folder.parts[0] == "a":
            raise PermissionError(13, "Permission denied", str(folder))
        return real(folder)

    monkeypatch.setattr(engine.planfile, "holds_another_plan", refused_in_a)
    event = "b/examples/events/public-negative-review.json"
    result = runner.invoke(cli, ["eval", event])
    assert result.exit_code == 0
    assert "not the plan in ./b/rules (to use yours: --plan b/rules)" in result.stderr

    listing = os.scandir

    def unlisted(path: Any = ".") -> Any:  # the folder the command runs in may not be listed
        if os.fspath(path) in (".", ""):
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", unlisted)
    result = runner.invoke(cli, ["eval", event])
    assert result.exit_code == 0 and result.stderr == ""


def test_the_note_looks_at_a_bounded_number_of_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command started in a folder of thousands of entries (a home folder) looks at a few."""
    import engine.planfile

    for index in range(5):
        (tmp_path / f"f{index}").mkdir()
    _init_edited(tmp_path / "my-plan")
    monkeypatch.setattr(engine.planfile, "_ENTRIES_LOOKED_AT", 6)
    assert engine.planfile.plans_not_used(tmp_path) == [tmp_path / "my-plan" / "rules"]
    looked: list[Path] = []
    real = engine.planfile.holds_another_plan
    monkeypatch.setattr(
        engine.planfile, "holds_another_plan", lambda folder: looked.append(folder) or real(folder)
    )
    monkeypatch.setattr(engine.planfile, "_ENTRIES_LOOKED_AT", 3)
    engine.planfile.plans_not_used(tmp_path)
    assert len(looked) == 3


def test_a_folder_that_may_not_be_listed_has_no_plan_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`plans_not_used` gives a list, empty when the folder may not be listed, as when none is
    there: not False or None, which a caller counting the plans cannot count (found by mutation
    testing)."""
    import engine.planfile

    _init_edited(tmp_path / "my-plan")

    def refused(path: Any = ".") -> Any:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", refused)
    assert engine.planfile.plans_not_used(tmp_path) == []


@pytest.mark.parametrize(
    ("given", "words"),
    [
        (
            "rules/fallback.yaml",
            "rules/fallback.yaml is a plan file (YAML), not events, so nothing was {done}: to "
            "use it, `backplan {command} --plan rules/fallback.yaml EVENTS.json`",
        ),
        (
            "examples/plan-tests.yaml",
            "examples/plan-tests.yaml is a plan-test file (YAML), not events, so nothing was "
            "{done}: run it with `backplan test examples/plan-tests.yaml`",
        ),
    ],
)
def test_a_plan_or_test_file_given_as_events_is_refused_before_any_decision(
    runner: CliRunner, given: str, words: str
) -> None:
    """`explain` said "not valid JSON" for every line of the file (30 of them for the
    starter plan's fallback.yaml). `eval` answered each of its lines as bad JSON and went on
    to decide the events after it with the starter plan, not the plan given (`--plan` left
    out), with only a line on stderr to say so: now nothing is decided, exit 2."""
    event = "examples/events/public-negative-review.json"
    explained = runner.invoke(cli, ["explain", given])
    assert explained.exit_code == 2
    assert (
        explained.stderr == "backplan: " + words.format(command="explain", done="explained") + "\n"
    )
    assert explained.stdout == ""
    decided = runner.invoke(cli, ["eval", event, given, event])
    assert decided.exit_code == 2
    assert decided.stderr == "backplan: " + words.format(command="eval", done="decided") + "\n"
    assert decided.stdout == ""  # not even the event before it


def test_a_plan_file_s_name_is_quoted_in_the_command_meant(
    runner: CliRunner, tmp_path: Path
) -> None:
    """`backplan eval --plan my plan.yaml EVENTS.json`, as it had been written, names two
    files, `my` and `plan.yaml`, to the shell (found by review)."""
    plan = tmp_path / "my plan.yaml"
    plan.write_text(Path("rules/fallback.yaml").read_text())
    tests = tmp_path / "my tests.yaml"
    tests.write_text("backplan: 1\ncases: []\n")
    assert runner.invoke(cli, ["eval", str(plan)]).stderr == (
        f"backplan: {plan} is a plan file (YAML), not events, so nothing was decided: to use "
        f"it, `backplan eval --plan '{plan}' EVENTS.json`\n"
    )
    assert runner.invoke(cli, ["explain", str(tests)]).stderr == (
        f"backplan: {tests} is a plan-test file (YAML), not events, so nothing was explained: "
        f"run it with `backplan test '{tests}'`\n"
    )


@pytest.mark.parametrize(
    ("start", "kind"),
    [
        ("---\n", "plan file"),
        ("%YAML 1.2\n--- # the plan\r\n", "plan file"),
        ("description: the cases of the walkthrough\ncases: []\n", "plan-test file"),
        ("cases: []\n", "plan-test file"),
    ],
    ids=["after-yaml-s-document-start", "after-a-directive", "description-first", "cases-first"],
)
def test_a_plan_or_test_file_is_told_whatever_its_first_line(
    runner: CliRunner, tmp_path: Path, start: str, kind: str
) -> None:
    """YAML's `---` before the plan, or a test file with `description:` or `cases:` first:
    each line had been answered as bad JSON, and the next files decided with the starter
    plan (found by review)."""
    given = tmp_path / "given.yaml"
    given.write_text(start + "backplan: 1\n")
    decided = runner.invoke(cli, ["eval", str(given), "examples/events/low-csat.json"])
    assert decided.exit_code == 2
    assert decided.stderr.startswith(f"backplan: {given} is a {kind} (YAML), not events, ")
    assert decided.stdout == ""


def test_a_plan_piped_in_as_events_is_answered_line_by_line() -> None:
    """A pipe cannot be looked at before it is read, so its lines are answered as they come,
    each refused as bad JSON: no line of the input is lost. Then it is said to be a plan, with
    exit 2, as a plan file named as an input is (it had ended with exit 1, as for bad events)."""
    plan = Path("rules/fallback.yaml").read_text()
    decided = subprocess.run(
        [sys.executable, "-m", "engine", "eval", "-"],
        input=plan.encode(),
        capture_output=True,
        check=False,
    )
    assert decided.returncode == 2, decided.stderr
    assert decided.stderr.endswith(
        b"<stdin> is a plan file (YAML), not events, so nothing was decided: to use it, "
        b"`backplan eval --plan FILE EVENTS.json`\n"
    )
    lines = decided.stdout.splitlines()
    assert len(lines) == sum(1 for line in plan.splitlines() if line.strip())  # blanks skipped
    assert all(b'"code":"bad-json"' in line for line in lines)


def test_a_compressed_file_of_events_is_told_to_be_decompressed(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A gzip file gave as many `bad-encoding` records as it has lines of compressed bytes,
    and no word of why (found by review); its lines are still answered. `explain` says it
    the same way (it had left out the `backplan:` eval's note starts with)."""
    import gzip

    events = tmp_path / "events.jsonl.gz"
    events.write_bytes(gzip.compress(b'{"id": "a", "type": "review"}\n' * 5))
    for command in ("eval", "explain"):
        decided = runner.invoke(cli, [command, str(events)])
        assert decided.stderr.splitlines()[0] == (
            f"backplan: {events} is compressed (gzip), so its lines are not events: decompress "
            f"it on the way in, `zcat {events} | backplan {command} -`"
        )
        assert decided.exit_code == 1


@pytest.mark.parametrize(
    ("name", "encoding"), [("complaints.csv", "utf-8-sig"), ("export.txt", "utf-16")]
)
def test_a_spreadsheet_export_of_complaints_is_named_for_what_it_is(
    runner: CliRunner, tmp_path: Path, name: str, encoding: str
) -> None:
    """A CSV export (Excel's, a form tool's) gave one `bad-json` record a line, "invalid
    literal, expected 'false'" for a line starting with `f`, and no word of what the file is
    or what to give instead (found by review); its lines are still answered."""
    events = tmp_path / name
    rows = "id,type,occurred_at,text\r\nf-1,review,2026-11-23T09:30:00Z,Cold food\r\n"
    events.write_bytes(rows.encode(encoding))
    for command in ("eval", "explain"):
        decided = runner.invoke(cli, [command, str(events)])
        assert decided.stderr.splitlines()[0] == (
            f"backplan: {events} looks like a spreadsheet export (CSV: values between commas), "
            "so its lines are not events: Backplan reads complaints as JSON, one object a line "
            "(`backplan schema event` lists their fields); export them as JSON, or JSON lines, "
            "instead"
        )
        assert decided.exit_code == 1


def test_events_under_a_line_of_column_titles_are_not_told_a_spreadsheet_export(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A JSON Lines file whose first line is a header of column titles (a log tool's) had been
    said to be a spreadsheet export "so its lines are not events", while every event under the
    header was decided, and the count of its error records was left unsaid (found by a new
    user's trial). The header is one error record; its events are decided and counted."""
    events = tmp_path / "year.jsonl"
    event = '{"id": "e-%d", "type": "review", "occurred_at": "2026-11-23T09:30:00Z"}\n'
    events.write_text("id,type,occurred_at\n" + "".join(event % n for n in range(3)))
    decided = runner.invoke(cli, ["eval", str(events)])
    assert decided.stderr.splitlines() == [
        f"backplan: {events}: 1 error record among the answers, for what could not be decided "
        "(each says its line and what is wrong)"
    ]
    answers = [json.loads(line) for line in decided.stdout.splitlines()]
    assert [answer.get("event_id") for answer in answers] == [None, "e-0", "e-1", "e-2"]
    assert decided.exit_code == 1


def _yaml_told(runner: CliRunner, events: Path, said: str) -> None:
    """That eval and explain tell ``events`` is written in YAML, first, as ``said``, and exit
    1: its lines are answered all the same, each an error record."""
    for command in ("eval", "explain"):
        decided = runner.invoke(cli, [command, str(events)])
        assert decided.stderr.splitlines()[0] == (
            f"backplan: {events} is written in YAML, so its lines are not events: an event {said}"
        )
        assert decided.exit_code == 1


def test_an_event_written_in_yaml_is_named_for_what_it_is_with_its_json(
    runner: CliRunner, tmp_path: Path
) -> None:
    """An event written in YAML (as a plan test's `event:` is) gave one `bad-json` record a
    line, each telling of a key not in double quotes, and nothing said the file is YAML
    (found by review). Its JSON is shown, its time kept as written; its lines are still
    answered."""
    events = tmp_path / "complaint.yaml"
    events.write_text(
        "# the complaint\nid: e1\ntype: order\noccurred_at: 2026-11-23T09:30:00Z\n"
        "order: {total: 40, late_days: 3}\n",
        encoding="utf-8",
    )
    _yaml_told(
        runner,
        events,
        'is a JSON object, for this one `{"id":"e1","type":"order","occurred_at":'
        '"2026-11-23T09:30:00Z","order":{"total":40,"late_days":3}}`',
    )
    answered = runner.invoke(cli, ["eval", str(events)]).stdout.splitlines()
    assert len(answered) == 5 and all('"bad-json"' in line for line in answered)


_YAML_EVENT = "id: e1\r\ntype: review\r\nrating: 1\r\n"
"""An event written in YAML (its lines ended as on Windows)."""


@pytest.mark.parametrize(
    "written",
    [
        # saved as UTF-16 (Windows PowerShell 5.1's `Out-File`), which eval reads
        *(_YAML_EVENT.encode(encoding) for encoding in ("utf-16", "utf-16-le", "utf-32")),
        _YAML_EVENT.encode("utf-8-sig"),
        # after a YAML document's start, as Ruby's `to_yaml` and many editors write it
        *(f"{start}{_YAML_EVENT}".encode() for start in ("---\n", "# the complaint\n--- \r\n")),
        f"--- # exported by the help desk\n{_YAML_EVENT}".encode(),  # as a plan's start may be
        f"%YAML 1.2\n---\n{_YAML_EVENT}".encode(),  # a directive before the start
    ],
)
def test_an_event_written_in_yaml_in_utf16_or_after_its_start_is_named_as_yaml(
    runner: CliRunner, tmp_path: Path, written: bytes
) -> None:
    """An event written in YAML saved as UTF-16, or opened with ``---``, had been told only
    as a `bad-json` record a line, nothing saying the file is YAML (found by review)."""
    events = tmp_path / "complaint.yaml"
    events.write_bytes(written)
    _yaml_told(
        runner, events, 'is a JSON object, for this one `{"id":"e1","type":"review","rating":1}`'
    )


def _piped(command: str, written: bytes) -> subprocess.CompletedProcess[bytes]:
    """``backplan COMMAND -`` run with ``written`` down a real pipe, as ``cat FILE |`` gives it."""
    return subprocess.run(
        [sys.executable, "-m", "engine", command, "-"],
        cwd=REPO,
        input=written,
        capture_output=True,
        check=False,
        timeout=HANG_GUARD_SECONDS,
    )


@pytest.mark.parametrize(
    "written",
    [
        _YAML_EVENT.encode(),
        _YAML_EVENT.encode("utf-16"),
        b"---\n- id: e1\n  type: review\n  rating: 1\n- id: e2\n  type: order\n",
    ],
)
def test_an_event_written_in_yaml_down_a_pipe_is_named_as_yaml(written: bytes) -> None:
    """`cat complaint.yaml | backplan eval -`: only an input that can be read again had been
    looked at, so piped YAML was told only as a `bad-json` record a line (found by review).
    It is told once eval has read it, from what it read, after its answers."""
    decided = _piped("eval", written)
    first = (
        "one a line; the first of its 2 is " if b"e2" in written else "for this one "
    ) + '`{"id":"e1","type":"review","rating":1}`'
    assert decided.stderr.decode() == (
        "backplan: <stdin> is written in YAML, so its lines are not events: an event is a JSON "
        f"object, {first}\n"
    )
    assert decided.returncode == 1
    assert all(b'"bad-json"' in line for line in decided.stdout.splitlines())


@pytest.mark.parametrize(
    ("written", "said"),
    [(b"", "it is empty"), (b"\xef\xbb\xbf", "it is empty"), (b"\n \n", "only blank lines")],
)
def test_a_pipe_that_holds_no_event_is_said_as_a_file_is(written: bytes, said: str) -> None:
    """`: | backplan eval -` exited 0 without a word, where the same nothing in a file, or
    redirected (`< empty.jsonl`), is said on stderr: an export that came out empty looked like
    a run that went well. Now said the same, once read; still no line and exit 0."""
    decided = _piped("eval", written)
    assert (decided.returncode, decided.stdout) == (0, b"")
    assert decided.stderr.decode() == f"backplan: <stdin> holds no event ({said})\n"


def test_an_event_written_in_yaml_down_a_pipe_to_explain_is_named_as_yaml() -> None:
    """`cat complaint.yaml | backplan explain -` had a `bad-json` line per line of YAML and no
    word of what the input is, which eval now says of the same pipe (found by review). A pipe
    of JSON is explained with no such note."""

    said = _piped("explain", _YAML_EVENT.encode()).stderr.decode().splitlines()
    assert len(said) == 4 and all(line.endswith("[bad-json]") for line in said[:3])
    assert said[3] == (
        "backplan: <stdin> is written in YAML, so its lines are not events: an event is a JSON "
        'object, for this one `{"id":"e1","type":"review","rating":1}`'
    )
    done = _piped("explain", b'{"id": "e1", "type": "review", "rating": 1}\n')
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.startswith(b"Event e1 (review)")


@pytest.mark.parametrize(
    ("command", "done"), [("eval", "nothing was decided"), ("explain", "nothing was explained")]
)
@pytest.mark.parametrize(
    ("file", "what", "use"),
    [
        (
            "rules/orders-and-products.yaml",  # longer than the head kept
            "a plan file (YAML)",
            "to use it, `backplan {command} --plan FILE EVENTS.json`",
        ),
        ("examples/plan-tests.yaml", "a plan-test file (YAML)", "run it with `backplan test FILE`"),
    ],
)
def test_a_plan_down_a_pipe_is_named_as_a_plan_with_exit_2(
    command: str, done: str, file: str, what: str, use: str
) -> None:
    """`cat rules/plan.yaml | backplan eval -` had a `bad-json` record a line and exit 1, as
    for bad events, where the same file redirected (`< rules/plan.yaml`) is told what it is,
    with exit 2, which eval's and explain's help give an input that is a plan file (found by a
    platform engineer wiring eval into a pipeline). It is told once read, after the answers."""
    piped = _piped(command, (REPO / file).read_bytes())
    said = piped.stderr.decode().splitlines()
    assert said[-1] == (
        f"backplan: <stdin> is {what}, not events, so {done}: {use.format(command=command)}"
    )
    assert piped.returncode == 2
    assert b'"backplan.decision/1"' not in piped.stdout


def test_what_is_kept_of_a_pipe_to_tell_yaml_is_its_head_alone() -> None:
    """What eval reads of a pipe is kept to tell YAML by, :data:`HEAD_BYTES` at most (a pipe
    may be endless), and read as it is, nothing more: a longer input is no short YAML file,
    and a pipe of JSON Lines is told nothing."""
    import io

    from engine.inputkind import HEAD_BYTES, HeadKept, yaml_read_note

    class Pipe(io.BytesIO):
        def seekable(self) -> bool:
            return False

    long = _YAML_EVENT.encode() + b"# more\n" * (HEAD_BYTES * 20)  # blocks of 64 KB
    kept = HeadKept(Pipe(long))
    read = kept.buffered()
    assert read.readline() == b"id: e1\r\n" and read.read() == long[8:]
    assert bytes(kept.kept) == long[:HEAD_BYTES]
    assert yaml_read_note(kept, "<stdin>") is None
    short = HeadKept(Pipe(_YAML_EVENT.encode()))
    assert yaml_read_note(short, "<stdin>") is None  # (nothing read yet)
    assert short.buffered().read() == _YAML_EVENT.encode()
    assert yaml_read_note(short, "<stdin>") == (
        "<stdin> is written in YAML, so its lines are not events: an event is a JSON object, "
        'for this one `{"id":"e1","type":"review","rating":1}`'
    )
    with open(__file__, "rb") as real:  # its descriptor is the stream's: a pipe is live
        assert HeadKept(real).fileno() == real.fileno()
    lines = HeadKept(Pipe(b'{"id": "e1", "type": "review"}\n'))
    assert lines.buffered().read() and yaml_read_note(lines, "<stdin>") is None


@pytest.mark.parametrize(
    ("text", "json", "said"),
    [
        ("id: 007\ntype: review\n", '{"id":7,"type":"review"}', ("id", "007", "7")),
        (  # an id inside the event, in hex: each id YAML reads as a number
            "id: e1\ntype: order\norder: {id: 0x1F, total: 010}\n",
            '{"id":"e1","type":"order","order":{"id":31,"total":10}}',
            ("id", "0x1F", "31"),
        ),
        (
            "- id: e1\n  type: review\n  order_id: 0042\n",
            '{"id":"e1","type":"review","order_id":42}',
            ("order_id", "0042", "42"),
        ),
        (  # a key with `/` and `~` in it (escaped in its JSON pointer)
            'id: e1\ntype: review\n"ref~/old_id": 007\n',
            '{"id":"e1","type":"review","ref~/old_id":7}',
            ("ref~/old_id", "007", "7"),
        ),
        ("id: 7\ntype: review\n", '{"id":7,"type":"review"}', None),  # written as read
        (
            'id: "007"\ntype: review\nrating: 010\n',
            '{"id":"007","type":"review","rating":10}',
            None,
        ),  # quoted, and a number that is no id: its JSON says it all
    ],
)
def test_an_id_yaml_reads_as_a_number_is_said_to_be_quoted_to_stay_as_written(
    runner: CliRunner, tmp_path: Path, text: str, json: str, said: tuple[str, str, str] | None
) -> None:
    """`id: 007` in an event written in YAML is the number 7 to YAML (1.2, as a plan test's
    event is read), and the note showed `{"id":7,...}` with no word of why the id changed
    (found by review). The JSON is still what YAML reads; the note says so of the id, and how
    to keep it as written: in quotes. The folder's note says the same."""
    events = tmp_path / "complaint.yaml"
    events.write_text(text, encoding="utf-8")
    words = ""
    if said is not None:
        key, written, number = said
        words = (
            f"; YAML reads `{key}: {written}` as the number {number}: to keep it as written, put "
            f'it in quotes, `{key}: "{written}"`'
        )
    _yaml_told(runner, events, f"is a JSON object, for this one `{json}`{words}")
    folder = runner.invoke(cli, ["eval", str(tmp_path)]).stderr
    assert f"`{json}` for complaint.yaml{words}\n" in folder


@pytest.mark.parametrize(
    ("text", "json"),
    [
        ("type: review\nrating: 1\n", '{"type":"review","rating":1}'),  # no id yet
        ("id: e1\nrating: 1\n", '{"id":"e1","rating":1}'),  # no type yet
    ],
)
def test_an_event_in_yaml_with_its_id_or_its_type_alone_is_named_as_yaml(
    runner: CliRunner, tmp_path: Path, text: str, json: str
) -> None:
    """Either key says it is an event: each one is what an event most often starts with."""
    events = tmp_path / "complaint.yaml"
    events.write_text(text, encoding="utf-8")
    _yaml_told(runner, events, f"is a JSON object, for this one `{json}`")


def test_a_text_in_utf16_that_does_not_decode_is_answered_without_a_note(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A file marked UTF-16 whose bytes are no UTF-16 (half a character last) is read as it
    is: no YAML note, no internal error, each line answered."""
    events = tmp_path / "complaint.yaml"
    events.write_bytes(b"\xff\xfe" + "id: e1\n".encode("utf-16-le") + b"\x00\xd8")
    decided = runner.invoke(cli, ["eval", str(events)])
    assert decided.exit_code == 1
    assert "written in YAML" not in decided.stderr
    assert decided.exception is None or isinstance(decided.exception, SystemExit)


@pytest.mark.parametrize("start", ["", "---\n"])
def test_a_list_of_events_written_in_yaml_is_named_as_yaml_by_its_first(
    runner: CliRunner, tmp_path: Path, start: str
) -> None:
    """A list of events written in YAML (``- id: e1``...) had been told as a `bad-json`
    record a line, nothing saying the file is YAML (found by review): its first is shown as
    JSON, with how many it holds. A list that holds anything else is not told so."""
    events = tmp_path / "complaints.yaml"
    items = "- id: e1\n  type: review\n  rating: 1\n- id: e2\n  type: order\n"
    events.write_text(start + items, encoding="utf-8")
    _yaml_told(
        runner,
        events,
        'is a JSON object, one a line; the first of its 2 is `{"id":"e1","type":"review",'
        '"rating":1}`',
    )
    events.write_text(items + "- 3\n", encoding="utf-8")
    assert "YAML" not in runner.invoke(cli, ["eval", str(events)]).stderr


@pytest.mark.parametrize(
    "text",
    [
        "name: x\nvalue: 3\n",  # YAML, but no event's: no `type`, no `id`
        "id: e1\ntype: [never closed\n",  # no YAML either
        '{"id": "e1",\n"type": "review"}\n',  # JSON over two lines
    ],
)
def test_no_json_is_offered_for_what_is_no_event_in_yaml(
    runner: CliRunner, tmp_path: Path, text: str
) -> None:
    events = tmp_path / "complaint.json"
    events.write_text(text, encoding="utf-8")
    decided = runner.invoke(cli, ["eval", str(events)])
    assert "written in YAML" not in decided.stderr


@pytest.mark.parametrize(
    ("name", "header", "separated"),
    [
        ("export.txt", "id;type;occurred_at;text", "semicolons"),  # a European Excel's
        ("export.txt", "id\ttype\toccurred_at", "tabs"),
        ("complaints.csv", "id;type", "semicolons"),
        ("complaints.tsv", "id", "tabs"),  # one column: by its file's ending
    ],
)
def test_a_spreadsheet_export_is_said_to_have_the_separator_it_has(
    runner: CliRunner, tmp_path: Path, name: str, header: str, separated: str
) -> None:
    """An export split by semicolons had been said to hold "values between commas"."""
    events = tmp_path / name
    events.write_text(header + "\n", encoding="utf-8")
    decided = runner.invoke(cli, ["eval", str(events)])
    assert f"(CSV: values between {separated}), so its lines are not events" in decided.stderr


def test_compressed_events_on_a_pipe_are_told_to_be_decompressed_at_their_first_line() -> None:
    """Down a pipe (a web hook's body passed on as it came, `curl ... | backplan eval`) nothing
    is looked at before it is read, so no note came on standard error: every line was "the
    event is not valid UTF-8 text", and nothing said why (found by review)."""
    import gzip

    decided = subprocess.run(
        [sys.executable, "-m", "engine", "eval"],
        cwd=REPO,
        input=gzip.compress(b'{"id": "a", "type": "review"}\n' * 50),
        capture_output=True,
        check=False,
    )
    assert decided.returncode == 1
    assert decided.stderr.decode() == records_said("<stdin>", 1)  # the record says the rest
    first = json.loads(decided.stdout.splitlines()[0])
    assert first["error"] == {
        "code": "bad-encoding",
        "index": 0,
        "line": 1,
        "message": "the input is compressed (gzip), so its lines are not events: decompress it "
        "on the way in, with `zcat` or `gunzip -c`",
        "source": "<stdin>",
    }


def test_an_event_file_is_not_mistaken_for_a_plan(runner: CliRunner, tmp_path: Path) -> None:
    event = tmp_path / "rules.json"  # an event whose first key is a plan's word, in JSON
    event.write_text('{"rules": 1, "id": "e", "type": "review"}\n')
    assert runner.invoke(cli, ["explain", str(event)]).exit_code == 0


def test_a_test_file_without_plan_beside_an_edited_rules_folder_is_named(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`backplan test` of a file without `plan:` tests the starter plan: beside the plan a
    manager edits, it passed or failed on the shipped rules without a word (the walkthrough)."""
    assert runner.invoke(cli, ["init", str(tmp_path / "mine")]).exit_code == 0
    monkeypatch.chdir(tmp_path / "mine")
    tests = Path("t/a.test.yaml")
    tests.parent.mkdir()
    tests.write_text(
        "backplan: 1\ncases:\n  - name: a\n    event: {type: review, rating: 1, channel: yelp}\n"
        "    expect: {matched: [public-negative-review]}\n"
    )
    assert runner.invoke(cli, ["test", str(tests)]).stderr == ""  # the copy init wrote
    rules = Path("rules/public-feedback.yaml")
    rules.write_text(rules.read_text().replace("within: 1h", "within: 3h"))
    edited = runner.invoke(cli, ["test", str(tests), "examples/plan-tests.yaml"])
    assert edited.stderr == (  # plan-tests.yaml names its plan: ../rules
        "backplan: t/a.test.yaml has no `plan:`, so it tests the starter plan shipped with "
        "Backplan, not the plan in ./rules (add `plan: ../rules` to it, or --plan rules)\n"
    )
    assert runner.invoke(cli, ["test", "--plan", "rules", str(tests)]).stderr == ""


def test_a_plan_on_standard_input_is_named_with_a_command_that_can_take_it(
    runner: CliRunner,
) -> None:
    plan = Path("rules/fallback.yaml").read_text()
    result = runner.invoke(cli, ["explain", "-"], input=plan)
    assert result.exit_code == 2
    assert result.stderr == (
        "backplan: <stdin> is a plan file (YAML), not events, so nothing was explained: to "
        "use it, `backplan explain --plan FILE EVENTS.json`\n"
    )


@pytest.mark.parametrize("module", ["engine", "engine.cli"])
def test_python_dash_m_runs_the_command(module: str) -> None:
    """``python -m engine`` is ``backplan`` where its script is not on the PATH;
    ``python -m engine.cli`` had run nothing and said nothing, exit 0."""
    done = subprocess.run(
        [sys.executable, "-m", module, "validate", str(REPO / "rules")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: ") and "26 rules" in done.stdout
    refused = subprocess.run(
        [sys.executable, "-m", module, "validate", str(REPO / "no-such-plan")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode != 0 and "no-such-plan" in refused.stderr


@pytest.mark.parametrize("fmt", ["text", "junit"])
def test_an_expected_deadline_longer_than_a_year_exits_2_with_its_place(
    runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    test_file = tmp_path / "t.yaml"
    test_file.write_text(
        "backplan: 1\ncases:\n"
        f"  - name: a\n    event_file: {AUTHORING / 'events' / 'vip-late-order.json'}\n"
        "    expect: {no_actions: [{apologize: {within: 400d}}]}\n"
    )
    result = runner.invoke(cli, ["test", "--format", fmt, "--plan", PLAN, str(test_file)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{test_file}:5:48: error: `400d` is longer than a year, the longest deadline an "
        "action can have in case `a` (expect › no_actions › apologize › within) [bad-duration]\n"
        "  hint: a deadline is at most a year away, such as 366d or 52w\n"
        "backplan: the test file is invalid (1 problem)\n"
    )
    assert (result.stdout == "") is (fmt == "text")  # JUnit holds the problem too


def test_a_test_file_given_twice_runs_once(runner: CliRunner) -> None:
    once = "tests/authoring/acme-failing.test.yaml"
    result = runner.invoke(cli, ["test", once, once])
    assert result.exit_code == 1
    assert result.output.startswith(f"{once} FFE\n\nFAILURES\n")
    assert result.output.count("FAILED ") == 2
    assert result.output.endswith(
        "\n1 of 3 rules fired in no case: vip\n\n2 failed, 1 error, 0 passed in 1 test file\n"
    )


def test_junit_counts_a_test_file_given_twice_once(runner: CliRunner) -> None:
    once = "tests/authoring/acme.test.yaml"
    result = runner.invoke(cli, ["test", "--format", "junit", once, f"./{once}", once])
    assert result.exit_code == 0
    root = ET.fromstring(result.output)
    assert root.get("tests") == "3"
    [suite] = root.findall("testsuite")
    assert (suite.get("name"), suite.get("tests")) == (once, "3")
    assert len(suite.findall("testcase")) == 3


def test_junit_classname_is_the_test_files_path_so_two_projects_never_collide(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GitLab and Jenkins key a test by classname and name: with the base name alone, the
    # starter tests of two projects were one test.
    monkeypatch.chdir(tmp_path)
    for project in ("brandA", "brandB"):
        assert runner.invoke(cli, ["init", project]).exit_code == 0
    given = ["brandA/examples/plan-tests.yaml", "./brandB/examples/plan-tests.yaml"]
    result = runner.invoke(cli, ["test", "--format", "junit", *given])
    assert result.exit_code == 0, result.output
    cases = ET.fromstring(result.output).findall("testsuite/testcase")
    assert {case.get("classname") for case in cases} == {
        "brandA/examples/plan-tests.yaml",
        "brandB/examples/plan-tests.yaml",
    }
    keys = [(case.get("classname"), case.get("name")) for case in cases]
    assert len(cases) > 2 and len(set(keys)) == len(keys)


def test_a_yaml_event_file_of_two_events_exits_2_as_a_json_one(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("two.yaml").write_text("- {id: a, type: order}\n- {id: b, type: order}\n")
    Path("two.json").write_text('[{"id": "a", "type": "order"},\n {"id": "b", "type": "order"}]\n')
    Path("t.yaml").write_text(
        "backplan: 1\ncases:\n"
        "  - {name: a, event_file: two.yaml, expect: {fallback: true}}\n"
        "  - {name: b, event_file: two.json, expect: {fallback: true}}\n"
    )
    result = runner.invoke(cli, ["test", "--plan", PLAN, "t.yaml"])
    assert result.exit_code == 2
    hint = "  hint: a case has one event: give each event a file and a case of its own\n"
    assert result.output == (
        "t.yaml:3:27: error: the event file two.yaml holds more than one event: another starts"
        f" on line 2 [bad-event-file]\n{hint}"
        "t.yaml:4:27: error: the event file two.json holds more than one event: another starts"
        f" on line 2 [bad-event-file]\n{hint}"
        "backplan: the test file is invalid (2 problems)\n"
    )


def test_junit_of_an_invalid_test_file_holds_its_problems(
    runner: CliRunner, tmp_path: Path
) -> None:
    """The report was empty, so a CI step that parses it failed on the empty file and never
    showed the problems (found by review); the run still exits 2."""
    bad = tmp_path / "bad.test.yaml"
    bad.write_text(
        "backplan: 1\ncases:\n  - {name: a, event: {id: e, type: review}, expect: {x: 1}}\n"
    )
    result = runner.invoke(cli, ["test", "--format", "junit", str(bad)])
    assert result.exit_code == 2
    root = ET.fromstring(result.stdout)
    [case] = root.iter("testcase")
    [error] = case.iter("error")
    assert (root.get("errors"), error.get("type"), case.get("line")) == ("1", "unknown-key", "3")
    assert error.text is not None and "unknown key `x`" in error.text


def test_every_option_of_every_command_says_what_it_does() -> None:
    """Six commands' `--format` had no help: `--help` listed `[text|json]` and no word of what
    each format is."""
    import click

    unsaid = [
        f"{name} {param.opts[0]}"
        for name, command in cli.commands.items()
        for param in command.params
        if isinstance(param, click.Option) and not param.help
    ]
    assert unsaid == []


def test_paths_a_test_file_writes_in_utf8_are_found_where_names_are_read_as_ascii(
    tmp_path: Path,
) -> None:
    """Where Python reads file names as ASCII (``PYTHONUTF8=0`` in the C locale, as in a bare
    container), a folder saved as ``plän`` is listed with a surrogate for each byte of ``ä``:
    ``plan: plän`` and ``event_file: évents/...`` had named nothing ("there is no plan file or
    folder plän (did you mean `plän`?)"). They name the files their UTF-8 bytes name."""
    shutil.copytree(REPO / "rules", tmp_path / "plän")
    (tmp_path / "évents").mkdir()
    shutil.copy(REPO / "examples/events/billing-error.json", tmp_path / "évents/bïll.json")
    (tmp_path / "tests.yaml").write_text(
        "backplan: 1\nplan: plän\ncases:\n  - name: a double charge goes to billing\n"
        "    event_file: évents/bïll.json\n    expect:\n      matched: [billing-error]\n",
        encoding="utf-8",
    )

    def run_test(test_file: str) -> subprocess.CompletedProcess[bytes]:
        return run_where_names_are_ascii(["test", test_file], tmp_path)

    tested = run_test("tests.yaml")
    assert tested.returncode == 0, tested.stdout.decode() + tested.stderr.decode()
    assert "\n\n25 of 26 rules" in tested.stdout.decode()
    assert tested.stdout.decode().endswith("\n\n1 passed in 1 test file\n")
    # the same file one folder down: the path that names the plan is told with its letters
    (tmp_path / "sub").mkdir()
    (tmp_path / "tests.yaml").rename(tmp_path / "sub/tests.yaml")
    tested = run_test("sub/tests.yaml")
    assert tested.returncode == 2
    told = tested.stdout.decode("utf-8") + tested.stderr.decode("utf-8")
    assert "there is no plan file or folder sub/plän [plan-not-found]" in told
    assert "write `plan: ../plän`" in told


def test_what_the_command_line_is_refused_names_with_its_letters_where_names_are_read_as_ascii(
    tmp_path: Path,
) -> None:
    """Where Python reads the command line as ASCII (``PYTHONUTF8=0`` in the C locale), a
    name given on it holds a lone surrogate per byte beyond ASCII: click's refusals had
    written them as ``?`` (the test files of a folder given to ``test``) or, quoting a value
    that is not a choice, as ``\\udcc3\\udca9``. They show the letters."""
    (tmp_path / "plän-tests.yaml").write_text("backplan: 1\ncases: []\n", encoding="utf-8")
    refused = run_where_names_are_ascii(["test", "."], tmp_path)
    assert refused.returncode == 2
    assert "name its test files: `backplan test './plän-tests.yaml'`" in refused.stderr.decode(
        "utf-8"
    )
    refused = run_where_names_are_ascii(["schema", "évènement"], tmp_path)
    assert refused.returncode == 2
    assert "'évènement' is not one of 'plan', " in refused.stderr.decode("utf-8")


@pytest.mark.parametrize(("encoding", "written_as"), [("", "utf-8"), ("cp1252", "cp1252")])
def test_an_option_or_command_that_does_not_exist_is_named_with_its_letters_where_names_are_read_as_ascii(
    tmp_path: Path, encoding: str, written_as: str
) -> None:
    """Where Python reads the command line as ASCII (``PYTHONUTF8=0`` in the C locale), click
    quoted an option or a command that does not exist with ``repr``: "No such option
    '--f\\udcc3\\udcb4rmat'", "No such command '\\udcc3\\udca9vl'", escapes written as text
    that no writer could mend. They show the letters, in the encoding standard error is
    written in (``PYTHONIOENCODING=cp1252``, as on Windows), and a byte that is not UTF-8 as
    every other message writes it (``\\xff``)."""
    env = {"PYTHONIOENCODING": encoding}

    def told(*args: str) -> str:
        refused = run_where_names_are_ascii(list(args), tmp_path, env)
        assert refused.returncode == 2
        return refused.stderr.decode(written_as)

    assert "No such option '--fôrmat'. Did you mean '--format'?" in told(
        "validate", "--fôrmat", "json", "."
    )
    assert "No such option '--förmat'." in told("eval", "--förmat=json", "x.json")
    assert "No such command 'évl'." in told("évl", "x.json")
    assert "No such option '--f\\xffo'." in told("eval", "--f\udcffo", "x.json")


def test_render_reads_the_plan_without_compiling_it(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # render needs the plan's model, never its matcher: compiling a plan of 400 rules took 3
    # of the 3.4 seconds a render did. Its table is the same, read from the model alone.
    import engine.compile

    def refused(*_: object) -> None:
        raise AssertionError("render compiled the plan")

    monkeypatch.setattr(engine.compile, "compile_plan", refused)
    result = runner.invoke(cli, ["render", PLAN, "--format", "md"])
    assert result.exit_code == 0, result.output
    assert result.output == (REPO / "tests" / "golden" / "render" / "acme.md").read_text()
