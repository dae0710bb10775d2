"""House style is part of the test suite: ruff (lint and format) and mypy --strict on engine/,
bench/ (the benchmark is code the project keeps too) and the mutation tool, .ci/mutants.py."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    located = shutil.which(name)
    if located is None:
        pytest.fail(f"{name} is not installed; install the test extra: pip install -e '.[test]'")
    return located


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, check=False)


_CHECKED = ("engine", "tests", "bench", "examples", ".ci/mutants.py")
"""What ruff holds to the house style: the code, its tests, the bench, the examples, and the
mutation tool (a script in ``.ci``, which ruff does not look into when given folders)."""


def test_ruff_lint_is_clean() -> None:
    result = _run(_tool("ruff"), "check", *_CHECKED)
    assert result.returncode == 0, result.stdout + result.stderr


def _ruff_findings(path: str, source: str) -> list[str]:
    """The codes ruff gives ``source`` as if it were the file ``path``, under this project's
    settings (``pyproject.toml``)."""
    result = subprocess.run(
        [_tool("ruff"), "check", "--output-format", "concise", "--stdin-filename", path, "-"],
        cwd=REPO,
        input=source,
        capture_output=True,
        text=True,
        check=False,
    )
    return [
        line.split(": ", 1)[1].split(" ", 1)[0]
        for line in result.stdout.splitlines()
        if ": D" in line
    ]


_UNDOCUMENTED = (
    "from typing import ClassVar\n\n\n"
    "class Found:\n"
    "    class Kind:\n"
    "        pass\n\n"
    "    code: ClassVar[str] = ''\n\n"
    "    def __init__(self) -> None:\n"
    "        pass\n\n"
    "    def __repr__(self) -> str:\n"
    "        return ''\n\n"
    "    def check(self) -> None:\n"
    "        pass\n\n\n"
    "def found() -> None:\n"
    "    pass\n"
)
"""A module with no docstring at all: a class (and one inside it), a method, a function, and
the magic methods the house style leaves to their names."""


def test_ruff_asks_a_docstring_of_every_public_name_in_engine_alone() -> None:
    """The house style's "docstrings on every public name" is held by ruff in ``engine/``: a
    name added without one fails the suite, where about 130 had gone without. Not ``__init__``
    or ``__repr__`` (their names say it), and not tests, the bench or the examples."""
    assert sorted(_ruff_findings("engine/probe.py", _UNDOCUMENTED)) == [
        "D100",  # the module
        "D101",  # Found
        "D102",  # check
        "D103",  # found
        "D106",  # Found.Kind
    ]
    assert _ruff_findings("engine/probe/__init__.py", "X = 1\n") == ["D104"]
    for elsewhere in ("tests/test_probe.py", "bench/probe.py", "examples/probe.py"):
        assert _ruff_findings(elsewhere, _UNDOCUMENTED) == [], elsewhere


def test_ruff_format_is_clean() -> None:
    result = _run(_tool("ruff"), "format", "--check", *_CHECKED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean() -> None:
    result = _run(_tool("mypy"), "engine", "bench", ".ci/mutants.py")
    assert result.returncode == 0, result.stdout + result.stderr


def _mypy_errors(tmp_path: Path, app_source: str) -> list[tuple[int, str]]:
    """``mypy --strict``'s errors on an app of this source: (line number, the error line)."""
    app = tmp_path / "app.py"
    app.write_text(app_source, encoding="utf-8")
    result = _run(_tool("mypy"), "--strict", "--no-incremental", str(app))
    lines = [line for line in result.stdout.splitlines() if ": error:" in line]
    return [(int(line.split(":")[1]), line) for line in lines]


def test_mypy_strict_knows_the_public_names_and_refuses_misspelt_ones(tmp_path: Path) -> None:
    """An app type-checked against the package sees each exported name's real type, and a
    misspelt one is an error (the lazy module ``__getattr__`` once made any name ``Any``)."""
    errors = _mypy_errors(
        tmp_path,
        "import engine\n"
        "from typing import TypedDict\n"
        "from engine import Decision, EventError, load_plan\n"
        "class Complaint(TypedDict):\n"  # an app's own event type: a plain dict at run time
        "    id: str\n"
        "    type: str\n"
        "complaint: Complaint = {'id': 'e', 'type': 'review'}\n"
        "plan = load_plan('rules/')\n"
        "decision: Decision = plan.evaluate(complaint)\n"
        "from engine import Customer, Event\n"  # the typed event, its parts by their models
        "typed = Event(id='e', type='review', customer=Customer(first_name='Dana'))\n"
        "again: Decision = plan.evaluate(typed)\n"
        "error: type[EventError] = EventError\n"
        "from engine import load_plna\n"
        "count: int = engine.lod_plan\n",
    )
    assert [number for number, _ in errors] == [14, 15], errors
    assert all("[attr-defined]" in line for _, line in errors), errors


