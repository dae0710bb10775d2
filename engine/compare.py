"""Which decisions a new version of a plan would change: ``backplan compare BEFORE AFTER``.

A manager about to publish version 2 of a plan decides last quarter's events with both
versions and asks what would change, how, and what it would cost. Each side is read by the one
reader of eval's lines (:mod:`engine.reportlines`) into its own
:class:`~engine.report.ReportCounts`, whose totals are ``backplan report``'s of that file; each
decision it counts is handed here too (``ReportCounts.each``) and paired by ``event_id``.

Only BEFORE's decisions are held, each reduced to what is compared (:class:`Outcome`: a few
fingerprints, the rules fired and the gesture's total); AFTER's are compared as they are read,
in their order, and only the ids met are kept, to tell one given twice (each side's
``ReportCounts`` also keeps its own record of each decision, to tell repeats, as ``report``
does: docs/report.md says what that costs). Two decisions are
*alike* when their documents are equal apart from ``plan`` (which version made them) and
``trace`` (``eval --explain``'s why, not what was decided); two error records when their
rejections are (apart from where eval read the event). Everything printed is sorted, or in
AFTER's order: the same files give the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any, Literal, NamedTuple, get_args

from engine.decision import canonical_json
from engine.errors import counted, read_only, shown_event_id
from engine.formats import COMPARE_FORMAT, ERROR_FORMAT
from engine.money import MONEY, format_money
from engine.report import PlanCount, Report, ReportCounts, document_digest, rejection_of

SHOWN = 10
"""How many changed events ``--show`` lists by default."""

Kind = Literal[
    "rules",
    "action types",
    "deadlines",
    "parameters",
    "compensation",
    "offers",
    "approval",
    "now decided",
    "now refused",
    "refused otherwise",
    "other",
]
KINDS: tuple[Kind, ...] = get_args(Kind)
"""What may change in an event decided by both versions, in the order they are told: the
rules fired; the actions' types (and their order), their deadlines (``due``, ``within``), their
parameters; the gesture's total or currency; the rest of its compensation (the offers made
before the cap and those set aside, the cap, the approval threshold); whether it waits for
approval; an event refused
before and decided now, or the reverse, or refused with another error; ``other``: none of
those, yet the decisions differ (another field: the two files may not hold the same events)."""


class Outcome(NamedTuple):
    """One event's decision (or rejection), reduced to what is compared and summarised: what
    pairing holds for each of BEFORE's events, never the whole document."""

    whole: int
    """The fingerprint of the decision without ``plan`` and ``trace`` (or of the rejection)."""
    refused: str | None
    """The error code, for an event eval could not decide (None: it was decided)."""
    rules: tuple[str, ...] = ()
    types: int = 0
    deadlines: int = 0
    params: int = 0
    money: str = ""
    """The gesture's total and currency (``15.00 USD``), empty when none."""
    offers: int = 0
    """The rest of the compensation but whether it awaits approval: the offers set aside, the
    amount offered before the cap, the cap, the threshold. Version 2 raising an offer that
    the larger one still wins changes only these: such events had been told changed in
    "other fields (the same events?)", as if the two files held other events. Told only
    for the same rules fired, each side making a gesture (:func:`_offers_alone`)."""
    approval: bool = False


def outcome(document: Mapping[str, Any]) -> Outcome:
    """What is compared of a document ``ReportCounts`` counted (checked by it already)."""
    if document.get("format") == ERROR_FORMAT:
        return Outcome(document_digest(rejection_of(document)), str(document["error"]["code"]))
    decided = {k: v for k, v in document.items() if k not in ("plan", "trace")}
    actions = document["actions"]
    summary = document["compensation"]
    money = "" if summary is None else f"{summary['total']} {summary['currency']}"
    return Outcome(
        document_digest(decided),
        None,
        tuple(document["matched"]),
        document_digest({"t": [a.get("type") for a in actions]}),
        document_digest({"d": _by_type(actions, "due", "within")}),
        document_digest({"p": _by_type(actions, "params")}),
        money,
        document_digest({"o": _offers(summary)}),
        summary is not None and summary["needs_approval"] is True,
    )


