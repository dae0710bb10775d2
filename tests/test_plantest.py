"""Plan tests: the file format, the runner, failures in words, and JUnit output."""

from __future__ import annotations

import json
import os
import re
import textwrap
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine.cli import cli
from engine.decision import canonical_json
from engine.errors import Diagnostic, PlanError, PlanTestFileError, in_order_once
from engine.expectations import Mismatch, describe_spec, param_matches
from engine.limits import TIME_PATTERN
from engine.plantest import PlanTestReport, read_test_file, run_tests
from engine.resources import load_schema
from engine.testreport import render_junit, render_text
from tests.conftest import REPO, count_compared

AUTHORING = REPO / "tests" / "authoring"
PLAN = AUTHORING / "acme.yaml"


def write(directory: Path, text: str, name: str = "plan.test.yaml") -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def file_problems(path: Path) -> list[Diagnostic]:
    """What ``backplan test`` tells of a test file before it reads any plan, in its order."""
    return list(in_order_once(read_test_file(path)[1]))


def problems(path: Path) -> list[str]:
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path], [str(PLAN)])
    return [d.render() for d in caught.value.diagnostics]


def test_passing_file() -> None:
    report = run_tests([AUTHORING / "acme.test.yaml"])
    assert report.ok
    assert (report.passed, report.failed, report.errors) == (3, 0, 0)
    assert render_text(report).endswith("3 passed in 1 test file\n")


def test_failing_file_says_what_was_expected_and_what_happened() -> None:
    report = run_tests([AUTHORING / "acme-failing.test.yaml"])
    assert not report.ok
    assert (report.passed, report.failed, report.errors) == (0, 2, 1)
    text = render_text(report)
    assert "tests/authoring/acme-failing.test.yaml FFE" in text.replace(str(REPO) + "/", "")
    expected_lines = [
        "  rules that fire",
        "    expected: vip",
        "    got:      improvise",
        "    vip did not fire: customer.tier is silver; this rule needs one of gold or platinum",
        "    expected: compensate with amount 45.00",
        "    got:      no compensate action; the decision has escalate",
        "    expected: no escalate action",
        "    got:      escalate from rule improvise",
        "    expected: compensate with amount 30 and kind refund",
        "    expected: reply_publicly due within 2h",
        "    got:      reply_publicly from rule public-negative-review has within 1h (not 2h)",
        "  the event cannot be decided: the event `type` must be text such as review or order, "
        "not empty text [missing-type]",
    ]
    for line in expected_lines:
        assert line in text.splitlines()
    assert "compensate from rule public-negative-review has amount 24.00 (not 30) and kind" in text
    assert text.endswith(
        "\n1 of 3 rules fired in no case: vip\n\n2 failed, 1 error, 0 passed in 1 test file\n"
    )  # the plan's `vip` fires in no case of the file; the summary stays the last line


def test_plan_option_overrides_the_file_and_starter_is_the_default(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: review
            event: {type: review, rating: 1, channel: yelp}
            expect: {matched_at_least: [public-negative-review]}
        """,
    )
    assert run_tests([path], [str(PLAN)]).ok
    other = write(tmp_path, "backplan: 1\nplan: {name: X, currency: USD}\nrules: []\n", "x.yaml")
    with pytest.raises(PlanError):  # the override is really used: an empty plan is invalid
        run_tests([path], [str(other)])


def test_event_id_defaults_to_the_case_name(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"""\
        backplan: 1
        plan: {PLAN}
        cases:
          - name: no id given
            event: {{type: order}}
            expect: {{fallback: true}}
        """,
    )
    report = run_tests([path])
    assert report.ok
    decision = report.results[0].decision
    assert decision is not None and decision["event_id"] == "no id given"


def test_event_file_relative_to_the_test_file(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "e.json").write_text(
        '{"id": "e", "type": "order", "customer": {"tier": "gold"}}'
    )
    path = write(
        tmp_path,
        f"""\
        backplan: 1
        plan: {PLAN}
        cases:
          - name: from a file
            event_file: events/e.json
            expect: {{matched: [vip]}}
        """,
    )
    assert run_tests([path]).ok


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "cases:\n  - name: a\n    event: {type: review}\n    expect: {matchd: [vip]}\n",
            "unknown key `matchd` (did you mean `matched`?)",
        ),
        (
            "cases:\n  - name: a\n    event: {type: review}\n    event_file: x.json\n"
            "    expect: {fallback: true}\n",
            "a case needs exactly one of `event` or `event_file` in case `a` [case-event]",
        ),
        (
            "cases:\n  - name: a\n    event_file: nowhere.json\n    expect: {fallback: true}\n",
            "there is no event file",
        ),
        (
            "cases:\n  - name: a\n    event: {type: review}\n    expect: {}\n",
            "`expect` is empty, so the case would check nothing in case `a` (expect) [empty-expect]",
        ),
        (
            "cases:\n  - name: a\n    event: {type: review}\n    expect: {matched: [vipp]}\n",
            "the plan has no rule `vipp` (did you mean `vip`?) in case `a` (expect › matched) "
            "[unknown-rule]",
        ),
        (  # a case name's line break had split the diagnostic over two lines
            'cases:\n  - name: "a\\nb"\n    event: {type: review}\n    expect: {matched: [vipp]}\n',
            "the plan has no rule `vipp` (did you mean `vip`?) in case `a\\nb` (expect › matched) "
            "[unknown-rule]",
        ),
        (
            "cases:\n  - name: a\n    event: {type: review}\n"
            "    expect: {actions: [{compensate: {amout: 3}}]}\n",
            "unknown key `amout` (did you mean `amount`?)",
        ),
        (
            "cases:\n  - name: a\n    event: {type: review}\n    expect: {actions: [apologise]}\n",
            "`apologise` is not an action type (did you mean `apologize`?)",
        ),
        (
            "cases:\n  - {name: a, event: {type: review}, expect: {fallback: true}}\n"
            "  - {name: a, event: {type: order}, expect: {fallback: true}}\n",
            "two cases are named `a` [duplicate-case]",  # as `in case `a`` (found by review)
        ),
        (  # the `- ` left out: a mapping where the list of cases goes
            "cases:\n  name: a\n  event: {type: review}\n  expect: {fallback: true}\n",
            "hint: start each case with `- ` before its first key (`- name: a`)",
        ),
        (  # left empty, `expect:` had been hinted `expect: {}`, refused in its turn, and
            # `cases:` had no hint (found by review)
            "cases:\n  - name: a\n    event: {type: review}\n    expect:\n",
            "error: expected a mapping (keys and values), found nothing in case `a` (expect) "
            "[wrong-type]\n  hint: add for example `matched: [rule-id]` or `fallback: true`",
        ),
        (
            "cases:\n",
            "error: expected a list, found nothing [wrong-type]\n  hint: add a case: `- name: "
            "...` with the `event:` (or `event_file:`) and what to `expect:`, as in "
            "examples/plan-tests.yaml",
        ),
        (  # the file named under `event:` had been hinted an example event (found by review)
            "cases:\n  - name: a\n    event: events/late.json\n    expect: {fallback: true}\n",
            "error: expected a mapping (keys and values), found text `events/late.json` in case "
            "`a` (event) [wrong-type]\n  hint: to read the event from a file, write `event_file: "
            "events/late.json`; `event:` holds the event itself, written out",
        ),
        (  # left empty, `event:` had been hinted `event: {}`, an event with no type, which
            # makes its case an error in its turn (found by review)
            "cases:\n  - name: a\n    event:\n    expect: {fallback: true}\n",
            "error: expected a mapping (keys and values), found nothing in case `a` (event) "
            "[wrong-type]\n  hint: write the event's fields under `event:`: its `type` and what "
            "happened, such as `event: {type: order, issue: late}` (its `id` may be left out: "
            "the case name is used)",
        ),
        (  # a case that is no mapping had its event looked for in it: an internal error
            "cases:\n  - just text\n  - [a, b]\n",
            "error: expected a mapping (keys and values), found text `just text` in case #1 "
            "[wrong-type]",
        ),
        (  # a case without its event, or with a file name that is no text, had its event
            # read all the same: an internal error
            "cases:\n  - name: a\n    expect: {fallback: true}\n"
            "  - name: b\n    event_file: [a]\n    expect: {fallback: true}\n",
            "a case needs exactly one of `event` or `event_file` in case `a` [case-event]",
        ),
    ],
)
def test_malformed_test_files_are_located(tmp_path: Path, body: str, expected: str) -> None:
    path = write(tmp_path, "backplan: 1\n" + body)
    found = problems(path)
    assert any(expected in p for p in found), found
    assert all(p.startswith(f"{path}:") for p in found), found


@pytest.mark.parametrize(
    ("where", "said"),
    [
        (
            'description: "\\u200b"\ncases:\n  - {name: a, event: {type: review}, '
            "expect: {fallback: true}}\n",
            "error: this description is only blanks [too-few]\n  hint: write what these tests "
            "are about, or remove `description`",
        ),
        (
            "cases:\n  - {name: ' ', event: {type: review}, expect: {fallback: true}}\n",
            "error: this case name is only blanks in case #1 (name) [too-few]\n  hint: write "
            "what the case checks in a few words, such as `one-star review gets a reply`",
        ),
        (
            'cases:\n  - {name: a, description: "\\ufeff\\t", event: {type: review}, '
            "expect: {fallback: true}}\n",
            "error: this description is only blanks in case `a` (description) [too-few]",
        ),
    ],
)
def test_a_text_of_blanks_in_a_test_file_is_refused(tmp_path: Path, where: str, said: str) -> None:
    """A case named `" "` was run, and a failing one was reported under a name that shows as
    nothing (found by review): the plan test's texts are refused as the plan's are."""
    found = problems(write(tmp_path, "backplan: 1\n" + where))
    assert len(found) == 1 and said in found[0], found


def _vip_case(directory: Path, expect: str) -> Path:
    """A test file of one case, a gold customer's late order, expecting ``expect`` (its lines,
    indented under ``expect:``)."""
    event_file = AUTHORING / "events" / "vip-late-order.json"
    head = "backplan: 1\ncases:\n  - name: a gold customer's late order\n"
    head += f"    event_file: {event_file}\n    expect:\n"
    return write(directory, head + textwrap.indent(textwrap.dedent(expect), "      "))


def _starter_cases(directory: Path, cases: str) -> Path:
    """A test file of the starter plan with ``cases`` (its items, indented under ``cases:``)."""
    head = f"backplan: 1\nplan: {REPO / 'rules'}\ncases:\n"
    return write(directory, head + textwrap.indent(textwrap.dedent(cases), "  "))


def _one_case(directory: Path, event_file: str) -> Path:
    return write(
        directory,
        f"backplan: 1\ncases:\n  - {{name: a, event_file: {event_file}, expect: {{fallback: true}}}}\n",
    )


def _eval_record(event_file: Path) -> dict[str, object]:
    """What `backplan eval` writes for the one event of a file: a decision or an error record."""
    result = CliRunner().invoke(cli, ["eval", "--plan", str(PLAN), str(event_file)])
    [line] = result.stdout.splitlines()  # (a warning of a type no rule names is on stderr)
    record: dict[str, object] = json.loads(line)
    return record


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b'{"id": "a", "type": "review", "rating": NaN}', "bad-number"),
        (b'{"id": "a", "type": "review", "order": {"total": Infinity}}', "bad-number"),
        (b'{"id": "a", "type": "review", "n": 1e400}', "bad-number"),
        (b'{"id": "a", "type": "review", "text": "\\ud800"}', "bad-encoding"),
        (b'{"id": "a", "type": "review", "text": "caf\xe9"}', "bad-encoding"),
        (b'{"id": "a", "type": "review" "rating": 1}', "bad-json"),
        (b'{"id": "a", "type": "review", "d": ' + b"[" * 70 + b"]" * 70 + b"}", "too-deep"),
        (b'{"id": "a", "type": "review", "t": "' + b"x" * 100_001 + b'"}', "string-too-long"),
        (b'{"id": "a", "type": "review", "t": "' + b"x" * (1 << 20) + b'"}', "too-large"),
        (b'{"type": "review", "rating": 1}', "missing-id"),
        (b'{"id": "a", "type": "review", "type": "order", "type": "nps"}', "repeated-key"),
    ],
)
def test_an_event_file_eval_refuses_is_an_error_case_with_evals_code_and_words(
    tmp_path: Path, content: bytes, code: str
) -> None:
    # The file is read by eval's own reader: json.loads had read NaN, Infinity, 1e400 (as
    # infinity) and half a character, so a case could pass on an event eval refuses.
    (tmp_path / "e.json").write_bytes(content)
    report = run_tests([_one_case(tmp_path, "e.json")], [str(PLAN)])
    [result] = report.results
    assert (report.passed, report.failed, report.errors) == (0, 0, 1)
    assert result.code == code
    error = _eval_record(tmp_path / "e.json")["error"]
    assert isinstance(error, dict) and error["code"] == code
    assert result.error is not None and result.error.endswith(f": {error['message']}")
    assert f"the event cannot be decided: {tmp_path / 'e.json'}: " in result.error or (
        code == "missing-id"  # refused by deciding, as in eval
    )
    assert f"[{code}]" in render_text(report)


@pytest.mark.parametrize(
    "content",
    [
        b'{"id": "a", "type": "review", "type": "review"}',  # a key twice alike: read once
        b'{"id": "a", "type": "review", "order": {"total": 100000000000000000000000}}',
        b"\xef\xbb\xbf" + b'{"id": "a", "type": "review", "rating": 1}',
        '{"id": "a", "type": "review", "rating": 1}'.encode("utf-16"),
        b'[{"id": "a", "type": "review", "rating": 1}]',
        b'{\n  "id": "a",\n  "type": "review",\n  "rating": 1\n}\n',
    ],
)
def test_an_event_file_is_decided_as_eval_decides_it(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "e.json").write_bytes(content)
    [result] = run_tests([_one_case(tmp_path, "e.json")], [str(PLAN)]).results
    assert result.error is None and result.decision is not None
    assert canonical_json(result.decision) == canonical_json(_eval_record(tmp_path / "e.json"))


@pytest.mark.parametrize(
    ("name", "content", "second"),
    [
        ("e.json", b"", 0),
        ("e.json", b"[]", 0),
        ("e.json", b'{"id": "a", "type": "review"}\n{"id": "b", "type": "review"}\n', 2),
        ("e.json", b'{"id": "a", "type": "review"}\nnot json\n', 2),
        # A YAML list of none or several had been one event, refused in deciding (exit 1).
        ("e.yaml", b"", 0),
        ("e.yaml", b"[]\n", 0),
        ("e.yaml", b"- {id: a, type: order}\n- {id: b, type: order}\n", 2),
        ("e.yaml", b"- id: a\n  type: order\n\n- id: b\n  type: order\n", 4),
    ],
)
def test_an_event_file_without_exactly_one_event_is_located_at_the_case(
    tmp_path: Path, name: str, content: bytes, second: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``second``: the line where the second event starts (0: the file holds none)."""
    (tmp_path / name).write_bytes(content)
    monkeypatch.chdir(tmp_path)
    if second:
        message = f"holds more than one event: another starts on line {second}"
        hint = "a case has one event: give each event a file and a case of its own"
    else:
        message = "holds no event"
        hint = 'write one event in it, with its id, such as {"id": "r-1", "type": "review", '
        hint += '"rating": 1}'
    assert problems(_one_case(Path(), name)) == [
        f"plan.test.yaml:3:27: error: the event file {name} {message} [bad-event-file]\n"
        f"  hint: {hint}"
    ]


def test_an_inline_event_beyond_evals_limits_is_an_error_case(tmp_path: Path) -> None:
    keys = ", ".join(f"k{n}: 1" for n in range(1001))
    path = write(
        tmp_path,
        "backplan: 1\ncases:\n"
        f"  - {{name: long, event: {{type: review, t: {'x' * 100_001}}}, expect: {{fallback: true}}}}\n"
        f"  - {{name: keys, event: {{type: review, o: {{{keys}}}}}, expect: {{fallback: true}}}}\n"
        "  - {name: fine, event: {type: review}, expect: {fallback: true}}\n",
    )
    report = run_tests([path], [str(PLAN)])
    assert [(r.passed, r.code) for r in report.results] == [
        (False, "string-too-long"),
        (False, "too-many-keys"),
        (True, ""),
    ]
    assert report.results[0].error == (
        "the event cannot be decided: a text in the event is 100,001 characters long at /t; "
        "the limit is 100,000"
    )


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (".nan", "not-finite"),
        ("-.inf", "not-finite"),
        ("1e400", "not-finite"),
        ("1e-400", "number-too-small"),
        ("123456789012345678901234567890", "number-too-large"),
        ('"\\ud800"', "yaml-syntax"),
    ],
)
def test_what_json_cannot_hold_in_an_inline_event_is_a_located_problem(
    tmp_path: Path, value: str, code: str
) -> None:
    # Never a pass or a failure: YAML refuses it where it stands, as in a plan.
    path = write(
        tmp_path,
        f"backplan: 1\ncases:\n  - name: a\n    event: {{type: review, n: {value}}}\n"
        "    expect: {fallback: true}\n",
    )
    [found] = problems(path)
    assert found.startswith(f"{path}:4:") and found.split("\n")[0].endswith(f"[{code}]"), found


def test_a_number_a_comma_cut_in_a_cases_braces_is_refused_as_validate_refuses_it(
    tmp_path: Path,
) -> None:
    # `{total: 10,50}` is `total: 10` and a key `50`: the case had run on a total of 10.
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: late
            event: {type: order, order: {total: 10,50, id: o-1}}
            expect: {fallback: true}
          - name: flag
            event: {type: order, order: {total: 10, 50: x}, tags: {a: "1", 5}}
            expect:
              actions:
                - x-flag: {amount: 5,00}
          - name: euro
            event: {type: order, order: {total: 12,50 €}}
            expect: {fallback: true}
        """,
    )
    said = [
        f"{path}:4:44: error: `total: 10,50` was read as `total: 10` and a key `50`: in braces, "
        "a comma ends a value in case `late` (event › order) [bad-value]\n"
        "  hint: write decimals with a dot: `total: 10.50`",
        f"{path}:10:30: error: `amount: 5,00` was read as `amount: 5` and a key `00`: in "
        "braces, a comma ends a value in case `flag` (expect › actions › x-flag) [bad-value]\n"
        "  hint: write decimals with a dot: `amount: 5.00`",
        f"{path}:12:44: error: `total: 12,50 €` was read as `total: 12` and a key `50 €`: in "
        "braces, a comma ends a value in case `euro` (event › order) [bad-value]\n"
        "  hint: write the number only, `total: 12.50`; the currency is set once, in the plan's "
        "`plan:` section",
    ]
    assert [d.render() for d in file_problems(path)] == said  # (`50: x`, `"1", 5`: data)
    result = CliRunner().invoke(cli, ["test", str(path), "--plan", str(PLAN)])
    assert result.exit_code == 2, result.output
    assert all(each in result.output for each in said)
    assert "Traceback" not in result.output


def test_a_number_cut_at_an_events_top_is_told_and_one_the_schema_refused_is_told_once(
    tmp_path: Path,
) -> None:
    """`rating: 4,5` in the event's own braces is cut as `total: 10,50` in `order:` is; a
    compensation's `amount: 5,00` is a key the schema refuses, told once, as the schema tells
    it. Mutants that skipped the event's own braces, or told the refused key again as
    `bad-value`, passed every test (found by mutation testing)."""
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: a
            event: {type: review, rating: 4,5}
            expect:
              actions:
                - compensate: {kind: voucher, amount: 5,00}
        """,
    )
    assert [(d.source.line, d.code, d.message) for d in file_problems(path)] == [
        (
            4,
            "bad-value",
            "`rating: 4,5` was read as `rating: 4` and a key `5`: in braces, a comma ends a "
            "value in case `a` (event)",
        ),
        (
            7,
            "unknown-key",
            "`amount: 5,00` was read as `amount: 5` and a key `00`: in braces, a comma ends a "
            "value in case `a` (expect › actions › compensate)",
        ),
    ]


def test_a_yaml_event_file_is_held_to_evals_limits_and_has_no_default_id(tmp_path: Path) -> None:
    (tmp_path / "long.yaml").write_text(f"id: a\ntype: review\nt: {'x' * 100_001}\n")
    (tmp_path / "no-id.yaml").write_text("type: review\n")
    path = write(
        tmp_path,
        "backplan: 1\ncases:\n"
        "  - {name: long, event_file: long.yaml, expect: {fallback: true}}\n"
        "  - {name: no id, event_file: no-id.yaml, expect: {fallback: true}}\n",
    )
    report = run_tests([path], [str(PLAN)])
    assert [r.code for r in report.results] == ["string-too-long", "missing-id"]
    assert (report.results[0].error or "").startswith(
        f"the event cannot be decided: {tmp_path / 'long.yaml'}: a text in the event is"
    )


def test_an_event_file_that_is_a_folder_a_device_or_a_pipe_is_named_for_what_it_is(
    tmp_path: Path,
) -> None:
    """They exist, so "there is no event file" was wrong; none is opened (reading a pipe would
    wait for a writer: a thread opens it for writing after a while, so a regression fails here
    rather than hangs)."""
    (tmp_path / "dir.json").mkdir()
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    path = write(
        tmp_path,
        "backplan: 1\ncases:\n"
        "  - {name: a, event_file: dir.json, expect: {fallback: true}}\n"
        f"  - {{name: b, event_file: {os.devnull}, expect: {{fallback: true}}}}\n"
        "  - {name: c, event_file: pipe.json, expect: {fallback: true}}\n"
        "  - {name: d, event_file: dir.json/e.json, expect: {fallback: true}}\n",
    )
    unblock = threading.Timer(5, lambda: os.close(os.open(pipe, os.O_WRONLY)))
    unblock.start()
    try:
        found = problems(path)
    finally:
        unblock.cancel()
    device = "neither a file nor a folder (a device or a pipe)"
    assert [line.split("\n")[0] for line in found] == [
        f"{path}:3:27: error: cannot read {tmp_path}/dir.json as an event file: it is a folder "
        "[unreadable]",
        f"{path}:4:27: error: cannot read {os.devnull} as an event file: it is {device} "
        "[unreadable]",
        f"{path}:5:27: error: cannot read {pipe} as an event file: it is {device} [unreadable]",
        f"{path}:6:27: error: there is no event file {tmp_path}/dir.json/e.json "
        "[event-file-not-found]",
    ]


@pytest.mark.parametrize("refused", ["stat", "open"])
def test_an_event_file_the_system_refuses_to_read_is_named_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refused: str
) -> None:
    """A file whose folder may not be searched, or that may not be opened, is told as such (a
    test run as root reads any file: the refusal is made here), not as a missing file, and no
    traceback reaches the manager."""
    event = tmp_path / "locked.json"
    event.write_text('{"id": "e", "type": "order"}')
    real = getattr(Path, refused)

    def refusing(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == event.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, refused, refusing)
    path = write(
        tmp_path,
        "backplan: 1\ncases:\n  - {name: a, event_file: locked.json, expect: {fallback: true}}\n",
    )
    [found] = problems(path)
    assert found == (
        f"{path}:3:27: error: cannot read the event file {event}: Permission denied [unreadable]"
    )


def test_a_missing_event_file_names_the_file_of_the_closest_name_beside_it(
    tmp_path: Path,
) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "allergen.json").write_text('{"id": "e", "type": "complaint"}')
    (tmp_path / "events" / "lat").mkdir()  # a folder is no event file
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - {name: a, event_file: events/alergen.json, expect: {fallback: true}}
          - {name: b, event_file: events/nothing-like-it.json, expect: {fallback: true}}
          - {name: c, event_file: events/late.json, expect: {fallback: true}}
          - {name: d, event_file: plan.tst.yaml, expect: {fallback: true}}
          - {name: e, event_file: ./events/alergen.json/, expect: {fallback: true}}
          - {name: f, event_file: ./events/alergen.json, expect: {fallback: true}}
        """,
    )
    found = [line.split("\n")[0] for line in problems(path)]
    assert found[2].endswith(f"{tmp_path}/events/late.json [event-file-not-found]")
    assert found[3].endswith(f"{tmp_path}/plan.tst.yaml [event-file-not-found]")  # not itself
    assert found[0].endswith(
        f"there is no event file {tmp_path}/events/alergen.json (did you mean "
        "`events/allergen.json`?) [event-file-not-found]"  # what to write, its folder too
    ), found
    assert found[4].endswith(  # the `/` after a file's name left out
        f"there is no event file {tmp_path}/events/alergen.json (did you mean "
        "`events/allergen.json`?) [event-file-not-found]"
    ), found
    assert found[5].endswith(  # as written, `./` too
        f"there is no event file {tmp_path}/events/alergen.json (did you mean "
        "`./events/allergen.json`?) [event-file-not-found]"
    ), found
    assert found[1].endswith(
        f"there is no event file {tmp_path}/events/nothing-like-it.json [event-file-not-found]"
    )


def test_a_missing_event_file_in_a_folder_that_does_not_exist_is_told_without_a_guess(
    tmp_path: Path,
) -> None:
    """No folder to list: nothing is suggested, and nothing breaks (the listing's OSError)."""
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - {name: a, event_file: nowhere/alergen.json, expect: {fallback: true}}
        """,
    )
    [found] = [line.split("\n")[0] for line in problems(path)]
    assert found.endswith(
        f"there is no event file {tmp_path}/nowhere/alergen.json [event-file-not-found]"
    ), found


def test_a_path_with_a_lone_surrogate_is_kept_as_written() -> None:
    """Only an escape in a quoted YAML text writes one; no byte stands for it, so it names the
    path as written (and is then told missing), never an error of encoding."""
    from engine.caseevent import system_name

    assert system_name("events/\ud800.json") == "events/\ud800.json"
    assert system_name("events/late.json") == "events/late.json"


def test_an_event_file_written_from_the_current_folder_is_hinted_from_the_test_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A manager in the plan's folder writes `event_file: examples/events/late.json` in
    examples/my.test.yaml, as on the command line; the hint had said only that paths are read
    from the test file's folder. It gives the path to write, as a wrong `plan:` gets."""
    (tmp_path / "examples" / "events").mkdir(parents=True)
    (tmp_path / "examples" / "events" / "late.json").write_text('{"id": "e", "type": "order"}')
    write(
        tmp_path / "examples",
        """\
        backplan: 1
        cases:
          - {name: a, event_file: examples/events/late.json, expect: {fallback: true}}
          - {name: b, event_file: events/late.json, expect: {fallback: true}}
        """,
        "my.test.yaml",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["test", "--plan", str(PLAN), "examples/my.test.yaml"])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "examples/my.test.yaml:3:27: error: there is no event file "
        "examples/examples/events/late.json [event-file-not-found]",
        "  hint: event files are found relative to the folder of the test file (examples): "
        "write `event_file: events/late.json`",
        "backplan: the test file is invalid (1 problem)",
    ]


def test_one_run_reports_every_problem_of_the_test_files_in_file_order(tmp_path: Path) -> None:
    # Mistakes of shape had hidden duplicate names and event files, and those the rule ids the
    # plan lacks: fixing a file took three runs, and an event file's problem came first.
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "e.yaml").write_text("id: e\ntype: review\ntype: order\n")
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - {name: a, event: {type: review}, expect: {matched: [vipp], actions: [apologise]}}
          - {name: a, event_file: nowhere.json, expect: {}}
          - {name: b, event_file: events/e.yaml, expect: {not_matched: [improvize]}}
        """,
    )
    other = write(tmp_path, "backplan: 1\ncases:\n  - {name: c, event: {}, expect: {}}\n", "b.yaml")
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path, other], [str(PLAN)])
    found = [
        (d.source.path, d.source.line, d.source.column, d.code) for d in caught.value.diagnostics
    ]
    assert found == [
        (str(other), 3, 34, "empty-expect"),
        (str(path), 3, 57, "unknown-rule"),
        (str(path), 3, 74, "unknown-action-type"),
        (str(path), 4, 12, "duplicate-case"),
        (str(path), 4, 27, "event-file-not-found"),
        (str(path), 4, 49, "empty-expect"),
        (str(path), 5, 27, "duplicate-key"),
        (str(path), 5, 65, "unknown-rule"),
    ]
    [in_event_file] = [d for d in caught.value.diagnostics if d.code == "duplicate-key"]
    assert in_event_file.message.startswith(f"in the event file {tmp_path / 'events' / 'e.yaml'}:")
    assert [str(place) for place in in_event_file.related] == [f"{tmp_path}/events/e.yaml:3:1"]


def test_a_number_the_file_cannot_hold_hides_no_other_problem(tmp_path: Path) -> None:
    # `.nan` or a whole number beyond 64 bits stopped the reading of the whole file: the
    # problems before and after it came one run later.
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - {name: a, event: {type: review}, expect: {matched: [vipp]}}
          - {name: a, event: {type: review, rating: 18446744073709551616}, expect: {fallback: true}}
          - {name: b, event: {type: review, rating: .nan}, expect: {}}
        """,
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path], [str(PLAN)])
    assert [(d.source.line, d.code) for d in caught.value.diagnostics] == [
        (3, "unknown-rule"),
        (4, "duplicate-case"),
        (4, "number-too-large"),
        (5, "not-finite"),
        (5, "empty-expect"),
    ]


def test_an_invalid_plans_problems_come_with_the_test_files(tmp_path: Path) -> None:
    # One round of fixes: the plan's own problems come beside the test files' (its rule ids
    # are checked once it loads), each once however many files chose it.
    plan = write(tmp_path, "backplan: 1\nplan: {name: P, currency: usd}\nrules: []\n", "p.yaml")
    broken = write(tmp_path, "backplan: 1\ncases:\n  - {name: a, event: {}, expect: {}}\n")
    twice = write(tmp_path, "backplan: 1\ncases:\n  - {name: b, event: {}, expect: {}}\n", "u.yaml")
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([broken, twice], [str(plan)])
    codes = [d.code for d in caught.value.diagnostics]
    assert codes == ["no-rules", "bad-format", "empty-expect", "empty-expect"]
    assert [d.code for d in caught.value.plan_diagnostics] == ["no-rules", "bad-format"]
    fine = write(
        tmp_path, "backplan: 1\ncases:\n  - {name: a, event: {}, expect: {fallback: true}}\n"
    )
    with pytest.raises(PlanError):
        run_tests([fine], [str(plan)])


def test_a_plan_file_given_as_a_test_file(tmp_path: Path) -> None:
    told = file_problems(PLAN)
    assert told[0].code == "not-a-test-file"


def test_the_plans_main_file_given_as_a_test_file(tmp_path: Path) -> None:
    # The file with `plan:` (and perhaps `conditions:`) but no rules, the one a manager reaches
    # for first: the same diagnostic, at its `plan:` key, not a list of unknown keys.
    path = write(tmp_path, "backplan: 1\nplan: {name: S, currency: USD}\nconditions: {}\n")
    [found] = file_problems(path)
    assert (found.code, found.source.line, found.source.column) == ("not-a-test-file", 2, 1)


