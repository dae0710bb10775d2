"""The fast yes/no schema check must never accept what jsonschema refuses.

``engine.schema`` skips jsonschema when ``engine.fastschema`` says a plan is valid, so a plan the
fast check wrongly accepts would load with a problem nobody reported. Hypothesis breaks valid plans
and events in many small ways (a key removed, added or misspelt, a value of the wrong kind, an
item repeated) and the two validators are compared on each.
"""

from __future__ import annotations

import copy
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from bench.workload import make_events, make_multistore_plan, make_plan
from engine import fastschema
from engine.ecmaregex import python_pattern, with_python_patterns
from engine.fastschema import (
    UnsupportedSchemaError,
    check_source,
    compile_check,
    shipped_path,
    shipped_text,
)
from engine.resources import load_schema
from engine.schema import SHIPPED_CHECKS, fast_check
from engine.schemagen import fast_check_modules

SCHEMA = load_schema("plan")
FAST = compile_check(SCHEMA)
KEPT = compile_check(SCHEMA, "plan")
"""The same check, run from the code kept in the package (the one commands use)."""
SLOW = Draft202012Validator(with_python_patterns(SCHEMA))  # as engine.schema builds it
BASES = [make_plan(12, seed=seed) for seed in (1, 2, 3)] + [make_multistore_plan(2, 3)]
EVENT_SCHEMA = load_schema("event")
FAST_EVENT = compile_check(EVENT_SCHEMA)
KEPT_EVENT = compile_check(EVENT_SCHEMA, "event")
SLOW_EVENT = Draft202012Validator(with_python_patterns(EVENT_SCHEMA))
EVENTS = make_events(40)


def slow_valid(document: Any, slow: Draft202012Validator = SLOW) -> bool:
    return next(iter(slow.iter_errors(document)), None) is None


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a document: mapping keys and list positions."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(paths(item, (*prefix, index)))
    return found


def parent_of(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        document = document[step]
    return document


ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 2_000_000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(
        ["", "x", "late", "4h", "4 hours", "USD", "usd", "r-1", "Bad Id", "x-custom", "a" * 90]
    ),
    st.lists(st.sampled_from(["a", 1, True, None]), max_size=3),
    st.dictionaries(
        st.sampled_from(["field", "eq", "all", "any", "x", "within", "tags"]),
        st.sampled_from(["a", 1, [], {}]),
        max_size=2,
    ),
)
KEYS = st.sampled_from(
    [
        "field",
        "eq",
        "in",
        "lte",
        "ignore_case",
        "all",
        "any",
        "not",
        "use",
        "then",
        "prevent",
        "within",
        "message",
        "amount",
        "percent",
        "of",
        "to",
        "stop",
        "fallback",
        "priority",
        "title",
        "tags",
        "lte ",
        "greater_than",
        "apologise",
    ]
)


@st.composite
def broken(draw: st.DrawFn, bases: list[dict[str, Any]] = BASES) -> Any:
    """A valid plan (or one of other ``bases``) with one to three small changes."""
    document = copy.deepcopy(draw(st.sampled_from(bases)))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths(document)[1:]))
        parent, last = parent_of(document, path), path[-1]
        action = draw(st.sampled_from(["replace", "delete", "add", "repeat"]))
        if action == "replace":
            parent[last] = draw(ODD_VALUES)
        elif action == "delete":
            del parent[last]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(KEYS)] = draw(ODD_VALUES)
        elif action == "repeat" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
    return document


def test_generated_plans_are_valid_for_both() -> None:
    for document in BASES:
        assert slow_valid(document)
        assert FAST(document)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken())
def test_the_fast_check_never_accepts_an_invalid_plan(document: Any) -> None:
    if FAST(document):
        assert slow_valid(document), "the fast check accepted a plan jsonschema refuses"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken())
def test_the_fast_check_agrees_with_jsonschema(document: Any) -> None:
    """Agreement both ways (so jsonschema is only run when it has something to say), and the
    kept code answers as the code compiled here does."""
    assert FAST(document) == slow_valid(document) == KEPT(document)


