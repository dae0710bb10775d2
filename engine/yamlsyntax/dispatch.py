"""The entry point: which mistake a YAML error is told as, and at which place.

:data:`HANDLERS` is the table of the mistakes a manager makes, one small handler each
(:mod:`engine.yamlsyntax.valuemistakes` for mistakes inside a value,
:mod:`engine.yamlsyntax.layoutmistakes` for keys, items and indentation), each given what the
parser said (:class:`~engine.yamlsyntax.problem.ParserProblem`). They are tried in the table's
order and the first that recognises its mistake answers, so the order decides the hint where
mistakes overlap: a quote left open is tried before the indentation it upsets, a text starting
with a field before the brackets it seems to open. To tell a new mistake, write its handler
beside those of its kind and put it in the table before the handlers it must win over.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from engine.yamlsyntax import layoutmistakes as layout
from engine.yamlsyntax import valuemistakes as value
from engine.yamlsyntax.problem import Explanation, FileKind, ParserProblem

Handler = Callable[[ParserProblem], Explanation | None]
"""Tells one mistake, or None when the error is not that mistake."""

HANDLERS: tuple[Handler, ...] = (
    value.comment_written_as_in_json,
    value.several_documents,
    layout.directive_at_the_top,
    layout.document_ended_above,
    layout.written_as_toml,
    layout.text_above_the_first_key,
    layout.first_key_indented,
    value.anchor_named_twice,
    value.unknown_escape_in_quotes,
    value.quote_inside_a_quoted_text,
    value.quote_never_closed,
    value.quote_closed_lines_below,
    value.text_starting_with_a_field,
    value.text_starting_with_a_sign,
    value.text_starting_with_a_question_mark,
    value.words_after_a_value,
    value.closer_inside_a_text,
    value.half_a_character,
    value.tab_indentation,
    value.reserved_first_character,
    value.dash_starting_a_value_in_brackets,
    value.colon_inside_a_value_in_braces,
    value.colon_before_a_comma_in_brackets,
    value.comment_inside_brackets,
    value.bracket_inside_a_text,
    value.comma_left_out_after_inner_brackets,
    value.bracket_not_closed,
    layout.text_at_its_block_key_column,
    # "mapping values are not allowed": a `: ` where none can be
    layout.key_slip_above,
    layout.colon_in_a_text_over_lines,
    layout.setting_under_an_action_word,
    layout.key_indented_further,
    layout.keys_on_one_line,
    layout.key_glued_to_its_value,
    layout.settings_in_a_value,
    layout.colon_in_a_value,
    # "could not find expected ':'"
    layout.colon_left_out,
    # "did not find expected key"
    layout.key_left_out,
    value.closer_never_opened,
    layout.item_glued_above,
    layout.first_item_without_its_dash,
    layout.list_without_its_key,
    layout.key_out_of_line,
    layout.text_left_of_its_first_line,
    layout.key_expected,
    # "did not find expected '-' indicator"
    layout.dash_or_colon_slip,
    layout.action_without_its_dash,
    layout.rule_key_at_the_list_column,
    layout.setting_at_the_list_column,
    layout.setting_below_an_action_word,
    layout.key_at_the_list_column,
    layout.key_inside_an_item,
    layout.item_expected,
    # what is left: each a parser message of its own
    layout.block_end_expected,
    layout.item_on_its_key_line,
    layout.alias_never_anchored,
)
"""Every mistake told, in the order tried."""

_INDENT_HINT = "check the indentation and quoting around this place"


def explain_syntax_error(
    exc: yaml.MarkedYAMLError, text: str = "", kind: FileKind = "plan"
) -> tuple[str, str, Any]:
    """PyYAML's parser words said for a person who writes plans, and the most telling place:
    the first handler of :data:`HANDLERS` that recognises the mistake, else the parser's own
    words. Each handler reads the line at the parser's mark: an error without one (the parsers
    mark all they raise) is said in the parser's words, and no handler needs to ask. ``kind``:
    what the file is meant to be, whose keys a hint names."""
    said = ParserProblem.of(exc, text, kind)
    if said.place is None:
        return said.problem, _INDENT_HINT, None
    for handler in HANDLERS:
        told = handler(said)
        if told is not None:
            return told
    return said.problem, _INDENT_HINT, said.place
