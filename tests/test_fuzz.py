"""Fuzzing: hostile plans and events must never crash Backplan, and answers must be repeatable.

Hypothesis generates plans (as YAML text, as bytes and as plan-shaped data) and events (any JSON
value, deep nesting, huge strings, odd numbers) and drives the loader, the validator, the stream
reader, the templates and the evaluator. Each property has the same shape: the only exceptions
are the documented ones (``PlanError`` for a plan, ``EventError`` for an event), and running the
same input twice gives the same output.

The default run is bounded (well under a minute on a laptop). For a longer run, e.g. nightly::

    BACKPLAN_FUZZ=long .venv/bin/pytest tests/test_fuzz.py      # 20x the examples

``BACKPLAN_FUZZ`` names a hypothesis profile registered here (``default``, ``long``); it only
affects the tests in this file.
"""

from __future__ import annotations

import io
import operator
import os
import re
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from engine import limits
from engine.answerer import answers as _answers
from engine.api import Plan, check_plan, load_plan
from engine.decision import Decision, canonical_json
from engine.documents import decode_plan_bytes
from engine.errors import EventError, PlanError
from engine.loading import load_yaml
from engine.model import ACTION_TYPES, EVENT_TYPES, OPERATORS
from engine.streams import read_events
from engine.templates import MAX_OUTPUT_CHARS, TemplateError, parse_template

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile(
    "backplan-fuzz-default", deadline=None, suppress_health_check=_HEALTH, print_blob=True
)
settings.register_profile(
    "backplan-fuzz-long", deadline=None, suppress_health_check=_HEALTH, print_blob=True
)
PROFILE = os.environ.get("BACKPLAN_FUZZ", "default")
if PROFILE not in ("default", "long"):
    raise RuntimeError(f"BACKPLAN_FUZZ must be `default` or `long`, not {PROFILE!r}")
SCALE = 20 if PROFILE == "long" else 1


def fuzz(examples: int) -> settings:
    """This file's settings: the profile chosen by BACKPLAN_FUZZ, scaled example count."""
    return settings(settings.get_profile(f"backplan-fuzz-{PROFILE}"), max_examples=examples * SCALE)


RICH_PLAN = """\
backplan: 1
plan:
  name: Fuzz Store
  currency: USD
  compensation: {combine: sum, per_event_max: 80, approval_above: 50}
conditions:
  public: {field: channel, in: [twitter, yelp, google_review]}
  angry: {any: [{field: text, matches: "(?i)(rude|awful|(a+)+$)"}, {field: rating, lte: 1}]}
rules:
  - id: public-review
    title: Public bad review
    priority: 100
    when:
      event: review
      all:
        - {use: public}
        - {field: rating, between: [0, 2]}
        - {not: {field: customer.tier, eq: banned}}
    then:
      - reply_publicly: {within: 1h, message: "Sorry {customer.first_name|there}, about {order.id}."}
      - compensate: {kind: voucher, percent: 20, of: order.total, min: 5, max: 40}
      - tag: {tags: [public, review]}
    prevent:
      - root_cause: {owner: store-manager, within: 7d}
  - id: angry
    title: Angry words
    priority: 90
    when: {use: angry}
    then:
      - apologize: {within: 2h, message: "{customer.first_name|Hello}, {text}"}
      - tag: {tags: [angry, review]}
      - compensate: {kind: store_credit, amount: 15}
  - id: order-late
    title: Late order
    when:
      event: [order, billing]
      all:
        - {field: order.delay_days, gte: 2}
        - {field: order.items, contains_any: [a, b, 3]}
        - {field: issue, ne: cancelled}
    then:
      - contact_customer: {channel: phone, within: 4h}
      - compensate: {kind: refund, percent: 12.5, of: order.total}
  - id: words
    title: Words
    when:
      any:
        - {field: text, contains: refund, ignore_case: true}
        - {field: text, starts_with: "Dear", ignore_case: true}
        - {field: text, ends_with: "!!"}
        - {field: tags, contains_all: [x, y]}
        - {field: email, exists: true}
        - {field: phone, missing: true}
        - {field: score, lt: -1.5}
        - {field: score, gt: 1e6}
        - {field: flag, eq: true}
        - {field: flag, in: [null, 0]}
        - {field: store, not_in: [S1, S2, 7]}
        - {field: items.0.sku, eq: X}
    then:
      - note: {message: "score={score} flag={flag} sku={items.0.sku|none}"}
      - escalate: {to: cx-lead, within: 30m}
  - id: improvise
    title: Nothing fits
    fallback: true
    then:
      - escalate: {to: cx-lead, within: 30m, message: "Improvise for {id}."}
"""
"""A plan using every operator, named conditions, templates, compensation and merging."""


