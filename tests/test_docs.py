"""The documentation is held to the code: a doc that drifts from the code fails here.

* ``docs/cli.md`` is exactly what ``python -m engine.clidoc`` generates from ``--help``;
* every diagnostic or error code the source can emit has an entry in ``docs/diagnostics.md`` (the
  codes are found by scanning the source, so a new code without documentation fails), and every
  documented code is one the source can emit;
* every operator and action type of the language has a section in ``docs/rule-language.md``;
* every complete plan shown in the README and the docs (a ```yaml block whose first line, after comments, is
  ``backplan: 1``) is a valid plan, and the worked example in ``docs/semantics.md`` gives exactly
  the decision printed there;
* every ```python block of the README and the docs runs as written, each on its own;
* ``docs/authoring.md``'s example test file is ``tests/authoring/acme.test.yaml``, and its
  ``explain`` transcript is what the command above it prints;
* every ``engine`` name the README, the docs and the engine's own docstrings send a reader to
  (``engine.errors.shown_text``, ``:class:`~engine.output.Reached```) exists;
* the regular-expression step counts ``docs/rule-language.md`` gives are the compiled ones;
* each limit of the table in ``docs/security.md`` is the value of the constant it names;
* CONTRIBUTING.md's map names every module of ``engine/``, and the steps of *Adding things*
  every module of the packages they add to;
* each entry of ``CHANGELOG.md`` is whole: it ends as a sentence does.
"""

from __future__ import annotations

import ast
import builtins
import gzip
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine import clidoc, regex
from engine.api import check_plan, load_plan
from engine.checklist import render_checklist
from engine.codebook import codes_by_section
from engine.model import ACTION_TYPES, OPERATORS
from tests.conftest import REPO, printed_by_a_child

DOCS = REPO / "docs"
ENGINE = REPO / "engine"
SCHEMAS = REPO / "schemas"

# --------------------------------------------------------------------------------------------
# docs/cli.md


def test_cli_reference_is_up_to_date() -> None:
    committed = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert committed == clidoc.render(), (
        "docs/cli.md differs from the commands' --help: run `python -m engine.clidoc`"
    )


def test_cli_reference_has_a_section_per_command() -> None:
    import click

    from engine.cli import cli

    text = clidoc.render()
    for name in cli.list_commands(click.Context(cli)):
        assert f"\n## backplan {name}\n" in text
        assert f"Usage: backplan {name} " in text


def test_clidoc_check_reports_drift_and_rewrite_fixes_it(tmp_path: Path) -> None:
    target = tmp_path / "cli.md"
    target.write_text("# stale\n", encoding="utf-8")
    assert clidoc.main(["--check", str(target)]) == 1
    assert target.read_text(encoding="utf-8") == "# stale\n", "--check must not write"
    assert clidoc.main([str(target)]) == 0
    assert clidoc.main(["--check", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == clidoc.render()


def test_clidoc_refuses_unknown_options(tmp_path: Path) -> None:
    assert clidoc.main(["--frobnicate"]) == 2


# --------------------------------------------------------------------------------------------
# Diagnostic codes: found in the source, documented in docs/diagnostics.md

_KEBAB = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]*[a-z][a-z0-9]*)+$")
"""A code such as ``unknown-key``: words joined by ``-`` (no all-digit part, so not ``utf-8``)."""
_WORD_CODE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
"""Any code, one-word ones (``invalid``, ``unreadable``) included."""

_CODE_ARGUMENT = {
    "Diagnostic": 1,  # Diagnostic(severity, code, message, ...)
    "_error": 1,  # loading._error(path, code, ...)
    "_YamlProblemError": 0,  # _YamlProblemError(code, message, ...)
    "_missing": 1,  # planfile._missing(path, code, message)
    "error": 1,  # planfile._Builder.error(at, code, ...)
    "EventError": 2,  # EventError(message, pointer, code)
    "error_record": 3,  # answerer.error_record(source, line, index, code, ...)
}
"""Calls whose argument at this position is a code: catches one-word codes."""

NOT_CODES: dict[str, str] = {
    "smaller-offer": "a superseded offer's reason in decisions (docs/semantics.md, Compensation)",
    "cap-reached": "a superseded offer's reason in decisions (docs/semantics.md, Compensation)",
    "zero-amount": "a superseded offer's reason in decisions (docs/semantics.md, Compensation)",
    "python-re": "pydantic's name for Python's regex engine (engine/decisionmodel.py)",
    "look-ahead": "what RE2 lacks of Perl's patterns, told by bad-regex (engine/regex.py)",
    "look-behind": "what RE2 lacks of Perl's patterns, told by bad-regex (engine/regex.py)",
    "back-reference": "what RE2 lacks of Perl's patterns, told by bad-regex (engine/regex.py)",
    "plan-test": "the kind of file a YAML syntax error's hint is for (engine/yamlsyntax/problem.py)",
    "system-out": "a JUnit element: a test file's rules fired in no case (docs/authoring.md)",
}
"""Words joined by ``-`` in engine/ that are not diagnostic codes, with where they are explained."""


