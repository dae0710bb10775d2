"""The plan as the IF/THEN table staff print and pin up: one row per rule, in firing order.

Staff do not read YAML. Each row says when the rule applies in plain words ("a review where the
rating is 2 or less"), what to do to make it right and what to do so it does not happen again,
each with its deadline and amount in words, as a checklist. The same table is written as
Markdown (for a wiki or a pull request) or as one self-contained HTML file that reads well on a
screen and prints cleanly (no external fonts, scripts or images).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from engine.bidi import closed, in_sentence
from engine.checks import field_reads, plan_actions
from engine.errors import counted
from engine.escapes import controls_written
from engine.model import (
    Action,
    AllOf,
    AnyOf,
    Condition,
    FieldTest,
    Not,
    PlanModel,
    Rule,
    Use,
)
from engine.money import round_money
from engine.wording import (
    FieldLabel,
    condition_label,
    describe_plan_action,
    event_types,
    field_labels,
    money,
    negated_requirement,
    predicate,
    template_text,
    values_in_sentence,
)

Line = tuple[int, str]
"""A line of text and its indentation level (0 = top)."""


@dataclass(frozen=True, slots=True)
class Note:
    """A note under a rule's trigger, and whether it is the note that the rule stops the rows
    below it: the HTML table styles that note apart. Told by the text (``"Stop here"``), a
    description written "Stop here and call the manager" was styled as one (found by review)."""

    text: str
    stops: bool = False


STOP_NOTE = Note("Stop here: the rules below do not apply.", stops=True)
"""The note of a rule that stops the rows below it."""


@dataclass(frozen=True, slots=True)
class Row:
    """One rule as staff read it."""

    number: int | None
    rule: Rule
    trigger: tuple[Line, ...]
    remedy: tuple[ActionText, ...]
    prevention: tuple[ActionText, ...]
    notes: tuple[Note, ...]


@dataclass(frozen=True, slots=True)
class PlanTable:
    """The whole table: the plan's name and policy, then rows (fallbacks last, disabled aside)."""

    name: str
    description: str
    version: str
    policy: tuple[str, ...]
    rows: tuple[Row, ...]
    disabled: tuple[Row, ...]


def _test(node: FieldTest, label: FieldLabel) -> str:
    """A field test in words, its values in full: the printed plan is what staff work from
    (a sentence in explain may cut them)."""
    value = values_in_sentence(node.value)
    return predicate(label(node.field), node.op, value, node.ignore_case, whole=True)


def condition_lines(
    node: Condition, plan: PlanModel, label: FieldLabel, level: int = 0
) -> list[Line]:
    """A condition as indented lines of plain words (named conditions opened and named), its
    fields named by ``label`` (see :func:`~engine.wording.field_labels`)."""
    if isinstance(node, FieldTest):
        return [(level, _test(node, label))]
    if isinstance(node, Use):
        name = condition_label(node.name)
        inner = plan.conditions[node.name]
        if isinstance(inner, AllOf):
            return [(level, f"{name}, that is:"), *_listed_items(inner, plan, label, level + 1)]
        (_, head), *rest = condition_lines(inner, plan, label, level)
        if not rest:  # named once: `not_vip`, `not: {use: vip}`, reads "(not vip)" already
            return [(level, head if head.endswith(f"({name})") else f"{head} ({name})")]
        return [(level, f"{name}, that is {head}"), *rest]
    if isinstance(node, Not):
        return _negated_lines(node.item, plan, label, level)
    head = "all of these:" if isinstance(node, AllOf) else "any of these:"
    return [(level, head), *_listed_items(node, plan, label, level + 1)]


