"""The safe YAML loader: YAML 1.2 scalars, no tags, bounded input, located errors, positions."""

from __future__ import annotations

import re
import textwrap
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml

import engine.loading
from engine.api import check_plan
from engine.documents import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    LoadedDocument,
    decode_plan_bytes,
    read_plan_text,
)
from engine.errors import Diagnostic, PlanError
from engine.loading import load_yaml, plain_texts
from engine.slips import LISTED_AT_MOST, QUOTED_AT_MOST
from tests.conftest import REPO, printed_by_a_child


def load(text: str) -> LoadedDocument:
    return load_yaml(textwrap.dedent(text), "plan.yaml")


def data(text: str) -> Any:
    return load(text).data


def problem(text: str) -> Diagnostic:
    """The single diagnostic loading ``text`` gives."""
    with pytest.raises(PlanError) as caught:
        load(text)
    [diagnostic] = caught.value.diagnostics
    return diagnostic


def file_problem(path: Path) -> Diagnostic:
    with pytest.raises(PlanError) as caught:
        load_yaml(read_plan_text(path), str(path))
    [diagnostic] = caught.value.diagnostics
    return diagnostic


# --- YAML 1.2 core scalars: what a manager writes is what the plan means ---------------------


@pytest.mark.parametrize("word", ["on", "off", "yes", "no", "y", "n", "On", "YES", "No", "OFF"])
def test_yaml_1_1_booleans_stay_text_as_values(word: str) -> None:
    assert data(f"channel: {word}") == {"channel": word}


@pytest.mark.parametrize("word", ["on", "off", "yes", "no", "y", "n"])
def test_yaml_1_1_booleans_stay_text_as_keys(word: str) -> None:
    assert data(f"{word}: 1") == {word: 1}


@pytest.mark.parametrize(
    ("text", "value"),
    [("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False)],
)
def test_only_true_and_false_are_booleans(text: str, value: bool) -> None:
    assert data(f"v: {text}")["v"] is value


@pytest.mark.parametrize("text", ["1:30", "12:30:00", "190:20:30"])
def test_sexagesimal_looking_values_stay_text(text: str) -> None:
    assert data(f"v: {text}") == {"v": text}


@pytest.mark.parametrize("text", ["2024-01-02", "2024-01-02T10:00:00Z", "2024-01-02 10:00:00"])
def test_dates_stay_text(text: str) -> None:
    assert data(f"v: {text}") == {"v": text}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0x1F", 31),
        ("0xff", 255),
        ("0o17", 15),
        ("017", 17),
        ("-42", -42),
        ("+7", 7),
        ("0", 0),
    ],
)
def test_integers_follow_the_core_schema(text: str, value: int) -> None:
    result = data(f"v: {text}")["v"]
    assert result == value
    assert type(result) is int


@pytest.mark.parametrize(
    ("text", "value"), [("1.5", 1.5), (".5", 0.5), ("-2.25", -2.25), ("1e3", 1000.0)]
)
def test_floats_follow_the_core_schema(text: str, value: float) -> None:
    result = data(f"v: {text}")["v"]
    assert result == value
    assert type(result) is float


@pytest.mark.parametrize("text", ["1_000", "0b101", "1,5", "12%", "$10", "0x", "0o9"])
def test_number_lookalikes_outside_the_core_schema_stay_text(text: str) -> None:
    assert data(f"v: '{text}'")["v"] == text  # quoted: the reference
    assert data(f"v: {text}")["v"] == text  # plain: the same


@pytest.mark.parametrize("text", ["~", "null", "Null", "NULL", ""])
def test_null_spellings(text: str) -> None:
    assert data(f"v: {text}") == {"v": None}


def test_quoted_scalars_are_always_text() -> None:
    assert data("a: 'true'\nb: \"5\"\nc: '~'") == {"a": "true", "b": "5", "c": "~"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        *((text, "not-finite") for text in [".nan", ".NaN", ".inf", "-.inf", "+.Inf", "1e400"]),
        # Not 0, but too close to it for a float: read as 0 without a word, and quoted as 0.0.
        *((text, "number-too-small") for text in ["1e-400", "-2.5E-999", "0.0001e-330"]),
        # JSON output keeps whole numbers exact up to 64 bits: a larger one in a plan would
        # fail its fingerprint and every decision that carries it.
        *(
            (text, "number-too-large")
            for text in ["18446744073709551616", "-9223372036854775809", "0x1" + "0" * 16, "1" * 40]
        ),
    ],
)
def test_numbers_that_cannot_be_kept_are_refused(text: str, code: str) -> None:
    found = problem(f"plan:\n  max: {text}\n")
    assert found.code == code
    assert (found.source.line, found.source.column) == (2, 8)
    assert text in found.message
    assert found.hint


@pytest.mark.parametrize(("text", "value"), [("0.0", 0.0), ("-0e-999", -0.0), ("5e-324", 5e-324)])
def test_zero_written_as_zero_and_the_smallest_float_are_kept(text: str, value: float) -> None:
    assert data(f"v: {text}")["v"] == value


@pytest.mark.parametrize("text", ["1" + "0" * 5000, "-" + "9" * 4301, "0x" + "f" * 5000])
def test_a_number_too_long_to_read_is_too_large_and_shown_short(text: str) -> None:
    """Python reads at most 4,300 digits: such a number was `not a valid !!int`, with no
    hint, and the message held every digit."""
    found = problem(f"plan:\n  max: {text}\n")
    assert found.code == "number-too-large"
    assert (found.source.line, found.source.column) == (2, 8)
    assert f"`{text[:40]}…({len(text):,} characters)` is a whole number too large" in found.message
    assert found.hint


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0" * 40 + "1", 1),
        ("-" + "0" * 40 + "7", -7),
        ("0x" + "0" * 40 + "ff", 255),
        ("0" * 5000 + "1", 1),  # beyond the 4,300 digits Python reads, zeros included
    ],
)
def test_leading_zeros_do_not_make_a_number_too_large(text: str, value: int) -> None:
    assert data(f"v: {text}")["v"] == value


@pytest.mark.parametrize("text", ["18446744073709551615", "-9223372036854775808"])
def test_whole_numbers_within_64_bits_are_read(text: str) -> None:
    assert data(f"v: {text}") == {"v": int(text)}


# --- Tags: refused, never constructed ---------------------------------------------------------


def test_python_tag_is_refused_and_never_executed(tmp_path: Path) -> None:
    proof = tmp_path / "pwned"
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "backplan: 1\n"
        "plan:\n"
        f'  name: !!python/object/apply:os.system ["touch {proof}"]\n'
        "  currency: USD\n",
        encoding="utf-8",
    )
    found = file_problem(plan)
    assert found.code == "yaml-tag"
    assert (found.source.line, found.source.column) == (3, 9)
    assert "!!python/object/apply:os.system" in found.message
    assert not proof.exists()


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/name:os.system",
        "!!python/object:builtins.dict {}",
        "!!binary aGVsbG8=",
        "!!timestamp 2024-01-02",
        "!!set {a, b}",
        "!!omap [a: 1]",
        "!custom value",
        "!<tag:example.com,2024:thing> x",
    ],
)
def test_every_other_tag_is_refused(tagged: str) -> None:
    found = problem(f"backplan: 1\nvalue: {tagged}\n")
    assert found.code == "yaml-tag"
    assert (found.source.line, found.source.column) == (2, 8)
    assert found.hint


@pytest.mark.parametrize(
    ("text", "place", "tag"),
    [
        ("!!python/object/apply:os.system rules: []\n", (1, 1), "!!python/object/apply:os.system"),
        ("backplan: 1\nplan:\n  !!binary name: T\n", (3, 3), "!!binary"),
        ("when: {field: rating,!!binary : 3}\n", (1, 22), "!!binary"),
    ],
)
def test_a_tag_on_a_key_is_refused_as_on_a_value(
    text: str, place: tuple[int, int], tag: str
) -> None:
    """A key is a YAML value too: `!!python/object/apply:os.system rules:` had been read as the
    key `rules`, and the plan validated, where the same tag on a value is refused; the tag
    alone as a key was told as an operator without a name (found by fuzzing the command
    line)."""
    found = problem(text)
    assert (found.code, found.message) == (
        "yaml-tag",
        f"the YAML tag `{tag}` is not allowed in a plan",
    )
    assert (found.source.line, found.source.column) == place
    assert (
        found.hint
        == "remove the tag; plans hold only text, numbers, true/false, lists and mappings"
    )


def test_a_key_after_a_word_of_its_own_with_a_bang_is_told_to_be_quoted() -> None:
    """As a value written so is (`message: !important call`): the `!` was meant as text."""
    found = problem("backplan: 1\n!urgent note: 1\n")
    assert (found.code, found.source.line, found.source.column) == ("yaml-tag", 2, 1)
    assert found.hint.startswith(
        'for text that starts with `!`, put the whole text in quotes: `"!urgent note"`'
    )


@pytest.mark.parametrize("key", ['""', "''", "!!str ", "? "])
def test_an_empty_key_is_refused_however_it_is_written(key: str) -> None:
    """A key of no characters is no name: written in quotes, `"": 1` had been told as the
    unknown key ``, the empty quotes of the message read as a stray mark (found by fuzzing
    the command line); left out (`? ` alone), it was refused already."""
    found = problem(f"backplan: 1\n{key}\n: 1\n" if key == "? " else f"backplan: 1\n{key}: 1\n")
    assert (found.code, found.message, found.hint, found.source.line) == (
        "yaml-key",
        "a mapping key is empty",
        "write the key's name before its `:`",
        2,
    )


def test_standard_tags_are_allowed() -> None:
    assert data("a: !!str 5\nb: !!int '7'\nc: !!bool 'true'\nd: !!float '1.5'") == {
        "a": "5",
        "b": 7,
        "c": True,
        "d": 1.5,
    }


def test_a_standard_tag_on_the_wrong_text_is_a_located_error() -> None:
    found = problem("a: 1\nb: !!int twelve\n")
    assert found.code == "yaml-scalar"
    assert found.source.line == 2
    assert "twelve" in found.message


# --- Duplicate keys, documents, empty and non-text files --------------------------------------


def test_duplicate_key_names_both_lines() -> None:
    found = problem(
        """\
        plan:
          name: Acme
          currency: USD
          name: Acme Shop
        """
    )
    assert found.code == "duplicate-key"
    assert (found.source.line, found.source.column) == (4, 3)
    assert "`name`" in found.message
    assert "line 2" in found.message
    assert found.source.pointer == "/plan/name"


def test_duplicate_key_in_a_flow_mapping() -> None:
    found = problem("rule: {id: a, title: T, id: b}\n")
    assert found.code == "duplicate-key"
    assert (found.source.line, found.source.column) == (1, 25)
    assert "line 1" in found.message


@pytest.mark.parametrize(
    ("test", "message", "hint"),
    [
        (
            "{field: rating, lte: 1,5, gte: 0,5}",
            "`lte: 1,5` and `gte: 0,5` were read as `lte: 1`, `gte: 0` and the key `5` twice",
            "write decimals with a dot: `lte: 1.5`, `gte: 0.5`",
        ),
        (
            "{field: order.total, gte: 1,000, lte: 2,000}",
            "`gte: 1,000` and `lte: 2,000` were read as `gte: 1`, `lte: 2` and the key `000` twice",
            "write numbers without thousands separators: `gte: 1000`, `lte: 2000`",
        ),
        (  # every number the commas cut: the third had been left out (found by review)
            "{field: rating, lte: 1,5, gte: 0,5, eq: 2,5}",
            "`lte: 1,5`, `gte: 0,5` and `eq: 2,5` were read as `lte: 1`, `gte: 0`, `eq: 2` and "
            "the key `5` three times",
            "write decimals with a dot: `lte: 1.5`, `gte: 0.5`, `eq: 2.5`",
        ),
        (  # and one before, cut into a key of its own
            "{field: rating, lte: 1,25, gte: 0,5, eq: 2,5}",
            "`lte: 1,25`, `gte: 0,5` and `eq: 2,5` were read as `lte: 1`, `gte: 0`, `eq: 2` and "
            "the keys `25` once and `5` twice",
            "write decimals with a dot: `lte: 1.25`, `gte: 0.5`, `eq: 2.5`",
        ),
        (  # decimals after the thousands: a key `000.00` had been told to keep one of them
            "{field: order.total, gte: 1,000.00, lte: 2,000.00}",
            "`gte: 1,000.00` and `lte: 2,000.00` were read as `gte: 1`, `lte: 2` and the key "
            "`000.00` twice",
            "write numbers without thousands separators: `gte: 1000.00`, `lte: 2000.00`",
        ),
        (  # with a currency: "keep one of them" (found by review)
            "{field: order.total, gte: €10,50, lte: €20,50}",
            "`gte: €10,50` and `lte: €20,50` were read as `gte: €10`, `lte: €20` and the key "
            "`50` twice",
            "write the numbers only, decimals with a dot: `gte: 10.50`, `lte: 20.50`; the "
            "currency is set once, in the plan's `plan:` section",
        ),
        (  # a whole amount's `,-` (the Swiss `10.-`), as one alone is told: "the key `-`
            # appears twice", hinted "keep one of them" (found by review)
            "{field: order.total, lte: 10,-, gte: 5,-}",
            "`lte: 10,-` and `gte: 5,-` were read as `lte: 10`, `gte: 5` and the key `-` twice",
            "write the numbers only, `lte: 10`, `gte: 5`; the currency is set once, in the "
            "plan's `plan:` section",
        ),
        (  # the mark printed with a dash, as on price lists (found by review)
            "{field: order.total, lte: 10,–, gte: 5,–}",
            "`lte: 10,–` and `gte: 5,–` were read as `lte: 10`, `gte: 5` and the key `–` twice",
            "write the numbers only, `lte: 10`, `gte: 5`; the currency is set once, in the "
            "plan's `plan:` section",
        ),
        (  # the Swiss `Fr.` before the number: "keep one of them" (found by review)
            "{field: order.total, lte: Fr. 10,-, gte: SFr. 5,-}",
            "`lte: Fr. 10,-` and `gte: SFr. 5,-` were read as `lte: Fr. 10`, `gte: SFr. 5` and "
            "the key `-` twice",
            "write the numbers only, `lte: 10`, `gte: 5`; the currency is set once, in the "
            "plan's `plan:` section",
        ),
        (
            "{field: order.total, lte: €10,-, gte: 5,50, eq: 7,-}",
            "`lte: €10,-`, `gte: 5,50` and `eq: 7,-` were read as `lte: €10`, `gte: 5`, `eq: 7` "
            "and the keys `-` twice and `50` once",
            "write the numbers only, decimals with a dot: `lte: 10`, `gte: 5.50`, `eq: 7`; the "
            "currency is set once, in the plan's `plan:` section",
        ),
        (
            "{field: order.total, gte: 10,50 EUR, lte: 20,50 EUR}",
            "`gte: 10,50 EUR` and `lte: 20,50 EUR` were read as `gte: 10`, `lte: 20` and the "
            "key `50 EUR` twice",
            "write the numbers only, decimals with a dot: `gte: 10.50`, `lte: 20.50`; the "
            "currency is set once, in the plan's `plan:` section",
        ),
        (  # one no number: it had been told "the key `5` appears twice", "keep one of them"
            "{field: rating, lte: 1,5, gte: 1,2,3,5}",
            "`lte: 1,5` and `gte: 1,2,3,5` were read as `lte: 1`, `gte: 1` and the keys `5` "
            "twice, `2` once and `3` once",
            "write decimals with a dot: `lte: 1.5`; `gte: 1,2,3,5` is not a number: write it "
            "with a dot before its decimals and nothing between its thousands (`gte: 1500.50`, "
            "not `1.500,50` or `1,500.50`)",
        ),
    ],
)
def test_numbers_a_comma_cut_into_the_same_key_are_told_as_commas(
    test: str, message: str, hint: str
) -> None:
    """`{lte: 1,5, gte: 0,5}` had been told as a key `5` written twice, hinted "keep one of
    them", where `{lte: 1,5}` is told as a decimal comma (found by review)."""
    found = problem(f"when:\n  all:\n    - {test}\n")
    assert found.code == "duplicate-key"
    assert (found.message, found.hint) == (f"{message}: in braces, a comma ends a value", hint)
    assert found.source.line == 3


CURRENCY_SET_ONCE = "; the currency is set once, in the plan's `plan:` section"


@pytest.mark.parametrize(
    ("amount", "message", "hint"),
    [
        (  # "keep one of them", where `1,000,000` is told its thousands (found by review)
            "€1,000,000",
            "`amount: €1,000,000` was read as `amount: €1` and the key `000` twice",
            f"write the number only, `amount: 1000000`{CURRENCY_SET_ONCE}",
        ),
        (
            "Fr. 1,000,000",
            "`amount: Fr. 1,000,000` was read as `amount: Fr. 1` and the key `000` twice",
            f"write the number only, `amount: 1000000`{CURRENCY_SET_ONCE}",
        ),
        (
            "1,000,000,000.50",
            "`amount: 1,000,000,000.50` was read as `amount: 1` and the keys `000` twice and "
            "`000.50` once",
            "write the number without thousands separators: `amount: 1000000000.50`",
        ),
        (
            "1,000,000",
            "`amount: 1,000,000` was read as `amount: 1` and the key `000` twice",
            "write the number without thousands separators: `amount: 1000000`",
        ),
        (  # quoted as written: it had been `amount: 1,000,000` (found by review)
            "1, 000, 000",
            "`amount: 1, 000, 000` was read as `amount: 1` and the key `000` twice",
            "write the number without thousands separators: `amount: 1000000`",
        ),
        (  # no number a plan could write: what one is like
            "1 000,000,000",
            "`amount: 1 000,000,000` was read as `amount: 1 000` and the key `000` twice",
            "`amount: 1 000,000,000` is not a number: write it with a dot before its decimals "
            "and nothing between its thousands (`amount: 1500.50`, not `1.500,50` or "
            "`1,500.50`)",
        ),
        (  # no number, blanks kept in the hint as in the message: it had been `1,000,000,000`
            "1 000, 000, 000",  # `1 000,000,000` (found by review)
            "`amount: 1 000, 000, 000` was read as `amount: 1 000` and the key `000` twice",
            "`amount: 1 000, 000, 000` is not a number: write it with a dot before its decimals "
            "and nothing between its thousands (`amount: 1500.50`, not `1.500,50` or "
            "`1,500.50`)",
        ),
        (  # the first `000` another number's: the two numbers are told
            "1,000, max: 2,000,000",
            "`amount: 1,000` and `max: 2,000,000` were read as `amount: 1`, `max: 2` and the "
            "key `000` three times",
            "write numbers without thousands separators: `amount: 1000`, `max: 2000000`",
        ),
    ],
)
def test_a_number_a_comma_cut_into_the_same_key_twice_is_told_as_one_cut_once(
    amount: str, message: str, hint: str
) -> None:
    """The loader had a rule of its own for one number cut into the same key twice: "the key
    `000` appears twice", hinted to write the number "with its digits together", which named
    no number, and for `{amount: €1,000,000}` not where the currency is set, where `{amount:
    €1,000}` is hinted `amount: 1000` and the currency (found by review). It is told by the
    rule two numbers cut into one key are, with the hint one number cut once gets."""
    found = problem(f"compensate: {{kind: voucher, amount: {amount}}}\n")
    told = (f"{message}: in braces, a comma ends a value", hint)
    assert (found.code, found.message, found.hint) == ("duplicate-key", *told)


@pytest.mark.parametrize(
    ("written", "number"), [("10,- CHF", "10"), ("10,- €, max: 5", "10"), ("Fr. 12,- Fr.", "12")]
)
def test_a_whole_amount_s_comma_and_hyphen_with_its_currency_in_braces_is_hinted(
    written: str, number: str
) -> None:
    """In braces, the `- ` after the comma of `{amount: 10,- CHF}` starts a list's item to
    YAML, which had been told "the `{` opened on line 1 is not closed", hinted to close it,
    where `{amount: 10,– €}` and `amount: 10,- CHF` out of braces are hinted to write the
    number only (found by review)."""
    found = problem(f"compensate: {{kind: voucher, amount: {written}}}\n")
    whole = written.partition(", ")[0]
    assert (found.code, found.message, found.hint, found.source.column) == (
        "yaml-syntax",
        f"YAML syntax error: `amount: {whole}` cannot be read: in braces, a comma ends a "
        "value, and the `- ` after it starts a list's item",
        f"write the number only, `amount: {number}`{CURRENCY_SET_ONCE}",
        37,
    )


def test_a_hyphen_after_a_comma_in_braces_after_no_amount_is_told_as_before() -> None:
    """Only an amount's `,-` is told so: `{amount: 10,- Smith}` names no currency."""
    found = problem("compensate: {kind: voucher, amount: 10,- Smith}\n")
    assert found.hint == "close it with `}`, and separate the items with commas"


@pytest.mark.parametrize(
    ("test", "message", "hint"),
    [
        (
            "{field: order.total, gte: 1 000,50, lte: 2 000,50}",
            "`gte: 1 000,50` and `lte: 2 000,50` were read as `gte: 1 000`, `lte: 2 000` and the "
            "key `50` twice",
            "write numbers without thousands separators: `gte: 1000.50`, `lte: 2000.50`",
        ),
        (
            "{field: order.total, gte: 1.234.567,89, lte: 2.234.567,89}",
            "`gte: 1.234.567,89` and `lte: 2.234.567,89` were read as `gte: 1.234.567`, `lte: "
            "2.234.567` and the key `89` twice",
            "write numbers without thousands separators: `gte: 1234567.89`, `lte: 2234567.89`",
        ),
    ],
)
def test_numbers_grouped_in_thousands_cut_into_the_same_key_are_told_as_commas(
    test: str, message: str, hint: str
) -> None:
    """The loader had a rule of its own for what a comma cut: a number grouped with blanks or
    dots is text to YAML, and two such cut into one key were told "keep one of them", where
    one is told as a comma in a number by the schema (found by review)."""
    found = problem(f"when:\n  all:\n    - {test}\n")
    assert found.code == "duplicate-key"
    assert (found.message, found.hint) == (f"{message}: in braces, a comma ends a value", hint)


@pytest.mark.parametrize(
    ("test", "message", "hint"),
    [
        (  # in quotes, but without its `:`: what a comma left, as the schema takes it
            '{field: rating, lte: 1,"5", gte: 0,"5"}',
            "`lte: 1,5` and `gte: 0,5` were read as `lte: 1`, `gte: 0` and the key `5` twice: "
            "in braces, a comma ends a value",
            "write decimals with a dot: `lte: 1.5`, `gte: 0.5`",
        ),
        (  # with its `:`: the author's own key, as the schema takes it; no number `1,5`
            "{field: rating, lte: 1, 5: , gte: 0, 5: }",
            "the key `5` appears twice in this mapping (first on line 3)",
            "keep one of them; YAML would silently use only the last",
        ),
    ],
)
def test_the_digits_a_comma_cut_off_are_a_key_without_its_colon(
    test: str, message: str, hint: str
) -> None:
    """The loader had told a key by its quotes, the schema by its `:` (found by review)."""
    found = problem(f"when:\n  all:\n    - {test}\n")
    assert (found.code, found.message, found.hint) == ("duplicate-key", message, hint)


def test_several_documents_are_refused_at_the_second() -> None:
    found = problem("backplan: 1\n---\nrules: []\n")
    assert found.code == "yaml-syntax"
    assert found.source.line == 2
    assert "several YAML documents" in found.message
    assert "---" in found.hint


JSON_HAS_NO_COMMENTS = "remove the comment, or write the plan as YAML, where `#` starts a comment"


@pytest.mark.parametrize(
    ("text", "line", "column", "opener"),
    [
        ('{"backplan": 1, // our plan\n "rules": []}\n', 1, 17, "//"),
        ('{"backplan": 1, /* our plan */\n "rules": []}\n', 1, 17, "/*"),
        ('{"backplan": 1,\n  /* our\n  plan */\n "rules": []}\n', 2, 3, "/*"),
        ('{\n  // the plan\n  "backplan": 1,\n  "rules": []\n}\n', 2, 3, "//"),
        ('{"backplan": 1, "rules": [] // none yet\n}\n', 1, 29, "//"),
        ('{"backplan": 1, "rules": []} // none yet\n', 1, 30, "//"),
        ('// our plan\n{"backplan": 1, "rules": []}\n', 1, 1, "//"),
        ('/* our\n plan */\n{"backplan": 1, "rules": [}\n', 1, 1, "/*"),
        # a comment closed on its own line, then another: each passed over to the `{` below
        # (found by mutation testing)
        ('/* our plan */ /* v2 */\n{"backplan": 1, "rules": [}\n', 1, 1, "/*"),
        ('{"backplan": 1, // our plan\n "rules": []} // the end', 1, 17, "//"),  # no last break
    ],
)
def test_a_comment_in_a_plan_written_as_json_is_told_at_its_start(
    text: str, line: int, column: int, opener: str
) -> None:
    """JSON has no comments, and YAML reads a `//` as a text: the parser stopped lines later,
    told as a `{` not closed (found by review)."""
    found = problem(text)
    assert (found.code, found.source.line, found.source.column) == ("yaml-syntax", line, column)
    assert (found.message, found.hint) == (
        f"YAML syntax error: JSON has no comments: the `{opener}` here does not start one",
        JSON_HAS_NO_COMMENTS,
    )


