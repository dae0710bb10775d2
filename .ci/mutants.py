"""Mutation testing for Backplan: does a test fail when the code is made slightly wrong?

A green suite says the tests pass; it does not say they would notice a mistake. This script makes
one small mistake at a time in one module of ``engine/`` (a *mutant*: ``<`` written ``<=``,
``and`` written ``or``, a ``not`` dropped, a line deleted, a loop that skips its first item...),
runs the tests you name against it, and tells whether they noticed (*killed*), did not
(*survived*) or ran past the time allowed (*timeout*). A survivor is either a test to write, or an
*equivalent* mutant: a change that cannot alter what the code does (a cache's size, two names
added in the other order), to be noted with why and left.

Usage (from anywhere; the repository is the folder above this script)::

    python .ci/mutants.py list report                 # every site: SPEC, function, line, kind
    python .ci/mutants.py show report 12              # the mutant report:12, as a diff
    python .ci/mutants.py run --tests tests/test_report.py tests/cli/test_report_cli.py \\
        --out report.jsonl report                     # every mutant of engine/report.py
    python .ci/mutants.py run --tests tests/test_report.py report:12 report:40

A MODULE is a module of ``engine/`` as Python imports it, without ``engine.`` (``report``,
``slips.numbers``); a SPEC is ``module:index`` or ``module`` for all its sites. The ``--tests``
list ends at the first argument that is not a file or folder of the repository (a test id
``file::name`` counts as its file).

Sites are numbered in the order ``ast.walk`` meets them in each function, functions in the order
of the source, so the same index names the same mutant as long as the module's source is the
same. Only code inside functions is mutated, never a docstring. A mutant is the module's syntax
tree with one site changed, written back with ``ast.unparse`` (comments and layout are lost, the
meaning kept); ``show`` compares it with the original unparsed the same way, so the diff is the
change alone. A mutant whose text is the original's is *equivalent-text* and is not run.

The working tree is never touched: the repository (without ``.git``, caches and virtual
environments) is copied into a temporary folder, the mutant written there, and pytest run there
with ``-x -q -p no:cacheprovider`` and ``PYTHONPATH`` at the copy, by the same Python that runs
this script (``sys.executable``). The tests are first run once on the copy unmutated: if they fail
there, no mutant can be judged and the run stops. The copy is removed at the end. Standard
library only, so it runs in any environment that can run the tests.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import difflib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
"""The repository this script belongs to: it sits in the repository's ``.ci/``."""

PYTEST_OPTIONS = ("-x", "-q", "-p", "no:cacheprovider")
"""Stop at the first failure: one failing test is enough to kill a mutant."""

COPY_LEAVES_OUT = (".git", ".venv", "__pycache__", "*.pyc", ".*_cache", ".hypothesis")
"""What the scratch copy of the repository does without (history, environments, caches)."""

COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
"""A comparison made off by one (``<`` → ``<=``) or turned around (``==`` → ``!=``)."""

COMPARE_FLIPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.Gt,
    ast.Gt: ast.Lt,
    ast.LtE: ast.GtE,
    ast.GtE: ast.LtE,
}
"""An ordering compared the wrong way round (``<`` → ``>``)."""

NAME_SWAPS = {"min": "max", "max": "min"}
"""Names whose mix-up is a plausible mistake."""

WORD_SWAPS = (" < ", " <= ", " > ", " >= ", " and ", " or ", " == ", " != ")
"""Words in a text (a message, generated code) whose mix-up changes what it says or does."""

WORD_SWAPPED = {" < ": " <= ", " <= ": " < ", " > ": " >= ", " >= ": " > ", " and ": " or "}
WORD_SWAPPED |= {" or ": " and ", " == ": " != ", " != ": " == "}


@dataclass(frozen=True)
class Site:
    """One place a mutant can be made: the function it is in, the node, the kind of change and
    which one (an operator's position, a constant's new value...)."""

    function: str
    node: ast.AST
    kind: str
    detail: object = None

    @property
    def line(self) -> int:
        """The site's line in the module's source (a comprehension's: its ``for``'s target's)."""
        node = self.node.target if isinstance(self.node, ast.comprehension) else self.node
        return int(getattr(node, "lineno", 0))


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the constants that are docstrings: a docstring's words change no behaviour."""
    found: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(id(value))
    return found


