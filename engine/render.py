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
from collections.abc import Callable, Iterator
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
    number_runs,
    predicate,
    template_text,
    values_in_sentence,
)

Line = tuple[int, str]
"""A line of text and its indentation level (0 = top)."""

NAMED_CONDITIONS = "Named conditions"
"""The section that lists, once each, the named conditions a row names only (see
:func:`listed_apart`), and the words a row points there with."""

LONG_LIST = 12
"""A named condition with a list of more values than this in one test is long: a dozen can
be checked at a glance in a row (the starter plan's ten public channels are)."""

LONG_WORDS = 200
"""A named condition whose words, written out, take more characters than this is long: about
three lines of the printed "If this happens" column."""


class Pointer(str):
    """A row's line that names a condition listed under :data:`NAMED_CONDITIONS` instead of
    writing out its words: the text staff read, and the condition's name, which Markdown and
    HTML link to. Text made from it (``f"{name}, that is {pointer}"``) is plain text that still
    says where to look, so a line read right even where it lost its link."""

    name: str

    def __new__(cls, words: str, name: str) -> Pointer:
        """``words`` and where to find the condition ``name``'s own words."""
        made = super().__new__(cls, f"{words} (see {NAMED_CONDITIONS})")
        made.name = name
        return made


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
    named: tuple[NamedCondition, ...] = ()
    """The named conditions the rows name only, each with its words, by name."""

    def tag_index(self) -> list[tuple[str, list[int]]]:
        """Each tag of the rows, in alphabetical order, with the numbers of its rows; none
        for a table of :data:`TAG_INDEX_ABOVE` rows or fewer, which staff scan whole.

        A tag is indexed without the blanks around it, which no page shows: ``" north "``
        and ``north`` had been two entries that both read "north", the first one at the
        top of the index, where a blank sorts, and a row with both was listed twice."""
        if len(self.rows) <= TAG_INDEX_ABOVE:
            return []
        numbers: dict[str, dict[int, None]] = {}
        for row in self.rows:
            for tag in row.rule.tags:
                numbers.setdefault(tag.strip(), {})[row.number or 0] = None
        return sorted(
            ((tag, list(rows)) for tag, rows in numbers.items()),
            key=lambda item: (item[0].casefold(), item[0]),
        )


@dataclass(frozen=True, slots=True)
class NamedCondition:
    """A named condition listed once under :data:`NAMED_CONDITIONS`: its name in the plan,
    its words (at level 1 and below) and how many rows name it."""

    name: str
    lines: tuple[Line, ...]
    rules: int


TAG_INDEX_ABOVE = 30
"""A table of more rows than this starts with an index of its rules by tag: staff looking
for the north region's rules among 400 had no way but to read them all."""


def _test(node: FieldTest, label: FieldLabel) -> str:
    """A field test in words, its values in full: the printed plan is what staff work from
    (a sentence in explain may cut them)."""
    value = values_in_sentence(node.value)
    return predicate(label(node.field), node.op, value, node.ignore_case, whole=True)


def condition_lines(
    node: Condition,
    plan: PlanModel,
    label: FieldLabel,
    level: int = 0,
    apart: frozenset[str] = frozenset(),
) -> list[Line]:
    """A condition as indented lines of plain words (named conditions opened and named), its
    fields named by ``label`` (see :func:`~engine.wording.field_labels`); a named condition in
    ``apart`` is named only, a :class:`Pointer` to where its words are."""
    if isinstance(node, FieldTest):
        return [(level, _test(node, label))]
    if isinstance(node, Use):
        name = condition_label(node.name)
        if node.name in apart:
            return [(level, Pointer(name, node.name))]
        inner = plan.conditions[node.name]
        if isinstance(inner, AllOf):
            items = _listed_items(inner, plan, label, level + 1, apart)
            return [(level, f"{name}, that is:"), *items]
        (_, head), *rest = condition_lines(inner, plan, label, level, apart)
        if isinstance(head, Pointer):  # a name for a name listed apart
            return [(level, Pointer(f"{name}, that is {head.removesuffix(_SEE)}", head.name))]
        if not rest:  # named once: `not_vip`, `not: {use: vip}`, reads "(not vip)" already
            return [(level, head if head.endswith(f"({name})") else f"{head} ({name})")]
        return [(level, f"{name}, that is {head}"), *rest]
    if isinstance(node, Not):
        return _negated_lines(node.item, plan, label, level, apart)
    head = "all of these:" if isinstance(node, AllOf) else "any of these:"
    return [(level, head), *_listed_items(node, plan, label, level + 1, apart)]


_SEE = f" (see {NAMED_CONDITIONS})"
"""The words a :class:`Pointer` ends with."""


