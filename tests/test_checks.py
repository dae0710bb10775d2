"""Semantic checks: what the schema cannot see, each located and explained."""

from __future__ import annotations

import random
import shutil
import string
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.api import check_plan, read_plan
from engine.checks import CHECKS, MAX_CONDITION_DEPTH, Check, field_reads
from engine.errors import Diagnostic, PlanError, Severity
from engine.regex import RegexError, program_size
from engine.resources import starter_plan_dir
from tests.conftest import PLAN_HEADER, write_plan

FALLBACK = """\
  - id: improvise
    title: Nothing fits
    fallback: true
    then: [{escalate: {to: cx-lead}}]
"""


def check(tmp_path: Path, body: str, *, header: str = PLAN_HEADER) -> list[Diagnostic]:
    return check_plan(write_plan(tmp_path, body, header=header))


def one(tmp_path: Path, body: str, *, header: str = PLAN_HEADER) -> Diagnostic:
    found = check(tmp_path, body, header=header)
    assert len(found) == 1, "\n".join(d.render() for d in found)
    return found[0]


def rule_with(condition: str) -> str:
    return (
        "rules:\n"
        "  - id: r\n"
        "    title: T\n"
        "    when:\n"
        "      event: review\n"
        "      all:\n"
        f"        - {condition}\n"
        "    then: [{apologize: {}}]\n"
    )


def test_every_check_is_described() -> None:
    codes = [c.code for c in CHECKS]
    assert len(codes) == len(set(codes))
    for check_class in CHECKS:
        assert issubclass(check_class, Check)
        assert check_class.description
        assert check_class.code == check_class.code.lower()
        assert isinstance(check_class.severity, Severity)


def test_a_clean_plan_has_no_findings(tmp_path: Path) -> None:
    assert check(tmp_path, rule_with("{field: rating, lte: 2}")) == []


# --- duplicate rule ids -----------------------------------------------------------------------


def test_duplicate_rule_ids_name_both_places(tmp_path: Path) -> None:
    found = one(
        tmp_path,
        """\
        rules:
          - id: late
            title: Late
            when: {event: order}
            then: [{apologize: {}}]
          - id: late
            title: Very late
            when: {event: order}
            then: [{apologize: {}}]
        """,
    )
    assert found.code == "duplicate-rule-id"
    assert "`late`" in found.message
    assert (found.source.line, found.source.column) == (10, 5)
    assert found.source.pointer == "/rules/1"
    [first] = found.related
    assert (first.line, first.column, first.pointer) == (6, 5, "/rules/0")
    assert first.path == found.source.path


def test_duplicate_rule_ids_across_files(tmp_path: Path) -> None:
    write_plan(tmp_path, "rules:\n" + FALLBACK, name="a.yaml")
    write_plan(tmp_path, "rules:\n" + FALLBACK, header="backplan: 1\n", name="b.yaml")
    [found] = check_plan(tmp_path)
    assert found.code == "duplicate-rule-id"
    assert found.source.path.endswith("b.yaml")
    assert found.related[0].path.endswith("a.yaml")
    assert found.source.line == 3
    assert found.related[0].line == 6


def test_a_duplicate_id_hint_names_both_rules_by_file_and_line(tmp_path: Path) -> None:
    write_plan(tmp_path, "rules:\n" + FALLBACK, name="a.yaml")
    write_plan(tmp_path, "rules:\n" + FALLBACK, header="backplan: 1\n", name="b.yaml")
    [found] = check_plan(tmp_path)
    assert found.hint == (
        f"rename one of them: the rule at {tmp_path / 'b.yaml'}:3 "
        f"or the one at {tmp_path / 'a.yaml'}:6"
    )


def test_a_starter_rule_copied_into_a_file_read_before_its_own_is_told_at_the_copy(
    tmp_path: Path,
) -> None:
    """A manager copies ``rude-staff`` into a new ``drivers.yaml`` and keeps its id: the
    folder's files are read by name, the copy first, and the error had been told at the
    starter's rule, the manager's own file only a ``see:`` line."""
    plan = tmp_path / "rules"
    shutil.copytree(starter_plan_dir(), plan)
    copy = "rules:\n  - {id: rude-staff, title: Rude driver, when: {event: order}, then: [{apologize: {}}]}\n"
    write_plan(plan, copy, header="backplan: 1\n", name="drivers.yaml")
    [found] = check_plan(plan)
    original = next(
        number
        for number, line in enumerate((plan / "staff-conduct.yaml").open(), 1)
        if line.strip() == "- id: rude-staff"
    )
    assert found.code == "duplicate-rule-id"
    assert (found.source.path, found.source.line) == (str(plan / "drivers.yaml"), 3)
    assert [(r.path, r.line) for r in found.related] == [
        (str(plan / "staff-conduct.yaml"), original)
    ]
    assert found.hint == (
        f"rename one of them: the rule at {plan / 'drivers.yaml'}:3 was probably copied "
        f"from {plan / 'staff-conduct.yaml'}:{original}"
    )


def test_a_starter_rule_repeated_in_its_own_file_is_told_at_the_later(tmp_path: Path) -> None:
    """Two rules of the starter's id in the starter's file: neither is known to be the copy."""
    rule = "  - {id: rude-staff, title: T, when: {event: order}, then: [{apologize: {}}]}\n"
    write_plan(tmp_path, "rules:\n" + rule + rule + FALLBACK, name="staff-conduct.yaml")
    [found] = check_plan(tmp_path)
    assert (found.source.line, found.related[0].line) == (7, 6)
    assert "probably copied" not in found.hint


def test_three_rules_with_one_id_give_two_reports_pointing_at_the_first(tmp_path: Path) -> None:
    rule = "  - {id: same, title: T, when: {event: order}, then: [{apologize: {}}]}\n"
    found = check(tmp_path, "rules:\n" + rule * 3)
    assert [d.code for d in found] == ["duplicate-rule-id"] * 2
    assert {d.related[0].line for d in found} == {6}


def _rules(*ids: str, title: str = "T") -> str:
    return "rules:\n" + "".join(
        f"  - {{id: {i}, title: {title}, when: {{event: order}}, then: [{{apologize: {{}}}}]}}\n"
        for i in ids
    )


@pytest.mark.parametrize(
    ("copy_name", "read_first"), [("plan (copy).yaml", False), ("north - Copy.yaml", True)]
)
def test_an_old_copy_of_a_file_left_in_the_folder_is_told_once(
    tmp_path: Path, copy_name: str, read_first: bool
) -> None:
    """An old copy of a regional file (`plan (copy).yaml`, a rule changed since, so not the
    same text) gave one error per rule, each hinting to rename one of the two, which kept
    both files' rules in the plan. It is told once, at the copy, whichever is read first."""
    write_plan(tmp_path, _rules("improvise-x"), name="00-plan.yaml")
    write_plan(tmp_path, _rules("a", "b", "c", "d"), header="backplan: 1\n", name="north.yaml")
    old = _rules("a", "b", "c", "d", title="Old")
    write_plan(tmp_path, old, header="backplan: 1\n", name=copy_name)
    assert (copy_name < "north.yaml") is read_first
    [found] = check_plan(tmp_path)
    assert found.code == "duplicate-rule-id"
    assert (found.source.path, found.source.line) == (str(tmp_path / copy_name), 3)
    assert [(r.path, r.line) for r in found.related] == [(str(tmp_path / "north.yaml"), 3)]
    assert found.message == (
        "4 rule ids of this file are already used in `north.yaml` (`a`, `b`, `c`, `d`): is "
        "this file an old copy of it?"
    )
    assert found.hint == (
        "remove this file, or move it out of the plan's folder (every .yaml file in it is "
        "read); if its rules are meant, give each a new id"
    )


def test_a_file_of_its_own_rules_holding_three_copied_ids_is_not_told_to_be_removed(
    tmp_path: Path,
) -> None:
    """A manager's file of five rules of their own and three copied from another file, not yet
    renamed, was told once as an old copy, hinting to remove it, which would have dropped the
    five: each copied id is told at its rule, to be renamed."""
    write_plan(tmp_path, _rules("improvise-x"), name="00-plan.yaml")
    write_plan(tmp_path, _rules("a", "b", "c", "d"), header="backplan: 1\n", name="north.yaml")
    own = _rules("own-1", "own-2", "a", "b", "c", "own-3", "own-4", "own-5")
    write_plan(tmp_path, own, header="backplan: 1\n", name="south.yaml")
    found = check_plan(tmp_path)
    assert [(d.code, d.source.line, d.message) for d in found] == [
        ("duplicate-rule-id", line, f"the rule id `{name}` is already used")
        for line, name in ((5, "a"), (6, "b"), (7, "c"))
    ]
    assert all("rename one of them" in d.hint for d in found)


@pytest.mark.parametrize("pasted_name", ["a-all.yaml", "plan-all.yaml", "z-all.yaml"])
def test_a_plan_pasted_whole_into_one_file_beside_its_files_is_told_once(
    tmp_path: Path, pasted_name: str
) -> None:
    """A manager who pasted the rules of every file of the plan into `my-rules.yaml`, to edit
    the plan in one file, in the folder that still held the files, had one error per id (26
    of the starter plan's), each hinting to rename one of the two. The file is told once, at
    its first rule, with how many ids each other file has in it."""
    write_plan(tmp_path, _rules("improvise-x"), name="00-plan.yaml")
    write_plan(tmp_path, _rules("a", "b", "c"), header="backplan: 1\n", name="north.yaml")
    write_plan(tmp_path, _rules("d", "e"), header="backplan: 1\n", name="south.yaml")
    pasted = _rules("a", "b", "c", "d", "e", "own")
    write_plan(tmp_path, pasted, header="backplan: 1\n", name=pasted_name)  # read 1st, 2nd, 3rd
    [found] = check_plan(tmp_path)
    assert found.code == "duplicate-rule-id"
    assert (found.source.path, found.source.line) == (str(tmp_path / pasted_name), 3)
    assert [(r.path, r.line) for r in found.related] == [(str(tmp_path / "north.yaml"), 3)]
    assert found.message == (
        "5 rule ids of this file are already used in other files of the plan (`north.yaml` 3, "
        "`south.yaml` 2): is this file a copy of the plan?"
    )
    assert found.hint.startswith("remove this file, or move it out of the plan's folder")


def test_a_file_of_its_own_rules_holding_ids_of_two_files_is_not_told_to_be_removed(
    tmp_path: Path,
) -> None:
    """Copied ids from two files that are not most of the file's rules: each told, to rename."""
    write_plan(tmp_path, _rules("improvise-x"), name="00-plan.yaml")
    write_plan(tmp_path, _rules("a", "b"), header="backplan: 1\n", name="north.yaml")
    write_plan(tmp_path, _rules("c"), header="backplan: 1\n", name="south.yaml")
    own = _rules("a", "b", "c", "own-1", "own-2", "own-3")
    write_plan(tmp_path, own, header="backplan: 1\n", name="west.yaml")
    found = check_plan(tmp_path)
    assert [d.message for d in found] == [
        f"the rule id `{name}` is already used" for name in ("a", "b", "c")
    ]


def test_two_ids_of_one_other_file_are_each_told(tmp_path: Path) -> None:
    """Below three ids shared with one file, each is a rule copied to start another."""
    write_plan(tmp_path, _rules("a", "b", "c"), name="a.yaml")
    write_plan(tmp_path, _rules("a", "b"), header="backplan: 1\n", name="b.yaml")
    found = check_plan(tmp_path)
    assert [d.message for d in found] == [
        "the rule id `a` is already used",
        "the rule id `b` is already used",
    ]


# --- named conditions -------------------------------------------------------------------------


def test_unknown_condition_suggests_the_close_name(tmp_path: Path) -> None:
    found = one(
        tmp_path,
        "conditions:\n  public_channel: {field: channel, in: [yelp]}\n"
        + rule_with("{use: public_channels}"),
    )
    assert found.code == "unknown-condition"
    assert "`public_channels`" in found.message
    assert "(did you mean `public_channel`?)" in found.message
    assert "public_channel" in found.hint
    assert found.source.line == 13
    assert found.source.pointer == "/rules/0/when/all/0/use"


def test_a_condition_renamed_is_told_once_with_the_first_use_in_each_other_file(
    tmp_path: Path,
) -> None:
    """A named condition renamed (or its file deleted) while 40 rules still use the old name
    is one mistake: it had given one error per rule, the same words 40 times, and 270 for a
    file of four conditions taken out of a plan of 250 rules (found by review). Told once, at
    the first use, with the first use in each other file under `see:`."""
    conditions = "conditions:\n  valued: {field: customer.tier, eq: gold}\n"
    (tmp_path / "00-plan.yaml").write_text(PLAN_HEADER + conditions)
    for store, count in (("a", 30), ("b", 10)):
        rules = "".join(
            f"  - {{id: {store}{i}, title: T, when: {{use: vip}}, then: [{{apologize: {{}}}}]}}\n"
            for i in range(count)
        )
        (tmp_path / f"store-{store}.yaml").write_text("backplan: 1\nrules:\n" + rules)
    [found] = check_plan(tmp_path)
    assert found.code == "unknown-condition"
    assert found.message == "there is no condition named `vip`; it is used 40 times, here first"
    assert (Path(found.source.path).name, found.source.line) == ("store-a.yaml", 3)
    assert [(Path(at.path).name, at.line) for at in found.related] == [("store-b.yaml", 3)]
    assert found.hint == "defined conditions: valued"


