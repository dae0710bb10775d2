"""Plan-test reports: a pytest-like summary for people, JUnit XML for CI systems.

Both are built from a :class:`~engine.plantest.PlanTestReport` and are deterministic (no
timings), so a report can be compared from one run to the next.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING

from engine.checklist import perhaps_because
from engine.errors import (
    Diagnostic,
    SourceLocation,
    counted,
    escaped_character,
    shown_path,
    shown_text,
)
from engine.expectations import Mismatch
from engine.plantest import CaseResult, PlanTestReport, RuleCoverage
from engine.wording import join_words
from engine.wrapping import wrap

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET


def _place(result: CaseResult) -> SourceLocation:
    """Where a result is told: the value refused, for an error about one, else its case."""
    return result.at or result.case.at


def failure_text(result: CaseResult) -> str:
    """One failing case in words: each expectation that did not hold, expected vs got.

    What was got quotes the case's event (a message filled in from it, a value), and a test's
    event may be a real complaint copied in, so every line is written with ``shown_text``,
    as the checklist is: read on a terminal (or in a CI page, from JUnit), a control character
    shows as an escape."""
    word = "ERROR" if result.error is not None else "FAILED"
    lines = [shown_text(f"{word} {_place(result)}: {result.case.name}")]
    if result.error is not None:
        lines.append(shown_text(f"  {result.error}") + (f" [{result.code}]" if result.code else ""))
    fired = _rules_fired(result)
    if fired:
        lines += _wrap(fired, "  ", "    ")
    for mismatch in result.mismatches:
        lines.append(shown_text(f"  {mismatch.what}"))
        lines += _wrap(f"expected: {_cut(mismatch.expected)}", "    ", "              ")
        lines += _wrap(f"got:      {_cut(mismatch.got)}", "    ", "              ")
        for note in mismatch.notes:
            lines += _wrap(_cut(note), "    ", "      ")
    return "\n".join(lines)


_TELLS_THE_RULES = frozenset({"rules that fire", "fallback"})
"""The mismatches whose ``got:`` already says which rules fired."""


def _rules_fired(result: CaseResult) -> str:
    """Which rules fired, for a failing case whose failures do not say it: a case that failed
    only on an action (``actions: [apologize]`` for a five-star review) listed the actions the
    decision has, and a manager could not tell which rule, or the fallback, had decided it
    (found by review). Empty for a case that passed or is an error, or already says it."""
    decision = result.decision
    if result.passed or decision is None:
        return ""
    if any(mismatch.what in _TELLS_THE_RULES for mismatch in result.mismatches):
        return ""
    fired: list[str] = decision["matched"]
    # what the event most likely misspelt, as `eval --pretty` says it under the fallback's
    # checklist: "the fallback did" alone left a manager to find the `revew` themselves
    perhaps = f"; {perhaps_because(result.misspelt)}" if result.misspelt else ""
    if not fired:
        return "no rule fired" + perhaps
    if decision["fallback"]:
        rules = join_words([f"`{rule}`" for rule in fired], "and", whole=True)
        return f"no rule fired: the fallback{'s' if len(fired) > 1 else ''} {rules} did{perhaps}"
    return f"rules fired: {', '.join(fired)}"


SHOWN_AT_MOST = 2_000
"""How many characters of what a case expected or got a failure shows: a message filled in
from a long field of the case's event, or a long expectation, printed as a whole line of 100 KB
and more; its start, where two texts most often differ, is what a reader compares."""


def _cut(text: str) -> str:
    """``text``, or its first :data:`SHOWN_AT_MOST` characters, `…` and its whole length."""
    if len(text) <= SHOWN_AT_MOST:
        return text
    from engine.wording import clip

    return f"{clip(text, SHOWN_AT_MOST)} ({len(text):,} characters in all)"


WIDTH = 100


def _wrap(text: str, first: str, rest: str) -> list[str]:
    """``text`` escaped (before wrapping makes a line break a space), then wrapped."""
    return wrap(shown_text(text), WIDTH, first, rest)


def summary_line(report: PlanTestReport) -> str:
    """``2 failed, 5 passed in 1 test file``."""
    parts = []
    if report.failed:
        parts.append(f"{report.failed} failed")
    if report.errors:
        parts.append(counted(report.errors, "error"))
    parts.append(f"{report.passed} passed")
    return ", ".join(parts) + f" in {counted(len(report.files), 'test file')}"


def render_text(report: PlanTestReport, *, verbose: bool = False) -> str:
    """The pytest-like report: a line of marks per file, then every failure, then the summary."""
    lines: list[str] = []
    for path in report.files:
        results = [r for r in report.results if r.file == path]
        if verbose:
            lines.append(shown_text(path))
            for r in results:
                mark = "PASSED" if r.passed else "ERROR" if r.error is not None else "FAILED"
                lines.append(f"  {mark:<6}  {shown_text(r.case.name)}")
        else:
            marks = "".join(
                "." if r.passed else "E" if r.error is not None else "F" for r in results
            )
            lines.append(f"{shown_text(path)} {marks}")
    failing = [r for r in report.results if not r.passed]
    if failing:
        lines += ["", "FAILURES"]
        for result in failing:
            lines += ["", failure_text(result)]
    several = len(report.coverage) > 1
    unfired = [
        line
        for each in report.coverage
        for line in _wrap(unfired_words(each, several=several, every=verbose), "", "  ")
    ]
    if unfired:  # before the summary, which stays the last line (`tail -1` of a CI script)
        lines += ["", *unfired]
    lines += ["", summary_line(report)]
    return "\n".join(lines) + "\n"


UNFIRED_NAMED = 30
"""The most rules fired in no case the text report names without ``-v`` (more than the
starter plan's 26 rules, all named when a first case fires one)."""


def unfired_words(coverage: RuleCoverage, *, several: bool = False, every: bool = True) -> str:
    """``3 of 25 rules fired in no case: late-delivery-long, rude-staff, wrong-item``, or "" when
    every rule fired; with ``several`` plans tested, after the plan it is of. Without ``every``
    (the text report without ``-v``), at most :data:`UNFIRED_NAMED` ids, then how many more:
    a plan of 413 rules that 30 cases tested had 382 ids over 40 lines above the summary
    (found by a large plan's trial). JUnit's ``system-out``, read by a CI server, has them all.

    It is in the default report, just before the summary (which stays the last line, as a CI
    script that reads the last line expects), and not behind a flag: like ``backplan
    report``'s rules that never fired, it is what the run proves of the plan, one line, and
    none at all once every rule is exercised; a flag nobody knows to give would have left the
    question where it was. It is no failure, so it changes no exit code."""
    if not coverage.unfired:
        return ""
    rules = counted(len(coverage.rules), "rule")
    named = coverage.unfired if every else coverage.unfired[:UNFIRED_NAMED]
    text = f"{len(coverage.unfired)} of {rules} fired in no case: {', '.join(named)}"
    if len(named) < len(coverage.unfired):
        text += f", and {len(coverage.unfired) - len(named):,} more (-v lists every one)"
    if not several:
        return text
    plan = ", ".join(coverage.plan) if coverage.plan else "the starter plan"
    return f"{plan}: {text}"


def _headline(mismatches: tuple[Mismatch, ...]) -> str:
    first = mismatches[0]
    text = f"{first.what}: expected {_cut(first.expected)}, got {_cut(first.got)}"
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
        shown = shown_path(path)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=shown,
            tests=str(len(results)),
            failures=str(sum(not r.passed and r.error is None for r in results)),
            errors=str(sum(r.error is not None for r in results)),
            skipped="0",
        )
        coverage = next((c for c in report.coverage if path in c.files), None)
        if coverage is not None:  # before the cases, as JUnit's schema has them
            _coverage_properties(suite, coverage)
        for result in results:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=_class_name(shown),
                name=shown_text(result.case.name),  # as the text report writes it
                file=shown,
                line=str(_place(result).line),
            )
            if result.passed:
                continue
            text = failure_text(result)
            if result.error is not None:  # its type: the code eval gives the event
                message = shown_text(result.error)
                ET.SubElement(case, "error", message=message, type=result.code).text = text
            else:
                headline = shown_text(_headline(result.mismatches))
                ET.SubElement(case, "failure", message=headline).text = text
        if coverage is not None and coverage.unfired:  # after them: what a CI page shows
            ET.SubElement(suite, "system-out").text = shown_text(unfired_words(coverage))
    ET.indent(root)
    body = _NOT_IN_XML.sub(_escaped, ET.tostring(root, encoding="unicode"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


UNFIRED_PROPERTY = "backplan.rules_fired_in_no_case"
"""The ``<property>`` of a test file's ``testsuite`` that names, comma-separated in firing
order, the rules of its plan no case of the run fired (empty when every one did); beside it,
``backplan.rules``, how many enabled rules the plan has."""


def _coverage_properties(suite: ET.Element, coverage: RuleCoverage) -> None:
    """The suite's ``<properties>``: its plan's rule count and the rules fired in no case, over
    the whole run (a plan tested by several files has the same in each of their suites). A
    program reading the report finds them by name, and CI systems that do not show properties
    skip them; the words a person reads are in the suite's ``system-out``."""
    import xml.etree.ElementTree as ET

    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="backplan.rules", value=str(len(coverage.rules)))
    unfired = shown_text(", ".join(coverage.unfired))
    ET.SubElement(properties, "property", name=UNFIRED_PROPERTY, value=unfired)


def render_junit_problems(problems: Sequence[Diagnostic], said: str) -> str:
    """JUnit XML for a run refused before any case ran (a test file or plan with problems):
    one test in error per problem, so a CI step that reads the report shows them, where it
    found an empty file and failed to parse it. ``said`` is the run's own summary line."""
    import xml.etree.ElementTree as ET

    root = ET.Element(
        "testsuites",
        name="backplan",
        tests=str(len(problems)),
        failures="0",
        errors=str(len(problems)),
    )
    suite = ET.SubElement(
        root,
        "testsuite",
        name="backplan test",
        tests=str(len(problems)),
        failures="0",
        errors=str(len(problems)),
        skipped="0",
    )
    for problem in problems:
        where = problem.source
        shown = shown_path(where.path) if where.path else "backplan"
        case = ET.SubElement(
            suite,
            "testcase",
            classname=_class_name(shown),
            name=shown_text(f"{problem.code}: {problem.message}"),
            file=shown,
            line=str(where.line),
        )
        lines = [*problem.render().splitlines(), said]  # each line escaped, not its breaks
        text = "\n".join(shown_text(line) for line in lines)
        ET.SubElement(
            case, "error", message=shown_text(problem.message), type=problem.code
        ).text = text
    ET.indent(root)
    body = _NOT_IN_XML.sub(_escaped, ET.tostring(root, encoding="unicode"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _class_name(shown: str) -> str:
    """A test file's ``classname``: its path as given, with ``/`` between folders and no
    ``./``. CI systems (GitLab, Jenkins) tell tests apart by classname and name, and case names
    are unique only within a file, so the file's base name alone made the cases of two
    projects' ``examples/plan-tests.yaml`` one test."""
    return PurePath(os.path.normpath(shown)).as_posix()


_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold, even as references (ElementTree writes them as they are,
and the file is then not XML): a control character in a case name, say. File names are
written with ``shown_path`` first, so their bytes that are not UTF-8 read as they do
everywhere else (``\\xff``)."""


def _escaped(found: re.Match[str]) -> str:
    """A character XML cannot hold, written as Python writes it in a string (``\\x01``), as
    ``shown_text`` writes a control character."""
    return escaped_character(found.group())
