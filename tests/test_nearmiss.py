"""The near misses of a failed text test that explain names (engine/nearmiss.py)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from engine.errors import SourceLocation
from engine.model import FieldTest
from engine.nearmiss import misspelt_key, near_miss
from engine.operators import holds

AT = SourceLocation("test.yaml", 1, 1)


def _short(op: str, const: Any, value: Any, ignore_case: bool = False) -> str | None:
    test = FieldTest(field="f", op=op, value=const, ignore_case=ignore_case, at=AT)
    assert not holds(op, value, const, ignore_case)  # only a failed test is asked about
    found = near_miss(test, value)
    return None if found is None else found.short


@pytest.mark.parametrize(
    ("op", "const", "value", "ignore_case", "said"),
    [
        ("eq", "late", "Late", False, "only the capitals differ"),
        ("eq", "wrong_charge", "wrongcharge", False, "only the underscores differ"),
        ("eq", "front-desk", "front desk ", False, "only the spaces and hyphens differ"),
        ("eq", "front-desk", "Front Desk", True, "only the spaces and hyphens differ"),
        (
            "starts_with",
            "wrong_charge",
            "wrong charge twice",
            False,
            "only the spaces and underscores differ",
        ),
        (
            "ends_with",
            "wrong_charge",
            "a WRONG-CHARGE",
            False,
            "only the hyphens, underscores and capitals differ",
        ),
        (
            "contains_all",
            ["vip", "wrong_charge"],
            ["vip", "wrong charge"],
            False,
            "only the spaces and underscores differ",
        ),
        ("contains_any", ["l\u0430te"], "so late", False, None),  # the plan's own letter: not named
        ("in", ["early", "late"], "\u0421old", False, None),  # another word, in another alphabet
        (
            "starts_with",
            "late",
            "L\u0430te again",
            False,
            'the 2nd letter of "L\u0430te" is U+0430 CYRILLIC SMALL LETTER A, not the Latin a (and the capitals differ)',
        ),
        (
            "eq",
            "late",
            "l\u0430te",
            True,
            'the 2nd letter of "l\u0430te" is U+0430 CYRILLIC SMALL LETTER A, not the Latin a',
        ),
    ],
)
def test_a_near_miss_is_named(
    op: str, const: Any, value: Any, ignore_case: bool, said: str | None
) -> None:
    assert _short(op, const, value, ignore_case) == said


_NFD_ZUERICH = "Zu\u0308rich"
"""``Zürich`` as macOS or a copy from a PDF may send it: `u` and a combining diaeresis."""


@pytest.mark.parametrize(
    ("op", "const", "value"),
    [
        ("eq", "Zürich", _NFD_ZUERICH),
        ("in", ["Bern", "Zürich"], _NFD_ZUERICH),
        ("eq", _NFD_ZUERICH, "Zürich"),
        ("contains", "Zürich", f"Filiale {_NFD_ZUERICH} HB"),
    ],
)
def test_a_text_whose_accents_are_stored_apart_is_the_same_text(
    op: str, const: Any, value: Any
) -> None:
    """`store: "Zürich"` sent decomposed (NFD) had failed the plan's `Zürich`, explained as
    "only how the accents are stored differs": the texts are now compared composed, so the
    test holds and there is no near miss to name."""
    assert holds(op, value, const)


@pytest.mark.parametrize(
    ("op", "const", "value", "said"),
    [
        ("eq", "zürich", _NFD_ZUERICH, "only the capitals differ"),
        ("eq", "Zürich Nord", "Zu\u0308rich_Nord", "only the spaces and underscores differ"),
        ("eq", "Zürich", "Zu\u0308rich-West", None),  # another place: no near miss
    ],
)
def test_a_near_miss_of_a_text_with_its_accents_apart_is_named_as_of_any_text(
    op: str, const: Any, value: Any, said: str | None
) -> None:
    """The other differences are found in the texts composed, as the test reads them."""
    assert _short(op, const, value) == said


@pytest.mark.parametrize(
    ("op", "const", "value", "ignore_case", "said"),
    [
        ("eq", "Paris Opéra", "Paris\u00a0Opéra", False, "only the kind of space differs"),
        ("in", ["Paris Opéra"], "Paris\u202fOpéra", False, "only the kind of space differs"),
        ("contains", "en retard", "colis en\u3000retard", False, "only the kind of space differs"),
        (
            "eq",
            "paris opéra",
            "Paris\u00a0Opéra",
            False,
            "only the kind of space differs (and the capitals differ)",
        ),
        ("eq", "Paris Opéra", "Paris\u00a0Bastille", False, None),  # another store
    ],
)
def test_a_text_sent_with_another_kind_of_space_is_named(
    op: str, const: Any, value: Any, ignore_case: bool, said: str | None
) -> None:
    """`store: "Paris Opéra"` sent with a no-break space (as French typography and a French
    spreadsheet write it) had been explained as "store is "Paris Opéra"; this rule needs
    "Paris Opéra"", the two the same to the eye (found by writing a French shop's plan)."""
    assert _short(op, const, value, ignore_case) == said


