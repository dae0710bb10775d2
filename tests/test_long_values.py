"""A manager's value of 100 KB put in the wrong place is quoted, in the problem that says so, at
most ``QUOTED_AT_MOST`` characters of (then ``…``): each message or hint below quoted it whole,
so one slip printed about 100 KB (200 KB for those that quote it twice) to the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.api import validate_plan
from engine.slips import QUOTED_AT_MOST

LONG = 100 * 1024
"""How long the long value of each plan below is."""
AT_MOST = 2_000
"""How long one problem may be printed, file:line:col, message and hint together."""

WORD = "x" * LONG
TEXT = ("word " * (LONG // 5)).strip()
NAME = "a_" * (LONG // 2)
HEAD = "backplan: 1\nplan: {name: Acme Store, currency: USD}\n"
RULE = "rules:\n  - id: late\n    title: Late\n"
WHEN = "    when: {event: order}\n"
THEN = "    then:\n      - apologize: {within: 2h}\n"


def _plan(*, head: str = HEAD, rule: str = RULE, when: str = WHEN, then: str = THEN) -> str:
    return head + rule + when + then


# id: (the plan, the line of the problem, its code, a part of its hint: the fix)
CASES: dict[str, tuple[str, int, str, str]] = {
    # engine.schema: a value the schema's own words quote (`{value}`, `{key}`)
    "duration": (
        _plan(then=f"    then:\n      - apologize: {{within: {TEXT}}}\n"),
        8,
        "bad-duration",
        "write a whole number from 1 then a unit",
    ),
    "currency": (
        _plan(head=f"backplan: 1\nplan: {{name: Acme Store, currency: {WORD}}}\n"),
        2,
        "bad-format",
        "three-letter currency code",
    ),
    "version": (_plan(head=f"backplan: {TEXT}\nplan: {{name: A}}\n"), 1, "unknown-version", "1"),
    "event-type": (_plan(when=f"    when: {{event: {WORD}}}\n"), 6, "unknown-event-type", "x-"),
    "condition-name": (
        _plan(when=f"    when: {{event: order, all: [{{use: {TEXT}}}]}}\n"),
        6,
        "bad-name",
        "names use lower-case letters",
    ),
    "action-key": (
        _plan(then=f"    then:\n      - ? {WORD}\n        : {{within: 2h}}\n"),
        8,
        "unknown-action",
        "remedy actions are",
    ),
    "operator-key": (
        _plan(when=f"    when: {{event: order, all: [{{field: rating, ? {WORD} : 2}}]}}\n"),
        6,
        "unknown-operator",
        "a test is a field and one operator",
    ),
    "field-as-key": (
        _plan(when=f"    when: {{event: order, all: [{{? {NAME} : 2}}]}}\n"),
        6,
        "unknown-operator",
        "name the field with `field:`",
    ),
    # engine.schema: an unknown key, and the rule or condition a message names
    "unknown-key": (
        _plan(rule=RULE + f"    ? {WORD}\n    : 1\n"),
        6,
        "unknown-key",
        "allowed here",
    ),
    "rule-id": (  # the rule's id, refused, named in each other problem of its rule
        _plan(
            rule=f"rules:\n  - id: {TEXT}\n    title: Late\n",
            then="    then:\n      - apologize: {within: soon}\n",
        ),
        8,
        "bad-duration",
        "a deadline is a length of time, not `soon`",
    ),
    "condition-in-where": (
        HEAD + f"conditions:\n  ? {NAME}\n  : {{field: rating, lte: {WORD}, gte: 1}}\n",
        5,
        "two-operators",
        "use `between`",
    ),
    # engine.slips: the hints that write the value mended
    "number-as-text": (
        _plan(then=f'    then:\n      - compensate: {{kind: coupon, amount: "1.{"0" * LONG}"}}\n'),
        8,
        "wrong-type",
        "write the number without quotes: `amount: 1.000",
    ),
    "rest-of-a-text": (
        _plan(then=f"    then:\n      - apologize: {{within: 2h, message: Hi, {TEXT}}}\n"),
        8,
        "unknown-key",
        'cut at a comma, put the whole text in quotes: `message: "Hi, word',
    ),
    "name-alone": (
        _plan(when=f"    when: {{event: order, all: [{NAME}]}}\n"),
        6,
        "wrong-type",
        "write `{use: a_a_",
    ),
    "key-without-colon": (
        _plan(when=f"    when: {{event: order, all: [{{use {TEXT}}}]}}\n"),
        6,
        "unknown-operator",
        "a key needs `: ` before its value: write `use: word",
    ),
    "field-of-words": (  # its words joined by dots in the hint: `field: word.word.word...`
        _plan(when=f"    when: {{event: order, all: [{{field: '{TEXT}', eq: 1}}]}}\n"),
        6,
        "bad-format",
        "write the field's names joined by dots: `field: word.word.word",
    ),
    "field-in-braces": (
        _plan(then=f"    then:\n      - apologize: {{message: {{customer.{NAME}}}}}\n"),
        8,
        "wrong-type",
        "text that starts with `{` must be in quotes",
    ),
    "rules-without-dashes": (
        HEAD + f"rules:\n  id: {WORD}\n  title: Late\n",
        4,
        "wrong-type",
        "start each rule with `- `",
    ),
    "list-cut-at-commas": (
        _plan(when=f"    when: {{event: order, all: [{{field: channel, in: yelp, {WORD}, b}}]}}\n"),
        6,
        "wrong-type",
        "write a list in brackets: `in: [yelp, xxx",
    ),
    # engine.yamlsyntax: a file YAML cannot read
    "key-indented-more": (
        _plan(when=f"    when:\n      event: order\n        {WORD}: 1\n"),
        8,
        "yaml-syntax",
        "indent",
    ),
    "bad-escape": (
        _plan(then=f'    then:\n      - apologize: {{message: "{WORD}\\q"}}\n'),
        8,
        "yaml-syntax",
        "double each backslash",
    ),
    "colon-in-braces": (
        _plan(then=f"    then:\n      - apologize: {{message: Note: {TEXT}}}\n"),
        8,
        "yaml-syntax",
        'put the value in quotes: `message: "Note: word',
    ),
    "words-after-quotes": (
        _plan(rule=f'rules:\n  - id: late\n    title: "{WORD}" and more\n'),
        5,
        "yaml-syntax",
        "put the whole text in quotes",
    ),
    "keys-on-one-line": (
        f"backplan: 1\nplan:\n  name: Acme {TEXT}, currency: USD\n",
        3,
        "yaml-syntax",
        "put them in braces, `{name: Acme word",
    ),
    "quote-inside-quotes": (
        _plan(rule=f"rules:\n  - id: late\n    title: 'We{WORD}'re late'\n"),
        5,
        "yaml-syntax",
        "write `''` inside single quotes",
    ),
    "word-without-colon": (
        _plan(then=f"    then:\n      - {WORD}\n          to: lead\n"),
        8,
        "yaml-syntax",
        "write `xxx",
    ),
    "comma-left-out": (
        _plan(when=f"    when: {{event: order, all: [{{field: rating{WORD} lte: 2}}]}}\n"),
        6,
        "yaml-syntax",
        "write `",
    ),
    "braced-text": (
        _plan(then=f"    then:\n      - apologize:\n          message: {{customer.name}} {TEXT}\n"),
        9,
        "yaml-syntax",
        'put the whole text in quotes, such as `message: "{customer.name} word',
    ),
    "undefined-alias": (
        _plan(rule=f"rules:\n  - id: late\n    title: *{WORD}\n"),
        5,
        "yaml-syntax",
        "put the whole text in quotes",
    ),
    # engine.loading: what the loader refuses as it reads the file
    "anchor": (
        _plan(rule=f"rules:\n  - id: late\n    title: &{WORD} complaint\n"),
        5,
        "text-read-as-anchor",
        'put the whole text in quotes: `title: "&xxx',
    ),
    "text-after-anchor": (
        _plan(rule=f"rules:\n  - id: late\n    title: &Co {TEXT}\n"),
        5,
        "text-read-as-anchor",
        'put the whole text in quotes: `title: "&Co word',
    ),
    "tag": (
        _plan(rule=f"rules:\n  - id: late\n    title: !!python/{WORD} x\n"),
        5,
        "yaml-tag",
        "remove the tag",
    ),
    "duplicate-key": (
        _plan(rule=RULE + f"    ? {WORD}\n    : 1\n    ? {WORD}\n    : 2\n"),
        8,
        "duplicate-key",
        "keep one of them",
    ),
    "list-without-brackets": (  # 20,000 short items: each is short, the list is not
        _plan(
            when="    when:\n      event: order\n      all:\n        - field: channel\n"
            "          in: " + ", ".join(["ab"] * 20_000) + "\n"
        ),
        10,
        "wrong-type",
        "write a list in brackets: `in: [ab, ab",
    ),
    "not-finite": (
        _plan(then=f"    then:\n      - compensate: {{kind: coupon, amount: 1{'0' * LONG}e400}}\n"),
        8,
        "not-finite",
        "write an ordinary number",
    ),
}


@pytest.mark.parametrize(("text", "line", "code", "fix"), CASES.values(), ids=list(CASES))
def test_a_long_value_is_quoted_at_most_so_far(
    tmp_path: Path, text: str, line: int, code: str, fix: str
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    _, found = validate_plan(path)
    printed = [d.render() for d in found]
    assert found, "no problem found"
    assert max(map(len, printed)) < AT_MOST, max(printed, key=len)[:500]
    meant = [d for d in found if (d.code, d.source.line) == (code, line) and fix in (d.hint or "")]
    assert meant, "\n".join(p[:300] for p in printed)
    problem = meant[0]
    assert problem.render().startswith(f"{path}:{line}:{problem.source.column}: error: ")
    assert problem.source.column >= 1
    assert "…" in problem.message + (problem.hint or "")  # it says it was cut


def test_a_value_up_to_the_bound_is_quoted_whole(tmp_path: Path) -> None:
    """A value of QUOTED_AT_MOST characters is quoted as it is, as before."""
    path = tmp_path / "plan.yaml"
    whole = "x" * QUOTED_AT_MOST
    path.write_text(_plan(when=f"    when: {{event: {whole}}}\n"), encoding="utf-8")
    _, found = validate_plan(path)
    [problem] = found
    assert problem.message.startswith(f"`{whole}` is not an event type")