def _negated_lines(item: Condition, plan: PlanModel, label: FieldLabel, level: int) -> list[Line]:
    """``not: item`` as indented lines of plain words.

    A list is said at once, "not all of these:" or "none of these:" ("none of this:" over
    "all of these:" read as none of them holding, where one failing is enough). A named
    condition is opened and named after those words: "none of these (bad place):" where it
    read "none of this:" over "bad place, that is any of these:" (found by review)."""
    labels: list[str] = []
    while isinstance(item, Use):  # a name for a name: `nested, that is bad place`
        labels.append(condition_label(item.name))
        item = plan.conditions[item.name]
    if labels and isinstance(item, Not) and isinstance(item.item, Use):
        # `not: {use: not_both}`, `not_both` a `not:` of a name: its two nots cancelled, the
        # name's own words took this name, "both, that is (not both):" (found by review)
        lines = [(level, "none of this:"), *condition_lines(item, plan, label, level + 1)]
    else:
        lines = _negation(item, plan, label, level)
    if not labels:
        return lines
    (_, head), *rest = lines
    named = ", that is ".join(labels)
    if head.endswith(":"):  # "none of these (bad place):": the list named is what is denied
        return [(level, f"{head[:-1]} ({named}):"), *rest]
    # One line says the denial itself: "channel is anything but yelp (yelp)" named it by what
    # it denies, the opposite of what it says, and `not: {use: not_one}` read "a is 1 (not
    # one)" (found by review).
    denied = f"the opposite of {named}" if named.startswith("not ") else f"not {named}"
    return [(level, f"{head} ({denied})"), *rest]


def _negation(item: Condition, plan: PlanModel, label: FieldLabel, level: int) -> list[Line]:
    """``not: item`` in words, for an item that is no named condition.

    ``not: {not: x}`` is said as ``x``: "none of this:" over "a is anything but 1" asked
    staff to undo two negations where the plan means "a is 1" (found by review)."""
    if isinstance(item, FieldTest):  # in the words explain uses: what it admits
        field = label(item.field)  # (`not: {ne: main}` also fires without a store)
        if item.op in ("exists", "missing"):  # its own opposite: `store has no value`
            return [(level, predicate(field, item.op, not item.value, whole=True))]
        value = values_in_sentence(item.value)
        asked = negated_requirement(item.op, value, item.ignore_case, whole=True)
        return [(level, f"{field} is {asked}")]
    if isinstance(item, (AllOf, AnyOf)):
        head = "not all of these:" if isinstance(item, AllOf) else "none of these:"
        return [(level, head), *_listed_items(item, plan, label, level + 1)]
    assert isinstance(item, Not)  # (a named condition is opened by _negated_lines)
    return condition_lines(item.item, plan, label, level)


def _listed_items(
    node: AllOf | AnyOf, plan: PlanModel, label: FieldLabel, level: int
) -> list[Line]:
    """The items of an ``all`` or ``any`` list, each as its lines at ``level``."""
    return [line for item in node.items for line in condition_lines(item, plan, label, level)]


def trigger_lines(rule: Rule, plan: PlanModel, ordinary: int, label: FieldLabel) -> list[Line]:
    """When a rule applies, in words: the event types, then its conditions; a fallback first
    names the ``ordinary`` rules above it (rows 1 to ``ordinary``) that must not fit.

    A fallback read "No other rule fits", but it fires beside the fallbacks above it that fit
    (under ``match: all``): the second of two, for any event below one for reviews, read as
    left out where the first fitted, and staff would skip it (found by review)."""
    fallback = rule.fallback and ordinary > 0  # with no ordinary rule, it is one of them
    if fallback:
        head = "Rule 1 does not fit" if ordinary == 1 else f"None of rules 1 to {ordinary} fits"
        if rule.events:
            head += f", and it is {event_types(rule.events)}"
    else:
        head = event_types(rule.events).capitalize()
    items = rule.condition.items
    if not items:
        return [(0, head)]
    return [
        (0, head + (", and" if fallback else " where:")),
        *_listed_items(rule.condition, plan, label, 1),
    ]


ActionText = tuple[str, str | None]
"""An action in words and its message (None without one), kept apart so that each output
sets the message off its own way: text around it in Markdown, a span in HTML (which once split
the joined text at its first `: "`, and so at a custom parameter holding one)."""


