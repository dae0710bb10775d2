"""`backplan validate` and `backplan schema`: output formats and exit codes."""

from __future__ import annotations

import atexit
import gc
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator

from engine.cli import cli, main
from engine.resources import SCHEMA_NAMES, schema_path
from tests.conftest import PLAN_HEADER, REPO, run_where_names_are_ascii, write_plan

GOOD = """\
rules:
  - id: late
    title: Late order
    when: {event: order, all: [{field: order.delay_days, gt: 3}]}
    then: [{apologize: {within: 1h}}]
  - id: improvise
    title: Nothing fits
    fallback: true
    then: [{escalate: {to: cx-lead}}]
"""

BAD = """\
rules:
  - id: late
    title: Late order
    when: {event: ordr, all: [{field: order.delay_days, greater_than: 3}]}
    then: [{apologize: {within: 2 hours}}]
"""

DIAGNOSTIC_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): error: .+ \[[a-z0-9-]+\]$"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write_plan(tmp_path, GOOD)


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    return write_plan(tmp_path, BAD)


# --- validate ---------------------------------------------------------------------------------


def test_valid_plan_exits_0_with_a_summary(good: Path) -> None:
    result = run("validate", str(good))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"ok: {good}: plan 'Test Store', 2 rules\n"
    assert result.stderr == ""


def test_one_rule_and_one_problem_are_counted_in_the_singular(tmp_path: Path) -> None:
    """``1 rule(s)``, ``1 problem(s) found`` had read as a form to fill in (found by review)."""
    alone = write_plan(
        tmp_path,
        "rules:\n  - {id: fb, title: F, fallback: true, then: [{apologize: {}}]}\n",
        name="one.yaml",
    )
    assert run("validate", str(alone)).stdout == f"ok: {alone}: plan 'Test Store', 1 rule\n"
    broken = write_plan(tmp_path, "rules: []\n", name="broken.yaml")
    assert run("validate", str(broken)).stderr == "1 problem found\n"


def test_a_control_character_in_the_plan_s_name_is_shown_as_an_escape(tmp_path: Path) -> None:
    """The summary line goes to a terminal: an ESC sequence in the name set its title, a line
    break forged a line of its own, and U+202E showed the rest reversed."""
    plan = tmp_path / "plan.yaml"
    name = "Test \\e]0;owned\\a\\nok: x\\u202e Store"
    plan.write_text(PLAN_HEADER.replace("name: Test Store", f'name: "{name}"') + GOOD, "utf-8")
    result = run("validate", str(plan))
    assert result.exit_code == 0, result.output
    shown = "Test \\x1b]0;owned\\x07\\nok: x\\u202e Store"
    assert result.stdout == f"ok: {plan}: plan '{shown}', 2 rules\n"


def test_validate_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    """validate pauses the collector while it imports and loads (start-up): never for good."""
    assert gc.isenabled()
    assert run("validate", str(write_plan(tmp_path, GOOD, name="good.yaml"))).exit_code == 0
    assert run("validate", str(write_plan(tmp_path, BAD, name="bad.yaml"))).exit_code == 1
    assert gc.isenabled()


def test_the_command_freezes_what_is_left_at_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The interpreter's last collection has nothing to free: main() skips it (gc.freeze)."""
    registered: list[Any] = []
    monkeypatch.setattr(atexit, "register", registered.append)
    monkeypatch.setattr(sys, "argv", ["backplan", "--help"])
    main()
    assert registered == [gc.freeze]


def test_problems_exit_1_one_line_each_with_a_hint(bad: Path) -> None:
    result = run("validate", str(bad))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    located = [line for line in lines if not line.startswith("  ")]
    assert len(located) == 3
    for line in located:
        match = DIAGNOSTIC_LINE.match(line)
        assert match, line
        assert match["file"] == str(bad)
    assert [line.split(":")[1] for line in located] == ["8", "8", "9"]
    hints = [line for line in lines if line.startswith("  hint: ")]
    assert len(hints) == 3
    assert [line for line in lines if line.startswith("  ")] == hints
    assert "(did you mean `order`?)" in result.stdout
    assert "(did you mean `gt`?)" in result.stdout
    assert "`2 hours` is not a duration" in result.stdout
    assert result.stderr == "3 problems found\n"


