"""One test per guarantee in docs/security.md, named after it.

Plans are written by people and events come from outside systems; both may be wrong, huge or
hostile. These tests feed Backplan the hostile versions and check the promises: nothing executes,
nothing hangs, memory stays bounded, every input gets exactly one answer, and the answers say
clearly what was wrong. Memory is measured with tracemalloc; nothing here asserts on time (a
hang is caught by a thread join with a generous timeout that fails the test).
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml
from click.testing import CliRunner

from engine import compile as compiler
from engine import operators, regex
from engine.api import Plan, check_plan, load_plan
from engine.cli import cli
from engine.documents import MAX_DEPTH as PLAN_MAX_DEPTH
from engine.errors import EventError
from engine.explain import explain
from engine.limits import MAX_DEPTH, MAX_KEYS, MAX_STRING_CHARS, MAX_VALUES
from engine.operators import SHORT_LIST, fold_list, holds, text_set
from engine.regex import compile_regex
from engine.streams import MAX_EVENT_BYTES
from engine.templates import MAX_OUTPUT_CHARS
from tests.conftest import REPO, peak_bytes, restore_stop_signals, stopped_mid_write

HEADER = "backplan: 1\nplan: {name: Secure Store, currency: USD}\n"
PLAN = (
    HEADER
    + """\
rules:
  - id: angry
    title: Angry words
    when: {event: review, all: [{field: text, matches: "(a+)+$"}]}
    then:
      - apologize: {within: 1h, message: "Sorry {customer.first_name|there}: {text}"}
  - id: refund
    title: Refund a share of the order
    when: {event: order}
    then:
      - compensate: {kind: refund, percent: 10, of: order.total, min: 5}
  - id: fallback
    title: Nothing fits
    fallback: true
    then:
      - escalate: {to: cx-lead, within: 30m}
"""
)
RUN_CLI = [sys.executable, "-c", "from engine.cli import main; main()"]
HANG_LIMIT_SECONDS = 120
"""How long a step may take before it counts as hung: generous, as the machine may be busy."""


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


@pytest.fixture
def plan(plan_path: Path) -> Plan:
    return load_plan(plan_path)


def _refused(path: Path) -> str:
    """Assert that `validate` exits 1 and `eval --plan` exits 2; return validate's output."""
    runner = CliRunner()
    checked = runner.invoke(cli, ["validate", str(path)])
    assert checked.exit_code == 1, checked.output
    assert "Traceback" not in checked.output and "internal error" not in checked.output
    evaluated = runner.invoke(
        cli, ["eval", "--plan", str(path)], input=b'{"id": "e1", "type": "review"}\n'
    )
    assert evaluated.exit_code == 2, evaluated.output
    assert "the plan is invalid" in evaluated.output
    return checked.output


def _codes(path: Path) -> list[str]:
    return [d.code for d in check_plan(path)]


def _eval_lines(plan_path: Path, data: bytes) -> tuple[int, list[dict[str, Any]]]:
    result = CliRunner().invoke(cli, ["eval", "--plan", str(plan_path)], input=data)
    lines = result.stdout_bytes.splitlines()
    return result.exit_code, [orjson.loads(line) for line in lines]


def _finishes(work: Callable[[], Any]) -> Any:
    """Run work in a thread; fail (instead of hanging the suite) if it does not finish."""
    box: dict[str, Any] = {}

    def run() -> None:
        box["result"] = work()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_LIMIT_SECONDS)
    assert not thread.is_alive(), f"still running after {HANG_LIMIT_SECONDS} s: it hangs"
    return box["result"]


# --- what a plan author can do --------------------------------------------------------------

PYTHON_TAGS = [
    "!!python/object/apply:builtins.open [{target!r}, 'w']",
    "!!python/object/apply:os.system ['touch {target}']",
    "!!python/object/new:pathlib.Path [{target!r}]",
    "!!python/name:os.system",
    "!python/object/apply:builtins.open [{target!r}, 'w']",
]


def test_plan_tags_never_execute_code(tmp_path: Path) -> None:
    # The payload is live: a YAML loader that constructs tags creates the file.
    control = tmp_path / "control"
    yaml.unsafe_load("x: " + PYTHON_TAGS[0].format(target=str(control)))
    assert control.exists()
    for number, payload in enumerate(PYTHON_TAGS):
        target = tmp_path / f"pwned-{number}"
        path = tmp_path / f"plan-{number}.yaml"
        text = f"backplan: 1\nplan: {payload.format(target=str(target))}\nrules: []\n"
        path.write_text(text, encoding="utf-8")
        assert "[yaml-tag]" in _refused(path)
        assert not target.exists()


def _alias_bomb(levels: int = 9) -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"l{level}: &l{level} [{refs}]")
    return HEADER + "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(_alias_bomb(), encoding="utf-8")  # 9**9 = 387 million values if expanded
    codes: list[str] = []
    peak = peak_bytes(lambda: codes.extend(_codes(path)))
    assert codes == ["yaml-too-large"]
    assert peak < 5_000_000, f"refusing the alias bomb used {peak:,} bytes"
    assert "aliases" in _refused(path)


def _long_text_aliased(length: int, aliases: int) -> str:
    """A plan whose custom action repeats one long text by aliases (each alias one value)."""
    refs = ", ".join(["*b"] * aliases)
    return (
        HEADER
        + "rules:\n  - id: fb\n    title: f\n    fallback: true\n    then:\n"
        + f"      - x-blob:\n          seed: &b {'A' * length}\n          data: [{refs}]\n"
    )


def test_aliases_to_a_long_text_are_refused_in_bounded_memory(tmp_path: Path) -> None:
    """A thousand aliases to a 1 MiB text were a thousand values, within the budget: the 1 MB
    plan stood for 1 GB, validating took 1 GB and every decision carried it."""
    path = tmp_path / "long.yaml"
    path.write_text(_long_text_aliased(1 << 20, 1000), encoding="utf-8")
    codes: list[str] = []
    peak = peak_bytes(lambda: codes.extend(_codes(path)))
    assert codes == ["yaml-too-large"]
    assert peak < 40_000_000, f"refusing the aliased text used {peak:,} bytes"
    assert "MiB of text" in _refused(path)


def test_oversized_plan_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(HEADER.encode())
        handle.truncate(60 * 1024 * 1024)  # a 60 MB file (sparse: cheap to make)
    codes: list[str] = []
    peak = peak_bytes(lambda: codes.extend(_codes(path)))
    assert codes == ["file-too-large"]
    assert peak < 1_000_000, f"refusing a 60 MB file used {peak:,} bytes: it was read"
    assert "60.0 MB" in _refused(path)


@pytest.mark.parametrize(
    "nesting",
    [
        "a: " + "[" * 100_000 + "]" * 100_000,  # flow style, far beyond Python's recursion limit
        "a: " + "{b: " * 5_000 + "1" + "}" * 5_000,
        "a:\n" + "".join("  " * i + "- \n" for i in range(1, 400)),  # block style
    ],
    ids=["flow-lists", "flow-mappings", "block-lists"],
)
def test_deeply_nested_plan_is_refused(tmp_path: Path, nesting: str) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(HEADER + nesting + "\n", encoding="utf-8")
    assert _codes(path) == ["yaml-too-deep"]
    assert f"deeper than {PLAN_MAX_DEPTH} levels" in _refused(path)


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text(HEADER + "rules: &loop [*loop]\n", encoding="utf-8")
    assert _codes(path) == ["yaml-recursive"]
    _refused(path)


