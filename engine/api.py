"""The embedding API: load a plan once, evaluate many events.

>>> from engine import load_plan
>>> plan = load_plan("rules/")                                # doctest: +SKIP
>>> decision = plan.evaluate({"id": "e1", "type": "review", "rating": 1})  # doctest: +SKIP

A :class:`Plan` is immutable and thread-safe: share one across threads and requests. Loading is
the only place with I/O (and the first :meth:`Plan.tested_field_off_schema`, which reads the
event schema packaged with the engine); evaluation is pure.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, KeysView, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from io import IOBase
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from engine.checks import run_checks
from engine.decision import Decision, ExplainedDecision, canonical_json, decision_json_line
from engine.documents import LoadedDocument, read_plan_text
from engine.errors import (
    Diagnostic,
    EventError,
    PlanError,
    Severity,
    counted,
    fault_words,
    read_only,
)
from engine.gcpause import paused_gc
from engine.model import PlanModel
from engine.planfile import PlanFiles, build_model, find_plan_files, load_documents
from engine.resources import starter_plan_dir

if TYPE_CHECKING:  # imported when first needed, so `backplan validate` starts fast
    from engine.compile import CompiledMatcher
    from engine.evaluate import Decider
    from engine.event import Event
    from engine.offschema import OffSchema

PlanSource = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]
"""One path (a file or a folder), or several in order: the files are read in the order given,
and it is the order equal-priority rules fire in (a set, which has no order, is refused). A
path is text or any object Python's own ``open`` takes as one (``pathlib.Path``, a
``PurePath``, an app's class with ``__fspath__``)."""


def source_paths(source: PlanSource) -> list[str | Path]:
    """The paths a plan source names: one path, or each of several; a TypeError in words for
    anything else (``load_plan(123)`` had said "'int' object is not iterable", and bytes were
    read one number at a time). Any ordered iterable of paths is taken (a generator too, though
    typed as a sequence); a mapping (its keys) and a set (no order: equal-priority rules fired
    in another order in each process) are refused (found by review)."""
    if isinstance(source, str):
        _no_line_break(source, "")
    if (one := _a_path(source)) is not None:
        return [one]
    if isinstance(source, (bytes, bytearray)) or not isinstance(source, Iterable):
        raise TypeError(_NOT_A_SOURCE.format(type(source).__name__))
    if isinstance(source, IOBase):  # an open file: iterated, it is its lines, each a "path"
        raise TypeError(_NOT_A_SOURCE.format(f"an open file ({type(source).__name__})"))
    if isinstance(source, Mapping):  # iterated, it is its keys: `backplan: no such file`
        raise TypeError(_NOT_A_SOURCE.format(f"a mapping ({type(source).__name__})") + _IN_PYTHON)
    if isinstance(source, AbstractSet) and not isinstance(source, KeysView):  # (keys: ordered)
        # its order, and so the decisions, change per process
        raise TypeError(_NOT_A_SOURCE.format(f"a set ({type(source).__name__})") + _UNORDERED)
    paths = []
    for item in source:
        if isinstance(item, str):
            _no_line_break(item, _EACH)
        if (path := _a_path(item)) is None:
            raise TypeError(_NOT_A_SOURCE.format(f"a list holding {type(item).__name__}"))
        paths.append(path)
    return paths


def _no_line_break(text: str, in_a_list: str) -> None:
    """A TypeError for text no plan's path holds: one with a line break inside (a plan's text),
    or ending with a line end (``\\n``, ``\\r\\n``, or the ``\\r`` that splitting a Windows
    file's text on ``\\n`` leaves), as a path read from a file keeps it; ``in_a_list``: what is
    said of a list's path instead of :data:`_LINE_END` ("" for the source itself). A list of
    such paths (``open(f).readlines()``), or one ending with ``\\r`` alone, had been told
    "rules\\n: no such file or folder", with no word of the line end. Text that names a file
    or folder all the same is a path: a name may hold a line break, and the command line gives
    its paths in a list (a lone text with a line break inside is refused as before)."""
    if "\n" not in text and not text.endswith("\r"):
        return
    if (in_a_list or "\n" not in text) and os.path.lexists(text):
        return  # a file's name may hold them (the command line gives its paths in a list)
    if "\n" in text.rstrip("\r\n"):
        raise TypeError(_PLAN_TEXT)
    raise TypeError(in_a_list or _LINE_END)


_EACH = (
    "a plan source is a path (str or pathlib.Path) or a list of paths, not a list holding text "
    "ending with a line break (paths read from a file, as readlines() gives them, keep their "
    "line ends): strip each first, [path.strip() for path in paths]"
)
"""Said of a list holding a path with its line end, instead of :data:`_LINE_END`."""