def test_mypy_strict_refuses_assigning_to_a_decision(tmp_path: Path) -> None:
    """A decision is read-only at run time (AttributeError), and an app's type checker says so
    before it runs: every field of every view is ``Final`` to it, and reading them still has
    their types (an ``int`` is not a ``str``)."""
    errors = _mypy_errors(
        tmp_path,
        "from engine import load_plan\n"
        "decision = load_plan('rules/').evaluate({'id': 'e', 'type': 'review'})\n"
        "decision.event_id = 'other'\n"
        "decision.matched = []\n"
        "action = decision.actions[0]\n"
        "action.due = None\n"
        "summary = decision.compensation\n"
        "assert summary is not None\n"
        "summary.total = '0.00'\n"
        "summary.superseded[0].amount = '1'\n"
        "decision.plan.name = 'x'\n"
        "total: str = summary.total\n"
        "late: int = action.due\n",
    )
    # each assignment to a field is refused as final (and as not in the view's `__slots__`)
    assert sorted({number for number, _ in errors}) == [3, 4, 6, 9, 10, 11, 13], errors
    for number in (3, 4, 6, 9, 10, 11):
        assert any(n == number and "final" in line for n, line in errors), errors
    assert "[assignment]" in errors[-1][1], errors


def test_mypy_strict_reads_an_explained_decisions_trace_without_a_test_for_none(
    tmp_path: Path,
) -> None:
    """``plan.explain(event).trace`` had been typed ``list[TraceStep] | None``, as every
    decision's is, so an app checked with ``mypy --strict`` had to test it before reading the
    trace that ``explain`` always gives; an evaluated decision's may still be None. So had
    that of an explained decision read back, ``ExplainedDecision.validate(line)``."""
    errors = _mypy_errors(
        tmp_path,
        "from engine import ExplainedDecision, load_plan\n"
        "plan = load_plan('rules/')\n"
        "event = {'id': 'e', 'type': 'review'}\n"
        "first = plan.explain(event).trace[0]\n"
        "why: str | None = first.reason\n"
        "other = plan.evaluate(event).trace[0]\n"
        "again = ExplainedDecision.validate({}).trace[0]\n",
    )
    assert [number for number, _ in errors] == [6], errors
    assert "[index]" in errors[0][1], errors


def test_mypy_strict_refuses_changing_a_plan_or_deciding_text(tmp_path: Path) -> None:
    """A plan is read-only at run time, and an app's type checker says so; every way to decide
    takes what ``evaluate`` takes (a mapping or an ``Event``), so JSON text given in its
    place is an error before it runs (``engine.read_event`` reads it)."""
    errors = _mypy_errors(
        tmp_path,
        "from engine import load_plan, read_event\n"
        "plan = load_plan('rules/')\n"
        "plan.model = plan.model\n"
        "plan.matcher = plan.matcher\n"
        'line = b\'{"id": "e", "type": "review"}\'\n'
        "plan.decide(line)\n"
        "plan.decision_line('text')\n"
        "plan.evaluate_json(line)\n"
        "plan.line_and_decision(line)\n"
        "plan.decide(read_event(line))\n"
        "plan.decision_line({'id': 'e', 'type': 'review'})\n",
    )
    assert [number for number, _ in errors] == [3, 4, 6, 7, 8, 9], errors
    assert all("read-only" in line for _, line in errors[:2]), errors
    assert all("[arg-type]" in line for _, line in errors[2:]), errors


def test_mypy_strict_refuses_a_misspelt_name_a_deletion_a_plan_node_change_or_a_set(
    tmp_path: Path,
) -> None:
    """Each passed ``mypy --strict`` and failed only at run time (found by review): the views'
    and the plan's ``__setattr__`` let the checker allow any name, the model's nodes were
    declared through an alias of ``dataclass`` it did not know were frozen, and a set of paths
    (whose order, and so the decisions, change from one process to the next) was a plan source.
    (``del decision.matched`` still passes the checker: mypy does not check deleting a
    ``Final`` name; it fails at run time.)"""
    errors = _mypy_errors(
        tmp_path,
        "from engine import load_plan\n"
        "plan = load_plan('rules/')\n"
        "decision = plan.evaluate({'id': 'e', 'type': 'review'})\n"
        "decision.mached = ['x']\n"
        "plan.nmae = 'x'\n"
        "plan.model.rules[0].priority = 1000\n"
        "load_plan({'a.yaml', 'b.yaml'})\n"
        "load_plan(['a.yaml', 'b.yaml'])\n",
    )
    assert [number for number, _ in errors] == [4, 5, 6, 7], errors


def test_mypy_strict_refuses_a_period_the_report_does_not_count_in(tmp_path: Path) -> None:
    """``summarize(..., by="year")`` and ``ReportCounts("Week")`` raise ValueError when run;
    an app's type checker says so before (``by`` had been typed ``str``; found by review)."""
    errors = _mypy_errors(
        tmp_path,
        "from engine import ReportCounts, summarize\n"
        "summarize([], by='month')\n"
        "ReportCounts('day')\n"
        "summarize([], by='year')\n"
        "ReportCounts('Week')\n",
    )
    assert [number for number, _ in errors] == [4, 5], errors
    assert all("[arg-type]" in line for _, line in errors), errors


def test_every_python_example_of_the_docs_passes_mypy_strict(tmp_path: Path) -> None:
    """An app's developer copies the docs' Python into code its type checker holds to
    ``--strict``: each block must pass it as written, not only run. The tenant example of
    semantics.md gave ``dataclasses.replace`` a list of rules where the model holds a tuple,
    an ``arg-type`` error in the app (found by review)."""
    from tests.test_docs import _python_examples

    examples = _python_examples()
    for number, (place, code) in enumerate(examples):
        (tmp_path / f"example_{number}.py").write_text(f"# {place}\n{code}", encoding="utf-8")
    result = _run(_tool("mypy"), "--strict", "--no-incremental", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
