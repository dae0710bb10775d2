"""Comments in a plan written as JSON that YAML reads without an error: refused at the comment
(``engine.jsoncomments``), by the careful loader, and never vouched for by the fast one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine import PlanError, load_plan
from engine.cli import cli
from engine.errors import Diagnostic
from engine.jsoncomments import comment_in_json, comment_words, may_hold_comment
from engine.loading import load_yaml
from engine.quickload import quick_load

PLAN = """\
{
  "backplan": 1,
  "plan": {"name": "Acme", "currency": "USD"},
  "rules": [
    {
      "id": "late",
      "title": "Late order",
      "tags": ["late", "slow"],
      "when": {"event": "order", "all": [{"field": "order.delay_days", "gt": 3}]},
      "then": [{"apologize": {"within": "1h", "message": "See https://acme.example/help"}}]
    },
    {"id": "improvise", "title": "Nothing fits", "fallback": true,
     "then": [{"escalate": {"to": "cx-lead"}}]}
  ]
}
"""

SLASHES_MESSAGE = "YAML syntax error: JSON has no comments: the `{}` here does not start one"
SLASHES_HINT = "remove the comment, or write the plan as YAML, where `#` starts a comment"
HASH_MESSAGE = (
    "JSON has no comments: this `#` starts one only in YAML, and JSON tools refuse the file"
)
HASH_HINT = (
    "remove the comment, or name the file `p.yaml` to write the plan as YAML, where `#` "
    "starts a comment"
)


def edited(old: str, new: str) -> str:
    assert old in PLAN
    return PLAN.replace(old, new)


def problem(text: str, path: str = "p.json") -> Diagnostic:
    with pytest.raises(PlanError) as caught:
        load_yaml(text, path)
    [diagnostic] = caught.value.diagnostics
    return diagnostic


COMMENTED = [
    # the comment after an item: YAML read `// the usual one "slow"` as a second tag
    (edited('"late", "slow"', '"late", // the usual one\n "slow"'), 8, 24, "//"),
    (edited('"late", "slow"', '"late",\n  // the usual one\n  "slow"'), 9, 3, "//"),
    (edited('"late", "slow"', '"late", /* the usual one */ "slow"'), 8, 24, "/*"),
    (edited('"late", "slow"', '// the usual one\n "late", "slow"'), 8, 16, "//"),
    # a key read as `// first "title"`, a value as `// c "Late order"`, a number as text
    (edited('"id": "late",', '"id": "late", // first'), 6, 21, "//"),
    (edited('"title": "Late order"', '"title": // c\n "Late order"'), 7, 16, "//"),
    (edited('"gt": 3}', '"gt": 3 // days\n}'), 9, 80, "//"),
    (PLAN + "// the end\n", 16, 1, "//"),
    # after a number, the first text without quotes: its keys' quotes made the file JSON
    # (found by mutation testing)
    (edited('"backplan": 1,', '"backplan": 1 // the format\n,'), 2, 17, "//"),
]


@pytest.mark.parametrize(("text", "line", "column", "opener"), COMMENTED)
def test_a_comment_in_json_that_yaml_reads_as_text_is_refused_at_it(
    text: str, line: int, column: int, opener: str
) -> None:
    """The plan had loaded with a tag, a key or a text the manager never wrote (found by
    review)."""
    found = problem(text)
    assert (found.code, found.source.line, found.source.column) == ("yaml-syntax", line, column)
    assert (found.message, found.hint) == (SLASHES_MESSAGE.format(opener), SLASHES_HINT)
    assert quick_load(text, "p.json") is None  # the fast reader does not vouch for it


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        (edited('"late", "slow"', '"late", # the usual one\n "slow"'), 8, 24),
        ("# Acme's plan\n" + PLAN, 1, 1),
        (PLAN + "# the end\n", 16, 1),
    ],
)
def test_a_hash_comment_in_a_json_file_is_refused(text: str, line: int, column: int) -> None:
    """YAML read it as a comment and the plan loaded as meant, but the file is JSON by its
    name and brackets, and JSON tools refuse it (found by review)."""
    found = problem(text)
    assert (found.code, found.source.line, found.source.column) == ("yaml-syntax", line, column)
    assert (found.message, found.hint) == (HASH_MESSAGE, HASH_HINT)
    assert quick_load(text, "p.json") is None
    assert load_yaml(text, "p.yaml").data == load_yaml(PLAN, "p.yaml").data  # YAML's own


@pytest.mark.parametrize(
    "text",
    [
        PLAN,
        edited('"Late order"', '"Late // order /* x */ # y"'),
        edited('"late", "slow"', '"// late", "/* slow */"'),
        edited('"See https://acme.example/help"', "See https://acme.example/help"),
        edited('"order.delay_days"', "order.delay_days"),
    ],
)
def test_slashes_and_hashes_in_texts_of_a_json_plan_are_not_comments(text: str) -> None:
    load_yaml(text, "p.json")


def test_a_json_plan_with_a_url_is_still_read_fast() -> None:
    assert quick_load(PLAN, "p.json") is not None


def test_a_yaml_plan_is_not_read_for_json_s_comments() -> None:
    text = "backplan: 1  # ours\nrules: [{id: a, title: see // here, tags: [// x]}]\n"
    assert load_yaml(text, "p.json").data["rules"][0]["tags"] == ["// x"]


def test_validate_and_load_plan_refuse_a_json_plan_with_a_comment(tmp_path: Path) -> None:
    plan = tmp_path / "p.json"
    plan.write_text(COMMENTED[0][0], encoding="utf-8")
    told = CliRunner().invoke(cli, ["validate", str(plan)])
    assert told.exit_code == 1
    assert told.output.splitlines()[:2] == [
        f"{plan}:8:24: error: {SLASHES_MESSAGE.format('//')} [yaml-syntax]",
        f"  hint: {SLASHES_HINT}",
    ]
    with pytest.raises(PlanError) as caught:
        load_plan(plan)
    [found] = caught.value.diagnostics
    assert (found.source.line, found.source.column, found.hint) == (8, 24, SLASHES_HINT)


@pytest.mark.parametrize(
    "text",
    [
        "backplan: 1\nrules: [{id: a, title: see // here}]\n",  # YAML: its `//` is text
        "# Acme's plan  # not JSON\nbackplan: 1\n",
        "",
        "  \n\t\n",
        "# only a comment",
        "# a comment\n",
    ],
)
def test_a_file_not_written_as_json_is_not_looked_into(text: str) -> None:
    """A YAML plan keeps the fast reader (it holds a `//` in a URL, a `#` in a comment) and
    its `//` and `#` are YAML's."""
    assert may_hold_comment(text, "p.json") is False
    assert comment_in_json(text, "p.json") is None


