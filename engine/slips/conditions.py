"""Conditions written as people write them: a name alone, a test in symbols, a field as a key,
a key without its `: `.

``all: [negative_rating]``, ``- rating <= 2``, ``{rating: 2}``, ``{use public_channel}``: each
is a named condition or a test the author meant, and the hint writes it as a plan does. What
such hints show of a field (two of its values, for ``in:``) and of a rule's event is here too.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from engine.documents import LoadedDocument, pointer_tokens
from engine.durations import DurationError, describe_duration, duration_written_as, parse_duration
from engine.fields import PATH_PATTERN, lookup
from engine.model import EVENT_TYPES, OPERATORS, nameable_event_type
from engine.slips.keys import CONDITION_KEYS
from engine.slips.lists import flow_items, unwrapped
from engine.slips.meant import field_unit
from engine.slips.names import own_type_written
from engine.slips.written import as_written, bracketed, flow, flow_hint
from engine.suggest import SYNONYMS, did_you_mean, suggestion_suffix

NEUTRAL_VALUES = "[value1, value2]"
"""The plan schema's example of the values of ``in:`` and ``not_in:``, for a field of no
values known (:meth:`engine.slips.hints.Slips.values_example`)."""


def field_values(field: str) -> str:
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


_EVENT_WORD = re.compile(r"[a-z][a-z0-9_-]{0,39}")
"""A word that may be an event type as written (``review``, ``x-booking``), shown in a hint."""


def event_value(value: Any) -> tuple[str, bool]:
    """The kinds of complaint as written on the rule (``review``, ``[review, order]``) for
    the hint to show under ``event:``, each as the event type it was meant as
    (:func:`type_meant`), and whether writing it in lower case was all that changed;
    ``review`` as an example when they are not words. Any word of letters, digits and
    ``_.@-`` had been shown as written, so ``on: Review`` was hinted ``event: Review``, no
    event type, and ``on: a@b`` ``event: a@b``; then ``on: reviews`` ``event: reviews``, and
    ``on: chargeback`` ``event: chargeback``, each refused once written (found by review)."""
    words = value if isinstance(value, list) else [value]
    if not words or not all(isinstance(w, str) for w in words):
        return "review", False
    meant = [type_meant(word) for word in words]
    if None in meant:
        return "review", False
    types = [str(word) for word in meant]
    shown = f"[{', '.join(types)}]" if isinstance(value, list) else types[0]
    lowered = [word.lower() for word in words]
    return shown, types == lowered != words


def type_meant(word: str) -> str | None:
    """The event type ``word`` was meant as: itself in lower case (``Review``), the standard
    type it is near (``reviews``: ``review``), else a type of the plan's own (``chargeback``:
    ``x-chargeback``, as ``event: chargeback`` is hinted); None for no word (``a@b``)."""
    lowered = word.lower()
    if nameable_event_type(lowered):
        return lowered
    if _EVENT_WORD.fullmatch(lowered) is None:
        return None
    return did_you_mean(lowered, EVENT_TYPES) or own_type_written(lowered)


CONDITION_PLACE = re.compile(r".*/(?:when|conditions/[^/]+)(?:/(?:all|any)/\d+|/not)*$")


_NAME = re.compile(r"[a-z][a-z0-9_]*")


def named_condition_hint(pointer: str, text: str) -> str:
    """For a name written alone where a condition goes (``all: [negative_rating]``): how to
    use the named condition it may be, or to write a test."""
    if CONDITION_PLACE.match(pointer) is None:
        return ""
    if nameable_event_type(text):  # `when: order`
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
    # a bracket at either end is the list's, its other one written or left out: `in [late,
    # cold` had been hinted `["[late", cold]`, an item with a bracket (found by mutation testing)
    listed = test[3].strip().removeprefix("[").removesuffix("]")
    items = flow_items(listed)
    if not items:
        return None  # `in []`: no list to suggest
    return f"{{field: {test[1]}, {operator}: {bracketed(unwrapped(items))[0]}}}"


def test_in_field_hint(text: str) -> str:
    """For a test written whole as a condition's ``field`` (``{field: order.delay_days >= 2}``),
    how the plan writes it (``{field: order.delay_days, gte: 2}``); "" for any other text. It
    had been told only that the field is "not in the right form", hinted "write names joined
    by dots, such as customer.tier", beside a test with "no operator" (found by a new user's
    trial)."""
    written = _test_written(text.strip())
    return "" if written is None else f"a test is written `{written}`: the field, then its operator"


_WHEN_KEYS = {*CONDITION_KEYS, "all", "any", "not", "use", "event"}


def missing_colon_hint(name: str, pointer: str, document: LoadedDocument) -> str:
    """For a key without a value that is a condition key, a space and a value
    (``{use public_channel}``, ``{field: repeat, eq true}``): the `: ` it misses. For an
    event field, a space and a value (``{rating 2}``, ``rating: 2`` without its `: `): the
    test written as a plan writes it; it had been hinted ``{field: rating 2, exists: true}``,
    a field validate refuses, and asked "did you mean `between`?" (found by mutation
    testing)."""
    first, _, rest = name.partition(" ")
    if not rest.strip():
        return ""
    written = None if first in _WHEN_KEYS else _field_test_of_key(name, first, rest.strip())
    if first not in _WHEN_KEYS and written is None:
        return ""
    test = lookup(document.data, tuple(pointer_tokens(pointer)))
    if not isinstance(test, dict) or test.get(name, 0) is not None:
        return ""
    if written is not None:
        return f"name the field with `field:` and give one operator: `{written}`"
    return f"a key needs `: ` before its value: write `{first}: {as_written(rest.strip())}`"


def _field_test_of_key(name: str, first: str, rest: str) -> str | None:
    """The test a key of an event field and its value is (``rating 2``, ``rating <= 2``), as
    the plan writes it (``{field: rating, eq: 2}``); None for a key of any other first word."""
    if not event_field(first):
        return None
    return _test_written(name) or _test_written(f"{first} = {rest}")


STANDARD_WINDOW = "90d"
"""The one span of time an event's standard fields count complaints over
(``customer.complaints_90d``)."""


def look_back_hint(name: str, pointer: str, document: LoadedDocument) -> str:
    """The hint for a test whose unknown operator holds a length of time
    (``{field: customer.id, repeated_within: 7d}``), or "": a manager asking whether this
    customer complained before, within a span. Backplan decides each complaint on its own and
    keeps none, so no operator looks back; the count must come in the event. Such operators
    had been given "did you mean `gt`?" (`repeated_within`, `repeat_within`), `in` (`in_last`)
    or `ends_with` (`seen_within`), none of which can say it (found by trial)."""
    test = lookup(document.data, tuple(pointer_tokens(pointer)))
    if not isinstance(test, dict) or "field" not in test:
        return ""
    return _looking_back(name, test.get(name), test["field"])


def _looking_back(name: str, value: Any, field: Any) -> str:
    """:func:`look_back_hint` of the operator ``name`` holding ``value`` in a test of
    ``field``, however the test is written (``{customer.id: {within: 7d}}`` too)."""
    if _an_operator_meant(name):
        return ""
    if isinstance(field, str) and field_unit(field):
        return ""  # `{field: order.delay_days, longer_than: 2d}`: a bound of the field's own
    span = _span_of(value, name)
    if span is None:
        return ""
    count = f"customer.complaints_{span}"
    listed = "" if span == STANDARD_WINDOW else ", list it in the plan's `extra_fields`,"
    said = describe_duration(span)
    return (
        f"a test reads only this complaint: Backplan keeps no earlier ones, so none can look "
        f"back {said}; have the system that sends complaints count this customer's complaints "
        f"of the last {said}, this one included, into a field such as `{count}`{listed} and "
        f"test it: `{{field: {count}, gte: 2}}`"
    )


def _an_operator_meant(name: str) -> bool:
    """Whether ``name`` is an operator with a letter or so wrong (``eqq``) or a manager's word
    for one (``more_than``, ``over``, ``at_least``), whatever it holds: its did-you-mean says
    it, not :func:`look_back_hint`. A word for one holding a length of time
    (``{field: contact.wait_minutes, more_than: 30m}``) had been told to count complaints."""
    if SYNONYMS.get(name.lower()) in OPERATORS:
        return True
    return bool(difflib.get_close_matches(name.lower(), OPERATORS, n=1, cutoff=0.8))


_UNIT_IN_NAME = {"minutes": "m", "hours": "h", "days": "d", "weeks": "w"}
"""The unit of time a key's last word names (``within_days``), as a plan writes it."""


