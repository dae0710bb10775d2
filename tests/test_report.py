"""engine.report: what a run of decisions says, counted exactly (and engine.reporttext's words)."""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.api import Plan, load_plan
from engine.decision import Decision
from engine.errors import DecisionFormatError
from engine.eventvalues import NO_VALUE, EventValues, conflict_words
from engine.money import minor_unit_digits
from engine.report import (
    Count,
    KindTotal,
    RepeatPlaces,
    Repeats,
    ReportCounts,
    RuleTotal,
    Series,
    Spend,
    share,
    summarize,
    trend_limits,
)
from engine.reporttext import columns, render_report
from tests.conftest import REPO

EXAMPLES = sorted((REPO / "examples" / "events").glob("*.json"))
STARTER = load_plan(REPO / "rules")

PlanFrom = Callable[[str], Plan]

SMALL_PLAN = """\
backplan: 1
plan:
  name: Small Store
  currency: {currency}
  compensation: {{combine: max, per_event_max: 30, approval_above: 20}}
rules:
  - id: late
    title: Late order
    when: {{event: order, all: [{{field: issue, eq: late}}]}}
    then:
      - apologize: {{within: 1h}}
      - compensate: {{kind: voucher, percent: 10, of: order.total, max: 25}}
  - id: big
    title: Big order
    when: {{event: order, all: [{{field: order.total, gte: 100}}]}}
    then: [{{compensate: {{kind: refund, amount: 40}}}}]
  - id: lost
    title: Lost parcel
    when: {{event: order, all: [{{field: lost, eq: true}}]}}
    then: [{{compensate: {{kind: store_credit, amount: 10}}}}]
  - id: rude
    title: Rude staff
    when: {{event: conduct}}
    then: [{{escalate: {{to: store-manager, within: 4h}}}}]
  - id: never
    title: Never
    when: {{event: x-never}}
    then: [{{note: {{message: never}}}}]
  - id: off
    title: Switched off
    enabled: false
    when: {{event: conduct}}
    then: [{{note: {{message: off}}}}]
  - id: improvise
    title: Nothing fits
    fallback: true
    then: [{{escalate: {{to: cx-lead, within: 30m}}}}]
"""


def small_plan(plan_from: PlanFrom, currency: str = "USD") -> Plan:
    return plan_from(SMALL_PLAN.format(currency=currency))


def order(number: int, day: str, total: float | None = 50.0, issue: str = "late") -> dict[str, Any]:
    event: dict[str, Any] = {"id": f"o{number}", "type": "order", "issue": issue}
    if day:
        event["occurred_at"] = f"{day}T10:00:00Z"
    if total is not None:
        event["order"] = {"total": total}
    return event


def example_documents() -> list[dict[str, Any]]:
    """The starter plan's decisions of the example complaints, as eval writes them."""
    return [
        json.loads(STARTER.evaluate_json(json.loads(path.read_text(encoding="utf-8"))))
        for path in EXAMPLES
    ]


def test_the_examples_are_counted_exactly() -> None:
    documents = example_documents()
    report = summarize(documents, STARTER)
    assert report.decisions == 26
    assert (report.first, report.last) == ("2026-11-23T09:30:00Z", "2026-12-05T19:30:00Z")
    assert report.event_types[:2] == (Count("order", 8), Count("contact", 5))
    assert report.fallback == 1
    assert report.never_fired == ()
    assert report.given_plan is not None and report.given_plan.decisions == 26
    # The money is the decisions' own totals: superseded offers (the 21.00 wrong-item voucher
    # the repeat complaint's 63.00 replaced) are not added.
    totals = sum(Decimal(d["compensation"]["total"]) for d in documents if d["compensation"])
    (usd,) = report.compensation.currencies
    assert (usd.currency, usd.total, Decimal(usd.total)) == ("USD", "358.54", totals)
    assert usd.awaiting_approval == "138.00"
    assert report.compensation.kinds[0] == KindTotal("USD", "voucher", 12, "208.54")
    assert report.compensation.needs_approval == 2


def test_decisions_and_their_documents_count_the_same() -> None:
    documents = example_documents()
    views = [Decision.validate(document) for document in documents]
    assert summarize(views) == summarize(documents)


def test_an_empty_input_says_so() -> None:
    report = summarize([])
    assert report.decisions == 0 and report.trend.periods == ()
    assert render_report(report) == (
        "Backplan report: 0 decisions, none with a time\nRead: 0 decisions; 0 error records "
        "(events eval could not decide).\n"
    )


def test_a_plan_given_for_no_decision_is_not_said_to_have_made_them() -> None:
    text = render_report(summarize([], STARTER))
    assert "The plan given" not in text and "Rules of the plan given that never fired (25)" in text


def test_error_records_count_as_events_not_decided() -> None:
    record = {"format": "backplan.error/1", "event_id": None, "error": {"code": "bad-time"}}
    other = {**record, "error": {"code": "bad-json"}}
    report = summarize([record, other, record])
    assert report.decisions == 0 and report.error_records == 3
    assert report.error_codes == (Count("bad-time", 2), Count("bad-json", 1))
    assert render_report(report).splitlines()[1] == (
        "Read: 0 decisions; 3 error records (events eval could not decide: bad-time 2, bad-json 1)."
    )


def test_money_is_added_per_currency(plan_from: PlanFrom, tmp_path: Path) -> None:
    dollars = small_plan(plan_from)
    (tmp_path / "yen").mkdir()
    yen = load_plan(_written(tmp_path / "yen" / "plan.yaml", SMALL_PLAN.format(currency="JPY")))
    decisions = [
        dollars.evaluate(order(1, "2026-11-23", 50.0)),  # 5.00 USD voucher
        dollars.evaluate(order(2, "2026-11-24", 0.1)),  # 0.01 USD: exact, never 0.010000001
        yen.evaluate(order(3, "2026-11-24", 999.0)),  # the refund of 40 JPY, capped at 30
    ]
    report = summarize(decisions)
    currencies = {c.currency: c.total for c in report.compensation.currencies}
    assert currencies == {"JPY": "30", "USD": "5.01"}
    assert [p.name for p in report.plans] == ["Small Store", "Small Store"]


def _written(path: Path, body: str) -> Path:
    path.write_text(body, encoding="utf-8")
    return path


def test_offers_set_aside_are_not_given(plan_from: PlanFrom) -> None:
    # 10% of 200 is 20 (voucher, late) against a refund of 40 (big): combine max makes only
    # the refund, which is above the approval threshold of 20 and under the cap of 30.
    decision = small_plan(plan_from).evaluate(order(1, "2026-11-23", 200.0))
    assert decision.compensation is not None
    assert [s.rule for s in decision.compensation.superseded] == ["late"]
    compensation = summarize([decision]).compensation
    assert compensation.kinds == (KindTotal("USD", "refund", 1, "30.00"),)
    assert (compensation.capped, compensation.needs_approval) == (1, 1)
    assert compensation.currencies[0].awaiting_approval == "30.00"


def test_nothing_awaiting_approval_is_written_in_the_currency_s_decimals(
    plan_from: PlanFrom,
) -> None:
    # 10% of 50 is a 5.00 voucher, under the approval threshold of 20: none of it waits.
    for currency, nothing in [("USD", "0.00"), ("JPY", "0"), ("KWD", "0.000")]:
        report = summarize([small_plan(plan_from, currency).evaluate(order(1, "2026-11-23"))])
        assert report.compensation.currencies[0].awaiting_approval == nothing
    assert "  Of the 5.000 KWD, 0.000 needed approval (proposed" in render_report(report)


def test_offers_the_event_could_not_size_are_counted(plan_from: PlanFrom) -> None:
    decision = small_plan(plan_from).evaluate(order(1, "2026-11-23", None))
    compensation = summarize([decision]).compensation
    assert compensation.unresolved_offers == 1
    assert compensation.kinds == (KindTotal("USD", "voucher", 1, "0.00"),)


def test_an_offer_set_aside_as_unresolved_is_counted(plan_from: PlanFrom) -> None:
    # No total: the late voucher (10%, up to 25) cannot be sized and may have been larger
    # than the store credit of 10 made in its place, so a person compares the two.
    decision = small_plan(plan_from).evaluate({**order(1, "2026-11-23", None), "lost": True})
    assert decision.compensation is not None
    assert [s.reason for s in decision.compensation.superseded] == ["unresolved"]
    compensation = summarize([decision]).compensation
    assert (compensation.unresolved_offers, compensation.needs_approval) == (1, 1)
    assert compensation.kinds == (KindTotal("USD", "store_credit", 1, "10.00"),)


MONEY_PLAN = """\
backplan: 1
plan:
  name: Money Store
  currency: {currency}
  compensation: {{combine: {combine}, per_event_max: 30, approval_above: 25}}
rules:
  - id: voucher
    title: Voucher
    when: {{event: order}}
    then: [{{compensate: {{kind: voucher, amount: 20}}}}]
  - id: refund
    title: Refund, as large as the voucher
    when: {{event: order}}
    then: [{{compensate: {{kind: refund, amount: 20}}}}]
  - id: share
    title: A share of the order
    when: {{event: order}}
    then: [{{compensate: {{kind: coupon, percent: 12.3457, of: order.total, max: 100}}}}]
"""


@pytest.mark.parametrize(
    ("currency", "combine", "total"),
    [
        ("USD", "sum", "120.00"),
        ("USD", "max", "90.00"),
        ("JPY", "sum", "120"),
        ("JPY", "max", "90"),
        ("KWD", "sum", "120.000"),
        ("KWD", "max", "90.000"),
    ],
)
def test_the_money_is_the_decisions_own_totals(
    plan_from: PlanFrom, currency: str, combine: str, total: str
) -> None:
    # Under sum, the cap cuts the second offer of 20 to 10 (and leaves nothing for the
    # share): 30 an event. Under max, a tie of 20 goes to the voucher (first); the share of
    # 0.04 rounds to nothing, the one of no total cannot be sized (set aside, needs
    # approval), the one of 400 (49.38) wins and the cap holds it to 30: 20 + 20 + 30 + 20.
    # The report adds what each decision gave, its compensation.total, in its decimals.
    plan = plan_from(MONEY_PLAN.format(currency=currency, combine=combine))
    decisions = [
        plan.evaluate(order(n, "2026-11-23", t)) for n, t in enumerate([0.04, None, 400.0, 33.33])
    ]
    given = sum(Decimal(d.compensation.total) for d in decisions if d.compensation is not None)
    (summed,) = summarize(decisions).compensation.currencies
    assert (summed.total, Decimal(summed.total)) == (total, given)


