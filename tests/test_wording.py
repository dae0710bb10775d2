"""How plan constants read inside sentences (explain, lint, render)."""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.fields import MISSING
from engine.wording import (
    kind_of,
    negated_requirement,
    number_runs,
    predicate,
    requirement,
    show_list,
    show_number,
    show_uncut,
    show_value,
)


def odd_context() -> decimal.Context:
    """A decimal context an embedding app may have set: three digits, tiny exponents, every
    condition a trap. Nothing that shows a value may follow it."""
    signals = [decimal.Clamped, decimal.DivisionByZero, decimal.Inexact, decimal.Overflow]
    signals += [decimal.Rounded, decimal.Subnormal, decimal.Underflow, decimal.FloatOperation]
    return decimal.Context(prec=3, Emax=10, Emin=-10, traps=[*signals, decimal.InvalidOperation])


EVERY_DECIMAL = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.builds(
        lambda sign, digits, exponent: Decimal((sign, tuple(digits), exponent)),
        st.integers(0, 1),
        st.lists(st.integers(0, 9), min_size=1, max_size=60),
        st.one_of(st.integers(-40, 40), st.integers(decimal.MIN_ETINY, decimal.MAX_EMAX - 60)),
    ),
)
"""Any Decimal an app can make: NaN (signalling too), the infinities, up to 60 digits with any
exponent Python takes (from about -2 * 10**18 to 10**18)."""


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
    assert show_list(labels) == "L0, L1, L2, L3, L4, L5, L6, L7, … (20,000 in all)"
    assert worded == labels[:8]
    assert show_list(iter(labels[:3])) == "L0, L1 or L2"  # any iterable, as before


@pytest.mark.parametrize("whole", [False, True])
def test_null_in_a_list_is_one_item(whole: bool) -> None:
    # "[1, true and empty (null)]" read as a list of two items ending in "empty (null)".
    assert show_value([1, True, None], whole) == "[1, true, null]"
    assert show_value(None, whole) == "empty (null)"  # alone, it is said in words


@pytest.mark.parametrize("whole", [False, True])
def test_an_empty_list_in_a_list_is_written_as_one(whole: bool) -> None:
    # "[an empty list]" read as a list holding a phrase; null in a list is `null` (above)
    assert show_value([[]], whole) == "[[]]"
    assert show_value([[], 1, [[]]], whole) == "[[], 1, [[]]]"
    assert show_value([], whole) == "an empty list"  # alone, it is said in words
    # a group of fields in full, empty in a list, is written as one too
    assert show_value([{}], whole) == ("[{}]" if whole else "[a group of fields]")


@pytest.mark.parametrize(
    ("types", "said"),
    [
        (None, "any type of event"),  # "any complaint" read like the type `complaint`
        (("complaint",), "a complaint"),
        (("order", "x-order"), "an order event or an x-order event"),  # x-order: "an order"
        (("x-review_site",), "an x-review_site event"),
        (("conduct", "billing"), "a conduct or billing event"),  # "a conduct"
        (("contact",), "a contact event"),  # "a contact", a person
        (("product", "order", "complaint"), "a product or order event, or a complaint"),
        (
            ("billing", "product", "order", "complaint"),
            "a billing, product or order event, or a complaint",
        ),
        (("review", "order", "survey"), "a review or an order event or a survey"),
    ],
)
def test_event_types_tell_custom_types_and_every_type_apart(
    types: tuple[str, ...] | None, said: str
) -> None:
    from engine.wording import event_types

    assert event_types(types) == said


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("1.5", "1.5"),  # json.loads(..., parse_float=Decimal)
        ("12.50", "12.5"),
        ("1E+2", "100"),
        ("-0", "0"),  # as a float's -0.0
        ("1E+29", "1" + "0" * 29),
        ("1E+30", "1e30"),  # as a plan writes it (Python's float shows 1e+30)
        ("1E+1000000", "1e1000000"),  # normalize raised decimal.Overflow
        ("-1.5E-999990", "-1.5e-999990"),  # written out, 999,991 characters
        ("1" * 5000 + "E+10", "about 1.1111111111111111111e5009"),
        ("NaN", "NaN"),
        ("-sNaN7", "NaN"),  # normalize raised InvalidOperation
        ("-Infinity", "-Infinity"),
    ],
)
def test_a_decimal_is_shown_short_whatever_its_exponent(number: str, shown: str) -> None:
    """An app's Decimal in an event is shown in a sentence (explain) as people write it, or as
    a float so large or small is shown, whatever the caller's decimal context: 1E+1000000
    stopped Plan.explain with decimal.Overflow, and 1E-999990 made a 6 MB explanation
    (found by review)."""
    with decimal.localcontext(odd_context()):
        assert show_value(Decimal(number)) == shown


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        (4.0, "4"),
        (-3.5, "-3.5"),
        (1e-7, "0.0000001"),  # Python writes 1e-07
        (1.5e-5, "0.000015"),
        (0.1 + 0.2, "0.30000000000000004"),  # every digit that tells the float apart
        (1e21, "1000000000000000000000"),  # Python writes 1e+21
        (1e300, "1e300"),  # had been the 301 digits of the float nearest it, then 1e+300
        (1.2345678901234569e32, "1.2345678901234569e32"),  # as validate quotes `gte: 1.2e32`
        (-1e-300, "-1e-300"),  # 302 characters written out
        (-0.0, "0"),
        (2**63, "9223372036854775808"),
        (-(2**63), "-9223372036854775808"),
        (True, "true"),  # an int to Python: had been `True`
        (False, "false"),
    ],
)
def test_a_number_is_shown_as_people_write_it(number: float, shown: str) -> None:
    """A plan's or an event's number in a sentence: written out as far as 30 characters,
    never in Python's exponent form (``1e-07``, ``1e+21``)."""
    assert show_number(number) == shown
    assert show_value(number) == shown


