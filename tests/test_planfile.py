"""Plans from files and folders: name order, positions across files, the fingerprint."""

from __future__ import annotations

import os
import threading
from dataclasses import FrozenInstanceError
from pathlib import Path
from typing import Any

import pytest

from engine.api import check_plan, read_plan
from engine.errors import Diagnostic, PlanError
from engine.model import FieldTest, PlanModel
from engine.planfile import find_plan_files, holds_another_plan, would_be_read
from tests.conftest import PLAN_HEADER, write_plan


def found_files(paths: list[Any]) -> list[Path]:
    """The files ``find_plan_files`` finds of paths it finds no problem with."""
    found = find_plan_files(paths)
    assert found.problems == []
    return found.files


def rules_file(folder: Path, name: str, *ids: str, header: str = "backplan: 1\n") -> Path:
    body = "rules:\n" + "".join(
        f"  - {{id: {i}, title: Rule {i}, when: {{event: order}}, then: [{{apologize: {{}}}}]}}\n"
        for i in ids
    )
    return write_plan(folder, body, header=header, name=name)


def test_a_folder_is_read_in_name_order(tmp_path: Path) -> None:
    rules_file(tmp_path, "20-second.yaml", "c", "d")
    rules_file(tmp_path, "00-plan.yaml", "a", header=PLAN_HEADER)
    rules_file(tmp_path, "10-first.yml", "b")
    plan = read_plan(tmp_path)
    assert [r.id for r in plan.rules] == ["a", "b", "c", "d"]
    assert [r.position for r in plan.rules] == [0, 1, 2, 3]
    assert [Path(s).name for s in plan.sources] == [
        "00-plan.yaml",
        "10-first.yml",
        "20-second.yaml",
    ]


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_a_name_sorts_the_same_composed_or_decomposed(tmp_path: Path, form: str) -> None:
    # A folder copied from a Mac may keep `ü` as `u` and a combining mark, which sorted
    # before `z`, where the composed `ü` sorts after it: the rules' order and the
    # fingerprint changed with the computer the folder was copied from.
    import unicodedata

    rules_file(tmp_path, "00-plan.yaml", "a", header=PLAN_HEADER)
    rules_file(tmp_path, unicodedata.normalize(form, "ürün.yaml"), "u")
    rules_file(tmp_path, "zeta.yaml", "z")
    (tmp_path / unicodedata.normalize(form, "öl")).mkdir()
    rules_file(tmp_path / unicodedata.normalize(form, "öl"), "x.yaml", "o")
    plan = read_plan(tmp_path)
    assert [r.id for r in plan.rules] == ["a", "z", "o", "u"]  # z, ö, ü by their code points


@pytest.mark.parametrize("listed", [sorted, lambda names: sorted(names, reverse=True)])
def test_two_names_the_same_composed_sort_by_their_characters_whatever_the_disk_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, listed: Any
) -> None:
    # `ü.yaml` composed and decomposed are two files (Linux keeps both), the same in name
    # order: they had then been read in the order the disk lists them, and the rules' order
    # and the fingerprint changed with it.
    import unicodedata

    rules_file(tmp_path, "00-plan.yaml", "a", header=PLAN_HEADER)
    rules_file(tmp_path, unicodedata.normalize("NFC", "ü.yaml"), "composed")
    rules_file(tmp_path, unicodedata.normalize("NFD", "ü.yaml"), "decomposed")
    walk = os.walk

    def walked(*args: Any, **kwargs: Any) -> Any:
        for root, folders, names in walk(*args, **kwargs):
            names[:] = listed(names)
            yield root, folders, names

    monkeypatch.setattr(os, "walk", walked)
    plan = read_plan(tmp_path)
    assert [r.id for r in plan.rules] == ["a", "decomposed", "composed"]  # u before ü


def test_subfolders_and_other_files(tmp_path: Path) -> None:
    rules_file(tmp_path, "00-plan.yaml", "a", header=PLAN_HEADER)
    (tmp_path / "orders").mkdir()
    rules_file(tmp_path / "orders", "late.yaml", "b")
    (tmp_path / "README.md").write_text("# not a plan\n", encoding="utf-8")
    (tmp_path / "events.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.yaml.bak").write_text("oops: [", encoding="utf-8")
    assert [Path(p).name for p in found_files([tmp_path])] == ["00-plan.yaml", "late.yaml"]
    assert [r.id for r in read_plan(tmp_path).rules] == ["a", "b"]


