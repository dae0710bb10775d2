"""engine.compare: two files of decisions paired by event, counted exactly against an
independent count and against `backplan report`'s totals of each file."""

from __future__ import annotations

import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.api import Plan, load_plan
from engine.compare import Pairing, changes, outcome, signed_change
from engine.comparemodel import Comparison as ComparisonModel
from engine.comparetext import render_comparison
from engine.decision import canonical_json
from engine.report import summarize
from tests.test_report import SMALL_PLAN


def _plans() -> tuple[Plan, Plan]:
    """Version 1 (the small plan of the report's tests) and a version 2 that gives more for a
    late order, asks approval sooner, and adds a rule."""
    folder = Path(tempfile.mkdtemp())
    (folder / "v1").mkdir()
    (folder / "v2").mkdir()
    v1 = SMALL_PLAN.format(currency="USD")
    v2 = v1.replace("percent: 10", "percent: 20").replace("approval_above: 20", "approval_above: 8")
    v2 = v2.replace(
        "  - id: never\n",
        "  - id: huge\n    title: Huge order\n    when: {event: order, all: [{field: order.total, "
        "gte: 300}]}\n    then: [{compensate: {kind: voucher, amount: 15}}]\n  - id: never\n",
    )
    (folder / "v1" / "plan.yaml").write_text(v1, encoding="utf-8")
    (folder / "v2" / "plan.yaml").write_text(v2, encoding="utf-8")
    return load_plan(folder / "v1"), load_plan(folder / "v2")


V1, V2 = _plans()

EVENTS = st.lists(
    st.fixed_dictionaries(
        {
            "type": st.sampled_from(["order", "conduct", "other"]),
            "issue": st.sampled_from(["late", "early"]),
            "lost": st.booleans(),
            "order": st.fixed_dictionaries({"total": st.integers(min_value=0, max_value=500)}),
        }
    ),
    max_size=12,
)


def _decided(plan: Plan, events: list[dict[str, Any]], start: int) -> list[dict[str, Any]]:
    documents = []
    for number, event in enumerate(events, start):
        decision = plan.evaluate({**event, "id": f"e{number}"})
        documents.append(decision.to_document())
    return documents


def _compared(before: list[dict[str, Any]], after: list[dict[str, Any]], show: int = 10) -> Any:
    pairing = Pairing(show)
    for document in before:
        pairing.before.add(document)
    for document in after:
        pairing.after.add(document)
    return pairing.comparison("before.jsonl", "after.jsonl")


def _without_plan(document: dict[str, Any]) -> bytes:
    return canonical_json({k: v for k, v in document.items() if k != "plan"})


@settings(max_examples=40, deadline=None)
@given(EVENTS, st.integers(min_value=0, max_value=6), st.integers(min_value=0, max_value=6))
def test_counts_and_money_match_an_independent_count_and_report_s_totals(
    events: list[dict[str, Any]], dropped: int, added: int
) -> None:
    """Events decided by two versions: the first ``dropped`` only before, the last ``added``
    events only after; every count is checked against one made here, by whole documents."""
    kept = events[dropped:]
    before = _decided(V1, events, 0)
    after = _decided(V2, kept, dropped) + _decided(V2, events[:added], 1000)
    comparison = _compared(before, after)
    by_id = {d["event_id"]: d for d in before}
    paired = [(by_id[d["event_id"]], d) for d in after if d["event_id"] in by_id]
    alike = sum(_without_plan(b) == _without_plan(a) for b, a in paired)
    assert (comparison.in_both, comparison.alike) == (len(paired), alike)
    assert comparison.changed == len(paired) - alike
    assert comparison.only_before == len(before) - len(paired)
    assert comparison.only_after == len(after) - len(paired)
    rules_changed = sum(b["matched"] != a["matched"] for b, a in paired)
    assert dict(comparison.kinds)["rules"] == rules_changed
    money_changed = sum(b["compensation"] != a["compensation"] for b, a in paired)
    assert dict(comparison.kinds)["compensation"] <= money_changed
    assert dict(comparison.kinds)["offers"] <= money_changed
    for side, documents in ((comparison.before, before), (comparison.after, after)):
        assert side.decisions == len(documents)
    # each currency's totals are report's of each file, and the change their difference
    totals = [
        {c.currency: c for c in summarize(d).compensation.currencies} for d in (before, after)
    ]
    assert {m.currency for m in comparison.money} == totals[0].keys() | totals[1].keys()
    for money in comparison.money:
        was, now = (t.get(money.currency) for t in totals)
        assert money.before == (was.total if was else money.before)
        assert money.after == (now.total if now else money.after)
        assert Decimal(money.change) == Decimal(money.after) - Decimal(money.before)
        assert Decimal(money.awaiting_change) == Decimal(money.awaiting_after) - Decimal(
            money.awaiting_before
        )
    fired = [Counter(r for d in docs for r in d["matched"]) for docs in (before, after)]
    assert {r.rule: (r.before, r.after) for r in comparison.rules} == {
        rule: (fired[0][rule], fired[1][rule]) for rule in fired[0] | fired[1]
    }
    ComparisonModel.model_validate(comparison.to_document())
    render_comparison(comparison)


