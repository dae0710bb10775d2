"""Lint checks of the fields a text inserts: placeholders, their defaults, and fields written
where nothing fills them in.

A ``message`` (or a ``replace``'s ``item``) fills in ``{field}`` and ``{field|default}`` from
the event. These checks ask whether the customer or the staff will read what was meant: a
field with no default that an event may lack, another tool's placeholder (``{{field}}``,
``[field]``, ``%field%``) shown as it is written, a default whose blanks or emptiness make the
sentence read badly, and a field in braces in a text that is never filled in (an owner, a
title); and an owner or a recipient left as a draft writes one still to be named
(``owner: TBD``), which no field fills in either. They share the reading of a slot as the text
writes it and the example defaults their hints suggest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from engine.checks import plan_actions, rule_templates
from engine.errors import Diagnostic, counted
from engine.eventfields import resolve
from engine.fields import PATH_TEXT
from engine.lint.base import (
    WarningCheck,
    action_templates,
    plan_conjuncts,
    plan_texts,
    slot_location,
)
from engine.lint.fields import in_its_group, own_fields, within
from engine.locations import inside_text
from engine.logic import always_shown
from engine.model import Action, PlanModel, Rule
from engine.slips import quoted
from engine.slips.written import yaml_value
from engine.templates import TEMPLATE_PARAMS
from engine.wording import clip, join_words

if TYPE_CHECKING:
    from engine.templates import FieldSlot, Template


def _slots_maybe_missing(
    plan: PlanModel,
) -> Iterator[tuple[Action, str, Template, str, FieldSlot]]:
    """Each field a `message` or `item` inserts that an event may lack (or hold empty), as
    :func:`action_templates` gives the text, with the slot: the rule's conditions do not make
    sure it has a value to show. What the checks of a field's default look at: where the rule
    makes sure of the field, the default is never read (`blank-around-default` had reported
    such a default's blanks, where `empty-default` and `template-without-default` did not;
    found by review)."""
    conjuncts = plan_conjuncts(plan)
    for rule, action, key, template, what in rule_templates(plan):
        for slot in template.fields:
            if not always_shown(conjuncts[rule.position], slot.path):
                yield action, key, template, what, slot


_CUSTOMER_FACING = frozenset(
    {"apologize", "reply_publicly", "contact_customer", "compensate", "follow_up"}
)


class TemplateWithoutDefault(WarningCheck):
    """A customer's message that inserts a field with no default, in a rule that does not make
    sure the field has a value: for an event without it, the customer reads ``[missing: ...]`` in
    the middle of an apology."""

    code = "template-without-default"
    description = (
        "A customer-facing message inserts a field without a default, and the rule does not "
        "make sure the field has a value the message can show."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each field a customer-facing message inserts with no default, whatever the schema says of
        it (standard, below a list item, extra): an event may lack it, or hold empty text, and only
        a default, or a test that lets nothing else through, keeps ``[missing: ...]`` out of the
        text."""
        for action, key, template, what, slot in _slots_maybe_missing(plan):
            if key != "message" or action.type not in _CUSTOMER_FACING or slot.default is not None:
                continue
            if resolve(slot.path).list_without_index is not None:
                continue  # never there: a default would always show (unknown-field says)
            yield self.found(
                slot_location(action.at.inside(key), template, slot),
                f"{what} inserts {{{slot.path}}} with no default: for an event without it (or "
                f"with it empty), the text would read [missing: {slot.path}]",
                _default_hint(slot.path, own_fields(plan)),
            )


_DOUBLED = re.compile(rf"\{{\{{[ \t]*({PATH_TEXT})[ \t]*(\|[^{{}}]*)?\}}\}}")
"""A field written in doubled braces (``{{customer.first_name}}``, ``{{ order.id }}``): the
placeholder of Liquid, Zendesk or Mailchimp, which a Backplan template shows as it is."""


