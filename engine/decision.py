"""The decision for one complaint, as typed read-only views and as canonical JSON.

The evaluator makes a plain, JSON-ready *decision document* (``engine.evaluate``); ``backplan
eval`` writes it as it is. :class:`Decision` is what ``Plan.evaluate`` hands to an embedding
app: typed attributes (``decision.actions[0].due``) read straight from that document.

Read-only all the way down: a view refuses assignment, and every list or mapping it hands out
(``matched``, an action's ``params``, ``actions`` itself...) is a new copy made on that read, so
nothing a caller does to what it was given can change the decision, its ``to_json()`` or what
the next read returns. The copying is paid on read, never by ``Plan.evaluate``: the view wraps
the evaluator's document as it is, and a field that holds only text, numbers or booleans is
handed out as it is (those cannot be changed).

Why views and not the pydantic models the format is defined by (``engine.decisionmodel``):
building those for every decision (a model per action, plus the plan, the compensation and each
superseded offer) took about 13 µs, while the whole decision takes about 30. A view costs one
small object; the nested views (actions, compensation, ...) are made when first read and kept.
The document is complete before the view exists — nothing is decided late — and it is never
shared: each decision owns a fresh one. ``tests/test_decision_views.py`` holds the views to the
models: the same names, the same fields, the same values.

Canonical JSON means sorted keys, no spaces, UTF-8: the same plan and event always give the same
bytes.
"""

from __future__ import annotations

import functools
import math
import os
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal, NoReturn, Self, TypeVar

import orjson

from engine.formats import ERROR_FORMAT, DecisionFormat
from engine.limits import MAX_TRACE_CHARS, MAX_TRACE_VALUES

if TYPE_CHECKING:
    from engine.api import Plan
    from engine.event import Event

View = TypeVar("View", bound="_View")


def canonical_json(document: Any) -> bytes:
    """The canonical JSON bytes of a document: the same value always gives the same bytes."""
    return orjson.dumps(document, option=orjson.OPT_SORT_KEYS)


def canonical_json_line(document: Any) -> bytes:
    """:func:`canonical_json` and a newline: one JSONL line, written by orjson in one go (no
    second copy of the bytes to add the newline)."""
    return orjson.dumps(document, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)


def decision_json_line(document: dict[str, Any]) -> bytes:
    """:func:`canonical_json_line` of a decision document made by the evaluator
    (``engine.evaluate``), whose mappings already have their keys in order, and only of one.

    The evaluator writes every mapping of a decision in key order (the decision's own keys,
    each action entry's, its ``params`` through ``engine.actions.Recipe.layout``, the
    compensation summary's), so orjson need not sort them again: that sorting was about 1 µs
    of the 4.5 µs it took to write a decision. A property test holds the two to the same bytes
    over generated plans and events. Anything else (an error record, a decision with an
    explain ``trace``, whose values come from the event) goes through
    :func:`canonical_json_line`.
    """
    return orjson.dumps(document, option=orjson.OPT_APPEND_NEWLINE)


def copy_json(value: Any) -> Any:
    """A copy with new lists and mappings all the way down (the caller may change it).

    Each container is copied whole in C (``.copy()``) and only the items that are themselves
    lists or mappings are visited again: a view's fields are read through this on every read,
    and most of what they hold (rule ids, parameter text) needs no copying of its own.
    """
    kind = value.__class__
    if kind is dict:
        copied = value.copy()
        for key, item in copied.items():
            if item.__class__ is dict or item.__class__ is list:
                copied[key] = copy_json(item)  # replaces a value: the dict's size never changes
        return copied
    if kind is list:
        items = value.copy()
        for index, item in enumerate(items):
            if item.__class__ is dict or item.__class__ is list:
                items[index] = copy_json(item)
        return items
    return value