def _yen_plan(folder: Path) -> Plan:
    """The small plan in yen, beside the dollars' one (its own folder: a plan is a folder)."""
    (folder / "yen").mkdir()
    return load_plan(_written(folder / "yen" / "plan.yaml", SMALL_PLAN.format(currency="JPY")))


def test_each_rule_s_offers_made_are_counted_the_largest_amount_first(
    plan_from: PlanFrom, tmp_path: Path
) -> None:
    """A controller asks which rule costs what: the totals by kind could not say (two rules
    give vouchers). An offer set aside is in no rule's count: the late voucher beside the
    big refund was never given."""
    plan, yen = small_plan(plan_from), _yen_plan(tmp_path)
    decisions = [
        plan.evaluate(order(1, "2026-11-23", 200.0)),  # refund 40, capped to 30; late aside
        plan.evaluate(order(2, "2026-11-23", 50.0)),  # late: 5.00
        plan.evaluate(order(3, "2026-11-24", 150.0)),  # refund 40, capped to 30; late aside
        plan.evaluate({**order(4, "2026-11-24", 60.0), "lost": True}),  # credit 10; late aside
        plan.evaluate(order(5, "2026-11-25", 90.0)),  # late: 9.00
        yen.evaluate(order(6, "2026-11-25", 50.0)),  # late: 5 yen
    ]
    superseded = [s.rule for d in decisions if d.compensation for s in d.compensation.superseded]
    assert superseded == ["late", "late", "late"]
    compensation = summarize(decisions).compensation
    # The refunds of 30 wait for approval (above 20); the late offers set aside are counted
    # apart, in no amount.
    assert compensation.rules == (
        RuleTotal("late", "JPY", 1, "5", 0, "0"),
        RuleTotal("big", "USD", 2, "60.00", 0, "60.00"),
        RuleTotal("late", "USD", 2, "14.00", 3, "0.00"),
        RuleTotal("lost", "USD", 1, "10.00", 0, "0.00"),
    )
    text = render_report(summarize(decisions))
    assert (
        "  rule   offers  set aside  amount  awaiting approval\n"
        "  late        1          0       5                  0  JPY\n"
        "  total       1          0       5                  0  JPY\n"
        "  big         2          0   60.00              60.00  USD\n"
        "  late        2          3   14.00               0.00  USD\n"
        "  lost        1          0   10.00               0.00  USD\n"
        "  total       5          3   84.00              60.00  USD\n"
        "  Offers made, by the rule that made them, and the part of their amount awaiting\n"
        "  approval; an offer a decision set aside (a larger one made instead, the cap\n"
        "  reached, an amount of 0) is counted apart, in no amount.\n"
    ) in text
    assert summarize(decisions).to_document()["compensation"]["rules"][1] == {
        "rule": "big",
        "currency": "USD",
        "offers": 2,
        "amount": "60.00",
        "set_aside": 0,
        "awaiting_approval": "60.00",
    }


def test_a_rule_whose_every_offer_was_set_aside_is_listed_with_nothing_given(
    plan_from: PlanFrom,
) -> None:
    """`late` fired beside the larger refund each time, and every one of its offers was set
    aside: it was missing from the table, so a manager could not see it fired and gave
    nothing. It is listed, with no offer made, nothing given, and its offers set aside."""
    plan = small_plan(plan_from)
    decisions = [plan.evaluate(order(n, "2026-11-23", 200.0)) for n in (1, 2)]
    compensation = summarize(decisions).compensation
    assert compensation.rules == (
        RuleTotal("big", "USD", 2, "60.00", 0, "60.00"),
        RuleTotal("late", "USD", 0, "0.00", 2, "0.00"),
    )
    assert (
        "  big         2          0   60.00              60.00  USD\n"
        "  late        0          2    0.00               0.00  USD\n"
        "  total       2          2   60.00              60.00  USD\n"
    ) in render_report(summarize(decisions))


def test_under_a_cap_of_0_each_rule_is_listed_with_its_currency_s_total_of_nothing(
    plan_from: PlanFrom,
) -> None:
    """Gestures paused (`per_event_max: 0`): every offer is set aside, so no currency has a
    total, and the table by rule had been left out whole; it lists each rule that fired,
    under a total of nothing in the currency's decimals."""
    paused = SMALL_PLAN.format(currency="USD").replace("per_event_max: 30", "per_event_max: 0")
    plan = plan_from(paused)
    decisions = [plan.evaluate(order(1, "2026-11-23", 200.0))]
    compensation = summarize(decisions).compensation
    assert compensation.currencies == ()
    assert {(r.rule, r.offers, r.amount, r.set_aside) for r in compensation.rules} == {
        ("big", 0, "0.00", 1),
        ("late", 0, "0.00", 1),
    }
    assert "  total       0          2    0.00               0.00  USD\n" in render_report(
        summarize(decisions)
    )


def test_the_trend_gives_each_period_s_spend_per_currency(
    plan_from: PlanFrom, tmp_path: Path
) -> None:
    """How the spend moves: beside each period's counts, the offers made in it, per currency,
    nothing in the currency's decimals; a gesture without a time is in the totals only."""
    plan, yen = small_plan(plan_from), _yen_plan(tmp_path)
    decisions = [
        plan.evaluate(order(1, "2026-11-23", 200.0)),  # refund 40, capped to 30; late aside
        plan.evaluate(order(2, "2026-11-23", 50.0)),  # late: 5.00
        plan.evaluate(order(3, "2026-11-25", 90.0)),  # late: 9.00
        yen.evaluate(order(4, "2026-11-25", 50.0)),  # late: 5 yen
        plan.evaluate(order(5, "", 70.0)),  # late: 7.00, without a time
    ]
    report = summarize(decisions, by="day")
    assert report.trend.compensation == (
        Spend("JPY", ("0", "0", "5")),
        Spend("USD", ("35.00", "0.00", "9.00")),
    )
    assert [c.total for c in report.compensation.currencies] == ["5", "51.00"]
    assert report.to_document()["trend"]["compensation"] == {
        "JPY": ["0", "0", "5"],
        "USD": ["35.00", "0.00", "9.00"],
    }
    assert (
        "  compensation  2026-11-23  2026-11-24  2026-11-25\n"
        "  JPY                    0           0           5\n"
        "  USD                35.00        0.00        9.00\n"
    ) in render_report(report)
    by_month = summarize(decisions, by="month").trend.compensation
    assert by_month == (Spend("JPY", ("5",)), Spend("USD", ("44.00",)))


def test_a_cap_of_zero_counts_as_capped_though_no_gesture_is_left(plan_from: PlanFrom) -> None:
    # per_event_max: 0 (gestures paused) sets every offer aside as cap-reached: the decision
    # is capped, and has no compensate action left to count it by.
    plan = plan_from(
        SMALL_PLAN.format(currency="USD").replace("per_event_max: 30", "per_event_max: 0")
    )
    decisions = [plan.evaluate(order(1, "2026-11-23")), plan.evaluate(order(2, "2026-11-24"))]
    assert [d.compensation and d.compensation.capped for d in decisions] == [True, True]
    compensation = summarize(decisions).compensation
    assert (compensation.decisions, compensation.capped, compensation.currencies) == (0, 2, ())
    assert "  reduced by the plan's per-event cap  2\n" in render_report(summarize(decisions))


def test_decisions_of_two_plans_are_told_apart(plan_from: PlanFrom) -> None:
    plan = small_plan(plan_from)
    starter_decision = STARTER.evaluate(json.loads(EXAMPLES[0].read_text(encoding="utf-8")))
    report = summarize([plan.evaluate(order(1, "2026-11-23")), starter_decision], plan)
    assert [(p.name, p.decisions) for p in report.plans] == [("Acme Store", 1), ("Small Store", 1)]
    assert report.given_plan is not None and report.given_plan.decisions == 1
    text = render_report(report)
    fingerprint = plan.fingerprint[: len("sha256:") + 12]
    assert (
        f"The plan given, Small Store ({fingerprint}…), made 1 decision; 1 decision came from "
        "another plan (Acme Store).\n"
    ) in text


def test_another_version_of_the_plan_given_is_told_from_another_plan(
    plan_from: PlanFrom,
) -> None:
    """Decisions of another plan (another name) had been told "from another version or plan:
    its rules may have changed since", as an older version of the plan given (found by
    review): the decisions name the plan that made them, and the report says which it was."""
    plan = small_plan(plan_from)
    older = plan_from(SMALL_PLAN.format(currency="USD").replace("max: 25", "max: 20"))
    others = [
        plan_from(SMALL_PLAN.format(currency="USD").replace("Small Store", name))
        for name in ("Beta", "Gamma", "Delta", "Epsilon")
    ]
    makers = [plan, older, older, *others]
    decisions = [made.evaluate(order(n, "2026-11-23")) for n, made in enumerate(makers, start=1)]
    text = render_report(summarize(decisions, plan))
    assert (
        ", made 1 decision; 2 decisions came from another version of this plan (its rules may "
        "have changed since), and 4 from 4 other plans (Beta, Delta, Epsilon and 1 more).\n"
    ) in text
    text = render_report(summarize(decisions[:2] + decisions[3:5], plan))
    assert (
        ", made 1 decision; 1 decision came from another version of this plan (its rules may "
        "have changed since), and 2 from 2 other plans (Beta and Gamma).\n"
    ) in text
    newer = plan_from(SMALL_PLAN.format(currency="USD").replace("max: 25", "max: 15"))
    text = render_report(summarize([newer.evaluate(order(1, "2026-11-23")), *decisions], plan))
    assert "; 3 decisions came from 2 other versions of this plan (its rules" in text


