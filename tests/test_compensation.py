"""Compensation: fixed or percent, min/max, currency rounding, combine max/sum, cap, approval."""

from __future__ import annotations

import decimal
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from engine.api import EventError, Plan, load_plan
from engine.cli import cli
from engine.money import MONEY, format_money, minor_unit_digits, read_amount, round_money
from tests.conftest import REPO, Float64


def plan_text(policy: str, *offers: str, currency: str = "USD") -> str:
    rules = "\n".join(
        f"""
  - id: r{i}
    title: r{i}
    priority: {10 - i}
    when: {{event: order}}
    then:
      - compensate: {offer}"""
        for i, offer in enumerate(offers)
    )
    return f"backplan: 1\nplan: {{name: T, currency: {currency}, compensation: {policy}}}\nrules:{rules}\n"


def order(total: Any = None, **fields: Any) -> dict[str, Any]:
    event: dict[str, Any] = {"id": "e", "type": "order", **fields}
    if total is not None:
        event["order"] = {"total": total}
    return event


@pytest.mark.parametrize(
    ("offer", "total", "amount", "limited_by"),
    [
        ("{kind: voucher, percent: 20, of: order.total}", 119.99, "24.00", None),
        ("{kind: voucher, percent: 20, of: order.total, min: 10, max: 40}", 30, "10.00", "min"),
        ("{kind: voucher, percent: 20, of: order.total, min: 10, max: 40}", 500, "40.00", "max"),
        ("{kind: refund, percent: 100, of: order.total}", 19.99, "19.99", None),
        ("{kind: refund, percent: 12.5, of: order.total}", 0.1, "0.01", None),  # 0.0125 -> half up
        ("{kind: refund, percent: 12.5, of: order.total}", 0.04, "0.01", None),  # 0.005 -> up
        ("{kind: coupon, amount: 15}", 1000, "15.00", None),
        ("{kind: coupon, amount: 15.555}", None, "15.56", None),
    ],
)
def test_offer_sizing(
    plan_from: Any, offer: str, total: Any, amount: str, limited_by: str | None
) -> None:
    decision = plan_from(plan_text("{combine: sum}", offer)).decide(order(total))
    params = decision["actions"][0]["params"]
    assert params["amount"] == amount
    assert params["limited_by"] == limited_by
    assert params["currency"] == "USD"
    assert decision["compensation"]["total"] == amount


@pytest.mark.parametrize(
    ("offer", "total", "amount"),
    [
        ("{kind: coupon, amount: 10, min: 10}", None, "10.00"),
        ("{kind: voucher, percent: 10, of: order.total, min: 10, max: 40}", 100, "10.00"),
        ("{kind: voucher, percent: 20, of: order.total, min: 10, max: 40}", 200, "40.00"),
    ],
)
def test_an_offer_exactly_at_its_bound_is_not_limited_by_it(
    plan_from: Any, offer: str, total: Any, amount: str
) -> None:
    """`limited_by` names the bound that changed the amount: an offer that came to exactly its
    `min` or `max` by itself was not raised or lowered, so it names none."""
    decision = plan_from(plan_text("{combine: sum}", offer)).decide(order(total))
    params = decision["actions"][0]["params"]
    assert (params["amount"], params["limited_by"]) == (amount, None)


def test_a_percentage_of_minus_zero_has_a_base_of_zero(plan_from: Any) -> None:
    """-0.0 in JSON is zero: the base shown is "0", never "-0.0", and a `min` is what is
    offered on it."""
    offer = "{kind: voucher, percent: 10, of: order.total, min: 5}"
    decision = plan_from(plan_text("{combine: sum}", offer)).decide(order(-0.0))
    params = decision["actions"][0]["params"]
    assert (params["base"], params["amount"], params["limited_by"]) == ("0", "5.00", "min")


@pytest.mark.parametrize("total", [0, 0.0, -0.0, 0.02])  # 12.5% of 0.02 is 0.0025: 0.00
def test_an_offer_that_comes_to_zero_is_not_made(plan_from: Any, total: Any) -> None:
    """ "A refund of 0.00" is no remedy: the action is left out, and the summary says why."""
    plan = plan_from(plan_text("{combine: sum}", "{kind: refund, percent: 12.5, of: order.total}"))
    decision = plan.decide(order(total))
    assert [a["type"] for a in decision["actions"]] == []
    summary = decision["compensation"]
    assert (summary["offered"], summary["total"], summary["needs_approval"]) == (
        "0.00",
        "0.00",
        False,
    )
    assert summary["superseded"] == [{"rule": "r0", "amount": "0.00", "reason": "zero-amount"}]


@pytest.mark.parametrize("combine", ["max", "sum"])
def test_a_zero_offer_gives_way_to_the_others(plan_from: Any, combine: str) -> None:
    plan = plan_from(
        plan_text(
            f"{{combine: {combine}, per_event_max: 30}}",
            "{kind: refund, percent: 10, of: order.total}",  # 10% of 0: nothing
            "{kind: voucher, percent: 10, of: order.missing}",  # unresolved: a person decides
            "{kind: coupon, amount: 5}",
        )
    )
    decision = plan.decide(order(0))
    made = [(a["rule"], a["params"]["amount"]) for a in decision["actions"]]
    superseded = decision["compensation"]["superseded"]
    assert superseded[0] == {"rule": "r0", "amount": "0.00", "reason": "zero-amount"}
    if combine == "sum":
        assert made == [("r1", "0.00"), ("r2", "5.00")]
        assert decision["compensation"]["needs_approval"] is True
    else:  # the unresolved 0 may have been more than 5: a person compares them
        assert made == [("r2", "5.00")]
        assert superseded[1:] == [{"rule": "r1", "amount": "0.00", "reason": "unresolved"}]
        assert decision["compensation"]["needs_approval"] is True
        assert decision["actions"][0]["params"]["needs_approval"] is True