@pytest.mark.parametrize(
    ("plan_text", "event_text", "said"),
    [
        (
            "Paris Opéra",
            "Paris\u00a0Opéra",
            'the event writes "Paris\u00a0Opéra" with a no-break space (U+00A0) where the plan '
            "has an ordinary space: they look the same but are not equal (the system that sends "
            "the events must send ordinary spaces)",
        ),
        (
            "シブヤ店",
            "ｼﾌﾞﾔ店",
            "the event writes ｼﾌﾞﾔ店 in half-width forms, the plan シブヤ店: they read the same "
            "but are not equal (write them the same, in the plan or in the system that sends "
            "the events)",
        ),
    ],
)
def test_the_long_words_name_what_differs_and_where_to_mend_it(
    plan_text: str, event_text: str, said: str
) -> None:
    test = FieldTest(field="store", op="eq", value=plan_text, ignore_case=False, at=AT)
    found = near_miss(test, event_text)
    assert found is not None
    assert found.long == said


@pytest.mark.parametrize(
    ("op", "const", "value"),
    [
        ("contains_all", ["vip", "wrong_charge"], ["gold", "wrong charge"]),  # vip lacks outright
        ("matches", "^wrong_charge$", "wrong charge"),  # a pattern is not respelt
        ("eq", "-", " "),  # nothing but separators: no letters to compare
        ("eq", "late", 5),
        ("in", ["late"], ["late charge"]),
        ("starts_with", "wrong_charge", ["wrong charge"]),  # a list has no start
    ],
)
def test_what_is_no_near_miss_is_not_said_to_be(op: str, const: Any, value: Any) -> None:
    assert _short(op, const, value) is None


@pytest.mark.parametrize(
    ("event", "field", "found"),
    [
        ({"staf": {"team": "drivers"}}, "staff.team", ("staf", "staff")),
        ({"staff": {"taem": "drivers"}}, "staff.team", ("staff.taem", "staff.team")),
        ({"Staff": {"team": "drivers"}}, "staff.team", ("Staff", "staff")),
        (
            {"order": {"items": [{"skuu": "A1"}]}},
            "order.items.0.sku",
            ("order.items.0.skuu", "order.items.0.sku"),
        ),
        ({"crew": {"team": "drivers"}}, "staff.team", None),  # not close
        ({"staff": "drivers"}, "staff.team", None),  # a text has no keys
        ({"order": {"items": []}}, "order.items.0.sku", None),  # no item to look in
        ({"staff": {"team": "drivers"}}, "staff.team", None),  # not lacking
        ({"order": {"id": "o-9"}}, "store", None),  # two standard fields, not a slip
        ({"order": {"id": "o-9"}, "stor": "Harbour"}, "store", ("stor", "store")),
        ({"customer": {"tier": "gold"}}, "customer.tie", ("customer.tier", "customer.tie")),
    ],
)
def test_misspelt_key_is_the_close_key_where_the_field_is_lacking(
    event: dict[str, Any], field: str, found: tuple[str, str] | None
) -> None:
    assert misspelt_key(event, field) == found


