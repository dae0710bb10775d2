"""engine.reportmodel: every report `backplan report --format json` writes follows the
published report schema (``schemas/report.schema.json``) and the models it is generated from."""

from __future__ import annotations

import ast
import json
import re
import typing
from datetime import datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from engine.api import Plan
from engine.formats import REPORT_FORMAT
from engine.report import PERIODS, ReportCounts, summarize
from engine.reportmodel import Report, Trend
from engine.resources import load_schema
from tests.conftest import REPO
from tests.test_report import (
    SMALL_PLAN,
    STARTER,
    PlanFrom,
    example_documents,
    order,
    small_plan,
    usd_plan,
)

__all__ = ["usd_plan"]  # the fixture, shared with tests/test_report.py

VALIDATOR = Draft202012Validator(load_schema("report"))


def assert_follows_the_format(document: dict[str, Any]) -> None:
    """``document`` passes both the published schema and the models (strict: no conversion)."""
    problems = [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(document)]
    assert problems == []
    Report.model_validate(document)


def test_the_schema_is_a_draft_2020_12_schema_of_the_report() -> None:
    schema = load_schema("report")
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["format"] == {
        "const": "backplan.report/1",
        "description": "The report format version.",
        "title": "Format",
        "type": "string",
    }


def _format_names_in_code(source: str) -> list[str]:
    """The texts of the code that are a document format's name: the values written and
    compared (``{"format": "backplan.error/1"}``, ``Literal["backplan.report/1"]``), not the
    docstrings and descriptions that mention one."""
    return [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(r"backplan\.(decision|error|report)/\d+", node.value)
    ]


def test_each_format_s_name_is_written_in_one_place() -> None:
    # Report.to_document wrote "backplan.report/1" as a text of its own, beside the model's,
    # and the decision's and the error record's names stood in four files each: a new version
    # named in one place would have left the others behind, unseen.
    written = {
        path.name: found
        for path in sorted((REPO / "engine").rglob("*.py"))
        if (found := _format_names_in_code(path.read_text(encoding="utf-8")))
    }
    assert written == {
        "formats.py": ["backplan.decision/1", "backplan.error/1", "backplan.report/1"]
    }
    assert typing.get_args(Report.model_fields["format"].annotation) == (REPORT_FORMAT,)
    assert summarize([]).to_document()["format"] == REPORT_FORMAT == "backplan.report/1"


def test_the_format_scan_sees_a_name_in_code_and_not_in_prose() -> None:
    source = (
        '"""Writes backplan.error/1."""\n'
        'X = {"format": "backplan.error/1"}\n'
        'Y = Field(description="like `backplan.decision/1`")\n'
    )
    assert _format_names_in_code(source) == ["backplan.error/1"]


def test_the_schema_refuses_what_is_off_the_format() -> None:
    """It says something: a share or a sum as a number, a key unknown, one missing."""
    document = summarize(example_documents(), STARTER).to_document()
    assert_follows_the_format(document)
    for broken in (
        {**document, "fallback": {"count": 1, "share": 3.8}},
        {
            **document,
            "compensation": {
                **document["compensation"],
                "currencies": [{"currency": "USD", "total": 358.54, "awaiting_approval": "138.00"}],
            },
        },
        {**document, "rules_fired": []},
        {k: v for k, v in document.items() if k != "trend"},
        {**document, "trend": {**document["trend"], "periods": ["W48"]}},
    ):
        assert not VALIDATOR.is_valid(broken), broken


@pytest.mark.parametrize("by", PERIODS)
@pytest.mark.parametrize("with_plan", [True, False])
def test_the_report_of_the_examples_follows_the_format(by: str, with_plan: bool) -> None:
    report = summarize(example_documents(), STARTER if with_plan else None, by)
    assert_follows_the_format(report.to_document())


def test_the_golden_json_report_follows_the_format() -> None:
    golden = REPO / "tests" / "golden" / "report" / "examples.json"
    assert_follows_the_format(json.loads(golden.read_text(encoding="utf-8")))


@pytest.mark.parametrize("plan", [None, STARTER])
def test_the_report_of_nothing_follows_the_format(plan: Plan | None) -> None:
    document = summarize([], plan).to_document()
    assert (document["first"], document["trend"]["periods"]) == (None, [])
    assert_follows_the_format(document)


