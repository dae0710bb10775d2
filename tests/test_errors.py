"""errors: the text people's output shows for what came from outside (``shown_text``)."""

from __future__ import annotations

import unicodedata

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.errors import Diagnostic, Severity, SourceLocation, shown_event_id, shown_text

ACTING_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x1b[2Jb", "a\\x1b[2Jb"),  # CSI: clears the screen
        ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),  # OSC: sets the window title, ended by BEL
        ("line\r\nforged", "line\\r\\nforged"),
        ("a\tb\x00\x7f", "a\\tb\\x00\\x7f"),  # a tab, NUL, DEL
        ("\x85\x9b", "\\x85\\x9b"),  # C1: NEL, and CSI in one character
        ("abc\u202edef", "abc\\u202edef"),  # RIGHT-TO-LEFT OVERRIDE
        ("\u2066x\u2069\u200f", "\\u2066x\\u2069\\u200f"),  # an isolate, a right-to-left mark
        ("in\u200bvisible\u00ad\ufeff", "in\\u200bvisible\\xad\\ufeff"),  # zero-width, soft hyphen
        ("\U000e0041", "\\U000e0041"),  # a tag character
        ("a\u2028b\u2029", "a\\u2028b\\u2029"),  # line and paragraph separators
        ("half \ud800", "half \\ud800"),  # a lone surrogate (only an app can pass one)
        ("r\udcff.yaml", "r\\xff.yaml"),  # a file name's byte that is not UTF-8: as shown_path
        # A UTF-8 name read where Python's file-system encoding is ASCII (PYTHONUTF8=0 in the C
        # locale) holds each byte as a surrogate: its letters, as shown_path writes them in
        # JSON (the text lines had said `pl\xc3\xa4n.yaml` of JSON's `plän.yaml`), and what
        # acts on a terminal among them still an escape.
        ("pl\udcc3\udca4n.yaml", "plän.yaml"),
        ("\udce2\udc80\udcae\udcff.yaml", "\\u202e\\xff.yaml"),
    ],
)
def test_characters_that_act_on_a_terminal_are_escapes(text: str, shown: str) -> None:
    assert shown_text(text) == shown


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Zoë Ñúñez",
        "山田\u3000太郎",  # an ideographic space: a space, not a control
        "سلام שלום",  # right-to-left scripts themselves are text
        "10\u00a0€",  # a no-break space
        "👍 great",
        r"(?i)\b(rude|impolite)",  # backslashes are kept: patterns stay readable
        'she said "no" \\x1b',  # text that spells an escape is shown as it is
    ],
)
def test_readable_text_is_shown_as_it_is(text: str) -> None:
    assert shown_text(text) == text


@given(st.text())
def test_no_acting_character_is_left_and_nothing_else_changes(text: str) -> None:
    shown = shown_text(text)
    assert not any(unicodedata.category(c) in ACTING_CATEGORIES for c in shown)
    assert shown_text(shown) == shown  # escaping what is shown changes nothing more
    if not any(unicodedata.category(c) in ACTING_CATEGORIES for c in text):
        assert shown == text


def test_a_diagnostic_quoting_a_name_read_as_ascii_is_json_with_its_letters() -> None:
    """A message or hint that quotes a file name read where Python reads names as ASCII holds
    a lone surrogate per byte beyond ASCII: orjson refused it, and ``validate --format json``
    ended in an internal error. The JSON form writes it as the file is written."""
    diagnostic = Diagnostic(
        Severity.ERROR,
        "missing-plan-section",
        "no `plan:` in `pl\udcc3\udca4n.yaml`",
        SourceLocation("pl\udcc3\udca4n.yaml", 1, 1),
        hint="add it to `r\udcff.yaml`",
    )
    written = orjson.loads(orjson.dumps(diagnostic.to_json()))
    assert (written["message"], written["hint"]) == (
        "no `plan:` in `plän.yaml`",
        "add it to `r\\xff.yaml`",
    )
    # and the text form, as every message's writer: the terminal had shown each byte as `?`
    assert diagnostic.render() == (
        "plän.yaml:1:1: error: no `plan:` in `plän.yaml` [missing-plan-section]\n"
        "  hint: add it to `r\\xff.yaml`"
    )


