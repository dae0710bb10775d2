"""`backplan eval`: one JSONL line per input event, in order, with clear exit codes."""

from __future__ import annotations

import io
import json
import os
import select
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine.answering import _BATCH_LINES, _write_answers
from engine.cli import cli
from engine.inputevent import InputEvent
from engine.limits import MAX_INT_ID, MIN_INT_ID
from tests.conftest import PLAN_HEADER, REPO, FailingDisk, records_said, write_plan

PLAN = """
rules:
  - id: bad-review
    title: Bad review
    when: {event: review, all: [{field: rating, lte: 2}]}
    then: [{apologize: {within: 1h}}]
  - id: improvise
    title: Nothing fits
    fallback: true
    then: [{escalate: {to: cx-lead, within: 30m}}]
"""


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    return write_plan(tmp_path, PLAN)


def run(args: list[str], stdin: str | bytes | None = None) -> Any:
    return CliRunner().invoke(cli, args, input=stdin)


def lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines()]


def test_jsonl_from_stdin_one_line_per_event_in_order(plan_path: Path) -> None:
    stdin = "\n".join(
        [
            '{"id": "a", "type": "review", "rating": 1}',
            "",
            "not json",
            '{"id": "b", "type": "order"}',
            "[1, 2]",
            '{"type": "review"}',
            '{"id": "c", "type": "review", "rating": 5}',
        ]
    )
    result = run(["eval", "--plan", str(plan_path), "-"], stdin)
    assert result.exit_code == 1
    records = lines(result.stdout)
    assert len(records) == 6  # the blank line is not an event
    assert records[0]["matched"] == ["bad-review"]
    assert records[1]["error"] == {
        "code": "bad-json",
        "line": 3,
        "index": 1,
        "source": "<stdin>",
        "message": records[1]["error"]["message"],
    }
    assert records[2]["event_id"] == "b" and records[2]["fallback"] is True
    assert records[3]["error"]["code"] == "not-an-object" and records[3]["error"]["line"] == 5
    assert records[4]["error"]["code"] == "missing-id" and records[4]["error"]["line"] == 6
    assert records[5]["event_id"] == "c"


def _rejecting(
    plan_path: Path, events: Path, text: str, stdin: bool
) -> tuple[str, list[dict[str, Any]]]:
    """The source named and the records of ``eval`` of ``text``, from the file ``events`` or
    from stdin, which rejects some of its lines."""
    events.write_text(text)
    source = "<stdin>" if stdin else str(events)
    args = ["eval", "--plan", str(plan_path), *([] if stdin else [str(events)])]
    result = run(args, stdin=text if stdin else None)
    assert result.exit_code == 1
    return source, lines(result.stdout)


@pytest.mark.parametrize(
    ("blank", "end", "join"),
    [("", 2, "1 and 2"), ("\n", 3, "1 to 3")],
    ids=["two-lines", "a-blank-line-inside"],
)
@pytest.mark.parametrize("stdin", [False, True], ids=["file", "stdin"])
def test_an_event_cut_over_two_lines_names_the_lines_to_join(
    plan_path: Path, tmp_path: Path, stdin: bool, blank: str, end: int, join: str
) -> None:
    """The first event of a log written over two lines: line 1 had been told to add a `}`
    that is on line 2, and line 2 "unexpected content after document" (found by review). So
    had it with a blank line inside (pasted with an empty line): the blank line gets no
    record, as a blank line never does, and the event after it is decided, its index the next
    (found by review)."""
    text = (
        '{"id": "a1", "type": "review",\n'
        f'{blank} "occurred_at": "2026-11-23T09:30:00Z"}}\n'
        '{"id": "a2", "type": "review", "occurred_at": "2026-11-23T09:30:00Z"}\n'
    )
    source, records = _rejecting(plan_path, tmp_path / "events.jsonl", text, stdin)
    join = f"each event must be on one line; join lines {join} and send it again"
    assert [record.get("error") for record in records] == [
        {
            "code": "bad-json",
            "line": 1,
            "index": 0,
            "source": source,
            "message": f"not valid JSON Lines: this event goes on at line {end}, and {join}",
        },
        {
            "code": "bad-json",
            "line": end,
            "index": 1,
            "source": source,
            "message": "not valid JSON Lines: this line is the end of the event that starts at "
            f"line 1, and {join}",
        },
        None,
    ]
    # each line's record names the event its lines make joined: it had said null
    assert [record["event_id"] for record in records] == ["a1", "a1", "a2"]


@pytest.mark.parametrize("stdin", [False, True], ids=["file", "stdin"])
def test_an_event_cut_over_two_lines_with_a_mistake_names_the_lines_and_the_mistake(
    plan_path: Path, tmp_path: Path, stdin: bool
) -> None:
    """An event cut over two lines with a comma before its `}`: line 1 had been told its `{` is
    never closed, add `}`, and line 2 "there is more after the event's end", neither the comma
    nor that the event is cut over lines (found by review). Each is told both now; the event
    after it is decided."""
    text = (
        '{"id": "a", "type": "review",\n'
        ' "rating": 1,}\n'
        '{"id": "a2", "type": "review", "occurred_at": "2026-11-23T09:30:00Z"}\n'
    )
    source, records = _rejecting(plan_path, tmp_path / "two.json", text, stdin)
    told = (
        "each event must be on one line; join lines 1 and 2 and send it again, once this is "
        "mended: a comma after the last item of a list or object (at line 2, column 13); "
        "remove it"
    )
    assert [record.get("error") for record in records] == [
        {
            "code": "bad-json",
            "line": 1,
            "index": 0,
            "source": source,
            "message": f"not valid JSON Lines: this event goes on at line 2, and {told}",
        },
        {
            "code": "bad-json",
            "line": 2,
            "index": 1,
            "source": source,
            "message": "not valid JSON Lines: this line is the end of the event that starts at "
            f"line 1, and {told}",
        },
        None,
    ]
    assert [record["event_id"] for record in records] == [None, None, "a2"]


@pytest.mark.parametrize(
    ("first", "event_id"),
    [
        ('{"id": "a1", "type": "review",', "a1"),
        ('{"id": 7, "type": "review",', 7),
        ('{"type": "review",', None),  # no id
        ('{"id": "", "type": "review",', None),  # no id either, as anywhere
        ('{"id": {"n": 1}, "type": "review",', None),  # not an id eval reads
        ('{"id": "' + "x" * 300 + '", "type": "review",', None),  # too long to echo
    ],
    ids=["text", "number", "none", "empty", "object", "too-long"],
)
def test_the_records_of_an_event_cut_over_lines_name_its_id_and_report_counts_each(
    plan_path: Path, tmp_path: Path, first: str, event_id: object
) -> None:
    """Each record of an event cut over four lines names the event's id, as an error record
    does when the id can be read, so a manager finds the event to mend; and `backplan report`
    counts each of the four: the two middle lines name their own number, or the report had
    taken the second for the first given twice (same event, same words)."""
    whole = '{"id": "z0", "type": "review", "occurred_at": "2026-11-23T09:30:00Z"}\n'
    rest = '\n "rating": 1,\n "channel": "email",\n "occurred_at": "2026-11-23T09:30:00Z"}\n'
    text = whole + first + rest  # (an object alone over the input's lines is one event)
    events = tmp_path / "events.jsonl"
    events.write_text(text)
    result = run(["eval", "--plan", str(plan_path), str(events)])
    assert result.exit_code == 1
    records = lines(result.stdout)
    assert [record["event_id"] for record in records] == ["z0", *[event_id] * 4]
    assert [record["error"]["line"] for record in records[1:]] == [2, 3, 4, 5]
    decided = tmp_path / "decided.jsonl"
    decided.write_text(result.stdout)
    report = run(["report", str(decided)])
    assert "4 error records (events eval could not decide: bad-json 4)" in report.stdout
    assert "repeated" not in report.stdout


def test_all_decided_exits_zero_and_output_is_canonical(plan_path: Path, tmp_path: Path) -> None:
    events = tmp_path / "events.json"
    events.write_text(
        json.dumps([{"type": "review", "id": 1, "rating": 2}, {"id": 2, "type": "x-y"}])
    )
    result = run(["eval", "--plan", str(plan_path), str(events)])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first == json.dumps(json.loads(first), sort_keys=True, separators=(",", ":"))
    again = run(["eval", "--plan", str(plan_path), str(events)])
    assert again.stdout == result.stdout


def test_a_single_pretty_printed_object(plan_path: Path, tmp_path: Path) -> None:
    event = tmp_path / "one.json"
    event.write_text(json.dumps({"id": "p", "type": "review", "rating": 1}, indent=2))
    records = lines(run(["eval", "--plan", str(plan_path), str(event)]).stdout)
    assert [r["event_id"] for r in records] == ["p"]


ARRAY = """[
  {"id": "a", "type": "review", "rating": 1},
  {
    "id": "b",
    "type": "review",
    "text": "commas, [brackets] and a \\"quote\\" inside text"
  },
  {"type": "review"},
  [1, {"x": [2, 3]}],
  {"id": "c", "type": "review", "occurred_at": "yesterday"}, {"id": 5}
]
"""


def test_records_of_array_elements_name_the_element_line(plan_path: Path) -> None:
    result = run(["eval", "--plan", str(plan_path), "-"], ARRAY)
    assert result.exit_code == 1
    records = lines(result.stdout)
    assert [r.get("event_id") for r in records] == ["a", "b", None, None, "c", 5]
    errors = [(r["error"]["code"], r["error"]["index"], r["error"]["line"]) for r in records[2:]]
    assert errors == [
        ("missing-id", 2, 8),
        ("not-an-object", 3, 9),
        ("bad-time", 4, 10),
        ("missing-type", 5, 10),  # on the same line as the element before it
    ]


def test_explain_names_the_element_line_of_an_array(plan_path: Path) -> None:
    result = run(["explain", "--plan", str(plan_path), "-"], ARRAY)
    assert result.exit_code == 1
    assert (
        "<stdin>:8: the event cannot be decided: the event has no `id` (the complaint's own id, text or a whole number, which its decision repeats)"
        in result.output
    )
    assert "<stdin>:9: the event cannot be decided: an event must be a JSON object" in result.output


def test_pretty_printed_objects_one_after_another(plan_path: Path) -> None:
    """As ``jq .`` prints events; the second misses a comma: one record for it, at its line."""
    stdin = (
        '{\n  "id": "a",\n  "type": "review"\n}\n'
        '{\n  "id": "b",\n  "type": "review"\n  "rating": 2\n}\n'
        '{\n  "id": "c",\n  "type": "review"\n}\n'
    )
    result = run(["eval", "--plan", str(plan_path), "-"], stdin)
    assert result.exit_code == 1
    records = lines(result.stdout)
    assert [r.get("event_id") for r in records] == ["a", None, "c"]
    assert records[1]["error"] == {
        "code": "bad-json",
        "index": 1,
        "line": 5,
        "message": "not valid JSON: a `,` (before the next key) or the `}` that closes the object was due here "
        "(at line 8, column 3); is a comma missing before it?",
        "source": "<stdin>",
    }