@pytest.fixture(scope="module")
def rich_plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    path = tmp_path_factory.mktemp("fuzz") / "rich.yaml"
    path.write_text(RICH_PLAN, encoding="utf-8")
    return load_plan(path)


# --- events ---------------------------------------------------------------------------------

odd_numbers = st.one_of(
    st.integers(),
    st.integers(min_value=2**63 - 3, max_value=2**64 + 3),
    st.integers(min_value=-(2**64) - 3, max_value=-(2**63) + 3),
    st.floats(),  # NaN, infinities, -0.0 and subnormals included
    st.sampled_from([10**30, -(10**30), 1e15, 1e15 - 1, 5e-324, 1.7976931348623157e308]),
    # built, not listed: hypothesis prints its strategies, and str() of 10**5000 raises
    st.builds(pow, st.sampled_from([10, -10]), st.sampled_from([400, 5000])),
)
huge_text = st.builds(operator.mul, st.text(min_size=1, max_size=3), st.integers(0, 150_000))
texts = st.one_of(
    st.text(max_size=40),
    huge_text,
    st.sampled_from(["a" * 5000 + "b", "Dear Sir!!", "REFUND now", "rude", "\ud800", "\x00"]),
)
leaves = st.one_of(st.none(), st.booleans(), odd_numbers, texts)
FIELDS = [
    "id",
    "type",
    "occurred_at",
    "channel",
    "rating",
    "text",
    "customer",
    "order",
    "issue",
    "tags",
    "email",
    "phone",
    "score",
    "flag",
    "store",
    "items",
]
keys = st.one_of(
    st.sampled_from([*FIELDS, "__class__", "__dict__", "", "a.b", "0", "first_name", "total"]),
    st.text(max_size=8),
)
json_values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(keys, inner, max_size=6),
    max_leaves=30,
)


def _nest(leaf: Any, depth: int, as_list: bool) -> Any:
    value = leaf
    for _ in range(depth):
        value = [value] if as_list else {"order": value}
    return value


