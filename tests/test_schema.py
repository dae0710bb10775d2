"""The plan schema: itself valid, every operator and action covered, and its errors explained.

Each operator and action type has a minimal plan that validates and a wrong use that gives one
located diagnostic with a stable code. Messages are checked for the parts a person relies on
(did-you-mean, where); the full wording is pinned by the golden files in tests/golden/.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from engine import schema, slips
from engine.api import check_plan
from engine.errors import Diagnostic
from engine.loading import load_yaml
from engine.model import ACTION_TYPES, OPERATORS, PREVENTION_ACTIONS, REMEDY_ACTIONS
from engine.resources import load_schema
from engine.schema import schema_validator, validate_plan_document
from engine.slips import hints as slip_hints
from engine.slips import names as slip_names
from engine.slips import settings as slip_settings
from tests.conftest import printed_by_a_child

PLAN = load_schema("plan")

HEADER = """\
backplan: 1
plan: {name: Test Store, currency: USD}
rules:
"""


IN_USD = "the plan's amounts are in USD, set once in its `plan:` section"


def _number_only(number: str, written: str = "", other: str = "", key: str = "amount") -> str:
    """The hint for an amount written with its currency, in a plan in USD: ``other`` is the
    currency written when it is another (the amount ``written`` so), which the hint names."""
    if other:
        return (
            f"the plan's amounts are in USD (set once, in its `plan:` section), and `{written}` "
            f"is in {other}: write the amount in USD, as a number only (`{key}: {number}` is "
            "read as USD)"
        )
    return f"write the number only, `{key}: {number}`; {IN_USD}"


def _other_currency(written: str) -> str:
    """The currency an amount written in these tests names, when it is not the plan's (USD)."""
    if "€" in written or "eur" in written.lower():
        return "EUR"
    return "CHF" if "CHF" in written or "fr" in written.lower() else ""


def problems(text: str) -> list[Diagnostic]:
    """Schema diagnostics for a plan file's text."""
    return validate_plan_document(load_yaml(textwrap.dedent(text), "plan.yaml"))


def problem_of(text: str) -> Diagnostic:
    """The one problem loading ``text`` as YAML gives (a syntax error)."""
    from engine.errors import PlanError

    with pytest.raises(PlanError) as caught:
        load_yaml(text, "plan.yaml")
    [found] = caught.value.diagnostics
    return found


def one_problem(text: str) -> Diagnostic:
    found = problems(text)
    assert len(found) == 1, "\n".join(d.render() for d in found)
    return found[0]


def column_of(text: str, line: int, needle: str) -> int:
    return text.splitlines()[line - 1].index(needle) + 1


# --- The schema itself ------------------------------------------------------------------------


