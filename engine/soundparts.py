"""The meaning of a plan's sound parts, checked beside the schema's errors in one pass.

Problems of meaning (a deadline over a year, a broken template, two rules with one id, a bad
regular expression, a minimum above its maximum...) are found on the typed model, and a model is
built only from data the schema accepted. Without this module, a plan with one misspelt key
reported that key alone; once it was fixed, the next run reported the problems of meaning, so a
manager fixing a plan by hand went round twice or more for mistakes that were all there at once.

Here the parts the schema refused (a rule, a named condition, the ``plan:`` section, or all of a
file) are set aside (``engine.planfile.build_model`` with ``refused``), the rest is built and
checked, and what that finds is reported beside the schema's errors. A refused rule is first
mended (``engine.standins``): only its refused parts are replaced, by stand-ins no check finds
anything in, and the rest of it is checked too; a rule that cannot be mended is set aside whole
(named conditions alike). A finding the parts set aside could make untrue is dropped. A part set
aside may hold more than its own kind: a key indented one level too far takes the next
condition, or all the rules, inside it. So every key written anywhere inside the parts set aside
counts: a ``use:`` of a condition whose name is one of them is not called unknown, and a
``rules:``, ``conditions:`` or ``plan:`` among them makes the plan's emptiness, its unknown
conditions or its missing ``plan:`` section unsure. A named condition set aside makes unknown
conditions unsure too: a deleted name line runs two conditions together, and the second one's
name is then written nowhere. When a whole file could not be read, all three are unsure.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any

from engine.checks import condition_nodes, run_checks
from engine.documents import LoadedDocument, join_pointer
from engine.errors import Diagnostic, Severity
from engine.model import PlanModel
from engine.planfile import build_model
from engine.schema import plan_data_is_valid
from engine.standins import mended_condition, mended_rule

_SECTIONS = ("plan", "conditions", "rules")

_WHOLE_PLAN = ("no-rules", "unknown-condition", "missing-plan-section")
"""Findings about the whole plan, which a part set aside can make untrue."""

_WHOLE_TEST = frozenset({"two-operators"})
"""Problems located at one key of a field test that refuse the test as a whole: mending drops
the test, not the key (with `contains` dropped, `lte` would be checked as if it were meant)."""

_UNSURE_WITH_KEY = {
    "rules": "no-rules",
    "conditions": "unknown-condition",
    "plan": "missing-plan-section",
}
"""A section's key written inside a part set aside, and the finding it makes unsure."""


def refused_part(pointer: str) -> str | None:
    """The part of a plan file a schema problem at ``pointer`` refuses: ``""`` (the file),
    ``/plan``, ``/rules`` or ``/conditions`` (all of them), ``/rules/N``, ``/conditions/NAME``;
    None for a problem outside every part (an unknown top-level key, ``backplan:``)."""
    if not pointer:
        return ""
    section, _, rest = pointer[1:].partition("/")
    if section not in _SECTIONS:
        return None
    if section == "plan" or not rest:
        return f"/{section}"
    return f"/{section}/{rest.partition('/')[0]}"


class _SetAside:
    """The parts of the plan set aside, what is written inside them, and so which findings
    about the whole plan are unsure."""

    def __init__(self) -> None:
        self.parts: dict[str, set[str]] = {}
        self.unsure: set[str] = set()
        self.keys: set[str] = set()
        """Every key written inside the parts set aside (names a ``use:`` may mean)."""
        self.inside: dict[tuple[str, str], list[str]] = {}
        """A refused rule's or named condition's (file, pointer) -> its problems' pointers,
        relative to it."""

    def add(self, problem: Diagnostic) -> None:
        """Set aside the part a schema problem refuses."""
        pointer = problem.source.pointer
        if pointer == "/backplan" or (not pointer and problem.code == "missing-key"):
            return  # the version (or its absence) hides nothing: the rest is checked as v1
        part = refused_part(pointer)
        if part is None:  # a key outside every part: `rulez:` may be the plan's rules
            self.unsure.update(_WHOLE_PLAN)
            return
        if part.startswith(("/rules/", "/conditions/")):  # one rule or named condition
            inside = pointer[len(part) :]
            if problem.code in _WHOLE_TEST:  # it names one key, but refuses the whole test
                inside = inside.rpartition("/")[0]
            self.inside.setdefault((problem.source.path, part), []).append(inside)
        if part.startswith("/rules"):
            self.unsure.add("no-rules")
        elif part == "/plan":
            self.unsure.add("missing-plan-section")  # reported while its stand-in is used
        elif part.startswith("/conditions"):
            # A refused condition may be two run together (a name line deleted or indented):
            # the second one's name is then nowhere, and a use of it is not truly unknown.
            self.unsure.add("unknown-condition")
        self.parts.setdefault(problem.source.path, set()).add(part)

    def whole(self, document: LoadedDocument) -> None:
        """Set aside a whole file (unreadable, not a mapping, or not sound without its parts)."""
        self.parts[document.path] = {""}
        self.unsure.update(_WHOLE_PLAN)
        self.note(document.data)

    def note(self, value: Any) -> None:
        """Remember the keys written inside a part set aside."""
        for key in _keys_inside(value):
            self.keys.add(key)
            if key in _UNSURE_WITH_KEY:
                self.unsure.add(_UNSURE_WITH_KEY[key])


