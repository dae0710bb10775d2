"""What ``backplan eval`` writes for each input event: its answer, made the same way per run.

An answer is one output line per event, never more, never less: the decision as canonical
JSON, or as the checklist ``--pretty`` writes (with the trace ``--explain`` asks for), or an
error record (:func:`error_record`) for an event that cannot be decided, whatever went wrong
inside. Each answer also says whether the event was rejected, and the field it holds off the
event schema that mattered to its decision (``engine.tally.OffSchemaField``), for the warning
eval gives at the end.

:func:`answers` settles everything that is the same for every event (imports, options, how to
format) once per run, before worker processes are forked (``engine.parallel``), so that the
function called per event only decides and formats: it is eval's hot loop.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engine.api import Plan
    from engine.inputevent import InputEvent
    from engine.model import Rule
    from engine.tally import Answered, Answerer, OffSchemaField


def answers(
    plan: Plan,
    pretty: bool,
    with_trace: bool,
    strict: bool = False,
    times: Callable[[str], str] | None = None,
) -> Answerer:
    """What gives the output for one input event, whether it was rejected, and the field it
    holds off the schema that mattered to its decision (``engine.tally.OffSchemaField``).

    Everything that is the same for every event (imports, options, how to format) is settled
    here, once per run, so the function called per event only decides and formats. Deciding
    *and* formatting happen inside its guard, so whatever goes wrong inside, the event still
    gets exactly one line (an error record) and the batch goes on; it never raises. Which
    decisions are asked about fields off the schema: :func:`_noting_off_schema`; under
    ``--strict`` such an event is rejected before it is decided (:func:`_strictly`).
    ``times`` writes a checklist's times (``--time-zone``; None: in UTC).
    """
    from engine.decision import canonical_json_line
    from engine.errors import EventError
    from engine.tally import Answerer

    formatted = _checklist_bytes if pretty else canonical_json_line
    lined: Lined = plan.line_and_decision  # a plain decision's keys are in order already
    if pretty:  # a checklist, which notes what the event holds beside the decision
        lined = _formatted_lines(plan, _checklists(plan, times), with_trace)
    elif with_trace:  # a trace, which holds values from the event
        lined = _formatted_lines(plan, lambda decision, _: canonical_json_line(decision), True)
    decided = _noting_off_schema(_strictly(lined) if strict else lined, plan, strict)

    def rejected(item: InputEvent, code: str, message: str, event: Any) -> Answered:
        record = error_record(item.source, item.start_line(), item.index, code, message, event)
        return formatted(record), True, None

    def answer(item: InputEvent) -> Answered:
        if item.error is not None:
            return rejected(item, item.code, item.error, item.part_of())
        try:
            line, off = decided(item.value)
        except EventError as exc:
            return rejected(item, exc.code, exc.message, item.value)
        except Exception as exc:  # never lose an event: report it and go on
            from engine.errors import fault_words

            message = f"{fault_words(exc)}; please report it"
            return rejected(item, "internal-error", message, item.value)
        return line, False, off

    def usual(value: Any) -> tuple[bytes, OffSchemaField | None] | None:
        try:  # whatever goes wrong, answer() is asked and says what in its record
            return decided(value)
        except Exception:
            return None

    return Answerer(answer, usual)


def error_record(
    source: str, line: int, index: int, code: str, message: str, event: Any
) -> dict[str, Any]:
    """The output line for an event that could not be decided (echoes only a plausible id:
    one within the limits deciding holds ids to)."""
    from engine.formats import ERROR_FORMAT
    from engine.limits import MAX_ID_CHARS, MAX_INT_ID, MIN_INT_ID

    event_id = event.get("id") if isinstance(event, dict) else None
    if event_id.__class__ is str:
        event_id = event_id if 0 < len(event_id) <= MAX_ID_CHARS else None  # "" is no id
    elif event_id.__class__ is not int or not MIN_INT_ID <= event_id <= MAX_INT_ID:
        event_id = None
    return {
        "format": ERROR_FORMAT,
        "event_id": event_id,
        "error": {"code": code, "message": message, "source": source, "line": line, "index": index},
    }


Lined = Callable[[Any], tuple[bytes, dict[str, Any]]]
"""An event -> its output line and its decision document."""


Decided = Callable[[Any], tuple[bytes, "OffSchemaField | None"]]
"""An event -> its output line and the field off the schema that mattered to its decision;
raises what deciding raises."""


def _noting_off_schema(lined: Lined, plan: Plan, strict: bool = False) -> Decided:
    """The output line and, for the two kinds of decision a field off the schema most likely
    shaped, that field: the fallback's (a tested field of the wrong kind may have sent the
    event there; asking costs about 1.5 µs) and one with an offer left unresolved (its base,
    standard or the plan's own, may hold no number). The checks are made here, before the
    workers are forked.

    ``strict`` (``--strict``): an event whose standard fields are off the schema was rejected
    before it was decided, so the fallback's tested fields have nothing to note. A
    percentage's base of the plan's own (``stay.total``), which the schema leaves free, may
    still hold no number: it is noted as without ``--strict``, or the warning's advice to add
    ``--strict`` would silence it."""
    from engine.evaluate import key_written_otherwise
    from engine.offschema import plan_check, priced_check
    from engine.tally import OffSchemaField

    tested_off = None if strict else plan_check(plan.model)
    priced_off = priced_check(plan.model)

    def decided(value: Any) -> tuple[bytes, OffSchemaField | None]:
        line, decision = lined(value)
        if decision["fallback"] and tested_off is not None:
            field = tested_off(value)
            if field is not None:
                return line, OffSchemaField(field, False)
        compensation = decision["compensation"]  # an unresolved offer always needs approval:
        if compensation is not None and compensation["needs_approval"]:  # the usual decision
            field = priced_off(value, decision)  # is answered without a call
            if field is not None:
                return line, OffSchemaField(field, True)
        if decision["occurred_at"] is None:  # no time: one written otherwise, `occurredAt`?
            key = key_written_otherwise(value, "occurred_at")
            if key is not None:
                return line, OffSchemaField(key, False, untimed=True)
        return line, None

    return decided


def _formatted_lines(
    plan: Plan, formatted: Callable[[dict[str, Any], Any], bytes], with_trace: bool
) -> Lined:
    """What gives an event's output line as ``formatted`` writes its decision and the event
    (``--pretty``, ``--explain``), with the explain trace attached when asked for."""
    decide: Callable[[Any], dict[str, Any]] = plan.decide
    if with_trace:
        from engine.explain import decide_with_trace

        decide = functools.partial(decide_with_trace, plan)

    def lined(event: Any) -> tuple[bytes, dict[str, Any]]:
        decision = decide(event)
        return formatted(decision, event), decision

    return lined


def _strictly(lined: Lined) -> Lined:
    """``lined`` for events on the event schema; raises for any other (``--strict``)."""
    from engine.eventschema import event_schema_error, follows_event_schema, prepare_check

    def lined_strictly(event: Any) -> tuple[bytes, dict[str, Any]]:
        # An event on the schema is decided, and deciding raises for one it cannot decide
        # (an id too long...) what event_schema_error would: its identity is worked out once.
        if not follows_event_schema(event):
            # an event without an id or a type gets its own code
            refused = event_schema_error(event)
            # (never None here: it asks follows_event_schema itself; the test is for mypy)
            if refused is not None:  # pragma: no branch
                raise refused
        return lined(event)

    prepare_check()
    return lined_strictly


def _checklists(
    plan: Plan, times: Callable[[str], str] | None
) -> Callable[[dict[str, Any], Any], bytes]:
    """What writes a decision's checklist for ``--pretty``, saying for one of the fallback
    what the event most likely misspelt (``engine.explain.fallback_misspelt``: ``explain``
    said "did you mean `review`?" of an event of type `revew`, and ``--pretty`` only listed
    the fallback's actions; found by review). The plan's event types are gathered once a
    run."""
    from engine.explain import fallback_misspelt, named_types

    named = named_types(plan.model.rules)

    def checklist(decision: dict[str, Any], event: Any) -> bytes:
        misspelt = fallback_misspelt(plan.model, event, decision, named, near_values=True)
        return _checklist_bytes(decision, event, misspelt, times, plan.model.rules)

    return checklist


def _checklist_bytes(
    record: dict[str, Any],
    event: Any = None,
    misspelt: str = "",
    times: Callable[[str], str] | None = None,
    rules: Iterable[Rule] = (),
) -> bytes:
    """A record as ``--pretty`` writes it, with the blank line after it: an error line, or the
    checklist, what the ``event`` beside it says of its amounts (a percentage of an amount in
    another currency: ``explain`` said so, and ``--pretty``, with the same event at hand, said
    nothing; found by review), what it ``misspelt`` (:func:`_checklists`) and its reasons,
    its times written by ``times`` (None: in UTC); text from the event is written with
    ``shown_text`` (see engine.checklist)."""
    from engine.checklist import moment_words, render_checklist
    from engine.errors import shown_text

    if "error" in record:
        error = record["error"]
        line = f"{error['source']}:{error['line']}: rejected: {error['message']} [{error['code']}]"
        return shown_text(line).encode() + b"\n\n"
    text = render_checklist(record, event, misspelt, times or moment_words, rules)
    for step in record.get("trace", ()):
        verdict = "fired" if step["matched"] else "did not fire"
        text += "\n" + shown_text(f"  why {step['rule']} {verdict}: {step['reason']}")
    return text.encode() + b"\n\n"