class _View:
    """A read-only, typed view of one mapping of a decision document.

    Its fields hand out copies of lists and mappings (see the module docstring): a view that
    gave out its document's own lists would let a caller change the decision through them.
    """

    __slots__ = ("_data",)
    _data: dict[str, Any]
    FIELDS: ClassVar[tuple[str, ...]] = ()
    """The fields, as in the pydantic model of the same name (for ``repr`` and the tests): the
    class's properties in the order written, set when the class is made (a subclass's are its
    base's, in their order, and any it adds)."""
    _KIND: ClassVar[type[_View]]
    """The view's kind for equality: the class made straight from ``_View`` it is or derives
    from, so an :class:`ExplainedDecision` equals the :class:`Decision` of the same document."""

    def __init__(self, data: dict[str, Any]) -> None:
        _set_data(self, data)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Turn the class's ``_field`` declarations into properties named after them; its
        fields are then its properties, in the order written (as in the model)."""
        super().__init_subclass__(**kwargs)
        hints = typing.get_type_hints(cls)
        for name, value in list(vars(cls).items()):
            if isinstance(value, _Declared):
                if typing.get_origin(hints[name]) is not Final:  # found when the class is made
                    raise TypeError(f"declare {cls.__name__}.{name} as Final[...]: read-only")
                copied = not _unchangeable(hints[name])
                reader = _reader(name, value, copied)
                doc = f"{value.doc} {_COPY_NOTE}" if copied else value.doc
                setattr(cls, name, property(reader, doc=doc))
        own = (name for name, value in vars(cls).items() if isinstance(value, property))
        cls.FIELDS = tuple(dict.fromkeys((*cls.FIELDS, *own)))  # a subclass's, after its base's
        if _View in cls.__bases__:
            cls._KIND = cls

    if not TYPE_CHECKING:  # pragma: no branch - always true when running; seen by a type
        # checker, they would let an app assign any name
        # (`decision.mached = [...]` passed mypy --strict; found by review)

        def __setattr__(self, name: str, value: Any) -> NoReturn:
            raise AttributeError(f"a {type(self).__name__} is read-only")

        def __delattr__(self, name: str) -> NoReturn:
            raise AttributeError(f"a {type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        """Equal when their JSON is the same bytes: Python's ``1 == 1.0 == True`` made views
        equal whose documents say ``3`` and ``3.0`` (a trace's ``actual``, a custom action's
        parameter), where the format promises the same bytes for the same decision."""
        if isinstance(other, _View) and other._KIND is self._KIND:
            return bool(self._data == other._data) and _same_json(self._data, other._data)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal by content, and the content is dicts

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"{type(self).__name__}({fields})"

    def __reduce__(self) -> tuple[type[_View], tuple[dict[str, Any]]]:
        """Made again from its document: ``copy``, ``deepcopy`` and ``pickle`` would otherwise
        set the slots one by one, which a read-only view refuses (the models allowed all three)."""
        return type(self), (self._data,)

    def to_document(self) -> dict[str, Any]:
        """The plain JSON-ready form, as a copy the caller may change."""
        copied: dict[str, Any] = copy_json(self._data)
        return copied

    def to_json(self) -> bytes:
        """Canonical JSON bytes (sorted keys, compact, UTF-8)."""
        return canonical_json(self._data)


_set_data = _View.__dict__["_data"].__set__


def _same_json(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """Whether two documents Python finds equal are the same JSON (a document that is no JSON,
    which only ``Decision.from_document`` lets through, is judged by Python's equality)."""
    try:
        return canonical_json(first) == canonical_json(second)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return True


class _Declared:
    """A field declared in a view's class body, until the class names it (``_field``)."""

    __slots__ = ("default", "doc", "optional")

    def __init__(self, doc: str, optional: bool, default: Any) -> None:
        self.doc = doc
        self.optional = optional
        self.default = default


def _field(doc: str, *, optional: bool = False, default: Any = None) -> Any:
    """A typed, read-only field: the document's value under the attribute's own name
    (``default`` when an ``optional`` one is absent). The class attribute's annotation,
    ``Final[type]``, gives its type and whether a read hands out a copy (anything that may
    hold a list or mapping, see :func:`_unchangeable`); ``Final`` tells an app's type checker
    what the view says at run time, that the field cannot be assigned (``decision.total =
    ...`` is an error there too, not only an AttributeError when it runs)."""
    return _Declared(doc, optional, default)


_UNCHANGEABLE: tuple[Any, ...] = (str, int, float, bool, type(None))
_COPY_NOTE = "Each read gives a new copy: changing it changes nothing in the decision."


def _unchangeable(hint: Any) -> bool:
    """Whether every value of the annotation ``hint`` is immutable (text, numbers, booleans,
    None, literals of those, unions of those): such a field is handed out as it is. Any other
    annotation (``list[...]``, ``dict[...]``, ``Any``) may hold a container, so it is copied:
    a new field is safe by default."""
    origin = typing.get_origin(hint)
    if origin is Final:  # the declaration's read-only marker: the type is inside it
        return _unchangeable(typing.get_args(hint)[0])
    if origin is Literal:
        return all(arg.__class__ in _UNCHANGEABLE for arg in typing.get_args(hint))
    if origin is typing.Union or origin is types.UnionType:
        return all(_unchangeable(arg) for arg in typing.get_args(hint))
    return hint in _UNCHANGEABLE


def _reader(name: str, declared: _Declared, copied: bool) -> Callable[[_View], Any]:
    """The property getter of a field; ``copied`` ones give a new copy on every read."""
    default = declared.default
    if copied:
        if declared.optional:
            return lambda view: copy_json(view._data.get(name, default))
        return lambda view: copy_json(view._data[name])
    if declared.optional:
        return lambda view: view._data.get(name, default)
    return lambda view: view._data[name]


def _views(cls: type[View], items: list[dict[str, Any]]) -> list[View]:
    return [cls(item) for item in items]


def _hash_of_fields(view: _View) -> int:
    """A hash for the views whose fields are all text (as the frozen models had one)."""
    return hash((type(view).__name__, *(view._data[name] for name in view.FIELDS)))


class PlanRef(_View):
    """Which plan, in which version, made the decision."""

    __slots__ = ()
    __hash__ = _hash_of_fields  # type: ignore[assignment]

    name: Final[str] = _field("The plan's name.")
    fingerprint: Final[str] = _field(
        "sha256 of the normalised plan: it changes whenever the rules change."
    )


class DecidedAction(_View):
    """One thing to do, for whom, by when."""

    __slots__ = ()

    type: Final[str] = _field("The action type, such as apologize or compensate (x-... custom).")
    rule: Final[str] = _field("The id of the rule the action comes from.")
    purpose: Final[Literal["remedy", "prevention"]] = _field(
        "remedy: for this customer; prevention: so it does not happen again."
    )
    params: Final[dict[str, Any]] = _field(
        "The action's parameters, templates filled in; money as exact decimal text."
    )
    within: Final[str | None] = _field("The deadline as written in the plan (30m, 4h, 2d).")
    due: Final[str | None] = _field(
        "The absolute deadline (UTC), from the event's occurred_at; None without it."
    )
    also_from: Final[list[str]] = _field(
        "Other rules that asked for the same action (merged into this one)."
    )


class Superseded(_View):
    """A compensation offer that was not made: a larger one won, the cap was reached, it came
    to zero, or the event could not size it (``reason`` says which)."""

    __slots__ = ()
    __hash__ = _hash_of_fields  # type: ignore[assignment]

    rule: Final[str] = _field("The rule that made the offer.")
    amount: Final[str] = _field("The amount it offered (within its own min and max).")
    reason: Final[Literal["smaller-offer", "cap-reached", "zero-amount", "unresolved"]] = _field(
        "smaller-offer: a larger offer was chosen instead (made, unless the per-event cap "
        "left nothing for it); cap-reached: nothing was left; "
        "zero-amount: the offer came to zero; unresolved: the event could not size it, and "
        "it may have been larger than the offer made (which then needs approval)."
    )


class CompensationSummary(_View):
    """The compensation for this event after the plan's policy and limits."""

    __slots__ = ("_superseded",)
    _superseded: list[Superseded]  # made on first read (the slot is empty until then)

    currency: Final[str] = _field("The plan's currency (ISO 4217).")
    combine: Final[Literal["max", "sum"]] = _field(
        "How several offers combine: the largest, or their sum."
    )
    offered: Final[str] = _field("The amount before the per-event cap.")
    total: Final[str] = _field("The amount granted (or proposed, if approval is needed).")
    cap: Final[str | None] = _field("The plan's per-event cap, if it has one.")
    capped: Final[bool] = _field("True when the per-event cap reduced the amount.")
    approval_threshold: Final[str | None] = _field("Amounts above this need a person's approval.")
    needs_approval: Final[bool] = _field("True when a person must approve before granting.")

    @property
    def superseded(self) -> list[Superseded]:
        """The offers that were not made, and why. Each read gives a new list (of the same
        read-only views, made once): changing it changes nothing in the decision."""
        try:
            known = self._superseded
        except AttributeError:
            known = _views(Superseded, self._data["superseded"])
            _set_superseded(self, known)
        return known.copy()


_set_superseded = CompensationSummary.__dict__["_superseded"].__set__


class TraceStep(_View):
    """One rule's evaluation, for explain: whether it matched and, if not, why."""

    __slots__ = ()

    rule: Final[str] = _field("The rule evaluated.")
    matched: Final[bool] = _field("Whether it fired.")
    reason: Final[str] = _field("In words: the first condition that failed, or why it fired.")
    field: Final[str | None] = _field(
        "The event field of the condition that decided, if one did.", optional=True
    )
    actual: Final[Any] = _field(
        "That field's value in the event; with ``actual_cut``, only its start (at most "
        f"{MAX_TRACE_CHARS} characters of text and {MAX_TRACE_VALUES} values).",
        optional=True,
    )
    actual_cut: Final[bool] = _field(
        "Whether ``actual`` was shortened, or given in words as JSON cannot hold it (False in "
        "a trace written before it was).",
        optional=True,
        default=False,
    )


MAX_DECISION_DEPTH = 200
"""The deepest a decision document may nest (the document itself is level 1): orjson writes
no deeper than about 250 levels, nor does pydantic check deeper."""


_HEAD = 1024
"""How much of text or bytes is read to tell how it starts: a decision line may be long."""


_ERROR_RECORD = (
    f"/format: `{ERROR_FORMAT}`, an error record: eval writes one in the place of the decision "
    "of an event it could not decide (its `error` says why), and it is no decision; tell the "
    "two apart by their `format` before Decision.validate"
)
"""The problem of an error record given to :meth:`Decision.validate`, as a loop over eval's
lines does at its first rejected event: it had been told ten problems (every field of a
decision missing, `error` not part of one), the first "should be `backplan.decision/1`, not
`backplan.error/1`", with no word of what the line is (found by review)."""


def _unparsed(value: Any) -> str | None:
    """The problem of text or bytes given to :meth:`Decision.validate` in place of a decision
    document: a decision line as eval writes it, unparsed (it had been told "bytes is not JSON
    data", or, as text, "should be an object", without a word of parsing it); one that starts
    with a byte order mark, which orjson refuses, so the hint removes it; or empty text
    (found by review). None for any other value, whose problems validation tells."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        text = bytes(value[:_HEAD]).decode("utf-8", "replace")
        if len(value) > _HEAD and not text.removeprefix("\ufeff").strip():
            text = bytes(value).decode("utf-8", "replace")  # blanks all the head: read it all
        line = "bytes(line)" if isinstance(value, memoryview) else "line"
        without = f'{line}.removeprefix(b"\\xef\\xbb\\xbf")'
    elif isinstance(value, str):
        text, without = value, 'line.removeprefix("\\ufeff")'
    else:
        return None
    start = text.removeprefix("\ufeff").lstrip()[:1]
    if not start:
        return "/: empty text, not a decision document"
    if start != "{":
        return None
    if text.startswith("\ufeff"):
        return (
            "/: JSON text starting with a byte order mark (U+FEFF), not a decision document: "
            f"parse it first without the mark, such as Decision.validate(orjson.loads({without}))"
        )
    return (
        "/: JSON text, not a decision document: parse it first, such as "
        "Decision.validate(orjson.loads(line)), orjson or json"
    )


def not_json_data(document: Any) -> Iterator[str]:
    """Where a document holds what canonical JSON cannot write as it is (``/pointer: ...``):
    a value of a class other than JSON's, a number that is not finite, a whole number beyond
    64 bits, a key that is not text, text with a lone surrogate (UTF-8 has none), nesting
    deeper than :data:`MAX_DECISION_DEPTH`. Walked with a stack, not recursion: a document
    from elsewhere may be nested deeper than Python's recursion limit."""
    from engine.documents import join_pointer
    from engine.limits import MAX_JSON_INT, MIN_JSON_INT, has_lone_surrogate

    stack: list[tuple[Any, str, int]] = [(document, "", 1)]
    while stack:
        value, pointer, depth = stack.pop()
        kind = value.__class__
        if (kind is dict or kind is list) and depth > MAX_DECISION_DEPTH:
            yield f"{pointer}: nests deeper than {MAX_DECISION_DEPTH} levels"
        elif kind is dict:
            for key, item in reversed(value.items()):
                if key.__class__ is not str:
                    yield f"{pointer or '/'}: has a key that is not text ({key!r})"
                elif has_lone_surrogate(key):
                    yield f"{pointer or '/'}: has a key with a lone surrogate ({key!a})"
                else:
                    stack.append((item, join_pointer(pointer, key), depth + 1))
        elif kind is list:
            stack.extend(
                (item, join_pointer(pointer, i), depth + 1)
                for i, item in reversed(list(enumerate(value)))
            )
        elif kind is str:
            if has_lone_surrogate(value):
                yield f"{pointer or '/'}: text with a lone surrogate, which UTF-8 cannot write"
        elif kind is float:
            if not math.isfinite(value):
                yield f"{pointer or '/'}: {value!r} is not a JSON number"
        elif kind is int:
            if not MIN_JSON_INT <= value <= MAX_JSON_INT:
                yield f"{pointer or '/'}: a whole number beyond the 64 bits JSON output holds"
        elif kind is not bool and value is not None:
            yield f"{pointer or '/'}: {type(value).__name__} is not JSON data"


def _format_problems(problems: list[Any], document: Any) -> list[str]:
    """pydantic's errors as ``/json/pointer: what is wrong``, without Python class names, one
    line per place: the branches of a union (``event_id`` is text or a whole number) are
    named in pydantic's ``loc`` as if they were keys (``/event_id/str``); they are left out,
    and what each branch wanted is said on the one line of the value."""
    from engine.documents import join_pointer
    from engine.errors import shown_text
    from engine.wording import clip

    said: dict[str, list[str]] = {}
    kinds: dict[str, tuple[list[str], Any, Any]] = {}  # what each place should be, found, key
    for problem in problems:
        places = _places(
            problem["loc"], document, problem["type"] == "missing", problem.get("input")
        )
        pointer = "".join(join_pointer("", part) for part in places) or "/"
        place = said.setdefault(pointer, [])
        if kind := _kind_wanted(problem):  # one line for a union's branches, said below
            if pointer not in kinds:
                kinds[pointer] = ([], problem["input"], places[-1] if places else None)
                place.append(_KINDS)
            kinds[pointer][0].append(kind)
            continue
        if problem["type"] == "value_error":  # the format's own words, without pydantic's
            message = str(problem["ctx"]["error"])  # "Value error, " before them
        elif problem["type"] == "string_pattern_mismatch" and (
            words := _pattern_words().get(problem["ctx"]["pattern"])
        ):
            message = words(problem["input"]).format(shown_text(clip(problem["input"])))
        elif problem["type"] == "extra_forbidden":
            message = "is not part of a decision: remove it"
        elif problem["type"] == "missing":
            message = "is missing: a decision always has it"
        elif problem["type"] == "literal_error":
            message = _not_among(problem["ctx"]["expected"], problem["input"])
        else:
            message = problem["msg"][:1].lower() + problem["msg"][1:]
        if message not in place:  # pragma: no branch - kept: a union's branches may word a
            # refusal alike at one place (none of today's models does)
            place.append(message)
    return [
        f"{pointer}: "
        + "; or ".join(
            should_be(*kinds[pointer]) if message is _KINDS else message for message in messages
        )
        for pointer, messages in said.items()
    ]


_KINDS = "(the kinds wanted)"
"""Where a place's kinds wanted are said among its messages, once all are known."""


def _kind_wanted(problem: Any) -> str:
    """The kind of value a place should hold, in words, for a value pydantic refused as of
    another kind (``"no"`` for true or false) or text of the wrong length; "" for another
    problem. pydantic's own words ("input should be a valid string") had reached analysts
    reading ``backplan report`` and apps calling ``Decision.validate`` (found by review)."""
    kind = problem["type"]
    if kind == "string_too_short":
        least = problem["ctx"]["min_length"]
        return f"text of at least {least} character{'' if least == 1 else 's'}"
    if kind == "string_too_long":
        return f"text of at most {problem['ctx']['max_length']} characters"
    return _KIND_WORDS.get(kind, "")


_KIND_WORDS: Final = {
    "string_type": "text in quotes",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "an object",
    "dict_type": "an object",
}
"""pydantic's kinds of value, as a place that should hold one is told, with what it holds: an
object's place had been told "should be an object" alone, of a null as of a number, where every
other kind's place said what it held (found by review)."""


_AMOUNT_KEYS: Final = frozenset(("offered", "total", "cap", "approval_threshold", "amount", "base"))
"""The keys of a decision that hold an amount, as text (a test holds them to the model's)."""
_TIME_KEYS: Final = frozenset(("occurred_at", "due"))
"""The keys of a decision that hold a time in UTC, as text (a test holds them to the model's)."""
UTC_EXAMPLE: Final = "2026-11-23T09:30:00Z"
"""A time as a decision writes it, as the words for one written otherwise show it."""


def _example_of(key: Any) -> str:
    """Text such as a decision writes at ``key``, in quotes; "" for text of no one form."""
    if key in _AMOUNT_KEYS:
        return '"24.00"'
    if key in _TIME_KEYS:
        return f'"{UTC_EXAMPLE}"'
    return '"10"' if key == "percent" else ""


def should_be(kinds: list[str], found: Any, key: Any = None) -> str:
    """What a place that holds a value of another kind is told: the kinds it should be, an
    example of the text a decision writes at ``key`` when it is text, and what it holds
    (``should be text in quotes, such as "24.00", not the number 24.0``); ``backplan
    report`` says the same of a time that is not text."""
    from engine.errors import shown_text
    from engine.wording import clip

    example = _example_of(key) if "text in quotes" in kinds else ""
    such = f", such as {example}" if example else ""
    if isinstance(found, str):
        return f'should be {" or ".join(kinds)}{such}, not "{shown_text(clip(found))}"'
    return f"should be {' or '.join(kinds)}{such}, not {_held(found)}"


def _not_among(expected: str, found: Any) -> str:
    """What a place holding a value other than the few a decision writes there is told
    (``should be `remedy` or `prevention`, not `fix```). pydantic's words ("input should be
    'remedy' or 'prevention'") had reached analysts reading ``backplan report`` and apps
    calling ``Decision.validate``, without the value found (found by review). ``expected`` is
    pydantic's list of the values, each in single quotes: every value a decision's model
    allows there is a plain word, without a quote of its own. Empty text is named so: it had
    been shown as two backticks with nothing between them, ``not ````, which a reader could
    not tell from a slip of the report's own (found by review)."""
    import re

    from engine.errors import shown_text
    from engine.wording import clip

    allowed = re.sub(r"'([^']*)'", r"`\1`", expected)
    if found == "":
        held = "empty text"
    else:
        held = f"`{shown_text(clip(found))}`" if isinstance(found, str) else _held(found)
    return f"should be {allowed}, not {held}"


def _held(found: Any) -> str:
    """A value that is not text, as a place refusing it says what it holds."""
    if found is True or found is False:
        return "true" if found else "false"
    if found is None:
        return "null"
    if isinstance(found, int | float):
        return f"the number {found!r}"
    return "a list" if isinstance(found, list) else "an object"


def not_a_utc_time(text: str) -> str:
    """What a time written otherwise than in UTC is told, here and by ``backplan report``:
    one sentence. The report had said it its own way ("is not a time in UTC, as a decision
    writes it: `...`"), beside this one's ("... as a decision writes it, such as `...`")."""
    return f"`{text}` is not a time in UTC as a decision writes it, such as `{UTC_EXAMPLE}`"


@functools.cache
def _pattern_words() -> dict[str, Callable[[str], str]]:
    """What a decision's time, amount or offer's ``percent`` that its pattern refuses is told,
    by the pattern, as words to fill in with the text refused (given the text, to tell a
    number below zero or a percentage over 100 from text that is no number). pydantic's words
    had been the pattern itself ("string should match pattern '^[0-9]{4}-[0-9]{2}-...(?!\\n)$'")
    for a decision whose time was written with its zone (``+01:00``) or whose amount with a
    comma, edited by hand or made by another tool (found by an analyst's review); a percentage
    written as an amount is no amount (``"10%"`` had been told "is not an amount ... such as
    "24.00"", found by review). Made when a decision is first refused: the model is imported
    only then."""
    import re

    from engine.decisionmodel import AMOUNT, PERCENT, UTC_TIME

    number = re.compile(AMOUNT).search
    amount, percent = _example_of("amount"), _example_of("percent")
    negative = "`{}` is below zero: "
    plans = f", as a plan's `percent` is; write the plan's percentage, such as {percent}"

    def amount_words(text: str) -> str:
        if text[:1] == "-" and number(text[1:]):
            never = "a decision never offers less than nothing; write the amount as 0 or more"
            return f"{negative}{never}, such as {amount}"
        return f"`{{}}` is not an amount as a decision writes it, such as {amount}"

    def percent_words(text: str) -> str:
        if number(text):
            return f"`{{}}` is over 100: a percentage is at most 100 (all of the field){plans}"
        if text[:1] == "-" and number(text[1:]):
            return f"{negative}a percentage is from 0 to 100{plans}"
        return f"`{{}}` is not a percentage as a decision writes it, such as {percent}"

    time = not_a_utc_time("{}")
    return {UTC_TIME: lambda _: time, AMOUNT: amount_words, PERCENT: percent_words}


def _places(loc: tuple[Any, ...], document: Any, missing: bool, found: Any) -> list[Any]:
    """The parts of a pydantic ``loc`` that are places in the document: its keys and indexes,
    and the missing key of a ``missing`` error; a union branch's tag (``str``) is none.

    A tag may also be a key of the data (``event_id: {"str": 1}``): the reading that ends at
    the value pydantic refused (``found``, the very object; a missing key's mapping) is the
    one meant, and a part that is a key is tried as one first."""
    last = len(loc) - 1

    def walk(number: int, value: Any, places: list[Any], exact: bool) -> list[Any] | None:
        if number > last:
            return places if value is found or not exact else None
        part = loc[number]
        if (isinstance(value, dict) and part in value) or (
            isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value)
        ):
            through = walk(number + 1, value[part], [*places, part], exact)
            if through is not None:
                return through
        elif missing and number == last:
            return [*places, part] if value is found or not exact else None
        return walk(number + 1, value, places, exact)  # a union branch's tag: no place

    # No reading ends at the refused value (pydantic handed out a copy): keys first, as read.
    return walk(0, document, [], True) or walk(0, document, [], False) or []