def written_as_yaml_s(words: str) -> str:
    """The hint for a `//` or `/*` comment in YAML: the comment written as YAML's."""
    return f"write it as `# {words}`, after a blank (YAML's comments start with `#`), or remove it"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("backplan: 1\nrules: [{id: late, // the first\n  title: Late}]\n", 2, 20),
        ("backplan: 1\nrules: [{id: late,\n  // the first\n  title: Late}]\n", 3, 3),
        ("backplan: 1\nrules: [// the first\n  {id: late}\n", 2, 9),
        # at a line's start outside brackets: it had been told "this line has no `: ` (a colon
        # and a space) after its key" (found by review)
        ("backplan: 1\n// the first\nrules: []\n", 2, 1),
        ("rules:\n  - id: late\n    // the first\n    title: Late\n", 3, 5),
        ("backplan: 1\nrules: []\n// the first\n", 3, 1),
        # a YAML plan's first line: it had been told "JSON has no comments", with the hint to
        # write the plan as YAML (found by review)
        ("// the first\nbackplan: 1\nrules: []\n", 1, 1),
        ("// the first\n\nbackplan: 1\n", 1, 1),
        ("\n  // the first\nbackplan: 1\n", 2, 3),  # at its indent (found by mutation testing)
        # after a value closed by a bracket or a quote: it had been told "a key was expected
        # here" (found by review)
        ("rules:\n  - id: late\n    tags: [a, b]  // the first\n    title: Late\n", 3, 19),
        ('rules:\n  - id: late\n    title: "Late" // the first\n', 3, 19),
        ("rules:\n  - {id: late} // the first\n", 2, 16),
    ],
)
def test_a_comment_written_with_slashes_in_yaml_brackets_is_told_to_start_with_a_hash(
    text: str, line: int, column: int
) -> None:
    """The hint writes the comment as YAML's, the manager's own words after `# `: "start the
    comment with `#`" had left the comment to be found and rewritten (found by review)."""
    found = problem(text)
    assert (found.source.line, found.source.column) == (line, column)
    assert (found.message, found.hint) == (
        "YAML syntax error: `//` does not start a comment in YAML",
        written_as_yaml_s("the first"),
    )


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("backplan: 1\nrules: [a, //\n b]\n", "start the comment with `#` after a blank"),
        # a `#` in its place would cut `b` off: pasted, the hint had dropped an item
        ("backplan: 1\nrules: [a, /* x */ b // y\n]\n", "write it as `# x` at the line's end,"),
        ("backplan: 1\nrules: [a, /* x\n y */ b]\n", "write it as `# x`,"),
        (f"backplan: 1\nrules: [a, // {'x' * 70}\n b]\n", f"write it as `# {'x' * 59}…`,"),
    ],
)
def test_a_comment_s_words_are_written_as_yaml_s_up_to_its_end(text: str, hint: str) -> None:
    """A `/*` comment's words end at its `*/` or its line's end, a long one is cut, and a `//`
    with no words after it is told to start with `#`, as it was before."""
    assert problem(text).hint.startswith(hint)


def test_a_yaml_plan_begun_with_a_comment_in_json_s_way_is_told_it_is_yaml() -> None:
    found = problem("/* Acme\n   plan */\nbackplan: 1\n")
    assert (found.source.line, found.source.column) == (1, 1)
    assert found.message == "YAML syntax error: `/*` does not start a comment in YAML"


def test_a_yaml_plan_begun_with_a_comment_never_closed_is_told_it_is_yaml() -> None:
    """A `/*` never closed by `*/` leaves no line that starts with `{` or `[`: the plan is YAML,
    not JSON (found by mutation testing)."""
    found = problem("/* Acme plan\nbackplan: 1\nrules: []\n")
    assert (found.source.line, found.source.column) == (1, 1)
    assert (found.message, found.hint) == (
        "YAML syntax error: `/*` does not start a comment in YAML",
        written_as_yaml_s("Acme plan"),
    )


@pytest.mark.parametrize(
    "text",
    [
        '{"backplan": 1, "site": "https://acme.example", "rules": [}\n',
        '{"backplan": 1, "site": https://acme.example, "rules": [}\n',
        "backplan: 1\nsite: https://acme.example\nrules: [{id: a, title: 1/2 // x}\n",
        '{"backplan": 1, "rules": [}\n// after the mistake\n',  # below the mistake: not its cause
        # after a word at the line's start: a title over two lines (found by mutation testing)
        "backplan: 1\nrules: [{id: late, title:\nA // B}\n",
        # a text in quotes after a tab (JSON indented with tabs): its quotes had been missed,
        # and its `//` was told as a comment, hiding the comma left out below (found by review)
        '{\n\t"backplan": 1,\n\t"rules": [\n\t\t"// call back"\n\t\t{"id": "a"}\n\t]\n}\n',
    ],
)
def test_slashes_inside_a_text_are_not_taken_for_a_comment(text: str) -> None:
    assert "comment" not in problem(text).message


NO_PERCENT_LINE = "remove the line: a plan needs no line that starts with `%`"
NOT_USED = "is read as a YAML directive (a line that starts with `%`), which a plan does not use"
UNREADABLE_DIRECTIVE = (
    "is read as a YAML directive (a line that starts with `%`), and YAML cannot read this one"
)


@pytest.mark.parametrize(
    ("text", "line", "message", "hint"),
    [
        (
            "%YAML 2.0\n---\nbackplan: 1\n",
            1,
            "`%YAML 2.0` asks for a YAML version other than the one plans are written in "
            "(YAML 1.2)",
            NO_PERCENT_LINE,
        ),
        ("%FOO\n---\nbackplan: 1\n", 1, f"`%FOO` {UNREADABLE_DIRECTIVE}", NO_PERCENT_LINE),
        ("%YAML\n---\nbackplan: 1\n", 1, f"`%YAML` {UNREADABLE_DIRECTIVE}", NO_PERCENT_LINE),
        (
            "%YAML 1.2\n%YAML 1.2\n---\nbackplan: 1\n",
            2,
            f"`%YAML 1.2` {UNREADABLE_DIRECTIVE}",
            NO_PERCENT_LINE,
        ),
        (
            "backplan: 1\n%off: 10\n",
            2,
            f"`%off: 10` {UNREADABLE_DIRECTIVE}",
            'for a key that starts with `%`, put it in quotes: `"%off":`; else ' + NO_PERCENT_LINE,
        ),
        (  # a key of the plan, a `%` typed before it: quoted, it had been an unknown key
            # `%rules` (found by review)
            "backplan: 1\n%rules: []\n",
            2,
            f"`%rules: []` {UNREADABLE_DIRECTIVE}",
            "remove the `%` before the key: `rules:`",
        ),
        (
            "backplan: 1\n%YAML 1.2\nrules: []\n",
            2,
            f"`%YAML 1.2` {NOT_USED}",
            NO_PERCENT_LINE,
        ),
        ("%YAML 1.2  # the version\nbackplan: 1\n", 1, f"`%YAML 1.2` {NOT_USED}", NO_PERCENT_LINE),
        # the file's last line, with no break after it: YAML stops past the last line (found
        # by mutation testing)
        ("backplan: 1\nrules: []\n%YAML 1.2", 3, f"`%YAML 1.2` {NOT_USED}", NO_PERCENT_LINE),
        (  # the first `...` is told, not the last
            "backplan: 1\n...\nrules: []\n...\n",
            2,
            "`...` ends a YAML document, so YAML cannot read the lines after it",
            "remove the `...` line",
        ),
        (
            "backplan: 1\n...\nrules: []\n",
            2,
            "`...` ends a YAML document, so YAML cannot read the lines after it",
            "remove the `...` line",
        ),
        (
            "backplan: 1\n... the rules",  # on the file's last line, with no break after it
            2,
            "`...` ends a YAML document, so YAML cannot read the lines after it",
            "remove the `...` line",
        ),
    ],
)
def test_a_line_of_yaml_s_document_frame_is_told_at_its_line_with_its_removal(
    text: str, line: int, message: str, hint: str
) -> None:
    """A `%` line or a `...` line had been told in YAML's words ("found incompatible YAML
    document", "did not find expected <document start>" on the line after it), with the hint
    to check the indentation and quoting (found by review)."""
    found = problem(text)
    assert (found.code, found.source.line, found.source.column) == ("yaml-syntax", line, 1)
    assert (found.message, found.hint) == (f"YAML syntax error: {message}", hint)


def test_a_document_end_below_another_mistake_is_not_blamed_for_it() -> None:
    assert "`...`" not in problem("{backplan: 1} rules\n...").message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('%YAML 1.2\n---\n{"backplan": 1}}\n', 3),
        ('%YAML 1.2\n---\n{"backplan": 1}\n"rules": []\n', 4),
        ('%YAML 1.2\n--- # the plan\n{"backplan": 1}}\n', 3),
    ],
)
def test_a_directive_and_its_document_start_are_not_blamed_for_a_mistake_below(
    text: str, line: int
) -> None:
    """`%YAML 1.2` then `---` is a header YAML reads: a `}` typed twice below had been told
    "`%YAML 1.2` is read as a YAML directive, which a plan does not use" at line 1, with the
    hint to remove it, which mended nothing (found by review)."""
    found = problem(text)
    assert "%YAML" not in found.message
    assert found.source.line == line


def test_a_document_end_followed_by_comments_only_is_fine() -> None:
    assert data("backplan: 1\n...\n# the end\n") == {"backplan": 1}


@pytest.mark.parametrize("value", ["!!", "!! important", "!e!foo call", "!<call", "!a,b"])
def test_a_text_starting_with_a_tag_yaml_cannot_read_is_told_to_be_quoted(value: str) -> None:
    """`!!`, `!e!foo`, `!<`: tags YAML cannot read at all, which had been told in its words
    ("did not find expected tag URI", "found undefined tag handle") (found by review)."""
    found = problem(f"title: {value}\n")
    assert (found.source.line, found.source.column) == (1, 8)
    assert (found.message, found.hint) == (
        "YAML syntax error: text that starts with `!` is read as a YAML tag, not as text",
        f'put the whole text in quotes: `title: "{value}"`',
    )


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        (": Acme\n", 1, 1),
        ("backplan: 1\n: 2\n", 2, 1),
        ("rules:\n  - id: late\n    : Late order\n", 3, 5),
        ("rules:\n  - : Late order\n", 2, 5),
        ("plan:\n  name: Acme\n  :\n", 3, 3),
    ],
)
def test_a_colon_without_its_key_is_told_at_the_colon(text: str, line: int, column: int) -> None:
    """It had been "a key was expected here", with a hint of quotes and indentation, or "a
    list item (`- `) where a key was expected" for `- : Late order` (found by review)."""
    found = problem(text)
    assert (found.source.line, found.source.column) == (line, column)
    assert (found.message, found.hint) == (
        "YAML syntax error: this `:` has no key before it",
        "write the key's name before the `:` (`name: value`), or remove the line",
    )


@pytest.mark.parametrize(
    ("text", "column", "message", "hint"),
    [
        (
            "when: {all: [{field:, eq: late}]}\n",
            20,
            "`field:` has nothing after its `:`",
            "write its value after the colon and a blank (`field: value`), or remove it",
        ),
        (
            "then: [{apologize: {within:}}]\n",
            27,
            "`within:` has nothing after its `:`",
            "write its value after the colon and a blank (`within: value`), or remove it",
        ),
        (
            "then: [{apologize: {message: Note:, within: 1h}}]\n",
            34,
            "in brackets, a text cannot end with `:` before a `,` or a closing bracket",
            'put the text in quotes: `message: "Note:"`',
        ),
        (
            "tags: [late:, cold]\n",
            12,
            "in brackets, a text cannot end with `:` before a `,` or a closing bracket",
            'put the text in quotes: `"late:"`',
        ),
        (  # after a `,` in square brackets: an item, not a key
            "tags: [cold, late:]\n",
            18,
            "in brackets, a text cannot end with `:` before a `,` or a closing bracket",
            'put the text in quotes: `"late:"`',
        ),
    ],
)
def test_a_colon_before_a_comma_in_brackets_is_told_as_a_key_without_value_or_a_text(
    text: str, column: int, message: str, hint: str
) -> None:
    """It had been told in libyaml's words, "found unexpected ':'", with the hint to check the
    indentation and quoting (found by review)."""
    found = problem(text)
    assert (found.source.line, found.source.column) == (1, column)
    assert (found.message, found.hint) == (f"YAML syntax error: {message}", hint)


@pytest.mark.parametrize(
    ("text", "line", "column", "key"),
    [
        ("when: {\n  field:,\n  eq: late}\n", 2, 8, "field"),
        ("when: {field: rating,  # of 5\n  lte:, gte: 1}\n", 2, 6, "lte"),
    ],
)
def test_a_key_without_value_at_the_start_of_a_line_in_braces_is_told_as_one(
    text: str, line: int, column: int, key: str
) -> None:
    """Braces carried over lines, a key at a line's start after a `{` or `,` above: it had
    been told "a text cannot end with `:`", with the hint to put a text, unnamed, in quotes
    (found by review)."""
    found = problem(text)
    assert (found.source.line, found.source.column) == (line, column)
    assert (found.message, found.hint) == (
        f"YAML syntax error: `{key}:` has nothing after its `:`",
        f"write its value after the colon and a blank (`{key}: value`), or remove it",
    )


@pytest.mark.parametrize(
    ("text", "line", "title"),
    [
        ("Acme backup plan\nbackplan: 1\nrules: []\n", 1, "Acme backup plan"),
        ("Acme backup plan\n\nbackplan: 1\n", 1, "Acme backup plan"),
        ("# Acme\nBackup plan  # 2026\n# the rules\nbackplan: 1\n", 2, "Backup plan"),
        ('"Acme backup plan"\nbackplan: 1\n', 1, '"Acme backup plan"'),
        # below the document's start (a plan begun with comments, then `---`): it had been
        # told "indented more than the key above it" at the key (found by review)
        ("# Acme\n---\nAcme backup plan\nbackplan: 1\n", 3, "Acme backup plan"),
        ("--- # the plan\nAcme backup plan\nbackplan: 1\n", 2, "Acme backup plan"),
    ],
)
def test_a_line_of_text_above_the_first_key_is_told_at_it(text: str, line: int, title: str) -> None:
    """A title at the top of the file had been told "this line is indented more than the key
    above it" at the first key's `: `, or in libyaml's words after a comment (found by
    review)."""
    found = problem(text)
    assert (found.source.line, found.source.column) == (line, 1)
    assert (found.message, found.hint) == (
        f"YAML syntax error: `{title}` is not a key: a plan's lines are keys and their values",
        f"remove the line, or start it with `# ` to keep it as a comment: `# {title}`",
    )


@pytest.mark.parametrize(
    "text",
    [
        "plan\n  name: Acme\n",
        "- late\nbackplan: 1\n",
        "0\n0:\n",
        # a key of the language above a key: its colon left out, not a title to remove (the
        # hint had been to remove `backplan 1`, the plan's first line: found by review)
        "backplan 1\nrules: []\n",
        "backplan = 1\nrules: []\n",
        "backplan:1\nplan:\n  name: Acme\n",  # its blank left out: told so
        "backplan\nrules: []\n",
        "# Acme\nrules\n# the first\nconditions: {}\n",
    ],
)
def test_a_key_without_its_colon_at_the_top_is_not_taken_for_a_title(text: str) -> None:
    assert "is not a key" not in problem(text).message


TOML_HINT = (
    "write each `key = value` as `key: value` (`backplan: 1`), and each `[section]` as "
    "`section:` with its keys under it, indented by two spaces; see docs/rule-language.md"
)


@pytest.mark.parametrize(
    ("text", "line", "first"),
    [
        # libyaml's words, "did not find expected <document start>" (found by review)
        ('[plan]\nname = "Acme"\ncurrency = "USD"\n', 1, "[plan]"),
        ('# Acme\n\n[[rules]]\nid = "late"\n', 3, "[[rules]]"),
        # told "`backplan` has no `:` after it", with `backplan: = 1` to write
        ("backplan = 1\nrules: []\n", 1, "backplan = 1"),
    ],
)
def test_a_plan_written_as_a_toml_or_ini_file_is_told_so(text: str, line: int, first: str) -> None:
    found = problem(text)
    assert (found.code, found.source.line, found.source.column) == ("yaml-syntax", line, 1)
    assert (found.message, found.hint) == (
        f"YAML syntax error: `{first}` is written as in a TOML or INI file: a plan is written "
        "in YAML, where a key is followed by a colon",
        TOML_HINT,
    )


@pytest.mark.parametrize(
    "text",
    ["[plan]\nname: Acme\n", "Acme plan\nbackplan = 1\nrules: []\n", "[late]\n[x = 1]\n"],
)
def test_a_section_or_an_equals_sign_alone_is_not_taken_for_toml(text: str) -> None:
    """Only a first line `key = value` of the language, or a section with such lines below
    it, is told as TOML or INI (found by mutation testing)."""
    assert "TOML" not in problem(text).message


@pytest.mark.parametrize(
    "text",
    [
        "plan for Acme\nbackplan: 1\nrules: []\n",
        "plan for Acme\n\nbackplan: 1\n",
        "rules for late orders\nbackplan: 1\n",
        "when the order is late\nbackplan: 1\n",
    ],
)
def test_a_title_that_starts_with_a_key_holding_a_mapping_or_a_list_is_a_title(
    text: str,
) -> None:
    """It had been told "`plan` has no `:` after it" with `plan: for Acme` to write, which
    the schema refuses: `plan:` holds the plan's settings, never words (found by review)."""
    title = text.split("\n", maxsplit=1)[0]
    found = problem(text)
    assert (found.source.line, found.source.column) == (1, 1)
    assert (found.message, found.hint) == (
        f"YAML syntax error: `{title}` is not a key: a plan's lines are keys and their values",
        f"remove the line, or start it with `# ` to keep it as a comment: `# {title}`",
    )


@pytest.mark.parametrize(
    ("times", "lines"),
    [
        (3, "on lines 2, 3 and 4"),
        (8, "on lines 2, 3, 4, 5, 6, 7, 8 and 9"),
        (60, "on lines 2, 3, 4, 5, 6, 7, 8, 9, … (60 in all)"),
    ],
)
def test_a_key_written_many_times_is_counted_and_its_lines_listed_as_long_lists_are(
    times: int, lines: str
) -> None:
    """A key written 60 times had been said to appear "twice" (found by review)."""
    found = problem("when:\n" + "  eq: 1\n" * times)
    assert (found.code, found.source.line) == ("duplicate-key", 3)
    assert found.message == f"the key `eq` appears {times} times in this mapping, {lines}"


@pytest.mark.parametrize(
    ("text", "times", "places"),
    [
        ('{"when": {"eq": 1, "eq": 2, "eq": 3}}\n', 3, "on line 1 (columns 11, 20 and 29)"),
        ("when: {eq: 1,\n  eq: 2, eq: 3, eq: 4}\n", 4, "on lines 1 and 2 (columns 3, 10 and 17)"),
    ],
)
def test_a_key_written_many_times_on_one_line_is_placed_by_its_columns(
    text: str, times: int, places: str
) -> None:
    """A plan written on one line (as JSON often is) had been told "on lines 1, 1 and 1"
    (found by review)."""
    found = problem(text)
    assert found.message == f"the key `eq` appears {times} times in this mapping, {places}"


def test_many_numbers_cut_in_braces_are_listed_as_long_lists_are() -> None:
    """Each number was written out in the message, twice (60 made a message of 2 KB; found by
    review); the hint still writes each."""
    found = problem("when: {" + ", ".join(f"k{i}: 1,5" for i in range(60)) + "}\n")
    assert found.message == (
        "`k0: 1,5`, `k1: 1,5`, `k2: 1,5`, `k3: 1,5`, `k4: 1,5`, `k5: 1,5`, `k6: 1,5`, "
        "`k7: 1,5`, … (60 in all) were read as `k0: 1`, `k1: 1`, `k2: 1`, `k3: 1`, `k4: 1`, "
        "`k5: 1`, `k6: 1`, `k7: 1`, … (60 in all) and the key `5` 60 times: in braces, a comma "
        "ends a value"
    )
    assert found.hint.count("1.5") == 60


def test_an_explicit_document_start_is_fine() -> None:
    assert data("---\nbackplan: 1\n") == {"backplan": 1}


@pytest.mark.parametrize("text", ["", "\n", "   \n\n  \n"])
def test_empty_file(text: str) -> None:
    found = problem(text)
    assert found.code == "empty-file"
    assert (found.source.line, found.source.column) == (1, 1)
    assert "empty" in found.message
    assert "backplan: 1" in found.hint


def test_comment_only_file() -> None:
    found = problem("# the plan\n   # more to come\n\n")
    assert found.code == "empty-file"
    assert (found.source.line, found.source.column) == (1, 1)
    assert "backplan: 1" in found.hint


def test_binary_file_is_refused_with_the_place_of_the_first_nul(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"backplan: 1\nplan:\x00\x01\x02\xff\xfe")
    found = file_problem(path)
    assert found.code == "binary-file"
    assert (found.source.line, found.source.column) == (2, 6)
    assert "binary" in found.message


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("rules:\n  - id: r\n    title: a\x1bb\n", 3, 13),
        ('rules:\n  - id: r\n    title: "ab\x7f"\n', 3, 15),
        ("\x1b: 1\n", 1, 1),
        # after letters of two or more bytes in UTF-8: libyaml counts bytes, and had put the
        # first of these at line 5 of a 4-line file (found by review)
        ('backplan: 1\nplan: {name: "ééééééééééééééééééééé"}\nrules: []\nx: a\x1bb\n', 4, 5),
        ('rules:\n  - id: r\n    title: "é ü\x7f"\n', 3, 16),
        ("title: 日本\x01\n", 1, 10),
    ],
)
def test_a_control_character_is_blamed_where_it_is(text: str, line: int, column: int) -> None:
    """The place given is the control character's own (columns count from 1), so an editor's
    "go to" lands on a character that is otherwise invisible."""
    found = problem(text)
    assert found.code == "yaml-syntax"
    assert "control character" in found.message
    assert (found.source.line, found.source.column) == (line, column)


@pytest.mark.parametrize(
    ("raw", "code", "column"),
    [
        (b"backplan: 1\nplan:\n  name: Caf\xc3\xa9 \xc3\xa9t\xc3\xa9 \xe9\n", "not-utf8", 18),
        (b"backplan: 1\nplan:\n  name: Caf\xc3\xa9 \xc3\xa9t\xc3\xa9 \x00\n", "binary-file", 18),
        (b"\xef\xbb\xbfbackplan: 1\xe9\n", "not-utf8", 12),
        (b"\xef\xbb\xbfbackplan: 1\xff\xff\x00\n", "binary-file", 14),
    ],
    ids=["not-utf8-after-letters", "nul-after-letters", "not-utf8-after-bom", "nul-after-bom"],
)
def test_a_byte_the_file_cannot_hold_is_placed_in_characters(
    raw: bytes, code: str, column: int
) -> None:
    """The column of a byte that is not UTF-8, or of the NUL of a binary file, counts the
    characters before it as an editor shows them (``é``, two bytes, is one column; a byte-order
    mark, none): it had counted bytes, one column too many per such letter (found by fuzzing)."""
    with pytest.raises(PlanError) as caught:
        decode_plan_bytes(raw, "plan.yaml")
    [found] = caught.value.diagnostics
    assert (found.code, found.source.column) == (code, column)


@pytest.mark.parametrize("end", ["\r", "\r\n", "\u2028"], ids=["cr", "crlf", "line-separator"])
@pytest.mark.parametrize(
    ("last", "code"),
    [(b"\x00", "binary-file"), (b"\xe9", "not-utf8"), (b"\x1b", "yaml-syntax")],
    ids=["nul", "not-utf8", "control"],
)
def test_a_refused_character_is_placed_on_the_line_yaml_counts(
    end: str, last: bytes, code: str
) -> None:
    """In a file whose lines end with a carriage return alone (an old Mac's), the place of a
    NUL, of a byte that is not UTF-8 and of a control character counts lines as the YAML
    parser, and so every other message of the file, counts them: they had been told at line
    1, at a column past the end of the whole file (found by fuzzing)."""
    raw = end.join(["backplan: 1", "plan:", "  name: é"]).encode() + last
    with pytest.raises(PlanError) as caught:
        decode_plan_bytes(raw, "plan.yaml")
        load_yaml(raw.decode(), "plan.yaml")
    [found] = caught.value.diagnostics
    assert (found.code, found.source.line, found.source.column) == (code, 3, 10)


def test_an_image_is_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "logo.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert file_problem(path).code == "binary-file"


def test_invalid_utf8_is_located() -> None:
    with pytest.raises(PlanError) as caught:
        decode_plan_bytes(b"backplan: 1\nplan:\n  name: Caf\xe9 Roma\n", "plan.yaml")
    [found] = caught.value.diagnostics
    assert found.code == "not-utf8"
    assert (found.source.line, found.source.column) == (3, 12)
    assert found.message == (
        "the file is not UTF-8 text: it looks saved as Windows-1252 (Latin-1), where this byte "
        "is `é`"
    )
    assert "UTF-8" in found.hint


def test_a_file_saved_as_shift_jis_is_named_so() -> None:
    """A Japanese Notepad's file had been told only "not UTF-8 text" (found by writing a
    hotel's plan); French saved as Latin-1, whose `éç` Shift-JIS reads as a kanji too, is
    still told as Windows-1252: no kana."""
    raw = "backplan: 1\nrules:\n  - id: r\n    title: 悪いレビュー\n".encode("cp932")
    with pytest.raises(PlanError) as caught:
        decode_plan_bytes(raw, "plan.yaml")
    [found] = caught.value.diagnostics
    assert (found.source.line, found.source.column) == (4, 12)
    assert found.message == (
        "the file is not UTF-8 text: it looks saved as Shift-JIS (Japanese Windows), where "
        "these bytes are `悪`"
    )
    with pytest.raises(PlanError) as caught:
        decode_plan_bytes("plan: {name: Très déçu}\n".encode("cp1252"), "plan.yaml")
    assert caught.value.diagnostics[0].message.endswith("(Latin-1), where this byte is `è`")


