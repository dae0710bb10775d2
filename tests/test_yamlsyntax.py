"""The table of YAML syntax mistakes (``engine.yamlsyntax.dispatch.HANDLERS``): which handler
tells each mistake, as a manager writes it. The words themselves are pinned by
``tests/test_loading.py`` and the golden diagnostics; this pins the table's order, where
mistakes overlap, and holds every handler to a case of its own."""

from __future__ import annotations

import pytest
import yaml

from engine.yamlcompose import Composer
from engine.yamlsyntax.dispatch import HANDLERS, explain_syntax_error
from engine.yamlsyntax.keys import value_in_braces
from engine.yamlsyntax.problem import ParserProblem

CASES = {
    "comment_written_as_in_json": '{"backplan": 1, // our plan\n "rules": []}\n',
    "several_documents": "a: 1\n---\nb: 2\n",
    "directive_at_the_top": "%YAML 2.0\n---\nbackplan: 1\n",
    "document_ended_above": "backplan: 1\n...\nrules: []\n",
    "anchor_named_twice": "then:\n  - escalate: {to: &Co}\n  - notify:\n      to: &Co\n",
    "unknown_escape_in_quotes": 'match: "^WEB-\\d{6}$"\n',
    "quote_inside_a_quoted_text": "title: 'We're sorry'\n",
    "quote_never_closed": 'message: "Sorry\n',
    "quote_closed_lines_below": '- id: "r\n  title: T\n  when: {event: "order"}\n',
    "text_starting_with_a_field": "message: {customer.first_name}, sorry\n",
    "text_starting_with_a_sign": "title: *urgent* call\n",
    "text_starting_with_a_question_mark": "title: ? cold\nwhen: {event: order}\n",
    "words_after_a_value": 'message: "Sorry" he said\n',
    "closer_inside_a_text": "then: [{replace: {item: Mug } blue, within: 1d}}]\n",
    "half_a_character": 'message: "\\ud83d"\n',
    "tab_indentation": "plan:\n\tname: Acme\n",
    "reserved_first_character": "message: @acme hi\n",
    "dash_starting_a_value_in_brackets": "then: [{apologize: {message: - call now}}]\n",
    "colon_inside_a_value_in_braces": "when: {field: rating lte: 2}\n",
    "colon_before_a_comma_in_brackets": "when: {all: [{field:, eq: late}]}\n",
    "comment_inside_brackets": "then: [{note: {message: Check order #1234}}]\n",
    "bracket_inside_a_text": "then: [{apologize: {message: Sorry {customer.first_name|there}}}]\n",
    "comma_left_out_after_inner_brackets": "then: [{apologize: {params: {a: b} message: Hi}}]\n",
    "bracket_not_closed": "when: {event: order\nrules: []\n",
    "written_as_toml": '[plan]\nname = "Acme"\n',
    "text_above_the_first_key": "Acme backup plan\nbackplan: 1\nrules: []\n",
    "first_key_indented": "  backplan: 1\nrules: []\n",
    "text_at_its_block_key_column": "note:\n  message: >-\n  Hi {customer.name}, sorry.\n",
    "key_slip_above": "plan:\n  name: Acme\n    currency: USD\n",
    "colon_in_a_text_over_lines": "message: Please call\n  within:2h\n  today: noon\n",
    "setting_under_an_action_word": "then:\n  - apologize\n    within: 2h\n",
    "key_indented_further": "plan:\n  - a\n    currency: USD\n",
    "keys_on_one_line": "- field: rating, lte: 2\n",
    "key_glued_to_its_value": "- compensate:{kind: voucher, amount: 10}\n",
    "settings_in_a_value": "- apologize: within: 1h\n",
    "colon_in_a_value": "message: Note: call back\n",
    "colon_left_out": "- late\n-cold\n",
    "closer_never_opened": "tags: [late, cold]]\n",
    "item_glued_above": "in:\n  -late  # soon\n  - cold\n",
    "first_item_without_its_dash": "then:\n  apologize: {}\n  - note: {message: hi}\n",
    "list_without_its_key": "when:\n  event: order\n  - field: a\n",
    "key_out_of_line": "then:\n  - apologize:\n      within:1h  # soon\n      message: Sorry\n",
    "key_left_out": "rules:\n  - id: late\n    : Late order\n",
    "text_left_of_its_first_line": "note:\n  message: >-\n      Hi Dana,\n    sorry.\n",
    "key_expected": 'plan:\n  name: "Acme"\n   x\n',
    "dash_or_colon_slip": "then:\n  - apologize: {}\n  -tag: {tags: [late]}\n",
    "action_without_its_dash": "then:\n  - apologize: {}\n  compensate: {kind: voucher}\n",
    "rule_key_at_the_list_column": (
        "rules:\n  - then:\n      - apologize:\n          within: 1h\n      prevent: []\n"
    ),
    "setting_at_the_list_column": "rules:\n  - then:\n      - follow_up:\n      within: 3d\n",
    "setting_below_an_action_word": "rules:\n  - then:\n      - apologize\n      within: 2h\n",
    "key_at_the_list_column": "rules:\n  - id: late\n  title: Late\n",
    "key_inside_an_item": "rules:\n  - id: late\n   title: Late\n",
    "item_expected": '- "a"\n  b\n',
    "block_end_expected": 'plan:\n  name: "Acme"\n   x\n',  # the Python scanner's words
    "item_on_its_key_line": "tags: - vip\n",
    "alias_never_anchored": "message: *urgent call\n",
}
"""A file each handler tells, read by libyaml as plans are (but for ``block_end_expected``)."""

