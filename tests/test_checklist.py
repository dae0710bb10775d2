"""checklist: a decision's actions in words, as the agent's checklist and a plan test say them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from engine.checklist import ALONE, Surroundings, describe_action, offer_words
from engine.money import grouped_money

_CUT_FLOOR = {
    "kind": "voucher",
    "amount": "3.00",
    "currency": "EUR",
    "percent": "20",
    "of": "order.total",
    "base": None,
    "limited_by": "per_event_max",
    "unresolved": True,
    "needs_approval": True,
}
"""An offer the event could not size: the rule's minimum (10.00), cut to 3.00 by the plan."""


def test_an_unsized_offer_cut_by_the_plan_names_the_minimum_it_was_cut_from() -> None:
    """ "3.00 is only the rule's minimum, ... from 10.00" named the cut amount as the minimum;
    the rule's minimum was 10.00 (found by review)."""
    words = offer_words(_CUT_FLOOR, Surroundings(before_cap=Decimal("10.00")))
    assert words == (
        ": voucher of 3.00 EUR (20% of order.total) — order.total is missing or not an amount "
        "(a number from 0 up to a thousand trillion, written without quotes: a number in quotes "
        "is text), so the rule's minimum, 10.00 EUR, is offered, cut to 3.00 EUR by the "
        "plan's limit per complaint: decide the amount — needs approval"
    )


def test_an_unsized_offer_cut_by_the_plan_told_alone_names_no_minimum() -> None:
    """A plan test's offer is told without its decision: the minimum is not known, and 3.00
    is not called it."""
    words = offer_words(_CUT_FLOOR, ALONE)
    assert "so the rule's minimum is offered, cut to 3.00 EUR by the plan's limit" in words
    assert "3.00 is only" not in words


def test_an_unsized_offer_at_the_rule_s_minimum_says_so() -> None:
    """Not cut, the amount offered is the rule's minimum, and is said to be."""
    words = offer_words({**_CUT_FLOOR, "limited_by": "min", "amount": "10.00"})
    assert "so 10.00 is only the rule's minimum: decide the amount" in words


def _replace(**params: str) -> dict[str, Any]:
    """A `replace` action as a decision writes it, with these parameters beside its own."""
    return {"type": "replace", "rule": "r", "params": {"free_of_charge": True, **params}}


def test_a_replacement_names_its_shipping_and_item_only_when_the_rule_gives_them() -> None:
    """`replace: {within: 1d}` is valid: neither `shipping` nor `item` is required, and a
    replacement without them is not "None shipping" or ": None"."""
    assert describe_action(_replace()) == "Replace the product free of charge"
    assert describe_action(_replace(shipping="express")) == (
        "Replace the product free of charge, express shipping"
    )
    assert describe_action(_replace(item="the cake")) == (
        "Replace the product free of charge: the cake"
    )


def test_a_plan_without_a_fallback_names_no_rule_for_an_event_no_rule_fits(
    plan_from: Any,
) -> None:
    """No rule fired and no fallback either: the agent is told to improvise, and no empty
    "Rules:" line stands below it."""
    from engine.checklist import render_checklist

    plan = plan_from(
        """\
        rules:
          - id: late
            title: Late
            when:
              event: order
              all: [{field: order.delay_days, gte: 3}]
            then:
              - apologize: {channel: email}
        """
    )
    assert render_checklist(plan.decide({"id": "e1", "type": "order"})).splitlines() == [
        "Event e1 (order)",
        "  No rule of the plan fits: a person must improvise.",
    ]


def test_an_amount_that_is_no_number_is_shown_as_written() -> None:
    # The words of an offer group its amount (1,500.00); a value that is no number (a
    # decision's amount edited by hand to "see note") is shown as it is written, not replaced
    # by a word of Python's or lost (found by mutation testing).
    assert grouped_money("see note") == "see note"
    assert grouped_money(None) == "None"
    offer = {"kind": "refund", "amount": "see note", "currency": "EUR"}
    assert offer_words(offer) == ": refund of see note EUR"


def test_amounts_of_a_thousand_or_more_are_grouped_as_the_printed_plan_groups_them(
    plan_from: Any,
) -> None:
    """`backplan render` writes "2,000.00 EUR"; the agent's checklist of the same plan wrote
    "2000.00 EUR", and the zeros of the offer, the total, the cap and what was set aside had to
    be counted (found by review). The decision itself keeps "2000.00"."""
    from engine.checklist import render_checklist

    plan = plan_from(
        """\
        backplan: 1
        plan:
          name: Banquets
          currency: EUR
          compensation: {combine: max, per_event_max: 2000, approval_above: 1500}
        rules:
          - id: spoilt
            title: Spoilt banquet
            when:
              event: order
              all: [{field: order.total, gte: 1}]
            then:
              - compensate: {kind: refund, percent: 25, of: order.total}
          - id: late
            title: Late banquet
            when:
              event: order
              all: [{field: order.total, gte: 1}]
            then:
              - compensate: {kind: voucher, amount: 1200}
        """
    )
    decision = plan.decide({"id": "b1", "type": "order", "order": {"total": 12000}})
    assert decision["compensation"]["total"] == "2000.00"
    assert render_checklist(decision).splitlines() == [
        "Event b1 (order)",
        "  Rules: spoilt, late",
        "  Make it right:",
        "    [ ] Offer compensation: refund of 2,000.00 EUR (25% of order.total = 3,000.00, "
        "capped by the plan's limit per complaint) — needs approval (rule spoilt)",
        "  Compensation total: 2,000.00 EUR (capped at the plan's limit of 2,000.00 EUR per "
        "complaint, from 3,000.00 EUR) — needs approval (above the plan's 1,500.00 EUR)",
        "    not made: rule late's offer of 1,200.00 EUR (a larger offer is made: the plan "
        "combines offers by the largest)",
    ]


def test_a_share_shown_unrounded_is_grouped_too(plan_from: Any) -> None:
    """A share that rounds to the amount is shown unrounded, so the bound's part is seen: it
    read "refund of 5,000.00 EUR (25% of order.total = 5000.0025, …)", the one amount of the
    line left ungrouped (found by review)."""
    from engine.checklist import render_checklist

    plan = plan_from(
        """\
        backplan: 1
        plan: {name: Banquets, currency: EUR}
        rules:
          - id: spoilt
            title: Spoilt banquet
            when: {event: order}
            then:
              - compensate: {kind: refund, percent: 25, of: order.total, max: 5000}
        """
    )
    decision = plan.decide({"id": "b1", "type": "order", "order": {"total": 20000.01}})
    assert render_checklist(decision).splitlines()[3] == (
        "    [ ] Offer compensation: refund of 5,000.00 EUR (25% of order.total = 5,000.0025, "
        "capped at the rule's maximum)"
    )