def test_several_files_keep_their_order(plan_path: Path, tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(
        '{"id": "a1", "type": "review"}\n{"id": "a2", "type": "review"}\n'
    )
    (tmp_path / "b.jsonl").write_text('{"id": "b1", "type": "review"}\nbroken\n')
    result = run(
        ["eval", "--plan", str(plan_path), str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")]
    )
    records = lines(result.stdout)
    assert [r.get("event_id") for r in records] == ["a1", "a2", "b1", None]
    assert records[3]["error"]["source"].endswith("b.jsonl") and records[3]["error"]["line"] == 2


def test_an_error_record_echoes_only_an_id_deciding_could_use(plan_path: Path) -> None:
    """``event_id`` is the id when it could be read, else null: empty text is no id (it was
    echoed as ""), nor is text over 200 characters, nor a whole number past the limits of
    deciding's, which are inclusive (at either end, the id was dropped by a mutant)."""
    edges = [MIN_INT_ID, MAX_INT_ID, MIN_INT_ID - 1, MAX_INT_ID + 1]
    ids = ["", "x" * 201, "x" * 200, 7, True, *edges]
    stdin = "".join(json.dumps({"id": i, "type": 5}) + "\n" for i in ids)
    records = lines(run(["eval", "--plan", str(plan_path), "-"], stdin).stdout)
    assert [r["event_id"] for r in records] == [
        None,
        None,
        "x" * 200,
        7,
        None,
        *edges[:2],
        None,
        None,
    ]


def test_an_id_written_with_an_exponent_is_not_said_to_be_written_with_a_point(
    plan_path: Path,
) -> None:
    """JSON reads `1e2` and `100.0` alike, as the float 100.0, so what was written is lost:
    the record had told a sender of `1e2` to write 100 "not 100.0", a form it had not written.
    It names both forms now, and what to write."""
    stdin = '{"id": 1e2, "type": "review"}\n{"id": 100.0, "type": "review"}\n'
    records = lines(run(["eval", "--plan", str(plan_path), "-"], stdin).stdout)
    said = (
        "the event `id` must be text (1 to 200 characters) or a whole number without a point "
        "or exponent: write 100 (the id was written as 100.0, 1e2 or the like, which JSON "
        "reads as a decimal number)"
    )
    assert [(r["error"]["code"], r["error"]["message"]) for r in records] == [("bad-id", said)] * 2


def test_pretty_prints_a_checklist(plan_path: Path) -> None:
    stdin = (
        '{"id": "a", "type": "review", "rating": 1, "occurred_at": "2026-11-23T09:00:00Z"}\n[]\n'
    )
    result = run(["eval", "--plan", str(plan_path), "--pretty", "-"], stdin)
    assert "Event a (review)" in result.stdout
    assert "[ ] Apologise to the customer — due 2026-11-23 10:00 UTC" in result.stdout
    assert "<stdin>:2: rejected: an event must be a JSON object" in result.stdout
    # each event's lines end with a blank line, the last's too (docs/semantics.md had said
    # "between events")
    checklist, rejected, end = result.stdout.split("\n\n")
    assert checklist.startswith("Event a (review)") and rejected.startswith("<stdin>:2: ")
    assert end == ""


DEADLINES_PLAN = """
rules:
  - id: late
    title: Late
    when: {event: complaint}
    then:
      - apologize: {within: 1h}
      - contact_customer: {channel: phone, within: 90m}
  - id: note
    title: Note
    when: {event: review}
    then: [{note: {message: Read it}}]
"""
"""A plan whose complaints have deadlines and whose reviews have none."""


def test_pretty_says_its_times_are_in_utc(tmp_path: Path) -> None:
    """The checklist wrote times as the JSON does (``2026-12-31T23:30:00Z``): the ``Z`` was the
    only sign of UTC, and an agent on New York time read a deadline of 05:30 as their own
    05:30, five hours late. Each time now says UTC, and its seconds only when it has some."""
    plan = write_plan(tmp_path, DEADLINES_PLAN)
    events = (
        '{"id": "a", "type": "complaint", "occurred_at": "2026-12-31T23:30:00-05:00"}\n'
        '{"id": "b", "type": "complaint", "occurred_at": "2028-02-28T23:59:59.5Z"}\n'
    )
    result = run(["eval", "--plan", str(plan), "--pretty", "-"], events)
    assert result.stdout.split("\n\n")[:2] == [
        "Event a (complaint), happened 2027-01-01 04:30 UTC\n"
        "  Rules: late\n"
        "  Make it right:\n"
        "    [ ] Apologise to the customer — due 2027-01-01 05:30 UTC\n"
        "    [ ] Contact the customer by phone — due 2027-01-01 06:00 UTC",
        "Event b (complaint), happened 2028-02-28 23:59:59.5 UTC\n"
        "  Rules: late\n"
        "  Make it right:\n"
        "    [ ] Apologise to the customer — due 2028-02-29 00:59:59.5 UTC\n"
        "    [ ] Contact the customer by phone — due 2028-02-29 01:29:59.5 UTC",
    ]


def test_pretty_writes_its_times_in_the_zone_named(tmp_path: Path) -> None:
    """An agent in Paris had to add an hour to every deadline, two in summer. With
    --time-zone the event's time and each deadline are in their zone, named; the JSON lines
    of the same events are unchanged."""
    plan = write_plan(tmp_path, DEADLINES_PLAN)
    events = (
        '{"id": "a", "type": "complaint", "occurred_at": "2026-12-31T23:30:00Z"}\n'
        '{"id": "b", "type": "complaint", "occurred_at": "2026-07-01T12:00:00Z"}\n'
    )
    args = ["eval", "--plan", str(plan), "--pretty", "--time-zone", "europe/paris", "-"]
    result = run(args, events)
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n\n")[:2] == [
        "Event a (complaint), happened 2027-01-01 00:30 Europe/Paris\n"
        "  Rules: late\n"
        "  Make it right:\n"
        "    [ ] Apologise to the customer — due 2027-01-01 01:30 Europe/Paris\n"
        "    [ ] Contact the customer by phone — due 2027-01-01 02:00 Europe/Paris",
        "Event b (complaint), happened 2026-07-01 14:00 Europe/Paris\n"
        "  Rules: late\n"
        "  Make it right:\n"
        "    [ ] Apologise to the customer — due 2026-07-01 15:00 Europe/Paris\n"
        "    [ ] Contact the customer by phone — due 2026-07-01 15:30 Europe/Paris",
    ]
    explained = run(["explain", "--plan", str(plan), "--time-zone", "Asia/Tokyo", "-"], events)
    assert explained.exit_code == 0, explained.output
    assert "happened 2027-01-01 08:30 Asia/Tokyo" in explained.stdout
    assert "— due 2027-01-01 09:30 Asia/Tokyo" in explained.stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["eval", "--time-zone", "Europe/Paris"],  # JSON lines: a zone would change nothing
            "--time-zone writes a checklist's times in that zone, and eval writes no checklist "
            "without --pretty (its JSON lines keep UTC): add --pretty",
        ),
        (
            ["explain", "--format", "json", "--time-zone", "Europe/Paris"],
            "--time-zone writes a checklist's times in that zone, and --format json writes no "
            "checklist (its JSON keeps UTC): leave out --format json or --time-zone",
        ),
        (
            ["eval", "--pretty", "--time-zone", "Paris"],
            "Invalid value for '--time-zone': `Paris` is not a time zone (did you mean "
            "`Europe/Paris` (France)?): name one by its region and city, such as `Europe/Paris`, "
            "`America/New_York` or `UTC`",
        ),
    ],
)
def test_a_time_zone_that_would_change_nothing_or_is_none_is_refused(
    tmp_path: Path, args: list[str], said: str
) -> None:
    plan = write_plan(tmp_path, DEADLINES_PLAN)
    event = '{"id": "a", "type": "complaint", "occurred_at": "2026-12-31T23:30:00Z"}\n'
    result = run([*args, "--plan", str(plan), "-"], event)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == f"Error: {said}"


def test_pretty_says_what_deadlines_count_from_when_the_event_has_no_time(tmp_path: Path) -> None:
    """Without the event's time the checklist read "Apologise to the customer — within 1 hour",
    and nothing said from when: docs/semantics.md says from when the event was received, and
    the checklist now says so too (only when some action has a deadline)."""
    plan = write_plan(tmp_path, DEADLINES_PLAN)
    events = '{"id": "a", "type": "complaint"}\n{"id": "b", "type": "review"}\n'
    result = run(["eval", "--plan", str(plan), "--pretty", "-"], events)
    assert [text.splitlines()[0] for text in result.stdout.split("\n\n")[:2]] == [
        "Event a (complaint), time not given: count each deadline from when you received it",
        "Event b (review)",
    ]
    assert "    [ ] Apologise to the customer — within 1 hour\n" in result.stdout


@pytest.mark.parametrize("key", ["occured_at", "occurredAt"])
def test_pretty_names_the_key_an_event_holds_its_time_under(tmp_path: Path, key: str) -> None:
    """An event whose time came as `occured_at` was told "time not given" on its checklist,
    and its agent counted each deadline from when the case was read, though its sender saw
    the time in it (found by a new user's trial). The checklist names the key, as `explain`
    does (the same checklist)."""
    plan = write_plan(tmp_path, DEADLINES_PLAN)
    event = f'{{"id": "a", "type": "complaint", "{key}": "2026-11-23T09:30:00Z"}}\n'
    for command in (["eval", "--pretty"], ["explain"]):
        result = run([*command, "--plan", str(plan), "-"], event)
        assert (
            "Event a (complaint), time not given: count each deadline from when you received it "
            f"(the event has its time as `{key}`: name that key `occurred_at` to set the "
            "deadlines)\n"
        ) in result.stdout


def test_pretty_says_each_channel_as_the_printed_plan_does(tmp_path: Path) -> None:
    """The checklist put `by` before every channel, and read "Apologise to the customer by in
    person" and "Follow up by social"; it now says them as `backplan render` does."""
    plan = write_plan(
        tmp_path,
        """
        rules:
          - id: cold-meal
            title: Meal arrived cold
            when: {event: complaint}
            then:
              - apologize: {channel: in_person}
              - contact_customer: {channel: meeting}
              - follow_up: {channel: social, within: 1d}
              - x-note: {channel: in_person}
        """,
    )
    result = run(["eval", "--plan", str(plan), "--pretty", "-"], '{"id": "a", "type": "complaint"}')
    assert result.stdout.splitlines()[2:7] == [
        "  Make it right:",
        "    [ ] Apologise to the customer in person",
        "    [ ] Contact the customer in a meeting",
        "    [ ] Follow up on social media until the issue is fully resolved — within 1 day",
        "    [ ] Custom action x-note (channel: in_person)",
    ]


def test_pretty_says_what_to_replace_and_how_to_ship_it() -> None:
    """The item (filled in from the event) and the shipping were decided but not shown: the
    agent working through the checklist did not know what to send."""
    event = (REPO / "examples" / "events" / "defective-product.json").read_text()
    result = run(["eval", "--pretty", "-"], event)
    assert (
        "[ ] Replace the product free of charge, express shipping: The defective item from "
        "order o-7901 — due 2026-11-28 10:00 UTC"
    ) in result.stdout