deep_values = st.builds(_nest, leaves, st.integers(0, 300), st.booleans())
times = st.one_of(
    st.sampled_from(["2026-11-23T09:30:00Z", "2026-02-28T23:59:59+05:30", "9999-12-31T23:59:59Z"]),
    st.datetimes().map(lambda moment: moment.isoformat()),  # no timezone: rejected clearly
    texts,
    leaves,
)
field_values = {
    "id": st.one_of(st.text(max_size=250), odd_numbers, leaves),
    "type": st.one_of(st.sampled_from([*EVENT_TYPES, "x-other"]), leaves),
    "occurred_at": times,
    "channel": st.one_of(st.sampled_from(["twitter", "yelp", "phone"]), leaves),
    "rating": st.one_of(st.integers(-1, 6), odd_numbers, leaves),
    "text": texts,
    "customer": st.one_of(
        st.fixed_dictionaries(
            {}, optional={"first_name": texts, "tier": st.sampled_from(["gold", "banned"])}
        ),
        json_values,
    ),
    "order": st.one_of(
        st.fixed_dictionaries(
            {},
            optional={
                "total": odd_numbers,
                "id": leaves,
                "delay_days": odd_numbers,
                "items": st.lists(leaves, max_size=4),
            },
        ),
        deep_values,
        json_values,
    ),
    "items": st.lists(st.dictionaries(st.just("sku"), leaves), max_size=3),
    "tags": st.lists(st.sampled_from(["x", "y", "z"]), max_size=3),
    "score": odd_numbers,
    "flag": leaves,
}
shaped_events = st.fixed_dictionaries(
    {
        "id": st.one_of(st.text(min_size=1, max_size=12), st.integers(0, 10**9)),
        "type": st.sampled_from(["review", "order", "billing", "survey", "x-other"]),
    },
    optional={
        name: strategy for name, strategy in field_values.items() if name not in ("id", "type")
    },
)
events = st.one_of(
    shaped_events,
    st.dictionaries(keys, json_values, max_size=8).flatmap(
        lambda extra: shaped_events.map(lambda base: {**extra, **base})
    ),
    json_values,
    deep_values,
)


def _outcome(plan: Plan, event: Any) -> bytes:
    """A decision's canonical bytes, or the EventError's code; anything else fails the test."""
    try:
        document = plan.decide(event)
    except EventError as error:
        return b"error:" + error.code.encode()
    Decision.validate(document)  # the document is also valid in the decision format
    return canonical_json(document)


@fuzz(300)
@given(event=events)
def test_evaluator_never_crashes_and_is_deterministic(rich_plan: Plan, event: Any) -> None:
    assert _outcome(rich_plan, event) == _outcome(rich_plan, event)


@fuzz(100)
@given(event=shaped_events)
def test_evaluator_survives_hostile_field_values(rich_plan: Plan, event: dict[str, Any]) -> None:
    first = _outcome(rich_plan, event)
    assert first == _outcome(rich_plan, dict(reversed(list(event.items()))))


# --- the stream reader and the eval loop ----------------------------------------------------

garbage_line = st.one_of(
    st.binary(max_size=60),
    st.sampled_from(
        [
            b'{"id": 1, "type": "review", "rating": NaN}',
            b'{"id": 1, "type": "review", "rating": -Infinity}',
            b'{"id": 1, "type": "order", "order": {"total": 1e400}}',
            b"\xef\xbb\xbf" + b'{"id": 2, "type": "review"}',
            b'{"id": 3, "type": "review", "text": "\\ud800"}',
            b'{"id": 4, "id": 5, "type": "review"}',
            b"[" * 5000 + b"]" * 5000,
            b'{"id": 6, "type": "review", "a": ' + b"[" * 100 + b"]" * 100 + b"}",
            b"\xff\xfe{\x00}\x00",
            b"[1, 2, 3]",
            b'"just text"',
            b"{",
        ]
    ),
).map(lambda raw: raw.replace(b"\n", b" "))


def _json_line(value: Any) -> bytes:
    import orjson

    try:
        return orjson.dumps(value)
    except TypeError:  # an int beyond 64 bits: not representable in JSON output
        return b"null"


@fuzz(150)
@given(first=shaped_events, rest=st.lists(st.one_of(garbage_line, events.map(_json_line))))
def test_every_input_line_gives_exactly_one_output_line(
    rich_plan: Plan, first: dict[str, Any], rest: list[bytes]
) -> None:
    lines = [_json_line(first), *rest]
    stream = b"\n".join(lines) + b"\n"
    items = list(read_events(io.BytesIO(stream), "fuzz.jsonl"))
    # a byte-order mark alone is a blank line (`cat` of files saved with one joins them)
    assert len(items) == sum(1 for line in lines if line.removeprefix(b"\xef\xbb\xbf").strip())
    answer = _answers(rich_plan, pretty=False, with_trace=False)
    outputs = [answer.answer(item) for item in items]
    for line, _, _ in outputs:
        assert line.endswith(b"\n") and line.count(b"\n") == 1
    again = [answer.answer(item) for item in read_events(io.BytesIO(stream), "fuzz.jsonl")]
    assert again == outputs