class Decision(_View):
    """The plan's answer for one complaint event, read-only all the way down: its lists and
    mappings (``matched``, ``actions``, an action's ``params``...) are handed out as copies, so
    what a caller does with them never changes the decision or its ``to_json()``."""

    __slots__ = ("_actions", "_compensation", "_trace")
    # The nested views, made on first read: until then their slots are empty (reading one
    # raises AttributeError), so making a Decision sets one slot, its document, and no more.
    _actions: list[DecidedAction]
    _compensation: CompensationSummary | None
    _trace: list[TraceStep] | None

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> Decision:
        """The view of an evaluator document, which it now owns (it is not checked: the
        evaluator's documents are correct by construction; see :meth:`validate`)."""
        return cls(document)

    @classmethod
    def validate(cls, document: Any) -> Self:
        """The view of a document from elsewhere, checked against the decision format first
        (raises :class:`~engine.errors.DecisionFormatError`, a ``ValueError``).

        A Decision is checked as its document: it had been refused as "Decision is not JSON
        data", though a view made from a document that was never checked (``Decision(doc)``)
        is the very thing to check (found by review). The view is of the class asked:
        ``ExplainedDecision.validate(line)`` of a line ``eval --explain`` wrote had given a
        plain ``Decision``, whose ``trace`` a type checker reads as possibly ``None``."""
        from engine.errors import DecisionFormatError

        if isinstance(document, Decision):
            document = document.to_document()
        unparsed = _unparsed(document)  # a decision line read from a file, not parsed
        if unparsed is not None:
            raise DecisionFormatError([unparsed])
        if isinstance(document, dict) and document.get("format") == ERROR_FORMAT:
            raise DecisionFormatError([_ERROR_RECORD])
        not_json = list(not_json_data(document))
        if not_json:  # parameters and trace values are any JSON: pydantic lets anything in
            raise DecisionFormatError(not_json)
        checked = _money_checked(_format_checked(document))
        if issubclass(cls, ExplainedDecision) and "trace" not in checked:  # its trace would
            raise DecisionFormatError([_no_trace(document)])  # raise at the first read
        return cls(checked)

    format: Final[DecisionFormat] = _field("The decision format version.")
    event_id: Final[str | int] = _field("The id of the event decided, as the event wrote it.")
    event_type: Final[str] = _field("The event's type (review, order...).")
    occurred_at: Final[str | None] = _field("The event time, normalised to UTC.")

    @property
    def plan(self) -> PlanRef:
        """Which plan made the decision."""
        return PlanRef(self._data["plan"])

    matched: Final[list[str]] = _field("Ids of the rules that fired, in firing order.")
    fallback: Final[bool] = _field(
        "True when no regular rule matched: a person must improvise (see the format)."
    )

    @property
    def actions(self) -> list[DecidedAction]:
        """Remedy actions, then prevention actions. Each read gives a new list (of the same
        read-only views, made once): changing it changes nothing in the decision."""
        try:
            known = self._actions
        except AttributeError:
            known = _views(DecidedAction, self._data["actions"])
            _set_actions(self, known)
        return known.copy()

    @property
    def compensation(self) -> CompensationSummary | None:
        """The compensation after the plan's policy and limits (None when none is offered)."""
        try:
            known = self._compensation
        except AttributeError:
            summary = self._data["compensation"]
            known = None if summary is None else CompensationSummary(summary)
            _set_compensation(self, known)
        return known

    @property
    def trace(self) -> list[TraceStep] | None:
        """Why each rule did or did not fire (explain only; None otherwise). Each read gives a
        new list (of the same read-only views, made once): changing it changes nothing."""
        try:
            known = self._trace
        except AttributeError:
            steps = self._data.get("trace")
            known = None if steps is None else _views(TraceStep, steps)
            _set_trace(self, known)
        return None if known is None else known.copy()

    def checklist(
        self,
        event: Mapping[str, Any] | Event | None = None,
        *,
        time_zone: str | None = None,
        plan: Plan | None = None,
    ) -> str:
        """The decision as the checklist ``backplan eval --pretty`` prints for an agent (without
        its closing blank line): what to do, by when and for how much, in words, so an app
        that shows a case to its staff gives them the command line's very text.

        ``event``: the event decided, a mapping or an :class:`~engine.event.Event`, when at
        hand: an offer it could not size then says what the event holds there, and an offer of
        an amount in another currency is noted. ``time_zone``: a zone such as
        ``Europe/Paris`` to write the times in (``--time-zone``); UTC by default. ``plan``:
        the plan that made the decision, with the event: for a decision of the fallback, what
        the event most likely misspelt is said under it ("Perhaps because `revew` is no event
        type..."), as ``eval --pretty`` says it; without them, a checklist of the fallback had
        lacked that line, which the command line prints (found by review). Raises ValueError,
        saying what to write, for a name that is no time zone, and TypeError for a zone, an
        event or a plan of another kind (a ``ZoneInfo``, a list, a ``PlanHolder``...): they had
        been an AttributeError of ``strip`` or of ``model``. Raises ValueError too for an event
        of another ``id`` than the decision's, or a plan of another fingerprint (a
        ``PlanHolder`` that reloaded between deciding and this call): the checklist had said
        what that other event holds, or what it misspelt of that other plan, as if of this
        decision. Text from the event is written with escapes for control characters, as on
        the terminal. A decision with a ``trace`` (:meth:`engine.api.Plan.explain`) gives the
        same checklist: the reasons ``eval --pretty --explain`` prints after it are its
        ``trace``'s (each step's ``rule``, ``matched`` and ``reason``)."""
        from engine.checklist import moment_words, render_checklist, zoned_moments

        times: Callable[[str], str] = moment_words
        if time_zone is not None:
            from engine.zones import zone_named

            times = zoned_moments(zone_named(time_zone))
        if event is not None and event.__class__ is not dict:
            from engine.event import Event

            if not isinstance(event, Event | Mapping):
                raise TypeError(_NOT_AN_EVENT.format(type(event).__name__))
            event = event.to_event_dict() if isinstance(event, Event) else dict(event)
        if event is not None:
            _held_to_decision("event", event.get("id"), self._data["event_id"])
        deciding = None if plan is None else _deciding_plan(plan)
        if deciding is not None:
            _held_to_decision("plan", deciding.fingerprint, self.plan.fingerprint)
        misspelt = ""
        if deciding is not None and event is not None:
            from engine.explain import fallback_misspelt

            misspelt = fallback_misspelt(deciding.model, event, self._data, near_values=True)
        rules = () if deciding is None else deciding.model.rules
        return render_checklist(self._data, event, misspelt, times, rules)


