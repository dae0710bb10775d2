"""Example events that settle "does B imply A?" without a proof (engine.witness)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engine.lint.proofs
from bench.linttime import any_lists_plan
from engine.lint import lint_plan
from engine.logic import Atom, Both, Either, Node, implies
from engine.operators import OPERATOR_SEMANTICS, holds
from engine.regex import flags_scoped
from engine.witness import MAX_EXAMPLES, MAX_TRIES, Examples, failing, meets, pattern_example
from tests.test_lint import node_trees

FIELDS = ["rating", "channel", "customer", "customer.tier", "tags", "order.items.0"]
CONSTANTS = [0, 1, 2.5, 4, "a", "gold", "Gold", "late", "", True, None]


@st.composite
def atoms(draw: st.DrawFn) -> Atom:
    """Any test a plan may hold, on fields nested and not (values drawn loosely: a test no
    value passes is fine here)."""
    op = draw(st.sampled_from(sorted(OPERATOR_SEMANTICS)))
    if op in ("in", "not_in", "contains_any", "contains_all"):
        value: Any = tuple(draw(st.lists(st.sampled_from(CONSTANTS), min_size=1, max_size=3)))
    elif op == "between":
        value = tuple(
            sorted(draw(st.lists(st.sampled_from([0, 1, 2.5, 4]), min_size=2, max_size=2)))
        )
    elif op in ("exists", "missing"):
        value = draw(st.booleans())
    elif op in ("contains", "starts_with", "ends_with"):
        value = draw(st.sampled_from(["a", "gold", "late", ""]))
    elif op == "matches":
        value = draw(st.sampled_from(["^g", "te$", "a|b"]))
    else:
        value = draw(st.sampled_from(CONSTANTS))
    return Atom(
        draw(st.sampled_from(FIELDS)),
        op,
        value,
        ignore_case=draw(st.booleans()) if op in ("eq", "in", "contains", "starts_with") else False,
        negated=draw(st.booleans()) if op not in ("exists", "missing") else False,
    )


nodes = node_trees(atoms(), max_leaves=8)


@settings(max_examples=400, deadline=None)
@given(conjuncts=st.lists(nodes, min_size=1, max_size=4))
def test_every_example_meets_the_conjunction(conjuncts: list[Node]) -> None:
    for event in Examples(conjuncts).events():
        assert meets(conjuncts, event)


@settings(max_examples=600, deadline=None)
@given(
    given_=st.lists(nodes, min_size=1, max_size=3), wanted=st.lists(nodes, min_size=1, max_size=3)
)
def test_an_example_never_refutes_a_proved_implication(
    given_: list[Node], wanted: list[Node]
) -> None:
    """Lint skips the proof when an example refutes it: the two must never disagree."""
    if implies(given_, Both(tuple(wanted))):
        assert all(meets(wanted, event) for event in Examples(given_).events())
        assert Examples(given_).may_imply(wanted)


def _any(*items: Node) -> Either:
    return Either(items)


def _rule_of_three_lists(n: int) -> list[Node]:
    """A rule's conjunction as in the plan lint took 13 s over: three `any` lists of an
    equality, another, and a text test."""
    return [
        Atom("type", "in", ("review",)),
        *(
            _any(
                Atom("channel", "eq", f"c{(n + k) % 7}"),
                Atom("issue", "eq", f"i{(n * k) % 5}"),
                Atom("text", "contains", f"w{n}x{k}"),
            )
            for k in range(3)
        ),
    ]


def test_examples_take_one_alternative_of_each_any_list_that_can_hold_together() -> None:
    first = Examples(_rule_of_three_lists(1)).events()[0]
    # The lists ask channel c1, c2, c3 or issue i0, i1, i2 (or a text): the first way through
    # them that can hold takes c1 of the first, i1 of the second and the third's text.
    assert first == {"type": "review", "channel": "c1", "issue": "i1", "text": "w1x2"}
    assert Examples(_rule_of_three_lists(1)).may_imply(_rule_of_three_lists(1))
    assert not Examples(_rule_of_three_lists(2)).may_imply(_rule_of_three_lists(1))


def test_an_all_list_inside_an_any_list_holds_only_when_each_of_its_tests_does() -> None:
    """An `all` list survives in a rule's conjuncts only inside an `any` list: an event
    meeting one of its tests but not the other must not meet it, or an example would be kept
    that the rule does not match (found by mutation testing)."""
    gold, late = Atom("customer.tier", "eq", "gold"), Atom("text", "contains", "late")
    rule = [_any(Both((gold, late)), Atom("channel", "eq", "phone"))]
    assert meets(rule, {"customer": {"tier": "gold"}, "text": "late again"})
    for event in [{}, {"customer": {"tier": "gold"}}, {"text": "late again"}]:
        assert not meets(rule, event), event
    # and its example takes each of its tests
    assert Examples(rule).events() == (
        {"customer": {"tier": "gold"}, "text": "late"},
        {"channel": "phone"},
    )


def test_the_first_example_and_an_any_list_first_are_looked_at() -> None:
    """Examples of a rule whose only `any` list comes first are still made, and the first of
    them (`web`) is enough to show the rule does not imply `channel eq app` (found by mutation
    testing: a rule of one `any` list had been left to the proof, and the first example
    skipped)."""
    web, app = Atom("channel", "eq", "web"), Atom("channel", "eq", "app")
    assert Examples([_any(web, app)]).events() == ({"channel": "web"}, {"channel": "app"})
    assert not Examples([_any(web, app)]).may_imply([app])
    assert Examples([_any(web, app)]).may_imply([Atom("channel", "in", ("web", "app"))])


def test_an_any_list_inside_an_all_list_is_looked_for() -> None:
    """A conjunct of an `all` list holding an `any` list gets examples (each earlier rule is
    tried on them); one without an `any` list is left to the proof, which is quicker (found by
    mutation testing)."""
    web, app = Atom("channel", "eq", "web"), Atom("channel", "eq", "app")
    branching = Examples([Both((_any(web, app), Atom("rating", "lt", 3)))])
    assert not branching.may_imply([app])
    plain = Examples([Both((web, Atom("rating", "lt", 3)))])
    assert plain.may_imply([app])
    assert plain._events is None  # never made


def test_examples_are_at_most_max_examples_from_at_most_max_tries_ways() -> None:
    """Each earlier rule is tried on every example, and the ways through `any` lists
    multiply: both are bounded, exactly (found by mutation testing)."""
    channels = [Atom("channel", "eq", f"c{n}") for n in range(MAX_EXAMPLES + 2)]
    assert len(Examples([_any(*channels)]).events()) == MAX_EXAMPLES
    # ways whose tests contradict `rating gt 3` are tried too, and count
    dead = [Atom("rating", "lt", 2 - n) for n in range(MAX_TRIES - 1)]
    live = [Atom("rating", "gt", 3), _any(*dead, Atom("rating", "eq", 5))]
    assert Examples(live).events() == ({"rating": 5},)
    past = [
        Atom("rating", "gt", 3),
        _any(*dead, Atom("rating", "lt", -99), Atom("rating", "eq", 5)),
    ]
    assert Examples(past).events() == ()


def test_an_event_meeting_each_test_chosen_but_not_the_rule_is_no_example() -> None:
    """`customer missing` and `customer.tier eq gold` each pass their own value, and no event
    meets both: none is given (found by mutation testing)."""
    tests = [Atom("customer", "missing", True), Atom("customer.tier", "eq", "gold")]
    assert Examples(tests).events() == ()


def test_a_texts_example_holds_its_start_the_texts_it_contains_and_its_end() -> None:
    """`starts_with`, `contains` and `ends_with` on one field: one text meets all three (found
    by mutation testing: a start or an end left out gave no example)."""
    tests = [
        Atom("text", "starts_with", "vip"),
        Atom("text", "contains", "nut"),
        Atom("text", "ends_with", "!"),
    ]
    assert Examples(tests).events()[0] == {"text": "vipnut!"}


def test_a_text_holds_every_text_of_contains_all_and_the_first_of_contains_any() -> None:
    """(found by mutation testing: the two had been taken the other way round, and
    `contains_all` got no example)"""
    every = Examples([Atom("text", "contains_all", ("late", "cold"))]).events()
    assert every[0] == {"text": "latecold"}
    one = Examples([Atom("text", "contains_any", ("late", "cold"))]).events()
    assert one[0] == {"text": "late"}


def test_a_number_half_a_step_above_a_bound_is_tried() -> None:
    """Above 3 and not 4 or more: 3.5, drawn from the bound 3 (a `not` test gives no value
    of its own; found by mutation testing)."""
    tests = [Atom("rating", "gt", 3), Atom("rating", "gte", 4, negated=True)]
    assert Examples(tests).events() == ({"rating": 3.5},)


def test_the_middle_of_a_between_is_tried() -> None:
    """Between 2 and 2.2, neither end: 2.1. Text ends give no number, and no error (found by
    mutation testing)."""
    tests = [Atom("rating", "between", (2, 2.2)), Atom("rating", "in", (2, 2.2), negated=True)]
    assert Examples(tests).events() == ({"rating": 2.1},)
    assert Examples([Atom("rating", "between", ("a", "z"))]).events()[0] == {"rating": "x"}
    assert Examples([Atom("rating", "between", ("a", 3))]).events() == ()


def test_a_list_is_tried_for_a_test_of_a_number_it_contains() -> None:
    """No text holds the number 5: the list `[5]` is tried instead, and nothing fails on
    joining a number as a text (found by mutation testing)."""
    assert Examples([Atom("tags", "contains", 5)]).events()[0] == {"tags": [5]}
    tests = [Atom("tags", "contains", 5), Atom("tags", "contains", "late")]
    assert Examples(tests).events()[0] == {"tags": [5, "late"]}


def test_an_empty_group_is_tried_where_no_text_number_or_list_passes() -> None:
    """A field that must be there but is no text, list, number or yes/no: only a group
    (`{}`) passes, and it is tried (found by mutation testing)."""
    tests = [
        Atom("customer", "exists", True),
        Atom("customer", "contains_all", (), negated=True),  # every text and list contains ()
        Atom("customer", "gte", -99, negated=True),
        Atom("customer", "in", (True, False), negated=True),
    ]
    assert Examples(tests).events() == ({"customer": {}},)


def test_examples_fill_nested_fields_and_give_up_on_a_field_in_the_way() -> None:
    nested = [Atom("customer.tier", "eq", "gold"), Atom("customer.lifetime_value", "gt", 100)]
    [event, *_] = Examples(nested).events()
    assert event == {"customer": {"tier": "gold", "lifetime_value": 101}}
    # a field's value is drawn from its tests in the order the rule gives them
    between = [Atom("rating", "gt", 3), Atom("rating", "lt", 10)]
    assert Examples(between).events()[0] == {"rating": 4}
    assert Examples(between[::-1]).events()[0] == {"rating": 9}
    in_the_way = [Atom("customer", "eq", "x"), Atom("customer.tier", "eq", "gold")]
    assert Examples(in_the_way).events() == ()
    assert Examples(in_the_way[::-1]).events() == ()
    # a test of the group itself is tried on the group its fields make, in either order
    group = [Atom("customer", "exists", True), Atom("customer.tier", "eq", "gold")]
    assert Examples(group).events()[0] == {"customer": {"tier": "gold"}}
    assert Examples(group[::-1]).events()[0] == {"customer": {"tier": "gold"}}
    deeper = [Atom("order", "exists", True), Atom("order.item.sku", "eq", "A1")]
    assert Examples(deeper).events()[0] == {"order": {"item": {"sku": "A1"}}}
    assert Examples(in_the_way).may_imply([Atom("rating", "eq", 1)])  # nothing refutes it


def test_a_test_no_value_passes_gives_no_example() -> None:
    assert Examples([Atom("rating", "gt", 3), Atom("rating", "lt", 2)]).events() == ()


def _plan_of_three_lists(tmp_path: Path, count: int) -> Path:
    """The bench's plan of three `any` lists a rule (``bench.linttime``), and a fallback."""
    path = tmp_path / "plan.yaml"
    path.write_text(
        any_lists_plan(count)
        + "  - {id: fb, title: fb, fallback: true, then: [{escalate: {to: lead}}]}\n",
        encoding="utf-8",
    )
    return path