@pytest.mark.parametrize("raw", [b"rules: []\nx: \x81\n", b"rules: []\nx: \xa0\n"])
def test_a_byte_that_is_no_letter_in_windows_1252_is_not_named(raw: bytes) -> None:
    """0x81 is no character in Windows-1252, and 0xA0 a space no one would see: the message
    says only that the file is not UTF-8."""
    with pytest.raises(PlanError) as caught:
        decode_plan_bytes(raw, "plan.yaml")
    [found] = caught.value.diagnostics
    assert found.message == "the file is not UTF-8 text"


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes("\ufeffbackplan: 1\nplan: {name: Café}\n".encode())
    document = load_yaml(read_plan_text(path), str(path))
    assert document.data == {"backplan": 1, "plan": {"name": "Café"}}
    assert document.locate("/backplan", key=True).line == 1
    assert document.locate("/backplan", key=True).column == 1


@pytest.mark.parametrize(
    ("first_line", "column", "message", "hint"),
    [
        (
            'title: "A \\d"',
            11,
            "`\\d` in double quotes is not an escape YAML knows",
            'in double quotes a backslash starts an escape (`"\\b"` is a backspace): write the text '
            "in single quotes, or double each backslash: `'A \\d'` or `\"A \\\\d\"`",
        ),
        (
            "@acme: 1",
            1,
            "a value cannot start with `@`",
            'put the value in quotes, such as "@acme"',
        ),
    ],
)
def test_a_syntax_error_on_the_first_line_of_a_file_saved_with_two_byte_order_marks(
    first_line: str, column: int, message: str, hint: str, tmp_path: Path
) -> None:
    """The reader removes one mark and libyaml skips the other without counting it in its
    columns: the first line had been read one column off, the escape left unnamed
    (yamlsyntax/backslashes.py 46, never run) and the `@` said to be a byte-order mark."""
    path = tmp_path / "plan.yaml"
    path.write_bytes(("\ufeff\ufeff" + first_line + "\n").encode())
    found = file_problem(path)
    assert (found.source.line, found.source.column) == (1, column)  # as libyaml counts
    assert (found.message, found.hint) == (f"YAML syntax error: {message}", hint)


@pytest.mark.parametrize("marks", ["", "\ufeff", "\ufeff\ufeff"])
def test_braces_left_open_on_a_file_s_only_line_are_told_at_its_end_whatever_its_marks(
    marks: str, tmp_path: Path
) -> None:
    """libyaml marks the end of a file without a last line break on a line after it, told at
    the end of the last line: counted with the byte-order mark a file saved with two keeps,
    one column past it."""
    path = tmp_path / "plan.yaml"
    path.write_bytes((marks + "rules: {a: b").encode())
    found = file_problem(path)
    assert (found.source.line, found.source.column) == (1, 13)
    assert found.message == "YAML syntax error: the `{` opened on line 1 is not closed"


@pytest.mark.parametrize("marks", ["", "\ufeff", "\ufeff\ufeff"])
def test_a_text_after_an_anchor_is_found_whatever_the_file_s_marks(
    marks: str, tmp_path: Path
) -> None:
    """The text was read at libyaml's marks one character early in a file saved with two
    byte-order marks: the anchor's `&` was not found, and the plan's schema errors were told
    instead of the text to put in quotes."""
    path = tmp_path / "plan.yaml"
    path.write_bytes((marks + "plan: {name: X}\ntitle: &Co complaint\n").encode())
    found = file_problem(path)
    assert (found.code, found.source.line, found.source.column) == ("text-read-as-anchor", 2, 8)
    assert found.hint == 'put the whole text in quotes: `title: "&Co complaint"`'


def test_a_missing_file_is_a_located_error(tmp_path: Path) -> None:
    found = file_problem(tmp_path / "nope.yaml")
    assert found.code == "unreadable"
    assert "nope.yaml" in found.source.path


# --- Budgets: aliases, depth, size ------------------------------------------------------------


def test_aliases_within_the_budget_are_expanded() -> None:
    document = load(
        """\
        shared: &sorry
          apologize: {within: 1h}
        then:
          - *sorry
          - *sorry
        """
    )
    sorry = {"apologize": {"within": "1h"}}
    assert document.data["then"] == [sorry, sorry]
    assert document.data["then"][0] is not document.data["then"][1]  # copies, not shared
    assert document.locate("/then/1/apologize/within").line == 2  # where the text is


