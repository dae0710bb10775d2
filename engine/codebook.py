"""The codes ``docs/diagnostics.md`` explains, by the section of the page they are in.

The page is the one list of codes: a test fails if the program can emit a code it does not
explain (``tests/test_docs.py``), and the published schemas of what carries a code
(``backplan schema diagnostics``, ``backplan schema error``) take their lists of codes from it
here, when ``python -m engine.schemagen`` writes them. So a new code, once explained on the
page, is in the schemas at the next generation, and a tool checking output against a schema is
never refused a code the program emits. The page is read in a checkout, by the schema
generator and the tests, never while a command runs. An installed copy has no docs/: there the
codes are read back from the shipped schemas, which were generated from the page, so the
models of ``engine.diagnosticmodel`` and ``engine.errormodel`` can be imported there too (they
had raised FileNotFoundError; found by review).
"""

from __future__ import annotations

import re
from pathlib import Path

PAGE = Path(__file__).resolve().parent.parent / "docs" / "diagnostics.md"
"""The page that explains every code."""

EVENT_ERRORS = "Event errors (`backplan eval`)"
"""The section of the codes of error records: events eval could not decide. Every other
section's codes are those of diagnostics (located problems of a plan or a plan-test file)."""

_SECTION = re.compile(r"^## (.+)$", flags=re.MULTILINE)
_CODE = re.compile(r"^### `([a-z0-9-]+)`", flags=re.MULTILINE)


def codes_by_section(text: str | None = None) -> dict[str, tuple[str, ...]]:
    """Each ``## `` section of the page (``text``, or the page itself) -> the codes it has an
    entry for (a ``### `code` `` heading), in page order; sections without one are left out."""
    if text is None:
        text = PAGE.read_text(encoding="utf-8")
    parts = _SECTION.split(text)[1:]  # title, body, title, body...
    found = {
        title: tuple(_CODE.findall(body))
        for title, body in zip(parts[::2], parts[1::2], strict=True)
    }
    return {title: codes for title, codes in found.items() if codes}


def event_error_codes() -> tuple[str, ...]:
    """The codes an error record of ``backplan eval`` may carry, sorted."""
    if _without_the_page():
        return _shipped_codes("error", "Rejection")
    return tuple(sorted(codes_by_section()[EVENT_ERRORS]))


def diagnostic_codes() -> tuple[str, ...]:
    """The codes a diagnostic may carry (``validate``, ``lint``, ``test``, a ``PlanError``),
    sorted: every code of the page but the event errors'."""
    if _without_the_page():
        return _shipped_codes("diagnostics", "Diagnostic")
    sections = codes_by_section()
    return tuple(
        sorted(c for title, codes in sections.items() if title != EVENT_ERRORS for c in codes)
    )


def _without_the_page() -> bool:
    """Whether the codes are read from the shipped schemas: in an installed copy (told by
    ``engine.resources``, as the data it reads is: a ``docs/diagnostics.md`` beside it is then
    some other package's; found by review), or where the page is missing."""
    from engine.resources import installed

    return installed() or not PAGE.is_file()


def _shipped_codes(schema: str, definition: str) -> tuple[str, ...]:
    """The codes the shipped schema ``schema`` lists for ``definition``'s ``code``: the page's,
    as they were when the schema was generated (in an installed copy, which has no docs/)."""
    from engine.resources import load_schema

    return tuple(load_schema(schema)["$defs"][definition]["properties"]["code"]["enum"])
