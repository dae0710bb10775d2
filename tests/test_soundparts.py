"""One run of validation reports the schema's errors and the meaning of the sound parts.

A plan with a misspelt key used to report that key alone, and its problems of meaning (two
rules with one id, a minimum above its maximum, a ``use:`` of no condition...) only on the
next run. These tests hold that both come at once, and that nothing the refused parts could
make untrue is reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.api import read_plan
from engine.checks import CHECKS
from engine.errors import PlanError
from engine.soundparts import refused_part
from tests.conftest import PLAN_HEADER, write_plan

GOOD_RULE = "  - {id: %s, title: T, when: {event: order}, then: [{apologize: {}}]}\n"
MIN_ABOVE_MAX = (
    "  - id: big-gesture\n"
    "    title: Big gesture\n"
    "    when: {event: order}\n"
    "    then: [{compensate: {kind: voucher, amount: 10, min: 20, max: 15}}]\n"
)
TYPO_RULE = "  - {id: typo, title: T, prority: 1, when: {event: order}, then: [{apologize: {}}]}\n"


def codes(folder_or_file: Path) -> list[str]:
    """The codes of every error one read of the plan reports, in file order."""
    with pytest.raises(PlanError) as caught:
        read_plan(folder_or_file)
    return [d.code for d in caught.value.diagnostics]


@pytest.mark.parametrize(
    ("pointer", "part"),
    [
        ("", ""),
        ("/plan", "/plan"),
        ("/plan/currency", "/plan"),
        ("/plan/compensation/cap", "/plan"),
        ("/rules", "/rules"),
        ("/rules/3", "/rules/3"),
        ("/rules/3/when/all/0/feild", "/rules/3"),
        ("/conditions", "/conditions"),
        ("/conditions/vip", "/conditions/vip"),
        ("/conditions/a~1b/any/0", "/conditions/a~1b"),
        ("/rulez", None),
        ("/backplan", None),
    ],
)
def test_the_part_a_problem_refuses(pointer: str, part: str | None) -> None:
    assert refused_part(pointer) == part


def test_meaning_of_the_other_rules_is_reported_with_the_typo(tmp_path: Path) -> None:
    body = "rules:\n" + TYPO_RULE + MIN_ABOVE_MAX + GOOD_RULE % "twice" + GOOD_RULE % "twice"
    assert codes(write_plan(tmp_path, body)) == [
        "unknown-key",
        "min-above-max",
        "duplicate-rule-id",
    ]


def test_the_sound_parts_of_a_refused_rule_are_checked(tmp_path: Path) -> None:
    # The unknown key is left out of the rule, and the rest of it is checked in the same run.
    refused = MIN_ABOVE_MAX.replace(
        "    title: Big gesture\n", "    title: Big gesture\n    x: 1\n"
    )
    assert codes(write_plan(tmp_path, "rules:\n" + refused)) == ["unknown-key", "min-above-max"]


ONE_MISTAKE = {  # id: (what is written, what it becomes), the code the schema refuses it with
    "title": (("title: Big gesture", "titel: Big gesture"), "unknown-key"),
    "event-type": (("event: order", "event: ordr"), "unknown-event-type"),
    "operator": (
        ("event: order}", "event: order, all: [{field: x, lt: 1, bogus: 2}]}"),
        "unknown-operator",
    ),
    "operator-value": (
        ("event: order}", "event: order, any: [{field: x, between: 1}]}"),
        "wrong-type",
    ),
    "inside-not": (("event: order}", "event: order, not: {fild: x, eq: 1}}"), "unknown-operator"),
    "use": (("event: order}", "event: order, use: Vip}"), "bad-name"),
    "action": (("then: [", "then: [{apologise: {}}, "), "unknown-action"),
    "prevent": (("then: [", "prevent: 3\n    then: ["), "wrong-type"),
    "priority": (("title: Big gesture", "title: Big gesture\n    priority: high"), "wrong-type"),
}


@pytest.mark.parametrize(("mistake", "expected"), ONE_MISTAKE.values(), ids=ONE_MISTAKE.keys())
def test_a_rule_with_one_mistake_has_the_rest_checked(
    tmp_path: Path, mistake: tuple[str, str], expected: str
) -> None:
    rule = MIN_ABOVE_MAX.replace(*mistake)
    assert rule != MIN_ABOVE_MAX
    found = codes(write_plan(tmp_path, "rules:\n" + rule))
    assert expected in found
    assert found[-1] == "min-above-max"


@pytest.mark.parametrize(
    "mistake",
    [
        pytest.param(("id: big-gesture", "id: Big Gesture"), id="id"),
        pytest.param(("  - id: big-gesture\n", "  - ident: big-gesture\n"), id="no-id"),
        pytest.param(("max: 15}", "max: 15, cap: 1}"), id="in-the-action"),
    ],
)
def test_what_a_refused_part_holds_waits_for_the_next_run(
    tmp_path: Path, mistake: tuple[str, str]
) -> None:
    # Without its id the rule cannot be named (nor told from another with that id), so it is
    # set aside whole; a mistake in the compensation itself sets that action aside, bounds and
    # all. Their meaning waits for the next run.
    rule = MIN_ABOVE_MAX.replace(*mistake)
    assert rule != MIN_ABOVE_MAX
    assert "min-above-max" not in codes(write_plan(tmp_path, "rules:\n" + rule))


def test_the_stand_ins_are_never_reported(tmp_path: Path) -> None:
    # Two rules mended with stand-ins (an event type, an action, a condition) and one with a
    # refused title: nothing is found in what stands in for them.
    rule = GOOD_RULE.replace("event: order", "event: ordr, all: [{field: x, lt: []}]")
    body = "rules:\n" + rule % "a" + rule % "b" + GOOD_RULE.replace("title: T", "title: 3") % "c"
    assert codes(write_plan(tmp_path, body)) == [
        "unknown-event-type",
        "wrong-type",
        "unknown-event-type",
        "wrong-type",
        "wrong-type",
    ]


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        pytest.param(  # an unknown key in one test of the list: the other test is checked
            "{any: [{field: text, matches: '(', bogus: 1}, {field: text, matches: '['}]}",
            ["bad-regex", "unknown-operator", "bad-regex"],  # in file order
            id="inside-a-list",
        ),
        pytest.param(  # an operator's value of the wrong kind: that test stands in
            "{all: [{field: rating, between: 5}, {field: rating, between: [5, 1]}]}",
            ["wrong-type", "bad-between"],
            id="wrong-kind",
        ),
        pytest.param(  # two problems in one key: left out at the first, the second asks none
            "{field: tags, in: [[1], [2]]}",
            ["wrong-type", "wrong-type"],
            id="two-in-one-key",
        ),
        pytest.param(  # refused as a whole (two operators): set aside whole, `(` and all
            "{field: rating, lte: 2, gte: 1, any: [{field: text, matches: '('}]}",
            ["two-operators"],
            id="whole",
        ),
        pytest.param(  # two operators: neither is checked as if it were meant
            "{field: text, contains: sorry, lte: 2, ignore_case: true}",
            ["two-operators"],
            id="two-operators",
        ),
        pytest.param(  # ... nor inside a list, where the test stands in and the rest is checked
            "{any: [{field: text, contains: a, lte: 2, ignore_case: true}, "
            "{field: text, matches: '('}]}",
            ["two-operators", "bad-regex"],
            id="two-operators-in-a-list",
        ),
    ],
)
def test_a_named_condition_with_a_mistake_has_the_rest_checked(
    tmp_path: Path, condition: str, expected: list[str]
) -> None:
    body = f"conditions:\n  angry: {condition}\nrules:\n" + GOOD_RULE % "a"
    assert codes(write_plan(tmp_path, body)) == expected


def test_no_empty_plan_when_its_rules_were_refused(tmp_path: Path) -> None:
    assert codes(write_plan(tmp_path, "rules:\n" + TYPO_RULE)) == ["unknown-key"]


def test_no_empty_plan_when_the_rules_key_is_misspelt(tmp_path: Path) -> None:
    assert codes(write_plan(tmp_path, "rulez:\n" + GOOD_RULE % "a")) == ["unknown-key"]


def test_a_refused_condition_leaves_unknown_conditions_unsure(tmp_path: Path) -> None:
    # The line naming `negative` was deleted: its body ran into `vip`, which is refused. The
    # use of `negative` is not unknown once the line is back, so no use is called unknown while
    # a condition is set aside (`vipp` waits for the next run).
    body = (
        "conditions:\n"
        "  vip:\n    field: customer.tier\n    eq: gold\n"
        "    any: [{field: rating, lte: 2}]\n"
        "rules:\n"
        "  - {id: a, title: T, when: {use: negative}, then: [{apologize: {}}]}\n"
        "  - {id: b, title: T, when: {use: vipp}, then: [{apologize: {}}]}\n" + MIN_ABOVE_MAX
    )
    found = codes(write_plan(tmp_path, body))
    assert "unknown-condition" not in found
    assert found[-1] == "min-above-max"  # the rest is still checked


def test_a_refused_plan_section_still_checks_the_rules(tmp_path: Path) -> None:
    header = "backplan: 1\nplan: {name: Acme, currency: usd}\n"
    path = write_plan(tmp_path, "rules:\n" + MIN_ABOVE_MAX, header=header)
    assert codes(path) == ["bad-format", "min-above-max"]


def test_a_file_not_read_leaves_plan_wide_findings_unsure(tmp_path: Path) -> None:
    # The broken file holds the plan section and the condition the other file uses: neither
    # "missing plan section" nor "unknown condition" would be true, so neither is reported.
    write_plan(tmp_path, "conditions:\n  vip: {field: tier, eq: gold\n", name="00-plan.yaml")
    write_plan(
        tmp_path,
        "rules:\n"
        + MIN_ABOVE_MAX
        + "  - {id: v, title: T, when: {use: vip}, then: [{apologize: {}}]}\n",
        header="backplan: 1\n",
        name="10-rules.yaml",
    )
    with pytest.raises(PlanError) as caught:
        read_plan(tmp_path)
    found = [(Path(d.source.path).name, d.code) for d in caught.value.diagnostics]
    assert ("10-rules.yaml", "min-above-max") in found
    assert [f for f in found if f[0] == "10-rules.yaml"] == [("10-rules.yaml", "min-above-max")]
    assert all(f[0] == "00-plan.yaml" for f in found if f[1] != "min-above-max")


def test_a_file_that_is_not_a_mapping_gives_its_error_alone(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("- one\n- two\n", encoding="utf-8")
    assert len(codes(path)) == 1


def test_problems_found_building_and_checking_come_together(tmp_path: Path) -> None:
    # Schema-valid, with a deadline refused while building and a duplicate id found by a check.
    body = (
        "rules:\n"
        "  - {id: a, title: T, when: {event: order}, then: [{apologize: {within: 400d}}]}\n"
        + GOOD_RULE
        % "a"
    )
    assert codes(write_plan(tmp_path, body)) == ["bad-duration", "duplicate-rule-id"]


def test_a_sound_plan_still_loads(tmp_path: Path) -> None:
    model = read_plan(write_plan(tmp_path, "rules:\n" + GOOD_RULE % "a"))
    assert [rule.id for rule in model.rules] == ["a"]


NEGATIVE = "  negative: {field: rating, lte: 2}\n"
USES_BOTH = (
    "  - {id: r, title: T, when: {all: [{use: vip}, {use: negative}]}, then: [{apologize: {}}]}\n"
)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(  # a condition indented into the one before it
            "conditions:\n  vip:\n    field: customer.tier\n    eq: gold\n    negative:\n"
            "      field: rating\n      lte: 2\nrules:\n" + USES_BOTH,
            ["unknown-operator"],
            id="condition-inside-condition",
        ),
        pytest.param(  # one condition indented into a rule: its use is not unknown
            "rules:\n  - id: a\n    title: T\n    when: {event: order}\n    then: [{apologize: {}}]\n"
            "    vip: {field: customer.tier, eq: gold}\n"
            "  - id: r\n    title: T\n    when:\n      event: order\n      use: vip\n"
            "    then: [{apologize: {}}]\n",
            ["unknown-key"],
            id="condition-inside-a-rule",
        ),
        pytest.param(  # all conditions inside a rule: the other rules' uses are not unknown
            "rules:\n  - id: a\n    title: T\n    when: {event: order}\n    then: [{apologize: {}}]\n"
            "    conditions:\n      vip: {field: customer.tier, eq: gold}\n"
            + NEGATIVE.replace("  ", "      ", 1)
            + USES_BOTH,
            ["unknown-key"],
            id="conditions-inside-a-rule",
        ),
        pytest.param(  # conditions: given as a list: all conditions set aside
            "conditions:\n  - vip\nrules:\n" + USES_BOTH,
            ["wrong-type"],
            id="conditions-not-a-mapping",
        ),
        pytest.param(  # a name refused as a name is not suggested, nor is its use unknown
            "conditions:\n  Vip: {field: customer.tier, eq: gold}\nrules:\n"
            "  - {id: r, title: T, when: {use: vip}, then: [{apologize: {}}]}\n",
            ["bad-name"],
            id="condition-name-refused",
        ),
    ],
)
def test_nothing_untrue_after_an_indentation_slip(
    tmp_path: Path, body: str, expected: list[str]
) -> None:
    assert codes(write_plan(tmp_path, body)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(  # the rules indented into the plan section: the plan is not empty
            "backplan: 1\nplan:\n  name: Acme\n  currency: USD\n  rules:\n" + GOOD_RULE % "a",
            ["unknown-key"],
            id="rules-inside-plan",
        ),
        pytest.param(  # the plan section indented into the conditions: it is not missing
            "backplan: 1\nconditions:\n  vip: {field: customer.tier, eq: gold}\n"
            "  plan: {name: Acme, currency: USD}\nrules:\n" + GOOD_RULE % "a",
            ["unknown-operator", "unknown-operator"],
            id="plan-inside-conditions",
        ),
        pytest.param(  # no version: the rest is still checked
            "rules:\n" + GOOD_RULE % "a" + GOOD_RULE % "a" + "plan: {name: Acme, currency: USD}\n",
            ["missing-key", "duplicate-rule-id"],
            id="no-version",
        ),
    ],
)
def test_whole_files_with_a_slip(tmp_path: Path, text: str, expected: list[str]) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    assert codes(path) == expected


def test_findings_at_a_plan_section_set_aside_are_placed_at_it(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("backplan: 1\n#\n#\nplan: {name: Acme, currency: usd}\nrules: []\n")
    with pytest.raises(PlanError) as caught:
        read_plan(path)
    found = {d.code: d.source.line for d in caught.value.diagnostics}
    assert found == {"no-rules": 4, "bad-format": 4}


def test_an_unknown_top_level_key_leaves_the_rest_checked(tmp_path: Path) -> None:
    body = "notes: for the team\nrules:\n" + MIN_ABOVE_MAX + GOOD_RULE % "a"
    assert codes(write_plan(tmp_path, body)) == ["unknown-key", "min-above-max"]


MEANING_CODES = {check.code for check in CHECKS} | {
    "bad-duration",
    "bad-template",
    "duplicate-condition",
    "duplicate-plan-section",
    "missing-plan-section",
}
"""The findings of meaning: the plan's checks and what building the model finds."""