ALIAS_BOMB = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_alias_bomb_is_refused_before_it_is_expanded() -> None:
    tracemalloc.start()
    try:
        with pytest.raises(PlanError) as caught:
            load_yaml(ALIAS_BOMB, "bomb.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    [found] = caught.value.diagnostics
    assert found.code == "yaml-too-large"
    assert 1 <= found.source.line <= 9
    assert "alias" in found.message
    assert found.hint
    # A billion "lol"s would take gigabytes; refusing must cost about what the text does.
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def _aliased_text(length: int, uses: int, *, as_key: bool = False) -> str:
    """A document naming one text of ``length`` characters, then using it ``uses`` times, as
    list items or as the key of a mapping each."""
    use = "{*t : 1}" if as_key else "*t"
    return f"t: &t {'x' * length}\nuses: [{', '.join([use] * uses)}]\n"


@pytest.mark.parametrize("as_key", [False, True], ids=["values", "keys"])
def test_aliases_repeating_long_text_are_refused_past_the_text_budget(as_key: bool) -> None:
    """Each alias to a text was one value: 50 aliases to 100,000 characters passed."""
    length = 100_000
    uses = 42  # 4.2 million characters: past 4 MiB (4,194,304), as 41 uses are not
    found = problem(_aliased_text(length, uses, as_key=as_key))
    assert found.code == "yaml-too-large"
    assert found.message == (
        "the YAML aliases (`*name`) in the file expand to more than 4 MiB of text"
    )
    assert found.source.line == 1  # the text repeated (an alias has no node of its own)
    assert found.hint == "shorten the long text the aliases repeat, or use it in fewer places"
    assert len(load(_aliased_text(length, uses - 1, as_key=as_key)).data["uses"]) == uses - 1


@pytest.mark.parametrize(
    ("line", "column", "message", "hint"),
    [
        (
            "title: &Co complaint",
            10,
            "`&Co` was read as a YAML anchor (a name for the value after it), not as text: the "
            "text is only `complaint`",
            'put the whole text in quotes: `title: "&Co complaint"`',
        ),
        (
            "note: {message: &more info needed}",
            19,
            "`&more` was read as a YAML anchor (a name for the value after it), not as text: the "
            "text is only `info needed`",
            'put the whole text in quotes: `message: "&more info needed"`',
        ),
        (
            "tags: [vip, &R D]",
            15,
            "`&R` was read as a YAML anchor (a name for the value after it), not as text: the "
            "text is only `D`",
            'put the whole text in quotes: `"&R D"`',
        ),
    ],
)
def test_text_starting_with_an_anchor_no_alias_uses_is_refused_at_the_anchor(
    line: str, column: int, message: str, hint: str
) -> None:
    """`title: &Co complaint` is the title "complaint" under YAML's anchor `Co`: the `&Co` the
    manager wrote was lost without a word."""
    found = problem(f"rule:\n  {line}\n")
    assert (found.code, found.message, found.hint) == ("text-read-as-anchor", message, hint)
    assert (found.source.line, found.source.column) == (2, column)


def test_each_text_read_as_an_anchor_is_told() -> None:
    with pytest.raises(PlanError) as caught:
        load("a: &one x\nb: &two y\n")
    assert [(d.source.line, d.source.pointer) for d in caught.value.diagnostics] == [
        (1, "/a"),
        (2, "/b"),
    ]


@pytest.mark.parametrize(
    ("text", "loaded"),
    [
        ("a: &x vip\nb: *x\n", {"a": "vip", "b": "vip"}),  # used by an alias
        # a mapping or a list, even unused
        ("a: &base {k: 1}\nb: &list [1]\n", {"a": {"k": 1}, "b": [1]}),
        # the text not on the anchor's line
        ("a: &x\n  text on the next line\n", {"a": "text on the next line"}),
        ("a: &x\n  b: 1\n", {"a": {"b": 1}}),  # a mapping below it
        ("a: &x\n", {"a": None}),  # nothing after it
        ('a: &x "quoted"\n', {"a": "quoted"}),  # quoted: written as YAML, on purpose
        ("a: &n 5\n", {"a": 5}),  # a number
        ("a: R&D and Q & A\n", {"a": "R&D and Q & A"}),  # no anchor at all
    ],
)
def test_anchors_that_are_meant_are_not_refused(text: str, loaded: Any) -> None:
    """Loaded as YAML reads them: the anchor names the value, and is no part of it."""
    assert data(text) == loaded


@pytest.mark.parametrize(
    "text",
    ["a: &x {b: 1}\nc: *x\n", "rules: &all\n  - id: r\n", "a: R&D and Q & A\nb: '&x y'\n"],
)
def test_the_tree_is_not_walked_for_anchors_that_cannot_be_on_a_text(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a plain text written after an anchor on its line is looked at for the slip; the
    builder notes those as it meets them (a search of the whole text for each anchor's uses
    had made a 10,000-rule plan with an anchor in every rule load in 28 s instead of 8)."""
    import engine.loading

    def refuse(*args: object) -> None:
        raise AssertionError("walked")

    monkeypatch.setattr(engine.loading, "_anchored_texts", refuse)
    load(text)


def test_recursive_alias_in_a_list() -> None:
    found = problem("a: &a [1, *a]\n")
    assert found.code == "yaml-recursive"
    assert found.source.line == 1


def test_recursive_alias_in_a_mapping() -> None:
    found = problem("backplan: 1\nplan: &p\n  name: x\n  again: *p\n")
    assert found.code == "yaml-recursive"
    assert found.source.line in (2, 3, 4)


def test_nesting_up_to_the_limit_is_fine() -> None:
    depth = MAX_DEPTH - 1
    value = data("v: " + "[" * depth + "]" * depth)["v"]
    for _ in range(depth - 1):
        [value] = value
    assert value == []


@pytest.mark.parametrize("depth", [MAX_DEPTH + 2, 1_000, 50_000])
def test_nesting_beyond_the_limit_is_refused_without_crashing(depth: int) -> None:
    found = problem("v: " + "[" * depth + "]" * depth)
    assert found.code == "yaml-too-deep"
    assert found.source.line == 1
    assert str(MAX_DEPTH) in found.message


def test_nesting_built_from_aliases_counts_too() -> None:
    depth = MAX_DEPTH // 2 + 4
    text = "a: &deep " + "[" * depth + "]" * depth + "\nb: " + "[" * depth + "*deep" + "]" * depth
    found = problem(text)
    assert found.code == "yaml-too-deep"


def test_file_larger_than_the_limit_is_refused_by_its_size_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # sparse: no 60 MB written to disk
        handle.truncate(60 * 1024 * 1024)

    def no_reading(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the file was opened; it must be refused by its size alone")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(PlanError) as caught:
        read_plan_text(path)
    [found] = caught.value.diagnostics
    assert found.code == "file-too-large"
    assert "60.0 MB" in found.message
    assert str(MAX_FILE_BYTES // 1_048_576) in found.message
    assert found.hint


def test_file_just_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(PlanError) as caught:
        read_plan_text(path)
    assert caught.value.diagnostics[0].code == "file-too-large"


def test_bytes_over_the_limit_are_refused_without_decoding() -> None:
    with pytest.raises(PlanError) as caught:
        decode_plan_bytes(b"a" * (MAX_FILE_BYTES + 1), "stdin")
    assert caught.value.diagnostics[0].code == "file-too-large"


def test_a_plan_read_from_a_device_is_read_no_further_than_the_limit_and_refused() -> None:
    """What its size did not refuse (a file still growing; a device, whose size says 0, which
    the commands never open) is read up to one past the limit. It had been told "the file is
    too large for a plan", without the limit or what to do, as a file too large by its size
    is told."""
    with pytest.raises(PlanError) as caught:
        read_plan_text(Path("/dev/zero"))
    [found] = caught.value.diagnostics
    assert (found.code, found.message, found.hint) == (
        "file-too-large",
        f"the file is larger than {MAX_FILE_BYTES // 1_048_576} MB, the most a plan file may be",
        "split the plan into several files in one folder",
    )


# --- Positions: every value and key can be located --------------------------------------------

POSITIONED = """\
backplan: 1
plan:
  name: Acme Store
  currency: USD
rules:
  - id: late
    when: {event: order, all: [{field: order.delay_days, gt: 3}]}
    then:
      - apologize:
          message: "Sorry"
"a/b~c": odd
"""


def position(document: LoadedDocument, pointer: str, *, key: bool = False) -> tuple[int, int]:
    place = document.locate(pointer, key=key)
    assert place.pointer == pointer
    assert place.path == "plan.yaml"
    return place.line, place.column


def test_locate_values() -> None:
    document = load(POSITIONED)
    assert position(document, "") == (1, 1)
    assert position(document, "/backplan") == (1, 11)
    assert position(document, "/plan") == (3, 3)
    assert position(document, "/plan/name") == (3, 9)
    assert position(document, "/rules/0") == (6, 5)
    assert position(document, "/rules/0/id") == (6, 9)
    assert position(document, "/rules/0/when") == (7, 11)
    assert position(document, "/rules/0/when/event") == (7, 19)
    assert position(document, "/rules/0/when/all/0") == (7, 32)
    assert position(document, "/rules/0/when/all/0/gt") == (7, 62)
    assert position(document, "/rules/0/then/0/apologize/message") == (10, 20)


def test_locate_keys() -> None:
    document = load(POSITIONED)
    assert position(document, "/plan", key=True) == (2, 1)
    assert position(document, "/plan/name", key=True) == (3, 3)
    assert position(document, "/rules/0/when", key=True) == (7, 5)
    assert position(document, "/rules/0/when/all/0/gt", key=True) == (7, 58)
    assert position(document, "/rules/0/then/0/apologize", key=True) == (9, 9)


def test_locate_escapes_pointer_tokens() -> None:
    document = load(POSITIONED)
    assert document.data["a/b~c"] == "odd"
    assert position(document, "/a~1b~0c", key=True) == (11, 1)
    assert position(document, "/a~1b~0c") == (11, 10)


def test_locate_falls_back_to_the_nearest_parent() -> None:
    document = load(POSITIONED)
    assert position(document, "/plan/owner") == (3, 3)  # missing key: the mapping it belongs in
    assert position(document, "/plan/owner", key=True) == (2, 1)  # the parent key
    assert position(document, "/rules/0/then/5/x") == (9, 7)  # the list
    assert position(document, "/nothing/here") == (1, 1)


def test_a_key_without_its_own_place_is_located_at_its_value() -> None:
    document = load(POSITIONED)
    # List items have no key: asking for one gives the item's own place.
    assert position(document, "/rules/0", key=True) == (6, 5)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("0\x850:", 2, "this line is indented more than the key above it"),  # NEL breaks a line
        ("k:\u2028  - x\u2028 - y", 3, "a list item (`- `) where a key was expected"),
    ],
)
def test_syntax_messages_count_lines_as_yaml_does(text: str, line: int, message: str) -> None:
    # YAML also breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR: a message that
    # looked at the line of the error by splitting at "\n" alone read past the end (IndexError).
    with pytest.raises(PlanError) as raised:
        load_yaml(text, "x.yaml")
    [problem] = raised.value.diagnostics
    assert (problem.source.line, problem.message) == (line, f"YAML syntax error: {message}")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("backplan: 1\nrules: {a: b", (2, 13)),  # the end of the last line: where `}` goes
        ("backplan: 1\r\nrules: [a,", (2, 11)),
        ("backplan: 1\nrules: {a: b\n", (3, 1)),  # after a line break, the line after it is one
        ("backplan: 1\nrules: {a: b\r", (3, 1)),
    ],
)
def test_a_syntax_error_at_the_end_of_the_file_is_told_on_one_of_its_lines(
    text: str, place: tuple[int, int]
) -> None:
    """libyaml puts the end of a file that has no line break after its last line at the start
    of a line after it: an unclosed `{` on the last line was told at line 3 of a 2-line file,
    a line no editor can go to (found by fuzzing the command line)."""
    found = problem(text)
    assert found.code == "yaml-syntax"
    assert (found.source.line, found.source.column) == place


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_a_plan_saved_as_utf16_with_its_mark_is_read_as_its_text(
    tmp_path: Path, encoding: str
) -> None:
    text = (REPO / "rules" / "fallback.yaml").read_text(encoding="utf-8")
    marked = (
        text.encode(encoding)  # the mark in this machine's order: little-endian
        if encoding in ("utf-16", "utf-32")
        else "\ufeff".encode(encoding) + text.encode(encoding)
    )
    assert decode_plan_bytes(marked, "fallback.yaml") == text
    broken = text + "more: [unclosed\n"
    utf8, utf16 = tmp_path / "a.yaml", tmp_path / "b.yaml"
    utf8.write_text(broken, encoding="utf-8")
    utf16.write_bytes(broken.encode("utf-16"))
    first, second = file_problem(utf8), file_problem(utf16)
    assert (second.code, second.source.line, second.source.column, second.message) == (
        first.code,
        first.source.line,
        first.source.column,
        first.message,
    )


@pytest.mark.parametrize(
    ("encoding", "cut"),
    [
        ("utf-16", b"\x00"),
        ("utf-16", "\ud800".encode("utf-16-le", "surrogatepass")),
        ("utf-32", b""),
    ],
)
def test_a_plan_marked_utf16_that_does_not_go_on_as_utf16_is_named(
    encoding: str, cut: bytes
) -> None:
    """A byte-order mark, then bytes the codec refuses (an odd byte at the end, a lone half of
    a character, a UTF-32 code that is no character): the file is named as what it started as."""
    raw = "backplan: 1\n".encode(encoding) + cut
    if encoding == "utf-32":
        raw += (0x110000).to_bytes(4, "little")
    with pytest.raises(PlanError) as caught:
        decode_plan_bytes(raw, "plan.yaml")
    [found] = caught.value.diagnostics
    named = encoding.upper()
    assert (found.code, found.message, found.hint) == (
        "not-utf8",
        f"the file starts as {named} text but does not go on as {named}",
        "save the file as UTF-8 in your editor",
    )


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_without_its_mark_is_named_as_utf16(encoding: str) -> None:
    with pytest.raises(PlanError) as caught:
        decode_plan_bytes("backplan: 1\nplan:\n".encode(encoding), "plan.yaml")
    [found] = caught.value.diagnostics
    assert found.code == "not-utf8"
    named = encoding[:6].upper()  # UTF-16 or UTF-32
    assert f"{named} text without a byte-order mark" in found.message
    assert "binary" not in found.message


@pytest.mark.parametrize(
    ("value", "column"),
    [("{customer.first_name}, we are sorry", 20), ("{customer.first_name|there}, sorry", 20)],
)
def test_text_starting_with_a_field_and_not_in_quotes_is_named(value: str, column: int) -> None:
    text = f"backplan: 1\nrules:\n  - id: r\n    then:\n      - apologize:\n          message: {value}\n"
    found = problem(text)
    assert found.code == "yaml-syntax"
    assert "text that starts with `{` is read as a YAML mapping" in found.message
    assert found.hint == f'put the whole text in quotes, such as `message: "{value}"`'
    assert (found.source.line, found.source.column) == (6, column)


UNCLOSED_TITLE = """rules:
  - id: late
    title: "Late order
    when: {event: order}
    then:
      - apologize: {message: "Sorry, {customer.first_name|there}."}
"""

UNCLOSED_IN_A_FLOW = """rules:
  - id: late
    then:
      - apologize: {within: 1h, message: "Sorry, we are on it.}
      - escalate: {to: cx-lead, message: "No plan fits."}
"""


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [(UNCLOSED_TITLE, 3, 12), (UNCLOSED_IN_A_FLOW, 4, 42)],
    ids=["block", "flow"],
)
def test_a_quote_left_open_is_blamed_where_it_opens(text: str, line: int, column: int) -> None:
    """YAML reads a double-quoted text on to the next `"` (the next value's opening quote)
    and fails lines further on: that place was blamed, with words about a `{` or a list."""
    found = problem(text)
    assert found.code == "yaml-syntax"
    assert (found.source.line, found.source.column) == (line, column)
    assert found.message.startswith(
        "YAML syntax error: this quoted text is not closed on its line, so YAML read on to the"
    )
    assert found.hint == 'add the closing `"`; for text over several lines, use `|`'


@pytest.mark.parametrize(
    "below",
    [
        "notes: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n",  # nesting too deep
        # a control character further on than libyaml reads ahead of the error
        "# a note kept for the auditors, long enough to be read later\n" * 400
        + "notes: ring \x07 the bell\n",
    ],
    ids=["nesting-too-deep", "control-character"],
)
def test_a_quote_left_open_above_a_later_failure_is_blamed_where_it_opens(below: str) -> None:
    """Closing the quote lets YAML read on to a failure further down: it had been taken for a
    quote closed in vain, and the error told as "a list item (`- `) where a key was expected"
    at the apology below the quote (yamlsyntax/quotes.py 165, never run)."""
    found = problem(UNCLOSED_TITLE + below)
    assert (found.source.line, found.source.column) == (3, 12)
    assert found.message.startswith(
        "YAML syntax error: this quoted text is not closed on its line, so YAML read on to the"
    )
    assert found.hint == 'add the closing `"`; for text over several lines, use `|`'


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        (  # the template's own braces are the text's: the quote goes before the last `}`
            '{message: "Sorry {customer.first_name|there}}',
            'add the closing `"` where the text ends: `"Sorry {customer.first_name|there}"}`',
        ),
        ('"We are sorry', 'add the closing `"` where the text ends: `"We are sorry"`'),
        ("{tags: [late, 'vip]}", "add the closing `'` where the text ends: `'vip']}`"),
        # closing it where its brackets end still leaves a `]` too many: no guess
        ('{message: "Call back [soon]]}', "add the closing quote where the text ends"),
    ],
    ids=["in-braces-with-a-field", "at-the-line-s-end", "in-brackets", "no-guess"],
)
def test_a_quote_never_closed_is_hinted_closed_where_its_text_ends(line: str, hint: str) -> None:
    """The hint had been "add the closing quote", saying neither which nor where (review)."""
    found = problem(f"rules:\n  - id: r1\n    then:\n      - note: {line}\n")
    assert found.message == "YAML syntax error: this quoted text is never closed"
    assert found.hint == hint


def test_a_long_text_never_closed_is_hinted_by_its_end() -> None:
    """The hint quoted the mended text cut at its end, so the closing quote, the one thing it
    is to show, was cut off a long message (found by review): it is cut at its start."""
    words = "We are sorry for the delay. " * 12
    found = problem(f'rules:\n  - id: r1\n    then:\n      - note: {{message: "{words.strip()}}}\n')
    assert found.hint.startswith('add the closing `"` where the text ends: `…')
    assert found.hint.endswith('sorry for the delay."}`')
    assert len(found.hint) < 300


LATER_ERROR = "  - id: r2\n    title: R2\n    when: {event: review\n    then: [apologize: {}]\n"


@pytest.mark.parametrize(
    "before",
    [
        '    title: He said, "we will call back\n',  # a quote inside plain text
        '  # tip: "quote titles that start with *\n    title: R1\n',  # inside a comment
        '    title: R1\n    message: |\n      Sorry, "we got it wrong\n      this time.\n',
        '    title: "A long title\n      over two lines\n      "\n',  # closed alone on a line
        # as many texts over lines as are tried (yamlsyntax/quotes.py 98, never run)
        '    title: "A long\n      title"\n    description: "Over\n      two lines"\n'
        '    note: "And\n      more"\n',
    ],
    ids=["plain-text", "comment", "block-text", "text-over-lines", "three-texts-over-lines"],
)
def test_a_quote_that_is_not_left_open_is_not_blamed(before: str) -> None:
    """Closing these quotes mends nothing: the error is told where YAML met it (an
    independent review found each of them blamed)."""
    text = f"rules:\n  - id: r1\n{before}    when: {{event: review}}\n{LATER_ERROR}"
    found = problem(text)
    assert "not closed on its line" not in found.message
    assert (
        found.message
        == "YAML syntax error: the `{` opened on line "
        + str(text.count("\n") - 1)
        + " is not closed"
    )


@pytest.mark.parametrize(
    "line", ["message: Hi Dana, thanks: we will call", "description: Late order, reason: traffic"]
)
def test_text_with_a_colon_after_a_comma_is_told_to_be_quoted_not_braced(line: str) -> None:
    """Only keys of the language are taken for keys written without braces."""
    found = problem(f"rules:\n  - id: r\n    {line}\n")
    assert found.message == "YAML syntax error: a `: ` inside a value"
    assert found.hint.startswith("put the value in quotes")


@pytest.mark.parametrize(
    ("text", "place", "message", "hint"),
    [
        (  # the `[` is on line 1; libyaml's mark is where it wanted the next value
            "x: [\n",
            (2, 1),
            "the `[` opened on line 1 is not closed",
            "close it with `]`, and separate the items with commas",
        ),
        (
            "rules:\n  - when:\n      all:\n        - field: rating, lte: 2\n",
            (4, 29),
            "several keys on one line, without braces: YAML reads the first key's value on to "
            "the next `: `",
            "put them in braces, `- {field: rating, lte: 2}`, or write each key on its own line",
        ),
        (  # the mistake is on the line above the one YAML stopped at
            "rules:\n  - then:\n      - escalate  # to the lead\n          to: cx-lead\n",
            (3, 17),
            "`escalate` has no `:` after it, so the keys below it cannot be its settings",
            "write `escalate:`",
        ),
        (  # without the comment YAML reads `escalate to` as one text, then meets the `: `
            "rules:\n  - then:\n      - escalate\n          to: cx-lead\n",
            (3, 17),
            "`escalate` has no `:` after it, so the keys below it cannot be its settings",
            "write `escalate:`",
        ),
        (
            "rules:\n  - then:\n      - follow_up:\n        within: 1h\n          message: x\n",
            (5, 11),
            "`message:` is indented more than `within:` on line 4, so it cannot be a key beside it",
            "indent `within:` to column 11, like `message:`",  # under follow_up, as it holds
        ),
        (  # a rule's second key one space too far in: `title:` is in line with `- id:`'s key,
            # so only `fallback:` is out of line (moving `title:` was offered too; review)
            "rules:\n  - id: a\n    title: A\n     fallback: true\n",
            (4, 6),
            "`fallback:` is indented more than `title:` on line 3, so it cannot be a key beside it",
            "indent `fallback:` to column 5, like `title:`",
        ),
        (  # a list's `- ` on its key's line: YAML's own words were "block sequence entries are
            # not allowed in this context" (found by review); the items below it are the list's,
            # a `#` in a word or in quotes is the item's, one after a blank a comment
            "rules:\n  - then:\n      - tag:\n          tags: - c#dev  # ours\n"
            "          - 'v#ip'\n          - a, b\n",
            (4, 17),
            "a list's `- ` cannot follow `tags:` on its line",
            "write each item on a line of its own below `tags:`, indented under it and starting "
            """with `- `, or the list in brackets on this line: `tags: ["c#dev", 'v#ip', "a, b"]`""",
        ),
        (  # actions after `then:` on its line: each in braces in the list, not a text in
            # quotes (`["apologize: {}"]` had been hinted, a list of texts `then:` refuses)
            "rules:\n  - id: r\n    then: - apologize: {}\n    - note: {message: Sorry}\n",
            (3, 11),
            "a list's `- ` cannot follow `then:` on its line",
            "write each item on a line of its own below `then:`, indented under it and starting "
            "with `- `, or the list in brackets on this line: "
            "`then: [{apologize: {}}, {note: {message: Sorry}}]`",
        ),
        (  # a text key takes no list: the hint had been the list in brackets, `["cold pizza"]`
            "rules:\n  - id: a\n    title: - cold pizza  # ours\n",
            (3, 12),
            "text that starts with `- ` is read as a list's item, not as text",
            'put the whole text in quotes: `title: "- cold pizza"`',
        ),
        (
            'rules:\n  - then:\n      - note: {within: 1h}\n  - message: - "no" means no\n',
            (4, 14),
            "text that starts with `- ` is read as a list's item, not as text",
            """put the whole text in quotes: `message: '- "no" means no'`""",
        ),
        (  # a key of `plan:` two spaces in: the other is out of line
            "plan:\n  name: Acme\n   currency: USD\n",
            (3, 4),
            "`currency:` is indented more than `name:` on line 2, so it cannot be a key beside it",
            "indent `currency:` to column 3, like `name:`",
        ),
        (  # the hint's quoted text is valid YAML: its backslash escaped
            "rules:\n  - then: [{note: {message: Note: see C:\\path}}]\n",
            (2, 33),
            "a `: ` inside a value in braces",
            'put the value in quotes: `message: "Note: see C:\\\\path"`',
        ),
        (  # a `#` after a blank in braces starts a comment, which takes the `}` with it
            "rules:\n  - then:\n      - follow_up: {within: 2d, message: Check order #12 now}\n",
            (3, 54),
            "a `#` after a blank starts a comment, so YAML read no further on line 3 and the `}` "
            "after it is not read",
            'put the text that holds the `#` in quotes: `message: "Check order #12 now"`',
        ),
        (  # brackets and commas after the `#` are the message's own, up to the next key: the
            # hint quoted `message: "See order #"`, and lost the rest (found by review)
            "rules:\n  - then:\n      - note: {message: See order #{order.id}, today, within: 1h}\n",
            (3, 35),
            "a `#` after a blank starts a comment, so YAML read no further on line 3 and the `}` "
            "after it is not read",
            'put the text that holds the `#` in quotes: `message: "See order #{order.id}, today"`',
        ),
        (  # a key with a blank before its colon ends the text too: the hint had taken
            # `, within : 1h` into the quoted message (found by review)
            "rules:\n  - then:\n      - apologize: {message: Check order #1234 today, within : 1h}\n",
            (3, 42),
            "a `#` after a blank starts a comment, so YAML read no further on line 3 and the `}` "
            "after it is not read",
            'put the text that holds the `#` in quotes: `message: "Check order #1234 today"`',
        ),
        (  # up to the bracket that closes the one the value is in
            "rules:\n  - then: [{note: {message: Ref #[12] ok}}]\n",
            (2, 33),
            "a `#` after a blank starts a comment, so YAML read no further on line 2 and the `}` "
            "after it is not read",
            'put the text that holds the `#` in quotes: `message: "Ref #[12] ok"`',
        ),
        (  # a list's item: quoted alone
            "rules:\n  - when: {all: [{field: store, in: [A1, #B2]}]}\n",
            (2, 42),
            "a `#` after a blank starts a comment, so YAML read no further on line 2 and the `]` "
            "after it is not read",
            'put the text that holds the `#` in quotes: `"#B2"`',
        ),
        (  # a real comment after an open bracket: the bracket is what is left open
            "x: [a,  # the first\n  b\n",
            (3, 1),
            "the `[` opened on line 1 is not closed",
            "close it with `]`, and separate the items with commas",
        ),
        (  # `''` in single quotes is a quote: the `{` after it is text
            "rules:\n  - then: [{apologize: {message: 'it''s {b'}}, \n",
            (3, 1),
            "the `[` opened on line 2 is not closed",
            "close it with `]`, and separate the items with commas",
        ),
        (  # `\"` does not end a quoted text: the `[` inside it is text, the first one is open
            'rules:\n  - then: [{apologize: {message: "a \\" [b"}}, \n',
            (3, 1),
            "the `[` opened on line 2 is not closed",
            "close it with `]`, and separate the items with commas",
        ),
        (  # `apologize` goes on with the message's text: no key missing its `:`
            "rules:\n  - then:\n      - apologize:\n          message: Please call and\n"
            "            apologize\n              today: before noon\n",
            (6, 20),
            "a `: ` inside a text that goes on over several lines",
            "put the whole text in quotes, or write it as a block: `message: >-`, then the text "
            "on the lines below it",
        ),
        (  # a block's text at its key's column: YAML reads the block as empty, the text as keys
            "rules:\n  - then:\n      - apologize:\n          message: >-\n"
            "          Hi {customer.name}, we're sorry.\n          See you soon.\n",
            (5, 11),
            "the text below `message: >-` is not indented further in than `message:`, so YAML "
            "reads its lines as keys",
            "indent each line of the text to column 13, two spaces further in than `message:`",
        ),
        (  # and at a column left of its key, below an item's key
            "rules:\n  - then:\n      - note: |\n\n    Hi {customer.name}.\n",
            (5, 5),
            "the text below `note: |` is not indented further in than `note:`, so YAML reads "
            "its lines as keys",
            "indent each line of the text to column 11, two spaces further in than `note:`",
        ),
        (  # nothing under `follow_up:` yet: its settings go two spaces in from its key
            "rules:\n  - then:\n      - follow_up:\n      within: 3d\n",
            (4, 7),
            "`within:` is at the column of the list's `- `, not of the item's keys",
            "if `within` is a setting of `follow_up`, indent it to column 11, two spaces right "
            "of `follow_up:`; start a new item with `- ` only if it is one",
        ),
        (  # `title:` one space short of `id:`: no item of the list starts at its column
            "rules:\n  - id: late\n   title: Late\n",
            (3, 4),
            "`title:` is indented less than `id:` of the list item on line 2, and more than its "
            "`- `, so it is neither a key of that item nor a new item",
            "if `title` belongs to that item, indent it to column 5, like `id:`; start a new "
            "item with `- ` only if it is one",
        ),
        (  # the next action one space too far in, below an action's settings
            "rules:\n  - then:\n      - apologize:\n          within: 4h\n       - note: {}\n",
            (5, 8),
            "this `- ` is indented more than the `- ` of the list item on line 3, and less than "
            "that item's keys",
            "to start the list's next item, line its `- ` up with that item's, at column 7",
        ),
        (  # the actions one space left of `then:`: only the rule's `- ` had been hinted,
            # which made of `- apologize:` a new rule (found by review)
            "rules:\n  - id: late\n    then:\n   - apologize: {}\n",
            (4, 4),
            "this `- ` is indented more than the `- ` of the list item on line 2, and less than "
            "that item's keys",
            "if the item belongs under `then:`, indent its `- ` to column 7, two spaces right of "
            "`then:`; to start the list's next item, line its `- ` up with that item's, at "
            "column 3",
        ),
        (  # `event:` one space left of `when:`: it had been hinted at the column of `id:`
            "rules:\n  - id: late\n    when:\n   event: order\n",
            (4, 4),
            "`event:` is indented less than `id:` of the list item on line 2, and more than its "
            "`- `, so it is neither a key of that item nor a new item",
            "if `event` belongs under `when:`, indent it to column 7, two spaces right of "
            "`when:`; if `event` belongs to that item, indent it to column 5, like `id:`; start "
            "a new item with `- ` only if it is one",
        ),
        (  # `y:` is in line with the key above it: `z:` is the one out of line
            "plan: {name: Acme}\nrules: []\nx: 1\ny: 2\n  z: 3\n",
            (5, 3),
            "`z:` is indented more than `y:` on line 4, so it cannot be a key beside it",
            "indent `z:` to column 1, like `y:`",
        ),
        (  # nothing above to tell which key is out of line
            "x: 1\n  y: 2\n",
            (2, 3),
            "`y:` is indented more than `x:` on line 1, so it cannot be a key beside it",
            "indent the keys of one mapping to the same column: `x:` to column 3, or `y:` to "
            "column 1",
        ),
        (  # the event type on `when:`'s line: lining `all:` up with `when:`, as had been
            # hinted, made it an unknown key of the rule (found by review)
            "rules:\n  - id: late\n    when: order  # late ones\n      all:\n"
            "        - {field: order.days_late, gte: 2}\n",
            (3, 11),
            "`when:` has a value on its own line, `order`, as well as `all:` below it: `when:` "
            "holds conditions, not a value",
            "if `order` is the event's type, write it as a condition under `when:`, in line with "
            "`all:`: `event: order`",
        ),
        (  # quoted, it had been told to line `all:` up with `when:`, as `when: true` is
            'rules:\n  - id: late\n    when: "order"\n      all:\n'
            "        - {field: order.days_late, gte: 2}\n",
            (3, 11),
            '`when:` has a value on its own line, `"order"`, as well as `all:` below it: '
            "`when:` holds conditions, not a value",
            "if `order` is the event's type, write it as a condition under `when:`, in line with "
            "`all:`: `event: order`",
        ),
        (  # in braces too: lining `all:` up with `when:` made it a key of the rule
            "rules:\n  - id: late\n    when: {event: [order, review]}\n      all:\n"
            "        - {field: order.days_late, gte: 2}\n",
            (3, 11),
            "`when:` has conditions in braces on its own line, `{event: [order, review]}`, as "
            "well as `all:` below it: write them one way or the other",
            "write each on a line of its own under `when:`, in line with `all:`: "
            "`event: [order, review]`",
        ),
        (  # a tag: building `!!bool maybe` had raised KeyError, an internal error
            "rules:\n  - id: late\n    when: {event: !!bool maybe}\n      all:\n"
            "        - {field: order.days_late, gte: 2}\n",
            (4, 7),
            "`all:` is indented more than `when:` on line 3, so it cannot be a key beside it",
            "indent `all:` to column 5, like `when:`",
        ),
        (  # true is no event type: `event: true` had been hinted (found by review)
            "rules:\n  - id: late\n    when: true\n      all:\n"
            "        - {field: order.days_late, gte: 2}\n",
            (4, 7),
            "`all:` is indented more than `when:` on line 3, so it cannot be a key beside it",
            "indent `all:` to column 5, like `when:`",
        ),
        (  # a field of a plan test's event named `when`, not a rule's: it had been told that
            # `when:` holds conditions, with the hint `event: yesterday` (found by review)
            "cases:\n  - name: a\n    event:\n      when: yesterday\n        detail: x\n",
            (5, 9),
            "`detail:` is indented more than `when:` on line 4, so it cannot be a key beside it",
            "indent `detail:` to column 7, like `when:`",
        ),
        (  # an action without its `- ` is never a setting of the action above (review)
            "rules:\n  - then:\n      - apologize: {}\n      compensate: {kind: voucher, amount: 5}\n",
            (4, 7),
            "`compensate:` is at the column of the list's `- ` but has none: each action is an "
            "item of the list, with its own `- `",
            "write `- compensate:`, like `- apologize:` on line 3",
        ),
        (  # below a built-in action's settings too: none of them is named as an action
            "rules:\n  - then:\n      - apologize:\n          within: 1h\n      note: {message: hi}\n",
            (5, 7),
            "`note:` is at the column of the list's `- ` but has none: each action is an item "
            "of the list, with its own `- `",
            "write `- note:`, like `- apologize:` on line 3",
        ),
        (  # a first action without its `- `: it had been hinted a list's key left out (review)
            "rules:\n  - then:\n      apologize: {within: 2h}\n      - note: {message: hi}\n",
            (3, 7),
            "`apologize:` is the first action of the list but has no `- `: each action is an "
            "item of the list, with its own `- `",
            "write `- apologize:`, like `- note:` on line 4",
        ),
        (  # with its settings below it
            "rules:\n  - then:\n      apologize:\n        within: 1h\n      - note: {message: hi}\n",
            (3, 7),
            "`apologize:` is the first action of the list but has no `- `: each action is an "
            "item of the list, with its own `- `",
            "write `- apologize:`, like `- note:` on line 5",
        ),
        (  # the item below names no action: no list of actions to tell it the first of
            # (yamlsyntax/lists.py 309, never run)
            "rules:\n  - then:\n      apologize: {within: 2h}\n      - wobble: {}\n",
            (4, 7),
            "a list item (`- `) where a key was expected",
            "if the list's key is missing from the line above (such as `then:` or `prevent:` for "
            "actions, `all:` for tests), add it; if the item belongs to a list above, line its "
            "`-` up with that list's other items",
        ),
        (  # a first condition in braces without its `- `
            "rules:\n  - when:\n      all:\n        {use: vip}  # VIPs\n        - {use: late}  # late\n",
            (4, 9),
            "`{use: vip}` is the first condition of the list but has no `- `: each condition is "
            "an item of the list, with its own `- `",
            "write `- {use: vip}`, like `- {use: late}` on line 5",
        ),
        (  # a first action in braces without its `- `: an action, not a condition
            "rules:\n  - then:\n      {apologize: {}}\n      - {note: {message: hi}}\n",
            (3, 7),
            "`{apologize: {}}` is the first action of the list but has no `- `: each action is "
            "an item of the list, with its own `- `",
            "write `- {apologize: {}}`, like `- {note: {message: hi}}` on line 4",
        ),
        (  # a custom action's settings may have any name, an action's too: both are said
            "rules:\n  - then:\n      - x-crm:\n          level: 1\n      note: hi\n",
            (5, 7),
            "`note:` is at the column of the list's `- `, not of the item's keys",
            "if `note` is a setting of `x-crm`, indent it to column 11, under `level:`; start a "
            "new item with `- ` only if it is one",
        ),
        (  # a key of the rule, not a condition: it had been told to go under `when:` (review)
            "rules:\n  - id: a\n    when: {event: billing}\n     then:\n      - apologize: {}\n",
            (4, 6),
            "`then:` is indented more than `when:` on line 3, so it cannot be a key beside it",
            "indent `then:` to column 5, like `when:`",
        ),
        (
            "rules:\n  - id: a\n    when: billing\n     prevent:\n      - note: {message: x}\n",
            (4, 6),
            "`prevent:` is indented more than `when:` on line 3, so it cannot be a key beside it",
            "indent `prevent:` to column 5, like `when:`",
        ),
        (  # below `all:`'s tests: it had been told only that a key was expected (review)
            "rules:\n  - id: a\n    when:\n      all:\n        - {field: a, eq: 1}\n"
            "     then:\n      - apologize: {}\n",
            (6, 6),
            "`then:` is indented less than `all:` on line 4, and more than `when:` on line 3: it "
            "is a key of neither mapping",
            "indent `then:` to column 5, like `when:`: it is a key of the rule, not a condition "
            "under `when:`",
        ),
        (  # the keys under `when:` are where they go: only this one is to move (review)
            "rules:\n  - id: a\n    when:\n      event: order\n     then:\n",
            (5, 6),
            "`then:` is indented less than `event:` on line 4, and more than `when:` on line 3: "
            "it is a key of neither mapping",
            "indent `then:` to column 5, like `when:`: it is a key of the rule, not a condition "
            "under `when:`",
        ),
        (  # the keys under `when:` one step too far in, below the first one's tests
            "rules:\n  - id: a\n    when:\n        event: order\n        all:\n"
            "          - {field: a, eq: 1}\n      any:\n",
            (7, 7),
            "`any:` is indented less than `event:` on line 4, and more than `when:` on line 3: "
            "it is a key of neither mapping",
            "indent the keys under `when:` to column 7; a key beside `when:` goes at column 5",
        ),
        (  # a rule's key below tests a step too far in: `all:` had been told to line up with
            # `then:`, which made `then:` a condition (found by review)
            "rules:\n  - id: a\n    when:\n       all:\n         - {field: a, eq: 1}\n"
            "      then:\n      - apologize: {}\n",
            (6, 7),
            "`then:` is indented less than `all:` on line 4, and more than `when:` on line 3: it "
            "is a key of neither mapping",
            "indent `then:` to column 5, like `when:`: it is a key of the rule, not a condition "
            "under `when:`",
        ),
        (  # an action's setting between its holder and the settings beside it: either
            "rules:\n  - id: a\n    then:\n      - apologize:\n          within: 1h\n"
            "         channel: email\n",
            (6, 10),
            "`channel:` is indented less than `within:` on line 5, and more than `apologize:` on "
            "line 4: it is a key of neither mapping",
            "indent `channel:` to column 9 if it is a key beside `apologize:`, or to column 11, "
            "like `within:`, if it is one under it",
        ),
        (  # `prevent:` at the column of the actions' `- `: it had been hinted as a setting of
            # the action above, indented under `within:`, where it is refused (found by review)
            "rules:\n  - id: a\n    then:\n      - apologize:\n          within: 1h\n"
            "      prevent:\n      - root_cause: {owner: chef, within: 1d}\n",
            (6, 7),
            "`prevent:` is at the column of the `- ` of the actions under `then:`, but `prevent` "
            "is a key of the rule, not of an action",
            "move `prevent:` left to column 5, under `then:` on line 3, where the rule's other "
            "keys are",
        ),
        (  # the same below a one-line action, for a rule key with a value on its line
            "rules:\n  - id: a\n    prevent:\n      - training: {owner: chef, within: 7d}\n"
            "      priority: 5\n",
            (5, 7),
            "`priority:` is at the column of the `- ` of the actions under `prevent:`, but "
            "`priority` is a key of the rule, not of an action",
            "move `priority:` left to column 5, under `prevent:` on line 3, where the rule's "
            "other keys are",
        ),
        (  # a key the rule has already: moved left, it would be written twice; a second
            # `id:` most often starts a new rule (found by review)
            "rules:\n  - id: a\n    then:\n      - apologize: {}\n      id: b\n",
            (5, 7),
            "`id:` is at the column of the `- ` of the actions under `then:`; `id` is a key of "
            "the rule, which has one already, on line 2",
            "if a new rule starts here, start it with `- ` at column 3, as the rule on line 2 "
            "does; if not, keep one `id:` of the two",
        ),
        (  # the rule's key below the mistake is the rule's too
            "rules:\n  - id: a\n    then:\n      - apologize: {}\n      title: B\n    title: A\n",
            (5, 7),
            "`title:` is at the column of the `- ` of the actions under `then:`; `title` is a key "
            "of the rule, which has one already, on line 6",
            "if a new rule starts here, start it with `- ` at column 3, as the rule on line 2 "
            "does; if not, keep one `title:` of the two",
        ),
        (  # the next rule's keys are not this rule's
            "rules:\n  - id: a\n    then:\n      - apologize: {}\n      prevent: []\n"
            "  - prevent: []\n",
            (5, 7),
            "`prevent:` is at the column of the `- ` of the actions under `then:`, but `prevent` "
            "is a key of the rule, not of an action",
            "move `prevent:` left to column 5, under `then:` on line 3, where the rule's other "
            "keys are",
        ),
        (  # a custom action's settings may have any name, `priority` too: told as one
            "rules:\n  - then:\n      - x-crm:\n          level: 1\n      priority: 5\n",
            (5, 7),
            "`priority:` is at the column of the list's `- `, not of the item's keys",
            "if `priority` is a setting of `x-crm`, indent it to column 11, under `level:`; start "
            "a new item with `- ` only if it is one",
        ),
        (  # a custom action with its settings on its line cannot hold `prevent:`: it had been
            # hinted to indent it beside `x-crm:`, an action of two keys (found by review)
            "rules:\n  - id: a\n    then:\n      - x-crm: {}  # our CRM\n      prevent: []\n",
            (5, 7),
            "`prevent:` is at the column of the `- ` of the actions under `then:`, but `prevent` "
            "is a key of the rule, not of an action",
            "move `prevent:` left to column 5, under `then:` on line 3, where the rule's other "
            "keys are",
        ),
        (  # an action in braces has its settings on its line too
            "rules:\n  - id: a\n    then:\n      - {apologize: {}}\n      prevent: []\n",
            (5, 7),
            "`prevent:` is at the column of the `- ` of the actions under `then:`, but `prevent` "
            "is a key of the rule, not of an action",
            "move `prevent:` left to column 5, under `then:` on line 3, where the rule's other "
            "keys are",
        ),
        (  # a custom action's name in quotes, its settings below: they may have any name
            'rules:\n  - then:\n      - "x-crm":\n          level: 1\n      priority: 5\n',
            (5, 7),
            "`priority:` is at the column of the list's `- `, not of the item's keys",
            "if `priority` belongs to the item above, indent it to column 9, where that item's "
            "keys start; start a new item with `- ` only if it is one",
        ),
        (  # `- x-crm:` and a comment: its settings may be below, with any name
            "rules:\n  - then:\n      - x-crm:  # our CRM\n      priority: 5\n",
            (4, 7),
            "`priority:` is at the column of the list's `- `, not of the item's keys",
            "if `priority` is a setting of `x-crm`, indent it to column 11, two spaces right of "
            "`x-crm:`; start a new item with `- ` only if it is one",
        ),
        (  # a list of actions under a key that is not `then:` or `prevent:` is no rule's
            "rules:\n  - id: a\n    steps:\n      - apologize: {}\n      priority: 5\n",
            (5, 7),
            "`priority:` is at the column of the list's `- `, not of the item's keys",
            "if `priority` belongs to the item above, indent it to column 9, where that item's "
            "keys start; start a new item with `- ` only if it is one",
        ),
        (  # the actions' `- ` one column right of `then:`: `then:` is still their key
            "rules:\n  - id: a\n    then:\n     - apologize: {}\n     priority: 5\n",
            (5, 6),
            "`priority:` is at the column of the `- ` of the actions under `then:`, but "
            "`priority` is a key of the rule, not of an action",
            "move `priority:` left to column 5, under `then:` on line 3, where the rule's other "
            "keys are",
        ),
        (  # a key the rule has already, under `prevent:`: its keys are read at `prevent:`'s
            # column, not at one as wide as its name
            "rules:\n  - id: a\n    prevent:\n      - training: {owner: chef, within: 7d}\n"
            "      id: b\n",
            (5, 7),
            "`id:` is at the column of the `- ` of the actions under `prevent:`; `id` is a key "
            "of the rule, which has one already, on line 2",
            "if a new rule starts here, start it with `- ` at column 3, as the rule on line 2 "
            "does; if not, keep one `id:` of the two",
        ),
        (  # keys of a rule written without its `- `: no line starts the rule
            "rules:\n  then:\n    - apologize: {}\n    id: b\n",
            (4, 5),
            "`id:` is at the column of the `- ` of the actions under `then:`, but `id` is a key "
            "of the rule, not of an action",
            "move `id:` left to column 3, under `then:` on line 2, where the rule's other keys are",
        ),
        (  # the rule's keys above are read past a blank line, a comment and `when:`'s tests
            "rules:\n  - id: a\n    when:\n      event: order\n\n    # what we do\n    then:\n"
            "      - apologize: {}\n      id: b\n",
            (9, 7),
            "`id:` is at the column of the `- ` of the actions under `then:`; `id` is a key of "
            "the rule, which has one already, on line 2",
            "if a new rule starts here, start it with `- ` at column 3, as the rule on line 2 "
            "does; if not, keep one `id:` of the two",
        ),
        (  # an extension key (`x-owner:`) above is no rule's start, below no next rule's
            "rules:\n  - id: a\n    x-owner: cx\n    then:\n      - apologize: {}\n"
            "      title: B\n    x-team: cx\n    title: A\n",
            (6, 7),
            "`title:` is at the column of the `- ` of the actions under `then:`; `title` is a key "
            "of the rule, which has one already, on line 8",
            "if a new rule starts here, start it with `- ` at column 3, as the rule on line 2 "
            "does; if not, keep one `title:` of the two",
        ),
        (  # a rule that starts the file, on its first line
            "- id: a\n  then:\n    - apologize: {}\n    id: b\n",
            (4, 5),
            "`id:` is at the column of the `- ` of the actions under `then:`; `id` is a key of "
            "the rule, which has one already, on line 1",
            "if a new rule starts here, start it with `- ` at column 1, as the rule on line 1 "
            "does; if not, keep one `id:` of the two",
        ),
        (  # no rule's `- ` above: the file's last line (no line break after it) is not read
            # as one above the first
            "  then:\n    - apologize: {}\n    id: b\n- id: x",
            (3, 5),
            "`id:` is at the column of the `- ` of the actions under `then:`, but `id` is a key "
            "of the rule, not of an action",
            "move `id:` left to column 3, under `then:` on line 1, where the rule's other keys are",
        ),
        (  # `tags` may be a setting (of `tag`): told as one, as before
            "rules:\n  - then:\n      - tag:\n          within: 1h\n      tags: [late]\n",
            (5, 7),
            "`tags:` is at the column of the list's `- `, not of the item's keys",
            "if `tags` is a setting of `tag`, indent it to column 11, under `within:`; start a "
            "new item with `- ` only if it is one",
        ),
        (  # a setting below an action written as a word: it has no keys to line it up with,
            # and indented "where that item's keys start" it had been read as more of the
            # word's text, another error (found by review)
            "rules:\n  - then:\n      - apologize\n      within: 2h  # soon\n",
            (4, 7),
            "`within:` is at the column of the list's `- `, below `- apologize`, an action "
            "written as a word, with no keys to line it up with",
            "if `within` is a setting of `apologize`, write `- apologize: {within: 2h}`, or "
            "`- apologize:` with `within:` below it at column 11; start a new item with `- ` "
            "only if it is one",
        ),
        (  # the same setting under the word, where that hint had sent the manager: it had
            # been told "line its key up with the keys above it", of a word with none
            "rules:\n  - then:\n      - apologize\n        within: 2h\n",
            (4, 9),
            "`within:` is indented under `- apologize`, an action written as a word, so YAML "
            "reads it as more of that word's text, where a `: ` cannot be",
            "if `within` is a setting of `apologize`, write `- apologize: {within: 2h}`, or "
            "`- apologize:` with `within:` below it at column 11; start a new item with `- ` "
            "only if it is one",
        ),
        (  # a text with a comma, written in braces as it is, had been the hint: in braces
            # the comma ends it, and the plan refused `we were late` (found by review)
            "rules:\n  - then:\n      - apologize\n      message: Sorry, we were late\n",
            (4, 7),
            "`message:` is at the column of the list's `- `, below `- apologize`, an action "
            "written as a word, with no keys to line it up with",
            'if `message` is a setting of `apologize`, write `- apologize: {message: "Sorry, we '
            'were late"}`, or `- apologize:` with `message:` below it at column 11; start a new '
            "item with `- ` only if it is one",
        ),
        (  # a `{` in the text, under the word: in braces it starts a mapping (found by review)
            "rules:\n  - then:\n      - apologize\n        message: see {order}\n",
            (4, 9),
            "`message:` is indented under `- apologize`, an action written as a word, so YAML "
            "reads it as more of that word's text, where a `: ` cannot be",
            'if `message` is a setting of `apologize`, write `- apologize: {message: "see '
            '{order}"}`, or `- apologize:` with `message:` below it at column 11; start a new '
            "item with `- ` only if it is one",
        ),
        (  # a tag named as an action, in a tag's list, is no action written as a word: it had
            # been hinted `- escalate: {within: 1h}`, a tag the plan refuses (found by review)
            "rules:\n  - then:\n      - tag:\n          tags:\n            - late\n"
            "            - escalate\n            within: 1h\n",
            (7, 13),
            "`within:` is at the column of the list's `- `, not of the item's keys",
            "if `within` belongs to the item above, indent it to column 15, where that item's "
            "keys start; start a new item with `- ` only if it is one",
        ),
        (  # the actions at the column of `then:`, an action above the word: it is still a
            # rule's list of actions (the actions above it passed over to find `then:`)
            "rules:\n  - id: a\n    then:\n    - note: {}\n    - apologize\n      within: 2h\n",
            (6, 7),
            "`within:` is indented under `- apologize`, an action written as a word, so YAML "
            "reads it as more of that word's text, where a `: ` cannot be",
            "if `within` is a setting of `apologize`, write `- apologize: {within: 2h}`, or "
            "`- apologize:` with `within:` below it at column 9; start a new item with `- ` "
            "only if it is one",
        ),
        (  # a block of text below is not written in braces (it would be read as no text)
            "rules:\n  - then:\n      - note\n      message: |\n        Call back\n",
            (4, 7),
            "`message:` is at the column of the list's `- `, below `- note`, an action written "
            "as a word, with no keys to line it up with",
            "if `message` is a setting of `note`, write `- note:` with `message:` below it at "
            "column 11; start a new item with `- ` only if it is one",
        ),
        (  # a word in a list under no key is in no rule's actions (nothing above it)
            "- apologize\nwithin: 2h\n",
            (2, 1),
            "`within:` is at the column of the list's `- `, not of the item's keys",
            "if `within` belongs to the item above, indent it to column 3, where that item's "
            "keys start; start a new item with `- ` only if it is one",
        ),
        (  # a custom action's settings may have any name; a list below is not written inline
            "rules:\n  - then:\n      - x-crm  # ours\n      teams:\n        - cx\n",
            (4, 7),
            "`teams:` is at the column of the list's `- `, below `- x-crm`, an action written "
            "as a word, with no keys to line it up with",
            "if `teams` is a setting of `x-crm`, write `- x-crm:` with `teams:` below it at "
            "column 11; start a new item with `- ` only if it is one",
        ),
        (  # a key that is no setting of the standard action is not told to be one
            "rules:\n  - then:\n      - apologize\n      to: cx\n",
            (4, 7),
            "`to:` is at the column of the list's `- `, not of the item's keys",
            "if `to` belongs to the item above, indent it to column 9, where that item's keys "
            "start; start a new item with `- ` only if it is one",
        ),
        (  # a key of the rule below a standard action written as a word: moved left, as
            # below one with its settings on its line (it had been told to be the item's)
            "rules:\n  - id: a\n    then:\n      - apologize\n      prevent: []\n",
            (5, 7),
            "`prevent:` is at the column of the `- ` of the actions under `then:`, but `prevent` "
            "is a key of the rule, not of an action",
            "move `prevent:` left to column 5, under `then:` on line 3, where the rule's other "
            "keys are",
        ),
        (  # a comment under `follow_up:` is no setting (yamlsyntax/lists.py 346, never run)
            "rules:\n  - then:\n      - follow_up:\n          # in three days\n      within: 3d\n",
            (5, 7),
            "`within:` is at the column of the list's `- `, not of the item's keys",
            "if `within` is a setting of `follow_up`, indent it to column 11, two spaces right "
            "of `follow_up:`; start a new item with `- ` only if it is one",
        ),
        (  # `follow_up:` holds a text, not settings: `owner:` is the item's (lists.py 347)
            "rules:\n  - then:\n      - follow_up:\n          within 3d\n      owner: cx\n",
            (5, 7),
            "`owner:` is at the column of the list's `- `, not of the item's keys",
            "if `owner` belongs to the item above, indent it to column 9, where that item's keys "
            "start; start a new item with `- ` only if it is one",
        ),
        (  # an item's `-` alone on its line, its keys below: no item above is found, and the
            # list's column is told (lists.py 254, never run: the list's key is passed)
            "rules:\n  -\n    id: a\n  title: b\n",
            (4, 3),
            "a list item (`- `) was expected here",
            "at this column the list's items start with `- `: start a new item with `- `, or "
            "indent this line under the item it belongs to",
        ),
        (  # the same at the file's first column (lists.py 213, never run: the top is reached)
            "-\n  id: a\ntitle: b\n",
            (3, 1),
            "a list item (`- `) was expected here",
            "at this column the list's items start with `- `: start a new item with `- `, or "
            "indent this line under the item it belongs to",
        ),
        (  # the `}` after the `#` is the field's own, the braces' one left out: the `#` is
            # told first (brackets.py 186, never run: the comment's brackets pair up)
            "then:\n  - note: {message: Order #{order.id}\n  - apologize: {}\n",
            (2, 27),
            "a `#` after a blank starts a comment, so YAML read no further on line 2 and the `}` "
            "after it is not read",
            'put the text that holds the `#` in quotes: `message: "Order #{order.id}"`',
        ),
        (  # a quote the line does not close, after the alias: the text is read to the line's
            # end (lines.py 111, never run)
            'message: *urgent "call\n',
            (1, 10),
            "`*urgent` refers to an anchor `&urgent` that is not defined above",
            "for text that starts with `*`, put the whole text in quotes (such as "
            "`message: '*urgent \"call'`); for an alias, define the anchor before its first use",
        ),
        # a key without its colon before its value: it had been told "this line has no `: `"
        # (write `key: value`), or "indented more than the key above it" at the line below
        # (found by review)
        (  # the key's words read as a key with no `:`, then a key below
            "rules:\n  - id: r\n    title A part ordered wrong\n    priority: 5\n",
            (3, 10),
            "`title` has no `:` after it",
            "write a colon after the key: `title: A part ordered wrong`",
        ),
        (  # read as text, then a key lined up with it below: it had been "indented more"
            "rules:\n  - id r\n    title: Late\n",
            (2, 7),
            "`id` has no `:` after it",
            "write a colon after the key: `id: r`",
        ),
        (
            "plan:\n  name Spoke & Chain\n  currency: EUR\n",
            (2, 7),
            "`name` has no `:` after it",
            "write a colon after the key: `name: Spoke & Chain`",
        ),
        (  # as a TOML or INI file writes it: `name: = Acme` had been hinted (found by review)
            "plan:\n  name = Spoke & Chain\n  currency: EUR\n",
            (2, 7),
            "`name` is followed by `=`, where a plan writes a colon",
            "write a colon in place of the `=`: `name: Spoke & Chain`",
        ),
        (
            'backplan: 1\nplan:\n  name = "Acme"\n  currency: EUR\n',
            (3, 7),
            "`name` is followed by `=`, where a plan writes a colon",
            'write a colon in place of the `=`: `name: "Acme"`',
        ),
        (  # the `=` glued to the value
            "backplan: 1\nplan:\n  name =Acme\n  currency: EUR\n",
            (3, 7),
            "`name` is followed by `=`, where a plan writes a colon",
            "write a colon in place of the `=`: `name: Acme`",
        ),
        (  # `name=Acme`, as INI files write it, no blank about the `=`: "this line is
            # indented more than the key above it" had been told, on the line below (found
            # by review)
            "backplan: 1\nplan:\n  name=Acme\n  currency: EUR\n",
            (3, 7),
            "`name` is followed by `=`, where a plan writes a colon",
            "write a colon in place of the `=`: `name: Acme`",
        ),
        (  # the same as the section's last line: "this line has no `: `" had been told
            "backplan: 1\nplan:\n  currency: EUR\n  name=\n",
            (4, 7),
            "`name` is followed by `=` and no value, where a plan writes a colon and the value "
            "after it",
            "write a colon in place of the `=`, then the value on the same line: `name: ` "
            "followed by it",
        ),
        (  # a `|` alone begins a block of the lines below: `name: |` names nothing, and had
            # been hinted (found by review)
            "backplan: 1\nplan:\n  name = |\n  currency: EUR\n",
            (3, 7),
            "`name` is followed by `=`, where a plan writes a colon",
            'write a colon in place of the `=`: `name: "|"`',
        ),
        (
            "backplan: 1\nplan:\n  name >\n  currency: EUR\n",
            (3, 7),
            "`name` has no `:` after it",
            'write a colon after the key: `name: ">"`',
        ),
        (  # `name =` with nothing after it: `name: "="` had been hinted (found by review)
            "backplan: 1\nplan:\n  name =\n  currency: EUR\n",
            (3, 7),
            "`name` is followed by `=` and no value, where a plan writes a colon and the value "
            "after it",
            "write a colon in place of the `=`, then the value on the same line: `name: ` "
            "followed by it",
        ),
        (
            "backplan: 1\nplan:\n  name =   # the shop\n  currency: EUR\n",
            (3, 7),
            "`name` is followed by `=` and no value, where a plan writes a colon and the value "
            "after it",
            "write a colon in place of the `=`, then the value on the same line: `name: ` "
            "followed by it",
        ),
        (  # a setting of an action
            "then:\n  - escalate:\n      to shop-manager  # Tom\n      within: 1h\n",
            (3, 9),
            "`to` has no `:` after it",
            "write a colon after the key: `to: shop-manager`",
        ),
        (  # a value YAML reads otherwise unquoted: in quotes
            "rules:\n  - id: r\n    title [draft] bike late\n    priority: 5\n",
            (3, 10),
            "`title` has no `:` after it",
            'write a colon after the key: `title: "[draft] bike late"`',
        ),
        (  # a number stays a number
            "rules:\n  - id: r\n    priority 5\n    title: Late\n",
            (3, 13),
            "`priority` has no `:` after it",
            "write a colon after the key: `priority: 5`",
        ),
        (  # the file's first line: it had been told a title above the first key, to remove
            # (found by review)
            "backplan 1\nplan:\n  name: Acme\n",
            (1, 9),
            "`backplan` has no `:` after it",
            "write a colon after the key: `backplan: 1`",
        ),
        (  # a comment, then a blank line below it: it had been told in libyaml's words
            "backplan 1  # the version\n\nrules: []\n",
            (1, 9),
            "`backplan` has no `:` after it",
            "write a colon after the key: `backplan: 1`",
        ),
        # a `]` or `}` typed twice: it had been told "a key was expected here" (found by review)
        (
            "rules:\n  - id: r\n    tags: [repairs, parts]]  # shop\n    title: x\n",
            (3, 27),
            "this `]` closes no `[`",
            "remove it: `tags: [repairs, parts]  # shop`",
        ),
        (  # on an item's line it had been told "a list item (`- `) where a key was expected"
            "then:\n  - apologize: {within: 1h}}\n  - tag: {tags: [a]}\n",
            (2, 28),
            "this `}` closes no `{`",
            "remove it: `- apologize: {within: 1h}`",
        ),
        ("x: [a,\n  b]\n  ]\n", (3, 3), "this `]` closes no `[`", "remove it, and its line"),
    ],
    ids=[
        "bracket-at-the-end",
        "keys-without-braces",
        "key-without-colon-and-a-comment",
        "key-without-colon",
        "uneven-keys",
        "a-key-too-far-under-an-item",
        "an-item-on-its-keys-line",
        "actions-on-then-s-line",
        "a-dash-starting-a-title",
        "a-dash-starting-a-message",
        "a-key-too-far",
        "a-backslash-quoted",
        "a-hash-in-braces",
        "a-hash-then-brackets-and-commas",
        "a-hash-then-a-key-with-a-blank-before-its-colon",
        "a-hash-then-brackets-to-the-close",
        "a-hash-in-a-list",
        "a-real-comment-in-brackets",
        "doubled-single-quote",
        "escaped-quote",
        "text-going-on",
        "a-block-s-text-at-its-key-s-column",
        "a-block-s-text-left-of-its-key",
        "a-setting-at-the-dash",
        "a-key-between-the-dash-and-the-keys",
        "an-item-between-the-dash-and-the-keys",
        "an-item-left-of-its-list-s-key",
        "a-key-left-of-the-key-above-it",
        "a-sibling-above",
        "nothing-above",
        "a-value-on-when-s-line",
        "a-quoted-value-on-when-s-line",
        "conditions-in-braces-on-when-s-line",
        "a-tag-in-braces-on-when-s-line",
        "true-on-when-s-line",
        "an-event-s-field-named-when",
        "an-action-without-its-dash",
        "an-action-without-its-dash-below-settings",
        "a-first-action-without-its-dash",
        "a-first-action-without-its-dash-above-its-settings",
        "a-first-action-without-its-dash-above-no-action",
        "a-first-condition-in-braces-without-its-dash",
        "a-first-action-in-braces-without-its-dash",
        "a-custom-action-s-setting-at-the-dash",
        "a-rule-s-key-too-far-after-conditions-in-braces-on-when-s-line",
        "a-rule-s-key-too-far-after-a-value-on-when-s-line",
        "a-rule-s-key-a-space-too-far-below-when-s-tests",
        "a-rule-s-key-a-space-too-far-below-when-s-first-key",
        "keys-too-far-then-one-short-below-their-tests",
        "a-rule-s-key-below-tests-a-step-too-far",
        "a-setting-between-its-action-and-the-settings-beside-it",
        "a-rule-key-at-the-dash-of-its-actions",
        "a-rule-key-at-the-dash-below-a-one-line-action",
        "a-rule-key-the-rule-has-already-at-the-dash",
        "a-rule-key-the-rule-has-below-at-the-dash",
        "a-rule-key-at-the-dash-before-the-next-rule",
        "a-rule-key-at-the-dash-below-a-custom-action",
        "a-rule-key-at-the-dash-below-a-custom-action-with-its-settings",
        "a-rule-key-at-the-dash-below-an-action-in-braces",
        "a-rule-key-at-the-dash-below-a-quoted-custom-action",
        "a-rule-key-at-the-dash-below-a-custom-action-and-a-comment",
        "a-rule-key-at-the-dash-of-a-list-not-then-or-prevent",
        "a-rule-key-at-the-dash-one-column-right-of-then",
        "a-rule-key-the-rule-has-already-at-the-dash-under-prevent",
        "a-rule-key-at-the-dash-of-a-rule-without-its-dash",
        "a-rule-key-the-rule-has-already-above-blanks-and-tests",
        "a-rule-key-the-rule-has-already-beside-extension-keys",
        "a-rule-key-the-rule-has-already-on-the-first-line",
        "a-rule-key-at-the-dash-with-no-rule-above",
        "tags-at-the-dash-told-as-a-setting-of-tag",
        "a-setting-at-the-dash-below-an-action-written-as-a-word",
        "a-setting-under-an-action-written-as-a-word",
        "a-text-with-a-comma-below-an-action-written-as-a-word",
        "a-text-with-a-brace-under-an-action-written-as-a-word",
        "a-setting-below-a-tag-named-as-an-action",
        "a-setting-under-an-action-word-in-actions-at-then-s-column",
        "a-block-of-text-below-an-action-written-as-a-word",
        "a-setting-below-a-word-in-a-list-under-no-key",
        "a-setting-at-the-dash-below-a-custom-action-written-as-a-word",
        "a-key-at-the-dash-below-an-action-word-that-has-no-such-setting",
        "a-rule-key-at-the-dash-below-an-action-written-as-a-word",
        "a-setting-at-the-dash-below-a-comment",
        "a-key-at-the-dash-below-a-text",
        "a-key-below-a-dash-alone",
        "a-key-below-a-dash-alone-at-the-first-column",
        "a-hash-then-a-field-s-braces-and-no-closing-brace",
        "an-alias-then-a-quote-not-closed",
        "a-key-without-its-colon-before-its-value",
        "a-key-without-its-colon-then-a-key-below",
        "a-key-of-the-plan-without-its-colon",
        "a-key-of-the-plan-with-an-equals-sign",
        "a-key-with-an-equals-sign-before-a-quoted-value",
        "a-key-with-an-equals-sign-glued-to-its-value",
        "a-key-with-an-equals-sign-and-no-blanks",
        "a-key-with-an-equals-sign-and-no-blanks-last",
        "a-key-with-an-equals-sign-and-a-bar",
        "a-key-without-its-colon-and-a-greater-than-sign",
        "a-key-with-an-equals-sign-and-no-value",
        "a-key-with-an-equals-sign-a-comment-and-no-value",
        "a-setting-without-its-colon-and-a-comment",
        "a-key-without-its-colon-before-a-value-to-quote",
        "a-number-key-without-its-colon",
        "the-first-key-without-its-colon",
        "the-first-key-without-its-colon-and-a-comment",
        "a-bracket-closed-twice",
        "a-brace-closed-twice-on-an-item-s-line",
        "a-bracket-alone-closing-nothing",
    ],
)
def test_indentation_and_punctuation_slips_are_told_where_they_are(
    text: str, place: tuple[int, int], message: str, hint: str
) -> None:
    found = problem(text)
    assert found.code == "yaml-syntax"
    assert (found.source.line, found.source.column) == place
    assert (found.message, found.hint) == (f"YAML syntax error: {message}", hint)


@pytest.mark.parametrize(
    ("text", "place", "message", "hint"),
    [
        (
            "  backplan: 1\nplan: {name: A, currency: USD}\nrules: []\n",
            (1, 3),
            "`backplan:` is indented more than `plan:` on line 2, the next key of the same mapping",
            "indent `backplan:` to column 1, like `plan:`",
        ),
        (  # below a comment, and with a key beside it as far in
            "# Acme\n  backplan: 1\n  plan: {name: A, currency: USD}\nrules: []\n",
            (2, 3),
            "`backplan:` and the keys beside it, to `plan:` on line 3, are indented more than "
            "`rules:` on line 4, a key of the same mapping",
            "indent `backplan:` and the keys beside it to column 1, like `rules:`",
        ),
    ],
)
def test_a_first_key_indented_is_told_to_line_up_with_the_keys_below(
    text: str, place: tuple[int, int], message: str, hint: str
) -> None:
    """A plan copied from a page with its margin on the first line: it had been told in the
    parser's words, "did not find expected <document start>"."""
    found = problem(text)
    assert found.code == "yaml-syntax"
    assert (found.source.line, found.source.column) == place
    assert (found.message, found.hint) == (f"YAML syntax error: {message}", hint)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (  # a rule's key after its actions, one space right of `then:`
            "rules:\n  - id: late\n    then:\n      - apologize: {}\n     prevent:\n"
            "      - root_cause: {owner: ops}\n",
            "indent `prevent:` to column 5, like `then:`",
        ),
        (  # any other key: beside the key above, or an item of its list
            "cases:\n  - name: a\n    expect:\n      actions:\n        - apologize\n"
            "       no_actions: [note]\n",
            "if `no_actions` is a key beside `actions:`, indent `no_actions:` to column 7, like "
            "`actions:`; if it is an item of the list, write it `- no_actions:` at column 9",
        ),
    ],
)
def test_a_key_between_a_key_and_its_list_is_told_where_each_goes(text: str, hint: str) -> None:
    """A key right of the key above it and left of the `- ` of that key's list had been told
    "a key was expected here", with a hint of quotes and indentation."""
    found = problem(text)
    assert found.code == "yaml-syntax"
    line = text.count("\n") - (1 if "prevent" in text else 0)
    lower = "prevent" if "prevent" in text else "no_actions"
    holder, items = ("then", 3) if lower == "prevent" else ("actions", 4)
    assert found.source.line == line
    assert found.message == (
        f"YAML syntax error: `{lower}:` is indented more than `{holder}:` on line {items}, and "
        f"less than the `- ` of its list on line {items + 1}: it is neither a key beside "
        f"`{holder}:` nor an item of its list"
    )
    assert found.hint == hint


@pytest.mark.parametrize(
    ("text", "place", "message", "hint"),
    [
        (  # `actions:` a step left of `matched:` above it and `compensation:` below its list:
            # it is the key out of line, where `compensation:` had been told to move beside it
            "cases:\n  - name: a\n    expect:\n      matched: [r]\n    actions:\n"
            "        - apologize\n      compensation: null\n",
            (5, 5),
            "`actions:` is indented less than `matched:` on line 4 and `compensation:` on line 7, "
            "keys of the same mapping",
            "indent `actions:` to column 7, like them",
        ),
        (  # a block of text whose first line is further in than the lines below it: it had
            # been told "a key was expected here", with a hint of quotes and indentation
            "rules:\n  - then:\n      - apologize:\n          message: >-\n"
            "              Hi Dana, I am sorry:\n            it did not work.\n",
            (6, 13),
            "this line of the text below `message: >-` is indented less than the text's first "
            "line (line 5), so YAML reads the text as ended above it",
            "line the text's lines up: indent its first line to column 13, like this one, or "
            "this line and those below it to column 15, like the first",
        ),
    ],
)
def test_the_line_out_of_line_is_told_with_its_column(
    text: str, place: tuple[int, int], message: str, hint: str
) -> None:
    test_indentation_and_punctuation_slips_are_told_where_they_are(text, place, message, hint)


def test_a_case_out_of_line_is_told_the_column_of_the_case_above() -> None:
    """A plan test's `- name:` two spaces right of the cases, below an expected action."""
    found = problem(
        "cases:\n  - name: a\n    expect:\n      actions:\n        - apologize\n    - name: b\n"
    )
    assert found.hint.startswith(
        "this item is out of line with the list above it: start its `-` at column 3, as "
        "`- name: a` on line 2;"
    )


_TWO_RULES = (
    "rules:\n  - id: late\n    then:\n      - apologize: {}\n    prevent:\n"
    "      - root_cause: {owner: ops}\n"
)


@pytest.mark.parametrize(("indent", "column"), [("    ", 5), ("", 1)])
def test_a_rule_out_of_line_is_told_the_column_of_the_rule_above(indent: str, column: int) -> None:
    """A rule's `- id:` two spaces right of the rules (or at the first column) had been
    hinted at the column of the `- root_cause:` above it, which made it an action, or with no
    column at all."""
    found = problem(_TWO_RULES + f"{indent}- id: cold\n{indent}  then: [apologize: {{}}]\n")
    assert found.code == "yaml-syntax"
    assert (found.source.line, found.source.column) == (7, column)
    assert found.hint.startswith(
        "this item is out of line with the list above it: start its `-` at column 3, as "
        "`- id: late` on line 2;"
    )


@pytest.mark.parametrize(
    ("text", "place", "hint"),
    [
        (  # a test in braces, then the next two spaces too far in
            "rules:\n  - when:\n      all:\n        - {field: rating, lte: 2}\n"
            "          - {field: channel, eq: yelp}\n",
            (5, 11),
            "to start the list's next item, line its `- ` up with that item's, at column 9",
        ),
        (  # a quoted item, then the next further in than its value starts
            'tags:\n  - "vip"\n      - late\n',
            (3, 7),
            "to start the list's next item, line its `- ` up with that item's, at column 3",
        ),
        (  # an action in braces under `then:`, then the next one two spaces further in
            "rules:\n  - then:\n      - {note: {message: a}}\n        - {note: {message: b}}\n",
            (4, 9),
            "to start the list's next item, line its `- ` up with that item's, at column 7",
        ),
    ],
)
def test_an_item_further_in_than_the_value_above_is_told_to_line_up(
    text: str, place: tuple[int, int], hint: str
) -> None:
    """The next `- ` of a list as far in as the value of the item above or further: it had
    been told "a list item (`- `) was expected here" and hinted to "start a new item with
    `- `", on a line that does."""
    found = problem(text)
    assert found.code == "yaml-syntax"
    assert (found.source.line, found.source.column) == place
    line = place[0] - 1
    assert found.message == (
        f"YAML syntax error: this `- ` is indented more than the `- ` of the list item on line "
        f"{line}, so it is no item of that list"
    )
    assert found.hint == hint


@pytest.mark.parametrize(
    ("text", "hint_start"),
    [
        (
            "rules:\n  - id: a\n    title = " + "[" * 1000 + "\n",
            "write a colon in place of the `=`",
        ),
        (
            "rules:\n  - then:\n      - x-crm\n        k: " + "{" * 1000 + "\n",
            "if `k` is a setting of `x-crm`, write `- x-crm:` with `k:` below it at column 11",
        ),
    ],
    ids=["a key with an equals sign", "a setting under an action word"],
)
def test_a_value_of_thousands_of_brackets_in_a_hint_is_no_internal_error(
    text: str, hint_start: str
) -> None:
    """A hint reads the value as YAML would (``engine.slips.written.yaml_value``); thousands of
    `[` or `{`, nested as deep, raised RecursionError there, and validation ended with an
    internal error (found by review)."""
    found = problem(text)
    assert found.code == "yaml-syntax"
    assert found.hint.startswith(hint_start)


def test_conditions_in_braces_on_when_s_line_are_not_written_out_alias_by_alias() -> None:
    """The hint writes each condition of ``when: {...}`` out; through YAML aliases, one line
    of 400 characters had written out a million items, a hint of 3.5 MB (seven levels: 35 MB
    and 15 seconds), where loading the plan refuses more than 100,000 (found by review)."""
    levels = [f"a0: &a0 [{', '.join(['x'] * 10)}]"]
    for level in range(1, 6):
        levels.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]")
    text = f"rules:\n  - id: late\n    when: {{{', '.join(levels)}}}\n      all:\n        - x\n"
    found = problem(text)
    assert found.code == "yaml-syntax"
    assert found.hint == "indent `all:` to column 5, like `when:`"


BRACED_WHEN = (
    "rules:\n  - id: late\n    when: {%s}\n      %s:\n        - {field: issue, eq: cold}\n"
)


@pytest.mark.parametrize(
    ("braced", "below", "hint"),
    [
        (  # `any:` and `all:` side by side under `when:` is a valid plan
            "event: order, any: [{field: issue, eq: late}]",
            "all",
            "write each on a line of its own under `when:`, in line with `all:`: `event: order`, "
            "`any: [{field: issue, eq: late}]`",
        ),
        (  # `all:` on a line of its own, as had been hinted, was then an `all:` written twice
            "event: order, all: [{field: issue, eq: late}]",
            "all",
            "write each on a line of its own under `when:`, in line with `all:`: `event: order`; "
            "move the conditions of `all: [{field: issue, eq: late}]` into the list of the "
            "`all:` below, as items of their own",
        ),
        (
            "any: [{field: issue, eq: late}]",
            "any",
            "move the conditions of `any: [{field: issue, eq: late}]` into the list of the `any:` "
            "below, as items of their own",
        ),
        (
            "event: order, not: {field: issue, eq: late}",
            "not",
            "write each on a line of its own under `when:`, in line with `not:`: `event: order`; "
            "`not:` may be written once under `when:`: keep `not: {field: issue, eq: late}` or "
            "the one below",
        ),
    ],
)
def test_conditions_in_braces_on_when_s_line_are_hinted_beside_those_below(
    braced: str, below: str, hint: str
) -> None:
    found = problem(BRACED_WHEN % (braced, below))
    assert found.code == "yaml-syntax"
    assert found.message == (
        f"YAML syntax error: `when:` has conditions in braces on its own line, `{{{braced}}}`, "
        f"as well as `{below}:` below it: write them one way or the other"
    )
    assert found.hint == hint


PLAN_HEAD = "backplan: 1\nplan: {name: Acme, currency: USD}\nrules:\n  - id: r\n"
TITLED = "    title: T\n    when: {event: order}\n"


def checked(tmp_path: Path, rule: str) -> Diagnostic:
    """The one problem ``backplan validate`` finds in a plan of one rule, ``rule`` its keys
    after ``id`` (indented four spaces)."""
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN_HEAD + rule, encoding="utf-8")
    [found] = check_plan(path)
    return found


