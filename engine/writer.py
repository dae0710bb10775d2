"""Generated code that writes a decision's JSON line straight from the event (``backplan eval``).

``backplan eval`` needs a decision only as its canonical JSON line. For a set of fired rules
that has a generated builder (``engine.builder``), most of that line is the same for every
event: the keys, the rule ids, the static parameters, a price settled in advance, the plan.
Only a few values change: the event's id, type and time, the deadlines, the filled-in
templates, and the amounts of offers priced per event. So a set whose lines are asked often
gets a *writer*: the line's unchanging bytes, cut once, joined per event with the JSON of the
few values that change, instead of copying the entries into a document and serialising its
~1,000 bytes. On the bench's 100-rule plan that took a line (matching included) from 52,800
to 41,300 machine instructions for a set without offers priced per event, and from 107,100 to
98,300 for one with them, whose pricing (about 5 µs an offer, ``engine.compensation``) is
unchanged; in CPU time, 31.6 -> 29.2 µs per line over 20,000 bench events, all paths.

**How the bytes are found.** The builder's own generated code is run once more with stand-ins:
each template renderer and the deadline function return a *hole*, an object orjson cannot
write, and the decision document is made around them by the function ``decide`` makes it with.
orjson writes each hole through ``default`` as a raw ``\\x01<n>\\x01`` fragment, a byte that
never appears in orjson's own output (a control character inside text is always escaped), so
cutting at it is exact whatever the plan's or the event's text holds. What lies between the
holes is the line's unchanging bytes, in the order the builder made its keys; each hole becomes
``orjson.dumps`` of its value, which writes a value the same way wherever it stands (times and
event types come from caches of their JSON). Property tests over generated plans and events
hold every line to ``decision_json_line(decide(event))``.

**Offers priced per event** (a percentage) are made by the builder's own lines and priced by
:func:`engine.compensation.price`, as ``decide`` makes and prices them; one may not be made
(``combine: max`` keeps the largest, a cap leaves some out), so the list of actions is then
joined from the entries' bytes and the offers made.

Safety, as in ``engine.builder``: the generated source never contains a plan's text; the
unchanging bytes enter the function as closure values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

from engine.actions import plain
from engine.builder import GeneratedActions, offered
from engine.compensation import CompensationRules, price
from engine.utctime import utc_json, utc_text

Writer = Callable[[dict[str, Any], int | None, Any, str], bytes]
"""(event, its time in µs UTC or None, its id, its type) -> the decision's canonical JSON line,
newline included. The event's time as text is not asked for: ``engine.evaluate.event_identity``
gives ``utc_text`` of the time whenever there is one (a time it reads as it stands is one
already canonical), so its JSON is :func:`~engine.utctime.utc_json` of the time."""

Document = Callable[[Any, Any, Any, Any, Any], dict[str, Any]]
"""(actions, compensation, event id, event type, event time) -> the decision document, as
``engine.evaluate`` makes it for one set of fired rules."""

_MARK = b"\x01"

Parts = list["bytes | _Hole"]
"""JSON text cut at its holes: unchanging bytes, and the holes in their places."""


class _Hole:
    """A stand-in for a value that changes per event: the expression that gives its JSON."""

    __slots__ = ("expression",)

    def __init__(self, expression: str) -> None:
        self.expression = expression


class _Cutter:
    """Writes values with holes in them and cuts the bytes at the holes."""

    def __init__(self) -> None:
        self.holes: list[_Hole] = []

    def hole(self, expression: str) -> _Hole:
        """A new hole, whose JSON the writer gets from ``expression``."""
        made = _Hole(expression)
        self.holes.append(made)
        return made

    def _fragment(self, value: Any) -> orjson.Fragment:
        if value.__class__ is not _Hole:
            raise TypeError(f"not JSON data: {type(value).__name__}")
        return orjson.Fragment(_MARK + str(self.holes.index(value)).encode() + _MARK)

    def parts(self, value: Any, option: int = 0) -> Parts:
        """The JSON of ``value`` (as orjson writes it with ``option``), cut at its holes."""
        pieces = orjson.dumps(value, default=self._fragment, option=option).split(_MARK)
        return [self.holes[int(piece)] if n % 2 else piece for n, piece in enumerate(pieces)]


class _Code:
    """The unchanging bytes the writer closes over, by name."""

    def __init__(self) -> None:
        self.constants: list[bytes] = []

    def join(self, parts: Parts) -> str:
        """An expression that gives these parts joined, as bytes."""
        terms: list[str] = []
        pending = b""
        for part in parts:
            if isinstance(part, bytes):
                pending += part
                continue
            if pending:
                terms.append(self._constant(pending))
                pending = b""
            terms.append(part.expression)
        if pending:
            terms.append(self._constant(pending))
        if len(terms) == 1:
            return terms[0]
        return f"_join(({', '.join(terms)},))"

    def _constant(self, value: bytes) -> str:
        self.constants.append(value)
        return f"c{len(self.constants) - 1}"


def compile_writer(
    generated: GeneratedActions,
    compensation: CompensationRules,
    document: Document,
    kinds: dict[str, bytes],
) -> Writer:
    """The writer of the set of fired rules whose builder's code ``generated`` is, with
    ``document`` making its decision document; ``kinds``: the JSON of the event types the
    plan names (any other type is written per event)."""
    cutter = _Cutter()
    names = [f"v{n}" for n in range(len(generated.values))]
    stand_ins = [
        _renderer_hole(cutter, name) if name in generated.renderers else value
        for name, value in zip(names, generated.values, strict=True)
    ]
    locals_by_delay = {delay: local for local, _, delay in generated.deadlines}
    written_dues: set[str] = set()  # the deadlines whose JSON the line holds

    def due_hole(delay: int) -> _Hole:  # the event's time is 0 below: the delay itself
        written_dues.add(locals_by_delay[delay])
        return cutter.hole(f"j{locals_by_delay[delay]}")

    entries, offers, summary = generated.make(plain, due_hole, *stand_ins)({}, 0)
    identity = (
        cutter.hole("_dumps(event_id)"),
        cutter.hole("(_kinds.get(kind) or _dumps(kind))"),
        cutter.hole("at"),
    )
    code = _Code()
    body = _time_lines(generated, written_dues)
    actions: Any = entries
    priced: Any = summary
    if generated.offers:  # priced per event: the offers are made as the builder makes them
        stand_in_offers = zip(offers, generated.offers, strict=True)
        offer_locals = {id(entry): local for (_, entry), (_, local) in stand_in_offers}
        body += generated.offer_lines
        body.append(f"    not_made, summary = _price({offered(generated.offers)}, event, _rules)")
        body += _priced_actions(cutter, code, entries, offer_locals)
        actions, priced = cutter.hole("actions"), cutter.hole("_dumps(summary)")
    line = cutter.parts(document(actions, priced, *identity), orjson.OPT_APPEND_NEWLINE)
    body.append(f"    return {code.join(line)}")
    arguments = ", ".join([*names, *(f"c{n}" for n in range(len(code.constants)))])
    text = "\n".join(
        [
            "def make(_dumps, _join, _listed, _out, _due, _json, _kinds, _price, _rules,",
            f"         {arguments}):",
            "  def write(event, base, event_id, kind):",
            *body,
            "  return write",
        ]
    )
    namespace: dict[str, Any] = {"__builtins__": {}}
    exec(compile(text, "<backplan-writer>", "exec"), namespace)  # no plan text: see above
    written: Writer = namespace["make"](
        orjson.dumps,
        b"".join,
        _listed,
        _out,
        utc_text,
        utc_json,
        kinds,
        price,
        compensation,
        *generated.values,
        *code.constants,
    )
    return written


def _time_lines(generated: GeneratedActions, written: set[str]) -> list[str]:
    """The lines that set ``at``, the JSON of the event's time, and ``j<local>``, the JSON of
    each deadline the line holds (``null`` without a time); and the deadlines' own locals
    (text) that the offers priced per event read."""
    dues = [(local, delay) for local, delay, _ in generated.deadlines if local in written]
    texts = [(local, delay) for local, delay, _ in generated.deadlines]
    texts = [(local, delay) for local, delay in texts if local in generated.offer_deadlines]
    return [
        "    if base is None:",
        f"        {' = '.join(['at', *(f'j{local}' for local, _ in dues)])} = b'null'",
        *(f"        {local} = None" for local, _ in texts),
        "    else:",
        "        at = _json(base)",
        *(f"        j{local} = _json(base + {delay})" for local, delay in dues),
        *(f"        {local} = _due(base + {delay})" for local, delay in texts),
    ]


def _renderer_hole(cutter: _Cutter, name: str) -> Callable[[Any], _Hole]:
    """A stand-in for the template renderer named ``name``: each call a hole of its own."""
    return lambda _: cutter.hole(f"_dumps({name}(event))")


def _priced_actions(
    cutter: _Cutter, code: _Code, entries: list[dict[str, Any]], offer_locals: dict[int, str]
) -> list[str]:
    """The lines that make ``actions``, the JSON of the list of action entries, when the
    offers (``offer_locals``: their entries' locals, by the stand-in entry's id) are priced per
    event: an offer not made is left out, with its comma."""
    lines: list[str] = []
    made: list[str] = []  # each item's JSON when every offer is made
    some: list[str] = []  # each item's JSON, or None for an offer not made
    for place, entry in enumerate(entries):
        offer = offer_locals.get(id(entry))
        if offer is None:
            lines.append(f"    a{place} = {code.join(cutter.parts(entry))}")
            made.append(f"a{place}")
            some.append(f"a{place}")
        else:
            made.append(f"_dumps({offer})")
            some.append(f"_out({offer}, not_made)")
    whole: Parts = [b"["]
    for place, item in enumerate(made):
        whole += [b",", cutter.hole(item)] if place else [cutter.hole(item)]
    whole.append(b"]")
    return [
        *lines,
        "    if not_made:",
        f"        actions = _listed(({', '.join(some)},))",
        "    else:",
        f"        actions = {code.join(whole)}",
    ]


def _out(offer: dict[str, Any], not_made: list[dict[str, Any]]) -> bytes | None:
    """The JSON of an offer priced per event, or None when it is not made."""
    for entry in not_made:
        if entry is offer:
            return None
    return orjson.dumps(offer)


def _listed(items: tuple[bytes | None, ...]) -> bytes:
    """The JSON list of these items' JSON, leaving out the offers not made (None)."""
    return b"[" + b",".join([item for item in items if item is not None]) + b"]"