def test_other_versions_of_the_plan_given_are_counted_with_thousands_grouped(
    plan_from: PlanFrom,
) -> None:
    """ "1200 other versions" was the one count of the report not grouped as every other is
    ("1,200 decisions came from 1200 other versions")."""
    plan = small_plan(plan_from)
    made = json.loads(plan.evaluate_json(order(1, "2026-11-23")))
    older = [
        {**made, "plan": {**made["plan"], "fingerprint": f"sha256:{number:064x}"}}
        for number in range(1, 1201)
    ]
    text = render_report(summarize([made, *older], plan))
    assert "; 1,200 decisions came from 1,200 other versions of this plan (its rules" in text


def test_one_decision_is_told_as_one(plan_from: PlanFrom) -> None:
    """One decision had read "from T to T" and "made all of them" (found by review)."""
    plan = small_plan(plan_from)
    text = render_report(summarize([plan.evaluate(order(1, "2026-11-23"))], plan))
    assert text.startswith("Backplan report: 1 decision, at 2026-11-23T10:00:00Z\n")
    assert "), made it.\n" in text
    assert "The fallback decided no event: a rule of the plan fitted it.\n" in text
    assert (
        "Rising: not told, as this decision covers fewer than two full weeks\n"
        "(a week counts when it covers each of its days, in UTC)."
    ) in text
    undated = render_report(summarize([plan.evaluate(order(1, ""))]))
    assert undated.startswith("Backplan report: 1 decision, without a time\n")


@pytest.mark.parametrize(
    ("days", "heading"),
    [
        (["2026-11-23", "2026-11-23"], "2 decisions, all at 2026-11-23T10:00:00Z"),
        (["2026-11-23", ""], "2 decisions, 1 with a time, at 2026-11-23T10:00:00Z"),
        (
            ["2026-11-23", "2026-11-23", ""],
            "3 decisions, 2 with a time, all at 2026-11-23T10:00:00Z",
        ),
        (
            ["2026-11-23", "2026-11-24"],
            "2 decisions, from 2026-11-23T10:00:00Z to 2026-11-24T10:00:00Z",
        ),
        (["", ""], "2 decisions, none with a time"),
    ],
)
def test_the_heading_says_when_the_decisions_were_made(
    plan_from: PlanFrom, days: list[str], heading: str
) -> None:
    plan = small_plan(plan_from)
    decisions = [plan.evaluate(order(n, day)) for n, day in enumerate(days)]
    assert render_report(summarize(decisions)).startswith(f"Backplan report: {heading}\n")


def test_never_fired_lists_enabled_rules_only(plan_from: PlanFrom) -> None:
    plan = small_plan(plan_from)
    report = summarize([plan.evaluate({"id": 1, "type": "conduct"})], plan)
    assert report.never_fired == ("big", "late", "lost", "never")  # not `off`, nor the fallback
    assert summarize([plan.evaluate({"id": 1, "type": "conduct"})]).never_fired is None


def test_events_without_a_time_are_counted_but_not_in_the_trend(plan_from: PlanFrom) -> None:
    plan = small_plan(plan_from)
    report = summarize([plan.evaluate(order(1, "")), plan.evaluate(order(2, "2026-11-23"))])
    assert (report.decisions, report.undated) == (2, 1)
    assert report.rules == (Count("late", 2),)
    assert report.trend.rules == (Series("late", (1,)),)
    assert "1 decision without a time (`occurred_at`): counted everywhere but in the trend." in (
        render_report(report)
    )


def test_rising_compares_the_last_two_full_periods(plan_from: PlanFrom) -> None:
    plan = small_plan(plan_from)
    events = [
        order(1, "2026-11-18"),  # a Wednesday: week 47 is cut, so not compared
        order(2, "2026-11-18"),
        order(3, "2026-11-18"),
        order(4, "2026-11-23"),  # week 48: one late order
        {"id": 11, "type": "review", "occurred_at": "2026-11-24T09:00:00Z"},  # as many in both:
        {"id": 12, "type": "review", "occurred_at": "2026-12-04T09:00:00Z"},  # no rise
        {"id": 5, "type": "conduct", "occurred_at": "2026-11-30T09:00:00Z"},  # week 49
        order(6, "2026-12-01"),
        order(7, "2026-12-02"),
        order(8, "2026-12-07"),  # week 50, cut (ends on the Monday)
        order(9, "2026-12-07"),
        order(10, "2026-12-07"),
    ]
    trend = summarize([plan.evaluate(e) for e in events]).trend
    assert trend.periods == ("2026-W47", "2026-W48", "2026-W49", "2026-W50")
    assert (trend.before, trend.last_full) == ("2026-W48", "2026-W49")
    assert [(c.what, c.name, c.before, c.last) for c in trend.rising] == [
        ("event type", "conduct", 0, 1),
        ("event type", "order", 1, 2),
        ("rule", "late", 1, 2),
        ("rule", "rude", 0, 1),
    ]


def test_rising_tells_the_largest_rise_first_and_a_week_ending_on_the_last_day_is_full(
    plan_from: PlanFrom,
) -> None:
    """Rises of 3 come before rises of 1, event types before rules at a tie (every rise
    had been of 1: the list was never sorted by a test). The last decision is on a Sunday:
    its week is whole (a mutant ending weeks on the Monday after never compared it)."""
    plan = small_plan(plan_from)
    events = [
        order(1, "2026-11-23"),  # Monday, week 48: one late order
        order(2, "2026-11-30"),  # week 49: four orders, all late, one big
        order(3, "2026-12-01"),
        order(4, "2026-12-02", total=150.0),
        {"id": 5, "type": "conduct", "occurred_at": "2026-12-03T09:00:00Z"},
        order(6, "2026-12-06"),  # Sunday
    ]
    trend = summarize([plan.evaluate(e) for e in events]).trend
    assert (trend.before, trend.last_full) == ("2026-W48", "2026-W49")
    assert [(c.what, c.name, c.before, c.last) for c in trend.rising] == [
        ("event type", "order", 1, 4),
        ("rule", "late", 1, 4),
        ("event type", "conduct", 0, 1),
        ("rule", "big", 0, 1),
        ("rule", "rude", 0, 1),
    ]


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("2026-11-23", "2026-12-05"),  # a whole week, then one that ends on the Sunday after
        ("2026-11-18", "2026-11-29"),  # a week from its Wednesday, then a whole one
    ],
)
def test_rising_is_not_told_without_two_full_periods(
    plan_from: PlanFrom, first: str, last: str
) -> None:
    plan = small_plan(plan_from)
    report = summarize([plan.evaluate(order(1, first)), plan.evaluate(order(2, last))])
    assert report.trend.last_full is None and report.trend.rising == ()
    assert (
        "Rising: not told, as these decisions cover fewer than two full weeks\n"
        "(a week counts when they cover each of its days, in UTC)."
    ) in render_report(report)


@pytest.mark.parametrize(
    ("by", "periods", "compared"),
    [
        ("day", ("2026-11-30", "2026-12-01", "2026-12-02"), ("2026-12-01", "2026-12-02")),
        ("month", ("2026-11", "2026-12"), (None, None)),  # neither month is whole
    ],
)
def test_periods_are_days_or_months_too(
    plan_from: PlanFrom, by: str, periods: tuple[str, ...], compared: tuple[Any, Any]
) -> None:
    plan = small_plan(plan_from)
    decisions = [plan.evaluate(order(n, day)) for n, day in enumerate(["2026-11-30", "2026-12-02"])]
    trend = summarize(decisions, by=by).trend
    assert trend.periods == periods and (trend.before, trend.last_full) == compared
    assert trend.rules == (Series("late", (1, 0, 1) if by == "day" else (1, 1)),)


@pytest.mark.parametrize(
    ("zone", "by", "periods"),
    [
        (None, "day", ("2026-11-29", "2026-11-30")),
        ("Australia/Sydney", "day", ("2026-11-30",)),  # 21:30 UTC on Sunday: Monday, 08:30
        (None, "week", ("2026-W48", "2026-W49")),
        ("Australia/Sydney", "week", ("2026-W49",)),
        ("America/Los_Angeles", "month", ("2026-11",)),  # 2026-12-01T06:00Z: still November
    ],
)
def test_the_trend_counts_the_days_of_the_zone_named(
    plan_from: PlanFrom, zone: str | None, by: str, periods: tuple[str, ...]
) -> None:
    """A store in Sydney had its Monday morning's complaints counted on Sunday, the day it
    was in UTC, and in the week before."""
    plan = small_plan(plan_from)
    events = [order(1, "2026-11-29"), order(2, "2026-11-30")]
    events[0]["occurred_at"] = "2026-11-29T21:30:00Z"
    events[1]["occurred_at"] = "2026-11-30T06:00:00Z" if by != "month" else "2026-12-01T06:00:00Z"
    report = summarize([plan.evaluate(e) for e in events], by=by, time_zone=zone)
    assert report.trend.periods == periods
    assert report.trend.time_zone == (zone or "UTC")
    assert report.to_document()["trend"]["time_zone"] == (zone or "UTC")
    assert f"Trend by {by} ({zone or 'UTC'}" in render_report(report)
    assert report.first == "2026-11-29T21:30:00Z"  # the times themselves stay in UTC


@pytest.mark.parametrize(
    ("zone", "times", "periods"),
    [
        (  # Samoa went from UTC-10 to UTC+14 at the end of 2011-12-29
            "Pacific/Apia",
            ("2011-12-29T20:00:00Z", "2011-12-30T12:00:00Z", "2011-12-31T12:00:00Z"),
            ("2011-12-29", "2011-12-31", "2012-01-01"),
        ),
        (  # the Marshall Islands skipped 1993-08-21
            "Pacific/Kwajalein",
            ("1993-08-20T18:00:00Z", "1993-08-21T12:00:00Z"),
            ("1993-08-20", "1993-08-22"),
        ),
        (  # a clock put forward at midnight leaves the day's later hours: the day is kept
            "America/Sao_Paulo",
            ("2018-11-03T12:00:00Z", "2018-11-05T12:00:00Z"),
            ("2018-11-03", "2018-11-04", "2018-11-05"),
        ),
    ],
)
def test_a_day_the_zone_skipped_is_no_period_of_the_trend(
    zone: str, times: tuple[str, ...], periods: tuple[str, ...]
) -> None:
    """Pacific/Apia has no 2011-12-30: the trend by day had listed it with no complaints, as if
    the store had had a quiet day. A week or a month that held it is still a period."""
    first = example_documents()[0]
    decisions = [{**first, "occurred_at": time} for time in times]
    trend = summarize(decisions, by="day", time_zone=zone).trend
    assert trend.periods == periods
    assert sum(trend.events) == len(times)
    if zone == "Pacific/Apia":
        assert summarize(decisions, by="week", time_zone=zone).trend.periods == ("2011-W52",)
        assert (trend.before, trend.last_full) == ("2011-12-31", "2012-01-01")


