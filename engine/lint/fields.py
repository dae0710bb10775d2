"""Lint checks of the fields a plan reads: names the events never carry.

``unknown-field`` tells a condition, template or ``of`` that reads a field the event schema
does not know (a misspelt name, with the one likely meant; a field under a single value; a
list read without an item's number), and ``of-not-an-amount`` a percentage of a field that
never holds a number. They share the list of every field the plan reads and the rules of
``extra_fields``, which ``engine.lint.unused`` and ``engine.lint.placeholders`` read too.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.checks import field_reads, plan_actions
from engine.errors import Diagnostic, SourceLocation, counted
from engine.eventfields import known_paths, resolve
from engine.lint.base import WarningCheck, slot_location
from engine.model import PlanModel
from engine.suggest import Suggester, did_you_mean
from engine.wording import KIND_WORDS, MAX_LISTED, join_words


def field_uses(plan: PlanModel) -> Iterator[tuple[str, SourceLocation, str]]:
    """Every field path the plan reads (:func:`~engine.checks.field_reads`): (path, where,
    what reads it), a template's field placed at its slot."""
    for read in field_reads(plan):
        at = read.place() if read.slot is None else slot_location(read.place(), *read.slot)
        yield read.path, at, read.what


class UnknownField(WarningCheck):
    """A field read that no event would carry, most often a typo (``custmer.tier``): a test of
    it never holds as meant, and a message inserting it reads its default, or
    ``[missing: ...]``, for every event. A field of the plan's own ``extra_fields`` is known."""

    code = "unknown-field"
    description = "A condition or template reads a field the event schema does not know."

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each field read once per place: unknown to the event schema, inside a field that holds
        a single value, or a list read without an item's number."""
        reported: set[tuple[str, SourceLocation]] = set()
        extra = own_fields(plan)
        uses = list(field_uses(plan))
        read_extra = tuple(f for f in extra if any(within(path, f) for path, _, _ in uses))
        guesses = _fields_meant(uses, read_extra)
        offers = {read.place() for read in field_reads(plan) if read.key == "of"}
        unlisted: dict[str, list[tuple[SourceLocation, str]]] = {}
        for path, at, user in uses:
            resolution = resolve(path)
            listed = any(within(path, field) for field in extra)
            if resolution.info is not None or (path, at) in reported or listed:
                continue
            reported.add((path, at))
            if resolution.scalar is not None:
                yield self.found(
                    at,
                    f"{user} reads `{path}`, but `{resolution.scalar.path}` holds a single "
                    f"value, not a group of fields",
                    f"use `{resolution.scalar.path}` itself",
                )
            elif resolution.list_without_index is not None:
                items = resolution.list_without_index.path
                step, _, below = path[len(items) + 1 :].partition(".")
                # `-1` was meant as an item (the last), `sku` as a field of one (any)
                below = below if step.lstrip("-").isdigit() else f"{step}.{below}".rstrip(".")
                meant = f"{items}.0" + (f".{below}" if below else "")
                yield self.found(
                    at,
                    f"{user} reads `{path}`, but `{items}` is a list: only an item's number "
                    f"(from 0) picks one, so `{step}` finds nothing and the field is never "
                    "there",
                    f"write `{meant}` for the first item",
                )
            elif resolution.unknown is not None:
                guess = (
                    _mended_path(path, resolution.unknown)
                    or _mended_by_extra(path, read_extra)  # (an unread one: a typo itself)
                    or guesses(path)
                    or in_its_group(path)
                )
                if at in offers and guess is not None and not _may_be_an_amount(guess):
                    guess = did_you_mean(path, [*_AMOUNTS, *read_extra])
                if guess is None:  # the business's own field, most likely: told once below
                    unlisted.setdefault(path, []).append((at, user))
                else:
                    yield self._not_standard(plan, path, [(at, user)], guess)
        for path, places in unlisted.items():
            apart = _places_apart(places)
            if len(apart) >= self.TOLD_ONCE_FROM:
                yield self._not_standard(plan, path, apart, None)
            else:
                yield from (self._not_standard(plan, path, [place], None) for place in places)

    TOLD_ONCE_FROM = 3
    """How many places reading one unknown field, none of them a slip of a known one, make it
    told once, at the first, instead of once per place."""

    def _not_standard(
        self,
        plan: PlanModel,
        path: str,
        places: list[tuple[SourceLocation, str]],
        guess: str | None,
    ) -> Diagnostic:
        """``path``, known neither to the event schema nor to ``extra_fields``, read at each of
        ``places``: told at the first, the others counted and under `see:`. A field of the
        business's own read by 49 rules (`outage.hours`, `extra_fields` not yet written) gave
        49 warnings alike, for one line to add to the plan (found by trial)."""
        places = sorted(places, key=lambda place: (place[0].path, place[0].line, place[0].column))
        (at, user), others = places[0], [place for place, _ in places[1:]]
        suffix = f" (did you mean `{guess}`?)" if guess else ""
        also = " or listed in `extra_fields`" if own_fields(plan) else ""
        if others:
            suffix += f"; {counted(len(others), 'other place')} of the plan read it too"
        listing = (
            f"add `{path}` to the plan's `extra_fields`"
            if plan.settings.extra_fields
            else f"list it in `plan:`, as `extra_fields: [{path}]`"
        )
        return self.found(
            at,
            f"{user} reads `{path}`, which is not a standard event field{also}{suffix}",
            f"if your events really carry this field, {listing}: lint then knows it, "
            "and still tells a typo of it",
            tuple(others[:MAX_LISTED]),
        )


