"""How to mend what a manager wrote, for the schema's messages (``engine.schema``).

jsonschema says what is wrong; the hints here say what the author most likely meant and how to
write it: a number with a decimal comma or thousands separators, a list without its brackets,
a key without its `: `, a named condition written alone, a setting lined up with its action
instead of under it. Each reads the document as loaded (the values YAML made of the slip) and
gives "" or nothing when it cannot tell, so a hint is never a guess.

The hints live in one module per family of slips, so a new hint reads and touches one small
file: ``numbers`` (decimal commas, thousands separators, currencies, percentages, numbers in
words), ``lists`` (a list without brackets, in braces, an item glued to its `-`), ``commas`` (a
value cut at a comma inside braces), ``conditions`` (a name alone, a test in symbols, a field
as a key, a key without its `: `), ``names`` (rule ids, condition names, event types and fields
written as words), ``settings`` (a setting lined up with its action, a channel an action has
not) and ``kinds`` (a value of the wrong kind); ``keys`` holds what the schema says of keys,
``written`` how a value is read back from its file and quoted, ``meant`` the number a text
was meant as in a test of a number field (``2 weeks`` is 14 of `order.delay_days`), ``clock``
a time of day whose text order is not the clock's (``3pm``) on the 24-hour clock. ``hints``
holds :class:`Slips`, the hints of one validation, which the schema's error mapping asks, in an
order that decides which hint wins. Every public name is still given here, as when this package was
one module.
"""

from __future__ import annotations

from engine.slips.clock import (
    clock_between_hint,
    clock_test_hint,
    on_the_24_hour_clock,
    text_order_example,
)
from engine.slips.conditions import (
    event_field,
    field_as_key_hint,
    look_back_hint,
    missing_colon_hint,
    named_condition_hint,
    test_in_field_hint,
    tests_listed_under,
)
from engine.slips.hints import Slips
from engine.slips.keys import (
    CONDITION_KEYS,
    EVENT_WORDS,
    MERGE_KEY,
    RULE_POINTER,
    decided_params,
    merge_keys,
    plan_keys,
    text_keys,
)
from engine.slips.kinds import type_hint, unit_left_out_hint
from engine.slips.lists import (
    GLUED_DASH,
    LIST_SEPARATOR,
    LISTS,
    action_section,
    an_action_type,
    between_hint,
    block_items,
    braced_list_hint,
    compensation_kind_hint,
    glued_dash,
    list_hint,
    list_items,
    listed,
    other_section_hint,
    settings_indent_hint,
)
from engine.slips.names import (
    LONGEST_NAME_HINTED,
    accented_path_hint,
    hinted_names,
    name_of_its_own,
    name_written_as,
    own_event_type,
    path_written_as,
)
from engine.slips.numbers import (
    NOT_A_UNIT,
    amount_in_text,
    meant_number,
    number_hint,
    number_in_text,
    numbers_cut,
    numbers_cut_hint,
    offer_currency_hint,
    percent_in_text,
    without_currency,
)
from engine.slips.settings import no_channel_hint, settings_lined_up, stray_settings
from engine.slips.written import (
    ANCHOR,
    LISTED_AT_MOST,
    QUOTED_AT_MOST,
    as_written,
    colon_after,
    flow,
    flow_hint,
    flow_list,
    quoted,
    unindented_block_text,
)

__all__ = [
    "ANCHOR",
    "CONDITION_KEYS",
    "EVENT_WORDS",
    "GLUED_DASH",
    "LISTED_AT_MOST",
    "LISTS",
    "LIST_SEPARATOR",
    "LONGEST_NAME_HINTED",
    "MERGE_KEY",
    "NOT_A_UNIT",
    "QUOTED_AT_MOST",
    "RULE_POINTER",
    "Slips",
    "accented_path_hint",
    "action_section",
    "amount_in_text",
    "an_action_type",
    "as_written",
    "between_hint",
    "block_items",
    "braced_list_hint",
    "clock_between_hint",
    "clock_test_hint",
    "colon_after",
    "compensation_kind_hint",
    "decided_params",
    "event_field",
    "field_as_key_hint",
    "flow",
    "flow_hint",
    "flow_list",
    "glued_dash",
    "hinted_names",
    "list_hint",
    "list_items",
    "listed",
    "look_back_hint",
    "meant_number",
    "merge_keys",
    "missing_colon_hint",
    "name_of_its_own",
    "name_written_as",
    "named_condition_hint",
    "no_channel_hint",
    "number_hint",
    "number_in_text",
    "numbers_cut",
    "numbers_cut_hint",
    "offer_currency_hint",
    "on_the_24_hour_clock",
    "other_section_hint",
    "own_event_type",
    "path_written_as",
    "percent_in_text",
    "plan_keys",
    "quoted",
    "settings_indent_hint",
    "settings_lined_up",
    "stray_settings",
    "test_in_field_hint",
    "tests_listed_under",
    "text_keys",
    "text_order_example",
    "type_hint",
    "unindented_block_text",
    "unit_left_out_hint",
    "without_currency",
]
