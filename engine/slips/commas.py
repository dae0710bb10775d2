"""Values cut at a comma inside braces (:class:`CommaCuts`).

In ``{...}`` YAML ends a value at its first comma and makes each part after it a key without a
value: ``{amount: 12,500}`` is ``amount: 12`` and a key ``500``, ``{message: Hi, call them}``
is ``message: Hi`` and a key ``call them``. These hints find the value each such key was cut
from, once per mapping, and write it whole; they are methods of :class:`~engine.slips.Slips`,
which inherits them, because they keep what they work out for the whole validation.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from engine.documents import LoadedDocument, join_pointer, parent_pointer, pointer_tokens
from engine.durations import DURATION_FORM_HINT, duration_hint
from engine.slips.conditions import CONDITION_PLACE
from engine.slips.keys import text_keys
from engine.slips.kinds import ONE_VALUE_OPERATORS, one_value_hint
from engine.slips.lists import LISTS, list_hint, sent_as_text
from engine.slips.numbers import cut_hint, cut_number_hint, numbers_cut
from engine.slips.written import Written, as_written, line_at, quoted, text_so_far, written_as_key


class CommaCuts(Written):
    """The hints of the keys a comma in braces made, each worked out once per mapping: a value
    cut at K commas is K keys, each asking for the value it was cut from (see
    :class:`~engine.slips.Slips`)."""

    def __init__(
        self, document: LoadedDocument, schema: str = "plan", currency: str | None = None
    ) -> None:
        super().__init__(document, schema)
        self.currency = currency
        """The plan's currency when known (set in this file or another), for the hints."""
        self._cuts: dict[str, tuple[list[Any], dict[Any, tuple[int, int]]]] = {}
        self._keyed: dict[str, bool] = {}
        self._cut_numbers: dict[str, dict[str, tuple[str, list[str]]]] = {}
        self._text_runs: dict[
            tuple[str, frozenset[str]], tuple[list[Any], dict[str, tuple[int, int]]]
        ] = {}

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
        if digits and (texts := self._site_numbers_hint(pointer, str(keys[start]), digits)):
            return texts
        if digits and not (
            len(digits) == 1 and isinstance(mapping[keys[start]], int) and name.isdigit()
        ):  # (`12,500`: `cut_hint` says it all)
            return self._number_cut_hint(pointer, str(keys[start]), digits)
        if isinstance(mapping[keys[start]], str):
            return self._text_cut_hint(name, pointer, frozenset(allowed))
        written = self._cut_number_written(pointer, str(keys[start]), [name]) if digits else ""
        return cut_hint(keys, mapping, start, at, written)

    def _site_numbers_hint(self, pointer: str, operator: str, digits: list[str]) -> str:
        """For numbers a comma parted in the value of an operator of one value, in a test of a
        field events send as text (``{field: store, eq: 12, 14}``): the operator that takes
        them as a list, each in quotes as the plan writes it (``in: ["12", "14"]``); "" for
        any other value. They had been hinted as one number with a decimal comma, ``eq:
        12.14``, which never equals a site's `"12"` (found by review)."""
        if operator not in ONE_VALUE_OPERATORS or CONDITION_PLACE.match(pointer) is None:
            return ""
        if not sent_as_text(self.document, [*pointer_tokens(pointer), operator]):
            return ""
        first = self.written(join_pointer(pointer, operator))
        return one_value_hint(operator, [first, *digits]) if first else ""

    def _text_cut_hint(self, name: str, pointer: str, allowed: frozenset[str]) -> str:
        """For a key YAML made of the rest of a text cut at a comma in braces: the text whole,
        in quotes. ``{message: Sorry, we were late: here is a voucher}`` is ``message: Sorry``
        and a key ``we were late`` holding ``here is a voucher``: told as an unknown key with
        the keys allowed listed, the colon's part of the slip was left unsaid (found by
        review). "" for a key that is no such rest. The rest of a value that may be a list
        (``{event: review, complaint}``) is hinted as the list: the text in quotes is no event
        type, nor one value of the list (found by covering the cached list hint)."""
        keys, runs = self._texts_cut(pointer, allowed)
        if name not in runs:
            return ""
        start, at = runs[name]
        mapping = self._at(pointer)
        held = join_pointer(pointer, str(keys[start]))
        if LISTS.match(held):
            return list_hint(held, self.document, mapping[keys[start]])
        rest = (self._text_part(pointer, str(key)) for key in keys[start + 1 : at + 1])
        made = f" (and its colon made `{as_written(name)}` a key)" if mapping[name] else ""
        key = as_written(str(keys[start]))
        return (
            f"if `{as_written(self._text_part(pointer, name))}` is the rest of the text of "
            f"`{key}`, cut at a comma{made}, put the whole text in quotes: "
            f"`{key}: {quoted(text_so_far(mapping[keys[start]], rest))}`"
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
        before = line_at(place)[: max(place.column - 1, 0)]
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
        """For the first key of digits YAML cut off a number at a comma in braces (``5`` of
        ``{field: rating, lte: 1,5}``, ``50`` of ``{kind: voucher, amount: € 10,50}``): what is
        wrong and how to mend it. The key had been told it is no operator, with the hint
        listing the operators, and in an action's braces "unknown key `50`", a key the manager
        never wrote (found by review).
        ``("", "")`` for a further key cut off the same number (``000`` after ``000`` of
        ``1,000,000``): the first says it. None for any other key."""
        digits = self._digits_cut(name, pointer)
        if not digits:
            return None
        if name != digits[0]:
            return "", ""
        key = self._numbers_cut(pointer)[name][0]
        read = self.written(join_pointer(pointer, key))
        # numbers_cut took the key only if its number is written plain (_numbers_cut's first
        # test, the same call): never taken.
        if not read:  # pragma: no cover
            return None
        shown = ", ".join(f"`{as_written(part)}`" for part in digits)
        cut = "a key" if len(digits) == 1 else "the keys"
        whole = self._cut_number_written(pointer, key, digits)
        return (
            f"`{as_written(key)}: {as_written(whole)}` was read as "
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
        if operator not in ONE_VALUE_OPERATORS or CONDITION_PLACE.match(pointer) is None:
            return None
        first = self._at(pointer)[operator]
        if not isinstance(first, str):
            return None  # `eq: 5, cold`: digits are told by number_cut, a word as no operator
        if at != start + 1:
            return "", ""
        words = [first, *(key for key in keys[at:] if self._cut_run(key, pointer)[0] == start)]
        shown = ", ".join(f"`{as_written(str(word))}`" for word in words[1:])
        return (
            f"`{operator}: {as_written(', '.join(map(str, words)))}` was read as `{operator}: "
            f"{as_written(first)}` and {'a key' if len(words) == 2 else 'the keys'} {shown}: in "
            "braces, a comma ends a value",
            one_value_hint(str(operator), words),
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
        -1) for a key with a value, or one written with its colon (:func:`written_as_key`), which is the
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
        after it (:func:`written_as_key`): a key YAML made of what followed a comma."""
        key = join_pointer(pointer, name)
        keyed = self._keyed.get(key)
        if keyed is None:  # (each key of a list cut at commas is asked of for each error)
            keyed = self._keyed[key] = written_as_key(self.document, key, name)
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

    def _cut_number_written(self, pointer: str, key: str, digits: list[str]) -> str:
        """The number YAML cut at its commas in the braces at ``pointer`` (the value of ``key``
        and the keys of ``digits`` after it), as the file writes it: ``10, 50`` of ``{amount:
        10, 50}``. It had been quoted joined again without its blanks, ``10,50``, a number the
        manager never wrote (found by review). Read from the value's line; where the digits
        go on past it (braces over lines), joined by bare commas."""
        held = join_pointer(pointer, key)
        read = self.written(held)
        place = self.document.locate(held)
        cut = re.compile(re.escape(read) + "".join(rf"[ \t]*,[ \t]*{re.escape(d)}" for d in digits))
        found = cut.match(line_at(place), max(place.column - 1, 0))
        return found[0] if found is not None else ",".join([read, *digits])

    def _number_cut_hint(self, pointer: str, key: str, digits: list[str]) -> str:
        """The hint for a number YAML cut at its commas in braces, read back from the file:
        ``{amount: 1.000,00}`` is 1.0 and a key ``00`` to YAML (the hint had been `amount:
        1.0.00`), ``{amount: 1,500.00}`` 1 and a key ``500.00`` (found by review)."""
        written = self.written(join_pointer(pointer, key))
        joined = f"{written},{','.join(digits)}"
        written = self._cut_number_written(pointer, key, digits)
        if key == "within":  # a deadline: `2,5 hours` is `150m`, no number without its unit
            return duration_hint(written) or DURATION_FORM_HINT
        return cut_number_hint(key, joined, written, self.currency)


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