def test_shadowed_rule_tries_no_proof_an_example_settles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each pair of such rules took up to 64 steps of a failing proof (13 s for 200 rules);
    an example of the later rule that the earlier one misses settles every pair here."""
    proofs: list[object] = []

    def counted(given_: Any, wanted: Any) -> bool:
        proofs.append(wanted)
        return implies(given_, wanted)

    monkeypatch.setattr(engine.lint.proofs, "implies", counted)
    found = lint_plan(_plan_of_three_lists(tmp_path, 30))
    assert [d.code for d in found] == []
    assert proofs == []


def test_a_rule_an_example_cannot_refute_is_still_proved_shadowed(tmp_path: Path) -> None:
    path = _plan_of_three_lists(tmp_path, 3)
    text = path.read_text(encoding="utf-8")
    copy = text.splitlines()[3].replace("id: r0, title: r0", "id: again, title: again")
    path.write_text(text.replace("  - {id: fb", copy + "\n  - {id: fb"), encoding="utf-8")
    codes = {(d.code, d.message.split(":")[0]) for d in lint_plan(path)}
    assert ("shadowed-rule", "rule `again` can never fire") in codes


def test_a_rule_of_a_thousand_any_lists_gets_examples() -> None:
    """Walked by recursion, the ways through 1,000 `any` lists ran out of Python's stack, and
    lint of such a plan failed (found by review)."""
    lists = [_any(Atom(f"f{n}", "eq", "a"), Atom(f"g{n}", "eq", "b")) for n in range(1000)]
    [first, *_] = Examples([Atom("channel", "eq", "web"), *lists]).events()
    assert first == {"channel": "web", **{f"f{n}": "a" for n in range(1000)}}


def test_a_conjunction_without_any_list_is_left_to_the_proof() -> None:
    """Without an `any` list the proof reasons by no cases and is quicker than the examples:
    none are made (a plan of 1,000 `matches` rules took three times as long to lint)."""
    plain = Examples([Atom("channel", "eq", "web")])
    assert plain.may_imply([Atom("channel", "eq", "mail")])
    assert plain._events is None  # never made


def test_a_pattern_is_compiled_once_for_every_test_of_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lint tries each earlier rule's `matches` on each later rule's examples: compiled on
    each call, a plan of 1,000 such rules took 34 s to lint, against 3 s before examples."""
    import engine.operators

    compiled: list[str] = []
    real = engine.operators.compile_regex

    def counted(pattern: str, *, ignore_case: bool = False) -> Any:
        compiled.append(pattern)
        return real(pattern, ignore_case=ignore_case)

    engine.operators._compiled.cache_clear()
    monkeypatch.setattr(engine.operators, "compile_regex", counted)
    test = Atom("text", "matches", "^r[ae]d$")
    assert [test.passes(t) for t in ("red", "rad", "rid", "red")] == [True, True, False, True]
    assert compiled == ["^r[ae]d$"]


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("(?i)vip", "vip"),
        (r"\b(rude|impolite)\b", "rude"),
        ("[^a-z]{2,}x?", "00"),
        (r"\d+\s\W.", "0  a"),
        ("^(?:a|b)+?$", "a"),
        ("[^a0 A.]", "-"),
        ("[^ -a]", "x"),  # a range holds its ends
        (r"[\d_]", "0"),
        # a class of none of the characters tried first gives its own first (found by review)
        ("[éèê]", "é"),
        ("[а-я]+", "а"),
        # RE2's Unicode classes, which Python's reader refuses, as one character of each
        (r"^\p{Lu}", "A"),
        (r"\pL{3}", "aaa"),
        (r"\p{Greek}", "α"),
        (r"[\PL]", "0"),
        (r"\\pL", "\\pL"),  # a backslash, then `pL`: no class
        # a class as RE2 reads it, of any script or category: none of these had an example,
        # and a stop rule of one was not told before an escalating rule (found by review)
        (r"\p{Cherokee}", "Ꭰ"),
        (r"\p{Lt}+", "ǅ"),
        (r"[^\P{Lu}]", "A"),
        (r"[^\p{L}\p{N}\s]", "."),
        (r"[^a0 A.\-_x]", "["),  # (the class's own characters are tried)
        (r"[\x{13A0}-\x{13F4}]\x{e9}", "Ꭰé"),
        (r"[\p{Greek}&&\p{Lu}]", "A"),  # (RE2 has no `&&`: the characters `&`, a union)
        # flags after other text, which RE2 accepts and Python's reader refuses: they apply
        # to the end of their group, in each of its alternatives (found by review)
        ("a(?i)b", "ab"),
        ("[^A-Z](?i)[^a-z]", "a0"),
        ("(x(?s).|y)z", "xaz"),
        ("x|a(?i)b|c", "x"),
        ("a(?U)b+?", "ab"),  # (RE2's `U`, which Python has not)
    ],
)
def test_a_pattern_example_is_each_parts_shortest_text(pattern: str, text: str) -> None:
    assert pattern_example(pattern) == text


