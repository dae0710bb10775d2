"""The one exception hierarchy, and diagnostics: located problems reported as data.

Every problem Backplan reports to a person is a :class:`Diagnostic`: where (file, line, column and
JSON pointer), how bad, a stable code, what is wrong and how to fix it. Exceptions carry
diagnostics instead of formatting them, so the CLI and embedding apps render them as they like.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import FrozenInstanceError, dataclass, field
from enum import StrEnum
from typing import Any, NoReturn, TypeVar

from engine.formats import DECISION_FORMAT


class Severity(StrEnum):
    """How bad a diagnostic is; only errors make a plan invalid."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def shown_path(path: str) -> str:
    """A file name as text any output can hold: bytes of the name that are not UTF-8 (which
    Python keeps as lone surrogates, ``\udcff``) are written as escapes (``\\xff``).

    The name itself is kept as it is everywhere else (the file is opened by it); only what is
    written out goes through here, since JSON, XML and a UTF-8 terminal cannot hold a lone
    surrogate (orjson refuses it, and the whole output was lost).
    """
    if path.isascii():
        return path
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no byte maps to (only an app can pass one)
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


_ACTING = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""The Unicode categories of characters a terminal acts on, or that hide or reorder text,
rather than show: controls (C0 with tab and line breaks, DEL, C1), formatting (the bidi
overrides and isolates such as U+202E, zero-width characters, soft hyphens), lone surrogates,
and the line and paragraph separators."""


def shown_text(text: str) -> str:
    """Text from outside (an event's id, a message filled in from it) as a person's screen may
    show it: every character of :data:`_ACTING` written as the escape Python writes in a string
    (``\\x1b``, ``\\x07``, ``\\n``, ``\\u202e``), as error messages quote a value.

    Whoever can send an event writes these characters; printed as they are, an ESC sequence
    clears an operator's screen or sets its title, and U+202E shows text reversed. The
    checklist, ``explain`` and plan-test reports write all such text through here, and always
    on one line, so no value can forge a line of its own. Backslashes are kept as they are (a
    pattern's ``\\b`` stays readable), so a value may spell an escape: it then only reads like
    one; and an emoji joined by U+200D shows its joiner (``\\u200d``), the price of hiding
    nothing. JSON output needs none of this: JSON escapes control characters itself, and keeps
    the text exact.

    File names go through here too: whoever can name a file (an event file from a helpdesk
    export, a file dropped into a plan folder) writes its characters as well, and a byte of a
    name that is not UTF-8 is written as :func:`shown_path` writes it in JSON (``\\xff``).
    """
    if text.isprintable():  # nearly always: no character is looked at one by one
        return text
    import unicodedata  # only now: most commands never meet such a character

    text = _as_utf8(text)
    return "".join(
        escaped_character(char) if unicodedata.category(char) in _ACTING else char for char in text
    )


_WHOLE_NUMBER = re.compile(r"-?[0-9]+")


def shown_event_id(event_id: str | int) -> str:
    """An event's id as a line of text shows it: a number as its digits, text as
    :func:`shown_text` shows it, in double quotes when it reads as a whole number.

    An id may be text or a number, and ``"1"`` and ``1`` are two events (as eval, report and
    compare pair them); both shown as ``1``, a changed event or a repeat named one that read
    as the other."""
    if isinstance(event_id, str):
        text = shown_text(event_id)
        return f'"{text}"' if _WHOLE_NUMBER.fullmatch(event_id) else text
    return str(event_id)


def named_path(path: Any) -> str:
    """A path (text, bytes or a path object) as every message of Backplan names it
    (:func:`shown_text`): a byte that is not
    UTF-8 as ``\\xff``, a control character as its escape, a backslash as it is; click's
    ``format_filename`` wrote such a byte as ``�``, and ``repr`` doubled a backslash."""
    import os

    return shown_text(os.fsdecode(path))


def _as_utf8(text: str) -> str:
    """``text`` with the bytes of a file name that are UTF-8 read as the letters they are:
    where Python's file-system encoding is ASCII (``PYTHONUTF8=0`` in the C locale) it keeps
    every byte of ``plän`` as a lone surrogate, which :func:`shown_path` reads back as ``ä``
    in JSON while the lines of text had said ``pl\\xc3\\xa4n``. The other bytes stay
    surrogates, escaped as :func:`escaped_character` writes them."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no byte maps to (only an app can pass one)
        return text


def escaped_character(char: str) -> str:
    """One character as Python writes it inside a string: ``\\x1b``, ``\\u202e``, ``\\n``; a
    byte of a file name that is not UTF-8 (kept by Python as U+DC80 to U+DCFF) as that byte,
    ``\\xff``, as :func:`shown_path` writes it, so a name reads the same in every message."""
    if "\udc80" <= char <= "\udcff":
        return f"\\x{ord(char) - 0xDC00:02x}"
    return repr(char)[1:-1]


def fault_words(error: BaseException) -> str:
    """What went wrong inside Backplan while deciding one event, for its ``internal-error``
    record: the kind of fault without internals, and running out of memory (RE2's
    ``std::bad_alloc`` arrives as a ``MemoryError``) said as such."""
    if isinstance(error, MemoryError):
        return "out of memory while deciding this event"
    return f"internal error ({type(error).__name__})"


_Frozen = TypeVar("_Frozen", bound=type)


def read_only(cls: _Frozen) -> _Frozen:
    """``cls`` (a frozen dataclass with ``slots=True``) refusing any change with an
    ``AttributeError`` (``FrozenInstanceError``) that names it: ``a ReloadResult is read-only:
    it has no attribute `note` to set``.

    Python 3.11 makes such a class twice, and the ``__setattr__`` and ``__delattr__`` it
    writes for ``frozen`` look for the first class: a field was refused as it should be, but
    any other name (``result.note = ...``, a misspelt field) raised ``TypeError: super(type,
    obj): obj must be an instance or subtype of type``, Python's internals in an app's log, and
    no ``AttributeError`` for an app to catch, as the README promises for a change to a
    read-only object (found by embedding). Making one still sets its fields (``__init__``,
    ``copy``, pickle and ``dataclasses.replace`` set them through ``object``)."""

    def refuse(self: object, attribute: str, *value: object) -> NoReturn:
        name = type(self).__name__
        article = "an" if name[:1] in "AEIOU" else "a"
        if attribute in getattr(self, "__dataclass_fields__", ()):
            raise FrozenInstanceError(
                f"{article} {name} is read-only: `{attribute}` cannot be changed"
            )
        verb = "set" if value else "delete"
        raise FrozenInstanceError(
            f"{article} {name} is read-only: it has no attribute `{attribute}` to {verb}"
        )

    cls.__setattr__ = refuse  # type: ignore[method-assign]
    cls.__delattr__ = refuse  # type: ignore[assignment]
    return cls


@read_only
@dataclass(frozen=True, slots=True)
class SourceLocation:
    """A place in a plan file: 1-based line and column, plus the JSON pointer of the value."""

    path: str
    line: int = 0
    column: int = 0
    pointer: str = ""

    def inside(self, token: str) -> SourceLocation:
        """The place of the value under ``token`` inside this one; a place already worked out
        knows nothing of what is inside it, so it is its own answer (see ``LazyLocation``)."""
        return self

    def __str__(self) -> str:
        if self.line:
            return f"{shown_text(self.path)}:{self.line}:{self.column}"
        return shown_text(self.path)


@read_only
@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One located problem: ``FILE:LINE:COL: severity: message [code]`` plus a hint."""

    severity: Severity
    code: str
    message: str
    source: SourceLocation
    hint: str = ""
    related: tuple[SourceLocation, ...] = field(default=())

    def render(self) -> str:
        """The text form: one line, then the hint and related places indented below it. The
        message and hint are written as in :meth:`to_json`: a file name quoted in them with a
        lone surrogate per byte (read where Python reads names as ASCII) shows its letters,
        where a terminal's writer had turned each into ``?``."""
        text = f"{self.source}: {self.severity.value}: {shown_path(self.message)} [{self.code}]"
        if self.hint:
            text += f"\n  hint: {shown_path(self.hint)}"
        for place in self.related:
            text += f"\n  see: {place}"
        return text

    def to_json(self) -> dict[str, Any]:
        """The JSON form used by ``--format json``. The message and hint may quote a file's
        name, whose bytes beyond ASCII Python keeps as lone surrogates where it reads names
        as ASCII (``PYTHONUTF8=0`` in the C locale): written as :func:`shown_path` writes the
        file, or orjson refused them and the whole list was an internal error."""
        return {
            "file": shown_path(self.source.path),
            "line": self.source.line,
            "column": self.source.column,
            "pointer": self.source.pointer,
            "severity": self.severity.value,
            "code": self.code,
            "message": shown_path(self.message),
            "hint": shown_path(self.hint),
            "related": [
                {
                    "file": shown_path(r.path),
                    "line": r.line,
                    "column": r.column,
                    "pointer": r.pointer,
                }
                for r in self.related
            ],
        }

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order diagnostics as a reader meets them in the files."""
        return (self.source.path, self.source.line, self.source.column, self.code)


def in_order_once(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Diagnostics in file order, each once by what a person reads: a mistake inside a YAML
    anchor is met again at every alias of it, at the anchor's place and in the same words
    (only the JSON pointer differs), and is one mistake to fix, not one per use. So is one
    that names its rule, met in every rule an anchored ``then:`` is aliased into: told once,
    naming the other rules (:func:`_alias_repeats_told_once`)."""
    once: dict[str, Diagnostic] = {}
    for diagnostic in sorted(diagnostics, key=Diagnostic.sort_key):
        once.setdefault(diagnostic.render(), diagnostic)
    return _alias_repeats_told_once(once.values())


_RULE_INDEX = re.compile(r"^/rules/\d+(?=/|$)")
"""A rule's index at the start of a JSON pointer: what differs between an anchor's value and
each alias of it in another rule of the same file."""


def _alias_repeats_told_once(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """One diagnostic for a mistake of a YAML anchor aliased into several rules: a ``then:``
    written once (``&std``) and used by 27 rules (``*std``) gave 27 reports at one
    ``file:line:col``, alike but for the rule named, a flood a manager scrolled through to find
    the one thing to fix (found by trial). The first is kept, its message naming the rules
    that repeat it; reports at one place that differ otherwise (another field, two names that
    differ) are all kept."""
    kept: list[Diagnostic] = []
    repeats: dict[tuple[object, ...], tuple[int, list[str]]] = {}
    for diagnostic in diagnostics:
        key = _alias_key(diagnostic)
        if key is not None and key in repeats:
            index, names = repeats[key]
            name = _only_other_name(kept[index], diagnostic)
            if name is not None:
                names.append(name)
                continue
        if key is not None and key not in repeats:
            repeats[key] = (len(kept), [])
        kept.append(diagnostic)
    for index, names in repeats.values():
        if names:
            kept[index] = _naming_repeats(kept[index], names)
    return tuple(kept)


def _alias_key(diagnostic: Diagnostic) -> tuple[object, ...] | None:
    """What a report met again through an alias in another rule shares with the first: its
    place, code, severity, and its pointer but for the rule's index; None outside a rule."""
    place = diagnostic.source
    pointer = _RULE_INDEX.sub("/rules/*", place.pointer)
    if pointer == place.pointer or not place.line:
        return None
    return (place.path, place.line, place.column, diagnostic.code, diagnostic.severity, pointer)


def _only_other_name(first: Diagnostic, other: Diagnostic) -> str | None:
    """The one name in backquotes where ``other`` says another than ``first`` (its rule's
    id), message and hint otherwise alike; None when they differ in anything else."""
    ours, theirs = first.message.split("`"), other.message.split("`")
    if len(ours) != len(theirs) or first.related != other.related:
        return None
    differ = [i for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b]
    if len(differ) != 1 or differ[0] % 2 == 0:
        return None
    mine, name = ours[differ[0]], theirs[differ[0]]
    if first.hint.replace(f"`{mine}`", f"`{name}`") != other.hint:
        return None
    return name


def _naming_repeats(first: Diagnostic, names: list[str]) -> Diagnostic:
    """``first`` saying which other rules hold the same mistake through an alias."""
    from engine.wording import list_names  # (wording builds on the model, which imports this)

    more = counted(len(names), "more rule")
    listed = list_names([f"`{name}`" for name in names])
    message = (
        f"{first.message}; the same text is used again, through a YAML alias (`*`), "
        f"by {more}: {listed}"
    )
    return Diagnostic(first.severity, first.code, message, first.source, first.hint, first.related)


class BackplanError(Exception):
    """The base of every exception Backplan raises on purpose."""

    def __init__(self, message: str, source: SourceLocation | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


def counted(number: int, noun: str) -> str:
    """``1 problem``, ``3 problems``, ``12,345 decisions``: a count with its noun, in the
    plural when it is not one, its thousands grouped as eval's warnings group them
    (every noun counted in a message is a regular one). ``problem(s)`` had read as a form to
    fill in, beside ``lint`` and ``test``, which said ``1 warning`` and ``2 errors``."""
    return f"{number} {noun}" if number == 1 else f"{number:,} {noun}s"


class PlanError(BackplanError):
    """A plan could not be loaded: it carries every diagnostic found, in order, each once
    (:func:`in_order_once`)."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = in_order_once(diagnostics)
        errors = [d for d in self.diagnostics if d.severity is Severity.ERROR]
        first = errors[0] if errors else (self.diagnostics[0] if self.diagnostics else None)
        summary = f"{counted(len(errors), 'error')} in the plan"
        if first is not None:
            summary += f"; first: {first.source}: {first.message}"
        super().__init__(summary, first.source if first else None)

    def __str__(self) -> str:
        return self.message  # it names the first problem's place already: not twice

    def __reduce__(self) -> tuple[type[PlanError], tuple[tuple[Diagnostic, ...]]]:
        """Made again from its diagnostics, so that a PlanError raised in a worker process
        reaches the caller (pickle would otherwise call ``__init__`` with the summary)."""
        return type(self), (self.diagnostics,)


class EventError(BackplanError):
    """An event cannot be decided (not an object, no id or type, a bad timestamp...)."""

    def __init__(self, message: str, pointer: str = "", code: str = "bad-event") -> None:
        super().__init__(message)
        self.pointer = pointer
        self.code = code

    def __repr__(self) -> str:
        """The message, the pointer and the code, as the error is made: Exception's own repr
        showed the message alone, and an app that logged ``repr`` lost which field was wrong
        and the code it sorts rejected events by (found by review). ``args`` stay the message
        alone, so pickling and ``str`` are as they were."""
        return (
            f"{type(self).__name__}({self.message!r}, pointer={self.pointer!r}, code={self.code!r})"
        )

    def _defined_by(self) -> tuple[str, str, str, SourceLocation | None]:
        """What makes two of these the same error: its words, field, code and place."""
        return (self.message, self.pointer, self.code, self.source)

    def __eq__(self, other: object) -> bool:
        """Equal when of the same class and saying the same of the same field: an exception
        compares by identity, so an ``EvaluationResult`` holding an error was not equal to
        its own copy sent back from a worker process or through ``pickle``, while one
        holding a ``Decision`` was, and an app that compared results (a run again, a cache)
        saw every rejected event as changed (found by review)."""
        if not isinstance(other, EventError) or type(other) is not type(self):
            return NotImplemented
        return self._defined_by() == other._defined_by()

    def __hash__(self) -> int:
        """Over what :meth:`__eq__` compares, so equal errors fall in one set or dict key."""
        return hash((type(self), self._defined_by()))


class DecisionFormatError(BackplanError, ValueError):
    """A document is not a decision in the format (``Decision.validate``): ``problems`` says
    where and what, one line each (``/actions/0/rule: is missing: a decision always has it``)."""

    SHOWN = 10
    """How many problems the message itself lists (``problems`` holds them all)."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        shown = "; ".join(self.problems[: self.SHOWN])
        if count > self.SHOWN:
            shown += f"; and {count - self.SHOWN} more"
        super().__init__(
            f"not a decision in the {DECISION_FORMAT} format ({counted(count, 'problem')}): {shown}"
        )

    def __reduce__(self) -> tuple[type[DecisionFormatError], tuple[tuple[str, ...]]]:
        """Made again from its problems, as :class:`PlanError` is from its diagnostics:
        pickle and ``copy`` would otherwise call ``__init__`` with the message, read as one
        problem per character, so the copy's ``args`` and ``repr`` read "(330 problem(s)):
        n; o; t; ..." (found by review)."""
        return type(self), (self.problems,)


class PlanTestError(BackplanError):
    """A plan-test file is malformed (not a failing test: those are results, not errors)."""


class PlanTestFileError(PlanTestError):
    """One or more test files are malformed; ``diagnostics`` says where and how, in order,
    each once (:func:`in_order_once`).

    ``plan_diagnostics`` are the problems of the plans those files chose that are invalid too:
    they are among ``diagnostics``, so a manager fixes test files and plan in one round, not
    learning of the plan's mistakes only once the test files are right.
    """

    def __init__(
        self, diagnostics: Iterable[Diagnostic], plan_diagnostics: Iterable[Diagnostic] = ()
    ) -> None:
        self.plan_diagnostics = in_order_once(plan_diagnostics)
        self.diagnostics = in_order_once([*diagnostics, *self.plan_diagnostics])
        first = self.diagnostics[0] if self.diagnostics else None
        summary = f"{counted(len(self.diagnostics), 'problem')} in the test files"
        if self.plan_diagnostics:
            summary += f" and their plans ({len(self.plan_diagnostics)} of them in the plans)"
        super().__init__(summary, first.source if first else None)

    def __reduce__(
        self,
    ) -> tuple[type[PlanTestFileError], tuple[tuple[Diagnostic, ...], tuple[Diagnostic, ...]]]:
        """Made again from its diagnostics, as :class:`PlanError` is (pickle and ``copy``
        would otherwise call ``__init__`` with the summary)."""
        return type(self), (self.diagnostics, self.plan_diagnostics)
