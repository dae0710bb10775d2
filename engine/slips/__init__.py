"""How to mend what a manager wrote, for the schema's messages (``engine.schema``).

jsonschema says what is wrong; the hints here say what the author most likely meant and how to
write it: a number with a decimal comma or thousands separators, a list without its brackets,
a key without its `: `, a named condition written alone, a setting lined up with its action
instead of under it. Each reads the document as loaded (the values YAML made of the slip) and
gives "" or nothing when it cannot tell, so a hint is never a guess.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from engine.documents import LoadedDocument, join_pointer, parent_pointer, pointer_tokens
from engine.errors import Diagnostic, Severity, SourceLocation
from engine.fields import lookup
from engine.locations import lines_from
from engine.model import CUSTOM_EVENT_TYPE, EVENT_TYPES, OPERATORS
from engine.money import plain_number
from engine.resources import load_schema
from engine.suggest import suggestion_suffix
from engine.templates import SLOT_TEXT

CONDITION_KEYS = {"field", "ignore_case", *OPERATORS}
EVENT_WORDS = frozenset({"on", "type", "types", "event_type", "event_types", "events"})
"""What people write for a rule's ``event:`` (which complaints it is for) on the rule itself."""
_BARE_SCALAR = re.compile(r"[^\s\"'\[\]{},#&*!|>%@`][^,\[\]{}\n]*?(?=[ \t]*(?:[,\]}]|[ \t]#|$))")
"""A plain scalar as written on its line, from its first character to where flow or a
comment ends it (``0044123456`` in ``owner: 0044123456  # desk``)."""
_PLAIN_WORD = re.compile(r"[a-z][a-z0-9_-]{0,39}")
RULE_POINTER = re.compile(r"/rules/\d+")
"""The pointer of a rule (``fullmatch``: not of a key inside it)."""


def plan_keys(definition: str) -> dict[str, Any]:
    """The keys the plan schema allows in one of its definitions (``rule``, ``when``), as
    the schema writes them: a hint about where a key belongs follows the schema."""
    keys: dict[str, Any] = load_schema("plan")["$defs"][definition].get("properties", {})
    return keys


@functools.cache
def _name_patterns() -> dict[str, tuple[str, str, str]]:
    """The patterns of a rule id and of a condition name, as the plan schema has them
    without the `$` that ends them (checked, it is `\\Z`), each with what joins the words
    of its names in the starter plan (`late-delivery`, `public_channel`), what has such a
    name and what the name is called."""
    defs = load_schema("plan")["$defs"]
    rule_id, condition = plan_keys("rule")["id"]["pattern"], defs["condition_name"]["pattern"]
    return {_unended(rule_id): ("-", "rule", "id"), _unended(condition): ("_", "condition", "name")}


def _unended(pattern: str) -> str:
    """``pattern`` without the `$` (or `\\Z`) that ends it."""
    return pattern.removesuffix("$").removesuffix("\\Z")


LONGEST_NAME_HINTED = 80
"""How many characters of a name made of what the author wrote a hint gives (a rule id is cut
there); an event type of one's own longer than that is not hinted: one of 100,000 letters had
been written out twice in its hint, 200 KB on one line (found by review)."""


def name_written_as(text: str, pattern: str) -> str | None:
    """For a rule id or a condition name (of ``pattern``) written as words, in capitals or
    with accents (``repeat complainer``, ``Health Claim``, ``Café crème``): the name in the
    form a plan takes, to write instead (``repeat-complainer``), its words joined as the
    starter plan's names are, or as the author joined some (``Health-Claim``). The hint had
    given the rules of a name alone, and left the manager to work the name out. None for any
    other pattern, or when no such name is left (``!!``)."""
    kind = _name_patterns().get(_unended(pattern))
    if kind is None:
        return None
    name = _words_joined(text, _joiner(text, kind[0]))[:LONGEST_NAME_HINTED].rstrip("_-")
    return name if name != text and re.fullmatch(pattern, name) else None


def _words_joined(text: str, joiner: str) -> str:
    """``text`` in the letters of a plan's names, lower case and unaccented, each run of
    anything else (a blank, a dash `—`) one ``joiner``, none at either end."""
    return re.sub(r"[^a-z0-9_-]+", joiner, _unaccented(text).lower()).strip("_-")


def _joiner(text: str, usual: str) -> str:
    """What joins the words of a name made of ``text``: ``usual`` (`-` or `_`), or the other
    where the author joined words with it alone."""
    other = "_" if usual == "-" else "-"
    return other if other in text and usual not in text else usual


def name_of_its_own(name: str, pattern: str, taken: Collection[str]) -> str:
    """For a rule id or a condition name (of ``pattern``) written as words, whose form as a
    name (``name``, from :func:`name_written_as`) another rule or condition has: the hint to
    write one of its own, ``late-order-2``. Written as hinted, the name had been that other
    one's again, a duplicate (found by review)."""
    _, owner, called = _name_patterns()[_unended(pattern)]
    free = _free_name(name, pattern, taken)
    article = "an" if called[0] in "aeiou" else "a"
    return (
        f"write {article} {called} of its own, such as `{free}` (`{name}` is another "
        f"{owner}'s {called})"
    )


def _free_name(name: str, pattern: str, taken: Collection[str]) -> str:
    """``name`` with the first number after it that makes it none of ``taken``: `late-order-2`."""
    joiner = _joiner(name, _name_patterns()[_unended(pattern)][0])
    for number in itertools.count(2):
        end = f"{joiner}{number}"
        free = name[: LONGEST_NAME_HINTED - len(end)].rstrip("_-") + end
        if free not in taken:
            return free
    raise AssertionError("unreachable: itertools.count never ends")


def hinted_names(
    written: Iterable[object], pattern: str, taken: Collection[str]
) -> list[str | None]:
    """The name hinted for each of the rule ids (of ``pattern``) ``written``, in order (None
    for one not written as words), each told apart from ``taken`` and from the ones hinted
    before it: two rules written `Late Order` are hinted `late-order` and `late-order-2`. Both
    had been hinted `late-order`, which, written as hinted, gave two rules one id (found by
    review)."""
    told = set(taken)
    hinted: list[str | None] = []
    for text in written:
        meant = name_written_as(text, pattern) if isinstance(text, str) else None
        if meant is not None and meant in told:
            meant = _free_name(meant, pattern, told)
        if meant is not None:
            told.add(meant)
        hinted.append(meant)
    return hinted