def test_plan_schema_is_a_valid_draft_2020_12_schema() -> None:
    assert PLAN["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(PLAN)
    assert PLAN["$id"].endswith("plan.schema.json")
    assert PLAN["title"]
    assert PLAN["description"]


def _nodes(node: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _nodes(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _nodes(value, f"{path}/{index}")


_FILLED_IN = re.compile(r"\{([a-z_]+)\}")
"""A word in braces in an ``x-messages`` entry: a placeholder the value's words fill in."""


@pytest.mark.parametrize("name", ["plan", "plantest"])
def test_every_x_message_belongs_to_a_keyword_of_its_schema(name: str) -> None:
    """An ``x-messages`` entry for a keyword the schema does not use would never be shown; a
    placeholder ``engine.schema`` does not fill in (``{acton}``) would be shown as written. A
    field that refers to a definition (``$defs.words``) words the definition's keywords."""
    seen = 0
    schema = load_schema(name)
    for path, node in _nodes(schema):
        referred = schema["$defs"].get(node.get("$ref", "").removeprefix("#/$defs/"), {})
        for keyword, entry in node.get("x-messages", {}).items():
            seen += 1
            assert keyword in node or keyword in referred, (
                f"{path}: x-messages.{keyword} but no `{keyword}` keyword"
            )
            assert isinstance(entry, list)
            assert 2 <= len(entry) <= 3
            assert all(isinstance(part, str) and part for part in entry), path
            words = {word for part in entry[:2] for word in _FILLED_IN.findall(part)}
            assert words <= {"key", "value", "field", "action", "where"}, path
    assert seen > 10


def test_every_example_in_the_schema_is_valid() -> None:
    """Editors offer the examples as completions: each must pass its own schema."""
    checked = 0
    for path, node in _nodes(PLAN):
        examples = node.get("examples")
        if not isinstance(examples, list) or "/properties/examples" in path:
            continue
        validator = schema_validator("plan").evolve(schema=node)
        for example in examples:
            errors = [e.message for e in validator.iter_errors(example)]
            assert not errors, f"{path}: example {example!r}: {errors}"
            checked += 1
    assert checked > 40


_PLACEHOLDER = re.compile(r"\$\{[0-9]+:([^${}]*)\}")
"""A snippet's tab stop with the text it starts with (``${1:late-delivery}``)."""


def _as_inserted(body: Any) -> Any:
    """A snippet body as the editor first inserts it: each tab stop holding its text."""
    if isinstance(body, dict):
        return {_as_inserted(key): _as_inserted(value) for key, value in body.items()}
    if isinstance(body, list):
        return [_as_inserted(item) for item in body]
    if isinstance(body, str):
        inserted = _PLACEHOLDER.sub(r"\1", body)
        assert "$" not in inserted and "{" not in inserted, f"a tab stop is malformed: {body}"
        return inserted
    return body


def test_every_snippet_in_the_schema_is_valid() -> None:
    """Editors offer ``defaultSnippets`` as completions (a rule, an action, a condition): each
    must be valid as inserted, before the manager changes a word of it."""
    checked = 0
    for path, node in _nodes(PLAN):
        for snippet in node.get("defaultSnippets", []):
            assert set(snippet) == {"label", "description", "body"}, path
            validator = schema_validator("plan").evolve(schema=node)
            body = _as_inserted(snippet["body"])
            errors = [e.message for e in validator.iter_errors(body)]
            assert not errors, f"{path}: snippet {snippet['label']!r}: {errors}"
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("section", ["remedy_action", "prevention_action"])
def test_every_action_type_is_offered_as_a_snippet(section: str) -> None:
    """A new item of ``then:`` or ``prevent:`` is offered each action type that list takes,
    with its required parameters filled in."""
    definition = PLAN["$defs"][section]
    offered = [next(iter(s["body"])) for s in definition["defaultSnippets"]]
    assert offered == list(definition["properties"])
    assert [s["label"] for s in definition["defaultSnippets"]] == offered


_SCHEMA_KEYWORDS = ("type", "$ref", "anyOf", "oneOf", "allOf", "enum", "const", "properties")
"""Keywords that make a ``$defs`` entry a schema; an entry with none is a group of them
(``$defs.actions``: one definition per action type)."""
_DATA = frozenset({"examples", "enum", "const", "default", "defaultSnippets"})
"""Keywords whose values are data, not schemas: nothing inside them is offered as a key."""


def _offered(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every key an editor offers or explains (each ``properties`` and ``patternProperties``
    entry) and every ``$defs`` entry (those of a group too), with its path. An ``if`` is a
    test, never offered: its properties are skipped."""
    groups: set[str] = set()
    for path, node in _nodes(schema):
        parts = path.split("/")
        if len(parts) < 3:
            continue
        if any(
            above not in ("properties", "$defs") and key in _DATA | {"if"}
            for above, key in pairwise(parts)
        ):
            continue
        if parts[-2] == "$defs" or "/".join(parts[:-1]) in groups:
            if not any(key in node for key in _SCHEMA_KEYWORDS):
                groups.add(path)  # its entries are definitions, visited in their turn
                continue
            yield path, node
        elif parts[-2] in ("properties", "patternProperties") and parts[-3] not in (
            "properties",
            "$defs",
        ):
            yield path, node


def _described(schema: dict[str, Any], node: dict[str, Any]) -> bool:
    """Whether an editor has words to show for ``node``: its own ``description``, or (a lone
    ``$ref``) the description of what it refers to, which the editor shows instead."""
    if node.get("description"):
        return True
    target = node.get("$ref")
    if not isinstance(target, str) or not target.startswith("#/"):
        return False
    referred: Any = schema
    for part in target[2:].split("/"):
        referred = referred[part]
    return _described(schema, referred)


@pytest.mark.parametrize("name", ["plan", "plantest"])
def test_every_key_and_definition_has_a_description_for_the_editor(name: str) -> None:
    """Editors show a key's ``description`` when offering it and on hover: a key without one
    is offered with no word of what it is for."""
    schema = load_schema(name)
    offered = list(_offered(schema))
    silent = [path for path, node in offered if not _described(schema, node)]
    assert not silent, "no description for an editor to show: " + ", ".join(silent)
    assert len(offered) > 40


def test_the_condition_keys_are_the_model_operators() -> None:
    keys = set(PLAN["$defs"]["condition"]["propertyNames"]["enum"])
    assert keys - {"field", "ignore_case", "all", "any", "not", "use"} == set(OPERATORS)


def test_the_action_lists_are_the_model_actions() -> None:
    defs = PLAN["$defs"]
    assert set(defs["remedy_action"]["properties"]) == set(REMEDY_ACTIONS)
    assert set(defs["prevention_action"]["properties"]) == set(PREVENTION_ACTIONS)


# --- Every operator: a valid use and a wrong use ----------------------------------------------

# operator: (valid value, wrong value, expected code, a phrase the message must contain)
OPERATOR_CASES: dict[str, tuple[str, str, str, str]] = {
    "eq": ("5", "[1, 2]", "wrong-type", "found a list"),
    "ne": ("gold", "{tier: gold}", "wrong-type", "found a mapping"),
    "in": ("[twitter, yelp]", "twitter", "wrong-type", "expected a list, found text `twitter`"),
    "not_in": ("[test]", "[]", "too-few", "this list is empty"),
    "lt": ("3", "[3]", "wrong-type", "expected a number or text"),
    "lte": ("2", "true", "wrong-type", "found true/false `true`"),
    "gt": ("100", "{amount: 1}", "wrong-type", "found a mapping"),
    "gte": ("3.5", "[1, 2]", "wrong-type", "found a list"),
    "between": ("[1, 3]", "[1, 2, 3]", "too-many", "has 3 items; it may have at most 2"),
    "contains": ("refund", "[refund]", "wrong-type", "found a list"),
    "contains_any": ("[rude, impolite]", "rude", "wrong-type", "expected a list"),
    "contains_all": ("[late, cold]", "[]", "too-few", "this list is empty"),
    "starts_with": ("VIP-", "5", "wrong-type", "expected text, found a number `5`"),
    "ends_with": ("'@acme.example'", "[x]", "wrong-type", "expected text, found a list"),
    "matches": ("'(?i)rude'", "5", "wrong-type", "expected text"),
    "exists": ("true", "yes", "wrong-type", "expected true or false, found text `yes`"),
    "missing": ("false", "'no'", "wrong-type", "expected true or false, found text `no`"),
}


def test_every_operator_has_a_case() -> None:
    assert set(OPERATOR_CASES) == set(OPERATORS)


def operator_plan(operator: str, value: str) -> str:
    return HEADER + textwrap.indent(
        textwrap.dedent(
            f"""\
            - id: r
              title: T
              when:
                event: review
                all:
                  - {{field: rating, {operator}: {value}}}
              then:
                - apologize: {{}}
            """
        ),
        "  ",
    )


@pytest.mark.parametrize("operator", OPERATORS)
def test_operator_valid_use(operator: str, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(operator_plan(operator, OPERATOR_CASES[operator][0]), encoding="utf-8")
    assert check_plan(path) == []


@pytest.mark.parametrize("operator", OPERATORS)
def test_operator_wrong_use(operator: str) -> None:
    _, wrong, code, phrase = OPERATOR_CASES[operator]
    text = operator_plan(operator, wrong)
    found = one_problem(text)
    assert found.code == code
    assert phrase in found.message
    assert "in rule `r` (when › all" in found.message
    assert found.source.pointer == f"/rules/0/when/all/0/{operator}"
    assert found.source.line == 9
    assert found.source.column == column_of(text, 9, f"{operator}: ") + len(operator) + 2


def test_an_operator_needs_a_field() -> None:
    found = one_problem(
        HEADER + "  - {id: r, title: T, when: {all: [{eq: 1}]}, then: [apologize: {}]}\n"
    )
    assert found.code == "misplaced-key"
    assert found.message == "this test has no `field:` in rule `r` (when › all)"
    assert found.hint == (
        "name the event field it tests with `field:`, first, such as `{field: rating, eq: 1}`"
    )
    assert found.source.pointer == "/rules/0/when/all/0/eq"


@pytest.mark.parametrize(
    ("test", "written"),
    [
        ("{in: [late, cold]}", "{field: issue, in: [late, cold]}"),
        # four problems: the condition's shape, `in` and `cold` each without a field (hinted
        # `{field: rating, cold: ...}`), and the list without brackets
        ("{in: late, cold}", "{field: issue, in: [late, cold]}"),
        (
            "{in: late, cold, ignore_case: true}",
            "{field: issue, in: [late, cold], ignore_case: true}",
        ),
        ("in: late, cold", "{field: issue, in: [late, cold]}"),
        ("{between: 1, 2}", "{field: rating, between: [1, 2]}"),
    ],
)
def test_a_test_without_its_field_is_one_problem_written_with_one(
    test: str, written: str, tmp_path: Path
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(plan_with("- {field: rating, lte: 2}", f"- {test}"), encoding="utf-8")
    [found] = check_plan(path)
    assert found.render().splitlines() == [
        f"{path}:9:{11 + test.startswith('{')}: error: this test has no `field:` in rule `r` "
        "(when › all) [misplaced-key]",
        f"  hint: name the event field it tests with `field:`, first, such as `{written}`",
    ]


@pytest.mark.parametrize(
    ("old", "new", "column", "where", "hint"),
    [
        (
            "- {field: rating, lte: 2}",
            "- {in: late, eq: 3}",
            12,
            "when › all",
            "write one test per operator, each an item of the list: `{field: issue, in: [late]}` "
            "and `{field: rating, eq: 3}`",
        ),
        (
            "- {field: rating, lte: 2}",
            "- {in: late, cold, eq: 3, ignore_case: true}",
            12,
            "when › all",
            "write one test per operator, each an item of the list: `{field: issue, in: [late, "
            "cold], ignore_case: true}` and `{field: rating, eq: 3}`",
        ),
        (
            "all:\n        - {field: rating, lte: 2}",
            "not: {in: [late], eq: 3}",
            13,
            "when › not",
            "keep one operator, such as `{field: issue, in: [late]}`, or put one test per "
            "operator in an `all:` list",
        ),
    ],
)
def test_a_test_without_its_field_and_with_two_operators_is_hinted_one_per_test(
    old: str, new: str, column: int, where: str, hint: str, tmp_path: Path
) -> None:
    """It had been hinted with both operators in one test, which was then refused for them."""
    path = tmp_path / "plan.yaml"
    path.write_text(plan_with(old, new), encoding="utf-8")
    [found] = check_plan(path)
    assert found.render().splitlines() == [
        f"{path}:{8 + new.startswith('-')}:{column}: error: this test has no `field:`, and more "
        f"than one operator (`in`, `eq`) in rule `r` ({where}) [misplaced-key]",
        f"  hint: a test is one field and one operator: {hint}",
    ]


@pytest.mark.parametrize(
    ("test", "hint"),
    [
        ("{rating: 2}", "`{field: rating, eq: 2}`"),
        ("{rating: {lte: 2}}", "`{field: rating, lte: 2}`"),
        ("{text: rude}", "`{field: text, eq: rude}`"),
        # with an operator beside, it had the generic hint and "did you mean `between`?"
        ("{rating: {lte: 2}, eq: 1}", "`{field: rating, lte: 2}`"),
        # a list of values, and an operator with its setting, had been hinted under `eq:`
        ("{customer.tier: [gold, silver]}", "`{field: customer.tier, in: [gold, silver]}`"),
        (
            "{channel: {in: [yelp, x], ignore_case: true}}",
            "`{field: channel, in: [yelp, x], ignore_case: true}`",
        ),
    ],
)
def test_a_field_written_as_the_key_gets_the_test_written_out(test: str, hint: str) -> None:
    found = one_problem(
        HEADER + f"  - {{id: r, title: T, when: {{all: [{test}]}}, then: [apologize: {{}}]}}\n"
    )
    assert found.code == "unknown-operator"
    assert "did you mean" not in found.message  # `rating` is no misspelt `between`
    assert found.hint == f"name the field with `field:` and give one operator: {hint}"


@pytest.mark.parametrize(
    ("test", "field", "said", "listed"),
    [
        ("repeated_within: 7d", "customer.complaints_7d", "7 days", True),
        ("in_last: 30 days", "customer.complaints_30d", "30 days", True),
        ("seen_within: 1w", "customer.complaints_1w", "1 week", True),
        ("within: 90d", "customer.complaints_90d", "90 days", False),  # a standard field
    ],
)
def test_an_operator_looking_back_over_time_says_the_count_comes_in_the_event(
    test: str, field: str, said: str, listed: bool
) -> None:
    """A manager asking whether this customer complained before, within a span: no operator
    can, as Backplan keeps no earlier complaints. `repeated_within` had been asked "did you
    mean `gt`?", `in_last` "`in`?", with the list of operators, none of which says it."""
    found = one_problem(
        HEADER
        + f"  - {{id: r, title: T, when: {{all: [{{field: customer.id, {test}}}]}}, "
        + "then: [apologize: {}]}\n"
    )
    assert found.code == "unknown-operator"
    assert "did you mean" not in found.message
    extra = ", list it in the plan's `extra_fields`," if listed else ""
    assert found.hint == (
        f"a test reads only this complaint: Backplan keeps no earlier ones, so none can look "
        f"back {said}; have the system that sends complaints count this customer's complaints "
        f"of the last {said}, this one included, into a field such as `{field}`{extra} and "
        f"test it: `{{field: {field}, gte: 2}}`"
    )


@pytest.mark.parametrize(
    ("enabled", "sites"),
    [
        ("{except: [ATH-001]}", "[ATH-001]"),
        ("except ATH-001", "[Site 12]"),
        ("{ATH-001: false}", "[ATH-001]"),
    ],
)
def test_enabled_for_some_sites_says_to_test_them_in_when(enabled: str, sites: str) -> None:
    """A manager switching a rule off for one site had been told only "expected true or
    false", with no hint of how to do it."""
    found = one_problem(
        HEADER + f"  - {{id: r, title: T, enabled: {enabled}, when: {{event: order}}, "
        "then: [apologize: {}]}\n"
    )
    assert found.code == "wrong-type"
    assert found.hint == (
        "write `true` or `false`: it switches the rule on or off for every complaint; to leave "
        "it out for some sites, test them in its `when:` instead: "
        f"`not: {{field: store, in: {sites}}}`"
    )


@pytest.mark.parametrize(
    ("enabled", "sites"),
    [
        ("[LIS-001, MAD-001]", "[LIS-001, MAD-001]"),
        ("{only: [ATH-001]}", "[ATH-001]"),
        ("{stores: [ATH-001]}", "[ATH-001]"),
        ("{ATH-001: true}", "[ATH-001]"),
    ],
)
def test_enabled_only_for_some_sites_says_to_test_them_among_the_rule_s_tests(
    enabled: str, sites: str
) -> None:
    """`enabled: {only: [ATH-001]}` and a list of sites name the sites the rule is on for:
    they had been told to write `not: {field: store, in: [ATH-001]}`, a rule that fires
    everywhere but there, the reverse of what was meant."""
    found = one_problem(
        HEADER + f"  - {{id: r, title: T, enabled: {enabled}, when: {{event: order}}, "
        "then: [apologize: {}]}\n"
    )
    assert found.hint == (
        "write `true` or `false`: it switches the rule on or off for every complaint; to fire "
        "it for some sites only, test them in its `when:` instead: "
        f"`all: [{{field: store, in: {sites}}}]`"
    )


def test_enabled_given_sites_the_words_do_not_place_offers_both_tests() -> None:
    """`enabled: ATH-001` may mean on only there or off there: both are written out."""
    found = one_problem(
        HEADER + "  - {id: r, title: T, enabled: ATH-001, when: {event: order}, "
        "then: [apologize: {}]}\n"
    )
    assert "`not: {field: store, in: [Site 12]}`, or to fire it for those sites only: " in (
        found.hint
    )


@pytest.mark.parametrize("enabled", ["0", "null", "[true]"])
def test_enabled_given_no_sites_is_not_told_of_sites(enabled: str) -> None:
    """`enabled: 0` names no site: a hint of sites had been given it all the same."""
    found = one_problem(
        HEADER + f"  - {{id: r, title: T, enabled: {enabled}, when: {{event: order}}, "
        "then: [apologize: {}]}\n"
    )
    assert "site" not in found.hint


@pytest.mark.parametrize(
    ("test", "told"),
    [
        ("{customer.id: {repeated_within: 7d}}", "none can look back 7 days"),
        ("{customer.tier: {level: gold}}", "a test is a field and one operator"),
    ],
)
def test_a_field_as_key_over_no_operator_is_not_hinted_a_test_of_a_mapping(
    test: str, told: str
) -> None:
    """`{customer.id: {repeated_within: 7d}}` had been hinted
    `{field: customer.id, eq: {repeated_within: 7d}}`, which validate refuses in its turn (`eq`
    takes no mapping): a look back is told as one, anything else with the general hint."""
    found = one_problem(
        HEADER + f"  - {{id: r, title: T, when: {{all: [{test}]}}, then: [apologize: {{}}]}}\n"
    )
    assert found.code == "unknown-operator"
    assert "eq: {" not in found.hint
    assert told in found.hint


@pytest.mark.parametrize(
    ("test", "said"),
    [("within_days: 7", "7 days"), ("last_weeks: 2", "2 weeks"), ("within_days: 0", "")],
)
def test_a_number_under_a_key_naming_its_unit_is_a_look_back(test: str, said: str) -> None:
    """`{field: customer.id, within_days: 7}` had been told only the list of operators: its
    key says the 7 are days. A number of no length (0) is left to that list."""
    found = one_problem(
        HEADER
        + f"  - {{id: r, title: T, when: {{all: [{{field: customer.id, {test}}}]}}, "
        + "then: [apologize: {}]}\n"
    )
    if said:
        assert f"so none can look back {said}; " in found.hint
    else:
        assert "look back" not in found.hint


def test_a_misspelt_operator_holding_a_length_of_time_is_still_told_its_operator() -> None:
    """`eqq: 7d` is `eq` with a letter too many, whatever it holds."""
    found = one_problem(
        HEADER
        + "  - {id: r, title: T, when: {all: [{field: wait, eqq: 7d}]}, then: [apologize: {}]}\n"
    )
    assert "(did you mean `eq`?)" in found.message
    assert "keeps no earlier" not in found.hint


@pytest.mark.parametrize(
    ("test", "operator"),
    [
        ("field: contact.wait_minutes, more_than: 30m", "gt"),  # a manager's word for `gt`
        ("field: rating, at_most: 2 days", "lte"),
        ("field: order.delay_days, longer_than: 2d", "gt"),  # a field counting days
    ],
)
def test_a_comparison_holding_a_length_of_time_is_not_told_to_count_complaints(
    test: str, operator: str
) -> None:
    """`{field: contact.wait_minutes, more_than: 30m}` bounds the wait, as `over`, `at_least`
    and any test of a field counting time (`order.delay_days`) do: the look-back hint had told
    such tests to count this customer's complaints of the last 30 minutes, where they had
    been told their operator."""
    found = one_problem(
        HEADER + f"  - {{id: r, title: T, when: {{all: [{{{test}}}]}}, then: [apologize: {{}}]}}\n"
    )
    assert f"(did you mean `{operator}`?)" in found.message
    assert "keeps no earlier" not in found.hint


def test_a_field_as_key_over_several_operators_gets_a_test_of_each() -> None:
    """`{rating: {gte: 1, lte: 2}}` had been hinted `{field: rating, eq: {gte: 1, lte: 2}}`,
    which validate refuses in its turn."""
    found = one_problem(
        HEADER
        + "  - {id: r, title: T, when: {all: [{rating: {gte: 1, lte: 2}}]}, then: [apologize: {}]}\n"
    )
    assert found.code == "unknown-operator"
    written = "{all: [{field: rating, gte: 1}, {field: rating, lte: 2}]}"
    assert found.hint == f"name the field with `field:`, in a test of each operator: `{written}`"
    assert not problems(
        HEADER + f"  - {{id: r, title: T, when: {written}, then: [apologize: {{}}]}}\n"
    )


@pytest.mark.parametrize(
    ("test", "meant"),
    [
        ("{anny: [{field: rating, lte: 2}, {use: c}]}", " (did you mean `any`?)"),
        ("{alll: [{field: rating, lte: 2}, {use: c}]}", " (did you mean `all`?)"),
        ("{or: [{field: rating, lte: 2}, {use: c}]}", " (did you mean `any`?)"),
        ("{any_of: [{field: rating, lte: 2}, {use: c}]}", " (did you mean `any`?)"),  # not `in`
        ("{not: {and: [{field: rating, lte: 2}, {use: c}]}}", " (did you mean `all`?)"),
        ("{either: [{field: rating, lte: 2}, {use: c}]}", ""),
    ],
)
def test_a_list_of_tests_under_a_misspelt_group_is_told_any_or_all(test: str, meant: str) -> None:
    """A manager's `anny:` or `or:` over a list of tests had been hinted as a field named by its
    key, `{field: anny, eq: [{field: rating, lte: 2}, ...]}`, which no event holds, and with
    no did-you-mean: the key is `any` or `all` misspelt."""
    found = one_problem(
        HEADER.replace("rules:", "conditions: {c: {field: public, eq: true}}\nrules:")
        + f"  - {{id: r, title: T, when: {{all: [{test}]}}, then: [apologize: {{}}]}}\n"
    )
    assert found.code == "unknown-operator"
    key = test.removeprefix("{not: ")[1:].split(":")[0]
    assert found.message.startswith(f"`{key}` is not an operator or a condition key{meant} in")
    assert found.hint == (
        "a list of tests goes under `any:` (it holds when one of them holds) or `all:` (when "
        "every one of them holds)"
    )


def test_a_field_as_key_holding_a_list_of_other_mappings_is_still_a_field() -> None:
    """Only a list holding tests is told as a misspelt `any` or `all`."""
    found = one_problem(
        HEADER + "  - {id: r, title: T, when: {all: [{x.y: [{a: 1}]}]}, then: [apologize: {}]}\n"
    )
    assert found.hint.startswith("name the field with `field:`")


@pytest.mark.parametrize("test", ["{rating: 2, eq: 1}", "{field: channel, eq: web, rating: 2}"])
def test_an_event_field_beside_an_operator_is_no_misspelt_operator(test: str) -> None:
    """`rating` is a slip or two from `range`, a word for `between`: it had been asked "did
    you mean `between`?" beside an operator, where no hint says what the key is."""
    found = one_problem(
        HEADER + f"  - {{id: r, title: T, when: {{all: [{test}]}}, then: [apologize: {{}}]}}\n"
    )
    assert found.code == "unknown-operator"
    assert found.message.startswith("`rating` is not an operator or a condition key in rule")
    assert found.hint.startswith("a test is a field and one operator")


def test_a_misspelt_operator_beside_an_operator_keeps_its_suggestion() -> None:
    """A key beside an operator, its value no operator, may be a misspelt operator: it is not
    taken for a field written as the key (`{field: gtee, eq: 1}` would mislead)."""
    found = one_problem(
        HEADER + "  - {id: r, title: T, when: {all: [{eq: 1, gtee: 2}]}, then: [apologize: {}]}\n"
    )
    assert found.code == "unknown-operator"
    assert "`gtee` is not an operator or a condition key (did you mean `gte`?)" in found.message
    assert found.hint.startswith("a test is a field and one operator")


def test_a_misspelt_field_key_keeps_its_suggestion() -> None:
    found = one_problem(
        HEADER
        + "  - {id: r, title: T, when: {all: [{feild: text, contains: x}]}, then: [apologize: {}]}\n"
    )
    assert "(did you mean `field`?)" in found.message


@pytest.mark.parametrize(
    ("field", "values"),
    [("rating", "[1, 2]"), ("severity", "[low, medium]"), ("loyalty_code", "[value1, value2]")],
)
def test_an_empty_in_list_is_hinted_with_values_of_its_field(field: str, values: str) -> None:
    """The example is two of the field's own values, numbers for a field of numbers, and the
    schema's neutral one for a field the event schema does not know (`loyalty_code`)."""
    found = one_problem(
        HEADER
        + f"  - {{id: r, title: T, when: {{all: [{{field: {field}, in: []}}]}}, "
        + "then: [apologize: {}]}\n"
    )
    assert found.code == "too-few"
    assert found.hint == f"write the values it takes in brackets, such as `in: {values}`"


def test_a_field_needs_an_operator() -> None:
    found = one_problem(
        HEADER + "  - {id: r, title: T, when: {all: [{field: x.y}]}, then: [apologize: {}]}\n"
    )
    assert found.code == "no-operator"
    assert "the test on `x.y` has no operator" in found.message
    assert found.source.pointer == "/rules/0/when/all/0"


def test_a_field_test_takes_one_operator() -> None:
    text = (
        HEADER
        + "  - {id: r, title: T, when: {all: [{field: rating, gte: 2, lte: 3}]}, then: [apologize: {}]}\n"
    )
    found = one_problem(text)
    assert found.code == "two-operators"
    assert "`gte` cannot stand beside `lte`" in found.message
    assert "did you mean" not in found.message
    assert found.source.pointer == "/rules/0/when/all/0/gte"
    assert found.source.column == column_of(text, 4, "gte")
    assert "between" in found.hint


def test_ignore_case_is_allowed_beside_an_operator(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(operator_plan("contains", "rude, ignore_case: true"), encoding="utf-8")
    assert check_plan(path) == []


@pytest.mark.parametrize(
    "field", ["rating", "customer.tier", "order.items.0.sku", "_private", "x-custom.a-b"]
)
def test_field_paths(field: str) -> None:
    assert problems(operator_plan("exists", "true").replace("rating", field)) == []


@pytest.mark.parametrize("field", ["customer..tier", ".rating", "customer tier", "1st", "a.b."])
def test_bad_field_paths(field: str) -> None:
    found = one_problem(operator_plan("exists", "true").replace("rating", f"'{field}'"))
    assert found.code == "bad-format"
    assert found.source.pointer == "/rules/0/when/all/0/field"
    assert "customer.tier" in found.hint


# --- Every action type: a valid use and a wrong use -------------------------------------------

# action: (valid parameters, wrong parameters, expected code, pointer below the action, phrase)
ACTION_CASES: dict[str, tuple[str, str, str, str, str]] = {
    "apologize": (
        "{}",
        "{channel: pigeon}",
        "unknown-value",
        "/channel",
        "`pigeon` is not allowed",
    ),
    "reply_publicly": (
        "{message: 'Sorry {customer.first_name|there}', within: 1h}",
        "{within: 1h}",
        "missing-key",
        "",
        "missing `message`",
    ),
    "contact_customer": ("{channel: phone, within: 4h}", "{}", "missing-key", "", "`channel`"),
    "compensate": (
        "{kind: voucher, percent: 20, of: order.total, min: 10, max: 40}",
        "{kind: voucher, amount: -5}",
        "out-of-range",
        "/amount",
        "`-5` is too small",
    ),
    "replace": (
        "{shipping: express, item: 'Phone {order.sku|}'}",
        "{shipping: fast}",
        "unknown-value",
        "/shipping",
        "`fast`",
    ),
    "escalate": (
        "{to: cx-lead, within: 30m}",
        "{too: cx-lead}",
        "unknown-key",
        "/too",
        "did you mean `to`?",
    ),
    "notify": ("{to: store-manager}", "{to: ''}", "too-few", "/to", "this recipient is empty"),
    "follow_up": (
        "{within: 3d, channel: email}",
        "{channel: email}",
        "missing-key",
        "",
        "missing `within`",
    ),
    "tag": (
        "{tags: [public, review]}",
        "{tags: [public, public]}",
        "duplicate-item",
        "/tags/1",  # the repeat itself, named: it was the list, "this list repeats an item"
        "`public` is in this list twice",
    ),
    "note": (
        "{message: Already explained twice.}",
        "{message: 5}",
        "wrong-type",
        "/message",
        "expected text",
    ),
    "root_cause": (
        "{owner: store-manager, within: 7d}",
        "{}",
        "missing-key",
        "",
        "missing `owner`",
    ),
    "training": (
        "{owner: team-lead, within: 14d}",
        "{owner: team-lead, within: soon}",
        "bad-duration",
        "/within",
        "`soon` is not a duration",
    ),
    "process_fix": (
        "{owner: ops-lead, within: 30d}",
        "{owner: ops-lead, when: 30d}",
        "unknown-key",
        "/when",
        "unknown key `when`",
    ),
}


def test_every_action_type_has_a_case() -> None:
    assert set(ACTION_CASES) == set(ACTION_TYPES)


def action_plan(section: str, action: str, params: str) -> str:
    return HEADER + textwrap.indent(
        textwrap.dedent(
            f"""\
            - id: r
              title: T
              when: {{event: order}}
              {section}:
                - {action}: {params}
            """
        ),
        "  ",
    )


def sections(action: str) -> list[str]:
    return (["then"] if action in REMEDY_ACTIONS else []) + (
        ["prevent"] if action in PREVENTION_ACTIONS else []
    )


ACTION_USES = [(action, section) for action in ACTION_TYPES for section in sections(action)]


@pytest.mark.parametrize(("action", "section"), ACTION_USES)
def test_action_valid_use(action: str, section: str, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(action_plan(section, action, ACTION_CASES[action][0]), encoding="utf-8")
    assert check_plan(path) == []


@pytest.mark.parametrize(("action", "section"), ACTION_USES)
def test_action_wrong_use(action: str, section: str) -> None:
    _, wrong, code, below, phrase = ACTION_CASES[action]
    found = one_problem(action_plan(section, action, wrong))
    assert found.code == code
    assert phrase in found.message
    assert f"in rule `r` ({section} › {action}" in found.message
    assert found.source.pointer == f"/rules/0/{section}/0/{action}{below}"
    assert found.source.line == 8


@pytest.mark.parametrize("section", ["then", "prevent"])
def test_custom_actions_take_free_parameters(section: str, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    params = (
        "{queue: billing, priority: 3, labels: [a, b], within: 2h, message: 'Hi {customer.name}'}"
    )
    path.write_text(action_plan(section, "x-helpdesk-ticket", params), encoding="utf-8")
    assert check_plan(path) == []


def test_custom_action_within_is_still_a_duration() -> None:
    found = one_problem(action_plan("then", "x-ticket", "{within: tomorrow}"))
    assert found.code == "bad-duration"
    assert found.source.pointer == "/rules/0/then/0/x-ticket/within"


@pytest.mark.parametrize(
    ("within", "hint"),
    [
        ("1M", "`M` is not a unit (`m` is minutes): write days or weeks, such as `30d` or `4w`"),
        ("1h30m", "write `90m`: a whole number from 1 then a unit (m, h, d or w)"),
    ],
)
def test_a_duration_in_months_is_told_in_days(within: str, hint: str) -> None:
    found = one_problem(action_plan("then", "apologize", f"{{within: {within}}}"))
    assert (found.code, found.hint) == ("bad-duration", hint)


@pytest.mark.parametrize(
    ("params", "hint"),
    [
        # in quotes, "30" is no duration either: the hint had been `within: "30"`; it gives
        # the units the number lacks (it had given the schema's general hint, found by review)
        (
            "{within: 30}",
            "write the number with its unit: `within: 30d` for days, `30h` for hours, `30m` "
            "for minutes or `30w` for weeks",
        ),
        # nor is "100" a field: the hint had been `of: "100"`
        (
            "{kind: voucher, percent: 10, of: 100}",
            "`of` names an event field, its names joined by dots, such as `of: order.total`",
        ),
    ],
)
def test_a_number_that_quotes_would_not_mend_gets_no_quotes_in_its_hint(
    params: str, hint: str, tmp_path: Path
) -> None:
    action = "compensate" if "percent" in params else "apologize"
    path = tmp_path / "plan.yaml"
    path.write_text(action_plan("then", action, params), encoding="utf-8")
    [found] = check_plan(path)
    assert (found.code, found.hint) == ("wrong-type", hint)


_WRITE_TO_THE_CUSTOMER = (
    "to write to the customer, add a `contact_customer` action, which takes one, such as "
    "`contact_customer: {channel: email}`"
)


@pytest.mark.parametrize(
    ("section", "action", "params", "message", "hint"),
    [
        (
            "then",
            "reply_publicly",
            "{message: Sorry, chanel: email}",
            "unknown key `chanel`",
            "`reply_publicly` has no channel: a public reply goes where the complaint was "
            f"posted; {_WRITE_TO_THE_CUSTOMER}; allowed here: `message`, `within`",
        ),
        (
            "then",
            "escalate",
            "{to: duty-manager, channel: phone}",
            "unknown key `channel`",
            "`escalate` has no channel: the case goes to the person or team of its `to:`; "
            f"{_WRITE_TO_THE_CUSTOMER}; allowed here: `message`, `to`, `within`",
        ),
        (
            "prevent",
            "root_cause",
            "{owner: ops, chanel: email}",
            "unknown key `chanel`",
            f"`root_cause` has no channel; {_WRITE_TO_THE_CUSTOMER}; allowed here: `message`, "
            "`owner`, `within`",
        ),
        # An action with a channel: its misspelling is one. Another key: the keys allowed.
        (
            "then",
            "apologize",
            "{chanel: email}",
            "unknown key `chanel` (did you mean `channel`?)",
            "allowed here: `channel`, `message`, `within`",
        ),
        (
            "then",
            "reply_publicly",
            "{message: Sorry, platform: google}",
            "unknown key `platform`",
            "allowed here: `message`, `within`",
        ),
    ],
)
def test_a_channel_on_an_action_that_has_none_says_why_and_which_has_one(
    section: str, action: str, params: str, message: str, hint: str, tmp_path: Path
) -> None:
    """`reply_publicly: {chanel: email}` had been told the keys allowed, and no more: where
    the channel goes, and why a public reply has none, were left to guess (found by review)."""
    path = tmp_path / "plan.yaml"
    path.write_text(action_plan(section, action, params), encoding="utf-8")
    [found] = check_plan(path)
    assert found.message.startswith(f"{message} in rule `r`")
    assert (found.code, found.hint) == ("unknown-key", hint)


_OTHER_FIELD = "`of` names an event field, its names joined by dots, such as `of: order.total`"


@pytest.mark.parametrize(
    ("of", "hint"),
    [
        ("stay total", "write the field's names joined by dots: `of: stay.total`"),
        ("stay/total", "write the field's names joined by dots: `of: stay.total`"),
        ("stay / room_rate", "write the field's names joined by dots: `of: stay.room_rate`"),
        # A standard field's names with capitals: as the event has them, not another field.
        ("Order Total", "write the field's names joined by dots: `of: order.total`"),
        ("Stay Total", "write the field's names joined by dots: `of: Stay.Total`"),
        ("stay total amount", "write the field's names joined by dots: `of: stay.total.amount`"),
        ("_stay total", "write the field's names joined by dots: `of: _stay.total`"),
        ("b2b total", "write the field's names joined by dots: `of: b2b.total`"),
        # A standard field, one of whose names is a word of an action (`contact`): had been
        # given the hint of any field.
        (
            "contact wait_minutes",
            "write the field's names joined by dots: `of: contact.wait_minutes`",
        ),
        ("Contact Attempts", "write the field's names joined by dots: `of: contact.attempts`"),
        # Parted otherwise, or no field's names: no dotted form is plain, the schema's hint.
        ("stay->total", _OTHER_FIELD),
        ("/stay total", _OTHER_FIELD),
        ("total over 100", _OTHER_FIELD),
        ("above total", _OTHER_FIELD),  # a word of a test first
        ("stay total 2", _OTHER_FIELD),
        ("stay total!", _OTHER_FIELD),  # names of letters, but no field's once joined
    ],
)
def test_a_field_parted_by_blanks_or_slashes_is_hinted_with_dots(
    of: str, hint: str, tmp_path: Path
) -> None:
    """The hint had named another field, `order.total`, leaving the manager to see that the
    dots were what their own `stay total` lacked (found by review)."""
    path = tmp_path / "plan.yaml"
    params = f"{{kind: voucher, percent: 10, of: {of}}}"
    path.write_text(action_plan("then", "compensate", params), encoding="utf-8")
    [found] = check_plan(path)
    assert found.message.startswith(f"`{of}` is not in the right form in rule")
    assert (found.code, found.hint) == ("bad-format", hint)


@pytest.mark.parametrize(
    ("field", "hint"),
    [
        ("customer tier", "write the field's names joined by dots: `field: customer.tier`"),
        ("customer name", "write the field's names joined by dots: `field: customer.name`"),
        ("channel is email", "write names joined by dots, such as customer.tier"),
    ],
)
def test_a_tested_field_parted_by_blanks_is_hinted_with_dots(
    field: str, hint: str, tmp_path: Path
) -> None:
    path = tmp_path / "plan.yaml"
    rule = RULE.replace("- {field: rating, lte: 2}", f"- {{field: {field}, eq: gold}}")
    path.write_text(HEADER + rule, encoding="utf-8")
    assert [found.hint for found in check_plan(path)] == [hint]


@pytest.mark.parametrize(
    ("field", "test"),
    [
        ("order.delay_days >= 2", "{field: order.delay_days, gte: 2}"),
        ('"rating <= 2"', "{field: rating, lte: 2}"),
        ("customer.tier = gold", "{field: customer.tier, eq: gold}"),
        ("'issue not in [late, cold]'", "{field: issue, not_in: [late, cold]}"),
    ],
)
def test_a_test_written_whole_as_the_field_is_hinted_as_a_plan_writes_it(
    field: str, test: str, tmp_path: Path
) -> None:
    """`{field: order.delay_days >= 2}` had been told its field "is not in the right form",
    hinted "write names joined by dots, such as customer.tier", beside a test with "no
    operator" hinted with operators alone: neither said where the `>= 2` goes."""
    path = tmp_path / "plan.yaml"
    rule = RULE.replace("- {field: rating, lte: 2}", f"- {{field: {field}}}")
    path.write_text(HEADER + rule, encoding="utf-8")
    found = {d.code: d for d in check_plan(path)}
    assert found["bad-format"].hint == f"a test is written `{test}`: the field, then its operator"
    assert set(found) == {"bad-format", "no-operator"}


@pytest.mark.parametrize(
    ("test", "hint"),
    [
        (
            "field: issue\n          in: (late, cold)",
            "write a list in brackets: `in: [late, cold]`",
        ),
        ("{field: issue, in: (late, cold)}", "write a list in brackets: `in: [late, cold]`"),
        ("field: rating\n          between: (1, 2)", "write a list in brackets: `between: [1, 2]`"),
    ],
)
def test_a_list_in_parentheses_is_hinted_without_them(test: str, hint: str, tmp_path: Path) -> None:
    # the parentheses had stayed in the first and last items: `in: ["(late", "cold)"]`
    path = tmp_path / "plan.yaml"
    rule = RULE.replace("- {field: rating, lte: 2}", f"- {test}")
    path.write_text(HEADER + rule, encoding="utf-8")
    assert {found.hint for found in check_plan(path)} == {hint}


@pytest.mark.parametrize(
    ("test", "hint"),
    [
        ('{field: store, in: "12"}', 'write a list in brackets: `in: ["12"]`'),
        ("{field: store, in: '12'}", 'write a list in brackets: `in: ["12"]`'),
        ('{field: store, not_in: "true"}', 'write a list in brackets: `not_in: ["true"]`'),
        ('{field: store, in: "Rossi Porto"}', 'write a list in brackets: `in: ["Rossi Porto"]`'),
        # A number, written so, for a field events send as text: never equal to `"12"`, so in
        # quotes (it had been `in: [12]`, as written, which lint then told never matches).
        ("{field: store, in: 12}", 'write a list in brackets: `in: ["12"]`'),
        ("{field: store, in: 12, 14}", 'write a list in brackets: `in: ["12", "14"]`'),
        # As the file writes it: YAML reads 007 as 7, and `"7"` never equals a site's `"007"`
        ("{field: store, in: 007, 012}", 'write a list in brackets: `in: ["007", "012"]`'),
        ("{field: store, in: 12.50}", 'write a list in brackets: `in: ["12.50"]`'),
        ('{field: store, in: "12, 14"}', 'write a list in brackets: `in: ["12", "14"]`'),
        ('{field: store, in: "Gold, Inc."}', 'write a list in brackets: `in: ["Gold, Inc."]`'),
        # A field of the plan's own: the quotes say each is text (it had been `in: [12, 14]`)
        ('{field: site.code, in: "12, 14"}', 'write a list in brackets: `in: ["12", "14"]`'),
        ("{field: rating, in: 1, 2}", "write a list in brackets: `in: [1, 2]`"),  # numbers
        # Numbers a comma parted after an operator of one value: sites, not a decimal comma
        # (`eq: 12.14` had been hinted), for a field events send as text.
        ("{field: store, eq: 12, 14}", 'to match any of these values, write `in: ["12", "14"]`'),
        (
            "{field: store, ne: 007, 12}",
            'to match none of these values, write `not_in: ["007", "12"]`',
        ),
        ("{field: order.total, eq: 12, 50}", "write decimals with a dot: `eq: 12.50`"),
        ('{field: rating, in: "1, 2"}', "write a list in brackets: `in: [1, 2]`"),
    ],
)
def test_a_text_in_quotes_where_a_list_is_wanted_stays_text_in_the_hint(
    test: str, hint: str, tmp_path: Path
) -> None:
    """A site's number in quotes, `in: "12"`, had been hinted `in: [12]`: a number, which never
    equals the `"12"` events send, so the fix made a rule that never fires. The quotes the
    author wrote are kept where YAML would read the text as something else."""
    path = tmp_path / "plan.yaml"
    rule = RULE.replace("- {field: rating, lte: 2}", f"- {test}")
    path.write_text(HEADER + rule, encoding="utf-8")
    assert {found.hint for found in check_plan(path)} == {hint}


def test_a_key_after_a_whole_list_is_still_an_unknown_key(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(action_plan("then", "tag", "{tags: [late], cold}"), encoding="utf-8")
    [found] = check_plan(path)
    assert (found.code, found.source.pointer) == ("unknown-key", "/rules/0/then/0/tag/cold")


@pytest.mark.parametrize(
    ("section", "action", "params"),
    [
        ("prevent", "root_cause", "{owner: x, within: 7d, due: 2026-12-31}"),
        ("prevent", "process_fix", "{owner: x, deadline: 2026-12-31}"),
        ("then", "apologize", "{by: 2026-12-31}"),
    ],
)
def test_a_deadline_under_another_key_is_told_to_be_within(
    section: str, action: str, params: str, tmp_path: Path
) -> None:
    """`due: 2026-12-31` was told only "did you mean `within`?", which left a manager to write
    the date under `within:` next (found by review)."""
    path = tmp_path / "plan.yaml"
    path.write_text(action_plan(section, action, params), encoding="utf-8")
    [found] = check_plan(path)
    assert found.code == "unknown-key"
    assert found.hint == (
        "a deadline is written `within:`, a length of time after the complaint, such as "
        "`within: 14d`; a calendar date cannot be written"
    )


@pytest.mark.parametrize(
    ("section", "action", "hint"),
    [
        (
            "then",
            "apologize",
            "an action holds its settings in braces, `{}` for none: `- apologize: {}`",
        ),
        ("then", "x-ship", "an action holds its settings in braces, `{}` for none: `- x-ship: {}`"),
        (
            "then",
            "escalate",  # a remedy and a prevention action both
            "an action holds its settings in braces, and `escalate` needs `to:`, such as "
            "`- escalate: {to: cx-lead, within: 30m}`",
        ),
        (
            "prevent",
            "training",
            "an action holds its settings in braces, and `training` needs `owner:`, such as "
            "`- training: {owner: team-lead, within: 14d}`",
        ),
        ("then", "training", "`training` is a prevention action: put it under `prevent:`"),
        ("prevent", "apologize", "`apologize` is a remedy action: put it under `then:`"),
        (
            "then",
            "refund",  # an offer alone: its kind, not the example of a voucher (found by review)
            "`refund` is not an action type (did you mean `compensate`?); a refund is an offer: "
            "write `- compensate:` with `kind: refund` under it, and its size (`amount: 20`, or "
            "`percent: 10` with `of: order.total`)",
        ),
        (
            "prevent",
            "voucher",
            "`voucher` is not an action type (did you mean `compensate`?); a voucher is an "
            "offer: write `- compensate:` under `then:` (an offer makes it right) with `kind: "
            "voucher` under it, and its size (`amount: 20`, or `percent: 10` with `of: "
            "order.total`)",
        ),
    ],
)
def test_an_action_written_as_its_type_alone_is_hinted_with_its_settings(
    section: str, action: str, hint: str, tmp_path: Path
) -> None:
    """`- apologize` (a plan test's way) had the schema's example of any action, worded
    "`- type: {parameters}`", which reads as a key `type:`."""
    path = tmp_path / "plan.yaml"
    text = action_plan(section, action, "{}").replace(f"- {action}: {{}}", f"- {action}")
    path.write_text(text, encoding="utf-8")
    [found] = check_plan(path)
    assert (found.code, found.hint) == ("wrong-type", hint)
    if "`{}` for none" in hint:  # the plan written as the hint says is valid
        path.write_text(text.replace(f"- {action}", f"- {action}: {{}}"), encoding="utf-8")
        assert check_plan(path) == []


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("refund", "refund"),
        ("store_credit", "store_credit"),
        ("Voucher", "voucher"),
        ("refunds", "refund"),  # a plural, as its singular
        ("store-credits", "store_credit"),
    ],
)
def test_an_offer_written_as_an_action_is_told_how_to_write_it(
    written: str, kind: str, tmp_path: Path
) -> None:
    """`- refund: {amount: 20}` had "did you mean `compensate`?" and the list of actions, which
    left the manager to find where `refund` then goes (and `store_credit` had no did-you-mean).
    Written as the hint says, the plan is valid."""
    path = tmp_path / "plan.yaml"
    path.write_text(action_plan("then", written, "{amount: 20}"), encoding="utf-8")
    [found] = check_plan(path)
    assert found.code == "unknown-action"
    assert found.message.startswith(
        f"`{written}` is not a remedy action (did you mean `compensate`?)"
    )
    assert found.hint == (
        f"a {kind.replace('_', ' ')} is an offer: write `- compensate:` with `kind: {kind}` "
        "under it, and its size (`amount: 20`, or `percent: 10` with `of: order.total`)"
    )
    mended = action_plan("then", "compensate", f"{{kind: {kind}, amount: 20}}")
    path.write_text(mended, encoding="utf-8")
    assert check_plan(path) == []


@pytest.mark.parametrize("written", ["credit", "Credit", "credits"])
def test_a_credit_written_as_an_action_is_told_both_kinds_it_may_mean(
    written: str, tmp_path: Path
) -> None:
    """`- credit:` names no kind of offer (store credit or money back?): it had the did-you-mean
    `compensate` alone. It is told both kinds, each with what it is; written either way, the
    plan is valid."""
    path = tmp_path / "plan.yaml"
    path.write_text(action_plan("then", written, "{amount: 20}"), encoding="utf-8")
    [found] = check_plan(path)
    assert found.code == "unknown-action"
    assert found.hint == (
        "a credit is an offer: write `- compensate:` with `kind: store_credit` (credit to spend "
        "with you; or `kind: refund`, money back to the customer) under it, and its size "
        "(`amount: 20`, or `percent: 10` with `of: order.total`)"
    )
    for kind in ("store_credit", "refund"):
        mended = action_plan("then", "compensate", f"{{kind: {kind}, amount: 20}}")
        path.write_text(mended, encoding="utf-8")
        assert check_plan(path) == []


def test_an_offer_written_under_prevent_is_told_to_go_under_then(tmp_path: Path) -> None:
    """`compensate` is a remedy action: the hint "write `- compensate:`" under `prevent:` led
    to another error, `compensate` is not a prevention action. Written as the hint says, the
    plan is valid."""
    path = tmp_path / "plan.yaml"
    path.write_text(action_plan("prevent", "refund", "{amount: 20}"), encoding="utf-8")
    [found] = check_plan(path)
    assert found.code == "unknown-action"
    assert found.message.startswith("`refund` is not a prevention action")
    assert found.hint == (
        "a refund is an offer: write `- compensate:` under `then:` (an offer makes it right) "
        "with `kind: refund` under it, and its size (`amount: 20`, or `percent: 10` with "
        "`of: order.total`)"
    )
    mended = action_plan("then", "compensate", "{kind: refund, amount: 20}")
    path.write_text(mended, encoding="utf-8")
    assert check_plan(path) == []


@pytest.mark.parametrize(
    ("section", "written", "hint"),
    [
        (
            "then",
            "apologise",
            "`apologise` is not an action type (did you mean `apologize`?); an action holds its "
            "settings in braces, `{}` for none: `- apologize: {}`",
        ),
        (
            "then",
            "trainnig",
            "`trainnig` is not an action type (did you mean `training`?); `training` is a "
            "prevention action: put it under `prevent:`",
        ),
        ("then", "x-Ship", ""),  # no custom action's type (lower-case letters only)
        ("then", "wobble", ""),  # like no action type: the schema's hint
    ],
)
def test_a_word_alone_that_is_no_action_type_is_hinted_with_the_type_it_is_a_slip_of(
    section: str, written: str, hint: str, tmp_path: Path
) -> None:
    """`- apologise` stopped validate with an internal error (KeyError), the settings of an
    action looked up by the word as written (found by review)."""
    path = tmp_path / "plan.yaml"
    path.write_text(
        action_plan(section, "apologize", "{}").replace("- apologize: {}", f"- {written}"),
        encoding="utf-8",
    )
    [found] = check_plan(path)
    assert found.code == "wrong-type"
    if hint:
        assert found.hint == hint
    else:  # the schema's own hint, never `- x-Ship: {}`, which is refused next
        assert found.hint.startswith("write each action as its type and its settings")


def test_an_action_written_as_its_type_alone_in_brackets_is_hinted_without_a_dash(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.yaml"
    text = action_plan("then", "apologize", "{}").replace("\n      - apologize: {}", " [apologize]")
    assert "then: [apologize]" in text
    path.write_text(text, encoding="utf-8")
    [found] = check_plan(path)
    assert found.hint == "an action holds its settings in braces, `{}` for none: `apologize: {}`"
    path.write_text(text.replace("[apologize]", "[apologize: {}]"), encoding="utf-8")
    assert check_plan(path) == []


def test_a_number_that_quotes_mend_is_still_told_to_be_quoted(tmp_path: Path) -> None:
    # a rule id of digits is one, and a title any text: quotes are the mend there
    path = tmp_path / "plan.yaml"
    path.write_text(action_plan("then", "apologize", "{}").replace("id: r", "id: 2026"))
    [found] = check_plan(path)
    assert found.hint == 'put it in quotes to make it text: `id: "2026"`'


@pytest.mark.parametrize(
    "when",
    [
        "when:\n      - {field: rating, lte: 2}",
        "when:\n      - event: order\n      - {field: rating, lte: 2}\n      - {field: public, eq: true}",
        "when: order",
        "when: x-chargeback",
        # every type kept, and a test written beside its type taken out of it
        "when:\n      - {event: review}\n      - {event: order}\n      - {field: rating, lte: 2}",
        "when:\n      - {event: review, field: rating, lte: 2}",
    ],
)
def test_the_mend_a_when_is_given_is_a_plan_the_schema_takes(when: str, tmp_path: Path) -> None:
    # `when:` written as a list of tests was told to drop the `- `, which gave
    # misplaced-test; `when: order` was told to use a named condition `order`.
    rule = f"  - id: r\n    title: T\n    {when}\n    then: [{{apologize: {{}}}}]\n"
    found = one_problem(HEADER + rule)
    [mend] = re.findall(r"`(when: \{[^`]*)`", found.hint)
    path = tmp_path / "plan.yaml"
    path.write_text(
        HEADER + f"  - id: r\n    title: T\n    {mend}\n    then: [{{apologize: {{}}}}]\n"
    )
    assert check_plan(path) == []


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("rating <= 2", "{field: rating, lte: 2}"),
        ("rating =< 2", "{field: rating, lte: 2}"),
        ("rating => 4", "{field: rating, gte: 4}"),
        ("rating ≥ 4", "{field: rating, gte: 4}"),
        ("severity <> low", "{field: severity, ne: low}"),
        ("channel == 'yelp'", "{field: channel, eq: yelp}"),
        ("rating < 3", "{field: rating, lt: 3}"),
    ],
)
def test_a_test_written_in_symbols_is_told_its_operator(text: str, written: str) -> None:
    # `rating => 4` was told `{field: rating, eq: > 4}`.
    hint = slips.named_condition_hint("/rules/0/when/all/0", text)
    assert hint == f"a test is written `{written}`"


@pytest.mark.parametrize(
    ("when", "said"),
    [
        # every event type is kept in the mend
        (
            "when:\n      - {event: review}\n      - {event: order}\n      - {field: rating, lte: 2}",
            "`when: {event: [review, order], all: [{field: rating, lte: 2}]}`",
        ),
        # a type written as a mapping (no type at all) made validate fail: unhashable type
        (
            "when:\n      - event: {type: order}\n      - {field: rating, lte: 2}",
            "`when: {event: {type: order}, all: [{field: rating, lte: 2}]}`",
        ),
    ],
)
def test_when_written_as_a_list_keeps_what_it_held(when: str, said: str) -> None:
    rule = f"  - id: r\n    title: T\n    {when}\n    then: [{{apologize: {{}}}}]\n"
    found = problems(HEADER + rule)
    assert any(d.hint.endswith(said) for d in found), [d.hint for d in found]


def test_a_true_before_a_comma_and_three_digits_is_no_number() -> None:
    # `amount: true,000` made validate fail: Decimal("True.000").
    found = problems(
        HEADER
        + "  - id: r\n    title: T\n    when: {event: order}\n"
        + "    then: [{compensate: {kind: voucher, amount: true,000}}]\n"
    )
    assert found and all(d.code for d in found)


def test_a_section_written_on_its_keys_line_is_told_to_use_braces() -> None:
    found = problem_of("plan:\n  compensation: combine: max\n")
    assert found.hint.startswith("put the settings in braces: `compensation: {combine: max}`")


def test_a_text_with_a_colon_is_not_told_to_hold_settings() -> None:
    # Only an action holds settings: `message: note: ...` is text, and braces would make it a
    # mapping where text goes.
    found = problem_of("then:\n  - escalate:\n      message: note: the customer is a VIP\n")
    assert found.hint == 'put the value in quotes: `message: "note: the customer is a VIP"`'


def test_an_action_is_one_key() -> None:
    text = (
        HEADER
        + "  - id: r\n    title: T\n    when: {event: order}\n    then:\n      - {apologize: {}, note: {message: hi}}\n"
    )
    found = one_problem(text)
    assert found.code == "action-shape"
    assert "`- `" in found.hint


@pytest.mark.parametrize(
    ("actions", "written"),
    [
        ("then:\n  - type: apologize\n    within: 1h\n", "`- apologize: {within: 1h}`"),
        ("then:\n  - type: apologize\n", "`- apologize: {}`"),  # a plan's action: a mapping
        ("prevent:\n  - {type: root_cause, owner: ops}\n", "`- root_cause: {owner: ops}`"),
    ],
)
def test_an_action_named_by_type_is_one_problem_with_its_item(actions: str, written: str) -> None:
    """`- type: apologize` then `within: 1h`, as a decision names an action's type, had been
    told that `type` and `within` were no remedy actions, and that the item had two keys."""
    text = HEADER + "  - id: r\n    title: T\n    when: {event: order}\n"
    found = one_problem(text + textwrap.indent(actions, "    "))
    section = actions.partition(":")[0]
    assert found.render().splitlines() == [
        f"plan.yaml:8:{9 if section == 'then' else 10}: error: `type:` does not name an action "
        f"in rule `r` ({section}); its type is its key [action-shape]",
        f"  hint: name it by its type, not by `type:`: {written}",
    ]


@pytest.mark.parametrize(
    ("actions", "written", "mended"),
    [
        (
            "then: [{type: apologize, within: 1h}]",
            "`apologize: {within: 1h}`",
            "then: [apologize: {within: 1h}]",
        ),
        (
            "then: [{type: apologise}]",
            "`apologize: {}`",
            "then: [apologize: {}]",
        ),
    ],
)
def test_an_action_named_by_type_in_brackets_is_hinted_without_a_dash(
    actions: str, written: str, mended: str, tmp_path: Path
) -> None:
    """`then: [{type: apologize}]` had been hinted `- apologize: {}`, whose `- ` brackets
    refuse (found by review); the item written as the hint says is valid."""
    path = tmp_path / "plan.yaml"  # (a file: the hint reads how the list is written)
    text = HEADER + "  - id: r\n    title: T\n    when: {event: order}\n    "
    path.write_text(text + actions + "\n", encoding="utf-8")
    [found] = check_plan(path)
    assert found.code == "action-shape"
    assert found.hint.endswith(f"name it by its type, not by `type:`: {written}")
    path.write_text(text + mended + "\n", encoding="utf-8")
    assert check_plan(path) == []


@pytest.mark.parametrize("actions", ["then:\n  - type: x-CRM\n", "then: [{type: x-CRM}]"])
def test_a_type_no_custom_action_has_is_not_hinted_as_the_item(actions: str) -> None:
    """`type: x-CRM` had been hinted `- x-CRM: {}`, a custom type the plan refuses next
    (lower-case letters only): it is told as what it is, not an action the plan takes."""
    text = HEADER + "  - id: r\n    title: T\n    when: {event: order}\n"
    assert all("x-CRM: {}" not in p.hint for p in problems(text + textwrap.indent(actions, "    ")))


@pytest.mark.parametrize(
    ("actions", "message", "hint"),
    [
        (  # was three problems: `type` and `within` no remedy actions, the item two keys
            "then:\n  - type: apologise\n    within: 1h\n",
            "`type:` does not name an action in rule `r` (then); its type is its key, and "
            "`apologise` is not an action type (did you mean `apologize`?)",
            "name it by its type, not by `type:`: `- apologize: {within: 1h}`",
        ),
        (  # was hinted `- training: {}`, which is then told it belongs under `prevent:`
            "then:\n  - type: training\n",
            "`type:` does not name an action in rule `r` (then); its type is its key",
            "`training` is a prevention action: put it under `prevent:` and name it by its "
            "type, not by `type:`: `- training: {}`",
        ),
        (
            "prevent:\n  - {type: apologize, within: 1h}\n",
            "`type:` does not name an action in rule `r` (prevent); its type is its key",
            "`apologize` is a remedy action: put it under `then:` and name it by its type, not "
            "by `type:`: `- apologize: {within: 1h}`",
        ),
        (
            "then:\n  type: training\n",
            "expected a list, found a mapping in rule `r` (then)",
            "`training` is a prevention action: put it under `prevent:` as a list item (`- `) "
            "and name it by its type, not by `type:`: `- training: {}`",
        ),
        (  # as a mapping, a misspelt type had been told only "expected a list"
            "then:\n  type: apologise\n",
            "expected a list, found a mapping in rule `r` (then)",
            "`apologise` is not an action type (did you mean `apologize`?); `then:` holds a "
            "list: start the action with `- ` and name it by its type, not by `type:`: "
            "`- apologize: {}`",
        ),
        (
            "then:\n  type: trainig\n",
            "expected a list, found a mapping in rule `r` (then)",
            "`trainig` is not an action type (did you mean `training`?); `training` is a "
            "prevention action: put it under `prevent:` as a list item (`- `) and name it by "
            "its type, not by `type:`: `- training: {}`",
        ),
    ],
)
def test_an_action_named_by_a_misspelt_type_or_in_the_other_list_is_one_problem(
    actions: str, message: str, hint: str
) -> None:
    """A misspelt type is told with its did-you-mean, and an action of the rule's other list
    is sent there, in the one problem of its item (found by review)."""
    text = HEADER + "  - id: r\n    title: T\n    when: {event: order}\n"
    found = one_problem(text + textwrap.indent(actions, "    "))
    assert (found.message, found.hint) == (message, hint)


def test_actions_in_braces_named_by_a_misspelt_type_are_hinted_the_list(tmp_path: Path) -> None:
    """``then: {type: apologise}`` had been told only "expected a list, found a mapping", where
    ``{type: apologize}`` is hinted the list in brackets (found by review). Read from a file:
    the braces are seen in its text."""
    from engine.api import validate_plan

    path = tmp_path / "plan.yaml"
    path.write_text(
        HEADER + "  - id: r\n    title: T\n    when: {event: order}\n"
        "    then: {type: apologise, within: 1h}\n",
        encoding="utf-8",
    )
    _, [found] = validate_plan(path)
    assert (found.message, found.hint) == (
        "expected a list, found a mapping in rule `r` (then)",
        "`apologise` is not an action type (did you mean `apologize`?); write a list in "
        "brackets, not braces: `then: [{apologize: {within: 1h}}]`",
    )


@pytest.mark.parametrize(
    ("actions", "hint"),
    [
        (
            "then: {type: training}",
            "`training` is a prevention action: put it under `prevent:` and write a list in "
            "brackets, not braces: `prevent: [{training: {}}]`",
        ),
        (
            "prevent: {type: apologise, within: 1h}",
            "`apologise` is not an action type (did you mean `apologize`?); `apologize` is a "
            "remedy action: put it under `then:` and write a list in brackets, not braces: "
            "`then: [{apologize: {within: 1h}}]`",
        ),
    ],
)
def test_an_action_of_the_other_list_in_braces_is_sent_there(
    actions: str, hint: str, tmp_path: Path
) -> None:
    """``then: {type: training}`` was hinted ``then: [{training: {}}]``, which is then told
    it belongs under ``prevent:``; written with dashes, it is sent there at once (found by
    review). Read from a file: the braces are seen in its text."""
    from engine.api import validate_plan

    path = tmp_path / "plan.yaml"
    rule = HEADER + "  - id: r\n    title: T\n    when: {event: order}\n"
    path.write_text(rule + f"    {actions}\n", encoding="utf-8")
    _, [found] = validate_plan(path)
    assert found.hint == hint


@pytest.mark.parametrize(
    ("actions", "hint"),
    [
        (
            "then:\n  type: escalate\n  to: lead\n",
            "`then:` holds a list: start the action with `- ` and name it by its type, not by "
            "`type:`: `- escalate: {to: lead}`",
        ),
        (
            "then:\n  apologize: {within: 1h}\n  escalate: {to: lead}\n",
            "`then:` holds a list: start each action with `- `, one under the other: "
            "`- apologize: {within: 1h}`, then `- escalate: {to: lead}`",
        ),
        (
            "then:\n  within: 1h\n",
            "write each action as a list item, such as `- apologize: {within: 1h}`",
        ),  # no action in it: the schema's example
        (
            "then:\n  apologize:\n  escalate:\n",
            "write each action as a list item, such as `- apologize: {within: 1h}`",
        ),  # words: a plan's action is never its type alone, and what it holds is not known
    ],
)
def test_a_rules_actions_written_as_a_mapping_are_hinted_the_list(actions: str, hint: str) -> None:
    """As a plan test's `actions:` is: the schema's example of any action had been the hint."""
    text = HEADER + "  - id: r\n    title: T\n    when: {event: order}\n"
    found = one_problem(text + textwrap.indent(actions, "    "))
    assert found.message == "expected a list, found a mapping in rule `r` (then)"
    assert found.hint == hint


def _lined_up(setting: str) -> str:
    """A plan whose one action has ``setting`` lined up with it, under `apologize: {...}`."""
    return HEADER + textwrap.indent(
        textwrap.dedent(
            f"""\
            - id: r1
              title: Bad review
              when: {{event: review}}
              then:
                - apologize:
                    within: 1h
                  {setting}: Sorry
            """
        ),
        "  ",
    )


@pytest.mark.parametrize(
    ("written", "meant"), [("message", "message"), ("mesage", "message"), ("chanel", "channel")]
)
def test_a_misspelt_setting_lined_up_with_its_action_is_one_problem(
    written: str, meant: str
) -> None:
    """Misspelt, it had been three problems (the item's shape, no such action, with a
    did-you-mean of an action, and the action's settings left out) whose advice left two."""
    found = one_problem(_lined_up(written))
    assert found.code == "action-shape"
    assert found.message == (
        f"`{written}` is lined up with `apologize`, so it is read as a second action "
        "in rule `r1` (then)"
    )
    spelling = "" if written == meant else f", and write `{meant}`"
    assert found.hint == (
        f"to make it a setting of `apologize`, indent it to column 11, under `within:`{spelling}"
    )
    assert (found.source.line, found.source.column) == (10, 9)


def test_a_setting_with_no_value_beside_its_actions_braces_is_moved_in_as_null() -> None:
    """The setting moved into the braces is written as YAML reads it: nothing after its
    colon is `null` (slips/written.py's flow, never run for a null)."""
    found = one_problem(
        HEADER
        + "  - id: r1\n"
        + "    title: Bad review\n"
        + "    when: {event: review}\n"
        + "    then:\n"
        + "      - compensate: {kind: voucher, amount: 5}\n"
        + "        within:\n"
    )
    assert found.hint == (
        "to make it a setting of `compensate`, move it inside its braces: "
        "`compensate: {kind: voucher, amount: 5, within: null}`"
    )


@pytest.mark.parametrize(
    ("rule", "hint"),
    [
        (  # the same setting twice: not one mapping's settings, so no mapping is written
            "    when: {event: order}\n"
            "    then:\n      - compensate:\n          - kind: voucher\n          - kind: refund\n",
            "for example: `compensate: {kind: voucher, percent: 20, of: order.total, min: 10, "
            "max: 40, within: 1d}`",
        ),
        (  # an event type written twice is listed once
            "    when:\n      - event: review\n      - event: [review, order]\n"
            "      - field: rating\n        lte: 2\n    then: [{apologize: {}}]\n",
            "`when:` holds one mapping, not a list: put the tests under `all:` (each must hold) "
            "or `any:` (one is enough): `when: {event: [review, order], all: [{field: rating, "
            "lte: 2}]}`",
        ),
    ],
    ids=["a-setting-listed-twice", "an-event-type-listed-twice"],
)
def test_a_mapping_written_as_a_list_is_hinted_without_losing_or_doubling_a_value(
    rule: str, hint: str
) -> None:
    """slips/kinds.py 81 and 148: each had never run."""
    found = one_problem(HEADER + "  - id: r1\n    title: Bad review\n" + rule)
    assert found.hint == hint


@pytest.mark.parametrize(
    ("rule", "hint"),
    [
        (  # a decimal comma in braces: YAML made a key `5` without a value
            "    when:\n      all:\n        - - {field: rating, lte: 1,5}\n"
            "    then: [{apologize: {}}]\n",
            "remove the extra `- `: this item is one mapping",
        ),
        (  # the words after a comma in braces: a key `very late` without a value
            "    when:\n      all:\n        - - {field: issue, eq: late, very late}\n"
            "    then: [{apologize: {}}]\n",
            "remove the extra `- `: this item is one mapping",
        ),
        (
            "    when:\n      - event: review\n        all: [{field: rating, lte: 1,5}]\n"
            "    then: [{apologize: {}}]\n",
            "remove the `- `: `when:` holds one mapping, not a list",
        ),
        (  # deeper in, in the mapping's first value
            "    when:\n      all:\n        - - {not: {field: rating, lte: 1,5}, any: []}\n"
            "    then: [{apologize: {}}]\n",
            "remove the extra `- `: this item is one mapping",
        ),
        (  # nothing made up: the mapping is written out, as before
            "    when:\n      all:\n        - - {field: rating, lte: 1.5}\n"
            "    then: [{apologize: {}}]\n",
            "remove the extra `- `: this item is one mapping, `{field: rating, lte: 1.5}`",
        ),
    ],
    ids=["decimal-comma", "text-cut", "under-its-key", "deeper-in", "nothing-made-up"],
)
def test_a_mapping_made_a_list_holding_a_key_yaml_made_is_not_written_out(
    rule: str, hint: str
) -> None:
    """The mapping written back showed `{field: rating, lte: 1, 5: null}`, keys and nulls the
    manager never wrote (found by review)."""
    found = one_problem(HEADER + "  - id: r1\n    title: Bad review\n" + rule)
    assert found.hint == hint


@pytest.mark.parametrize(
    ("written", "example"),
    [
        ("{not: {field: rating, lte: 2}}", " (`- {not: {field: rating, lte: 2}}`)"),
        ("{lte: 2}", ""),  # no field: no condition to show as an item
    ],
)
def test_one_key_under_all_without_its_dash_is_shown_as_an_item_when_it_is_a_group(
    written: str, example: str
) -> None:
    """slips/kinds.py 190: a mapping of one key had never been asked whether it is one
    condition."""
    found = one_problem(
        HEADER
        + "  - id: r1\n    title: Bad review\n"
        + f"    when: {{event: review, all: {written}}}\n    then: [{{apologize: {{}}}}]\n"
    )
    assert found.hint == (
        f"`all:` holds a list of conditions: start each with `- `{example}, one under the other"
    )


def test_an_action_lined_up_with_another_is_not_read_as_its_setting() -> None:
    """A near-miss of an action's name (`escalte`) is a second action, told as one."""
    found = problems(_lined_up("escalte"))
    assert [d.code for d in found] == ["action-shape", "unknown-action"]
    assert "(did you mean `escalate`?)" in found[1].message


def test_a_misspelt_setting_lined_up_with_its_action_without_settings() -> None:
    text = HEADER + textwrap.indent(
        textwrap.dedent(
            """\
            - id: r1
              title: Bad review
              when: {event: review}
              then:
                - apologize:
                  mesage: Sorry
            """
        ),
        "  ",
    )
    found = one_problem(text)
    assert found.render().splitlines() == [
        "plan.yaml:9:9: error: `mesage` is lined up with `apologize`, so it is read as a second "
        "action in rule `r1` (then) [action-shape]",
        "  hint: to make it a setting of `apologize`, indent it to column 11, two spaces right of "
        "`apologize:`, and write `message`",
    ]


def _wide(lines: list[str]) -> str:
    """A plan of one rule whose lines after `title:` are ``lines`` (indented as rule keys)."""
    return HEADER + "  - id: r1\n    title: T\n" + "".join(f"    {line}\n" for line in lines)


def test_many_settings_lined_up_with_an_action_are_each_judged_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each key lined up with an action was judged against the action's settings once per
    key of the item: K² difflib look-ups (1,000 keys, 17 KB, took a minute to validate)."""
    keys = 60
    judged: list[str] = []
    judge = slip_settings._setting_meant

    def counting(key: str, *args: Any) -> str | None:
        judged.append(key)
        return judge(key, *args)

    monkeypatch.setattr(slip_settings, "_setting_meant", counting)  # (where it runs)
    lines = ["when: {all: [{field: rating, lte: 2}]}", "then:", "- apologize:", "    within: 1h"]
    found = problems(_wide(lines + [f"  mesage{i}: x" for i in range(keys)]))
    assert [d.code for d in found] == ["action-shape"] * keys
    assert found[-1].message == (
        f"`mesage{keys - 1}` is lined up with `apologize`, so it is read as a second action "
        "in rule `r1` (then)"
    )
    assert found[-1].hint.endswith("under `within:`, and write `message`")
    assert judged.count("mesage7") == 1
    assert len(judged) < 2 * keys


def test_a_long_list_cut_at_its_commas_is_one_problem_written_out_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each key the commas made showed the whole list again: K keys, K² of hints (and of
    time); then each was a problem of its own, pointing to the first. The list operator's
    problem shows the list, once, and is the only one (found by review)."""
    keys = 200
    written: list[str] = []
    list_hint = slips.list_hint

    def counting(pointer: str, *args: Any) -> str:
        written.append(pointer)
        return list_hint(pointer, *args)

    monkeypatch.setattr(slip_hints, "list_hint", counting)  # (where Slips.list_hint calls it)
    rest = ", ".join(f"x{i}" for i in range(keys))
    test = f"{{field: channel, in: yelp, {rest}}}"
    [found] = problems(_wide([f"when: {{all: [{test}]}}", "then: [{apologize: {within: 1h}}]"]))
    assert found.hint == f"write a list in brackets: `in: [yelp, {rest}]`"
    assert written == ["/rules/0/when/all/0/in"]


def test_a_long_text_cut_at_its_commas_is_quoted_at_most_so_far_for_each_key() -> None:
    """Each key the commas made quoted the whole text up to it: a message cut at 4,000 commas,
    39 KB, gave 77 MB of hints. The text is quoted up to a length, then cut with `…`."""
    keys = 300
    words = [f"word{i}" for i in range(keys)]
    message = "{within: 1h, message: Hi, " + ", ".join(words) + "}"
    found = problems(
        _wide(["when: {all: [{field: rating, lte: 2}]}", f"then: [{{apologize: {message}}}]"])
    )
    assert len(found) == keys
    assert found[1].hint == (
        "if `word1` is the rest of the text of `message`, cut at a comma, put the whole text in "
        'quotes: `message: "Hi, word0, word1"`'
    )
    assert max(len(d.hint) for d in found) < 400  # the text cut at its commas is 2.7 KB
    last = found[-1].hint
    assert last.startswith(f"if `word{keys - 1}` is the rest of the text of `message`")
    clipped = ("Hi, " + ", ".join(words))[: slips.QUOTED_AT_MOST - 1] + "…"
    assert last.endswith(f'`message: "{clipped}"`')


def test_compensation_needs_amount_or_percent() -> None:
    found = one_problem(action_plan("then", "compensate", "{kind: voucher}"))
    assert found.code == "compensation-amount"
    assert found.source.pointer == "/rules/0/then/0/compensate"
    both = one_problem(
        action_plan("then", "compensate", "{kind: refund, amount: 5, percent: 10, of: order.total}")
    )
    assert both.code == "compensation-amount"


def test_percent_needs_of() -> None:
    found = one_problem(action_plan("then", "compensate", "{kind: voucher, percent: 20}"))
    assert found.code == "missing-key"
    assert found.message.startswith("`percent` needs `of` beside it")
    assert "order.total" in found.hint
    assert found.source.pointer == "/rules/0/then/0/compensate"


@pytest.mark.parametrize("written", ["10%", "10 %", '"10%"'])
def test_an_amount_written_as_a_percentage_is_told_to_be_a_percent(written: str) -> None:
    """``amount: 10%`` means a tenth of the order: `write the number without %` had given
    ``amount: 10``, 10 of the plan's currency (found by review)."""
    found = one_problem(action_plan("then", "compensate", f"{{kind: voucher, amount: {written}}}"))
    assert found.code == "wrong-type"
    assert found.hint == "`amount` is a fixed sum; a percentage is written `percent: 10`"


def test_a_percent_written_with_its_sign_is_told_to_leave_it_out() -> None:
    found = one_problem(
        action_plan("then", "compensate", "{kind: voucher, percent: 10%, of: order.total}")
    )
    assert found.hint == "write the number without `%`: `percent: 10`"


def test_percent_is_at_most_100() -> None:
    found = one_problem(
        action_plan("then", "compensate", "{kind: voucher, percent: 120, of: order.total}")
    )
    assert found.code == "out-of-range"
    assert "at most 100" in found.message


# --- Did you mean ------------------------------------------------------------------------------

RULE = """\
  - id: r
    title: T
    when:
      event: review
      all:
        - {field: rating, lte: 2}
    then:
      - apologize: {}
"""


def plan_with(old: str, new: str) -> str:
    """A plan of one rule (:data:`RULE`) with ``old`` written ``new``."""
    assert old in HEADER + RULE
    return (HEADER + RULE).replace(old, new)


TESTED_IN = "field: issue\n          in:\n            "
"""A test of the rule in :data:`RULE` whose list of ``in:`` starts on the next line."""
GLUED_LATE = "put a space after the `-`: `- late`"


@pytest.mark.parametrize(
    ("plan", "message", "hint"),
    [
        (
            plan_with("{field: rating, lte: 2}", "issue in [late, cold]"),
            "expected a mapping (keys and values), found text `issue in [late, cold]` in rule "
            "`r` (when › all)",
            "a test is written `{field: issue, in: [late, cold]}`",
        ),
        (  # the quotes are YAML's, not the items': kept, the rule validated and never fired
            plan_with("{field: rating, lte: 2}", 'customer.tier in ["gold", "a, b"]'),
            'expected a mapping (keys and values), found text `customer.tier in ["gold", '
            '"a, b"]` in rule `r` (when › all)',
            'a test is written `{field: customer.tier, in: [gold, "a, b"]}`',
        ),
        (  # a quote left open: no YAML to read, words split (slips/lists.py 454, never run)
            plan_with("{field: rating, lte: 2}", "issue in [late, 'cold]"),
            "expected a mapping (keys and values), found text `issue in [late, 'cold]` in rule "
            "`r` (when › all)",
            "a test is written `{field: issue, in: [late, cold]}`",
        ),
        (  # a tag: building `!!int late` had raised ValueError, an internal error
            plan_with("{field: rating, lte: 2}", "issue in [!!int late]"),
            "expected a mapping (keys and values), found text `issue in [!!int late]` in rule "
            "`r` (when › all)",
            'a test is written `{field: issue, in: ["!!int late"]}`',
        ),
        (  # a list in the list: each item kept as text (slips/lists.py 458, never run)
            plan_with("{field: rating, lte: 2}", "issue in [late, [cold]]"),
            "expected a mapping (keys and values), found text `issue in [late, [cold]]` in rule "
            "`r` (when › all)",
            'a test is written `{field: issue, in: [late, "[cold]"]}`',
        ),
        (  # a bracket left out: the other is the list's, not an item's (had been `"[late"`)
            plan_with("{field: rating, lte: 2}", "issue in [late, cold"),
            "expected a mapping (keys and values), found text `issue in [late, cold` in rule "
            "`r` (when › all)",
            "a test is written `{field: issue, in: [late, cold]}`",
        ),
        (  # (had been `"cold]"`)
            plan_with("{field: rating, lte: 2}", "issue in late, cold]"),
            "expected a mapping (keys and values), found text `issue in late, cold]` in rule "
            "`r` (when › all)",
            "a test is written `{field: issue, in: [late, cold]}`",
        ),
        (
            plan_with("{field: rating, lte: 2}", "issue not in (late, cold)"),
            "expected a mapping (keys and values), found text `issue not in (late, cold)` in "
            "rule `r` (when › all)",
            "a test is written `{field: issue, not_in: [late, cold]}`",
        ),
        (
            plan_with("{field: rating, lte: 2}", "{field: issue, in: {late, cold}}"),
            "expected a list, found a mapping in rule `r` (when › all › in)",
            "write a list in brackets, not braces: `in: [late, cold]`",
        ),
        (  # the values named as a parameter's (no hint before)
            plan_with("{field: rating, lte: 2}", "{field: rating, in: {value: 3}}"),
            "expected a list, found a mapping in rule `r` (when › all › in)",
            "write the values in brackets, without `value:`: `in: [3]`",
        ),
        (
            plan_with("{field: rating, lte: 2}", "{field: rating, not_in: {values: [1, 2]}}"),
            "expected a list, found a mapping in rule `r` (when › all › not_in)",
            "write the values in brackets, without `values:`: `not_in: [1, 2]`",
        ),
        (  # the values named, but none to write in brackets: the list to write
            plan_with("{field: rating, lte: 2}", "{field: rating, in: {values: []}}"),
            "expected a list, found a mapping in rule `r` (when › all › in)",
            "`in:` takes a list of values in brackets, not a mapping: `in: [twitter, yelp]`",
        ),
        (  # names with values: either may be meant, so both are shown (no hint before)
            plan_with("{field: rating, lte: 2}", "{field: issue, in: {a: 1, b: 2}}"),
            "expected a list, found a mapping in rule `r` (when › all › in)",
            "`in:` takes a list in brackets, not names with values: `in: [a, b]` (what is "
            "before each `:`) or `in: [1, 2]` (what is after it)",
        ),
        (  # another field to compare with, as for `lte:` (no hint before)
            plan_with("{field: rating, lte: 2}", "{field: tags, contains_any: {field: x.y}}"),
            "expected a list, found a mapping in rule `r` (when › all › contains_any)",
            "`contains_any:` compares the field with values written in the plan "
            "(`contains_any: [rude, impolite]`); a test cannot compare two fields of the event",
        ),
        (  # any other mapping: the list to write, the schema's example (no hint before)
            plan_with("{field: rating, lte: 2}", "{field: issue, in: {a: {b: 1}}}"),
            "expected a list, found a mapping in rule `r` (when › all › in)",
            "`in:` takes a list of values in brackets, not a mapping: `in: [twitter, yelp]`",
        ),
        (  # braces around the value: it had been hinted `eq: "{yelp}"`, the text with braces
            plan_with("{field: rating, lte: 2}", "{field: channel, eq: {yelp}}"),
            "expected text or a number or true or false or empty, found a mapping in rule `r` "
            "(when › all › eq)",
            "write the value without braces (braces make a mapping): `eq: yelp`",
        ),
        (  # a number in braces: its key is read as text, but `3` is what was written
            plan_with("{field: rating, lte: 2}", "{field: rating, lte: {3}}"),
            "expected a number or text, found a mapping in rule `r` (when › all › lte)",
            "write the value without braces (braces make a mapping): `lte: 3`",
        ),
        (  # another field to compare with: the language compares with values (no hint before)
            plan_with("{field: rating, lte: 2}", "{field: rating, lte: {field: survey.score}}"),
            "expected a number or text, found a mapping in rule `r` (when › all › lte)",
            "`lte:` compares the field with a value written in the plan (`lte: 3`); a test "
            "cannot compare two fields of the event",
        ),
        (  # any other mapping (no hint before)
            plan_with("{field: rating, lte: 2}", "{field: channel, ne: {name: yelp}}"),
            "expected text or a number or true or false or empty, found a mapping in rule `r` "
            "(when › all › ne)",
            "`ne:` takes one value, written after it without braces: `ne: late` or `ne: 3`",
        ),
        (  # between's bounds named: it had been told "found a mapping" only (found by review)
            plan_with("{field: rating, lte: 2}", "{field: rating, between: {min: 4, max: 2}}"),
            "expected a list, found a mapping in rule `r` (when › all › between)",
            "write the two bounds in brackets, lowest first: `between: [2, 4]`",
        ),
        (  # a bound that is no number: no telling what was meant
            plan_with("{field: rating, lte: 2}", "{field: rating, between: {min: 1, max: x}}"),
            "expected a list, found a mapping in rule `r` (when › all › between)",
            "",
        ),
        (  # the schema's own hint had been said: write a list, such as `tags: [delivery, vip]`
            plan_with("title: T", "title: T\n    tags: {late, cold}"),
            "expected a list, found a mapping in rule `r` (tags)",
            "write a list in brackets, not braces: `tags: [late, cold]`",
        ),
        (  # the author's own tags, not the schema's example `tags: [delivery, vip]`
            plan_with("title: T", "title: T\n    tags: repairs, parts"),
            "expected a list, found text `repairs, parts` in rule `r` (tags)",
            "write a list in brackets: `tags: [repairs, parts]`",
        ),
        (  # one tag written alone (the schema's example had been said too)
            plan_with("title: T", "title: T\n    tags: repairs"),
            "expected a list, found text `repairs` in rule `r` (tags)",
            "write a list in brackets: `tags: [repairs]`",
        ),
        (  # the plan's own fields, not `extra_fields: [prescription.delay_hours]`
            plan_with("currency: USD}", "currency: USD, extra_fields: bike.brand}"),
            "expected a list, found text `bike.brand` in `plan` (extra_fields)",
            "write a list in brackets: `extra_fields: [bike.brand]`",
        ),
        (  # a number in words with its currency: it had had no hint (found by review)
            plan_with("apologize: {}", "compensate: {kind: voucher, amount: ten euros}"),
            "expected a number, found text `ten euros` in rule `r` (then › compensate › amount)",
            _number_only("10", "ten euros", "EUR"),
        ),
        (
            plan_with("apologize: {}", "compensate: {kind: voucher, amount: €twenty}"),
            "expected a number, found text `€twenty` in rule `r` (then › compensate › amount)",
            _number_only("20", "€twenty", "EUR"),
        ),
        (  # a number is no tag: the schema's example stays
            plan_with("title: T", "title: T\n    tags: 5"),
            "expected a list, found a number `5` in rule `r` (tags)",
            "write a list, such as `tags: [delivery, vip]`",
        ),
        (  # actions are mappings, not words: the schema's hint stays
            plan_with("then:\n      - apologize: {}", "then: {apologize, tag}"),
            "expected a list, found a mapping in rule `r` (then)",
            "write each action as a list item, such as `- apologize: {within: 1h}`",
        ),
        (  # a branch of `event`'s anyOf: it had no key to write the list after
            plan_with("event: review", "event: {order, review}"),
            "expected a list, found a mapping in rule `r` (when › event)",
            "write a list in brackets, not braces: `event: [order, review]`",
        ),
        (
            plan_with("title: T", 'title: ["x"]'),
            "expected text, found a list in rule `r` (title)",
            "write the text without brackets: `title: x`",
        ),
        (
            plan_with("currency: USD}", "currency: USD, compensation: {per_event_max: -40}}"),
            "`-40` is too small; it must be at least 0 in `plan` (compensation › per_event_max)",
            "write a number from 0, such as `per_event_max: 40`",
        ),
        (  # without its minus it is too large: `percent: 150` had been the example
            plan_with(
                "apologize: {}", "compensate: {kind: voucher, percent: -150, of: order.total}"
            ),
            "`-150` is too small; it must be more than 0 in rule `r` (then › compensate › percent)",
            "write a number more than 0 and at most 100",
        ),
        (
            plan_with("apologize: {}", "compensate: {kind: voucher, amount: -5}"),
            "`-5` is too small; it must be more than 0 in rule `r` (then › compensate › amount)",
            "write a number more than 0, such as `amount: 5`",
        ),
        (  # often meant as "no compensation": it had no hint, where `amount: 0.001` had one
            plan_with("apologize: {}", "compensate: {kind: voucher, amount: 0}"),
            "`0` is too small; it must be more than 0 in rule `r` (then › compensate › amount)",
            "write the offer, such as `amount: 10`, or remove the `compensate` action to offer "
            "nothing",
        ),
        (
            plan_with(
                "apologize: {}", "compensate: {kind: voucher, percent: 0.0, of: order.total}"
            ),
            "`0.0` is too small; it must be more than 0 in rule `r` (then › compensate › percent)",
            "write the offer, such as `percent: 10`, or remove the `compensate` action to offer "
            "nothing",
        ),
        (  # in quotes, the hint had been `amount: 0`, refused next as too small
            plan_with("apologize: {}", "compensate: {kind: voucher, amount: '0'}"),
            "expected a number, found text `0` in rule `r` (then › compensate › amount)",
            "write the offer, such as `amount: 10`, or remove the `compensate` action to offer "
            "nothing",
        ),
        (
            plan_with("apologize: {}", "compensate: {kind: voucher, amount: '-5'}"),
            "expected a number, found text `-5` in rule `r` (then › compensate › amount)",
            "write a number more than 0, such as `amount: 5`",
        ),
        (  # it had no hint
            plan_with("apologize: {}", "compensate: {kind: voucher, amount: 99999999999}"),
            "`99999999999` is too large; it must be at most 1000000000 in rule `r` "
            "(then › compensate › amount)",
            "write a number at most 1000000000",
        ),
        (  # in quotes, it had been hinted without them, refused next as too large
            plan_with("apologize: {}", "compensate: {kind: voucher, amount: '99999999999'}"),
            "expected a number, found text `99999999999` in rule `r` (then › compensate › amount)",
            "write a number at most 1000000000, without quotes",
        ),
        (
            plan_with(
                "apologize: {}", "compensate: {kind: voucher, percent: 150%, of: order.total}"
            ),
            "expected a number, found text `150%` in rule `r` (then › compensate › percent)",
            "percent is out of 100, and 100 is all of the field named by `of`; to offer more than "
            "all of it, give a fixed `amount` instead",
        ),
        (  # it had been taken for one misspelt type: did you mean `review`?
            plan_with("event: review", "event: [complaint, order review]"),
            "a comma is missing between `order` and `review` in rule `r` (when › event)",
            "put a comma between the items: `event: [complaint, order, review]`",
        ),
        (
            plan_with("event: review", "event: [order x-late billing]"),
            "commas are missing between `order`, `x-late` and `billing` in rule `r` (when › event)",
            "put a comma between the items: `event: [order, x-late, billing]`",
        ),
        # a list's first item without a space after its `-`: YAML reads the list as one
        # text, and the hint had been that text in brackets, `in: ["-late - cold"]`
        (
            plan_with("{field: rating, lte: 2}", TESTED_IN + "-late\n            - cold"),
            "expected a list, found text `-late - cold` in rule `r` (when › all › in)",
            GLUED_LATE,
        ),
        (
            plan_with("{field: rating, lte: 2}", TESTED_IN + "-late  # soon"),
            "expected a list, found text `-late` in rule `r` (when › all › in)",
            GLUED_LATE,
        ),
        (  # a further item glued too is passed over (slips/lists.py 391, never run)
            plan_with(
                "{field: rating, lte: 2}", TESTED_IN + "-late\n            -cold\n            - wet"
            ),
            "expected a list, found text `-late -cold - wet` in rule `r` (when › all › in)",
            GLUED_LATE,
        ),
        (  # in braces, `-late` is no list's item: one text (slips/hints.py 254, never run)
            plan_with("{field: rating, lte: 2}", "{field: issue, in:\n          -late}"),
            "expected a list, found text `-late` in rule `r` (when › all › in)",
            "write a list in brackets: `in: [-late]`",
        ),
        (  # below its key, no `-` glued to it: its list's hint (slips/hints.py 259, never run)
            plan_with("{field: rating, lte: 2}", TESTED_IN + "late, cold"),
            "expected a list, found text `late, cold` in rule `r` (when › all › in)",
            "write a list in brackets: `in: [late, cold]`",
        ),
        (
            plan_with("{field: rating, lte: 2}", TESTED_IN + "-5\n            - 4"),
            "expected a list, found text `-5 - 4` in rule `r` (when › all › in)",
            "put a space after the `-`: `- 5`; or, for the number -5, put `- ` before it: `- -5`",
        ),
        (
            plan_with("{field: rating, lte: 2}", TESTED_IN + "-2\n            - 2"),
            "expected a list, found text `-2 - 2` in rule `r` (when › all › in)",
            "for the number -2, put `- ` before it: `- -2`",
        ),
        (  # it had been asked whether it meant `review`
            plan_with("event: review", "event:\n        -review\n        - order"),
            "`-review - order` is not an event type in rule `r` (when › event)",
            "put a space after the `-`: `- review`",
        ),
        (  # the schema's own hint had been said, `tags: [delivery, vip]`
            plan_with("title: T", "title: T\n    tags:\n      -late\n      - cold"),
            "expected a list, found text `-late - cold` in rule `r` (tags)",
            GLUED_LATE,
        ),
        (  # on the key's line the `-` is no list's item's: the list in brackets
            plan_with("{field: rating, lte: 2}", "field: rating\n          in: -5"),
            "expected a list, found a number `-5` in rule `r` (when › all › in)",
            "write a list in brackets: `in: [-5]`",
        ),
        # a list cut at its commas in braces is one problem: the key `cold` had been told to
        # quote the whole text (`tags: "late, cold"`), and in a test been an unknown operator
        # hinted the same list again
        (
            plan_with("apologize: {}", "tag: {tags: late, cold}"),
            "expected a list, found text `late` in rule `r` (then › tag › tags)",
            "write a list in brackets: `tags: [late, cold]`",
        ),
        (
            plan_with("apologize: {}", "tag: {tags: late, cold, wet}"),
            "expected a list, found text `late` in rule `r` (then › tag › tags)",
            "write a list in brackets: `tags: [late, cold, wet]`",
        ),
        (  # no problem at all was found, and building the plan raised a TypeError
            plan_with("apologize: {}", "tag: {tags: 1, 2}"),
            "expected a list, found a number `1` in rule `r` (then › tag › tags)",
            "write a list in brackets: `tags: [1, 2]`",
        ),
        (
            plan_with("{field: rating, lte: 2}", "{field: issue, in: late, cold}"),
            "expected a list, found text `late` in rule `r` (when › all › in)",
            "write a list in brackets: `in: [late, cold]`",
        ),
        (
            plan_with("{field: rating, lte: 2}", "{field: issue, not_in: late, cold, wet}"),
            "expected a list, found text `late` in rule `r` (when › all › not_in)",
            "write a list in brackets: `not_in: [late, cold, wet]`",
        ),
        (  # the key `2` had been the one problem, placed inside the list
            plan_with("{field: rating, lte: 2}", "{field: rating, in: 1, 2}"),
            "expected a list, found a number `1` in rule `r` (when › all › in)",
            "write a list in brackets: `in: [1, 2]`",
        ),
        (  # and had told the bounds to be written `between: [low, high]`
            plan_with("{field: rating, lte: 2}", "{field: rating, between: 1, 2}"),
            "expected a list, found a number `1` in rule `r` (when › all › between)",
            "write a list in brackets: `between: [1, 2]`",
        ),
        (  # three bounds: the hint had been `between: [1, 2, 3]`, which has one too many
            plan_with("{field: rating, lte: 2}", "{field: rating, between: 1, 2, 3}"),
            "expected a list, found a number `1` in rule `r` (when › all › between)",
            "write both bounds in brackets, lowest first: `between: [low, high]`",
        ),
        (
            plan_with("{field: rating, lte: 2}", "field: rating\n          between: 1, 2, 3"),
            "expected a list, found text `1, 2, 3` in rule `r` (when › all › between)",
            "write both bounds in brackets, lowest first: `between: [low, high]`",
        ),
        (  # the key `5` had been told it is no operator, with the operators listed
            plan_with("{field: rating, lte: 2}", "{field: rating, lte: 1,5}"),
            "`lte: 1,5` was read as `lte: 1` and a key `5`: in braces, a comma ends a value "
            "in rule `r` (when › all)",
            "write decimals with a dot: `lte: 1.5`",
        ),
        (  # each key had been a problem of its own
            plan_with("{field: rating, lte: 2}", "{field: order.total, gte: 1,000,000.50}"),
            "`gte: 1,000,000.50` was read as `gte: 1` and the keys `000`, `000.50`: in braces, "
            "a comma ends a value in rule `r` (when › all)",
            "write the number without thousands separators: `gte: 1000000.50`",
        ),
        (  # `00` had been told it is no operator, with the operators listed (found by review)
            plan_with("{field: rating, lte: 2}", "{field: order.total, gt: €100,00}"),
            "`gt: €100,00` was read as `gt: €100` and a key `00`: in braces, a comma ends a "
            "value in rule `r` (when › all)",
            _number_only("100.00", "€100,00", "EUR", key="gt"),
        ),
        (  # `cold` had been told it is no operator, with the operators listed
            plan_with("{field: rating, lte: 2}", "{field: issue, contains: late, cold}"),
            "`contains: late, cold` was read as `contains: late` and a key `cold`: in braces, a "
            "comma ends a value in rule `r` (when › all)",
            "to find any of these words, write `contains_any: [late, cold]`; all of them, "
            "`contains_all: [late, cold]`",
        ),
        (
            plan_with("{field: rating, lte: 2}", "{field: issue, eq: late, cold, wet}"),
            "`eq: late, cold, wet` was read as `eq: late` and the keys `cold`, `wet`: in braces, "
            "a comma ends a value in rule `r` (when › all)",
            "to match any of these values, write `in: [late, cold, wet]`",
        ),
        (  # a number before the comma: no words to list, and no internal error (commas.py 209)
            plan_with("{field: rating, lte: 2}", "{field: rating, eq: 5, cold}"),
            "`cold` is not an operator or a condition key in rule `r` (when › all)",
            "a test is a field and one operator, such as `{field: rating, lte: 2}`; operators "
            "are eq, ne, in, not_in, lt, lte, gt, gte, between, contains, contains_any, "
            "contains_all, starts_with, ends_with, matches, exists, missing",
        ),
        (  # it had been told its length only
            plan_with("{field: rating, lte: 2}", "{field: rating, between: [1,5, 3]}"),
            "this list has 3 items; it may have at most 2 in rule `r` (when › all › between)",
            "in brackets, a comma parts items (`1,5` is 1 and 5): write decimals with a dot, "
            "`between: [1.5, 3]`",
        ),
        (
            plan_with("{field: rating, lte: 2}", "field: rating\n          between: [1,5, 3,5]"),
            "this list has 4 items; it may have at most 2 in rule `r` (when › all › between)",
            "in brackets, a comma parts items (`1,5` is 1 and 5): write decimals with a dot, "
            "`between: [1.5, 3.5]`",
        ),
        (  # no telling which comma parts the items: only the bounds are asked for
            plan_with("{field: rating, lte: 2}", "{field: rating, between: [1,5,3]}"),
            "this list has 3 items; it may have at most 2 in rule `r` (when › all › between)",
            "write both bounds, lowest first: `between: [low, high]`",
        ),
        (  # a range as one item: it had been told its length only (found by review)
            plan_with("{field: rating, lte: 2}", "{field: rating, between: [1-2]}"),
            "this list has 1 item; it needs at least 2 in rule `r` (when › all › between)",
            "write the two bounds as two items, lowest first: `between: [1, 2]`",
        ),
        (
            plan_with("{field: rating, lte: 2}", "{field: order.total, between: [50 to 10.5]}"),
            "this list has 1 item; it needs at least 2 in rule `r` (when › all › between)",
            "write the two bounds as two items, lowest first: `between: [10.5, 50]`",
        ),
        (  # `1.2.3` is no number: no bounds to order (slips/lists.py 273, never run)
            plan_with("{field: rating, lte: 2}", "{field: order.total, between: [1.2.3 to 5]}"),
            "this list has 1 item; it needs at least 2 in rule `r` (when › all › between)",
            "write both bounds, lowest first: `between: [low, high]`",
        ),
        (  # one number: perhaps meant alone
            plan_with("{field: rating, lte: 2}", "{field: rating, between: [3]}"),
            "this list has 1 item; it needs at least 2 in rule `r` (when › all › between)",
            "`between` takes two bounds, lowest first: `between: [low, high]`; to test for 3 "
            "alone, write `eq: 3`",
        ),
        (  # a word: no range to read in it
            plan_with("{field: rating, lte: 2}", "{field: rating, between: [low]}"),
            "this list has 1 item; it needs at least 2 in rule `r` (when › all › between)",
            "write both bounds, lowest first: `between: [low, high]`",
        ),
        (  # `[1.000, 5.000]` had been hinted: between 1 and 5, a thousand times less
            plan_with("{field: rating, lte: 2}", "{field: order.total, between: [1,000, 5,000]}"),
            "this list has 4 items; it may have at most 2 in rule `r` (when › all › between)",
            "in brackets, a comma parts items (`1,000` is 1 and 000): write numbers without "
            "thousands separators, `between: [1000, 5000]`",
        ),
        (
            plan_with("{field: rating, lte: 2}", "{field: order.total, between: [1,5, 2,000]}"),
            "this list has 4 items; it may have at most 2 in rule `r` (when › all › between)",
            "in brackets, a comma parts items (`1,5` is 1 and 5): write decimals with a dot and "
            "numbers without thousands separators, `between: [1.5, 2000]`",
        ),
        (  # `1.234,5`: no telling what was meant, so no mending (slips/hints.py 326, never run)
            plan_with("{field: rating, lte: 2}", "{field: order.total, between: [1.234,5, 3,5]}"),
            "this list has 4 items; it may have at most 2 in rule `r` (when › all › between)",
            "write both bounds, lowest first: `between: [low, high]`",
        ),
    ],
    ids=[
        "a-test-with-in-as-text",
        "a-test-with-in-and-quoted-items",
        "a-test-with-in-and-a-quote-left-open",
        "a-test-with-in-and-a-tag",
        "a-test-with-in-and-a-list-in-the-list",
        "a-test-with-in-and-its-closing-bracket-left-out",
        "a-test-with-in-and-its-opening-bracket-left-out",
        "a-test-with-not-in-as-text",
        "a-list-in-braces",
        "a-list-s-values-named-value",
        "a-list-s-values-named-values",
        "a-list-s-values-named-values-none",
        "names-with-values-for-a-list",
        "another-field-for-a-list",
        "a-mapping-for-a-list",
        "a-word-in-braces-to-compare-with",
        "a-number-in-braces-to-compare-with",
        "another-field-to-compare-with",
        "a-mapping-to-compare-with",
        "between-s-bounds-named-in-braces",
        "between-s-bounds-named-one-no-number",
        "a-rule-s-tags-in-braces",
        "a-rule-s-tags-as-text",
        "a-rule-s-one-tag-as-text",
        "extra-fields-as-text",
        "an-amount-in-words-with-its-currency",
        "an-amount-in-words-after-its-currency-sign",
        "a-rule-s-tags-as-a-number",
        "actions-in-braces",
        "event-types-in-braces",
        "a-title-in-brackets",
        "a-cap-below-zero",
        "a-percent-below-zero-and-above-the-most-without-its-minus",
        "an-amount-below-zero",
        "an-amount-of-zero",
        "a-percent-of-zero",
        "an-amount-of-zero-in-quotes",
        "an-amount-below-zero-in-quotes",
        "an-amount-above-the-most",
        "an-amount-above-the-most-in-quotes",
        "a-percent-above-100-with-its-sign",
        "a-comma-left-out-between-event-types",
        "commas-left-out-between-event-types",
        "a-first-item-without-a-space-after-its-dash",
        "a-first-item-without-a-space-and-a-comment",
        "a-second-item-without-a-space-after-its-dash",
        "a-word-with-a-dash-below-its-key-in-braces",
        "words-with-commas-below-their-key",
        "a-first-number-without-a-space-after-its-dash",
        "a-first-number-below-zero-without-its-item-s-dash",
        "a-first-event-type-without-a-space-after-its-dash",
        "a-first-tag-without-a-space-after-its-dash",
        "a-number-below-zero-on-the-key-s-line",
        "the-rest-of-a-list-of-tags-cut-at-a-comma",
        "the-rest-of-a-list-of-tags-cut-at-commas",
        "tags-that-are-numbers-cut-at-a-comma",
        "the-rest-of-a-test-s-list-cut-at-a-comma",
        "the-rest-of-a-test-s-list-cut-at-commas",
        "the-rest-of-a-test-s-list-of-numbers-cut-at-a-comma",
        "the-bounds-of-a-test-cut-at-a-comma",
        "three-bounds-cut-at-commas",
        "three-bounds-as-text",
        "a-decimal-comma-in-a-test-in-braces",
        "a-number-of-a-test-cut-at-its-commas-in-braces",
        "an-amount-of-a-test-with-a-currency-cut-at-its-comma-in-braces",
        "a-text-of-contains-cut-at-a-comma-in-braces",
        "a-text-of-eq-cut-at-commas-in-braces",
        "a-number-of-eq-and-a-word-cut-at-a-comma-in-braces",
        "bounds-with-a-decimal-comma",
        "bounds-with-decimal-commas-on-their-own-line",
        "bounds-cut-at-commas-with-no-blank",
        "a-range-as-between-s-one-item",
        "a-range-in-words-from-high-to-low-as-between-s-one-item",
        "a-range-with-a-bound-that-is-no-number-as-between-s-one-item",
        "one-number-for-between",
        "one-word-for-between",
        "bounds-with-thousands-separators",
        "bounds-with-a-decimal-comma-and-thousands-separators",
        "bounds-with-dots-for-thousands-and-a-decimal-comma",
    ],
)
def test_values_a_manager_wrote_in_another_form_are_hinted_in_the_plan_s(
    plan: str, message: str, hint: str, tmp_path: Path
) -> None:
    # each had no hint at all (found by review)
    path = tmp_path / "plan.yaml"
    path.write_text(plan, encoding="utf-8")
    [found] = check_plan(path)
    assert (found.message, found.hint) == (message, hint)


@pytest.mark.parametrize(
    ("test", "places", "hint"),
    [
        (
            "{field: rating, in: [[1], [2]]}",
            [(9, 32), (9, 37)],
            "`in:` takes one list of values: write each value as an item of it, without "
            "brackets of its own: `in: [1, 2]`",
        ),
        (
            "{field: issue, not_in: [[late, cold], rude]}",
            [(9, 35)],
            "`not_in:` takes one list of values: write each value as an item of it, without "
            "brackets of its own: `not_in: [late, cold, rude]`",
        ),
        (  # a list two deep: no one list to give
            "{field: issue, in: [[[late]]]}",
            [(9, 31)],
            "",
        ),
        (  # nothing in it: `in: []` is refused as empty (found by review)
            "{field: issue, in: [[]]}",
            [(9, 31)],
            "",
        ),
    ],
)
def test_a_list_inside_a_test_s_list_of_values_is_told_at_its_place_with_the_list_flat(
    test: str, places: list[tuple[int, int]], hint: str, tmp_path: Path
) -> None:
    """Each list written as an item of `in:` is told where it is; the hint had been empty, the
    message saying only that a list is not text or a number (found by review)."""
    path = tmp_path / "plan.yaml"
    path.write_text(plan_with("{field: rating, lte: 2}", test), encoding="utf-8")
    found = check_plan(path)
    assert [(f.source.line, f.source.column) for f in found] == places
    assert {f.hint for f in found} == {hint}
    assert {f.code for f in found} == {"wrong-type"}


@pytest.mark.parametrize("written", ["'0'", "'-5'", "'$0'", "'0,00'"])
def test_an_amount_in_quotes_is_hinted_to_an_amount_that_validates(
    written: str, tmp_path: Path
) -> None:
    """`amount: '0'` had been hinted `amount: 0`, which was refused next (too small)."""
    path = tmp_path / "plan.yaml"
    plan = plan_with("apologize: {}", f"compensate: {{kind: voucher, amount: {written}}}")
    path.write_text(plan, encoding="utf-8")
    [found] = check_plan(path)
    mend = re.search(r"`(amount: [^`]*)`", found.hint)
    assert mend is not None, found.hint
    path.write_text(plan.replace(f"amount: {written}", mend[1]), encoding="utf-8")
    assert check_plan(path) == []


def test_a_number_cut_at_a_comma_ends_at_the_next_key_with_a_value(tmp_path: Path) -> None:
    """`6: 2` is a key of its own: it had been taken for digits the comma cut off too, and the
    number told as `lte: 1,5,6`, "not a number" (found by review)."""
    path = tmp_path / "plan.yaml"
    path.write_text(plan_with("{field: rating, lte: 2}", "{field: rating, lte: 1,5, 6: 2}"))
    found = check_plan(path)[0]
    assert (found.message, found.hint) == (
        "`lte: 1,5` was read as `lte: 1` and a key `5`: in braces, a comma ends a value in rule "
        "`r` (when › all)",
        "write decimals with a dot: `lte: 1.5`",
    )


def test_a_number_in_quotes_is_not_cut_at_the_comma_after_it(tmp_path: Path) -> None:
    """Quotes end a text: `"1 000",50` had been taken for a number cut at its comma and hinted
    "`amount: ,50` is not a number", its first part lost (found by review)."""
    path = tmp_path / "plan.yaml"
    written = 'compensate: {kind: voucher, amount: "1 000",50}'
    path.write_text(plan_with("apologize: {}", written), encoding="utf-8")
    hints = [found.hint for found in check_plan(path) if found.code == "unknown-key"]
    assert hints == [
        "if `50` is the rest of the text of `amount`, cut at a comma, put the whole text in "
        'quotes: `amount: "1 000, 50"`'
    ]


@pytest.mark.parametrize(
    ("number", "cut"),
    [
        ("1,5", True),
        ("1,000.00", True),
        ("1 000,50", True),
        ("1_000,50", True),
        ("1.234.567,89", True),
        ('1,"5"', True),
        ("1, 5: ", False),
        ('"1",5', False),
    ],
)
def test_the_loader_and_the_schema_take_the_same_numbers_for_cut_at_a_comma(
    number: str, cut: bool, tmp_path: Path
) -> None:
    """A number cut at a comma in a test's braces is told as such by the schema's hints; two
    cut into one key stop the loader, which is to tell them the same way. Each had its own
    rule of what a comma cut, and they disagreed (`1 000,50`; found by review)."""
    told = [
        any("a comma ends a value" in found.message for found in found_in_test)
        for found_in_test in _told_alone_and_twice(number, tmp_path)
    ]
    assert told == [cut, cut]


def _told_alone_and_twice(number: str, tmp_path: Path) -> list[list[Diagnostic]]:
    """What a plan is told of ``number`` in a test's braces (``lte: 1,5``), then of two such
    in the same braces (``lte: 1,5, gte: 1,5``): the schema's hints tell one, the loader two
    cut into one key."""
    told = []
    for test in (
        f"{{field: order.total, lte: {number}}}",
        f"{{field: order.total, lte: {number}, gte: {number}}}",
    ):
        path = tmp_path / "plan.yaml"
        path.write_text(plan_with("{field: rating, lte: 2}", test), encoding="utf-8")
        told.append(check_plan(path))
    return told


ALLOWED_IN_COMPENSATE = (
    "allowed here: `amount`, `kind`, `max`, `message`, `min`, `of`, `percent`, `within`"
)


@pytest.mark.parametrize(
    ("written", "told"),
    [
        (  # the key `500.00` tells the number whole: `0` too small had been told as well
            "0,500.00",
            [
                (
                    "`amount: 0,500.00` was read as `amount: 0` and a key `500.00`: in braces, "
                    "a comma ends a value in rule `r` (then › compensate)",
                    "write the number without thousands separators: `amount: 0500.00`",
                ),
            ],
        ),
        (  # `true` is no number: the key `5` does not tell it, and it had been told nowhere
            "true,5",
            [
                (
                    "expected a number, found true/false `true` in rule `r` (then › compensate "
                    "› amount)",
                    "",
                ),
                ("unknown key `5` in rule `r` (then › compensate)", ALLOWED_IN_COMPENSATE),
            ],
        ),
        (  # `0` and a key of its own, `500: null`: `0` too small had been told nowhere
            "0, 500: null",
            [
                (
                    "`0` is too small; it must be more than 0 in rule `r` (then › compensate › "
                    "amount)",
                    "write the offer, such as `amount: 10`, or remove the `compensate` action "
                    "to offer nothing",
                ),
                ("unknown key `500` in rule `r` (then › compensate)", ALLOWED_IN_COMPENSATE),
            ],
        ),
    ],
)
def test_a_number_s_own_error_is_left_to_the_key_of_its_digits_only_when_that_key_tells_it(
    written: str, told: list[tuple[str, str]], tmp_path: Path
) -> None:
    """Whether a number's own error is left to the key its comma made was worked out by a rule
    of its own, apart from the one that key is told by (found by review)."""
    path = tmp_path / "plan.yaml"
    action = f"compensate: {{kind: voucher, amount: {written}}}"
    path.write_text(plan_with("apologize: {}", action), encoding="utf-8")
    assert [(found.message, found.hint) for found in check_plan(path)] == told


@pytest.mark.parametrize(
    ("written", "told"),
    [
        (
            "€ 10,50",
            "`amount: € 10,50` was read as `amount: € 10` and a key `50`",
        ),
        (  # two keys, one problem: each had been an "unknown key" with the same hint
            "1,000,000.00",
            "`amount: 1,000,000.00` was read as `amount: 1` and the keys `000`, `000.00`",
        ),
        (  # quoted as written, blank kept: it had been `amount: 10,50` (found by review)
            "10, 50",
            "`amount: 10, 50` was read as `amount: 10` and a key `50`",
        ),
        ("€ 10,  50", "`amount: € 10,  50` was read as `amount: € 10` and a key `50`"),
    ],
)
def test_an_amount_cut_at_its_comma_in_an_action_s_braces_is_told_as_cut_not_as_a_key(
    written: str, told: str, tmp_path: Path
) -> None:
    """`{kind: voucher, amount: € 10,50}` had been told "unknown key `50`": a manager who wrote
    no key `50` could not tell why, the hint alone naming the amount. A test's braces said
    already that the comma cut the number; an action's now say it too (found by review)."""
    path = tmp_path / "plan.yaml"
    action = f"compensate: {{kind: voucher, amount: {written}}}"
    path.write_text(plan_with("apologize: {}", action), encoding="utf-8")
    assert [found.message for found in check_plan(path)] == [
        f"{told}: in braces, a comma ends a value in rule `r` (then › compensate)"
    ]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("10, 50", "write decimals with a dot: `amount: 10.50`"),
        (
            "1, 234",
            "a number has no thousands separators: `amount: 1, 234` is written `amount: 1234` "
            "(or `amount: 1.234` if the comma marked decimals)",
        ),
        (  # no number: quoted as written, blanks kept; it had been `10,50,00` (found by review)
            "10 , 50, 00",
            "`amount: 10 , 50, 00` is not a number: write it with a dot before its decimals and "
            "nothing between its thousands (`amount: 1500.50`, not `1.500,50` or `1,500.50`)",
        ),
    ],
)
def test_an_amount_cut_at_a_comma_and_a_blank_is_hinted_as_written(
    written: str, hint: str, tmp_path: Path
) -> None:
    """The hint of thousands had quoted `1,234` for `1, 234`, the blank dropped (found by
    review); the dot's hint names the number meant, as before."""
    path = tmp_path / "plan.yaml"
    action = f"compensate: {{kind: voucher, amount: {written}}}"
    path.write_text(plan_with("apologize: {}", action), encoding="utf-8")
    assert [found.hint for found in check_plan(path)] == [hint]


@pytest.mark.parametrize("written", ["€1 000,50", "1 000,50 €", "EUR 1 000,50"])
def test_an_amount_with_a_currency_grouped_with_blanks_is_hinted_whole_alone_as_with_another(
    written: str, tmp_path: Path
) -> None:
    """Two such amounts cut into one key stop the loader, which hinted them whole; one was
    hinted "is not a number" (`1 000,50 €`), or not taken for cut at all and its `50` told to
    be the rest of a text (`€1 000,50`), and two of those "keep one of them" (found by
    review)."""
    hints = [
        [found.hint for found in found_in_test]
        for found_in_test in _told_alone_and_twice(written, tmp_path)
    ]
    currency = "; the currency is set once, in the plan's `plan:` section"  # by the loader
    assert hints == [
        [_number_only("1000.50", written, "EUR", key="lte")],
        [
            "write the numbers only, numbers without thousands separators: `lte: 1000.50`, "
            f"`gte: 1000.50`{currency}"
        ],
    ]


def test_an_amount_in_quotes_with_a_currency_grouped_with_blanks_is_hinted(
    tmp_path: Path,
) -> None:
    """The hints read a number grouped with blanks after a currency the same way in braces
    and in quotes: `"€1 000"` had had no hint (found by review)."""
    path = tmp_path / "plan.yaml"
    action = 'compensate: {kind: voucher, amount: "€1 000"}'
    path.write_text(plan_with("apologize: {}", action), encoding="utf-8")
    assert [found.hint for found in check_plan(path)] == [_number_only("1000", "€1 000", "EUR")]


def _amount_told(tmp_path: Path, written: str) -> list[tuple[str, str]]:
    """The problems, message and hint, of a plan whose compensation is `amount: {written}`."""
    path = tmp_path / "plan.yaml"
    action = f"compensate: {{kind: voucher, amount: {written}}}"
    path.write_text(plan_with("apologize: {}", action), encoding="utf-8")
    return [(found.message, found.hint) for found in check_plan(path)]


def test_an_amount_in_another_currency_than_the_plan_s_is_told_so(tmp_path: Path) -> None:
    """`amount: €25` in a plan in USD had been hinted `amount: 25` and "the currency is set
    once", and the manager could take the 25 for euros (found by review)."""
    assert [hint for _, hint in _amount_told(tmp_path, "€25")] == [
        "the plan's amounts are in USD (set once, in its `plan:` section), and `€25` is in "
        "EUR: write the amount in USD, as a number only (`amount: 25` is read as USD)"
    ]


@pytest.mark.parametrize(
    ("written", "other"),
    [
        ("R$25", "is in BRL"),
        ("C$25", "is not in USD"),  # the Canadian dollar, or the córdoba
        ("A$25", "is in AUD"),
        ("kr 25", "is not in USD"),  # a crown: Swedish, Norwegian, Danish or Icelandic
        ("kr. 25", "is not in USD"),
        ("25 CHF.-", "is in CHF"),
        ("25 Eur.", "is in EUR"),
        ("25 F CFA", "is not in USD"),  # the franc of West or of Central Africa
        ("25 francs CFA", "is not in USD"),
        ("25 F CFP", "is in XPF"),
        ("25 kr.-", "is not in USD"),
        # had had no hint, where `25 CHF.-` and `25 F CFA` had one (found by review)
        ("25 Fr.-", "is in CHF"),
        ("CFA 25", "is not in USD"),
        ("F CFA 25", "is not in USD"),
        ("CFP 25", "is in XPF"),
    ],
)
def test_an_amount_written_with_any_currency_mark_is_hinted(
    tmp_path: Path, written: str, other: str
) -> None:
    """`R$25`, `C$25`, `US$25`, `A$25`, `kr 25`, `kr. 25`, `25 CHF.-` and `25 Eur.` had had
    no hint at all (found by review)."""
    assert [hint for _, hint in _amount_told(tmp_path, written)] == [
        f"the plan's amounts are in USD (set once, in its `plan:` section), and `{written}` "
        f"{other}: write the amount in USD, as a number only (`amount: 25` is read as USD)"
    ]


@pytest.mark.parametrize("written", ["US$25", "25 US$", "$25"])
def test_an_amount_in_the_plan_s_own_dollar_is_told_to_drop_it(
    tmp_path: Path, written: str
) -> None:
    assert [hint for _, hint in _amount_told(tmp_path, written)] == [_number_only("25")]


@pytest.mark.parametrize("key", ["max", "min"])
def test_a_cap_written_with_its_currency_is_hinted(tmp_path: Path, key: str) -> None:
    path = tmp_path / "plan.yaml"
    action = f"compensate: {{kind: voucher, percent: 20, of: order.total, {key}: R$25}}"
    path.write_text(plan_with("apologize: {}", action), encoding="utf-8")
    assert [found.hint for found in check_plan(path)] == [
        "the plan's amounts are in USD (set once, in its `plan:` section), and `R$25` is in "
        f"BRL: write the amount in USD, as a number only (`{key}: 25` is read as USD)"
    ]


@pytest.mark.parametrize(
    ("currency", "written"),
    [
        ("JMD", "J$25"),
        ("TTD", "TT$25"),
        ("XCD", "EC$25"),
        ("NAD", "N$25"),
        ("BSD", "B$25"),
        # neither a dollar nor a peso, written with a `$`: `$25` had been told not to be in TOP
        ("TOP", "$25"),
        ("TOP", "T$25"),
        ("WST", "WS$25"),
        ("MOP", "MOP$25"),
    ],
)
def test_a_dollar_as_its_country_prints_it_is_the_plan_s_own(currency: str, written: str) -> None:
    """`J$25` in a plan in JMD, or `EC$25` in one in XCD, had had no hint at all: only the
    letters of a few dollars (`US$`, `C$`, `A$`) were read before a `$` (found by review)."""
    text = plan_with("apologize: {}", f"compensate: {{kind: voucher, amount: {written}}}")
    text = text.replace("currency: USD", f"currency: {currency}")
    told = validate_plan_document(load_yaml(text, "p.yaml"), currency=plan_currency_of(text))
    assert [d.hint for d in told if "amount" in d.message] == [
        f"write the number only, `amount: 25`; the plan's amounts are in {currency}, set once "
        "in its `plan:` section"
    ]


@pytest.mark.parametrize(
    ("currency", "written"),
    [
        ("XOF", "25 F CFA"),
        ("XAF", "25 F CFA"),
        ("XOF", "25 FCFA"),
        ("XAF", "25 francs CFA"),
        ("XPF", "25 F CFP"),
        ("DKK", "25 kr.-"),
        ("NOK", "25 kr.–"),
        # before the number, or a franc ending a whole amount: no hint (found by review)
        ("XOF", "CFA 25"),
        ("XAF", "FCFA 25"),
        ("XPF", "CFP 25"),
        ("CHF", "25 Fr.-"),
        ("XAF", "25 Fr.-"),
    ],
)
def test_an_amount_with_the_plan_s_franc_or_crown_after_it_is_told_to_drop_it(
    currency: str, written: str
) -> None:
    """`amount: 25 F CFA` in a plan in XOF, and `25 kr.-` in one in DKK, had had no hint at all
    (found by review); `min:` and `max:` are read alike."""
    for key in ("amount", "max", "min"):
        offer = "percent: 20, of: order.total, " if key != "amount" else ""
        action = f"compensate: {{kind: voucher, {offer}{key}: {written}}}"
        text = plan_with("apologize: {}", action).replace("currency: USD", f"currency: {currency}")
        told = validate_plan_document(load_yaml(text, "p.yaml"), currency=plan_currency_of(text))
        assert [d.hint for d in told] == [
            f"write the number only, `{key}: 25`; the plan's amounts are in {currency}, set once "
            "in its `plan:` section"
        ]


@pytest.mark.parametrize(
    ("currency", "hint"),
    [
        (  # a franc of Central Africa: `Fr.` may be it, and is not told to be the Swiss one
            "XAF",
            "write the number only, `amount: 25`; the plan's amounts are in XAF, set once in "
            "its `plan:` section",
        ),
        (
            "EUR",
            "the plan's amounts are in EUR (set once, in its `plan:` section), and `Fr. 25` is "
            "in CHF: write the amount in EUR, as a number only (`amount: 25` is read as EUR)",
        ),
    ],
)
def test_fr_is_the_plan_s_own_franc_when_it_is_in_one(currency: str, hint: str) -> None:
    """`Fr. 25` in a plan in XAF had been told to be in CHF, a currency the manager never
    meant: `Fr.` is printed for every franc (found by review). To a plan in no franc it is
    still named the Swiss one, as price lists mean it."""
    text = plan_with("apologize: {}", "compensate: {kind: voucher, amount: Fr. 25}").replace(
        "currency: USD", f"currency: {currency}"
    )
    told = validate_plan_document(load_yaml(text, "p.yaml"), currency=plan_currency_of(text))
    assert [d.hint for d in told if "amount" in d.message] == [hint]


AMOUNT_25 = "compensate: {kind: voucher, amount: €25}"


@pytest.mark.parametrize(
    ("plan", "hint"),
    [
        (  # the same currency: named, nothing said to convert
            "plan: {name: Test Store, currency: EUR}",
            "write the number only, `amount: 25`; the plan's amounts are in EUR, set once in "
            "its `plan:` section",
        ),
        (  # no currency: as it was
            "plan: {name: Test Store}",
            "write the number only, `amount: 25`; the currency is set once, in the plan's "
            "`plan:` section",
        ),
    ],
)
def test_the_hint_of_an_amount_names_the_plan_s_currency_only_when_known(
    plan: str, hint: str
) -> None:
    text = plan_with("apologize: {}", AMOUNT_25).replace(
        "plan: {name: Test Store, currency: USD}", plan
    )
    told = validate_plan_document(load_yaml(text, "p.yaml"), currency=plan_currency_of(text))
    assert [d.hint for d in told if "amount" in d.message] == [hint]


def plan_currency_of(text: str) -> str | None:
    from engine.planfile import plan_currency

    return plan_currency([load_yaml(text, "p.yaml")])


def test_the_plan_s_currency_set_in_another_file_is_named(tmp_path: Path) -> None:
    """The `plan:` section is most often in `00-plan.yaml`, the rules in other files, read
    after it or before it."""
    (tmp_path / "00-plan.yaml").write_text(HEADER.replace("rules:\n", ""), encoding="utf-8")
    rules = plan_with("apologize: {}", AMOUNT_25).replace(
        "plan: {name: Test Store, currency: USD}\n", ""
    )
    (tmp_path / "a-rules.yaml").write_text(rules, encoding="utf-8")
    (tmp_path / "z-rules.yaml").write_text(rules.replace("id: r", "id: s"), encoding="utf-8")
    assert [d.hint for d in check_plan(tmp_path)] == [_number_only("25", "€25", "EUR")] * 2


@pytest.mark.parametrize("written", ["10.–", "10,–", "10.—", "CHF 10.–"])
def test_a_whole_amount_marked_with_a_dash_is_hinted_as_with_a_hyphen(
    written: str, tmp_path: Path
) -> None:
    """The Swiss mark of a whole amount is printed with a dash (`10.–`, on price lists and
    receipts) as often as typed with `-`: pasted, it had had no hint at all ("expected a
    number, found text"), or `10,–` only the keys allowed (found by review)."""
    assert [hint for _, hint in _amount_told(tmp_path, written)] == [
        _number_only("10", written, _other_currency(written))
    ]


@pytest.mark.parametrize(
    ("written", "number"),
    [("Fr. 10.-", "10"), ("Fr. 10.50", "10.50"), ("fr. 10", "10"), ("SFr. 10.–", "10")],
)
def test_an_amount_after_the_swiss_fr_is_hinted_as_one_after_chf(
    written: str, number: str, tmp_path: Path
) -> None:
    """`Fr.` (or `SFr.`) before the amount, as Swiss price lists print it, had had no hint,
    where `CHF 10.-` and `10 Fr.` are hinted to write the number only (found by review)."""
    assert [hint for _, hint in _amount_told(tmp_path, written)] == [
        _number_only(number, written, "CHF")
    ]


@pytest.mark.parametrize("written", ["10.- Fr.", "10.- CHF", "10.– €", "Fr. 10.- Fr."])
def test_a_whole_amount_with_its_currency_after_it_is_hinted(written: str, tmp_path: Path) -> None:
    """The `.-` of a whole amount was taken for a currency mark only at the end of the text:
    with the currency after it (`10.- Fr.`, as receipts print it), it had had no hint, where
    `10.-`, `10 Fr.` and `CHF 10.-` are hinted to write the number only (found by review)."""
    assert [hint for _, hint in _amount_told(tmp_path, written)] == [
        _number_only("10", written, _other_currency(written))
    ]


@pytest.mark.parametrize("written", ["Fr 10", "Frs. 10", "10 Fr", "10 SFr."])
def test_the_swiss_franc_abbreviated_otherwise_is_hinted_as_fr_dot(
    written: str, tmp_path: Path
) -> None:
    """`Fr` without its dot and `Frs.`, as receipts print the franc, had had no hint, where
    `Fr. 10` is hinted to write the number only (found by review)."""
    assert [hint for _, hint in _amount_told(tmp_path, written)] == [
        _number_only("10", written, "CHF")
    ]


def _leasts(node: Any, pointer: str = "") -> Iterator[tuple[str, str, Any]]:
    """Each ``minimum`` and ``exclusiveMinimum`` of a schema: where, which, and its bound."""
    if isinstance(node, dict):
        for keyword in ("minimum", "exclusiveMinimum"):
            if keyword in node:
                yield pointer, keyword, node[keyword]
        for key, value in node.items():
            yield from _leasts(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leasts(value, f"{pointer}/{index}")


def test_a_number_below_its_least_is_hinted_by_the_minus_or_the_offer_of_nothing() -> None:
    """`schema._zero_hint` (no hint of a key's own, no minus) reads every number it is given
    as a compensation's `amount` or `percent` at 0: it holds while every other least of the
    plan schema is 0 and inclusive (a negative number, hinted without its minus) or
    `priority`'s, which has its own hint. A least added elsewhere needs its own hint."""
    compensate = "/$defs/actions/compensate/properties"
    assert sorted(_leasts(PLAN)) == [
        (f"{compensate}/amount", "exclusiveMinimum", 0),
        (f"{compensate}/max", "minimum", 0),
        (f"{compensate}/min", "minimum", 0),
        (f"{compensate}/percent", "exclusiveMinimum", 0),
        ("/$defs/rule/properties/priority", "minimum", -1000000),
        ("/properties/plan/properties/compensation/properties/approval_above", "minimum", 0),
        ("/properties/plan/properties/compensation/properties/per_event_max", "minimum", 0),
    ]


@pytest.mark.parametrize("written", ["-Fr. 10", "-Fr 10", "-SFr. 10"])
def test_a_minus_before_the_swiss_franc_is_hinted_as_before_another_currency(
    written: str, tmp_path: Path
) -> None:
    """The minus before `Fr.` was not taken for the number's: `amount: -Fr. 10` had had no
    hint, where `-€10` is told to write a number more than 0 (found by review)."""
    told = [hint for _, hint in _amount_told(tmp_path, written)]
    assert told == [hint for _, hint in _amount_told(tmp_path, "-€10")]
    assert told == ["write a number more than 0, such as `amount: 10`"]


@pytest.mark.parametrize("written", ["10,– €", "10,— CHF", "10,– Fr."])
def test_a_whole_amount_s_comma_and_dash_with_its_currency_is_hinted_in_braces(
    written: str, tmp_path: Path
) -> None:
    """In braces YAML cuts `10,– €` at its comma into `10` and a key `– €`, which had been
    told as an unknown key with the keys allowed listed, where `10,–` alone and `10.– €`
    are hinted to write the number only (found by review)."""
    assert [hint for _, hint in _amount_told(tmp_path, written)] == [
        _number_only("10", written, _other_currency(written))
    ]


@pytest.mark.parametrize("written", ["10 eur", "eur 10", "10 usd", "EUR 10", "20EUR"])
def test_an_iso_code_in_capitals_or_small_letters_is_a_currency(
    written: str, tmp_path: Path
) -> None:
    assert [hint for _, hint in _amount_told(tmp_path, written)] == [
        _number_only("10" if "10" in written else "20", written, _other_currency(written))
    ]


@pytest.mark.parametrize(
    ("written", "word"), [("10 pcs", "pcs"), ("10 abc", "abc"), ("10 kg", "kg"), ("10 min", "min")]
)
def test_a_number_with_a_word_that_is_no_currency_is_told_to_leave_the_word_out(
    written: str, word: str, tmp_path: Path
) -> None:
    """Any three letters had been taken for a currency code: `amount: 10 pcs` was told "the
    currency is set once", and `10 kg` had had no hint (found by review)."""
    assert [hint for _, hint in _amount_told(tmp_path, written)] == [
        f"write the number without `{word}`: `amount: 10`"
    ]


def test_a_number_with_a_word_cut_at_its_comma_is_told_to_leave_the_word_out(
    tmp_path: Path,
) -> None:
    """In braces, `10,50 pcs` is cut into `amount: 10` and a key `50 pcs`, which had been
    told as an unknown key with the keys allowed once `pcs` was no currency."""
    assert [hint for _, hint in _amount_told(tmp_path, "10,50 pcs")] == [
        "write the number without `pcs`: `amount: 10.50`"
    ]


@pytest.mark.parametrize("written", ["10 cents", "10 thousand", "5 grand"])
def test_a_word_that_changes_the_number_gets_no_number(written: str, tmp_path: Path) -> None:
    """`10 cents` is no 10: no hint offers the number without its word."""
    assert [hint for _, hint in _amount_told(tmp_path, written)] == [""]


@pytest.mark.parametrize(
    ("written", "number"),
    [("1.000,-", "1000"), ("1.000,- CHF", "1000"), ("€ 12.500,–", "12500"), ("10,- CHF", "10")],
)
def test_a_whole_amount_s_comma_makes_its_dots_thousands(
    written: str, number: str, tmp_path: Path
) -> None:
    """Before a whole amount's `,-` the comma marks decimals, so a dot groups thousands:
    `1.000,- CHF` had been hinted `amount: 1.000`, a thousand times too small (found by
    review). Where the file does not parse (`,- CHF`: a list's `- ` in braces), the plan's
    currency is not known, and the hint does not name it."""
    hint = _number_only(number, written, _other_currency(written))
    if ",- " in written:
        hint = (
            f"write the number only, `amount: {number}`; the currency is set once, in the "
            "plan's `plan:` section"
        )
    assert [hint for _, hint in _amount_told(tmp_path, written)] == [hint]


@pytest.mark.parametrize("written", ["ten %", "%", "abc pct"])
def test_a_percent_sign_with_no_number_is_no_percentage(tmp_path: Path, written: str) -> None:
    """A percent sign (`%`, `pct`) after no number: no percentage to hint written as one."""
    assert _amount_told(tmp_path, f'"{written}"') == [
        (f"expected a number, found text `{written}` in rule `r` (then › compensate › amount)", "")
    ]


def test_text_after_fr_is_no_amount(tmp_path: Path) -> None:
    """`Fr.` is a currency only before digits: `Fr. Smith`, where an amount belongs, is told
    as text, with no hint to write a number."""
    assert _amount_told(tmp_path, "Fr. Smith") == [
        ("expected a number, found text `Fr. Smith` in rule `r` (then › compensate › amount)", "")
    ]


def _plan_with_on_a_rule(tmp_path: Path, written: str) -> Path:
    """A plan file whose one rule says which complaints it is for as ``written`` (``on:
    Review``), beside its keys instead of under a ``when:``."""
    path = tmp_path / "plan.yaml"
    path.write_text(
        "backplan: 1\nplan: {name: P, currency: USD}\nrules:\n"
        f"  - {{id: r, title: R, {written}, then: [apologize: {{}}]}}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("on: Review", "review, ...}` (event types are written in lower case)"),
        ("type: [Review, ORDER]", "[review, order], ...}` (event types are written in lower case)"),
        ("on: x-Booking", "x-booking, ...}` (event types are written in lower case)"),
        ("on: a@b", "review, ...}`"),  # no event type: the example
        ("on: 5", "review, ...}`"),  # no word at all: the example, not a traceback
        ("on: []", "review, ...}`"),  # no word: the example, not `event: []`
        ("type: [review, 3]", "review, ...}`"),  # a word and a number: the example
        ("on: review", "review, ...}`"),
    ],
)
def test_the_event_type_written_on_a_rule_is_hinted_in_lower_case(
    written: str, shown: str, tmp_path: Path
) -> None:
    """`on: Review` was hinted `when: {event: Review, ...}`, which is no event type, and
    `on: a@b` `event: a@b`: any word of letters, digits and `_.@-` was shown as written
    (found by review)."""
    path = _plan_with_on_a_rule(tmp_path, written)
    assert [found.hint for found in check_plan(path)] == [
        "to say which complaints the rule is for, write `event:` under a `when:` of the rule "
        "(there is none yet): `when: {event: " + shown
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("on: reviews", "review, ...}`"),
        ("on: Orders", "order, ...}`"),
        ("type: [review, Complaints]", "[review, complaint], ...}`"),
        ("on: chargeback", "x-chargeback, ...}`"),
        ("on: Refund_Request", "x-refund_request, ...}`"),
    ],
)
def test_a_word_written_on_a_rule_that_is_no_event_type_is_hinted_as_one(
    written: str, shown: str, tmp_path: Path
) -> None:
    """`on: reviews` was hinted `when: {event: reviews, ...}`, and `on: Orders` `event:
    orders` "(event types are written in lower case)": lowered, each is still no event type,
    and `validate` refused the hint followed. A word near a standard type is hinted as that
    type, any other as a type of the plan's own (`x-chargeback`), as `event: chargeback` is
    hinted (found by review)."""
    path = _plan_with_on_a_rule(tmp_path, written)
    assert [found.hint for found in check_plan(path)] == [
        "to say which complaints the rule is for, write `event:` under a `when:` of the rule "
        "(there is none yet): `when: {event: " + shown
    ]


def test_a_list_cut_at_its_commas_ends_at_the_next_key_with_a_value(tmp_path: Path) -> None:
    # `hot` is the rest of the list of `not_in`: it had been put in the list of `in` too
    path = tmp_path / "plan.yaml"
    test = "{field: issue, in: late, cold, not_in: warm, hot}"
    path.write_text(plan_with("{field: rating, lte: 2}", test), encoding="utf-8")
    hints = {found.source.pointer.rpartition("/")[2]: found.hint for found in check_plan(path)}
    assert (hints["in"], hints["not_in"]) == (
        "write a list in brackets: `in: [late, cold]`",
        "write a list in brackets: `not_in: [warm, hot]`",
    )


def test_event_types_on_one_line_of_a_block_list_have_no_comma_to_leave_out(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(plan_with("event: review", "event:\n        - order review"), "utf-8")
    [found] = check_plan(path)
    assert found.message.startswith("`order review` is not an event type")


def test_words_with_in_are_not_taken_for_a_test(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(plan_with("{field: rating, lte: 2}", "late in the day"), encoding="utf-8")
    [found] = check_plan(path)
    assert found.hint == ""


@pytest.mark.parametrize(
    ("old", "new", "code", "meant"),
    [
        ("    then:", "    thne:", "unknown-key", "then"),
        ("lte: 2", "greter_than: 2", "unknown-operator", "gt"),
        ("lte: 2", "greater_than: 2", "unknown-operator", "gt"),
        ("lte: 2", "le: 2", "unknown-operator", "lte"),
        ("lte: 2", "less_or_equal: 2", "unknown-operator", "lte"),
        ("lte: 2", "equals: 2", "unknown-operator", "eq"),
        ("field: rating", "feild: rating", "unknown-operator", "field"),
        ("apologize: {}", "apologise: {}", "unknown-action", "apologize"),
        ("apologize: {}", "call_customer: {channel: phone}", "unknown-action", "contact_customer"),
        ("event: review", "event: reveiw", "unknown-event-type", "review"),
        ("event: review", "event: [order, reveiw]", "unknown-event-type", "review"),
        ("event: review", "event: staff", "unknown-event-type", "conduct"),
        ("apologize: {}", "apologize: {channel: phon}", "unknown-value", "phone"),
    ],
)
def test_did_you_mean(old: str, new: str, code: str, meant: str) -> None:
    found = one_problem(HEADER + RULE.replace(old, new, 1))
    assert found.code == code
    assert f"(did you mean `{meant}`?)" in found.message


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("is_in", "in"),  # had been `missing`, a test of something else altogether
        ("in_list", "in"),
        ("is not", "ne"),
        ("isnot", "ne"),  # had been `not`, which takes a condition, not a value
        ("above", "gt"),
        ("over", "gt"),
        ("below", "lt"),
        ("under", "lt"),
        # one slip of a letter from one of five letters or more: `isnt` had been `eq`, near
        # `is`, the opposite test, and `bellow` nothing (found by review)
        ("isnt", "ne"),
        ("bellow", "lt"),
        ("abve", "gt"),
    ],
)
def test_an_operator_written_in_words_is_taken_for_the_operator_meant(
    written: str, meant: str
) -> None:
    found = one_problem(HEADER + RULE.replace("lte: 2", f"{written}: 2", 1))
    assert (found.code, found.message) == (
        "unknown-operator",
        f"`{written}` is not an operator or a condition key (did you mean `{meant}`?) "
        "in rule `r` (when › all)",
    )


def test_a_key_written_with_its_colon_below_a_list_as_a_word_is_told(tmp_path: Path) -> None:
    """`colder: null` below `in: late` is the author's own key, left out of the list's hint:
    it had been passed over as one of the list's items all the same, and told nowhere."""
    rule = RULE.replace(
        "- {field: rating, lte: 2}", "- field: issue\n          in: late\n          colder: null"
    )
    path = tmp_path / "plan.yaml"
    path.write_text(HEADER + rule, encoding="utf-8")  # (read again from the file)
    assert [(d.code, d.message, d.hint) for d in check_plan(path)][1:] == [
        (
            "unknown-operator",
            "`colder` is not an operator or a condition key in rule `r` (when › all)",
            "a test is a field and one operator, such as `{field: rating, lte: 2}`; operators "
            "are eq, ne, in, not_in, lt, lte, gt, gte, between, contains, contains_any, "
            "contains_all, starts_with, ends_with, matches, exists, missing",
        )
    ]


def test_a_key_written_with_its_colon_after_a_word_in_braces_is_told(tmp_path: Path) -> None:
    """`ignorecase: null` after `contains: late` is the author's own key: it had been taken
    for a word a comma cut off `late`, hinted `contains_any: [late, ignorecase]`."""
    rule = RULE.replace(
        "{field: rating, lte: 2}", "{field: issue, contains: late, ignorecase: null}"
    )
    path = tmp_path / "plan.yaml"
    path.write_text(HEADER + rule, encoding="utf-8")  # (read again from the file)
    assert [(d.code, d.message, d.hint) for d in check_plan(path)] == [
        (
            "unknown-operator",
            "`ignorecase` is not an operator or a condition key (did you mean `ignore_case`?) "
            "in rule `r` (when › all)",
            "a test is a field and one operator, such as `{field: rating, lte: 2}`; operators "
            "are eq, ne, in, not_in, lt, lte, gt, gte, between, contains, contains_any, "
            "contains_all, starts_with, ends_with, matches, exists, missing",
        )
    ]


@pytest.mark.parametrize(
    ("written", "suffix"),
    [
        ("order", ""),  # had been "did you mean `gt`?", a slip of `over` to the suggester
        ("owner", ""),
        ("into", " (did you mean `in`?)"),  # had been `ne`, a slip of `isnot`
        ("is_nt", ""),  # a slip of `is_not` or of `is_in`: no telling which
    ],
)
def test_a_word_near_an_operator_in_words_is_not_taken_for_it(written: str, suffix: str) -> None:
    """Operators in everyday words (`over`, `isnot`) are taken only as written: a word a
    letter or two from them is no slip of theirs."""
    found = one_problem(HEADER + RULE.replace("lte: 2", f"{written}: 2", 1))
    assert (found.code, found.message) == (
        "unknown-operator",
        f"`{written}` is not an operator or a condition key{suffix} in rule `r` (when › all)",
    )


@pytest.mark.parametrize(
    ("written", "suffix", "own"),
    [
        ("booking", "", "x-booking"),
        ("[order, table booking]", "", "x-table-booking"),
        ("X_Booking", " (did you mean `x-booking`?)", "x-booking"),
        ("réservation", "", "x-reservation"),  # had been `x-r-servation`
        ("naïve—claim", "", "x-naive-claim"),  # had been `x-naiveclaim`, the dash left out
        ("Straße", "", "x-strasse"),  # had been `x-strae`
        ("stats", "", "x-stats"),  # had been "did you mean `conduct`?", a slip of `staff`
        ("booking" * 11 + "s", "", "x-" + "booking" * 11 + "s"),  # 80 letters: still given
    ],
)
def test_an_event_type_of_the_author_s_own_is_given_as_one(
    written: str, suffix: str, own: str
) -> None:
    """The hint had said how a custom type is formed (`such as x-chargeback`), not which one
    to write, nor that events must then carry it."""
    found = one_problem(HEADER + RULE.replace("event: review", f"event: {written}", 1))
    shown = written.removeprefix("[order, ").removesuffix("]")
    assert (found.code, found.message, found.hint) == (
        "unknown-event-type",
        f"`{shown}` is not an event type{suffix} in rule `r` (when › event)",
        "the standard event types are review, survey, contact, conduct, product, order, "
        f'billing, complaint; for a type of your own, write `{own}`, and send its events with "type": "{own}"',
    )


@pytest.mark.parametrize("written", ["日本", "---", "booking" * 12])
def test_an_event_type_no_type_of_the_author_s_own_can_write_is_told_how_one_is_formed(
    written: str,
) -> None:
    """No letter to write one with (`日本`, `---`), or one longer than a hint shows: the hint
    says how a custom type is formed, and gives no `x-` type of nothing or of 84 letters."""
    found = one_problem(HEADER + RULE.replace("event: review", f'event: "{written}"', 1))
    assert (found.code, found.message, found.hint) == (
        "unknown-event-type",
        f"`{written}` is not an event type in rule `r` (when › event)",
        "event types are review, survey, contact, conduct, product, order, billing, complaint; "
        "custom types are `x-` then lower-case letters, digits, `-` or `_`, such as "
        "`x-chargeback`",
    )


def test_every_mistake_in_a_list_of_event_types_is_named_at_its_item() -> None:
    # `event:` is one type or a list of them (anyOf): each item's mistake is told at the item,
    # an empty one (`~`, or `- ` with nothing after it) by the name YAML gives it.
    text = HEADER + RULE.replace("event: review", "event: [ordr, ~, reveiw]", 1)
    found = problems(text)
    named = [d.message.split(" in rule")[0].split(" (did you mean")[0] for d in found]
    assert list(zip([d.source.pointer for d in found], named, strict=True)) == [
        ("/rules/0/when/event/0", "`ordr` is not an event type"),
        ("/rules/0/when/event/1", "`null` is not an event type"),
        ("/rules/0/when/event/2", "`reveiw` is not an event type"),
    ]
    assert ["(did you mean `order`?)" in d.message for d in found] == [True, False, False]


def test_did_you_mean_prevent() -> None:
    found = one_problem(HEADER + RULE + "    prevnt:\n      - root_cause: {owner: x}\n")
    assert found.code == "unknown-key"
    assert "unknown key `prevnt` (did you mean `prevent`?)" in found.message
    assert found.source.pointer == "/rules/0/prevnt"
    assert (found.source.line, found.source.column) == (12, 5)


def test_did_you_mean_first() -> None:
    found = one_problem("backplan: 1\nplan: {name: Acme, currency: USD, match: firts}\n")
    assert found.code == "unknown-value"
    assert "`firts` is not allowed (did you mean `first`?)" in found.message
    assert found.source.pointer == "/plan/match"


def test_a_prevention_action_under_then_says_where_it_belongs() -> None:
    found = one_problem(HEADER + RULE.replace("apologize: {}", "root_cause: {owner: x}"))
    assert found.code == "unknown-action"
    assert "put it under `prevent:`" in found.hint


def test_a_remedy_action_under_prevent_says_where_it_belongs() -> None:
    found = one_problem(
        HEADER + RULE + "    prevent:\n      - compensate: {kind: voucher, amount: 5}\n"
    )
    assert found.code == "unknown-action"
    assert "put it under `then:`" in found.hint


def test_no_suggestion_when_nothing_is_close() -> None:
    found = one_problem(HEADER + RULE.replace("lte: 2", "zzqx: 2"))
    assert "did you mean" not in found.message


# --- One report per mistake, in file order, at the right pointer ------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("{field: rating, lte: 2}", "{feild: rating, lte: 2}"),  # no "needs a field" echo
        ("{field: rating, lte: 2}", "{field: rating, lte: 2, gte: 1, ne: 3}"),  # 3 operators
        ("      all:\n        - {field: rating, lte: 2}\n", "      field: rating\n      lte: 2\n"),
        ("apologize: {}", "escalate: {too: cx-lead}"),  # no "missing `to`" echo
        ("    then:\n      - apologize: {}\n", "    thne:\n      - apologize: {}\n"),
        ("apologize: {}", "compensate: {kind: voucher, amount: 5, percent: 5, of: order.total}"),
    ],
)
def test_one_report_per_mistake(old: str, new: str) -> None:
    text = HEADER + RULE
    assert old in text
    one_problem(text.replace(old, new))