def test_a_name_holding_a_line_break_is_quoted_on_its_diagnostic_s_one_line(
    tmp_path: Path,
) -> None:
    """A rule id, a condition name or a key holding a line break (`"late\\n"`) is written as
    its escape wherever a message quotes it: printed as it is, "in rule `late`" and its line
    break had split one diagnostic over two lines, where a tool reads one per problem. The
    JSON form gives the same words; its pointer keeps the name exact."""
    path = write_plan(
        tmp_path,
        """\
        rules:
          - id: "late\\n"
            "tit\\nle": Late
            when: {event: order, use: "slow\\u2028"}
            then: [{apologize: {within: 1h}}]
        """,
    )
    result = run("validate", str(path))
    assert result.exit_code == 1
    located = [line for line in result.stdout.splitlines() if not line.startswith("  ")]
    assert all(DIAGNOSTIC_LINE.match(line) for line in located), located
    assert "unknown key `tit\\nle` (did you mean `title`?) in rule `late\\n`" in result.stdout
    assert '`"slow\\u2028"` is not a valid condition name in rule `late\\n` (when › use)' in (
        result.stdout
    )
    problems = json.loads(run("validate", "--format", "json", str(path)).stdout)
    assert [p["message"] for p in problems] == [
        line.split(": error: ")[1].rsplit(" [", 1)[0] for line in located
    ]
    assert "/rules/0/tit\nle" in [p["pointer"] for p in problems]


def test_related_places_are_printed_under_the_problem(tmp_path: Path) -> None:
    rule = "  - {id: same, title: T, when: {event: order}, then: [{apologize: {}}]}\n"
    path = write_plan(tmp_path, "rules:\n" + rule + rule)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:7:5: error: the rule id `same` is already used [duplicate-rule-id]",
        f"  hint: rename one of them: the rule at {path}:7 or the one at {path}:6",
        f"  see: {path}:6:5",
    ]


def test_json_format_gives_objects_with_pointers(bad: Path) -> None:
    result = run("validate", "--format", "json", str(bad))
    assert result.exit_code == 1
    found: list[dict[str, Any]] = json.loads(result.stdout)
    assert [d["pointer"] for d in found] == [
        "/rules/0/when/event",
        "/rules/0/when/all/0/greater_than",
        "/rules/0/then/0/apologize/within",
    ]
    for item in found:
        assert set(item) == {
            "file",
            "line",
            "column",
            "pointer",
            "severity",
            "code",
            "message",
            "hint",
            "related",
        }
        assert item["file"] == str(bad)
        assert item["severity"] == "error"
        assert item["hint"]
    assert [d["code"] for d in found] == ["unknown-event-type", "unknown-operator", "bad-duration"]
    assert [(d["line"], d["column"]) for d in found] == [(8, 19), (8, 57), (9, 33)]


def test_json_format_of_a_valid_plan_is_an_empty_list(good: Path) -> None:
    result = run("validate", "--format", "json", str(good))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_json_related(tmp_path: Path) -> None:
    rule = "  - {id: same, title: T, when: {event: order}, then: [{apologize: {}}]}\n"
    path = write_plan(tmp_path, "rules:\n" + rule + rule)
    [item] = json.loads(run("validate", "--format", "json", str(path)).stdout)
    assert item["related"] == [{"file": str(path), "line": 6, "column": 5, "pointer": "/rules/0"}]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "nope.yaml" in result.stderr
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args", [["validate", ""], ["lint", ""], ["eval", "--plan", "", "-"], ["explain", "--plan", ""]]
)
def test_an_empty_path_is_a_usage_error_not_the_current_folder(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "Path '' does not exist" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["validate", "-"], "PATHS..."),
        (["lint", "--format", "json", "-"], "PATHS..."),
        (["render", "-"], "PATHS..."),
        (["eval", "--plan", "-", "events.jsonl"], "--plan"),
        (["test", "--plan", "-", "tests.yaml"], "--plan"),
        (["report", "--plan", "-", "decisions.jsonl"], "--plan"),
    ],
)
def test_a_plan_given_as_standard_input_is_told_it_is_read_by_name(
    args: list[str], what: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`git show main:rules/plan.yaml | backplan validate -`, as eval and report take `-`, had
    been told "Path '-' does not exist.", as if a file had been misnamed; a plan is read from
    its files, and the refusal says so, and what to do with a plan sent down a pipe."""
    monkeypatch.chdir(tmp_path)
    for name in ("events.jsonl", "tests.yaml", "decisions.jsonl"):
        Path(name).write_text("")
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: Invalid value for '{what}': `-` (standard input) cannot be read as a plan, "
        "which is read from its folder or its .yaml files: name them (a plan sent down a pipe "
        "is saved to a .yaml file first, then named)\n"
    )


def test_a_test_file_given_as_standard_input_is_told_it_is_read_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`backplan test -` had been told "File '-' does not exist."; a folder or a file named
    `-` is still read as any other."""
    monkeypatch.chdir(tmp_path)
    result = run("test", "-")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for 'TESTFILES...': `-` (standard input) cannot be read as a "
        "plan-test file, which is read by its name (its `plan:` and `event_file:` are relative "
        "to it): name the file\n"
    )
    shutil.copytree(REPO / "rules", "-")
    assert run("validate", "-").exit_code == 0