def test_a_name_used_twice_is_told_at_its_first_use_in_the_plan_whether_rule_or_condition(
    tmp_path: Path,
) -> None:
    """Two uses: the count says so, the first in the files' order is where it is told (a named
    condition's in `00-plan.yaml`, before the rule's in `store.yaml`), and the other file's one
    use is under `see:`."""
    conditions = "conditions:\n  angry_vip: {all: [{use: vip}, {field: rating, lte: 2}]}\n"
    (tmp_path / "00-plan.yaml").write_text(PLAN_HEADER + conditions)
    rules = "  - {id: a, title: T, when: {use: angry_vip}, then: [{apologize: {}}]}\n"
    rules += "  - {id: b, title: T, when: {use: vip}, then: [{apologize: {}}]}\n"
    (tmp_path / "store.yaml").write_text("backplan: 1\nrules:\n" + rules)
    [found] = check_plan(tmp_path)
    assert found.message == "there is no condition named `vip`; it is used 2 times, here first"
    assert (Path(found.source.path).name, found.source.line) == ("00-plan.yaml", 6)
    assert [(Path(at.path).name, at.line) for at in found.related] == [("store.yaml", 4)]


def test_a_condition_used_in_many_files_names_eight_of_them_and_how_many(
    tmp_path: Path,
) -> None:
    """A file of store conditions deleted while 250 stores' files use one: its error had
    249 `see:` lines, burying the one thing to fix, as stop-tie's 300 had (found by review).
    The first use in eight other files under `see:`, and how many files there are."""
    (tmp_path / "00-plan.yaml").write_text(PLAN_HEADER)
    for store in range(20):
        rules = f"  - {{id: s{store}, title: T, when: {{use: vip}}, then: [{{apologize: {{}}}}]}}\n"
        (tmp_path / f"store-{store:02d}.yaml").write_text("backplan: 1\nrules:\n" + rules)
    [found] = check_plan(tmp_path)
    assert (
        found.message
        == "there is no condition named `vip`; it is used 20 times in 20 files, here first"
    )
    assert [Path(at.path).name for at in found.related] == [
        f"store-{store:02d}.yaml" for store in range(1, 9)
    ]


def test_unknown_condition_with_no_conditions_defined(tmp_path: Path) -> None:
    found = one(tmp_path, rule_with("{use: vip}"))
    assert found.code == "unknown-condition"
    assert "did you mean" not in found.message
    assert "none" in found.hint


def test_unknown_condition_inside_a_named_condition(tmp_path: Path) -> None:
    found = one(
        tmp_path,
        "conditions:\n  angry: {not: {use: calm}}\n" + rule_with("{use: angry}"),
    )
    assert found.code == "unknown-condition"
    assert found.source.line == 6


BLOCK_LAYOUT = """\
conditions:
  vip: {{field: customer.tier, eq: gold}}
rules:
  - id: r
    title: {title}
    when:
      event: review
      {test}
    then: [{{apologize: {{}}}}]
"""
"""A rule whose `when:` holds its test in block layout, below `event:` (the starter plan's
layout); a tag (``!!str``) in the title makes the file read by the careful loader."""


@pytest.mark.parametrize("title", ["T", "!!str T"], ids=["read-fast", "read-carefully"])
@pytest.mark.parametrize(
    ("test", "code", "column"),
    [
        ("use: vips", "unknown-condition", 12),
        ("all:\n        - field: rating\n          between: [4, 2]", "bad-between", 20),
        ("all:\n        - field: text\n          matches: '(a)\\1'", "bad-regex", 20),
        ("all:\n        - field: text\n          ne: null", "ne-null", 15),
        (
            "all:\n        - field: rating\n          eq: 2\n          ignore_case: true",
            "ignore-case-not-text",
            24,
        ),
        (
            "all:\n        - field: rating\n          gt: 2\n          ignore_case: true",
            "ignore-case-not-text",
            24,
        ),
    ],
    ids=["use", "between", "matches", "ne-null", "ignore-case-on-a-number", "ignore-case-on-gt"],
)
def test_a_test_written_over_lines_is_told_at_its_own_line(
    tmp_path: Path, title: str, test: str, code: str, column: int
) -> None:
    """`use: vips` below `event: review` had been told at `event:`, the line above it: the
    place of the mapping that holds it, not of the name (found by fuzzing the command line);
    a wrong `between:`, `matches:`, `ne: null` or `ignore_case:` written under its `- field:`,
    at the field's line."""
    [found] = check(tmp_path, BLOCK_LAYOUT.format(title=title, test=test))
    line = 8 + test.count("\n")  # the header's 4 lines, then the test's last line
    assert (found.code, found.source.line, found.source.column) == (code, line + 4, column)


def test_use_directly_in_when(tmp_path: Path) -> None:
    body = (
        "conditions:\n  vip: {field: customer.tier, eq: gold}\n"
        "rules:\n  - {id: r, title: T, when: {use: vips}, then: [{apologize: {}}]}\n"
    )
    found = one(tmp_path, body)
    assert found.code == "unknown-condition"
    assert "did you mean `vip`" in found.message


@pytest.mark.parametrize(
    ("conditions", "circle"),
    [
        ("  a: {use: a}\n", "a → a"),
        ("  a: {use: b}\n  b: {not: {use: a}}\n", "a → b → a"),
        (
            "  a: {all: [{use: b}]}\n  b: {any: [{use: c}]}\n  c: {use: a}\n",
            "a → b → c → a",
        ),
    ],
)
def test_condition_cycle_is_reported_once(tmp_path: Path, conditions: str, circle: str) -> None:
    found = one(tmp_path, "conditions:\n" + conditions + rule_with("{use: a}"))
    assert found.code == "condition-cycle"
    assert circle in found.message
    assert found.source.line == 6
    assert found.source.pointer == "/conditions/a"


def test_conditions_may_share_a_condition_without_a_cycle(tmp_path: Path) -> None:
    body = (
        "conditions:\n"
        "  base: {field: rating, lte: 2}\n"
        "  left: {all: [{use: base}]}\n"
        "  right: {any: [{use: base}]}\n"
    ) + rule_with("{all: [{use: left}, {use: right}]}")
    assert check(tmp_path, body) == []


def chain(links: int) -> str:
    """Named conditions c0 -> c1 -> ... each using the next; the last is a field test."""
    lines = [f"  c{i}: {{use: c{i + 1}}}" for i in range(links)]
    lines.append(f"  c{links}: {{field: rating, lte: 2}}")
    return "conditions:\n" + "\n".join(lines) + "\n" + rule_with("{use: c0}")


def test_condition_depth_counts_named_conditions(tmp_path: Path) -> None:
    # when (1) > use c0 (1) > one level per link > the field test (1)
    found = one(tmp_path, chain(MAX_CONDITION_DEPTH - 2))
    assert found.code == "condition-too-deep"
    assert f"nest {MAX_CONDITION_DEPTH + 1} levels" in found.message
    assert f"at most {MAX_CONDITION_DEPTH}" in found.message
    assert "`r`" in found.message
    assert found.source.pointer == "/rules/0/when"


def test_condition_depth_at_the_limit_is_fine(tmp_path: Path) -> None:
    assert check(tmp_path, chain(MAX_CONDITION_DEPTH - 3)) == []


# --- named conditions at scale: each condition worked out once, no recursion along a chain --


def ladder(width: int, levels: int, *, circle: bool) -> str:
    """Levels of named conditions, each using every condition of the next level (a graph of
    ``width ** levels`` paths); with ``circle``, the last level's first uses ``l0_0`` again."""
    lines = []
    for level in range(levels):
        for i in range(width):
            if level == levels - 1:
                used = ["{use: l0_0}"] if circle and i == 0 else []
                items = [*used, "{field: rating, lte: 2}"]
            else:
                items = [f"{{use: l{level + 1}_{j}}}" for j in range(width)]
            lines.append(f"  l{level}_{i}: {{any: [{', '.join(items)}]}}")
    return "conditions:\n" + "\n".join(lines) + "\n" + rule_with("{use: l0_0}")


def calls_of(check_class: type[Check], tmp_path: Path, body: str) -> tuple[int, list[Diagnostic]]:
    """What one check finds in a plan, and how many functions it called (Python's and
    built-in ones): a count of its work that does not depend on the computer's speed."""
    import engine.checks

    saved = engine.checks.CHECKS
    engine.checks.CHECKS = []  # the model alone: the checks under test run below
    try:
        model = read_plan(write_plan(tmp_path, body))
    finally:
        engine.checks.CHECKS = saved
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        count += event in ("call", "c_call")

    sys.setprofile(profile)
    try:
        found = list(check_class().check(model))
    finally:
        sys.setprofile(None)
    return count, found


def test_condition_cycles_are_found_without_following_every_path(tmp_path: Path) -> None:
    """Circles were searched path by path from every condition: 2 KB of conditions sharing
    sub-conditions took over a minute (3 ** 7 paths here). Each search now enters each
    condition once."""
    from engine.checks import ConditionCycle

    conditions, uses = 3 * 7, 3 * 3 * 6 + 1
    count, found = calls_of(ConditionCycle, tmp_path, ladder(3, 7, circle=True))
    assert [d.code for d in found] == ["condition-cycle"] * 11
    assert found[0].message.endswith("l0_0 → l1_2 → l2_2 → l3_2 → l4_2 → l5_2 → l6_0 → l0_0")
    assert count < 40 * (conditions + uses), count


def test_condition_depth_works_out_each_named_condition_once(tmp_path: Path) -> None:
    """The depth of a rule was worked out along every path through the named conditions it
    uses: 3.4 KB of them took 30 s. Each condition's depth is now worked out once."""
    from engine.checks import ConditionDepth

    conditions, uses = 3 * 7, 3 * 3 * 6
    count, found = calls_of(ConditionDepth, tmp_path, ladder(3, 7, circle=False))
    assert found == []
    assert count < 40 * (conditions + uses), count


def long_chain(links: int, *, circle: bool = False, used: bool = True) -> str:
    """Named conditions c0 -> c1 -> ... each using the next, the last a field test (or,
    with ``circle``, using c0), and a rule using c0 (unless not ``used``)."""
    lines = [
        f"  c{i}: {{all: [{{use: c{i + 1}}}, {{field: rating, lte: 2}}]}}" for i in range(links)
    ]
    last = "{use: c0}" if circle else "{field: rating, lte: 2}"
    lines.append(f"  c{links}: {last}")
    rules = rule_with("{use: c0}") if used else "rules:\n" + FALLBACK
    return "conditions:\n" + "\n".join(lines) + "\n" + rules


def test_a_chain_of_3000_named_conditions_is_too_deep_not_a_crash(tmp_path: Path) -> None:
    """A chain of 500 named conditions or more ended validation in RecursionError."""
    found = one(tmp_path, long_chain(3000))
    assert found.code == "condition-too-deep"
    assert "the conditions of rule `r` nest 6003 levels deep (at most 32)" in found.message
    assert found.source.pointer == "/rules/0/when"


def test_a_circle_of_3000_named_conditions_is_one_circle(tmp_path: Path) -> None:
    found = one(tmp_path, long_chain(3000, circle=True))
    assert found.code == "condition-cycle"
    assert found.message.endswith(" → c2999 → c3000 → c0")
    assert found.source.pointer == "/conditions/c0"


def test_a_chain_no_rule_uses_is_valid_and_loads(tmp_path: Path) -> None:
    """Only rules nest too deep: a chain of 3,000 conditions no rule uses is valid, and
    loading the plan (compiled for deciding) follows no chain of named conditions."""
    from engine.api import load_plan

    path = write_plan(tmp_path, long_chain(3000, used=False))
    assert check_plan(path) == []
    assert load_plan(path).evaluate({"id": "e", "type": "review", "rating": 1}) is not None