@pytest.mark.parametrize(
    "text", ['{"a": 1, // x\n"b": 2}', '\ufeff {"a": [1, // x\n 2]}\n', "\n\n# c\n[1, /* x */ 2]"]
)
def test_a_file_written_as_json_after_blanks_a_mark_or_a_hash_line_is_looked_into(
    text: str,
) -> None:
    assert may_hold_comment(text, "p.json") is True


def test_a_comment_is_placed_past_a_byte_order_mark_and_named_in_a_folder() -> None:
    """libyaml does not count the mark in its places: read with it, each place was one
    character early."""
    text = '\ufeff{"backplan": 1, # ours\n "tags": ["late", // x\n "slow"]}\n'
    assert comment_in_json(text, "rules/p.json") == (1, 17, "#")
    assert comment_in_json(text, "rules/p.yaml") == (2, 19, "//")
    assert comment_words("#", "rules/p.json")[1] == HASH_HINT


@pytest.mark.parametrize(
    ("text", "path", "may"),
    [
        ('# c\n{"a": 1}', "p.json", True),  # a `#` at the file's start
        ('# c\n{"a": 1}', "p.yaml", False),
        ('{"a":\t//x\n1}', "p.yaml", True),  # after a tab
        ('{"a":\u0085/* x */ 1}', "p.yaml", True),  # after a line break of YAML's
        ('{"a": 1,/* x */ "b": 2}', "p.yaml", True),
        ('{"a": "x"//y\n}', "p.yaml", True),  # after a closing quote
        ('{"a": "https://x", "b": "a/*b"}', "p.json", False),  # glued to a `:` or a letter
        ('{"a": "x#y", "b": "https://x#top"}', "p.json", False),
        ('{"a": "https://x", "b": 1} //', "p.yaml", True),  # the one after a URL's is found
    ],
)
def test_where_a_comment_may_start_in_a_file_written_as_json(
    text: str, path: str, may: bool
) -> None:
    """Each `//`, `/*` (and `#` in a ``.json`` file) is looked at, by the character before
    it: the regular expression that had found them took 1.9 s for a JSON plan of 10,000
    rules, as long again as reading it (found by review)."""
    assert may_hold_comment(text, path) is may


