"""`backplan report`: eval's decisions summed up for a manager, bad lines named, exit codes."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st

from engine.cli import cli
from engine.report import ReportCounts
from engine.reportlines import count_lines
from tests.conftest import (
    HANG_GUARD_SECONDS,
    REPO,
    EndlessGzip,
    FailingDisk,
    check_golden,
    peak_bytes,
)

GOLDEN = REPO / "tests" / "golden" / "report"
EXAMPLES_COMMAND = "backplan eval examples/events/*.json | backplan report --plan rules -"
EXAMPLES = sorted(str(p.relative_to(REPO)) for p in (REPO / "examples" / "events").glob("*.json"))


def run(args: list[str], stdin: str | None = None) -> Any:
    return CliRunner().invoke(cli, args, input=stdin)


@pytest.fixture
def decisions(monkeypatch: pytest.MonkeyPatch) -> str:
    """What `backplan eval examples/events/*.json` writes, run from the repository."""
    monkeypatch.chdir(REPO)
    result = run(["eval", *EXAMPLES])
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def test_the_examples_report_matches_golden(decisions: str) -> None:
    result = run(["report", "--plan", "rules", "-"], decisions)
    assert result.exit_code == 0 and result.stderr == ""
    check_golden(GOLDEN / "examples.txt", result.stdout)


def test_the_examples_json_report_matches_golden(decisions: str) -> None:
    result = run(["report", "--plan", "rules", "--format", "json", "-"], decisions)
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["format"] == "backplan.report/1"
    assert document["compensation"]["currencies"] == [
        {"awaiting_approval": "138.00", "currency": "USD", "total": "358.54"}
    ]
    assert result.stdout == json.dumps(document, sort_keys=True, separators=(",", ":")) + "\n"
    check_golden(GOLDEN / "examples.json", result.stdout)


def test_eval_piped_into_report_works_end_to_end() -> None:
    """The README's command, as a shell runs it: two processes and a pipe."""
    command = [sys.executable, "-m", "engine"]
    evaluated = subprocess.run(
        [*command, "eval", *EXAMPLES],
        cwd=REPO,
        capture_output=True,
        check=True,
        timeout=HANG_GUARD_SECONDS,
    )
    reported = subprocess.run(
        [*command, "report", "--plan", "rules", "-"],
        cwd=REPO,
        input=evaluated.stdout,
        capture_output=True,
        check=False,
        timeout=HANG_GUARD_SECONDS,
    )
    assert (reported.returncode, reported.stderr) == (0, b"")
    assert reported.stdout.decode() == (GOLDEN / "examples.txt").read_text(encoding="utf-8")


def _shown_after(page: str, command: str) -> str:
    """The text block that follows the ``sh`` block of ``command`` on a page."""
    text = (REPO / page).read_text(encoding="utf-8")
    after = text.split(f"```sh\n{command}\n```\n", 1)[1]
    return after.split("```text\n", 1)[1].split("```", 1)[0]


def test_the_docs_show_the_real_report() -> None:
    shown = _shown_after("docs/report.md", EXAMPLES_COMMAND)
    assert shown == (GOLDEN / "examples.txt").read_text(encoding="utf-8")


def test_the_readme_shows_parts_of_the_real_report() -> None:
    golden = (GOLDEN / "examples.txt").read_text(encoding="utf-8")
    parts = _shown_after("README.md", EXAMPLES_COMMAND).split("...\n")
    assert len(parts) == 3 and parts[-1] == ""
    assert golden.startswith(parts[0]) and parts[1] in golden