def _first_circle(start: str, uses: dict[str, list[str]]) -> list[str] | None:
    """The search ``condition-cycle`` made before, path by path (kept to compare with)."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    while stack:
        name, path = stack.pop()
        for target in uses.get(name, []):
            if target == start:
                return path
            if target not in path:
                stack.append((target, [*path, target]))
    return None


def _circles_before(uses: dict[str, list[str]]) -> list[list[str]]:
    reported: set[frozenset[str]] = set()
    circles = []
    for start in sorted(uses):
        path = _first_circle(start, uses)
        if path and frozenset(path) not in reported:
            reported.add(frozenset(path))
            circles.append(path)
    return circles


def _random_graphs(seed: int, count: int) -> Iterator[dict[str, list[str]]]:
    draw = random.Random(seed)
    for _ in range(count):
        names = [f"c{i}" for i in range(draw.randint(1, 8))]
        yield {name: [draw.choice(names) for _ in range(draw.randint(0, 4))] for name in names}


def test_condition_cycles_are_the_circles_reported_before() -> None:
    """The same circles, from the same conditions, as the search path by path found."""
    from engine.usegraph import UseGraph

    for uses in _random_graphs(1, 3000):
        assert list(UseGraph.from_uses(uses).circles()) == _circles_before(uses), uses


def test_past_the_search_budget_every_condition_on_a_circle_is_still_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import engine.usegraph

    monkeypatch.setattr(engine.usegraph, "SEARCH_BUDGET", 0)
    for uses in _random_graphs(2, 3000):
        on_circles = {name for circle in _circles_before(uses) for name in circle}
        named: set[str] = set()
        for circle in engine.usegraph.UseGraph.from_uses(uses).circles():
            assert len(set(circle)) == len(circle), (uses, circle)
            assert all(
                b in uses[a] for a, b in zip(circle, circle[1:] + circle[:1], strict=True)
            ), uses
            named.update(circle)
        assert named == on_circles, uses


def test_many_misspelt_names_are_each_compared_with_few_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """200 misspelt names among 200 named conditions: each was compared with all 200, and
    each hint listed all 200 (4,000 of each took over a minute and printed 16 MB)."""
    import difflib

    compared: list[int] = []
    close_matches = difflib.get_close_matches

    def counted(word: str, possibilities: list[str], *args: object, **kw: object) -> list[str]:
        compared.append(len(possibilities))
        return close_matches(word, possibilities, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    names = [f"cond_{i:05d}" for i in range(200)]
    conditions = "".join(
        f"  {name}: {{field: rating, lte: {i % 5}}}\n" for i, name in enumerate(names)
    )
    rules = "".join(
        f"  - {{id: r{i}, title: T, when: {{use: {misspelt}}}, then: [{{apologize: {{}}}}]}}\n"
        for i, misspelt in enumerate([f"cnod_{i:05d}" for i in range(200)] + ["cnod_00007"] * 50)
    )
    found = check(tmp_path, "conditions:\n" + conditions + "rules:\n" + rules)
    # the 50 uses of `cnod_00007` are one mistake, told once at the first of them
    assert [d.code for d in found] == ["unknown-condition"] * 200
    assert (
        "there is no condition named `cnod_00007` (did you mean `cond_00007`?); it is used "
        "51 times, here first" in [d.message for d in found]
    )
    assert len(compared) == 200  # once for each misspelt name, however often it is written
    assert sum(compared) < 20 * 200, sum(compared)
    assert {d.hint for d in found} == {
        "defined conditions: cond_00000, cond_00001, cond_00002, cond_00003, cond_00004, "
        "cond_00005, cond_00006, cond_00007, … (200 in all)"
    }


@pytest.mark.parametrize(
    "slip",
    ["late_delivry", "late_deliveery", "late_delivexy", "late_delivrey", "Late_Delivery"],
)
def test_among_many_names_a_slip_of_one_letter_is_recognised(slip: str) -> None:
    """Among more than ``MAX_COMPARED`` names, a name is compared only with those one slip
    away (a letter left out, added, changed, or two swapped): it still finds the same one."""
    from engine.checks import UnknownCondition
    from engine.suggest import Suggester, did_you_mean

    names = [f"rule_{i}_of_many" for i in range(100)] + ["late_delivery", "late_arrival"]
    meant = Suggester(names, compare_at_most=UnknownCondition.MAX_COMPARED)
    assert meant(slip) == did_you_mean(slip, names) == "late_delivery"


@pytest.mark.parametrize(
    "slips",
    ["delivry_lat", "deilvery_lae", "delivary_lata", "dleivery_latte", "delivery_latexx"],
)
def test_among_many_names_two_slips_get_the_suggestion_few_names_get(
    tmp_path: Path, slips: str
) -> None:
    """Among 100 named conditions, a name two slips of a letter away (two left out, a pair
    swapped and one left out, two changed...) is recognised as it is among five: only one
    slip was looked for among more than 64 names, and these got no suggestion."""

    def message(names: list[str], folder: str) -> str:
        conditions = "".join(f"  {name}: {{field: rating, lte: 1}}\n" for name in names)
        body = "conditions:\n" + conditions + rule_with(f"{{use: {slips}}}")
        (tmp_path / folder).mkdir()
        return one(tmp_path / folder, body).message

    meant = ["delivery_late", "late_arrival", "public_channel", "vip_customer", "refund_asked"]
    many = meant + [f"rule_{i}_of_many" for i in range(95)]
    expected = f"there is no condition named `{slips}` (did you mean `delivery_late`?)"
    assert message(meant, "few") == message(many, "many") == expected


def test_few_named_conditions_are_all_compared_with_a_misspelt_name(tmp_path: Path) -> None:
    """With few named conditions, a name two slips away is still recognised."""
    body = "conditions:\n  public_channel: {field: channel, in: [yelp]}\n" + rule_with(
        "{use: publik_chanel}"
    )
    assert "(did you mean `public_channel`?)" in one(tmp_path, body).message


def test_duplicate_condition_across_files(tmp_path: Path) -> None:
    write_plan(
        tmp_path, "conditions:\n  vip:\n    field: a\n    eq: 1\nrules:\n" + FALLBACK, name="a.yaml"
    )
    write_plan(
        tmp_path, "conditions:\n  vip: {field: b, eq: 2}\n", header="backplan: 1\n", name="b.yaml"
    )
    [found] = check_plan(tmp_path)
    assert found.code == "duplicate-condition"
    assert found.source.path.endswith("b.yaml")
    assert (found.source.line, found.source.column) == (3, 3)
    [first] = found.related  # the first one's name (line 6), not its value's first key (7)
    assert first.path.endswith("a.yaml") and (first.line, first.column) == (6, 3)


# --- regular expressions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [r"'(\w+) \1'", "'(?=refund)'", "'(?<!not )happy'", "'(unclosed'", "'[z-a]'", "'a**'"],
)
def test_invalid_regex(tmp_path: Path, pattern: str) -> None:
    found = one(tmp_path, rule_with(f"{{field: text, matches: {pattern}}}"))
    assert found.code == "bad-regex"
    assert "is not a valid regular expression" in found.message
    assert "RE2" in found.hint
    assert found.source.line == 11
    assert found.source.pointer == "/rules/0/when/all/0/matches"


_SYNTAX = " (patterns use RE2 syntax; see docs/rule-language.md)"


@pytest.mark.parametrize(
    ("pattern", "said", "hint"),
    [
        (
            '"(abc"',
            "the `(` at character 1 is never closed",
            "add a `)` where the group ends, or write `\\(` to match a bracket itself",
        ),
        (
            '"x(a(b)"',
            "the `(` at character 2 is never closed",
            "add a `)` where the group ends, or write `\\(` to match a bracket itself",
        ),
        (
            '"[(]a)"',
            "the `)` at character 5 closes no `(`",
            "take it out, or write `\\)` to match a bracket itself",
        ),
        (
            '"[^])]a)"',
            "the `)` at character 7 closes no `(`",
            "take it out, or write `\\)` to match a bracket itself",
        ),
        (
            '"a[b]c[a-"',
            "the `[` at character 6 is never closed",
            "add a `]` where its list of characters ends, or write `\\[` to match a bracket itself",
        ),
        (
            '"a**"',
            "`**` at character 2 repeats a repetition",
            "keep one of its signs, or write `\\*` to match a `*` itself",
        ),
        (
            '"\\\\*|+b"',
            "the `+` at character 4 has nothing before it to repeat",
            "write `\\+` to match a `+` itself, or put what it repeats before it",
        ),
        (  # the second repetition's sign, named by RE2 with its lazy `?`: `\?` had been
            # hinted, and `a**\?` is refused still (found by review)
            "'a**?'",
            "`**?` at character 2 repeats a repetition",
            "keep one of its signs, or write `\\*` to match a `*` itself",
        ),
        (  # the first lazy, the second a `?`: that `?` is the one to escape
            "'a*??'",
            "`*??` at character 2 repeats a repetition",
            "keep one of its signs, or write `\\?` to match a `?` itself",
        ),
        (  # a lazy `*?` with nothing before it: its `*` is told, and `\*` mends it; the `?`
            # had been told at the `*`'s character, hinted `\?` (`*\?`: refused still)
            # (found by review)
            "'*?refund'",
            "the `*` at character 1 has nothing before it to repeat",
            "write `\\*` to match a `*` itself, or put what it repeats before it",
        ),
        (
            '"ab\\\\"',
            "the pattern ends with a lone `\\` (character 3)",
            "write `\\\\` to match a backslash, or take it out",
        ),
        (
            '"[0-9z-a]"',
            "the range `z-a` at character 5 goes backwards",
            "write its first character first: `a-z`",
        ),
        (  # after a class by name, whose `]` closes nothing: it had kept RE2's words (found
            # by mutation testing)
            '"[[:digit:]z-a]"',
            "the range `z-a` at character 11 goes backwards",
            "write its first character first: `a-z`",
        ),
        (  # a range's ends that would read otherwise are escaped in the mend: a `-` first
            # (`--e` after the `x` is the range `x--`), a `^` first (`[^-}]` negates the list)
            # and a `]` last (`[A-]]` is `A`, `-`, then a `]` after the list) (found by review)
            "'[xe--]'",
            "the range `e--` at character 3 goes backwards",
            "write its first character first: `\\--e`",
        ),
        (
            "'[}-^]'",
            "the range `}-^` at character 2 goes backwards",
            "write its first character first: `\\^-}`",
        ),
        (
            "'[]-A]'",
            "the range `]-A` at character 2 goes backwards",
            "write its first character first: `A-\\]`",
        ),
        (  # a quoted run holds no syntax: its `(` is closed by no `)`
            '"\\\\Q(\\\\E)"',
            "the `)` at character 6 closes no `(`",
            "take it out, or write `\\)` to match a bracket itself",
        ),
        (  # an escaped `(` opens nothing, and a quote never ended by `\E` runs to the end
            # (found by mutation testing)
            '"\\\\(a)"',
            "the `)` at character 4 closes no `(`",
            "take it out, or write `\\)` to match a bracket itself",
        ),
        (
            '"x)\\\\Q("',
            "the `)` at character 2 closes no `(`",
            "take it out, or write `\\)` to match a bracket itself",
        ),
        (
            '"x\\\\Q?+\\\\E?+"',
            "`?+` at character 8 repeats a repetition",
            "keep one of its signs, or write `\\+` to match a `+` itself",
        ),
    ],
)
def test_a_broken_pattern_is_told_where_and_how_to_mend_it(
    tmp_path: Path, pattern: str, said: str, hint: str
) -> None:
    # RE2 had said "missing ): (abc" and "bad repetition operator: **": no place, no mend.
    found = one(tmp_path, rule_with(f"{{field: text, matches: {pattern}}}"))
    written = found.message.split("`")[1]
    assert found.message == f"the pattern `{written}` is not a valid regular expression: {said}"
    assert found.hint == hint + _SYNTAX


@pytest.mark.parametrize(
    ("pattern", "said"),
    [
        ("'[\\d])'", "the `)` at character 5 closes no `(`"),  # an escape: two characters
        ("'[\\](]a)'", "the `)` at character 7 closes no `(`"),  # an escaped `]` ends nothing
        ("'[0-9])'", "the `)` at character 6 closes no `(`"),  # a range: three
        ("'[a-])'", "the `)` at character 5 closes no `(`"),  # a `-` before the `]`: no range
        ("'[[:alpha:]])'", "the `)` at character 12 closes no `(`"),  # a class by name
        ("'[[:](x'", "the `(` at character 5 is never closed"),  # `[:` and no `:]`: no name
        ("'\\Q\\E)'", "the `)` at character 5 closes no `(`"),  # a quote of nothing
    ],
)
def test_a_bracket_after_a_list_or_a_quote_is_placed_as_re2_reads_them(
    tmp_path: Path, pattern: str, said: str
) -> None:
    """Where a `[...]` ends, as RE2 reads its items, places the brackets after it: a `)` read
    inside the list would be told by no place, in RE2's words, and a `[:` never closed read as
    a class by name would fail the check itself (found by mutation testing: no test had read a
    bracket after a list)."""
    found = one(tmp_path, rule_with(f"{{field: text, matches: {pattern}}}"))
    assert found.message.endswith(f"is not a valid regular expression: {said}")


_BACK_REFERENCE = (
    "write out again what the group matches (`(ha)ha`, not `(ha)\\1`), or test the repeated "
    "text with a second `matches` under `all:`"
)
_RECURSION = "write out each level of nesting you mean"
_NO_GROUP = (
    "RE2 knows `(?:...)`, `(?P<name>...)` and the flags `(?i)`, `(?m)`, `(?s)` and `(?U)`; "
    "write `\\(` to match a bracket itself"
)


@pytest.mark.parametrize(
    ("pattern", "said", "hint"),
    [
        (
            "'(?i)refund(?= now)'",
            "RE2 has no look-ahead: `(?=` at character 11",
            "test the text with a second `matches` under `all:` instead",
        ),
        (
            "'refund(?! later)'",
            "RE2 has no negative look-ahead: `(?!` at character 7",
            "test the text with a `matches` under `not:` instead",
        ),
        (
            "'(?<=very )rude'",
            "RE2 has no look-behind: `(?<=` at character 1",
            "test the text with a second `matches` under `all:` instead",
        ),
        (
            "'(?<!not )happy'",
            "RE2 has no negative look-behind: `(?<!` at character 1",
            "test the text with a `matches` under `not:` instead",
        ),
        (
            "'a(?>bc|b)c'",
            "RE2 has no atomic group: `(?>` at character 2",
            "write a plain group `(?:...)` instead",
        ),
        (
            "'(a)?(?(1)b|c)'",
            "RE2 has no conditional group: `(?(` at character 5",
            "write each case as its own `matches` under `any:` instead",
        ),
        ("'x(?#why)'", "RE2 has no comment group: `(?#` at character 2", "take the comment out"),
        (
            "'(?|a)'",
            "RE2 has no branch-reset group: `(?|` at character 1",
            "write a plain group `(?:...)`",
        ),
        (
            "'(?'n'a)'".replace("'n'", "''n''"),
            "RE2 has no group named in quotes: `(?'` at character 1",
            "write a named group as `(?P<name>...)`",
        ),
        ("'(\\w+) \\1'", "RE2 has no back-reference: `\\1` at character 7", _BACK_REFERENCE),
        (
            "'(?P<w>\\w+) (?P=w)'",
            "RE2 has no back-reference: `(?P=` at character 12",
            _BACK_REFERENCE,
        ),
        (
            "'(?<w>\\w+) \\k<w>'",
            "RE2 has no back-reference: `\\k` at character 11",
            _BACK_REFERENCE,
        ),
        ("'\\[\\Q\\1\\E\\g1'", "RE2 has no back-reference: `\\g` at character 9", _BACK_REFERENCE),
        ("'\\((?R)?\\)'", "RE2 has no recursion: `(?R` at character 3", _RECURSION),
        ("'(a)(?-1)'", "RE2 has no recursion: `(?-1` at character 4", _RECURSION),
        ("'(?P<a>x)(?P>a)'", "RE2 has no recursion: `(?P>` at character 9", _RECURSION),
        ("'(?z)a'", "the `(?` at character 1 starts no group RE2 knows", _NO_GROUP),
        ("'(?i)x(?i'", "the `(?` at character 6 starts no group RE2 knows", _NO_GROUP),
        (
            "'thanks\\Z'",
            "RE2 has no `\\Z` at character 7",
            "write `$` for the end of the text instead",
        ),
        (
            "'\\Gthanks'",
            "RE2 has no `\\G` at character 1",
            "write `^` for the start of the text instead",
        ),
        (
            "'[a-z]\\e'",
            "`\\e` at character 6 is no escape RE2 knows",
            "write `e` alone to match the letter, or `\\\\e` to match a backslash and the letter",
        ),
        (  # `+-[` is a range, so its `[` starts no class by name: the `\e` is in the `[...]`
            "'[+-[:\\e:]]'",
            "`\\e` at character 6 is no escape RE2 knows",
            "write `e` alone to match the letter, or `\\\\e` to match a backslash and the letter",
        ),
        (
            "'\\q'",
            "`\\q` at character 1 is no escape RE2 knows",
            "write `q` alone to match the letter, or `\\\\q` to match a backslash and the letter",
        ),
        (
            "'\\d{1,1001}'",
            "`{1,1001}` at character 3 counts past 1,000, the most RE2 allows",
            "write `+` to repeat it any number of times, or a smaller count",
        ),
        (
            "'x{2,1}'",
            "`{2,1}` at character 2 counts backwards",
            "write the smaller number first: `{1,2}`",
        ),
        (  # lazy: RE2 names the count with its `?` (found by mutation testing: RE2's words)
            "'x{3,2}?y{1001}?'",
            "`{3,2}` at character 2 counts backwards",
            "write the smaller number first: `{2,3}`",
        ),
        (
            "'x{1001}?'",
            "`{1001}` at character 2 counts past 1,000, the most RE2 allows",
            "write `+` to repeat it any number of times, or a smaller count",
        ),
        (
            "'x(a{2,}){600}'",
            "`{600}` at character 9 repeats a part that is counted too: more than 1,000 times in "
            "all, the most RE2 allows",
            "count fewer times, or write `+` to repeat any number of times",
        ),
        (
            "'(a{100}){100}'",
            "`{100}` repeats a part that is counted too: more than 1,000 times in all, the most "
            "RE2 allows",
            "count fewer times, or write `+` to repeat any number of times",
        ),
        # at the bounds (found by mutation testing): a count of 1,000, or of 2 to 2, is no
        # mistake of its own; of two counts past 1,000, RE2 names the first
        (
            "'x(a{2}){1000}'",
            "`{1000}` at character 8 repeats a part that is counted too: more than 1,000 times "
            "in all, the most RE2 allows",
            "count fewer times, or write `+` to repeat any number of times",
        ),
        (
            "'x(a{2}){0,1000}'",
            "`{0,1000}` at character 8 repeats a part that is counted too: more than 1,000 "
            "times in all, the most RE2 allows",
            "count fewer times, or write `+` to repeat any number of times",
        ),
        (
            "'(a{600}){2,2}'",
            "`{2,2}` at character 9 repeats a part that is counted too: more than 1,000 times "
            "in all, the most RE2 allows",
            "count fewer times, or write `+` to repeat any number of times",
        ),
        (
            "'a{1001}b{1001}'",
            "`{1001}` at character 2 counts past 1,000, the most RE2 allows",
            "write `+` to repeat it any number of times, or a smaller count",
        ),
        (
            "'x(?P<order-id>\\d+)'",
            "the name of the group at character 2 may hold only letters, digits and `_`",
            "rename it, such as `(?P<reason>...)`",
        ),
        (  # at the pattern's first character (found by mutation testing)
            "'(?P<order id>\\d+)'",
            "the name of the group at character 1 may hold only letters, digits and `_`",
            "rename it, such as `(?P<reason>...)`",
        ),
        (
            "'x(?P<id'",
            "the name of the group at character 2 is never closed by a `>`",
            "write `(?P<name>...)`, or `\\(` to match a bracket itself",
        ),
        (  # RE2 reads a name in a look-behind that ends the pattern (found by review)
            "'x(?<='",
            "RE2 has no look-behind: `(?<=` at character 2",
            "test the text with a second `matches` under `all:` instead",
        ),
        (
            "'x(?<!'",
            "RE2 has no negative look-behind: `(?<!` at character 2",
            "test the text with a `matches` under `not:` instead",
        ),
    ],
)
def test_what_re2_lacks_of_perl_is_told_where_and_what_to_write(
    tmp_path: Path, pattern: str, said: str, hint: str
) -> None:
    """A look-around, back-reference or escape copied from a Perl or JavaScript tutorial, a
    count past RE2's 1,000: RE2 had said "invalid perl operator: (?=" or "invalid escape
    sequence: \\1", naming no place and no mend."""
    found = one(tmp_path, rule_with(f"{{field: text, matches: {pattern}}}"))
    written = found.message.split("`")[1]
    assert found.message == f"the pattern `{written}` is not a valid regular expression: {said}"
    assert found.hint == hint + _SYNTAX