def test_generated_events_are_valid_for_both() -> None:
    for event in EVENTS:
        assert slow_valid(event, SLOW_EVENT)
        assert FAST_EVENT(event) and KEPT_EVENT(event)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken(EVENTS))
def test_the_event_check_agrees_with_jsonschema(event: Any) -> None:
    """``eval --strict`` decides an event the fast check accepts without asking jsonschema."""
    assert FAST_EVENT(event) == slow_valid(event, SLOW_EVENT) == KEPT_EVENT(event)


MANY = {"properties": {name: {"type": "string", "maxLength": 2} for name in "abcdefgh"}}
"""A mapping with many properties: one with few keys and one with many are checked two ways."""
DEPENDENT = {"dependentSchemas": {name: {"required": [name.upper()]} for name in "abcdefgh"}}
"""The same for many dependent schemas."""


@pytest.mark.parametrize(
    ("schema", "value", "valid"),
    [
        ({"type": "integer"}, 1.0, True),
        ({"type": "string", "minItems": 1, "maxLength": 1}, "a", True),
        ({"type": "string", "minItems": 1, "maxLength": 1}, "ab", False),
        ({"type": ["array"], "minItems": 1, "maxLength": 1}, [], False),
        ({"type": ["array"], "minItems": 1, "maxLength": 1}, ["ab"], True),
        ({"type": "integer", "minimum": 2}, 1.0, False),
        ({"type": "null", "minimum": 2}, None, True),
        (MANY, {"a": "x", "z": 1}, True),
        (MANY, {"a": "x", "z": "xyz", "b": 1}, False),
        (MANY, {"c": "xyz"}, False),
        (MANY, {k: "x" for k in "abcdefgh"}, True),
        (MANY, {**{k: "x" for k in "abcdefg"}, "h": "xyz"}, False),
        (MANY, {**{k: "x" for k in "abcdefgh"}, "z": None}, True),
        (MANY, ["a"], True),
        (DEPENDENT, {"a": 1, "A": 1, "z": 1}, True),
        (DEPENDENT, {"a": 1, "B": 1}, False),
        (DEPENDENT, {**{k: 1 for k in "abcdefgh"}, **{k: 1 for k in "ABCDEFGH"}}, True),
        (DEPENDENT, {**{k: 1 for k in "abcdefgh"}, **{k: 1 for k in "ABCDEFG"}}, False),
        ({"items": {"enum": [1, "a"]}}, [1.0, "a"], True),
        ({"items": {"enum": [1, "a"]}}, [1, "b"], False),
        ({"propertyNames": {"maxLength": 1}}, {"a": 1, "b": 2}, True),
        ({"propertyNames": {"maxLength": 1}}, {"a": 1, "bc": 2}, False),
        ({"type": "number"}, True, False),
        ({"const": 1}, True, False),
        ({"enum": [1, "a"]}, 1.0, True),
        ({"uniqueItems": True}, [1, 1.0], False),
        ({"uniqueItems": True}, [[1], [1]], False),
        ({"dependentRequired": {"a": ["b"]}}, {"a": 1}, False),
        ({"if": {"required": ["a"]}, "then": {"required": ["b"]}}, {"a": 1}, False),
        ({"oneOf": [{"type": "string"}, {"minLength": 1}]}, "x", False),
        ({"allOf": [{"type": "string"}, {"minLength": 2}]}, "x", False),
        ({"allOf": [{"type": "string"}, {"minLength": 2}]}, "xy", True),
        ({"not": {"type": "string"}}, "x", False),
        ({"not": {"type": "string"}}, 1, True),
        ({"items": True}, [1, "a"], True),
        ({"propertyNames": True}, {"a": 1}, True),  # the one place `true` is called, not inlined
        ({"items": False}, [1], False),
        ({"items": False}, [], True),
        ({"const": {"a": 1}}, {"a": True}, False),  # true is not 1, inside a group too
        ({"const": {"a": 1}}, {"a": 1.0}, True),
        ({"const": {"a": 1}}, {"b": 1}, False),
        ({"const": [1, "a"]}, [True, "a"], False),
        ({"const": [1, "a"]}, [1.0, "a"], True),
        ({"const": [1, "a"]}, [1], False),
    ],
)
def test_keywords_mean_what_jsonschema_says(
    schema: dict[str, Any], value: Any, valid: bool
) -> None:
    assert compile_check(schema)(value) is valid
    assert Draft202012Validator(schema).is_valid(value) is valid