def _a_path(value: Any) -> str | Path | None:
    """``value`` as a path the plan is read from: text or a ``Path`` as it is, another path
    object (a ``PurePath``, an app's ``__fspath__``) as a ``Path``; None for anything else. A
    ``PurePath`` had been refused, "not PurePosixPath", where ``open`` takes one (found by
    review); a path spelt in bytes still is: the plan's messages name files as text."""
    if isinstance(value, (str, Path)):
        return value
    if isinstance(value, os.PathLike) and isinstance(spelt := os.fspath(value), str):
        return Path(spelt)
    return None


_NOT_A_SOURCE = "a plan source is a path (str or pathlib.Path) or a list of paths, not {}"
_IN_PYTHON = (
    ": to load a plan made in Python, write it to a .yaml file (yaml.safe_dump) and give its path"
)
_UNORDERED = (
    ": a set has no order, and the files' order is the order rules of equal priority fire in "
    "(and the plan's fingerprint), so each process could decide otherwise; give a list, such "
    "as sorted(paths), or the folder"
)
_PLAN_TEXT = (
    "a plan source is a path (str or pathlib.Path) or a list of paths, not a plan's text "
    "(this one holds a line break): load a plan's text with engine.load_plan_text(text) "
    "(check it with engine.check_plan_text(text))"
)
"""A plan's text given as a path: it names the functions that take one (a plan kept in a
database had been told to be saved to a file, and its messages then named that file)."""
_LINE_END = (
    "a plan source is a path (str or pathlib.Path) or a list of paths, not text ending with a "
    "line break (a path read from a file or from a command's output keeps its line end): "
    "strip it first, path.strip()"
)
"""A path with its line end, as ``f.read()`` or ``subprocess`` give it: it had been told to be
"a plan's text" and to be saved to a file, which it names already."""


def read_plan(source: PlanSource) -> PlanModel:
    """Load, validate and check a plan into its typed model (no compilation).

    Raises PlanError with every error found (schema and semantic); warnings are not raised.
    """
    return read_plan_files(find_plan_files(source_paths(source)))


def read_plan_files(found: PlanFiles, read: Callable[[Path], str] = read_plan_text) -> PlanModel:
    """:func:`read_plan` of the files ``engine.planfile.find_plan_files`` found, with the
    problems it found (paths missing or unreadable), each file's text given by ``read``: a hot
    reload reads through one that notes the bytes the plan is made from (``engine.reload``)."""
    with paused_gc():  # a large plan is a great many objects that all survive: see gcpause
        documents, read_problems = load_documents(found.files, read)
        return _checked_model(documents, [*found.problems, *read_problems], found.one_file)


def _checked_model(
    documents: list[LoadedDocument], problems: list[Diagnostic], one_file: bool
) -> PlanModel:
    """The plan the schema-validated ``documents`` make, built and checked, marked as checked
    (:attr:`PlanModel.checked`: ``Plan`` compiles it as it is); PlanError with the schema's
    ``problems`` and every problem found here."""
    if problems:  # the sound parts' meaning too: one round of fixes for a manager, not two
        from engine.soundparts import checks_beside

        problems += checks_beside(documents, problems, one_file=one_file)
        raise _plan_error(problems)
    model, problems = build_model(documents, one_file=one_file)
    if model is not None:
        problems += run_checks(model, severities=frozenset({Severity.ERROR}))
    if problems or model is None:
        raise _plan_error(problems)
    object.__setattr__(model, "checked", True)
    return model


def model_checked(model: PlanModel) -> PlanModel:
    """``model``, made or changed in Python, loaded again as a plan file that holds what it
    means (``engine.plandata``): each value held to the schema and every check as in a file,
    and the fingerprint the loader computes of that data, so a decision never names the
    version of the files the model was changed from. PlanError with the problems (told at
    ``<plan made in Python>``, each with its JSON pointer); TypeError, naming the place in
    the model, for a part no plan file can hold."""
    from engine.plandata import plan_data, plan_document
    from engine.schema import validate_plan_document

    document = plan_document(plan_data(model))
    with paused_gc():
        return _checked_model([document], validate_plan_document(document), one_file=False)


def _plan_error(problems: list[Diagnostic]) -> PlanError:
    """The plan's problems in order, each hint naming the pasted typography (a non-breaking
    space, a curly quote...) that broke its line, if any (``engine.typography``)."""
    from engine.typography import with_typography  # only for a plan that fails

    return PlanError(with_typography(sorted(problems, key=Diagnostic.sort_key)))


