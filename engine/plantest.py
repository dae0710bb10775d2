"""Plan tests: example complaints, and what the plan must decide for each.

A manager changes a plan with confidence by writing down cases first: "a one-star Google review
gets a public reply within the hour and a 24.00 voucher". A test file (YAML, described by
``schemas/plantest.schema.json``) lists such cases; :func:`run_tests` decides every event with
the real engine and compares the decision with what the case expects. Failures are results, not
errors: each one says, in words, what was expected and what happened instead, and why a rule
did or did not fire (``engine.expectations``; reports in ``engine.testreport``). A malformed
test file is an error, reported like a plan's problems, at ``file:line:col``.

A case's event is held to what ``backplan eval`` accepts, so that no case passes on an event
eval would refuse: a JSON event file is read by eval's own reader (``engine.streams``: its JSON
rules, size and shape limits, error codes and words), and an event written in YAML (inline, or
a ``.yaml`` event file) to eval's limits on an event (``engine.limits``); the YAML reader
already refuses what JSON cannot hold (NaN, infinity, whole numbers beyond 64 bits, half a
character). Such an event makes its case an error (``E``) carrying eval's code.
"""

from __future__ import annotations

import itertools
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.documents import LoadedDocument, join_pointer, read_plan_text
from engine.errors import (
    Diagnostic,
    EventError,
    PlanError,
    PlanTestError,
    Severity,
    SourceLocation,
    shown_path,
)
from engine.expectations import Mismatch, action_spec, compare
from engine.explain import explain
from engine.limits import check_event
from engine.loading import load_yaml
from engine.schema import validate_document
from engine.streams import read_events
from engine.suggest import suggestion_suffix
from engine.wording import show_value

if TYPE_CHECKING:
    from engine.api import Plan
    from engine.inputevent import InputEvent
    from engine.model import PlanModel


class PlanTestFileError(PlanTestError):
    """One or more test files are malformed; ``diagnostics`` says where and how."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(diagnostics, key=Diagnostic.sort_key))
        first = self.diagnostics[0] if self.diagnostics else None
        summary = f"{len(self.diagnostics)} problem(s) in the test files"
        super().__init__(summary, first.source if first else None)


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


@dataclass(frozen=True, slots=True)
class PlanTestFile:
    """A loaded test file (valid, unless :func:`read_test_file` gives its problems beside it)."""

    path: str
    plan: tuple[str, ...] | None
    """The plan paths the file names, resolved against its folder (empty: none named; None:
    its ``plan:`` is refused, so which plan it means is not known)."""
    cases: tuple[Case, ...]
    """The cases that can run: all of them, in a file without problems."""
    document: LoadedDocument
    expectations: tuple[tuple[str, dict[str, Any]], ...] = ()
    """Each case's pointer and the expectations of it the schema accepted, whether or not the
    case can run: the rule ids they name are checked against the plan in the same run as the
    file's other problems (:func:`check_against_plan`)."""


def _problem(at: SourceLocation, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, at, hint)


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


def load_test_file(path: str | Path) -> PlanTestFile:
    """Read and check one test file; raise PlanTestFileError with every problem found."""
    test_file, problems = read_test_file(path)
    if problems or test_file is None:
        raise PlanTestFileError(problems)
    return test_file


def read_test_file(path: str | Path) -> tuple[PlanTestFile | None, list[Diagnostic]]:
    """One test file and every problem found in it without the plan, in one pass: the checks
    of each case run on whatever parts of it the schema accepted. The file is None when it
    cannot be read as a test file at all (not YAML, or a plan file)."""
    shown = str(path)
    try:
        document = load_yaml(read_plan_text(Path(path)), shown)
    except PlanError as error:  # a plan's hint for an empty file tells what a plan holds
        return None, [
            replace(d, hint=_EMPTY_TEST_FILE_HINT) if d.code == "empty-file" else d
            for d in error.diagnostics
        ]
    data = document.data
    plan_part = _plan_part(data)
    if plan_part is not None:
        return None, [
            _problem(
                document.locate(f"/{plan_part}", key=True),
                "not-a-test-file",
                "this is a plan file, not a plan-test file",
                "give the plan with `--plan`, and a test file with `cases:` (see "
                "docs/authoring.md)",
            )
        ]
    problems = validate_document(document, "plantest")
    refused = _Refused(problems)
    raw_cases = data.get("cases") if isinstance(data, dict) else None
    listed = raw_cases if isinstance(raw_cases, list) else []
    problems += _duplicate_names(listed, document, refused)
    folder = Path(path).parent
    cases, found = _cases(listed, folder, document, refused)
    test_file = PlanTestFile(
        shown,
        _plan_paths(data, folder, refused),
        tuple(cases),
        document,
        tuple(_expectations(listed, refused)),
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


def _plan_paths(data: Any, folder: Path, refused: _Refused) -> tuple[str, ...] | None:
    """The plan paths of the file's ``plan:``, resolved against its folder; None if refused."""
    if not isinstance(data, dict) or refused("/plan"):
        return None
    raw_plan = data.get("plan", [])
    return tuple(str(folder / p) for p in ([raw_plan] if isinstance(raw_plan, str) else raw_plan))


def _duplicate_names(
    listed: list[Any], document: LoadedDocument, refused: _Refused
) -> list[Diagnostic]:
    """A ``duplicate-case`` for each case named as an earlier one (names the schema accepted)."""
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
                    f"two cases are named {show_value(name)}",
                    document.locate(join_pointer(pointer, "name")),
                    "give each case its own name: reports and CI systems tell cases apart by it",
                    (names[name],),
                )
            )
        names.setdefault(name, document.locate(pointer))
    return problems


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
            event, why = _event(raw, folder, document, pointer)
        except PlanTestFileError as error:
            problems.extend(error.diagnostics)
            continue
        if not refused(pointer):
            at = document.locate(pointer)
            cases.append(Case(raw["name"], event, raw["expect"], at, pointer, why))
    return cases, problems


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