def test_plan_text_never_becomes_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("engine.evaluate.BUILD_AFTER_USES", 1)
    target = tmp_path / "pwned"
    payload = f"__import__('os').system('touch {target}')"
    as_yaml = orjson.dumps(payload).decode()  # a JSON string is a YAML double-quoted scalar
    as_pattern = orjson.dumps(re.escape(payload)).decode()
    quotes = orjson.dumps(["') or True or ('", '"); import os; ("']).decode()
    path = tmp_path / "plan.yaml"
    path.write_text(
        HEADER
        + f"""\
rules:
  - id: quoted
    title: Code-looking values are only values
    when:
      all:
        - {{field: text, eq: {as_yaml}}}
        - {{field: note, matches: {as_pattern}}}
        - {{field: other, not_in: {quotes}}}
    then:
      - apologize: {{message: "{{text}} {{__import__}} {{__builtins__.open}}"}}
      - x-hook: {{{as_yaml}: {as_yaml}, within: 1h}}
      - escalate: {{to: {as_yaml}}}
      - compensate: {{kind: refund, percent: 10, of: order.total}}
""",
        encoding="utf-8",
    )
    plan = load_plan(path)
    event = {"id": 1, "type": "review", "text": payload, "note": payload, "other": "x"}
    event["order"] = {"total": 50.0}
    # The second decision of a set of fired rules runs generated code here (engine.builder),
    # its offer priced by the code written for it (engine.pricecode).
    hit, again = plan.decide(event), plan.decide(event)
    assert hit == again
    assert hit["compensation"]["total"] == "5.00"
    [prepared] = plan._decider.rules.assemblies.values()
    assert prepared.builder is not None
    assert prepared.builder(event, None)[1] == []  # priced by the written-out code
    assert hit["matched"] == ["quoted"]
    message = hit["actions"][0]["params"]["message"]
    assert message == f"{payload} [missing: __import__] [missing: __builtins__.open]"
    assert hit["actions"][1]["params"] == {payload: payload}
    assert hit["actions"][2]["params"] == {"to": payload}
    miss = plan.decide({"id": 2, "type": "review", "text": "') or True or ('", "note": payload})
    assert miss["matched"] == []
    assert not target.exists()
    # Field names are checked paths, so code cannot hide in them either.
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        HEADER
        + """\
rules:
  - id: r
    title: R
    when: {all: [{field: "x') or __import__('os').system('id') or ('", eq: 1}]}
    then: [{apologize: {}}]
""",
        encoding="utf-8",
    )
    _refused(bad)


@pytest.mark.parametrize(
    "message",
    ["{x:>999999999}", "{x!r}", "{x[0]}", "{x()}", "{0}", "{}", "{x.__class__!s:>99}", "{x"],
)
def test_templates_cannot_format_call_or_index(tmp_path: Path, message: str) -> None:
    path = tmp_path / "plan.yaml"
    rule = (
        f"{{id: r, title: R, when: {{event: review}}, then: [{{note: {{message: {message!r}}}}}]}}"
    )
    path.write_text(HEADER + f"rules:\n  - {rule}\n", encoding="utf-8")
    assert "[bad-template]" in _refused(path)


def test_template_paths_read_keys_never_attributes(plan_from: Any) -> None:
    plan = plan_from(
        """\
        rules:
          - id: r
            title: R
            when: {event: review}
            then:
              - note: {message: "{x.__class__}|{x.__len__}|{x.upper}|{items.0}|{items.__class__}"}
        """
    )
    event = {"id": 1, "type": "review", "x": "text", "items": ["first"]}
    message = plan.decide(event)["actions"][0]["params"]["message"]
    assert message == (
        "[missing: x.__class__]|[missing: x.__len__]|[missing: x.upper]|first"
        "|[missing: items.__class__]"
    )
    keyed = {"id": 1, "type": "review", "x": {"__class__": "a key like any other"}, "items": []}
    assert plan.decide(keyed)["actions"][0]["params"]["message"].startswith("a key like any other|")


def test_rendered_text_is_bounded(plan_from: Any) -> None:
    slots = "{a}" * 20
    plan = plan_from(
        f"""\
        rules:
          - id: r
            title: R
            when: {{event: review}}
            then:
              - note: {{message: "{slots}"}}
        """
    )
    event = {"id": 1, "type": "review", "a": "x" * MAX_STRING_CHARS}
    message = plan.decide(event)["actions"][0]["params"]["message"]
    assert len(message) == MAX_OUTPUT_CHARS
    assert message.endswith("…")


def test_regex_cannot_hang_evaluation(plan: Plan) -> None:
    pattern = compile_regex("(a+)+$")  # exponential for a backtracking engine
    hostile = "a" * 100_000 + "b"
    assert _finishes(lambda: pattern.search(hostile)) is None
    assert _finishes(lambda: pattern.search("a" * 100_000)) is not None
    decisions = _finishes(
        lambda: [plan.decide({"id": i, "type": "review", "text": hostile}) for i in range(20)]
    )
    assert all(d["fallback"] and d["matched"] == ["fallback"] for d in decisions)
    matched = _finishes(lambda: plan.decide({"id": 1, "type": "review", "text": "a" * 100_000}))
    assert matched["matched"] == ["angry"]


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("(a)\\\\1", "bad-regex"),  # backreference
        ("(?=a)a", "bad-regex"),  # lookahead
        ("(?<=a)b", "bad-regex"),  # lookbehind
        ("\\\\pL{1000}", "bad-regex"),  # compiles to more than RE2's memory budget
        ("(?s).{900}Q", "bad-regex"),  # 6,305 instructions: it took 12 s an event to search
        ("a" * 1001, None),  # longer than the schema allows
    ],
    ids=["backreference", "lookahead", "lookbehind", "too-large", "too-many-steps", "too-long"],
)
def test_regex_needing_backtracking_or_too_large_is_refused(
    tmp_path: Path, pattern: str, code: str | None
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        HEADER
        + f'rules:\n  - {{id: r, title: R, when: {{all: [{{field: t, matches: "{pattern}"}}]}},'
        " then: [{apologize: {}}]}\n",
        encoding="utf-8",
    )
    output = _refused(path)
    if code is not None:
        assert f"[{code}]" in output


def _gave_up(pattern: str, text: str, memory: int | None = None) -> bool:
    """Whether RE2, searching text with the memory Backplan gives the pattern, says its fast
    automaton ran out of memory: it then simulates the program instead, 60 times slower or
    more (a pattern accepted before this limit took 12 s on 100,000 characters)."""
    if memory is None:
        memory = regex.pattern_memory(regex.program_size(pattern))
    compiled = regex._compile(pattern, False, memory, log_errors=True)
    with tempfile.TemporaryFile() as said:
        stderr = os.dup(2)
        os.dup2(said.fileno(), 2)
        try:
            compiled.search(text)
        finally:
            os.dup2(stderr, 2)
            os.close(stderr)
        said.seek(0)
        return b"DFA out of memory" in said.read()