@pytest.mark.parametrize(
    ("key", "expected", "actual", "ok"),
    [
        ("amount", "24.00", "24.00", True),
        ("amount", 24, "24.00", True),
        ("amount", "24.01", "24.00", False),
        ("within", "60m", "1h", True),
        ("within", "2h", "1h", False),
        ("due", "2026-11-23T11:30:00+01:00", "2026-11-23T10:30:00Z", True),
        ("due", "2026-11-23t10:30:00z", "2026-11-23T10:30:00Z", True),  # read as deciding reads
        ("due", "2026-11-23T10:30:00+01:00", "2026-11-23T10:30:00Z", False),
        ("tags", ["a"], ["a", "b"], True),
        ("tags", ["c"], ["a", "b"], False),
        ("tags", ["a", "b"], ["b", "a"], True),  # all of them, in any order
        ("message_contains", "Dana", "Sorry Dana, we are on it.", True),
        ("needs_approval", True, True, True),
        ("needs_approval", True, 1, False),
        ("kind", "voucher", "refund", False),
    ],
)
def test_param_matching(key: str, expected: object, actual: object, ok: bool) -> None:
    assert param_matches(key, expected, actual) is ok


def test_mistakes_inside_expected_parameters_are_each_named_where_they_are(
    tmp_path: Path,
) -> None:
    # `compensation:` and an action's parameters may also be null (anyOf): a mistake inside
    # the mapping was reported as "expected empty, found a mapping" at the mapping, and only
    # one of several.
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: a
            event: {type: review}
            expect:
              compensation: {total: abc, currency: 5, extra: 2}
              actions: [{compensate: {needs_approval: no}}, {x-hook: 5}]
        """,
    )
    found = problems(path)
    assert [line.split("\n")[0].removeprefix(f"{path}:") for line in found] == [
        "6:29: error: `abc` is not a number in case `a` (expect › compensation › total) "
        "[bad-format]",
        "6:44: error: expected text, found a number `5` in case `a` (expect › compensation › "
        "currency) [wrong-type]",
        "6:47: error: unknown key `extra` in case `a` (expect › compensation) [unknown-key]",
        "7:47: error: expected true or false, found text `no` in case `a` (expect › actions › "
        "compensate › needs_approval) [wrong-type]",
        "7:62: error: expected a mapping (keys and values), found a number `5` in case `a` "
        "(expect › actions › x-hook) [wrong-type]",
    ]
    # the hint speaks of the file it is in, a test file, not of "a plan"
    assert "hint: write `true` or `false`; Backplan reads `no` as text" in found[3]


def _a_key_below_a_list_written_as_a_word(tmp_path: Path, key: str) -> list[str]:
    """The problems of a case expecting `no_actions: compensate`, then ``key: null``."""
    path = write(
        tmp_path,
        f"""\
        backplan: 1
        cases:
          - name: a
            event: {{type: complaint}}
            expect:
              no_actions: compensate
              {key}: null
        """,
    )
    return problems(path)


@pytest.mark.parametrize("key", ["compensation", '"compensation"'])
def test_a_key_below_a_list_written_as_a_word_is_not_one_of_its_items(
    key: str, tmp_path: Path
) -> None:
    """`compensation: null` below `no_actions: compensate` had been read as the list's second
    item, cut at a comma: the hint said `no_actions: [compensate, compensation]`; and so had
    the key in quotes, after that was mended for the key without them."""
    hints = [line.split("\n")[1] for line in _a_key_below_a_list_written_as_a_word(tmp_path, key)]
    assert hints == ["  hint: write a list in brackets: `no_actions: [compensate]`"]


@pytest.mark.parametrize(
    ("expect", "hint"),
    [
        (
            "actions:\n  type: apologize\n",
            "`actions:` holds a list: start the action with `- ` and name it by its type, not by "
            "`type:`: `- apologize`",
        ),
        (
            "no_actions:\n  type: escalate\n",
            "`no_actions:` holds a list: start the action with `- ` and name it by its type, not "
            "by `type:`: `- escalate`",
        ),
        (
            'actions:\n  type: compensate\n  amount: "24.00"\n',
            "`actions:` holds a list: start the action with `- ` and name it by its type, not by "
            '`type:`: `- compensate: {amount: "24.00"}`',
        ),
        (
            "actions:\n  apologize: {within: 1h}\n  escalate:\n",
            "`actions:` holds a list: start each action with `- `, one under the other: "
            "`- apologize: {within: 1h}`, then `- escalate`",
        ),
        (
            "no_actions: {x-flag: {level: 3}}\n",
            "write a list in brackets, not braces: `no_actions: [{x-flag: {level: 3}}]`",
        ),
        ("no_actions: escalate\n", "write a list in brackets: `no_actions: [escalate]`"),
        ("actions:\n  within: 1h\n", ""),  # not an action: which one is meant is not known
    ],
)
def test_a_list_of_actions_written_as_a_mapping_is_hinted_the_list(
    tmp_path: Path, expect: str, hint: str
) -> None:
    """`actions:` then `type: apologize` (as a decision names an action's type) or
    `apologize: {within: 1h}` under it, without the `- `, had been told only "expected a list,
    found a mapping"; the word alone (`no_actions: escalate`) keeps its own hint."""
    path = write(
        tmp_path,
        "backplan: 1\ncases:\n  - name: a\n    event: {type: order}\n    expect:\n"
        + textwrap.indent(expect, "      "),
    )
    [problem] = problems(path)
    message, *rest = problem.split("\n")
    key = expect.partition(":")[0]
    assert message.endswith(f"in case `a` (expect › {key}) [wrong-type]")
    assert rest == ([f"  hint: {hint}"] if hint else [])


@pytest.mark.parametrize(
    ("expect", "written"),
    [
        ("actions:\n  - type: apologize\n    within: 1h\n", "`- apologize: {within: 1h}`"),
        ("no_actions:\n  - type: escalate\n", "`- escalate`"),
        (
            'actions:\n  - {type: compensate, amount: "24.00"}\n',
            '`- compensate: {amount: "24.00"}`',
        ),
    ],
)
def test_an_expected_action_named_by_type_is_one_problem_with_its_item(
    tmp_path: Path, expect: str, written: str
) -> None:
    """`- type: apologize` then `within: 1h` had been four problems: `type` and `within` no
    action types, `apologize` and `1h` no mappings; with its `- `, it has the hint of the same
    slip written without it."""
    path = write(
        tmp_path,
        "backplan: 1\ncases:\n  - name: a\n    event: {type: order}\n    expect:\n"
        + textwrap.indent(expect, "      "),
    )
    [problem] = problems(path)
    key = expect.partition(":")[0]
    assert problem.split(": error: ", 1)[1].splitlines() == [
        f"`type:` does not name an action in case `a` (expect › {key}); its type is its key "
        "[action-shape]",
        f"  hint: name it by its type, not by `type:`: {written}",
    ]


def test_an_expected_action_named_by_a_misspelt_type_is_one_problem(tmp_path: Path) -> None:
    """`- type: apologise` then `within: 1h` was still five problems, none saying
    `apologize` (found by review)."""
    path = write(
        tmp_path,
        "backplan: 1\ncases:\n  - name: a\n    event: {type: order}\n    expect:\n"
        "      actions:\n        - type: apologise\n          within: 1h\n",
    )
    [problem] = problems(path)
    assert problem.split(": error: ", 1)[1].splitlines() == [
        "`type:` does not name an action in case `a` (expect › actions); its type is its key, "
        "and `apologise` is not an action type (did you mean `apologize`?) [action-shape]",
        "  hint: name it by its type, not by `type:`: `- apologize: {within: 1h}`",
    ]


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("actions", "list the actions the decision must have, such as `actions: [apologize]`"),
        ("no_actions", "list the actions the decision must not have, such as `no_actions: [esc"),
        ("matched", "write the rules' ids in brackets, such as `[public-negative-review]`"),
    ],
)
def test_an_empty_mapping_for_a_list_is_hinted_as_an_empty_list(
    tmp_path: Path, key: str, hint: str
) -> None:
    """`actions: {}`, braces for brackets, had been told only "expected a list, found a
    mapping"; the empty list it means is refused too, and is told what to write instead."""
    path = write(
        tmp_path,
        f"backplan: 1\ncases:\n  - name: a\n    event: {{type: order}}\n    expect:\n"
        f"      {key}: {{}}\n",
    )
    [problem] = problems(path)
    message, said = problem.split("\n")
    assert message.endswith(
        f"expected a list, found `{{}}` (an empty mapping) in case `a` (expect › {key}) "
        "[wrong-type]"
    )
    assert said.startswith(f"  hint: {hint}")


def _one_complaint_case(directory: Path, expect: str) -> Path:
    """A test file of one case, `one`, a complaint expecting ``expect`` (on the line of
    `expect:`, at its column 13)."""
    case = "backplan: 1\ncases:\n  - name: one\n    event: {type: complaint}\n"
    return write(directory, f"{case}    expect: {expect}\n")


@pytest.mark.parametrize("key", ["matched", "matched_at_least", "not_matched"])
def test_rule_ids_written_without_brackets_in_braces_are_one_problem(
    key: str, tmp_path: Path
) -> None:
    """`improvise` of `{matched: vip, improvise}` had been a second problem, an unknown key
    hinted to put `vip, improvise` in quotes, as one text."""
    path = _one_complaint_case(tmp_path, f"{{{key}: vip, improvise}}")
    assert problems(path) == [
        f"{path}:5:{16 + len(key)}: error: expected a list, found text `vip` in case `one` "
        f"(expect › {key}) [wrong-type]\n"
        f"  hint: write a list in brackets: `{key}: [vip, improvise]`"
    ]


RULE_ID_HINT = "rule ids use lower-case letters, digits, `-` and `_`, as in the plan"


@pytest.mark.parametrize(
    ("expect", "where", "meant", "hint"),
    [
        (  # one of the plan's ids, written as words
            "{matched: [Public Negative Review]}",
            "matched",
            " (did you mean `public-negative-review`?)",
            "public-negative-review",
        ),
        ("{not_matched: [VIP]}", "not_matched", " (did you mean `vip`?)", "vip"),
        (  # joined as the author joined it, a slip from the plan's: the plan's is written
            "{matched_at_least: [Public_Negative_Review]}",
            "matched_at_least",
            " (did you mean `public-negative-review`?)",
            "public-negative-review",
        ),
        (
            "{actions: [{compensate: {rule: Improvise}}]}",
            "actions › compensate › rule",
            " (did you mean `improvise`?)",
            "improvise",
        ),
        ("{matched: [Late Order]}", "matched", "", "late-order"),  # none of the plan's
    ],
)
def test_a_rule_id_written_as_words_is_given_as_an_id_and_the_plan_s_is_named(
    expect: str, where: str, meant: str, hint: str, tmp_path: Path
) -> None:
    """A plan's rule id written as words is hinted the id to write; a test file's had been
    told the rules of an id alone, though the test knows the plan and its ids."""
    path = _one_complaint_case(tmp_path, expect)
    written = re.findall(r"[A-Z][\w ]*[a-zA-Z]", expect)[0]  # (every one starts so)
    column = len("    expect: ") + expect.index(written) + 1
    assert problems(path) == [
        f"{path}:5:{column}: error: `{written}` is not in the right form{meant} in case `one` "
        f"(expect › {where}) [bad-format]\n"
        f"  hint: write `{hint}`: {RULE_ID_HINT}"
    ]


def test_a_rule_id_written_as_words_is_given_as_an_id_without_the_plan(tmp_path: Path) -> None:
    """Read without its plan, a test file's rule id written as words is hinted as a plan's."""
    path = write(
        tmp_path,
        "backplan: 1\ncases:\n  - {name: a, event: {type: review}, expect: {matched: [Late "
        "Order]}}\n",
    )
    told = file_problems(path)
    assert [(d.message, d.hint) for d in told] == [
        (
            "`Late Order` is not in the right form in case `a` (expect › matched)",
            f"write `late-order`: {RULE_ID_HINT}",
        )
    ]


def test_the_plan_s_rule_id_meant_is_added_to_the_schema_s_own_words(tmp_path: Path) -> None:
    """The plan's id meant is named after the schema's check, which knows no plan, in a
    message built with the schema's words for a refused id: with and without the plan, the
    two differ by the id meant alone, whatever those words are."""
    path = _one_complaint_case(tmp_path, "{not_matched: [VIP]}")
    [alone] = file_problems(path)
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path], [str(PLAN)])
    [with_plan] = caught.value.diagnostics
    place = " in case `one` (expect › not_matched)"
    said = alone.message.removesuffix(place)
    assert (said + place, with_plan.message) == (
        alone.message,
        f"{said} (did you mean `vip`?){place}",
    )
    assert with_plan.hint == alone.hint == f"write `vip`: {RULE_ID_HINT}"


def test_a_key_below_a_list_written_as_a_word_is_told_its_own_problem(tmp_path: Path) -> None:
    """A misspelt `compensaton: null` below `no_actions: compensate` was left out of the list's
    hint but still passed over as one of its items: it was told nowhere, and once the hint
    was followed, the next run stopped on it."""
    found = _a_key_below_a_list_written_as_a_word(tmp_path, "compensaton")
    assert [line.split("\n")[0].split(": ", 1)[1] for line in found] == [
        "error: expected a list, found text `compensate` in case `a` (expect › no_actions) "
        "[wrong-type]",
        "error: unknown key `compensaton` (did you mean `compensation`?) in case `a` (expect) "
        "[unknown-key]",
    ]
    assert found[1].split("\n")[1] == (
        "  hint: allowed here: `actions`, `compensation`, `fallback`, `matched`, "
        "`matched_at_least`, `no_actions`, `not_matched`"
    )


def test_an_expected_setting_lined_up_with_its_action_is_one_problem(tmp_path: Path) -> None:
    """As in a plan: it had been three (the item's shape, `amount` is no action type, and its
    value no mapping), and `message_contains`, no plan setting, had the plan's old words."""
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: a
            event: {type: review}
            expect:
              actions:
                - compensate:
                  amount: "0.00"
                - follow_up:
                    channel: email
                  message_contains: Hi
                - apologize:
                  mesage_contains: Sorry
        """,
    )
    found = [line.removeprefix(f"{path}:") for line in problems(path)]
    assert [line.split("\n")[0] for line in found] == [
        "8:11: error: `amount` is lined up with `compensate`, so it is read as a second action "
        "in case `a` (expect › actions) [action-shape]",
        "11:11: error: `message_contains` is lined up with `follow_up`, so it is read as a "
        "second action in case `a` (expect › actions) [action-shape]",
        "13:11: error: `mesage_contains` is lined up with `apologize`, so it is read as a "
        "second action in case `a` (expect › actions) [action-shape]",
    ]
    # misspelt too: the spelling beside the indent, not an action type it might have been
    assert found[2].endswith(
        "hint: to make it a setting of `apologize`, indent it to column 13, two spaces right "
        "of `apologize:`, and write `message_contains`"
    )


def _due_expected(directory: Path, due: str) -> Path:
    """A test file of one case, a review, expecting an escalation due at ``due`` (its `due`
    written on line 5, column 41)."""
    return write(
        directory,
        f"""\
        backplan: 1
        cases:
          - name: a
            event: {{type: review}}
            expect: {{actions: [{{escalate: {{due: "{due}"}}}}]}}
        """,
    )


def test_a_due_without_a_timezone_is_a_problem_of_the_test_file(tmp_path: Path) -> None:
    # Not a failing case: which moment it means is not known, so the test file is wrong.
    path = _due_expected(tmp_path, "2026-11-23T10:30:00")
    [found] = problems(path)
    assert found.startswith(f"{path}:5:41: error: `2026-11-23T10:30:00` is not in the right form")
    # its own time with a timezone, as an event's occurred_at is hinted (the schema's example,
    # another day's, had been the hint)
    assert found.endswith(
        "hint: write `2026-11-23T10:30:00Z` (Z is UTC; for another time zone, write its offset, "
        "such as `2026-11-23T10:30:00+01:00`)"
    )


@pytest.mark.parametrize(
    ("due", "hint"),
    [
        ("2026-11-24 09:30", "write `2026-11-24T09:30:00Z` (Z is UTC; for another time zone"),
        ("24/11/2026 09:30", "a date is written year first: write `2026-11-24T09:30:00Z`"),
        ("tomorrow", "write the date, T, the time to the second and the timezone"),  # no time
        # a deadline copied from `eval --pretty --time-zone Europe/Zurich`: its zone's offset
        # that day, where the general example, another day's, had been the hint
        (
            "2026-12-07 13:30 Europe/Zurich",
            "write `2026-12-07T13:30:00+01:00`: the time in Europe/Zurich, with its offset then",
        ),
        ("2026-07-07 13:30 Europe/Zurich", "write `2026-07-07T13:30:00+02:00`: the time in"),
        (
            "2026-10-25 02:30 Europe/Zurich",
            "that time came twice in Europe/Zurich, the clocks going back that night: write "
            "`2026-10-25T02:30:00+02:00` for the first, `2026-10-25T02:30:00+01:00` for the second",
        ),
        # copied whole, with the offset the checklist writes in the hour that comes twice and
        # for an Etc/GMT zone: it had been told the general example, another day's
        (
            "2026-10-25 02:30 Europe/Zurich (UTC+01:00)",
            "write `2026-10-25T02:30:00+01:00`: the time in Europe/Zurich, with its offset then",
        ),
        (
            "2026-12-07 01:45 Etc/GMT+12 (UTC-12:00)",
            "write `2026-12-07T01:45:00-12:00`: the time in Etc/GMT+12, with its offset then",
        ),
        # its zone named in brackets without an offset: that zone's offset then, read as
        # the same moment (`+01:00` whatever the zone had been hinted, six hours off here)
        (
            "2026-12-01T10:00:00[America/New_York]",
            "write `2026-12-01T10:00:00-05:00`: the time in America/New_York, with its offset then",
        ),
        (
            "2026-10-25T01:30[!Europe/London][u-ca=gregory]",
            "that time came twice in Europe/London, the clocks going back that night: write "
            "`2026-10-25T01:30:00+01:00` for the first, `2026-10-25T01:30:00+00:00` for the second",
        ),
        # an offset that zone never had then: not taken for either
        ("2026-12-07 13:30 Europe/Zurich (UTC+05:00)", "write the date, T, the time to the"),
        # a time the clocks skipped has no offset: the general example, never a wrong one
        ("2026-03-29 02:30 Europe/Zurich", "write the date, T, the time to the second and the"),
        ("2026-12-07 13:30 Europe/Zurch", "write the date, T, the time to the second and the"),
        # digits too many for seconds or milliseconds since 1970: no such time, where making
        # them a number had raised ValueError, an internal error of `backplan test`
        ("1" * 5000, "write the date, T, the time to the second and the"),
        ("2026-11-24T09:30:00+25:00", "`+25:00` is no offset from UTC: its hours are 00 to 23"),
        # Java's ZonedDateTime, its zone named after its offset: the time without the name
        (
            "2026-11-24T09:30+05:45[Asia/Kathmandu]",
            "`[Asia/Kathmandu]` after its offset names the zone, as Java's ZonedDateTime writes "
            "it, and is not read (the offset already places the time): write "
            "`2026-11-24T09:30:00+05:45`",
        ),
        # a mail date's seconds of 12 digits: OverflowError had been an internal error
        ("Tue, 01 Dec 2026 10:00:00202620262026", "write the date, T, the time to the second"),
        # a zone of 300 parts: ZoneInfo's imports had raised RecursionError, an internal error
        ("2026-12-07 13:30 " + "A/" * 300 + "b", "write the date, T, the time to the second"),
    ],
)
def test_a_due_not_written_as_a_time_is_hinted_its_own_time(
    tmp_path: Path, due: str, hint: str
) -> None:
    [found] = problems(_due_expected(tmp_path, due))
    assert f"hint: {hint}" in found


def test_a_deadline_or_a_percent_slip_in_an_expectation_is_told_as_in_a_plan(
    tmp_path: Path,
) -> None:
    # each had been "`2 hours` is not in the right form [bad-format]", with the general hint,
    # where a plan gets bad-duration and `write `2h`` (found by review)
    path = _vip_case(
        tmp_path,
        """\
        actions:
          - follow_up: {within: 2 hours}
          - compensate: {kind: voucher, percent: 10%}
        """,
    )
    where = "in case `a gold customer's late order` (expect › actions"
    assert problems(path) == [
        f"{path}:7:31: error: `2 hours` is not a duration {where} › follow_up › within) "
        "[bad-duration]\n  hint: write `2h`: a whole number from 1 then a unit (m, h, d or w)",
        f"{path}:8:48: error: `10%` is not a number {where} › compensate › percent) "
        "[bad-format]\n  hint: write the number without `%`: `percent: 10`",
    ]


def test_a_test_file_s_deadline_has_the_plan_s_words() -> None:
    # the wording is kept in both schemas: the same, so that one cannot drift from the other
    tests = json.loads((REPO / "schemas" / "plantest.schema.json").read_text(encoding="utf-8"))
    within = tests["$defs"]["action_params"]["properties"]["within"]
    plan = load_schema("plan")["$defs"]["actions"]["follow_up"]["properties"]["within"]
    assert (within["x-messages"], within["x-hint"]) == (plan["x-messages"], plan["x-hint"])


def test_a_misspelt_kind_channel_or_shipping_is_a_problem_of_the_test_file(tmp_path: Path) -> None:
    # `kind: vouchr` had failed its case with "has kind voucher (not vouchr)", and under
    # `no_actions:` passed in silence: no decision holds a kind the plan cannot give (found by
    # review)
    path = _vip_case(
        tmp_path,
        """\
        actions:
          - compensate: {kind: vouchr}
          - contact_customer: {channel: emial}
        no_actions:
          - replace: {shipping: expres}
        """,
    )
    where = "in case `a gold customer's late order` (expect ›"
    assert problems(path) == [
        f"{path}:7:30: error: `vouchr` is not allowed (did you mean `voucher`?) {where} actions "
        "› compensate › kind) [unknown-value]\n"
        "  hint: use one of: voucher, discount, coupon, refund, store_credit",
        f"{path}:8:39: error: `emial` is not allowed (did you mean `email`?) {where} actions › "
        "contact_customer › channel) [unknown-value]\n"
        "  hint: use one of: phone, email, sms, chat, meeting, in_person, social, letter",
        f"{path}:10:31: error: `expres` is not allowed (did you mean `express`?) {where} "
        "no_actions › replace › shipping) [unknown-value]\n"
        "  hint: use one of: standard, express",
    ]


@pytest.mark.parametrize(
    ("name", "action"),
    [
        ("kind", "compensate"),
        ("channel", "apologize"),
        ("channel", "contact_customer"),
        ("channel", "follow_up"),
        ("shipping", "replace"),
    ],
)
def test_a_test_file_takes_the_plan_s_values_of_a_parameter(name: str, action: str) -> None:
    # held to the plan's schema: a value the plan may give is never refused in a test file
    tests = json.loads((REPO / "schemas" / "plantest.schema.json").read_text(encoding="utf-8"))
    plan = load_schema("plan")["$defs"]["actions"][action]["properties"][name]
    assert tests["$defs"]["action_params"]["properties"][name]["enum"] == plan["enum"]


def test_the_schemas_due_is_a_time_with_its_zone() -> None:
    schema = json.loads((REPO / "schemas" / "plantest.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["action_params"]["properties"]["due"]["pattern"] == TIME_PATTERN


def test_junit_output_is_valid_xml_with_counts() -> None:
    report = run_tests([AUTHORING / "acme.test.yaml", AUTHORING / "acme-failing.test.yaml"])
    root = ET.fromstring(render_junit(report))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("6", "2", "1")
    suites = root.findall("testsuite")
    assert [s.get("failures") for s in suites] == ["0", "2"]
    failing = suites[1].findall("testcase")[0]
    failure = failing.find("failure")
    assert failure is not None
    assert (failure.get("message") or "").startswith("rules that fire: expected vip, got improvise")
    assert "vip did not fire" in (failure.text or "")
    error = suites[1].findall("testcase")[2].find("error")
    assert error is not None and error.get("type") == "missing-type"


def test_a_rule_that_fires_fails_not_matched_alone_and_one_fired_beyond_matched_is_told(
    tmp_path: Path,
) -> None:
    """``not_matched`` alone fails a case when the rule fires (a mutant that dropped its
    mismatch passed the suite, whose only such case failed on other expectations too); a rule
    that fired beyond ``matched`` is told why it fired."""
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: a
            event: {type: review, channel: yelp, rating: 1, customer: {tier: gold}}
            expect: {not_matched: [vip]}
          - name: b
            event: {type: review, channel: yelp, rating: 1, customer: {tier: gold}}
            expect: {matched: [public-negative-review]}
        """,
    )
    report = run_tests([path], [str(PLAN)])
    assert (report.passed, report.failed, report.errors) == (0, 2, 0)
    assert failure_lines(report)[:11] == [
        f"FAILED {path}:3:5: a",
        "  rules fired: public-negative-review, vip",
        "  rule vip does not fire",
        "    expected: it does not fire",
        "    got:      vip fired: customer.tier is gold (one of gold or platinum)",
        f"FAILED {path}:6:5: b",
        "  rules that fire",
        "    expected: public-negative-review",
        "    got:      public-negative-review, vip",
        "    vip fired: customer.tier is gold (one of gold or platinum)",
        "    to have public-negative-review fire alone: give it `stop: true`, so that no rule "
        "after it fires;",
    ]


def test_junit_counts_each_suites_first_case_too(tmp_path: Path) -> None:
    """Each suite counts its failures and errors from its first case on: a first case in
    error left out of its suite's count passed the suite (a CI page then shows the file
    with no error)."""
    first = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - {name: no type, event: {type: ""}, expect: {fallback: true}}
          - {name: not vip, event: {type: review, rating: 4}, expect: {matched: [vip]}}
        """,
        "first.test.yaml",
    )
    second = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - {name: not vip, event: {type: review, rating: 4}, expect: {matched: [vip]}}
          - {name: fallback, event: {type: review, rating: 4}, expect: {fallback: true}}
        """,
        "second.test.yaml",
    )
    root = ET.fromstring(render_junit(run_tests([first, second], [str(PLAN)])))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "1")
    counts = [(s.get("tests"), s.get("failures"), s.get("errors")) for s in root]
    assert counts == [("2", "1", "1"), ("2", "1", "0")]
    told = [[child.tag for child in case] for suite in root for case in suite.iter("testcase")]
    assert told == [["error"], ["failure"], ["failure"], []]


def test_disabled_rules_do_not_fire_in_tests(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "backplan: 1\nplan: {name: P, currency: USD}\nrules:\n"
        "  - {id: off, title: Off, enabled: false, when: {event: review}, "
        "then: [{apologize: {}}]}\n"
        "  - {id: any, title: Any, fallback: true, then: [{apologize: {}}]}\n"
    )
    path = write(
        tmp_path,
        f"backplan: 1\nplan: {plan.name}\ncases:\n"
        "  - {name: a, event: {type: review}, expect: {not_matched: [off], fallback: true}}\n",
    )
    assert run_tests([path]).ok


def test_the_example_in_the_docs_is_a_valid_test_file() -> None:
    from engine.loading import load_yaml
    from engine.schema import validate_document

    text = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert "cases:" in block
    assert validate_document(load_yaml(block, "authoring.md"), "plantest") == []


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        # the plan's hints for a number (they had been the general one)
        ('"10,00"', "write decimals with a dot: `total: 10.00`"),
        ("ten", "write the number in digits: `total: 10`"),
        (  # in words with its currency: the plan's hint too (it had been the general one)
            "ten pounds",
            "write the number only, `total: 10`; the currency is set once, in the plan's "
            "`plan:` section",
        ),
    ],
)
def test_an_amount_in_the_wrong_form_gets_a_hint_a_manager_can_use(
    tmp_path: Path, written: str, hint: str
) -> None:
    path = write(
        tmp_path,
        "backplan: 1\ncases:\n  - name: a\n    event: {id: e, type: review}\n"
        f"    expect: {{compensation: {{total: {written}}}}}\n",
    )
    [found] = file_problems(path)
    assert found.hint == hint
    assert "^" not in found.hint  # no regular expression


@pytest.mark.parametrize("written", ["none", "{}"])
def test_no_compensation_written_another_way_is_told_null(tmp_path: Path, written: str) -> None:
    """`compensation: none` was "expected a mapping, found text none", with no hint (found by
    review): `null` is how a test says there is none."""
    path = write(
        tmp_path,
        "backplan: 1\ncases:\n  - name: a\n    event: {id: e, type: review}\n"
        f"    expect: {{compensation: {written}}}\n",
    )
    [found] = file_problems(path)
    assert found.hint.startswith("write `compensation: null` when the decision must have no ")


def test_an_event_file_given_as_a_test_file_is_one_problem() -> None:
    """It was nine ("missing `backplan`", "unknown key `id`"...), where validate says what
    the file is (found by review)."""
    [found] = file_problems(REPO / "examples" / "events" / "low-csat.json")
    assert (found.code, found.message) == (
        "not-a-test-file",
        "this is a complaint event, not a plan-test file",
    )


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("event.json", '{"type": "order"}\n'),
        ("event.yaml", '{"type": "order", "customer": {"tier": "gold"}}\n'),
        ("events.json", '[{"type": "x-chargeback"}, {"id": 2, "type": "review"}]\n'),
    ],
)
def test_an_event_written_without_its_id_given_as_a_test_file_is_one_problem(
    tmp_path: Path, name: str, text: str
) -> None:
    """A hand-written event without an ``id`` had one "missing key" or "unknown key" problem
    per key of it (found by review); its hint says to give it an ``id`` first, since eval
    refuses an event without one. ``validate`` says the same of it."""
    from engine.api import validate_plan

    path = write(tmp_path, text, name)
    [found] = file_problems(path)
    assert found.code == "not-a-test-file"
    assert found.message.endswith(", not a plan-test file")
    assert found.hint.startswith(("give it an `id`, then decide", "give each event an `id`"))
    _, [problem] = validate_plan(path)
    assert problem.code == "not-a-plan"
    assert problem.hint.startswith(("give it an `id`, then decide", "give each event an `id`"))


@pytest.mark.parametrize(
    "text",
    [
        "id: e1\ntype: order\ncustomer: {tier: gold}\n",
        "type: order\n",
        "{type: order, customer: {tier: gold}}\n",
        "- type: order\n- {id: 2, type: review}\n",
    ],
)
def test_an_event_written_in_yaml_is_told_what_reads_it(tmp_path: Path, text: str) -> None:
    """Its hint sent it to ``backplan eval``, which reads JSON only and answered one
    ``bad-json`` per line (found by review): it is to be written in JSON for eval, or put under
    a case's ``event:``. Told by the content: the same event in JSON keeps eval's hint."""
    from engine.api import validate_plan

    path = write(tmp_path, text, "event.yaml")
    [found] = file_problems(path)
    _, [problem] = validate_plan(path)
    for hint in (found.hint, problem.hint):
        assert hint.startswith("`backplan eval` reads events written in JSON, and ")
        assert ' in JSON with an `id` (`{"id": ' in hint
        assert "`cases:`, `  - name: first case`, `    event:`, `      type: order`..." in hint
        assert "decide it with `backplan eval FILE`" not in hint


