"""render: the IF/THEN table staff print, as Markdown and as one self-contained HTML page."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest

from engine.api import read_plan
from engine.locations import LazyLocation
from engine.render import plan_table, render, render_html, render_markdown
from engine.templates import TEMPLATE_PARAMS
from tests.conftest import REPO, check_golden

AUTHORING = REPO / "tests" / "authoring"
GOLDEN = REPO / "tests" / "golden" / "render"
PLANS = ["acme", "explain", "render", "tagged"]


@pytest.mark.parametrize("name", PLANS)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden(name: str, fmt: str) -> None:
    plan = read_plan(AUTHORING / f"{name}.yaml")
    check_golden(GOLDEN / f"{name}.{fmt}", render(plan, fmt))


def test_rows_follow_the_firing_order_with_fallbacks_last_and_disabled_aside() -> None:
    table = plan_table(read_plan(AUTHORING / "explain.yaml"))
    assert [r.rule.id for r in table.rows] == [
        "outage",
        "public-unhappy",
        "staff-rude",
        "big-order",
        "improvise",
    ]
    assert [r.number for r in table.rows] == [1, 2, 3, 4, 5]
    assert [r.rule.id for r in table.disabled] == ["old-rule"]


def test_trigger_and_actions_in_words() -> None:
    table = plan_table(read_plan(AUTHORING / "acme.yaml"))
    first = table.rows[0]
    assert first.trigger == (
        (0, "A review where:"),
        (1, "rating is 2 or less"),
        (
            1,
            "channel is one of twitter, facebook, instagram, google_review or yelp (public channel)",
        ),
    )
    assert first.remedy[0] == (
        "Reply publicly where the complaint was posted, within 1 hour",
        'Sorry [customer first name, or "there"], we are on it.',
    )
    assert first.remedy[2] == (
        "Offer a voucher of 20% of order total (at least 10.00 USD, at most 40.00 USD)",
        None,
    )
    assert first.prevention == (
        ("Find the root cause (owner: store-manager), within 7 days", None),
    )
    assert table.rows[2].trigger == ((0, "None of rules 1 to 2 fits"),)
    assert "Never more than 50.00 USD per complaint." in table.policy


def test_html_is_self_contained_and_print_ready() -> None:
    page = render_html(read_plan(AUTHORING / "render.yaml"))
    assert page.startswith("<!DOCTYPE html>")
    for outside in ("<script", "<link", " src=", "href=", "@import", "url("):
        assert outside not in page
    assert "@media print" in page and "@page" in page
    assert "thead" in page and "break-inside: avoid" in page
    assert "Render &amp; Sons &lt;Print Shop&gt;" in page
    assert "<Print Shop>" not in page
    assert page.count('<td class="rule"') == 3  # three enabled rules, a table each


def test_markdown_cells_cannot_break_the_table() -> None:
    text = render_markdown(read_plan(AUTHORING / "render.yaml"))
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 3
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 6, row
    assert "Decide what to do \\| act fast" in text
    # A message written as a YAML `|` block: its line breaks, blank line included, as <br>;
    # the last one, which the block ends with, left out.
    assert (
        ': "No backup plan fits.<br><br>Decide what to do \\| act fast (&lt;30 minutes), '
        'then write down what you did." |'
    ) in text


def test_html_shows_a_message_s_line_breaks() -> None:
    page = render_html(read_plan(AUTHORING / "render.yaml"))
    assert (
        '<span class="msg" dir="auto">“No backup plan fits.<br><br>Decide what to do | act fast '
        "(&lt;30 minutes), then write down what you did.”</span>"
    ) in page


@pytest.mark.parametrize(
    ("fmt", "shown"),
    [("md", '"one<br>two<br>three<br><br>four"'), ("html", "“one<br>two<br>three<br><br>four”")],
)
def test_every_kind_of_line_break_is_a_br(plan_from: Any, fmt: str, shown: str) -> None:
    plan = plan_from(
        """\
        rules:
          - id: r
            title: R
            fallback: true
            then: [{escalate: {to: lead, message: "one\\r\\ntwo\\rthree\\n\\nfour\\r\\n\\n"}}]
        """
    )
    text = render(plan.model, fmt)
    assert shown in text
    assert "\r" not in text


def test_html_sets_off_the_message_not_a_parameter_that_looks_like_one(plan_from: Any) -> None:
    """HTML split an action's joined text at its first `: "`, so a custom action's parameter
    holding one became the message, and the real message was shown as plain text."""
    plan = plan_from(
        """
        rules:
          - id: r
            title: T
            when: {event: order}
            then: [{x-hook: {note: 'see: "manual"', message: The real message.}}]
        """
    )
    page = render(plan.model, "html")
    assert '<span class="msg" dir="auto">“The real message.”</span>' in page
    assert "“manual" not in page


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="use md or html"):
        render(read_plan(AUTHORING / "acme.yaml"), "pdf")


LONG_PLAN = """
rules:
  - id: poisoning
    title: Food poisoning
    when:
      event: complaint
      all:
        - {field: store, in: [S01, S02, S03, S04, S05, S06, S07, S08, S09, S10, S11]}
        - {field: text, matches: "(?i)\\\\b(food poisoning|salmonella|vomit(ed|ing)?|sick after eating|hospital)\\\\b"}
    then:
      - x-case: {queue: "Food safety — escalate to the regional manager the same day", ids: [1, 2, 3, 4, 5, 6, 7, 8, 9], who: {team: safety, on_call: [Ann, Bo]}}
"""


def test_render_shows_every_value_the_plan_says(plan_from: Any) -> None:
    """The printed plan is what staff work from: a list of 11 stores, a long pattern, a long
    or nested custom parameter are shown whole (explain's sentences cut them; render did too)."""
    row = plan_table(plan_from(LONG_PLAN).model).rows[0]
    assert row.trigger[1:] == (
        (1, "store is one of S01, S02, S03, S04, S05, S06, S07, S08, S09, S10 or S11"),
        (
            1,
            'text matches the pattern "(?i)\\b(food poisoning|salmonella|vomit(ed|ing)?|sick '
            'after eating|hospital)\\b"',
        ),
    )
    assert row.remedy == (
        (
            'Custom action x-case (ids: [1, 2, 3, 4, 5, 6, 7, 8, 9], queue: "Food safety — '
            'escalate to the regional manager the same day", who: {on_call: [Ann, Bo], '
            "team: safety})",
            None,
        ),
    )
    text = render_markdown(plan_from(LONG_PLAN).model)
    assert (
        'text matches the pattern "(?i)\\\\b(food poisoning\\|salmonella\\|vomit(ed\\|ing)?'
        '\\|sick after eating\\|hospital)\\\\b"'
    ) in text
    assert "who: {on\\_call: \\[Ann, Bo\\], team: safety})" in text


@pytest.mark.parametrize(
    ("offer", "shown"),
    [
        ("amount: 30, max: 20", "Offer a voucher of 20.00 USD"),  # deciding offers 20.00
        ("amount: 5, min: 7.5", "Offer a voucher of 7.50 USD"),
        ("amount: 12.345", "Offer a voucher of 12.35 USD"),  # rounded half up, as decided
        ("amount: 12", "Offer a voucher of 12.00 USD"),
    ],
)
def test_a_fixed_amount_is_shown_as_the_plan_pays_it(
    plan_from: Any, offer: str, shown: str
) -> None:
    """A rule's own min and max apply to a fixed amount too (docs/semantics.md): the table
    once showed `amount: 30` although every decision offers the `max: 20`."""
    plan = plan_from(
        f"""
        rules:
          - id: late
            title: Late
            when: {{event: order}}
            then: [{{compensate: {{kind: voucher, {offer}}}}}]
        """
    )
    assert plan_table(plan.model).rows[0].remedy == ((shown, None),)
    decided = plan.evaluate({"id": 1, "type": "order"}).to_document()
    assert shown.endswith(decided["actions"][0]["params"]["amount"] + " USD")


@pytest.mark.parametrize(
    ("fmt", "title", "message"),
    [  # Markdown escapes the backslash and the bracket of the escapes too
        ("md", r"Late \\e\]0;owned\\a order", "Call\tnow \\\\x01 please"),
        ("html", r"Late \e]0;owned\a order", "Call\tnow \\x01 please"),
    ],
)
def test_a_control_character_in_the_plan_s_text_is_shown_as_an_escape(
    plan_from: Any, fmt: str, title: str, message: str
) -> None:
    """`render` to stdout, or its file read with `cat`, reaches a terminal: an ESC sequence in
    a title set the terminal's title, and a BEL rang it. They are shown as written in YAML's
    double quotes (lint warns about them: `control-character-in-text`); tabs are kept."""
    plan = plan_from(
        """\
        rules:
          - id: r
            title: "Late \\e]0;owned\\a order"
            fallback: true
            then: [{escalate: {to: lead, message: "Call\\tnow \\x01 please"}}]
        """
    )
    text = render(plan.model, fmt)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text)
    assert title in text
    assert message in text