def test_files_are_taken_as_given_and_once(tmp_path: Path) -> None:
    one = rules_file(tmp_path, "b.yaml", "x", header=PLAN_HEADER)
    two = rules_file(tmp_path, "a.yaml", "y")
    assert found_files([one, two, one]) == [one, two]
    assert [r.id for r in read_plan([one, two]).rules] == ["x", "y"]


def test_a_file_named_twice_by_different_paths_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    plan = rules_file(folder, "00-plan.yaml", "x", header=PLAN_HEADER)
    extra = rules_file(folder, "10-more.yaml", "y")
    (tmp_path / "link.yaml").symlink_to(extra)
    monkeypatch.chdir(tmp_path)
    named = [Path("rules"), plan.resolve(), Path("./rules/../rules/10-more.yaml"), "link.yaml"]
    assert found_files(named) == [Path("rules/00-plan.yaml"), Path("rules/10-more.yaml")]
    assert [r.id for r in read_plan(named).rules] == ["x", "y"]


def test_plan_files_with_capital_suffixes_are_read(tmp_path: Path) -> None:
    rules_file(tmp_path, "00-plan.YAML", "a", header=PLAN_HEADER)
    rules_file(tmp_path, "10-more.Yml", "b")
    assert [r.id for r in read_plan(tmp_path).rules] == ["a", "b"]


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    problems = find_plan_files([tmp_path / "nope.yaml", tmp_path / "empty"]).problems
    found = {d.code: d for d in problems}
    assert set(found) == {"not-found", "no-plan-files"}
    assert found["not-found"].source.path.endswith("nope.yaml")
    assert found["no-plan-files"].source.path.endswith("empty")


@pytest.mark.parametrize(
    ("names", "hint"),
    [
        ([], "the folder is empty: give the folder that holds the plan's .yaml files"),
        (
            [".plan.yaml", "notes.txt"],
            "`.plan.yaml` is passed over: a name that starts with `.` is hidden (the system's or "
            "an editor's file); to read it as part of the plan, rename it without the dot",
        ),
        (
            ["a.json", "b.txt", "c.yaml.txt", "d.md"],
            "it holds `a.json`, `b.txt`, `c.yaml.txt`, ...: a plan's files end in .yaml or .yml; "
            "give the folder that holds them, or rename them",
        ),
    ],
)
def test_a_folder_without_plan_files_is_hinted_from_what_it_holds(
    tmp_path: Path, names: list[str], hint: str
) -> None:
    """The hint had been "check the path" when the path was right (found by review)."""
    folder = tmp_path / "plan"
    folder.mkdir()
    for name in names:
        (folder / name).write_text("x\n")
    problems = find_plan_files([folder]).problems
    assert [(problem.code, problem.hint) for problem in problems] == [("no-plan-files", hint)]


def test_a_path_with_blanks_around_it_is_told_to_strip_them(tmp_path: Path) -> None:
    """`` rules/ `` (pasted, or read from a file, with its blanks) had been told only "` rules/
    `: no such file or folder", its blanks not showing; it is told the path without them is
    one. A path that names nothing without its blanks either is told only that it is none."""
    folder = tmp_path / "rules"
    folder.mkdir()
    for given in (f" {folder}/ ", f"{folder}\t"):
        [problem] = find_plan_files([given]).problems
        assert (problem.code, problem.message, problem.hint) == (
            "not-found",
            f"no such file or folder, though `{given.strip()}` is one: the path has blanks "
            "around it; strip them",
            "strip them first, path.strip()",
        )
    [problem] = find_plan_files([f"{tmp_path}/other "]).problems
    assert (problem.message, problem.hint) == ("no such file or folder", "check the path")


