"""A :class:`~engine.report.Report` as the text ``backplan report`` prints for a manager.

Short sections, each a sentence or an aligned table: what was read, which plan made the
decisions, events by type, rules fired (and never fired), the trend, compensation, actions.
Names come from the decisions (rule ids, event types, plan names), which are anyone's text, so
each is written with ``shown_text``: a control character in a rule id cannot act on a screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.checklist import zone_words
from engine.errors import counted, shown_text
from engine.eventvalues import shown_value
from engine.money import grouped_money
from engine.report import (
    Compensation,
    Count,
    CurrencyTotal,
    PlanCount,
    Repeats,
    Report,
    RuleTotal,
    Trend,
    ValueCost,
    share,
    why_decided_otherwise,
)
from engine.wrapping import columns

_PERIODS_SHOWN = {"day": 7, "week": 8, "month": 12}
"""How many periods, the latest, the text's trend tables show at most: a year of weeks or a
quarter of days, a column each, made tables no terminal could show (a decision dated long
before the rest made thousands of columns). The JSON has every period."""
_FINGERPRINT_SHOWN = len("sha256:") + 12
"""How much of a fingerprint the text shows: enough to tell versions apart (the JSON has it
whole)."""


def _n(count: int) -> str:
    """A count as the text writes it, its thousands grouped (``12,345``), as eval's warnings
    and :func:`~engine.errors.counted` write theirs: "200000 decisions" had to be counted out."""
    return f"{count:,}"


def render_report(report: Report) -> str:
    """The whole text, ending with a newline."""
    sections = [
        _heading(report),
        _plans(report),
        _event_types(report),
        _rules(report),
        _trend(report.trend, report.decisions),
        _compensation(report.compensation, report.decisions),
        _by_field(report),
        _actions(report.actions),
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def table(
    headers: Sequence[str] | None, rows: Sequence[Sequence[str]], words_last: bool = False
) -> str:
    """Rows under their headers (if any), indented, columns aligned: names to the left,
    numbers to the right; with ``words_last``, the last column (a currency, a note) to the
    left too."""
    lines = [headers, *rows] if headers is not None else list(rows)
    widths = [max(columns(row[i]) for row in lines) for i in range(len(lines[0]))]

    def line(cells: Sequence[str]) -> str:
        aligned = [cells[0] + " " * (widths[0] - columns(cells[0]))]
        aligned += [
            " " * (width - columns(cell)) + cell
            for cell, width in zip(cells[1:], widths[1:], strict=True)
        ]
        if words_last:
            aligned[-1] = cells[-1]
        return ("  " + "  ".join(aligned)).rstrip()

    return "\n".join(line(cells) for cells in lines)


def _heading(report: Report) -> str:
    lines = [f"Backplan report: {counted(report.decisions, 'decision')}, {_span(report)}"]
    repeats = report.repeats
    read = [
        counted(report.decisions + repeats.same, "decision"),
        f"{counted(report.error_records + repeats.error_records, 'error record')} (events "
        "eval could not decide" + _codes(report.error_codes) + ")",
    ]
    if report.unreadable:
        read.append(
            f"{counted(report.unreadable, 'line')} neither a decision nor an error record, "
            "left out (standard error says which, and why)"
        )
    lines.append(f"Read: {'; '.join(read)}.")
    lines.extend(_repeated(repeats, len(report.plans)))
    if report.undated:
        lines.append(
            f"{counted(report.undated, 'decision')} without a time (`occurred_at`): "
            "counted everywhere but in the trend."
        )
    return "\n".join(lines)


def _repeated(repeats: Repeats, plans: int) -> list[str]:
    """What the heading says of decisions of events decided before, and of error records
    read before, and what was done with them: a file of decisions given twice had been
    counted twice, gestures and all. ``plans``: how many plans or versions made them."""
    said = []
    if repeats.same:
        said.append(
            f"{counted(repeats.same, 'decision')} repeated an earlier decision of the same "
            "event (sent twice, or the decisions given twice): counted once."
        )
    if repeats.different:
        said.append(
            f"{counted(repeats.different, 'decision')} decided an event decided otherwise "
            f"before ({why_decided_otherwise(plans)}): each counted."
        )
    if repeats.error_records:
        said.append(
            f"{counted(repeats.error_records, 'error record')} repeated an earlier one (the "
            "same event rejected again, or a file of them given twice): counted once."
        )
    return said


def _span(report: Report) -> str:
    """When the decisions were made, as the heading says it: one decision, or several at one
    moment, had read "from 2026-12-01T08:45:00Z to 2026-12-01T08:45:00Z" (found by review)."""
    first, decisions = report.first, report.decisions
    if first is None:
        return "without a time" if decisions == 1 else "none with a time"
    if first != report.last:
        return f"from {first} to {report.last}"
    dated = decisions - report.undated
    if dated == decisions:
        return f"at {first}" if decisions == 1 else f"all at {first}"
    return (
        f"1 with a time, at {first}" if dated == 1 else f"{_n(dated)} with a time, all at {first}"
    )


def _codes(codes: Sequence[Count]) -> str:
    if not codes:
        return ""
    return ": " + ", ".join(f"{shown_text(c.name)} {_n(c.count)}" for c in codes)


def short_fingerprint(fingerprint: str) -> str:
    """A plan's fingerprint as the texts show it beside its name: its start, enough to tell
    versions apart (``sha256:63dfc4772a5e…``); report's and compare's alike."""
    shown = shown_text(fingerprint)
    return shown if len(shown) <= _FINGERPRINT_SHOWN else shown[:_FINGERPRINT_SHOWN] + "…"


def _plans(report: Report) -> str:
    """Which plan versions made the decisions, and whether the plan given is one of them."""
    rows = [
        [f"{shown_text(p.name)} ({short_fingerprint(p.fingerprint)})", _n(p.decisions)]
        for p in report.plans
    ]
    lines = ["Made by", table(["plan", "decisions"], rows)] if rows else []
    given = report.given_plan
    if given is not None and report.decisions:  # of none, it made none and all
        lines.append(_given_plan(report, given))
    return "\n".join(lines)


_NAMES_SHOWN = 3
"""How many other plans the sentence on the plan given names (the table above has them all)."""


def _given_plan(report: Report, given: PlanCount) -> str:
    """How many of the decisions the plan given made, and which made the others, as the
    decisions tell: another version of it (its name, another fingerprint) or another plan
    (another name). Both had been "another version or plan: its rules may have changed
    since", so another shop's decisions read as an older version's (found by review)."""
    named = f"{shown_text(given.name)} ({short_fingerprint(given.fingerprint)})"
    if given.decisions == report.decisions:
        return f"The plan given, {named}, made {'it' if given.decisions == 1 else 'all of them'}."
    others = [p for p in report.plans if p.fingerprint != given.fingerprint]
    versions = [p for p in others if p.name == given.name]
    strangers = [p for p in others if p.name != given.name]
    came = []
    if versions:
        which = "another version" if len(versions) == 1 else counted(len(versions), "other version")
        came.append((_made(versions), f"{which} of this plan (its rules may have changed since)"))
    if strangers:
        came.append((_made(strangers), _other_plans(strangers)))
    (count, where), *more = came
    said = f"{counted(count, 'decision')} came from {where}"
    said += "".join(f", and {_n(number)} from {place}" for number, place in more)
    return f"The plan given, {named}, made {counted(given.decisions, 'decision')}; {said}."