DASH_NO_SPACE = "a list's item needs a space after its `-`"
DASH_BEFORE = "a list's item needs `- ` (a dash and a space) before it"
RATING_IN = (
    "    title: T\n    when:\n      event: order\n      all:\n"
    "        - field: rating\n          in:\n"
)
"""A rule whose test's list of ``in:`` goes on the lines after it, from line 11."""
DASH_TEXT = "text that starts with `- ` is read as a list's item, not as text"


@pytest.mark.parametrize(
    ("rule", "place", "message", "hint"),
    [
        (  # it had been "this line has no `: ` (a colon and a space) after its key"
            TITLED + "    then:\n      - tag:\n          tags:\n"
            "            - late\n            -cold\n",
            (11, 13),
            DASH_NO_SPACE,
            "put a space after the `-`: `- cold`",
        ),
        (  # an item in the middle, with a comment after it
            TITLED + "    then:\n      - tag:\n          tags:\n"
            "            - late\n            -cold  # soon\n            - wet\n",
            (11, 13),
            DASH_NO_SPACE,
            "put a space after the `-`: `- cold`",
        ),
        (  # the hint had been `- 5`, an item the list has already
            RATING_IN + "            - 5\n            -5\n",
            (12, 13),
            DASH_BEFORE,
            "for the number -5, put `- ` before it: `- -5`",
        ),
        (
            RATING_IN + "            - 4\n            -5\n",
            (12, 13),
            DASH_BEFORE,
            "put a space after the `-`: `- 5`; or, for the number -5, put `- ` before it: `- -5`",
        ),
        (  # the comment ends the text YAML reads `-late` as: the next item was told to be a
            # list's item where a key was expected, and to add the list's key
            RATING_IN.replace("rating", "issue")
            + "            -late  # soon\n            - cold\n",
            (11, 13),
            DASH_NO_SPACE,
            "put a space after the `-`: `- late`",
        ),
        (  # a first item glued to its `-`, with its settings below it: the next item had
            # been told to be a list's item where a key was expected, and to add the key
            TITLED + "    then:\n      -escalate:\n          to: site-manager\n"
            "          within: 1h\n      - apologize: {}\n",
            (8, 7),
            DASH_NO_SPACE,
            "put a space after the `-`: `- escalate:`",
        ),
        (  # a first item glued to its `-` with a value, its settings in line with its key
            # once the `-` has its space: the hint had been to line `lt:` up with `-field:`
            "    title: T\n    when:\n      event: order\n      all:\n        -field: rating\n"
            "          lt: 3\n        - {field: issue, eq: late}\n    then: [{note: {}}]\n",
            (9, 9),
            DASH_NO_SPACE,
            "put a space after the `-`: `- field: rating`",
        ),
        (  # an item that is a mapping: it had been told to line its key up with the item's
            TITLED + "    then:\n      - apologize: {}\n      -tag: {tags: [late]}\n",
            (9, 7),
            DASH_NO_SPACE,
            "put a space after the `-`: `- tag: {tags: [late]}`",
        ),
        (  # it had been "the `{` opened on line 7 is not closed"
            TITLED + "    then: [{apologize: {message: - call now}}]\n",
            (7, 34),
            DASH_TEXT,
            'put the whole text in quotes: `message: "- call now"`',
        ),
        (
            TITLED + "    then:\n      - {apologize: {message: - call now, within: 1h}}\n",
            (8, 31),
            DASH_TEXT,
            'put the whole text in quotes: `message: "- call now"`',
        ),
        (  # these three had the general hint: check the indentation and quoting
            "    title: ? cold\n    when: {event: order}\n",
            (5, 12),
            "text that starts with `?` is read as a YAML key (`? ` marks one), not as text",
            'put the whole text in quotes: `title: "? cold"`',
        ),
        (
            "    title: |cold\n    when: {event: order}\n",
            (5, 12),
            "text that starts with `|` is read as the start of a YAML block of text (`|` alone, "
            "then the text on the lines below), not as text",
            'put the whole text in quotes: `title: "|cold"`',
        ),
        (
            "    title: >cold  # the pizza\n    when: {event: order}\n",
            (5, 12),
            "text that starts with `>` is read as the start of a YAML block of text (`>` alone, "
            "then the text on the lines below), not as text",
            'put the whole text in quotes: `title: ">cold"`',
        ),
        (  # quoted, as `|cold` is, the customer's message began with `>- ` (found by review)
            TITLED + "    then:\n      - apologize:\n          message: >- Hi there, sorry\n",
            (9, 20),
            "the text of a block that starts with `>-` goes on the lines below it, not on its line",
            "write `>-` alone, then the text on the next line, indented: `Hi there, sorry`",
        ),
        (  # quoted, the text on the lines below was dropped
            TITLED + "    then:\n      - apologize:\n          message: |0\n            Hi\n",
            (9, 20),
            "`|0` is not how a block of text starts",
            "write `|` (or `|-`, which drops the last line break) alone, then the text on the "
            "lines below, indented",
        ),
    ],
    ids=[
        "no-space-after-the-last-dash",
        "no-space-after-a-dash-in-the-middle",
        "a-number-below-0-without-its-item-s-dash",
        "a-number-without-a-space-after-its-dash",
        "no-space-after-the-first-dash-before-a-comment",
        "no-space-after-the-first-dash-above-its-settings",
        "no-space-after-the-first-dash-with-its-value-above-its-settings",
        "no-space-after-the-dash-of-a-mapping",
        "a-dash-starting-text-in-braces",
        "a-dash-starting-text-in-braces-before-a-key",
        "a-question-mark-starting-a-title",
        "a-bar-starting-a-title",
        "a-greater-than-starting-a-title",
        "the-text-of-a-block-on-its-first-line",
        "a-block-sign-yaml-does-not-take",
    ],
)
def test_slips_at_a_value_s_start_are_told_as_validate_shows_them(
    rule: str, place: tuple[int, int], message: str, hint: str, tmp_path: Path
) -> None:
    # each found by review
    found = checked(tmp_path, rule)
    assert (found.source.line, found.source.column) == place
    assert (found.code, found.message, found.hint) == (
        "yaml-syntax",
        f"YAML syntax error: {message}",
        hint,
    )