def _callee(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _string(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _codes_in_module(tree: ast.AST) -> Iterator[tuple[str, int]]:
    """(code, line) for every string in a code position, and every dashed word not a key."""
    ignored: set[int] = set()  # ids of constants that are dict keys or examples, not codes
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            ignored.update(id(k) for k in node.keys if k is not None)
        elif isinstance(node, ast.keyword) and node.arg == "examples":
            ignored.update(id(n) for n in ast.walk(node.value))
    for node in ast.walk(tree):
        candidates: list[ast.AST | None] = []
        if isinstance(node, ast.Call):
            position = _CODE_ARGUMENT.get(_callee(node))
            if position is not None and position < len(node.args):
                candidates.append(node.args[position])
            candidates.extend(k.value for k in node.keywords if k.arg == "code")
        elif isinstance(node, ast.Assign):
            if any(isinstance(t, ast.Name) and t.id == "code" for t in node.targets):
                candidates.append(node.value)
        elif isinstance(node, ast.AnnAssign):
            if isinstance(node.target, ast.Name) and node.target.id == "code":
                candidates.append(node.value)
        elif isinstance(node, ast.arguments):
            positional = [*node.posonlyargs, *node.args]
            defaults: list[ast.expr | None] = [*node.defaults]
            pairs = list(zip(positional[len(positional) - len(defaults) :], defaults, strict=True))
            pairs += list(zip(node.kwonlyargs, node.kw_defaults, strict=True))
            candidates.extend(default for arg, default in pairs if arg.arg == "code")
        elif isinstance(node, ast.FunctionDef) and node.name == "_code":
            # schema._code maps jsonschema keywords to codes: every value, and the default.
            candidates.extend(
                n for n in ast.walk(node) if _string(n) is not None and id(n) not in ignored
            )
        for candidate in candidates:
            text = _string(candidate)
            if text is not None and _WORD_CODE.match(text):
                yield text, candidate.lineno  # type: ignore[union-attr]
        text = _string(node)
        if (
            text is not None
            and _KEBAB.match(text)
            and not text.startswith("x-")
            and id(node) not in ignored
        ):
            yield text, node.lineno  # type: ignore[attr-defined]


def _schema_codes(value: Any) -> Iterator[str]:
    """The codes of a schema's ``x-messages`` (the third item of each entry)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "x-messages":
                for entry in item.values():
                    if len(entry) > 2:
                        yield entry[2]
            else:
                yield from _schema_codes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _schema_codes(item)


def emitted_codes() -> dict[str, str]:
    """Every code the source can emit -> one place it comes from (``file:line``)."""
    found: dict[str, str] = {}
    for path in sorted(ENGINE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for code, line in _codes_in_module(tree):
            if code not in NOT_CODES:
                found.setdefault(code, f"{path.relative_to(REPO)}:{line}")
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        for code in _schema_codes(json.loads(path.read_text(encoding="utf-8"))):
            found.setdefault(code, f"schemas/{path.name} (x-messages)")
    return found


def documented_codes() -> set[str]:
    """The codes with an entry (a ``### `code` `` heading) in docs/diagnostics.md, read as
    the published schemas of diagnostics and error records read them (``engine.codebook``)."""
    return {code for codes in codes_by_section().values() for code in codes}


def test_the_scanner_finds_codes_of_every_origin() -> None:
    found = emitted_codes()
    # One of each way a code is written: class attribute, Diagnostic/_error/_YamlProblemError
    # argument, EventError argument, keyword, schema.x-messages, schema._code, one-word codes.
    for code in (
        "duplicate-rule-id",
        "yaml-tag",
        "unreadable",
        "bad-duration",
        "missing-id",
        "bad-json",
        "no-operator",
        "wrong-type",
        "invalid",
        "internal-error",
    ):
        assert code in found, code


def test_the_scanner_ignores_words_that_are_not_codes() -> None:
    found = emitted_codes()
    for word in ("utf-8", "follow-up", "root-cause", "x-messages", "c-1042"):
        assert word not in found, word


def test_every_emitted_code_is_documented() -> None:
    missing = {c: where for c, where in emitted_codes().items() if c not in documented_codes()}
    assert not missing, (
        "codes the source can emit but docs/diagnostics.md does not explain (add a "
        "`### `code`` entry; if it is not a code, add it to NOT_CODES in tests/test_docs.py): "
        + ", ".join(f"{c} ({where})" for c, where in sorted(missing.items()))
    )


def test_every_documented_code_exists() -> None:
    stale = documented_codes() - set(emitted_codes())
    assert not stale, f"docs/diagnostics.md documents codes the source never emits: {stale}"


# --------------------------------------------------------------------------------------------
# docs/rule-language.md: the vocabulary


def _headings(name: str) -> str:
    text = (DOCS / name).read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if line.startswith("#"))


@pytest.mark.parametrize("operator", OPERATORS)
def test_every_operator_has_a_section(operator: str) -> None:
    assert f"`{operator}`" in _headings("rule-language.md"), operator


@pytest.mark.parametrize("action", ACTION_TYPES)
def test_every_action_type_has_a_section(action: str) -> None:
    assert f"### `{action}`" in _headings("rule-language.md"), action


# --------------------------------------------------------------------------------------------
# Plans shown in the docs are valid

_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
_FILE_LINE = re.compile(r"^# file: (\S+)\s*$")


def _blocks(page: Path) -> Iterator[tuple[int, str, str]]:
    """(line, language, text) of every fenced block of a page."""
    text = page.read_text(encoding="utf-8")
    for match in _FENCE.finditer(text):
        yield text.count("\n", 0, match.start()) + 1, match.group(1), match.group(2)


def _is_plan(text: str) -> bool:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return bool(lines) and lines[0] == "backplan: 1"


def doc_plans(page: Path) -> list[tuple[str, dict[str, str]]]:
    """The complete plans shown on a page: (label, {relative path: text}).

    Blocks whose first line is ``# file: folder/name.yaml`` are files of one plan in ``folder``.
    """
    plans: dict[str, dict[str, str]] = {}
    for line, language, text in _blocks(page):
        if language != "yaml" or not _is_plan(text):
            continue
        first = _FILE_LINE.match(text.splitlines()[0])
        if first is not None:
            folder = first.group(1).split("/")[0]
            plans.setdefault(f"{page.name}:{folder}/", {})[first.group(1)] = text
        else:
            plans[f"{page.name}:{line}"] = {"plan.yaml": text}
    return list(plans.items())


DOC_PLANS = [
    plan
    for page in (REPO / "README.md", DOCS / "rule-language.md", DOCS / "semantics.md")
    for plan in doc_plans(page)
]
"""The README's *Writing a plan* too: no test had read it."""


def test_the_docs_show_plans() -> None:
    assert len(doc_plans(DOCS / "rule-language.md")) >= 10
    assert any(label.startswith("README.md:") for label, _ in DOC_PLANS)
    assert any(len(files) > 1 for _, files in DOC_PLANS), "the multi-file example is gone"


@pytest.mark.parametrize(("label", "files"), DOC_PLANS, ids=[label for label, _ in DOC_PLANS])
def test_plans_in_the_docs_are_valid(label: str, files: dict[str, str], tmp_path: Path) -> None:
    for relative, text in files.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    folder = next(iter(files)).split("/")[0]
    source = tmp_path / folder if len(files) > 1 else path
    problems = check_plan(source)
    assert not problems, "\n".join(d.render() for d in problems)


def _fragment_plan(text: str) -> str | None:
    """A plan holding a snippet of docs/rule-language.md: a list of conditions under a rule's
    ``all:``, a list of actions under its ``then:`` (``prevent:`` for prevention ones), or its
    own ``then:`` or ``prevent:``; None for a snippet that is none of them."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    indented = "".join(f"      {ln}\n" for ln in text.splitlines())
    if lines[0].startswith(("- {field:", "- {use:")):
        body = f"    when:\n      all:\n{indented}    then: [{{note: {{message: x}}}}]\n"
    elif lines[0].startswith(("then:", "prevent:")):
        body = "".join(f"    {ln}\n" for ln in text.splitlines())
        body += "    then: [{note: {message: x}}]\n" if lines[0] == "prevent:" else ""
    elif re.match(r"- [a-z_]+:", lines[0]):
        prevention = lines[0].split(":")[0][2:] in {"root_cause", "training", "process_fix"}
        body = f"    {'prevent' if prevention else 'then'}:\n{indented}"
    else:
        return None
    return (
        "backplan: 1\nplan: {name: Acme, currency: USD}\n"
        f"rules:\n  - id: r\n    title: T\n    when: {{event: order}}\n{body}"
    ).replace("    when: {event: order}\n    when:\n", "    when:\n")


DOC_FRAGMENTS = [
    (f"rule-language.md:{line}", text)
    for line, language, text in _blocks(DOCS / "rule-language.md")
    if language == "yaml" and not _is_plan(text) and not _FILE_LINE.match(text.splitlines()[0])
]


def test_the_rule_language_shows_snippets() -> None:
    assert len(DOC_FRAGMENTS) > 20
    assert all(_fragment_plan(text) is not None for _, text in DOC_FRAGMENTS)


@pytest.mark.parametrize(
    ("label", "text"), DOC_FRAGMENTS, ids=[label for label, _ in DOC_FRAGMENTS]
)
def test_snippets_of_the_rule_language_are_valid(label: str, text: str, tmp_path: Path) -> None:
    """A condition or an action docs/rule-language.md shows, copied into a rule, is valid: only
    its whole plans were checked, and the page's snippets (one per operator and action) are
    what a manager copies most."""
    plan = _fragment_plan(text)
    assert plan is not None, f"{label}: a snippet that is neither conditions nor actions"
    path = tmp_path / "plan.yaml"
    path.write_text(plan, encoding="utf-8")
    problems = check_plan(path)
    assert not problems, "\n".join(d.render() for d in problems)


# --------------------------------------------------------------------------------------------
# The worked example of docs/semantics.md


def _example(name: str) -> str:
    """The block of docs/semantics.md introduced by ``<!-- example: name -->``."""
    text = (DOCS / "semantics.md").read_text(encoding="utf-8")
    match = re.search(
        rf"<!-- example: {re.escape(name)} -->\s*```\w*\n(.*?)^```", text, re.MULTILINE | re.DOTALL
    )
    assert match is not None, f"docs/semantics.md lost its `{name}` example"
    return match.group(1)


def test_the_worked_example_decides_as_documented(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(_example("plan"), encoding="utf-8")
    plan = load_plan(path)
    event = json.loads(_example("event"))
    documented = json.loads(_example("decision"))
    assert plan.decide(event) == documented, (
        "docs/semantics.md shows a decision the engine no longer makes: update the example"
    )
    assert render_checklist(documented) + "\n" == _example("pretty"), (
        "docs/semantics.md shows a --pretty checklist that differs from what eval prints"
    )


def test_a_plan_file_caught_half_written_is_a_plan_and_the_docs_say_to_rename(
    tmp_path: Path,
) -> None:
    """A holder polled while a file of its plan was being written over in place read the
    first rules alone, a valid plan, and put it in force until the next poll: nothing told
    embedders to replace plan files whole (found by an embedder's trial)."""
    from engine import PlanHolder

    folder = tmp_path / "rules"
    folder.mkdir()
    for plan_file in (REPO / "rules").glob("*.yaml"):
        (folder / plan_file.name).write_bytes(plan_file.read_bytes())
    holder = PlanHolder(folder)
    whole = (folder / "orders-and-products.yaml").read_text(encoding="utf-8")
    cut = whole.index("\n  - id:", whole.index("\n  - id:") + 1)
    (folder / "orders-and-products.yaml").write_text(whole[: cut + 1], encoding="utf-8")
    reloaded = holder.reload_if_changed()
    assert reloaded is not None and reloaded.ok  # fewer rules, and in force
    assert len(holder.plan.model.rules) < len(PlanHolder(REPO / "rules").plan.model.rules)
    said = " ".join(
        _section((DOCS / "semantics.md").read_text(encoding="utf-8"), "In Python").split()
    )
    assert "Replace a plan's files whole" in said and "`os.replace`" in said


def test_the_jsonl_loop_loses_no_event_to_a_bad_line(tmp_path: Path) -> None:
    """The loop docs/semantics.md gives embedders decides every good line of a file that also
    holds lines eval refuses (not UTF-8, nested too deep, not JSON, NaN, 1e400, half a
    character) and an event without an id: each bad one is a line of its own with eval's own
    code and words, none stops the loop, and it decides what eval decides, byte for byte."""
    (tmp_path / "rules").symlink_to(REPO / "rules")
    good = b'{"id": "g%d", "type": "review", "rating": 1, "customer": {"first_name": "Al"}}'
    lines = [good % 1, b'{"id": "caf\xe9", "type": "review"}', b"[" * 5000 + b"]" * 5000]
    lines += [good % 2, b"not json", b'{"type": "review"}', b"", good % 3]
    lines += [
        b'{"id": "n", "type": "review", "rating": NaN}',
        b'{"id": "i", "type": "order", "x": 1e400}',
    ]
    lines += [b'{"id": "s", "type": "review", "text": "\\ud800"}', b'"{\\"id\\": \\"t\\"}"']
    (tmp_path / "events.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    loop = tmp_path / "loop.py"
    loop.write_text(_example("jsonl-loop"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(loop)], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    said = done.stdout.splitlines()
    assert [json.loads(line)["event_id"] for line in said if line.startswith("{")] == [
        "g1",
        "g2",
        "g3",
    ]
    refused = [line for line in said if not line.startswith("{")]
    assert [line.split(": ", 2)[:2] for line in refused] == [
        ["events.jsonl:2", "bad-encoding"],
        ["events.jsonl:3", "too-deep"],
        ["events.jsonl:5", "bad-json"],
        ["events.jsonl:6", "missing-id"],
        ["events.jsonl:9", "bad-number"],
        ["events.jsonl:10", "bad-number"],
        ["events.jsonl:11", "bad-encoding"],
        ["events.jsonl:12", "not-an-object"],
    ]
    evaluated = subprocess.run(
        [sys.executable, "-m", "engine", "eval", "events.jsonl"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    records = [json.loads(line) for line in evaluated.stdout.splitlines()]
    # the same words, places included: `at line 5, column 2` of the file, as eval says
    assert [r["error"]["message"] for r in records if "error" in r] == [
        line.split(": ", 2)[2] for line in refused
    ]
    assert [line for line in said if line.startswith("{")] == [
        json.dumps(r, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
        for r in records
        if "error" not in r
    ]


def test_what_an_event_must_have_says_a_key_written_twice_is_refused() -> None:
    """The section an integrator reads first about events said a key written twice kept its
    last value, "with no warning", while eval and ``engine.read_event`` refuse such an event
    (``repeated-key``): an app written from it expected a decision and got an error."""
    from engine import EventError, read_event

    with pytest.raises(EventError) as refused:
        read_event('{"id": "a", "id": "b", "type": "review"}')
    assert refused.value.code == "repeated-key"
    text = (DOCS / "semantics.md").read_text(encoding="utf-8")
    section = _section(text, "What an event must have")
    said = " ".join(section.split())
    assert "written twice" in said
    assert "repeated-key" in said and "keeps its **last** value" not in said


def _python_examples() -> list[tuple[str, str]]:
    """Every ```` ```python ```` block of the README and the docs, with its place
    (``docs/semantics.md:752``)."""
    found = []
    for page in [REPO / "README.md", *sorted(DOCS.glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        for block in re.finditer(r"^```python\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
            line = text.count("\n", 0, block.start()) + 1
            found.append((f"{page.relative_to(REPO)}:{line}", block.group(1)))
    return found


_RUN_EACH = """
import sys
failed = []
for place, code in BLOCKS:
    try:
        exec(compile(code, place, "exec"), {"__name__": "__main__"})
    except BaseException as error:
        failed.append(f"{place}: {type(error).__name__}: {error}")
print("\\n".join(failed), file=sys.stderr)
sys.exit(1 if failed else 0)
"""


def test_every_python_example_runs_as_written(tmp_path: Path) -> None:
    """Each Python block of the README and the docs runs as written, each on its own, in a
    folder holding what the pages have a reader save or make: the plan in ``rules/``, the
    worked example's ``acme.yaml`` and ``event.json``, an ``events.jsonl`` and the
    ``decisions.jsonl`` eval writes. Three used an ``event`` (and a ``log``) they never
    made, and stopped at a NameError (found by embedding)."""
    examples = _python_examples()
    assert len(examples) >= 7
    (tmp_path / "rules").symlink_to(REPO / "rules")
    (tmp_path / "acme.yaml").write_text(_example("plan"), encoding="utf-8")
    (tmp_path / "event.json").write_text(_example("event"), encoding="utf-8")
    (tmp_path / "events.jsonl").symlink_to(REPO / "examples/events/stream.jsonl")
    plan = load_plan(REPO / "rules")
    events = sorted((REPO / "examples/events").glob("*.json"))
    decided = [plan.decision_line(json.loads(path.read_bytes()))[0] for path in events]
    (tmp_path / "decisions.jsonl").write_bytes(b"".join(decided))
    printed_by_a_child(f"BLOCKS = {examples!r}\n{_RUN_EACH}", "", cwd=tmp_path)


def test_each_diagnostic_example_shows_its_own_code() -> None:
    text = (DOCS / "diagnostics.md").read_text(encoding="utf-8")
    sections = re.split(r"^### `([a-z0-9-]+)`", text, flags=re.MULTILINE)[1:]
    for code, body in zip(sections[::2], sections[1::2], strict=True):
        shown = re.findall(r"\[([a-z0-9-]+)\]$", body, flags=re.MULTILINE)
        assert all(c == code for c in shown), f"the `{code}` entry shows examples of {shown}"


_PLACE = re.compile(r"^\S+?:(?:\d+:\d+:)? (?=(?:error|warning): )")
"""The ``FILE:LINE:COL: `` a diagnostic starts with, which depends on the file shown."""


def _without_places(text: str) -> list[str]:
    """A report's lines without their files and places (``see:`` lines are nothing else)."""
    return [_PLACE.sub("", line) for line in text.splitlines() if not line.startswith("  see:")]


def _apologizing(message: str) -> str:
    """A plan whose one rule apologizes to a late order's customer with ``message`` (as YAML
    writes it), and a fallback: a lint example about a message needs no more."""
    return (
        "backplan: 1\nplan: {name: Acme, currency: USD}\nrules:\n"
        "  - id: r1\n    title: Late\n    when: {event: order}\n"
        f"    then: [{{apologize: {{message: {message}}}}}]\n"
        "  - id: fb\n    title: Nothing fits\n    fallback: true\n"
        "    then: [{escalate: {to: cx-lead}}]\n"
    )


_REPRODUCED = {
    "bad-format": """\
backplan: 1
plan: {name: Acme, currency: usd}
rules:
  - id: Late Order
    title: Late
    when: {event: order}
    then: [{apologize: {}}]
""",
    "out-of-range": """\
backplan: 1
plan: {name: Acme, currency: USD, compensation: {per_event_max: -40}}
rules:
  - id: late-order
    title: Late
    when: {event: order}
    then: [{compensate: {kind: voucher, percent: 150, of: order.total}}]
""",
    "doubled-braces": _apologizing('"Hi {{customer.first_name}}"'),
    "empty-default": _apologizing('"Sorry {customer.first_name|}, we are on it."'),
    "name-written-two-ways": """\
backplan: 1
plan: {name: Acme, currency: USD}
rules:
  - id: outage-south
    title: T
    when: {event: complaint}
    prevent: [{root_cause: {owner: south-tv-manager, within: 7d}}]
  - id: install-south
    title: T
    when: {event: order}
    prevent: [{root_cause: {owner: South TV Manager, within: 7d}}]
  - id: fb
    title: Nothing fits
    fallback: true
    then: [{escalate: {to: duty-manager}}]
""",
    "nobody-named": """\
backplan: 1
plan: {name: Acme, currency: USD}
rules:
  - id: cold-meal
    title: T
    when: {event: complaint}
    then: [{escalate: {to: "???"}}]
    prevent: [{root_cause: {owner: TBD, within: 14d}}]
  - id: fb
    title: Nothing fits
    fallback: true
    then: [{escalate: {to: duty-manager}}]
""",
}
"""Plans that make the examples of a docs/diagnostics.md entry: its messages and hints had been
left behind by the code's (`usd`'s hint, the `150` percent's message)."""

_FALLBACK = (
    "  - id: fb\n    title: Nothing fits\n    fallback: true\n    then: [{escalate: {to: x}}]\n"
)


def _plan(*rules: str, plan: str = "", conditions: str = "", fallback: bool = True) -> str:
    """A plan of ``rules`` (each its id, then its keys as flow YAML, all joined by ``"; "``; the
    title ``T`` unless one is given), with ``plan`` added to its settings and ``conditions``
    named: an entry's example needs a rule or two, and a fallback so that lint says no more."""
    written = ""
    for rule in rules:
        rule_id, *keys = rule.split("; ")
        if not any(key.startswith("title:") for key in keys):
            keys.insert(0, "title: T")
        written += f"  - id: {rule_id}\n" + "".join(f"    {key}\n" for key in keys)
    named = f"conditions:\n{conditions}" if conditions else ""
    settings = f"{{name: Acme, currency: USD{', ' if plan else ''}{plan}}}"
    return f"backplan: 1\nplan: {settings}\n{named}rules:\n{written}" + (
        _FALLBACK if fallback else ""
    )


_APOLOGY = "then: [{apologize: {}}]"
_REPRODUCED |= {
    "alternative-never-holds": _plan(
        "public-review; when: {event: review, all: [{field: channel, in: [twitter, yelp]}, "
        f"{{any: [{{field: rating, lte: 2}}, {{field: channel, eq: phone}}]}}]}}; {_APOLOGY}",
        "late-order; when: {event: order, any: [{field: issue, eq: late}, {all: [{field: "
        f"rating, lte: 1}}, {{field: rating, gte: 4}}]}}]}}; {_APOLOGY}",
    ),
    "test-never-holds": _plan(
        f"repeat-order; when: {{event: order, all: [{{use: repeat_complainer}}]}}; {_APOLOGY}",
        f"calm-review; when: {{event: review, not: {{field: severity, eq: High}}}}; {_APOLOGY}",
        conditions="  repeat_complainer:\n    any:\n      - {field: repeat, eq: true}\n"
        "      - {field: customer.complaints_90d, gte: 2 days}\n",
    ),
    "stop-stops-nothing": _plan(
        "allergy; priority: 1; stop: true; when: {event: complaint}; "
        "then: [{escalate: {to: owner}}]",
        f"cold-food; priority: 50; when: {{event: complaint}}; {_APOLOGY}",
    ),
    "stop-hides-escalation": _plan(
        "vip; priority: 300; stop: true; when: {all: [{field: customer.tier, eq: vip}]}; "
        "then: [{compensate: {kind: voucher, amount: 40}}]",
        "allergy; priority: 200; when: {event: complaint, all: [{field: text, contains: "
        "allergy}]}; then: [{escalate: {to: duty-manager, within: 15m}}]",
    ),
    "unknown-value": _plan(f"r; when: {{event: order}}; {_APOLOGY}", plan="match: every"),
    "bad-name": _plan(
        f"late-order; when: {{event: order}}; {_APOLOGY}",
        conditions="  Public Channel: {field: public, eq: true}\n",
    ),
    "too-few": _plan('late-order; title: ""; then: []; when: {}'),
    "too-long": _plan(
        f"late-order; when: {{event: order}}; then: [{{note: {{message: {'x' * 2412}}}}}]"
    ),
    "duplicate-item": _plan(f"late-order; when: {{event: order}}; tags: [vip, vip]; {_APOLOGY}"),
    "misplaced-test": _plan(
        f"late-order; when: {{event: order, field: rating, lte: 2}}; {_APOLOGY}"
    ),
    "no-operator": _plan(f"late-order; when: {{all: [{{field: rating}}]}}; {_APOLOGY}"),
    "unknown-action": _plan(
        "late-order; when: {event: order}; then: [{refund: {}}, {root_cause: {owner: x}}]"
    ),
    "condition-cycle": _plan(
        f"r; when: {{event: order}}; {_APOLOGY}", conditions="  a: {use: b}\n  b: {use: a}\n"
    ),
    "unknown-condition": _plan(
        f"r; when: {{all: [{{use: public_chanel}}]}}; {_APOLOGY}",
        conditions="  public_channel: {field: public, eq: true}\n",
    ),
    "bad-regex": _plan(f"r; when: {{all: [{{field: text, matches: '(a)\\1'}}]}}; {_APOLOGY}"),
    "never-matches": _plan(
        "impossible; when: {all: [{field: rating, lt: 2}, {field: rating, gt: 4}]}; " + _APOLOGY
    ),
    "duplicate-rule": _plan(
        f"late; when: {{event: order}}; {_APOLOGY}",
        "late-again; when: {event: order}; then: [{note: {message: x}}]",
    ),
    "compensation-above-cap": _plan(
        "late; when: {event: order}; then: [{compensate: {kind: voucher, amount: 60}}]",
        plan="compensation: {per_event_max: 50}",
    ),
    "amount-outside-bounds": _plan(
        "late; when: {event: order}; then: [{compensate: {kind: voucher, amount: 30, max: 20}}]"
    ),
    "no-fallback": _plan(f"r; when: {{event: order}}; {_APOLOGY}", fallback=False),
    "offers-in-one-rule": _plan(
        "c; when: {event: order}; then: [{compensate: {kind: refund, percent: 100, "
        "of: order.total}}, {compensate: {kind: voucher, amount: 10}}]"
    ),
    "offer-never-given": _plan(
        "rude-staff; when: {event: complaint, all: [{field: issue, in: [rude, impolite]}]}; "
        "then: [{compensate: {kind: voucher, percent: 10, of: order.total, min: 10, max: 30}}]",
        "rude-driver; when: {event: complaint, all: [{field: issue, eq: rude}, "
        "{field: staff.team, eq: drivers}]}; "
        "then: [{compensate: {kind: voucher, percent: 10, of: order.total, max: 20}}]",
    ),
    "alternatives-in-one-value": _plan(
        f"c; when: {{all: [{{field: text, contains: rude|impolite|yelled}}]}}; {_APOLOGY}"
    ),
    "blank-around-value": _plan(
        f'site-12; when: {{event: complaint, all: [{{field: store, eq: "Site 12 "}}]}}; {_APOLOGY}'
    ),
    "words-as-one-item": _plan(
        "defective; when: {all: [{field: issue, in: [defective, broken faulty, not_working]}]}; "
        + _APOLOGY
    ),
    "number-as-text": _plan(
        f"late-shuttle; when: {{all: [{{field: shuttle.delay_minutes, gte: 20 min}}]}}; {_APOLOGY}",
        plan="extra_fields: [shuttle.delay_minutes]",
    ),
    "clock-time-as-text": _plan(
        "late-evening; when: {all: [{field: order.placed_time, gte: 3pm}]}; " + _APOLOGY,
        plan="extra_fields: [order.placed_time]",
    ),
    "min-above-max": _plan(
        "late-order; when: {event: order}; then: [{compensate: {kind: voucher, percent: 10, "
        "of: order.total, min: 50, max: 20}}]"
    ),
    "shadowed-rule": _plan(
        f"all-reviews; stop: true; when: {{event: review}}; {_APOLOGY}",
        "low-review; when: {event: review, all: [{field: rating, lte: 2}]}; "
        "then: [{note: {message: x}}]",
    ),
    "cap-of-nothing": _plan(
        "a; when: {event: order}; then: [{compensate: {kind: voucher, amount: 10}}]",
        "b; when: {event: review}; then: [{compensate: {kind: voucher, amount: 10}}]",
        plan="compensation: {per_event_max: 0}",
    ),
    "unknown-currency": _plan(f"r; when: {{event: order}}; {_APOLOGY}").replace("USD", "JYP"),
    "unbounded-compensation": _plan(
        "damaged; when: {event: order}; "
        "then: [{compensate: {kind: refund, percent: 100, of: order.total}}]"
    ),
    "percent-as-fraction": _plan(
        "late; when: {event: order}; "
        "then: [{compensate: {kind: voucher, percent: 0.2, of: order.total}}]"
    ),
    "amount-finer-than-currency": _plan(
        "late; when: {event: order}; then: [{compensate: {kind: voucher, amount: 10.555}}]",
        plan="compensation: {per_event_max: 5.000}",
    ).replace("USD", "EUR"),
    "unused-condition": _plan(
        f"r; when: {{event: order}}; {_APOLOGY}",
        conditions="  vip: {field: customer.tier, eq: gold}\n",
    ),
    "unused-extra-field": _plan(
        f"r; when: {{all: [{{field: prescription.delay, gt: 1}}]}}; {_APOLOGY}",
        plan="extra_fields: [prescripton]",
    ),
    "fallback-with-gaps": _plan(
        f"r; when: {{event: order}}; {_APOLOGY}",
        "fb; fallback: true; when: {event: review}; then: [{escalate: {to: x}}]",
        fallback=False,
    ),
    "template-without-default": _plan(
        "typo; when: {event: review}; "
        "then: [{reply_publicly: {message: 'Hi {customer.first_name}'}}]"
    ),
    "foreign-placeholder": _plan(
        "r1; when: {event: review}; then: [{apologize: {message: 'Hi [customer.first_name]'}}]",
        "r2; when: {event: order}; then: [{apologize: {message: 'Hi ${customer.first_name}'}}]",
    ),
    "blank-around-default": _plan(
        "r1; when: {event: review}; "
        "then: [{apologize: {message: 'Hi {customer.first_name | there}'}}]"
    ),
    "field-in-plain-text": _plan(
        f"cold-meal; when: {{event: review}}; {_APOLOGY}; "
        "prevent: [{root_cause: {owner: '{store} manager'}}]"
    ),
    "text-cut-by-comment": _plan(
        "late; when: {event: review}; then:;   - apologize:;"
        "       message: Check order #1234 is fully resolved."
    ),
    "control-character-in-text": _plan(
        'a; when: {event: review}; then: [{note: {message: "Press \\a to answer"}}]'
    ),
    "pasted-typography": _plan(
        "r; when: {event: review, all: [{field: channel, eq: \u201cyelp\u201d}, "
        '{field: store, in: ["email\u200b"]}]}; then: [{note: {message: x}}]'
    ),
    "date-not-year-first": _plan(
        f"a; when: {{all: [{{field: occurred_at, gte: 01/12/2026}}]}}; {_APOLOGY}"
    ),
    "time-not-in-utc": _plan(
        f"a; when: {{all: [{{field: occurred_at, gte: '2026-12-07T15:00:00+09:00'}}]}}; {_APOLOGY}"
    ),
    "no-such-date": _plan(
        f"a; when: {{all: [{{field: occurred_at, gte: '2026-04-31'}}]}}; {_APOLOGY}"
    ),
    "no-such-time": _plan(
        f"a; when: {{all: [{{field: occurred_at, lt: '2026-12-01T24:00:00+09:00'}}]}}; {_APOLOGY}"
    ),
    "part-of-a-time": _plan(
        f"a; when: {{all: [{{field: occurred_at, eq: '2026-11-27'}}]}}; {_APOLOGY}"
    ),
    "of-not-an-amount": _plan(
        "a; when: {event: review}; "
        "then: [{compensate: {kind: voucher, percent: 10, of: customer.tier}}]"
    ),
    "unknown-field": _plan(f"typo; when: {{all: [{{field: custmer.tier, eq: gold}}]}}; {_APOLOGY}"),
}
"""More entries' examples, made whole by one plan each: no test had held them to what lint
says (the review that ran every example found them true, and nothing kept them so)."""


_RULES = "backplan: 1\nplan: {name: Acme, currency: USD}\nrules:\n"
"""A plan's first lines, for the YAML examples: each writes its rules out below, as a manager
types them, since their slips are slips of layout."""

_REPRODUCED |= {
    "text-read-as-anchor": _RULES
    + "  - id: r\n    title: &Co complaint\n    when: {event: order}\n"
    + "    then: [{apologize: {}}]\n",
    "yaml-key": _RULES + "  - ? [a]\n    : x\n",
    "yaml-scalar": _RULES + "  - id: r\n    title: !!int abc\n",
    "not-finite": _RULES
    + "  - id: r\n    title: T\n    when: {all: [{field: rating, lt: .inf}]}\n",
    "number-too-small": _RULES
    + "  - id: r\n    title: T\n    when: {event: order}\n"
    + "    then: [{compensate: {kind: voucher, percent: 1e-400, of: order.total}}]\n",
    "number-too-large": _RULES
    + "  - id: r\n    title: T\n"
    + "    when: {all: [{field: order.id, eq: 100000000000000000000000}]}\n",
    "yaml-too-deep": _RULES.replace("rules:\n", "rules: " + "[" * 70 + "]" * 70 + "\n"),
    "yaml-too-large": _RULES.replace("rules:\n", "x:\n")
    + f"  - &a [{', '.join(['1'] * 400)}]\n  - [{', '.join(['*a'] * 400)}]\n",
    "yaml-recursive": _RULES + "  - &a [*a]\n",
}
"""The YAML section's entries of one example: no test had held them to what lint says."""

_THEN = "  - id: r\n    title: T\n    when: {event: order}\n    then:\n"
_REPRODUCED_EACH: dict[str, tuple[str, ...]] = {
    "never-matches": (
        _REPRODUCED["never-matches"],
        _plan(
            f"paris-late; when: {{all: [{{use: paris}}, {{field: issue, eq: late}}]}}; {_APOLOGY}",
            f"paris-rude; when: {{all: [{{use: paris}}, {{field: issue, eq: rude}}]}}; {_APOLOGY}",
            conditions="  paris: {field: store, eq: 12}\n",
        ),
    ),
    "unknown-condition": (
        _REPRODUCED["unknown-condition"],
        _plan(
            *(
                f"r{i}; when: {{all: [{{use: high_value_customer}}]}}; {_APOLOGY}"
                for i in range(46)
            ),
            conditions="  public_channel: {field: public, eq: true}\n"
            "  valued_customer: {field: customer.tier, eq: gold}\n",
        ),
    ),
    "shadowed-rule": (
        _REPRODUCED["shadowed-rule"],
        _plan(
            "london; priority: 90; stop: true; when: {all: [{field: store, eq: London}]}; "
            "then: [{escalate: {to: london-manager}}]",
            *(
                f"london-{issue}; when: {{all: [{{field: store, eq: London}}, "
                f"{{field: issue, eq: {issue}}}]}}; {_APOLOGY}"
                for issue in (
                    "late",
                    "rude",
                    "broken",
                    "missing",
                    "wrong-size",
                    "dirty",
                    "queue",
                    "parking",
                    "price",
                    "refund",
                    "stock",
                    "manual",
                )
            ),
        ),
    ),
    "bad-regex": (
        _REPRODUCED["bad-regex"],
        _plan(f"r; when: {{all: [{{field: text, matches: '(abc'}}]}}; {_APOLOGY}"),
    ),
    "yaml-syntax": (
        _RULES
        + _THEN
        + '      - note: {message: "Repeat complaint from {customer.name|a customer}}\n',
        _RULES + '  - id: "r\n    title: T\n    when: {event: "order"}\n',
        _RULES + _THEN + "      - follow_up:\n         within: 2h\n          message: x\n",
        _RULES + _THEN + "      - escalate\n          to: x\n",
        _RULES
        + "  - id: r\n    title: T\n"
        + '    when: {all: [{field: order.id, matches: "^WEB-\\d{6}$"}]}\n',
        _RULES + _THEN + '      - apologize:\n          message: "Sorry" he said\n',
        _RULES + _THEN + "      - apologize:\n          message: *urgent* call\n",
    ),
    "yaml-tag": (
        _RULES + "  - !!python/object:os.system\n",
        _RULES + _THEN + "      - apologize:\n          message: !important call\n",
    ),
    "duplicate-key": (
        _RULES + "  - id: r\n    title: T\n    title: U\n",
        "# orders\n" + _RULES + _THEN + "      - apologize: {}\n    id: s\n",
        "# orders\n" + _RULES + _THEN + "      - apologize: {}\nrules:\n  - id: s\n",
    ),
}
"""Entries whose examples need a plan each (a YAML syntax error ends the reading of its
file): every example of every block of the entry is held, as for :data:`_REPRODUCED`."""


_REPRODUCED_FILES: dict[str, dict[str, str]] = {
    "stop-tie": {
        "rules/stores.yaml": _plan(
            "big-order; priority: 100; stop: true; when: {event: order, all: [{field: "
            "order.total, gte: 500}]}; then: [{escalate: {to: store-manager}}]",
            f"late-order; when: {{event: order, all: [{{field: issue, eq: late}}]}}; {_APOLOGY}",
        ),
        "rules/vip.yaml": "backplan: 1\nrules:\n  - id: gold-customer\n    title: T\n"
        "    priority: 100\n    stop: true\n    when: {event: order, all: [{field: "
        "customer.tier, eq: gold}]}\n    then: [{escalate: {to: account-manager}}]\n",
    },
}
"""Entries whose example is a plan of several files (lint is given their folder): held
as :data:`_REPRODUCED`'s, with the files and places too."""


@pytest.mark.parametrize("code", sorted(_REPRODUCED_FILES))
def test_diagnostic_examples_of_plans_of_several_files_are_what_lint_says(
    code: str, tmp_path: Path
) -> None:
    _write(dict(_REPRODUCED_FILES[code]), tmp_path)
    said = _said(["lint", "rules"], tmp_path).splitlines()
    shown = _examples(code)
    assert shown and said
    assert [line for line in shown if line not in said] == []


def _examples(code: str) -> list[str]:
    """The lines of every ```` ```text ```` block of the entry of ``code`` in
    docs/diagnostics.md, up to the next heading."""
    text = (DOCS / "diagnostics.md").read_text(encoding="utf-8")
    entry = re.split(r"^##", text.split(f"### `{code}`\n", 1)[1], maxsplit=1, flags=re.M)[0]
    return [
        line
        for block in re.findall(r"```text\n(.*?)```", entry, re.S)
        for line in block.splitlines()
    ]


def _said(command: list[str], cwd: Path) -> str:
    """What ``backplan`` with ``command`` prints on stdout and stderr (``test`` tells a test
    file's problems on stderr), run in ``cwd``: messages name files from the current folder."""
    from click.testing import CliRunner

    from engine.cli import cli

    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        return CliRunner().invoke(cli, command).output


def _write(files: dict[str, str | bytes], folder: Path) -> None:
    for relative, content in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("code", sorted(_REPRODUCED.keys() | _REPRODUCED_EACH.keys()))
def test_diagnostic_examples_are_what_lint_says(code: str, tmp_path: Path) -> None:
    said: list[str] = []
    for number, plan in enumerate(_REPRODUCED_EACH.get(code) or (_REPRODUCED[code],)):
        _write({f"{number}/plan.yaml": plan}, tmp_path)
        said += _without_places(_said(["lint", f"{number}/plan.yaml"], tmp_path))
    shown = _without_places("\n".join(_examples(code)))
    assert shown and said  # the entry has an example, and lint said something
    assert [line for line in shown if line not in said] == []


_TESTED_PLAN = {
    "rules/reviews.yaml": _plan(
        "public-negative-review; priority: 100; when: {event: review, all: [{field: rating, "
        "lte: 2}]}; then: [{apologize: {}}, {x-flag: {level: 3}}]",
        "bad-review; when: {event: review, all: [{field: rating, lte: 2}]}; " + _APOLOGY,
    ),
    "rules/loyalty.yaml": _plan(
        "vip; when: {all: [{field: customer.tier, eq: gold}]}; then: [{note: {message: VIP}}]",
        fallback=False,
    ).replace("plan: {name: Acme, currency: USD}\n", ""),
    "rules/orders.yaml": _plan(
        f"late-order; when: {{event: order}}; {_APOLOGY}",
        "enough; stop: true; when: {event: order}; then: [{note: {message: x}}]",
        "later; when: {event: order}; then: [{note: {message: y}}]",
        fallback=False,
    ).replace("plan: {name: Acme, currency: USD}\n", ""),
}
"""The plan the plan-test examples test (`rules/`): the rules their messages name."""


def _cases(*cases: str, plan: str = "../rules") -> str:
    """A plan-test file of ``cases`` (each its name, then its keys as flow YAML, joined by
    ``"; "``), testing the plan at ``plan``."""
    written = ""
    for case in cases:
        name, *keys = case.split("; ")
        written += f"  - name: {name}\n" + "".join(f"    {key}\n" for key in keys)
    return f"backplan: 1\nplan: {plan}\ncases:\n{written}"


_GOLD = "event: {type: review, rating: 1, customer: {tier: gold}}"
_ORDER = "event: {type: order}"
_PLAN_TESTS: dict[str, dict[str, str]] = {
    "not-a-test-file": {
        "examples/acme.yaml": _TESTED_PLAN["rules/orders.yaml"],
        "late-order.json": '{"id": "e1", "type": "order"}\n',
    },
    "case-event": {
        "tests/orders.test.yaml": _cases(
            f"both; {_ORDER}; event_file: events/late.json; expect: {{fallback: true}}"
        )
    },
    "empty-expect": {"tests/orders.test.yaml": _cases(f"nothing; {_ORDER}; expect: {{}}")},
    "unknown-action-type": {
        "tests/orders.test.yaml": _cases(f"refund; {_ORDER}; expect: {{actions: [refund]}}")
    },
    "duplicate-case": {
        "tests/orders.test.yaml": _cases(*[f"late; {_ORDER}; expect: {{fallback: true}}"] * 2)
    },
    "unknown-rule": {
        "tests/reviews.test.yaml": _cases(
            "gone; event: {type: review}; expect: {matched: [public-negative-reveiw]}"
        )
    },
    "event-file-not-found": {
        "examples/my.test.yaml": _cases(
            "late; event_file: examples/events/late.json; expect: {fallback: true}"
        ),
        "examples/events/late.json": '{"type": "order"}\n',
    },
    "plan-not-found": {
        "examples/plan-tests.yaml": _cases(
            f"late; {_ORDER}; expect: {{fallback: true}}", plan="rules"
        )
    },
    "bad-event-file": {
        "tests/reviews.test.yaml": _cases(
            "two; event_file: events/two.json; expect: {fallback: true}"
        ),
        "tests/events/two.json": '{"type": "review"}\n{"type": "review"}\n',
    },
    "cannot-pass": {
        "tests/reviews.test.yaml": _cases(
            f"a gold customer; {_GOLD}; expect: {{matched: [vip], not_matched: [vip]}}",
            f"a gold customer's bad review; {_GOLD}; "
            "expect: {matched: [vip, public-negative-review]}",
        ),
        "tests/orders.test.yaml": _cases(
            f"a late order; {_ORDER}; expect: {{matched: [enough, later]}}",
            f"types; {_ORDER}; expect: {{matched: [late-order, bad-review]}}",
        ),
    },
    "action-not-in-plan": {
        "tests/reviews.test.yaml": _cases(
            "a late order; event: {type: review}; expect: {no_actions: [x-flg]}"
        )
    },
}
"""The plan-test entries' examples, made by test files of :data:`_TESTED_PLAN` (those outside
an ``events/`` folder are run with ``backplan test``): no test had held what they say."""


@pytest.mark.parametrize("code", sorted(_PLAN_TESTS))
def test_plan_test_examples_are_what_test_says(code: str, tmp_path: Path) -> None:
    _write({**_TESTED_PLAN, **_PLAN_TESTS[code]}, tmp_path)
    said: list[str] = []
    for path in _PLAN_TESTS[code]:
        if "events/" not in path:
            said += _without_places(_said(["test", path], tmp_path))
    shown = _without_places("\n".join(_examples(code)))
    assert shown and said
    assert [line for line in shown if line not in said] == []


_REJECTED = re.compile(r"^\S+?:\d+: (?=rejected: )")
"""The ``FILE:LINE: `` a line of ``eval --pretty`` for a refused event starts with."""


def _event(*members: bytes) -> bytes:
    """An event line of ``members`` besides its id and type."""
    return b'{"id": "e1", "type": "review"' + b"".join(b", " + m for m in members) + b"}"


_REFUSED_EVENTS: dict[str, dict[str, bytes]] = {
    "bad-json": {
        "events.jsonl": b"\n".join(
            [
                _event(),
                _event(),
                b'{"id": "e3", "type": "review", "rating": 1,5}',
                _event() + b"}",
                _event(),
                _event(),
                b'{"id": "e7", "type": "review",',  # an event over two lines
                b' "rating": 2}',
                b'{"id": "e9", "type": "review",',  # the same, with a mistake
                b' "rating": 2,}',
                b"",
            ]
        ),
        "event.json": (
            b'{\n  "id": "e1",\n  "type": "review",\n  "rating": 1,\n  "channel": "google",\n'
            b'  "store": "paris",\n  "text": "cold",\n  "customer": {\n    "tier": "gold",\n'
            b'    "first_name": "Al"\n  "occurred_at": "2026-11-23T09:30:00Z"\n}\n'
        ),
        # a line cut short in the middle of an event, then a log's text
        "cut.jsonl": _event() + b'\n{"id": "e2", "type": "late_order",\ngarbage\n',
    },
}
_REFUSED_EVENTS |= {
    code: {"events.jsonl": b"\n".join(lines) + b"\n"}
    for code, lines in {
        "bad-encoding": [b'{"id": "caf\xe9", "type": "review"}', _event(b'"text": "\\ud800"')],
        "bad-number": [_event(b'"rating": NaN'), _event(b'"x": 1e400')],
        "off-schema": [_event(b'"rating": "1"')],
        "too-large": [_event(b'"text": "' + b"a" * 2**20 + b'"')],
        "too-deep": [_event(b'"x": ' + b"[" * 65 + b"]" * 65)],
        "too-many-values": [_event(b'"x": [' + b", ".join([b"1"] * 100_001) + b"]")],
        "too-many-keys": [
            _event(b'"x": {' + b", ".join(b'"k%d": 1' % k for k in range(1001)) + b"}")
        ],
        "string-too-long": [_event(b'"text": "' + b"a" * 100_001 + b'"')],
        "key-too-long": [_event(b'"' + b"k" * 1001 + b'": 1')],
        "repeated-key": [
            _event(b'"amount": 10, "amount": 1000'),
            _event(b'"customer": {"tier": "gold", "tier": "bronze"}'),
        ],
        "not-an-object": [_event(), b"[1, 2]", b'"a late order"', b"[" + _event() + b"]"],
        "missing-id": [b'{"type": "review"}', b'{"id": null, "type": "review"}'],
        "bad-id": [b'{"id": true, "type": "review"}', b'{"id": 1.5, "type": "review"}'],
        "missing-type": [b'{"id": "e1"}', b'{"id": "e1", "type": 3}'],
        "bad-time": [
            _event(b'"occurred_at": "yesterday"'),
            _event(b'"occurred_at": "2026-11-23T09:30:00"'),
            _event(b'"occurred_at": 1764000000'),
            _event(b'"occurred_at": "2026-12-01 20:00"'),
            _event(b'"occurred_at": "2026-02-30 10:00"'),
        ],
    }.items()
}
_REFUSED_EVENTS["bad-encoding"]["events.jsonl.gz"] = gzip.compress(_event() + b"\n", mtime=0)
"""The event-error entries' examples: what ``eval --strict --pretty`` says of each file. No
test had held them, and most entries had none."""


@pytest.mark.parametrize("code", sorted(_REFUSED_EVENTS))
def test_event_error_examples_are_what_eval_says(code: str, tmp_path: Path) -> None:
    _write(dict(_REFUSED_EVENTS[code]), tmp_path)
    said = [
        _REJECTED.sub("", line)
        for name in _REFUSED_EVENTS[code]
        for line in _said(["eval", "--strict", "--pretty", "-j", "1", name], tmp_path).splitlines()
    ]
    shown = [_REJECTED.sub("", line) for line in _examples(code)]
    assert shown and said
    assert [line for line in shown if line not in said] == []


# --------------------------------------------------------------------------------------------
# docs/authoring.md: its examples are the files and output they say they are


def test_the_authoring_test_file_example_is_the_file_it_names() -> None:
    text = (DOCS / "authoring.md").read_text(encoding="utf-8")
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    shown = REPO / "tests" / "authoring" / "acme.test.yaml"
    assert block == shown.read_text(encoding="utf-8"), (
        "docs/authoring.md's example test file differs from tests/authoring/acme.test.yaml"
    )


def test_the_authoring_explain_transcript_is_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from engine.cli import cli

    monkeypatch.chdir(REPO)  # the command's paths are relative to the repository's root

    text = (DOCS / "authoring.md").read_text(encoding="utf-8")
    section = text.split("## `backplan explain`", 1)[1]
    command = re.search(r"^echo '(.*?)' \| backplan (explain .*)$", section, re.MULTILINE)
    assert command is not None, "docs/authoring.md lost its `echo ... | backplan explain` line"
    shown = section.split("```text\n", 1)[1].split("```", 1)[0]
    result = CliRunner().invoke(cli, command.group(2).split(), input=command.group(1) + "\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == shown, "docs/authoring.md's explain transcript is not what it prints"


_CODE_NAME = re.compile(r"`(engine(?:\.\w+)+)")
"""A dotted name in code font in the docs (``engine.errors.shown_text``, ``engine.Plan``)."""


def _resolves(dotted: str) -> bool:
    """Whether a dotted name is a module, or an attribute reached from the longest module."""
    import importlib

    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            if not hasattr(found, name):
                return False
            found = getattr(found, name)
        return True
    return False


def test_the_resolver_tells_a_name_that_is_gone() -> None:
    assert _resolves("engine.errors.shown_text") and _resolves("engine.Plan.evaluate")
    assert not _resolves("engine.errors.shown_name")  # removed: security.md had still named it


def test_every_engine_name_the_docs_give_exists() -> None:
    """A name the docs send a reader to (``engine.errors.shown_text``) must be there: a rename
    left docs/security.md naming a function that no longer existed."""
    pages = [REPO / "README.md", *sorted(DOCS.glob("*.md"))]
    named = {
        (page.name, name)
        for page in pages
        for name in _CODE_NAME.findall(page.read_text(encoding="utf-8"))
    }
    assert len(named) > 20  # the scan reads the names
    assert [f"{page}: {name}" for page, name in sorted(named) if not _resolves(name)] == []


_ROLE = re.compile(r":(?:func|meth|class|data|attr|mod|exc):`~?([\w.]+)`")
"""A cross-reference in a docstring: ``:func:`run_checks```, ``:class:`~engine.errors.Diagnostic```."""
_WHOLE_CODE_NAME = re.compile(r"`(engine(?:\.\w+)+)(?![\w*])")
""":data:`_CODE_NAME`, but not the start of a pattern (``engine._fastcheck_*`` names two modules)."""


def _string_statements(tree: ast.AST, classes: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """Every docstring (of the module, a class, a function or a constant) below ``tree``, with
    the dotted path of the classes around it, where a name such as ``:meth:`evaluate``` is
    looked up first."""
    for node in ast.iter_child_nodes(tree):
        text = node.value if isinstance(node, ast.Expr) else None
        if isinstance(text, ast.Constant) and isinstance(text.value, str):
            yield text.value, ".".join(classes)
        inner = (*classes, node.name) if isinstance(node, ast.ClassDef) else classes
        yield from _string_statements(node, inner)


def _unresolved(doc: str, module: str, classes: str = "") -> list[str]:
    """The names ``doc`` gives that are nowhere: a dotted ``engine`` name, or a
    cross-reference looked up in its class, its module, then as a whole dotted name
    (``pathlib.Path.write_text``) or a builtin (``EOFError``)."""
    scopes = [f"{module}.{classes}." if classes else f"{module}.", f"{module}.", ""]
    return [
        *(name for name in _WHOLE_CODE_NAME.findall(doc) if not _resolves(name)),
        *(
            name
            for name in _ROLE.findall(doc)
            if not hasattr(builtins, name) and not any(_resolves(s + name) for s in scopes)
        ),
    ]


def test_the_docstring_scan_tells_a_name_that_is_gone() -> None:
    assert _unresolved("(:class:`_Reached`)", "engine.cli") == ["_Reached"]  # renamed Reached
    assert _unresolved("``engine.loading.CoreResolver``", "engine.quickload") == [
        "engine.loading.CoreResolver"  # moved to engine.yamlcompose
    ]
    assert (
        _unresolved(":class:`~engine.output.Reached`, ``engine._fastcheck_*``", "engine.cli") == []
    )
    assert _unresolved(":meth:`evaluate`, :data:`MAX_STEPS`", "engine.api", "Plan") == ["MAX_STEPS"]


def test_every_name_an_engine_docstring_gives_exists() -> None:
    """A docstring that sends a reader to a name (``:class:`_Reached```,
    ``engine.loading.CoreResolver``) must find it there: renames and moves had left six
    modules naming what was gone."""
    gone, checked = [], 0
    for path in sorted(ENGINE.rglob("*.py")):  # the packages' modules too (engine/lint/)
        parts = path.relative_to(REPO).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if path.stem == "__main__":  # importing it runs the command
            continue
        for doc, classes in _string_statements(ast.parse(path.read_text(encoding="utf-8"))):
            checked += len(_ROLE.findall(doc)) + len(_WHOLE_CODE_NAME.findall(doc))
            gone += [f"{path.name}: {name}" for name in _unresolved(doc, module, classes)]
    assert checked > 400  # the scan reads the names
    assert gone == []


def _strays(tree: ast.AST) -> Iterator[int]:
    """The line of each text standing alone below ``tree`` where no docstring goes: not first in
    a module, a class or a function, nor right after the assignment of a name."""
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if not isinstance(body, list):  # a lambda's or an expression's: no statements
                continue
            for before, statement in zip([None, *body], body, strict=False):
                text = statement.value if isinstance(statement, ast.Expr) else None
                if not (isinstance(text, ast.Constant) and isinstance(text.value, str)):
                    continue
                owned = isinstance(
                    node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
                )
                if (before is None and owned and field == "body") or isinstance(
                    before, (ast.Assign, ast.AnnAssign)
                ):
                    continue
                yield statement.lineno


def test_the_stray_scan_tells_a_docstring_under_the_wrong_name() -> None:
    assert list(_strays(ast.parse('A = 1\n"""A."""\nB = 2\nB += 1\n"""B."""\n'))) == [5]
    assert list(_strays(ast.parse('"""M."""\nA = 1\n"""A."""\n"""Deeper."""\n'))) == [4]
    assert list(_strays(ast.parse('def f() -> None:\n    """F."""\n'))) == []


def test_every_engine_docstring_belongs_to_a_name() -> None:
    """A docstring after another one, or after ``x |= ...``, is read by no tool as the docstring
    of any name: ``MAX_CONDITION_DEPTH``'s stood under ``MAX_CONDITION_TESTS``'s, and
    ``_ZONE_OFFSETS``'s under a second assignment to it, each lost to a reader's editor."""
    strays = [
        f"{path.relative_to(REPO)}:{line}"
        for path in sorted(ENGINE.rglob("*.py"))
        if not path.name.startswith("_fastcheck_")
        for line in _strays(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert strays == []


# --------------------------------------------------------------------------------------------
# CONTRIBUTING.md: the map of the modules, and the steps for extending the language

CONTRIBUTING = REPO / "CONTRIBUTING.md"


def _section(text: str, heading: str) -> str:
    """The text under ``## heading``, up to the next ``## `` heading."""
    assert f"\n## {heading}\n" in text, f"no section `## {heading}`"
    return text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_the_map_of_contributing_names_every_engine_module_once() -> None:
    """*Where things are* is how a newcomer finds a module: one it leaves out is one nobody
    finds, and one it names that is gone sends them looking for nothing."""
    rows = _section(CONTRIBUTING.read_text(encoding="utf-8"), "Where things are").splitlines()
    named = [
        name.strip().strip("`")
        for row in rows[2:]
        if row.startswith("| ") and not row.startswith("| step ")
        for name in row.split(" | ")[1].split(", ")
    ]
    modules = {path.stem for path in ENGINE.glob("*.py")} | {
        path.parent.name for path in ENGINE.glob("*/__init__.py")
    }
    assert len(named) > 60  # the scan reads the table
    assert sorted(name for name in set(named) if named.count(name) > 1) == [], "named twice"
    assert sorted(modules - set(named)) == [], "add a row (or a name) for each such module"
    assert sorted(set(named) - modules) == [], "no such module in engine/"


_STEP_OF_PACKAGE = {
    "lint": "A semantic check or a lint warning",
    "slips": "A hint for a manager's slip",
    "yamlsyntax": "A hint for a YAML syntax mistake",
}
"""Each package of ``engine/`` and the step of *Adding things* that says what its modules hold."""


def test_each_step_names_every_module_of_its_package() -> None:
    """The map names a package once (``slips``); its modules are told in the step that adds to
    them, and one left out is one a newcomer opens without knowing what it is for: the step of
    ``slips`` had not named ``keys.py``, nor that of ``yamlsyntax`` six of its modules."""
    packages = {path.parent.name for path in ENGINE.glob("*/__init__.py")}
    assert set(_STEP_OF_PACKAGE) == packages, "say which step of *Adding things* tells it"
    text = CONTRIBUTING.read_text(encoding="utf-8")
    unnamed = []
    for package, heading in _STEP_OF_PACKAGE.items():
        assert f"\n### {heading}\n" in text, f"no step `### {heading}`"
        step = text.split(f"\n### {heading}\n", 1)[1].split("\n### ", 1)[0]
        for path in sorted((ENGINE / package).glob("*.py")):
            if path.stem != "__init__" and not re.search(rf"`(?:\S*/)?{path.stem}(?:\.py)?`", step):
                unnamed.append(f"engine/{package}/{path.name}")
    assert unnamed == []


def test_contributing_says_how_each_schema_is_made() -> None:
    """A schema is regenerated by ``python -m engine.schemagen`` or written by hand, and
    CONTRIBUTING.md says which: it had left out ``report`` (generated, so hand edits are lost)
    and ``plantest`` (by hand, so nothing regenerates it)."""
    from engine.schemagen import GENERATED

    section = _section(CONTRIBUTING.read_text(encoding="utf-8"), "Regenerate generated files")
    regenerated = next(row for row in section.splitlines() if row.startswith("| `schemas/"))
    by_hand = next(part for part in section.split("\n\n") if "written by hand" in part)
    schema_names = re.compile(r"`schemas/(\w+)\.schema\.json`")
    shipped = {path.name.split(".")[0] for path in SCHEMAS.glob("*.schema.json")}
    assert "python -m engine.schemagen" in regenerated
    assert set(schema_names.findall(regenerated)) == set(GENERATED)
    assert set(schema_names.findall(by_hand)) == shipped - set(GENERATED)


_REPO_PATH = re.compile(r"`((?:engine|schemas|tests|docs|bench|examples|rules|\.ci)/[^`\s]*)`")
"""A path in the repository in code font: ``engine/checks.py``, ``tests/golden/``."""


def test_every_path_contributing_and_the_readme_give_exists() -> None:
    """A file renamed, moved or split takes its mentions in CONTRIBUTING.md and the README
    with it: a reader sent to a file that is gone cannot tell where it went."""
    named = {
        (page.name, path.replace("NAME", "*"))
        for page in (CONTRIBUTING, REPO / "README.md")
        for path in _REPO_PATH.findall(page.read_text(encoding="utf-8"))
    }
    assert len(named) > 30  # the scan reads the paths
    assert [f"{page}: {path}" for page, path in sorted(named) if not any(REPO.glob(path))] == []


_PYTHON_NAME = re.compile(r"`(?:self\.)?((?:[A-Z_]\w*)(?:\.\w+)*|\w+)(\([^`]*\))?`")
"""A name in code font: ``CHECKS``, ``_Chunk.test``, ``walk()``, ``check_nodes(nodes, plan)``."""


def _python_names(text: str) -> set[str]:
    """The names of Python things ``text`` gives: constants, private names, classes, calls
    (not YAML keys, operators or file names, which are words in code font too)."""
    return {
        name
        for name, call in _PYTHON_NAME.findall(text)
        if call or name[0].isupper() or name.startswith("_")
    }


def _defined_in(name: str, modules: list[str]) -> bool:
    """Whether ``name`` is in one of ``modules``, or is a method of a class of one of them."""
    import importlib

    for module in map(importlib.import_module, modules):
        if _resolves(f"{module.__name__}.{name}"):
            return True
        classes = [v for v in vars(module).values() if isinstance(v, type)]
        if "." not in name and any(hasattr(c, name) for c in classes):
            return True
    return False


def test_every_python_name_a_step_of_contributing_gives_is_in_the_module_it_names() -> None:
    """Each step of *Adding things* says where to write (``engine/actions.py``) and what
    (``_MERGE_BY``): the name must be in that module, or the step sends a reader astray."""
    section = _section(CONTRIBUTING.read_text(encoding="utf-8"), "Adding things")
    missing, checked = [], 0
    for step in re.split(r"\n(?=\d+\. |\S)", section):
        modules = [
            "engine." + stem.replace("/", ".").removesuffix(".__init__")
            for stem in re.findall(r"`engine/(\w+(?:/\w+)*)\.py`", step)
        ]
        for name in sorted(_python_names(step)):
            checked += 1
            if not modules or not _defined_in(name, modules):
                missing.append(f"{name} (in {', '.join(modules) or 'no module named'})")
    assert checked > 15  # the scan reads the names
    assert missing == []


def test_the_step_scan_tells_a_name_its_module_does_not_have() -> None:
    assert _python_names("`_MERGE_BY`, `walk()`, `self.found(at)`, `gt`, `$defs.condition`") == {
        "_MERGE_BY",
        "walk",
        "found",
    }
    assert _defined_in("_Chunk.test", ["engine.compile"])
    assert _defined_in("check_nodes", ["engine.checks"])  # a method of NodeCheck
    assert not _defined_in("_ACTION_VERBS", ["engine.render"])  # it is in engine.wording


def test_the_step_counts_rule_language_gives_are_the_compiled_ones() -> None:
    """docs/rule-language.md sizes patterns for a manager near the 5,000-step limit; it had
    `.{300}` at about 2,100 steps (7 a `.`), where it compiles to 2,404."""
    text = " ".join((DOCS / "rule-language.md").read_text(encoding="utf-8").split())
    said = {
        "`.{300}` is about": ".{300}",
        "`(?s).{900}Q`": "(?s).{900}Q",
        "`\\pL{5}`": "\\pL{5}",
        "as `\\pL` alone is": "\\pL",
    }
    for words, pattern in said.items():
        found = re.search(re.escape(words) + r"[^0-9]{0,12}([0-9][0-9,]*)", text)
        assert found is not None, words
        documented = int(found[1].replace(",", ""))
        try:
            compiled = regex.program_size(pattern)
        except regex.RegexError as refused:  # too large: the message says its size
            size = re.search(r"to ([0-9,]+) instructions", str(refused))
            assert size is not None, refused
            compiled = int(size[1].replace(",", ""))
        assert abs(compiled - documented) <= documented * 0.02, (pattern, compiled, documented)


def test_every_changelog_entry_ends_as_a_sentence_does() -> None:
    """An entry cut short reads as if something were lost: one ended ``(found by`` and ran
    into the next entry, which an edit had put in the middle of it."""
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    entries = re.split(r"\n(?=- |#|\n)", text)
    cut = [e[-60:] for e in entries if e.startswith("- ") and not e.rstrip().endswith((".", ")"))]
    assert cut == []


# --------------------------------------------------------------------------------------------
# Tables that restate the code


EVAL_EXITS_2 = (
    "the plan is invalid",
    "an input is a plan file",
    "an input could not be read",
    "could not be written",
    "memory ran out",
)
"""What makes ``eval`` exit 2, in the words of its --help."""


def test_the_exit_codes_of_eval_in_semantics_are_those_of_its_help() -> None:
    """docs/semantics.md's table, where an integrator wiring eval into a pipeline reads its
    exit codes, gave 2 only for an invalid plan and a usage error: not an input that could not
    be read, answers that could not be written (a full disk), memory running out, nor the
    signals' codes, all of which eval's --help and docs/cli.md give (found by review)."""
    helped = " ".join(clidoc.help_text(["eval"]).split())
    page = (DOCS / "semantics.md").read_text(encoding="utf-8")
    table = page.split("**Exit codes.**", 1)[1].split("\n\n", 2)[1]
    rows = {row.split("|")[1].strip(): row.split("|")[2] for row in table.splitlines()[2:]}
    assert set(rows) == {"0", "1", "2", "130, 143, 129"}
    for cause in EVAL_EXITS_2:
        assert cause in helped, f"eval --help no longer says `{cause}`: update EVAL_EXITS_2"
        assert cause in rows["2"], f"docs/semantics.md's exit code 2 of eval lacks `{cause}`"


def test_the_currency_decimals_table_is_the_one_amounts_are_rounded_by() -> None:
    """docs/semantics.md lists the currencies paid in whole units and in thousandths: each
    listed code rounds to those decimals, and every code the code rounds otherwise than to 2
    decimals is listed (a code added to engine/money.py had nothing to tell the docs)."""
    from engine.currencies import ISO_4217
    from engine.money import minor_unit_digits

    text = (DOCS / "semantics.md").read_text(encoding="utf-8")
    listed = {
        int(decimals): set(codes.split(", "))
        for decimals, codes in re.findall(r"^ *\| ([03]) \| ([A-Z, ]+) \|$", text, re.MULTILINE)
    }
    assert set(listed) == {0, 3}, "docs/semantics.md lost its table of decimals"
    for decimals, codes in listed.items():
        assert {code: minor_unit_digits(code) for code in codes} == dict.fromkeys(codes, decimals)
    unlisted = {code for code in ISO_4217 if minor_unit_digits(code) != 2} - listed[0] - listed[3]
    assert unlisted == set()


_AMOUNT = re.compile(r"(\d[\d,]*)(?:\^(\d+))? ?(KiB|MiB|GiB|MB)?")
"""A number of the limits table: ``1,000``, ``10^15``, ``4 MiB``, ``16 MB`` (a MiB, as the
engine's own messages count it)."""
_UNIT = {"KiB": 1 << 10, "MiB": 1 << 20, "MB": 1 << 20, "GiB": 1 << 30, "": 1}


def _amounts(cell: str) -> set[int]:
    """The numbers a cell of the limits table gives, in bytes where it names a unit."""
    found = {
        int(digits.replace(",", "")) ** int(power or 1) * _UNIT[unit]
        for digits, power, unit in _AMOUNT.findall(cell)
    }
    if "64 bits" in cell:  # a whole number within 64 bits, as JSON readers take one
        found |= {-(1 << 63), (1 << 64) - 1}
    return found


def _limits_rows() -> list[tuple[str, str]]:
    """(value, where) of each row of docs/security.md's *The limits*."""
    section = _section((DOCS / "security.md").read_text(encoding="utf-8"), "The limits")
    rows = [row.split(" | ") for row in section.splitlines() if row.startswith("| ")]
    return [(value, where.rstrip(" |")) for _, value, where in rows[2:]]


def test_the_amount_reader_reads_the_limits_table_as_written() -> None:
    assert _amounts("16 MB") == {16 << 20} and _amounts("below 10^15 in magnitude") == {10**15}
    assert _amounts("1,000 characters, 256 KiB + 3 KiB") == {1000, 256 << 10, 3 << 10}


def test_the_limits_table_of_security_gives_the_constants_it_names() -> None:
    """docs/security.md's table of limits names the constant each limit is (``engine.limits.
    MAX_KEYS``, then ``MAX_KEY_CHARS`` of the same module): each constant's value must be one
    the row gives; a test held only the names to the code, so a limit changed in the code
    would have left the table promising the old one."""
    import importlib

    checked = 0
    for value, where in _limits_rows():
        module = ""
        for name in re.findall(r"`([\w.]+)`", where):
            if name.startswith("engine."):
                module, _, name = name.rpartition(".")
            constant = getattr(importlib.import_module(module), name)
            if isinstance(constant, int):
                checked += 1
                assert constant in _amounts(value), f"{module}.{name} is {constant}: {value}"
    assert checked > 18  # the scan reads the table


def test_the_lint_table_of_authoring_lists_every_lint_warning() -> None:
    """docs/authoring.md's table of what lint finds has one row per warning lint can give,
    in no other words than its code, and no row for a warning lint no longer gives."""
    from engine.lint import LINT_CHECKS

    text = (DOCS / "authoring.md").read_text(encoding="utf-8")
    section = text.split("## `backplan lint`", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.MULTILINE)
    assert len(rows) == len(set(rows)), "a code has two rows"
    assert set(rows) == {check.code for check in LINT_CHECKS}


def _documented_fields(page: str, heading: str) -> list[str]:
    """The fields a page's table lists, in order: the first column of the table that follows
    ``heading``, a line of its text."""
    text = (DOCS / page).read_text(encoding="utf-8")
    after = text.split(heading, 1)[1]
    table = re.search(r"^\| field \|.*?\n((?:\|.*\n)+)", after, flags=re.MULTILINE)
    assert table is not None, f"no table of fields after {heading!r} in {page}"
    return re.findall(r"^\| `([a-z_]+)` \|", table.group(1), flags=re.MULTILINE)


def test_every_field_of_a_json_diagnostic_is_documented() -> None:
    """`validate --format json` and `lint --format json` are read by editors and CI steps:
    their fields, with the values that stand for "none" (line 0, pointer "", hint ""), are
    listed on diagnostics.md in the order they are written, as the error record's are on
    semantics.md; the page had only an example, which showed none of those values."""
    from engine.errors import Diagnostic, Severity, SourceLocation

    place = SourceLocation("rules/a.yaml", 2, 3, "/rules/0")
    written = Diagnostic(Severity.ERROR, "c", "m", place, "h", (place,)).to_json()
    fields = _documented_fields("diagnostics.md", "`pointer` is the JSON pointer of the value")
    assert fields == list(written)
    assert set(written["related"][0]) <= set(fields)