def test_a_report_in_a_zone_that_is_none_says_what_to_write() -> None:
    with pytest.raises(ValueError, match=r"^`Sydney` is not a time zone \(did you mean `Aus"):
        summarize(example_documents(), time_zone="Sydney")


@pytest.mark.parametrize(
    ("zone", "said"),
    [
        ("Etc/GMT+5", "Etc/GMT+5, UTC-05:00"),  # POSIX's sign: five hours behind, not ahead
        ("Etc/GMT-14", "Etc/GMT-14, UTC+14:00"),
        ("Etc/GMT+0", "Etc/GMT+0"),
        ("Europe/Paris", "Europe/Paris"),
    ],
)
def test_a_zone_named_by_its_offset_from_greenwich_says_its_offset(zone: str, said: str) -> None:
    """``(Etc/GMT+5)`` alone had headed the trend, a zone a manager reads as five hours
    ahead of UTC, as the checklist's times had been read before they said the offset."""
    text = render_report(summarize(example_documents(), by="month", time_zone=zone))
    assert f"Trend by month ({said})" in text
    assert f"each of its days, in {said})." in text


def test_a_zone_given_as_a_zoneinfo_is_told_to_be_named() -> None:
    """An app's ``ZoneInfo`` had raised AttributeError of ``strip`` from inside the report;
    it is a TypeError saying what to give, as ``Decision.checklist`` says it."""
    from zoneinfo import ZoneInfo

    said = "not ZoneInfo (a ZoneInfo's name is its key: time_zone=zone.key)"
    for call in (
        lambda: summarize(example_documents(), time_zone=ZoneInfo("Europe/Paris")),  # type: ignore[arg-type]
        lambda: ReportCounts("day", ZoneInfo("Europe/Paris")),  # type: ignore[arg-type]
    ):
        with pytest.raises(TypeError, match=re.escape(said)):
            call()


def test_a_moment_past_the_calendar_s_end_in_the_zone_is_counted_on_its_last_day() -> None:
    """9999-12-31T23:00Z is in the year 10000 at UTC+14: no date holds it there."""
    first = example_documents()[0]
    late = {**first, "occurred_at": "9999-12-31T23:00:00Z"}
    early = {**first, "occurred_at": "0001-01-01T00:30:00Z"}
    ahead = summarize([late], by="day", time_zone="Pacific/Kiritimati").trend
    behind = summarize([early], by="day", time_zone="America/New_York").trend
    assert (ahead.periods, ahead.events) == (("9999-12-31",), (1,))
    assert (behind.periods, behind.events) == (("0001-01-01",), (1,))
    first_day = summarize([early], by="day", time_zone="Asia/Tokyo").trend  # its
    assert (first_day.periods, first_day.events) == (("0001-01-01",), (1,))  # midnight: no UTC


def test_one_moment_written_two_ways_gives_one_report() -> None:
    # The format lets a time end .000000Z; eval writes no fraction of zero, another writer may.
    plain = {**example_documents()[0], "occurred_at": "2026-11-23T10:00:00Z"}
    fraction = {**plain, "occurred_at": "2026-11-23T10:00:00.000000Z"}
    reports = {
        (r.first, r.last) for r in (summarize([plain, fraction]), summarize([fraction, plain]))
    }
    assert reports == {("2026-11-23T10:00:00.000000Z", "2026-11-23T10:00:00Z")}


@pytest.mark.parametrize(
    ("by", "periods"),
    [
        ("day", ("9999-12-30", "9999-12-31")),
        ("week", ("9999-W52",)),
        ("month", ("9999-12",)),
    ],
)
def test_decisions_in_the_calendar_s_last_period_are_counted(
    by: str, periods: tuple[str, ...]
) -> None:
    # The day after the period had been worked out, past 9999-12-31: "internal error:
    # OverflowError: date value out of range" (ValueError for the month), and no report.
    first = example_documents()[0]
    times = ("9999-12-30T10:00:00Z", "9999-12-31T23:59:59Z")
    trend = summarize([{**first, "occurred_at": time} for time in times], by=by).trend
    assert trend.periods == periods
    assert sum(trend.events) == 2
    assert trend.rising == ()


def test_a_year_end_week_is_named_by_its_iso_year(plan_from: PlanFrom) -> None:
    decision = small_plan(plan_from).evaluate(order(1, "2026-12-31"))
    assert summarize([decision]).trend.periods == ("2026-W53",)
    assert summarize([decision], by="month").trend.periods == ("2026-12",)


def test_a_week_before_the_year_1000_is_named_with_four_digits() -> None:
    """As its day and its month are (`0999-06-01`, `0999-06`): the week was `999-W22`."""
    decision = {**example_documents()[0], "occurred_at": "0999-06-01T10:00:00Z"}
    assert summarize([decision]).trend.periods == ("0999-W22",)


@pytest.mark.parametrize(
    ("by", "periods", "compared"),
    [
        ("day", ("9999-12-30", "9999-12-31"), ("9999-12-30", "9999-12-31")),
        ("week", ("9999-W52",), (None, None)),  # it ends in the year 10000: never whole
        ("month", ("9999-11", "9999-12"), ("9999-11", "9999-12")),
    ],
)
def test_the_last_periods_of_the_calendar_are_counted(
    by: str, periods: tuple[str, ...], compared: tuple[Any, Any]
) -> None:
    """A decision dated in the last period of 9999 had stopped the report with an internal
    error, `year 10000 is out of range` (found by review)."""
    decision = example_documents()[0]
    times = ["9999-11-01T00:00:00Z", "9999-12-30T10:00:00Z", "9999-12-31T23:59:59Z"]
    if by != "month":
        times = times[1:]
    trend = summarize([{**decision, "occurred_at": t} for t in times], by=by).trend
    assert (trend.periods, (trend.before, trend.last_full)) == (periods, compared)


@pytest.mark.parametrize(
    ("document", "said"),
    [
        (
            {"id": "e1", "type": "review"},
            "/: an event, not a decision: report on what `backplan eval` writes for it",
        ),
        (  # an event without its id is an event too (it had been told it has no `format`)
            {"type": "review", "occurred_at": "2026-11-23T09:30:00Z"},
            "/: an event, not a decision: report on what `backplan eval` writes for it",
        ),
        (
            {"format": "backplan.report/1"},
            "/: not a decision `backplan eval` wrote: its `format` is `backplan.report/1`, "
            "where a decision's is `backplan.decision/1` and an error record's "
            "`backplan.error/1`",
        ),
        (
            {"level": "info", "msg": "started"},  # another tool's line: "/format: missing"
            "/: not a decision `backplan eval` wrote: it has no `format`, where a decision's is "
            "`backplan.decision/1` and an error record's `backplan.error/1`",
        ),
        ({"format": "backplan.error/1"}, "/error/code: an error record states its code as text"),
        ([1, 2], "/: should be an object, a decision as `backplan eval` writes"),
    ],
)
def test_what_is_not_a_decision_is_refused_plainly(document: Any, said: str) -> None:
    counts = ReportCounts()
    with pytest.raises(DecisionFormatError) as refused:
        counts.add(document)
    assert refused.value.problems == (said,)
    assert counts.report() == ReportCounts().report()


def test_a_decision_off_the_format_is_refused_with_each_place() -> None:
    document = example_documents()[0]
    del document["matched"]
    document["fallback"] = "no"
    with pytest.raises(DecisionFormatError) as refused:
        ReportCounts().add(document)
    assert refused.value.problems == (
        "/matched: is missing: a decision always has it",
        '/fallback: should be true or false, not "no"',
    )


def test_a_decision_nested_deeper_than_pydantic_writes_is_refused_and_counts_nothing() -> None:
    # orjson reads 1024 levels, pydantic writes about 250: its plain ValueError ("Maximum
    # serialization depth exceeded") had stopped the report with an internal error.
    document = example_documents()[0]
    document["actions"][0]["params"]["deep"] = "here"
    line = orjson.dumps(document).replace(b'"here"', b"[" * 300 + b"]" * 300)
    counts = ReportCounts()
    with pytest.raises(DecisionFormatError) as refused:
        counts.add(orjson.loads(line))  # as `backplan report` reads a line
    assert refused.value.problems == (
        f"/actions/0/params/deep{'/0' * 196}: nests deeper than 200 levels",
    )
    assert counts.report() == ReportCounts().report()


def _compensated() -> tuple[dict[str, Any], int]:
    """A decision of the examples with an offer, and the place of its compensate action."""
    document = next(d for d in example_documents() if d["compensation"])
    return document, next(i for i, a in enumerate(document["actions"]) if a["type"] == "compensate")


def test_a_decision_whose_offer_cannot_be_read_counts_nothing() -> None:
    document, where = _compensated()
    document["actions"][where]["params"]["amount"] = 24.0  # a number, where eval writes text
    counts = ReportCounts()
    with pytest.raises(DecisionFormatError) as refused:
        counts.add(document)
    assert refused.value.problems == (
        f'/actions/{where}/params/amount: should be an amount as text, such as "24.00"',
    )
    assert counts.report() == ReportCounts().report()