class ExplainedDecision(Decision):
    """A decision made by :meth:`engine.api.Plan.explain`: a :class:`Decision` whose ``trace``
    is always there, so it is typed without ``None`` and an app checked with ``mypy --strict``
    reads ``plan.explain(event).trace`` without testing it first. It equals the
    :class:`Decision` of the same document."""

    __slots__ = ()

    @property
    def trace(self) -> list[TraceStep]:
        """Why each rule did or did not fire: every rule of the plan in the order it is tried.
        Each read gives a new list (of the same read-only views, made once): changing it
        changes nothing. Raises ValueError for a document that has no trace (an
        ``ExplainedDecision`` made by hand from a decision :meth:`engine.api.Plan.evaluate` made)."""
        steps = super().trace
        if steps is None:
            raise ValueError("this decision has no trace: make it with Plan.explain(event)")
        return steps

    def __repr__(self) -> str:
        """Its fields, as a :class:`Decision`'s; of one made by hand of a document with no
        trace, ``trace=None``, as its document holds: a ``repr`` never raises (a failed
        ``assert`` in pytest, a debugger, a log line call it), and it had raised the
        ValueError :attr:`trace` gives (found by review)."""
        if self._data.get("trace") is None:
            return type(self).__name__ + repr(Decision(self._data)).removeprefix("Decision")
        return super().__repr__()