FLOW_YAML = """\
# Acme's plan, in YAML's brackets
{backplan: 1, plan: {name: Acme // Support, currency: USD},  # ours
 rules: [{id: late, title: Late and/or lost // refund, tags: [a /* b */],
          when: {all: [{field: channel, eq: web // app}]},
          then: [{escalate: {to: cx-lead}}]}]}
"""


@pytest.mark.parametrize("path", ["p.yaml", "p.yml"])
def test_a_yaml_plan_in_brackets_keeps_its_slashes_in_texts_without_quotes(path: str) -> None:
    """Its keys have no quotes: it is YAML, not JSON, and `web // app` is its text. It had been
    refused "JSON has no comments" at the `//` (found by review)."""
    assert comment_in_json(FLOW_YAML, path) is None
    rule = load_yaml(FLOW_YAML, path).data["rules"][0]
    assert (rule["title"], rule["tags"]) == ("Late and/or lost // refund", ["a /* b */"])


def test_a_yaml_plan_in_brackets_with_texts_in_quotes_keeps_its_slashes_in_the_others() -> None:
    """Its first key has no quotes: a text in quotes after it (`"Acme // Support"`) does not
    make the file JSON, and `Late and/or lost // refund` is still its text (found by mutation
    testing)."""
    text = FLOW_YAML.replace("name: Acme // Support", 'name: "Acme // Support"')
    assert comment_in_json(text, "p.yaml") is None
    data = load_yaml(text, "p.yaml").data
    assert (data["plan"]["name"], data["rules"][0]["title"]) == (
        "Acme // Support",
        "Late and/or lost // refund",
    )


def test_a_yaml_plan_in_brackets_is_refused_a_text_that_starts_with_slashes() -> None:
    """`// the usual one slow` as a tag: a comment there too, as it is in JSON."""
    text = FLOW_YAML.replace("tags: [a /* b */]", "tags: [late, // the usual one\n slow]")
    assert comment_in_json(text, "p.yaml") == (3, 69, "//")


BLOCKS = """\
backplan: 1
plan: {name: Acme, currency: USD}
rules:
  - id: late
    title: Late order
    tags: [late, slow]
    when: {all: [{field: issue, in: [late, cold]}]}
    then:
      - apologize: {}
"""