def _as_event_dict(event: Any) -> Any:
    """An ``engine.Event`` as the dict it is decided as; anything else as it is (deciding says
    what is wrong with what is no dict)."""
    if event.__class__ is dict:
        return event
    from engine.event import Event  # pydantic: only for an event that is no dict

    return event.to_event_dict() if isinstance(event, Event) else event


@read_only
@dataclass(frozen=True, slots=True)
class EvaluationResult:
    """One input of ``evaluate_many``: a decision, or the error that kept the event undecided."""

    index: int
    decision: Decision | None
    error: EventError | None


_NOT_A_MODEL = (
    "Plan(model) compiles a checked PlanModel (engine.read_plan(path) gives one), not {}: to "
    "load a plan from its files, use engine.load_plan(path)"
)
"""``Plan("rules/")``, ``Plan(None)``: the class is exported, and its name reads as the way to
make one; each raised ``AttributeError: ... has no attribute 'firing_order'`` from inside the
compiler (found by review)."""
_IMMUTABLE = "a compiled Plan is immutable; load a new one (see PlanHolder)"


class Plan:
    """A compiled, immutable backup plan.

    ``Plan(model)`` compiles the model ``read_plan`` gives as it is. A model made or changed in
    Python (``dataclasses.replace(model, rules=...)``) is loaded again first, as the one plan
    file it writes back to (:func:`model_checked`): PlanError for what a file could not say
    either (``rules=()``, a negative cap), TypeError for a part no file can hold, and else a
    plan deciding under that data's own fingerprint, never the one of the files it was changed
    from (docs/semantics.md, *In Python*).
    """

    __slots__ = ("__weakref__", "_decider", "_matcher", "_model", "_off_schema")
    """``__weakref__``: an app that keeps what it derives from each plan (per tenant, per
    version) in a ``weakref.WeakKeyDictionary``, or frees it with ``weakref.finalize``, lets
    it go with the plan a reload replaced; without the slot such an app got "cannot create
    weak reference to 'Plan' object", and had to keep every plan it ever loaded alive."""

    _model: PlanModel
    _matcher: CompiledMatcher
    _decider: Decider
    _off_schema: OffSchema | None

    def __init__(self, model: PlanModel) -> None:
        if not isinstance(model, PlanModel):
            raise TypeError(_NOT_A_MODEL.format(type(model).__name__))
        if not model.checked:  # made or changed in Python: see PlanModel.checked
            model = model_checked(model)
        from engine.compile import compile_plan
        from engine.evaluate import Decider

        with paused_gc():
            matcher = compile_plan(model)
            decider = Decider(model, matcher)
        object.__setattr__(self, "_model", model)
        object.__setattr__(self, "_matcher", matcher)
        object.__setattr__(self, "_decider", decider)
        object.__setattr__(self, "_off_schema", None)  # made when first asked

    @property
    def model(self) -> PlanModel:
        """The plan as typed, validated data (its rules, conditions and settings)."""
        return self._model

    @property
    def matcher(self) -> CompiledMatcher:
        """The plan's compiled matcher (which rules fire for an event)."""
        return self._matcher

    if not TYPE_CHECKING:  # pragma: no branch - always true when running; seen by a type
        # checker, they would let it allow any name

        def __setattr__(self, name: str, value: Any) -> None:
            raise AttributeError(_IMMUTABLE)

        def __delattr__(self, name: str) -> None:
            raise AttributeError(_IMMUTABLE)

    def __copy__(self) -> Plan:
        return self  # immutable: a copy would be the same plan

    def __deepcopy__(self, memo: dict[int, Any]) -> Plan:
        return self

    def __reduce__(self) -> NoReturn:
        """Refused in words: its compiled code cannot be pickled (pickle said only
        ``Can't pickle <function _m0>``)."""
        raise TypeError(
            "a compiled Plan cannot be pickled; send the plan's paths to the other process "
            "and load_plan them there (a fork-started process inherits the plan as it is)"
        )

    def __repr__(self) -> str:
        fingerprint = self.model.fingerprint
        return (
            f"<Plan {self.name!r}: {counted(len(self.model.rules), 'rule')}, {fingerprint[:19]}…>"
        )

    @property
    def name(self) -> str:
        """The plan's name."""
        return self.model.settings.name

    @property
    def fingerprint(self) -> str:
        """The plan version every decision names."""
        return self.model.fingerprint

    def decide(self, event: Mapping[str, Any] | Event) -> dict[str, Any]:
        """The decision as a plain JSON-ready document (fast path for serialising)."""
        if event.__class__ is not dict:
            event = _as_event_dict(event)
        return self._decider.decide(event)

    def tested_field_off_schema(self, event: Mapping[str, Any] | Event) -> str | None:
        """The first field this plan tests that the event holds with a value the event schema
        does not allow there (``rating`` for ``"rating": "1"``), or None.

        Deciding never asks this: a test on such a value is false, and the event is decided.
        Ask it of a decision that went to the fallback to learn whether the data, not the
        plan, sent it there (``backplan eval`` does, and warns); ``engine.eventschema``
        checks every field of the event instead. The first call reads the event schema packaged
        with the engine (a file), once per plan.
        """
        if event.__class__ is not dict:
            from engine.event import Event

            if not isinstance(event, Event):
                return None  # no fields at all: deciding says what is wrong with it
            event = event.to_event_dict()
        check = self._off_schema
        if check is None:
            from engine.offschema import plan_check

            check = plan_check(self.model)
            object.__setattr__(self, "_off_schema", check)  # equal for every thread: no lock
        return check(event)

    def evaluate(self, event: Mapping[str, Any] | Event) -> Decision:
        """Decide one event; raises EventError when the event cannot be decided.

        The event is a plain ``dict`` as JSON gives it (an app's ``TypedDict`` is one, hence
        ``Mapping`` in the signature) or an :class:`~engine.event.Event`; any other mapping is
        refused as ``not-an-object`` (docs/semantics.md, *In Python*)."""
        if event.__class__ is not dict:
            return Decision(self.decide(event))
        return Decision(self._decider.decide(event))  # the usual event: one call fewer

    def explain(self, event: Mapping[str, Any] | Event) -> ExplainedDecision:
        """The decision with its ``trace``: every rule of the plan in the order it is tried,
        whether it fired, and why not (the test that failed, with the event's value), as
        ``backplan eval --explain`` writes it; raises EventError as :meth:`evaluate` does. An
        :class:`~engine.decision.ExplainedDecision`, whose ``trace`` is typed without ``None``.

        For the one event whose decision must be accounted for (a complaint a person asks
        about, the fallback firing where a rule was expected): it tests every rule again, a
        great deal slower than :meth:`evaluate`."""
        from engine.explain import decide_with_trace  # only when asked

        return ExplainedDecision(decide_with_trace(self, _as_event_dict(event)))

    def evaluate_json(self, event: Mapping[str, Any] | Event) -> bytes:
        """Decide one event straight to canonical JSON bytes."""
        return canonical_json(self.decide(event))

    def decision_line(self, event: Mapping[str, Any] | Event) -> tuple[bytes, bool]:
        """The decision as one canonical JSON line (newline included), as ``backplan eval``
        writes it, and whether the plan's fallback decided it; raises EventError when the
        event cannot be decided.

        The document's keys are in order as made, so the line is written without sorting
        them (``engine.decision.decision_json_line``): the quickest way to stream decisions.
        """
        line, document = self.line_and_decision(event)
        return line, document["fallback"]

    def line_and_decision(self, event: Mapping[str, Any] | Event) -> tuple[bytes, dict[str, Any]]:
        """The decision's JSON line, as :meth:`decision_line` gives it, and its document
        (:meth:`decide`'s), to read more of the decision than whether the fallback made it
        (``backplan eval`` decides with this, and warns about offers left unsized)."""
        # the usual event, a dict, is decided with one call fewer (as in evaluate)
        document = self._decider.decide(event) if event.__class__ is dict else self.decide(event)
        return decision_json_line(document), document

    def evaluate_many(self, events: Iterable[Any]) -> Iterator[EvaluationResult]:
        """Decide a stream lazily: one result per event, in order; a bad event never stops it.

        One event given in place of the stream (a mapping, an ``engine.Event``) or JSON text
        is a TypeError at once: iterated, it would be its keys, fields or characters, each
        "decided" as a bad event. So is what cannot be iterated (``None``), which had raised
        only at the first result read, far from the call (found by review)."""
        text = (str, bytes, bytearray, memoryview, IOBase)  # an open file: its lines are text
        if isinstance(events, (Mapping, *text)) or _is_model(events):
            one = "text" if isinstance(events, text) else "one event"
            raise TypeError(
                f"evaluate_many takes an iterable of events, such as a list, not {one}: "
                "for one event use evaluate(event); for JSON Lines, decide each line read "
                "with engine.read_event(line)"
            )
        try:
            each = iter(events)
        except TypeError:
            raise TypeError(
                "evaluate_many takes an iterable of events, such as a list, not "
                f"{type(events).__name__}"
            ) from None
        return self._evaluate_each(each)

    def _evaluate_each(self, events: Iterable[Any]) -> Iterator[EvaluationResult]:
        for index, event in enumerate(events):
            try:
                decision = self.evaluate(event)
            except EventError as error:
                yield EvaluationResult(index, None, error)
            except Exception as error:  # never lose the rest of the stream to one event
                fault = EventError(fault_words(error), "", "internal-error")
                yield EvaluationResult(index, None, fault)
            else:
                yield EvaluationResult(index, decision, None)