_NO_TRACE = (
    "/trace: is missing: an explained decision always has it (Plan.explain, `backplan eval "
    "--explain`); read a decision without one with Decision.validate"
)
"""What ``ExplainedDecision.validate`` says of a decision that has no trace."""


def _no_trace(document: Any) -> str:
    """What ``ExplainedDecision.validate`` says of ``document``, a decision without a trace:
    one whose ``trace`` is null is told so, as a null in another field is ("should be a list,
    not null"); it had been told its trace "is missing", which its reader saw was there
    (found by review)."""
    if "trace" not in document:
        return _NO_TRACE
    return _NO_TRACE.replace("is missing", "should be a list, not null", 1)


_NOT_AN_EVENT = "event is the event decided, a dict or an engine.Event, not {}"
"""What ``Decision.checklist`` says of an ``event`` that is no mapping."""


def _deciding_plan(plan: object) -> Plan:
    """``plan``, given to ``Decision.checklist``, when it is a loaded plan; else a TypeError
    saying how to give one (its ``model`` had been read, an AttributeError)."""
    from engine.api import Plan
    from engine.reload import PlanHolder

    if isinstance(plan, Plan):
        return plan
    if isinstance(plan, PlanHolder):  # holder.plan now may be another than the one deciding
        fix = "read holder.plan once, decide with it, and give it here"
    elif isinstance(plan, (str, os.PathLike)):
        fix = "load it first, engine.load_plan(path), and decide with it"
    else:
        fix = "give the one whose evaluate() made the decision"
    raise TypeError(f"plan is the Plan that made the decision, not {type(plan).__name__}: {fix}")