def test_no_path_is_a_usage_error() -> None:
    result = run("validate")
    assert result.exit_code == 2
    assert "PATHS" in result.stderr


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["validate", "--plan", "my plan/rules"], "`backplan validate 'my plan/rules'`"),
        (["lint", "--format", "json", "--plan=rules"], "`backplan lint --format json rules`"),
        (["render", "--plan", "rules", "-o", "x.md"], "`backplan render rules -o x.md`"),
        (["validate", "--plan"], "`backplan validate PATH...`"),
        (["validate", "--plan="], "`backplan validate PATH...`"),
        (["lint", "--format", "json", "--plan"], "`backplan lint --format json PATH...`"),
        # the rest cannot be read (`--format` without its value): shown as given
        (["validate", "--plan", "rules", "--format"], "`backplan validate rules --format`"),
    ],
)
def test_plan_option_on_a_command_of_plan_paths_shows_the_command_without_it(
    args: list[str], shown: str
) -> None:
    """eval, explain, test and report name the plan with --plan; validate, lint and render
    take its paths themselves. Click said only "No such option '--plan'.". With no path after
    ``--plan``, the command shown had none either (`backplan validate`, itself refused for
    want of one): it is shown with the place for them (found by review)."""
    result = run(*args)
    assert result.exit_code == 2
    assert (
        f"Error: No such option '--plan': `{args[0]}` takes the plan's files or folders "
        f"themselves: {shown}\n"
    ) in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "meant"),
    [
        (["validate", "rules\\00-plan.yaml"], "rules/00-plan.yaml"),
        (["eval", "--plan", "rules\\", "-"], "rules/"),
        (["eval", "examples\\events\\billing-error.json"], "examples/events/billing-error.json"),
    ],
)
def test_a_path_typed_with_backslashes_is_told_the_one_with_slashes(
    args: list[str], meant: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rules\\00-plan.yaml`, typed as on Windows, had been told only "Path
    'rules\\\\00-plan.yaml' does not exist.", its backslashes doubled (found by review)."""
    monkeypatch.chdir(REPO)
    result = run(*args)
    assert result.exit_code == 2
    typed = next(arg for arg in args if "\\" in arg)
    assert (
        f"{typed} does not exist; did you mean `{meant}`? (folders are separated by `/` here)"
    ) in result.stderr


@pytest.mark.parametrize(
    ("args", "typed", "meant"),
    [
        (["validate", "rule"], "rule", "rules"),
        (["lint", "rules/00-plan.yml"], "rules/00-plan.yml", "rules/00-plan.yaml"),
        (["eval", "--plan", "rule", "-"], "rule", "rules"),
        (
            ["eval", "examples/events/biling-error.json"],
            "examples/events/biling-error.json",
            "examples/events/billing-error.json",
        ),
        (["report", "--plan", "rule", "-"], "rule", "rules"),
    ],
)
def test_a_path_with_a_slip_is_told_the_one_meant(
    args: list[str], typed: str, meant: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`shop/rule` for `shop/rules` had been told only "Invalid value for 'PATHS...': Path
    'shop/rule' does not exist.", where a plan test's `plan:` is told the one meant (found by
    review)."""
    monkeypatch.chdir(REPO)
    result = run(*args)
    assert result.exit_code == 2
    assert f"{typed} does not exist; did you mean `{meant}`?\n" in result.stderr


def test_a_pattern_no_shell_expanded_is_told_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A quoted pattern, or one given where no shell runs (a systemd unit, a Dockerfile's
    CMD [...]), had been told "File 'out-*.jsonl' does not exist.", or asked "did you mean
    `out-1.jsonl`?", one of the files it names: the report made on it left the others out
    (found by an operator's replay). It is told as a pattern, with the files it names; one
    that names none is said to (the hidden files a `*` leaves out named), with no name close
    to it offered."""
    for name in ("out-1.jsonl", "out-2.jsonl", "rules/00-plan.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("{}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for args, typed, what in (
        (["report", "out-*.jsonl"], "out-*.jsonl", "2 files (the first: `out-1.jsonl`)"),
        (["eval", "out-?.jsonl"], "out-?.jsonl", "2 files (the first: `out-1.jsonl`)"),
        (["validate", "rule*"], "rule*", "1 folder (the first: `rules`)"),
    ):
        result = run(*args)
        assert result.exit_code == 2
        assert (
            f"{typed} does not exist: it is a pattern, for {what}, that no shell expanded, as "
            "it was quoted or given where no shell runs (a systemd unit's ExecStart, a "
            "Dockerfile's CMD [...], a program's list of arguments); leave it unquoted in a "
            "shell, or name each one\n"
        ) in result.stderr
    result = run("report", "ot-*.jsonl")
    assert result.exit_code == 2
    assert "ot-*.jsonl does not exist, and no file matches it\n" in result.stderr
    result = run("report", "out-[3].jsonl")  # no `*`: a name with brackets may be meant
    assert "out-[3].jsonl does not exist; did you mean `out-2.jsonl`?" in result.stderr
    Path(".out-3.jsonl").write_text("{}", encoding="utf-8")
    result = run("report", ".out-*.jsonl")  # a `.` written: hidden files are matched
    assert "it is a pattern, for 1 file (the first: `.out-3.jsonl`)" in result.stderr
    result = run("report", "*-3.jsonl")
    assert (
        "*-3.jsonl does not exist, and no file matches it but hidden ones (the first: "
        "`.out-3.jsonl`), which a `*` leaves out, as a shell's does: name them\n"
    ) in result.stderr
    for pattern, told in (("out-*.jsonl", "name one of them"), ("out-1*.jsonl", "name it")):
        result = run("explain", pattern)  # one event is explained: not "name each one"
        assert result.exit_code == 2
        assert f"a program's list of arguments); {told}\n" in result.stderr


def test_a_pattern_of_folders_deep_or_with_backslashes_is_told_the_files_it_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`events/**/*.jsonl`, quoted from zsh (whose `**` is any folders deep), had been told
    "no file matches it" beside the files of `events/`, and `events\\*.jsonl`, typed as on
    Windows, too: each is told the files it names, the second with its slashes written."""
    for name in ("events/1.jsonl", "events/old/2.jsonl"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("report", "events/**/*.jsonl")
    assert result.exit_code == 2
    assert "it is a pattern, for 2 files (the first: `events/1.jsonl`)" in result.stderr
    result = run("report", "events\\*.jsonl")
    assert result.exit_code == 2
    assert "it is a pattern, for 1 file (the first: `events/1.jsonl`)" in result.stderr
    assert "name each one (folders are separated by `/` here: `events/*.jsonl`)\n" in (
        result.stderr
    )
    result = run("report", "evnts\\*.jsonl")  # as written and with slashes, no file
    assert "evnts\\*.jsonl does not exist, and no file matches it\n" in result.stderr


def test_a_pattern_of_folders_deep_goes_through_folders_not_links_to_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`events/**/*.jsonl` followed links to folders, as `glob(recursive=True)` does and a
    shell's globstar does not: a link back to its own folder (`here -> .`) had the one file
    counted at each of the 40 links deep the system follows ("for 40 files"), and two such
    links had `eval` walk without end before saying anything."""
    (tmp_path / "events" / "old").mkdir(parents=True)
    (tmp_path / "events" / "old" / "1.jsonl").write_text("{}", encoding="utf-8")
    (tmp_path / "events" / "here").symlink_to(".")
    monkeypatch.chdir(tmp_path)
    result = run("report", "events/**/*.jsonl")
    assert result.exit_code == 2
    assert "it is a pattern, for 1 file (the first: `events/old/1.jsonl`)" in result.stderr
    result = run("report", "events/**")
    assert "it is a pattern, for 4 paths (the first: `events/`)" in result.stderr


def test_a_path_is_not_told_a_name_that_shares_only_its_extension(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Names were compared whole, so the `.json` they share made `xyz.json` "did you mean
    `two.json`?" and `nofile.json` `mixed.json`: a manager was sent to an unrelated file
    (found by review). Names of one extension are compared without it, as a plan test's
    `event_file:` is; a slip of the extension is still told."""
    for name in ("two.json", "mixed.json", "big.jsonl", "one/only.json"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("{}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for typed in ("xyz.json", "nofile.json"):
        result = run("eval", typed)
        assert result.exit_code == 2
        assert f"File '{typed}' does not exist." in result.stderr
        assert "did you mean" not in result.stderr
    alone = ("one/onyl.json", "one/only.json")  # the only name of its folder
    for typed, meant in (("mixd.json", "mixed.json"), ("big.jsnl", "big.jsonl"), alone):
        result = run("eval", typed)
        assert f"{typed} does not exist; did you mean `{meant}`?\n" in result.stderr


def test_a_path_with_backslashes_that_names_nothing_either_way_is_click_s_error() -> None:
    """Its backslashes are shown as typed, as every message names a file: click's ``repr``
    doubled them ("Path 'nowhere\\\\plan.yaml'")."""
    result = run("validate", "nowhere\\plan.yaml")
    assert result.exit_code == 2
    assert "Path 'nowhere\\plan.yaml' does not exist." in result.stderr


@pytest.mark.parametrize(
    "env", [{}, {"LC_ALL": "C.UTF-8", "PYTHONUTF8": "1"}], ids=["ascii-names", "utf-8"]
)
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (  # `rules` is in the folder: it is named as the one meant
            ["validate", "rules\udcff"],
            "Invalid value for 'PATHS...': rules\\xff does not exist; did you mean `rules`?",
        ),
        (["eval", "--plan", "x\udcff.yaml", "e.json"], "'--plan': Path 'x\\xff.yaml' does"),
        (["eval", "--plan", "rules", "ev\udcff.json"], "File 'ev\\xff.json' does not exist."),
        (["test", "t\udcff.yaml"], "File 't\\xff.yaml' does not exist."),
        (["eval", "--plan", "rules", "f\udcff"], "f\\xff is a folder, not events: it holds no"),
    ],
)
def test_a_path_named_in_a_byte_that_is_not_utf8_is_told_with_that_byte_escaped(
    tmp_path: Path, args: list[str], said: str, env: dict[str, str]
) -> None:
    """click wrote the byte as ``\ufffd`` ("Path 'rules\ufffd' does not exist."), so the manager
    could not tell which file was meant; it is ``\\xff``, as validate's own messages and eval's
    records name such a file, whether names are read as UTF-8 or as ASCII (the C locale)."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "plan.yaml").write_text(PLAN_HEADER + GOOD, encoding="utf-8")
    (tmp_path / "f\udcff").mkdir()
    refused = run_where_names_are_ascii(args, tmp_path, env)
    assert refused.returncode == 2
    told = refused.stderr.decode("utf-8")
    assert said in told and "\ufffd" not in told


def test_another_unknown_option_is_click_s_own_usage_error(good: Path) -> None:
    result = run("validate", "--plans", str(good))
    assert result.exit_code == 2
    assert "Error: No such option '--plans'." in result.stderr


def test_unknown_format_is_a_usage_error(good: Path) -> None:
    result = run("validate", "--format", "xml", str(good))
    assert result.exit_code == 2
    assert "xml" in result.stderr


def test_a_folder(tmp_path: Path) -> None:
    write_plan(tmp_path, "", name="00-plan.yaml")
    write_plan(tmp_path, GOOD, header="backplan: 1\n", name="10-rules.yaml")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"ok: {tmp_path}: plan 'Test Store', 2 rules\n"


def test_a_folder_with_problems_in_two_files(tmp_path: Path) -> None:
    write_plan(tmp_path, "  owner: [me]\n", name="00-plan.yaml")
    write_plan(tmp_path, BAD, header="backplan: 1\n", name="10-rules.yaml")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    files = [
        Path(m["file"]).name for m in map(DIAGNOSTIC_LINE.match, result.stdout.splitlines()) if m
    ]
    assert files == ["00-plan.yaml", "10-rules.yaml", "10-rules.yaml", "10-rules.yaml"]


def test_several_paths(tmp_path: Path) -> None:
    first = write_plan(tmp_path, "", name="a.yaml")
    second = write_plan(tmp_path, GOOD, header="backplan: 1\n", name="b.yaml")
    result = run("validate", str(first), str(second))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"ok: {first}, {second}: plan 'Test Store', 2 rules\n"


def test_an_empty_folder_is_a_problem(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert "[no-plan-files]" in result.stdout


def test_a_huge_file_is_refused_by_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "[file-too-large]" in result.stdout
    assert "60.0 MB" in result.stdout


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"backplan: 1\n\x00\x00\x00", "binary-file"),
        (b"backplan: 1\nplan: {name: Caf\xe9}\n", "not-utf8"),
        (b"", "empty-file"),
        (b"- just\n- a list\n", "not-a-plan"),
        (b"backplan: 1\nplan: {name: !!python/object/apply:os.system [ls]}\n", "yaml-tag"),
    ],
)
def test_bad_input_is_a_located_problem_never_a_traceback(
    tmp_path: Path, content: bytes, code: str
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(content)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert f"[{code}]" in result.stdout
    assert DIAGNOSTIC_LINE.match(result.stdout.splitlines()[0])
    assert "Traceback" not in result.output


# --- schema -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCHEMA_NAMES)  # every shipped one: `report` was missing
def test_schema_prints_a_valid_json_schema(name: str) -> None:
    result = run("schema", name)
    assert result.exit_code == 0
    printed = json.loads(result.stdout)
    Draft202012Validator.check_schema(printed)
    assert printed["$id"].endswith(f"{name}.schema.json")
    assert printed["title"]
    assert result.stdout == schema_path(name).read_text(encoding="utf-8")


def test_schema_of_an_unknown_name_is_a_usage_error() -> None:
    result = run("schema", "nope")
    assert result.exit_code == 2
    assert "nope" in result.stderr
    assert "plan" in result.stderr


def test_schema_needs_a_name() -> None:
    assert run("schema").exit_code == 2


def test_the_printed_plan_schema_accepts_a_valid_plan() -> None:
    import yaml

    printed = json.loads(run("schema", "plan").stdout)
    data = yaml.safe_load(PLAN_HEADER + GOOD)
    assert list(Draft202012Validator(printed).iter_errors(data)) == []


def test_the_folder_init_makes_says_which_file_is_plan_tests_not_a_plan(tmp_path: Path) -> None:
    """`backplan init` puts plan tests beside the plan's rules/: given the whole folder,
    validate says so once, instead of one unknown key after another, and names the folder to
    give, the plan the file tests: "such as `rules/`" had sent a manager in the folder above
    `my-plan` to a `rules/` that is not there."""
    folder = tmp_path / "my-plan"
    assert CliRunner().invoke(cli, ["init", str(folder)]).exit_code == 0
    result = run("validate", str(folder))
    assert result.exit_code == 1
    tests_file = folder / "examples" / "plan-tests.yaml"
    line = next(
        number
        for number, text in enumerate(tests_file.read_text().splitlines(), 1)
        if text.startswith("cases:")
    )
    assert result.stdout == (
        f"{tests_file}:{line}:1: error: this is a plan-tests file (this one tests `../rules`),"
        " not a plan [not-a-plan]\n"
        f"  hint: give the plan's own folder or files (`{folder / 'rules'}`, the plan this file"
        " tests), not its plan tests nor a folder that holds them; run the tests with"
        f" `backplan test {tests_file}`\n"
    )
    assert run("validate", str(folder / "rules")).exit_code == 0


@pytest.mark.parametrize(("where", "given"), [("", "rules"), ("rules", ".")])
def test_plan_tests_kept_in_the_plan_s_own_folder_are_told_to_move_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, given: str
) -> None:
    """Plan tests written in the plan's folder, testing it, had been told to "give the plan's
    own folder (`rules`, the plan this file tests)": the folder just given (found by a new
    user's trial). Every YAML file there is read as part of the plan: it is told to move the
    file out, beside the folder, and what to write in its `plan:` there."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "plan.yaml").write_text(PLAN_HEADER + GOOD)
    (rules / "tests.yaml").write_text("backplan: 1\nplan: .\ncases: []\n")
    monkeypatch.chdir(tmp_path / where)
    result = run("validate", given)
    assert result.exit_code == 1
    shown = "rules/" if given == "rules" else ""
    moved = "tests.yaml" if given == "rules" else "../tests.yaml"
    assert result.stdout == (
        f"{shown}tests.yaml:3:1: error: this is a plan-tests file (this one tests `.`), not a "
        "plan [not-a-plan]\n"
        f"  hint: every YAML file in the plan's folder `{given}` is read as part of the plan, "
        f"this one too: move it out, such as to `{moved}` with `plan: rules`, and run the tests "
        f"with `backplan test {moved}`\n"
    )


def test_plan_tests_told_to_move_out_are_not_sent_over_a_file_nor_lose_their_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder `backplan init` makes holds a `plan-tests.yaml` beside `rules/`: a copy kept
    in `rules/` had been told to move to that very name, over the file there, and its
    `event_file:` paths, found from its folder, were left unsaid, so every case of the moved
    file was "there is no event file". Followed, the hint now gives a passing test run."""
    rules = tmp_path / "rules"
    (rules / "events").mkdir(parents=True)
    (rules / "plan.yaml").write_text(PLAN_HEADER + GOOD)
    (rules / "events" / "one.json").write_text(
        '{"id": "e-1", "type": "review", "occurred_at": "2026-11-23T09:30:00Z"}'
    )
    kept = (
        "backplan: 1\nplan: .\ncases:\n  - name: one\n    event_file: events/one.json\n"
        "    expect: {matched: [improvise]}\n"
    )
    (rules / "plan-tests.yaml").write_text(kept)
    (tmp_path / "plan-tests.yaml").write_text("backplan: 1\nplan: rules\ncases: []\n")
    monkeypatch.chdir(tmp_path)
    result = run("validate", "rules")
    assert result.stdout.splitlines()[1] == (
        "  hint: every YAML file in the plan's folder `rules` is read as part of the plan, this "
        "one too: move it out, such as to `rules-plan-tests.yaml` with `plan: rules`, its "
        "`event_file:` paths started with `rules/`, and run the tests with `backplan test "
        "rules-plan-tests.yaml`"
    )
    (rules / "plan-tests.yaml").unlink()
    moved = kept.replace("plan: .", "plan: rules").replace("events/", "rules/events/")
    (tmp_path / "rules-plan-tests.yaml").write_text(moved)
    assert run("validate", "rules").exit_code == 0
    tested = run("test", "rules-plan-tests.yaml")
    assert (tested.exit_code, tested.stdout.splitlines()[-1]) == (0, "1 passed in 1 test file")