@pytest.mark.parametrize(
    ("unresolved_offer", "when_first", "when_second"),
    [
        # No max: the 20% of an unreadable total may have been anything, more than 5 too.
        ("{kind: refund, percent: 20, of: order.total}", "unresolved", "unresolved"),
        ("{kind: refund, percent: 20, of: order.total, min: 2}", "unresolved", "unresolved"),
        ("{kind: refund, percent: 20, of: order.total, max: 6}", "unresolved", "unresolved"),
        # At most 5, as much as the 5 made: fired first, it would have won the tie.
        ("{kind: refund, percent: 20, of: order.total, max: 5}", "unresolved", "smaller-offer"),
        # Its max, rounded as amounts are, is at most the 5 made: never the larger offer.
        ("{kind: refund, percent: 20, of: order.total, max: 4.999}", "unresolved", "smaller-offer"),
        ("{kind: refund, percent: 20, of: order.total, max: 3}", "smaller-offer", "smaller-offer"),
        (
            "{kind: refund, percent: 20, of: order.total, max: 4.994}",
            "smaller-offer",
            "smaller-offer",
        ),
    ],
)
@pytest.mark.parametrize("first", ["unresolved", "fixed"])
@pytest.mark.parametrize("cap", [None, "3", "4.50", "5", "50"])
def test_an_unresolved_offer_set_aside_that_may_have_been_larger_needs_approval(
    plan_from: Any,
    unresolved_offer: str,
    when_first: str,
    when_second: str,
    first: str,
    cap: str | None,
) -> None:
    """Under max, an offer the event cannot size (its base is text) that a fixed one beat only
    at its floor is no smaller offer: the decision cannot tell which one the plan wanted, so a
    person compares them, unless its max rules out that it was the offer made: below the 5
    made (as rounded to the currency), or equal to it and fired second (a tie goes to the
    first in firing order). The plan's cap changes nothing: it reduces the offer made once it
    is chosen (a cap of 3 set aside a refund of up to 6 as smaller than the coupon of 5)."""
    offers = [unresolved_offer, "{kind: coupon, amount: 5}"]
    if first == "fixed":
        offers.reverse()
    reason = when_first if first == "unresolved" else when_second
    policy = "{combine: max}" if cap is None else f"{{combine: max, per_event_max: {cap}}}"
    decision = plan_from(plan_text(policy, *offers)).decide(order("1000.00"))
    compensation = decision["compensation"]
    (made,) = [a for a in decision["actions"] if a["type"] == "compensate"]
    shown = "5.00" if cap is None or float(cap) >= 5 else f"{float(cap):.2f}"
    assert made["params"]["amount"] == shown and made["params"]["kind"] == "coupon"
    amount = "2.00" if "min: 2" in unresolved_offer else "0.00"
    unresolved_rule = "r0" if first == "unresolved" else "r1"
    assert compensation["superseded"] == [
        {"amount": amount, "reason": reason, "rule": unresolved_rule}
    ]
    needs_approval = reason == "unresolved"
    assert compensation["needs_approval"] is needs_approval
    assert made["params"]["needs_approval"] is needs_approval


@pytest.mark.parametrize("combine", ["max", "sum"])
def test_an_unresolved_offer_beside_a_cap_of_nothing_asks_no_approval(
    plan_from: Any, combine: str
) -> None:
    """With `per_event_max: 0` nothing is ever given, whatever an offer would have come to: no
    offer the event could not size is a reason to ask a person."""
    plan = plan_from(
        plan_text(
            f"{{combine: {combine}, per_event_max: 0}}",
            "{kind: coupon, amount: 5}",
            "{kind: refund, percent: 20, of: order.total}",
        )
    )
    compensation = plan.decide(order("abc"))["compensation"]
    assert compensation["total"] == "0.00"
    assert compensation["needs_approval"] is False
    assert "unresolved" not in {record["reason"] for record in compensation["superseded"]}


def test_an_unresolved_offer_cut_by_the_cap_asks_no_approval_for_it(plan_from: Any) -> None:
    """Once nothing is left under the cap, an offer is not made whatever it would have come
    to: an unresolved one there is `cap-reached`, and asks no one to compare it."""
    plan = plan_from(
        plan_text(
            "{combine: sum, per_event_max: 5}",
            "{kind: coupon, amount: 5}",
            "{kind: refund, percent: 20, of: order.total}",
        )
    )
    compensation = plan.decide(order("1000.00"))["compensation"]
    assert compensation["superseded"] == [{"amount": "0.00", "reason": "cap-reached", "rule": "r1"}]
    assert compensation["needs_approval"] is False


def test_percent_of_a_missing_field_offers_the_floor_and_needs_approval(plan_from: Any) -> None:
    offer = "{kind: voucher, percent: 20, of: order.total, min: 10, max: 40}"
    decision = plan_from(plan_text("{combine: max}", offer)).decide(order())
    params = decision["actions"][0]["params"]
    assert (params["amount"], params["base"], params["unresolved"]) == ("10.00", None, True)
    assert params["limited_by"] == "min"  # the floor is what was offered
    assert params["needs_approval"] is True
    assert decision["compensation"]["needs_approval"] is True


@pytest.mark.parametrize("bad_total", ["119.99", True, -5, [1]])
def test_a_base_of_the_wrong_kind_is_treated_as_missing(plan_from: Any, bad_total: Any) -> None:
    offer = "{kind: voucher, percent: 20, of: order.total, min: 5}"
    params = plan_from(plan_text("{}", offer)).decide(order(bad_total))["actions"][0]["params"]
    assert (params["amount"], params["unresolved"]) == ("5.00", True)


def test_combine_max_keeps_the_largest_offer(plan_from: Any) -> None:
    plan = plan_from(
        plan_text(
            "{combine: max}",
            "{kind: voucher, amount: 10}",
            "{kind: refund, amount: 25}",
            "{kind: coupon, amount: 25}",
        )
    )
    decision = plan.decide(order(100))
    offers = [a for a in decision["actions"] if a["type"] == "compensate"]
    assert [(o["rule"], o["params"]["amount"]) for o in offers] == [("r1", "25.00")]
    summary = decision["compensation"]
    assert summary["total"] == "25.00" and summary["combine"] == "max"
    assert summary["superseded"] == [
        {"rule": "r0", "amount": "10.00", "reason": "smaller-offer"},
        {"rule": "r2", "amount": "25.00", "reason": "smaller-offer"},
    ]


def test_combine_sum_with_cap_reduces_later_offers(plan_from: Any) -> None:
    plan = plan_from(
        plan_text(
            "{combine: sum, per_event_max: 30}",
            "{kind: voucher, amount: 20}",
            "{kind: refund, amount: 15}",
            "{kind: coupon, amount: 5}",
        )
    )
    decision = plan.decide(order(100))
    offers = [
        (a["rule"], a["params"]["amount"], a["params"]["limited_by"]) for a in decision["actions"]
    ]
    assert offers == [("r0", "20.00", None), ("r1", "10.00", "per_event_max")]
    summary = decision["compensation"]
    assert (summary["offered"], summary["total"], summary["cap"], summary["capped"]) == (
        "40.00",
        "30.00",
        "30.00",
        True,
    )
    # The offer the cap left nothing for keeps the amount it offered, and says why it went.
    assert summary["superseded"] == [{"rule": "r2", "amount": "5.00", "reason": "cap-reached"}]