_PYTHON_SCANNER = {"block_end_expected"}


def _parser_error(text: str, python: bool) -> yaml.MarkedYAMLError:
    try:
        if python:
            yaml.compose(text, yaml.SafeLoader)
        else:
            composer = Composer(text)
            try:
                composer.get_single_node()
            finally:
                composer.dispose()
    except yaml.MarkedYAMLError as exc:
        return exc
    raise AssertionError(f"YAML reads {text!r}")


def _teller(text: str, python: bool = False) -> str:
    """The name of the first handler of the table that tells the error ``text`` makes."""
    said = ParserProblem.of(_parser_error(text, python), text)
    return next((h.__name__ for h in HANDLERS if h(said) is not None), "the parser's words")


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_mistake_is_told_by_its_own_handler(name: str) -> None:
    assert _teller(CASES[name], python=name in _PYTHON_SCANNER) == name


def test_every_handler_of_the_table_has_a_case_and_says_its_mistake() -> None:
    """A handler with no case could be shadowed by one before it in the table unseen."""
    names = [handler.__name__ for handler in HANDLERS]
    assert sorted(names) == sorted(CASES)
    assert [h.__name__ for h in HANDLERS if "``" not in (h.__doc__ or "")] == []  # an example


def test_an_error_no_handler_tells_is_said_in_the_parsers_words() -> None:
    text = ",\n"  # (`]` alone, its example before, is now told as a `]` that closes nothing)
    assert _teller(text) == "the parser's words"
    message, hint, place = explain_syntax_error(_parser_error(text, python=False), text)
    assert (message, hint, place.line) == (
        "did not find expected node content",
        "check the indentation and quoting around this place",
        0,
    )


@pytest.mark.parametrize(
    "problem", sorted({_parser_error(t, False).problem for t in CASES.values()})
)
def test_an_error_the_parser_gives_no_place_for_is_said_in_its_words(problem: str) -> None:
    """The parsers mark every error they raise; one without a mark is said in its words at no
    place, and no handler is asked, each of which reads the line at the mark (one of them had
    raised AttributeError)."""
    for context in ("", "while parsing a flow mapping", "while scanning a quoted scalar"):
        error = yaml.MarkedYAMLError(context or None, None, problem, None)
        said = explain_syntax_error(error, "a: [b\n  c: d\n")
        assert said == (problem, "check the indentation and quoting around this place", None)


@pytest.mark.parametrize("value", ["y" * 150 + ", " + "z" * 47, "see {x} " + "x" * 191])
def test_a_value_in_braces_quoted_reads_back_whole(value: str) -> None:
    """A value of 199 characters a comma or a `: ` needs quoted in braces had its quoted form
    cut again to 200 characters, its closing quote lost: the hint pasted was a YAML error."""
    written = value_in_braces("message", value)
    assert written is not None
    assert yaml.safe_load(f"{{message: {written}}}") == {"message": value}
