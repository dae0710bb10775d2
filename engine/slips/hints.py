"""The hints of one validation of one document (:class:`Slips`), which ``engine.schema`` asks.

The schema's error mapping makes one ``Slips`` per validation and asks it, error by error, for
the hint of each slip it suspects; the answers are kept by pointer, and each reads the families
of slips in the other modules of this package. The order in which the mapping asks decides
which hint wins.
"""

from __future__ import annotations

import re
from typing import Any

from engine.documents import LoadedDocument, join_pointer, parent_pointer, pointer_tokens
from engine.fields import lookup
from engine.locations import lines_from
from engine.model import LIST_OPERATORS, OPERATORS, nameable_event_type
from engine.resources import load_schema
from engine.slips.commas import CommaCuts
from engine.slips.conditions import (
    CONDITION_PLACE,
    NEUTRAL_VALUES,
    event_value,
    field_values,
)
from engine.slips.keys import CONDITION_KEYS, EVENT_WORDS, RULE_POINTER, first_key, plan_keys
from engine.slips.lists import (
    ACTION_ITEM,
    EXPECTED_ACTIONS,
    GLUED_DASH,
    LISTS,
    RULE_ACTIONS,
    action_named_by_type,
    actions_listed_hint,
    bare_action_hint,
    block_items,
    by_its_type_hint,
    glued_dash,
    items_meant,
    list_hint,
    misspelt_action_type,
    not_an_action_type,
    settings_indent_hint,
    unwrapped,
    without_comment,
)
from engine.slips.names import hinted_names
from engine.slips.numbers import (
    COMMA_NUMBER_IN_A_LIST,
    DIGITS_COMMA_DIGITS,
    FLOW_LIST_ON_ITS_LINE,
    a_number,
    comma_ways,
    meant_number,
)
from engine.slips.settings import stray_settings
from engine.slips.written import (
    ANCHOR,
    as_written,
    bracketed,
    flow_hint,
    flow_list,
    line_at,
    written_start,
)