@fuzz(150)
@given(raw=st.one_of(st.binary(max_size=300), garbage_line))
def test_stream_reader_never_crashes_on_any_bytes(raw: bytes) -> None:
    first = list(read_events(io.BytesIO(raw), "fuzz"))
    for item in first:
        assert (item.error is None) or (item.value is None and item.code)
        # a carriage return alone ends a line too (engine.lineends): `\r[` is on line 2
        assert 1 <= item.start_line() <= len(re.split(rb"\r\n|\r|\n", raw))
    again = list(read_events(io.BytesIO(raw), "fuzz"))
    assert again == first
    assert [item.start_line() for item in again] == [item.start_line() for item in first]


@fuzz(200)
@given(value=st.one_of(json_values, deep_values, events))
def test_event_limit_walks_agree(value: Any) -> None:
    # The quick walk and the walk that names the place must agree on every input; small limits
    # make hypothesis reach them.
    small = {
        "MAX_DEPTH": 4,
        "MAX_STRING_CHARS": 50,
        "MAX_KEY_CHARS": 5,
        "MAX_KEYS": 4,
        "MAX_VALUES": 25,
    }
    with mock.patch.multiple(limits, **small):
        quick = limits._within_limits(value)
        try:
            limits.check_event(value)
        except EventError as error:
            assert not quick
            assert error.code in {
                "too-deep",
                "string-too-long",
                "key-too-long",
                "too-many-keys",
                "too-many-values",
            }
        else:
            assert quick


# --- templates ------------------------------------------------------------------------------

template_sources = st.lists(
    st.one_of(
        st.text(max_size=6),
        st.sampled_from(
            [
                "{",
                "}",
                "{{",
                "}}",
                "|",
                "{customer.first_name}",
                "{text}",
                "{order.total|n/a}",
                "{x:>999999999}",
                "{x!r}",
                "{x.__class__}",
                "{x[0]}",
                "{x()}",
                "{0}",
                "{}",
                "{items.0.sku|none}",
            ]
        ),
    ),
    max_size=12,
).map("".join)


@fuzz(200)
@given(source=template_sources, event=events)
def test_templates_parse_or_refuse_and_render_bounded(source: str, event: Any) -> None:
    try:
        template = parse_template(source)
    except TemplateError as error:
        assert 0 <= error.offset <= len(source)
        return
    rendered = template.render(event)
    assert isinstance(rendered, str)
    assert len(rendered) <= max(MAX_OUTPUT_CHARS, len(source))
    assert template.render(event) == rendered
    assert "<class" not in rendered or "<class" in source


# --- plans as text and bytes ----------------------------------------------------------------

YAML_PIECES = [
    "backplan: 1\n",
    "plan: {name: X, currency: USD}\n",
    "rules:\n",
    "  - ",
    "id: r\n",
    "&a ",
    "*a",
    "&b [*a, *a, *a, *a]",
    "<<: *a\n",
    "!!python/object/apply:builtins.open ['/tmp/backplan-fuzz-pwned', 'w']",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!custom x",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "? ",
    "\n",
    "  ",
    "\t",
    "'",
    '"',
    "#",
    "---\n",
    "...\n",
    "|\n",
    ">\n",
    "%YAML 1.1\n",
    "key",
    "1e400",
    ".nan",
    ".inf",
    "0x1F",
    "0o17",
    "1:30",
    "on",
    "~",
    "null",
    "\ufeff",
    "\x00",
    "\x85",
    "9" * 5000,
]
yaml_texts = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=4)), max_size=40).map(
        "".join
    ),
    st.builds(lambda n, c: "a: " + "[" * n + "]" * n * c, st.integers(0, 200), st.integers(0, 1)),
    st.builds(
        lambda n: "a:\n" + "".join("  " * i + "k:\n" for i in range(1, n)) + "  " * n + "v\n",
        st.integers(1, 200),
    ),
)


