"""Lines wrapped to a width in the columns a terminal shows (engine.wrapping)."""

from __future__ import annotations

import textwrap

from hypothesis import given
from hypothesis import strategies as st

from engine.wrapping import columns, wrap

JAPANESE = (
    "ゲストの田中太郎様から、部屋の騒音について苦情がありました。すぐにお詫びしてください。" * 3
)


def test_a_japanese_line_is_wrapped_to_the_columns_shown() -> None:
    """Wrapped by characters, a reason in Japanese ran to about 120 columns where 100 was
    meant (each character takes two): found by writing a hotel group's plan."""
    lines = wrap(f"rule `noise` fired: {JAPANESE}", 100, "      ", "      ")
    assert len(lines) > 1
    assert all(columns(line) <= 100 for line in lines)
    assert max(columns(line) for line in lines) >= 98  # full lines, not cut short
    assert "".join(line.strip() for line in lines).replace(" ", "") == (
        f"rule`noise`fired:{JAPANESE}"
    )


def test_text_one_column_a_character_is_wrapped_as_textwrap_does() -> None:
    text = "Hélène Dupont wrote twice about the noisy room on the   third floor; " * 4
    assert wrap(text, 60, "  ", "    ") == textwrap.wrap(
        text, 60, initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False
    )


def test_a_combining_accent_takes_no_column_and_stays_with_its_letter() -> None:
    word = "cafe\u0301" * 30  # 150 characters, 120 columns
    lines = wrap(word, 40)
    assert [columns(line) for line in lines] == [40, 40, 40]
    assert not any(line.startswith("\u0301") for line in lines)


WORDS = st.text(alphabet=st.sampled_from("ab é\u0301光ホテル😀 "), min_size=0, max_size=200)


@given(WORDS, st.integers(min_value=2, max_value=60))
def test_every_line_fits_and_nothing_is_lost(text: str, width: int) -> None:
    lines = wrap(text, width, "  ", " ")
    assert all(columns(line) <= width for line in lines) or width <= 3
    assert "".join("".join(line.split()) for line in lines) == "".join(text.split())


def test_a_wide_text_keeps_its_spaces_as_written() -> None:
    """A full-width space (U+3000, Japanese's), a no-break space and a run of spaces are kept,
    as textwrap keeps them in a text of one column a character: the text had been split at
    every kind of space and joined again by one ASCII space, and ``explain`` quoted a rule's
    `予約　できない` (U+3000) as the event's `予約 できない`, two texts that differ shown alike
    (found by review)."""
    text = 'text is "予約 できない"; it needs "予約\u3000できない"  (a\xa0b)'
    assert wrap(text, 100, "  ", "    ") == ["  " + text]
    lines = wrap(f"{text} " * 4, 60, "  ", "    ")
    assert all(columns(line) <= 60 for line in lines)
    assert sum(line.count("\u3000") for line in lines) == 4
    assert sum(line.count("\xa0") for line in lines) == 4


def test_wide_characters_and_accents_as_many_are_wrapped_by_columns() -> None:
    """A text with as many wide characters as combining accents has as many columns as
    characters, and had been taken for one of one column a character and wrapped by
    textwrap: lines ran past the width, and an accent was cut from its letter (found by
    review)."""
    text = "光e\u0301" * 40  # 120 characters, 120 columns
    lines = wrap(text, 40)
    assert all(columns(line) <= 40 for line in lines)
    assert not any(line.startswith("\u0301") for line in lines)
    assert "".join(lines) == text