def test_a_path_a_letter_off_is_told_the_one_meant(tmp_path: Path) -> None:
    """`load_plan("shop/rule")` had been told only "no such file or folder", where the command
    line asked "did you mean `shop/rules`?" of the same path."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "plan.yaml").write_text("backplan: 1\n", encoding="utf-8")
    for given, meant in (("rule", "rules"), ("rules/plan.yml", "rules/plan.yaml")):
        [problem] = find_plan_files([tmp_path / given]).problems
        assert (problem.code, problem.message) == (
            "not-found",
            f"no such file or folder (did you mean `{tmp_path / meant}`?)",
        )


def test_a_device_or_a_named_pipe_is_unreadable_not_missing(tmp_path: Path) -> None:
    """Both exist, so "no such file or folder" was wrong; neither is opened (reading a pipe
    would wait for a writer: a thread writes nothing to it after a while, so a regression
    fails here rather than hangs)."""
    pipe = tmp_path / "plan.yaml"
    os.mkfifo(pipe)
    unblock = threading.Timer(5, lambda: os.close(os.open(pipe, os.O_WRONLY)))
    unblock.start()
    try:
        problems = find_plan_files([os.devnull, pipe]).problems
    finally:
        unblock.cancel()
    found = [(d.code, d.source.path, d.message) for d in problems]
    assert found == [
        (
            "unreadable",
            path,
            "cannot read it as a plan: it is neither a file nor a folder (a device or a pipe)",
        )
        for path in (os.devnull, str(pipe))
    ]


def test_every_node_knows_its_file_and_place(tmp_path: Path) -> None:
    write_plan(tmp_path, "", name="00-plan.yaml")
    write_plan(
        tmp_path,
        """\
        conditions:
          vip: {field: customer.tier, eq: gold}
        rules:
          - id: late
            title: Late
            when:
              event: order
              all:
                - {field: order.delay_days, gt: 3}
            then:
              - compensate: {kind: voucher, amount: 5}
        """,
        header="backplan: 1\n",
        name="10-orders.yaml",
    )
    plan = read_plan(tmp_path)
    assert plan.settings.at.path.endswith("00-plan.yaml")
    assert (plan.settings.at.line, plan.settings.at.column) == (2, 1)
    [rule] = plan.rules
    assert rule.at.path.endswith("10-orders.yaml")
    assert (rule.at.line, rule.at.column, rule.at.pointer) == (5, 5, "/rules/0")
    [test] = rule.condition.items
    assert isinstance(test, FieldTest)
    assert (test.at.line, test.at.column) == (10, 11)
    assert rule.then[0].at.line == 12
    assert rule.then[0].at.pointer == "/rules/0/then/0/compensate"
    vip = plan.conditions["vip"]
    assert vip.at.path.endswith("10-orders.yaml")
    assert vip.at.line == 3


def test_problems_in_several_files_are_all_reported_in_file_order(tmp_path: Path) -> None:
    write_plan(tmp_path, "rules:\n  - {id: a, title: A, then: [{apologise: {}}]}\n", name="b.yaml")
    write_plan(tmp_path, "rules: {}\n", header="backplan: 1\n", name="a.yaml")
    write_plan(tmp_path, "plan: [\n", header="", name="c.yaml")
    with pytest.raises(PlanError) as caught:
        read_plan(tmp_path)
    found = [(Path(d.source.path).name, d.source.line, d.code) for d in caught.value.diagnostics]
    assert found == [
        ("a.yaml", 2, "wrong-type"),
        ("b.yaml", 6, "missing-when"),  # the rule itself, then its action
        ("b.yaml", 6, "unknown-action"),
        ("c.yaml", 2, "yaml-syntax"),
    ]


def test_the_model_is_frozen(tmp_path: Path) -> None:
    plan = read_plan(rules_file(tmp_path, "plan.yaml", "a", header=PLAN_HEADER))
    assert isinstance(plan, PlanModel)
    with pytest.raises(FrozenInstanceError):
        plan.rules[0].id = "b"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        plan.settings.name = "Other"  # type: ignore[misc]


# --- The fingerprint --------------------------------------------------------------------------

BASE = """\
backplan: 1
plan:
  name: Acme Store
  currency: USD
rules:
  - id: late
    title: Late order
    when:
      event: order
      all:
        - {field: order.delay_days, gt: 3}
    then:
      - apologize: {within: 1h}
"""

SAME_MEANING = """\
# Acme's backup plan, reformatted.
backplan: 1

rules:
  - title: "Late order"     # key order changed
    id: late
    then: [{apologize: {within: "1h"}}]
    when: {all: [{gt: 3, field: order.delay_days}], event: order}
