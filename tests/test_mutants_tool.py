"""The mutation-testing script `.ci/mutants.py` makes the mistakes it says it makes, at sites
numbered the same way every time, and never in a docstring: a broken operator there would
report every mutant of its kind "survived" (or "killed") and mislead whoever reads the run.
No pytest runs inside these tests; the script's `run` is exercised by using it."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO

SOURCE = '''\
"""A module's docstring: x < y and not z."""


def within(low, high, value):
    """Whether value lies in [low, high) and is not hidden: a < b or c."""
    if low <= value and value < high:
        return not hidden(value)
    return False


def total(values):
    count = 0
    for value in values:
        count += value
    return max(count, 0)
'''


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutants", REPO / ".ci" / "mutants.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["mutants"] = module
    spec.loader.exec_module(module)
    return module


mutants = _load()


def _listed() -> list[str]:
    tree = ast.parse(SOURCE)
    return [mutants.describe("m", i, site) for i, site in enumerate(mutants.sites(tree))]


def _changed_line(module_text: str, index: int) -> tuple[str, str]:
    """The one line the mutant changes: (before, after)."""
    mutant = mutants.mutant_of("m", module_text, index)
    before = mutant.original.splitlines()
    after = mutant.text.splitlines()
    assert len(before) == len(after), mutant.diff()
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert len(changed) == 1, mutant.diff()
    return changed[0][0].strip(), changed[0][1].strip()


def test_the_sites_are_listed_in_source_order_with_function_line_and_kind() -> None:
    assert _listed() == [
        "m:0\twithin\tline 6\tnegate-if",
        "m:1\twithin\tline 6\tboolop",
        "m:2\twithin\tline 7\treturn True",
        "m:3\twithin\tline 7\treturn False",
        "m:4\twithin\tline 7\treturn None",
        "m:5\twithin\tline 8\tflag",
        "m:6\twithin\tline 6\tcompare 0",
        "m:7\twithin\tline 6\tflip 0",
        "m:8\twithin\tline 6\tcompare 0",
        "m:9\twithin\tline 6\tflip 0",
        "m:10\twithin\tline 7\tdrop-not",
        "m:11\ttotal\tline 12\tdelete",
        "m:12\ttotal\tline 13\tskip-first",
        "m:13\ttotal\tline 15\treturn True",
        "m:14\ttotal\tline 15\treturn False",
        "m:15\ttotal\tline 15\treturn None",
        "m:16\ttotal\tline 12\tnumber 1",
        "m:17\ttotal\tline 12\tnumber -1",
        "m:18\ttotal\tline 14\tdelete",
        "m:19\ttotal\tline 15\tswap-args",
        "m:20\ttotal\tline 15\tname",
        "m:21\ttotal\tline 15\tnumber 1",
        "m:22\ttotal\tline 15\tnumber -1",
    ]


def test_numbering_is_the_same_on_the_same_source_and_names_the_same_mutant() -> None:
    assert _listed() == _listed()
    assert mutants.mutant_of("m", SOURCE, 7).text == mutants.mutant_of("m", SOURCE, 7).text


IF = "if low <= value and value < high:"
RETURN = "return max(count, 0)"


@pytest.mark.parametrize(
    ("index", "before", "after"),
    [
        (0, IF, "if not (low <= value and value < high):"),
        (1, IF, "if low <= value or value < high:"),
        (3, "return not hidden(value)", "return False"),
        (5, "return False", "return True"),
        (6, IF, "if low < value and value < high:"),
        (7, IF, "if low >= value and value < high:"),
        (8, IF, "if low <= value and value <= high:"),
        (9, IF, "if low <= value and value > high:"),
        (10, "return not hidden(value)", "return hidden(value)"),
        (11, "count = 0", "pass"),
        (12, "for value in values:", "for value in list(values)[1:]:"),
        (15, RETURN, "return None"),
        (17, "count = 0", "count = -1"),
        (18, "count += value", "pass"),
        (19, RETURN, "return max(0, count)"),
        (20, RETURN, "return min(count, 0)"),
        (21, RETURN, "return max(count, 1)"),
    ],
)
def test_each_kind_of_mutant_changes_its_line_as_it_says(
    index: int, before: str, after: str
) -> None:
    assert _changed_line(SOURCE, index) == (before, after)


def test_docstrings_are_never_mutated_though_their_words_could_be() -> None:
    for index in range(len(_listed())):
        mutant = mutants.mutant_of("m", SOURCE, index)
        assert "x < y and not z" in mutant.text
        assert "a < b or c" in mutant.text
    assert not any(line.endswith("words ' < '") for line in _listed())


def test_words_in_a_text_that_is_not_a_docstring_are_swapped() -> None:
    source = 'def test(field):\n    return f"{field} >= 1" + " and more"\n'
    tree = ast.parse(source)
    kinds = [(site.kind, site.detail) for site in mutants.sites(tree)]
    assert ("words", " and ") in kinds
    assert ("words", " >= ") in kinds
    index = kinds.index(("words", " >= "))
    assert _changed_line(source, index)[1] == "return f'{field} > 1' + ' and more'"


def test_a_mutant_whose_text_is_the_original_is_equivalent_and_not_run(tmp_path: Path) -> None:
    source = "def f(a):\n    return g(a, a)\n"
    index = [site.kind for site in mutants.sites(ast.parse(source))].index("swap-args")
    mutant = mutants.mutant_of("m", source, index)
    assert mutant.text == mutant.original
    outcome = mutants.judge(tmp_path, mutant, ["tests/none.py"], 1.0)
    assert outcome["result"] == "equivalent-text"


def test_an_index_past_the_last_site_names_how_many_there_are() -> None:
    with pytest.raises(IndexError, match="m has 23 sites, numbered 0 to 22"):
        mutants.mutant_of("m", SOURCE, 23)


def test_the_tests_given_end_where_the_specs_begin() -> None:
    words = ["tests/test_report.py", "tests/cli", "report:3", "tests/cli", "report"]
    tests, specs = mutants.split_tests(REPO, words)
    assert tests == ["tests/test_report.py", "tests/cli"]
    assert specs == ["report:3", "tests/cli", "report"]
    assert mutants.split_tests(REPO, ["tests/cli/test_report_cli.py::t", "report"]) == (
        ["tests/cli/test_report_cli.py::t"],
        ["report"],
    )


def test_a_module_is_named_as_python_imports_it_and_found_in_engine() -> None:
    assert mutants.module_path(REPO, "report") == REPO / "engine" / "report.py"
    assert mutants.module_path(REPO, "slips.numbers") == REPO / "engine/slips/numbers.py"
    assert mutants.module_path(REPO, "slips") == REPO / "engine/slips/__init__.py"
    with pytest.raises(ValueError, match="not a module name"):
        mutants.module_path(REPO, "../setup")
    assert mutants.expand(REPO, ["readevent:2"]) == [("readevent", 2)]
    everything = mutants.expand(REPO, ["readevent"])
    assert everything[0] == ("readevent", 0)
    assert len(everything) == len(mutants.sites(ast.parse(mutants.read_module(REPO, "readevent"))))


def test_the_summary_counts_the_share_killed_of_the_mutants_run() -> None:
    counts = mutants.Counter({"killed": 9, "survived": 1, "equivalent-text": 2})
    assert mutants.summary(counts) == (
        "10 run (90% killed): 9 killed, 1 survived, 0 timeout, 2 equivalent-text"
    )