def _functions(tree: ast.Module) -> list[tuple[str, ast.AST]]:
    """Every function and method, named ``Class.method`` or ``outer.inner``, in source order."""
    found: list[tuple[str, ast.AST]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                found.append((prefix + child.name, child))
                visit(child, prefix + child.name + ".")
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")

    visit(tree, "")
    return found


def _expression_sites(node: ast.AST, docstrings: set[int]) -> Iterator[tuple[str, object]]:
    """The (kind, detail) of each mutant of an expression node."""
    if isinstance(node, ast.Compare):
        for position, op in enumerate(node.ops):
            if type(op) in COMPARE_SWAPS:
                yield "compare", position
            if type(op) in COMPARE_FLIPS:
                yield "flip", position
    elif isinstance(node, ast.BoolOp):
        yield "boolop", None
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "drop-not", None
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub):
        if not _is_text(node.left):
            yield "arith", None
    elif isinstance(node, ast.Constant) and id(node) not in docstrings:
        yield from _constant_sites(node.value)
    elif isinstance(node, ast.Name) and node.id in NAME_SWAPS:
        yield "name", None
    elif isinstance(node, ast.Call) and len(node.args) >= 2 and not _has_starred(node.args):
        yield "swap-args", None


def _has_starred(arguments: list[ast.expr]) -> bool:
    """Whether a call spreads a list among its arguments (``f(*a, b)``): no two to swap."""
    return any(isinstance(argument, ast.Starred) for argument in arguments)


def _is_text(node: ast.AST) -> bool:
    """Whether a ``+`` joins texts: ``"a" - "b"`` is a crash every test notices, not a mutant."""
    if isinstance(node, ast.JoinedStr):
        return True
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _constant_sites(value: object) -> Iterator[tuple[str, object]]:
    """A flag turned over, a number one more and one less, a word swapped in a text."""
    if isinstance(value, bool):
        yield "flag", None
    elif isinstance(value, int):
        yield "number", 1
        yield "number", -1
    elif isinstance(value, str):
        for word in WORD_SWAPS:
            if word in value:
                yield "words", word


def _statement_sites(node: ast.AST, docstrings: set[int]) -> Iterator[tuple[str, object]]:
    """The (kind, detail) of each mutant of a statement (or comprehension) node."""
    if isinstance(node, ast.If):
        yield "negate-if", None
    if isinstance(node, ast.Assign | ast.AugAssign | ast.Expr):
        value = node.value
        if id(value) not in docstrings:
            yield "delete", None
    if isinstance(node, ast.Return) and not isinstance(node.value, ast.Constant | None):
        for constant in (True, False, None):
            yield "return", constant
    if isinstance(node, ast.For | ast.comprehension):
        yield "skip-first", None


def sites(tree: ast.Module) -> list[Site]:
    """Every mutation site of the module's functions, in a stable order (see the docstring)."""
    docstrings = _docstrings(tree)
    found: list[Site] = []
    seen: set[int] = set()
    for name, function in _functions(tree):
        for node in ast.walk(function):
            if id(node) in seen:
                continue
            seen.add(id(node))
            for kind, detail in _expression_sites(node, docstrings):
                found.append(Site(name, node, kind, detail))
            for kind, detail in _statement_sites(node, docstrings):
                found.append(Site(name, node, kind, detail))
    return found


def _changed(node: ast.AST, kind: str, detail: object) -> ast.AST:
    """The node with the site's change made (the node itself, changed, or its replacement)."""
    if isinstance(node, ast.Compare) and kind in {"compare", "flip"}:
        assert isinstance(detail, int)
        table = COMPARE_SWAPS if kind == "compare" else COMPARE_FLIPS
        node.ops[detail] = table[type(node.ops[detail])]()
    elif isinstance(node, ast.BoolOp):
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif isinstance(node, ast.UnaryOp):
        return node.operand
    elif isinstance(node, ast.BinOp):
        node.op = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
    elif isinstance(node, ast.Constant):
        node.value = _changed_constant(node.value, kind, detail)
    elif isinstance(node, ast.Name):
        node.id = NAME_SWAPS[node.id]
    elif isinstance(node, ast.Call):
        node.args[0], node.args[1] = node.args[1], node.args[0]
    else:
        return _changed_statement(node, kind, detail)
    return node


def _changed_constant(value: object, kind: str, detail: object) -> str | int | bool:
    """A constant's new value."""
    if kind == "flag":
        return value is not True
    if kind == "number":
        assert isinstance(value, int) and isinstance(detail, int)
        return value + detail
    assert isinstance(value, str) and isinstance(detail, str)
    return value.replace(detail, WORD_SWAPPED[detail], 1)


