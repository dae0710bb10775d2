"""Plan tests: example complaints, and what the plan must decide for each.

A manager changes a plan with confidence by writing down cases first: "a one-star Google review
gets a public reply within the hour and a 24.00 voucher". A test file (YAML, described by
``schemas/plantest.schema.json``) lists such cases; :func:`run_tests` decides every event with
the real engine and compares the decision with what the case expects. Failures are results, not
errors: each one says, in words, what was expected and what happened instead, and why a rule
did or did not fire (from ``engine.explain``). A malformed test file is an error, reported like
a plan's problems, at ``file:line:col``.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.durations import parse_duration
from engine.errors import (
    Diagnostic,
    EventError,
    PlanError,
    PlanTestError,
    Severity,
    SourceLocation,
)
from engine.explain import Explanation, explain
from engine.fields import MISSING
from engine.loading import LoadedDocument, join_pointer, load_yaml, read_plan_text
from engine.schema import validate_document
from engine.suggest import suggestion_suffix
from engine.wording import join_words, show_list, show_value

if TYPE_CHECKING:
    from engine.api import Plan
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


@dataclass(frozen=True, slots=True)
class PlanTestFile:
    """A loaded, schema-valid test file."""

    path: str
    plan: tuple[str, ...]
    """The plan paths the file names, resolved against its folder (empty: none named)."""
    cases: tuple[Case, ...]
    document: LoadedDocument


def _problem(at: SourceLocation, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, at, hint)


def load_test_file(path: str | Path) -> PlanTestFile:
    """Read and check one test file; raise PlanTestFileError with every problem found."""
    shown = str(path)
    try:
        document = load_yaml(read_plan_text(Path(path)), shown)
    except PlanError as error:
        raise PlanTestFileError(error.diagnostics) from None
    data = document.data
    if isinstance(data, dict) and "rules" in data and "cases" not in data:
        raise PlanTestFileError(
            [
                _problem(
                    document.locate("/rules", key=True),
                    "not-a-test-file",
                    "this is a plan file, not a plan-test file",
                    "give the plan with `--plan`, and a test file with `cases:` (see "
                    "docs/authoring.md)",
                )
            ]
        )
    problems = validate_document(document, "plantest")
    if problems:
        raise PlanTestFileError(problems)
    folder = Path(path).parent
    raw_plan = data.get("plan", [])
    plan = tuple(str(folder / p) for p in ([raw_plan] if isinstance(raw_plan, str) else raw_plan))
    cases: list[Case] = []
    names: dict[str, SourceLocation] = {}
    for index, raw in enumerate(data["cases"]):
        pointer = f"/cases/{index}"
        at = document.locate(pointer)
        name = raw["name"]
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
        names.setdefault(name, at)
        try:
            event = _event(raw, folder, document, pointer)
        except PlanTestFileError as error:
            problems.extend(error.diagnostics)
            continue
        cases.append(Case(name, event, raw["expect"], at, pointer))
    if problems:
        raise PlanTestFileError(problems)
    return PlanTestFile(shown, plan, tuple(cases), document)


def _event(raw: dict[str, Any], folder: Path, document: LoadedDocument, pointer: str) -> Any:
    """The case's event, inline or read from its file; ``id`` defaults to the case name."""
    if "event" in raw:
        event = raw["event"]
    else:
        event = _read_event_file(folder / raw["event_file"], document, pointer)
    if isinstance(event, dict) and "id" not in event:
        event = {"id": raw["name"], **event}
    return event


def _read_event_file(path: Path, document: LoadedDocument, pointer: str) -> Any:
    at = document.locate(join_pointer(pointer, "event_file"))
    if not path.is_file():
        raise PlanTestFileError(
            [_problem(at, "event-file-not-found", f"there is no event file {path}", _RELATIVE)]
        )
    try:
        text = read_plan_text(path)
        if path.suffix in (".yaml", ".yml"):
            return load_yaml(text, str(path)).data
    except PlanError as error:
        raise PlanTestFileError(error.diagnostics) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = SourceLocation(str(path), exc.lineno, exc.colno)
        raise PlanTestFileError(
            [_problem(where, "bad-event-file", f"the event file is not valid JSON: {exc.msg}")]
        ) from None


_RELATIVE = "event files are found relative to the folder of the test file"