def _places_apart(places: list[tuple[SourceLocation, str]]) -> list[tuple[SourceLocation, str]]:
    """``places`` in file order, each ``file:line:col`` once: a condition under an anchor
    (``&out``) aliased into three rules is read at one place, not three. Counted as three, it
    was told "3 other places of the plan read it too", each under ``see:`` at one line (found by
    review). A place of no line (a plan made in Python) is told apart by its pointer."""
    once: dict[tuple[str, int, int, str], tuple[SourceLocation, str]] = {}
    for at, user in sorted(
        places, key=lambda place: (place[0].path, place[0].line, place[0].column)
    ):
        pointer = "" if at.line else at.pointer
        once.setdefault((at.path, at.line, at.column, pointer), (at, user))
    return list(once.values())


MAX_EXTRA_COMPARED = 64
"""How many of the plan's own fields an unknown field is compared with letter by letter
before only those a few slips of a letter away are (:class:`~engine.suggest.Suggester`): 500
misspelt fields among 1,000 listed in `extra_fields` took lint 15 s, each compared with every
one; a plan listing up to this many is answered as before."""


def _fields_meant(
    uses: list[tuple[str, SourceLocation, str]], read_extra: tuple[str, ...]
) -> Suggester:
    """The field most likely meant by each unknown one the plan reads, among the standard
    fields and the plan's own that it reads: all worked out in one pass (:meth:`Suggester.
    answer_all`), once, not a comparison with every field for each."""
    candidates = [*known_paths(), *read_extra]
    meant = Suggester(candidates, compare_at_most=len(known_paths()) + MAX_EXTRA_COMPARED)
    meant.answer_all(path for path, _, _ in uses if resolve(path).unknown is not None)
    return meant


def _may_be_an_amount(path: str) -> bool:
    """Whether ``path`` may hold a number: a standard field that can, or a field of the plan's
    own (its kinds unknown)."""
    info = resolve(path).info
    return info is None or "number" in info.kinds


_AMOUNTS = tuple(
    path for path in known_paths() if path != "id" and _may_be_an_amount(path) and "." in path
)
"""The standard fields a percentage may be taken of (``order.total``...): the only ones an
unknown ``of`` is told it may have meant. `of: order.amount` had been asked "did you mean
`order.currency`?", and `of: order.rate` (a hotel's night rate) "`order.items`?", fields that
never size an offer (found by a new user's trial)."""