class Slips(CommaCuts):
    """The hints of one validation of one document, each worked out once.

    One slip can make an error of each of many keys: ``- apologize: {within: 1h}`` then K keys
    lined up with ``apologize`` are K second actions, each asking whether it is a setting of
    the action; ``{field: channel, in: yelp, x1, ..., xK}`` is K unknown operators, each asking
    for the list it is the rest of. Worked out again for each error, a hint that reads the
    whole item costs K² (1,000 keys lined up with an action took a minute to validate). The
    answers depend on the document only, which does not change while it is validated, so they
    are kept by pointer here; each validation makes its own ``Slips`` and lets it go.
    """

    def __init__(
        self, document: LoadedDocument, schema: str = "plan", currency: str | None = None
    ) -> None:
        super().__init__(document, schema, currency)
        self._strays: dict[str, dict[str, str]] = {}
        self._lists: dict[str, str] = {}
        self._names: dict[str, frozenset[str]] = {}
        self._hinted: dict[str, list[str | None]] = {}

    def names_beside(self, pointer: str, text: str) -> frozenset[str]:
        """The names that ``text``, a plan's rule id at ``pointer`` (``/rules/3/id``) or a
        condition name of the mapping at ``pointer`` (``/conditions``), is to be told apart
        from once written as a name: the ids of the file's rules, the names of its conditions.
        A ``use:`` of such a condition (``text`` is one's name) is to be renamed as it is.
        None for another name, which refers to a condition or a rule (a plan test's), and so
        is to be one of them."""
        if self.schema != "plan":
            return frozenset()
        if rule := re.fullmatch(r"/rules/(\d+)/id", pointer):
            return self._names_of("rules") | self._hinted_before("rules", int(rule[1]))
        conditions = self._names_of("conditions")
        if pointer == "/conditions" or (
            re.search(r"/use(?:/\d+)?$", pointer) and text in conditions
        ):
            held = self._at("/conditions")
            place = list(held).index(text) if isinstance(held, dict) and text in held else 0
            return conditions | self._hinted_before("conditions", place)
        return frozenset()

    def _hinted_before(self, part: str, index: int) -> frozenset[str]:
        """The names hinted for the ``rules`` ids or ``conditions`` names before the one at
        ``index`` that are written as words (:func:`hinted_names`). Worked out once for all:
        each rule had read every id above it again, 8 s for 1,000 (found by review)."""
        hinted = self._hinted.get(part)
        if hinted is None:
            pattern = (
                load_schema("plan")["$defs"]["condition_name"]["pattern"]
                if part == "conditions"
                else plan_keys("rule")["id"]["pattern"]
            )
            written = self._written_names(part)
            hinted = self._hinted[part] = hinted_names(written, pattern, self._names_of(part))
        return frozenset(name for name in hinted[:index] if name is not None)

    def _written_names(self, part: str) -> list[object]:
        """The ids of the file's ``rules`` (None for an item that is no mapping), or the names
        of its ``conditions``, in order and as written: what :meth:`_names_of` and
        :meth:`_hinted_before` both read."""
        held = self._at(f"/{part}")
        if part == "conditions":
            return list(held) if isinstance(held, dict) else []
        rules = held if isinstance(held, list) else []
        return [rule.get("id") if isinstance(rule, dict) else None for rule in rules]

    def _names_of(self, part: str) -> frozenset[str]:
        """The ids of the file's ``rules``, or the names of its ``conditions``."""
        found = self._names.get(part)
        if found is None:
            names = self._written_names(part)
            found = self._names[part] = frozenset(n for n in names if isinstance(n, str))
        return found

    def anchored_nothing_hint(self, pointer: str) -> str:
        """For a value YAML read as nothing because it starts with `&` (``to: &Co``: an anchor
        named ``Co``, for no value): the text in quotes; "" for any other empty value."""
        place = self.document.locate(pointer)
        line = line_at(place)
        found = ANCHOR.match(line, place.column - 1)
        if found is None:
            return ""
        key = pointer_tokens(pointer)[-1]
        return (
            f"`&` starts a YAML anchor (a name for the value after it), so `{as_written(key)}` "
            f'holds nothing: put the text in quotes, `{as_written(key)}: "{as_written(found[0])}"`'
        )

    def bare_text_hint(self, pointer: str) -> str:
        """For text YAML read as a number or true/false (``title: 2026``, ``owner: 0044123``,
        which is the number 44123): the text as it is written in the file, in quotes; without
        it when it cannot be read back (a number's value would not be what was typed)."""
        written = self.written(pointer)
        key = pointer_tokens(pointer)[-1] if pointer else ""
        if not written:
            return "put the text in quotes, as it is written, to make it text"
        prefix = "" if not key or key.isdigit() else f"{as_written(key)}: "
        return f'put it in quotes to make it text: `{prefix}"{as_written(written)}"`'

    def stray_settings(self, pointer: str) -> dict[str, str]:
        """:func:`stray_settings` of the action item at ``pointer``."""
        found = self._strays.get(pointer)
        if found is None:
            found = self._strays[pointer] = stray_settings(pointer, self.document)
        return found

    def setting_of_the_action(self, name: str, pointer: str) -> bool:
        """Whether ``name`` is one of the stray settings of the action item at ``pointer``."""
        return name in self.stray_settings(pointer)

    def settings_left_out(self, pointer: str) -> bool:
        """Whether the value at ``pointer`` is an action whose settings are lined up with it."""
        tokens = pointer_tokens(pointer)
        if not tokens:
            return False
        first = first_key(lookup(self.document.data, tuple(tokens[:-1])))
        return first == tokens[-1] and bool(self.stray_settings(parent_pointer(pointer)))

    def list_hint(self, pointer: str, value: Any) -> str:
        """:func:`list_hint` of the value at ``pointer``: the list operator's own error and
        the first of the keys its commas made show the same list."""
        hint = self._lists.get(pointer)
        # No plan the suite knows asks it twice of one pointer (the keys a comma made in a
        # test's braces are not told beside its operator's error): kept, a cache is cheap.
        if hint is None:  # pragma: no branch
            hint = self._lists[pointer] = list_hint(pointer, self.document, value)
        return hint

    def actions_listed_hint(self, pointer: str, value: dict[str, Any]) -> str:
        """:func:`actions_listed_hint` of a plan test's ``actions:`` or ``no_actions:``, or of
        a rule's ``then:`` or ``prevent:``, at ``pointer``, written as a mapping; "" for any
        other mapping where a list is wanted."""
        tokens = pointer_tokens(pointer)
        if self.schema == "plan":
            if not RULE_ACTIONS.fullmatch(pointer):
                return ""
        elif self.schema != "plantest" or not tokens or tokens[-1] not in EXPECTED_ACTIONS:
            return ""
        braced = written_start(self.document, pointer) == "{"
        return actions_listed_hint(tokens[-1], value, braced, bare=self.schema == "plantest")

    def nested_list_hint(self, pointer: str) -> str:
        """For a list written as an item of a test's list of values (``[1]`` of ``{field:
        rating, in: [[1], [2]]}``): the values as one list, ``in: [1, 2]``. The item had been
        told only "expected text or a number ..., found a list", at its place, with no word of
        what to write (found by review). "" for any other value, or for items deeper than
        one list in the list, or none in it (no flat list to give: `in: []` is refused)."""
        tokens = pointer_tokens(pointer)
        if len(tokens) < 2 or tokens[-2] not in LIST_OPERATORS or not tokens[-1].isdigit():
            return ""
        if CONDITION_PLACE.match(parent_pointer(parent_pointer(pointer))) is None:
            return ""
        values = self._at(parent_pointer(pointer))
        flat = [value for item in values for value in (item if isinstance(item, list) else [item])]
        if not flat or any(isinstance(value, (list, dict)) for value in flat):
            return ""  # `in: [[]]`: `in: []`, an empty list, is refused too (found by review)
        return (
            f"`{tokens[-2]}:` takes one list of values: write each value as an item of it, "
            f"without brackets of its own: `{tokens[-2]}: {flow_list(flat)}"
        )

    def bare_action_hint(self, pointer: str, text: str) -> str:
        """For an action written as its type alone in a plan's ``then:`` or ``prevent:``
        (``- apologize``, as a plan test's ``actions:`` may list it): the action with its
        settings, ``{}`` when it needs none, else its example (``escalate`` needs ``to:``); or,
        for an action of the rule's other list, that list. The schema's hint had been an
        example of any action, worded "`- type: {parameters}`", which reads as a key `type:`.
        "" for any other value."""
        found = RULE_ACTIONS.fullmatch(parent_pointer(pointer)) if self.schema == "plan" else None
        if found is None or not pointer_tokens(pointer)[-1].isdigit():
            return ""
        dash = "" if written_start(self.document, parent_pointer(pointer)) == "[" else "- "
        return bare_action_hint(text, pointer_tokens(pointer)[-2], dash)

    def action_named_by_type(self, pointer: str) -> tuple[str, str, str] | None:
        """For a value at or inside an action item that names its action by ``type:`` (``-
        type: apologize`` then ``within: 1h`` under ``then:``, or a plan test's ``actions:``):
        the item's pointer, the action written by its type (:func:`by_its_type_hint`), and the
        misspelt type's did-you-mean, "" for a type written right. Such an item had been told
        ``type`` and ``within`` were no action types, and in a plan test that ``apologize``
        and ``1h`` were no mappings, four problems for one slip; a misspelt type
        (``apologise``) still had them all (found by review). None for any other value."""
        found = ACTION_ITEM.match(pointer)
        if found is None:
            return None
        value = self._at(found[0])
        misspelt = misspelt_action_type(value)
        if misspelt is not None:
            value = {**value, "type": misspelt}
        meant = action_named_by_type(value, bare=self.schema == "plantest")
        if meant is None:
            return None
        slip = ""
        if misspelt is not None:
            slip = not_an_action_type(str(self._at(join_pointer(found[0], "type"))), misspelt)
        dash = "" if written_start(self.document, parent_pointer(found[0])) == "[" else "- "
        return found[0], by_its_type_hint(meant, pointer_tokens(found[0])[-2], dash), slip

    def glued_item_hint(self, pointer: str) -> str:
        """For a value where a list is wanted that is a block list whose first item has no
        blank after its `-` (``in:``, then ``-late`` and ``- cold`` below it): YAML reads the
        lines as one text, ``-late - cold``, and the hint had been that text in brackets
        (found by review). "" for any other value, or one that cannot be read back."""
        place = self.document.locate(pointer)
        key = self.document.locate(pointer, key=True)
        if not 0 < key.line < place.line:
            return ""
        holder = line_at(key)
        if not re.fullmatch(r"[ \t]*(?:- +)*", holder[: key.column - 1]):
            return ""  # in braces, or not where a block list starts
        lines = lines_from(place.path, place.line)
        line, column = next(lines, ""), place.column - 1
        glued = GLUED_DASH.match(line)
        if glued is None or len(glued[1]) != column:
            return ""
        item = without_comment(line[column + 1 :])
        return glued_dash(item, block_items(lines, column))[1]

    def glued_first_key(self, pointer: str) -> tuple[str, str, str] | None:
        """For a mapping at ``pointer`` where a list is wanted whose first key is a list's item
        with no blank after its `-` (``then:``, then ``-escalate:`` alone, its settings below
        it: YAML reads a mapping with a key ``-escalate``): that key, and :func:`glued_dash`
        of it; with the column its settings go to, when they are lined up with its name, where
        the space would make them actions of their own. It had been told "expected a list,
        found a mapping", the `-` not named (found by review). None for any other value."""
        value = self._at(pointer)
        first = next(iter(value), None) if isinstance(value, dict) else None
        if not isinstance(first, str) or not GLUED_DASH.match(first):
            return None
        said, hint = glued_dash(f"{first[1:]}:", ())
        at = join_pointer(pointer, first)
        settings = self._at(at)
        if isinstance(settings, dict) and settings:
            name = self.document.locate(at, key=True)
            under = self.document.locate(join_pointer(at, next(iter(settings))), key=True)
            if under.line > name.line:
                hint += settings_indent_hint(name.column, under.column)
        return first, said, hint

    def comma_left_out(self, pointer: str, text: str) -> tuple[str, str] | None:
        """For an item of a list in brackets that is event types with blanks between them
        (``event: [order review]``): the comma left out between them, and the list with it. The
        words had been taken for one misspelt type (did you mean `review`?; found by review).
        None for any other item, or a list written one item a line (no comma to leave out)."""
        words = text.split()
        tokens = pointer_tokens(pointer)
        if len(words) < 2 or not all(map(nameable_event_type, words)) or not tokens[-1].isdigit():
            return None
        holder = parent_pointer(pointer)
        items = self._at(holder)
        if not isinstance(items, list) or written_start(self.document, holder) != "[":
            return None
        index = int(tokens[-1])
        mended = [*items[:index], *words, *items[index + 1 :]]
        shown = [f"`{as_written(word)}`" for word in words]
        between = f"{', '.join(shown[:-1])} and {shown[-1]}"
        return (
            f"{'a comma is' if len(words) == 2 else 'commas are'} missing between {between}",
            f"put a comma between the items: `{as_written(tokens[-2])}: {flow_list(mended)}",
        )

    def decimal_comma_hint(self, pointer: str) -> str:
        """For a list in brackets with too many items because a number in it has a decimal
        comma or thousands separators (``between: [1,5, 3]``: three items to YAML, 1, 5 and 3),
        the list with each number as a plan writes it (:func:`meant_number`); it had been told
        its length only (found by review). ``1,000`` is ``1000``: it had been hinted ``1.000``,
        one (found by review). A comma with no blank after it, between digits, is taken for a
        number's. "" for any other list, or one written over lines."""
        place = self.document.locate(pointer)
        line = line_at(place)
        written = FLOW_LIST_ON_ITS_LINE.match(line, max(place.column - 1, 0))
        if written is None or ", " not in written[0]:
            return ""  # `[1,5,3]`: no telling which comma parts items
        found = list(COMMA_NUMBER_IN_A_LIST.finditer(written[0]))
        meant = [meant_number(number[0]) for number in found]
        if not found or None in meant:
            return ""
        mended = written[0]
        for number, plain in reversed(list(zip(found, meant, strict=True))):
            mended = f"{mended[: number.start()]}{plain}{mended[number.end() :]}"
        if DIGITS_COMMA_DIGITS.search(mended):  # `1.234,5`: no telling what was meant
            return ""
        first = found[0][0]
        parts = first.split(",")
        key = as_written(pointer_tokens(pointer)[-1])
        return (
            f"in brackets, a comma parts items (`{as_written(first)}` is "
            f"{as_written(', '.join(parts[:-1]))} and {as_written(parts[-1])}): write "
            f"{comma_ways([number[0] for number in found])}, `{key}: {as_written(mended)}`"
        )

    def field_left_out(self, name: str, pointer: str) -> tuple[str, str] | None:
        """For a key of a test with no ``field:`` (``{in: [late, cold]}``, ``{in: late,
        cold}``): at its first operator, what is wrong and the test written with a field, its
        list in brackets; ``("", "")`` for any other key of it, which the first says all of.
        Each key had been a problem of its own, with the shape of the condition and the list
        beside them, four for ``{in: late, cold}``, each hinting ``{field: rating, in: ...}``
        (found by review). None where the mapping is no such test."""
        operators = self.operators_without_field(pointer)
        if not operators:
            return None
        if name != operators[0]:
            return "", ""
        if len(operators) == 1:
            return (
                "this test has no `field:`",
                "name the event field it tests with `field:`, first, such as "
                f"`{self._test_with_field(pointer, name)}`",
            )
        # `{in: late, eq: 3}`: hinted with both operators, the test was then refused for them
        # (found by review)
        tests = [f"`{self._test_with_field(pointer, operator)}`" for operator in operators]
        said = ", ".join(f"`{operator}`" for operator in operators)
        if pointer_tokens(pointer)[-2:-1] in (["all"], ["any"]):
            listed = f"{', '.join(tests[:-1])} and {tests[-1]}"
            hint = f"write one test per operator, each an item of the list: {listed}"
        else:
            hint = f"keep one operator, such as {tests[0]}, or put one test per operator in an "
            hint += "`all:` list"
        return (
            f"this test has no `field:`, and more than one operator ({said})",
            f"a test is one field and one operator: {hint}",
        )

    def _test_with_field(self, pointer: str, operator: str) -> str:
        """The test at ``pointer``, which has no ``field:``, written with one for ``operator``
        (with its list in brackets, and ``ignore_case`` when written): ``rating`` for numbers,
        ``issue`` for words."""
        test = self._at(pointer)
        value = test[operator]  # a field of numbers or of words, for the example
        values = value if isinstance(value, list) else [value]
        numbers = bool(values) and all(a_number(item) for item in values)
        kept = {operator} if numbers else {operator, "ignore_case"}  # only text has case
        written = [f"{key}: {self._test_value(pointer, key)}" for key in test if key in kept]
        return f"{{field: {'rating' if numbers else 'issue'}, {', '.join(written)}}}"

    def _test_value(self, pointer: str, key: str) -> str:
        """The value of ``key`` in the test at ``pointer`` as the plan writes it in braces: a
        list written without its brackets (``in: late, cold``) in them."""
        value = self._at(pointer)[key]
        if LISTS.match(join_pointer(pointer, key)) and not isinstance(value, list):
            return bracketed(
                unwrapped(items_meant(join_pointer(pointer, key), self.document, value))
            )[0]
        return flow_hint(value)

    def operators_without_field(self, pointer: str) -> list[str]:
        """The operators of the condition at ``pointer`` when it has no ``field:``, in the
        order written; [] for any other value (a test with its field, ``{all: [...]}``)."""
        test = self._at(pointer)
        if not isinstance(test, dict) or "field" in test or CONDITION_PLACE.match(pointer) is None:
            return []
        return [key for key in test if key in OPERATORS]

    def when_key_hint(self, name: str, pointer: str) -> str:
        """For a key of the rule at ``pointer`` that belongs in its ``when:``, where to put
        it; "" for any other key. ``event: review`` or ``all: [...]`` written beside ``when:``
        instead of under it, or with no ``when:`` at all, and ``on: review`` or ``type:
        review``, the words people use for which complaints a rule is for: each had been an
        unknown key with the rule's keys listed, and ``event`` was asked "did you mean
        `prevent`?"."""
        event = name == "event" or name in EVENT_WORDS
        when_keys = plan_keys("when")
        if RULE_POINTER.fullmatch(pointer) is None or not (
            event or name in when_keys or name in CONDITION_KEYS
        ):
            return ""  # only a key written on a rule itself (not `type:` of the plan's)
        rule = self._at(pointer)
        where = (
            "under the rule's `when:`"
            if isinstance(rule, dict) and "when" in rule
            else "under a `when:` of the rule (there is none yet)"
        )
        if event:
            shown, lowered = event_value(rule.get(name) if isinstance(rule, dict) else None)
            return (
                f"to say which complaints the rule is for, write `event:` {where}: "
                f"`when: {{event: {shown}, ...}}`"
                + (" (event types are written in lower case)" if lowered else "")
            )
        if name in when_keys:
            return f"`{name}:` is part of the rule's condition: indent it {where}"
        return (
            f"a field test goes {where}, in a list under `all:`, such as "
            "`when: {all: [{field: rating, lte: 2}]}`"
        )

    def values_example(self, hint: str, pointer: str) -> str:
        """``hint`` with its example of the values of ``in:`` or ``not_in:`` at ``pointer``
        (the schema's neutral ``[value1, value2]``) made of the tested field's own values: the
        values it may have (``severity``: ``[low, medium]``), the event schema's examples of it
        (``issue``: ``[late, wrong_item]``), or numbers for a field of numbers (``rating``:
        ``[1, 2]``). The example had been ``[twitter, yelp]``, channels, for every field (found
        by review). ``hint`` as it is for any other field, or any other hint."""
        tokens = pointer_tokens(pointer)
        example = f"`{tokens[-1]}: {NEUTRAL_VALUES}`" if tokens else ""
        if tokens[-1:] not in (["in"], ["not_in"]) or example not in hint:
            return hint
        test = self._at(parent_pointer(pointer))
        field = test.get("field") if isinstance(test, dict) else None
        values = field_values(field) if isinstance(field, str) else ""
        return hint.replace(example, f"`{tokens[-1]}: {values}`") if values else hint

    def rule_key_outside_hint(self, name: str, pointer: str) -> str:
        """For a key of the plan itself that is a rule's key (``then:`` at column 1 below the
        last rule): YAML reads a key less indented than a rule's as the plan's own. The column
        to indent it to; "" for any other key, or one above the rules."""
        rules = self._at("/rules") if pointer == "" and name in plan_keys("rule") else None
        if not isinstance(rules, list) or not rules or not isinstance(rules[-1], dict):
            return ""
        first = first_key(rules[-1])
        if first is None:
            return ""
        beside = self.document.locate(join_pointer(f"/rules/{len(rules) - 1}", first), key=True)
        if self.document.locate(join_pointer("", name), key=True).line <= beside.line:
            return ""
        line = next(lines_from(beside.path, beside.line), "")
        if line[: beside.column - 1].strip() not in ("", "-"):
            return ""  # a rule written in braces (`- {id: a, ...}`): no column to indent to
        return (
            f"`{as_written(name)}` is a rule's key, and YAML reads it as the plan's: indent it "
            f"to column {beside.column}, under `{as_written(first)}:` of the rule above"
        )