def _made(plans: Sequence[PlanCount]) -> int:
    return sum(p.decisions for p in plans)


def _other_plans(plans: Sequence[PlanCount]) -> str:
    """Other plans than the one given, by name: ``another plan (Acme Store)``, ``4 other
    plans (Acme Store, Beta, Gamma and 1 more)``, the most decisions first."""
    names = [shown_text(name) for name in dict.fromkeys(p.name for p in plans)]
    shown = ", ".join(names[:_NAMES_SHOWN])
    if len(names) > _NAMES_SHOWN:
        shown += f" and {_n(len(names) - _NAMES_SHOWN)} more"
    elif len(names) > 1:
        shown = ", ".join(names[:-1]) + f" and {names[-1]}"
    which = "another plan" if len(names) == 1 else f"{_n(len(names))} other plans"
    return f"{which} ({shown})"


def _shares(counts: Sequence[Count], whole: int) -> list[list[str]]:
    return [[shown_text(c.name), _n(c.count), f"{share(c.count, whole)}%"] for c in counts]


def _event_types(report: Report) -> str:
    if not report.event_types:
        return ""
    rows = _shares(report.event_types, report.decisions)
    return "Events by type\n" + table(["type", "events", "share"], rows)


def _rules(report: Report) -> str:
    lines = []
    if report.rules:
        rows = _shares(report.rules, report.decisions)
        lines += ["Rules fired", table(["rule", "fired", "share of events"], rows)]
    if report.decisions and not report.fallback:  # "0 events: ... a person improvised"
        every = "it" if report.decisions == 1 else "every one"
        lines.append(f"The fallback decided no event: a rule of the plan fitted {every}.")
    elif report.decisions:
        lines.append(
            f"The fallback decided {counted(report.fallback, 'event')} "
            f"({share(report.fallback, report.decisions)}%): no rule of the plan fitted, so "
            "a person improvised."
        )
    never = report.never_fired
    if never is not None and report.given_plan is not None:
        if never:
            heading = f"Rules of the plan given that never fired ({_n(len(never))})"
            heading += _made_elsewhere(
                report.decisions - report.given_plan.decisions, report.decisions
            )
            lines.append(heading + "\n" + "\n".join(f"  {shown_text(r)}" for r in never))
        else:
            lines.append("Every enabled rule of the plan given fired at least once.")
    return "\n".join(lines)