def test_accepted_regex_searches_in_its_fast_automaton() -> None:
    """The largest patterns accepted, counted repetitions near the limit of instructions,
    search 100,000 characters of one to four bytes each without RE2 giving up its automaton
    (with the 1 MiB it had, it gave up at `.{300}`), so a search costs linear work with a
    small constant; a smaller limit on memory shows the check can fail."""
    texts = ["a" * MAX_STRING_CHARS, "é" * MAX_STRING_CHARS, "汉" * MAX_STRING_CHARS]
    texts.append("😀" * MAX_STRING_CHARS)
    patterns = ["(?s).{700}Q", "[^a]{600}Q", "\\S{490}Q", "(?i)refund.{0,540}(lawyer|sue)"]
    for pattern in patterns:
        assert regex.program_size(pattern) > regex.MAX_PROGRAM_SIZE * 0.85
        assert not any(_gave_up(pattern, text) for text in texts), pattern
    with pytest.raises(regex.RegexError, match="5,000 allowed"):
        regex.program_size("(?s).{720}Q")
    assert _gave_up("(?s).{300}Q", texts[2], memory=1 << 20)  # the memory it had


def test_many_patterns_are_refused_by_their_memory(tmp_path: Path) -> None:
    """40,000 patterns `[^a]{300}Q<n>` passed validate, then eval needed 4 GB for one small
    event and died of `std::bad_alloc`. A plan's patterns may need 1 GiB in all, counted when
    it is checked, each pattern once: beyond that the plan is refused, at the pattern."""
    path = _patterns_plan(tmp_path, [f"[^a]{{300}}Q{n}" for n in range(160)])
    output = _refused(path)
    assert "[patterns-too-large]" in output
    assert re.search(r"plan\.yaml:\d+:\d+: error: with this pattern, the plan's 1\d\d ", output)
    assert "MiB allowed" in output and "join patterns" in output
    path = _patterns_plan(tmp_path, ["[^a]{300}Q"] * 160)
    assert "patterns-too-large" not in _codes(path)


def test_patterns_past_the_memory_limit_wait_to_be_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`validate` compiled every distinct pattern to tell whether it is valid (`bad-regex`),
    even past the one that takes the plan over the memory limit: 54 s for 40,000 patterns
    `[^a]{300}Q<n>`, refused at the 146th. Those after it now wait until the plan is under
    the limit, and the problem says how many wait; a broken one among them shows then."""
    compiled = _counted_compiles(monkeypatch)
    patterns = [f"[^a]{{300}}Q{n}" for n in range(160)]
    patterns[150] = "(late"  # broken, past the limit
    patterns.append(patterns[3])  # used again past the limit: it was compiled before
    problems = check_plan(_patterns_plan(tmp_path, patterns))
    assert [d.code for d in problems] == ["patterns-too-large"]
    assert "the 14 other patterns after it are checked once the plan is under" in (
        problems[0].message
    )
    assert len(compiled) == len(set(compiled)) == 146
    one_waits = check_plan(_patterns_plan(tmp_path, patterns[:147]))
    assert "; the other pattern after it is checked once the plan is under the limit" in (
        one_waits[0].message
    )
    under = check_plan(_patterns_plan(tmp_path, patterns[140:]))
    assert [d.code for d in under] == ["bad-regex"]
    assert "`(late`" in under[0].message


def test_a_pattern_re2_refuses_is_compiled_once_however_often_it_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`bad-regex` asked RE2 again for each use of a pattern, after the memory check had: a
    refusal is not remembered by `program_size`, so `(late` used three times was compiled four
    times (and a plan of more than 16,384 patterns had every one compiled twice)."""
    compiled = _counted_compiles(monkeypatch)
    problems = check_plan(_patterns_plan(tmp_path, ["(late", "ok", "(late", "(late"]))
    assert [d.code for d in problems] == ["bad-regex"] * 3
    assert compiled.count("(late") == 1


def test_running_out_of_memory_is_said_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    """RE2 reports memory it could not get as `std::bad_alloc`, which Python raises as
    MemoryError: it came out as `backplan: internal error: MemoryError: std::bad_alloc`. The
    status is 2, as for a plan that cannot be loaded: it had been 1, which says the plan or the
    events had problems, all told (`validate`: a plan with errors; `eval`: every event answered)."""
    from engine import cli as cli_module

    def exhausted(*args: Any, **kwargs: Any) -> None:
        raise MemoryError("std::bad_alloc")

    monkeypatch.setattr(cli_module.cli, "main", exhausted)
    said: list[str] = []
    monkeypatch.setattr(cli_module.click, "echo", lambda text, err=False: said.append(text))
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main()
    assert exit_info.value.code == 2
    assert said == [cli_module.OUT_OF_MEMORY]
    assert "out of memory" in said[0] and "internal error" not in said[0]


@pytest.mark.parametrize(
    ("text", "words", "place"),
    [
        # the control character itself (line 4, column 5)
        (HEADER + "rules: []\nx: a\x1bb\n", "control character", "4:5"),
        # libyaml's mark, inside the escape: its line is what is sure
        (HEADER + 'rules: []\nx: "\\ud800"\n', "lone surrogate", r"4:\d+"),
        # the number, where it starts
        (HEADER + "rules: []\nx: " + "9" * 5000 + "\n", "is a whole number too large", "4:4"),
    ],
    ids=["control-character", "lone-surrogate", "huge-integer"],
)
def test_odd_characters_in_plans_are_located_errors(
    tmp_path: Path, text: str, words: str, place: str
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    output = _refused(path)
    assert words in output
    assert re.search(rf"plan\.yaml:{place}: error", output), output


# --- what an event sender can do ------------------------------------------------------------


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth - 1):
        value = {"a": value}
    return value


def test_event_limits_give_clear_error_records(plan_path: Path) -> None:
    good = {"id": "ok", "type": "review"}
    hostile = [
        ({**good, "deep": _nested(MAX_DEPTH + 1)}, "too-deep", "/deep/a/a"),
        ({**good, "text": "x" * (MAX_STRING_CHARS + 1)}, "string-too-long", "/text"),
        ({**good, "bag": {str(i): i for i in range(MAX_KEYS + 1)}}, "too-many-keys", "/bag"),
        ({**good, "k" * 1001: 1}, "key-too-long", "the limit"),
        ({**good, "list": [0] * (MAX_VALUES + 1)}, "too-many-values", str(f"{MAX_VALUES:,}")),
    ]
    data = b"".join(orjson.dumps(e) + b"\n" for e, _, _ in hostile) + orjson.dumps(good) + b"\n"
    exit_code, records = _eval_lines(plan_path, data)
    assert exit_code == 1
    assert len(records) == len(hostile) + 1
    for record, (_, code, words) in zip(records, hostile, strict=False):
        assert record["error"]["code"] == code
        assert words in record["error"]["message"]
        # Its id, checked as every record's is (text of at most 200 characters, or a whole
        # number of 64 bits): it had been null, so a complaint refused for a long email
        # thread in its text could not be routed back to its ticket (found by review).
        assert record["event_id"] == "ok"
    assert records[-1]["event_id"] == "ok"
    at_the_limit = orjson.dumps({**good, "deep": _nested(MAX_DEPTH)})  # 64 levels: accepted
    assert _single(plan_path, at_the_limit)["event_id"] == "ok"


@pytest.mark.parametrize(
    "given",
    ["x" * (MAX_STRING_CHARS + 1), "x" * 201, "", 1.5, None, ["ok"]],
)
def test_an_event_over_a_limit_echoes_no_id_that_is_not_one(plan_path: Path, given: Any) -> None:
    """Nothing from a rejected event is echoed unchecked: an id that is itself over a limit, or
    no id eval decides (too long, empty, no text or whole number), is null."""
    event = {"id": given, "type": "review", "text": "x" * (MAX_STRING_CHARS + 1)}
    [record] = _eval_lines(plan_path, orjson.dumps(event) + b"\n")[1]
    assert record["error"]["code"] == "string-too-long"
    assert record["event_id"] is None