plan: {currency: USD, name: 'Acme Store'}
"""


def fingerprint_of(tmp_path: Path, text: str, name: str = "plan.yaml") -> str:
    folder = tmp_path / str(abs(hash((text, name))))
    folder.mkdir()
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return read_plan(path).fingerprint


def test_fingerprint_format(tmp_path: Path) -> None:
    value = fingerprint_of(tmp_path, BASE)
    assert value.startswith("sha256:")
    assert len(value) == len("sha256:") + 64


def test_fingerprint_ignores_comments_spacing_quoting_and_key_order(tmp_path: Path) -> None:
    assert fingerprint_of(tmp_path, SAME_MEANING) == fingerprint_of(tmp_path, BASE)


def test_fingerprint_ignores_the_file_name(tmp_path: Path) -> None:
    assert fingerprint_of(tmp_path, BASE, "acme.yml") == fingerprint_of(tmp_path, BASE)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("gt: 3", "gt: 4"),
        ("gt: 3", "gte: 3"),
        ("within: 1h", "within: 2h"),
        ("title: Late order", "title: Late order!"),
        ("id: late", "id: late-order"),
        ("event: order", "event: [order]"),
        ("currency: USD", "currency: EUR"),
    ],
)
def test_fingerprint_changes_with_the_rules(tmp_path: Path, old: str, new: str) -> None:
    assert old in BASE
    assert fingerprint_of(tmp_path, BASE.replace(old, new)) != fingerprint_of(tmp_path, BASE)


def test_fingerprint_changes_when_rules_are_reordered(tmp_path: Path) -> None:
    """Order is meaning: equal priorities fire in plan order."""
    second = "  - {id: b, title: B, when: {event: order}, then: [{apologize: {}}]}\n"
    first = BASE.replace("rules:\n", "rules:\n" + second)
    assert fingerprint_of(tmp_path, first) != fingerprint_of(tmp_path, BASE + second)


def test_fingerprint_is_stable_across_loads(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(BASE, encoding="utf-8")
    assert read_plan(path).fingerprint == read_plan(path).fingerprint


def test_fingerprint_of_a_folder_equals_that_of_the_same_split(tmp_path: Path) -> None:
    one = tmp_path / "one"
    one.mkdir()
    write_plan(one, "", name="a.yaml")
    rules_file(one, "b.yaml", "x", "y")
    two = tmp_path / "two"
    two.mkdir()
    write_plan(two, "\n# comment\n", name="first.yaml")
    rules_file(two, "second.yaml", "x", "y")
    assert read_plan(one).fingerprint == read_plan(two).fingerprint
    three = tmp_path / "three"
    three.mkdir()
    write_plan(three, "", name="a.yaml")
    rules_file(three, "b.yaml", "y", "x")
    assert read_plan(three).fingerprint != read_plan(one).fingerprint


def test_make_refuses_a_node_class_with_a_default_factory() -> None:
    import dataclasses

    from engine.construct import make
    from engine.model import PlanNode

    @dataclasses.dataclass(frozen=True, kw_only=True)
    class Odd(PlanNode):
        names: list[str] = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError, match="plain defaults only"):
        make(Odd, {})


def test_a_plan_the_schema_refuses_is_checked_by_the_fast_check_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The careful loader reads such a file again for positions; its data is the same, so the
    whole-plan check (0.3 s at 10,000 rules) is not run a second time."""
    from engine import schema
    from engine.planfile import read_documents

    calls: list[object] = []
    real = schema.fast_check

    def counted(name: str) -> schema.Check | None:
        check = real(name)
        assert check is not None

        def counting(data: object) -> bool:
            calls.append(data)
            return check(data)

        return counting

    monkeypatch.setattr(schema, "fast_check", counted)
    path = write_plan(tmp_path, "rules:\n  - id: a\n    titel: typo\n")
    with pytest.raises(PlanError, match="unknown key `titel`"):
        read_documents(found_files([path]))
    assert len(calls) == 1


