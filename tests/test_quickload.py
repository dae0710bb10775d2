"""The fast reader must never say anything the careful loader would not.

``engine.quickload`` reads plan files with ryaml (libyaml translated to Rust) and vouches for
the data only when the careful loader (``engine.loading.load_yaml``) would make the very same
data; otherwise it declines and the careful loader reads the file. These tests hold it to that:
on generated documents (plain scalars of every shape, quoted text, nesting, flow and block
style) whatever it accepts the careful loader accepts with equal data, values of the same types
included; on the known differences between the two parsers it declines; and a plan it reads
has exactly the locations the careful loader gives, found when first read.
"""

from __future__ import annotations

import json
import math
import re
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.workload import make_plan, plan_yaml
from engine.api import read_plan
from engine.checks import plan_actions, plan_conditions, walk
from engine.errors import PlanError, SourceLocation
from engine.loading import load_yaml
from engine.model import PlanModel
from engine.planfile import build_model, find_plan_files, read_documents
from engine.quickload import _starts_binary, quick_load
from engine.resources import starter_plan_dir
from engine.yamlpositions import StreamedPositions


def same(a: Any, b: Any) -> bool:
    """Equal data, kinds included: 1 is not 1.0 is not true, as the fingerprint sees them."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def careful(text: str) -> Any:
    """The careful loader's data, or the code of its first problem."""
    try:
        return load_yaml(text, "plan.yaml").data
    except PlanError as error:
        return error.diagnostics[0].code


def assert_never_disagrees(text: str) -> bool:
    """Whatever the fast reader vouches for, the careful loader reads the same; True if it did."""
    quick = quick_load(text, "plan.yaml")
    if quick is None:
        return False
    expected = careful(text)
    assert not isinstance(expected, str), f"careful loader refuses ({expected}): {text!r}"
    assert same(quick.data, expected), f"{quick.data!r} != {expected!r} for {text!r}"
    return True


# --- generated documents ----------------------------------------------------------------------

PLAIN_TOKENS = st.text(alphabet="0123456789+-._eExXoObBaAfFiInNlLuUsStTrR~:", max_size=8).map(
    str.strip
)
TRICKY = (
    "on yes no null Null ~ true False 12 012 0x1F 0o17 1e3 1_000 .5 5. -0 +1 .inf .NaN 1e999 0b1 "
    "-0x1 review S0705 Sorry! R&D #x é 😀"
)
"""Scalars the two readers could disagree on, separated by spaces."""
WORDS = st.one_of(
    st.sampled_from(TRICKY.split()),
    st.sampled_from(["Q & A", "a: b", "x #y", "", " ", "'", '"', "\\", "\t"]),
)
TEXTS = st.one_of(WORDS, st.text(max_size=12), PLAIN_TOKENS)


class Raw(str):
    """Text to write into the document unquoted, exactly as it is."""


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.integers(-(2**200), 2**200),  # beyond 128 bits ryaml reads a whole number as a float
    st.floats(allow_nan=False, allow_infinity=False),
    TEXTS,
    PLAIN_TOKENS.filter(bool).map(Raw),
    WORDS.filter(lambda w: w.strip() == w and w not in ("", "'", '"', "#x")).map(Raw),
)
KEYS = st.one_of(st.sampled_from(["id", "when", "all", "field", "eq", "x-a", "1", "true"]), TEXTS)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, min_size=1, max_size=4)
    ),
    max_leaves=20,
)