def test_the_same_decisions_are_all_alike_and_made_by_one_plan() -> None:
    events = [{"type": "order", "issue": "late", "order": {"total": 90}}, {"type": "conduct"}]
    decided = _decided(V1, events, 0)
    comparison = _compared(decided, decided)
    assert (comparison.in_both, comparison.alike, comparison.changed) == (2, 2, 0)
    assert comparison.same_plan and not comparison.shown
    assert "One plan version made both sides" in render_comparison(comparison)


def test_a_change_of_plan_alone_is_no_change() -> None:
    """The fingerprint differs, nothing decided does: alike (the `plan` is not compared)."""
    events = [{"type": "conduct"}]
    before, after = _decided(V1, events, 0), _decided(V2, events, 0)
    assert before[0]["plan"] != after[0]["plan"]
    comparison = _compared(before, after)
    assert comparison.alike == 1 and not comparison.same_plan


def test_a_trace_is_not_compared() -> None:
    """`eval --explain`'s trace says why, not what was decided."""
    decided = _decided(V1, [{"type": "conduct"}], 0)
    traced = [{**decided[0], "trace": []}]
    assert _compared(decided, traced).alike == 1


def test_each_kind_of_change_is_told() -> None:
    late = {"type": "order", "issue": "late", "order": {"total": 90}}
    before, after = outcome(_decided(V1, [late], 0)[0]), outcome(_decided(V2, [late], 0)[0])
    # the threshold v2 lowers (20 to 8) is the compensation's too: told with the offers
    assert changes(before, after) == ["parameters", "compensation", "offers", "approval"]
    huge = {"type": "order", "issue": "early", "order": {"total": 400}}
    before, after = outcome(_decided(V1, [huge], 0)[0]), outcome(_decided(V2, [huge], 0)[0])
    assert changes(before, after) == ["rules"]  # huge's voucher set aside: refund 40 stays
    assert changes(before, before) == []
    conduct = outcome(_decided(V1, [{"type": "conduct"}], 0)[0])
    later = outcome(
        _decided(V1, [{"type": "conduct", "occurred_at": "2026-01-02T00:00:00Z"}], 0)[0]
    )
    assert changes(conduct, later) == ["deadlines"]  # escalate's due moves with the time
    fallback = outcome(_decided(V1, [{"type": "other"}], 0)[0])
    assert changes(conduct, fallback) == ["rules", "deadlines", "parameters"]
    assert changes(conduct, conduct._replace(types=1, whole=2)) == ["action types"]
    assert changes(conduct, conduct._replace(whole=1)) == ["other"]


def test_an_offer_set_aside_raised_is_told_as_offers_not_other_fields() -> None:
    """Version 2 raising an offer that a larger one still wins changes only what the
    compensation sets aside: it had been told "other fields (the same events?)", as if the
    two files held other events, for files of the very same events."""
    huge = {"type": "order", "issue": "early", "order": {"total": 400}}
    decided = _decided(V2, [huge], 0)[0]
    compensation = decided["compensation"]
    assert compensation["superseded"], "the voucher of huge is set aside: refund 40 wins"
    raised = [{**offer, "amount": "16.00"} for offer in compensation["superseded"]]
    after = {**decided, "compensation": {**compensation, "superseded": raised}}
    assert changes(outcome(decided), outcome(after)) == ["offers"]
    capped = {**decided, "compensation": {**compensation, "offered": "900.00", "capped": True}}
    assert changes(outcome(decided), outcome(capped)) == ["offers"]  # the cap still holds
    # a rule fired on one side only sets its offer aside there: told as the rules fired
    fired = {**after, "matched": [*decided["matched"], "another"]}
    assert changes(outcome(decided), outcome(fired)) == ["rules"]
    comparison = _compared([decided], [after])
    assert dict(comparison.kinds)["other"] == 0
    assert "offers set aside, cap or threshold" in render_comparison(comparison)


