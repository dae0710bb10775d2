"""Lint checks of what a plan defines and nothing uses: named conditions, `extra_fields`.

An unused definition does nothing by itself, but it is often a slip: a named condition a rule
was meant to use, an ``extra_fields`` entry misspelt, which leaves the real field unknown. Both
checks compare what the plan defines with what its rules read.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.errors import Diagnostic, SourceLocation
from engine.eventfields import resolve
from engine.lint.base import WarningCheck, used_conditions
from engine.lint.fields import as_deep_as, field_uses, within
from engine.model import PlanModel
from engine.suggest import Suggester


class UnusedCondition(WarningCheck):
    """A named condition no rule uses: most often one that a rule was meant to use, or left
    behind when its rule changed; either way a reader takes it for part of the plan."""

    code = "unused-condition"
    description = "A named condition that no rule uses (directly or through another condition)."

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each named condition no rule uses, directly or through another named condition."""
        used = used_conditions(plan, (rule.condition for rule in plan.rules))
        for name in plan.conditions:
            if name not in used:
                yield self.found(
                    plan.condition_names[name],  # its name (a condition's `at` is its value)
                    f"the named condition `{name}` is not used by any rule",
                    f"use it in a rule with `use: {name}`, or remove it",
                )


MAX_COMPARED = 64
"""How many fields the rules read an unused `extra_fields` entry is compared with letter by
letter before only those a few slips of a letter away are (:class:`Suggester`): 500 unused
entries among 1,000, each compared with 500 unknown fields read, took lint 28 s."""


def _prefixes(paths: list[str]) -> set[str]:
    """Every path and every field it is under (``a``, ``a.b`` of ``a.b.c``): the fields
    :func:`within` says each path reads, found at once rather than each listed field compared
    with each path read."""
    found: set[str] = set()
    for path in paths:
        parts = path.split(".")
        found.update(".".join(parts[: depth + 1]) for depth in range(len(parts)))
    return found


def _heads_meant(fields: list[str], read: list[str]) -> dict[int, Suggester]:
    """For each depth of ``fields`` (its dots), what each of them most likely misspells: the
    start, as deep (:func:`as_deep_as`), of an unknown field the rules read (`prescripton` is
    compared with `prescription`, not `prescription.delay_hours`), all answered in one pass."""
    unknown = [path for path in read if resolve(path).unknown]
    by_depth: dict[int, list[str]] = {}
    for field in fields:
        by_depth.setdefault(field.count("."), []).append(field)
    meant: dict[int, Suggester] = {}
    for depth, alike in by_depth.items():
        heads = {as_deep_as(path, alike[0]) for path in unknown}
        meant[depth] = Suggester(heads, compare_at_most=MAX_COMPARED)
        meant[depth].answer_all(alike)
    return meant


class UnusedExtraField(WarningCheck):
    """A field listed in ``extra_fields`` that nothing reads: most often a typo in the list,
    which leaves the field the rules do read unknown (and warned of as ``unknown-field``)."""

    code = "unused-extra-field"
    description = (
        "A field listed in the plan's `extra_fields` that no condition, template or `of` reads "
        "(nor a field under it): often a typo in the list, which then leaves the real field "
        "unknown."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each listed field no condition, template or ``of`` reads, nor a field under it, with
        the field most likely meant."""
        extra = plan.settings.extra_fields
        if not extra:
            return
        read = sorted({path for path, _, _ in field_uses(plan)})
        read_within = _prefixes(read)
        unused = [(n, field) for n, field in enumerate(extra) if field not in read_within]
        guesses = _heads_meant([field for _, field in unused], read)
        for number, field in unused:
            at = plan.settings.at.inside("extra_fields").inside(str(number))
            in_item = _read_in_an_item(field, read)
            if in_item is not None:
                yield self._in_an_item(at, field, in_item)
                continue
            guess = guesses[field.count(".")](field)
            suffix = f" (did you mean `{guess}`?)" if guess else ""
            yield self.found(
                at,
                f"the plan lists `{field}` in `extra_fields`, but no rule reads it{suffix}",
                "correct the name to the field your rules read, or remove it from the list",
            )

    def _in_an_item(self, at: SourceLocation, field: str, path: str) -> Diagnostic:
        """``order.items.color`` listed for ``order.items.0.color``: "no rule reads it" had
        sent the author looking for a typo, where the rules read it in an item, by position."""
        parts = path.split(".")
        whole = ".".join(parts[: next(n for n, part in enumerate(parts) if part.isdigit())])
        hint = (
            f"remove it from the list: fields inside the items of `{whole}` need no listing"
            if resolve(path).unknown is None
            else f"list `{whole}` instead, which stands for every field inside its items"
        )
        return self.found(
            at,
            f"the plan lists `{field}` in `extra_fields`, but rules read it inside a list item, "
            f"with the item's position (`{path}`)",
            hint,
        )


def _read_in_an_item(field: str, read: list[str]) -> str | None:
    """The first path read that is ``field`` (or under it) once a list item's position is
    put in: ``order.items.0.color`` for ``order.items.color``; None when there is none."""
    for path in read:
        unpositioned = ".".join(part for part in path.split(".") if not part.isdigit())
        if unpositioned != path and within(unpositioned, field):
            return path
    return None
