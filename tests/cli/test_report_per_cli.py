"""`backplan report --per FIELD --events FILE`: the decisions and their cost per value of a
field of their events (per store), joined by event id, and its usage errors."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine.cli import cli
from engine.reportmodel import Report
from tests.conftest import REPO, check_golden

GOLDEN = REPO / "tests" / "golden" / "report"
EXAMPLES = sorted(str(p.relative_to(REPO)) for p in (REPO / "examples" / "events").glob("*.json"))


def run(args: list[str], stdin: str | None = None) -> Any:
    return CliRunner().invoke(cli, args, input=stdin)


@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[str, str]:
    """The example complaints as one file of events, and eval's decisions of them."""
    monkeypatch.chdir(REPO)
    events = tmp_path / "events.json"
    events.write_text("".join(Path(p).read_text(encoding="utf-8") for p in EXAMPLES))
    decided = run(["eval", str(events)])
    assert decided.exit_code == 0, decided.output
    decisions = tmp_path / "decisions.jsonl"
    decisions.write_text(decided.stdout)
    return str(decisions), str(events)


def test_the_cost_per_channel_of_the_examples_matches_golden(files: tuple[str, str]) -> None:
    decisions, events = files
    result = run(["report", decisions, "--events", events, "--per", "channel"])
    assert (result.exit_code, result.stderr) == (0, "")
    shown = result.stdout.split("\n\nBy channel", 1)[1].split("\n\n", 1)[0]
    check_golden(GOLDEN / "per-channel.txt", f"By channel{shown}\n")


def test_the_cost_per_channel_as_json_matches_golden(files: tuple[str, str]) -> None:
    decisions, events = files
    args = ["report", decisions, "--events", events, "--per", "channel", "--format", "json"]
    result = run(args)
    assert (result.exit_code, result.stderr) == (0, "")
    document = json.loads(result.stdout)
    Report.model_validate(document)  # `backplan schema report` says what it holds
    check_golden(GOLDEN / "per-channel.json", json.dumps(document["by_field"], indent=2) + "\n")


def test_stores_missing_values_and_events_not_given_are_each_named(
    files: tuple[str, str], tmp_path: Path
) -> None:
    """Every decision counted once, under its event's store (the last one given), `(no
    store)`, or the events not given; `1` and `"1"` apart; a line eval could not read and an
    id with two stores said on stderr."""
    decisions, _ = files
    more = tmp_path / "more.jsonl"
    more.write_text(
        '{"id":"evt-1016","store":7}\n{"id":"evt-1017","store":"7"}\nnot json\n'
        '{"id":"evt-1014"}\n{"id":"evt-1016","store":"Acme Mall"}\n'
    )
    result = run(["report", decisions, "--events", str(more), "--per", "store"])
    assert result.exit_code == 0
    assert result.stderr == (
        f"backplan: {more}: 1 event eval could not read (an error record each, no decision): "
        "none is counted under a value of --per; the first, at line 3: not valid JSON: a word "
        "JSON does not know (at line 3, column 1); true, false and null are written in full, in "
        "small letters\n"
        f"backplan: event evt-1016 has two values of store: 7 at {more}:1, Acme Mall at "
        f"{more}:5; its decisions are counted under Acme Mall, its last\n"
        f"backplan: {decisions}:3: 23 of the 26 decisions counted are of events not among the "
        "events given (the first: event `evt-1006`): they are counted under (event not in the "
        "events given), in no value of store; give --events every file of events eval decided "
        "them from, or only the decisions of those events\n"
    )
    shown = result.stdout.split("\n\nBy store", 1)[1].split("\n\n", 1)[0]
    assert f"By store{shown}" == (
        "By store (from 3 events given)\n"
        "  store                            decisions  with a gesture  amount  "
        "awaiting approval\n"
        "  (event not in the events given)         23              14  324.90             "
        "138.00  USD\n"
        "  (no store)                               1               1   15.00               "
        "0.00  USD\n"
        '  "7"                                      1               1   10.00               '
        "0.00  USD\n"
        "  Acme Mall                                1               1    8.64               "
        "0.00  USD\n"
        "  total                                   26              17  358.54             "
        "138.00  USD"
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--per", "store"], "--per store reads store in the events eval decided, which a "),
        (["--events", "E"], "--events is read to split the decisions by a field of their "),
        (["--per", "a b", "--events", "E"], "`a b` is not a field of an event as a rule "),
        (["--per", "store", "--events", "-"], "standard input (-) can be read once: give "),
    ],
)
def test_one_option_without_the_other_is_a_usage_error_saying_what_to_add(
    files: tuple[str, str], args: list[str], said: str
) -> None:
    decisions, events = files
    given = [events if arg == "E" else arg for arg in args]
    result = run(["report", *([] if "-" in given else [decisions]), *given], "")
    assert result.exit_code == 2
    assert said in " ".join(result.stderr.split())
    assert "Traceback" not in result.output


