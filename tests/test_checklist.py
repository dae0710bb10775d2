"""checklist: a decision's actions in words, as the agent's checklist and a plan test say them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

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


@pytest.mark.parametrize(
    ("compensation", "why"),
    [
        # its max below the offer made: set aside as a smaller offer, recorded at 0
        (
            "{combine: max}",
            "the most it could come to is no more than the offer made: the plan "
            "combines offers by the largest",
        ),
        # offers summed, the limit reached by the voucher: left out by the limit, at 0
        ("{combine: sum, per_event_max: 5}", "the plan's limit per complaint was reached"),
    ],
)
def test_an_offer_the_event_could_not_size_set_aside_is_not_said_to_be_of_nothing(
    plan_from: Any, compensation: str, why: str
) -> None:
    """A percentage of a field the event lacks, set aside, is recorded at 0: the checklist had
    listed it as "not made: rule late's offer of 0.000 KWD", an offer of nothing no rule
    wrote, where the event could not size it (found by review)."""
    from engine.checklist import render_checklist

    plan = plan_from(
        f"""\
        backplan: 1
        plan:
          name: Souk
          currency: KWD
          compensation: {compensation}
        rules:
          - id: late
            title: Late order
            when: {{event: order}}
            then:
              - compensate: {{kind: voucher, amount: 5}}
              - compensate: {{kind: refund, percent: 10, of: order.total, max: 3}}
        """
    )
    decision = plan.decide({"id": "k1", "type": "order", "order": {}})
    assert decision["compensation"]["superseded"][0]["amount"] == "0.000"
    assert render_checklist(decision).splitlines()[-1] == (
        f"    not made: rule late's offer of an amount the event could not size ({why})"
    )


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


def _offer_line(plan_from: Any, settings: str, offer: str, total: float) -> str:
    """The checklist's line of the offer of a plan with ``settings`` (its ``plan:``) and one
    rule making ``offer``, for an order of ``total``."""
    from engine.checklist import render_checklist

    plan = plan_from(
        f"backplan: 1\nplan: {settings}\nrules:\n  - {{id: r, title: R, when: {{event: order}}, "
        f"then: [{{compensate: {offer}}}]}}\n"
    )
    decision = plan.decide({"id": "b1", "type": "order", "order": {"total": total}})
    return render_checklist(decision).splitlines()[3]


@pytest.mark.parametrize(
    ("total", "amount", "share"),
    [
        (1, 10, "= 0.125, raised to the rule's minimum"),  # had been "= 0"
        (20, 10, "= 2.5, raised to the rule's minimum"),  # had been "= 3"
        (8, 10, "= 1, raised to the rule's minimum"),  # exact: as amounts are written
        (323.2, 40, "= 40.4, capped at the rule's maximum"),
        (10000, 40, "= 1,250, capped at the rule's maximum"),
    ],
)
def test_a_share_that_rounding_changes_is_shown_as_the_product_it_is(
    plan_from: Any, total: float, amount: int, share: str
) -> None:
    """12.5% of a total of 1 yen read "= 0, raised to the rule's minimum": the share rounded to
    the yen, which reads as a wrong product (found by review). It is shown unrounded, as the
    rule's bounds hold it, whenever rounding changes it; a whole one as amounts are written."""
    offer = "{kind: voucher, percent: 12.5, of: order.total, min: 10, max: 40}"
    assert _offer_line(plan_from, "{name: Ramen, currency: JPY}", offer, total) == (
        f"    [ ] Offer compensation: voucher of {amount} JPY (12.5% of order.total {share})"
    )


def test_a_share_shown_unrounded_beside_the_plans_limit_says_what_the_limit_cut(
    plan_from: Any,
) -> None:
    """A share shown unrounded (23.998) is not what the plan's limit cut (24.00): that is
    said too, as the total line says it."""
    settings = "{name: Shop, currency: USD, compensation: {per_event_max: 20}}"
    offer = "{kind: voucher, percent: 20, of: order.total}"
    assert _offer_line(plan_from, settings, offer, 119.99) == (
        "    [ ] Offer compensation: voucher of 20.00 USD (20% of order.total = 23.998, capped "
        "by the plan's limit per complaint, from 24.00 USD)"
    )