def scalar(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    return json.dumps(value)


def block(value: Any, indent: int) -> list[str]:
    """Block-style YAML lines for a mapping or list (flow style for what is inside lists)."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            head = f"{pad}{scalar(key)}:"
            if isinstance(item, (dict, list)) and item:
                lines.append(head)
                lines.extend(block(item, indent + 2))
            else:
                lines.append(f"{head} {flow(item)}")
    else:
        lines.extend(f"{pad}- {flow(item)}" for item in value)
    return lines


def flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=5), st.booleans())
def test_what_the_fast_reader_vouches_for_the_careful_loader_reads_alike(
    document: dict[str, Any], as_flow: bool
) -> None:
    text = (flow(document) if as_flow else "\n".join(block(document, 0))) + "\n"
    assert_never_disagrees(text)


@settings(max_examples=300, deadline=None)
@given(PLAIN_TOKENS, st.sampled_from(["k: {}\n", "- {}\n", "k: [{}]\n", "{{k: {}}}\n"]))
def test_every_plain_scalar_is_read_alike_or_declined(token: str, shape: str) -> None:
    assert_never_disagrees(shape.format(token))


# --- the known differences: declined ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "k: !!python/object:os.system x\n",  # a tag: the careful loader refuses it
        "k: !custom x\n",
        "k: ! x\n",
        "k: !!int '12'\n",
        "a: &x {b: 1}\nc: *x\n",  # anchors and aliases: budgeted by the careful loader
        "k: 0b101\n",  # binary: a number to ryaml, text in YAML 1.2
        "k: -0b101\n",
        "k: [x, +0B1]\n",
        "- 0b1\n",
        "k: {a: 0b1}\n",
        "k: '0b1'\n",  # quoted: text to both, but the check does not read quotes
        "k: -0x1F\n",
        "k: +0o17\n",
        "k: 012\n",  # a number in YAML 1.2, text to ryaml
        "k: '012'\n",  # the same text quoted: cannot be told apart, so declined too
        "k: 1e999\n",  # not a finite number
        "k: .inf\n",
        "k: .NaN\n",
        "k: 1e-400\n",  # not 0, but read as 0.0: the careful loader refuses it
        "k: [-2.5E-999]\n",
        "k: 1.5e-0400\n",
        "k: 0." + "0" * 330 + "1\n",  # as close to 0 without an exponent
        "1: x\n",  # keys the careful loader reads as text
        "true: x\n",
        "~: x\n",
        '"": x\n',  # an empty key, which the careful loader refuses
        "k: {'': x}\n",
        "a: 1\na: 2\n",  # a duplicate key
        "a: [1, 2\n",  # a syntax error
        "a: 1\n---\nb: 2\n",  # two documents
        "- a\n- b\n",  # not a mapping
        "",
        "# only a comment\n",
        "k: " + "[" * 70 + "]" * 70 + "\n",  # deeper than MAX_DEPTH
        "".join(" " * level + "k:\n" for level in range(70)) + " " * 70 + "k: 1\n",  # by indent
        "k: 99999999999999999999999\n",  # beyond 64 bits
        "k: " + "1" * 45 + "\n",  # beyond 128 bits: a float to ryaml, refused by the careful one
        "k: [-" + "9" * 40 + "]\n",
    ],
)
def test_the_fast_reader_declines_what_it_cannot_vouch_for(text: str) -> None:
    assert quick_load(text, "plan.yaml") is None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(KEYS, VALUES, min_size=1, max_size=5),
    st.booleans(),
    st.randoms(use_true_random=False),
)
def test_positions_read_off_the_events_are_the_careful_loaders(
    document: dict[str, Any], as_flow: bool, order: Any
) -> None:
    """Every value's and key's place, and the place given for a value that is not there (its
    nearest enclosing value's), asked in any order of a file the fast reader vouches for."""
    text = (flow(document) if as_flow else "\n".join(block(document, 0))) + "\n"
    if quick_load(text, "plan.yaml") is None:
        return
    expected = load_yaml(text, "plan.yaml")
    asked = [(p, False) for p in expected.positions] + [(p, True) for p in expected.key_positions]
    asked += [(p + "/0", False) for p in expected.positions] + [("/nowhere/1", True)]
    order.shuffle(asked)
    streamed = StreamedPositions(text)
    for pointer, key in asked:
        at = expected.locate(pointer, key=key)
        assert streamed.find(pointer, key) == (at.line, at.column), (pointer, key, text)


def test_a_location_early_in_a_large_file_reads_only_its_start() -> None:
    """The careful loader read the whole file for the first location (10 s for 4 MB)."""
    rules = "".join(f"  - {{id: r{n}, title: T}}\n" for n in range(2000))
    streamed = StreamedPositions("rules:\n" + rules)
    read: list[Any] = []
    parser = streamed._parser

    class Counting:
        def get_event(self) -> Any:
            event = parser.get_event()
            read.append(event)
            return event

    streamed._parser = Counting()
    assert streamed.find("/rules/2/title", key=True) == (4, 14)
    assert streamed.find("/rules/2/nowhere", key=False) == (4, 5)
    assert len(read) < 30  # of the 10,000 events of the file
    assert streamed.find("/rules/1999/id", key=False) == (2001, 10)
    assert streamed.find("/rules/2000", key=False) == (2, 3)  # past the last: the list
    assert len(read) > 10_000


def test_the_parser_is_let_go_once_the_document_is_read() -> None:
    """A question read to the end of the document's mapping (a key it does not hold) leaves
    nothing to read: the parser, and the copy of the file's text it holds, are let go. The
    stream stopped at the mapping's end, one event short of the stream's, and kept them as
    long as the plan (2.7 MB for a plan of 100,000 short rules)."""
    streamed = StreamedPositions("a: 1\nb: [x, {c: d}]\n")
    assert streamed.find("/b/1/c", key=True) == (2, 9)
    assert streamed._parser is not None  # paused inside the document: more may be asked
    assert streamed.find("/nowhere", key=True) == (1, 1)
    assert streamed._parser is None
    assert not streamed.failed
    assert streamed.find("/b/1", key=False) == (2, 8)
    assert streamed.find("/a", key=True) == (1, 1)


def test_a_second_document_gives_no_position() -> None:
    """(The fast reader never vouches for one.) The careful loader refuses a file of two
    documents, so positions read past the first have none; the first's end had been read as
    the end of everything, and a key of the second was placed at the first's start."""
    text = "a: 1\n---\nb: 2\n"
    with pytest.raises(PlanError):
        load_yaml(text, "plan.yaml")
    assert StreamedPositions(text).find("/b", key=False) == (0, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("k: '12'\n", {"k": "12"}),  # unquoted 12 is a number to both: so this was quoted
        ("k: 'true'\n", {"k": "true"}),
        ("k: yes\n", {"k": "yes"}),  # YAML 1.2: text, not true
        ("k: on\n", {"k": "on"}),
        ("k: 1:30\n", {"k": "1:30"}),
        ("k: 0x1F\n", {"k": 31}),
        ("k: 0o17\n", {"k": 15}),
        ("k: 1e3\n", {"k": 1000.0}),
        ("k: Sorry, we are on it!\n", {"k": "Sorry, we are on it!"}),
        ("k: R&D and Q & A\n", {"k": "R&D and Q & A"}),
        ("k: ~\nl: null\nm:\n", {"k": None, "l": None, "m": None}),
    ],
)
def test_the_fast_reader_reads_plain_plans_as_the_careful_loader_does(
    text: str, expected: dict[str, Any]
) -> None:
    quick = quick_load(text, "plan.yaml")
    assert quick is not None
    assert same(quick.data, expected)
    assert same(careful(text), expected)


# --- whole plans ------------------------------------------------------------------------------


def every_location(model: PlanModel) -> list[SourceLocation]:
    """The location of every node of the model, in a fixed order."""
    found = [model.settings.at]
    for _, tree in plan_conditions(model):
        found.extend(node.at for node in walk(tree))
    found.extend(rule.at for rule in model.rules)
    found.extend(action.at for _, action in plan_actions(model))
    return found


@pytest.mark.parametrize("plan", ["starter", "generated"])
def test_a_plan_read_fast_has_the_careful_loaders_locations(plan: str, tmp_path: Path) -> None:
    if plan == "starter":
        files = find_plan_files([starter_plan_dir()]).files
    else:
        path = tmp_path / "plan.yaml"
        path.write_text(plan_yaml(make_plan(60, seed=3)), encoding="utf-8")
        files = [path]
    documents = read_documents(files)
    assert all(d.finder is not None for d in documents)  # every file was read fast

    fast = read_plan(files)
    carefully = [load_yaml(path.read_text(encoding="utf-8"), str(path)) for path in files]
    assert [d.data for d in documents] == [d.data for d in carefully]
    model, problems = build_model(carefully)
    assert problems == [] and model is not None
    expected = every_location(model)
    found = every_location(fast)
    assert [(a.path, a.line, a.column, a.pointer) for a in found] == [
        (e.path, e.line, e.column, e.pointer) for e in expected
    ]
    assert found == expected


def test_a_file_the_schema_refuses_is_read_again_with_positions(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("backplan: 1\nplan: {name: A, currency: usd}\nrules: []\n", encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        read_documents([path])
    [problem] = caught.value.diagnostics
    assert (problem.source.line, problem.source.column) == (2, 27)


def test_without_ryaml_every_file_is_read_carefully(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import engine.quickload

    monkeypatch.setattr(engine.quickload, "_native_loads", None)
    path = tmp_path / "plan.yaml"
    path.write_text(plan_yaml(make_plan(5, seed=1)), encoding="utf-8")
    assert quick_load(path.read_text(encoding="utf-8"), str(path)) is None
    [document] = read_documents([path])
    assert document.finder is None and document.positions


@pytest.mark.parametrize("text", ["k: 0.0\n", "k: [0.0, -0.0, 1e-99]\n", "m: e-mail\n"])
def test_zero_and_small_numbers_keep_the_fast_reader(text: str) -> None:
    # Any float 0 was declined (it might have been written 1e-400): one `lte: 0.0` made a
    # 3,000-rule plan load three to four times slower.
    assert quick_load(text, "plan.yaml") is not None


def test_generated_plans_are_read_fast() -> None:
    """The fast path is the common one: the bench's plans never need the careful loader."""
    for seed in range(5):
        text = plan_yaml(make_plan(40, seed=seed))
        assert assert_never_disagrees(text)


def test_plain_tokens_cover_the_number_shapes() -> None:
    """The alphabet of generated plain scalars holds every character of the core schema's
    numbers, booleans and null, so the property test can reach all of them."""
    needed = set(string.digits) | set("+-.eExXoO_~") | set("aAfFiInNlLuUsStTrR")
    assert needed <= set("0123456789+-._eExXoObBaAfFiInNlLuUsStTrR~:")


@pytest.mark.parametrize("text", ["k: a0b3\n", "k: x-0b1\n", "k: 10b\n", "id: r_0b\n"])
def test_a_0b_inside_a_longer_scalar_keeps_the_fast_reader(text: str) -> None:
    # An id like `a0b3` once sent a whole plan to the careful loader (4 s instead of 0.7 s for
    # 10,000 rules); such a scalar is text to both readers.
    quick = quick_load(text, "plan.yaml")
    assert quick is not None
    assert quick.data == careful(text)


@pytest.mark.parametrize("text", ["k: é0b1\n", "k: x\u00a00b1\n"])
def test_a_0b_after_a_letter_beyond_ascii_is_declined_on_purpose(text: str) -> None:
    # The check knows only ASCII letters and digits glue a 0b into a longer scalar; after any
    # other character it declines, which costs the slow path and never a wrong value.
    assert quick_load(text, "plan.yaml") is None


LOOKBEHIND_BINARY_START = re.compile(r"(?<![0-9A-Za-z_+-])0[bB]|(?<![0-9A-Za-z_])[-+]0[bB]")
"""The definition ``_starts_binary`` replaced (tried at every position, so 0.28 s on a 5.5 MB
plan): a ``0b`` not glued to a letter, digit or underscore before it, or to one before a sign."""


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="0bB+-_aZ9 \n:é", max_size=12))
def test_a_binary_start_is_found_where_the_lookbehind_expression_finds_it(text: str) -> None:
    assert _starts_binary(text) is (LOOKBEHIND_BINARY_START.search(text) is not None)


def test_brackets_opened_past_the_depth_limit_are_never_given_to_ryaml(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ryaml's time grows with the square of the nesting of brackets (36 s for one line of
    100,000 levels), where the careful loader stops at the level past MAX_DEPTH: such text is
    declined before ryaml sees it, whatever opens and closes between the levels."""
    from engine import quickload
    from engine.documents import MAX_DEPTH

    asked: list[str] = []

    def native(text: str) -> Any:
        asked.append(text)
        return {"k": 1}

    monkeypatch.setattr(quickload, "_native_loads", native)
    deep = "k: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"
    unclosed = "k: " + "{a: [" * (MAX_DEPTH // 2 + 1) + "\n"
    in_quotes = 'k: "' + "{" * (MAX_DEPTH + 1) + 'é"\n'  # declined too: read carefully
    between = "k: " + "[[], " * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"  # closed, nested
    for text in (deep, unclosed, in_quotes, between):
        assert quick_load(text, "plan.yaml") is None
    assert asked == []
    as_deep_as_allowed = "k: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    side_by_side = "k: " + "[]" * (10 * MAX_DEPTH) + "\n"
    for text in (as_deep_as_allowed, side_by_side):
        quick_load(text, "plan.yaml")
    assert asked == [as_deep_as_allowed, side_by_side]


def test_a_fault_asking_how_a_value_reads_unquoted_declines_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whether `'17'` could have been written unquoted is asked of ryaml itself (quickload's
    _ambiguous); a fault there declines the fast reader (the careful loader reads the file),
    never reaches the manager as a traceback."""
    from engine import quickload

    real = quickload._native_loads
    assert real is not None

    def faulty(text: str) -> Any:
        if text == "k: 17\n":
            raise RuntimeError("ryaml failed")
        return real(text)

    monkeypatch.setattr(quickload, "_native_loads", faulty)
    monkeypatch.setattr(quickload, "_plain_reading", {})
    assert quick_load("a: '17'\n", "plan.yaml") is None
    assert quick_load("a: x\n", "plan.yaml") is not None  # the rest still read fast