def _single(plan_path: Path, raw: bytes) -> dict[str, Any]:
    _, records = _eval_lines(plan_path, raw + b"\n")
    assert len(records) == 1
    return records[0]


@pytest.mark.parametrize("number", [b"NaN", b"Infinity", b"-Infinity"])
def test_nan_and_infinity_are_error_records(plan_path: Path, number: bytes) -> None:
    record = _single(plan_path, b'{"id": "e", "type": "review", "rating": ' + number + b"}")
    assert record["error"]["code"] == "bad-number"
    assert "NaN and Infinity" in record["error"]["message"]
    assert "(at line 1, column 4" in record["error"]["message"]  # 41, or 42 after a sign


def test_numbers_beyond_float_range_are_error_records(plan_path: Path, plan: Plan) -> None:
    record = _single(plan_path, b'{"id": "e", "type": "order", "order": {"total": 1e400}}')
    assert record["error"]["code"] == "bad-number"
    assert "too large" in record["error"]["message"]
    # Whole numbers beyond 64 bits arrive as floats (documented) and are decided as such ...
    decided = _single(
        plan_path, b'{"id": "e", "type": "order", "order": {"total": 1' + b"0" * 25 + b"}}"
    )
    assert decided["compensation"]["total"] == "5.00"  # beyond any real total: the floor
    assert decided["actions"][0]["params"]["unresolved"] is True
    # ... so such an id is not a whole number any more, and says so.
    assert (
        _single(plan_path, b'{"id": 18446744073709551616, "type": "review"}')["error"]["code"]
        == "bad-id"
    )


def test_a_key_written_twice_is_an_error_record(plan_path: Path) -> None:
    """The last value had won (the JSON parser's rule): a sender could have the event decided
    on a value a reader of its first half never sees. Now it is refused, naming no id (which
    of the two is the complaint's cannot be told); one written twice alike is read once."""
    record = _single(plan_path, b'{"id": "first", "type": "order", "id": "last", "type": "review"}')
    assert record["event_id"] is None
    assert record["error"]["code"] == "repeated-key"
    assert "`id` is written twice" in record["error"]["message"]
    record = _single(plan_path, b'{"id": "e", "type": "review", "type": "review"}')
    assert (record["event_id"], record["event_type"]) == ("e", "review")


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b'{"id": "e", "type": "review", "text": "\xff\xfe"}', "not valid UTF-8"),
        (
            '{"id": "e", "type": "review", "text": "\ud800"}'.encode("utf-16", "surrogatepass"),
            "UTF-16",
        ),
        (b'{"id": "e", "type": "review", "text": "\\ud800"}', "lone surrogate"),
    ],
    ids=["invalid-utf8", "utf16", "lone-surrogate-escape"],
)
def test_invalid_text_encoding_is_an_error_record(plan_path: Path, raw: bytes, words: str) -> None:
    record = _single(plan_path, raw)
    assert record["error"]["code"] == "bad-encoding"
    assert words in record["error"]["message"]


def test_utf16_input_is_read_as_its_text(plan_path: Path) -> None:
    text = '{"id": "e", "type": "review"}\r\n{"id": "f", "type": "review"}\r\n'
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        exit_code, records = _eval_lines(plan_path, text.encode(encoding))
        assert exit_code == 0
        assert [r["event_id"] for r in records] == ["e", "f"]


def test_byte_order_mark_is_ignored(plan_path: Path) -> None:
    bom = b"\xef\xbb\xbf"
    event = b'{"id": "e", "type": "review"}'
    _, records = _eval_lines(plan_path, bom + event + b"\n" + bom + event + b"\n")
    assert [r["event_id"] for r in records] == ["e", "e"]
    _, records = _eval_lines(plan_path, bom + b"[" + event + b"," + event + b"]")
    assert [r["event_id"] for r in records] == ["e", "e"]


def test_deeply_nested_arrays_are_error_records(plan_path: Path) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    exit_code, records = _eval_lines(
        plan_path,
        b'{"id": "before", "type": "review"}\n'
        + b'{"id": "x", "type": "review", "a": '
        + deep
        + b"}\n"
        + deep
        + b'\n{"id": "after", "type": "review"}\n',
    )
    assert exit_code == 1
    assert [r.get("event_id") for r in records] == ["before", None, None, "after"]
    assert [r["error"]["code"] for r in records[1:3]] == ["too-deep", "too-deep"]
    assert [r["error"]["line"] for r in records[1:3]] == [2, 3]
    _, whole = _eval_lines(plan_path, deep)  # a whole document of nested arrays: one record
    assert len(whole) == 1 and whole[0]["error"]["code"] == "too-deep"


def test_oversized_event_is_one_error_record(plan_path: Path) -> None:
    huge = b'{"id": "big", "type": "review", "text": "' + b"x" * MAX_EVENT_BYTES + b'"}'
    exit_code, records = _eval_lines(
        plan_path, huge + b"\n" + b'{"id": "next", "type": "review"}\n'
    )
    assert exit_code == 1
    assert records[0]["error"]["code"] == "too-large"
    assert (records[0]["error"]["line"], records[1]["event_id"]) == (1, "next")


def _folds_of(values: list[Any], work: Callable[[], Any]) -> list[int]:
    """Run work; how many times each of values (by identity) was case-folded meanwhile."""
    counts = [0] * len(values)
    where = {id(value): i for i, value in enumerate(values)}

    def profile(frame: Any, event: str, arg: Any) -> None:
        if event == "c_call" and getattr(arg, "__name__", "") == "casefold":
            i = where.get(id(getattr(arg, "__self__", None)))
            if i is not None and arg.__self__ is values[i]:
                counts[i] += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return counts


def test_ignore_case_folds_an_events_text_once(tmp_path: Path) -> None:
    """10,000 `ignore_case` rules on one field folded its text once each: three events of
    100,000 `ß` took 30 s. Now each text (and each text of a list) is folded once an event,
    however many rules test it and however many chunks of generated code they fill."""
    words = [f"Word{i}" for i in range(2000)]
    tests: list[tuple[str, str, Any]] = [("text", "contains_any", words)]
    for i in range(200):  # 1,400 rules: 11 chunks of generated code
        tests += [
            ("store", "eq", f"Store {i}"),
            ("store", "starts_with", f"Store {i}"),
            ("store", "ne" if i % 2 else "in", f"Store {i}" if i % 2 else [f"STORE {i}"]),
            ("text", "contains", f"WORD{i}"),
            ("text", "ends_with" if i % 2 else "contains_all", "ß" if i % 2 else words[i : i + 9]),
            ("tags", "contains_any", words[i : i + 20]),
            ("tags", "contains" if i % 2 else "contains_all", "vip" if i % 2 else words[:2]),
        ]
    rules = [
        {
            "id": f"r{i}",
            "title": "t",
            "when": {"all": [{"field": field, op: value, "ignore_case": True}]},
            "then": [{"apologize": {}}],
        }
        for i, (field, op, value) in enumerate(tests)
    ]
    path = tmp_path / "plan.yaml"
    path.write_text(
        json.dumps({"backplan": 1, "plan": {"name": "t", "currency": "USD"}, "rules": rules}),
        encoding="utf-8",
    )
    plan = load_plan(path)
    for n in range(3):
        store, text = "ß" * 1000 + str(n), "ß" * 5000 + f"word{n}"
        tags = [f"VIP{n}", f"Word{n + 1}", f"word{n}"]
        event = {"id": n, "type": "review", "store": store, "text": text, "tags": tags}
        folds = _folds_of([store, text, *tags], lambda e=event: plan.decide(e))
        assert folds == [1, 1, 1, 1, 1]
    for op in ("contains_any", "contains_all", "in"):  # the reference, used by `explain`
        text = "ß" * 5000 + op
        assert _folds_of([text], lambda t=text, o=op: holds(o, t, words, True)) == [1]