def _denied(named: str) -> str:
    """A named condition denied, in words: ``not north stores``; a name that says ``not``
    already is denied as ``the opposite of not vip``."""
    return f"the opposite of {named}" if named.startswith("not ") else f"not {named}"


def _negated_lines(
    item: Condition,
    plan: PlanModel,
    label: FieldLabel,
    level: int,
    apart: frozenset[str] = frozenset(),
) -> list[Line]:
    """``not: item`` as indented lines of plain words.

    A list is said at once, "not all of these:" or "none of these:" ("none of this:" over
    "all of these:" read as none of them holding, where one failing is enough). A named
    condition is opened and named after those words: "none of these (bad place):" where it
    read "none of this:" over "bad place, that is any of these:" (found by review)."""
    labels: list[str] = []
    while isinstance(item, Use):  # a name for a name: `nested, that is bad place`
        labels.append(condition_label(item.name))
        if item.name in apart:  # its words are listed apart: denied by name
            return [(level, Pointer(_denied(", that is ".join(labels)), item.name))]
        item = plan.conditions[item.name]
    if labels and isinstance(item, Not) and isinstance(item.item, Use):
        # `not: {use: not_both}`, `not_both` a `not:` of a name: its two nots cancelled, the
        # name's own words took this name, "both, that is (not both):" (found by review)
        lines = [(level, "none of this:"), *condition_lines(item, plan, label, level + 1, apart)]
    else:
        lines = _negation(item, plan, label, level, apart)
    if not labels:
        return lines
    (_, head), *rest = lines
    named = ", that is ".join(labels)
    if head.endswith(":"):  # "none of these (bad place):": the list named is what is denied
        return [(level, f"{head[:-1]} ({named}):"), *rest]
    # One line says the denial itself: "channel is anything but yelp (yelp)" named it by what
    # it denies, the opposite of what it says, and `not: {use: not_one}` read "a is 1 (not
    # one)" (found by review).
    return [(level, f"{head} ({_denied(named)})"), *rest]


def _negation(
    item: Condition, plan: PlanModel, label: FieldLabel, level: int, apart: frozenset[str]
) -> list[Line]:
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
        return [(level, head), *_listed_items(item, plan, label, level + 1, apart)]
    assert isinstance(item, Not)  # (a named condition is opened by _negated_lines)
    return condition_lines(item.item, plan, label, level, apart)


def _listed_items(
    node: AllOf | AnyOf,
    plan: PlanModel,
    label: FieldLabel,
    level: int,
    apart: frozenset[str] = frozenset(),
) -> list[Line]:
    """The items of an ``all`` or ``any`` list, each as its lines at ``level``."""
    return [
        line for item in node.items for line in condition_lines(item, plan, label, level, apart)
    ]