def test_a_plan_tests_file_named_to_validate_is_told_without_a_folder_around_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Named itself, it had been told "not the folder around it", of a folder nobody gave.
    monkeypatch.chdir(tmp_path)
    Path("my tests.yaml").write_text("backplan: 1\nplan: plan.yaml\ncases: []\n")
    result = run("validate", "my tests.yaml")
    assert result.exit_code == 1
    assert result.stdout == (
        "my tests.yaml:3:1: error: this is a plan-tests file (this one tests `plan.yaml`), not a"
        " plan [not-a-plan]\n"
        "  hint: give the plan's own folder or files (such as `rules/`), not its plan tests nor"
        " a folder that holds them; run the tests with `backplan test 'my tests.yaml'`\n"
    )


def test_a_number_beyond_64_bits_is_a_located_problem_for_validate_and_eval(
    tmp_path: Path,
) -> None:
    # It had reached the user as "internal error: TypeError" (the plan's fingerprint is JSON).
    path = write_plan(
        tmp_path,
        """\
rules:
  - id: hook
    title: Hook
    when: {event: review}
    then: [{x-hook: {big: 100000000000000000000000}}]
""",
    )
    commands = [(["validate", str(path)], 1), (["eval", "--plan", str(path), "-"], 2)]
    for args, code in commands:  # eval: 2, the plan is invalid
        result = CliRunner().invoke(cli, args, input='{"id": 1, "type": "review"}\n')
        assert "internal error" not in result.output
        assert f"{path}:9:27:" in result.output  # the header is 4 lines
        assert "[number-too-large]" in result.output
        assert result.exit_code == code