def _is_model(value: Any) -> bool:
    """Whether ``value`` is a pydantic model (an ``engine.Event``): only when pydantic is
    already imported can one exist, so a stream of dicts never pays for importing it."""
    pydantic = sys.modules.get("pydantic")
    return pydantic is not None and isinstance(value, pydantic.BaseModel)


def load_plan(source: PlanSource | None = None) -> Plan:
    """Load a plan from a file, a folder, or several; the starter plan when source is None.

    An empty path (``""``) or an empty list raises PlanError (``no-plan-path``) rather than
    reading the current folder: give ``"."`` for that.
    """
    return Plan(read_plan(source if source is not None else starter_plan_dir()))


def load_plan_text(text: str | bytes, name: str = "plan.yaml") -> Plan:
    """Load a plan from its text (YAML, or JSON), as :func:`load_plan` loads it from a file:
    a plan kept in a database, or sent by an app's editor. ``name`` is the file its messages
    name (``tenant-42.yaml:7:5: ...``); nothing is read from or written to the disk.

    The same text gives the same plan, with the same fingerprint, as the file holding it.
    Raises PlanError with every error found, TypeError for what is no text.
    """
    return Plan(_model_of_text(text, name))


def check_plan_text(text: str | bytes, name: str = "plan.yaml") -> list[Diagnostic]:
    """Every error in a plan given as text, as :func:`load_plan_text` reads it (empty when
    valid); never raises for a problem in the plan (an editor's check before saving)."""
    return validate_plan_text(text, name)[1]


