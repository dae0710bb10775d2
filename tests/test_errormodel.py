"""engine.errormodel: every error record `backplan eval` writes, whatever its code, follows the
published error schema (``schemas/error.schema.json``) and the models it is generated from;
what is off it is refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from engine.api import Plan
from engine.cli import cli
from engine.codebook import event_error_codes
from engine.errormodel import ErrorRecord
from engine.errors import EventError
from engine.limits import MAX_DEPTH
from engine.resources import load_schema
from tests.conftest import REPO

VALIDATOR = Draft202012Validator(load_schema("error"))

BAD_EVENTS: dict[str, bytes] = {
    "bad-json": b'{"id": "e1", "type": "review",',
    "bad-encoding": b'{"id": "e2", "type": "review", "text": "caf\xe9"}',
    "bad-number": b'{"id": "e3", "type": "review", "rating": NaN}',
    "too-large": b'{"id": "e4", "type": "review", "text": "' + b"x" * (1 << 20) + b'"}',
    "too-deep": b'{"id": "e5", "type": "review", "x": '
    + b"[" * MAX_DEPTH
    + b"]" * MAX_DEPTH
    + b"}",
    "too-many-values": b'{"id": "e6", "type": "review", "x": [' + b"0," * 100_000 + b"0]}",
    "too-many-keys": b'{"id": "e7", "type": "review", "x": {'
    + b",".join(b'"k%d": 0' % n for n in range(1001))
    + b"}}",
    "string-too-long": b'{"id": "e8", "type": "review", "text": "' + b"x" * 100_001 + b'"}',
    "key-too-long": b'{"id": "e9", "type": "review", "' + b"k" * 1001 + b'": 0}',
    "repeated-key": b'{"id": "e10", "type": "review", "rating": 1, "rating": 5}',
    "not-an-object": b"[1, 2]",
    "missing-id": b'{"type": "review"}',
    "bad-id": b'{"id": true, "type": "review"}',
    "missing-type": b'{"id": "e13"}',
    "bad-time": b'{"id": "e14", "type": "review", "occurred_at": "2026-11-23T09:30:00"}',
    "bad-event": b'{"id": "refused", "type": "review"}',
    "internal-error": b'{"id": "boom", "type": "review"}',
}
"""One event per code an error record may carry, as eval reads it: ``off-schema`` aside
(``--strict`` only), and ``bad-event`` and ``internal-error``, which the engine gives no
event (the first is the general code of an ``EventError``, the second a fault in the
engine): :func:`faults` makes them."""

OFF_SCHEMA = b'{"id": "e15", "type": "review", "rating": "1"}'


def assert_follows_the_format(record: Any) -> None:
    """``record`` passes both the published schema and the models (strict: no conversion)."""
    problems = [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(record)]
    assert problems == []
    ErrorRecord.model_validate(record)


@pytest.fixture
def faults(monkeypatch: pytest.MonkeyPatch) -> None:
    """Deciding raises a plain ``EventError`` for the event ``refused`` and a bug for
    ``boom``, as the engine could."""
    real = Plan.line_and_decision

    def line_and_decision(self: Plan, event: Any) -> tuple[bytes, Any]:
        named = event.get("id") if isinstance(event, dict) else None
        if named == "refused":
            raise EventError("the event cannot be decided")
        if named == "boom":
            raise ZeroDivisionError("a bug inside the engine")
        return real(self, event)

    monkeypatch.setattr(Plan, "line_and_decision", line_and_decision)


def records(arguments: list[str], events: bytes) -> list[dict[str, Any]]:
    """What ``backplan eval ARGUMENTS -`` writes for ``events`` (exit 1: one was refused)."""
    result = CliRunner().invoke(cli, ["eval", *arguments, "-"], input=events)
    assert result.exit_code == 1, result.output
    return [orjson.loads(line) for line in result.stdout_bytes.splitlines()]


@pytest.mark.usefixtures("faults")
def test_the_records_of_every_error_code_follow_the_format() -> None:
    batch = b"\n".join([b'{"id": "fine", "type": "review"}', *BAD_EVENTS.values()]) + b"\n"
    written = records([], batch)
    written += records(["--strict"], OFF_SCHEMA + b"\n")
    errors = [record for record in written if record["format"] == "backplan.error/1"]
    assert [r["error"]["code"] for r in errors] == [*BAD_EVENTS, "off-schema"]
    assert sorted(r["error"]["code"] for r in errors) == list(event_error_codes())  # all
    for record in errors:
        assert_follows_the_format(record)
    assert (errors[0]["event_id"], errors[0]["error"]["line"]) == (None, 2)


def test_the_records_of_a_json_array_and_of_a_file_follow_the_format(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_text('[\n  {"id": 5, "type": "review"},\n  {"id": 6}\n]\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(path)])
    record = orjson.loads(result.stdout_bytes.splitlines()[1])
    assert (record["event_id"], record["error"]["index"], record["error"]["line"]) == (6, 1, 3)
    assert record["error"]["source"] == str(path)
    assert_follows_the_format(record)


def test_the_golden_stream_s_records_follow_the_format() -> None:
    golden = REPO / "tests" / "golden" / "decisions" / "stream.jsonl"
    lines = [json.loads(line) for line in golden.read_text(encoding="utf-8").splitlines()]
    errors = [line for line in lines if line["format"] == "backplan.error/1"]
    assert errors
    for record in errors:
        assert_follows_the_format(record)


def _one() -> dict[str, Any]:
    return {
        "format": "backplan.error/1",
        "event_id": "e6",
        "error": {
            "code": "bad-time",
            "message": "`occurred_at` has no timezone; add Z (UTC) or an offset such as +01:00",
            "source": "events.jsonl",
            "line": 7,
            "index": 6,
        },
    }


def _error(**changed: Any) -> dict[str, Any]:
    return {**_one(), "error": {**_one()["error"], **changed}}


@pytest.mark.parametrize(
    "broken",
    [
        {k: v for k, v in _one().items() if k != "event_id"},  # null when none, never left out
        {k: v for k, v in _one().items() if k != "error"},
        {**_one(), "error": {k: v for k, v in _one()["error"].items() if k != "line"}},
        _error(code="no-such-code"),
        _error(code="duplicate-rule-id"),  # a diagnostic's code, never an error record's
        _error(line=0),
        _error(index=-1),
        _error(index="6"),
        _error(pointer="/occurred_at"),
        {**_one(), "format": "backplan.decision/1"},
        {**_one(), "event_id": ""},
        {**_one(), "event_id": 1.5},
        {**_one(), "event_id": True},
        {**_one(), "plan": {"name": "Acme"}},
    ],
)
def test_what_is_off_the_format_is_refused(broken: dict[str, Any]) -> None:
    assert_follows_the_format(_one())  # the record they are made from is whole
    assert not VALIDATOR.is_valid(broken), broken
    with pytest.raises(ValueError):
        ErrorRecord.model_validate(broken)


def test_the_codes_are_the_documented_event_error_codes() -> None:
    schema = load_schema("error")
    codes = schema["$defs"]["Rejection"]["properties"]["code"]["enum"]
    assert codes == list(event_error_codes())
    assert {"bad-json", "off-schema", "internal-error"} <= set(codes)


def test_every_field_is_described() -> None:
    schema = load_schema("error")
    assert schema["description"]
    for name, model in [("ErrorRecord", schema), *schema["$defs"].items()]:
        assert model["description"], name
        for field, spec in model["properties"].items():
            assert spec.get("description"), f"{name}.{field}"