@pytest.mark.parametrize(
    ("place", "hint"),
    [
        (
            "    priority: {n}\n",
            "a priority is a whole number from -1,000,000 to 1,000,000, such as `priority: 100`",
        ),
        (
            "    then: [{{compensate: {{kind: voucher, percent: {n}, of: order.total}}}}]\n",
            "a percentage is a number above 0 and at most 100, such as `percent: 20`",
        ),
        (
            "    then: [{{compensate: {{kind: voucher, amount: {n}}}}}]\n",
            "an amount in a plan is at most 1,000,000,000, written as a number",
        ),
        (
            "    then: [{{x-hook: {{big: {n}}}}}]\n",
            "write it as text in quotes, or as a decimal number such as 1.5e21",
        ),
    ],
)
def test_a_number_too_long_gets_the_hint_of_its_place(
    tmp_path: Path, place: str, hint: str
) -> None:
    """ "Write it as text, or as 1.5e21" is refused where the plan holds a bounded number (a
    priority, a percentage, an amount): there the hint is that number's own range."""
    body = "rules:\n  - id: r\n    title: R\n    when: {event: review}\n"
    body += place.format(n="1" * 45)
    if "then" not in place:
        body += "    then: [{apologize: {}}]\n"
    result = CliRunner().invoke(cli, ["validate", str(write_plan(tmp_path, body))])
    assert "[number-too-large]" in result.output
    assert f"  hint: {hint}\n" in result.output


