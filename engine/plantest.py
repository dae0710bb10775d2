"""Plan tests: example complaints, and what the plan must decide for each.

A manager changes a plan with confidence by writing down cases first: "a one-star Google review
gets a public reply within the hour and a 24.00 voucher". A test file (YAML, described by
``schemas/plantest.schema.json``) lists such cases; :func:`run_tests` decides every event with
the real engine and compares the decision with what the case expects. Failures are results, not
errors: each one says, in words, what was expected and what happened instead, and why a rule
did or did not fire (``engine.expectations``; reports in ``engine.testreport``). A malformed
test file is an error, reported like a plan's problems, at ``file:line:col``.

A case's event is read as ``backplan eval`` would read it (``engine.caseevent``): one eval
refuses makes its case an error (``E``) with eval's code, never a pass or a failure.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.caseevent import (
    case_event,
    event_source,
    names_beside,
    path_meant,
    problem_at,
    system_name,
    tidied,
)
from engine.contradictions import Contradiction, against_plan, without_plan
from engine.documents import (
    LoadedDocument,
    each_file_once,
    join_pointer,
    pointer_tokens,
    read_plan_text,
)
from engine.durations import DEADLINE_HINT, DurationError, parse_duration
from engine.errors import (
    Diagnostic,
    EventError,
    PlanError,
    PlanTestFileError,
    Severity,
    SourceLocation,
    shown_text,
)
from engine.expectations import Mismatch, action_spec, compare, expected_instant
from engine.explain import TracesOnDemand
from engine.fields import lookup
from engine.loading import NumberBeside, load_yaml, numbers_with
from engine.model import ACTION_TYPES
from engine.planfile import (
    a_plan_name,
    events_file_instead,
    id_first,
    is_events,
    jsonl_of_events,
    named_in_tests,
    names_one_file,
    written_in_json,
    yaml_events_hint,
)
from engine.resources import load_schema
from engine.schema import not_in_form, validate_document, where_in_plan
from engine.slips import as_written, name_written_as
from engine.suggest import Suggester, did_you_mean
from engine.utctime import FIRST_YEAR, LAST_YEAR
from engine.wording import join_words, show_list

if TYPE_CHECKING:
    from engine.api import Plan
    from engine.model import PlanModel


@dataclass(frozen=True, slots=True)
class Case:
    """One test case: an event and the expectations on its decision."""

    name: str
    event: Any
    expect: dict[str, Any]
    at: SourceLocation
    pointer: str
    refused: EventError | None = field(default=None, compare=False)
    """Why ``backplan eval`` would refuse the event (``event`` is then None): the case is an
    error (``E``) with eval's code, never passed or failed."""
    source: str = ""
    """The event file as messages name it (empty for an event written in the case)."""
    event_at: Callable[[str], SourceLocation] | None = field(default=None, compare=False)
    """Where a value of an event written in the case is, by its pointer in the event
    (``/occurred_at``): an error about it is reported there."""


@dataclass(frozen=True, slots=True)
class PlanTestFile:
    """A loaded test file (valid, unless :func:`read_test_file` gives its problems beside it)."""

    path: str
    plan: tuple[str, ...] | None
    """The plan paths the file names, resolved against its folder (empty: none named; None:
    its ``plan:`` is refused, or names nothing, so which plan it means is not known)."""
    cases: tuple[Case, ...]
    """The cases that can run: all of them, in a file without problems."""
    document: LoadedDocument
    expectations: tuple[tuple[str, dict[str, Any]], ...] = ()
    """Each case's pointer and the expectations of it the schema accepted, whether or not the
    case can run: the rule ids they name are checked against the plan in the same run as the
    file's other problems (:func:`check_against_plan`)."""


def _plan_part(data: Any) -> str | None:
    """The first key that makes a document without ``cases:`` a plan file (``rules``; or
    ``plan`` or ``conditions`` beside ``backplan``: the plan's main file has no rules), or None."""
    if not isinstance(data, dict) or "cases" in data:
        return None
    if "rules" in data:
        return "rules"
    if "backplan" in data:
        return next((key for key in ("plan", "conditions") if key in data), None)
    return None


_EMPTY_TEST_FILE_HINT = (
    "a plan-test file starts with `backplan: 1` and has `cases:`; see docs/authoring.md"
)


def _as_test_file(error: PlanError) -> list[Diagnostic]:
    """A test file's reading problems: a plan's hint for an empty file tells what a plan
    holds, so an empty test file gets its own."""
    return [
        replace(d, hint=_EMPTY_TEST_FILE_HINT) if d.code == "empty-file" else d
        for d in error.diagnostics
    ]