def _run_recipe(program: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    """A recipe of docs/report.md (``bash -c`` or ``python -c`` with its text) run in
    ``folder``, which it must end well in."""
    done = subprocess.run(
        program,
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        timeout=HANG_GUARD_SECONDS,
    )
    assert done.returncode == 0, done.stderr
    return done


def test_the_python_example_of_the_docs_runs(decisions: str, tmp_path: Path) -> None:
    text = (REPO / "docs" / "report.md").read_text(encoding="utf-8")
    code = text.split("## In Python", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "decisions.jsonl").write_text(decisions + "{oops\n", encoding="utf-8")
    (tmp_path / "rules").symlink_to(REPO / "rules")
    done = _run_recipe([sys.executable, "-c", code], tmp_path)
    said, counted = done.stdout.splitlines()
    assert said.startswith("decisions.jsonl:27: unexpected character")
    assert counted.startswith("26 () (CurrencyTotal(currency='USD', total='358.54'")


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_the_jq_recipe_of_prevention_due_counts_by_time_not_by_letters(
    decisions: str, tmp_path: Path
) -> None:
    """The recipe compared whole times as text: a `due` half a second after the cut-off
    (`…00:00:00.5Z`) sorted before it and was counted as due (found by an airline's trial)."""
    text = (REPO / "docs" / "report.md").read_text(encoding="utf-8")
    recipe = text.split("## What it does not count: prevention due", 1)[1]
    command = recipe.split("```sh\n", 1)[1].split("```", 1)[0]
    decision = next(
        d
        for d in map(json.loads, decisions.splitlines())
        if any(a["purpose"] == "prevention" for a in d["actions"])
    )
    lines = []
    for owner, due in (("before", "2026-11-01T23:59:59.5Z"), ("after", "2026-11-02T00:00:00.5Z")):
        action = {"type": "root_cause", "purpose": "prevention", "due": due, "params": {}}
        lines.append(json.dumps(decision | {"actions": [action | {"params": {"owner": owner}}]}))
    (tmp_path / "decisions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = _run_recipe(["bash", "-c", command], tmp_path)
    assert done.stdout.split() == ["1", "before"]


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_the_jq_recipe_of_one_week_keeps_the_decisions_of_that_week(
    decisions: str, tmp_path: Path
) -> None:
    """docs/report.md told a manager to "give that week's decisions" for a week's cost per
    site, and not how: its recipe keeps the decisions from Monday 00:00 to the next Monday,
    a fraction of a second before the end kept, and error records left out."""
    text = (REPO / "docs" / "report.md").read_text(encoding="utf-8")
    recipe = text.split("### One week's cost per site", 1)[1]
    command = recipe.split("```sh\n", 1)[1].split("\nbackplan report", 1)[0]
    decision = json.loads(decisions.splitlines()[0])
    times = {
        "before": "2026-11-29T23:59:59.5Z",
        "first": "2026-11-30T00:00:00Z",
        "last": "2026-12-06T23:59:59.5Z",
        "after": "2026-12-07T00:00:00Z",
    }
    lines = [json.dumps(decision | {"event_id": e, "occurred_at": t}) for e, t in times.items()]
    lines.append(json.dumps({"format": "backplan.error/1", "event_id": "x", "error": {}}))
    (tmp_path / "decisions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _run_recipe(["bash", "-c", command], tmp_path)
    kept = (tmp_path / "week.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["event_id"] for line in kept] == ["first", "last"]


def test_error_records_count_as_events_not_decided(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    answers = run(["eval", "examples/events/stream.jsonl"]).stdout
    result = run(["report", "-"], answers)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "Backplan report: 26 decisions, from 2026-11-23T09:30:00Z to 2026-12-05T19:30:00Z",
        "Read: 26 decisions; 3 error records (events eval could not decide: bad-json 1, "
        "bad-time 1, missing-id 1).",
    ]


def test_a_line_saved_in_another_encoding_is_named_with_its_byte(
    decisions: str, tmp_path: Path
) -> None:
    """A decision whose file was saved again as Windows-1252 (a customer's `ü` made one byte)
    had been told "not JSON (str is not valid UTF-8: surrogates not allowed, at column 1)":
    Python's words, and no place (found by review)."""
    first, second, *_ = decisions.splitlines()
    changed = first.replace('"event_id":', '"x_name":"Müller","event_id":', 1)
    assert changed != first
    path = tmp_path / "decisions.jsonl"
    path.write_bytes(f"{changed}\n{second}\n".encode("cp1252"))
    result = run(["report", str(path)])
    assert result.exit_code == 1
    column = changed.index("ü") + 1
    assert result.stderr.splitlines() == [
        f"backplan: {path}:1: left out: the line is not UTF-8 text (at column {column}): it looks "
        "saved as Windows-1252 (Latin-1), where this byte is `ü`; `backplan eval` writes UTF-8: "
        "save the file as UTF-8 again",
    ]


def test_a_bad_line_is_named_and_the_rest_is_reported(decisions: str, tmp_path: Path) -> None:
    first, second, *_ = decisions.splitlines()
    pretty = run(["eval", "--pretty", EXAMPLES[0]]).stdout.splitlines()[0]
    lines = [first, "{oops", '{"id": "e1", "type": "review"}', "", pretty, second]
    path = tmp_path / "decisions.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(["report", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"backplan: {path}:2: left out: not JSON: a key was due here, written in double quotes "
        "(at column 2)",
        f"backplan: {path}:3: left out: an event, not a decision: report on what "
        "`backplan eval` writes for it",
        f"backplan: {path}:5: left out: not JSON: this is `eval --pretty` output, a checklist "
        "for people; report on what `backplan eval` writes without --pretty",
    ]
    assert result.stdout.splitlines()[1] == (
        "Read: 2 decisions; 0 error records (events eval could not decide); 3 lines neither a "
        "decision nor an error record, left out (standard error says which, and why)."
    )


def test_eval_pretty_output_is_named_once_where_it_starts(
    decisions: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file of `eval --pretty` checklists given to the report by mistake had each of its
    lines named: only its `Event` lines as what they are, the indented ones as "a word JSON
    does not know", "should be an object" or "a log's line?", some 60,000 lines of stderr
    for a month (found by an analyst's review). The checklists (with --explain's reasons and
    a rejected event's line) are named once, where they start, and the decisions after them
    are read."""
    monkeypatch.chdir(REPO)
    first, second, *_ = decisions.splitlines()
    pretty = run(["eval", "--pretty", "--explain", EXAMPLES[0], EXAMPLES[1]]).stdout
    rejected = tmp_path / "broken.jsonl"
    rejected.write_text("{oops\n", encoding="utf-8")
    refused = run(["eval", "--pretty", str(rejected)]).stdout
    assert refused.startswith(f"{rejected}:1: rejected: ")
    path = tmp_path / "checklists.txt"
    path.write_text(f"{first}\n{pretty}{refused}{second}\n", encoding="utf-8")
    last = 1 + len(pretty.splitlines()) + 1
    left = sum(bool(line.strip()) for line in f"{pretty}{refused}".splitlines())
    result = run(["report", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [_checklists_left_out(path, 2, last)]
    assert result.stdout.splitlines()[1] == (
        f"Read: 2 decisions; 0 error records (events eval could not decide); {left} lines "
        "neither a decision nor an error record, left out (standard error says which, and why)."
    )


def test_each_line_of_eval_pretty_output_is_counted_left_out(
    decisions: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checklists of `eval --pretty` are named once, but each of their lines not blank is a
    line left out, as each line of an event written over several is: a month's checklists
    had been counted one line (`unreadable_lines: 1`, "1 line neither a decision nor an
    error record") where stderr said lines 1 to 27,602 were left out (found by an operator's
    replay). A single checklist line is one."""
    monkeypatch.chdir(REPO)
    first, *_ = decisions.splitlines()
    pretty = run(["eval", "--pretty", EXAMPLES[0], EXAMPLES[1]]).stdout
    path = tmp_path / "checklists.txt"
    path.write_text(f"{pretty}{first}\n", encoding="utf-8")
    left = sum(bool(line.strip()) for line in pretty.splitlines())
    assert left > 2 and "\n\n" in pretty  # several lines, blank ones among them
    result = run(["report", "--format", "json", str(path)])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["unreadable_lines"] == left
    path.write_text(f"{first}\nEvent evt-1 (order), happened at no time\n", encoding="utf-8")
    result = run(["report", "--format", "json", str(path)])
    assert json.loads(result.stdout)["unreadable_lines"] == 1


def test_each_run_of_eval_pretty_output_is_named_where_it_starts_and_ends(
    decisions: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checklists between decisions, and at the input's end, are each named once, with their
    own lines; an indented line that follows no checklist is named as before, alone."""
    monkeypatch.chdir(REPO)
    first, second, *_ = decisions.splitlines()
    one, two = (run(["eval", "--pretty", example]).stdout for example in EXAMPLES[:2])
    path = tmp_path / "checklists.txt"
    path.write_text(f"{first}\n oops\n{one}{second}\n{two}", encoding="utf-8")
    after_one = 3 + len(one.splitlines())  # the line of the second decision
    last = after_one + len(two.rstrip("\n").splitlines())
    result = run(["report", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"backplan: {path}:2: left out: not JSON: a word JSON does not know, where a value was "
        "due (at column 2)",
        _checklists_left_out(path, 3, after_one - 2),
        _checklists_left_out(path, after_one + 1, last),
    ]
    assert result.stdout.splitlines()[1].startswith("Read: 2 decisions; 0 error records")


def test_decisions_joined_on_a_cut_checklist_are_read(
    decisions: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cat cut.txt decisions.jsonl`, checklists cut short, then decisions: the first decision,
    joined on the cut line, is read, whether the cut is in an `Event` line or a line under it.
    Read past as a checklist's line, it had been lost (found by review)."""
    monkeypatch.chdir(REPO)
    first, second, *_ = decisions.splitlines()
    checklist = run(["eval", "--pretty", EXAMPLES[0]]).stdout.splitlines()
    for cut in (checklist[0][:20], "\n".join([*checklist[:3], checklist[3][:12]])):
        path = tmp_path / "cut.txt"
        path.write_text(f"{cut}{first}\n{second}\n", encoding="utf-8")
        result = run(["report", str(path)])
        assert result.exit_code == 1
        assert result.stdout.splitlines()[1].startswith("Read: 2 decisions; 0 error records")
        column = len(cut.splitlines()[-1]) + 1
        assert f"another starts at column {column}, joined to it" in result.stderr.splitlines()[-1]


def test_rejected_lines_joined_by_carriage_returns_are_told_in_time(tmp_path: Path) -> None:
    """`eval --pretty`'s lines of events it could not decide, their line ends carriage returns
    alone (one line, then, to a reader of lines), cut short: the pattern that knew such a
    line had backtracked over each of them, 30,000 in 1.7 MB for minutes (found by review).
    Told in milliseconds, whole or cut."""
    rejected = "ev.jsonl:27: rejected: the event has no `id` (the complaint's own id, text or a whole number, which its decision repeats) [missing-id]\r"
    path = tmp_path / "rejected.txt"
    path.write_text(rejected * 30_000 + "ev.jsonl:28: rej\n", encoding="utf-8", newline="")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "engine", "report", str(path)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
            timeout=HANG_GUARD_SECONDS,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {HANG_GUARD_SECONDS} s: it backtracks")
    assert done.returncode == 1
    assert done.stderr.startswith(f"backplan: {path}:1: left out: not JSON: ")
    assert done.stdout.splitlines()[1].startswith("Read: 0 decisions; 0 error records")
    assert "; 1 line neither a decision nor an error record" in done.stdout
    path.write_bytes(path.read_bytes().replace(b"rej\n", b"rejected: why [code]\n"))
    result = run(["report", str(path)])
    assert result.stderr == (
        f"backplan: {path}:1: left out: not JSON: this is `eval --pretty` output, a checklist "
        "for people; report on what `backplan eval` writes without --pretty\n"
    )


def _checklists_left_out(path: Path, start: int, last: int) -> str:
    """What the report says of the checklists of `eval --pretty` from line ``start`` to
    ``last``."""
    return (
        f"backplan: {path}:{start}: left out: not JSON: this line and those after it, to line "
        f"{last}, are `eval --pretty` output, checklists for people, all left out; report on "
        "what `backplan eval` writes without --pretty"
    )


def test_a_time_or_amount_edited_by_hand_is_named_in_words(decisions: str, tmp_path: Path) -> None:
    """A decision whose time was written again with its zone, or whose total with a comma
    (edited by hand, or made by another tool), had been told the format's pattern itself:
    "string should match pattern '^[0-9]{4}-[0-9]{2}-...(?!\\n)$'" (found by an analyst's
    review)."""
    first, second, *_ = (json.loads(line) for line in decisions.splitlines())
    first["occurred_at"] = "2026-11-23T10:30:00+01:00"
    assert second["compensation"] is not None  # the example has what is changed
    second["compensation"]["total"] = "24,00"
    path = tmp_path / "edited.jsonl"
    path.write_text(f"{json.dumps(first)}\n{json.dumps(second)}\n", encoding="utf-8")
    result = run(["report", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"backplan: {path}:1: left out: /occurred_at: `2026-11-23T10:30:00+01:00` is not a "
        "time in UTC as a decision writes it, such as `2026-11-23T09:30:00Z`",
        f"backplan: {path}:2: left out: /compensation/total: `24,00` is not an amount as a "
        'decision writes it, such as "24.00"',
    ]


def test_a_value_of_another_kind_edited_by_hand_is_named_in_words(
    decisions: str, tmp_path: Path
) -> None:
    """A total written as a number, `fallback: "no"`, a key no decision has and an id that is
    neither text nor a whole number had been told in pydantic's words ("input should be a
    valid string", "extra inputs are not permitted"), which say nothing to an analyst of what
    to write (found by review)."""
    first, second, *_ = (json.loads(line) for line in decisions.splitlines())
    assert second["compensation"] is not None  # the example has what is changed
    edited = [{**first, "fallback": "no"}, {**first, "event_id": True}]
    first = json.loads(json.dumps(first))  # its actions, changed below, its own
    second["compensation"]["total"] = 24.0
    first["actions"][0]["due_by"] = "tomorrow"
    path = tmp_path / "edited.jsonl"
    lines = [second, first, *edited]
    path.write_text("".join(f"{json.dumps(line)}\n" for line in lines), encoding="utf-8")
    result = run(["report", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"backplan: {path}:1: left out: /compensation/total: should be text in quotes, such as "
        '"24.00", not the number 24.0',
        f"backplan: {path}:2: left out: /actions/0/due_by: is not part of a decision: remove it",
        f'backplan: {path}:3: left out: /fallback: should be true or false, not "no"',
        f"backplan: {path}:4: left out: /event_id: should be text in quotes or a whole number, "
        "not true",
    ]


@pytest.mark.parametrize(
    ("files", "said"),
    [
        (
            {"00-plan.yaml": "backplan: 1\n"},
            "to hold the decisions to the plan in it, "
            "`backplan report --plan {folder} DECISIONS.jsonl`",
        ),
        (
            {"2026-11.jsonl": ""},
            "to report on the decisions in it, name its files: `backplan report {folder}/*.jsonl`",
        ),
        (
            {},
            "it holds no files of decisions (.jsonl) and no plan (.yaml): name the files "
            "of decisions",
        ),
    ],
)
def test_a_folder_given_as_decisions_says_what_to_give(
    tmp_path: Path, files: dict[str, str], said: str
) -> None:
    """A folder (the plan's, --plan left out, or one of eval's output files) had been told
    only click's "File 'rules' is a directory.", with no word of what to give instead (found
    by an analyst's review)."""
    folder = tmp_path / "given"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = run(["report", str(folder)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '[FILES]...': {folder} is a folder, not decisions: "
        + said.format(folder=folder)
    )


def test_a_folder_of_events_is_told_at_once_the_command_that_decides_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`backplan report examples/events` had been told to name its files, `backplan report
    examples/events/*.jsonl`, which then said they are events to decide first: two steps to
    the right command (found by review). A folder whose files open with events is told the
    one command, with each ending that holds events, as the shell's globs."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "examples" / "events", "events")
    Path("events/.draft.json").write_text("{}", encoding="utf-8")  # hidden: the glob skips it
    said = "Error: Invalid value for '[FILES]...': events is a folder, not decisions: {}"

    def told() -> str:
        result = run(["report", "events"])
        assert result.exit_code == 2
        return str(result.stderr.splitlines()[-1])

    assert told() == said.format(
        "it holds events: decide them first, "
        "`backplan eval events/*.json events/*.jsonl | backplan report -`"
    )
    every = [*sorted(str(path) for path in Path("events").glob("*.json")), "events/stream.jsonl"]
    decided = run(["eval", "--plan", str(REPO / "rules"), *every])  # as it is told: stream.jsonl
    assert decided.stdout.count('"backplan.decision/1"') > len(every)  # holds a few that are not
    Path("events/stream.jsonl").unlink()
    assert told() == said.format(
        "it holds events: decide them first, `backplan eval events/*.json | backplan report -`"
    )
    decided = run(["eval", "--plan", str(REPO / "rules"), "events/low-csat.json"]).stdout
    Path("events/2026-11.jsonl").write_text(decided, encoding="utf-8")  # decisions beside
    assert told() == said.format(
        "to report on the decisions in it, name its files: `backplan report events/*.jsonl`"
    )
    Path("events/2026-11.jsonl").unlink()
    Path("events/a.json").write_text(decided, encoding="utf-8")  # its first file: no event
    assert told() == said.format(
        "it holds no files of decisions (.jsonl) and no plan (.yaml): name the files of decisions"
    )


def test_a_folder_of_events_whose_head_ends_inside_a_letter_is_told_the_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """What a file opens with is read from its first 8 KB, which may end inside a letter
    written in two bytes (``é``): read as UTF-8 it failed, and a folder of events written by
    `jq .`, in French, had been told it holds "no files of decisions" (found by review)."""
    from engine.inputkind import HEAD_BYTES

    monkeypatch.chdir(tmp_path)
    Path("events").mkdir()
    later = {"id": "e2", "type": "review", "text": "é" * 5000}
    for text in ("ok", "okk"):  # one of them puts the head's end inside an `é`
        first = {"id": "e1", "type": "review", "text": text}
        written = "\n".join(json.dumps(e, indent=2, ensure_ascii=False) for e in (first, later))
        if len(written.encode()[:HEAD_BYTES].decode("utf-8", "ignore").encode()) < HEAD_BYTES:
            break
    else:
        pytest.fail("no head ends inside a letter")
    Path("events/a.json").write_text(written + "\n", encoding="utf-8")
    result = run(["report", "events"])
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '[FILES]...': events is a folder, not decisions: it holds "
        "events: decide them first, `backplan eval events/*.json | backplan report -`"
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_folder_of_events_saved_as_utf16_is_told_the_command_that_decides_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, encoding: str
) -> None:
    """Windows PowerShell's ``ConvertTo-Json > a.json`` writes an event over several lines in
    UTF-16, which eval decides; the folder given to report had been told it holds "no files
    of decisions", as its files' starts were read as UTF-8 (found by review)."""
    monkeypatch.chdir(tmp_path)
    Path("events").mkdir()
    event = {"id": "e1", "type": "review", "rating": 1}
    Path("events/a.json").write_bytes(json.dumps(event, indent=4).encode(encoding))
    Path("events/b.json").write_bytes(json.dumps(event).encode(encoding))
    decided = run(["eval", "events/a.json", "events/b.json"])
    assert decided.stdout.count('"backplan.decision/1"') == 2  # as the note is to say
    result = run(["report", "events"])
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '[FILES]...': events is a folder, not decisions: it holds "
        "events: decide them first, `backplan eval events/*.json | backplan report -`"
    )


def test_a_path_that_starts_with_a_dash_is_written_so_no_command_takes_it_for_an_option(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The commands told for a folder named `-x`, or its files, had named them as they are:
    `backplan eval -x/*.json`, which eval refuses ("No such option '-x'") (found by
    review). They are written `./-x/...`, and run as written."""
    monkeypatch.chdir(tmp_path)
    Path("-x").mkdir()
    for name in ("billing-error.json", "low-csat.json"):
        shutil.copy(REPO / "examples" / "events" / name, "-x")
    decide = "`backplan eval ./-x/*.json | backplan report -`"
    assert run(["report", "--", "-x"]).stderr.splitlines()[-1].endswith(f"first, {decide}")
    told = run(["report", "--", "-x/billing-error.json", "-x/low-csat.json"]).stderr
    assert told.splitlines()[-1].endswith(f"first, {decide}")
    told = run(["report", "--", "-x/low-csat.json"]).stderr
    assert "decide it first, `backplan eval ./-x/low-csat.json | backplan report -`" in told
    assert "`jq -c . ./-x/low-csat.json > events.jsonl`" in told
    told = run(["eval", "--", "-x"]).stderr
    assert told.splitlines()[-1].endswith("name its files: `backplan eval ./-x/*.json`")
    assert run(["eval", "--plan", str(REPO / "rules"), "./-x/low-csat.json"]).exit_code == 0


def test_a_folder_of_hidden_decision_files_is_told_them_by_name(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A folder whose files of decisions are hidden (``.2026-11.jsonl``) had been told
    `backplan report given/*.jsonl`, which the shell passes as it is (its ``*`` leaves hidden
    files out): "File 'given/*.jsonl' does not exist". Its files are named; beside events,
    which its glob names, the events are told (found by review)."""
    monkeypatch.chdir(tmp_path)
    Path("given").mkdir()
    event = REPO / "examples" / "events" / "low-csat.json"
    decided = run(["eval", "--plan", str(REPO / "rules"), str(event)]).stdout
    Path("given/.2026-11.jsonl").write_text(decided, encoding="utf-8")
    Path("given/.2026 12.jsonl").write_text(decided, encoding="utf-8")
    said = "Error: Invalid value for '[FILES]...': given is a folder, not decisions: {}"
    refused = run(["report", "given"])
    assert refused.exit_code == 2
    assert refused.stderr.splitlines()[-1] == said.format(
        "to report on the decisions in it, name its files: "
        "`backplan report 'given/.2026 12.jsonl' given/.2026-11.jsonl`"
    )
    assert run(["report", "given/.2026 12.jsonl", "given/.2026-11.jsonl"]).exit_code == 0
    shutil.copy(event, "given/low-csat.json")
    assert run(["report", "given"]).stderr.splitlines()[-1] == said.format(
        "it holds events: decide them first, `backplan eval given/*.json | backplan report -`"
    )


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ('{"id": "a", "type": "review"}\n{"id": "b"', True),
        ('\ufeff\n\n  {"id": "a", "type": "review"}\n', True),
        ('[{"id": "a", "type": "review"}, {"id": "b", "type": "order"}]', True),
        (json.dumps({"id": "a", "type": "review", "text": "x"}, indent=2) + "\n{\n", True),
        (json.dumps({"id": "a", "type": "review", "text": "x" * 9000}, indent=2), False),
        ('{"id": "a", "type": "review", "format": "x"}', False),
        ('{"id": "a", "type": "review", "format": "x"}\n{"id": "b", "type": "review"}', False),
        ('{"id": "a"}', False),
        ("[]", False),
        ('[{"id": "a", "type": "review"}, 1]', False),
        ("", False),
        ("id,type\n", False),
    ],
)
def test_a_file_holds_events_by_its_first_line_or_document(
    tmp_path: Path, text: str, events: bool
) -> None:
    """A folder's files are told to hold events by their first line, else their first
    document (as `jq .` writes one), read within 8 KiB: an event has an id and a type, and
    no format; a document longer is not told."""
    from engine.inputkind import holds_events

    (tmp_path / "a.json").write_text(text, encoding="utf-8")
    assert holds_events(str(tmp_path / "a.json")) is events
    assert holds_events(str(tmp_path / "gone.json")) is False


def test_a_folder_of_plan_tests_and_events_says_to_decide_the_events(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`backplan report examples` (the folder `init` writes: `plan-tests.yaml` and `events/`)
    was told it holds "no plan (.yaml)", true but read as a contradiction beside its
    plan-tests.yaml, and not what to do (found by review). It is told what it holds and the
    command that decides its events for the report, as `backplan eval examples` is told
    their files; events one a line (`.jsonl`) are named so, both endings when both hold events
    (`init` writes `stream.jsonl` beside the `.json` files), and a name with a space quoted.
    A folder of plan tests alone had been told it holds "no plan (.yaml)": it is told its
    plan tests (found by review)."""
    monkeypatch.chdir(tmp_path)
    assert run(["init", "."]).exit_code == 0
    said = "Error: Invalid value for '[FILES]...': {} is a folder, not decisions: {}"
    result = run(["report", "examples"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == said.format(
        "examples",
        "it holds plan tests, and events in examples/events: decide them first, "
        "`backplan eval examples/events/*.json examples/events/*.jsonl | backplan report -`",
    )
    mine = tmp_path / "my tests"
    (mine / "in").mkdir(parents=True)
    shutil.copy(tmp_path / "examples" / "plan-tests.yaml", mine / "cases.yaml")
    (mine / "in" / "week.jsonl").write_text('{"id": "a", "type": "review"}\n')
    assert run(["report", "my tests"]).stderr.splitlines()[-1] == said.format(
        "my tests",
        "it holds plan tests, and events in 'my tests/in': decide them first, "
        "`backplan eval 'my tests/in'/*.jsonl | backplan report -`",
    )
    shutil.rmtree(mine / "in")
    assert run(["report", "my tests"]).stderr.splitlines()[-1] == said.format(
        "my tests",
        "it holds plan tests (cases.yaml), no files of decisions (.jsonl) and no plan: name the "
        "files of decisions",
    )


@pytest.mark.parametrize("where", ["the last line", "in a text", "after a comma"])
def test_a_decision_cut_short_is_named_so(decisions: str, tmp_path: Path, where: str) -> None:
    """The last line of a file copied in part, or of an eval stopped as it wrote, had been
    "not JSON (unexpected end of data, at column 701)" (found by review). A line cut short
    with whole ones after it keeps its line end: cut after a comma, it had been told cut at
    "column 1"; cut inside a text (most of a decision's line), as "a text holds the control
    character U+000A" (found by a supervisor's review)."""
    first, second, third, *_ = decisions.splitlines()
    cut = {
        "the last line": 700,
        "in a text": second.index('"due":"') + 9,
        "after a comma": second.index(",", 300) + 1,
    }[where]
    after = "" if where == "the last line" else f"\n{third}\n"
    path = tmp_path / "decisions.jsonl"
    path.write_text(first + "\n" + second[:cut] + after, encoding="utf-8")
    result = run(["report", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"backplan: {path}:2: left out: not JSON: the line ends at column {cut + 1}, before "
        "its decision does: it was cut short (a file copied in part, or `backplan eval` "
        "stopped as it wrote)\n"
    )
    decided = "1 decision, at " if where == "the last line" else "2 decisions, from "
    assert result.stdout.startswith(f"Backplan report: {decided}")


@pytest.mark.parametrize("last", [False, True], ids=["lines after it", "the last line"])
@pytest.mark.parametrize(
    "cut",
    [
        '{"format": "backplan.decision/1", "note": "Say \\',  # an escape's backslash
        '{"format": "backplan.decision/1", "note": "caf\\u00',  # inside `\u00e9`
        '{"format": "backplan.decision/1", "fallback": fals',  # inside `false`
        '{"format": "backplan.decision/1", "note": "Merci\u00a0',  # a no-break space
    ],
    ids=["escape", "unicode escape", "false", "no-break space"],
)
def test_a_line_cut_anywhere_is_told_cut_at_its_end(decisions: str, cut: str, last: bool) -> None:
    """A line cut after an escape's backslash or inside `false`, with lines after it, had been
    told "a backslash in a text starts no escape JSON knows" or "a word JSON does not know",
    as the last line of a file is not; one cut after a no-break space in a text (French
    typography), told cut a column early, the last line too (found by review)."""
    text = decisions + cut if last else cut + "\n" + decisions
    result = run(["report", "-"], text)
    number = len(decisions.splitlines()) + 1 if last else 1
    assert result.stderr == (
        f"backplan: <stdin>:{number}: left out: not JSON: the line ends at column "
        f"{len(cut) + 1}, before its decision does: it was cut short (a file copied in part, "
        "or `backplan eval` stopped as it wrote)\n"
    )


def test_a_line_holding_a_short_unicode_escape_is_told_so(decisions: str) -> None:
    """`\\u` with too few hex digits had been told "a backslash in a text starts no escape
    JSON knows", though `\\u` is one (found by review)."""
    line = '{"format": "backplan.decision/1", "note": "\\u12"}'
    result = run(["report", "-"], line + "\n" + decisions)
    assert result.stderr == (
        "backplan: <stdin>:1: left out: not JSON: a `\\u` escape in a text without its 4 hex "
        "digits (at column 44)\n"
    )


def test_a_value_then_a_form_feed_is_no_line_cut_short(decisions: str) -> None:
    """Read again without its line end and blanks, `2` then a form feed (a blank to Python,
    not to JSON) is whole: it is told as a value followed by more, not as cut short."""
    result = run(["report", "-"], "2\x0c\n" + decisions)
    assert result.stderr == (
        "backplan: <stdin>:1: left out: not JSON: the line starts with a value that is no "
        "decision, and goes on at column 2 (a log's line?); report on what `backplan eval` "
        "writes\n"
    )


def test_a_line_end_inside_a_text_is_no_cut_when_the_line_goes_on(decisions: str) -> None:
    """A tab in a text, with the line going on after it, is that tab, not a line cut short
    (found by mutation testing)."""
    line = '{"format": "backplan.decision/1", "note": "a\tb"}\n'
    result = run(["report", "-"], line + decisions)
    assert (
        result.stderr
        == "backplan: <stdin>:1: left out: not JSON: a text holds a tab (at column 45)\n"
    )


def test_a_line_of_another_tool_is_named_in_words(decisions: str) -> None:
    """A JSON object that is no decision had been told "/format: missing, where a decision
    has…", a field's problem in a programmer's words (found by review)."""
    result = run(["report", "-"], '{"level": "info", "msg": "started"}\n' + decisions)
    assert result.exit_code == 1
    assert result.stderr == (
        "backplan: <stdin>:1: left out: not a decision `backplan eval` wrote: it has no "
        "`format`, where a decision's is `backplan.decision/1` and an error record's "
        "`backplan.error/1`\n"
    )


def report_from(path: Path, source: str) -> tuple[Any, str, str]:
    """`backplan report` of the file at ``path``, given by name (``file``) or on standard input
    (``-``); with the input as the messages show it and as their commands name it."""
    if source == "-":
        return run(["report", "-"], path.read_text(encoding="utf-8")), "<stdin>", "FILE"
    return run(["report", str(path)]), str(path), str(path)


def hint_followed(path: Path) -> str:
    """The report of the file at ``path`` written as the command its message gives writes it
    (the last `jq` command told), which must read every line of it."""
    told = run(["report", str(path)]).stderr
    command = told[told.rindex("`jq ") + 1 : told.rindex(" | backplan report -`")]
    written = subprocess.run(command, shell=True, capture_output=True, text=True, check=True)
    result = run(["report", "-"], written.stdout)
    assert (result.exit_code, result.stderr) == (0, "")
    return str(result.stdout)


@pytest.mark.parametrize("source", ["file", "-"])
def test_a_json_array_of_decisions_on_one_line_is_told_how_to_read_it(
    decisions: str, tmp_path: Path, source: str
) -> None:
    """It had been told "should be an object, a decision as `backplan eval` writes", with no
    word of what to do (found by review)."""
    first, second, third, *_ = decisions.splitlines()
    array = tmp_path / "array.json"
    array.write_text(f"[{first},{second}]\n{third}\n[1, 2]\n", encoding="utf-8")
    result, shown, named = report_from(array, source)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"backplan: {shown}:1: left out: a JSON array of 2 objects on one line, not one "
        "decision a line, and none of it is read: write it one a line on the way in, "
        f"""`jq -c 'if type == "array" then .[] else . end' {named} | backplan report -`""",
        f"backplan: {shown}:3: left out: should be an object, a decision as `backplan eval` writes",
    ]
    assert result.stdout.startswith("Backplan report: 1 decision, at ")


def test_an_array_on_one_line_not_all_objects_is_told_as_no_decision(
    decisions: str, tmp_path: Path
) -> None:
    """Only an array of objects, each of them, is told to be written one a line: one whose
    first item is a number is no decision, as any other JSON is (found by mutation testing)."""
    first, second, *_ = decisions.splitlines()
    array = tmp_path / "array.json"
    array.write_text(f"{first}\n[2,{second}]\n", encoding="utf-8")
    result = run(["report", str(array)])
    assert result.stderr.splitlines() == [
        f"backplan: {array}:2: left out: should be an object, a decision as `backplan eval` writes"
    ]


@pytest.mark.skipif(shutil.which("jq") is None, reason="the hint's command needs jq")
def test_the_command_an_array_on_one_line_is_told_reads_every_line(
    decisions: str, tmp_path: Path
) -> None:
    """Followed, the hint reads the array's decisions and the file's other lines alike: its
    `jq -c '.[]'` wrote the values of the decision on the next line one a line (9 lines told
    as no decision, that decision lost), and the next array was told to be given to jq again
    (found by review)."""
    first, second, third, *_ = decisions.splitlines()
    array = tmp_path / "array.json"
    array.write_text(f"[{first},{second}]\n{third}\n", encoding="utf-8")
    assert hint_followed(array).startswith("Backplan report: 3 decisions, ")


def test_a_decision_cut_short_with_another_after_it_is_named_so(
    decisions: str, tmp_path: Path
) -> None:
    """`cat cut.jsonl more.jsonl`: the cut line and the next file's first line are one line,
    which had been told "not JSON (unexpected character, expected ',' or '}', at column
    703)" (found by review). Cut in a `false` the reading stops before the second starts; cut
    after a `:` it reads the second as a value and stops at the line's end: the column is
    the second's all the same."""
    lines = decisions.splitlines()
    first = lines[0]
    cuts = [702, first.index('"needs_approval":') + len('"needs_approval":f')]
    cuts.append(first.index('"actions":') + len('"actions":'))
    for cut in cuts:
        path = tmp_path / "joined.jsonl"
        path.write_text(first[:cut] + "\n".join(lines[1:4]) + "\n", encoding="utf-8")
        result = run(["report", str(path)])
        assert result.exit_code == 1
        assert result.stderr == (
            f"backplan: {path}:1: left out: not JSON: the decision on this line was cut short, "
            f"and another starts at column {cut + 1}, joined to it (a file cut short, then "
            "another after it, as `cat` joins them): the first is left out, the second read\n"
        )  # (the second, whole, had been left out with the first; found by review)
        assert result.stdout.startswith("Backplan report: 3 decisions, ")
    path.write_text(first + "\n".join(lines[1:4]) + "\n", encoding="utf-8")  # no line end
    joined = run(["report", str(path)])  # two whole decisions: both read (found by review)
    assert joined.stderr == f"backplan: {path}:1: {JOINED_READ}\n"
    assert joined.exit_code == 0 and joined.stdout.startswith("Backplan report: 4 decisions, ")


def test_text_between_two_whole_decisions_is_named_and_both_read(
    decisions: str, tmp_path: Path
) -> None:
    """Two whole decisions with text between them on one line: both are read, the text
    named where it starts, on standard error only. The first had been told cut short and
    left out, 3 decisions read of 4 (found by review)."""
    lines = decisions.splitlines()
    path = tmp_path / "between.jsonl"
    path.write_text(lines[0] + "garbage" + "\n".join(lines[1:4]) + "\n", encoding="utf-8")
    result = run(["report", str(path)])
    assert result.stderr == (
        f"backplan: {path}:1: two of eval's lines are on this one, with `garbage` between "
        f"them at column {len(lines[0]) + 1} (text pasted or written between them? "
        "`backplan eval` writes one a line, nothing between): both are read, the text "
        "between is left out\n"
    )
    assert result.exit_code == 0 and result.stdout.startswith("Backplan report: 4 decisions, ")


def test_a_decision_cut_short_with_an_error_record_after_it_is_named_so(
    decisions: str, tmp_path: Path
) -> None:
    """eval writes an error record among its decisions for an event it cannot decide: a file
    cut short with one after it had been told "not JSON (unexpected character, expected ','
    or '}', at column 503)", and a whole decision with one after it "(unexpected content
    after document, …)" (found by review)."""
    first, second, *_ = decisions.splitlines()
    record = run(["eval", "-"], '{"id": "x"}\n').stdout.strip()
    path = tmp_path / "joined.jsonl"
    path.write_text(first[:500] + record + "\n" + second + "\n", encoding="utf-8")
    cut = run(["report", str(path)])
    assert cut.stderr == (
        f"backplan: {path}:1: left out: not JSON: the decision on this line was cut short, and "
        "an error record starts at column 501, joined to it (a file cut short, then another "
        "after it, as `cat` joins them): the first is left out, the second read\n"
    )
    assert "; 1 error record (events eval could not decide" in cut.stdout
    path.write_text(record + first + "\n", encoding="utf-8")
    joined = run(["report", str(path)])  # a whole error record and a whole decision: both read
    assert joined.stderr == f"backplan: {path}:1: {JOINED_READ}\n"
    assert joined.stdout.startswith("Backplan report: 1 decision, ")
    assert "; 1 error record (events eval could not decide" in joined.stdout


def test_two_joined_lines_of_eval_both_left_out_are_named_so(
    decisions: str, tmp_path: Path
) -> None:
    """When both of two joined lines are cut short, or the line is not UTF-8, neither is
    read: the line says which came first, whole or cut, and how to read them apart."""
    first, second, third, *_ = decisions.splitlines()
    path = tmp_path / "joined.jsonl"
    separately = "give the files to report one by one, `backplan report FILE1 FILE2`"
    path.write_text(first[:500] + second[:400] + "\n" + third + "\n", encoding="utf-8")
    cut = run(["report", str(path)])
    assert cut.exit_code == 1
    assert cut.stderr == (
        f"backplan: {path}:1: left out: not JSON: the decision on this line was cut short, and "
        "another starts at column 501, joined to it (a file cut short, then another after "
        f"it, as `cat` joins them); both are left out, the second lost with the first: "
        f"{separately}, to read the second\n"
    )
    assert cut.stdout.startswith("Backplan report: 1 decision, ")
    at = second.index('"message":"') + len('"message":"')  # a byte no UTF-8 text holds
    path.write_bytes(
        f"{first}{second[:at]}".encode() + b"\xff" + f"{second[at:]}\n{third}\n".encode()
    )
    whole = run(["report", str(path)])
    assert whole.exit_code == 1
    assert whole.stderr == (
        f"backplan: {path}:1: left out: not JSON: another decision starts at column "
        f"{len(first) + 1}, right after a whole one: the line end between them was lost (a "
        "file whose last line has none, then another after it, as `cat` joins them); the "
        f"line is not UTF-8: both are left out: {separately}\n"
    )
    assert whole.stdout.startswith("Backplan report: 1 decision, ")


def report_json(text: str) -> dict[str, Any]:
    """The JSON report of ``text``, a file's lines."""
    document: dict[str, Any] = json.loads(run(["report", "--format", "json", "-"], text).stdout)
    return document


@pytest.mark.parametrize(
    ("whole_one", "cut_one", "kinds"),
    [
        ("decision", "decision", "another decision starts at column {at}, right after a whole one"),
        (
            "record",
            "decision",
            "a decision starts at column {at}, right after a whole error record",
        ),
        (
            "decision",
            "record",
            "an error record starts at column {at}, right after a whole decision",
        ),
    ],
)
def test_a_whole_line_with_one_cut_short_joined_to_it_is_read(
    decisions: str, tmp_path: Path, whole_one: str, cut_one: str, kinds: str
) -> None:
    """`cat whole.jsonl cut.jsonl`, the first file's last line without its line end and the
    second cut short: the whole one is read, counted as if the cut one were on its own line
    and left out alone. Both had been left out, "both are left out: give the files to report
    one by one", and a whole decision (or error record) lost (found by review)."""
    first, second, third, *_ = decisions.splitlines()
    record = run(["eval", "-"], '{"id": "x"}\n').stdout.strip()
    whole = first if whole_one == "decision" else record
    cut = second[:400] if cut_one == "decision" else record[:60]
    path = tmp_path / "joined.jsonl"
    path.write_text(whole + cut + "\n" + third + "\n", encoding="utf-8")
    result = run(["report", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"backplan: {path}:1: left out: not JSON: {kinds.format(at=len(whole) + 1)}: the line "
        "end between them was lost (a file whose last line has none, then another after it, "
        "as `cat` joins them), and the second was cut short: the first is read, the second "
        "left out\n"
    )
    apart = report_json(f"{whole}\n{third}\n")
    assert report_json(path.read_text(encoding="utf-8")) == apart | {"unreadable_lines": 1}
    assert apart["decisions"] + apart["error_records"] == 2


@pytest.mark.parametrize("begun", ['{"act', "{", '{"format":"backplan.err'])
def test_a_whole_line_with_one_cut_in_its_start_joined_to_it_is_read(
    decisions: str, tmp_path: Path, begun: str
) -> None:
    """A second line cut short before its start is whole (a file cut right after it began)
    is found all the same, where it starts, and the whole one before it read: both had been
    left out, "not JSON (unexpected content after document, at column 1913)" (found by
    review)."""
    first, second, *_ = decisions.splitlines()
    path = tmp_path / "joined.jsonl"
    path.write_text(first + begun + "\n" + second + "\n", encoding="utf-8")
    result = run(["report", str(path)])
    kind = "an error record" if "err" in begun else "another decision"
    assert result.stderr.startswith(
        f"backplan: {path}:1: left out: not JSON: {kind} starts at column {len(first) + 1}, "
    )
    assert result.stderr.endswith("the first is read, the second left out\n")
    assert result.stdout.startswith("Backplan report: 2 decisions, ")


_ARRAY_WRITTEN = "a JSON array's comma or bracket, the array written by hand?"
_PASTED = "text pasted or written after it?"


@pytest.mark.parametrize(
    ("after", "shown", "why"),
    [
        (",", ",", _ARRAY_WRITTEN),
        ("]", "]", _ARRAY_WRITTEN),
        ("  garbage", "garbage", _PASTED),
        ("{}", "{}", _PASTED),
        ("\x1b[2J" + "x" * 60, "\\x1b[2J" + "x" * 35 + "…", _PASTED),
    ],
)
def test_a_whole_decision_followed_by_what_is_none_is_read(
    decisions: str, tmp_path: Path, after: str, shown: str, why: str
) -> None:
    """A line holding a whole decision, then what is no other (an array's `,` or `]` written
    by hand, text pasted after it): the decision is read and counted, the line not left out,
    and what follows it is quoted short and safe to print. Its decision had been lost, the
    line told "not JSON (unexpected content after document, at column 1913)" (found by a
    second review)."""
    first, second, *_ = decisions.splitlines()
    path = tmp_path / "after.jsonl"
    path.write_text(first + after + "\n" + second + "\n", encoding="utf-8")
    result = run(["report", str(path)])
    column = len(first) + 1 + len(after) - len(after.lstrip())
    assert result.stderr == (
        f"backplan: {path}:1: the decision on this line is read; what follows it at column "
        f"{column} is not another decision, and is not read: `{shown}` ({why} `backplan "
        "eval` writes one decision a line, nothing after it)\n"
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("Backplan report: 2 decisions, ")
    assert "\nRead: 2 decisions; 0 error records (events eval could not decide).\n" in (
        result.stdout
    )


def test_an_error_record_followed_by_a_comma_is_read(decisions: str, tmp_path: Path) -> None:
    """An error record is read as a decision is, and named as what it is."""
    record = run(["eval", "-"], '{"id": "x"}\n').stdout.strip()
    path = tmp_path / "after.jsonl"
    path.write_text(f"{record},\n", encoding="utf-8")
    result = run(["report", str(path)])
    assert result.stderr.startswith(
        f"backplan: {path}:1: the error record on this line is read; what follows it at "
        f"column {len(record) + 1} is not another error record, and is not read: `,` "
    )
    assert (result.exit_code, report_json(f"{record},\n")["error_records"]) == (0, 1)


def test_an_object_no_decision_followed_by_text_is_left_out_alone(tmp_path: Path) -> None:
    """JSON that is no decision, then text: the line is left out, and what follows is not
    told as following a decision read (a mutant taking every document as read, the refused
    too, told both, reportlines:70)."""
    path = tmp_path / "after.jsonl"
    path.write_text('{"event_id": "x"} garbage\n', encoding="utf-8")
    result = run(["report", str(path)])
    assert result.stderr == (
        f"backplan: {path}:1: left out: not a decision `backplan eval` wrote: it has no "
        "`format`, where a decision's is `backplan.decision/1` and an error record's "
        "`backplan.error/1`\n"
    )
    assert result.exit_code == 1


def test_a_log_line_of_a_number_then_words_is_still_no_json(tmp_path: Path) -> None:
    """Only an object is read before what follows it: a line that opens with a number (a
    log's date) is no decision, and told as no JSON, as it was; in plain words, where it had
    been orjson's "unexpected content after document" (found by review)."""
    path = tmp_path / "log.txt"
    path.write_text("2026-12-01 10:00 started\n", encoding="utf-8")
    result = run(["report", str(path)])
    assert result.stderr == (
        f"backplan: {path}:1: left out: not JSON: the line starts with a value that is no "
        "decision, and goes on at column 5 (a log's line?); report on what `backplan eval` "
        "writes\n"
    )
    assert result.exit_code == 1


def test_a_line_cut_short_in_a_brace_is_no_line_joined(decisions: str, tmp_path: Path) -> None:
    """A decision cut right after a `{` of its own is cut short, not joined to one cut in its
    start: only after a whole line is a `{` taken for another's start."""
    first = decisions.splitlines()[0]
    cut = first.index('"params":{') + len('"params":{')
    path = tmp_path / "cut.jsonl"
    path.write_text(first[:cut] + "\n", encoding="utf-8")
    told = run(["report", str(path)]).stderr
    assert told.startswith(f"backplan: {path}:1: left out: not JSON: the line ends at column ")
    assert told.endswith(
        ", before its decision does: it was cut short (a file copied in part, "
        "or `backplan eval` stopped as it wrote)\n"
    )


JOINED_READ = (
    "two of eval's lines are on this one, the line end between them lost (a file whose last "
    "line has none, then another after it, as `cat` joins them): both are read"
)


def test_a_line_of_two_joined_that_is_no_decision_is_left_out_alone(
    decisions: str, tmp_path: Path
) -> None:
    """Of two whole lines joined, one that is no decision (another tool's object) is left out
    with its reason; the decision beside it is read."""
    first = decisions.splitlines()[0]
    path = tmp_path / "joined.jsonl"
    path.write_text(first + '{"format":"backplan.decision/1","x":1}\n', encoding="utf-8")
    result = run(["report", str(path)])
    assert result.stderr.startswith(
        f"backplan: {path}:1: {JOINED_READ}\nbackplan: {path}:1: left out"
    )
    assert result.stdout.startswith("Backplan report: 1 decision, ")


def test_two_joined_objects_of_no_format_of_eval_s_are_not_called_eval_s_lines(
    tmp_path: Path,
) -> None:
    """Look-alikes (objects starting as eval's lines do, without their keys) had been told
    "two of eval's lines are on this one" before each was told not to be a decision."""
    path = tmp_path / "joined.jsonl"
    path.write_text('{"actions":[1]}{"actions":[2]}\n', encoding="utf-8")
    result = run(["report", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"backplan: {path}:1: two JSON objects are on this one, the line end between them "
        "lost (a file whose last line has none, then another after it, as `cat` joins them): "
        f"both are read\nbackplan: {path}:1: left out: not a decision `backplan eval` wrote"
    )


SEVERAL = (
    "of eval's lines are on this one, the line ends between them lost (a file whose last line "
    "has none, then another after it, as `cat` joins them)"
)


def test_three_whole_lines_of_eval_joined_are_all_read(decisions: str, tmp_path: Path) -> None:
    """`cat` of files whose last lines have no line end, three on one line: the first two had
    been taken for one decision cut short, "the first is left out, the second read", and two
    whole decisions lost (found by review)."""
    lines = decisions.splitlines()
    path = tmp_path / "joined.jsonl"
    path.write_text("".join(lines[:3]) + "\n" + "\n".join(lines[3:6]) + "\n", encoding="utf-8")
    result = run(["report", str(path)])
    assert result.stderr == f"backplan: {path}:1: three {SEVERAL}: all are read\n"
    assert result.exit_code == 0 and result.stdout.startswith("Backplan report: 6 decisions, ")
    four = run(["report", "--format", "json", "-"], "".join(lines[:4]) + "\n")
    assert json.loads(four.stdout) == report_json("\n".join(lines[:4]) + "\n")


@pytest.mark.parametrize(("cut", "which"), [(1, "second"), (2, "third"), (0, "first")])
def test_one_of_three_joined_cut_short_is_left_out_alone(
    decisions: str, tmp_path: Path, cut: int, which: str
) -> None:
    """Of three lines of eval's joined, one cut short (a file copied in part) is named by its
    place and column, and left out alone: the two whole ones are read, counted as if each
    were on its own line."""
    lines = decisions.splitlines()[:3]
    pieces = [line[:500] if n == cut else line for n, line in enumerate(lines)]
    column = sum(len(piece) for piece in pieces[:cut]) + 1
    path = tmp_path / "joined.jsonl"
    path.write_text("".join(pieces) + "\n", encoding="utf-8")
    result = run(["report", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"backplan: {path}:1: left out: not JSON: three {SEVERAL}; the {which}, a decision "
        f"starting at column {column}, was cut short: it is left out, the others are read\n"
    )
    whole = "\n".join(line for n, line in enumerate(lines) if n != cut) + "\n"
    assert report_json(path.read_text(encoding="utf-8")) == report_json(whole) | {
        "unreadable_lines": 1
    }


def test_each_line_of_eval_cut_short_among_several_joined_is_named(
    decisions: str, tmp_path: Path
) -> None:
    """Two cut short among five joined: each is told once, where it starts, with which of
    the others are read; a line cut before its start text is whole (`{"act`) is one of
    them."""
    first, second, third, fourth, *_ = decisions.splitlines()
    path = tmp_path / "joined.jsonl"
    path.write_text(first + second[:300] + third + '{"act' + fourth + "\n", encoding="utf-8")
    result = run(["report", str(path)])
    at = [len(first) + 1, len(first) + 300 + len(third) + 1]
    assert result.stderr.splitlines() == [
        f"backplan: {path}:1: left out: not JSON: five {SEVERAL}; the {which}, a decision "
        f"starting at column {column}, was cut short: it is left out, the first, third and "
        "fifth are read"
        for which, column in zip(("second", "fourth"), at, strict=True)
    ]
    assert result.stdout.startswith("Backplan report: 3 decisions, ")


def test_several_files_make_one_report(decisions: str, tmp_path: Path) -> None:
    lines = decisions.splitlines(keepends=True)
    (tmp_path / "a.jsonl").write_text("".join(lines[:10]), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("".join(lines[10:]), encoding="utf-8")
    apart = run(["report", str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")])
    together = run(["report", "-"], decisions)
    assert apart.exit_code == 0 and apart.stdout == together.stdout


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run(["report", str(tmp_path / "gone.jsonl")])
    assert result.exit_code == 2
    assert f"'{tmp_path / 'gone.jsonl'}' does not exist" in result.stderr


def test_a_file_that_fails_as_it_is_read_is_named_and_the_others_reported(
    decisions: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that failed under one file after its first decision (EIO, a network share gone
    stale) stopped the whole report, though a file that cannot be opened leaves the others
    reported, as eval decides them (found by review)."""
    first, second, third, *_ = decisions.splitlines(keepends=True)
    paths = [tmp_path / f"{name}.jsonl" for name in ("first", "failing", "last")]
    for path, line in zip(paths, (first, "", third), strict=True):
        path.write_text(line, encoding="utf-8")
    real_open = Path.open

    def opening(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == paths[1]:
            return io.BufferedReader(FailingDisk(second.encode()), 8)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", opening)
    result = run(["report", *map(str, paths)])
    assert result.stderr == f"backplan: {paths[1]}: cannot read it: Input/output error\n"
    assert result.stdout.splitlines()[1] == (
        "Read: 3 decisions; 0 error records (events eval could not decide)."
    )
    assert result.exit_code == 2


def test_a_plan_file_given_as_decisions_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = run(["report", "rules/00-plan.yaml"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "backplan: rules/00-plan.yaml is a plan file (YAML), not decisions, so nothing was "
        "reported: to use it, `backplan report --plan rules/00-plan.yaml DECISIONS.jsonl`\n"
    )


@pytest.mark.parametrize(
    ("file", "what", "use"),
    [
        (
            "rules/00-plan.yaml",
            "a plan file (YAML)",
            "to use it, `backplan report --plan FILE DECISIONS.jsonl`",
        ),
        ("examples/plan-tests.yaml", "a plan-test file (YAML)", "run it with `backplan test FILE`"),
    ],
)
def test_a_plan_file_down_a_pipe_is_said_to_be_one_with_exit_2(
    file: str, what: str, use: str
) -> None:
    """`cat rules/00-plan.yaml | backplan report -` had a `left out` line per line of YAML and
    exit 1, as for a few unreadable lines, where the same file named or redirected is refused
    as a plan file, exit 2 (found by a platform engineer wiring report into a pipeline). A pipe
    is read as it comes; then it is said to be a plan. A pipe of decisions is told nothing."""
    command = [sys.executable, "-m", "engine", "report", "-"]
    piped = subprocess.run(
        command, cwd=REPO, input=(REPO / file).read_bytes(), capture_output=True, check=False
    )
    assert piped.returncode == 2
    assert piped.stderr.decode().splitlines()[-1] == (
        f"backplan: <stdin> is {what}, not decisions, so nothing was reported: {use}"
    )
    decisions = subprocess.run(
        [sys.executable, "-m", "engine", "eval", *EXAMPLES],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout
    done = subprocess.run(command, cwd=REPO, input=decisions, capture_output=True, check=False)
    assert (done.returncode, done.stderr) == (0, b"")


def test_a_decision_at_no_real_time_is_named_and_the_rest_reported(decisions: str) -> None:
    first, second, *_ = decisions.splitlines()
    impossible = json.dumps({**json.loads(first), "occurred_at": "2026-13-45T10:00:00Z"})
    result = run(["report", "-"], "\n".join([impossible, second]) + "\n")
    assert result.exit_code == 1
    assert result.stderr == (
        "backplan: <stdin>:1: left out: /occurred_at: `2026-13-45T10:00:00Z` is not a real "
        "date and time\n"
    )
    assert result.stdout.startswith("Backplan report: 1 decision, at ")


def test_a_compressed_input_is_named_once_and_the_rest_reported(
    decisions: str, tmp_path: Path
) -> None:
    first, second, *_ = decisions.splitlines(keepends=True)
    packed = tmp_path / "decisions.jsonl.gz"
    packed.write_bytes(gzip.compress(("".join([first, second]) * 200).encode(), mtime=0))
    plain = tmp_path / "plain.jsonl"
    plain.write_text(first, encoding="utf-8")
    result = run(["report", str(packed), str(plain)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"backplan: {packed}:1: left out: the input is compressed (gzip), so it holds no "
        f"decision line, and none of it is read: decompress it on the way in, `zcat {packed} "
        "| backplan report -`\n"
    )
    assert result.stdout.splitlines()[1] == (
        "Read: 1 decision; 0 error records (events eval could not decide); 1 line neither a "
        "decision nor an error record, left out (standard error says which, and why)."
    )


def test_a_compressed_pipe_without_a_newline_is_named_at_once() -> None:
    """`yes | gzip | backplan report -` had been read forever: a compressed input was told
    at its first line, and the first "line" of gzip bytes without a newline byte never
    ended. It is told from the input's first bytes."""
    counts, told = ReportCounts(), []
    count_lines(io.BufferedReader(EndlessGzip()), "<stdin>", counts, told.append)
    assert counts.unreadable == 1
    assert told == [
        "<stdin>:1: left out: the input is compressed (gzip), so it holds no decision line, "
        "and none of it is read: decompress it on the way in, `zcat FILE | backplan report -`"
    ]


def test_a_csv_export_is_named_once_and_the_rest_reported(decisions: str, tmp_path: Path) -> None:
    """Each line of a spreadsheet export had been named "not JSON (invalid literal...)"."""
    table = tmp_path / "week.csv"
    table.write_text("id,type,occurred_at\nf-1,review,2026-11-23T09:30:00Z\n", encoding="utf-8")
    result = run(["report", str(table), "-"], decisions.splitlines(keepends=True)[0])
    assert result.exit_code == 1
    assert result.stderr == (
        f"backplan: {table}:1: left out: the input looks like a spreadsheet export (CSV: "
        "values between commas), so it holds no decision line, and none of it is read: "
        "report reads the lines `backplan eval` writes\n"
    )


@pytest.mark.parametrize("piped", [False, True])
def test_decisions_under_a_line_of_column_titles_are_read(
    decisions: str, tmp_path: Path, piped: bool
) -> None:
    """A file of decisions with a header of column titles put above them had been left out
    whole as a spreadsheet export, "none of it is read": the report said 0 decisions, exit 0
    (found by a new user's trial). The header alone is left out."""
    first, second, *_ = decisions.splitlines()
    saved = tmp_path / "decisions.jsonl"
    saved.write_text(f"event_id,matched,fallback\n{first}\n{second}\n", encoding="utf-8")
    result = run(["report", "-"], saved.read_text()) if piped else run(["report", str(saved)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"backplan: {'<stdin>' if piped else saved}:1: left out: the line is a spreadsheet's "
        "column titles (a CSV header) above the decisions, not one of them; the decisions "
        "under it are read\n"
    )
    assert result.stdout.splitlines()[1] == (
        "Read: 2 decisions; 0 error records (events eval could not decide); 1 line neither a "
        "decision nor an error record, left out (standard error says which, and why)."
    )


def test_decisions_under_column_titles_and_a_blank_line_are_read(
    decisions: str, tmp_path: Path
) -> None:
    """A blank line between the column titles and the decisions under them had the whole
    file left out as a spreadsheet export, the report 0 decisions, exit 0, while eval read the
    same layout's events as events under a header line."""
    first, *_ = decisions.splitlines()
    saved = tmp_path / "decisions.jsonl"
    saved.write_text(f"event_id,matched,fallback\n\n{first}\n", encoding="utf-8")
    result = run(["report", str(saved)])
    assert result.stderr == (
        f"backplan: {saved}:1: left out: the line is a spreadsheet's column titles (a CSV "
        "header) above the decisions, not one of them; the decisions under it are read\n"
    )
    assert result.stdout.splitlines()[1].startswith("Read: 1 decision; ")


def test_column_titles_alone_are_told_a_spreadsheet_export(tmp_path: Path) -> None:
    """Column titles alone, with nothing under them, are still told a spreadsheet export."""
    saved = tmp_path / "decisions.jsonl"
    saved.write_text("event_id,matched,fallback\n", encoding="utf-8")
    result = run(["report", str(saved)])
    assert result.stderr == (
        f"backplan: {saved}:1: left out: the input looks like a spreadsheet export (CSV: "
        "values between commas), so it holds no decision line, and none of it is read: "
        "report reads the lines `backplan eval` writes\n"
    )


@pytest.mark.parametrize("piped", [False, True])
def test_decisions_saved_as_utf16_are_read(decisions: str, tmp_path: Path, piped: bool) -> None:
    """Windows PowerShell 5.1's `backplan eval ... > decisions.jsonl` writes UTF-16 with its
    mark and CRLF line ends: each line had been left out as "not JSON (str is not valid UTF-8:
    surrogates not allowed...)", and the week's report said "0 decisions" (found by review)."""
    first, second, *_ = decisions.splitlines()
    saved = tmp_path / "decisions.jsonl"
    saved.write_bytes(f"{first}\r\n{second}\r\n".encode("utf-16"))
    if piped:  # a real pipe, which cannot be read again: what is looked at is given back
        reported = subprocess.run(
            [sys.executable, "-m", "engine", "report", "-"],
            cwd=REPO,
            input=saved.read_bytes(),
            capture_output=True,
            check=False,
            timeout=HANG_GUARD_SECONDS,
        )
        code, said, out = reported.returncode, reported.stderr.decode(), reported.stdout.decode()
    else:
        result = run(["report", str(saved)])
        code, said, out = result.exit_code, result.stderr, result.stdout
    assert (code, said) == (0, "")
    assert (
        out.splitlines()[1] == "Read: 2 decisions; 0 error records (events eval could not decide)."
    )


@pytest.mark.parametrize(("indent", "program"), [(False, "."), (True, "'.[]'")])
def test_decisions_written_over_several_lines_are_named_once(
    decisions: str, tmp_path: Path, indent: bool, program: str
) -> None:
    """Decisions pretty-printed (`jq .`, `python -m json.tool`) had been named a line at a time,
    "not JSON (unexpected end of data, at column 1)", a hundred messages a decision, none of
    which said what to do (found by review)."""
    first, second, *_ = decisions.splitlines()
    documents = [json.loads(first), json.loads(second)]
    pretty = tmp_path / "pretty.json"
    written = (
        json.dumps(documents, indent=2)
        if indent
        else "\n".join(json.dumps(d, indent=2) for d in documents)
    )
    pretty.write_text("\n" + written + "\n", encoding="utf-8")
    plain = tmp_path / "plain.jsonl"
    plain.write_text(first + "\n", encoding="utf-8")
    result = run(["report", str(pretty), str(plain)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"backplan: {pretty}:2: left out: {SPREAD}; write it one a line on the way in, "
        f"`jq -c {program} {pretty} | backplan report -`\n"
    )
    assert result.stdout.startswith("Backplan report: 1 decision, at ")


SPREAD = (
    "JSON written over several lines starts here (as `jq .` writes it), not one decision a "
    "line: it is left out to where it ends, and the lines after it are read"
)
"""What JSON written over several lines is told, before the command that writes it one a line."""


@pytest.mark.parametrize("source", ["file", "-"])
def test_decisions_written_over_several_lines_after_others_are_named_once(
    decisions: str, tmp_path: Path, source: str
) -> None:
    """`cat good.jsonl pretty.json more.jsonl | backplan report -`: JSON written over several
    lines was recognised only where it opens the input; after decisions, each of its lines
    was named, "not JSON (unexpected end of data, at column 1)" (found by review). It is
    named once where it starts and read past to where it ends: the decisions after it are
    counted, and an array written one item a line counts none of its items (its last alone
    reads as a decision)."""
    first, second, third, fourth, fifth, *_ = decisions.splitlines()
    pretty = "\n".join(json.dumps(json.loads(line), indent=2) for line in (second, third))
    items = f"[\n  {second},\n  {third}\n]"
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(f"{first}\n{pretty}\n\n{fourth}\n{items}\n{fifth}\n", encoding="utf-8")
    result, shown, named = report_from(mixed, source)
    array_at = mixed.read_text(encoding="utf-8").splitlines().index("[") + 1
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"backplan: {shown}:2: left out: {SPREAD}; write it one a line on the way in, "
        f"`jq -c . {named} | backplan report -`",
        f"backplan: {shown}:{array_at}: left out: {SPREAD}; write it one a line on the way in, "
        f"""`jq -c 'if type == "array" then .[] else . end' {named} | backplan report -`""",
    ]
    assert result.stdout.splitlines()[1].startswith(
        "Read: 3 decisions; 0 error records (events eval could not decide); 2 lines neither a "
        "decision nor an error record, left out"
    )


@pytest.mark.skipif(shutil.which("jq") is None, reason="the hint's command needs jq")
def test_the_command_json_over_several_lines_is_told_reads_every_line(
    decisions: str, tmp_path: Path
) -> None:
    """Followed, the hint for JSON written over several lines after decisions reads them all,
    those one a line before it included."""
    first, second, third, *_ = decisions.splitlines()
    mixed = tmp_path / "mixed.jsonl"
    items = json.dumps([json.loads(second), json.loads(third)], indent=2)
    mixed.write_text(f"{first}\n{items}\n", encoding="utf-8")
    assert hint_followed(mixed).startswith("Backplan report: 3 decisions, ")


@pytest.mark.skipif(shutil.which("jq") is None, reason="the hint's command needs jq")
@pytest.mark.parametrize("after", ["one a line", "written over several lines"])
def test_the_command_for_an_array_opening_the_input_keeps_the_lines_after_it(
    decisions: str, tmp_path: Path, after: str
) -> None:
    """`cat pretty.json more.jsonl`: an array written over several lines that opens the input
    was hinted `jq -c '.[]'`, which wrote each decision after it a value a line, every one
    left out, the decisions lost (found by review); `'.[]'` is for an array alone."""
    first, second, third, *_ = decisions.splitlines()
    items = json.dumps([json.loads(first), json.loads(second)], indent=2)
    rest = third if after == "one a line" else json.dumps(json.loads(third), indent=2)
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(f"{items}\n{rest}\n", encoding="utf-8")
    assert hint_followed(mixed).startswith("Backplan report: 3 decisions, ")


def test_a_line_too_long_to_be_a_decision_is_read_past(
    decisions: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read past in chunks, never held whole: a file without a newline (a disk image) had
    # taken twice its size in memory. The limit is 64 MiB; 1 MiB keeps the test small.
    monkeypatch.setattr("engine.report.MAX_LINE_BYTES", 1 << 20)
    first, second, *_ = decisions.splitlines(keepends=True)
    path = tmp_path / "decisions.jsonl"
    path.write_bytes(first.encode() + b"x" * (3 << 20) + b"\n" + second.encode())
    assert_second_line_too_long(path)


def test_an_array_after_a_line_too_long_is_not_hinted_as_alone(
    decisions: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line too long to be a decision, then an array written over several lines: the
    array is not alone in its input, so its hint writes each item of an array and any other
    line as it is; `jq -c '.[]'` had been hinted, as if no line came before it, which writes
    a long object's values one a line (found by mutants of the count of documents read past,
    reportlines:226 227)."""
    monkeypatch.setattr("engine.report.MAX_LINE_BYTES", 1 << 20)
    items = json.dumps([json.loads(line) for line in decisions.splitlines()[:2]], indent=2)
    path = tmp_path / "mixed.jsonl"
    path.write_text("x" * (2 << 20) + f"\n{items}\n", encoding="utf-8")
    counts, told = ReportCounts(), []
    with path.open("rb") as stream:
        count_lines(stream, "f.jsonl", counts, told.append)
    assert len(told) == 2 and told[1].startswith("f.jsonl:2: left out: JSON written over ")
    assert told[1].endswith(
        """`jq -c 'if type == "array" then .[] else . end' f.jsonl | backplan report -`"""
    )


def assert_second_line_too_long(path: Path) -> None:
    """The report of ``path`` leaves out its second line alone, longer than 1 MiB (the limit
    the test set), and counts two decisions."""
    result = run(["report", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"backplan: {path}:2: left out: the line is longer than 1 MiB, so it is no decision "
        "`backplan eval` wrote\n"
    )
    assert result.stdout.startswith("Backplan report: 2 decisions, from ")


@pytest.mark.parametrize(
    ("by", "heading", "periods"),
    [
        ("day", "Trend by day (UTC; the last 7 of 13 days; `--format json` has them all)", 13),
        ("month", "Trend by month (UTC)", 2),
    ],
)
def test_by_sets_the_periods_of_the_trend(
    decisions: str, by: str, heading: str, periods: int
) -> None:
    """`--by` had no test of its own: the trend of the text and of the JSON is counted in the
    periods it names (the examples run from 2026-11-23 to 2026-12-05)."""
    text = run(["report", "--by", by, "-"], decisions)
    assert text.exit_code == 0, text.output
    assert heading in text.stdout.splitlines()
    document = json.loads(run(["report", "--by", by, "--format", "json", "-"], decisions).stdout)
    assert (document["trend"]["by"], len(document["trend"]["periods"])) == (by, periods)


def test_time_zone_sets_the_days_of_the_trend(decisions: str) -> None:
    """The examples run from 2026-11-23 to 2026-12-05 in UTC; in Tokyo, nine hours ahead, the
    last of them (19:30 UTC) is on 2026-12-06, a day more."""
    args = ["report", "--by", "day", "--time-zone", "asia/tokyo", "-"]
    text = run(args, decisions)
    assert text.exit_code == 0, text.output
    heading = "Trend by day (Asia/Tokyo; the last 7 of 14 days; `--format json` has them all)"
    assert heading in text.stdout.splitlines()
    document = json.loads(run([*args[:-1], "--format", "json", "-"], decisions).stdout)
    trend = document["trend"]
    assert (trend["time_zone"], trend["periods"][-1]) == ("Asia/Tokyo", "2026-12-06")
    refused = run(["report", "--time-zone", "Tokio", "-"], decisions)
    assert refused.exit_code == 2
    assert "`Tokio` is not a time zone (did you mean `Asia/Tokyo` (Japan)?)" in refused.stderr


def test_by_a_period_the_report_has_not_is_a_usage_error(decisions: str) -> None:
    result = run(["report", "--by", "year", "-"], decisions)
    assert result.exit_code == 2
    assert "Invalid value for '--by': 'year' is not one of 'day', 'week', 'month'." in result.stderr


BY_HAND = (
    "(the items of a JSON array written by hand, its brackets left out? `backplan eval` writes "
    "one a line, nothing between)"
)


@pytest.mark.parametrize("comma", [",", ", "])
def test_decisions_with_commas_between_on_a_line_are_all_read(
    decisions: str, tmp_path: Path, comma: str
) -> None:
    """An array's items written by hand without its brackets: each one but the last had been
    told "cut short" and left out, its decision lost (found by review)."""
    first, second, third, fourth, fifth, *_ = decisions.splitlines()
    path = tmp_path / "commas.jsonl"
    path.write_text(f"{first}{comma}{second}\n{third}{comma}{fourth}{comma}{fifth}\n")
    result = run(["report", str(path)])
    assert result.stderr.splitlines() == [
        f"backplan: {path}:1: two of eval's lines are on this one, a comma between them "
        f"{BY_HAND}: both are read",
        f"backplan: {path}:2: three of eval's lines are on this one, commas between them "
        f"{BY_HAND}: all are read",
    ]
    assert result.exit_code == 0 and result.stdout.startswith("Backplan report: 5 decisions, ")


def test_a_whole_decision_then_one_cut_short_after_a_comma_is_named_so(
    decisions: str, tmp_path: Path
) -> None:
    """The comma is said where the line end was: the whole one is read, the cut one not."""
    first, second, *_ = decisions.splitlines()
    path = tmp_path / "commas.jsonl"
    path.write_text(f"{first},{second[:400]}\n")
    assert run(["report", str(path)]).stderr == (
        f"backplan: {path}:1: left out: not JSON: another decision starts at column "
        f"{len(first) + 2}, right after a whole one: a comma between them {BY_HAND}, and the "
        "second was cut short: the first is read, the second left out\n"
    )


ARRAY_ITEMS = (
    "a JSON array starts here, written one item a line (as many tools write JSON), where "
    "`backplan eval` writes one decision a line, nothing between: each of its decisions is "
    "read, its brackets and commas are not; to write it one a line on the way in, "
)


@pytest.mark.parametrize(
    "written",
    [
        "[{0},\n{1},\n{2}]\n{3}\n",  # as many tools write one
        "[{0},\n\n  {1},\n{2}\n]\n{3}\n",  # its closing bracket on a line of its own
        "[{0}\n,{1}\n,{2}\n]\n{3}\n",  # comma first
        "[{0},{1},\n{2}]\n{3}\n",  # two items on its first line
    ],
)
def test_an_array_written_one_item_a_line_is_read_and_told_once(
    decisions: str, tmp_path: Path, written: str
) -> None:
    """Its first line, `[{...},`, had been told "the decision on this line was cut short ...
    both are left out", its decision lost, and each line after it told of its comma or
    bracket (found by review). Each decision is read, the array told once where it opens,
    and a decision after the array with a comma is told as before."""
    lines = decisions.splitlines()[:5]
    path = tmp_path / "items.json"
    path.write_text(written.format(*lines) + f"{lines[4]},\n", encoding="utf-8")
    result = run(["report", str(path)])
    assert result.stderr.splitlines()[0] == (
        f"backplan: {path}:1: {ARRAY_ITEMS}"
        f"""`jq -c 'if type == "array" then .[] else . end' {path} | backplan report -`"""
    )
    assert len(result.stderr.splitlines()) == 2
    assert result.stderr.splitlines()[1].endswith(
        "is not another decision, and is not read: `,` (a JSON array's comma or bracket, the "
        "array written by hand? `backplan eval` writes one decision a line, nothing after it)"
    )
    assert result.exit_code == 0 and result.stdout.startswith("Backplan report: 5 decisions, ")


@pytest.mark.skipif(shutil.which("jq") is None, reason="the hint's command needs jq")
def test_the_command_an_array_written_one_item_a_line_is_told_reads_it(
    decisions: str, tmp_path: Path
) -> None:
    """Followed, the hint reads the same decisions, one a line."""
    first, second, third, *_ = decisions.splitlines()
    path = tmp_path / "items.json"
    path.write_text(f"[{first},\n{second}]\n{third}\n", encoding="utf-8")
    assert hint_followed(path).startswith("Backplan report: 3 decisions, ")


@pytest.mark.parametrize(("after", "shown"), [("garbage", "garbage"), (" ,", ",")])
def test_the_last_of_joined_lines_followed_by_what_is_none_is_read(
    decisions: str, tmp_path: Path, after: str, shown: str
) -> None:
    """`{...}{...}garbage`: the second, whole, had been told "cut short" and left out; it is
    read, and what follows it named, as after a decision alone on its line."""
    first, second, *_ = decisions.splitlines()
    path = tmp_path / "joined.jsonl"
    path.write_text(f"{first}{second}{after}\n", encoding="utf-8")
    result = run(["report", str(path)])
    column = len(first) + len(second) + len(after) - len(after.lstrip()) + 1
    told = result.stderr.splitlines()
    assert len(told) == 2 and told[0] == f"backplan: {path}:1: {JOINED_READ}"
    assert told[1].startswith(
        f"backplan: {path}:1: the last decision on this line is read; what follows it at "
        f"column {column} is not another decision, and is not read: `{shown}` ("
    )
    assert result.exit_code == 0 and result.stdout.startswith("Backplan report: 2 decisions, ")


def test_decisions_given_twice_are_counted_once_and_told(decisions: str, tmp_path: Path) -> None:
    """`cat decisions.jsonl decisions.jsonl | backplan report -` had said nothing, and counted
    every event, rule and gesture twice. The report is the one of the decisions once, with
    what was read and done said; the first repeat is named on stderr with both its places."""
    once, twice = tmp_path / "once.jsonl", tmp_path / "twice.jsonl"
    once.write_text(decisions, encoding="utf-8")
    twice.write_text(decisions + decisions, encoding="utf-8")
    result = run(["report", "--plan", "rules", str(twice)])
    assert result.exit_code == 0
    assert result.stderr == (
        f"backplan: {twice}:27: 26 decisions of an event decided before (the first: event "
        f"`evt-1016`, decided on {twice}:1 and again here): 26 with the same decision as before, "
        "counted once; if the events were sent twice, decide each once: send each event once "
        "to `backplan eval`, act on one decision of each, and give `backplan report` each file "
        "of decisions once\n"
    )
    golden = (GOLDEN / "examples.txt").read_text(encoding="utf-8")
    assert result.stdout == golden.replace(
        "Read: 26 decisions; 0 error records (events eval could not decide).\n",
        "Read: 52 decisions; 0 error records (events eval could not decide).\n"
        "26 decisions repeated an earlier decision of the same event (sent twice, or the "
        "decisions given twice): counted once.\n",
    )
    as_json = json.loads(run(["report", "--format", "json", str(once), str(twice)]).stdout)
    alone = json.loads(run(["report", "--format", "json", str(once)]).stdout)
    assert as_json["repeats"] == {"same": 52, "different": 0, "error_records": 0}
    assert {**as_json, "repeats": alone["repeats"]} == alone


def test_a_file_given_twice_is_told_given_twice(decisions: str, tmp_path: Path) -> None:
    """`backplan report decisions.jsonl decisions.jsonl` repeats each decision at the very
    place it was first read: the warning had said `decisions.jsonl:1: ... decided on
    decisions.jsonl:1 and again here`, one line named as if it were two."""
    path = tmp_path / "decisions.jsonl"
    path.write_text(decisions, encoding="utf-8")
    result = run(["report", str(path), str(path)])
    assert result.exit_code == 0
    assert result.stderr.startswith(
        f"backplan: {path}:1: 26 decisions of an event decided before (the first: event "
        f"`evt-1016`, on {path}:1, read again: {path} was given twice): 26 with the same "
        "decision as before, counted once; "
    )


def test_a_line_holding_one_decision_twice_is_not_told_given_twice(
    decisions: str, tmp_path: Path
) -> None:
    """A line holding the same decision twice (a line end lost between two copies) had been
    told "read again: PATH was given twice", of a file given once: its two decisions are at
    one place, as a file given twice repeats at the place it was first read."""
    first = decisions.splitlines()[0]
    path = tmp_path / "joined.jsonl"
    path.write_text(f"{first}{first}\n", encoding="utf-8")
    result = run(["report", str(path)])
    assert result.exit_code == 0
    repeated = result.stderr.splitlines()[-1]
    assert repeated.startswith(
        f"backplan: {path}:1: 1 decision of an event decided before (the first: event "
        f"`evt-1016`, decided twice on {path}:1, both on that one line): 1 with the same "
        "decision as before, counted once; "
    )


def test_an_event_id_of_text_that_reads_as_a_number_is_told_in_quotes(
    decisions: str, tmp_path: Path
) -> None:
    """The events `"7"` and `7` are two events (the report pairs them apart); a repeat of
    `"7"` was told as event `7`, of the event whose id is the number."""
    first = json.loads(decisions.splitlines()[0])
    as_text, as_number = first | {"event_id": "7"}, first | {"event_id": 7}
    path = tmp_path / "twice.jsonl"
    path.write_text(
        "".join(json.dumps(d) + "\n" for d in (as_number, as_text, as_text)), encoding="utf-8"
    )
    result = run(["report", str(path)])
    assert result.exit_code == 0
    assert '1 decision of an event decided before (the first: event `"7"`, decided on ' in (
        result.stderr
    )


def test_the_error_records_of_a_file_given_twice_are_counted_once(tmp_path: Path) -> None:
    """`backplan report decided.jsonl decided.jsonl` counted its decisions once and its error
    records twice: twice the events eval could not decide, each code doubled."""
    events = tmp_path / "events.jsonl"
    events.write_text(
        '{"id": "a", "type": "order", "occurred_at": "yesterday"}\n{"type": "order"}\n{broken\n',
        encoding="utf-8",
    )
    decided = tmp_path / "decided.jsonl"
    assert run(["eval", str(events), "-o", str(decided)]).exit_code == 1
    once = json.loads(run(["report", "--format", "json", str(decided)]).stdout)
    twice = run(["report", "--format", "json", str(decided), str(decided)])
    assert twice.exit_code == 0
    as_json = json.loads(twice.stdout)
    assert as_json["repeats"] == {"same": 0, "different": 0, "error_records": 3}
    assert {**as_json, "repeats": once["repeats"]} == once
    assert run(["report", str(decided), str(decided)]).stdout.splitlines()[1:3] == [
        "Read: 0 decisions; 6 error records (events eval could not decide: bad-json 1, "
        "bad-time 1, missing-id 1).",
        "3 error records repeated an earlier one (the same event rejected again, or a file "
        "of them given twice): counted once.",
    ]


def test_another_decision_of_an_event_decided_before_is_counted_and_told(
    decisions: str, tmp_path: Path
) -> None:
    """The plan changed between two runs over the same events: both decisions count (the
    report cannot tell which holds), and the warning says so."""
    first, second = (json.loads(line) for line in decisions.splitlines()[:2])
    other = json.dumps({**second, "event_id": first["event_id"]})
    path = tmp_path / "decisions.jsonl"
    path.write_text(f"{json.dumps(first)}\n{json.dumps(second)}\n{other}\n", encoding="utf-8")
    result = run(["report", str(path)])
    assert result.exit_code == 0
    assert result.stdout.startswith("Backplan report: 3 decisions, ")
    assert result.stderr.startswith(
        f"backplan: {path}:3: 1 decision of an event decided before (the first: event "
        f"`evt-1016`, decided on {path}:1 and again here): 1 with another decision than before (the "
        "plan changed between runs, an event was sent again with other fields (a store "
        "corrected), or two events share an id?), each counted; "
    )


def test_another_decision_by_another_version_points_to_compare(
    decisions: str, tmp_path: Path
) -> None:
    """The decisions of two versions of a plan over the same events, given together: each is
    counted, both versions' gestures added up, and the warning had guessed "the plan changed
    between runs, or two events share an id?" with the versions in sight. It says two made
    them, to report one version's, and that `backplan compare` says what one changed."""
    first, second = (json.loads(line) for line in decisions.splitlines()[:2])
    version_2 = {"name": first["plan"]["name"], "fingerprint": "sha256:" + "2" * 64}
    other = json.dumps({**second, "event_id": first["event_id"], "plan": version_2})
    path = tmp_path / "decisions.jsonl"
    path.write_text(f"{json.dumps(first)}\n{json.dumps(second)}\n{other}\n", encoding="utf-8")
    result = run(["report", str(path)])
    assert result.exit_code == 0
    because = (
        "(2 plans or versions made these decisions, or an event was sent again with other "
        "fields: for one version's counts, give `backplan report` its decisions alone, and "
        "`backplan compare BEFORE.jsonl AFTER.jsonl` says what one changed)"
    )
    assert f"1 with another decision than before {because}, each counted; " in result.stderr
    assert f"decided an event decided otherwise before {because}: each counted." in result.stdout


def test_repeats_of_both_kinds_are_told_together(decisions: str, tmp_path: Path) -> None:
    """An event decided again the same way and again another way: the warning tells both, the
    one and then the other ("1 ... counted once and 1 ... each counted"), not as if either
    might be so (a mutant joining them with "or" survived, reportlines:129)."""
    first, second = (json.loads(line) for line in decisions.splitlines()[:2])
    other = json.dumps({**second, "event_id": first["event_id"]})
    path = tmp_path / "decisions.jsonl"
    lines = [json.dumps(first), json.dumps(second), json.dumps(first), other]
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    result = run(["report", str(path)])
    assert result.exit_code == 0
    assert result.stderr.startswith(
        f"backplan: {path}:3: 2 decisions of an event decided before (the first: event "
        f"`evt-1016`, decided on {path}:1 and again here): 1 with the same decision as before, "
        "counted once and 1 with another decision than before (the plan changed between runs, "
        "an event was sent again with other fields (a store corrected), or two events share an "
        "id?), each counted; "
    )


def test_a_line_of_exactly_the_limit_is_read_and_one_byte_more_is_not(
    decisions: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit is a line's bytes without its line end, the last line's (no line end) too: a
    decision padded to exactly the limit is read, whether a newline ends it or the file does,
    and one a byte longer is left out as too long (mutants reading a byte more, or leaving out
    a last line of exactly the limit, survived: reportlines:165 168)."""
    limit = 1 << 20
    monkeypatch.setattr("engine.report.MAX_LINE_BYTES", limit)
    first, second, third = (line.encode() for line in decisions.splitlines()[:3])
    path = tmp_path / "decisions.jsonl"
    path.write_bytes(
        first.ljust(limit) + b"\n" + second.ljust(limit + 1) + b"\n" + third.ljust(limit)
    )
    assert_second_line_too_long(path)


def test_a_second_object_over_several_lines_gets_the_hint_of_an_object(decisions: str) -> None:
    """Two decisions written over several lines (`jq .`), a line between them: each is told
    with `jq -c .`, the second's hint not taken from what the first held (a mutant counting an
    array left after the first was named gave the second an array's program, reportlines:224)."""
    first, second, third = decisions.splitlines()[:3]
    pretty = [json.dumps(json.loads(each), indent=2) for each in (first, third)]
    counts, told = ReportCounts(), []
    text = f"{pretty[0]}\n{second}\n{pretty[1]}\n"
    count_lines(io.BytesIO(text.encode()), "f.jsonl", counts, told.append)
    hint = "write it one a line on the way in, `jq -c . f.jsonl | backplan report -`"
    assert [why.split(": ")[0] for why in told] == [
        "f.jsonl:1",
        f"f.jsonl:{len(pretty[0].splitlines()) + 2}",
    ]
    assert all(why.endswith(hint) for why in told)


def test_a_file_of_events_is_named_at_its_first_event_and_the_others_counted_in_one_line(
    decisions: str, tmp_path: Path
) -> None:
    # A month's events given in place of eval's lines had each named on stderr: 300,000 lines
    # for 300,000 events, burying anything else said (found by an operator's replay).
    first, second, *_ = decisions.splitlines()
    events = [json.dumps({"id": f"e{i}", "type": "review", "rating": 1}) for i in range(1000)]
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join([first, *events, second]) + "\n", encoding="utf-8")
    result = run(["report", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"backplan: {path}:2: left out: an event, not a decision: report on what "
        "`backplan eval` writes for it",
        f"backplan: {path}: left out: 999 more lines of events after line 2, not named one by "
        f"one: decide them first, `backplan eval {path} | backplan report -`",
    ]
    assert result.stdout.splitlines()[1] == (
        "Read: 2 decisions; 0 error records (events eval could not decide); 1,000 lines neither "
        "a decision nor an error record, left out (standard error says which, and why)."
    )
    piped = run(["report", "-"], "\n".join(events[:3]) + "\n")
    assert piped.stderr.splitlines()[1:] == [
        "backplan: <stdin>: left out: 2 more lines of events after line 1, not named one by "
        "one: decide them first, `backplan eval FILE | backplan report -`",
    ]


def test_an_event_after_the_first_is_counted_and_not_named_though_text_follows_it(
    tmp_path: Path,
) -> None:
    # An event after the input's first is left out and counted with the others at the end,
    # and what follows it on its line is not named either: it is an event all the same
    # (found by mutation testing).
    events = [json.dumps({"id": f"e{i}", "type": "review", "rating": 1}) for i in range(3)]
    path = tmp_path / "events.jsonl"
    path.write_text(f"{events[0]}\n{events[1]} xyz\n{events[2]}\n", encoding="utf-8")
    result = run(["report", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"backplan: {path}:1: left out: an event, not a decision: report on what "
        "`backplan eval` writes for it",
        f"backplan: {path}: left out: 2 more lines of events after line 1, not named one by "
        f"one: decide them first, `backplan eval {path} | backplan report -`",
    ]


def test_an_event_wrapped_by_hand_is_told_as_an_event_once(decisions: str, tmp_path: Path) -> None:
    """An events file whose events are wrapped by hand (a JSON event over several lines):
    its first line was told "cut short" and its second "a log's line?", with no word that
    the file holds events to decide first (found by review). Each event is read over its
    lines and told as an event on one line is: the first named, the others counted, each of
    its lines left out. What makes no event is told line by line as before: a decision cut
    short with whole ones after it, or an object over lines that is no event."""
    path = tmp_path / "events.jsonl"
    path.write_text(
        '{"id": "e1", "type": "order",\n'
        '   "order": {"total": 10}}\n'
        '{"id": "e2",\n'
        "\n"
        ' "type": "order"}\n',
        encoding="utf-8",
    )
    result = run(["report", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"backplan: {path}:1: left out: an event written over lines 1 to 2, not a decision: "
        "report on what `backplan eval` writes for it",
        f"backplan: {path}: left out: 2 more lines of events after line 1, not named one by "
        f"one: decide them first, `backplan eval {path} | backplan report -`",
    ]
    assert "4 lines neither a decision nor an error record" in result.stdout  # (not the blank)
    first, second, third, *_ = decisions.splitlines()
    path.write_text(
        f'{first}\n{{"id": "e1", "type": "order",\n"note": 1}} x\n{{"format": 7,\n"id": 1}}\n'
        f"{second[:300]}\n{third}\n",
        encoding="utf-8",
    )
    told = run(["report", str(path)]).stderr.splitlines()
    assert [line.split(": left out: ")[0].rsplit(":", 1)[-1] for line in told] == [
        "2",
        "3",
        "4",
        "5",
        "6",
    ]
    assert "cut short" in told[0] and "a log's line?" in told[1] and "cut short" in told[2]
    assert "cut short" in told[4]
    assert not [line for line in told if "an event" in line.split(": left out: ")[1]]
    assert "Backplan report: 2 decisions" in run(["report", str(path)]).stdout


JQ_EVENTS = [
    {"id": f"e{n}", "type": "review", "rating": 1, "customer": {"id": "c", "tags": ["a", "}"]}}
    for n in range(3)
]
"""Events, each with an object and a list inside it (and a bracket in a text), for `jq .`."""


@pytest.mark.parametrize("slurped", [False, True])
def test_events_written_by_jq_are_told_once_as_events_eval_decides(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, slurped: bool
) -> None:
    """An events file written by `jq .` (each event over many lines, one after another) or
    `jq -s .` (one array over many lines) had been told "JSON written over several lines",
    hinted to be piped to the report one a line, where each line was then told an event; no
    word that it holds events (found by review). Eval decides them as they are, so the report
    says, once, that it holds events, how to decide them, and how to write them one event a
    line; each of its lines is left out, as an event wrapped by hand's are."""
    monkeypatch.chdir(REPO)
    if slurped:
        written = json.dumps(JQ_EVENTS, indent=2)
    else:
        written = "\n".join(json.dumps(event, indent=2) for event in JQ_EVENTS)
    path = tmp_path / "pretty.json"
    path.write_text(f"\n{written}\n", encoding="utf-8")
    lines = written.count("\n") + 1
    result = run(["report", str(path)])
    what, how, program = (
        ("a JSON array of 3 events", "`jq -s .` writes it", "'.[]'")
        if slurped
        else ("3 events", "`jq .` writes them", ".")
    )
    assert result.stderr == (
        f"backplan: {path}:2: left out: {what} written over several lines, to line "
        f"{lines + 1} (as {how}), not decisions: none is read; decide them first, "
        f"`backplan eval {path} | backplan report -`; to write them one event a line, "
        f"`jq -c {program} {path} > events.jsonl`\n"
    )
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1] == (
        f"Read: 0 decisions; 0 error records (events eval could not decide); {lines} lines "
        "neither a decision nor an error record, left out (standard error says which, and why)."
    )
    decided = run(["eval", str(path)])  # eval decides the three, as the report says
    assert [json.loads(line)["event_id"] for line in decided.stdout.splitlines()] == [
        "e0",
        "e1",
        "e2",
    ]
    piped = run(["report", "-"], path.read_text(encoding="utf-8")).stderr
    assert piped.endswith(
        "`backplan eval FILE | backplan report -`; to write them one event a line, "
        f"`jq -c {program} FILE > events.jsonl`\n"
    )
    path.write_text(f"\n{written}\n{json.dumps(JQ_EVENTS[0])}\n", encoding="utf-8")
    told = run(["report", str(path)]).stderr.splitlines()  # an event after them: counted
    assert told[1:] == [
        f"backplan: {path}: left out: 1 more line of events after line 2, not named one by "
        f"one: decide them first, `backplan eval {path} | backplan report -`"
    ]


@pytest.mark.parametrize(
    ("slurped", "blank", "after"),
    [
        (False, "\x0b", 0),
        (False, "\x0c", 3),
        (True, "\x0b", 4),
        (False, "\x0c", -1),
        (False, "\x0c\x0b", 3),
    ],
)
def test_jq_events_with_a_vertical_tab_or_form_feed_on_a_blank_line_have_it_named(
    tmp_path: Path, slurped: bool, blank: str, after: int
) -> None:
    """A line blank to the eye but holding a vertical tab or a form feed, between events of
    `jq .`'s, inside one, or inside `jq -s .`'s array, is no whitespace to JSON: eval refuses
    it with a `bad-json` record. The report had read it as a blank line and said nothing of
    it (found by review): it names the line to remove (which jq refuses too). `jq -s .`'s
    array, which eval refuses whole, is told as JSON written over several lines, as one with
    any other mistake; `jq .`'s objects, of which eval decides all the others, as events to
    decide still (they had been told as JSON to pipe to the report one a line, where each
    line was then told an event; found by review)."""
    written = (
        json.dumps(JQ_EVENTS, indent=2)
        if slurped
        else ("\n".join(json.dumps(event, indent=2) for event in JQ_EVENTS))
    )
    lines = written.split("\n")
    at = lines.index("}") + 1 if after == 0 else len(lines) if after < 0 else after
    path = tmp_path / "pretty.json"
    path.write_text("\n".join([*lines[:at], blank, *lines[at:]]) + "\n", encoding="utf-8")
    decided = run(["eval", str(path)]).stdout
    assert '"code":"bad-json"' in decided  # eval refuses it
    program = "'.[]'" if slurped else "."
    called = "a vertical tab" if blank == "\x0b" else "a form feed"
    named = (
        f"; its line {at + 1} holds {called}, which is blank to the eye but not to JSON (which "
        "allows only spaces, tabs and line ends between values): remove it first\n"
    )
    told_with_it = run(["report", str(path)]).stderr
    more = tmp_path / "more.jsonl"  # another input of events: the line is named all the same
    more.write_text("".join(json.dumps(event) + "\n" for event in JQ_EVENTS), encoding="utf-8")
    assert named in run(["report", str(path), str(more)]).stderr
    assert f'"line":{at + 1},' in decided or f"(at line {at + 1}," in decided  # eval's line
    assert _told(_Pipe(path.read_bytes())) == _told(io.BytesIO(path.read_bytes()))  # a pipe's
    path.write_text("\n".join([*lines[:at], " \t\r", *lines[at:]]) + "\n", encoding="utf-8")
    told = run(["report", str(path)]).stderr  # JSON's own blanks: events, as before
    assert "3 events written over several lines" in told or "array of 3 events" in told
    if slurped:  # eval refuses the array whole: no events it decides
        assert told_with_it == (
            f"backplan: {path}:1: left out: JSON written over several lines starts here (as "
            "`jq .` writes it), not one decision a line: it is left out to where it ends, and "
            f"the lines after it are read; write it one a line on the way in, `jq -c {program} "
            f"{path} | backplan report -`{named}"
        )
    else:  # eval decides the events the line is not in: events to decide, the line named
        assert decided.count('"format":"backplan.decision/1"') >= len(JQ_EVENTS) - 1
        assert told_with_it == told.removesuffix("\n") + named


@pytest.mark.parametrize("slurped", [False, True])
@pytest.mark.parametrize("over", [0, 1])
def test_events_written_by_jq_over_what_eval_reads_whole_are_told_to_be_written_one_a_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, slurped: bool, over: int
) -> None:
    """Eval reads events written over several lines whole, up to 64 MiB (here the file's size,
    or a byte less): over it, it gives one error record and decides none, where the report had
    told them to be decided with eval as they are (found by review). They are told to be
    written one a line first, then decided."""
    monkeypatch.chdir(tmp_path)
    if slurped:
        written = json.dumps(JQ_EVENTS, indent=2) + "\n"
    else:
        written = "".join(json.dumps(event, indent=2) + "\n" for event in JQ_EVENTS)
    (tmp_path / "pretty.json").write_text(written, encoding="utf-8")
    for module in ("engine.jsondocs", "engine.streams"):
        monkeypatch.setattr(f"{module}.MAX_DOCUMENT_BYTES", len(written) - over)
    plan = str(REPO / "rules")
    decided = run(["eval", "--plan", plan, "pretty.json"]).stdout.splitlines()
    assert [json.loads(line)["format"] for line in decided] == (
        ["backplan.error/1"] if over else ["backplan.decision/1"] * 3
    )
    told = run(["report", "pretty.json"]).stderr
    program = "'.[]'" if slurped else "."
    if over:
        assert told.endswith(
            "none is read; `backplan eval` reads no more than 64 MiB of events so written: write "
            f"them one event a line, `jq -c {program} pretty.json > events.jsonl`, then decide "
            "them, `backplan eval events.jsonl | backplan report -`\n"
        ), told
    else:
        assert "decide them first, `backplan eval pretty.json | backplan report -`" in told


@pytest.mark.parametrize("over", [0, 1])
def test_an_array_of_one_event_is_told_as_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, over: int
) -> None:
    """`jq -s .` of one example event had been told "not decisions: none is read; decide them
    first ...; to write them one event a line" (found by review): one event is told as one,
    written over lines (within what eval reads whole, or over it: `over`) or on one line, the
    input's first or a later one."""
    monkeypatch.chdir(tmp_path)
    written = json.dumps(JQ_EVENTS[:1], indent=2) + "\n"
    (tmp_path / "one.json").write_text(written, encoding="utf-8")
    for module in ("engine.jsondocs", "engine.streams"):
        monkeypatch.setattr(f"{module}.MAX_DOCUMENT_BYTES", len(written) - over)
    spread = (
        "backplan: one.json:1: left out: a JSON array of 1 event written over several lines, "
        f"to line {written.count(chr(10))} (as `jq -s .` writes it), not a decision: it is not "
        "read; "
    )
    if over:
        spread += (
            "`backplan eval` reads no more than 64 MiB of events so written: write it on one "
            "line, `jq -c '.[]' one.json > events.jsonl`, then decide it, `backplan eval "
            "events.jsonl | backplan report -`\n"
        )
    else:
        spread += (
            "decide it first, `backplan eval one.json | backplan report -`; to write it on one "
            "line, `jq -c '.[]' one.json > events.jsonl`\n"
        )
    assert run(["report", "one.json"]).stderr == spread
    (tmp_path / "one.json").write_text(json.dumps(JQ_EVENTS[:1]) + "\n", encoding="utf-8")
    told = "backplan: one.json:{}: left out: a JSON array of 1 event on one line, not a "
    told += "decision, and none of it is read: "
    assert run(["report", "one.json"]).stderr == told.format(1) + (
        "decide it first, `backplan eval one.json | backplan report -`\n"
    )
    (tmp_path / "one.json").write_text(
        f"{json.dumps(JQ_EVENTS[1])}\n{json.dumps(JQ_EVENTS[:1])}\n", encoding="utf-8"
    )
    assert run(["report", "one.json"]).stderr.splitlines()[1] == told.format(2) + (
        "`backplan eval` decides such an array only on the first line of its input; to decide "
        "it, write it without the array's brackets, `jq -c 'if type == \"array\" then .[] else "
        ". end' one.json > events.jsonl`, then `backplan eval events.jsonl | backplan report -`"
    )


def test_several_files_of_events_are_told_once_with_one_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`backplan report examples/events/*.json`: each file, one event written by `jq .`, had
    been told it is an event to decide first, with its own eval command, 26 lines alike
    (found by review). Files of events alone are told once, with the one command that decides
    them all (their folder's glob, when they are all its `.json` files); a file holding
    anything else is told as before, and every line is counted as before."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "examples" / "events", "events")
    every = sorted(str(path) for path in Path("events").glob("*.json"))
    result = run(["report", *every, "events/stream.jsonl"])
    assert result.exit_code == 1
    told = result.stderr.splitlines()
    assert told[0] == (
        "backplan: events/stream.jsonl:1: left out: an event, not a decision: report on what "
        "`backplan eval` writes for it"
    )
    # (line 9, an event without its id, is counted with the other events: 4 notes, not 5)
    assert len(told) == 4 and all(
        note.startswith("backplan: events/stream.jsonl") for note in told[:3]
    )
    assert told[3] == (
        f"backplan: left out: {len(every)} files of events, not decisions: none of them is "
        "read; decide them first, `backplan eval events/*.json | backplan report -`"
    )
    lines = sum(
        sum(1 for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip())
        for path in [*every, "events/stream.jsonl"]
    )
    assert f"0 error records (events eval could not decide); {lines} lines neither" in (
        result.stdout
    )
    some = every[:2]
    assert run(["report", *some]).stderr == (
        "backplan: left out: 2 files of events, not decisions: none of them is read; decide "
        f"them first, `backplan eval {some[0]} {some[1]} | backplan report -`\n"
    )
    Path("events/wrapped.jsonl").write_text('{"id": "e", "type": "review"}\n', encoding="utf-8")
    assert run(
        ["report", "events/stream.jsonl", "events/wrapped.jsonl", "events/wrapped.jsonl"]
    ).stderr.splitlines()[-1] == (
        "backplan: left out: 2 files of events, not decisions: none of them is read; decide "
        "them first, `backplan eval events/wrapped.jsonl events/wrapped.jsonl | backplan report -`"
    )
    alone = run(["report", every[0], "events/stream.jsonl"]).stderr.splitlines()
    assert alone[-1] == (  # one, told as before (after the others)
        f"backplan: {every[0]}:1: left out: an event written over several lines, to line 16 (as "
        "`jq .` writes it), not a decision: it is not read; decide it first, `backplan eval "
        f"{every[0]} | backplan report -`; to write it on one line, `jq -c . {every[0]} > "
        "events.jsonl`"
    )


@pytest.mark.parametrize("stdin_first", [True, False])
def test_files_of_events_among_which_standard_input_is_given_are_told_once(
    monkeypatch: pytest.MonkeyPatch, stdin_first: bool
) -> None:
    """`backplan report - b.json < a.json` (or `cat a.json | backplan report b.json -`): each
    input of events had been told one at a time, standard input's and the file's, each with
    its own eval command, where files given by name are told once (found by review). They are
    told once, standard input named `FILE`, as a note of it alone names it."""
    monkeypatch.chdir(REPO)
    named = "examples/events/improvise.json"
    piped = (REPO / "examples" / "events" / "billing-error.json").read_text(encoding="utf-8")
    given = ["-", named] if stdin_first else [named, "-"]
    result = run(["report", *given], piped)
    files = "FILE " + named if stdin_first else named + " FILE"
    assert result.stderr == (
        "backplan: left out: 2 files of events, not decisions: none of them is read; decide "
        f"them first, `backplan eval {files} | backplan report -`\n"
    )
    assert result.exit_code == 1
    assert "27 lines neither a decision nor an error record" in result.stdout
    lines = (json.dumps(event) + "\n" for event in JQ_EVENTS)  # JSON Lines piped in too
    assert run(["report", "-", named], "".join(lines)).stderr == (
        "backplan: left out: 2 files of events, not decisions: none of them is read; decide "
        f"them first, `backplan eval FILE {named} | backplan report -`\n"
    )


@pytest.mark.parametrize("after", ["a decision", "a line of no JSON", "nothing"])
def test_events_are_held_for_the_caller_only_while_the_input_holds_nothing_else(
    decisions: str, after: str
) -> None:
    """What is said of an input's events is handed to the caller only when the input holds
    nothing else: after a decision counted silently, or a line told, it is told, in order."""
    event = json.dumps(JQ_EVENTS[0]) + "\n"
    more = {"a decision": decisions.splitlines(True)[0], "a line of no JSON": "x\n"}
    counts, notes, held = ReportCounts(), [], []
    given = (event + event + more.get(after, "")).encode()
    alone = count_lines(io.BytesIO(given), "in.jsonl", counts, notes.append, held)
    first = "in.jsonl:1: left out: an event, not a decision: report on what `backplan eval` writes for it"
    rest = (
        "in.jsonl: left out: 1 more line of events after line 1, not named one by one: decide "
        "them first, `backplan eval in.jsonl | backplan report -`"
    )
    if after == "nothing":
        assert (alone, notes, held) == (True, [], [first, rest])
    else:
        told = [first, rest] if after == "a decision" else [first, notes[1], rest]
        assert (alone, notes, held) == (False, told, [])
    assert counts.report().decisions == (after == "a decision")


def test_files_are_named_as_their_folder_s_glob_only_where_it_names_them_all(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The files of the one command are their folder's glob only where the shell's glob
    gives those files and no other: a file of the folder not given, a hidden file (which `*`
    leaves out), files of two endings or one file are named."""
    from engine.inputkind import shell_files

    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "my events"
    folder.mkdir()
    for name in ("a.json", "b.json", ".c.json", "d.jsonl"):
        (folder / name).write_text("{}", encoding="utf-8")
    (tmp_path / "e.json").write_text("{}", encoding="utf-8")
    (tmp_path / "f.json").write_text("{}", encoding="utf-8")
    a, b = "my events/a.json", "my events/b.json"
    assert shell_files([a, b, "e.json", "f.json"]) == "'my events'/*.json *.json"
    assert shell_files([a, "e.json"]) == "'my events/a.json' e.json"
    assert shell_files([a, b, "my events/.c.json"]) == (
        "'my events/a.json' 'my events/b.json' 'my events/.c.json'"
    )
    assert shell_files([a, "my events/d.jsonl"]) == "'my events/a.json' 'my events/d.jsonl'"
    assert shell_files(["my events/d.jsonl"]) == "'my events/d.jsonl'"  # one: named
    assert shell_files(["<stdin>", a, b]) == "FILE 'my events'/*.json"  # standard input
    (folder / "g.json").write_text("{}", encoding="utf-8")
    assert shell_files([a, b]) == "'my events/a.json' 'my events/b.json'"


class _Lines(io.BytesIO):
    """A file whose lines read one by one are counted."""

    readlines_called = 0

    def readline(self, size: int | None = -1, /) -> bytes:
        self.readlines_called += 1
        return super().readline(size)


class _Pipe(io.BytesIO):
    """The same bytes as a pipe, which cannot be read again."""

    def seekable(self) -> bool:
        return False


def _told(stream: io.BytesIO) -> tuple[list[str], int, int]:
    """What count_lines says of ``stream``: its notes, the decisions read and the lines left
    out."""
    counts, notes = ReportCounts(), []
    count_lines(stream, "in.json", counts, notes.append)
    summary = counts.report()
    return notes, summary.decisions, summary.unreadable


def test_a_file_of_events_written_by_jq_is_read_past_in_chunks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Events written by `jq .` are read past in chunks, not a line at a time: each line had
    gone through four calls, which made 100,000 events take 1.6 s, not the 0.6 s they took
    before events were told (found by review). Only the lines that may end one, and the one
    after each, are read one by one; the note is the pipe's, line for line."""
    from engine.reportlines import _Spread

    written = "".join(json.dumps(event, indent=2) + "\n" for event in JQ_EVENTS * 1000)
    assert len(written) > 4 << 16  # over several chunks
    calls = []
    one_by_one = _Spread.reads_past
    monkeypatch.setattr(_Spread, "reads_past", lambda *args: calls.append(1) or one_by_one(*args))
    file = _Lines(written.encode())
    told = _told(file)
    assert file.readlines_called < 10
    assert len(calls) <= 3 * 3000  # of 42,000 lines
    assert told == _told(_Pipe(written.encode()))
    assert told[0] == [
        f"in.json:1: left out: 3,000 events written over several lines, to line "
        f"{written.count(chr(10))} (as `jq .` writes them), not decisions: none is read; "
        "decide them first, `backplan eval in.json | backplan report -`; to write them one "
        "event a line, `jq -c . in.json > events.jsonl`"
    ]


@pytest.mark.parametrize("events", [False, True])
def test_a_long_line_of_json_read_past_costs_what_it_did_read_a_line_at_a_time(
    events: bool,
) -> None:
    """A line of 8 MB inside JSON read past (an event's text, or a value of an array) costs
    what it did when every line was read one at a time (15 times its size, the most of it
    parsing the event): read in chunks to its end, a 60 MB line had taken 350 MB, not 250,
    and an event's line had been held once more while the lines after it were read (found
    by review)."""
    size = 8 << 20
    inside = '  {\n    "id": "e", "type": "x",\n    "a": "' + "x" * size + '"\n  }\n'
    written = ("[\n" + (inside if events else "1" * size + "\n") + "]\n").encode()

    told = []

    def read() -> None:
        told.append(_told(io.BytesIO(written)))

    assert peak_bytes(read) < (14.2 if events else 15.05) * size
    assert told == [_told(_Pipe(written))]


def test_an_item_never_closed_is_held_no_larger_than_a_decision_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An array's item that never closes (a file cut short, 6 MB of short lines after its
    `{`) is held only to a decision line's size, read in chunks as line by line."""
    monkeypatch.setattr("engine.report.MAX_LINE_BYTES", 1 << 20)
    written = ("[\n  {\n" + '    "a": 1,\n' * (8 << 20 >> 4)).encode()  # 6 MB
    told = []

    def read() -> None:
        told.append(_told(io.BytesIO(written)))

    assert peak_bytes(read) < 3 << 20
    assert told == [_told(_Pipe(written))]


_PIECES = [
    "{", "[", "}", "]", "  {", "  }", "  },", "", "  ", "\t\r", " " * 41, " " * 60, '  "id": "e1",',
    '  "type": "x"', '    "a": [1, 2]', "  ]", "x" * 39, "x" * 40, "x" * 50,
    json.dumps(JQ_EVENTS[0]), json.dumps(JQ_EVENTS[0]) + ",", '{"id": "e2",', '"type": "y"}',
]  # fmt: skip
"""Lines of JSON written over several lines, and lines around it."""


@given(
    st.lists(st.sampled_from(_PIECES), max_size=40),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
    st.sampled_from([40, 120, 64 << 20]),
    st.sampled_from([150, 64 << 20]),
    st.sampled_from([16, 64, 1 << 16]),
)
@example(
    ["[", "  {", '    "a": [1, 2]', "  },", "  {", "  }", "]", "x" * 39], "\n", True, 40, 150, 16
)
@example(["{", '  "id": "e1",', '  "type": "x"', " " * 41, "}"], "\n", True, 40, 150, 64)
@example(["{", '  "id": "e1",', '  "type": "x"', "}", "x" * 40], "\n", False, 40, 150, 64)
def test_json_over_several_lines_in_a_file_is_told_as_in_a_pipe(
    lines: list[str], end: str, last_end: bool, most: int, whole: int, chunk: int
) -> None:
    """A file read past in chunks is told what a pipe, read a line at a time, is: the same
    notes, the same counts, whatever its lines, their ends, the longest line read, the most
    eval reads whole and the size of a chunk (an array's closing line after an item's, a
    blank line too long in an event, a line the most long)."""
    written = (end.join(lines) + (end if last_end else "")).encode()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("engine.report.MAX_LINE_BYTES", most)
        patch.setattr("engine.jsondocs.MAX_DOCUMENT_BYTES", whole)
        patch.setattr("engine.reportlines._CHUNK", chunk)
        assert _told(io.BytesIO(written)) == _told(_Pipe(written))


def test_blank_lines_after_events_written_by_jq_count_toward_what_eval_reads_whole(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Eval reads the blank lines after events of `jq .`'s with them, within its 64 MiB: events
    within it only without their blank lines are over it all the same, one error record, and
    are told to be written one a line first (found by mutation testing)."""
    monkeypatch.chdir(tmp_path)
    events = "".join(json.dumps(event, indent=2) + "\n" for event in JQ_EVENTS)
    (tmp_path / "pretty.json").write_text(events + "\n\n", encoding="utf-8")
    for module in ("engine.jsondocs", "engine.streams"):
        monkeypatch.setattr(f"{module}.MAX_DOCUMENT_BYTES", len(events) + 1)
    plan = str(REPO / "rules")
    decided = run(["eval", "--plan", plan, "pretty.json"]).stdout.splitlines()
    assert [json.loads(line)["format"] for line in decided] == ["backplan.error/1"]
    told = run(["report", "pretty.json"]).stderr
    assert "`backplan eval` reads no more than 64 MiB of events so written" in told, told


@pytest.mark.parametrize(
    "text",
    [
        f"{{}}\n{json.dumps(JQ_EVENTS[0], indent=2)}\n",  # after a line: eval reads JSON Lines
        json.dumps([JQ_EVENTS[0], {"id": "x"}], indent=2),  # an item no event
        json.dumps([JQ_EVENTS[0], 1], indent=2),
        "\n".join(json.dumps(d, indent=2) for d in [JQ_EVENTS[0], {"format": 1}]),
        "\n".join(json.dumps(d, indent=2) for d in [JQ_EVENTS[0], [JQ_EVENTS[1]]]),
        "\n".join(json.dumps(d, indent=2) for d in [[JQ_EVENTS[0]], [JQ_EVENTS[1]]]),
        json.dumps(JQ_EVENTS[0], indent=2)[:-2],  # never closed
        '[\n  {"id": "e1", "type": "a"}, {"id": "e2", "type": "a"}\n]\n',  # two on a line
        '{\n  "id": "e1",\n  "type": "a"}}\n}\n',  # a bracket too many
        json.dumps([[JQ_EVENTS[0]]], indent=2),  # an array in the array: none is an event
        '[\n  {"id": "e1",\n   "type": "a"}\n]\n',  # an item not written as `jq .` writes
    ],
)
def test_json_over_several_lines_is_told_as_events_only_when_eval_decides_each(text: str) -> None:
    """JSON written over several lines is told as events only when it opens the input (eval
    then reads it whole) and each of its objects, or its one array's items, is an event: any
    other is told as before."""
    counts, told = ReportCounts(), []
    count_lines(io.BytesIO(text.encode()), "in.json", counts, told.append)  # (raises no error)
    assert any("JSON written over several lines starts here" in line for line in told)
    assert not any("events written" in line for line in told)


@pytest.mark.parametrize(
    ("pad", "pad_last", "events"), [(0, 0, True), (1, 0, False), (0, 1, False)]
)
def test_events_written_by_jq_are_read_within_a_decision_line_s_size(
    monkeypatch: pytest.MonkeyPatch, pad: int, pad_last: int, events: bool
) -> None:
    """Each object (or array item) of JSON over several lines is held only within a decision
    line's size (here 40 bytes): exactly that is read as an event, a byte more is not, and
    the JSON is told as before, its lines no longer held."""
    monkeypatch.setattr("engine.report.MAX_LINE_BYTES", 40)
    item = '  {\n    "id": "e1",\n' + " " * pad + '   "type": "o"\n  },\n'
    assert len(item) == 40 + pad
    last = item.replace("e1", "e2").removesuffix(",\n") + " " * (1 + pad_last) + "\n"
    text = f"[\n{item}{last}]\n"
    counts, told = ReportCounts(), []
    count_lines(io.BytesIO(text.encode()), "f.json", counts, told.append)
    assert len(told) == 1
    assert ("a JSON array of 2 events" in told[0]) is events
    assert counts.unreadable == (10 if events else 1)


def test_events_written_by_jq_with_a_line_too_long_or_blank_inside(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A line too long inside an object makes it no event, though the object's other lines
    make one; a blank line inside an object is none of its lines, and breaks none (mutants
    keeping on with a line too long, counting blank lines, or ending the reading at one,
    survived)."""
    monkeypatch.setattr("engine.report.MAX_LINE_BYTES", 40)
    cut = '{\n"id": "e1",\n"type": "o",\n"t": "' + "x" * 50 + '",\n"n": 1\n}\n'
    counts, told = ReportCounts(), []
    count_lines(io.BytesIO(cut.encode()), "f.json", counts, told.append)
    assert "JSON written over several lines starts here" in told[0]
    blank = '{\n"id": "e1",\n\n"type": "o"\n}\n'
    counts, told = ReportCounts(), []
    count_lines(io.BytesIO(blank.encode()), "f.json", counts, told.append)
    assert told[0].startswith(
        "f.json:1: left out: an event written over several lines, to line 5 (as `jq .` "
        "writes it), not a decision: it is not read; decide it first"
    )
    assert counts.unreadable == 4


def test_an_event_written_by_jq_costs_what_a_line_of_its_size_costs() -> None:
    """An event of `jq .`'s over many lines (a list of values, one a line) is held to be read
    as one, costing about what a decision line of the same bytes costs: held as a list of its
    lines, then joined, a 60 MB such event had taken 700 MB, twice a line's (found by review)."""

    def peak(text: str) -> int:
        stream, counts, told = io.BytesIO(text.encode()), ReportCounts(), []
        return peak_bytes(lambda: count_lines(stream, "in.json", counts, told.append))

    pretty = json.dumps({"id": "e1", "type": "o", "n": [None] * 100_000}, indent=2)
    over_lines, on_one = peak(f"{pretty}\n"), peak(pretty.replace("\n", " ") + "\n")
    assert over_lines < 1.15 * on_one, f"{over_lines:,} bytes, a line's {on_one:,}"


def test_events_of_an_array_over_lines_each_whole_on_its_line_are_events() -> None:
    """An array over several lines whose items are each whole on their line (`[`, `{...},`,
    `{...}`, `]`; indented 4, as `python -m json.tool` indents) holds events eval decides."""
    items = ",\n".join("    " + json.dumps(event) for event in JQ_EVENTS)
    counts, told = ReportCounts(), []
    count_lines(io.BytesIO(f"[\n{items}\n]\n".encode()), "f.json", counts, told.append)
    assert told[0].startswith("f.json:1: left out: a JSON array of 3 events written over ")
    assert counts.unreadable == 5


def test_events_written_by_jq_are_not_hinted_into_the_file_they_are_read_from(
    tmp_path: Path,
) -> None:
    """`jq -c . events.jsonl > events.jsonl` would empty the file before jq read it."""
    path = tmp_path / "events.jsonl"
    path.write_text(json.dumps(JQ_EVENTS[0], indent=2), encoding="utf-8")
    told = run(["report", str(path)]).stderr
    assert told.endswith(f"`jq -c . {path} > events-one-a-line.jsonl`\n")


def test_a_decision_wrapped_by_hand_is_read_and_told_once(decisions: str, tmp_path: Path) -> None:
    """A decision of a file of eval's wrapped by hand over several lines (an editor that wraps
    long lines): each of its lines had been told, the first "cut short", each other "a log's
    line?", the decision lost (found by review). It is read as one, and told once, where it
    starts, with how to write it one a line; an error record so wrapped too."""
    first, second, third, *_ = decisions.splitlines()
    wrapped = second.replace(',"', ',\n "', 3)
    record = run(["eval", "-"], '{"id": "x"}\n').stdout.strip().replace(',"', ',\n"', 1)
    path = tmp_path / "decisions.jsonl"
    path.write_text(f"{first}\n{wrapped}\n{third}\n{record}\n", encoding="utf-8")
    result = run(["report", str(path)])
    assert result.stderr.splitlines() == [
        f"backplan: {path}:2: the decision written over this line to line 5 is read as one, "
        "though `backplan eval` writes one decision a line: its line was wrapped by hand (or by "
        f"an editor); write it one a line on the way in, `jq -c . {path} | backplan report -`",
        f"backplan: {path}:7: the error record written over this line to line 8 is read as one, "
        "though `backplan eval` writes one error record a line: its line was wrapped by hand (or "
        f"by an editor); write it one a line on the way in, `jq -c . {path} | backplan report -`",
    ]
    assert result.stdout.splitlines()[1] == (
        "Read: 3 decisions; 1 error record (events eval could not decide: missing-type 1)."
    )
    assert result.exit_code == 0
    path.write_text('{"format": "backplan.decision/1",\n "event_id": 1}\n', encoding="utf-8")
    told = run(["report", str(path)]).stderr.splitlines()  # no decision: each line told
    assert [line.split(": left out: ")[0].rsplit(":", 1)[-1] for line in told] == ["1", "2"]


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ('{"id": "e1",\n "type": "order",\n', ["1", "2"]),  # never closed: no event
        (
            '{"id": "e1",\n' + ' "n": 1,\n' * 99 + ' "type": "order"}\n',
            [str(n) for n in range(1, 102)],
        ),
        ('{"id": "e1",\n' + ' "n": 1,\n' * 98 + ' "type": "order"}\n', ["1"]),  # 100 lines
    ],
)
def test_an_object_over_lines_is_read_as_an_event_only_when_it_ends_as_one(
    tmp_path: Path, text: str, told: list[str]
) -> None:
    """An object left open at the input's end is told line by line, as before; an event is
    read over 100 lines at most, a longer one told line by line (found by review)."""
    path = tmp_path / "in.jsonl"
    path.write_text(text, encoding="utf-8")
    said = run(["report", str(path)]).stderr.splitlines()
    assert [line.split(": left out: ")[0].rsplit(":", 1)[-1] for line in said] == told
    assert ("written over lines 1 to 100" in said[0]) is (len(told) == 1)


@pytest.mark.parametrize(("pad", "event"), [(0, True), (1, False)])
def test_an_event_wrapped_by_hand_is_read_within_a_decision_line_s_size(
    monkeypatch: pytest.MonkeyPatch, pad: int, event: bool
) -> None:
    """The lines read together as one event hold no more than a decision's line may (here
    40 bytes, line ends counted): exactly that is an event, a byte more is told line by line
    (mutants not counting the second line, or reading a byte less or more, survived:
    reportlines:379 388 398)."""
    monkeypatch.setattr("engine.report.MAX_LINE_BYTES", 40)
    text = '{"id": "e1",\n' + " " * 4 + ' "type": "o",\n' + " " * pad + ' "n": 1}\n'
    assert len(text) == 40 + pad
    counts, told = ReportCounts(), []
    count_lines(io.BytesIO(text.encode()), "f.jsonl", counts, told.append)
    assert ("written over lines 1 to 3" in told[0]) is event
    assert len(told) == (1 if event else 3)
    assert counts.unreadable == 3


@pytest.mark.parametrize(("size", "event"), [(1 << 20, True), ((1 << 20) + 1, False)])
def test_an_event_wrapped_by_hand_is_read_within_an_event_s_size(size: int, event: bool) -> None:
    """Lines read together as one event hold no more than eval decides (1 MiB) in JSON Lines
    (after a first line that is no event's start): a larger object is no event to decide first,
    and each line added reads those before it again (100 lines of 600 KB had taken 8 s, found
    by review). Exactly 1 MiB is an event, a byte more is told line by line."""
    head, tail = '{"id": "e1",\n "type": "o",\n "t": "', '"}\n'
    text = head + "x" * (size - len(head) - len(tail)) + tail
    assert len(text) == size
    counts, told = ReportCounts(), []
    count_lines(io.BytesIO(b"a log line\n" + text.encode()), "f.jsonl", counts, told.append)
    assert ("written over lines 2 to 4" in told[1]) is event
    assert len(told) == (2 if event else 4)


@pytest.mark.parametrize("size", [(1 << 20) + 1, 3 << 20])
def test_an_event_wrapped_by_hand_opening_the_input_is_read_whatever_its_size(size: int) -> None:
    """An input that opens with an event wrapped by hand eval reads whole, as one JSON
    document, and decides its events whatever their size: one over 1 MiB had been told "cut
    short" and "a log's line?" line by line, with no word of deciding it first (found by
    review). Past 1 MiB its lines are read together only where their brackets close, or
    their size doubled, not at each line again."""
    head, tail = '{"id": "e1",\n "type": "o",\n "t": {', "}}\n"
    fields = ",\n".join(f'"f{n}": "' + "x" * 50_000 + '"' for n in range(size // 50_000 + 1))
    text = (head + fields + tail).encode()
    assert len(text) > size
    counts, told = ReportCounts(), []
    count_lines(io.BytesIO(text), "f.jsonl", counts, told.append)
    assert len(told) == 1
    lines = text.count(b"\n")
    assert f"written over lines 1 to {lines}" in told[0]


def test_events_wrapped_by_hand_after_the_first_are_read_whatever_their_size() -> None:
    """In an input that opens with an event wrapped by hand, eval reads the events after it
    whole too (objects one after another): one over 1 MiB is counted with the other events,
    not told "cut short" line by line."""
    first = b'{"id": "e0",\n "type": "o"}\n'
    fields = ",\n".join(f'"f{n}": "' + "x" * 50_000 + '"' for n in range(30))
    big = ('{"id": "e1",\n "type": "o",\n "t": {' + fields + "}}\n").encode()
    counts, told = ReportCounts(), []
    count_lines(io.BytesIO(first + big), "f.jsonl", counts, told.append)
    assert len(told) == 2
    assert "written over lines 1 to 2" in told[0]
    lines = big.count(b"\n")
    assert f"{lines} more lines of events after line 1" in told[1]


def test_a_mistake_past_an_event_s_size_still_ends_lines_read_together() -> None:
    """Past 1 MiB, in an input read whole, an object broken (``}`` then ``{``) is found when
    the lines' size doubles, not only at the 64 MiB cap (which held 30 lines of 600 KB at once):
    each line is told, the first cut short, as JSON Lines' would be."""
    line = b'{"a": [{"b": "' + b"x" * 600_000 + b'"}\n'
    counts, told = ReportCounts(), []
    data = line * 30

    def report() -> None:
        count_lines(io.BytesIO(data), "f.jsonl", counts, told.append)

    assert peak_bytes(report) < 36 * len(line)  # (all 30 held together, and joined: 45)
    assert len(told) == 30
    assert "cut short" in told[0]
    assert not any("written over lines" in said for said in told)


def test_an_object_over_lines_with_a_format_is_no_event(tmp_path: Path) -> None:
    """An object over lines with an `id`, a `type` and a `format` is no event (eval's or another
    tool's document): its lines are told one by one (a mutant reading any object with an id
    and a type as an event survived: reportlines:386)."""
    path = tmp_path / "in.jsonl"
    path.write_text('{"format": 7,\n"id": 1, "type": "x"}\n', encoding="utf-8")
    said = run(["report", str(path)]).stderr.splitlines()
    assert len(said) == 2 and "cut short" in said[0] and "event" not in said[0].split(": ", 2)[2]


def test_lines_that_go_on_with_an_object_open_no_other(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines that each open what the next goes on with (``{"a": [``, a log's or a cut file's)
    are each read with the lines after them a few times, not a hundred: each line of an
    object that made no event had opened one again, read over up to 100 lines, and 15 MB of
    such lines took 47 seconds where they had taken 0.2 (found by review). Each is told as
    before, cut short, and an event wrapped by hand after them is still told as one."""
    from engine import reportlines

    reads = 0
    goes_on = reportlines._Wrapped.goes_on

    def counted(self: Any, number: int, raw: bytes | None) -> Any:
        nonlocal reads
        reads += 1
        return goes_on(self, number, raw)

    monkeypatch.setattr(reportlines._Wrapped, "goes_on", counted)
    text = '{"a": [\n' * 300 + 'x\n{"id": "e1", "type": "order",\n"order": {"total": 10}}\n'
    counts, told = ReportCounts(), []
    count_lines(io.BytesIO(text.encode()), "f.jsonl", counts, told.append)
    assert reads < 3 * 300, reads
    assert all("cut short" in line for line in told[:300])
    assert "an event written over lines 302 to 303" in told[-1]
    assert counts.unreadable == 303


def test_the_line_that_breaks_an_object_may_open_an_event_its_middle_lines_told() -> None:
    """An object cut short broken on its fourth line: the lines between are each told, in
    order, and the line that broke it opens an event wrapped by hand (mutants leaving out the
    lines between, or the one before the last, survived)."""
    text = '{"id": "e0", "a": [\n1,\n2\n{"id": "e1", "type": "order",\n"order": {"total": 10}}\n'
    counts, told = ReportCounts(), []
    count_lines(io.BytesIO(text.encode()), "f.jsonl", counts, told.append)
    assert [line.split(":")[1] for line in told] == ["1", "2", "3", "4"]
    assert "cut short" in told[0]
    assert "an event written over lines 4 to 5" in told[3]
    assert counts.unreadable == 5


def _example_events() -> list[dict[str, object]]:
    return [
        json.loads((REPO / "examples" / "events" / name).read_text(encoding="utf-8"))
        for name in ("wrong-item.json", "billing-error.json")
    ]


def test_an_array_of_events_on_one_line_is_told_to_be_decided_first(tmp_path: Path) -> None:
    """An app's export of complaints as a JSON array on one line was told to be written one a
    line with `jq -c`, whose lines were then each left out as an event (found by review). It
    is told as events to decide first, with the command."""
    path = tmp_path / "complaints.json"
    path.write_text(json.dumps(_example_events()) + "\n", encoding="utf-8")
    result = run(["report", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"backplan: {path}:1: left out: a JSON array of 2 events on one line, not decisions, "
        f"and none of it is read: decide them first, `backplan eval {path} | backplan report -`\n"
    )


def test_an_array_of_events_on_a_later_line_is_told_how_to_decide_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Eval decides a JSON array of events on one line only as its input's first: after an
    event's line it gives the array an error record, "found a list". Told there to "decide
    them first" with eval on the file, a manager following it got that error record (found
    by review); the array's events are to be written one a line first, then decided."""
    monkeypatch.chdir(tmp_path)
    events = _example_events()
    first = {**events[0], "id": "before-the-array"}
    path = tmp_path / "complaints.jsonl"
    path.write_text(f"{json.dumps(first)}\n{json.dumps(events)}\n", encoding="utf-8")
    told = run(["report", "--plan", str(REPO / "rules"), str(path)]).stderr.splitlines()
    assert told[1] == (
        f"backplan: {path}:2: left out: a JSON array of 2 events on one line, not decisions, "
        "and none of it is read: `backplan eval` decides such an array only on the first line "
        "of its input; to decide them, write them one event a line, `jq -c 'if type == "
        f'"array" then .[] else . end\' {path} > events.jsonl`, then `backplan eval '
        "events.jsonl | backplan report -`"
    )
    decided = run(["eval", "--plan", str(REPO / "rules"), str(path)]).stdout.splitlines()
    assert '"format":"backplan.error/1"' in decided[1]  # eval on the file refuses the array
    (tmp_path / "events.jsonl").write_text(  # what the jq command writes
        "".join(f"{json.dumps(event)}\n" for event in [first, *events]), encoding="utf-8"
    )
    decided = run(["eval", "--plan", str(REPO / "rules"), "events.jsonl"]).stdout.splitlines()
    assert all('"format":"backplan.decision/1"' in line for line in decided)
    assert len(decided) == 3


def test_an_array_of_events_written_over_lines_is_told_once_as_events(tmp_path: Path) -> None:
    """The same export written over lines (as `json.dumps(..., indent=2)` writes it) is told
    once, as the array of events it is, where it had been told to be written one a line."""
    path = tmp_path / "complaints.json"
    text = json.dumps(_example_events(), indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
    result = run(["report", str(path)])
    assert result.exit_code == 1
    last = text.count("\n")
    assert result.stderr == (
        f"backplan: {path}:1: left out: a JSON array of 2 events written over several lines, "
        f"to line {last} (as `jq -s .` writes it), not decisions: none is read; decide them "
        f"first, `backplan eval {path} | backplan report -`; to write them one event a line, "
        f"`jq -c '.[]' {path} > events.jsonl`\n"
    )


def test_an_example_event_is_told_as_one_event_to_decide(tmp_path: Path) -> None:
    """An example event (one event written over lines, as `jq .` writes it) is told as one
    event, in the singular, with how to decide it and write it on one line."""
    path = REPO / "examples" / "events" / "wrong-item.json"
    last = path.read_text(encoding="utf-8").count("\n")
    result = run(["report", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"backplan: {path}:1: left out: an event written over several lines, to line {last} "
        f"(as `jq .` writes it), not a decision: it is not read; decide it first, `backplan "
        f"eval {path} | backplan report -`; to write it on one line, `jq -c . {path} > "
        f"events.jsonl`\n"
    )
