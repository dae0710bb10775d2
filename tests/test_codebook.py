"""engine.codebook: the codes of docs/diagnostics.md, by section, as the schemas of
diagnostics and error records list them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine import codebook
from engine.codebook import (
    EVENT_ERRORS,
    PAGE,
    codes_by_section,
    diagnostic_codes,
    event_error_codes,
)

PAGE_TEXT = """\
# Diagnostics

### `not-in-a-section`

## Contents

- [YAML](#yaml)

## YAML

### `yaml-syntax`

Text with `### not a heading`.

### `yaml-tag`

## Event errors (`backplan eval`)

### `bad-json`
"""


def test_codes_are_read_by_section_in_page_order() -> None:
    assert codes_by_section(PAGE_TEXT) == {
        "YAML": ("yaml-syntax", "yaml-tag"),
        EVENT_ERRORS: ("bad-json",),
    }


def test_every_code_of_the_page_is_in_a_section() -> None:
    """A code above the first section would be in no schema: there is none."""
    text = PAGE.read_text(encoding="utf-8")
    headings = re.findall(r"^### `([a-z0-9-]+)`", text, flags=re.MULTILINE)
    found = [code for codes in codes_by_section(text).values() for code in codes]
    assert sorted(found) == sorted(headings)


def test_a_code_is_a_diagnostic_s_or_an_error_record_s_never_both() -> None:
    diagnostics, errors = set(diagnostic_codes()), set(event_error_codes())
    assert not diagnostics & errors
    assert {"bad-json", "bad-time", "internal-error"} <= errors
    assert {"unknown-key", "never-matches", "cannot-pass", "reload-failed"} <= diagnostics
    assert list(diagnostic_codes()) == sorted(diagnostics)


def test_an_installed_copy_without_the_page_reads_the_codes_the_shipped_schemas_list(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # An installed copy has no docs/: importing engine.errormodel there had raised
    # FileNotFoundError. The shipped schemas were generated from the page, so they agree.
    from_the_page = (event_error_codes(), diagnostic_codes())
    monkeypatch.setattr(codebook, "PAGE", tmp_path / "no-docs" / "diagnostics.md")
    assert (event_error_codes(), diagnostic_codes()) == from_the_page
    assert "bad-json" in from_the_page[0]
    assert "yaml-syntax" in from_the_page[1]