def test_a_mapping_with_a_type_that_is_no_events_is_not_called_an_event(tmp_path: Path) -> None:
    """Without an ``id``, only an event's own ``type`` makes a mapping an event: an action
    (``type: apologize``) or a test file with ``cases:`` is told what its keys lack."""
    for text in ("type: apologize\n", "backplan: 1\ntype: order\ncases: []\n"):
        told = file_problems(write(tmp_path, text))
        assert told and "not-a-test-file" not in {d.code for d in told}


def test_a_jsonl_file_of_events_given_as_a_test_file_or_a_plan_is_named() -> None:
    """YAML said "did not find expected <document start>" on its second line (found by
    review)."""
    from engine.api import validate_plan

    stream = REPO / "examples" / "events" / "stream.jsonl"
    [found] = file_problems(stream)
    assert (found.code, found.message, found.source.line) == (
        "not-a-test-file",
        "this is a file of complaint events (JSON Lines), not a plan-test file",
        1,
    )
    _, [problem] = validate_plan(stream)
    assert (problem.code, problem.message) == (
        "not-a-plan",
        "this is a file of complaint events (JSON Lines), not a plan",
    )


def test_an_inline_event_without_a_type_is_an_error_case_as_from_a_file(tmp_path: Path) -> None:
    (tmp_path / "untyped.json").write_text('{"rating": 1}', encoding="utf-8")
    path = write(
        tmp_path,
        "backplan: 1\ncases:\n"
        "  - {name: inline, event: {rating: 1}, expect: {fallback: true}}\n"
        "  - {name: from a file, event_file: untyped.json, expect: {fallback: true}}\n"
        "  - {name: fine, event: {type: review, rating: 5}, expect: {fallback: true}}\n",
    )
    report = run_tests([path], [str(PLAN)])
    assert (report.passed, report.failed, report.errors) == (1, 0, 2)
    assert "no `type`" in render_text(report)


def test_the_parameters_of_a_custom_action_can_be_expected(tmp_path: Path) -> None:
    plan = write(
        tmp_path,
        """\
        backplan: 1
        plan: {name: T, currency: USD}
        rules:
          - {id: r, title: r, when: {event: review}, then: [{x-flag: {level: 3, queue: vip}}]}
        """,
        "plan.yaml",
    )
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: level three
            event: {type: review}
            expect: {actions: [{x-flag: {level: 3, queue: vip, rule: r}}]}
          - name: level four
            event: {type: review}
            expect: {actions: [{x-flag: {level: 4}}]}
        """,
    )
    report = run_tests([path], [str(plan)])
    assert (report.passed, report.failed, report.errors) == (1, 1, 0)
    assert "x-flag from rule r has level 3 (not 4)" in render_text(report)
    # Its parameters are its own whatever their names: equal, not Backplan's amounts or tags.
    own = write(
        tmp_path,
        """\
        backplan: 1
        plan: {name: T, currency: USD}
        rules:
          - id: r
            title: r
            when: {event: review}
            then: [{x-flag: {base: abc, amount: {v: 1}, tags: [a, b, {k: 1}]}}]
        """,
        "own.yaml",
    )
    cases = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - {name: equal, event: {type: review}, expect: {actions: [{x-flag: {base: abc, amount: {v: 1}}}]}}
          - {name: a number, event: {type: review}, expect: {actions: [{x-flag: {tags: 5}}]}}
          - {name: a subset, event: {type: review}, expect: {actions: [{x-flag: {tags: [a]}}]}}
          - {name: letters, event: {type: review}, expect: {actions: [{x-flag: {base: cab}}]}}
        """,
        "own.test.yaml",
    )
    report = run_tests([cases], [str(own)])
    assert [r.passed for r in report.results] == [True, False, False, False]
    assert "x-flag from rule r has tags" in render_text(report)
    bad = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: a custom action's deadline is still a duration
            event: {type: review}
            expect: {actions: [{x-flag: {within: soon}}]}
        """,
        "bad.test.yaml",
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([bad], [str(plan)])
    assert (
        caught.value.diagnostics[0]
        .render()
        .endswith(
            "`soon` is not a duration in case `a custom action's deadline is still a duration` "
            "(expect › actions › x-flag › within) [bad-duration]\n"
            "  hint: a deadline is a length of time, not `soon`: pick one, such as `1h` or `30m` "
            "(a whole number from 1 then a unit (m, h, d or w))"
        )
    )


def test_a_parameter_an_action_lacks_or_a_custom_action_s_message_is_told_in_words(
    tmp_path: Path,
) -> None:
    """A parameter the decided action lacks, or holds null in, is "has no ..." (not "due null
    (not ...)"), of Backplan's actions and custom ones alike; a custom action's message is
    tested for the text it contains as Backplan's are, and told so (two mutants of
    _differences passed the suite)."""
    plan = (
        "backplan: 1\nplan: {name: T, currency: USD}\nrules:\n"
        "  - {id: r, title: r, when: {event: review}, then: [{x-flag: {message: Call Bob}}, "
        "{apologize: {within: 1h}}]}\n"
    )
    _, report = _run_cases(
        tmp_path,
        plan,
        "  - {name: a, event: {type: review}, expect: {actions: [{x-flag: {queue: vip}}]}}\n"
        "  - {name: b, event: {type: review}, expect: {actions: [{apologize: {due: "
        '"2026-02-27T13:00:00Z"}}]}}\n'
        "  - {name: c, event: {type: review}, expect: {actions: [{x-flag: {message_contains: "
        "Dana}}]}}\n",
    )
    got = [line for line in failure_lines(report) if line.startswith("    got:")]
    assert got == [
        "    got:      x-flag from rule r has no queue",
        "    got:      apologize from rule r has no due (the event has no occurred_at to count "
        "its 1h from:",
        '    got:      x-flag from rule r has message "Call Bob", which does not contain Dana',
    ]


def test_a_message_that_fails_is_shown_whole(tmp_path: Path) -> None:
    """Where two messages differ may be at their end: cut at 60 characters, the starter plan's
    public reply showed as "Hi Dana, thank you for telling us, and I am truly sorry. We…",
    without the signature the case expected (found by review)."""
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: the reply is signed by the store
            event:
              type: review
              occurred_at: "2026-11-23T09:30:00Z"
              channel: google_review
              public: true
              rating: 1
              store: Acme Downtown
              customer: {first_name: Dana}
            expect:
              actions:
                - reply_publicly: {message_contains: The Acme Store team}
        """,
    )
    report = run_tests([path])
    reply = (
        '"Hi Dana, thank you for telling us, and I am truly sorry. We got this wrong, and that '
        "is our fault, not yours. I would like to put it right personally, so we are "
        'contacting you privately right now. — Acme Downtown team"'
    )
    expected = (
        'reply_publicly with a message containing "The Acme Store team"',
        f"reply_publicly from rule public-negative-review has message {reply}, which does not "
        'contain "The Acme Store team"',
    )
    assert report.results[0].mismatches == (Mismatch("action reply_publicly", *expected),)
    assert "contacting you privately right now." in render_text(report)


def test_rules_expected_in_another_order_than_they_fire_cannot_pass(tmp_path: Path) -> None:
    """A decision lists the rules that fire in firing order, which no event changes: a case
    naming them in another order had failed at every run, its note saying the order to write.
    It is refused before any case runs, with the order to write and why (`repeat-complaint`'s
    priority is higher), and each rule's priority as a `see:`."""
    path = write(
        tmp_path,
        f"""\
        backplan: 1
        cases:
          - name: a repeat wrong-size order
            event_file: {REPO / "examples" / "events" / "repeat-complaint.json"}
            expect: {{matched: [wrong-item, repeat-complaint]}}
        """,
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path])
    rules = REPO / "rules"
    assert [d.render() for d in caught.value.diagnostics] == [
        f"{path}:5:36: error: rule `repeat-complaint` fires before `wrong-item` (priority 90, "
        "higher than `wrong-item`'s 50), and a decision lists the rules that fire in that "
        "order: `matched` can never list `wrong-item` before it in case `a repeat wrong-size "
        "order` (expect › matched) [cannot-pass]\n"
        "  hint: write `matched: [repeat-complaint, wrong-item]`, the order they fire in, or "
        "`matched_at_least:` when the order does not matter\n"
        f"  see: {path}:5:24\n"
        f"  see: {rules}/loyalty-and-repeat.yaml:15:15\n"
        f"  see: {rules}/orders-and-products.yaml:86:15"
    ]


SMALL_PLAN = """\
backplan: 1
plan: {name: Small, currency: USD}
rules:
  - id: late-order
    title: Late order
    when:
      event: order
      all: [{field: late, eq: true}]
    then: [{apologize: {within: 1h}}]
  - id: other-review
    title: Other review
    fallback: true
    when: {event: review}
    then: [{tag: {tags: [review]}}]
"""


def _small_plan_cases(directory: Path, cases: str) -> Path:
    """A test file of :data:`SMALL_PLAN` (written beside it) with ``cases`` (its items, as
    under ``cases:``)."""
    (directory / "plan.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    items = textwrap.indent(textwrap.dedent(cases), "  ")
    return write(directory, f"backplan: 1\nplan: plan.yaml\ncases:\n{items}")


def test_a_case_failing_on_an_action_says_which_rules_fired(tmp_path: Path) -> None:
    """A case that failed only on an action (`actions: [apologize]` for a five-star review)
    listed the actions the decision has, not which rule, or the fallback, decided it: a
    manager could not tell why (found by review)."""
    path = _small_plan_cases(
        tmp_path,
        """\
        - {name: a late order, event: {type: order, late: true}, expect: {actions: [tag]}}
        - {name: a five-star review, event: {type: review}, expect: {actions: [apologize]}}
        - {name: a question, event: {type: question}, expect: {actions: [apologize]}}
        - {name: passes, event: {type: order, late: true}, expect: {actions: [apologize]}}
        """,
    )
    text = render_text(run_tests([path]))
    failures = text.split("\nFAILURES\n\n")[1].split("\n\n")[:-1]
    assert [failure.splitlines()[1] for failure in failures] == [
        "  rules fired: late-order",
        "  no rule fired: the fallback `other-review` did",
        "  no rule fired",
    ]
    assert failures[0].splitlines()[2:] == [
        "  action tag",
        "    expected: any tag action",
        "    got:      no tag action; the decision has apologize",
    ]
    assert text.endswith("\n3 failed, 1 passed in 1 test file\n")


def test_a_case_the_fallback_decided_says_what_its_event_misspelt(tmp_path: Path) -> None:
    """A case whose event went to the fallback for a slip (`type: ordr`, `lat: true`) said only
    that the fallback did, or that no rule fired, where `eval --pretty` and `explain` say
    "did you mean `order`?": a manager was left to find the slip (found by review). It is said
    once: not again after a rule of the type meant that says it."""
    path = _small_plan_cases(
        tmp_path,
        """        - {name: a type slip, event: {type: ordr, late: true}, expect: {actions: [apologize]}}
        - {name: a field slip, event: {type: order, lat: true}, expect: {actions: [apologize]}}
        - {name: not an ordinary rule, event: {type: ordr, late: true}, expect: {fallback: false}}
        - {name: told at the rule, event: {type: ordr}, expect: {matched_at_least: [late-order]}}
        - {name: told at its rule, event: {type: order, lat: true}, expect: {fallback: false}}
        """,
    )
    text = render_text(run_tests([path]))
    failures = text.split("\nFAILURES\n\n")[1].split("\n\n")[:-1]
    assert [" ".join(failure.split()[3:]).split(" action ")[0] for failure in failures[:2]] == [
        "type slip no rule fired; perhaps because `ordr` is no event type of the event schema: "
        "did you mean `order`?",
        "field slip no rule fired; perhaps because the event has `lat`: did you mean `late`?",
    ]
    assert " ".join(failures[2].split()).endswith(
        "no ordinary rule is for an ordr perhaps because `ordr` is no event type of the "
        "event schema: did you mean `order`?"
    )
    assert "perhaps" not in failures[3]
    assert failures[3].count("did you mean `order`?") == 1
    assert "perhaps" not in failures[4]
    assert " ".join(failures[4].split()).count("did you mean `late`?") == 1


def test_an_expected_due_of_an_event_without_its_time_says_why_there_is_none(
    tmp_path: Path,
) -> None:
    """An action's deadline counts from the event's `occurred_at`: a case whose event had none
    was told "has no due", which read as if the plan gave no deadline (found by review)."""
    path = _small_plan_cases(
        tmp_path,
        """        - name: no time
          event: {type: order, late: true}
          expect: {actions: [{apologize: {due: "2026-11-23T10:30:00Z"}}]}
        - name: no time, no deadline
          event: {type: review}
          expect: {actions: [{tag: {due: "2026-11-23T10:30:00Z"}}]}
        """,
    )
    text = render_text(run_tests([path]))
    assert (
        " ".join(text.split()).count(
            "got: apologize from rule late-order has no due (the event has no occurred_at to count "
            "its 1h from: give the event its time, or expect `within: 1h`)"
        )
        == 1
    )
    assert "    got:      tag from rule other-review has no due\n" in text  # no deadline


def test_an_expected_due_of_an_event_with_its_time_misspelt_names_the_key(
    tmp_path: Path,
) -> None:
    """A case whose event wrote its time `occured_at` was told to "give the event its time",
    which its author saw written there (found by a new user's trial): the key is named. It is
    named at the key, as a problem of the test file, whatever the case expects (a case that
    expected no `due` had passed on it); the case without a time is not told of it."""
    path = _small_plan_cases(
        tmp_path,
        """        - name: time misspelt
          event: {type: order, late: true, occured_at: "2026-11-23T09:30:00Z"}
          expect: {actions: [{apologize: {due: "2026-11-23T10:30:00Z"}}]}
        - name: no time
          event: {type: order, late: true}
          expect: {actions: [{apologize: {due: "2026-11-23T10:30:00Z"}}]}
        """,
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path])
    [told] = [d.render().split("\n")[0] for d in caught.value.diagnostics]  # the first case's
    assert told == (
        f"{path}:5:38: error: the event has its time as `occured_at`: name that key "
        "`occurred_at` [unknown-key]"
    )


def test_the_rules_fired_are_not_said_twice(tmp_path: Path) -> None:
    """A failure of `matched:` or `fallback:` already says which rules fired in its `got:`."""
    path = _small_plan_cases(
        tmp_path,
        "- {name: a five-star review, event: {type: review}, "
        "expect: {fallback: false, actions: [apologize]}}\n",
    )
    text = render_text(run_tests([path]))
    assert "no rule fired" not in text
    assert "    got:      no ordinary rule matched, so the fallback fired (other-review)" in text


def test_an_expected_rule_or_action_the_plan_lacks_names_its_case(tmp_path: Path) -> None:
    """`unknown-rule` and `action-not-in-plan` left out "in case `…`", which the test file's
    other problems carry: in a file of many cases, which one to mend (found by review)."""
    path = _small_plan_cases(
        tmp_path,
        "- {name: late, event: {type: order}, expect: {actions: [{tag: {rule: late-order}}]}}\n"
        "- {name: other, event: {type: order}, expect: {not_matched: [late-ordr]}}\n",
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path])
    assert [d.message for d in caught.value.diagnostics] == [
        "rule `late-order` gives no action `tag` in case `late` (expect › actions), so the case "
        "can never pass",
        "the plan has no rule `late-ordr` (did you mean `late-order`?) in case `other` "
        "(expect › not_matched)",
    ]


def test_an_unknown_rule_of_an_expected_action_is_told_at_its_rule(tmp_path: Path) -> None:
    """`rule: late-ordr` of an expected action was told at the action's item (`- apologize:`),
    where a rule id of `matched:` is told at the id itself (found by review)."""
    path = _small_plan_cases(
        tmp_path,
        """\
        - name: late
          event: {type: order}
          expect:
            actions:
              - apologize:
                  within: 2h
                  rule: late-ordr
            no_actions: [{tag: {rule: other-reveiw}}]
        """,
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path])
    assert [(d.source.line, d.source.column, d.message) for d in caught.value.diagnostics] == [
        (
            10,
            19,
            "the plan has no rule `late-ordr` (did you mean `late-order`?) in case `late` "
            "(expect › actions › apologize › rule)",
        ),
        (
            11,
            33,
            "the plan has no rule `other-reveiw` (did you mean `other-review`?) in case `late` "
            "(expect › no_actions › tag › rule)",
        ),
    ]


def _plan_places(test_file: Path) -> list[str]:
    """The `see:` lines into the plan of the one problem of ``test_file``, whose one case
    expects `late-order` (orders) and `other` (reviews) of :data:`SMALL_PLAN` to fire."""
    plan = SMALL_PLAN.replace("    fallback: true\n", "")  # so that both are ordinary rules
    rules = test_file.parent.resolve().parent / "rules"  # where `..` is, for the system
    rules.mkdir()
    (rules / "plan.yaml").write_text(plan, encoding="utf-8")
    test_file.write_text(
        "backplan: 1\nplan: ../rules\ncases:\n  - {name: a, event: {type: order}, "
        "expect: {matched_at_least: [late-order, other-review]}}\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([os.path.relpath(test_file)])
    [problem] = caught.value.diagnostics
    return [line for line in problem.render().splitlines() if "plan.yaml" in line]


def test_a_see_line_into_the_plan_is_written_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`plan: ../rules` of mytests/t.test.yaml had its plan shown as
    `mytests/../rules/plan.yaml` (found by review)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mytests").mkdir()
    assert _plan_places(tmp_path / "mytests" / "t.test.yaml") == [
        "  see: rules/plan.yaml:7:14",
        "  see: rules/plan.yaml:12:19",
    ]


def test_a_folder_that_is_a_link_keeps_its_dot_dot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a folder that is a symbolic link, `..` is the parent of where the link points:
    `linked/../rules` is elsewhere/rules, not the `rules` beside `linked`."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "elsewhere" / "tests").mkdir(parents=True)
    (tmp_path / "linked").symlink_to(tmp_path / "elsewhere" / "tests")
    (tmp_path / "rules").mkdir()  # what `rules` would wrongly name
    assert _plan_places(tmp_path / "linked" / "t.test.yaml") == [
        "  see: linked/../rules/plan.yaml:7:14",
        "  see: linked/../rules/plan.yaml:12:19",
    ]


def test_an_event_file_above_the_test_file_is_named_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`event_file: ../events/late.json` of mytests/t.test.yaml had its file named
    `mytests/../events/late.json` in every message, where the plan's paths were already
    written from the current folder (found by review): an event refused by eval, and a
    problem inside a YAML event file with its `see:` line."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mytests").mkdir()
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "late.json").write_text('{"type": "order"}', encoding="utf-8")
    (tmp_path / "events" / "twice.yaml").write_text("type: a\ntype: b\n", encoding="utf-8")
    test_file = Path("mytests") / "t.test.yaml"
    case = "  - {name: a, event_file: ../events/late.json, expect: {fallback: true}}\n"
    test_file.write_text(f"backplan: 1\nplan: {PLAN}\ncases:\n{case}", encoding="utf-8")
    [result] = run_tests([test_file]).results
    assert (
        result.error
        == "the event cannot be decided: events/late.json: the event has no `id` (the complaint's own id, text or a whole number, which its decision repeats)"
    )
    test_file.write_text(
        f"backplan: 1\nplan: {PLAN}\ncases:\n{case.replace('late.json', 'twice.yaml')}",
        encoding="utf-8",
    )
    [problem] = problems(test_file)
    assert problem.splitlines()[0].endswith(
        "error: in the event file events/twice.yaml: the key `type` appears twice in this "
        "mapping (first on line 1) [duplicate-key]"
    )
    assert problem.splitlines()[-1] == "  see: events/twice.yaml:2:1"


def test_a_plan_path_with_a_nul_and_dot_dot_is_a_located_error(tmp_path: Path) -> None:
    """`plan: "../a\\0b"` had stopped the run with `internal error: ValueError: embedded null
    byte`, even with `--plan`: folding its `..` asked the system whether the two paths name
    the same file, which it refuses to be asked of a name with a NUL."""
    (tmp_path / "tests").mkdir()
    path = write(
        tmp_path / "tests",
        """\
        backplan: 1
        plan: "../a\\0b"
        cases:
          - {name: a, event: {type: order}, expect: {fallback: true}}
        """,
    )
    assert run_tests([path], [str(PLAN)]).ok
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path])
    [problem] = caught.value.diagnostics
    assert problem.code == "plan-not-found"
    assert problem.source.line == 2


def test_a_plan_path_too_long_for_the_system_is_a_located_error(tmp_path: Path) -> None:
    """A `plan:` name longer than a file name may be had stopped the run with `internal error:
    OSError: [Errno 36] File name too long`: asked whether it exists, the system refuses the
    question instead of answering no (found by fuzzing the command line). No file can have
    such a name, so it names nothing, as a name with a NUL does."""
    path = write(
        tmp_path,
        f"""\
        backplan: 1
        plan: {"x" * 300}.yaml
        cases:
          - {{name: a, event: {{type: order}}, expect: {{fallback: true}}}}
        """,
    )
    assert run_tests([path], [str(PLAN)]).ok
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path])
    [problem] = caught.value.diagnostics
    assert (problem.code, problem.source.line, problem.source.column) == ("plan-not-found", 2, 7)


def test_the_text_report_shows_control_characters_as_escapes(tmp_path: Path) -> None:
    # A test's event may be a real complaint copied in: what it sent must not act on the
    # terminal the report is read on (ESC sequences, BEL, a bidi override, a line break).
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: "a \\e[2J case"
            event:
              type: review
              channel: yelp
              rating: 1
              customer: {first_name: "Z\\e]0;t\\a\\u202e\\n"}
            expect:
              actions: [{reply_publicly: {message_contains: Dana}}]
        """,
    )
    report = run_tests([path], [str(PLAN)])
    for text in (render_text(report), render_text(report, verbose=True)):
        assert "a \\x1b[2J case" in text
        assert 'Z\\x1b]0;t\\x07\\u202e\\n, we are on it.", which does not contain Dana' in text
        assert not {"\x1b", "\x07", "\u202e"} & set(text)


_SORRY_PLAN = (
    "backplan: 1\nplan: {name: P, currency: USD}\nrules:\n"
    "  - {id: r, title: R, when: {event: order}, then: "
    "[{apologize: {message: 'Sorry {customer.first_name}, we are on it.'}}]}\n"
)
"""A plan whose one rule apologizes by the customer's first name: the cases of
:func:`_cases_to_ilkay` test its message."""


def _cases_to_ilkay(cases: tuple[tuple[str, str, str], ...]) -> str:
    """Cases of an order from İlkay, each ``(name, key, text)`` expecting the apology's
    ``key`` (`message_contains`, `message`) to be ``text``, as YAML writes it."""
    return "".join(
        f"  - {{name: {name}, event: {{type: order, customer: {{first_name: İlkay}}}}, "
        f"expect: {{actions: [{{apologize: {{{key}: {text}}}}}]}}}}\n"
        for name, key, text in cases
    )


def test_a_text_in_other_capitals_is_named_in_a_message_holding_a_dotted_capital_i(
    tmp_path: Path,
) -> None:
    """`İ` lowers to two characters (`i` and a dot): a message to İlkay had lost the hint
    for `sorry` written in other capitals, as places in its lowered text no longer lined up
    (found by review). Letters are compared one for one, an `İ` as it is."""
    cases = (("a", "message_contains", "sorry"), ("b", "message_contains", "'sorry ilkay'"))
    cases += (("c", "message_contains", "'sorry İLKAY'"),)
    _, report = _run_cases(tmp_path, _SORRY_PLAN, _cases_to_ilkay(cases))
    text = " ".join(" ".join(failure_lines(report)).split())
    said = [case.split(" got: ")[1].strip() for case in text.split("FAILED ")[1:]]
    message = 'apologize from rule r has message "Sorry İlkay, we are on it."'
    assert said == [
        f"{message}, which does not contain sorry: it has Sorry, and capitals count "
        "(write `message_contains: Sorry`)",
        f'{message}, which does not contain "sorry ilkay"',  # İ is no capital i
        f'{message}, which does not contain "sorry İLKAY": it has "Sorry İlkay", and '
        "capitals count (write `message_contains: Sorry İlkay`)",
    ]


def test_a_field_in_braces_expected_in_a_message_is_told_the_message_is_read_filled_in(
    tmp_path: Path,
) -> None:
    """`message_contains: "{customer.first_name}"` failed beside `Sorry İlkay, ...` saying only
    that it does not contain it: the manager was not told that a test reads the message as the
    customer does, its fields filled in. So for `message:` too; a text without a field is told
    as before."""
    cases = (
        ("a", "message_contains", "'{customer.first_name}'"),
        ("b", "message", "'Sorry {customer.first_name|there}, we are on it.'"),
        ("c", "message_contains", "Sorry Bob"),
    )
    _, report = _run_cases(tmp_path, _SORRY_PLAN, _cases_to_ilkay(cases))
    text = " ".join(" ".join(failure_lines(report)).split())
    said = [case.split(" got: ")[1].strip() for case in text.split("FAILED ")[1:]]
    message = 'apologize from rule r has message "Sorry İlkay, we are on it."'
    read = (
        ": a message is compared as the customer reads it, each field filled in from the case's "
        "event: write the words it shows in place of "
    )
    assert said == [
        f'{message}, which does not contain "{{customer.first_name}}"{read}'
        "`{customer.first_name}`",
        f'{message} (not "Sorry {{customer.first_name|there}}, we are on it."){read}'
        "`{customer.first_name|there}`",
        f'{message}, which does not contain "Sorry Bob"',
    ]


def test_a_text_the_message_holds_in_other_capitals_is_named_with_what_to_write(
    tmp_path: Path,
) -> None:
    """`message_contains: dana` for a message to Dana had failed saying only "which does not
    contain dana", and the manager saw "Dana" in it; capitals count, and the report says so,
    with the text to write. A text in no capitals is told as before."""
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: a
            event: {type: review, channel: yelp, rating: 1, customer: {first_name: Dana}}
            expect:
              actions: [{reply_publicly: {message_contains: dana}}]
          - name: b
            event: {type: review, channel: yelp, rating: 1, customer: {first_name: Dana}}
            expect:
              actions: [{reply_publicly: {message_contains: Dan Brown}}]
        """,
    )
    text = render_text(run_tests([path], [str(PLAN)]))
    said = [line for line in text.splitlines() if line.startswith("    ")]  # under each action
    got = " ".join(" ".join(said).split())
    assert got == (
        "expected: reply_publicly with a message containing dana "
        'got: reply_publicly from rule public-negative-review has message "Sorry Dana, we are on '
        'it.", which does not contain dana: it has Dana, and capitals count (write '
        "`message_contains: Dana`) "
        'expected: reply_publicly with a message containing "Dan Brown" '
        'got: reply_publicly from rule public-negative-review has message "Sorry Dana, we are on '
        'it.", which does not contain "Dan Brown"'
    ), text


@pytest.mark.parametrize(
    ("folder", "shown_folder", "escape"),
    [(os.fsdecode(b"t\xff"), "t\\xff", "\\x01"), ("t\x01", "t\\x01", "\\uffff")],
    ids=["not-utf8-and-control", "control-in-a-folder-and-ffff"],
)
def test_junit_output_is_xml_whatever_the_names_hold(
    tmp_path: Path, folder: str, shown_folder: str, escape: str
) -> None:
    # XML cannot hold a control character or a lone surrogate, not even as a reference:
    # ElementTree wrote them as they were, and CI could not read the report. Most are
    # escaped as the text report escapes them; what reaches the page as it is, a control
    # character in a folder's name (file names are written as in JSON, where it is text) and
    # U+FFFF in a case's name (no control character, so the text report keeps it), is
    # written as its escape there.
    (tmp_path / folder).mkdir()
    path = write(
        tmp_path / folder,
        f"""\
        backplan: 1
        cases:
          - name: "a {escape} case"
            event: {{type: review, rating: 1, channel: yelp}}
            expect: {{fallback: true}}
        """,
    )
    xml = render_junit(run_tests([path], [str(PLAN)]))
    root = ET.fromstring(xml.encode("utf-8"))  # raises for XML that is not well formed
    [case] = root.iter("testcase")
    assert case.get("name") == f"a {escape} case"  # YAML's escape, written as Python's
    assert case.get("file") == f"{tmp_path}/{shown_folder}/plan.test.yaml"