def test_a_mistake_inside_an_anchor_is_reported_once_not_once_per_alias(tmp_path: Path) -> None:
    """Each alias meets the anchor's mistake again at the anchor's place, in the same words
    (only the JSON pointer differs): one mistake to fix, one report. Used by another rule,
    it is still one report, naming that rule too (engine.errors.in_order_once)."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        PLAN_HEADER
        + "rules:\n"
        + "  - id: r1\n"
        + "    title: one\n"
        + "    when: {event: review}\n"
        + "    then:\n"
        + "      - apologize: &late {within: 7dd}\n"
        + "      - apologize: *late\n"
        + "  - id: r2\n"
        + "    title: two\n"
        + "    when: {event: order}\n"
        + "    then:\n"
        + "      - apologize: *late\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as caught:
        read_plan(plan)
    line = PLAN_HEADER.count("\n") + 6
    assert [(d.source.line, d.source.column, d.message) for d in caught.value.diagnostics] == [
        (
            line,
            35,
            "`7dd` is not a duration in rule `r1` (then › apologize › within); the same text is "
            "used again, through a YAML alias (`*`), by 1 more rule: `r2`",
        )
    ]


def test_a_linked_sub_folder_is_read_and_a_link_to_nothing_is_reported(tmp_path: Path) -> None:
    """``rglob`` passed over both: a linked folder's rules and a broken link's file were
    dropped without a word."""
    plan, elsewhere = tmp_path / "plan", tmp_path / "elsewhere"
    plan.mkdir()
    elsewhere.mkdir()
    write_plan(plan, "", name="00-plan.yaml")
    (elsewhere / "more.yaml").write_text(
        "backplan: 1\nrules:\n"
        "  - {id: linked, title: L, when: {event: order}, then: [{apologize: {}}]}\n",
        encoding="utf-8",
    )
    (plan / "shared").symlink_to(elsewhere)
    (plan / "up").symlink_to(tmp_path)  # round and round: each folder is read once
    assert [path.name for path in found_files([plan])] == ["00-plan.yaml", "more.yaml"]
    (plan / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    [problem] = find_plan_files([plan]).problems
    assert (problem.code, problem.source.path) == ("not-found", str(plan / "gone.yaml"))
    assert problem.message == f"a link to {tmp_path / 'nowhere.yaml'}, which does not exist"


def test_a_link_in_a_loop_inside_a_plan_folder_is_named_for_what_it_is(tmp_path: Path) -> None:
    """It had been "a link to b.yaml, which does not exist", though b.yaml is there: a link
    back to the first (found by review). The command line and `init` say the same words."""
    plan = tmp_path / "plan"
    plan.mkdir()
    write_plan(plan, "", name="00-plan.yaml")
    (plan / "a.yaml").symlink_to(plan / "b.yaml")
    (plan / "b.yaml").symlink_to(plan / "a.yaml")
    problems = sorted(find_plan_files([plan]).problems, key=Diagnostic.sort_key)  # as told
    assert [(p.source.path, p.message) for p in problems] == [
        (str(plan / name), "a link in a loop of links (each leads on to another and back)")
        for name in ("a.yaml", "b.yaml")
    ]


def test_a_folder_whose_plan_files_are_links_to_nothing_is_told_only_of_them(
    tmp_path: Path,
) -> None:
    """A folder holding `00-plan.yaml`, a link to nothing (a deploy's target removed), or a
    link in a loop, had been told "the folder holds no .yaml or .yml files" beside the link,
    hinted "it holds `00-plan.yaml`: a plan's files end in .yaml or .yml; ... or rename
    them": untrue of a file whose name ends in .yaml, and no way to mend it."""
    gone, looped = tmp_path / "gone", tmp_path / "looped"
    for folder in (gone, looped):
        folder.mkdir()
    (gone / "00-plan.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (looped / "a.yaml").symlink_to(looped / "b.yaml")
    (looped / "b.yaml").symlink_to(looped / "a.yaml")
    for folder, names in ((gone, ["00-plan.yaml"]), (looped, ["a.yaml", "b.yaml"])):
        problems = sorted(find_plan_files([folder]).problems, key=Diagnostic.sort_key)
        assert [(p.code, p.source.path) for p in problems] == [
            ("not-found", str(folder / name)) for name in names
        ]


def test_a_link_to_nothing_is_reported_beside_the_other_files_problems(tmp_path: Path) -> None:
    """docs/diagnostics.md: one run reports every error, a file that cannot be read is set
    aside and the other files are still checked. A link to nothing had been raised alone: the
    bad deadline in the next file came only once the link was removed."""
    write_plan(tmp_path, "", name="00-plan.yaml")
    (tmp_path / "05-gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    body = (
        "rules:\n  - {id: late, title: Late, when: {event: order},"
        " then: [{apologize: {within: 30 minutes}}]}\n"
    )
    write_plan(tmp_path, body, header="backplan: 1\n", name="10-late.yaml")
    with pytest.raises(PlanError) as caught:
        read_plan([tmp_path, tmp_path / "missing.yaml"])
    found = [(d.code, Path(d.source.path).name) for d in caught.value.diagnostics]
    assert found == [
        ("not-found", "05-gone.yaml"),
        ("bad-duration", "10-late.yaml"),
        ("not-found", "missing.yaml"),
    ]


def test_hidden_files_and_folders_in_a_plan_folder_are_not_read(tmp_path: Path) -> None:
    """macOS leaves a binary `._NAME` beside each file copied to a foreign disk, and Emacs
    a lock link to nothing, `.#NAME`, beside a file being edited: each had made a sound plan
    invalid (binary-file, not-found). A hidden sub-folder (`.git`, `.backup`) is passed over
    too; a hidden file named as a plan path is read as any file named."""
    rules_file(tmp_path, "00-plan.yaml", "a", header=PLAN_HEADER)
    (tmp_path / "._00-plan.yaml").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    (tmp_path / ".#00-plan.yaml").symlink_to("dana@laptop.4242:1700000000")
    (tmp_path / ".backup").mkdir()
    old = rules_file(tmp_path / ".backup", "00-plan.yaml", "old", header=PLAN_HEADER)
    assert found_files([tmp_path]) == [tmp_path / "00-plan.yaml"]
    assert [r.id for r in read_plan(tmp_path).rules] == ["a"]
    hidden = old.rename(tmp_path / ".extra.yaml")
    assert found_files([tmp_path, hidden]) == [tmp_path / "00-plan.yaml", hidden]


def test_a_file_deleted_after_its_folder_was_listed_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file made and deleted in the folder while a deploy wrote it: listed, then gone before
    it was looked at. ``os.readlink`` on it (to word a link to nothing) raised
    FileNotFoundError out of ``load_plan`` and ``PlanHolder.reload_if_changed``. The listing
    is made to name a file that is not there, as the race leaves it."""
    rules_file(tmp_path, "00-plan.yaml", "a", header=PLAN_HEADER)
    walk = os.walk

    def listed_too_early(top: Any, **options: Any) -> Any:
        for root, folders, names in walk(top, **options):
            yield root, folders, [*names, "10-deploying.yaml"]

    monkeypatch.setattr(os, "walk", listed_too_early)
    assert found_files([tmp_path]) == [tmp_path / "00-plan.yaml"]
    assert [r.id for r in read_plan(tmp_path).rules] == ["a"]


def test_a_path_that_cannot_be_looked_at_is_unreadable_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``Path.is_dir()`` raises the OSErrors other than "not there": a name too long for the
    system reached ``load_plan`` and ``check_plan`` as ``OSError: [Errno 36]``, and a file in
    a folder that may not be looked at (no permission: simulated, the tests may run as root)
    would have too."""
    too_long = str(tmp_path / ("x" * 300))
    with pytest.raises(PlanError) as caught:
        read_plan(too_long)
    [problem] = caught.value.diagnostics
    assert (problem.code, problem.source.path) == ("unreadable", too_long)
    assert problem.message == "cannot read it as a plan: File name too long"
    assert [d.code for d in check_plan(too_long)] == ["unreadable"]
    rules_file(tmp_path, "00-plan.yaml", "a", header=PLAN_HEADER)
    locked = rules_file(tmp_path, "10-locked.yaml", "b")
    look = os.stat

    def refused(path: Any, *args: Any, **options: Any) -> Any:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return look(path, *args, **options)

    monkeypatch.setattr(os, "stat", refused)
    problems = find_plan_files([tmp_path]).problems
    found = [(d.code, d.source.path, d.message) for d in problems]
    assert found == [("unreadable", str(locked), "cannot read it as a plan: Permission denied")]


def test_a_sub_folder_whose_files_cannot_be_listed_is_a_problem_not_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`os.walk` passes over a folder it may not list: its rules were dropped without a word
    (no permission: simulated, the tests may run as root)."""
    rules_file(tmp_path, "00-plan.yaml", "a", header=PLAN_HEADER)
    locked = tmp_path / "stores"
    locked.mkdir()
    rules_file(locked, "north.yaml", "b")
    listing = os.scandir

    def refused(path: Any = ".") -> Any:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", refused)
    problems = find_plan_files([tmp_path]).problems
    found = [(d.code, d.source.path, d.message) for d in problems]
    assert found == [("unreadable", str(locked), "cannot list its files: Permission denied")]


@pytest.mark.parametrize("listed", ["as-is", "reversed"])
def test_a_folder_reached_twice_is_read_under_its_first_name_in_name_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, listed: str
) -> None:
    """Under a link or its own name, whichever the disk listed first: the files' order, so the
    rules' order and the fingerprint, changed with the order the disk lists a folder in (here
    as it is, and reversed)."""
    plan = tmp_path / "plan"
    plan.mkdir()
    write_plan(plan, "", name="c-main.yaml")
    (plan / "shared").mkdir()
    (plan / "shared" / "s.yaml").write_text("backplan: 1\nrules: []\n", encoding="utf-8")
    (plan / "b").symlink_to("shared", target_is_directory=True)  # sorts before `c-main.yaml`
    walk = os.walk

    def listed_walk(top: Any, **options: Any) -> Any:
        for root, folders, names in walk(top, **options):
            if listed == "reversed":
                folders.sort(reverse=True)
            yield root, folders, names

    monkeypatch.setattr(os, "walk", listed_walk)
    assert found_files([plan]) == [plan / "b" / "s.yaml", plan / "c-main.yaml"]


@pytest.mark.parametrize("quick", [True, False], ids=["fast reader", "careful loader"])
def test_a_merge_key_among_custom_parameters_is_refused_where_it_is_written(
    tmp_path: Path, quick: bool
) -> None:
    """A custom action takes any parameter, so the schema lets `<<` through there; YAML 1.2
    would hand the application a parameter named `<<` (the anchored mapping) instead of its
    keys merged in. Refused at the key, however deep, from either reader (an anchor sends the
    file to the careful loader)."""
    anchor = "&base " if not quick else ""
    plan = write_plan(
        tmp_path,
        "rules:\n"
        "  - id: flag\n"
        "    title: Flag it\n"
        "    when: {event: x-chargeback}\n"
        "    then:\n"
        "      - x-crm-flag:\n"
        f"          base: {anchor}{{flag: chargeback}}\n"
        f"          <<: {'*base' if not quick else '{severity: 3}'}\n"
        "          list: [{'<<': 1}]\n",
    )
    with pytest.raises(PlanError) as caught:
        read_plan(plan)
    line = PLAN_HEADER.count("\n") + 8
    found = [(d.code, d.source.line, d.source.column, d.message) for d in caught.value.diagnostics]
    assert found == [
        (
            "unknown-key",
            line,
            11,
            "`<<` (YAML's merge key) is not supported by Backplan"
            " in rule `flag` (then › x-crm-flag › <<)",
        ),
        (
            "unknown-key",
            line + 1,
            19,
            "`<<` (YAML's merge key) is not supported by Backplan"
            " in rule `flag` (then › x-crm-flag › list › <<)",
        ),
    ]


REPO_RULES = Path(__file__).resolve().parent.parent / "rules"


@pytest.mark.parametrize(
    ("copy", "blamed"),
    [
        ("00-plan (1).yaml", "00-plan (1).yaml"),  # read before the original: named a copy
        ("00-plan - Copy.yaml", "00-plan - Copy.yaml"),
        ("00-plan copy 2.yaml", "00-plan copy 2.yaml"),
        ("zz.yaml", "zz.yaml"),  # no copy's name: the one read second
    ],
)
def test_a_copied_plan_file_is_one_problem_at_the_copy(
    tmp_path: Path, copy: str, blamed: str
) -> None:
    # A copy left in the plan's folder gave a second `plan:` section and every named condition
    # twice, each reported at the original, with `see:` at the copy: a manager may edit the
    # real file.
    for source in REPO_RULES.glob("*.yaml"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    (tmp_path / copy).write_bytes((REPO_RULES / "00-plan.yaml").read_bytes())
    [found] = check_plan(tmp_path)
    assert (found.code, found.source.path, found.source.line) == (
        "duplicate-file",
        str(tmp_path / blamed),
        0,
    )
    assert found.message.startswith("this file holds the same text as `00-plan.yaml` (a copy?)")
    assert [r.path for r in found.related] == [str(tmp_path / "00-plan.yaml")]


def test_a_copy_of_a_plan_file_written_as_json_is_a_copy_too(tmp_path: Path) -> None:
    import json

    from engine.loading import load_yaml

    for source in REPO_RULES.glob("*.yaml"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    billing = load_yaml((REPO_RULES / "billing.yaml").read_text(encoding="utf-8"), "b").data
    (tmp_path / "billing.yaml").write_text(json.dumps(billing), encoding="utf-8")
    (tmp_path / "billing (1).yaml").write_text(json.dumps(billing), encoding="utf-8")
    [found] = check_plan(tmp_path)
    assert (found.code, Path(found.source.path).name) == ("duplicate-file", "billing (1).yaml")


def test_files_alike_only_in_being_empty_are_no_copies(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("# nothing yet\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert {d.code for d in check_plan(tmp_path)} == {"empty-file"}


def test_files_alike_in_holding_no_section_are_no_copies(tmp_path: Path) -> None:
    # Two placeholders holding only `backplan: 1` beside a plan made it invalid: "every rule
    # and section in it would be in the plan twice", of files that hold none.
    for source in REPO_RULES.glob("*.yaml"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    for name in ("x-reserved.yaml", "y-reserved.yaml"):
        (tmp_path / name).write_text("backplan: 1\n", encoding="utf-8")
    assert check_plan(tmp_path) == []


def test_every_copy_is_said_to_be_a_copy_of_the_original(tmp_path: Path) -> None:
    # With two copies, the second was said to be a copy of the first copy.
    for source in REPO_RULES.glob("*.yaml"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    for copy in ("billing (1).yaml", "billing - Copy.yaml"):
        (tmp_path / copy).write_bytes((REPO_RULES / "billing.yaml").read_bytes())
    found = check_plan(tmp_path)
    assert [(d.code, Path(d.source.path).name) for d in found] == [
        ("duplicate-file", "billing (1).yaml"),
        ("duplicate-file", "billing - Copy.yaml"),
    ]
    assert all(
        d.message.startswith("this file holds the same text as `billing.yaml`") for d in found
    )


def test_a_path_with_a_nul_character_is_no_such_file() -> None:
    """No path can hold a NUL: said as for any path not there, not as Python's ValueError."""
    [found] = check_plan("rules\x00.yaml")
    assert (found.code, found.message, found.hint) == (
        "not-found",
        "no such file or folder",
        "check the path",
    )


def test_a_plan_tests_file_naming_no_plan_is_told_a_plan_folder_to_give(tmp_path: Path) -> None:
    """A plan-tests file without `plan:`, given as a plan: no plan of its own to name, so the
    usual folder is said."""
    path = tmp_path / "tests.yaml"
    path.write_text("backplan: 1\ncases:\n  - {name: a, event: {type: review}}\n")
    [found] = check_plan(path)
    assert (found.code, found.message) == ("not-a-plan", "this is a plan-tests file, not a plan")
    assert found.hint.startswith("give the plan's own folder or files (such as `rules/`)")


def test_a_plan_tests_file_given_as_a_plan_is_hinted_with_a_test_file_s_keys(
    tmp_path: Path,
) -> None:
    """A plan-tests file given as a plan, with a list item out of line, was hinted "such as
    `then:` or `prevent:` for actions, `all:` for tests", a plan's keys, since its reader meant
    a plan (found by review): a file with `cases:` and no `rules:` names a test file's, as
    `backplan test` hints it."""
    path = tmp_path / "tests.yaml"
    path.write_text(
        "backplan: 1\ncases:\n  - name: a\n    event: {type: order}\n    expect:\n"
        "      fallback: false\n      - compensate\n"
    )
    [found] = check_plan(path)
    assert (found.code, found.source.line) == ("yaml-syntax", 7)
    assert "(such as `cases:` for cases, `actions:` or `matched:`" in (found.hint or "")


def test_a_file_given_is_read_by_its_own_name_and_no_other(tmp_path: Path) -> None:
    """`render -o` refuses to write over a plan file named among the plan's paths."""
    plan = write_plan(tmp_path, "rules: []\n")
    assert would_be_read(plan, [plan])
    assert not would_be_read(tmp_path / "other.yaml", [plan])


def test_a_new_file_in_a_linked_sub_folder_of_a_plan_folder_would_be_read(tmp_path: Path) -> None:
    """`eval --plan rules -o rules/shared/out.yaml`, `shared` a link to a folder outside
    `rules`: the walk follows the link and reads the new file, so it is refused, however it
    is named; it had been written, as its real path is outside `rules`."""
    rules, shared = tmp_path / "rules", tmp_path / "shared"
    rules.mkdir()
    shared.mkdir()
    write_plan(rules, "rules: []\n")
    (rules / "shared").symlink_to(shared)
    assert would_be_read(rules / "shared" / "out.yaml", [rules])
    assert would_be_read(shared / "out.yml", [rules])  # by the link's target
    assert not would_be_read(rules / "shared" / "out.jsonl", [rules])
    assert not would_be_read(tmp_path / "out.yaml", [rules])


def test_a_folder_of_plan_files_named_unlike_the_starter_s_holds_another_plan(
    tmp_path: Path,
) -> None:
    write_plan(tmp_path, "rules: []\n")
    assert holds_another_plan(tmp_path)


def test_a_folder_that_may_not_be_looked_into_is_told_so_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan folder without permission to list it (run as root, the test makes the system
    refuse): "the folder holds no .yaml or .yml files", hinted "the folder is empty", had
    been said beside it, of a folder no one could see into."""

    def refused(path: Any = ".") -> Any:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", refused)
    [found] = check_plan(tmp_path)
    assert (found.code, found.message, found.source.path) == (
        "unreadable",
        "cannot list its files: Permission denied",
        str(tmp_path),
    )