def test_a_refusal_on_one_side_is_a_change() -> None:
    refused = outcome(_error_record("e1", "bad-time"))
    decided = outcome(_decided(V1, [{"type": "conduct"}], 1)[0])
    assert changes(refused, decided) == ["now decided"]
    assert changes(decided, refused) == ["now refused"]
    assert changes(refused, outcome(_error_record("e1", "bad-json"))) == ["refused otherwise"]
    moved = _error_record("e1", "bad-time")
    moved["error"] = {**moved["error"], "line": 40, "source": "other.jsonl"}
    assert changes(refused, outcome(moved)) == []


def _error_record(event_id: str, code: str) -> dict[str, Any]:
    return {
        "format": "backplan.error/1",
        "event_id": event_id,
        "error": {"code": code, "message": "m", "source": "q3.jsonl", "line": 1, "index": 0},
    }


def test_an_event_decided_twice_otherwise_is_compared_by_its_first_decision() -> None:
    first = _decided(V1, [{"type": "conduct"}], 0)
    other = _decided(V1, [{"type": "order", "issue": "late", "order": {"total": 90}}], 0)
    pairing = Pairing()
    for document in (*first, *other):
        pairing.before.add(document)
    for document in first:
        pairing.after.add(document)
    comparison = pairing.comparison("b", "a")
    assert comparison.alike == 1 and comparison.before.repeated == 1
    said = pairing.repeats_words("b", "a")
    assert len(said) == 1 and "the first decision of each is compared" in said[0]
    assert "`e0`" in said[0]


def test_show_lists_the_first_changed_events_in_after_s_order() -> None:
    late = [{"type": "order", "issue": "late", "order": {"total": t}} for t in (90, 95, 99)]
    before, after = _decided(V1, late, 0), _decided(V2, late, 0)[::-1]
    comparison = _compared(before, after, show=2)
    assert [c.event_id for c in comparison.shown] == ["e2", "e1"]
    assert comparison.changed == 3
    assert "the first 2 of 3" in render_comparison(comparison)
    assert _compared(before, after, show=0).shown == ()


def test_a_signed_change_is_exact() -> None:
    assert signed_change("10.00", "12.50") == "+2.50"
    assert signed_change("12.50", "10.00") == "-2.50"
    assert signed_change("5.00", "5.00") == "0.00"
    assert signed_change("0.1", "0.30") == "+0.20"


def test_the_text_groups_thousands_of_money_and_its_change() -> None:
    """As report's tables do: "+1250000.00" had to be counted out beside "1,250,000.00"."""
    from dataclasses import replace

    from engine.compare import MoneyChange

    change = MoneyChange("USD", "0.00", "1250000.00", "+1250000.00", "0.00", "0.00", "0.00")
    text = render_comparison(replace(_compared([], []), money=(change,)))
    assert "  USD         0.00  1,250,000.00  +1,250,000.00\n" in text


def test_what_is_held_of_before_shares_its_rules_and_gestures() -> None:
    """Only BEFORE's decisions are held, reduced: events deciding alike hold one tuple of
    rules and one gesture's text between them, not one each."""
    late = [{"type": "order", "issue": "late", "order": {"total": 90}}] * 3
    pairing = Pairing()
    for document in _decided(V1, late, 0):
        pairing.before.add(document)
    held = list(pairing.held.values())
    assert len(held) == 3 and held[0].rules == ("late",)
    assert all(h.rules is held[0].rules and h.money is held[0].money for h in held)


def test_actions_reordered_change_their_order_alone() -> None:
    """A rule's priority changed reorders the actions: their order is told (``action
    types``), not their deadlines and parameters, which had been told changed too."""
    late = {"type": "order", "issue": "late", "order": {"total": 90}}
    decided = _decided(V1, [late], 0)[0]
    assert len({a["type"] for a in decided["actions"]}) > 1
    reordered = {**decided, "actions": decided["actions"][::-1]}
    assert changes(outcome(decided), outcome(reordered)) == ["action types"]
    moved = [{**decided["actions"][0], "within": "9d"}, *decided["actions"][1:]]
    assert changes(outcome(decided), outcome({**decided, "actions": moved})) == ["deadlines"]
