"""Pasted typography named in the hint of the error it caused (engine.typography).

The wording of whole messages is pinned by tests/golden/diagnostics/pasted-*.yaml; here, which
lines are read as pasted, and that an error with another cause keeps its own hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.api import check_plan
from engine.typography import pasted


@pytest.mark.parametrize(
    ("line", "character", "said"),
    [
        (
            "\u00a0\u00a0\u00a0\u00a0within: 2h\n",
            "\u00a0",
            "line 7 is indented with no-break spaces",
        ),
        ("    \u2003message: hi\n", "\u2003", "line 7 is indented with em spaces"),
        ("      \u2013 apologize: {}\n", "\u2013", "`\u2013` (en dash) on line 7 is not `-`"),
        ("      \u2022 apologize: {}\n", "\u2022", "`\u2022` (bullet) on line 7 is not `-`"),
        ("      - apologize: {within\u200b: 2h}\n", "\u200b", "a key on line 7 holds an invisible"),
        # the first invisible character is in a text: the one in a key is found all the same
        (
            "  - {message: Sorry\u00ad for the wait, with\u200bin: 1h}\n",
            "\u200b",
            "a key on line 7 holds an invisible character (zero width space",
        ),
        # two invisible characters in one word of a text, read once: the key's is found
        (
            "  - {message: So\u00adrry\u00ad, with\u200bin: 1h}\n",
            "\u200b",
            "a key on line 7 holds an invisible character (zero width space",
        ),
        (
            "  \ufeffid: late\n",
            "\ufeff",
            "a key on line 7 holds an invisible character (zero width",
        ),
        # a key's colon followed by a no-break space (Word, Outlook): YAML sees no key
        (
            "          within:\u00a0 2h\n",
            "\u00a0",
            "line 7 has a no-break space after `within:`, which YAML does not read as a space",
        ),
        ("  - apologize: {within:\u00a02h}\n", "\u00a0", "line 7 has a no-break space after"),
        ("      - event:\u202forder\n", "\u202f", "line 7 has a narrow no-break space after"),
        ("    within: \u201c2h\u201d\n", "\u201c", "`\u201c` is a typographic quote"),
        ("    to: [\u2018lead\u2019]\n", "\u2018", "`\u2018` is a typographic quote"),
        ("  - \u00abtext\u00bb\n", "\u00ab", "`\u00ab` is a typographic quote"),
        # typed with a Japanese input mode on: a full-width colon ends a key, a full-width
        # minus or the long-vowel mark starts an item
        ("    title\uff1a\u914d\u9054\n", "\uff1a", "the key `title` on line 7 ends with `\uff1a`"),
        ("  - {message: hi, within\uff1a 2h}\n", "\uff1a", "the key `within` on line 7 ends"),
        ("        \uff0d {field: store}\n", "\uff0d", "`\uff0d` (fullwidth hyphen-minus) on"),
        ("      \u30fc apologize: {}\n", "\u30fc", "`\u30fc` (katakana-hiragana prolonged"),
    ],
)
def test_pasted_characters_where_yaml_gives_meaning_are_named(
    line: str, character: str, said: str
) -> None:
    found = pasted(line, 7)
    assert found is not None and found[0] == character and found[1].startswith(said), found


@pytest.mark.parametrize(
    "line",
    [
        "    message: Hi, we are sorry\n",  # ASCII
        "    message: Hi \u201cDana\u201d, we are sorry\n",  # quotes inside text: typography
        "    message: Caf\u00e9 \u2013 open\u00a0late\n",  # a dash and a no-break space in text
        "    title: Late \u2013 order\n",
        "    message: 'it\u2019s late'\n",
        # a curly quote after a `: ` inside a text: the `: ` is the slip, told elsewhere
        "    message: He said: \u201clate again\u201d, so call\n",
        "    description: a \u201cquoted\u201d word, a zero\u200bwidth space, then: more\n",
        "    message: \u6df1\u591c\u5bfe\u5fdc\uff1a\u6298\u308a\u8fd4\u3057\n",  # `：` in Japanese text
        "    title: \u914d\u9054 \u30fc \u9045\u5ef6\n",
    ],
)
def test_typography_inside_text_is_no_slip(line: str) -> None:
    assert pasted(line, 2) is None


def test_a_byte_order_mark_starting_the_file_is_no_invisible_character_in_a_key() -> None:
    # Notepad starts a file with one: the first key was said to hold U+FEFF.
    assert pasted("\ufeffbackplan: 1\n", 1) is None
    assert pasted("  \ufeffid: late\n", 7) is not None  # elsewhere it is pasted


def test_an_error_with_another_cause_keeps_its_own_hint(tmp_path: Path) -> None:
    # The line holds curly quotes, but the error (an unknown action) does not come from them.
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "backplan: 1\nplan: {name: T, currency: USD}\nrules:\n"
        "  - id: a\n    title: A\n    when: {event: order}\n"
        "    then: [{apologise: {message: \u201cSorry\u201d}}]\n"
        "  - {id: f, title: F, fallback: true, then: [{escalate: {to: lead}}]}\n",
        encoding="utf-8",
    )
    [found] = check_plan(plan)
    assert found.code == "unknown-action"
    assert "typographic" not in found.hint


def test_only_a_letter_that_looks_latin_is_named_in_a_key() -> None:
    # `μ` and `Δ` look like no Latin letter: a key holding one was told to be typed again
    # "on an English keyboard layout" (found by review).
    assert pasted("    low_μ: 5", 3) is None
    assert pasted("    Δ_days: 5", 3) is None
    found = pasted("    tіtle: A", 5)
    assert found is not None and found[0] == "і"


def test_only_the_layout_of_the_line_before_an_error_is_taken_for_its_cause() -> None:
    # A zero-width space in a key, a curly quote or a look-alike letter on the line before a
    # tab-indented one took the place of the tab's hint (found by review): only what makes
    # YAML read on into the next line (indentation, a dash, the space after a key) may.
    for line in ("    ti\u200btle: A", "    title: \u201cA\u201d", "    t\u0456tle: A"):
        assert pasted(line, 5) is not None
        assert pasted(line, 5, layout_only=True) is None
    assert pasted("  \u00a0 title: A", 5, layout_only=True) is not None
    assert pasted("    title:\u00a0A", 5, layout_only=True) is not None
    found = pasted("    fa\u04cflback: true", 5)  # Cyrillic palochka, like an l
    assert found is not None and found[0] == "\u04cf"