def validate_plan_text(
    text: str | bytes, name: str = "plan.yaml"
) -> tuple[PlanModel | None, list[Diagnostic]]:
    """:func:`validate_plan` of the file ``name`` holding ``text``: its model and no
    diagnostics, or None and every error (``engine.lint.lint_plan_text`` lints the model)."""
    try:
        return _model_of_text(text, name), []
    except PlanError as error:
        return None, list(error.diagnostics)


def _model_of_text(text: str | bytes, name: str) -> PlanModel:
    """:func:`read_plan` of one file named ``name`` holding ``text``: its bytes decoded and
    held to a file's limits, and every line a message reads again (a column, a hint) read
    from the text, not from a file of that name in the working folder (``given_text``).
    Before, an app had to write the text to a temporary file, and every message named it
    (``/tmp/tmpk2x9.yaml:7:5``), not the plan the manager knows."""
    from engine.documents import decode_plan_bytes
    from engine.locations import given_text

    shown = str(Path(_text_name(name)))
    if isinstance(text, str):
        raw = text.encode("utf-8", "surrogatepass")  # held to a file's size, and its UTF-8
    elif isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
    else:
        raise TypeError(_NOT_TEXT.format(type(text).__name__))
    decoded = decode_plan_bytes(raw, shown)
    with given_text(shown, decoded):
        model = read_plan_files(PlanFiles([Path(shown)], [], False), lambda _: decoded)
    object.__setattr__(model, "given_text", (shown, decoded))  # for checks run on it later
    return model


def _text_name(name: Any) -> str:
    """``name``, the file a plan given as text is told by; TypeError for no such name."""
    if not isinstance(name, str) or not name.strip() or "\n" in name or "\r" in name:
        raise TypeError(
            "the name of a plan given as text is the file name its messages give, such as "
            f"'tenant-42.yaml', not {name!r}"
        )
    return name


_NOT_TEXT = (
    "load_plan_text takes a plan's YAML or JSON text (str or bytes), not {}: for a plan "
    "held as data, give json.dumps(data); for its file, use engine.load_plan(path)"
)


def validate_plan(source: PlanSource) -> tuple[PlanModel | None, list[Diagnostic]]:
    """The plan's model and no diagnostics, or None and every error; never raises for the plan."""
    try:
        return read_plan(source), []
    except PlanError as error:
        return None, list(error.diagnostics)


def check_plan(source: PlanSource) -> list[Diagnostic]:
    """Every error in a plan (empty when valid); never raises for a problem in the plan."""
    return validate_plan(source)[1]