def _changed_statement(node: ast.AST, kind: str, detail: object) -> ast.AST:
    """A statement negated, deleted, made to return a constant, or a loop skipping its first."""
    if kind == "negate-if" and isinstance(node, ast.If):
        node.test = ast.UnaryOp(ast.Not(), node.test)
    elif kind == "delete":
        return ast.Pass()
    elif kind == "return" and isinstance(node, ast.Return):
        assert detail is None or isinstance(detail, bool)
        node.value = ast.Constant(detail)
    elif kind == "skip-first" and isinstance(node, ast.For | ast.comprehension):
        whole = ast.Call(ast.Name("list", ast.Load()), [node.iter], [])
        node.iter = ast.Subscript(whole, ast.Slice(ast.Constant(1), None), ast.Load())
    else:
        raise ValueError(f"no change {kind!r} for {type(node).__name__}")
    return node


class _Mutator(ast.NodeTransformer):
    """Makes one site's change and leaves every other node as it is."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def visit(self, node: ast.AST) -> ast.AST:
        """The site's node changed; any other node visited as usual."""
        if node is self.site.node:
            return _changed(node, self.site.kind, self.site.detail)
        result: ast.AST = super().visit(node)
        return result


@dataclass(frozen=True)
class Mutant:
    """One mutant of a module: its spec, what was changed, and both texts unparsed."""

    spec: str
    description: str
    original: str
    text: str

    def diff(self) -> str:
        """The change, as the lines of a unified diff without its header."""
        lines = difflib.unified_diff(
            self.original.splitlines(), self.text.splitlines(), lineterm="", n=0
        )
        return "\n".join(list(lines)[2:])


def describe(module: str, index: int, site: Site) -> str:
    """A site in one line: spec, function, line, kind of change and its detail."""
    detail = "" if site.detail is None and site.kind != "return" else f" {site.detail!r}"
    return f"{module}:{index}\t{site.function}\tline {site.line}\t{site.kind}{detail}"


def mutant_of(module: str, source: str, index: int) -> Mutant:
    """The module's mutant number ``index`` (its site in the order :func:`sites` gives)."""
    original = ast.unparse(ast.parse(source))
    tree = ast.parse(source)
    found = sites(tree)
    if not 0 <= index < len(found):
        raise IndexError(f"{module} has {len(found)} sites, numbered 0 to {len(found) - 1}")
    site = found[index]
    changed = _Mutator(site).visit(tree)
    ast.fix_missing_locations(changed)
    return Mutant(
        f"{module}:{index}", describe(module, index, site), original, ast.unparse(changed)
    )


def module_path(root: Path, module: str) -> Path:
    """The file of an ``engine`` module named as Python imports it, ``engine.`` left out."""
    if not re.fullmatch(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*", module):
        raise ValueError(f"{module!r} is not a module name (such as report or slips.numbers)")
    path = root / "engine" / Path(*module.split("."))
    return path.with_suffix(".py") if path.with_suffix(".py").exists() else path / "__init__.py"


def read_module(root: Path, module: str) -> str:
    """The module's source text."""
    return module_path(root, module).read_text(encoding="utf-8")


def expand(root: Path, specs: Sequence[str]) -> list[tuple[str, int]]:
    """Specs as (module, index): ``module:index`` as written, ``module`` as all its sites."""
    wanted: list[tuple[str, int]] = []
    for spec in specs:
        module, colon, index = spec.partition(":")
        if colon:
            wanted.append((module, int(index)))
        else:
            count = len(sites(ast.parse(read_module(root, module))))
            wanted.extend((module, i) for i in range(count))
    return wanted


def split_tests(root: Path, words: Sequence[str]) -> tuple[list[str], list[str]]:
    """``--tests``' words cut where the tests end: the first word that names no file or folder of
    the repository (``path::test`` names its path) starts the specs."""
    for position, word in enumerate(words):
        if not (root / word.split("::")[0]).exists():
            return list(words[:position]), list(words[position:])
    return list(words), []


def scratch_copy(root: Path) -> Path:
    """A copy of the repository in a new temporary folder, to write mutants in."""
    folder = Path(tempfile.mkdtemp(prefix="backplan-mutants-"))
    copy = folder / "repo"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(*COPY_LEAVES_OUT))
    return copy