def test_a_tags_deadline_is_not_read_as_a_tag(plan_from: Any) -> None:
    """`Tag the case: public, review, within 1 day` read as a third tag (found by review)."""
    plan = plan_from(
        "rules:\n  - {id: r, title: R, when: {event: review}, "
        "then: [{tag: {tags: [public, review], within: 1d}}]}\n"
    )
    [row] = plan_table(plan.model).rows
    assert row.remedy == (("Tag the case, within 1 day: public, review", None),)


def test_a_deadline_of_thousands_is_counted_as_every_count_is(plan_from: Any) -> None:
    """`within 1000 hours`, in a plural of its own, where counts read `1,000` (found by
    review)."""
    assert _remedies(
        plan_from,
        "review",
        "{tag: {tags: [late], within: 1000h}}, {note: {message: Look, within: 1h}}",
    ) == [
        "Tag the case, within 1,000 hours: late",
        "Record a note, within 1 hour",
    ]


def test_a_tag_action_s_message_is_set_off_from_its_tags(plan_from: Any) -> None:
    """`Tag the case, within 1 day: public, review: "Check it"`: the second colon read as a
    list of its own (found by review). A colon inside parentheses ends no list."""
    plan = plan_from(
        "rules:\n  - {id: r, title: R, when: {event: review}, then: ["
        "{tag: {tags: [public, review], within: 1d, message: Check it}}], "
        "prevent: [{process_fix: {owner: sam, message: Pack better}}]}\n"
    )
    text = render_markdown(plan.model)
    assert (
        '| ☐ Tag the case, within 1 day: public, review — "Check it" | '
        '☐ Fix the process (owner: sam): "Pack better" |'
    ) in text


def test_markdown_keeps_odd_but_valid_text_as_text(plan_from: Any) -> None:
    """A padded title was `** x **` (no bold), a description starting `- ` a list item, and
    `~` and `$` struck text through or started maths in GitHub's viewer (found by review)."""
    plan = plan_from(
        'backplan: 1\nplan: {name: T, currency: USD, owner: "Sam <sam@example.com>", '
        'description: "- call first, ~then~ pay $5"}\n'
        'rules:\n  - {id: r, title: " padded ", when: {event: review}, '
        "then: [{contact_customer: {channel: social}}]}\n"
    )
    text = render_markdown(plan.model)
    assert "\n\\- call first, \\~then\\~ pay \\$5\n" in text
    assert "**padded**<br>`r`" in text
    assert "- Owner of this plan: Sam &lt;sam@example.com&gt;." in text
    assert "Contact the customer on social media" in text


@pytest.mark.parametrize(
    ("description", "shown"),
    [
        ("---", "\\---"),
        ("-- - ", "\\-- - "),
        ("  # Call first", "\\# Call first"),
        ("   - call first", "\\- call first"),
        ("    call first", "call first"),
        ("\\tcall first", "call first"),
        ("--- call first", "--- call first"),
        ("1. Call first", "1\\. Call first"),
        ("12) call first", "12\\) call first"),
    ],
)
def test_markdown_keeps_a_plan_description_that_looks_like_structure_as_text(
    plan_from: Any, description: str, shown: str
) -> None:
    """A plan's description `---` was a horizontal rule, one with blanks before `# ` a heading
    or a list, and one with four a code block (found by review); one that starts `1.` is no
    numbered list either, its dot escaped (a backslash before the digit would be text). A rule's description is in a
    table cell, where Markdown reads no such structure."""
    plan = plan_from(
        f'backplan: 1\nplan: {{name: T, currency: USD, description: "{description}"}}\n'
        "rules:\n  - {id: r, title: R, fallback: true, then: [{escalate: {to: a}}]}\n"
    )
    assert f"\n\n{shown}\n\n" in render_markdown(plan.model)


@pytest.mark.parametrize(
    ("test", "said"),
    [
        ("{field: store, ne: main}", "store is main, or no value, or a value that is not text"),
        ("{field: store, exists: true}", "store is not given"),
        ("{field: channel, eq: web}", "channel is anything but web"),
        (
            "{field: survey.score, gte: 3}",
            "survey score is anything but a number that is 3 or more",
        ),
    ],
)
def test_not_around_a_test_says_what_it_admits(plan_from: Any, test: str, said: str) -> None:
    """`not: store is not main` read as "store is main", and the rule also fires without a
    store at all (found by review): render says it as explain does."""
    plan = plan_from(
        f"rules:\n  - {{id: r, title: R, when: {{all: [{{not: {test}}}]}}, then: [{{apologize: {{}}}}]}}\n"
    )
    [row] = plan_table(plan.model).rows
    assert row.trigger[1:] == ((1, said),)


def test_a_limit_of_nothing_tells_staff_to_make_no_offer(tmp_path: Path) -> None:
    # "Never more than 0.00 USD per complaint." above a table listing "Offer a voucher of
    # 10.00 USD": staff working from the page would make the offer (left from the last session).
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "backplan: 1\nplan: {name: T, currency: USD, compensation: {per_event_max: 0}}\n"
        "rules:\n  - {id: late, title: Late, when: {event: order},"
        " then: [{compensate: {kind: voucher, amount: 10}}]}\n"
    )
    policy = plan_table(read_plan(plan)).policy
    assert (
        "No compensation is ever given (the plan's limit per complaint is 0): make none of "
        "the offers below." in policy
    )
    assert not any(line.startswith("Never more than") for line in policy)


def test_a_field_with_an_empty_default_reads_unlike_one_without(tmp_path: Path) -> None:
    # `{store|}` (left out when missing) and `{order.id}` (a visible `[missing: ...]`) both
    # read `[store]`, `[order id]`: staff could not tell which a message may lose.
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "backplan: 1\nplan: {name: T, currency: USD}\nrules:\n"
        "  - {id: late, title: Late, when: {event: order}, then: [{apologize: {message: "
        "'Order {order.id} from {store|}, {customer.first_name|there}'}}]}\n"
    )
    [row] = plan_table(read_plan(plan)).rows
    [(_, message)] = row.remedy
    assert message == 'Order [order id] from [store, or nothing], [customer first name, or "there"]'


@pytest.mark.parametrize(
    ("slot", "shown"),
    [
        ('{customer.first_name|"friend"}', "[customer first name, or '\"friend\"']"),
        ('{customer.first_name| say "hi"}', "[customer first name, or ' say \"hi\"']"),
        ('{store|it\'s "ours"}', '[store, or "it\'s \\"ours\\""]'),
        ("{store|it's ours}", '[store, or "it\'s ours"]'),
    ],
)
def test_a_default_holding_quotes_is_set_off_by_others(
    plan_from: Any, slot: str, shown: str
) -> None:
    """`{customer.first_name|"friend"}` read `[customer first name, or ""friend""]`: the
    default's own quotes, which the customer reads, were lost among ours (found by review)."""
    plan = plan_from(
        f"""\
        rules:
          - id: r
            title: R
            when: {{event: review}}
            then:
              - apologize:
                  message: >-
                    Hi {slot}.
        """
    )
    [row] = plan_table(plan.model).rows
    assert row.remedy == (("Apologise to the customer", f"Hi {shown}."),)


def test_a_limit_that_rounds_to_nothing_is_no_limit_of_something(tmp_path: Path) -> None:
    # 0.004 USD is 0 as deciding rounds it: "Never more than 0.00 USD" listed the offers
    # as if some could be made (found by review).
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "backplan: 1\nplan: {name: T, currency: USD, compensation: {per_event_max: 0.004}}\n"
        "rules:\n  - {id: late, title: Late, when: {event: order},"
        " then: [{compensate: {kind: voucher, amount: 10}}]}\n"
    )
    policy = plan_table(read_plan(plan)).policy
    assert any(line.startswith("No compensation is ever given") for line in policy)


@pytest.mark.parametrize(
    ("combine", "said"),
    [
        (
            "max",
            "When more than one offer of compensation applies, from one rule or several, only "
            "the largest is made.",
        ),
        (
            "sum",
            "When more than one offer of compensation applies, from one rule or several, they "
            "are all made, added up.",
        ),
    ],
)
def test_the_policy_combines_the_offers_of_one_rule_too(
    plan_from: Any, combine: str, said: str
) -> None:
    """A rule's two offers combine as two rules' do: "When several rules offer compensation,
    only the largest offer is made" above a row with two offers let staff make both (found by
    review)."""
    plan = plan_from(
        f"backplan: 1\nplan: {{name: T, currency: USD, compensation: {{combine: {combine}}}}}\n"
        "rules:\n  - {id: late, title: Late, when: {event: order}, then: ["
        "{compensate: {kind: voucher, amount: 10}}, {compensate: {kind: refund, amount: 5}}]}\n"
    )
    assert said in plan_table(plan.model).policy
    document = plan.evaluate({"id": 1, "type": "order"}).to_document()
    made = [a["params"]["amount"] for a in document["actions"] if a["type"] == "compensate"]
    assert made == (["10.00"] if combine == "max" else ["10.00", "5.00"])