def test_a_zero_offer_is_made_while_the_cap_has_room(plan_from: Any) -> None:
    # An unresolved percentage without a min offers 0 and asks a person; the cap is not reached.
    plan = plan_from(
        plan_text(
            "{combine: sum, per_event_max: 30}",
            "{kind: voucher, percent: 10, of: order.total}",
            "{kind: coupon, amount: 5}",
        )
    )
    decision = plan.decide(order())
    assert [a["params"]["amount"] for a in decision["actions"]] == ["0.00", "5.00"]
    assert decision["compensation"]["superseded"] == []
    assert decision["compensation"]["needs_approval"] is True


def test_offers_after_the_cap_is_used_up_are_all_superseded(plan_from: Any) -> None:
    plan = plan_from(
        plan_text(
            "{combine: sum, per_event_max: 20}",
            "{kind: voucher, amount: 20}",
            "{kind: voucher, percent: 10, of: order.total}",
            "{kind: coupon, amount: 5}",
        )
    )
    summary = plan.decide(order())["compensation"]
    assert (summary["total"], summary["capped"]) == ("20.00", True)
    assert summary["superseded"] == [
        {"rule": "r1", "amount": "0.00", "reason": "cap-reached"},
        {"rule": "r2", "amount": "5.00", "reason": "cap-reached"},
    ]
    assert summary["needs_approval"] is False  # the unresolved offer was not made


@pytest.mark.parametrize(
    ("policy", "offers", "superseded"),
    [
        (
            "{combine: sum, per_event_max: 30}",
            ["{kind: coupon, amount: 30}", "{kind: voucher, percent: 10, of: order.missing}"],
            [{"rule": "r1", "amount": "0.00", "reason": "cap-reached"}],
        ),
        (
            "{combine: sum, per_event_max: 0}",
            ["{kind: voucher, percent: 10, of: order.missing}"],
            [{"rule": "r0", "amount": "0.00", "reason": "cap-reached"}],
        ),
    ],
)
def test_leaving_out_an_offer_of_nothing_is_not_capping(
    plan_from: Any, policy: str, offers: list[str], superseded: list[dict[str, str]]
) -> None:
    """`capped` says the cap took something away: an unresolved offer of 0.00 (no `min`) that
    the cap left out lost nothing, so the summary is not capped (docs/semantics.md)."""
    summary = plan_from(plan_text(policy, *offers)).decide(order(100))["compensation"]
    assert summary["superseded"] == superseded
    assert summary["capped"] is False


def test_combine_max_is_capped_too(plan_from: Any) -> None:
    plan = plan_from(
        plan_text(
            "{combine: max, per_event_max: 50}", "{kind: refund, percent: 100, of: order.total}"
        )
    )
    decision = plan.decide(order(80))
    assert decision["actions"][0]["params"]["amount"] == "50.00"
    assert decision["compensation"]["capped"] is True
    assert decision["compensation"]["offered"] == "80.00"


@pytest.mark.parametrize(("amount", "needs"), [(40, False), (40.01, True), (100, True)])
def test_approval_threshold(plan_from: Any, amount: float, needs: bool) -> None:
    plan = plan_from(plan_text("{approval_above: 40}", f"{{kind: voucher, amount: {amount}}}"))
    decision = plan.decide(order(100))
    assert decision["compensation"]["needs_approval"] is needs
    assert decision["actions"][0]["params"]["needs_approval"] is needs
    assert decision["compensation"]["approval_threshold"] == "40.00"


@pytest.mark.parametrize(
    ("combine", "issue", "total", "needs"),
    [
        ("max", "defective", 80, True),  # a refund above 60
        ("max", "defective", 50, False),
        ("max", "wrong_item", 200, False),  # the voucher's max keeps it at 60
        ("sum", "both", 50, True),  # 25 + 50: offers add up, of whatever kind
    ],
)
def test_approval_holds_the_total_of_every_kind(
    plan_from: Any, combine: str, issue: str, total: int, needs: bool
) -> None:
    """`approval_above` is one threshold for the total, not one per kind; docs/rule-language.md
    gives how to hold only refunds above 60: a `max` of 60 on every other offer, under `max`."""
    plan = plan_from(
        f"""
        backplan: 1
        plan: {{name: T, currency: USD, compensation: {{combine: {combine}, approval_above: 60}}}}
        rules:
          - id: wrong-item
            title: Wrong item
            when: {{event: order, all: [{{field: issue, in: [wrong_item, both]}}]}}
            then: [{{compensate: {{kind: voucher, percent: 50, of: order.total, max: 60}}}}]
          - id: defective
            title: Defective
            when: {{event: order, all: [{{field: issue, in: [defective, both]}}]}}
            then: [{{compensate: {{kind: refund, percent: 100, of: order.total}}}}]
        """
    )
    assert plan.decide(order(total, issue=issue))["compensation"]["needs_approval"] is needs


def test_no_compensation_means_no_summary(plan_from: Any) -> None:
    plan = plan_from(
        """
        rules:
          - id: r
            title: r
            when: {event: order}
            then: [{apologize: {}}]
        """
    )
    assert plan.decide(order(10))["compensation"] is None


@pytest.mark.parametrize(
    ("currency", "offer", "amount"),
    [
        ("JPY", "{kind: voucher, percent: 10, of: order.total}", "1235"),  # 1234.5 -> 1235
        ("KWD", "{kind: voucher, percent: 10, of: order.total}", "1.235"),
        ("EUR", "{kind: voucher, percent: 10, of: order.total}", "1.23"),
    ],
)
def test_rounding_follows_the_currency_minor_unit(
    plan_from: Any, currency: str, offer: str, amount: str
) -> None:
    total = 12345 if currency == "JPY" else 12.345
    decision = plan_from(plan_text("{}", offer, currency=currency)).decide(order(total))
    assert decision["actions"][0]["params"]["amount"] == amount


