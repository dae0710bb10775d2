"""engine.joinedlines: lines of eval's joined on one line are read apart, whatever they hold."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from engine import joinedlines, reportlines
from engine.api import load_plan
from engine.cli import cli
from engine.report import ReportCounts
from tests.conftest import REPO

NESTED_PLAN = """\
backplan: 1
plan: {name: Acme Store, currency: USD}
rules:
  - id: chargeback
    title: Customer filed a chargeback
    when: {event: x-chargeback}
    then:
      - x-crm-flag:
          flag: chargeback
          payload: {actions: [{type: refund, params: {actions: []}}], error: {code: x}}
      - escalate: {to: finance, within: 1d}
"""
"""A plan whose custom action's params hold what starts as a line of eval's does: an object
with an ``actions`` list (``{"actions":[``), nested in each decision it makes."""


THREE_TOLD = (
    "joined.jsonl:1: left out: not JSON: three of eval's lines are on this one, the line ends "
    "between them lost (a file whose last line has none, then another after it, as `cat` "
    "joins them); "
)
"""How a line holding three of eval's lines, one or more left out, is told first."""


def nested_decisions(tmp_path: Path, count: int) -> list[str]:
    """Decisions holding start texts of eval's lines nested in a custom action's params."""
    path = tmp_path / "acme.yaml"
    path.write_text(NESTED_PLAN, encoding="utf-8")
    plan = load_plan(path)
    events = ({"id": f"c{n}", "type": "x-chargeback"} for n in range(count))
    lines = [plan.evaluate_json(event).decode() for event in events]
    assert all(line.count('{"actions":[') == 3 for line in lines)  # its own and two nested
    return lines


def counted(line: str) -> tuple[ReportCounts, list[str]]:
    """What report counts of ``line``, and what it says of it."""
    counts, told = ReportCounts(), []
    reportlines.count_lines(io.BytesIO(f"{line}\n".encode()), "joined.jsonl", counts, told.append)
    return counts, told


def test_a_start_text_nested_in_a_whole_decision_is_not_another_line(tmp_path: Path) -> None:
    """A decision whose params hold ``{"actions":[`` is read whole, its nested values no
    line of eval's: the one cut short after it is named where it starts."""
    first, second, third = nested_decisions(tmp_path, 3)
    counts, told = counted(first + second[:300] + third)
    assert (counts.decisions, counts.unreadable) == (2, 1)
    assert told == [
        f"{THREE_TOLD}the second, a decision starting at column {len(first) + 1}, was cut "
        "short: it is left out, the others are read"
    ]


def test_a_whole_object_nested_in_a_decision_cut_short_is_not_read(tmp_path: Path) -> None:
    """Cut right after a nested object that starts as a line of eval's does, a decision is
    cut short there, not followed by a line of eval's: the object is none of its formats."""
    first, second, third = nested_decisions(tmp_path, 3)
    nested = '"params":{"actions":[]}'
    cut = first.index(nested) + len(nested)
    counts, told = counted(first[:cut] + second + third)
    assert (counts.decisions, counts.unreadable) == (2, 1)
    assert told == [
        f"{THREE_TOLD}the first, a decision starting at column 1, was cut short: it is left "
        "out, the others are read"
    ]


def test_lines_of_eval_joined_on_a_line_not_utf_8_are_all_left_out(tmp_path: Path) -> None:
    """A line not UTF-8 is not read as it is: three joined on it are named once, together."""
    first, second, third = nested_decisions(tmp_path, 3)
    counts, told = ReportCounts(), []
    line = f"{first}{second}{third}\n".encode().replace(b"chargeback", b"\xffchargeback", 1)
    reportlines.count_lines(io.BytesIO(line), "joined.jsonl", counts, told.append)
    assert (counts.decisions, counts.unreadable) == (0, 1)
    assert told == [
        f"{THREE_TOLD}the line is not UTF-8: none is read: give the files to report one by "
        "one, `backplan report FILE1 FILE2`"
    ]


@pytest.mark.parametrize("first_cut", [False, True])
def test_two_lines_of_eval_joined_on_a_line_not_utf_8_are_said_to_be_so(
    tmp_path: Path, first_cut: bool
) -> None:
    """Two joined on a line whose whole one is not UTF-8 are told why both are left out, as
    three are: they had been told only "both are left out", the line's bytes not named."""
    first, second = nested_decisions(tmp_path, 2)
    line = f"{first[:300] if first_cut else first}{second}\n".encode()
    at = len(line) - len(second) - 1  # where the second starts
    line = line[:at] + line[at:].replace(b"chargeback", b"\xffchargeback", 1)
    counts, told = ReportCounts(), []
    reportlines.count_lines(io.BytesIO(line), "joined.jsonl", counts, told.append)
    assert (counts.decisions, counts.unreadable) == (0, 1)
    assert len(told) == 1
    assert told[0].endswith(
        "as `cat` joins them); the line is not UTF-8: both are left out: give the files to "
        "report one by one, `backplan report FILE1 FILE2`"
    )
    said = (
        f"the decision on this line was cut short, and another starts at column {at + 1}"
        if first_cut  # which of the two is whole is said (mutants told it of the second)
        else f"another decision starts at column {at + 1}, right after a whole one"
    )
    assert told[0].startswith(f"joined.jsonl:1: left out: not JSON: {said}")


TWO_READ = (
    "joined.jsonl:1: two of eval's lines are on this one, the line end between them lost (a "
    "file whose last line has none, then another after it, as `cat` joins them): both are read"
)


def test_a_byte_order_mark_between_two_joined_lines_is_read_past(tmp_path: Path) -> None:
    """A file saved with a byte order mark, joined after another whose last line has no line
    end: the mark had been taken for text after the first, told cut short and left out."""
    first, second = nested_decisions(tmp_path, 2)
    counts, told = counted(f"{first}\ufeff{second}")
    assert (counts.decisions, counts.unreadable) == (2, 0)
    assert told == [TWO_READ]


def test_a_whole_line_after_one_cut_in_a_character_of_several_bytes_is_read(
    tmp_path: Path,
) -> None:
    """A file cut in a character of two bytes (``é``), then another: the line is not UTF-8,
    only in the piece cut short, and the whole one after it is read; it had been lost too."""
    first, second = nested_decisions(tmp_path, 2)
    line = first[:300].encode() + "é".encode()[:1] + f"{second}\n".encode()
    counts, told = ReportCounts(), []
    reportlines.count_lines(io.BytesIO(line), "joined.jsonl", counts, told.append)
    assert (counts.decisions, counts.unreadable) == (1, 1)
    assert told == [
        "joined.jsonl:1: left out: not JSON: the decision on this line was cut short, and "
        "another starts at column 302, joined to it (a file cut short, then another after it, "
        "as `cat` joins them): the first is left out, the second read"
    ]


def test_a_byte_order_mark_opening_a_line_after_the_first_is_read_past(tmp_path: Path) -> None:
    """Files saved with a byte order mark, joined (``cat a.jsonl b.jsonl``): the second's
    first line opens with it, and had been told cut short, a decision "left out" yet counted."""
    first, second = nested_decisions(tmp_path, 2)
    counts, told = ReportCounts(), []
    lines = f"{first}\n\ufeff{second}\n".encode()
    reportlines.count_lines(io.BytesIO(lines), "joined.jsonl", counts, told.append)
    assert (counts.decisions, counts.unreadable, told) == (2, 0, [])


PASTED_BETWEEN = (
    "(text pasted or written between them? `backplan eval` writes one a line, nothing between)"
)


@pytest.mark.parametrize("between", ["garbage", ' see {"actions":[ here ', 'x{"actions":[]}'])
def test_text_between_two_whole_lines_of_eval_is_named_and_both_read(
    tmp_path: Path, between: str
) -> None:
    """Text between two whole decisions (``garbage``) is named, quoted, where it starts: both
    are read. The first had been told cut short and left out; a start text in that text
    (``{"actions":[``, cut or whole) is no decision, none left out nor counted for it."""
    first, second = nested_decisions(tmp_path, 2)
    counts, told = counted(first + between + second)
    assert (counts.decisions, counts.unreadable) == (2, 0)
    column = len(first) + len(between) - len(between.lstrip()) + 1
    assert told == [
        f"joined.jsonl:1: two of eval's lines are on this one, with `{between.strip()}` "
        f"between them at column {column} {PASTED_BETWEEN}: both are read, the text between "
        "is left out"
    ]


def test_text_between_the_second_and_third_of_three_whole_lines_is_named(
    tmp_path: Path,
) -> None:
    """Text between the second and third of three whole decisions is named by their places:
    all three are read. The first two had been lost, told as one cut short."""
    first, second, third = nested_decisions(tmp_path, 3)
    counts, told = counted(first + second + "garbage" + third)
    assert (counts.decisions, counts.unreadable) == (3, 0)
    assert told == [
        "joined.jsonl:1: three of eval's lines are on this one, with `garbage` between the "
        f"second and the third at column {len(first + second) + 1} {PASTED_BETWEEN}: all are "
        "read, the text between is left out"
    ]


@pytest.mark.parametrize("kept", [300, 20])
def test_a_line_cut_short_after_text_after_a_whole_one_is_still_told_cut_short(
    tmp_path: Path, kept: int
) -> None:
    """A whole decision, text, then one cut short (in a value, or in a text with a line end
    after it): the first is read, the second told cut short, the text between named. Both
    had been told as one cut short, the whole one lost."""
    first, second = nested_decisions(tmp_path, 2)
    counts, told = counted(first + "garbage" + second[:kept])
    assert (counts.decisions, counts.unreadable) == (1, 1)
    assert told == [
        f"joined.jsonl:1: left out: not JSON: another decision starts at column "
        f"{len(first) + 8}, after a whole one, with `garbage` between them at column "
        f"{len(first) + 1} {PASTED_BETWEEN}, and the second was cut short: the first is read, "
        "the second and the text between left out"
    ]


def test_a_start_text_in_the_text_after_the_last_whole_line_is_no_line(tmp_path: Path) -> None:
    """Text after the last of two whole decisions, with a start text in it that is neither
    whole nor cut short (``see {"actions":[ here``), is named as text after it: both are
    read, and no third line is said to be there."""
    first, second = nested_decisions(tmp_path, 2)
    counts, told = counted(first + second + ' see {"actions":[ here ')
    assert (counts.decisions, counts.unreadable) == (2, 0)
    assert told == [
        TWO_READ,
        f"joined.jsonl:1: the last decision on this line is read; what follows it at column "
        f'{len(first + second) + 2} is not another decision, and is not read: `see {{"actions":[ '
        "here` (text pasted or written after it? `backplan eval` writes one decision a line, "
        "nothing after it)",
    ]


@pytest.mark.parametrize(
    ("starts", "told"),
    [
        (3, "left out: not JSON: three of eval's lines"),
        (joinedlines._STARTS_TRIED - 1, "left out: not JSON: three of eval's lines"),
        (joinedlines._STARTS_TRIED, "two of eval's lines are on this one, with `{\"act"),
    ],
    ids=["a-few", "one-fewer-than-tried", "as-many-as-tried"],
)
def test_starts_cut_one_after_another_are_lines_cut_short_up_to_the_places_tried(
    tmp_path: Path, starts: int, told: str
) -> None:
    """Between two whole decisions, starts of eval's lines each cut short (``{"act``: files
    cut right after a line began, then joined) are as many lines cut short; as many as the
    places tried (:data:`engine.joinedlines._STARTS_TRIED`) or more are text between them,
    not read from again and again; one fewer are still lines cut short (a mutant trying one
    place fewer survived, joinedlines:275)."""
    first, second = nested_decisions(tmp_path, 2)
    counts, said = counted(first + '{"act' * starts + second)
    assert counts.decisions == 2
    assert said[0].startswith(f"joined.jsonl:1: {told}")


def test_blanks_between_two_whole_lines_of_eval_are_no_text_to_name(tmp_path: Path) -> None:
    """Blanks between two whole decisions are no text between them: both are read, their
    line end said lost, as with nothing between."""
    first, second = nested_decisions(tmp_path, 2)
    counts, told = counted(f"{first} \t {second}")
    assert (counts.decisions, counts.unreadable) == (2, 0)
    assert told == [TWO_READ]


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Decisions with start texts nested in them, and the examples', as eval writes them."""
    examples = sorted((REPO / "examples" / "events").glob("*.json"))
    plan = load_plan(REPO / "rules")
    starter = [plan.evaluate_json(json.loads(p.read_text(encoding="utf-8"))) for p in examples]
    record = CliRunner().invoke(cli, ["eval", "-"], input='{"id": "x"}\n').stdout.strip()
    made = nested_decisions(tmp_path_factory.mktemp("nested"), 4)
    return made + [line.decode() for line in starter[:6]] + [record]


@given(
    st.lists(
        st.tuples(st.integers(0, 10), st.none() | st.floats(0, 1, exclude_max=True)),
        min_size=2,
        max_size=7,
    ),
    st.lists(st.sampled_from(["", ",", ", "]), min_size=6, max_size=6),
    st.sampled_from(["", "garbage", " ,", "]", "  x y"]),
)
def test_every_whole_line_of_eval_joined_is_read(
    pool: list[str], joined: list[tuple[int, float | None]], between: list[str], after: str
) -> None:
    """Lines of eval's joined, any of them cut short (a fraction kept), commas between any
    two (an array's items written by hand) and text after the last, whole: each whole one is
    read, decisions and error records alike, and each cut short left out; the text after the
    last is named apart; nothing else."""
    pieces = [
        pool[n] if cut is None else pool[n][: max(1, int(len(pool[n]) * cut))] for n, cut in joined
    ]
    whole = [pool[n] for n, cut in joined if cut is None]
    # A comma is written after a whole one (an array's item); a file cut short ends in none.
    apart = (
        piece + (comma if cut is None else "")
        for piece, comma, (_, cut) in zip(pieces[:-1], between, joined, strict=False)
    )
    named = joined[-1][1] is None and bool(after)  # after one cut short, it is of its text
    counts, told = counted("".join(apart) + pieces[-1] + (after if named else ""))
    records = {line for line in whole if line.startswith('{"error":')}  # a repeat counts once,
    decided = {line for line in whole if not line.startswith('{"error":')}  # as a decision's
    assert (counts.decisions, sum(counts.error_codes.values())) == (len(decided), len(records))
    cuts = len(joined) - len(whole)
    # Of two cut short one after another, or the line's first and one more with none read
    # after them, the second is told with the first: where one cut short ends is not known.
    assert (1 if cuts else 0) <= counts.unreadable <= cuts
    assert len(told) == counts.unreadable + (not cuts) + named


def test_a_line_of_nothing_but_starts_is_read_from_a_bounded_number_of_places(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Thousands of places where a line of eval's may start, or thousands of small objects
    joined: each place is read from once at most, and no more than a few of them."""
    read_from: list[int] = []
    whole_to = joinedlines._Apart._whole_to

    def counting(self: joinedlines._Apart, at: int) -> int | None:
        read_from.append(at)
        return whole_to(self, at)

    monkeypatch.setattr(joinedlines._Apart, "_whole_to", counting)
    lines = ('{"actions":[', '{"actions":[]}', '{"actions":[]} x ', '{}x{"actions":[ x ')
    for line in (start * 20_000 for start in lines):
        read_from.clear()
        counts, told = counted(line)
        assert len(read_from) == len(set(read_from)) <= joinedlines._STARTS_TRIED + 1
        assert counts.decisions == 0 and told


def _review_decisions(count: int, **fields: object) -> list[str]:
    """Lines of eval's: the starter plan's decisions of bad reviews."""
    plan = load_plan(REPO / "rules")
    events = ({"id": f"e{n}", "type": "review", "rating": 1, **fields} for n in range(count))
    return [plan.evaluate_json(event).decode() for event in events]


@pytest.mark.parametrize(
    ("layout", "read", "eighteenth"),
    [
        ("joined", 17, 17),  # the 18th line of eval's is lines[17]
        ("first cut", 16, 16),  # a line cut short, then the 20
        ("text after the 16th", 17, 17),
        ("text after the 17th", 17, 17),
    ],
)
def test_past_the_places_tried_the_rest_of_a_line_is_told_left_out_never_lost(
    layout: str, read: int, eighteenth: int
) -> None:
    """A line of 20 decisions joined is read from the first and then the places tried
    (`_STARTS_TRIED`); the rest is told left out, from where it starts, text written between
    two or not. Mutants spending two tries a place, or ending the line where the tries ran
    out (the rest neither read nor told: three decisions lost), survived."""
    lines = _review_decisions(20)
    if layout == "first cut":
        line = lines[0][:40] + "".join(lines)
    elif layout.startswith("text after"):
        at = int(layout[-4:-2])
        line = "".join(lines[:at]) + " garbage " + "".join(lines[at:])
    else:
        line = "".join(lines)
    counts, told = counted(line)
    assert joinedlines._STARTS_TRIED + 1 == 17
    assert counts.decisions == read
    assert counts.unreadable == 1 + (layout == "first cut")
    column = len(line) - sum(map(len, lines[eighteenth:])) + 1
    assert "at least 18 of eval's lines are on this one" in told[-1]
    assert told[-1].endswith(
        f"; the 18th, a decision starting at column {column}, and any after it are left out: "
        "too many are joined on this line to tell them all apart: give the files to report "
        "one by one, `backplan report FILE1 FILE2`"
    )


def test_a_whole_line_holding_the_replacement_character_is_read_on_a_utf_8_line() -> None:
    """U+FFFD, which stands for bytes that are not UTF-8 on a line that is not, is an
    ordinary character of a UTF-8 line: the decisions holding it are read (a mutant that
    took every line for not UTF-8 left them out)."""
    odd = _review_decisions(1, customer={"first_name": "Ren\ufffd"})[0]
    assert "\ufffd" in odd
    counts, told = counted(odd + _review_decisions(2)[1])
    assert (counts.decisions, counts.unreadable) == (2, 0)
    assert told[0].endswith("both are read")


@pytest.mark.parametrize("then", ["the next", "the end"])
def test_a_line_cut_one_character_before_its_start_text_is_whole_is_told_cut_short(
    then: str,
) -> None:
    """`{"actions":` after a whole decision is a file cut right as its line began, its `[`
    lost, not text written between (a mutant that knew a start only cut two characters
    before its end told it so, and counted no line left out)."""
    first, second = _review_decisions(2)
    line = first + '{"actions":' + (second if then == "the next" else "")
    counts, told = counted(line)
    assert (counts.decisions, counts.unreadable) == (1 + (then == "the next"), 1)
    assert f"a decision starting at column {len(first) + 1}" in told[0] or (
        f"another decision starts at column {len(first) + 1}" in told[0]
    )
    assert "cut short" in told[0]


def test_text_after_the_last_of_lines_joined_is_told_after_what_the_last_is() -> None:
    """An error record, then a decision, then text: the text follows the last decision
    (mutants that named what the first line of eval's is told "the last error record")."""
    from engine.answerer import error_record
    from engine.decision import canonical_json_line

    record = canonical_json_line(error_record("in.jsonl", 3, 2, "bad-json", "not JSON", None))
    decision = _review_decisions(1)[0]
    counts, told = counted(record.decode().rstrip("\n") + decision + " garbage")
    assert (counts.decisions, sum(counts.error_codes.values())) == (1, 1)
    assert told[-1].startswith(
        "joined.jsonl:1: the last decision on this line is read; what follows it at column "
    )


@pytest.mark.parametrize("last_read", [True, False])
def test_text_after_lines_joined_is_told_only_when_the_last_is_read(last_read: bool) -> None:
    """Text after two lines joined is told as following the last decision when the last is
    read; after a last one left out (JSON, but no decision) only that is told, as the first's
    being read says nothing of what the text follows (a mutant looking at the first line
    instead of the last survived, reportlines:103)."""
    decision, no_decision = _review_decisions(1)[0], '{"actions":[]}'
    pieces = (no_decision, decision) if last_read else (decision, no_decision)
    counts, told = counted("".join(pieces) + " tail")
    assert counts.decisions == 1 and counts.unreadable == 1
    assert told[1] == (
        "joined.jsonl:1: left out: not a decision `backplan eval` wrote: it has no `format`, "
        "where a decision's is `backplan.decision/1` and an error record's "
        "`backplan.error/1`"
    )
    last = "joined.jsonl:1: the last decision on this line is read; what follows it at column "
    assert [line for line in told if line.startswith(last)] == told[2:]
    assert len(told) == (3 if last_read else 2)


def test_text_after_a_whole_line_that_spends_the_places_tried_is_told_left_out() -> None:
    """A decision, then text holding start texts of eval's lines in objects of no format
    of eval's (``see {"actions":[]} and {"actions":[]} ...``), more than the places tried:
    the decision is read, and the rest is told left out, never said read (a mutant asking
    whether the first of two was read, instead of the second, said nothing of the rest but
    that all was read, joinedlines:79)."""
    decision = _review_decisions(1)[0]
    text = " see " + " and ".join(['{"actions":[]}'] * 17)
    counts, told = counted(decision + text)
    assert (counts.decisions, counts.unreadable) == (1, 1)
    rest = len(decision) + text.rindex("{") + 1  # the last, as the places tried ran out
    assert told == [
        "joined.jsonl:1: left out: not JSON: at least two of eval's lines are on this one, "
        f'with `see {{"actions":[]}} and {{"actions":[]}} a…` between them at column '
        f"{len(decision) + 2} (text pasted or written between them? `backplan eval` writes "
        f"one a line, nothing between); the second, a decision starting at column {rest}, "
        "and any after it are left out: too many are joined on this line to tell them all "
        "apart: give the files to report one by one, `backplan report FILE1 FILE2`"
    ]


def test_of_three_joined_the_one_read_between_two_cut_short_is_named_alone() -> None:
    """A decision cut short, a whole one, another cut short: each left out is told with
    "the second is read", one line named in the singular (mutants saying "are" of one line
    survived, joinedlines:413 414)."""
    first, second, third = _review_decisions(3)
    counts, told = counted(first[:100] + second + third[:100])
    assert (counts.decisions, counts.unreadable) == (1, 2)
    assert [why.rsplit(": ", 1)[-1] for why in told] == [
        "it is left out, the second is read",
        "it is left out, the second is read",
    ]
    assert "the first, a decision starting at column 1, was cut short" in told[0]
    assert f"the third, a decision starting at column {len(first[:100] + second) + 1}" in told[1]


def test_eleven_joined_are_counted_and_the_tenth_placed_in_digits() -> None:
    """Past ten, how many are joined and which is left out are said in digits (``11``,
    ``10th``); mutants reading the words one past their end (an IndexError, a traceback)
    survived (joinedlines:418 423)."""
    decisions = _review_decisions(11)
    tenth = len("".join(decisions[:9]))
    counts, told = counted("".join(decisions[:9]) + decisions[9][:100] + decisions[10])
    assert (counts.decisions, counts.unreadable) == (10, 1)
    assert told == [
        "joined.jsonl:1: left out: not JSON: 11 of eval's lines are on this one, the line "
        "ends between them lost (a file whose last line has none, then another after it, as "
        f"`cat` joins them); the 10th, a decision starting at column {tenth + 1}, was cut "
        "short: it is left out, the others are read"
    ]


def test_an_error_record_cut_short_before_a_decision_is_named_an_error_record() -> None:
    """What the first line, cut short, is: read from its start, an error record's
    (``{"error":{``), not from a character on (a mutant reading it from its second
    character named it a decision, joinedlines:472)."""
    from engine.answerer import error_record
    from engine.decision import canonical_json_line

    record = canonical_json_line(error_record("in.jsonl", 3, 2, "bad-json", "not JSON", None))
    counts, told = counted(record.decode()[:30] + _review_decisions(1)[0])
    assert (counts.decisions, counts.unreadable) == (1, 1)
    assert told == [
        "joined.jsonl:1: left out: not JSON: the error record on this line was cut short, and "
        "a decision starts at column 31, joined to it (a file cut short, then another after "
        "it, as `cat` joins them): the first is left out, the second read"
    ]


@pytest.mark.parametrize("before", ["[", "  "])
def test_the_second_after_a_first_cut_short_behind_blanks_is_placed_where_it_starts(
    before: str,
) -> None:
    """A line opening an array (its ``[`` read as a blank) or indented, a decision cut short,
    then another cut short: the second is told where it starts, not where the first does,
    past what stands before it (it had been told "another starts at column 2", the first
    decision's own place; found by a mutant of where the second is looked for,
    joinedlines:208)."""
    first, second = (decision[:100] for decision in _review_decisions(2))
    counts, told = counted(before + first + second)
    assert (counts.decisions, counts.unreadable) == (0, 1)
    assert told[-1] == _both_cut_short(len(before) + 101)


def _both_cut_short(column: int) -> str:
    """What is told of a line whose first decision, cut short, has a second after it at
    ``column``, not read."""
    return (
        "joined.jsonl:1: left out: not JSON: the decision on this line was cut short, and "
        f"another starts at column {column}, joined to it (a file cut short, then another "
        "after it, as `cat` joins them); both are left out, the second lost with the first: "
        "give the files to report one by one, `backplan report FILE1 FILE2`, to read the second"
    )


def test_after_one_cut_short_past_the_places_tried_the_rest_is_told_left_out() -> None:
    """Sixteen whole decisions, one cut short, another whole: the places tried spent, the one
    after the cut is told left out with any after it, not taken into the one cut short and
    lost without a word (a mutant finding no next line when the tries ran out survived,
    joinedlines:221)."""
    decisions = _review_decisions(18)
    cut = "".join(decisions[:16]) + decisions[16][:100]
    counts, told = counted(cut + decisions[17])
    assert (counts.decisions, counts.unreadable) == (16, 2)
    several = "joined.jsonl:1: left out: not JSON: at least 18 of eval's lines are on this one, "
    assert [why.startswith(several) for why in told] == [True, True]
    assert told[1].endswith(
        f"the 18th, a decision starting at column {len(cut) + 1}, and any after it are left out: "
        "too many are joined on this line to tell them all apart: give the files to report one "
        "by one, `backplan report FILE1 FILE2`"
    )


def test_a_first_line_cut_short_then_starts_past_the_places_tried_names_the_next() -> None:
    """A decision cut short, then more starts of lines cut short than the places tried: the
    second is told where it starts, right after the first, not where the tries ran out (a
    mutant taking the place the tries ran out at survived, joinedlines:211)."""
    first, second = (decision[:100] for decision in _review_decisions(2))
    counts, told = counted(first + second * (joinedlines._STARTS_TRIED + 4))
    assert (counts.decisions, counts.unreadable) == (0, 1)
    assert told == [_both_cut_short(101)]


NO_FORMAT = (
    "joined.jsonl:1: left out: not a decision `backplan eval` wrote: it has no `format`, "
    "where a decision's is `backplan.decision/1` and an error record's `backplan.error/1`"
)
"""What each JSON object read from a joined line is told when it has no format of eval's."""


@pytest.mark.parametrize(
    ("line", "count", "between"),
    [
        ('{"actions":[1]}{"actions":[2]}', "two", "the line end between them lost"),
        ('{"error":{"a":1}}{"error":{"b":2}}', "two", "the line end between them lost"),
        ('{"a":1}{"actions":[]}', "two", "the line end between them lost"),
        ('{"actions":[1]},{"actions":[2]},{"actions":[3]}', "three", "commas between them"),
    ],
)
def test_joined_objects_that_only_look_like_eval_s_lines_are_called_json_objects(
    line: str, count: str, between: str
) -> None:
    """Objects that start as eval's lines do but hold none of its formats (another program's,
    or written by hand) had been told "two of eval's lines are on this one", then each "not
    a decision `backplan eval` wrote": they are called what they are, JSON objects."""
    counts, told = counted(line)
    assert (counts.decisions, counts.unreadable) == (0, len(told) - 1)
    assert told[0].startswith(f"joined.jsonl:1: {count} JSON objects are on this one, {between}")
    assert told[1:] == [NO_FORMAT] * (len(told) - 1)


def test_a_decision_joined_with_an_object_of_no_format_of_eval_s_is_not_two_of_eval_s() -> None:
    """One line of eval's and one look-alike: not "two of eval's lines" either; the decision
    is read, the object left out with its reason."""
    decision = _review_decisions(1)[0]
    counts, told = counted(decision + '{"actions":[]}')
    assert (counts.decisions, counts.unreadable) == (1, 1)
    assert told == [
        "joined.jsonl:1: two JSON objects are on this one, the line end between them lost (a "
        "file whose last line has none, then another after it, as `cat` joins them): both are "
        "read",
        NO_FORMAT,
    ]


def test_a_whole_look_alike_before_a_decision_cut_short_is_called_a_json_object() -> None:
    """A whole object of no format of eval's, a decision cut short after it: the first is
    a JSON object, not "a whole decision"."""
    decision = _review_decisions(1)[0]
    counts, told = counted('{"a":1}' + decision[:100])
    assert (counts.decisions, counts.unreadable) == (0, 2)
    assert told == [
        "joined.jsonl:1: left out: not JSON: a decision starts at column 8, right after a "
        "whole JSON object: the line end between them was lost (a file whose last line has "
        "none, then another after it, as `cat` joins them), and the second was cut short: the "
        "first is read, the second left out",
        NO_FORMAT,
    ]


def test_a_whole_start_text_between_two_lines_on_a_line_not_utf_8_is_no_line(
    tmp_path: Path,
) -> None:
    """On a line not UTF-8, a whole ``{"actions":[]}`` between two lines of eval's is told as
    text between them, not as a third line, and both lines are left out together."""
    first, second = nested_decisions(tmp_path, 2)
    between = ' see {"actions":[]} '
    line = (
        f"{first}{between}".encode()
        + second.encode().replace(b"chargeback", b"\xffchargeback", 1)
        + b"\n"
    )
    counts, told = ReportCounts(), []
    reportlines.count_lines(io.BytesIO(line), "joined.jsonl", counts, told.append)
    assert (counts.decisions, counts.unreadable) == (0, 1)
    assert told == [
        f"joined.jsonl:1: left out: not JSON: another decision starts at column "
        f'{len(first + between) + 1}, after a whole one, with `see {{"actions":[]}}` between '
        f"them at column {len(first) + 2} (text pasted or written between them? `backplan eval` "
        "writes one a line, nothing between); the line is not UTF-8: both are left out: give "
        "the files to report one by one, `backplan report FILE1 FILE2`"
    ]