STOP = "Stop here: the rules below do not apply."


def test_a_fallback_that_stops_the_next_one_says_so(plan_from: Any) -> None:
    """Under `match: first` only the first fallback that fits is decided: the first of two
    had no note, so staff reading "No other rule fits" twice did both (found by review). The
    last row stops nothing, and says nothing of it, even with `stop: true`."""
    plan = plan_from(
        "backplan: 1\nplan: {name: T, currency: USD, match: first}\n"
        "rules:\n"
        "  - {id: late, title: Late, when: {event: order}, then: [{apologize: {}}]}\n"
        "  - {id: for-reviews, title: F1, fallback: true, when: {event: review},"
        " then: [{escalate: {to: a}}]}\n"
        "  - {id: for-all, title: F2, fallback: true, stop: true, then: [{escalate: {to: b}}]}\n"
    )
    notes = [[(n.text, n.stops) for n in row.notes] for row in plan_table(plan.model).rows]
    assert notes == [[(STOP, True)], [(STOP, True)], []]
    assert plan.evaluate({"id": 1, "type": "review"}).to_document()["matched"] == ["for-reviews"]


def test_not_around_a_list_says_which_of_its_items_may_hold(plan_from: Any) -> None:
    """`not: {all: [...]}` read "none of this:" over "all of these:", which staff take for
    none of the items holding, where one failing is enough (found by review)."""
    plan = plan_from(
        """\
        rules:
          - id: r
            title: R
            when:
              event: review
              all:
                - not: {all: [{field: rating, lte: 2}, {field: store, eq: x}]}
                - not: {any: [{field: channel, eq: yelp}, {field: text, contains: bad}]}
            then: [{apologize: {}}]
        """
    )
    [row] = plan_table(plan.model).rows
    assert row.trigger[1:] == (
        (1, "not all of these:"),
        (2, "rating is 2 or less"),
        (2, "store is x"),
        (1, "none of these:"),
        (2, "channel is yelp"),
        (2, "text contains bad"),
    )
    fired = plan.evaluate({"id": 1, "type": "review", "rating": 1}).to_document()["matched"]
    assert fired == ["r"]  # one of the first list fails (no store): not all of it holds


def test_a_rule_s_description_ending_with_a_space_is_still_in_italics(plan_from: Any) -> None:
    """`*Call first. *` is no emphasis in Markdown: the asterisks showed (found by review)."""
    plan = plan_from(
        "rules:\n  - {id: r, title: R, description: 'Call first. ', when: {event: review},"
        " then: [{apologize: {}}]}\n"
    )
    assert "<br>*Call first.* |" in render_markdown(plan.model)


def test_not_around_a_named_condition_names_it_after_what_not_says(plan_from: Any) -> None:
    """`not: {use: bad_place}` read "none of this:" over "bad place, that is any of these:",
    and over a named all-list "none of this:", which staff take for none of its items
    holding (found by review). A named field test reads as the same test written inline."""
    plan = plan_from(
        """\
        conditions:
          bad_place: {any: [{field: channel, eq: yelp}, {field: text, contains: bad}]}
          strict: {all: [{field: rating, lte: 2}, {field: store, eq: x}]}
          nested: {use: bad_place}
          yelp: {field: channel, eq: yelp}
        rules:
          - id: r
            title: R
            when:
              event: review
              all:
                - not: {use: bad_place}
                - not: {use: strict}
                - not: {use: nested}
                - not: {use: yelp}
            then: [{apologize: {}}]
        """
    )
    [row] = plan_table(plan.model).rows
    assert row.trigger[1:] == (
        (1, "none of these (bad place):"),
        (2, "channel is yelp"),
        (2, "text contains bad"),
        (1, "not all of these (strict):"),
        (2, "rating is 2 or less"),
        (2, "store is x"),
        (1, "none of these (nested, that is bad place):"),
        (2, "channel is yelp"),
        (2, "text contains bad"),
        (1, "channel is anything but yelp (not yelp)"),
    )
    fired = plan.evaluate({"id": 1, "type": "review", "rating": 1}).to_document()["matched"]
    assert fired == ["r"]  # no store: not all of `strict` holds


@pytest.mark.parametrize(
    ("combine", "said"),
    [
        ("max", "A manager approves any compensation above 40.00 USD."),
        (
            "sum",
            "A manager approves the compensation when the offers for one complaint add up to "
            "more than 40.00 USD.",
        ),
    ],
)
def test_the_approval_threshold_is_held_to_what_is_given_in_all(
    plan_from: Any, combine: str, said: str
) -> None:
    """Under `combine: sum` the threshold is held to the offers added up: "any compensation
    above 40.00 USD" over a row offering 30.00 and 30.00 let staff give 60.00 unapproved,
    each offer being under 40 (found by review)."""
    plan = plan_from(
        f"backplan: 1\nplan: {{name: T, currency: USD, compensation: {{combine: {combine},"
        " approval_above: 40}}\nrules:\n  - {id: late, title: Late, when: {event: order}, then: ["
        "{compensate: {kind: voucher, amount: 30}}, {compensate: {kind: refund, amount: 30}}]}\n"
    )
    assert said in plan_table(plan.model).policy
    summary = plan.evaluate({"id": 1, "type": "order"}).to_document()["compensation"]
    assert summary["needs_approval"] is (combine == "sum")


DEADLINES = (
    'A deadline ("within 1 hour") counts from when the complaint happened, not from when you '
    "read it (from when it was received, if its time is not known)."
)


def test_the_policy_says_when_a_deadline_starts_counting(plan_from: Any) -> None:
    """A row says "within 1 hour"; deciding counts it from the complaint's `occurred_at`, and
    staff reading a complaint three hours late would take the hour to start then (found by review).
    A plan without deadlines says nothing of them."""
    plan = plan_from(
        "rules:\n  - {id: r, title: R, when: {event: review}, then: [{apologize: {within: 1h}}]}\n"
    )
    assert DEADLINES in plan_table(plan.model).policy
    event = {"id": 1, "type": "review", "occurred_at": "2026-11-23T09:30:00Z"}
    [action] = plan.evaluate(event).to_document()["actions"]
    assert action["due"] == "2026-11-23T10:30:00Z"
    untimed = plan_from(  # a disabled rule's actions are not in the table
        "rules:\n  - {id: r, title: R, when: {event: review}, then: [{apologize: {}}]}\n"
        "  - {id: off, title: Off, enabled: false, when: {event: review},"
        " then: [{apologize: {within: 1h}}]}\n"
    )
    assert not any("deadline" in line for line in plan_table(untimed.model).policy)


def test_html_breaks_a_word_longer_than_its_line(plan_from: Any) -> None:
    """A link or a pattern with no space in it runs out of its fixed-width column, over the
    next one, on screen and on paper, and a plan's description off the page (found by
    review): the page breaks such words."""
    page = render_html(
        plan_from(
            "rules:\n  - {id: r, title: R, then: [{apologize: {}}], when: {event: review}}\n"
        ).model
    )
    assert re.search(r"\nbody \{[^}]*overflow-wrap: anywhere;", page)


def test_html_styles_a_description_that_starts_stop_here_as_a_description(
    plan_from: Any,
) -> None:
    """The stop note was told by its text: a description "Stop here and call the manager"
    was styled as the note that a rule stops the rows below it (found by review)."""
    page = render_html(
        plan_from(
            "rules:\n"
            "  - {id: r, title: R, when: {event: review}, then: [{apologize: {}}],"
            " description: Stop here and call the manager}\n"
        ).model
    )
    assert '<p class="stop">Stop here and call' not in page
    assert re.search(r'<p class="note"[^>]*>Stop here and call the manager</p>', page)


@pytest.mark.parametrize(("rules", "said"), [(1, "1 rule ·"), (2, "2 rules ·")])
def test_html_counts_its_rules_in_words(plan_from: Any, rules: int, said: str) -> None:
    """The page's heading said "1 rules" (found by review)."""
    body = "".join(
        f"  - {{id: r{n}, title: R, when: {{event: review}}, then: [{{apologize: {{}}}}]}}\n"
        for n in range(rules)
    )
    assert said in render_html(plan_from("rules:\n" + body).model)