@pytest.mark.parametrize(
    ("before", "after", "line", "column", "words"),
    [
        (
            "tags: [late, slow]",
            "tags: [late, // the usual one\n       slow]",
            6,
            18,
            "the usual one",
        ),
        (
            "tags: [late, slow]",
            "tags: [late,\n       // the usual one\n       slow]",
            7,
            8,
            "the usual one",
        ),
        ("tags: [late, slow]", "tags: [ // the usual one\n  late, slow]", 6, 13, "the usual one"),
        # glued to the `,` (found by mutation testing: the character before it not looked at)
        ("tags: [late, slow]", "tags: [late,// the usual one\n  slow]", 6, 17, "the usual one"),
        ("in: [late, cold]", "in: [late, /* why */\n  cold]", 7, 44, "why"),
        ("in: [late, cold]", "in: [late, cold // why\n  ]", 0, 0, None),  # YAML's text
        ("{all: [", "{all: [ // why\n  ", 7, 19, "why"),
        # blanks after it, the closing bracket below; no blank after its `//` (found by
        # mutation testing)
        (
            "tags: [late, slow]",
            "tags: [late, slow, // the usual one  \n  ]",
            6,
            24,
            "the usual one",
        ),
        ("in: [late, cold]", "in: [late, //why\n  cold]", 7, 44, "why"),
        # its words cut at a `,` or a `:`: `// the usual` had loaded as a tag, `// note` as a
        # key (found by review)
        (
            "tags: [late, slow]",
            "tags: [late, // the usual, one\n       slow]",
            6,
            18,
            "the usual, one",
        ),
        ("tags: [late, slow]", "tags: [ // the usual, one\n  late, slow]", 6, 13, "the usual, one"),
        ("in: [late, cold]", "in: [late, // note: why\n  cold]", 7, 44, "note: why"),
    ],
)
def test_a_comment_in_the_brackets_of_a_yaml_plan_is_refused_at_it(
    before: str, after: str, line: int, column: int, words: str | None
) -> None:
    """YAML reads the `//` as a text's start, on to the next `,` or bracket: the plan had
    loaded with a tag `// the usual one slow`, and validate said it was fine (found by
    review). Told as YAML's comments are, with the comment written as one."""
    text = BLOCKS.replace(before, after)
    assert may_hold_comment(text, "p.yaml") is (words is not None)
    found = comment_in_json(text, "p.yaml")
    if words is None:
        assert found is None
        return
    assert found is not None and found[:2] == (line, column)
    assert comment_words(found[2], "p.yaml", text, found[:2]) == (
        f"YAML syntax error: `{found[2]}` does not start a comment in YAML",
        f"write it as `# {words}`, after a blank (YAML's comments start with `#`), or remove it",
    )
    assert quick_load(text, "p.yaml") is None
    with pytest.raises(PlanError):
        load_yaml(text, "p.yaml")


def test_a_comment_closed_before_more_items_in_a_yaml_plan_s_brackets_is_refused() -> None:
    """`[late, /* old */ slow]` had loaded with a tag `/* old */ slow` (found by review); the
    hint sends its words to the line's end, where a `#` cuts off no item nor bracket."""
    text = BLOCKS.replace("tags: [late, slow]", "tags: [late, /* old, gone */ slow]")
    found = comment_in_json(text, "p.yaml")
    assert found == (6, 18, "/*")
    assert comment_words(found[2], "p.yaml", text, found[:2])[1] == (
        "write it as `# old, gone` at the line's end, after a blank (YAML's comments start "
        "with `#` and run to the line's end), or remove it"
    )
    load_yaml(BLOCKS.replace("tags: [late, slow]", "tags: [late, slow]  # old, gone"), "p.yaml")
    # closed at once: its `*/` is not the `*/` of ``/*/`` (found by mutation testing)
    empty = BLOCKS.replace("tags: [late, slow]", "tags: [late, /**/ slow]")
    assert comment_in_json(empty, "p.yaml") == (6, 18, "/*")


