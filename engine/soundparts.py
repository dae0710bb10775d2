"""The meaning of a plan's sound parts, checked beside the schema's errors in one pass.

Problems of meaning (a deadline over a year, a broken template, two rules with one id, a bad
regular expression, a minimum above its maximum...) are found on the typed model, and a model is
built only from data the schema accepted. Without this module, a plan with one misspelt key
reported that key alone; once it was fixed, the next run reported the problems of meaning, so a
manager fixing a plan by hand went round twice or more for mistakes that were all there at once.

Here the parts the schema refused (a rule, a named condition, the ``plan:`` section, or all of a
file) are set aside (``engine.planfile.build_model`` with ``refused``), the rest is built and
checked, and what that finds is reported beside the schema's errors. A finding the parts set
aside could make untrue is dropped: a plan whose rules were set aside is not empty, and when a
whole file could not be read, a ``use:`` may name a condition it defines and its ``plan:``
section may be the one that seems missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from engine.checks import run_checks
from engine.documents import LoadedDocument, join_pointer
from engine.errors import Diagnostic, Severity
from engine.planfile import build_model
from engine.schema import plan_data_is_valid

_SECTIONS = ("plan", "conditions", "rules")

_WHOLE_PLAN = ("no-rules", "unknown-condition", "missing-plan-section")
"""Findings about the whole plan, which a part set aside can make untrue."""


def _unsure_after(part: str | None) -> tuple[str, ...]:
    """The findings about the whole plan that setting ``part`` aside makes unsure.

    All of them after a file (or one not read) or a key outside every part (``rulez:`` may be
    the plan's rules); an empty plan after rules; an unknown condition after all conditions; a
    missing ``plan:`` section after one. A condition set aside keeps its name, so one of them
    alone leaves every finding sure.
    """
    if not part:
        return _WHOLE_PLAN
    if part.startswith("/rules"):
        return ("no-rules",)
    return {"/conditions": ("unknown-condition",), "/plan": ("missing-plan-section",)}.get(part, ())


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


def checks_beside(
    documents: Sequence[LoadedDocument], problems: Sequence[Diagnostic]
) -> list[Diagnostic]:
    """The errors of meaning in the parts of ``documents`` the schema accepted, given the
    schema's (and the reader's) ``problems``; none the refused parts could make untrue."""
    read = {document.path for document in documents}
    refused: dict[str, set[str]] = {}
    unsure: set[str] = set()
    for problem in problems:
        path = problem.source.path
        part = refused_part(problem.source.pointer) if path in read else ""
        unsure.update(_unsure_after(part))
        if part is not None:
            refused.setdefault(path, set()).add(part)
    sound: list[LoadedDocument] = []
    for document in documents:
        if _is_sound(document.data, refused.get(document.path, set())):
            sound.append(document)
        else:
            unsure.update(_unsure_after(""))
    model, found = build_model(sound, refused)
    if model is not None:
        found += run_checks(model, severities=frozenset({Severity.ERROR}))
    return [d for d in found if d.code not in unsure]


def _is_sound(data: Any, parts: set[str]) -> bool:
    """Whether the schema accepts a file once ``parts`` are set aside: the model is built from
    what is left, and building trusts the schema (a part refused without being located, which
    should never happen, would leave the whole file aside rather than break the build)."""
    if "" in parts or data.__class__ is not dict:
        return False
    kept = {  # keys outside every part (``rulez:``) already make plan-wide findings unsure
        key: value
        for key, value in data.items()
        if (key in _SECTIONS or key == "backplan") and f"/{key}" not in parts
    }
    if kept.get("rules").__class__ is list:
        kept["rules"] = [r for i, r in enumerate(kept["rules"]) if f"/rules/{i}" not in parts]
    if kept.get("conditions").__class__ is dict:
        kept["conditions"] = {
            name: condition
            for name, condition in kept["conditions"].items()
            if join_pointer("/conditions", name) not in parts
        }
    return plan_data_is_valid(kept)
