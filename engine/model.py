"""The typed, frozen form of a plan: what the schema-valid YAML means.

These models are built from data the JSON Schema has already accepted (see ``engine.planfile``),
so they describe the language rather than re-validate it. They are frozen: a compiled plan and
every embedder that holds one can share them across threads without locks. Each node remembers
where it came from (``at``), so semantic checks and lint findings can point at ``file:line:col``.

They are frozen dataclasses, not pydantic models: nothing ever validates them (the schema did),
and importing pydantic was half of the start-up of ``backplan validate`` and ``backplan eval``
(about 0.13 s of 0.25 s). pydantic stays where input is validated: typed events
(``engine.event``) and the decision's schema (``engine.decisionmodel``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, TypeVar

from engine.ecmaregex import END
from engine.errors import SourceLocation
from engine.templates import Template

Purpose = Literal["remedy", "prevention"]

_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


class FrozenDict(dict[_Key, _Value]):
    """A mapping of a plan that cannot be changed: the named conditions, a custom action's
    nested parameters.

    A frozen node holding a plain ``dict`` (or ``list``) would still let an app change it in
    place through ``plan.model``, and the compiled plan, which reads the model when a rule
    first fires, would decide differently from then on. A ``dict`` underneath, so everything
    that reads a mapping reads it as before.
    """

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("a plan's mapping cannot be changed; load a new plan")

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __hash__(self) -> int:  # type: ignore[override]  # dict's is None: it can change
        """Of its items, which never change: the frozen nodes holding one (``PlanModel``, a
        rule with a custom action's nested parameters) promise a hash as frozen dataclasses,
        and ``hash(plan.model)`` raised ``unhashable type: 'FrozenDict'`` (found by review)."""
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[type[FrozenDict[_Key, _Value]], tuple[dict[_Key, _Value]]]:
        """Made again from a plain copy (``pickle``, ``copy`` and ``deepcopy`` would otherwise
        set the items one by one, which it refuses)."""
        return FrozenDict, (dict(self),)


def frozen(value: Any) -> Any:
    """A plan value that cannot be changed in place: lists as tuples, mappings as
    :class:`FrozenDict`, all the way down (the rest, text, numbers, is already so)."""
    if isinstance(value, list):
        return tuple(frozen(item) for item in value)
    if isinstance(value, dict):
        return FrozenDict({key: frozen(item) for key, item in value.items()})
    return value


OPERATORS: tuple[str, ...] = (
    "eq",
    "ne",
    "in",
    "not_in",
    "lt",
    "lte",
    "gt",
    "gte",
    "between",
    "contains",
    "contains_any",
    "contains_all",
    "starts_with",
    "ends_with",
    "matches",
    "exists",
    "missing",
)
"""Every field-test operator of the plan language (the schema lists the same; a test checks)."""
LIST_OPERATORS: frozenset[str] = frozenset(("in", "not_in", "contains_any", "contains_all"))
"""The operators whose value is a list of plain values (``between`` takes two bounds): the
schema's arrays of them, a test checks."""

REMEDY_ACTIONS: tuple[str, ...] = (
    "apologize",
    "reply_publicly",
    "contact_customer",
    "compensate",
    "replace",
    "escalate",
    "notify",
    "follow_up",
    "tag",
    "note",
)
PREVENTION_ACTIONS: tuple[str, ...] = (
    "root_cause",
    "training",
    "process_fix",
    "notify",
    "escalate",
    "note",
    "tag",
)
ACTION_TYPES: tuple[str, ...] = tuple(dict.fromkeys(REMEDY_ACTIONS + PREVENTION_ACTIONS))
"""The closed vocabulary of action types; custom ones start with ``x-``."""

EVENT_TYPES: tuple[str, ...] = (
    "review",
    "survey",
    "contact",
    "conduct",
    "product",
    "order",
    "billing",
    "complaint",
)
"""The standard event types; custom ones start with ``x-``."""

CUSTOM_EVENT_TYPE = rf"^x-[a-z0-9][a-z0-9_-]*{END}"
"""A custom event type, as a plan's rules may name one (``x-chargeback``): the plan schema's
``event_type`` pattern, and the event schema's (a test holds them equal), ended as every
published pattern is (``engine.ecmaregex.END``). A rule can name no
other type, so an event of another (``Review``, ``reveiw``) can only match the rules for every
type: it is off the event schema, which ``eval --strict`` rejects, and ``eval`` warns of when
such an event went to the fallback (``engine.offschema``)."""

_CUSTOM_EVENT_TYPE_PATTERN = re.compile(CUSTOM_EVENT_TYPE)


def nameable_event_type(text: str) -> bool:
    """Whether a plan's rules can name ``text`` as an event type: a standard one or an
    ``x-...`` one of the plan's own (not ``x-a\\n``: the pattern's end keeps a newline out).
    Events of any other type (``Review``) are off the event schema."""
    return text in EVENT_TYPES or _CUSTOM_EVENT_TYPE_PATTERN.fullmatch(text) is not None


class PlanNode:
    """The base of every plan node: instances are made by ``engine.construct.make``."""


# Every node class is declared `@dataclass(frozen=True, kw_only=True)`: frozen (shareable
# across threads without locks) and by keyword (fields with defaults may come before required
# ones, in the order the language reads). Written out at each class, not through an alias of
# the decorator: a type checker knows the classes are frozen only from the decorator itself
# (through the alias, mypy let an app assign `rule.priority = 1000`; found by review).


@dataclass(frozen=True, kw_only=True)
class FieldTest(PlanNode):
    """``{field: rating, lte: 2}``: one operator applied to one event field."""

    kind: Literal["test"] = "test"
    field: str
    op: str
    value: Any = None
    ignore_case: bool = False
    at: SourceLocation


@dataclass(frozen=True, kw_only=True)
class AllOf(PlanNode):
    """Every condition holds (an empty list holds)."""

    kind: Literal["all"] = "all"
    items: tuple[Condition, ...]
    at: SourceLocation


@dataclass(frozen=True, kw_only=True)
class AnyOf(PlanNode):
    """At least one condition holds."""

    kind: Literal["any"] = "any"
    items: tuple[Condition, ...]
    at: SourceLocation


@dataclass(frozen=True, kw_only=True)
class Not(PlanNode):
    """The condition does not hold."""

    kind: Literal["not"] = "not"
    item: Condition
    at: SourceLocation


@dataclass(frozen=True, kw_only=True)
class Use(PlanNode):
    """A reference to a named condition."""

    kind: Literal["use"] = "use"
    name: str
    at: SourceLocation


Condition = FieldTest | AllOf | AnyOf | Not | Use


@dataclass(frozen=True, kw_only=True)
class Action(PlanNode):
    """One action of a rule, with its typed parameters (those its type allows are set)."""

    type: str
    purpose: Purpose
    within: str | None = None
    message: Template | None = None
    channel: str | None = None
    kind: str | None = None
    amount: Decimal | None = None
    percent: Decimal | None = None
    of: str | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    item: Template | None = None
    shipping: str | None = None
    to: str | None = None
    owner: str | None = None
    tags: tuple[str, ...] = ()
    extra: tuple[tuple[str, Any], ...] = ()
    """The free parameters of a custom ``x-`` action (other than within and message)."""
    at: SourceLocation


@dataclass(frozen=True, kw_only=True)
class Rule(PlanNode):
    """If ``condition`` holds for an event of one of ``events``, do ``then`` and ``prevent``."""

    id: str
    title: str
    description: str = ""
    priority: int = 0
    enabled: bool = True
    tags: tuple[str, ...] = ()
    events: tuple[str, ...] | None = None
    """The event types the rule applies to; None means any type."""
    condition: AllOf
    then: tuple[Action, ...] = ()
    prevent: tuple[Action, ...] = ()
    stop: bool = False
    fallback: bool = False
    position: int
    """The rule's place in the plan: its file's in the order the plan reads them (a folder's
    by name, files named one by one in the order named), then its order in the file."""
    at: SourceLocation


@dataclass(frozen=True, kw_only=True)
class CompensationPolicy(PlanNode):
    """How offers from several rules combine, and their limits."""

    combine: Literal["max", "sum"] = "max"
    per_event_max: Decimal | None = None
    approval_above: Decimal | None = None


@dataclass(frozen=True, kw_only=True)
class PlanSettings(PlanNode):
    """The ``plan:`` section."""

    name: str
    owner: str = ""
    description: str = ""
    currency: str
    match: Literal["all", "first"] = "all"
    compensation: CompensationPolicy = CompensationPolicy()
    extra_fields: tuple[str, ...] = ()
    """Fields the plan's events carry beyond the standard ones: lint knows them (and those
    under them); deciding reads every field the same way, listed or not."""
    at: SourceLocation


@dataclass(frozen=True, kw_only=True)
class PlanModel(PlanNode):
    """A whole plan, possibly from several files, before compilation."""

    settings: PlanSettings
    conditions: FrozenDict[str, Condition]
    rules: tuple[Rule, ...]
    sources: tuple[str, ...]
    fingerprint: str
    """``sha256:`` of the normalised plan data: every decision names the plan version."""
    condition_names: FrozenDict[str, SourceLocation]
    """Where each named condition's name is written (a condition's own ``at`` is its value's
    place): what a diagnostic about the condition as a whole points at."""
    checked: bool = field(default=False, init=False, compare=False, repr=False)
    """Whether the loader made this model from a plan's data and checked it (``read_plan``):
    ``engine.api.Plan`` compiles such a model as it is. Any other, made or changed in Python,
    is loaded again from the data it writes back to first (``engine.plandata``), since the
    loader vouches for no part of it, not even its ``fingerprint``. ``dataclasses.replace``
    leaves the mark behind (it is no argument of the class), so a changed model never carries
    it; set by the loader alone, with ``object.__setattr__``."""
    given_text: tuple[str, str] | None = field(default=None, init=False, compare=False, repr=False)
    """The name and text of a plan loaded from its text (``engine.load_plan_text``), which no
    file holds: the checks run on the model later (lint's) read its lines again from it, where
    they had read a file of that name in the working folder (another plan's: columns and hints
    from its lines), or found none. Set by that loader alone; left behind by
    ``dataclasses.replace``, as ``checked`` is."""

    def firing_order(self) -> tuple[Rule, ...]:
        """Rules by priority (highest first), then by position: the order rules fire in."""
        return tuple(sorted(self.rules, key=lambda r: (-r.priority, r.position)))
