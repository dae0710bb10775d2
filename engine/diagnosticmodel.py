"""The diagnostics format as pydantic models: the definition its JSON Schema comes from.

``backplan validate --format json`` and ``backplan lint --format json`` write a list of
diagnostics (:meth:`engine.errors.Diagnostic.to_json`), the fields of docs/diagnostics.md's
table. ``schemas/diagnostics.schema.json`` is generated from :class:`Diagnostics` here (a test
fails if they drift), and printed by ``backplan schema diagnostics``, so that an editor or a CI
step reading the list has a contract, as a dashboard reading a report has. Its codes are the
ones docs/diagnostics.md explains (:mod:`engine.codebook`). Not imported while a command runs:
the diagnostics are written from plain dataclasses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import ConfigDict, Field, RootModel

from engine.codebook import diagnostic_codes
from engine.decisionmodel import FormatModel, published_schema

if TYPE_CHECKING:
    DiagnosticCode = str
else:  # a Literal of the page's codes: an enum in the schema, checked by the model
    DiagnosticCode = Literal[diagnostic_codes()]

POINTER = r"^(/([^~/]|~[01])*)*(?!\n)$"
"""A JSON pointer (RFC 6901) as a diagnostic writes it: ``""`` for the whole file, else
``/``-separated tokens, each ``~`` and ``/`` in a key written ``~0`` and ``~1``."""

Place = Annotated[int, Field(ge=0)]
Pointer = Annotated[str, Field(pattern=POINTER)]


class Related(FormatModel):
    """Another place the problem concerns (the first of two duplicates, say): a `see:` line
    of the text form."""

    file: str = Field(description="The file, as the diagnostic's `file` is written.")
    line: Place = Field(description="Its line, from 1; 0 when it has no place in the file.")
    column: Place = Field(description="Its column, from 1, in characters; 0 when `line` is 0.")
    pointer: Pointer = Field(description="The JSON pointer of the value there.")


class Diagnostic(FormatModel):
    """One problem found in a plan (or a plan-test file), where it is, what is wrong and how
    to fix it: the text form's `FILE:LINE:COL: severity: message [code]` and its `hint:` and
    `see:` lines. Every object has every field (docs/diagnostics.md)."""

    file: str = Field(
        description="The file as given on the command line (`rules/reviews.yaml`), or the "
        "folder for a problem of the folder (`no-plan-files`); `<plan>` when no path was "
        "given at all (`no-plan-path`). A byte of the name that is not UTF-8 is written `\\xff`."
    )
    line: Place = Field(
        description="The line of the problem, from 1; 0 when it has no place inside the file "
        "(a folder with no plan files, a file that cannot be read)."
    )
    column: Place = Field(
        description="The column, from 1, counted in characters (`é` is one); 0 when `line` is 0."
    )
    pointer: Pointer = Field(
        description="The JSON pointer of the value (`/rules/1/when`), its `~` and `/` written "
        '`~0` and `~1`; `""` for the file as a whole and where YAML could not be read '
        "(`yaml-syntax`)."
    )
    severity: Literal["error", "warning", "info"] = Field(
        description="error: the plan cannot be used until it is fixed; warning: it works, "
        "but probably not as meant (`backplan lint`); info."
    )
    code: DiagnosticCode = Field(
        description="The stable code of the kind of problem: never renamed nor reused, each "
        "explained in docs/diagnostics.md."
    )
    message: str = Field(description="What is wrong, in the words the text form gives.")
    hint: str = Field(description='How to fix it; `""` when there is no hint.')
    related: list[Related] = Field(
        description="The places of the text form's `see:` lines, in the same order; `[]` "
        "when there are none."
    )


class Diagnostics(RootModel[list[Diagnostic]]):
    """What `backplan validate --format json` and `backplan lint --format json` write: every
    problem found, in the order of the text form (file, line, column); `[]` for a plan with
    none (docs/diagnostics.md)."""

    # strict, as every format model (a root model has no keys of its own to forbid)
    model_config = ConfigDict(frozen=True, strict=True, regex_engine="python-re")


def diagnostics_schema() -> dict[str, Any]:
    """The JSON Schema of a list of diagnostics, generated from the model."""
    return published_schema(Diagnostics, "diagnostics")