@pytest.mark.parametrize("letter", string.ascii_letters)
def test_every_letter_re2_refuses_after_a_backslash_is_told_in_words(letter: str) -> None:
    """The letters RE2 knows after a `\\` are listed by hand (engine.regex): one RE2 refuses
    that the list held would keep RE2's "invalid escape sequence"."""
    try:
        program_size(f"\\{letter}" + {"p": "{Greek}", "P": "{Greek}", "x": "41"}.get(letter, ""))
    except RegexError as refused:
        assert not str(refused).startswith("invalid escape sequence"), refused
        assert refused.hint.endswith(_SYNTAX[1:-1] + ")")


@pytest.mark.parametrize(
    ("pattern", "said"),
    [
        ('"a{2}{3}"', "bad repetition operator: {2}{3}"),
        ("'[[:foo:]]'", "invalid character class range: [:foo:]"),
        ("'\\x{110000}'", "invalid escape sequence: \\x{110000"),
        ("'[a-\\d]'", "invalid escape sequence: \\d"),
        ("'[\\1]'", "invalid escape sequence: \\1"),
        # a range whose first character is written as a code: no hint that swaps the two
        # characters as written (`x-\`; found by mutation testing)
        ("'[\\x{7a}-a]'", "invalid character class range: \\x{7a}-a"),
        # a group's start cut off after its `<`: no `(?` RE2 lacks to name (found by mutation
        # testing: told at character 1, the `x`, had none been looked for)
        ("'x(?<'", "invalid perl operator: (?<"),
    ],
)
def test_a_broken_pattern_not_worded_keeps_re2s_words(
    tmp_path: Path, pattern: str, said: str
) -> None:
    found = one(tmp_path, rule_with(f"{{field: text, matches: {pattern}}}"))
    assert found.message.endswith(f"is not a valid regular expression: {said}")
    assert found.hint == "patterns use RE2 syntax; see docs/rule-language.md"


@pytest.mark.parametrize(
    ("pattern", "hint"),
    [
        # names only what the pattern holds: every pattern left in RE2's words had been
        # hinted "no backreferences (\1) or lookaround ((?=...))" (found by review)
        ("'\\p{Foo}'", "patterns use RE2 syntax; see docs/rule-language.md"),
        ("'[[:foo:]][\\1]'", "patterns use RE2 syntax; see docs/rule-language.md"),
        (
            "'[[:foo:]](?=x)'",
            "also, RE2 has no look-ahead: `(?=` at character 10: test the text with a second "
            "`matches` under `all:` instead (patterns use RE2 syntax; see docs/rule-language.md)",
        ),
        (
            "'[[:foo:]](a)(?<!b)\\1'",
            "also, RE2 has no negative look-behind: `(?<!` at character 13: test the text with "
            "a `matches` under `not:` instead (patterns use RE2 syntax; see "
            "docs/rule-language.md)",
        ),
        (
            "'[[:foo:]]x(a)\\1(?=b)'",
            "also, RE2 has no back-reference: `\\1` at character 14: write out again what the "
            "group matches (`(ha)ha`, not `(ha)\\1`), or test the repeated text with a second "
            "`matches` under `all:` (patterns use RE2 syntax; see docs/rule-language.md)",
        ),
        # a back-reference after one in a `[...]` (Perl's character 1): it had raised an
        # AssertionError, the one in brackets read for it (found by review)
        (
            "'[[:foo:]][\\1]\\1'",
            "also, RE2 has no back-reference: `\\1` at character 14: write out again what the "
            "group matches (`(ha)ha`, not `(ha)\\1`), or test the repeated text with a second "
            "`matches` under `all:` (patterns use RE2 syntax; see docs/rule-language.md)",
        ),
        (
            "'\\pX\\k<a>'",
            "also, RE2 has no back-reference: `\\k` at character 4: write out again what the "
            "group matches (`(ha)ha`, not `(ha)\\1`), or test the repeated text with a second "
            "`matches` under `all:` (patterns use RE2 syntax; see docs/rule-language.md)",
        ),
    ],
)
def test_a_pattern_kept_in_re2s_words_is_hinted_only_what_it_holds(
    tmp_path: Path, pattern: str, hint: str
) -> None:
    found = one(tmp_path, rule_with(f"{{field: text, matches: {pattern}}}"))
    assert found.hint == hint


def test_invalid_regex_in_a_named_condition(tmp_path: Path) -> None:
    body = "conditions:\n  shouting: {field: text, matches: '(a)\\1'}\n" + rule_with(
        "{use: shouting}"
    )
    found = one(tmp_path, body)
    assert found.code == "bad-regex"
    assert found.source.line == 6


def test_a_pattern_too_large_to_search_quickly_is_told_how_to_make_it_smaller(
    tmp_path: Path,
) -> None:
    """A valid pattern RE2 compiles to too many instructions: told at the pattern, with the
    two ways to make it smaller."""
    found = one(tmp_path, rule_with("{field: text, matches: '[^a]{900}'}"))
    assert found.code == "bad-regex"
    assert found.message.startswith("the pattern `[^a]{900}` is too large to search quickly: ")
    assert found.hint == (
        "shorten its counted repetitions (`.{0,100}`, not `.{0,900}`), or split it into "
        "several tests"
    )
    assert found.source.pointer == "/rules/0/when/all/0/matches"


def test_valid_regexes_pass(tmp_path: Path) -> None:
    body = rule_with(r"{field: text, matches: '(?i)\b(rude|impolite)\b', ignore_case: true}")
    assert check(tmp_path, body) == []


@pytest.mark.parametrize(
    ("written", "called", "escape", "meant"),
    [
        (r'"\b(rude|impolite)\b"', "a backspace", r"\b", r"\b(rude|impolite)\b"),
        (r'"^\a+$"', "a bell", r"\a", r"^\a+$"),
        ('"it\'s \\e"', "an escape character", r"\e", r"it's \e"),
        (r'"x\x01"', "the control character U+0001", r"\x01", r"x\x01"),
    ],
)
def test_a_control_character_in_a_pattern_is_refused(
    tmp_path: Path, written: str, called: str, escape: str, meant: str
) -> None:
    """`matches: "\b(rude|impolite)\b"`: YAML's double quotes make `\b` a backspace, so the
    pattern never matches, and nothing said so. Refused at the pattern, with the pattern as
    meant in single quotes and with its backslashes doubled."""
    found = one(tmp_path, rule_with(f"{{field: text, matches: {written}, ignore_case: true}}"))
    assert found.code == "control-character-in-pattern"
    assert found.severity is Severity.ERROR
    assert found.message.startswith(
        f"the pattern holds {called} (what `{escape}` is in double quotes): texts do not"
    )
    single = "'" + meant.replace("'", "''") + "'"
    double = '"' + meant.replace("\\", "\\\\") + '"'
    assert found.hint.startswith('in double quotes a backslash starts an escape (`"\\b"` is a')
    assert found.hint.endswith(f"`matches: {single}` or `matches: {double}`")
    assert (found.source.line, found.source.column) == (11, 34)  # the pattern itself
    assert found.source.pointer == "/rules/0/when/all/0/matches"