@st.composite
def drafts(draw: st.DrawFn) -> tuple[str, str]:
    """A plan with mistakes of meaning, misspelt keys and perhaps a line indented too far,
    and the same plan mended (keys the same length, so every position stays where it was)."""
    lines = ["conditions:", "  vip: {field: customer.tier, eq: gold}"]
    angry = draw(
        st.sampled_from(
            [
                None,
                "  angry: {feild: sentiment, eq: angry}",  # refused: set aside whole
                "  angry: {any: [{field: text, matches: '(', ignroe_case: true}]}",  # mended
                "  angry: {any: [{field: text, matches: 'a', ignroe_case: true}]}",
            ]
        )
    )
    if angry is not None:
        lines.append(angry)
    lines.append("rules:")
    for index in range(draw(st.integers(1, 6))):
        rule_id = draw(st.sampled_from(["a", "b", f"r{index}"]))
        title = draw(st.sampled_from(["title", "titel"]))
        event = draw(st.sampled_from(["order", "ordre"]))  # an event type misspelt
        apologize = draw(st.sampled_from(["apologize", "apologyze"]))  # an action misspelt
        use = draw(st.sampled_from(["vip", "vipp", "angry"]))
        within = draw(st.sampled_from(["1d", "400d"]))
        low, high = draw(st.sampled_from([(5, 10), (20, 15)]))
        message = draw(st.sampled_from(["Sorry {customer.first_name|there}", "Sorry {oops"]))
        lines += [
            f"  - id: {rule_id}",
            f"    {title}: Rule {index}",
            f"    when: {{event: {event}, use: {use}}}",
            "    then:",
            f"      - {apologize}: {{within: {within}, message: '{message}'}}",
            f"      - compensate: {{kind: voucher, amount: 10, min: {low}, max: {high}}}",
        ]
    fixed = "\n".join(lines) + "\n"
    if draw(st.booleans()):  # one line indented two spaces too far (a slip, not a typo)
        at = draw(st.integers(1, len(lines) - 1))
        lines[at] = "  " + lines[at]
    broken = "\n".join(lines) + "\n"
    slips = [("titel:", "title:"), ("feild:", "field:"), ("ordre", "order"), ("ignroe", "ignore")]
    for slip, mended in slips:
        fixed = fixed.replace(slip, mended)
    return broken, fixed.replace("apologyze", "apologize")