@pytest.mark.parametrize("key", ["actions", "no_actions"])
@pytest.mark.parametrize(
    "action",
    [
        "tag",
        {"tag": None},
        {"tag": {"tags": ["late"]}},
        {"tag": {"tags": []}},
        {"tag": {"tags": None}},
        {"tag": {"tags": "late"}},
        {"tag": {"tags": [1]}},
        {"tag": {"tags": [], "rule": "vip"}},
        {"tag": {"tags": [], "message_contains": ""}},
        {"reply_publicly": {"message_contains": ""}},
        {"x-crm-flag": {"tags": []}},
        {"x-crm-flag": {"message_contains": "", "level": 3}},
    ],
)
def test_the_plan_test_check_agrees_with_jsonschema_on_expected_actions(
    key: str, action: Any
) -> None:
    """A plan-test file's check is built from its schema as a command starts (no module is
    kept for it): its rules for an empty parameter of an expected or forbidden action (the
    parameter alone or beside others, a custom action's own `tags`) are ones it can build,
    and it answers as jsonschema does, so a file it accepts has no problem left untold."""
    check = fast_check("plantest")
    assert check is not None
    document = {"backplan": 1, "cases": [{"name": "a", "event": {}, "expect": {key: [action]}}]}
    slow = Draft202012Validator(with_python_patterns(load_schema("plantest")))
    assert check(document) == slow.is_valid(document)


@pytest.mark.parametrize(
    ("schema", "words"),
    [
        ({"type": "object", "unevaluatedProperties": False}, "`unevaluatedProperties`"),
        ({"$ref": "other.json#/x"}, "only local references"),
        ({"items": 5}, "not a schema: 5"),
    ],
)
def test_what_the_fast_check_cannot_honour_is_refused_not_skipped(
    schema: dict[str, Any], words: str
) -> None:
    with pytest.raises(UnsupportedSchemaError, match=re.escape(words)):
        compile_check(schema)


def test_the_shipped_fast_checks_are_what_the_schemas_generate() -> None:
    """Else commands compile the check again as they start (it still works: see below)."""
    for path, text in fast_check_modules().items():
        assert path.read_text(encoding="utf-8") == text, "run `python -m engine.schemagen`"


@pytest.mark.parametrize("name", SHIPPED_CHECKS)
def test_a_shipped_schema_is_checked_by_the_code_kept_in_the_package(name: str) -> None:
    check = fast_check(name)
    assert check is not None
    assert check.__code__.co_filename == str(shipped_path(name))


def test_the_kept_plan_check_is_the_one_fuzzed_here() -> None:
    assert KEPT.__code__.co_filename == str(shipped_path("plan"))


def test_a_check_the_shipped_code_does_not_match_is_compiled_from_its_own_text() -> None:
    changed = {**SCHEMA, "required": ["backplan", "conditions"]}  # edited, not regenerated
    check = compile_check(changed, "plan")
    assert check.__code__.co_filename == "<backplan-schema>"
    plan = BASES[0]
    without = {key: value for key, value in plan.items() if key != "conditions"}
    assert FAST(without) is True
    assert check(without) is False  # its own rules, not the shipped schema's
    assert check(plan) is True
    missing = compile_check(SCHEMA, "no-such-schema")  # no module kept for it
    assert missing.__code__.co_filename == "<backplan-schema>"
    assert all(missing(base) is FAST(base) is True for base in BASES)