def test_a_test_directly_in_when_is_one_report() -> None:
    found = one_problem(
        HEADER
        + RULE.replace(
            "      all:\n        - {field: rating, lte: 2}\n", "      field: rating\n      lte: 2\n"
        )
    )
    assert found.code == "misplaced-test"
    assert "`all:`" in found.hint
    assert found.source.pointer == "/rules/0/when/field"


def test_a_test_directly_in_when_is_hinted_with_its_own_field_and_operator() -> None:
    """A restaurant owner's `when: {field: customer.tier, in: [vip]}` had been hinted
    `all: [{field: rating, lte: 2}]`, another test than theirs (found by review); a value not
    written back on one line, or a test without an operator, keeps that example."""
    rule = RULE.replace(
        "      all:\n        - {field: rating, lte: 2}\n",
        "      field: customer.tier\n      in: [vip, Gold]\n      ignore_case: true\n",
    )
    assert one_problem(HEADER + rule).hint == (
        "put it in a list under `all:`: "
        "`all: [{field: customer.tier, in: [vip, Gold], ignore_case: true}]`"
    )
    rule = RULE.replace(
        "      all:\n        - {field: rating, lte: 2}\n",
        '      field: text\n      contains: "Doe, Jane"\n',
    )
    assert one_problem(HEADER + rule).hint == (
        'put it in a list under `all:`: `all: [{field: text, contains: "Doe, Jane"}]`'
    )
    rule = RULE.replace(
        "      all:\n        - {field: rating, lte: 2}\n", "      field: order\n      eq: {a: 1}\n"
    )
    assert one_problem(HEADER + rule).hint == (
        "put it in a list under `all:`, such as `all: [{field: rating, lte: 2}]`"
    )