def test_a_fallback_names_the_rules_that_must_not_fit(plan_from: Any) -> None:
    """A fallback fires when none of the ordinary rules fits, beside the fallbacks above it
    that fit: "No other rule fits" on the second of two read as left out where the first
    fitted, and staff would skip it (found by review). A plan with no ordinary rule says when
    each fallback applies, as of any rule."""
    plan = plan_from(
        "rules:\n"
        "  - {id: late, title: Late, when: {event: order}, then: [{apologize: {}}]}\n"
        "  - {id: rude, title: Rude, when: {event: conduct}, then: [{apologize: {}}]}\n"
        "  - {id: for-reviews, title: F1, fallback: true, when: {event: review},"
        " then: [{escalate: {to: a}}]}\n"
        "  - {id: for-all, title: F2, fallback: true, then: [{escalate: {to: b}}]}\n"
    )
    assert [row.trigger for row in plan_table(plan.model).rows[2:]] == [
        ((0, "None of rules 1 to 2 fits, and it is a review"),),
        ((0, "None of rules 1 to 2 fits"),),
    ]
    matched = plan.evaluate({"id": 1, "type": "review"}).to_document()["matched"]
    assert matched == ["for-reviews", "for-all"]
    one = plan_from(
        "rules:\n"
        "  - {id: late, title: Late, when: {event: order}, then: [{apologize: {}}]}\n"
        "  - {id: f, title: F, fallback: true, when: {all: [{field: store, eq: x}]},"
        " then: [{escalate: {to: a}}]}\n"
    )
    assert plan_table(one.model).rows[1].trigger == (
        (0, "Rule 1 does not fit, and"),
        (1, "store is x"),
    )
    alone = plan_from(
        "rules:\n  - {id: f, title: F, fallback: true, then: [{escalate: {to: a}}]}\n"
    )
    assert plan_table(alone.model).rows[0].trigger == ((0, "Any type of event"),)


def test_the_policy_speaks_only_of_the_rules_in_use(plan_from: Any) -> None:
    """The line on percentages the complaint cannot size was written for a percentage offer
    of a disabled rule, which the table does not show and deciding never makes (found by
    review)."""
    plan = plan_from(
        "rules:\n  - {id: r, title: R, when: {event: order}, then: [{apologize: {}}]}\n"
        "  - {id: off, title: Off, enabled: false, when: {event: order},"
        " then: [{compensate: {kind: refund, percent: 10, of: order.total}}]}\n"
    )
    assert not any("percentage" in line for line in plan_table(plan.model).policy)


def test_not_around_not_says_the_test_itself(plan_from: Any) -> None:
    """`not: {not: {a is 1}}` read "none of this:" over "a is anything but 1", a riddle staff
    must undo twice (found by review): two nots cancel, and the row says "a is 1". Under a
    name, the name still follows what is said, as for any named condition."""
    plan = plan_from(
        """\
        conditions:
          not_one: {not: {field: a, eq: 1}}
        rules:
          - id: r
            title: R
            when:
              all:
                - not: {not: {field: a, eq: 1}}
                - not: {not: {any: [{field: b, eq: 2}, {field: c, eq: 3}]}}
                - not: {not: {not: {field: d, eq: 4}}}
                - not: {use: not_one}
            then: [{apologize: {}}]
        """
    )
    [row] = plan_table(plan.model).rows
    assert row.trigger[1:] == (
        (1, "a is 1"),
        (1, "any of these:"),
        (2, "b is 2"),
        (2, "c is 3"),
        (1, "d is anything but 4"),
        (1, "a is 1 (the opposite of not one)"),
    )
    assert plan.evaluate({"id": 1, "type": "review", "a": 1, "b": 2}).to_document()["matched"] == [
        "r"
    ]


def test_a_custom_action_s_list_is_written_with_commas(plan_from: Any) -> None:
    """A custom action's `levels: [1, 2]` read "[1 and 2]", one value to staff, where every
    other list of the table (`Tag the case: damage, reprint`) is written with commas (found
    by review): the list is the app's data, written as the plan writes it."""
    plan = plan_from(
        "rules:\n  - {id: r, title: R, when: {event: review},"
        " then: [{x-page: {levels: [1, 2], who: {team: [a, b, null]}}}]}\n"
    )
    [row] = plan_table(plan.model).rows
    assert row.remedy == (
        ("Custom action x-page (levels: [1, 2], who: {team: [a, b, null]})", None),
    )


def test_fields_that_read_alike_are_shown_as_written(plan_from: Any) -> None:
    """`customer.first_name` and `customer_first.name` both read "customer first name": one
    row said "customer first name is x" and then "is y" of what are two fields (found by
    review). Where two fields of a plan read alike, each is shown as the plan writes it, in
    conditions, messages and percentages alike; other fields keep their words."""
    plan = plan_from(
        """\
        conditions:
          named: {field: customer_first.name, eq: y}
        rules:
          - id: r
            title: R
            when:
              all:
                - {field: customer.first_name, eq: x}
                - not: {use: named}
                - {field: order.total, gt: 5}
            then:
              - apologize: {message: "Hi {customer_first.name|there}, {store}"}
              - compensate: {kind: refund, percent: 10, of: order.total}
          - id: s
            title: S
            when: {all: [{field: order_total, gt: 5}]}
            then: [{escalate: {to: a}}]
        """
    )
    first, second = plan_table(plan.model).rows
    assert first.trigger[1:] == (
        (1, "customer.first_name is x"),
        (1, "customer_first.name is anything but y (not named)"),
        (1, "order.total is more than 5"),
    )
    assert first.remedy == (
        ("Apologise to the customer", 'Hi [customer_first.name, or "there"], [store]'),
        ("Offer a refund of 10% of order.total", None),
    )
    assert second.trigger[1:] == ((1, "order_total is more than 5"),)


def test_html_lays_out_the_plan_s_own_text_in_its_own_direction(plan_from: Any) -> None:
    """The page is `lang="en"`, and a Hebrew or Arabic title, message or description was laid
    out left to right, its punctuation at the wrong end (found by review): each element that
    holds the plan's own text takes its direction from that text (`dir="auto"`), and a
    disabled rule's title is isolated from the id after it (`<bdi>`)."""
    plan = plan_from(
        """\
        backplan: 1
        plan: {name: "שירות לקוחות", description: "מה עושים?", currency: ILS}
        rules:
          - id: late
            title: "איחור במשלוח!"
            description: "להתקשר קודם."
            when: {event: order}
            then: [{apologize: {message: "סליחה, {customer.first_name|לקוח}!"}}]
          - id: off
            title: "ישן"
            enabled: false
            when: {event: order}
            then: [{apologize: {}}]
        """
    )
    page = render_html(plan.model)
    assert '<h1 dir="auto">שירות לקוחות</h1>' in page
    assert '<p dir="auto">מה עושים?</p>' in page
    assert '<div class="title" dir="auto">איחור במשלוח!</div>' in page
    assert (
        '<span class="msg" dir="auto">“סליחה, \u2068[customer first name, or &quot;לקוח&quot;]'
        "\u2069!”</span>" in page
    )
    assert '<p class="note" dir="auto">להתקשר קודם.</p>' in page
    assert "<li><bdi>ישן</bdi> (off)</li>" in page


def test_not_of_a_name_for_not_of_a_name_keeps_each_name_on_its_own_words(
    plan_from: Any,
) -> None:
    """`not: {use: not_both}`, `not_both` being `not: {use: both}`: its two nots cancelled had
    put `not_both` after the words of `both`, "both, that is (not both):", and read "tier is
    gold (gold) (not gold)" for a test (found by review). It is said as the `not:` it names."""
    plan = plan_from(
        """\
        conditions:
          both: {all: [{field: a, eq: 1}, {field: b, eq: 2}]}
          not_both: {not: {use: both}}
          gold: {field: tier, eq: gold}
          not_gold: {not: {use: gold}}
        rules:
          - id: r
            title: R
            when:
              all:
                - not: {use: not_both}
                - not: {use: not_gold}
            then: [{apologize: {}}]
        """
    )
    [row] = plan_table(plan.model).rows
    assert row.trigger[1:] == (
        (1, "none of this (not both):"),
        (2, "not all of these (both):"),
        (3, "a is 1"),
        (3, "b is 2"),
        (1, "none of this (not gold):"),
        (2, "tier is anything but gold (not gold)"),
    )


def _style_rules(page: str) -> tuple[dict[str, str], dict[str, str]]:
    """The page's style sheet as two maps of selector to declarations: the screen's rules and
    those of ``@media print`` (a selector set twice in one has its declarations joined)."""
    style = page.partition("<style>")[2].partition("</style>")[0]
    css = re.sub(r"/\*.*?\*/", "", style, flags=re.S)
    screen, _, printed = css.partition("@media print {")
    sheets: tuple[dict[str, str], dict[str, str]] = ({}, {})
    for sheet, text in zip(sheets, (screen, printed), strict=True):
        for selector, declarations in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
            sheet[selector.strip()] = sheet.get(selector.strip(), "") + declarations
    return sheets


def _font_size(declarations: str, em: float) -> float | None:
    """The font size the declarations set, in points (``em`` points to an em), or None."""
    found = re.search(r"font(?:-size)?:\s*([\d.]+)(px|pt|em)", declarations)
    if found is None:
        return None
    per_unit = {"px": 0.75, "pt": 1.0, "em": em}[found[2]]
    return float(found[1]) * per_unit