@pytest.mark.parametrize(
    "time", ["2026-13-45T10:00:00Z", "2026-02-29T10:00:00Z", "2026-11-23T24:00:00Z"]
)
def test_a_decision_at_no_real_time_is_refused_and_counts_nothing(time: str) -> None:
    # The format's pattern is digits in places: a month 13, a 29 February of 2026 or the
    # hour 24 pass it, and had stopped the report with an internal error (a ValueError).
    document = {**example_documents()[0], "occurred_at": time}
    counts = ReportCounts()
    with pytest.raises(DecisionFormatError) as refused:
        counts.add(document)
    assert refused.value.problems == (f"/occurred_at: `{time}` is not a real date and time",)
    assert counts.report() == ReportCounts().report()


@pytest.mark.parametrize(
    ("time", "said"),
    [
        (
            "2026-11-23T09:30:00",
            "/occurred_at: `2026-11-23T09:30:00` is not a time in UTC as a decision writes it, "
            "such as `2026-11-23T09:30:00Z`",
        ),
        (
            "2026-11-23T11:30:00+02:00",
            "/occurred_at: `2026-11-23T11:30:00+02:00` is not a time in UTC as a decision "
            "writes it, such as `2026-11-23T09:30:00Z`",
        ),
        (
            1795426200,
            '/occurred_at: should be text in quotes, such as "2026-11-23T09:30:00Z", not the '
            "number 1795426200",
        ),
    ],
)
def test_an_unchecked_decision_at_a_time_not_in_utc_is_refused_and_counts_nothing(
    time: object, said: str
) -> None:
    # A view an app makes itself (Decision(document)) is not checked: a time without its zone
    # had raised a bare TypeError from inside the counting, "can't compare offset-naive and
    # offset-aware datetimes", once a decision with a real UTC time had been counted.
    dated, document = example_documents()[:2]
    counts = ReportCounts()
    counts.add(Decision(dated))
    before = counts.report()
    with pytest.raises(DecisionFormatError) as refused:
        counts.add(Decision({**document, "occurred_at": time}))
    assert refused.value.problems == (said,)
    assert counts.report() == before
    with pytest.raises(DecisionFormatError):
        summarize([Decision({**document, "occurred_at": time})])


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("time", "/occurred_at: `2026-02-30T10:00:00Z` is not a real date and time"),
        ("amount", '/actions/{at}/params/amount: should be an amount as text, such as "24.00"'),
        ("kind", "/actions/{at}/params: a compensate action states its currency and kind"),
        ("rule", "/actions/{at}/rule: an action states its rule as text"),
    ],
)
def test_an_unchecked_decision_the_report_cannot_read_is_refused_and_counts_nothing(
    change: str, said: str
) -> None:
    # A view an app makes itself (Decision(document)) is not checked against the format, as a
    # mapping is: the report's own reading refuses what it cannot add up, in the same words.
    document, at = _compensated()
    if change == "time":
        document["occurred_at"] = "2026-02-30T10:00:00Z"
    elif change == "amount":
        document["actions"][at]["params"]["amount"] = 24.0
    elif change == "rule":  # (sorted beside the other rules' ids, it had raised TypeError)
        document["actions"][at]["rule"] = None
    else:
        del document["actions"][at]["params"]["kind"]
    counts = ReportCounts()
    with pytest.raises(DecisionFormatError) as refused:
        counts.add(Decision(document))
    assert refused.value.problems == (said.format(at=at),)
    assert counts.report() == ReportCounts().report()


def test_unchecked_decisions_are_told_apart_by_what_they_hold_even_beyond_json() -> None:
    # A Decision made of any mapping may hold values JSON has no words for (told apart by
    # how Python writes them), or an event id that is neither text nor a whole number (no
    # event to tell it is decided again: each is counted).
    document = example_documents()[0]
    noted = {**document, "note": Decimal("1.10")}  # any Python value: not JSON
    counts = ReportCounts()
    for item in (noted, noted, {**noted, "note": Decimal("1.20")}):
        counts.add(Decision(item))
    for _ in range(2):
        counts.add(Decision({**document, "event_id": 1.5}))
    report = counts.report()
    assert (report.decisions, report.repeats.same, report.repeats.different) == (4, 1, 1)


def test_an_unknown_period_is_refused() -> None:
    with pytest.raises(ValueError, match=r"by must be one of day, week, month, not 'year'"):
        ReportCounts("year")


@pytest.mark.parametrize(
    ("part", "whole", "shown"), [(1, 3, "33.3"), (2, 3, "66.7"), (1, 16, "6.3"), (0, 0, "0.0")]
)
def test_shares_are_rounded_half_up(part: int, whole: int, shown: str) -> None:
    assert share(part, whole) == shown


_TIMES = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 3, 31))
_EVENTS = st.lists(
    st.builds(
        lambda number, kind, moment, total: {
            "id": number,
            "type": kind,
            "issue": "late",
            "occurred_at": moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),  # `.5Z` sorts before `Z`
            "order": {"total": total},
        },
        st.integers(0, 1000),
        st.sampled_from(["order", "conduct", "review"]),
        _TIMES,
        st.sampled_from([0.1, 10.0, 99.99, 150.0]),
    ),
    max_size=12,
)


@pytest.fixture(scope="module")
def usd_plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    folder = tmp_path_factory.mktemp("report-plan")
    return load_plan(_written(folder / "plan.yaml", SMALL_PLAN.format(currency="USD")))


@given(events=_EVENTS, data=st.data())
def test_the_order_of_the_decisions_does_not_change_the_report(
    usd_plan: Plan, events: list[dict[str, Any]], data: st.DataObject
) -> None:
    documents = [json.loads(usd_plan.evaluate_json(event)) for event in events]
    shuffled = data.draw(st.permutations(documents))
    for by in ("day", "week", "month"):
        first, second = summarize(documents, usd_plan, by), summarize(shuffled, usd_plan, by)
        assert first == second
        assert render_report(first) == render_report(second)


@pytest.fixture(scope="module")
def money_plans(tmp_path_factory: pytest.TempPathFactory) -> list[Plan]:
    """Plans of three currencies (0, 2 and 3 decimals) combining offers by sum and by max,
    with a cap and offers the event may not size: what decides how much each rule gives."""
    bodies = [
        MONEY_PLAN.format(currency=currency, combine=combine)
        for currency, combine in [("USD", "sum"), ("JPY", "max"), ("KWD", "sum"), ("USD", "max")]
    ]
    bodies.append(SMALL_PLAN.format(currency="USD"))
    return [
        load_plan(_written(tmp_path_factory.mktemp("money-plan") / "plan.yaml", body))
        for body in bodies
    ]


_PRICED = st.lists(
    st.tuples(
        st.integers(0, 4),  # which plan decides it
        _TIMES,
        st.sampled_from([None, 0.04, 0.1, 33.33, 99.99, 150.0, 400.0, 12345.67]),
        st.booleans(),  # lost: the small plan's store credit beside its other offers
    ),
    max_size=20,
)


def _floats_in(value: object) -> list[float]:
    """Every float in a JSON-ready document: money is never one."""
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [f for item in value.values() for f in _floats_in(item)]
    if isinstance(value, list):
        return [f for item in value for f in _floats_in(item)]
    return []


def _priced_decisions(plans: list[Plan], picks: list[Any]) -> list[dict[str, Any]]:
    documents = []
    for number, (which, moment, total, lost) in enumerate(picks):
        event = {**order(number, "", total), "occurred_at": f"{moment:%Y-%m-%dT%H:%M:%S}Z"}
        documents.append(json.loads(plans[which].evaluate_json({**event, "lost": lost})))
    return documents


@given(picks=_PRICED)
def test_each_currency_s_rules_add_up_to_its_total_exactly(
    money_plans: list[Plan], picks: list[Any]
) -> None:
    """Which rule costs what: each rule's amount is the sum of the compensate actions it made
    (offers set aside are none), in its currency's decimals, the largest first, and each
    currency's rules add up to its total, exactly."""
    documents = _priced_decisions(money_plans, picks)
    report = summarize(documents)
    compensation = report.compensation
    made: dict[tuple[str, str], tuple[int, Decimal, int]] = {}
    for document in documents:
        summary = document["compensation"]
        for aside in [] if summary is None else summary["superseded"]:
            key = (summary["currency"], aside["rule"])
            offers, amount, set_aside = made.get(key, (0, Decimal(0), 0))
            made[key] = (offers, amount, set_aside + 1)
        for action in document["actions"]:
            if action["type"] == "compensate":
                key = (action["params"]["currency"], action["rule"])
                offers, amount, set_aside = made.get(key, (0, Decimal(0), 0))
                made[key] = (offers + 1, amount + Decimal(action["params"]["amount"]), set_aside)
    counted = {
        (r.currency, r.rule): (r.offers, Decimal(r.amount), r.set_aside) for r in compensation.rules
    }
    assert counted == made
    for total in compensation.currencies:
        rules = [r for r in compensation.rules if r.currency == total.currency]
        amounts = [Decimal(r.amount) for r in rules]
        assert sum(amounts, Decimal(0)) == Decimal(total.total)
        waiting = [Decimal(r.awaiting_approval) for r in rules]
        assert sum(waiting, Decimal(0)) == Decimal(total.awaiting_approval)
        assert amounts == sorted(amounts, reverse=True)
        kinds = [k.offers for k in compensation.kinds if k.currency == total.currency]
        assert sum(r.offers for r in rules) == sum(kinds)
        digits = minor_unit_digits(total.currency)
        assert {Decimal(r.amount).as_tuple().exponent for r in rules} == {-digits}
    assert _floats_in(report.to_document()) == []


@given(picks=_PRICED)
def test_each_currency_s_spend_over_the_periods_adds_up_to_its_total(
    money_plans: list[Plan], picks: list[Any]
) -> None:
    """Every decision is dated within the trend's reach: its periods' amounts add up to each
    currency's total, exactly, whatever the period."""
    documents = _priced_decisions(money_plans, picks)
    for by in ("day", "week", "month"):
        report = summarize(documents, by=by)
        totals = {c.currency: Decimal(c.total) for c in report.compensation.currencies}
        spent = {
            s.currency: sum(map(Decimal, s.amounts), Decimal(0)) for s in report.trend.compensation
        }
        assert spent == totals
        assert all(len(s.amounts) == len(report.trend.periods) for s in report.trend.compensation)
        assert _floats_in(report.to_document()) == []