def _load_outcome(text: str) -> Any:
    try:
        document = load_yaml(text, "fuzz.yaml")
    except PlanError as error:
        return ("error", [d.render() for d in error.diagnostics])
    return ("data", document.data, document.positions, document.key_positions)


@fuzz(400)
@given(text=yaml_texts)
def test_loader_never_crashes_on_any_text(text: str) -> None:
    assert _load_outcome(text) == _load_outcome(text)
    assert not Path("/tmp/backplan-fuzz-pwned").exists()


@fuzz(200)
@given(
    raw=st.one_of(
        st.binary(max_size=200), yaml_texts.map(lambda t: t.encode("utf-8", "surrogatepass"))
    )
)
def test_plan_bytes_decode_or_refuse(raw: bytes) -> None:
    try:
        text = decode_plan_bytes(raw, "fuzz.yaml")
    except PlanError as error:
        assert error.diagnostics
        return
    _load_outcome(text)


# --- plans as data --------------------------------------------------------------------------

plan_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.text(max_size=20),
)
names = st.sampled_from(["public", "angry", "vip", "missing-one"])
paths = st.one_of(
    st.sampled_from(["rating", "text", "order.total", "customer.tier", "items.0.sku", "a..b", ""]),
    st.text(max_size=12),
)
operator_names = st.one_of(
    st.sampled_from(OPERATORS), st.sampled_from(["greter_than", "EQ", "lte "])
)
operand = st.one_of(
    plan_leaves,
    st.lists(
        st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=5)), max_size=4
    ),
    st.sampled_from(["(a+)+$", "(a)\\1", "(?=x)", "\\pL{1000}", "[", "x" * 1001]),
)
field_tests = st.builds(
    lambda path, op, value, ic: {"field": path, op: value, **({"ignore_case": ic} if ic else {})},
    paths,
    operator_names,
    operand,
    st.booleans(),
)
conditions = st.recursive(
    st.one_of(field_tests, names.map(lambda n: {"use": n})),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda items: {"all": items}),
        st.lists(inner, max_size=3).map(lambda items: {"any": items}),
        inner.map(lambda item: {"not": item}),
    ),
    max_leaves=6,
)
action_params = st.dictionaries(
    st.sampled_from(
        [
            "within",
            "message",
            "amount",
            "percent",
            "of",
            "min",
            "max",
            "kind",
            "to",
            "owner",
            "channel",
            "tags",
            "item",
            "bogus",
        ]
    ),
    st.one_of(
        st.sampled_from(["1h", "30m", "7d", "0m", "-1h", "1y", "999999d", "order.total", "gold"]),
        template_sources,
        st.integers(-10, 10**10),
        st.floats(),
        st.lists(st.text(max_size=4), max_size=3),
    ),
    max_size=4,
)
actions = st.builds(
    lambda kind, params: {kind: params},
    st.one_of(st.sampled_from(ACTION_TYPES), st.sampled_from(["x-custom", "refund_all", ""])),
    action_params,
)
rules = st.fixed_dictionaries(
    {
        "id": st.one_of(st.sampled_from(["r1", "r2", "r1"]), st.text(max_size=6)),
        "title": st.just("T"),
    },
    optional={
        "priority": st.one_of(st.integers(-5, 1000), plan_leaves),
        "when": st.one_of(
            conditions,
            st.builds(
                lambda event, extra: {"event": event, **extra},
                st.one_of(
                    st.sampled_from([*EVENT_TYPES, "reviews"]),
                    st.lists(st.sampled_from(EVENT_TYPES), max_size=2),
                ),
                conditions,
            ),
        ),
        "then": st.lists(actions, max_size=3),
        "prevent": st.lists(actions, max_size=2),
        "fallback": st.booleans(),
        "stop": st.booleans(),
        "enabled": st.booleans(),
    },
)
plans = st.fixed_dictionaries(
    {
        "backplan": st.one_of(st.just(1), plan_leaves),
        "plan": st.fixed_dictionaries(
            {
                "name": st.text(min_size=1, max_size=20),
                "currency": st.sampled_from(["USD", "JPY", "KWD", "usd", "XXXX"]),
            },
            optional={
                "compensation": st.fixed_dictionaries(
                    {},
                    optional={
                        "combine": st.sampled_from(["max", "sum", "min"]),
                        "per_event_max": st.one_of(st.integers(-1, 10**10), st.floats()),
                        "approval_above": st.integers(0, 100),
                    },
                ),
                "match": st.sampled_from(["all", "first", "any"]),
            },
        ),
        "rules": st.lists(rules, max_size=4),
    },
    optional={"conditions": st.dictionaries(names, conditions, max_size=3)},
)


