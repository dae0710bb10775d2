"""engine.ecmaregex: a schema's patterns mean in Python what they mean to an editor (ECMA-262).

Python's ``$`` also matches before a final line break, so ``"USD\\n"`` (a YAML block
``currency: |`` writes one) passed ``^[A-Z]{3}$`` and a plan with it was valid.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from engine import check_plan, event_schema_error
from engine.durations import DurationError, parse_duration
from engine.ecmaregex import END, pattern_search, python_pattern, unended, with_python_patterns
from engine.event import Event
from engine.resources import SCHEMA_NAMES, load_schema, schema_path
from engine.schema import schema_validator
from tests.conftest import write_plan


@pytest.mark.parametrize(
    ("pattern", "written"),
    [
        ("^[A-Z]{3}$", r"^[A-Z]{3}\Z"),
        ("^a$|^b$", r"^a\Z|^b\Z"),
        (r"^\$[0-9]+$", r"^\$[0-9]+\Z"),  # an escaped `$` is a dollar sign
        ("^[$]+$", r"^[$]+\Z"),  # in a class too
        ("^[]$]$", r"^(?!)\Z]\Z"),  # ECMA's `[]` matches nothing (Python: `]` in the class)
        ("^a[^]$]$", r"^a[\s\S]\Z]\Z"),  # and `[^]` any character (Python: an open class)
        ("^[^]a]$", r"^[\s\S]a]\Z"),
        (r"^[\]$]$", r"^[\]$]\Z"),
        ("^(x|y)$", r"^(x|y)\Z"),
    ],
)
def test_a_dollar_that_ends_the_text_is_written_for_python(pattern: str, written: str) -> None:
    assert python_pattern(pattern) == written


def shipped_patterns() -> list[str]:
    found: list[str] = []

    def walk(node: Any, key: str = "") -> None:
        if isinstance(node, dict):
            for name, value in node.items():
                if name == "pattern" and isinstance(value, str) and key != "x-messages":
                    found.append(value)
                if name == "patternProperties" and isinstance(value, dict):
                    found.extend(value)
                walk(value, name)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)

    for name in SCHEMA_NAMES:
        walk(load_schema(name))
    return sorted(set(found))


def test_the_shipped_patterns_use_nothing_python_reads_otherwise() -> None:
    """The translation rewrites `$` only; the shipped schemas must not rely on anything else
    ECMA-262 and Python read differently (``\\d``, ``\\w``, ``\\s``, ``\\b``, ``.``)."""
    patterns = shipped_patterns()
    assert len(patterns) >= 8  # the walk found them
    for pattern in patterns:
        bare = re.sub(r"\\.", "", pattern)  # escapes such as `\.` are literal characters
        bare = re.sub(r"\[[^\]]*\]", "", bare)  # and so is a `.` in a class
        assert "." not in bare, pattern
        assert not re.search(r"\\[dwsbDWSB]", pattern), pattern


def test_every_shipped_pattern_ends_as_python_reads_it_the_ecma_262_way() -> None:
    """Other programs check events, decisions and plans against the published schemas, some
    with the ``jsonschema`` package, which searches a pattern with Python's ``re`` as it is
    written: each `$` must be :data:`~engine.ecmaregex.END`, which Python reads as ECMA-262
    does. A bare `$` had taken ``"x-late\\n"`` as an event's ``type`` (found by review)."""
    for pattern in shipped_patterns():
        bare = re.sub(r"\\.", "", pattern.replace(END, ""))  # escapes: literal characters
        assert "$" not in re.sub(r"\[[^\]]*\]", "", bare), pattern  # and in a class