@pytest.mark.parametrize("pattern", [r"'\b(rude)\b'", r'"\\b(rude)\\b"', r'"a\tb\nc\r"'])
def test_a_pattern_without_control_characters_passes(tmp_path: Path, pattern: str) -> None:
    """Single quotes, doubled backslashes, and a tab or a line break (which a text may hold)."""
    assert check(tmp_path, rule_with(f"{{field: text, matches: {pattern}}}")) == []


@pytest.mark.parametrize("test", [r'eq: "late\b"', r'contains: "\x01"', r'in: ["\a"]'])
def test_a_control_character_in_a_test_other_than_a_pattern_is_not_a_pattern_s_error(
    tmp_path: Path, test: str
) -> None:
    """Only a `matches` pattern is refused for a control character: a text test's value is
    compared as it is (lint speaks of texts as YAML reads them)."""
    assert check(tmp_path, rule_with(f"{{field: text, {test}}}")) == []


# --- between, compensation bounds -------------------------------------------------------------


def test_between_reversed(tmp_path: Path) -> None:
    found = one(tmp_path, rule_with("{field: rating, between: [4, 2]}"))
    assert found.code == "bad-between"
    assert "`between: [4, 2]`" in found.message
    assert "`between: [2, 4]`" in found.hint
    assert found.source.line == 11


def test_between_reversed_writes_its_numbers_as_the_plan_does(tmp_path: Path) -> None:
    """`between: [1e21, 0.0000001]` had been told `between: [1e+21, 1e-07]`, Python's way."""
    found = one(tmp_path, rule_with("{field: order.total, between: [1e21, 0.0000001]}"))
    assert found.message.startswith("`between: [1000000000000000000000, 0.0000001]` can never hold")
    assert found.hint == "swap them: `between: [0.0000001, 1000000000000000000000]`"


@pytest.mark.parametrize(
    ("bounds", "hint"),
    [
        (  # `$5` comes after `$10` letter by letter: swapped, they had still been text
            "[$5, $10]",
            "write the numbers only, `between: [5, 10]`; the currency is set once, in the "
            "plan's `plan:` section",
        ),
        (
            "[$10, 50]",
            "write the numbers only, `between: [10, 50]`; the currency is set once, in the "
            "plan's `plan:` section",
        ),
        ("[9%, 10%]", "use two numbers: `between: [9, 10]`"),
        ("[silver, gold]", "swap them: `between: [gold, silver]`"),
    ],
)
def test_between_of_numbers_written_as_text_is_told_the_numbers(
    tmp_path: Path, bounds: str, hint: str
) -> None:
    found = one(tmp_path, rule_with(f"{{field: order.total, between: {bounds}}}"))
    assert found.code == "bad-between"
    assert found.hint == hint


@pytest.mark.parametrize(
    ("bounds", "hint"),
    [
        (
            "[9am, 5:30pm]",
            "write times of day on the 24-hour clock, the hour in two digits, and have events "
            'send `store.closing` so too: `between: ["09:00", "17:30"]`',
        ),
        (
            '["9:30", "10:00"]',
            "write times of day on the 24-hour clock, the hour in two digits, and have events "
            'send `store.closing` so too: `between: ["09:30", "10:00"]`',
        ),
        (  # from evening to morning: one `between` cannot say it, swapped or not
            "[9pm, 6am]",
            "from 21:00 to 06:00 on the 24-hour clock crosses midnight, which one `between` "
            'cannot say: write `any: [{field: store.closing, gte: "21:00"}, {field: '
            'store.closing, lte: "06:00"}]`, and have events send `store.closing` so too, the '
            "hour in two digits",
        ),
    ],
)
def test_between_of_times_of_day_out_of_order_as_text_is_told_the_24_hour_clock(
    tmp_path: Path, bounds: str, hint: str
) -> None:
    """`[9am, 5:30pm]` had been told to be swapped, `[5:30pm, 9am]`, which holds for the texts
    between those and for no hour of the day meant."""
    found = one(tmp_path, rule_with(f"{{field: store.closing, between: {bounds}}}"))
    assert found.code == "bad-between"
    assert "its bounds are times of day compared as text, letter by letter" in found.message
    assert found.hint == hint


def test_between_of_a_time_of_day_and_other_text_is_not_told_it_crosses_midnight(
    tmp_path: Path,
) -> None:
    """`[noon, 3pm]`: only `3pm` is a time on the clock; the hint had said that from noon to
    15:00 crosses midnight and written `gte: "noon"`, which holds for no hour meant."""
    found = one(tmp_path, rule_with("{field: store.closing, between: [noon, 3pm]}"))
    assert found.code == "bad-between"
    assert found.message.startswith(
        "`between: [noon, 3pm]` can never hold: its bound `3pm` is a time of day compared as text"
    )
    assert found.hint == (
        "write both bounds as times of day on the 24-hour clock, the hour in two digits (such "
        "as `15:00`), and have events send `store.closing` so too: `noon` is not one"
    )


@pytest.mark.parametrize(
    ("field", "bounds", "hint"),
    [
        (  # 2 weeks had been read as 2: `[2, 3]`, a test that validates and means other delays
            "order.delay_days",
            "[3, 2 weeks]",
            "use two numbers: `between: [3, 14]` (events count `order.delay_days` in days: "
            "2 weeks is 14)",
        ),
        (
            "order.delay_days",
            "[2 weeks, '1,5']",
            "use two numbers: `between: [1.5, 14]` (events count `order.delay_days` in days: "
            "2 weeks is 14)",
        ),
        (
            "contact.wait_minutes",
            "[90 minutes, 2 hours]",
            "use two numbers: `between: [90, 120]` (events count `contact.wait_minutes` in "
            "minutes: 2 hours is 120)",
        ),
        ("order.delay_days", "[1, 3 days]", "use two numbers: `between: [1, 3]`"),
        ("rating", "[2 stars, 4]", "use two numbers: `between: [2, 4]`"),
    ],
)
def test_between_of_a_duration_or_a_count_written_as_text_is_told_it_in_the_field_s_unit(
    tmp_path: Path, field: str, bounds: str, hint: str
) -> None:
    """A bound is read as lint reads a number written as text (``engine.slips.meant``): a
    duration in the unit of time the field counts in, told when it is another."""
    found = one(tmp_path, rule_with(f"{{field: {field}, between: {bounds}}}"))
    assert found.code == "bad-between"
    assert found.hint == hint


@pytest.mark.parametrize(
    ("bounds", "why"),
    [
        ("[$5, $10]", "its bounds are text, compared letter by letter, and `$5` comes after `$10`"),
        ("[9%, 10%]", "its bounds are text, compared letter by letter, and `9%` comes after `10%`"),
        ("[silver, gold]", "the first bound is larger"),
        ("[4, 2]", "the first bound is larger"),
    ],
)
def test_between_of_text_in_letter_order_says_so(tmp_path: Path, bounds: str, why: str) -> None:
    """`[$5, $10]` was told "the first bound is larger", and its hint writes `[5, 10]`, the
    same order: it is as text, letter by letter, that `$5` comes after `$10` (found by review)."""
    found = one(tmp_path, rule_with(f"{{field: order.total, between: {bounds}}}"))
    assert found.message.endswith(f"can never hold: {why}")


@pytest.mark.parametrize("bounds", ["[1, high]", "[low, 5]"])
def test_between_mixed(tmp_path: Path, bounds: str) -> None:
    found = one(tmp_path, rule_with(f"{{field: rating, between: {bounds}}}"))
    assert found.code == "bad-between"
    assert "mixes a number and text" in found.message


@pytest.mark.parametrize("bounds", ["[2, 2]", "[1, 4.5]", "[a, m]"])
def test_between_fine(tmp_path: Path, bounds: str) -> None:
    assert check(tmp_path, rule_with(f"{{field: rating, between: {bounds}}}")) == []


def compensation(params: str) -> str:
    return (
        "rules:\n"
        "  - id: late\n"
        "    title: Late\n"
        "    when: {event: order}\n"
        "    then:\n"
        f"      - compensate: {params}\n"
    )


def test_compensation_min_above_max(tmp_path: Path) -> None:
    found = one(
        tmp_path, compensation("{kind: voucher, percent: 20, of: order.total, min: 50, max: 10}")
    )
    assert found.code == "min-above-max"
    assert "min (50)" in found.message
    assert "max (10)" in found.message
    assert "`late`" in found.message
    assert found.source.line == 10
    # At the `min` written too large (it had been the compensation's first key), and the `max`.
    assert found.source.pointer == "/rules/0/then/0/compensate/min"
    assert [place.pointer for place in found.related] == ["/rules/0/then/0/compensate/max"]


@pytest.mark.parametrize(
    "params", ["{min: 10, max: 10}", "{min: 0, max: 40}", "{min: 5}", "{max: 5}"]
)
def test_compensation_bounds_fine(tmp_path: Path, params: str) -> None:
    extra = params.strip("{}")
    body = compensation(f"{{kind: voucher, percent: 20, of: order.total, {extra}}}")
    assert check(tmp_path, body) == []


@pytest.mark.parametrize(
    ("currency", "params", "words"),
    [
        ("USD", "amount: 0.001", "amount (0.001) is 0.00 USD"),
        ("JPY", "amount: 0.4", "amount (0.4) is 0 JPY"),
        ("USD", "percent: 20, of: order.total, max: 0", "max (0) is 0.00 USD"),
        ("KWD", "percent: 20, of: order.total, max: 0.0004", "max (0.0004) is 0.000 KWD"),
        # the amount is fine, its max is not: only the max is named (it said "amount (5) is 0")
        ("USD", "amount: 5, max: 0", "max (0) is 0.00 USD"),
        # raised to its own min, which comes to 0 as well
        ("USD", "amount: 0.001, min: 0.002", "amount (0.001) is 0.00 USD"),
    ],
)
def test_a_compensation_of_nothing(tmp_path: Path, currency: str, params: str, words: str) -> None:
    """An offer that comes to 0 is not made: an amount or a max that rounds to 0 in the
    plan's currency makes a compensate action that never offers anything."""
    header = PLAN_HEADER.replace("currency: USD", f"currency: {currency}")
    assert header != PLAN_HEADER or currency == "USD"
    found = one(tmp_path, compensation(f"{{kind: voucher, {params}}}"), header=header)
    assert found.code == "offer-of-nothing"
    assert words in found.message and "`late`" in found.message
    key = words.split(" ", 1)[0]
    assert found.source.pointer == f"/rules/0/then/0/compensate/{key}"  # at the amount or max
    unit = {"USD": "0.01", "JPY": "1", "KWD": "0.001"}[currency]
    offer = "offer" if key == "amount" else "let it offer"
    assert found.hint == (
        f"{offer} at least {unit} {currency} (its smallest unit), or remove the `compensate` action"
    )


@pytest.mark.parametrize(
    ("currency", "params"),
    [
        ("USD", "amount: 0.005"),
        ("JPY", "amount: 0.5"),
        ("JPY", "percent: 1, of: a, max: 0.5"),
        ("USD", "amount: 0.001, min: 5"),  # its own min makes it 5.00
    ],
)
def test_a_compensation_that_rounds_up_to_the_smallest_unit_is_fine(
    tmp_path: Path, currency: str, params: str
) -> None:
    header = PLAN_HEADER.replace("currency: USD", f"currency: {currency}")
    assert check(tmp_path, compensation(f"{{kind: voucher, {params}}}"), header=header) == []


# --- durations and templates (checked while the model is built) -------------------------------


@pytest.mark.parametrize("within", ["400d", "53w", "367d", "9000h", "999999m"])
def test_duration_longer_than_a_year(tmp_path: Path, within: str) -> None:
    found = one(tmp_path, compensation(f"{{kind: voucher, amount: 5, within: {within}}}"))
    assert found.code == "bad-duration"
    assert f"`{within}`" in found.message
    assert "year" in found.message
    assert found.source.pointer == "/rules/0/then/0/compensate/within"
    assert found.source.line == 10


@pytest.mark.parametrize("within", ["1m", "366d", "52w", "8784h"])
def test_durations_up_to_a_year(tmp_path: Path, within: str) -> None:
    assert check(tmp_path, compensation(f"{{kind: voucher, amount: 5, within: {within}}}")) == []