GLUED_FIRST_ITEMS = [
    (  # its settings lined up with `escalate`: with the space alone, they were actions
        "      -escalate:\n        to: site-manager\n        within: 1h\n",
        "put a space after the `-`: `- escalate:`, and indent its settings below it to column 11",
    ),
    (
        "      -escalate:\n          to: site-manager\n",
        "put a space after the `-`: `- escalate:`",
    ),
    ("      -escalate: {to: site-manager}\n", "put a space after the `-`: `- escalate:`"),
    # no settings at all (slips/hints.py 277, never run)
    ("      -apologize:\n", "put a space after the `-`: `- apologize:`"),
    ("      -apologize: {}\n", "put a space after the `-`: `- apologize:`"),
]
"""A first item glued to its `-` (``-escalate:``), its settings below it or on its line,
and the hint for it."""


@pytest.mark.parametrize(("then", "hint"), GLUED_FIRST_ITEMS)
def test_the_only_item_of_a_list_without_a_space_after_its_dash_is_told_so(
    then: str, hint: str, tmp_path: Path
) -> None:
    """YAML reads ``-escalate:`` alone as a mapping with a key `-escalate`: it had been told
    "expected a list, found a mapping", the `-` not named (found by review)."""
    found = checked(tmp_path, TITLED + "    then:\n" + then)
    assert found.code == "wrong-type"
    assert (found.source.line, found.source.column) == (8, 7)
    assert (found.message, found.hint) == (f"{DASH_NO_SPACE} in rule `r` (then)", hint)


@pytest.mark.parametrize(("then", "hint"), GLUED_FIRST_ITEMS[:2])  # its settings below it
def test_a_first_item_without_a_space_after_its_dash_before_others_is_told_as_the_only_one(
    then: str, hint: str, tmp_path: Path
) -> None:
    """Before another item, `-escalate:` is a YAML syntax error: its settings lined up with
    its name had not been told where they go, as they are when it is the only item."""
    found = checked(tmp_path, TITLED + "    then:\n" + then + "      - apologize: {}\n")
    assert (found.source.line, found.source.column) == (8, 7)
    assert (found.message, found.hint) == (f"YAML syntax error: {DASH_NO_SPACE}", hint)


def test_a_first_item_without_a_space_after_its_dash_is_told_past_a_comment_above_its_settings(
    tmp_path: Path,
) -> None:
    """The line below the item is read past blank lines and comments to its first setting
    (yamlsyntax/lines.py 57, its loop never gone on)."""
    then = "      -escalate:\n\n        # the lead on duty\n        to: site-manager\n"
    found = checked(tmp_path, TITLED + "    then:\n" + then + "      - apologize: {}\n")
    assert (found.source.line, found.source.column) == (8, 7)
    assert (found.message, found.hint) == (
        f"YAML syntax error: {DASH_NO_SPACE}",
        "put a space after the `-`: `- escalate:`, and indent its settings below it to column 11",
    )


def test_a_key_without_a_space_after_its_colon_is_still_told_so(tmp_path: Path) -> None:
    # `-` first on a line that is no list's item: not taken for one
    found = checked(
        tmp_path,
        TITLED + "    then:\n      - apologize:\n          within:1h\n          message: Sorry\n",
    )
    assert (
        found.message
        == "YAML syntax error: this line has no `: ` (a colon and a space) after its key"
    )


def test_a_value_left_out_in_braces_is_still_an_unclosed_brace(tmp_path: Path) -> None:
    # `tags` takes a list, not text: the dash is no text's start to quote
    found = checked(tmp_path, TITLED + "    then: [{tag: {tags: - late}}]\n")
    assert found.message.startswith("YAML syntax error: the `{` opened on line 7 is not closed")


def test_text_meant_to_go_over_lines_is_not_blamed_for_a_later_error() -> None:
    found = problem('plan:\n  name: "Acme\n    Store"\n  currency: USD\n\tx: 1\n')
    assert (found.source.line, found.message) == (
        5,
        "YAML syntax error: a tab is used for indentation",
    )


TAB = "indent with spaces; YAML does not allow tabs"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (
            "plan:\n\tname: Acme\n",
            f"{TAB}: to put `name:` under `plan:` on line 1, start its line with 2 spaces",
        ),
        (  # under an item's action: two more than the action's key, not its dash
            "then:\n  - apologize:\n\t  within: 1h\n",
            f"{TAB}: to put `within:` under `apologize:` on line 2, start its line with 6 spaces",
        ),
        (  # spaces, then a tab
            "rules:\n  - id: a\n  \ttitle: A\n",
            f"{TAB}: to line `title:` up with `id:` on line 2, start its line with 4 spaces",
        ),
        (
            "all:\n  - {field: rating, lt: 2}\n\t- {field: issue, eq: late}\n",
            f"{TAB}: to line this item up with the item on line 2, start its line with 2 spaces",
        ),
        (
            "backplan: 1\n\tplan: {name: Acme}\n",
            f"{TAB}: to line `plan:` up with `backplan:` on line 1, write it at the start of its "
            "line",
        ),
        (
            " a: 1\n\tb: 2\n",
            f"{TAB}: to line `b:` up with `a:` on line 1, start its line with 1 space",
        ),
        (  # (the line above says nothing of where a text goes)
            "m: |1-\n\tx\n",
            TAB,
        ),
        ("plan:\n  note: |\n    Regards:\n\tcurrency: USD\n", TAB),  # text, not a key
        (  # a text of lines: `Dear team,` is no key further out (found by mutation testing)
            "plan:\n  note: |\n    Dear team,\n    Regards:\n\tcurrency: USD\n",
            TAB,
        ),
        ("notes:\n  - |-\n    - Regards\n\t- x\n", TAB),  # text, not an item
        ("plan:\n\tAcme\n", TAB),  # neither a key nor an item
        ("all:\n\t-late\n", TAB),  # (nor an item glued to its dash)
        ("title: A\n\t- late\n", TAB),  # an item under a key with a value
        ("# the plan\n\tplan:\n  name: Acme\n", TAB),  # no line above but a comment
        ("- a\n-\tb\n", TAB),  # a tab after the dash, not before the line
    ],
)
def test_a_tab_that_indents_a_line_is_told_how_many_spaces_to_write(text: str, hint: str) -> None:
    """ "indent with spaces" alone had left the manager to count them, with a tab shown as any
    width (found by review)."""
    found = problem(text)
    assert (found.message, found.hint) == ("YAML syntax error: a tab is used for indentation", hint)


def test_an_alias_to_nothing_is_named_and_text_starting_with_a_star_is_told_to_be_quoted() -> None:
    found = problem("plan:\n  name: *Bad service\n")
    assert (found.source.line, found.source.column) == (2, 9)
    assert found.message == (
        "YAML syntax error: `*Bad` refers to an anchor `&Bad` that is not defined above"
    )
    assert found.hint.startswith(
        'for text that starts with `*`, put the whole text in quotes (such as `name: "*Bad '
        'service"`)'
    )


def test_an_alias_to_an_anchor_of_another_file_of_the_plan_is_told_so(tmp_path: Path) -> None:
    """Anchors live in one file; "define the anchor before its first use" misled a manager who
    had, in another file of the same plan, and quoting the alias made it text."""
    (tmp_path / "00-plan.yaml").write_text(
        "backplan: 1\nplan: {name: T, currency: USD}\nrules:\n"
        "  - id: a\n    title: A\n    when: {event: order}\n    then: &sorry\n"
        "      - apologize: {within: 2h}\n"
        "  - {id: f, title: F, fallback: true, then: [{escalate: {to: lead}}]}\n",
        encoding="utf-8",
    )
    (tmp_path / "10-reviews.yaml").write_text(
        "rules:\n  - id: b\n    title: B\n    when: {event: review}\n    then: *sorry\n",
        encoding="utf-8",
    )
    from engine.api import check_plan

    [found] = check_plan(tmp_path)
    assert (found.source.path, found.source.line) == (str(tmp_path / "10-reviews.yaml"), 5)
    assert found.hint.startswith("an anchor is known only in its own file, and `&sorry` is in")
    assert [(r.path, r.line, r.column) for r in found.related] == [
        (str(tmp_path / "00-plan.yaml"), 7, 11)
    ]
    (tmp_path / "10-reviews.yaml").write_text(  # defined below, in its own file, too
        "rules:\n  - id: b\n    title: B\n    when: {event: review}\n    then: *sorry\n"
        "  - id: c\n    title: C\n    when: {event: order}\n    then: &sorry [{apologize: {}}]\n",
        encoding="utf-8",
    )
    [found] = check_plan(tmp_path)
    assert found.hint.startswith("for text that starts with `*`, put the whole text in quotes")
    assert found.hint.endswith("define the anchor before its first use")
    (tmp_path / "10-reviews.yaml").write_text(
        "rules:\n  - id: b\n    title: B\n    when: {event: review}\n    then: *sorry\n",
        encoding="utf-8",
    )
    (tmp_path / "00-plan.yaml").write_text(  # no file defines it: the hint stays as it was
        (tmp_path / "00-plan.yaml").read_text().replace("&sorry", ""), encoding="utf-8"
    )
    [found] = check_plan(tmp_path)
    assert found.hint.startswith("for text that starts with `*`, put the whole text in quotes")


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        (
            "- compensate:{kind: voucher, amount: 10}",
            "put a space after the colon: `compensate: {kind: voucher, amount: 10}`",
        ),
        (
            "- apologize: within: 1h",
            "put the settings in braces: `apologize: {within: 1h}`, or each on a line of its own "
            "below, indented further",
        ),
        (  # a setting whose text holds a `: `: quoted in the braces, which refuse it bare
            "- note: message: Call back: tomorrow",
            'put the settings in braces: `note: {message: "Call back: tomorrow"}`, or each on a '
            "line of its own below, indented further",
        ),
        (
            "- apologize: within: 1h, message: Sorry: we are late",
            'put the settings in braces: `apologize: {within: 1h, message: "Sorry: we are '
            'late"}`, or each on a line of its own below, indented further',
        ),
        (  # a comma in the text: bare in braces it ends the value, and the rest is a key
            # the plan refuses (`we were late`): quoted as below a word (found by review)
            "- apologize: message: Sorry, we were late",
            'put the settings in braces: `apologize: {message: "Sorry, we were late"}`, or each '
            "on a line of its own below, indented further",
        ),
        # text with a `: `, and a URL's colon glued to its `//`: only quoting mends these
        (
            "- note: see https://x.org/a: now",
            'put the value in quotes, such as `message: "Note: call back"`',
        ),
        ("- note: Re: late: call", 'put the value in quotes, such as `message: "Note: call back"`'),
        # a text's own words in quotes, not an example to copy by hand (found by review)
        (
            "- note:\n      message: Tell the customer the new time: 5pm, ready  # Tom",
            'put the value in quotes: `message: "Tell the customer the new time: 5pm, ready"`',
        ),
        (  # a text holding a `"` goes in single quotes
            '- note: {owner: x}\n    title: He said "no": twice',
            "put the value in quotes: `title: 'He said \"no\": twice'`",
        ),
        (  # only the key of a text is quoted: `to:` here, not the action's `escalate:`
            "- escalate: {to: x}\n  - notify:\n      to: Workshop: Tom",
            'put the value in quotes: `to: "Workshop: Tom"`',
        ),
    ],
)
def test_a_colon_without_its_space_or_settings_on_the_actions_line_are_mended(
    line: str, hint: str
) -> None:
    # All were told "put the value in quotes", which mends none of the first three.
    found = problem(f"then:\n  {line}\n")
    assert found.code == "yaml-syntax"
    assert found.hint == hint


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (  # one column left of the list's items: where they start, and the nearest said
            "then:\n  - apologize: {}\n  - compensate:\n      kind: voucher  # small\n"
            " - follow_up: {within: 2d}\n",
            "this item is out of line with the list above it: start its `-` at column 3, as "
            "`- compensate:` on line 3; if it starts a list of its own, add the list's key "
            "above it (such as `then:` or `prevent:` for actions, `all:` for tests)",
        ),
        (  # the items above are a list further in (a rule's tests): the list's key is meant
            "rules:\n  - id: r\n    when:\n      all:\n        - {field: x, eq: 1}\n"
            "    - apologize: {}\n",
            "if the list's key is missing from the line above (such as `then:` or `prevent:` "
            "for actions, `all:` for tests), add it; if the item belongs to a list above, line "
            "its `-` up with that list's other items",
        ),
        (  # at the keys' column of the action above: the list's next item, too far in (it
            # was told to add the list's key, in a plan-test file too: found by review)
            "then:\n  - compensate: {amount: 10}  # small\n    - apologize: {within: 4h}\n",
            "this item is out of line with the list above it: start its `-` at column 3, as "
            "`- compensate: {amount: 10}` on line 2; if it starts a list of its own, add the "
            "list's key above it (such as `then:` or `prevent:` for actions, `all:` for tests)",
        ),
        (  # a rule's own key with a `- ` too many is not told to start a rule of its own
            "rules:\n  - id: r\n    - title: R\n",
            "if the list's key is missing from the line above (such as `then:` or `prevent:` "
            "for actions, `all:` for tests), add it; if the item belongs to a list above, line "
            "its `-` up with that list's other items",
        ),
        (  # a comment and a blank line between are read past (found by mutation testing)
            "then:\n  - compensate: {amount: 10}\n\n    # and\n    - apologize: {}\n",
            "this item is out of line with the list above it: start its `-` at column 3, as "
            "`- compensate: {amount: 10}` on line 2; if it starts a list of its own, add the "
            "list's key above it (such as `then:` or `prevent:` for actions, `all:` for tests)",
        ),
        (  # two columns left of the list's items: still told where they start
            "then:\n  - id: r\n    then:\n      - apologize: {}\n    - note: {}\n",
            "this item is out of line with the list above it: start its `-` at column 7, as "
            "`- apologize: {}` on line 4; if it starts a list of its own, add the list's key "
            "above it (such as `then:` or `prevent:` for actions, `all:` for tests)",
        ),
        (  # three columns left: another list's, not this one's
            "then:\n  - id: r\n    then:\n       - apologize: {}\n    - note: {}\n",
            "if the list's key is missing from the line above (such as `then:` or `prevent:` "
            "for actions, `all:` for tests), add it; if the item belongs to a list above, line "
            "its `-` up with that list's other items",
        ),
        (  # an action below a rule's own key: no list of actions to line it up with
            "rules:\n  - id: r\n    - note: {}\n",
            "if the list's key is missing from the line above (such as `then:` or `prevent:` "
            "for actions, `all:` for tests), add it; if the item belongs to a list above, line "
            "its `-` up with that list's other items",
        ),
        (  # a key at the item's column ends the search: the list above is no longer beside it
            "rules:\n  - id: r\n    then:\n      - apologize: {}\n    title: R\n    - note: {}\n",
            "if the list's key is missing from the line above (such as `then:` or `prevent:` "
            "for actions, `all:` for tests), add it; if the item belongs to a list above, line "
            "its `-` up with that list's other items",
        ),
        (  # an action below one of a custom type: alike too
            "then:\n  - x-crm: {level: 1}\n    - note: {message: hi}\n",
            "this item is out of line with the list above it: start its `-` at column 3, as "
            "`- x-crm: {level: 1}` on line 2; if it starts a list of its own, add the list's "
            "key above it (such as `then:` or `prevent:` for actions, `all:` for tests)",
        ),
    ],
)
def test_a_list_item_out_of_line_is_told_where_its_list_s_items_start(text: str, hint: str) -> None:
    # It had been told only to line its `-` up with "that list's other items" (found by review).
    found = problem(text)
    assert found.message == "YAML syntax error: a list item (`- `) where a key was expected"
    assert found.hint == hint


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ("percent: %15", "write the number without `%`: `percent: 15`"),
        ("percent: % 12,5  # a bit more", "write the number without `%`: `percent: 12.5`"),
        (
            "{kind: voucher, percent: %10, of: order.total}",
            "write the number without `%`: `percent: 10`",
        ),
        ("amount: %10", "`amount` is a fixed sum; a percentage is written `percent: 10`"),
        # text: in quotes, as before
        ("message: %20 off", 'put the whole text in quotes: `message: "%20 off"`'),
    ],
)
def test_a_percentage_written_with_its_percent_sign_first_is_told_as_a_number(
    line: str, hint: str
) -> None:
    # `percent: %15` had been hinted `percent: "%15"`: text, refused next (found by review).
    found = problem(f"then:\n  - compensate:\n      {line}\n")
    assert found.message == "YAML syntax error: a value cannot start with `%`"
    assert found.hint == hint