def test_the_text_shows_the_latest_periods_and_the_json_them_all(plan_from: PlanFrom) -> None:
    """A decision dated long before the rest had made a column for every week between: a
    table no terminal shows (found by review)."""
    plan = small_plan(plan_from)
    decisions = [plan.evaluate(order(1, "2025-12-01")), plan.evaluate(order(2, "2026-11-30"))]
    report = summarize(decisions)
    assert len(report.trend.periods) == 53
    text = render_report(report)
    assert (
        "Trend by week (UTC; ISO weeks; the last 8 of 53 weeks; `--format json` has them all)\n"
        "  event type  2026-W42  2026-W43  2026-W44  2026-W45  2026-W46  2026-W47  2026-W48"
        "  2026-W49\n"
        "  all events         0         0         0         0         0         0         0"
        "         1\n"
    ) in text
    assert "2026-W41" not in text
    assert len(report.to_document()["trend"]["periods"]) == 53


def test_a_fallback_that_never_fired_is_not_listed_among_rules_never_fired(
    plan_from: PlanFrom,
) -> None:
    """It is good news, read as a warning there (found by review); its own line says it."""
    plan = small_plan(plan_from)
    report = summarize([plan.evaluate(order(n, "2026-11-30")) for n in (1, 2)], plan)
    assert report.fallback == 0
    assert report.never_fired == ("big", "lost", "never", "rude")
    assert "The fallback decided no event: a rule of the plan fitted every one." in (
        render_report(report)
    )


def test_counts_are_written_with_their_thousands_grouped(plan_from: PlanFrom) -> None:
    """ "200000 decisions" had to be counted out, where eval's warnings say 12,345 (found by
    review)."""
    decision = small_plan(plan_from).evaluate(order(1, "2026-11-30")).to_document()
    counts = ReportCounts()
    for number in range(12345):  # each of another event: a decision repeated counts once
        counts.add({**decision, "event_id": number})
    for _ in range(1234):
        counts.add({"format": "backplan.error/1", "error": {"code": "bad-json"}})
    text = render_report(counts.report())
    assert text.startswith("Backplan report: 12,345 decisions, all at 2026-11-30T10:00:00Z")
    assert "; 1,234 error records (events eval could not decide: bad-json 1,234).\n" in text
    assert "  order  12,345  100.0%\n" in text
    assert "  late  12,345           100.0%\n" in text
    assert "  decisions with a gesture             12,345  (100.0% of events)\n" in text


def test_money_is_written_with_its_thousands_grouped(plan_from: PlanFrom) -> None:
    """Amounts beside grouped counts read "191,700  8589767.00  USD": a total of millions had
    to be counted out (found by review). The JSON keeps the exact text, ungrouped."""
    decision = small_plan(plan_from).evaluate(order(1, "2026-11-30")).to_document()  # 5.00 USD
    counts = ReportCounts()
    for number in range(12345):  # each of another event: a decision repeated counts once
        counts.add({**decision, "event_id": number})
    report = counts.report()
    text = render_report(report)
    assert "  voucher  12,345  61,725.00  USD\n" in text
    assert "  total    12,345  61,725.00  USD\n" in text
    assert "  Of the 61,725.00 USD, 0.00 needed approval (proposed" in text
    assert report.compensation.currencies[0].total == "61725.00"


def test_each_currency_s_total_is_under_its_own_gestures(
    plan_from: PlanFrom, tmp_path: Path
) -> None:
    """The totals of two currencies had been written together under all the gestures, the
    dollars' total below the yen's gestures (found by review)."""
    (tmp_path / "yen").mkdir()
    yen = load_plan(_written(tmp_path / "yen" / "plan.yaml", SMALL_PLAN.format(currency="JPY")))
    decisions = [
        small_plan(plan_from).evaluate(order(1, "2026-11-23", 50.0)),  # 5.00 USD voucher
        yen.evaluate(order(2, "2026-11-24", 50.0)),  # 5 JPY voucher
        yen.evaluate(order(3, "2026-11-24", 999.0)),  # the refund of 40 JPY, capped at 30
    ]
    text = render_report(summarize(decisions))
    assert (
        "  kind     offers  amount\n"
        "  refund        1      30  JPY\n"
        "  voucher       1       5  JPY\n"
        "  total         2      35  JPY\n"
        "  voucher       1    5.00  USD\n"
        "  total         1    5.00  USD\n"
    ) in text


def test_the_trend_s_limits_are_the_ones_the_docs_and_the_schema_give() -> None:
    limits = trend_limits()  # "366 days, 261 weeks or 120 months"
    docs = " ".join((REPO / "docs" / "report.md").read_text(encoding="utf-8").split())
    schema = json.loads((REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    assert f"latest {limits}" in docs
    assert f"latest {limits};" in schema["$defs"]["Trend"]["properties"]["periods"]["description"]


@pytest.mark.parametrize(("by", "periods"), [("day", 366), ("week", 261), ("month", 120)])
def test_the_trend_covers_the_latest_periods_only(
    plan_from: PlanFrom, by: str, periods: int
) -> None:
    """A decision dated 1900 beside today's made a period for every day between, for each
    event type and rule: two lines took 10 s and 450 MB (found by review)."""
    plan = small_plan(plan_from)
    old, new = plan.evaluate(order(1, "1900-01-01")), plan.evaluate(order(2, "2026-11-30"))
    report = summarize([old, new], by=by)
    trend = report.trend
    assert len(trend.periods) == periods and trend.events[-1] == 1
    assert trend.earlier == 1 and sum(trend.events) == 1
    assert trend.rules == (Series("late", (0,) * (periods - 1) + (1,)),)
    assert report.first == "1900-01-01T10:00:00Z" and report.rules == (Count("late", 2),)
    first = trend.periods[0]
    assert (
        f"1 decision dated before {first}, more than {periods} {by}s before the last, is "
        "counted everywhere but here."
    ) in render_report(report)
    older = summarize([old, plan.evaluate(order(3, "1901-01-01")), new], by=by)
    assert (
        f"2 decisions dated before {first}, more than {periods} {by}s before the last, are "
        "counted everywhere but here."
    ) in render_report(older)
    assert report.to_document()["trend"]["earlier"] == 1


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("holder", "not PlanHolder: give holder.plan, the plan in force"),
        (str(REPO / "rules"), "not str: load it first: engine.load_plan(path)"),
        (REPO / "rules", "not PosixPath: load it first: engine.load_plan(path)"),
        (STARTER.model, "not PlanModel: make one with engine.load_plan(path)"),
        ("month", "not str: to count per month, give by='month'"),  # summarize(d, "month")
    ],
)
def test_a_plan_given_that_is_no_loaded_plan_is_refused_in_words(given: Any, words: str) -> None:
    """`summarize(decisions, plan=holder)` (the PlanHolder a service keeps), or the plan's
    path as `backplan report --plan` takes it, raised AttributeError "has no attribute
    'fingerprint'" from inside the report, once every decision had been read."""
    from engine.reload import PlanHolder

    plan = PlanHolder(REPO / "rules") if given == "holder" else given
    decisions = (STARTER.decide(json.loads(path.read_bytes())) for path in EXAMPLES)
    expected = f"the plan to report on is a loaded Plan, {words}"
    with pytest.raises(TypeError) as refused:
        summarize(decisions, plan=plan)
    assert str(refused.value) == expected
    assert next(decisions)["format"] == "backplan.decision/1"  # refused before reading any
    with pytest.raises(TypeError) as refused:
        ReportCounts().report(plan)
    if given == "month":  # report() takes no period (report(by=) is no call): the counts do
        expected = (
            "the plan to report on is a loaded Plan, not str: to count per month, make the "
            "counts with ReportCounts(by='month')"
        )
    assert str(refused.value) == expected


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("decision", "not one decision: give a list of it, [decision]"),
        ("document", "not one decision: give a list of it, [decision]"),
        ("line", "not JSON text: parse each line of `backplan eval`'s output first"),
        ("text", "not JSON text: parse each line of `backplan eval`'s output first"),
        ("file", "not an open file: parse each line of `backplan eval`'s output first"),
        (None, "not NoneType"),
    ],
)
def test_what_is_no_iterable_of_decisions_is_refused_in_words(
    given: Any, words: str, tmp_path: Path
) -> None:
    """`summarize(decision)` (one decision, or its document, given where a list goes) was told
    "should be an object, a decision as `backplan eval` writes" of each key, a decision line
    of each of its characters or numbers, and `summarize(None)` Python's "'NoneType' object is
    not iterable"."""
    decision = STARTER.evaluate(json.loads(EXAMPLES[0].read_bytes()))
    (tmp_path / "decisions.jsonl").write_bytes(decision.to_json() + b"\n")
    with open(tmp_path / "decisions.jsonl", "rb") as file:
        decisions = {
            "decision": decision,
            "document": decision.to_document(),
            "line": decision.to_json(),
            "text": decision.to_json().decode(),
            "file": file,
            None: None,
        }[given]
        with pytest.raises(TypeError) as refused:
            summarize(decisions)
    said = str(refused.value)
    assert said.startswith(f"summarize takes an iterable of decisions, such as a list, {words}")


@pytest.mark.parametrize("as_text", [bytes, str])
def test_decision_lines_not_parsed_are_told_to_be_parsed(as_text: Callable[..., Any]) -> None:
    """A nightly job's `summarize(lines)`, the lines of eval's output as read from its file,
    was told "should be an object, a decision as `backplan eval` writes" of each line, which
    was just that; `ReportCounts.add` of a line in bytes too."""
    line = STARTER.evaluate(json.loads(EXAMPLES[0].read_bytes())).to_json()
    said = (
        "/: JSON text, not a decision document: parse each line of `backplan eval`'s output "
        "first, such as orjson.loads(line) (docs/report.md, *In Python*, goes on past the "
        "lines that are not decisions)"
    )
    text = line if as_text is bytes else line.decode()
    with pytest.raises(DecisionFormatError) as refused:
        summarize([text])
    assert refused.value.problems == (said,)
    if as_text is bytes:
        with pytest.raises(DecisionFormatError) as refused:
            ReportCounts().add(text)
        assert refused.value.problems == (said,)