def test_pretty_adds_an_offer_still_to_size_to_the_total_in_words(tmp_path: Path) -> None:
    """Under `combine: sum`, a fixed offer and a percentage the event could not size (no
    floor) are both made: the total read "5.00 EUR", as if that were all to give."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "backplan: 1\nplan: {name: X, currency: EUR, compensation: {combine: sum}}\nrules:\n"
        "  - id: r\n    title: t\n    when: {event: order}\n    then:\n"
        "      - compensate: {kind: coupon, amount: 5}\n"
        "      - compensate: {kind: voucher, percent: 50, of: order.total}\n",
        encoding="utf-8",
    )
    result = run(["eval", "--plan", str(plan), "--pretty", "-"], '{"id": "a", "type": "order"}')
    assert (
        "  Compensation total: 5.00 EUR, plus an amount a person decides — needs approval\n"
    ) in result.stdout


def order_rule_plan(folder: Path, then: str) -> Path:
    """A plan in EUR with one rule for orders, whose ``then:`` is ``then`` (YAML text)."""
    plan = folder / "plan.yaml"
    plan.write_text(
        "backplan: 1\nplan: {name: X, currency: EUR}\nrules:\n  - id: r\n    title: t\n"
        f"    when: {{event: order}}\n    then:{then}"
    )
    return plan


def test_pretty_leaves_out_the_line_break_a_block_text_ends_with(tmp_path: Path) -> None:
    then = "\n      - apologize:\n          message: |\n            Hi,\n            sorry.\n"
    plan = order_rule_plan(tmp_path, then)
    result = run(["eval", "--plan", str(plan), "--pretty", "-"], '{"id": "a", "type": "order"}')
    assert '\n      "Hi,\\nsorry."\n' in result.stdout  # its inner line break escaped, as ever


def test_pretty_says_when_an_amount_could_not_be_worked_out(tmp_path: Path) -> None:
    """A percentage of a field the event lacks (or holds as text) offers the rule's floor and
    needs a person: the checklist says why, not only that it needs approval."""
    then = " [{compensate: {kind: voucher, percent: 50, of: order.total, min: 3}}]\n"
    plan = order_rule_plan(tmp_path, then)
    stdin = '{"id": "a", "type": "order", "order": {"total": "eight"}}\n'

    def checklist_after(old: str, new: str, total: str = '"eight"') -> str:
        plan.write_text(plan.read_text().replace(old, new, 1))
        event = stdin.replace('"eight"', total)
        return run(["eval", "--plan", str(plan), "--pretty", "-"], event).stdout

    # each way is named as the event holds it (the checklist has the event at hand): "is
    # missing or not an amount" of a total sent as "eight" hid the text (found by review)
    for total, held in (
        ('"eight"', "the text eight, not a number"),
        ('"100"', 'the text "100", not a number'),  # a number in quotes, quoted
        ("-12", "-12, below 0"),
        ("-1e300", "a number below 0"),  # (not written out: three hundred digits)
        ("1e15", "a number of a thousand trillion or more, too large for an amount"),
        ("null", "empty (null), not a number"),
        ("true", "true, not a number"),
        ('{"eur": 8}', "a group of fields, not a number"),
    ):
        assert (
            f"[ ] Offer compensation: voucher of 3.00 EUR (50% of order.total) — order.total is "
            f"{held}, so 3.00 is only the rule's minimum: decide the amount — needs approval"
        ) in checklist_after("", "", total)
    no_order = '{"id": "a", "type": "order"}\n'
    assert (
        "order.total is missing, so 3.00"
        in run(["eval", "--plan", str(plan), "--pretty", "-"], no_order).stdout
    )
    no_floor = checklist_after(", min: 3", "")
    assert (  # no floor: nothing is offered, and `of 0.00 EUR` read as the amount to give
        "voucher, amount to decide (50% of order.total) — order.total is the text eight, not a "
        "number, so no amount could be worked out: decide the amount — needs approval"
    ) in no_floor
    assert "  Compensation total: an amount a person decides — needs approval\n" in no_floor
    # A fixed offer beside it is made, the percentage set aside: a person compares them,
    # told what it is a percentage of and what that field holds (the plan is at hand).
    assert (
        "  Compensation total: 5.00 EUR — needs approval\n"
        "    compare it with rule r's offer of 50% of order.total (order.total is the text "
        "eight, not a number), which the event could not size: it may be the larger one\n"
    ) in checklist_after("]\n", ", {compensate: {kind: coupon, amount: 5}}]\n")
    # Two such offers of one rule are told once, with their number (the same line was twice).
    twice = checklist_after(
        "{compensate: {kind: coupon",
        "{compensate: {kind: voucher, percent: 5, of: order.total}}, {compensate: {kind: coupon",
    )
    assert (
        "  Compensation total: 5.00 EUR — needs approval\n"
        "    compare it with rule r's 2 offers, which the event could not size: one may be the "
        "larger\n"
    ) in twice


def test_invalid_plan_exits_two_with_diagnostics(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "backplan: 1\nplan: {name: X, currency: USD}\nrules:\n  - id: r\n    title: t\n    when: {event: reveiw}\n    then: [{apologize: {}}]\n"
    )
    result = run(["eval", "--plan", str(bad), "-"], "{}")
    assert result.exit_code == 2
    assert "bad.yaml:6:" in result.stderr and "did you mean `review`?" in result.stderr
    assert result.stdout == ""


ONE_FILE_OF_A_PLAN = (
    "backplan: 1\nrules:\n  - id: r\n    title: T\n    when: {event: review}\n"
    "    then: [{apologize: {}}]\n"
)


def in_a_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: tuple[str, str], args: list[str]
) -> Any:
    """Run ``args`` in a project folder: ``rules/`` holding one plan file (``plan``: its name
    and text) beside ``plan.test.yaml``, one case; a review event on standard input."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / plan[0]).write_text(plan[1], encoding="utf-8")
    (tmp_path / "plan.test.yaml").write_text(
        "backplan: 1\ncases:\n  - {name: a, event: {type: review}, expect: {fallback: true}}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return run(args, '{"type": "review"}')


@pytest.mark.parametrize(
    "args",
    [
        ["eval", "--plan", "rules/public.yaml", "-"],
        ["explain", "--plan", "rules/public.yaml", "-"],
        ["test", "--plan", "rules/public.yaml", "plan.test.yaml"],
    ],
)
def test_one_file_of_a_plan_given_with_plan_is_told_to_pass_the_folder_so(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hint had said to validate the folder, which is no part of `eval --plan`."""
    result = in_a_project(tmp_path, monkeypatch, ("public.yaml", ONE_FILE_OF_A_PLAN), args)
    assert result.exit_code == 2
    [hint] = [line for line in result.stderr.splitlines() if line.startswith("  hint:")]
    assert hint == (
        "  hint: if `public.yaml` is one file of a plan split over several files, pass the "
        "plan's folder with `--plan rules` instead; otherwise add `plan: {name: Your Business, "
        "currency: USD}` to it"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["eval", "--plan", "rules", "-"],
        ["eval", "--plan", "rules/00-plan.yaml", "-"],
        ["explain", "--plan", "rules", "-"],
        ["test", "--plan", "rules", "plan.test.yaml"],
    ],
)
def test_a_plan_without_rules_given_with_plan_keeps_the_hint_to_add_rules(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan with a `plan:` section and no rules had been hinted as a plan file without a
    `plan:` section, even when given as its folder: "pass the plan's folder with `--plan
    rules` instead; otherwise add `plan: {name: Your Business, currency: USD}` to it" (found
    by review)."""
    plan = ("00-plan.yaml", "backplan: 1\nplan: {name: Acme, currency: EUR}\nrules: []\n")
    result = in_a_project(tmp_path, monkeypatch, plan, args)
    assert (result.exit_code, result.stderr.splitlines()) == (
        2,
        [
            "rules/00-plan.yaml:2:1: error: the plan has no rules [no-rules]",
            "  hint: add `rules:` with at least a fallback rule (see docs/rule-language.md)",
            "backplan: the plan is invalid (1 problem)",
        ],
    )


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "rules"],
        ["lint", "rules"],
        ["eval", "--plan", "rules", "-"],
        ["explain", "--plan", "rules", "-"],
        ["test", "--plan", "rules", "plan.test.yaml"],
        ["test", "named.test.yaml"],
    ],
)
def test_a_folder_of_one_plan_file_is_told_to_add_the_section_to_that_file(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given the folder, the hint had said to validate the plan's folder (`rules`), or pass
    it with `--plan rules`, instead: the folder given (found by review)."""
    (tmp_path / "named.test.yaml").write_text(
        "backplan: 1\nplan: rules\n"
        "cases:\n  - {name: a, event: {type: review}, expect: {fallback: true}}\n",
        encoding="utf-8",
    )
    result = in_a_project(tmp_path, monkeypatch, ("public.yaml", ONE_FILE_OF_A_PLAN), args)
    said = (result.stdout + result.stderr).splitlines()
    assert said[:2] == [
        "rules/public.yaml:1:1: error: no file of the plan has a `plan:` section "
        "[missing-plan-section]",
        "  hint: add `plan: {name: Your Business, currency: USD}` to `public.yaml`",
    ]


def test_one_file_of_a_plan_given_to_validate_is_told_to_validate_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "public.yaml").write_text(ONE_FILE_OF_A_PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(["validate", "rules/public.yaml"])
    assert "validate the plan's folder (`rules`) instead" in result.stdout


def test_usage_errors_exit_two(plan_path: Path) -> None:
    assert run(["eval", "--plan", str(plan_path), "missing.jsonl"]).exit_code == 2
    assert run(["eval", "--nope"]).exit_code == 2


def test_default_plan_is_the_starter_plan() -> None:
    result = run(["eval", "-"], '{"id": "s", "type": "x-unknown"}\n')
    assert result.exit_code == 0, result.output
    assert lines(result.stdout)[0]["fallback"] is True


def test_empty_input_gives_no_output(plan_path: Path) -> None:
    result = run(["eval", "--plan", str(plan_path), "-"], "\n\n")
    assert (result.exit_code, result.stdout) == (0, "")


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "it is empty"),
        (b"\xef\xbb\xbf", "it is empty"),
        (b"\n \n", "only blank lines"),
        # saved as UTF-16 (as Windows tools do): its mark alone, or with blank lines, said too
        (b"\xff\xfe", "it is empty"),
        (b"\xfe\xff", "it is empty"),
        ("\ufeff\r\n \r\n".encode("utf-16-le"), "only blank lines"),
    ],
)
def test_a_file_that_holds_no_event_is_said_on_stderr(
    plan_path: Path, tmp_path: Path, content: bytes, said: str
) -> None:
    # It printed nothing and exited 0: a manager could not tell an empty export from a run
    # that did nothing. Still no line and exit 0, as a Unix filter: the note is on stderr.
    events = tmp_path / "e.jsonl"
    events.write_bytes(content)
    result = run(["eval", "--plan", str(plan_path), str(events)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"backplan: {events} holds no event ({said})\n"


def test_blank_lines_in_utf16_with_bytes_that_do_not_decode_are_not_said_to_hold_no_event(
    plan_path: Path, tmp_path: Path
) -> None:
    # The bytes that are no UTF-16 (a surrogate alone) are something, refused as such: the
    # file is not "only blank lines", whether its text is decoded leniently or not at all.
    events = tmp_path / "e.jsonl"
    events.write_bytes("\ufeff\r\n \r\n".encode("utf-16-le") + b"\x00\xd8")
    result = run(["eval", "--plan", str(plan_path), str(events)])
    assert "holds no event" not in result.stderr


def test_output_written_in_batches_keeps_every_line_in_order(
    plan_path: Path, tmp_path: Path
) -> None:
    count = 3 * _BATCH_LINES + 5  # full batches and a partial one
    events = tmp_path / "many.jsonl"
    events.write_text("".join(f'{{"id": {i}, "type": "review"}}\n' for i in range(count)))
    result = run(["eval", "--plan", str(plan_path), str(events)])
    assert result.exit_code == 0, result.output
    assert [r["event_id"] for r in lines(result.stdout)] == list(range(count))


class _Recorded(io.BytesIO):
    """An output that keeps each call made to it: ("write", lines written) or ("flush",)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[Any, ...]] = []

    def write(self, data: Any) -> int:
        self.calls.append(("write", bytes(data).count(b"\n")))
        return super().write(data)

    def flush(self) -> None:
        self.calls.append(("flush",))


def test_a_file_s_answers_are_written_a_batch_at_a_time_and_a_trickle_s_each_at_once() -> None:
    """A file's answers go out in batches (with ``PYTHONUNBUFFERED`` a write per line is a
    system call per event), and a trickle's (``tail -f | backplan eval``) each at once and
    flushed, or the reader waits for lines already decided. Mutants writing a file's answers
    one by one, or leaving a trickle's in the buffer, passed every test."""
    count = 2 * _BATCH_LINES + 3
    items = [InputEvent("in.jsonl", i + 1, i, value=i) for i in range(count)]

    def answer(item: InputEvent) -> tuple[bytes, bool, str | None]:
        return b"%d\n" % item.value, False, None

    filed = _Recorded()
    _write_answers(answer, items, filed, live=False)
    assert filed.calls == [("write", _BATCH_LINES), ("write", _BATCH_LINES), ("write", 3)]
    trickled = _Recorded()
    _write_answers(answer, items[:3], trickled, live=True)
    assert trickled.calls == [("write", 1), ("flush",)] * 3
    assert filed.getvalue() == b"".join(answer(item)[0] for item in items)


def test_a_trickle_s_repeats_are_noted_as_each_event_is_answered() -> None:
    """`tail -f | backplan eval` runs for days: its ids are noted as each event is answered,
    not held to the end of the input (memory flat), and a file's once per batch, both in
    order, an event rejected with its id (failed) noted as not decided."""
    from engine.recentids import RecentIds

    values = [{"id": "a"}, {"id": "b"}, {"id": "a"}, {"id": "b"}]
    items = [InputEvent("in.jsonl", i + 1, i, value=value) for i, value in enumerate(values)]

    def answer(item: InputEvent) -> tuple[bytes, bool, str | None]:
        return b"x\n", item.index == 3, None

    for live in (True, False):
        recent = RecentIds()
        recent.begin("in.jsonl")
        noted_before: list[int] = []

        def trickle(recent: RecentIds = recent, noted: list[int] = noted_before) -> Iterator[Any]:
            for item in items:
                noted.append(recent.answered)
                yield item

        tally = _write_answers(answer, trickle(), _Recorded(), live=live, recent=recent)
        assert (tally.repeated, tally.first_repeated, tally.ids) == (1, (2, "a", None, 0), [])
        assert recent.answered == 4
        assert noted_before == ([0, 1, 2, 3] if live else [0, 0, 0, 0])


def test_answers_made_before_an_interrupt_are_written() -> None:
    def items() -> Iterator[InputEvent]:
        for index in range(3):
            yield InputEvent("in.jsonl", index + 1, index, value=index)
        raise KeyboardInterrupt

    def answer(item: InputEvent) -> tuple[bytes, bool, str | None]:
        return b"%d\n" % item.value, item.value == 1, None

    out = io.BytesIO()
    with pytest.raises(KeyboardInterrupt):
        _write_answers(answer, items(), out, live=False)
    assert out.getvalue() == b"0\n1\n2\n"


def test_a_batch_whose_write_fails_is_not_written_again() -> None:
    class GoneReader(io.BytesIO):
        writes = 0

        def write(self, data: Any) -> int:
            GoneReader.writes += 1
            raise BrokenPipeError

    items = (InputEvent("in.jsonl", i + 1, i, value=i) for i in range(_BATCH_LINES + 3))
    with pytest.raises(BrokenPipeError):
        _write_answers(lambda item: (b"x\n", False, None), items, GoneReader(), live=False)
    assert GoneReader.writes == 1


def test_pretty_says_when_a_bound_changed_the_amount(tmp_path: Path) -> None:
    """An offer the rule's min or max, or the plan's limit per complaint, changed says so: 10.00 is
    not "20% of order.total" when 20% came to 4.00."""
    plan = tmp_path / "plan.yaml"
    header = "backplan: 1\nplan: {name: X, currency: USD%s}\nrules:\n  - id: r\n    title: t\n"
    rule = "    when: {event: order}\n    then: [{compensate: {kind: voucher, %s}}]\n"

    def pretty(offer: str, total: object, policy: str = "") -> str:
        plan.write_text(header % policy + rule % offer)
        stdin = f'{{"id": "a", "type": "order", "order": {{"total": {total}}}}}\n'
        return run(["eval", "--plan", str(plan), "--pretty", "-"], stdin).stdout

    percent = "percent: 20, of: order.total, min: 10, max: 30"
    assert (
        "voucher of 10.00 USD (20% of order.total = 4.00, raised to the rule's minimum)"
        in pretty(percent, 20)
    )
    assert (
        "voucher of 30.00 USD (20% of order.total = 40.00, capped at the rule's maximum)"
        in pretty(percent, 200)
    )
    assert "voucher of 16.00 USD (20% of order.total)\n" in pretty(percent, 80)
    assert (
        "voucher of 15.00 USD (20% of order.total = 20.00, capped by the plan's limit per complaint)"
        in pretty(percent, 100, ", compensation: {per_event_max: 15}")
    )
    # the minimum raised 4.00 to 10.00 and the limit cut it to 8.00: both are said, in order
    assert (
        "voucher of 8.00 USD (20% of order.total = 4.00, raised to the rule's minimum, then capped"
        " by the plan's limit per complaint, from 10.00 USD)"
        in pretty(percent, 20, ", compensation: {per_event_max: 8}")
    )
    # a share that rounds to the bound it was raised or cut to is shown unrounded: "= 5.00,
    # raised to the rule's minimum" of an offer of 5.00 read as a bound that changed nothing
    assert (
        "voucher of 5.00 USD (20% of order.total = 4.99999, raised to the rule's minimum)"
        in pretty("percent: 20, of: order.total, min: 5", 24.99995)
    )
    assert (
        "voucher of 5.00 USD (20% of order.total = 5.0002, capped at the rule's maximum)"
        in pretty("percent: 20, of: order.total, max: 5", 25.001)
    )
    # a fixed amount has no share to show, only the bound
    assert "voucher of 25.00 USD (capped at the rule's maximum)" in pretty("amount: 40, max: 25", 1)
    assert "voucher of 5.00 USD (raised to the rule's minimum)" in pretty("amount: 2, min: 5", 1)
    assert (
        "voucher of 12.00 USD (capped by the plan's limit per complaint, from 40.00 USD)"
        in pretty("amount: 40", 1, ", compensation: {per_event_max: 12}")
    )
    assert "voucher of 7.00 USD\n" in pretty("amount: 7", 1)
    # no usable base: no share is shown, and a floor cut by the plan's limit says both, the
    # floor as the rule's minimum (10.00), not the amount it was cut to
    assert (
        "voucher of 6.00 USD (20% of order.total) — order.total is the text n/a, not a "
        "number, so the rule's minimum, 10.00 USD, is offered, cut to 6.00 USD by the "
        "plan's limit per complaint: decide the amount"
    ) in pretty(percent, '"n/a"', ", compensation: {per_event_max: 6}")