def _event(
    raw: dict[str, Any], folder: Path, document: LoadedDocument, pointer: str
) -> tuple[Any, EventError | None]:
    """The case's event, inline or read from its file, or why eval would refuse it. An inline
    event's ``id`` defaults to the case name (after the limits are checked); an event file is
    taken as eval takes it, so one without an ``id`` is refused (``missing-id``)."""
    if "event_file" in raw:
        return _read_event_file(folder / raw["event_file"], document, pointer)
    event, refused = _within_limits(raw["event"], "")
    if isinstance(event, dict) and "id" not in event:
        event = {"id": raw.get("name"), **event}
    return event, refused


def _within_limits(event: Any, place: str) -> tuple[Any, EventError | None]:
    """An event written in YAML, held to the limits eval holds every event it reads to
    (``place``, the event file's name and a colon, starts the message of one beyond them)."""
    try:
        check_event(event)
    except EventError as error:
        return None, EventError(place + error.message, error.pointer, error.code)
    return event, None


def _read_event_file(
    path: Path, document: LoadedDocument, pointer: str
) -> tuple[Any, EventError | None]:
    at = document.locate(join_pointer(pointer, "event_file"))
    missing = _not_a_file(path, at)
    if missing is not None:
        raise PlanTestFileError([missing])
    if path.suffix.lower() not in (".yaml", ".yml"):
        return _read_json_event(path, at)
    shown = shown_path(str(path))
    try:
        event = load_yaml(read_plan_text(path), str(path)).data
    except PlanError as error:
        raise PlanTestFileError(_in_event_file(d, at, shown) for d in error.diagnostics) from None
    return _within_limits(event, f"{shown}: ")


def _in_event_file(problem: Diagnostic, at: SourceLocation, shown: str) -> Diagnostic:
    """A problem inside a YAML event file, reported where the case names the file, so that a
    test file's problems read in its own order; the place in the event file is its ``see:``."""
    if problem.code == "empty-file":
        return _not_one_event(at, shown, [])
    return replace(
        problem,
        message=f"in the event file {shown}: {problem.message}",
        source=at,
        related=(problem.source, *problem.related),
    )


def _not_a_file(path: Path, at: SourceLocation) -> Diagnostic | None:
    """Why the event file cannot be opened, or None when it is a regular file. A folder or a
    device exists, so it is named for what it is; it is never opened (a named pipe would wait
    for a writer, and the test run with it)."""
    shown = shown_path(str(path))
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return _problem(at, "event-file-not-found", f"there is no event file {shown}", _RELATIVE)
    except OSError as error:
        message = f"cannot read the event file {shown}: {error.strerror or error}"
        return _problem(at, "unreadable", message)
    if stat.S_ISREG(mode):
        return None
    what = "a folder" if stat.S_ISDIR(mode) else "neither a file nor a folder (a device or a pipe)"
    return _problem(
        at,
        "unreadable",
        f"cannot read {shown} as an event file: it is {what}",
        "name the JSON or YAML file that holds the event",
    )


def _read_json_event(path: Path, at: SourceLocation) -> tuple[Any, EventError | None]:
    """The one event of a JSON event file, read as ``backplan eval`` reads a file (the same
    reader: JSON, an array, JSON Lines; UTF-8 or UTF-16), or eval's reason to refuse it."""
    shown = shown_path(str(path))
    try:
        with path.open("rb") as handle:
            events = list(itertools.islice(read_events(handle, shown), 2))
    except OSError as error:
        message = f"cannot read the event file {shown}: {error.strerror or error}"
        raise PlanTestFileError([_problem(at, "unreadable", message)]) from None
    if len(events) != 1:
        raise PlanTestFileError([_not_one_event(at, shown, events)])
    [item] = events
    if item.error is not None:
        return None, EventError(f"{shown}: {item.error}", "", item.code)
    return item.value, None


