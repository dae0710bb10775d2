"""Generated code that builds a decision's action entries for one set of fired rules.

An :class:`~engine.assembly.Assembly` says which actions a set of fired rules makes, merged; for
each event only the templates, the deadlines and the compensation amounts change. Walking the
assembly per event (``engine.assembly.fill``) spends most of its time in calls and lookups, so
the decider turns each assembly it keeps into one straight-line function: each entry is a copy
of a dict made once (its keys in order, its unchanging values in place) with the rest set,
each distinct deadline is added to the event's time once, and templates are called directly.

When every offer of the set is a fixed amount, the compensation does not depend on the event
at all: which offers are made, their amounts, ``needs_approval`` and the summary are worked out
once, here, by :func:`engine.compensation.price` itself, and written into the function as
constants (an offer not made is never built). On the bench's 100-rule plans such
sets make a tenth to a third of the decisions with compensation, and each of those decisions
paid about 3 µs to price again what the last one had priced (decide: 112,833 -> 110,897
instructions per event on the plan of ``python -m bench``, seed 7). When an offer depends on
the event (a percentage), the usual event is priced by code written into the function too
(``engine.pricecode``), and any other is left to ``price``.

Safety, as in ``engine.compile``: the generated source never contains a plan's text. Every
value (rule ids, parameters, templates, durations) enters the function as a closure variable
by a generated name; lists and mappings are built anew per event (displays, or copies) so a
decision never shares them with the plan or with another decision.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.actions import Recipe, plain, render_action
from engine.assembly import COPIED, RENDERED, SLOT, Assembly, Slot
from engine.compensation import CompensationRules, price
from engine.pricecode import BUILTINS, HELPERS, quick_pricing, set_aside_display, summary_display
from engine.utctime import DEADLINE_HELPERS, MICROSECONDS_PER_DAY, utc_text

Builder = Callable[
    [dict[str, Any], int | None],
    tuple[list[dict[str, Any]], list[tuple[Recipe, dict[str, Any]]], dict[str, Any] | None],
]
"""(event, its time in µs UTC or None) -> (action entries, compensation entries still to size,
the compensation summary when the builder priced the offers itself: settled in advance, or
by its written-out pricing; None when ``price`` is to size those left)."""


class _Source:
    """The generated function's lines and the values it closes over."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.names: dict[int, str] = {}
        self.deadlines: dict[Any, str] = {}

    def value(self, obj: Any) -> str:
        """A name for a plan value inside the generated code (one name per object: the same
        rule id, type or key in many entries is one closure variable)."""
        name = self.names.get(id(obj))
        if name is None:  # ``values`` keeps the object alive, so its id stays its own
            self.values.append(obj)
            name = self.names[id(obj)] = f"v{len(self.values) - 1}"
        return name

    def display(self, value: Any) -> str:
        """An expression that makes a new copy of a JSON-ready value per call: displays for
        lists and mappings (all the way down), closure names for everything else."""
        if isinstance(value, dict):
            items = ", ".join(f"{self.value(k)}: {self.display(v)}" for k, v in value.items())
            return f"{{{items}}}"
        if isinstance(value, list):
            return f"[{', '.join(self.display(v) for v in value)}]"
        return self.value(value)

    def due(self, delta: Any) -> str:
        """The expression of the deadline ``delta`` after the event (None without a time); only
        an action with a ``within`` has a ``delta`` to ask it of (see :meth:`entry`)."""
        name = self.deadlines.get(delta)
        if name is None:
            name = self.deadlines[delta] = f"d{len(self.deadlines)}"
        return name

    def entry(self, number: int, slot: Slot, priced: dict[str, Any] | None = None) -> list[str]:
        """Lines that build one action entry as ``e<number>`` (its ``params`` left in ``p``);
        ``priced``: the parameters an offer settled in advance was given (its amount,
        ``needs_approval``...).

        The entry and its ``params`` are copies of dicts made here (:meth:`Slot.parts`), with
        every value that is the same for each event (a text, a number) in its place and None
        where a value is filled in (a template, a deadline, a new list): copying a dict and
        setting a few of its keys costs about two-thirds of a dict display of all of them, and
        keeps the keys in order."""
        parts = slot.parts(priced)
        filled = [
            f"p[{self.value(name)}] = {self.filled(how, value)}"
            for name, how, value in parts.filled
        ]
        also_from = ", ".join(self.value(rule) for rule in parts.also_from)
        lines = [
            f"    e{number} = {self.value(parts.entry)}.copy()",
            f"    e{number}['also_from'] = [{also_from}]",
            f"    p = {self.value(parts.params)}.copy()",
            *(f"    {line}" for line in filled),
            f"    e{number}['params'] = p",
        ]
        if parts.delta is not None:
            lines.append(f"    e{number}['due'] = {self.due(parts.delta)}")
        return lines

    def filled(self, how: int, value: Any) -> str:
        """The expression of a parameter filled in per event (see :class:`~engine.assembly.EntryParts`)."""
        if how == RENDERED:
            return f"{self.value(value)}(event)"
        if how == COPIED:
            return f"[*{self.value(value)}]"  # a flat copy
        return f"_plain({self.value(value)})"

    def deadline_lines(self) -> list[str]:
        """Lines that write each distinct deadline after the event's time, once (None without
        one).

        The event's time is divided into its day and the µs into that day once; a deadline
        ``days`` days and ``rest`` µs later is then the text of day ``day + days`` and of the
        time of day ``clock + rest``, each one lookup in ``engine.utctime``'s caches
        (:data:`~engine.utctime.DEADLINE_HELPERS`). What they do not hold (a time past the
        day's end, a fraction of a second, a day not seen yet) is written by ``_due``, as
        every deadline was before (three deadlines: about 910 -> 460 ns)."""
        if not self.deadlines:
            return []
        lines = [
            "    if base is None:",
            f"        {' = '.join(self.deadlines.values())} = None",
            "    else:",
            "        day, clock = _divmod(base, _DAY)",
            "        today = _days(day)",
            "        if today is None:",
            "            today = _day_text(day)",
        ]
        for delta, name in self.deadlines.items():
            days, rest = divmod(delta, MICROSECONDS_PER_DAY)
            after = f"clock + {self.value(rest)}" if rest else "clock"
            general = f"_due(base + {self.value(delta)})"
            lines.append(f"        c = _clocks({after})")
            if days:
                lines.append(f"        t = _days(day + {self.value(days)})")
                lines.append(f"        {name} = {general} if c is None or t is None else t + c")
            else:
                lines.append(f"        {name} = {general} if c is None else today + c")
        return lines


