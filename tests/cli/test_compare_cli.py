"""`backplan compare`: two files of eval's decisions paired, golden text and JSON, bad lines,
an empty side, standard input, the same file twice, plan files and exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from jsonschema import Draft202012Validator

from engine.cli import cli
from engine.comparemodel import Comparison
from engine.resources import load_schema
from tests.conftest import REPO, check_golden

GOLDEN = REPO / "tests" / "golden" / "compare"
BEFORE = GOLDEN / "before.jsonl"
AFTER = GOLDEN / "after.jsonl"


def run(args: list[str], stdin: str | bytes | None = None) -> Any:
    return CliRunner().invoke(cli, ["compare", *args], input=stdin)


def test_the_hand_made_pair_matches_golden_text(monkeypatch: Any) -> None:
    monkeypatch.chdir(GOLDEN)
    result = run(["before.jsonl", "after.jsonl"])
    assert (result.exit_code, result.stderr) == (0, "")
    check_golden(GOLDEN / "compare.txt", result.stdout)


def test_the_hand_made_pair_matches_golden_json(monkeypatch: Any) -> None:
    monkeypatch.chdir(GOLDEN)
    result = run(["--format", "json", "before.jsonl", "after.jsonl"])
    assert (result.exit_code, result.stderr) == (0, "")
    document = json.loads(result.stdout)
    Comparison.model_validate(document)
    Draft202012Validator(load_schema("compare")).validate(document)
    assert document["events"] == {
        "alike": 2,
        "changed": 4,
        "in_both": 6,
        "only_after": 1,
        "only_before": 1,
    }
    assert document["compensation"][0]["change"] == "+8.86"
    assert result.stdout == json.dumps(document, sort_keys=True, separators=(",", ":")) + "\n"
    check_golden(GOLDEN / "compare.json", result.stdout)


def test_the_same_file_twice_is_all_alike() -> None:
    result = run([str(BEFORE), str(BEFORE)])
    assert result.exit_code == 0 and result.stderr == ""
    assert "Backplan compare: 0 of 7 events in both files would change" in result.stdout
    assert "One plan version made both sides" in result.stdout
    assert "Changed events" not in result.stdout and "What changed" not in result.stdout


def test_standard_input_may_be_either_side() -> None:
    named = run(["--format", "json", str(BEFORE), str(AFTER)])
    for args in (["-", str(AFTER)], [str(BEFORE), "-"]):
        given = BEFORE if args[0] == "-" else AFTER
        piped = run(["--format", "json", *args], given.read_bytes())
        assert piped.exit_code == 0, piped.output
        document = json.loads(piped.stdout)
        expected = json.loads(named.stdout)
        side = "before" if args[0] == "-" else "after"
        assert document[side]["source"] == "<stdin>"
        document[side]["source"] = expected[side]["source"]
        assert document == expected


def test_both_sides_on_standard_input_is_refused() -> None:
    result = run(["-", "-"], "")
    assert result.exit_code == 2
    assert "BEFORE and AFTER are both `-`" in result.stderr


def test_bad_lines_on_either_side_are_named_and_the_rest_compared(tmp_path: Path) -> None:
    lines = BEFORE.read_text(encoding="utf-8").splitlines(keepends=True)
    before = tmp_path / "b.jsonl"
    before.write_text("".join([lines[0], "not json\n", *lines[1:]]), encoding="utf-8")
    after = tmp_path / "a.jsonl"
    after.write_text(AFTER.read_text(encoding="utf-8") + '{"format": "x"}\n', encoding="utf-8")
    result = run(["--format", "json", str(before), str(after)])
    assert result.exit_code == 1
    assert f"{before}:2: left out:" in result.stderr.replace("backplan: ", "")
    assert f"{after}:8: left out:" in result.stderr.replace("backplan: ", "")
    document = json.loads(result.stdout)
    assert (document["before"]["unreadable"], document["after"]["unreadable"]) == (1, 1)
    assert document["events"]["in_both"] == 6 and document["events"]["changed"] == 4


def test_an_empty_side_leaves_every_event_on_the_other(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    result = run(["--format", "json", str(empty), str(AFTER)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["events"] == {
        "alike": 0,
        "changed": 0,
        "in_both": 0,
        "only_after": 7,
        "only_before": 0,
    }
    assert [m["before"] for m in document["compensation"]] == ["0.00"]
    assert all(r["fired_in"] == "after" for r in document["rules"])
    text = run([str(AFTER), str(empty)])
    assert text.exit_code == 0 and "0 only after" in text.stdout and "7 only before" in text.stdout
    assert "One plan version" not in text.stdout  # the empty side was made by no plan
    assert document["same_plan"] is False


def test_a_folder_is_told_what_compare_takes(tmp_path: Path) -> None:
    """Report's hint (`backplan report --plan rules DECISIONS.jsonl`) named another command."""
    result = run([str(REPO / "rules"), str(AFTER)])
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "decide the same events with the plan in it first, `backplan eval --plan" in said
    assert "`backplan compare BEFORE.jsonl AFTER.jsonl`" in said and "report" not in said
    result = run([str(AFTER), str(tmp_path)])
    assert result.exit_code == 2
    assert "name one file of decisions for each side" in " ".join(result.stderr.split())