def _span_of(value: Any, name: str = "") -> str | None:
    """A length of time as a plan writes it (``7d``) for ``value`` written as one (``7d``,
    ``7 days``), or a whole number under a key whose last word is its unit
    (``within_days: 7``, which had been told only the list of operators); None for any other
    value."""
    if isinstance(value, int) and not isinstance(value, bool):
        unit = _UNIT_IN_NAME.get(name.lower().rpartition("_")[2])
        return _span_of(f"{value}{unit}") if unit and value > 0 else None
    if not isinstance(value, str):
        return None
    try:
        parse_duration(value)
    except DurationError:
        return duration_written_as(value)
    return value


def field_as_key_hint(name: str, pointer: str, document: LoadedDocument) -> str:
    """The hint for a test written with its field as the key (``{rating: 2}``,
    ``{rating: {lte: 2}}``), or "" when the test is not written so: it has a ``field``, or an
    operator already (unless the key's value is one operator: ``{rating: {lte: 2}, eq: 1}``
    had been asked "did you mean `between`?"), or the key looks like a misspelt ``field``, or
    is no field's name (``{rating 2}`` had been hinted ``{field: rating 2, exists: true}``, a
    field validate refuses in its turn; found by mutation testing)."""
    if PATH_PATTERN.match(name) is None:  # `{rating 2}`: no field's name, not to hint as one
        return ""
    test = lookup(document.data, tuple(pointer_tokens(pointer)))
    if not isinstance(test, dict) or "field" in test or suggestion_suffix(name, ["field"]):
        return ""
    value = test.get(name)
    one_test = isinstance(value, dict) and len(value) == 1 and next(iter(value)) in OPERATORS
    nested: dict[str, Any] | None = value if one_test else None
    if nested is None and any(key in OPERATORS for key in test):
        return ""  # `{eq: 1, gte_: 2}`: a key beside an operator may be a misspelt one
    shown = as_written(name)
    tests = _tests_of_its_operators(shown, value)  # `{rating: {gte: 1, lte: 2}}`
    if len(tests) == 1:  # `{channel: {eq: yelp, ignore_case: true}}`
        return f"name the field with `field:` and give one operator: `{tests[0]}`"
    if tests:
        listed = ", ".join(tests)
        return f"name the field with `field:`, in a test of each operator: `{{all: [{listed}]}}`"
    if nested is not None:  # `{rating: {lte: 2}}`, an operator beside or not: field as key
        [(op, const)] = nested.items()
    elif value is None and _NAME.fullmatch(name) and not event_field(name):  # `{low_rating}`
        return (
            f"to use the named condition `{shown}`, write `{{use: {shown}}}`; to test the field "
            f"`{shown}`, name it with `field:` and give one operator: "
            f"`{{field: {shown}, exists: true}}`"
        )
    elif value is None:  # `{customer.tier}`: no value to compare with
        op, const = "exists", True
    elif isinstance(value, dict):  # `{customer.id: {within: 7d}}`: no operator `eq:` takes
        return _keys_as_operators(name, value)
    else:  # a list is its values (`{tier: [gold, silver]}`): `eq:` takes one, and is refused
        op, const = ("in" if isinstance(value, list) else "eq"), value
    return (
        f"name the field with `field:` and give one operator: "
        f"`{{field: {shown}, {op}: {flow_hint(const)}}}`"
    )