@pytest.mark.parametrize(
    ("pattern", "scoped"),
    [
        ("a(?i)b", "a(?i:b)"),
        ("(?i)a", "(?i:a)"),
        ("(a(?i)b)c", "(a(?i:b))c"),
        ("a(?i)b|c|d", "a(?i:b)|(?i:c)|(?i:d)"),  # to the end of its group, in each alternative
        ("(a(?i)b|c)|d", "(a(?i:b)|(?i:c))|d"),
        ("a(?i)b(?s)c|d", "a(?i:b(?s:c))|(?i:(?s:d))"),
        ("(?i)a(b(?s)c|d)e|f", "(?i:a(b(?s:c)|(?s:d))e)|(?i:f)"),
        ("a(?s-i)b", "a(?s-i:b)"),
        ("a(?-i)b", "a(?-i:b)"),
        ("a(?U)b", "a(?:b)"),  # (RE2's `U`, which Python has not)
        ("a(?iU-sU)b", "a(?i-s:b)"),
        ("a(?i:b)c", "a(?i:b)c"),  # a group of its flags already
        (r"\(?i)a[(?i)]\Q(?i)\E", r"\(?i)a[(?i)]\Q(?i)\E"),  # escaped, in a class, quoted
        ("(a(?i)b", "(a(?i:b"),  # (a group never closed: RE2 refuses it)
        ("a)(?i)b", "a)(?i:b)"),  # (a `)` closing none: RE2 refuses it)
    ],
)
def test_flags_after_the_start_are_scoped_as_re2_reads_them(pattern: str, scoped: str) -> None:
    assert flags_scoped(pattern) == scoped