@pytest.mark.parametrize(
    ("total", "held"),
    [
        (-0.5, "-0.5, below 0"),
        (float("nan"), "missing or not an amount"),  # an app's own event: no number at all
        (float("inf"), "a number of a thousand trillion or more, too large for an amount"),
        (-(10**20), "a number below 0"),  # too long to write out
    ],
)
def test_the_checklist_says_what_an_app_s_event_holds_where_no_amount_was_worked_out(
    plan_from: Any, total: float, held: str
) -> None:
    """The checklist beside the event says what its field holds: a fraction below 0 too,
    and for NaN (which only an app deciding in Python sends) every way it could be (mutants
    reading `-0.5` as no amount, or saying nothing of NaN, survived: checklist:194 205)."""
    from engine.checklist import render_checklist

    plan = plan_from(
        "rules:\n  - {id: r, title: R, when: {event: order}, then: "
        "[{compensate: {kind: voucher, percent: 10, of: order.total}}]}\n"
    )
    event = {"id": "e1", "type": "order", "order": {"total": total}}
    offer = render_checklist(plan.decide(event), event).splitlines()[3]
    assert offer.startswith(
        f"    [ ] Offer compensation: voucher, amount to decide (10% of order.total) — order.total is {held}"
    )


@pytest.mark.parametrize(("currency", "widths"), [("G" * 8, [100, 81]), ("G" * 9, [92, 90])])
def test_a_note_of_another_currency_is_wrapped_at_100_characters(
    plan_from: Any, currency: str, widths: list[int]
) -> None:
    """The note of an amount in another currency is wrapped as `explain` wraps its lines, at
    100 characters: a line of exactly 100 is kept, one of 101 is not (mutants wrapping at 99
    or 101 survived: checklist:376 377)."""
    from engine.checklist import other_currency_lines

    plan = plan_from(
        "backplan: 1\nplan: {name: T, currency: EUR}\nrules:\n  - {id: r, title: R, when: "
        "{event: order}, then: [{compensate: {kind: voucher, percent: 20, of: order.total}}]}\n"
    )
    event = {"id": "e1", "type": "order", "order": {"total": 100, "currency": currency}}
    lines = other_currency_lines(plan.decide(event), event)
    assert [len(line) for line in lines] == widths
    assert lines[0].startswith(f"  Check the amount: order.total is in {currency} ")


def test_a_decision_from_elsewhere_with_a_message_or_tags_of_no_text_has_its_checklist() -> None:
    """The format leaves the params of every action but an offer free, so ``Decision.validate``
    takes a message that is a number or a group of fields, or labels that are not all text
    (an app's own decisions, stored and read back); its checklist raised AttributeError
    (``'float' object has no attribute 'rstrip'``) or TypeError from inside the engine. Each
    such value is now shown as a custom action's parameters are."""
    from engine import Decision, load_plan

    event = {"id": "e-1", "type": "review", "rating": 1, "channel": "yelp", "public": True}
    document = load_plan().decide(event)
    document["actions"][0]["params"]["message"] = 1.5

    def extra(kind: str, params: dict[str, Any]) -> dict[str, Any]:
        return {
            **{"type": kind, "rule": "other", "purpose": "remedy", "params": params},
            **{"within": None, "due": None, "also_from": []},
        }

    document["actions"] += [
        extra("tag", {"tags": ["vip", 2, None]}),
        extra("tag", {"tags": "vip"}),
        extra("x-sms", {"message": {"text": "hi"}, "to": "desk"}),
    ]
    lines = Decision.validate(document).checklist().splitlines()
    reply = next(n for n, line in enumerate(lines) if line.startswith("    [ ] Reply publicly"))
    assert lines[reply + 1] == "      message: 1.5"
    assert "    [ ] Tag the case: [vip, 2, null]" in lines
    assert "    [ ] Tag the case: vip" in lines
    sms = lines.index("    [ ] Custom action x-sms (to: desk)")
    assert lines[sms + 1] == "      message: {text: hi}"


def test_a_decision_from_elsewhere_with_a_base_no_event_gives_has_its_checklist() -> None:
    """``Decision.validate`` takes any amount's text as an offer's ``base``; one of 10^15 or
    more never comes from deciding, and its share, of more digits than money arithmetic
    holds, raised ``decimal.InvalidOperation`` out of ``Decision.checklist``. The offer is
    now told without the share it could not work out."""
    words = offer_words(
        {
            **{"kind": "voucher", "amount": "50.00", "currency": "USD", "percent": "20"},
            **{"of": "order.total", "base": "1" + "0" * 80, "limited_by": "max"},
            **{"unresolved": False, "needs_approval": False},
        },
        ALONE,
    )
    assert words == ": voucher of 50.00 USD (20% of order.total, capped at the rule's maximum)"