def test_error_records_and_unreadable_lines_follow_the_format() -> None:
    counts = ReportCounts()
    counts.add({"format": "backplan.error/1", "event_id": None, "error": {"code": "bad-time"}})
    counts.add_unreadable()
    document = counts.report().to_document()
    assert (document["error_codes"], document["unreadable_lines"]) == ({"bad-time": 1}, 1)
    assert_follows_the_format(document)


def test_two_currencies_and_two_plans_follow_the_format(plan_from: PlanFrom) -> None:
    dollars = small_plan(plan_from)
    yen = plan_from(SMALL_PLAN.format(currency="JPY").replace("Small Store", "Yen Store"))
    decisions = [
        dollars.evaluate(order(1, "2026-11-23", 50.0)),
        yen.evaluate(order(2, "2026-11-24", 999.0)),
        STARTER.evaluate(
            json.loads(
                (REPO / "examples" / "events").glob("*.json").__next__().read_text(encoding="utf-8")
            )
        ),
    ]
    document = summarize(decisions, yen).to_document()
    assert [c["currency"] for c in document["compensation"]["currencies"]] == ["JPY", "USD"]
    assert len(document["plans"]) == 3
    assert_follows_the_format(document)


def test_decisions_without_a_time_follow_the_format(plan_from: PlanFrom) -> None:
    plan = small_plan(plan_from)
    document = summarize([plan.evaluate(order(1, "")), plan.evaluate(order(2, ""))]).to_document()
    assert (document["first"], document["last"], document["undated"]) == (None, None, 2)
    assert_follows_the_format(document)


def test_a_trend_with_rises_follows_the_format(plan_from: PlanFrom) -> None:
    plan = small_plan(plan_from)
    days = ["2026-11-23", "2026-11-30", "2026-12-01", "2026-12-07"]
    document = summarize([plan.evaluate(order(n, d)) for n, d in enumerate(days)]).to_document()
    assert document["trend"]["rising"] == [
        {"before": 1, "last": 2, "name": "order", "what": "event type"},
        {"before": 1, "last": 2, "name": "late", "what": "rule"},
    ]
    assert_follows_the_format(document)


@pytest.mark.parametrize("by", PERIODS)
@pytest.mark.parametrize(
    "time", ["0001-01-01T00:00:00Z", "0999-06-01T10:00:00Z", "9999-12-31T23:59:59Z"]
)
def test_decisions_at_the_calendar_s_ends_follow_the_format(by: str, time: str) -> None:
    """Decisions from another writer may be dated so (`eval` refuses years before 1900)."""
    decision = {**example_documents()[0], "occurred_at": time}
    assert_follows_the_format(summarize([decision], by=by).to_document())


def test_the_model_names_the_periods_and_format_the_report_uses() -> None:
    assert typing.get_args(Trend.model_fields["by"].annotation) == PERIODS
    assert (
        summarize([]).to_document()["format"]
        == typing.get_args(Report.model_fields["format"].annotation)[0]
    )


_EVENT = st.fixed_dictionaries(
    {
        "id": st.integers(0, 1000),
        "type": st.sampled_from(["order", "conduct", "review", "x-never"]),
        "issue": st.sampled_from(["late", "lost"]),
    },
    optional={
        # two years at most: a trend by day from 1900 to 9997 has 3 million periods
        "occurred_at": st.datetimes(
            min_value=datetime(2025, 6, 1), max_value=datetime(2027, 6, 30)
        ).map(lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")),
        "order": st.fixed_dictionaries({"total": st.sampled_from([0.0, 0.1, 99.99, 150.0])}),
        "lost": st.just(True),
    },
)


@given(events=st.lists(_EVENT, max_size=12), by=st.sampled_from(PERIODS), given_plan=st.booleans())
def test_the_report_of_any_decisions_follows_the_format(
    usd_plan: Plan, events: list[dict[str, Any]], by: str, given_plan: bool
) -> None:
    documents = [json.loads(usd_plan.evaluate_json(event)) for event in events]
    report = summarize(documents, usd_plan if given_plan else None, by)
    assert_follows_the_format(report.to_document())


@pytest.mark.parametrize(
    "written", ["24.00", "-3", "0", "1235", "24.", ".5", "24,00", "1e3", "24.00\n", " 24", "", "+1"]
)
def test_the_report_reads_amounts_as_the_decision_format_writes_them(written: str) -> None:
    """engine.report keeps its own copy of the format's amount pattern, so as not to load
    pydantic with it: the two must take and refuse the same texts."""
    import re

    from engine.decisionmodel import AMOUNT
    from engine.report import _AMOUNT

    assert (_AMOUNT.match(written) is not None) == (re.search(AMOUNT, written) is not None)