def test_errors_are_sorted_by_place() -> None:
    text = HEADER + textwrap.dedent(
        """\
          - id: b
            title: B
            priority: high
            when: {event: reveiw}
            then:
              - apologise: {}
          - id: a
            title: 7
            when: {event: order, all: [{field: x, gt: []}]}
            then:
              - escalate: {}
        """
    )
    text = text.replace(
        "plan: {name: Test Store, currency: USD}", "plan: {name: Test Store, currency: usd}"
    )
    found = problems(text)
    places = [(d.source.line, d.source.column) for d in found]
    assert places == sorted(places)
    assert [d.source.line for d in found] == [2, 6, 7, 9, 11, 12, 14]


def test_pointers_escape_slash_and_tilde() -> None:
    found = one_problem("backplan: 1\nplan: {name: A, currency: USD, 'a/b~c': 1}\n")
    assert found.code == "unknown-key"
    assert found.source.pointer == "/plan/a~1b~0c"
    assert (found.source.line, found.source.column) == (2, 32)


def test_pointer_of_a_deep_value() -> None:
    text = HEADER + RULE.replace("- apologize: {}", "- contact_customer: {channel: carrier-pigeon}")
    found = one_problem(text)
    assert found.source.pointer == "/rules/0/then/0/contact_customer/channel"
    assert found.source.line == 11
    assert found.source.column == column_of(text, 11, "carrier-pigeon")