@pytest.mark.parametrize("selector", [".note", ".meta", ".id", ".tags", "th", "footer"])
def test_html_prints_small_text_as_small_as_on_screen(plan_from: Any, selector: str) -> None:
    """The small text (a rule's description, its id, the column headings...) had its size in
    pixels, and print sets the text around it smaller: on paper a rule's description was larger
    than its conditions and actions (seen in Chromium's PDF). Its size is relative to the text
    around it, in the same proportion on paper as on screen."""
    page = render_html(
        plan_from(
            "rules:\n  - {id: r, title: R, when: {event: review}, then: [{apologize: {}}]}\n"
        ).model
    )
    screen, printed = _style_rules(page)
    body_on_screen = _font_size(screen["body"], em=12)
    body_on_paper = _font_size(printed["body"], em=12)
    assert body_on_screen and body_on_paper
    on_screen = _font_size(screen[selector], em=body_on_screen)
    on_paper = _font_size(printed.get(selector, ""), em=body_on_paper)
    on_paper = on_paper or _font_size(screen[selector], em=body_on_paper)
    assert on_screen and on_paper
    assert on_paper / body_on_paper == pytest.approx(on_screen / body_on_screen, rel=0.01)


def test_html_prints_the_disabled_rules_heading_with_its_list(plan_from: Any) -> None:
    """Printed, "Not in use (disabled)" was left at the foot of a page and the rules it heads
    on the next (seen in Chromium's PDF of tests/authoring/render.yaml)."""
    page = render_html(
        plan_from(
            "rules:\n  - {id: r, title: R, when: {event: review}, then: [{apologize: {}}],"
            " enabled: false}\n"
        ).model
    )
    assert "<h2>Not in use (disabled)</h2><ul>" in page
    assert "break-after: avoid" in _style_rules(page)[1].get("h2", "")


def _rows_styled(selector: str, rows: list[str]) -> list[bool]:
    """Which of the table's rows (each given by its class, "" for none) a selector of the style
    sheet reaches, read as a browser reads it: compound parts joined by ``+`` (the row right
    after), each ``tr``, ``tr.CLASS`` or ``tr:not(.CLASS)``, then ``> td`` (the row's cell).
    A selector written otherwise fails the test, so it never passes by not being understood."""
    assert selector.endswith(" > td"), selector
    parts = [p.strip() for p in selector.removesuffix(" > td").split("+")]

    def fits(part: str, row: str) -> bool:
        found = re.fullmatch(r"tr(?:\.([\w-]+)|:not\(\.([\w-]+)\))?", part)
        assert found is not None, selector
        return (found[1] is None or row == found[1]) and (found[2] is None or row != found[2])

    return [
        index >= len(parts) - 1
        and all(fits(part, rows[index - back]) for back, part in enumerate(reversed(parts)))
        for index in range(len(rows))
    ]


def test_html_draws_the_dashed_line_only_where_the_fallbacks_begin(plan_from: Any) -> None:
    """Every fallback row had a dashed line above it, so two fallbacks read as two groups: only
    the first fallback, where they begin after the ordinary rules, has it."""
    page = render_html(
        plan_from(
            "rules:\n"
            "  - {id: r, title: R, when: {event: review}, then: [{apologize: {}}]}\n"
            "  - {id: f1, title: F1, fallback: true, when: {event: review},"
            " then: [{escalate: {to: a}}]}\n"
            "  - {id: f2, title: F2, fallback: true, then: [{escalate: {to: b}}]}\n"
        ).model
    )
    rows = [
        found or "" for found in re.findall(r'<tr(?: class="([\w-]+)")?><td class="rule"', page)
    ]
    assert rows == ["", "fallback", "fallback"]
    screen, printed = _style_rules(page)
    dashed = [s for sheet in (screen, printed) for s, d in sheet.items() if "dashed" in d]
    assert dashed
    for selector in dashed:
        assert _rows_styled(selector, rows) == [False, True, False], selector


def test_html_heads_each_page_a_long_row_goes_on_to_with_its_number_and_title(
    plan_from: Any,
) -> None:
    """Printed, a rule taller than a page (40 actions with long messages) went on to the next
    pages with no number or title, so a reader there could not tell whose actions they were
    (seen in Chromium's PDF). Each rule is a table of its own whose heading, which a browser
    repeats at the top of each page a table goes on to, names it "(continued)"; on the row's
    first page that heading is pulled up out of its cell and hidden, so a row that fits a page
    prints as it did (checked pixel for pixel on the starter plan), and the screen never
    shows it."""
    actions = "".join(
        f"\n      - notify: {{to: team-{i}, message: 'Call the customer back, {i}.'}}"
        for i in range(40)
    )
    page = render_html(
        plan_from(
            "rules:\n"
            "  - {id: first, title: First, when: {event: review}, then: [{apologize: {}}]}\n"
            "  - id: long\n    title: Many <things>\n    when: {event: order}\n"
            f"    then:{actions}\n"
        ).model
    )
    heading = (
        '<td class="rule" colspan="4"><table class="rule"><colgroup>'
        '<col class="n"><col class="if"><col class="then"><col class="prevent"></colgroup>'
        '<thead class="continued" aria-hidden="true"><tr><td class="n">{n}</td>'
        '<td colspan="3"><span class="title"><bdi>{title}</bdi></span> '
        '<span class="id">{id}</span> <span class="cont">(continued)</span></td></tr></thead>'
        '<tbody><tr><td class="n">{n}</td><td><div class="title" dir="auto">{title}</div>'
    )
    assert heading.format(n=1, title="First", id="first") in page
    assert heading.format(n=2, title="Many &lt;things&gt;", id="long") in page
    assert page.count("Call the customer back") == 40  # (all in the one row)
    screen, printed = _style_rules(page)
    assert "display: none" in screen["thead.continued"]
    assert "display: table-header-group" in printed["thead.continued"]
    assert "break-inside: avoid" in printed["tbody tr"]  # a row that fits is kept whole
    assert "overflow: hidden" in screen["td.rule"]
    height = re.search(r"(?<![-\w])height:\s*(\d+px)", printed["thead.continued td"])
    margin = re.search(r"margin-top:\s*-(\d+px)", printed["table.rule"])
    assert height and margin and height[1] == margin[1]  # pulled up by all of its height
    assert re.search(r"padding-top:\s*0;.*padding-bottom:\s*0;", printed["thead.continued td"])
    assert re.search(r"(?<![-\w])border:\s*0", printed["thead.continued td"])
    # kept to that height: a title of 200 characters and its id, wrapped to two lines, showed
    # the second above the row on its first page (seen in Chromium's PDF)
    assert "white-space: nowrap" in printed["thead.continued td"]
    assert "overflow: hidden" in printed["thead.continued td"]


def test_the_plan_s_right_to_left_text_inside_our_sentences_is_isolated(plan_from: Any) -> None:
    """A Hebrew or Arabic text of the plan inside a sentence of ours took the punctuation around
    it into its own direction: "channel is one of X, Y or Z" printed the second Hebrew value
    before the first (seen in Chromium's PDF). Each such text is isolated (U+2068 … U+2069),
    in both formats; English text is left as it was."""
    plan = plan_from(
        """\
        backplan: 1
        plan: {name: "שירות לקוחות", owner: "דנה כהן", currency: ILS}
        rules:
          - id: late
            title: "איחור!"
            when:
              event: order
              all: [{field: channel, in: ["טוויטר", "פייסבוק", web]}]
            then:
              - notify: {to: "צוות 3", within: 14d, message: "סליחה!"}
              - x-crm: {queue: "תור"}
            prevent: [{root_cause: {owner: "מנהלת", within: 14d}}]
          - {id: off, title: "ישן!", enabled: false, when: {event: order}, then: [{apologize: {}}]}
        """
    )
    page = render_html(plan.model)
    text = render_markdown(plan.model)
    for shown in (html.unescape(page), text):
        assert 'one of "\u2068טוויטר\u2069", "\u2068פייסבוק\u2069" or web' in shown
        assert "Owner of this plan: \u2068דנה כהן\u2069." in shown
        assert "Notify \u2068צוות 3\u2069, within 14 days" in shown
        assert "(owner: \u2068מנהלת\u2069), within 14 days" in shown
        assert 'Custom action x-crm (queue: "\u2068תור\u2069")' in shown
    assert "<title>\u2068שירות לקוחות\u2069: backup plan</title>" in page
    assert text.startswith("# \u2068שירות לקוחות\u2069: backup plan\n")
    assert 'within 14 days: "\u2068סליחה!\u2069"' in text
    assert "- **\u2068ישן!\u2069** (`off`)" in text


TEMPLATE_CASES = [
    ("message", "then", '{apologize: {message: "Hi {customer_first.name|there}"}}'),
    ("item", "then", '{replace: {item: "For {customer_first.name|you}"}}'),
    ("message", "prevent", '{root_cause: {owner: ops, message: "Ask {customer_first.name|x}"}}'),
]
"""A template of each parameter, in a remedy (`then`) or a prevention (`prevent`) action."""


