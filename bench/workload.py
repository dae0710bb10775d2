"""The seeded workload: complaint events and plans of any size, the same bytes for the same seed.

Everything the benchmark measures is generated here, so every engine sees exactly the same work:

* :func:`make_events` writes complaint events over the standard fields (type, channel, rating,
  issue, store, customer, order, survey, contact, tags...), about one optional field in ten
  missing, as a real feed would be;
* :func:`make_plan` writes a plan of N rules over those fields: all/any/not trees, named
  conditions, every operator the :class:`Profile` allows, a realistic mix of actions and one
  fallback rule; most rules are scoped to an event type and to an issue, channel or store, as
  people write them, so a complaint matches a handful of rules, not hundreds;
* :func:`make_multistore_plan` writes the *multi-store* plan: S stores x 20 rules, each rule
  scoped by ``{field: store, eq: S}``; the events of :func:`make_events` with ``stores=S`` hit
  every store evenly.

A :class:`Profile` limits the operators (and negation) so a plan can be expressed by a peer engine
with fewer operators: the same seed gives the same rule shapes with only the allowed operators.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import orjson

from engine.model import OPERATORS

EVENT_TYPES = ("review", "survey", "contact", "conduct", "product", "order", "billing", "complaint")
TYPE_WEIGHTS = (30, 10, 15, 5, 10, 20, 7, 3)
CHANNELS = (
    "google_review",
    "yelp",
    "twitter",
    "facebook",
    "instagram",
    "trustpilot",
    "phone",
    "email",
    "chat",
    "store",
    "survey",
    "app",
)
ISSUES = (
    "late",
    "wrong_item",
    "missing_item",
    "defective",
    "damaged",
    "overcharged",
    "double_charged",
    "charged_for_replacement",
    "rude",
    "no_empathy",
    "slow_response",
    "unanswered",
    "retold",
    "other",
)
SEVERITIES = ("low", "medium", "high", "critical")
TIERS = ("bronze", "silver", "gold", "platinum")
SURVEY_KINDS = ("csat", "nps", "ces")
TAGS = ("vip", "press", "first_order", "b2b", "gift", "subscription", "promo", "return", "warranty")
NAMES = ("Dana", "Ali", "Mei", "Jonas", "Priya", "Lucas", "Amara", "Sven", "Noor", "Kenji")
WORDS = (
    "the parcel arrived late and the box was damaged",
    "nobody answered my email for a week",
    "the waiter was rude and the food cold",
    "I was charged twice for one order",
    "the phone screen is bent and the charger is missing",
    "they asked me to pay for the replacement",
    "I had to explain the story three times",
    "great product but the delivery was slow",
    "wrong size sent and no apology",
    "refund still pending after ten days",
    "support hung up on me",
    "coupon did not work at checkout",
)
TEXT_WORDS = tuple(sorted({w for s in WORDS for w in s.split() if len(w) > 3}))
SKUS = tuple(f"sku-{i:02d}" for i in range(40))

CATEGORY_FIELDS: dict[str, tuple[str, ...]] = {
    "channel": CHANNELS,
    "issue": ISSUES,
    "severity": SEVERITIES,
    "customer.tier": TIERS,
    "survey.kind": SURVEY_KINDS,
}
NUMBER_FIELDS: dict[str, tuple[float, float, bool]] = {
    # field: (low, high, whole numbers)
    "rating": (1, 5, True),
    "customer.lifetime_value": (0, 5000, False),
    "customer.complaints_90d": (0, 6, True),
    "order.total": (5, 500, False),
    "order.delay_days": (0, 14, True),
    "survey.score": (0, 10, True),
    "contact.wait_minutes": (0, 240, False),
    "contact.attempts": (1, 6, True),
}
TEXT_FIELDS = ("text", "customer.first_name")
LIST_FIELDS: dict[str, tuple[str, ...]] = {"tags": TAGS, "order.items": SKUS}
BOOL_FIELDS = ("public", "retold", "repeat", "contact.unanswered")

ALL_OPERATORS = frozenset(OPERATORS)


@dataclass(frozen=True)
class Profile:
    """What a plan may use: the operators, negation (``not``), ``ignore_case`` and named conditions."""

    name: str
    operators: frozenset[str] = ALL_OPERATORS
    negation: bool = True
    ignore_case: bool = True
    named: bool = True
    notes: tuple[str, ...] = field(default=())


FULL = Profile("full")
"""Every operator, negation, ignore_case and named conditions: what Backplan is measured on."""


def store_name(index: int) -> str:
    """The store id of the index-th store (``S0042``)."""
    return f"S{index:04d}"


# --- events -----------------------------------------------------------------------------------


def make_event(rng: random.Random, index: int, stores: int) -> dict[str, Any]:
    """One complaint event; optional fields are missing about one time in ten."""

    def maybe(p: float = 0.9) -> bool:
        return rng.random() < p

    kind = rng.choices(EVENT_TYPES, TYPE_WEIGHTS)[0]
    day, hour, minute = rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59)
    event: dict[str, Any] = {
        "id": f"evt-{index:07d}",
        "type": kind,
        "occurred_at": f"2026-11-{day:02d}T{hour:02d}:{minute:02d}:00Z",
    }
    if maybe():
        event["channel"] = rng.choice(CHANNELS)
    if maybe(0.7):
        event["public"] = rng.random() < 0.4
    if kind in ("review", "survey") or maybe(0.3):
        event["rating"] = rng.choices((1, 2, 3, 4, 5), (25, 20, 20, 15, 20))[0]
    if maybe(0.8):
        event["severity"] = rng.choices(SEVERITIES, (40, 35, 20, 5))[0]
    if maybe():
        event["issue"] = rng.choice(ISSUES)
    if maybe(0.85):
        event["text"] = rng.choice(WORDS)
    if maybe(0.5):
        event["retold"] = rng.random() < 0.2
    if maybe(0.5):
        event["repeat"] = rng.random() < 0.25
    if maybe(0.95):
        event["store"] = store_name(rng.randrange(stores))
    if maybe(0.95):
        customer: dict[str, Any] = {"id": f"c-{rng.randrange(100000):05d}"}
        if maybe():
            customer["first_name"] = rng.choice(NAMES)
        if maybe():
            customer["tier"] = rng.choices(TIERS, (50, 30, 15, 5))[0]
        if maybe(0.8):
            customer["lifetime_value"] = round(rng.uniform(0, 5000), 2)
        if maybe(0.8):
            customer["complaints_90d"] = rng.choices(range(7), (30, 30, 15, 10, 7, 5, 3))[0]
        event["customer"] = customer
    if kind in ("order", "product", "billing", "review") and maybe(0.9):
        order: dict[str, Any] = {"id": f"o-{rng.randrange(1000000):06d}"}
        if maybe(0.95):
            order["total"] = round(rng.uniform(5, 500), 2)
        order["currency"] = "USD"
        if maybe(0.7):
            order["delay_days"] = rng.choices(range(15), (40, *([4] * 14)))[0]
        if maybe(0.8):
            order["items"] = rng.sample(SKUS, rng.randint(1, 4))
        event["order"] = order
    if kind == "survey" or maybe(0.1):
        event["survey"] = {"kind": rng.choice(SURVEY_KINDS), "score": rng.randint(0, 10)}
    if kind == "contact" or maybe(0.15):
        contact: dict[str, Any] = {"attempts": rng.randint(1, 6)}
        if maybe(0.8):
            contact["wait_minutes"] = round(rng.uniform(0, 240), 1)
        if maybe(0.8):
            contact["unanswered"] = rng.random() < 0.3
        event["contact"] = contact
    if maybe(0.6):
        event["tags"] = rng.sample(TAGS, rng.randint(0, 3))
    return event


def make_events(count: int, *, seed: int = 7, stores: int = 50) -> list[dict[str, Any]]:
    """``count`` events, the same for the same seed."""
    rng = random.Random(seed)
    return [make_event(rng, index, stores) for index in range(count)]


def events_jsonl(events: list[dict[str, Any]]) -> bytes:
    """The events as JSONL bytes (one compact JSON object per line)."""
    return b"".join(orjson.dumps(e) + b"\n" for e in events)


# --- conditions -------------------------------------------------------------------------------


class _Conditions:
    """Random field tests and condition trees under a profile."""

    def __init__(self, rng: random.Random, profile: Profile, stores: int) -> None:
        self.rng = rng
        self.profile = profile
        self.stores = stores
        self.by_operator = self._operators_by_kind()

    def _operators_by_kind(self) -> dict[str, list[str]]:
        allowed = self.profile.operators
        kinds = {
            "category": [
                "eq",
                "ne",
                "in",
                "not_in",
                "starts_with",
                "ends_with",
                "exists",
                "missing",
            ],
            "number": ["eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte", "between", "exists"],
            "text": ["contains", "contains_any", "starts_with", "ends_with", "matches", "missing"],
            "list": ["contains", "contains_any", "contains_all", "exists"],
            "bool": ["eq", "ne", "exists"],
        }
        return {kind: [op for op in ops if op in allowed] for kind, ops in kinds.items()}

    def test(self) -> dict[str, Any]:
        """One field test on a random field with an operator of the profile."""
        rng = self.rng
        while True:
            kind = rng.choices(
                ["category", "number", "text", "list", "bool"], (30, 35, 15, 10, 10)
            )[0]
            if self.by_operator[kind]:
                break
        op = rng.choice(self.by_operator[kind])
        if kind == "category":
            name = rng.choice(list(CATEGORY_FIELDS))
            return self._category(name, CATEGORY_FIELDS[name], op)
        if kind == "number":
            name = rng.choice(list(NUMBER_FIELDS))
            return self._number(name, op)
        if kind == "text":
            return self._text(rng.choice(TEXT_FIELDS), op)
        if kind == "list":
            name = rng.choice(list(LIST_FIELDS))
            return self._list(name, LIST_FIELDS[name], op)
        name = rng.choice(BOOL_FIELDS)
        if op in ("exists", "missing"):
            return {"field": name, op: True}
        return {"field": name, op: rng.random() < 0.5}

    def _category(self, name: str, values: tuple[str, ...], op: str) -> dict[str, Any]:
        rng = self.rng
        if op in ("in", "not_in"):
            return {"field": name, op: rng.sample(values, min(len(values), rng.randint(2, 4)))}
        if op in ("starts_with", "ends_with"):
            word = rng.choice(values)
            piece = word[:3] if op == "starts_with" else word[-3:]
            return {"field": name, op: piece}
        if op in ("exists", "missing"):
            return {"field": name, op: True}
        test: dict[str, Any] = {"field": name, op: rng.choice(values)}
        if op == "eq" and self.profile.ignore_case and rng.random() < 0.1:
            test[op] = test[op].upper()
            test["ignore_case"] = True
        return test

    def _number(self, name: str, op: str) -> dict[str, Any]:
        rng = self.rng
        low, high, whole = NUMBER_FIELDS[name]

        def pick() -> float | int:
            return rng.randint(int(low), int(high)) if whole else round(rng.uniform(low, high), 1)

        if op in ("eq", "ne"):
            return {"field": name, op: rng.randint(int(low), int(high))}
        if op in ("in", "not_in"):
            return {"field": name, op: sorted(rng.sample(range(int(low), int(high) + 1), 2))}
        if op == "between":
            a, b = sorted((pick(), pick()))
            return {"field": name, op: [a, b]}
        if op == "exists":
            return {"field": name, op: rng.random() < 0.8}
        return {"field": name, op: pick()}

    def _text(self, name: str, op: str) -> dict[str, Any]:
        rng = self.rng
        if name == "customer.first_name":
            word = rng.choice(NAMES)
            if op in ("starts_with", "ends_with"):
                return {"field": name, op: word[:2] if op == "starts_with" else word[-2:]}
            if op == "missing":
                return {"field": name, op: True}
            if op == "contains_any":
                return {"field": name, op: rng.sample(NAMES, 2)}
            if op == "matches":
                return {"field": name, op: f"^({word}|{rng.choice(NAMES)})$"}
            return {"field": name, op: word[1:4]}
        if op == "contains_any":
            return {"field": name, op: rng.sample(TEXT_WORDS, 2)}
        if op == "starts_with":
            return {"field": name, op: rng.choice(WORDS)[:6]}
        if op == "ends_with":
            return {"field": name, op: rng.choice(WORDS)[-5:]}
        if op == "matches":
            a, b = rng.sample(TEXT_WORDS, 2)
            return {"field": name, op: f"\\b({a}|{b})\\b"}
        if op == "missing":
            return {"field": name, op: True}
        return {"field": name, op: rng.choice(TEXT_WORDS)}

    def _list(self, name: str, values: tuple[str, ...], op: str) -> dict[str, Any]:
        rng = self.rng
        if op == "contains":
            return {"field": name, op: rng.choice(values)}
        if op == "exists":
            return {"field": name, op: True}
        return {"field": name, op: rng.sample(values, 2)}

    def tree(self, depth: int) -> dict[str, Any]:
        """A test, or (with decreasing odds as it nests) an all/any/not of smaller trees."""
        rng = self.rng
        roll = rng.random()
        if depth >= 3 or roll < 0.6:
            return self.test()
        if roll < 0.75 and self.profile.negation:
            return {"not": self.tree(depth + 1)}
        key = "any" if roll < 0.9 else "all"
        return {key: [self.tree(depth + 1) for _ in range(rng.randint(2, 3))]}

    def primary(self, rules: int) -> list[dict[str, Any]]:
        """The tests that scope a rule, as people write them: an issue, channels, or a store.

        Large plans are large because they are specific (per store, per issue and severity), so
        the share of unscoped rules shrinks and issue/channel rules gain a severity as plans
        grow: a complaint then matches a handful of rules at every size, as in real plans.
        """
        rng = self.rng
        unscoped = 60.0 if rules < 100 else 30.0 * min(1.0, (100 / rules) ** 2)
        stores = 55.0 if rules > 100 else 30.0 if rules == 100 else 0.0
        kind = rng.choices(("issue", "channel", "store", "none"), (20, 20, stores, unscoped))[0]
        if kind == "none":
            return []
        if kind == "store":
            return [{"field": "store", "eq": store_name(rng.randrange(self.stores))}]
        if kind == "issue":
            tests: list[dict[str, Any]] = [{"field": "issue", "eq": rng.choice(ISSUES)}]
        else:
            tests = [{"field": "channel", "in": rng.sample(CHANNELS, rng.randint(1, 3))}]
        if rules >= 1000:
            tests.append({"field": "severity", "eq": rng.choice(SEVERITIES)})
        if rules >= 10000 and kind == "channel":
            tests.append({"field": "customer.tier", "eq": rng.choice(TIERS)})
        return tests


# --- actions ----------------------------------------------------------------------------------


def _actions(rng: random.Random, index: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    then: list[dict[str, Any]] = [
        {
            "apologize": {
                "within": rng.choice(("30m", "1h", "2h")),
                "message": "Sorry {customer.first_name|there}, we are on it.",
            }
        }
    ]
    roll = rng.random()
    if roll < 0.5:
        then.append(
            {
                "compensate": {
                    "kind": rng.choice(("voucher", "refund", "store_credit")),
                    "percent": rng.choice((10, 15, 20, 25)),
                    "of": "order.total",
                    "min": 5,
                    "max": rng.choice((25, 40, 60)),
                }
            }
        )
    elif roll < 0.65:
        then.append({"compensate": {"kind": "voucher", "amount": rng.choice((5, 10, 15))}})
    if rng.random() < 0.4:
        then.append(
            {"contact_customer": {"channel": rng.choice(("phone", "email")), "within": "4h"}}
        )
    if rng.random() < 0.3:
        then.append({"escalate": {"to": rng.choice(("cx-lead", "store-manager")), "within": "1h"}})
    if rng.random() < 0.3:
        then.append({"tag": {"tags": [f"rule-{index % 17}"]}})
    prevent: list[dict[str, Any]] = []
    if rng.random() < 0.3:
        prevent.append(
            {"root_cause": {"owner": rng.choice(("ops", "store-manager")), "within": "7d"}}
        )
    return then, prevent


# --- plans ------------------------------------------------------------------------------------


NAMED: dict[str, dict[str, Any]] = {
    "public_channel": {
        "field": "channel",
        "in": ["twitter", "facebook", "instagram", "google_review", "yelp"],
    },
    "unhappy": {"any": [{"field": "rating", "lte": 2}, {"field": "survey.score", "lte": 4}]},
    "valuable": {"field": "customer.tier", "in": ["gold", "platinum"]},
}


def stores_for(rules: int) -> int:
    """How many stores a generic plan of ``rules`` rules (and its events) spans."""
    return max(10, rules // 10)


def make_plan(rules: int, *, seed: int = 11, profile: Profile = FULL) -> dict[str, Any]:
    """A plan document of ``rules`` rules (plus one fallback rule) under ``profile``.

    Its events are ``make_events(count, stores=stores_for(rules))``.
    """
    rng = random.Random(seed * 1_000_003 + rules)
    conditions = _Conditions(rng, profile, stores_for(rules))
    items: list[dict[str, Any]] = []
    for index in range(rules):
        parts: list[dict[str, Any]] = conditions.primary(rules)
        if profile.named and rng.random() < 0.1:
            parts.append({"use": rng.choice(list(NAMED))})
        for _ in range(rng.choices((1, 2, 3), (50, 40, 10 if rules > 100 else 0))[0]):
            parts.append(conditions.tree(1))
        when: dict[str, Any] = {}
        if rng.random() < (0.6 if rules <= 10 else 0.9):
            kinds = rng.sample(EVENT_TYPES, rng.choices((1, 2), (80, 20))[0])
            when["event"] = kinds[0] if len(kinds) == 1 else kinds
        when["all"] = parts
        items.append(_rule(rng, index, when))
    items.append(_fallback())
    document: dict[str, Any] = {
        "backplan": 1,
        "plan": _settings(f"Bench {rules} rules ({profile.name})"),
        "rules": items,
    }
    if profile.named:
        document["conditions"] = NAMED
    return document


def make_multistore_plan(stores: int, per_store: int = 20, *, seed: int = 13) -> dict[str, Any]:
    """``stores`` x ``per_store`` rules, each scoped by ``{field: store, eq: S}``."""
    rng = random.Random(seed * 1_000_003 + stores)
    conditions = _Conditions(rng, FULL, stores)
    items: list[dict[str, Any]] = []
    index = 0
    for store in range(stores):
        for _ in range(per_store):
            parts: list[dict[str, Any]] = [{"field": "store", "eq": store_name(store)}]
            parts.extend(conditions.tree(1) for _ in range(rng.choices((1, 2), (60, 40))[0]))
            when: dict[str, Any] = {"all": parts}
            if rng.random() < 0.8:
                when["event"] = rng.choice(EVENT_TYPES)
            items.append(_rule(rng, index, when))
            index += 1
    items.append(_fallback())
    return {
        "backplan": 1,
        "plan": _settings(f"Bench multi-store {stores} x {per_store}"),
        "rules": items,
    }


def _rule(rng: random.Random, index: int, when: dict[str, Any]) -> dict[str, Any]:
    then, prevent = _actions(rng, index)
    rule: dict[str, Any] = {
        "id": f"r{index:05d}",
        "title": f"Generated rule {index}",
        "priority": rng.randint(0, 100),
        "when": when,
        "then": then,
    }
    if prevent:
        rule["prevent"] = prevent
    return rule


def _fallback() -> dict[str, Any]:
    return {
        "id": "improvise",
        "title": "Nothing fits",
        "fallback": True,
        "then": [
            {
                "escalate": {
                    "to": "cx-lead",
                    "within": "30m",
                    "message": "No backup plan fits; improvise.",
                }
            }
        ],
    }


def _settings(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "currency": "USD",
        "compensation": {"combine": "max", "per_event_max": 50, "approval_above": 40},
    }


def plan_yaml(document: dict[str, Any]) -> str:
    """The plan as YAML text, one rule per block, as a person would keep it."""
    import yaml

    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=120)