def _keys_as_operators(name: str, value: dict[str, Any]) -> str:
    """The hint for a field written as the key of a mapping of no operator
    (``{customer.id: {repeated_within: 7d}}``): a look back told as one, else "". It had been
    hinted ``{field: customer.id, eq: {repeated_within: 7d}}``, which validate refuses in its
    turn: `eq` takes no mapping (found by review)."""
    if len(value) != 1:
        return ""
    [(key, held)] = value.items()
    return _looking_back(key, held, name) if isinstance(key, str) else ""


_OPERATOR_KEYS = CONDITION_KEYS - {"field"}
"""What a test holds beside its ``field``: its operator and the settings of one
(``ignore_case``)."""


def _tests_of_its_operators(shown: str, value: Any) -> list[str]:
    """The tests of the field ``shown`` that a mapping of operators and their settings under
    it means (``{rating: {gte: 1, lte: 2}}``, ``{channel: {eq: yelp, ignore_case: true}}``),
    one an operator, all to hold (``{field: rating, gte: 1}``, ``{field: rating, lte: 2}``);
    none for any other value, and for one operator alone (told as ever). Each had been hinted
    ``{field: rating, eq: {gte: 1, lte: 2}}``, which validate refuses in its turn (found by
    review)."""
    if not isinstance(value, dict) or len(value) < 2 or not set(value) <= _OPERATOR_KEYS:
        return []
    beside = "".join(f", {key}: {flow(v)}" for key, v in value.items() if key not in OPERATORS)
    return [
        f"{{field: {shown}, {op}: {flow_hint(v)}{beside}}}"
        for op, v in value.items()
        if op in OPERATORS
    ]