def test_a_long_list_is_not_a_pattern_tried_for_each_of_its_texts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`explain` of one event against an `in:` list of 10,000 codes took 1.5 s: a pattern was
    made and tried for each code, twice. Codes whose letters are not in the event's text, the
    forgiven difference taken out, are passed over before any pattern; the one that nearly
    matched is still found."""
    import engine.nearmiss

    tried: list[str] = []
    found = engine.nearmiss._found

    def counted(body: str, *args: Any) -> Any:
        tried.append(body)
        return found(body, *args)

    monkeypatch.setattr(engine.nearmiss, "_found", counted)
    codes = [f"code_{n:04d}" for n in range(2_000)]
    assert _short("in", codes, "code 1999") == "only the spaces and underscores differ"
    assert len(tried) <= 2


_TEXTS = st.text(alphabet="abAB _-\u0430\u017f\u212a", max_size=6)
"""Letters, the separators, a Cyrillic a (looks Latin), the long s (which `re.IGNORECASE` takes
for s, and `str.lower` does not) and the Kelvin sign (a K to both)."""


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["eq", "in", "contains", "contains_any", "starts_with", "ends_with"]),
    st.lists(_TEXTS, min_size=1, max_size=3),
    _TEXTS,
    st.booleans(),
)
@example("eq", ["sa"], "\u017f a", False)  # the long s: the pattern takes it for s, caselessly
def test_what_is_passed_over_is_what_no_pattern_would_match(
    op: str, consts: list[str], value: str, ignore_case: bool
) -> None:
    """The texts passed over before any pattern are only those no pattern would match: the
    same near miss is said with the shortcut as without it."""
    import engine.nearmiss

    const: Any = consts if op in ("in", "contains_any") else consts[0]
    if holds(op, value, const, ignore_case):
        return
    test = FieldTest(field="f", op=op, value=const, ignore_case=ignore_case, at=AT)
    quick = near_miss(test, value)
    real = engine.nearmiss._cannot_meet
    try:
        engine.nearmiss._cannot_meet = lambda text, plan_text: False
        slow = near_miss(test, value)
    finally:
        engine.nearmiss._cannot_meet = real
    assert quick == slow


def test_the_texts_of_one_test_are_not_held_after_it() -> None:
    """An event's text is remembered only while one failed test is worded (each plan text of
    its list asks for it again), not for the rest of the run: `eval --explain` over a file of
    events with long notes had held the last 256 notes asked about, each with a copy (about
    35 MB for 100 KB notes, more with look-alike letters; in each process of `--jobs`)."""
    import gc
    import tracemalloc

    test = FieldTest(field="note", op="contains", value="late-delivery", at=AT)
    notes = [f"{n:06d} " + "abcdefghij " * 9_000 + "LATE DELIVERY" for n in range(64)]
    tracemalloc.start()
    try:
        for note in notes:
            assert near_miss(test, note) is not None
        notes.clear()
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert held < 1_000_000  # 64 notes of 100 KB, each with its copy, had been 12 MB


@pytest.mark.parametrize(
    ("op", "const", "value", "said"),
    [
        ("in", ["ｼﾌﾞﾔ店", "Ginza"], "シブヤ店", "only the width of the characters differs"),
        ("eq", "シブヤ店", "ｼﾌﾞﾔ店", "only the width of the characters differs"),
        ("contains", "シブヤ店", ["ｼﾌﾞﾔ店"], "only the width of the characters differs"),
        ("eq", "ABC", "ＡＢＣ", "only the width of the characters differs"),
        (
            "eq",
            "abc",
            "ＡＢＣ",
            "only the width of the characters differs (and the capitals differ)",
        ),
        ("eq", "x1", "x①", "only the forms of the characters differ"),
        ("contains", "シブヤ", "ｼﾌﾞﾔ店", None),  # a part of a text: no place of its own
        ("eq", "シブヤ店", "ｼﾌﾞﾔ", None),
    ],
)
def test_a_text_written_in_other_widths_is_named(
    op: str, const: Any, value: Any, said: str | None
) -> None:
    """A Tokyo store's `ｼﾌﾞﾔ店` in half-width katakana against the plan's `シブヤ店` had been
    told only "store is "ｼﾌﾞﾔ店"; this rule needs "シブヤ店"", the two the same to a reader
    (found by writing a Tokyo shop's plan): what differs is said, and where to mend it."""
    assert _short(op, const, value) == said


@pytest.mark.parametrize(
    ("const", "value"),
    [("ABC1", "ＡＢＣ①"), ("ABC Store", "ＡＢＣ\u00a0Store"), ("x²Ａ", "x2Ａ")],
)
def test_a_text_of_other_widths_and_other_forms_is_not_said_to_differ_in_width_only(
    const: str, value: str
) -> None:
    """`ＡＢＣ①` for `ABC1` had been said to differ "only in the width of the characters",
    though its circled digit is no width of 1: mended in width alone, as told, it still
    failed. The width is said only when it is all that differs."""
    assert _short("eq", const, value) == "only the forms of the characters differ"
    assert (
        _short("eq", "ABC Store", "ＡＢＣ\u3000Store") == "only the width of the characters differs"
    )