def compile_builder(assembly: Assembly, compensation: CompensationRules) -> Builder:
    """The assembly as one generated function (not for an assembly that merges late), under
    the plan's compensation policy.

    Its offers are priced in one of three ways: once, here, when all are fixed amounts
    (:func:`_settle_fixed`); by code written out for the usual case (``engine.pricecode``),
    which turns to the general code for any other event; or by the general code alone, which
    leaves them to :func:`~engine.compensation.price`."""
    assert not assembly.late, "late merges are done by engine.assembly.fill"
    source = _Source()
    blocks: dict[int, list[str]] = {}  # each made entry's lines, by step number
    offers: list[tuple[int, Recipe]] = []
    settled = _settle_fixed(assembly, compensation)
    for number, (kind, item) in enumerate(assembly.steps):
        if kind == SLOT:
            blocks[number] = source.entry(number, item)
        elif settled is None:
            blocks[number] = source.entry(number, Slot(item, item))
            offers.append((number, item))
        elif number in settled[0]:
            blocks[number] = source.entry(number, Slot(item, item), settled[0][number])
        # else: an offer not made, the decision leaves it out
    to_size = ", ".join(f"({source.value(recipe)}, e{number})" for number, recipe in offers)
    summary = "None" if settled is None else source.display(settled[1])
    sized = {number for number, _ in offers}  # offers left to price: built last
    others = [number for number in blocks if number not in sized]
    quick = _quick(others, blocks, offers, source, compensation) if offers else []
    body = [
        *source.deadline_lines(),  # after every entry is written: each has named its own
        *(line for number in others for line in blocks[number]),
        *quick,
        *(line for number, _ in offers for line in blocks[number]),
        f"    return [{', '.join(f'e{n}' for n in blocks)}], [{to_size}], {summary}",
    ]
    arguments = ", ".join(f"v{n}" for n in range(len(source.values)))
    helpers = ", ".join(["_plain", "_due", *DEADLINE_HELPERS, *HELPERS])
    text = "\n".join(
        [
            f"def make({helpers}, {arguments}):" if arguments else f"def make({helpers}):",
            "  def build(event, base):",
            *body,
            "  return build",
        ]
    )
    namespace: dict[str, Any] = {"__builtins__": BUILTINS}
    exec(compile(text, "<backplan-actions>", "exec"), namespace)  # no plan text: see above
    built: Builder = namespace["make"](
        plain, utc_text, *DEADLINE_HELPERS.values(), *HELPERS.values(), *source.values
    )
    return built