@pytest.mark.parametrize(
    ("template", "phrase"),
    [
        ("'Sorry {customer.name'", "never closed"),
        ("'Sorry }'", "no matching"),
        ("'Dear {customer.__class__.__init__()}'", "is not a field"),
        ("'Dear {}'", "`{}` names no field"),
        ("'Dear {|there}'", "`{|there}` names no field"),  # quoted as written
        ("'{customer.name:>99999}'", "is not a field"),
        ("'{0}'", "is not a field"),
    ],
)
def test_bad_template(tmp_path: Path, template: str, phrase: str) -> None:
    body = (
        "rules:\n  - id: r\n    title: T\n    when: {event: review}\n    then:\n"
        f"      - apologize: {{message: {template}}}\n"
    )
    found = one(tmp_path, body)
    assert found.code == "bad-template"
    assert phrase in found.message
    assert found.source.pointer == "/rules/0/then/0/apologize/message"
    assert found.source.line == 10


@pytest.mark.parametrize(
    ("template", "hint"),
    [
        # a field in words: the standard field it names (found by review)
        ("'Hi {customer name}'", "write the event's field: `{customer.name}`"),
        ("'Hi {Order Total}'", "write the event's field: `{order.total}`"),
        ("'Hi {first name|there}'", "write the event's field: `{customer.first_name|there}`"),
        ("'Hi {bike brand}'", "see Templates in docs/rule-language.md"),  # no standard field
        # a field whose `}` was forgotten, closed
        (
            "'Hi {customer.first_name, your bike'",
            "close the field with `}`: `{customer.first_name}`",
        ),
        ("'Sorry, {store'", "close the field with `}`: `{store}`"),
        ("'Use {code now'", "see Templates in docs/rule-language.md"),  # a brace meant as shown?
        ("'Hi {customer.first_name|there, your'", "see Templates in docs/rule-language.md"),
        # a field with an accent, which no field's name holds (found by writing a hotel's plan)
        (
            "'Bonjour {client.prénom|cher client}'",
            "a field's names are written in ASCII letters (a to z, A to Z), digits, `_` and `-`, "
            "not `é`: an event's field named with it cannot be read; have your events send it "
            "as `client.prenom`, and write `{client.prenom|cher client}`",
        ),
        (
            "'{顧客.名前}様'",
            "a field's names are written in ASCII letters (a to z, A to Z), digits, `_` and `-`, "
            "not `顧`, `客` and `名` ...: an event's field named with them cannot be read; have "
            "your events send it under a name in ASCII letters, and write that",
        ),
    ],
)
def test_a_bad_template_is_hinted_with_the_field_meant(
    tmp_path: Path, template: str, hint: str
) -> None:
    body = (
        "rules:\n  - id: r\n    title: T\n    when: {event: review}\n    then:\n"
        f"      - apologize: {{message: {template}}}\n"
    )
    found = one(tmp_path, body)
    assert found.code == "bad-template"
    assert found.hint == hint


def test_bad_template_in_a_replacement_item(tmp_path: Path) -> None:
    body = (
        "rules:\n  - id: r\n    title: T\n    when: {event: product}\n    then:\n"
        "      - replace: {item: 'Phone {order.sku'}\n"
    )
    found = one(tmp_path, body)
    assert found.code == "bad-template"
    assert found.source.pointer == "/rules/0/then/0/replace/item"


def test_good_templates(tmp_path: Path) -> None:
    body = (
        "rules:\n  - id: r\n    title: T\n    when: {event: review}\n    then:\n"
        "      - apologize: {message: 'Sorry {customer.first_name|there}, {{sic}} {order.id}'}\n"
    )
    assert check(tmp_path, body) == []


# --- the plan section and the rules -----------------------------------------------------------


def test_no_plan_section(tmp_path: Path) -> None:
    found = one(tmp_path, "rules:\n" + FALLBACK, header="backplan: 1\n")
    assert found.code == "missing-plan-section"
    assert (found.source.line, found.source.column) == (1, 1)
    assert "plan:" in found.hint


def test_no_plan_section_in_one_file_points_to_its_folder_first(tmp_path: Path) -> None:
    # One file of a split plan, validated alone: adding a plan section to it would hide that the
    # rest of the plan is missing, so the hint names the folder to validate first.
    folder = tmp_path / "my-plan" / "rules"
    folder.mkdir(parents=True)
    path = write_plan(folder, "rules:\n" + FALLBACK, header="backplan: 1\n", name="public.yaml")
    [found] = check_plan(path)
    assert found.code == "missing-plan-section"
    assert found.hint == (
        "if `public.yaml` is one file of a plan split over several files, validate the plan's "
        f"folder (`{folder}`) instead; otherwise add `plan: {{name: Your Business, currency: "
        "USD}` to it"
    )
    # several files, none with the section: the plan is not split any further
    write_plan(folder, "rules: []\n", header="backplan: 1\n", name="other.yaml")
    [found] = check_plan(folder)
    assert found.hint == "add `plan: {name: Your Business, currency: USD}` to one file"


def _loaded_or_reloaded(how: str, folder: Path, fine: Path) -> list[Diagnostic]:
    """The problems of the plan in ``folder`` as ``how`` reports them: ``check_plan``,
    ``load_plan``'s PlanError, or a ``PlanHolder`` (holding the sound plan ``fine``) reloaded
    from the folder."""
    from engine.api import load_plan
    from engine.reload import PlanHolder

    if how == "check_plan":
        return check_plan(folder)
    if how == "reload":
        return list(PlanHolder(fine).reload(folder).diagnostics)
    with pytest.raises(PlanError) as caught:
        load_plan(folder)
    return list(caught.value.diagnostics)


@pytest.mark.parametrize("how", ["check_plan", "load_plan", "reload"])
@pytest.mark.parametrize("header", ["backplan: 1\n", ""])  # sound, or with a schema problem
def test_no_plan_section_in_a_folder_of_one_file_is_told_to_add_it_to_that_file(
    tmp_path: Path, how: str, header: str
) -> None:
    """The folder was given: the hint had said "validate the plan's folder (`rules`)
    instead", the very folder (found by review)."""
    folder = tmp_path / "rules"
    folder.mkdir()
    path = write_plan(folder, "rules:\n" + FALLBACK, header=header, name="public.yaml")
    fine = write_plan(tmp_path, "rules:\n" + FALLBACK, name="fine.yaml")
    found = [d for d in _loaded_or_reloaded(how, folder, fine) if d.code != "missing-key"]
    assert [d.render() for d in found] == [
        f"{path}:1:1: error: no file of the plan has a `plan:` section [missing-plan-section]\n"
        "  hint: add `plan: {name: Your Business, currency: USD}` to `public.yaml`"
    ]


def test_two_plan_sections_across_files(tmp_path: Path) -> None:
    write_plan(tmp_path, "rules:\n" + FALLBACK, name="a.yaml")
    write_plan(tmp_path, "", name="b.yaml")
    [found] = check_plan(tmp_path)
    assert found.code == "duplicate-plan-section"
    assert found.source.path.endswith("b.yaml")
    assert (found.source.line, found.source.column) == (2, 1)
    assert found.related[0].path.endswith("a.yaml")
    assert found.related[0].line == 2


_CHOOSE_CURRENCY = (
    "choose which `currency` the plan has, in the `plan:` section of `a.yaml` (line 2), "
    "then delete this one"
)


@pytest.mark.parametrize(
    ("second", "hint"),
    [
        ("\n  currency: EUR\n", _CHOOSE_CURRENCY),
        (
            "\n  owner: Ana\n",
            "move `owner` into the `plan:` section of `a.yaml` (line 2), then delete this one",
        ),
        (" EUR\n", _CHOOSE_CURRENCY),
        (" euros\n", _CHOOSE_CURRENCY),
        (
            " USD\n",
            "delete this one: the `plan:` section of `a.yaml` (line 2) already says all it says",
        ),
    ],
)
def test_a_second_plan_section_without_a_name_is_told_as_the_second(
    tmp_path: Path, second: str, hint: str
) -> None:
    """A colleague's `plan: {currency: EUR}` in a conditions file had been told "missing
    `name` in `plan`" (and `currency` too, for an `owner` alone), asking the manager to
    complete a section the plan must not have (found by review). One written `plan: EUR` had
    been told the schema's "expected a mapping (keys and values), found text `EUR`", with
    the example of a whole section in USD: done, the plan had two (found by review)."""
    write_plan(tmp_path, "rules:\n" + FALLBACK, name="a.yaml")
    path = write_plan(
        tmp_path,
        "conditions:\n  big: {field: order.total, gte: 500}\n",
        header="backplan: 1\nplan:" + second,
        name="b.yaml",
    )
    [found] = check_plan(tmp_path)
    assert found.render() == (
        f"{path}:2:1: error: a plan has one `plan:` section, and `a.yaml` has one too "
        "[duplicate-plan-section]\n"
        f"  hint: {hint}\n"
        f"  see: {tmp_path / 'a.yaml'}:2:1"
    )


def test_a_plan_section_in_a_file_read_first_is_not_called_the_second(tmp_path: Path) -> None:
    """A colleague's `plan: {currency: EUR}` in `00-extra.yaml`, read before the plan's
    `10-plan.yaml`, had been told "a second `plan:` section", and the plan's "the first":
    the other way round from the order the files are read in (found by review). Each is
    named by its file."""
    write_plan(tmp_path, "rules:\n" + FALLBACK, name="10-plan.yaml")
    path = write_plan(
        tmp_path, "", header="backplan: 1\nplan: {currency: EUR}\n", name="00-extra.yaml"
    )
    [found] = check_plan(tmp_path)
    assert found.render() == (
        f"{path}:2:1: error: a plan has one `plan:` section, and `10-plan.yaml` has one too "
        "[duplicate-plan-section]\n"
        "  hint: choose which `currency` the plan has, in the `plan:` section of `10-plan.yaml` "
        "(line 2), then delete this one\n"
        f"  see: {tmp_path / '10-plan.yaml'}:2:1"
    )


def test_files_named_one_by_one_are_told_by_name_in_either_order(tmp_path: Path) -> None:
    """Files named one by one are read in the order given: the section told is the one of
    the file named later, and the other is named by its file; a third's (`plan: EUR`) is
    told beside the one read first (found by mutation testing). Two files of one name in two
    folders are told apart by their paths."""
    first = write_plan(tmp_path, "rules:\n" + FALLBACK, name="b.yaml")
    second = write_plan(
        tmp_path, "", header="backplan: 1\nplan: {name: Inn, currency: USD}\n", name="a.yaml"
    )
    [found] = check_plan([first, second])
    assert found.source.path == str(second)
    assert found.message == "a plan has one `plan:` section, and `b.yaml` has one too"
    assert "`plan:` section of `b.yaml` (line 2)" in found.hint
    third = write_plan(tmp_path, "", header="backplan: 1\nplan: EUR\n", name="c.yaml")
    told = {d.source.path: d.message for d in check_plan([first, third, second])}
    assert told[str(third)] == "a plan has one `plan:` section, and `b.yaml` has one too"
    (tmp_path / "inn").mkdir()
    same = write_plan(
        tmp_path / "inn",
        "",
        header="backplan: 1\nplan: {name: Inn, currency: USD}\n",
        name="b.yaml",
    )
    [found] = check_plan([first, same])
    assert found.message == f"a plan has one `plan:` section, and `{first}` has one too"
    assert f"`plan:` section of `{first}` (line 2)" in found.hint


def test_an_empty_plan_section_beside_the_plan_s_is_told_as_the_second(tmp_path: Path) -> None:
    """An empty `plan:` heading left in a conditions file had been told "expected a mapping",
    with a whole `plan: {name: ..., currency: ...}` for example: done, the plan had two
    sections (found by review). It is the second one, to delete."""
    write_plan(tmp_path, "rules:\n" + FALLBACK, name="a.yaml")
    path = write_plan(
        tmp_path,
        "conditions:\n  big: {field: order.total, gte: 500}\n",
        header="backplan: 1\nplan:\n",
        name="b.yaml",
    )
    [found] = check_plan(tmp_path)
    assert found.render() == (
        f"{path}:2:1: error: a plan has one `plan:` section, and `a.yaml` has one too "
        "[duplicate-plan-section]\n"
        "  hint: delete this one: the `plan:` section of `a.yaml` (line 2) already says "
        "all it says\n"
        f"  see: {tmp_path / 'a.yaml'}:2:1"
    )


def test_a_plan_section_of_other_text_is_given_the_section_s_example(tmp_path: Path) -> None:
    """Text that names no currency is no setting to be sure of: the section's example, in
    the first file or a second."""
    write_plan(tmp_path, "rules:\n" + FALLBACK, name="a.yaml")
    write_plan(tmp_path, "", header="backplan: 1\nplan: Test Inn\n", name="b.yaml")
    [found] = check_plan(tmp_path)
    assert (found.code, found.hint) == (
        "wrong-type",
        'for example: `plan: {name: "Your Business", currency: USD}`',
    )


