"""How plan constants read inside sentences (explain, lint, render)."""

from __future__ import annotations

import pytest

from engine.wording import negated_requirement, predicate, requirement, show_list, show_value


@pytest.mark.parametrize(
    ("op", "const", "said"),
    [
        ("lte", "two", '"two" or less'),  # a bare word there reads like the number 2
        ("gt", "b", 'more than "b"'),
        ("between", ["a", "m"], 'between "a" and "m"'),
        ("lte", "2", '"2" or less'),
        ("lte", 2, "2 or less"),
        ("between", [1, 2.5], "between 1 and 2.5"),
        ("eq", "gold", "gold"),  # a word on its own stays bare
    ],
)
def test_text_compared_by_order_is_quoted(op: str, const: object, said: str) -> None:
    assert requirement(op, const) == said


@pytest.mark.parametrize(
    ("op", "const", "said"),
    [
        ("ne", "gold", "text other than gold"),
        ("ne", 2, "a number other than 2"),
        ("ne", True, "false"),  # the one other value of its kind
        ("not_in", ["a", "b"], "text other than a or b"),
        ("not_in", [1, "a", None], "a number or text other than 1 or a"),  # null: no kind
        ("not_in", [True, 1], "false, or a number other than 1"),
        ("not_in", [True, False], "nothing (no value passes this test)"),
        ("not_in", [None], "nothing (no value passes this test)"),
    ],
)
def test_ne_and_not_in_ask_for_a_value_of_their_kind(op: str, const: object, said: str) -> None:
    """Not "anything but gold": `ne` and `not_in` are false for no value and for a value of
    another kind, which `not: {eq: gold}` is worded "anything but gold" for and holds for."""
    assert requirement(op, const) == said
    assert predicate("tier", op, const) == f"tier is {said}"


def test_a_negated_order_comparison_of_text_is_quoted_too() -> None:
    assert negated_requirement("lt", "two") == 'anything but text that is less than "two"'


@pytest.mark.parametrize(
    ("op", "const", "said"),
    [
        ("ne", "main", "main, or no value, or a value that is not text"),
        ("ne", 2, "2, or no value, or a value that is not a number"),
        ("ne", None, "anything"),  # `ne: null` never holds
        ("not_in", ["a", "b"], "one of a or b, or no value, or a value that is not text"),
        ("not_in", [1, "a"], "one of 1 or a, or no value, or a value that is not a number or text"),
        ("not_in", [None], "anything"),
        ("eq", "gold", "anything but gold"),
        ("in", ["a", "b"], "anything but one of a or b"),
        ("lte", 2, "anything but a number that is 2 or less"),
        ("gt", 2.5, "anything but a number that is more than 2.5"),
        ("between", [1, 5], "anything but a number that is between 1 and 5"),
        ("between", [1, "z"], "anything"),  # bounds of two kinds: never holds
        ("contains", "late", "anything not containing late"),
        ("contains_any", ["a", "b"], "anything containing none of a or b"),
        ("contains_all", ["a", "b"], "anything not containing all of a and b"),
        ("starts_with", "VIP-", "anything but text starting with VIP-"),
        ("ends_with", "x", "anything but text ending with x"),
        ("matches", "^a", 'anything but text matching the pattern "^a"'),
        ("exists", True, "no value"),
        ("missing", True, "a value"),
    ],
)
def test_not_is_worded_as_what_it_holds_for(op: str, const: object, said: str) -> None:
    """`not` holds for a missing value and a value of another kind (a test is false for them),
    so `not: {ne: main}` is never just "main", and `not: {lte: 2}` never "more than 2"."""
    assert negated_requirement(op, const) == said


def test_ignore_case_is_said_under_not() -> None:
    assert negated_requirement("ne", "main", True) == (
        "main in any capitalisation, or no value, or a value that is not text"
    )


def test_values_are_cut_in_a_sentence_and_whole_on_request() -> None:
    stores = [f"S{n:02}" for n in range(1, 12)]
    assert show_list(stores) == "S01, S02, S03, S04, S05, S06, S07, S08, … (11 in all)"
    assert show_list(stores, whole=True).endswith("S09, S10 or S11")
    text = "x" * 70
    assert show_value(text) == '"' + "x" * 59 + '…"'
    assert show_value(text, whole=True) == text
    assert show_value({"b": [1], "a": {}}) == "a group of fields"
    assert show_value({"b": [1], "a": {}}, whole=True) == "{a: an empty group of fields, b: [1]}"
    assert show_value({"two words": 'say "hi"'}, whole=True) == '{"two words": "say \\"hi\\""}'
    assert predicate("store", "not_in", stores, whole=True).endswith("S10 or S11")


def test_a_long_list_words_only_the_values_it_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    """explain showed an event's list of 20,000 labels in the reason of each of 300 rules, and
    worded every label each time (28 s of 43) to show eight."""
    from engine import wording

    worded: list[object] = []
    real = wording._show

    def counted(value: object, whole: bool, depth: int) -> str:
        worded.append(value)
        return real(value, whole, depth)

    monkeypatch.setattr(wording, "_show", counted)
    labels = [f"L{n}" for n in range(20_000)]
    assert show_list(labels) == "L0, L1, L2, L3, L4, L5, L6, L7, … (20000 in all)"
    assert worded == labels[:8]
    assert show_list(iter(labels[:3])) == "L0, L1 or L2"  # any iterable, as before


@pytest.mark.parametrize("whole", [False, True])
def test_null_in_a_list_is_one_item(whole: bool) -> None:
    # "[1, true and empty (null)]" read as a list of two items ending in "empty (null)".
    assert show_value([1, True, None], whole) == "[1, true and null]"
    assert show_value(None, whole) == "empty (null)"  # alone, it is said in words


@pytest.mark.parametrize(
    ("types", "said"),
    [
        (None, "any type of event"),  # "any complaint" read like the type `complaint`
        (("complaint",), "a complaint"),
        (("order", "x-order"), "an order or an x-order event"),  # x-order read as "an order"
        (("x-review_site",), "an x-review_site event"),
    ],
)
def test_event_types_tell_custom_types_and_every_type_apart(
    types: tuple[str, ...] | None, said: str
) -> None:
    from engine.wording import event_types

    assert event_types(types) == said