def test_rules_without_ids_are_named_by_position() -> None:
    found = one_problem(
        HEADER
        + "  - {id: a, title: A, fallback: true, then: [apologize: {}]}\n  - {title: B, fallback: true, then: [apologize: {}]}\n"
    )
    assert found.code == "missing-key"
    assert found.message == "missing `id` in rule #2"
    assert "add `id:`" in found.hint


# --- The top of the file ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    # `~` and `null`: a value at the top that is nothing (slips/hints.py 181, never run)
    ["- a\n- b\n", "just some words\n", "42\n", "~\n", "null\n"],
)
def test_a_file_that_is_not_a_mapping_is_not_a_plan(text: str) -> None:
    found = one_problem(text)
    assert found.code == "not-a-plan"
    assert (found.source.line, found.source.column) == (1, 1)
    assert "backplan: 1" in found.hint


def test_missing_version() -> None:
    found = one_problem("plan: {name: A, currency: USD}\n")
    assert found.code == "missing-key"
    assert found.hint == "add `backplan: 1`"


@pytest.mark.parametrize("version", ["'1'", '"1"', '"1.0"'])
def test_the_version_in_quotes_is_told_to_lose_them(version: str) -> None:
    """`backplan: "1" is not a version (it reads version 1)` read as a contradiction."""
    found = one_problem(f"backplan: {version}\n")
    assert found.code == "unknown-version"
    written = version.strip("'\"")
    assert found.message == f'`backplan: "{written}"` is text; the version is the number 1'
    assert found.hint == "remove the quotes: `backplan: 1`"