GROUP_WORDS = {"or": "any", "any_of": "any", "one_of": "any", "and": "all", "all_of": "all"}
"""What people write for a list of tests of which one (``any``) or every one (``all``) must
hold: ``any_of`` and ``one_of`` mean ``in`` beside a field, but not over a list of tests."""

_TEST_KEYS = frozenset({"field", "use", "any", "all", "not"})
"""The keys that make a mapping a test (a field's, a named condition's or a group's)."""

TESTS_LISTED_HINT = (
    "a list of tests goes under `any:` (it holds when one of them holds) or `all:` (when every "
    "one of them holds)"
)


def tests_listed_under(name: str, pointer: str, document: LoadedDocument) -> tuple[str, str] | None:
    """For a key of a test holding a list of tests (``{anny: [{field: repeat, eq: true},
    ...]}``, ``{or: [...]}``): the did-you-mean of ``any`` or ``all`` it most likely is (""
    when neither is near) and the hint that says what each does; None for any other key. It
    had been hinted as a field named by its key, ``{field: anny, eq: [{field: repeat, ...}]}``,
    which no event holds (found by review)."""
    test = lookup(document.data, tuple(pointer_tokens(pointer)))
    tests = test.get(name) if isinstance(test, dict) else None
    if not isinstance(tests, list) or not tests or not all(isinstance(t, dict) for t in tests):
        return None
    if not any(_TEST_KEYS.intersection(t) for t in tests):  # `{x: [{a: 1}]}`: no tests
        return None
    meant = GROUP_WORDS.get(name.lower()) or did_you_mean(name.lower(), ("any", "all"))
    return (f" (did you mean `{meant}`?)" if meant else ""), TESTS_LISTED_HINT


def event_field(name: str) -> bool:
    """Whether ``name`` is a field of the event schema (``rating``), not a condition's name
    nor a misspelt operator: ``rating`` beside ``eq:`` was asked "did you mean `between`?"
    (``range``, a word for it, is a slip or two from ``rating``)."""
    from engine.eventfields import resolve  # only for a message: not at start-up

    return resolve(name).info is not None