def test_a_mistake_inside_an_anchor_of_a_test_file_is_reported_once_a_case(
    tmp_path: Path,
) -> None:
    # The test files' problems are counted as a plan's are (engine.errors.in_order_once): a
    # mistake met again at each alias of its anchor is one report for each case that uses
    # it, at the anchor, its words naming the case (a plan's name the rule).
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - {name: a, event: {type: review}, expect: &e {actions: [apologise]}}
          - {name: b, event: {type: review}, expect: *e}
        """,
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path], [str(PLAN)])
    said = [(d.code, d.source.line, d.message) for d in caught.value.diagnostics]
    assert said == [
        (
            "unknown-action-type",
            3,
            "`apologise` is not an action type (did you mean `apologize`?) in case "
            f"`{case}` (expect › actions)",
        )
        for case in ("a", "b")
    ]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        (
            '{refund: {amount: "20.00"}}',
            'a refund is an offer: expect `{compensate: {kind: refund, amount: "20.00"}}`, its '
            "amount what it pays (or leave `amount` out)",
        ),
        (
            "store_credit",  # named alone, as an expected action's type may be
            "a store credit is an offer: expect `{compensate: {kind: store_credit, amount: "
            '"20.00"}}`, its amount what it pays (or leave `amount` out)',
        ),
        (
            "credit",  # no kind of offer, but one of two: both are told
            'a credit is an offer: expect `{compensate: {kind: store_credit, amount: "20.00"}}` '
            "(credit to spend with you; or `kind: refund`, money back to the customer), its "
            "amount what it pays (or leave `amount` out)",
        ),
        ("x_ship", "action types are: "),  # no offer: the list of types, as before
    ],
)
def test_an_offer_expected_as_an_action_type_is_told_how_to_expect_it(
    tmp_path: Path, written: str, hint: str
) -> None:
    """`- refund:` among a case's expected actions had the list of every action type, which
    left the manager to find where `refund` then goes (found by review)."""
    path = write(
        tmp_path,
        f"""\
        backplan: 1
        cases:
          - {{name: a, event: {{type: review}}, expect: {{actions: [{written}]}}}}
        """,
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path], [str(PLAN)])
    [said] = caught.value.diagnostics
    assert said.code == "unknown-action-type"
    assert said.hint.startswith(hint) and (said.hint == hint) == ("offer" in hint)


def test_the_hint_for_an_empty_event_file_gives_an_event_eval_decides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its example had no `id`: written in as told, it was refused again (missing-id).
    (tmp_path / "e.json").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    [found] = file_problems(_one_case(Path(), "e.json"))
    example = found.hint.split("such as ", 1)[1]
    (tmp_path / "e.json").write_text(example)
    [result] = run_tests([_one_case(Path(), "e.json")], [str(PLAN)]).results
    assert result.error is None, result.error


def test_a_number_too_long_in_a_test_file_gets_no_plan_amount_hint(tmp_path: Path) -> None:
    """The amount's limit is the plan's: the loader, shared by test files, had given it to an
    expected amount (where text is allowed and no limit holds)."""
    path = write(
        tmp_path,
        f"""\
        backplan: 1
        cases:
          - name: a
            event: {{type: review}}
            expect:
              actions: [{{compensate: {{amount: {"9" * 45}}}}}]
        """,
    )
    [problem] = problems(path)
    assert "[number-too-large]" in problem
    assert "an amount in a plan" not in problem


def test_a_plan_path_that_names_nothing_is_told_at_its_place_in_the_list(
    tmp_path: Path,
) -> None:
    """Each path of a `plan:` list is read from the test file's folder; one naming nothing
    is told at its item, with no path to suggest when none exists from a folder above."""
    folder = tmp_path / "tests"
    folder.mkdir()
    path = write(
        folder,
        f"""\
        backplan: 1
        plan: [{PLAN}, nowhere.yaml]
        cases:
          - {{name: a, event: {{type: review}}, expect: {{fallback: true}}}}
        """,
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path])
    assert [d.render() for d in caught.value.diagnostics] == [
        f"{path}:2:{10 + len(str(PLAN))}: error: there is no plan file or folder "
        f"{folder / 'nowhere.yaml'} [plan-not-found]\n"
        f"  hint: `plan:` is read relative to the folder of the test file ({folder}); check the "
        "path"
    ]
    assert run_tests([path], [str(PLAN)]).ok  # `--plan` overrides it: no plan of the file read


ONE_FILE_OF_A_PLAN = (
    "backplan: 1\nrules:\n  - {id: r, title: T, when: {event: review}, then: [{apologize: {}}]}\n"
)
"""One file of a plan split over a folder: rules, and no `plan:` section."""
A_CASE = "cases:\n  - {name: a, event: {type: review}, expect: {matched: [r]}}\n"


@pytest.mark.parametrize(
    ("written", "column", "folder"),
    [
        ("../rules/public.yaml", 7, "../rules"),
        ("[../rules/public.yaml]", 8, "../rules"),
    ],
)
def test_one_plan_file_named_by_a_test_file_is_told_at_its_plan(
    written: str, column: int, folder: str, tmp_path: Path
) -> None:
    """The plan file's first line had been blamed, with the hint to validate the plan's
    folder: the line to edit is the test file's `plan:` (found by review)."""
    (tmp_path / "rules").mkdir()
    write(tmp_path / "rules", ONE_FILE_OF_A_PLAN, "public.yaml")
    (tmp_path / "tests").mkdir()
    path = write(tmp_path / "tests", f"backplan: 1\nplan: {written}\n{A_CASE}")
    other = write(tmp_path / "tests", f"backplan: 1\nplan: {written}\n{A_CASE}", "second.test.yaml")
    with pytest.raises(PlanError) as caught:
        run_tests([path, other])
    told = (
        ": error: the plan file named here, `../rules/public.yaml`, has no `plan:` section "
        "[missing-plan-section]\n  hint: if `public.yaml` is one file of a plan split over "
        f"several files, name the plan's folder instead: `plan: {folder}`; otherwise add "
        "`plan: {name: Your Business, currency: USD}` to `public.yaml`"
    )
    assert [d.render() for d in caught.value.diagnostics] == [  # each file to edit: both
        f"{path}:2:{column}{told}",
        f"{other}:2:{column}{told}",
    ]


def test_the_settings_file_of_a_plan_named_by_a_test_file_is_told_at_its_plan(
    tmp_path: Path,
) -> None:
    """`plan: ../rules/00-plan.yaml`, the settings of a plan whose rules are in the files beside
    it: "the plan has no rules" had been told at that file, with the hint to add rules to it
    (found by review)."""
    (tmp_path / "rules").mkdir()
    write(tmp_path / "rules", "backplan: 1\nplan: {name: Acme, currency: EUR}\n", "00-plan.yaml")
    write(tmp_path / "rules", ONE_FILE_OF_A_PLAN, "public.yaml")
    path = write(tmp_path, f"backplan: 1\nplan: rules/00-plan.yaml\n{A_CASE}")
    with pytest.raises(PlanError) as caught:
        run_tests([path])
    assert [d.render() for d in caught.value.diagnostics] == [
        f"{path}:2:7: error: the plan file named here, `rules/00-plan.yaml`, has no rules "
        "[no-rules]\n  hint: if `00-plan.yaml` is one file of a plan split over several files, "
        "name the plan's folder instead: `plan: rules`; otherwise add `rules:` with at least a "
        "fallback rule to `00-plan.yaml`"
    ]


def test_a_plan_file_beside_the_test_file_is_told_to_be_moved_apart(tmp_path: Path) -> None:
    """`plan: .` would make the test file part of the plan it names."""
    write(tmp_path, ONE_FILE_OF_A_PLAN, "public.yaml")
    path = write(tmp_path, f"backplan: 1\nplan: public.yaml\n{A_CASE}")
    with pytest.raises(PlanError) as caught:
        run_tests([path])
    [found] = caught.value.diagnostics
    assert (found.source.path, found.source.line) == (str(path), 2)
    assert found.hint.startswith(
        "if `public.yaml` is one file of a plan split over several files, move this test file "
        "out of the plan's folder and name the folder in `plan:`; otherwise"
    )


def test_a_folder_of_one_plan_file_named_by_a_test_file_is_told_at_the_plan_file(
    tmp_path: Path,
) -> None:
    """The folder is named already: it is the plan's file that lacks the section."""
    (tmp_path / "rules").mkdir()
    plan = write(tmp_path / "rules", ONE_FILE_OF_A_PLAN, "public.yaml")
    path = write(tmp_path, f"backplan: 1\nplan: rules\n{A_CASE}")
    with pytest.raises(PlanError) as caught:
        run_tests([path])
    [found] = caught.value.diagnostics
    assert (found.code, Path(found.source.path)) == ("missing-plan-section", plan)
    # not "validate the plan's folder (`rules`) instead", the folder named (found by review)
    assert found.hint == "add `plan: {name: Your Business, currency: USD}` to `public.yaml`"


def test_an_unknown_rule_of_a_file_without_plan_names_the_starter_plan(tmp_path: Path) -> None:
    """A manager's own rule id in a test file without `plan:` was "the plan has no rule", of a
    plan the file never named: the starter plan, which has no such rule. A typo of a starter
    rule's id was then told only to add `plan:`: its close id comes first, `plan:` second."""
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: a
            event: {type: order}
            expect: {matched: [order-arrived-damaged]}
          - name: x
            event: {type: review, rating: 1, channel: yelp}
            expect: {matched: [public-negative-reviw]}
        """,
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path])  # no --plan: the starter plan
    [problem, typo] = [d.render() for d in caught.value.diagnostics]
    assert (
        "the starter plan has no rule `order-arrived-damaged` in case `a` (expect › matched): "
        "this file names no `plan:`" in problem
    )
    assert "hint: add `plan:` with the path of your plan's folder" in problem
    assert typo == (
        f"{path}:8:24: error: the starter plan has no rule `public-negative-reviw` (did you mean "
        "`public-negative-review`?) in case `x` (expect › matched): this file names no `plan:`, "
        "so it is tested against the "
        "starter plan shipped with Backplan [unknown-rule]\n"
        "  hint: if you meant `public-negative-review`, correct the id; if the rule is in your "
        "own plan, add `plan:` with the path of your plan's folder (from this file), or give "
        "`--plan`"
    )
    with pytest.raises(PlanTestFileError) as given:
        run_tests([path], [str(PLAN)])  # a plan given: its own words
    assert (
        "error: the plan has no rule `order-arrived-damaged`" in given.value.diagnostics[0].render()
    )


def test_a_rule_id_like_none_of_the_plan_s_may_be_a_rule_taken_out(tmp_path: Path) -> None:
    """After `init`, a manager who takes the starter's rules out of the plan has every case of
    them told "rule ids are written as in the plan's `id:`", the hint for a typo: what to do
    with the case is now said too. A close id keeps the typo's hint."""
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: a
            event: {type: review}
            expect: {matched: [public-complaint-post], not_matched: [vipp]}
        """,
    )
    assert [line.split("\n")[1] for line in problems(path)] == [
        "  hint: if you took this rule out of the plan, take it out of this case too, or remove "
        "the case; else write the id as in the plan's `id:` (`backplan render` lists them)",
        "  hint: rule ids are written as in the plan's `id:`; `backplan render` lists them",
    ]


def test_an_expected_deadline_longer_than_a_year_is_a_problem_of_the_test_file(
    tmp_path: Path,
) -> None:
    # The schema takes any number of units; comparing `400d` had raised DurationError, an
    # internal error with no report at all. Its rule ids are checked in the same run.
    path = _vip_case(
        tmp_path,
        """\
              actions: [{apologize: {within: 53w, rule: vipp}}]
              no_actions: [{apologize: {within: 400d}}, {x-page: {within: 366d}}]
        """,
    )
    hint = "  hint: a deadline is at most a year away, such as 366d or 52w"
    case = "in case `a gold customer's late order`"
    assert problems(path) == [
        f"{path}:6:38: error: `53w` is longer than a year, the longest deadline an action can "
        f"have {case} (expect › actions › apologize › within) [bad-duration]\n{hint}",
        f"{path}:6:49: error: the plan has no rule `vipp` (did you mean `vip`?) {case} "
        "(expect › actions › apologize › rule) [unknown-rule]\n"
        "  hint: rule ids are written as in the plan's `id:`; `backplan render` lists them",
        f"{path}:7:41: error: `400d` is longer than a year, the longest deadline an action can "
        f"have {case} (expect › no_actions › apologize › within) [bad-duration]\n{hint}",
    ]


def test_a_day_that_does_not_exist_is_told_beside_another_problem_of_its_actions(
    tmp_path: Path,
) -> None:
    """A `due` on a day that does not exist was told only once every other problem of the
    case's `actions` was mended (`within: 2 hours` in the same action, or in another): the
    manager fixed what the run said and met a new problem at the next (found by review). A
    value the schema refused, or an action of an unknown type, is not read for it."""
    path = _vip_case(
        tmp_path,
        """              actions:
                - apologize: {within: 2 hours, due: "2026-02-30T09:00:00Z"}
                - escalate: {due: "2026-04-31T09:00:00Z"}
                - apologise: {due: "2026-02-30T09:00:00Z"}
                - x-page: {due: 2026-02-30}
              no_actions: [{follow_up: {within: 1d, due: "2026-02-31T09:00:00Z"}}]
        """,
    )
    told = [(p.split(": error: ")[0], p.split("[")[-1].split("]")[0]) for p in problems(path)]
    assert told == [
        (f"{path}:7:31", "bad-duration"),
        (f"{path}:7:45", "bad-format"),
        (f"{path}:8:27", "bad-format"),
        (f"{path}:9:11", "unknown-action-type"),
        (f"{path}:10:25", "bad-format"),
        (f"{path}:11:50", "bad-format"),
    ]


def test_an_expected_due_on_a_day_that_does_not_exist_is_a_problem_of_the_test_file(
    tmp_path: Path,
) -> None:
    """`due: "2026-02-30T09:00:00Z"` fits the schema's pattern (any day from 01 to 31) but is no
    moment: the case had run and failed against every deadline, as if the plan were wrong."""
    path = _vip_case(
        tmp_path,
        """\
              actions: [{apologize: {due: "2026-02-30T09:00:00Z"}}]
              no_actions: [{x-page: {due: "1800-01-01T00:00:00Z"}}]
        """,
    )
    case = "in case `a gold customer's late order`"
    assert problems(path) == [
        f"{path}:6:35: error: `2026-02-30T09:00:00Z` is not a moment: that day does not exist "
        f"in that month {case} (expect › actions › apologize › due) [bad-format]\n"
        "  hint: write a date that exists, such as 2026-02-28T09:00:00Z",
        f"{path}:7:35: error: `1800-01-01T00:00:00Z` is not a deadline an action can have: "
        f"deciding takes times between the years 1900 and 9997 {case} (expect › no_actions › "
        "x-page › due) [bad-format]\n"
        "  hint: write the deadline the plan gives, such as 2026-11-23T10:30:00Z",
    ]


def test_a_test_file_given_twice_is_read_once_where_it_was_first_given(tmp_path: Path) -> None:
    # Overlapping globs name a file twice: its cases had run and counted twice.
    once = AUTHORING / "acme.test.yaml"
    (tmp_path / "link.test.yaml").symlink_to(once)
    again = f"{AUTHORING}/../authoring/acme.test.yaml"
    report = run_tests(
        [again, once, AUTHORING / "acme-failing.test.yaml", tmp_path / "link.test.yaml"]
    )
    assert report.files == (again, str(AUTHORING / "acme-failing.test.yaml"))
    assert (report.passed, report.failed, report.errors) == (3, 2, 1)
    assert render_text(report).endswith("2 failed, 1 error, 3 passed in 2 test files\n")


@pytest.mark.parametrize("name", ["e.json", "e.yaml"])
def test_a_list_of_one_event_is_its_event_in_json_and_yaml(tmp_path: Path, name: str) -> None:
    text = '[{"id": "a", "type": "order", "customer": {"tier": "gold"}}]\n'
    (tmp_path / name).write_text(text)
    [result] = run_tests([_one_case(tmp_path, name)], [str(PLAN)]).results
    assert result.error is None and result.decision is not None
    assert result.decision["matched"] == ["vip"]  # (the case expects the fallback: it fails)


@pytest.mark.parametrize("suffix", ["json", "yaml"])
@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (
            '{"type": "order"}',
            "missing-id",
            "the event has no `id` (the complaint's own id, text or a whole number, which its decision repeats)",
        ),
        ("5", "not-an-object", "an event must be a JSON object, found a number"),
        ("[[1]]", "not-an-object", "an event must be a JSON object, found a list"),
    ],
)
def test_an_event_file_refused_in_deciding_is_named_in_json_and_yaml(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
    content: str,
    code: str,
    message: str,
) -> None:
    # As eval names the input of an event it refuses; neither had named the file.
    (tmp_path / f"e.{suffix}").write_text(content + "\n")
    monkeypatch.chdir(tmp_path)
    [result] = run_tests([_one_case(Path(), f"e.{suffix}")], [str(PLAN)]).results
    assert (result.code, result.error) == (
        code,
        f"the event cannot be decided: e.{suffix}: {message}",
    )


_TWO_APOLOGIES = (
    "backplan: 1\nplan: {name: P, currency: USD}\nrules:\n"
    "  - {id: first, title: First, when: {event: order}, then: [{apologize: {within: 2h}}]}\n"
    "  - {id: second, title: Second, when: {event: order}, then: [{apologize: {within: 1h}}]}\n"
    "  - {id: other, title: Other, when: {event: review}, then: [{escalate: {to: a}}, apologize: {}]}\n"
)


def test_an_expected_rule_is_any_rule_the_merged_action_comes_from(tmp_path: Path) -> None:
    # Both rules apologize: the decision has one apology, `rule: first, also_from: [second]`.
    # `rule: second` had failed ("has rule first (not second)"), hiding the merge, and
    # `no_actions` with `rule: second` had passed.
    path, report = _run_cases(
        tmp_path,
        _TWO_APOLOGIES,
        "  - {name: a, event: {type: order}, expect: {actions: [apologize: {rule: second}]}}\n"
        "  - {name: b, event: {type: order}, expect: {actions: [apologize: {rule: first}]}}\n"
        "  - {name: c, event: {type: order}, expect: {actions: [apologize: {rule: other}]}}\n"
        "  - {name: d, event: {type: order}, expect: {no_actions: [apologize: {rule: second}]}}\n",
    )
    assert [r.passed for r in report.results] == [True, True, False, False]
    assert failure_lines(report) == [
        f"FAILED {path}:6:5: c",
        "  rules fired: first, second",
        "  action apologize",
        "    expected: apologize from rule other",
        "    got:      apologize from rule first has rule first, also_from second (not other)",
        f"FAILED {path}:7:5: d",
        "  rules fired: first, second",
        "  no action apologize",
        "    expected: no apologize from rule second",
        "    got:      apologize from rule first, also_from second",
    ]


def _run_cases(tmp_path: Path, plan: str, cases: str) -> tuple[Path, PlanTestReport]:
    """The test file of ``cases`` (its lines under ``cases:``) run against the plan ``plan``."""
    (tmp_path / "p.yaml").write_text(plan)
    path = write(tmp_path, "backplan: 1\nplan: p.yaml\ncases:\n" + cases)
    return path, run_tests([path])


def _problems_of_cases(tmp_path: Path, plan: str, cases: str) -> tuple[Path, list[str]]:
    """The test file of ``cases`` and its problems against the plan ``plan`` (as
    :func:`_run_cases`), rendered: the file is refused before any case runs."""
    with pytest.raises(PlanTestFileError) as caught:
        _run_cases(tmp_path, plan, cases)
    return tmp_path / "plan.test.yaml", [d.render() for d in caught.value.diagnostics]


def failure_lines(report: PlanTestReport) -> list[str]:
    """The failures of a report, line by line, without the blank lines between them."""
    text = render_text(report)
    failures = text[text.index("FAILURES\n") + len("FAILURES\n") : text.rindex("\n\n")]
    unfired = failures.rfind("\n\n")  # the rules fired in no case, if any, before the summary
    if unfired >= 0 and " fired in no case: " in failures[unfired:]:
        failures = failures[:unfired]
    return [line for line in failures.splitlines() if line]


def test_a_case_two_fallbacks_decided_names_them_both(tmp_path: Path) -> None:
    """ "the fallbacks ... did" for two, "the fallback ... did" for one (two mutants of
    _rules_fired passed the suite)."""
    plan = (
        "backplan: 1\nplan: {name: T, currency: USD}\nrules:\n"
        "  - {id: a, title: a, fallback: true, then: [{tag: {tags: [a]}}]}\n"
        "  - {id: b, title: b, fallback: true, then: [{tag: {tags: [b]}}]}\n"
    )
    _, report = _run_cases(
        tmp_path, plan, "  - {name: x, event: {type: review}, expect: {no_actions: [tag]}}\n"
    )
    assert failure_lines(report)[1] == "  no rule fired: the fallbacks `a` and `b` did"


def test_fallback_true_needs_a_fallback_rule_that_fires(tmp_path: Path) -> None:
    # The plan's only fallback rule is for reviews: an order no rule fits is left alone
    # (`fallback: true` in the decision, no actions). `fallback: true` had passed, and
    # `fallback: false` said "so the fallback fired (but the plan has no fallback rule ...)".
    path, report = _run_cases(
        tmp_path,
        _TWO_APOLOGIES.replace("{id: other,", "{id: other, fallback: true,"),
        "  - {name: a, event: {type: survey}, expect: {fallback: true}}\n"
        "  - {name: b, event: {type: survey}, expect: {fallback: false}}\n"
        "  - {name: c, event: {type: review}, expect: {fallback: true}}\n"
        "  - {name: d, event: {type: order}, expect: {fallback: false}}\n",
    )
    assert [r.passed for r in report.results] == [False, False, True, True]
    got = [
        "    got:      no ordinary rule matched, and no fallback rule applies either: the "
        "decision has no",
        "              actions",
    ]
    assert failure_lines(report) == [
        f"FAILED {path}:4:5: a",
        "  fallback",
        "    expected: no rule fits, so the fallback fires",
        *got,
        f"FAILED {path}:5:5: b",
        "  fallback",
        "    expected: an ordinary rule fires (no fallback)",
        *got,
        "    no ordinary rule is for a survey",
    ]


def test_fallback_false_says_why_no_ordinary_rule_fired(tmp_path: Path) -> None:
    """A case expecting an ordinary rule to fire had said only that the fallback fired; what
    failed in each rule was told only when `matched:` named it too (found by review)."""
    rules = "".join(
        f"  - {{id: r{n}, title: R, when: {{event: order, all: [{{field: order.total, gt: {n}}}]}},"
        " then: [{apologize: {}}]}\n"
        for n in range(10, 60, 10)
    )
    plan = (
        "backplan: 1\nplan: {name: P, currency: USD}\nrules:\n" + rules + "  - {id: fb, "
        "title: F, fallback: true, when: {event: [order, survey]}, then: [{escalate: {to: a}}]}\n"
    )
    path, report = _run_cases(
        tmp_path,
        plan,
        "  - {name: a, event: {type: order, order: {total: 5}}, expect: {fallback: false}}\n"
        "  - {name: b, event: {type: survey}, expect: {fallback: false}}\n",
    )
    lines = failure_lines(report)
    assert lines[:4] == [
        f"FAILED {path}:4:5: a",
        "  fallback",
        "    expected: an ordinary rule fires (no fallback)",
        "    got:      no ordinary rule matched, so the fallback fired (fb)",
    ]
    assert lines[4].startswith("    r10 did not fire: order.total is 5")
    assert lines[5].startswith("    r20 did not fire: order.total is 5")
    assert lines[6].startswith("    r30 did not fire: order.total is 5")
    assert lines[7] == "    and 2 more rules for this event type"
    assert lines[-1] == "    no ordinary rule is for a survey"


def test_fallback_false_does_not_tell_again_a_rule_matched_at_least_told(tmp_path: Path) -> None:
    """A rule ``matched_at_least`` names is told why it did not fire under its own
    expectation; ``fallback: false`` tells only the others (a mutant that told it twice
    passed the suite)."""
    plan = (
        "backplan: 1\nplan: {name: P, currency: USD}\nrules:\n"
        "  - {id: big, title: B, when: {event: order, all: [{field: order.total, gt: 10}]}, "
        "then: [{apologize: {}}]}\n"
        "  - {id: late, title: L, when: {event: order, all: [{field: order.delay_days, gt: 2}]}, "
        "then: [{apologize: {}}]}\n"
        "  - {id: fb, title: F, fallback: true, then: [{escalate: {to: a}}]}\n"
    )
    _, report = _run_cases(
        tmp_path,
        plan,
        "  - {name: a, event: {type: order, order: {total: 5}}, "
        "expect: {matched_at_least: [big], fallback: false}}\n",
    )
    assert failure_lines(report)[1:] == [
        "  rule big fires",
        "    expected: it fires",
        "    got:      big did not fire: order.total is 5; this rule needs more than 10",
        "  fallback",
        "    expected: an ordinary rule fires (no fallback)",
        "    got:      no ordinary rule matched, so the fallback fired (fb)",
        "    late did not fire: the event has no order.delay_days; this rule needs more than 2",
    ]


def test_fallback_false_tells_nothing_again_of_the_rules_matched_told(tmp_path: Path) -> None:
    """Every rule that could have taken the event is named under `matched`, with why it did
    not fire: `fallback: false` adds no note (nor "no ordinary rule is for an order"). Two
    fallbacks fire together (`match: all`), and one expected alone is told no way to fire
    alone: priority and `stop: true` are advice for ordinary rules."""
    plan = (
        "backplan: 1\nplan: {name: P, currency: USD, match: all}\nrules:\n"
        "  - {id: big, title: B, when: {event: order, all: [{field: order.total, gt: 10}]}, "
        "then: [{apologize: {}}]}\n"
        "  - {id: fb, title: F, fallback: true, then: [{escalate: {to: a}}]}\n"
        "  - {id: fb2, title: G, fallback: true, then: [{notify: {to: b}}]}\n"
    )
    path, report = _run_cases(
        tmp_path,
        plan,
        "  - {name: a, event: {type: order, order: {total: 5}}, "
        "expect: {matched: [big], fallback: false}}\n"
        "  - {name: b, event: {type: order, order: {total: 5}}, expect: {matched: [fb]}}\n",
    )
    assert failure_lines(report) == [
        f"FAILED {path}:4:5: a",
        "  rules that fire",
        "    expected: big",
        "    got:      fb, fb2",
        "    big did not fire: order.total is 5; this rule needs more than 10",
        "    fb fired: no other rule matched, so this fallback applies",
        "    fb2 fired: no other rule matched, so this fallback applies",
        "  fallback",
        "    expected: an ordinary rule fires (no fallback)",
        "    got:      no ordinary rule matched, so the fallback fired (fb, fb2)",
        f"FAILED {path}:5:5: b",
        "  rules that fire",
        "    expected: fb",
        "    got:      fb, fb2",
        "    fb2 fired: no other rule matched, so this fallback applies",
    ]


def test_a_parameter_the_action_has_no_value_for_is_told_missing(tmp_path: Path) -> None:
    """An offer of an event without its order's total has no base, and a custom action no
    message: a number or a text expected there is told missing, not compared."""
    plan = (
        "backplan: 1\nplan: {name: P, currency: USD}\nrules:\n"
        "  - {id: r, title: R, when: {event: order}, then: [{compensate: {kind: voucher, "
        "percent: 10, of: order.total}}, {x-log: {level: 2}}]}\n"
    )
    _, report = _run_cases(
        tmp_path,
        plan,
        "  - {name: a, event: {type: order}, expect: {actions: [{compensate: {base: 10}}]}}\n"
        "  - {name: b, event: {type: order}, "
        "expect: {actions: [{x-log: {message_contains: Sorry}}]}}\n",
    )
    assert [line for line in failure_lines(report) if "got:" in line] == [
        "    got:      compensate from rule r has no base",
        "    got:      x-log from rule r has no message",
    ]


def test_fallback_false_tells_only_the_rules_that_could_have_fired(tmp_path: Path) -> None:
    """A rule switched off was told among the ordinary rules for the event's type whatever its
    type and conditions: three disabled rules (one for orders, for a review) took the places
    of the rules that could have fired, told only as "3 more rules for this event type". A
    disabled rule that would have matched is still told: it is why none fired."""
    plan = """\
backplan: 1
plan: {name: P, currency: USD}
rules:
  - {id: old-orders, title: O, enabled: false, when: {event: order}, then: [apologize: {}]}
  - id: old-any
    title: O
    enabled: false
    when: {all: [{field: rating, lte: 0}]}
    then: [apologize: {}]
  - id: old-low
    title: O
    enabled: false
    when: {event: review, all: [{field: rating, lte: 1}]}
    then: [apologize: {}]
  - id: old-all
    title: O
    enabled: false
    when: {event: review, all: [{field: rating, lte: 5}]}
    then: [apologize: {}]
  - {id: low, title: L, when: {event: review, all: [{field: rating, lte: 2}]}, then: [apologize: {}]}
  - {id: mid, title: M, when: {event: review, all: [{field: rating, eq: 3}]}, then: [apologize: {}]}
  - {id: fb, title: F, fallback: true, then: [{escalate: {to: a}}]}
"""
    path, report = _run_cases(
        tmp_path,
        plan,
        "  - {name: a, event: {type: review, rating: 5}, expect: {fallback: false}}\n"
        "  - {name: b, event: {type: survey}, expect: {fallback: false}}\n",
    )
    got = "    got:      no ordinary rule matched, so the fallback fired (fb)"
    assert failure_lines(report) == [
        f"FAILED {path}:4:5: a",
        "  fallback",
        "    expected: an ordinary rule fires (no fallback)",
        got,
        "    old-all did not fire: disabled (`enabled: false`); its conditions would hold",
        "    low did not fire: rating is 5; this rule needs 2 or less",
        "    mid did not fire: rating is 5; this rule needs 3",
        f"FAILED {path}:5:5: b",
        "  fallback",
        "    expected: an ordinary rule fires (no fallback)",
        got,
        "    every ordinary rule for a survey is disabled and would not fit it either",
    ]


def test_a_passing_case_traces_no_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule is traced (why it did or did not fire) only when a failure says why: every case
    traced every rule of the plan, so 1,000 passing cases on a 10,000-rule plan took over two
    minutes, where deciding them takes seconds. The traces are counted, not timed."""
    import engine.explain

    traced: list[str] = []
    real_trace = engine.explain._trace

    def counted(rule: Any, *rest: Any) -> Any:
        traced.append(rule.id)
        return real_trace(rule, *rest)

    monkeypatch.setattr(engine.explain, "_trace", counted)
    rules = "".join(
        f"  - {{id: r{n}, title: R, when: {{event: order, all: [{{field: order.total, gt: {n}}}]}},"
        " then: [{apologize: {}}]}\n"
        for n in range(40)
    )
    plan = "backplan: 1\nplan: {name: P, currency: USD}\nrules:\n" + rules
    passing = "".join(
        f"  - {{name: p{n}, event: {{type: order, order: {{total: 1}}}}, expect: {{matched: [r0]}}}}\n"
        for n in range(5)
    )
    _, report = _run_cases(tmp_path, plan, passing)
    assert (report.passed, traced) == (5, [])
    failing = (
        "  - {name: f, event: {type: order, order: {total: 1}}, expect: {matched_at_least: [r7]}}\n"
    )
    _, report = _run_cases(tmp_path, plan, passing + failing)
    assert (report.failed, traced) == (1, ["r7"])  # the one rule its failure tells of


def test_a_merge_key_in_an_event_written_in_yaml_is_located(tmp_path: Path) -> None:
    """YAML 1.2 reads `<<: *review` as a key named `<<`, not the anchored keys merged in: a
    case written so tests an event without them (two contradicting cases both passed)."""
    (tmp_path / "base.yaml").write_text("type: review\nextra: {<<: {rating: 1}}\n")
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: one star
            event: &review {type: review, rating: 1, channel: yelp}
            expect: {fallback: false}
          - name: the same, merged
            event: {<<: *review, rating: 5}
            expect: {fallback: true}
          - {name: from a file, event_file: base.yaml, expect: {fallback: true}}
        """,
    )
    said = problems(path)
    assert [line.split("\n")[0] for line in said] == [
        f"{path}:7:13: error: `<<` (YAML's merge key) is not supported by Backplan [unknown-key]",
        f"{path}:9:37: error: in the event file {tmp_path / 'base.yaml'}: `<<` (YAML's merge "
        "key) is not supported by Backplan [unknown-key]",
    ]


def test_an_event_with_its_time_under_a_key_written_otherwise_is_told_at_the_key(
    tmp_path: Path,
) -> None:
    """`occured_at:` in a case's event had been decided without a time and passed without a
    word, vouching for a decision with no deadline; it is told at the key (in an event file,
    at the case's `event_file:`), in the words eval's checklist says it with."""
    (tmp_path / "late.json").write_text(
        '{"id": "e1", "type": "order", "occurredAt": "2026-11-23T09:30:00Z"}'
    )
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: misspelt
            event: {type: review, occured_at: "2026-11-23T09:30:00Z", rating: 1}
            expect: {fallback: false}
          - {name: camel, event_file: late.json, expect: {fallback: true}}
          - name: a key near the time's that holds no time is no slip
            event: {type: review, occurred_by: Bob, rating: 1}
            expect: {fallback: false}
        """,
    )
    hint = (
        "  hint: as written, the event has no time, so no deadline of its decision is set "
        "(each `due` is null), as `backplan eval` decides it"
    )
    assert problems(path) == [
        f"{path}:4:27: error: the event has its time as `occured_at`: name that key "
        f"`occurred_at` [unknown-key]\n{hint}",
        f"{path}:6:31: error: in the event file {tmp_path / 'late.json'}: the event has its "
        f"time as `occurredAt`: name that key `occurred_at` [unknown-key]\n{hint}",
    ]