# Mostly-valid plans, so that generated plans also get compiled and evaluated.
scalars = st.one_of(
    st.text(min_size=1, max_size=8),
    st.integers(-100, 100),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.booleans(),
)
numbers = st.one_of(st.integers(-100, 100), st.floats(-1e6, 1e6, allow_nan=False))
words = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=8
)
OPERANDS: dict[str, st.SearchStrategy[Any]] = {
    "eq": scalars,
    "ne": scalars,
    "in": st.lists(scalars, min_size=1, max_size=4),
    "not_in": st.lists(scalars, min_size=1, max_size=4),
    "lt": numbers,
    "lte": numbers,
    "gt": numbers,
    "gte": numbers,
    "between": st.lists(numbers, min_size=2, max_size=2).map(sorted),
    "contains": words,
    "contains_any": st.lists(words, min_size=1, max_size=3),
    "contains_all": st.lists(words, min_size=1, max_size=3),
    "starts_with": words,
    "ends_with": words,
    "matches": st.sampled_from(["(a+)+$", "(?i)rude|awful", "^[0-9]{3}$", "\\bx\\b", "."]),
    "exists": st.just(True),
    "missing": st.just(True),
}
good_tests = st.sampled_from(sorted(OPERANDS)).flatmap(
    lambda op: st.builds(
        lambda path, value: {"field": path, op: value},
        st.sampled_from(["rating", "text", "order.total", "customer.tier", "items.0.sku", "flag"]),
        OPERANDS[op],
    )
)
good_conditions = st.recursive(
    good_tests,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(lambda items: {"all": items}),
        st.lists(inner, min_size=1, max_size=3).map(lambda items: {"any": items}),
        inner.map(lambda item: {"not": item}),
    ),
    max_leaves=5,
)
durations = st.sampled_from(["5m", "1h", "4h", "2d", "1w", "52w"])