def test_the_template_cases_cover_every_template_parameter() -> None:
    """A template parameter added to ``TEMPLATE_PARAMS`` gets a case below: render named the
    fields of `message` and `item` by name, lint those of ``TEMPLATE_PARAMS``."""
    assert {key for key, _, _ in TEMPLATE_CASES} == set(TEMPLATE_PARAMS)


@pytest.mark.parametrize(("key", "part", "action"), TEMPLATE_CASES)
def test_a_field_any_template_inserts_counts_among_the_fields_that_read_alike(
    plan_from: Any, key: str, part: str, action: str
) -> None:
    """`customer.first_name` tested, `customer_first.name` inserted by a template of any
    parameter (`message`, `item`), of a remedy or a prevention: both read "customer first
    name", so the test names its field as written."""
    actions = {"then": "{escalate: {to: a}}", "prevent": "{note: {message: b}}"}
    actions[part] += f", {action}"
    plan = plan_from(
        f"""\
        rules:
          - id: r
            title: R
            when: {{all: [{{field: customer.first_name, eq: x}}]}}
            then: [{actions["then"]}]
            prevent: [{actions["prevent"]}]
        """
    )
    [row] = plan_table(plan.model).rows
    assert row.trigger[1:] == ((1, "customer.first_name is x"),)


def test_render_places_nothing_in_the_plan_s_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """The table names the fields a plan reads; it never says where they are: a place in a
    fast-read file is found by reading the file again, a cost render has no use for (the walk
    of the fields a plan reads, shared with lint, placed each template and `of` as it went)."""
    model = read_plan(REPO / "rules")
    found: list[str] = []
    monkeypatch.setattr(LazyLocation, "_locate", lambda self: found.append(self.pointer))
    render(model, "md")
    assert found == []


def test_a_named_list_of_conditions_is_named_then_listed_under_its_name(plan_from: Any) -> None:
    """A named `all:` is opened under its name, one line a condition, as the rule's own
    list is; in HTML, its items are a list inside the rule's."""
    plan = plan_from(
        """
        conditions:
          unhappy: {all: [{field: rating, lte: 2}, {field: public, eq: true}]}
        rules:
          - {id: r, title: R, when: {event: review, all: [{use: unhappy}]}, then: [{apologize: {}}]}
        """
    )
    assert plan_table(plan.model).rows[0].trigger == (
        (0, "A review where:"),
        (1, "unhappy, that is:"),
        (2, "rating is 2 or less"),
        (2, "public is true"),
    )
    assert (
        '<p class="when">A review where:</p><ul class="cond"><li>unhappy, that is:'
        '<ul class="cond"><li>rating is 2 or less</li><li>public is true</li></ul></li></ul>'
    ) in render_html(plan.model)


def test_a_replacement_without_its_item_names_no_item(plan_from: Any) -> None:
    """`replace:` with its shipping only: the product is replaced, with no item in
    parentheses, as a decision's checklist says it."""
    assert _remedies(plan_from, "order", "{replace: {}}, {replace: {shipping: express}}") == [
        "Replace the product free of charge",
        "Replace the product free of charge, express shipping",
    ]


def _remedies(plan_from: Any, event: str, then: str) -> list[str]:
    """The words of each action of a one-rule plan for ``event`` events doing ``then``."""
    plan = plan_from(f"rules:\n  - {{id: r, title: R, when: {{event: {event}}}, then: [{then}]}}\n")
    [row] = plan_table(plan.model).rows
    return [words for words, _ in row.remedy]


def test_amounts_of_a_thousand_or_more_are_grouped_as_people_write_them(plan_from: Any) -> None:
    """An amount read "1000000.00 EUR" beside "within 1,440 minutes": its zeros had to be
    counted, and a cap of 2500000.00 read as 250000.00 at a glance (found by review). Amounts are
    grouped by thousands, as every count in a message is (``engine.errors.counted``)."""
    plan = plan_from(
        """\
        backplan: 1
        plan: {name: T, currency: EUR, compensation: {per_event_max: 2500000, approval_above: 1200.5}}
        rules:
          - id: r
            title: R
            when: {event: review}
            then:
              - compensate: {kind: refund, amount: 1000000}
              - compensate: {kind: voucher, percent: 10, of: order.total, min: 999.99, max: 2500}
        """
    )
    table = plan_table(plan.model)
    assert "Never more than 2,500,000.00 EUR per complaint." in table.policy
    assert "A manager approves any compensation above 1,200.50 EUR." in table.policy
    [row] = table.rows
    assert [words for words, _ in row.remedy] == [
        "Offer a refund of 1,000,000.00 EUR (a manager approves it)",
        "Offer a voucher of 10% of order total (at least 999.99 EUR, at most 2,500.00 EUR;"
        " a manager approves it above 1,200.50 EUR)",
    ]
    assert "1,000,000.00 EUR" in render_markdown(plan.model)
    assert "1,000,000.00 EUR" in render_html(plan.model)


def test_amounts_in_yen_are_grouped_without_decimals(plan_from: Any) -> None:
    """Yen have no minor unit: 5000 JPY is "5,000 JPY", never "5,000.00"."""
    plan = plan_from(
        """\
        backplan: 1
        plan: {name: T, currency: JPY, compensation: {per_event_max: 5000}}
        rules:
          - {id: r, title: R, when: {event: review}, then: [{compensate: {kind: coupon, amount: 1500}}]}
        """
    )
    table = plan_table(plan.model)
    assert "Never more than 5,000 JPY per complaint." in table.policy
    assert table.rows[0].remedy[0][0] == "Offer a coupon of 1,500 JPY"


def test_an_item_of_the_order_s_list_is_counted_from_one_as_staff_count(plan_from: Any) -> None:
    """`order.items.0.name` read "order items 0 name": the plan counts a list's items from 0,
    staff from 1, and "0" read as no item at all (found by review, on the rule-language
    guide's own `replace` example). An item of a list the event schema knows is said by its
    place as staff count it; a number below another field may be a name (`scores.2024`), and
    stays as written."""
    plan = plan_from(
        """\
        rules:
          - id: r
            title: R
            when:
              event: order
              all: [{field: order.items.1.sku, eq: A1}, {field: scores.2024, gt: 3}]
            then:
              - replace: {item: "{order.items.0.name|the product}", shipping: express}
        """
    )
    [row] = plan_table(plan.model).rows
    assert row.trigger[1:] == ((1, "order items #2 sku is A1"), (1, "scores 2024 is more than 3"))
    assert row.remedy[0][0] == (
        'Replace the product free of charge, express shipping ([order items #1 name, or "the '
        'product"])'
    )


def test_a_name_below_the_order_s_list_where_an_item_s_number_goes_stays_as_written(
    plan_from: Any,
) -> None:
    # `order.items.sku.0` (the item's number written after its field) has a name where the
    # list's item number goes: only a number there is an item counted from 1, the name is
    # printed as written, not read as a number (found by mutation testing).
    when = "{event: order, all: [{field: order.items.sku.0, eq: A1}]}"
    plan = plan_from(f"rules:\n  - {{id: r, title: R, when: {when}, then: [apologize: {{}}]}}\n")
    [row] = plan_table(plan.model).rows
    assert row.trigger[1:] == ((1, "order items sku 0 is A1"),)


def test_a_fixed_offer_above_the_plan_s_limit_shows_the_amount_given(plan_from: Any) -> None:
    """A row read "Offer a refund of 500.00 USD" under "Never more than 150.00 USD per
    complaint": deciding gives 150.00, and staff working down the checklist offered the 500
    (found by review). The row says the amount given, and what the rule asks beside it."""
    plan = plan_from(
        """\
        backplan: 1
        plan: {name: T, currency: USD, compensation: {per_event_max: 150}}
        rules:
          - id: r
            title: R
            when: {event: review}
            then:
              - compensate: {kind: refund, amount: 500, within: 1d}
              - compensate: {kind: voucher, amount: 150}
              - compensate: {kind: coupon, amount: 20}
        """
    )
    [row] = plan_table(plan.model).rows
    assert [words for words, _ in row.remedy] == [
        "Offer a refund of 150.00 USD (the plan's limit per complaint; the rule says 500.00 USD),"
        " within 1 day",
        "Offer a voucher of 150.00 USD",
        "Offer a coupon of 20.00 USD",
    ]
    decision = plan.evaluate({"id": 1, "type": "review"}).to_document()
    assert decision["compensation"]["total"] == "150.00"