@pytest.mark.parametrize("key", ["i_d", "ID"])
def test_an_event_with_its_id_under_a_key_written_otherwise_is_refused_as_eval_refuses_it(
    tmp_path: Path, key: str
) -> None:
    """`i_d: e-1` in a case's event had the case's name taken as its id, silently: the key
    is told as eval tells it, and the case is an error with eval's code, as `Type:` is."""
    _, report = _run_cases(
        tmp_path,
        PLAN.read_text(),
        f"  - {{name: a, event: {{{key}: e-1, type: review, rating: 1}}, expect: {{fallback: false}}}}\n",
    )
    [result] = report.results
    assert result.code == "missing-id"
    assert result.error == (
        "the event cannot be decided: the event has no `id` (the complaint's own id, text or a "
        f'whole number, which its decision repeats); it has the key "{key}": write it `id`'
        + (" (keys are case-sensitive)" if key == "ID" else "")
    )


def test_a_test_file_with_no_cases_is_told_how_to_write_one(tmp_path: Path) -> None:
    path = write(tmp_path, "backplan: 1\ncases: []\n")
    assert problems(path) == [
        f"{path}:2:8: error: this list is empty [too-few]\n  hint: add a case: `- name: ...` "
        "with the `event:` (or `event_file:`) and what to `expect:`, as in "
        "examples/plan-tests.yaml"
    ]


def test_an_expectation_that_checks_nothing_is_a_problem_of_the_test_file(
    tmp_path: Path,
) -> None:
    """`not_matched: []`, `matched_at_least: []`, `message_contains: ""` and `tags: []` hold
    for every decision: a case whose only expectation was one of them passed whatever the plan
    decided (found by review)."""
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: a five-star review
            event: {type: review, rating: 5, channel: yelp}
            expect: {not_matched: []}
          - name: a one-star review
            event: {type: review, rating: 1, channel: yelp}
            expect:
              matched_at_least: []
              actions: [{reply_publicly: {message_contains: ""}}, {tag: {tags: []}}]
        """,
    )
    nothing = "this list is empty, so it checks nothing"
    assert problems(path) == [
        f"{path}:5:27: error: {nothing} in case `a five-star review` (expect › not_matched) "
        "[too-few]\n  hint: name the rules that must not fire, such as `not_matched: "
        "[improvise]`, or remove `not_matched:`",
        f"{path}:9:25: error: {nothing} in case `a one-star review` (expect › matched_at_least) "
        "[too-few]\n  hint: name the rules that must fire, such as `matched_at_least: [vip]`; "
        "to expect that no rule fires, write `matched: []`",
        f"{path}:10:53: error: `message_contains` is empty, so it checks nothing: every message "
        "contains empty text in case `a one-star review` (expect › actions › reply_publicly › "
        "message_contains) [too-few]\n  hint: write the text the message must contain, such as "
        "`message_contains: Dana`, or remove `message_contains:`",
        f"{path}:10:72: error: {nothing} in case `a one-star review` (expect › actions › tag › "
        "tags) [too-few]\n  hint: list the tags the action must have, such as `tags: "
        "[billing]`, or remove `tags:`",
    ]


def _one_star_review_expecting(tmp_path: Path, expect: str) -> Path:
    """A test file of one case, `a one-star review` at line 3, whose `expect:` holds
    ``expect`` (YAML, written from column 1) from line 6 on."""
    indented = textwrap.indent(textwrap.dedent(expect), " " * 6)
    header = (
        "backplan: 1\ncases:\n  - name: a one-star review\n"
        "    event: {type: review, rating: 1, channel: yelp}\n    expect:\n"
    )
    path = tmp_path / "plan.test.yaml"
    path.write_text(header + indented, encoding="utf-8")
    return path


def test_two_actions_in_one_item_are_told_apart_alike_under_actions_and_no_actions(
    tmp_path: Path,
) -> None:
    """Two actions in one item of `no_actions` were told "an expected action is a single key
    ...", though the list forbids them: the shared definition now words it for both lists
    (found by review)."""
    path = _one_star_review_expecting(
        tmp_path,
        """\
        actions: [{apologize: {}, escalate: {}}]
        no_actions: [{apologize: {}, escalate: {}}]
        """,
    )
    said = (
        "error: each item names one action: a single key naming its type, such as "
        '`compensate: {amount: "24.00"}` in case `a one-star review` (expect › {list}) '
        "[action-shape]\n  hint: start a new list item (`- `) for each action"
    )
    assert problems(path) == [
        f"{path}:6:17: " + said.replace("{list}", "actions"),
        f"{path}:7:20: " + said.replace("{list}", "no_actions"),
    ]


def test_an_empty_parameter_under_no_actions_is_hinted_as_forbidding_every_such_action(
    tmp_path: Path,
) -> None:
    """Under `no_actions`, `tags: []` or `message_contains: ""` would forbid every such
    action, not check nothing; the hint "list the tags the action must have" spoke of
    `actions` (found by review)."""
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: a one-star review
            event: {type: review, rating: 1, channel: yelp}
            expect:
              no_actions:
                - tag: {tags: []}
                - reply_publicly: {message_contains: ""}
                - reply_publicly: {within: 1h, message_contains: ""}
        """,
    )
    where = "in case `a one-star review` (expect › no_actions › "
    assert problems(path) == [
        f"{path}:7:23: error: this list is empty: under `no_actions` it would forbid the "
        f"action whatever its tags {where}tag › tags) [too-few]\n  hint: to forbid "
        "every `tag` action, write `- tag`; to forbid only some, list their tags, such as "
        "`tags: [billing]`",
        f"{path}:8:46: error: `message_contains` is empty: under `no_actions` it would forbid "
        f"the action whatever its message {where}reply_publicly › "
        "message_contains) [too-few]\n  hint: to forbid every `reply_publicly` action, write "
        "`- reply_publicly`; to forbid only some, write the text their message contains, such "
        "as `message_contains: Dana`",
        f"{path}:9:58: error: `message_contains` is empty: under `no_actions` it would forbid "
        f"the action whatever its message {where}reply_publicly › "
        "message_contains) [too-few]\n  hint: to forbid every `reply_publicly` action with "
        "the other parameters given, remove `message_contains:`; to forbid only some, write "
        "the text their message contains, such as `message_contains: Dana`",
    ]


def test_both_parameters_empty_under_no_actions_are_hinted_to_forbid_with_the_type_alone(
    tmp_path: Path,
) -> None:
    """`{tag: {tags: [], message_contains: ""}}` under `no_actions` was told to remove `tags:`
    (and `message_contains:`), as if the other parameter were given: both are empty, so the
    type alone is what forbids every such action. An empty one beside one that is not keeps
    the hint to remove it (found by review)."""
    path = _one_star_review_expecting(
        tmp_path,
        """\
        no_actions:
          - tag: {tags: [], message_contains: ""}
          - tag: {tags: [], message_contains: Dana}
        """,
    )
    where = "in case `a one-star review` (expect › no_actions › tag › "
    every = "hint: to forbid every `tag` action, write `- tag`; to forbid only some, "
    assert problems(path) == [
        f"{path}:7:23: error: this list is empty: under `no_actions` it would forbid the action "
        f"whatever its tags {where}tags) [too-few]\n  {every}list their tags, such as "
        "`tags: [billing]`",
        f"{path}:7:45: error: `message_contains` is empty: under `no_actions` it would forbid "
        f"the action whatever its message {where}message_contains) [too-few]\n  {every}write "
        "the text their message contains, such as `message_contains: Dana`",
        f"{path}:8:23: error: this list is empty: under `no_actions` it would forbid the action "
        f"whatever its tags {where}tags) [too-few]\n  hint: to forbid every `tag` action "
        "with the other parameters given, remove `tags:`; to forbid only some, list their "
        "tags, such as `tags: [billing]`",
    ]


def test_tags_left_empty_under_no_actions_are_hinted_as_forbidding_every_such_action(
    tmp_path: Path,
) -> None:
    """`tags:` with nothing after it under `no_actions` was given the hint of `actions`
    ("list the tags the action must have"); it now gets the hint `tags: []` gets there, by
    whether it is the action's only parameter. Under `actions` the hint is as before (found
    by review)."""
    path = _one_star_review_expecting(
        tmp_path,
        """\
        actions:
          - tag: {tags: }
        no_actions:
          - tag: {tags: }
          - tag: {tags: , within: 1h}
        """,
    )
    said = "error: expected a list, found nothing in case `a one-star review` (expect › "
    assert problems(path) == [
        f"{path}:7:23: {said}actions › tag › tags) [wrong-type]\n  hint: list the tags the "
        "action must have, such as `tags: [billing]`, or remove `tags:`",
        f"{path}:9:23: {said}no_actions › tag › tags) [wrong-type]\n  hint: to forbid every "
        "`tag` action, write `- tag`; to forbid only some, list their tags, such as "
        "`tags: [billing]`",
        f"{path}:10:23: {said}no_actions › tag › tags) [wrong-type]\n  hint: to forbid every "
        "`tag` action with the other parameters given, remove `tags:`; to forbid only some, "
        "list their tags, such as `tags: [billing]`",
    ]


def test_tags_that_are_no_list_of_texts_are_refused_under_both_lists(tmp_path: Path) -> None:
    """The type of `tags` is checked where the two lists differ (`expected_params`,
    `forbidden_params`), so that its hint left empty can differ: a text or a number is still
    refused under both, with the hints it had."""
    path = _one_star_review_expecting(
        tmp_path,
        """\
        actions: [{tag: {tags: billing}}, {tag: {tags: [1]}}]
        no_actions: [{tag: {tags: billing}}, {tag: {tags: [1]}}]
        """,
    )
    where = "in case `a one-star review` (expect › "
    text = f"error: expected a list, found text `billing` {where}"
    number = f"error: expected text, found a number `1` {where}"
    assert problems(path) == [
        f"{path}:6:30: {text}actions › tag › tags) [wrong-type]\n  hint: write a list in "
        "brackets: `tags: [billing]`",
        f"{path}:6:55: {number}actions › tag › tags) [wrong-type]\n  hint: put it in "
        'quotes to make it text: `"1"`',
        f"{path}:7:33: {text}no_actions › tag › tags) [wrong-type]\n  hint: write a list in "
        "brackets: `tags: [billing]`",
        f"{path}:7:58: {number}no_actions › tag › tags) [wrong-type]\n  hint: put it in "
        'quotes to make it text: `"1"`',
    ]


def test_the_schema_itself_words_an_empty_parameter_under_no_actions() -> None:
    """The no_actions wording of an empty `tags` or `message_contains` is the schema's own
    (its `forbidden_action`), for any action and a custom one too, with or without other
    parameters: it had been the `actions` wording, reworded after the fact by matching the
    message's end, which a change of the schema's words would silently have undone."""
    from engine.loading import load_yaml
    from engine.schema import validate_document

    text = textwrap.dedent(
        """\
        backplan: 1
        cases:
          - name: one
            event: {type: review}
            expect:
              actions:
                - tag: {tags: []}
              no_actions:
                - tag: {tags: []}
                - x-crm-flag: {level: 3, message_contains: ""}
                - x-crm-flag: {tags: []}  # a custom action's own tags, compared as they are
        """
    )
    found = validate_document(load_yaml(text, "t.yaml"), "plantest")
    where = "in case `one` (expect ›"
    assert [(d.source.pointer, d.message, d.hint) for d in found] == [
        (
            "/cases/0/expect/actions/0/tag/tags",
            f"this list is empty, so it checks nothing {where} actions › tag › tags)",
            "list the tags the action must have, such as `tags: [billing]`, or remove `tags:`",
        ),
        (
            "/cases/0/expect/no_actions/0/tag/tags",
            "this list is empty: under `no_actions` it would forbid the action whatever its "
            f"tags {where} no_actions › tag › tags)",
            "to forbid every `tag` action, write `- tag`; to forbid only some, list their "
            "tags, such as `tags: [billing]`",
        ),
        (
            "/cases/0/expect/no_actions/1/x-crm-flag/message_contains",
            "`message_contains` is empty: under `no_actions` it would forbid the action "
            f"whatever its message {where} no_actions › x-crm-flag › message_contains)",
            "to forbid every `x-crm-flag` action with the other parameters given, remove "
            "`message_contains:`; to forbid only some, write the text their message contains, "
            "such as `message_contains: Dana`",
        ),
    ]
    forbidden = load_schema("plantest")["$defs"]["expect"]["properties"]["no_actions"]["items"]
    assert forbidden == {"$ref": "#/$defs/forbidden_action"}


def _editor_texts(node: Any, root: dict[str, Any], seen: set[str]) -> list[str]:
    """Every `title` and `description` an editor may show for a value of ``node``, its
    references followed (each once)."""
    if isinstance(node, list):
        return [text for item in node for text in _editor_texts(item, root, seen)]
    if not isinstance(node, dict):
        return []
    texts = [str(node[key]) for key in ("title", "description") if key in node]
    for key, value in node.items():
        if key == "$ref" and value not in seen:
            seen.add(value)
            target: Any = root
            for token in str(value).removeprefix("#/").split("/"):
                target = target[token]
            texts += _editor_texts(target, root, seen)
        elif key not in ("x-messages", "examples", "$ref"):
            texts += _editor_texts(value, root, seen)
    return texts


def test_what_an_editor_shows_for_a_forbidden_action_does_not_speak_of_an_expected_one() -> None:
    """The shared `action` definition, which an item of `no_actions` is written by too, was
    titled "Expected action", with parameters "that must match" or "the action must have":
    an editor showed that for an action the decision must not have (found by review)."""
    schema = load_schema("plantest")
    action = schema["$defs"]["action"]
    assert (action["title"], action["description"]) == (
        "Action",
        "An action type alone (`apologize`: any action of that type), or a single key naming "
        "the type and holding parameters: then only an action with them counts (under "
        "`actions` the decision must have one, under `no_actions` none).",
    )
    shown = _editor_texts(schema["$defs"]["forbidden_action"], schema, set())
    assert len(shown) > 40  # the parameters' own texts were read too
    expecting = re.compile(
        r"expected|(action|it) must have|must (match|contain|all)", re.IGNORECASE
    )
    assert [text for text in shown if expecting.search(text)] == []


def test_a_case_may_expect_null_where_a_decision_holds_null(tmp_path: Path) -> None:
    """An action with no deadline (`due: null`, the event has no time) and an unresolved offer
    (`base: null`) could not be expected: the schema refused null there ("expected text, found
    nothing"), though the decision holds it and docs/semantics.md documents it."""
    path = _starter_cases(
        tmp_path,
        """\
          - name: an order with no time has no due date
            event: {id: e1, type: order, order: {delay_days: 3}}
            expect:
              actions: [{apologize: {due: null, within: 4h}}]
          - name: a timed order has one
            event: {id: e2, type: order, occurred_at: "2026-02-27T09:00:00Z", order: {delay_days: 3}}
            expect:
              actions: [{apologize: {due: null}}]
          - name: a review without an order total gets an unresolved voucher
            event: {id: e3, type: review, channel: google_review, public: true, rating: 1}
            expect:
              actions: [{compensate: {unresolved: true, base: null}}]
        """,
    )
    report = run_tests([path])
    assert (report.passed, report.failed, report.errors) == (2, 1, 0)
    text = render_text(report)
    assert "    expected: apologize with no deadline\n" in text
    assert 'has due "2026-02-27T13:00:00Z" (not null)' in text


def test_a_deadline_in_the_last_years_a_plan_gives_can_be_expected(tmp_path: Path) -> None:
    """An event late in 9997 gets deadlines in 9998; the expected `due` was read with the
    years an event may happen in, and refused as no deadline an action can have."""
    path = _starter_cases(
        tmp_path,
        """\
          - name: a late order at the end of the calendar
            event: {id: e1, type: order, occurred_at: "9997-12-31T09:00:00Z", order: {delay_days: 3}}
            expect:
              actions: [{apologize: {due: "9997-12-31T13:00:00Z"}}, {root_cause: {due: "9998-01-07T09:00:00Z"}}]
        """,
    )
    report = run_tests([path])
    assert (report.passed, report.failed, report.errors) == (1, 0, 0), render_text(report)


def test_a_long_value_in_a_failure_is_shown_cut_with_its_length(tmp_path: Path) -> None:
    """What a failing case expected and got may be long: an expected amount of 100,000 digits
    (the schema takes any number written as text) printed 352 KB of report, and 553 KB of
    JUnit (the headline and the text). Each is shown up to SHOWN_AT_MOST characters, then `…`
    and its whole length: the start, where two values most often differ, stays in sight."""
    from engine.testreport import SHOWN_AT_MOST

    big = "9" * 100_000
    (tmp_path / "t.yaml").write_text(
        "backplan: 1\n"
        f"plan: {REPO / 'rules'}\n"
        "cases:\n"
        "  - name: a big amount\n"
        "    event: {id: t1, type: order, occurred_at: '2026-11-23T09:00:00Z',"
        " order: {delay_days: 3, total: 120.00}}\n"
        "    expect:\n"
        f"      actions: [{{compensate: {{kind: voucher, amount: '{big}'}}}}]\n"
        f"      compensation: {{total: '{big}', needs_approval: false}}\n",
        encoding="utf-8",
    )
    report = run_tests([tmp_path / "t.yaml"])
    assert report.failed == 1
    text, junit = render_text(report), render_junit(report)
    assert len(text) < 4 * (SHOWN_AT_MOST + 200), len(text)  # two mismatches, each two values
    assert len(junit) < 7 * (SHOWN_AT_MOST + 200), len(junit)  # and the headline
    assert "characters in all)" in text and "99999…" in text.replace("\n", "").replace(" ", "")
    assert "action compensate" in text and "compensation" in text


def test_expect_indented_under_the_event_is_said_to_be_inside_it(tmp_path: Path) -> None:
    # It was "missing `expect`, add `expect:`" though `expect:` was written, one step too far in.
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: allergen complaint
            event:
              type: complaint
              issue: allergen
              expect:
                fallback: false
        """,
    )
    assert problems(path) == [
        f"{path}:7:7: error: `expect` is inside `event:`, where it is read as part of the event "
        "in case `allergen complaint` [missing-key]\n"
        "  hint: move it out of `event:`, to be a key beside it"
    ]


def test_a_field_of_the_event_named_like_a_key_of_the_case_is_the_events(tmp_path: Path) -> None:
    # An event's own `name` is not the case's `name` indented too far: the case lacks one.
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - event:
              type: product
              name: Blue kettle
            expect: {fallback: true}
        """,
    )
    assert [line.split("\n")[0] for line in problems(path)] == [
        f"{path}:3:5: error: missing `name` in case #1 [missing-key]"
    ]


def test_no_file_is_suggested_from_a_folder_too_large_to_look_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from engine import caseevent

    (tmp_path / "allergen.json").write_text('{"id": "e", "type": "complaint"}')
    path = write(
        tmp_path, "backplan: 1\ncases:\n  - {name: a, event_file: alergen.json, expect: {}}\n"
    )
    monkeypatch.setattr(caseevent, "MAX_NAMES_LOOKED_AT", 1)  # the folder holds two entries
    [found] = [line.split("\n")[0] for line in problems(path) if "event-file" in line]
    assert found.endswith(f"{tmp_path}/alergen.json [event-file-not-found]")


def test_an_error_about_a_value_of_a_written_event_is_reported_at_the_value(
    tmp_path: Path,
) -> None:
    # It was reported at the case (`- name: a`), four lines above the time to mend.
    (tmp_path / "late.json").write_text(
        '{"id": "f1", "type": "review", "occurred_at": "yesterday"}', encoding="utf-8"
    )
    path = write(
        tmp_path,
        "backplan: 1\ncases:\n"
        "  - name: a\n    event:\n      id: e1\n      type: review\n"
        "      occurred_at: 2026-11-23 09:30:00\n    expect: {fallback: true}\n"
        "  - name: b\n    event_file: late.json\n    expect: {fallback: true}\n",
    )
    report = run_tests([path], [str(PLAN)])
    written, from_file = report.results
    assert written.code == from_file.code == "bad-time"
    assert written.at is not None and (written.at.line, written.at.column) == (7, 20)
    assert render_text(report).count(f"ERROR {path}:7:20: a") == 1
    assert from_file.at is None  # the value is in another file: the case is where to look
    assert f"ERROR {path}:9:5: b" in render_text(report)


def _mismatches_of_a_late_order(
    tmp_path: Path, policy: str, repeat: str, late: str, expect: str
) -> list[Mismatch]:
    """The mismatches of one case (an order of 400) against a plan of two rules, `repeat`
    (fired first) and `late`, with these actions under the compensation ``policy``;
    ``expect``: the case's ``expect:`` block."""
    plan = write(
        tmp_path,
        f"""\
        backplan: 1
        plan: {{name: T, currency: USD, compensation: {{{policy}}}}}
        rules:
          - {{id: repeat, title: Repeat, priority: 10, when: {{event: order}}, then: {repeat}}}
          - {{id: late, title: Late, when: {{event: order}}, then: {late}}}
        """,
        name="plan.yaml",
    )
    event = "{id: e1, type: order, order: {id: o1, total: 400}}"
    tests = write(
        tmp_path,
        f"""\
        backplan: 1
        cases:
          - {{name: late order, event: {event}, expect: {expect}}}
        """,
    )
    [result] = run_tests([tests], [str(plan)]).results
    return list(result.mismatches)


def test_a_failure_says_an_action_was_merged_or_an_offer_set_aside(tmp_path: Path) -> None:
    # The report said the apology had the other rule's channel, and that the compensation came
    # from the other rule, with no word that the two apologies were one or why the rule's own
    # offer was not made.
    apology, offer = _mismatches_of_a_late_order(
        tmp_path,
        "combine: max",
        "[{apologize: {channel: phone}}, {compensate: {kind: voucher, amount: 60}}]",
        "[{apologize: {channel: email}}, {compensate: {kind: voucher, amount: 25}}]",
        "{actions: [{apologize: {rule: late, channel: email}}, {compensate: {rule: late}}]}",
    )
    assert apology.notes == (
        "one apologize is made for rules repeat and late: it keeps the settings of repeat, "
        "which fired first, and the earliest deadline of them all",
    )
    assert offer.notes == (
        "rule late's offer of 25.00 USD was not made (a larger offer is made: the plan combines "
        "offers by the largest)",
    )


def test_no_merge_is_said_of_an_action_the_rule_has_of_its_own(tmp_path: Path) -> None:
    # `late`'s escalation to billing is its own; the one to ops was merged into `repeat`'s:
    # the note about the merge was attached to the billing one's failure.
    [mismatch] = _mismatches_of_a_late_order(
        tmp_path,
        "combine: max",
        "[{escalate: {to: ops, within: 1h}}]",
        "[{escalate: {to: ops, within: 4h}}, {escalate: {to: billing, within: 2h}}]",
        "{actions: [{escalate: {rule: late, to: billing, within: 3h}}]}",
    )
    assert mismatch.notes == ()


def test_a_deadline_merged_from_another_rule_names_it(tmp_path: Path) -> None:
    """Merging keeps the earliest deadline: `follow_up from rule big has within 1d (not 2d)`
    blamed big for small's deadline, and small was named nowhere (found by review)."""
    plan = write(
        tmp_path,
        "backplan: 1\nplan: {name: T, currency: USD}\nrules:\n"
        "  - {id: big, title: b, priority: 2, when: {event: review}, then: [{follow_up: {within: 2d}}]}\n"
        "  - {id: small, title: s, priority: 1, when: {event: review}, then: [{follow_up: {within: 1d}}]}\n",
        name="plan.yaml",
    )
    tests = write(
        tmp_path,
        f"backplan: 1\nplan: {plan.name}\ncases:\n"
        "  - name: big's deadline\n    event: {id: e, type: review}\n"
        "    expect:\n      actions: [{follow_up: {within: 2d}}]\n",
    )
    [result] = run_tests([tests], []).results
    assert "follow_up from rule big, also_from small has within 1d (not 2d)" in render_text(
        run_tests([tests], [])
    )
    assert not result.passed


def _compensation_mismatches(
    tmp_path: Path, policy: str, offers: str, expected: str
) -> list[Mismatch]:
    """The mismatches of a late order's case expecting the compensation ``expected``, where
    ``offers`` is each rule's offer, `repeat`'s then `late`'s (split at `` | ``)."""
    repeat, late = offers.split(" | ")
    return _mismatches_of_a_late_order(
        tmp_path, policy, f"[{repeat}]", f"[{late}]", f"{{compensation: {expected}}}"
    )


def test_an_approval_failure_says_which_offer_and_which_threshold(tmp_path: Path) -> None:
    # "compensation needs approval: expected false, got true" said nothing of the offer that
    # made the total, nor of the threshold it crossed (left over from the last session).
    [mismatch] = _compensation_mismatches(
        tmp_path,
        "combine: max, approval_above: 50",
        "{compensate: {kind: voucher, percent: 20, of: order.total, max: 75}}"
        " | {compensate: {kind: coupon, amount: 10}}",
        "{needs_approval: false}",
    )
    assert mismatch.what == "compensation needs approval"
    assert mismatch.notes == (
        "rule repeat's offer: voucher of 75.00 USD (20% of order.total = 80.00, capped at the "
        "rule's maximum) — needs approval",
        "rule late's offer of 10.00 USD was not made (a larger offer is made: the plan "
        "combines offers by the largest)",
        "the total 75.00 USD is above the plan's approval_above of 50.00",
    )


def test_an_offer_the_event_could_not_size_is_named_as_why_approval_is_needed(
    tmp_path: Path,
) -> None:
    [mismatch] = _compensation_mismatches(
        tmp_path,
        "combine: sum, approval_above: 50",
        "{compensate: {kind: voucher, percent: 20, of: order.items, min: 5}}"
        " | {compensate: {kind: coupon, amount: 10}}",
        "{needs_approval: false}",
    )
    assert mismatch.notes[-1] == (
        "the total 15.00 USD is not above the plan's approval_above of 50.00 (equal to it needs "
        "none); the event could not size the offer of rule repeat, and an offer a person must "
        "size always needs approval"
    )


def test_approval_expected_where_none_is_needed_says_the_total_is_within(tmp_path: Path) -> None:
    [mismatch] = _compensation_mismatches(
        tmp_path,
        "combine: sum",
        "{compensate: {kind: voucher, amount: 20}} | {compensate: {kind: coupon, amount: 10}}",
        "{needs_approval: true}",
    )
    assert mismatch.notes[-1] == (
        "the plan sets no approval_above, and every offer was sized from the event"
    )


def test_capped_is_said_to_be_about_the_plans_limit_not_a_rules_max(tmp_path: Path) -> None:
    # The offer's own words say "capped at the rule's maximum", and `capped: true` was
    # expected: the note says which limit `capped` is about. The offers are listed once a case.
    total, capped = _compensation_mismatches(
        tmp_path,
        "combine: sum, per_event_max: 100",
        "{compensate: {kind: voucher, percent: 20, of: order.total, max: 30}}"
        " | {compensate: {kind: coupon, amount: 10}}",
        "{total: 50, capped: true}",
    )
    assert total.notes == (
        "rule repeat's offer: voucher of 30.00 USD (20% of order.total = 80.00, capped at the "
        "rule's maximum)",
        "rule late's offer: coupon of 10.00 USD",
    )
    assert capped.notes == (
        "the offers came to 40.00 USD, within the plan's per_event_max of 100.00; capped is about "
        "that limit only (a rule's own max shows on its offer as limited_by max)",
    )


def test_capped_expected_of_a_plan_without_a_cap_says_it_sets_none(tmp_path: Path) -> None:
    [capped] = _compensation_mismatches(
        tmp_path,
        "combine: sum",
        "{compensate: {kind: voucher, amount: 20}} | {compensate: {kind: coupon, amount: 10}}",
        "{capped: true}",
    )
    assert (capped.what, capped.expected, capped.got) == ("compensation capped", "true", "false")
    assert capped.notes[-1] == (
        "the offers came to 30.00 USD, and the plan sets no per_event_max, so nothing is capped"
    )


def test_no_compensation_expected_where_an_offer_is_made_names_the_total(
    tmp_path: Path,
) -> None:
    [mismatch] = _compensation_mismatches(
        tmp_path,
        "combine: sum",
        "{compensate: {kind: voucher, amount: 20}} | {compensate: {kind: coupon, amount: 10}}",
        "null",
    )
    assert (mismatch.what, mismatch.expected, mismatch.got) == (
        "compensation",
        "no compensation",
        "a compensation of 30.00 USD",
    )


def test_capped_by_the_plan_names_the_limit(tmp_path: Path) -> None:
    [capped] = _compensation_mismatches(
        tmp_path,
        "combine: sum, per_event_max: 25",
        "{compensate: {kind: voucher, amount: 20}} | {compensate: {kind: coupon, amount: 10}}",
        "{capped: false}",
    )
    assert (
        capped.notes[-1]
        == "the offers came to 30.00 USD, more than the plan's per_event_max of 25.00"
    )


def test_a_share_the_plan_cut_says_which_rule_bound_moved_it_first(tmp_path: Path) -> None:
    """A failing test's offer is told without its decision, so without what it came to before
    the plan's limit cut it: a share the rule's minimum raised before the cut says so, and a
    share the cut alone moved says no more than the cut."""
    raised, _ = _compensation_mismatches(
        tmp_path,
        "combine: max, per_event_max: 25",
        "{compensate: {kind: voucher, percent: 5, of: order.total, min: 30}}"
        " | {compensate: {kind: coupon, amount: 10}}",
        "{total: 1}",
    )[0].notes
    assert raised == (
        "rule repeat's offer: voucher of 25.00 USD (5% of order.total = 20.00, raised to the "
        "rule's minimum, then capped by the plan's limit per complaint)"
    )
    cut, _ = _compensation_mismatches(
        tmp_path,
        "combine: max, per_event_max: 50",
        "{compensate: {kind: voucher, percent: 20, of: order.total}}"
        " | {compensate: {kind: coupon, amount: 10}}",
        "{total: 1}",
    )[0].notes
    assert cut == (
        "rule repeat's offer: voucher of 50.00 USD (20% of order.total = 80.00, capped by the "
        "plan's limit per complaint)"
    )


def test_an_offer_the_event_could_not_size_is_not_said_to_be_of_nothing(tmp_path: Path) -> None:
    # "rule late's offer of 0.00 USD was not made": the amount of an unsized offer is no
    # offer of nothing (found by review).
    [mismatch] = _compensation_mismatches(
        tmp_path,
        "combine: max",
        "{compensate: {kind: voucher, amount: 5}}"
        " | {compensate: {kind: voucher, percent: 20, of: order.items}}",
        "{total: 50}",
    )
    assert "rule late's offer was not made (the event could not size it)" in mismatch.notes