@pytest.mark.parametrize(
    "args",
    [["validate", "{loop}"], ["lint", "{loop}"], ["eval", "--plan", "{loop}", "-"]],
    ids=["validate", "lint", "eval-plan"],
)
def test_a_link_in_a_loop_of_links_is_named_for_what_it_is(tmp_path: Path, args: list[str]) -> None:
    """click said such a link "does not exist", though the file it names is there (found by
    review)."""
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    loop = str(tmp_path / "a.yaml")
    result = CliRunner().invoke(cli, [arg.format(loop=loop) for arg in args], input="")
    assert result.exit_code == 2
    assert f"{loop} is a link in a loop of links (each leads on to another and back)" in (
        result.output
    )
    assert "does not exist" not in result.output


def test_validating_a_valid_plan_imports_no_hints() -> None:
    """The hints (``engine.slips``, ten modules) are for a plan in error: ``schema`` and
    ``planfile`` imported them at their top, so validating a valid plan paid ~2.5 ms of
    start-up for hints it never gives."""
    import subprocess

    started = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "engine", "validate", "rules"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    assert started.stdout.startswith("ok: rules: ")
    imported = [line.rsplit("|", 1)[-1].strip() for line in started.stderr.splitlines()]
    assert "engine.schema" in imported  # the log is read right: the validation was imported
    assert [name for name in imported if name.startswith("engine.slips")] == []


