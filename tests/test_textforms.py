"""Texts compared composed (engine.textforms): the facts the compiled matcher's shortcuts rest on.

``engine.compile`` compares a plan's text of one spelling with an event's text as written and
composes the event's text only to confirm a find; these tests hold the claims that make that
exact, over all of Unicode where they can, and with hypothesis over texts built of the
characters that compose (letters and combining accents, the signs that compose to ASCII).
"""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.operators import holds
from engine.textforms import _COMPOSED_TO_ASCII, composed, composed_value, fold, one_spelling


def test_only_three_characters_compose_to_anything_with_ascii_in_it() -> None:
    """The characters not ASCII whose composed form holds an ASCII character are exactly
    those :data:`_COMPOSED_TO_ASCII` lists the images of, over every code point."""
    images = {
        char
        for code in range(0x80, sys.maxunicode + 1)
        for char in unicodedata.normalize("NFC", chr(code))
        if char.isascii()
    }
    assert images == set(_COMPOSED_TO_ASCII)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yelp", "yelp"),
        ("Cafe\u0301", "Caf\u00e9"),
        ("Caf\u00e9", "Caf\u00e9"),
        ("\u212a", "K"),  # KELVIN SIGN
        ("\u1100\u1161", "\uac00"),  # a Korean syllable written as its parts
    ],
)
def test_composed(text: str, expected: str) -> None:
    assert composed(text) == expected


def test_composed_value_composes_the_texts_of_a_list_and_keeps_its_kind() -> None:
    assert composed_value(("Zu\u0308rich", 1, None)) == ("Z\u00fcrich", 1, None)
    assert composed_value(["e\u0301"]) == ["\u00e9"]
    assert composed_value(3) == 3 and composed_value(True) is True


def test_fold_composes_before_and_after_folding() -> None:
    assert fold("CAFE\u0301") == fold("caf\u00e9") == "caf\u00e9"
    assert fold("\u01f0") == "\u01f0"  # folds to j and a caron apart, composed again
    assert fold("STRASSE") == fold("stra\u00dfe")


@pytest.mark.parametrize(
    ("text", "alone"),
    [("yelp", True), ("S12", True), ("", True), ("K1", False), ("a;b", False), ("é", False)],
)
def test_one_spelling(text: str, alone: bool) -> None:
    assert one_spelling(text) is alone


SPELLING_PARTS = ["a", "e", "K", "k", ";", "`", " ", "\u00e9", "\u0301", "\u0308", "\u0323"]
SPELLING_PARTS += ["\u212a", "\u037e", "\u1fef", "\u212b", "\u00c5", "\u030a", "A"]
event_texts = st.lists(st.sampled_from(SPELLING_PARTS), max_size=6).map("".join)
plan_texts = st.lists(st.sampled_from(["a", "e", "k", "A", " ", "ae"]), max_size=3).map("".join)


@given(plan_texts, event_texts)
def test_a_text_of_one_spelling_compares_as_written_as_it_does_composed(
    plan_text: str, event_text: str
) -> None:
    """What ``engine.compile`` relies on for a plan's text of one spelling: equal, ends with
    and holds nowhere as written exactly as composed, starts with and holds somewhere only
    if so as written (a find is confirmed composed)."""
    assert one_spelling(plan_text)
    whole = composed(event_text)
    assert (event_text == plan_text) is (whole == plan_text)
    assert event_text.endswith(plan_text) is whole.endswith(plan_text)
    assert whole.startswith(plan_text) <= event_text.startswith(plan_text)
    assert (plan_text in whole) <= (plan_text in event_text)


OPS = ["eq", "ne", "contains", "starts_with", "ends_with", "lt", "gte", "matches"]


@given(st.sampled_from(OPS), st.booleans(), event_texts, event_texts)
def test_every_test_answers_the_same_for_either_spelling(
    op: str, ignore_case: bool, plan_text: str, event_text: str
) -> None:
    """An event's text and the plan's, written composed or decomposed, give one answer."""
    if op == "matches":
        plan_text = "^" + "".join(c for c in plan_text if c.isalnum())
    for event_form in ("NFC", "NFD"):
        for plan_form in ("NFC", "NFD"):
            value = unicodedata.normalize(event_form, event_text)
            const = unicodedata.normalize(plan_form, plan_text)
            if op == "matches":
                const = plan_text  # a pattern is a pattern: composed when the plan is read
            assert holds(op, value, const, ignore_case) is holds(
                op, composed(event_text), composed(plan_text), ignore_case
            )