def _good_plans(templates: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Mostly-valid plans whose messages are drawn from ``templates``."""
    good_actions = st.one_of(
        st.builds(lambda d, m: {"apologize": {"within": d, "message": m}}, durations, templates),
        st.builds(lambda n: {"compensate": {"kind": "voucher", "amount": n}}, st.integers(1, 500)),
        st.builds(
            lambda p, lo, hi: {
                "compensate": {
                    "kind": "refund",
                    "percent": p,
                    "of": "order.total",
                    "min": lo,
                    "max": lo + hi,
                }
            },
            st.integers(1, 100),
            st.integers(0, 50),
            st.integers(0, 50),
        ),
        st.builds(
            lambda t: {"tag": {"tags": t}},
            st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=3, unique=True),
        ),
        st.builds(lambda m: {"note": {"message": m}}, templates),
        st.builds(lambda d: {"escalate": {"to": "cx-lead", "within": d}}, durations),
        st.just({"contact_customer": {"channel": "phone", "within": "4h"}}),
        st.builds(  # parameters of its own, some nested, written out of order
            lambda message, route: {
                "x-ticket": {"zeta": 1, "message": message, "route": route, "alpha": ["b", "a"]}
            },
            templates,
            st.dictionaries(st.sampled_from(["queue", "level", "Zed", "é"]), st.integers(0, 2)),
        ),
    )
    good_rules = st.lists(
        st.fixed_dictionaries(
            {
                "title": st.just("T"),
                "when": st.builds(
                    lambda kind, condition: {
                        **({"event": kind} if kind else {}),
                        "all": [condition],
                    },
                    st.one_of(st.none(), st.sampled_from(["review", "order"])),
                    good_conditions,
                ),
                "then": st.lists(good_actions, min_size=1, max_size=4),
            },
            optional={"priority": st.integers(0, 100), "stop": st.booleans()},
        ),
        min_size=1,
        max_size=5,
    ).map(lambda rules: [{"id": f"rule-{i}", **rule} for i, rule in enumerate(rules)])
    return st.builds(
        lambda rules, combine, cap: {
            "backplan": 1,
            "plan": {
                "name": "Generated",
                "currency": "USD",
                "compensation": {"combine": combine, "per_event_max": cap},
            },
            "rules": [
                *rules,
                {
                    "id": "fallback",
                    "title": "F",
                    "fallback": True,
                    "then": [{"escalate": {"to": "cx-lead", "within": "30m"}}],
                },
            ],
        },
        good_rules,
        st.sampled_from(["max", "sum"]),
        st.integers(1, 1000),
    )


good_plans = _good_plans(template_sources)
readable_plans = _good_plans(
    st.sampled_from(
        ["Sorry {customer.first_name|there}", "On it", "{text}", "{order.total|n/a} back"]
    )
)
"""Plans that are valid but for their generated conditions: their templates all read."""


@pytest.fixture(scope="module")
def plan_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-plans")


@fuzz(120)
@given(data=st.one_of(plans, good_plans), probe=st.lists(events, max_size=4))
def test_validator_survives_generated_plans(
    plan_dir: Path, data: dict[str, Any], probe: list[Any]
) -> None:
    path = plan_dir / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    found = [d.render() for d in check_plan(path)]
    assert [d.render() for d in check_plan(path)] == found
    event("invalid plan" if found else "valid plan")  # see --hypothesis-show-statistics
    if found:
        with pytest.raises(PlanError):
            load_plan(path)
        return
    plan = load_plan(path)
    for sample in probe:
        assert _outcome(plan, sample) == _outcome(plan, sample)


@fuzz(60)
@given(data=readable_plans, probe=st.lists(shaped_events, min_size=1, max_size=4))
def test_decisions_are_written_in_key_order_without_sorting(
    plan_dir: Path, data: dict[str, Any], probe: list[dict[str, Any]]
) -> None:
    """eval writes a decision without asking orjson to sort its keys (decision_json_line): every
    mapping the evaluator makes must already be in key order, whether its actions were filled
    in step by step or by a generated builder (each event is decided twice: once each way)."""
    import orjson

    from engine.decision import canonical_json_line, decision_json_line

    path = plan_dir / "ordered.yaml"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)  # keys as generated
    path.write_text(text, encoding="utf-8")
    if check_plan(path):
        event("invalid plan")
        return
    with mock.patch("engine.evaluate.BUILD_AFTER_USES", 1):
        plan = load_plan(path)
        for sample in probe:
            for _ in range(2):  # filled in step by step, then by the set's builder
                try:
                    document = plan.decide(sample)
                except EventError:
                    continue
                assert decision_json_line(document) == canonical_json_line(document)
                assert orjson.loads(decision_json_line(document)) == document
                event("fallback" if document["fallback"] else "a rule fired")
                if document["compensation"] is not None:
                    event("with compensation")