def run_tests(copy: Path, tests: Sequence[str], timeout: float) -> tuple[str, str]:
    """Run pytest on the copy: ("killed" and the first failure, "survived" or "timeout").

    pytest runs in a process group of its own, ended whole when it runs out of time or this
    script is interrupted: a mutant that hangs ``eval --jobs`` leaves worker processes forked
    from pytest, which outlived it, still running on the copy, when only pytest was ended."""
    environment = {**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", *PYTEST_OPTIONS, *tests]
    with subprocess.Popen(
        command,
        cwd=copy,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    ) as process:
        try:
            stdout, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            return "timeout", ""
        finally:
            _end_group(process.pid)
    if process.returncode == 0:
        return "survived", ""
    failed = [line for line in stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
    return "killed", failed[0] if failed else f"pytest exit {process.returncode}"


def _end_group(group: int) -> None:
    """End every process left in the group pytest led (none, usually)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGKILL)


def judge(copy: Path, mutant: Mutant, tests: Sequence[str], timeout: float) -> dict[str, object]:
    """Write the mutant into the copy, run the tests, put the original back: the outcome."""
    if mutant.text == mutant.original:
        return {"spec": mutant.spec, "result": "equivalent-text", "seconds": 0.0, "failed": ""}
    module, _, _ = mutant.spec.partition(":")
    path = module_path(copy, module)
    original = path.read_text(encoding="utf-8")
    start = time.monotonic()
    try:
        path.write_text(mutant.text, encoding="utf-8")
        result, failed = run_tests(copy, tests, timeout)
    finally:
        path.write_text(original, encoding="utf-8")
    seconds = round(time.monotonic() - start, 1)
    return {"spec": mutant.spec, "result": result, "seconds": seconds, "failed": failed}


def run(tests: Sequence[str], specs: Sequence[str], out: Path | None, timeout: float | None) -> int:
    """Judge every mutant the specs name; print each outcome and a summary. Exit 0 once run."""
    wanted = expand(REPO, specs)
    copy = scratch_copy(REPO)
    signal.signal(signal.SIGTERM, _interrupted)  # so that the copy is removed all the same
    try:
        start = time.monotonic()
        baseline, failed = run_tests(copy, tests, timeout or 3600)
        if baseline != "survived":
            print(f"the tests do not pass unmutated ({baseline}: {failed}); nothing judged")
            return 1
        allowed = timeout or round(10 * (time.monotonic() - start) + 30)
        print(f"{len(wanted)} mutants; the tests pass unmutated; {allowed}s allowed each")
        counts: Counter[str] = Counter()
        for module, index in wanted:
            mutant = mutant_of(module, read_module(REPO, module), index)
            outcome = judge(copy, mutant, tests, allowed)
            outcome["description"] = mutant.description
            counts[str(outcome["result"])] += 1
            print(f"{outcome['result']:<16}{mutant.description}\t{outcome['failed']}", flush=True)
            if out is not None:
                with out.open("a", encoding="utf-8") as stream:
                    stream.write(json.dumps(outcome) + "\n")
        print(summary(counts))
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)
    return 0


def _interrupted(number: int, _frame: object) -> None:
    """A stop signal (``kill``) ends the run as Ctrl-C does, through its clean-up."""
    raise KeyboardInterrupt


def summary(counts: Counter[str]) -> str:
    """The outcomes counted, killed first, with the share killed of the mutants run."""
    run_ = sum(n for result, n in counts.items() if result != "equivalent-text")
    share = f" ({100 * counts['killed'] // run_}% killed)" if run_ else ""
    parts = [f"{counts[r]} {r}" for r in ("killed", "survived", "timeout", "equivalent-text")]
    return f"{run_} run{share}: " + ", ".join(parts)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mutants.py", description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="list a module's mutation sites")
    listing.add_argument("module")
    show = commands.add_parser("show", help="print one mutant as a diff")
    show.add_argument("module")
    show.add_argument("index", type=int)
    running = commands.add_parser("run", help="run the tests against mutants")
    running.add_argument("--tests", nargs="+", required=True, metavar="TESTFILE")
    running.add_argument("--out", type=Path, help="append one JSON line per mutant to this file")
    running.add_argument("--timeout", type=float, help="seconds per mutant (default: 10 x tests)")
    running.add_argument("specs", nargs="*", metavar="SPEC")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: list, show or run."""
    arguments = _parser().parse_args(argv)
    if arguments.command == "list":
        tree = ast.parse(read_module(REPO, arguments.module))
        for index, site in enumerate(sites(tree)):
            print(describe(arguments.module, index, site))
        return 0
    if arguments.command == "show":
        mutant = mutant_of(arguments.module, read_module(REPO, arguments.module), arguments.index)
        print(mutant.description)
        print(mutant.diff())
        return 0
    tests, specs = split_tests(REPO, arguments.tests)
    specs += arguments.specs
    if not tests or not specs:
        print("run needs test files after --tests, then at least one SPEC", file=sys.stderr)
        return 2
    try:
        return run(tests, specs, arguments.out, arguments.timeout)
    except KeyboardInterrupt:  # Ctrl-C or kill: the copy is removed; the outcomes kept
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