@pytest.mark.parametrize("count", [3, 30_000])  # a file of under, and of over, 1 MiB
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_lines_ending_with_a_carriage_return_alone_are_read_as_lines(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int, jobs: str
) -> None:
    from engine import parallel

    monkeypatch.setattr(parallel, "PIECE_BYTES", 64 if count < 100 else parallel.PIECE_BYTES)
    texts = [b'{"id": "e%d", "type": "review", "rating": 1}' % i for i in range(count)]
    texts[1] = b'{"id": "e1", "type": "review" "rating": 1}'  # a comma missing: line 2
    events = tmp_path / "old-mac.jsonl"
    events.write_bytes(b"\r".join(texts) + b"\r")
    result = run(["eval", "--jobs", jobs, "--plan", str(plan_path), str(events)])
    assert result.exit_code == 1
    records = lines(result.stdout)
    assert len(records) == count
    assert records[1]["error"]["code"] == "bad-json"
    assert records[1]["error"]["line"] == 2
    assert "carriage return" not in records[1]["error"]["message"]
    assert [r["event_id"] for r in records[2:]] == [f"e{i}" for i in range(2, count)]


@pytest.mark.parametrize("first", ["too-large", "stray"])
def test_lines_ending_with_a_carriage_return_alone_after_an_odd_first_line_are_read(
    plan_path: Path, tmp_path: Path, first: str
) -> None:
    """The first line tells how lines end; one too large to read whole (over 1 MiB), or one
    that is not JSON, must not lose the events after it to one record."""
    odd = (
        b'{"id": "big", "type": "review", "note": "' + b"x" * (1 << 20) + b'"}'
        if first == "too-large"
        else b"not an event"
    )
    texts = [odd, *(b'{"id": "e%d", "type": "review", "rating": 1}' % i for i in range(1, 4))]
    events = tmp_path / "old-mac.jsonl"
    events.write_bytes(b"\r".join(texts) + b"\r")
    result = run(["eval", "--plan", str(plan_path), str(events)])
    assert result.exit_code == 1
    records = lines(result.stdout)
    assert records[0]["error"]["code"] == ("too-large" if first == "too-large" else "bad-json")
    assert [(r["event_id"], r["matched"] != []) for r in records[1:]] == [
        ("e1", True),
        ("e2", True),
        ("e3", True),
    ]


def test_a_later_line_holding_events_apart_by_carriage_returns_says_how_to_fix_it(
    plan_path: Path,
) -> None:
    stdin = b'{"id": "a", "type": "review"}\n{"id": "b", "type": "review"}\r{"id": "c"}\r'
    records = lines(run(["eval", "--plan", str(plan_path), "-"], stdin).stdout)
    assert records[0]["event_id"] == "a"
    assert records[1]["error"]["code"] == "bad-json"
    assert "tr '\\r' '\\n'" in records[1]["error"]["message"]


def test_no_line_ending_hint_for_events_side_by_side_on_one_line(plan_path: Path) -> None:
    stdin = '{"id": "a", "type": "review"} {"id": "b", "type": "review"}\r\n'
    [record] = lines(run(["eval", "--plan", str(plan_path), "-"], stdin).stdout)
    assert record["error"]["code"] == "bad-json"
    assert "carriage return" not in record["error"]["message"]


def test_lines_ending_with_cr_and_newline_are_read_as_lines(plan_path: Path) -> None:
    stdin = b'{"id": "a", "type": "review", "rating": 1}\r\n{"id": "b", "type": "order"}\r\n'
    result = run(["eval", "--plan", str(plan_path), "-"], stdin)
    assert result.exit_code == 0
    assert [r["event_id"] for r in lines(result.stdout)] == ["a", "b"]


def test_strict_rejects_events_off_the_event_schema_and_decides_the_rest(
    plan_path: Path,
) -> None:
    stdin = "\n".join(
        [
            '{"id": "a", "type": "review", "rating": "1"}',  # a rating sent as text
            '{"id": "b", "type": "review", "rating": 1}',
            '{"type": "review", "rating": "1"}',  # no id: said first, with its own code
            '{"id": "d", "type": "review", "customer": {"tier": 3}, "severity": "urgent"}',
        ]
    )
    loose = lines(run(["eval", "--plan", str(plan_path), "-"], stdin).stdout)
    result = run(["eval", "--strict", "--plan", str(plan_path), "-"], stdin)
    assert result.exit_code == 1
    strict = lines(result.stdout)
    assert loose[0]["matched"] == ["improvise"]  # silently fell through without --strict
    assert strict[0]["error"]["code"] == "off-schema"
    assert strict[0]["event_id"] == "a"
    assert '`rating` is "1" (text), where the schema has a number' in strict[0]["error"]["message"]
    assert strict[1] == loose[1]  # an event on the schema is decided exactly as without it
    assert strict[2]["error"]["code"] == loose[2]["error"]["code"] == "missing-id"
    assert strict[3]["error"]["message"] == (
        "the event does not follow the event schema: `customer.tier` is 3, where the schema has"
        ' text; `severity` is "urgent" (text), where the schema has one of low, medium, high'
        " or critical"
    )


def test_strict_gives_events_on_the_schema_that_cannot_be_decided_their_own_codes(
    plan_path: Path,
) -> None:
    # The schema takes these (an id is text, a time matches the pattern), deciding does not.
    stdin = "\n".join(
        json.dumps(event)
        for event in [
            {"id": "x" * 300, "type": "order"},
            {"id": "a", "type": "order", "occurred_at": "2026-13-01T00:00:00Z"},
            {"id": "b", "type": "order", "occurred_at": "0001-01-01T00:00:00Z"},
            {"id": 2**70, "type": "order"},
        ]
    )
    strict = run(["eval", "--strict", "--plan", str(plan_path), "-"], stdin)
    loose = run(["eval", "--plan", str(plan_path), "-"], stdin)
    assert [r["error"]["code"] for r in lines(strict.stdout)] == [
        "bad-id",
        "bad-time",
        "bad-time",
        "bad-id",
    ]
    assert strict.stdout == loose.stdout


OFF_SCHEMA_EVENTS = "\n".join(
    [
        '{"id": "a", "type": "review", "rating": 1}',  # decided by a rule
        '{"id": "b", "type": "review", "rating": "1"}',  # a rating as text: to the fallback
        '{"id": "c", "type": "review", "rating": "2"}',
        '{"id": "d", "type": "order", "public": "yes"}',  # off the schema, but not tested
    ]
)


def test_eval_warns_about_events_the_fallback_took_with_a_tested_field_off_the_schema(
    plan_path: Path,
) -> None:
    result = run(["eval", "--plan", str(plan_path), "-"], OFF_SCHEMA_EVENTS)
    assert result.exit_code == 0  # decided all the same: a warning, not a rejection
    decided = lines(result.stdout)
    assert [d["fallback"] for d in decided] == [False, True, True, True]
    assert result.stderr == (
        "backplan: <stdin>: warning: 2 events went to the fallback holding a field the plan's "
        "rules test with a value the event schema does not allow there, which may be why no "
        "rule matched (the first: the 2nd event, on line 2: `rating`); send such fields as `backplan "
        "schema event` describes them, or add --strict to reject those events with each field "
        "named\n"
    )


def test_eval_warns_about_events_of_a_type_no_rule_can_name_and_strict_rejects_them(
    plan_path: Path,
) -> None:
    # A source that writes `Review` sent every complaint to the fallback without a word.
    events = '{"id": "a", "type": "Review", "rating": 1}\n{"id": "b", "type": "x-visit"}\n'
    result = run(["eval", "--plan", str(plan_path), "-"], events)
    assert result.exit_code == 0
    assert [d["fallback"] for d in lines(result.stdout)] == [True, True]
    assert "warning: 1 event went to the fallback holding a field" in result.stderr
    assert "(the first: the 1st event, on line 1: `type`)" in result.stderr
    strict = run(["eval", "--strict", "--plan", str(plan_path), "-"], events)
    assert strict.exit_code == 1
    rejected, decided = lines(strict.stdout)
    assert rejected["error"]["code"] == "off-schema"
    assert "(did you mean `review`?)" in rejected["error"]["message"]
    assert decided["event_id"] == "b"


def unsized_warning(events: str, first: str) -> str:
    """What eval says on stderr of ``events`` whose percentage offer was left for a person to
    size because its base held no number, ``first`` the place of the first."""
    return (
        f"backplan: <stdin>: warning: {events} had a percentage offer left for a person to size "
        "(made at the rule's `min`, or 0, or set aside beside the offer made, and needing "
        "approval) because the field it is a percentage of held a value that is not a number, "
        f"such as text (the first: {first}); send such fields as numbers (`59.90`, not "
        '`"59.90"`; `backplan schema event` describes the standard ones), or add --strict to '
        "reject the events among them whose field is a standard one, each field named\n"
    )


PRICED_PLAN = """
rules:
  - id: late
    title: Late order
    when: {event: order, all: [{field: order.delay_days, gte: 3}]}
    then:
      - compensate: {kind: voucher, percent: 10, of: order.total, min: 5, within: 1d}
  - id: improvise
    title: Nothing fits
    fallback: true
    then:
      - escalate: {to: cx-lead, within: 30m}
      - compensate: {kind: voucher, percent: 5, of: order.total}
"""

PRICED_EVENTS = "\n".join(
    [
        '{"id": "a", "type": "order", "order": {"delay_days": 4, "total": 80}}',  # sized
        '{"id": "b", "type": "order", "order": {"delay_days": 4}}',  # no total: not a slip
        '{"id": "c", "type": "order", "order": {"delay_days": 4, "total": "59.90"}}',  # text
        '{"id": "d", "type": "order", "order": {"delay_days": 4, "total": [80]}}',
        '{"id": "e", "type": "order", "order": {"delay_days": 1, "total": "80"}}',  # fallback
    ]
)


def test_eval_warns_about_offers_left_unsized_by_a_base_off_the_schema(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, PRICED_PLAN)
    result = run(["eval", "--plan", str(plan), "-"], PRICED_EVENTS)
    assert result.exit_code == 0  # decided all the same: a warning, not a rejection
    offers = [d["actions"][0]["params"] for d in lines(result.stdout)[:4]]
    assert [o["unresolved"] for o in offers] == [False, True, True, True]
    assert result.stderr == unsized_warning("3 events", "the 3rd event, on line 3: `order.total`")
    strict = run(["eval", "--strict", "--plan", str(plan), "-"], PRICED_EVENTS)
    assert [d.get("error", {}).get("code") for d in lines(strict.stdout)] == [
        None,
        None,
        "off-schema",
        "off-schema",
        "off-schema",
    ]
    assert "warning" not in strict.stderr


def test_eval_warns_about_an_offer_set_aside_unsized_by_a_base_off_the_schema(
    tmp_path: Path,
) -> None:
    """Under max, a percentage the event could not size is set aside beside a fixed offer
    (reason `unresolved`, the decision needing approval): not made, but as much a slip of the
    sending system as one made at its floor, so it is counted the same."""
    plan = write_plan(
        tmp_path,
        """
rules:
  - id: refund-20
    title: Refund a fifth
    priority: 10
    when: {event: order}
    then: [{compensate: {kind: refund, percent: 20, of: order.total}}]
  - id: coupon
    title: A coupon
    when: {event: order}
    then: [{compensate: {kind: coupon, amount: 5}}]
""",
    )
    events = '{"id": "x", "type": "order", "order": {"total": 10}}\n' + (
        '{"id": "y", "type": "order", "order": {"total": "1000.00"}}'
    )
    result = run(["eval", "--plan", str(plan), "-"], events)
    sized, unsized = (d["compensation"] for d in lines(result.stdout))
    assert sized["superseded"] == [
        {"amount": "2.00", "reason": "smaller-offer", "rule": "refund-20"}
    ]
    assert unsized["superseded"] == [
        {"amount": "0.00", "reason": "unresolved", "rule": "refund-20"}
    ]
    assert (sized["needs_approval"], unsized["needs_approval"]) == (False, True)
    assert result.stderr.startswith(
        "backplan: <stdin>: warning: 1 event had a percentage offer left for a person to size"
    )
    assert "(the first: the 2nd event, on line 2: `order.total`)" in result.stderr