@pytest.mark.parametrize("pattern", [r"[^\x00-\x{10FFFF}]", "(?=a)b", r"(a)\1", "(?P<x", "[a"])
def test_a_pattern_python_cannot_give_a_text_for_has_no_example(pattern: str) -> None:
    """(A class of no character, or a pattern RE2 or Python's reader refuses.)"""
    assert pattern_example(pattern) is None


def test_two_patterns_on_one_field_are_met_by_their_texts_joined() -> None:
    """In either order: a pattern anchored at the start finds its text first."""
    for first, second in [("(?i)\\bvip\\b", "allerg"), ("allerg", "^vip")]:
        tests = [Atom("text", "matches", first), Atom("text", "matches", second)]
        [event, *_] = Examples(tests).events()
        assert meets(tests, event), event
    anchored = [Atom("text", "matches", "^vip"), Atom("text", "matches", "^allerg")]
    assert Examples(anchored).events() == ()


@pytest.mark.parametrize(
    ("tests", "text"),
    [
        ([Atom("text", "matches", "^refund"), Atom("text", "contains", "late")], "refund late"),
        ([Atom("text", "matches", "^refund$"), Atom("text", "matches", "^refund")], "refund"),
        ([Atom("text", "matches", "^refund"), Atom("text", "starts_with", "ref")], "refund"),
        (
            [
                Atom("text", "matches", "^refund"),
                Atom("text", "matches", "late$"),
                Atom("text", "contains", "order"),
            ],
            "refund order late",
        ),
        # (and after the start the text must have)
        ([Atom("text", "starts_with", "refund"), Atom("text", "matches", "late$")], "refund late"),
    ],
)
def test_a_pattern_anchored_at_the_start_is_met_beside_the_fields_other_tests(
    tests: list[Atom], text: str
) -> None:
    """A pattern's text first, or alone: the texts of the other tests had always come first,
    and `^refund` beside `contains: late` got no example (found by review)."""
    assert Examples(tests).events()[0] == {"text": text}