def test_a_long_list_of_labels_is_folded_once_an_event(tmp_path: Path) -> None:
    """The memo of folded texts held 4,096: an event's list of 5,000 labels emptied it in each
    chunk of rules, so every label was folded again in each (slower than no memo at all)."""
    rules = [
        {
            "id": f"r{i}",
            "title": "t",
            "when": {"all": [{"field": "tags", "contains_any": [f"x{i}", f"y{i}"]}]},
            "then": [{"apologize": {}}],
        }
        for i in range(400)  # several chunks of generated code
    ]
    for rule in rules:
        rule["when"]["all"][0]["ignore_case"] = True
    path = tmp_path / "plan.yaml"
    path.write_text(
        json.dumps({"backplan": 1, "plan": {"name": "t", "currency": "USD"}, "rules": rules}),
        encoding="utf-8",
    )
    plan = load_plan(path)
    tags = [f"Label{i}" for i in range(5_000)]
    event = {"id": 1, "type": "review", "tags": tags}
    assert set(_folds_of(tags, lambda: plan.decide(event))) == {1}


def _label_plan(tmp_path: Path, ignore_case: bool, op: str = "contains") -> Plan:
    """Three chunks of generated code of rules that each test ``tags contains`` a label (or
    ``contains_any`` of more labels than are tested one by one, the last the rule's own)."""
    many = compiler.MAX_INLINE_TEXTS
    rules = [
        {
            "id": f"r{n}",
            "title": "Label",
            "when": {
                "all": [
                    {
                        "field": "tags",
                        op: f"label-{n}"
                        if op == "contains"
                        else [*(f"other-{n}-{k}" for k in range(many)), f"label-{n}"],
                        "ignore_case": ignore_case,
                    }
                ]
            },
            "then": [{"apologize": {}}],
        }
        for n in range(3 * compiler.CHUNK_RULES)
    ]
    path = tmp_path / "plan.yaml"
    path.write_text(
        json.dumps({"backplan": 1, "plan": {"name": "t", "currency": "USD"}, "rules": rules}),
        encoding="utf-8",
    )
    return load_plan(path)


def _sets_made(monkeypatch: pytest.MonkeyPatch, module: Any, ignore_case: bool) -> list[int]:
    """The lengths of the long lists ``module`` makes a set of (folded with ``ignore_case``)."""
    made: list[int] = []
    make = fold_list if ignore_case else text_set

    def counted(items: list[Any]) -> Any:
        if len(items) > SHORT_LIST:  # a short list is searched as it is, or folded per chunk
            made.append(len(items))
        return make(items)

    monkeypatch.setattr(module, make.__name__, counted)
    return made


LAST_LABEL = 2 * compiler.CHUNK_RULES + 1
LABELS = [*(f"x{n}" for n in range(20_000)), "label-5", f"label-{LAST_LABEL}"]


@pytest.mark.parametrize("op", ["contains", "contains_any"])
@pytest.mark.parametrize("ignore_case", [False, True])
def test_a_long_list_is_searched_once_an_event_not_once_a_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ignore_case: bool, op: str
) -> None:
    """5,000 rules each testing ``tags contains`` on an event of 100,000 labels took 18 s: the
    list was searched rule by rule. Made into a set once per chunk of rules it still took 1.2 s
    (2.5 s with ``ignore_case``, its folded texts), and 17 s for 20,000 labels when each rule
    listed nine labels (a set made per rule); now the set is made once for the event, however
    many chunks test it."""
    made = _sets_made(monkeypatch, operators, ignore_case)
    plan = _label_plan(tmp_path, ignore_case, op)
    event = {"id": "e", "type": "review", "tags": LABELS}
    assert plan.decide(event)["matched"] == ["r5", f"r{LAST_LABEL}"]
    assert made == [len(LABELS)]  # once, for the three chunks
    assert plan.decide({**event, "tags": LABELS[-3:]})["matched"] == ["r5", f"r{LAST_LABEL}"]
    assert made == [len(LABELS)]  # a short list: no set made for the event
    assert plan.decide(event)["matched"] == ["r5", f"r{LAST_LABEL}"]
    assert made == [len(LABELS)] * 2  # made again for the next event: nothing is kept


@pytest.mark.parametrize("ignore_case", [False, True])
def test_explain_searches_a_long_list_once_an_event_not_once_a_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ignore_case: bool
) -> None:
    """explain tests every rule with the reference semantics: 5,000 rules on an event of
    100,000 labels took minutes (each rule searched the list, and its reason worded every
    label to show eight); the set of the list's texts is now made once for the event."""
    made = _sets_made(monkeypatch, operators, ignore_case)
    searched: list[int] = []
    search = operators._holds_text
    monkeypatch.setattr(
        operators, "_holds_text", lambda items, text: searched.append(1) or search(items, text)
    )
    plan = _label_plan(tmp_path, ignore_case)
    event = {"id": "e", "type": "review", "tags": LABELS}
    steps = explain(plan, event).steps
    assert [s.rule.id for s in steps if s.fired] == ["r5", f"r{LAST_LABEL}"]
    assert made == [len(LABELS)] * 2  # one set to decide, one for the trace of every rule
    assert searched == []  # and no rule searched the list
    assert steps[0].reason.startswith(
        "tags is [x0, x1, x2, x3, x4, x5, x6, x7, … (20,002 in all)];"
    )


@pytest.mark.parametrize(
    "total",
    [1e30, 10**30, 10**5000, float("nan"), float("inf"), -1.0, 5e-324, True],
    ids=["1e30", "10**30", "10**5000", "nan", "inf", "negative", "subnormal", "true"],
)
def test_hostile_amounts_are_flagged_not_crashing(plan: Plan, total: Any) -> None:
    event = {"id": "e", "type": "order", "order": {"total": total}}
    decision = plan.evaluate(event)  # a typed Decision: the document is valid
    offer = decision.actions[0].params
    assert offer["amount"] == "5.00"  # the rule's floor ...
    assert offer["unresolved"] is (total != 5e-324)  # ... flagged for a person unless usable
    assert plan.evaluate_json(event) == plan.evaluate_json(event)


@pytest.mark.parametrize(
    ("event", "code"),
    [
        ({"id": 10**30, "type": "review"}, "bad-id"),
        ({"id": "\ud800", "type": "review"}, "bad-id"),
        ({"id": "x" * 201, "type": "review"}, "bad-id"),
        ({"id": "e", "type": "\udfff"}, "missing-type"),
        ({"id": "e", "type": "review", "occurred_at": "9999-12-31T23:59:59Z"}, "bad-time"),
        ({"id": "e", "type": "review", "occurred_at": "0001-01-01T00:00:00+05:00"}, "bad-time"),
        ({"id": "e", "type": "review", "occurred_at": "2026-11-23T09:30:00"}, "bad-time"),
    ],
    ids=[
        "huge-int-id",
        "surrogate-id",
        "long-id",
        "surrogate-type",
        "year-9999",
        "year-1",
        "naive",
    ],
)
def test_unusable_identity_is_an_event_error(plan: Plan, event: Any, code: str) -> None:
    with pytest.raises(EventError) as caught:
        plan.decide(event)
    assert caught.value.code == code