def _held_to_decision(name: str, given: Any, decided: Any) -> None:
    """A ValueError when the event's ``id`` or the plan's fingerprint given to
    ``Decision.checklist`` is not the decision's: the checklist would mix another event's data
    or another plan's words into this decision's."""
    if given.__class__ is not decided.__class__ or given != decided:
        what, fix = _NOT_THE_DECISIONS[name]
        raise ValueError(
            f"{name} is not the {name} of this decision: its {what} is {given!r}, the "
            f"decision's {decided!r}; {fix}, or none"
        )


_NOT_THE_DECISIONS = {
    "event": ("id", "give the event decided"),
    "plan": ("fingerprint", "give the plan that made it (a reload made since changes it)"),
}
"""What :func:`_held_to_decision` compares of each, and how to mend it."""


def _format_checked(document: Any) -> dict[str, Any]:
    """The document as the decision model writes it back once it accepts it (raises
    DecisionFormatError)."""
    from pydantic import ValidationError

    from engine.decisionmodel import Decision as DecisionModel
    from engine.errors import DecisionFormatError

    try:
        checked: dict[str, Any] = DecisionModel.model_validate(document).model_dump(mode="json")
    except ValidationError as error:
        raise DecisionFormatError(_format_problems(error.errors(), document)) from error
    if checked["trace"] is None:
        del checked["trace"]
    return checked