@pytest.mark.parametrize(
    ("written", "example"),
    [
        ("EUR", '{name: "Your Business", currency: EUR}'),
        ("euros", '{name: "Your Business", currency: EUR}'),
        ("eur", '{name: "Your Business", currency: EUR}'),
    ],
)
def test_the_plan_s_own_section_written_as_text_is_told_what_it_holds(
    tmp_path: Path, written: str, example: str
) -> None:
    """`plan: EUR` in the plan's one file had been hinted the schema's example alone, in
    USD, saying neither what the section is nor what to do with the EUR written (found by
    review)."""
    path = write_plan(tmp_path, "rules:\n" + FALLBACK, header=f"backplan: 1\nplan: {written}\n")
    [found] = check_plan(tmp_path)
    assert found.render() == (
        f"{path}:2:7: error: expected a mapping (keys and values), found text `{written}` in "
        "`plan` [wrong-type]\n"
        "  hint: `plan:` is a section: the plan's settings go under it, each a key and its "
        f"value, `name` and `currency` at least: write `plan: {example}`"
    )


def test_a_plan_section_without_a_name_alone_is_still_told_its_name_is_missing(
    tmp_path: Path,
) -> None:
    """With no other `plan:` section to be the first, the name is what is missing."""
    write_plan(tmp_path, "rules:\n" + FALLBACK, header="backplan: 1\nplan:\n  currency: EUR\n")
    assert [d.message for d in check_plan(tmp_path)] == ["missing `name` in `plan`"]
    conditions = "conditions:\n  big: {field: order.total, gte: 500}\n"
    write_plan(tmp_path, conditions, header="backplan: 1\n", name="b.yaml")
    assert [d.message for d in check_plan(tmp_path)] == ["missing `name` in `plan`"]  # of two


@pytest.mark.parametrize(
    ("second", "hint"),
    [
        (
            "  name: Test Store\n  currency: USD\n  match: first\n  owner: Ana\n",
            "move `match` and `owner` into the `plan:` section of `a.yaml` (line 2), "
            "then delete this one",
        ),
        (
            "  name: Test Inn\n  currency: USD\n",
            "choose which `name` the plan has, in the `plan:` section of `a.yaml` (line 2), "
            "then delete this one",
        ),
        (
            "  name: Test Inn\n  currency: EUR\n  match: first\n",
            "move `match` into the `plan:` section of `a.yaml` (line 2), choose which "
            "`name` and `currency` the plan has, then delete this one",
        ),
        (
            "  name: Test Store\n  currency: USD\n",
            "delete this one: the `plan:` section of `a.yaml` (line 2) already says all it says",
        ),
    ],
)
def test_a_second_plan_section_says_what_to_move_into_the_first(
    tmp_path: Path, second: str, hint: str
) -> None:
    """The hint had been "keep one": which one, where the other is, and what of the second
    the first lacks were left to the manager to find (found by review)."""
    write_plan(tmp_path, "rules:\n" + FALLBACK, name="a.yaml")
    write_plan(tmp_path, "", header="backplan: 1\nplan:\n" + second, name="b.yaml")
    [found] = check_plan(tmp_path)
    assert (found.code, found.hint) == ("duplicate-plan-section", hint)
    assert found.related[0].path.endswith("a.yaml")


def test_no_rules(tmp_path: Path) -> None:
    found = one(tmp_path, "")
    assert found.code == "no-rules"
    assert found.source.line == 2
    assert "fallback" in found.hint


def test_empty_rule_list(tmp_path: Path) -> None:
    assert one(tmp_path, "rules: []\n").code == "no-rules"


def test_read_plan_raises_every_error_at_once(tmp_path: Path) -> None:
    body = (
        "rules:\n"
        "  - {id: a, title: A, when: {all: [{field: x, between: [3, 1]}]}, then: [{apologize: {}}]}\n"
        "  - {id: a, title: B, when: {all: [{use: nope}]}, then: [{apologize: {}}]}\n"
    )
    with pytest.raises(PlanError) as caught:
        read_plan(write_plan(tmp_path, body))
    codes = [d.code for d in caught.value.diagnostics]
    assert sorted(codes) == ["bad-between", "duplicate-rule-id", "unknown-condition"]
    assert "3 errors" in str(caught.value)


def test_a_rule_with_a_schema_error_is_still_checked_for_meaning(tmp_path: Path) -> None:
    """The refused priority is set aside; the rule's id is sound, and used twice."""
    body = (
        "rules:\n"
        "  - {id: a, title: A, priority: high, when: {event: order}, then: [{apologize: {}}]}\n"
        "  - {id: a, title: B, when: {event: order}, then: [{apologize: {}}]}\n"
    )
    assert [d.code for d in check(tmp_path, body)] == ["wrong-type", "duplicate-rule-id"]


def test_no_check_runs_on_a_rule_whose_id_is_refused(tmp_path: Path) -> None:
    """A refused id cannot name its rule, nor tell it from another: the rule waits whole."""
    body = (
        "rules:\n"
        "  - {id: 7, title: A, when: {event: order}, then: [{apologize: {within: 400d}}]}\n"
        "  - {id: a, title: B, when: {event: order}, then: [{apologize: {}}]}\n"
    )
    assert [d.code for d in check(tmp_path, body)] == ["wrong-type"]


# --- tests that can only mislead ----------------------------------------------------------------


ORDER_TESTS_WHY = "order tests compare text exactly, upper and lower case included"
PRESENCE_WHY = "it only asks whether the field has a value"


@pytest.mark.parametrize(
    ("op", "why"),
    [
        ("lt: 3", ORDER_TESTS_WHY),
        ("lte: 3", ORDER_TESTS_WHY),
        ("gt: 3", ORDER_TESTS_WHY),
        ("gte: 3", ORDER_TESTS_WHY),
        ("between: [1, 3]", ORDER_TESTS_WHY),
        ("exists: true", PRESENCE_WHY),
        ("missing: true", PRESENCE_WHY),
    ],
)
def test_ignore_case_on_a_test_that_compares_no_text_is_refused(
    tmp_path: Path, op: str, why: str
) -> None:
    """Told why it does nothing there, and the two ways out."""
    test = f"{{field: rating, {op}, ignore_case: true}}"
    found = one(tmp_path, rule_with(test))
    assert found.code == "ignore-case-not-text"
    assert found.message == f"`ignore_case` does nothing on `{op.partition(':')[0]}`: {why}"
    assert found.hint == (
        "remove `ignore_case`, or use a text test such as `eq`, `in` or `contains`"
    )
    assert (found.source.line, found.source.column) == (11, _column_of_ignore_case(test))


def _column_of_ignore_case(test: str) -> int:
    """The column of the value of `ignore_case:` in the test ``rule_with`` writes on line 11,
    where a needless `ignore_case` is told."""
    return len("        - ") + test.index("ignore_case: true") + len("ignore_case: ") + 1


@pytest.mark.parametrize(
    ("op", "what"),
    [
        ("eq: 2", "its value is not"),
        ("ne: true", "its value is not"),
        ("in: [1, 2]", "none of its values is"),
        ("contains_any: [null, 1]", "none of its values is"),
        ("not_in: [false]", "none of its values is"),
    ],
)
def test_ignore_case_on_a_text_test_of_no_text_is_refused(
    tmp_path: Path, op: str, what: str
) -> None:
    """`{field: rating, eq: 2, ignore_case: true}`: a number has no upper and lower case."""
    test = f"{{field: rating, {op}, ignore_case: true}}"
    found = one(tmp_path, rule_with(test))
    assert found.code == "ignore-case-not-text"
    name = op.partition(":")[0]
    assert found.message == (
        f"`ignore_case` does nothing on this `{name}`: {what} text, and only text has upper "
        "and lower case"
    )
    assert (found.source.line, found.source.column) == (11, _column_of_ignore_case(test))


@pytest.mark.parametrize(
    "op",
    ["eq: Gold", "in: [Gold]", "in: [1, Gold]", "contains: gold", "matches: '^g'", "ne: gold"],
)
def test_ignore_case_on_text_tests_is_fine(tmp_path: Path, op: str) -> None:
    assert check(tmp_path, rule_with(f"{{field: customer.tier, {op}, ignore_case: true}}")) == []


@pytest.mark.parametrize("test", ["ne: null", "not_in: [null]", "not_in: [null, null]"])
def test_ne_null_is_refused_with_the_test_to_write_instead(tmp_path: Path, test: str) -> None:
    found = one(tmp_path, rule_with(f"{{field: customer.tier, {test}}}"))
    assert found.code == "ne-null"
    assert found.message.startswith(f"`{test.replace('null, null', 'null')}` never holds")
    assert "exists: true" in found.hint


def test_not_in_with_a_value_beside_null_is_accepted(tmp_path: Path) -> None:
    """`not_in: [gold, null]` holds for silver: only a list of nothing but null never holds."""
    assert check(tmp_path, rule_with("{field: customer.tier, not_in: [gold, null]}")) == []


def test_checks_of_single_nodes_see_every_tree_once_and_agree_with_running_alone(
    tmp_path: Path,
) -> None:
    """``run_checks`` walks the conditions once for all node checks; each check run on its own
    walks them itself: both find the same problems, in rules and in named conditions."""
    from engine.checks import NodeCheck, run_checks
    from engine.planfile import build_model, read_documents

    body = (
        "conditions:\n"
        "  loud: {any: [{field: text, matches: '(a)\\1'}, {field: rating, lt: 2, ignore_case: true}]}\n"
        "rules:\n"
        "  - id: r\n"
        "    title: T\n"
        "    when:\n"
        "      all:\n"
        "        - {field: rating, between: [4, 2]}\n"
        "        - {not: {field: customer.tier, ne: null}}\n"
        "        - {use: lowd}\n"
        "        - {any: [{field: text, matches: '(b)\\1'}, {use: loud}]}\n"
        "    then: [{apologize: {}}]\n"
    )
    model, problems = build_model(read_documents([write_plan(tmp_path, body)]))
    assert problems == [] and model is not None
    together = run_checks(model, severities=frozenset({Severity.ERROR}))
    alone = sorted(
        (d for c in CHECKS if c.severity is Severity.ERROR for d in c().check(model)),
        key=Diagnostic.sort_key,
    )
    assert together == alone
    node_codes = {c.code for c in CHECKS if issubclass(c, NodeCheck)}
    assert sorted(d.code for d in together if d.code in node_codes) == [
        "bad-between",
        "bad-regex",
        "bad-regex",
        "ignore-case-not-text",
        "ne-null",
        "unknown-condition",
    ]


def test_named_conditions_that_multiply_past_10000_tests_are_refused(tmp_path: Path) -> None:
    """A valid 2.8 KB plan of ten such levels (262,144 tests written out) took 30 s to load and
    38 s to lint, and twelve levels ran out of memory: every reader writes the named conditions
    out where they are used."""
    found = one(tmp_path, ladder(4, 10, circle=False))
    assert found.code == "condition-too-large"
    assert found.message == (
        "the conditions of rule `r` hold 262,144 tests once the named conditions they use are "
        "written out (at most 10,000): named conditions that each use several others multiply"
    )
    assert found.source.pointer == "/rules/0/when"
    assert (
        check(tmp_path, ladder(4, 7, circle=False)) == []
    )  # 4,096 tests: loads, lints and explains in 0.5 s
    assert check(tmp_path, ladder(10, 5, circle=False)) == []  # 10,000: the most
    assert one(tmp_path, ladder(2, 15, circle=False)).code == "condition-too-large"  # 16,384


def rules_using(name: str, count: int) -> str:
    """``count`` rules whose conditions are ``{use: name}``, each on one line."""
    return "".join(
        f"  - {{id: r{n}, title: T, when: {{use: {name}}}, then: [apologize: {{}}]}}\n"
        for n in range(count)
    )


def test_named_conditions_that_add_more_than_100000_tests_to_a_plan_are_refused(
    tmp_path: Path,
) -> None:
    """Each rule under its own limit, 100 rules using one named condition of 8,192 tests held
    819,200 from a 7 KB plan: 37 s to load, 40 s to lint, 285 MB rendered (found by review).
    Told once, at the rule where the count passes the limit, with the condition that adds most.
    """
    plan = ladder(2, 13, circle=False).split("rules:\n")[0]  # l0_0 holds 2**12 = 4,096 tests
    found = one(tmp_path, plan + "rules:\n" + rules_using("l0_0", 30))
    assert found.code == "condition-too-large"
    assert found.message == (
        "writing out the named conditions the rules use adds 122,850 tests to the plan (at "
        "most 100,000): the named condition `l0_0` holds 4,096 tests and 30 rules use it"
    )
    assert found.source.pointer == "/rules/24/when"  # 25 x 4,095 = 102,375: past the limit
    assert check(tmp_path, plan + "rules:\n" + rules_using("l0_0", 24)) == []  # 98,280


def test_tests_written_in_the_rules_themselves_are_not_held_to_the_plan_bound(
    tmp_path: Path,
) -> None:
    """A plan of 32,000 rules written out holds 107,000 tests and loaded in 4 s: the bound on
    what named conditions add had refused it, blaming named conditions it has none of (found
    by review). 25,000 rules of 5 tests here."""
    tests = ", ".join(f"{{field: rating, ne: {n}}}" for n in range(5))
    rules = "".join(
        f"  - {{id: r{n}, title: T, when: {{all: [{tests}]}}, then: [apologize: {{}}]}}\n"
        for n in range(25_000)
    )
    found = check(tmp_path, "rules:\n" + rules)
    assert not [d for d in found if d.code == "condition-too-large"]


