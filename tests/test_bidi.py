"""Right-to-left overrides a plan's text leaves open are closed where the text ends."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from engine.api import read_plan
from engine.bidi import closed, in_sentence
from engine.render import render_html, render_markdown

RLO, PDF, RLI, PDI, LRE = "\u202e", "\u202c", "\u2067", "\u2069", "\u202a"
FSI = "\u2068"


def test_text_without_directional_formatting_is_unchanged() -> None:
    for text in ("", "Late order", "שלום", "a\u200fb"):  # a right-to-left mark opens nothing
        assert closed(text) is text


def test_what_a_line_leaves_open_is_closed_at_its_end_innermost_first() -> None:
    assert closed(f"a{RLO}b") == f"a{RLO}b{PDF}"
    assert closed(f"a{RLI}b{LRE}c") == f"a{RLI}b{LRE}c{PDF}{PDI}"
    assert closed(f"a{RLO}b\nc{RLI}d") == f"a{RLO}b{PDF}\nc{RLI}d{PDI}"
    assert closed(f"a{RLO}b\r\n") == f"a{RLO}b{PDF}\r\n"


def test_what_is_closed_already_is_left_alone() -> None:
    assert closed(f"a{RLO}b{PDF}c") == f"a{RLO}b{PDF}c"
    assert closed(f"{RLI}{LRE}x{PDI}") == f"{RLI}{LRE}x{PDI}"  # the isolate's pop closes both
    assert closed(f"{PDF}{PDI}x") == f"{PDF}{PDI}x"  # pops of nothing: ignored, nothing added
    assert closed(f"{RLI}x{PDF}") == f"{RLI}x{PDF}{PDI}"  # a PDF cannot close an isolate


_DIRECTIONAL = st.sampled_from(["\u202a", "\u202b", "\u202c", "\u202d", RLO, "\u2066", RLI])


@given(st.lists(st.one_of(_DIRECTIONAL, st.sampled_from(["a", "\n", PDI])), max_size=30))
def test_closing_is_idempotent_and_only_adds_pops(pieces: list[str]) -> None:
    text = "".join(pieces)
    once = closed(text)
    assert closed(once) == once
    assert once.replace(PDF, "").replace(PDI, "") == text.replace(PDF, "").replace(PDI, "")


def test_a_title_with_an_open_override_does_not_turn_the_rest_of_the_row(tmp_path: Path) -> None:
    # An override left open in a rule's title ran over the rest of the Markdown row (its
    # actions read backwards) and of the HTML cell (left from the last session).
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "backplan: 1\nplan: {name: T, currency: USD}\nrules:\n"
        f"  - {{id: late, title: 'Late {RLO}order', when: {{event: order}},"
        " then: [{apologize: {channel: email}}]}\n",
        encoding="utf-8",
    )
    model = read_plan(plan)
    assert f"**Late {RLO}order{PDF}**" in render_markdown(model)
    assert f"Late {RLO}order{PDF}</div>" in render_html(model)


def test_each_plan_value_is_closed_before_text_is_joined_to_it(tmp_path: Path) -> None:
    # Closed at the end of the rendered line, an override in `to:` turned the deadline
    # Backplan adds after it, and one in a list's first item the items after it (review).
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "backplan: 1\nplan: {name: T, currency: USD, owner: 'O\u202ewner'}\nrules:\n"
        "  - {id: a, title: A, when: {event: review, all: [{field: store, in: ['s\u202e1', s2]}]},"
        " then: [{escalate: {to: 'te\u202eam', within: 1h,"
        " message: 'Hi {customer.first_name|x\u202ey} M\u202esg'}}]}\n",
        encoding="utf-8",
    )
    page = render_markdown(read_plan(plan))
    assert f"Escalate to te{RLO}am{PDF}, within 1 hour" in page
    assert f'"s{RLO}1{PDF}" or s2' in page
    assert f'or "x{RLO}y{PDF}"\\] M{RLO}sg{PDF}"' in page
    assert f"Owner of this plan: O{RLO}wner{PDF}." in page


def test_the_pages_title_closes_the_plans_name_before_its_own_words(tmp_path: Path) -> None:
    # `<title>a(RLO)V1: backup plan(PDF)</title>`: the tab showed ": backup plan" reversed.
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        f"backplan: 1\nplan: {{name: 'a{RLO}V1', currency: USD}}\nrules:\n"
        "  - {id: f, title: F, fallback: true, then: [{apologize: {}}]}\n",
        encoding="utf-8",
    )
    assert f"<title>a{RLO}V1{PDF}: backup plan</title>" in render_html(read_plan(plan))


def test_each_line_of_a_right_to_left_text_in_a_sentence_is_isolated(tmp_path: Path) -> None:
    """A two-line Hebrew message after its action in the Markdown table, its lines joined by
    `<br>`: isolated whole, the isolate covered its first line alone (it ends with its line,
    and was closed there), and the second was left with a pop that closed nothing. Each line
    is isolated on its own, as each is closed."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "backplan: 1\nplan: {name: Store, currency: USD}\nrules:\n"
        "  - id: f\n    title: F\n    fallback: true\n    then:\n"
        "      - escalate:\n          to: lead\n          message: |-\n"
        "            שורה ראשונה\n\n            שורה שנייה\n",
        encoding="utf-8",
    )
    first, second = f"{FSI}שורה ראשונה{PDI}", f"{FSI}שורה שנייה{PDI}"
    assert f'Escalate to lead: "{first}<br><br>{second}"' in render_markdown(read_plan(plan))
    assert in_sentence("א\r\nב") == f"{FSI}א{PDI}\r\n{FSI}ב{PDI}"
    assert in_sentence("a\nb") == "a\nb"