def _money_checked(document: dict[str, Any]) -> dict[str, Any]:
    """A document the format accepts, once its money adds up (raises DecisionFormatError).

    The format holds each amount to its own pattern, which no schema can hold to the others: a
    decision edited by hand or written by another tool, with an offer of ``"7.505"`` in USD,
    one of its offers in JPY, or a ``total`` that is not what its offers come to, had been
    taken by :meth:`Decision.validate` and ``backplan report``, whose total then read
    ``193.615 USD``, an amount no till pays, and no longer each decision's total (found by a
    finance controller's trial). ``eval`` writes none of these (docs/semantics.md, *Money and
    rounding*)."""
    summary = document["compensation"]
    if summary is not None and _surely_adds_up(summary, document["actions"]):
        return document
    offers = [
        (f"/actions/{number}/params", action["params"])
        for number, action in enumerate(document["actions"])
        if action["type"] == "compensate"
    ]
    if summary is None:
        problems = [f"{offers[0][0]}: {_NO_SUMMARY}"] if offers else []
    else:
        problems = _money_problems(summary, offers)
    if problems:
        from engine.errors import DecisionFormatError

        raise DecisionFormatError(problems)
    return document


def _surely_adds_up(summary: dict[str, Any], actions: list[dict[str, Any]]) -> bool:
    """Whether the money of a decision's compensation surely adds up, told without ``Decimal``
    or the words of :func:`_money_problems`, which say what is wrong (False: ask them). The
    usual decision makes one offer, its amount the total: the check had cost ``backplan
    report`` 6.5 µs of its 23 µs a decision (found by review), most of them to write where
    each amount is, though nothing was wrong with it."""
    digits = _currency_digits(currency := summary["currency"])
    offers = [action["params"] for action in actions if action["type"] == "compensate"]
    if len(offers) != 1:
        return False  # none, or a sum
    offer, total, cap = offers[0], summary["total"], summary["cap"]
    if offer["amount"] != total or offer["currency"] != currency:
        return False
    amounts = [total, summary["offered"], cap, summary["approval_threshold"]]
    amounts += [record["amount"] for record in summary["superseded"]]
    if any(text is not None and _decimals(text) != digits for text in amounts):
        return False
    if cap is None:
        return True
    from decimal import Decimal

    return Decimal(total) <= Decimal(cap)