def _quick(
    others: list[int],
    blocks: dict[int, list[str]],
    offers: list[tuple[int, Recipe]],
    source: _Source,
    compensation: CompensationRules,
) -> list[str]:
    """The written-out pricing (``engine.pricecode``), run once the other entries are built:
    the sizing, then a branch per offer that may be kept, which builds that offer's entry
    (the lines of the general code) and writes its amount in, then the decision's entries and
    summary. The lines sit in a loop run once: an event outside the usual case breaks out of
    it, to the general code after it, which builds every offer's entry for
    :func:`~engine.compensation.price`. ``others``: the step numbers of the entries that are
    not offers. Nothing when the usual case does not apply."""
    quick = quick_pricing(offers, compensation, source.value)
    if quick is None:
        return []
    sizing, priced = quick
    branches = [f"    made = [{', '.join(f'e{n}' for n in others)}]"]
    last = len(priced) - 1
    for position, offer in enumerate(priced):
        before = sum(1 for number in others if number < offer.number)  # its place in `made`
        body = [
            *blocks[offer.number],
            *offer.written(source.value),
            f"    made.insert({before}, e{offer.number})",
            f"    aside = {set_aside_display(position, priced, source.value)}",
        ]
        if last:  # a branch per offer; the last needs no test: w can be nothing else
            test = "else" if position == last else f"{'elif' if position else 'if'} w == {position}"
            branches += [f"    {test}:", *(f"    {line}" for line in body)]
        else:
            branches += body
    ending = f"    return made, [], {summary_display(compensation, source.value)}"
    return ["    while True:", *(f"    {line}" for line in [*sizing, *branches, ending])]


def _settle_fixed(
    assembly: Assembly, compensation: CompensationRules
) -> tuple[dict[int, dict[str, Any]], dict[str, Any]] | None:
    """When the set has offers and all of them are fixed amounts: the parameters each offer
    made gets from pricing (by its step number; an offer not made is absent) and the summary.
    None when there is no offer, or one depends on the event (a percentage).

    The outcome is what :func:`~engine.compensation.price` gives for every event, because
    nothing it reads comes from the event: it is asked once, here, on the offers' entries.
    """
    offers = {n: item for n, (kind, item) in enumerate(assembly.steps) if kind != SLOT}
    if not offers or any(recipe.fixed is None for recipe in offers.values()):
        return None
    entries = {n: render_action(recipe, {}, None) for n, recipe in offers.items()}
    before = {n: dict(entry["params"]) for n, entry in entries.items()}
    not_made, summary = price([(offers[n], entries[n]) for n in offers], {}, compensation)
    left_out = {id(entry) for entry in not_made}
    priced = {
        n: {k: v for k, v in entry["params"].items() if k not in before[n] or v != before[n][k]}
        for n, entry in entries.items()
        if id(entry) not in left_out
    }
    return priced, summary