def _made_elsewhere(others: int, decisions: int) -> str:
    """What the rules that never fired are among, when other plans or versions made decisions:
    a rule added or renamed since cannot have fired in theirs. The plan's version 2 held to a
    quarter of version 1's decisions listed its renamed and new rules as never fired, as if
    no complaint had needed them, and said nothing of why (found by trial)."""
    if others <= 0:
        return ""
    if others == decisions:  # "made 26 of the 26 decisions" had read as a slip
        made = "the decision" if others == 1 else f"all {counted(others, 'decision')}"
        return (
            f", though another version or plan made {made}, in which a rule added or renamed "
            "since cannot have fired"
        )
    return (
        f", though another version or plan made {_n(others)} of the "
        f"{counted(decisions, 'decision')}, in which a rule added or renamed since cannot have "
        "fired"
    )


def _trend(trend: Trend, decisions: int) -> str:
    if not trend.periods:
        return ""
    word = trend.by
    notes = [zone_words(trend.time_zone)] + (["ISO weeks"] if trend.by == "week" else [])
    shown = _PERIODS_SHOWN[trend.by]
    if len(trend.periods) > shown:
        notes.append(
            f"the last {shown} of {len(trend.periods)} {word}s; `--format json` has them all"
        )
    heading = f"Trend by {word} ({'; '.join(notes)})"
    cut = slice(-shown, None)
    periods = list(trend.periods[cut])
    types = [["all events", *map(_n, trend.events[cut])]]
    types += [[shown_text(s.name), *map(_n, s.counts[cut])] for s in trend.event_types]
    rules = [[shown_text(s.name), *map(_n, s.counts[cut])] for s in trend.rules]
    parts = [heading, table(["event type", *periods], types)]
    if rules:
        parts += ["", table(["rule", *periods], rules)]
    if trend.compensation:  # how the spend moves, beside the counts
        spend = [
            [shown_text(s.currency), *map(grouped_money, s.amounts[cut])]
            for s in trend.compensation
        ]
        parts += ["", table(["compensation", *periods], spend)]
    if trend.earlier:  # the trend covers TREND_PERIODS at most
        parts += [
            "",
            f"{counted(trend.earlier, 'decision')} dated before {trend.periods[0]}, more than "
            f"{len(trend.periods)} {word}s before the last, {'is' if trend.earlier == 1 else 'are'}"
            " counted everywhere but here.",
        ]
    return "\n".join(parts) + "\n\n" + _rising(trend, decisions)


def _rising(trend: Trend, decisions: int) -> str:
    word = trend.by
    if trend.last_full is None:
        these, cover, they = (
            ("this decision", "covers", "it covers")
            if decisions == 1
            else ("these decisions", "cover", "they cover")
        )
        return (
            f"Rising: not told, as {these} {cover} fewer than two full {word}s\n"
            f"(a {word} counts when {they} each of its days, in {zone_words(trend.time_zone)})."
        )
    against = f"in {trend.last_full} against {trend.before}"
    if not trend.rising:
        return f"Rising: nothing rose {against}."
    rows = [
        [f"{c.what} {shown_text(c.name)}", _n(c.before), _n(c.last), f"+{c.last - c.before:,}"]
        for c in trend.rising
    ]
    header = ["", trend.before or "", trend.last_full, "rise"]
    return f"Rising {against}\n" + table(header, rows, words_last=True)


def _compensation(compensation: Compensation, decisions: int) -> str:
    if not decisions:
        return ""
    given = compensation.decisions
    facts = [
        ["decisions with a gesture", _n(given), f"({share(given, decisions)}% of events)"],
        ["needed a person's approval", _n(compensation.needs_approval), ""],
        ["reduced by the plan's per-event cap", _n(compensation.capped), ""],
        ["offers left for a person to size", _n(compensation.unresolved_offers), ""],
    ]
    lines = ["Compensation", table(None, facts, words_last=True)]
    if compensation.kinds:
        kinds = [(k.currency, k.kind, k.offers, k.amount) for k in compensation.kinds]
        lines += ["", _money_table("kind", compensation, kinds)]
        for total in compensation.currencies:
            lines.append(
                f"  Of the {grouped_money(total.total)} {shown_text(total.currency)}, "
                f"{grouped_money(total.awaiting_approval)} needed approval (proposed, not given until "
                "a person approves)."
            )
    if compensation.rules:
        lines += ["", _by_rule(compensation)]
    return "\n".join(lines)