@pytest.mark.parametrize(
    ("version", "shown"),
    [
        ("2", "2"),
        ("'2'", '"2"'),  # text: shown bare, `backplan: 2` would not be what was written
        ('"true"', '"true"'),
        ("1.5", "1.5"),
        ("true", "true"),
        ("[1]", "[1]"),  # a list was shown as nothing: `backplan: `
        ("{v: 1}", '{"v": 1}'),
        ("x" * 50, "x" * 50),
    ],
)
def test_wrong_version(version: str, shown: str) -> None:
    found = one_problem(f"backplan: {version}\n")
    assert found.code == "unknown-version"
    assert found.message.startswith(f"`backplan: {shown}` is not a version")
    assert "version 1" in found.message
    assert found.source.pointer == "/backplan"
    assert (found.source.line, found.source.column) == (1, 11)


@pytest.mark.parametrize(
    ("items", "repeat"),
    [
        (["a", "b", "a"], (0, 2)),
        ([1, 2, 1.0], (0, 2)),  # one JSON value: the message had fallen back to its old words
        ([True, 1, False, 0], None),  # true is not 1
        ([{"a": [1]}, {"a": [1.0]}], (0, 1)),
        ([None, "null"], None),
    ],
)
def test_a_repeated_item_is_found_as_json_schema_compares(
    items: list[Any], repeat: tuple[int, int] | None
) -> None:
    from engine.schema import _first_repeat

    assert _first_repeat(items) == repeat


@pytest.mark.parametrize(
    ("currency", "hint"),
    [
        ("usd", "write the currency's code: `currency: USD`"),
        ("dollars", "write the currency's code: `currency: USD`"),
        ("'€'", "write the currency's code: `currency: EUR`"),
        ("US", "write a three-letter currency code in capitals, such as USD or EUR"),
        # the name its countries give it, not its code: `CFA` had passed validate, rounded
        # to cents of a currency that has none (found by review)
        (
            "CFA",
            "`CFA` names two currencies: write `currency: XOF` for the West African franc, or "
            "`currency: XAF` for the Central African franc",
        ),
        (
            "F CFA",
            "`F CFA` names two currencies: write `currency: XOF` for the West African franc, "
            "or `currency: XAF` for the Central African franc",
        ),
        ("CFP", "write the currency's code: `currency: XPF`"),
        # a dollar as its country prints it, read in an amount (`R$25`) but not as the plan's
        # currency, which had had the general hint (found by review)
        ("R$", "write the currency's code: `currency: BRL`"),
        ("NZ$", "write the currency's code: `currency: NZD`"),
        ("J$", "write the currency's code: `currency: JMD`"),
        ("C$", "write the currency's code: `currency: CAD`"),
        ("B$", "write a three-letter currency code in capitals, such as USD or EUR"),
    ],
)
def test_bad_currency(currency: str, hint: str) -> None:
    found = one_problem(f"backplan: 1\nplan: {{name: A, currency: {currency}}}\n")
    assert found.code == "bad-format"
    assert "is not a currency code in `plan` (currency)" in found.message
    assert found.hint == hint


def test_a_plan_in_cfa_is_not_said_to_have_its_amounts_in_cfa(tmp_path: Path) -> None:
    """`CFA` is refused: the hint of an amount written with its currency names none. It had
    said "the plan's amounts are in CFA", and `25 F CFA` "is not in CFA" (found by review)."""
    path = tmp_path / "plan.yaml"
    action = "compensate: {kind: voucher, amount: 25 F CFA}"
    path.write_text(
        plan_with("apologize: {}", action).replace("currency: USD", "currency: CFA"),
        encoding="utf-8",
    )
    assert [found.hint for found in check_plan(path)][1:] == [
        "write the number only, `amount: 25`; the currency is set once, in the plan's `plan:` "
        "section"
    ]


@pytest.mark.parametrize("currency", ["XOF", "XAF", "XPF", "CFX", "ACF"])
def test_a_currency_code_near_cfa_is_taken(currency: str) -> None:
    """Only `CFA` and `CFP` themselves are names, not codes: any other three capitals are
    taken, as ISO may add them (lint tells those it does not know)."""
    text = f"backplan: 1\nplan: {{name: A, currency: {currency}}}\nrules: []\n"
    assert list(validate_plan_document(load_yaml(text, "p.yaml"))) == []


@pytest.mark.parametrize(
    ("amount", "said"),
    [
        ("1e30", "`1e30` is too large; it must be at most 1000000000"),
        ("1.0e+30", "`1.0e+30` is too large; it must be at most 1000000000"),
        ("-1e3", "`-1e3` is too small; it must be more than 0"),
        ("0x3B9ACA01", "`1000000001` is too large; it must be at most 1000000000"),  # unread
    ],
)
def test_a_number_out_of_range_is_shown_as_written(amount: str, said: str, tmp_path: Path) -> None:
    """`amount: 1e30` had been shown as it reads back, `1000000000000000019884624838656`;
    a number Python does not read as written (hexadecimal) is shown as it reads."""
    path = tmp_path / "plan.yaml"
    compensate = f"compensate: {{kind: voucher, amount: {amount}}}"
    path.write_text(plan_with("apologize: {}", compensate), "utf-8")
    [found] = check_plan(path)
    assert found.message == f"{said} in rule `r` (then › compensate › amount)"


@pytest.mark.parametrize(
    ("percent", "shown"), [("1e3", "`1e3`"), ("150.50", "`150.50`"), ("0x96", "`150`")]
)
def test_a_percent_over_100_is_shown_as_written(percent: str, shown: str, tmp_path: Path) -> None:
    """The schema's own wording of a percent over 100 had shown `percent: 1e3` as `1000.0`,
    read back, where every other number out of range is shown as written."""
    path = tmp_path / "plan.yaml"
    compensate = f"compensate: {{kind: voucher, percent: {percent}, of: order.total}}"
    path.write_text(plan_with("apologize: {}", compensate), "utf-8")
    [found] = check_plan(path)
    assert found.message == (
        f"{shown} is too large; it must be at most 100 (percent is out of 100) in rule `r` "
        "(then › compensate › percent)"
    )


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("repeat complainer", "write `repeat-complainer`: ids use"),
        ("Repeat_Complainer", "write `repeat_complainer`: ids use"),
        # words joined with `_` alone are joined so where the author left a blank
        ("Repeat_Complainer now", "write `repeat_complainer_now`: ids use"),
        ("Repeat-Complainer now", "write `repeat-complainer-now`: ids use"),
        ("'Café crème!'", "write `cafe-creme`: ids use"),
        ("Crème—brûlée", "write `creme-brulee`: ids use"),  # had been `cremebrulee`
        ("Œuvre", "write `oeuvre`: ids use"),  # had been `uvre`
        ("-late", "write `late`: ids use"),
        ("'!!'", "ids use"),  # no name is left to write
    ],
)
def test_a_rule_id_written_as_words_is_given_written_as_an_id(written: str, hint: str) -> None:
    """The hint had given the rules of an id alone: the manager had to work the id out."""
    found = one_problem(HEADER + RULE.replace("id: r", f"id: {written}", 1))
    assert found.code == "bad-format"
    assert found.hint == f"{hint} lower-case letters, digits, `-` and `_`, such as late-delivery"


def test_a_condition_name_written_as_words_is_given_written_as_a_name() -> None:
    """The same at the name and at its `use:`: both are renamed alike."""
    found = problems(
        HEADER.replace("rules:", "conditions:\n  Health Claim: {field: issue, eq: sick}\nrules:")
        + RULE.replace("{field: rating, lte: 2}", "{use: Health Claim}")
    )
    hint = (
        "write `health_claim`: names use lower-case letters, digits, `-` and `_`, such as "
        "public_channel"
    )
    assert [(d.code, d.hint) for d in found] == [("bad-name", hint), ("bad-name", hint)]


@pytest.mark.parametrize(
    ("others", "hint"),
    [
        (["late-order"], "write an id of its own, such as `late-order-2`"),
        (["late-order", "late-order-2"], "write an id of its own, such as `late-order-3`"),
    ],
)
def test_a_rule_id_written_as_words_is_not_hinted_as_another_rule_s(
    others: list[str], hint: str
) -> None:
    """`id: Late Order` beside a rule `late-order` had been hinted `write late-order`, which
    made the two rules' ids the same."""
    rules = "".join(RULE.replace("id: r", f"id: {other}", 1) for other in others)
    found = one_problem(HEADER + rules + RULE.replace("id: r", "id: Late Order", 1))
    assert (found.code, found.hint) == (
        "bad-format",
        f"{hint} (`late-order` is another rule's id): ids use lower-case letters, digits, `-` "
        "and `_`, such as late-delivery",
    )


def test_rule_ids_written_as_the_same_words_are_each_hinted_an_id_of_their_own() -> None:
    """Two or three rules `id: Late Order` had each been hinted `write late-order`, which,
    written as hinted, gave them one id; the first is hinted `late-order`, the next ones
    `late-order-2` and `late-order-3`."""
    rules = "".join(RULE.replace("id: r", f"id: {words}", 1) for words in ("Late Order",) * 3)
    found = problems(HEADER + rules)
    rules_hint = "ids use lower-case letters, digits, `-` and `_`, such as late-delivery"
    own = "write an id of its own, such as `late-order-{}` (`late-order` is another rule's id)"
    assert [d.hint for d in found] == [
        f"write `late-order`: {rules_hint}",
        f"{own.format(2)}: {rules_hint}",
        f"{own.format(3)}: {rules_hint}",
    ]