def test_words_that_are_no_key_without_a_colon_keep_the_general_hint() -> None:
    found = problem("plan:\n  name: x\n  Please call back\n  currency: EUR\n")
    assert found.hint == (
        "write `key: value`, with a space after the colon; put text that holds `: ` in quotes"
    )


def test_an_anchor_named_twice_is_said_with_its_first_place() -> None:
    # It was "second occurrence", with "check the indentation and quoting around this place".
    found = problem("then:\n  - escalate: {to: &Co}\n  - notify:\n      to: &Co\n")
    assert (found.source.line, found.source.column) == (4, 11)
    assert found.message == (
        "YAML syntax error: the anchor `&Co` is named twice in this file (first on line 2)"
    )
    assert found.hint == (
        'for text that starts with `&`, put the whole text in quotes (such as `to: "&Co"`); an '
        "anchor needs a name of its own"
    )


BACKSLASH_HINT = (
    'in double quotes a backslash starts an escape (`"\\b"` is a backspace): write the text in '
    "single quotes, or double each backslash"
)


@pytest.mark.parametrize(
    ("line", "column", "message", "examples"),
    [
        (  # a regular expression
            r'  - {field: order.id, matches: "^WEB-\d{6}$"}',
            38,
            r"`\d` in double quotes is not an escape YAML knows",
            r""": `'^WEB-\d{6}$'` or `"^WEB-\\d{6}$"`""",
        ),
        (  # a quote escaped as YAML knows is a quote in single quotes
            r'  - {note: {message: "Say \"hi\" and \d"}}',
            38,
            r"`\d` in double quotes is not an escape YAML knows",
            r""": `'Say "hi" and \d'` or `"Say \"hi\" and \\d"`""",
        ),
        (  # a Windows path: `\U` wants eight hexadecimal digits; `\\` and `\t` are kept
            r'  - {note: {message: "C:\Users\\dana\tx"}}',
            25,
            "`\\U` in double quotes starts a character written as 8 hexadecimal digits, and "
            "they do not follow",
            r""": `"C:\\Users\\dana\tx"`""",
        ),
        (  # after another quoted item (yamlsyntax/backslashes.py 92, never run)
            r'  - {field: ticket.queue, in: ["web", "^WEB-\d{6}$"]}',
            45,
            r"`\d` in double quotes is not an escape YAML knows",
            r""": `'^WEB-\d{6}$'` or `"^WEB-\\d{6}$"`""",
        ),
        (  # a text over lines: no example
            '  - note:\n      message: "Call\n        C:\\dana"',
            11,
            r"`\d` in double quotes is not an escape YAML knows",
            "",
        ),
    ],
)
def test_a_backslash_that_starts_no_escape_is_told_what_a_backslash_does_in_double_quotes(
    line: str, column: int, message: str, examples: str
) -> None:
    """`matches: "^WEB-\\d{6}$"`: YAML's own words (found unknown escape character) said
    nothing of backslashes, and the hint spoke of indentation."""
    found = problem(f"items:\n{line}\n")
    assert (found.source.line, found.source.column) == (line.count("\n") + 2, column)
    assert (found.message, found.hint) == (
        f"YAML syntax error: {message}",
        BACKSLASH_HINT + examples,
    )


def test_a_backslash_in_double_quotes_that_go_on_to_the_next_line_gets_no_example() -> None:
    """The quotes do not close on the backslash's line: the text is not all there to write
    again (yamlsyntax/backslashes.py 90, never run)."""
    found = problem('items:\n  - note:\n      message: "Call \\d\n        more"\n')
    assert (found.source.line, found.source.column) == (3, 22)
    assert (found.message, found.hint) == (
        "YAML syntax error: `\\d` in double quotes is not an escape YAML knows",
        BACKSLASH_HINT,
    )


ALIAS = "a YAML alias (`*name` repeats the value named `&name`)"


@pytest.mark.parametrize(
    ("line", "column", "message", "quoted"),
    [
        (
            "message: *urgent* call  # a remark",
            12,
            f"text that starts with `*` is read as {ALIAS}, not as text",
            'message: "*urgent* call"',
        ),
        (
            "message: &Co. and sons",
            12,
            "text that starts with `&` is read as a YAML anchor (`&name` names the value after "
            "it), not as text",
            'message: "&Co. and sons"',
        ),
        (
            "tags: [gold, *VIP* list]",
            16,
            f"text that starts with `*` is read as {ALIAS}, not as text",
            '"*VIP* list"',
        ),
        (
            "message: [VIP] call now",
            12,
            "text that starts with `[` is read as a YAML list, so the words after its `]` "
            "cannot follow",
            'message: "[VIP] call now"',
        ),
        (
            'message: "Sorry" he said',
            12,
            'the quotes of `"Sorry"` are read as the quotes around the whole value, so the '
            "words after them cannot follow",
            """message: '"Sorry" he said'""",
        ),
        (  # a comma after the quotes: "a key was expected here", with no word of the quotes
            'message: "Sorry", we are late',
            12,
            'the quotes of `"Sorry"` are read as the quotes around the whole value, so the '
            "words after them cannot follow",
            """message: '"Sorry", we are late'""",
        ),
        (
            "message: [VIP], call now",
            12,
            "text that starts with `[` is read as a YAML list, so the words after its `]` "
            "cannot follow",
            'message: "[VIP], call now"',
        ),
        (
            "- 'Sorry' he said",
            5,
            "the quotes of `'Sorry'` are read as the quotes around the whole value, so the "
            "words after them cannot follow",
            """"'Sorry' he said\"""",
        ),
        (  # a `- ` after the quotes: YAML's words were "block sequence entries are not
            # allowed in this context", and the hint to check the indentation
            'title: "Late" - call back',
            10,
            'the quotes of `"Late"` are read as the quotes around the whole value, so the '
            "words after them cannot follow",
            """title: '"Late" - call back'""",
        ),
        ("message: @acme hi", 12, "a value cannot start with `@`", 'message: "@acme hi"'),
        ("message: %50 off", 12, "a value cannot start with `%`", 'message: "%50 off"'),
        (
            "message: `ls` it",
            12,
            "a value cannot start with a backquote (`)",
            'message: "`ls` it"',
        ),
    ],
)
def test_text_starting_with_a_character_yaml_reads_is_told_to_be_quoted_whole(
    line: str, column: int, message: str, quoted: str
) -> None:
    """docs/rule-language.md: text that starts with `{ [ * & ! % @` or a backquote must be
    quoted. YAML's words (did not find expected alphabetic or numeric character, a key was
    expected here) said nothing of it."""
    found = problem(f"rule:\n  {line}\n")
    assert (found.source.line, found.source.column) == (2, column)
    assert (found.message, found.hint) == (
        f"YAML syntax error: {message}",
        f"put the whole text in quotes: `{quoted}`",
    )


@pytest.mark.parametrize(
    "line",
    [
        'message: Sorry "Dana": late\tagain',
        'message: "Sorry" he\tsaid',
        'message: C:\\new "b": c\td',
    ],
)
def test_a_text_quoted_whole_reads_back_as_the_plan_wrote_it(line: str) -> None:
    """A text holding a `"` is quoted in single quotes, unless it holds a tab or another
    character the hint writes as its escape: in single quotes YAML reads `\\t` as a backslash
    and a `t`, and `message: Sorry "Dana": late<tab>again` had been hinted
    `'Sorry "Dana": late\\tagain'`, another text pasted into the plan."""
    found = problem(f"{line}\n")
    hint = re.fullmatch(r"put (?:the whole text|the value) in quotes: `(.*)`", found.hint)
    assert hint is not None, found.hint
    assert "\t" not in hint[1]
    assert yaml.safe_load(hint[1]) == {"message": line.split(": ", 1)[1]}


def test_a_backslash_hint_offers_single_quotes_only_for_a_text_they_keep() -> None:
    """`"See C:\\path<tab>here"` (`\\p` no escape, a real tab) had been offered
    `'See C:\\path\\there'` as well: in single quotes `\\t` is a backslash and a `t`, not the
    tab. Only the doubled form, which keeps the tab, is offered now."""
    found = problem('message: "See C:\\path\there"\n')
    written = re.findall(r"`([^`]*)`", found.hint.rsplit(": ", 1)[1])
    assert written == ['"See C:\\\\path\\there"'], found.hint
    assert yaml.safe_load(f"message: {written[0]}") == {"message": "See C:\\path\there"}


STARRED_ITEM = (
    "YAML syntax error: a list's item starts with `- ` in YAML, not `* `: `*` starts an alias "
    "(`*name` repeats the value named `&name`)"
)


@pytest.mark.parametrize(
    ("text", "place", "item"),
    [
        ("tags:\n  * vip\n  * late\n", (2, 3), "vip"),
        ("any:\n  * {use: late}  # first\n  * {use: vip}\n", (2, 3), "{use: late}"),
        ("* vip\n", (1, 1), "vip"),
    ],
)
def test_a_list_s_items_written_after_stars_are_told_to_start_with_a_dash(
    text: str, place: tuple[int, int], item: str
) -> None:
    """A list written as a document or an email writes one (``* vip``): YAML reads the `*`
    as an alias's start, and its own words had been said, "did not find expected alphabetic
    or numeric character", with the hint to check the indentation (yamlsyntax/texts.py 117,
    never run)."""
    found = problem(text)
    assert (found.source.line, found.source.column) == place
    assert (found.message, found.hint) == (
        STARRED_ITEM,
        f"write each item of the list with `- ` before it: `- {item}`",
    )


def test_a_star_with_only_a_comment_after_it_is_shown_no_empty_item() -> None:
    """``* # none``: the list's item is still told to start with `- `, but the hint had shown
    the item to write as an empty ``- ``."""
    found = problem("tags:\n  * # none yet\n")
    assert (found.source.line, found.source.column) == (2, 3)
    assert (found.message, found.hint) == (
        STARRED_ITEM,
        "write each item of the list with `- ` before it",
    )


def test_a_star_after_a_line_s_star_inside_quotes_is_not_taken_for_a_list_s_item() -> None:
    """The line starts with ``* `` inside a quoted text over lines, and the alias YAML
    refuses is the later `*`: no list's item is told. Without the check that the `*` YAML
    refused starts its line (texts._starred_item), the hint is to write ``- b" * c``; no test
    held that check (found by review)."""
    found = problem('title: "a\n  * b" * c\n')
    assert (found.source.line, found.source.column) == (2, 9)
    assert (found.message, found.hint) == (
        "YAML syntax error: did not find expected alphabetic or numeric character",
        "check the indentation and quoting around this place",
    )


def test_a_key_that_starts_with_a_star_is_told_in_the_parser_s_words() -> None:
    """``*note*: call``: a key no plan has, whose `*` starts no list's item (texts.py 117)."""
    found = problem("rules:\n  - id: a\n    *note*: call\n")
    assert (found.source.line, found.source.column) == (3, 10)
    assert (found.message, found.hint) == (
        "YAML syntax error: did not find expected alphabetic or numeric character",
        "check the indentation and quoting around this place",
    )


@pytest.mark.parametrize(
    "line",
    [
        "then: [{apologize: {}}] x",
        "m: {x: 1} c",
    ],
)
def test_words_after_a_list_or_mapping_meant_as_one_are_not_told_to_be_quoted(line: str) -> None:
    assert "quotes" not in problem(f"rule:\n  {line}\n").hint


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a list of lists, not a text to quote (closers.py 162 is run: the outer `[`)
        ("tags: [[a, b]] c\n", (1, 16)),
        ("tags: [a,\n  b] c\n", (2, 6)),  # the `[` is on the line above (closers.py 164)
        ("message: 'a\n  b' c\n", (2, 6)),  # the quote opened on the line above (155)
        # a `"` inside the text, opening nothing on this line (closers.py 151)
        ("message: 'a\n  [x, \"y' b\n", (2, 11)),
    ],
)
def test_words_after_a_value_with_no_text_to_quote_on_their_line_are_told_at_the_words(
    text: str, place: tuple[int, int]
) -> None:
    """The quote or bracket the words follow was opened on a line above, or closes a list of
    lists: there is no whole text on this line to quote, and no crash looking for one; the
    place and the usual hint are told (yamlsyntax/closers.py 151, 155, 162, 164, never run)."""
    found = problem(text)
    assert (found.source.line, found.source.column) == place
    assert (found.message, found.hint) == (
        "YAML syntax error: a key was expected here",
        "look at this line and the one above: a quote left open, or a line indented differently "
        "from the keys beside it, often causes this",
    )


@pytest.mark.parametrize(
    ("text", "place", "told"),
    [
        (  # a `#` inside the quoted text before: no comment, the next quote still read
            # (yamlsyntax/quotes.py 134)
            'then: [{note: {title: "Order #1", message: "We"re late"}}]\n',
            (1, 47),
            (
                'the `"` in `We"re` ends the quoted text',
                'write `\\"` inside double quotes (`"We\\"re late"`), or put the text in single '
                "quotes",
            ),
        ),
        (  # no quote after the one inside that a value may end at: to the comment
            # (quotes.py 200)
            'title: "We"re late, really  # soon\n',
            (1, 11),
            (
                'the `"` in `We"re` ends the quoted text',
                'write `\\"` inside double quotes (`"We\\"re late, really"`), or put the text in '
                "single quotes",
            ),
        ),
        (  # words after the second quoted value of a line: the first is passed over
            # (closers.py 155)
            'then: [{note: {title: "x", message: "Sorry" he said}}]\n',
            (1, 37),
            (
                'the quotes of `"Sorry"` are read as the quotes around the whole value, so the '
                "words after them cannot follow",
                """put the whole text in quotes: `message: '"Sorry" he said'`""",
            ),
        ),
        (  # a quote after a real comment is the comment's (quotes.py 229)
            "title: [a # note: 'x'y\n",
            (2, 1),
            (
                "the `[` opened on line 1 is not closed",
                "close it with `]`, and separate the items with commas",
            ),
        ),
        (  # brackets inside a text never closed, in braces: they are the text's (quotes.py 44)
            'x: {m: "Sorry [a]\n',
            (1, 8),
            (
                "this quoted text is never closed",
                'add the closing `"` where the text ends: `"Sorry [a]"`',
            ),
        ),
        (  # a block's start YAML takes, `|1-`: the tab below is the mistake (texts.py 154)
            "m: |1-\n\tx\n",
            (2, 1),
            ("a tab is used for indentation", "indent with spaces; YAML does not allow tabs"),
        ),
    ],
)
def test_quotes_and_comments_are_told_where_they_are(
    text: str, place: tuple[int, int], told: tuple[str, str]
) -> None:
    """A `#` inside quotes, a quote inside a comment, brackets inside a text, a second quoted
    value and a block's start YAML takes are each read as what they are (yamlsyntax/quotes.py
    44, 134, 200, 229, closers.py 155 and texts.py 154, never run)."""
    found = problem(text)
    assert (found.source.line, found.source.column) == place
    assert (found.message, found.hint) == (f"YAML syntax error: {told[0]}", told[1])


@pytest.mark.parametrize(
    ("line", "column"), [('"tags": - vip', 9), ("tags: &vip - vip", 12), ("tags: !!seq - vip", 13)]
)
def test_a_list_s_dash_after_a_quoted_key_an_anchor_or_a_tag_is_told_in_words(
    line: str, column: int
) -> None:
    """A `- ` on its key's line after more than a plain key: YAML's own words, "block sequence
    entries are not allowed in this context", had been shown (yamlsyntax/lists.py 58, never
    run)."""
    found = problem(line + "\n")
    assert (found.source.line, found.source.column) == (1, column)
    assert (found.message, found.hint) == (
        "YAML syntax error: a list's `- ` cannot follow other text on its line",
        "start each item on a line of its own below its key, with `- `",
    )


RULE_WHEN_VALUE = (
    "`when:` has a value on its own line, `order`, as well as `all:` below "
    "it: `when:` holds conditions, not a value",
    "if `order` is the event's type, write it as a condition under `when:`, in line with `all:`: "
    "`event: order`",
)


@pytest.mark.parametrize(
    ("text", "place", "told"),
    [
        (  # a comment between `rules:` and the rule (indentation.py 187)
            "rules:\n  # the late ones\n  - id: r\n    when: order\n      all: []\n",
            (4, 11),
            RULE_WHEN_VALUE,
        ),
        (  # a rule above this one: its `- ` is passed over on the way to `rules:` (195)
            "rules:\n  - id: a\n    title: A\n  - id: r\n    when: order\n      all: []\n",
            (5, 11),
            RULE_WHEN_VALUE,
        ),
        (  # an item of no key's list: not a rule, its `when:` may hold a word (197)
            "- id: r\n  when: order\n    all: []\n",
            (3, 5),
            (
                "`all:` is indented more than `when:` on line 2, so it cannot be a key beside it",
                "indent `all:` to column 3, like `when:`",
            ),
        ),
        (  # a blank line and a comment inside the item above (lists.py 221)
            "rules:\n  - id: a\n    # note\n\n   title: T\n",
            (5, 4),
            (
                "`title:` is indented less than `id:` of the list item on line 2, and more than "
                "its `- `, so it is neither a key of that item nor a new item",
                "if `title` belongs to that item, indent it to column 5, like `id:`; start a new "
                "item with `- ` only if it is one",
            ),
        ),
        (  # the file ends with an item, no line break after it (lists.py 60)
            "tags: - vip\n- gold",
            (1, 7),
            (
                "a list's `- ` cannot follow `tags:` on its line",
                "write each item on a line of its own below `tags:`, indented under it and "
                "starting with `- `, or the list in brackets on this line: `tags: [vip, gold]`",
            ),
        ),
        (  # `y:`'s first line is an item, not a key to line `c:` up with (indentation.py 221):
            # `c:` is between `y:` and its list's `- ` (it had been "a key was expected here")
            "x:\n  y:\n    - 1\n   c: 2\n",
            (4, 4),
            (
                "`c:` is indented more than `y:` on line 2, and less than the `- ` of its list on "
                "line 3: it is neither a key beside `y:` nor an item of its list",
                "if `c` is a key beside `y:`, indent `c:` to column 3, like `y:`; if it is an item "
                "of the list, write it `- c:` at column 5",
            ),
        ),
    ],
)
def test_keys_and_items_out_of_line_are_told_past_comments_and_other_items(
    text: str, place: tuple[int, int], told: tuple[str, str]
) -> None:
    """Lines the helpers pass over on their way up (comments, blank lines, the rules above)
    or the end of the file do not change what is told (yamlsyntax/indentation.py 187, 195,
    197, 221 and lists.py 60, 221, never run)."""
    found = problem(text)
    assert (found.source.line, found.source.column) == place
    assert (found.message, found.hint) == (f"YAML syntax error: {told[0]}", told[1])


@pytest.mark.parametrize("line", ["tags: [x, y] @z", 'message: "x" @y'])
def test_a_character_yaml_reads_after_a_value_is_not_quoted_as_a_text_of_its_own(
    line: str,
) -> None:
    """`@z` after brackets or quotes is no key's value: it is not quoted alone, as if it were
    (yamlsyntax/texts.py 105, never run)."""
    found = problem(f"rule:\n  {line}\n")
    assert (found.message, found.hint) == (
        "YAML syntax error: a value cannot start with `@`",
        'put the value in quotes, such as "@acme"',
    )


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        (
            "!important call",
            "for text that starts with `!`, put the whole text in quotes: "
            '`message: "!important call"`; YAML reads a `!` that starts a value as a tag',
        ),
        (
            "!urgent",
            "for text that starts with `!`, put the whole text in quotes: "
            '`message: "!urgent"`; YAML reads a `!` that starts a value as a tag',
        ),
        (
            "!!python/str call",
            "remove the tag; plans hold only text, numbers, true/false, lists and mappings",
        ),
        (
            "!vip {a: 1}",
            "remove the tag; plans hold only text, numbers, true/false, lists and mappings",
        ),
    ],
)
def test_a_tag_that_starts_a_text_is_told_to_be_quoted_not_removed(value: str, hint: str) -> None:
    """`message: !important call`: "remove the tag" would delete the manager's word."""
    found = problem(f"rule:\n  message: {value}\n")
    assert (found.code, found.hint) == ("yaml-tag", hint)


NO_SPACE_MESSAGE = "YAML syntax error: this line has no `: ` (a colon and a space) after its key"
NO_SPACE_HINT = (
    "write `key: value`, with a space after the colon; put text that holds `: ` in quotes"
)
A_PLAN = "backplan: 1\nplan: {name: T, currency: USD}\nrules:\n  - id: r1\n    title: Bad review\n"


@pytest.mark.parametrize(
    ("text", "place", "slip"),
    [
        (
            A_PLAN + "    when: {event: review}\n    then:\n      - apologize:\n"
            "          within:1h\n          message: Sorry\n",
            (9, 11),
            "within:1h",
        ),
        (
            A_PLAN
            + "    when:\n      event:review\n      all:\n        - {field: rating, lte: 2}\n"
            "    then: [apologize: {}]\n",
            (7, 7),
            "event:review",
        ),
        ("backplan: 1\nplan:\n  name:Acme\n  currency: USD\nrules: []\n", (3, 3), "name:Acme"),
        (  # a comment ends YAML's text before the next key: another error, the same slip
            A_PLAN + "    when: {event: review}\n    then:\n      - apologize:\n"
            "          within:1h  # soon\n          message: Sorry\n",
            (9, 11),
            "within:1h",
        ),
        (  # the slip on an item's first key
            A_PLAN + "    when: {event: review}\n    then:\n      - apologize: {}\n"
            "      - compensate:\n          - kind:voucher\n            amount: 5\n",
            (10, 13),
            "kind:voucher",
        ),
    ],
    ids=["an-action-setting", "when", "plan", "before-a-comment", "a-list-item"],
)
def test_a_first_key_without_a_space_after_its_colon_is_told_on_its_own_line(
    text: str, place: tuple[int, int], slip: str
) -> None:
    """YAML reads ``within:1h`` as a text and fails at the key below it: that key was blamed
    for being indented more than the one above it (the advice changed nothing)."""
    found = problem(text)
    assert (found.source.line, found.source.column) == place
    assert (found.message, found.hint) == (NO_SPACE_MESSAGE, NO_SPACE_HINT)
    load(text.replace(slip, slip.replace(":", ": ", 1)))  # the hint followed: it loads


@pytest.mark.parametrize(
    "text",
    [
        "plan:\n  http://example.com\n  currency: USD\n",
        "plan:\n  Note:see\n  currency: USD\n",
        "plan:\n  name: Note:see\n   currency: USD\n",  # a value, then a key out of line
        "plan:\n  - name:Acme\n  - currency: USD\n  name: x\n",  # not lined up with it
    ],
    ids=["a-url", "not-a-key", "a-value", "an-item-above"],
)
def test_text_with_a_colon_above_a_key_is_not_taken_for_a_key_without_its_space(
    text: str,
) -> None:
    assert problem(text).message != NO_SPACE_MESSAGE


def test_a_plain_text_going_on_is_not_taken_for_a_key_without_its_space() -> None:
    found = problem("plan:\n  name: Please call\n    within:2h\n    today: noon\n")
    assert found.message == (
        "YAML syntax error: a `: ` inside a text that goes on over several lines"
    )


SINGLE_QUOTES_HINT = "write `''` inside single quotes (`{}`), or put the text in double quotes"
A_RULE = A_PLAN + "    when: {event: review}\n    then:\n"