def _by_rule(compensation: Compensation) -> str:
    """The gestures by the rule that made them, each currency's total under its rules (the
    same total as by kind: a controller sees they add up), with each rule's offers set aside
    and the part of its amount awaiting approval: a rule whose every offer was set aside had
    been left out, so a manager could not see it fired and gave nothing."""
    rows = []
    for currency in dict.fromkeys(r.currency for r in compensation.rules):
        mine = [r for r in compensation.rules if r.currency == currency]
        rows += [
            _rule_row(r.rule, r.offers, r.set_aside, r.amount, r.awaiting_approval, currency)
            for r in mine
        ]
        total = _currency_total(compensation, currency, mine)
        offers, aside = sum(r.offers for r in mine), sum(r.set_aside for r in mine)
        rows.append(
            _rule_row("total", offers, aside, total.total, total.awaiting_approval, currency)
        )
    header = ["rule", "offers", "set aside", "amount", "awaiting approval", ""]
    return "\n".join(
        [
            table(header, [[shown_text(cell) for cell in row] for row in rows], words_last=True),
            "  Offers made, by the rule that made them, and the part of their amount awaiting",
            "  approval; an offer a decision set aside (a larger one made instead, the cap",
            "  reached, an amount of 0) is counted apart, in no amount.",
        ]
    )


def _rule_row(
    name: str, offers: int, aside: int, amount: str, awaiting: str, currency: str
) -> list[str]:
    """One line of the gestures by rule (:func:`_by_rule`)."""
    return [name, _n(offers), _n(aside), grouped_money(amount), grouped_money(awaiting), currency]


def _currency_total(
    compensation: Compensation, currency: str, rules: Sequence[RuleTotal]
) -> CurrencyTotal:
    """The total of ``currency``; for one whose every offer was set aside (a cap of 0), which
    has none, nothing, in the decimals of its rules' amounts (0.00 for dollars)."""
    found = next((c for c in compensation.currencies if c.currency == currency), None)
    if found is not None:
        return found
    return CurrencyTotal(currency, rules[0].amount, rules[0].awaiting_approval)


def _money_table(
    what: str, compensation: Compensation, parts: Sequence[tuple[str, str, int, str]]
) -> str:
    """The gestures by ``what`` (kind; ``parts`` each its currency, name, offers and
    amount), each currency's total right under its own parts: written after all of them,
    the dollars' total had stood below the euros' gestures."""
    rows = []
    for total in compensation.currencies:
        mine = [part for part in parts if part[0] == total.currency]
        rows += [[name, _n(offers), grouped_money(amount), c] for c, name, offers, amount in mine]
        offers = sum(part[2] for part in mine)
        rows.append(["total", _n(offers), grouped_money(total.total), total.currency])
    shown = [[shown_text(cell) for cell in row] for row in rows]
    return table([what, "offers", "amount", ""], shown, words_last=True)


def _by_field(report: Report) -> str:
    """The decisions and their cost per value of a field of their events (``--per store``),
    every value listed, as every rule that offered is (the table is not cut short, so its
    amounts add up to the total under them), each value's currencies a line each."""
    split = report.by_field
    if split is None:
        return ""
    rows = [
        row
        for value in split.values
        for row in _value_rows(
            _value_name(value, split.field), value.decisions, value.with_gesture, value.currencies
        )
    ]
    given = report.compensation
    rows += _value_rows("total", report.decisions, given.decisions, given.currencies)
    header = [split.field, "decisions", "with a gesture", "amount", "awaiting approval", ""]
    shown = [[shown_text(cell) for cell in row] for row in rows]
    heading = f"By {shown_text(split.field)} (from {counted(split.events, 'event')} given)"
    return "\n".join([heading, table(header, shown, words_last=True)])


def _value_name(value: ValueCost, field: str) -> str:
    """What a value's line is named: the value (a text that reads as another value or as
    a label, ``total`` among them, in quotes), or what its events lack."""
    if value.group == "not given":
        return "(event not in the events given)"
    if value.group == "no value":
        return f"(no {field})"
    return '"total"' if value.value == "total" else shown_value(value.value)


def _value_rows(
    name: str, decisions: int, with_gesture: int, currencies: Sequence[CurrencyTotal]
) -> list[list[str]]:
    """A value's line, and a line more for each currency after its first."""
    counts = [name, _n(decisions), _n(with_gesture)]
    if not currencies:
        return [[*counts, "", "", ""]]
    return [
        [
            *(counts if index == 0 else ["", "", ""]),
            grouped_money(total.total),
            grouped_money(total.awaiting_approval),
            total.currency,
        ]
        for index, total in enumerate(currencies)
    ]


def _actions(actions: Sequence[Count]) -> str:
    if not actions:
        return ""
    rows = [[shown_text(c.name), _n(c.count)] for c in actions]
    return "Actions\n" + table(["type", "count"], rows)