def test_rule_ids_written_as_words_are_read_as_names_once_each(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The ids hinted to the rules before each one were worked out again for each rule, every
    earlier id read again: 1,000 rules with ids written as words took 8 s to validate. Each
    id is read as a name once (found by review)."""
    read: list[str] = []
    reading = slips.name_written_as

    def counted(text: str, pattern: str) -> str | None:
        read.append(text)
        return reading(text, pattern)

    monkeypatch.setattr(slip_names, "name_written_as", counted)  # (where it runs)
    count = 40
    written = [f"Late Order {number % 4}" for number in range(count)]
    found = problems(HEADER + "".join(RULE.replace("id: r", f"id: {w}", 1) for w in written))
    assert len(found) == count
    assert found[-1].hint.startswith("write an id of its own, such as `late-order-3-10`")
    assert len(read) <= count


def test_a_rule_id_of_its_own_is_no_longer_than_an_id_may_be() -> None:
    """The number is put in place of the id's last letters, not after them."""
    longest = "a" * 80
    found = one_problem(
        HEADER
        + RULE.replace("id: r", f"id: {longest}", 1)
        + RULE.replace("id: r", f"id: {longest.upper()}", 1)
    )
    assert found.hint.startswith(f"write an id of its own, such as `{'a' * 78}-2` (`{longest}`")


def test_condition_names_written_as_the_same_words_are_each_hinted_a_name_of_their_own() -> None:
    """Conditions `Late Order` and `late order` had both been hinted `late_order`, which,
    written as hinted, gave them one name, as rule ids had been; the second is hinted
    `late_order_2`, and a `use:` of the first is still hinted `late_order` (found by
    review)."""
    plan = HEADER.replace(
        "rules:\n",
        "conditions:\n  Late Order: {field: rating, lte: 2}\n"
        "  late order: {field: rating, lte: 1}\nrules:\n",
    ) + RULE.replace("all:\n        - {field: rating, lte: 2}", "use: Late Order")
    names = "names use lower-case letters, digits, `-` and `_`, such as public_channel"
    assert [d.hint for d in problems(plan)] == [
        f"write `late_order`: {names}",
        "write a name of its own, such as `late_order_2` (`late_order` is another condition's "
        f"name): {names}",
        f"write `late_order`: {names}",
    ]


def test_a_condition_name_written_as_words_is_not_hinted_as_another_condition_s() -> None:
    """The same for a condition `Late Order` beside `late_order`, at its name and at its
    `use:`; a `use:` of `late_order` written as words, with no condition `Late Order`, means
    that one, and is hinted it."""
    conditions = (
        "conditions:\n  late_order: {field: issue, eq: late}\n"
        "  Late Order: {field: issue, eq: very_late}\nrules:"
    )
    found = problems(
        HEADER.replace("rules:", conditions)
        + RULE.replace("{field: rating, lte: 2}", "{use: Late Order}")
        + RULE.replace("id: r", "id: s", 1).replace("{field: rating, lte: 2}", "{use: Late order}")
    )
    names = "names use lower-case letters, digits, `-` and `_`, such as public_channel"
    own = "write a name of its own, such as `late_order_2` (`late_order` is another condition's"
    assert [(d.source.line, d.hint) for d in found] == [
        (5, f"{own} name): {names}"),
        (12, f"{own} name): {names}"),
        (20, f"write `late_order`: {names}"),
    ]


def test_bad_condition_name_is_not_called_unknown() -> None:
    found = one_problem("backplan: 1\nconditions:\n  Public Channel: {field: channel, eq: x}\n")
    assert found.code == "bad-name"
    assert "`Public Channel` is not a valid condition name" in found.message
    assert found.source.pointer == "/conditions/Public Channel"
    assert (found.source.line, found.source.column) == (3, 3)


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("1.5", "expected a whole number such as 1 or 2, found `1.5`, a number with a fraction"),
        ("-0.5", "expected a whole number such as 1 or 2, found `-0.5`, a number with a fraction"),
        ("high", "expected a whole number, found text `high`"),
    ],
)
def test_a_priority_with_a_fraction_is_told_it_has_one(written: str, said: str) -> None:
    """`priority: 1.5` was "expected a whole number, found a number `1.5`": a number where a
    number seemed to be asked for, with nothing said of what was wrong with it."""
    found = one_problem(
        HEADER + RULE.replace("    title: T\n", f"    title: T\n    priority: {written}\n")
    )
    assert (found.code, found.message, found.hint) == (
        "wrong-type",
        f"{said} in rule `r` (priority)",
        "write a whole number; higher fires first, such as `priority: 100`",
    )


@pytest.mark.parametrize(
    ("action", "written", "said", "hint"),
    [
        (
            "{escalate: {to: lead, within: WRITTEN}}",
            "14",
            "expected a duration, found a number `14` with no unit in rule `r` (then › escalate "
            "› within)",
            "write the number with its unit: `within: 14d` for days, `14h` for hours, `14m` for "
            "minutes or `14w` for weeks",
        ),
        (  # units that make more than a year are left out
            "{escalate: {to: lead, within: WRITTEN}}",
            "400",
            "expected a duration, found a number `400` with no unit in rule `r` (then › escalate "
            "› within)",
            "write the number with its unit: `within: 400h` for hours or `400m` for minutes",
        ),
        (  # no unit makes it a deadline: the general hint
            "{escalate: {to: lead, within: WRITTEN}}",
            "0",
            "expected a duration, found a number `0` in rule `r` (then › escalate › within)",
            "write a whole number from 1 then a unit: 30m, 4h, 2d or 1w",
        ),
        (
            "{escalate: {to: lead, within: WRITTEN}}",
            "1.5",
            "expected a duration, found a number `1.5` in rule `r` (then › escalate › within)",
            "write a whole number from 1 then a unit: 30m, 4h, 2d or 1w",
        ),
    ],
)
def test_a_deadline_written_as_a_number_alone_is_told_its_unit_is_missing(
    action: str, written: str, said: str, hint: str
) -> None:
    """`within: 14` had been told "expected text, found a number `14`": a manager who wrote a
    deadline read that text was wanted, and was given the general hint, not the unit the
    number lacks (found by review)."""
    then = action.replace("WRITTEN", written)
    found = one_problem(HEADER + RULE.replace("- apologize: {}", f"- {then}"))
    assert (found.code, found.message, found.hint) == ("wrong-type", said, hint)


@pytest.mark.parametrize(
    "number",
    [0, -3, 527041, 10**5000, True, 1.5, "14"],
    ids=["zero", "negative", "beyond-a-year", "5000-digits", "true", "fraction", "text"],
)
def test_no_unit_is_offered_to_a_number_no_unit_makes_a_deadline(number: object) -> None:
    """Beyond a year's minutes (527,040) no unit fits; a number of 5,000 digits, which Python
    refuses to write out, gets no hint either, as the plan's data may hold one."""
    assert slips.unit_left_out_hint(number, "within") == ""


@pytest.mark.parametrize(
    ("number", "hint"),
    [
        (1, "`within: 1d` for days, `1h` for hours, `1m` for minutes or `1w` for weeks"),
        (527040, "`within: 527040m` for minutes"),  # a year to the minute: the longest there is
    ],
)
def test_a_number_alone_is_offered_each_unit_that_keeps_it_within_a_year(
    number: int, hint: str
) -> None:
    assert slips.unit_left_out_hint(number, "within") == f"write the number with its unit: {hint}"


@pytest.mark.parametrize("written", ['"14"', "'14'", '" 14 "'])
def test_a_deadline_of_a_number_alone_in_quotes_is_told_its_unit_is_missing(written: str) -> None:
    """`within: "14"` had the general hint ("write a whole number from 1 then a unit") where
    `within: 14` is offered the units the number lacks (found by review)."""
    found = one_problem(
        HEADER + RULE.replace("- apologize: {}", f"- {{apologize: {{within: {written}}}}}")
    )
    assert (found.code, found.hint) == (
        "bad-duration",
        "write the number with its unit: `within: 14d` for days, `14h` for hours, `14m` for "
        "minutes or `14w` for weeks",
    )


def test_a_prevention_deadline_written_as_a_number_alone_is_told_its_unit_is_missing() -> None:
    text = HEADER + RULE + "    prevent: [{root_cause: {owner: lead, within: 14}}]\n"
    found = one_problem(text)
    assert (found.message, found.hint) == (
        "expected a duration, found a number `14` with no unit in rule `r` (prevent › "
        "root_cause › within)",
        "write the number with its unit: `within: 14d` for days, `14h` for hours, `14m` for "
        "minutes or `14w` for weeks",
    )


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ('"60"', "write the number without quotes: `priority: 60`"),
        ("'-5'", "write the number without quotes: `priority: -5`"),
        (
            '"1,000"',
            "write the number without thousands separators: `priority: 1000` (or `priority: 1` "
            "if the comma marked decimals)",
        ),
        # no whole number: the schema's hint, as for a word
        ('"1.5"', "write a whole number; higher fires first, such as `priority: 100`"),
        ("high", "write a whole number; higher fires first, such as `priority: 100`"),
    ],
)
def test_a_priority_in_quotes_is_told_to_leave_them_out(written: str, hint: str) -> None:
    """`priority: "60"` had been told "expected a whole number, found text `60`", hinted
    "write a whole number": a manager who had written one was not told the quotes were the
    mistake, where `amount: "10"` is (found by review)."""
    found = one_problem(
        HEADER + RULE.replace("    title: T\n", f"    title: T\n    priority: {written}\n")
    )
    assert (found.code, found.hint) == ("wrong-type", hint)


@pytest.mark.parametrize("key", ["currency", "Currency"])
def test_a_currency_given_to_an_offer_is_told_it_is_the_plans(key: str) -> None:
    """`compensate: {amount: 10, currency: EUR}` had been told only the keys allowed: a manager
    paying in another currency than the plan's was not told that every amount is in the
    plan's currency, so that the offer would be 10 of it (found by review)."""
    found = one_problem(
        action_plan("then", "compensate", f"{{kind: voucher, amount: 10, {key}: EUR}}")
    )
    assert (found.code, found.message, found.hint) == (
        "unknown-key",
        f"unknown key `{key}` in rule `r` (then › compensate)",
        "an offer is paid in the plan's currency: the currency is set once, in the plan's "
        f"`plan:` section (such as `currency: USD`); remove `{key}:` and write the amount in "
        "that currency",
    )


def test_a_priority_with_a_fraction_is_shown_as_written(tmp_path: Path) -> None:
    """`priority: 1.50` had been told "found `1.5`", a number the manager never wrote."""
    path = tmp_path / "plan.yaml"
    path.write_text(plan_with("    title: T\n", "    title: T\n    priority: 1.50\n"), "utf-8")
    [found] = check_plan(path)
    assert found.render().splitlines() == [
        f"{path}:6:15: error: expected a whole number such as 1 or 2, found `1.50`, a number "
        "with a fraction in rule `r` (priority) [wrong-type]",
        "  hint: write a whole number; higher fires first, such as `priority: 100`",
    ]


def test_a_priority_written_with_a_point_and_no_fraction_is_whole() -> None:
    assert (
        problems(HEADER + RULE.replace("    title: T\n", "    title: T\n    priority: 2.0\n")) == []
    )


@pytest.mark.parametrize("word", ["yes", "no", "on", "off"])
def test_yaml_1_1_booleans_get_a_hint(word: str) -> None:
    found = one_problem(
        HEADER + RULE.replace("    title: T\n", f"    title: T\n    enabled: {word}\n")
    )
    assert found.code == "wrong-type"
    assert f"found text `{word}`" in found.message
    assert "`true` or `false`" in found.hint


def test_an_action_without_parameters_needs_braces() -> None:
    found = one_problem(HEADER + RULE.replace("apologize: {}", "apologize:"))
    assert found.code == "wrong-type"
    assert found.message.startswith("expected a mapping (keys and values), found nothing")
    assert "`apologize: {}`" in found.hint


def test_an_action_written_as_a_word_gets_an_example() -> None:
    found = one_problem(HEADER + RULE.replace("- apologize: {}", "- apologize"))
    assert found.code == "wrong-type"
    assert "`- apologize: {}`" in found.hint


@pytest.mark.parametrize(
    ("first", "shown"),
    [("id: late", "`- id: late`"), ("when: {event: order}", "`- when:`")],
)
def test_rules_written_as_a_mapping_are_told_to_start_each_rule_with_a_dash(
    first: str, shown: str
) -> None:
    """`rules:` then `id: a` with no `- `: "expected a list, found a mapping" had no hint."""
    found = one_problem(HEADER + f"  {first}\n  title: Late\n  then: [{{apologize: {{}}}}]\n")
    assert (found.code, found.message) == ("wrong-type", "expected a list, found a mapping")
    key = first.split(":", maxsplit=1)[0]
    assert found.hint == (
        f"start each rule with `- ` before its first key ({shown}), and indent its other keys "
        f"two more spaces, to line up with `{key}:`"
    )
    assert (found.source.line, found.source.column) == (4, 3)


def test_rule_without_when_or_actions() -> None:
    found = problems(HEADER + "  - id: lazy\n    title: Lazy\n")
    assert [d.code for d in found] == ["empty-rule", "missing-when"]
    assert (
        found[0].message == "rule `lazy` has neither `then` nor `prevent`, so it would do nothing"
    )
    assert found[1].message == "rule `lazy` has no `when`"
    assert "fallback: true" in found[1].hint


def test_a_fallback_rule_needs_no_when(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        HEADER + "  - {id: f, title: F, fallback: true, then: [escalate: {to: cx-lead}]}\n",
        encoding="utf-8",
    )
    assert check_plan(path) == []


# --- a long plan: jsonschema is given only the rules the fast check refuses --------------------

BREAKAGES: dict[str, Any] = {
    "unknown-key": lambda rule: {**rule, "colour": "red"},
    "wrong-type": lambda rule: {**rule, "priority": "high"},
    "missing-title": lambda rule: {k: v for k, v in rule.items() if k != "title"},
    "two-operators": lambda rule: {
        **rule,
        "when": {"all": [{"field": "rating", "lte": "x", "gte": 1}]},
    },
    "no-actions": lambda rule: {**rule, "then": []},
    "bad-action": lambda rule: {**rule, "then": [{"apologise": {}}]},
    "number-id": lambda rule: {**rule, "id": 5},
    "not-a-mapping": lambda rule: "oops",
}


@settings(max_examples=25, deadline=None)
@given(
    broken=st.dictionaries(
        st.integers(0, 40), st.sampled_from(sorted(BREAKAGES)), min_size=1, max_size=4
    ),
    top_level=st.sampled_from([None, ("extra", 1), ("plan", "x"), ("conditions", [])]),
)
def test_a_long_plan_gets_the_same_diagnostics_as_when_jsonschema_walks_it_whole(
    broken: dict[int, str], top_level: Any
) -> None:
    """Given only the refused rules, jsonschema finds the same problems, at the same places."""
    import yaml

    from bench.workload import make_plan
    from engine import schema

    document = make_plan(40, seed=5)
    rules = document["rules"]
    assert len(rules) >= schema.MIN_ITEMS_TO_NARROW
    for index, breakage in broken.items():
        rules[index] = BREAKAGES[breakage](rules[index])
    if top_level is not None:
        document[top_level[0]] = top_level[1]
    loaded = load_yaml(yaml.safe_dump(document, sort_keys=False), "plan.yaml")
    assert schema._narrowed(loaded.data, "plan") is not None  # the narrowing is what is tested
    narrowed = validate_plan_document(loaded)
    assert narrowed
    whole_list = schema.MIN_ITEMS_TO_NARROW
    try:
        schema.MIN_ITEMS_TO_NARROW = 10**9
        whole = validate_plan_document(loaded)
    finally:
        schema.MIN_ITEMS_TO_NARROW = whole_list
    assert [d.render() for d in narrowed] == [d.render() for d in whole]


def test_where_in_plan_names_a_condition_as_written() -> None:
    from engine.schema import where_in_plan

    assert where_in_plan("/conditions/a~1b~0c/any/0", {}) == " in condition `a/b~c` (any)"


def test_a_message_that_is_only_a_field_not_in_quotes_gets_the_quoted_form() -> None:
    found = one_problem(
        HEADER + "  - {id: r, title: T, when: {event: review},"
        " then: [apologize: {message: {customer.first_name}}]}\n"
    )
    assert found.code == "wrong-type"
    assert (
        found.hint
        == 'text that starts with `{` must be in quotes: `message: "{customer.first_name}"`'
    )


@pytest.mark.parametrize("section", ["then", "prevent"])
def test_a_custom_action_name_with_capitals_is_told_the_form_it_needs(section: str) -> None:
    """`x-CRM` starts with `x-`: a hint that only said "custom actions start with `x-`" left
    the capitals unexplained."""
    rule = RULE if section == "then" else RULE + "    prevent: [{root_cause: {owner: x}}]\n"
    where = "apologize: {}" if section == "then" else "root_cause: {owner: x}"
    found = one_problem(HEADER + rule.replace(where, "x-CRM: {a: 1}"))
    assert found.code == "unknown-action"
    assert found.hint.endswith(
        "custom actions are `x-` then lower-case letters, digits, `-` or `_`, such as `x-crm-flag`"
    )


def test_a_tag_with_a_space_gets_an_example_not_a_regular_expression() -> None:
    found = one_problem(HEADER + RULE.replace("apologize: {}", "tag: {tags: [Public Review]}"))
    assert found.code == "bad-format"
    assert found.hint == (
        "a tag is one word of letters, digits, `_`, `.`, `:` or `-`, such as `public-review`"
    )


_SCHEMA_WORDS_FOR_STDIN = """
import sys
from engine.loading import load_yaml
from engine.schema import validate_plan_document
for found in validate_plan_document(load_yaml(sys.stdin.read(), "plan.yaml")):
    print(found.code, found.message[:60], found.hint, sep="|")
"""


def test_text_with_a_long_run_of_blanks_in_a_number_s_place_is_read_in_linear_steps() -> None:
    """A currency sign or code after a number (`12 EUR`) was looked for from each blank of a
    run that ends in no sign or code: 10 KB of blanks took 8 s, 100 KB would take minutes (the
    child process is stopped after 20 s: a guard, not a timing). The words stay the same."""
    value = "12" + " " * 100 * 1024 + "x"
    text = HEADER + (
        "  - id: r\n    title: t\n    when: {event: review}\n"
        f'    then: [compensate: {{kind: voucher, amount: "{value}"}}]\n'
    )
    message = ("expected a number, found text `" + value)[:60]
    assert printed_by_a_child(_SCHEMA_WORDS_FOR_STDIN, text) == f"wrong-type|{message}|\n"


def _rule_text(when: str) -> str:
    """A plan of one rule whose `when:` is ``when`` (its lines indented under it)."""
    return HEADER + "  - id: r\n    title: T\n    when:\n" + when + "    then: [apologize: {}]\n"


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The words the schema's did-you-mean is worked out for, in order."""
    words: list[str] = []
    suffix = schema.suggestion_suffix

    def counting(word: str, candidates: Any) -> str:
        words.append(word)
        return suffix(word, candidates)

    monkeypatch.setattr(schema, "suggestion_suffix", counting)
    return words


@pytest.mark.parametrize(
    ("when", "key", "message", "hint"),
    [
        (
            "      all: [{rating: 2}]\n",
            "rating",
            "`rating` is not an operator or a condition key in rule `r` (when › all)",
            "name the field with `field:` and give one operator: `{field: rating, eq: 2}`",
        ),
        (
            "      all: [{use public_channel}]\n",
            "use public_channel",
            "`use public_channel` is not an operator or a condition key in rule `r` (when › all)",
            "a key needs `: ` before its value: write `use: public_channel`",
        ),
        # a field's test written as one key, `rating: 2` without its `: `: had been hinted
        # `{field: rating 2, exists: true}`, a field refused in its turn, beside "did you mean
        # `between`?"
        (
            "      all: [{rating 2}]\n",
            "rating 2",
            "`rating 2` is not an operator or a condition key in rule `r` (when › all)",
            "name the field with `field:` and give one operator: `{field: rating, eq: 2}`",
        ),
        (
            "      all: [{customer.tier gold}]\n",
            "customer.tier gold",
            "`customer.tier gold` is not an operator or a condition key in rule `r` (when › all)",
            "name the field with `field:` and give one operator: "
            "`{field: customer.tier, eq: gold}`",
        ),
        (
            "      all: [{rating <= 2}]\n",
            "rating <= 2",
            "`rating <= 2` is not an operator or a condition key in rule `r` (when › all)",
            "name the field with `field:` and give one operator: `{field: rating, lte: 2}`",
        ),
        (
            "      all: [{field: rating, lte: 2, then: [apologize: {}]}]\n",
            "then",
            "`then` is not an operator or a condition key in rule `r` (when › all)",
            "`then` belongs to the rule, beside `when:`: move it left, to the column of `when:`",
        ),
        (
            "      all: [{field: rating, lte: 2}]\n      then: [apologize: {}]\n",
            "then",
            "unknown key `then` in rule `r` (when)",
            "`then` belongs to the rule, beside `when:`: move it left, to the column of `when:`",
        ),
        (
            "      all: [{field: rating, lte: 2}]\n      <<: {event: review}\n",
            "<<",
            "`<<` (YAML's merge key) is not supported by Backplan in rule `r` (when)",
            "write the keys out; an anchor (`&name`) may still stand for a whole value",
        ),
    ],
)
def test_a_key_whose_hint_says_what_it_is_gets_no_did_you_mean_worked_out(
    asked: list[str], when: str, key: str, message: str, hint: str
) -> None:
    """A did-you-mean was worked out (difflib over the allowed keys) for each unknown key,
    then dropped when a hint saying what the key really is took its place."""
    found = [d for d in problems(_rule_text(when)) if d.source.pointer.endswith(f"/{key}")]
    assert [(d.message, d.hint) for d in found] == [(message, hint)]
    assert key not in asked


@pytest.mark.parametrize("when", ["      all: [{low rating}]\n", "      all: [{rating 2: 3}]\n"])
def test_a_key_of_words_is_not_hinted_as_a_field(when: str) -> None:
    """A key that is no field's name (a blank in it) had been hinted as the field of a test,
    `{field: low rating, exists: true}`, a field validate refuses in its turn: the hint is
    the one of any key that is no operator."""
    [found] = problems(_rule_text(when))
    assert found.code == "unknown-operator"
    assert found.hint.startswith("a test is a field and one operator, such as `{field: rating,")


def _names_refused_without_words(schema: Any, node: Any) -> Iterator[str]:
    """Each keyword a `propertyNames` of ``schema`` refuses a name by (its enum, its anyOf)
    that has no `x-messages` entry of its own, but its lengths: they are said alike for every
    text, keys too (`schema._keyword_message`)."""
    if isinstance(node, dict):
        names = node.get("propertyNames")
        if isinstance(names, dict):
            target = names
            if "$ref" in names:
                target = schema["$defs"][names["$ref"].removeprefix("#/$defs/")]
            words = {**target.get("x-messages", {}), **names.get("x-messages", {})}
            yield from (
                k for k in ("enum", "const", "anyOf", "pattern") if k in target and k not in words
            )
        for key, value in node.items():
            if key != "if":  # (a name an `if` refuses is no error)
                yield from _names_refused_without_words(schema, value)
    elif isinstance(node, list):
        for value in node:
            yield from _names_refused_without_words(schema, value)


def _closed_without_keys(node: Any, pointer: str = "") -> Iterator[str]:
    """Where a schema refuses every key but its `properties` and has none."""
    if isinstance(node, dict):
        if node.get("additionalProperties") is False and not node.get("properties"):
            yield pointer
        for key, value in node.items():
            yield from _closed_without_keys(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _closed_without_keys(value, f"{pointer}/{index}")


@pytest.mark.parametrize("name", ["plan", "plantest"])
def test_a_mapping_that_refuses_other_keys_names_those_it_takes(name: str) -> None:
    """An unknown key is hinted with the keys allowed (`schema._allowed_hint`), which are
    never none: "allowed here:" with nothing after it would say nothing."""
    assert list(_closed_without_keys(load_schema(name))) == []


@pytest.mark.parametrize("name", ["plan", "plantest"])
def test_every_list_of_names_refuses_a_name_in_its_own_words(name: str) -> None:
    """An unknown key of a list of names (an operator, an action type) is told by the
    schema's `x-messages` beside it: `schema._explain` has no wording of its own for one."""
    schema = load_schema(name)
    assert list(_names_refused_without_words(schema, schema)) == []


@pytest.mark.parametrize(
    "text",
    [
        # above the rules: no rule's key YAML took for the plan's
        "backplan: 1\nthen: [apologize: {}]\nplan: {name: A, currency: USD}\nrules:\n"
        "  - {id: r, title: T, when: {all: [{field: rating, lte: 2}]}, then: [apologize: {}]}\n",
        # below a rule of no key: no column to indent it to
        "backplan: 1\nplan: {name: A, currency: USD}\nrules:\n  - {}\nthen: [apologize: {}]\n",
    ],
)
def test_a_rule_s_key_of_the_plan_not_below_a_rule_s_keys_is_an_unknown_key(text: str) -> None:
    """`then:` at column 1 is hinted to be indented under the last rule's first key only when
    it stands below that key: above the rules, or below an empty rule, the plan's keys."""
    [found] = [d for d in problems(text) if d.code == "unknown-key"]
    assert (found.message, found.hint) == (
        "unknown key `then`",
        "allowed here: `backplan`, `conditions`, `plan`, `rules`",
    )


def test_a_condition_name_too_long_is_told_at_its_key() -> None:
    """A name of the `conditions:` section is a key held to the names' schema: one too long
    is no unknown key, but a text too long, told where the name is written."""
    name = "a" * 90
    found = problems(
        "backplan: 1\nplan: {name: Test Store, currency: USD}\n"
        f"conditions:\n  {name}: {{field: rating, lte: 2}}\n"
        "rules:\n  - {id: r, title: T, when: {all: [{field: rating, lte: 2}]}, then: [apologize: {}]}\n"
    )
    assert [(d.code, d.message, d.source.line, d.source.column) for d in found] == [
        ("too-long", "this text is 90 characters long; at most 80 are allowed", 4, 3)
    ]


def test_a_key_with_a_space_and_a_value_of_its_own_is_not_told_it_misses_its_colon() -> None:
    """`eq true` with no value is `eq: true` written without `: `; with a value of its own
    (`eq true: 1`) the value is not `true`, and "write `eq: true`" would change the test."""
    found = one_problem(
        HEADER
        + "  - {id: r, title: T, when: {all: [{field: repeat, eq true: 1}]}, then: [apologize: {}]}\n"
    )
    assert found.code == "unknown-operator"
    assert found.hint.startswith("a test is a field and one operator")


def test_a_misspelt_key_still_gets_its_did_you_mean_worked_out_once(asked: list[str]) -> None:
    [found] = problems(_rule_text("      all: [{feild: text, contains: x}]\n"))
    assert "(did you mean `field`?)" in found.message
    assert asked == ["feild"]


@pytest.mark.parametrize(
    ("pattern", "path_hint"),
    [
        (r"^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$", True),  # a field path's: it takes it
        (r"^[a-z0-9][a-z0-9_-]*$", False),  # an id's: `order.1` would be refused again
    ],
)
def test_a_list_item_in_brackets_is_mended_only_where_the_dotted_path_is_taken(
    pattern: str, path_hint: bool
) -> None:
    """`order[1]` refused by a pattern gets `order.1` as its mend only when that pattern
    accepts `order.1`: a hint never proposes what the same check refuses."""
    wanted = {"type": "string", "pattern": pattern}
    (error,) = Draft202012Validator(wanted).iter_errors("order[1]")
    _, hint = schema._keyword_message(error, wanted)
    assert ("`order.1`" in hint) is path_hint, hint


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (
            "backplan: 1\nplan: {name: A, currency: USD}\nrules:\n",
            "write each rule as a list item under `rules:`: `- id: late-delivery`, with its "
            "`title:`, `when:` and `then:` under it (`backplan init` writes a plan to start from)",
        ),
        (
            "backplan: 1\nplan: {name: A, currency: USD}\nrules: late-order\n",
            "write each rule as a list item under `rules:`: `- id: late-delivery`, with its "
            "`title:`, `when:` and `then:` under it (`backplan init` writes a plan to start from)",
        ),
        (
            "backplan: 1\nplan:\nrules: []\n",
            'for example: `plan: {name: "Your Business", currency: USD}`',
        ),
        (
            HEADER + "  -\n  - {id: a, title: A, fallback: true, then: [{apologize: {}}]}\n",
            "write the item after its `- `, or remove the `- ` with nothing after it",
        ),
    ],
    ids=["rules-left-empty", "rules-as-text", "plan-left-empty", "rule-item-left-empty"],
)
def test_a_section_or_rule_left_empty_is_told_what_to_write(text: str, hint: str) -> None:
    """`rules:`, `plan:` or a rule's `-` with nothing after it had no hint, and `rules:
    late-order` was hinted `rules: [late-order]`, a rule that is text (found by review)."""
    assert one_problem(text).hint == hint