def test_an_event_decided_twice_otherwise_is_told_and_its_first_compared(tmp_path: Path) -> None:
    lines = AFTER.read_text(encoding="utf-8").splitlines(keepends=True)
    after = tmp_path / "a.jsonl"
    other = json.loads(lines[1]) | {"event_id": "evt-1006"}  # evt-1006 decided otherwise
    after.write_text("".join([*lines, json.dumps(other) + "\n"]), encoding="utf-8")
    result = run(["--show", "0", str(BEFORE), str(after)])
    assert result.exit_code == 0
    assert "1 event decided again with another decision (the first: event `evt-1006`)" in (
        result.stderr
    )
    assert "(2 decided alike, 4 changed)" in result.stdout
    assert "1 event after had another decision again" in result.stdout
    assert "Changed events" not in result.stdout


def test_an_event_id_of_text_that_reads_as_a_number_is_shown_in_quotes(tmp_path: Path) -> None:
    """`"1"` and `1` are two events, paired apart; both changed, both had been listed as
    `1`, the reader left to guess which line was which event."""
    before_line, after_line = BEFORE.read_text(encoding="utf-8").splitlines()[0], None
    for line in AFTER.read_text(encoding="utf-8").splitlines():
        if json.loads(line).get("event_id") == json.loads(before_line)["event_id"]:
            after_line = line
    assert after_line is not None and after_line != before_line
    sides = []
    for name, line in (("b.jsonl", before_line), ("a.jsonl", after_line)):
        path = tmp_path / name
        path.write_text(
            "".join(json.dumps(json.loads(line) | {"event_id": i}) + "\n" for i in (1, "1")),
            encoding="utf-8",
        )
        sides.append(str(path))
    result = run(sides)
    assert result.exit_code == 0, result.output
    changed = result.stdout.split("Changed events (all,")[1].splitlines()[1:]
    assert [line.split(": ")[0] for line in changed if line[:4] != "    "] == ["  1", '  "1"']


def test_show_lists_only_as_many_changed_events_as_asked() -> None:
    result = run(["--show", "1", str(BEFORE), str(AFTER)])
    assert "Changed events (the first 1 of 4, in the order of" in result.stdout
    assert "evt-1014: parameters, compensation" in result.stdout
    assert "evt-1009" not in result.stdout
    assert run(["--show", "-1", str(BEFORE), str(AFTER)]).exit_code == 2


def test_a_plan_file_given_as_a_side_is_refused_with_what_to_do(tmp_path: Path) -> None:
    result = run([str(REPO / "rules" / "00-plan.yaml"), str(AFTER)])
    assert result.exit_code == 2 and result.stdout == ""
    assert "is a plan file (YAML), not decisions, so nothing was compared" in result.stderr
    assert "backplan eval --plan" in result.stderr


def test_a_plan_piped_as_a_side_ends_with_exit_2_and_no_comparison() -> None:
    plan = (REPO / "rules" / "00-plan.yaml").read_bytes()
    result = run(["-", str(AFTER)], plan)
    assert result.exit_code == 2 and result.stdout == ""
    assert "is a plan file (YAML)" in result.stderr