def action_text(
    action: Action,
    currency: str,
    label: FieldLabel,
    cap: Decimal | None = None,
    threshold: Decimal | None = None,
) -> ActionText:
    """One action for the checklist, and its message written out (fields named by
    ``label``, a fixed offer held to the plan's limit per complaint ``cap``, an offer that
    can be above the approval ``threshold`` saying a manager approves it)."""
    message = None if action.message is None else template_text(action.message, label)
    return describe_plan_action(action, currency, label, cap, threshold), message


def joined_action_text(action: ActionText) -> str:
    """An action and its message as one line of text: ``words: "message"``, or
    ``words — "message"`` after words that end with a list set off by a colon (a tag action's
    ``Tag the case: public, review``), where a second colon had read as a list of its own."""
    words, message = action
    if message is None:
        return words
    _, colon, listed = words.rpartition(": ")
    ends_with_list = bool(colon) and "(" not in listed and ")" not in listed  # not `(owner: x)`
    return f'{words}{" — " if ends_with_list else ": "}"{in_sentence(message)}"'


def _notes(rule: Rule, plan: PlanModel, last: bool) -> list[Note]:
    """A rule's notes: that it stops the rows below it (when some follow it), its description.

    Under ``match: first`` a fallback stops the fallbacks below it as any rule does: it had no
    note, so a row "No other rule fits" above another read as two things to do, where only the
    first is decided (found by review). The last row stops nothing, and says nothing of it."""
    notes = []
    if (rule.stop or plan.settings.match == "first") and not last:
        notes.append(STOP_NOTE)
    description = rule.description.strip()  # Markdown's `*Call first. *` is no italics
    if description:
        notes.append(Note(description))
    return notes


def _row(
    number: int | None,
    rule: Rule,
    plan: PlanModel,
    ordinary: int,
    label: FieldLabel,
    last: bool = False,
) -> Row:
    currency = plan.settings.currency
    cap = plan.settings.compensation.per_event_max
    threshold = plan.settings.compensation.approval_above
    return Row(
        number,
        rule,
        tuple(trigger_lines(rule, plan, ordinary, label)),
        tuple(action_text(a, currency, label, cap, threshold) for a in rule.then),
        tuple(action_text(a, currency, label, cap, threshold) for a in rule.prevent),
        tuple(_notes(rule, plan, last)),
    )


DEADLINES_COUNT_FROM = (
    'A deadline ("within 1 hour") counts from when the complaint happened, not from when you '
    "read it (from when it was received, if its time is not known)."
)
"""Where each row's "within ..." starts: deciding counts it from the complaint's
``occurred_at`` (docs/semantics.md, *Deadlines*), and staff reading a complaint hours late
would take the time to start then (found by review)."""


def _actions_in_use(plan: PlanModel) -> Iterator[Action]:
    """The actions of the enabled rules: the policy speaks of what the table shows and
    deciding does (a disabled rule's percentage offer had the policy explain percentages)."""
    return (action for rule, action in plan_actions(plan) if rule.enabled)


def policy_lines(plan: PlanModel) -> list[str]:
    """The plan-wide rules staff must know: how offers combine, the cap, approvals."""
    settings = plan.settings
    policy = settings.compensation
    currency = settings.currency
    lines = [f"Owner of this plan: {in_sentence(settings.owner)}."] if settings.owner else []
    if settings.match == "first":
        lines.append("Only the first rule that fits applies.")
    else:
        lines.append("Every rule that fits applies, from the top, until one says stop.")
    if any(a.within is not None for a in _actions_in_use(plan)):
        lines.append(DEADLINES_COUNT_FROM)
    # Offers combine whichever rule makes them: "several rules" let staff make both offers
    # of one rule that has two (found by review).
    several = "When more than one offer of compensation applies, from one rule or several,"
    if policy.combine == "max":
        lines.append(f"{several} only the largest is made.")
    else:
        lines.append(f"{several} they are all made, added up.")
    if policy.per_event_max is not None and not round_money(policy.per_event_max, currency):
        # (0.004 in USD is 0 as deciding rounds it)
        lines.append(  # the table lists each offer: staff would make them (`cap-of-nothing`)
            "No compensation is ever given (the plan's limit per complaint is 0): make none of "
            "the offers below."
        )
    elif policy.per_event_max is not None:
        lines.append(f"Never more than {money(policy.per_event_max, currency)} per complaint.")
    if policy.approval_above is not None:
        lines.append(_approval(policy.combine, money(policy.approval_above, currency)))
    if any(a.type == "compensate" and a.percent is not None for a in _actions_in_use(plan)):
        lines.append(  # staff working from the table alone would pay it unasked
            "A percentage of an amount the complaint does not give (such as a missing order "
            "total) is offered at its minimum, or nothing, and a manager sizes and approves it."
        )
    return lines