def trigger_lines(
    rule: Rule,
    plan: PlanModel,
    ordinary: int,
    label: FieldLabel,
    apart: frozenset[str] = frozenset(),
) -> list[Line]:
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
        *_listed_items(rule.condition, plan, label, 1, apart),
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
    apart: frozenset[str] = frozenset(),
) -> Row:
    currency = plan.settings.currency
    cap = plan.settings.compensation.per_event_max
    threshold = plan.settings.compensation.approval_above
    return Row(
        number,
        rule,
        tuple(trigger_lines(rule, plan, ordinary, label, apart)),
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
    uses = _uses(active, plan)
    apart = listed_apart(plan, label, uses)
    rows = tuple(
        _row(n, r, plan, ordinary, label, n == len(active), apart) for n, r in enumerate(active, 1)
    )
    disabled = tuple(
        _row(None, r, plan, ordinary, label, apart=apart) for r in ordered if not r.enabled
    )
    named = tuple(
        NamedCondition(
            name,
            tuple(condition_lines(plan.conditions[name], plan, label, 1, apart - {name})),
            uses[name],
        )
        for name in sorted(apart)
    )
    settings = plan.settings
    version = plan.fingerprint.removeprefix("sha256:")[:12]
    return PlanTable(
        settings.name,
        settings.description,
        version,
        tuple(policy_lines(plan)),
        rows,
        disabled,
        named,
    )


def _names_in(node: Condition, plan: PlanModel, known: dict[str, frozenset[str]]) -> set[str]:
    """The named conditions ``node`` uses, and those they use in turn; each name's are found
    once and kept in ``known``, as 400 rules use the same few."""
    if isinstance(node, Use):
        if node.name not in known:
            inner = _names_in(plan.conditions[node.name], plan, known)
            known[node.name] = frozenset({node.name, *inner})
        return set(known[node.name])
    if isinstance(node, Not):
        return _names_in(node.item, plan, known)
    if isinstance(node, (AllOf, AnyOf)):
        return {name for item in node.items for name in _names_in(item, plan, known)}
    return set()


def _uses(rules: list[Rule], plan: PlanModel) -> dict[str, int]:
    """How many of ``rules`` use each named condition, directly or through another."""
    counts = dict.fromkeys(plan.conditions, 0)
    known: dict[str, frozenset[str]] = {}
    for rule in rules:
        for name in _names_in(rule.condition, plan, known):
            counts[name] += 1
    return counts


def _longest_list(node: Condition, plan: PlanModel) -> int:
    """The most values one test of ``node`` lists (``in: [a, b, c]``: 3), named ones opened."""
    if isinstance(node, FieldTest):
        return len(node.value) if isinstance(node.value, (list, tuple)) else 0
    if isinstance(node, Use):
        return _longest_list(plan.conditions[node.name], plan)
    if isinstance(node, Not):
        return _longest_list(node.item, plan)
    return max((_longest_list(item, plan) for item in node.items), default=0)


def listed_apart(plan: PlanModel, label: FieldLabel, uses: dict[str, int]) -> frozenset[str]:
    """The named conditions the rows name only, each listed once in full under
    :data:`NAMED_CONDITIONS`: those that more than one row uses and whose words are long (a
    list of more than :data:`LONG_LIST` values, or more than :data:`LONG_WORDS` characters).

    A plan's 50 store ids, named once as `north_stores`, were written out in each of the 80
    rows that used them: 370 KB of a table staff could not read. A short one (`vip`) reads
    better in the row than a look-up, and one only one row uses costs nothing to write out."""
    return frozenset(
        name
        for name, condition in plan.conditions.items()
        if uses[name] > 1
        and (
            _longest_list(condition, plan) > LONG_LIST
            or sum(len(text) for _, text in condition_lines(condition, plan, label)) > LONG_WORDS
        )
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


def _anchor(name: str) -> str:
    """The id a named condition listed apart is linked to (its name is letters, digits,
    ``-`` and ``_``, safe in an id as it is)."""
    return f"condition-{name}"


def _md_line(text: str) -> str:
    """A condition's line in Markdown, a :class:`Pointer` linked to its condition."""
    if isinstance(text, Pointer):
        return f"[{_md(text)}](#{_anchor(text.name)})"
    return _md(text)


def _md_trigger(lines: tuple[Line, ...]) -> str:
    return "<br>".join(
        ("&nbsp;&nbsp;" * (level - 1) + "• " if level else "") + _md_line(text)
        for level, text in lines
    )


def _md_tags(tags: tuple[str, ...]) -> str:
    """A rule's tags as staff read them, small: ``Tags: north, broadband`` (each isolated from
    the others and our words, as the plan's text in a sentence is: ``engine.bidi``)."""
    return f"<small>{_md('Tags: ' + ', '.join(in_sentence(tag) for tag in tags))}</small>"


def _rows_words(numbers: list[int], number: Callable[[int], str] = str) -> str:
    """``rule 3`` or ``rules 1–3, 7``: the rows of a tag, a tag of 80 rows read as a few runs
    (:func:`~engine.wording.number_runs`)."""
    return f"{'rule' if len(numbers) == 1 else 'rules'} {number_runs(numbers, number)}"


TAG_INDEX = "Rules by tag"
"""The index heading: the rows of each tag, after the plan's header."""

NAMED_CONDITIONS_SAY = (
    "The rows above name these conditions instead of writing out their words each time."
)
"""The line under the :data:`NAMED_CONDITIONS` heading."""


def _used_in(named: NamedCondition) -> str:
    return f"Used in {counted(named.rules, 'rule')}."


def _md_named(named: NamedCondition) -> list[str]:
    """A named condition listed apart, in Markdown: its heading, anchored, and its words."""
    lines = [f'### <a id="{_anchor(named.name)}"></a>{_md(condition_label(named.name))}', ""]
    lines += [_used_in(named), ""]
    lines += [f"{'  ' * (level - 1)}- {_md_line(text)}" for level, text in named.lines]
    return [*lines, ""]


def _md_actions(actions: tuple[ActionText, ...]) -> str:
    return "<br>".join(f"☐ {_md(joined_action_text(a))}" for a in actions) if actions else "—"


def _md_row(row: Row) -> str:
    rule = row.rule
    who = f"**{_md(rule.title.strip())}**<br>`{rule.id}`"  # `** x **` is no bold
    if rule.tags:
        who += f"<br>{_md_tags(rule.tags)}"
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
    index = table.tag_index()
    if index:
        lines += ["", f"## {TAG_INDEX}", ""]
        lines += [  # (the tags are without blanks around them: `** north**` is no bold)
            f"- **{_md(in_sentence(tag))}**: {_rows_words(numbers)}" for tag, numbers in index
        ]
    header = "| # | Rule | If this happens | Make it right | Prevent it happening again |"
    lines += ["", header, "|---|---|---|---|---|"]
    lines += [_md_row(row) for row in table.rows]
    if table.named:
        lines += ["", f"## {NAMED_CONDITIONS}", "", NAMED_CONDITIONS_SAY, ""]
        lines += [line for named in table.named for line in _md_named(named)]
        lines.pop()  # (the blank line after the last)
    if table.disabled:
        lines += ["", "## Not in use (disabled)", ""]
        lines += [
            f"- **{_md(in_sentence(r.rule.title.strip()))}** (`{r.rule.id}`)"
            + (f" {_md_tags(r.rule.tags)}" if r.rule.tags else "")
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
.tags { font-size: .8em; color: var(--muted); }
a { color: var(--accent); }
h3 { font-size: 16px; margin: 18px 0 4px; }
ul.index { padding-left: 20px; }
ul.index li { margin: 2px 0; }
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
  h3 { font-size: 11pt; break-after: avoid; }
  a { color: inherit; text-decoration: none; }  /* on paper a link is only its words */
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


def _h_line(text: str) -> str:
    """A condition's line in HTML, a :class:`Pointer` linked to its condition."""
    if isinstance(text, Pointer):
        return f'<a href="#{_anchor(text.name)}">{_h(text)}</a>'
    return _h(text)


def _h_tags(tags: tuple[str, ...]) -> str:
    """A rule's tags, small, after its id, each in the direction of its own text; nothing
    without tags."""
    if not tags:
        return ""
    return '<div class="tags">Tags: ' + ", ".join(f"<bdi>{_h(t)}</bdi>" for t in tags) + "</div>"


def _h_index(index: list[tuple[str, list[int]]]) -> list[str]:
    """The index of the rules by tag: each tag, then its rows, each number a link to its row."""
    if not index:
        return []
    number: Callable[[int], str] = lambda n: f'<a href="#rule-{n}">{n}</a>'  # noqa: E731
    items = "".join(
        f"<li><b><bdi>{_h(tag)}</bdi></b>: {_rows_words(numbers, number)}</li>"
        for tag, numbers in index
    )
    return [f'<h2>{TAG_INDEX}</h2><ul class="index">{items}</ul>']


def _h_named(table: PlanTable) -> list[str]:
    """The named conditions the rows name only, each once, in full, under its anchor."""
    if not table.named:
        return []
    parts = [f'<h2 id="named-conditions">{NAMED_CONDITIONS}</h2><p>{NAMED_CONDITIONS_SAY}</p>']
    parts += [
        f'<section class="named"><h3 id="{_anchor(n.name)}">{_h(condition_label(n.name))}</h3>'
        f'<p class="meta">{_used_in(n)}</p>{_html_lines(n.lines)}</section>'
        for n in table.named
    ]
    return parts


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
        out.append(_h_line(text))
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


def _html_row(row: Row, anchored: bool = False) -> str:
    """A rule's row: its own table (see ``td.rule`` in :data:`_CSS`), whose heading, printed
    at the top of each page the row goes on to, says whose conditions and actions these are.
    A row taller than a page went on with no number or title: a reader of the next page could
    not tell whose actions they were (seen printing a rule of 40 actions in Chromium).
    ``anchored``: the row has an id, ``rule-3``, that the tag index links to."""
    rule = row.rule
    notes = "".join(
        f'<p class="stop">{_h(n.text)}</p>'
        if n.stops
        else f'<p class="note"{_OWN}>{_h(n.text)}</p>'
        for n in row.notes
    )
    number = str(row.number) if row.number is not None else "–"
    kind = ' class="fallback"' if rule.fallback else ""
    if anchored and row.number is not None:
        kind += f' id="rule-{row.number}"'
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
        f"{_h_tags(rule.tags)}"
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
    index = table.tag_index()
    parts += ["</ul>", "</header>", *_h_index(index), "<table>"]
    parts.append(_COLUMNS)
    parts.append(
        "<thead><tr><th>#</th><th>If this happens</th><th>Make it right</th>"
        "<th>Prevent it happening again</th></tr></thead>"
    )
    parts.append("<tbody>")
    parts += [_html_row(row, bool(index)) for row in table.rows]
    parts += ["</tbody>", "</table>", *_h_named(table)]
    if table.disabled:
        parts.append("<h2>Not in use (disabled)</h2><ul>")
        parts += [
            f"<li><bdi>{_h(r.rule.title)}</bdi> ({_h(r.rule.id)}){_h_tags(r.rule.tags)}</li>"
            for r in table.disabled
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