def read_test_file(path: str | Path) -> tuple[PlanTestFile | None, list[Diagnostic]]:
    """One test file and every problem found in it without the plan, in one pass: the checks
    of each case run on whatever parts of it the schema accepted. The file is None when it
    cannot be read as a test file at all (not YAML, a plan file, or a complaint event's)."""
    shown = str(path)
    numbers: list[NumberBeside] = []  # set aside where they stand, like the schema's refusals
    try:
        text = read_plan_text(Path(path))
    except PlanError as error:
        return None, _as_test_file(error)
    try:
        document = load_yaml(text, shown, numbers, kind="plan-test")
    except PlanError as error:
        if jsonl_of_events(text):  # YAML stumbled on its second line, saying nothing of it
            return None, [events_file_instead(shown, "a plan-test file")]
        return None, _as_test_file(error)
    data = document.data
    plan_part = _plan_part(data)
    if plan_part is not None:
        return None, [
            problem_at(
                document.locate(f"/{plan_part}", key=True),
                "not-a-test-file",
                "this is a plan file, not a plan-test file",
                "give the plan with `--plan`, and a test file with `cases:` (see "
                "docs/authoring.md)",
            )
        ]
    if is_events(data):  # an event file: one problem, not one "unknown key" per field
        many = isinstance(data, list)
        how = (
            f"{id_first(data)}decide it with `backplan eval FILE`; to test the plan on it, "
            "name it in a case of a test file: `event_file: FILE`"
            if written_in_json(text)
            else yaml_events_hint(data)
        )
        return None, [
            problem_at(
                document.locate("/0/type" if many else "/type", key=True),
                "not-a-test-file",
                f"this is {'a list of complaint events' if many else 'a complaint event'}, not "
                "a plan-test file",
                f"{how} (see docs/authoring.md)",
            )
        ]
    problems = numbers_with(validate_document(document, "plantest"), numbers)
    raw_cases = data.get("cases") if isinstance(data, dict) else None
    listed = raw_cases if isinstance(raw_cases, list) else []
    refused = _Refused(problems)
    expectations = tuple(_expectations(listed, refused))
    problems += _impossible_deadlines(listed, document, refused)
    problems += _contradictions(expectations, document, without_plan)
    problems += _duplicate_names(listed, document, refused)
    problems += _numbers_cut_in_cases(listed, document, refused)
    folder = Path(path).parent
    cases, found = _cases(listed, folder, document, refused)
    test_file = PlanTestFile(
        shown, _plan_paths(data, folder, refused), tuple(cases), document, expectations
    )
    return test_file, problems + found


class _Refused:
    """Where the schema refused a test file: a check reads only the parts it accepted, so it
    finds nothing a mistake of shape made untrue and runs in the same pass as the schema."""

    def __init__(self, problems: Iterable[Diagnostic]) -> None:
        self._pointers = {d.source.pointer for d in problems}

    def __call__(self, pointer: str) -> bool:
        """Whether the schema refused the value at ``pointer`` or anything inside it."""
        inside = pointer + "/"
        return any(p == pointer or p.startswith(inside) for p in self._pointers)

    def at(self, pointer: str) -> bool:
        """Whether the schema refused the value at ``pointer`` itself (not only a part of it)."""
        return pointer in self._pointers


def _plan_paths(data: Any, folder: Path, refused: _Refused) -> tuple[str, ...] | None:
    """The plan paths of the file's ``plan:``, resolved against its folder; None if refused."""
    if not isinstance(data, dict) or refused("/plan"):
        return None
    raw_plan = data.get("plan", [])
    listed = [raw_plan] if isinstance(raw_plan, str) else raw_plan
    return tuple(tidied(str(folder / system_name(p))) for p in listed)


def _impossible_deadlines(
    listed: list[Any], document: LoadedDocument, refused: _Refused
) -> list[Diagnostic]:
    """A problem for each expected deadline no action can have: a ``within`` longer than a
    year (``bad-duration``), a ``due`` on a day that does not exist (``bad-format``). The
    schema's patterns take any whole number of units and any day from 01 to 31, so such an
    expectation could only fail, comparing with every deadline: it is the test file's mistake,
    told where it is written, before any case runs. Each deadline the schema accepted is
    checked, whatever it refused beside it: ``due: "2026-02-30T09:00:00Z"`` in a case whose
    other action had ``within: 2 hours`` was told only at the next run, once that was mended,
    as if it were new (found by review)."""
    problems: list[Diagnostic] = []
    for pointer, kind, params in _accepted_actions(listed, refused):
        for name, value in params.items():
            at = join_pointer(join_pointer(pointer, kind), name)
            why = None if refused(at) else _deadline_problem(name, value)
            if why is not None:
                message, hint, code = why
                message += where_in_plan(at, document.data)  # as the schema's problems say
                problems.append(problem_at(document.locate(at), code, message, hint))
    return problems