def test_money_helpers() -> None:
    assert minor_unit_digits("USD") == 2
    assert minor_unit_digits("JPY") == 0
    assert minor_unit_digits("BHD") == 3
    assert round_money(Decimal("2.675"), "USD") == Decimal("2.68")  # float would give 2.67
    assert read_amount(119.99) == (Decimal("119.99"), "119.99")
    assert read_amount(1e-05) == (Decimal("0.00001"), "0.00001")
    assert read_amount(True) is None
    assert read_amount(float("nan")) is None
    assert read_amount("12") is None
    assert read_amount(Float64(119.99)) is None  # had raised InvalidOperation (found by review)


def test_a_subclass_of_float_is_no_base_as_it_is_no_number(plan_from: Any) -> None:
    """numpy 2's float64 is a float that writes ``np.float64(119.99)``: a percentage of one
    raised ``decimal.InvalidOperation`` from inside ``Plan.evaluate``. Every test on it fails
    (it is not a JSON number), and the offer is left for a person to size, as of a Decimal."""
    plan = plan_from(plan_text("{}", "{kind: voucher, percent: 20, of: order.total, min: 5}"))
    params = plan.evaluate(order(Float64(119.99))).actions[0].params
    assert (params["base"], params["amount"], params["unresolved"]) == (None, "5.00", True)


@pytest.mark.parametrize("policy", ["{combine: max}", "{combine: max, per_event_max: 50}"])
def test_a_total_of_minus_zero_is_zero(plan_from: Any, policy: str) -> None:
    plan = plan_from(plan_text(policy, "{kind: voucher, percent: 20, of: order.total}"))
    decision = plan.decide(order(-0.0))
    summary = decision["compensation"]
    assert decision["actions"] == []  # 20% of zero: nothing to offer, and never "-0.00"
    assert summary["superseded"] == [{"rule": "r0", "amount": "0.00", "reason": "zero-amount"}]
    assert (summary["offered"], summary["total"]) == ("0.00", "0.00")


def test_money_does_not_follow_the_callers_decimal_context(plan_from: Any) -> None:
    offer = "{kind: voucher, percent: 12.345, of: order.total}"
    plan = plan_from(plan_text("{combine: sum}", offer, currency="JPY"))
    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_DOWN)):
        first = plan.decide(order(10000))  # the rule's actions are prepared now, in this context
        second = plan.decide(order(10000))
    after = plan.decide(order(10000))
    amounts = {d["actions"][0]["params"]["amount"] for d in (first, second, after)}
    assert amounts == {"1235"}  # 1,234.5 rounded half up


@settings(max_examples=300, deadline=None)
@given(
    amount=st.decimals(min_value=-(10**16), max_value=10**16, allow_nan=False, places=None),
    step=st.sampled_from([Decimal(1), Decimal("0.01"), Decimal("0.001"), None]),
)
def test_money_text_is_plain_decimal_notation(amount: Decimal, step: Decimal | None) -> None:
    if step is not None:  # amounts as the engine has them: rounded to the minor unit
        amount = amount.quantize(step, ROUND_HALF_UP, MONEY)
    assert format_money(amount) == format(amount, "f")
    assert "E" not in format_money(amount)


@pytest.mark.parametrize("value", [1e15, -1e15, 10**15, -(10**15)])
def test_an_event_amount_of_10_to_the_15_is_no_amount(value: float | int) -> None:
    """Amounts must be smaller than 10^15 (``engine.money.MAX_EVENT_INT``), a float as an
    int: the property below only asks that an amount refused is at the bound, and a bound
    let through as an amount for floats alone passed it."""
    assert read_amount(value) is None
    assert read_amount(value - 1 if value > 0 else value + 1) is not None


@settings(max_examples=500, deadline=None)
@given(value=st.floats(min_value=-1e15, max_value=1e15) | st.integers(-(10**15), 10**15))
@example(value=1e-05)
@example(value=123456789012345.6)
@example(value=-0.0)
def test_an_amount_read_from_an_event_is_written_as_its_decimal_is(value: Any) -> None:
    read = read_amount(value)
    if read is None:  # the bounds themselves are not amounts
        assert abs(value) == 10**15
        return
    amount, text = read
    assert amount == Decimal(repr(value) if isinstance(value, float) else value)
    assert text == format_money(amount)


def test_the_one_offer_kept_reads_as_what_was_offered(plan_from: Any) -> None:
    # A plan may write a bound as -0.0 (schema: minimum 0). With a cap the single offer is
    # settled the long way, where the total is 0 + the offer: the same value, but the sum of
    # 0.00 and -0.00 is 0.00. The offer's amount is its own text, as `offered` is. (A `max` of
    # -0.0 makes an offer of nothing, which validate refuses: offer-of-nothing.)
    offer = "{kind: voucher, percent: 20, of: order.total, min: -0.0}"  # unresolved: the floor
    plan = plan_from(plan_text("{combine: max, per_event_max: 50}", offer))
    for event in (order(), order(100)):
        decision = plan.decide(event)
        summary = decision["compensation"]
        assert summary["capped"] is False
        assert decision["actions"][0]["params"]["amount"] == summary["offered"]


@pytest.mark.parametrize("total", [None, 0, 100])
@pytest.mark.parametrize(
    ("policy", "offer"),
    [
        ("{combine: max}", "{kind: voucher, percent: 20, of: order.total, min: -0.0}"),
        ("{combine: sum}", "{kind: voucher, percent: 20, of: order.total, min: -0.0, max: 5}"),
        ("{combine: sum, per_event_max: -0.0}", "{kind: voucher, amount: 5}"),
        ("{combine: max, approval_above: -0.0}", "{kind: voucher, amount: 5}"),
    ],
)
def test_a_bound_written_as_minus_zero_never_shows_a_minus_sign(
    plan_from: Any, policy: str, offer: str, total: Any
) -> None:
    # The schema's `minimum: 0` admits -0.0; read as a Decimal it would keep its sign and
    # every amount derived from it would read "-0.00".
    decision = plan_from(plan_text(policy, offer)).decide(order(total))
    text = orjson.dumps(decision).decode()
    assert "-0" not in text, text