def _published(name: str) -> Draft202012Validator:
    """The schema as the file says, read by the ``jsonschema`` package as an integrator does."""
    return Draft202012Validator(json.loads(schema_path(name).read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("name", "document"),
    [
        ("event", {"id": "e1", "type": "x-late\n"}),
        ("event", {"id": "e1", "type": "review", "occurred_at": "2026-11-23T09:30:00Z\n"}),
        ("plan", {"backplan": 1, "plan": {"name": "T", "currency": "USD\n"}, "rules": []}),
        (
            "plan",
            {
                "backplan": 1,
                "plan": {"name": "T", "currency": "USD"},
                "rules": [
                    {
                        "id": "late\n",
                        "title": "T",
                        "when": {"event": "review"},
                        "then": [{"apologize": {}}],
                    }
                ],
            },
        ),
    ],
)
def test_the_published_schemas_refuse_a_final_line_break_as_backplan_does(
    name: str, document: dict[str, Any]
) -> None:
    """What ``eval --strict`` and ``validate`` refuse, the published schema refuses too, read
    by the ``jsonschema`` package; the event schema had taken both events."""
    assert not _published(name).is_valid(document)
    if name == "event":
        assert event_schema_error(document) is not None
        with pytest.raises(ValidationError):
            Event.model_validate(document)
    assert _published(name).is_valid(json.loads(json.dumps(document).replace("\\n", "")))


@pytest.mark.parametrize(
    ("pattern", "cut"), [(r"^a(?!\n)$", "^a"), ("^a$", "^a"), (r"^a\Z", "^a"), ("^a", "^a")]
)
def test_unended_cuts_whichever_end_a_pattern_has(pattern: str, cut: str) -> None:
    assert unended(pattern) == cut
    assert python_pattern(pattern) == (cut if pattern == cut else cut + r"\Z")


@given(text=st.text(alphabet="AZaz09x-._:\n\r ", max_size=12))
def test_a_shipped_pattern_matches_as_ecma_262_reads_it(text: str) -> None:
    """ECMA-262's `$` (no `m` flag) is the very end: a text matches exactly when Python's `$`
    matches it and the match does not stop before a final line break."""
    for pattern in shipped_patterns():
        python = re.search(pattern, text)
        ecma = python is not None and not (text.endswith("\n") and python.end() < len(text))
        if pattern.endswith("$"):
            assert (pattern_search(pattern)(text) is not None) == ecma, (pattern, text)


def test_jsonschema_gets_the_patterns_written_for_python_and_keeps_its_messages() -> None:
    plan = load_schema("plan")
    copied = with_python_patterns(plan)
    currency = copied["properties"]["plan"]["properties"]["currency"]
    assert currency["pattern"] == r"^(?!CF[AP]\Z)[A-Z]{3}\Z"  # the lookahead's end too
    assert (
        currency["x-messages"] == plan["properties"]["plan"]["properties"]["currency"]["x-messages"]
    )  # annotations are words, not patterns
    assert load_schema("plan")["properties"]["plan"]["properties"]["currency"]["pattern"] == (
        "^(?!CF[AP](?!\\n)$)[A-Z]{3}(?!\\n)$"  # ended as ECMA-262 and Python both read
    )
    for refused in ("USD\n", "CFA", "CFP"):  # CFA and CFP name no currency of their own
        assert not schema_validator("plan").is_valid(
            {"backplan": 1, "plan": {"name": "T", "currency": refused}, "rules": []}
        )
    for kept in ("XOF", "CFB"):  # the codes themselves, and other letters after CF
        assert schema_validator("plan").is_valid(
            {"backplan": 1, "plan": {"name": "T", "currency": kept}, "rules": []}
        ), kept


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("  currency: |\n    USD\n", '`"USD\\n"` is not a currency code'),
        ('  currency: USD\nconditions:\n  "low\\n": {field: rating, lte: 2}\n', '"low\\n"'),
    ],
)
def test_a_value_that_ends_in_a_line_break_is_refused_and_shown_escaped(
    tmp_path: Path, line: str, said: str
) -> None:
    header = "backplan: 1\nplan:\n  name: T\n" + line
    body = """
    rules:
      - id: r1
        title: Bad review
        when: {event: review}
        then: [{apologize: {within: 1h}}]
    """
    problems = check_plan(write_plan(tmp_path, body, header=header))
    assert problems, "a value ending in a line break must not pass"
    assert any(said in p.message for p in problems), [p.message for p in problems]
    assert all("\n" not in p.message for p in problems)  # one line each


@pytest.mark.parametrize(
    "rule",
    [
        'id: r1\n    then: [{apologize: {within: "1h\\n"}}]',  # a duration
        'id: "r1\\n"\n    then: [{apologize: {}}]',  # a rule id
        'id: r1\n    then: [{compensate: {kind: voucher, percent: 5, of: "order.total\\n"}}]',
        'id: r1\n    then: [{"x-ticket\\n": {}}]',  # a custom action's name
    ],
)
def test_no_pattern_checked_value_takes_a_final_line_break(tmp_path: Path, rule: str) -> None:
    body = f"rules:\n  - title: T\n    when: {{event: review}}\n    {rule}\n"
    assert check_plan(write_plan(tmp_path, body)), body


def test_a_duration_keeps_to_its_digits_and_a_year() -> None:
    assert parse_duration("52w").days == 364
    with pytest.raises(DurationError, match="not a duration"):
        parse_duration("1h\n")
    with pytest.raises(DurationError, match="longer than a year"):
        parse_duration("99999999w")
    with pytest.raises(DurationError, match="longer than a year"):
        parse_duration("9" * 5000 + "m")  # more digits than int() reads: no ValueError