def test_an_unsized_offer_below_the_offer_made_is_not_said_to_be_of_nothing(
    tmp_path: Path,
) -> None:
    # An offer the event could not size whose max is below the offer made is set aside as
    # a smaller offer, at 0: it had been "rule late's offer of 0.00 USD was not made (a larger
    # offer is made...)", an offer of nothing no rule wrote.
    [mismatch] = _compensation_mismatches(
        tmp_path,
        "combine: max",
        "{compensate: {kind: voucher, amount: 5}}"
        " | {compensate: {kind: voucher, percent: 20, of: order.items, max: 3}}",
        "{total: 50}",
    )
    assert (
        "rule late's offer of an amount the event could not size was not made (the most it "
        "could come to is no more than the offer made: the plan combines offers by the largest)"
    ) in mismatch.notes


def test_an_event_file_named_with_a_nul_is_a_located_error(tmp_path: Path) -> None:
    """`event_file: "a\\0b"` had stopped the run with `internal error: ValueError: embedded
    null byte` and exit 1, unlocated (found by review)."""
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - {name: a, event_file: "a\\0b.json", expect: {fallback: true}}
        """,
    )
    assert [line.split("\n")[0] for line in problems(path)] == [
        f"{path}:3:27: error: there is no event file {tmp_path}/a\\x00b.json: a file name holds "
        "no NUL character [event-file-not-found]"
    ]


def test_expectations_that_contradict_each_other_are_told_without_a_plan(tmp_path: Path) -> None:
    """A case expecting a rule to fire and not to fire failed whatever the plan decided, and
    said only that the decision missed one of them (found by review)."""
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: a
            event: {type: review}
            expect: {not_matched: [vip], matched: [vip]}
        """,
    )
    told = file_problems(path)
    assert [d.render() for d in told] == [
        f"{path}:5:44: error: rule `vip` is expected to fire (`matched`) and not to fire "
        "(`not_matched`) in case `a` (expect › matched) [cannot-pass]\n"
        "  hint: take `vip` out of one of the two lists\n"
        f"  see: {path}:5:28"
    ]


def test_an_expected_action_no_rule_gives_is_told_with_the_type_meant(tmp_path: Path) -> None:
    """`no_actions: [x-flg]` (for the plan's `x-flag`) had passed every case: no decision has
    an action the plan never gives; under `actions`, the case could never pass (found by
    review)."""
    path = write(
        tmp_path,
        "backplan: 1\nplan: p.yaml\ncases:\n"
        "  - {name: a, event: {type: order}, expect: {no_actions: [x-flg], actions: [escalate]}}\n",
    )
    (tmp_path / "p.yaml").write_text(
        _TWO_APOLOGIES.replace("{escalate: {to: a}}", "{x-flag: {level: 1}}")
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path])
    hint = (
        "  hint: name an action the plan gives (`backplan render` lists each rule's actions), "
        "or take this one out"
    )
    assert [d.render() for d in caught.value.diagnostics] == [
        f"{path}:4:59: error: no rule of the plan gives the action `x-flg` (did you mean "
        f"`x-flag`?) in case `a` (expect › no_actions), so this expectation checks nothing "
        f"[action-not-in-plan]\n{hint}",
        f"{path}:4:77: error: no rule of the plan gives the action `escalate` in case `a` "
        f"(expect › actions), so the case can never pass [action-not-in-plan]\n{hint}",
    ]
    path.write_text(
        "backplan: 1\ncases:\n  - {name: a, event: {type: order}, expect: {actions: [x-flg]}}\n"
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path])
    assert [d.render() for d in caught.value.diagnostics] == [
        f"{path}:3:56: error: no rule of the starter plan gives the action `x-flg` in case `a` "
        "(expect › actions), so the case can never pass: this file names no `plan:`, so it is tested against the "
        "starter plan shipped with Backplan [action-not-in-plan]\n"
        "  hint: add `plan:` with the path of your plan's folder (from this file), or give "
        "`--plan`",
    ]


def test_a_standard_action_the_plan_does_not_give_is_no_slip_for_another(tmp_path: Path) -> None:
    """A restaurant's plan replies publicly but replaces nothing: `no_actions: [replace]`, a
    guard that no rule starts to replace dishes, had stopped the whole run as a slip ("did
    you mean `reply_publicly`?"), and `actions: [replace]` had been told that slip, for an
    action the plan does not give at all (found by review)."""
    (tmp_path / "p.yaml").write_text(
        "backplan: 1\nplan: {name: P, currency: EUR}\nrules:\n"
        "  - {id: bad, title: Bad, when: {event: review},\n"
        "     then: [{reply_publicly: {message: Sorry}}]}\n"
    )
    guard = write(
        tmp_path,
        "backplan: 1\nplan: p.yaml\ncases:\n"
        "  - {name: a, event: {type: review}, expect: {no_actions: [replace]}}\n",
    )
    assert [r.passed for r in run_tests([guard]).results] == [True]
    path = write(
        tmp_path,
        "backplan: 1\nplan: p.yaml\ncases:\n"
        "  - {name: a, event: {type: review}, expect: {actions: [replace]}}\n",
        "slip.test.yaml",
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path])
    assert [d.render() for d in caught.value.diagnostics] == [
        f"{path}:4:57: error: no rule of the plan gives the action `replace` in case `a` "
        "(expect › actions), so the case can never pass [action-not-in-plan]\n"
        "  hint: name an action the plan gives (`backplan render` lists each rule's actions), "
        "or take this one out",
    ]


def test_against_the_starter_plan_an_action_a_rule_lacks_still_says_what_it_gives(
    tmp_path: Path,
) -> None:
    # Against the starter plan the hint was replaced whole by "add `plan:`…", losing what the
    # rule named gives; and the message had been made by replacing "the plan" in its text.
    path = tmp_path / "t.test.yaml"
    path.write_text(
        "backplan: 1\ncases:\n  - {name: a, event: {type: order}, expect: {actions: "
        "[{tag: {rule: wrong-item}}]}}\n"
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path])
    (found,) = [d.render() for d in caught.value.diagnostics]
    assert found.startswith(f"{path}:3:")
    assert (
        "rule `wrong-item` gives no action `tag` in case `a` (expect › actions), so the case "
        "can never pass: this file names no `plan:`"
    ) in found
    assert found.endswith(
        "  hint: add `plan:` with the path of your plan's folder (from this file), or give "
        "`--plan`; in the starter plan, rule `wrong-item` gives apologize, compensate, "
        "process_fix and replace"
    )


def test_a_plan_path_with_a_slip_is_told_the_name_beside_it(tmp_path: Path) -> None:
    """`plan: ../rulez` beside a folder `rules` had been told only to check the path (found
    by review); a list's item is mended as written, a name like none beside it is not."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "00-plan.yaml").write_text(PLAN.read_text(encoding="utf-8"))
    (tmp_path / "tests").mkdir()
    path = write(
        tmp_path / "tests",
        """\
        backplan: 1
        plan: [../rulez, ../rules/00-plna.yaml, ../nothing-like-it]
        cases:
          - {name: a, event: {type: review}, expect: {fallback: true}}
        """,
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path])
    folder = tmp_path / "tests"
    hint = f"  hint: `plan:` is read relative to the folder of the test file ({folder})"
    assert [d.render() for d in caught.value.diagnostics] == [
        f"{path}:2:8: error: there is no plan file or folder {folder}/../rulez (did you mean "
        f"`../rules`?) [plan-not-found]\n{hint}",
        f"{path}:2:18: error: there is no plan file or folder {folder}/../rules/00-plna.yaml "
        f"(did you mean `../rules/00-plan.yaml`?) [plan-not-found]\n{hint}",
        f"{path}:2:41: error: there is no plan file or folder {folder}/../nothing-like-it "
        f"[plan-not-found]\n{hint}; check the path",
    ]


def test_a_plan_path_with_a_slip_is_told_a_plan_file_named_as_the_test_file(
    tmp_path: Path,
) -> None:
    """The plan file meant is suggested when it has the test file's name in another folder,
    or a suffix in capitals (`.YAML`, which a plan folder reads): both had been left out, and
    the path only told to be checked (found by review)."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "00-plan.yaml").write_text(PLAN.read_text(encoding="utf-8"))
    (tmp_path / "rules" / "10-more.YAML").write_text(PLAN.read_text(encoding="utf-8"))
    (tmp_path / "tests").mkdir()
    path = tmp_path / "tests" / "00-plan.yaml"
    path.write_text(
        "backplan: 1\nplan: [../rules/00-plna.yaml, ../rules/10-mor.YAML]\ncases:\n"
        "  - {name: a, event: {type: review}, expect: {fallback: true}}\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path])
    folder = tmp_path / "tests"
    hint = f"  hint: `plan:` is read relative to the folder of the test file ({folder})"
    assert [d.render() for d in caught.value.diagnostics] == [
        f"{path}:2:8: error: there is no plan file or folder {folder}/../rules/00-plna.yaml "
        f"(did you mean `../rules/00-plan.yaml`?) [plan-not-found]\n{hint}",
        f"{path}:2:31: error: there is no plan file or folder {folder}/../rules/10-mor.YAML "
        f"(did you mean `../rules/10-more.YAML`?) [plan-not-found]\n{hint}",
    ]


def test_an_action_forbidden_as_a_guard_for_the_plan_to_come_is_not_told(tmp_path: Path) -> None:
    """`no_actions: [compensate]` in a plan that compensates no one yet guards against a rule
    added later; it had refused the whole test file as checking nothing (found by review).
    Only a type a letter or two from one the plan gives is told, as a slip."""
    (tmp_path / "p.yaml").write_text(_TWO_APOLOGIES)
    path = write(
        tmp_path,
        "backplan: 1\nplan: p.yaml\ncases:\n"
        "  - {name: a, event: {type: order}, expect: {no_actions: [compensate, x-audit]}}\n",
    )
    report = run_tests([path])
    assert (report.passed, report.failed, report.errors) == (1, 0, 0)


def test_a_rule_switched_off_expected_to_fire_cannot_pass(tmp_path: Path) -> None:
    """A rule with `enabled: false` never fires: its tests had failed at every run, saying
    only that it did not fire (found by review). Expected not to fire, it is a fine guard."""
    path, found = _problems_of_cases(
        tmp_path,
        _TWO_APOLOGIES.replace(
            "{id: second, title: Second,", "{id: second, enabled: false, title: Second,"
        ),
        "  - name: a late order\n"
        "    event: {type: order}\n"
        "    expect: {matched_at_least: [first, second]}\n"
        "  - name: the switched-off rule stays off\n"
        "    event: {type: order}\n"
        "    expect: {matched: [first], not_matched: [second]}\n",
    )
    assert found == [
        f"{path}:6:40: error: rule `second` is switched off (`enabled: false`), so it never "
        "fires in case `a late order` (expect › matched_at_least) [cannot-pass]\n"
        "  hint: take `second` out of `matched_at_least`, or switch the rule on again in the "
        "plan (remove its `enabled: false`)"
    ]


_FIRST_ONLY = _TWO_APOLOGIES.replace("currency: USD}", "currency: USD, match: first}") + (
    "  - {id: improvise, title: Improvise, fallback: true, then: [{escalate: {to: a}}]}\n"
    "  - {id: call, title: Call, fallback: true, then: [{escalate: {to: b}}]}\n"
)


def test_two_rules_expected_to_fire_under_match_first_cannot_pass(tmp_path: Path) -> None:
    """Under `match: first` only the first rule that matches fires, among the ordinary rules
    as among the fallback ones: a case expecting two had failed at every run, saying only
    that the second did not fire (found by review)."""
    path, found = _problems_of_cases(
        tmp_path,
        _FIRST_ONLY,
        "  - name: a late order\n"
        "    event: {type: order}\n"
        "    expect: {matched: [first, second]}\n"
        "  - name: every rule\n"
        "    event: {type: order}\n"
        "    expect: {matched_at_least: [other, second], matched: [first, second, other]}\n"
        "  - name: two fallbacks\n"
        "    event: {type: survey}\n"
        "    expect: {matched_at_least: [call, improvise]}\n",
    )
    hint = (
        "  hint: keep one of them in this case (when both match, only `{}` fires, as it comes "
        "first in firing order), and test the other in a case of its own, with an event only "
        "it matches\n"
    )
    assert found == [
        f"{path}:6:31: error: under `match: first` only one rule fires, so `first` and "
        "`second` cannot both fire in case `a late order` (expect › matched) [cannot-pass]\n"
        + hint.format("first")
        + f"  see: {path}:6:24\n"
        f"  see: {tmp_path}/p.yaml:2:39",
        f"{path}:9:74: error: under `match: first` only one rule fires, so `first`, `second` "
        "and `other` cannot all fire in case `every rule` (expect › matched) [cannot-pass]\n"
        "  hint: keep one of them in this case (when they all match, only `first` fires, as it "
        "comes first in firing order), and test each of the others in a case of its own, with "
        "an event only it matches\n"
        f"  see: {path}:9:59\n"
        f"  see: {path}:9:66\n"
        f"  see: {tmp_path}/p.yaml:2:39",
        f"{path}:12:39: error: under `match: first` only one rule fires, so `improvise` and "
        "`call` cannot both fire in case `two fallbacks` (expect › matched_at_least) "
        "[cannot-pass]\n" + hint.format("improvise") + f"  see: {path}:12:33\n"
        f"  see: {tmp_path}/p.yaml:2:39",
    ]


_LEFT_OUT_OF_MATCHED = (
    "  - name: a late order\n"
    "    event: {type: order}\n"
    "    expect: {matched: [second], matched_at_least: [first]}\n"
)


def _left_out_of_matched(path: Path) -> str:
    """The one problem of :data:`_LEFT_OUT_OF_MATCHED`: `first` is expected to fire, but
    `matched` says only `second` does."""
    return (
        f"{path}:6:52: error: rule `first` is expected to fire (`matched_at_least`), but "
        "`matched` lists exactly the rules that fire, and not it in case `a late order` "
        "(expect › matched_at_least) [cannot-pass]\n  hint: add `first` to `matched:` where it "
        f"fires, or take it out of `matched_at_least:`\n  see: {path}:6:23"
    )


def test_a_rule_left_out_of_matched_under_match_first_is_told_once(tmp_path: Path) -> None:
    """`matched: [second]` beside `matched_at_least: [first]` under `match: first` was
    refused twice for one mistake: `first` left out of `matched`, and again as `first` and
    `second` both expected to fire. It is told once, as left out of `matched` (found by
    review)."""
    path, found = _problems_of_cases(tmp_path, _FIRST_ONLY, _LEFT_OUT_OF_MATCHED)
    assert found == [_left_out_of_matched(path)]


def test_one_rule_expected_to_fire_under_match_first_runs(tmp_path: Path) -> None:
    """Under `match: first` a case may expect one rule, in both lists, beside rules that must
    not fire, or a fallback rule: none of these is refused."""
    _, report = _run_cases(
        tmp_path,
        _FIRST_ONLY,
        "  - name: the first rule\n"
        "    event: {type: order}\n"
        "    expect: {matched: [first], matched_at_least: [first], not_matched: [second]}\n"
        "  - name: a fallback\n"
        "    event: {type: survey}\n"
        "    expect: {matched: [improvise], fallback: true, not_matched: [call]}\n",
    )
    assert (report.passed, report.failed, report.errors) == (2, 0, 0)


_STOPS = (
    "backplan: 1\nplan: {name: P, currency: USD}\nrules:\n"
    "  - {id: first, title: First, when: {event: order}, then: [apologize: {}]}\n"
    "  - {id: enough, title: Enough, stop: true, when: {event: order, all: [{field: late, eq: "
    "true}]}, then: [apologize: {}]}\n"
    "  - {id: later, title: Later, when: {event: order}, then: [apologize: {}]}\n"
    "  - {id: urgent, title: Urgent, priority: 5, when: {event: order}, then: [apologize: {}]}\n"
    "  - {id: big, title: Big, priority: 3, stop: true, when: {event: order, all: [{field: big, "
    "eq: true}]}, then: [apologize: {}]}\n"
    "  - {id: improvise, title: Improvise, fallback: true, stop: true, then: [apologize: {}]}\n"
    "  - {id: call, title: Call, fallback: true, then: [apologize: {}]}\n"
)


def test_a_stop_rule_left_out_of_matched_is_told_once(tmp_path: Path) -> None:
    """`matched: [second]` beside `matched_at_least: [first]`, `first` with `stop: true`, was
    refused twice for one mistake, the second time as a stop rule expected with a rule after
    it (found by review)."""
    plan = _TWO_APOLOGIES.replace(
        "{id: first, title: First,", "{id: first, title: First, stop: true,"
    )
    path, found = _problems_of_cases(tmp_path, plan, _LEFT_OUT_OF_MATCHED)
    assert found == [_left_out_of_matched(path)]


def test_a_stop_rule_expected_with_a_rule_after_it_cannot_pass(tmp_path: Path) -> None:
    """A rule with `stop: true` that fires is the last to fire: a case expecting it with a
    rule after it in firing order (by priority, then by place in the plan) had failed at
    every run, saying only that the later rule did not fire (found by review). A rule before
    it fires with it, and is not told."""
    path, found = _problems_of_cases(
        tmp_path,
        _STOPS,
        "  - name: a late order\n"
        "    event: {type: order, late: true}\n"
        "    expect: {matched: [first, enough, later]}\n"
        "  - name: a big order\n"
        "    event: {type: order, big: true}\n"
        "    expect: {matched_at_least: [first, big]}\n"
        "  - name: two fallbacks\n"
        "    event: {type: survey}\n"
        "    expect: {matched_at_least: [call, improvise]}\n",
    )
    hint = (
        "  hint: keep one of them in this case (when both match, only `{0}` fires, as it comes "
        "first in firing order), and test the other in a case of its own, with an event only "
        "it matches; for both to fire, give `{1}` a higher priority than `{0}`, or take "
        "`stop: true` off `{0}`\n"
    )
    assert found == [
        f"{path}:6:39: error: rule `enough` has `stop: true` and comes before `later` in firing "
        "order (the same priority, and it is written earlier in the plan): once `enough` "
        "fires, no rule after it does, so `enough` and `later` cannot both fire in case "
        "`a late order` (expect › matched) [cannot-pass]\n"
        + hint.format("enough", "later")
        + f"  see: {path}:6:31\n"
        f"  see: {tmp_path}/p.yaml:5:39",
        f"{path}:9:40: error: rule `big` has `stop: true` and comes before `first` in firing "
        "order (priority 3, higher than `first`'s 0): once `big` fires, no rule after it "
        "does, so `big` and `first` cannot both fire in case `a big order` "
        "(expect › matched_at_least) [cannot-pass]\n"
        + hint.format("big", "first")
        + f"  see: {path}:9:33\n"
        f"  see: {tmp_path}/p.yaml:8:46",
        f"{path}:12:39: error: rule `improvise` has `stop: true` and comes before `call` in "
        "firing order (the same priority, and it is written earlier in the plan): once "
        "`improvise` fires, no rule after it does, so `improvise` and `call` cannot both fire "
        "in case `two fallbacks` (expect › matched_at_least) [cannot-pass]\n"
        + hint.format("improvise", "call")
        + f"  see: {path}:12:33\n"
        f"  see: {tmp_path}/p.yaml:9:61",
    ]


def test_two_stop_rules_expected_together_are_not_told_to_swap_priorities(
    tmp_path: Path,
) -> None:
    """Of two rules with `stop: true`, whichever fires first stops the other: giving the
    later one the higher priority only turns the problem round, and the hint had said to
    (found by review). Taking `stop: true` off the first one is the fix."""
    path, found = _problems_of_cases(
        tmp_path,
        _STOPS.replace("{id: later, title: Later,", "{id: later, title: Later, stop: true,"),
        "  - name: a late order\n"
        "    event: {type: order, late: true}\n"
        "    expect: {matched: [enough, later]}\n",
    )
    assert found == [
        f"{path}:6:32: error: rule `enough` has `stop: true` and comes before `later` in firing "
        "order (the same priority, and it is written earlier in the plan): once `enough` "
        "fires, no rule after it does, so `enough` and `later` cannot both fire in case "
        "`a late order` (expect › matched) [cannot-pass]\n"
        "  hint: keep one of them in this case (when both match, only `enough` fires, as it "
        "comes first in firing order), and test the other in a case of its own, with an event "
        "only it matches; for both to fire, take `stop: true` off `enough` (`later` has "
        "`stop: true` too, so whichever of them fires first stops the other)\n"
        f"  see: {path}:6:24\n"
        f"  see: {tmp_path}/p.yaml:5:39",
    ]


def test_a_stop_rule_expected_alone_or_after_other_rules_runs(tmp_path: Path) -> None:
    """A stop rule expected alone, or with rules before it in firing order (of a higher
    priority, or written earlier), is no contradiction: the cases run, and pass."""
    _, report = _run_cases(
        tmp_path,
        _STOPS,
        "  - name: a late order\n"
        "    event: {type: order, late: true}\n"
        "    expect: {matched: [urgent, first, enough], not_matched: [later]}\n"
        "  - name: a big order\n"
        "    event: {type: order, big: true}\n"
        "    expect: {matched_at_least: [big, urgent], not_matched: [first]}\n"
        "  - name: the stop rule alone\n"
        "    event: {type: order, late: true}\n"
        "    expect: {matched_at_least: [enough]}\n"
        "  - name: a fallback\n"
        "    event: {type: survey}\n"
        "    expect: {matched: [improvise]}\n",
    )
    assert (report.passed, report.failed, report.errors) == (4, 0, 0)


_ORDERED = (
    "backplan: 1\nplan: {name: P, currency: USD}\nrules:\n"
    "  - {id: first, title: First, when: {event: order}, then: [apologize: {}]}\n"
    "  - {id: later, title: Later, when: {event: order}, then: [apologize: {}]}\n"
    "  - {id: urgent, title: Urgent, priority: 5, when: {event: order}, then: [apologize: {}]}\n"
    "  - {id: improvise, title: Improvise, fallback: true, then: [apologize: {}]}\n"
    "  - {id: call, title: Call, fallback: true, then: [apologize: {}]}\n"
)


def test_rules_expected_in_another_order_than_they_fire_are_told_the_order(
    tmp_path: Path,
) -> None:
    """`matched` is the exact list of the rules that fire, in firing order (by priority, then
    by place in the plan), among the ordinary rules as among the fallback ones: a case naming
    them in another order had failed at every run. Told once a case, at the first rule written
    after one it fires before, with the whole list to write; the plan's `see:` is each rule's
    priority, or each rule when their places alone tell their order."""
    path, found = _problems_of_cases(
        tmp_path,
        _ORDERED,
        "  - name: same priority\n"
        "    event: {type: order}\n"
        "    expect: {matched: [later, first]}\n"
        "  - name: a higher priority\n"
        "    event: {type: order}\n"
        "    expect: {matched: [first, later, urgent]}\n"
        "  - name: two fallbacks\n"
        "    event: {type: survey}\n"
        "    expect: {matched: [call, improvise], fallback: true}\n",
    )
    plan = tmp_path / "p.yaml"
    hint = (
        "  hint: write `matched: [{}]`, the order they fire in, or `matched_at_least:` when "
        "the order does not matter\n"
    )
    assert found == [
        f"{path}:6:31: error: rule `first` fires before `later` (the same priority, and it is "
        "written earlier in the plan), and a decision lists the rules that fire in that order: "
        "`matched` can never list `later` before it in case `same priority` (expect › matched) "
        "[cannot-pass]\n" + hint.format("first, later") + f"  see: {path}:6:24\n"
        f"  see: {plan}:4:5\n  see: {plan}:5:5",
        f"{path}:9:38: error: rule `urgent` fires before `first` (priority 5, higher than "
        "`first`'s 0), and a decision lists the rules that fire in that order: `matched` can "
        "never list `first` before it in case `a higher priority` (expect › matched) "
        "[cannot-pass]\n" + hint.format("urgent, first, later") + f"  see: {path}:9:24\n"
        f"  see: {plan}:6:43\n  see: {plan}:4:5",
        f"{path}:12:30: error: rule `improvise` fires before `call` (the same priority, and it "
        "is written earlier in the plan), and a decision lists the rules that fire in that "
        "order: `matched` can never list `call` before it in case `two fallbacks` "
        "(expect › matched) [cannot-pass]\n" + hint.format("improvise, call") + f"  see: "
        f"{path}:12:24\n  see: {plan}:7:5\n  see: {plan}:8:5",
    ]


def test_rules_expected_in_the_order_they_fire_run(tmp_path: Path) -> None:
    """`matched` in firing order, one rule alone, and `matched_at_least` in any order (it
    says only which rules fire) are no problem: the cases run, and pass."""
    _, report = _run_cases(
        tmp_path,
        _ORDERED,
        "  - name: every ordinary rule\n"
        "    event: {type: order}\n"
        "    expect: {matched: [urgent, first, later], matched_at_least: [later, urgent]}\n"
        "  - name: one rule\n"
        "    event: {type: order}\n"
        "    expect: {matched_at_least: [later]}\n"
        "  - name: the fallbacks\n"
        "    event: {type: survey}\n"
        "    expect: {matched: [improvise, call], matched_at_least: [call, improvise]}\n",
    )
    assert (report.passed, report.failed, report.errors) == (3, 0, 0)


def _two_files_out_of_order(tmp_path: Path, named: str, matched: str) -> tuple[Path, Diagnostic]:
    """The problem of a case expecting `matched` of a plan `named` so in the test file, of two
    files in the folder `plan`: `zeta` in a.yaml, `alpha` in b.yaml, at the same priority."""
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "a.yaml").write_text(
        "backplan: 1\nplan: {name: P, currency: USD}\nrules:\n"
        "  - {id: zeta, title: Zeta, when: {event: order}, then: [apologize: {}]}\n"
    )
    (plan / "b.yaml").write_text(
        "backplan: 1\nrules:\n"
        "  - {id: alpha, title: Alpha, when: {event: order}, then: [apologize: {}]}\n"
    )
    path = write(
        tmp_path,
        f"backplan: 1\nplan: {named}\ncases:\n"
        f"  - {{name: a, event: {{type: order}}, expect: {{matched: [{matched}]}}}}\n",
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path])
    [problem] = caught.value.diagnostics
    return path, problem


def test_rules_of_two_files_in_another_order_are_told_which_file_comes_first(
    tmp_path: Path,
) -> None:
    """At the same priority, rules of a plan of several files fire in the order of their
    files' names: "written earlier in the plan" read wrong of rules in two files."""
    path, problem = _two_files_out_of_order(tmp_path, "plan", "alpha, zeta")
    plan = tmp_path / "plan"
    assert problem.message.startswith(
        "rule `zeta` fires before `alpha` (the same priority, and its file comes first in the "
        "plan, by name)"
    )
    assert [str(at) for at in problem.related] == [
        f"{path}:4:56",
        f"{plan}/a.yaml:4:5",
        f"{plan}/b.yaml:3:5",
    ]


def test_rules_of_two_files_named_one_by_one_are_told_the_order_they_are_named(
    tmp_path: Path,
) -> None:
    """Files named one by one (`plan: [b.yaml, a.yaml]`) are read in the order named, not by
    name: "its file comes first in the plan, by name" was said of `b.yaml` before `a.yaml`."""
    _, problem = _two_files_out_of_order(tmp_path, "[plan/b.yaml, plan/a.yaml]", "zeta, alpha")
    assert problem.message.startswith(
        "rule `alpha` fires before `zeta` (the same priority, and its file is named first: the "
        "plan's files are read in the order they are named)"
    )


def test_rules_out_of_order_that_cannot_fire_together_are_told_once(tmp_path: Path) -> None:
    """A `matched` out of order that must change anyway is told only why: a rule after a
    `stop: true` rule, two rules under `match: first`, an ordinary rule beside a fallback one,
    a rule the plan lacks, two rules whose conditions exclude each other. The order to write is
    told once those are mended."""
    cases = "  - name: a late order\n    event: {type: order}\n    expect: {matched: [%s]}\n"
    told = [
        (_STOPS, "later, enough", "has `stop: true`"),
        (_FIRST_ONLY, "second, first", "under `match: first`"),
        (_ORDERED, "later, improvise, first", "a fallback rule fires only when"),
        (_ORDERED, "later, frist", "the plan has no rule `frist`"),
        (_APART, "good-review, bad-review", "cannot both fire: their conditions"),
    ]
    for plan, matched, words in told:
        _, found = _problems_of_cases(tmp_path, plan, cases % matched)
        assert len(found) == 1, found
        assert words in found[0]
        assert "the order they fire in" not in found[0]


_APART = (
    "backplan: 1\nplan: {name: P, currency: USD}\nrules:\n"
    "  - {id: late-order, title: Late, when: {event: order, all: [{field: late, eq: true}]}, "
    "then: [apologize: {}]}\n"
    "  - {id: bad-review, title: Bad, when: {event: [review, survey], all: [{field: rating, "
    "lte: 2}]}, then: [apologize: {}]}\n"
    "  - {id: good-review, title: Good, when: {event: review, all: [{field: rating, gte: 4}]}, "
    "then: [apologize: {}]}\n"
    "  - {id: mid-review, title: Mid, when: {event: review, all: [{field: rating, "
    "gte: 2}]}, then: [apologize: {}]}\n"
    "  - {id: any-type, title: Any, when: {all: [{field: rating, gte: 1}]}, then: [apologize: {}]}\n"
    "  - {id: store-a, title: A, when: {all: [{field: store, eq: A}]}, then: [apologize: {}]}\n"
    "  - {id: store-b, title: B, when: {all: [{field: store, in: [B, C]}]}, then: [apologize: {}]}\n"
    "  - {id: never, title: Never, when: {all: [{field: rating, gt: 5}, {field: rating, lt: 1}]}, "
    "then: [apologize: {}]}\n"
    "  - {id: urgent, title: Urgent, when: {all: [{field: severity, eq: urgent}]}, "
    "then: [apologize: {}]}\n"
)