def test_an_offer_not_made_leaves_the_decision_and_every_other_action_stays(
    plan_from: Any,
) -> None:
    plan = plan_from(
        """
        backplan: 1
        plan: {name: T, currency: USD, compensation: {combine: max}}
        rules:
          - id: small
            title: small
            priority: 2
            when: {event: order}
            then:
              - apologize: {}
              - compensate: {kind: voucher, amount: 5}
              - escalate: {to: lead}
          - id: large
            title: large
            priority: 1
            when: {event: order}
            then:
              - compensate: {kind: voucher, amount: 20}
              - note: {message: checked}
        """
    )
    decision = plan.decide(order())
    kinds = [(a["rule"], a["type"]) for a in decision["actions"]]
    assert kinds == [
        ("small", "apologize"),
        ("small", "escalate"),
        ("large", "compensate"),
        ("large", "note"),
    ]
    superseded = decision["compensation"]["superseded"]
    assert superseded == [{"rule": "small", "amount": "5.00", "reason": "smaller-offer"}]


# --- the shortcuts of ``price`` against the general combining -----------------------------------

money = st.decimals(min_value=0, max_value=200, places=2)
offer_specs = st.one_of(
    money.map(lambda amount: ("fixed", amount)),
    st.tuples(st.sampled_from(["5", "12.5", "50", "100"]), st.none() | money).map(
        lambda spec: ("percent", *spec)
    ),
)


def priced_offers(specs: list[Any]) -> list[tuple[Any, dict[str, Any]]]:
    """Fresh (recipe, entry) pairs for these offers, one rule each (r0, r1...), prepared by
    ``make_recipe`` as a plan's actions are."""
    from engine.actions import make_recipe
    from engine.construct import make
    from engine.errors import SourceLocation
    from engine.model import Action

    offers = []
    for number, spec in enumerate(specs):
        params: dict[str, Any] = {"type": "compensate", "purpose": "remedy", "kind": "voucher"}
        if spec[0] == "fixed":
            params["amount"] = spec[1]
        else:
            params.update(percent=Decimal(spec[1]), of="order.total", min=spec[2])
        action = make(Action, {**params, "at": SourceLocation("plan.yaml")})
        offers.append(
            (make_recipe(action, f"r{number}", "USD"), {"rule": f"r{number}", "params": {}})
        )
    return offers


@settings(max_examples=300, deadline=None)
@example(  # every offer zero, and no room under the cap: nothing is made
    specs=[("fixed", Decimal("0.00")), ("fixed", Decimal("0.00"))],
    combine="max",
    cap=Decimal("0.00"),
    threshold=None,
    total=None,
)
@example(  # a zero offer while the cap has room: made
    specs=[("fixed", Decimal("0.00")), ("fixed", Decimal("0"))],
    combine="max",
    cap=Decimal("5.00"),
    threshold=None,
    total=None,
)
@example(  # the largest offer is exactly the cap, and ties with a later one
    specs=[("fixed", Decimal("5.00")), ("percent", "50", None), ("fixed", Decimal("5"))],
    combine="max",
    cap=Decimal("5.00"),
    threshold=Decimal("5.00"),
    total=10,
)
@example(  # unresolved offers need approval, whatever the amounts
    specs=[("percent", "5", Decimal("3.00")), ("fixed", Decimal("1.00"))],
    combine="max",
    cap=None,
    threshold=None,
    total=None,
)
@given(
    specs=st.lists(offer_specs, min_size=1, max_size=4),
    combine=st.sampled_from(["max", "sum"]),
    cap=st.none() | money,
    threshold=st.none() | money,
    total=st.none() | st.floats(min_value=0, max_value=2000) | st.integers(0, 2000),
)
def test_the_shortcuts_of_price_decide_as_the_general_combining(
    specs: list[Any], combine: str, cap: Any, threshold: Any, total: Any
) -> None:
    """One offer kept under the cap is settled without the capping (``price``'s shortcuts);
    every outcome must be the one the general ``_combine`` gives for the same offers."""
    from engine.compensation import CompensationRules, _combine, _size, price
    from engine.construct import make
    from engine.model import CompensationPolicy

    policy = make(
        CompensationPolicy, {"combine": combine, "per_event_max": cap, "approval_above": threshold}
    )
    rules = CompensationRules(policy, "USD")
    event = order(total)
    fast = priced_offers(specs)
    not_made, summary = price(fast, event, rules)
    general = priced_offers(specs)
    sized = [
        (entry, *_size(recipe, entry["params"], event), recipe.ceiling) for recipe, entry in general
    ]
    general_not_made, general_summary = _combine(sized, rules)
    assert summary == general_summary
    assert [entry for _, entry in fast] == [entry for _, entry in general]
    assert [e["rule"] for e in not_made] == [e["rule"] for e in general_not_made]


@pytest.mark.parametrize(
    ("currency", "threshold", "amount", "shown", "needs_approval"),
    [
        ("USD", "30.005", "30.01", "30.01", False),  # rounded up to the total: not above it
        ("USD", "30.005", "30.02", "30.01", True),
        ("USD", "30.004", "30.01", "30.00", True),
        ("JPY", "100.5", "101", "101", False),
    ],
)
def test_the_approval_threshold_shown_is_the_one_the_total_is_held_to(
    plan_from: Any, currency: str, threshold: str, amount: str, shown: str, needs_approval: bool
) -> None:
    text = plan_text(
        f"{{combine: max, approval_above: {threshold}}}",
        f"{{kind: voucher, amount: {amount}}}",
        currency=currency,
    )
    summary = plan_from(text).decide(order())["compensation"]
    assert summary["approval_threshold"] == shown
    assert summary["total"] == amount
    assert summary["needs_approval"] is needs_approval
    total, limit = Decimal(summary["total"]), Decimal(summary["approval_threshold"])
    assert summary["needs_approval"] is (total > limit)  # a reader's own check agrees


def test_a_decimal_in_an_event_is_no_amount_as_it_is_no_number_to_tests(plan_from: Any) -> None:
    # json.loads(..., parse_float=Decimal) gives Decimals: like a test or a template, the
    # percentage does not read one as a number, so the offer is left to a person.
    plan = plan_from(plan_text("{combine: max}", "{kind: voucher, percent: 10, of: order.total}"))
    params = plan.decide(order(Decimal("119.99")))["actions"][0]["params"]
    assert (params["unresolved"], params["base"], params["amount"]) == (True, None, "0.00")
    assert read_amount(Decimal("119.99")) is None