@settings(max_examples=500, deadline=None)
@given(number=EVERY_DECIMAL)
def test_any_decimal_is_shown_short_and_true(number: Decimal) -> None:
    """Any Decimal is shown in at most 60 characters, whatever the caller's decimal context,
    and the text is the number: exactly, or its first 20 digits after `about`."""
    with decimal.localcontext(odd_context()):
        shown = show_value(number)
    assert len(shown) <= 60
    if not number.is_finite():
        assert shown == ("NaN" if number.is_nan() else str(number))
        return
    written = Decimal(shown.removeprefix("about "))
    if not shown.startswith("about "):
        assert written == number
        return
    digits = "".join(map(str, number.as_tuple().digits)).strip("0")
    kept = "".join(map(str, written.as_tuple().digits)).rstrip("0")
    assert len(digits) > 20 and digits.startswith(kept) and len(kept) <= 20
    assert (written.adjusted(), written.is_signed()) == (number.adjusted(), number.is_signed())


def test_every_action_type_has_its_words_in_the_printed_plan_and_the_checklist() -> None:
    # A type missing from either table is not refused: it is worded as a custom action is,
    # quietly. A new action type must be given its words in both.
    from engine import checklist, wording
    from engine.model import ACTION_TYPES

    assert set(wording._ACTION_VERBS) == set(ACTION_TYPES)
    assert set(checklist._VERBS) == set(ACTION_TYPES)


@pytest.mark.parametrize(
    ("op", "const", "said"),
    [
        ("in", [None, "x"], "one of x or empty (null)"),
        ("in", ["x", None, "y"], "one of x, y or empty (null)"),
        ("in", [None], "empty (null)"),
        ("in", [None, None], "empty (null)"),
        ("eq", None, "empty (null)"),
    ],
)
def test_null_among_the_values_a_test_asks_for_is_said_as_eq_says_it(
    op: str, const: object, said: str
) -> None:
    """`in: [null, x]` read "one of null or x" where `eq: null` reads "empty (null)" (found by
    review): null is said in words in both, last among the values it is one of."""
    assert requirement(op, const, whole=True) == said
    assert requirement(op, const) == said
    assert negated_requirement(op, const) == "anything but " + said


def test_a_field_in_a_message_written_right_to_left_is_isolated() -> None:
    """In a Hebrew message a browser laid out `[customer first name, or "לקוח"]` as
    `,["לקוח" customer first name, or]`, its bracket and quotes moved by the message's
    direction (seen rendered): each field's bracket is a unit of its own there."""
    from engine.templates import parse_template
    from engine.wording import template_text

    hebrew = parse_template("שלום {customer.first_name|לקוח}, {order.id} נשלח.")
    assert template_text(hebrew) == (
        'שלום \u2068[customer first name, or "לקוח"]\u2069, \u2068[order id]\u2069 נשלח.'
    )
    # a default alone in such a script is enough; a message with none is left as it was
    default_only = parse_template("Hi {customer.first_name|לקוח}")
    assert template_text(default_only) == 'Hi \u2068[customer first name, or "לקוח"]\u2069'
    english = parse_template("Hi {customer.first_name|there}")
    assert template_text(english) == 'Hi [customer first name, or "there"]'


def test_a_field_the_event_lacks_is_shown_and_kinded_as_missing() -> None:
    assert (show_value(MISSING), kind_of(MISSING)) == ("missing", "missing")


@pytest.mark.parametrize(
    ("value", "shown"), [(set(), "set()"), (frozenset(), "frozenset()"), ({2, 1}, "{1, 2}")]
)
def test_an_app_s_set_is_shown_as_python_writes_it_in_order(value: Any, shown: str) -> None:
    """An empty set as Python writes it (no braces to fill), a set's items in order."""
    assert show_value(value) == shown


def test_a_value_shown_uncut_that_is_no_text_is_shown_as_any_value() -> None:
    assert (show_uncut(5), show_uncut([1, "a"])) == ("5", "[1, a]")


def test_numbers_are_said_as_runs() -> None:
    """The rows of a tag in the rendered plan and the rules explain folds: a run of three or
    more by its ends, two side by side, each number written as asked (a link, in HTML)."""
    assert number_runs([1, 2, 4, 5, 6, 9]) == "1, 2, 4–6, 9"
    assert number_runs([7]) == "7" and number_runs([]) == ""
    assert number_runs([3, 4, 5], lambda n: f"#{n}") == "#3–#5"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("défectueux", "défectueux"),  # a word in any script, left to right, shown bare
        ("返金", "返金"),
        ("Paris-Opéra", "Paris-Opéra"),
        ("работа", "работа"),
        ("l\u0430te", '"l\u0430te"'),  # Latin and a look-alike Cyrillic а: quoted
        ("שלום", '"שלום"'),  # right to left: its quotes mark where it ends
        ("Zu\u0308rich", '"Zu\u0308rich"'),  # an accent apart: no simple word
        ("５０００", '"５０００"'),  # digits first
        ("deux mots", '"deux mots"'),
    ],
)
def test_a_simple_word_in_any_script_is_shown_bare(text: str, shown: str) -> None:
    """Words with letters not ASCII had all been quoted: `defective, "défectueux" or kaputt`
    (found by a French shop's trial)."""
    assert show_value(text) == shown