def _approval(combine: str, above: str) -> str:
    """The approval threshold as deciding holds to it: the total given for one complaint.
    Under ``combine: sum`` that is the offers added up, and "any compensation above 40.00 USD"
    over a row offering 30.00 and 30.00 let staff give 60.00 unapproved (found by review)."""
    if combine == "sum":
        return (
            "A manager approves the compensation when the offers for one complaint add up to "
            f"more than {above}."
        )
    return f"A manager approves any compensation above {above}."


def plan_table(plan: PlanModel) -> PlanTable:
    """Build the table: enabled rules in firing order, fallbacks last, disabled rules aside."""
    ordered = plan.firing_order()
    active = [r for r in ordered if r.enabled and not r.fallback]
    ordinary = len(active)
    active += [r for r in ordered if r.enabled and r.fallback]
    # every field the table names: tested, inserted in a text, or a percentage's amount
    label = field_labels(read.path for read in field_reads(plan))
    rows = tuple(
        _row(n, r, plan, ordinary, label, n == len(active)) for n, r in enumerate(active, 1)
    )
    disabled = tuple(_row(None, r, plan, ordinary, label) for r in ordered if not r.enabled)
    settings = plan.settings
    version = plan.fingerprint.removeprefix("sha256:")[:12]
    return PlanTable(
        settings.name, settings.description, version, tuple(policy_lines(plan)), rows, disabled
    )


_LINE_BREAK = re.compile(r"\r\n?|\n")
"""A line break in a plan's text, as Markdown and HTML count one: a message written as a YAML
``|`` block (the natural way to write a long one) has them."""


def _breaks(escaped: str) -> str:
    """Escaped text with its line breaks as ``<br>``, and none at its end (the one a YAML
    ``|`` block ends with would show nothing): in a Markdown table a line break ends the row,
    and HTML runs the lines, and the paragraphs, together."""
    return _LINE_BREAK.sub("<br>", escaped.rstrip("\r\n"))