class DoubledBraces(WarningCheck):
    """A field written in doubled (or tripled) braces, as Liquid, Zendesk or Mailchimp write
    them: a Backplan template shows the inner braces as text, so the customer reads
    ``{customer.first_name}`` where their name was meant."""

    code = "doubled-braces"
    description = (
        "A message writes a field in doubled braces (`{{customer.first_name}}`, as Liquid, "
        "Zendesk and Mailchimp do): a Backplan template shows that as the text "
        "`{customer.first_name}`, not the event's value."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each template's first field in doubled or tripled braces, at its first brace."""
        for action, key, template, what in action_templates(plan):
            doubled = _doubled_field(template.source)
            if doubled is None:
                continue
            found, tripled = doubled
            if tripled:
                # Handlebars' tripled braces: the middle pair is a slot, the outer ones text
                # (it had been said to show `{customer.first_name}`, found by review)
                said = (
                    f"{what} writes `{{{found[0]}}}` in tripled braces, which show the "
                    "event's value with braces around it"
                )
            else:
                said = (
                    f"{what} writes `{found[0]}` in doubled braces, which show the text "
                    f"`{found[0][1:-1]}` as it is, not the event's value"
                )
            yield self.found(  # at the first brace (it had been at the text's start, the
                # `>-` of a block a line above: found by review)
                inside_text(action.at.inside(key), template.source, found.start() - int(tripled)),
                said,
                "to insert the field, write it in single braces: "
                + _slot_written(action, found[1], found[2] or ""),
            )


def _doubled_field(text: str) -> tuple[re.Match[str], bool] | None:
    """The first field in doubled braces in a template's text, and whether they are tripled
    (one more brace each side): a path with a dot or a standard field (``{{ braces }}`` alone
    may well be meant as it is written). Four braces and more each side (``{{{{order.id}}}}``,
    which reads ``{{order.id}}``) are braces written as text on purpose: they had been told as
    tripled, showing the event's value (found by review)."""
    for found in _DOUBLED.finditer(text):
        before = found.start() - len(text[: found.start()].rstrip("{"))
        after = len(text) - found.end() - len(text[found.end() :].lstrip("}"))
        if before > 1 or after > 1:
            continue
        if _names_a_field(found[1]):
            return found, before == after == 1
    return None


def _names_a_field(path: str) -> bool:
    """Whether a word in braces names a field: a path with a dot or a standard field; a plain
    word (``{{ braces }}``, ``{ours}``) may well be meant as it is written."""
    return "." in path or resolve(path).info is not None


def _default_written(default: str) -> str:
    """A slot's default as a hint writes it, ``|there`` (``default`` with its `|`), without the
    blanks at its ends, which ``blank-around-default`` warns of; "" for none."""
    return f"|{default[1:].strip(_BLANKS)}" if default else ""


_DEFAULT_EXAMPLES = {"customer.first_name": "there", "customer.name": "valued customer"}
"""The words a hint gives as the default of a name: `there` reads well after `Hi` or `Dear`
for a first name only; for a full name, `Dear there` does not."""


def _default_example(path: str) -> str:
    """The words a hint gives a field's default: ``there`` for the customer's first name,
    ``valued customer`` for the full name, ``...`` for any other field. Every `customer.`
    field had been given ``there``, which read `Dear there` for `{customer.name|}`, and
    `tier there` for `{customer.tier|}` (found by review)."""
    return _DEFAULT_EXAMPLES.get(path, "...")


def _slot_written(action: Action, path: str, default: str) -> str:
    """A field as a Backplan template inserts it, `{path}` (with ``default``, ``|there``, kept,
    but not the blanks at its ends), for a hint to give; for a message the customer reads,
    without a default, the form with one too (else the fix would be told of next, by
    ``template-without-default``; and the blanks, by ``blank-around-default``: the fix of
    `{{ customer.first_name | there }}` had been `{customer.first_name| there }`)."""
    default = _default_written(default)
    single = f"`{{{path}{default}}}`"
    if not default and action.type in _CUSTOMER_FACING:
        example = _default_example(path)
        single += f", with the words for an event without it: `{{{path}|{example}}}`"
    return single


_FOREIGN = re.compile(rf"(\[\[?|<<?|%%?|##?|::?|\uff5b)({PATH_TEXT})(\]\]?|>>?|%%?|##?|::?|\uff5d)")
"""A field path between the marks of another tool's placeholders, single or doubled:
``[customer.first_name]``, ``<customer.first_name>``, ``%customer.first_name%``,
``#customer.first_name#``, ``:customer.first_name:``, ``[[...]]``, ``<<...>>``; or between
full-width braces, ``｛customer.first_name｝``, as a Japanese input mode types them (the
customer had read them as written, lint silent; found by writing a Tokyo shop's plan)."""
_CLOSING_MARKS = str.maketrans("[<\uff5b", "]>\uff5d")


class ForeignPlaceholder(WarningCheck):
    """A field written as another tool's placeholder (``[name]``, ``%name%``, ``$name``), or with
    a ``$``, ``%`` or ``#`` before its braces: a Backplan template shows it as written, so a reader
    sees the placeholder, or a stray sign before the value."""

    code = "foreign-placeholder"
    description = (
        "A message writes a field as another tool's placeholder (`[customer.first_name]`, "
        "`%customer.first_name%`, `<customer.first_name>`, `$customer.first_name`...), which a Backplan template shows "
        "as it is, or with a `$`, a `%` or a `#` before its braces (`${customer.first_name}`, "
        "`%{customer.first_name}`, `#{customer.first_name}` in a text the customer reads), "
        "which is shown before the value."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each placeholder of another tool's form that names a field the plan could insert, each
        ``$`` word that names one, and each slot with a sign before its braces."""
        for action, key, template, what in action_templates(plan):
            reader = _reader(action)
            at = action.at.inside(key)
            for found in _FOREIGN.finditer(template.source):
                opening, path, closing = found.groups()
                if closing != opening.translate(_CLOSING_MARKS) or not _insertable(plan, path):
                    continue
                yield self.found(
                    inside_text(at, template.source, found.start()),
                    _shown_as_written(what, found[0], reader),
                    "to insert the field, write it in braces: " + _slot_written(action, path, ""),
                )
            for found in _DOLLAR.finditer(template.source):
                path = _dollar_field(plan, found[1])
                if path is None:
                    continue
                amount = (
                    f" (or `${{{path}}}`, for a `$` before the amount)" if _an_amount(path) else ""
                )
                yield self.found(
                    inside_text(at, template.source, found.start()),
                    _shown_as_written(what, found[0], reader),
                    "to insert the field, write it in braces: "
                    + _slot_written(action, path, "")
                    + amount,
                )
            for slot in template.fields:
                marked = _marked_slot(template.source, slot, action.type in _CUSTOMER_FACING)
                if marked is None:
                    continue
                mark, paired = marked
                written = f"{mark}{_written_slot(template.source, slot)}{mark if paired else ''}"
                shown, read, left_out = (
                    (
                        f"the `{mark}` before and after them are shown as they are",
                        f"between two `{mark}`",
                        "both",
                    )
                    if paired
                    else (
                        f"the `{mark}` before them is shown as it is",
                        f"with a `{mark}` before it",
                        "the",
                    )
                )
                default = "" if slot.default is None else f"|{slot.default}"
                yield self.found(
                    inside_text(at, template.source, slot.offset - 1),
                    f"{what} writes `{written}`: the braces insert the field, and {shown}, "
                    f"so {reader} would read the value {read}",
                    f"to insert the field, leave out {left_out} `{mark}`: "
                    + _slot_written(action, slot.path, default),
                )


_DOLLAR = re.compile(rf"(?<![\w$])\$({PATH_TEXT})")
"""A field path after a `$`, without braces (``$customer.first_name``, ``$name``): how the
shell, PHP or a mail merge writes a field; not after a letter or a digit (``US$``)."""


def _dollar_field(plan: PlanModel, path: str) -> str | None:
    """The field a path written after a `$` names (:data:`_DOLLAR`): a field another tool's
    marks could name (:func:`_insertable`), or the one standard field of that name alone
    (``$name``: ``customer.name``); None for any other word, which may be meant as written.
    `Hi $customer.first_name` had passed lint in silence, and the customer read it so (found
    by review)."""
    if _insertable(plan, path):
        return path
    return in_its_group(path)


def _an_amount(path: str) -> bool:
    """Whether a standard field holds numbers and never text (``order.total``), so a `$`
    before it may be the dollar sign: an id, a number or a text, is no amount."""
    info = resolve(path).info
    return info is not None and "number" in info.kinds and "text" not in info.kinds


def _shown_as_written(what: str, written: str, reader: str) -> str:
    """The finding of another tool's placeholder (or of full-width braces, no placeholder of any
    tool), which a Backplan template shows as it is."""
    kind = (
        "in full-width braces"
        if written.startswith("\uff5b")
        else "the placeholder of another tool"
    )
    return (
        f"{what} writes `{written}`, {kind}, which a Backplan template shows as it is: "
        f"{reader} would read `{written}`, not the event's value"
    )


def _marked_slot(source: str, slot: FieldSlot, customer_reads: bool) -> tuple[str, bool] | None:
    """The mark written right before a slot's braces that shows before its value, and whether
    the same mark closes it: a `%`; a `$` before a field of text (before an amount, it is a
    currency sign); a `#` (Ruby's `#{customer.first_name}`, read `#Dana`) before a field of
    text that is no id (`Order #{order.id}` is how an order's number is written), in a text
    the customer reads only: in a team's note or escalation, `Escalated to #{staff.team}`
    reads as a chat channel's name, `#support`, and had been told (found by review). A mark on
    both sides, `%{customer.first_name}%`, is one placeholder, whose `%` after had been left
    out of the hint, and read `Dana%` once the `%` before was (found by review). After a field
    that may hold a number, a `%` may be a percent sign (`%{survey.score}%`), and is left."""
    mark = source[slot.offset - 1 : slot.offset]
    if mark == "#" and not customer_reads:
        return None
    if mark in ("$", "#"):
        told = _text_field(slot) and not (mark == "#" and _names_a_number(slot.path))
    else:
        told = mark == "%"
    if not told:
        return None
    end = _slot_end(source, slot)
    return mark, source[end : end + 1] == mark and _text_field(slot)


def _written_slot(source: str, slot: FieldSlot) -> str:
    """A slot as the template writes it, braces and blanks included (``{ order.id }``)."""
    return source[slot.offset : _slot_end(source, slot)]


def _slot_end(source: str, slot: FieldSlot) -> int:
    """Where the text after a slot's closing brace starts in the template's text."""
    return source.index("}", slot.offset) + 1


_BLANKS = " \t"
_STOPS = ",.;:!?)"
"""Marks a blank is not written before: a default ending in one reads `there ,`."""


class BlankAroundDefault(WarningCheck):
    """A default written with a blank after the ``|`` or before the ``}``: the blank is part of
    the default, so a text without the field reads a double space, or a space before a comma, that
    nobody wrote on purpose."""

    code = "blank-around-default"
    description = (
        "A field's default written with a blank after the `|` or before the `}` "
        "(`Hi {customer.first_name | there}`): the blank is part of the default, so for an "
        "event without the field the text reads a double space (`Hi  there`), or a space "
        "before a comma."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each default of a field an event may lack, with blanks at its edges that show."""
        for action, key, template, what, slot in _slots_maybe_missing(plan):
            shown = _blanks_shown(template.source, slot)
            if shown is None:
                continue
            written, effects = shown
            yield self.found(
                slot_location(action.at.inside(key), template, slot),
                f"{what} writes `{written}`, and a default is everything after the `|`, "
                f"blanks included: for an event without `{slot.path}`, {_reader(action)} would "
                f"read {join_words(effects, 'and')}",
                "write the default right after the `|`, without blanks: "
                + _slot_written(action, slot.path, f"|{slot.default}"),
            )


def _blanks_shown(source: str, slot: FieldSlot) -> tuple[str, list[str]] | None:
    """The slot as written, and what the blanks at the ends of its default show beside the
    text around it (``a double space before `there` ``), when they show: a blank next to
    another, or before a comma. None for a slot without words in its default, or whose
    blanks read well (`Hi,{customer.first_name| there}`); ``{ customer.first_name }`` is
    none either: the blanks around a field's name are not shown."""
    default = slot.default
    words = (default or "").strip(_BLANKS)
    if default is None or not words or words == default:
        return None
    written, end = _written_slot(source, slot), _slot_end(source, slot)
    before, after = source[slot.offset - 1 : slot.offset], source[end : end + 1]
    shown = f"`{clip(words)}`"
    effects = []
    if default[0] in _BLANKS and before and before in _BLANKS:
        effects.append(f"a double space before {shown}")
    if default[-1] in _BLANKS and after and after in _BLANKS:
        effects.append(f"a double space after {shown}")
    elif default[-1] in _BLANKS and after and after in _STOPS:
        effects.append(f"a space between {shown} and `{after}`")
    return (written, effects) if effects else None


_WINDOW = 40
"""The most characters quoted each side of a field whose empty default reads badly."""


class EmptyDefault(WarningCheck):
    """An empty (or blank) default where the words around the field read badly without it
    (``Sorry , we are on it``): the default was meant to keep the text whole, and does not."""

    code = "empty-default"
    description = (
        "A field's default that is empty or only blanks (`Sorry {customer.first_name|}, we are "
        "on it`) where the text around it reads badly without the field: `Sorry , we are on "
        "it`, with a space before the comma, or a double space."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each empty or blank default whose text, the field left out, has a stray space or a
        space before punctuation."""
        for action, key, template, what, slot in _slots_maybe_missing(plan):
            read = _empty_default_read(template.source, slot)
            if read is None:
                continue
            (left, right), effects = read
            words = _default_example(slot.path)
            glue = " " if left[-1:].isalnum() else ""  # `Sorry{...| }`: a blank before it
            yield self.found(
                slot_location(action.at.inside(key), template, slot),
                f"{what} writes `{_written_slot(template.source, slot)}`, whose default "
                f"is {'empty' if not slot.default else 'only blanks'}: for an event "
                f"without `{slot.path}`, {_reader(action)} would read "
                f"`{left}{slot.default}{right}`, with {join_words(effects, 'and')}",
                "write after the `|` the words to read in its place: "
                f"`{left}{glue}{{{slot.path}|{words}}}{right}`; or reword the text around "
                "the field so that it reads well without it",
            )


def _empty_default_read(source: str, slot: FieldSlot) -> tuple[tuple[str, str], list[str]] | None:
    """For a slot whose default is empty or only blanks, when the text reads badly there for
    an event without its field: the words before and after the slot (``Sorry ``, ``, we``),
    and what reads badly (``a space before `,` ``). None when nothing does: a field at the
    end of the text (``Thanks, the team {store|}``) or of a line leaves a blank no one sees,
    and one glued to a word (``Acme{store|}.``) no blank at all."""
    if slot.default is None or slot.default.strip(_BLANKS):
        return None
    end = _slot_end(source, slot)
    before, after = source[: slot.offset], source[end:]
    joined = before[-1:] + slot.default + after[:1]
    effects = []
    if re.search(r"[ \t]{2}", joined):
        effects.append("a double space")
    stop = re.search(r"[ \t]([,.;:!?)])", joined)
    if stop:
        effects.append(f"a space before `{stop[1]}`")
    elif not before.strip(_BLANKS) and after[:1] and after[0] in _STOPS:
        effects.append(f"`{after[0]}` at the start")
    if not effects:
        return None
    # (the last characters only: a search that ends at `$` tries every start before it); not
    # into a field beside it, which no one reads as written: `Dear {customer.first_name|}
    # {customer.name|},` had been said to read `Dear  {customer.` (found by review)
    left = re.search(r"[^\s{}]*[ \t]*$", before[-_WINDOW:])
    right = re.match(r"[ \t]*[^\w\s{}]*[ \t]*\w*[^\w\s{}]*", after[:_WINDOW])
    assert left is not None and right is not None  # both may match nothing: never None
    return (left[0], right[0]), effects


def _reader(action: Action) -> str:
    """Who is said to read an action's text in a finding: the customer, for an action the
    customer sees; else "the text" (a team's note or task)."""
    return "the customer" if action.type in _CUSTOMER_FACING else "the text"


def _insertable(plan: PlanModel, path: str) -> bool:
    """Whether a path in another tool's marks names a field a template could show: a standard
    field that holds a word or a number (not a group, `[customer]`), a field below a list's
    item (`[order.items.0.name]`), a slip in the last name of one (`[customer.frist_name]`),
    or one of the plan's `extra_fields`. A plain word (`[sic]`, `:smile:`) or a web address
    (`<www.acme.com>`) is likely meant as written, also one that starts with a field's name:
    `<store.acme.example>` and `[customer.acme.com]` had been told to be written in braces,
    which names no field; and a field of true or false, `[repeat]`, is a note's label: it had
    been told to be `{repeat}`, which reads `true` (found by review)."""
    resolution = resolve(path)
    if resolution.info is not None:
        return bool(resolution.info.kinds & {"text", "number"})
    if any(within(path, field) for field in plan.settings.extra_fields):
        return True
    if resolution.scalar is not None:
        return False  # below a single value, where no field is: `store.acme`, `text.md`
    parent = path.rpartition(".")[0]
    return resolution.unknown is None or (bool(parent) and resolve(parent).info is not None)


def _names_a_number(path: str) -> bool:
    """Whether a field's last name says it holds an id or a phone number, which a `#` before
    it reads well as a number sign: `Order #{order.id}`, `agent #{staff.agent_id}`."""
    name = path.rpartition(".")[2]
    return name in ("id", "phone") or name.endswith("_id")


def _text_field(slot: FieldSlot) -> bool:
    """Whether a slot's field is a standard one that never holds a number: a `$` before a
    number (`${order.total}`, reading $119.99) is a currency sign, and a field the schema does
    not know may hold an amount too."""
    info = resolve(slot.path).info
    return info is not None and "number" not in info.kinds and bool(info.kinds & {"text", "bool"})


_SLOT = re.compile(rf"\{{+[ \t]*({PATH_TEXT})[ \t]*(\|[^{{}}]*)?\}}+")
"""A field in braces, as a template writes one (``{store}``, ``{store|our site}``), with the
braces around it as written (``{{store}}`` is shown as it is, too)."""


class FieldInPlainText(WarningCheck):
    """A field in braces in a text shown as written (an owner, a ``to``, a title, the plan's
    name): only a message fills in fields, so staff read ``{store}``, not the store, and a case can
    go to nobody in particular."""

    code = "field-in-plain-text"
    description = (
        "A text shown as it is written (an owner, a recipient `to`, a title, a description, "
        'the plan\'s name) holding a field in braces, `owner: "{store} manager"`: only a '
        "`message` (and a `replace`'s `item`) fills in fields, so staff read `{store}`."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each text shown as written that holds a field in braces, told at its first field."""
        for holder, key, text, what in plan_texts(plan):
            found = _first_field(text) if key not in TEMPLATE_PARAMS else None
            if found is None:
                continue
            slot = _as_template_writes_it(found)
            hint = (
                f"write who it is, the same for every complaint (`{key}: site-manager`), and "
                f'put the field in the action\'s message: `message: "For {slot}: ..."`'
                if key in ("to", "owner") and what.startswith("`")
                else f"say it in words; a field is filled in only in a message: `{slot}`"
            )
            yield self.found(
                holder.inside(key),
                f"{what} is `{clip(text)}`: it is shown as written, so staff read "
                f"`{found[0]}`, not the event's value; only a message (and a `replace`'s item) "
                "fills in fields",
                hint,
            )


def _as_template_writes_it(found: re.Match[str]) -> str:
    """A field :data:`_SLOT` found, as a message fills it in: in one brace each side, without
    blanks around its name or its default. The hint had given `{ store | x }` as written, for
    a message, where ``blank-around-default`` then warned of it, and `{{store}}`, which a
    message shows as `{store}` (found by review)."""
    return f"{{{found[1]}{_default_written(found[2] or '')}}}"


def _first_field(text: str) -> re.Match[str] | None:
    """The first field in braces (:data:`_SLOT`) in ``text`` that names a field
    (:func:`_names_a_field`)."""
    return next((found for found in _SLOT.finditer(text) if _names_a_field(found[1])), None)


def _default_hint(path: str, own: tuple[str, ...]) -> str:
    """How to give a slot a default; for a field the event schema does not know, first the
    word that it may be misspelt (a default would hide that: the text would always read it),
    unless the plan lists it among its own fields (``own``), which says the events carry it:
    the hint had called `{loyalty.points}` perhaps misspelt, in a plan listing it (found by
    review)."""
    example = _default_example(path)
    default = (
        f"give a default after `|`, such as {{{path}|{example}}}"
        if example != "..."
        else f"give a default after `|`: {{{path}|...}}, the words to show when the event lacks it"
    )
    resolution = resolve(path)
    if resolution.unknown is None and resolution.scalar is None:
        return default
    if any(within(path, field) for field in own):
        return default
    return f"`{path}` is not a standard event field: if it is misspelt, correct it; if your " + (
        f"events carry it, {default}"
    )


_NOBODY = frozenset(
    {"tbd", "tba", "tbc", "tbn", "todo", "to do", "n/a", "na", "none", "nobody"}
    | {"no one", "noone", "unknown", "someone", "somebody", "anyone", "anybody", "who"}
    | {"xxx", "placeholder", "fill in", "change me", "changeme"}
    | {f"to be {word}" for word in ("decided", "determined", "defined", "confirmed")}
    | {f"to be {word}" for word in ("assigned", "named", "announced")}
)
"""What a draft writes where a person, role or team is still to be named, in small letters,
its dashes read as blanks (``to-do``) and its dots left out (``T.B.D.``, ``N.A.``, which had
passed in silence: found by review)."""
_MARKS_AROUND = " \t.?!()[]<>*_-\u2013\u2014"
"""What is written around such a word (``(TBD)``, ``???``, ``-``), taken off before it is
read: a text of marks only names nobody either."""


def _names_nobody(text: str) -> bool:
    """Whether an owner or a recipient is a word a draft writes for one still to be named
    (:data:`_NOBODY`: ``TBD``, ``to be decided``, ``???``, ``N/A``), not a person, a role or
    a team."""
    said = " ".join(text.strip(_MARKS_AROUND).lower().replace("-", " ").replace(".", "").split())
    return not said or said in _NOBODY


class NobodyNamed(WarningCheck):
    """An owner or recipient that is a draft's word for someone still to be named (``TBD``,
    ``???``, ``N/A``): the schema takes any text, so the case or the step goes to no one, and its
    deadline passes unseen."""

    code = "nobody-named"
    description = (
        "An action's owner or recipient is a word a draft writes for one still to be named "
        "(`owner: TBD`, `to: ???`, `N/A`, `someone`): the case, or the prevention step, would "
        "go to no one."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each ``to`` and ``owner`` that names nobody. The schema takes any text (a person, a role,
        a team): ``owner: TBD`` had passed validate and lint in silence, and the step went to nobody
        (found by review)."""
        for rule, action in plan_actions(plan):
            for key, value in (("to", action.to), ("owner", action.owner)):
                if not value or not _names_nobody(value):
                    continue
                said = f"the `{action.type}` of rule `{rule.id}`"
                if key == "to":
                    message = f"{said} goes to `{clip(value)}`, which names nobody: the case "
                    message += "would be handed to no one"
                    hint = "write the person, role or team it goes to, such as `to: duty-manager`"
                else:
                    message = f"{said} is owned by `{clip(value)}`, which names nobody: no one "
                    message += "would be asked to do it"
                    if action.within:
                        message += ", and its deadline would pass unseen"
                    hint = (
                        "write the person, role or team who owns it, such as `owner: store-manager`"
                    )
                yield self.found(action.at.inside(key), message, hint)


_BETWEEN_WORDS = re.compile(r"[\s_.-]+")
"""What people write between the words of a role's name: `store-manager`, `store_manager`,
`Store Manager` and `store.manager` are one name."""


def _one_name(text: str) -> str:
    """An owner or recipient as a person reads it: its letters in one case, its words apart.
    An e-mail address only in one case: ``john.smith@`` and ``john_smith@`` are two mailboxes,
    and were told as one name written two ways, hinting to send one's cases to the other
    (found by review)."""
    if "@" in text:
        return text.casefold().strip()
    return _BETWEEN_WORDS.sub(" ", text.casefold()).strip()


def _as_a_value(text: str) -> str:
    """``text`` as a hint writes it after ``to:`` or ``owner:``: bare when YAML reads it back
    as the very text, else in quotes (``Ops #2`` bare reads ``Ops``)."""
    return clip(text) if yaml_value(text) == text else quoted(text)


class NameWrittenTwoWays(WarningCheck):
    """One owner or recipient written two ways across the plan (``south-tv-manager`` in one
    region's file, ``South TV Manager`` in another's): the decision carries the text as written,
    so a queue or a report that reads one spelling misses the other's cases."""

    code = "name-written-two-ways"
    description = (
        "An owner or recipient written two ways in the plan (`owner: store-manager` and "
        "`owner: Store Manager`, `to: duty_manager`): decisions carry it as written, so a "
        "task list or report that reads one spelling misses the other's."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each spelling other than a name's most used one, told once, at its first place,
        beside the most used one's first place; a tie goes to the spelling written first. A
        plan written by five managers had `south-tv-manager` in 27 rules and `South TV Manager`
        in one, passing lint in silence (found by trial)."""
        places: dict[str, dict[str, list[tuple[Rule, Action, str]]]] = {}
        for rule, action in plan_actions(plan):
            for key, value in (("to", action.to), ("owner", action.owner)):
                # A field in braces is told by field-in-plain-text, to be written in words.
                if value and not _names_nobody(value) and _first_field(value) is None:
                    spellings = places.setdefault(_one_name(value), {})
                    spellings.setdefault(value, []).append((rule, action, key))
        for spellings in places.values():
            if len(spellings) > 1:
                yield from self._other_spellings(spellings)

    def _other_spellings(
        self, spellings: dict[str, list[tuple[Rule, Action, str]]]
    ) -> Iterator[Diagnostic]:
        """The spellings of one name other than its most used, each at its first place."""
        usual = max(spellings, key=lambda written: len(spellings[written]))  # first on a tie
        rule, action, key = spellings[usual][0]
        for written, found in spellings.items():
            if written == usual:
                continue
            other_rule, other_action, other_key = found[0]
            message = (
                f"the `{other_action.type}` of rule `{other_rule.id}` names `{clip(written)}`"
                f"{_also_in(len(found))}, which the plan writes `{clip(usual)}` in "
                f"{counted(len(spellings[usual]), 'action')} (the `{action.type}` of rule "
                f"`{rule.id}`{' first' if len(spellings[usual]) > 1 else ''}): decisions carry "
                "it as written, so a task list or report "
                "that reads one spelling misses the other's cases"
            )
            hint = (
                f"write `{other_key}: {_as_a_value(usual)}` wherever `{clip(written)}` is written, "
                "one spelling for one person, role or team"
            )
            yield self.found(
                other_action.at.inside(other_key), message, hint, (action.at.inside(key),)
            )


def _also_in(count: int) -> str:
    """How many other actions write this spelling, when any do."""
    return f" (here and in {counted(count - 1, 'other action')})" if count > 1 else ""