@pytest.mark.parametrize(
    ("text", "written", "place", "message", "hint"),
    [
        (
            A_RULE + "      - apologize:\n          message: 'We're sorry about your order'\n",
            "'We're sorry about your order'",
            (9, 23),
            "the `'` in `We're` ends the quoted text",
            SINGLE_QUOTES_HINT.format("'We''re sorry about your order'"),
        ),
        (
            A_RULE + "      - compensate: {kind: voucher, amount: 15, message: 'It's on us'}\n",
            "'It's on us'",
            (8, 61),
            "the `'` in `It's` ends the quoted text",
            SINGLE_QUOTES_HINT.format("'It''s on us'"),
        ),
        (
            "backplan: 1\nplan: {name: T, currency: USD}\nrules:\n"
            "  - title: 'Customer's order was late'\n    id: r1\n    when: {event: review}\n"
            "    then: [apologize: {}]\n",
            "'Customer's order was late'",
            (4, 21),
            "the `'` in `Customer's` ends the quoted text",
            SINGLE_QUOTES_HINT.format("'Customer''s order was late'"),
        ),
        (
            A_RULE + '      - apologize:\n          message: "the "gold" tier"\n',
            '"the "gold" tier"',
            (9, 25),
            'the `"` before `gold` ends the quoted text',
            'write `\\"` inside double quotes (`"the \\"gold\\" tier"`), or put the text in '
            "single quotes",
        ),
        (  # a quote already doubled is kept as it is
            A_RULE + "      - apologize: {message: 'Sorry, it''s late, we're on it'}\n",
            "'Sorry, it''s late, we're on it'",
            (8, 52),
            "the `'` in `we're` ends the quoted text",
            SINGLE_QUOTES_HINT.format("'Sorry, it''s late, we''re on it'"),
        ),
    ],
    ids=["block", "braces", "list-item", "double-quotes", "one-doubled-already"],
)
def test_a_quote_inside_quoted_text_is_told_at_that_quote(
    text: str, written: str, place: tuple[int, int], message: str, hint: str
) -> None:
    """YAML ends the text at the quote inside it, then fails at the rest: that was told as
    a key expected, a `{` not closed or a list item out of place, whose advice changed
    nothing."""
    found = problem(text)
    assert (found.source.line, found.source.column) == place
    assert (found.message, found.hint) == (f"YAML syntax error: {message}", hint)
    mended = hint.split("(`", 1)[1].split("`)", 1)[0]  # the text the hint writes
    assert load(text.replace(written, mended)).data is not None


@pytest.mark.parametrize(
    "line",
    [
        "message: 'ok'  # it's fine'd",  # in a comment
        "message: He said 'hi'there, thanks: we will call",  # quotes inside a plain text
        "message: 'it''s' late",  # the text is closed: what follows it is the slip
    ],
    ids=["comment", "plain-text", "a-word-after-a-blank"],
)
def test_a_quote_in_a_comment_or_a_plain_text_is_not_blamed(line: str) -> None:
    found = problem(f"rules:\n  - id: r\n    {line}\n    x: [\n")
    assert "ends the quoted text" not in found.message


class _CountingPattern:
    """A compiled pattern that counts the searches made with it."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.searches = pattern, 0

    def search(self, *args: Any) -> re.Match[str] | None:
        self.searches += 1
        return self.pattern.search(*args)


@pytest.mark.parametrize(
    "end",
    ["\n", '"a": b c: d}\n'],
    ids=["error-below-it", "error-on-it"],  # read for a quote left open; for a quote inside
)
def test_a_line_of_many_quoted_values_is_searched_once_for_its_comment(
    end: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan written as JSON on one line, cut short: the words for the error look along the
    line for a quote inside a quoted text or one left open, and searched the rest of the line
    for a comment at each quoted value (2.3 minutes for 150 KB). A search is made again only
    past the comment found (here none), so their count does not grow with the values."""
    import engine.yamlsyntax.quotes  # where the readers of a line's comment look it up

    counting = _CountingPattern(engine.yamlsyntax.quotes._COMMENT)
    monkeypatch.setattr(engine.yamlsyntax.quotes, "_COMMENT", counting)
    found = problem("{" + '"k": "v", ' * 500 + end)
    assert found.message == "YAML syntax error: the `{` opened on line 1 is not closed"
    assert counting.searches <= 4  # once a line for each reader of it; 1,000 or 2,000 before


_WORDS_FOR_STDIN = """
import sys
from engine.errors import PlanError
from engine.loading import load_yaml
try:
    load_yaml(sys.stdin.read(), "plan.yaml")
except PlanError as error:
    [found] = error.diagnostics
    print(found.message, found.hint, sep="\\n")
"""


LONG = 100 * 1024
"""The length of the long run in each text below (each took from 1 to 15 minutes)."""
IN_CONDITION = "backplan: 1\nplan:\n  name: x\nconditions:\n  c:\n    field: tags\n    in: "
COMMENT_CUTS = (
    "YAML syntax error: a `#` after a blank starts a comment, so YAML read no further on line 7 "
    "and the `{}` after it is not read"
)
HOLDS_THE_HASH = "put the text that holds the `#` in quotes: `{}`"


_PLACE_FOR_STDIN = _WORDS_FOR_STDIN.replace(
    "print(found.message, found.hint", "print(found.code, found.source.line, found.source.column"
)


def test_many_numbers_cut_at_their_commas_in_one_mapping_are_told_in_linear_steps() -> None:
    """Each number a comma cut was read back as written from the keys after it, sliced from
    the rest of the mapping each time: 30,000 took 5 s, 80,000 (1 MB) over a minute (found by
    review)."""
    text = "x: {" + ", ".join(f"k{n}: 1,5" for n in range(80_000)) + "}\n"
    assert printed_by_a_child(_PLACE_FOR_STDIN, text) == "duplicate-key\n1\n20\n"


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        (  # _KEY_WITHOUT_SPACE: the value's end tried at each column of the blanks
            "backplan: 1\nplan:\n  within:x" + " " * LONG + "y\n  name: foo\n",
            NO_SPACE_MESSAGE,
            NO_SPACE_HINT,
        ),
        (  # _BRACED_TEXT: the same, for the text's trailing blanks
            "backplan: 1\nplan:\n  name: {x}" + " " * LONG + "y\n",
            "YAML syntax error: text that starts with `{` is read as a YAML mapping, not as text",
            # the text is quoted at most QUOTED_AT_MOST characters of (it was 100 KB)
            'put the whole text in quotes, such as `name: "{x}'
            + " " * (QUOTED_AT_MOST - 4)
            + '…"`',
        ),
        (  # _FLOW_VALUE: a key looked for from each column of a long word, up to the `,`
            IN_CONDITION + "{" + "a" * LONG + ", k: x y: z}\n",
            "YAML syntax error: a `: ` inside a value in braces",
            'put the value in quotes: `k: "x y: z"`',
        ),
        (  # the same, for the text before a comment, and no `,` to start after
            IN_CONDITION + "{" + "a" * LONG + " k: x #y}\n",
            COMMENT_CUTS.format("}"),
            HOLDS_THE_HASH.format('k: "x #y"'),
        ),
        (  # _FLOW_VALUE: from each key inside a quoted text, read on to its end
            IN_CONDITION + '[x, "' + "a: " * (LONG // 3) + '", b #c]\n',
            COMMENT_CUTS.format("]"),
            HOLDS_THE_HASH.format('"b #c"'),
        ),
        (  # _ITEM_BEFORE: a run of blanks split between its blanks and its text
            IN_CONDITION + "[a," + " " * LONG + 'b"c #d]\n',
            COMMENT_CUTS.format("]"),
            HOLDS_THE_HASH.format('"#d"'),
        ),
        (  # _ITEM_AFTER_KEY: the item's trailing blanks, tried from each (20 KB took 11 s;
            # found by review)
            "backplan: 1\nplan:\n  tags: - a" + " " * LONG + "x\n",
            "YAML syntax error: a list's `- ` cannot follow `tags:` on its line",
            "write each item on a line of its own below `tags:`, indented under it and starting "
            'with `- `, or the list in brackets on this line: `tags: ["a'
            + " " * (QUOTED_AT_MOST - 2)
            + '…"]`',
        ),
        (  # the word before a quote inside a quoted text, looked for from each column
            "backplan: 1\nplan:\n  name: '" + "a" * LONG + " x'y later'\n",
            "YAML syntax error: the `'` in `x'y` ends the quoted text",
            "write `''` inside single quotes (`'" + "a" * (QUOTED_AT_MOST - 1) + "…'`), or put "
            "the text in double quotes",
        ),
        (  # the title check (_TEXT_START): its pattern had tried a title's end at each column
            # of its blanks (40 KB took 18 s; found by review)
            "Acme" + " " * LONG + "plan\nbackplan: 1\n",
            "YAML syntax error: `Acme" + " " * (QUOTED_AT_MOST - 5) + "…` is not a key: a plan's "
            "lines are keys and their values",
            "remove the line, or start it with `# ` to keep it as a comment: `# Acme"
            + " " * (QUOTED_AT_MOST - 5)
            + "…`",
        ),
        (  # _KEY_THEN_WORDS: the value's end tried at each column of its blanks (20 KB took
            # 6 s; found by review)
            "backplan: 1\nrules:\n  - id: a\n    title A" + " " * LONG + "B\n    priority: 5\n",
            "YAML syntax error: `title` has no `:` after it",
            "write a colon after the key: `title: A" + " " * (QUOTED_AT_MOST - 2) + "…`",
        ),
        (  # a comment looked for in a plan written as JSON: the line before each `//` stripped
            # again (2 MB took 43 s; found by review)
            '{"backplan": 1, "a": x' + " x //" * (4 * LONG) + ', "rules": [}\n',
            "YAML syntax error: the `[` opened on line 1 is not closed",
            "close it with `]`, and separate the items with commas",
        ),
    ],
    ids=[
        "key-without-space",
        "braced-text",
        "value-cut-in-braces",
        "comment-in-braces",
        "keys-in-quotes",
        "item-before-a-comment",
        "item-after-its-key",
        "word-before-a-quote",
        "title-above-the-first-key",
        "key-then-words",
        "slashes-after-words-in-json",
    ],
)
def test_a_long_run_on_the_line_of_a_slip_is_read_in_linear_steps(
    text: str, message: str, hint: str
) -> None:
    """The patterns that read a slip's line tried each column of a long run of blanks or of
    one word against the rest of it (a lazy `.*?` before `[ \\t]*$`, a search begun inside a
    word): 100 KB took minutes. The words stay the same, the long run quoted at most
    QUOTED_AT_MOST characters of."""
    assert printed_by_a_child(_WORDS_FOR_STDIN, text) == f"{message}\n{hint}\n"


@pytest.mark.parametrize(
    ("text", "written", "place", "message", "mended"),
    [
        (
            A_PLAN + "    when:\n      event: review\n      all:\n"
            "        - {field: rating lte: 2}\n    then: [apologize: {}]\n",
            "{field: rating lte: 2}",
            (9, 25),
            "a `,` is missing between `rating` and `lte:` inside the braces",
            "{field: rating, lte: 2}",
        ),
        (
            A_RULE + "      - compensate: {kind: voucher amount: 15}\n",
            "{kind: voucher amount: 15}",
            (8, 35),
            "a `,` is missing between `voucher` and `amount:` inside the braces",
            "{kind: voucher, amount: 15}",
        ),
        (  # the braces still open there, not the ones closed before them
            A_PLAN + "    when: {event: review, all: [{field: rating, gte: 1}, "
            "{field: rating lte: 2}]}\n    then: [apologize: {}]\n",
            "{field: rating lte: 2}",
            (6, 72),
            "a `,` is missing between `rating` and `lte:` inside the braces",
            "{field: rating, lte: 2}",
        ),
    ],
    ids=["a-condition", "an-action", "braces-before-it"],
)
def test_a_comma_left_out_between_keys_in_braces_is_told(
    text: str, written: str, place: tuple[int, int], message: str, mended: str
) -> None:
    """YAML reads `rating lte` as one value and fails at the `: ` after it: the hint was to
    quote `rating lte: 2`, which made the plan wrong in two new ways."""
    found = problem(text)
    assert (found.source.line, found.source.column) == place
    assert (found.message, found.hint) == (f"YAML syntax error: {message}", f"write `{mended}`")
    load(text.replace(written, mended))


def test_a_comma_left_out_in_braces_not_closed_on_its_line_is_told_with_the_two_words() -> None:
    """The `}` is not on the line: the two words are shown with the `,` between them, not the
    braces (no test had left the braces open)."""
    found = problem(A_RULE + "      - compensate: {kind: voucher amount: 15\n")
    assert (found.source.line, found.source.column) == (8, 35)
    assert (found.message, found.hint) == (
        "YAML syntax error: a `,` is missing between `voucher` and `amount:` inside the braces",
        "write `voucher, amount:`",
    )


def test_two_words_and_a_colon_in_brackets_are_not_mended_with_a_comma() -> None:
    """`[field: rating lte: 2]` is a list, not a mapping a `,` would mend
    (yamlsyntax/brackets.py 88, never run)."""
    found = problem(
        A_PLAN + "    when:\n      event: review\n      all: [field: rating lte: 2]\n"
        "    then: [apologize: {}]\n"
    )
    assert (found.source.line, found.source.column) == (8, 30)
    # in square brackets, not braces, as it had said
    assert found.message == "YAML syntax error: a `: ` inside a value in square brackets"
    assert found.hint == 'put the value in quotes: `field: "rating lte: 2"`'


@pytest.mark.parametrize(
    ("braces", "quoted"),
    [
        ("{channel: email, message: Note: check packaging}", 'message: "Note: check packaging"'),
        ("{channel: email, message: Please note: call back}", 'message: "Please note: call back"'),
    ],
    ids=["not-a-key", "a-key-that-cannot-be-beside-message"],
)
def test_text_with_a_colon_in_braces_is_still_told_to_be_quoted(braces: str, quoted: str) -> None:
    text = A_RULE + f"      - contact_customer: {braces}\n"
    found = problem(text)
    assert (found.message, found.hint) == (
        "YAML syntax error: a `: ` inside a value in braces",
        f"put the value in quotes: `{quoted}`",
    )
    load(text.replace(quoted.replace('"', ""), quoted))


def test_a_comma_left_out_in_braces_over_lines_is_told_with_the_two_words() -> None:
    text = A_RULE + "      - compensate: {percent: 10,\n          kind: voucher amount: 15}\n"
    found = problem(text)
    assert (found.source.line, found.source.column) == (9, 24)
    assert found.hint == "write `voucher, amount:`"
    load(text.replace("voucher amount:", "voucher, amount:"))


def test_a_text_that_spells_an_alias_does_not_hide_an_anchor_slip() -> None:
    """Whether an anchor is used was told by searching the file for `*Co`: a message that only
    says "see *Co" hid `title: &Co complaint`. The builder counts the alias uses it meets."""
    found = problem("a:\n  title: &Co complaint\n  message: see *Co for details\n")
    assert found.code == "text-read-as-anchor"
    assert (found.source.line, found.source.column) == (2, 10)


def test_a_path_whose_backslash_makes_a_backspace_is_written_with_that_backslash_doubled() -> None:
    """`"C:\\Users\\bob"`: the hint doubled `\\U` but kept `\\b`, a backspace, which the same hint
    says no text means; now both are the path's backslashes, and single quotes are offered."""
    found = problem('items:\n  - {note: {message: "C:\\Users\\bob"}}\n')
    assert found.hint.endswith(""": `'C:\\Users\\bob'` or `"C:\\\\Users\\\\bob"`""")


CLOSER_CASES = [
    # (the action written in braces, the bracket's column, the hint's mend, the action mended)
    (
        "apologize: {within: 1h, message: Sorry } for the wait}",
        44,
        'message: "Sorry }} for the wait"',  # in a template a lone `}` is refused: doubled
        'apologize: {within: 1h, message: "Sorry }} for the wait"}',
    ),
    (
        "apologize: {message: Hi customer.first_name} thanks, within: 1h}",
        48,
        'message: "Hi {customer.first_name} thanks"',  # a field whose `{` was left out
        'apologize: {message: "Hi {customer.first_name} thanks", within: 1h}',
    ),
    (
        "escalate: {to: ops desk ] two, within: 1h}",
        29,
        'to: "ops desk ] two"',
        'escalate: {to: "ops desk ] two", within: 1h}',
    ),
    (
        "replace: {item: Mug } blue, within: 1d}",
        25,
        'item: "Mug }} blue"',
        'replace: {item: "Mug }} blue", within: 1d}',
    ),
]


@pytest.mark.parametrize(("action", "column", "mend", "mended"), CLOSER_CASES)
def test_a_closing_bracket_inside_text_in_brackets_is_told_to_be_quoted(
    action: str, column: int, mend: str, mended: str
) -> None:
    """A `}` or `]` in a plain text in brackets ends the brackets; YAML's words (a key was
    expected, the `{` is not closed) pointed elsewhere. A template whose `{` was left out is
    the usual way to write one."""
    found = problem(f"rule:\n  - {action}\n")
    assert (found.source.line, found.source.column) == (2, column)
    assert found.message.startswith(f"YAML syntax error: a `{action[column - 5]}` inside text")
    assert found.hint.endswith(f": `{mend}`")
    assert mend in mended


@pytest.mark.parametrize(("action", "column", "mend", "mended"), CLOSER_CASES)
def test_the_mend_of_a_closing_bracket_in_text_is_a_valid_plan(
    tmp_path: Path, action: str, column: int, mend: str, mended: str
) -> None:
    """The hint's text in place of the value makes a plan `validate` takes."""
    from engine.api import check_plan
    from tests.conftest import write_plan

    body = f"rules:\n  - id: r\n    title: R\n    fallback: true\n    then:\n      - {mended}\n"
    assert check_plan(write_plan(tmp_path, body)) == [], mended


@pytest.mark.parametrize(
    "line",
    [
        "a: {channel: ops, params: {tone: warm} please}",  # a `}` closing brackets of its own
        "when: {all: [{field: a, eq: 1} x]}",
        'a: {title: "Sorry } x" more, b: c}',  # the bracket is inside quoted text
    ],
)
def test_a_closing_bracket_that_pairs_is_not_told_to_be_quoted(line: str) -> None:
    hint = problem(f"rule:\n  {line}\n").hint
    assert '}"' not in hint and "] " not in hint, hint


@pytest.mark.parametrize(
    ("line", "told"),
    [
        ("a: {tags: [a, b] message: Hi}", "a `,` is missing between the `]` and `message:`"),
        ("message: [a, b] note: x", 'put the whole text in quotes: `message: "[a, b] note: x"`'),
        ("a: {message: [VIP] note: x}", 'put the whole text in quotes: `message: "[VIP] note: x"`'),
    ],
)
def test_a_key_after_a_list_in_braces_is_a_comma_left_out_not_text(line: str, told: str) -> None:
    """In braces, a list of several items and then a key is two items without their `,`;
    out of braces, or a list of one word (`[VIP]`), it is text that starts with a bracket."""
    found = problem(f"rule:\n  {line}\n")
    assert told in f"{found.message} {found.hint}"


def test_a_comma_left_out_after_brackets_inside_braces_is_told_where_it_goes() -> None:
    found = problem("rule:\n  a: {within: 1h, params: {tone: warm} message: Sorry}\n")
    assert (found.source.line, found.source.column) == (2, 39)  # after the `}`
    assert found.message == (
        "YAML syntax error: a `,` is missing between the `}` and `message:` inside the brackets"
    )
    assert found.hint == "write `}, message:`"


def test_the_items_below_a_list_on_its_keys_line_are_shown_to_a_limit() -> None:
    # 20,000 items below `tags: - a` made a hint of 60 KB (found by review).
    found = problem("backplan: 1\nplan:\n  tags: - a\n" + "  - bb\n" * 20_000)
    assert found.hint.endswith("…]` (20,001 items in all)")
    assert len(found.hint) < 2 * LISTED_AT_MOST


@pytest.mark.parametrize("key", ["[a, b]", "{a: b}"])
def test_a_list_or_mapping_as_a_key_is_refused_at_it(key: str) -> None:
    # `? [a, b]` makes a list the key: no name a plan knows, refused where it is written.
    found = problem(f"backplan: 1\n? {key}\n: 1\n")
    assert (found.code, found.message, found.source.line, found.source.column) == (
        "yaml-key",
        "a mapping key must be plain text",
        2,
        3,
    )


@pytest.mark.parametrize(
    ("text", "pointer"),
    [
        ("title: [Late\n", "/title"),  # changed since it was read: no longer YAML
        ("title: Late\n", "/title/0"),  # a place inside a text: not there
    ],
)
def test_plain_texts_of_a_text_that_is_not_the_plan_read_are_none(text: str, pointer: str) -> None:
    """Lint reads the file again for how texts are written; a file changed since it was loaded
    (or a place that is not in it) gives no text, not a traceback."""
    assert plain_texts(text, [pointer]) == {}


def test_the_comment_lines_below_a_text_are_read_to_the_end_of_the_file() -> None:
    # `Call the store` then `#12 first` indented below it, the last line of the file: YAML ends
    # the text at the `#`, and the comment is what the text would have gone on with.
    text = "rules:\n  - title: Call the store\n      #12 first\n      #then the lead"
    [found] = plain_texts(text, ["/rules/0/title"]).values()
    assert (found.value, found.below) == ("Call the store", "#12 first #then the lead")


def test_a_file_of_more_values_than_the_limit_is_refused_before_it_is_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 2,000,000 values take a 4 MB file: the limit is lowered to show where it is met.
    monkeypatch.setattr(engine.loading, "MAX_NODES", 5)
    found = problem("backplan: 1\nrules: [1, 2, 3, 4, 5]\n")
    assert (found.code, found.message) == ("yaml-too-large", "the file holds more than 5 values")
    assert found.hint == "split the plan into several files in one folder"


@pytest.mark.parametrize("text", ["\ufeff", "\ufeff\ufeff", "\ufeff# only a comment\n"])
def test_a_file_of_byte_order_marks_is_told_empty(tmp_path: Path, text: str) -> None:
    # The first mark is dropped as the file is read; a second one is no blank to Python, so the
    # file reaches the parser, which finds no document in it.
    path = tmp_path / "plan.yaml"
    path.write_bytes(("\ufeff" + text).encode("utf-8"))
    found = file_problem(path)
    assert (found.code, found.message, found.source.line) == ("empty-file", "the file is empty", 1)


def test_a_yaml_error_without_a_place_is_told_at_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    # libyaml places its errors; one it does not (a YAMLError of its own) is still a message
    # at the file's start, not a traceback.
    def unplaced(*args: object) -> None:
        raise yaml.YAMLError("the stream could not be read")

    monkeypatch.setattr(engine.loading, "_compose_and_build", unplaced)
    found = problem("backplan: 1\n")
    assert (found.code, found.message, found.source.line, found.source.column) == (
        "yaml-syntax",
        "YAML error: the stream could not be read",
        1,
        1,
    )


@pytest.mark.parametrize(
    "beside",
    ["in: [1, 2]", "lt: 99999999999999999999999", "lt: .inf", "eq: !!binary aGk=", "[x]"],
)
def test_numbers_cut_into_one_key_are_told_whatever_is_beside_them(beside: str) -> None:
    """A list, a number too large or not finite, a value the loader refuses, or a key that is
    no text, beside two numbers a comma cut: read as they are to find the numbers, and the numbers told, not the
    value beside them (its problem is told once the commas are mended)."""
    found = problem(f"when:\n  all:\n    - {{field: rating, lte: 1,5, gte: 0,5, {beside}}}\n")
    assert (found.code, found.message, found.hint) == (
        "duplicate-key",
        "`lte: 1,5` and `gte: 0,5` were read as `lte: 1`, `gte: 0` and the key `5` twice: in "
        "braces, a comma ends a value",
        "write decimals with a dot: `lte: 1.5`, `gte: 0.5`",
    )


def test_a_key_with_a_colon_in_its_value_below_an_empty_block_is_told_to_be_quoted() -> None:
    """A key of one word below an empty ``description: |`` is a key, as the schema's reading
    holds it: ``title: Late: very`` there had been told as the block's text, "indent each line
    of the text", which would have put the title in the description; its value's `: ` is what
    is wrong (found by review)."""
    found = problem("rules:\n  - id: r\n    description: |\n    title: Late: very\n")
    assert found.message == "YAML syntax error: a `: ` inside a value"
    assert found.hint == 'put the value in quotes: `title: "Late: very"`'


@pytest.mark.parametrize(
    ("rule", "code"),
    [
        (  # a field named as the key of a test, its long text the value
            '    title: T\n    when: {event: order, all: [{store: "' + "S" * 200 + ' #1"}]}\n'
            "    then: [apologize: {}]\n",
            "unknown-operator",
        ),
        (  # an action's settings on its line, a long message among them
            "    title: T\n    when: {event: order}\n    then:\n"
            "      - apologize: message: see {x} " + "x" * 191 + "\n",
            "yaml-syntax",
        ),
    ],
)
def test_a_hint_holding_a_long_text_in_quotes_closes_them(
    tmp_path: Path, rule: str, code: str
) -> None:
    """The hint of `{store: "<200 characters>"}` (a field named as the key) had been `{field:
    store, eq: "SSS…}` and that of `- apologize: message: see {x} xxx…` `apologize: {message:
    "see {x} xxx…`: the whole hint cut after the text was quoted, its closing quote lost, so the
    hint pasted was a YAML error. The text is cut inside its quotes; the hint reads as YAML."""
    found = checked(tmp_path, rule)
    assert found.code == code
    hint = found.hint.split("`")[-2]  # the last text in backticks: the plan's line rewritten
    assert hint.startswith(("{field: store", "apologize: {message")), hint
    assert isinstance(yaml.safe_load(hint), dict), hint