@pytest.mark.parametrize(
    ("written", "read", "hint"),
    [
        (  # `name: "="` had been hinted by the loader, the example alone here
            "name =",
            "name =",
            "a plan writes a colon after a key, not `=`, and the value after it on the same "
            "line: `name: ` followed by it",
        ),
        (
            "name =   # the shop",
            "name =",
            "a plan writes a colon after a key, not `=`, and the value after it on the same "
            "line: `name: ` followed by it",
        ),
        ("name = Acme", "name = Acme", "write a colon in place of the `=`: `name: Acme`"),
        (
            "name = [draft] shop",
            "name = [draft] shop",
            'write a colon in place of the `=`: `name: "[draft] shop"`',
        ),
        (
            "name = Acme\n  currency = USD",
            "name = Acme currency = USD",
            "write each `key = value` as `key: value`, on its own line",
        ),
        (  # no key of the plan section: its example, as before
            "shop = Acme",
            "shop = Acme",
            'for example: `plan: {name: "Your Business", currency: USD}`',
        ),
    ],
)
def test_a_plan_section_written_with_equals_signs_is_told_to_write_colons(
    written: str, read: str, hint: str
) -> None:
    """`plan:` then `name =` as its last line is one text to YAML, and had been given the
    section's example only, with nothing said of the `=` (found by review)."""
    found = one_problem(f"backplan: 1\nplan:\n  {written}\nrules:\n" + RULE)
    assert (found.message, found.hint) == (
        f"expected a mapping (keys and values), found text `{read}` in `plan`",
        hint,
    )


@pytest.mark.parametrize(
    "title", ["' '", '"  \\t"', '"\\u3000"', '"\\u200b"', '"\\ufeff"', '"\\u200b \\u2060"']
)
def test_a_title_of_blanks_is_refused_as_an_empty_one_is(title: str) -> None:
    """`title: " "` was taken, lint said nothing, and the printed plan showed `****` (found by
    review): a title staff cannot read is refused, as `title: ""` is, with the same code. A
    zero-width space or a byte-order mark shows as nothing too, and had been taken: JSON
    Schema's `\\S` counts them as characters (found by review)."""
    found = one_problem(
        HEADER
        + f"  - {{id: r, title: {title}, when: {{event: review}}, then: [{{apologize: {{}}}}]}}\n"
    )
    assert (found.code, found.message) == (
        "too-few",
        "this title is only blanks in rule `r` (title)",
    )
    assert found.hint == "write the words staff will read for this rule, such as `Late delivery`"


_BLANK = '" \\u200b"'
"""A text that shows as nothing: a space and a zero-width space."""


@pytest.mark.parametrize(
    ("plan", "rule", "action", "said", "hint"),
    [
        (
            f"name: {_BLANK}",
            "",
            "apologize: {}",
            "this name is only blanks in `plan` (name)",
            "write the name of the business or plan, such as `Acme Store`",
        ),
        (
            f"name: T, owner: {_BLANK}",
            "",
            "apologize: {}",
            "this owner is only blanks in `plan` (owner)",
            "write who is responsible for the plan, "
            "such as `cx-lead@acme.example`, or remove `owner`",
        ),
        (
            f"name: T, description: {_BLANK}",
            "",
            "apologize: {}",
            "this description is only blanks in `plan` (description)",
            "write notes about the plan for the people who keep it, or remove `description`",
        ),
        (
            "name: T",
            f"description: {_BLANK}, ",
            "apologize: {}",
            "this description is only blanks in rule `r` (description)",
            "write notes about the rule for the people who keep the plan, or remove `description`",
        ),
        (
            "name: T",
            f"tags: [late, {_BLANK}], ",
            "apologize: {}",
            "this tag is only blanks in rule `r` (tags)",
            "write a label, such as `delivery`, or take it out of the list",
        ),
        (
            "name: T",
            "",
            f"escalate: {{to: {_BLANK}}}",
            "this recipient is only blanks in rule `r` (then › escalate › to)",
            "write the person, role or team it goes to, such as `cx-lead`",
        ),
        (
            "name: T",
            "",
            f"notify: {{to: {_BLANK}}}",
            "this recipient is only blanks in rule `r` (then › notify › to)",
            "write the person, role or team it goes to, such as `cx-lead`",
        ),
        (
            "name: T",
            "",
            f"apologize: {{message: {_BLANK}}}",
            "this message is only blanks in rule `r` (then › apologize › message)",
            "write the words the customer or staff will read, such as `Sorry, we are on it.`",
        ),
        (
            "name: T",
            "",
            f"x-crm: {{message: {_BLANK}}}",
            "this message is only blanks in rule `r` (then › x-crm › message)",
            "write the words the customer or staff will read, such as `Sorry, we are on it.`",
        ),
        (
            "name: T",
            "",
            f"replace: {{item: {_BLANK}}}",
            "this item is only blanks in rule `r` (then › replace › item)",
            "write what to replace, such as `the damaged cake`, or remove `item`",
        ),
    ],
)
def test_a_text_of_blanks_is_refused_in_its_field_s_words(
    plan: str, rule: str, action: str, said: str, hint: str
) -> None:
    """A plan's name, its owner, a recipient, a message... of blanks only had been taken and
    then shown or decided as nothing: `#  : backup plan`, a case escalated to no one (found by
    review). Each is refused as the title is, in words of its own, from one definition."""
    found = one_problem(
        f"backplan: 1\nplan: {{{plan}, currency: USD}}\nrules:\n"
        f"  - {{id: r, title: T, {rule}when: {{event: review}}, then: [{{{action}}}]}}\n"
    )
    assert (found.code, found.message, found.hint) == ("too-few", said, hint)


def test_an_owner_of_blanks_is_refused_in_prevent() -> None:
    found = one_problem(
        HEADER + "  - {id: r, title: T, when: {event: review}, "
        "prevent: [{root_cause: {owner: '\t'}}]}\n"
    )
    assert (found.code, found.message, found.hint) == (
        "too-few",
        "this owner is only blanks in rule `r` (prevent › root_cause › owner)",
        "write the person, role or team who owns it, such as `store-manager`",
    )


@pytest.mark.parametrize("text", ["a", " a ", "\u200bé", "🤦\u200d♀️", "\u3000東京"])
def test_a_text_with_words_among_its_blanks_is_taken(text: str) -> None:
    """Only a text of nothing but blanks is refused: not one with words between them, nor an
    emoji held together by a zero-width joiner."""
    quoted = json.dumps(text, ensure_ascii=False)
    rule = (
        f"{{id: r, title: {quoted}, when: {{event: review}}, then: [{{notify: {{to: {quoted}}}}}]}}"
    )
    assert problems(f"{HEADER}  - {rule}\n") == []


def test_blanks_are_defined_once_and_each_text_refers_to_it() -> None:
    """One definition of what blanks are (`$defs.words`), the same in both hand-written
    schemas; no field pastes a pattern of its own for them."""
    plan, plantest = load_schema("plan"), load_schema("plantest")
    assert plan["$defs"]["words"] == plantest["$defs"]["words"]
    for written in (plan, plantest):
        text = json.dumps(written)
        assert text.count(json.dumps(written["$defs"]["words"]["pattern"])) == 1
        assert "\\\\S" not in text


def test_an_empty_title_is_told_once_as_empty() -> None:
    found = one_problem(
        HEADER + "  - {id: r, title: '', when: {event: review}, then: [{apologize: {}}]}\n"
    )
    assert (found.code, found.message) == ("too-few", "this title is empty in rule `r` (title)")
    assert found.hint == "write the words staff will read for this rule, such as `Late delivery`"


def _texts_that_must_say_something(written: Any) -> Iterator[dict[str, Any]]:
    """Each field of a schema that refers to `$defs.words` and may not be empty."""
    if isinstance(written, dict):
        if written.get("$ref") == "#/$defs/words" and written.get("minLength") == 1:
            yield written
        for value in written.values():
            yield from _texts_that_must_say_something(value)
    elif isinstance(written, list):
        for value in written:
            yield from _texts_that_must_say_something(value)


def test_an_empty_text_is_told_in_its_fields_words_as_blanks_are() -> None:
    """`owner: ""` had been "this text is empty" with no hint, where `owner: " "` is "this
    owner is only blanks" with one: every text that may not be empty words its emptiness as its
    blanks, with the same hint."""
    fields = [
        field
        for name in ("plan", "plantest")
        for field in _texts_that_must_say_something(load_schema(name))
    ]
    assert len(fields) == 8
    for field in fields:
        blanks, hint, code = field["x-messages"]["pattern"]
        assert field["x-messages"]["minLength"] == [
            blanks.replace(" is only blanks", " is empty"),
            hint,
            code,
        ]
    prevent = "prevent: [{root_cause: {owner: '', within: 7d}}]"
    rule = f"{{id: r, title: T, when: {{event: review}}, then: [{{apologize: {{}}}}], {prevent}}}"
    found = one_problem(f"{HEADER}  - {rule}\n")
    assert found.message == "this owner is empty in rule `r` (prevent › root_cause › owner)"
    assert found.hint == "write the person, role or team who owns it, such as `store-manager`"


@pytest.mark.parametrize(
    ("tags", "shown"),
    [("[{a: 1}, {a: 1}]", "a mapping"), ("[[1], [1]]", "a list"), ("[~, ~]", "an empty value")],
)
def test_a_list_or_mapping_or_nothing_a_list_holds_twice_is_said_in_words(
    tags: str, shown: str
) -> None:
    # Beside the items' own type errors: the repeat is named by its kind, never as Python
    # writes it (`{'a': 1}`, `None`).
    found = problems(
        HEADER + f"  - {{id: r, title: r, fallback: true, tags: {tags}, then: [{{note: {{}}}}]}}\n"
    )
    [repeat] = [d for d in found if d.code == "duplicate-item"]
    assert (repeat.message, repeat.source.pointer) == (
        f"{shown} is in this list twice in rule `r` (tags)",
        "/rules/0/tags/1",
    )


@pytest.mark.parametrize(
    ("item", "hint"),
    [
        # an event type where a test goes, inside `all:`: named in `when:`, not in the list
        ("order", "`order` is an event type: name it in the rule's `when:` as `event: order`"),
        # a test written as words with an empty list: no list to suggest, so no hint
        ('"issue in []"', ""),
    ],
)
def test_a_text_where_a_test_goes_is_hinted_what_it_is(item: str, hint: str) -> None:
    [found] = problems(
        HEADER
        + f"  - {{id: r, title: r, when: {{all: [{item}]}}, then: [{{note: {{message: hi}}}}]}}\n"
        "  - {id: f, title: f, fallback: true, then: [{escalate: {to: lead}}]}\n"
    )
    assert (found.code, found.source.pointer, found.hint) == (
        "wrong-type",
        "/rules/0/when/all/0",
        hint,
    )


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("call", "phone"),  # had been "did you mean `social`?"
        ("Call", "phone"),
        ("phone call", "phone"),
        ("telephone", "phone"),
        ("text", "sms"),  # had been no suggestion
        ("text message", "sms"),
        ("face to face", "in_person"),
        ("in store", "in_person"),
        ("social media", "social"),
    ],
)
def test_a_channel_in_everyday_words_is_given_the_channel_it_means(
    written: str, meant: str
) -> None:
    found = one_problem(plan_with("apologize: {}", f"apologize: {{channel: {written}}}"))
    assert found.message == (
        f"`{written}` is not allowed (did you mean `{meant}`?) in rule `r` "
        "(then › apologize › channel)"
    )
    assert found.hint == "use one of: phone, email, sms, chat, meeting, in_person, social, letter"


def test_a_channel_in_words_of_no_channel_is_given_none() -> None:
    found = one_problem(plan_with("apologize: {}", "apologize: {channel: whatsapp}"))
    assert found.message == "`whatsapp` is not allowed in rule `r` (then › apologize › channel)"


def test_call_and_text_keep_their_meaning_where_an_action_or_a_key_is_meant() -> None:
    from engine.model import REMEDY_ACTIONS
    from engine.suggest import did_you_mean

    assert did_you_mean("call", REMEDY_ACTIONS) == "contact_customer"
    assert did_you_mean("text", ["message", "within", "channel"]) == "message"


@pytest.mark.parametrize(
    ("written", "meant"),
    [("biggest", "max"), ("largest", "max"), ("add up", "sum"), ("stack", "sum")],
)
def test_how_offers_combine_in_everyday_words_is_given_the_word_it_means(
    written: str, meant: str
) -> None:
    # `combine: biggest` had been told only "use one of: max, sum" (found by review).
    found = one_problem(
        plan_with("currency: USD}", f"currency: USD, compensation: {{combine: {written}}}}}")
    )
    assert found.message == (
        f"`{written}` is not allowed (did you mean `{meant}`?) in `plan` (compensation › combine)"
    )


@pytest.mark.parametrize(
    ("when", "listed"),
    [
        ("{event: review, complaint}", "[review, complaint]"),
        ("{all: [{field: rating, lt: 2}], event: review, complaint}", "[review, complaint]"),
        ("{event: review, complaint, survey}", "[review, complaint, survey]"),
    ],
)
def test_event_types_a_comma_cut_in_braces_are_hinted_as_a_list(when: str, listed: str) -> None:
    """`when: {event: review, complaint}` reads as `event: review` and a key `complaint`: it
    had been hinted "put the whole text in quotes: `event: "review, complaint"`", which is no
    event type either; each key the commas made is hinted with the list."""
    found = problems(
        HEADER + f"  - id: a\n    title: A\n    when: {when}\n    then: [apologize: {{}}]\n"
    )
    assert found
    assert {(d.code, d.hint) for d in found} == {
        ("unknown-key", f"write a list in brackets: `event: {listed}`")
    }
    assert found[0].message.startswith("unknown key `complaint`")


@pytest.mark.parametrize(
    ("text", "line"), [("backplan = 1\nrules = []\n", 1), ("# Acme\nbackplan = 1\n", 2)]
)
def test_a_plan_written_as_a_toml_file_yaml_reads_as_one_text_is_told_so(
    text: str, line: int, tmp_path: Path
) -> None:
    """It had been told "this file is not a plan: a plan is a mapping of keys such as
    `backplan:`", with `backplan: 1` to start the file with, which it did (found by review)."""
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    [found] = check_plan(path)
    assert (found.code, found.source.line, found.message) == (
        "not-a-plan",
        line,
        "`backplan = 1` is written as in a TOML or INI file: a plan is written in YAML, where "
        "a key is followed by a colon",
    )
    assert found.hint.startswith("write each `key = value` as `key: value` (`backplan: 1`)")


def test_a_test_directly_in_when_beside_all_is_hinted_into_that_list() -> None:
    """Beside an `all:` list, a second `all:` is a key written twice, and one written over it
    drops its tests: the test is hinted as one more item of that list (found by review)."""
    rule = RULE.replace(
        "      all:\n        - {field: rating, lte: 2}\n",
        "      all:\n        - {field: rating, lte: 2}\n      field: channel\n      eq: email\n",
    )
    assert one_problem(HEADER + rule).hint == (
        "add `{field: channel, eq: email}` to the list under the `all:` beside it"
    )


@pytest.mark.parametrize(
    ("currency", "written", "hint"),
    [
        (  # `Fr.` may be the franc CFA, the plan's
            "XOF",
            "Fr. 25.50",
            "write the amount only, `amount: 26`: XOF has no cents, so 25.50 counts as 26; "
            "the plan's amounts are in XOF, set once in its `plan:` section",
        ),
        (
            "JPY",
            "¥25.5",
            "write the amount only, `amount: 26`: JPY has no cents, so 25.5 counts as 26; "
            "the plan's amounts are in JPY, set once in its `plan:` section",
        ),
        (
            "USD",
            "$25.555",
            "write the amount only, `amount: 25.56`: USD has 2 decimals, so 25.555 counts as "
            "25.56; the plan's amounts are in USD, set once in its `plan:` section",
        ),
        (
            "XOF",
            "Fr. 25",
            "write the number only, `amount: 25`; the plan's amounts are in XOF, "
            "set once in its `plan:` section",
        ),
    ],
)
def test_an_amount_with_its_currency_finer_than_the_plans_pays_is_hinted_as_paid(
    currency: str, written: str, hint: str
) -> None:
    # `amount: Fr. 25.50` in a plan in XOF was told to write `amount: 25.50`, which lint then
    # warned of, "finer than XOF pays" (found by review).
    plan = HEADER.replace("USD", currency) + (
        f"  - id: r\n    title: R\n    when: {{event: review}}\n"
        f'    then: [{{compensate: {{kind: voucher, amount: "{written}"}}}}]\n'
    )
    document = load_yaml(plan, "plan.yaml")
    [found] = validate_plan_document(document, currency=currency)
    assert found.hint == hint


@pytest.mark.parametrize(
    ("key", "written", "currency", "number"),
    [
        ("amount", "¥0.4", "JPY", "0.4"),
        ("amount", "$0.001", "USD", "0.001"),
        ("max", "$0.004", "USD", "0.004"),
        ("per_event_max", "¥0.2", "JPY", "0.2"),
    ],
)
def test_an_amount_with_its_currency_that_rounds_to_nothing_is_not_hinted_as_0(
    key: str, written: str, currency: str, number: str
) -> None:
    """`amount: ¥0.4` in a plan in JPY was told to write `amount: 0`, which the schema refuses
    (an amount is above 0) and which offers nothing: the number is hinted as written, and
    lint's offer-of-nothing or cap-of-nothing then says to offer more or remove it, as lint
    tells these apart too (found by review)."""
    from engine.slips.numbers import number_hint

    assert number_hint(written, key, currency) == (
        f"write the number only, `{key}: {number}`; the plan's amounts are in {currency}, set "
        "once in its `plan:` section"
    )


@pytest.mark.parametrize(
    ("written", "key", "hint"),
    [
        (
            "５０００",
            "per_event_max",
            "write the number in half-width digits: `per_event_max: 5000`",
        ),
        ("１５．５", "max", "write the number in half-width digits: `max: 15.5`"),
        ("１０％", "percent", "write the number without `%`: `percent: 10`"),
        ("１，５００", "amount", "write the number without thousands separators: `amount: 1500` "),
    ],
)
def test_a_number_typed_full_width_is_hinted_in_half_width_digits(
    written: str, key: str, hint: str
) -> None:
    """A Japanese input mode types `５０００` and `１０％`: the first had no hint at all, the
    digits looking like ASCII ones (found by writing a Tokyo shop's plan)."""
    from engine.slips.numbers import number_hint

    assert number_hint(written, key, "JPY").startswith(hint)


def test_an_amount_with_more_digits_than_money_holds_keeps_its_hint() -> None:
    """Rounded to the plan's minor unit, 100 digits raised InvalidOperation: a traceback."""
    from engine.slips.numbers import number_hint

    hint = number_hint("Fr. " + "9" * 100 + ".5", "amount", "XOF")
    assert hint.startswith("write the number only, `amount: 999")


@pytest.mark.parametrize("key", ["gt", "percent"])
def test_a_number_the_plan_does_not_pay_keeps_its_digits_with_its_currency(key: str) -> None:
    """Only an amount the plan pays or caps is rounded to what its currency pays: a test's
    value is compared with the event's amount as written, and a percentage is no money (found
    by mutation testing)."""
    from engine.slips.numbers import number_hint

    assert number_hint("Fr. 25.50", key, "XOF") == (
        f"write the number only, `{key}: 25.50`; the plan's amounts are in XOF, set once in "
        "its `plan:` section"
    )


_BLOCK_AT_ITS_KEY = """\
backplan: 1
plan: {name: Acme, currency: USD}
rules:
  - id: late
    title: Late
    fallback: true
    then:
      - apologize:
          channel: email
          message: >-
          Hi {customer.first_name}, sorry: we are on it.
          Thanks: Acme
"""


def test_a_block_s_text_at_its_key_s_column_is_told_to_be_indented(tmp_path: Path) -> None:
    """YAML reads the text's lines as keys of the action (the block is empty): it had been
    told "unknown key `Hi {customer.first_name}, sorry`" (found by review). Told once, at the
    text's first line."""
    path = tmp_path / "plan.yaml"
    path.write_text(_BLOCK_AT_ITS_KEY, encoding="utf-8")
    assert [d.render() for d in check_plan(path)] == [
        f"{path}:11:11: error: the text below `message: >-` in rule `late` (then › apologize) "
        "is not indented further in than `message:`, so YAML reads its lines as keys "
        "[unknown-key]\n"
        "  hint: indent each line of the text to column 13, two spaces further in than "
        "`message:`"
    ]


def test_a_misspelt_key_below_an_empty_block_is_still_an_unknown_key(tmp_path: Path) -> None:
    """A key of one word below ``message: |`` is a key, perhaps misspelt, not the text."""
    path = tmp_path / "plan.yaml"
    path.write_text(
        _BLOCK_AT_ITS_KEY.replace(
            "          Hi {customer.first_name}, sorry: we are on it.\n", ""
        ).replace("Thanks: Acme", "withn: 4h"),
        encoding="utf-8",
    )
    assert [d.message for d in check_plan(path) if d.code == "unknown-key"] == [
        "unknown key `withn` (did you mean `within`?) in rule `late` (then › apologize)"
    ]


def test_a_text_below_a_misspelt_key_below_an_empty_block_is_still_told(tmp_path: Path) -> None:
    """Below ``message: |``, a misspelt key of one word (``withn: 4h``) and then a line of
    text holding ': ': the key is no text of the block's, so the line below it is none either,
    and is told as the unknown key it is; it had been told nothing, as a later line of a text
    said at its first, which was the key (found by review)."""
    path = tmp_path / "plan.yaml"
    path.write_text(
        _BLOCK_AT_ITS_KEY.replace(
            "          Hi {customer.first_name}, sorry: we are on it.\n",
            "          withn: 4h\n          Hi {customer.first_name}, sorry: we are on it.\n",
        ),
        encoding="utf-8",
    )
    assert [d.message for d in check_plan(path) if d.code == "unknown-key"] == [
        "unknown key `withn` (did you mean `within`?) in rule `late` (then › apologize)",
        "unknown key `Hi {customer.first_name}, sorry` in rule `late` (then › apologize)",
        "unknown key `Thanks` in rule `late` (then › apologize)",
    ]


@pytest.mark.parametrize(
    ("written", "key", "meant"),
    [
        ("2,5h", "5h", "150m"),
        ("2,5 hours", "5 hours", "150m"),
        ("1,5 days", "5 days", "36h"),
        ("1,5d", "5d", "36h"),
    ],
)
def test_a_deadline_cut_at_its_decimal_comma_is_told_as_a_deadline(
    tmp_path: Path, written: str, key: str, meant: str
) -> None:
    """`{within: 2,5h}` had been told as two errors, "a number `2` with no unit" and an
    unknown key `5h`; `{within: 2,5 hours}` was hinted `within: 2.5`, itself refused (a
    deadline has a unit), where `150m` is what to write (found by writing a hotel's plan)."""
    path = tmp_path / "plan.yaml"
    path.write_text(plan_with("apologize: {}", f"escalate: {{to: x, within: {written}}}"))
    [found] = check_plan(path)
    assert (found.message, found.hint) == (
        f"`within: {written}` was read as `within: {written.partition(',')[0]}` and a key "
        f"`{key}`: in braces, a comma ends a value in rule `r` (then › escalate)",
        f"write `{meant}`: a whole number from 1 then a unit (m, h, d or w)",
    )
    path.write_text(plan_with("apologize: {}", f"escalate: {{to: x, within: {meant}}}"))
    assert check_plan(path) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("{field: rating, lte: 2}", "{field: client.prénom, eq: Zoë}"),
        ("apologize: {}", "compensate: {kind: voucher, percent: 10, of: séjour.total}"),
    ],
)
def test_a_field_with_an_accent_is_told_which_letter_it_cannot_hold(
    tmp_path: Path, old: str, new: str
) -> None:
    """`client.prénom` had been hinted "write names joined by dots, such as customer.tier",
    which it was: the `é` was left for the manager to find (found by writing a hotel's
    plan)."""
    path = tmp_path / "plan.yaml"
    path.write_text(plan_with(old, new), encoding="utf-8")
    [found] = check_plan(path)
    plain = "client.prenom" if "client" in new else "sejour.total"
    assert found.code == "bad-format"
    assert found.hint == (
        "a field's names are written in ASCII letters (a to z, A to Z), digits, `_` and `-`, "
        f"not `é`: an event's field named with it cannot be read; have your events send it as "
        f"`{plain}`, and write `{plain}`"
    )


def test_a_hint_writes_a_plans_numbers_as_the_plan_does() -> None:
    """`eq: [0.0000001, 2]` had been hinted `in: [1e-07, 2]`, Python's way."""
    found = one_problem(plan_with("{field: rating, lte: 2}", "{field: rating, eq: [0.0000001, 2]}"))
    assert found.hint == "to match any of these values, write `in: [0.0000001, 2]`"


@pytest.mark.parametrize("written", ["1\u2019000", "1'000", "1\u2019000.50"])
def test_thousands_grouped_with_the_printed_apostrophe_are_hinted_the_number(
    written: str,
) -> None:
    """`per_event_max: 1’000`, the Swiss grouping as a word processor or a price list prints
    its apostrophe (U+2019), had been told "expected a number" with no hint at all, where
    `1'000` typed was told `1000` (found by a new user's trial)."""
    found = one_problem(
        f"""\
        backplan: 1
        plan: {{name: T, currency: CHF, compensation: {{per_event_max: {written}}}}}
        rules:
          - {{id: f, title: F, fallback: true, then: [escalate: {{to: x}}]}}
        """
    )
    number = written.replace("\u2019", "").replace("'", "")
    assert found.hint == f"write the number without separators: `per_event_max: {number}`"


@pytest.mark.parametrize("version", ["1", '"1"', "1.0"])
def test_a_language_version_under_another_name_is_told_to_be_backplan(version: str) -> None:
    """`version: 1` in a file without `backplan:` is the language's version: it had been told
    that a plan has no version number and to take the line out, beside "add `backplan: 1`"."""
    found = problems(f"version: {version}\nplan: {{name: S, currency: USD}}\nrules: []\n")
    [told] = [d for d in found if d.code == "unknown-key"]
    assert told.hint == "the version of the plan language is written `backplan: 1`: write that here"


@pytest.mark.parametrize(
    "text",
    [
        "version: 2\nplan: {name: S, currency: USD}\nrules: []\n",  # numbers the plan
        "backplan: 1\nversion: 1\nplan: {name: S, currency: USD}\nrules: []\n",  # beside it
    ],
)
def test_a_plan_numbered_beside_its_language_version_is_told_it_has_none(text: str) -> None:
    """The plan's own number is told as before: the fingerprint tells versions apart."""
    [told] = [d for d in problems(text) if d.code == "unknown-key"]
    assert told.hint.startswith("a plan has no version number: ")