def test_an_event_schema_edited_without_regenerating_gets_its_own_check() -> None:
    event_schema = load_schema("event")
    changed = {**event_schema, "required": [*event_schema.get("required", []), "x-ticket"]}
    check = compile_check(changed, "event")
    assert check.__code__.co_filename == "<backplan-schema>"
    event = {"id": "e1", "type": "review"}
    kept = fast_check("event")
    assert kept is not None and kept.__code__.co_filename == str(shipped_path("event"))
    assert kept(event) is True
    assert check(event) is False
    assert check({**event, "x-ticket": 7}) is True


def test_a_stale_compiled_copy_of_the_kept_code_is_never_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python trusts a cached .pyc whose source had the same size and modification second: a
    kept file rewritten so (a regenerated schema, a checkout) must not run the old functions
    with the new values."""
    kept = tmp_path / "_fastcheck_demo.py"
    monkeypatch.setattr(fastschema, "shipped_path", lambda name: kept)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)  # let Python cache it, as usual
    old, new = {"maxLength": 3000}, {"maxLength": 1000}  # the same size of text
    old_source, new_source = check_source(old), check_source(new)
    assert len(old_source) == len(new_source) and old_source != new_source
    kept.write_text(shipped_text("demo", old_source), encoding="utf-8")
    old_check = compile_check(old, "demo")
    assert old_check.__code__.co_filename == str(kept)  # run from the kept code, now cached
    assert list((tmp_path / "__pycache__").glob("_fastcheck_demo.*.pyc"))
    written = kept.stat()
    kept.write_text(shipped_text("demo", new_source), encoding="utf-8")
    os.utime(kept, ns=(written.st_atime_ns, written.st_mtime_ns))  # the same second, size
    new_check = compile_check(new, "demo")
    assert new_check("x" * 2000) is False  # its own limit, not the cached code's
    assert new_check.__code__.co_filename == "<backplan-schema>"


def test_the_generated_text_does_not_depend_on_what_re_has_cached(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pattern used twice shares one constant whether or not ``re`` hands back the same
    compiled object (its cache may have dropped it), so the text is the kept one."""
    usual = check_source(SCHEMA)

    def fresh_search(pattern: str) -> Any:  # a new object each time, as if no cache kept it
        re.purge()
        return re.compile(python_pattern(pattern)).search

    monkeypatch.setattr(fastschema, "pattern_search", fresh_search)
    assert check_source(SCHEMA) == usual
    assert shipped_text("plan", usual) == shipped_path("plan").read_text(encoding="utf-8")


_ECMA_BLANKS = "\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff" + "".join(
    chr(c) for c in range(0x2000, 0x200B)
)
"""What ECMA-262's ``\\s`` matches (an editor's reading of the schema): its white space, the
byte-order mark among it, and its line ends."""
_SHOWN_AS_NOTHING = "\u200b\u200c\u200d\u2060\u00ad\u200e\u200f\u2066\u2069\ufe0f\u3164"
"""Characters that show as nothing: zero-width spaces and joiners, marks of direction."""


@pytest.mark.parametrize(
    "blank",
    sorted(
        {*_ECMA_BLANKS, *_SHOWN_AS_NOTHING, *(chr(c) for c in range(0x10000) if chr(c).isspace())}
    ),
)
def test_a_text_of_blanks_is_refused_by_every_check(blank: str) -> None:
    """A rule's title and a recipient of nothing but blanks are refused by the fast check, the
    kept code and jsonschema alike: blanks as Python reads them (``str.isspace``), as ECMA-262
    reads them (``\\s``, U+FEFF among them), and the characters that show as nothing. A
    zero-width space or a byte-order mark had been taken (found by review)."""
    for where in ("title", "to"):
        document = copy.deepcopy(BASES[0])
        rule = document["rules"][0]
        if where == "title":
            rule["title"] = blank * 2
        else:
            rule["then"] = [{"escalate": {"to": f" {blank}"}}]
        assert not FAST(document) and not KEPT(document) and not slow_valid(document), where
