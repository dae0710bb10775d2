"""A :class:`~engine.compare.Comparison` as the text ``backplan compare`` prints for a manager.

Short sections, in the order a manager asks: which plans made each side, how many events
would change and how, which rules would fire more or less, what the gestures would cost, and
the first changed events to look at with ``backplan explain``. Names come from the decisions
(anyone's text), each written with ``shown_text``; tables are ``backplan report``'s.
"""

from __future__ import annotations

from engine.compare import ChangedEvent, Comparison, Side
from engine.errors import counted, shown_event_id, shown_text
from engine.money import grouped_money
from engine.reporttext import short_fingerprint, table

_KIND_WORDS = {
    "rules": "rules fired",
    "action types": "action types or their order",
    "deadlines": "action deadlines",
    "parameters": "action parameters",
    "compensation": "gesture amount or currency",
    "offers": "offers set aside, cap or threshold",
    "approval": "whether approval is needed",
    "now decided": "refused before, decided now",
    "now refused": "decided before, refused now",
    "refused otherwise": "refused with another error",
    "other": "other fields (the same events?)",
}
"""How each kind of change (``engine.compare.KINDS``) is named in the text."""


def render_comparison(comparison: Comparison) -> str:
    """The whole text, ending with a newline."""
    sections = [
        _heading(comparison),
        _changes(comparison),
        _rules(comparison),
        _money(comparison),
        _shown(comparison),
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def _heading(comparison: Comparison) -> str:
    c = comparison
    lines = [
        f"Backplan compare: {c.changed:,} of {counted(c.in_both, 'event')} in both files "
        "would change",
        _side_line("Before", c.before),
        _side_line("After", c.after),
    ]
    if c.same_plan:
        lines.append(
            "One plan version made both sides: nothing in the plan changed, so any\n"
            "difference comes from elsewhere (other events, or another Backplan)."
        )
    lines.append(
        f"Events: {c.in_both:,} in both ({c.alike:,} decided alike, {c.changed:,} changed); "
        f"{c.only_before:,} only before; {c.only_after:,} only after."
    )
    for side, name in ((c.before, "before"), (c.after, "after")):
        if side.repeated:
            lines.append(
                f"{counted(side.repeated, 'event')} {name} had another decision again: the "
                "first of each is compared (standard error names one)."
            )
        if side.no_event_id:
            lines.append(
                f"{name.capitalize()}: {counted(side.no_event_id, 'error record')} of no event "
                "id (eval could read none), paired with nothing."
            )
        if side.unreadable:
            lines.append(
                f"{counted(side.unreadable, 'line')} {name} neither a decision nor an error "
                "record, left out (standard error says which, and why)."
            )
    return "\n".join(lines)


def _side_line(label: str, side: Side) -> str:
    """Which input one side is, what it holds and which plans made it."""
    named = [f"{shown_text(p.name)} ({short_fingerprint(p.fingerprint)})" for p in side.plans]
    made = f"; made by {named[0]}" if len(named) == 1 else ""
    if len(named) > 1:  # several versions: how many each made
        each = (f"{name}: {p.decisions:,}" for name, p in zip(named, side.plans, strict=True))
        made = f"; made by {', '.join(each)}"
    held = f"{counted(side.decisions, 'decision')}, {counted(side.error_records, 'error record')}"
    return f"{label + ':':<7} {shown_text(side.source)}: {held}{made}"


def _changes(comparison: Comparison) -> str:
    rows = [[_KIND_WORDS[kind], f"{count:,}"] for kind, count in comparison.kinds if count]
    if not rows:
        return ""
    return "\n".join(["What changed (an event may count in several)", table(None, rows)])


def _rules(comparison: Comparison) -> str:
    rows = [
        [
            shown_text(r.rule),
            f"{r.before:,}",
            f"{r.after:,}",
            f"{r.change:+,}" if r.change else "0",
            "" if r.fired_in == "both" else f"fired {r.fired_in} only",
        ]
        for r in comparison.rules
        if r.change
    ]
    steady = len(comparison.rules) - len(rows)
    lines = ["Rules fired"]
    if rows:
        lines.append(table(["rule", "before", "after", "change", ""], rows, words_last=True))
    if steady:
        lines.append(f"  {counted(steady, 'rule')} fired as often before as after.")
    return "\n".join(lines) if len(lines) > 1 else ""


def _money(comparison: Comparison) -> str:
    rows = []
    for m in comparison.money:
        rows.append([m.currency, *map(grouped_money, (m.before, m.after)), _signed(m.change)])
        if m.awaiting_before != m.awaiting_after or _some(m.awaiting_before):
            amounts = (m.awaiting_before, m.awaiting_after)
            waiting = _signed(m.awaiting_change)
            rows.append(["  awaiting approval", *map(grouped_money, amounts), waiting])
    if not rows:
        return ""
    return "\n".join(["Compensation made", table(["currency", "before", "after", "change"], rows)])


def _signed(change: str) -> str:
    """A signed change with its thousands grouped (``+1,250.00``), as the amounts beside it."""
    sign = change[:1] if change[:1] in "+-" else ""
    return sign + grouped_money(change.removeprefix(sign))


def _some(amount: str) -> bool:
    """Whether an amount is more than nothing."""
    return amount.strip("0.") != ""


def _shown(comparison: Comparison) -> str:
    shown = comparison.shown
    if not shown:
        return ""
    of = f"the first {len(shown):,} of {comparison.changed:,}"
    if len(shown) == comparison.changed:
        of = "all" if len(shown) > 1 else "the one"
    lines = [
        f"Changed events ({of}, in the order of {shown_text(comparison.after.source)}; "
        "`backplan explain` tells why)"
    ]
    for event in shown:
        lines.append(f"  {shown_event_id(event.event_id)}: {', '.join(event.changed)}")
        lines.extend(_sides(event))
    return "\n".join(lines)


def _sides(event: ChangedEvent) -> list[str]:
    """Each side of a changed event in a few words; one line for both when they read alike
    (only a parameter, a deadline or an offer set aside changed): two lines the same had
    read as a fault of the tool, what changed being said only in the line above."""
    if event.before == event.after:
        return [f"    before and after: {shown_text(event.before)}"]
    return [f"    before: {shown_text(event.before)}", f"    after:  {shown_text(event.after)}"]