def test_lone_surrogates_from_embedders_are_replaced_not_crashing(plan: Plan) -> None:
    event = {
        "id": "e",
        "type": "review",
        "text": "a\ud800aaa",
        "customer": {"first_name": "\udc00"},
    }
    decision = plan.evaluate_json(event)  # canonical JSON needs valid UTF-8: no exception
    assert "Sorry \ufffd: a\ufffdaaa".encode() in decision
    assert orjson.loads(decision)["matched"] == ["angry"]  # the regex saw the text too


ACTING = "\x1b]0;pwned\x07\x1b[2J\r\n\t\u202e\u2066\u200b\x85\x7f\u2028"
"""What an event sender may write to act on an operator's terminal rather than be read: an OSC
sequence that sets the window title (ended by BEL), a CSI sequence that clears the screen, a
carriage return and a line break (to overwrite a line, or forge one), a tab, a bidi override
and isolate, a zero-width space, C1's NEL, DEL and the line separator."""
ACTING_SHOWN = "\\x1b]0;pwned\\x07\\x1b[2J\\r\\n\\t\\u202e\\u2066\\u200b\\x85\\x7f\\u2028"


def _acting(text: str) -> set[str]:
    """The characters of ``text`` that act on a terminal, but for the lines' own line breaks."""
    import unicodedata

    categories = {"Cc", "Cf", "Cs", "Zl", "Zp"}
    return {c for c in text if c != "\n" and unicodedata.category(c) in categories}


def test_event_text_cannot_control_the_terminal(plan_path: Path) -> None:
    event = {
        "id": f"e{ACTING}",
        "type": "review",
        "text": f"{ACTING}aaa",
        "customer": {"first_name": f"Z{ACTING}"},
    }
    rejected = {"id": "r", "type": "review", f"k{ACTING}": {"k" * 1001: 1}}  # key-too-long
    data = orjson.dumps(event) + b"\n" + orjson.dumps(rejected) + b"\n"
    runner = CliRunner()
    plan = ["--plan", str(plan_path)]
    for args in (["eval", "--pretty"], ["eval", "--pretty", "--explain"], ["explain"]):
        # color=True: written to a terminal, click would not strip a CSI sequence for us
        result = runner.invoke(cli, [*args, *plan, "-"], input=data, color=True)
        assert result.exit_code == 1, result.output
        assert _acting(result.stdout) == set() and _acting(result.stderr) == set(), args
        assert f"Event e{ACTING_SHOWN} (review)" in result.stdout, args
        assert f'"Sorry Z{ACTING_SHOWN}: {ACTING_SHOWN}aaa"' in result.stdout, args
        assert f"at /k{ACTING_SHOWN}; the limit" in result.stdout + result.stderr, args
    explained = runner.invoke(cli, ["explain", *plan, "-"], input=data).stdout
    assert f'"{ACTING_SHOWN}aaa" (text matching' in explained  # the reason, escaped, then wrapped
    # JSON output is unchanged: it holds the event's text exactly (JSON escapes it itself).
    for args in (["eval"], ["eval", "--explain"], ["explain", "--format", "json"]):
        output = runner.invoke(cli, [*args, *plan, "-"], input=data).stdout_bytes
        decided = orjson.loads(output.splitlines()[0])
        assert decided["event_id"] == event["id"], args
        message = decided["actions"][0]["params"]["message"]
        assert message == f"Sorry Z{ACTING}: {ACTING}aaa", args