def test_failing_sets_the_field_to_values_the_test_refuses_in_a_copy() -> None:
    """What a `not` test leaves out, set in a copy of the example (its groups copied too)."""
    event: dict[str, Any] = {"customer": {"tier": "vip"}, "store": "S2"}
    not_s1 = Atom("store", "eq", "S1", negated=True)
    assert list(failing(event, not_s1, [])) == [{"customer": {"tier": "vip"}, "store": "S1"}]
    not_c1 = Atom("customer.id", "in", ("c1", "c2"), negated=True)
    assert [e["customer"] for e in failing(event, not_c1, [])] == [
        {"tier": "vip", "id": "c1"},
        {"tier": "vip", "id": "c2"},
    ]
    refused = [e.get("store", "-") for e in failing(event, Atom("store", "ne", "S2"), [])]
    assert refused == ["S2", "-", [], None]  # its own value, removed (MISSING), then others
    nested = {"customer": {"tier": "vip", "id": "c1"}}
    [left_out, *_] = failing(nested, Atom("customer.id", "exists", True), [])
    assert left_out == {"customer": {"tier": "vip"}}
    assert nested == {"customer": {"tier": "vip", "id": "c1"}}
    assert event == {"customer": {"tier": "vip"}, "store": "S2"}
    # only those still meeting what is wanted; none where another field's value is in the way
    wanted = [Atom("store", "ne", "S1")]
    assert [e["store"] for e in failing(event, Atom("store", "eq", "S2"), wanted)] == [""]
    assert (
        list(failing({"customer": "x"}, Atom("customer.tier", "eq", "a", negated=True), [])) == []
    )


