"""The schemas and the models must tell the same story.

* ``event`` and ``decision`` schemas are generated from the models: the committed files must be
  exactly what ``python -m engine.schemagen`` writes.
* ``plan`` is written by hand (for its editor help and error wording); its vocabulary must match
  the model's: operators, action types and their parameters, rule keys, event types.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from engine.event import EventType
from engine.model import (
    CUSTOM_EVENT_TYPE,
    EVENT_TYPES,
    LIST_OPERATORS,
    OPERATORS,
    PREVENTION_ACTIONS,
    REMEDY_ACTIONS,
    Action,
    PlanSettings,
    Rule,
)
from engine.resources import SCHEMA_NAMES, load_schema, schema_path
from engine.schemagen import GENERATED, render

PLAN = load_schema("plan")
DEFS: dict[str, Any] = PLAN["$defs"]


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_schemas_are_up_to_date(name: str) -> None:
    committed = schema_path(name).read_text(encoding="utf-8")
    assert committed == render(GENERATED[name]()), f"run `python -m engine.schemagen` ({name})"


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_schema_is_a_valid_schema_with_an_id(name: str) -> None:
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"https://backplan.dev/schemas/{name}.schema.json"
    assert schema.get("title") or schema.get("description")


def test_operators_match() -> None:
    condition_keys = set(DEFS["condition"]["properties"])
    assert condition_keys - {"field", "ignore_case", "all", "any", "not", "use"} == set(OPERATORS)


def test_list_operators_are_the_schemas_lists_of_values() -> None:
    """The operators slips, lint and the logic treat as lists are those whose value the schema
    makes a list (``between``'s list is two bounds)."""
    properties = DEFS["condition"]["properties"]
    arrays = {op for op in OPERATORS if properties[op].get("type") == "array"}
    assert arrays - {"between"} == LIST_OPERATORS


def test_action_vocabulary_matches() -> None:
    assert set(DEFS["remedy_action"]["properties"]) == set(REMEDY_ACTIONS)
    assert set(DEFS["prevention_action"]["properties"]) == set(PREVENTION_ACTIONS)
    model_fields = {f.name for f in dataclasses.fields(Action)}
    for name, action in DEFS["actions"].items():
        missing = set(action["properties"]) - model_fields
        assert not missing, f"{name}: parameters {missing} have no field in engine.model.Action"


def test_rule_and_plan_keys_match() -> None:
    yaml_keys = set(DEFS["rule"]["properties"]) - {"when"}
    model_keys = {f.name for f in dataclasses.fields(Rule)} - {
        "events",
        "condition",
        "position",
        "at",
    }
    assert yaml_keys == model_keys
    plan_keys = set(PLAN["properties"]["plan"]["properties"])
    assert plan_keys == {f.name for f in dataclasses.fields(PlanSettings)} - {"at"}


def test_event_types_match() -> None:
    schema_types = DEFS["event_type"]["anyOf"][0]["enum"]
    assert schema_types == list(EVENT_TYPES)
    assert list(typing.get_args(EventType)) == list(EVENT_TYPES)
    # The custom types a rule may name are the ones an event may have (by the event schema).
    assert DEFS["event_type"]["anyOf"][1]["pattern"] == CUSTOM_EVENT_TYPE
    event_type = load_schema("event")["properties"]["type"]["anyOf"]
    assert event_type == [
        {"enum": list(EVENT_TYPES), "type": "string"},
        {"pattern": CUSTOM_EVENT_TYPE, "type": "string"},
    ]


def test_the_event_schema_says_what_it_cannot_check_about_a_whole_number_id() -> None:
    """JSON Schema counts 5.0 as an integer, so the event schema passes an id that deciding
    refuses (``write 5, not 5.0``); its description must say so, as it cannot enforce it."""
    event_schema = load_schema("event")
    validator = Draft202012Validator(event_schema)
    assert validator.is_valid({"id": 5.0, "type": "order"})  # the limit this description covers
    assert "5, not 5.0" in event_schema["properties"]["id"]["description"]