def test_the_docs_show_the_real_cost_per_channel() -> None:
    page = (REPO / "docs" / "report.md").read_text(encoding="utf-8")
    shown = page.split("`--per channel`\nadds:\n\n```text\n", 1)[1].split("```", 1)[0]
    assert shown == (GOLDEN / "per-channel.txt").read_text(encoding="utf-8")


def test_by_a_field_is_told_the_option_that_splits_by_one(files: tuple[str, str]) -> None:
    """`--by` names the trend's periods: `--by store`, as a manager asks for the cost per
    site, is told of `--per`."""
    result = run(["report", files[0], "--by", "store"])
    assert result.exit_code == 2
    assert (
        "Invalid value for '--by': 'store' is not one of 'day', 'week', 'month'. --by counts "
        "the trend in periods; to split the report by a field of the events (the store, the "
        "region), give --per FIELD --events EVENTS.jsonl."
    ) in " ".join(result.stderr.split())


def test_decisions_given_as_events_are_said_so(files: tuple[str, str]) -> None:
    """The file of decisions given as events had every decision counted as of an event not
    given, without a word."""
    decisions, _ = files
    result = run(["report", decisions, "--events", decisions, "--per", "store"])
    assert result.exit_code == 1  # no event kept: every decision's event not given
    assert result.stderr == (
        f"backplan: {decisions}: 26 lines of what eval writes (decisions or error records), not "
        "events: give --events the events given to eval, and the decisions as the report's "
        "files\n"
        f"backplan: {decisions}:1: all 26 decisions counted are of events not among the "
        "events given (the first: event `evt-1016`): they are counted under (event not in the "
        "events given), in no value of store; give --events every file of events eval decided "
        "them from, or only the decisions of those events\n"
    )


def test_files_of_events_among_the_decisions_are_told_to_follow_their_own_events_option(
    files: tuple[str, str],
) -> None:
    """`--events events/*.json` gives --events the first file and the report the others as
    decisions (click takes one value an option); they had been told to be decided and piped
    into `backplan report -`, which does not say why they were there."""
    decisions, _ = files
    result = run(["report", decisions, "--per", "channel", "--events", *EXAMPLES[:3]])
    assert result.exit_code == 1
    left_out, not_given = result.stderr.splitlines()  # the decisions of events not given too
    assert left_out == (
        f"backplan: left out: 2 files of events given as decisions ({EXAMPLES[1]} and 1 more): "
        "--events takes one file, so `--events events/*.jsonl` gives it the first and the "
        "others as decisions; give each file of events after its own --events (`--events "
        "a.jsonl --events b.jsonl`), or join them into one first (`cat events/*.jsonl > "
        "events.jsonl`)"
    )
    assert ": 25 of the 26 decisions counted are of events not among the events given" in (
        not_given
    )
    assert "By channel (from 1 event given)" in result.stdout


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_decisions_of_events_not_given_are_said_on_stderr(
    files: tuple[str, str], tmp_path: Path, fmt: str
) -> None:
    """Last week's events given beside six weeks of decisions (or one country's events file
    forgotten) had the decisions of the others counted under "(event not in the events
    given)" with nothing on stderr: a script reading the JSON could not tell its split left
    most decisions out. Said once, with the first such event and where its decision is."""
    decisions, events = files
    some = tmp_path / "some.json"
    some.write_text("".join(Path(p).read_text(encoding="utf-8") for p in EXAMPLES[:10]))
    args = ["report", decisions, "--events", str(some), "--per", "store", "--format", fmt]
    result = run(args)
    assert result.exit_code == 0
    assert result.stderr.startswith(f"backplan: {decisions}:")
    assert result.stderr.endswith(
        ": 16 of the 26 decisions counted are of events not among the events given (the first: "
        f"event `{result.stderr.split('`')[1]}`): they are counted under (event not in the "
        "events given), in no value of store; give --events every file of events eval decided "
        "them from, or only the decisions of those events\n"
    )
    assert result.stderr.count("\n") == 1
    full = run(["report", decisions, "--events", events, "--per", "store", "--format", fmt])
    assert (full.exit_code, full.stderr) == (0, "")