def test_rules_whose_conditions_exclude_each_other_cannot_both_be_expected(
    tmp_path: Path,
) -> None:
    """Two rules that lint proves never match one event (one for orders, the other for
    reviews; a rating of 2 or less and of 4 or more; stores apart) expected to fire in one
    case: it had failed at every run, saying only that one of them did not fire (found by
    review). Told at the second, with the first and the two rules' conditions; a stop rule
    after which the other comes is not told again."""
    path, found = _problems_of_cases(
        tmp_path,
        _APART.replace("title: Late,", "title: Late, stop: true,"),
        "  - name: types\n"
        "    event: {type: order}\n"
        "    expect: {matched: [late-order, bad-review]}\n"
        "  - name: ratings\n"
        "    event: {type: review}\n"
        "    expect: {matched_at_least: [mid-review, bad-review, good-review]}\n"
        "  - name: stores\n"
        "    event: {type: review}\n"
        "    expect: {matched_at_least: [store-b, store-a]}\n",
    )
    hint = (
        "  hint: split this case in two: one expecting `{}`, one expecting `{}`, each with an "
        "event its rule matches\n"
    )
    plan = tmp_path / "p.yaml"
    assert found == [
        f"{path}:6:36: error: rules `late-order` and `bad-review` cannot both fire: "
        "`late-order` is for an order event and `bad-review` for a review or a survey in case "
        "`types` (expect › matched) [cannot-pass]\n"
        + hint.format("late-order", "bad-review")
        + f"  see: {path}:6:24\n  see: {plan}:4:61\n  see: {plan}:5:48",
        f"{path}:9:57: error: rules `bad-review` and `good-review` cannot both fire: their "
        "conditions exclude each other (rating is 2 or less and rating is 4 or more cannot "
        "all hold) in case `ratings` (expect › matched_at_least) [cannot-pass]\n"
        + hint.format("bad-review", "good-review")
        + f"  see: {path}:9:45\n  see: {plan}:5:72\n  see: {plan}:6:64",
        f"{path}:12:42: error: rules `store-b` and `store-a` cannot both fire: their "
        "conditions exclude each other (store is one of B or C and store is A cannot both "
        "hold) in case `stores` (expect › matched_at_least) [cannot-pass]\n"
        + hint.format("store-b", "store-a")
        + f"  see: {path}:12:33\n  see: {plan}:10:42\n  see: {plan}:9:42",
    ]


_OPPOSITE = (
    "backplan: 1\nplan: {name: P, currency: USD}\n"
    "conditions:\n"
    "  public_channel:\n"
    "    any: [{field: public, eq: true}, {field: channel, in: [google_review, yelp]}]\n"
    "rules:\n"
    "  - id: private-review\n"
    "    title: Private\n"
    "    when: {event: review, all: [{field: rating, lte: 2}, {not: {use: public_channel}}]}\n"
    "    then: [apologize: {}]\n"
    "  - id: public-review\n"
    "    title: Public\n"
    "    when: {event: review, all: [{field: rating, lte: 2}, {use: public_channel}]}\n"
    "    then: [apologize: {}]\n"
    "  - id: public-any\n"
    "    title: Public, any type\n"
    "    when: {use: public_channel}\n"
    "    then: [apologize: {}]\n"
)


def test_rules_apart_by_a_named_condition_and_its_not_are_told_so(tmp_path: Path) -> None:
    """The starter plan's public and private negative reviews: one requires `public_channel`
    and the other `not: {use: public_channel}`. The proof, through the condition's `any`, had
    read "no alternative of `any` can hold: not (public is true) and public is true cannot
    all hold and not (channel is one of …" (found by review). Told in the plan's own names,
    with the `use:` and the `not:` as where to look, whichever rule the case names first."""
    path, found = _problems_of_cases(
        tmp_path,
        _OPPOSITE,
        "  - name: both\n"
        "    event: {type: review, rating: 1}\n"
        "    expect: {matched_at_least: [public-review, private-review]}\n"
        "  - name: reversed\n"
        "    event: {type: review, rating: 1}\n"
        "    expect: {matched_at_least: [private-review, public-any]}\n",
    )
    plan = tmp_path / "p.yaml"
    hint = (
        "  hint: split this case in two: one expecting `{}`, one expecting `{}`, each with an "
        "event its rule matches\n"
    )
    assert found == [
        f"{path}:6:48: error: rules `public-review` and `private-review` cannot both fire: "
        "`public-review` requires the condition `public_channel` and `private-review` requires "
        "it not to hold in case `both` (expect › matched_at_least) [cannot-pass]\n"
        + hint.format("public-review", "private-review")
        + f"  see: {path}:6:33\n  see: {plan}:13:58\n  see: {plan}:9:58",
        f"{path}:9:49: error: rules `private-review` and `public-any` cannot both fire: "
        "`public-any` requires the condition `public_channel` and `private-review` requires "
        "it not to hold in case `reversed` (expect › matched_at_least) [cannot-pass]\n"
        + hint.format("private-review", "public-any")
        + f"  see: {path}:9:33\n  see: {plan}:9:58\n  see: {plan}:17:11",
    ]


def test_a_rule_that_never_matches_cannot_be_expected_to_fire(tmp_path: Path) -> None:
    """A rule whose own conditions contradict each other (lint's `never-matches`) expected to
    fire, alone or beside others: told once, at it, with its conditions; a reason drawn from
    the event schema (`severity` is one of four words) is not, since the case's event is read
    as `eval` reads it, which decides an event that breaks the schema."""
    path, found = _problems_of_cases(
        tmp_path,
        _APART,
        "  - name: never\n"
        "    event: {type: review, rating: 3}\n"
        "    expect: {matched_at_least: [never, any-type]}\n"
        "  - name: urgent\n"
        "    event: {type: review, severity: urgent}\n"
        "    expect: {matched: [urgent]}\n",
    )
    plan = tmp_path / "p.yaml"
    assert found == [
        f"{path}:6:33: error: rule `never` can never fire: rating is more than 5 and rating is "
        "less than 1 cannot all hold in case `never` (expect › matched_at_least) "
        "[cannot-pass]\n"
        "  hint: take `never` out of `matched_at_least`, or correct its conditions in the plan "
        "(`backplan lint` tells it as `never-matches`)\n"
        f"  see: {plan}:11:44\n  see: {plan}:11:68",
    ]


def test_rules_that_may_fire_together_are_expected_together(tmp_path: Path) -> None:
    """No refusal without a proof: rules of one type with ranges that overlap, a rule for any
    type beside one for reviews, rules of different types where one is for any type, a rule
    that never matches only in events that follow the schema. The cases run, and pass."""
    _, report = _run_cases(
        tmp_path,
        _APART,
        "  - name: overlapping ranges\n"
        "    event: {type: review, rating: 2}\n"
        "    expect: {matched: [bad-review, mid-review, any-type]}\n"
        "  - name: any type\n"
        "    event: {type: order, rating: 4, late: true, store: A}\n"
        "    expect: {matched: [late-order, any-type, store-a]}\n"
        "  - name: off the schema\n"
        "    event: {type: survey, rating: 1, severity: urgent}\n"
        "    expect: {matched: [bad-review, any-type, urgent]}\n",
    )
    assert (report.passed, report.failed, report.errors) == (3, 0, 0)


def test_under_match_first_rules_apart_are_told_once(tmp_path: Path) -> None:
    """Under `match: first` two rules never fire together whatever their conditions: the
    case is told that, once, not also that their event types differ."""
    path, found = _problems_of_cases(
        tmp_path,
        _APART.replace("currency: USD}", "currency: USD, match: first}"),
        "  - name: types\n    event: {type: order}\n"
        "    expect: {matched: [late-order, bad-review]}\n",
    )
    assert [line.split(" in case ")[0] for line in found] == [
        f"{path}:6:36: error: under `match: first` only one rule fires, so `late-order` and "
        "`bad-review` cannot both fire"
    ]


def test_past_the_proofs_allowed_rules_apart_by_their_types_are_still_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A test file may have only so many pairs of rules proved apart by their conditions
    (`MOST_PROVED`), so that one of many cases listing many rules stays quick; past them a
    pair is not told, while rules for different event types are told apart without a proof."""
    monkeypatch.setattr("engine.exclusion.MOST_PROVED", 0)
    path, found = _problems_of_cases(
        tmp_path,
        _APART,
        "  - name: types\n    event: {type: order}\n"
        "    expect: {matched: [late-order, bad-review]}\n"
        "  - name: ratings\n    event: {type: review}\n"
        "    expect: {matched_at_least: [bad-review, good-review]}\n",
    )
    assert [line.split(" in case ")[0] for line in found] == [
        f"{path}:6:36: error: rules `late-order` and `bad-review` cannot both fire: `late-order` "
        "is for an order event and `bad-review` for a review or a survey"
    ]


@pytest.mark.parametrize(
    ("action", "said"),
    [
        (  # a misspelt channel had been told "did you mean `channel`"
            "reply_publicly: {chanel: email}",
            "error: unknown key `chanel` in case `a` (expect › actions › reply_publicly) "
            "[unknown-key]\n  hint: `reply_publicly` has no channel: a public reply goes where "
            "the complaint was posted; to write to the customer, add a `contact_customer` "
            "action, which takes one, such as `contact_customer: {channel: email}`; allowed "
            "here: `due`, `message`, `message_contains`, `purpose`, `rule`, `within`",
        ),
        (  # passed the schema, then failed every case: "reply_publicly ... has no channel"
            "reply_publicly: {channel: email}",
            "error: unknown key `channel` in case `a` (expect › actions › reply_publicly) "
            "[unknown-key]\n  hint: `reply_publicly` has no channel: a public reply goes where",
        ),
        (
            "apologize: {kind: voucher}",
            "error: unknown key `kind` in case `a` (expect › actions › apologize) [unknown-key]"
            "\n  hint: allowed here: `channel`, `due`, `message`, `message_contains`, `purpose`, "
            "`rule`, `within`",
        ),
    ],
)
def test_a_parameter_its_action_never_has_is_told_as_the_plan_tells_it(
    tmp_path: Path, action: str, said: str
) -> None:
    path = write(
        tmp_path,
        "backplan: 1\ncases:\n  - name: a\n    event: {type: review}\n"
        f"    expect: {{actions: [{{{action}}}]}}\n",
    )
    found = problems(path)
    assert any(said in p for p in found), found
    assert not any("did you mean `channel`" in p for p in found), found


def test_every_parameter_of_a_decided_action_is_one_a_plan_test_may_expect_of_its_type() -> None:
    """``decided_params`` (what the plan-test checks allow per action type) holds every
    parameter deciding writes: of each action of the authoring plan's and the starter plan's
    decisions on their example events."""
    from engine.slips import decided_params

    expectable = set(load_schema("plantest")["$defs"]["action_params"]["properties"])
    for report in (
        run_tests([AUTHORING / "acme.test.yaml"]),
        run_tests([REPO / "examples" / "plan-tests.yaml"]),
    ):
        for result in report.results:
            assert result.decision is not None
            for action in result.decision["actions"]:
                written = {"rule", "purpose", "due", *action["params"]} & expectable
                assert written <= decided_params(action["type"]), action


def test_the_published_schema_lists_for_each_action_type_the_parameters_it_can_have() -> None:
    """An editor reads ``schemas/plantest.schema.json`` alone: each standard action type's
    parameters there (``action_params_of``) are the ones ``decided_params`` lets a plan test
    expect of it, so the two cannot drift; the shared list had offered `channel` under
    `reply_publicly`, which ``backplan test`` refuses."""
    from engine.model import ACTION_TYPES
    from engine.slips import decided_params

    definitions = load_schema("plantest")["$defs"]
    expectable = set(definitions["action_params"]["properties"])
    listed = definitions["action_params_of"]
    assert list(listed) == list(ACTION_TYPES)
    for action in ACTION_TYPES:
        own = listed[action]
        assert set(own["properties"]) == decided_params(action) & expectable, action
        assert own["additionalProperties"] is False, action
        for name, held in own["properties"].items():
            assert held == {"$ref": f"#/$defs/action_params/properties/{name}"}, (action, name)
    keyed = definitions["action"]["anyOf"][1]["properties"]
    assert list(keyed) == list(ACTION_TYPES)
    for action, held in keyed.items():
        assert {"$ref": f"#/$defs/action_params_of/{action}"} in held["anyOf"], action
    assert set().union(*(set(own["properties"]) for own in listed.values())) == expectable


@pytest.mark.parametrize("key", ["actions", "no_actions"])
def test_the_published_schema_refuses_a_channel_under_reply_publicly(key: str) -> None:
    """What VS Code's YAML extension reads (jsonschema, Draft 2020-12, nothing of Backplan's):
    `reply_publicly: {channel: email}` is refused, as ``backplan test`` refuses it, and
    `contact_customer: {channel: email}` is taken."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(load_schema("plantest"))

    def document(action: str) -> dict[str, Any]:
        expect = {key: [{action: {"channel": "email"}}]}
        return {"backplan": 1, "cases": [{"name": "a", "event": {}, "expect": expect}]}

    refused = list(validator.iter_errors(document("reply_publicly")))
    assert refused, "reply_publicly: {channel: email} passed the published schema"
    assert validator.is_valid(document("contact_customer"))


def test_every_plan_test_file_of_the_repo_and_of_init_passes_the_published_schema(
    tmp_path: Path,
) -> None:
    """The per-type lists take every parameter the shipped plan-test files expect: the
    examples', the tests' (golden inputs too, but for those written to be refused) and the
    one `backplan init` writes."""
    import yaml
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(load_schema("plantest"))
    assert CliRunner().invoke(cli, ["init", str(tmp_path / "new")]).exit_code == 0
    files = [*REPO.glob("examples/**/*.yaml"), *REPO.glob("tests/**/*.yaml")]
    files += [*tmp_path.glob("new/**/*.yaml")]
    checked = 0
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue  # written to be unreadable
        if not isinstance(data, dict) or "cases" not in data or not run_tests_accepts(path):
            continue  # not a plan-test file, or one written to be refused
        assert validator.is_valid(data), path
        checked += 1
    assert checked >= 4, checked


def run_tests_accepts(path: Path) -> bool:
    """Whether ``backplan test`` reads the file without a problem in it (its cases may fail)."""
    return file_problems(path) == []


def test_a_parameter_its_action_never_has_is_told_beside_another_problem_of_its_case(
    tmp_path: Path,
) -> None:
    """The schema refuses it now, where ``backplan test`` had checked it after the schema only
    in cases the schema took: beside `chanel` in the same case, `reply_publicly: {channel:
    email}` had gone untold."""
    path = write(
        tmp_path,
        "backplan: 1\ncases:\n  - name: a\n    event: {type: review}\n    expect:\n"
        "      actions: [{reply_publicly: {channel: email}}, {contact_customer: {chanel: sms}}]\n",
    )
    found = problems(path)
    assert any("unknown key `channel`" in p and "reply_publicly" in p for p in found), found
    assert any("unknown key `chanel`" in p for p in found), found


_GENERAL_AND_SPECIAL = """\
backplan: 1
plan: {name: Acme, currency: USD}
rules:
  - {id: rude-staff, title: Rude, priority: 40, when: {all: [{field: issue, eq: rude}]},
     then: [{apologize: {within: 4h}}]}
  - {id: rude-driver, title: Driver, priority: PRIORITY, STOP when: {all: [{field: issue, eq: rude},
     {field: staff.team, eq: delivery}]}, then: [{notify: {to: logistics-lead}}]}
  - {id: improvise, title: Else, fallback: true, then: [{escalate: {to: duty-manager}}]}
"""
_DRIVER_CASE = (
    "  - name: a rude driver\n"
    "    event: {type: order, issue: rude, staff: {team: delivery}}\n"
    "    expect: {matched: [rude-driver]}\n"
)


@pytest.mark.parametrize(
    ("priority", "stop", "fix"),
    [
        ("30", "", "give it a priority above 40 (that of rude-staff) and `stop: true`"),
        ("50", "", "give it `stop: true`, so that no rule after it fires"),
        ("30", "stop: true,", "give it a priority above 40 (that of rude-staff)"),
    ],
)
def test_a_rule_expected_alone_is_told_how_to_keep_the_others_from_firing(
    tmp_path: Path, priority: str, stop: str, fix: str
) -> None:
    """A manager's new rule for a special case (a rude delivery driver) fires beside the
    general rule it refines (rude staff), and the case expecting it alone failed saying only
    that both fired: what makes it fire alone was in the docs of `priority` and `stop`, not
    where the manager stood. The note says what to change, from where each rule fires."""
    plan = _GENERAL_AND_SPECIAL.replace("PRIORITY", priority).replace("STOP ", stop)
    _, report = _run_cases(tmp_path, plan, _DRIVER_CASE)
    told = _wrapped(
        f"to have rude-driver fire alone: {fix}; if rude-staff should fire too, add it to `matched`"
    )
    assert failure_lines(report)[-len(told) :] == told


def _wrapped(note: str) -> list[str]:
    """A note as a failure prints it: wrapped at 100 characters, under its mismatch."""
    return textwrap.wrap(
        note, 100, initial_indent="    ", subsequent_indent="      ", break_on_hyphens=False
    )


def test_no_fix_is_told_when_the_expected_rule_did_not_fire(tmp_path: Path) -> None:
    """The note is for a rule that fired with others: a rule that did not fire at all is
    told why, and a priority or a `stop` would not make it fire."""
    plan = _GENERAL_AND_SPECIAL.replace("PRIORITY", "50").replace("STOP ", "")
    _, report = _run_cases(tmp_path, plan, _DRIVER_CASE.replace("delivery}", "kitchen}"))
    assert not any("fire alone" in line for line in failure_lines(report))


@pytest.mark.parametrize(
    ("slip", "told"),
    [
        (
            ("staff:", "staf:"),
            "the event has no staff.team; this rule needs delivery; the event has `staf`: did "
            "you mean `staff`?",
        ),
        (
            ("type: order", "type: ordr"),
            "the event is an ordr; this rule applies only to an order event; `ordr` is no event "
            "type of the event schema: did you mean `order`?",
        ),
    ],
)
def test_a_case_event_lacking_a_field_is_told_the_key_it_has_close_to_it(
    tmp_path: Path, slip: tuple[str, str], told: str
) -> None:
    """A case's event written `staf: {team: delivery}` for the rule's `staff.team` was told
    only "the event has no staff.team", and the manager looked for the mistake in the rule.
    One typed `type: ordr` had been told only "the event is an ordr; this rule applies only
    to an order event", as if the case were of another kind (found by a supervisor's
    review)."""
    plan = _GENERAL_AND_SPECIAL.replace("STOP when: {all:", "STOP when: {event: order, all:")
    plan = plan.replace("PRIORITY", "50").replace("STOP ", "stop: true, ")
    _, report = _run_cases(tmp_path, plan, _DRIVER_CASE.replace(*slip))
    wrapped = _wrapped(f"rude-driver did not fire: {told}")
    assert "\n".join(wrapped) in "\n".join(failure_lines(report))


def test_a_case_event_misspelling_a_custom_type_is_told_the_type_meant(tmp_path: Path) -> None:
    """A case's event of type `x-chargebak`, for the plan's rule for `x-chargeback`, had been
    told only "the event is an x-chargebak event; this rule applies only to an x-chargeback
    event", as if the case were of another kind, where `ordr` is told `order` (found by
    review)."""
    plan = _GENERAL_AND_SPECIAL.replace("STOP when: {all:", "STOP when: {event: x-chargeback, all:")
    plan = plan.replace("PRIORITY", "50").replace("STOP ", "stop: true, ")
    _, report = _run_cases(tmp_path, plan, _DRIVER_CASE.replace("type: order", "type: x-chargebak"))
    told = _wrapped(
        "rude-driver did not fire: the event is an x-chargebak event; this rule applies only to "
        "an x-chargeback event; no rule of the plan is for `x-chargebak` events: did you mean "
        "`x-chargeback`?"
    )
    assert "\n".join(told) in "\n".join(failure_lines(report))


def test_a_rule_misspelling_a_field_the_event_has_is_told_it_is_the_rule(tmp_path: Path) -> None:
    """The rule says `staf.team`, which the event schema does not know, and the case's event
    `staff: {team: delivery}`, as the schema names it: the note had asked "did you mean
    `staf`?" of the event, pointing the manager at the side that was right."""
    plan = _GENERAL_AND_SPECIAL.replace("PRIORITY", "50").replace("STOP ", "stop: true, ")
    _, report = _run_cases(
        tmp_path, plan.replace("field: staff.team", "field: staf.team"), _DRIVER_CASE
    )
    told = _wrapped(
        "rude-driver did not fire: the event has no staf.team; this rule needs delivery; "
        "the event has `staff`, as the event schema names it: did the rule mean `staff.team`?"
    )
    assert "\n".join(told) in "\n".join(failure_lines(report))


@pytest.mark.parametrize(
    "event",
    [
        "{type: order, issue: rude, crew: {team: delivery}}",  # no key close to `staff`
        "{type: order, issue: rude, staff: {team: kitchen}}",  # it has the field
        "{type: order, issue: rude, staff: delivery}",  # the way is cut by a text
    ],
)
def test_no_key_is_offered_when_none_is_close(tmp_path: Path, event: str) -> None:
    plan = _GENERAL_AND_SPECIAL.replace("PRIORITY", "50").replace("STOP ", "stop: true, ")
    case = _DRIVER_CASE.replace("{type: order, issue: rude, staff: {team: delivery}}", event)
    _, report = _run_cases(tmp_path, plan, case)
    text = "\n".join(failure_lines(report))
    assert "rude-driver did not fire" in text
    assert "did you mean" not in text


def test_a_standard_field_is_not_offered_for_another(tmp_path: Path) -> None:
    """A shop's rule on `store`, and a case's event with an `order` and no `store`: it had
    been told "the event has `order`: did you mean `store`?", two fields of the event schema
    close as letters go (found by a supervisor's review)."""
    plan = _GENERAL_AND_SPECIAL.replace("PRIORITY", "50").replace("STOP ", "stop: true, ")
    plan = plan.replace("field: staff.team, eq: delivery", "field: store, eq: Harbour")
    case = _DRIVER_CASE.replace("staff: {team: delivery}", "order: {id: o-9}")
    _, report = _run_cases(tmp_path, plan, case)
    text = "\n".join(failure_lines(report))
    assert "rude-driver did not fire: the event has no store; this rule needs Harbour\n" in text
    assert "did you mean" not in text


def test_many_unknown_rule_ids_are_each_compared_with_few_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A case expecting 5,000 rules a plan of 5,000 lacked (their ids renamed) took `test` 44 s:
    # each unknown id was compared, letter by letter, with every rule id of the plan. Now with
    # those a slip or two of a letter away only, as `validate` does for a condition's name.
    compared = count_compared(monkeypatch)
    count = 300
    rules = "".join(
        f"  - {{id: r{i}, title: R{i}, when: {{event: order}}, then: [{{apologize: {{}}}}]}}\n"
        for i in range(count)
    )
    ids = ", ".join(f"q{i}" for i in range(count))
    _, problems = _problems_of_cases(
        tmp_path,
        f"backplan: 1\nplan: {{name: A, currency: USD}}\nrules:\n{rules}",
        f"  - name: a\n    event: {{type: order}}\n    expect: {{matched: [{ids}]}}\n",
    )
    assert len(problems) == count
    assert "the plan has no rule `q12` (did you mean `r12`?)" in problems[12]
    assert sum(compared) < 10 * count  # against 300 x 300 = 90,000


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (  # the language's version, a constant: said as one, with the line to write
            "backplan: 2\ncases:\n  - {name: a, event: {type: review}, expect: {fallback: true}}\n",
            ":1:11: error: `2` is not allowed here; expected `1` [unknown-value]\n"
            "  hint: write `backplan: 1` at the top of the file",
        ),
        (  # a path left empty names no file: said so, at it, not read as the folder
            "backplan: 1\ncases:\n  - {name: a, event_file: '', expect: {fallback: true}}\n",
            ":3:27: error: this text is empty in case `a` (event_file) [too-few]",
        ),
    ],
)
def test_a_constant_or_a_path_of_a_test_file_is_told_in_words(
    tmp_path: Path, text: str, said: str
) -> None:
    path = write(tmp_path, text)
    assert problems(path) == [f"{path}{said}"]


def _review_case(directory: Path, name: str, expect: str) -> Path:
    """A test file of one case ``name``, a review, expecting ``expect`` (its lines)."""
    head = f"backplan: 1\ncases:\n  - name: {name}\n    event: {{type: review}}\n    expect:\n"
    return write(directory, head + textwrap.indent(expect, "      "))


def test_fallback_true_beside_matched_empty_cannot_pass(tmp_path: Path) -> None:
    """`fallback: true` expects a fallback rule to fire, `matched: []` that none does: told as
    the case's own contradiction, with how to mean either."""
    path = _review_case(tmp_path, "a", "matched: []\nfallback: true\n")
    assert [d.render() for d in file_problems(path)] == [
        f"{path}:7:17: error: `fallback: true` expects a fallback rule to fire, and "
        "`matched: []` that none does in case `a` (expect › fallback) [cannot-pass]\n"
        "  hint: name the fallback rule that fires in `matched:`, or remove `fallback: true` "
        f"to expect that no rule fires\n  see: {path}:6:16"
    ]


def test_a_message_expected_whole_is_forbidden_by_a_part_of_it(tmp_path: Path) -> None:
    """`no_actions` forbidding a message containing a text, beside an action expected with a
    whole message holding it: every such action is forbidden, so the case cannot pass."""
    path = _review_case(
        tmp_path,
        "b",
        "actions: [{apologize: {message: Sorry Ann}}]\n"
        "no_actions: [{apologize: {message_contains: Sorry}}]\n",
    )
    assert [d.render().split("\n")[0] for d in file_problems(path)] == [
        f'{path}:7:20: error: `actions` expects apologize with message "Sorry Ann", and '
        "`no_actions` forbids apologize with a message containing Sorry: the action expected "
        "is one it forbids in case `b` (expect › no_actions) [cannot-pass]"
    ]


def test_rules_apart_on_a_type_written_as_a_number_are_told_by_their_tests(
    tmp_path: Path,
) -> None:
    """A rule testing `type` against a number, beside one for reviews: their event types
    cannot be named as words (5 is no type), so the two tests are told instead."""
    path, found = _problems_of_cases(
        tmp_path,
        "backplan: 1\nplan: {name: P, currency: USD}\nrules:\n"
        "  - {id: five, title: Five, when: {all: [{field: type, eq: 5}]}, then: [apologize: {}]}\n"
        "  - {id: rev, title: Rev, when: {event: [review], all: [{field: rating, lt: 3}]}, "
        "then: [apologize: {}]}\n",
        "  - name: a\n    event: {type: review, rating: 1}\n    expect: {matched: [five, rev]}\n",
    )
    plan = tmp_path / "p.yaml"
    assert found == [
        f"{path}:6:30: error: rules `five` and `rev` cannot both fire: their conditions "
        "exclude each other (type is 5 and type is review cannot both hold) in case `a` "
        "(expect › matched) [cannot-pass]\n"
        "  hint: split this case in two: one expecting `five`, one expecting `rev`, each with "
        "an event its rule matches\n"
        f"  see: {path}:6:24\n  see: {plan}:4:42\n  see: {plan}:5:41"
    ]


@pytest.mark.parametrize(
    "schema_test", ["{field: severity, in: [urgent]}", "{field: order.delay_days, eq: 1.5}"]
)
def test_rules_apart_are_told_beside_a_test_only_the_event_schema_rules_out(
    schema_test: str, tmp_path: Path
) -> None:
    """A test the event schema alone rules out (`severity in [urgent]`, `delay_days eq 1.5`),
    written before the ratings that keep two rules apart, had hidden their proof: the schema's
    is none here, and the case was run, to fail (found by review)."""
    path, found = _problems_of_cases(
        tmp_path,
        "backplan: 1\nplan: {name: P, currency: USD}\nrules:\n"
        f"  - {{id: a, title: A, when: {{all: [{schema_test}, {{field: rating, lt: 2}}]}}, "
        "then: [apologize: {}]}\n"
        "  - {id: b, title: B, when: {all: [{field: rating, gt: 4}]}, then: [apologize: {}]}\n",
        "  - name: c\n    event: {type: review, rating: 1}\n    expect: {matched: [a, b]}\n",
    )
    assert [line.split(" in case")[0] for line in found] == [
        f"{path}:6:27: error: rules `a` and `b` cannot both fire: their conditions exclude "
        "each other (rating is less than 2 and rating is more than 4 cannot all hold)"
    ]


def test_rules_apart_in_every_alternative_are_told_beside_a_test_only_the_schema_rules_out(
    tmp_path: Path,
) -> None:
    """`severity in [urgent]` beside an `any` each of whose alternatives the other rule's
    rating rules out had hidden the proof, and the case was run, to fail (found by review)."""
    path, found = _problems_of_cases(
        tmp_path,
        "backplan: 1\nplan: {name: P, currency: USD}\nrules:\n"
        "  - {id: a, title: A, when: {all: [{field: severity, in: [urgent]}, "
        "{any: [{field: rating, lt: 2}, {field: rating, lt: 1}]}]}, then: [apologize: {}]}\n"
        "  - {id: b, title: B, when: {all: [{field: rating, gt: 4}]}, then: [apologize: {}]}\n",
        "  - name: c\n    event: {type: review, rating: 1}\n    expect: {matched: [a, b]}\n",
    )
    assert [line.split(" (")[0] for line in found] == [
        f"{path}:6:27: error: rules `a` and `b` cannot both fire: their conditions exclude "
        "each other"
    ]


def test_a_test_file_saved_in_another_encoding_is_told_so_where(tmp_path: Path) -> None:
    path = tmp_path / "plan.test.yaml"
    path.write_bytes(
        "backplan: 1\ncases:\n  - {name: café, event: {type: order}, expect: {fallback: true}}\n".encode(
            "cp1252"
        )
    )
    assert problems(path) == [
        f"{path}:3:15: error: the file is not UTF-8 text: it looks saved as Windows-1252 "
        "(Latin-1), where this byte is `é` [not-utf8]\n"
        "  hint: save the file as UTF-8 in your editor (in Notepad: Save as, Encoding: UTF-8)"
    ]


@pytest.mark.parametrize(("text", "found"), [("hello\n", "text `hello`"), ("- 1\n", "a list")])
def test_a_test_file_that_is_no_mapping_is_told_what_it_holds(
    tmp_path: Path, text: str, found: str
) -> None:
    path = write(tmp_path, text)
    assert problems(path) == [
        f"{path}:1:1: error: expected a mapping (keys and values), found {found} [wrong-type]"
    ]