def test_failing_tries_a_few_values_only() -> None:
    gt = Atom("rating", "gt", 4)  # refused: none, 4, 3, 3.5, then the plain values
    assert [e.get("rating", "-") for e in failing({}, gt, [])] == ["-", 4, 3, 3.5]


def test_a_rule_of_one_pattern_gets_the_patterns_text() -> None:
    """(Lint had made no example of a `matches` test: no value it tried was one.)"""
    assert Examples([Atom("text", "matches", "(?i)\\bvip\\b")]).events()[0] == {"text": "vip"}


def test_a_pattern_python_warns_of_gives_no_warning_to_the_user() -> None:
    """Python's reader warns of `[[:` ("possible nested set"), which RE2 reads as a class of
    letters: the warning is not to reach `backplan lint`'s standard error. (The class is now
    written out as RE2 reads it, a letter; Python's reading had given `a]`, which RE2 then
    refused.)"""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert pattern_example("[[:alpha:]]+ lint") == "a lint"


@pytest.mark.parametrize("fault", [ImportError, AttributeError])
def test_a_python_without_the_pattern_reader_gives_no_pattern_example(
    monkeypatch: pytest.MonkeyPatch, fault: type[Exception]
) -> None:
    """``re._parser`` is Python's own module, not a promise: where a later Python moves it
    (ImportError) or renames what lint reads of it (AttributeError), a pattern gets no
    example, and lint tells less instead of failing."""
    import engine.witness

    def gone() -> Any:
        raise fault("re._parser")

    monkeypatch.setattr(engine.witness, "_parser", gone)
    pattern_example.cache_clear()
    try:
        assert pattern_example("(?i)allerg") is None
    finally:
        pattern_example.cache_clear()
    monkeypatch.undo()
    assert pattern_example("(?i)allerg") == "allerg"


@pytest.mark.parametrize("op", ["in", "not_in"])
@pytest.mark.parametrize("value", ["Zu\u0308rich", "Z\u00fcrich", "\u212a7", "K7", "Bern", 7])
def test_a_value_passes_a_listed_test_as_the_reference_reads_it(op: str, value: Any) -> None:
    """Lint's examples are judged by Atom.passes, which looks a value up in an `in` list's set
    rather than asking engine.operators.holds: as written, so a text an example joined of a
    test's texts (`e`, then an accent) failed `in: [é]` where every test reads it composed,
    and the example refuted a proof that holds. It answers as holds, written either way."""
    atom = Atom("store", op, ("Z\u00fcrich", "K7", 7))
    assert atom.passes(value) is holds(op, value, atom.value, False)
