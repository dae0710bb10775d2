"""Generated code that builds a decision's action entries for one set of fired rules.

An :class:`~engine.assembly.Assembly` says which actions a set of fired rules makes, merged; for
each event only the templates, the deadlines and the compensation amounts change. Walking the
assembly per event (``engine.assembly.fill``) spends most of its time in calls and lookups, so
the decider turns each assembly it keeps into one straight-line function: the entries are dict
displays, each distinct deadline is added to the event's time once, and templates are called
directly.

Safety, as in ``engine.compile``: the generated source never contains a plan's text. Every
value (rule ids, parameters, templates, durations) enters the function as a closure variable
by a generated name; lists and mappings are copied per event so a decision never shares them
with the plan.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.actions import Recipe, plain
from engine.assembly import SLOT, Assembly, Slot
from engine.utctime import utc_text

Builder = Callable[
    [dict[str, Any], int | None],
    tuple[list[dict[str, Any]], list[tuple[Recipe, dict[str, Any]]]],
]
"""(event, its time in µs UTC or None) -> (action entries, compensation entries to size)."""


class _Source:
    """The generated function's lines and the values it closes over."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.names: dict[int, str] = {}
        self.lines: list[str] = []
        self.deadlines: dict[Any, str] = {}

    def value(self, obj: Any) -> str:
        """A name for a plan value inside the generated code (one name per object: the same
        rule id, type or key in many entries is one closure variable)."""
        name = self.names.get(id(obj))
        if name is None:  # ``values`` keeps the object alive, so its id stays its own
            self.values.append(obj)
            name = self.names[id(obj)] = f"v{len(self.values) - 1}"
        return name

    def due(self, delta: Any) -> str:
        """The expression of the deadline ``delta`` after the event (None without a time)."""
        if delta is None:
            return "None"
        name = self.deadlines.get(delta)
        if name is None:
            name = self.deadlines[delta] = f"d{len(self.deadlines)}"
        return name

    def entry(self, number: int, slot: Slot) -> None:
        """Lines that build one action entry as ``e<number>``."""
        recipe = slot.recipe
        params = []
        for name, value in recipe.static.items():
            if name == "tags" and slot.tags is not None:
                value = slot.tags
            if isinstance(value, list) and not any(isinstance(v, (list, dict)) for v in value):
                params.append(f"{self.value(name)}: [*{self.value(value)}]")  # a flat copy
            elif isinstance(value, (list, dict)):
                params.append(f"{self.value(name)}: _plain({self.value(value)})")
            else:
                params.append(f"{self.value(name)}: {self.value(value)}")
        for name, template in recipe.templates:
            params.append(f"{self.value(name)}: {self.value(template.render)}(event)")
        also_from = ", ".join(self.value(rule) for rule in slot.also_from)
        self.lines.append(
            f"    e{number} = {{'type': {self.value(recipe.type)}, "
            f"'rule': {self.value(recipe.rule)}, 'purpose': {self.value(recipe.purpose)}, "
            f"'params': {{{', '.join(params)}}}, 'within': {self.value(slot.deadline.within)}, "
            f"'due': {self.due(slot.deadline.delta)}, 'also_from': [{also_from}]}}"
        )


def compile_builder(assembly: Assembly) -> Builder:
    """The assembly as one generated function (not for an assembly that merges late)."""
    assert not assembly.late, "late merges are done by engine.assembly.fill"
    source = _Source()
    offers: list[str] = []
    for number, (kind, item) in enumerate(assembly.steps):
        if kind == SLOT:
            source.entry(number, item)
        else:
            source.entry(number, Slot(item, item))
            offers.append(f"({source.value(item)}, e{number})")
    body = source.lines
    if source.deadlines:
        names = list(source.deadlines.values())
        body = [
            "    if base is None:",
            f"        {' = '.join(names)} = None",
            "    else:",
            *(
                f"        {name} = _due(base + {source.value(delta)})"
                for delta, name in source.deadlines.items()
            ),
            *body,
        ]
    entries = ", ".join(f"e{n}" for n in range(len(assembly.steps)))
    arguments = ", ".join(f"v{n}" for n in range(len(source.values)))
    text = "\n".join(
        [
            f"def make(_plain, _due, {arguments}):" if arguments else "def make(_plain, _due):",
            "  def build(event, base):",
            *body,
            f"    return [{entries}], [{', '.join(offers)}]",
            "  return build",
        ]
    )
    namespace: dict[str, Any] = {"__builtins__": {}}
    exec(compile(text, "<backplan-actions>", "exec"), namespace)  # no plan text: see above
    made: Builder = namespace["make"](plain, utc_text, *source.values)
    return made