def own_fields(plan: PlanModel) -> tuple[str, ...]:
    """The plan's `extra_fields` that are no standard field: a standard field or group listed
    is no field of the business's own, so its typos and the fields under a single value are
    still told (found by review)."""
    return tuple(f for f in plan.settings.extra_fields if resolve(f).unknown is not None)


def within(path: str, field: str) -> bool:
    """Whether ``path`` is ``field`` or a field under it (``prescription.rx`` of
    ``prescription``): what an entry of ``extra_fields`` stands for."""
    return path == field or path.startswith(f"{field}.")


def as_deep_as(path: str, field: str) -> str:
    """The start of ``path`` as many names deep as ``field`` (``prescripton`` of
    ``prescripton.rx``, for ``prescription``): what may misspell it."""
    return ".".join(path.split(".")[: field.count(".") + 1])


def _mended_by_extra(path: str, extra: tuple[str, ...]) -> str | None:
    """``path`` with its start mended to one of the ``extra_fields`` it misspells, the rest
    kept (`prescripton.rx` -> `prescription.rx`, where `prescription` is listed), or None."""
    for field in extra:
        head = as_deep_as(path, field)
        if head not in (path, field) and did_you_mean(head, [field]) == field:
            return field + path[len(head) :]
    return None


class OfNotAnAmount(WarningCheck):
    """A percentage offer ``of`` a standard field that never holds a number: no event can size
    it, so every decision offers the rule's ``min`` (or 0), left for a person to size, where the
    manager meant an amount."""

    code = "of-not-an-amount"
    description = (
        "A percentage offer `of` a standard field that never holds a number (`customer.tier`, "
        "`order`): no event can size it, so every decision offers its floor and asks a person."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each ``of`` a known field that never holds a number (the rest: ``unknown-field``)."""
        for rule, action in plan_actions(plan):
            info = resolve(action.of).info if action.of is not None else None
            if info is None or "number" in info.kinds:
                continue  # (an unknown field is unknown-field's)
            kinds = join_words([KIND_WORDS[k] for k in sorted(info.kinds - {"null"})], "or")
            yield self.found(
                action.at.inside("of"),
                f"the compensation of rule `{rule.id}` is a percentage of `{action.of}`, which "
                f"is {kinds} in events that follow the event schema, never an amount: every "
                "decision would offer its `min` (or 0), unresolved, for a person to size",
                "name the field that holds the amount, such as `order.total`",
            )


def in_its_group(path: str) -> str | None:
    """For a name alone that is a standard field of one group (``name``, ``total``,
    ``email``): that field, its group before it (``customer.name``), as a manager writes
    ``{name}`` for the customer's; None for any other path, and for a name of several groups
    (``id``). `{name}` had been told no field was near it (found by review)."""
    if "." in path:
        return None
    found = [known for known in known_paths() if known.rpartition(".")[2] == path]
    return found[0] if len(found) == 1 and found[0] != path else None


_SAME_AS = {"number": "id", "no": "id", "nr": "id", "num": "id", "ref": "id", "reference": "id"}
"""Names a group's identifier goes by elsewhere (an order number, a customer reference): the
standard name is ``id``, which no spelling is near (`order.number` was said to mean
`order.currency`)."""


def _mended_path(path: str, unknown: str) -> str | None:
    """The path with its first unknown name replaced by the standard one it most likely
    meant, the rest kept: ``order.item.0.sku`` is ``order.items.0.sku``, where the path as a
    whole was nearest ``order.items``, a list that never equals a text. None when no name is
    near, or the path so mended is still not one the event schema allows."""
    parts = path.split(".")
    at = parts.index(unknown)
    parent = ".".join(parts[:at])
    names = [
        known.rpartition(".")[2] for known in known_paths() if known.rpartition(".")[0] == parent
    ]
    name = _SAME_AS.get(unknown.lower()) if parent else None  # `order.number` is no misspelling
    if name not in names:
        name = did_you_mean(unknown, names)
    if name is None:
        return None
    mended = ".".join([*parts[:at], name, *parts[at + 1 :]])
    found = resolve(mended)
    whole = found.unknown is None and found.scalar is None and found.list_without_index is None
    return mended if whole else None
