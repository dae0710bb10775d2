"""Lint: each finding has a plan that triggers it and one that does not; the proofs are sound."""

from __future__ import annotations

import copy
import decimal
import itertools
import re
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import event as note_event
from hypothesis import strategies as st

import engine.lint.escalations as escalations_module
import engine.lint.offers as offers_module
from engine.api import load_plan, validate_plan
from engine.checks import CHECKS, run_checks
from engine.errors import Diagnostic, EventError, Severity
from engine.fields import MISSING
from engine.lint import (
    LINT_CHECKS,
    DuplicateRule,
    NeverMatches,
    OfferNeverGiven,
    ShadowedRule,
    lint_codes,
    lint_plan,
)
from engine.lint.base import plan_conjuncts
from engine.lint.escalations import _of_other_files, _runs_of_one_file
from engine.lint.offers import _outbids as outbids
from engine.lint.offers import _size as offer_size
from engine.lint.proofs import RuleIndex, first_contradictions, never_firing
from engine.logic import (
    Atom,
    Both,
    Either,
    FieldProofs,
    Node,
    RangeRefuter,
    always_shown,
    contradiction,
    implies,
    ranges_required,
)
from engine.model import OPERATORS as MODEL_OPERATORS
from engine.model import PlanModel, Rule
from engine.money import money_step
from engine.operators import is_non_finite
from engine.slips.meant import Meant, number_meant
from engine.slips.written import QUOTED_AT_MOST, flow_hint, key_and_value, quoted
from engine.templates import shows
from engine.witness import Examples
from tests.conftest import count_compared, write_plan
from tests.test_differential import compile_document, condition_trees, conditions, plan_document
from tests.test_differential import events as any_events
from tests.test_differential import rules as differential_rules

FALLBACK = """
  - id: improvise
    title: Improvise
    fallback: true
    then: [{escalate: {to: lead}}]
"""


def lint(
    tmp_path: Path, rules: str, *, plan: str = "", conditions: str = "", other_file: str = ""
) -> list[Diagnostic]:
    """Lint a plan of ``rules``; with ``other_file``, of those rules and, in a second file
    read after the first (``vip.yaml``), ``other_file``'s."""
    header = "backplan: 1\nplan:\n  name: Lint Store\n  currency: USD\n" + plan
    body = (conditions and "conditions:\n" + conditions) + "rules:\n" + rules
    path = write_plan(tmp_path, body, header=header)
    if not other_file:
        return lint_plan(path)
    write_plan(tmp_path, "rules:\n" + other_file, header="backplan: 1\n", name="vip.yaml")
    return lint_plan(tmp_path)


def codes(found: list[Diagnostic]) -> list[str]:
    return [d.code for d in found]


def rule(rule_id: str, when: str, extra: str = "", then: str = "[{apologize: {}}]") -> str:
    return f"""
  - id: {rule_id}
    title: {rule_id}
    when: {when}
    then: {then}
{extra}"""


_ALLERGY = "{event: complaint, all: [{field: text, contains_any: [allergy, nuts]}]}"
_ESCALATE = "[{escalate: {to: duty-manager, within: 15m}}]"
_APOLOGY = "[{apologize: {}}]"
_BIG_ORDER = "{event: order, all: [{field: order.total, gte: 500}]}"
_GOLD = "{event: order, all: [{field: customer.tier, eq: gold}]}"

CASES: list[tuple[str, str, dict[str, str], str, dict[str, str]]] = [
    # (code, triggering rules, options, clean rules, options)
    (
        "never-matches",
        rule("r", "{all: [{field: rating, lt: 2}, {field: rating, gt: 4}]}") + FALLBACK,
        {},
        rule("r", "{all: [{field: rating, gt: 1}, {field: rating, lt: 4}]}") + FALLBACK,
        {},
    ),
    (
        "never-matches",
        rule("r", "{all: [{field: severity, in: [urgent, severe]}]}") + FALLBACK,
        {},
        rule("r", "{all: [{field: severity, in: [high, critical]}]}") + FALLBACK,
        {},
    ),
    (
        "never-matches",
        rule("r", '{all: [{field: rating, eq: "5"}]}') + FALLBACK,
        {},
        rule("r", "{all: [{field: rating, eq: 5}]}") + FALLBACK,
        {},
    ),
    (
        "never-matches",
        rule("r", "{event: review, all: [{field: type, eq: order}]}") + FALLBACK,
        {},
        rule("r", "{event: [review, order], all: [{field: type, eq: order}]}") + FALLBACK,
        {},
    ),
    (
        "never-matches",
        rule(
            "r",
            "{all: [{field: rating, lt: 2}, "
            "{any: [{field: rating, gt: 4}, {field: rating, eq: 3}]}]}",
        )
        + FALLBACK,
        {},
        rule(
            "r",
            "{all: [{field: rating, lt: 2}, "
            "{any: [{field: rating, gt: 4}, {field: rating, eq: 1}]}]}",
        )
        + FALLBACK,
        {},
    ),
    (
        "never-matches",
        rule("r", "{all: [{field: customer.tier, eq: gold}, {field: customer.tier, eq: silver}]}")
        + FALLBACK,
        {},
        rule("r", "{all: [{field: customer.tier, eq: gold}, {field: customer.tier, ne: silver}]}")
        + FALLBACK,
        {},
    ),
    (
        "alternative-never-holds",
        rule(
            "r",
            "{all: [{field: channel, in: [twitter, yelp]}, "
            "{any: [{field: rating, lte: 2}, {field: channel, eq: phone}]}]}",
        )
        + FALLBACK,
        {},
        rule(
            "r",
            "{all: [{field: channel, in: [twitter, yelp]}, "
            "{any: [{field: rating, lte: 2}, {field: channel, eq: yelp}]}]}",
        )
        + FALLBACK,
        {},
    ),
    (
        "alternative-never-holds",
        rule(
            "r",
            "{event: order, any: [{field: rating, eq: 3}, "
            "{all: [{field: rating, lte: 1}, {field: rating, gte: 4}]}]}",
        )
        + FALLBACK,
        {},
        rule(
            "r",
            "{event: order, any: [{field: rating, eq: 3}, "
            "{any: [{field: rating, lte: 1}, {field: rating, gte: 4}]}]}",
        )
        + FALLBACK,
        {},
    ),
    (
        "alternative-never-holds",  # inside the one item of an `any` list, which is required
        rule(
            "r",
            "{any: [{all: [{field: channel, eq: yelp}, "
            "{any: [{field: rating, lte: 2}, {field: channel, eq: phone}]}]}]}",
        )
        + FALLBACK,
        {},
        rule(
            "r",
            "{any: [{all: [{field: channel, eq: yelp}, "
            "{any: [{field: rating, lte: 2}, {field: channel, eq: yelp}]}]}]}",
        )
        + FALLBACK,
        {},
    ),
    (
        "alternative-never-holds",
        rule("r", "{event: order, any: [{field: rating, eq: 3}, {field: type, eq: review}]}")
        + FALLBACK,
        {},
        rule(
            "r",
            "{event: [order, review], any: [{field: rating, eq: 3}, {field: type, eq: review}]}",
        )
        + FALLBACK,
        {},
    ),
    (
        "test-never-holds",
        rule(
            "r", "{any: [{field: repeat, eq: true}, {field: customer.complaints_90d, gte: 2 days}]}"
        )
        + FALLBACK,
        {},
        rule("r", "{any: [{field: repeat, eq: true}, {field: customer.complaints_90d, gte: 2}]}")
        + FALLBACK,
        {},
    ),
    (
        "shadowed-rule",
        rule(
            "broad",
            "{event: review, all: [{field: rating, lte: 2}]}",
            "    priority: 10\n    stop: true",
        )
        + rule(
            "narrow", "{event: review, all: [{field: rating, lte: 1}, {field: channel, eq: yelp}]}"
        )
        + FALLBACK,
        {},
        rule("broad", "{event: review, all: [{field: rating, lte: 2}]}", "    priority: 10")
        + rule(
            "narrow", "{event: review, all: [{field: rating, lte: 1}, {field: channel, eq: yelp}]}"
        )
        + FALLBACK,
        {},
    ),
    (
        "shadowed-rule",
        rule("broad", "{event: [review, survey]}", "    stop: true")
        + rule("narrow", "{event: review, all: [{field: rating, between: [1, 2]}]}")
        + FALLBACK,
        {},
        rule("broad", "{event: [review, survey]}", "    stop: true")
        + rule("narrow", "{event: review, all: [{field: rating, lte: 2}]}", "    priority: 5")
        + FALLBACK,
        {},
    ),
    (
        "stop-stops-nothing",
        rule("allergy", "{event: complaint}", "    priority: 1\n    stop: true")
        + rule("cold-food", "{event: complaint}", "    priority: 50")
        + FALLBACK,
        {},
        rule("allergy", "{event: complaint}", "    priority: 60\n    stop: true")
        + rule("cold-food", "{event: complaint}", "    priority: 50")
        + FALLBACK,
        {},
    ),
    (
        "stop-hides-escalation",
        rule("vip", "{all: [{field: customer.tier, eq: vip}]}", "    priority: 300\n    stop: true")
        + rule("allergy", _ALLERGY, "    priority: 200", _ESCALATE)
        + FALLBACK,
        {},
        rule("vip", "{all: [{field: customer.tier, eq: vip}]}", "    priority: 300\n    stop: true")
        + rule("allergy", _ALLERGY, "    priority: 310", _ESCALATE)
        + FALLBACK,
        {},
    ),
    (
        "stop-tie",
        rule("big-order", _BIG_ORDER, "    priority: 100\n    stop: true", _ESCALATE) + FALLBACK,
        {"other_file": rule("gold", _GOLD, "    priority: 100\n    stop: true", _ESCALATE)},
        rule("big-order", _BIG_ORDER, "    priority: 100\n    stop: true", _ESCALATE) + FALLBACK,
        {"other_file": rule("gold", _GOLD, "    priority: 110\n    stop: true", _ESCALATE)},
    ),
    (
        "shadowed-rule",
        rule("first", "{event: review, all: [{field: rating, in: [1, 2]}]}")
        + rule("second", "{event: review, all: [{field: rating, eq: 1}]}")
        + FALLBACK,
        {"plan": "  match: first\n"},
        rule("first", "{event: review, all: [{field: rating, eq: 1}]}")
        + rule("second", "{event: review, all: [{field: rating, in: [1, 2]}]}")
        + FALLBACK,
        {"plan": "  match: first\n"},
    ),
    (
        "shadowed-rule",
        rule("reviews", "{event: review}")
        + rule("review-fallback", "{event: review}", "    fallback: true"),
        {},
        rule("reviews", "{event: review}") + FALLBACK,
        {},
    ),
    (
        "duplicate-rule",
        rule("a", "{event: review, all: [{field: rating, lte: 2}, {field: channel, eq: yelp}]}")
        + rule("b", "{event: review, all: [{field: channel, eq: yelp}, {field: rating, lte: 2}]}")
        + FALLBACK,
        {},
        rule("a", "{event: review, all: [{field: rating, lte: 2}, {field: channel, eq: yelp}]}")
        + rule("b", "{event: review, all: [{field: channel, eq: yelp}, {field: rating, lte: 1}]}")
        + FALLBACK,
        {},
    ),
    (
        "overlapping-compensation",
        rule(
            "a",
            "{event: review, all: [{field: rating, lte: 2}]}",
            then="[{compensate: {kind: voucher, amount: 10}}]",
        )
        + rule(
            "b",
            "{event: review, all: [{field: channel, eq: yelp}]}",
            then="[{compensate: {kind: voucher, amount: 5}}]",
        )
        + FALLBACK,
        {"plan": "  compensation: {combine: sum}\n"},
        rule(
            "a",
            "{event: review, all: [{field: rating, lte: 2}]}",
            then="[{compensate: {kind: voucher, amount: 10}}]",
        )
        + rule(
            "b",
            "{event: review, all: [{field: rating, gte: 4}]}",
            then="[{compensate: {kind: voucher, amount: 5}}]",
        )
        + FALLBACK,
        {"plan": "  compensation: {combine: sum}\n"},
    ),
    (
        "overlapping-compensation",
        rule("a", "{event: review}", then="[{compensate: {kind: voucher, amount: 10}}]")
        + rule(
            "b",
            "{event: review}",
            then="[{compensate: {kind: voucher, amount: 5}}]",
            extra="    priority: -1",
        )
        + FALLBACK,
        {"plan": "  compensation: {combine: sum}\n"},
        rule("a", "{event: review}", then="[{compensate: {kind: voucher, amount: 10}}]")
        + rule(
            "b",
            "{event: review}",
            then="[{compensate: {kind: voucher, amount: 5}}]",
            extra="    priority: -1",
        )
        + FALLBACK,
        {"plan": "  compensation: {combine: max}\n"},
    ),
    (
        "unknown-field",
        rule("r", "{all: [{field: custmer.tier, eq: gold}]}") + FALLBACK,
        {},
        rule("r", "{all: [{field: customer.tier, eq: gold}]}") + FALLBACK,
        {},
    ),
    (
        "unknown-field",
        rule("r", "{event: review}", then='[{apologize: {message: "Hi {custmer.name|there}"}}]')
        + FALLBACK,
        {},
        rule("r", "{event: review}", then='[{apologize: {message: "Hi {customer.name|there}"}}]')
        + FALLBACK,
        {},
    ),
    (
        "unknown-field",
        rule("r", "{all: [{field: rating.stars, gt: 2}]}") + FALLBACK,
        {},
        rule("r", "{all: [{field: order.items.0.sku, eq: A1}]}") + FALLBACK,
        {},
    ),
    (
        "compensation-above-cap",
        rule("r", "{event: review}", then="[{compensate: {kind: voucher, amount: 60}}]") + FALLBACK,
        {"plan": "  compensation: {per_event_max: 50}\n"},
        rule("r", "{event: review}", then="[{compensate: {kind: voucher, amount: 40}}]") + FALLBACK,
        {"plan": "  compensation: {per_event_max: 50}\n"},
    ),
    (
        "compensation-above-cap",
        rule(
            "r",
            "{event: review}",
            then="[{compensate: {kind: voucher, percent: 20, of: order.total, max: 80}}]",
        )
        + FALLBACK,
        {"plan": "  compensation: {per_event_max: 50}\n"},
        rule(
            "r",
            "{event: review}",
            then="[{compensate: {kind: voucher, percent: 20, of: order.total}}]",
        )
        + FALLBACK,
        {"plan": "  compensation: {per_event_max: 50}\n"},
    ),
    (
        "amount-outside-bounds",
        rule("r", "{event: review}", then="[{compensate: {kind: voucher, amount: 30, max: 20}}]")
        + FALLBACK,
        {},
        rule("r", "{event: review}", then="[{compensate: {kind: voucher, amount: 20, max: 20}}]")
        + FALLBACK,
        {},
    ),
    (
        "amount-outside-bounds",
        rule("r", "{event: review}", then="[{compensate: {kind: voucher, amount: 5, min: 10}}]")
        + FALLBACK,
        {},
        rule(
            "r",
            "{event: review}",
            then="[{compensate: {kind: voucher, percent: 5, of: order.total, min: 10}}]",
        )
        + FALLBACK,
        {},
    ),
    (
        "approval-never-needed",
        FALLBACK,
        {"plan": "  compensation: {per_event_max: 50, approval_above: 60}\n"},
        FALLBACK,
        {"plan": "  compensation: {per_event_max: 50, approval_above: 30}\n"},
    ),
    (
        "approval-never-needed",
        FALLBACK,
        {"plan": "  compensation: {per_event_max: 50, approval_above: 50}\n"},
        FALLBACK,
        {"plan": "  compensation: {approval_above: 50}\n"},
    ),
    (
        # no cap, but the one offer is bounded at 40: no total is above 40
        "approval-never-needed",
        rule(
            "r",
            "{event: review}",
            then="[{compensate: {kind: voucher, percent: 20, of: order.total, max: 40}}]",
        )
        + FALLBACK,
        {"plan": "  compensation: {approval_above: 40}\n"},
        rule(  # without a max, a percentage can come to any amount
            "r",
            "{event: review}",
            then="[{compensate: {kind: voucher, percent: 20, of: order.total}}]",
        )
        + FALLBACK,
        {"plan": "  compensation: {approval_above: 40}\n"},
    ),
    (
        # under sum the offers add up: 10 + 25 can come to 35, above 30 but not above 35
        "approval-never-needed",
        rule("a", "{event: review}", then="[{compensate: {kind: voucher, amount: 10}}]")
        + rule("b", "{event: order}", then="[{compensate: {kind: refund, amount: 25}}]")
        + FALLBACK,
        {"plan": "  compensation: {combine: sum, approval_above: 35}\n"},
        rule("a", "{event: review}", then="[{compensate: {kind: voucher, amount: 10}}]")
        + rule("b", "{event: order}", then="[{compensate: {kind: refund, amount: 25}}]")
        + FALLBACK,
        {"plan": "  compensation: {combine: sum, approval_above: 30}\n"},
    ),
    (
        # both are rounded to the currency before a total is held to them: 49.999 is 50.00
        "approval-never-needed",
        FALLBACK,
        {"plan": "  compensation: {per_event_max: 50, approval_above: 49.999}\n"},
        FALLBACK,
        {"plan": "  compensation: {per_event_max: 50, approval_above: 49.994}\n"},
    ),
    (
        # 0 is no "no limit": every offer is cut to nothing (a cap of 0.004 USD is 0.00)
        "cap-of-nothing",
        rule("r", "{event: review}", then="[{compensate: {kind: voucher, amount: 10}}]") + FALLBACK,
        {"plan": "  compensation: {per_event_max: 0.004}\n"},
        rule("r", "{event: review}", then="[{compensate: {kind: voucher, amount: 10}}]") + FALLBACK,
        {"plan": "  compensation: {per_event_max: 0.01}\n"},
    ),
    (
        # `1.500` is one and a half, not fifteen hundred; `10.555` is rounded to a cent
        "amount-finer-than-currency",
        rule("r", "{event: review}", then="[{compensate: {kind: voucher, amount: 10.555}}]")
        + FALLBACK,
        {"plan": "  compensation: {per_event_max: 1.500}\n"},
        rule("r", "{event: review}", then="[{compensate: {kind: voucher, amount: 10.50}}]")
        + FALLBACK,
        {"plan": "  compensation: {per_event_max: 1500}\n"},
    ),
    (
        # nothing bounds a percentage without `max` in a plan without a cap or a threshold:
        # any order total is compensated in proportion, unseen (found by a finance
        # controller's trial); a `max`, a cap or an approval threshold each bound it
        "unbounded-compensation",
        rule(
            "r",
            "{event: order}",
            then="[{compensate: {kind: refund, percent: 100, of: order.total}}]",
        )
        + FALLBACK,
        {},
        rule(
            "r",
            "{event: order}",
            then="[{compensate: {kind: refund, percent: 100, of: order.total}}]",
        )
        + FALLBACK,
        {"plan": "  compensation: {approval_above: 100}\n"},
    ),
    (
        "percent-as-fraction",
        rule(
            "r",
            "{event: review}",
            then="[{compensate: {kind: voucher, percent: 0.2, of: order.total}}]",
        )
        + FALLBACK,
        {},
        rule(
            "r",
            "{event: review}",
            then="[{compensate: {kind: voucher, percent: 1, of: order.total}}]",
        )
        + FALLBACK,
        {},
    ),
    (
        "text-cut-by-comment",
        rule(
            "r",
            "{event: review}",
            then="\n      - apologize:\n          message: Check order #1234 is fully resolved.",
        )
        + FALLBACK,
        {},
        rule(
            "r",
            "{event: review}",
            then='\n      - apologize:\n          message: "Check order #1234 is fully resolved."',
        )
        + FALLBACK,
        {},
    ),
    (
        "text-cut-by-comment",
        rule("r", "{event: review}", "    title: Late order #42\n").replace("    title: r\n", "")
        + FALLBACK,
        {},
        rule("r", "{event: review}", "    title: Late order  # see the ticket\n").replace(
            "    title: r\n", ""
        )
        + FALLBACK,
        {},
    ),
    (
        "control-character-in-text",
        rule("r", "{event: review}", then='[{apologize: {message: "Press \\a to answer"}}]')
        + FALLBACK,
        {},
        rule("r", "{event: review}", then="[{apologize: {message: 'Press \\a to answer'}}]")
        + FALLBACK,
        {},
    ),
    (
        "pasted-typography",
        rule("r", "{event: review, all: [{field: channel, eq: “yelp”}]}") + FALLBACK,
        {},
        rule("r", "{event: review, all: [{field: text, contains: “yelp” is}]}") + FALLBACK,
        {},
    ),
    (
        "pasted-typography",
        rule("r", "{event: review, all: [{field: issue, in: [late\u00a0delivery]}]}") + FALLBACK,
        {},
        rule("r", "{event: review, all: [{field: issue, in: [late delivery]}]}") + FALLBACK,
        {},
    ),
    (
        "pasted-typography",
        rule("r", "{event: review}", then="[{escalate: {to: ‘ops-lead’}}]") + FALLBACK,
        {},
        rule("r", "{event: review}", "    title: “Late”\n", "[{escalate: {to: ops}}]").replace(
            "    title: r\n", ""
        )
        + FALLBACK,
        {},
    ),
    (
        "date-not-year-first",
        rule("r", "{event: review, all: [{field: occurred_at, gte: 01/12/2026}]}") + FALLBACK,
        {},
        rule("r", '{event: review, all: [{field: occurred_at, gte: "2026-12-01"}]}') + FALLBACK,
        {},
    ),
    (
        "date-not-year-first",
        rule("r", "{event: review, all: [{field: occurred_at, lt: 1 Dec 2026}]}") + FALLBACK,
        {},
        rule("r", "{event: review, all: [{field: occurred_at, contains: T09}]}") + FALLBACK,
        {},
    ),
    (
        "time-not-in-utc",
        rule("r", '{event: review, all: [{field: occurred_at, gte: "2026-12-07T15:00:00+09:00"}]}')
        + FALLBACK,
        {},
        rule("r", '{event: review, all: [{field: occurred_at, gte: "2026-12-07T06:00:00Z"}]}')
        + FALLBACK,
        {},
    ),
    (
        "no-such-date",
        rule("r", '{event: review, all: [{field: occurred_at, gte: "2026-04-31"}]}') + FALLBACK,
        {},
        rule("r", '{event: review, all: [{field: occurred_at, gte: "2026-04-30"}]}') + FALLBACK,
        {},
    ),
    (
        "no-such-date",
        rule("r", '{event: review, all: [{field: occurred_at, eq: "2026-02-30T09:00:00Z"}]}')
        + FALLBACK,
        {},
        rule("r", '{event: review, all: [{field: occurred_at, gte: "2028-02-29"}]}') + FALLBACK,
        {},
    ),
    (
        "no-such-time",
        rule("r", '{event: review, all: [{field: occurred_at, lt: "2026-12-01T24:00:00Z"}]}')
        + FALLBACK,
        {},
        rule("r", '{event: review, all: [{field: occurred_at, lt: "2026-12-02T00:00:00Z"}]}')
        + FALLBACK,
        {},
    ),
    (
        "part-of-a-time",
        rule("r", '{event: review, all: [{field: occurred_at, eq: "2026-11-27"}]}') + FALLBACK,
        {},
        rule("r", '{event: review, all: [{field: occurred_at, starts_with: "2026-11-27"}]}')
        + FALLBACK,
        {},
    ),
    (
        "part-of-a-time",
        rule("r", '{event: review, all: [{field: occurred_at, not_in: ["2026-11-27T10:00"]}]}')
        + FALLBACK,
        {},
        rule("r", '{event: review, all: [{field: occurred_at, ne: "2026-11-27T10:00:00Z"}]}')
        + FALLBACK,
        {},
    ),
    (
        "of-not-an-amount",
        rule("r", "{event: order}", then="[{compensate: {kind: voucher, percent: 10, of: order}}]")
        + FALLBACK,
        {},
        rule(
            "r",
            "{event: order}",
            then="[{compensate: {kind: voucher, percent: 10, of: order.total}}]",
        )
        + FALLBACK,
        {},
    ),
    (
        "offers-in-one-rule",
        rule(
            "r",
            "{event: order}",
            then="[{compensate: {kind: refund, percent: 100, of: order.total}},"
            " {compensate: {kind: voucher, amount: 10}}]",
        )
        + FALLBACK,
        {},
        rule(
            "r",
            "{event: order}",
            then="[{compensate: {kind: refund, percent: 100, of: order.total}},"
            " {compensate: {kind: voucher, amount: 10}}]",
        )
        + FALLBACK,
        {"plan": "  compensation: {combine: sum}\n"},
    ),
    (
        "alternatives-in-one-value",
        rule("r", '{event: review, all: [{field: issue, eq: "rude, impolite"}]}') + FALLBACK,
        {},
        rule("r", '{event: review, all: [{field: text, contains: "rude, really"}]}') + FALLBACK,
        {},
    ),
    (
        "alternatives-in-one-value",
        rule("r", "{event: review, all: [{field: text, contains: rude|impolite}]}") + FALLBACK,
        {},
        rule("r", "{event: review, all: [{field: text, matches: rude|impolite}]}") + FALLBACK,
        {},
    ),
    (
        "blank-around-value",
        rule("r", '{event: complaint, all: [{field: store, eq: "Site 12 "}]}') + FALLBACK,
        {},
        rule("r", '{event: complaint, all: [{field: text, contains: " late "}]}') + FALLBACK,
        {},
    ),
    (
        "words-as-one-item",
        rule("r", "{event: review, all: [{field: issue, in: [defective, broken faulty]}]}")
        + FALLBACK,
        {},
        rule("r", "{event: review, all: [{field: issue, in: [late delivery, lost parcel]}]}")
        + FALLBACK,
        {},
    ),
    (
        "number-as-text",
        rule("r", "{all: [{field: shuttle.delay_minutes, gte: 20 min}]}") + FALLBACK,
        {"plan": "  extra_fields: [shuttle.delay_minutes]\n"},
        rule("r", "{all: [{field: shuttle.delay_minutes, gte: 20}]}") + FALLBACK,
        {"plan": "  extra_fields: [shuttle.delay_minutes]\n"},
    ),
    (
        "clock-time-as-text",
        rule("r", "{all: [{field: order.placed_time, gte: 3pm}]}") + FALLBACK,
        {"plan": "  extra_fields: [order.placed_time]\n"},
        rule("r", '{all: [{field: order.placed_time, gte: "15:00"}]}') + FALLBACK,
        {"plan": "  extra_fields: [order.placed_time]\n"},
    ),
    (
        "unused-condition",
        rule("r", "{event: review}") + FALLBACK,
        {"conditions": "  low: {field: rating, lte: 2}\n"},
        rule("r", "{event: review, use: bad}") + FALLBACK,
        {"conditions": "  low: {field: rating, lte: 2}\n  bad: {all: [{use: low}]}\n"},
    ),
    (
        "no-fallback",
        rule("r", "{event: review}"),
        {},
        rule("r", "{event: review}") + FALLBACK,
        {},
    ),
    (
        "fallback-with-gaps",
        rule("r", "{event: review}")
        + rule("fb", "{event: order}", "    fallback: true\n", "[{escalate: {to: cx-lead}}]"),
        {},
        rule("r", "{event: review}")
        + rule("fb", "{event: order}", "    fallback: true\n", "[{escalate: {to: cx-lead}}]")
        + FALLBACK,
        {},
    ),
    (
        "template-without-default",
        rule("r", "{event: review}", then='[{apologize: {message: "Hi {customer.first_name}"}}]')
        + FALLBACK,
        {},
        rule(
            "r",
            "{event: review}",
            then='[{apologize: {message: "Hi {customer.first_name|there}"}}]',
        )
        + FALLBACK,
        {},
    ),
    (
        "template-without-default",
        rule(
            "r", "{event: review}", then='[{reply_publicly: {message: "Hi {customer.first_name}"}}]'
        )
        + FALLBACK,
        {},
        rule(
            "r",
            "{event: review, all: [{field: customer.first_name, starts_with: D}]}",
            then='[{reply_publicly: {message: "Hi {customer.first_name}"}}]',
        )
        + FALLBACK,
        {},
    ),
    (
        "doubled-braces",
        rule("r", "{event: review}", then='[{apologize: {message: "Hi {{customer.first_name}}"}}]')
        + FALLBACK,
        {},
        rule(  # one brace inserts the field; doubled braces around a plain word are meant
            "r",
            "{event: review}",
            # four braces each side are braces as text, on purpose: `{{order.id}}`
            then='[{apologize: {message: "Hi {customer.first_name|there}, {{ours}}, '
            '{{{{order.id}}}}"}}]',
        )
        + FALLBACK,
        {},
    ),
    (
        "blank-around-default",
        rule(
            "r",
            "{event: review}",
            then='[{apologize: {message: "Hi {customer.first_name | there}, sorry"}}]',
        )
        + FALLBACK,
        {},
        rule(  # blanks around the field's name are not shown; a default's that read well
            "r",
            "{event: review}",
            then='[{apologize: {message: "Hi { customer.first_name |there}, '
            'order{order.id| of yours}"}}]',
        )
        + FALLBACK,
        {},
    ),
    (
        "foreign-placeholder",
        rule("r", "{event: review}", then='[{apologize: {message: "Hi [customer.first_name]"}}]')
        + FALLBACK,
        {},
        rule(  # a field in braces; a plain word or an address in another tool's marks is meant
            "r",
            "{event: review}",
            then='[{apologize: {message: "Hi {customer.first_name|there} [sic] <www.acme.com>"}}]',
        )
        + FALLBACK,
        {},
    ),
    (
        "empty-default",
        rule(
            "r",
            "{event: review}",
            then='[{apologize: {message: "Sorry {customer.first_name|}, we are on it"}}]',
        )
        + FALLBACK,
        {},
        rule(  # at the end of the text, or glued to a word, an empty default leaves no blank
            "r",
            "{event: review}",
            then='[{apologize: {message: "Sorry, we are on it. Acme{store|}. Acme {store|}"}}]',
        )
        + FALLBACK,
        {},
    ),
    (
        "field-in-plain-text",
        rule("r", "{event: review}", then='[{escalate: {to: "{store} manager"}}]') + FALLBACK,
        {},
        rule(  # a plain word in braces may be meant; in a message, a field is filled in
            "r",
            "{event: review}",
            then='[{escalate: {to: "{ops} lead", message: "At {store|our site}"}}]',
        )
        + FALLBACK,
        {},
    ),
    (
        "nobody-named",
        rule("r", "{event: review}", extra="    prevent: [{root_cause: {owner: TBD}}]") + FALLBACK,
        {},
        rule(  # a role, a team or a person: named, whatever the words
            "r",
            "{event: review}",
            then="[{escalate: {to: TBD team lead}}]",
            extra="    prevent: [{root_cause: {owner: Tom Bd}}]",
        )
        + FALLBACK,
        {},
    ),
    (
        "name-written-two-ways",
        rule("r", "{event: review}", extra="    prevent: [{root_cause: {owner: store-manager}}]")
        + rule("s", "{event: order}", extra="    prevent: [{root_cause: {owner: Store Manager}}]")
        + FALLBACK,
        {},
        rule(  # two names, each written one way, everywhere
            "r", "{event: review}", extra="    prevent: [{root_cause: {owner: store-manager}}]"
        )
        + rule("s", "{event: order}", extra="    prevent: [{root_cause: {owner: store-lead}}]")
        + FALLBACK,
        {},
    ),
]


@pytest.mark.parametrize(
    ("then", "message", "hint"),
    [
        (
            '[{replace: {item: "{{ order.items.0.name }}"}}]',
            "the `replace` item of rule `r` writes `{{ order.items.0.name }}` in doubled braces, "
            "which show the text `{ order.items.0.name }` as it is, not the event's value",
            "to insert the field, write it in single braces: `{order.items.0.name}`",
        ),
        (  # Handlebars: the middle braces are a slot, so it reads `{o-1}` (it had been said
            # to show the text `{order.id}`, found by review)
            '[{replace: {item: "Order {{{order.id}}} is late"}}]',
            "the `replace` item of rule `r` writes `{{{order.id}}}` in tripled braces, which "
            "show the event's value with braces around it",
            "to insert the field, write it in single braces: `{order.id}`",
        ),
    ],
    ids=["doubled", "tripled"],
)
def test_a_field_in_doubled_braces_is_named_with_what_it_shows(
    tmp_path: Path, then: str, message: str, hint: str
) -> None:
    [found] = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    assert (found.code, found.message, found.hint) == ("doubled-braces", message, hint)
    assert found.source.pointer == "/rules/0/then/0/replace/item"


def test_a_field_in_doubled_braces_is_placed_at_its_first_brace(tmp_path: Path) -> None:
    """A message written as a block, as the starter plan writes its long ones: the warning had
    been placed at the block's `>-`, a line above the braces, where `unknown-field` of the same
    text and `foreign-placeholder` are placed at the field (found by review)."""
    then = """
      - apologize:
          message: >-
            We are sorry.
            Hi {{ customer.first_name }}, and {{{order.id}}} again.
      - note:
          message: "Order {{{order.id}}} is late"
"""
    found = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    doubled = [d for d in found if d.code == "doubled-braces"]
    lines = Path(doubled[0].source.path).read_text(encoding="utf-8").splitlines()
    assert [lines[d.source.line - 1][d.source.column - 1 :] for d in doubled] == [
        "{{ customer.first_name }}, and {{{order.id}}} again.",
        '{{{order.id}}} is late"',
    ]


def test_a_field_in_an_owner_is_told_it_is_shown_as_written(tmp_path: Path) -> None:
    """A manager with one owner per site wrote `owner: "{store} manager"`: the checklist read
    `owner: {store} manager`, and neither validate nor lint said a word."""
    prevent = '\n    prevent: [{root_cause: {owner: "{store|site} manager"}}]'
    found = lint(tmp_path, rule("r", "{event: order}", extra=prevent) + FALLBACK)
    assert [(d.code, d.message, d.hint) for d in found] == [
        (
            "field-in-plain-text",
            "`owner` of the `root_cause` of rule `r` is `{store|site} manager`: it is shown as "
            "written, so staff read `{store|site}`, not the event's value; only a message (and "
            "a `replace`'s item) fills in fields",
            "write who it is, the same for every complaint (`owner: site-manager`), and put the "
            'field in the action\'s message: `message: "For {store|site}: ..."`',
        )
    ]
    assert found[0].source.pointer == "/rules/0/prevent/0/root_cause/owner"


@pytest.mark.parametrize(
    ("written", "slot"),
    [
        ("{ store | our site } lead", "{store|our site}"),  # as written, blank-around-default
        ("{{store}} lead", "{store}"),  # as written, a message shows `{store}`
    ],
)
def test_a_field_in_a_to_is_hinted_as_a_message_fills_it_in(
    written: str, slot: str, tmp_path: Path
) -> None:
    """The hint gives the field for a message, one brace each side and without blanks, and
    the message quotes it as staff read it."""
    then = f'[{{escalate: {{to: "{written}"}}}}]'
    found = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    assert [(d.code, d.message.split("so staff read ")[1], d.hint) for d in found] == [
        (
            "field-in-plain-text",
            f"`{written.removesuffix(' lead')}`, not the event's value; only a message (and a "
            "`replace`'s item) fills in fields",
            "write who it is, the same for every complaint (`to: site-manager`), and put the "
            f'field in the action\'s message: `message: "For {slot}: ..."`',
        )
    ]


@pytest.mark.parametrize(
    ("written", "called", "escape", "single"),
    [
        (r'"Call\a now"', "a bell", r"\a", r"'Call\a now'"),
        (r'"See C:\folder"', "a form feed", r"\f", r"'See C:\folder'"),
        ('"It\'s\\0"', "a null character", r"\0", r"'It''s\0'"),
    ],
)
def test_a_control_character_in_a_text_is_named_with_the_escape_that_made_it(
    tmp_path: Path, written: str, called: str, escape: str, single: str
) -> None:
    """`message: "Call\a now"`: YAML's double quotes made a bell of `\a`, which the customer
    would not see; a tab and a line break (`"a\tb\nc"`) are text a message may hold."""
    then = f'\n      - note: {{message: {written}}}\n      - note: {{message: "a\\tb\\nc"}}'
    [found] = lint(tmp_path, rule("r", "{event: review}", then=then) + FALLBACK)
    assert (found.code, found.severity) == ("control-character-in-text", Severity.WARNING)
    assert found.message == (
        f"the `note` message of rule `r` holds {called} (what `{escape}` is in double quotes), "
        "a control character that shows as nothing or as a box"
    )
    assert found.hint == (
        'in double quotes a backslash starts an escape (`"\\b"` is a backspace): write the text '
        f"in single quotes, or double each backslash, such as `message: {single}`; or remove "
        "the escape"
    )
    assert (found.source.line, found.source.column) == (11, 25)
    assert found.source.pointer == "/rules/0/then/0/note/message"


@pytest.mark.parametrize(
    ("written", "field"),
    [
        ("%customer.first_name%", "customer.first_name"),  # Mailjet, Sendinblue, Word
        ("[customer.first_name]", "customer.first_name"),
        ("<customer.first_name>", "customer.first_name"),
        ("#customer.first_name#", "customer.first_name"),
        (":customer.first_name:", "customer.first_name"),
        ("[[order.id]]", "order.id"),
        ("<<store>>", "store"),  # a standard field, without a dot
        ("[order.items.0.name]", "order.items.0.name"),  # below a list's item
        ("[customer.frist_name]", "customer.frist_name"),  # a slip in a field's last name
        ("%loyalty.nickname%", "loyalty.nickname"),  # one of the plan's extra_fields
    ],
)
def test_another_tools_placeholder_is_named_with_what_the_customer_reads(
    tmp_path: Path, written: str, field: str
) -> None:
    """`Hi [customer.first_name]` passed in silence, and the customer read the brackets and
    the field's name; a Backplan template inserts a field written in braces only."""
    then = f'[{{note: {{message: "Sorry"}}}}, {{apologize: {{message: "Hi {written}, sorry."}}}}]'
    rules = rule("r", "{event: order}", then=then) + FALLBACK
    found = lint(tmp_path, rules, plan="  extra_fields: [loyalty]\n")
    [found] = [d for d in found if d.code != "unused-extra-field"]
    example = "there" if field == "customer.first_name" else "..."
    assert (found.code, found.message, found.hint) == (
        "foreign-placeholder",
        f"the `apologize` message of rule `r` writes `{written}`, the placeholder of another "
        "tool, which a Backplan template shows as it is: the customer would read "
        f"`{written}`, not the event's value",
        f"to insert the field, write it in braces: `{{{field}}}`, with the words for an event "
        f"without it: `{{{field}|{example}}}`",
    )
    assert found.source.pointer == "/rules/0/then/1/apologize/message"
    assert found.source.column == 66  # at the placeholder, not at the start of the message


def test_a_field_in_full_width_braces_is_named_with_what_the_customer_reads(
    tmp_path: Path,
) -> None:
    """`｛customer.first_name｝様` (braces typed with a Japanese input mode on) passed in silence,
    and the customer read the braces and the field's name (found by writing a Tokyo shop's
    plan)."""
    then = '[{apologize: {message: "\uff5bcustomer.first_name\uff5d\u69d8"}}]'
    [found] = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    assert (found.code, found.message, found.hint) == (
        "foreign-placeholder",
        "the `apologize` message of rule `r` writes `\uff5bcustomer.first_name\uff5d`, in "
        "full-width braces, which a Backplan template shows as it is: the customer would read "
        "`\uff5bcustomer.first_name\uff5d`, not the event's value",
        "to insert the field, write it in braces: `{customer.first_name}`, with the words for an "
        "event without it: `{customer.first_name|there}`",
    )


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        (
            "$customer.first_name",
            "to insert the field, write it in braces: `{customer.first_name}`, with the words "
            "for an event without it: `{customer.first_name|there}`",
        ),
        (  # a name alone, as the shell or a mail merge writes it: the field of that name
            "$name",
            "to insert the field, write it in braces: `{customer.name}`, with the words for an "
            "event without it: `{customer.name|valued customer}`",
        ),
        (  # an amount: the `$` may be the dollar sign, kept before the braces
            "$order.total",
            "to insert the field, write it in braces: `{order.total}`, with the words for an "
            "event without it: `{order.total|...}` (or `${order.total}`, for a `$` before the "
            "amount)",
        ),
        (  # the event's id, which may be text: no amount
            "$id",
            "to insert the field, write it in braces: `{id}`, with the words for an event "
            "without it: `{id|...}`",
        ),
    ],
)
def test_a_field_after_a_dollar_without_braces_is_named_with_what_the_customer_reads(
    tmp_path: Path, written: str, hint: str
) -> None:
    """`Hi $customer.first_name` (or `Hi $name`), as the shell, PHP or a mail merge writes a
    field, passed lint in silence, and the customer read `Hi $customer.first_name` (found by
    review)."""
    then = f'[{{apologize: {{message: "Hi {written}, sorry."}}}}]'
    [found] = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    assert (found.code, found.message, found.hint) == (
        "foreign-placeholder",
        f"the `apologize` message of rule `r` writes `{written}`, the placeholder of another "
        "tool, which a Backplan template shows as it is: the customer would read "
        f"`{written}`, not the event's value",
        hint,
    )
    assert found.source.column == 38  # at the `$`


@pytest.mark.parametrize(
    "text",
    [
        "It costs $5, or $ 5",  # an amount
        "Refund US$order",  # a `$` inside a word
        "Hi $unknown_word",  # no field of that name
        "Hi $customer",  # a group of fields, no value
    ],
)
def test_a_dollar_before_no_field_is_left_as_it_is(tmp_path: Path, text: str) -> None:
    then = f'[{{apologize: {{message: "{text}"}}}}]'
    found = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    assert "foreign-placeholder" not in codes(found), [d.render() for d in found]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("TBD", "TBD"),
        ("tbc", "tbc"),
        ("To be decided", "To be decided"),
        ('"???"', "???"),
        ("N/A", "N/A"),
        ("todo", "todo"),
        ("To-do", "To-do"),
        ('"(TBD)"', "(TBD)"),
        ("someone", "someone"),
        # written with dots: they had passed in silence (found by review)
        ("T.B.D.", "T.B.D."),
        ("N.A.", "N.A."),
    ],
)
def test_an_owner_or_a_recipient_left_to_be_named_is_told_nobody_is(
    tmp_path: Path, written: str, shown: str
) -> None:
    """`owner: TBD`, as a first plan is drafted, passed validate and lint in silence: the
    prevention step went to nobody, its deadline passing unseen; and `to: TBD` escalated the
    case to nobody (found by review)."""
    then = f"[{{escalate: {{to: {written}}}}}]"
    extra = f"    prevent: [{{root_cause: {{owner: {written}, within: 14d}}}}]"
    found = lint(tmp_path, rule("r", "{event: order}", extra=extra, then=then) + FALLBACK)
    assert [(d.code, d.source.pointer, d.message, d.hint) for d in found] == [
        (
            "nobody-named",
            "/rules/0/then/0/escalate/to",
            f"the `escalate` of rule `r` goes to `{shown}`, which names nobody: the case would "
            "be handed to no one",
            "write the person, role or team it goes to, such as `to: duty-manager`",
        ),
        (
            "nobody-named",
            "/rules/0/prevent/0/root_cause/owner",
            f"the `root_cause` of rule `r` is owned by `{shown}`, which names nobody: no one "
            "would be asked to do it, and its deadline would pass unseen",
            "write the person, role or team who owns it, such as `owner: store-manager`",
        ),
    ]


def test_a_percent_after_a_number_is_left_as_a_percent_sign(tmp_path: Path) -> None:
    """`%{survey.score}%` may mean the score as a percentage: only the `%` before is told."""
    then = '[{note: {message: "Score %{survey.score|0}%"}}]'
    [found] = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    assert (found.code, found.hint) == (
        "foreign-placeholder",
        "to insert the field, leave out the `%`: `{survey.score|0}`",
    )


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        (
            "${customer.first_name}",
            "to insert the field, leave out the `$`: `{customer.first_name}`, with the words "
            "for an event without it: `{customer.first_name|there}`",
        ),
        (
            "${customer.first_name|there}",
            "to insert the field, leave out the `$`: `{customer.first_name|there}`",
        ),
        (  # Ruby's placeholder: it read `Hi %Dana` (found by review)
            "%{customer.first_name}",
            "to insert the field, leave out the `%`: `{customer.first_name}`, with the words "
            "for an event without it: `{customer.first_name|there}`",
        ),
        (  # quoted as written
            "%{ customer.first_name|there}",
            "to insert the field, leave out the `%`: `{customer.first_name|there}`",
        ),
        (  # a `%` is no currency sign: before an amount too (`%119.99`)
            "%{order.total|0}",
            "to insert the field, leave out the `%`: `{order.total|0}`",
        ),
        (  # one placeholder: the hint had left out the `%` before only, and the fix read
            # `Hi Dana%, sorry.` (found by review)
            "%{customer.first_name}%",
            "to insert the field, leave out both `%`: `{customer.first_name}`, with the words "
            "for an event without it: `{customer.first_name|there}`",
        ),
        (
            "%{ customer.first_name|there }%",
            "to insert the field, leave out both `%`: `{customer.first_name|there}`",
        ),
        ("${store|our store}$", "to insert the field, leave out both `$`: `{store|our store}`"),
        (  # Ruby's placeholder in a string: it read `Hi #Dana` (found by review)
            "#{customer.first_name|there}",
            "to insert the field, leave out the `#`: `{customer.first_name|there}`",
        ),
    ],
)
def test_a_dollar_percent_or_hash_before_a_fields_braces_is_named_as_shown_with_the_value(
    tmp_path: Path, written: str, hint: str
) -> None:
    """`Hi ${customer.first_name}` (JavaScript's and the shell's placeholder) read `Hi $Dana`,
    and `Hi %{customer.first_name}` or `Hi #{customer.first_name}` (Ruby's) `Hi %Dana`,
    `Hi #Dana`: the braces are a Backplan field, and the mark before them (and the same one
    after them) is text."""
    mark = written[0]
    then = f'[{{apologize: {{message: "Hi {written}, sorry."}}}}]'
    found = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    [dollar] = [d for d in found if d.code == "foreign-placeholder"]
    shown = (
        f"the `{mark}` before and after them are shown as they are, so the customer would read "
        f"the value between two `{mark}`"
        if written.endswith(mark)
        else f"the `{mark}` before them is shown as it is, so the customer would read the value "
        f"with a `{mark}` before it"
    )
    assert (dollar.message, dollar.hint) == (
        f"the `apologize` message of rule `r` writes `{written}`: the braces insert the field, "
        f"and {shown}",
        hint,
    )
    assert dollar.source.column == 38  # at the mark
    fixed = then.replace(written, hint.split("`")[-2])
    assert codes(lint(tmp_path, rule("r", "{event: order}", then=fixed) + FALLBACK)) == []


def test_a_placeholder_in_a_message_the_team_reads_says_what_the_text_reads(
    tmp_path: Path,
) -> None:
    then = '[{note: {message: "Call %customer.first_name% about ${order.id}"}}]'
    found = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    assert [(d.code, d.message, d.hint) for d in found] == [
        (
            "foreign-placeholder",
            "the `note` message of rule `r` writes `%customer.first_name%`, the placeholder of "
            "another tool, which a Backplan template shows as it is: the text would read "
            "`%customer.first_name%`, not the event's value",
            "to insert the field, write it in braces: `{customer.first_name}`",
        ),
        (
            "foreign-placeholder",
            "the `note` message of rule `r` writes `${order.id}`: the braces insert the field, "
            "and the `$` before them is shown as it is, so the text would read the value with a "
            "`$` before it",
            "to insert the field, leave out the `$`: `{order.id}`",
        ),
    ]


def test_a_hash_before_a_field_in_a_teams_text_is_left_as_a_channels_name(
    tmp_path: Path,
) -> None:
    """`Escalated to #{staff.team}` reads `#support`, a chat channel's name, in a team's note
    or escalation: it had been told, with the customer's `#{customer.first_name}`, as Ruby's
    placeholder (found by review). Only the text the customer reads is told."""
    then = (
        '[{note: {message: "Escalated to #{staff.team|support}, store #{store|main}"}}, '
        '{escalate: {to: lead, message: "See #{staff.team|support}"}}, '
        '{apologize: {message: "Hi #{customer.first_name|there}, sorry"}}]'
    )
    found = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    assert [(d.code, d.source.pointer, d.message, d.hint) for d in found] == [
        (
            "foreign-placeholder",
            "/rules/0/then/2/apologize/message",
            "the `apologize` message of rule `r` writes `#{customer.first_name|there}`: the "
            "braces insert the field, and the `#` before them is shown as it is, so the "
            "customer would read the value with a `#` before it",
            "to insert the field, leave out the `#`: `{customer.first_name|there}`",
        )
    ]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Hi {customer.first_name | there}, sorry", "a double space before `there`"),
        (
            "Hi { customer.first_name | there }, sorry",
            "a double space before `there` and a space between `there` and `,`",
        ),
        ("Dear {customer.first_name|customer } and thanks", "a double space after `customer`"),
    ],
)
def test_blanks_around_a_default_are_named_with_what_the_customer_reads(
    tmp_path: Path, written: str, read: str
) -> None:
    """`Hi {customer.first_name | there}` passed in silence: everything after the `|` is the
    default, so an event without a first name read `Hi  there, sorry`."""
    then = f'[{{apologize: {{message: "{written}"}}}}]'
    [found] = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    slot = written[written.index("{") : written.index("}") + 1]
    assert (found.code, found.message, found.hint) == (
        "blank-around-default",
        f"the `apologize` message of rule `r` writes `{slot}`, and a default is everything "
        "after the `|`, blanks included: for an event without `customer.first_name`, the "
        f"customer would read {read}",
        "write the default right after the `|`, without blanks: "
        f"`{{customer.first_name|{slot.split('|')[1][:-1].strip()}}}`",
    )
    assert found.source.pointer == "/rules/0/then/0/apologize/message"
    assert found.source.column == written.index("{") + 36  # at the field, after the `{`
    fixed = then.replace(slot, found.hint.split("`")[-2])
    assert codes(lint(tmp_path, rule("r", "{event: order}", then=fixed) + FALLBACK)) == []


def test_blanks_around_a_default_the_team_reads_say_what_the_text_reads(tmp_path: Path) -> None:
    then = '[{note: {message: "Call {customer.first_name| the customer }."}}]'
    [found] = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    assert found.message == (
        "the `note` message of rule `r` writes `{customer.first_name| the customer }`, and a "
        "default is everything after the `|`, blanks included: for an event without "
        "`customer.first_name`, the text would read a double space before `the customer` and "
        "a space between `the customer` and `.`"
    )


@pytest.mark.parametrize(
    ("written", "read", "fixed"),
    [
        (
            "Sorry {customer.first_name|}, we are on it.",
            "`Sorry , we`, with a space before `,`",
            "`Sorry {customer.first_name|there}, we`",
        ),
        (
            "Sorry {customer.first_name| }, we are on it.",
            "`Sorry  , we`, with a double space and a space before `,`",
            "`Sorry {customer.first_name|there}, we`",
        ),
        (  # the blank moved into the default: `SorryDana,` for an event with a first name
            "Sorry{customer.first_name| }, we are on it.",
            "`Sorry , we`, with a space before `,`",
            "`Sorry {customer.first_name|there}, we`",
        ),
        (
            "Hi {customer.first_name|} and thanks.",
            "`Hi  and`, with a double space",
            "`Hi {customer.first_name|there} and`",
        ),
        (
            "{customer.first_name|}, thanks for writing.",
            "`, thanks`, with `,` at the start",
            "`{customer.first_name|there}, thanks`",
        ),
    ],
)
def test_an_empty_default_is_named_with_what_the_customer_reads(
    tmp_path: Path, written: str, read: str, fixed: str
) -> None:
    """`Sorry {customer.first_name|}, we are on it` passed in silence: an event without a first
    name read `Sorry , we are on it`; the fix is words in its place, not a blank moved into the
    default, which reads `SorryDana` when there is a name."""
    then = f'[{{apologize: {{message: "{written}"}}}}]'
    [found] = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    slot = written[written.index("{") : written.index("}") + 1]
    empty = "empty" if slot.endswith("|}") else "only blanks"
    assert (found.code, found.message, found.hint) == (
        "empty-default",
        f"the `apologize` message of rule `r` writes `{slot}`, whose default is {empty}: for "
        f"an event without `customer.first_name`, the customer would read {read}",
        f"write after the `|` the words to read in its place: {fixed}; or reword the text "
        "around the field so that it reads well without it",
    )
    assert found.source.pointer == "/rules/0/then/0/apologize/message"
    assert found.source.column == written.index("{") + 36  # at the field, after the `{`
    # the hint's words, written in place of the text they quote, leave nothing to tell
    shown = fixed[1:-1]
    start = written.index(shown.split("{")[0].rstrip())
    end = written.index(shown.split("}")[1], written.index("}")) + len(shown.split("}")[1])
    mended = then.replace(written, written[:start] + shown + written[end:])
    assert mended != then
    assert codes(lint(tmp_path, rule("r", "{event: order}", then=mended) + FALLBACK)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, the team at Acme {store|}",  # a blank at the end no one sees
        "Thanks from Acme {store|}\\nSee you soon",  # nor at the end of a line
        "Thanks for shopping at Acme{store|}.",  # glued to a word: no blank shows
        "Order {order.id|}",
    ],
)
def test_an_empty_default_that_leaves_no_blank_in_sight_is_not_told(
    tmp_path: Path, text: str
) -> None:
    then = f'[{{note: {{message: "{text}"}}}}]'
    found = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    assert "empty-default" not in codes(found), [d.render() for d in found]


@pytest.mark.parametrize(
    "written", ["{customer.first_name|}", "{customer.first_name | there}"], ids=["empty", "blanks"]
)
def test_a_default_the_rule_never_shows_is_not_told(tmp_path: Path, written: str) -> None:
    """The rule lets through only events with a first name: the default is never read.
    `blank-around-default` had reported the blanks of such a default, where `empty-default`
    did not (found by review)."""
    then = f'[{{apologize: {{message: "Sorry {written}, we are on it."}}}}]'
    when = '{event: order, all: [{field: customer.first_name, ne: ""}]}'
    assert codes(lint(tmp_path, rule("r", when, then=then) + FALLBACK)) == []


def test_an_empty_default_beside_another_field_quotes_no_field_as_read(tmp_path: Path) -> None:
    """The words around a field stop at a field beside it, which no one reads as written: the
    customer had been said to read `Dear  {customer.`, and `{customer.first_name|} ,`."""
    then = '[{apologize: {message: "Dear {customer.first_name|} {customer.name|}, sorry"}}]'
    found = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    assert [(d.message.split("would read ")[1], d.hint.split(": ", 1)[1]) for d in found] == [
        (
            "`Dear  `, with a double space",
            "`Dear {customer.first_name|there} `; or reword the text around the field so that "
            "it reads well without it",
        ),
        (
            "` , sorry`, with a space before `,`",
            "` {customer.name|valued customer}, sorry`; or reword the text around the field so "
            "that it reads well without it",
        ),
    ]


def test_the_default_a_hint_gives_is_there_for_a_first_name_only(tmp_path: Path) -> None:
    """Every `customer.` field had been given `there`: `Dear {customer.name|}` was hinted
    `Dear {customer.name|there}`, which reads `Dear there`, and `[customer.tier]`
    `{customer.tier|there}` (found by review). Each check that suggests a default gives the
    same words: `there` for a first name, `valued customer` for a full name, `...` else."""
    then = (
        '[{apologize: {message: "Dear {customer.name|}, sorry"}}, '
        '{contact_customer: {channel: email, message: "Dear {customer.name}, {{customer.name}}, '
        '[customer.tier], {customer.first_name}"}}]'
    )
    found = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    assert [(d.code, d.hint) for d in found] == [
        (
            "empty-default",
            "write after the `|` the words to read in its place: `Dear {customer.name|valued "
            "customer}, sorry`; or reword the text around the field so that it reads well "
            "without it",
        ),
        (
            "template-without-default",
            "give a default after `|`, such as {customer.name|valued customer}",
        ),
        (  # after it: in the text's order, now placed at its braces
            "doubled-braces",
            "to insert the field, write it in single braces: `{customer.name}`, with the words "
            "for an event without it: `{customer.name|valued customer}`",
        ),
        (
            "foreign-placeholder",
            "to insert the field, write it in braces: `{customer.tier}`, with the words for an "
            "event without it: `{customer.tier|...}`",
        ),
        (
            "template-without-default",
            "give a default after `|`, such as {customer.first_name|there}",
        ),
    ]


def test_an_empty_default_the_team_reads_says_what_the_text_reads(tmp_path: Path) -> None:
    then = '[{note: {message: "Order {order.id|} (late)."}}]'
    [found] = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    assert (found.message, found.hint) == (
        "the `note` message of rule `r` writes `{order.id|}`, whose default is empty: for an "
        "event without `order.id`, the text would read `Order  (late).`, with a double space",
        "write after the `|` the words to read in its place: `Order {order.id|...} (late).`; "
        "or reword the text around the field so that it reads well without it",
    )


@pytest.mark.parametrize(
    "text",
    [
        "We got it wrong [sic] and are 100% on it",  # plain words in another tool's marks
        "Reply at <www.acme.com> or [help.acme.com]",  # a web address is no field
        # nor one that starts with a field's name: it had been told to be `{store.acme.example}`
        "Shop at <store.acme.example>, [order.acme.com] or <customer.acme.com>; see [text.md]",
        "Thanks :smile: and #thanks#",
        "A note for [customer] and <order>",  # a whole group: no value to insert
        "[public] [repeat] :repeat: review",  # labels: `{repeat}` would read `true`
        "Refunded ${order.total|the full amount}",  # a `$` before an amount is money
        "Refunded ${order.items.0.price|it}, ${loyalty.credit|some}",  # may be an amount
        # a `#` before an id or a number is a number sign: `Order #o-7781`
        "Order #{order.id|}, agent #{staff.agent_id|}, #{customer.phone|}, #{rating|1}",
        "Item #{order.items.0.sku|}, card #{loyalty.card|}",  # may be a number too
        "Hi <ours> :x.y: [customer.first_name: (a mark not closed)",
        "Hi [{customer.first_name|there}]",  # the field is inserted, between brackets
        "Marks that do not pair: [customer.first_name> %order.id#",
    ],
)
def test_text_in_another_tools_marks_that_names_no_field_is_not_told(
    tmp_path: Path, text: str
) -> None:
    then = f'[{{note: {{message: "{text}"}}}}]'
    found = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    assert "foreign-placeholder" not in codes(found), [d.render() for d in found]


@pytest.mark.parametrize(
    ("written", "said", "single"),
    [
        (
            r'"Saved in C:\new folder\tickets"',
            "a line break right after `C:`, what `\\n`",
            r"'Saved in C:\new folder\tickets'",
        ),
        (r'"See d:\tmp"', "a tab right after `d:`, what `\\t`", r"'See d:\tmp'"),
        (
            r'"On \\server\new"',  # YAML's \\ is one backslash, its \n a line break
            "a line break right after `\\server`, what `\\n`",
            r"'On \server\new'",
        ),
    ],
)
def test_a_windows_path_in_double_quotes_is_told_its_escapes(
    tmp_path: Path, written: str, said: str, single: str
) -> None:
    # "C:\new folder\tickets" is C:, a line break, "ew folder", a tab and "ickets": a tab and a
    # line break may be meant in a text, but not right after a drive or a backslash.
    then = (
        f'\n      - note: {{message: {written}}}\n      - note: {{message: "One\\nTwo:\\tthree"}}'
    )
    [found] = lint(tmp_path, rule("r", "{event: review}", then=then) + FALLBACK)
    assert found.code == "control-character-in-text"
    assert found.message.startswith(f"the `note` message of rule `r` holds {said}"), found.message
    assert found.hint.endswith(f"such as `message: {single}`; or remove the escape"), found.hint


def test_a_windows_path_in_double_quotes_says_what_yaml_read_in_words(tmp_path: Path) -> None:
    then = r'[{note: {message: "See d:\tmp"}}]'
    [found] = lint(tmp_path, rule("r", "{event: review}", then=then) + FALLBACK)
    assert found.message == (
        "the `note` message of rule `r` holds a tab right after `d:`, what `\\t` is in double "
        "quotes: a path such as C:\\new reads as `C:` and a new line"
    )


@pytest.mark.parametrize(
    "then",
    [
        '[{note: {message: "Q:\\nWhy late?\\nA:\\nThe courier."}}]',  # lines meant, capitals
        "\n      - note:\n          message: |\n            Plan A:\n            refund it\n",
        "\n      - note:\n          message: 'Plan A:\n\n            refund it'\n",
    ],
)
def test_a_line_break_after_a_colon_that_is_meant_is_no_windows_path(
    tmp_path: Path, then: str
) -> None:
    # A block text's lines (`Plan A:` then `refund...`) were told they were a path such as
    # C:\new, with a hint that would have put a backslash and an n into the message.
    assert lint(tmp_path, rule("r", "{event: review}", then=then) + FALLBACK) == []


def test_a_control_character_in_a_title_or_the_plan_name_is_named(tmp_path: Path) -> None:
    extra = '    description: "Escalate\\e[2J"\n'
    found = lint(
        tmp_path, rule("r", "{event: review}", extra) + FALLBACK, plan='  description: "x\\by"\n'
    )
    assert [(d.code, d.message.split(" holds")[0]) for d in found] == [
        ("control-character-in-text", "the plan's description"),
        ("control-character-in-text", "the description of rule `r`"),
    ]


def test_a_control_character_in_the_plans_name_is_named(tmp_path: Path) -> None:
    # The plan's name is the first text lint reads.
    header = 'backplan: 1\nplan:\n  name: "Store\\bplan"\n  currency: USD\n'
    path = write_plan(tmp_path, "rules:\n" + FALLBACK, header=header)
    [found] = [d for d in lint_plan(path) if d.code == "control-character-in-text"]
    assert (found.source.line, found.message.split(" holds")[0]) == (3, "the plan's name")


@pytest.mark.parametrize(
    ("code", "bad", "bad_options", "good", "good_options"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_finding_and_its_clean_twin(
    tmp_path: Path,
    code: str,
    bad: str,
    bad_options: dict[str, str],
    good: str,
    good_options: dict[str, str],
) -> None:
    found = lint(tmp_path, bad, **bad_options)
    assert code in codes(found), [d.render() for d in found]
    hit = next(d for d in found if d.code == code)
    assert hit.severity is Severity.WARNING
    assert hit.source.line > 0 and hit.hint
    clean = lint(tmp_path, good, **good_options)
    assert code not in codes(clean), [d.render() for d in clean]


def test_messages_name_the_problem_in_words(tmp_path: Path) -> None:
    found = lint(tmp_path, rule("r", "{all: [{field: custmer.tier, eq: gold}]}") + FALLBACK)
    assert found[0].message == (
        "a condition of rule `r` reads `custmer.tier`, which is not a standard event field "
        "(did you mean `customer.tier`?)"
    )
    found = lint(
        tmp_path,
        rule("r", "{all: [{use: vip}]}") + FALLBACK,
        conditions="  vip: {all: [{field: custmer.tier, eq: gold}]}\n",
    )
    assert found[0].message == (
        "a condition of the named condition `vip` reads `custmer.tier`, which is not a standard "
        "event field (did you mean `customer.tier`?)"
    )
    found = lint(tmp_path, rule("r", "{all: [{field: rating, lt: 2}, {field: rating, gt: 4}]}"))
    never = next(d for d in found if d.code == "never-matches")
    assert never.message == (
        "rule `r` can never match: rating is less than 2 and rating is more than 4 cannot all hold"
    )
    assert len(never.related) == 2


def test_tests_that_rule_each_other_out_are_no_proof_from_the_event_schema(
    tmp_path: Path,
) -> None:
    # `severity` is one of four words in the event schema, but these two never hold together
    # whatever events send: the finding had said it held for events that follow the schema
    # only, with a hint that such an event can match (found by review).
    found = lint(
        tmp_path,
        rule(
            "r",
            "{all: [{field: severity, in: [low, medium]}, {field: severity, in: [high, urgent]}]}",
        )
        + FALLBACK,
    )
    (never,) = (d for d in found if d.code == "never-matches")
    assert never.message == (
        "rule `r` can never match: severity is one of low or medium and severity is one of "
        "high or urgent cannot all hold"
    )
    assert "such an event can match" not in never.hint
    # Text where events carry a number: the two never meet, whatever the kind events send.
    found = lint(
        tmp_path,
        rule("r", '{all: [{field: rating, eq: "1"}, {field: rating, eq: "2"}]}') + FALLBACK,
    )
    (never,) = (d for d in found if d.code == "never-matches")
    assert (
        never.message == 'rule `r` can never match: rating is "1" and rating is "2" cannot all hold'
    )
    assert "such an event can match" not in never.hint
    found = lint(tmp_path, rule("r", '{all: [{field: rating, eq: "1"}]}') + FALLBACK)  # alone:
    (dead,) = (d for d in found if d.code == "never-matches")  # the schema, and how to write it
    assert "follow the event schema" in dead.message and "write the value as one" in dead.hint


def test_a_named_condition_many_rules_use_that_never_holds_is_told_once(tmp_path: Path) -> None:
    """A store's condition written `eq: 12` (a number where events carry text), used by 75
    rules in another file, had been told at each of them, the same words 75 times, 226 lines
    pointing at the store's file for one mistake in the conditions' (found by review). Told
    once, at the condition, naming the rules it keeps from matching."""
    rules = "".join(
        rule(f"paris-{i}", f"{{all: [{{use: paris}}, {{field: issue, eq: i{i}}}]}}")
        for i in range(12)
    )
    found = lint(tmp_path, rules + FALLBACK, conditions="  paris: {field: store, eq: 12}\n")
    (never,) = (d for d in found if d.code == "never-matches")
    assert codes(found) == ["never-matches"]
    assert never.message == (
        "the named condition `paris` can never hold: store is text in events that follow the "
        "event schema, so store is 12 never holds; 12 rules that use it can never match: "
        "`paris-0`, `paris-1`, `paris-2`, `paris-3`, `paris-4`, `paris-5`, `paris-6`, "
        "`paris-7`, … (12 in all)"
    )
    assert never.source.pointer == "/conditions/paris"
    assert never.hint.startswith("events send `store` as text, and a number is never equal to text")
    assert never.related == ()


def test_a_named_condition_of_two_tests_that_never_holds_shows_both_and_leaves_rules_alone(
    tmp_path: Path,
) -> None:
    """The two tests that rule each other out are under `see:`; a rule whose own tests
    contradict each other, beside the condition, is told at the rule."""
    found = lint(
        tmp_path,
        rule("a", "{use: impossible}")
        + rule("b", "{use: impossible}")
        + rule("c", "{all: [{field: channel, eq: x}, {field: channel, eq: y}]}")
        + FALLBACK,
        conditions="  impossible: {all: [{field: rating, lt: 2}, {field: rating, gt: 4}]}\n",
    )
    told = [d for d in found if d.code == "never-matches"]
    assert [(d.source.pointer, d.message.split(":")[0]) for d in told] == [
        ("/conditions/impossible", "the named condition `impossible` can never hold"),
        ("/rules/2", "rule `c` can never match"),
    ]
    assert [at.pointer for at in told[0].related] == [
        "/conditions/impossible/all/0",
        "/conditions/impossible/all/1",
    ]
    assert told[0].message.endswith("; 2 rules that use it can never match: `a`, `b`")


def test_each_slip_of_a_named_condition_is_told_and_one_rule_is_told_at_itself(
    tmp_path: Path,
) -> None:
    """A condition with two slips (`rating` below 1 and above 5, and `store` `eq: 12`) used
    by one rule had been told once, at the condition, as "the 1 rules that use it", and its
    second slip not at all: each slip of a condition is told, at the rule when one rule
    uses it, at the condition when several do (found by review)."""
    conditions = (
        "  paris: {all: [{field: rating, lt: 1}, {field: rating, gt: 5}, {field: store, eq: 12}]}\n"
    )
    found = lint(tmp_path, rule("x", "{use: paris}") + FALLBACK, conditions=conditions)
    told = [d for d in found if d.code == "never-matches"]
    assert [d.source.pointer for d in told] == ["/rules/0", "/rules/0"]
    assert all(d.message.startswith("rule `x` can never match: ") for d in told)
    assert any("store is 12" in d.message for d in told)
    assert any("rating is less than 1" in d.message for d in told)
    two = rule("x", "{use: paris}") + rule("y", "{all: [{use: paris}, {field: issue, eq: a}]}")
    found = lint(tmp_path, two + FALLBACK, conditions=conditions)
    told = [d for d in found if d.code == "never-matches"]
    assert [d.source.pointer for d in told] == ["/conditions/paris", "/conditions/paris"]
    assert all(d.message.endswith("2 rules that use it can never match: `x`, `y`") for d in told)
    assert any("store is 12" in d.message for d in told)
    assert any("rating is less than 1" in d.message for d in told)


def test_a_named_condition_told_at_itself_does_not_count_a_rule_it_leaves_able_to_match(
    tmp_path: Path,
) -> None:
    """Three rules used a condition that never holds, one of them as an alternative of its
    `any` list (it can still match): the warning said "the 2 rules that use it", as if only
    two did, and a manager renaming the condition missed the third (found by review)."""
    rules = (
        rule("x", "{any: [{use: paris}, {field: issue, eq: late}]}")
        + rule("y", "{use: paris}")
        + rule("z", "{all: [{use: paris}, {field: issue, eq: rude}]}")
    )
    found = lint(tmp_path, rules + FALLBACK, conditions="  paris: {field: store, eq: 12}\n")
    (never,) = (d for d in found if d.code == "never-matches")
    assert never.message.endswith(
        "store is 12 never holds; 2 rules that use it can never match: `y`, `z`"
    )


def test_a_named_condition_is_no_cause_of_its_own_when_it_holds_or_one_rule_uses_it(
    tmp_path: Path,
) -> None:
    """Only a condition that never holds by itself is told at itself: one that always holds,
    under a `not` in two rules, is told at each rule; one used by a single rule, at the rule,
    as before."""
    always = "  known: {any: [{field: store, exists: true}, {field: store, missing: true}]}\n"
    rules = rule("a", "{not: {use: known}}") + rule("b", "{not: {use: known}}")
    found = [d for d in lint(tmp_path, rules + FALLBACK, conditions=always)]
    assert [(d.code, d.source.pointer) for d in found if d.code == "never-matches"] == [
        ("never-matches", "/rules/0"),
        ("never-matches", "/rules/1"),
    ]
    found = lint(
        tmp_path,
        rule("a", "{use: paris}") + FALLBACK,
        conditions="  paris: {field: store, eq: 12}\n",
    )
    (never,) = (d for d in found if d.code == "never-matches")
    assert never.message.startswith("rule `a` can never match: store is text")


WHOLE_HINT = (
    "events carry `order.delay_days` as a whole number{} (an event that sends another number "
    "would match: `eval` does not refuse one unless `--strict`)"
)


@pytest.mark.parametrize(
    ("tests", "words", "fix"),
    [
        ("{field: order.delay_days, eq: 1.5}", "order.delay_days is 1.5", ""),
        (
            "{field: order.delay_days, in: [0.5, 1.5]}",
            "order.delay_days is one of 0.5 or 1.5",
            "",
        ),
        (
            "{field: order.delay_days, between: [1.2, 1.8]}",
            "order.delay_days is between 1.2 and 1.8",
            "",
        ),
        (
            "{field: order.delay_days, gt: 1}, {field: order.delay_days, lt: 2}",
            "order.delay_days is more than 1 and order.delay_days is less than 2",
            "widen",
        ),
        (  # a bound the strict side leaves out: 2 is not more than 2
            "{field: order.delay_days, gt: 2}, {field: order.delay_days, lte: 2.5}",
            "order.delay_days is more than 2 and order.delay_days is 2.5 or less",
            "",
        ),
        (  # the whole number listed is the one the first test leaves out
            "{field: order.delay_days, ne: 2}, {field: order.delay_days, in: [1.5, 2]}",
            "order.delay_days is a number other than 2 and order.delay_days is one of 1.5 or 2",
            "",
        ),
    ],
)
def test_a_test_of_a_whole_number_field_that_holds_no_whole_number_never_matches(
    tests: str, words: str, fix: str, tmp_path: Path
) -> None:
    """`order.delay_days` is an integer in the event schema, as `severity` is one of four
    words: `eq: 1.5` had been let through, where `severity in [urgent]` is told (found by
    review)."""
    found = lint(tmp_path, rule("r", f"{{all: [{tests}]}}") + FALLBACK)
    (never,) = (d for d in found if d.code == "never-matches")
    assert never.message == (
        "rule `r` can never match: order.delay_days is always a whole number in events that "
        f"follow the event schema, so {words} never holds"
    )
    assert never.hint == WHOLE_HINT.format(
        ", and none is within these bounds: widen them"
        if fix
        else ": write the test with whole numbers"
    )


def test_a_whole_number_field_compared_with_true_is_not_hinted_whole_numbers(
    tmp_path: Path,
) -> None:
    """`eq: true` is no number at all: the whole numbers' hint ("widen the bounds") had been
    given to it (found by mutation testing)."""
    found = lint(tmp_path, rule("r", "{all: [{field: order.delay_days, eq: true}]}") + FALLBACK)
    (never,) = (d for d in found if d.code == "never-matches")
    assert "is a number in events" in never.message
    assert "whole" not in never.hint


@pytest.mark.parametrize(
    "tests",
    [
        "{field: order.delay_days, eq: 2}",
        "{field: order.delay_days, in: [0.5, 2]}",
        "{field: order.delay_days, between: [1.2, 2]}",
        "{field: order.delay_days, gte: 1}, {field: order.delay_days, lt: 2}",
        "{field: order.delay_days, gt: 1.5}",  # open above
        "{field: order.delay_days, gt: 2}, {field: order.delay_days, lte: 3}",  # 3 alone
        "{field: rating, eq: 1.5}",  # ratings may have halves
    ],
)
def test_a_test_of_a_whole_number_field_that_holds_a_whole_number_is_not_told(
    tests: str, tmp_path: Path
) -> None:
    found = lint(tmp_path, rule("r", f"{{all: [{tests}]}}") + FALLBACK)
    assert codes(found) == []


def test_a_field_of_whole_numbers_or_text_is_told_so_and_its_text_may_match(
    tmp_path: Path,
) -> None:
    """`id` is a whole number or text: `in: [abc, 1.5]` matches an event whose id is `abc`,
    and had been told never to match, `id` being "always a whole number" (found by review)."""
    when = "{all: [{field: id, in: [abc, 1.5]}]}"
    assert codes(lint(tmp_path, rule("r", when) + FALLBACK)) == []
    found = lint(tmp_path, rule("r", "{all: [{field: id, eq: 1.5}]}") + FALLBACK)
    (never,) = (d for d in found if d.code == "never-matches")
    assert never.message == (
        "rule `r` can never match: id is always a whole number or text in events that follow "
        "the event schema, so id is 1.5 never holds"
    )
    assert never.hint == (
        "events carry `id` as a whole number or text: write the test with whole numbers "
        "(`eval` refuses an event whose `id` is another number)"
    )


@pytest.mark.parametrize(
    "schema_test",
    [Atom("order.delay_days", "eq", 1.5), Atom("severity", "in", ("urgent",))],
)
def test_a_proof_of_the_tests_alone_is_preferred_to_one_from_the_event_schema(
    schema_test: Atom,
) -> None:
    """A proof from the event schema is no proof for implication or `backplan test`'s
    exclusions (`eval` decides an event that breaks it): one found on the first field had
    hidden a proof of the tests alone on another (found by review)."""
    ratings = [Atom("rating", "lt", 2), Atom("rating", "gt", 4)]
    found = contradiction([schema_test, *ratings])
    assert found is not None and not found.schema
    assert found.message == "rating is less than 2 and rating is more than 4 cannot all hold"


@pytest.mark.parametrize(
    "schema_test",
    [Atom("order.delay_days", "eq", 1.5), Atom("severity", "in", ("urgent",))],
)
def test_a_proof_of_an_any_is_preferred_to_one_from_the_event_schema(schema_test: Atom) -> None:
    """Beside a test the event schema alone rules out, an `any` each of whose alternatives
    the tests alone rule out is the proof given: the schema's had been given first, and is no
    proof for `backplan test`'s exclusions (found by review)."""
    ratings = Either((Atom("rating", "lt", 2), Atom("rating", "lt", 1)))
    found = contradiction([schema_test, Atom("rating", "gt", 4), ratings])
    assert found is not None and not found.schema
    assert found.message.startswith("no alternative of `any` can hold: rating is more than 4")
    # An `any` one of whose alternatives only the schema rules out leaves the schema's proof.
    holds = Either((Atom("rating", "lt", 2), Atom("rating", "lt", 5)))
    found = contradiction([schema_test, Atom("rating", "gt", 4), holds])
    assert found is not None and found.schema and found.tests == (schema_test,)


def test_a_test_no_value_passes_is_told_never_true_alone_and_with_others() -> None:
    """One test no value of any kind passes (`ne: null`, as an embedder may build it) is
    "never true"; with another, they "cannot all hold". A mutant that told the one test
    alone "cannot all hold" passed every test (found by mutation testing)."""
    alone = contradiction([Atom("store", "ne", None)])
    assert alone is not None and not alone.schema
    assert alone.message == "store is nothing (no value passes this test) is never true"
    both = contradiction([Atom("store", "ne", None), Atom("store", "eq", "S1")])
    assert both is not None and not both.schema
    assert both.message == (
        "store is nothing (no value passes this test) and store is S1 cannot all hold"
    )


def test_a_proof_from_the_event_schema_says_it_is_about_events_that_follow_it(
    tmp_path: Path,
) -> None:
    # eval does not hold events to the event schema: an event with severity "urgent" is decided
    # and fires the rule, so lint must not claim the rule can never match any event.
    rules = rule("urgent", "{all: [{field: severity, in: [urgent]}]}")
    rules += rule("text-rating", '{all: [{field: rating, eq: "1"}]}') + FALLBACK
    found = {d.message.split("`")[1]: d for d in lint(tmp_path, rules)}
    assert found["urgent"].message == (
        "rule `urgent` can never match: severity is always one of low, medium, high or critical "
        "in events that follow the event schema, so severity is urgent never holds"
    )
    assert found["text-rating"].message == (
        "rule `text-rating` can never match: rating is a number in events that follow the event "
        'schema, so rating is "1" never holds'
    )
    assert "`backplan schema event`" in found["urgent"].hint
    assert "`eval` does not refuse an event that breaks it (unless `--strict`)" in (
        found["urgent"].hint
    )
    assert found["text-rating"].hint == (  # the value written as events carry it
        "events carry `rating` as a number: write the value as one, `eq: 1` (an event that "
        "sends it as text would match it: `eval` does not refuse one unless `--strict`)"
    )
    decision = load_plan(tmp_path).evaluate({"id": "e1", "type": "review", "severity": "urgent"})
    assert decision.matched == ["urgent"]
    # an alternative refused by the schema makes the whole `any` a claim about such events
    found = lint(
        tmp_path,
        rule(
            "r",
            "{all: [{field: rating, lt: 2}, "
            "{any: [{field: rating, gt: 4}, {field: severity, eq: urgent}]}]}",
        )
        + FALLBACK,
    )
    assert "in events that follow the event schema" in found[0].message
    assert "`backplan schema event`" in found[0].hint
    # a contradiction between the rule's own conditions is true of every event
    found = lint(tmp_path, rule("r", "{all: [{field: rating, lt: 2}, {field: rating, gt: 4}]}"))
    never = next(d for d in found if d.code == "never-matches")
    assert "event schema" not in never.message + never.hint


def test_errors_come_first_and_stop_the_warnings(tmp_path: Path) -> None:
    found = lint(tmp_path, rule("r", "{all: [{field: rating, lt: 2}, {use: nowhere}]}"))
    assert codes(found) == ["unknown-condition"]
    assert found[0].severity is Severity.ERROR


def test_ignored_codes_are_left_out(tmp_path: Path) -> None:
    path = write_plan(
        tmp_path,
        rule("r", "{event: review}"),
        header=("backplan: 1\nplan: {name: S, currency: USD}\nrules:\n"),
    )
    assert "no-fallback" in codes(lint_plan(path))
    assert "no-fallback" not in codes(lint_plan(path, ignore=["no-fallback"]))


def test_an_unused_condition_is_pointed_at_by_its_name(tmp_path: Path) -> None:
    # Not at its value, whose place is its first key (`field:`, a line below) when written
    # as a block.
    conditions = "  low:\n    field: rating\n    lte: 2\n"
    [found] = lint(tmp_path, rule("r", "{event: review}") + FALLBACK, conditions=conditions)
    assert found.code == "unused-condition"
    assert (found.source.line, found.source.column) == (6, 3)
    assert (found.message, found.hint) == (
        "the named condition `low` is not used by any rule",
        "use it in a rule with `use: low`, or remove it",
    )


def _disabled_fallbacks(tmp_path: Path, *events: str | None) -> Diagnostic:
    """The no-fallback warning of a plan with one rule and a disabled fallback rule for each
    of ``events`` (None: for every type), named fb1, fb2..."""
    off = ""
    for n, event in enumerate(events, 1):
        off += f"  - id: fb{n}\n    title: fb{n}\n    fallback: true\n    enabled: false\n"
        off += f"    when: {{event: {event}}}\n" if event else ""
        off += "    then:\n      - escalate: {to: lead, within: 1h}\n"
    path = write_plan(
        tmp_path,
        rule("r", "{event: review}") + off,
        header=("backplan: 1\nplan: {name: S, currency: USD}\nrules:\n"),
    )
    [found] = [d for d in lint_plan(path) if d.code == "no-fallback"]
    return found


def test_no_fallback_says_the_plan_has_none_when_it_has_none(tmp_path: Path) -> None:
    found = _disabled_fallbacks(tmp_path)
    assert (found.source.line, found.message, found.hint) == (
        2,
        "the plan has no fallback rule: a complaint no rule fits gets no actions",
        "add a rule with `fallback: true` that escalates to a person to improvise",
    )


def test_no_fallback_names_a_fallback_that_is_disabled(tmp_path: Path) -> None:
    found = _disabled_fallbacks(tmp_path, None)
    assert found.message.startswith("its fallback rule `fb1` is disabled (`enabled: false`)")
    assert found.hint.startswith("enable it")


def test_no_fallback_says_every_fallback_is_disabled_when_all_are(tmp_path: Path) -> None:
    """Two fallback rules (one for reviews, one for orders), both `enabled: false`: the
    plan has fallbacks, none of which decides."""
    found = _disabled_fallbacks(tmp_path, "review", "order")
    assert found.message.startswith("every fallback rule is disabled (`enabled: false`)")
    assert found.hint.startswith("enable one, or ")


def test_registered_in_checks_and_documented() -> None:
    for check in LINT_CHECKS:
        assert check in CHECKS
        assert check.severity is Severity.WARNING
    assert len({c for c, _ in lint_codes()}) == len(LINT_CHECKS)
    from tests.conftest import REPO

    docs = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    for code, _ in lint_codes():
        assert f"`{code}`" in docs


def test_validate_runs_no_warning_checks(plan_from: Any) -> None:
    plan = plan_from(
        "rules:" + rule("r", "{all: [{field: rating, lt: 2}, {field: rating, gt: 4}]}")
    )
    assert run_checks(plan.model, severities=frozenset({Severity.ERROR})) == []


# --- soundness of the proofs, on random conditions and schema-valid events ---------------------

NUMBERS = [0, 1, 2, 3, 4, 5, 2.5]
TEXTS = ["a", "b", "gold", "low", "high", "Gold"]
FIELDS = {
    "rating": st.sampled_from([*NUMBERS, None, MISSING]),
    "severity": st.sampled_from(["low", "medium", "high", "critical", None, MISSING]),
    "channel": st.sampled_from([*TEXTS, None, MISSING]),
    "order.delay_days": st.sampled_from([0, 1, 2, 3, None, MISSING]),  # whole numbers
}
OPERATORS = [
    op
    for op in MODEL_OPERATORS
    if op not in ("contains_any", "contains_all", "ends_with", "matches")
]
_constant = st.sampled_from([*NUMBERS, *TEXTS, "urgent", True])


@st.composite
def atoms(draw: st.DrawFn) -> Atom:
    op = draw(st.sampled_from(OPERATORS))
    if op in ("in", "not_in"):
        value: Any = tuple(draw(st.lists(_constant, min_size=1, max_size=3)))
    elif op == "between":
        low = draw(st.sampled_from(NUMBERS))
        value = (low, draw(st.sampled_from([n for n in NUMBERS if n >= low])))
    elif op in ("exists", "missing"):
        value = draw(st.booleans())
    elif op in ("contains", "starts_with"):
        value = draw(st.sampled_from(TEXTS))
    else:
        value = draw(_constant)
    return Atom(
        draw(st.sampled_from(sorted(FIELDS))),
        op,
        value,
        ignore_case=draw(st.booleans()) if op in ("eq", "in", "contains") else False,
        negated=draw(st.booleans()) if op not in ("exists", "missing") else False,
    )


def node_trees(leaves: st.SearchStrategy[Atom], max_leaves: int = 6) -> st.SearchStrategy[Node]:
    """Conditions in normal form: the tests under `all` and `any` lists, nested."""
    return st.recursive(
        leaves,
        lambda inner: (
            st.builds(Either, st.lists(inner, min_size=1, max_size=3).map(tuple))
            | st.builds(Both, st.lists(inner, min_size=1, max_size=3).map(tuple))
        ),
        max_leaves=max_leaves,
    )


nodes = node_trees(atoms())
events = st.fixed_dictionaries({name: values for name, values in FIELDS.items()})


def holds(node: Node, event: dict[str, Any]) -> bool:
    if isinstance(node, Atom):
        return node.passes(event[node.field])
    if isinstance(node, Both):
        return all(holds(i, event) for i in node.items)
    return any(holds(i, event) for i in node.items)


@settings(max_examples=500, deadline=None)
@given(conjuncts=st.lists(nodes, min_size=1, max_size=4), event=events)
def test_never_matches_is_sound(conjuncts: list[Node], event: dict[str, Any]) -> None:
    if all(holds(n, event) for n in conjuncts):
        assert contradiction(conjuncts) is None


OFF_SCHEMA = ["2", "", True, float("nan"), float("inf"), float("-inf"), [], {}]
"""Values an event may hold in any field against the event schema, which `eval` decides all the
same: `not: {all: [{field: rating, gte: 3}]}` holds for each of them (no range test on numbers
accepts one)."""
off_schema_events = st.fixed_dictionaries(
    {name: values | st.sampled_from(OFF_SCHEMA) for name, values in FIELDS.items()}
)


@settings(max_examples=500, deadline=None)
@given(
    given_=st.lists(nodes, min_size=1, max_size=3),
    wanted=st.lists(nodes, min_size=1, max_size=3),
    event=off_schema_events,
)
@example(  # `rating lte: 3` lets 3 through, which `not (rating gte 2.5)` refuses
    given_=[Atom("rating", "lte", 3)],
    wanted=[Atom("rating", "gte", 2.5, negated=True), Atom("rating", "missing", False)],
    event={"rating": 3, "severity": None, "channel": None},
)
@example(  # `not (rating gte 2)` lets a missing rating through, which `exists` refuses
    given_=[Atom("rating", "gte", 2, negated=True)],
    wanted=[Atom("rating", "gte", 3, negated=True), Atom("rating", "missing", False)],
    event={"rating": MISSING, "severity": None, "channel": None},
)
def test_implication_is_sound(
    given_: list[Node], wanted: list[Node], event: dict[str, Any]
) -> None:
    """Sound on every event `eval` decides, values off the event schema included: the proofs
    of implication draw on no schema."""
    if all(holds(n, event) for n in given_) and not all(holds(n, event) for n in wanted):
        assert not implies(given_, Both(tuple(wanted)))


BOUNDS = [2, 3, "b"]
RANGE_TESTS = [
    Atom("rating", op, bound, negated=negated)
    for op, bound in [
        *((op, bound) for op in ("lt", "lte", "gt", "gte") for bound in BOUNDS),
        *(("between", pair) for pair in ((2, 2), (2, 3), (3, 3))),
    ]
    for negated in (False, True)
] + [Atom("rating", "exists", present) for present in (False, True)]
"""Every test of `rating` by a range (on numbers or on text), negated or not, or by `exists`,
at a few bounds, so that tests at one bound meet (`gte: 3` and `not: {lte: 3}`)."""
RATINGS = [1, 2, 2.5, 3, 4, None, MISSING, "a", "b", "c", *OFF_SCHEMA]
"""Every kind of value a rating can hold: each bound, and a value on each side of it."""


def _no_value_refutes(given_: list[Node], wanted: Node) -> bool:
    """Whether every rating of :data:`RATINGS` that meets ``given_`` meets ``wanted``."""
    meeting = [{"rating": r} for r in RATINGS if all(holds(n, {"rating": r}) for n in given_)]
    return all(holds(wanted, event) for event in meeting)


def test_implication_of_two_range_tests_is_sound_for_every_kind_of_value() -> None:
    """`not: {all: [{field: rating, gte: 3}]}` is `rating < 3` only for a number: whenever the proof
    says two range tests imply a third, no value of any kind passes them and not it."""
    wrong = [
        (first.words(), second.words(), wanted.words())
        for first in RANGE_TESTS
        for second in RANGE_TESTS
        for wanted in RANGE_TESTS
        if implies([first, second], wanted) and not _no_value_refutes([first, second], wanted)
    ]
    assert wrong == []


@settings(max_examples=300, deadline=None)
@given(
    given_=st.lists(node_trees(st.sampled_from(RANGE_TESTS), 4), min_size=1, max_size=3),
    wanted=node_trees(st.sampled_from(RANGE_TESTS), 3),
)
def test_implication_of_range_conditions_is_sound_for_every_kind_of_value(
    given_: list[Node], wanted: Node
) -> None:
    """The same, for conditions of such tests under `all` and `any` lists."""
    if implies(given_, wanted):
        assert _no_value_refutes(given_, wanted)


@pytest.mark.parametrize(
    "tests",
    [
        [Atom("rating", "gt", 3), Atom("rating", "gte", 3), Atom("rating", "lte", 3)],
        [Atom("rating", "lt", 3), Atom("rating", "lte", 3), Atom("rating", "gte", 3)],
        [Atom("rating", "lt", 3), Atom("rating", "lt", 5), Atom("rating", "gte", 3)],
        [Atom("rating", "gt", 5), Atom("rating", "gt", 3), Atom("rating", "lte", 5)],
    ],
)
def test_the_narrowest_bounds_rule_a_rating_out_whatever_the_order_of_the_tests(
    tests: list[Atom],
) -> None:
    """Of two bounds on one side, the interval keeps the narrower (`gt: 3` over `gte: 3`,
    `lt: 3` over `lt: 5`), in whichever order they are written: mutants that kept the first
    or the wider passed every test, lint then missing rules that never match."""
    for order in itertools.permutations(tests):
        assert contradiction(list(order)) is not None, [t.words() for t in order]


def test_fallback_with_gaps_names_every_fallback_and_a_disabled_one_to_enable(
    tmp_path: Path,
) -> None:
    rules = (
        rule("r", "{event: review}")
        + rule("fb-order", "{event: order}", "    fallback: true\n", "[{escalate: {to: lead}}]")
        + rule("fb-billing", "{event: billing}", "    fallback: true\n", "[{escalate: {to: lead}}]")
        + FALLBACK.replace("fallback: true", "fallback: true\n    enabled: false")
    )
    [found] = [d for d in lint(tmp_path, rules) if d.code == "fallback-with-gaps"]
    assert found.source.pointer == "/rules/1"  # at the first of them
    assert found.message == (
        "the enabled fallback rules `fb-order` and `fb-billing` all have `when:`: a complaint "
        "that fits no other rule and no fallback's `when:` gets no actions"
    )
    assert found.hint.startswith("enable the fallback rule `improvise` (it has no `when:`), or ")


def test_a_fallback_written_first_is_read_as_any_other(tmp_path: Path) -> None:
    # Fallbacks are looked for among every rule, the first written too.
    fb_order = rule(
        "fb-order", "{event: order}", "    fallback: true\n", "[{escalate: {to: lead}}]"
    )
    assert lint(tmp_path, FALLBACK + rule("r", "{event: review}")) == []
    [found] = lint(tmp_path, fb_order + rule("r", "{event: review}"))
    assert (found.code, found.message, found.hint) == (
        "fallback-with-gaps",
        "the enabled fallback rule `fb-order` has `when:`: a complaint that fits no other rule "
        "and no fallback's `when:` gets no actions",
        "add a fallback rule without `when:` after them, one that escalates to a person",
    )
    off = FALLBACK.replace("fallback: true", "fallback: true\n    enabled: false")
    rules = off + fb_order + rule("r", "{event: review}")
    [found] = [d for d in lint(tmp_path, rules) if d.code == "fallback-with-gaps"]
    assert found.hint == (
        "enable the fallback rule `improvise` (it has no `when:`), or add a fallback rule "
        "without `when:` after them, one that escalates to a person"
    )
    [found] = lint(tmp_path, off + rule("r", "{event: review}"))
    assert (found.code, found.message, found.hint) == (
        "no-fallback",
        "its fallback rule `improvise` is disabled (`enabled: false`): a complaint no rule fits "
        "gets no actions",
        "enable it, or add a rule with `fallback: true` that escalates to a person to improvise",
    )


def test_warnings_about_a_message_or_an_of_point_at_that_line(tmp_path: Path) -> None:
    text = (
        "backplan: 1\n"
        "plan: {name: S, currency: USD, compensation: {per_event_max: 20}}\n"
        "rules:\n"
        "  - id: r\n"
        "    title: r\n"
        "    when: {event: review}\n"
        "    then:\n"
        "      - apologize:\n"
        "          within: 1h\n"
        "          message: Hi {customer.first_name} {customer.frist_name}\n"  # line 10
        "      - compensate:\n"
        "          kind: voucher\n"
        "          percent: 10\n"
        "          of: order.totl\n"  # line 14
        "          max: 50\n"  # line 15
        "  - {id: f, title: f, fallback: true, then: [{escalate: {to: lead, within: 1h}}]}\n"
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    found = {(d.code, d.message.split(" of rule")[0]): d.source for d in lint_plan(path)}
    assert {key: (at.line, at.column) for key, at in found.items()} == {
        ("template-without-default", "the `apologize` message"): (10, 46),  # the last slot
        ("unknown-field", "the `apologize` message"): (10, 46),  # at the field's own column
        ("unknown-field", "the compensation"): (14, 15),
        ("compensation-above-cap", "the compensation"): (15, 16),
    }
    slots = [d.source.column for d in lint_plan(path) if d.code == "template-without-default"]
    assert slots == [24, 46]  # each at its own field, just after its `{`


def test_rules_proved_never_to_fire_are_not_said_to_fire_together(tmp_path: Path) -> None:
    text = (
        "backplan: 1\n"
        "plan: {name: S, currency: USD, compensation: {combine: sum}}\n"
        "rules:\n"
        "  - {id: all-reviews, title: a, priority: 200, stop: true, when: {event: review},"
        " then: [{apologize: {}}]}\n"
        "  - {id: low, title: l, when: {event: review, all: [{field: rating, lte: 2}]},"
        " then: [{compensate: {kind: voucher, amount: 50}}]}\n"
        "  - {id: lower, title: m, when: {event: review, all: [{field: rating, lte: 1}]},"
        " then: [{compensate: {kind: voucher, amount: 20}}]}\n"
        "  - {id: f, title: f, fallback: true, then: [{escalate: {to: lead, within: 1h}}]}\n"
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    found = codes(lint_plan(path))
    assert found.count("shadowed-rule") == 2
    assert "overlapping-compensation" not in found
    # without the stop, they do fire together, and that is still said
    path.write_text(text.replace("stop: true", "stop: false"), encoding="utf-8")
    assert "overlapping-compensation" in codes(lint_plan(path))


def test_the_rules_proved_never_to_fire_are_worked_out_once_per_lint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # shadowed-rule reports them and overlapping-compensation (combine: sum) leaves them out:
    # one walk serves both (it is the slow part of a large plan's lint).
    import engine.lint.proofs as lint_module

    walks: list[int] = []
    hidden_rules = lint_module._hidden_rules

    def counted(plan: Any) -> Any:
        walks.append(1)
        return hidden_rules(plan)

    monkeypatch.setattr(lint_module, "_hidden_rules", counted)
    found = lint(
        tmp_path,
        rule("a", "{event: review}", extra="    stop: true")
        + rule("b", "{event: review}", then="[{compensate: {kind: voucher, amount: 5}}]")
        + FALLBACK,
        plan="  compensation: {combine: sum}\n",
    )
    assert "shadowed-rule" in codes(found)
    assert walks == [1]


def test_a_fixed_amount_beyond_its_own_bound_says_what_is_offered_at_the_amount(
    tmp_path: Path,
) -> None:
    text = (
        "backplan: 1\n"
        "plan: {name: S, currency: USD}\n"
        "rules:\n"
        "  - id: late\n"
        "    title: Late\n"
        "    when: {event: order}\n"
        "    then:\n"
        "      - compensate:\n"
        "          kind: voucher\n"
        "          amount: 30\n"  # line 10
        "          max: 20\n"  # line 11
        "      - compensate: {kind: refund, amount: 5, min: 10}\n"  # line 12
        "  - {id: f, title: f, fallback: true, then: [{escalate: {to: lead, within: 1h}}]}\n"
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    above, below = [d for d in lint_plan(path) if d.code == "amount-outside-bounds"]
    assert above.message == (
        "the compensation of rule `late` has `amount: 30`, above its own `max: 20`: it always "
        "offers 20.00 USD"
    )
    assert above.hint == (
        "a fixed amount needs no `max`: write the amount you mean to offer and remove `max`"
    )
    assert (above.source.line, above.source.column) == (10, 19)
    assert [(r.line, r.column) for r in above.related] == [(11, 16)]
    assert below.message == (
        "the compensation of rule `late` has `amount: 5`, below its own `min: 10`: it always "
        "offers 10.00 USD"
    )
    assert (below.source.line, below.source.column) == (12, 44)


def test_an_approval_threshold_no_total_reaches_is_named_at_its_value(tmp_path: Path) -> None:
    text = (
        "backplan: 1\n"
        "plan:\n"
        "  name: S\n"
        "  currency: JPY\n"
        "  compensation:\n"
        "    per_event_max: 5000\n"  # line 6
        "    approval_above: 5000.4\n"  # line 7: 5000 in yen
        "rules:\n"
        "  - {id: f, title: f, fallback: true, then: [{escalate: {to: lead, within: 1h}}]}\n"
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    finer, found = lint_plan(path)  # at one place: in the order of their codes
    assert (finer.code, finer.source.line) == ("amount-finer-than-currency", 7)  # 5000.4 yen
    assert found.code == "approval-never-needed"
    assert found.message == (
        "the plan asks for approval of a total above 5,000 JPY (`approval_above`), but gives at "
        "most 5,000 JPY per complaint (`per_event_max`): no total is ever above 5,000 JPY, so no "
        "compensation needs approval for its amount"
    )
    assert found.hint.startswith("set `approval_above` below `per_event_max`")
    assert (found.source.line, found.source.column) == (7, 21)
    assert [(r.line, r.column) for r in found.related] == [(6, 20)]


@pytest.mark.parametrize(
    ("combine", "offers"),
    [
        ("max", "its largest offer, rule `b`'s, comes to at most 25.00 USD"),
        ("sum", "all its offers together come to at most 35.00 USD"),
    ],
)
def test_an_approval_threshold_above_the_offers_is_said_in_the_same_sentence(
    tmp_path: Path, combine: str, offers: str
) -> None:
    """Both findings of `approval-never-needed` open with one sentence (written once): the
    one of the offers says the threshold again as "it", after its longer reason."""
    rules = (
        rule("a", "{event: review}", then="[{compensate: {kind: voucher, amount: 10}}]")
        + rule("b", "{event: order}", then="[{compensate: {kind: refund, amount: 25}}]")
        + FALLBACK
    )
    policy = f"  compensation: {{combine: {combine}, approval_above: 40}}\n"
    [found] = [d for d in lint(tmp_path, rules, plan=policy) if d.code == "approval-never-needed"]
    assert found.message == (
        "the plan asks for approval of a total above 40.00 USD (`approval_above`), but "
        f"{offers}: no total is ever above it, so no compensation needs approval for its amount"
    )


def test_a_percent_written_as_a_fraction_is_named_with_what_was_meant(tmp_path: Path) -> None:
    offers = (
        "[{compensate: {kind: voucher, percent: 0.2, of: order.total}},"
        " {compensate: {kind: refund, percent: 0.05, of: order.total, max: 20}},"
        " {compensate: {kind: refund, percent: 20, of: order.total}},"
        " {compensate: {kind: coupon, percent: 0.0000001, of: order.total}}]"
    )
    found = [
        d
        for d in lint(tmp_path, rule("r", "{event: order}", then=offers) + FALLBACK)
        if d.code == "percent-as-fraction"
    ]
    assert [(d.message, d.hint) for d in found] == [
        (
            "the compensation of rule `r` offers 0.2% of `order.total` (`percent: 0.2`), less "
            "than one percent: `percent` is out of 100",
            "for 20% (a fifth) of `order.total`, write `percent: 20`",
        ),
        (
            "the compensation of rule `r` offers 0.05% of `order.total` (`percent: 0.05`), less "
            "than one percent: `percent` is out of 100",
            "for 5% of `order.total`, write `percent: 5`",
        ),
        (  # as written, not `1E-7` (found by review)
            "the compensation of rule `r` offers 0.0000001% of `order.total` (`percent: "
            "0.0000001`), less than one percent: `percent` is out of 100",
            "for 0.00001% of `order.total`, write `percent: 0.00001`",
        ),
    ]
    lines = Path(found[0].source.path).read_text(encoding="utf-8").splitlines()
    at = [lines[d.source.line - 1][d.source.column - 1 :] for d in found]
    assert at[0].startswith("0.2,") and at[1].startswith("0.05,")


CUT_SHORT = """backplan: 1
plan: {name: S, currency: USD}  # the plan's settings
rules:
  # Comments are written with a space after the `#`: they never warn
  - id: late
    title: Late order #42
    description: Orders that came late  # a remark
    when: {event: order}
    then:
      - apologize:
          message: Check order #1234 is fully resolved.
      - contact_customer:
          channel: email
          message: We are sorry about
            order #1234 "really"
      - note:
          message: "Check order #1234"
      - follow_up:
          within: 3d
          message: |
            Order #1234 is still open #
      - replace:
          item: Mug #A1
      - escalate:
          to: Team #2
    prevent:
      - root_cause:
          owner: Shift #3 lead
  - {id: f, title: f, fallback: true, then: [{escalate: {to: lead, within: 1h}}]}  #fallback
"""


def test_text_cut_short_by_a_comment_is_named_at_the_text_with_the_quoted_whole(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(CUT_SHORT, encoding="utf-8")
    found = lint_plan(path)
    assert {d.code for d in found} == {"text-cut-by-comment"}
    assert [(d.source.line, d.source.column, d.source.pointer) for d in found] == [
        (6, 12, "/rules/0/title"),
        (11, 20, "/rules/0/then/0/apologize/message"),
        (14, 20, "/rules/0/then/1/contact_customer/message"),
        (23, 17, "/rules/0/then/4/replace/item"),
        (25, 15, "/rules/0/then/5/escalate/to"),
        (28, 18, "/rules/0/prevent/0/root_cause/owner"),
    ]
    assert [(d.message, d.hint) for d in found] == [
        (
            "the title of rule `late` reads only `Late order`: YAML takes `#42` for a comment "
            "(a `#` after a space starts one)",
            'put the whole text in quotes: `title: "Late order #42"`',
        ),
        (
            "the `apologize` message of rule `late` reads only `Check order`: YAML takes "
            "`#1234 is fully resolved.` for a comment (a `#` after a space starts one)",
            'put the whole text in quotes: `message: "Check order #1234 is fully resolved."`',
        ),
        (  # a plain text over two lines is cut on its last
            "the `contact_customer` message of rule `late` reads only `We are sorry about "
            'order`: YAML takes `#1234 "really"` for a comment (a `#` after a space starts one)',
            'put the whole text in quotes: `message: "We are sorry about order #1234 '
            '\\"really\\""`',
        ),
        (
            "the `replace` item of rule `late` reads only `Mug`: YAML takes `#A1` for a "
            "comment (a `#` after a space starts one)",
            'put the whole text in quotes: `item: "Mug #A1"`',
        ),
        (  # who gets the case
            "`to` of the `escalate` of rule `late` reads only `Team`: YAML takes `#2` for a "
            "comment (a `#` after a space starts one)",
            'put the whole text in quotes: `to: "Team #2"`',
        ),
        (
            "`owner` of the `root_cause` of rule `late` reads only `Shift`: YAML takes `#3 lead` "
            "for a comment (a `#` after a space starts one)",
            'put the whole text in quotes: `owner: "Shift #3 lead"`',
        ),
    ]


def test_text_cut_short_is_found_in_a_file_read_by_the_careful_loader(tmp_path: Path) -> None:
    # An anchor sends the file to the careful loader, whose locations are worked out at once
    # (not from a pointer later): the check reads the file itself either way. (On a mapping:
    # one on a text no alias uses is refused, text-read-as-anchor.)
    path = tmp_path / "plan.yaml"
    when = "when: &on_order {event: order}"
    path.write_text(CUT_SHORT.replace("when: {event: order}", when), encoding="utf-8")
    assert len([d for d in lint_plan(path) if d.code == "text-cut-by-comment"]) == 6


def test_a_file_without_a_hash_before_a_word_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import engine.loading

    def refuse(*args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(engine.loading, "plain_texts", refuse)
    path = tmp_path / "plan.yaml"
    path.write_text(CUT_SHORT.replace(" #", " # "), encoding="utf-8")
    assert lint_plan(path) == []


@pytest.mark.parametrize("op", ["contains", "starts_with", "matches"])
def test_a_text_operator_with_a_yes_on_a_true_false_field_is_hinted_eq(
    tmp_path: Path, op: str
) -> None:
    """`contains: true` never holds either, on a field events carry as true/false: the hint
    compares with `eq:` (it had been the word written true in the same text test; the text
    test of a number field is told apart first: lint/values.py 130, never run)."""
    when = f"{{event: review, all: [{{field: public, {op}: yes}}]}}"
    [found] = lint(tmp_path, rule("r", when) + FALLBACK)
    assert found.code == "never-matches"
    assert (
        found.hint
        == "events carry `public` as true/false, and `yes` is text here: write `eq: true`"
    )


@pytest.mark.parametrize(
    "test",
    [
        "{field: rating, in: [true, 2 stars]}",  # true among the texts (values.py 155)
        '{field: public, in: ["5", "10"]}',  # a field of no number (values.py 152)
    ],
)
def test_a_list_of_values_not_all_text_of_a_number_field_is_given_no_numbers(
    tmp_path: Path, test: str
) -> None:
    """A list is written out as numbers only when each of its values is a text read as one,
    of a field events carry as a number (both never run)."""
    [found] = lint(tmp_path, rule("r", f"{{event: review, all: [{test}]}}") + FALLBACK)
    assert found.code == "never-matches"
    assert found.hint == (
        "check the values against the event schema (`backplan schema event`); `eval` does not "
        "refuse an event that breaks it (unless `--strict`), and such an event can match"
    )


def test_a_plan_file_gone_since_loading_leaves_its_texts_unread(tmp_path: Path) -> None:
    """Texts cut short are read again from the file; a file removed since the plan was
    loaded (an embedder's checks run later) is passed over, not an error out of lint
    (texts.py 76, never run)."""
    path = tmp_path / "plan.yaml"
    path.write_text(CUT_SHORT, encoding="utf-8")
    model, errors = validate_plan(path)
    assert model is not None and errors == []
    path.unlink()
    found = run_checks(model, severities=frozenset({Severity.WARNING}))
    assert "text-cut-by-comment" not in codes(found)


def test_the_total_of_more_rules_than_are_compared_two_by_two_adds_every_offer(
    tmp_path: Path,
) -> None:
    """Past ``_MOST_COMPARED`` rules firing with one, their offers are all added up, not
    compared two by two (offers.py 581, never run): 1 + 2 + ... + 18 USD for the 18th."""
    count = offers_module._MOST_COMPARED + 2
    rules = "".join(
        rule(
            f"r{n:02}", "{event: review}", then=f"[{{compensate: {{kind: voucher, amount: {n}}}}}]"
        )
        for n in range(1, count + 1)
    )
    found = lint(tmp_path, rules + FALLBACK, plan="  compensation: {combine: sum}\n")
    last = [d for d in found if d.code == "overlapping-compensation"][-1]
    assert last.message.startswith(f"rule `r{count}` may fire together with `r01`")
    assert last.message.endswith(f"up to {count * (count + 1) // 2}.00 USD in all")


def test_the_amount_above_the_cap_is_the_one_the_rule_offers(tmp_path: Path) -> None:
    """`amount: 30, max: 28` offers 28: the warning had said "offers 30.00"; and a rule whose
    own max brings its amount under the cap is not above it at all."""
    cap = {"plan": "  compensation: {per_event_max: 25}\n"}
    above = lint(
        tmp_path,
        rule("r", "{event: review}", then="[{compensate: {kind: voucher, amount: 30, max: 28}}]")
        + FALLBACK,
        **cap,
    )
    [warning] = [d for d in above if d.code == "compensation-above-cap"]
    assert "offers 28.00 USD, but the plan gives at most 25.00 USD" in warning.message
    under = lint(
        tmp_path,
        rule("r", "{event: review}", then="[{compensate: {kind: voucher, amount: 30, max: 20}}]")
        + FALLBACK,
        **cap,
    )
    assert "compensation-above-cap" not in codes(under)
    assert "amount-outside-bounds" in codes(under)
    loose = lint(  # a fixed amount under the cap, its max above it: the max is never reached
        tmp_path,
        rule("r", "{event: review}", then="[{compensate: {kind: voucher, amount: 10, max: 100}}]")
        + FALLBACK,
        **cap,
    )
    assert "compensation-above-cap" not in codes(loose)


def test_a_misspelt_field_in_a_template_is_told_to_be_corrected_before_a_default(
    tmp_path: Path,
) -> None:
    """A field the schema does not know may be a typo (unknown-field) or an extra field; either
    way an event may lack it, so it needs a default too (with `--ignore unknown-field` lint had
    said nothing), but the hint says first to correct a misspelling, which a default would
    hide."""
    found = lint(
        tmp_path,
        rule(
            "r",
            "{event: review}",
            then='[{apologize: {message: "Hi {customer.frist_name}, order {order.id} is fixed"}}]',
        )
        + FALLBACK,
    )
    assert sorted(codes(found)) == [
        "template-without-default",
        "template-without-default",
        "unknown-field",
    ]
    [unknown] = [d for d in found if d.code == "unknown-field"]
    misspelt, known = [d for d in found if d.code == "template-without-default"]
    assert "`customer.frist_name`" in unknown.message
    assert "{customer.frist_name}" in misspelt.message
    assert misspelt.hint == (
        "`customer.frist_name` is not a standard event field: if it is misspelt, correct it; if "
        "your events carry it, give a default after `|`: {customer.frist_name|...}, the words "
        "to show when the event lacks it"
    )
    assert "{order.id}" in known.message  # a known field: its own warning
    assert known.hint == (
        "give a default after `|`: {order.id|...}, the words to show when the event lacks it"
    )


def test_a_field_the_plan_lists_is_not_called_perhaps_misspelt(tmp_path: Path) -> None:
    """A field listed in `extra_fields` is one the plan says its events carry: the hint had
    still said it may be misspelt, as of a field nobody listed."""
    found = lint(
        tmp_path,
        rule("r", "{event: review}", then='[{apologize: {message: "You have {loyalty.points}"}}]')
        + FALLBACK,
        plan="  extra_fields: [loyalty]\n",
    )
    assert [(d.code, d.hint) for d in found] == [
        (
            "template-without-default",
            "give a default after `|`: {loyalty.points|...}, the words to show when the event "
            "lacks it",
        )
    ]


@pytest.mark.parametrize(
    ("test", "example"),
    [("{field: rating, lte: 2 stars}", "`lte: 2`"), ('{field: rating, eq: "3"}', "`eq: 3`")],
)
def test_a_number_written_as_text_is_told_to_be_a_number(
    tmp_path: Path, test: str, example: str
) -> None:
    """`lte: 2 stars` never matches a rating (a number): the hint had sent the manager to the
    event schema's JSON."""
    found = lint(tmp_path, rule("r", f"{{event: review, all: [{test}]}}") + FALLBACK)
    [never] = [d for d in found if d.code == "never-matches"]
    assert never.hint.startswith(
        f"events carry `rating` as a number: write the value as one, {example} ("
    )


_COMPARING = "is text: the operator does the comparing"


@pytest.mark.parametrize(
    ("test", "hint"),
    [
        (
            "{field: rating, lt: < 3}",
            f"events carry `rating` as a number, and `< 3` {_COMPARING}, so write the number "
            "alone, `lt: 3`",
        ),
        (
            "{field: rating, eq: '>=4'}",  # the symbol names the operator meant, not `eq`
            f"events carry `rating` as a number, and `>=4` {_COMPARING}, so write the number "
            "alone, `gte: 4`",
        ),
        (
            "{field: contact.wait_minutes, gt: '> 2h'}",  # in the field's unit
            f"events carry `contact.wait_minutes` as a number, and `> 2h` {_COMPARING}, so "
            "write the number alone, `gt: 120`",
        ),
        (
            "{field: order.total, gte: ≥ €50}",  # a currency not the plan's, named
            f"events carry `order.total` as a number, and `≥ €50` {_COMPARING}; the plan's "
            "amounts are in USD (set once, in its `plan:` section), and `€50` is in EUR: write "
            "the amount in USD, as a number only (`gte: 50` is read as USD)",
        ),
        (
            "{field: rating, gt: < 3}",  # the two disagree: the hint had been `lt: 3` alone
            f"events carry `rating` as a number, and `< 3` {_COMPARING}, so write the number "
            "alone, `gt: 3` or `lt: 3`; `gt` and `<` compare differently: write the one the "
            "rule means",
        ),
        (
            "{field: rating, ne: '= 3'}",
            f"events carry `rating` as a number, and `= 3` {_COMPARING}, so write the number "
            "alone, `ne: 3` or `eq: 3`; `ne` and `=` compare differently: write the one the "
            "rule means",
        ),
        (
            "{field: rating, lt: <= 3}",  # less either way: the symbol's, the finer, is meant
            f"events carry `rating` as a number, and `<= 3` {_COMPARING}, so write the number "
            "alone, `lte: 3`",
        ),
        (
            "{field: order.total, lt: '> $50'}",
            f"events carry `order.total` as a number, and `> $50` {_COMPARING}; write the "
            "number only, `lt: 50` or `gt: 50`; the plan's amounts are in USD, set once in its "
            "`plan:` section; `lt` and `>` compare differently: write the one the rule means",
        ),
    ],
)
def test_a_comparison_written_into_the_value_is_told_to_the_operator(
    tmp_path: Path, test: str, hint: str
) -> None:
    """`lt: < 3` never matches a rating (a number): the hint had been "write the value as one,
    a number", which did not say the symbol was the slip (the operator compares already)."""
    event = "contact" if "wait" in test else "review"
    found = lint(tmp_path, rule("r", f"{{event: {event}, all: [{test}]}}") + FALLBACK)
    [never] = [d for d in found if d.code == "never-matches"]
    assert never.hint == hint


@pytest.mark.parametrize("test", ["{field: rating, lt: < 10%}", "{field: rating, lte: 2 stars}"])
def test_a_value_with_no_comparison_or_a_percentage_is_hinted_as_before(
    tmp_path: Path, test: str
) -> None:
    """Only a symbol before a number names an operator; a percentage keeps its own hint
    (whether events send 10% as 10 or 0.1 is for the general hint to say)."""
    found = lint(tmp_path, rule("r", f"{{event: review, all: [{test}]}}") + FALLBACK)
    [never] = [d for d in found if d.code == "never-matches"]
    assert _COMPARING not in never.hint
    assert never.hint.startswith("events carry `rating` as a number")


_COMPARE = "compare the number with `eq`, `in`, `gte`, `lte` or `between` instead"


@pytest.mark.parametrize(
    ("test", "hint"),
    [
        ("{field: rating, contains: '5'}", f"`contains` tests text: {_COMPARE}, such as `eq: 5`"),
        (
            "{field: rating, starts_with: four}",
            f"`starts_with` tests text: {_COMPARE}, such as `eq: 4`",
        ),
        (
            "{field: rating, contains_any: ['4', '5']}",
            f"`contains_any` tests text: {_COMPARE}, such as `in: [4, 5]`",
        ),
        ("{field: rating, matches: '^5'}", f"`matches` tests text: {_COMPARE}"),
        ("{field: rating, ends_with: stars}", f"`ends_with` tests text: {_COMPARE}"),
    ],
)
def test_a_text_test_of_a_number_is_told_to_compare_the_number(
    tmp_path: Path, test: str, hint: str
) -> None:
    """`contains: '5'` never holds of a rating (a number): the hint had been to write the
    number in its place, `contains: 5`, which never holds either (found by review)."""
    found = lint(tmp_path, rule("r", f"{{event: review, all: [{test}]}}") + FALLBACK)
    [never] = [d for d in found if d.code == "never-matches"]
    assert never.hint == f"events carry `rating` as a number, and {hint}"


def test_a_number_with_a_decimal_comma_written_as_text_is_told_with_a_dot(
    tmp_path: Path,
) -> None:
    """`lte: 1,5` on its own line is the text "1,5" to YAML: the hint had kept the number
    before the comma, `lte: 1` (found by review)."""
    when = "\n      event: review\n      all:\n        - field: rating\n          lte: 1,5"
    found = lint(tmp_path, rule("r", when) + FALLBACK)
    [never] = [d for d in found if d.code == "never-matches"]
    assert never.hint == (
        "events carry `rating` as a number: write the value as one, `lte: 1.5` (an event that "
        "sends it as text would match it: `eval` does not refuse one unless `--strict`)"
    )


DUPLICATE_ACROSS_KINDS = """
  - id: vip-late-or-repeat
    title: A VIP's late order, or a repeat complaint
    when:
      event: order
      any:
        - all: [{field: customer.tier, eq: gold}, {field: order.delay_days, gte: 3}]
        - {field: repeat, eq: true}
    then: [{escalate: {to: cx-lead, within: 1h}}]
  - id: vip-or-late-or-repeat
    title: Any VIP, any late order, or a repeat complaint
    when:
      event: order
      any:
        - {field: customer.tier, eq: gold}
        - {field: order.delay_days, gte: 3}
        - {field: repeat, eq: true}
    then: [{escalate: {to: cx-lead, within: 1h}}]
"""


@pytest.mark.parametrize(
    "regrouped",
    [
        DUPLICATE_ACROSS_KINDS,
        # the same under `not`: `not: {all: [{any: [..]}, ..]}` is an `any` holding an `all`
        DUPLICATE_ACROSS_KINDS.replace(
            """      any:
        - all: [{field: customer.tier, eq: gold}, {field: order.delay_days, gte: 3}]
        - {field: repeat, eq: true}""",
            """      not:
        all:
          - any:
              - not: {field: customer.tier, eq: gold}
              - not: {field: order.delay_days, gte: 3}
          - not: {field: repeat, eq: true}""",
        ),
    ],
)
def test_an_all_inside_an_any_is_not_the_same_trigger_as_its_items_in_the_any(
    tmp_path: Path, regrouped: str
) -> None:
    """`any: [{all: [A, B]}, C]` was read as `any: [A, B, C]`: a late order of a silver
    customer fires only the second rule, yet lint called them duplicates."""
    assert "duplicate-rule" not in codes(lint(tmp_path, regrouped + FALLBACK))
    decision = load_plan(tmp_path).evaluate(
        {"id": "e", "type": "order", "order": {"delay_days": 5}}
    )
    assert decision.matched == ["vip-or-late-or-repeat"]
    # nesting of one kind is opened: `any: [{any: [A, B]}, C]` is `any: [A, B, C]`
    same = DUPLICATE_ACROSS_KINDS.replace("- all: [", "- any: [")
    [found] = [d for d in lint(tmp_path, same + FALLBACK) if d.code == "duplicate-rule"]
    assert found.message == (
        "rule `vip-or-late-or-repeat` has the same trigger and the same actions as rule "
        "`vip-late-or-repeat`"
    )


@st.composite
def regrouped(draw: st.DrawFn, condition: dict[str, Any]) -> dict[str, Any]:
    """The condition with its lists shuffled, nested lists opened and items grouped into new
    nested lists of either kind: often the same condition, sometimes not (an `all` opened
    into an `any`)."""
    if "not" in condition:
        return {"not": draw(regrouped(condition["not"]))}
    kind = "all" if "all" in condition else "any" if "any" in condition else None
    if kind is None:
        return condition
    items: list[dict[str, Any]] = []
    for item in draw(st.permutations([draw(regrouped(i)) for i in condition[kind]])):
        nested = item.get("all", item.get("any"))
        if nested is not None and draw(st.booleans()):
            items.extend(nested)
        else:
            items.append(item)
    if len(items) > 1 and draw(st.booleans()):
        cut = draw(st.integers(1, len(items) - 1))
        other = "any" if kind == "all" else "all"  # the grouping that changes the meaning
        items = [{draw(st.sampled_from([other, other, kind])): items[:cut]}, *items[cut:]]
    return {kind: items}


LIKELY_TESTS = st.one_of(
    st.builds(
        lambda op, n: {"field": "rating", op: n}, st.sampled_from(["lte", "gte"]), st.integers(1, 5)
    ),
    st.sampled_from(["a", "b"]).map(lambda word: {"field": "channel", "eq": word}),
    st.just({"field": "public", "eq": True}),
)
"""Tests that hold for about half of ``EVERY_LIKELY_EVENT``: regrouped conditions made of them
that differ show it on one of those events."""
likely_conditions = condition_trees(LIKELY_TESTS, items=(2, 4), most=10)
EVERY_LIKELY_EVENT = [
    {"id": "e", "type": "review", "rating": rating, "channel": channel, "public": public}
    for rating in range(1, 6)
    for channel in ("a", "b")
    for public in (True, False)
]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_rules_lint_calls_duplicates_fire_for_the_same_events(data: st.DataObject) -> None:
    """Whenever `duplicate-rule` says two triggers are the same, the compiled plan fires both
    rules or neither, on any event."""
    first = data.draw(st.one_of(likely_conditions, conditions()))
    second = data.draw(regrouped(first))
    fallback = {"id": "f", "title": "f", "fallback": True, "then": [{"apologize": {}}]}
    rules = [
        {"id": name, "title": name, "when": {"all": [when]}, "then": [{"apologize": {}}]}
        for name, when in (("first", first), ("second", second))
    ]
    plan = compile_document(plan_document([*rules, fallback], "all"))
    if not list(DuplicateRule().check(plan.model)):
        return
    for event in EVERY_LIKELY_EVENT + data.draw(st.lists(any_events(), max_size=4)):
        matched = plan.decide(event)["matched"]
        assert ("first" in matched) == ("second" in matched), (first, second, event)


def test_an_alternative_only_events_off_the_schema_meet_still_fires_the_rule(
    tmp_path: Path,
) -> None:
    """`severity: urgent` is not in the event schema, but `eval` decides such an event, and it
    fires the later rule alone: lint had said that rule could never fire."""
    rules = rule(
        "low", "{event: review, all: [{field: rating, lte: 2}]}", "    priority: 10\n    stop: true"
    ) + rule(
        "lowest-or-urgent",
        "{event: review, any: [{field: rating, lte: 1}, {field: severity, eq: urgent}]}",
    )
    assert "shadowed-rule" not in codes(lint(tmp_path, rules + FALLBACK))
    decision = load_plan(tmp_path).evaluate({"id": "e", "type": "review", "severity": "urgent"})
    assert decision.matched == ["lowest-or-urgent"]
    # an alternative that contradicts the rule's own conditions is left out, as before
    rules = rules.replace(
        "any: [{field: rating, lte: 1}, {field: severity, eq: urgent}]",
        "all: [{all: [{field: rating, lt: 3}]}, {any: [{field: rating, lte: 1}, {field: rating, gt: 4}]}]",
    )
    [found] = [d for d in lint(tmp_path, rules + FALLBACK) if d.code == "shadowed-rule"]
    assert found.message == (
        "rule `lowest-or-urgent` can never fire: whenever it matches, rule `low` matches too "
        "and fires first, and `low` has `stop: true`"
    )


def test_a_rule_hidden_under_match_first_is_said_in_words_that_read(tmp_path: Path) -> None:
    """Under `match: first` the reason is the plan's setting, not the earlier rule's `stop`:
    the words had read "fires first and has the plan fires only the first match"."""
    rules = rule("general", "{event: review}") + rule(
        "specific", "{event: review, all: [{field: rating, lte: 2}]}"
    )
    found = lint(tmp_path, rules + FALLBACK, plan="  match: first\n")
    [shadowed] = [d for d in found if d.code == "shadowed-rule"]
    assert shadowed.message == (
        "rule `specific` can never fire: whenever it matches, rule `general` matches too and "
        "fires first, and the plan fires only the first match (`match: first`)"
    )


def test_a_hidden_rule_s_hint_names_each_way_out(tmp_path: Path) -> None:
    """The hint ended "...or remove it", read as "remove which rule?": it names the ways to
    let the hidden rule fire, `stop: true` only where it is what hides it, and the priority
    it names is one that lets it fire."""
    general = rule("general", "{event: review}", "    priority: 50\n    stop: true")
    specific = rule("specific", "{event: review, all: [{field: rating, lte: 2}]}")
    [shadowed] = [d for d in lint(tmp_path, general + specific) if d.code == "shadowed-rule"]
    assert shadowed.hint == (
        "to let `specific` fire, give it `priority: 60`, or narrow the `when:` of `general`, "
        "or take `stop: true` off `general`; if `specific` is no longer needed, delete it"
    )
    raised = specific.replace("title: specific", "title: specific\n    priority: 60")
    assert "shadowed-rule" not in codes(lint(tmp_path, general + raised))
    found = lint(tmp_path, general + specific, plan="  match: first\n")  # stop is not why
    [shadowed] = [d for d in found if d.code == "shadowed-rule"]
    assert shadowed.hint == (
        "to let `specific` fire, give it `priority: 60`, or narrow the `when:` of `general`; "
        "if `specific` is no longer needed, delete it"
    )


def _store_rules(count: int, start: int = 1, ranked: bool = False) -> str:
    """``count`` rules for reviews of some rating, each a narrower case of a review;
    ``ranked``, each of a priority above the one before, so they fire in reverse."""
    return "".join(
        rule(
            f"r{n}",
            f"{{event: review, all: [{{field: rating, eq: {n}}}]}}",
            f"    priority: {n}" if ranked else "",
        )
        for n in range(start, start + count)
    )


def test_a_stop_rule_hiding_many_rules_is_told_once_at_it(tmp_path: Path) -> None:
    """A `stop: true` rule for every review, above 10 narrower ones, had given 10 warnings,
    each at a hidden rule, all saying the one thing to mend at the stop rule (found by
    review): one, at the stop rule, naming the first 8 in the order the plan is written (not
    the order they fire in), then how many."""
    everything = rule("all-reviews", "{event: review}", "    priority: 50\n    stop: true")
    found = lint(tmp_path, everything + _store_rules(10, ranked=True) + FALLBACK)
    [shadowed] = [d for d in found if d.code == "shadowed-rule"]  # (named in plan order)
    written = Path(shadowed.source.path).read_text(encoding="utf-8").splitlines()
    assert shadowed.source.line == written.index("  - id: all-reviews") + 1  # the stop rule
    assert shadowed.severity == Severity.WARNING
    assert shadowed.message == (
        "rule `all-reviews` keeps 10 rules from ever firing: whenever one of them matches, "
        "`all-reviews` matches too and fires first, and `all-reviews` has `stop: true`; the "
        "rules it hides: `r1`, `r2`, `r3`, `r4`, `r5`, `r6`, `r7`, `r8`, … (10 in all)"
    )
    assert shadowed.hint == (
        "to let one of them fire, give it `priority: 60`, or narrow the `when:` of "
        "`all-reviews`, or take `stop: true` off `all-reviews`; delete those no longer needed"
    )
    starts = [n for n, line in enumerate(written, 1) if line.startswith("  - id: r")]
    assert [place.line for place in shadowed.related] == starts[:8]  # as many as it names


@pytest.mark.parametrize(("hidden", "told"), [(1, 1), (2, 2), (3, 1)])
def test_a_stop_rule_hiding_one_or_two_rules_is_told_at_each(
    tmp_path: Path, hidden: int, told: int
) -> None:
    """One or two hidden rules keep their own warning, at the rule, as before: from 3 on,
    one warning at the stop rule."""
    everything = rule("all-reviews", "{event: review}", "    priority: 50\n    stop: true")
    found = lint(tmp_path, everything + _store_rules(hidden) + FALLBACK)
    shadowed = [d for d in found if d.code == "shadowed-rule"]
    assert len(shadowed) == told
    if told > 1:
        assert shadowed[0].message == (
            "rule `r1` can never fire: whenever it matches, rule `all-reviews` matches too "
            "and fires first, and `all-reviews` has `stop: true`"
        )


def test_rules_hidden_by_different_stop_rules_are_told_each(tmp_path: Path) -> None:
    """Four rules hidden, two by each of two stop rules: no one place to mend, so each
    hidden rule is told at itself, naming the rule that hides it."""
    low = rule("low", "{event: review, all: [{field: rating, lte: 2}]}", "    stop: true")
    high = rule("high", "{event: review, all: [{field: rating, gte: 4}]}", "    stop: true")
    found = lint(tmp_path, low + high + _store_rules(2) + _store_rules(2, start=4) + FALLBACK)
    assert sorted(d.message.split(":")[0] for d in found if d.code == "shadowed-rule") == [
        f"rule `r{n}` can never fire" for n in (1, 2, 4, 5)
    ]


def test_many_rules_hidden_under_match_first_are_told_once(tmp_path: Path) -> None:
    """Under `match: first` the reason is the plan's setting, and the hint does not offer to
    take off a `stop` that is not what hides them."""
    found = lint(
        tmp_path, rule("general", "{event: review}") + _store_rules(3), plan="  match: first\n"
    )
    [shadowed] = [d for d in found if d.code == "shadowed-rule"]
    assert shadowed.message == (
        "rule `general` keeps 3 rules from ever firing: whenever one of them matches, "
        "`general` matches too and fires first, and the plan fires only the first match "
        "(`match: first`); the rules it hides: `r1`, `r2`, `r3`"
    )
    assert shadowed.hint == (
        "to let one of them fire, give it `priority: 10`, or narrow the `when:` of `general`; "
        "delete those no longer needed"
    )


def test_fallbacks_covered_by_one_rule_are_told_once_at_it(tmp_path: Path) -> None:
    fallbacks = "".join(rule(f"f{n}", "{event: review}", "    fallback: true") for n in range(1, 4))
    found = lint(tmp_path, rule("reviews", "{event: review}") + fallbacks + FALLBACK)
    [shadowed] = [d for d in found if d.code == "shadowed-rule"]
    assert shadowed.message == (
        "rule `reviews` keeps 3 fallback rules from ever firing: whenever one of them "
        "applies, `reviews` matches, so no fallback is needed; the fallback rules: `f1`, "
        "`f2`, `f3`"
    )
    assert shadowed.hint == "make the fallbacks apply to every event, or narrow rule `reviews`"


NOT_HIGH = "{not: {any: [{all: [{field: rating, gte: 3}]}, {field: rating, missing: true}]}}"
"""A rating that is there and not a number of 3 or more: a number below 3, or text, true/false,
a list... (`not` holds wherever `gte: 3` does not, and `gte: 3` holds for numbers only)."""


@pytest.mark.parametrize(
    ("earlier", "later", "value", "hidden"),
    [
        (NOT_HIGH, "{field: rating, lte: 2}", 2, True),
        (NOT_HIGH, "{all: [{field: rating, lt: 3}]}", 2.5, True),
        (NOT_HIGH, "{field: rating, between: [1, 2.5]}", 1, True),
        (
            NOT_HIGH,
            "{all: [{not: {field: rating, gte: 2}}, {field: rating, exists: true}]}",
            1,
            True,
        ),
        (NOT_HIGH, "{field: rating, lte: 3}", 3, False),
        (NOT_HIGH, "{field: rating, lt: 3.5}", 3, False),
        (NOT_HIGH, "{field: rating, ne: 4}", 3, False),
        (NOT_HIGH, "{field: rating, exists: true}", 5, False),
        (NOT_HIGH, "{not: {field: rating, gte: 2}}", None, False),  # no rating at all
        # text is no number, so `not: {gte: 3}` holds for it (a field the schema leaves open)
        (NOT_HIGH.replace("rating", "score"), '{field: score, starts_with: "2"}', "25", True),
        (NOT_HIGH.replace("rating", "score"), '{field: score, eq: "2"}', "2", True),
        ('{not: {field: score, lt: "m"}}', "{field: score, lte: 2}", 2, True),
        ('{not: {field: score, lt: "m"}}', '{field: score, lt: "k"}', "a", False),
    ],
)
def test_a_rule_after_one_that_refuses_a_range_is_hidden_only_if_it_fires_for_no_more(
    tmp_path: Path, earlier: str, later: str, value: Any, hidden: bool
) -> None:
    """`not: {all: [{field: rating, gte: 3}]}` is not `rating < 3`: it holds for text and a missing
    rating too. Lint had proved no rule hidden by such a test; it now proves those it covers
    (the earlier rule decides ``value``), and only those (the later rule alone decides it)."""
    field = "score" if "score" in later else "rating"
    rules = rule("earlier", f"{{all: [{earlier}]}}") + rule("later", f"{{all: [{later}]}}")
    found = lint(tmp_path, rules + FALLBACK, plan="  match: first\n  extra_fields: [score]\n")
    shadowed = (
        "rule `later` can never fire: whenever it matches, rule `earlier` matches too and "
        "fires first, and the plan fires only the first match (`match: first`)"
    )
    expected = [shadowed] if hidden else []
    assert [d.message for d in found if d.code == "shadowed-rule"] == expected
    event = {"id": "e", "type": "review"} | ({} if value is None else {field: value})
    decision = load_plan(tmp_path).evaluate(event)
    assert decision.matched == ["earlier" if hidden else "later"]


def _above_cap(tmp_path: Path, currency: str, cap: str, offer: str) -> tuple[Path, list[str]]:
    """A plan whose one rule makes the voucher ``offer`` under a ``per_event_max`` of ``cap``,
    and what lint's compensation-above-cap says of it."""
    header = f"backplan: 1\nplan: {{name: S, currency: {currency}, compensation: "
    header += f"{{per_event_max: {cap}}}}}\nrules:\n"
    then = f"[{{compensate: {{kind: voucher, {offer}}}}}]"
    path = write_plan(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK, header=header)
    return path, [d.message for d in lint_plan(path) if d.code == "compensation-above-cap"]


@pytest.mark.parametrize(
    ("currency", "cap", "offer", "said"),
    [
        ("JPY", "4999.5", "amount: 5000", None),  # the cap is 5000 yen, as deciding rounds it
        ("USD", "49.995", "amount: 50", None),
        ("USD", "50", "percent: 10, of: order.total, max: 50.004", None),  # reaches 50.00
        ("JPY", "4999.4", "amount: 5000", "offers 5,000 JPY, but the plan gives at most 4,999 JPY"),
        ("USD", "49.994", "amount: 50", "offers 50.00 USD, but the plan gives at most 49.99 USD"),
        (
            "USD",
            "50",
            "percent: 10, of: order.total, max: 50.005",
            "can reach 50.01 USD, but the plan gives at most 50.00 USD",
        ),
    ],
)
def test_an_offer_is_held_to_the_cap_as_deciding_rounds_both(
    tmp_path: Path, currency: str, cap: str, offer: str, said: str | None
) -> None:
    """A cap of 4999.5 yen is 5000 when a total is held to it (the decision shows `"cap":
    "5000"`, `"capped": false`): lint had said an offer of 5000 was above it."""
    path, found = _above_cap(tmp_path, currency, cap, offer)
    expected = (
        []
        if said is None
        else [f"the compensation of rule `r` {said} per complaint (`per_event_max`)"]
    )
    assert found == expected
    if said is None and "amount" in offer:
        summary = load_plan(path).decide({"id": "e", "type": "order"})["compensation"]
        assert summary["capped"] is False


def _no_default(rule_id: str, path: str) -> str:
    return (
        f"the `apologize` message of rule `{rule_id}` inserts {{{path}}} with no default: for an "
        f"event without it (or with it empty), the text would read [missing: {path}]"
    )


def test_the_events_id_and_type_need_no_default(tmp_path: Path) -> None:
    """Every decided event has an `id` and a `type` (one without is refused), so a case
    reference `{id}` needs no default: template-without-default had asked for one, and the
    empty default `{type|}` had been told it would leave a double space."""
    then = '[{apologize: {message: "Case {id}: your {type|} was seen. Sorry!"}}]'
    path = write_plan(
        tmp_path,
        rule("r", "{any: [{field: rating, lte: 2}]}", then=then) + FALLBACK,
        header="backplan: 1\nplan: {name: S, currency: USD}\nrules:\n",
    )
    assert [(d.code, d.message) for d in lint_plan(path)] == []
    plan = load_plan(path)
    decided = plan.decide({"id": 7, "type": "review", "rating": 1})
    assert decided["actions"][0]["params"]["message"] == "Case 7: your review was seen. Sorry!"
    with pytest.raises(
        EventError,
        match=r"^the event has no `id` \(the complaint's own id, text or a whole number, which its decision repeats\)$",
    ):
        plan.decide({"type": "review", "rating": 1})


def test_a_guard_that_lets_empty_text_through_does_not_keep_missing_out(tmp_path: Path) -> None:
    """`exists: true` lets through "" (and lists, mappings), which a template shows as missing:
    the documented fix left `[missing: customer.first_name]` in the text, and lint quiet."""
    message = '[{apologize: {message: "Hi {customer.first_name}"}}]'
    exists = "{event: review, all: [{field: customer.first_name, exists: true}]}"
    [found] = lint(tmp_path, rule("r", exists, then=message) + FALLBACK)
    assert (found.code, found.message) == (
        "template-without-default",
        _no_default("r", "customer.first_name"),
    )
    assert found.hint == "give a default after `|`, such as {customer.first_name|there}"
    event = {"id": "e", "type": "review", "customer": {"first_name": ""}}
    [apology] = load_plan(tmp_path).evaluate(event).actions
    assert apology.params["message"] == "Hi [missing: customer.first_name]"
    # a test only non-empty text passes is a guard: such an event does not fire the rule
    not_empty = exists.replace("exists: true", 'ne: ""')
    assert lint(tmp_path, rule("r", not_empty, then=message) + FALLBACK) == []
    assert load_plan(tmp_path).evaluate(event).matched == ["improvise"]


@pytest.mark.parametrize(
    "guard",
    [
        '{field: customer.first_name, ne: ""}',
        "{field: customer.first_name, in: [Dana, Sam]}",
        "{field: customer.first_name, starts_with: D}",
        "{any: [{field: customer.first_name, eq: Dana}, {field: customer.first_name, matches: ^S}]}",
    ],
)
def test_a_guard_that_lets_only_text_to_show_through_needs_no_default(
    tmp_path: Path, guard: str
) -> None:
    then = '[{apologize: {message: "Hi {customer.first_name}, {type} {rating}"}}]'
    when = f"{{event: review, all: [{guard}, {{field: rating, between: [1, 5]}}]}}"
    assert lint(tmp_path, rule("r", when, then=then) + FALLBACK) == []


@pytest.mark.parametrize("guard", ["gte: 1", "lt: 3", "ne: 5", "between: [1, 5]"])
def test_a_guard_that_lets_only_numbers_through_needs_no_default(
    tmp_path: Path, guard: str
) -> None:
    """Every number a JSON event can hold is shown (eval refuses one beyond about 1.8e308): the
    warning had asked for both ends of a range, and said "for an event without it" of a rule
    that fires only when the event has it."""
    then = '[{apologize: {message: "You rated {rating}"}}]'
    when = f"{{event: review, all: [{{field: rating, {guard}}}]}}"
    assert lint(tmp_path, rule("r", when, then=then) + FALLBACK) == []


@pytest.mark.parametrize(
    ("when", "path"),
    [
        ("{event: order}", "rating"),  # a number is shown, but may be missing
        ("{event: order}", "order.items.0.name"),  # a list item's field: the schema says nothing
        ("{event: order, all: [{field: order.items.0.name, exists: true}]}", "order.items.0.name"),
        ("{event: order}", "loyalty.nickname"),  # an extra field
    ],
)
def test_a_field_an_event_may_lack_needs_a_default_whatever_its_schema(
    tmp_path: Path, when: str, path: str
) -> None:
    """A list item's field and an extra field were never checked: `{order.items.0.name}` (the
    docs' own example) and `{loyalty.nickname}` with `--ignore unknown-field` gave no warning."""
    then = f'[{{apologize: {{message: "Sorry about {{{path}}}"}}}}]'
    path_file = write_plan(
        tmp_path,
        rule("r", when, then=then) + FALLBACK,
        header="backplan: 1\nplan: {name: S, currency: USD}\nrules:\n",
    )
    found = lint_plan(path_file, ignore=["unknown-field"])
    assert [(d.code, d.message) for d in found] == [
        ("template-without-default", _no_default("r", path))
    ]
    assert found[0].hint.endswith(
        f"give a default after `|`: {{{path}|...}}, the words to show when the event lacks it"
    )


ODD_VALUES = st.sampled_from(
    ["", "a", "gold", [], ["a"], {}, {"x": 1}, None, MISSING, 0, 3, 2.5, True, 1e308, -(2**63)]
)
"""Values a template shows and values it shows as missing, of every kind a JSON event holds
(`eval` refuses a number beyond about 1.8e308; JSON has no infinity)."""


@settings(max_examples=500, deadline=None)
@given(
    conjuncts=st.lists(nodes, min_size=1, max_size=4),
    event=st.fixed_dictionaries({name: ODD_VALUES for name in FIELDS}),
    field=st.sampled_from(sorted(FIELDS)),
)
@example(  # a number with no upper end is shown, however large
    conjuncts=[Atom("rating", "gt", 3)],
    event={"rating": 1e308, "severity": None, "channel": None},
    field="rating",
)
def test_a_field_proved_shown_is_shown(
    conjuncts: list[Node], event: dict[str, Any], field: str
) -> None:
    if all(holds(n, event) for n in conjuncts) and always_shown(conjuncts, field):
        assert shows(event[field])


CUT_BELOW = """backplan: 1
plan: {name: S, currency: USD}
rules:
  - id: late
    title: Late
    when: {event: order}
    then:
      - escalate:
          to: store-manager
          message:
            Call the store
            #12 first
            #34 then
      - apologize:
          message: We are sorry
          #TODO at the key's level: a remark before the next key
          within: 1h
      - contact_customer:
          channel: email
          message: Write to them
            # a remark, written with a space
      - follow_up:
          within: 3d
          message: "Check order"
            #12
  - {id: f, title: f, fallback: true, then: [{escalate: {to: lead, within: 1h}}]}
"""


def test_a_comment_line_where_a_plain_text_goes_on_is_named_with_the_quoted_whole(
    tmp_path: Path,
) -> None:
    """A `#` starting the next line of a plain text, indented as its text goes on, ends it too:
    the message was only "Call the store", and lint had looked only at the text's last line."""
    path = tmp_path / "plan.yaml"
    path.write_text(CUT_BELOW, encoding="utf-8")
    found = lint_plan(path)
    assert [(d.code, d.source.line, d.source.column, d.message, d.hint) for d in found] == [
        (
            "text-cut-by-comment",
            11,
            13,
            "the `escalate` message of rule `late` reads only `Call the store`: YAML takes "
            "`#12 first #34 then` for a comment (a `#` at the start of a line starts one)",
            'put the whole text in quotes: `message: "Call the store #12 first #34 then"`',
        )
    ]
    [escalate, *_] = load_plan(path).evaluate({"id": "e", "type": "order"}).actions
    assert escalate.params["message"] == "Call the store"


@pytest.mark.parametrize(
    ("earlier", "later", "hidden"),
    [
        ("{field: flag, ne: 0}", "{field: flag, ne: false}", False),  # true != 0 but is not 0
        ("{field: x, in: [1, 2]}", "{field: x, in: [true, 2]}", False),  # x: true fires it
        ("{field: x, in: [1, 2]}", "{field: x, in: [1.0, 2]}", True),  # 1.0 is 1: hidden
    ],
)
def test_true_is_not_one_when_lint_proves_a_rule_hidden(
    tmp_path: Path, earlier: str, later: str, hidden: bool
) -> None:
    """Python's True == 1 had made `ne: false` the same test as `ne: 0`, so lint proved
    hidden a rule that `{"flag": true}` fires."""
    rules = rule("first", f"{{all: [{earlier}]}}", "    priority: 10\n    stop: true\n")
    rules += rule("second", f"{{all: [{later}]}}") + FALLBACK
    found = lint(tmp_path, rules)
    assert ("shadowed-rule" in codes(found)) is hidden, [d.render() for d in found]


@pytest.mark.parametrize(
    ("path", "step"), [("order.items.sku", "sku"), ("order.items.-1.sku", "-1")]
)
def test_a_list_gone_below_by_a_name_is_named_with_the_path_that_reads_an_item(
    tmp_path: Path, path: str, step: str
) -> None:
    """Below a list only an item's number finds something: `order.items.sku` (any item?) and
    `order.items.-1.sku` (the last?) are never there, and lint had said nothing."""
    found = lint(tmp_path, rule("r", f"{{all: [{{field: {path}, eq: A1}}]}}") + FALLBACK)
    assert [(d.code, d.message, d.hint) for d in found] == [
        (
            "unknown-field",
            f"a condition of rule `r` reads `{path}`, but `order.items` is a list: only an "
            f"item's number (from 0) picks one, so `{step}` finds nothing and the field is "
            "never there",
            "write `order.items.0.sku` for the first item",
        )
    ]
    assert lint(tmp_path, rule("r", "{all: [{field: order.items.0.sku, eq: A1}]}") + FALLBACK) == []


def test_a_template_field_below_a_list_by_a_name_is_told_once(tmp_path: Path) -> None:
    """`{order.items.sku}` is never there: unknown-field says so; template-without-default
    had also asked for a default, which would then always show."""
    then = '[{apologize: {message: "About {order.items.sku}"}}]'
    found = lint(tmp_path, rule("r", "{event: review}", then=then) + FALLBACK)
    assert codes(found) == ["unknown-field"]


def test_a_misspelt_field_twice_in_a_text_placed_as_a_whole_is_told_once(tmp_path: Path) -> None:
    """A plain text over lines with a blank line between them (YAML reads a line break there,
    so the file's lines are not the text joined by blanks) places the fields after it at the
    text: both slots at one place, told once."""
    then = (
        "\n      - apologize:\n          message: Hi\n\n"
        "            {custmer.name|there}, bye {custmer.name|you}"
    )
    found = lint(tmp_path, rule("r", "{event: review}", then=then) + FALLBACK)
    unknown = [d for d in found if d.code == "unknown-field"]
    assert [d.message for d in unknown] == [
        "the `apologize` message of rule `r` reads `custmer.name`, which is not a standard "
        "event field (did you mean `customer.name`?)"
    ]


def test_a_misspelt_field_twice_in_a_text_wrapped_over_lines_is_told_at_each_place(
    tmp_path: Path,
) -> None:
    """A plain text wrapped over two lines (joined by a blank) places each slot on its own
    line, as on one line: two warnings, each at its field (they had been one, at the text)."""
    then = (
        "\n      - apologize:\n          message: Hi {custmer.name|there}\n"
        "            bye {custmer.name|you}"
    )
    found = lint(tmp_path, rule("r", "{event: review}", then=then) + FALLBACK)
    unknown = [d for d in found if d.code == "unknown-field"]
    places = [(d.source.line, d.source.column) for d in unknown]
    assert len(places) == 2 and places[0][0] + 1 == places[1][0]
    assert [d.source.column for d in unknown] == [24, 18]


def _cut_in_plan(tmp_path: Path, name: str, owner: str = "") -> Diagnostic:
    """The text-cut-by-comment warning of a plan of that name and owner, with one rule."""
    path = tmp_path / "plan.yaml"
    path.write_text(
        f"backplan: 1\nplan:\n  name: {name}\n  currency: USD\n{owner}rules:\n"
        "  - {id: f, title: f, fallback: true, then: [{escalate: {to: lead}}]}\n",
        encoding="utf-8",
    )
    [found] = [d for d in lint_plan(path) if d.code == "text-cut-by-comment"]
    return found


def test_the_plans_owner_cut_short_by_a_comment_is_named(tmp_path: Path) -> None:
    found = _cut_in_plan(tmp_path, "S", "  owner: Shift #3 lead\n")
    assert (found.source.line, found.source.column) == (5, 10)
    assert found.message.startswith("the plan's owner reads only `Shift`")


def test_the_plans_name_cut_short_by_a_comment_is_named(tmp_path: Path) -> None:
    """The plan's name is the first text lint reads, and the first of its file."""
    found = _cut_in_plan(tmp_path, "Store #12 plan")
    assert (found.source.line, found.source.column) == (3, 9)
    assert found.message == (
        "the plan's name reads only `Store`: YAML takes `#12 plan` for a comment "
        "(a `#` after a space starts one)"
    )
    assert found.hint == 'put the whole text in quotes: `name: "Store #12 plan"`'


def test_a_comment_followed_by_many_spaces_is_said_in_one_short_line(tmp_path: Path) -> None:
    """`#a`, 80,000 spaces and `b` after a text: the lazy `.*?` before `[ \t]*` tried every
    split (43 s for lint), and the message wrote the comment out whole. The pattern has no lazy
    part now (the comment's end is trimmed after), and the words are cut."""
    import engine.lint.texts as lint_module

    assert "?" not in lint_module._COMMENT_AFTER.pattern
    tail = "#a" + " " * 80_000 + "b   "
    path = tmp_path / "plan.yaml"
    path.write_text(
        "backplan: 1\nplan: {name: S, currency: USD}\nrules:\n"
        "  - {id: f, title: f, fallback: true, then: [{escalate: {to: lead}}]}\n"
        "  - id: late\n    title: Late\n    when: {event: order}\n    then:\n"
        f"      - apologize:\n          message: Call order {tail}\n",
        encoding="utf-8",
    )
    [found] = [d for d in lint_plan(path) if d.code == "text-cut-by-comment"]
    assert found.message.startswith(
        "the `apologize` message of rule `late` reads only `Call order`"
    )
    assert len(found.message) < 200
    assert found.hint == "put the whole text in quotes, after `message:`"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t#ab", max_size=12))
def test_the_comment_after_a_text_is_what_the_lazy_pattern_found(after: str) -> None:
    """The gap and the comment, as the pattern with `.*?` then `[ \t]*` gave them."""
    import re

    from engine.lint.texts import _COMMENT_AFTER

    lazy = re.fullmatch(r"([ \t]+)(#\S.*?)[ \t]*", after)
    found = _COMMENT_AFTER.fullmatch(after)
    assert (found is None) == (lazy is None)
    if found is not None and lazy is not None:
        assert (found[1], found[2].rstrip(" \t")) == lazy.groups()


def test_a_control_character_in_a_long_or_several_line_text_is_told_where_not_written_out(
    tmp_path: Path,
) -> None:
    """The hint wrote the whole text in single quotes: 400 characters on one line, or a text of
    two lines broken across the hint (where single quotes would not keep `\\n` either)."""
    for text in ('"' + "x" * 400 + '\\a"', '"Line one\\nline two \\a"'):
        then = f"\n      - note: {{message: {text}}}"
        [found] = lint(tmp_path, rule("r", "{event: review}", then=then) + FALLBACK)
        assert found.code == "control-character-in-text"
        assert found.hint.endswith(
            "double each backslash (the text after `message:`); or remove the escape"
        )
        assert "\n" not in found.hint


@pytest.mark.parametrize(
    ("currency", "expected"),
    [
        ("JYP", "`JYP` is not an ISO 4217 currency code (did you mean `JPY`?)"),  # letters swapped
        ("EUD", "`EUD` is not an ISO 4217 currency code (did you mean `EUR`?)"),  # one changed
        ("RMB", "`RMB` is not an ISO 4217 currency code (did you mean `CNY`?)"),  # as people say
        ("ABC", "`ABC` is not an ISO 4217 currency code"),
        ("RUR", "`RUR` is not an ISO 4217 currency code (did you mean `RUB`?)"),  # the old code
        ("TRL", "`TRL` is not an ISO 4217 currency code (did you mean `TRY`?)"),
        ("DEM", "`DEM` is not an ISO 4217 currency code (did you mean `EUR`?)"),
        ("KEZ", "`KEZ` is not an ISO 4217 currency code (did you mean `KES`?)"),  # same country
        ("BTC", "`BTC` is not an ISO 4217 currency code"),  # not BTN
        ("USD", None),
        ("XOF", None),
        ("CLF", None),  # a unit of account is a code all the same
    ],
)
def test_a_currency_code_that_is_not_iso_4217_is_warned_of_with_the_nearest(
    tmp_path: Path, currency: str, expected: str | None
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        f"backplan: 1\nplan: {{name: Shop, currency: {currency}}}\nrules:\n"
        "  - {id: r, title: R, when: {event: review}, then: [{apologize: {}}]}\n"
        "  - {id: f, title: F, fallback: true, then: [{escalate: {to: cx-lead}}]}\n",
        encoding="utf-8",
    )
    found = [d for d in lint_plan(plan) if d.code == "unknown-currency"]
    assert [d.message for d in found] == ([] if expected is None else [expected])
    assert all((d.source.line, d.source.column) == (2, 30) for d in found)  # at the code


@pytest.mark.parametrize(
    ("test", "hint"),
    [
        ("{field: severity, eq: High}", "write `eq: high`"),
        ("{field: survey.kind, in: [NPS, Csat]}", "write `in: [nps, csat]`"),
    ],
)
def test_a_value_of_the_schema_but_for_its_capitals_is_told_as_events_send_it(
    tmp_path: Path, test: str, hint: str
) -> None:
    [found] = lint(tmp_path, rule("r", f"{{all: [{test}]}}") + FALLBACK)
    assert found.code == "never-matches"
    assert found.hint.endswith(f"values are compared exactly: {hint}"), found.hint


@pytest.mark.parametrize("anchored", [False, True])
def test_an_amount_written_with_a_point_between_thousands_is_told_both_readings(
    tmp_path: Path, anchored: bool
) -> None:
    # An anchor anywhere in the file places values coarsely (at their mapping): the warnings
    # about `1.500` were then left out, as the number was not found where it was looked for.
    orders = rule("n", "&w {event: order}") + rule("m", "*w") if anchored else ""
    rules = rule("r", "{event: review}", then="[{compensate: {kind: voucher, amount: 5.000}}]")
    rules += orders
    found = lint(tmp_path, rules + FALLBACK, plan="  compensation:\n    per_event_max: 1.500\n")
    said = [(d.message, d.hint) for d in found if d.code == "amount-finer-than-currency"]
    assert said == [
        (
            "the plan has `per_event_max: 1.500`, which is 1.50 USD: a `.` in a number starts "
            "its decimals",
            "for 1,500 USD, write `per_event_max: 1500` (no separator between thousands); for "
            "1.50 USD, write `per_event_max: 1.50`",
        ),
        (
            "the compensation of rule `r` has `amount: 5.000`, which is 5.00 USD: a `.` in a "
            "number starts its decimals",
            "for 5,000 USD, write `amount: 5000` (no separator between thousands); for 5.00 "
            "USD, write `amount: 5.00`",
        ),
    ]


def test_the_total_of_overlapping_offers_leaves_out_rules_that_never_fire_together(
    tmp_path: Path,
) -> None:
    # The total added every rule that may fire with the last one, though a rule for reviews
    # and one for complaints never both fire: 35.00 here, which no complaint can reach.
    rules = (
        rule("reviews", "{event: review}", then="[{compensate: {kind: voucher, amount: 10}}]")
        + rule(
            "complaints", "{event: complaint}", then="[{compensate: {kind: voucher, amount: 20}}]"
        )
        + rule(
            "any", "{event: [review, complaint]}", then="[{compensate: {kind: refund, amount: 5}}]"
        )
        + FALLBACK
    )
    found = lint(tmp_path, rules, plan="  compensation: {combine: sum}\n")
    [overlap] = [d for d in found if d.code == "overlapping-compensation"]
    assert overlap.message == (
        "rule `any` may fire together with `reviews` and `complaints`, and the plan adds "
        "compensations up (`combine: sum`): up to 25.00 USD in all"
    )


def test_an_overlap_with_many_rules_places_only_those_it_names(tmp_path: Path) -> None:
    """A rule that may fire with 10 others names the first 8 and how many, and has those 8
    under `see:`: it had all 10, 171 `see:` lines under one warning of a 251-rule plan
    (found by review)."""
    paying = "[{compensate: {kind: voucher, amount: 5}}]"
    rules = "".join(
        rule(f"r{n}", f"{{event: review, all: [{{field: rating, lte: {n}}}]}}", then=paying)
        for n in range(1, 11)
    )
    last = rule("every", "{event: review}", "    priority: -1", then=paying)
    found = lint(tmp_path, rules + last + FALLBACK, plan="  compensation: {combine: sum}\n")
    [overlap] = [d for d in found if "rule `every`" in d.message]
    assert overlap.message.startswith(
        "rule `every` may fire together with `r1`, `r2`, `r3`, `r4`, `r5`, `r6`, `r7`, `r8`, "
        "… (10 in all), and the plan adds compensations up (`combine: sum`)"
    )
    written = Path(overlap.source.path).read_text(encoding="utf-8").splitlines()
    starts = [n for n, line in enumerate(written, 1) if line.startswith("  - id: r")]
    assert [place.line for place in overlap.related] == starts[:8]


def test_offers_never_add_up_when_the_plan_decides_by_its_first_rule(tmp_path: Path) -> None:
    """`match: first`: one rule fires, so its offers are never summed with another's
    (lint/offers.py 474, never run)."""
    rules = rule(
        "low",
        "{all: [{field: rating, lte: 2}]}",
        then="[{compensate: {kind: voucher, amount: 10}}]",
    ) + rule(
        "any", "{all: [{field: rating, gte: 1}]}", then="[{compensate: {kind: refund, amount: 5}}]"
    )
    summed = "  compensation: {combine: sum}\n"
    assert "overlapping-compensation" in codes(lint(tmp_path, rules + FALLBACK, plan=summed))
    first = "  match: first\n" + summed
    assert "overlapping-compensation" not in codes(lint(tmp_path, rules + FALLBACK, plan=first))


def test_proofs_remembered_past_their_bound_are_forgotten_and_answer_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A large plan asks more than MAX_REMEMBERED questions: the answers are forgotten all at
    # once, and asked again they are worked out again, the same.
    monkeypatch.setattr(FieldProofs, "MAX_REMEMBERED", 2)
    questions = [
        [Atom("rating", "lte", 2), Atom("rating", "gte", 4)],  # cannot hold
        [Atom("rating", "lte", 3), Atom("rating", "gte", 1)],
        [Atom("rating", "eq", 5), Atom("rating", "ne", 5)],  # cannot hold
        [Atom("text", "contains", "late")],
    ]
    proofs = FieldProofs()
    for question in questions * 2:
        found = proofs.check(question[0].field, question)
        assert len(proofs.known) <= FieldProofs.MAX_REMEMBERED
        fresh = FieldProofs().check(question[0].field, question)
        assert (found is None) == (fresh is None)
        assert found is None or found == fresh


def test_the_total_of_overlapping_offers_is_the_same_once_proofs_are_forgotten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = (
        rule(
            "low",
            "{all: [{field: rating, lte: 2}]}",
            "",
            "[{compensate: {kind: voucher, amount: 10}}]",
        )
        + rule(
            "high",
            "{all: [{field: rating, gte: 4}]}",
            "",
            "[{compensate: {kind: voucher, amount: 20}}]",
        )
        + rule(
            "mid",
            "{all: [{field: rating, lte: 3}]}",
            "",
            "[{compensate: {kind: refund, amount: 5}}]",
        )
        + rule(
            "any",
            "{all: [{field: rating, gte: 1}]}",
            "",
            "[{compensate: {kind: refund, amount: 3}}]",
        )
        + FALLBACK
    )
    plan = "  compensation: {combine: sum}\n"
    remembered = [d.message for d in lint(tmp_path, rules, plan=plan)]
    assert any("up to" in message for message in remembered)
    monkeypatch.setattr(FieldProofs, "MAX_REMEMBERED", 0)  # each answer forgotten at once
    assert [d.message for d in lint(tmp_path, rules, plan=plan)] == remembered


@pytest.mark.parametrize(
    ("offer", "total"),
    [
        ("{kind: voucher, amount: 5, min: 10}", "20.00"),  # raised to its min: it said 15.00
        ("{kind: voucher, amount: 30, max: 20}", "30.00"),  # cut to its max: it said 40.00
        ("{kind: voucher, percent: 10, of: order.total, max: 12.345}", "22.35"),  # rounded
    ],
)
def test_the_total_of_overlapping_offers_is_what_deciding_offers(
    tmp_path: Path, offer: str, total: str
) -> None:
    rules = (
        rule("low", "{all: [{field: rating, lte: 2}]}", then=f"[{{compensate: {offer}}}]")
        + rule(
            "lowest",
            "{all: [{field: rating, lte: 1}]}",
            then="[{compensate: {kind: refund, amount: 10}}]",
        )
        + FALLBACK
    )
    found = lint(tmp_path, rules, plan="  compensation: {combine: sum}\n")
    [overlap] = [d for d in found if d.code == "overlapping-compensation"]
    assert overlap.message.endswith(f": up to {total} USD in all"), overlap.message


@pytest.mark.parametrize(
    ("cap", "said"),
    [
        ("60", "up to 55.00 USD in all, within the cap of 60.00 USD per complaint"),
        ("55", "up to 55.00 USD in all, within the cap of 55.00 USD per complaint"),
        ("50", "up to 55.00 USD in all, cut to the cap of 50.00 USD per complaint"),
    ],
)
def test_the_overlap_total_is_said_to_be_cut_only_when_the_cap_cuts_it(
    tmp_path: Path, cap: str, said: str
) -> None:
    # "up to 55.00 USD in all, before the cap of 60.00 USD" read as if the cap cut the total.
    rules = (
        rule(
            "low",
            "{all: [{field: rating, lte: 2}]}",
            then="[{compensate: {kind: voucher, amount: 25}}]",
        )
        + rule(
            "lowest",
            "{all: [{field: rating, lte: 1}]}",
            then="[{compensate: {kind: refund, amount: 30}}]",
        )
        + FALLBACK
    )
    plan = f"  compensation: {{combine: sum, per_event_max: {cap}}}\n"
    [overlap] = [
        d for d in lint(tmp_path, rules, plan=plan) if d.code == "overlapping-compensation"
    ]
    assert overlap.message == (
        "rule `lowest` may fire together with `low`, and the plan adds compensations up "
        f"(`combine: sum`): {said}"
    )


def test_an_overlap_of_no_most_is_said_to_reach_up_to_the_cap(tmp_path: Path) -> None:
    # A percentage with no `max` has no total to compare with the cap: "before the cap of
    # 50.00 USD" had read as if the cap cut a total (found by review).
    rules = (
        rule(
            "low",
            "{all: [{field: rating, lte: 2}]}",
            then="[{compensate: {kind: voucher, percent: 20, of: order.total}}]",
        )
        + rule(
            "lowest",
            "{all: [{field: rating, lte: 1}]}",
            then="[{compensate: {kind: refund, amount: 30}}]",
        )
        + FALLBACK
    )
    plan = "  compensation: {combine: sum, per_event_max: 50}\n"
    [overlap] = [
        d for d in lint(tmp_path, rules, plan=plan) if d.code == "overlapping-compensation"
    ]
    assert overlap.message == (
        "rule `lowest` may fire together with `low`, and the plan adds compensations up "
        "(`combine: sum`), up to the cap of 50.00 USD per complaint"
    )


def test_values_are_found_in_a_file_placed_coarsely(tmp_path: Path) -> None:
    # An anchor anywhere in the file places values at their mapping (or its first key): the
    # `1.500` below `kind:` and both Windows paths were then not found, and not warned of.
    then = (
        "\n      - compensate:\n          kind: voucher\n          amount: 1.500\n"
        '      - note: {message: "Your receipt is in C:\\new folder, sorry"}\n'
        '      - note:\n          within: 1h\n          message: "See C:\\temp for the log"\n'
    )
    rules = (
        rule("a", "&w {event: order}", then=then)
        + rule("b", "*w", then="[{apologize: {}}]")
        + FALLBACK
    )
    found = lint(tmp_path, rules)
    said = [(d.code, d.message.split(":")[0]) for d in found if d.code != "duplicate-rule"]
    assert said == [
        ("amount-finer-than-currency", "the compensation of rule `a` has `amount"),
        (
            "control-character-in-text",
            "the `note` message of rule `a` holds a line break right after `C",
        ),
        ("control-character-in-text", "the `note` message of rule `a` holds a tab right after `C"),
    ]


@pytest.mark.parametrize(
    ("when", "said"),
    [
        (
            "{all: [{use: big}], not: {use: big}}",
            "order.total is 100 or more and not (order.total is 100 or more) cannot both hold",
        ),
        (
            "{all: [{field: text, contains: refund}], not: {field: text, contains: refund}}",
            "text contains refund and not (text contains refund) cannot both hold",
        ),
        (
            "{all: [{field: rating, lt: 2}], not: {all: [{field: rating, lt: 3}]}}",
            "rating is less than 2 and not (rating is less than 3) cannot all hold",
        ),
    ],
)
def test_a_test_with_its_own_negation_never_matches(tmp_path: Path, when: str, said: str) -> None:
    # `not` of what the rule also requires was not seen as a contradiction: a rule that can
    # never fire went unreported.
    found = lint(
        tmp_path, rule("r", when) + FALLBACK, conditions="  big: {field: order.total, gte: 100}\n"
    )
    [never] = [d for d in found if d.code == "never-matches"]
    assert never.message == f"rule `r` can never match: {said}"


@pytest.mark.parametrize(
    ("when", "said"),
    [
        (  # no value is both text and a number: both tests are named, neither alone is wrong
            "{all: [{field: store, eq: S1}, {field: store, gt: 5}]}",
            "store is S1 and store is more than 5 cannot all hold",
        ),
        (  # the kinds the schema allows are alternatives: "or", not "and"
            "{all: [{field: id, eq: true}]}",
            "id is a number or text in events that follow the event schema, so id is true "
            "never holds",
        ),
    ],
)
def test_tests_no_value_of_one_kind_passes_are_told_in_words_that_are_true(
    tmp_path: Path, when: str, said: str
) -> None:
    """Mutants that told two such tests as the first alone ("store is S1 is never true"), or
    the schema's kinds joined by "and", passed every test."""
    [never] = [d for d in lint(tmp_path, rule("r", when) + FALLBACK) if d.code == "never-matches"]
    assert never.message == f"rule `r` can never match: {said}"


def test_rules_made_exclusive_with_not_do_not_overlap(tmp_path: Path) -> None:
    # What overlapping-compensation's own hint asks for ("make the conditions exclusive")
    # still got the warning when written with `not`.
    rules = (
        rule("big", "{all: [{use: big}]}", then="[{compensate: {kind: voucher, amount: 10}}]")
        + rule("small", "{not: {use: big}}", then="[{compensate: {kind: voucher, amount: 15}}]")
        + rule(
            "fine",
            "{all: [{field: rating, lt: 5}], not: {all: [{field: rating, lt: 3}]}}",
        )
        + FALLBACK
    )
    found = lint(
        tmp_path,
        rules,
        plan="  compensation: {combine: sum}\n",
        conditions="  big: {field: order.total, gte: 100}\n",
    )
    assert codes(found) == []


@pytest.mark.parametrize("priority", [100, 0, -100])
def test_a_fallback_covered_by_an_ordinary_rule_is_found_whatever_its_priority(
    tmp_path: Path, priority: int
) -> None:
    # Only ordinary rules before the fallback in firing order were compared: with a higher
    # priority than the rule that always covers it, it was never reported.
    rules = (
        rule("all-reviews", "{event: review}")
        + rule(
            "fb-reviews", "{event: review}", extra=f"    fallback: true\n    priority: {priority}\n"
        )
        + FALLBACK
    )
    [shadowed] = [d for d in lint(tmp_path, rules) if d.code == "shadowed-rule"]
    assert shadowed.message == (
        "fallback rule `fb-reviews` can never fire: whenever it applies, rule `all-reviews` "
        "matches, so no fallback is needed"
    )
    assert shadowed.hint == "make the fallback apply to every event, or narrow the other rule"


@pytest.mark.parametrize(
    ("later", "stop_offered"),
    [("{all: [{field: rating, lte: 1}]}", False), ("{all: [{field: store, eq: s1}]}", True)],
)
def test_the_overlap_hint_offers_stop_only_where_it_would_not_hide_the_rule(
    tmp_path: Path, later: str, stop_offered: bool
) -> None:
    # `stop: true` on an earlier rule that always matches with this one hid it, and
    # shadowed-rule then said to raise its priority, which brought this warning back.
    pay = "[{compensate: {kind: voucher, amount: 10}}]"
    rules = (
        rule("low", "{all: [{field: rating, lte: 2}]}", then=pay, extra="    priority: 50\n")
        + rule("later", later, then=pay)
        + FALLBACK
    )
    found = lint(tmp_path, rules, plan="  compensation: {combine: sum}\n")
    [overlap] = [d for d in found if d.code == "overlapping-compensation"]
    assert ("`stop: true`" in overlap.hint) is stop_offered


def test_a_proof_past_its_steps_is_not_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Reasoning by cases (`rating` is 1 or 2 in each alternative, so it is at most 2): the
    # proof that `narrow` is hidden takes a few steps. Past its budget a proof gives up, which
    # is always safe: the rule is then not reported, never reported wrongly.
    from engine import logic

    rules = (
        rule("broad", "{all: [{field: rating, lte: 2}]}", extra="    stop: true\n    priority: 9\n")
        + rule("narrow", "{any: [{field: rating, eq: 1}, {field: rating, eq: 2}]}")
        + FALLBACK
    )
    assert "shadowed-rule" in codes(lint(tmp_path, rules))
    monkeypatch.setattr(logic, "MAX_STEPS", 1)
    assert "shadowed-rule" not in codes(lint(tmp_path, rules))


def test_a_copy_of_a_rule_kept_switched_off_is_no_duplicate(tmp_path: Path) -> None:
    # It was told to "merge their actions into one rule"; shadowed-rule and
    # overlapping-compensation leave disabled rules out too.
    rules = (
        rule("new", "{event: review}")
        + rule("old", "{event: review}", extra="    enabled: false\n")
        + FALLBACK
    )
    assert "duplicate-rule" not in codes(lint(tmp_path, rules))


@pytest.mark.parametrize(
    ("then", "owner", "said"),
    [
        ("[{escalate: {to: lead, within: 1h}}]", "ops", "the same trigger and the same actions"),
        ("[{escalate: {to: lead, within: 2h}}]", "ops", "the same trigger"),
        ("[{notify: {to: lead, within: 1h}}]", "ops", "the same trigger"),
        ("[{apologize: {}}, {escalate: {to: lead, within: 1h}}]", "ops", "the same trigger"),
        ("[{escalate: {to: lead, within: 1h}}]", "legal", "the same trigger"),
    ],
    ids=["same-actions", "other-value", "other-type", "one-more", "other-prevent"],
)
def test_a_duplicate_is_told_to_be_removed_only_when_its_actions_are_the_same(
    tmp_path: Path, then: str, owner: str, said: str
) -> None:
    """Two rules of one trigger whose actions differ are two halves of one rule: "remove one
    of them" would lose the actions of the one removed. (The same actions written on other
    lines are the same.)"""
    when = "{event: review, all: [{field: rating, lte: 2}]}"
    prevent = "    prevent: [{root_cause: {owner: %s}}]\n"
    first = rule("a", when, prevent % "ops", "[{escalate: {to: lead, within: 1h}}]")
    rules = first + rule("b", when, prevent % owner, then) + FALLBACK
    [found] = [d for d in lint(tmp_path, rules) if d.code == "duplicate-rule"]
    copy = said.endswith("actions")
    assert (found.message, found.hint) == (
        f"rule `b` has {said} as rule `a`",
        "remove one of them" if copy else "merge their actions into one rule",
    )


def test_a_percentage_whose_min_is_above_the_cap_is_cut_on_every_complaint(
    tmp_path: Path,
) -> None:
    offer = "[{compensate: {kind: voucher, percent: 20, of: order.total, min: 60}}]"
    found = lint(
        tmp_path,
        rule("r", "{event: review}", then=offer) + FALLBACK,
        plan="  compensation: {per_event_max: 50}\n",
    )
    [above] = [d for d in found if d.code == "compensation-above-cap"]
    assert above.message == (
        "the compensation of rule `r` offers at least 60.00 USD (its `min`), but the plan gives "
        "at most 50.00 USD per complaint (`per_event_max`): it is cut on every complaint"
    )
    assert above.source.pointer.endswith("/compensate/min")


def test_a_cap_that_rounds_to_nothing_is_told_once(tmp_path: Path) -> None:
    # amount-finer-than-currency said to write `per_event_max: 0.000`, and cap-of-nothing to
    # remove it: two answers, one of them no fix.
    found = lint(
        tmp_path,
        rule("r", "{event: review}", then="[{compensate: {kind: voucher, amount: 5}}]") + FALLBACK,
        plan="  compensation: {per_event_max: 0.0004}\n",
    )
    assert [d.code for d in found if d.code != "compensation-above-cap"] == ["cap-of-nothing"]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        (  # a customer reads it: the fix would get template-without-default next
            "{{customer.first_name}}",
            "to insert the field, write it in single braces: `{customer.first_name}`, with the "
            "words for an event without it: `{customer.first_name|there}`",
        ),
        (  # its default was dropped from the fix
            "{{customer.first_name|there}}",
            "to insert the field, write it in single braces: `{customer.first_name|there}`",
        ),
        (  # the blanks around the default were kept: `{customer.first_name| there }`, which
            # blank-around-default tells next
            "{{ customer.first_name | there }}",
            "to insert the field, write it in single braces: `{customer.first_name|there}`",
        ),
    ],
)
def test_the_doubled_braces_fix_keeps_or_adds_a_default(
    tmp_path: Path, written: str, hint: str
) -> None:
    then = f'[{{apologize: {{message: "Hi {written}, sorry."}}}}]'
    found = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    [doubled] = [d for d in found if d.code == "doubled-braces"]
    assert doubled.hint == hint
    fixed = then.replace(written, hint.split("`")[-2])
    assert codes(lint(tmp_path, rule("r", "{event: order}", then=fixed) + FALLBACK)) == []


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("order.item.0.sku", "order.items.0.sku"),  # it said `order.items`: a list, never A1
        ("customer.teir", "customer.tier"),
        ("custmer.tier", "customer.tier"),
        ("order.item.sku", "order.items"),  # mended, it would read a list without an item
    ],
)
def test_an_unknown_field_is_suggested_with_the_rest_of_its_path(
    tmp_path: Path, written: str, meant: str
) -> None:
    found = lint(tmp_path, rule("r", f"{{all: [{{field: {written}, eq: A1}}]}}") + FALLBACK)
    [unknown] = [d for d in found if d.code == "unknown-field"]
    assert unknown.message.endswith(f"(did you mean `{meant}`?)"), unknown.message


def test_a_control_character_beside_a_path_is_written_out_with_the_path(tmp_path: Path) -> None:
    # `\f` and `\n` in "C:\folder and C:\new docs": the line break kept the text from being
    # written out, and the hint read "or double each backslash, after `message:`".
    then = '[{apologize: {message: "Files in C:\\folder and C:\\new docs"}}]'
    found = lint(tmp_path, rule("r", "{event: order}", then=then) + FALLBACK)
    [control] = [d for d in found if d.code == "control-character-in-text"]
    assert control.hint.endswith(
        "such as `message: 'Files in C:\\folder and C:\\new docs'`; or remove the escape"
    )


def test_a_condition_value_cut_by_a_comment_is_told(tmp_path: Path) -> None:
    # `eq: wrong #2` tests for `wrong`: the rule fired for other events, without a word.
    when = "\n      all:\n        - field: issue\n          eq: wrong #2\n        - field: text\n          contains: order #12 late"
    found = lint(tmp_path, rule("r", when) + FALLBACK)
    assert [(d.code, d.message, d.hint) for d in found] == [
        (
            "text-cut-by-comment",
            "the `eq` test of rule `r` reads only `wrong`: YAML takes `#2` for a comment (a `#` "
            "after a space starts one)",
            'put the whole text in quotes: `eq: "wrong #2"`',
        ),
        (
            "text-cut-by-comment",
            "the `contains` test of rule `r` reads only `order`: YAML takes `#12 late` for a "
            "comment (a `#` after a space starts one)",
            'put the whole text in quotes: `contains: "order #12 late"`',
        ),
    ]


def test_a_file_with_an_anchor_is_placed_as_exactly_as_one_without(tmp_path: Path) -> None:
    # A file the careful loader reads (an anchor is enough) placed an action's values at the
    # action's mapping, and the plan's settings at `plan:`: 12:21 and 2:1 for 12:45 and 5:48.
    rules = (
        rule(
            "r",
            "{event: review}",
            then="[{apologize: &ap {within: 2h}}, {compensate: {kind: voucher, amount: 10.555}}]",
        )
        + rule("s", "{event: order}", then="[{apologize: *ap}]")
        + FALLBACK
    )
    found = lint(tmp_path, rules, plan="  compensation: {approval_above: 500}\n")
    places = {d.code: (d.source.line, d.source.column) for d in found}
    text = (tmp_path / "plan.yaml").read_text().splitlines()
    line, column = places["amount-finer-than-currency"]
    assert text[line - 1][column - 1 :].startswith("10.555")
    line, column = places["approval-never-needed"]
    assert text[line - 1][column - 1 :].startswith("500")


def test_negated_ranges_alone_do_not_rule_out_nan(tmp_path: Path) -> None:
    # not (x < 5) and not (x > 3) both hold for NaN, which an embedding app may send: the
    # rule was said never to match, and fired.
    when = "{all: [{not: {field: x, lt: 5}}, {not: {field: x, gt: 3}}]}"
    assert "never-matches" not in codes(lint(tmp_path, rule("r", when) + FALLBACK))
    decided = load_plan(tmp_path).decide({"id": "e", "type": "survey", "x": float("nan")})
    assert decided["matched"] == ["r"]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_a_number_test_beside_negated_ranges_rules_out_nan(tmp_path: Path, value: float) -> None:
    # NaN and the infinities are no number to any test (engine.operators.is_number): `ne: 0`
    # fails on them, so with not (x < 5) and not (x > 3) the rule never fires; NaN had held
    # `ne: 0` and fired it, and lint had to let it be (found by review).
    when = "{all: [{field: x, ne: 0}, {not: {field: x, lt: 5}}, {not: {field: x, gt: 3}}]}"
    assert "never-matches" in codes(lint(tmp_path, rule("r", when) + FALLBACK))
    decided = load_plan(tmp_path).decide({"id": "e", "type": "survey", "x": value})
    assert decided["matched"] == ["improvise"]


def test_an_amount_that_rounds_up_to_a_cent_is_still_finer_than_usd_pays(tmp_path: Path) -> None:
    # 0.005 rounds half up to 0.01 as deciding pays it; rounded half to even it was 0.00, and
    # left to offer-of-nothing, which (rounding half up) said nothing either.
    then = "[{compensate: {kind: voucher, amount: 0.005}}]"
    found = lint(tmp_path, rule("r", "{event: review}", then=then) + FALLBACK)
    assert codes(found) == ["amount-finer-than-currency"]


@pytest.mark.parametrize(("broad", "narrow"), [(12, 6), (12, 10), (16, 6), (16, 10)])
def test_a_rule_hidden_by_a_wider_any_is_found_within_the_proof_budget(
    tmp_path: Path, broad: int, narrow: int
) -> None:
    # Each alternative of the hiding rule was tried with cases of its own first, which spent
    # the budget before the cheap proof (the cases of the hidden rule's own `any`) was tried.
    def channels(count: int) -> str:
        return ", ".join(f"{{field: channel, eq: c{n}}}" for n in range(count))

    rules = (
        rule("wide", f"{{any: [{channels(broad)}]}}", extra="    stop: true\n    priority: 10\n")
        + rule("hidden", f"{{all: [{{field: rating, lte: 2}}, {{any: [{channels(narrow)}]}}]}}")
        + FALLBACK
    )
    [shadowed] = [d for d in lint(tmp_path, rules) if d.code == "shadowed-rule"]
    assert shadowed.message.startswith("rule `hidden` can never fire")


def test_pasted_typography_names_the_value_and_what_to_type(tmp_path: Path) -> None:
    """Pasted from a document, `“yelp”` keeps its quotes and `email\u200b` its zero-width
    space: validate and lint said nothing, and the rule never fired (found by review)."""
    found = lint(
        tmp_path,
        rule(
            "r",
            "{event: review, all: [{field: channel, eq: \u201cyelp\u201d},"
            " {field: issue, in: [rude, \u2018impolite\u2019]}, {field: store, ne: s\u200b1}]}",
            then="[{apologize: {message: \u201cWe are sorry\u201d}}, {escalate: {to: ops\u00a0lead}}]",
        )
        + FALLBACK,
    )
    pasted = [
        (d.source.line, d.source.column, d.message, d.hint)
        for d in found
        if d.code == "pasted-typography"
    ]
    assert pasted == [
        (
            9,
            54,
            "the `eq` test of rule `r` on `channel` compares with `\u201cyelp\u201d`, in "
            "typographic quotes, which are part of the text: an event's `yelp` does not match it",
            'leave the quotes out, or type straight ones: `eq: "yelp"`',
        ),
        (
            9,
            82,
            "the `in` test of rule `r` on `issue` compares with `\u2018impolite\u2019`, in "
            "typographic quotes, which are part of the text: an event's `impolite` does not "
            "match it",
            'leave the quotes out, or type straight ones: write "impolite" in the list',
        ),
        (
            9,
            122,
            "the `ne` test of rule `r` on `store` compares with `s\u200b1`, which holds a zero "
            "width space (U+200B): an event's text with an ordinary space there, or nothing, "
            "does not match it",
            "type the value again, with ordinary spaces",
        ),
        (
            10,
            34,
            "the `apologize` message of rule `r` is `\u201cWe are sorry\u201d`, in typographic "
            "quotes, which are shown as part of the text",
            'leave the quotes out: `message: "We are sorry"`',
        ),
        (
            10,
            68,
            "`to` of the `escalate` of rule `r` is `ops\u00a0lead`, which holds a no-break space "
            "(U+00A0): a system that routes by it finds no one of that name",
            "type the name again, with ordinary spaces",
        ),
    ]


def test_a_number_typed_full_width_in_a_condition_is_hinted_as_the_number() -> None:
    """`gte: １０，０００` on `order.total` (typed with a Japanese input mode on) was hinted
    "write the value as one, a number", naming none (found by writing a Tokyo shop's plan)."""
    assert number_meant("order.total", "１０，０００") == Meant("10000", "number")
    assert number_meant("contact.wait_minutes", "３０分") == Meant("30", "duration")


def test_pasted_guillemets_are_left_out_with_the_spaces_inside_them(tmp_path: Path) -> None:
    """French typography sets a space (often a narrow no-break one) inside its guillemets: the
    hint had kept it, `eq: "\u202fdégoûtant\u202f"`, which no event's text equals either
    (found by writing a French shop's plan). A message so pasted is told alike."""
    found = lint(
        tmp_path,
        rule(
            "r",
            "{event: review, all: [{field: text, eq: \u00ab\u202fdégoûtant\u202f\u00bb},"
            " {field: store, in: [\u00ab Paris \u00bb]}]}",
            then="[{apologize: {message: \u00ab\u00a0Désolés\u00a0!\u00a0\u00bb}}]",
        )
        + FALLBACK,
    )
    pasted = [(d.message, d.hint) for d in found if d.code == "pasted-typography"]
    assert [message.rpartition(", in typographic quotes")[2] for message, _ in pasted] == [
        ", which are part of the text: an event's `dégoûtant` does not match it",
        ", which are part of the text: an event's `Paris` does not match it",
        ", which are shown as part of the text",
    ]
    assert [hint for _, hint in pasted] == [
        'leave the quotes out, or type straight ones: `eq: "dégoûtant"`',
        'leave the quotes out, or type straight ones: write "Paris" in the list',
        'leave the quotes out: `message: "Désolés\u00a0!"`',
    ]


def lint_gte_date(tmp_path: Path, written: str) -> list[Diagnostic]:
    """Lint's findings in a plan whose rule tests `occurred_at` with `gte: "written"`."""
    return lint_time_test(tmp_path, f'gte: "{written}"')


def lint_time_test(tmp_path: Path, test: str) -> list[Diagnostic]:
    """Lint's findings in a plan whose rule `r` tests `occurred_at` with ``test``
    (``eq: "2026-11-27"``)."""
    return lint(
        tmp_path, rule("r", f"{{event: review, all: [{{field: occurred_at, {test}}}]}}") + FALLBACK
    )


_NO_DATE_NAMED = "write the date year first, such as `2026-12-01` or `2026-12-01T09:30:00Z`"
"""The hint for a text read as no date."""


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        (
            "01/12/2026",
            "write the date year first: `2026-12-01` (1 December) or `2026-01-12` (12 January)",
        ),
        ("13.12.2026", 'write the date year first: `gte: "2026-12-13"`'),
        ("12-13-2026", 'write the date year first: `gte: "2026-12-13"`'),
        ("1 Dec 2026", 'write the date year first: `gte: "2026-12-01"`'),
        ("December 3rd, 2026", 'write the date year first: `gte: "2026-12-03"`'),
        ("next week", "write the date year first, such as `2026-12-01` or `2026-12-01T09:30:00Z`"),
        # the last day of a month; January, the first of the months; no day 0 or 32 nor
        # month 0; a word that is no month, and two letters that begin March and May alike
        # (each had been left untested: mutation testing)
        ("31/12/2026", 'write the date year first: `gte: "2026-12-31"`'),
        ("31 Dec 2026", 'write the date year first: `gte: "2026-12-31"`'),
        ("Jan 5, 2026", 'write the date year first: `gte: "2026-01-05"`'),
        ("00/12/2026", _NO_DATE_NAMED),
        ("32/12/2026", _NO_DATE_NAMED),
        ("0 Dec 2026", _NO_DATE_NAMED),
        ("Week 5, 2026", _NO_DATE_NAMED),
        ("5 Ma 2026", _NO_DATE_NAMED),
        # its first character not a digit (mutation testing: it had gone unread)
        ("x026-12-01", "write the date year first, such as `2026-12-01` or `2026-12-01T09:30:00Z`"),
        # no such day or month: no date named (values.py 393, 434, never run)
        (
            "32 Dec 2026",
            "write the date year first, such as `2026-12-01` or `2026-12-01T09:30:00Z`",
        ),
    ],
)
def test_a_date_not_year_first_is_named_with_the_dates_it_may_be(
    tmp_path: Path, written: str, hint: str
) -> None:
    """`occurred_at gte 01/12/2026` held for an event of 5 March 2026: text compares letter by
    letter, and "2" comes after "0" (found by review)."""
    found = lint_gte_date(tmp_path, written)
    [date] = [d for d in found if d.code == "date-not-year-first"]
    assert date.message == (
        f"the `gte` test of rule `r` compares `occurred_at` with `{written}`: events write their "
        "time year first (`2026-11-23T09:30:00Z`) and it is compared as text, letter by letter, "
        "so the test does not follow the calendar"
    )
    assert date.hint == hint


@pytest.mark.parametrize(
    "written",
    [
        "2026",
        "2026-12",
        "2026-1",  # October to December, as `starts_with` asks (found by review)
        "2026-12-01",
        "2026-12-01T0",
        "2026-12-01T09:30:00Z",
        "2026-12-01T09:30:00.5+01:00",
        "2026-12-01t09:30:00z",
    ],
)
def test_a_time_year_first_or_its_start_is_no_finding(tmp_path: Path, written: str) -> None:
    found = lint_gte_date(tmp_path, written)
    assert "date-not-year-first" not in codes(found)


_NOT_ON_IT = "no event's time is on that day (`backplan eval` refuses one that is, `bad-time`)"
_READ_AS = "times are compared as text, letter by letter, so the test reads it as"


@pytest.mark.parametrize(
    ("test", "said", "hint"),
    [
        (
            'eq: "2026-02-30"',
            f"`2026-02-30` is no date: February 2026 has 28 days; {_NOT_ON_IT}, so the test "
            "never holds",
            "write a day that exists, with `starts_with` to match every time on it (`eq` "
            'compares the whole time, `2026-02-28T09:30:00Z`): `starts_with: "2026-02-28"` (the '
            'last day of February 2026) or `starts_with: "2026-03-01"`',
        ),
        (
            'gte: "2026-04-31"',
            f"`2026-04-31` is no date: April 2026 has 30 days; {_READ_AS} `2026-05-01`, the "
            "first day after it that exists",
            'write a day that exists: `gte: "2026-04-30"` (the last day of April 2026) or '
            '`gte: "2026-05-01"`',
        ),
        (
            'lt: "2026-12-32T08:00:00Z"',
            f"`2026-12-32` is no date: December 2026 has 31 days; {_READ_AS} `2027-01-01`, the "
            "first day after it that exists",
            'write a day that exists: `lt: "2026-12-31T08:00:00Z"` (the last day of December '
            '2026) or `lt: "2027-01-01T08:00:00Z"`',
        ),
        (
            'gt: "2026-13-01"',
            f"`2026-13-01` is no date: there is no month 13: months are 01 to 12; {_READ_AS} "
            "`2027-01-01`, the first day after it that exists",
            "write a date that exists, year first, as events write it: `2026-12-01` or "
            "`2026-12-01T09:30:00Z`",
        ),
        # month 00 or day 00 reads as the first day of the month after, or of the year:
        # none had been tested (values.py `_next_day`, mutation testing)
        (
            'gte: "2026-00-15"',
            f"`2026-00-15` is no date: there is no month 00: months are 01 to 12; {_READ_AS} "
            "`2026-01-01`, the first day after it that exists",
            "write a date that exists, year first, as events write it: `2026-12-01` or "
            "`2026-12-01T09:30:00Z`",
        ),
        (
            'gte: "2026-12-00"',
            f"`2026-12-00` is no date: there is no day 00: days are 01 to 31 in December 2026; {_READ_AS} `2026-12-01`, the "
            "first day after it that exists",
            "write a date that exists, year first, as events write it: `2026-12-01` or "
            "`2026-12-01T09:30:00Z`",
        ),
        (
            'lt: "2026-04-00T10:00:00Z"',
            f"`2026-04-00` is no date: there is no day 00: days are 01 to 30 in April 2026; {_READ_AS} `2026-04-01`, the "
            "first day after it that exists",
            "write a date that exists, year first, as events write it: `2026-12-01` or "
            "`2026-12-01T09:30:00Z`",
        ),
        (  # January's: neither month 1 nor month 12 is read past its year
            'gt: "2026-01-32"',
            f"`2026-01-32` is no date: January 2026 has 31 days; {_READ_AS} `2026-02-01`, the "
            "first day after it that exists",
            'write a day that exists: `gt: "2026-01-31"` (the last day of January 2026) or '
            '`gt: "2026-02-01"`',
        ),
        (
            'gte: "2026-11-31"',
            f"`2026-11-31` is no date: November 2026 has 30 days; {_READ_AS} `2026-12-01`, the "
            "first day after it that exists",
            'write a day that exists: `gte: "2026-11-30"` (the last day of November 2026) or '
            '`gte: "2026-12-01"`',
        ),
        (
            'in: ["2026-01-31T10:00:00Z", "2026-02-29"]',
            f"`2026-02-29` is no date: February 2026 has 28 days; {_NOT_ON_IT}, so that value "
            "never matches",
            "write a day that exists, `2026-02-28` (the last day of February 2026) or "
            "`2026-03-01`; to match every time on those days (in UTC, as events' times are read), "
            "write one "
            "`starts_with` test a value, under `any`: `any: [{field: occurred_at, starts_with: "
            '"2026-02-28"}, ...]`',
        ),
        (
            'ne: "2026-06-31"',
            f"`2026-06-31` is no date: June 2026 has 30 days; {_NOT_ON_IT}, so the test holds "
            "for every event that has a time",
            "write a day that exists, `2026-06-30` (the last day of June 2026) or `2026-07-01`; "
            "to leave out every time on that day (in UTC, as events' times are read), write `not: "
            "{field: "
            'occurred_at, starts_with: "2026-06-30"}`',
        ),
        (  # a whole time: `eq` of it holds (its hint had been `starts_with`, the time doubled)
            'eq: "2026-02-30T10:00:00Z"',
            f"`2026-02-30` is no date: February 2026 has 28 days; {_NOT_ON_IT}, so the test "
            "never holds",
            'write a day that exists: `eq: "2026-02-28T10:00:00Z"` (the last day of February '
            '2026) or `eq: "2026-03-01T10:00:00Z"`',
        ),
        (
            'not_in: ["2026-04-31T10:00"]',
            f"`2026-04-31` is no date: April 2026 has 30 days; {_NOT_ON_IT}, so that value "
            "leaves out no event",
            "write a day that exists, `2026-04-30T10:00` (the last day of April 2026) or "
            "`2026-05-01T10:00`; to leave out every time that starts with one of them, write one "
            "`starts_with` test a value, under `any`: `not: {any: [{field: occurred_at, "
            'starts_with: "2026-04-30T10:00"}, ...]}`',
        ),
    ],
)
def test_a_date_as_events_write_it_on_a_day_that_does_not_exist_is_told(
    tmp_path: Path, test: str, said: str, hint: str
) -> None:
    """``eq: "2026-02-30"`` had been no finding (only ``2026/02/30``, not written as events
    write, was): no event's time is on that day, so the test never held, and an order read
    it as the next day that exists, silently."""
    written = test.split('"')[-2]  # the last value, the one that is no day
    [found] = [d for d in lint_time_test(tmp_path, test) if d.code == "no-such-date"]
    op = test.split(":", maxsplit=1)[0]
    assert found.message == (
        f"the `{op}` test of rule `r` compares `occurred_at` with `{written}`, but {said}"
    )
    assert found.hint == hint


_REFUSED = "no event's time is written so (`backplan eval` refuses one that is, `bad-time`)"
"""What ``no-such-time`` says of a time no event's time is written with."""


@pytest.mark.parametrize(
    ("test", "said", "hint"),
    [
        (
            'lt: "2026-03-01T24:00:00Z"',  # in UTC: its letters sort as the moment meant does
            "there is no hour 24: hours are 00 to 23 (midnight is 00:00 of the next day); "
            f"{_REFUSED}",
            'write the moment meant, in UTC: `lt: "2026-03-02T00:00:00Z"`',
        ),
        (
            'gte: "2026-03-01T23:59:60+09:00"',
            "second 60 is a leap second, which Backplan does not read: seconds are 00 to 59; "
            f"{_REFUSED}, and text is compared letter by letter, so the test stands for another "
            "moment",
            'write the moment meant, in UTC: `gte: "2026-03-01T15:00:00Z"`',
        ),
        (
            'eq: "2026-03-01T10:00:00+24:00"',
            "`+24:00` is no offset from UTC: its hours are 00 to 23 and its minutes 00 to 59; "
            f"{_REFUSED}, so the test never holds",
            "write the moment in UTC, with `Z`: hours 00 to 23, minutes and seconds 00 to 59 "
            "(`2026-12-01T09:30:00Z`)",
        ),
        (
            'between: ["2026-03-01T00:00:00Z", "2026-03-01t25:00:00z"]',
            f"there is no hour 25: hours are 00 to 23; {_REFUSED}",
            "write the moment in UTC, with `Z`: hours 00 to 23, minutes and seconds 00 to 59 "
            "(`2026-12-01T09:30:00Z`)",
        ),
    ],
)
def test_a_time_at_an_hour_second_or_offset_no_clock_has_is_told(
    tmp_path: Path, test: str, said: str, hint: str
) -> None:
    """An hour 24, a second 60 and an offset past 23 hours had been compared as text, and
    lint said nothing: `eval` refuses such a time, so no event's time is written so. The
    moment meant is written in UTC when it can be told."""
    written = test.split('"')[-2]
    [found] = lint_time_test(tmp_path, test)
    op = test.split(":", maxsplit=1)[0]
    assert (found.code, found.message, found.hint) == (
        "no-such-time",
        f"the `{op}` test of rule `r` compares `occurred_at` with `{written}`, but {said}",
        hint,
    )


def test_the_end_of_the_last_day_datetime_knows_is_told_without_a_moment(tmp_path: Path) -> None:
    """`9999-12-31T24:00:00Z` has no next day `datetime` can write: working out the moment
    meant overflowed, and `backplan lint` ended in an internal error (found by review)."""
    [found] = lint_time_test(tmp_path, 'lt: "9999-12-31T24:00:00Z"')
    assert (found.code, found.hint) == (
        "no-such-time",
        "write the moment in UTC, with `Z`: hours 00 to 23, minutes and seconds 00 to 59 "
        "(`2026-12-01T09:30:00Z`)",
    )


@pytest.mark.parametrize(
    ("test", "said"),
    [
        (
            'gte: "2026-03-01T10:00:00+9:00"',
            "and text is compared letter by letter, so the test stands for another moment",
        ),
        ('eq: "2026-03-01T10:00:00+9:00"', "so the test never holds"),
    ],
)
def test_an_offset_whose_hours_have_one_digit_is_read_as_meant(
    tmp_path: Path, test: str, said: str
) -> None:
    """`+9:00` had been compared as text, silently (and `eq` of it told it was part of a
    time, `part-of-a-time`, for want of a zone of two digits): it is read as `+09:00`, and
    the moment written in UTC."""
    [found] = lint_time_test(tmp_path, test)
    op = test.split(":", maxsplit=1)[0]
    assert (found.code, found.message, found.hint) == (
        "time-not-in-utc",
        f"the `{op}` test of rule `r` compares `occurred_at` with `2026-03-01T10:00:00+9:00`, "
        "written with the offset `+9:00` (an offset's hours have two digits: `+09:00`), but an "
        "event's time is read in UTC to the second (`2026-03-01T01:00:00Z` for this moment), "
        f"{said}",
        f'write the moment in UTC: `{op}: "2026-03-01T01:00:00Z"`',
    )


@pytest.mark.parametrize(
    "test",
    [
        'lt: "2026-03-01T23:59:59Z"',
        'gte: "2026-03-01T10:00:00+09:00"',  # time-not-in-utc's
        'lt: "2026-02-30T24:00:00Z"',  # no-such-date's
        'lt: "2026-03-01 24:00:00Z"',  # date-not-year-first's
        'contains: "T24:00"',  # looks inside a time
    ],
)
def test_a_time_a_clock_has_or_told_by_another_check_is_no_such_time_finding(
    tmp_path: Path, test: str
) -> None:
    assert "no-such-time" not in codes(lint_time_test(tmp_path, test))


@pytest.mark.parametrize(
    "test",
    [
        'gte: "2028-02-29"',  # a leap year's
        'gte: "2026-02-3"',  # the start of a time: 30 February's is none, nor 3 February's
        'contains: "2026-02-30"',  # looks inside a time
        'gte: "2026/02/30"',  # not written as events write: date-not-year-first's
        "eq: 2026-02-30x",
    ],
)
def test_a_day_that_exists_or_text_not_written_as_events_write_is_no_such_date_finding(
    tmp_path: Path, test: str
) -> None:
    assert "no-such-date" not in codes(lint_time_test(tmp_path, test))


@pytest.mark.parametrize(
    ("test", "written"),
    [
        ("eq: CSAT", "eq: csat"),
        ("in: [CSAT, NPS]", "in: [csat, nps]"),
        ("in: [NPS]", "in: [nps]"),  # a list of one, still a list: `in: nps` had been hinted
        # parts of a value: they had been told to check the event schema (found by review)
        ("starts_with: Cs", "starts_with: cs"),
        ("ends_with: PS", "ends_with: ps"),
        ("contains_any: [Cs, Np]", "contains_any: [cs, np]"),
        ("contains_all: [Cs]", "contains_all: [cs]"),
    ],
)
def test_a_value_of_the_schema_in_capitals_is_hinted_in_small_letters(
    tmp_path: Path, test: str, written: str
) -> None:
    """Values are compared exactly, and the event schema's `survey.kind` is in small letters:
    the hint writes the test's values as events send them, a list as a list (a mutant that
    joined them with 'and', `in: [csat and nps]`, one item as YAML reads it, survived)."""
    plan = rule("a", f"{{event: survey, all: [{{field: survey.kind, {test}}}]}}") + FALLBACK
    [found] = [d for d in lint(tmp_path, plan) if d.code == "never-matches"]
    assert found.hint == (
        "events send `survey.kind` in small letters, and values are compared exactly: write "
        f"`{written}`"
    )


def _blank_around(tmp_path: Path, field: str, test: str) -> Diagnostic:
    """The one `blank-around-value` warning of a rule testing ``field`` with ``test``."""
    plan = rule("a", f"{{event: complaint, all: [{{field: {field}, {test}}}]}}") + FALLBACK
    [found] = [d for d in lint(tmp_path, plan) if d.code == "blank-around-value"]
    return found


@pytest.mark.parametrize(
    ("test", "message", "hint"),
    [
        ('eq: "Site 12 "', 'compares with "Site 12 ", the blank at its end', 'eq: "Site 12"'),
        (
            'in: [" Site 12", Site 14]',
            'compares with " Site 12", the blank at its start',
            'in: ["Site 12", "Site 14"]',
        ),
        ('ne: " 12 "', 'compares with " 12 ", the blank at its start and end', 'ne: "12"'),
    ],
)
def test_a_site_written_with_a_blank_around_it_is_told(
    tmp_path: Path, test: str, message: str, hint: str
) -> None:
    """A site pasted from a spreadsheet with its cell's space, `eq: "Site 12 "`, is compared
    whole, blank included, and the rule never fired for `Site 12`: lint had said nothing, and
    only an event already missed told it (explain: "only the spaces differ")."""
    found = _blank_around(tmp_path, "store", test)
    assert found.message.startswith(f"the `{test[:2]}` test of rule `a` on `store` {message}")
    assert found.hint == f"write the value without the blank: `{hint}`"
    assert found.source.pointer == f"/rules/0/when/all/0/{test[:2]}"


def test_a_tab_around_a_value_is_quoted_as_the_plan_writes_it(tmp_path: Path) -> None:
    """`eq: "Site 12\\t"` had been quoted ``"Site 12\\\\t"``: its tab shown as an escape, then
    that escape's backslash escaped again, which YAML reads as a backslash and a `t`."""
    found = _blank_around(tmp_path, "store", 'eq: "Site 12\\t"')
    assert 'compares with "Site 12\\t", the blank at its end' in found.message


@given(st.text(max_size=40))
def test_a_quoted_value_reads_back_as_itself(text: str) -> None:
    """A hint's quoted text, pasted into the plan, is the very text: backslashes, quotes and
    the escapes of tabs, line breaks and control characters alike."""
    written = quoted(text)
    assert "\n" not in written
    assert yaml.safe_load(f"value: {written}") == {"value": text}


@given(st.text(max_size=QUOTED_AT_MOST))
@example("[draft] " + "y" * 188)
@example("[x] " + "ab\\" * 65)
@example("Acme\tStore")
def test_a_key_and_value_hint_reads_back_as_the_value(value: str) -> None:
    """`name = [draft] y…y` (196 characters) had been hinted `name: "[draft] y…y…`, key and
    quoted value cut as one line: its closing quote lost, and with backslashes its last
    doubled one could be cut in two; `name = Acme<tab>Store` was hinted bare, its tab written
    `\\t`, a backslash and a `t` to YAML. A value not kept as written reads back whole."""
    hint = key_and_value("name", value)
    assert "\n" not in hint
    written = hint.removeprefix("name: ")
    if written != value:
        assert yaml.safe_load(hint) == {"name": value}


@given(
    st.text(max_size=2 * QUOTED_AT_MOST)
    | st.lists(st.text(max_size=80), max_size=30)
    | st.dictionaries(st.text(max_size=80), st.text(max_size=2 * QUOTED_AT_MOST), max_size=8)
)
@example("S" * 200 + " #1")
@example({"note": "x" * 300})  # a mapping had been cut whole, its quote and brace lost
@example({"note": '"' + "x" * 300})
@example("@")  # YAML keeps a leading `@` for itself: the word is quoted
@example(["@home", "a@b"])
def test_a_value_in_a_flow_hint_leaves_no_quote_open(value: Any) -> None:
    """`{store: "<200 characters>"}` had been hinted `{field: store, eq: "SSS…}`: the flow of
    the value cut after it was quoted, its closing quote lost. A text is cut inside its quotes
    and a list between its items, so the hint reads as YAML in braces (a list cut shows `…`
    as its last item, and a text cut ends in `…`)."""
    hint = flow_hint(value)
    assert "\n" not in hint
    read = yaml.safe_load(f"{{eq: {hint}}}")
    if isinstance(value, str) and len(value) < QUOTED_AT_MOST and value.isprintable():
        assert read == {"eq": value}


@pytest.mark.parametrize(
    ("test", "bare", "hint"),
    [
        ('eq: "High "', '"high"', "eq: high"),
        ('in: ["Critical ", low]', '"critical"', "in: [critical, low]"),
    ],
)
def test_a_named_value_with_a_blank_around_it_is_mended_as_events_send_it(
    tmp_path: Path, test: str, bare: str, hint: str
) -> None:
    """`severity` `eq: "High "` had been hinted `eq: High`, which never matches either: events
    send `high`. The value is mended as the field's named value of the same letters."""
    found = _blank_around(tmp_path, "severity", test)
    assert found.message.endswith(f"an event's {bare} is not equal to it")
    assert found.hint == f"write the value without the blank: `{hint}`"


@pytest.mark.parametrize(
    ("test", "codes_told"),
    [
        ('eq: "Site 12\\u00a0"', ["blank-around-value"]),
        ('in: ["\\u00a0Site 12"]', ["blank-around-value"]),
        ('eq: "Site\\u00a012\\u00a0"', ["blank-around-value", "pasted-typography"]),
        ('contains: "Site 12\\u00a0"', ["pasted-typography"]),
    ],
)
def test_a_no_break_space_around_a_value_is_told_once(
    tmp_path: Path, test: str, codes_told: list[str]
) -> None:
    """`eq: "Site 12\u00a0"` had been told twice on one test, a blank at its end and a no-break
    space, the second's hint (type it again with ordinary spaces) leaving a blank the first
    then told: the blank around it is told once, its hint mending both."""
    plan = rule("a", f"{{event: complaint, all: [{{field: store, {test}}}]}}") + FALLBACK
    told = sorted(d.code for d in lint(tmp_path, plan) if d.severity.value == "warning")
    assert told == codes_told


@pytest.mark.parametrize(
    ("test", "said", "hint"),
    [
        (
            'in: ["Site 12", "Site 12 ", Site 14]',
            ', though the list holds "Site 12" as well',
            'each value once, without its blanks: `in: ["Site 12", "Site 14"]`',
        ),
        (
            'in: [" Site 12", "Site 12 "]',
            "",
            'each value once, without its blanks: `in: ["Site 12"]`',
        ),
        (
            'not_in: [" Site 12", "Site 14 "]',
            "",
            'the values without their blanks: `not_in: ["Site 12", "Site 14"]`',
        ),
    ],
)
def test_a_padded_value_listed_without_its_blank_as_well_is_mended_once(
    tmp_path: Path, test: str, said: str, hint: str
) -> None:
    """A list with `"Site 12"` and `"Site 12 "` had been hinted with `"Site 12"` twice, and
    told that an event's "Site 12" is not equal to the item without saying that the list
    takes it: the hint leaves the value out once it is listed."""
    found = _blank_around(tmp_path, "store", test)
    assert found.message.endswith(f'an event\'s "Site 12" is not equal to it{said}')
    assert found.hint == f"write {hint}"


@pytest.mark.parametrize(
    ("test", "written"),
    [
        ("in: [12, 14, 15]", 'write them in quotes, `in: ["12", "14", "15"]`'),
        ("eq: 12", 'write it in quotes, `eq: "12"`'),
        ("in: [7]", 'write it in quotes, `in: ["7"]`'),  # a list of one stays a list
        ("eq: 2.5", 'write it in quotes, `eq: "2.5"`'),
        # As the plan writes them, which YAML reads as 7 and 12.5: a site numbered `"007"`.
        ("in: [007, 12.50, +14]", 'write them in quotes, `in: ["007", "12.50", "14"]`'),
        ("eq: 0012", 'write it in quotes, `eq: "0012"`'),
        ("eq: 0x1F", 'write it in quotes, `eq: "31"`'),  # not in decimals: as YAML read it
    ],
)
def test_a_site_number_written_as_a_number_is_hinted_in_quotes(
    tmp_path: Path, test: str, written: str
) -> None:
    """Events send `store` as text (`"12"`), and a number is never equal to text: a chain
    that numbers its sites writes `in: [12, 14]` and the rule never fires. The hint had been to
    check the values against the event schema; it now writes the values as events send them."""
    plan = rule("a", f"{{event: complaint, all: [{{field: store, {test}}}]}}") + FALLBACK
    [found] = [d for d in lint(tmp_path, plan) if d.code == "never-matches"]
    assert found.hint == (
        "events send `store` as text, and a number is never equal to text: "
        f"{written} (an event that sends it as a number would match: `eval` does not refuse one "
        "unless `--strict`)"
    )


@pytest.mark.parametrize(
    "test",
    [
        "starts_with: Xy",
        "contains_any: [Cs, Xy]",
        "contains_any: [Xy, Cs]",
        "contains_all: [Cs, Np]",
        "in: [Xyz, NPS]",  # (a whole value none of the schema's, even in small letters)
        "eq: 1",  # no text at all
    ],
)
def test_parts_of_a_value_none_of_the_schema_s_holds_even_in_small_letters_are_not_hinted_so(
    tmp_path: Path, test: str
) -> None:
    """`contains_any: [cs, xy]` would still look for `xy`, which no kind of survey holds, and
    no kind holds both `cs` and `np`: the hint stays the event schema's (found by mutation
    testing, as `in: [xyz, nps]` is)."""
    plan = rule("a", f"{{event: survey, all: [{{field: survey.kind, {test}}}]}}") + FALLBACK
    [found] = [d for d in lint(tmp_path, plan) if d.code == "never-matches"]
    assert found.hint.startswith("check the values against the event schema")


_TYPES_SAID = (
    "type is always a standard event type (review, survey, contact, conduct, product, order, "
    "billing, complaint) or one of the plan's own (`x-` then small letters, digits, `-` or `_`) "
    "in events that follow the event schema, so "
)


@pytest.mark.parametrize(
    ("test", "said", "hint"),
    [
        (
            "eq: Review",
            "type is Review",
            "events send `type` in small letters, and values are compared exactly: write "
            "`eq: review`",
        ),
        (
            "in: [Review, X-Refund]",
            "type is one of Review or X-Refund",
            "events send `type` in small letters, and values are compared exactly: write "
            "`in: [review, x-refund]`",
        ),
        (
            "eq: refund",
            "type is refund",
            "the standard event types are review, survey, contact, conduct, product, order, "
            "billing, complaint; a type of your own starts with `x-`: write `eq: x-refund`, and "
            "send its events with that type",
        ),
        (
            "in: [Review, reveiw]",  # one type meant twice: written once (found by review)
            "type is one of Review or reveiw",
            "the standard event types are review, survey, contact, conduct, product, order, "
            "billing, complaint: write `in: [review]`",
        ),
        (
            "in: [reveiw, ordre]",
            "type is one of reveiw or ordre",
            "the standard event types are review, survey, contact, conduct, product, order, "
            "billing, complaint: write `in: [review, order]`",
        ),
    ],
)
def test_a_type_no_rule_could_name_never_matches_and_is_hinted_as_meant(
    tmp_path: Path, test: str, said: str, hint: str
) -> None:
    """`{field: type, eq: Review}` in a rule for every type had been no finding: the event
    schema allows only the types a rule can name (`event: Review` is refused), so the rule
    never fired for an event on the schema. The hint writes each value as validate hints
    `event:` (small letters, the type near it, or one of the plan's own)."""
    plan = rule("a", f"{{all: [{{field: type, {test}}}]}}") + FALLBACK
    [found] = [d for d in lint(tmp_path, plan) if d.code == "never-matches"]
    assert found.message == f"rule `a` can never match: {_TYPES_SAID}{said} never holds"
    assert found.hint == hint


def test_type_tests_that_let_through_no_nameable_type_together_never_match(
    tmp_path: Path,
) -> None:
    """`in: [Review, review]` lets `review` through, but `starts_with: R` before it does not:
    together they hold only for `Review`, which no event on the schema sends. A mutant that
    left the first test out of the check said nothing (found by mutation testing)."""
    when = "{all: [{field: type, starts_with: R}, {field: type, in: [Review, review]}]}"
    [found] = [d for d in lint(tmp_path, rule("a", when) + FALLBACK) if d.code == "never-matches"]
    assert found.message == (
        f"rule `a` can never match: {_TYPES_SAID}type starts with R and type is one of "
        "Review or review never holds"
    )
    assert found.hint.startswith("check the values against the event schema")


@pytest.mark.parametrize(
    "test",
    ["eq: review", "eq: x-refund", "in: [Review, order]", "ne: Review", "starts_with: Rev"],
)
def test_a_type_test_one_event_on_the_schema_can_pass_is_no_finding(
    tmp_path: Path, test: str
) -> None:
    """Only a test no standard or `x-` type passes is told; `in: [Review, order]` still
    holds for orders."""
    plan = rule("a", f"{{all: [{{field: type, {test}}}]}}") + FALLBACK
    assert "never-matches" not in codes(lint(tmp_path, plan))


@pytest.mark.parametrize(
    "tests",
    [
        "{field: type, ne: order}, {field: type, in: [Review, order]}",
        "{field: type, in: [Review, order]}, {field: type, ne: order}",
    ],
)
def test_type_tests_that_together_leave_only_a_type_no_rule_could_name_never_match(
    tmp_path: Path, tests: str
) -> None:
    """`in: [Review, order]` beside `ne: order` lets through only `Review`, which no event on
    the schema sends: every test is asked of each type a rule can name, the first one too
    (found by mutation testing)."""
    plan = rule("a", f"{{all: [{tests}]}}") + FALLBACK
    [found] = [d for d in lint(tmp_path, plan) if d.code == "never-matches"]
    assert found.message.startswith(f"rule `a` can never match: {_TYPES_SAID}")


def test_a_type_test_in_an_any_list_that_never_holds_is_told_with_its_hint(
    tmp_path: Path,
) -> None:
    plan = rule("a", "{any: [{field: type, eq: Review}, {field: rating, lte: 2}]}") + FALLBACK
    [found] = [d for d in lint(tmp_path, plan) if d.code == "test-never-holds"]
    assert f"{_TYPES_SAID}type is Review never holds" in found.message
    assert found.hint.endswith("write `eq: review`")


def test_a_finding_names_each_related_place_once(tmp_path: Path) -> None:
    """A rule's `rating gt 4` proved against each alternative of an `any` list beside it had
    been listed among never-matches' related places once for each alternative."""
    plan = (
        rule(
            "a",
            "{event: review, all: [{field: rating, gt: 4}, {any: [{field: rating, lt: 2}, "
            "{field: rating, eq: 3}]}]}",
        )
        + FALLBACK
    )
    [found] = [d for d in lint(tmp_path, plan) if d.code == "never-matches"]
    pointers = [place.pointer for place in found.related]
    assert pointers == [
        "/rules/0/when/all/0",
        "/rules/0/when/all/1/any/0",
        "/rules/0/when/all/1/any/1",
    ]


_WHOLE = (
    "an event's time is always a whole timestamp, its date, time and timezone "
    "(`2026-11-27T09:30:00Z`), never"
)


@pytest.mark.parametrize(
    ("test", "part", "said", "hint"),
    [
        (
            'eq: "2026-11-27"',
            "2026-11-27",
            "the test never holds",
            "to match every time on that day (in UTC, as events' times are read), write "
            '`starts_with: "2026-11-27"`',
        ),
        (
            'eq: "2026-11-27T10:00:00"',
            "2026-11-27T10:00:00",
            "the test never holds",
            'to match every time that starts with it, write `starts_with: "2026-11-27T10:00:00"`',
        ),
        (
            'in: ["2026-11-27T09:30:00Z", "2026-11"]',
            "2026-11",
            "that value never matches",
            "to match every time that starts with one of them, write one `starts_with` test a "
            'value, under `any`: `any: [{field: occurred_at, starts_with: "2026-11"}, ...]`',
        ),
        (
            'in: ["2026-11-27", "2026-11-28"]',
            "2026-11-27",
            "that value never matches",
            "to match every time on those days (in UTC, as events' times are read), write one "
            "`starts_with` "
            'test a value, under `any`: `any: [{field: occurred_at, starts_with: "2026-11-27"}, '
            "...]`",
        ),
        (
            'ne: "2026-11-27T10:00"',
            "2026-11-27T10:00",
            "the test holds for every event that has a time",
            "to leave out every time that starts with it, write `not: {field: occurred_at, "
            'starts_with: "2026-11-27T10:00"}`',
        ),
        (
            'not_in: ["2026-11-27"]',
            "2026-11-27",
            "that value leaves out no event",
            "to leave out every time on those days (in UTC, as events' times are read), write one "
            "`starts_with` test a value, under `any`: `not: {any: [{field: occurred_at, "
            'starts_with: "2026-11-27"}, ...]}`',
        ),
    ],
)
def test_part_of_a_time_compared_whole_is_told_with_starts_with(
    tmp_path: Path, test: str, part: str, said: str, hint: str
) -> None:
    """``eq: "2026-11-27"`` of ``occurred_at`` never held, without a word: an event's time is
    always whole, with its timezone (``eval`` refuses one without), so the test that was meant
    to catch a day's complaints caught none."""
    [found] = [d for d in lint_time_test(tmp_path, test) if d.code == "part-of-a-time"]
    op = test.split(":", maxsplit=1)[0]
    assert found.message == (
        f"the `{op}` test of rule `r` compares `occurred_at` with `{part}`, but {_WHOLE} "
        f"`{part}` alone, so {said}"
    )
    assert found.hint == hint


@pytest.mark.parametrize(
    "test",
    [
        'eq: "2026-11-27T09:30:00Z"',
        'eq: "2026-11-27t09:30:00.5+01:00"',
        'in: ["2026-11-27T09:30:00Z", "2026-11-28T09:30:00-05:00"]',
        'starts_with: "2026-11-27"',  # the start, as meant
        'gte: "2026-11-27"',  # an order: a date alone sorts where the day starts
        'eq: "2026-02-30"',  # no-such-date's
        "eq: 27/11/2026",  # date-not-year-first's
        "contains: T09",
    ],
)
def test_a_whole_time_or_a_test_of_its_start_is_no_part_of_a_time_finding(
    tmp_path: Path, test: str
) -> None:
    assert "part-of-a-time" not in codes(lint_time_test(tmp_path, test))


@pytest.mark.parametrize(
    ("written", "otherwise", "hint"),
    [
        (
            "2026-1-5",
            "a month or a day of one digit where events write two",
            'write `gte: "2026-01-05"`',
        ),
        ("2026/01/05", "`/` where events write `-`", 'write `gte: "2026-01-05"`'),
        (
            "2026.1.5 09:30",
            "`.` where events write `-`, a month or a day of one digit where events write two "
            "and a space where events write `T`",
            'write `gte: "2026-01-05T09:30"`',
        ),
        # a month or a day alone of one digit; the first and last day of the year (each had
        # been left untested: mutation testing)
        (
            "2026-1-05",
            "a month or a day of one digit where events write two",
            'write `gte: "2026-01-05"`',
        ),
        (
            "2026/01/5",
            "`/` where events write `-` and a month or a day of one digit where events write two",
            'write `gte: "2026-01-05"`',
        ),
        ("2026/12/31", "`/` where events write `-`", 'write `gte: "2026-12-31"`'),
        (
            "2026/1/1",
            "`/` where events write `-` and a month or a day of one digit where events write two",
            'write `gte: "2026-01-01"`',
        ),
        (  # an hour of one digit: it had been told to write the date year first
            "2026/1/5 9:00",
            "`/` where events write `-`, a month, a day or an hour of one digit where events "
            "write two and a space where events write `T`",
            'write `gte: "2026-01-05T09:00"`',
        ),
        (
            "2026-01-05 9:00",
            "an hour of one digit where events write two and a space where events write `T`",
            'write `gte: "2026-01-05T09:00"`',
        ),
        (  # an offset as `date +%z` writes it: it had been told to write the date year first,
            # then the time with its offset, which time-not-in-utc told in turn (found by review)
            "2026-11-27T10:00:00+0100",
            "the offset `+0100` where events write `+01:00`",
            'write the moment in UTC, as an event\'s time is read: `gte: "2026-11-27T09:00:00Z"`',
        ),
        (
            "2026-11-27T10:00:00.5-0530",
            "the offset `-0530` where events write `-05:30`",
            'write the moment in UTC, as an event\'s time is read: `gte: "2026-11-27T15:30:00Z"`',
        ),
    ],
)
def test_a_date_year_first_written_otherwise_is_told_what_differs(
    tmp_path: Path, written: str, otherwise: str, hint: str
) -> None:
    """`2026-1-5` and `2026/01/05` are year first: they had been told to be written year
    first, which left the manager nothing to change (found by review)."""
    found = lint_gte_date(tmp_path, written)
    [date] = [d for d in found if d.code == "date-not-year-first"]
    assert date.message == (
        f"the `gte` test of rule `r` compares `occurred_at` with `{written}`, which is year "
        f"first, but written with {otherwise} (`2026-11-23T09:30:00Z`), and text is compared "
        "letter by letter, so the test does not follow the calendar"
    )
    assert date.hint == hint


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        (
            "2026-12-07T15:00:00+0900",
            'write the moment in UTC, as an event\'s time is read: `gte: "2026-12-07T06:00:00Z"`',
        ),
        (
            "2026-12-07 15:00:00+09:00",
            "write `T` for the space, and the moment in UTC, as an event's time is read: "
            '`gte: "2026-12-07T06:00:00Z"`',
        ),
        ("2026-12-07 15:00:00Z", "write `T` for the space: `2026-12-07T15:00:00Z`"),
    ],
)
def test_a_time_mended_by_the_hint_is_the_moment_in_utc(
    tmp_path: Path, written: str, hint: str
) -> None:
    """A time written with an offset, mended by date-not-year-first's hint, is hinted in UTC,
    as an event's time is read: `+0900` had been hinted `+09:00`, and time-not-in-utc then
    told of the hint followed (found by review)."""
    [date] = [d for d in lint_gte_date(tmp_path, written) if d.code == "date-not-year-first"]
    assert date.hint == hint
    mended = hint.split("`")[-2].removeprefix('gte: "').removesuffix('"')
    assert not [d for d in lint_gte_date(tmp_path, mended) if d.code.startswith(("date", "time"))]


@pytest.mark.parametrize(
    ("written", "missing"),
    [
        ("2026/13/05", "`2026-13-05` is no date: there is no month 13: months are 01 to 12"),
        ("2026-1-32", "`2026-01-32` is no date: January 2026 has 31 days"),
        ("2026/02/30", "`2026-02-30` is no date: February 2026 has 28 days"),
    ],
)
def test_a_date_year_first_that_does_not_exist_is_told_so(
    tmp_path: Path, written: str, missing: str
) -> None:
    """The first two had been told to write the date year first, which they are; the third
    was hinted `gte: "2026-02-30"`, a day that is none (found by coverage review)."""
    found = lint_gte_date(tmp_path, written)
    [date] = [d for d in found if d.code == "date-not-year-first"]
    assert date.message == (
        f"the `gte` test of rule `r` compares `occurred_at` with `{written}`, which is year "
        f"first, but {missing}"
    )
    assert date.hint == (
        "write a date that exists, year first, as events write it: `2026-12-01` or "
        "`2026-12-01T09:30:00Z`"
    )


@pytest.mark.parametrize(
    ("written", "mended"),
    [
        ("1850/13/05", "1850-13-05"),
        ("1850/00/05", "1850-00-05"),
        ("9998/01/32", "9998-01-32"),
        ("9998/1/00", "9998-01-00"),
    ],
)
def test_a_date_year_first_on_no_day_is_never_mended_to_it(
    tmp_path: Path, written: str, mended: str
) -> None:
    """Of a year before 1900 or after 9997, where no event's time is and `no-such-date` does
    not say which part is none, a month or a day that does not exist is not written into the
    hint as if it did (only the month and day were held to the calendar: mutation testing)."""
    [date] = [d for d in lint_gte_date(tmp_path, written) if d.code == "date-not-year-first"]
    assert mended not in date.hint


def test_a_date_year_first_in_a_list_is_mended_alone(tmp_path: Path) -> None:
    found = lint(
        tmp_path,
        rule("r", '{event: review, all: [{field: occurred_at, in: ["2026/01/05"]}]}') + FALLBACK,
    )
    [date] = [d for d in found if d.code == "date-not-year-first"]
    assert date.hint == (
        "write `2026-01-05`; to match every time on those days (in UTC, as events' times are "
        "read), write "
        "one `starts_with` test a value, under `any`: `any: [{field: occurred_at, starts_with: "
        '"2026-01-05"}, ...]`'
    )


_WHOLE_COMPARED = "compares the whole time, its date, time and timezone"


@pytest.mark.parametrize(
    ("test", "hint"),
    [
        ('eq: "2026/11/27"', f'write `starts_with: "2026-11-27"` (`eq` {_WHOLE_COMPARED})'),
        (
            "eq: 27/11/2026",
            f'write the date year first: `starts_with: "2026-11-27"` (`eq` {_WHOLE_COMPARED})',
        ),
        (
            "eq: 12/11/2026",
            'write the date year first: `starts_with: "2026-11-12"` (12 November) or '
            f'`starts_with: "2026-12-11"` (11 December) (`eq` {_WHOLE_COMPARED})',
        ),
        (
            "ne: 27 Nov 2026",
            'write the date year first: `not: {field: occurred_at, starts_with: "2026-11-27"}` '
            f"(`ne` {_WHOLE_COMPARED})",
        ),
        (
            'not_in: ["2026/11/27"]',
            "write `2026-11-27`; to leave out every time on those days (in UTC, as events' times "
            "are read), "
            "write one `starts_with` test a value, under `any`: `not: {any: [{field: "
            'occurred_at, starts_with: "2026-11-27"}, ...]}`',
        ),
        ('eq: "2026/11/27T10:00:00Z"', 'write `eq: "2026-11-27T10:00:00Z"`'),  # a whole time
        ("gte: 27/11/2026", 'write the date year first: `gte: "2026-11-27"`'),  # an order
    ],
)
def test_a_day_mended_for_a_test_that_compares_it_whole_is_written_with_starts_with(
    tmp_path: Path, test: str, hint: str
) -> None:
    """``eq: 27/11/2026`` had been told to write ``eq: "2026-11-27"``, which never holds
    either (``part-of-a-time`` then said so): the hint writes the day as the test must
    compare it, ``starts_with`` (found by review)."""
    found = lint_time_test(tmp_path, test)
    [date] = [d for d in found if d.code == "date-not-year-first"]
    assert date.hint == hint
    assert "part-of-a-time" not in codes(found)


def test_a_percentage_of_a_field_never_an_amount_says_what_the_field_is(tmp_path: Path) -> None:
    """`of: customer.tier` passed validate and lint, and every decision offered 0.00, for a
    person to size (found by review)."""
    found = lint(
        tmp_path,
        rule(
            "r",
            "{event: order}",
            then="[{compensate: {kind: voucher, percent: 10, of: customer.tier}}]",
        )
        + FALLBACK,
    )
    [of] = [d for d in found if d.code == "of-not-an-amount"]
    assert of.message == (
        "the compensation of rule `r` is a percentage of `customer.tier`, which is text in events "
        "that follow the event schema, never an amount: every decision would offer its `min` (or "
        "0), unresolved, for a person to size"
    )
    assert (of.source.line, of.source.column) == (10, 58)  # at the field it names


@pytest.mark.parametrize(
    ("test", "hint"),
    [
        (
            "{field: public, eq: yes}",
            "events carry `public` as true/false, and `yes` is text here: write `eq: true`",
        ),
        (
            "{field: repeat, ne: off}",
            "events carry `repeat` as true/false, and `off` is text here: write `ne: false`",
        ),
        (
            "{field: rating, in: [1-2]}",
            "events carry `rating` as a number, and `1-2` is text: for a range, write "
            "`between: [1, 2]`",
        ),
        (
            "{field: rating, eq: 5-4}",
            "events carry `rating` as a number, and `5-4` is text: for a range, write "
            "`between: [4, 5]`",
        ),
        (
            "{field: rating, in: [2 stars]}",
            "events carry `rating` as a number: write the value as one, `in: [2]` (an event that "
            "sends it as text would match it: `eval` does not refuse one unless `--strict`)",
        ),
        (
            "{field: public, in: [yes]}",
            "events carry `public` as true/false, and `yes` is text here: write `in: [true]`",
        ),
        (
            "{field: order.total, eq: 10 to 50}",
            "events carry `order.total` as a number, and `10 to 50` is text: for a range, write "
            "`between: [10, 50]`",
        ),
        (  # `eq: 1`: the hint had left the second number out (found by review)
            "{field: rating, eq: 1 or 2}",
            "events carry `rating` as a number, and `1 or 2` is text: list the numbers, "
            "`in: [1, 2]`",
        ),
        (  # the number before a word (found by mutation testing)
            "{field: rating, gte: 3 stars or more}",
            "events carry `rating` as a number: write the value as one, `gte: 3` (an event that "
            "sends it as text would match it: `eval` does not refuse one unless `--strict`)",
        ),
        (  # one number, the list left unfinished: no list of one (found by mutation testing)
            "{field: rating, eq: '1, or'}",
            "events carry `rating` as a number: write the value as one, `eq: 1` (an event that "
            "sends it as text would match it: `eval` does not refuse one unless `--strict`)",
        ),
        (
            '{field: rating, in: ["1, 2"]}',
            "events carry `rating` as a number, and `1, 2` is text: list the numbers, `in: [1, 2]`",
        ),
        (
            "{field: rating, ne: 1|2}",
            "events carry `rating` as a number, and `1|2` is text: list the numbers, "
            "`not_in: [1, 2]`",
        ),
    ],
)
def test_a_value_of_another_kind_than_the_fields_is_told_how_to_write_it(
    tmp_path: Path, test: str, hint: str
) -> None:
    """`eq: yes` on a true/false field and `in: [1-2]` on a number were told to "check the
    values against the event schema" (found by review)."""
    found = lint(tmp_path, rule("r", f"{{event: review, all: [{test}]}}") + FALLBACK)
    [never] = [d for d in found if d.code == "never-matches"]
    assert never.hint == hint


_IN_USD = "; the plan's amounts are in USD, set once in its `plan:` section"
_STILL_MATCHES = (
    " (an event that sends it as text would match it: `eval` does not refuse one unless `--strict`)"
)


@pytest.mark.parametrize(
    ("test", "hint"),
    [
        *(
            (
                f"{{field: order.total, {written}}}",
                f"events carry `order.total` as a number: write the number"
                f"{'s' if ', ' in meant else ''} only, `{meant}`" + _IN_USD,
            )
            for written, meant in [
                ('gte: "1,000 USD"', "gte: 1000"),  # had been `gte: 1`
                ("between: [$10, $50]", "between: [10, 50]"),
            ]
        ),
        *(  # a currency other than the plan's (USD): said so, which the number alone hid
            (
                f"{{field: order.total, {written}}}",
                "events carry `order.total` as a number: the plan's amounts are in USD (set "
                f"once, in its `plan:` section), and `{amount}` is in {other}: write the amount"
                f"{'s' if ', ' in meant else ''} in USD, as "
                f"{'numbers' if ', ' in meant else 'a number'} only (`{meant}` is read as USD)",
            )
            for written, amount, other, meant in [
                ("gte: Fr. 10", "Fr. 10", "CHF", "gte: 10"),
                ("gte: -Fr. 10", "-Fr. 10", "CHF", "gte: -10"),
                ("lte: €50", "€50", "EUR", "lte: 50"),
                ("gt: 10 EUR", "10 EUR", "EUR", "gt: 10"),
                ("gt: 10 eur", "10 eur", "EUR", "gt: 10"),
                ("gt: R$10", "R$10", "BRL", "gt: 10"),
                ("gt: 10 Eur.", "10 Eur.", "EUR", "gt: 10"),
                ("gt: 10 CHF.-", "10 CHF.-", "CHF", "gt: 10"),
                ("gt: 10 F CFP", "10 F CFP", "XPF", "gt: 10"),  # had had no hint
                ('eq: "€10,50"', "€10,50", "EUR", "eq: 10.50"),
                ("in: [€10, €20]", "€10", "EUR", "in: [10, 20]"),
            ]
        ),
        (
            "{field: order.total, gte: 10%}",
            "events carry `order.total` as a number, with no `%`: write `gte: 10` if they send "
            "10% as 10, or `gte: 0.1` if they send it as 0.1",
        ),
        (
            "{field: order.total, between: [5%, 50%]}",
            "events carry `order.total` as a number, with no `%`: write `between: [5, 50]` if "
            "they send 5% as 5, or `between: [0.05, 0.5]` if they send it as 0.05",
        ),
        (  # had been `gte: 2`: the field counts minutes
            "{field: contact.wait_minutes, gte: 2 h}",
            "events carry `contact.wait_minutes` as a number of minutes: write the value as "
            "one, `gte: 120` for 2 hours" + _STILL_MATCHES,
        ),
        (
            "{field: order.delay_days, gte: 2 weeks}",
            "events carry `order.delay_days` as a number of days: write the value as one, "
            "`gte: 14` for 2 weeks" + _STILL_MATCHES,
        ),
        (
            "{field: order.delay_days, gte: 36 hours}",
            "events carry `order.delay_days` as a number of days: write the value as one, "
            "`gte: 1.5` for 36 hours" + _STILL_MATCHES,
        ),
        (
            "{field: order.delay_days, gte: 2 days}",
            "events carry `order.delay_days` as a number of days: write the value as one, "
            "`gte: 2`" + _STILL_MATCHES,
        ),
        *(  # a text that starts with a duration: its leading number had been the hint,
            # `gte: 2` of minutes, `gte: 2` of days for 2 weeks (found by mutation testing)
            (
                "{field: contact.wait_minutes, gte: 2 hours or more}",
                "events carry `contact.wait_minutes` as a number of minutes: write the value as "
                "one, `gte: 120` for 2 hours" + _STILL_MATCHES,
            ),
            (
                "{field: order.delay_days, gte: 2 weeks or more}",
                "events carry `order.delay_days` as a number of days: write the value as one, "
                "`gte: 14` for 2 weeks" + _STILL_MATCHES,
            ),
            (
                "{field: rating, gte: 2 days or so}",
                "events carry `rating` as a number: write the value as one, a number"
                + _STILL_MATCHES,
            ),
        ),
        (  # no duration: the field's unit is said only of one counted in it (found by
            # mutation testing)
            "{field: order.delay_days, gte: '3'}",
            "events carry `order.delay_days` as a number: write the value as one, `gte: 3`"
            + _STILL_MATCHES,
        ),
        (  # worded for the duration, though a number comes first (found by mutation testing)
            "{field: order.delay_days, between: ['1,5', 2 weeks]}",
            "events carry `order.delay_days` as a number of days: write the value as one, "
            "`between: [1.5, 14]` for 2 weeks" + _STILL_MATCHES,
        ),
        (  # bounds in the other order: `between: [14, 3]` never holds either (found by
            # mutation testing)
            "{field: order.delay_days, between: [2 weeks, 3 days]}",
            "events carry `order.delay_days` as a number of days: write the value as one, "
            "`between: [3, 14]` for 2 weeks" + _STILL_MATCHES,
        ),
        (  # an hour is no whole hundredth of a day (0.041666...): no number named
            # (values.py 247, never run)
            "{field: order.delay_days, gte: 1h}",
            "events carry `order.delay_days` as a number: write the value as one, a number"
            + _STILL_MATCHES,
        ),
        (  # a rating counts no time: 2 is no number of it
            "{field: rating, gte: 2h}",
            "events carry `rating` as a number: write the value as one, a number" + _STILL_MATCHES,
        ),
        (
            "{field: order.total, gte: 10k}",
            "events carry `order.total` as a number: write the value as one, `gte: 10000`"
            + _STILL_MATCHES,
        ),
        *(  # any three letters had been taken for a currency (found by review)
            (
                f"{{field: order.total, gte: 10 {word}}}",
                "events carry `order.total` as a number: write the value as one, `gte: 10`"
                + _STILL_MATCHES,
            )
            for word in ("pcs", "abc", "kg")
        ),
        (  # a count, as `2 stars` of a rating: had been "a number", naming none
            "{field: customer.complaints_90d, gte: 2 days}",
            "events carry `customer.complaints_90d` as a number: write the value as one, "
            "`gte: 2`" + _STILL_MATCHES,
        ),
        (  # a duration, read first: an order's total counts no time
            "{field: order.total, gte: 10 min}",
            "events carry `order.total` as a number: write the value as one, a number"
            + _STILL_MATCHES,
        ),
        (
            '{field: customer.lifetime_value, gte: "1,000 points"}',
            "events carry `customer.lifetime_value` as a number: write the value as one, "
            "`gte: 1000`" + _STILL_MATCHES,
        ),
    ],
)
def test_a_number_written_with_a_currency_a_percent_or_a_unit_is_told_the_number(
    tmp_path: Path, test: str, hint: str
) -> None:
    """`gte: Fr. 10` on `order.total` had been told to write "a number", naming none, and
    `between: [$10, $50]` to check the event schema; `gte: 10%` was told `gte: 10`, though
    events may send 10% as 0.1; and a number with a unit was told its leading number, which
    is another number where the field counts in another unit (`wait_minutes`, `gte: 2 h`:
    120, not 2) or the unit multiplies it (`10k`), and so was a text that starts with such a
    number and its unit (`2 hours or more`)."""
    found = lint(tmp_path, rule("r", f"{{event: order, all: [{test}]}}") + FALLBACK)
    [never] = [d for d in found if d.code == "never-matches"]
    assert never.hint == hint


@pytest.mark.parametrize(
    ("value", "number"),
    [("1'000", "1000"), ("1\u2019000", "1000"), ('"10 000"', "10000"), ("1'250.50", "1250.50")],
)
def test_a_number_grouped_in_thousands_is_hinted_as_validate_reads_it(
    tmp_path: Path, value: str, number: str
) -> None:
    """`gte: 1'000` of `order.total`, as a Swiss manager groups thousands, had been hinted
    "write the value as one, a number", naming none, though `Fr. 1'000` was hinted `gte: 1000`
    and validate tells `per_event_max: 1'000` to write `1000` (found by a new user's trial);
    `10 000` had been left unnamed with the numbers a word multiplies, where validate reads it
    as 10000 too."""
    found = lint(
        tmp_path,
        rule("r", f"{{event: order, all: [{{field: order.total, gte: {value}}}]}}") + FALLBACK,
    )
    [never] = [d for d in found if d.code == "never-matches"]
    assert never.hint == (
        f"events carry `order.total` as a number: write the value as one, `gte: {number}`"
        + _STILL_MATCHES
    )


@pytest.mark.parametrize(
    "value",
    ['"1,5k"', "2M", "2.5 million", "3-4 stars", "5 hundred", "5 grand", "10 cents"],
)
def test_a_number_a_word_or_a_mark_multiplies_is_not_hinted_as_its_leading_number(
    tmp_path: Path, value: str
) -> None:
    """`gte: 1,5k` had been hinted `gte: 1.5`, `2M` `gte: 2`, `10 000` `gte: 10`: the leading
    number, a thousand or a million times too small (found by review). Which number was meant
    is not known: the hint names none, as a hint is never a guess (`10 000` is 10000, as
    validate reads it: `test_a_number_grouped_in_thousands_is_hinted_as_validate_reads_it`)."""
    found = lint(
        tmp_path,
        rule("r", f"{{event: order, all: [{{field: order.total, gte: {value}}}]}}") + FALLBACK,
    )
    [never] = [d for d in found if d.code == "never-matches"]
    assert never.hint == (
        "events carry `order.total` as a number: write the value as one, a number" + _STILL_MATCHES
    )


@pytest.mark.parametrize(
    ("path", "meant"), [("order.number", "order.id"), ("customer.ref", "customer.id")]
)
def test_a_groups_number_is_told_its_id(tmp_path: Path, path: str, meant: str) -> None:
    found = lint(
        tmp_path, rule("r", f"{{event: review, all: [{{field: {path}, eq: x}}]}}") + FALLBACK
    )
    [unknown] = [d for d in found if d.code == "unknown-field"]
    assert unknown.message.endswith(f"(did you mean `{meant}`?)")


@pytest.mark.parametrize(
    ("of", "meant"),
    [
        ("order.rate", " (did you mean `order.total`?)"),  # had been `order.items`, a list
        ("order.amount", " (did you mean `order.total`?)"),  # had been `order.currency`
        ("order.price", ""),  # had been `order.id`: no amount is near it
        ("order.totl", " (did you mean `order.total`?)"),  # a slip of an amount, as before
    ],
)
def test_an_unknown_of_is_told_only_a_field_that_can_size_an_offer(
    tmp_path: Path, of: str, meant: str
) -> None:
    """A percentage of an unknown field had been told the nearest standard field by its
    letters, a text or a list that never sizes an offer (found by a new user's trial)."""
    then = f"[{{compensate: {{kind: voucher, percent: 10, of: {of}, max: 20}}}}]"
    found = lint(tmp_path, rule("r", "{event: review}", then=then) + FALLBACK)
    [unknown] = [d for d in found if d.code == "unknown-field"]
    assert unknown.message == (
        f"the compensation of rule `r` reads `{of}`, which is not a standard event field{meant}"
    )


@pytest.mark.parametrize(
    ("reads", "meant"),
    [
        ("message: 'Hi {name|there}'", "customer.name"),  # had been no field near it
        ("message: 'Order total {total|unknown}'", "order.total"),  # (near by its letters)
        ("message: 'Mail {email|us}'", "customer.email"),  # had been no field near it
    ],
)
def test_a_name_alone_of_one_group_s_field_is_told_that_field(
    tmp_path: Path, reads: str, meant: str
) -> None:
    found = lint(
        tmp_path,
        rule("r", "{event: review}", then=f"[{{apologize: {{{reads}}}}}]") + FALLBACK,
    )
    [unknown] = [d for d in found if d.code == "unknown-field"]
    assert unknown.message.endswith(
        f"which is not a standard event field (did you mean `{meant}`?)"
    )


def test_a_name_alone_of_no_group_s_field_is_told_without_a_guess(tmp_path: Path) -> None:
    then = "[{apologize: {message: 'Hi {zebra|there}'}}]"
    found = lint(tmp_path, rule("r", "{event: review}", then=then) + FALLBACK)
    [unknown] = [d for d in found if d.code == "unknown-field"]
    assert unknown.message == (
        "the `apologize` message of rule `r` reads `zebra`, which is not a standard event field"
    )


@pytest.mark.parametrize(
    ("test", "message", "hint"),
    [
        (
            "{field: text, contains: rude|impolite|yelled}",
            "the `contains` test of rule `r` on `text` compares with `rude|impolite|yelled` as "
            "one text: it matches neither `rude`, `impolite` nor `yelled` on its own",
            "list the words one by one: `contains_any: [rude, impolite, yelled]`",
        ),
        (
            '{field: issue, eq: "rude, impolite"}',
            "the `eq` test of rule `r` on `issue` compares with `rude, impolite` as one text: it "
            "matches neither `rude` nor `impolite` on its own",
            "list the words one by one: `in: [rude, impolite]`",
        ),
        (
            '{field: channel, in: [chat, "phone or email"]}',
            "the `in` test of rule `r` on `channel` compares with `phone or email` as one text: "
            "it matches neither `phone` nor `email` on its own",
            "list the words one by one: `in: [chat, phone, email]`",
        ),
        (  # `;` and ` / ` part no phrase a text test looks for (found by review)
            '{field: text, contains_any: ["rude; impolite", yelled]}',
            "the `contains_any` test of rule `r` on `text` compares with `rude; impolite` as "
            "one text: it matches neither `rude` nor `impolite` on its own",
            "list the words one by one: `contains_any: [rude, impolite, yelled]`",
        ),
        (
            '{field: customer.tier, in: ["gold / platinum"]}',
            "the `in` test of rule `r` on `customer.tier` compares with `gold / platinum` as one "
            "text: it matches neither `gold` nor `platinum` on its own",
            "list the words one by one: `in: [gold, platinum]`",
        ),
        (  # the numbers had been hinted in quotes, `in: ["1", "2"]`: text, which never
            # matches a rating either (found by review)
            "{field: rating, eq: 1 or 2}",
            "the `eq` test of rule `r` on `rating` compares with `1 or 2` as one text: it "
            "matches neither `1` nor `2` on its own",
            "list the numbers one by one: `in: [1, 2]`",
        ),
        (  # in a name a comma is written, not an `or`
            '{field: store, eq: "Downtown or Uptown"}',
            "the `eq` test of rule `r` on `store` compares with `Downtown or Uptown` as one "
            "text: it matches neither `Downtown` nor `Uptown` on its own",
            "list the words one by one: `in: [Downtown, Uptown]`",
        ),
        (
            "{field: rating, in: [1, 2 or 3]}",
            "the `in` test of rule `r` on `rating` compares with `2 or 3` as one text: it "
            "matches neither `2` nor `3` on its own",
            "list the numbers one by one: `in: [1, 2, 3]`",
        ),
        (  # each item of `contains_all` must be there: either word is another test
            # (values.py 569, never run)
            '{field: text, contains_all: ["rude|impolite", late]}',
            "the `contains_all` test of rule `r` on `text` compares with `rude|impolite` as one "
            "text: it matches neither `rude` nor `impolite` on its own",
            "test them beside this one, under `all:`, with `contains_any: [rude, impolite]`",
        ),
    ],
)
def test_words_listed_in_one_value_are_told_to_be_listed(
    tmp_path: Path, test: str, message: str, hint: str
) -> None:
    """`contains: "rude|impolite"` and `eq: "rude, impolite"` passed validate and lint, and
    never matched a real complaint (found by review)."""
    found = lint(tmp_path, rule("r", f"{{event: review, all: [{test}]}}") + FALLBACK)
    [joined] = [d for d in found if d.code == "alternatives-in-one-value"]
    assert (joined.message, joined.hint) == (message, hint)


@pytest.mark.parametrize(
    "test",
    [
        '{field: text, contains_any: ["rude or impolite"]}',  # a phrase may hold `or`, `,`
        '{field: text, contains: "cold, late"}',
        "{field: store, in: [n/a]}",  # a `/` without blanks is part of a word
        # nor between single letters or numbers: `contains_any: [n, a]`, the hint, matched
        # nearly every text (found by review)
        '{field: text, contains: "n / a"}',
        '{field: store, eq: "24 / 7"}',
        # one number with a decimal comma, or thousands: it had been hinted `in: ["1", "5"]`,
        # beside never-matches' `eq: 1.5` (found by review)
        '{field: rating, eq: "1,5"}',
        '{field: order.total, eq: "1,000"}',
        # a name holds its comma: it had been told it matches neither `Doe` nor `Jane`
        '{field: customer.name, eq: "Doe, Jane"}',
        '{field: store, in: ["Springfield, IL", Boston]}',
    ],
)
def test_a_phrase_or_a_slashed_word_is_not_taken_for_a_list(tmp_path: Path, test: str) -> None:
    found = lint(tmp_path, rule("r", f"{{event: review, all: [{test}]}}") + FALLBACK)
    assert "alternatives-in-one-value" not in [d.code for d in found]


@pytest.mark.parametrize(
    ("when", "message", "hint"),
    [
        (
            "{all: [{field: issue, in: [defective, broken faulty, not_working]}]}",
            "the `in` test of rule `r` on `issue` lists `broken faulty` as one item: its words "
            'are not separated by a comma, so the test holds only for the text "broken faulty", '
            "not for `broken` or `faulty`",
            "if you meant 2 items, put a comma between the words: "
            "`in: [defective, broken, faulty, not_working]`; if it is one value, put it in quotes: "
            '`"broken faulty"`',
        ),
        (  # an item that reads as another kind is quoted in the list the hint writes
            "{all: [{field: issue, not_in: [spam, test run 2, bot]}]}",
            "the `not_in` test of rule `r` on `issue` lists `test run 2` as one item: its words "
            'are not separated by a comma, so the test leaves out only the text "test run 2", '
            "not `test`, `run` or `2`",
            "if you meant 3 items, put a comma between the words: "
            '`not_in: [spam, test, run, "2", bot]`; if it is one value, put it in quotes: '
            '`"test run 2"`',
        ),
        (
            "{all: [{field: order.items, contains_all: [sku1, sku2 sku3]}]}",
            "the `contains_all` test of rule `r` on `order.items` lists `sku2 sku3` as one "
            "item: its words are not separated by a comma, so the test looks for "
            '"sku2 sku3", the words together, not for each alone',
            "if you meant 2 items, put a comma between the words: "
            "`contains_all: [sku1, sku2, sku3]`; if it is one value, put it in quotes: "
            '`"sku2 sku3"`',
        ),
        (  # a text test of a text: the other items are written as codes
            "{all: [{field: text, contains_any: [not_working, broken faulty]}]}",
            "the `contains_any` test of rule `r` on `text` lists `broken faulty` as one item: "
            'its words are not separated by a comma, so the test looks for "broken faulty", '
            "the words together, not for `broken` or `faulty` alone",
            "if you meant 2 items, put a comma between the words: "
            "`contains_any: [not_working, broken, faulty]`; if it is one value, put it in "
            'quotes: `"broken faulty"`',
        ),
        (  # a list written one item a line is mended one item a line
            "\n      all:\n        - field: issue\n          in:\n            - defective"
            "\n            - broken faulty\n            - not_working",
            "the `in` test of rule `r` on `issue` lists `broken faulty` as one item: its words "
            'are not separated by a comma, so the test holds only for the text "broken faulty", '
            "not for `broken` or `faulty`",
            "if you meant 2 items, write each on a line of its own: `- broken` then `- faulty`; "
            'if it is one value, put it in quotes: `- "broken faulty"`',
        ),
    ],
)
def test_an_item_of_words_among_single_words_is_told_its_comma_was_left_out(
    tmp_path: Path, when: str, message: str, hint: str
) -> None:
    """`in: [defective, broken faulty, not_working]`: YAML reads one item, `broken faulty`, and
    the rule never fired for `broken` or `faulty`, while lint said "no problems found"."""
    found = lint(tmp_path, rule("r", when) + FALLBACK)
    [joined] = [d for d in found if d.code == "words-as-one-item"]
    assert (joined.message, joined.hint) == (message, hint)


def test_an_item_of_words_is_pointed_at_where_the_item_is(tmp_path: Path) -> None:
    """At the item, in brackets or one a line, whichever loader read the file (an anchor
    sends it to the careful one, and moves every line below it one down)."""
    flow = rule("r", "{all: [{field: issue, in: [defective, broken faulty]}]}")
    block = rule(
        "s",
        "\n      all:\n        - field: channel\n          in:\n            - x\n            - y z",
    )
    for title, below in (("title: r", 0), ("title: &t r\n    description: *t", 1)):
        plan = (flow + block + FALLBACK).replace("title: r", title, 1)
        found = [d for d in lint(tmp_path, plan) if d.code == "words-as-one-item"]
        # `    when: {all: [{field: issue, in: [defective, ` is 48 characters
        assert [(d.source.line, d.source.column) for d in found] == [
            (9 + below, 49),
            (19 + below, 15),
        ], title


@pytest.mark.parametrize(
    "test",
    [
        "{field: issue, in: [late delivery, lost parcel]}",  # a list of phrases
        "{field: issue, in: [defective, late delivery, lost parcel]}",
        "{field: issue, in: [late delivery]}",  # one item: a phrase alone is as likely meant
        '{field: issue, in: [defective, "broken faulty"]}',  # in quotes: one text on purpose
        "{field: issue, in: [defective, 'broken faulty']}",
        "{field: issue, in: [defective, !!str broken faulty]}",  # tagged text: one on purpose
        "{field: issue, in: [defective, !<tag:yaml.org,2002:str> broken faulty]}",
        # in quotes at the start of a line: the quote at column 1 is read too
        '{field: issue, in: [defective,\n"broken faulty"]}',
        "{field: text, contains_any: [refund, money back]}",  # words and phrases in a text
        "{field: customer.first_name, in: [Anna, Mary Ann]}",  # a name holds its blanks
        "{field: store, not_in: [Uptown, Old Town]}",
        "{field: issue, in: [rude or impolite, yelling]}",  # alternatives-in-one-value's
        "{field: issue, eq: broken faulty}",  # no list
    ],
)
def test_an_item_of_words_meant_whole_is_not_told(tmp_path: Path, test: str) -> None:
    found = lint(tmp_path, rule("r", f"{{event: review, all: [{test}]}}") + FALLBACK)
    assert "words-as-one-item" not in codes(found)


@pytest.mark.parametrize(
    ("when", "kept"),
    [
        ("{all: [{field: staff.team, in: [billing, customer care, returns]}]}", '"customer care"'),
        (
            "\n      all:\n        - field: x-region\n          in:\n            - North"
            "\n            - East Midlands\n            - South",
            '- "East Midlands"',
        ),
    ],
)
def test_an_item_of_words_meant_whole_is_told_how_to_keep_it_so(
    tmp_path: Path, when: str, kept: str
) -> None:
    """A team or a region of two words among one-word ones (`customer care`, `East Midlands`)
    is as likely meant whole as a comma left out: the hint had offered only to part it, which
    would break a test meant whole, and not the quotes that keep it one item and silence the
    warning."""
    found = lint(tmp_path, rule("r", when) + FALLBACK)
    [joined] = [d for d in found if d.code == "words-as-one-item"]
    assert joined.hint is not None
    assert joined.hint.endswith(f"; if it is one value, put it in quotes: `{kept}`")


def test_two_offers_in_one_rule_under_max_name_both(tmp_path: Path) -> None:
    """A refund and a voucher in one rule: only the larger is made under `combine: max`, and
    lint said nothing (found by review)."""
    found = lint(
        tmp_path,
        rule(
            "r",
            "{event: order}",
            then="[{compensate: {kind: refund, percent: 100, of: order.total}},"
            " {compensate: {kind: voucher, amount: 10}}]",
        )
        + FALLBACK,
    )
    [offers] = [d for d in found if d.code == "offers-in-one-rule"]
    assert offers.message == (
        "rule `r` offers a refund of 100% of order total and a voucher of 10.00 USD, but the "
        "plan makes only the largest offer for a complaint (`combine: max`): the others are "
        "never made beside it"
    )


def test_two_offers_in_a_disabled_rule_are_not_named(tmp_path: Path) -> None:
    """A disabled rule makes no offer at all: that only one of its two would be made is no
    news (the plan says it is off on purpose)."""
    then = (
        "[{compensate: {kind: refund, percent: 100, of: order.total}},"
        " {compensate: {kind: voucher, amount: 10}}]"
    )
    found = lint(tmp_path, rule("r", "{event: order}", "    enabled: false\n", then) + FALLBACK)
    assert "offers-in-one-rule" not in codes(found), [d.render() for d in found]


@pytest.mark.parametrize(
    ("currency", "cap", "least", "said"),
    [
        ("USD", "30", "30.004", None),  # 30.00: what deciding offers at least, not above 30
        ("JPY", "5000", "5000.4", None),  # 5000 yen
        ("JPY", "5000", "4999.5", None),  # 5000 yen too (half up)
        ("USD", "30", "30.005", "30.01 USD (its `min`), but the plan gives at most 30.00 USD"),
        ("JPY", "5000", "5000.5", "5,001 JPY (its `min`), but the plan gives at most 5,000 JPY"),
    ],
)
def test_a_min_is_held_to_the_cap_as_deciding_rounds_it(
    tmp_path: Path, currency: str, cap: str, least: str, said: str | None
) -> None:
    """A percentage never offers less than its `min` rounded to the currency: a `min` of
    30.004 dollars offers 30.00, which a cap of 30 does not cut (the decision says `"capped":
    false`), so lint does not say it is above the cap."""
    path, found = _above_cap(tmp_path, currency, cap, f"percent: 10, of: order.total, min: {least}")
    expected = (
        []
        if said is None
        else [
            f"the compensation of rule `r` offers at least {said} per complaint "
            "(`per_event_max`): it is cut on every complaint"
        ]
    )
    assert found == expected
    event = {"id": "e", "type": "order", "order": {"total": 100}}  # 10% of 100: the min
    assert load_plan(path).decide(event)["compensation"]["capped"] is (said is not None)


@pytest.mark.parametrize(
    "test",
    [
        "{field: text, matches: '\u201c[^\u201d]+\u201d'}",  # a pattern looking for quoted text
        '{field: text, contains: "\U0001f926\u200d\u2640\ufe0f"}',  # an emoji's joiner
        '{field: text, contains: "\u914d\u9001\u3000\u9045\u5ef6"}',  # Japanese text's space
    ],
)
def test_typography_meant_in_a_value_is_no_paste(tmp_path: Path, test: str) -> None:
    """A pattern for quotes, an emoji and Japanese text were each said to be pasted (found by
    review)."""
    found = lint(tmp_path, rule("r", f"{{event: review, all: [{test}]}}") + FALLBACK)
    assert "pasted-typography" not in codes(found)


def test_a_message_that_quotes_inside_is_no_paste(tmp_path: Path) -> None:
    message = "\u201cLate again,\u201d you wrote. We hear that \u201cagain\u201d."
    found = lint(
        tmp_path,
        rule("r", "{event: review}", then=f'[{{apologize: {{message: "{message}"}}}}]') + FALLBACK,
    )
    assert "pasted-typography" not in codes(found)


def test_a_space_for_the_t_of_a_time_is_named(tmp_path: Path) -> None:
    """`gte: "2026-12-01 09:00"` is year first, but a space sorts before `T`: it was said not
    to be year first (found by review)."""
    found = lint(
        tmp_path,
        rule("r", '{event: review, all: [{field: occurred_at, gte: "2026-12-01 09:00"}]}')
        + FALLBACK,
    )
    [date] = [d for d in found if d.code == "date-not-year-first"]
    assert date.message.endswith(
        "events write `T` between the date and the time (`2026-11-23T09:30:00Z`), and text is "
        "compared letter by letter, where a space comes before `T`"
    )
    assert date.hint == "write `T` for the space: `2026-12-01T09:00`"


@pytest.mark.parametrize(
    ("test", "hint"),
    [
        (
            'eq: "2026-12-01 09:00"',
            f'write `T` for the space: `starts_with: "2026-12-01T09:00"` (`eq` {_WHOLE_COMPARED})',
        ),
        (
            'ne: "2026-12-01 09:00:00"',
            "write `T` for the space: `not: {field: occurred_at, starts_with: "
            f'"2026-12-01T09:00:00"}}` (`ne` {_WHOLE_COMPARED})',
        ),
        (
            'in: ["2026-12-01 09:00"]',
            "write `T` for the space: `2026-12-01T09:00`; to match every time that starts with "
            "one of them, write one `starts_with` test a value, under `any`: `any: [{field: "
            'occurred_at, starts_with: "2026-12-01T09:00"}, ...]`',
        ),
        ('eq: "2026-12-01 09:00:00Z"', "write `T` for the space: `2026-12-01T09:00:00Z`"),
    ],
)
def test_a_time_mended_for_its_space_is_written_as_the_test_must_compare_it(
    tmp_path: Path, test: str, hint: str
) -> None:
    """`eq: "2026-12-01 09:00"` was told to write `T` for the space, `2026-12-01T09:00`: a
    time without its timezone, which `eq` compares whole and no event's time is, so the test
    still never held (`part-of-a-time` said so on the next run; found by mutation testing)."""
    found = lint_time_test(tmp_path, test)
    [date] = [d for d in found if d.code == "date-not-year-first"]
    assert date.hint == hint
    assert "part-of-a-time" not in codes(found)


@pytest.mark.parametrize(
    ("test", "where", "hint"),
    [
        ('gte: "2026-01-05 "', "after", 'write it without the blank: `gte: "2026-01-05"`'),
        (
            'lt: " 2026-01-05T09:30:00Z"',
            "before",
            'write it without the blank: `lt: "2026-01-05T09:30:00Z"`',
        ),
        (
            'eq: " 2026-01-05 "',
            "before and after",
            f'write it without the blank: `starts_with: "2026-01-05"` (`eq` {_WHOLE_COMPARED})',
        ),
    ],
)
def test_a_date_year_first_with_a_blank_around_it_is_told_to_lose_the_blank(
    tmp_path: Path, test: str, where: str, hint: str
) -> None:
    """`gte: "2026-01-05 "` was told to write `T` for the space, `2026-01-05T`, a time with
    no time; `" 2026-01-05"` to write the date year first, which it is (found by mutation
    testing)."""
    said = f"with a blank {where} it, where events write none (`2026-11-23T09:30:00Z`)"
    _told_year_first_but(tmp_path, test, said, hint)


def _told_year_first_but(tmp_path: Path, test: str, said: str, hint: str) -> None:
    """Assert that a rule `r` with ``test`` of `occurred_at` is told `date-not-year-first`
    with ``hint``, its date said to be year first, "but" ``said``, and that text is compared
    letter by letter."""
    [date] = [d for d in lint_time_test(tmp_path, test) if d.code == "date-not-year-first"]
    written = test.split('"')[1]
    assert date.message == (
        f"the `{test[: test.index(':')]}` test of rule `r` compares `occurred_at` with "
        f"`{written}`, which is year first, but {said}, and text is compared letter by letter, "
        "so the test does not follow the calendar"
    )
    assert date.hint == hint


_IN_UTC = "write the moment in UTC, as an event's time is read: "


@pytest.mark.parametrize(
    ("test", "named", "hint"),
    [
        (
            'lt: "2027-01-01T00:00:00+00:00[Europe/London]"',
            "[Europe/London]",
            _IN_UTC + '`lt: "2027-01-01T00:00:00Z"`',
        ),
        (
            'gte: "2026-06-01T10:00+05:45[Asia/Kathmandu]"',
            "[Asia/Kathmandu]",
            _IN_UTC + '`gte: "2026-06-01T04:15:00Z"`',
        ),
        # no offset: the zone's then, from its name (the hint had been the clock read as UTC)
        (
            'gte: "2026-06-01T10:00:00[Europe/London]"',
            "[Europe/London]",
            _IN_UTC + '`gte: "2026-06-01T09:00:00Z"`',
        ),
        (
            'lt: "2027-01-01T00:00:00[America/New_York]"',
            "[America/New_York]",
            _IN_UTC + '`lt: "2027-01-01T05:00:00Z"`',
        ),
        # the hour that comes twice, or a zone no database names: no one moment to hint
        (
            'gte: "2026-10-25T01:30:00[Europe/London]"',
            "[Europe/London]",
            _IN_UTC + "`2026-10-25T01:30:00` as a clock on UTC showed it then, followed by `Z`",
        ),
        (
            'gte: "2026-06-01T10:00:00[Mars/Olympus]"',
            "[Mars/Olympus]",
            _IN_UTC + "`2026-06-01T10:00:00` as a clock on UTC showed it then, followed by `Z`",
        ),
    ],
)
def test_a_time_with_its_zone_named_after_it_is_not_told_to_be_written_year_first(
    tmp_path: Path, test: str, named: str, hint: str
) -> None:
    """A time copied from Java's ZonedDateTime, its zone named in brackets after it, had been
    told to write the date year first, which it is (found by an airline's trial)."""
    said = f"names its zone after it, `{named}`, where events write none (their time in UTC"
    _told_year_first_but(tmp_path, test, f"{said}: `2026-11-23T09:30:00Z`)", hint)


def test_every_test_of_a_rule_that_never_holds_is_told_at_once(tmp_path: Path) -> None:
    # Three slips in one rule took three runs of lint: only the first was said (review).
    when = (
        "{event: order, all: [{field: order.total, gt: 100 USD},"
        " {field: order.delay_days, gte: 2 days}, {field: rating, lte: 2 stars}]}"
    )
    found = [d for d in lint(tmp_path, rule("r", when) + FALLBACK) if d.code == "never-matches"]
    fixes = ["write the number only, `gt: 100`", "write the value as one, `gte: 2`"]
    fixes.append("write the value as one, `lte: 2`")
    assert len(found) == len(fixes)
    for finding, fix in zip(found, fixes, strict=True):
        assert finding.message.startswith("rule `r` can never match: ")
        assert fix in finding.hint


def test_a_test_that_never_holds_is_told_beside_a_pair_that_contradicts(tmp_path: Path) -> None:
    # The first contradiction found was a pair of tests, and the test beside it that never
    # holds on its own was not said (found by review).
    when = (
        "{event: order, all: [{field: rating, lt: 2}, {field: rating, gt: 4},"
        " {field: order.total, gt: 100 USD}]}"
    )
    found = [d for d in lint(tmp_path, rule("r", when) + FALLBACK) if d.code == "never-matches"]
    assert len(found) == 2
    assert "cannot all hold" in found[0].message
    assert "write the number only, `gt: 100`" in found[1].hint


def test_an_item_of_a_list_cut_short_by_a_comment_is_told(tmp_path: Path) -> None:
    # `in: [CarePlus #17 Riverside]` in block style tested for `CarePlus`: the rule missed its
    # store (and `not_in` let it in), and lint said nothing; only single values were looked
    # at (found by review). Named conditions' lists too.
    when = (
        "\n      all:\n        - field: store\n          in:\n            - CarePlus #17 Riverside"
    )
    conditions = "  shop:\n    field: store\n    not_in:\n      - A #1\n      - B\n"
    found = lint(
        tmp_path,
        f"\n  - id: r\n    title: r\n    when:{when}\n    then: [{{apologize: {{}}}}]\n" + FALLBACK,
        conditions=conditions,
    )
    cut = [d for d in found if d.code == "text-cut-by-comment"]
    assert sorted(d.hint for d in cut) == [
        'put the whole text in quotes: `"A #1"`',
        'put the whole text in quotes: `"CarePlus #17 Riverside"`',
    ]
    assert all(d.message.startswith("an item of the `") for d in cut)


@pytest.mark.parametrize("length", [200, 201])
def test_a_text_cut_by_a_comment_is_written_out_up_to_the_longest_a_hint_shows(
    tmp_path: Path, length: int
) -> None:
    # The hint writes the whole text out, in quotes, to copy: up to 200 characters (an item
    # has no key to write before it; a message does).
    whole = "A" * (length - 2 - len(" #1")) + " #1"  # with its two quotes: `length` long
    when = f"\n      all:\n        - field: store\n          in:\n            - {whole}"
    then = f"\n      - apologize:\n          message: {whole}"
    found = lint(tmp_path, f"\n  - id: r\n    title: r\n    when:{when}\n    then:{then}\n")
    cut = [d.hint for d in found if d.code == "text-cut-by-comment"]
    if length <= 200:
        assert cut == [
            f'put the whole text in quotes: `"{whole}"`',
            f'put the whole text in quotes: `message: "{whole}"`',
        ]
    else:
        assert cut == [
            "put the whole text in quotes",
            "put the whole text in quotes, after `message:`",
        ]


def test_fields_a_plan_lists_as_its_own_are_known_and_their_typos_told(tmp_path: Path) -> None:
    # A pharmacy's `prescription.delay_hours` was an unknown-field warning with no way to
    # say it was meant: `lint --strict` failed for good, or `--ignore unknown-field` hid the
    # typos too (found by review).
    when = (
        "{event: complaint, all: [{field: prescription.delay_hours, gt: 4},"
        " {field: loyalty.points, gt: 100}, {field: prescripton.rx, exists: true},"
        " {field: custmer.tier, eq: gold}]}"
    )
    found = lint(
        tmp_path,
        rule("r", when) + FALLBACK,
        plan="  extra_fields: [prescription, loyalty.points]\n",
    )
    unknown = [d for d in found if d.code == "unknown-field"]
    assert [d.message.split("reads ")[1].split(",")[0] for d in unknown] == [
        "`prescripton.rx`",
        "`custmer.tier`",
    ]
    assert unknown[0].message.endswith("(did you mean `prescription.rx`?)")
    assert unknown[1].message.endswith("(did you mean `customer.tier`?)")
    assert unknown[1].message == (  # neither standard nor the plan's own: either would do
        "a condition of rule `r` reads `custmer.tier`, which is not a standard event field "
        "or listed in `extra_fields` (did you mean `customer.tier`?)"
    )
    assert unknown[0].hint == (  # the plan lists some already: added to them, not in place
        "if your events really carry this field, add `prescripton.rx` to the plan's "
        "`extra_fields`: lint then knows it, and still tells a typo of it"
    )


def test_a_standard_group_listed_as_extra_still_has_its_typos_told(tmp_path: Path) -> None:
    # `extra_fields: [order]` hid `order.totl` (found by review): a standard field or group
    # is no field of the business's own.
    when = (
        "{event: order, all: [{field: order.totl, gt: 5}, {field: order.ref_code, exists: true}]}"
    )
    found = lint(
        tmp_path, rule("r", when) + FALLBACK, plan="  extra_fields: [order, order.ref_code]\n"
    )
    unknown = [d for d in found if d.code == "unknown-field"]
    assert [d.message.endswith("(did you mean `order.total`?)") for d in unknown] == [True]


def test_extra_fields_are_dotted_paths(tmp_path: Path) -> None:
    found = lint(tmp_path, FALLBACK, plan="  extra_fields: [prescription delay]\n")
    assert [(d.code, d.source.pointer, d.hint) for d in found] == [
        (
            "bad-format",
            "/plan/extra_fields/0",
            "write the field's names joined by dots: `prescription.delay`",
        )
    ]


@pytest.mark.parametrize(
    "text",
    ["aa" + " " * 100_000 + "/ bb", "a" + " " * 100_000 + "x", "a.or" * 25_000 + "!"],
    ids=["blanks-before-a-slash", "blanks-alone", "or-inside-words"],
)
def test_words_listed_in_a_long_text_are_found_in_linear_steps(text: str) -> None:
    """Tried from each blank of a long run (`list_items`), or reading each `.or` both as part
    of a word and as a separator (`_ALTERNATIVES`), 20 KB took 10 s and 85 characters 95 s
    (found by review). Each is now one pass."""
    from engine.lint.values import _ALTERNATIVES, _PIPED
    from engine.slips import list_items

    assert list_items(text)
    assert _ALTERNATIVES.fullmatch(text) is None or "/" in text
    assert _PIPED.fullmatch(text) is None or "/" in text


@pytest.mark.parametrize("pair_first", [True, False], ids=["pair-first", "pair-last"])
def test_every_contradiction_of_a_rule_is_told_whatever_their_order(
    tmp_path: Path, pair_first: bool
) -> None:
    pair = "{field: rating, lt: 2}, {field: rating, gt: 4}"
    single = "{field: order.total, gt: 100 USD}"
    tests = f"{pair}, {single}" if pair_first else f"{single}, {pair}"
    found = lint(tmp_path, rule("r", f"{{event: order, all: [{tests}]}}") + FALLBACK)
    never = [d for d in found if d.code == "never-matches"]
    assert len(never) == 2
    assert sum("cannot all hold" in d.message for d in never) == 1
    assert sum("write the number only, `gt: 100`" in d.hint for d in never) == 1


def test_a_contradiction_inside_an_any_list_is_told_once(tmp_path: Path) -> None:
    # Its tests are no test of the rule's own list: leaving them out left the list as it was,
    # and the same contradiction would have been found again and again.
    when = (
        "{event: order, all: [{any: [{all: [{field: rating, lt: 2}, {field: rating, gt: 4}]},"
        " {all: [{field: rating, lt: 1}, {field: rating, gt: 5}]}]}]}"
    )
    found = lint(tmp_path, rule("r", when) + FALLBACK)
    assert [d.code for d in found].count("never-matches") == 1


def test_contradictions_inside_two_any_lists_are_both_told(tmp_path: Path) -> None:
    # Their tests are inside branches: leaving out only the tests left the rule's list as it
    # was, and the second `any` was never looked at (found by review).
    def impossible(field: str) -> str:
        return f"{{all: [{{field: {field}, lt: 1}}, {{field: {field}, gt: 5}}]}}"

    first = f"{{any: [{impossible('rating')}, {impossible('contact.attempts')}]}}"
    second = f"{{any: [{impossible('order.delay_days')}, {impossible('customer.complaints_90d')}]}}"
    found = lint(tmp_path, rule("r", f"{{event: order, all: [{first}, {second}]}}") + FALLBACK)
    assert [d.code for d in found].count("never-matches") == 2


def test_a_contradiction_the_rule_s_first_item_is_in_is_told_after_one_it_is_not_in(
    tmp_path: Path,
) -> None:
    """The second contradiction is found among the tests the first one left out: the rule's
    first item, an `any` list (proved after the tests), is among them, and leaving it out too
    lost the contradiction it is in."""
    when = (
        "{all: [{any: [{field: rating, lt: 2}, {field: rating, eq: 3}]},"
        " {field: channel, eq: phone}, {field: channel, eq: email}, {field: rating, gt: 4}]}"
    )
    found = lint(tmp_path, rule("r", when) + FALLBACK)
    assert [d.message for d in found if d.code == "never-matches"] == [
        "rule `r` can never match: channel is phone and channel is email cannot all hold",
        "rule `r` can never match: no alternative of `any` can hold: rating is more than 4 and "
        "rating is less than 2 cannot all hold and rating is more than 4 and rating is 3 cannot "
        "all hold",
    ]


def test_a_rule_s_contradictions_are_told_once_each_and_then_no_more(tmp_path: Path) -> None:
    """Once a contradiction is told, the search goes on without its tests: searching the
    same tests again would find the same one for ever, and lint would never end."""
    when = "{all: [{field: rating, lt: 2}, {field: rating, gt: 4}]}"
    plan = load_plan(write_plan(tmp_path, "rules:" + rule("r", when) + FALLBACK)).model
    told = list(itertools.islice(NeverMatches().check(plan), 3))
    assert [d.message for d in told] == [
        "rule `r` can never match: rating is less than 2 and rating is more than 4 cannot all hold"
    ]


def test_a_contradiction_of_the_tests_alone_is_told_how_to_fix_it(tmp_path: Path) -> None:
    found = lint(tmp_path, rule("r", "{all: [{field: rating, lt: 2}, {field: rating, gt: 4}]}"))
    [never] = [d for d in found if d.code == "never-matches"]
    assert never.hint == (
        "a rule fires only when all its conditions hold at once; check the values, or use "
        "`any:` for alternatives"
    )


def test_a_contradiction_with_the_rule_s_event_types_points_at_the_test_alone(
    tmp_path: Path,
) -> None:
    """The rule's event types are a test placed at the rule, where the finding already is:
    it is not pointed at again, and the test that contradicts them is."""
    when = "{event: review, all: [{field: type, eq: order}]}"
    found = lint(tmp_path, rule("r", when) + FALLBACK)
    [never] = [d for d in found if d.code == "never-matches"]
    assert [place.line for place in never.related] == [never.source.line + 2]


def test_a_listed_extra_field_no_rule_reads_is_told_with_the_one_meant(tmp_path: Path) -> None:
    # A typo in `extra_fields` itself left the real field unknown, and the unknown-field
    # warning then asked "did you mean" the typo (found by review).
    when = "{event: complaint, all: [{field: prescription.delay_hours, gt: 4}]}"
    found = lint(
        tmp_path, rule("r", when) + FALLBACK, plan="  extra_fields: [prescripton, spare]\n"
    )
    unused = [d for d in found if d.code == "unused-extra-field"]
    assert [d.message for d in unused] == [
        "the plan lists `prescripton` in `extra_fields`, but no rule reads it "
        "(did you mean `prescription`?)",
        "the plan lists `spare` in `extra_fields`, but no rule reads it",
    ]
    assert unused[1].hint == (
        "correct the name to the field your rules read, or remove it from the list"
    )
    assert [(d.source.line, d.source.pointer) for d in unused] == [
        (5, "/plan/extra_fields/0"),
        (5, "/plan/extra_fields/1"),
    ]
    [unknown] = [d for d in found if d.code == "unknown-field"]
    assert "did you mean" not in unknown.message


def test_a_listed_group_whose_fields_the_rules_read_is_used(tmp_path: Path) -> None:
    # `extra_fields: [loyalty]` stands for every field under it: a rule reading
    # `loyalty.points` (the only field the plan reads) uses it.
    when = "{event: complaint, all: [{field: loyalty.points, gt: 100}]}"
    found = lint(tmp_path, rule("r", when) + FALLBACK, plan="  extra_fields: [loyalty]\n")
    assert found == []


def test_a_listed_field_whose_fields_are_read_inside_list_items_is_told_so(
    tmp_path: Path,
) -> None:
    # `returns.reason` stands for `returns.reason.code` too: read as `returns.0.reason.code`.
    when = "{event: order, all: [{field: returns.0.reason.code, eq: broken}]}"
    plan = "  extra_fields: [returns.reason]\n"
    found = lint(tmp_path, rule("r", when) + FALLBACK, plan=plan)
    [unused] = [d for d in found if d.code == "unused-extra-field"]
    assert unused.message == (
        "the plan lists `returns.reason` in `extra_fields`, but rules read it inside a list "
        "item, with the item's position (`returns.0.reason.code`)"
    )


def test_a_listed_field_read_inside_list_items_is_told_with_its_position(tmp_path: Path) -> None:
    # `order.items.color` for `order.items.0.color` was told "no rule reads it", which sent
    # the author looking for a typo (found by review).
    when = (
        "{event: order, all: [{field: order.items.0.color, eq: red},"
        " {field: returns.0.reason, eq: broken}]}"
    )
    plan = "  extra_fields: [order.items.color, returns.reason]\n"
    found = lint(tmp_path, rule("r", when) + FALLBACK, plan=plan)
    unused = [d for d in found if d.code == "unused-extra-field"]
    assert [(d.message, d.hint) for d in unused] == [
        (
            "the plan lists `order.items.color` in `extra_fields`, but rules read it inside a "
            "list item, with the item's position (`order.items.0.color`)",
            "remove it from the list: fields inside the items of `order.items` need no listing",
        ),
        (
            "the plan lists `returns.reason` in `extra_fields`, but rules read it inside a "
            "list item, with the item's position (`returns.0.reason`)",
            "list `returns` instead, which stands for every field inside its items",
        ),
    ]


def test_equal_contradictions_in_two_rules_each_name_their_own_lines(tmp_path: Path) -> None:
    """Two rules written alike are each told about their own lines, not about the first
    rule's (proofs compare tests by their values, which equal tests share)."""
    when = "{event: review, all: [{field: rating, eq: 1}, {field: rating, eq: 2}]}"
    found = lint(tmp_path, rule("first", when) + rule("second", when) + FALLBACK)
    never = [d for d in found if d.code == "never-matches"]
    assert [d.message.split("`")[1] for d in never] == ["first", "second"]
    for finding in never:
        assert finding.related, finding
        assert all(place.line == finding.source.line + 2 for place in finding.related), finding


def test_long_in_lists_are_compared_by_lookup_not_item_by_item(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lint tries every value of one `in` list against the other tests of its field: compared
    item by item, two lists of 2,000 numbers made 4 million comparisons, and a 98 KB plan took
    51 s (found by review). A listed value is now looked up."""
    import engine.operators

    compared = [0]
    equal = engine.operators.equal

    def counted(value: Any, const: Any, ignore_case: bool = False) -> bool:
        compared[0] += 1
        return equal(value, const, ignore_case)

    monkeypatch.setattr(engine.operators, "equal", counted)
    numbers = ", ".join(str(n) for n in range(2000))
    tests = f"{{field: rating, in: [{numbers}]}}, {{field: rating, not_in: [{numbers}]}}"
    found = lint(tmp_path, rule("r", f"{{event: review, all: [{tests}]}}") + FALLBACK)
    assert codes(found) == ["never-matches"]
    assert compared[0] < 20_000, compared[0]


_SCALAR = (
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.sampled_from([0.0, -0.0, 1.0, 2.5, float("nan"), 2**53, float(2**53), 2**53 + 1])
    | st.sampled_from(["a", "A", "1", ""])
)


@settings(max_examples=300, deadline=None)
@given(
    op=st.sampled_from(["in", "not_in"]),
    # a plan's own numbers are finite (validate refuses `.nan`, not-finite); an event's may not be
    listed=st.lists(_SCALAR.filter(lambda item: not is_non_finite(item)), min_size=1, max_size=6),
    value=_SCALAR | st.just(MISSING) | st.just([1]) | st.just({"a": 1}),
    negated=st.booleans(),
)
def test_a_listed_value_looked_up_passes_as_the_engine_compares_it(
    op: str, listed: list[Any], value: Any, negated: bool
) -> None:
    """Lint's lookup of a value in an `in` list (`Atom.members`) answers as deciding does."""
    from engine.operators import holds

    test = Atom("f", op, tuple(listed), negated=negated)
    assert test.passes(value) is (holds(op, value, tuple(listed), False) is not negated)


def _nested_any(levels: int) -> list[Node]:
    """`rating: 1` beside `any` lists nested ``levels`` deep, each of `rating: 2, 3...` and
    the next list: no event meets them, the last alternatives being `rating: n` too."""
    inner: Node = Either((Atom("rating", "eq", levels + 1), Atom("rating", "eq", levels + 2)))
    for n in range(levels, 1, -1):
        inner = Either((Atom("rating", "eq", n), inner))
    return [Atom("rating", "eq", 1), inner]


def test_the_proofs_look_as_deep_as_their_limit_and_no_deeper() -> None:
    """`any` lists within `any` lists are searched to `logic.MAX_DEPTH` levels: deeper, the
    proof gives up (it is always safe to), so its work stays bounded however deep a plan
    nests them."""
    from engine.logic import MAX_DEPTH

    assert contradiction(_nested_any(MAX_DEPTH)) is not None
    assert contradiction(_nested_any(MAX_DEPTH + 1)) is None


def test_a_proof_from_the_event_schema_at_the_proofs_limit_is_given() -> None:
    """An alternative only the event schema rules out (`severity in [urgent]`) as deep as the
    proofs look still proves the rule dead in events that follow the schema: the schema's
    proof is kept while the `any` lists are searched, and given at the limit too."""
    from engine.logic import MAX_DEPTH

    inner: Node = Either((Atom("severity", "in", ("urgent",)), Atom("rating", "eq", MAX_DEPTH + 2)))
    for n in range(MAX_DEPTH, 1, -1):
        inner = Either((Atom("rating", "eq", n), inner))
    found = contradiction([Atom("rating", "eq", 1), inner])
    assert found is not None and found.schema
    assert "severity is urgent never holds" in found.message


def test_a_proof_from_the_event_schema_is_kept_when_the_search_for_another_runs_out() -> None:
    """Beside `severity in [urgent]`, five `any` lists of 16 alternatives are searched for a
    proof of the tests alone, each alternative holding the schema's test: past the proofs'
    steps, the schema's proof is given, not lost (found by review)."""
    anys = [Either(tuple(Atom(f"f{k}", "eq", i) for i in range(16))) for k in range(5)]
    found = contradiction([Atom("severity", "in", ("urgent",)), *anys])
    assert found is not None and found.schema
    assert "severity is urgent never holds" in found.message
    # Without the schema's proof, running out is still giving up.
    assert contradiction([Atom("severity", "in", ("high",)), *anys]) is None


def test_a_proof_of_the_tests_alone_beside_the_schema_s_looks_as_deep_as_the_limit() -> None:
    """The second search, for a proof of the tests alone once the event schema's is found,
    and `_never` (an alternative no event meets, in implication) look as deep as the first:
    `any` lists to `logic.MAX_DEPTH` levels, no deeper (found by mutation testing)."""
    from engine.logic import MAX_DEPTH, implies

    urgent = Atom("severity", "in", ("urgent",))
    found = contradiction([urgent, *_nested_any(MAX_DEPTH)])
    assert found is not None and not found.schema
    found = contradiction([urgent, *_nested_any(MAX_DEPTH + 1)])
    assert found is not None and found.schema
    late = Atom("type", "eq", "late")
    dead = Both(tuple(_nested_any(MAX_DEPTH)))  # an alternative no event meets
    assert implies([Either((late, dead))], late)


def test_lint_does_not_follow_the_callers_decimal_context(tmp_path: Path) -> None:
    """Lint's sums and amounts are the same in a thread whose decimal context rounds to two
    digits: an embedding app's context must not change what a manager is told."""
    import decimal

    offers = (
        "[{compensate: {kind: voucher, percent: 0.125, of: order.total, max: 123.45}},"
        " {compensate: {kind: refund, amount: 987.654}}]"
    )
    rules = rule("big", "{event: order}", then=offers)
    policy = "  compensation: {combine: sum, per_event_max: 5000.5, approval_above: 10000.25}\n"
    usual = lint(tmp_path, rules + FALLBACK, plan=policy)
    assert set(codes(usual)) == {
        "approval-never-needed",
        "percent-as-fraction",
        "amount-finer-than-currency",
    }
    with decimal.localcontext(decimal.Context(prec=2, rounding=decimal.ROUND_DOWN)):
        assert lint(tmp_path, rules + FALLBACK, plan=policy) == usual


@pytest.mark.parametrize(
    ("offers", "said"),
    [(1, "so its compensation is cut to nothing"), (2, "so each of its 2 compensations is cut")],
)
def test_a_cap_of_nothing_counts_the_offers_it_cuts_in_words(
    tmp_path: Path, offers: int, said: str
) -> None:
    """ "each of its 1 compensation(s)" had read as a form to fill in (found by review)."""
    offer = "[{compensate: {kind: voucher, amount: 10}}]"
    rules = "".join(rule(f"r{n}", "{event: review}", then=offer) for n in range(offers))
    found = lint(tmp_path, rules + FALLBACK, plan="  compensation: {per_event_max: 0}\n")
    [capped] = [d for d in found if d.code == "cap-of-nothing"]
    assert said in capped.message


def test_a_cap_of_nothing_in_a_plan_of_no_offers_is_no_warning(tmp_path: Path) -> None:
    """`per_event_max: 0` cuts nothing when the plan compensates no one: nothing to warn of."""
    found = lint(
        tmp_path,
        rule("r", "{event: review}") + FALLBACK,
        plan="  compensation: {per_event_max: 0}\n",
    )
    assert "cap-of-nothing" not in codes(found)


@pytest.mark.parametrize(
    ("rules", "told"),
    [
        # a low priority on the stop rule: every rule of its type fires before it
        (
            rule("allergy", "{event: complaint}", "    priority: 1\n    stop: true")
            + rule("cold-food", "{event: complaint}", "    priority: 50"),
            ["allergy"],
        ),
        # the same priority, written last
        (rule("a", "{event: review}") + rule("b", "{event: review}", "    stop: true"), ["b"]),
        # a rule for any type after it could still be stopped: not told
        (
            rule("a", "{event: review}", "    priority: 5")
            + rule("b", "{event: review}", "    priority: 4\n    stop: true")
            + rule("c", "{all: [{field: rating, lte: 2}]}"),
            [],
        ),
        # only a rule of another type after it: it still stops nothing of its own
        (
            rule("a", "{event: review}", "    priority: 5")
            + rule("b", "{event: review}", "    priority: 4\n    stop: true")
            + rule("c", "{event: order}"),
            ["b"],
        ),
        # first of its type, or alone for it: it stops what it can, or there is nothing
        (rule("a", "{event: review}", "    stop: true") + rule("b", "{event: review}"), []),
        (rule("a", "{event: review}") + rule("b", "{event: order}", "    stop: true"), []),
        # a rule switched off before it is no rule it fails to stop
        (
            rule("a", "{event: review}", "    priority: 5\n    enabled: false")
            + rule("b", "{event: review}", "    stop: true"),
            [],
        ),
    ],
)
def test_a_stop_rule_that_fires_after_every_rule_of_its_types_is_told(
    tmp_path: Path, rules: str, told: list[str]
) -> None:
    """`priority: 1` and `stop: true` on an allergy rule meant to come first put it last: its
    stop stopped nothing, and lint said nothing (found by review)."""
    found = [d for d in lint(tmp_path, rules + FALLBACK) if d.code == "stop-stops-nothing"]
    assert [d.message.split("`")[1] for d in found] == told


@pytest.mark.parametrize(
    ("theirs", "why"),
    [
        (50, "its priority, 1, is lower than theirs: higher priorities fire first"),
        (1, "it has their priority and comes after them in the plan"),
    ],
)
def test_a_stop_rule_that_stops_nothing_is_told_why_it_fires_last(
    tmp_path: Path, theirs: int, why: str
) -> None:
    """The manager is told which of the two reasons put the stop rule last: a lower priority
    (to raise), or the same priority written later in the plan (to move or raise)."""
    rules = rule("cold-food", "{event: complaint}", f"    priority: {theirs}")
    rules += rule("allergy", "{event: complaint}", "    priority: 1\n    stop: true")
    [told] = [d for d in lint(tmp_path, rules + FALLBACK) if d.code == "stop-stops-nothing"]
    assert told.message == (
        f"rule `allergy` has `stop: true` but fires after every rule of its event types ({why}), "
        "so it stops none of them"
    )


def test_a_stop_rule_that_stops_nothing_is_sent_above_the_highest_of_the_rules_before_it(
    tmp_path: Path,
) -> None:
    """Above the highest priority of the rules before it, not the lowest (`priority: 15`
    beside a rule of 50 would still fire after it), and pointed at the first of them: of its
    event types only, as a rule for orders fires for no complaint it could stop."""
    rules = rule("orders", "{event: order}", "    priority: 90")
    rules += rule("late", "{event: complaint}", "    priority: 5")
    rules += rule("cold-food", "{event: complaint}", "    priority: 50")
    rules += rule("allergy", "{event: complaint}", "    priority: 1\n    stop: true")
    [told] = [d for d in lint(tmp_path, rules + FALLBACK) if d.code == "stop-stops-nothing"]
    assert told.hint == (
        "to have it fire first and stop the others, give it `priority: 60`; or remove `stop: true`"
    )
    text = (tmp_path / "plan.yaml").read_text().splitlines()
    assert [text[place.line - 1].strip() for place in told.related] == ["- id: cold-food"]


def test_a_stop_rule_under_match_first_is_not_told_it_stops_nothing(tmp_path: Path) -> None:
    rules = rule("a", "{event: review}") + rule("b", "{event: review}", "    stop: true")
    found = lint(tmp_path, rules + FALLBACK, plan="  match: first\n")
    assert "stop-stops-nothing" not in codes(found)


@pytest.mark.parametrize(("theirs", "moved"), [(999_995, False), (1_000_000, True)])
def test_the_priority_stop_stops_nothing_hints_is_one_a_plan_takes(
    tmp_path: Path, theirs: int, moved: bool
) -> None:
    """Beside rules of the largest priorities a plan takes (1000000), the hint had been
    `priority: 1000010`, which the plan then refused (found by review); at the largest itself,
    the rule is to come before them in the plan too."""
    (tmp_path / "told").mkdir()
    (tmp_path / "followed").mkdir()
    stop = "    priority: {}\n    stop: true"
    late = rule("late", "{event: review}", f"    priority: {theirs}")
    [told] = [
        d
        for d in lint(tmp_path / "told", late + rule("allergy", "{event: review}", stop.format(1)))
        if d.code == "stop-stops-nothing"
    ]
    place = " and move it above rule `late` in the plan" if moved else ""
    assert told.hint.startswith(
        f"to have it fire first and stop the others, give it `priority: 1000000`{place}; "
    )
    allergy = rule("allergy", "{event: review}", stop.format(1_000_000))
    followed = lint(tmp_path / "followed", allergy + late if moved else late + allergy)
    assert "stop-stops-nothing" not in codes(followed)


def test_a_stop_rule_behind_rules_of_the_largest_priority_is_moved_above_the_first(
    tmp_path: Path,
) -> None:
    """At the largest priority, only a place in the plan comes first: above the first of the
    rules it fires after, not the last (above which it would still fire after the first)."""
    top = "    priority: 1000000"
    rules = rule("a", "{event: review}", top) + rule("b", "{event: review}", top)
    rules += rule("allergy", "{event: review}", top + "\n    stop: true")
    [told] = [d for d in lint(tmp_path, rules + FALLBACK) if d.code == "stop-stops-nothing"]
    assert told.hint.startswith(
        "to have it fire first and stop the others, give it `priority: 1000000` and move it "
        "above rule `a` in the plan; "
    )


REPEAT_BY_COUNT = (
    "{all: [{field: type, eq: order}, {any: [{field: repeat, eq: true},"
    " {field: customer.complaints_90d, gte: 2 days}]}]}"
)


def test_an_alternative_that_never_holds_is_told_where_the_rule_still_matches(
    tmp_path: Path,
) -> None:
    """`gte: 2 days` on a count, in an `any`: the count branch never holds, so repeat
    complainers by count were never caught, and lint said nothing but `no-fallback` (the
    whole rule can match, so `never-matches` had nothing to say; found by review)."""
    found = lint(tmp_path, rule("r1", REPEAT_BY_COUNT) + FALLBACK)
    [dead] = found
    assert dead.code == "test-never-holds"
    assert (dead.source.line, dead.source.column) == (9, 116)  # at `2 days`
    assert dead.message == (
        "the `gte` test of rule `r1` can never hold: customer.complaints_90d is a number in "
        'events that follow the event schema, so customer.complaints_90d is "2 days" or more '
        "never holds; then rule `r1` matches only through the other alternatives of the `any` "
        "list it is in"
    )
    assert dead.hint == (
        "events carry `customer.complaints_90d` as a number: write the value as one, `gte: 2` "
        "(an event that sends it as text would match it: `eval` does not refuse one unless "
        "`--strict`)"
    )


@pytest.mark.parametrize(
    ("when", "then", "hint"),
    [
        (
            "{event: review, all: [{all: [{field: rating, lt: 3}]}, {not: {field: severity, eq: High}}]}",
            "the `not` around it always holds and keeps no event out of rule `r`",
            "write `eq: high`",
        ),
        (
            "{event: [review, order], not: {field: repeat, eq: yes}}",
            "the `not` around it always holds and rule `r` matches every review or order event",
            "write `eq: true`",
        ),
        (  # under a `not`, the rule matches when the list does not hold: said of the list
            "{event: review, not: {any: [{field: rating, lt: 2}, {field: severity, eq: High}]}}",
            "the `any` list it is in holds only through its other alternatives",
            "write `eq: high`",
        ),
        (  # a `not` beside it whose value depends on the event: the list does too
            "{event: review, any: [{field: severity, eq: High}, {not: {field: rating, lt: 2}}]}",
            "rule `r` matches only through the other alternatives of the `any` list it is in",
            "write `eq: high`",
        ),
        (  # two `not`s around the list: the rule matches when it does, said of the rule
            "{event: review, not: {not: {any: [{field: severity, eq: High}, "
            "{field: rating, lt: 2}]}}}",
            "rule `r` matches only through the other alternatives of the `any` list it is in",
            "write `eq: high`",
        ),
        (  # an `all` list under a `not`: said of the list (lint/proofs.py 533, never run)
            "{event: review, not: {all: [{not: {field: severity, eq: High}}, "
            "{field: rating, lt: 2}]}}",
            "the `not` around it always holds and the `all` list it is in holds whenever its "
            "other items do",
            "write `eq: high`",
        ),
    ],
)
def test_a_test_that_never_holds_under_a_not_is_told_what_the_not_then_does(
    tmp_path: Path, when: str, then: str, hint: str
) -> None:
    [dead] = [d for d in lint(tmp_path, rule("r", when) + FALLBACK) if d.code != "no-fallback"]
    assert dead.code == "test-never-holds"
    assert dead.message.endswith(f"never holds; then {then}")
    assert dead.hint.endswith(hint)


def _nested_nots(inner: str, depth: int) -> str:
    """``inner`` under ``depth`` `not`s, one inside the other."""
    return "{not: " * depth + inner + "}" * depth


@pytest.mark.parametrize(
    ("when", "then"),
    [
        (  # the rule's value, after more `not`s than a list of words is cut at
            "{event: review, all: [" + _nested_nots("{field: severity, eq: High}", 9) + "]}",
            "and rule `r` matches every review event",
        ),
        (  # where it stops mattering, after as many
            "{event: review, any: ["
            + _nested_nots("{field: severity, eq: High}", 8)
            + ", {field: rating, lt: 2}]}",
            "and rule `r` matches only through the other alternatives of the `any` list it is in",
        ),
    ],
)
def test_what_a_test_under_many_nots_makes_of_its_rule_is_told_whole(
    tmp_path: Path, when: str, then: str
) -> None:
    """Each `not` is a step of the reasoning, and the last words are what the manager needs:
    a consequence cut like a long list of values (`… (10 in all)`) would drop them."""
    [dead] = [d for d in lint(tmp_path, rule("r", when) + FALLBACK) if d.code != "no-fallback"]
    assert dead.code == "test-never-holds"
    assert dead.message.count("the `not` around") == when.count("{not:")
    assert dead.message.endswith(then)


def test_a_named_conditions_test_that_never_holds_is_told_once_at_the_condition(
    tmp_path: Path,
) -> None:
    """Told where it is written: once at the named condition, not once per rule using it."""
    conditions = (
        "  repeat_complainer:\n    any:\n      - {field: repeat, eq: true}\n"
        "      - {field: customer.complaints_90d, gte: 2 days}\n"
    )
    rules = rule("a", "{event: order, all: [{use: repeat_complainer}]}")
    rules += rule("b", "{event: review, any: [{use: repeat_complainer}, {field: rating, lt: 2}]}")
    found = lint(tmp_path, rules + FALLBACK, conditions=conditions)
    [dead] = found
    assert (dead.code, dead.source.line) == ("test-never-holds", 9)
    assert dead.message.startswith(
        "the `gte` test of the named condition `repeat_complainer` can never hold: "
    )
    assert dead.message.endswith(
        "; then the named condition `repeat_complainer` holds only through the other "
        "alternatives of the `any` list it is in"
    )


def test_a_test_of_a_rule_that_never_matches_is_told_by_never_matches_alone(
    tmp_path: Path,
) -> None:
    """A rule that can never match is told so (`never-matches`), and not again for a test in
    its `any` list, nor for one in a named condition only such rules use; a named condition no
    rule uses is told (beside `unused-condition`): its test is wrong all the same."""
    conditions = (
        '  dead_only: {any: [{field: repeat, eq: true}, {field: rating, eq: "3"}]}\n'
        "  unused: {any: [{field: repeat, eq: true}, {field: severity, eq: urgent}]}\n"
    )
    when = (
        "{event: order, all: [{field: order.total, gt: 100 USD}, {use: dead_only},"
        " {any: [{field: repeat, eq: true}, {field: rating, lte: 2 stars}]}]}"
    )
    found = lint(tmp_path, rule("r", when) + FALLBACK, conditions=conditions)
    assert codes(found) == ["unused-condition", "test-never-holds", "never-matches"]
    assert "of the named condition `unused`" in found[1].message


def test_the_starter_plan_with_its_count_written_in_days_is_told(tmp_path: Path) -> None:
    """The starter plan's `repeat_complainer` with `gte: 2 days` for `gte: 2`: lint had said
    nothing, and repeat complainers by count were never caught."""
    import shutil

    from tests.conftest import REPO

    rules = shutil.copytree(REPO / "rules", tmp_path / "rules")
    shared = rules / "00-plan.yaml"
    text = shared.read_text(encoding="utf-8")
    assert text.count("        gte: 2  #") == 1
    shared.write_text(text.replace("        gte: 2  #", "        gte: 2 days  #"), encoding="utf-8")
    assert lint_plan(REPO / "rules") == []
    [dead] = lint_plan(rules)
    assert dead.code == "test-never-holds"
    assert dead.source.path.endswith("00-plan.yaml")
    assert "named condition `repeat_complainer`" in dead.message
    assert "`gte: 2`" in dead.hint


_LEAVES = [
    "{field: severity, eq: urgent}",  # never holds (of events that follow the schema)
    "{field: customer.complaints_90d, gte: 2 days}",  # never holds
    "{field: severity, eq: high}",
    "{field: repeat, eq: true}",
    "{field: customer.complaints_90d, gte: 2}",
]


def _trees() -> st.SearchStrategy[str]:
    return st.recursive(
        st.sampled_from(_LEAVES),
        lambda inner: (
            st.lists(inner, min_size=1, max_size=3).map(
                lambda items: f"{{all: [{', '.join(items)}]}}"
            )
            | st.lists(inner, min_size=1, max_size=3).map(
                lambda items: f"{{any: [{', '.join(items)}]}}"
            )
            | inner.map(lambda item: f"{{not: {item}}}")
        ),
        max_leaves=6,
    )


_SCHEMA_EVENTS = st.fixed_dictionaries(
    {},
    optional={
        "severity": st.sampled_from(["low", "medium", "high", "critical", None]),
        "repeat": st.sampled_from([True, False, None]),
        "customer": st.fixed_dictionaries(
            {}, optional={"complaints_90d": st.sampled_from([0, 1, 2, 7, None])}
        ),
    },
)


@settings(max_examples=150, deadline=None)
@given(tree=_trees(), events=st.lists(_SCHEMA_EVENTS, min_size=1, max_size=8))
def test_what_a_test_that_never_holds_is_said_to_make_of_the_rule_is_true(
    tree: str, events: list[dict[str, Any]]
) -> None:
    """A rule said to match every event, or none, does so for events that follow the event
    schema; and a rule told `never-matches` is not told `test-never-holds` too."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        body = "rules:\n" + rule("r", f"{{all: [{tree}]}}")
        header = "backplan: 1\nplan:\n  name: Lint Store\n  currency: USD\n"
        path = write_plan(Path(folder), body, header=header)
        found = lint_plan(path)
        plan = load_plan(path)
        said = {d.code for d in found}
        assert not {"never-matches", "test-never-holds"} <= said
        for dead in (d for d in found if d.code == "test-never-holds"):
            for event in events:
                matched = "r" in plan.evaluate({"id": "e", "type": "review", **event}).matched
                if dead.message.endswith("rule `r` matches every event"):
                    assert matched, (dead.message, event)
                if dead.message.endswith("rule `r` never matches"):
                    assert not matched, (dead.message, event)


def test_an_alternative_the_rest_of_its_rule_rules_out_is_told_where_it_is(
    tmp_path: Path,
) -> None:
    found = lint(
        tmp_path,
        rule(
            "public-review",
            "\n      all:\n        - {field: channel, in: [twitter, yelp]}\n        - any:\n"
            "            - {field: rating, lte: 2}\n            - {field: channel, eq: phone}",
        )
        + FALLBACK,
    )
    (dead,) = (d for d in found if d.code == "alternative-never-holds")
    assert dead.message == (
        "this alternative of the `any` list of rule `public-review` can never hold with the "
        "rest of the rule: channel is one of twitter or yelp and channel is phone cannot all "
        "hold; rule `public-review` matches only through its other alternatives"
    )
    assert (dead.source.line, dead.source.column) == (14, 15)  # the alternative itself
    assert [(r.line, r.column) for r in dead.related] == [(11, 11)]  # what rules it out


def test_the_event_types_that_rule_an_alternative_out_are_seen_at_event(tmp_path: Path) -> None:
    # `see:` had pointed at the rule's first line, its id, for what its `event:` says
    found = lint(
        tmp_path,
        rule(
            "orders",
            "\n      event: [order, x-delivery]\n      any:\n        - {field: rating, eq: 3}\n"
            "        - {field: type, eq: review}",
        )
        + FALLBACK,
    )
    (dead,) = found
    assert dead.message == (
        "this alternative of the `any` list of rule `orders` can never hold with the rest of "
        "the rule: type is one of order or x-delivery and type is review cannot all hold; rule "
        "`orders` matches only through its other alternatives"
    )
    assert [(r.line, r.column) for r in dead.related] == [(10, 14)]


def test_an_alternative_is_proved_against_a_bounded_part_of_a_large_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule of 2,000 `any` lists: each alternative is proved against the tests on its
    fields and at most 16 of the lists (each had been proved against all 2,000, and the
    context of each list built anew: 3 s of lint), and each is still found."""
    from engine.lint import proofs

    given: list[int] = []
    real = proofs.contradiction

    def counting(conjuncts: Any, *rest: Any) -> Any:
        given.append(len(conjuncts))
        return real(conjuncts, *rest)

    monkeypatch.setattr(proofs, "contradiction", counting)
    lists = ", ".join(
        f"{{any: [{{field: rating, gte: {n}}}, {{field: channel, eq: phone}}]}}"
        for n in range(2000)
    )
    found = lint(
        tmp_path, rule("r", f"{{all: [{{field: channel, eq: yelp}}, {lists}]}}") + FALLBACK
    )
    assert codes(found).count("alternative-never-holds") == 2000
    # the rule's own proofs (never-matches) are given it whole, each alternative's at most
    # 16 of the lists, the test and the alternative: its proof reasons by cases on each list,
    # and 64 had made 3,000 lists on 50 fields take 3 s, 80% of lint's checks
    assert len([n for n in given if n > 16 + 2]) <= 2 < len(given)


def test_an_alternative_ruled_out_is_told_why_in_its_own_tests_not_in_its_any_list(
    tmp_path: Path,
) -> None:
    """An alternative the rest of the rule rules out by a test of its own is told by that
    test, once: the `any` list inside it is not looked into, which had told it again in the
    words of that list ("no alternative of `any` can hold: ...")."""
    inner = "{any: [{field: rating, eq: 1}, {field: channel, eq: email}]}"
    when = (
        "{all: [{field: channel, in: [twitter, yelp]}, {any: [{field: rating, lte: 2},"
        f" {{all: [{{field: channel, eq: phone}}, {inner}]}}]}}]}}"
    )
    found = lint(tmp_path, rule("r", when) + FALLBACK)
    [dead] = [d for d in found if d.code == "alternative-never-holds"]
    assert dead.message == (
        "this alternative of the `any` list of rule `r` can never hold with the rest of the "
        "rule: channel is one of twitter or yelp and channel is phone cannot all hold; rule `r` "
        "matches only through its other alternatives"
    )


@pytest.mark.parametrize("any_first", [False, True], ids=["any-second", "any-first"])
def test_an_alternative_ruled_out_inside_one_that_can_hold_is_told(
    tmp_path: Path, any_first: bool
) -> None:
    """An `any` list inside an alternative that can hold is looked into, wherever it is in
    that alternative's `all`: its alternative the rest of the rule rules out (`channel eq
    phone` of a rule for twitter and yelp) is told there, where it is written."""
    inner = "{any: [{field: store, eq: s1}, {field: channel, eq: phone}]}"
    items = [inner, "{field: rating, eq: 5}"] if any_first else ["{field: rating, eq: 5}", inner]
    when = (
        "{all: [{field: channel, in: [twitter, yelp]}, {any: [{field: rating, lte: 2},"
        f" {{all: [{', '.join(items)}]}}]}}]}}"
    )
    found = lint(tmp_path, rule("r", when) + FALLBACK)
    [dead] = [d for d in found if d.code == "alternative-never-holds"]
    assert dead.source.pointer == f"/rules/0/when/all/1/any/1/all/{0 if any_first else 1}/any/1"
    assert "channel is one of twitter or yelp and channel is phone cannot all hold" in dead.message


def test_an_alternative_is_proved_against_the_tests_on_the_other_fields_of_an_any_list(
    tmp_path: Path,
) -> None:
    """`rating eq 1` is ruled out by an `any` list on `rating` whose first alternative the
    rule's `channel eq web` rules out: the proof of an alternative takes the tests on every
    field of the `any` lists of its field, or it finds nothing."""
    when = (
        "{all: [{field: channel, eq: web}, {any: [{all: [{field: rating, lte: 2},"
        " {field: channel, eq: phone}]}, {field: rating, gte: 4}]},"
        " {any: [{field: rating, eq: 1}, {field: store, eq: s1}]}]}"
    )
    found = lint(tmp_path, rule("r", when) + FALLBACK)
    dead = [d for d in found if d.code == "alternative-never-holds"]
    assert [d.source.pointer for d in dead] == [
        "/rules/0/when/all/1/any/0",
        "/rules/0/when/all/2/any/0",
    ]
    assert "rating is 1 and rating is 4 or more cannot all hold" in dead[1].message


def test_what_rules_an_alternative_out_is_said_once(tmp_path: Path) -> None:
    # An `all` inside an `all`: its items are among what the alternative is proved against
    # once (twice, the message would say "channel is yelp and channel is yelp and ...").
    found = lint(
        tmp_path,
        rule(
            "r",
            "{all: [{all: [{field: channel, eq: yelp}, "
            "{any: [{field: rating, lte: 2}, {field: channel, eq: phone}]}]}]}",
        )
        + FALLBACK,
    )
    (dead,) = (d for d in found if d.code == "alternative-never-holds")
    assert "channel is yelp and channel is phone cannot all hold;" in dead.message
    assert dead.message.count("channel is yelp") == 1


def test_a_rule_whose_any_list_has_no_alternative_left_is_told_it_never_matches(
    tmp_path: Path,
) -> None:
    """Every alternative of one `any` list ruled out by another `any` list: the rule never
    matches. The proof of the whole rule leaves an `any` out when it reasons by cases on
    another, so it found nothing, and each of the four alternatives was told the rule
    "matches only through its other alternatives", which none could (found by review)."""
    found = lint(
        tmp_path,
        rule(
            "r",
            "{all: [{any: [{field: channel, eq: phone}, {field: channel, eq: email}]}, "
            "{any: [{field: channel, eq: twitter}, {field: channel, eq: yelp}]}]}",
        )
        + FALLBACK,
    )
    assert codes(found) == ["never-matches"]
    assert found[0].message.startswith(
        "rule `r` can never match: no alternative of `any` can hold: channel is phone and "
        "channel is twitter cannot all hold and channel is phone and channel is yelp cannot "
        "all hold and "
    )
    assert found[0].message.count("no alternative") == 1  # (it had been said twice in a row)


def test_an_alternative_a_test_no_value_passes_rules_out_is_told_once(tmp_path: Path) -> None:
    """`rating eq "5"` (text, where events carry a number) beside `rating gte 1`: the test is
    told by `test-never-holds`, which says the rule then matches only through the other
    alternatives; the alternative had been told again, as contradicting itself (found by
    review). Likewise through a named condition."""
    found = lint(
        tmp_path,
        rule(
            "r",
            "{any: [{field: channel, eq: phone}, "
            "{all: [{field: rating, eq: '5'}, {field: rating, gte: 1}]}, {use: five}]}",
        )
        + FALLBACK,
        conditions="  five: {all: [{field: rating, gte: 1}, {field: rating, eq: '5'}]}\n",
    )
    assert codes(found) == ["test-never-holds", "test-never-holds"]


def test_a_named_condition_that_never_holds_is_told_once_at_itself(tmp_path: Path) -> None:
    # Used as an alternative by two rules, it had been told at each of them.
    found = lint(
        tmp_path,
        rule("a", "{any: [{field: rating, lte: 2}, {use: calm}]}")
        + rule("b", "{any: [{field: channel, eq: phone}, {use: calm}]}")
        + FALLBACK,
        conditions="  calm: {all: [{field: rating, gte: 4}, {field: rating, lte: 1}]}\n",
    )
    (dead,) = (d for d in found if d.code == "alternative-never-holds")
    assert dead.message == (
        "the named condition `calm` can never hold: rating is 4 or more and rating is 1 or less "
        "cannot all hold; an `any` list that uses it, as rule `a`'s does, matches only "
        "through its other alternatives"
    )
    assert dead.source.pointer == "/conditions/calm"
    assert [r.pointer for r in dead.related] == ["/rules/0/when/any/1"]


def test_an_alternative_whose_own_any_list_has_none_left_is_told_itself(
    tmp_path: Path,
) -> None:
    # Nested: the `all` alternative never holds, since none of its `any` list's alternatives
    # can beside the rule's other `any` list; it is told, not each of those.
    found = lint(
        tmp_path,
        rule(
            "r",
            "{all: [{any: [{field: channel, eq: yelp}, {field: channel, eq: twitter}]}, "
            "{any: [{field: rating, eq: 5}, {all: [{field: rating, lte: 2}, "
            "{any: [{field: channel, eq: phone}, {field: channel, eq: email}]}]}]}]}",
        )
        + FALLBACK,
    )
    (dead,) = found
    assert dead.code == "alternative-never-holds"
    assert dead.source.pointer == "/rules/0/when/all/1/any/1"  # the `all` alternative
    assert dead.message.startswith(
        "this alternative of the `any` list of rule `r` can never hold with the rest of the "
        "rule: no alternative of `any` can hold: channel is phone and channel is yelp cannot "
        "all hold and "
    )


_CHANNELS = ("phone", "yelp", "twitter")
_NARROW_TESTS = st.one_of(
    st.builds(
        lambda op, value: {"field": "rating", op: value},
        st.sampled_from(["eq", "ne", "lt", "lte", "gt", "gte"]),
        st.integers(1, 5),
    ),
    st.builds(
        lambda op, value: {"field": "channel", op: value},
        st.sampled_from(["eq", "ne"]),
        st.sampled_from(_CHANNELS),
    ),
    st.builds(
        lambda op, values: {"field": "channel", op: values},
        st.sampled_from(["in", "not_in"]),
        st.lists(st.sampled_from(_CHANNELS), min_size=1, max_size=2, unique=True),
    ),
    st.builds(lambda kind: {"field": "type", "eq": kind}, st.sampled_from(["review", "order"])),
)
"""Tests on few fields with few values, so that the alternatives of random trees often
contradict the rest of their rule (the differential trees' tests rarely meet)."""
_DEAD_PRONE = st.builds(
    lambda required, lists: {"all": [*required, *({"any": items} for items in lists)]},
    st.lists(_NARROW_TESTS, min_size=0, max_size=2),
    st.lists(
        st.lists(
            st.one_of(
                _NARROW_TESTS,
                st.lists(_NARROW_TESTS, min_size=2, max_size=2).map(lambda both: {"all": both}),
            ),
            min_size=2,
            max_size=3,
        ),
        min_size=1,
        max_size=2,
    ),
)
"""One or two `any` lists beside tests on the same fields: their alternatives are often ruled
out, by the tests or by each other."""
_RIVALS = st.lists(
    st.lists(
        st.sampled_from((*_CHANNELS, "email")).map(lambda name: {"field": "channel", "eq": name}),
        min_size=2,
        max_size=3,
    ),
    min_size=2,
    max_size=2,
).map(lambda lists: {"all": [{"any": items} for items in lists]})
"""Two `any` lists of channels: often every alternative of one contradicts every alternative
of the other (the rule never matches, which the proof of the whole rule did not find: each
had been told the rule matched through the others)."""
_NARROW_EVENTS = [
    {"id": "e", "type": kind, **rating, **channel}
    for kind in ("review", "order", "x-custom")
    for rating in [{}, *({"rating": r} for r in (0, 1, 2, 2.5, 3, 4, 5, 6, "3", None))]
    for channel in [{}, *({"channel": c} for c in (*_CHANNELS, "email", None, 3))]
]
"""Every event of the few fields and values :data:`_NARROW_TESTS` reads (231), to decide
with both rules: random events seldom met what an alternative was there for."""


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_an_alternative_said_never_to_hold_changes_nothing_when_removed(
    data: st.DataObject,
) -> None:
    """`alternative-never-holds` says the rule matches only through its other alternatives:
    the rule without that alternative matches the very same events (of the event schema's
    kinds where the proof drew on it; no proof of a rule told `never-matches` is told), and
    its `any` list has an alternative left."""
    from dataclasses import replace

    from engine.lint.proofs import alternatives
    from engine.model import AllOf, AnyOf, Condition, Not
    from tests.test_differential import rule_applies

    def without(node: Condition, within: AnyOf, item: Condition) -> Condition:
        if node is within:
            return replace(within, items=tuple(i for i in within.items if i is not item))
        if isinstance(node, (AllOf, AnyOf)):
            return replace(node, items=tuple(without(i, within, item) for i in node.items))
        if isinstance(node, Not):
            return replace(node, item=without(node.item, within, item))
        return node

    scope = data.draw(st.sampled_from([{}, {"event": "review"}, {"event": ["order", "review"]}]))
    tree = data.draw(st.one_of(_DEAD_PRONE, _RIVALS, conditions(), condition_trees(_NARROW_TESTS)))
    when = {**scope, "all": [tree]}
    apology = [{"apologize": {}}]
    document = plan_document([{"id": "r", "title": "R", "when": when, "then": apology}], "all")
    model = compile_document(document).model
    (checked,) = model.rules
    if first_contradictions(model)[checked.position] is not None:
        return
    found = alternatives(model, checked).dead
    for dead in found:
        assert dead.item in dead.within.items
        # "matches only through its other alternatives": one is left (else never-matches)
        assert len({id(d.item) for d in found if d.within is dead.within}) < len(
            dead.within.items
        ), dead.why.message
        if dead.why.schema:  # true of events that follow the schema only
            continue
        narrower = replace(checked, condition=without(checked.condition, dead.within, dead.item))
        for event in [*_NARROW_EVENTS, *data.draw(st.lists(any_events(), max_size=8))]:
            assert rule_applies(checked, event, model) == rule_applies(narrower, event, model), (
                dead.why.message,
                event,
            )


@st.composite
def _hiding_rules(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Two to four rules of :data:`_NARROW_TESTS`, some narrowing an earlier one (so that
    one often matches whenever another does), of random priorities, `stop: true` and
    fallbacks: what `shadowed-rule` reasons about."""
    trees: list[Any] = []
    rules = []
    for number in range(draw(st.integers(2, 4))):
        tree = draw(st.one_of(_NARROW_TESTS, condition_trees(_NARROW_TESTS, most=4)))
        if trees and draw(st.booleans()):  # narrower than (or as narrow as) one before
            tree = {"all": [draw(st.sampled_from(trees)), tree]}
        trees.append(tree)
        scope = draw(st.sampled_from([{}, {"event": "review"}, {"event": ["order", "review"]}]))
        rules.append(
            {
                "id": f"r{number}",
                "title": f"r{number}",
                "when": {**scope, "all": [tree]},
                "then": [{"apologize": {}}],
                "priority": draw(st.sampled_from([0, 5])),
                "stop": draw(st.booleans()),
                "fallback": draw(st.integers(0, 3)) == 0,
            }
        )
    return rules


@settings(max_examples=200, deadline=None)
@given(rules=_hiding_rules(), match=st.sampled_from(["all", "first"]), data=st.data())
def test_a_rule_told_it_can_never_fire_never_fires(
    rules: list[dict[str, Any]], match: str, data: st.DataObject
) -> None:
    """`shadowed-rule` says a rule can never fire: on no event, of any kind, does it fire
    (by the reference meaning of the conditions, firing order, `stop:` and fallbacks)."""
    from tests.test_differential import reference_firing

    model = compile_document(plan_document(rules, match)).model
    hidden = never_firing(model)
    for event in [*_NARROW_EVENTS, *data.draw(st.lists(any_events(), max_size=8))]:
        fired, _ = reference_firing(model, event)
        for earlier, later in hidden:
            assert later.id not in fired, (earlier.id, later.id, event)


DRIVER = "{event: complaint, all: [{field: issue, eq: rude}, {field: staff.team, eq: drivers}]}"
"""A narrow rule's conditions: every event they hold for, :data:`STAFF`'s hold for too."""
STAFF = "{event: complaint, all: [{field: issue, in: [rude, impolite]}]}"


def offer_never_given(
    tmp_path: Path,
    driver: str,
    staff: str,
    *,
    driver_extra: str = "",
    staff_extra: str = "",
    driver_when: str = DRIVER,
    plan: str = "",
) -> list[Diagnostic]:
    """The `offer-never-given` findings of a plan of `rude-staff` (:data:`STAFF`, offering
    ``staff``) then `rude-driver` (offering ``driver``), both of priority 0 unless their extra
    keys say otherwise, and a fallback."""
    found = lint(
        tmp_path,
        rule("rude-staff", STAFF, staff_extra, f"[{{compensate: {{kind: voucher, {staff}}}}}]")
        + rule(
            "rude-driver",
            driver_when,
            driver_extra,
            f"[{{compensate: {{kind: voucher, {driver}}}}}]",
        )
        + FALLBACK,
        plan=plan,
    )
    return [d for d in found if d.code == "offer-never-given"]


def test_an_offer_a_broader_rule_always_outbids_is_told(tmp_path: Path) -> None:
    """A manager's `rude-driver` voucher (10%, at most 20) beside the starter's `rude-staff`
    (10%, at least 10, at most 30), which fires whenever it does: under `combine: max` the
    driver's was never given, and lint said nothing (found by review)."""
    [found] = offer_never_given(
        tmp_path,
        "percent: 10, of: order.total, max: 20",
        "percent: 10, of: order.total, min: 10, max: 30",
    )
    assert found.message == (
        "the voucher of rule `rude-driver` is never the one given: whenever it fires, rule "
        "`rude-staff` fires too, and under `combine: max` only the largest offer is given, "
        "which is `rude-staff`'s, a voucher of 10% of order total (at least 10.00 USD, at most "
        "30.00 USD); on a tie, the offer of the rule that fires first is given: `rude-staff`"
    )
    assert found.hint == (
        "to have it given, make it larger than `rude-staff`'s; or, to have it replace "
        "`rude-staff`'s, add `stop: true` to `rude-driver` and give it `priority: 10`; or "
        "remove the offer"
    )
    assert (found.source.line, found.source.column) == (15, 25)  # rude-driver's compensate


def test_an_offer_at_the_largest_priority_is_moved_into_the_file_of_the_rule_first(
    tmp_path: Path,
) -> None:
    """On a tie at `priority: 1000000`, `rude-staff` of `plan.yaml` fires before
    `rude-driver` of `vip.yaml`, and no place in `vip.yaml` is before it: the hint had said
    "move it above rule `rude-staff` in the plan" (found by review)."""
    top, voucher = "    priority: 1000000\n", "[{compensate: {kind: voucher, amount: 10}}]"
    driver = rule("rude-driver", DRIVER, top, voucher)
    found = lint(tmp_path, rule("rude-staff", STAFF, top, voucher) + FALLBACK, other_file=driver)
    [told] = [d for d in found if d.code == "offer-never-given"]
    assert told.hint.endswith(
        "add `stop: true` to `rude-driver` and give it `priority: 1000000` and move it into "
        f"{tmp_path / 'plan.yaml'}, above rule `rude-staff`; or remove the offer"
    ), told.hint


@pytest.mark.parametrize(
    ("driver", "staff", "driver_extra"),
    [
        ("amount: 10", "amount: 20", "    priority: 5\n"),  # larger: whichever fires first
        ("amount: 10", "amount: 10", ""),  # as large, and fires first
        ("amount: 30, max: 10", "amount: 10", ""),  # the driver's is cut to its max, 10
        ("percent: 10, of: order.total, max: 20", "amount: 25", "    priority: 5\n"),
        ("percent: 10, of: order.total, min: 5, max: 20", "amount: 20", ""),
        (
            "percent: 5, of: order.total, min: 5, max: 20",
            "percent: 10, of: order.total, min: 5",
            "",
        ),
        ("percent: 10, of: order.total", "percent: 10, of: order.total", ""),
    ],
)
def test_each_proof_that_an_offer_is_outbid_is_told(
    tmp_path: Path, driver: str, staff: str, driver_extra: str
) -> None:
    found = offer_never_given(tmp_path, driver, staff, driver_extra=driver_extra)
    assert [d.message.split(":")[0] for d in found] == [
        "the voucher of rule `rude-driver` is never the one given"
    ]


@pytest.mark.parametrize(
    ("driver", "staff", "options"),
    [
        # offers added up: both are given
        ("amount: 10", "amount: 20", {"plan": "  compensation: {combine: sum}\n"}),
        # only one rule fires
        ("amount: 10", "amount: 20", {"plan": "  match: first\n"}),
        # rude-staff does not fire for every event rude-driver fires for
        ("amount: 10", "amount: 20", {"driver_when": "{event: complaint}"}),
        # the driver's is larger on some events: its max is higher, or it has none
        ("percent: 10, of: order.total, max: 40", "percent: 10, of: order.total, max: 30", {}),
        ("percent: 10, of: order.total", "percent: 10, of: order.total, max: 30", {}),
        ("percent: 10, of: order.total, max: 30", "amount: 20", {}),
        ("percent: 10, of: order.total", "amount: 200", {}),
        ("percent: 12, of: order.total", "percent: 10, of: order.total", {}),
        ("percent: 10, of: order.total, min: 15", "percent: 10, of: order.total, min: 10", {}),
        ("amount: 10", "percent: 50, of: order.total, min: 9", {}),
        # a percentage of another field: the two are not compared
        ("percent: 5, of: order.total", "percent: 10, of: order.shipping", {}),
        # a tie goes to the rule that fires first: rude-driver
        ("amount: 10", "amount: 10", {"driver_extra": "    priority: 5\n"}),
        (
            "percent: 10, of: order.total",
            "percent: 10, of: order.total",
            {"driver_extra": "    priority: 5\n"},
        ),
        (
            "percent: 5, of: order.total, max: 10",
            "amount: 10",
            {"driver_extra": "    priority: 5\n"},
        ),
        # rude-driver fires first and stops rude-staff
        ("amount: 10", "amount: 20", {"driver_extra": "    priority: 5\n    stop: true\n"}),
        # rude-staff fires first and stops rude-driver: shadowed-rule's to tell
        ("amount: 10", "amount: 20", {"staff_extra": "    stop: true\n"}),
        # rude-staff is switched off
        ("amount: 10", "amount: 20", {"staff_extra": "    enabled: false\n"}),
    ],
)
def test_an_offer_not_proved_outbid_is_not_told(
    tmp_path: Path, driver: str, staff: str, options: dict[str, str]
) -> None:
    assert offer_never_given(tmp_path, driver, staff, **options) == []


def test_a_stop_between_the_offers_proves_nothing(tmp_path: Path) -> None:
    """rude-driver fires first; a rule with `stop: true` between it and rude-staff may stop the
    list before rude-staff fires, and then rude-driver's offer is the one given."""
    stopper = rule(
        "urgent",
        "{event: complaint, all: [{field: severity, eq: high}]}",
        "    priority: 3\n    stop: true\n",
    )
    found = lint(
        tmp_path,
        rule("rude-staff", STAFF, then="[{compensate: {kind: voucher, amount: 20}}]")
        + stopper
        + rule(
            "rude-driver",
            DRIVER,
            "    priority: 5\n",
            "[{compensate: {kind: voucher, amount: 10}}]",
        )
        + FALLBACK,
    )
    assert "offer-never-given" not in codes(found), [d.render() for d in found]


@pytest.mark.parametrize(
    ("driver", "staff"),
    [
        # rude-staff fires after: larger on every complaint, its `min` above rude-driver's
        # (a missing total gives both their `min`), its `max` above, and no rounding tie
        ("percent: 10, of: order.total, max: 20", "percent: 15, of: order.total, min: 5, max: 30"),
        ("percent: 10, of: order.total, max: 20", "percent: 15, of: order.total, min: 5"),
        ("percent: 10, of: order.total", "percent: 15, of: order.total, min: 5"),
        ("percent: 10, of: order.total", "percent: 10.5, of: order.total, min: 0.21"),
        # a `min` never reached by the other's most, whatever the order
        ("amount: 10", "percent: 50, of: order.total, min: 11"),
        ("percent: 50, of: order.shipping, max: 8", "percent: 5, of: order.total, min: 9"),
    ],
)
def test_an_offer_outbid_by_a_rule_firing_after_it_is_told(
    tmp_path: Path, driver: str, staff: str
) -> None:
    """Under `combine: max` the largest offer is given whatever the order, so a percentage
    larger on every complaint outbids one of a rule that fires first: lint had said nothing
    of any percentage of a rule firing after (last session's note)."""
    found = offer_never_given(tmp_path, driver, staff, driver_extra="    priority: 5\n")
    assert [d.message.split(":")[0] for d in found] == [
        "the voucher of rule `rude-driver` is never the one given"
    ]
    assert "on a tie" not in found[0].message  # rude-driver fires first: it would win a tie


@pytest.mark.parametrize(
    ("driver", "staff"),
    [
        # no `min`: a complaint without a total gives both 0, and rude-driver's is given
        ("percent: 10, of: order.total, max: 20", "percent: 15, of: order.total, max: 30"),
        # the same `min`: both give it where the total is missing
        (
            "percent: 10, of: order.total, min: 5, max: 20",
            "percent: 15, of: order.total, min: 5, max: 30",
        ),
        # the same `max`: both reach it on a large order
        ("percent: 10, of: order.total, max: 20", "percent: 15, of: order.total, min: 5, max: 20"),
        # rude-driver has no `max`: on a large order it passes rude-staff's
        ("percent: 10, of: order.total", "percent: 15, of: order.total, min: 5, max: 30"),
        # a percent no larger
        ("percent: 10, of: order.total", "percent: 10, of: order.total, min: 5"),
        # rounding ties: 10% and 10.5% of 1.95 are both 0.20, rude-staff's `min`
        ("percent: 10, of: order.total", "percent: 10.5, of: order.total, min: 0.2"),
        # another field: its value is missing or small where order.total is not
        ("percent: 10, of: order.total, max: 20", "percent: 15, of: order.shipping, min: 5"),
        # a `min` the other's most reaches, and rude-driver fires first: a tie is its own
        ("amount: 10", "percent: 50, of: order.total, min: 10"),
    ],
)
def test_an_offer_not_proved_outbid_by_a_later_rule_is_not_told(
    tmp_path: Path, driver: str, staff: str
) -> None:
    assert offer_never_given(tmp_path, driver, staff, driver_extra="    priority: 5\n") == []


def test_a_rounding_tie_gives_the_first_offer(tmp_path: Path) -> None:
    """What the neighbour above says: 10% and 10.5% (at least 0.20) of a total of 1.95 are
    both 0.20, and the offer of the rule that fires first, rude-driver's, is given."""
    path = write_plan(
        tmp_path,
        "rules:\n"
        + rule(
            "rude-staff",
            STAFF,
            "",
            "[{compensate: {kind: voucher, percent: 10.5, of: order.total, min: 0.2}}]",
        )
        + rule(
            "rude-driver",
            DRIVER,
            "    priority: 5\n",
            "[{compensate: {kind: voucher, percent: 10, of: order.total}}]",
        )
        + FALLBACK,
        header="backplan: 1\nplan:\n  name: Lint Store\n  currency: USD\n",
    )
    event = {
        "id": "e",
        "type": "complaint",
        "issue": "rude",
        "staff": {"team": "drivers"},
        "order": {"total": 1.95},
    }
    [offer] = [a for a in load_plan(path).evaluate(event).actions if a.type == "compensate"]
    assert (offer.rule, offer.params["amount"]) == ("rude-driver", "0.20")


def test_a_fallback_that_stops_does_not_hide_an_ordinary_offer_never_given(tmp_path: Path) -> None:
    """A fallback rule's `stop: true` between two ordinary rules stops nothing for them
    (fallbacks fire only where no ordinary rule matched): `big` fires with `small`, and its 20
    is given over small's 5, which lint had not said (found by review)."""
    rude = "{all: [{field: issue, eq: rude}]}"
    found = lint(
        tmp_path,
        rule("small", rude, "    priority: 3\n", "[{compensate: {kind: voucher, amount: 5}}]")
        + rule(
            "low-rating",  # (for complaints no ordinary rule takes: it can fire)
            "{all: [{field: rating, lte: 2}]}",
            "    priority: 2\n    fallback: true\n    stop: true\n",
        )
        + rule("big", rude, "    priority: 1\n", "[{compensate: {kind: voucher, amount: 20}}]")
        + FALLBACK,
    )
    [told] = [d for d in found if d.code == "offer-never-given"]
    assert told.message.startswith("the voucher of rule `small` is never the one given")
    event = {"id": "e", "type": "complaint", "issue": "rude"}
    [given_] = [a for a in load_plan(tmp_path).evaluate(event).actions if a.type == "compensate"]
    assert given_.rule == "big"


def all_pairs_offer_never_given(plan: PlanModel) -> list[tuple[int, int, str]]:
    """The reference of `offer-never-given`, every pair of rules compared plainly: for each
    offer (line, column) of a rule that may match, the first rule in firing order of its kind
    that fires whenever it does, provided it matches (no `stop: true` from it to before that
    rule), with an offer proved at least as large, that ``implies`` proves matches too.

    Among the rules ``RuleIndex`` finds, as before: it misses a rule implied only because an
    alternative of an `any` list contradicts the rest (`any: [{rating: lte 1}, {issue: eq
    rude}]` beside `rating gt 4` implies `issue eq rude`), for `shadowed-rule` too."""
    hidden = {later.position for _, later in never_firing(plan)}
    dead = {p for p, found in first_contradictions(plan).items() if found and not found.schema}
    ordered = [r for r in plan.firing_order() if r.enabled and r.position not in hidden]
    conjuncts = plan_conjuncts(plan)
    step = money_step(plan.settings.currency)

    def offers(rule: Any) -> list[Any]:
        return [a for a in rule.then if a.type == "compensate"]

    sizes = {id(a): offer_size(a, step) for r in ordered for a in offers(r)}
    index = RuleIndex()
    for rule_ in ordered:
        index.add(rule_, conjuncts[rule_.position])
    found: list[tuple[int, int, str]] = []
    for x, later in enumerate(ordered):
        if later.position in dead:
            continue
        indexed = index.candidates(conjuncts[later.position])
        for offer in offers(later):
            for y, rival in enumerate(ordered):
                if y == x or rival.fallback != later.fallback or rival not in indexed:
                    continue
                if y > x and any(
                    ordered[n].stop and ordered[n].fallback == later.fallback for n in range(x, y)
                ):
                    continue
                first = y < x
                if not any(outbids(t, offer, first, sizes, step) for t in offers(rival)):
                    continue
                if implies(conjuncts[later.position], Both(conjuncts[rival.position])):
                    found.append((offer.at.line, offer.at.column, rival.id))
                    break
    return found


OFFER_TESTS = st.sampled_from(
    [
        {"field": "issue", "eq": "rude"},
        {"field": "issue", "in": ["rude", "late"]},
        {"field": "rating", "lte": 2},
        {"field": "rating", "lte": 3},
        {"field": "text", "contains": "cold"},
        {"field": "text", "contains": "late"},
        {"any": [{"field": "rating", "lte": 1}, {"field": "issue", "eq": "rude"}]},
        {"any": [{"field": "text", "contains": "cold"}, {"field": "rating", "lte": 2}]},
        {"field": "rating", "gt": 4},
    ]
)


@st.composite
def offer_actions(draw: st.DrawFn) -> dict[str, Any]:
    """A fixed amount (within a `max` or not) or a percentage with or without `min` and `max`."""
    if draw(st.booleans()):
        fixed: dict[str, Any] = {"kind": "voucher", "amount": draw(st.sampled_from([5, 10, 20]))}
        if draw(st.booleans()):
            fixed["max"] = draw(st.sampled_from([8, 10, 30]))
        return {"compensate": fixed}
    share: dict[str, Any] = {
        "kind": "voucher",
        "percent": draw(st.sampled_from([5, 10, 10.5, 15, 50])),
        "of": draw(st.sampled_from(["order.total", "order.total", "order.shipping"])),
    }
    low = draw(st.sampled_from([None, 0.2, 0.21, 5, 10, 11]))
    high = draw(st.sampled_from([None, 10, 20, 30]))
    if low is not None:
        share["min"] = low
    if high is not None and (low is None or high >= low):
        share["max"] = high
    return {"compensate": share}


@st.composite
def offer_rules(draw: st.DrawFn) -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = []
    for number in range(draw(st.integers(2, 7))):
        when: dict[str, Any] = {"all": draw(st.lists(OFFER_TESTS, min_size=1, max_size=3))}
        kinds = draw(st.sampled_from([None, "complaint", ["complaint", "review"]]))
        if kinds is not None:
            when["event"] = kinds
        found: dict[str, Any] = {
            "id": f"r{number}",
            "title": f"r{number}",
            "priority": draw(st.integers(0, 3)),
            "when": when,
            "then": draw(st.lists(offer_actions(), min_size=1, max_size=2)),
        }
        if draw(st.integers(0, 5)) == 0:
            found["stop"] = True
        if draw(st.integers(0, 7)) == 0:
            found["enabled"] = False
        if draw(st.integers(0, 5)) == 0:  # fires only where no ordinary rule matched
            found["fallback"] = True
        rules.append(found)
    return rules


@settings(max_examples=150, deadline=None)
@given(offer_rules())
def test_offer_never_given_tells_what_every_pair_compared_tells(
    rules: list[dict[str, Any]],
) -> None:
    """The check compares only the pairs its sets of rules leave, and refutes most without a
    proof: on small random plans it tells exactly what comparing every pair tells."""
    document = {"backplan": 1, "plan": {"name": "Offers", "currency": "USD"}, "rules": rules}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
        plan, errors = validate_plan(path)
        assert plan is not None, [e.render() for e in errors]
        told = [
            (d.source.line, d.source.column, d.message.split("`")[3])
            for d in OfferNeverGiven().check(plan)
            if d.source is not None
        ]
        assert told == all_pairs_offer_never_given(plan)


APOLOGY = [{"apologize": {}}]


@settings(max_examples=100, deadline=None)
@given(offer_rules())
@example(  # `late` rule is filed under one of its values: the other brings in no rule
    [
        {
            "id": "rude",
            "title": "r",
            "when": {"all": [{"field": "issue", "eq": "rude"}]},
            "then": APOLOGY,
        },
        {
            "id": "late",
            "title": "l",
            "when": {"all": [{"field": "issue", "eq": "late"}, {"field": "store", "eq": "s1"}]},
            "then": APOLOGY,
        },
    ]
)
def test_the_rule_index_s_bits_are_its_candidates(rules: list[dict[str, Any]]) -> None:
    """``RuleIndex.bits`` is ``candidates`` as bits, but for the rules whose range tests
    ``candidates`` proves the rule does not imply (``offer-never-given`` narrows by the bits,
    then refutes such pairs itself, and the reference above by ``candidates``): a rule more
    among the bits is one the proof refuses, and one fewer is never compared."""
    document = {"backplan": 1, "plan": {"name": "Offers", "currency": "USD"}, "rules": rules}
    model = compile_document(document, generated=False).model
    conjuncts = plan_conjuncts(model)
    index = RuleIndex()
    for rule_ in model.rules:
        index.add(rule_, conjuncts[rule_.position])
    places = {r.position: n for n, r in enumerate(model.rules)}  # the order added
    for rule_ in model.rules:
        mine = conjuncts[rule_.position]
        found = index.candidates(mine)
        expected = sum(1 << places[r.position] for r in found)
        refuter = RangeRefuter(mine)
        for other in model.rules:
            if index.bits(mine) >> places[other.position] & 1 and other not in found:
                wanted = conjuncts[other.position]
                assert refuter.usable and refuter.refutes(ranges_required(wanted))
                assert not implies(mine, Both(wanted))
                expected |= 1 << places[other.position]
        assert index.bits(mine) == expected


OFFER_BASES = (
    None,
    0,
    0.01,
    0.5,
    1.95,
    2,
    3.99,
    9.99,
    10,
    19.5,
    40,
    99.99,
    100,
    150.5,
    333.33,
    5000,
)
"""Bases of the random offers' percentages: missing, zero, tiny (10% and 10.5% of 1.95 are
both 0.20: a rounding tie), between the random `min` and `max`, and past every `max`."""


@st.composite
def offer_events(draw: st.DrawFn) -> dict[str, Any]:
    """A complaint or review that the random offer rules' tests may take or leave (its order,
    the bases of their percentages, is set by the test: :data:`OFFER_BASES`)."""
    event: dict[str, Any] = {"id": "e", "type": draw(st.sampled_from(["complaint", "review"]))}
    for field, values in (
        ("issue", ["rude", "late", "other", None]),
        ("rating", [1, 2, 3, 4, 5, None]),
        ("text", ["cold", "late", "cold and late", "fine", None]),
    ):
        value = draw(st.sampled_from(values))
        if value is not None:
            event[field] = value
    return event


def _with_bases(event: dict[str, Any], total: Any, shipping: Any) -> dict[str, Any]:
    order = {k: v for k, v in (("total", total), ("shipping", shipping)) if v is not None}
    return {**event, "order": order} if order else event


_TIE = [
    {
        "id": "r0",
        "title": "r0",
        "priority": 3,
        "when": {"all": [{"field": "issue", "eq": "rude"}]},
        "then": [{"compensate": {"kind": "voucher", "percent": 10, "of": "order.total"}}],
    },
    {
        "id": "r1",
        "title": "r1",
        "priority": 0,
        "when": {"all": [{"field": "issue", "eq": "rude"}]},
        "then": [
            {"compensate": {"kind": "voucher", "percent": 10.5, "of": "order.total", "min": 0.2}}
        ],
    },
]


@settings(max_examples=200, deadline=None)
@given(offer_rules(), st.lists(offer_events(), min_size=6, max_size=6))
@example(_TIE, [{"id": "e", "type": "complaint", "issue": "rude"}])  # the rounding tie
@example([{**r, "then": [{"compensate": {"kind": "voucher", "amount": 10}}]} for r in _TIE], [])
def test_an_offer_told_never_given_is_never_given(
    rules: list[dict[str, Any]], events: list[dict[str, Any]]
) -> None:
    """What the warning says, checked by deciding: the offer it names is not the one any
    decision gives, whatever the event's fields and the bases of its percentages. The test
    above holds the check to comparing every pair, with the module's own comparison of offers;
    this one holds that comparison to the decisions (a proof that a percentage outbids another
    it fires after, had it not allowed for rounding, fails the first example: 10% of 1.95 and
    10.5% of it, at least 0.20, are both 0.20, and the first rule's offer is given)."""
    _told_offers_are_never_given(rules, events)


@settings(max_examples=400, deadline=None)
@given(st.lists(offer_actions(), min_size=2, max_size=3), st.permutations([0, 1, 2]))
def test_offers_of_rules_that_fire_together_told_never_given_are_never_given(
    offers: list[dict[str, Any]], priorities: list[int]
) -> None:
    """The same, for the comparison of offers alone: rules with one condition, so that each
    fires whenever another does, and an offer each in a random firing order (ties, rounding,
    a `max` under the other's, a `min` at the other's)."""
    rules = [
        {
            "id": f"r{number}",
            "title": f"r{number}",
            "priority": priorities[number],
            "when": {"all": [{"field": "issue", "eq": "rude"}]},
            "then": [offer],
        }
        for number, offer in enumerate(offers)
    ]
    _told_offers_are_never_given(rules, [])


def _told_offers_are_never_given(rules: list[dict[str, Any]], events: list[dict[str, Any]]) -> None:
    """Decide ``events``, and complaints and reviews of a rude issue, with every base of
    :data:`OFFER_BASES`: no decision gives an offer `offer-never-given` tells of ``rules``."""
    document = {"backplan": 1, "plan": {"name": "Offers", "currency": "USD"}, "rules": rules}
    events = events + [{"id": "e", "type": t, "issue": "rude"} for t in ("complaint", "review")]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
        model, errors = validate_plan(path)
        assert model is not None, [e.render() for e in errors]
        told = [d.source for d in OfferNeverGiven().check(model) if d.source is not None]
        if not told:
            return
        plan = load_plan(path)
    offers = {
        (a.at.line, a.at.column): (r.id, a)
        for r in model.rules
        for a in r.then
        if a.type == "compensate"
    }
    for at in told:
        rule_id, offer = offers[(at.line, at.column)]
        kind = _planned_kind(offer)
        alike = [a for i, a in offers.values() if i == rule_id and _planned_kind(a) == kind]
        if len(alike) > 1:
            continue  # two offers of the rule the decision cannot tell apart
        for event in events:
            for base in OFFER_BASES:
                for shipping in (None, base):
                    decided = plan.evaluate(_with_bases(event, base, shipping))
                    given_ = [a for a in decided.actions if a.type == "compensate"]
                    assert all(
                        a.rule != rule_id or _offer_kind(a.params) != kind for a in given_
                    ), (event, base, shipping, rule_id, kind)


def _planned_kind(offer: Any) -> tuple[str, ...]:
    """:func:`_offer_kind` of an offer as the plan writes it."""
    return _offer_kind({"percent": offer.percent, "of": offer.of})


def _offer_kind(params: Any) -> tuple[str, ...]:
    """What tells an offer's action in a decision: a percentage's percent and field, else a
    fixed amount (its amount after `max`)."""
    if "percent" in params and params["percent"] is not None:
        return ("percent", str(Decimal(str(params["percent"])).normalize()), params["of"])
    return ("fixed",)


def test_offer_never_given_does_not_prove_every_pair(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rules of one event type, each finding its own word, with offers most of which another
    rule's outbids: no rule implies another. The check had tried the proof for every pair
    whose offers compared (117,000 proofs on 1,500 rules: lint took 3 s instead of 0.4); a
    rule's tests of one field answer it now, and the proof is left for what they do not
    refute: none here."""
    proofs: list[object] = []
    real = offers_module.implies

    def counted(*args: Any) -> bool:
        proofs.append(args)
        return real(*args)

    monkeypatch.setattr(offers_module, "implies", counted)
    amounts = ["amount: 5", "amount: 10", "amount: 20", "percent: 10, of: order.total, max: 20"]
    rules = "".join(
        rule(
            f"r{n}",
            f"{{event: complaint, all: [{{field: rating, lte: {1 + n % 3}}}, "
            f"{{field: text, contains: word{n}}}]}}",
            f"    priority: {n % 7}\n",
            f"[{{compensate: {{kind: voucher, {amounts[n % 4]}}}}}]",
        )
        for n in range(80)
    )
    found = lint(tmp_path, rules + FALLBACK)
    assert "offer-never-given" not in codes(found)
    assert len(proofs) <= 80, len(proofs)  # one a rule at the most, not one a pair


def test_many_misspelt_fields_among_many_extra_fields_are_each_compared_with_few(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """500 misspelt fields (`shop.custom_00012_valeu`) among 1,000 `extra_fields` took lint
    15 s or more: each misspelt field was compared letter by letter with every listed field
    (`unknown-field`), and each listed field no rule reads with every misspelt one
    (`unused-extra-field`). Now with those a slip or two of a letter away, all in one pass:
    the same warnings, the same guesses."""
    compared = count_compared(monkeypatch)
    count = 150
    extra = ", ".join(f"shop.custom_{n:05d}_value" for n in range(2 * count))
    rules = "".join(
        rule(
            f"r{n}",
            f"{{all: [{{field: shop.custom_{n:05d}_valeu, eq: 1}}, "
            f"{{field: shop.custom_{n:05d}_value, eq: 2}}]}}",
        )
        for n in range(count)
    )
    found = lint(tmp_path, rules + FALLBACK, plan=f"  extra_fields: [{extra}]\n")
    unknown = [d.message for d in found if d.code == "unknown-field"]
    unused = [d.message for d in found if d.code == "unused-extra-field"]
    assert (len(unknown), len(unused)) == (count, count)
    assert "(did you mean `shop.custom_00012_value`?)" in unknown[12]
    assert "`shop.custom_00162_value` in `extra_fields`" in unused[12]
    assert "(did you mean `shop.custom_00146_value`?)" in unused[12]  # as it was
    assert sum(compared) < 15_000  # 75,600 when each was compared with every one


def test_values_are_found_as_written_in_a_plan_saved_as_utf16(tmp_path: Path) -> None:
    # A UTF-16 plan (Notepad's "Unicode") loads, but its lines were read again as UTF-8 to find
    # how a value is written: lint said "no problems found" of `1.500` and of `"C:\temp"`.
    then = (
        "[{compensate: {kind: voucher, amount: 1.500}},"
        ' {note: {message: "See C:\\temp for the log"}}]'
    )
    path = write_plan(tmp_path, "rules:\n" + rule("a", "{event: order}", then=then) + FALLBACK)
    as_utf8 = [(d.code, d.source.line, d.source.column) for d in lint_plan(path)]
    path.write_bytes(path.read_text("utf-8").encode("utf-16"))
    found = [(d.code, d.source.line, d.source.column) for d in lint_plan(path)]
    assert [code for code, *_ in found] == [
        "amount-finer-than-currency",
        "control-character-in-text",
    ]
    assert found == as_utf8


def test_a_value_on_the_first_line_of_a_plan_saved_with_a_byte_order_mark_is_read_as_written(
    tmp_path: Path,
) -> None:
    # The file's lines were read again keeping the UTF-8 byte-order mark that loading drops,
    # so the first line's places were a character off: `per_event_max: 150.500` was read as
    # ` 150.500`, no number, and its warning left out.
    plan = (
        "plan: {name: Shop, currency: USD, compensation: {per_event_max: 150.500}}\n"
        "backplan: 1\nrules:\n" + rule("a", "{event: order}") + FALLBACK
    )
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + plan.encode())
    found = [d for d in lint_plan(path) if d.code == "amount-finer-than-currency"]
    assert [(d.source.line, d.source.column) for d in found] == [(1, 65)]
    assert "`per_event_max: 150.500`, which is 150.50 USD" in found[0].message


@pytest.mark.parametrize("before", ["&amt ", "!!float ", "&amt !!float "])
def test_an_amount_after_an_anchor_or_a_tag_is_read_as_written(tmp_path: Path, before: str) -> None:
    # The place of `amount: &amt 1.500` is its anchor's: `&amt 1.500` was read as no number, and
    # 1.500 (1.50 USD) was told as an amount finer than the currency, or not at all.
    then = f"[{{compensate: {{kind: voucher, amount: {before}1.500}}}}]"
    found = [d for d in lint(tmp_path, rule("r", "{event: review}", then=then) + FALLBACK)]
    assert [d.code for d in found] == ["amount-finer-than-currency"]
    assert "has `amount: 1.500`, which is 1.50 USD" in found[0].message, found[0].message


@pytest.mark.parametrize("before", ["&msg ", "!!str ", "&msg !!str "])
def test_a_windows_path_after_an_anchor_or_a_tag_is_told(tmp_path: Path, before: str) -> None:
    then = f'[{{note: {{message: {before}"See C:\\new"}}}}]'
    [found] = lint(tmp_path, rule("r", "{event: review}", then=then) + FALLBACK)
    assert found.code == "control-character-in-text"
    assert "a line break right after `C:`" in found.message, found.message


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_line_separator_in_a_text_leaves_what_follows_read_as_written(
    tmp_path: Path, separator: str
) -> None:
    # libyaml counts a line separator (or a NEL) in the description's quotes as a line break:
    # the file's lines read at `\n` alone put `amount: 1.500` and the Windows path one line
    # below where they are, and lint told neither.
    then = (
        '\n      - compensate: {kind: voucher, amount: 1.500}\n      - note: {message: "C:\\new"}'
    )
    found = lint(
        tmp_path,
        rule("r", "{event: review}", then=then) + FALLBACK,
        plan=f'  description: "Two{separator}lines"\n',
    )
    assert codes(found) == ["amount-finer-than-currency", "control-character-in-text"]


def test_a_rule_after_not_between_two_texts_is_not_said_never_to_fire(tmp_path: Path) -> None:
    # `not: {between: [a, m]}` holds for every number (a range of texts refuses none) and for
    # texts outside the range, not for `b...`: rule `a` leaves `b`'s ids to it. Read as refusing
    # every number, the text range had made the proof say `b` never fires.
    rules = (
        rule("a", "{all: [{not: {field: order.id, between: [a, m]}}]}")
        + rule("b", "{all: [{field: order.id, starts_with: b}]}")
        + FALLBACK
    )
    assert lint(tmp_path, rules, plan="  match: first\n") == []


def _stop_hides(tmp_path: Path, rules: str, plan: str = "") -> list[Diagnostic]:
    found = lint(tmp_path, rules + FALLBACK, plan=plan)
    assert all(d.severity is Severity.WARNING for d in found), [d.render() for d in found]
    return [d for d in found if d.code == "stop-hides-escalation"]


def test_a_stop_rule_that_can_take_an_escalating_rules_complaint_is_told(tmp_path: Path) -> None:
    """A VIP rule of a higher priority with `stop: true` and a voucher took a VIP's allergy
    complaint: the allergy rule's escalation never happened, and lint said nothing (found by a
    restaurant owner's review)."""
    rules = rule(
        "vip", "{all: [{field: customer.tier, eq: vip}]}", "    priority: 300\n    stop: true"
    )
    rules += rule("allergy", _ALLERGY, "    priority: 200", _ESCALATE)
    [told] = _stop_hides(tmp_path, rules)
    assert told.message == (
        "rule `allergy` escalates, but rule `vip` fires before it with `stop: true` and can "
        "match the same complaint: for such a complaint `allergy` does not fire, and no one is "
        "escalated to"
    )
    assert told.hint == (
        "to escalate whenever `allergy` matches, give it `priority: 310` (above `vip`), add an "
        "`escalate` to `vip`, or narrow the `when:` of `vip`"
    )
    assert (told.source.line, [r.line for r in told.related]) == (16, [12])  # its `stop`


_VIP = "{all: [{field: customer.tier, eq: vip}]}"


@pytest.mark.parametrize(
    ("vip_when", "stop", "vip_then", "plan"),
    [
        # the stop rule escalates too: someone is escalated to
        (_VIP, True, "[{escalate: {to: owner}}]", ""),
        # no complaint is both: the VIP rule is for reviews only
        ("{event: review, all: [{field: customer.tier, eq: vip}]}", True, _APOLOGY, ""),
        # the two rules' tests cannot hold together
        ("{all: [{field: text, eq: thanks}]}", True, _APOLOGY, ""),
        # every rule stops under `match: first`: the plan's own choice
        (_VIP, True, _APOLOGY, "  match: first\n"),
        # an earlier rule without `stop: true` lets the escalating rule fire after it
        (_VIP, False, _APOLOGY, ""),
    ],
    ids=["stop-rule-escalates", "other-types", "apart", "match-first", "no-stop"],
)
def test_a_stop_rule_that_takes_no_escalation_away_is_not_told(
    tmp_path: Path, vip_when: str, stop: bool, vip_then: str, plan: str
) -> None:
    extra = "    priority: 300" + ("\n    stop: true" if stop else "")
    rules = rule("vip", vip_when, extra, vip_then)
    rules += rule("allergy", _ALLERGY, "    priority: 200", _ESCALATE)
    assert _stop_hides(tmp_path, rules, plan) == []


def test_a_stop_rule_after_the_escalating_rule_or_switched_off_is_not_told(
    tmp_path: Path,
) -> None:
    vip = "{all: [{field: customer.tier, eq: vip}]}"
    after = rule("vip", vip, "    priority: 100\n    stop: true")
    off = rule("vip", vip, "    priority: 300\n    stop: true\n    enabled: false")
    allergy = rule("allergy", _ALLERGY, "    priority: 200", _ESCALATE)
    assert _stop_hides(tmp_path, after + allergy) == []
    assert _stop_hides(tmp_path, off + allergy) == []


def test_a_rule_the_stop_rule_always_hides_is_told_as_shadowed_only(tmp_path: Path) -> None:
    """A rule that never fires at all is `shadowed-rule`'s to tell, once."""
    rules = rule("all-complaints", "{event: complaint}", "    priority: 300\n    stop: true")
    rules += rule("allergy", _ALLERGY, "    priority: 200", _ESCALATE)
    found = lint(tmp_path, rules + FALLBACK)
    assert "shadowed-rule" in codes(found)
    assert "stop-hides-escalation" not in codes(found)


def test_only_the_first_stop_rule_that_hides_an_escalation_is_told(tmp_path: Path) -> None:
    rules = rule(
        "vip", "{all: [{field: customer.tier, eq: vip}]}", "    priority: 300\n    stop: true"
    )
    rules += rule(
        "gold", "{all: [{field: customer.tier, eq: gold}]}", "    priority: 250\n    stop: true"
    )
    rules += rule("allergy", _ALLERGY, "    priority: 200", _ESCALATE)
    [told] = _stop_hides(tmp_path, rules)
    assert "rule `vip` fires before it" in told.message


@pytest.mark.parametrize(
    "before",
    [
        # every complaint is escalated before the VIP rule stops the plan
        rule("all-complaints", "{event: complaint}", "    priority: 400", _ESCALATE),
        # the VIP rule never fires: a rule that escalates and stops takes its complaints
        rule(
            "tiers",
            "{all: [{field: customer.tier, in: [vip, gold]}]}",
            "    priority: 400\n    stop: true",
            _ESCALATE,
        ),
        # every VIP's complaint is escalated first (a rule filed by the text it requires)
        rule("vips", _VIP, "    priority: 400", _ESCALATE),
    ],
    ids=["escalated-before", "stop-rule-hidden", "vips-escalated-before"],
)
def test_a_stop_rule_after_a_rule_that_escalates_the_complaint_is_not_told(
    tmp_path: Path, before: str
) -> None:
    """A rule firing before the stop rule escalated the very complaint lint had made, or took
    it from the stop rule with an escalation of its own: "no one is escalated to" was not so,
    and `backplan eval` escalated that complaint (found by review)."""
    rules = before + rule("vip", _VIP, "    priority: 300\n    stop: true")
    rules += rule("allergy", _ALLERGY, "    priority: 200", _ESCALATE)
    assert _stop_hides(tmp_path, rules) == []


@pytest.mark.parametrize(
    ("when", "field", "kind"),
    [
        ("{all: [{field: type, eq: 5}]}", "type", "text"),
        ("{all: [{field: occurred_at, gt: 3}]}", "occurred_at", "a timestamp in text such as"),
        ("{all: [{field: id, eq: true}]}", "id", "text or a whole number"),
        # a test of text beside it lets through only 5 (found by mutation testing)
        ("{all: [{field: type, in: [review, 5]}, {field: type, eq: 5}]}", "type", "text"),
        ("{any: [{field: type, eq: 5}, {field: type, gt: 3}]}", "type", "text"),
    ],
)
def test_a_test_of_a_field_eval_refuses_an_event_for_is_hinted_no_complaint_passes_it(
    tmp_path: Path, when: str, field: str, kind: str
) -> None:
    """`eval` answers an event of `type: 5` with an error record, even without `--strict`: the
    hint had said it does not refuse such an event and that one can match (found by review)."""
    [told] = [d for d in lint(tmp_path, rule("odd", when) + FALLBACK) if d.code == "never-matches"]
    assert told.hint.startswith(f"`eval` refuses an event whose `{field}` is not {kind}")
    assert "no complaint it decides passes this test" in told.hint
    assert "does not refuse" not in told.hint


def test_alternatives_one_of_which_a_text_passes_keep_the_hint_that_one_can_match(
    tmp_path: Path,
) -> None:
    """`type eq R` is of text, which `eval` decides (a type no rule names): an `any` of it and
    `type eq 5` is not told refused by `eval`."""
    when = "{any: [{field: type, eq: R}, {field: type, eq: 5}]}"
    [told] = [d for d in lint(tmp_path, rule("odd", when) + FALLBACK) if d.code == "never-matches"]
    assert "such an event can match" in told.hint
    assert "`eval` refuses" not in told.hint


@pytest.mark.parametrize(
    "when",
    [
        "{all: [{field: occurred_at, eq: 5}]}",  # eval answers with an error record: bad-time
        "{all: [{field: type, missing: true}]}",  # every event has a type
        "{all: [{not: {field: id, exists: true}}]}",  # and an id
        "{all: [{field: id, eq: 1.5}]}",  # an id eval refuses
    ],
)
def test_a_stop_rule_only_a_complaint_eval_refuses_meets_is_not_told(
    tmp_path: Path, when: str
) -> None:
    """Lint's example of such a stop rule is no complaint `eval` decides (it answers with an
    error record), so no complaint loses its escalation to it (found by review)."""
    rules = rule("odd", when, "    priority: 300\n    stop: true")
    rules += rule("allergy", _ALLERGY, "    priority: 200", _ESCALATE)
    assert _stop_hides(tmp_path, rules) == []


@pytest.mark.parametrize(
    ("stop_when", "when"),
    [
        ("{all: [{field: text, matches: '[éèê]'}]}", _ALLERGY),  # no ASCII letter in its class
        (r"{all: [{field: text, matches: '^\p{Lu}'}]}", _ALLERGY),  # RE2's Unicode class
        ("{all: [{field: text, matches: ^refund}]}", "{all: [{field: text, contains: late}]}"),
        (
            "{all: [{field: text, matches: ^refund}]}",
            "{all: [{field: text, matches: '^refund.*late'}, {field: text, contains: order}]}",
        ),
        # a class of a script lint tried no letter of, a negated class of what a capital is
        # not, punctuation as what is neither a letter, a digit nor a blank (found by review)
        (r"{all: [{field: text, matches: '\p{Cherokee}'}]}", _ALLERGY),
        (r"{all: [{field: text, matches: '^[^\P{Lu}]'}]}", _ALLERGY),
        (r"{all: [{field: text, matches: '[^\p{L}\p{N}\s]'}]}", _ALLERGY),
        # a negated class under case folding: `a` is outside [^A-Z] as written, not folded
        ("{all: [{field: text, matches: '(?i)^[^A-Z]'}]}", _ALLERGY),
        ("{all: [{field: text, matches: '^[^A-Z]', ignore_case: true}]}", _ALLERGY),
        # folded by flags after the start, or in a group: read as written, had been given `a`
        ("{all: [{field: text, matches: '(?s)(?i)^[^A-Z]'}]}", _ALLERGY),
        ("{all: [{field: text, matches: '^a(?i:[^A-Z])'}]}", _ALLERGY),
        # a flag after other text, which RE2 accepts and Python's reader refuses: no text
        ("{all: [{field: text, matches: '^a(?i)b'}]}", _ALLERGY),
        ("{all: [{field: text, matches: '^[^A-Z](?i)[^a-z]'}]}", _ALLERGY),
        ("{all: [{field: text, matches: '^x(?U)a{2}b+?'}]}", _ALLERGY),
    ],
    ids=[
        "accents",
        "capital",
        "anchored",
        "both-anchored",
        "script",
        "negated",
        "punctuation",
        "folded-flag",
        "folded-test",
        "folded-later",
        "folded-group",
        "flag-after-text",
        "flag-between-classes",
        "ungreedy-after-text",
    ],
)
def test_a_stop_rule_of_a_pattern_lints_example_had_no_text_for_is_told(
    tmp_path: Path, stop_when: str, when: str
) -> None:
    """A class of accented letters only, a Unicode class Python's reader refuses, a pattern
    anchored at the start beside another test of the text, a class of a script or of
    Unicode classes in a `[...]`: lint made no text both rules match, and the lost
    escalation was not told (found by review)."""
    rules = rule("stop", stop_when, "    priority: 300\n    stop: true")
    rules += rule("escalating", when, "    priority: 200", _ESCALATE)
    [told] = _stop_hides(tmp_path, rules)
    assert told.message.startswith("rule `escalating` escalates, but rule `stop` fires before")


def test_a_stop_rule_of_one_complaint_by_its_id_is_told(tmp_path: Path) -> None:
    """Lint's example of a stop rule testing the id alone, before a rule of any type, has an
    id and no type: it is given a type, as one with neither is, and the complaint `c-1` with
    an allergy is told to lose its escalation (found by mutation testing)."""
    rules = rule("one", "{all: [{field: id, eq: c-1}]}", "    priority: 300\n    stop: true")
    allergy = "{all: [{field: text, contains: allergy}]}"  # of no type: the example has none
    rules += rule("allergy", allergy, "    priority: 200", _ESCALATE)
    [told] = _stop_hides(tmp_path, rules)
    assert told.message.startswith("rule `allergy` escalates, but rule `one` fires before it")


def test_an_example_of_rules_for_every_type_is_given_a_type_no_rule_names(tmp_path: Path) -> None:
    """An escalation of every complaint before the stop rule leaves a review's escalation lost."""
    before = rule("complaints", "{event: complaint}", "    priority: 400", _ESCALATE)
    rules = before + rule("vip", _VIP, "    priority: 300\n    stop: true")
    rules += rule("manager", "{all: [{field: text, contains: manager}]}", "", _ESCALATE)
    [told] = _stop_hides(tmp_path, rules)
    assert "rule `vip` fires before it" in told.message


def test_a_rule_escalating_other_complaints_before_the_stop_rule_does_not_hide_it(
    tmp_path: Path,
) -> None:
    """An escalation before the stop rule counts only for a complaint it matches: one for
    reviews leaves the VIP's allergy complaint without an escalation, as before."""
    rules = rule("reviews", "{event: review}", "    priority: 400", _ESCALATE)
    rules += rule("vip", _VIP, "    priority: 300\n    stop: true")
    rules += rule("allergy", _ALLERGY, "    priority: 200", _ESCALATE)
    [told] = _stop_hides(tmp_path, rules)
    assert "rule `vip` fires before it" in told.message


def test_rules_escalating_after_the_stop_rule_do_not_hide_it(tmp_path: Path) -> None:
    """Only rules firing before the stop rule escalate its complaint: those after it are kept
    from firing by it too."""
    rules = rule("vip", _VIP, "    priority: 300\n    stop: true")
    rules += rule("all-complaints", "{event: complaint}", "    priority: 250", _ESCALATE)
    rules += rule("vips", _VIP, "    priority: 250", _ESCALATE)
    rules += rule("allergy", _ALLERGY, "    priority: 200", _ESCALATE)
    told = _stop_hides(tmp_path, rules)
    assert [d.message.split("`")[1] for d in told] == ["all-complaints", "allergy"]


@pytest.mark.parametrize(
    "taker",
    [
        "{all: [{field: text, contains: allerg}]}",  # a text test, not `eq`
        "{not: {field: customer.tier, eq: regular}}",  # `eq` said of what the event is not
        "{all: [{field: customer.tier, eq: VIP, ignore_case: true}]}",  # any case
        "{all: [{field: rating, eq: 1}, {field: customer.tier, in: [vip]}]}",  # a number
    ],
    ids=["contains", "not-eq", "ignore-case", "number"],
)
def test_a_rule_escalating_before_the_stop_rule_is_found_whatever_its_tests(
    tmp_path: Path, taker: str
) -> None:
    """Rules are filed by a text they require, to try an example only against those it could
    meet: a test that holds for other texts than its value files nothing (it would hide the
    rule from the examples it meets, and the warning would be told of an escalated complaint).
    """
    allergy = "{event: complaint, all: [{field: text, contains: allergy}, {field: rating, eq: 1}]}"
    rules = rule("vip", _VIP, "    priority: 300\n    stop: true")
    rules += rule("allergy", allergy, "    priority: 200", _ESCALATE)
    assert len(_stop_hides(tmp_path, rules)) == 1  # told without the rule before
    escalated = rule("escalated", taker, "    priority: 400", _ESCALATE)
    assert _stop_hides(tmp_path, escalated + rules) == []


def test_a_stop_rule_filed_by_no_text_is_told_too(tmp_path: Path) -> None:
    """The stop rule itself, among the rules that stop or escalate, is not one before it."""
    rules = rule(
        "big", "{all: [{field: order.total, gt: 100}]}", "    priority: 300\n    stop: true"
    )
    rules += rule("allergy", _ALLERGY, "    priority: 200", _ESCALATE)
    [told] = _stop_hides(tmp_path, rules)
    assert "rule `big` fires before it" in told.message


_TOLD_VIP = (
    "rule `allergy` escalates, but rule `vip` fires before it with `stop: true` and can match "
    "the same complaint: for such a complaint `allergy` does not fire, and no one is escalated to"
)


def test_two_patterns_on_one_text_are_joined_into_one_example(tmp_path: Path) -> None:
    """A VIP rule testing `text matches (?i)\\bvip\\b`, before an allergen rule testing
    `text matches (?i)allerg`: a complaint saying both is the VIP rule's, and lint said
    nothing, as it made no text a pattern finds, let alone one both find (found by review)."""
    rules = rule(
        "vip",
        '{all: [{field: text, matches: "(?i)\\\\bvip\\\\b"}]}',
        "    priority: 300\n    stop: true",
    )
    allergy = '{event: complaint, all: [{field: text, matches: "(?i)allerg"}]}'
    rules += rule("allergy", allergy, "    priority: 200", _ESCALATE)
    [told] = _stop_hides(tmp_path, rules)
    assert told.message == _TOLD_VIP


@pytest.mark.parametrize(
    "vip_pattern",
    ["^vip", "^(?:vip|gold)$"],
    ids=["both-anchored", "whole-text"],
)
def test_two_patterns_no_text_can_both_find_are_not_told(tmp_path: Path, vip_pattern: str) -> None:
    """A text starts with one word only: no example is made, and nothing is told."""
    vip = f'{{all: [{{field: text, matches: "{vip_pattern}"}}]}}'
    rules = rule("vip", vip, "    priority: 300\n    stop: true")
    rules += rule(
        "allergy", '{event: complaint, all: [{field: text, matches: "^allerg"}]}', then=_ESCALATE
    )
    found = lint(tmp_path, rules + FALLBACK)
    assert "stop-hides-escalation" not in codes(found), [d.render() for d in found]


@pytest.mark.parametrize(
    "before",
    [
        ["{all: [{not: {field: store, eq: S1}}]}"],
        ["{all: [{not: {field: store, in: [S1, S2]}}, {field: rating, exists: false}]}"],
        ["{all: [{not: {field: rating, gt: 4}}]}"],
        ["{all: [{not: {field: store, eq: S1}}]}", "{not: {field: channel, eq: phone}}"],
    ],
    ids=["not-eq", "not-in", "not-gt", "two-rules"],
)
def test_a_rule_escalating_all_but_some_complaints_before_the_stop_rule_still_shows_it(
    tmp_path: Path, before: list[str]
) -> None:
    """A rule escalating every store's complaints but `S1`'s, before the VIP rule: lint's
    example, a VIP's allergy complaint of no store, is escalated by it, and the pair was
    dropped, though a VIP's allergy complaint from `S1` gets no escalation (found by review)."""
    rules = "".join(
        rule(f"others-{n}", when, "    priority: 400", _ESCALATE) for n, when in enumerate(before)
    )
    rules += rule("vip", _VIP, "    priority: 300\n    stop: true")
    rules += rule("allergy", _ALLERGY, "    priority: 200", _ESCALATE)
    [told] = _stop_hides(tmp_path, rules)
    assert told.message == _TOLD_VIP


@pytest.mark.parametrize(
    "before",
    [
        "{all: [{not: {field: customer.tier, eq: gold}}]}",
        "{all: [{field: customer.tier, ne: regular}]}",
        "{all: [{not: {field: text, contains_any: [allergy, nuts]}}]}",
    ],
    ids=["not-gold", "not-regular", "not-allergy"],
)
def test_a_rule_escalating_every_complaint_the_pair_can_share_still_hides_it(
    tmp_path: Path, before: str
) -> None:
    """Every VIP's complaint is escalated before the VIP rule (a VIP is never `gold`), or the
    rule before is one the pair's complaints never meet: what its `not` leaves out the pair
    cannot be, so the first is still not told, and the second is told as before."""
    rules = rule("others", before, "    priority: 400", _ESCALATE)
    rules += rule("vip", _VIP, "    priority: 300\n    stop: true")
    rules += rule("allergy", _ALLERGY, "    priority: 200", _ESCALATE)
    told = [d.message for d in _stop_hides(tmp_path, rules)]
    assert told == ([_TOLD_VIP] if "allergy" in before else [])


def test_rules_escalating_every_store_between_them_still_hide_the_pair(tmp_path: Path) -> None:
    """All stores but `S1`, then all but `S2`: a complaint from `S1` is the second's, one from
    `S2` the first's. The example is changed back and forth, and given up after a few tries
    (found by mutation testing: the warning had been told once the tries ran out)."""
    rules = rule("not-s1", "{not: {field: store, eq: S1}}", "    priority: 500", _ESCALATE)
    rules += rule("not-s2", "{not: {field: store, eq: S2}}", "    priority: 400", _ESCALATE)
    rules += rule("vip", _VIP, "    priority: 300\n    stop: true")
    rules += rule("allergy", _ALLERGY, "    priority: 200", _ESCALATE)
    assert _stop_hides(tmp_path, rules) == []


def test_a_rule_escalating_every_complaint_by_its_id_before_the_stop_rule_hides_the_pair(
    tmp_path: Path,
) -> None:
    """Every complaint `eval` decides has an id: a rule of `id exists` escalates each one
    before the VIP rule. Lint's example has no id until it is made a complaint, and the rule
    before had been tried on it without one (found by mutation testing: a false warning)."""
    rules = rule("every", "{all: [{field: id, exists: true}]}", "    priority: 400", _ESCALATE)
    rules += rule("vip", _VIP, "    priority: 300\n    stop: true")
    rules += rule("allergy", _ALLERGY, "    priority: 200", _ESCALATE)
    assert _stop_hides(tmp_path, rules) == []


@pytest.mark.parametrize(
    ("vip_when", "allergy_when"),
    [
        ("{all: [{field: customer, exists: true}, {field: customer.tier, eq: vip}]}", _ALLERGY),
        (
            _VIP,
            "{event: complaint, all: [{field: customer, exists: true}, "
            "{field: text, contains: allergy}]}",
        ),
    ],
    ids=["stop-rule", "escalating-rule"],
)
def test_a_test_of_a_group_and_one_of_a_field_inside_it_are_joined_into_one_example(
    tmp_path: Path, vip_when: str, allergy_when: str
) -> None:
    """`customer exists` and `customer.tier eq vip`: lint's example had given `customer` a
    text, with no room left for its tier, so no example was made and a VIP's allergy
    complaint lost its escalation with nothing said (found by mutation testing)."""
    rules = rule("vip", vip_when, "    priority: 300\n    stop: true")
    rules += rule("allergy", allergy_when, "    priority: 200", _ESCALATE)
    [told] = _stop_hides(tmp_path, rules)
    assert told.message.startswith("rule `allergy` escalates, but rule `vip` fires before it")


_FALLBACK_VIP = rule("vip", _VIP, "    priority: 300\n    stop: true\n    fallback: true")
_FALLBACK_ALLERGY = rule("allergy", _ALLERGY, "    priority: 200\n    fallback: true", _ESCALATE)


@pytest.mark.parametrize(
    "ordinary",
    ["", rule("others", "{all: [{not: {field: store, eq: S1}}]}", "    priority: 500")],
    ids=["none", "all-stores-but-s1"],
)
def test_a_stop_fallback_before_an_escalating_fallback_is_told(
    tmp_path: Path, ordinary: str
) -> None:
    """Fallbacks stop among themselves: a VIP fallback with `stop: true` before an allergen
    fallback that escalates gives a VIP's allergy complaint no ordinary rule takes a voucher
    and no escalation, and lint never looked at fallbacks (found by review). An ordinary rule
    matching every store's complaints but `S1`'s leaves `S1`'s to the fallbacks."""
    told = _stop_hides(tmp_path, ordinary + _FALLBACK_VIP + _FALLBACK_ALLERGY)
    assert [d.message for d in told] == [
        _TOLD_VIP,
        "rule `improvise` escalates, but rule `vip` fires before it with `stop: true` and can "
        "match the same complaint: for such a complaint `improvise` does not fire, and no one "
        "is escalated to",
    ]


@pytest.mark.parametrize(
    "rules",
    [
        # an ordinary rule takes every VIP's complaint: no fallback fires for one
        rule("vips", _VIP, "    priority: 500") + _FALLBACK_VIP + _FALLBACK_ALLERGY,
        # or every allergy complaint
        rule("allergies", _ALLERGY, "    priority: 1") + _FALLBACK_VIP + _FALLBACK_ALLERGY,
        # an ordinary stop rule before an escalating fallback: the fallback fires only when no
        # ordinary rule matched, stop or not
        rule("vip", _VIP, "    priority: 300\n    stop: true") + _FALLBACK_ALLERGY,
        # a stop fallback before an ordinary rule that escalates: that one fires first
        _FALLBACK_VIP + rule("allergy", _ALLERGY, "    priority: 200", _ESCALATE),
    ],
    ids=["ordinary-vips", "ordinary-allergies", "ordinary-stop", "ordinary-escalates"],
)
def test_a_stop_fallback_that_no_fallback_complaint_reaches_is_not_told(
    tmp_path: Path, rules: str
) -> None:
    """(A VIP's other complaints, which reach the fallbacks, are still told of `improvise`.)"""
    told = [d.message.split("`")[1] for d in _stop_hides(tmp_path, rules)]
    assert "allergy" not in told, told


@pytest.mark.parametrize(("most", "told"), [(2, ["vip"]), (1, [])])
def test_the_pairs_a_lint_tries_stop_at_max_pairs_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, most: int, told: list[str]
) -> None:
    """MAX_PAIRS pairs are tried, no more and no fewer: here the second pair (the allergy rule
    and `vip`, after `thanks`, which it cannot meet) is the one to tell (found by mutation
    testing: a count started at 1 or -1 tried one pair too few or too many)."""
    from engine.lint import escalations

    monkeypatch.setattr(escalations, "MAX_PAIRS", most)
    rules = rule(
        "thanks", "{all: [{field: text, eq: thanks}]}", "    priority: 300\n    stop: true"
    )
    rules += rule("vip", _VIP, "    priority: 250\n    stop: true")
    rules += rule("allergy", _ALLERGY, "    priority: 200", _ESCALATE)
    found = _stop_hides(tmp_path, rules)
    assert [d.message.split("`")[3] for d in found] == told


# --- stop-tie: rules of one priority a file's name decides between ---------------------------


@settings(max_examples=300, deadline=None)
@given(
    rules=st.lists(
        st.tuples(st.sampled_from([0, 5, 10]), st.sampled_from(["a.yaml", "b.yaml", "c.yaml"])),
        max_size=30,
    )
)
def test_stop_tie_looks_at_the_rules_of_other_files_of_a_priority(
    rules: list[tuple[int, str]],
) -> None:
    """`stop-tie` compares a rule with the rules after it of its priority in other files: it
    had looked at each rule after it to step over those of its own file, 50 million steps in a
    plan of 10,000 rules in one file (25 s); it steps over each run of them at once, and finds
    the same rules in the same order."""
    ordered = [
        cast(Rule, SimpleNamespace(priority=priority, at=SimpleNamespace(path=path)))
        for priority, path in sorted(rules, key=lambda rule: -rule[0])
    ]
    runs = _runs_of_one_file(ordered)
    for start, earlier in enumerate(ordered):
        plain = []
        for later in ordered[start + 1 :]:
            if later.priority != earlier.priority:
                break
            if later.at.path != earlier.at.path:
                plain.append(later)
        assert list(_of_other_files(ordered, start, runs)) == plain


def _tie_plan(folder: Path, vip_name: str, stores: str, vip: str, plan: str = "") -> Path:
    """Three stores' big-order stop rules in `stores.yaml`, and ``vip`` in ``vip_name``."""
    folder.mkdir()
    write_plan(
        folder,
        "rules:\n" + stores + FALLBACK,
        header="backplan: 1\nplan:\n  name: Lint Store\n  currency: USD\n" + plan,
        name="stores.yaml",
    )
    write_plan(folder, "rules:\n" + vip, header="backplan: 1\n", name=vip_name)
    return folder


_STORES = "".join(
    rule(
        f"{store}-big",
        f"{{event: order, all: [{{field: store, eq: {store}}}, {{field: order.total, gte: 500}}]}}",
        "    priority: 100\n    stop: true",
        _ESCALATE,
    )
    for store in ("berlin", "london", "paris")
)


def test_a_stop_rule_tying_with_rules_of_another_file_is_told_once_whatever_the_names(
    tmp_path: Path,
) -> None:
    """A colleague's gold-customer stop rule, of the stores' big-order rules' priority, in its
    own file: which fires for a gold customer's big order was decided by the files' names, and
    renaming `vip.yaml` to `a-vip.yaml` changed it with lint saying the same before and after
    (found by review). Told once, at the rule that ties with the three, under either name."""
    vip = rule("gold", _GOLD, "    priority: 100\n    stop: true", _ESCALATE)
    said = []
    for name in ("vip.yaml", "a-vip.yaml"):
        found = lint_plan(_tie_plan(tmp_path / name, name, _STORES, vip))
        (tie,) = (d for d in found if d.code == "stop-tie")
        assert (Path(tie.source.path).name, tie.source.line) == (name, 4)
        assert [Path(at.path).name for at in tie.related] == ["stores.yaml"] * 3
        said.append((tie.message, tie.hint))
    assert said[0] == said[1]
    assert said[0] == (
        "rule `gold` has the same priority (100) as rules `berlin-big`, `london-big` and "
        "`paris-big` in another file, and can match the same complaint as each; all of them "
        "have `stop: true`: which one fires is decided by the order the files are read in (a "
        "folder's by their names, files named one by one in the order given), so renaming or "
        "moving a file, or naming the files in another order, changes decisions",
        "decide which should fire first and give it `priority: 110` (or give the others a "
        "lower one): then the priorities decide",
    )


@pytest.mark.parametrize("pattern", [r"\p{Cherokee}", r"[^\P{Lu}]"])
def test_a_stop_tie_of_a_rule_of_a_class_lint_had_no_character_of_is_told(
    tmp_path: Path, pattern: str
) -> None:
    """A stop rule of a script's letters, or of a capital written as a negated class, of the
    stores' rules' priority in another file: lint made no text of its pattern, and the tie went
    untold (found by review)."""
    when = f"{{event: order, all: [{{field: text, matches: '{pattern}'}}]}}"
    vip = rule("script", when, "    priority: 100\n    stop: true", _ESCALATE)
    found = lint_plan(_tie_plan(tmp_path / "p", "vip.yaml", _STORES, vip))
    (tie,) = (d for d in found if d.code == "stop-tie")
    assert tie.message.startswith("rule `script` has the same priority (100) as rules `berlin")


def test_a_stop_tie_of_files_named_one_by_one_says_their_order_decides(tmp_path: Path) -> None:
    """Files named one by one (`backplan lint stores.yaml vip.yaml`) are read in the order
    given, not by their names: the warning had said only that their names decide, and renaming
    a file then changed nothing while naming them in the other order changed decisions (found
    by review)."""
    vip = rule("gold", _GOLD, "    priority: 100\n    stop: true", _ESCALATE)
    folder = _tie_plan(tmp_path / "p", "vip.yaml", _STORES, vip)
    for files in (["stores.yaml", "vip.yaml"], ["vip.yaml", "stores.yaml"]):
        found = lint_plan([folder / name for name in files])
        (tie,) = (d for d in found if d.code == "stop-tie")
        assert tie.message.endswith(
            "which one fires is decided by the order the files are read in (a folder's by "
            "their names, files named one by one in the order given), so renaming or moving a "
            "file, or naming the files in another order, changes decisions"
        )


def test_a_stop_tie_tries_at_most_max_pairs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``MAX_PAIRS`` pairs, the others are only not told (the stores' three, cut to two)."""
    monkeypatch.setattr(escalations_module, "MAX_PAIRS", 2)
    vip = rule("gold", _GOLD, "    priority: 100\n    stop: true", _ESCALATE)
    found = lint_plan(_tie_plan(tmp_path / "p", "vip.yaml", _STORES, vip))
    (tie,) = (d for d in found if d.code == "stop-tie")
    assert "as rules `berlin-big` and `london-big` in another file" in tie.message


def test_a_rule_that_never_fires_or_is_switched_off_ties_with_none(tmp_path: Path) -> None:
    """A rule hidden by an earlier stop rule (`shadowed-rule` tells it), or switched off, fires
    under no file name: it ties with no rule."""
    hidden = rule(
        "gold-or-platinum",
        "{event: order, all: [{field: customer.tier, in: [gold, platinum]}]}",
        "    priority: 300\n    stop: true",
        _ESCALATE,
    ) + rule("gold", _GOLD, "    priority: 100\n    stop: true", _ESCALATE)
    off = rule("gold", _GOLD, "    priority: 100\n    stop: true\n    enabled: false", _ESCALATE)
    for name, vip in (("hidden", hidden), ("off", off)):
        stores = rule("berlin-big", _BIG_ORDER, "    priority: 100\n    stop: true", _ESCALATE)
        found = lint_plan(_tie_plan(tmp_path / name, "vip.yaml", stores, vip))
        assert "stop-tie" not in codes(found), [d.render() for d in found]
    # hidden by a rule of its own priority, read before it in its file: that one ties alone
    vip = rule(
        "gold-or-platinum",
        "{event: order, all: [{field: customer.tier, in: [gold, platinum]}]}",
        "    priority: 100\n    stop: true",
        _ESCALATE,
    ) + rule("gold", _GOLD, "    priority: 100\n    stop: true", _ESCALATE)
    found = lint_plan(_tie_plan(tmp_path / "same", "vip.yaml", _STORES, vip))
    (tie,) = (d for d in found if d.code == "stop-tie")
    assert tie.message.startswith("rule `gold-or-platinum` has the same priority (100) as rules")
    assert "`gold`" not in tie.message


def test_a_rule_hidden_only_by_a_stop_rule_of_its_priority_in_another_file_ties_with_it(
    tmp_path: Path,
) -> None:
    """A gold big-order stop rule in `vip.yaml` never fires while `stores.yaml`, read first,
    has a stop rule for every gold order of its priority; named `0-vip.yaml`, it fires and
    the other does not: the files' names decide, and stop-tie had left it out as a rule that
    never fires (found by review). Hidden in its own file too, it fires under no name."""
    gold_big = (
        "{event: order, all: [{field: customer.tier, eq: gold}, {field: order.total, gte: 500}]}"
    )
    stores = rule("gold-any", _GOLD, "    priority: 100\n    stop: true")
    vip = rule("gold-big", gold_big, "    priority: 100\n    stop: true", _ESCALATE)
    found = lint_plan(_tie_plan(tmp_path / "one", "vip.yaml", stores, vip))
    (tie,) = (d for d in found if d.code == "stop-tie")
    assert tie.message.startswith(
        "rule `gold-any` has the same priority (100) as rule `gold-big` in another file"
    )
    first = rule("gold-vip", _GOLD, "    priority: 100\n    stop: true")
    found = lint_plan(_tie_plan(tmp_path / "own", "vip.yaml", stores, first + vip))
    (tie,) = (d for d in found if d.code == "stop-tie")
    assert tie.message.startswith(
        "rule `gold-any` has the same priority (100) as rule `gold-vip` in another file, and"
    )


_GOLD_BIG = (
    "{event: order, all: [{field: customer.tier, eq: gold}, {field: order.total, gte: 500}]}"
)


def _three_files(folder: Path, first: str, second: str, third: str) -> Path:
    """A plan of three files, `a.yaml`, `b.yaml` and `c.yaml`, read in that order."""
    folder.mkdir()
    header = "backplan: 1\nplan:\n  name: Lint Store\n  currency: USD\n"
    write_plan(folder, "rules:\n" + first + FALLBACK, header=header, name="a.yaml")
    write_plan(folder, "rules:\n" + second, header="backplan: 1\n", name="b.yaml")
    write_plan(folder, "rules:\n" + third, header="backplan: 1\n", name="c.yaml")
    return folder


def test_two_rules_a_stop_rule_of_their_priority_in_a_third_file_covers_still_tie(
    tmp_path: Path,
) -> None:
    """`gold-vip` (in `b.yaml`) and `gold-big` (in `c.yaml`) tie: `c.yaml` read before
    `b.yaml` fires `gold-big` for a gold big order, else `gold-vip`. Their tie went untold, as
    `gold-any` of `a.yaml`, of their priority, takes that order first while `a.yaml` is read
    first, though it is read first only by the files' names (found by review). A stop rule of
    a higher priority covering them still keeps them from tying (a test above)."""
    gold_any = rule("gold-any", _GOLD, "    priority: 100\n    stop: true")
    vip = rule("gold-vip", _GOLD, "    priority: 100\n    stop: true", _ESCALATE)
    big = rule("gold-big", _GOLD_BIG, "    priority: 100\n    stop: true", _ESCALATE)
    found = lint_plan(_three_files(tmp_path / "p", gold_any, vip, big))
    ties = [d.message.split(" in ")[0] for d in found if d.code == "stop-tie"]
    assert ties == [
        "rule `gold-any` has the same priority (100) as rules `gold-vip` and `gold-big`",
        "rule `gold-vip` has the same priority (100) as rule `gold-big`",
    ]


def test_a_rule_a_stop_rule_above_it_in_its_own_file_takes_the_shared_complaints_of_is_no_tie(
    tmp_path: Path,
) -> None:
    """`big-any`, a stop rule above `gold-any` in `b.yaml`, takes every complaint `gold-any`
    and `gold-big` (`a.yaml`) both match: read first, `b.yaml` fires `big-any` for them, not
    `gold-any`. `gold-any` had been told as tying with `gold-big`, though it fires for none of
    them whatever the files' names, and a lower priority for it changes nothing (found by
    review). `big-any` ties with `gold-big`, and is told."""
    gold_big = rule("gold-big", _GOLD_BIG, "    priority: 100\n    stop: true", _ESCALATE)
    big_any = rule("big-any", _BIG_ORDER, "    priority: 100\n    stop: true")
    gold_any = rule("gold-any", _GOLD, "    priority: 100", _ESCALATE)
    review = rule("review", "{event: review}")
    found = lint_plan(_three_files(tmp_path / "p", gold_big, big_any + gold_any, review))
    ties = [d.message.split(" in ")[0] for d in found if d.code == "stop-tie"]
    assert ties == ["rule `gold-big` has the same priority (100) as rule `big-any`"]


def test_a_rule_hidden_only_by_the_order_of_files_is_told_why_it_never_fires(
    tmp_path: Path,
) -> None:
    """`shadowed-rule` said "can never fire" of a rule hidden by a stop rule of its priority
    in a file read before its own, which named another way fires it (found by review): it
    says the order of the files is why; hidden by a rule of its own file, it says nothing of
    files."""
    gold_big = (
        "{event: order, all: [{field: customer.tier, eq: gold}, {field: order.total, gte: 500}]}"
    )
    stores = rule("gold-any", _GOLD, "    priority: 100\n    stop: true")
    vip = rule("gold-big", gold_big, "    priority: 100")
    found = lint_plan(_tie_plan(tmp_path / "files", "vip.yaml", stores, vip))
    (hidden,) = (d for d in found if d.code == "shadowed-rule")
    assert hidden.message == (
        "rule `gold-big` can never fire: whenever it matches, rule `gold-any` matches too and "
        "fires first (only because its file, `stores.yaml`, is read before `vip.yaml`: both "
        "have priority 100), and `gold-any` has `stop: true`"
    )
    found = lint_plan(_tie_plan(tmp_path / "own", "vip.yaml", "", stores + vip))
    (hidden,) = (d for d in found if d.code == "shadowed-rule")
    assert hidden.message == (
        "rule `gold-big` can never fire: whenever it matches, rule `gold-any` matches too and "
        "fires first, and `gold-any` has `stop: true`"
    )


def test_a_rule_hidden_by_rules_of_its_priority_in_two_files_names_both_files(
    tmp_path: Path,
) -> None:
    """`gold-big` (`c.yaml`) is hidden by `gold-any` (`a.yaml`) and by `gold-vip` (`b.yaml`):
    "only because its file, `a.yaml`, is read before `c.yaml`" was not so, as `c.yaml` read
    before `a.yaml` alone leaves it hidden by `gold-vip` (found by review). Each file that
    hides it is named; hidden by a rule before it in its own file too, it never fires
    whatever the files' names, and that rule is named, with no word of files."""
    gold_any = rule("gold-any", _GOLD, "    priority: 100\n    stop: true")
    vip = rule("gold-vip", _GOLD, "    priority: 100\n    stop: true")
    big = rule("gold-big", _GOLD_BIG, "    priority: 100")
    found = lint_plan(_three_files(tmp_path / "three", gold_any, vip, big))
    said = {d.message.split("`")[1]: d.message for d in found if d.code == "shadowed-rule"}
    assert said["gold-big"] == (
        "rule `gold-big` can never fire: whenever it matches, rule `gold-any` matches too and "
        "fires first (only because its file, `c.yaml`, is read after `a.yaml` and `b.yaml`, "
        "each with a rule of its priority, 100, that hides it: read before both, it fires), "
        "and `gold-any` has `stop: true`"
    )
    review = rule("review", "{event: review}")
    found = lint_plan(_three_files(tmp_path / "own", gold_any, vip + big, review))
    said = {d.message.split("`")[1]: d.message for d in found if d.code == "shadowed-rule"}
    assert said["gold-big"] == (
        "rule `gold-big` can never fire: whenever it matches, rule `gold-vip` matches too and "
        "fires first, and `gold-vip` has `stop: true`"
    )


def test_files_of_one_name_in_two_folders_are_named_apart_when_they_hide_a_rule(
    tmp_path: Path,
) -> None:
    """`gold-any` (`t1/x.yaml`) and `gold-vip` (`t2/x.yaml`) each hide `gold-big` (`c.yaml`):
    both files named `x.yaml` had been counted as one, and `gold-big` told it fires when
    `c.yaml` is read before `x.yaml`, though `c.yaml` read before `t1/x.yaml` alone leaves it
    hidden by `gold-vip`; and `gold-vip` was told `x.yaml` is read before `x.yaml` (found by
    review). Files of one name are named as they were given."""
    header = "backplan: 1\nplan:\n  name: Lint Store\n  currency: USD\n"
    for folder in ("t1", "t2"):
        (tmp_path / folder).mkdir()
    first = write_plan(
        tmp_path / "t1",
        "rules:\n" + rule("gold-any", _GOLD, "    priority: 100\n    stop: true") + FALLBACK,
        header=header,
        name="x.yaml",
    )
    vip = rule("gold-vip", _GOLD, "    priority: 100\n    stop: true")
    second = write_plan(tmp_path / "t2", "rules:\n" + vip, header="backplan: 1\n", name="x.yaml")
    big = rule("gold-big", _GOLD_BIG, "    priority: 100")
    third = write_plan(tmp_path, "rules:\n" + big, header="backplan: 1\n", name="c.yaml")
    found = lint_plan([first, second, third])
    said = {d.message.split("`")[1]: d.message for d in found if d.code == "shadowed-rule"}
    one, two = str(first), str(second)
    assert (
        f"(only because its file, `c.yaml`, is read after `{one}` and `{two}`, each"
        in (said["gold-big"])
    )
    assert f"(only because its file, `{one}`, is read before `{two}`: both" in said["gold-vip"]


_SMALL_ORDER = "{event: order, all: [{field: order.total, lt: 500}]}"
_GOLD_ANY_TOTAL = (
    "{event: order, all: [{field: customer.tier, eq: gold}, {field: order.total, gte: 0}]}"
)


def test_a_rule_other_rules_hide_between_them_whatever_the_files_is_told_no_word_of_files(
    tmp_path: Path,
) -> None:
    """`gold-c` (`c.yaml`) is hidden by `gold-any` (`a.yaml`), and read first it is hidden
    all the same: `big` (priority 200) takes its orders of 500 or more, `small`, above it in
    `c.yaml`, the rest. It had been told "only because its file, `a.yaml`, is read before
    `c.yaml`" (found by review); nor does it tie with `gold-any`."""
    gold_any = rule("gold-any", _GOLD, "    priority: 100\n    stop: true")
    big = rule("big", _BIG_ORDER, "    priority: 200\n    stop: true")
    small = rule("small", _SMALL_ORDER, "    priority: 100\n    stop: true")
    gold_c = rule("gold-c", _GOLD_ANY_TOTAL, "    priority: 100", _ESCALATE)
    review = rule("review", "{event: review}")
    found = lint_plan(_three_files(tmp_path / "p", gold_any + big, review, small + gold_c))
    said = {d.message.split("`")[1]: d.message for d in found if d.code == "shadowed-rule"}
    assert said["gold-c"] == (
        "rule `gold-c` can never fire: whenever it matches, rule `gold-any` matches too and "
        "fires first, and `gold-any` has `stop: true`"
    )
    ties = [d.message for d in found if d.code == "stop-tie"]
    assert all("gold-c" not in tie for tie in ties), ties


def test_a_rule_stop_rules_of_a_file_it_is_still_read_after_hide_between_them_is_told_no_files(
    tmp_path: Path,
) -> None:
    """`gold-c` (`c.yaml`) is hidden by `gold-any` (`a.yaml`), and `big` and `small`
    (`b.yaml`, of its priority) take every order it matches between them. It had been told
    "only because its file, `a.yaml`, is read before `c.yaml`", though with `c.yaml` read
    before `a.yaml` alone (`a.yaml` renamed `d.yaml`), `b.yaml` still read first, it never
    fires either (found by review). Read before `b.yaml` too, it fires: `stop-tie` says so,
    and so does this warning, naming both files (it had said "can never fire" alone, found by
    property testing). So too with `big` and `small` in `a.yaml`, the first file, and
    `gold-any` in `b.yaml` (found by mutation testing: the first file of its priority had gone
    uncounted)."""
    gold_any = rule("gold-any", _GOLD, "    priority: 100\n    stop: true")
    big = rule("big", _BIG_ORDER, "    priority: 100\n    stop: true")
    small = rule("small", _SMALL_ORDER, "    priority: 100\n    stop: true")
    gold_c = rule("gold-c", _GOLD_ANY_TOTAL, "    priority: 100", _ESCALATE)
    for name, first, second in (("p", gold_any, big + small), ("q", big + small, gold_any)):
        found = lint_plan(_three_files(tmp_path / name, first, second, gold_c))
        said = {d.message.split("`")[1]: d.message for d in found if d.code == "shadowed-rule"}
        assert said["gold-c"] == (
            "rule `gold-c` can never fire: whenever it matches, rule `gold-any` matches too and "
            "fires first (only because of the order of the files: its file, `c.yaml`, read "
            "before `a.yaml` and `b.yaml`, it fires), and `gold-any` has `stop: true`"
        )
        ties = [d.message for d in found if d.code == "stop-tie"]
        assert any(tie.startswith("rule `gold-c`") for tie in ties), ties


def test_under_match_first_rules_with_no_stop_that_hide_a_rule_between_them_leave_no_files(
    tmp_path: Path,
) -> None:
    """Under `match: first` every rule stops: `big` (priority 200) and `small` (above `gold-c`
    in `c.yaml`), with no `stop: true`, take every order `gold-c` matches between them, and
    no order of the files lets it fire: it is told no word of files (found by mutation
    testing: the rules that fire before it whatever the names counted stop rules only)."""
    gold_any = rule("gold-any", _GOLD, "    priority: 100")
    big = rule("big", _BIG_ORDER, "    priority: 200")
    small = rule("small", _SMALL_ORDER, "    priority: 100")
    gold_c = rule("gold-c", _GOLD_ANY_TOTAL, "    priority: 100")
    folder = tmp_path / "p"
    folder.mkdir()
    header = "backplan: 1\nplan:\n  name: Lint Store\n  currency: USD\n  match: first\n"
    write_plan(folder, "rules:\n" + gold_any + big + FALLBACK, header=header, name="a.yaml")
    write_plan(folder, "rules:\n" + small + gold_c, header="backplan: 1\n", name="c.yaml")
    found = lint_plan(folder)
    said = {d.message.split("`")[1]: d.message for d in found if d.code == "shadowed-rule"}
    assert said["gold-c"] == (
        "rule `gold-c` can never fire: whenever it matches, rule `gold-any` matches too and "
        "fires first, and the plan fires only the first match (`match: first`)"
    )


def test_a_fallback_ordinary_rules_take_the_complaints_of_between_them_is_told_no_files(
    tmp_path: Path,
) -> None:
    """`late` (a fallback of `c.yaml`) is hidden by `early` (a fallback of `a.yaml` with
    `stop: true`, of its priority); `big` and `small`, ordinary rules, take every order it
    matches between them, and a fallback fires only when no ordinary rule matched: no order
    of the files lets it fire, and it is told no word of files (found by mutation testing)."""
    early = rule("early", _GOLD, "    fallback: true\n    stop: true")
    big = rule("big", _BIG_ORDER)
    small = rule("small", _SMALL_ORDER)
    late = rule(
        "late",
        _GOLD_ANY_TOTAL,
        "    fallback: true",
    )
    review = rule("review", "{event: review}")
    found = lint_plan(_three_files(tmp_path / "p", early, big + small, late + review))
    said = {d.message.split("`")[1]: d.message for d in found if d.code == "shadowed-rule"}
    assert "(only because" not in said["late"], said["late"]


def test_a_rule_first_hidden_by_a_file_read_before_and_by_one_of_its_own_names_its_own(
    tmp_path: Path,
) -> None:
    """`gold-big` (`b.yaml`), the first rule hidden, is hidden by `gold-any` (`a.yaml`, read
    before) and by `any-order` (above it in `b.yaml`), which hides it whatever the files'
    names: `any-order` is named (found by mutation testing: the first rule hidden by a file's
    rule was left out of those looked at again)."""
    gold_any = rule("gold-any", _GOLD, "    priority: 100\n    stop: true")
    any_order = rule("any-order", "{event: order}", "    priority: 100\n    stop: true")
    big = rule("gold-big", _GOLD_BIG, "    priority: 100")
    review = rule("review", "{event: review}")
    found = lint_plan(_three_files(tmp_path / "p", gold_any, any_order + big, review))
    said = [d.message for d in found if d.code == "shadowed-rule"]
    assert said == [
        "rule `gold-big` can never fire: whenever it matches, rule `any-order` matches too and "
        "fires first, and `any-order` has `stop: true`"
    ]


def test_under_match_first_rules_with_no_stop_in_two_files_that_hide_a_rule_are_both_named(
    tmp_path: Path,
) -> None:
    """Under `match: first` every rule stops: `gold-any` (`a.yaml`) and `gold-vip` (`b.yaml`),
    with no `stop: true`, each hide `gold-big` (`c.yaml`), and both files are named (found by
    mutation testing: the hiders in other files were looked for among stop rules only)."""
    gold_any = rule("gold-any", _GOLD, "    priority: 100")
    vip = rule("gold-vip", _GOLD, "    priority: 100")
    big = rule("gold-big", _GOLD_BIG, "    priority: 100")
    folder = _three_files(tmp_path / "p", gold_any, vip, big)
    plan = folder / "a.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("currency: USD\n", "currency: USD\n  match: first\n"))
    found = lint_plan(folder)
    said = {d.message.split("`")[1]: d.message for d in found if d.code == "shadowed-rule"}
    assert said["gold-big"] == (
        "rule `gold-big` can never fire: whenever it matches, rule `gold-any` matches too and "
        "fires first (only because its file, `c.yaml`, is read after `a.yaml` and `b.yaml`, "
        "each with a rule of its priority, 100, that hides it: read before both, it fires), "
        "and the plan fires only the first match (`match: first`)"
    )


def test_a_rule_with_no_stop_or_switched_off_in_another_file_is_not_named_as_hiding_a_rule(
    tmp_path: Path,
) -> None:
    """`gold-big` (`c.yaml`) is hidden by `gold-any` (`a.yaml`) alone: `gold-vip` (`b.yaml`)
    has no `stop: true` and `gold-off` is switched off, so `b.yaml` read first hides nothing
    and is not named (found by mutation testing)."""
    gold_any = rule("gold-any", _GOLD, "    priority: 100\n    stop: true")
    vip = rule("gold-vip", _GOLD, "    priority: 100")
    off = rule("gold-off", _GOLD, "    priority: 100\n    stop: true\n    enabled: false")
    big = rule("gold-big", _GOLD_BIG, "    priority: 100")
    found = lint_plan(_three_files(tmp_path / "p", gold_any, vip + off, big))
    said = {d.message.split("`")[1]: d.message for d in found if d.code == "shadowed-rule"}
    assert said["gold-big"] == (
        "rule `gold-big` can never fire: whenever it matches, rule `gold-any` matches too and "
        "fires first (only because its file, `a.yaml`, is read before `c.yaml`: both have "
        "priority 100), and `gold-any` has `stop: true`"
    )


def test_fallbacks_tie_among_themselves_for_complaints_no_ordinary_rule_takes(
    tmp_path: Path,
) -> None:
    """Two fallbacks of one priority in two files, one with `stop: true`, tie for a complaint
    no ordinary rule matches; when an ordinary rule matches every complaint both do, no
    fallback fires for them, and they are not told."""

    def fallback(rule_id: str, when: str, stop: str = "") -> str:
        return (
            f"\n  - id: {rule_id}\n    title: T\n    fallback: true\n{stop}    when: {when}\n"
            f"    then: {_ESCALATE}\n"
        )

    big = fallback("big-fb", _BIG_ORDER, "    stop: true\n")
    gold = fallback("gold-fb", _GOLD)
    ordinary = rule("late", "{event: order, all: [{field: issue, eq: late}]}")
    everything = rule(  # (a rule covering one fallback hides it: `shadowed-rule`)
        "gold-big",
        "{event: order, all: [{field: customer.tier, eq: gold}, {field: order.total, gte: 500}]}",
    )
    for name, stores, told in (("told", ordinary, True), ("taken", everything, False)):
        folder = tmp_path / name
        folder.mkdir()
        header = "backplan: 1\nplan:\n  name: Lint Store\n  currency: USD\n"
        write_plan(folder, "rules:\n" + stores + big, header=header, name="stores.yaml")
        write_plan(folder, "rules:\n" + gold, header="backplan: 1\n", name="vip.yaml")
        found = lint_plan(folder)
        assert ("stop-tie" in codes(found)) is told, [d.render() for d in found]


def test_a_stop_tie_names_the_rules_with_stop_and_at_most_eight_places(tmp_path: Path) -> None:
    """Only the rules that stop are named as stopping; a rule tying with ten has the eight
    its message names under `see:`, not ten lines more."""
    stores = "".join(
        rule(f"s{i}", f"{{event: order, all: [{{field: store, eq: S{i}}}]}}", "    priority: 5")
        for i in range(10)
    )
    vip = rule("gold", _GOLD, "    priority: 5\n    stop: true", _ESCALATE)
    (tie,) = (
        d
        for d in lint_plan(_tie_plan(tmp_path / "p", "vip.yaml", stores, vip))
        if d.code == "stop-tie"
    )
    assert "`s0`, `s1`, `s2`, `s3`, `s4`, `s5`, `s6`, `s7`, … (10 in all)" in tie.message
    assert "; `gold` has `stop: true`: " in tie.message
    assert [at.line for at in tie.related] == [7, 12, 17, 22, 27, 32, 37, 42]


def test_a_stop_tie_at_the_largest_priority_says_to_give_the_others_a_lower_one(
    tmp_path: Path,
) -> None:
    """At `priority: 1000000` nothing is above: the hint had said to give the rule the priority
    it has and move it above a rule in another file, which no place in its own file is
    (found by review)."""
    top = "    priority: 1000000\n    stop: true"
    vip = rule("gold", _GOLD, top, _ESCALATE)
    said = []
    for name, stores in (
        ("one", rule("berlin-big", _BIG_ORDER, top, _ESCALATE)),
        ("many", _STORES.replace("priority: 100\n", "priority: 1000000\n")),
    ):
        found = lint_plan(_tie_plan(tmp_path / name, "vip.yaml", stores, vip))
        (tie,) = (d for d in found if d.code == "stop-tie")
        said.append(tie.hint)
    assert said == [
        f"decide which should fire first and give {rest} a lower priority, such as "
        "`priority: 999990` (none can be above 1000000): then the priorities decide"
        for rest in ("the other", "the others")
    ]


@pytest.mark.parametrize(
    ("code", "later", "ways"),
    [
        ("stop-hides-escalation", _BIG_ORDER, "to escalate whenever `big` matches, "),
        ("stop-stops-nothing", _BIG_ORDER, "to have it fire first and stop the others, "),
        (
            "shadowed-rule",
            "{event: order, all: [{field: customer.tier, eq: gold}, "
            "{field: order.total, gte: 500}]}",
            "to let `big` fire, ",
        ),
    ],
)
def test_a_hint_at_the_largest_priority_moves_a_rule_into_the_file_of_the_one_it_must_precede(
    tmp_path: Path, code: str, later: str, ways: str
) -> None:
    """At `priority: 1000000` only a place in the plan comes first, and none in `vip.yaml`
    is before a rule of `plan.yaml`: the hint had said "move it above rule `top` in the plan"
    (found by review)."""
    top = rule("top", _GOLD, "    priority: 1000000\n    stop: true")
    big = rule("big", later, "    priority: 1000000\n    stop: true", _ESCALATE)
    (found,) = (d for d in lint(tmp_path, top + FALLBACK, other_file=big) if d.code == code)
    assert found.hint.startswith(
        f"{ways}give it `priority: 1000000` and move it into {tmp_path / 'plan.yaml'}, above "
        "rule `top`"
    ), found.hint


@pytest.mark.parametrize(
    ("vip", "plan"),
    [
        # another priority: the priorities decide
        (rule("gold", _GOLD, "    priority: 90\n    stop: true", _ESCALATE), ""),
        # never the same complaint: a review is no order
        (rule("gold", "{event: review}", "    priority: 100\n    stop: true", _ESCALATE), ""),
        # a store of none of theirs
        (
            rule(
                "rome",
                "{event: order, all: [{field: store, eq: rome}]}",
                "    priority: 100\n    stop: true",
                _ESCALATE,
            ),
            "",
        ),
        # a stop rule of a higher priority takes every complaint both match
        (
            rule(
                "gold-big",
                "{event: order, all: [{field: customer.tier, eq: gold}, "
                "{field: order.total, gte: 500}]}",
                "    priority: 200\n    stop: true",
                _ESCALATE,
            )
            + rule("gold", _GOLD, "    priority: 100\n    stop: true", _ESCALATE),
            "",
        ),
    ],
    ids=["other-priority", "other-type", "other-store", "taken-before"],
)
def test_rules_of_one_priority_the_order_of_files_does_not_decide_between_are_not_told(
    tmp_path: Path, vip: str, plan: str
) -> None:
    found = lint_plan(_tie_plan(tmp_path / "plan", "vip.yaml", _STORES, vip, plan))
    assert "stop-tie" not in codes(found), [d.render() for d in found]


def test_under_match_first_any_two_rules_of_one_priority_in_two_files_are_told(
    tmp_path: Path,
) -> None:
    """Under `match: first` every rule stops: two rules without `stop: true` tie too (under
    `match: all` both fire, in either order); two of one file fire in the order it shows, and
    are not told."""
    vip = rule("gold", _GOLD, "    priority: 100", _ESCALATE)
    stores = rule("berlin-big", _BIG_ORDER, "    priority: 100", _ESCALATE)
    found = lint_plan(_tie_plan(tmp_path / "p", "vip.yaml", stores, vip, "  match: first\n"))
    (tie,) = (d for d in found if d.code == "stop-tie")
    assert "the plan fires only the first match (`match: first`)" in tie.message
    found = lint_plan(_tie_plan(tmp_path / "all", "vip.yaml", stores, vip))
    assert "stop-tie" not in codes(found), [d.render() for d in found]
    found = lint(tmp_path, stores + vip + FALLBACK, plan="  match: first\n")
    assert "stop-tie" not in codes(found), [d.render() for d in found]


# --- stop-hides-escalation: every warning shown by a complaint -----------------------------------

_STOP_PATTERNS = (
    # RE2's syntax beside Python's (a pattern's example is made from Python's reading of it)
    *("a(?i)b", r"\Qa.b\E", r"\bé", "(?s).", "x\n$", r"[^\x00-\x7f]", r"\x{e9}", "(?U)a+?"),
    *("[^A-Z](?i)[^a-z]", "x|a(?i)b|c"),
    *(r"\pL", r"\p{Greek}", "[[:^alpha:]]", "[[:alpha:]]+", "(?P<n>x)y", r"\d{2}", "^$"),
    # case-folding, and two patterns on one text
    *("(?i)ſ", "(?i)ß", "a|ß", "(?i)k", r"(?i)straße", "İ", "(?i)vip", "(?i)allerg", "^vip"),
    r"\bvip\b",
    # a class of no ASCII letter, a Unicode class anchored, patterns anchored at the start
    *("[éèê]", r"^\p{Lu}", "^refund", "^refund.*late$"),
    # classes of a script, or of Unicode classes in a `[...]`, found by RE2 alone
    *(r"\p{Cherokee}", r"[^\P{Lu}]", r"[^\p{L}\p{N}\s]"),
    # negated classes read folded: by the pattern's flag, or by the test's `ignore_case`
    *("(?i)^[^A-Z]", "^[^a-z]", "(?is)[^k]"),
)
_ODD_TESTS = (  # tests only a complaint `eval` refuses passes
    {"field": "occurred_at", "eq": 5},
    {"field": "type", "missing": True},
    {"not": {"field": "id", "exists": True}},
)


@st.composite
def _stop_plans(draw: st.DrawFn) -> dict[str, Any]:
    """Plans of stop rules, escalating rules (`then` or `prevent`) and fallbacks of both, with
    `not`/`any` trees, patterns beside them, priorities often equal, some rules switched off."""
    items = draw(differential_rules(draw(st.integers(2, 6)), None))
    for item in items:
        roll = draw(st.integers(0, 5))
        if roll <= 1:
            item["then"] = [{"escalate": {"to": "lead"}}]
        elif roll == 2 and not item.get("fallback"):
            item["prevent"] = [{"escalate": {"to": "lead"}}]
        elif roll >= 4 and item.get("fallback"):
            item["then"] = [{"apologize": {}}]
        item["stop"] = item.get("stop", False) or draw(st.integers(0, 2)) == 0
        tests: list[dict[str, Any]] = []
        if draw(st.integers(0, 3)) == 0:
            pattern = draw(st.sampled_from(_STOP_PATTERNS))
            tests.append({"field": "text", "matches": pattern, "ignore_case": draw(st.booleans())})
            if draw(st.booleans()):
                tests.append(
                    {"not": {"field": "text", "matches": draw(st.sampled_from(_STOP_PATTERNS))}}
                )
        if draw(st.integers(0, 11)) == 0:
            tests.append(draw(st.sampled_from(_ODD_TESTS)))
        if tests:
            item.setdefault("when", {}).setdefault("all", []).extend(tests)
    return plan_document(items, draw(st.sampled_from(["all", "all", "all", "first"])))


def _noting_untaken(untaken: list[dict[str, Any]]) -> Any:
    """``_Takers.taker``, noting in ``untaken`` each example no rule took: the last is the one
    a check's pair was told with."""
    taker = escalations_module._Takers.taker

    def noted(self: Any, event: dict[str, Any], before: int) -> Any:
        found = taker(self, event, before)
        if found is None:
            untaken.append(event)
        return found

    return noted


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(_stop_plans())
def test_every_stop_hides_escalation_is_shown_by_a_complaint_eval_decides(
    document: dict[str, Any],
) -> None:
    """The check's promise, never a false warning: lint's example for each pair (the last one
    no rule before the stop rule took) is decided, and the stop rule fires with no one
    escalated to. Its first run found a stop rule of `occurred_at eq 5` told, whose example
    `eval` refuses (found by review)."""
    plan = compile_document(document)
    untaken: list[dict[str, Any]] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(escalations_module._Takers, "taker", _noting_untaken(untaken))
        told = [
            (d, untaken[-1]) for d in escalations_module.StopHidesEscalation().check(plan.model)
        ]
    for diagnostic, event in told:
        stop_rule = diagnostic.message.split("rule `")[2].split("`")[0]
        decision = plan.decide(event)
        escalations = [a for a in decision["actions"] if a["type"] == "escalate"]
        assert stop_rule in decision["matched"] and escalations == [], (diagnostic.message, event)


# --- stop-tie: every tie shown by a complaint decided both ways ----------------------------------


@st.composite
def _tie_plans(draw: st.DrawFn) -> tuple[list[list[dict[str, Any]]], str]:
    """Rules spread over two to four files (each file one at least), priorities mostly equal,
    some with `stop: true`, some switched off, fallbacks, patterns and `not`/`any` trees as in
    `_stop_plans`; `match: first` sometimes. The plan's settings go with the first file. (Two
    files only had been tried: a rule between a pair's, in a third file, was never met.)"""
    items = draw(differential_rules(draw(st.integers(2, 7)), None))
    if draw(st.booleans()):  # fallbacks tie among themselves: one more, of a test
        extra = {"id": "fallback9", "title": "T", "fallback": True, "then": [{"apologize": {}}]}
        items.append({**extra, "when": {"all": [draw(conditions())]}})
    if draw(st.booleans()):  # a rule a `not` test makes wide, which takes many an example
        wide = {"id": "wide", "title": "T", "then": [{"apologize": {}}]}
        items.insert(0, {**wide, "when": {"all": [{"not": draw(conditions())}]}})
    for item in items:
        item["priority"] = draw(st.sampled_from([5, 5, 5, 5, 7]))
        item["stop"] = item.get("stop", False) or draw(st.integers(0, 2)) == 0
        tests: list[dict[str, Any]] = []
        if draw(st.integers(0, 3)) == 0:
            pattern = draw(st.sampled_from(_STOP_PATTERNS))
            tests.append({"field": "text", "matches": pattern, "ignore_case": draw(st.booleans())})
        if draw(st.integers(0, 11)) == 0:
            tests.append(draw(st.sampled_from(_ODD_TESTS)))
        if tests:
            item.setdefault("when", {}).setdefault("all", []).extend(tests)
    count = draw(st.integers(2, min(4, len(items))))  # (2 rules and a fallback at least)
    left = len(items) - count
    more = draw(st.lists(st.integers(0, count - 1), min_size=left, max_size=left))
    sides = draw(st.permutations([*range(count), *more]))
    files: list[list[dict[str, Any]]] = [[] for _ in range(count)]
    for item, side in zip(items, sides, strict=True):
        files[side].append(item)
    return files, draw(st.sampled_from(["all", "all", "all", "first"]))


def _written(
    folder: str, files: list[list[dict[str, Any]]], match: str
) -> tuple[list[Path], Callable[[list[Path]], Any]]:
    """The files `a.yaml`, `b.yaml`... written in ``folder`` (the plan's settings with the
    first), and the plan loaded from them in an order asked for, each order loaded once. A plan
    a user could not load (a pattern RE2 refuses, say) is no example."""
    paths = [Path(folder, f"{name}.yaml") for name in "abcd"[: len(files)]]
    for path, rules in zip(paths, files, strict=True):
        document = plan_document(rules, match) if path == paths[0] else {"backplan": 1}
        document["rules"] = rules
        path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    model, _ = validate_plan(paths)
    assume(model is not None)
    loaded: dict[tuple[Path, ...], Any] = {}

    def in_order(order: list[Path]) -> Any:
        if tuple(order) not in loaded:
            loaded[tuple(order)] = load_plan(order)
        return loaded[tuple(order)]

    return paths, in_order


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(_tie_plans())
def test_every_stop_tie_is_shown_by_a_complaint_decided_otherwise_in_the_other_file_order(
    plan_files: tuple[list[list[dict[str, Any]]], str],
) -> None:
    """The check's promise, never a false warning: for each pair told, lint's example (the last
    one no stop rule read before the pair took in every order of the files) is decided with
    the pair's two files named first, the rule read first's file first, and then the other way
    round (the others left after them, in order): the rule read first fires, and which of the
    two fire is not the same the other way round. When it fires with the files named in order
    too (no stop rule of its priority in a third file read before it takes the example), which
    of the two fire is not the same in the reverse order, nor with the pair's two files swapped
    in place. (A stop rule of the pair's priority in a third file had been tried as read first
    whatever the names, and two rules it covers went untold: they tie all the same.)"""
    files, match = plan_files
    with tempfile.TemporaryDirectory() as folder:
        paths, in_order = _written(folder, files, match)

        untaken: list[dict[str, Any]] = []
        shown: list[dict[str, Any]] = []  # an example for each pair found, in order
        ties: list[tuple[Any, Any]] = []
        reached = escalations_module._both_reached
        grouped = escalations_module.StopTie._grouped

        def reached_noted(both: Any, blockers: Any) -> bool:
            found = reached(both, blockers)
            if found:
                shown.append(untaken[-1])
            return found

        def grouped_noted(self: Any, pairs: list[tuple[Any, Any]], first_only: bool) -> Any:
            ties.extend(pairs)
            return grouped(self, pairs, first_only)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(escalations_module._Takers, "taker", _noting_untaken(untaken))
            patch.setattr(escalations_module, "_both_reached", reached_noted)
            patch.setattr(escalations_module.StopTie, "_grouped", grouped_noted)
            told = list(escalations_module.StopTie().check(in_order(paths).model))
        assert len(ties) == len(shown) and bool(told) == bool(ties)
        for (earlier, later), event in zip(ties, shown, strict=True):
            pair = {earlier.id, later.id}
            two = [Path(earlier.at.path), Path(later.at.path)]
            rest = [path for path in paths if path not in two]
            first = set(in_order([*two, *rest]).decide(event)["matched"]) & pair
            assert earlier.id in first, (earlier.id, later.id, event)
            fired = set(in_order([*two[::-1], *rest]).decide(event)["matched"]) & pair
            assert fired != first, (earlier.id, later.id, event, two[::-1])
            assert later.id in fired, (earlier.id, later.id, event, two[::-1])
            first = set(in_order(paths).decide(event)["matched"]) & pair
            if earlier.id not in first:
                continue  # (taken by a stop rule of its priority in a file read before)
            swapped = list(paths)
            one, other = (paths.index(path) for path in two)
            swapped[one], swapped[other] = swapped[other], swapped[one]
            for order in (paths[::-1], swapped):
                fired = set(in_order(order).decide(event)["matched"]) & pair
                assert fired != first, (earlier.id, later.id, event, order)


# --- shadowed-rule: every word about files shown by complaints decided in other file orders ------


def _fires(plan: Any, event: dict[str, Any], rule_id: str) -> bool:
    """Whether rule ``rule_id`` fires for ``event`` (not when `eval` refuses the complaint)."""
    try:
        return rule_id in plan.decide(event)["matched"]
    except EventError:
        return False


def _moved_after(paths: list[Path], mine: Path, moved: list[Path]) -> list[Path]:
    """``paths`` in order, ``moved`` taken out and read just after ``mine``, in their order."""
    order: list[Path] = []
    for path in paths:
        if path == mine:
            order.extend([mine, *(p for p in paths if p in moved)])
        elif path not in moved:
            order.append(path)
    return order


@st.composite
def _shadow_plans(draw: st.DrawFn) -> tuple[list[list[dict[str, Any]]], str]:
    """`_tie_plans`, with one to four rules made from others (often from one): a copy of one's
    `when:`, often with a test more, of its priority and kind, in any file at any place, the rule copied
    often made a stop rule. Plans drawn at random hid few rules (one warning in seven, a
    warning naming files in forty)."""
    files, match = draw(_tie_plans())
    first = draw(st.sampled_from(draw(st.sampled_from(files))))
    for number in range(draw(st.integers(1, 4))):
        source = first  # (often the same rule: hidden by rules of two files, or three)
        if draw(st.booleans()):
            source = draw(st.sampled_from(draw(st.sampled_from(files))))
        if draw(st.booleans()):
            source["stop"] = True
        copied = copy.deepcopy({k: v for k, v in source.items() if k != "enabled"})
        copied["id"] = f"copy{number}"
        if draw(st.integers(0, 5)) == 0:
            copied["priority"] = draw(st.sampled_from([5, 7]))
        if draw(st.booleans()):
            copied.setdefault("when", {}).setdefault("all", []).append(draw(conditions()))
        copied["stop"] = draw(st.booleans())
        into = draw(st.sampled_from(files))
        into.insert(draw(st.integers(0, len(into))), copied)
    return files, match


_BY_FILES = re.compile(
    r"\(only because (?:of the order of the files: )?its file, `([^`]+)`, (?:is )?read "
    r"(before|after) (.*?)(?::|, each|, it fires)"
)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(_shadow_plans())
def test_every_shadowed_rules_words_about_files_are_true(
    plan_files: tuple[list[list[dict[str, Any]]], str],
) -> None:
    """The check's promise, never a false warning, in what it says of the files' order: four
    of its claims were found false by reviews deciding complaints with `backplan eval`. For a
    warning naming files, lint's example of the hidden rule (the one it found no rule read
    before it takes, with the files named read after its file) is decided with its file read
    just before the files named (the others as they are): the rule fires; and with its file
    read after each file named alone (the other named files moved after it), it does not, as
    each is said to hide it. For a warning naming no file (one hidden rule or many), the rule
    fires in no order of the files for its examples, nor for any lint tried."""
    files, match = plan_files
    with tempfile.TemporaryDirectory() as folder:
        paths, in_order = _written(folder, files, match)

        untaken: list[dict[str, Any]] = []
        shown: dict[str, dict[str, Any]] = {}  # lint's example, by the rule said to fire
        tried: dict[str, list[dict[str, Any]]] = {}  # every example lint tried, by rule
        reached = escalations_module._both_reached
        fires_first = escalations_module.fires_read_first

        def fires_noted(plan: Any, rule: Any, read_after: Any = ()) -> bool:
            start = len(untaken)
            noted = {"found": False}

            def reached_noted(both: Any, blockers: Any) -> bool:
                noted["found"] = reached(both, blockers)
                return noted["found"]

            with pytest.MonkeyPatch.context() as inner:
                inner.setattr(escalations_module, "_both_reached", reached_noted)
                found = fires_first(plan, rule, read_after)
            tried.setdefault(rule.id, []).extend(untaken[start:])
            if found:
                shown[rule.id] = untaken[-1]
            return found

        whole = in_order(paths)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(escalations_module._Takers, "taker", _noting_untaken(untaken))
            patch.setattr(escalations_module, "fires_read_first", fires_noted)
            told = list(ShadowedRule().check(whole.model))
        conjuncts = plan_conjuncts(whole.model)
        rules = {rule.id: rule for rule in whole.model.rules}
        for diagnostic in told:
            message = diagnostic.message
            words = _BY_FILES.search(message)
            note_event("named no file" if words is None else f"named files: {words[2]}")
            if words is None:
                if "rules from ever firing" in message:
                    hidden = re.findall(r"`([^`]+)`", message.rsplit(": ", 1)[1])
                else:
                    hidden = [message.split("rule `")[1].split("`")[0]]
                orders = [list(o) for o in itertools.permutations(paths)]
                for rule_id in hidden:
                    rule = rules[rule_id]
                    examples = [*Examples(conjuncts[rule.position]).events()]
                    examples += tried.get(rule_id, [])
                    for order in orders:
                        for event in examples:
                            assert not _fires(in_order(order), event, rule_id), (
                                message,
                                event,
                                [p.name for p in order],
                            )
                continue
            rule_id = message.split("rule `")[1].split("`")[0]
            rule = rules[rule_id]
            mine = Path(rule.at.path)
            if "of the order of the files" in message:  # (said to fire read before them)
                assert words[1] == mine.name, message
                named = [Path(folder, name) for name in re.findall(r"`([^`]+)`", words[3])]
            elif words[2] == "before":
                named = [Path(folder, words[1])]
                assert re.findall(r"`([^`]+)`", words[3]) == [mine.name], message
            else:
                assert words[1] == mine.name, message
                named = [Path(folder, name) for name in re.findall(r"`([^`]+)`", words[3])]
            assert rule_id in shown, message
            event = shown[rule_id]
            order = _moved_after(paths, mine, named)
            assert _fires(in_order(order), event, rule_id), (
                message,
                event,
                [p.name for p in order],
            )
            for hider in named if "of the order of the files" not in message else ():
                order = _moved_after(paths, mine, [p for p in named if p != hider])
                assert not _fires(in_order(order), event, rule_id), (
                    message,
                    event,
                    [p.name for p in order],
                )


def test_a_rule_other_files_stop_rules_keep_from_firing_between_them_is_told_their_order(
    tmp_path: Path,
) -> None:
    """`gold` (`c.yaml`) is hidden by `big` (`a.yaml`); read after `a.yaml`, `b.yaml`'s `high`
    and `c.yaml`'s `low` still take every review rated 0 or more between them, but read before both it
    fires. It had been told "can never fire" alone, with no word of the files (found by
    property testing)."""

    def stop(name: str, when: str) -> str:
        return f"  - id: {name}\n    title: T\n    priority: 5\n    stop: true\n{when}" + (
            "    then:\n      - apologize: {}\n"
        )

    folder = tmp_path / "plan"
    folder.mkdir()
    write_plan(folder, "rules:\n" + stop("big", "    when: {event: review}\n"), name="a.yaml")
    high = "    when: {all: [{field: rating, gte: 3}]}\n"
    write_plan(folder, "rules:\n" + stop("high", high), header="backplan: 1\n", name="b.yaml")
    gold = "    when: {event: review, all: [{field: rating, gte: 0}]}\n"
    low = "    when: {all: [{field: rating, lt: 3}]}\n"
    body = "rules:\n" + stop("low", low) + stop("gold", gold)
    write_plan(folder, body, header="backplan: 1\n", name="c.yaml")
    (told,) = (d for d in lint_plan(folder) if d.code == "shadowed-rule" and "`gold`" in d.message)
    assert (
        "rule `big` matches too and fires first (only because of the order of the files: its "
        "file, `c.yaml`, read before `a.yaml` and `b.yaml`, it fires)"
    ) in told.message
    event = {"id": "e", "type": "review", "rating": 4}
    order = [folder / name for name in ("c.yaml", "a.yaml", "b.yaml")]
    assert "gold" in load_plan(order).decide(event)["matched"]
    # A file of that priority with no stop rule takes nothing: it is not named among those to
    # read after `c.yaml` (it had been, as any file of the priority read before it).
    noted = stop("noted", "    when: {event: review}\n").replace("    stop: true\n", "")
    write_plan(folder, "rules:\n" + noted, header="backplan: 1\n", name="b2.yaml")
    (again,) = (d for d in lint_plan(folder) if d.code == "shadowed-rule" and "`gold`" in d.message)
    assert "read before `a.yaml` and `b.yaml`, it fires)" in again.message


_SHUTTLE = "  extra_fields: [shuttle.delay_minutes, booking.total, booking.discount, stay.room]\n"


def test_a_number_written_as_text_in_a_field_of_the_plans_own_is_told(tmp_path: Path) -> None:
    """`gte: 20 min` of a field in `extra_fields` never holds for an event's 35: validate and
    lint had let it through, and a late shuttle went to the fallback without a word."""
    found = lint(
        tmp_path,
        rule("r", "{all: [{field: shuttle.delay_minutes, gte: 20 min}]}") + FALLBACK,
        plan=_SHUTTLE,
    )
    [told] = [d for d in found if d.code == "number-as-text"]
    assert (told.source.line, told.source.column) == (10, 54)  # at `20 min`
    assert told.message == (
        "the `gte` test of rule `r` compares `shuttle.delay_minutes` with `20 min`, which is "
        "text, not a number: an event's number is never compared with text, and text compares "
        "letter by letter (`100` before `20`), so the test does not hold as meant"
    )
    assert told.hint == (
        "if events send `shuttle.delay_minutes` as a number, write the value as one, counted "
        "in minutes: `gte: 20`"
    )


@pytest.mark.parametrize(
    ("test", "shown", "hint_end"),
    [
        ('{field: shuttle.delay_minutes, gte: "20"}', '`"20"`', ": `gte: 20`"),
        ("{field: shuttle.delay_minutes, gt: 2 hours}", "`2 hours`", "in minutes: `gt: 120`"),
        (
            "{field: booking.total, gte: €200}",
            "`€200`",
            "without the currency (amounts are in the plan's currency): `gte: 200`",
        ),
        (
            "{field: booking.discount, lt: 10 %}",
            "`10 %`",
            "with no `%`: `lt: 10` if they send 10% as 10, or `lt: 0.1` if they send it as 0.1",
        ),
        (
            "{field: booking.total, between: ['€10', '€50']}",
            "`€10`",
            "(amounts are in the plan's currency): `between: [10, 50]`",
        ),
    ],
)
def test_a_number_as_text_is_shown_as_written_and_hinted_as_a_number(
    tmp_path: Path, test: str, shown: str, hint_end: str
) -> None:
    found = lint(tmp_path, rule("r", f"{{all: [{test}]}}") + FALLBACK, plan=_SHUTTLE)
    [told] = [d for d in found if d.code == "number-as-text"]
    assert f"with {shown}, which is text" in told.message
    assert told.hint.endswith(hint_end)


@pytest.mark.parametrize(
    "test",
    [
        '{field: stay.room, gte: "0100"}',  # a code of fixed width: its order is its number's
        '{field: stay.room, gte: "2026-01-01"}',  # a date, written year first
        "{field: stay.room, gte: B}",  # a word
        '{field: stay.room, eq: "20"}',  # not put in order
        '{field: rating, gte: "2"}',  # a standard number: never-matches tells it
        "{field: shuttle.delay_minutes, gte: 20}",
        "{field: stay.room, gte: 3pm}",  # a time of day: no number
        "{field: stay.room, between: [3 pm, 5 pm]}",
        '{field: stay.room, gte: "15:00"}',
    ],
)
def test_what_is_no_number_as_text_is_left_alone(tmp_path: Path, test: str) -> None:
    found = lint(tmp_path, rule("r", f"{{all: [{test}]}}") + FALLBACK, plan=_SHUTTLE)
    assert "number-as-text" not in codes(found)


@pytest.mark.parametrize(
    ("test", "number"),
    [
        ('{field: stay.room, gte: "2026"}', "`gte: 2026`"),  # a year, or a code of one width
        ('{field: stay.room, between: ["100", "250"]}', "`between: [100, 250]`"),
        ('{field: stay.room, lt: "12.5"}', "`lt: 12.5`"),
    ],
)
def test_a_number_as_text_of_one_width_is_told_only_what_is_true_whatever_events_send(
    tmp_path: Path, test: str, number: str
) -> None:
    """Texts of one width are in their numbers' order letter by letter, so a year in quotes
    is not said to compare wrongly (it had been); but an event that sends the field as a
    number never passes it, and nothing in the plan says which events send, so that is told
    (left alone, such a test went silent where events send numbers, and the rule never fired)."""
    found = lint(tmp_path, rule("r", f"{{all: [{test}]}}") + FALLBACK, plan=_SHUTTLE)
    [told] = [d for d in found if d.code == "number-as-text"]
    assert told.message.endswith(
        "which is text, not a number: an event that sends `stay.room` as a number never passes it"
    )
    assert "letter by letter" not in told.message
    assert told.hint == (
        f"if events send `stay.room` as a number, write the value as one: {number}; if they "
        "send it as text of this width (a year, a code), the test holds as meant"
    )


@pytest.mark.parametrize(
    ("tests", "hint_end"),
    [
        # the texts of the test are of two widths: `"9"` is after `"250"` letter by letter
        ('{field: stay.room, between: ["10", "250"]}', ": `between: [10, 250]`"),
        # the plan compares the field with a number: events send one, which text never meets
        ('{field: stay.room, gte: "2026"}, {field: stay.room, ne: 2030}', ": `gte: 2026`"),
        # another test compares it with a text of another width
        ('{field: stay.room, gte: "100"}, {field: stay.room, ne: "99"}', ": `gte: 100`"),
        ('{field: stay.room, gt: "12.5"}, {field: stay.room, ne: "12.25"}', ": `gt: 12.5`"),
        ('{field: stay.room, gte: "-5"}', ": `gte: -5`"),  # a sign: `-3` before `-5`
        ('{field: stay.room, gte: "1,000"}', ": `gte: 1000`"),
    ],
)
def test_a_number_as_text_is_told_where_its_order_as_text_differs(
    tmp_path: Path, tests: str, hint_end: str
) -> None:
    """A number alone in quotes is in its number's order only among texts of its width: it
    is told where the plan shows the field's values are of other widths, or numbers."""
    found = lint(tmp_path, rule("r", f"{{all: [{tests}]}}") + FALLBACK, plan=_SHUTTLE)
    [told] = [d for d in found if d.code == "number-as-text"]
    assert told.hint.endswith(hint_end)


def test_a_number_as_text_is_told_by_what_other_rules_compare_the_field_with(
    tmp_path: Path,
) -> None:
    """The widths are the plan's, across its rules: `gte: "2026"` of a field another rule
    compares with a number is told, at the text's test only."""
    rules = rule("r", '{all: [{field: stay.room, gte: "2026"}]}')
    rules += rule("s", "{all: [{field: stay.room, lt: 1990}]}")
    found = lint(tmp_path, rules + FALLBACK, plan=_SHUTTLE)
    [told] = [d for d in found if d.code == "number-as-text"]
    assert told.message.startswith("the `gte` test of rule `r` compares `stay.room` with")


@pytest.mark.parametrize("time", ["3pm", "3 PM", "11 am or later"])
def test_a_time_of_day_is_not_hinted_as_its_hour(tmp_path: Path, time: str) -> None:
    """`gte: 3pm` is a time of day, not the number 3: `never-matches` of `rating` had hinted
    `gte: 3`, and `number-as-text` the same of a field of the plan's own."""
    found = lint(tmp_path, rule("r", f"{{all: [{{field: rating, gte: {time}}}]}}") + FALLBACK)
    [told] = [d for d in found if d.code == "never-matches"]
    assert "`gte:" not in told.hint
    assert number_meant("stay.slot", time) is None


def test_a_letter_written_with_its_accent_apart_is_not_told_and_matches(tmp_path: Path) -> None:
    """`Ho\u0302tel` (an `o` and U+0302, as macOS writes `ô` in a file's name) looks like an
    event's `H\u00f4tel`, which events send as one character. The rule had never fired, and
    lint told it (found by writing a hotel's plan); texts are now compared composed, so it
    fires, and there is nothing to tell."""
    text = (
        rule(
            "r",
            "{all: [{field: store, eq: Ho\u0302tel Lyon},"
            " {field: issue, in: [rude, \u30db\u3099rude, \u1100\u1161]}]}",
        )
        + FALLBACK
    )
    assert [d for d in lint(tmp_path, text) if d.code == "pasted-typography"] == []
    event = {"id": "e", "type": "review", "store": "H\u00f4tel Lyon", "issue": "\u30dcrude"}
    assert load_plan(tmp_path).evaluate(event).matched == ["r"]


@pytest.mark.parametrize("context", [decimal.Context(), decimal.Context(capitals=0)])
def test_a_plans_tiny_numbers_are_written_in_plain_decimals_whatever_the_callers_context(
    tmp_path: Path, context: decimal.Context
) -> None:
    """``validate`` and ``lint`` wrote a plan's ``0.0000001`` as ``1E-7`` (``str`` of its
    Decimal), or ``1e-7`` in an embedding app that had set ``capitals=0`` (found by review):
    a manager reads the number as the plan writes it, or in plain decimals."""
    from tests.conftest import write_plan

    invalid = """\
    rules:
      - id: r0
        title: r0
        when: {event: order}
        then:
          - compensate: {kind: voucher, percent: 10, of: order.total, min: 0.0000002, max: 0.0000001}
          - compensate: {kind: refund, amount: 0.00000005}
    """
    valid = """\
      compensation: {per_event_max: 0.0000001}
    rules:
      - id: r0
        title: r0
        when: {event: order}
        then: [{compensate: {kind: voucher, amount: 0.0000001, min: 20}}]
    """
    header = "backplan: 1\nplan:\n  name: T\n  currency: USD\n"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with decimal.localcontext(context):
        found = lint_plan(write_plan(tmp_path / "a", invalid, header=header))
        found += lint_plan(write_plan(tmp_path / "b", valid, header=header))
    said = "\n".join(f"{d.code}: {d.message}" for d in found)
    assert (
        "min-above-max: in rule `r0`, the compensation's min (0.0000002) is larger than its max "
        "(0.0000001)"
    ) in said
    assert "offer-of-nothing: in rule `r0`, the compensation's max (0.0000001) is 0.00 USD" in said
    assert "the compensation's amount (0.00000005) is 0.00 USD" in said
    assert "(`per_event_max: 0.0000001`)" in said  # cap-of-nothing
    assert "`amount: 0.0000001`, below its own `min: 20`" in said  # amount-outside-bounds
    assert re.search("[0-9][eE]-", said) is None, said


def test_a_plans_numbers_are_written_as_people_write_them(tmp_path: Path) -> None:
    """`lte: 0.0000001` had been told `1e-07`, Python's way, in lint's words."""
    found = lint(
        tmp_path,
        rule(
            "tiny",
            "{event: order, all: [{field: order.total, lte: 0.0000001}, "
            "{field: order.total, gte: 1e21}]}",
        )
        + FALLBACK,
    )
    [said] = [d.message for d in found if d.code == "never-matches"]
    assert said == (
        "rule `tiny` can never match: order.total is 0.0000001 or less and order.total is "
        "1000000000000000000000 or more cannot all hold"
    )


def test_a_number_too_long_to_write_out_is_told_as_the_plan_writes_it(tmp_path: Path) -> None:
    """`gte: 1e300` was `1e300` to validate and `1e+300` to lint, with the sign Python writes
    and no plan does: one number, two spellings (found by review)."""
    found = lint(
        tmp_path,
        rule("r", "{all: [{field: order.total, gte: 1e300}, {field: order.total, lt: -5}]}")
        + FALLBACK,
    )
    [never] = [d for d in found if d.code == "never-matches"]
    assert never.message == (
        "rule `r` can never match: order.total is 1e300 or more and order.total is less than -5 "
        "cannot all hold"
    )


@pytest.mark.parametrize(
    ("test", "mended"),
    [
        ("gte: 3pm", '`gte: "15:00"`'),
        ("lt: 11:30am", '`lt: "11:30"`'),
        ("gt: 12am", '`gt: "00:00"`'),
        ("lte: 12 P.M.", '`lte: "12:00"`'),
        ('lt: "9:30"', '`lt: "09:30"`'),
        ("between: [10am, 5:30pm]", '`between: ["10:00", "17:30"]`'),  # (in order as text)
        ('between: ["09:00", "9:30"]', '`between: ["09:00", "09:30"]`'),
    ],
)
def test_a_time_of_day_whose_text_order_is_not_the_clocks_is_told(
    tmp_path: Path, test: str, mended: str
) -> None:
    """`gte: 3pm` of a field of the plan's own held for `9pm` and never for `10pm` (text
    compares letter by letter): told, with the times written on the 24-hour clock."""
    found = lint(
        tmp_path,
        rule("r", f"{{all: [{{field: order.placed_time, {test}}}]}}") + FALLBACK,
        plan="  extra_fields: [order.placed_time]\n",
    )
    [told] = [d for d in found if d.code == "clock-time-as-text"]
    operator = test.split(":", maxsplit=1)[0]
    assert told.message.startswith(f"the `{operator}` test of rule `r` compares")
    assert told.hint is not None and told.hint.endswith(f"so too: {mended}")


def test_times_of_day_from_evening_to_morning_are_told_the_two_tests_they_take(
    tmp_path: Path,
) -> None:
    """`between: [5pm, 9am]` is in order as text, not on the clock: the hint writes the two
    tests a time across midnight takes, not a `between` that never holds."""
    found = lint(
        tmp_path,
        rule("r", "{all: [{field: order.placed_time, between: [5pm, 9am]}]}") + FALLBACK,
        plan="  extra_fields: [order.placed_time]\n",
    )
    [told] = [d for d in found if d.code == "clock-time-as-text"]
    assert told.hint is not None and told.hint.startswith(
        "from 17:00 to 09:00 on the 24-hour clock crosses midnight, which one `between` cannot "
        'say: write `any: [{field: order.placed_time, gte: "17:00"}, {field: order.placed_time, '
        'lte: "09:00"}]`'
    )


def test_times_of_day_beside_other_text_are_not_told_a_between_of_them(tmp_path: Path) -> None:
    """`between: [5pm, noon]`: `noon` is no time on the clock; the hint had written
    `between: ["17:00", "noon"]`, which holds for texts, not for the hours from 5pm."""
    found = lint(
        tmp_path,
        rule("r", "{all: [{field: order.placed_time, between: [5pm, noon]}]}") + FALLBACK,
        plan="  extra_fields: [order.placed_time]\n",
    )
    [told] = [d for d in found if d.code == "clock-time-as-text"]
    assert told.hint == (
        "write both bounds as times of day on the 24-hour clock, the hour in two digits (such "
        "as `17:00`), and have events send `order.placed_time` so too: `noon` is not one"
    )


@pytest.mark.parametrize("test", ['lt: "3 p.m."', 'lt: "3 P.M"', 'gte: "9.15 a.m."'])
def test_a_time_of_day_with_dotted_letters_is_not_told_a_number_as_text(
    tmp_path: Path, test: str
) -> None:
    """`lt: "3 p.m."` had been told number-as-text too, hinted `lt: 3` (`9.15 a.m.`:
    `lt: 9.15`), beside clock-time-as-text's `lt: "15:00"`: it is a time, told once."""
    found = lint(
        tmp_path,
        rule("r", f"{{all: [{{field: order.placed_time, {test}}}]}}") + FALLBACK,
        plan="  extra_fields: [order.placed_time]\n",
    )
    assert "number-as-text" not in codes(found)
    assert "clock-time-as-text" in codes(found)


@pytest.mark.parametrize(
    ("field", "test"),
    [
        ("order.placed_time", 'gte: "15:00"'),  # two-digit hours: in the clock's order
        ("order.placed_time", 'between: ["09:00", "17:30"]'),
        ("order.placed_time", 'eq: "3pm"'),  # not put in order
        ("order.placed_time", 'gte: "9.30"'),  # a number written as text: not a time
        ("occurred_at", "gte: 3pm"),  # the date checks' field
        ("rating", "gte: 3pm"),  # a field of numbers: never-matches says so
    ],
)
def test_a_time_in_the_clocks_order_or_not_put_in_order_is_not_told(
    tmp_path: Path, field: str, test: str
) -> None:
    found = lint(
        tmp_path,
        rule("r", f"{{all: [{{field: {field}, {test}}}]}}") + FALLBACK,
        plan="  extra_fields: [order.placed_time]\n",
    )
    assert "clock-time-as-text" not in codes(found)


_ANCHORED_THEN = "&std [{apologize: {within: 4h, message: 'Sorry {customer.first_name}'}}]"


def test_a_warning_met_in_every_rule_an_anchor_is_aliased_into_is_told_once(
    tmp_path: Path,
) -> None:
    # A `then:` written once (`&std`) and used by other rules (`*std`) gave one warning per
    # rule at the same file:line:col, alike but for the rule named: a flood for one thing to fix.
    rules = rule("a", "{event: review}", then=_ANCHORED_THEN)
    rules += "".join(rule(r, "{event: review}", then="*std") for r in ("b", "c", "d"))
    found = [d for d in lint(tmp_path, rules + FALLBACK) if d.code == "template-without-default"]
    assert [d.message for d in found] == [
        "the `apologize` message of rule `a` inserts {customer.first_name} with no default: for "
        "an event without it (or with it empty), the text would read [missing: "
        "customer.first_name]; the same text is used again, through a YAML alias (`*`), by 3 "
        "more rules: `b`, `c`, `d`"
    ]


def test_an_error_met_in_every_rule_an_anchor_is_aliased_into_is_told_once(
    tmp_path: Path,
) -> None:
    # validate flooded as lint did: `within: 4 hours` in an anchored `then:` was one error per
    # rule using it, at the anchor's place.
    rules = rule("a", "{event: review}", then="&std [{apologize: {within: 4 hours}}]")
    rules += "".join(rule(r, "{event: review}", then="*std") for r in ("b", "c"))
    found = lint(tmp_path, rules + FALLBACK)
    assert [(d.code, d.message) for d in found] == [
        (
            "bad-duration",
            "`4 hours` is not a duration in rule `a` (then › apologize › within); the same text "
            "is used again, through a YAML alias (`*`), by 2 more rules: `b`, `c`",
        )
    ]


def test_warnings_at_one_place_that_differ_otherwise_are_all_told(tmp_path: Path) -> None:
    # Only a repeat that differs by its rule's name alone is folded: two fields without a
    # default in one aliased message are two things to fix, each told once.
    then = "&std [{apologize: {message: 'Sorry {customer.first_name} {customer.name}'}}]"
    rules = rule("a", "{event: review}", then=then) + rule("b", "{event: review}", then="*std")
    found = [d for d in lint(tmp_path, rules + FALLBACK) if d.code == "template-without-default"]
    assert len(found) == 2
    assert all(d.message.endswith("by 1 more rule: `b`") for d in found), found


def test_an_owner_written_two_ways_is_told_once_at_the_spelling_fewer_actions_use(
    tmp_path: Path,
) -> None:
    # Five managers' files wrote one owner `south-tv-manager` in most rules and `South TV
    # Manager` in one: decisions carry the owner as written, so a queue for one missed the
    # other's steps, and lint said nothing. The rarer spelling is told once, at its first place.
    owned = "    prevent: [{{root_cause: {{owner: {}}}}}]"
    rules = "".join(
        rule(r, "{event: order}", extra=owned.format(who))
        for r, who in [
            ("a", "South TV Manager"),
            ("b", "south-tv-manager"),
            ("c", "south_tv_manager"),
            ("d", "south-tv-manager"),
            ("e", "South TV Manager"),
            ("f", "south-tv-manager"),
        ]
    )
    rules += rule("g", "{event: review}", then="[{escalate: {to: south-tv-manager}}]")
    found = [d for d in lint(tmp_path, rules + FALLBACK) if d.code == "name-written-two-ways"]
    assert [(d.source.pointer, d.message, d.hint) for d in found] == [
        (
            "/rules/0/prevent/0/root_cause/owner",
            "the `root_cause` of rule `a` names `South TV Manager` (here and in 1 other action), "
            "which the plan writes `south-tv-manager` in 4 actions (the `root_cause` of rule `b` "
            "first): decisions carry it as written, so a task list or report that reads one "
            "spelling misses the other's cases",
            "write `owner: south-tv-manager` wherever `South TV Manager` is written, one "
            "spelling for one person, role or team",
        ),
        (
            "/rules/2/prevent/0/root_cause/owner",
            "the `root_cause` of rule `c` names `south_tv_manager`, which the plan writes "
            "`south-tv-manager` in 4 actions (the `root_cause` of rule `b` first): decisions "
            "carry it as written, so a task list or report that reads one spelling misses the "
            "other's cases",
            "write `owner: south-tv-manager` wherever `south_tv_manager` is written, one "
            "spelling for one person, role or team",
        ),
    ]
    assert [d.related[0].pointer for d in found] == ["/rules/1/prevent/0/root_cause/owner"] * 2


def test_a_field_of_the_business_s_own_read_in_many_rules_is_told_once(tmp_path: Path) -> None:
    # `outage.hours` read by every outage rule before `extra_fields` lists it gave one warning
    # per rule, alike, for one line to add to the plan; a typo is still told at each place.
    outage = "{event: complaint, all: [{field: outage.hours, gte: 4}]}"
    typo = "{event: order, all: [{field: custmer.tier, eq: gold}]}"
    rules = "".join(rule(r, outage) for r in ("a", "b", "c", "d"))
    rules += "".join(rule(r, typo) for r in ("t", "u", "v"))
    found = [d for d in lint(tmp_path, rules + FALLBACK) if d.code == "unknown-field"]
    assert [(d.source.pointer, d.message) for d in found] == [
        (
            "/rules/0/when/all/0",
            "a condition of rule `a` reads `outage.hours`, which is not a standard event field; "
            "3 other places of the plan read it too",
        ),
        *(
            (
                f"/rules/{index}/when/all/0",
                f"a condition of rule `{r}` reads `custmer.tier`, which is not a standard event "
                "field (did you mean `customer.tier`?)",
            )
            for index, r in ((4, "t"), (5, "u"), (6, "v"))
        ),
    ]
    assert [place.pointer for place in found[0].related] == [
        f"/rules/{index}/when/all/0" for index in (1, 2, 3)
    ]
    assert found[0].hint.startswith("if your events really carry this field, list it in `plan:`")


def test_a_field_of_the_business_s_own_read_twice_is_told_at_each_place(tmp_path: Path) -> None:
    outage = "{event: complaint, all: [{field: outage.hours, gte: 4}]}"
    found = lint(tmp_path, rule("a", outage) + rule("b", outage.replace("4", "5")) + FALLBACK)
    assert [(d.code, d.message.split(" reads")[0]) for d in found] == [
        ("unknown-field", "a condition of rule `a`"),
        ("unknown-field", "a condition of rule `b`"),
    ]


def test_a_field_of_the_business_s_own_read_under_one_anchor_is_one_place(
    tmp_path: Path,
) -> None:
    # A condition under an anchor aliased into three rules is read at one place: counted as
    # three, it was told "3 other places of the plan read it too", each under `see:` at the
    # anchor's line. One more place elsewhere makes two places, each told, the alias once.
    anchored = "{event: complaint, all: [&out {field: outage.hours, gte: 4}]}"
    alias = "{event: complaint, all: [*out, {field: rating, lte: 2}]}"
    rules = rule("a", anchored) + rule("b", alias) + rule("c", alias)
    rules += rule("d", "{event: complaint, all: [{field: outage.hours, gte: 9}]}")
    found = [d for d in lint(tmp_path, rules + FALLBACK) if d.code == "unknown-field"]
    assert [(d.message.split(", which")[0], d.related) for d in found] == [
        ("a condition of rule `a` reads `outage.hours`", ()),
        ("a condition of rule `d` reads `outage.hours`", ()),
    ]
    assert found[0].message.endswith("through a YAML alias (`*`), by 2 more rules: `b`, `c`")


@pytest.mark.parametrize(
    "spellings",
    [
        # two mailboxes: `.` and `_` are letters of an address, not a space between words
        ("john.smith@acme.example", "john_smith@acme.example"),
        # a field in braces, told by field-in-plain-text at each place, not a name
        ("{customer.email}", "{Customer.Email}"),
    ],
)
def test_addresses_and_fields_in_braces_are_not_one_name_written_two_ways(
    tmp_path: Path, spellings: tuple[str, str]
) -> None:
    rules = "".join(
        rule(r, "{event: order}", then=f'[{{notify: {{to: "{who}", message: x}}}}]')
        for r, who in zip("abc", (spellings[0], spellings[0], spellings[1]), strict=True)
    )
    found = lint(tmp_path, rules + FALLBACK)
    assert "name-written-two-ways" not in {d.code for d in found}


def test_a_name_written_two_ways_is_hinted_as_yaml_reads_it_back(tmp_path: Path) -> None:
    # `to: "Ops #2"` was hinted `to: Ops #2`, which pasted reads `Ops`, the rest a comment.
    rules = "".join(
        rule(r, "{event: order}", then=f'[{{escalate: {{to: "{who}"}}}}]')
        for r, who in (("a", "Ops #2"), ("b", "Ops #2"), ("c", "ops #2"))
    )
    found = [d for d in lint(tmp_path, rules + FALLBACK) if d.code == "name-written-two-ways"]
    assert [d.hint for d in found] == [
        'write `to: "Ops #2"` wherever `ops #2` is written, one spelling for one person, role '
        "or team"
    ]


@pytest.mark.parametrize(
    ("test", "offset"),
    [
        ('ends_with: "+09:00"', "+09:00"),
        ('contains: "T09:00:00-05:00"', "-05:00"),
        ('contains_any: ["Z", "+00:00"]', "+00:00"),
        ("contains: T09", None),
        ('ends_with: "Z"', None),
        ('contains: "2026-12-01"', None),
    ],
)
def test_an_offset_looked_for_in_occurred_at_is_told_it_never_holds(
    tmp_path: Path, test: str, offset: str | None
) -> None:
    """An event's time is read in UTC (c594bdb6): `ends_with: "+09:00"`, which had told a
    Tokyo system's events, holds for none, and lint said nothing (found by review)."""
    found = [d for d in lint_time_test(tmp_path, test) if d.code == "time-not-in-utc"]
    if offset is None:
        assert found == []
        return
    [told] = found
    op = test.split(":", maxsplit=1)[0]
    assert told.message == (
        f"the `{op}` test of rule `r` looks for the offset `{offset}` in `occurred_at`, but an "
        "event's time is read in UTC, to the second, and ends with `Z` whatever offset it was "
        "sent with (`2026-12-07T06:00:00Z` for `2026-12-07T15:00:00+09:00`), so no event's "
        f"time holds `{offset}`"
    )
    assert told.hint == (
        "to tell where an event comes from, test a field that says it (such as `store` or "
        "`channel`); to test a time, compare it with a time in UTC"
    )


@pytest.mark.parametrize(
    ("test", "outcome"),
    [
        ('eq: "2026-12-07T15:00:00.000Z"', "so the test never holds"),
        ('in: ["2026-12-07T15:00:00+00:00"]', "so that value never matches"),
        ('ne: "2026-12-07t15:00:00Z"', "so the test holds for every event that has a time"),
        ('starts_with: "2026-12-07T15:00:00+00:00"', "so the test never holds"),
        (
            'gte: "2026-12-07T15:00:00+00:00"',
            "and text is compared letter by letter, so the test stands for another moment",
        ),
    ],
)
def test_a_time_not_in_utc_compared_whole_is_told_what_the_test_does(
    tmp_path: Path, test: str, outcome: str
) -> None:
    """`eq: "2026-12-07T15:00:00.000Z"` equals no event's time, read in UTC to the second,
    and its rule never fires: it had been told the test "stands for another moment", which
    left the manager to work out that it never holds (found by review)."""
    [told] = [d for d in lint_time_test(tmp_path, test) if d.code == "time-not-in-utc"]
    assert told.message.endswith(f"(`2026-12-07T15:00:00Z` for this moment), {outcome}")


def test_an_unbounded_percentage_of_a_rule_switched_off_is_not_told(tmp_path: Path) -> None:
    """A rule switched off gives nothing: its percentage without `max` had been told as
    unbounded all the same (found by review), where the other checks of money leave it."""
    offer = "[{compensate: {kind: refund, percent: 100, of: order.total}}]"
    found = lint(tmp_path, rule("r", "{event: order}", "    enabled: false\n", offer) + FALLBACK)
    assert "unbounded-compensation" not in codes(found)
    found = lint(tmp_path, rule("r", "{event: order}", "", offer) + FALLBACK)
    assert "unbounded-compensation" in codes(found)