@pytest.mark.parametrize(
    "text",
    [
        BLOCKS,
        BLOCKS.replace("tags: [late, slow]", "tags: [late, // x]"),  # ends on its line
        BLOCKS.replace("tags: [late, slow]", "tags: [late, // x, y]"),  # the same, cut
        # texts that start with `//` or `/*` on lines of their own, not all the line's
        BLOCKS.replace("tags: [late, slow]", "tags: [late,\n    //cdn.example/a,\n    slow]"),
        BLOCKS.replace("tags: [late, slow]", "tags: [late,\n    /*.example, slow]"),
        BLOCKS.replace("tags: [late, slow]", "tags: [late,\n    /*/x, slow]"),  # no `*/` after
        BLOCKS.replace("tags: [late, slow]", "tags: [late, 'a\n  // x']"),  # in quotes
        BLOCKS.replace("title: Late order", "title: Late, // not a comment"),  # no brackets
        BLOCKS.replace("title: Late order", "title: see https://acme.example"),
        # outside brackets, before them and after them, with a `//` in brackets read as text
        # (found by mutation testing: the brackets open not counted)
        BLOCKS.replace("title: Late order", "title: // Late order").replace(
            "tags: [late, slow]", "tags: [late, // x]\n    description: // why"
        ),
    ],
)
def test_slashes_a_yaml_plan_in_blocks_means_as_text_are_kept(text: str) -> None:
    assert comment_in_json(text, "p.yaml") is None
    load_yaml(text, "p.yaml")


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        # the last item, its closing bracket on the line below (found by review: refused as
        # a comment, with the hint to write `# cdn.example/b`)
        (
            BLOCKS.replace("tags: [late, slow]", "tags: [late,\n    //cdn.example/b\n    ]"),
            ["late", "//cdn.example/b"],
        ),
        (
            BLOCKS.replace("tags: [late, slow]", "tags: [\n    //cdn.example/b\n  ]"),
            ["//cdn.example/b"],
        ),
        (BLOCKS.replace("tags: [late, slow]", "tags: [//cdn.example/b]"), ["//cdn.example/b"]),
        (
            BLOCKS.replace("tags: [late, slow]", "tags: [late, //cdn.example/b]"),
            ["late", "//cdn.example/b"],
        ),
    ],
)
def test_a_protocol_relative_address_in_a_yaml_plan_s_brackets_is_a_text(
    text: str, tags: list[str]
) -> None:
    assert comment_in_json(text, "p.yaml") is None
    assert load_yaml(text, "p.yaml").data["rules"][0]["tags"] == tags


def test_a_comment_of_words_at_a_line_s_end_before_the_closing_bracket_is_still_refused() -> None:
    """Its words have blanks: no address, but the comment it was meant as."""
    text = BLOCKS.replace("tags: [late, slow]", "tags: [late,\n    //the usual one\n    ]")
    assert comment_in_json(text, "p.yaml") == (7, 5, "//")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (BLOCKS.replace("tags: [late, slow]", "tags: [late,\n    //slow\n    ]"), (7, 5)),
        (BLOCKS.replace("tags: [late, slow]", "tags: [late, //slow\n    ]"), (6, 18)),
        (FLOW_YAML.replace("tags: [a /* b */]", "tags: [late, //slow\n ]"), (3, 69)),
        (FLOW_YAML.replace("cx-lead}", "cx-lead, url: //old\n }"), (5, 48)),
    ],
)
def test_a_word_commented_out_at_a_line_s_end_is_still_refused(
    text: str, place: tuple[int, int]
) -> None:
    """A `//` glued to one word, no address (no `.` or `/` after it), at its line's end: an
    item or value commented out (``//slow``), not the tag `//slow` YAML reads. Kept as text
    with the addresses, it changed the plan without a word (found by review)."""
    assert comment_in_json(text, "p.yaml") == (*place, "//")


@pytest.mark.parametrize(
    "before, after, path",
    [
        ("tags: [a /* b */]", "tags: [late, //cdn.example/b]", ("tags", 1)),
        ("tags: [a /* b */]", "tags: [//cdn.example/b]", ("tags", 0)),
        ("cx-lead}", "cx-lead, url: //cdn.example/b}", ("then", 0, "escalate", "url")),
        ("eq: web // app", "in: [email, //cdn.example/b]", ("when", "all", 0, "in", 1)),
    ],
)
def test_a_yaml_plan_in_brackets_keeps_a_protocol_relative_address(
    before: str, after: str, path: tuple[str | int, ...]
) -> None:
    """Written all in YAML's brackets (its keys without quotes), a text that starts with `//`
    is a comment only when meant as one, as in a plan in blocks: `//cdn.example/b` as an
    item or a value had been refused "JSON has no comments" (found by review)."""
    text = FLOW_YAML.replace(before, after)
    assert comment_in_json(text, "p.yaml") is None
    value: Any = load_yaml(text, "p.yaml").data["rules"][0]
    for key in path:
        value = value[key]
    assert value == "//cdn.example/b"


def test_a_yaml_plan_in_blocks_without_slashes_in_brackets_keeps_the_fast_reader() -> None:
    text = BLOCKS.replace("title: Late order", "title: Late // see https://acme.example")
    assert may_hold_comment(text, "p.yaml") is False
    assert quick_load(text, "p.yaml") is not None