def test_results_of_evaluate_many_are_told_to_give_their_decisions() -> None:
    """`summarize(plan.evaluate_many(events))`, the way a nightly replay reads, was told
    "should be an object, a decision as `backplan eval` writes" of its first result."""
    events = [json.loads(path.read_bytes()) for path in EXAMPLES[:2]]
    with pytest.raises(DecisionFormatError) as refused:
        summarize(STARTER.evaluate_many(events))
    assert refused.value.problems == (
        "/: a result of evaluate_many, not a decision: give its decision, result.decision "
        "(None when result.error says why the event was not decided)",
    )
    results = STARTER.evaluate_many(events)
    report = summarize(result.decision for result in results if result.decision is not None)
    assert report.decisions == 2


def test_the_none_of_an_event_not_decided_is_told_where_it_comes_from() -> None:
    """`summarize([r.decision for r in plan.evaluate_many(events)])` holds None for each event
    not decided: the first had stopped the report, told only "should be an object, a decision
    as `backplan eval` writes"."""
    events = [json.loads(EXAMPLES[0].read_bytes()), {"id": "no-type"}]
    decisions = [result.decision for result in STARTER.evaluate_many(events)]
    with pytest.raises(DecisionFormatError) as refused:
        summarize(decisions)
    assert refused.value.problems == (
        "/: None, not a decision: the decision of an event evaluate_many did not decide "
        "(result.error says why); give the results' decisions that are not None, such as "
        "(result.decision for result in results if result.decision is not None)",
    )
    assert summarize(d for d in decisions if d is not None).decisions == 1


def test_a_line_holding_json_text_is_still_said_to_be_no_object_by_report() -> None:
    """`backplan report` parses a line `"a"` to text: it is no decision line left unparsed."""
    with pytest.raises(DecisionFormatError) as refused:
        ReportCounts().add("a")  # type: ignore[arg-type]
    assert refused.value.problems == (
        "/: should be an object, a decision as `backplan eval` writes",
    )


def test_a_decision_repeated_is_counted_once_and_another_of_its_event_twice() -> None:
    """The same event decided twice (a webhook retried, a file of decisions given twice) had
    been counted twice, its gesture's cost too. The same decision again counts once; another
    decision of an event decided before (the plan changed between runs?) counts, as the
    report cannot tell which holds, and both are said."""
    documents = example_documents()
    alone = summarize(documents)
    twice = summarize(documents + documents)
    assert twice.repeats == Repeats(same=len(documents), different=0)
    assert dataclasses.replace(twice, repeats=Repeats(0, 0)) == alone
    relayout = json.loads(json.dumps(documents[0], indent=2, sort_keys=False))  # same decision
    other = {**documents[1], "event_id": documents[0]["event_id"]}  # another, of that event
    report = summarize([*documents, relayout, other, other])
    assert report.repeats == Repeats(same=2, different=1)
    assert report.decisions == len(documents) + 1
    assert report.to_document()["repeats"] == {"same": 2, "different": 1, "error_records": 0}
    text = render_report(report)
    assert (
        f"Read: {len(documents) + 3} decisions; 0 error records (events eval could not decide).\n"
        "2 decisions repeated an earlier decision of the same event (sent twice, or the "
        "decisions given twice): counted once.\n"
        "1 decision decided an event decided otherwise before (the plan changed between runs, "
        "an event was sent again with other fields (a store corrected), or two events share "
        "an id): each counted.\n"
    ) in text


def test_a_decision_with_its_trace_is_the_same_decision_as_without() -> None:
    """The same events decided with `eval --explain` and without, their files given
    together, had each decision counted twice, as another decision of its event (the plan
    changed between runs?), and each gesture's cost twice (found by an operator's replay).
    The trace says why, not what was decided: the decision is the same, counted once; one
    that differs in what was decided, with a trace, is still another."""
    documents = example_documents()
    explained = [
        json.loads(STARTER.explain(json.loads(path.read_text(encoding="utf-8"))).to_json())
        for path in EXAMPLES
    ]
    assert all("trace" in document for document in explained)
    alone = summarize(documents)
    both = summarize(documents + explained)
    assert both.repeats == Repeats(same=len(documents), different=0)
    assert dataclasses.replace(both, repeats=Repeats(0, 0)) == alone
    other = {**explained[1], "event_id": documents[0]["event_id"]}
    assert summarize([*documents, other]).repeats == Repeats(same=0, different=1)


def _rejected(event_id: str | None, line: int, code: str, message: str) -> dict[str, Any]:
    """An error record as eval writes it, of an event read from standard input."""
    where = {"source": "<stdin>", "line": line, "index": line - 1}
    error = {"code": code, "message": message, **where}
    return {"format": "backplan.error/1", "event_id": event_id, "error": error}


def test_an_error_record_read_again_is_counted_once_as_a_decision_is() -> None:
    """A file of eval's output given twice counted its decisions once and its error records
    twice. A record of an event is read again when the same rejection of that event was
    read, wherever (the event sent twice); one of no event id only at the very place of the
    same input (a file given twice): each day's `<stdin>` may have a line 7 with no id."""
    late = "`occurred_at` is not a timestamp: `yesterday`"
    counts = ReportCounts()
    for _ in range(2):  # the same file given twice
        counts.add(_rejected("e-1", 3, "bad-time", late), "errors.jsonl", 1)
        counts.add(
            _rejected(
                None,
                7,
                "missing-id",
                "the event has no `id` (the complaint's own id, text or a whole number, which its decision repeats)",
            ),
            "errors.jsonl",
            2,
        )
    counts.add(_rejected("e-1", 12, "bad-time", late), "later.jsonl", 1)  # e-1 sent again
    counts.add(
        _rejected(
            None,
            7,
            "missing-id",
            "the event has no `id` (the complaint's own id, text or a whole number, which its decision repeats)",
        ),
        "later.jsonl",
        2,
    )
    counts.add(_rejected("e-1", 3, "bad-time", "`occurred_at` is not a timestamp: ``"))
    report = counts.report()
    assert report.error_records == 4 and report.repeats == Repeats(0, 0, error_records=3)
    assert report.error_codes == (Count("bad-time", 2), Count("missing-id", 2))
    assert report.to_document()["repeats"] == {"same": 0, "different": 0, "error_records": 3}
    assert render_report(report).splitlines()[1:3] == [
        "Read: 0 decisions; 7 error records (events eval could not decide: bad-time 2, "
        "missing-id 2).",
        "3 error records repeated an earlier one (the same event rejected again, or a file "
        "of them given twice): counted once.",
    ]


def test_where_the_first_repeat_was_is_kept() -> None:
    counts = ReportCounts()
    documents = example_documents()
    for number, document in enumerate(documents, start=1):
        counts.add(document, "a.jsonl", number)
    assert counts.first_repeat is None
    counts.add(documents[2])  # no place given: its number among the decisions
    counts.add(documents[1], "b.jsonl", 9)
    assert counts.first_repeat == RepeatPlaces(
        documents[2]["event_id"], ("a.jsonl", 3), ("", len(documents) + 1)
    )


@given(
    picks=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2)), max_size=10),
    data=st.data(),
)
def test_repeats_do_not_make_the_order_of_the_decisions_matter(
    usd_plan: Plan, picks: list[tuple[int, int]], data: st.DataObject
) -> None:
    """Decisions of four events, each decided one of three ways, in any order, repeated or
    not: the same report (each different decision of an event counted once)."""
    totals = (10.0, 99.99, 150.0)
    documents = [
        json.loads(usd_plan.evaluate_json(order(number, "2026-01-05", totals[way])))
        for number, way in picks
    ]
    shuffled = data.draw(st.permutations(documents))
    first, second = summarize(documents, usd_plan), summarize(shuffled, usd_plan)
    assert first == second
    assert first.decisions == len(set(picks))
    assert first.repeats.same == len(picks) - len(set(picks))


def test_a_decision_of_a_numbered_event_repeated_is_counted_once() -> None:
    """An event id may be a number (`"id": 1042`): the same decision of it given twice is a
    repeat as one of a text id is (tested with text ids alone, numbered ones were counted
    twice by a mutant that told only text ids)."""
    documents = [{**d, "event_id": n} for n, d in enumerate(example_documents(), start=1000)]
    twice = summarize(documents + documents)
    assert twice.decisions == len(documents)
    assert twice.repeats == Repeats(same=len(documents), different=0)


def test_a_decision_view_of_no_event_id_or_of_values_json_cannot_hold_is_counted() -> None:
    """A `Decision` made of any mapping is not checked: one with no usable event id (None)
    has no event to tell a repeat by, so each is counted; one holding a value JSON cannot
    write (a set) is fingerprinted as Python writes it, and counted once when repeated."""
    document = example_documents()[0]
    unnamed = Decision({**document, "event_id": None})
    assert summarize([unnamed, unnamed]).decisions == 2
    odd = Decision({**document, "note": {1, 2}})
    report = summarize([odd, odd])
    assert report.decisions == 1 and report.repeats == Repeats(same=1, different=0)


def test_an_event_rejected_again_elsewhere_counts_once_and_another_rejection_of_it_counts() -> None:
    """The same rejection of an event read at another place (the event sent twice) is a
    repeat; a rejection of it with another code, though worded the same, is not, and
    neither is one worded otherwise at the very same place."""
    late = "`occurred_at` is not a timestamp: `yesterday`"
    counts = ReportCounts()
    counts.add(_rejected("e-1", 3, "bad-time", late))
    counts.add(_rejected("e-1", 12, "bad-time", late))
    assert counts.report().error_codes == (Count("bad-time", 1),)
    counts.add(_rejected("e-1", 3, "bad-event", late))
    counts.add(_rejected("e-1", 3, "bad-event", "`occurred_at` is missing"))
    report = counts.report()
    assert report.error_codes == (Count("bad-event", 2), Count("bad-time", 1))
    assert report.repeats == Repeats(0, 0, error_records=1)