def check_against_plan(test_file: PlanTestFile, plan: PlanModel) -> list[Diagnostic]:
    """Rule ids the expectations name that the plan does not have (almost always a typo)."""
    known = [r.id for r in plan.rules]
    problems: list[Diagnostic] = []
    for case in test_file.cases:
        for key in ("matched", "matched_at_least", "not_matched"):
            for index, rule_id in enumerate(case.expect.get(key, [])):
                if rule_id not in known:
                    pointer = join_pointer(join_pointer(case.pointer, "expect"), key)
                    problems.append(_unknown_rule(test_file, f"{pointer}/{index}", rule_id, known))
        for key in ("actions", "no_actions"):
            for index, spec in enumerate(case.expect.get(key, [])):
                _, params = _spec(spec)
                rule_id = params.get("rule")
                if rule_id is not None and rule_id not in known:
                    pointer = f"{case.pointer}/expect/{key}/{index}"
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
class Mismatch:
    """One expectation that did not hold: what was checked, expected and got, in words."""

    what: str
    expected: str
    got: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseResult:
    """The outcome of one case: passed, failed (mismatches) or an error (undecidable event)."""

    file: str
    case: Case
    mismatches: tuple[Mismatch, ...] = ()
    error: str | None = None
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
    try:
        explanation = explain(plan, case.event)
    except EventError as error:
        return CaseResult(file, case, error=f"the event cannot be decided: {error.message}")
    mismatches = tuple(compare(case.expect, explanation))
    return CaseResult(file, case, mismatches, decision=explanation.decision)


def run_tests(paths: Sequence[str | Path], plan_paths: Sequence[str] = ()) -> PlanTestReport:
    """Run test files against ``plan_paths``, or each file's own ``plan:``, or the starter plan.

    Raises PlanTestFileError when a test file is malformed and PlanError when a plan is invalid.
    """
    from engine.api import load_plan

    problems: list[Diagnostic] = []
    files: list[PlanTestFile] = []
    for path in paths:
        try:
            files.append(load_test_file(path))
        except PlanTestFileError as error:
            problems.extend(error.diagnostics)
    if problems:
        raise PlanTestFileError(problems)
    plans: dict[tuple[str, ...], Plan] = {}
    chosen: list[Plan] = []
    for test_file in files:
        key = tuple(plan_paths) or test_file.plan
        if key not in plans:
            plans[key] = load_plan(list(key) if key else None)
        chosen.append(plans[key])
        problems.extend(check_against_plan(test_file, plans[key].model))
    if problems:
        raise PlanTestFileError(problems)
    results = [
        run_case(plan, case, test_file.path)
        for test_file, plan in zip(files, chosen, strict=True)
        for case in test_file.cases
    ]
    return PlanTestReport(tuple(f.path for f in files), tuple(results))


# --- comparing a decision with the expectations ------------------------------------------------


def _ids(ids: Sequence[str]) -> str:
    return ", ".join(ids) if ids else "no rule"


def compare(expect: dict[str, Any], explanation: Explanation) -> list[Mismatch]:
    """Every expectation of a case that the decision does not meet."""
    decision = explanation.decision
    got: list[str] = decision["matched"]
    found: list[Mismatch] = []
    if "matched" in expect and got != expect["matched"]:
        wanted: list[str] = expect["matched"]
        notes = [_fired_or_not(explanation, r) for r in wanted if r not in got]
        notes += [_fired_or_not(explanation, r) for r in got if r not in wanted]
        if set(got) == set(wanted):
            notes.append("the same rules fired in another order: rules fire by priority, then by")
            notes[-1] += " their place in the plan"
        found.append(Mismatch("rules that fire", _ids(wanted), _ids(got), tuple(notes)))
    for rule_id in expect.get("matched_at_least", []):
        if rule_id not in got:
            found.append(
                Mismatch(f"rule {rule_id} fires", "it fires", _fired_or_not(explanation, rule_id))
            )
    for rule_id in expect.get("not_matched", []):
        if rule_id in got:
            found.append(
                Mismatch(
                    f"rule {rule_id} does not fire",
                    "it does not fire",
                    _fired_or_not(explanation, rule_id),
                )
            )
    if "fallback" in expect and expect["fallback"] != decision["fallback"]:
        found.append(_fallback_mismatch(expect["fallback"], decision))
    for spec in expect.get("actions", []):
        mismatch = _expect_action(spec, decision["actions"])
        if mismatch is not None:
            found.append(mismatch)
    for spec in expect.get("no_actions", []):
        mismatch = _expect_no_action(spec, decision["actions"])
        if mismatch is not None:
            found.append(mismatch)
    if "compensation" in expect:
        found.extend(_compare_compensation(expect["compensation"], decision["compensation"]))
    return found