def test_a_rule_id_of_signs_alone_is_told_its_form_without_a_guess(tmp_path: Path) -> None:
    """`??` names no id: it is told how ids are written, with none to write."""
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - {name: a, event: {type: order}, expect: {matched: ["??"]}}
        """,
    )
    assert problems(path) == [
        f"{path}:3:56: error: `??` is not in the right form in case `a` (expect › matched) "
        "[bad-format]\n"
        "  hint: rule ids use lower-case letters, digits, `-` and `_`, as in the plan"
    ]


def test_a_rule_id_written_as_words_is_told_its_form_when_the_plan_cannot_be_loaded(
    tmp_path: Path,
) -> None:
    """No plan to find the id in: the id is written as the form says, and the plan's own
    problems are told beside."""
    (tmp_path / "broken.yaml").write_text("backplan: 1\nrules: 5\n")
    path = write(
        tmp_path,
        """\
        backplan: 1
        plan: broken.yaml
        cases:
          - {name: a, event: {type: order}, expect: {matched: [Late Order]}}
        """,
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path])
    told = [d.render() for d in caught.value.diagnostics]
    assert (
        f"{path}:4:56: error: `Late Order` is not in the right form in case `a` (expect › "
        "matched) [bad-format]\n"
        "  hint: write `late-order`: rule ids use lower-case letters, digits, `-` and `_`, as in "
        "the plan"
    ) in told


def test_amounts_in_a_compensation_mismatch_s_notes_are_grouped_and_settings_as_written() -> None:
    """The offer notes read "refund of 2,000.00 EUR" (the checklist's words), and the notes
    below them "offer of 1200.00 EUR was not made", "the total 2000.00 EUR": one amount two ways
    on one screen (found by review). A setting named by its key stays as the plan writes it."""
    from engine.expectations import _why_approval, _why_capped, not_made_words

    summary = {
        "currency": "EUR",
        "total": "2000.00",
        "offered": "3000.00",
        "cap": "2000.00",
        "capped": True,
        "approval_threshold": "1500.00",
        "superseded": [],
    }
    record = {"rule": "late", "amount": "1200.00", "reason": "smaller-offer"}
    assert not_made_words(record, summary).startswith(
        "rule late's offer of 1,200.00 EUR was not made ("
    )
    assert _why_capped(summary) == (
        "the offers came to 3,000.00 EUR, more than the plan's per_event_max of 2000.00"
    )
    assert _why_approval({"actions": []}, summary) == (
        "the total 2,000.00 EUR is above the plan's approval_above of 1500.00"
    )


_POUNDS = (
    "Check the amount: order.total is in GBP (order.currency), not in the plan's EUR, and "
    "Backplan converts no currency: 20% of order.total (100) was counted as if it were EUR."
)


@pytest.mark.parametrize(
    ("expect", "noted"),
    [
        ("{actions: [{compensate: {amount: 24}}]}", True),
        ("{actions: [{compensate: {base: 120}}]}", True),
        ("{compensation: {total: 24, offered: 24}}", True),  # said once
        ("{actions: [{compensate: {kind: coupon}}]}", False),  # no amount expected
        ("{compensation: {needs_approval: true}}", False),
    ],
)
def test_a_failed_amount_notes_an_amount_in_another_currency(
    tmp_path: Path, expect: str, noted: bool
) -> None:
    """A case of an order of 100 GBP in an EUR plan expecting 24 was told "amount 20.00 (not
    24)" alone, while `explain` said Backplan converts no currency (found by review). An
    expectation of an amount that fails says it, once a case; one of anything else does not."""
    _, report = _run_cases(
        tmp_path,
        "backplan: 1\nplan: {name: T, currency: EUR}\nrules:\n  - {id: late, title: Late, when:"
        " {event: order}, then: [{compensate: {kind: voucher, percent: 20, of: order.total}}]}\n",
        "  - {name: a, event: {type: order, order: {total: 100, currency: GBP}}, expect: "
        f"{expect}}}\n",
    )
    [result] = report.results
    assert not result.passed
    notes = [note for mismatch in result.mismatches for note in mismatch.notes]
    assert notes.count(_POUNDS) == int(noted)
    assert ("converts no currency" in render_text(report)) is noted


def test_an_offer_the_case_could_not_size_says_what_its_field_holds(tmp_path: Path) -> None:
    """The offers listed under a failed total said "order.total is missing or not an amount"
    of a case's `total: "100"`, every way it could be, with the event at hand (found by
    review): they say what it holds."""
    _, report = _run_cases(
        tmp_path,
        "backplan: 1\nplan: {name: T, currency: EUR}\nrules:\n  - {id: late, title: Late, when:"
        " {event: order}, then: [{compensate: {kind: voucher, percent: 20, of: order.total}}]}\n",
        "  - {name: a, event: {type: order, order: {total: '100'}}, expect: "
        "{compensation: {total: 20}}}\n",
    )
    [result] = report.results
    [mismatch] = result.mismatches
    assert mismatch.notes == (
        "rule late's offer: voucher, amount to decide (20% of order.total) — order.total is the "
        'text "100", not a number, so no amount could be worked out: decide the amount — needs '
        "approval",
    )


def test_an_expected_amount_of_an_offer_the_case_could_not_size_says_why(tmp_path: Path) -> None:
    """A case whose event wrote its total `1'250` (text) and expected `compensate: {amount:
    250}` was told only "has amount 0.00 (not 250)": why was said under the compensation's
    total alone (found by a new user's trial). The action says it, and the total, expected
    too, does not say it again."""
    _, report = _run_cases(
        tmp_path,
        "backplan: 1\nplan: {name: T, currency: CHF}\nrules:\n  - {id: late, title: Late, when:"
        " {event: order}, then: [{compensate: {kind: voucher, percent: 20, of: order.total}}]}\n",
        "  - {name: a, event: {type: order, order: {total: 1'250}}, expect: "
        "{actions: [{compensate: {amount: 250}}], compensation: {total: 250}}}\n",
    )
    [result] = report.results
    action, total = result.mismatches
    assert action.notes == (
        "rule late's offer: voucher, amount to decide (20% of order.total) — order.total is the "
        'text "1\'250", not a number, so no amount could be worked out: decide the amount — '
        "needs approval",
    )
    assert total.notes == ()


_ITEM_WITHOUT_ITS_KEY = "a list item (`- `) where a key was expected"


def test_an_item_without_its_key_is_hinted_with_a_test_file_s_keys(tmp_path: Path) -> None:
    """A list item out of line in a plan-test file was hinted "such as `then:` or `prevent:`
    for actions, `all:` for tests", keys of a plan, which a test file has none of (found by
    review). The hint names a test file's keys, as its reader knows it is one (whatever its
    name); a case's YAML event file names none, its lists being its own fields."""
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: a
            event: {type: order}
            expect:
              fallback: false
              - compensate
        """,
        name="checks.yaml",  # no `.test.` in the name: the reader says what it is
    )
    [problem] = file_problems(path)
    assert (problem.code, problem.source.line, problem.source.column) == ("yaml-syntax", 7, 7)
    assert problem.message == f"YAML syntax error: {_ITEM_WITHOUT_ITS_KEY}"
    assert problem.hint == (
        "if the list's key is missing from the line above (such as `cases:` for cases, "
        "`actions:` or `matched:` for what a case expects), add it; if the item belongs to a "
        "list above, line its `-` up with that list's other items"
    )
    (tmp_path / "event.yaml").write_text("type: order\norder:\n  total: 10\n  - 20\n")
    cases = write(
        tmp_path,
        "backplan: 1\ncases:\n  - {name: b, event_file: event.yaml, expect: {matched: []}}\n",
    )
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([cases], [str(REPO / "rules")])
    [told] = [d for d in caught.value.diagnostics if _ITEM_WITHOUT_ITS_KEY in d.message]
    assert told.hint == (
        "if the list's key is missing from the line above, add it; if the item belongs to a "
        "list above, line its `-` up with that list's other items"
    )


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        (
            "Tests of the Acme plan\nbackplan: 1\ncases: []\n",
            "`Tests of the Acme plan` is not a key: a plan-test file's lines are keys and their "
            "values",
            "remove the line, or start it with `# ` to keep it as a comment: "
            "`# Tests of the Acme plan`",
        ),
        (
            '[[cases]]\nname = "late"\nevent_file = "late.json"\n',
            "`[[cases]]` is written as in a TOML or INI file: a plan-test file is written in "
            "YAML, where a key is followed by a colon",
            "write each `key = value` as `key: value` (`backplan: 1`), and each `[section]` as "
            "`section:` with its keys under it, indented by two spaces; see docs/authoring.md",
        ),
        (
            "backplan: 1\ncases:\n  - name: a\n    event: {type: order}\n    expect:\n"
            "      actions:\n        {follow_up: {}}\n        - {root_cause: {}}\n",
            "`{follow_up: {}}` is the first action of the list but has no `- `: each action is "
            "an item of the list, with its own `- `",
            "write `- {follow_up: {}}`, like `- {root_cause: {}}` on line 8",
        ),
        (
            "backplan: 1\ncases:\n  {name: a, event: {type: order}}\n"
            "  - {name: b, event: {type: order}}\n",
            "a list item (`- `) where a key was expected",
            "if the list's key is missing from the line above (such as `cases:` for cases, "
            "`actions:` or `matched:` for what a case expects), add it; if the item belongs to a "
            "list above, line its `-` up with that list's other items",
        ),
    ],
    ids=["a-title-line", "written-as-toml", "expected-actions-in-braces", "a-case-in-braces"],
)
def test_a_test_file_s_yaml_mistake_is_not_told_in_a_plan_s_words(
    tmp_path: Path, text: str, message: str, hint: str
) -> None:
    """A plan-test file had been told "a plan's lines are keys", "a plan is written in YAML;
    see docs/rule-language.md", and its expected actions in braces "the first condition of
    the list" (found by review)."""
    path = tmp_path / "checks.yaml"
    path.write_text(text, encoding="utf-8")
    [problem] = file_problems(path)
    assert (problem.message, problem.hint) == (f"YAML syntax error: {message}", hint)


def test_a_compensation_expected_where_none_is_made_names_what_was_expected(
    tmp_path: Path,
) -> None:
    """A case expecting a compensation where the decision makes none is told what was checked
    and expected, in their places (a mutant swapping the two survived: expectations:541)."""
    _, report = _run_cases(
        tmp_path,
        "backplan: 1\nplan: {name: T, currency: EUR}\nrules:\n  - {id: late, title: Late, when:"
        " {event: order}, then: [{apologize: {}}]}\n",
        "  - {name: a, event: {type: order}, expect: {compensation: {total: 20}}}\n",
    )
    [result] = report.results
    [mismatch] = result.mismatches
    assert (mismatch.what, mismatch.expected, mismatch.got) == (
        "compensation",
        "compensation with total 20",
        "none",
    )


def test_a_plan_file_given_as_a_test_file_is_hinted_with_a_plan_s_keys(tmp_path: Path) -> None:
    """A plan file given to ``test`` in place of its tests (the arguments swapped), with a
    list item out of line, was hinted "such as `cases:` for cases", a test file's keys, since
    the test reader passed its kind whatever the file held (found by review). A file with a
    plan's ``rules:`` and no ``cases:`` is hinted with a plan's keys, as ``validate`` hints it."""
    path = write(
        tmp_path,
        """\
        backplan: 1
        plan: {name: T, currency: USD}
        rules:
          - id: a
            title: A
            when:
              all:
                - {field: type, eq: order}
              - {field: x, eq: 1}
        """,
        name="plan.yaml",
    )
    [problem] = file_problems(path)
    assert problem.message == f"YAML syntax error: {_ITEM_WITHOUT_ITS_KEY}"
    assert problem.hint is not None
    assert problem.hint.endswith(
        "add the list's key above it (such as `then:` or `prevent:` for actions, `all:` for tests)"
    ), problem.hint


@pytest.mark.parametrize(
    ("written", "mended", "hint"),
    [
        (
            "actions: [{refund: {amount: '5.00'}}]",
            "actions: [{compensate: {kind: refund, amount: '20.00'}}]",
            'a refund is an offer: expect `{compensate: {kind: refund, amount: "20.00"}}`, its '
            "amount what it pays (or leave `amount` out)",
        ),
        (
            "actions: [Store_Credit]",
            "actions: [{compensate: {kind: store_credit}}]",
            "a store credit is an offer: expect `{compensate: {kind: store_credit, amount: "
            '"20.00"}}`, its amount what it pays (or leave `amount` out)',
        ),
        (
            "no_actions: [voucher]",
            "no_actions: [{compensate: {kind: voucher}}]",
            "a voucher is an offer: write `{compensate: {kind: voucher}}` for no voucher at all",
        ),
    ],
)
def test_an_offer_expected_as_an_action_is_told_how_to_expect_it(
    tmp_path: Path, written: str, mended: str, hint: str
) -> None:
    """A plan's `- refund:` is told to write `compensate` with `kind: refund`; a plan test's
    expected `- refund:` had the list of every action type. Written as the hint says, the
    test file is valid (found by review)."""
    case = "backplan: 1\ncases:\n  - {{name: a, event: {{type: review}}, expect: {{{}}}}}\n"
    [found] = file_problems(write(tmp_path, case.format(written)))
    assert (found.code, found.hint) == ("unknown-action-type", hint)
    assert file_problems(write(tmp_path, case.format(mended))) == []


def test_a_text_that_only_looks_like_the_message_s_is_told_why(tmp_path: Path) -> None:
    """A name pasted with a no-break space, or with its accent apart from its letter (as macOS
    writes it), had failed with two texts that read alike side by side, "which does not
    contain "Hélène Dupont"", and nothing to say why (found by writing a hotel's plan)."""
    plan = (
        "backplan: 1\nplan: {name: P, currency: EUR}\nrules:\n"
        "  - {id: r, title: R, when: {event: order}, then: "
        "[{apologize: {message: 'Pardon {customer.name}.'}}]}\n"
    )
    cases = "".join(
        f"  - {{name: {name}, event: {{type: order, customer: {{name: H\u00e9l\u00e8ne Dupont}}}}, "
        f"expect: {{actions: [{{apologize: {{message_contains: '{text}'}}}}]}}}}\n"
        for name, text in (
            ("a", "H\u00e9l\u00e8ne\u00a0Dupont"),
            ("b", "He\u0301le\u0300ne Dupont"),
            ("c", "H\u00e9l\u00e8ne Durand"),
        )
    )
    _, report = _run_cases(tmp_path, plan, cases)
    text = " ".join(" ".join(failure_lines(report)).split())
    said = [
        case.split(", which does not contain ")[1].strip() for case in text.split("FAILED ")[1:]
    ]
    assert [s.partition(": ")[2] for s in said] == [
        'it has "H\u00e9l\u00e8ne Dupont", which looks the same: the text expected holds a '
        "no-break space (U+00A0), where the message has an ordinary space or nothing (type it "
        "again)",
        'it has "H\u00e9l\u00e8ne Dupont", which looks the same: the text expected writes a '
        "letter and its accent as two characters, where the message has the one (type it again)",
        "",  # another name: nothing looks alike
    ]


@pytest.mark.parametrize(("written", "meant"), [("€", "EUR"), ("yen", "JPY"), ("eur", "EUR")])
def test_a_currency_written_as_a_sign_or_a_word_is_told_its_code(
    tmp_path: Path, written: str, meant: str
) -> None:
    """`currency: €` in a case had been told "not in the right form", hinted "write the
    currency's three-letter code in capitals, such as USD", where a plan's `currency: €` is
    told its code, `EUR` (found by writing a hotel's plan)."""
    path = write(
        tmp_path,
        f"""\
        backplan: 1
        cases:
          - name: a
            event: {{type: order}}
            expect:
              compensation: {{total: 10, currency: {written}}}
        """,
    )
    [found] = file_problems(path)
    assert (found.code, found.message, found.hint) == (
        "bad-format",
        f"`{written}` is not a currency code in case `a` (expect › compensation › currency)",
        f"write the currency's code: `currency: {meant}`",
    )


COVERED_PLAN = """\
backplan: 1
plan: {name: Coverage, currency: USD}
rules:
  - id: one-star
    title: One star stops the rest
    priority: 100
    stop: true
    when: {event: review, all: [{field: rating, lte: 1}]}
    then: [{apologize: {within: 1h}}]
  - id: bad-review
    title: Any bad review
    priority: 50
    when: {event: review, all: [{field: rating, lte: 2}]}
    then: [{apologize: {within: 2h}}]
  - id: late
    title: Late order
    when: {event: order, all: [{field: order.delay_days, gte: 1}]}
    then: [{apologize: {within: 4h}}]
  - id: switched-off
    title: Switched off
    enabled: false
    when: {event: order}
    then: [{apologize: {within: 4h}}]
  - id: nothing-fits
    title: Nothing fits
    fallback: true
    then: [{escalate: {to: cx-lead, within: 1h}}]
"""


def _case(name: str, event: str, expect: str) -> str:
    """A case of one line: its event's type and fields, and what it expects."""
    at = "id: e, occurred_at: '2026-11-23T09:00:00Z'"
    return f"  - {{name: {name}, event: {{{at}, {event}}}, expect: {{{expect}}}}}\n"


def _covered(tmp_path: Path, *files: str, plan: str = COVERED_PLAN) -> PlanTestReport:
    """The report of test files (each a list of cases) against ``plan``, in ``tmp_path``."""
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    paths = [
        write(tmp_path, "backplan: 1\nplan: plan.yaml\ncases:\n" + cases, f"t{i}.test.yaml")
        for i, cases in enumerate(files)
    ]
    return run_tests(paths)


def test_coverage_names_the_rules_no_case_fired_in_firing_order(tmp_path: Path) -> None:
    """A rule fired in one case only is fired; a rule stopped by an earlier rule's `stop: true`
    (`bad-review`, under a one-star review) is not; the fallback counts like any rule; a rule
    switched off cannot fire and is not counted."""
    report = _covered(tmp_path, _case("one star", "type: review, rating: 1", "matched: [one-star]"))
    [coverage] = report.coverage
    assert coverage.rules == ("one-star", "bad-review", "late", "nothing-fits")
    assert coverage.unfired == ("bad-review", "late", "nothing-fits")
    assert coverage.files == (str(tmp_path / "t0.test.yaml"),)
    assert render_text(report).endswith(
        "3 of 4 rules fired in no case: bad-review, late, nothing-fits\n\n1 passed in 1 test file\n"
    )


def test_coverage_names_at_most_thirty_rules_without_verbose(tmp_path: Path) -> None:
    """A plan of 413 rules tested by 30 cases had the ids of the 382 no case fired over 40
    lines above the summary: the text report names the first 30, in firing order, and says
    how many more; `-v` names every one, and so does JUnit's `system-out`."""
    rules = "".join(
        f"  - {{id: r{n:02}, title: R, when: {{event: review, all: [{{field: rating, eq: {n}}}]}},"
        " then: [{apologize: {}}]}\n"
        for n in range(40)
    )
    plan = "backplan: 1\nplan: {name: Many, currency: EUR}\nrules:\n" + rules
    report = _covered(tmp_path, _case("none", "type: order", "matched: []"), plan=plan)
    first = ", ".join(f"r{n:02}" for n in range(30))
    assert f"40 of 40 rules fired in no case: {first}, and 10 more (-v lists every one)" in (
        render_text(report).replace("\n  ", " ")
    )
    every = ", ".join(f"r{n:02}" for n in range(40))
    assert f"fired in no case: {every}\n" in render_text(report, verbose=True).replace("\n  ", " ")
    assert every in render_junit(report)


def test_coverage_counts_the_fallback_and_every_case_whether_it_passed(tmp_path: Path) -> None:
    """A fallback fired by a case is fired; so is a rule fired in a failing case (what it did
    was seen, and its failure is told above); a case in error fired nothing."""
    cases = (
        _case("two stars", "type: review, rating: 2", "matched: [bad-review]")
        + _case("a visit", "type: visit", "fallback: true")
        + "  - name: late, failing\n    event: {id: e, occurred_at: '2026-11-23T09:00:00Z', "
        "type: order, order: {delay_days: 3}}\n    expect: {matched: [one-star]}\n"
        + "  - {name: no type, event: {id: e, type: ''}, expect: {fallback: true}}\n"
    )
    report = _covered(tmp_path, cases)
    assert (report.passed, report.failed, report.errors) == (2, 1, 1)
    [coverage] = report.coverage
    assert coverage.unfired == ("one-star",)
    assert "\n1 of 4 rules fired in no case: one-star\n\n" in render_text(report)


def test_no_line_once_every_rule_fired_and_merged_rules_count(tmp_path: Path) -> None:
    """Two rules whose `apologize` merged into one action (the second's id in `also_from`) are
    both in `matched`, so both fired; with every rule fired, nothing is said."""
    cases = (
        _case("one star", "type: review, rating: 1", "matched: [one-star, bad-review]")
        + _case("two stars", "type: review, rating: 2", "matched: [bad-review]")
        + _case("late", "type: order, order: {delay_days: 3}", "matched: [late]")
        + _case("a visit", "type: visit", "fallback: true")
    )
    report = _covered(tmp_path, cases, plan=COVERED_PLAN.replace("stop: true", "stop: false"))
    decision = report.results[0].decision
    assert decision is not None and decision["matched"] == ["one-star", "bad-review"]
    assert [a["also_from"] for a in decision["actions"]] == [["bad-review"]]
    assert report.coverage[0].unfired == ()
    assert render_text(report).endswith("\n4 passed in 1 test file\n")


def test_coverage_joins_the_test_files_of_one_plan(tmp_path: Path) -> None:
    """Cases of several test files against the same plan count together: a rule is told only
    when no case of any of them fired it."""
    first = _case("one star", "type: review, rating: 1", "matched: [one-star]")
    second = _case("late", "type: order, order: {delay_days: 3}", "matched: [late]")
    report = _covered(tmp_path, first, second)
    [coverage] = report.coverage
    assert len(coverage.files) == 2
    assert coverage.unfired == ("bad-review", "nothing-fits")
    assert render_text(report).endswith(
        "2 of 4 rules fired in no case: bad-review, nothing-fits\n\n2 passed in 2 test files\n"
    )


def test_coverage_is_told_per_plan_after_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Test files of two plans: each plan's unfired rules, on its own line after its path, the
    starter plan named as such; long lists wrapped as the rest of the report."""
    _covered(tmp_path, _case("one star", "type: review, rating: 1", "matched: [one-star]"))
    write(
        tmp_path,
        "backplan: 1\ncases:\n" + _case("a visit", "type: visit", "fallback: true"),
        "starter.test.yaml",
    )
    monkeypatch.chdir(tmp_path)
    report = run_tests(["t0.test.yaml", "starter.test.yaml"])
    assert [c.plan for c in report.coverage] == [("plan.yaml",), ()]
    assert [c.files for c in report.coverage] == [("t0.test.yaml",), ("starter.test.yaml",)]
    text = render_text(report)
    assert "\nplan.yaml: 3 of 4 rules fired in no case: bad-review, late, nothing-fits\n" in text
    said = text.split("\nthe starter plan: 25 of 26 rules fired in no case: ")[1]
    said = said.split("\n\n")[0].splitlines()  # to the summary, after a blank line
    assert said[-1].endswith(", high-effort-ces")  # the fallback fired: `improvise` is not named
    assert all(len(line) <= 100 for line in said) and said[1].startswith("  ")


def test_junit_gives_each_suite_its_plans_unfired_rules(tmp_path: Path) -> None:
    """JUnit: `properties` before the cases (as JUnit's schema orders them), the text line as
    the suite's `system-out` after them, and nothing in `system-out` once every rule fired."""
    report = _covered(
        tmp_path,
        _case("one star", "type: review, rating: 1", "matched: [one-star]"),
        _case("late", "type: order, order: {delay_days: 3}", "matched: [late]"),
    )
    root = ET.fromstring(render_junit(report))
    for suite in root.findall("testsuite"):
        assert [child.tag for child in suite] == ["properties", "testcase", "system-out"]
        properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
        assert properties == {
            "backplan.rules": "4",
            "backplan.rules_fired_in_no_case": "bad-review, nothing-fits",
        }
        assert suite.findtext("system-out") == (
            "2 of 4 rules fired in no case: bad-review, nothing-fits"
        )
    covered = ET.fromstring(render_junit(run_tests([AUTHORING / "acme.test.yaml"])))
    [suite] = covered.findall("testsuite")
    assert suite.find("system-out") is None
    assert [p.get("value") for p in suite.iter("property")] == ["3", ""]


def test_cli_says_the_unfired_rules_and_keeps_the_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`backplan test` prints the line after the summary and still exits 0: a rule no case
    fires is not a failure."""
    _covered(tmp_path, _case("one star", "type: review, rating: 1", "matched: [one-star]"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["test", "t0.test.yaml"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "t0.test.yaml .\n\n3 of 4 rules fired in no case: bad-review, late, nothing-fits\n"
        "\n1 passed in 1 test file\n"
    )


def test_the_starter_plans_own_tests_fire_every_rule() -> None:
    """The test file `init` copies beside a plan fires every starter rule: a manager starts
    from a plan fully under test, and the coverage line is theirs to keep at nothing."""
    report = run_tests([REPO / "examples" / "plan-tests.yaml"])
    [coverage] = report.coverage
    assert len(coverage.rules) == 26 and coverage.unfired == ()
    assert "fired in no case" not in render_text(report)


def test_one_plan_named_two_ways_is_covered_once(tmp_path: Path) -> None:
    """A file naming the starter plan's folder (examples/plan-tests.yaml's `plan: ../rules`)
    and a file with no `plan:` test the same plan: the rules either fires are fired, and no
    second line says the starter plan's rules fired in no case."""
    mine = write(
        tmp_path, "backplan: 1\ncases:\n" + _case("a visit", "type: visit", "fallback: true")
    )
    report = run_tests([REPO / "examples" / "plan-tests.yaml", mine, AUTHORING / "acme.test.yaml"])
    assert report.on_starter == (str(mine),)
    assert [len(c.files) for c in report.coverage] == [2, 1]
    assert [c.unfired for c in report.coverage] == [(), ()]
    assert render_text(report).endswith("passed in 3 test files\n")


@pytest.mark.parametrize(
    ("kind", "params", "words"),
    [
        ("escalate", {"to": "cx-lead", "within": "1h"}, "escalate to cx-lead, due within 1h"),
        (
            "escalate",
            {"within": "1h", "message": "Call", "to": "cx-lead"},
            "escalate to cx-lead, with message Call, due within 1h",
        ),
        (
            "compensate",
            {"amount": "24.00", "kind": "voucher"},
            "compensate with amount 24.00 and kind voucher",
        ),
        ("escalate", {}, "any escalate action"),
    ],
)
def test_an_expected_action_reads_as_words(kind: str, params: dict[str, Any], words: str) -> None:
    """A test's expected action in a failure's words: `to` is the word it is, where it had
    read "escalate with to cx-lead" (found by a new user's trial)."""
    assert describe_spec(kind, params) == words


def test_an_action_sent_to_another_reads_as_its_recipient(tmp_path: Path) -> None:
    """What the decision's action has, of `to`: it had read "escalate from rule r has to
    cx-lead (not cx-boss)", an obligation, beside the expected "escalate to cx-boss"."""
    plan = write(
        tmp_path,
        """\
        backplan: 1
        plan: {name: T, currency: USD}
        rules:
          - {id: r, title: r, when: {event: review}, then: [{escalate: {to: cx-lead}}]}
        """,
        "plan.yaml",
    )
    path = write(
        tmp_path,
        """\
        backplan: 1
        cases:
          - name: to the boss
            event: {type: review}
            expect: {actions: [{escalate: {to: cx-boss}}]}
        """,
    )
    text = render_text(run_tests([path], [str(plan)]))
    assert "    expected: escalate to cx-boss\n" in text
    assert "    got:      escalate from rule r has recipient cx-lead (not cx-boss)\n" in text


RENAMED_PLAN = """\
backplan: 1
plan: {name: Shop, currency: USD}
rules:
  - id: gold-late-order
    title: A gold customer's order came late
    when: {event: order, all: [{field: customer.tier, eq: gold}, {field: late, eq: true}]}
    then: [{apologize: {within: 2h}}]
  - id: late-any-order
    title: Any late order
    when: {event: order, all: [{field: late, eq: true}]}
    then: [{apologize: {within: 4h}}]
  - id: wrong-charge
    title: Charged the wrong amount
    when: {event: billing}
    then: [{escalate: {to: billing-team, within: 4h}}]
  - id: other
    title: Anything else
    fallback: true
    then: [{tag: {tags: [other]}}]
"""


def _renamed_problems(directory: Path, cases: str) -> list[Diagnostic]:
    """What ``backplan test`` tells of a test file of :data:`RENAMED_PLAN` (written beside it)
    with ``cases`` (its items, as under ``cases:``), before any case runs."""
    (directory / "plan.yaml").write_text(RENAMED_PLAN, encoding="utf-8")
    items = textwrap.indent(textwrap.dedent(cases), "  ")
    path = write(directory, f"backplan: 1\nplan: plan.yaml\ncases:\n{items}")
    with pytest.raises(PlanTestFileError) as caught:
        run_tests([path])
    return list(caught.value.diagnostics)


def test_a_renamed_rule_is_told_by_the_rule_its_case_now_fires(tmp_path: Path) -> None:
    """After a manager renamed `late-gold` to `gold-late-order` and `billing-error` to
    `wrong-charge`, the cases naming the old ids were told "did you mean `late-any-order`?",
    another rule, near by its letters alone, which the case would then have checked in the
    renamed rule's place, and of `billing-error` only that a rule taken out must leave its
    cases (found by trial). The rule the case's event fires under its new id is now told."""
    problems = _renamed_problems(
        tmp_path,
        """\
          - name: gold late
            event: {type: order, late: true, customer: {tier: gold}}
            expect: {matched_at_least: [late-gold]}
          - name: double charge
            event: {type: billing}
            expect: {matched: [billing-error]}
          - name: typo
            event: {type: order, late: true}
            expect: {matched: [late-any-ordr]}
          - name: not this one
            event: {type: billing}
            expect: {not_matched: [billing-eror]}
        """,
    )
    assert [(d.message, d.hint) for d in problems] == [
        (
            "the plan has no rule `late-gold` in case `gold late` (expect › matched_at_least); "
            "the plan fires `gold-late-order` for this case's event, a rule the case does not "
            "name: was `late-gold` renamed `gold-late-order`?",
            "if `late-gold` is now `gold-late-order`, write `gold-late-order`; if you took it "
            "out of the plan, take it out of this case too, or remove the case",
        ),
        (
            "the plan has no rule `billing-error` in case `double charge` (expect › matched); "
            "the plan fires `wrong-charge` for this case's event, a rule the case does not "
            "name: was `billing-error` renamed `wrong-charge`?",
            "if `billing-error` is now `wrong-charge`, write `wrong-charge`; if you took it "
            "out of the plan, take it out of this case too, or remove the case",
        ),
        (
            "the plan has no rule `late-any-ordr` (did you mean `late-any-order`?) in case "
            "`typo` (expect › matched)",
            "rule ids are written as in the plan's `id:`; `backplan render` lists them",
        ),
        (
            "the plan has no rule `billing-eror` in case `not this one` (expect › not_matched)",
            "if you took this rule out of the plan, take it out of this case too, or remove the "
            "case; else write the id as in the plan's `id:` (`backplan render` lists them)",
        ),
    ]


def test_a_slip_of_letters_is_told_as_one_when_no_rule_fired_shares_its_words(
    tmp_path: Path,
) -> None:
    """A rule id one slip from the plan's `late-any-order`, in a case whose event fires only
    `wrong-charge`, which shares none of its words, is a typo, told as one: not "renamed
    `wrong-charge`?" (found by trial, with the rename told by the rule its event fires)."""
    cases = "- {name: typo, event: {type: billing}, expect: {matched: [late-any-ordr]}}"
    assert [d.message for d in _renamed_problems(tmp_path, cases)] == [
        "the plan has no rule `late-any-ordr` (did you mean `late-any-order`?) in case `typo` "
        "(expect › matched)"
    ]
