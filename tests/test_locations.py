"""Locations found on first read behave exactly as the located SourceLocation they stand for."""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engine.loading
import engine.yamlpositions
from engine.api import check_plan
from engine.documents import LaterPositions, nearest_position
from engine.errors import SourceLocation
from engine.locations import LazyLocation, inside_text, lines_from

TEXT = "backplan: 1\nplan:\n  name: A\n  currency: USD\nrules:\n  - id: r\n    title: T\n"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts parsed for positions during the test: their parse events streamed
    (``engine.yamlpositions``), or parsed whole by the careful loader (never, now)."""
    seen: list[str] = []
    load_yaml = engine.loading.load_yaml
    parser = engine.yamlpositions._parser

    def counting(text: str, path: str) -> Any:
        seen.append(text)
        return load_yaml(text, path)

    def streaming(text: str) -> Any:
        seen.append(text)
        return parser(text)

    monkeypatch.setattr(engine.loading, "load_yaml", counting)
    monkeypatch.setattr(engine.yamlpositions, "_parser", streaming)
    return seen


def pending(pointer: str, positions: LaterPositions, *, key: bool = False) -> LazyLocation:
    return LazyLocation.pending("plan.yaml", pointer, positions.find, key=key)


def test_a_location_is_found_when_first_read_and_the_file_is_parsed_once(
    parses: list[str],
) -> None:
    positions = LaterPositions(TEXT, "plan.yaml")
    rule, name_key = pending("/rules/0", positions), pending("/plan/name", positions, key=True)
    assert parses == []  # making locations parses nothing
    assert (rule.line, rule.column, rule.pointer) == (6, 5, "/rules/0")
    assert str(name_key) == "plan.yaml:3:3"
    assert len(parses) == 1


def test_a_pending_location_is_the_located_one(parses: list[str]) -> None:
    positions = LaterPositions(TEXT, "plan.yaml")
    located = SourceLocation("plan.yaml", 6, 5, "/rules/0")
    rule = pending("/rules/0", positions)
    assert rule == located and located == rule
    assert hash(rule) == hash(located)
    assert {located: "x"}[rule] == "x"
    assert repr(rule) == repr(located)
    assert pickle.loads(pickle.dumps(rule)) == located
    assert type(copy.deepcopy(rule)) is SourceLocation
    assert dataclasses.replace(rule, line=9) == SourceLocation("plan.yaml", 9, 5, "/rules/0")
    assert dataclasses.asdict(rule) == dataclasses.asdict(located)
    assert rule != pending("/rules/0/id", positions)
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule.line = 3  # type: ignore[misc]


def test_different_pointers_compare_without_parsing(parses: list[str]) -> None:
    positions = LaterPositions(TEXT, "plan.yaml")
    assert pending("/rules/0", positions) != pending("/plan", positions)
    assert parses == []


def test_a_file_the_careful_loader_refuses_gives_no_position() -> None:
    """(The fast reader refuses such a file, so its positions are never asked.) Positions are
    read off the parse events only as far as asked: a value before the mistake has its own
    position, as it had to be met to know it; anything asked past the mistake has none."""
    positions = LaterPositions("a: [1, 2\n", "plan.yaml")
    broken = pending("/a/2", positions)
    assert (broken.line, broken.column) == (0, 0)
    assert str(broken) == "plan.yaml"
    assert str(pending("/a", positions)) == "plan.yaml"  # nothing more after the refusal


def test_threads_reading_new_locations_at_once_parse_once_and_agree(parses: list[str]) -> None:
    positions = LaterPositions(TEXT, "plan.yaml")
    pointers = ["/backplan", "/plan", "/plan/name", "/plan/currency", "/rules", "/rules/0/title"]
    locations = [pending(p, positions) for p in pointers for _ in range(20)]
    start = threading.Barrier(8)
    seen: list[list[tuple[int, int]]] = [[] for _ in range(8)]

    def read(slot: int) -> None:
        start.wait()
        seen[slot] = [(at.line, at.column) for at in locations]

    threads = [threading.Thread(target=read, args=(slot,)) for slot in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = [(1, 11), (3, 3), (3, 9), (4, 13), (6, 3), (7, 12)]
    assert all(result == [e for e in expected for _ in range(20)] for result in seen)
    assert len(parses) == 1


@pytest.mark.parametrize(
    ("line", "column", "text", "offset", "expected"),
    [
        ('  - note: {message: "Hi {x!r}"}', 21, "Hi {x!r}", 3, 25),  # double quotes
        ("  - note: {message: 'Hi {x!r}'}", 21, "Hi {x!r}", 3, 25),  # single quotes
        ("  - note: Hi {x!r}", 11, "Hi {x!r}", 3, 14),  # plain
        ('  - note: {message: "Hi \\u00e9 {x!r}"}', 21, "Hi é {x!r}", 5, 32),  # read through
        ('  - note: {message: "A\\tB \\" {x!r}"}', 21, 'A\tB " {x!r}', 5, 29),
        ("  - note: {message: 'It''s {x!r}'}", 21, "It's {x!r}", 5, 28),  # '' is one quote
        ('  - note: {message: "Hi \\q {x!r}"}', 21, "Hi q {x!r}", 5, 21),  # no such escape
        ('  - note: {message: "Hi \\xZZ {x!r}"}', 21, "Hi ? {x!r}", 5, 21),  # no hex: kept
        ('  - note: {message: "Hi {x!r}', 21, "Hi {x!r} more", 3, 21),  # goes on: kept
        ("  - note: >-", 11, "Hi {x!r}", 3, 11),  # a block: the text is on later lines, kept
    ],
)
def test_a_place_inside_a_text_value_is_found_only_when_it_is_sure(
    tmp_path: Path, line: str, column: int, text: str, offset: int, expected: int
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("rules:\n" + line + "\n", encoding="utf-8")
    start = SourceLocation(str(path), 2, column, "/rules/0")
    found = inside_text(start, text, offset)
    assert (found.line, found.column, found.pointer) == (2, expected, "/rules/0")


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.sampled_from("ab {}\"\\'\té\u2028\x07/"), max_size=12).map(lambda t: t + "{x"),
    st.booleans(),
)
def test_a_place_inside_a_quoted_text_is_its_own_column_through_every_escape(
    tmp_path_factory: pytest.TempPathFactory, text: str, double: bool
) -> None:
    """JSON's escapes are YAML's double quotes' (``\\u00e9``, ``\\t``, ``\\"``...); in
    single quotes ``''`` is one quote. The place of the `{x` at the end is its own column."""
    written = json.dumps(text) if double else "'" + text.replace("'", "''") + "'"
    line = f"  - note: {{message: {written}}}"
    if not double and "\t" in text:
        return  # a tab in single quotes is itself: the plain case, covered above
    path = tmp_path_factory.mktemp("q") / "plan.yaml"
    path.write_text("rules:\n" + line + "\n", encoding="utf-8")
    start = SourceLocation(str(path), 2, 21, "/rules/0")
    found = inside_text(start, text, len(text) - 2)
    if not double and "\u2028" in text:  # a line break to YAML, whose lines every place counts
        assert (found.line, found.column) == (2, 21)  # a text over lines: its own place is kept
        return
    assert line[found.column - 1 :].startswith("{x"), (line, found.column)


BLOCKS = """rules:
  - then:
      - apologize:
          message: >-
            Hi {customer.first_name|there}, thank you,

            and I am truly sorry, {so we are
            on it.
      - note:
          message: |
            Line one {order.id}
              indented {bad
          within: 1h
"""


@pytest.mark.parametrize(
    ("column", "text", "found"),
    [
        (
            20,
            "Hi {customer.first_name|there}, thank you,\nand I am truly sorry, {so we are on it.",
            (7, 35),
        ),
        (20, "Line one {order.id}\n  indented {bad\n", (12, 24)),
        (20, "Hi {customer.first_name, thank you", None),  # not the file's text: kept
    ],
    ids=["folded", "literal", "not-the-text"],
)
def test_a_place_inside_a_block_text_is_its_line_and_column(
    tmp_path: Path, column: int, text: str, found: tuple[int, int] | None
) -> None:
    """Messages are usually written as blocks (``>-``); an error in one pointed at the
    block's first line, however long the message."""
    path = tmp_path / "plan.yaml"
    path.write_text(BLOCKS, encoding="utf-8")
    line = 4 if text.startswith("Hi") else 10
    start = SourceLocation(str(path), line, column, "/rules/0")
    at = inside_text(start, text, text.rindex("{"))
    assert (at.line, at.column) == (found or (line, column))
    if found is not None:
        assert BLOCKS.splitlines()[at.line - 1][at.column - 1 :].startswith(
            text[text.rindex("{") :].split(maxsplit=1)[0]
        )


PLAIN = """rules:
  - then:
      - apologize:
          message: Hi {customer.first_name}
            and {customer.first_name},
            sorry {order.id}
          within: 1h
"""


@pytest.mark.parametrize(
    ("text", "slot", "found"),
    [
        ("Hi {customer.first_name} and {customer.first_name}, sorry {order.id}", 0, (4, 23)),
        ("Hi {customer.first_name} and {customer.first_name}, sorry {order.id}", 1, (5, 17)),
        ("Hi {customer.first_name} and {customer.first_name}, sorry {order.id}", 2, (6, 19)),
        ("Hi {customer.first_name} and {customer.first_name},\nsorry {order.id}", 2, None),
        ("Hi {customer.first_name} and {customer.name}, sorry {order.id}", 2, None),
    ],
    ids=["first-line", "second-line", "third-line", "not-joined-by-a-blank", "not-the-text"],
)
def test_a_place_inside_a_plain_text_over_lines_is_its_line_and_column(
    text: str, slot: int, found: tuple[int, int] | None, tmp_path: Path
) -> None:
    """A message wrapped over lines without quotes or a block (YAML joins the lines with a
    blank): each slot had been placed at the text's start, so two warnings of one slot used
    twice were the same, word for word and place (found by mutation testing of lint)."""
    path = tmp_path / "plan.yaml"
    path.write_text(PLAIN, encoding="utf-8")
    start = SourceLocation(str(path), 4, 20, "/rules/0")
    offset = [n for n, c in enumerate(text) if c == "{"][slot]
    at = inside_text(start, text, offset)
    assert (at.line, at.column) == (found or (4, 20))
    if found is not None:
        assert PLAIN.splitlines()[at.line - 1][at.column - 1] == "{"


@pytest.mark.parametrize(
    "lines",
    [
        "          message: Hi {x}\n            # a note\n            and {y}\n",
        "          message: Hi {x} # a note\n            and {y}\n",
    ],
    ids=["a-comment-between", "a-comment-after"],
)
def test_a_plain_text_s_place_is_kept_where_its_lines_are_not_the_text(
    lines: str, tmp_path: Path
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("rules:\n  - then:\n      - apologize:\n" + lines, encoding="utf-8")
    start = SourceLocation(str(path), 4, 20, "/rules/0")
    assert inside_text(start, "Hi {x} and {y}", 11) == start


def test_a_place_past_the_end_of_a_block_is_not_looked_for_below_it(tmp_path: Path) -> None:
    """A block ends at a line indented less than its first: the text read after it (the file
    changed since it was loaded) is not matched against the next key's line, whose indented
    part (`thin: 1h` of `within: 1h`) had been taken for the block's."""
    path = tmp_path / "plan.yaml"
    path.write_text("rules:\n  - note:\n      message: |\n        Hi {x\n      within: 1h\n")
    start = SourceLocation(str(path), 3, 16, "/rules/0/note/message")
    assert inside_text(start, "Hi {x\nthin: 1h", 7) == start


def test_a_location_is_not_equal_to_what_is_no_location() -> None:
    assert LazyLocation("plan.yaml", 1, 1, "/x").__eq__("plan.yaml:1:1") is NotImplemented
    assert LazyLocation("plan.yaml", 1, 1, "/x") != "plan.yaml:1:1"


def test_a_place_inside_a_text_value_of_an_unreadable_file_is_the_value(tmp_path: Path) -> None:
    start = SourceLocation(str(tmp_path / "gone.yaml"), 3, 7, "/x")
    assert inside_text(start, "{x", 0) == start


def test_a_file_is_read_once_for_all_the_places_found_in_its_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan with a bad template in every rule read the file from its start for each, to find
    the place inside the message: 20,000 such rules (2.4 MB) took over a minute."""
    import builtins

    rules = "".join(
        f"  - id: r{n}\n    title: T\n    when: {{all: [{{field: rating, lte: 2}}]}}\n"
        f"    then: [{{apologize: {{message: 'Hi {{oops{n}'}}}}]\n"
        for n in range(50)
    )
    path = tmp_path / "plan.yaml"
    path.write_text("backplan: 1\nplan: {name: T, currency: USD}\nrules:\n" + rules, "utf-8")
    opened: list[str] = []
    real_open = builtins.open

    def counted(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(path):
            opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counted)
    problems = check_plan(path)
    assert [p.source.line for p in problems] == [7 + 4 * n for n in range(50)]
    column = "    then: [{apologize: {message: 'Hi {oops".index("{oops") + 1
    assert [p.source.column for p in problems] == [column] * 50  # at the `{` inside the text
    assert len(opened) <= 2  # loading it, and once to place the errors


def test_a_file_changed_since_it_was_read_is_read_again(tmp_path: Path) -> None:
    import os

    from engine.locations import lines_from

    path = tmp_path / "plan.yaml"
    path.write_text("a\nb\nc\n", encoding="utf-8")
    assert list(lines_from(str(path), 2)) == ["b\n", "c\n"]
    path.write_text("a\nB\nc\n", encoding="utf-8")  # the same size: its time tells
    os.utime(path, ns=(1, 1))
    assert list(lines_from(str(path), 2)) == ["B\n", "c\n"]
    path.write_text("a\nbb\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # the same time: its size tells
    assert list(lines_from(str(path), 2)) == ["bb\n"]
    assert list(lines_from(str(path), 9)) == []
    path.unlink()
    assert list(lines_from(str(path), 1)) == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_the_lines_of_a_utf16_plan_are_read_as_it_was_loaded(tmp_path: Path, encoding: str) -> None:
    """A plan saved as UTF-16 (Notepad's "Unicode") loads; its lines were read again as UTF-8
    to find a value as written, which failed: every hint and warning that reads the file (lint's
    `1.500`, a Windows path in double quotes) was left out, silently."""
    from engine.locations import lines_from

    path = tmp_path / "plan.yaml"
    mark = "\ufeff" if encoding.endswith("-be") else ""  # the others' codecs write their own
    path.write_bytes((mark + "a: 1\r\nb: 'é'\n").encode(encoding))
    assert list(lines_from(str(path), 1)) == ["a: 1\n", "b: 'é'\n"]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\r", "\r\n"])
def test_a_file_is_read_again_in_lines_as_yaml_counts_them(tmp_path: Path, separator: str) -> None:
    # libyaml's places count a line separator (or a NEL, or a lone `\r`) as a line break: the
    # file's lines read again for a hint or a warning are counted so too, not at `\n` alone.
    path = tmp_path / "plan.yaml"
    path.write_text(f'title: "a{separator}b"\nc: d', encoding="utf-8", newline="")
    assert list(lines_from(str(path), 2)) == ['b"\n', "c: d"]


def test_a_place_made_already_located_has_no_finder_for_what_is_inside_it() -> None:
    """A LazyLocation made whole (as dataclasses.replace makes one) cannot look for a value
    inside it: the place itself is kept, not a place at line 0."""
    made = LazyLocation("plan.yaml", 3, 5, "/rules/0/then/0")
    assert made.inside("message") is made


def test_a_place_not_found_is_kept_for_a_text_inside_it() -> None:
    """A value whose line could not be found: a column inside it cannot be either."""
    unplaced = SourceLocation("plan.yaml", 0, 0, "/rules/0/then/0/apologize/message")
    assert inside_text(unplaced, "Hi {name", 3) is unplaced


@pytest.mark.parametrize(
    ("pointer", "at"),
    [("/rules/0/then/9", (3, 5)), ("/rules/7", (2, 3)), ("rules", (1, 1)), ("", (1, 1))],
)
def test_the_nearest_position_is_the_nearest_value_holding_it(
    pointer: str, at: tuple[int, int]
) -> None:
    """A pointer without a `/` (only a mistake in the code makes one) had looped for ever,
    its parent being itself (found by mutation testing): it is placed at the file's start."""
    values = {"/rules": (2, 3), "/rules/0/then": (3, 5)}
    assert nearest_position(values, {}, pointer, key=False) == at