def _not_one_event(at: SourceLocation, shown: str, events: list[InputEvent]) -> Diagnostic:
    """An event file that eval would read no event from, or several: a case has one."""
    if not events:
        return _problem(
            at,
            "bad-event-file",
            f"the event file {shown} holds no event",
            'write the event in it, such as {"type": "review", "rating": 1}',
        )
    return _problem(
        at,
        "bad-event-file",
        f"the event file {shown} holds more than one event: another starts on line "
        f"{events[1].start_line()}",
        "a case has one event: give each event a file and a case of its own",
    )


_RELATIVE = "event files are found relative to the folder of the test file"


def check_against_plan(test_file: PlanTestFile, plan: PlanModel) -> list[Diagnostic]:
    """Rule ids the expectations name that the plan does not have (almost always a typo)."""
    known = [r.id for r in plan.rules]
    problems: list[Diagnostic] = []
    for case_pointer, expect in test_file.expectations:
        for key in ("matched", "matched_at_least", "not_matched"):
            for index, rule_id in enumerate(expect.get(key, [])):
                if rule_id not in known:
                    pointer = join_pointer(join_pointer(case_pointer, "expect"), key)
                    problems.append(_unknown_rule(test_file, f"{pointer}/{index}", rule_id, known))
        for key in ("actions", "no_actions"):
            for index, spec in enumerate(expect.get(key, [])):
                _, params = action_spec(spec)
                rule_id = params.get("rule")
                if rule_id is not None and rule_id not in known:
                    pointer = f"{case_pointer}/expect/{key}/{index}"
                    problems.append(_unknown_rule(test_file, pointer, rule_id, known))
    return problems


def _unknown_rule(
    test_file: PlanTestFile, pointer: str, rule_id: str, known: list[str]
) -> Diagnostic:
    return _problem(
        test_file.document.locate(pointer),
        "unknown-rule",
        f"the plan has no rule `{rule_id}`{suggestion_suffix(rule_id, known)}",
        "rule ids are written as in the plan's `id:`; `backplan render` lists them",
    )


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

    @property
    def passed(self) -> bool:
        """No mismatch and no error."""
        return not self.mismatches and self.error is None


@dataclass(frozen=True, slots=True)
class PlanTestReport:
    """Every case's result, in file order."""

    files: tuple[str, ...]
    results: tuple[CaseResult, ...]

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
        explanation = explain(plan, case.event)
    except EventError as error:
        return _undecided(file, case, error)
    mismatches = tuple(compare(case.expect, explanation))
    return CaseResult(file, case, mismatches, decision=explanation.decision)


def _undecided(file: str, case: Case, error: EventError) -> CaseResult:
    """An error case: its event is refused, by eval's reader or by deciding, with that code."""
    message = f"the event cannot be decided: {error.message}"
    return CaseResult(file, case, error=message, code=error.code)


def run_tests(paths: Sequence[str | Path], plan_paths: Sequence[str] = ()) -> PlanTestReport:
    """Run test files against ``plan_paths``, or each file's own ``plan:``, or the starter plan.

    Raises PlanTestFileError with every problem of the test files, the rule ids their plans
    lack among them, and PlanError when they have none but a plan is invalid.
    """
    problems: list[Diagnostic] = []
    files: list[PlanTestFile] = []
    for path in paths:
        test_file, found = read_test_file(path)
        problems.extend(found)
        if test_file is not None:
            files.append(test_file)
    chosen = _chosen_plans(files, plan_paths)
    for test_file, plan in zip(files, chosen, strict=True):
        if plan is not None and not isinstance(plan, PlanError):
            problems.extend(check_against_plan(test_file, plan.model))
    if problems:
        raise PlanTestFileError(problems)
    results = [
        run_case(plan, case, test_file.path)
        for test_file, plan in zip(files, _loaded(chosen), strict=True)
        for case in test_file.cases
    ]
    return PlanTestReport(tuple(f.path for f in files), tuple(results))


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
        chosen.append(None if key is None else loaded[key])
    return chosen


def _loaded(chosen: list[Plan | PlanError | None]) -> list[Plan]:
    """The plans chosen for test files without problems; raises the first one's PlanError."""
    plans: list[Plan] = []
    for plan in chosen:
        if isinstance(plan, PlanError):
            raise plan
        assert plan is not None  # not known only for a `plan:` refused: a problem of its file
        plans.append(plan)
    return plans