@functools.lru_cache(maxsize=300)  # a decision's currency is any text: the cache is bounded
def _currency_digits(currency: str) -> int:
    """``engine.money.minor_unit_digits``, imported when the first decision is read back (most
    commands read none, and ``decimal`` costs start-up), and remembered per currency."""
    from engine.money import minor_unit_digits

    return minor_unit_digits(currency)


_NO_SUMMARY = (
    "an offer made, but the decision's `compensation` is null: a decision that makes an offer "
    "sums it up there (docs/semantics.md, *The decision, field by field*)"
)


def _money_problems(summary: dict[str, Any], offers: list[tuple[str, Any]]) -> list[str]:
    """What is wrong with the money of a decision's compensation: an amount with other
    decimals than its currency's, or an offer in another currency; else a total other than
    the sum of the offers made, or above the cap."""
    from decimal import Decimal

    from engine.money import MONEY

    currency = summary["currency"]
    digits = _currency_digits(currency)
    places = [(f"/compensation/{key}", summary[key]) for key in _SUMMARY_AMOUNTS]
    places += [
        (f"/compensation/superseded/{number}/amount", record["amount"])
        for number, record in enumerate(summary["superseded"])
    ]
    places += [(f"{place}/amount", params["amount"]) for place, params in offers]
    problems = [
        f"{place}: `{text}` {_decimals_words(text, digits, currency)}"
        for place, text in places
        if text is not None and _decimals(text) != digits
    ]
    problems += [
        f"{place}/currency: `{params['currency']}`, but the decision's compensation is in "
        f"{currency} (/compensation/currency): every offer is paid in the plan's currency"
        for place, params in offers
        if params["currency"] != currency
    ]
    if problems:  # its sums would be of amounts already wrong: said once, where they are
        return problems
    made = Decimal(0)
    for _, params in offers:
        made = MONEY.add(made, Decimal(params["amount"]))
    total, cap = Decimal(summary["total"]), summary["cap"]
    if total != made:
        problems.append(
            f"/compensation/total: `{summary['total']}`, but the offers made (the decision's "
            f"`compensate` actions) add up to {made}: the total is their sum"
        )
    if cap is not None and total > Decimal(cap):
        problems.append(
            f"/compensation/total: `{summary['total']}` is above the plan's limit per "
            f"complaint (/compensation/cap, {cap}): no decision gives more than its cap"
        )
    return problems


_SUMMARY_AMOUNTS = ("total", "offered", "cap", "approval_threshold")
"""The amounts of money a compensation summary holds (``cap`` and the threshold may be null)."""


def _decimals(text: str) -> int:
    """How many decimals an amount's text has (the format's pattern: digits, a point, digits)."""
    point = text.find(".")
    return 0 if point < 0 else len(text) - point - 1


def _decimals_words(text: str, digits: int, currency: str) -> str:
    """Why an amount with the wrong number of decimals is refused, and what it should be."""
    from decimal import Decimal

    from engine.money import format_money, round_money

    has = f"{_decimals(text)} decimal{'' if _decimals(text) == 1 else 's'}"
    should = f"{digits} decimal{'' if digits == 1 else 's'}" if digits else "no decimals"
    paid = format_money(round_money(Decimal(text), currency))
    return (
        f"has {has}, but {currency} amounts have {should}, as a decision writes them "
        f'(such as "{paid}"): no currency pays less than its smallest unit'
    )


def surely_a_decision(document: Any) -> bool:
    """:func:`engine.decisioncheck.surely_a_decision`, imported when the first decision is
    read back: this module is imported by every command and app that decides (through
    ``engine.api``), and only ``backplan report`` reads decisions back. Imported with it, the
    check (and the schema reading it needs) had added about 3 ms to the start of each of them
    (found by review)."""
    return _quick_check()(document)


@functools.cache
def _quick_check() -> Callable[[Any], bool]:
    """The check, imported once (a call costs some 30 ns, an import statement 600)."""
    from engine.decisioncheck import surely_a_decision as check

    return check


def parsed_document(document: Any) -> dict[str, Any]:
    """A document orjson has just parsed from a decision line, checked against the format as
    :meth:`Decision.validate` checks it, for a reader of many (``backplan report``): the
    document itself when ``engine.decisioncheck`` is sure the format accepts it (it then holds
    what the model would give back), else the model's own copy, or the model's refusal.

    orjson makes JSON data only (it refuses a lone surrogate, ``NaN``, and reads a whole
    number beyond 64 bits as a float), so the document is not walked for anything else, which
    was three quarters of the time of validating a decision. Nesting is not walked either: the
    document is for reading, and pydantic's own check holds it to about 250 levels.

    A line nested deeper than pydantic writes (orjson reads up to 1024 levels) is walked once
    pydantic has refused it, and refused with where it nests too deep: pydantic's plain
    ValueError, "Maximum serialization depth exceeded", had stopped ``backplan report`` with
    an internal error, and the decisions read were lost (found by review)."""
    if surely_a_decision(document):
        return _money_checked(document)
    from engine.errors import DecisionFormatError

    try:
        return _money_checked(_format_checked(document))
    except DecisionFormatError:
        raise
    except ValueError:  # pydantic's depth: the walk says where (no cost till then)
        too_deep = list(not_json_data(document))
        if not too_deep:  # pragma: no cover - pydantic refuses deeper than the walk names
            raise
        raise DecisionFormatError(too_deep) from None


_set_actions = Decision.__dict__["_actions"].__set__
_set_compensation = Decision.__dict__["_compensation"].__set__
_set_trace = Decision.__dict__["_trace"].__set__