def test_the_one_decision_of_an_event_not_given_is_told_in_the_singular(
    files: tuple[str, str], tmp_path: Path
) -> None:
    """One decision, its event not given, had been told "1 of the 1 decision counted is of
    events not among the events given ...: they are counted"."""
    decisions, _ = files
    one = tmp_path / "one.jsonl"
    one.write_text(Path(decisions).read_text(encoding="utf-8").splitlines()[0] + "\n")
    other = tmp_path / "other.json"
    other.write_text('{"id": "someone-else", "type": "review"}\n', encoding="utf-8")
    result = run(["report", str(one), "--events", str(other), "--per", "store"])
    assert result.exit_code == 0
    assert result.stderr == (
        f"backplan: {one}:1: the one decision counted is of an event not among the events given "
        "(event `evt-1016`): it is counted under (event not in the events given), in "
        "no value of store; give --events every file of events eval decided it from, or only "
        "the decisions of those events\n"
    )


def test_a_whole_number_written_with_a_point_is_the_same_value(
    files: tuple[str, str], tmp_path: Path
) -> None:
    """JSON holds a number, not how it was written: the store `12` sent as `12.0` (and `0`
    as `-0.0`, `[1]` as `[1.0]`) by another system had been a line of its own; `"12"` and
    `true` stay values of their own."""
    decisions, _ = files
    more = tmp_path / "more.jsonl"
    more.write_text(
        '{"id":"evt-1016","store":12}\n{"id":"evt-1017","store":12.0}\n'
        '{"id":"evt-1018","store":"12"}\n{"id":"evt-1019","store":0}\n'
        '{"id":"evt-1020","store":-0.0}\n{"id":"evt-1021","store":[1]}\n'
        '{"id":"evt-1022","store":[1.0]}\n{"id":"evt-1023","store":1.5}\n'
    )
    args = ["report", decisions, "--events", str(more), "--per", "store", "--format", "json"]
    result = run(args)
    assert result.exit_code == 0
    assert result.stderr.count("\n") == 1  # the 18 decisions whose events are not in more.jsonl
    assert "18 of the 26 decisions counted are of events not among the events given" in (
        result.stderr
    )
    split = json.loads(result.stdout)["by_field"]
    counts = {
        json.dumps(v["value"]): v["decisions"] for v in split["values"] if v["group"] == "value"
    }
    assert {k: counts.get(k) for k in ("12", '"12"', "0", "[1]", "1.5")} == {
        "12": 2,
        '"12"': 1,
        "0": 2,
        "[1]": 2,
        "1.5": 1,
    }
    assert not {"12.0", "-0.0", "[1.0]"} & set(counts)


def test_events_gzipped_or_empty_say_why_none_was_kept(
    files: tuple[str, str], tmp_path: Path
) -> None:
    """A gzip file of events had been told "1 event eval could not read", as if one line were
    lost, not every event of it, and an empty one not told at all: every decision was counted
    under "(event not in the events given)" with no word why."""
    decisions, events = files
    packed = tmp_path / "events.json.gz"
    packed.write_bytes(gzip.compress(Path(events).read_bytes()))
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    result = run(
        ["report", decisions, "--per", "store", "--events", str(packed), "--events", str(empty)]
    )
    assert result.exit_code == 1  # no event kept from either input: a split that is all wrong
    assert result.stderr == (
        f"backplan: {packed}: 1 event eval could not read (an error record each, no decision): "
        "none is counted under a value of --per; the first, at line 1: the input is compressed "
        "(gzip), so its lines are not events: decompress it on the way in, with `zcat` or "
        "`gunzip -c`\n"
        f"backplan: {empty} holds no event: none is counted under a value of --per; give "
        "--events the events given to eval\n"
        f"backplan: {decisions}:1: all 26 decisions counted are of events not among the "
        "events given (the first: event `evt-1016`): they are counted under (event not in "
        "the events given), in no value of store; give --events every file of events eval "
        "decided them from, or only the decisions of those events\n"
    )


def test_a_field_named_with_a_control_character_is_refused_with_it_escaped() -> None:
    """A terminal acts on an ESC: the name of a field refused is written as an error
    message quotes a value."""
    from engine.eventvalues import field_refused

    assert field_refused("st\x1b[2Jore") == (
        "`st\\x1b[2Jore` is not a field of an event as a rule names one, such as `store` or "
        "`customer.tier`"
    )