FIXED_OFFERS = [
    (
        "{combine: max, per_event_max: 30}",
        ("{kind: coupon, amount: 15}", "{kind: voucher, amount: 20}"),
    ),
    (
        "{combine: sum, per_event_max: 30}",
        ("{kind: coupon, amount: 25}", "{kind: voucher, amount: 20}"),
    ),
    (
        "{combine: sum, per_event_max: 10}",
        ("{kind: coupon, amount: 10}", "{kind: refund, amount: 5}"),
    ),
    (
        "{combine: sum, approval_above: 12}",
        ("{kind: coupon, amount: 10}", "{kind: refund, amount: 5}"),
    ),
    ("{combine: max}", ("{kind: coupon, amount: 7}", "{kind: refund, amount: 7}")),
    ("{combine: max, per_event_max: 5}", ("{kind: coupon, amount: 8, max: 6}",)),
]


@pytest.mark.parametrize(("policy", "offers"), FIXED_OFFERS)
def test_fixed_offers_settled_in_advance_equal_pricing_per_event(
    plan_from: Any, monkeypatch: pytest.MonkeyPatch, policy: str, offers: tuple[str, ...]
) -> None:
    # A set of fired rules whose offers are all fixed is priced once, when its builder is
    # generated (engine.builder); a plan that keeps no sets prices every decision instead.
    monkeypatch.setattr("engine.evaluate.BUILD_AFTER_USES", 1)
    built = plan_from(plan_text(policy, *offers))
    decisions = [built.decide(order(40, id=f"e{n}")) for n in range(3)]
    [prepared] = built._decider.rules.assemblies.values()
    assert prepared.builder is not None
    assert prepared.builder(order(40), None)[2] is not None  # settled in advance
    monkeypatch.setattr("engine.evaluate.MAX_CACHED_ASSEMBLIES", 0)
    per_event = plan_from(plan_text(policy, *offers))
    expected = [per_event.decide(order(40, id=f"e{n}")) for n in range(3)]
    assert decisions == expected
    # Each decision owns its document: changing one changes none of the next.
    decisions[1]["compensation"]["superseded"].append("changed")
    decisions[1]["actions"][0]["params"]["amount"] = "changed"
    assert built.decide(order(40, id="e2")) == expected[2]