def _fired_or_not(explanation: Explanation, rule_id: str) -> str:
    step = explanation.step(rule_id)
    if step is None:
        return f"{rule_id} is not in the plan"
    verb = "fired" if step.fired else "did not fire"
    return f"{rule_id} {verb}: {step.reason}"


def _fallback_mismatch(wanted: bool, decision: dict[str, Any]) -> Mismatch:
    if wanted:
        return Mismatch(
            "fallback",
            "no rule fits, so the fallback fires",
            f"rules fired: {_ids(decision['matched'])}",
        )
    fired = decision["matched"]
    got = "no ordinary rule matched, so the fallback fired"
    got += f" ({_ids(fired)})" if fired else " (but the plan has no fallback rule that applies)"
    return Mismatch("fallback", "an ordinary rule fires (no fallback)", got)


def _spec(spec: str | dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """An expected action as (type, parameters)."""
    if isinstance(spec, str):
        return spec, {}
    [(kind, params)] = spec.items()
    return kind, dict(params or {})


_SPEC_LABELS = {
    "within": "due within",
    "due": "due at",
    "message_contains": "with a message containing",
    "rule": "from rule",
    "purpose": "as",
}


def describe_spec(kind: str, params: dict[str, Any]) -> str:
    """An expected action in words: ``compensate with amount 24.00 and kind voucher``."""
    if not params:
        return f"any {kind} action"
    plain = [
        f"{k.replace('_', ' ')} {_show(k, v)}" for k, v in params.items() if k not in _SPEC_LABELS
    ]
    parts = [f"with {join_words(plain, 'and')}"] if plain else []
    parts += [f"{_SPEC_LABELS[k]} {show_value(v)}" for k, v in params.items() if k in _SPEC_LABELS]
    return f"{kind} " + ", ".join(parts)


_NUMBERS = frozenset({"amount", "percent", "base", "total", "offered"})


def _show(key: str, value: Any) -> str:
    """A parameter value in a sentence; amounts as plain numbers (``24.00``, never quoted)."""
    if key in _NUMBERS and isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    return show_value(value)


_TOP_LEVEL = frozenset({"rule", "purpose", "within", "due"})


def _actual(key: str, action: dict[str, Any]) -> Any:
    if key in _TOP_LEVEL:
        return action.get(key)
    if key == "message_contains":
        return action["params"].get("message", MISSING)
    return action["params"].get(key, MISSING)


def _as_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _instant(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def param_matches(key: str, expected: Any, actual: Any) -> bool:
    """Whether an action parameter meets the expectation (see the schema's description)."""
    if actual is MISSING:
        return False
    if key in _NUMBERS:
        return _as_decimal(expected) is not None and _as_decimal(expected) == _as_decimal(actual)
    if key == "within":
        return isinstance(actual, str) and parse_duration(expected) == parse_duration(actual)
    if key == "due":
        moment = _instant(actual)
        return moment is not None and moment == _instant(expected)
    if key == "message_contains":
        return isinstance(actual, str) and expected in actual
    if key == "tags":
        return isinstance(actual, list) and set(expected) <= set(actual)
    return bool(expected == actual) and isinstance(expected, bool) == isinstance(actual, bool)


def _differences(params: dict[str, Any], action: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for key, expected in params.items():
        actual = _actual(key, action)
        if param_matches(key, expected, actual):
            continue
        label = "message" if key == "message_contains" else key.replace("_", " ")
        if actual is MISSING or actual is None:
            out.append(f"no {label}")
        else:
            out.append(f"{label} {_show(key, actual)} (not {_show(key, expected)})")
    return out


def _action_label(action: dict[str, Any]) -> str:
    return f"{action['type']} from rule {action['rule']}"


def _expect_action(spec: str | dict[str, Any], actions: list[dict[str, Any]]) -> Mismatch | None:
    kind, params = _spec(spec)
    candidates = [a for a in actions if a["type"] == kind]
    if any(not _differences(params, a) for a in candidates):
        return None
    wanted = describe_spec(kind, params)
    if not candidates:
        present = sorted({a["type"] for a in actions})
        got = f"no {kind} action; the decision has " + (
            show_list(present, "and") if present else "no actions at all"
        )
        return Mismatch(f"action {kind}", wanted, got)
    got = "; ".join(
        f"{_action_label(a)} has {join_words(_differences(params, a), 'and')}" for a in candidates
    )
    return Mismatch(f"action {kind}", wanted, got)


def _expect_no_action(spec: str | dict[str, Any], actions: list[dict[str, Any]]) -> Mismatch | None:
    kind, params = _spec(spec)
    offending = [a for a in actions if a["type"] == kind and not _differences(params, a)]
    if not offending:
        return None
    got = "; ".join(_action_label(a) for a in offending)
    wanted = f"no {kind} action" if not params else f"no {describe_spec(kind, params)}"
    return Mismatch(f"no action {kind}", wanted, got)


def _compare_compensation(
    expected: dict[str, Any] | None, summary: dict[str, Any] | None
) -> list[Mismatch]:
    if expected is None:
        if summary is None:
            return []
        total = f"{summary['total']} {summary['currency']}"
        return [Mismatch("compensation", "no compensation", f"a compensation of {total}")]
    if summary is None:
        return [Mismatch("compensation", describe_spec("compensation", expected), "none")]
    found: list[Mismatch] = []
    for key, wanted in expected.items():
        actual = summary.get(key)
        same = (
            _as_decimal(wanted) == _as_decimal(actual)
            if key in ("total", "offered")
            else wanted == actual
        )
        if not same:
            label = f"compensation {key.replace('_', ' ')}"
            found.append(Mismatch(label, _show(key, wanted), _show(key, actual)))
    return found


# --- reports ----------------------------------------------------------------------------------


def _location(result: CaseResult) -> str:
    return str(result.case.at)


def failure_text(result: CaseResult) -> str:
    """One failing case in words: each expectation that did not hold, expected vs got."""
    word = "ERROR" if result.error is not None else "FAILED"
    lines = [f"{word} {_location(result)}: {result.case.name}"]
    if result.error is not None:
        lines.append(f"  {result.error}")
    for mismatch in result.mismatches:
        lines.append(f"  {mismatch.what}")
        lines += _wrap(f"expected: {mismatch.expected}", "    ", "              ")
        lines += _wrap(f"got:      {mismatch.got}", "    ", "              ")
        for note in mismatch.notes:
            lines += _wrap(note, "    ", "      ")
    return "\n".join(lines)


WIDTH = 100


def _wrap(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )


def summary_line(report: PlanTestReport) -> str:
    """``2 failed, 5 passed in 1 test file``."""
    parts = []
    if report.failed:
        parts.append(f"{report.failed} failed")
    if report.errors:
        parts.append(f"{report.errors} error" + ("s" if report.errors != 1 else ""))
    parts.append(f"{report.passed} passed")
    count = len(report.files)
    return ", ".join(parts) + f" in {count} test file" + ("s" if count != 1 else "")


def render_text(report: PlanTestReport, *, verbose: bool = False) -> str:
    """The pytest-like report: a line of marks per file, then every failure, then the summary."""
    lines: list[str] = []
    for path in report.files:
        results = [r for r in report.results if r.file == path]
        if verbose:
            lines.append(path)
            for r in results:
                mark = "PASSED" if r.passed else "ERROR" if r.error is not None else "FAILED"
                lines.append(f"  {mark:<6}  {r.case.name}")
        else:
            marks = "".join(
                "." if r.passed else "E" if r.error is not None else "F" for r in results
            )
            lines.append(f"{path} {marks}")
    failing = [r for r in report.results if not r.passed]
    if failing:
        lines += ["", "FAILURES"]
        for result in failing:
            lines += ["", failure_text(result)]
    lines += ["", summary_line(report)]
    return "\n".join(lines) + "\n"


def _headline(mismatches: tuple[Mismatch, ...]) -> str:
    first = mismatches[0]
    text = f"{first.what}: expected {first.expected}, got {first.got}"
    more = len(mismatches) - 1
    return text + (f" (and {more} more)" if more else "")


def render_junit(report: PlanTestReport) -> str:
    """The report as JUnit XML, which CI systems (GitLab, Jenkins, GitHub) display."""
    import xml.etree.ElementTree as ET

    root = ET.Element(
        "testsuites",
        name="backplan",
        tests=str(len(report.results)),
        failures=str(report.failed),
        errors=str(report.errors),
    )
    for path in report.files:
        results = [r for r in report.results if r.file == path]
        suite = ET.SubElement(
            root,
            "testsuite",
            name=path,
            tests=str(len(results)),
            failures=str(sum(not r.passed and r.error is None for r in results)),
            errors=str(sum(r.error is not None for r in results)),
            skipped="0",
        )
        for result in results:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=Path(path).name,
                name=result.case.name,
                file=path,
                line=str(result.case.at.line),
            )
            if result.passed:
                continue
            text = failure_text(result)
            tag = "error" if result.error is not None else "failure"
            first = result.error or _headline(result.mismatches)
            ET.SubElement(case, tag, message=first).text = text
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