def test_the_use_graph_is_made_once_for_the_checks_that_read_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The circle, depth and size checks each made the graph of named conditions anew."""
    from engine.usegraph import UseGraph

    made: list[int] = []
    real = UseGraph.of.__func__  # type: ignore[attr-defined]

    def counted(cls: type[UseGraph], plan: object) -> UseGraph:
        made.append(1)
        return real(cls, plan)  # type: ignore[no-any-return]

    monkeypatch.setattr(UseGraph, "of", classmethod(counted))
    assert one(tmp_path, ladder(4, 10, circle=False)).code == "condition-too-large"
    assert made == [1]


def test_field_reads_names_every_field_the_plan_reads_and_what_reads_it(tmp_path: Path) -> None:
    """One walk of the fields a plan reads, for lint (which places and words each) and render
    (which names them): the tests of rules and of named conditions, each `of`, then each
    template of each parameter, of remedies and preventions alike, each slot in order."""
    body = (
        "conditions:\n"
        "  vip: {field: customer.tier, eq: gold}\n"
        "rules:\n"
        "  - id: r\n"
        "    title: T\n"
        "    when: {all: [{use: vip}, {field: rating, lte: 2}]}\n"
        "    then:\n"
        '      - apologize: {message: "Hi {customer.first_name|there} {order.id|}"}\n'
        "      - compensate: {kind: voucher, percent: 10, of: order.total}\n"
        '      - replace: {item: "Item of {order.id|the order}"}\n'
        "    prevent:\n"
        '      - root_cause: {owner: ops, message: "Why {channel|}"}\n'
    )
    model = read_plan(write_plan(tmp_path, body))
    reads = [(read.path, read.what, read.key) for read in field_reads(model)]
    assert reads == [
        ("rating", "a condition of rule `r`", ""),
        ("customer.tier", "a condition of the named condition `vip`", ""),
        ("order.total", "the compensation of rule `r`", "of"),
        ("customer.first_name", "the `apologize` message of rule `r`", "message"),
        ("order.id", "the `apologize` message of rule `r`", "message"),
        ("order.id", "the `replace` item of rule `r`", "item"),
        ("channel", "the `root_cause` message of rule `r`", "message"),
    ]
    slot = next(read for read in field_reads(model) if read.key == "item").slot
    assert slot is not None and slot[1].path == "order.id" and slot[0].source.startswith("Item")


def test_field_reads_finds_a_test_under_not_and_the_of_of_a_rule_s_first_action(
    tmp_path: Path,
) -> None:
    """A field read under `not`, and a compensation of a part (`of`) as the rule's first action:
    each is a field the plan reads, which render names and lint checks the events carry."""
    body = (
        "rules:\n"
        "  - id: r\n"
        "    title: T\n"
        "    when: {not: {field: rating, lte: 2}}\n"
        "    then: [{compensate: {kind: voucher, percent: 10, of: order.total}}]\n"
    )
    model = read_plan(write_plan(tmp_path, body))
    assert [(read.path, read.what) for read in field_reads(model)] == [
        ("rating", "a condition of rule `r`"),
        ("order.total", "the compensation of rule `r`"),
    ]


def test_misspelt_names_among_many_are_looked_for_two_slips_away_in_one_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Among more than 64 named conditions, the names no condition is one slip of a letter from
    are looked for two slips away together: one look at every condition for them all, not one
    for each misspelt name."""
    from engine.suggest import Suggester

    looks: list[set[str]] = []
    within_slips = Suggester._within_slips

    def counted(self: Suggester, words: set[str]) -> dict[str, list[str]]:
        looks.append(set(words))
        return within_slips(self, words)

    monkeypatch.setattr(Suggester, "_within_slips", counted)
    names = ["delivery_late", "late_arrival"] + [f"rule_{i}_of_many" for i in range(95)]
    conditions = "".join(f"  {name}: {{field: rating, lte: 1}}\n" for name in names)
    rules = "".join(
        f"  - {{id: r{i}, title: T, when: {{use: {slip}}}, then: [{{apologize: {{}}}}]}}\n"
        for i, slip in enumerate(["delivry_lat", "lat_arival"])
    )
    found = check(tmp_path, "conditions:\n" + conditions + "rules:\n" + rules)
    assert [d.message for d in found] == [
        "there is no condition named `delivry_lat` (did you mean `delivery_late`?)",
        "there is no condition named `lat_arival` (did you mean `late_arrival`?)",
    ]
    assert looks == [{"delivry_lat", "lat_arival"}]


def sized_conditions(**sizes: int) -> str:
    """Named conditions of these sizes (in tests, once written out, at most 10,000), made of
    ``t1`` (one test) and ``t10`` to ``t10000`` (each ten of the one before)."""
    lines = ["  t1: {field: rating, lte: 2}"]
    for power in (1, 2, 3, 4):
        used = ", ".join([f"{{use: t{10 ** (power - 1)}}}"] * 10)
        lines.append(f"  t{10**power}: {{any: [{used}]}}")
    for name, size in sizes.items():
        digits = [int(d) for d in f"{size:05d}"]  # ten thousands, thousands... ones
        used = [f"{{use: t{10 ** (4 - at)}}}" for at, d in enumerate(digits) for _ in range(d)]
        lines.append(f"  {name}: {{any: [{', '.join(used)}]}}")
    return "conditions:\n" + "\n".join(lines) + "\n"


def test_named_conditions_may_add_exactly_100000_tests_to_a_plan_not_one_more(
    tmp_path: Path,
) -> None:
    """Twenty rules each using a named condition of 5,001 tests add 100,000, the most: valid,
    with a rule of two tests written in it beside them (it adds none). One more rule using a named
    condition of 2 tests adds one more: refused at that rule, naming the condition that adds
    the most (not the other, nor the one whose name comes last)."""
    plan = sized_conditions(big=5_001, pair=2) + "rules:\n" + rules_using("big", 20)
    own = "{all: [{field: rating, lte: 1}, {field: rating, gte: 0}]}"
    plan += f"  - {{id: own, title: T, when: {own}, then: [apologize: {{}}]}}\n"
    assert check(tmp_path, plan) == []
    found = one(tmp_path, plan + rules_using("pair", 1).replace("id: r0", "id: last"))
    assert found.code == "condition-too-large"
    assert found.message == (
        "writing out the named conditions the rules use adds 100,001 tests to the plan (at "
        "most 100,000): the named condition `big` holds 5,001 tests and 20 rules use it"
    )
    assert found.hint == (
        "a named condition is written out in each rule that uses it: make the large ones "
        "smaller (fewer named conditions inside each other), or have fewer rules use them"
    )
    assert found.source.pointer == "/rules/21/when"


def test_a_rule_over_its_own_bound_takes_nothing_off_what_named_conditions_add(
    tmp_path: Path,
) -> None:
    """A rule of 10,001 tests written in it is refused on its own; it must not count as taking
    one test off those the named conditions add to the other rules (100,001: still refused)."""
    own = ", ".join(["{use: t1}"] * 10_001)
    plan = sized_conditions(big=5_001, pair=2) + "rules:\n" + rules_using("big", 20)
    plan += f"  - {{id: own, title: T, when: {{any: [{own}]}}, then: [apologize: {{}}]}}\n"
    plan += rules_using("pair", 1).replace("id: r0", "id: last")
    found = check(tmp_path, plan)
    assert [(d.code, d.source.pointer) for d in found] == [
        ("condition-too-large", "/rules/20/when"),
        ("condition-too-large", "/rules/21/when"),
    ]
    assert found[1].message.startswith(
        "writing out the named conditions the rules use adds 100,001"
    )


def test_a_named_condition_one_rule_uses_is_named_so(tmp_path: Path) -> None:
    """Eleven rules each using its own named condition of 10,000 tests add 109,989: the one
    named is used by one rule, told in the singular."""
    conditions = sized_conditions(**{f"c{n}": 10_000 for n in range(11)})
    rules = "".join(rules_using(f"c{n}", 1).replace("id: r0", f"id: r{n}") for n in range(11))
    found = one(tmp_path, conditions + "rules:\n" + rules)
    assert found.message == (
        "writing out the named conditions the rules use adds 109,989 tests to the plan (at "
        "most 100,000): the named condition `c9` holds 10,000 tests and 1 rule uses it"
    )


def patterns_rule(patterns: list[str]) -> str:
    """One rule whose conditions are a `matches` test of each pattern, in order."""
    tests = ", ".join(f"{{field: text, matches: '{pattern}'}}" for pattern in patterns)
    return rule_with(f"{{any: [{tests}]}}")


def test_the_plan_s_patterns_may_take_exactly_the_memory_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each instruction counted as 64 MiB: `kelvin` (10 instructions) and `sk` (6) take the
    1,024 MiB allowed, no more: valid (and refused when a byte less is allowed). `sk` ignoring
    case (11) takes them over, told at it."""
    import engine.checks

    monkeypatch.setattr(engine.checks, "MEMORY_PER_INSTRUCTION", 1 << 26)
    assert check(tmp_path, patterns_rule(["kelvin", "sk"])) == []
    with monkeypatch.context() as one_byte_less:
        one_byte_less.setattr(engine.checks, "MAX_PLAN_PATTERN_MEMORY", (1 << 30) - 1)
        assert one(tmp_path, patterns_rule(["kelvin", "sk"])).code == "patterns-too-large"
    body = patterns_rule(["kelvin", "sk"]).replace("'sk'}", "'sk', ignore_case: true}")
    found = one(tmp_path, body)
    assert found.code == "patterns-too-large"
    assert found.message == (
        "with this pattern, the plan's 2 patterns are too many or too long to search: they may "
        "need 1,344 MiB, more than the 1,024 MiB allowed"
    )
    assert found.source.pointer == "/rules/0/when/all/0/any/1"


@pytest.mark.parametrize(
    ("after", "later"),
    [
        ([], ""),
        (
            ["late", "kelvin"],
            "; the other pattern after it is checked once the plan is under the limit",
        ),
        (
            ["late", "kelvin", "cold", "late"],
            "; the 2 other patterns after it are checked once the plan is under the limit",
        ),
    ],
)
def test_patterns_too_large_says_how_many_other_patterns_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: list[str], later: str
) -> None:
    """Past the pattern that takes the plan over, the distinct patterns not yet compiled wait
    (a pattern compiled before it is not one of them), and the problem says how many."""
    import engine.checks

    monkeypatch.setattr(engine.checks, "MEMORY_PER_INSTRUCTION", 1 << 26)
    found = one(tmp_path, patterns_rule(["kelvin", "kelvin", "sk", "bad", *after]))
    assert found.code == "patterns-too-large"
    assert found.message == (
        "with this pattern, the plan's 3 patterns are too many or too long to search: they may "
        f"need 1,472 MiB, more than the 1,024 MiB allowed{later}"
    )
    assert found.hint == (
        "join patterns that look for words into one (`\\b(late|cold)\\b`), use `contains_any` "
        "for plain words, and shorten counted repetitions such as `.{300}`"
    )
    assert found.source.pointer == "/rules/0/when/all/0/any/3"


@pytest.mark.parametrize(
    ("other", "told"),
    [
        (
            "one",
            "adds 100,100 tests to the plan (at most 100,000): the named condition `n999` "
            "holds 101 tests and 1 rule uses it",
        ),
        (
            "nope",
            "adds 100,100 tests to the plan (at most 100,000): the named condition `n999` "
            "holds 101 tests and 1 rule uses it",
        ),
        (
            "pair",
            "adds 100,202 tests to the plan (at most 100,000): the named condition `pair` "
            "holds 2 tests and 102 rules use it",
        ),
    ],
    ids=["adds-nothing", "unknown", "adds-one-each"],
)
def test_the_named_condition_said_to_add_the_most_adds_the_most_tests(
    tmp_path: Path, other: str, told: str
) -> None:
    """1,001 rules each using its own named condition of 101 tests add 100,100 tests. 102 more
    rules using a named condition of one test (or one not defined) add none: it had been
    named as the one that adds the most ("holds 1 tests and 102 rules use it"), weighed by
    its size, not by the tests it adds. Of 2 tests, it adds 102: the most."""
    sizes = {f"n{i}": 101 for i in range(1_001)}
    conditions = sized_conditions(**sizes, one=1, pair=2)
    rules = "".join(
        f"  - {{id: {name}, title: T, when: {{use: {name}}}, then: [apologize: {{}}]}}\n"
        for name in sizes
    )
    rules += "".join(rules_using(other, 102))
    found = [
        d for d in check(tmp_path, conditions + "rules:\n" + rules) if d.code != "unknown-condition"
    ]
    assert [(d.code, d.source.pointer) for d in found] == [
        ("condition-too-large", "/rules/1000/when")
    ]
    assert found[0].message == f"writing out the named conditions the rules use {told}"


def test_a_pattern_longer_than_the_limit_is_refused_before_re2_reads_it() -> None:
    """The plan schema holds `matches:` to 1,000 characters; an app compiling a pattern itself
    is held to the same, in words."""
    from engine.regex import MAX_PATTERN_CHARS, RegexError, program_size

    with pytest.raises(RegexError, match=f"^the pattern is longer than {MAX_PATTERN_CHARS} "):
        program_size("a" * (MAX_PATTERN_CHARS + 1))
    assert program_size("a" * MAX_PATTERN_CHARS) > 0