@pytest.mark.parametrize(("cap", "given"), [("1", "1.00"), ("0.5", "0.50"), ("0.005", "0.01")])
def test_a_limit_of_one_unit_or_less_still_shows_the_amount_given(
    plan_from: Any, cap: str, given: str
) -> None:
    # A limit of 1.00 USD or less (not nothing) is what deciding pays: the row said the rule's
    # 5.00 USD, which staff would have offered (found by mutation testing).
    plan = plan_from(
        f"backplan: 1\nplan: {{name: T, currency: USD, compensation: {{per_event_max: {cap}}}}}\n"
        "rules:\n  - id: r\n    title: R\n    when: {event: review}\n"
        "    then:\n      - compensate: {kind: refund, amount: 5}\n"
    )
    [row] = plan_table(plan.model).rows
    assert [words for words, _ in row.remedy] == [
        f"Offer a refund of {given} USD (the plan's limit per complaint; the rule says 5.00 USD)"
    ]
    decision = plan.evaluate({"id": 1, "type": "review"}).to_document()
    assert decision["compensation"]["total"] == given


@pytest.mark.parametrize("cap", ["0", "0.004"])
def test_a_limit_of_nothing_leaves_the_offer_as_the_rule_says(plan_from: Any, cap: str) -> None:
    """A limit of nothing (0.004 USD rounds to 0) is said once, in the policy ("make none of
    the offers below"): the row keeps the rule's amount rather than "an offer of 0.00 USD"."""
    plan = plan_from(
        f"backplan: 1\nplan: {{name: T, currency: USD, compensation: {{per_event_max: {cap}}}}}\n"
        "rules:\n  - {id: late, title: Late, when: {event: order},"
        " then: [{compensate: {kind: voucher, amount: 10}}]}\n"
    )
    [row] = plan_table(plan.model).rows
    assert row.remedy == (("Offer a voucher of 10.00 USD", None),)


def test_a_denied_named_test_is_named_by_what_its_line_says(plan_from: Any) -> None:
    """`not: {use: vip}` read "customer tier is anything but gold (vip)": the line named by the
    condition it denies, the opposite of what it says; and `use: not_vip`, that same denial
    named, read "(vip) (not vip)" (found by review)."""
    plan = plan_from(
        """\
        conditions:
          vip: {field: customer.tier, eq: gold}
          not_vip: {not: {use: vip}}
        rules:
          - id: r
            title: R
            when:
              event: review
              all: [{not: {use: vip}}, {use: not_vip}, {use: vip}]
            then: [{apologize: {}}]
        """
    )
    [row] = plan_table(plan.model).rows
    assert row.trigger[1:] == (
        (1, "customer tier is anything but gold (not vip)"),
        (1, "customer tier is anything but gold (not vip)"),
        (1, "customer tier is gold (vip)"),
    )


def test_an_offer_that_needs_approval_says_so_in_its_row(plan_from: Any) -> None:
    """ "Offer a store credit of 60.00 EUR" under `approval_above: 50` read as something staff
    just give: only the policy lines above the table said a manager approves offers above 50
    (found by review). A row says it as the decision would (`needs_approval`): for a fixed
    amount above the threshold, as the plan's limit leaves it; for a percentage when its most
    can be above it; never for an offer that cannot, nor at the threshold itself."""
    plan = plan_from(
        """\
        backplan: 1
        plan: {name: T, currency: EUR, compensation: {combine: sum, approval_above: 50,
          per_event_max: 70}}
        rules:
          - id: r
            title: R
            when: {event: order}
            then:
              - compensate: {kind: store_credit, amount: 60}
              - compensate: {kind: voucher, amount: 50}
              - compensate: {kind: refund, amount: 90}
              - compensate: {kind: refund, amount: 90, max: 40}
              - compensate: {kind: refund, percent: 10, of: order.total}
              - compensate: {kind: refund, percent: 10, of: order.total, min: 5, max: 80}
              - compensate: {kind: refund, percent: 10, of: order.total, max: 50}
        """
    )
    table = plan_table(plan.model)
    [row] = table.rows
    assert [words for words, _ in row.remedy] == [
        "Offer a store credit of 60.00 EUR (a manager approves it)",
        "Offer a voucher of 50.00 EUR",
        "Offer a refund of 70.00 EUR (the plan's limit per complaint; the rule says 90.00 EUR;"
        " a manager approves it)",
        "Offer a refund of 40.00 EUR",
        "Offer a refund of 10% of order total (a manager approves it above 50.00 EUR)",
        "Offer a refund of 10% of order total (at least 5.00 EUR, at most 80.00 EUR; a manager"
        " approves it above 50.00 EUR)",
        "Offer a refund of 10% of order total (at most 50.00 EUR)",
    ]
    markdown, page = render_markdown(plan.model), render_html(plan.model)
    assert "Offer a store credit of 60.00 EUR (a manager approves it)" in markdown
    assert "Offer a store credit of 60.00 EUR (a manager approves it)" in html.unescape(page)
    decided = plan.evaluate({"id": 1, "type": "order"}).to_document()["actions"]
    assert decided[0]["params"]["needs_approval"] is True  # as the row says
    capped = plan_from(  # a limit at or under the threshold: nothing is ever above it
        "backplan: 1\nplan: {name: T, currency: EUR, compensation: {approval_above: 50,"
        " per_event_max: 50}}\n"
        "rules:\n  - {id: r, title: R, when: {event: order}, then: ["
        "{compensate: {kind: refund, percent: 10, of: order.total}}]}\n"
    )
    [row] = plan_table(capped.model).rows
    assert [words for words, _ in row.remedy] == ["Offer a refund of 10% of order total"]
    assert _remedies(plan_from, "order", "{compensate: {kind: refund, amount: 900}}") == [
        "Offer a refund of 900.00 USD"  # no threshold: nothing to approve
    ]


# --- Named conditions listed apart, tags and the index by tag ------------------------------------

STORES = ", ".join(f"S{n:02}" for n in range(1, 14))  # 13 stores: more than LONG_LIST


def _named_plan(plan_from: Any, conditions: str, *whens: str, extra: str = "") -> Any:
    """A plan of the named ``conditions`` and one rule for each of ``whens`` (its ``all:``)."""
    rules = "".join(
        f"  - {{id: r{n}, title: R{n}, when: {{event: complaint, all: [{when}]}},"
        " then: [{apologize: {}}]}\n"
        for n, when in enumerate(whens, 1)
    )
    return plan_from(f"conditions:\n{conditions}rules:\n{rules}{extra}").model


def test_a_long_named_condition_several_rows_use_is_named_in_each_and_listed_once(
    plan_from: Any,
) -> None:
    """A plan's 50 store ids, named `north_stores`, were written out in each of the 80 rows
    that used them (370 KB of Markdown). Each row now names it, linked to its words, which
    the Named conditions section lists once."""
    plan = _named_plan(
        plan_from,
        f"  north_stores: {{field: store, in: [{STORES}]}}\n",
        "{use: north_stores}",
        "{use: north_stores}, {field: rating, lte: 2}",
    )
    table = plan_table(plan)
    assert [row.trigger[1] for row in table.rows] == [
        (1, "north stores (see Named conditions)"),
        (1, "north stores (see Named conditions)"),
    ]
    [named] = table.named
    assert (named.name, named.rules) == ("north_stores", 2)
    assert named.lines == ((1, f"store is one of {STORES.replace(', S13', ' or S13')}"),)
    markdown, page = render_markdown(plan), render_html(plan)
    for text in (markdown, page):
        assert text.count("S07") == 1
    assert "• [north stores (see Named conditions)](#condition-north_stores)<br>" in markdown
    assert "\n## Named conditions\n" in markdown
    assert '\n### <a id="condition-north_stores"></a>north stores\n\nUsed in 2 rules.\n' in markdown
    assert markdown.index("## Named conditions") > markdown.index("| 2 |")  # after the table
    assert (
        '<li><a href="#condition-north_stores">north stores (see Named conditions)</a></li>'
    ) in page
    assert '<h3 id="condition-north_stores">north stores</h3>' in page


@pytest.mark.parametrize(
    ("condition", "uses"),
    [
        ("{field: store, in: [S01, S02, S03, S04, S05, S06, S07, S08, S09, S10, S11, S12]}", 2),
        (f"{{field: store, in: [{STORES}]}}", 1),  # long, but one row only uses it
    ],
)
def test_a_short_named_condition_or_one_a_single_row_uses_is_written_in_the_row(
    plan_from: Any, condition: str, uses: int
) -> None:
    """A dozen values read at a glance in the row (the starter plan's ten public channels do),
    and a condition only one row uses costs nothing to write out: each stays in its row."""
    plan = _named_plan(plan_from, f"  stores: {condition}\n", *["{use: stores}"] * uses)
    table = plan_table(plan)
    assert table.named == ()
    assert table.rows[0].trigger[1][1].startswith("store is one of S01, S02")
    assert table.rows[0].trigger[1][1].endswith("(stores)")
    assert "Named conditions" not in render_markdown(plan) + render_html(plan)


def test_a_named_condition_of_long_words_is_listed_apart(plan_from: Any) -> None:
    """Long words without a long list (a few long patterns) are listed apart as well."""
    pattern = "(?i)" + "|".join(f"words number {n} that staff read" for n in range(8))
    plan = _named_plan(
        plan_from, f"  talk: {{field: text, matches: '{pattern}'}}\n", "{use: talk}", "{use: talk}"
    )
    assert [named.name for named in plan_table(plan).named] == ["talk"]