def test_eval_does_not_blame_a_base_off_the_schema_for_another_offer_left_unsized(
    tmp_path: Path,
) -> None:
    """A rule with two percentages: the one of a missing field (no slip) is set aside as
    `unresolved`, the one of a total sent as text only as a `smaller-offer` (its max is 1).
    The record names the rule, not the offer, so nothing is said rather than a wrong base."""
    plan = write_plan(
        tmp_path,
        """
rules:
  - id: two-percentages
    title: Two percentages
    priority: 10
    when: {event: order}
    then:
      - compensate: {kind: refund, percent: 20, of: order.x_missing}
      - compensate: {kind: voucher, percent: 10, of: order.total, max: 1}
  - id: coupon
    title: A coupon
    when: {event: order}
    then: [{compensate: {kind: coupon, amount: 5}}]
""",
    )
    result = run(
        ["eval", "--plan", str(plan), "-"],
        '{"id": "y", "type": "order", "order": {"total": "abc"}}',
    )
    (decision,) = lines(result.stdout)
    assert [r["reason"] for r in decision["compensation"]["superseded"]] == [
        "unresolved",
        "smaller-offer",
    ]
    assert "warning" not in result.stderr


def test_a_warning_writes_a_large_count_with_thousands_separators() -> None:
    """A replay's `12345 events went to the fallback` had to be counted out, beside error
    records that write `900,000 characters` (found by review). Places stay as written."""
    from engine.tally import Tally

    said = Tally(off_schema=12345, first_off=(12400, 12399, "rating")).warnings()
    assert said == [
        "warning: 12,345 events went to the fallback holding a field the plan's rules test "
        "with a value the event schema does not allow there, which may be why no rule matched "
        "(the first: the 12400th event, on line 12400: `rating`); send such fields as `backplan "
        "schema event` describes them, or add --strict to reject those events with each field "
        "named"
    ]


UNTIMED = (
    "warning: 2 events had no `occurred_at`, so no deadline of their decisions was set (each "
    "`due` is null), but held the time under a key written otherwise (the first: the 2nd event, on "
    "line 2: `occurredAt`); name that key `occurred_at`, as `backplan schema event` does"
)


@pytest.mark.parametrize("jobs", ["1", "4"])
def test_eval_warns_of_events_whose_time_is_under_a_key_written_otherwise(
    tmp_path: Path, jobs: str
) -> None:
    """A feed that names the time `occurredAt` had every decision made without deadlines
    (each `due` null), exit 0 and no word on stderr, even with --strict: the event schema
    lets other keys in (found by review). The warning counts such events, in order, whichever
    process decided them; an event with no time at all, or with `occurred_at` beside the
    other key, is no such event."""
    at = '"2026-11-23T09:30:00Z"'
    events = [
        '{"id": "a", "type": "review"}',
        f'{{"id": "b", "type": "review", "occurredAt": {at}}}',
        f'{{"id": "c", "type": "review", "occurred_at": {at}, "OccurredAt": {at}}}',
        *(f'{{"id": "d{n}", "type": "review", "rating": 1}}' for n in range(15000)),
        f'{{"id": "e", "type": "review", "Occurred_At": {at}}}',
    ]
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(events) + "\n", encoding="utf-8")
    result = run(["eval", "--jobs", jobs, str(path)])
    assert result.exit_code == 0
    assert result.stderr == f"backplan: {path}: {UNTIMED}\n"
    decided = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["occurred_at"] for d in decided[1:3]] == [None, "2026-11-23T09:30:00Z"]