def findings(path: Path, text: str) -> set[tuple[str, int]]:
    path.write_text(PLAN_HEADER + text, encoding="utf-8")
    try:
        read_plan(path)
    except PlanError as error:
        return {(d.code, d.source.line) for d in error.diagnostics}
    return set()


@settings(max_examples=150, deadline=None)
@given(drafts())
def test_what_is_reported_beside_a_misspelt_key_stays_true_once_it_is_fixed(
    tmp_path_factory: pytest.TempPathFactory, draft: tuple[str, str]
) -> None:
    broken, fixed = draft
    folder = tmp_path_factory.mktemp("draft")
    beside = {f for f in findings(folder / "broken.yaml", broken) if f[0] in MEANING_CODES}
    mended = findings(folder / "fixed.yaml", fixed)
    if any(code not in MEANING_CODES for code, _ in mended):
        return  # the slip made a mistake of shape worse rather than adding one: nothing to mend
    assert beside <= mended
    if broken == fixed:  # nothing misspelt: nothing set aside, so the same findings
        assert beside == findings(folder / "fixed.yaml", fixed)


def test_data_only_a_part_set_aside_holds_is_never_read(tmp_path: Path) -> None:
    # A priority beyond 64 bits cannot even be hashed into the plan's fingerprint.
    huge = "  - {id: h, title: T, priority: -9223372036854775809, when: {event: order}, then: []}\n"
    assert codes(write_plan(tmp_path, "rules:\n" + huge + MIN_ABOVE_MAX))[-1] == "min-above-max"