def test_a_named_condition_listed_apart_reads_right_inside_not(plan_from: Any) -> None:
    plan = _named_plan(
        plan_from,
        f"  north_stores: {{field: store, in: [{STORES}]}}\n  also_north: {{use: north_stores}}\n",
        "{not: {use: north_stores}}",
        "{use: north_stores}",
        "{not: {use: also_north}}",
    )
    table = plan_table(plan)
    assert [row.trigger[1] for row in table.rows] == [
        (1, "not north stores (see Named conditions)"),
        (1, "north stores (see Named conditions)"),
        (1, "not also north, that is north stores (see Named conditions)"),  # a name for it
    ]
    page = render_html(plan)
    assert '<a href="#condition-north_stores">not north stores (see Named conditions)</a>' in page
    assert '<a href="#condition-north_stores">not also north, that is north stores' in page
    assert [named.name for named in table.named] == ["north_stores"]


def test_a_named_condition_inside_another_reads_right(plan_from: Any) -> None:
    """Inside a named condition a row writes out (one row uses it), the long one is named
    and linked; inside one listed apart too, and each is listed once."""
    plan = _named_plan(
        plan_from,
        f"  north_stores: {{field: store, in: [{STORES}]}}\n"
        "  north_unhappy: {all: [{use: north_stores}, {field: rating, lte: 2}]}\n"
        "  north_any: {any: [{use: north_stores}, {field: region, eq: north}]}\n",
        "{use: north_unhappy}",
        "{use: north_any}",
        "{use: north_any}",
    )
    table = plan_table(plan)
    assert table.rows[0].trigger[1:] == (
        (1, "north unhappy, that is:"),
        (2, "north stores (see Named conditions)"),
        (2, "rating is 2 or less"),
    )
    assert table.rows[1].trigger[1] == (1, "north any (see Named conditions)")
    assert [(n.name, n.rules) for n in table.named] == [("north_any", 2), ("north_stores", 3)]
    assert table.named[0].lines == (
        (1, "any of these:"),
        (2, "north stores (see Named conditions)"),
        (2, "region is north"),
    )
    markdown = render_markdown(plan)
    assert "  - [north stores (see Named conditions)](#condition-north_stores)\n" in markdown
    assert markdown.count("S07") == 1
    page = render_html(plan)
    assert page.count("S07") == 1
    assert '<a href="#condition-north_stores">' in page.split('id="condition-north_any"')[1]


def _tagged_plan(plan_from: Any, rules: int, tags: str = "[north, broadband]") -> Any:
    body = "".join(
        f"  - {{id: r{n}, title: R{n}, tags: {tags if n % 2 else '[south]'},"
        f" when: {{event: complaint, all: [{{field: rating, lte: {n}}}]}},"
        " then: [{apologize: {}}]}\n"
        for n in range(1, rules + 1)
    )
    return plan_from(f"rules:\n{body}").model


def test_a_rule_s_tags_are_shown_after_its_id_escaped(plan_from: Any) -> None:
    """Rule tags were not shown at all: staff could not find a region's or a product's rules.
    A tag is the plan's text, and markup in it is shown as written."""
    tags = '["a|b", "<i>x</i>", "*y*", "`z`", "[l](u)"]'
    plan = _tagged_plan(plan_from, 1, tags)
    markdown = render_markdown(plan)
    [row] = [line for line in markdown.splitlines() if line.startswith("| 1 |")]
    assert len(re.findall(r"(?<!\\)\|", row)) == 6, row
    assert (
        "`r1`<br><small>Tags: a\\|b, &lt;i&gt;x&lt;/i&gt;, \\*y\\*, \\`z\\`, \\[l\\](u)</small> |"
    ) in row
    page = render_html(plan)
    assert (
        '<div class="id">r1</div><div class="tags">Tags: <bdi>a|b</bdi>, '
        "<bdi>&lt;i&gt;x&lt;/i&gt;</bdi>, <bdi>*y*</bdi>, <bdi>`z`</bdi>, <bdi>[l](u)</bdi></div>"
    ) in page
    assert "<i>" not in page


def test_a_disabled_rule_s_tags_are_shown_too(plan_from: Any) -> None:
    plan = plan_from(
        "rules:\n  - {id: r, title: R, tags: [north, old], enabled: false,"
        " when: {event: review}, then: [{apologize: {}}]}\n"
    ).model
    assert "- **R** (`r`) <small>Tags: north, old</small>" in render_markdown(plan)
    assert '<li><bdi>R</bdi> (r)<div class="tags">Tags: <bdi>north</bdi>' in render_html(plan)


def test_more_than_30_rules_are_indexed_by_tag(plan_from: Any) -> None:
    """A table of 400 rows had no way to find the north region's rules but to read them all:
    above 30 rows, an index after the header lists each tag's rows, linked in HTML."""
    plan = _tagged_plan(plan_from, 31)
    markdown = render_markdown(plan)
    index = markdown.split("## Rules by tag\n\n")[1].split("\n\n")[0]
    odd = ", ".join(str(n) for n in range(1, 32, 2))
    assert index.splitlines() == [
        f"- **broadband**: rules {odd}",
        f"- **north**: rules {odd}",
        f"- **south**: rules {', '.join(str(n) for n in range(2, 31, 2))}",
    ]
    assert markdown.index("## Rules by tag") < markdown.index("| # | Rule |")
    page = render_html(plan)
    assert (
        '<li><b><bdi>north</bdi></b>: rules <a href="#rule-1">1</a>, <a href="#rule-3">3</a>'
        in page
    )
    assert page.index("<h2>Rules by tag</h2>") < page.index("<table>")
    assert '<tr id="rule-31">' in page


def test_the_index_says_runs_of_rows_as_runs(plan_from: Any) -> None:
    plan = plan_from(
        "rules:\n"
        + "".join(
            f"  - {{id: r{n}, title: R{n}, priority: {100 - n}, tags: [{'x' if n in (1, 2, 3, 5, 6, 9) else 'y'}],"
            " when: {event: review}, then: [{apologize: {}}]}\n"
            for n in range(1, 32)
        )
    ).model
    assert "- **x**: rules 1–3, 5, 6, 9\n" in render_markdown(plan)
    assert (
        'rules <a href="#rule-1">1</a>–<a href="#rule-3">3</a>, <a href="#rule-5">5</a>, '
        '<a href="#rule-6">6</a>, <a href="#rule-9">9</a></li>'
    ) in render_html(plan)


def test_30_rules_or_fewer_have_no_index(plan_from: Any) -> None:
    """Thirty rows are scanned whole: no index, and no ids on the rows (the starter plan's
    page stays as it was)."""
    plan = _tagged_plan(plan_from, 30)
    assert "Rules by tag" not in render_markdown(plan) + render_html(plan)
    assert 'id="rule-' not in render_html(plan)


def test_every_link_of_the_page_is_to_a_place_in_it() -> None:
    """The page stays self-contained: its links are to its own rows and conditions, each
    of which is there, once."""
    page = render_html(read_plan(AUTHORING / "tagged.yaml"))
    targets = re.findall(r'href="([^"]*)"', page)
    assert targets and all(t.startswith("#") for t in targets)
    for target in set(targets):
        assert page.count(f'id="{target[1:]}"') == 1, target
    assert render_html(read_plan(AUTHORING / "tagged.yaml")) == page  # the same bytes


def test_the_index_shows_a_tag_written_with_blanks_around_it_in_bold(plan_from: Any) -> None:
    """``** north**`` is no bold in Markdown: a tag's blanks around it are left out there."""
    plan = _tagged_plan(plan_from, 31, tags='[" north "]')
    assert "\n- **north**: rules 1, 3, 5," in render_markdown(plan)


def test_the_index_has_one_entry_for_a_tag_written_with_and_without_blanks(plan_from: Any) -> None:
    """``" north "`` and ``north`` had been two entries that both read "north", the first at
    the top of the index (a blank sorts first), and a row with both was listed in it twice:
    a tag is indexed as it is shown, without its blanks."""
    tags = {n: '[able, " north "]' if n % 2 else "[north]" for n in range(1, 32)}
    tags[30] = '[north, " north "]'
    plan = plan_from(
        "rules:\n"
        + "".join(
            f"  - {{id: r{n}, title: R{n}, priority: {100 - n}, tags: {tags[n]},"
            " when: {event: review}, then: [{apologize: {}}]}\n"
            for n in range(1, 32)
        )
    ).model
    markdown = render_markdown(plan)
    index = markdown.split("## Rules by tag\n\n")[1].split("\n\n")[0]
    odd = ", ".join(str(n) for n in range(1, 32, 2))
    assert index.splitlines() == [f"- **able**: rules {odd}", "- **north**: rules 1–31"]
    assert render_html(plan).count("<b><bdi>north</bdi></b>") == 1