def test_a_percentage_keeps_its_set_priced_per_event(
    plan_from: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("engine.evaluate.BUILD_AFTER_USES", 1)
    plan = plan_from(
        plan_text(
            "{combine: max}",
            "{kind: coupon, amount: 15}",
            "{kind: refund, percent: 10, of: order.total}",
        )
    )
    amounts = [plan.decide(order(total))["compensation"]["total"] for total in (100, 400, 100)]
    assert amounts == ["15.00", "40.00", "15.00"]
    [prepared] = plan._decider.rules.assemblies.values()
    assert prepared.builder is not None
    # Its amounts depend on the event: the usual event is priced by the builder's written-out
    # code (engine.pricecode), and the same summary is never handed out twice...
    first, again = prepared.builder(order(40), None)[2], prepared.builder(order(400), None)[2]
    assert (first["total"], again["total"]) == ("15.00", "40.00")
    assert first["superseded"] == [{"amount": "4.00", "reason": "smaller-offer", "rule": "r1"}]
    assert first is not prepared.builder(order(40), None)[2]
    # ...and one without an amount to size is left to engine.compensation.price.
    entries, to_size, summary = prepared.builder(order(), None)
    assert [entry["type"] for entry in entries] == ["compensate", "compensate"]
    assert summary is None
    assert [entry["rule"] for _, entry in to_size] == ["r0", "r1"]


def test_the_checklist_says_no_offer_is_made_when_it_came_to_zero(plan_from: Any) -> None:
    """The summary stays (total 0.00) with the offer in `superseded`: the checklist said
    "Compensation total: 0.00 USD" beside no compensation to offer, with no word of why."""
    from engine.checklist import render_checklist

    plan = plan_from(plan_text("{combine: max}", "{kind: refund, percent: 10, of: order.total}"))
    lines = render_checklist(plan.decide(order(0))).splitlines()
    assert lines[-1] == "  Compensation: none (the offer came to 0.00 USD)"
    assert render_checklist(plan.decide(order(50))).splitlines()[-1] == (
        "  Compensation total: 5.00 USD"
    )


def test_the_checklist_says_the_cap_with_its_currency_and_what_it_cut(plan_from: Any) -> None:
    """The total read "(capped at 30.00)": an amount without its currency, and nothing of the
    45.00 the JSON's ``offered`` says the plan had offered, so an agent asked why could not
    tell."""
    from engine.checklist import render_checklist

    plan = plan_from(plan_text("{per_event_max: 30}", "{kind: voucher, amount: 45}"))
    assert render_checklist(plan.decide(order(50))).splitlines()[-1] == (
        "  Compensation total: 30.00 USD (capped at the plan's limit of 30.00 USD per complaint, "
        "from 45.00 USD)"
    )


@pytest.mark.parametrize(
    ("offer", "total"),
    [
        # above the threshold: the threshold is why
        ("{kind: voucher, amount: 45}", "45.00 USD — needs approval (above the plan's 40.00 USD)"),
        # unsized, with its floor: the offer is why (its own line says so), not the threshold
        (
            "{kind: voucher, percent: 10, of: order.total, min: 5}",
            "5.00 USD — needs approval",
        ),
    ],
)
def test_the_checklist_says_when_the_plan_s_threshold_is_why_approval_is_needed(
    plan_from: Any, offer: str, total: str
) -> None:
    """ "Compensation total: 45.00 USD — needs approval" left the agent to guess which of the
    plan's rules asked for it (found by review)."""
    from engine.checklist import render_checklist

    plan = plan_from(plan_text("{approval_above: 40}", offer))
    event = order(50) if "amount" in offer else order(None)
    assert render_checklist(plan.decide(event)).splitlines()[-1] == f"  Compensation total: {total}"


@pytest.mark.parametrize(
    ("policy", "offers", "said"),
    [
        # a fixed offer said "capped by the plan's limit per complaint" and not from what
        (
            "{per_event_max: 40}",
            ["{kind: voucher, amount: 60}"],
            "voucher of 40.00 USD (capped by the plan's limit per complaint, from 60.00 USD)",
        ),
        # under sum, the offer the cap cut is told from its own amount, not the total's
        (
            "{combine: sum, per_event_max: 40}",
            [
                "{kind: coupon, amount: 25}",
                "{kind: voucher, amount: 30}",
                "{kind: refund, amount: 7}",
            ],
            "voucher of 15.00 USD (capped by the plan's limit per complaint, from 30.00 USD)",
        ),
        # a share the rule's maximum then the cap cut says both, in order (40.00 was said
        # capped by the plan's limit alone, as if the cap had cut 40.00)
        (
            "{per_event_max: 15}",
            ["{kind: voucher, percent: 20, of: order.total, max: 30}"],
            "voucher of 15.00 USD (20% of order.total = 40.00, capped at the rule's maximum, then"
            " capped by the plan's limit per complaint, from 30.00 USD)",
        ),
    ],
)
def test_the_checklist_says_what_an_offer_the_cap_cut_came_to_before(
    plan_from: Any, policy: str, offers: list[str], said: str
) -> None:
    """The total line said "from 60.00 USD"; the offer's own line only that the cap cut it."""
    from engine.checklist import render_checklist

    plan = plan_from(plan_text(policy, *offers))
    assert said in render_checklist(plan.decide(order(200)))


def test_an_offer_needing_approval_for_an_offer_set_aside_points_to_why(plan_from: Any) -> None:
    """`coupon of 5.00 USD — needs approval` read as the coupon's own fault: it needs approval
    only because the percentage beside it, which the event could not size, may be larger, as
    the lines under the total say."""
    from engine.checklist import render_checklist

    plan = plan_from(
        plan_text(
            "{combine: max}",
            "{kind: voucher, percent: 50, of: order.total}",
            "{kind: coupon, amount: 5}",
        )
    )
    lines = render_checklist(plan.decide(order())).splitlines()
    assert "coupon of 5.00 USD — needs approval: see below (rule r1)" in lines[3]
    assert lines[-1].startswith("    compare it with rule r0's offer")
    # above the threshold alone, the total's own "needs approval" is the why: no pointer
    plan = plan_from(plan_text("{approval_above: 4}", "{kind: coupon, amount: 5}"))
    assert render_checklist(plan.decide(order())).splitlines()[-2] == (
        "    [ ] Offer compensation: coupon of 5.00 USD — needs approval"
    )


def test_an_offer_set_aside_unsized_says_what_its_field_holds_where_the_plan_is_at_hand(
    plan_from: Any, tmp_path: Path
) -> None:
    """ "compare it with rule r0's offer, which the event could not size" had not said why:
    with the plan that decided and the event at hand (`eval --pretty`, `explain`,
    `Decision.checklist(event, plan=...)`), it names the percentage and what its field holds."""
    from engine.checklist import render_checklist

    text = plan_text(
        "{combine: max}",
        "{kind: voucher, percent: 50, of: order.total}",
        "{kind: coupon, amount: 5}",
    )
    plan = plan_from(text)
    event = order("12,50")
    said = (
        "    compare it with rule r0's offer of 50% of order.total (order.total is the text "
        '"12,50", not a number), which the event could not size: it may be the larger one'
    )
    decision = plan.evaluate(event)
    assert decision.checklist(event, plan=plan).splitlines()[-1] == said
    # without the plan, or the event, it is not known what the offer is a percentage of
    assert decision.checklist(event).splitlines()[-1] == (
        "    compare it with rule r0's offer, which the event could not size: it may be the "
        "larger one"
    )
    assert render_checklist(plan.decide(event), None, "", rules=plan.model.rules).endswith(
        "compare it with rule r0's offer, which the event could not size: it may be the larger one"
    )
    (tmp_path / "event.json").write_text(json.dumps(event), encoding="utf-8")
    for command in ("eval", "explain"):
        pretty = ["--pretty"] if command == "eval" else []
        result = CliRunner().invoke(
            cli,
            [command, "--plan", str(tmp_path / "plan.yaml"), *pretty, str(tmp_path / "event.json")],
        )
        assert said in result.stdout.splitlines(), command


def test_an_offer_as_large_as_the_one_made_is_not_said_to_be_smaller(plan_from: Any) -> None:
    """A voucher of 50 set aside beside a voucher of 50 made had been "not made (a larger offer
    is made)", which the agent could see was false (found by a new user's trial): a tie goes
    to the rule that fires first, and is said so, on the checklist and in a plan test's
    failure. An offer as large as the one made before the plan's cap, not after it, ties."""
    from engine.checklist import render_checklist
    from engine.expectations import not_made_words

    tie = (
        "an offer as large is made, by a rule that fires first: the plan combines offers by the "
        "largest, and of two as large makes the first"
    )
    cut_tie = tie.replace(":", ", then cut to 20.00 USD by the plan's limit per complaint:", 1)
    for policy, amounts, said in [
        ("{combine: max}", ("30", "30"), tie),
        ("{combine: max, per_event_max: 20}", ("30", "30"), cut_tie),  # (the made one is cut)
        ("{combine: max, per_event_max: 20}", ("30", "20"), "a larger offer is made"),
    ]:
        offers = (
            f"{{kind: voucher, amount: {amounts[0]}}}",
            f"{{kind: refund, amount: {amounts[1]}}}",
        )
        decision = plan_from(plan_text(policy, *offers)).decide(order(50))
        record = decision["compensation"]["superseded"][0]
        line = f"    not made: rule r1's offer of {amounts[1]}.00 USD ({said}"
        assert render_checklist(decision).splitlines()[-1].startswith(line)
        assert not_made_words(record, decision["compensation"]).endswith(
            f"was not made ({said}"
            + (")" if said in (tie, cut_tie) else ": the plan combines offers by the largest)")
        )


@pytest.mark.parametrize(
    ("policy", "currency", "said"),
    [
        ("{combine: max, per_event_max: 0}", "USD", ("0.00 USD: it allows no offer",) * 2),
        ("{combine: sum, per_event_max: 0}", "USD", ("0.00 USD: it allows no offer",) * 2),
        ("{combine: max, per_event_max: 0.4}", "JPY", ("0 JPY: it allows no offer",) * 2),
    ],
)
def test_under_a_limit_of_0_each_offer_is_said_to_be_set_aside_by_it(
    plan_from: Any, policy: str, currency: str, said: tuple[str, str]
) -> None:
    """Under ``per_event_max: 0`` nothing is offered, yet the checklist said the smaller offer
    was "not made (a larger offer is made…)" and the largest "(the plan's limit per complaint
    was reached)", beside a total of 0 (found by review): each now says the limit, which
    allows no offer; so does a plan test's failure. A limit that rounds to 0 (0.4 yen) too."""
    from engine.checklist import render_checklist
    from engine.expectations import not_made_words

    plan = plan_from(
        plan_text(
            policy, "{kind: voucher, amount: 20}", "{kind: refund, amount: 30}", currency=currency
        )
    )
    decision = plan.decide(order(50))
    summary = decision["compensation"]
    assert summary["total"] in ("0.00", "0")
    lines = render_checklist(decision).splitlines()[-2:]
    for line, record, words in zip(lines, summary["superseded"], said, strict=True):
        why = f"(the plan's limit per complaint is {words})"
        assert line.endswith(why), line
        assert not_made_words(record, summary).endswith(f"was not made {why}")


def test_an_offer_set_aside_beside_a_larger_one_cut_below_it_says_the_cut(plan_from: Any) -> None:
    """Under a limit of 15, a voucher of 20 set aside beside a refund of 30 made for 15 was
    "not made (a larger offer is made…)" beside a total of 15: the larger offer's amounts are
    said, as the total line says them, and so for an offer as large."""
    from engine.checklist import render_checklist

    for amounts, said in [
        (
            ("30", "20"),
            "a larger offer is made, of 30.00 USD, then cut to 15.00 USD by the plan's limit per "
            "complaint: the plan combines offers by the largest)",
        ),
        (
            ("20", "20"),
            "an offer as large is made, by a rule that fires first, then cut to 15.00 USD by the "
            "plan's limit per complaint: the plan combines offers by the largest, and of two as "
            "large makes the first)",
        ),
    ]:
        offers = (
            f"{{kind: voucher, amount: {amounts[0]}}}",
            f"{{kind: refund, amount: {amounts[1]}}}",
        )
        decision = plan_from(plan_text("{combine: max, per_event_max: 15}", *offers)).decide(
            order(50)
        )
        assert render_checklist(decision).splitlines()[-1] == (
            f"    not made: rule r1's offer of {amounts[1]}.00 USD ({said}"
        )


@pytest.mark.parametrize(
    ("policy", "said"),
    [
        ("{combine: max}", "a larger offer is made: the plan combines offers by the largest"),
        ("{combine: sum, per_event_max: 30}", "the plan's limit per complaint was reached"),
    ],
)
def test_the_checklist_names_each_offer_not_made(plan_from: Any, policy: str, said: str) -> None:
    """The JSON said which offers were set aside, and why; the checklist staff work from gave
    only the one made, so staff could not tell a second rule had offered anything."""
    from engine.checklist import render_checklist

    plan = plan_from(plan_text(policy, "{kind: voucher, amount: 30}", "{kind: refund, amount: 20}"))
    lines = render_checklist(plan.decide(order(50))).splitlines()
    assert lines[-1] == f"    not made: rule r1's offer of 20.00 USD ({said})"


def test_the_checklist_names_each_actions_rule_when_several_fired() -> None:
    # Only the rules merged into an action were named ("also for rule b"), and the offer made
    # never: which rule's message a merged action kept, and whose offer was granted, was
    # nowhere (found by review). One rule alone is named once, in the header.
    from engine.checklist import render_checklist

    def action(kind: str, rule: str, also: list[str]) -> dict[str, Any]:
        params = {"kind": "voucher", "amount": "5.00", "currency": "USD"}
        return {
            "type": kind,
            "rule": rule,
            "also_from": also,
            "purpose": "remedy",
            "params": params if kind == "compensate" else {},
            "due": None,
            "within": None,
        }

    decision: dict[str, Any] = {
        "event_id": "e",
        "event_type": "review",
        "fallback": False,
        "matched": ["a", "b"],
        "actions": [action("apologize", "a", ["b"]), action("compensate", "b", [])],
        "compensation": None,
    }
    lines = render_checklist(decision).splitlines()
    assert lines[3] == "    [ ] Apologise to the customer (rule a, also for rule b)"
    assert lines[4] == "    [ ] Offer compensation: voucher of 5.00 USD (rule b)"
    decision["matched"] = ["b"]
    decision["actions"] = [action("compensate", "b", [])]
    assert render_checklist(decision).splitlines()[3] == (
        "    [ ] Offer compensation: voucher of 5.00 USD"
    )


ODD_CONTEXTS = {
    "two digits": lambda: decimal.Context(prec=2, rounding=decimal.ROUND_DOWN),
    "small exponents": lambda: decimal.Context(Emax=12, Emin=-12),
    "every rounding traps": lambda: decimal.Context(
        traps=[decimal.Rounded, decimal.Inexact, decimal.Overflow, decimal.InvalidOperation]
    ),
    # str() of a Decimal writes its exponent with the context's `e`: a base of 1e-7 had been
    # written "1e-7", which Decision.validate and `backplan report` refuse
    "a small e": lambda: decimal.Context(capitals=0),
}


@pytest.mark.parametrize("odd", sorted(ODD_CONTEXTS))
def test_no_decision_follows_the_callers_decimal_context(odd: str, tmp_path: Any) -> None:
    """The decisions and explanations of the starter plan and of a plan with fractional
    percentages, on every example event and on orders up to the largest amount read, made
    first in an odd decimal context (where each plan prepares and caches its actions), are the
    same bytes as in the usual one, and so are the next ones made outside it."""
    events = [
        orjson.loads(path.read_bytes())
        for path in sorted((REPO / "examples/events").glob("*.json"))
    ]
    events += [order(t) for t in (12.5, 0.1, 10**15 - 1, -(10**15) + 1, 999999999999999.9, 10**15)]
    events += [order(t) for t in (1e-7, 5e-324)]  # bases written with an exponent
    offers = (
        "{kind: voucher, percent: 12.5, of: order.total, min: 0.125, max: 987654321.555}",
        "{kind: refund, percent: 33.333, of: order.total}",
        "{kind: voucher, amount: 7.255}",
    )
    (tmp_path / "plan.yaml").write_text(
        plan_text("{combine: sum, per_event_max: 123456789.125, approval_above: 0.5}", *offers)
    )
    folders = [REPO / "rules", tmp_path]

    def documents(plan: Plan) -> list[bytes]:
        made = []
        for event in events:
            for decide in (plan.evaluate, plan.explain):
                try:
                    made.append(decide(event).to_json())
                except EventError as error:
                    made.append(str(error).encode())
        return made

    for folder in folders:
        usual = documents(load_plan(folder))
        plan = load_plan(folder)
        with decimal.localcontext(ODD_CONTEXTS[odd]()):
            assert documents(plan) == usual
            assert documents(load_plan(folder)) == usual
        assert documents(plan) == usual