def test_a_path_holding_a_surrogate_no_byte_maps_to_is_shown_as_an_escape() -> None:
    """Only an app can pass one (``\\ud800``, not one of the ``\\udcXX`` a name's bytes become):
    it is written as an escape, so JSON and a terminal can hold the name."""
    from engine.errors import shown_path

    assert shown_path("r\ud800\udcff.yaml") == "r\\ud800\\udcff.yaml"
    assert orjson.loads(orjson.dumps(shown_path("r\ud800.yaml"))) == "r\\ud800.yaml"


def test_a_place_already_worked_out_is_its_own_place_inside() -> None:
    place = SourceLocation("plan.yaml", 3, 5, "/rules/0")
    assert place.inside("when") is place


def test_a_plan_error_of_no_diagnostics_names_no_first_one() -> None:
    """Only an app makes one; it says how many errors, and names no place."""
    from engine.errors import PlanError

    error = PlanError([])
    assert (str(error), list(error.diagnostics)) == ("0 errors in the plan", [])


def test_an_event_errors_repr_names_its_pointer_and_code_and_pickles_as_before() -> None:
    # Exception's repr showed the message alone: an app that logged `repr` lost which field
    # was wrong and the code (found by review).
    import copy
    import pickle

    from engine.errors import EventError

    error = EventError("the event has no `id`", pointer="/id", code="missing-id")
    assert repr(error) == "EventError('the event has no `id`', pointer='/id', code='missing-id')"
    assert error.args == ("the event has no `id`",) and str(error) == "the event has no `id`"
    for again in (pickle.loads(pickle.dumps(error)), copy.deepcopy(error)):
        assert (again.args, again.pointer, again.code) == (error.args, "/id", "missing-id")
        assert repr(again) == repr(error)
    assert repr(EventError("not an object")) == (
        "EventError('not an object', pointer='', code='bad-event')"
    )


def test_an_event_error_equals_one_saying_the_same_of_the_same_field() -> None:
    """Value equality over the message, pointer, code and place, with a hash to match: an
    exception compares by identity, so a result holding one was not equal to its own pickled
    copy (found by review)."""
    import pickle
    from unittest import mock

    from engine.errors import EventError, SourceLocation

    error = EventError("the event has no `id`", pointer="/id", code="missing-id")
    same = EventError("the event has no `id`", pointer="/id", code="missing-id")
    assert error == same and hash(error) == hash(same) and len({error, same}) == 1
    assert pickle.loads(pickle.dumps(error)) == error
    others = [
        EventError("the event has no `type`", pointer="/id", code="missing-id"),
        EventError("the event has no `id`", pointer="/type", code="missing-id"),
        EventError("the event has no `id`", pointer="/id", code="bad-id"),
        type("OtherError", (EventError,), {})("the event has no `id`", "/id", "missing-id"),
    ]
    placed = EventError("the event has no `id`", pointer="/id", code="missing-id")
    placed.source = SourceLocation("cases.yaml", 3, 5)
    for other in [*others, placed]:
        assert error != other and not error == other  # noqa: SIM201 - both operators
    assert error != "the event has no `id`" and error != ValueError("the event has no `id`")
    # another kind of object is asked in turn (mock.ANY, pytest.approx), not told no (found
    # by mutation testing)
    assert error == mock.ANY and not error != mock.ANY  # noqa: SIM202 - both operators


@pytest.mark.parametrize(
    ("event_id", "shown"),
    [
        (1, "1"),
        ("1", '"1"'),
        ("-12", '"-12"'),
        ("evt-1", "evt-1"),
        ("1.5", "1.5"),
        ("\x1b[2J", "\\x1b[2J"),
        ("7\n", "7\\n"),
    ],
)
def test_an_event_id_that_reads_as_a_number_is_quoted_only_when_text(
    event_id: str | int, shown: str
) -> None:
    assert shown_event_id(event_id) == shown