def _by_type(actions: list[Mapping[str, Any]], *keys: str) -> list[str]:
    """What ``keys`` hold of each action, with its type, in an order of their own: the
    actions' order is told as their types' (``action types``), so actions reordered (a rule's
    priority changed) had been told changed deadlines and parameters too, none having
    changed."""
    return sorted(
        canonical_json([a.get("type"), *(a.get(k) for k in keys)]).decode() for a in actions
    )


def _offers(summary: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """A compensation without what the other kinds compare (:attr:`Outcome.offers`): its
    total, its currency, whether it awaits approval, and the amount offered when it is the
    total (no cap cut it), so that a gesture raised is told once, not as its offers too."""
    if summary is None:
        return None
    told = {"total", "currency", "needs_approval"}
    if summary.get("offered") == summary.get("total"):
        told.add("offered")
    return {k: v for k, v in summary.items() if k not in told}


def changes(before: Outcome, after: Outcome) -> list[Kind]:
    """What changed between two outcomes of one event (:data:`KINDS`), empty when alike."""
    if before.whole == after.whole:
        return []
    if before.refused is not None or after.refused is not None:
        if after.refused is None:
            return ["now decided"]
        return ["now refused"] if before.refused is None else ["refused otherwise"]
    tested: tuple[tuple[Kind, bool], ...] = (
        ("rules", before.rules != after.rules),
        ("action types", before.types != after.types),
        ("deadlines", before.deadlines != after.deadlines),
        ("parameters", before.params != after.params),
        ("compensation", before.money != after.money),
        ("offers", before.offers != after.offers and _offers_alone(before, after)),
        ("approval", before.approval != after.approval),
    )
    return [kind for kind, changed in tested if changed] or ["other"]


def _offers_alone(before: Outcome, after: Outcome) -> bool:
    """Whether a change of the offers set aside, the cap or the threshold is one of its own:
    both sides make a gesture and fire the same rules. A rule firing on one side only sets
    its offer aside on that side alone, and a gesture made on one side only has its offers
    there alone: told so, under ``rules`` and ``compensation``, 1,219 of 5,000 events of
    the starter plan revised had been told changed offers too."""
    return bool(before.money) and bool(after.money) and before.rules == after.rules


def summary(outcome: Outcome) -> str:
    """One side of a changed event in a few words: the rules fired (or the refusal) and the
    gesture (``late-delivery-long; 15.00 USD``)."""
    if outcome.refused is not None:
        return f"refused ({outcome.refused})"
    rules = ", ".join(outcome.rules) or "no rule"
    waiting = ", awaiting approval" if outcome.approval else ""
    return f"{rules}; {outcome.money or 'no gesture'}{waiting}"


@read_only
@dataclass(frozen=True, slots=True)
class ChangedEvent:
    """A changed event, as listed: its id, what changed and each side in a few words."""

    event_id: str | int
    changed: tuple[Kind, ...]
    before: str
    after: str


@read_only
@dataclass(frozen=True, slots=True)
class RuleChange:
    """How often a rule fired on each side (``fired_in``: ``both``, or the one side it fired
    in: a rule added, removed, or that fired in neither file's other side)."""

    rule: str
    before: int
    after: int
    change: int
    fired_in: str


@read_only
@dataclass(frozen=True, slots=True)
class MoneyChange:
    """The gestures made in one currency on each side, as ``backplan report`` totals them,
    and the part awaiting approval; the changes are AFTER minus BEFORE, signed."""

    currency: str
    before: str
    after: str
    change: str
    awaiting_before: str
    awaiting_after: str
    awaiting_change: str


@read_only
@dataclass(frozen=True, slots=True)
class Side:
    """What was read of one input: its name, the plans that made its decisions, its counts."""

    source: str
    plans: tuple[PlanCount, ...]
    decisions: int
    error_records: int
    unreadable: int
    repeated: int
    """Events of this side met again with another decision: only the first is compared."""
    no_event_id: int
    """Error records of this side that name no event (eval could read no id): counted, and
    paired with nothing. They had been left out of the events paired unsaid: three error
    records beside one event in both."""


@read_only
@dataclass(frozen=True, slots=True)
class Comparison:
    """What ``backplan compare`` says: see the module docstring, and docs/report.md."""

    before: Side
    after: Side
    same_plan: bool
    """Whether one plan version (one fingerprint) made every decision of both sides, each
    side holding some (a side of none had been said made by the other's plan)."""
    in_both: int
    alike: int
    changed: int
    only_before: int
    only_after: int
    kinds: tuple[tuple[Kind, int], ...]
    """Changed events by what changed (:data:`KINDS`, each counted once per event)."""
    rules: tuple[RuleChange, ...]
    money: tuple[MoneyChange, ...]
    shown: tuple[ChangedEvent, ...]

    def to_document(self) -> dict[str, Any]:
        """The comparison as JSON-ready data (``backplan compare --format json``)."""
        return {
            "format": COMPARE_FORMAT,
            "before": _side_document(self.before),
            "after": _side_document(self.after),
            "same_plan": self.same_plan,
            "events": {
                "in_both": self.in_both,
                "alike": self.alike,
                "changed": self.changed,
                "only_before": self.only_before,
                "only_after": self.only_after,
            },
            "changes": dict(self.kinds),
            "rules": [asdict(r) for r in self.rules],
            "compensation": [asdict(m) for m in self.money],
            "shown": [asdict(c) | {"changed": list(c.changed)} for c in self.shown],
        }


def _side_document(side: Side) -> dict[str, Any]:
    return asdict(side) | {"plans": [asdict(p) for p in side.plans]}


class Pairing:
    """Both inputs' counts, and the pairing of their events as they are read: BEFORE's first,
    held as :class:`Outcome` by event id; then AFTER's, each compared as it comes."""

    def __init__(self, show: int = SHOWN) -> None:
        self.show = show
        self.before = ReportCounts()
        self.after = ReportCounts()
        self.before.each = self._held
        self.after.each = self._compared
        self.held: dict[str | int, Outcome] = {}
        self.shared: dict[Any, Any] = {}
        """Each combination of rules and each gesture held, once (:meth:`_held`)."""
        self.met: set[str | int] = set()
        self.repeated = [0, 0]
        self.no_event_id = [0, 0]
        self.first_repeat: list[str | int | None] = [None, None]
        self.in_both = 0
        self.alike = 0
        self.only_after = 0
        self.kinds: dict[Kind, int] = dict.fromkeys(KINDS, 0)
        self.shown: list[ChangedEvent] = []

    def _again(self, side: int, event_id: str | int) -> None:
        self.repeated[side] += 1
        if self.first_repeat[side] is None:
            self.first_repeat[side] = event_id

    def _held(self, document: Mapping[str, Any]) -> None:
        """Hold a decision of BEFORE; the first of an event is compared, another is counted."""
        event_id = _event_id(document)
        if event_id is None:  # an error record of no event: nothing to pair it with
            self.no_event_id[0] += 1
            return
        if event_id in self.held:
            self._again(0, event_id)
            return
        held = outcome(document)
        shared = self.shared  # a quarter's decisions fire a few combinations of rules, and
        rules = shared.setdefault(held.rules, held.rules)  # make a few gestures: held once
        money = shared.setdefault(held.money, held.money)
        self.held[event_id] = held._replace(rules=rules, money=money)

    def _compared(self, document: Mapping[str, Any]) -> None:
        """Compare a decision of AFTER with BEFORE's of its event, as it is read."""
        event_id = _event_id(document)
        if event_id is None:
            self.no_event_id[1] += 1
            return
        if event_id in self.met:
            self._again(1, event_id)
            return
        self.met.add(event_id)
        before = self.held.get(event_id)
        if before is None:
            self.only_after += 1
            return
        self.in_both += 1
        after = outcome(document)
        found = changes(before, after)
        if not found:
            self.alike += 1
            return
        for kind in found:
            self.kinds[kind] += 1
        if len(self.shown) < self.show:
            self.shown.append(ChangedEvent(event_id, tuple(found), summary(before), summary(after)))

    def repeats_words(self, before: str, after: str) -> list[str]:
        """What is said on stderr of each side's events met again with another decision (the
        same decision again is counted once, as ``backplan report`` does, and not told)."""
        said = []
        for side, source in enumerate((before, after)):
            first = self.first_repeat[side]
            if first is not None:
                said.append(
                    f"{source}: {counted(self.repeated[side], 'event')} decided again with "
                    f"another decision (the first: event `{shown_event_id(first)}`): the first "
                    "decision of each is compared, the others only counted in the totals; "
                    "decide each event once"
                )
        return said

    def comparison(self, before: str, after: str) -> Comparison:
        """What was compared, ``before`` and ``after`` the names of the inputs."""
        first, second = self.before.report(), self.after.report()
        fingerprints = {p.fingerprint for p in (*first.plans, *second.plans)}
        same_plan = len(fingerprints) == 1 and bool(first.plans) and bool(second.plans)
        return Comparison(
            _side(before, first, self.repeated[0], self.no_event_id[0]),
            _side(after, second, self.repeated[1], self.no_event_id[1]),
            same_plan,
            self.in_both,
            self.alike,
            self.in_both - self.alike,
            len(self.held) - self.in_both,
            self.only_after,
            tuple((kind, self.kinds[kind]) for kind in KINDS),
            _rule_changes(first, second),
            _money_changes(first, second),
            tuple(self.shown),
        )


def _event_id(document: Mapping[str, Any]) -> str | int | None:
    """The event a document is of, None when it names none (an error record of a line
    that held no readable id): such a record is counted, and paired with nothing."""
    event_id = document.get("event_id")
    return event_id if isinstance(event_id, (str, int)) and not isinstance(event_id, bool) else None


def _side(source: str, report: Report, repeated: int, no_event_id: int) -> Side:
    counts = (report.decisions, report.error_records, report.unreadable, repeated, no_event_id)
    return Side(source, report.plans, *counts)


def _rule_changes(before: Report, after: Report) -> tuple[RuleChange, ...]:
    """Each rule fired on either side: the largest change first (either way), then by id."""
    counts_before = {c.name: c.count for c in before.rules}
    counts_after = {c.name: c.count for c in after.rules}
    rows = []
    for rule in counts_before.keys() | counts_after.keys():
        was, now = counts_before.get(rule, 0), counts_after.get(rule, 0)
        fired_in = "both" if was and now else ("before" if was else "after")
        rows.append(RuleChange(rule, was, now, now - was, fired_in))
    rows.sort(key=lambda r: (-abs(r.change), r.rule))
    return tuple(rows)


def _money_changes(before: Report, after: Report) -> tuple[MoneyChange, ...]:
    """Each currency a gesture was made in on either side, by currency."""
    totals_before = {c.currency: c for c in before.compensation.currencies}
    totals_after = {c.currency: c for c in after.compensation.currencies}
    rows = []
    for currency in sorted(totals_before.keys() | totals_after.keys()):
        was, now = totals_before.get(currency), totals_after.get(currency)
        given = now if was is None else was
        nothing = "" if given is None else _nothing_in(given.total)
        total_was, total_now = (nothing, nothing)
        waiting_was, waiting_now = (nothing, nothing)
        if was is not None:
            total_was, waiting_was = was.total, was.awaiting_approval
        if now is not None:
            total_now, waiting_now = now.total, now.awaiting_approval
        rows.append(
            MoneyChange(
                currency,
                total_was,
                total_now,
                signed_change(total_was, total_now),
                waiting_was,
                waiting_now,
                signed_change(waiting_was, waiting_now),
            )
        )
    return tuple(rows)


def _nothing_in(amount: str) -> str:
    """Zero in the decimals of ``amount`` (``0.00`` beside ``15.00``): a currency one side
    made no gesture in."""
    return format_money(Decimal(0).quantize(Decimal(amount), context=MONEY))


def signed_change(was: str, now: str) -> str:
    """``now`` minus ``was``, two exact amounts, with its sign (``+30.00``, ``-5.00``,
    ``0.00``), in the decimals of the finer of the two."""
    change = MONEY.subtract(Decimal(now), Decimal(was))
    text = format_money(change)
    return f"+{text}" if change > 0 else text.removeprefix("-") if change == 0 else text