def test_one_file_of_a_split_plan_is_named_with_its_letters_where_names_are_read_as_ascii(
    tmp_path: Path,
) -> None:
    """Where Python reads file names as ASCII (``PYTHONUTF8=0`` in the C locale), the hint to
    validate the folder of ``règles/commandes-été.yaml`` had held each byte of ``é`` as a lone
    surrogate: ``--format json`` ended in "internal error: TypeError: str is not valid UTF-8",
    the text said ``commandes-\\udcc3\\udca9t\\udcc3\\udca9.yaml``, and eval's ``??``."""
    (tmp_path / "règles").mkdir()
    (tmp_path / "règles/commandes-été.yaml").write_text("backplan: 1\n" + GOOD, encoding="utf-8")
    hint = "if `commandes-été.yaml` is one file of a plan split over several files, "
    told = run_where_names_are_ascii(
        ["validate", "--format", "json", "règles/commandes-été.yaml"], tmp_path
    )
    assert told.returncode == 1, told.stderr.decode("utf-8")
    problem = json.loads(told.stdout)[0]
    assert problem["file"] == "règles/commandes-été.yaml"
    assert problem["hint"].startswith(f"{hint}validate the plan's folder (`règles`) instead")
    told = run_where_names_are_ascii(["eval", "--plan", "règles/commandes-été.yaml"], tmp_path)
    assert (
        f"hint: {hint}pass the plan's folder with `--plan 'règles'` instead"
        in told.stderr.decode("utf-8")
    )