def _accepted_actions(
    listed: list[Any], refused: _Refused
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Each action a case expects, or expects not to see, whose type and shape the schema
    accepted (an action of an unknown type, or of two keys, is not): its pointer, type and
    parameters, some of which the schema may have refused. :func:`_expected_actions` leaves out
    a whole list of actions when the schema refused any part of it."""
    for index, raw in enumerate(listed):
        expect = raw.get("expect") if isinstance(raw, dict) else None
        if not isinstance(expect, dict):
            continue
        for key in ("actions", "no_actions"):
            specs = expect.get(key)
            for number, spec in enumerate(specs if isinstance(specs, list) else ()):
                pointer = f"/cases/{index}/expect/{key}/{number}"
                if not isinstance(spec, dict) or len(spec) != 1 or refused.at(pointer):
                    continue
                [(kind, params)] = spec.items()
                if not isinstance(kind, str) or refused.at(join_pointer(pointer, kind)):
                    continue
                if isinstance(params, dict):
                    yield pointer, kind, params


def _contradictions(
    expectations: Iterable[tuple[str, dict[str, Any]]],
    document: LoadedDocument,
    find: Callable[[dict[str, Any]], Iterable[Contradiction]],
) -> list[Diagnostic]:
    """A ``cannot-pass`` for each set of expectations of a case that ``find`` says no decision
    meets all at once: told at the one written last, with the others as where to look, then
    the places in the plan that make it so. Such a case had failed whatever the plan decided,
    saying only which of them it missed."""
    problems: list[Diagnostic] = []
    for case_pointer, expect in expectations:
        for found in find(expect):
            pointers = [join_pointer(case_pointer, "expect") + place for place in found.places]
            places = sorted(
                (document.locate(pointer) for pointer in pointers),
                key=lambda at: (at.line, at.column),
            )
            last = places.pop()
            related = tuple(at for at in places if (at.line, at.column) != (last.line, last.column))
            related += found.plan
            message = found.message + where_in_plan(last.pointer, document.data)
            problems.append(
                Diagnostic(Severity.ERROR, "cannot-pass", message, last, found.hint, related)
            )
    return problems


def _expected_actions(
    expectations: Iterable[tuple[str, dict[str, Any]]],
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Each action a case expects, or expects not to see: its pointer, type and parameters."""
    for case_pointer, expect in expectations:
        for key in ("actions", "no_actions"):
            for index, spec in enumerate(expect.get(key, ())):
                kind, params = action_spec(spec)
                yield f"{case_pointer}/expect/{key}/{index}", kind, params


def _deadline_problem(name: str, value: Any) -> tuple[str, str, str] | None:
    """Why an expected ``within`` or ``due`` is no deadline an action can have (message, hint,
    code), or None."""
    if not isinstance(value, str):
        return None
    if name == "within":
        try:
            parse_duration(value)
        except DurationError as error:
            return (
                f"{error}, the longest deadline an action can have",
                DEADLINE_HINT,
                "bad-duration",
            )
    elif name == "due" and expected_instant(value) is None:
        # The schema's pattern has held the form, a year of four digits first: a year before
        # any event (none is after the last deadline's, 9999), or else the day, is the mistake.
        if int(value[:4]) < FIRST_YEAR:
            return (
                f"`{value}` is not a deadline an action can have: deciding takes times between "
                f"the years {FIRST_YEAR} and {LAST_YEAR}",
                "write the deadline the plan gives, such as 2026-11-23T10:30:00Z",
                "bad-format",
            )
        return (
            f"`{value}` is not a moment: that day does not exist in that month",
            "write a date that exists, such as 2026-02-28T09:00:00Z",
            "bad-format",
        )
    return None


def _duplicate_names(
    listed: list[Any], document: LoadedDocument, refused: _Refused
) -> list[Diagnostic]:
    """A ``duplicate-case`` for each case named as an earlier one (names the schema accepted),
    quoted as every other problem of a case quotes its name (``in case `late` ``): a one-word
    name had been shown bare, ``two cases are named late``, and others in double quotes."""
    problems: list[Diagnostic] = []
    names: dict[str, SourceLocation] = {}
    for index, raw in enumerate(listed):
        pointer = f"/cases/{index}"
        name = raw.get("name") if isinstance(raw, dict) else None
        if not isinstance(name, str) or refused(join_pointer(pointer, "name")):
            continue
        if name in names:
            problems.append(
                Diagnostic(
                    Severity.ERROR,
                    "duplicate-case",
                    f"two cases are named `{as_written(name)}`",
                    document.locate(join_pointer(pointer, "name")),
                    "give each case its own name: reports and CI systems tell cases apart by it",
                    (names[name],),
                )
            )
        names.setdefault(name, document.locate(pointer))
    return problems


def _numbers_cut_in_cases(
    listed: list[Any], document: LoadedDocument, refused: _Refused
) -> list[Diagnostic]:
    """A ``bad-value`` for each number a comma cut in braces in a case's event or expectations
    where the schema takes any key (an event's fields, a custom action's settings):
    ``order: {total: 10,50}`` is ``total: 10`` and a key ``50`` without a value, and the case
    had run on a total of 10, passing or failing on a value the manager never meant (found by
    review). Told as validate tells ``{amount: € 10,50}`` (:meth:`~engine.slips.Slips.number_cut`),
    and only for a key the comma cut off (digits, with a currency or word after them as in
    ``{total: 12,50 €}``) without a value or a colon, right after a number: a key written
    ``50: x`` is data. Where the schema refused the key (an expected action's
    known settings), it has said so already."""
    from engine.slips import Slips
    from engine.slips.numbers import cut_off_digits

    slips: Slips | None = None
    problems: list[Diagnostic] = []
    for index, raw in enumerate(listed):
        if not isinstance(raw, dict):
            continue
        for part in ("event", "expect"):
            for pointer, mapping in _mappings(raw.get(part), f"/cases/{index}/{part}"):
                for name in mapping:
                    key_pointer = join_pointer(pointer, str(name))
                    if not (
                        mapping[name] is None
                        and cut_off_digits(name)  # what numbers_cut takes: `50 €` too
                        and not refused(key_pointer)
                    ):
                        continue
                    slips = slips or Slips(document, "plantest")
                    cut = slips.number_cut(str(name), pointer)
                    if cut and cut[0]:  # said once, at the first key of its digits
                        message = cut[0] + where_in_plan(
                            pointer, document.data
                        )  # the mapping's place
                        at = document.locate(key_pointer, key=True)
                        problems.append(problem_at(at, "bad-value", message, cut[1]))
    return problems


def _mappings(value: Any, pointer: str) -> Iterator[tuple[str, dict[Any, Any]]]:
    """Each mapping in ``value`` (itself included), with its pointer."""
    if isinstance(value, dict):
        yield pointer, value
        for key, item in value.items():
            yield from _mappings(item, join_pointer(pointer, str(key)))
    elif isinstance(value, list):
        for at, item in enumerate(value):
            yield from _mappings(item, join_pointer(pointer, str(at)))


def _cases(
    listed: list[Any], folder: Path, document: LoadedDocument, refused: _Refused
) -> tuple[list[Case], list[Diagnostic]]:
    """The cases that can run, and the problems of the event files: every case whose event
    the schema accepted has its event read, whatever else in it is refused."""
    cases: list[Case] = []
    problems: list[Diagnostic] = []
    for index, raw in enumerate(listed):
        pointer = f"/cases/{index}"
        if not _event_accepted(raw, pointer, refused):
            continue
        try:
            event, why = case_event(raw, folder, document, pointer)
        except PlanTestFileError as error:
            problems.extend(error.diagnostics)
            continue
        if not refused(pointer):
            at = document.locate(pointer)
            source = event_source(raw, folder)
            event_at = None if source else _event_place(document, f"{pointer}/event")
            case = Case(raw["name"], event, raw["expect"], at, pointer, why, source, event_at)
            cases.append(case)
    return cases, problems


def _event_place(document: LoadedDocument, event: str) -> Callable[[str], SourceLocation]:
    """Where a value of the event at ``event`` is, by its pointer in the event."""
    return lambda inside: document.locate(event + inside)


def _event_accepted(raw: Any, pointer: str, refused: _Refused) -> bool:
    """Whether the case has one of ``event`` and ``event_file``, which the schema accepted."""
    if not isinstance(raw, dict):
        return False
    keys = [key for key in ("event", "event_file") if key in raw]
    return len(keys) == 1 and not refused(join_pointer(pointer, keys[0]))


def _expectations(listed: list[Any], refused: _Refused) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each case's pointer and the expectations of it the schema accepted."""
    for index, raw in enumerate(listed):
        pointer = f"/cases/{index}"
        expect = raw.get("expect") if isinstance(raw, dict) else None
        if isinstance(expect, dict):
            at = join_pointer(pointer, "expect")
            yield pointer, {k: v for k, v in expect.items() if not refused(join_pointer(at, k))}


def check_against_plan(
    test_file: PlanTestFile,
    plan: PlanModel,
    on_starter: bool = False,
    compiled: Plan | None = None,
) -> list[Diagnostic]:
    """Rule ids the expectations name that the plan does not have (almost always a typo, or a
    rule renamed: with ``compiled``, the plan of ``plan``, the id the case's event now fires
    is told; or, ``on_starter``, a file that names no plan tested against the starter plan),
    and expectations of a case that cannot all hold in the plan (``engine.contradictions``)."""
    known = frozenset(r.id for r in plan.rules)  # a thousand cases, ten thousand rules
    unknown: list[tuple[str, str]] = []  # (pointer, rule id)
    for case_pointer, expect in test_file.expectations:
        for key in ("matched", "matched_at_least", "not_matched"):
            for index, rule_id in enumerate(expect.get(key, [])):
                if rule_id not in known:
                    pointer = join_pointer(join_pointer(case_pointer, "expect"), key)
                    unknown.append((f"{pointer}/{index}", rule_id))
    for pointer, kind, params in _expected_actions(test_file.expectations):
        rule_id = params.get("rule")
        if rule_id is not None and rule_id not in known:  # at the id, as in `matched:`
            unknown.append((join_pointer(join_pointer(pointer, kind), "rule"), rule_id))
    problems: list[Diagnostic] = []
    if unknown:
        meant = Suggester(known, compare_at_most=UNKNOWN_RULE_COMPARED_AT_MOST)
        meant.answer_all(rule_id for _, rule_id in unknown)  # those two slips away in one pass
        renamed = _RenamedRules(test_file, compiled if not on_starter else None)
        for pointer, rule_id in unknown:
            now = renamed(pointer, rule_id, meant(rule_id))
            problems.append(
                _unknown_rule(test_file, pointer, rule_id, meant(rule_id), on_starter, now)
            )
    problems += _actions_not_given(test_file, plan, on_starter)
    return problems + _contradictions(
        test_file.expectations, test_file.document, against_plan(plan)
    )


def _actions_not_given(
    test_file: PlanTestFile, plan: PlanModel, on_starter: bool
) -> list[Diagnostic]:
    """An ``action-not-in-plan`` for each expected action of a type no rule of the plan gives
    (or not the rule its ``rule:`` names): under ``actions`` the case can never pass. Under
    ``no_actions`` only a type a letter or two from one the plan gives is told: a custom type
    misspelt (``x-flg`` for ``x-flag``) had passed every case it was forbidden in. Any other
    is a guard for the plan to come (``no_actions: [compensate]`` in a plan that compensates
    no one yet, so that a rule added later cannot start to), which had refused the whole
    test file (found by review)."""
    given = {rule.id: {a.type for a in (*rule.then, *rule.prevent)} for rule in plan.rules}
    every_type = set().union(*given.values())
    suggest = Suggester(every_type)
    plan_words = "the starter plan" if on_starter else "the plan"
    problems: list[Diagnostic] = []
    for pointer, kind, params in _expected_actions(test_file.expectations):
        # a standard type is no slip for another (`replace` is not `reply_publicly`)
        slip = "" if kind in every_type or kind in ACTION_TYPES else suggest.suffix(kind)
        if "/no_actions/" in pointer and not slip:
            continue  # a guard, not a slip (see above)
        rule_id = params.get("rule")
        hint = "name an action the plan gives (`backplan render` lists each rule's actions)"
        gives = ""
        # at its type: the item itself when it is the type alone (`no_actions: [x-flg]`)
        at = test_file.document.locate(join_pointer(pointer, kind), key=True)
        if kind not in every_type:
            what = f"no rule of {plan_words} gives the action `{kind}`{slip}"
        elif rule_id in given and kind not in given[rule_id]:
            what = f"rule `{rule_id}` gives no action `{kind}`"
            gives = f"rule `{rule_id}` gives {show_list(sorted(given[rule_id]), 'and')}"
            hint = (
                f"{gives}; name the rule that gives `{kind}` (`backplan render` lists each "
                "rule's actions)"
            )
            at = test_file.document.locate(join_pointer(join_pointer(pointer, kind), "rule"))
        else:
            continue
        where = where_in_plan(pointer, test_file.document.data)  # as the schema names it
        problems.append(_action_not_given(at, what + where, hint, on_starter, gives))
    return problems


def _action_not_given(
    at: SourceLocation, what: str, hint: str, on_starter: bool, gives: str = ""
) -> Diagnostic:
    """The problem of an expected action the plan never gives (``what``, naming its case):
    what that makes of the case (by the list it is in), and, against the starter plan, that
    the file names no plan, with what the rule named gives (``gives``) still said."""
    if "/no_actions/" in at.pointer:
        message = f"{what}, so this expectation checks nothing"
    else:
        message = f"{what}, so the case can never pass"
    hint += ", or take this one out"
    if on_starter:  # most likely the file's own plan was meant: said first
        message += STARTER_PLAN_TESTED
        hint = "add `plan:` with the path of your plan's folder (from this file), or give `--plan`"
        if gives:
            hint += f"; in the starter plan, {gives}"
    return problem_at(at, "action-not-in-plan", message, hint)


STARTER_PLAN_TESTED = (
    ": this file names no `plan:`, so it is tested against the starter plan shipped with Backplan"
)
"""Why a test file's rule id or action is looked for in the starter plan."""


UNKNOWN_RULE_COMPARED_AT_MOST = 64
"""An expected rule id the plan lacks is compared with every rule id when the plan has this
few; with more, only with those a slip or two of a letter away (``engine.suggest.Suggester``),
as ``validate`` does for a condition's name: each id had been compared with every rule's, so a
case expecting 5,000 rules a plan of 5,000 lacked (their ids renamed) took ``test`` 44 s."""


def _unknown_rule(
    test_file: PlanTestFile,
    pointer: str,
    rule_id: str,
    meant: str | None,
    on_starter: bool,
    fired: tuple[str, ...] = (),
) -> Diagnostic:
    """An expected rule id the plan lacks, with the id it likely misspells (``meant``), or the
    rules the case's event fires that the case does not name (``fired``): most likely the rule
    under its new id, after a rename. Against the starter plan (``on_starter``) it may instead
    be the manager's own rule, in a file that forgot its ``plan:``: with a close id, the typo
    is told first and ``plan:`` second."""
    # the case named as the test file's other problems name it (found by review)
    where = where_in_plan(pointer, test_file.document.data)
    suffix = (f" (did you mean `{meant}`?)" if meant else "") + where
    if fired and not on_starter:
        return _renamed_rule(test_file, pointer, rule_id, fired, where)
    if not on_starter:
        message = f"the plan has no rule `{rule_id}`{suffix}"
        hint = "rule ids are written as in the plan's `id:`; `backplan render` lists them"
        if meant is None:  # no typo in sight: most often a rule taken out of the plan (the
            # starter's, after `init`), whose cases had been told of typos alone
            hint = (
                "if you took this rule out of the plan, take it out of this case too, or "
                "remove the case; else write the id as in the plan's `id:` (`backplan render` "
                "lists them)"
            )
    else:
        message = f"the starter plan has no rule `{rule_id}`{suffix}{STARTER_PLAN_TESTED}"
        hint = "add `plan:` with the path of your plan's folder (from this file), or give `--plan`"
        if meant is not None:
            hint = (
                f"if you meant `{meant}`, correct the id; if the rule is in your own plan, {hint}"
            )
    return problem_at(test_file.document.locate(pointer), "unknown-rule", message, hint)


def _renamed_rule(
    test_file: PlanTestFile, pointer: str, rule_id: str, fired: tuple[str, ...], where: str
) -> Diagnostic:
    """An expected rule id the plan lacks while the case's event fires ``fired``, rules the
    case does not name: the rule was most likely renamed. Only a rule's letters had been
    compared, so `late-gold`, renamed `gold-late-order`, was told "did you mean
    `late-any-order`?", another rule, which the case would then have checked in its place; and
    `billing-error`, renamed `wrong-charge`, was told as a rule taken out (found by trial)."""
    ids = join_words([f"`{rule}`" for rule in fired])
    if len(fired) == 1:
        message = (
            f"the plan has no rule `{rule_id}`{where}; the plan fires {ids} for this case's "
            f"event, a rule the case does not name: was `{rule_id}` renamed `{fired[0]}`?"
        )
        hint = f"if `{rule_id}` is now `{fired[0]}`, write `{fired[0]}`"
    else:
        message = (
            f"the plan has no rule `{rule_id}`{where}; for this case's event the plan fires "
            f"{ids}, which the case does not name: was `{rule_id}` renamed one of them?"
        )
        hint = f"if `{rule_id}` was renamed, write its new id"
    hint += "; if you took it out of the plan, take it out of this case too, or remove the case"
    return problem_at(test_file.document.locate(pointer), "unknown-rule", message, hint)


RENAME_GUESSED_AT_MOST = 3
"""The most rules a case's event fires, unnamed by the case, that are told as what a rule id
the plan lacks may have been renamed: with more, the event's decision says too little."""


class _RenamedRules:
    """For an expected rule id the plan lacks, the rules its case's event fires that the case
    does not name (each case decided once): after a rename, the rule under its new id."""

    def __init__(self, test_file: PlanTestFile, compiled: Plan | None) -> None:
        self._cases = {case.pointer: case for case in test_file.cases} if compiled else {}
        self._expectations = dict(test_file.expectations)
        self._compiled = compiled
        self._fired: dict[str, tuple[str, ...]] = {}

    def __call__(self, pointer: str, rule_id: str, meant: str | None) -> tuple[str, ...]:
        """The rule the case at ``pointer`` fires and does not name that shares the most
        words with ``rule_id`` (`gold-late-order` for `late-gold`), or, when none shares a
        word and no rule is a slip of its letters (``meant``), those it fires (at most
        :data:`RENAME_GUESSED_AT_MOST`). None when ``meant`` is as likely (a typo, told as
        one), or for an id expected not to fire."""
        if "/not_matched/" in pointer or "/no_actions/" in pointer:
            return ()  # a rule expected not to fire: the one that fires is not it
        fired = self._unnamed("/".join(pointer.split("/")[:3]))  # of /cases/N
        shared = {rule: _words_shared(rule_id, rule) for rule in fired}
        most = max(shared.values(), default=0.0)
        best = [rule for rule in fired if most and shared[rule] == most]
        if meant in best:
            return ()
        if len(best) == 1:
            return (best[0],)
        if meant is not None:  # no rule fired shares more words than a slip of letters
            return ()
        return fired if len(fired) <= RENAME_GUESSED_AT_MOST else ()

    def _unnamed(self, case_pointer: str) -> tuple[str, ...]:
        """What the case decides, less the fallback and the rules it names (worked out once)."""
        if case_pointer not in self._fired:
            self._fired[case_pointer] = self._decide(case_pointer)
        return self._fired[case_pointer]

    def _decide(self, case_pointer: str) -> tuple[str, ...]:
        """The rules the case's event fires that the case names nowhere (none for a case
        whose event is refused, or that the fallback decides)."""
        case = self._cases.get(case_pointer)
        if case is None or case.refused is not None or self._compiled is None:
            return ()
        try:
            decision = self._compiled.decide(case.event)
        except EventError:  # the case runs as an error, and says why
            return ()
        if decision["fallback"]:
            return ()
        named = _named_rules(self._expectations.get(case_pointer, {}))
        return tuple(rule for rule in decision["matched"] if rule not in named)


def _words_shared(one: str, other: str) -> float:
    """How many of the words of two rule ids (split at `-`, `_` and `.`) are in both, of all
    their words: a rule renamed keeps words of its id, in any order (`late-gold`,
    `gold-late-order`), where a slip of letters is near another rule (`late-any-order`)."""
    first, second = (set(re.split(r"[-_.]", rule_id.lower())) - {""} for rule_id in (one, other))
    return len(first & second) / len(first | second) if first | second else 0.0


def _named_rules(expect: dict[str, Any]) -> set[str]:
    """Every rule id a case's expectations name: in its lists of rules and its actions."""
    named = {
        rule
        for key in ("matched", "matched_at_least", "not_matched")
        for rule in expect.get(key, [])
    }
    named.update(
        params.get("rule")
        for _, _, params in _expected_actions([("", expect)])
        if isinstance(params.get("rule"), str)
    )
    return named


@dataclass(frozen=True, slots=True)
class CaseResult:
    """The outcome of one case: passed, failed (mismatches) or an error (undecidable event)."""

    file: str
    case: Case
    mismatches: tuple[Mismatch, ...] = ()
    error: str | None = None
    code: str = ""
    """The error's code: the one ``backplan eval`` gives the event (``bad-number``...)."""
    decision: dict[str, Any] | None = field(default=None, compare=False)
    at: SourceLocation | None = None
    """Where the error is, when it is about a value of an event written in the case (else the
    case's own place is where to look)."""
    misspelt: str = field(default="", compare=False)
    """For a failing case the fallback decided, what its event most likely misspelt
    (:meth:`~engine.explain.TracesOnDemand.misspelt`), said after which rules fired."""

    @property
    def passed(self) -> bool:
        """No mismatch and no error."""
        return not self.mismatches and self.error is None


@dataclass(frozen=True, slots=True)
class RuleCoverage:
    """Which rules of one tested plan the run's cases fired. A rule fired in no case is a rule
    whose actions no case has checked: a manager keeping a plan under test had no way to know
    which ones, short of reading every case against every rule."""

    plan: tuple[str, ...]
    """The plan's paths as the run chose them (``--plan``, or the test files' ``plan:``);
    empty for the starter plan."""
    files: tuple[str, ...]
    """The test files whose cases ran against it, in run order."""
    rules: tuple[str, ...]
    """Its enabled rules, fallbacks too, in firing order (a rule switched off cannot fire)."""
    unfired: tuple[str, ...]
    """Those of ``rules`` in no case's ``matched``, in firing order: a rule that fired only
    through another's merged action (``also_from``) is in ``matched``, so it counts as fired."""


@dataclass(frozen=True, slots=True)
class PlanTestReport:
    """Every case's result, in file order."""

    files: tuple[str, ...]
    results: tuple[CaseResult, ...]
    on_starter: tuple[str, ...] = ()
    """The test files that named no plan and ran against the starter plan (no ``--plan``)."""
    coverage: tuple[RuleCoverage, ...] = ()
    """For each plan tested, in the order the files first chose it, which rules fired in no
    case."""

    @property
    def passed(self) -> int:
        """How many cases passed."""
        return sum(r.passed for r in self.results)

    @property
    def errors(self) -> int:
        """How many cases had an event the engine could not decide."""
        return sum(r.error is not None for r in self.results)

    @property
    def failed(self) -> int:
        """How many cases failed an expectation."""
        return len(self.results) - self.passed - self.errors

    @property
    def ok(self) -> bool:
        """Whether every case passed."""
        return self.passed == len(self.results)


def run_case(plan: Plan, case: Case, file: str = "") -> CaseResult:
    """Decide the case's event with the plan and compare the decision with the expectations."""
    if case.refused is not None:
        return _undecided(file, case, case.refused)
    try:
        explanation = TracesOnDemand(plan, case.event)
    except EventError as error:
        if case.source:  # as eval names the input: which file to open is the first fix
            error = EventError(f"{case.source}: {error.message}", error.pointer, error.code)
        return _undecided(file, case, error)
    mismatches = tuple(compare(case.expect, explanation))
    misspelt = explanation.misspelt() if mismatches else ""  # traced only for a failure
    if any(misspelt in text for m in mismatches for text in (m.got, *m.notes)):
        misspelt = ""  # a failure said it already, at a rule of the type meant
    return CaseResult(file, case, mismatches, decision=explanation.decision, misspelt=misspelt)


def _undecided(file: str, case: Case, error: EventError) -> CaseResult:
    """An error case: its event is refused, by eval's reader or by deciding, with that code;
    placed at the value refused when the event is written in the case."""
    message = f"the event cannot be decided: {error.message}"
    at = case.event_at(error.pointer) if case.event_at is not None and error.pointer else None
    return CaseResult(file, case, error=message, code=error.code, at=at)


def run_tests(paths: Sequence[str | Path], plan_paths: Sequence[str] = ()) -> PlanTestReport:
    """Run test files against ``plan_paths``, or each file's own ``plan:``, or the starter plan.

    Raises PlanTestFileError with every problem of the test files, the rule ids their plans
    lack and the ``plan:`` paths that name nothing among them, and the problems of any plan
    they chose that is invalid; PlanError when the test files have none but a plan is invalid.
    No case runs while a test file has a problem, so a report never passes a file it left out.
    """
    problems: list[Diagnostic] = []
    files: list[PlanTestFile] = []
    for path in each_file_once(paths):
        test_file, found = read_test_file(path)
        problems.extend(found)
        if test_file is not None and not plan_paths:  # its own `plan:` is the one tested
            test_file, missing = _own_plan_found(test_file)
            problems.extend(missing)
        if test_file is not None:
            files.append(test_file)
    chosen = _chosen_plans(files, plan_paths)
    planned: dict[str, tuple[PlanTestFile, PlanModel]] = {}
    for test_file, plan in zip(files, chosen, strict=True):
        if plan is not None and not isinstance(plan, PlanError):
            on_starter = not plan_paths and test_file.plan == ()
            problems.extend(check_against_plan(test_file, plan.model, on_starter, plan))
            planned[test_file.path] = (test_file, plan.model)
    problems = [_with_the_id_meant(problem, planned) for problem in problems]
    if problems:  # a plan several files chose: told once
        raise PlanTestFileError(problems, _problems_of(chosen))
    plans = _loaded(chosen)
    results = [
        run_case(plan, case, test_file.path)
        for test_file, plan in zip(files, plans, strict=True)
        for case in test_file.cases
    ]
    starter = tuple(f.path for f in files if not plan_paths and f.plan == ())
    coverage = _coverage(files, plans, results, tuple(plan_paths))
    return PlanTestReport(tuple(f.path for f in files), tuple(results), starter, coverage)


def _coverage(
    files: Sequence[PlanTestFile],
    plans: Sequence[Plan],
    results: Iterable[CaseResult],
    plan_paths: tuple[str, ...],
) -> tuple[RuleCoverage, ...]:
    """Which rules of each plan tested no case fired, over every case run against it, whichever
    file holds the case. A plan is told apart by the files it is read from
    (:func:`_plan_place`): the starter plan named by one file's ``plan: ../rules`` and taken by
    another's lack of ``plan:`` is one plan, whose rules either file's cases fire."""
    fired: dict[str, set[str]] = {}  # by test file
    for result in results:
        if result.decision is not None:  # an error case decided nothing
            fired.setdefault(result.file, set()).update(result.decision["matched"])
    tested: dict[tuple[str, ...], tuple[Plan, tuple[str, ...], list[str]]] = {}
    for test_file, plan in zip(files, plans, strict=True):
        paths = plan_paths or test_file.plan or ()
        place = (*_plan_place(paths), plan.fingerprint)
        tested.setdefault(place, (plan, paths, []))[2].append(test_file.path)
    coverage: list[RuleCoverage] = []
    for plan, paths, names in tested.values():
        seen = {rule for name in names for rule in fired.get(name, ())}
        rules = tuple(rule.id for rule in plan.model.firing_order() if rule.enabled)
        unfired = tuple(rule for rule in rules if rule not in seen)
        coverage.append(RuleCoverage(paths, tuple(names), rules, unfired))
    return tuple(coverage)


def _plan_place(paths: tuple[str, ...]) -> tuple[str, ...]:
    """Where a plan is read from: each of its paths as the system resolves it (``rules`` and
    ``./tests/../rules/``, a link and its target, are one), the starter plan's folder for
    none."""
    from engine.resources import starter_plan_dir

    return tuple(os.path.realpath(path) for path in paths or (starter_plan_dir(),))


_RULE_ID_AT = re.compile(
    r"/cases/\d+/expect/(?:(?:matched|matched_at_least|not_matched)/\d+|(?:no_)?actions/\d+/[^/]+/rule)"
)
"""Where a test file names a rule by its id: in a list of rules, or as an action's ``rule``."""


def _with_the_id_meant(
    problem: Diagnostic, planned: dict[str, tuple[PlanTestFile, PlanModel]]
) -> Diagnostic:
    """The problem, told "(did you mean `late-order`?)" when it is of a rule id written as
    words (``matched: [Late Order]``) that is, written as an id, one of the plan's, or a slip
    from one (``Late_Order``, to the plan's ``late-order``, whose id the hint then writes)
    (found by review).

    This is done here, after the schema, and not by it: the schema is applied as the file is
    read, before its plan is known (the file names it, ``--plan`` may choose another, and a
    plan that cannot be loaded has none), so it can only say how an id is written. The
    message is built with the schema's own words for a refused form
    (:func:`engine.schema.not_in_form`), not cut from the schema's message at its end."""
    if problem.code != "bad-format" or not _RULE_ID_AT.fullmatch(problem.source.pointer):
        return problem
    test_file, plan = planned.get(problem.source.path, (None, None))
    if test_file is None or plan is None:
        return problem
    data = test_file.document.data
    written = lookup(data, tuple(pointer_tokens(problem.source.pointer)))
    pattern = load_schema("plantest")["$defs"]["rule_id"]["pattern"]
    meant = name_written_as(written, pattern) if isinstance(written, str) else None
    if meant is None:
        return problem
    known = [rule.id for rule in plan.rules]
    rule_id = meant if meant in known else did_you_mean(meant, known)
    if rule_id is None:
        return problem
    where = where_in_plan(problem.source.pointer, data)
    message = f"{not_in_form(written)} (did you mean `{rule_id}`?){where}"
    hint = problem.hint.replace(f"write `{meant}`:", f"write `{rule_id}`:", 1)
    return replace(problem, message=message, hint=hint)


def _own_plan_found(test_file: PlanTestFile) -> tuple[PlanTestFile, list[Diagnostic]]:
    """The file, and a ``plan-not-found`` at each path of its ``plan:`` that names nothing.
    Told at the test file's ``plan:``, not as a plan that cannot be loaded: the path is the
    test file's mistake, and is read from its folder. The file's plan is then not known."""
    data = test_file.document.data
    written = data.get("plan") if isinstance(data, dict) else None
    if not test_file.plan or written is None:
        return test_file, []
    listed = [written] if isinstance(written, str) else written
    pointers = ["/plan"] if isinstance(written, str) else [f"/plan/{i}" for i in range(len(listed))]
    folder = Path(test_file.path).parent
    problems = [
        _plan_not_found(test_file, pointer, system_name(raw), folder)
        for pointer, raw, resolved in zip(pointers, listed, test_file.plan, strict=True)
        if _names_nothing(resolved)
    ]
    return (replace(test_file, plan=None) if problems else test_file), problems


def _names_nothing(path: str) -> bool:
    """Whether a ``plan:`` path names nothing: not there, or a name no file can have. Asked of
    a name too long for the system, ``Path.exists()`` raises instead of answering no, which had
    stopped the run with "internal error: OSError: File name too long"; any other such error
    (a folder that may not be looked into) is told by the plan's reading, which says why."""
    try:
        return not Path(path).exists()
    except OSError as error:
        return error.errno == errno.ENAMETOOLONG


def _plan_not_found(test_file: PlanTestFile, pointer: str, raw: str, folder: Path) -> Diagnostic:
    """A ``plan:`` path that names nothing from the test file's folder, with the path from
    there that names what the author likely meant (written from the current folder, or
    from a folder above the test file's, as from a plan's root), if one exists."""
    shown = shown_text(str(folder / raw))
    hint = f"`plan:` is read relative to the folder of the test file ({shown_text(str(folder))})"
    meant = path_meant(raw, folder)
    suffix = ""
    if meant is not None:
        written = f"plan: {meant}" if pointer == "/plan" else meant
        hint += f": write `{written}`"
    else:
        beside = _name_beside(raw, folder, Path(test_file.path))
        suffix = f" (did you mean `{shown_text(beside)}`?)" if beside else ""
        hint += "" if beside else "; check the path"
    return problem_at(
        test_file.document.locate(pointer),
        "plan-not-found",
        f"there is no plan file or folder {shown}{suffix}",
        hint,
    )


def _a_plan(entry: os.DirEntry[str]) -> bool:
    """Whether a ``plan:`` path may name this entry: a folder, or a file a plan folder reads."""
    return entry.is_dir() or (entry.is_file() and a_plan_name(entry.name))


def _name_beside(raw: str, folder: Path, test_file: Path) -> str | None:
    """``raw`` with its last name mended to the closest plan folder or YAML file beside it
    (``../rulez`` to ``../rules``), or None. The path had only been told to be checked."""
    path = folder / raw
    names = names_beside(path, _a_plan, test_file)
    meant = did_you_mean(path.name, names)
    return None if meant is None else Path(raw).with_name(meant).as_posix()


def _chosen_plans(
    files: Sequence[PlanTestFile], plan_paths: Sequence[str]
) -> list[Plan | PlanError | None]:
    """The plan each test file runs against (``plan_paths``, or its own ``plan:``, or the
    starter plan), each loaded once; the PlanError of one that is invalid; None when the
    file's ``plan:`` is refused, so which plan it means is not known."""
    from engine.api import load_plan

    loaded: dict[tuple[str, ...], Plan | PlanError] = {}
    chosen: list[Plan | PlanError | None] = []
    for test_file in files:
        key = tuple(plan_paths) or test_file.plan
        if key is not None and key not in loaded:
            try:
                loaded[key] = load_plan(list(key) if key else None)
            except PlanError as error:
                loaded[key] = error
        plan = None if key is None else loaded[key]
        if isinstance(plan, PlanError) and not plan_paths:  # its own `plan:` names it
            plan = _named_by(test_file, plan)
        chosen.append(plan)
    return chosen


def _named_by(test_file: PlanTestFile, error: PlanError) -> PlanError:
    """The problems of the plan the file's own ``plan:`` names, one plan file without a
    ``plan:`` section or without rules told at that ``plan:``
    (:func:`engine.planfile.named_in_tests`). The file's ``plan:`` is as the schema takes
    it: ``test_file.plan`` is None when it is refused."""
    if not names_one_file(test_file.plan or ()):
        # several paths, or a folder: no file is told to be one of a plan split over a folder
        return error
    written = test_file.document.data["plan"]  # one path: text, or a list of one
    one, pointer = (written, "/plan") if isinstance(written, str) else (written[0], "/plan/0")
    return PlanError(named_in_tests(one, test_file.document.locate(pointer), error.diagnostics))


def _loaded(chosen: list[Plan | PlanError | None]) -> list[Plan]:
    """The plans chosen for test files without problems; raises a PlanError with the problems
    of every one that is invalid, each told once: a plan file two test files name is told at
    the ``plan:`` of each (:func:`_named_by`), and each file is to be edited."""
    invalid = _problems_of(chosen)
    if invalid:
        raise PlanError(invalid)
    plans: list[Plan] = []
    for plan in chosen:
        # None only for a wrong `plan:`, a problem of its file
        assert plan is not None and not isinstance(plan, PlanError)
        plans.append(plan)
    return plans


def _problems_of(chosen: list[Plan | PlanError | None]) -> list[Diagnostic]:
    """The problems of the chosen plans that are invalid, in order (each once, as the error
    they are raised in keeps them)."""
    return [d for plan in chosen if isinstance(plan, PlanError) for d in plan.diagnostics]