def test_plan_test_reports_cannot_control_the_terminal(plan_path: Path, tmp_path: Path) -> None:
    """A case's name and its event's text reach the text report and JUnit's attributes (a CI
    page shows them): there too, such characters are escapes, as docs/security.md says."""

    def quoted(text: str) -> str:  # YAML double-quoted, every such character as \\uXXXX
        return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text) + '"'

    tests = tmp_path / "t.yaml"
    tests.write_text(
        f"backplan: 1\ncases:\n  - name: {quoted('case' + ACTING)}\n"
        f"    event: {{id: e, type: review, customer: {{first_name: {quoted(ACTING)}}}}}\n"
        "    expect: {fallback: true, actions: [{apologize: {message_contains: zzz}}]}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    for fmt in ("text", "junit"):
        result = runner.invoke(
            cli, ["test", "--plan", str(plan_path), "--format", fmt, str(tests)], color=True
        )
        assert result.exit_code == 1, result.output
        assert f"case{ACTING_SHOWN}" in result.stdout, fmt
        assert _acting(result.stdout) == set(), fmt


@pytest.fixture
def named_files(tmp_path: Path) -> dict[str, str]:
    """Files whose names (and their folder's) hold :data:`ACTING`: events that draw a
    warning, an invalid plan, a valid one, and a plan-test file."""
    folder = tmp_path / f"d{ACTING}"
    folder.mkdir()
    files = {
        "events": ('{"id": "d", "type": "review", "customer": {"tier": 5}}\n', ".jsonl"),
        "plan": (HEADER + "rules: []\nextra: 1\n", ".yaml"),
        "fine": (PLAN, ".yaml"),
        "tests": (
            f"backplan: 1\nplan: {REPO / 'rules'}\ncases:\n  - name: c\n"
            "    event: {id: e, type: review}\n    expect: {fallback: false}\n",
            ".yaml",
        ),
    }
    named = {
        "starter": str(REPO / "rules"),
        "new": str(folder / f"new{ACTING}"),  # a folder to make, and a file to write
        "page": str(folder / f"page{ACTING}.md"),
    }
    for name, (text, suffix) in files.items():
        path = folder / f"{name}{ACTING}{suffix}"
        path.write_text(text, encoding="utf-8")
        named[name] = str(path)
    return named


FILE_NAME_RUNS = {
    "eval warning": ["eval", "--plan", "{starter}", "{events}"],
    "eval note": ["eval", "--plan", "{starter}", "{plan}"],
    "explain note": ["explain", "--plan", "{starter}", "{plan}"],
    "validate": ["validate", "{plan}"],
    "validate ok": ["validate", "{fine}"],
    "lint": ["lint", "{plan}"],
    "eval --plan": ["eval", "--plan", "{plan}", "{events}"],
    "test": ["test", "{tests}"],
    "init": ["init", "{new}"],
    "render -o": ["render", "{starter}", "-o", "{page}"],
}


@pytest.mark.parametrize("run", sorted(FILE_NAME_RUNS))
def test_file_names_cannot_control_the_terminal(named_files: dict[str, str], run: str) -> None:
    """Whoever names a file (an export from a helpdesk, a file dropped into a plan folder)
    writes its characters: a name reaches eval's warnings and notes, validate's and lint's
    diagnostics and `ok:` line, and `backplan test`'s report, escaped as event text is."""
    args = [arg.format(**named_files) for arg in FILE_NAME_RUNS[run]]
    result = CliRunner().invoke(cli, args, color=True)
    # eval's standard output is JSON, which holds the name exactly (as it does an event's text)
    shown = result.stderr if args[0] == "eval" else result.stdout + result.stderr
    assert "Traceback" not in shown
    assert _acting(shown) == set()
    assert ACTING_SHOWN in shown


def test_json_output_keeps_file_names_exactly(named_files: dict[str, str]) -> None:
    plan = named_files["plan"]
    runner = CliRunner()
    output = runner.invoke(cli, ["validate", "--format", "json", plan]).stdout
    assert orjson.loads(output)[0]["file"] == plan
    broken = Path(named_files["events"]).with_suffix(".broken.jsonl")  # the same odd name
    broken.write_text("{not json\n", encoding="utf-8")
    record = runner.invoke(cli, ["eval", "--plan", named_files["starter"], str(broken)])
    assert orjson.loads(record.stdout_bytes.splitlines()[0])["error"]["source"] == str(broken)


def _flag_rules(count: int) -> str:
    """A plan of ``count`` rules, each matching events with its own flag set, each with an
    apology (merged across rules) and two actions of its own."""
    rules = "".join(
        f"  - {{id: r{n}, title: R, when: {{all: [{{field: flags.f{n}, eq: 1}}]}}, then: "
        f"[{{apologize: {{within: 1h}}}}, {{x-k: {{n: {n}}}}}], "
        f"prevent: [{{root_cause: {{owner: o{n}, within: 7d}}}}]}}\n"
        for n in range(count)
    )
    return HEADER + "rules:\n" + rules


def _cached_weight(plan: Plan) -> tuple[int, int]:
    """How many assemblies a plan's decider keeps, and the rules of their keys plus their
    steps (what each holds grows with)."""
    kept = plan._decider.rules.assemblies
    return len(kept), sum(len(key) + len(p.assembly.steps) for key, p in kept.items())


def test_the_cache_of_merged_actions_is_bounded_in_size(tmp_path: Path) -> None:
    """The cache kept 4,096 entries whatever each held: 5,000 rules matched by half of each
    event's labels made an entry about 1 MB, and the cache would have grown to 4 GB."""
    path = tmp_path / "flags.yaml"
    path.write_text(_flag_rules(400), encoding="utf-8")
    plan = load_plan(path)
    rng = random.Random(5)

    def decide(matched: int) -> None:
        flags = {f"f{n}": 1 for n in rng.sample(range(400), matched)}
        plan.decide({"id": "e", "type": "review", "flags": flags})

    for _ in range(20):  # 300 rules matched: weight 300 + 601 steps, over 256 each
        decide(300)
    assert _cached_weight(plan) == (0, 0)
    for _ in range(250):  # 60 matched: weight 181 each, 45,250 in all, over 32,768
        decide(60)
    entries, weight = _cached_weight(plan)
    assert weight <= 32_768 and entries == 32_768 // 181
    decide(5)  # weight 16, new: more than is left, so it is worked out per event too
    assert _cached_weight(plan) == (entries, weight)


# --- batches --------------------------------------------------------------------------------

HOSTILE_LINES = [
    b'{"id": "good-1", "type": "review"}',
    b'{"id": "n", "type": "review", "rating": NaN}',
    b"not json at all",
    b"[1, 2",
    b'"a string"',
    b"[" * 5000 + b"]" * 5000,
    b'{"id": "dup", "id": "dup2", "type": "review"}',
    b'{"id": "u", "type": "review", "text": "\xc3\x28"}',
    b"\xef\xbb\xbf" + b'{"id": "bom", "type": "review"}',
    b'{"type": "review"}',
    b'{"id": "t", "type": "review", "occurred_at": "yesterday"}',
    b'{"id": "good-2", "type": "order", "order": {"total": 80}}',
]


def test_every_input_gives_exactly_one_output_line(plan_path: Path) -> None:
    data = b"\n\n".join(HOSTILE_LINES) + b"\n"  # blank lines between: they are not events
    exit_code, records = _eval_lines(plan_path, data)
    assert exit_code == 1
    assert len(records) == len(HOSTILE_LINES)
    ids = [r["event_id"] for r in records]
    assert ids[0] == "good-1" and ids[6] is None and ids[8] == "bom" and ids[-1] == "good-2"
    assert records[6]["error"]["code"] == "repeated-key"  # which id is the event's is unsaid
    for index, record in enumerate(records):  # in input order, each naming its own line
        if "error" in record:
            assert record["error"]["line"] == 2 * index + 1


def test_internal_faults_become_counted_error_records(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import engine.api

    real_line, real_json = Plan.line_and_decision, engine.api.decision_json_line

    def line_and_decision(self: Plan, event: Any) -> tuple[bytes, Any]:  # what eval decides with
        if event.get("id") == "boom":
            raise ZeroDivisionError("a bug inside the engine")
        return real_line(self, event)

    def decision_json_line(document: Any) -> bytes:  # what it writes each decision with
        if document.get("event_id") == "unprintable":
            raise TypeError("a bug while formatting")
        return real_json(document)

    monkeypatch.setattr(Plan, "line_and_decision", line_and_decision)
    monkeypatch.setattr(engine.api, "decision_json_line", decision_json_line)
    events = [b'{"id": "a", "type": "review"}', b'{"id": "boom", "type": "review"}']
    events += [b'{"id": "unprintable", "type": "review"}', b'{"id": "z", "type": "review"}']
    exit_code, records = _eval_lines(plan_path, b"\n".join(events))
    assert exit_code == 1
    assert [r["event_id"] for r in records] == ["a", "boom", "unprintable", "z"]
    assert [r.get("error", {}).get("code") for r in records] == [
        None,
        "internal-error",
        "internal-error",
        None,
    ]
    assert "ZeroDivisionError" in records[1]["error"]["message"]
    assert "a bug" not in records[1]["error"]["message"]  # no internals leak into the record


@pytest.fixture
def many_events(tmp_path: Path) -> Path:
    path = tmp_path / "many.jsonl"
    with path.open("wb") as handle:
        for i in range(20_000):
            handle.write(orjson.dumps({"id": i, "type": "review", "text": "ab"}) + b"\n")
    return path


def _reads_one_line_then_closes(process: subprocess.Popen[bytes]) -> tuple[bytes, int, bytes]:
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # like `| head -1`
    _, stderr = process.communicate(timeout=HANG_LIMIT_SECONDS)
    return first, process.returncode, stderr


def test_closed_pipe_ends_quietly(plan_path: Path, many_events: Path) -> None:
    from_file = subprocess.Popen(
        [*RUN_CLI, "eval", "--plan", str(plan_path), str(many_events)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first, code, stderr = _reads_one_line_then_closes(from_file)
    assert orjson.loads(first)["event_id"] == 0
    assert (code, stderr) == (0, b"")
    # The same with the events arriving through a pipe (answers are flushed one by one).
    with many_events.open("rb") as source:
        from_pipe = subprocess.Popen(
            [*RUN_CLI, "eval", "--plan", str(plan_path)],
            stdin=source,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        first, code, stderr = _reads_one_line_then_closes(from_pipe)
    assert orjson.loads(first)["event_id"] == 0
    assert (code, stderr) == (0, b"")


def test_interrupt_ends_quietly(plan_path: Path) -> None:
    process = subprocess.Popen(
        [*RUN_CLI, "eval", "--plan", str(plan_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=restore_stop_signals,  # noqa: PLW1509 - the restore must happen in the child
    )
    assert process.stdin is not None and process.stdout is not None
    stdout = process.stdout
    try:
        process.stdin.write(b'{"id": "first", "type": "review"}\n')
        process.stdin.flush()
        first = orjson.loads(_finishes(stdout.readline))  # answered while stdin stays open
        assert first["event_id"] == "first"
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=HANG_LIMIT_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert b"Traceback" not in stderr
    assert stderr.strip() in (b"", b"Aborted.")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pipe sizes as Linux has them")
@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["unbuffered", "buffered"])
@pytest.mark.parametrize(
    ("number", "status", "said"),
    [
        (signal.SIGINT, 130, b"\nAborted.\n"),
        (signal.SIGTERM, 143, b"backplan: stopped by SIGTERM\n"),
        (signal.SIGHUP, 129, b"backplan: stopped by SIGHUP\n"),
    ],
    ids=["SIGINT", "SIGTERM", "SIGHUP"],
)
def test_a_signal_in_the_middle_of_a_write_finishes_its_lines(
    tmp_path: Path, number: int, status: int, said: bytes, unbuffered: str
) -> None:
    """A signal that came while a batch of answers was written to a full pipe cut the output
    in the middle of a line (Ctrl-C), or ended the process wherever it was (SIGTERM, SIGHUP,
    not handled at all) (found by review)."""
    events = tmp_path / "events.jsonl"  # answers (~1 MB) in batches far larger than the pipe
    events.write_bytes(
        b"".join(
            orjson.dumps({"id": f"e{n}", "type": "review", "rating": n % 5}) + b"\n"
            for n in range(2_000)
        )
    )
    code, written, stderr = stopped_mid_write(
        [*RUN_CLI, "eval", "--jobs", "1", str(events)],  # the starter plan
        number,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": unbuffered},
        cwd=tmp_path,  # no ./rules of another plan to say a word about
    )
    assert written.endswith(b"\n"), written[-200:]
    ids = [orjson.loads(line)["event_id"] for line in written.splitlines()]  # each line whole
    assert 0 < len(ids) < 2_000  # it stopped
    assert ids == [f"e{n}" for n in range(len(ids))]  # in order, none left out
    assert (code, stderr) == (status, said)


def test_decisions_do_not_depend_on_earlier_events(plan_from: Any) -> None:
    plan = plan_from(
        """\
        rules:
          - id: a
            title: A
            when: {event: review}
            then: [{tag: {tags: [x]}}]
          - id: b
            title: B
            when: {event: review, all: [{field: both, eq: true}]}
            then: [{tag: {tags: [y]}}]
        """
    )
    alone = {"id": 1, "type": "review"}
    before = plan.evaluate_json(alone)
    merged = plan.decide({"id": 2, "type": "review", "both": True})
    assert merged["actions"][0]["params"]["tags"] == ["x", "y"]
    merged["actions"][0]["params"]["tags"].append("changed by the caller")
    assert plan.evaluate_json(alone) == before


def _names_in(text: str) -> Iterator[str]:
    yield from re.findall(r"`(test_[a-z0-9_]+)`", text)


def test_security_doc_names_every_guarantee_test() -> None:
    root = Path(__file__).resolve().parent
    doc = (root.parent / "docs" / "security.md").read_text(encoding="utf-8")
    named = set(_names_in(doc))
    defined: set[str] = set()
    for module in ("test_security.py", "test_concurrency.py", "test_fuzz.py", "test_api.py"):
        defined |= set(re.findall(r"^def (test_\w+)", (root / module).read_text(), re.M))
    assert named - defined == set(), "docs/security.md names tests that do not exist"
    for module in ("test_security.py", "test_concurrency.py", "test_fuzz.py"):
        own = set(re.findall(r"^def (test_\w+)", (root / module).read_text(), re.M))
        own.discard("test_security_doc_names_every_guarantee_test")
        assert own - named == set(), f"tests in {module} with no guarantee in docs/security.md"


def test_an_event_that_runs_out_of_memory_is_said_so_in_its_record(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """RE2's std::bad_alloc reaches Python as a MemoryError: the event's record had said
    "internal error (MemoryError)", for eval and for Plan.evaluate_many alike."""
    real_line, real_evaluate = Plan.line_and_decision, Plan.evaluate

    def line_and_decision(self: Plan, event: Any) -> tuple[bytes, Any]:
        if event.get("id") == "big":
            raise MemoryError("std::bad_alloc")
        return real_line(self, event)

    def evaluate(self: Plan, event: Any) -> Any:
        if event.get("id") == "big":
            raise MemoryError("std::bad_alloc")
        return real_evaluate(self, event)

    monkeypatch.setattr(Plan, "line_and_decision", line_and_decision)
    monkeypatch.setattr(Plan, "evaluate", evaluate)
    events = [b'{"id": "big", "type": "review"}', b'{"id": "z", "type": "review"}']
    exit_code, records = _eval_lines(plan_path, b"\n".join(events))
    assert exit_code == 1
    assert records[0]["error"]["code"] == "internal-error"
    assert records[0]["error"]["message"].startswith("out of memory while deciding this event")
    assert "error" not in records[1]
    results = list(load_plan(plan_path).evaluate_many([{"id": "big", "type": "review"}]))
    assert results[0].error is not None
    assert results[0].error.message == "out of memory while deciding this event"


def test_thousands_of_small_patterns_are_not_refused_for_memory(tmp_path: Path) -> None:
    """Each pattern was charged its whole allowance (256 KiB and 3 KiB per instruction), which
    is only room it may take: 4,000 word patterns of 8 instructions each were refused, and
    took about 10 MiB in all. A plan's total counts the instructions."""
    path = _patterns_plan(tmp_path, [f"\\bw{n}\\b" for n in range(4_000)])
    assert "patterns-too-large" not in _codes(path)


def test_a_pattern_too_large_is_told_so_not_called_invalid(tmp_path: Path) -> None:
    """`\\pL{900}` is a valid pattern too large to search quickly: it had been called "not a
    valid regular expression", with a hint about backreferences and lookaround; and RE2's own
    refusal and the size check had worded the same cause two ways."""
    for pattern in ("\\pL{900}", "[^a]{900}"):
        [found] = [d for d in check_plan(_pattern_plan(tmp_path, pattern)) if d.code == "bad-regex"]
        assert "is too large to search quickly: it compiles to" in found.message
        assert "than the 5,000 allowed" in found.message
        assert "not a valid" not in found.message and "backreferences" not in found.hint
        assert "counted repetitions" in found.hint


def _pattern_plan(folder: Path, pattern: str) -> Path:
    return _patterns_plan(folder, [pattern])


def _counted_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The patterns RE2 is asked to compile from now on, each time it is (none remembered)."""
    compiled: list[str] = []
    real = regex._compile

    def counting(pattern: str, *args: Any, **options: Any) -> Any:
        compiled.append(pattern)
        return real(pattern, *args, **options)

    monkeypatch.setattr(regex, "_compile", counting)
    regex.program_size.cache_clear()
    return compiled


def _patterns_plan(folder: Path, patterns: list[str]) -> Path:
    """A plan of one rule per pattern, each testing `t` with it (in single quotes)."""
    path = folder / "plan.yaml"
    rules = "".join(
        f"  - {{id: r{n}, title: R, when: {{all: [{{field: t, matches: '{pattern}'}}]}},"
        " then: [{apologize: {}}]}\n"
        for n, pattern in enumerate(patterns)
    )
    path.write_text(HEADER + "rules:\n" + rules, encoding="utf-8")
    return path


def test_a_plans_pattern_is_compiled_once_for_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks compiled each pattern to learn its size, then compiling the plan did again
    before the compile it keeps: the size is remembered."""
    compiled = _counted_compiles(monkeypatch)
    load_plan(_pattern_plan(tmp_path, "refund.{0,9}zq"))
    assert compiled.count("refund.{0,9}zq") == 2  # its size once, then the one kept