@pytest.mark.parametrize("key", ["occured_at", "ocurred_at", "occurred_ta", "occurredat"])
def test_eval_warns_of_events_whose_time_is_under_a_key_misspelt(tmp_path: Path, key: str) -> None:
    """An event whose time came as `occured_at`, among the commonest misspellings in English,
    was decided without a single deadline (each `due` null), exit 0 and no word on stderr: a
    key written otherwise had been told only when it differed by capitals, separators or an
    `event` before it (found by a new user's trial). A slip of a letter or two is told too."""
    path = tmp_path / "events.jsonl"
    event = {"id": "a", "type": "review", key: "2026-11-23T09:30:00Z", "rating": 1}
    path.write_text(json.dumps(event) + "\n", encoding="utf-8")
    result = run(["eval", str(path)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["occurred_at"] is None
    assert result.stderr == (
        f"backplan: {path}: warning: 1 event had no `occurred_at`, so no deadline of its "
        "decision was set (each `due` is null), but held the time under a key written "
        f"otherwise (the first: the 1st event, on line 1: `{key}`); name that key `occurred_at`, as "
        "`backplan schema event` does\n"
    )


@pytest.mark.parametrize("key", ["created_at", "occurred", "time", "text"])
def test_eval_takes_no_other_key_for_a_time_misspelt(tmp_path: Path, key: str) -> None:
    """Another time (`created_at`), a key three letters off, or a field the event schema names
    is no misspelling of `occurred_at`: eval says nothing of it."""
    path = tmp_path / "events.jsonl"
    event = {"id": "a", "type": "review", key: "2026-11-23T09:30:00Z", "rating": 1}
    path.write_text(json.dumps(event) + "\n", encoding="utf-8")
    result = run(["eval", str(path)])
    assert (result.exit_code, result.stderr) == (0, "")


def test_the_count_of_events_without_a_time_crosses_from_a_worker() -> None:
    """A worker sends its counts as bytes: the events without a time, and the first, too."""
    from engine.tally import Tally

    sent = Tally(untimed=2, first_untimed=(2, 1, "occurredAt"))
    assert Tally.from_bytes(sent.to_bytes()) == sent
    assert sent.warnings() == [UNTIMED]
    one = Tally(untimed=1, first_untimed=(2, 1, "occurredAt")).warnings()  # its, not their
    assert one == [
        UNTIMED.replace("2 events", "1 event").replace("their decisions", "its decision")
    ]


def test_the_warnings_by_default_are_of_a_run_without_strict_whose_input_is_not_told() -> None:
    """Called with no options, as an embedder may, the error records are counted and the
    advice for a priced field that is no number is to add --strict, not that --strict leaves
    the plan's own fields free (found by mutation testing)."""
    from engine.tally import Tally

    said = Tally(rejected=2, unsized=1, first_unsized=(3, 2, "order.value")).warnings()
    assert said[0].startswith("2 error records among the answers")
    assert said[1].endswith(
        "or add --strict to reject the events among them whose field is a standard one, each "
        "field named"
    )
    assert len(said) == 2


def test_eval_says_each_warning_once_after_the_answers(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, PRICED_PLAN)
    events = PRICED_EVENTS + '\n{"id": "f", "type": "order", "order": {"delay_days": "4"}}'
    result = run(["eval", "--pretty", "--plan", str(plan), "-"], events)
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2
    assert warnings[0].startswith("backplan: <stdin>: warning: 1 event went to the fallback")
    assert warnings[1].startswith("backplan: <stdin>: warning: 3 events had a percentage offer")
    assert "the 6th event, on line 6: `order.delay_days`" in warnings[0]
    assert "the 3rd event, on line 3: `order.total`" in warnings[1]


def test_a_warning_nobody_reads_loses_no_answer_and_changes_no_exit_status(
    plan_path: Path, tmp_path: Path
) -> None:
    # Standard error is a pipe nobody reads any more: the second input is still answered.
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(OFF_SCHEMA_EVENTS, encoding="utf-8")
    second.write_text('{"id": "e"}\n{"id": "f", "type": "review"}\n', encoding="utf-8")
    script = "import sys; from engine.cli import main; sys.argv[0] = 'backplan'; main()"
    args = ["eval", "--jobs", "1", "--plan", str(plan_path), str(first), str(second)]
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    process.stderr.close()
    stdout, _ = process.communicate(timeout=60)
    assert process.returncode == 1  # `e` has no type: rejected
    answers = lines(stdout.decode())
    assert [r["event_id"] for r in answers] == ["a", "b", "c", "d", "e", "f"]
    assert answers[4]["error"]["code"] == "missing-type"


def test_no_warning_when_the_fields_follow_the_schema_or_strict_rejects_them(
    plan_path: Path,
) -> None:
    on_schema = OFF_SCHEMA_EVENTS.replace('"1"', "1").replace('"2"', "2")
    assert run(["eval", "--plan", str(plan_path), "-"], on_schema).stderr == ""
    strict = run(["eval", "--strict", "--plan", str(plan_path), "-"], OFF_SCHEMA_EVENTS)
    assert strict.exit_code == 1
    assert strict.stderr == records_said("<stdin>", 3)  # counted, and no warning
    assert [r.get("error", {}).get("code") for r in lines(strict.stdout)] == [
        None,
        "off-schema",
        "off-schema",
        "off-schema",
    ]


def test_strict_changes_nothing_for_the_example_events() -> None:
    examples = sorted(str(path) for path in (REPO / "examples" / "events").glob("*.json"))
    loose = run(["eval", *examples])
    strict = run(["eval", "--strict", *examples])
    assert loose.exit_code == strict.exit_code == 0
    assert strict.stdout == loose.stdout


MAIN = "import sys; from engine.cli import main; sys.argv[0] = 'backplan'; main()"


def test_files_are_answered_when_standard_input_is_closed(plan_path: Path, tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text('{"id": "a", "type": "review"}\n', encoding="utf-8")
    arguments = ["--jobs", "2", "--plan", str(plan_path), str(events), "-"]
    closed = subprocess.run(  # `<&-`: the process starts with no standard input at all
        ["sh", "-c", 'exec "$@" <&-', "sh", sys.executable, "-c", MAIN, "eval", *arguments],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert [r["event_id"] for r in lines(closed.stdout.decode())] == ["a"]  # the file first
    assert closed.returncode == 2
    assert b"standard input is closed" in closed.stderr
    assert b"Traceback" not in closed.stderr and b"internal error" not in closed.stderr


FAILING_COMMAND = """
import os, sys
from engine import cli

def failing(*arguments, **options):
    {body}

cli.cli.main = failing
sys.argv = ["backplan", "validate", "rules"]
cli.main()
"""
"""A command line whose command fails as ``body`` says, run as `backplan` runs it."""


@pytest.mark.parametrize(
    ("body", "ended"),
    [
        ("raise RuntimeError('boom')", (1, b"backplan: internal error: RuntimeError: boom\n")),
        ("raise RuntimeError('in a class being made') from KeyboardInterrupt()", (130, b"")),
        ("raise BrokenPipeError()", (0, b"")),
        (  # what is left in standard output's buffer cannot be written: its reader is gone
            "gone = type('Gone', (), {'flush': lambda o: o.__dict__.pop('full', 0) and "
            "os.write(-1, b'')})(); gone.full = 1; sys.stdout = gone; raise KeyboardInterrupt",
            (130, b""),
        ),
    ],
    ids=["a-bug", "ctrl-c-wrapped", "reader-gone", "ctrl-c-reader-gone"],
)
def test_what_no_command_catches_ends_in_words_and_a_status_never_a_traceback(
    body: str, ended: tuple[int, bytes]
) -> None:
    """main's last defences, each provoked: a bug is one line and exit 1; Ctrl-C that Python
    wrapped in another error (a class made as a module loads) is Ctrl-C, exit 130; a reader
    gone ends quietly; and Ctrl-C when the answers left in the buffer have no reader any more
    is still 130, without a word (the flush's error had been a traceback)."""
    done = subprocess.run(
        [sys.executable, "-c", FAILING_COMMAND.replace("{body}", body)],
        capture_output=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == ended


def test_a_full_disk_is_named_as_the_output_failing(plan_path: Path, tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text('{"id": "a", "type": "review"}\n' * 3, encoding="utf-8")
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-c", MAIN, "eval", "--plan", str(plan_path), str(events)],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr.decode() == "backplan: cannot write the answers: No space left on device\n"


def test_an_input_gone_when_it_is_opened_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    from engine import cliinputs
    from engine.output import Reached

    Reached.code = 0
    assert list(cliinputs.opened_inputs(["/nonexistent/b.jsonl"], "eval")) == []  # the others go on
    assert capsys.readouterr().err == (
        "backplan: /nonexistent/b.jsonl: cannot read it: No such file or directory\n"
    )
    assert Reached.code == 2


def test_a_file_name_that_is_not_utf8_is_shown_with_escapes(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # JSON cannot hold the name's byte as Python keeps it (a lone surrogate): the record that
    # named the file ended the run with an internal error, and the answers after it were lost.
    from engine import parallel

    monkeypatch.setattr(parallel, "PIECE_BYTES", 64)  # pieces enough for two workers
    events = tmp_path / os.fsdecode(b"ev\xff.jsonl")
    events.write_bytes(b'{"id":"a","type":"review"}\n{"id":"b"}\n{"id":"c","type":"review"}\n')
    shown = f"{tmp_path}/ev\\xff.jsonl"
    for jobs in ("1", "2"):
        result = run(["eval", "--jobs", jobs, "--plan", str(plan_path), str(events)])
        assert (result.exit_code, result.stderr) == (1, records_said(shown, 1))  # both pieces
        records = lines(result.stdout)
        assert [r.get("event_id") for r in records] == ["a", "b", "c"]
        assert records[1]["error"]["source"] == shown
    pretty = run(["eval", "--pretty", "--plan", str(plan_path), str(events)])
    assert pretty.exit_code == 1 and shown in pretty.stdout


def test_a_plan_folder_named_in_bytes_that_are_not_utf8_is_reported_as_json(
    tmp_path: Path,
) -> None:
    folder = tmp_path / os.fsdecode(b"p\xff")
    folder.mkdir()
    (folder / "a.yaml").write_text("backplan: 1\nfoo: 1\n", encoding="utf-8")
    result = run(["validate", "--format", "json", str(folder)])
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert found and all(d["file"] == f"{tmp_path}/p\\xff/a.yaml" for d in found)
    text = run(["validate", str(folder)])
    assert f"{tmp_path}/p\\xff/a.yaml:" in text.stderr + text.stdout


@pytest.mark.parametrize(
    ("command", "events"), [("eval", "EVENTS.json"), ("explain", "EVENT.json")]
)
def test_a_plan_folder_given_as_events_says_to_give_it_with_plan(command: str, events: str) -> None:
    result = run([command, str(REPO / "rules"), str(REPO / "examples/events/billing-error.json")])
    assert result.exit_code == 2
    assert (
        f"rules is a folder, not events: to decide with the plan in it, `backplan {command} "
        f"--plan {REPO / 'rules'} {events}`"
    ) in result.stderr


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
@pytest.mark.parametrize("command", ["eval", "explain"])
def test_a_folder_of_events_written_in_yaml_is_not_taken_for_a_plan(
    command: str, encoding: str, tmp_path: Path
) -> None:
    """A folder of events written in YAML had been told to decide "with the plan in it",
    `--plan FOLDER`, which refuses each file as no plan (found by review); saved as UTF-16,
    which eval reads, its files are read as a file given as events is (found by review)."""
    folder = tmp_path / "complaints"
    folder.mkdir()
    (folder / "a.yaml").write_text("id: e1\ntype: review\nrating: 1\n", encoding=encoding)
    (folder / "b.yaml").write_text("id: e2\ntype: order\n", encoding="utf-8")
    result = run([command, str(folder)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith(
        f"complaints is a folder, not events: its files are events written in YAML (a.yaml and "
        f"1 more), and {command} reads events written in JSON: write each as JSON, "
        '`{"id":"e1","type":"review","rating":1}` for a.yaml'
    )


def test_a_folder_of_events_says_to_name_its_files(tmp_path: Path) -> None:
    """It was told to give the folder as a plan, with --plan, which then said it holds no
    YAML (found by review)."""
    (tmp_path / "a.json").write_text('{"id": "a", "type": "review"}', encoding="utf-8")
    result = run(["eval", str(tmp_path)])
    assert result.exit_code == 2
    assert (
        f"is a folder, not events: to decide the events in it, name its files: "
        f"`backplan eval {tmp_path / '*.json'}`"
    ) in result.stderr


def test_a_folder_of_hidden_event_files_says_to_name_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A folder whose `.json` files are all hidden (`.draft.json`) had been told `backplan eval
    given/*.json`, which the shell passes as it is (its `*` leaves hidden files out), a file
    that does not exist; and one with a hidden `.json` beside `.jsonl` files was told the
    `.json` glob, not theirs (found by review)."""
    monkeypatch.chdir(tmp_path)
    Path("given").mkdir()
    Path("given/.draft.json").write_text('{"id": "a", "type": "review"}', encoding="utf-8")
    said = "Error: Invalid value for '{}': given is a folder, not events: {}"
    for command, place, hint in [
        ("eval", "[FILES]...", "to decide the events in it, name its files: `backplan eval {}`"),
        ("explain", "EVENT", "name one of its files, such as `backplan explain {}`; "),
    ]:
        result = run([command, "given"])
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1].startswith(
            said.format(place, hint.format("given/.draft.json"))
        )
        Path("given/late.jsonl").write_text('{"id": "b", "type": "review"}\n', encoding="utf-8")
        result = run([command, "given"])
        assert result.stderr.splitlines()[-1].startswith(
            said.format(
                place, hint.format("given/*.jsonl" if command == "eval" else "given/late.jsonl")
            )
        )
        Path("given/late.jsonl").unlink()


@pytest.mark.parametrize("given", ["events/", "events//"])
def test_a_folder_written_with_its_slash_is_told_its_files_with_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, given: str
) -> None:
    """`events/`, as a shell completes a folder's name, had been told to run `backplan eval
    events//*.json`, `backplan explain events//late.json` and `backplan report
    decisions//*.jsonl`, a slash doubled in each (found by a new user's trial)."""
    monkeypatch.chdir(tmp_path)
    Path("events").mkdir()
    Path("events/late.json").write_text('{"id": "a", "type": "review"}', encoding="utf-8")
    Path("decisions").mkdir()
    Path("decisions/day.jsonl").write_text("", encoding="utf-8")
    for command, path, told in [
        ("eval", given, "name its files: `backplan eval events/*.json`"),
        (
            "explain",
            given,
            "such as `backplan explain events/late.json`; `backplan eval "
            "--explain events/*.json` explains",
        ),
        ("report", given.replace("events", "decisions"), "`backplan report decisions/*.jsonl`"),
    ]:
        result = run([command, path])
        assert result.exit_code == 2
        assert f"{path} is a folder" in result.stderr
        assert told in result.stderr
        assert "//" not in result.stderr.replace(f"{path} is", "")


def test_a_folder_of_plan_tests_and_events_says_to_name_the_event_files(tmp_path: Path) -> None:
    """`backplan eval my-plan/examples` (the folder `init` writes the plan tests and the
    example events to) was told to decide "with the plan in it", `--plan my-plan/examples`,
    which then refuses its plan tests as no plan: a plan-test file is no plan (found by
    review). It is told the command that decides its events, in `events/`."""
    assert run(["init", str(tmp_path / "my-plan")]).exit_code == 0
    examples = tmp_path / "my-plan" / "examples"
    result = run(["eval", str(examples)])
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"{examples} is a folder, not events: to decide the events in it, name its files: "
        f"`backplan eval {examples / 'events' / '*.json'}`\n"
    )
    result = run(["report", str(examples)])
    assert result.stderr.endswith(  # (tests/cli/test_report_cli.py says more)
        f"{examples} is a folder, not decisions: it holds plan tests, and events in "
        f"{examples / 'events'}: decide them first, `backplan eval "
        f"{examples / 'events' / '*.json'} {examples / 'events' / '*.jsonl'} | backplan report -`\n"
    )


def test_plan_tests_named_before_a_folder_of_one_event_file_say_to_name_it(
    tmp_path: Path,
) -> None:
    """The plan-test file is found whatever its name (here before the events' folder, as
    `cases.yaml` is), and a folder of events holding a single file is one too (found by
    mutation testing)."""
    examples = tmp_path / "examples"
    (examples / "events").mkdir(parents=True)
    (examples / "cases.yaml").write_text("cases:\n  - name: a\n", encoding="utf-8")
    (examples / "events" / "late.json").write_text('{"type": "review"}', encoding="utf-8")
    result = run(["eval", str(examples)])
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"{examples} is a folder, not events: to decide the events in it, name its files: "
        f"`backplan eval {examples / 'events' / '*.json'}`\n"
    )


def test_a_plan_file_that_cannot_be_read_still_makes_its_folder_a_plan(tmp_path: Path) -> None:
    """A `.yaml` file that cannot be opened (a link to nothing) is not known for plan tests, so
    its folder is taken for the plan it most likely is, to give with --plan (found by
    mutation testing)."""
    (tmp_path / "rules.yaml").symlink_to(tmp_path / "gone.yaml")
    result = run(["eval", str(tmp_path)])
    assert result.exit_code == 2
    assert f"`backplan eval --plan {tmp_path} EVENTS.json`" in result.stderr, result.stderr


def test_a_plan_folder_of_upper_case_yaml_beside_events_says_to_give_it_with_plan(
    tmp_path: Path,
) -> None:
    """A plan folder reads `00-Plan.YAML` as it reads `.yaml`: the folder was told to be a
    folder of events, its `.json` files to be named, as if it held no plan."""
    (tmp_path / "00-Plan.YAML").write_text("backplan: 1\n", encoding="utf-8")
    (tmp_path / "a.json").write_text('{"id": "a", "type": "review"}', encoding="utf-8")
    result = run(["eval", str(tmp_path)])
    assert result.exit_code == 2
    assert (
        f"is a folder, not events: to decide with the plan in it, `backplan eval --plan "
        f"{tmp_path} EVENTS.json`"
    ) in result.stderr


def test_explain_given_a_folder_of_events_is_given_commands_it_takes(tmp_path: Path) -> None:
    """explain takes one event file: it had been told `backplan explain DIR/*.json`, which
    it refuses with "Got unexpected extra arguments" once the shell names two files (found
    by review)."""
    for name in ("b.json", "a.json", "notes.txt"):
        (tmp_path / name).write_text(
            '{"id": "a", "type": "review", "occurred_at": "2026-11-23T09:30:00Z"}',
            encoding="utf-8",
        )
    result = run(["explain", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"{tmp_path} is a folder, not events: name one of its files, such as "
        f"`backplan explain {tmp_path / 'a.json'}`; `backplan eval --explain "
        f"{tmp_path / '*.json'}` explains them all, one JSON line each\n"
    )
    assert run(["explain", str(tmp_path / "a.json")]).exit_code == 0  # as it is told
    every = sorted(str(path) for path in tmp_path.glob("*.json"))
    assert run(["eval", "--explain", *every]).exit_code == 0


def test_a_folder_of_plan_tests_alone_given_as_events_is_said_to_hold_them(
    tmp_path: Path,
) -> None:
    """A folder of plan tests alone had been told it holds "no plan (.yaml)", untrue of its
    YAML files, with no word of them (found by review)."""
    (tmp_path / "cases.yaml").write_text("cases:\n  - name: a\n", encoding="utf-8")
    result = run(["eval", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '[FILES]...': {tmp_path} is a folder, not events: it holds "
        "plan tests (cases.yaml), no event files (.json, .jsonl) and no plan: name the event "
        "files"
    )


def test_an_empty_folder_given_as_events_is_said_to_hold_neither(tmp_path: Path) -> None:
    result = run(["eval", str(tmp_path)])
    assert result.exit_code == 2
    assert "it holds no event files (.json, .jsonl) and no plan (.yaml)" in result.stderr


CUSTOM_PLAN = """\
backplan: 1
plan: {name: Acme Store, currency: USD}
rules:
  - id: chargeback
    title: Customer filed a chargeback
    when: {event: x-chargeback}
    then:
      - x-crm-flag: {flag: chargeback, tags: [1, 2]}
      - x-crm-tag: {tags: urgent, owner: {name: Bo, team: [a, b]}, channel: 3, none: null}
      - x-page: {to: on-call, level: 2, ok: true, ratio: 1.5, within: 1h, message: Page them.}
      - tag: {tags: [chargeback, money]}
  - id: improvise
    title: Nothing fits
    fallback: true
    then: [{escalate: {to: cx-lead}}]
"""
CUSTOM_CHECKLIST = """\
Event e1 (x-chargeback), time not given: count each deadline from when you received it
  Rules: chargeback
  Make it right:
    [ ] Custom action x-crm-flag (flag: chargeback, tags: [1, 2])
    [ ] Custom action x-crm-tag (channel: 3, none: empty (null), owner: {name: Bo, team: [a, b]}, tags: urgent)
    [ ] Custom action x-page (level: 2, ok: true, ratio: 1.5, to: on-call) — within 1 hour
      "Page them."
    [ ] Tag the case: chargeback, money
"""


def test_pretty_and_explain_show_a_custom_action_s_parameters_whatever_their_names(
    tmp_path: Path,
) -> None:
    """`tags`, `owner` and `channel` of a custom action are the application's, not the built-in
    ones: the checklist once joined `tags: [1, 2]` as text (a TypeError that rejected the event
    and crashed explain), spelt `tags: urgent` letter by letter, and showed no other parameter."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(CUSTOM_PLAN)
    event = tmp_path / "e1.json"
    event.write_text('{"id": "e1", "type": "x-chargeback"}')
    pretty = run(["eval", "--plan", str(plan), "--pretty", str(event)])
    assert (pretty.exit_code, pretty.stdout) == (0, CUSTOM_CHECKLIST + "\n")
    explained = run(["explain", "--plan", str(plan), str(event)])
    assert explained.exit_code == 0
    assert explained.stdout.endswith("Decision:\n" + CUSTOM_CHECKLIST)


def _answer_lines(process: subprocess.Popen[bytes], count: int) -> list[bytes]:
    """``count`` lines of the process's output, as they come; fewer if none comes for 30 s."""
    assert process.stdout is not None
    got: list[bytes] = []
    buffer = b""
    while len(got) < count:
        ready, _, _ = select.select([process.stdout], [], [], 30)
        block = os.read(process.stdout.fileno(), 1 << 16) if ready else b""
        if not block:
            break
        buffer += block
        *whole, buffer = buffer.split(b"\n")
        got += whole
    return got


def _eval_on_a_pipe(plan_path: Path) -> subprocess.Popen[bytes]:
    """``backplan eval -`` with the plan, its input, output and errors pipes of the test's."""
    return subprocess.Popen(
        [sys.executable, "-c", MAIN, "eval", "--plan", str(plan_path), "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize("first", [b'{"id": "a",\n', b"[oops\n"], ids=["brace", "bracket"])
def test_a_pipe_whose_first_line_is_broken_is_answered_as_its_lines_come(
    plan_path: Path, first: bytes
) -> None:
    # `tail -f events.jsonl | backplan eval`: the input was read to its end first (up to
    # 64 MiB, or a `[` line read as an array's start), so nothing was answered until it closed.
    process = _eval_on_a_pipe(plan_path)
    assert process.stdin is not None
    try:
        process.stdin.write(first + b'{"id": "b", "type": "review", "rating": 1}\n')
        process.stdin.flush()
        answers = [json.loads(line) for line in _answer_lines(process, 2)]
        assert [answer["event_id"] for answer in answers] == [None, "b"]
        assert answers[0]["error"]["code"] == "bad-json"
        process.stdin.write(b'{"id": "c", "type": "review", "rating": 5}\n')
        process.stdin.flush()
        assert [json.loads(line)["event_id"] for line in _answer_lines(process, 1)] == ["c"]
    finally:
        process.stdin.close()
        process.wait(timeout=60)
    assert process.returncode == 1


def test_on_a_pipe_a_line_cut_short_is_answered_when_a_line_that_cannot_go_on_it_comes(
    plan_path: Path,
) -> None:
    # `tail -f app.log | backplan eval -`: a line cut short in the middle of an event, then
    # log text. Its record had waited for the next line starting with `{` (and then lumped the
    # text in with it, "join lines 2 to 4"); it comes as the text's first line does.
    process = _eval_on_a_pipe(plan_path)
    assert process.stdin is not None
    try:
        process.stdin.write(b'{"id": "a", "type": "review", "rating": 1}\n')
        process.stdin.write(b'{"id": "b", "type": "late_order",\n')
        process.stdin.flush()
        assert [json.loads(line)["event_id"] for line in _answer_lines(process, 1)] == ["a"]
        process.stdin.write(b"\ngarbage\n")
        process.stdin.flush()
        records = [json.loads(line)["error"] for line in _answer_lines(process, 2)]
        assert [(record["line"], record["code"]) for record in records] == [
            (2, "bad-json"),
            (4, "bad-json"),
        ]
        assert "the event ends too early (at line 2, column 34)" in records[0]["message"]
        assert "a word JSON does not know" in records[1]["message"]
    finally:
        process.stdin.close()
        process.wait(timeout=60)
    assert process.returncode == 1


def _three_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, middle: Callable[[], Any]
) -> tuple[Path, Path, Path]:
    """Three event files, `first`, `middle` and `last`, each holding the event of its name;
    opening `middle` gives what ``middle()`` gives (or raises)."""
    paths = tuple(tmp_path / f"{name}.jsonl" for name in ("first", "middle", "last"))
    for path in paths:
        path.write_text(f'{{"id": "{path.stem}", "type": "review"}}\n', encoding="utf-8")
    real_open = Path.open

    def opening(self: Path, *args: Any, **kwargs: Any) -> Any:
        return middle() if self == paths[1] else real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", opening)
    return paths[0], paths[1], paths[2]


def test_an_input_that_cannot_be_opened_is_said_and_the_others_are_decided(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file gone since the command started (a rotated log) stopped the whole batch, and the
    inputs after it were never decided, without a word (found by review)."""

    def vanished() -> Any:
        raise FileNotFoundError(2, "No such file or directory")

    first, gone, last = _three_inputs(tmp_path, monkeypatch, vanished)
    result = run(["eval", "--plan", str(plan_path), str(first), str(gone), str(last)])
    assert [d["event_id"] for d in lines(result.stdout)] == ["first", "last"]
    assert f"backplan: {gone}: cannot read it: No such file or directory" in result.stderr
    assert result.exit_code == 2
    assert run(["eval", "--plan", str(plan_path), str(first)]).exit_code == 0  # afresh


def test_the_help_says_what_exit_2_leaves_in_the_answers() -> None:
    """The help said "2 when the plan is invalid, an input cannot be read or is a plan file
    (nothing is decided then)", where an input that cannot be read leaves the others decided
    (the tests above): an operator could not tell what a run that exited 2 had written."""
    said = " ".join(run(["eval", "--help"]).stdout.split())
    assert "nothing is decided then" not in said
    assert "2 when the answers are not all there" in said
    assert "an input could not be read (the others were decided;" in said


def test_an_input_that_fails_as_it_is_read_is_said_and_the_others_are_decided(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that failed under one input, after its first event (EIO, a network share gone
    stale), stopped the whole batch: the inputs named after it were never decided, where one
    that cannot be opened leaves the others decided (found by review)."""

    def failing_disk() -> Any:
        return io.BufferedReader(FailingDisk(b'{"id": "read", "type": "review"}\n'), 8)

    first, failing, last = _three_inputs(tmp_path, monkeypatch, failing_disk)
    result = run(["eval", "--plan", str(plan_path), str(first), str(failing), str(last)])
    assert [d["event_id"] for d in lines(result.stdout)] == ["first", "read", "last"]
    assert result.stderr == f"backplan: {failing}: cannot read it: Input/output error\n"
    assert result.exit_code == 2


def test_a_named_pipe_of_events_is_read_once(tmp_path: Path) -> None:
    """Before deciding, eval looks at each named file for a plan given as events; a named pipe
    (or `<(zcat events.gz)`) must not be looked at: what was read to look would be lost, and
    eval would then wait for a second writer that never comes."""
    fifo = tmp_path / "events"
    os.mkfifo(fifo)
    examples = sorted((REPO / "examples/events").glob("*.json"))
    events = "".join(json.dumps(json.loads(path.read_text())) + "\n" for path in examples)
    process = subprocess.Popen(
        [sys.executable, "-m", "engine", "eval", str(fifo)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        with fifo.open("wb") as writer:
            writer.write(events.encode())
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert len(out.splitlines()) == len(examples)


EXTRA_BASE_PLAN = """
rules:
  - id: late-checkin
    title: Late check-in
    when: {event: order}
    then:
      - compensate: {kind: voucher, percent: 10, of: stay.total, min: 20, max: 80}
"""


@pytest.mark.parametrize(
    ("stay", "warned"),
    [
        ('{"total": "420"}', True),  # the total sent as text (found by a manager's review)
        ('{"total": true}', True),
        ('{"total": [420]}', True),
        ('{"total": {"amount": 420}}', True),
        ('"420"', "stay"),  # the total sent in the group's place (found by review)
        ("420", "stay"),
        ("[420]", "stay"),
        ("null", False),  # the group null: nothing sent
        ("{}", False),  # missing, null or negative: unresolved, but no slip of the format
        ('{"total": null}', False),
        ('{"total": -420}', False),
        ('{"total": 420}', False),  # sized: nothing to say
    ],
)
def test_eval_warns_about_an_extra_field_base_that_holds_no_number(
    tmp_path: Path, stay: str, warned: bool | str
) -> None:
    """A percentage's base must be a number whatever the event schema says: the plan's own
    field (``extra_fields: [stay]``), which the schema leaves free, is held to it too. So
    under --strict, which checks only the standard fields: the event is decided, and warned
    about as without it (the warning's advice to add --strict must not silence it), the
    advice worded for --strict (it had told the user to add --strict, already given; found by
    review)."""
    header = PLAN_HEADER + "  extra_fields: [stay]\n"
    plan = write_plan(tmp_path, EXTRA_BASE_PLAN, header=header)
    event = f'{{"id": "h", "type": "order", "stay": {stay}}}'
    result = run(["eval", "--plan", str(plan), "-"], event)
    strict = run(["eval", "--strict", "--plan", str(plan), "-"], event)
    assert (result.exit_code, strict.exit_code) == (0, 0)
    assert strict.stdout == result.stdout
    (decision,) = lines(result.stdout)
    assert decision["actions"][0]["params"]["unresolved"] is (stay != '{"total": 420}')
    if not warned:
        assert (result.stderr, strict.stderr) == ("", "")
        return
    field = warned if isinstance(warned, str) else "stay.total"
    assert result.stderr == unsized_warning("1 event", f"the 1st event, on line 1: `{field}`")
    mend = result.stderr.partition("; send such fields")[2]
    assert strict.stderr == result.stderr.replace(mend, _UNDER_STRICT)


_UNDER_STRICT = (
    ' as numbers (`59.90`, not `"59.90"`): --strict rejects events whose standard fields break '
    "the event schema, and these fields are the plan's own, which it leaves free\n"
)
"""The advice of :func:`unsized_warning` under --strict, after its `; send such fields`."""


def test_explain_names_a_field_on_the_way_sent_as_a_value_not_a_group_of_fields() -> None:
    """`"customer": "gold"` (the tier sent as the customer) and an order sent as a list had been
    told "the event has no customer.tier" and "the event has no order.delay_days", as if the
    event sent no customer or order at all (found by an analyst's review)."""
    event = {
        "id": "e1",
        "type": "order",
        "occurred_at": "2026-11-05T10:00:00Z",
        "issue": "late",
        "customer": "gold",
        "order": [1, 2],
    }
    result = run(["explain", "--plan", str(REPO / "rules"), "-"], json.dumps(event))
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert (
        "   7. high-value-customer: did not match\n"
        "        none of these holds: the event has no customer.tier: customer is gold (text, not a "
        "group of\n"
        "        fields) (needs one of gold or platinum in any capitalisation); or the event has no\n"
        "        customer.lifetime_value: customer is gold (text, not a group of fields) (needs 1000 "
        "or more)\n"
        "        (named condition high_value_customer)\n"
    ) in text
    assert (
        "  14. late-delivery-short: did not match\n"
        "        the event has no order.delay_days: order is [1, 2] (a list, not a group of "
        "fields); this\n"
        "        rule needs between 1 and 2\n"
    ) in text


@pytest.mark.parametrize("stdin", [False, True], ids=["file", "stdin"])
def test_an_array_after_two_byte_order_marks_is_decided_event_by_event(
    plan_path: Path, tmp_path: Path, stdin: bool
) -> None:
    """Files joined with `cat`, the first an export holding only its mark: the array had been
    refused whole, "an event must be a JSON object, found a list" (found by review)."""
    data = b"\xef\xbb\xbf" * 2 + b'[{"id": "a", "type": "order"}, {"id": "b", "type": "order"}]\n'
    path = tmp_path / "events.json"
    path.write_bytes(data)
    result = run(["eval", "--plan", str(plan_path), "-" if stdin else str(path)], data)
    assert [record["event_id"] for record in lines(result.stdout)] == ["a", "b"]
    assert result.exit_code == 0


@pytest.mark.parametrize("given", ["file", "stdin"])
def test_a_json_document_too_large_is_said_on_stderr_as_no_event_of_it_decided(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    # A year's events exported as one JSON array over 64 MiB got one error record and exit
    # 1, as one bad event among thousands does, and with -o nothing at all was said: a
    # replay's cron job could not tell that none of its events was decided (found by an
    # operator's replay).
    from engine import jsondocs, streams

    monkeypatch.setattr(streams, "MAX_DOCUMENT_BYTES", 200)
    monkeypatch.setattr(jsondocs, "MAX_DOCUMENT_BYTES", 200)
    events = "[\n" + ",\n".join(f'{{"id": "e{i}", "type": "review"}}' for i in range(20)) + "\n]\n"
    path = tmp_path / "year.json"
    path.write_text(events)
    answers = tmp_path / "decisions.jsonl"
    args = ["eval", "--plan", str(plan_path), "-j", "1", "-o", str(answers)]
    result = run([*args, str(path)] if given == "file" else [*args, "-"], events)
    assert result.exit_code == 1
    [record] = lines(answers.read_text())
    assert record["error"]["code"] == "too-large"
    source = str(path) if given == "file" else "<stdin>"
    shown = shlex.quote(str(path)) if given == "file" else "FILE"
    assert result.stderr == (
        f"backplan: {source}: none of the events in the JSON document that starts on line 1 "
        "was decided: it is larger than 64 MiB, the most eval reads whole; send the events "
        "one a line (JSONL), which eval reads at any size: write it one a line on the way in, "
        f"`jq -c 'if type == \"array\" then .[] else . end' {shown} | backplan eval -`\n"
    )


def test_events_of_jq_too_large_to_read_whole_are_given_a_jq_program_that_keeps_them(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Events written by `jq .` (objects one after another) over the size eval reads whole had
    # been told `jq -c '.[]'`, which writes each event's values, not the events (found by
    # review): the program given keeps an object as it is and takes an array's items.
    from engine import jsondocs, streams

    monkeypatch.setattr(streams, "MAX_DOCUMENT_BYTES", 200)
    monkeypatch.setattr(jsondocs, "MAX_DOCUMENT_BYTES", 200)
    events = "".join(
        json.dumps({"id": f"e{i}", "type": "review"}, indent=2) + "\n" for i in range(20)
    )
    path = tmp_path / "events.json"
    path.write_text(events)
    result = run(
        ["eval", "--plan", str(plan_path), "-j", "1", "-o", str(tmp_path / "d"), str(path)]
    )
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "write it one a line on the way in, "
        f"`jq -c 'if type == \"array\" then .[] else . end' {shlex.quote(str(path))} | "
        "backplan eval -`\n"
    )


def test_a_json_document_too_large_is_named_by_the_line_it_starts_on(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The document's first line is named, not line 1, when blank lines come before it: the
    # operator is sent to where the array starts (found by mutation testing).
    from engine import jsondocs, streams

    monkeypatch.setattr(streams, "MAX_DOCUMENT_BYTES", 200)
    monkeypatch.setattr(jsondocs, "MAX_DOCUMENT_BYTES", 200)
    events = "[\n" + ",\n".join(f'{{"id": "e{i}", "type": "review"}}' for i in range(20)) + "\n]\n"
    path = tmp_path / "year.json"
    path.write_text("\n\n" + events)
    answers = tmp_path / "decisions.jsonl"
    result = run(["eval", "--plan", str(plan_path), "-j", "1", "-o", str(answers), str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"backplan: {path}: none of the events in the JSON document that starts on line 3 "
        "was decided: it is larger than 64 MiB"
    )


def test_an_event_too_large_among_others_is_not_said_as_a_document(
    plan_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(
        '{"id": "a", "type": "review"}\n{"id": "b", "text": "' + "x" * (1 << 20) + '"}\n'
    )
    result = run(["eval", "--plan", str(plan_path), str(path)])
    assert result.exit_code == 1
    # the too-large line starts with its id, which its record names (streams._leading_id)
    assert [r.get("event_id") for r in lines(result.stdout)] == ["a", "b"]
    assert result.stderr == records_said(path, 1)  # the event's record only


def test_an_event_too_large_or_not_utf_8_is_told_what_to_do_and_the_others_decided(
    plan_path: Path, tmp_path: Path
) -> None:
    # Each record said what was wrong alone ("the event is larger than 1 MiB", "the event is
    # not valid UTF-8 text"), and an operator replaying a log was left to guess what to do
    # (found by an operator's replay).
    path = tmp_path / "log.jsonl"
    path.write_bytes(
        b'{"id": "a", "type": "review"}\n'
        + b'{"id": "b", "text": "'
        + b"x" * (1 << 20)
        + b'"}\n'
        + b'{"id": "c", "text": "caf\xe9"}\n'
        + b'{"id": "d", "type": "review"}\n'
    )
    result = run(["eval", "--plan", str(plan_path), str(path)])
    assert result.exit_code == 1
    records = lines(result.stdout)
    assert [r.get("event_id") for r in records] == ["a", "b", None, "d"]  # (b's id leads)
    assert [(r["error"]["line"], r["error"]["message"]) for r in records[1:3]] == [
        (
            2,
            "the event is larger than 1 MiB, the most one event may be: keep attachments and "
            "long texts out of events (a link in their place), one event a line",
        ),
        (
            3,
            "the event is not valid UTF-8 text: it holds bytes of another encoding (such as "
            "Windows-1252) or binary data; save or send the events as UTF-8",
        ),
    ]


def test_an_event_a_japanese_windows_tool_saved_in_shift_jis_is_told_so(
    plan_path: Path, tmp_path: Path
) -> None:
    # A review exported by a Japanese Windows tool had been told "bytes of another encoding
    # (such as Windows-1252)", which its author never used; a plan file so saved was named
    # Shift-JIS already (found by writing a Tokyo shop's plan).
    path = tmp_path / "reviews.jsonl"
    review = '{"id": "jp-3", "type": "review", "text": "返金してください"}'
    path.write_bytes(review.encode("cp932") + b"\n" + b'{"id": "c", "text": "caf\xe9"}\n')
    result = run(["eval", "--plan", str(plan_path), str(path)])
    assert result.exit_code == 1
    assert [r["error"]["message"] for r in lines(result.stdout)] == [
        "the event is not valid UTF-8 text: it looks saved as Shift-JIS (Japanese Windows), "
        "where these bytes are `返`; save or send the events as UTF-8",
        # Latin text is not taken for Japanese: the words it had
        "the event is not valid UTF-8 text: it holds bytes of another encoding (such as "
        "Windows-1252) or binary data; save or send the events as UTF-8",
    ]


EURO_PLAN = """\
backplan: 1
plan: {name: T, currency: EUR}
rules:
  - id: late
    title: Late
    when: {event: order}
    then: [{compensate: {kind: voucher, percent: 20, of: order.total}}]
"""
"""A plan paying 20% of an order's total in EUR."""


@pytest.mark.parametrize("explained", [False, True])
def test_pretty_notes_an_offer_of_an_amount_in_another_currency(
    tmp_path: Path, explained: bool
) -> None:
    """`order.total: 100` with `order.currency: GBP` made a voucher of 20.00 EUR: `explain`
    said Backplan converts no currency, and `--pretty`, with the same event beside the
    decision, said nothing (found by review). The note follows the checklist, before the
    reasons of `--explain`; an order in the plan's currency is no note."""
    (tmp_path / "plan.yaml").write_text(EURO_PLAN)
    events = (
        '{"id": "a", "type": "order", "order": {"total": 100, "currency": "GBP"}}\n'
        '{"id": "b", "type": "order", "order": {"total": 100, "currency": "EUR"}}\n'
    )
    options = ["--explain"] if explained else []
    result = run(["eval", "--plan", str(tmp_path / "plan.yaml"), "--pretty", *options, "-"], events)
    first, second, end = result.stdout.split("\n\n")
    assert first.split("\n")[4:] == [
        "  Compensation total: 20.00 EUR",
        "  Check the amount: order.total is in GBP (order.currency), not in the plan's EUR, and"
        " Backplan",
        "    converts no currency: 20% of order.total (100) was counted as if it were EUR.",
        *(["  why late fired: the event is an order event"] if explained else []),
    ]
    assert "Check the amount" not in second and end == ""


SLIP_PLAN = """
rules:
  - id: bad-review
    title: Bad review
    when: {event: review, all: [{field: rating, lte: 2}]}
    then: [{apologize: {}}]
  - id: gold-order
    title: Gold order
    when: {event: order, all: [{field: customer.tier, eq: gold}]}
    then: [{apologize: {}}]
  - id: chargeback
    title: Chargeback
    when: {event: x-chargeback}
    then: [{apologize: {}}]
  - id: improvise
    title: Nothing fits
    fallback: true
    then: [{tag: {tags: [unplanned]}}]
"""
"""A plan with rules for a standard type, a field and a custom type, and a fallback."""


@pytest.mark.parametrize("explained", [False, True])
def test_pretty_says_what_an_event_sent_to_the_fallback_misspelt(
    tmp_path: Path, explained: bool
) -> None:
    """An event of type `revew` went to the fallback: `explain` said "did you mean
    `review`?", while `eval --pretty` listed the fallback's actions and, at the end, warned
    of `type` off the schema without the word meant (found by review). Its checklist now says
    it in one line under "No rule of the plan fits", in explain's words, for a type, a custom
    type or a field misspelt; nothing for a fallback's decision with no slip, nor for a
    decision of a rule (a misspelt field beside it is none of its business)."""
    plan = write_plan(tmp_path, SLIP_PLAN)
    events = (
        '{"id": "a", "type": "revew", "rating": 1}\n'
        '{"id": "b", "type": "order", "custmer": {"tier": "gold"}}\n'
        '{"id": "c", "type": "x-chargebak"}\n'
        '{"id": "d", "type": "order", "customer": {"tier": "silver"}}\n'
        '{"id": "e", "type": "review", "rating": 1, "custmer": {"tier": "gold"}}\n'
    )
    options = ["--explain"] if explained else []
    result = run(["eval", "--plan", str(plan), "--pretty", *options, "-"], events)
    said = [answer.split("\n")[:3] for answer in result.stdout.split("\n\n")[:5]]
    fits = "  No rule of the plan fits: a person must improvise."
    assert said == [
        [
            "Event a (revew)",
            fits,
            "  Perhaps because `revew` is no event type of the event schema: did you mean "
            "`review`?",
        ],
        [
            "Event b (order)",
            fits,
            "  Perhaps because the event has `custmer`: did you mean `customer`?",
        ],
        [
            "Event c (x-chargebak)",
            fits,
            "  Perhaps because no rule of the plan is for `x-chargebak` events: did you mean "
            "`x-chargeback`?",
        ],
        ["Event d (order)", fits, "  Rules: improvise"],
        ["Event e (review)", "  Rules: bad-review", "  Make it right:"],
    ]
    plain = run(["eval", "--plan", str(plan), "-"], events)
    assert "mean" not in plain.stdout  # the plain decisions say nothing of it


@pytest.mark.parametrize("explained", [False, True])
def test_pretty_says_which_text_written_otherwise_sent_an_event_to_the_fallback(
    tmp_path: Path, explained: bool
) -> None:
    """A review sent with `"channel": "yelp "` (a blank after it), `"Yelp"` or
    `"google review"` went to the fallback, and its checklist said "No rule of the plan fits"
    and nothing of why, with no warning either: the event schema takes any channel; `explain`
    said "only the spaces differ" (found by a new user's trial). The checklist now says the
    first rule that failed only for such a text, in explain's words; nothing for a rule that
    failed for another test first, nor for a test that held."""
    plan = _public_review_plan(
        tmp_path,
        "{event: review, all: [{field: rating, lte: 2}, {field: channel, in: [yelp, google_review]}]}",
    )
    events = "".join(
        f'{{"id": "{n}", "type": "review", "rating": {rating}, "channel": "{channel}"}}\n'
        for n, (rating, channel) in enumerate(
            [(1, "yelp "), (1, "Google Review"), (5, "Yelp"), (1, "tiktok")]
        )
    )
    options = ["--explain"] if explained else []
    result = run(["eval", "--plan", str(plan), "--pretty", *options, "-"], events)
    said = [answer.split("\n")[2] for answer in result.stdout.split("\n\n")[:4]]
    needs = "this rule needs one of yelp or google_review, and only the"
    assert said == [
        f'  Perhaps because rule public-review did not match: channel is "yelp "; {needs} '
        'spaces differ: the event writes it "yelp ", the plan yelp (write them the same, in the '
        "plan or in the system that sends the events)",
        f'  Perhaps because rule public-review did not match: channel is "Google Review"; {needs} '
        'spaces, underscores and capitals differ: the event writes it "Google Review", the plan '
        "google_review (write them the same, in the plan or in the system that sends the "
        "events)",
        "  Rules: improvise",
        "  Rules: improvise",
    ]


def test_pretty_names_no_text_written_otherwise_when_another_test_fails_too(
    tmp_path: Path,
) -> None:
    """A review with `"channel": "Yelp"` and a rating of 5, for a rule testing the channel
    first and a rating of 2 or less after, had its checklist say "Perhaps because rule
    public-review did not match: channel is Yelp; ... only the capitals differ", though the
    rule fails on its rating as written: the agent was sent to answer a good review as a bad
    one. The rule is named when writing each such text as the plan does makes it match
    (`"channel": "Yelp"` and `"issue": "Rude Staff"` both), and not when another test fails."""
    plan = _public_review_plan(
        tmp_path,
        "{event: review, all: [{field: channel, in: [yelp, google_review]}, "
        "{field: issue, eq: rude_staff}, {field: rating, lte: 2}]}",
    )
    events = "".join(
        f'{{"id": "{n}", "type": "review", "rating": {rating}, "channel": "Yelp", '
        f'"issue": "{issue}"}}\n'
        for n, (rating, issue) in enumerate([(5, "rude_staff"), (1, "Rude Staff"), (1, "late")])
    )
    result = run(["eval", "--plan", str(plan), "--pretty", "-"], events)
    said = [answer.split("\n")[2] for answer in result.stdout.split("\n\n")[:3]]
    assert said[0] == "  Rules: improvise"
    assert said[1].startswith(
        "  Perhaps because rule public-review did not match: channel is Yelp; this rule needs "
        "one of yelp or google_review, and only the capitals differ"
    )
    assert said[2] == "  Rules: improvise"


def _public_review_plan(tmp_path: Path, when: str) -> Path:
    """A plan of a rule `public-review` of the condition ``when`` (YAML), then a fallback."""
    return write_plan(
        tmp_path,
        f"""
rules:
  - id: public-review
    title: Bad public review
    when: {when}
    then: [{{apologize: {{}}}}]
  - id: improvise
    title: Nothing fits
    fallback: true
    then: [{{tag: {{tags: [unplanned]}}}}]
""",
    )


@pytest.mark.parametrize(
    ("when", "event", "named"),
    [
        (
            "{event: review, all: [{field: tags, contains: vip}, {field: tags, contains: urgent}]}",
            '"tags": ["VIP", "urgent"]',
            True,
        ),
        (
            "{event: review, all: [{field: text, contains: refund}, "
            "{field: text, contains: broken}]}",
            '"text": "Refund please, it is broken"',
            True,
        ),
        (
            "{event: review, all: [{field: text, contains: refund}, "
            "{not: {field: text, contains: thank, ignore_case: true}}]}",
            '"text": "Thanks, but I want a Refund"',
            False,
        ),
    ],
)
def test_pretty_writes_only_the_text_written_otherwise_as_the_plan_does(
    tmp_path: Path, when: str, event: str, named: bool
) -> None:
    """The text a rule missed for being written otherwise had been written as the plan writes
    it in place of the whole value: `["VIP", "urgent"]` became `"vip"`, so a rule needing
    `urgent` too was taken to fail for it and not named, while `"Thanks, but I want a Refund"`
    became `"refund"`, so a rule refusing thanks was named though it refuses this one. Only
    the item, or the part of the text, that differs is written as the plan writes it."""
    plan = _public_review_plan(tmp_path, when)
    result = run(
        ["eval", "--plan", str(plan), "--pretty", "-"], f'{{"id": "1", "type": "review", {event}}}'
    )
    said = result.stdout.split("\n")[2]
    assert said.startswith("  Perhaps because rule public-review did not match: ") is named
    assert said == "  Rules: improvise" or named
