"""Message templates: ``Sorry {customer.first_name|there}, we are on it.``

The syntax is deliberately tiny: ``{path}`` inserts a field of the event, ``{path|default}`` gives
text for when the field is missing, ``{{`` and ``}}`` write braces. Unlike ``str.format`` there
are no format specs, conversions, indexing or attribute access, so a plan cannot reach into
Python objects or ask for a billion-character padding. Templates are parsed once, when the plan
loads; a malformed one is a plan error. Output is bounded.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from engine.fields import (
    MISSING,
    PATH_PATTERN,
    PATH_TEXT,
    dotted_path,
    lookup,
    path_reading_lines,
    split_path,
)
from engine.limits import has_lone_surrogate, replace_lone_surrogates

SLOT_TEXT: Final = rf"\{{{PATH_TEXT}(?:\|[^{{}}]*)?\}}"
"""A field slot, ``{customer.first_name}`` or ``{customer.first_name|there}``, as a regular
expression: to tell, in a plan YAML could not read as meant, text that starts with one."""
TEMPLATE_PARAMS: Final = ("message", "item")
"""The action parameters whose text is a template (``engine.model.Action`` holds them as
:class:`Template`): deciding fills them in, lint checks their fields, and a plan YAML could not
read is told to double a lone `}` in them."""
MAX_VALUE_CHARS = 500
"""An inserted value longer than this is cut (with an ellipsis)."""
MAX_OUTPUT_CHARS = 4000
"""A rendered message longer than this is cut (with an ellipsis)."""
MISSING_PLACEHOLDER = "[missing: {path}]"
"""What a missing field without a default renders as: visible, so an agent fixes it before sending."""


TEMPLATES_HINT = "see Templates in docs/rule-language.md"


class TemplateError(ValueError):
    """A template that cannot be parsed; ``offset`` is the character where the problem is,
    ``hint`` how to mend it."""

    def __init__(self, message: str, offset: int, hint: str = TEMPLATES_HINT) -> None:
        super().__init__(message)
        self.offset = offset
        self.hint = hint


@dataclass(frozen=True, slots=True)
class FieldSlot:
    """A ``{path|default}`` slot in a template."""

    path: str
    parts: tuple[str, ...]
    default: str | None
    offset: int = 0
    """Where its ``{`` is in the template's text: a message about the slot points at it."""


@dataclass(frozen=True, slots=True)
class Template:
    """A parsed template: literal text and field slots, in order."""

    source: str
    pieces: tuple[str | FieldSlot, ...]

    @property
    def fields(self) -> tuple[FieldSlot, ...]:
        """The field slots, for checks against the event schema."""
        return tuple(p for p in self.pieces if isinstance(p, FieldSlot))

    @property
    def literal(self) -> str | None:
        """The text itself when the template has no field slots (it renders the same always)."""
        if any(isinstance(p, FieldSlot) for p in self.pieces):
            return None
        return self.render({})

    def render(self, event: Any) -> str:
        """Fill the slots from the event; pure, bounded, never raises."""
        out: list[str] = []
        for piece in self.pieces:
            if piece.__class__ is str:
                out.append(piece)
                continue
            value = lookup(event, piece.parts)  # type: ignore[union-attr]  # not a str: a slot
            if (
                value.__class__ is str
                and value
                and len(value) <= MAX_VALUE_CHARS
                and value.isascii()  # ascii: no lone surrogate to replace
            ):
                out.append(value)  # the usual slot: short text, used as it is
            else:
                out.append(_slot_text(value, piece))  # type: ignore[arg-type]
        return _bounded("".join(out))


Renderer = Callable[[Any], str]
"""An event -> a template's text: what :meth:`Template.render` gives, generated per template."""


@functools.lru_cache(maxsize=4096)
def renderer(template: Template) -> Renderer:
    """:meth:`Template.render` of this template as one generated function, for the decider.

    ``render`` walks the pieces and looks each slot's field up with the general
    ``engine.fields.lookup``: about 6,400 machine instructions for the bench's one-slot
    messages. The generated function reads each field with the dict (or list) steps of its
    own path, joins the literal text and the values with ``+``, and checks the length only
    when the pieces could pass :data:`MAX_OUTPUT_CHARS`. Everything unusual (a value that is
    not short ASCII text) goes through the same :func:`_slot_text` as ``render``; a property
    test holds the two to the same text.

    Plans repeat their messages, and equal templates share one function (the cache is
    bounded: a plan with more distinct messages than it holds only generates some twice).

    Safety, as in ``engine.compile``: the source never contains the plan's text. Literal
    text, field names and slots enter as closure variables by generated names.
    """
    values: list[Any] = []

    def name(value: Any) -> str:
        values.append(value)
        return f"c{len(values) - 1}"

    lines: list[str] = []
    parts: list[str] = []
    longest = 0  # the most characters the pieces can give
    for number, piece in enumerate(template.pieces):
        if piece.__class__ is str:
            parts.append(name(piece))
            longest += len(piece)
            continue
        assert isinstance(piece, FieldSlot)
        value = f"s{number}"
        lines += path_reading_lines(value, piece.parts, name)
        lines.append(
            f"    if not ({value}.__class__ is str and {value} and len({value}) <= "
            f"{MAX_VALUE_CHARS} and {value}.isascii()):"
        )
        lines.append(f"        {value} = _slot_text({value}, {name(piece)})")
        parts.append(value)
        default = piece.default if piece.default is not None else ""
        longest += max(MAX_VALUE_CHARS, len(default), len(_placeholder(piece)))
    if len(parts) <= _MOST_ADDED:
        joined = " + ".join(parts) if parts else name("")
    else:  # a long chain of + nests as deep as it is long when compiled (RecursionError)
        joined = f"''.join(({', '.join(parts)},))"
    if longest > MAX_OUTPUT_CHARS:
        lines.append(f"    return _bounded({joined})")
    else:
        lines.append(f"    return {joined}")
    arguments = ", ".join(f"c{n}" for n in range(len(values)))
    text = "\n".join(
        [
            f"def make(_MISSING, _slot_text, _bounded, {arguments}):",
            "  def render(event):",
            *(f"  {line}" for line in lines),
            "  return render",
        ]
    )
    namespace: dict[str, Any] = {
        "__builtins__": {"len": len, "dict": dict, "list": list, "str": str}
    }
    exec(compile(text, "<backplan-template>", "exec"), namespace)  # no plan text: see above
    made: Renderer = namespace["make"](MISSING, _slot_text, _bounded, *values)
    return made


def _bounded(rendered: str) -> str:
    """A rendered text cut to :data:`MAX_OUTPUT_CHARS` (with an ellipsis) when longer."""
    if len(rendered) > MAX_OUTPUT_CHARS:
        return rendered[: MAX_OUTPUT_CHARS - 1] + "…"
    return rendered


_MOST_ADDED = 16
"""Pieces joined with ``+`` (quicker than ``str.join`` for a few); more go through ``join``."""


def _placeholder(slot: FieldSlot) -> str:
    """What a missing field without a default shows (:data:`MISSING_PLACEHOLDER`)."""
    return MISSING_PLACEHOLDER.format(path=slot.path)


def _slot_text(value: Any, slot: FieldSlot) -> str:
    """What a slot shows for this value: its text cut to the limit, or the slot's default, or
    a visible placeholder when the field is missing or has no sensible text."""
    text = _text_of(value)
    if text is None:
        return slot.default if slot.default is not None else _placeholder(slot)
    if len(text) > MAX_VALUE_CHARS:
        return text[: MAX_VALUE_CHARS - 1] + "…"
    return text


def shows(value: Any) -> bool:
    """Whether a slot shows this value itself, not its default or ``[missing: ...]`` (lint's
    ``template-without-default`` asks it of the values a rule lets through)."""
    return _text_of(value) is not None


def _text_of(value: Any) -> str | None:
    if value is MISSING or value is None:
        return None
    if isinstance(value, str):
        if has_lone_surrogate(value):  # only an embedding app can send one; output needs UTF-8
            value = replace_lone_surrogates(value)
        if not value:
            return None
        # An app's subclass (an enum.StrEnum member) as plain text: a message that is this slot
        # alone is what this gives, and the decision must hold JSON's own text, not the object.
        return value if value.__class__ is str else str.__str__(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    # A subclass of int or float (an app's enum member, numpy 2's float64) is shown as the
    # number it holds, written as its base class writes it: its own text (np.float64(1e-05),
    # Count.THREE) had gone into the customer's message, or raised InvalidOperation below.
    if isinstance(value, int):
        # A number longer than a slot may show (hostile input) is not shown, and never cut: a
        # cut number reads as another. Its size is asked first, as str() of a huge int would
        # hit Python's 4300-digit conversion limit and raise.
        if value.bit_length() > 4 * MAX_VALUE_CHARS:
            return None
        text = int.__repr__(value)
        return text if len(text) <= MAX_VALUE_CHARS else None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if not value:
            return "0"  # -0.0 too
        # The shortest text that reads back as this number, as plain JSON writes it: never
        # Python's exponent (1e-05 is 0.00001, 1e+16 is 10000000000000000), and 120.0 as 120.
        text = float.__repr__(value)
        if "e" in text:
            return format(Decimal(text), "f")
        return text[:-2] if text.endswith(".0") else text
    return None  # a mapping or list has no sensible text: treat as missing


def parse_template(source: str) -> Template:
    """Parse a template, or raise TemplateError saying what is wrong and where."""
    pieces: list[str | FieldSlot] = []
    literal: list[str] = []
    index = 0
    length = len(source)
    while index < length:
        char = source[index]
        if char == "{":
            if source.startswith("{{", index):
                literal.append("{")
                index += 2
                continue
            end = source.find("}", index + 1)
            if end < 0:
                raise TemplateError(
                    "a `{` is never closed; write `{{` for a literal brace",
                    index,
                    _close_hint(source, index),
                )
            inner = source[index + 1 : end]
            if "{" in inner:
                raise TemplateError("a `{` is never closed; write `{{` for a literal brace", index)
            if literal:
                pieces.append("".join(literal))
                literal = []
            pieces.append(_slot(inner, index))
            index = end + 1
            continue
        if char == "}":
            if source.startswith("}}", index):
                literal.append("}")
                index += 2
                continue
            raise TemplateError("a `}` has no matching `{`; write `}}` for a literal brace", index)
        literal.append(char)
        index += 1
    if literal:
        pieces.append("".join(literal))
    return Template(source, tuple(pieces))


_FIELD_LEFT_OPEN = re.compile(rf"\{{({PATH_TEXT})(?=[,.!?;:]*(?:\s|\Z))")
"""A field after a `{`, to the end of its word (``{customer.first_name`` in ``Hi
{customer.first_name, your``)."""


def _close_hint(source: str, index: int) -> str:
    """For a `{` never closed that opens a field (``Hi {customer.first_name, your``): the field
    closed, its `}` forgotten; it had been hinted only "see Templates in docs/rule-language.md"
    (found by review). The general hint for any other `{`, and for a word alone that is no
    standard field (``Use {code now``: a brace meant as shown, maybe)."""
    found = _FIELD_LEFT_OPEN.match(source, index)  # (a default runs on: its end is not known)
    if found is None:
        return TEMPLATES_HINT
    from engine.eventfields import known_paths  # (only for a template in error)

    path = found[1]  # a word alone may be a brace meant as shown (`Use {code now`)
    field = "." in path or path in known_paths()
    return f"close the field with `}}`: `{{{path}}}`" if field else TEMPLATES_HINT


def _slot(inner: str, offset: int) -> FieldSlot:
    path, bar, default = inner.partition("|")
    path = path.strip()
    if not path:
        raise TemplateError(  # quoted as written: `{|there}` had been quoted `{}`
            f"`{{{inner}}}` names no field; write a field such as `{{customer.name}}`", offset
        )
    if not PATH_PATTERN.match(path):
        dotted = dotted_path(path)  # `{order.items[0].name}`: the item by its position
        worded = _field_in_words(path)
        raise TemplateError(
            f"`{{{inner}}}` is not a field; templates insert fields only, such as "
            "`{customer.first_name}` or `{customer.first_name|there}` (no formatting, "
            "calls or indexing)",
            offset,
            f"write a list's item by its position after a dot: `{{{dotted}{bar}{default}}}`"
            if dotted is not None
            else f"write the event's field: `{{{worded}{bar}{default}}}`"
            if worded is not None
            else _accented_hint(path, f"{bar}{default}") or TEMPLATES_HINT,
        )
    return FieldSlot(path, split_path(path), default if bar else None, offset)


def _accented_hint(path: str, rest: str) -> str:
    """For a slot whose field has letters outside ASCII (``{customer.prénom|Guest}``): which,
    and the slot without its accents (``{customer.prenom|Guest}``); "" otherwise."""
    if path.isascii():
        return ""
    from engine.slips import accented_path_hint  # (only for a template in error)

    return accented_path_hint(path, f"`{{{{path}}{rest}}}`")


def _field_in_words(written: str) -> str | None:
    """The standard event field a slot names in words (``{order total}``, ``{Customer
    Name}``, ``{first name}``): its names joined by dots, or with `_`, the nearest standard
    field. It had been hinted only "see Templates in docs/rule-language.md" (found by review).
    None for a slot of one word, or of words near no standard field."""
    words = written.split()
    if len(words) < 2:
        return None
    from engine.eventfields import known_paths  # (only for a template in error)
    from engine.slips import path_written_as  # how validate reads a field written in words
    from engine.suggest import did_you_mean

    known = known_paths()
    dotted = path_written_as(written)
    if dotted in known:
        return dotted
    return did_you_mean("_".join(words), known)