# --- Markdown -----------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell: markup escaped, line breaks as ``<br>``,
    control characters written as escapes (``escapes.controls_written``), a right-to-left
    override closed where the text ends (``engine.bidi``)."""
    escaped = html.escape(closed(controls_written(text)), quote=False)
    for char in ("\\", "|", "*", "_", "`", "[", "]", "~", "$"):  # ~strike~, $maths$ too
        escaped = escaped.replace(char, "\\" + char)
    return _breaks(escaped)


_BLOCK_START = re.compile(r"(?:[#>+-]|[0-9]+[.)])(?=\s|$)|(?:-[ \t]*){3,}\Z")
"""What starts a heading, quote or list item at the start of a Markdown paragraph, or makes
it a horizontal rule (``---``, ``-- -``)."""


def _md_paragraph(text: str) -> str:
    """:func:`_md` for text standing as a paragraph of its own (the plan's description):
    one that starts like a heading or list item (``- call first``) or is ``---`` (a
    horizontal rule) is kept as text. Its leading blanks are left out, as Markdown shows
    none: behind them ``# Call first`` was still a heading, and four made a code block."""
    escaped = _md(text.lstrip(" \t"))
    found = _BLOCK_START.match(escaped)
    if found is None:
        return escaped
    if found[0][0].isdigit():  # `1.`: the dot is escaped (a backslash before a digit is text)
        return found[0][:-1] + "\\" + escaped[found.end() - 1 :]
    return "\\" + escaped


def _md_trigger(lines: tuple[Line, ...]) -> str:
    return "<br>".join(
        ("&nbsp;&nbsp;" * (level - 1) + "• " if level else "") + _md(text) for level, text in lines
    )


def _md_actions(actions: tuple[ActionText, ...]) -> str:
    return "<br>".join(f"☐ {_md(joined_action_text(a))}" for a in actions) if actions else "—"


def _md_row(row: Row) -> str:
    rule = row.rule
    who = f"**{_md(rule.title.strip())}**<br>`{rule.id}`"  # `** x **` is no bold
    trigger = _md_trigger(row.trigger)
    if row.notes:
        trigger += "<br>" + "<br>".join(f"*{_md(n.text)}*" for n in row.notes)
    number = str(row.number) if row.number is not None else "–"
    cells = (number, who, trigger, _md_actions(row.remedy), _md_actions(row.prevention))
    return "| " + " | ".join(cells) + " |"


def render_markdown(plan: PlanModel) -> str:
    """The IF/THEN table as Markdown."""
    table = plan_table(plan)
    lines = [f"# {_md(in_sentence(table.name))}: backup plan", ""]
    if table.description:
        lines += [_md_paragraph(table.description), ""]
    lines += [f"Plan version `{table.version}`. Check the rules from the top.", ""]
    lines += [f"- {_md(p)}" for p in table.policy]
    header = "| # | Rule | If this happens | Make it right | Prevent it happening again |"
    lines += ["", header, "|---|---|---|---|---|"]
    lines += [_md_row(row) for row in table.rows]
    if table.disabled:
        lines += ["", "## Not in use (disabled)", ""]
        lines += [
            f"- **{_md(in_sentence(r.rule.title.strip()))}** (`{r.rule.id}`)"
            for r in table.disabled
        ]
    return "\n".join(lines) + "\n"


# --- HTML ---------------------------------------------------------------------------------------

_CSS = """
:root { --ink: #1d2430; --muted: #5b6472; --line: #d5d9e0; --band: #f3f5f8; --accent: #1f5fa8; }
* { box-sizing: border-box; }
/* A word longer than its line (a link, a pattern) is broken, not run over the next column
   or off the printed page. */
body { margin: 0; padding: 24px 32px 40px; color: var(--ink); background: #fff;
  overflow-wrap: anywhere;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header { margin-bottom: 18px; border-bottom: 3px solid var(--accent); padding-bottom: 12px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; }
/* Small text is sized in em, of the text around it: print sets that text smaller, and in
   pixels a rule's description printed larger than its conditions. */
.meta { color: var(--muted); margin: 0 0 8px; font-size: .867em; }
.policy { margin: 8px 0 0; padding-left: 20px; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
col.n { width: 3em; } col.if { width: 34%; } col.then { width: 38%; } col.prevent { width: 28%; }
th { text-align: left; font-size: .8em; text-transform: uppercase; letter-spacing: .05em;
  color: #fff; background: var(--accent); padding: 8px 10px; }
td { vertical-align: top; padding: 10px; border-bottom: 1px solid var(--line); }
tbody tr:nth-child(even) td { background: var(--band); }
td.n { font-weight: 700; font-size: 18px; color: var(--accent); text-align: center; }
.title { font-weight: 700; font-size: 16px; }
.id { font: .8em ui-monospace, Menlo, Consolas, monospace; color: var(--muted); }
.when { margin: 6px 0 2px; }
ul { margin: 0; padding-left: 18px; }
ul.cond li { margin: 1px 0; }
.note { margin: 6px 0 0; font-size: .867em; color: var(--muted); }
.stop { margin: 6px 0 0; font-weight: 700; color: #9a3412; }
ul.todo { list-style: none; padding-left: 0; }
ul.todo li { position: relative; padding-left: 1.6em; margin: 0 0 6px; }
ul.todo li::before { content: ""; position: absolute; left: 0; top: .2em; width: 1em; height: 1em;
  border: 1.5px solid var(--ink); border-radius: 2px; background: #fff; }
.msg { display: block; color: var(--muted); font-style: italic; }
.none { color: var(--muted); }
/* The dashed line marks where the fallbacks begin: above the first of them only, not
   between two fallbacks. */
tr:not(.fallback) + tr.fallback > td { border-top: 2px dashed var(--muted); }
tr.fallback td.n { color: var(--muted); }
/* Each rule is a table of its own in one cell across the page, its cells lined up with the
   page's columns: printed, a row taller than a page continues on the next headed by its
   number and title (thead.continued, which a browser repeats at the top of each page a table
   goes on to). On its first page that heading is pulled up out of the cell and hidden, so a
   row prints as it did; on screen it is not shown at all. */
td.rule { padding: 0; overflow: hidden; }
table.rule td { border: 0; }  /* the line under a row is its cell's across the page */
thead.continued { display: none; }
footer { margin-top: 18px; font-size: .8em; color: var(--muted); }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { padding: 0; font-size: 9.5pt; line-height: 1.35; }
  header { border-bottom-width: 2px; margin-bottom: 10px; padding-bottom: 6px; }
  h1 { font-size: 18pt; }
  th { color: var(--ink); background: none; border-bottom: 2px solid var(--ink); padding: 4px 6px; }
  thead { display: table-header-group; }
  td { padding: 6px; border-bottom: 1px solid #999; }
  td.n { font-size: 13pt; }
  .title { font-size: 10.5pt; break-after: avoid; }
  .msg { font-size: 8.5pt; }
  ul.todo li { margin-bottom: 3px; }
  /* A row is kept on one page: continued on the next, its conditions or actions were read
     there without the rule's number and title. One taller than a page still continues,
     never inside one action or condition, headed there by its number and title. */
  tbody tr { break-inside: avoid; }
  li, p, .title, .id { break-inside: avoid; }
  .when { break-after: avoid; }
  h2 { break-after: avoid; }  /* "Not in use" was left at a page's foot, its list overleaf */
  tbody tr:nth-child(even) td { background: none; }
  thead.continued { display: table-header-group; }
  table.rule { margin-top: -24px; }  /* the height of its heading: hidden on the first page */
  /* On one line, whatever the title's length: a long title and id wrapped to two, taller
     than the height pulled up, and the second showed above each such rule on its first page. */
  thead.continued td { height: 24px; padding-top: 0; padding-bottom: 0; vertical-align: middle;
    font-size: 1em; line-height: 1.2; border: 0; box-shadow: inset 0 -1px #999;
    white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  thead.continued .cont { color: var(--muted); }
}
"""


_OWN = ' dir="auto"'
"""On an element that holds the plan's own text (its name, description, a rule's title and
description, a message): its direction is that text's, by its first letter. The page is
``lang="en"``, and a Hebrew or Arabic title or message was laid out left to right, its
closing punctuation at its start (found by review); our own words around it stay left to
right. A disabled rule's title, with its id after it, is isolated in ``<bdi>`` instead."""


def _h(text: str) -> str:
    """Text safe in HTML, line breaks as ``<br>`` (never in ``<title>``, which holds no tags),
    control characters written as escapes (``escapes.controls_written``), a right-to-left
    override closed where the text ends (``engine.bidi``)."""
    return _breaks(html.escape(closed(controls_written(text)), quote=True))


def _html_lines(lines: tuple[Line, ...]) -> str:
    """Indented lines as nested lists (level 0 is the heading sentence, the first line:
    :func:`trigger_lines` gives one, and its conditions start at level 1)."""
    out: list[str] = []
    depth = 0
    for level, text in lines:
        if level == 0:
            out.append(f'<p class="when">{_h(text)}</p>')
            continue
        if level > depth:
            out.extend(['<ul class="cond"><li>'] * (level - depth))
            depth = level
        else:
            while depth > level:
                out.append("</li></ul>")
                depth -= 1
            out.append("</li><li>")
        out.append(_h(text))
    while depth:
        out.append("</li></ul>")
        depth -= 1
    return "".join(out)


def _html_action(action: ActionText) -> str:
    words, message = action
    if message is not None:
        return f'<li>{_h(words)}<span class="msg"{_OWN}>“{_h(message)}”</span></li>'
    return f"<li>{_h(words)}</li>"


def _html_actions(actions: tuple[ActionText, ...]) -> str:
    if not actions:
        return '<span class="none">—</span>'
    return '<ul class="todo">' + "".join(_html_action(a) for a in actions) + "</ul>"


_COLUMNS = (
    '<colgroup><col class="n"><col class="if"><col class="then"><col class="prevent"></colgroup>'
)
"""The table's four columns, set alike on the page's table and on each rule's own."""


def _html_row(row: Row) -> str:
    """A rule's row: its own table (see ``td.rule`` in :data:`_CSS`), whose heading, printed
    at the top of each page the row goes on to, says whose conditions and actions these are.
    A row taller than a page went on with no number or title: a reader of the next page could
    not tell whose actions they were (seen printing a rule of 40 actions in Chromium)."""
    rule = row.rule
    notes = "".join(
        f'<p class="stop">{_h(n.text)}</p>'
        if n.stops
        else f'<p class="note"{_OWN}>{_h(n.text)}</p>'
        for n in row.notes
    )
    number = str(row.number) if row.number is not None else "–"
    kind = ' class="fallback"' if rule.fallback else ""
    continued = (
        f'<thead class="continued" aria-hidden="true"><tr><td class="n">{number}</td>'
        f'<td colspan="3"><span class="title"><bdi>{_h(rule.title)}</bdi></span> '
        f'<span class="id">{_h(rule.id)}</span> <span class="cont">(continued)</span></td>'
        "</tr></thead>"
    )
    return (
        f'<tr{kind}><td class="rule" colspan="4"><table class="rule">{_COLUMNS}{continued}<tbody>'
        f'<tr><td class="n">{number}</td>'
        f'<td><div class="title"{_OWN}>{_h(rule.title)}</div><div class="id">{_h(rule.id)}</div>'
        f"{_html_lines(row.trigger)}{notes}</td>"
        f"<td>{_html_actions(row.remedy)}</td>"
        f"<td>{_html_actions(row.prevention)}</td>"
        "</tr></tbody></table></td></tr>"
    )


def render_html(plan: PlanModel) -> str:
    """The IF/THEN table as one self-contained HTML page (screen and print)."""
    table = plan_table(plan)
    title = f"{in_sentence(table.name)}: backup plan"  # (no <bdi> in a <title>)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(closed(controls_written(title)), quote=True)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1{_OWN}>{_h(table.name)}</h1>",
        f'<p class="meta">Backup plan · version {_h(table.version)} · '
        f"{counted(len(table.rows), 'rule')} · check them from the top</p>",
    ]
    if table.description:
        parts.append(f"<p{_OWN}>{_h(table.description)}</p>")
    parts.append('<ul class="policy">' + "".join(f"<li>{_h(p)}</li>" for p in table.policy))
    parts += ["</ul>", "</header>", "<table>"]
    parts.append(_COLUMNS)
    parts.append(
        "<thead><tr><th>#</th><th>If this happens</th><th>Make it right</th>"
        "<th>Prevent it happening again</th></tr></thead>"
    )
    parts.append("<tbody>")
    parts += [_html_row(row) for row in table.rows]
    parts += ["</tbody>", "</table>"]
    if table.disabled:
        parts.append("<h2>Not in use (disabled)</h2><ul>")
        parts += [
            f"<li><bdi>{_h(r.rule.title)}</bdi> ({_h(r.rule.id)})</li>" for r in table.disabled
        ]
        parts.append("</ul>")
    parts += [
        "<footer>Made by backplan render from the plan files; print it landscape.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def render(plan: PlanModel, fmt: str) -> str:
    """The table in ``md`` or ``html``."""
    if fmt == "html":
        return render_html(plan)
    if fmt == "md":
        return render_markdown(plan)
    raise ValueError(f"unknown format {fmt!r}; use md or html")