def test_a_number_too_long_to_read_sets_aside_its_part_and_is_quoted_as_written(
    tmp_path: Path,
) -> None:
    # Over 4,300 digits Python does not read it: a stand-in holds its place, which no
    # message may quote (the schema's out-of-range for a priority would have).
    digits = "1" + "0" * 5000
    huge = (
        f"  - {{id: h, title: T, priority: {digits}, when: {{event: order}},"
        " then: [{apologize: {}}]}\n"
    )
    plan = write_plan(tmp_path, "rules:\n" + huge + MIN_ABOVE_MAX)
    with pytest.raises(PlanError) as caught:
        read_plan(plan)
    found = caught.value.diagnostics
    assert [d.code for d in found] == ["number-too-large", "min-above-max"]
    assert found[0].message.startswith(f"`{digits[:40]}…(5,001 characters)`")
    assert not any(str(1 << 64) in d.message for d in found)


@pytest.mark.parametrize(
    ("number", "code", "message"),
    [
        *((n, "not-finite", "is not a finite number") for n in [".nan", ".inf", "-.Inf", "1e400"]),
        (
            "1e-400",
            "number-too-small",
            "is too close to 0 for a number to hold: it would be read as 0",
        ),
    ],
)
def test_a_number_a_float_cannot_hold_sets_aside_its_part_only(
    tmp_path: Path, number: str, code: str, message: str
) -> None:
    # It stopped the whole file: the other rules' problems came one run later.
    odd = f"  - {{id: h, title: T, when: {{event: order, all: [{{field: a, eq: {number}}}]}}, then: [{{apologize: {{}}}}]}}\n"
    plan = write_plan(tmp_path, "rules:\n" + odd + MIN_ABOVE_MAX)
    with pytest.raises(PlanError) as caught:
        read_plan(plan)
    found = caught.value.diagnostics
    assert [d.code for d in found] == [code, "min-above-max"]
    assert found[0].message == f"`{number}` {message}"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(".inf", "[Infinity]"), ("-.inf", "[-Infinity]"), ("1" + "0" * 5000, "[Infinity]")],
)
def test_what_stands_in_for_a_number_is_shown_as_what_it_is(
    tmp_path: Path, value: str, shown: str
) -> None:
    # A message about the list around it quoted the stand-in: `backplan: [0]` for `.inf`, and
    # `[18446744073709551616]`, a number never written, for a number too long to read.
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"backplan: [{value}]\nplan: {{name: T, currency: USD}}\nrules: []\n")
    with pytest.raises(PlanError) as caught:
        read_plan(plan)
    messages = [d.message for d in caught.value.diagnostics]
    assert messages[0].startswith(f"`backplan: {shown}` is not a version")
    assert not any(str(1 << 64) in m or "[0]" in m for m in messages)


def test_a_number_beyond_64_bits_sets_aside_its_part_only(tmp_path: Path) -> None:
    # The schema lets a custom action's parameter hold any number, but JSON output (the
    # plan's fingerprint, a decision) keeps whole numbers exactly only up to 64 bits: the
    # reader refuses the number where it stands, and the rest of the file is checked at once.
    hook = "  - {id: h, title: T, when: {event: order}, then: [{x-hook: {big: 100000000000000000000000}}]}\n"
    assert codes(write_plan(tmp_path, "rules:\n" + hook + MIN_ABOVE_MAX)) == [
        "number-too-large",
        "min-above-max",
    ]