def _first_problem(path: Path) -> list[str]:
    """The first problem `validate` prints of ``path`` (its line and its hint's), which it
    refuses."""
    result = run("validate", str(path))
    assert result.exit_code == 1
    return result.output.splitlines()[:2]


def test_a_plan_written_as_json_with_a_comment_is_told_json_has_none(tmp_path: Path) -> None:
    """It was told "the `{` opened on line 1 is not closed", at line 2 (found by review)."""
    plan = tmp_path / "p.json"
    plan.write_text('{"backplan": 1, // our plan\n "rules": []}\n', encoding="utf-8")
    assert _first_problem(plan) == [
        f"{plan}:1:17: error: YAML syntax error: JSON has no comments: the `//` here does not "
        "start one [yaml-syntax]",
        "  hint: remove the comment, or write the plan as YAML, where `#` starts a comment",
    ]


def test_an_amount_cut_at_a_comma_and_a_blank_is_quoted_as_the_manager_wrote_it(
    tmp_path: Path,
) -> None:
    """`amount: 10, 50` had been quoted `amount: 10,50`, a number the manager never wrote
    (found by review)."""
    path = write_plan(
        tmp_path,
        GOOD.replace("{escalate: {to: cx-lead}}", "{compensate: {kind: voucher, amount: 10, 50}}"),
    )
    assert _first_problem(path) == [
        f"{path}:13:53: error: `amount: 10, 50` was read as `amount: 10` and a key `50`: in "
        "braces, a comma ends a value in rule `improvise` (then › compensate) [unknown-key]",
        "  hint: write decimals with a dot: `amount: 10.50`",
    ]