def _keys_inside(value: Any) -> Iterator[str]:
    """Every mapping key at any depth inside a value (iteratively: no depth limit to reach)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if item.__class__ is dict:
            yield from (key for key in item if key.__class__ is str)
            stack.extend(item.values())
        elif item.__class__ is list:
            stack.extend(item)


def checks_beside(
    documents: Sequence[LoadedDocument], problems: Sequence[Diagnostic], *, one_file: bool = False
) -> list[Diagnostic]:
    """The errors of meaning in the parts of ``documents`` the schema accepted, given the
    schema's (and the reader's) ``problems``; none the parts set aside could make untrue.
    ``one_file``: the plan was named as one file, not a folder (``build_model``'s)."""
    read = {document.path for document in documents}
    aside = _SetAside()
    for problem in problems:
        if problem.source.path in read:
            aside.add(problem)
        else:  # a file not read (or not a plan file): anything may be in it
            aside.unsure.update(_WHOLE_PLAN)
    sound: list[LoadedDocument] = []
    for document in documents:
        parts = aside.parts.get(document.path, set())
        if "" not in parts and document.data.__class__ is dict:
            document = _mend_parts(document, parts, aside)
            kept, set_aside = _divide(document.data, parts)
            # The model is built from what is kept, and building trusts the schema: a part
            # refused without being located (which should never happen) leaves the file aside.
            if plan_data_is_valid(kept):  # pragma: no branch
                for value in set_aside:
                    aside.note(value)
                sound.append(document)
                continue
        aside.whole(document)
    model, found = build_model(sound, aside.parts, one_file=one_file)
    # Given the parts set aside, build_model makes a model even without a `plan:` section
    # (stand-in settings): never taken.
    if model is None:  # pragma: no cover
        return [d for d in found if d.code not in aside.unsure]
    found += run_checks(model, severities=frozenset({Severity.ERROR}))
    used = _names_used(model)
    return [
        d
        for d in found
        if d.code not in aside.unsure
        and not (
            d.code == "unknown-condition"
            and used.get((d.source.path, d.source.pointer)) in aside.keys
        )
    ]


def _names_used(model: PlanModel) -> dict[tuple[str, str], str]:
    """The condition each ``use:`` of ``model`` names, by the place ``unknown-condition`` tells
    it at: the name's own (its file and pointer), or the mapping's that holds it when the
    name's place cannot be found."""
    used: dict[tuple[str, str], str] = {}
    for node in condition_nodes(model).uses:
        for pointer in (node.at.pointer, join_pointer(node.at.pointer, "use")):
            used[(node.at.path, pointer)] = node.name
    return used


def _mend_parts(document: LoadedDocument, parts: set[str], aside: _SetAside) -> LoadedDocument:
    """The document with each refused rule and named condition that can be mended
    (``engine.standins``) mended, and taken out of ``parts``: only those that cannot be stay
    set aside whole. (A named condition set aside leaves unknown conditions unsure even once
    mended: its refusal may be two conditions run together.)"""

    def mended(value: Any, part: str, mend: _Mender) -> Any:
        if part not in parts:
            return value
        done = mend(value, aside.inside.get((document.path, part), ()))
        if done is None:
            return value
        for replaced in done[1]:
            aside.note(replaced)
        parts.discard(part)
        return done[0]

    data = document.data
    fixed = dict(data)
    if data.get("rules").__class__ is list:
        fixed["rules"] = [
            mended(rule, f"/rules/{index}", mended_rule) for index, rule in enumerate(data["rules"])
        ]
    if data.get("conditions").__class__ is dict:
        fixed["conditions"] = {
            name: mended(condition, join_pointer("/conditions", name), mended_condition)
            for name, condition in data["conditions"].items()
        }
    return document if fixed == data else dataclasses.replace(document, data=fixed)


_Mender = Callable[[Any, Collection[str]], tuple[dict[str, Any], list[Any]] | None]
"""``engine.standins``' mending of a rule or a named condition."""


def _divide(data: dict[str, Any], parts: set[str]) -> tuple[dict[str, Any], list[Any]]:
    """A file's data without its parts set aside, and those parts, each with its key (a
    condition's name, or a key outside every part, may be a section's key moved by a slip)."""
    kept: dict[str, Any] = {"backplan": 1}  # a wrong or missing version is reported already
    aside: list[Any] = []
    for key, value in data.items():
        if key in _SECTIONS and f"/{key}" not in parts:
            kept[key] = value
        elif key != "backplan":
            aside.append({key: value})
    if kept.get("rules").__class__ is list:
        rules = kept["rules"] = []
        for index, rule in enumerate(data["rules"]):
            (aside if f"/rules/{index}" in parts else rules).append(rule)
    if kept.get("conditions").__class__ is dict:
        conditions = kept["conditions"] = {}
        for name, condition in data["conditions"].items():
            if join_pointer("/conditions", name) in parts:
                aside.append({name: condition})
            else:
                conditions[name] = condition
    return kept, aside