def test_a_missing_side_is_a_usage_error(tmp_path: Path) -> None:
    result = run([str(tmp_path / "gone.jsonl"), str(AFTER)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_the_output_is_the_same_bytes_every_time() -> None:
    first = run([str(BEFORE), str(AFTER)]).stdout
    assert all(run([str(BEFORE), str(AFTER)]).stdout == first for _ in range(3))


def test_a_side_of_events_alone_is_told_how_to_decide_them_for_compare() -> None:
    """Report's note piped eval into `backplan report -`, which compares nothing."""
    events = REPO / "examples" / "events" / "late-delivery-long.json"
    result = run([str(events), str(AFTER)])
    assert result.exit_code == 1
    said = " ".join(result.stderr.split())
    assert "it holds events, not decisions, so none of it was compared" in said
    assert f"`backplan eval --plan v1 {events} > before.jsonl`" in said
    assert "backplan report" not in said


def test_a_side_that_fails_midway_ends_with_exit_2_and_no_comparison(
    monkeypatch: Any, tmp_path: Path
) -> None:
    """Half a side compared would read as events only in the other: nothing is printed."""
    import io

    from tests.conftest import FailingDisk

    failing = tmp_path / "b.jsonl"
    failing.write_bytes(b"")
    real_open = Path.open
    half = BEFORE.read_bytes()[:2000]

    def opening(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == failing:
            return io.BufferedReader(FailingDisk(half), 8)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", opening)
    result = run([str(failing), str(AFTER)])
    assert result.stderr.endswith(f"backplan: {failing}: cannot read it: Input/output error\n")
    assert result.exit_code == 2 and result.stdout == ""


def test_a_side_in_another_shape_is_told_to_pipe_it_into_compare(tmp_path: Path) -> None:
    """A compressed side, or one written over several lines, is told the command that gives
    it to compare, the other side in its place: both had been told to pipe it into
    `backplan report -`, which compares nothing."""
    import gzip

    packed = tmp_path / "before.jsonl.gz"
    packed.write_bytes(gzip.compress(BEFORE.read_bytes()))
    result = run([str(packed), str(AFTER)])
    assert f"`zcat {packed} | backplan compare - {AFTER}`" in result.stderr
    assert "backplan report" not in result.stderr
    spread = tmp_path / "after.json"
    spread.write_text(json.dumps(json.loads(AFTER.read_text().splitlines()[0]), indent=2))
    result = run([str(BEFORE), str(spread)])
    assert f"`jq -c . {spread} | backplan compare {BEFORE} -`" in result.stderr
    result = run(["-", str(packed)], stdin=BEFORE.read_bytes())
    assert f"`zcat {packed} | backplan compare BEFORE.jsonl -`" in result.stderr
    assert "backplan report" not in result.stderr
    csv = tmp_path / "after.csv"
    csv.write_text("event_id,rule\ne1,late\n")
    assert "compare reads the lines `backplan eval` writes" in run([str(BEFORE), str(csv)]).stderr


def test_an_event_whose_sides_read_alike_is_shown_in_one_line() -> None:
    """evt-1009's parameters changed, its rules and gesture did not: two lines the same,
    `before:` and `after:`, had read as a fault of the tool."""
    result = run([str(BEFORE), str(AFTER)])
    shown = result.stdout.split("  evt-1009: parameters\n", 1)[1].splitlines()
    assert shown[0] == "    before and after: defective-product; 25.00 USD"
    assert shown[1].startswith("  evt-")  # the next event: no second line of the same


def test_error_records_of_no_event_id_are_said_paired_with_nothing(tmp_path: Path) -> None:
    """Three error records, two of no event id, had been told "1 in both; 0 only before; 0
    only after", the two left out of every count of events unsaid."""
    records = [
        {"format": "backplan.error/1", "event_id": "a1", "error": {"code": "bad-time"}},
        {"format": "backplan.error/1", "event_id": None, "error": {"code": "bad-json"}},
        {"format": "backplan.error/1", "event_id": None, "error": {"code": "missing-id"}},
    ]
    side = tmp_path / "refused.jsonl"
    side.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = run([str(side), str(side)])
    assert "Events: 1 in both (1 decided alike, 0 changed)" in result.stdout
    assert "Before: 2 error records of no event id (eval could read none)" in result.stdout
    assert "After: 2 error records of no event id" in result.stdout
    document = json.loads(run(["--format", "json", str(side), str(side)]).stdout)
    assert document["before"]["no_event_id"] == document["after"]["no_event_id"] == 2
    Draft202012Validator(load_schema("compare")).validate(document)


def test_an_event_among_decisions_is_told_for_compare(tmp_path: Path) -> None:
    """An event's line among a side's decisions had been told "report on what `backplan
    eval` writes for it", and the lines after it to pipe into `backplan report -`."""
    event = '{"id": "e9", "type": "order", "occurred_at": "2026-11-23T09:30:00Z"}\n'
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(BEFORE.read_text() + event + event.replace("e9", "e10"))
    result = run([str(mixed), str(AFTER)])
    assert "an event, not a decision: give `backplan compare` what `backplan eval` writes" in (
        result.stderr
    )
    assert f"| backplan compare - {AFTER}`" in result.stderr
    assert "report" not in result.stderr