def _unaccented(text: str) -> str:
    """``text`` without its accents (``Café crème`` as ``Cafe creme``), and with the letters
    written as two in plain ASCII (``Straße`` as ``Strasse``, ``œ`` as ``oe``): a name or type
    of the plan language is of such letters (an event type had lost each accented letter:
    ``réservation`` was hinted ``x-r-servation``; found by review). What is still no ASCII
    letter (a dash `—`, a letter of another script) is kept, for the caller to read as a gap
    between words: dropped, it had joined them, ``naïve—claim`` hinted ``x-naiveclaim``, and
    ``Straße`` lost its ``ß``, ``x-strae`` (found by review)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_WRITTEN_AS_TWO))
    return "".join(letter for letter in decomposed if not unicodedata.combining(letter))


_WRITTEN_AS_TWO = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l"}
    | {"Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH"}
)
"""Latin letters no accent taken off writes in ASCII, as they are written without them."""


def own_event_type(text: str) -> tuple[str, str] | None:
    """For an event type that is no standard one, nor near one (``booking``, ``x_booking``,
    ``X-Booking``): the type of the author's own it may be written as, ``x-booking``, with
    the did-you-mean of a text that was meant as one (it starts with an x), and the hint.
    The hint had said how a custom type is formed (``such as x-chargeback``), not which one
    to write, nor that the events must then carry it. None when no such type is left, or
    it is longer than :data:`LONGEST_NAME_HINTED`."""
    letters = _words_joined(text, "-")
    meant_own = re.match(r"x[-_]", letters) is not None or letters == "x"  # (`x-` alone)
    own = "x-" + (letters[2:] if meant_own else letters)
    if re.fullmatch(CUSTOM_EVENT_TYPE, own) is None or len(own) > LONGEST_NAME_HINTED:
        return None
    suffix = f" (did you mean `{own}`?)" if meant_own else ""
    standard = ", ".join(EVENT_TYPES)
    return suffix, (
        f"the standard event types are {standard}; for a type of your own, write `{own}`, "
        f'and send its events with "type": "{own}"'
    )


@functools.cache
def text_keys() -> frozenset[str]:
    """The keys whose value is free text wherever the plan schema has them (``title``,
    ``message``, ``owner``...: text, and no pattern): a value there may start with any
    character, so when YAML reads it as something else, quotes are its mend, not brackets."""
    kinds: dict[str, set[bool]] = {}
    stack: list[Any] = [load_schema("plan")]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for name, held in node.get("properties", {}).items():
                free = isinstance(held, dict) and held.get("type") == "string"
                kinds.setdefault(name, set()).add(free and not {"pattern", "enum"} & set(held))
            stack.extend(node.values())
    return frozenset(name for name, free in kinds.items() if free == {True})


MERGE_KEY = (
    "`<<` (YAML's merge key) is not supported by Backplan",
    "write the keys out; an anchor (`&name`) may still stand for a whole value",
)


def merge_keys(value: Any, pointer: str) -> Iterator[str]:
    """The pointer of every key named ``<<`` in ``value`` (at ``pointer``), however deep.

    In free content (an event, a custom action's parameters) the schema takes any key, and
    YAML 1.2 reads ``<<: *base`` as one key named ``<<`` holding the anchored mapping, not as
    the keys of ``base`` merged in; no one means a key named ``<<``, so it is refused there
    with :data:`MERGE_KEY`.
    """
    stack: list[tuple[Any, str]] = [(value, pointer)]
    while stack:
        node, place = stack.pop()
        if isinstance(node, dict):
            if "<<" in node:
                yield join_pointer(place, "<<")
            stack.extend((item, join_pointer(place, key)) for key, item in node.items())
        elif isinstance(node, list):
            stack.extend((item, join_pointer(place, i)) for i, item in enumerate(node))


ANCHOR = re.compile(r"&([^\s,\[\]{}#]+)")
"""An anchor as YAML reads one (``&Co``): `&` and its name, up to a blank, a comma, a bracket
or a comment."""


class Slips:
    """The hints of one validation of one document, each worked out once.

    One slip can make an error of each of many keys: ``- apologize: {within: 1h}`` then K keys
    lined up with ``apologize`` are K second actions, each asking whether it is a setting of
    the action; ``{field: channel, in: yelp, x1, ..., xK}`` is K unknown operators, each asking
    for the list it is the rest of. Worked out again for each error, a hint that reads the
    whole item costs K² (1,000 keys lined up with an action took a minute to validate). The
    answers depend on the document only, which does not change while it is validated, so they
    are kept by pointer here; each validation makes its own ``Slips`` and lets it go.
    """

    def __init__(self, document: LoadedDocument, schema: str = "plan") -> None:
        self.document = document
        self.schema = schema
        """The shipped schema the document is validated against (``plan``, ``plantest``)."""
        self._strays: dict[str, dict[str, str]] = {}
        self._lists: dict[str, str] = {}
        self._cuts: dict[str, tuple[list[Any], dict[Any, tuple[int, int]]]] = {}
        self._keyed: dict[str, bool] = {}
        self._cut_numbers: dict[str, dict[str, tuple[str, list[str]]]] = {}
        self._names: dict[str, frozenset[str]] = {}
        self._hinted: dict[str, list[str | None]] = {}
        self._text_runs: dict[
            tuple[str, frozenset[str]], tuple[list[Any], dict[str, tuple[int, int]]]
        ] = {}

    def _at(self, pointer: str) -> Any:
        return lookup(self.document.data, tuple(pointer_tokens(pointer)))

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
        line = _line_at(place)
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
        first = _first_key(lookup(self.document.data, tuple(tokens[:-1])))
        return first == tokens[-1] and bool(self.stray_settings(parent_pointer(pointer)))

    def list_hint(self, pointer: str, value: Any) -> str:
        """:func:`list_hint` of the value at ``pointer``: the list operator's own error and
        the first of the keys its commas made show the same list."""
        hint = self._lists.get(pointer)
        if hint is None:
            hint = self._lists[pointer] = list_hint(pointer, self.document, value)
        return hint

    def glued_item_hint(self, pointer: str) -> str:
        """For a value where a list is wanted that is a block list whose first item has no
        blank after its `-` (``in:``, then ``-late`` and ``- cold`` below it): YAML reads the
        lines as one text, ``-late - cold``, and the hint had been that text in brackets
        (found by review). "" for any other value, or one that cannot be read back."""
        place = self.document.locate(pointer)
        key = self.document.locate(pointer, key=True)
        if not 0 < key.line < place.line:
            return ""
        holder = _line_at(key)
        if not re.fullmatch(r"[ \t]*(?:- +)*", holder[: key.column - 1]):
            return ""  # in braces, or not where a block list starts
        lines = lines_from(place.path, place.line)
        line, column = next(lines, ""), place.column - 1
        glued = GLUED_DASH.match(line)
        if glued is None or len(glued[1]) != column:
            return ""
        item = _without_comment(line[column + 1 :])
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

    def cut_at_comma_hint(
        self, name: str, pointer: str, allowed: Collection[str] = frozenset()
    ) -> str:
        """For a key without a value that YAML made of what followed a comma inside the braces
        at ``pointer``: the value the comma cut, whole. ``{amount: 12,500}`` reads as ``amount:
        12`` and a key ``500``; ``{message: Hi, call them}`` as ``message: Hi`` and a key
        ``call them``. With the keys ``allowed`` there, also for a key none of them that has
        a value of its own, made by a colon in the cut text (:meth:`_texts_cut`)."""
        keys, _ = self._cut(pointer)
        start, at = self._cut_run(name, pointer)
        mapping = self._at(pointer)
        if start < 0:
            return self._text_cut_hint(name, pointer, frozenset(allowed))
        digits = self._digits_cut(name, pointer)
        if digits and not (
            len(digits) == 1 and isinstance(mapping[keys[start]], int) and name.isdigit()
        ):  # (`12,500`: `_cut_hint` says it all)
            return self._number_cut_hint(pointer, str(keys[start]), digits)
        if isinstance(mapping[keys[start]], str):
            return self._text_cut_hint(name, pointer, frozenset(allowed))
        return _cut_hint(keys, mapping, start, at)

    def _text_cut_hint(self, name: str, pointer: str, allowed: frozenset[str]) -> str:
        """For a key YAML made of the rest of a text cut at a comma in braces: the text whole,
        in quotes. ``{message: Sorry, we were late: here is a voucher}`` is ``message: Sorry``
        and a key ``we were late`` holding ``here is a voucher``: told as an unknown key with
        the keys allowed listed, the colon's part of the slip was left unsaid (found by
        review). "" for a key that is no such rest."""
        keys, runs = self._texts_cut(pointer, allowed)
        if name not in runs:
            return ""
        start, at = runs[name]
        mapping = self._at(pointer)
        rest = (self._text_part(pointer, str(key)) for key in keys[start + 1 : at + 1])
        made = f" (and its colon made `{as_written(name)}` a key)" if mapping[name] else ""
        key = as_written(str(keys[start]))
        return (
            f"if `{as_written(self._text_part(pointer, name))}` is the rest of the text of "
            f"`{key}`, cut at a comma{made}, put the whole text in quotes: "
            f"`{key}: {quoted(_text_so_far(mapping[keys[start]], rest))}`"
        )

    def _text_part(self, pointer: str, key: str) -> str:
        """The part of a text cut at a comma that YAML made the key ``key`` of: the key, or the
        key, its colon and its value as written (``we were late: here is a voucher``)."""
        if self._at(pointer)[key] is None:
            return key
        return f"{key}: {self.written(join_pointer(pointer, key))}"

    def _texts_cut(
        self, pointer: str, allowed: frozenset[str]
    ) -> tuple[list[Any], dict[str, tuple[int, int]]]:
        """For each key of the mapping in braces at ``pointer`` that is the rest of a text a
        comma cut: the place of the key holding the text and its own place. The rest is a key
        without a value, written without a colon (``call them`` of ``{message: Hi, call
        them}``), or, when the keys ``allowed`` are known, a key of words none of them, written
        after a comma with a plain value (``we were late: here is a voucher``).
        One walk over the keys for all of them, worked out once (see :meth:`_cut_runs`)."""
        cut = self._text_runs.get((pointer, allowed))
        if cut is not None:
            return cut
        mapping = self._at(pointer)
        found: dict[str, tuple[int, int]] = {}
        keys = list(mapping) if isinstance(mapping, dict) else []
        cut = self._text_runs[(pointer, allowed)] = (keys, found)
        holder = -1
        for at, (key, value) in enumerate(mapping.items() if isinstance(mapping, dict) else ()):
            if value is None or (
                holder >= 0
                and allowed
                and self._colon_made(str(key), str(keys[holder]), pointer, allowed)
            ):
                if holder >= 0 and (value is not None or self._alone(str(key), pointer)):
                    found[str(key)] = (holder, at)
            else:
                holder = at if isinstance(value, str) else -1
        return cut

    def _colon_made(self, key: str, holder: str, pointer: str, allowed: frozenset[str]) -> bool:
        """Whether ``key`` of the mapping at ``pointer`` may be part of the text of ``holder`` a
        colon made a key of: ``holder`` a key of free text (:func:`text_keys`), ``key`` words
        with a blank between them, no key of a plan (``type: shop`` after ``currency: USD`` is
        a key put in the wrong place), written after a comma on its line, its value plain
        text on it."""
        if holder not in text_keys() or " " not in key.strip() or key in allowed:
            return False
        place = self.document.locate(join_pointer(pointer, key), key=True)
        before = _line_at(place)[: max(place.column - 1, 0)]
        return before.rstrip().endswith(",") and bool(self.written(join_pointer(pointer, key)))

    def _digits_cut(self, name: str, pointer: str) -> list[str]:
        """When the key ``name`` of the mapping at ``pointer`` is digits YAML cut off a number
        at a comma in braces (``5`` of ``{lte: 1,5}``, ``000.00`` of ``{amount:
        1,000,000.00}``): all the digits cut off that number, in order; [] otherwise."""
        holder, digits = self._numbers_cut(pointer).get(name, (name, []))
        return [] if holder == name else digits

    def cut_by_a_comma(self, pointer: str) -> bool:
        """Whether the value at ``pointer`` is the part before the comma of a number YAML cut
        at its comma in braces (``0`` of ``{amount: 0,500}``): the key of its digits tells the
        number whole, so the part's own error is not told too. The first part may be text YAML
        read from a number grouped in thousands (``1 000`` of ``{amount: 1 000,50}``: its own
        error had hinted ``1000``, where the key's gives the whole ``1000.50``) or with a
        currency before it (``€12`` of ``{amount: €12,50}``). It had been
        worked out apart from the key's, and the two had disagreed: ``{amount: 0,500.00}`` was
        told twice, and the error of ``{amount: true,5}`` not at all (found by review)."""
        tokens = pointer_tokens(pointer)
        if not tokens:
            return False
        holder, _ = self._numbers_cut(parent_pointer(pointer)).get(tokens[-1], ("", []))
        return holder == tokens[-1]

    def _numbers_cut(self, pointer: str) -> dict[str, tuple[str, list[str]]]:
        """:func:`numbers_cut` of the mapping at ``pointer``, worked out once: for each key
        that holds a number cut at a comma and each key of its digits, the key that holds it
        and the digits, in order."""
        found = self._cut_numbers.get(pointer)
        if found is not None:
            return found
        mapping = self._at(pointer)
        entries = list(mapping.items()) if isinstance(mapping, dict) else []
        found = self._cut_numbers[pointer] = {}
        for at, digits in numbers_cut(
            entries,
            lambda at: bool(self.written(join_pointer(pointer, str(entries[at][0])))),
            lambda at: self._alone(str(entries[at][0]), pointer),
        ):
            holder = str(entries[at][0])
            for key in (holder, *digits):
                found[key] = (holder, digits)
        return found

    def number_cut(self, name: str, pointer: str) -> tuple[str, str] | None:
        """For the first key of digits YAML cut off a number at a comma in a test's braces
        (``5`` of ``{field: rating, lte: 1,5}``): what is wrong and how to mend it. The key had
        been told it is no operator, with the hint listing the operators (found by review).
        ``("", "")`` for a further key cut off the same number (``000`` after ``000`` of
        ``1,000,000``): the first says it. None for any other key."""
        digits = self._digits_cut(name, pointer)
        if not digits:
            return None
        if name != digits[0]:
            return "", ""
        key = self._numbers_cut(pointer)[name][0]
        read = self.written(join_pointer(pointer, key))
        if not read:
            return None
        shown = ", ".join(f"`{as_written(part)}`" for part in digits)
        cut = "a key" if len(digits) == 1 else "the keys"
        return (
            f"`{as_written(key)}: {as_written(','.join([read, *digits]))}` was read as "
            f"`{as_written(key)}: {as_written(read)}` and {cut} {shown}: in braces, a comma "
            "ends a value",
            self.cut_at_comma_hint(name, pointer),
        )

    def words_cut(self, name: str, pointer: str) -> tuple[str, str] | None:
        """For the first key YAML made of a word after a comma in the value of an operator of
        one value, in a test's braces (``cold`` of ``{field: issue, contains: late, cold}``):
        what is wrong and the operator that takes the words as a list, as ``{in: late, cold}``
        is told. The key had been told it is no operator, with the operators listed (found by
        review). ``("", "")`` for a further word of the same value; None for any other key,
        and for one written with its colon (:meth:`_cut_run`): `ignorecase: null` after
        `contains: late` had been hinted `contains_any: [late, ignorecase]`, no longer "did you
        mean `ignore_case`?" (found by review)."""
        keys, _ = self._cut(pointer)
        start, at = self._cut_run(name, pointer)
        operator = keys[start] if start >= 0 else None
        if operator not in _ONE_VALUE_OPERATORS or _CONDITION_PLACE.match(pointer) is None:
            return None
        first = self._at(pointer)[operator]
        if not isinstance(first, str):
            return None  # a number cut at a comma: told by number_cut
        if at != start + 1:
            return "", ""
        words = [first, *(key for key in keys[at:] if self._cut_run(key, pointer)[0] == start)]
        shown = ", ".join(f"`{as_written(str(word))}`" for word in words[1:])
        return (
            f"`{operator}: {as_written(', '.join(map(str, words)))}` was read as `{operator}: "
            f"{as_written(first)}` and {'a key' if len(words) == 2 else 'the keys'} {shown}: in "
            "braces, a comma ends a value",
            _one_value_hint(str(operator), words),
        )

    def _cut(self, pointer: str) -> tuple[list[Any], dict[Any, tuple[int, int]]]:
        """The keys of the mapping at ``pointer`` and :func:`_cut_runs` of it, worked out once."""
        cut = self._cuts.get(pointer)
        if cut is None:
            mapping = self._at(pointer)
            runs = _cut_runs(mapping) if isinstance(mapping, dict) else {}
            cut = self._cuts[pointer] = (list(mapping) if runs else [], runs)
        return cut

    def _cut_run(self, name: str, pointer: str) -> tuple[int, int]:
        """:func:`_cut_runs`'s place of the key ``name`` in the mapping at ``pointer``; (-1,
        -1) for a key with a value, or one written with its colon (:func:`_keyed`), which is the
        author's own, as the list's hint takes it: ``compensaton: null`` below ``no_actions:
        compensate`` was left out of the hint, and then told nowhere, as one of the list's
        items, or told to be the rest of a text cut at a comma (found by review)."""
        _, runs = self._cut(pointer)
        run = runs.get(name, (-1, -1))
        if run[0] < 0:
            return run
        return run if self._alone(name, pointer) else (-1, -1)

    def _alone(self, name: str, pointer: str) -> bool:
        """Whether the key ``name`` of the mapping at ``pointer`` is written without a `:`
        after it (:func:`_keyed`): a key YAML made of what followed a comma."""
        key = join_pointer(pointer, name)
        keyed = self._keyed.get(key)
        if keyed is None:  # (each key of a list cut at commas is asked of for each error)
            keyed = self._keyed[key] = _keyed(self.document, key, name)
        return not keyed

    def cut_from(self, name: str, pointer: str) -> Any:
        """The key whose value a comma inside the braces at ``pointer`` may have cut ``name``
        from (``tags`` of ``{tags: late, cold}``), when that value is one text or number;
        None otherwise (``cold`` after ``tags: [late]`` is a key of its own)."""
        keys, _ = self._cut(pointer)
        start, _ = self._cut_run(name, pointer)
        if start < 0:
            return None
        value = self._at(pointer)[keys[start]]
        return None if isinstance(value, (list, dict)) else keys[start]

    def _number_cut_hint(self, pointer: str, key: str, digits: list[str]) -> str:
        """The hint for a number YAML cut at its commas in braces, read back from the file:
        ``{amount: 1.000,00}`` is 1.0 and a key ``00`` to YAML (the hint had been `amount:
        1.0.00`), ``{amount: 1,500.00}`` 1 and a key ``500.00`` (found by review)."""
        written = self.written(join_pointer(pointer, key))
        whole = f"{written},{','.join(digits)}"
        shown = as_written(key)
        hint = _number_hint(whole, shown) if written else ""
        return hint or (
            f"`{shown}: {as_written(whole)}` is not a number: write it with a dot before its "
            f"decimals and nothing between its thousands (`{shown}: 1500.50`, not "
            "`1.500,50` or `1,500.50`)"
        )

    def comma_left_out(self, pointer: str, text: str) -> tuple[str, str] | None:
        """For an item of a list in brackets that is event types with blanks between them
        (``event: [order review]``): the comma left out between them, and the list with it. The
        words had been taken for one misspelt type (did you mean `review`?; found by review).
        None for any other item, or a list written one item a line (no comma to leave out)."""
        words = text.split()
        tokens = pointer_tokens(pointer)
        if len(words) < 2 or not all(map(_event_type, words)) or not tokens[-1].isdigit():
            return None
        holder = parent_pointer(pointer)
        items = self._at(holder)
        if not isinstance(items, list) or _written_start(self.document, holder) != "[":
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
        line = _line_at(place)
        written = _FLOW_LIST_ON_ITS_LINE.match(line, max(place.column - 1, 0))
        if written is None or ", " not in written[0]:
            return ""  # `[1,5,3]`: no telling which comma parts items
        found = list(_COMMA_NUMBER_IN_A_LIST.finditer(written[0]))
        meant = [meant_number(number[0]) for number in found]
        if not found or None in meant:
            return ""
        mended = written[0]
        for number, plain in reversed(list(zip(found, meant, strict=True))):
            mended = f"{mended[: number.start()]}{plain}{mended[number.end() :]}"
        if _DIGITS_COMMA_DIGITS.search(mended):  # `1.234,5`: no telling what was meant
            return ""
        first = found[0][0]
        parts = first.split(",")
        key = as_written(pointer_tokens(pointer)[-1])
        return (
            f"in brackets, a comma parts items (`{as_written(first)}` is "
            f"{as_written(', '.join(parts[:-1]))} and {as_written(parts[-1])}): write "
            f"{_comma_ways([number[0] for number in found])}, `{key}: {as_written(mended)}`"
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
        numbers = bool(values) and all(_a_number(item) for item in values)
        kept = {operator} if numbers else {operator, "ignore_case"}  # only text has case
        written = [f"{key}: {self._test_value(pointer, key)}" for key in test if key in kept]
        return f"{{field: {'rating' if numbers else 'issue'}, {', '.join(written)}}}"

    def _test_value(self, pointer: str, key: str) -> str:
        """The value of ``key`` in the test at ``pointer`` as the plan writes it in braces: a
        list written without its brackets (``in: late, cold``) in them."""
        value = self._at(pointer)[key]
        if LISTS.match(join_pointer(pointer, key)) and not isinstance(value, list):
            return _listed(
                _unwrapped(_items_meant(join_pointer(pointer, key), self.document, value))
            )[0]
        return as_written(flow(value))

    def operators_without_field(self, pointer: str) -> list[str]:
        """The operators of the condition at ``pointer`` when it has no ``field:``, in the
        order written; [] for any other value (a test with its field, ``{all: [...]}``)."""
        test = self._at(pointer)
        if not isinstance(test, dict) or "field" in test or _CONDITION_PLACE.match(pointer) is None:
            return []
        return [key for key in test if key in OPERATORS]

    def written(self, pointer: str) -> str:
        """The plain scalar at ``pointer`` as it is written in the file ("" when it cannot be
        read back there)."""
        place = self.document.locate(pointer)
        line = _line_at(place)
        found = _BARE_SCALAR.match(line, max(place.column - 1, 0))
        return "" if found is None else found[0]

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
            shown = _event_value(rule.get(name) if isinstance(rule, dict) else None)
            return (
                f"to say which complaints the rule is for, write `event:` {where}: "
                f"`when: {{event: {shown}, ...}}`"
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
        example = f"`{tokens[-1]}: {_NEUTRAL_VALUES}`" if tokens else ""
        if tokens[-1:] not in (["in"], ["not_in"]) or example not in hint:
            return hint
        test = self._at(parent_pointer(pointer))
        field = test.get("field") if isinstance(test, dict) else None
        values = _field_values(field) if isinstance(field, str) else ""
        return hint.replace(example, f"`{tokens[-1]}: {values}`") if values else hint

    def rule_key_outside_hint(self, name: str, pointer: str) -> str:
        """For a key of the plan itself that is a rule's key (``then:`` at column 1 below the
        last rule): YAML reads a key less indented than a rule's as the plan's own. The column
        to indent it to; "" for any other key, or one above the rules."""
        rules = self._at("/rules") if pointer == "" and name in plan_keys("rule") else None
        if not isinstance(rules, list) or not rules or not isinstance(rules[-1], dict):
            return ""
        first = _first_key(rules[-1])
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


_NEUTRAL_VALUES = "[value1, value2]"
"""The plan schema's example of the values of ``in:`` and ``not_in:``, for a field of no
values known (:meth:`Slips.values_example`)."""


def _field_values(field: str) -> str:
    """Two values the event field ``field`` may have, as a list in brackets, for an example:
    of the values the event schema allows it, or of its examples there; ``[1, 2]`` for a
    field of numbers; "" for a field of none known (``store``, one of the plan's own)."""
    from engine.eventfields import resolve  # only for a hint: not at start-up

    info = resolve(field).info
    if info is None:
        return ""
    known = [value for value in info.enum or info.examples if isinstance(value, str)]
    if known:
        return flow(known[:2])
    return "[1, 2]" if info.kinds <= {"number", "null"} else ""


def _event_value(value: Any) -> str:
    """The kinds of complaint as written on the rule (``review``, ``[review, order]``) for
    the hint to show under ``event:``; ``review`` as an example when they are not words."""
    words = value if isinstance(value, list) else [value]
    if not words or not all(isinstance(w, str) and _PLAIN_WORD.fullmatch(w) for w in words):
        return "review"
    return f"[{', '.join(words)}]" if isinstance(value, list) else str(value)


def _keys(value: Any) -> list[str]:
    return [key for key in value if isinstance(key, str)] if isinstance(value, dict) else []


def _first_key(value: Any) -> str | None:
    """``_keys(value)[0]`` without listing all the keys (asked once per error of an item)."""
    return (
        next((key for key in value if isinstance(key, str)), None)
        if isinstance(value, dict)
        else None
    )


def stray_settings(pointer: str, document: LoadedDocument) -> dict[str, str]:
    """The keys of the action item at ``pointer``, after its first, that are settings of its
    action (``- compensate: {...}`` then ``within: 1d`` lined up with ``compensate``), each
    with the setting it names: YAML reads each as a second action, where its author meant it
    as the first one's setting. A near-miss of a setting (``mesage``) is one too, with its
    spelling: read as an action, it would be told to be no action and sent looking for one."""
    keys = _keys(lookup(document.data, tuple(pointer_tokens(pointer))))
    if len(keys) < 2:
        return {}
    actions, settings = _action_settings(keys[0], expected=pointer.startswith("/cases/"))
    meant = {key: _setting_meant(key, settings, actions) for key in keys[1:]}
    return {key: setting for key, setting in meant.items() if setting is not None}


def _setting_meant(key: str, settings: Collection[str], actions: Collection[str]) -> str | None:
    """The setting ``key`` is or misspells, or None: an action's name (or a near-miss of one
    closer than any setting) is a second action, written at its place."""
    if key in actions:
        return None
    if key in settings:
        return key
    close = difflib.get_close_matches(key, [*settings, *actions], n=1, cutoff=_NEAR_MISS)
    return close[0] if close and close[0] not in actions else None


_NEAR_MISS = 0.8
"""How alike a key and a setting are for the key to be read as that setting misspelt (a
letter left out or doubled: ``mesage``, ``chanel``); did-you-mean's looser cut would take a
second action's name for a setting."""


def _action_settings(action: str, expected: bool) -> tuple[Collection[str], Collection[str]]:
    """The action types, and the settings of ``action``: of a plan's action, or of an action a
    plan-test file expects (``expected``: one set of parameters for every type)."""
    if expected:
        definitions = load_schema("plantest")["$defs"]
        types = [
            t for branch in definitions["action_type"]["anyOf"] for t in branch.get("enum", ())
        ]
        held = definitions["action_params"] if action in types else {}
    else:
        types = load_schema("plan")["$defs"].get("actions", {})
        held = types.get(action, {})
    return types, held.get("properties", {}) if isinstance(held, dict) else {}


def settings_lined_up(
    strays: dict[str, str], pointer: str, document: LoadedDocument, where: str
) -> Iterator[Diagnostic]:
    """One problem per setting written at the column of its action instead of under it
    (``strays``: each as written, and the setting it names), with its spelling if misspelt."""
    item = lookup(document.data, tuple(pointer_tokens(pointer)))
    action = _keys(item)[0]
    settings = _keys(item[action])
    held = join_pointer(pointer, action)
    written_at = document.locate(held, key=True)
    first = document.locate(join_pointer(held, settings[0]), key=True) if settings else None
    if first is not None and first.line == written_at.line:
        # `- compensate: {kind: voucher}` then `within: 1d`: its settings are in braces
        written = flow({**item[action], **{meant: item[name] for name, meant in strays.items()}})
        relation, fix = "beside", f"move it inside its braces: `{action}: {written}`"
    elif first is not None:
        relation, fix = (
            "lined up with",
            f"indent it to column {first.column}, under `{settings[0]}:`",
        )
    else:
        column = written_at.column + 2
        relation, fix = (
            "lined up with",
            f"indent it to column {column}, two spaces right of `{action}:`",
        )
    for name, meant in strays.items():
        spelling = "" if meant == name else f", and write `{meant}`"
        yield Diagnostic(
            Severity.ERROR,
            "action-shape",
            f"`{name}` is {relation} `{action}`, so it is read as a second action{where}",
            document.locate(join_pointer(pointer, name), key=True),
            f"to make it a setting of `{action}`, {fix}{spelling}",
        )


def _cut_runs(mapping: dict[Any, Any]) -> dict[Any, tuple[int, int]]:
    """For each key without a value in ``mapping``, the place of the last key before it with a
    value (-1: none) and its own: the text or number a comma may have cut, and where the cut
    run of keys has got to. One walk over the keys for all of them (each key walking back to
    its text had cost K² for a text cut at K commas)."""
    runs: dict[Any, tuple[int, int]] = {}
    start = -1
    for at, (key, value) in enumerate(mapping.items()):
        if value is None:
            runs[key] = (start, at)
        else:
            start = at
    return runs


def _decimals(number: str) -> str:
    """``1.000`` as ``1``, ``12.500`` as ``12.5``: a number whose comma marked decimals, written
    without the zeros that would read as thousands after a `.` (lint's
    ``amount-finer-than-currency`` says so of an amount written ``1.500``)."""
    return plain_number(Decimal(number))


_DIGITS_AFTER_COMMA = re.compile(r"[0-9]+(?:\.[0-9]+)?")
"""What YAML made a key of after a number's comma in braces (``500.00`` of ``1,500.00``)."""


def numbers_cut(
    entries: Sequence[tuple[object, Any]],
    plain: Callable[[int], bool],
    alone: Callable[[int], bool],
) -> list[tuple[int, list[str]]]:
    """Each number a comma cut in a mapping in braces, in order: the place of the key that
    holds the part before the first comma, and the keys YAML made of the digits after each
    comma (``{lte: 1,5}`` is ``lte: 1`` and a key ``5``; ``{amount: 1,000,000.00}`` is
    ``amount: 1`` and the keys ``000``, ``000.00``). The part before may be text to YAML
    (:func:`_number_as_text`: ``€12`` of ``€12,50``), and a currency after the digits ends the
    number (``50 €`` of ``{amount: 12,50 €}``).

    ``entries`` are the mapping's keys with their values as YAML read them (None: no value);
    ``plain(at)`` says whether the value at ``at`` is written without quotes, ``alone(at)``
    whether the key at ``at`` is written without a `:` after it; each is asked only where it
    decides (they read the file again). The loader asks this of the nodes when two numbers
    cut into one key stop the reading, the schema's hints of the data built: each had had a
    rule of its own, and ``{lte: 1 000,50, gte: 2 000,50}`` had been told "keep one of them"
    where ``{lte: 1 000,50}`` is told as a comma in a number (found by review)."""
    cuts: list[tuple[int, list[str]]] = []
    holder: tuple[int, list[str]] | None = None
    for at, (key, value) in enumerate(entries):
        if (
            holder is not None
            and value is None
            and _cut_off_digits(key)
            and alone(at)
            and (holder[1] or plain(holder[0]))  # (a number in quotes is not cut)
        ):
            if not holder[1]:
                cuts.append(holder)
            holder[1].append(str(key))
            if not _DIGITS_AFTER_COMMA.fullmatch(str(key)):  # `50 €` of `12,50 €`: it ends
                holder = None
        elif isinstance(key, str) and (_a_number(value) or _number_as_text(value)):
            holder = (at, [])
        else:
            holder = None
    return cuts


def _number_as_text(value: Any) -> bool:
    """Whether YAML read as text the first part of a number a comma cut in braces (it cuts
    it at the comma all the same): grouped in thousands (``1 000`` of ``1 000,50``,
    ``1.234.567`` of ``1.234.567,89``), or with a currency before it (``€12`` of ``€12,50``,
    ``$1`` of ``$1,250.00``). The part with the currency had been told as an amount of its
    own, ``amount: 12`` for ``{amount: €12,50}`` (found by review)."""
    if not isinstance(value, str):
        return False
    if _THOUSANDS_DOTS.fullmatch(value) or _THOUSANDS_MARKS.fullmatch(value):
        return True
    bare = _without_money(value)
    return bare != value and _amount_meant(bare) is not None


def _cut_off_digits(key: Any) -> bool:
    """Whether ``key`` is what YAML made a key of after a number's comma in braces: digits
    (``500.00`` of ``1,500.00``), or digits and the currency after them (``50 €`` of ``12,50
    €``, which had been told as an unknown key, with the keys allowed), or the `-` of a whole
    amount (``10,-``, told as an unknown operator `-`; found by review)."""
    if not isinstance(key, str):
        return False
    return (
        _DIGITS_AFTER_COMMA.fullmatch(key) is not None
        or key == "-"  # `,-` of `10,-`, a whole amount (the Swiss `.-`)
        or (
            _DIGITS_AFTER_COMMA.fullmatch(_MONEY_MARKS.sub("", key)) is not None
            and _MONEY_MARKS.search(key) is not None
        )
    )


def _cut_hint(keys: list[Any], mapping: dict[Any, Any], start: int, at: int) -> str:
    """The hint for the key at ``at``, without a value, after the value of the key at ``start``
    and keys without values only (see :meth:`Slips.cut_at_comma_hint`). Each part is quoted
    at most :data:`QUOTED_AT_MOST` characters of."""
    name = keys[at]
    key, before = as_written(str(keys[start])), mapping[keys[start]]
    if (
        name.isdigit()
        and start == at - 1
        and _a_number(before)  # `true,000` is no number cut at a comma
    ):
        name = as_written(name)  # `{amount: 12,5}` with 100 KB of digits after the comma
        written = f"{before},{name}"
        if len(name) == 3 and before and isinstance(before, int):  # `max: 1,000`
            return (
                f"a number has no thousands separators: `{key}: {written}` is written "
                f"`{key}: {before}{name}` (or `{key}: {_decimals(f'{before}.{name}')}` if the comma marked "
                "decimals)"
            )
        return f"write decimals with a dot: `{key}: {before}.{name}`"
    return ""


QUOTED_AT_MOST = 200
"""How much of a manager's value (a text, a key, a name) a diagnostic quotes; a longer one is
cut with an ellipsis (:func:`engine.wording.clip`). A hint that wrote out a 100 KB text put
where a duration belongs was 100 KB, unreadable in a terminal; and the hint of each key the
commas of a text made quoted the text up to that key: a message cut at K commas had its text
quoted K times, 39 KB of plan written out as 77 MB of hints."""


def as_written(text: str) -> str:
    """What the plan wrote (a value, a key, a name), as a diagnostic quotes it: at most
    :data:`QUOTED_AT_MOST` characters, then an ellipsis (:func:`engine.wording.clip`)."""
    if len(text) <= QUOTED_AT_MOST:  # the usual short value: no import
        return text
    from engine.wording import clip  # only for a long value: wording is slow to import

    return clip(text, QUOTED_AT_MOST)


def _text_so_far(before: str, rest: Iterable[str]) -> str:
    """``before`` and the ``rest`` of the text after it joined by the commas that cut them,
    cut to :data:`QUOTED_AT_MOST` characters with an ellipsis; only the parts shown are joined."""
    parts, length = [before], len(before)
    for part in rest:
        if length > QUOTED_AT_MOST:
            break
        parts.append(part)
        length += 2 + len(part)
    return as_written(", ".join(parts))


_YAML_1_1_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}


_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


_DECIMAL_COMMA = re.compile(r"[-+]?[0-9]+,(?:[0-9]{1,2}|[0-9]{4,})")
"""``10,50``: a comma that can only mark decimals (``1,000`` could be a thousand)."""


_COMMA_NUMBER_IN_A_LIST = re.compile(
    r"(?<![\w.,])[-+]?[0-9]+(?:,[0-9]+)+(?:\.[0-9]+)?(?![\w.]|,[0-9])"
)
"""``1,5`` or ``1,000`` in ``[1,5, 1,000]``: digits, each comma with no blank after it
followed by digits (a list's items are parted with `, ` as the plan's own lists are)."""
_DIGITS_COMMA_DIGITS = re.compile(r"[0-9],[0-9]")
_FLOW_LIST_ON_ITS_LINE = re.compile(r"\[[^\[\]{}#'\"]*\]")
"""A list of plain values in brackets, whole on its line (``[1,5, 3]``)."""


_THOUSANDS_COMMAS = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
"""``1,000`` or ``12,500.50``: commas that group thousands (or ``1,000`` meant 1.000)."""


_THOUSANDS_DOTS = re.compile(r"[-+]?[0-9]{1,3}(?:(?:\.[0-9]{3})+,[0-9]+|(?:\.[0-9]{3}){2,})")
"""``1.000,50``: dots that group thousands and a decimal comma; or two dots or more
(``1.234.567``, which YAML reads as text: one dot is a decimal point)."""

_THOUSANDS_MARKS = re.compile(r"[-+]?[0-9]{1,3}(?:[_ '\u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?")
"""``1_000`` (Python's grouping, text to YAML 1.2), ``1 000`` or ``1'000`` (Swiss), with
decimals after a dot or a comma (``1 000,50``)."""


_MONEY_MARKS = re.compile(
    r"^[$€£¥₹₩₺₽₪]\s*|(?<!\s)\s*[$€£¥₹₩₺₽₪]$|[$€£¥₹₩₺₽₪]$|^[A-Za-z]{3}\s+"
    r"|(?<!\s)\s+[A-Za-z]{3}$|(?<=[0-9])[.,]-$|^[A-Z]{3}(?=[0-9])|(?<=[0-9])[A-Z]{3}$"
    r"|(?<!\s)\s+(?i:dollars?|euros?|pounds?|bucks|yen|francs?|pesos?|rupees?|kr\.?|kronor"
    r"|kroner|krona|zł|fr\.)$"
)
"""A currency sign, code or name before or after a number (``$ 12``, ``12 EUR``, ``100
dollars``, ``50 kr``; not ``cents``, which would change the amount), with its blanks, or the
``.-`` that marks a whole amount (``10.-``). A code in capitals may be glued to the number
(``USD20``, ``20EUR``; ``10pct`` is a percentage, :data:`_PERCENT_MARK`).
The blanks before a sign or code at the end are matched from the first of them only (tried
from each, a text with a long run of blanks in a number's place took 8 s for 10 KB); a sign
right after blanks that a mark at the start took stays a match (``$ €``)."""

_SIGN_BEFORE_MONEY = re.compile(r"([-+])\s*(?=[$€£¥₹₩₺₽₪]|[A-Z]{3}(?:\s|[0-9]))")
"""The sign written before a currency (``-€12,50``), which belongs to the number after it."""

_PERCENT_MARK = re.compile(r"(?<!\s)\s*(%|(?i:pct|per ?cent))$")
"""What marks a percentage after its number: ``%``, ``pct``, ``percent``, ``per cent``; its
blanks matched from the first only, as :data:`_MONEY_MARKS` does."""

_END_DOT = re.compile(r"([-+]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+))\.")
"""A number with a dot after it, as at the end of a sentence (``20.5.``)."""


_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUMBER_WORDS = (
    {word: number for number, word in enumerate(_ONES)}
    | {word: 10 * tens for tens, word in enumerate(_TENS, 2)}
    | {"eleven": 11, "twelve": 12, "fifteen": 15, "hundred": 100, "a hundred": 100}
)
"""Numbers a manager may write in words (`max: forty`), for the hint that writes them in digits."""


def _without_money(text: str) -> str:
    """``text`` without the currency written with its number (:data:`_MONEY_MARKS`), a sign
    before the currency kept with the number: ``-€12,50`` is ``-12,50``. The sign had kept
    the currency from being seen, and ``{lte: -€12,50}`` had been told as an unknown operator
    `50`, with the operators listed (found by review)."""
    sign = _SIGN_BEFORE_MONEY.match(text)
    if sign is None:
        return _MONEY_MARKS.sub("", text)
    return sign[1] + _MONEY_MARKS.sub("", text[sign.end() :])


def _number_hint(text: str, key: str) -> str:
    """How to write as a number a text a person meant as one: quoted, with a decimal comma,
    thousands separators, a currency or a percent sign. The number is shown cut to
    :data:`QUOTED_AT_MOST` characters (100 KB of digits in quotes is still text)."""
    text = text.strip()
    prefix = f"{key}: " if key else ""
    if percent := _PERCENT_MARK.search(text):  # `10%`, `10pct`, `10 per cent`
        number = meant_number(text[: percent.start()].strip())
        return (
            f"write the number without `{percent[1]}`: `{prefix}{as_written(number)}`"
            if number is not None
            else ""
        )
    bare = _without_money(text)
    if bare != text:
        number = _amount_meant(bare)
        if number is not None:
            return (
                f"write the number only, `{prefix}{as_written(number)}`; the currency "
                "is set once, in the plan's `plan:` section"
            )
        return ""
    if _NUMBER.fullmatch(text):
        return f"write the number without quotes: `{prefix}{as_written(text)}`"
    if dotted := _END_DOT.fullmatch(text):  # `20.5.`
        return f"write the number without the `.` after it: `{prefix}{as_written(dotted[1])}`"
    if text.lower() in _NUMBER_WORDS:  # `max: forty`
        return f"write the number in digits: `{prefix}{_NUMBER_WORDS[text.lower()]}`"
    if _DECIMAL_COMMA.fullmatch(text):
        return f"write decimals with a dot: `{prefix}{as_written(text.replace(',', '.'))}`"
    if _THOUSANDS_COMMAS.fullmatch(text):
        whole = as_written(text.replace(",", ""))
        if "." in text or text.count(",") > 1:
            return f"write the number without thousands separators: `{prefix}{whole}`"
        return (
            f"write the number without thousands separators: `{prefix}{whole}` "
            f"(or `{prefix}{_decimals(text.replace(',', '.'))}` if the comma marked decimals)"
        )
    if _THOUSANDS_DOTS.fullmatch(text):
        number = as_written(text.replace(".", "").replace(",", "."))
        return f"write the number without thousands separators, decimals with a dot: `{prefix}{number}`"
    if (unmarked := _without_marks(text)) is not None:  # `1_000` (YAML 1.2: text), `1 000`
        return f"write the number without separators: `{prefix}{as_written(unmarked)}`"
    return ""


def _without_marks(text: str) -> str | None:
    """A number grouped in thousands with blanks, `_` or `'` (``1 000,50``), as a plan writes
    it (``1000.50``); None for any other text."""
    if not _THOUSANDS_MARKS.fullmatch(text):
        return None
    return re.sub(r"[_ '\u00a0\u202f]", "", text).replace(",", ".")


def _amount_meant(bare: str) -> str | None:
    """The number a person meant, written with a decimal comma or thousands separators, by
    :func:`meant_number`, or grouped with blanks, `_` or `'` (``1 000,50``); for a number
    with its currency taken off. A currency with a number grouped with blanks (``€1 000,50``)
    had been no number to the hints, where two cut at their commas were one to the loader
    (found by review)."""
    return meant_number(bare) or _without_marks(bare)


def number_in_text(text: str) -> str | None:
    """The number :func:`_number_hint` tells a text to be written as (``$0`` -> ``0``, ``20%``
    -> ``20``, ``forty`` -> ``40``, ``12,50`` -> ``12.50``); None when it names none."""
    text = text.strip()
    if percent := _PERCENT_MARK.search(text):
        return meant_number(text[: percent.start()].strip())
    bare = _without_money(text)
    if bare != text:
        return _amount_meant(bare)
    if text.lower() in _NUMBER_WORDS:
        return str(_NUMBER_WORDS[text.lower()])
    if dotted := _END_DOT.fullmatch(text):
        return dotted[1]
    return meant_number(text)


def _comma_ways(numbers: list[str]) -> str:
    """How numbers with commas (``1,5``, ``1,000``) are written in a plan: "decimals with a
    dot", "numbers without thousands separators", or both."""
    decimal = [_DECIMAL_COMMA.fullmatch(number) is not None for number in numbers]
    ways = [
        way
        for way, used in (
            ("decimals with a dot", any(decimal)),
            ("numbers without thousands separators", not all(decimal)),
        )
        if used
    ]
    return " and ".join(ways)


def numbers_cut_hint(numbers: list[tuple[str, str]]) -> str:
    """For numbers a comma cut in braces, each ``(key, number as written)`` (``[("lte",
    "1,5"), ("gte", "0,5")]``): each written as a plan writes it (``write decimals with a dot:
    `lte: 1.5`, `gte: 0.5```); "" when one is no number with commas. A currency written with
    them (``€5,50``) is left out, and the hint says where it is set. A number grouped with
    blanks (``1 000,50``) is one: two cut into one key had been told "keep one of them" (found
    by review). So is a whole amount's ``,-`` (``{lte: 10,-, gte: 5,-}``, the Swiss ``10.-``),
    as it is alone: its comma is the mark's, taken off with the currency, and two had been
    told "the key `-` appears twice" (found by review)."""
    bare = [_without_money(number.strip()) for _, number in numbers]
    meant = [_amount_meant(number) for number in bare]
    if not numbers or None in meant:
        return ""
    written = ", ".join(
        f"`{as_written(key)}: {as_written(str(number))}`"
        for (key, _), number in zip(numbers, meant, strict=True)
    )
    with_commas = [number for number in bare if "," in number]  # not `10` of `10,-`
    ways = _comma_ways(with_commas) if with_commas else ""
    if bare == [number.strip() for _, number in numbers]:
        return f"write {ways}: {written}"
    return (
        f"write the numbers only, {f'{ways}: ' if ways else ''}{written}; the currency is set "
        "once, in the plan's `plan:` section"
    )


def meant_number(text: str) -> str | None:
    """The number a person wrote with a decimal comma or thousands separators, as a plan
    writes it (``1,000.50`` -> ``1000.50``, ``10,50`` -> ``10.50``); None when it is not one."""
    if _NUMBER.fullmatch(text):
        return text
    if _DECIMAL_COMMA.fullmatch(text):
        return text.replace(",", ".")
    if _THOUSANDS_COMMAS.fullmatch(text):
        return text.replace(",", "")
    if _THOUSANDS_DOTS.fullmatch(text):
        return text.replace(".", "").replace(",", ".")
    return None


def _one_pair(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1


def type_hint(kinds: list[Any], value: Any, schema: dict[str, Any], key: str) -> str:
    """How to write a value of the wanted kind, when the schema gives no hint of its own."""
    if "boolean" in kinds and isinstance(value, str) and value.lower() in _YAML_1_1_BOOLEANS:
        return f"write `true` or `false`; Backplan reads `{value}` as text"
    if "boolean" in kinds and isinstance(value, str) and value in _BOOLEANS:
        return f"write `{value}` without quotes: in quotes it is text"
    if "boolean" in kinds and isinstance(value, str) and value.strip().lower() in _BOOLEANS:
        return f"write `{value.strip().lower()}` as a plain word, in lower case; this is text"
    if _scalar_given_a_list(kinds, value) and key in _ONE_VALUE_OPERATORS:
        return _one_value_hint(key, value)
    if kinds == ["array"] and key in ("all", "any") and isinstance(value, dict) and value:
        example = f" (`- {flow(value)}`)" if _one_condition(value) else ""
        return f"`{key}:` holds a list of conditions: start each with `- `{example}, one under the other"
    if kinds == ["object"] and key == "not" and isinstance(value, list) and len(value) > 1:
        return (
            "`not:` takes one condition; to say that none of these holds, put them under "
            "`any:` (`not: {any: [...]}`), or that not all of them hold, under `all:`"
        )
    if ("number" in kinds or "integer" in kinds) and isinstance(value, str):
        return _number_hint(value, key)
    if kinds == ["string"] and value is None and key:  # `owner:` with nothing after it
        return f"write the text after `{key}: ` (YAML reads an empty value, or `~`, as nothing)"
    if "string" in kinds and isinstance(value, dict) and len(value) == 1:
        [(name, inner)] = value.items()
        if inner is None and re.fullmatch(SLOT_TEXT, f"{{{name}}}"):
            # `message: {customer.first_name}`: YAML read the field's braces as a mapping

            name = as_written(name)
            return f'text that starts with `{{` must be in quotes: `{key}: "{{{name}}}"`'
    if kinds == ["array"] and isinstance(value, dict) and value and key in _ITEMS_OF:
        return _items_hint(key, value)
    if braced := braced_list_hint(kinds, value, key):  # `in: {late, cold}`
        return braced
    if kinds == ["string"] and key in ("to", "owner") and isinstance(value, list) and value:
        first = as_written(flow(value[0]))  # `to: [boss, manager]`: one recipient per action
        return (
            f"`{key}` names one person, role or team: write one (`{key}: {first}`), or one "
            "action for each"
        )
    if kinds == ["string"] and key and isinstance(value, list) and _one_text(value):
        return f"write the text without brackets: `{key}: {flow(value[0])}`"  # `title: ["x"]`
    if kinds == ["array"] and key == "rules" and (value is None or isinstance(value, str)):
        return (  # `rules:` with nothing after it, or `rules: late-order`
            "write each rule as a list item under `rules:`: `- id: late-delivery`, with its "
            "`title:`, `when:` and `then:` under it (`backplan init` writes a plan to start from)"
        )
    if kinds == ["object"]:
        prefix = f"{key}: " if key else ""
        if value is None and not schema.get("required") and not schema.get("minProperties"):
            return f"write `{prefix}{{}}` when there is nothing to set"  # (`{}` is taken)
        if value is None and not key:  # `-` with nothing after it, in a list of rules
            return "write the item after its `- `, or remove the `- ` with nothing after it"
        if isinstance(value, list) and value and all(_one_pair(item) for item in value):
            merged = {name: inner for item in value for name, inner in item.items()}
            if len(merged) == len(value):  # `- kind: voucher` `- percent: 20`: settings listed
                return f"remove the `- ` before each setting: `{prefix}{flow(merged)}`"
        if key == "when" and isinstance(value, list) and _has_tests(value):
            return _when_listed(value)
        if key == "conditions" and isinstance(value, list) and _are_rules(value):
            # removing the `- ` made each rule key a condition: five errors for one (review)
            return (
                "these are rules (each has `when:` or `then:`): put them under `rules:`; "
                "`conditions:` holds named conditions the rules share, each a name and its tests"
            )
        if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict):
            # `when:` then `- event: review` and `all:` under it: one mapping, made a list
            if not key:  # an item of a list: `- - field: rating`
                return f"remove the extra `- `: this item is one mapping, `{flow(value[0])}`"
            return f"remove the `- `: `{key}:` holds one mapping, not a list: `{prefix}{flow(value[0])}`"
        if key == "event" and isinstance(value, str) and _EVENT_FILE.search(value):
            return _event_file_hint(value)
        examples = schema.get("examples")
        if examples:
            return f"for example: `{prefix}{flow(examples[0])}`"
    return ""


_EVENT_FILE = re.compile(r"\.(json|ya?ml)\s*$", re.IGNORECASE)
"""The end of a file name a plan test's event is read from."""


def _event_file_hint(name: str) -> str:
    """For a plan test's ``event: events/late.json``: a file is named by ``event_file:``. The
    hint had been an example event written out, as if an event could not come from a file."""
    return (
        f"to read the event from a file, write `event_file: {as_written(name.strip())}`; "
        "`event:` holds the event itself, written out"
    )


def braced_list_hint(kinds: list[Any], value: Any, key: str) -> str:
    """For a list written in braces where one is wanted (``in: {late, cold}``): the list in
    brackets; "" for any other value."""
    if "array" in kinds and _braced_words(value) and key:
        return f"write a list in brackets, not braces: `{key}: {flow_list(list(value))}"
    return ""


def _braced_words(value: Any) -> bool:
    """Whether a mapping is words in braces, each a key without a value (``{late, cold}``):
    a list written in braces, as sets are in Python, where YAML's lists take brackets. The
    hint had been none (found by review)."""
    return isinstance(value, dict) and bool(value) and all(v is None for v in value.values())


def _one_text(items: list[Any]) -> bool:
    """Whether a list is one text (``["x"]``): text in brackets where text alone is wanted,
    which had no hint (found by review)."""
    return len(items) == 1 and isinstance(items[0], str)


def _are_rules(items: list[Any]) -> bool:
    """Whether every item of a list looks like a rule: a mapping with ``then:`` or ``when:``."""
    return all(isinstance(item, dict) and ("then" in item or "when" in item) for item in items)


def _has_tests(items: list[Any]) -> bool:
    """Whether a list written for ``when:`` holds a field test (which ``when:`` cannot hold
    directly: removing the ``- `` would only trade this mistake for ``misplaced-test``)."""
    return all(isinstance(item, dict) for item in items) and any("field" in i for i in items)


def _when_listed(items: list[dict[str, Any]]) -> str:
    """The hint for ``when:`` written as a list of tests (and perhaps ``- event: ...``): one
    mapping, every event type kept (a list of them when there are several), the tests under
    ``all:``."""
    events: list[Any] = []
    tests: list[dict[str, Any]] = []
    for item in items:
        kind = item.get("event")
        events.extend(kind if isinstance(kind, list) else [] if kind is None else [kind])
        rest = {key: value for key, value in item.items() if key != "event"}
        if rest:
            tests.append(rest)
    kinds: list[Any] = []
    for kind in events:  # in order, each once (a mapping written as a type is kept, unhashed)
        if kind not in kinds:
            kinds.append(kind)
    head: dict[str, Any] = {"event": kinds[0] if len(kinds) == 1 else kinds} if kinds else {}
    mended = flow({**head, "all": tests})
    return (
        "`when:` holds one mapping, not a list: put the tests under `all:` (each must hold) "
        f"or `any:` (one is enough): `when: {mended}`"
    )


_BOOLEANS = {"true", "false"}

_ONE_VALUE_OPERATORS = {
    "eq": "in",
    "ne": "not_in",
    "contains": "contains_any",
    "starts_with": None,
    "ends_with": None,
}
"""Operators that compare with one value, and the one that takes a list of them (if any)."""


def _scalar_given_a_list(kinds: list[Any], value: Any) -> bool:
    """Whether a list of plain values (at least one) was given where one plain value is wanted:
    an operator's value, not a named condition or a list that could be meant as one."""
    return (
        isinstance(value, list)
        and bool(value)
        and not any(isinstance(item, (list, dict)) for item in value)
        and not {"array", "object"} & set(kinds)
    )


_CONDITION_GROUPS = frozenset(("all", "any", "not", "use"))


def _one_condition(value: dict[str, Any]) -> bool:
    """Whether a mapping is exactly one condition (a field and one operator, or one group), so
    that it may be shown as a list's item; several written together are not one item."""
    keys = set(value)
    if len(keys) == 1:
        return bool(keys & _CONDITION_GROUPS)
    operators = keys - {"field", "ignore_case"}
    return "field" in keys and len(operators) == 1 and operators <= set(OPERATORS)


def _one_value_hint(key: str, value: list[Any]) -> str:
    """For a list given to an operator of one value (``eq: [yelp, google]``): the operator
    that takes the list, or one condition per value under ``any:``."""
    listing = _ONE_VALUE_OPERATORS[key]
    shown = flow(value)
    if listing is None:
        return f"`{key}` takes one text: write a condition for each under `any:`"
    if key == "contains":
        return (
            f"to find any of these words, write `contains_any: {shown}`; "
            f"all of them, `contains_all: {shown}`"
        )
    meaning = "any of these values" if key == "eq" else "none of these values"
    return f"to match {meaning}, write `{listing}: {shown}`"


_ITEMS_OF = {"rules": "rule", "cases": "case"}
"""The lists of mappings a plan or a plan-test file holds at its top, always written as
blocks, and what their items are called."""


def _items_hint(key: str, value: dict[str, Any]) -> str:
    """For a list of mappings written as a mapping (``rules:`` then ``id: a`` with no ``- ``):
    each item starts with ``- ``, before its first key."""
    first = next(iter(value))
    shown = value[first]
    first = as_written(str(first))
    written = f"- {first}:" if isinstance(shown, (dict, list)) or shown is None else None
    written = written or f"- {first}: {flow(shown)}"
    item = _ITEMS_OF[key]
    return (
        f"start each {item} with `- ` before its first key (`{written}`), and indent its other "
        f"keys two more spaces, to line up with `{first}:`"
    )


LISTS = re.compile(r".*/(?:event|in|not_in|between|contains_any|contains_all)$")
"""Pointers to values that are lists (``event:`` may also be one type)."""


_RANGE = re.compile(r"\s*(-?[0-9.]+)\s*(?:-|–|to|and)\s*(-?[0-9.]+)\s*")


def listed(kinds: Any) -> list[Any]:
    return kinds if isinstance(kinds, list) else [kinds]


_SEPARATOR_BUT_SLASH = re.compile(r"(?:(?<!\s)\s*+)?(?:[,;|]|\bor\b)\s*+")
_SLASH = re.compile(r"(?<!\s)\s++/\s++")
LIST_SEPARATOR = re.compile(f"{_SEPARATOR_BUT_SLASH.pattern}|{_SLASH.pattern}")
"""How people part the items of a list written as one text: ``,``, ``;``, ``|``, ``or`` and a
``/`` between blanks (``n/a`` is one word)."""
# (Each takes a run of blanks before it whole, from where the run starts, and inside a run
# only a separator itself starts one (`gold, , silver`): tried from each blank of a long
# run, they took 10 s for 20 KB; found by review.)
_JOINING_WORD = re.compile(r"(?:or|and)\s+")


def list_items(text: str) -> list[str]:
    """The items of a list written as one text (:data:`LIST_SEPARATOR`): ``gold, silver, or
    platinum`` is three (the `or` after the last comma is no part of an item). A `` / ``
    parts words only: ``n / a`` and ``24 / 7`` stay whole (split, the lint hint made of
    ``contains: "n / a"`` a rule that matched nearly every text; found by review). The text
    itself when it holds no item."""
    items: list[str] = []
    for part in _SEPARATOR_BUT_SLASH.split(text.strip()):
        part = _JOINING_WORD.sub("", part, count=1) if _JOINING_WORD.match(part) else part
        words = _SLASH.split(part)
        if len(words) > 1 and all(len(w) >= 2 and not w.isdigit() for w in words):
            items += words
        elif part:
            items.append(part)
    return items or [text]


def list_hint(pointer: str, document: LoadedDocument, value: Any) -> str:
    """For a single value where a list is wanted (``in: gold, platinum``, ``between: 1-2``,
    ``in: 3``): the list written in brackets. Inside ``{...}`` YAML ends the value at its
    first comma and reads the rest as keys without values; those are gathered back."""
    tokens = pointer_tokens(pointer)
    if not tokens:
        return ""
    key = tokens[-1]
    items = _items_meant(pointer, document, value)
    if key == "between" and len(items) != 2:  # `between: 1, 2, 3`: not `[1, 2, 3]`, too many
        return "write both bounds in brackets, lowest first: `between: [low, high]`"
    return f"write a list in brackets: `{key}: {flow_list(_unwrapped(items))}"


def _items_meant(pointer: str, document: LoadedDocument, value: Any) -> list[Any]:
    """The items of the list a single value at ``pointer`` was meant as (see
    :func:`list_hint`), the rest of it that a comma in braces cut off gathered back."""
    tokens = pointer_tokens(pointer)
    key = tokens[-1]
    items: list[Any] = [value]
    if isinstance(value, str):
        bounds = _RANGE.fullmatch(value) if key == "between" else None
        if bounds is not None:
            items = [bounds[1], bounds[2]]
        elif LIST_SEPARATOR.search(value) and not _written_in_quotes(document, pointer):
            # "Gold, Inc." is one; `gold or platinum`, `rude; impolite` are two (they were
            # put in brackets as one text, which lint then warned of; found by review)
            items = list_items(value)
    test = lookup(document.data, tuple(tokens[:-1]))
    if isinstance(test, dict):  # (before the bounds are counted: `{between: 1, 2}` has two)
        holder = parent_pointer(pointer)
        items += _stray_items(
            test, key, lambda name: _keyed(document, join_pointer(holder, name), name)
        )
    return items


def _unwrapped(items: list[Any]) -> list[Any]:
    """The items of a list written in parentheses (``in: (late, cold)``, as Python and SQL
    write one) without them: YAML reads the parentheses as part of the text, and the hint had
    kept them in the first and last items (``["(late", "cold)"]``; found by review)."""
    first, last = items[0], items[-1]
    if not (
        len(items) > 1
        and isinstance(first, str)
        and isinstance(last, str)
        and first.startswith("(")
        and last.endswith(")")
    ):
        return items  # `in: (none)` alone may be meant as the text it is
    inner = [first[1:].lstrip(), *items[1:-1], last[:-1].rstrip()]
    return [item for item in inner if item != ""]


GLUED_DASH = re.compile(r"( *)-(?=[^\s-])")
"""A line that starts with a `-` and no blank after it (``-cold``): a list's item, glued."""
_BLOCK_ITEM = re.compile(r" *-(?:[ \t]+(.*)|(?=\S)|$)")
"""A line of a block list at its column: an item after `- `, or a `-` glued to its item."""


def block_items(lines: Iterable[str], column: int) -> list[str]:
    """The items written after `- ` at ``column`` (their comments off), from the first of
    ``lines`` to where that block list ends: a line less indented, or at the column and no
    item. Lines indented more (an item's own lines), blank lines, comments and items glued to
    their `-` are passed over. Given lines in reverse, the items above a line, nearest first."""
    items: list[str] = []
    for line in lines:
        text = line.lstrip(" ")
        indent = len(line) - len(text)
        if not text.strip() or text.startswith("#") or indent > column:
            continue
        found = _BLOCK_ITEM.match(line) if indent == column else None
        if found is None:
            break
        if found[1] is not None:
            items.append(_without_comment(found[1]))
    return items


def _without_comment(text: str) -> str:
    """A plain item as written on its line, without the comment after it."""
    return re.sub(r"[ \t]#.*", "", text).strip()


def settings_indent_hint(dash: int, settings: int) -> str:
    """For an item glued to its `-` at column ``dash`` (``-escalate:``) whose settings below
    it start at column ``settings`` (columns from 1): where to indent them, when they are in
    line with its name, or less, inside the item; once the `-` has its space they would be
    keys beside the name (actions of their own), not its settings. "" when they are further
    in, or are no settings of it (at the `-`'s column, or left of it)."""
    lined_up = dash < settings <= dash + 2
    return f", and indent its settings below it to column {dash + 4}" if lined_up else ""


def glued_dash(item: str, others: Collection[str]) -> tuple[str, str]:
    """What is wrong with a list's item written with no blank after its `-` (``-cold``),
    ``item`` the rest of it, and the hint; ``others``: the list's other items. A number may be
    the item without its blank (``- 5``) or a number below 0 without the `- ` of an item
    (``- -5``): both are said, and only the second where the list has the first already. The
    hint had said ``- 5`` for a ``-5`` below ``- 5`` (found by review)."""
    shown = as_written(item)
    spaced = f"put a space after the `-`: `- {shown}`"
    if not _NUMBER.fullmatch(item) or item[0] in "+-":
        return "a list's item needs a space after its `-`", spaced
    below_zero = f"for the number -{shown}, put `- ` before it: `- -{shown}`"
    hint = below_zero if item in others else f"{spaced}; or, {below_zero}"
    return "a list's item needs `- ` (a dash and a space) before it", hint


LISTED_AT_MOST = 1_200
"""How many characters of a list a hint writes out in brackets: a list of a couple of hundred
short items is still a fix to copy; beyond it the hint shows its start and how many items it
has (20,000 short items written without brackets had made a hint of 80 KB)."""


def flow_list(items: list[Any], show: Callable[[Any], str] | None = None) -> str:
    """The list in flow style, and the closing backtick of its quote: its items up to
    :data:`LISTED_AT_MOST` characters, then `…` and how many items the whole list has. A
    plain word is the author's own, cut from what they wrote (``between: 1-2``), and is
    shown as they wrote it: `1` stays a number. ``show``: how to write each item instead
    (items read from the file's own text, in ``engine.yamlsyntax``)."""
    written, whole = _listed(items, show)
    return f"{written}`" if whole else f"{written}` ({len(items):,} items in all)"


def _listed(items: list[Any], show: Callable[[Any], str] | None = None) -> tuple[str, bool]:
    """The list in brackets as :func:`flow_list` writes it, without the backtick, and whether
    it is whole (not cut at :data:`LISTED_AT_MOST` characters, with `…`)."""
    shown: list[str] = []
    length = 0
    for item in items:
        plain = isinstance(item, str) and _PLAIN_WORD.fullmatch(item)
        text = show(item) if show else as_written(item) if plain else flow(item)
        length += len(text) + 2
        if shown and length > LISTED_AT_MOST:
            return f"[{', '.join(shown)}, …]", False
        shown.append(text)
    return f"[{', '.join(shown)}]", True


def _written_in_quotes(document: LoadedDocument, pointer: str) -> bool:
    """Whether the value at ``pointer`` is written in quotes in its file (read again)."""
    return _written_start(document, pointer) in ("'", '"')


def _line_at(place: SourceLocation) -> str:
    """The line of its file ``place`` is on, as written there; "" when the place is unknown
    (line 0) or the file cannot be read again."""
    return next(lines_from(place.path, place.line), "") if place.line > 0 else ""


def _written_start(document: LoadedDocument, pointer: str) -> str:
    """The first character of the value at ``pointer`` as its file has it (read again; "" when
    it cannot be read there): a quote, a bracket..."""
    place = document.locate(pointer)
    line = _line_at(place)
    return line[place.column - 1 : place.column]


def _stray_items(test: dict[str, Any], key: str, keyed: Callable[[str], bool]) -> list[str]:
    """The keys without values after ``key`` in a test, up to the next key with a value, that
    are no condition keys: the rest of a list YAML cut at its commas (``{field: tier, in:
    gold, platinum}``). Those after a key with a value are the rest of its own: ``hot`` of
    ``{in: late, cold, not_in: warm, hot}`` had been put in both lists (found by review). A key
    written with its colon (``keyed``) is the author's own: ``compensation: null`` below
    ``no_actions: compensate`` in a plan test had been taken for the list's second item."""
    names = list(test)[list(test).index(key) + 1 :]
    cut = next((at for at, name in enumerate(names) if test[name] is not None), len(names))
    return [
        item
        for name in names[:cut]
        if name not in CONDITION_KEYS and not keyed(str(name))
        # `or platinum` of `{in: gold, silver, or platinum}`
        for item in (list_items(name) if isinstance(name, str) else [name])
    ]


def _a_number(value: Any) -> bool:
    """Whether a value YAML read is a number (``true`` is no number, though Python's bool is
    an int)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _keyed(document: LoadedDocument, pointer: str, name: str) -> bool:
    """Whether the key at ``pointer``, ``name``, is written with a `:` after it in the file
    (``compensation: null``), not as a word YAML made a key of at a comma (``platinum`` of
    ``{in: gold, platinum}``). A key in quotes (``"compensation": null``) is read to its
    closing quote: it had been taken for a word cut at a comma (found by review). Read in
    place on its line: the rest of the line had been copied for each key, and a list of
    40,000 words without brackets on one line took seconds to hint."""
    place = document.locate(pointer, key=True)
    line = _line_at(place)
    start = place.column - 1
    if start < 0 or start >= len(line):
        return False
    if line[start] in "'\"":
        after = line.find(line[start], start + 1) + 1
    else:
        after = start + len(name) if line.startswith(name, start) else 0
    return after > start and colon_after(line, after)


def colon_after(text: str, at: int) -> bool:
    """Whether a key that ends at ``at`` of ``text`` has its `:` after it, blanks maybe
    between: without it, the key is what YAML made of the text after a comma in braces."""
    return _COLON_NEXT.match(text, at) is not None


_COLON_NEXT = re.compile(r"[ \t]*:")
"""A key's `:` after it, blanks maybe between."""


_CONDITION_PLACE = re.compile(r".*/(?:when|conditions/[^/]+)(?:/(?:all|any)/\d+|/not)*$")


_NAME = re.compile(r"[a-z][a-z0-9_]*")


def named_condition_hint(pointer: str, text: str) -> str:
    """For a name written alone where a condition goes (``all: [negative_rating]``): how to
    use the named condition it may be, or to write a test."""
    if _CONDITION_PLACE.match(pointer) is None:
        return ""
    if _event_type(text):  # `when: order`
        if pointer.endswith("/when"):
            return f"`{text}` is an event type: write `when: {{event: {text}}}`"
        return f"`{text}` is an event type: name it in the rule's `when:` as `event: {text}`"
    written = _test_written(text.strip())
    if written is not None:  # `- rating <= 2`, `- issue in [late, cold]`: as people write one
        if pointer.endswith("/when"):  # a test goes in a list there, never alone
            return (
                f"a test is written `{written}`, in a list of tests: `when: {{all: [{written}]}}`"
            )
        return f"a test is written `{written}`"
    if _NAME.fullmatch(text) is None:
        return ""
    text = as_written(text)
    return (
        f"to use the named condition `{text}`, write `{{use: {text}}}`; "
        "a test is written `{field: rating, lte: 2}`"
    )


def _event_type(text: str) -> bool:
    """Whether ``text`` is an event type: one of Backplan's, or a custom `x-` one."""
    return text in EVENT_TYPES or re.fullmatch(CUSTOM_EVENT_TYPE, text) is not None


_SYMBOLS = {
    **dict.fromkeys(("<=", "=<", "≤"), "lte"),
    **dict.fromkeys((">=", "=>", "≥"), "gte"),
    **dict.fromkeys(("!=", "<>", "≠"), "ne"),
    **dict.fromkeys(("==", "="), "eq"),
    "<": "lt",
    ">": "gt",
}
_TEST_IN_SYMBOLS = re.compile(
    r"([A-Za-z_][\w.-]*)\s*(<=|>=|=<|=>|==|!=|<>|[<>=≤≥≠])\s*([^\s<>=!].*)"
)
"""``rating <= 2``: a field, a comparison in symbols, a value."""


_TEST_IN_WORDS = re.compile(
    r"([A-Za-z_][\w.-]*)\s+(not\s+in|in)\s+(\[.*\]|\(.*\)|[^,]+,.*)", re.IGNORECASE
)
"""``issue in [late, cold]``: a field, `in` or `not in`, then a list: in brackets or
parentheses, or with a comma (``late in the day`` is no test)."""


def _test_written(text: str) -> str | None:
    """A test written as a person writes one (``rating <= 2``, ``issue in [late, cold]``) as
    the plan writes it (``{field: issue, in: [late, cold]}``); None for any other text. A
    test with `in` had no hint at all (found by review)."""
    test = _TEST_IN_SYMBOLS.fullmatch(text)
    if test is not None:
        value = as_written(test[3].strip().strip("'\""))
        return f"{{field: {test[1]}, {_SYMBOLS[test[2]]}: {value}}}"
    test = _TEST_IN_WORDS.fullmatch(text)
    if test is None:
        return None
    operator = "not_in" if test[2].lower() != "in" else "in"
    listed = test[3].strip()
    if listed[:1] == "[" and listed[-1:] == "]":
        listed = listed[1:-1]
    items = _flow_items(listed)
    if not items:
        return None  # `in []`: no list to suggest
    return f"{{field: {test[1]}, {operator}: {_listed(_unwrapped(items))[0]}}}"


def _flow_items(listed: str) -> list[Any]:
    """The items of a list written inside brackets, as YAML reads them there: quotes taken
    off and a comma inside them kept (``late, "a, b"``). Split at commas as they stood, the
    hint had kept the quotes in its items (``in: ["\\"gold\\""]``), a test that validates and
    never matches (found by review). Text YAML cannot read so is split as words. (PyYAML is
    loaded here, for a plan in error: a plan the fast reader takes never loads it.)"""
    import yaml

    try:
        items = yaml.safe_load(f"[{listed}]")
    except yaml.YAMLError:
        items = None
    if isinstance(items, list) and all(not isinstance(i, (list, dict)) for i in items):
        return items
    return [item.strip("'\"") for item in list_items(listed)]


_WHEN_KEYS = {*CONDITION_KEYS, "all", "any", "not", "use", "event"}


def missing_colon_hint(name: str, pointer: str, document: LoadedDocument) -> str:
    """For a key without a value that is a condition key, a space and a value
    (``{use public_channel}``, ``{field: repeat, eq true}``): the `: ` it misses."""
    first, _, rest = name.partition(" ")
    if first not in _WHEN_KEYS or not rest.strip():
        return ""
    test = lookup(document.data, tuple(pointer_tokens(pointer)))
    if not isinstance(test, dict) or test.get(name, 0) is not None:
        return ""

    return f"a key needs `: ` before its value: write `{first}: {as_written(rest.strip())}`"


def field_as_key_hint(name: str, pointer: str, document: LoadedDocument) -> str:
    """The hint for a test written with its field as the key (``{rating: 2}``,
    ``{rating: {lte: 2}}``), or "" when the test is not written so: it has a ``field`` or an
    operator already, or the key looks like a misspelt ``field``."""
    test = lookup(document.data, tuple(pointer_tokens(pointer)))
    if not isinstance(test, dict) or "field" in test or suggestion_suffix(name, ["field"]):
        return ""
    if any(key in OPERATORS for key in test):
        return ""

    value = test.get(name)
    shown = as_written(name)
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in OPERATORS:
        [(op, const)] = value.items()
    elif value is None and _NAME.fullmatch(name) and not _event_field(name):  # `{low_rating}`
        return (
            f"to use the named condition `{shown}`, write `{{use: {shown}}}`; to test the field "
            f"`{shown}`, name it with `field:` and give one operator: "
            f"`{{field: {shown}, exists: true}}`"
        )
    elif value is None:  # `{customer.tier}`: no value to compare with
        op, const = "exists", True
    else:
        op, const = "eq", value
    return (
        f"name the field with `field:` and give one operator: "
        f"`{{field: {shown}, {op}: {as_written(flow(const))}}}`"
    )


def _event_field(name: str) -> bool:
    """Whether ``name`` is a field of the event schema (``rating``), not a condition's name."""
    from engine.eventfields import resolve  # only for a message: not at start-up

    return resolve(name).info is not None


_READ_AS_OTHER = re.compile(
    r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|0[xob][0-9a-fA-F_]+"
    r"|(?i:true|false|null|yes|no|on|off|y|n)|~|\.(?i:inf|nan)"
)
"""Words YAML reads as a number, true/false or nothing (by either YAML 1.1 or 1.2)."""


_PLAIN_WORD = re.compile(r"[A-Za-z0-9_.@-]+")
"""A word YAML reads without quotes (as text, or as the number or true/false it spells)."""


def flow(value: Any) -> str:
    """A value in YAML flow style, as a plan author would write it inline: text in quotes
    where YAML would read it otherwise (``"1"``, ``"true"``, ``"a: b"``)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str) and (
        not _PLAIN_WORD.fullmatch(value) or _READ_AS_OTHER.fullmatch(value)
    ):
        return quoted(value)

    return as_written(str(value))  # a word of 100 KB is no more readable in a hint


def quoted(text: str) -> str:
    """Text in YAML's double quotes, its `\\` and `"` escaped (``C:\\path`` unescaped is an
    error in double quotes), for a hint: cut to :data:`QUOTED_AT_MOST` characters first."""
    return '"' + as_written(text).replace("\\", "\\\\").replace('"', '\\"') + '"'