def test_a_decision_as_any_mapping_is_counted_and_a_dict_is_not_walked_for_values() -> None:
    """A decision may come as any mapping (an app's read-only view of one), checked as
    `Decision.validate` checks it; a dict, as a decision line parses to, is checked without
    walking its values for ones JSON cannot hold (the report writes none back: a parameter
    of infinity is counted). Mutants refusing every mapping but a dict, or walking a dict's
    values, survived."""
    document = next(d for d in example_documents() if d["compensation"])
    alone = summarize([document])
    assert summarize([MappingProxyType(document)]) == alone
    action = document["actions"][0]
    noted = {**action, "params": {**action["params"], "note": math.inf}}
    odd = {**document, "actions": [noted, *document["actions"][1:]]}
    assert summarize([odd]) == alone


def _offering_view(params: dict[str, Any], **changed: Any) -> tuple[Decision, int]:
    """A `Decision` view, never checked, of an example decision with an offer: its compensate
    action's parameters and its top-level fields changed; and where that action is."""
    document = next(d for d in example_documents() if d["compensation"])
    where = next(i for i, a in enumerate(document["actions"]) if a["type"] == "compensate")
    action = document["actions"][where]
    actions = list(document["actions"])
    actions[where] = {**action, "params": {**action["params"], **params}}
    return Decision({**document, "actions": actions, **changed}), where


@pytest.mark.parametrize(
    ("params", "changed", "said"),
    [
        ({"amount": 24}, {}, 'params/amount: should be an amount as text, such as "24.00"'),
        ({"amount": "24,00"}, {}, 'params/amount: should be an amount as text, such as "24.00"'),
        ({"currency": None}, {}, "params: a compensate action states its currency and kind"),
        ({"kind": 5}, {}, "params: a compensate action states its currency and kind"),
        ({}, {"occurred_at": "2026-13-45T10:00:00Z"}, "not a real date and time"),
    ],
)
def test_a_decision_view_not_checked_is_refused_in_words_and_counts_nothing(
    params: dict[str, Any], changed: dict[str, Any], said: str
) -> None:
    """A `Decision` view is not checked against the format, so what the report reads of it
    is: each mistake said as for a decision line, never a TypeError or InvalidOperation
    from inside the counting (mutants joining the tests with `and` let them through)."""
    view, where = _offering_view(params, **changed)
    counts = ReportCounts()
    with pytest.raises(DecisionFormatError) as refused:
        counts.add(view)
    expected = (
        f"/occurred_at: `{changed['occurred_at']}` is {said}"
        if changed
        else f"/actions/{where}/{said}"
    )
    assert refused.value.problems == (expected,)
    assert counts.report() == ReportCounts().report()


def test_a_trend_of_decisions_no_rule_fired_in_has_no_table_of_rules(
    plan_from: PlanFrom,
) -> None:
    """No rule fired (the plan has no fallback, and none fitted): the trend shows the event
    types alone, with no empty table of rules under them."""
    plan = plan_from(
        "rules:\n  - {id: late, title: Late, when: {event: order, all: [{field: "
        "order.delay_days, gte: 3}]}, then: [{apologize: {}}]}\n"
    )
    report = summarize([plan.evaluate(order(1, "2026-11-23")), plan.evaluate(order(2, ""))])
    assert report.trend.rules == ()
    text = render_report(report)
    trend = text[text.index("Trend by week") :].split("\n\n")[0]
    assert trend.splitlines() == [
        "Trend by week (UTC; ISO weeks)",
        "  event type  2026-W48",
        "  all events         1",
        "  order              1",
    ]


def test_a_plan_named_in_wide_characters_keeps_its_table_aligned(plan_from: PlanFrom) -> None:
    """A Japanese name takes two columns a character on a terminal: counted as one, the row
    of `Small 光ホテル` had its count four columns right of the `decisions` above it."""
    plan = plan_from(SMALL_PLAN.format(currency="JPY").replace("Small Store", "Small 光ホテル"))
    lines = render_report(summarize([plan.evaluate(order(1, "2026-11-23"))])).splitlines()
    header, row = lines[lines.index("Made by") + 1 : lines.index("Made by") + 3]
    assert row.startswith("  Small 光ホテル (sha256:") and row.endswith(" 1")
    assert columns(row) == columns(header) == len(header)


def test_columns_are_counted_as_a_terminal_shows_them() -> None:
    assert [columns(t) for t in ("Dana", "Hélène", "光ホテル", "e\u0301", "😊", "محمد")] == [
        4,
        6,
        8,
        1,
        2,
        4,
    ]


def test_rules_never_fired_say_when_another_version_made_the_decisions() -> None:
    """A plan's version 2, held to a quarter of version 1's decisions (`report --plan v2
    q3.jsonl`), listed its renamed and new rules as never fired, as if no complaint had needed
    them, and said nothing of why (found by trial): the heading now says how many decisions
    another version or plan made, in which such a rule cannot have fired."""
    from engine.api import load_plan_text

    revised = load_plan_text(
        "backplan: 1\nplan: {name: Acme Store, currency: USD}\nrules:\n"
        "  - id: wrong-charge\n    title: Wrong charge\n    when: {event: billing}\n"
        "    then: [{escalate: {to: billing-team, within: 4h}}]\n",
        "revised.yaml",
    )
    documents = example_documents()
    text = render_report(summarize(documents, revised))
    assert (
        "Rules of the plan given that never fired (1), though another version or plan made all "
        "26 decisions, in which a rule added or renamed since cannot have fired\n"
        "  wrong-charge\n"
    ) in text
    assert "never fired (25)\n" in render_report(summarize([], STARTER))
    order = {"id": "o-1", "type": "order", "occurred_at": "2026-11-23T09:30:00Z"}
    assert (
        "never fired (1), though another version or plan made 1 of the 2 decisions, in which"
    ) in render_report(summarize([documents[0], json.loads(revised.evaluate_json(order))], revised))


_STORES = st.sampled_from(["missing", None, "s1", "s2", 1, "1", True, {"a": 1}])
"""A value of `store` in an event (``missing``: none), or text and numbers alike."""
_PER_STORE = st.tuples(
    _PRICED,
    st.lists(st.tuples(st.integers(0, 25), _STORES), max_size=30),  # events given, ids repeated
    st.lists(st.integers(0, 19), max_size=5),  # decisions given twice
)


def _store_values(events: list[tuple[int, Any]]) -> EventValues:
    values = EventValues("store")
    source = values.reading("events.jsonl")
    for line, (number, store) in enumerate(events, start=1):
        event = {"id": f"o{number}"} if store == "missing" else {"id": f"o{number}", "store": store}
        values.add(event, source, line)
    return values


@given(case=_PER_STORE)
def test_the_cost_per_store_adds_up_to_the_report_s_totals(
    money_plans: list[Plan], case: tuple[list[Any], list[tuple[int, Any]], list[int]]
) -> None:
    """Each store's decisions, gestures and cost per currency (the part awaiting approval
    too) add up to the report's own, whatever ids repeat in the events and the decisions,
    and for events without a store or not given: the same counting, split."""
    picks, events, twice = case
    documents = _priced_decisions(money_plans, picks)
    documents += [documents[i] for i in twice if i < len(documents)]
    counts = ReportCounts(per=_store_values(events))
    for document in documents:
        counts.add(document)
    report = counts.report()
    assert report == dataclasses.replace(summarize(documents), by_field=report.by_field)
    split = report.by_field
    assert split is not None and split.field == "store"
    assert sum(v.decisions for v in split.values) == report.decisions
    assert sum(v.with_gesture for v in split.values) == report.compensation.decisions
    for total in report.compensation.currencies:
        mine = [c for v in split.values for c in v.currencies if c.currency == total.currency]
        assert sum((Decimal(c.total) for c in mine), Decimal(0)) == Decimal(total.total)
        waiting = sum((Decimal(c.awaiting_approval) for c in mine), Decimal(0))
        assert waiting == Decimal(total.awaiting_approval)
    last = {f"o{number}": store for number, store in events}
    for value in split.values:
        ids = {d["event_id"] for d in documents}
        if value.group == "not given":
            assert any(i not in last for i in ids)
        elif value.group == "no value":
            assert any(last.get(i, 0) in ("missing", None) for i in ids)
        else:
            assert any(i in last and json.dumps(last[i]) == json.dumps(value.value) for i in ids)
    keys = [(v.group, json.dumps(v.value)) for v in split.values]
    assert len(keys) == len(set(keys))  # 1, "1" and true each their own


def test_the_cost_per_store_keeps_1_and_the_text_1_and_true_apart() -> None:
    values = EventValues("store")
    source = values.reading("events.jsonl")
    for line, store in enumerate([1, "1", True, 1.0], start=1):
        values.add({"id": f"e{line}", "store": store}, source, line)
    assert [values.value_of(f"e{n}") for n in range(1, 5)] == ["1", '"1"', "true", "1"]
    assert values.value_of("e9") is None and values.value_of(True) is None


def test_an_event_id_with_two_values_is_counted_under_its_last_and_named_once() -> None:
    values = EventValues("customer.tier")
    first, second = values.reading("a.jsonl"), values.reading("b.jsonl")
    values.add({"id": 7, "customer": {"tier": "gold"}}, first, 3)
    values.add({"id": 7, "customer": {"tier": "gold"}}, second, 1)  # the same again: no conflict
    assert values.conflict is None
    values.add({"id": 7, "customer": {}}, second, 4)
    values.add({"id": 8, "customer": {"tier": 1}}, first, 5)
    values.add({"id": 8, "customer": {"tier": "1"}}, second, 6)
    assert values.value_of(7) == NO_VALUE and values.value_of(8) == '"1"'
    assert conflict_words(values) == (
        "event 7 has two values of customer.tier: gold at b.jsonl:1, (no customer.tier) at "
        "b.jsonl:4; its decisions are counted under (no customer.tier), its last (1 more "
        "event has two values of it too)"
    )


def test_a_field_no_rule_could_name_is_refused_with_the_path_meant() -> None:
    with pytest.raises(ValueError, match=r"write `order\.items\.0\.sku`"):
        EventValues("order.items[0].sku")
