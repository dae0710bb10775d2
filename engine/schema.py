"""JSON Schema validation of plan files, with errors a manager can act on.

jsonschema finds every structural problem; this module turns each one into a located
:class:`~engine.errors.Diagnostic`: the position of the offending key or value, a sentence in the
plan's own words, and a hint (with "did you mean" for misspellings). The schema can override the
wording of one keyword's failure through the ``x-messages`` annotation, and give a general
``x-hint`` for pattern failures, so the advice lives next to the rule it explains.

The hints (``engine.slips``, ten modules) are imported by the functions that word an error, not
at the top: a valid plan, the usual case, never needs them, and ``validate`` starts sooner.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from engine.currencies import currency_written_as
from engine.documents import LoadedDocument, join_pointer, parent_pointer, pointer_tokens
from engine.durations import DEADLINE_KEYS, WITHIN_HINT, duration_hint
from engine.ecmaregex import pattern_search, unended, with_python_patterns
from engine.errors import Diagnostic, Severity, counted
from engine.fastschema import JSON_TYPES, Check, UnsupportedSchemaError, compile_check, type_test
from engine.fields import dotted_path
from engine.model import ACTION_TYPES, OPERATORS
from engine.resources import load_schema
from engine.suggest import suggestion_suffix

if TYPE_CHECKING:  # jsonschema is imported only when a document is invalid (it is slow to load)
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

    from engine.slips import Slips  # so are the hints, by the functions that word an error

_KINDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping (keys and values)",
    "null": "empty",
}


@cache
def schema_validator(name: str) -> Draft202012Validator:
    """The validator for one shipped schema (built once; it is thread-safe to share).

    Its types are JSON's own classes, as in the fast check (``engine.fastschema``): left to
    jsonschema's defaults, a ``Decimal`` or a ``complex`` is a number and a ``str`` subclass
    text, so a value the fast check refused could pass here, leaving nothing to say why.
    """
    from jsonschema import Draft202012Validator, validators

    exact = Draft202012Validator.TYPE_CHECKER.redefine_many(
        {kind: _exactly(kind) for kind in JSON_TYPES}
    )
    json_data = validators.extend(Draft202012Validator, type_checker=exact)  # type: ignore[no-untyped-call]
    # Its patterns as ECMA-262 reads them, as the fast check does (``engine.ecmaregex``).
    return cast("Draft202012Validator", json_data(with_python_patterns(load_schema(name))))


def _exactly(kind: str) -> Callable[[Any, Any], bool]:
    """jsonschema's type test for one JSON Schema type: the fast check's own
    (``engine.fastschema.type_test``)."""
    test = type_test(kind)
    return lambda _checker, value: test(value)


SHIPPED_CHECKS: tuple[str, ...] = ("plan", "event")
"""The schemas whose fast checks are kept compiled in the package (``engine._fastcheck_*``,
written by ``python -m engine.schemagen``): the plan's, built by every command that reads a
plan, and the event's, built by ``eval --strict``."""


@cache
def fast_check(name: str) -> Check | None:
    """The yes/no check of one shipped schema (see ``engine.fastschema``); None if unsupported."""
    try:
        return compile_check(load_schema(name), name if name in SHIPPED_CHECKS else None)
    except UnsupportedSchemaError:  # pragma: no cover - every shipped schema compiles
        return None


def validate_plan_document(
    document: LoadedDocument, *, refused: bool = False, currency: str | None = None
) -> list[Diagnostic]:
    """Every schema problem in one plan file, located and explained, in file order
    (``refused``: the fast check already said no to this data, so it is not asked again;
    ``currency``: the plan's, which may be set in another of its files, for the hints)."""
    return validate_document(document, "plan", refused=refused, currency=currency)


def plan_data_is_valid(data: Any) -> bool:
    """Whether the plan schema accepts the data (the fast yes/no check; jsonschema if that
    check cannot be built from the schema)."""
    check = fast_check("plan")
    if check is not None:  # pragma: no branch - the plan schema compiles (fast_check)
        return check(data)
    return schema_validator("plan").is_valid(data)  # pragma: no cover


def validate_document(
    document: LoadedDocument, schema: str, *, refused: bool = False, currency: str | None = None
) -> list[Diagnostic]:
    """Every problem of one YAML document against a shipped schema (plan, plantest...);
    ``refused`` says the fast check already refused this very data; ``currency`` is the
    plan's, when known, which the hint for an amount written with a currency names."""
    from engine.slips import Slips

    check = None if refused else fast_check(schema)
    if check is not None and check(document.data):
        return []  # valid: jsonschema, which explains problems, has nothing to explain
    seen: set[tuple[str, str]] = set()
    about_keys: set[tuple[str, str]] = set()  # said of a key itself (its name), not its value
    found: list[Diagnostic] = []
    slips = Slips(
        document, schema, currency
    )  # hints worked out once for all the errors of this validation
    for error in _schema_errors(document.data, schema):
        for diagnostic in _explain(error, slips):
            key = (diagnostic.source.pointer, diagnostic.message)
            if key not in seen:
                seen.add(key)
                found.append(diagnostic)
                if _is_property_name_error(error):
                    about_keys.add(key)
    return _drop_echoes(sorted(found, key=Diagnostic.sort_key), about_keys)


MIN_ITEMS_TO_NARROW = 32
"""A top-level list at least this long has only its refused items given to jsonschema."""


def _schema_errors(data: Any, schema: str) -> Iterator[ValidationError]:
    """jsonschema's errors for the data, with a long top-level list narrowed to its refused
    items.

    jsonschema costs tens of microseconds per value: with one mistake in a 10,000-rule plan it
    took 15-20 s to walk the 9,999 good rules too. Where the schema checks each item of a
    top-level list on its own (``rules: {type: array, items: {...}}``, nothing about the list as
    a whole), the fast check says which items are refused, jsonschema is given the document with
    only those, and each error's path is given back its item's place in the whole list. The
    errors are the same: an item's errors depend on that item alone.
    """
    validator = schema_validator(schema)
    narrowed = _narrowed(data, schema)
    if narrowed is None:
        yield from validator.iter_errors(data)
        return
    reduced, places = narrowed
    for error in validator.iter_errors(reduced):
        path = error.relative_path  # the errors' children read their paths through it
        if len(path) >= 2 and path[0] in places:
            path[1] = places[path[0]][path[1]]
        yield error


def _narrowed(data: Any, schema: str) -> tuple[dict[str, Any], dict[str, list[int]]] | None:
    """The document with each long, item-by-item list cut to the items the fast check refuses,
    and for each such list the places of those items in the whole list (None: nothing to cut)."""
    if data.__class__ is not dict:
        return None
    reduced = dict(data)
    places: dict[str, list[int]] = {}
    for name, check in _item_checks(schema).items():
        items = data.get(name)
        if items.__class__ is list and len(items) >= MIN_ITEMS_TO_NARROW:
            places[name] = [i for i, item in enumerate(items) if not check(item)]
            reduced[name] = [items[i] for i in places[name]]
    return (reduced, places) if places else None


_PLAIN_ROOT = frozenset(
    {"$schema", "$id", "$comment", "$defs", "title", "description", "examples", "type"}
    | {"required", "additionalProperties", "properties", "x-messages"}
)
"""Root keywords that say nothing about the items of a top-level list."""


@cache
def _item_checks(schema: str) -> dict[str, Check]:
    """For each top-level list whose schema only says *a list of these*, the fast check of one
    item (compiled with the schema's ``$defs``, so its references resolve)."""
    root = load_schema(schema)
    checks: dict[str, Check] = {}
    # Neither holds of the shipped schemas; kept for a schema that changes.
    if set(root) - _PLAIN_ROOT:  # pragma: no cover - allOf or if could constrain items too
        return checks
    for name, sub in root.get("properties", {}).items():
        if sub.__class__ is not dict or "items" not in sub:
            continue
        if (
            set(sub) - {"type", "items", "description", "title", "examples"}
            or sub.get("type", "array") != "array"
        ):
            continue
        try:
            checks[name] = compile_check({"$defs": root.get("$defs", {}), **sub["items"]})
        except UnsupportedSchemaError:  # pragma: no cover
            continue
    return checks


_KEY_ECHOES = {"misplaced-key", "two-operators"}
_UNKNOWN_KEY_CODES = {"unknown-key", "unknown-operator"}


def _drop_echoes(found: list[Diagnostic], about_keys: set[tuple[str, str]]) -> list[Diagnostic]:
    """Keep one report per real mistake.

    An unknown key also makes its mapping fail the narrower checks of if/then branches ("no
    operator", "needs a field"); the unknown key is the mistake to report. Two operators in one
    test fail once per operator; one report is enough. What is said of a mapping's own name
    (``about_keys``: a condition named `Bad Name`) is no echo of a key inside it, though it has
    the mapping's pointer.
    """
    unknown_names: dict[str, list[str]] = {}  # a mapping's pointer -> its unknown keys
    for d in found:
        if d.code in _UNKNOWN_KEY_CODES:
            holder = parent_pointer(d.source.pointer)
            unknown_names.setdefault(holder, []).append(pointer_tokens(d.source.pointer)[-1])
    actions_in_when = {  # `then:` indented into `when:`: the rule is not empty, only misshapen
        d.source.pointer.rsplit("/when", 1)[0]
        for d in found
        if d.code in _UNKNOWN_KEY_CODES  # under a test inside `when:` it is an unknown operator
        and _INSIDE_WHEN.match(d.source.pointer)
        and d.source.pointer.rsplit("/", 1)[1] in ("then", "prevent")
    }
    kept: list[Diagnostic] = []
    two_operator_objects: set[str] = set()
    for diagnostic in found:
        pointer = diagnostic.source.pointer
        if diagnostic.code == "empty-rule" and pointer in actions_in_when:
            continue
        if diagnostic.code not in _UNKNOWN_KEY_CODES:
            if (
                pointer in unknown_names
                and (pointer, diagnostic.message) not in about_keys
                and not _missing_beside(diagnostic, unknown_names[pointer])
            ):
                continue
            if diagnostic.code in _KEY_ECHOES and parent_pointer(pointer) in unknown_names:
                continue
        if diagnostic.code == "two-operators":
            if parent_pointer(pointer) in two_operator_objects:
                continue
            two_operator_objects.add(parent_pointer(pointer))
        kept.append(diagnostic)
    return kept


_MISSING = re.compile(r"missing `([^`]+)`")


def _missing_beside(diagnostic: Diagnostic, unknown: list[str]) -> bool:
    """Whether a missing key is a mistake of its own beside the mapping's unknown keys: none of
    them is a misspelling of it (``rule:`` in a file without ``backplan:``). Where one is
    (``titel:`` for ``title``, ``kind:voucher`` for ``kind``), or is a merge key (``<<``), the
    unknown key says it all."""
    found = _MISSING.match(diagnostic.message) if diagnostic.code == "missing-key" else None
    if found is None or "<<" in unknown:  # a merge key may have been meant to bring it
        return False
    return not any(  # `kind:voucher` (no space after the colon) is `kind` too
        suggestion_suffix(name, [found[1]]) or name.partition(":")[0].strip().lower() == found[1]
        for name in unknown
    )


def _pointer(error: ValidationError) -> str:
    pointer = ""
    for token in error.absolute_path:
        pointer = join_pointer(pointer, token)
    return pointer


def _show(value: Any) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 60 else f"{value[:57]}..."
        return f"`{_plain(shown) if not shown.isprintable() else shown}`"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if value is None:
        return "an empty value"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, float):  # as a person writes it: `1e10` read back is 10000000000.0
        from engine.wording import show_number  # (only for a plan in error)

        return f"`{show_number(value)}`"
    return f"`{value}`"


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing"


_NAMED_ITEMS = {"rules": ("rule", "id"), "cases": ("case", "name")}
"""The lists of a plan and of a plan-test file whose items a message names, and the key that
names each: a test file's messages named no case (found by review)."""


def where_in_plan(pointer: str, data: Any) -> str:
    """A short phrase naming the part of the plan (or the case of a plan-test file) a pointer
    is in, for messages; a rule's id, a case's name or a condition's name of 100 KB (refused,
    but still said in each message about its rule) is cut to :data:`~engine.slips.QUOTED_AT_MOST`
    characters."""
    from engine.slips import as_written

    parts = pointer_tokens(pointer)  # a condition named `a/b` is named so, not `a~1b`
    if len(parts) >= 2 and parts[0] in _NAMED_ITEMS and parts[1].isdigit():
        kind, named_by = _NAMED_ITEMS[parts[0]]
        index = int(parts[1])
        items = data.get(parts[0]) if isinstance(data, dict) else None
        item = items[index] if isinstance(items, list) and index < len(items) else None
        name = item.get(named_by) if isinstance(item, dict) else None
        rest = [p for p in parts[2:] if not p.isdigit()]
        if isinstance(name, str) and rest != [named_by]:  # a bad id does not name its own rule
            label = f"{kind} `{as_written(name)}`"
        else:
            label = f"{kind} #{index + 1}"
        return f" in {label}" + (f" ({' › '.join(rest)})" if rest else "")
    if len(parts) >= 2 and parts[0] == "conditions":
        rest = [p for p in parts[2:] if not p.isdigit()]
        return f" in condition `{as_written(parts[1])}`" + (
            f" ({' › '.join(rest)})" if rest else ""
        )
    if parts and parts[0] == "plan":
        return " in `plan`" + (f" ({' › '.join(parts[1:])})" if len(parts) > 1 else "")
    return ""


def _currency_named(written: str) -> str:
    """The hint for a plan's currency written as the name its countries give it (``CFA``,
    ``F CFA``, ``CFP``), not its code: the code, or the two that name stands for. ``CFA``,
    three capitals, had passed validate, and its gestures were rounded to cents of a currency
    that has none; lint said only that it is no ISO code (found by review). "" for any other
    text."""
    from engine.currencies import cfa_currencies

    codes = cfa_currencies(written)
    if not codes:
        return ""
    if len(codes) == 1:
        return f"write the currency's code: `currency: {next(iter(codes))}`"
    return (  # (the two francs written `CFA`)
        f"`{written.strip()}` names two currencies: write `currency: XOF` for the West African "
        "franc, or `currency: XAF` for the Central African franc"
    )


def _written_as_toml(data: Any, document: LoadedDocument) -> tuple[str, str] | None:
    """For a file YAML read as one text whose first line is a TOML or INI file's
    (``backplan = 1``): what to say of it, from that line as written."""
    if not isinstance(data, str):
        return None
    from engine.slips.written import line_at
    from engine.yamlsyntax.keys import equals_for_colons  # only for a file that is no plan

    return equals_for_colons(line_at(document.locate("")), [])


def _override(error: ValidationError, slips: Slips | None = None) -> tuple[str, str, str] | None:
    """The schema's own wording for this failure: message, hint and code; ``slips`` knows the
    names a name written as words is not to be hinted as
    (:meth:`~engine.slips.Slips.names_beside`)."""
    from engine.slips import as_written

    schema = error.schema if isinstance(error.schema, dict) else {}
    entry = _referrer_messages(error, slips).get(str(error.validator))
    if entry is None:
        entry = schema.get("x-messages", {}).get(str(error.validator))
    if entry is None:
        return None

    instance = error.instance
    name = as_written(_plain(instance))  # a 100 KB text where a duration belongs
    if str(error.validator) in _BOUNDS:  # `percent: 1e3` as written, not read back as 1000.0
        name = _number_written(error, slips) or name
    field = as_written(_plain(instance.get("field"))) if isinstance(instance, dict) else ""
    message, hint = (_filled_in(part, error, name, field) for part in entry[:2])
    code = entry[2] if len(entry) > 2 else _code(str(error.validator))
    if error.validator == "pattern" and isinstance(instance, str):  # `repeat complainer`
        taken = slips.names_beside(_pointer(error), instance) if slips else frozenset()
        hint = _name_hint(instance, str(error.validator_value), hint, taken)
    return message, hint, code


def _referrer_messages(error: ValidationError, slips: Slips | None) -> dict[str, Any]:
    """The ``x-messages`` written beside the ``$ref`` through which the failed keyword was
    reached, if it was: a definition shared by several fields (``$defs.words``, text that is not
    only blanks) is refused in each field's own words, "this title is only blanks", "this
    recipient is only blanks", from one check. jsonschema gives the definition's schema, not the
    field's: the field's is found by walking its path in the schema the validator holds (its
    ``patternProperties`` keys written for Python, as the path names them). {} for none."""
    if slips is None:
        return {}
    root: Any = schema_validator(slips.schema).schema  # its path's pattern keys
    node: Any = root
    for step in list(error.absolute_schema_path)[:-1]:
        node = _through_ref(node, step, root)
    if not isinstance(node, dict) or "$ref" not in node or error.validator in node:
        return {}
    table = node.get("x-messages", {})
    return table if isinstance(table, dict) else {}


def _through_ref(node: Any, step: str | int, root: Any) -> Any:
    """``node[step]``, following ``node``'s own ``$ref`` (``#/$defs/...``, a definition of the
    same schema) where the step is not in it: jsonschema's path names the keys it went
    through, leaving out a ``$ref`` it followed. The path is made of the schema's own keys, so
    it never leads outside the schema (a step of no node, or through a ``true``)."""
    if isinstance(node, list):
        return node[int(step)]  # (a list is stepped through by index)
    if step not in node:
        target: Any = root
        for name in str(node["$ref"])[2:].split("/"):  # `#/$defs/actions/escalate`
            target = target[name]
        return _through_ref(target, step, root)
    return node[step]


_PLACEHOLDER = re.compile(r"\{(key|value|field|action)\}")
"""What an ``x-messages`` entry may say in braces, filled in from the refused value: the value
itself (``{key}``, ``{value}``), a field test's ``{field}``, and the ``{action}`` a parameter is
of. Filled in one pass, so a value that reads ``{field}`` is shown as written."""


def _filled_in(text: str, error: ValidationError, shown: str, field: str = "") -> str:
    """``text``, a schema's message or hint, with its braces (:data:`_PLACEHOLDER`) filled
    in: ``shown`` is the refused value as written, ``field`` a field test's field."""
    filled = {"key": shown, "value": shown, "field": field or "field", "action": _action_of(error)}
    return _PLACEHOLDER.sub(lambda found: filled[found[1]], text)


def _action_of(error: ValidationError) -> str:
    """The key above the refused value's own, as written: for a parameter of an action
    (``/cases/0/expect/no_actions/0/tag/tags``), the action's type (``tag``); "" for a value
    with no such key. It lets a schema's message name the action (``write `- tag```) where a
    parameter of any action is refused (found by review)."""
    from engine.slips import as_written

    path = error.absolute_path
    above = path[-2] if len(path) >= 2 else None
    return as_written(above) if isinstance(above, str) else ""


def _name_hint(text: str, pattern: str, hint: str, taken: Collection[str] = ()) -> str:
    """``hint``, after the name to write for a rule id or a condition name written as words
    (:func:`~engine.slips.name_written_as`): a plan's and a plan test's alike; one of its own
    when that name is ``taken`` (:func:`~engine.slips.name_of_its_own`)."""
    from engine.slips import name_of_its_own, name_written_as

    meant = name_written_as(text, pattern)
    if meant is None:
        return hint
    if meant in taken:
        return f"{name_of_its_own(meant, pattern, taken)}: {hint}"
    return f"write `{meant}`: {hint}"


def _plain(value: Any) -> str:
    """A value as the author wrote it, for ``{value}`` in schema messages: text that would
    read as something else quoted (``backplan: "1"`` is text, and saying ``backplan: 1`` is
    wrong contradicted the hint to write just that), a list or mapping in brief. A value is
    one JSON holds: both loaders make no other (``engine.quickload`` vouches for each value,
    ``engine.yamlcompose`` makes only these), nor does a plan made in Python
    (``engine.plandata`` refuses any other)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        from engine.wording import looks_like_other  # only for a message: not at start-up

        if not value.isprintable():  # a line break or a tab would break the message's line
            return json.dumps(value, ensure_ascii=False)  # `"JPY\n"`, as JSON writes it
        return f'"{value}"' if looks_like_other(value) else value
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, dict)):
        shown = json.dumps(value, ensure_ascii=False, default=str)
        return shown if len(shown) <= 40 else f"{shown[:39]}…"
    return "null"  # None, `- ` or `~`: YAML's empty value, which a blank would hide


def _with_where(message: str, where: str) -> str:
    """Append the place (" in rule `x`"), or put it where the message says ``{where}``."""
    if "{where}" in message:
        return message.replace("{where}", where.removeprefix(" in ") or "this")
    return message + where


def _said_by_its_type_error(error: ValidationError, schema: dict[str, Any]) -> bool:
    """Whether this is a mapping's ``oneOf`` of required keys failed by a value that is no
    mapping: ``required`` holds of anything else, so every branch holds and "exactly one"
    fails, a false complaint beside the type error that says what is wrong."""
    return (
        error.validator in ("oneOf", "anyOf")
        and schema.get("type") == "object"
        and not isinstance(error.instance, dict)
    )


def _is_property_name_error(error: ValidationError) -> bool:
    return "propertyNames" in error.relative_schema_path


def _allowed_names(schema: Any) -> list[str]:
    names: list[str] = [*schema.get("enum", []), *schema.get("properties", {})]
    for branch in schema.get("anyOf", []):  # (the plan schema's are mappings, never `true`)
        names.extend(_allowed_names(branch))
    return [n for n in names if isinstance(n, str)]


def _what_the_key_is(name: str, pointer: str, code: str, slips: Slips) -> str:
    """A hint saying what a key that a plan language's word would override really is, or "":
    then a did-you-mean would mislead (and is not worked out)."""
    from engine.slips import field_as_key_hint, look_back_hint, missing_colon_hint

    if belongs := _rule_key_hint(pointer, name):  # then: indented into a test
        return belongs
    if code != "unknown-operator":
        return ""
    document = slips.document
    return (
        missing_colon_hint(name, pointer, document)  # `{use public_channel}`: no `: `
        or field_as_key_hint(name, pointer, document)  # `{rating: 2}`: no misspelt operator
        or look_back_hint(name, pointer, document)  # `repeated_within: 7d`: no such test
    )


def _tests_listed_under(name: str, pointer: str, code: str, slips: Slips) -> tuple[str, str] | None:
    """For a test's key holding a list of tests (``{or: [...]}``), the did-you-mean of
    ``any`` or ``all`` and the hint (:func:`~engine.slips.tests_listed_under`); None for any
    other key, and for a key of the rule written inside its ``when:`` (``then:``), which
    :func:`_rule_key_hint` places."""
    from engine.slips import tests_listed_under

    if code != "unknown-operator" or _rule_key_hint(pointer, name):
        return None
    return tests_listed_under(name, pointer, slips.document)


def _field_beside(name: str, code: str) -> bool:
    """Whether ``name``, a key beside a test's operator, is an event field (``rating`` of
    ``{field: channel, eq: web, rating: 2}``): no misspelt operator, so no did-you-mean."""
    from engine.slips import event_field

    return code == "unknown-operator" and event_field(name)


def _glued_hint(name: str, known: Iterable[str]) -> str:
    """For a key YAML read with its value because no space followed its colon (``kind:voucher``,
    ``note:{message``), where to put the space; "" for any other key."""
    from engine.slips import as_written

    key, colon, value = name.partition(":")
    if not colon or not value or value[0].isspace() or key not in known:
        return ""
    if value[0] in "{[":  # `note:{message`: YAML cut the value at its first `: `
        return f"put a space after the colon of `{key}:`"
    return f"put a space after the colon of `{key}:`, as in `{key}: {as_written(value)}`"


def _unknown_key(name: str, pointer: str, allowed: list[str], slips: Slips) -> tuple[str, str]:
    """The message (without where it is) and hint for a key the schema does not know, its
    did-you-mean worked out only when it is said: not for a key of the rule written inside
    its ``when:`` or for YAML 1.1's merge key, which no plan language key is misspelt as."""
    from engine.slips import MERGE_KEY, as_written, no_channel_hint, offer_currency_hint

    if name == "<<":  # YAML 1.1's merge key: no key of YAML 1.2, nor of a plan
        return MERGE_KEY
    shown = as_written(name)
    if belongs := (
        _rule_key_hint(pointer, name)
        or _plan_version_hint(name, pointer, slips.document.data)
        or _section_in_plan_hint(name, pointer, slips.document.data)
        or slips.when_key_hint(name, pointer)
        or slips.rule_key_outside_hint(name, pointer)
    ):
        return f"unknown key `{shown}`", belongs  # then: in when:, event: beside it: no slip
    if glued := _glued_hint(name, allowed):  # `{kind:voucher}`: one key, no space
        return f"unknown key `{shown}`", glued
    if no_channel_hint(name, pointer, allowed):  # `reply_publicly: {chanel: x}`
        return not_its_key(name, pointer, allowed)
    message = f"unknown key `{shown}`{suggestion_suffix(name, allowed)}"
    if "within" in allowed and name.lower() in DEADLINE_KEYS:  # `due: 2026-12-31`
        return message, WITHIN_HINT
    if "amount" in allowed and name.lower() == "currency":  # `{amount: 10, currency: EUR}`
        return message, offer_currency_hint(shown)
    return message, slips.cut_at_comma_hint(name, pointer, allowed) or _allowed_hint(allowed)


def not_its_key(name: str, pointer: str, allowed: list[str]) -> tuple[str, str]:
    """The message and hint for a key the action at ``pointer`` never has: why, where that is
    plain (``reply_publicly`` has no channel, :func:`~engine.slips.no_channel_hint`), and the
    keys ``allowed``; a plan's action and a plan test's expected one are told alike."""
    from engine.slips import as_written, no_channel_hint

    hint = "; ".join(
        filter(None, [no_channel_hint(name, pointer, allowed), _allowed_hint(allowed)])
    )
    return f"unknown key `{as_written(name)}`", hint


def _in_braces(value: Any) -> str | None:
    """``value`` as it is written inside braces in a plan (``vip``, ``[gold, vip]``, ``2``,
    ``"Doe, Jane"``: :func:`engine.slips.written.flow`), or None for a value that is not a
    text, a number, true or false, or a list of them (a group of fields, nothing)."""
    from engine.slips.written import flow

    if isinstance(value, list):
        return None if any(_in_braces(item) is None for item in value) else flow(value)
    return flow(value) if isinstance(value, (str, int, float)) else None


def _test_in_braces(when: dict[str, Any], test_keys: Collection[str]) -> str | None:
    """The field test written straight under ``when:`` as one item of ``all:``, the manager's
    own field and operator (``{field: customer.tier, in: [vip]}``): the hint had shown
    ``{field: rating, lte: 2}`` whatever the rule tested, which a restaurant owner testing
    ``customer.tier`` copied (found by review). None when a value cannot be written back
    on one line (a group of fields) or the test has no operator yet: the example is given."""
    written = [
        f"{key}: {shown}"
        for key in ("field", *(k for k in when if k in test_keys and k != "field"))
        if (shown := _in_braces(when.get(key))) is not None
    ]
    together = "{" + ", ".join(written) + "}"
    whole = len(written) == len([k for k in when if k in test_keys])
    fits = whole and any(k in OPERATORS for k in when) and len(together) <= 80
    return together if fits else None


def _misplaced_test_hint(when: dict[str, Any]) -> str:
    """The hint of a field test written straight under ``when:``: to put it in a list under
    ``all:``, or, when ``when:`` has an ``all:`` list already, to add it to that list: a
    second ``all:`` is a key written twice, and one written over it drops the tests it held
    (``when: {all: [...], field: rating, lte: 2}`` had been hinted ``all: [{field: rating,
    lte: 2}]``) (found by review)."""
    from engine.slips import CONDITION_KEYS

    written = _test_in_braces(when, CONDITION_KEYS)
    if isinstance(when.get("all"), list):
        item = f"`{written}`" if written else "it, such as `{field: rating, lte: 2}`,"
        return f"add {item} to the list under the `all:` beside it"
    if written:
        return f"put it in a list under `all:`: `all: [{written}]`"
    return "put it in a list under `all:`, such as `all: [{field: rating, lte: 2}]`"


def _list_of(pointer: str) -> str:
    """The name of the list an item's ``pointer`` is in (``prevent`` of ``/rules/0/prevent/1``,
    ``actions`` of a plan test's expectation), which says where an offer named as an action
    is to go (``engine.slips.compensation_kind_hint``); "" at the top."""
    return (["", *pointer_tokens(pointer)])[-2]


class _Said:
    """Where one jsonschema error is said, and how: its pointer, the words naming its place
    (``where``), and :meth:`at`, which every part of :func:`_explain` writes its diagnostics
    with, so the example of a field's values is added to each hint alike."""

    __slots__ = ("document", "error", "pointer", "schema", "slips", "validator", "where")

    def __init__(self, error: ValidationError, slips: Slips) -> None:
        self.error, self.slips, self.document = error, slips, slips.document
        self.pointer = _pointer(error)
        self.where = where_in_plan(self.pointer, self.document.data)
        self.validator = str(error.validator)
        self.schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}

    def at(
        self, message: str, hint: str, code: str, ptr: str | None = None, key: bool = False
    ) -> Diagnostic:
        """The diagnostic ``message`` with ``hint``, located at ``ptr`` (the error's own place
        by default; ``key``: at the key rather than its value)."""
        ptr = self.pointer if ptr is None else ptr
        hint = self.slips.values_example(hint, ptr)  # `in: [value1, value2]` as its values
        return Diagnostic(Severity.ERROR, code, message, self.document.locate(ptr, key=key), hint)


def _explain(error: ValidationError, slips: Slips) -> Iterator[Diagnostic]:
    """The diagnostics of one jsonschema error, in the plan's own words: none when another
    error's diagnostic already says it (one slip of the pen, such as a setting lined up with
    its action, fails several keywords and is told once), else one for each key or item at
    fault. A key's name, a keyword with its own ``x-messages`` and each structural keyword
    are worded by their own function below."""
    from engine.slips import listed

    said = _Said(error, slips)
    if (typed := slips.action_named_by_type(said.pointer)) is not None:
        item, hint, slip = typed  # `- type: apologize`: one problem, whichever error it is
        message = f"`type:` does not name an action{where_in_plan(item, said.document.data)}"
        message += f"; its type is its key, and {slip}" if slip else "; its type is its key"
        yield said.at(message, hint, "action-shape", f"{item}/type", key=True)
        return
    if _is_property_name_error(error):
        yield from _key_name_said(said)
        return
    if _said_by_its_type_error(error, said.schema):
        return
    wants_list = said.validator == "type" and "array" in listed(error.validator_value)
    if wants_list and (glued_key := slips.glued_first_key(said.pointer)):  # `-escalate:` alone
        key, words, hint = glued_key
        yield said.at(
            words + said.where, hint, _code(said.validator), join_pointer(said.pointer, key), True
        )
        return
    if _said_with_another(said, wants_list):
        return
    override = _override(error, slips)
    if override is not None and override[2] == "action-shape":
        strays = slips.stray_settings(said.pointer)
        if strays:
            from engine.slips import settings_lined_up

            yield from settings_lined_up(strays, said.pointer, said.document, said.where)
            return
    if error.instance is None and slips.settings_left_out(said.pointer):
        return  # `- follow_up:` with nothing under it: its settings are said to be left out
    if _said_of_a_test_without_field(error, said.pointer, slips):
        return  # `{in: late, cold}`: its shape and its list are said with its `field:`
    if override is not None:
        yield _overridden_said(said, *override)
        return
    yield from _keyword_said(said, wants_list)


def _said_with_another(said: _Said, wants_list: bool) -> bool:
    """Whether the error is one a slip fails beside another, whose diagnostic says it whole:
    a number cut by a comma, or the value of a setting lined up with its action."""
    pointer, slips = said.pointer, said.slips
    if slips.cut_by_a_comma(pointer) and not wants_list:  # (a key's own has returned)
        return True  # `{amount: 0,500}`: the key `500` says it, with the number whole
    # the value of a setting lined up with its action: action-shape says it all
    return bool(pointer) and slips.setting_of_the_action(
        pointer_tokens(pointer)[-1], parent_pointer(pointer)
    )


def _key_name_said(said: _Said) -> Iterator[Diagnostic]:
    """A key whose name is refused (an unknown action, operator or key, a name too long),
    said at the key: the schema's ``x-messages`` words it, and the slips that make such a
    key (a setting lined up with its action, a list or a number cut by a comma) are said once,
    at the key they belong to."""
    from engine.slips import compensation_kind_hint, other_section_hint

    error, slips, pointer, where = said.error, said.slips, said.pointer, said.where
    name = str(error.instance)
    key_pointer = join_pointer(pointer, name)
    override = _override(error, slips)
    if override is None:  # a name of the plan's own too long (each list of names has its own)
        message, hint = _keyword_message(error, said.schema)
        yield said.at(message + where, hint, _code(said.validator), key_pointer, key=True)
        return
    message, hint, code = override
    if code.startswith("unknown-action") and slips.setting_of_the_action(name, pointer):
        return  # `within:` lined up with `compensate:`: said once, by action-shape
    if code in _BESIDE_AN_OPERATOR and _rest_of_a_list(name, pointer, _operands(), slips):
        return  # `cold` of `{field: issue, in: late, cold}`: said once, by `in`
    if code == "misplaced-key" and (left_out := slips.field_left_out(name, pointer)):
        if left_out[0]:  # `{in: late, cold}`: one problem, at `in`
            yield said.at(left_out[0] + where, left_out[1], code, key_pointer, key=True)
        return
    if code == "unknown-operator" and (
        cut := slips.number_cut(name, pointer) or slips.words_cut(name, pointer)
    ):
        if cut[0]:  # `5` of `{field: rating, lte: 1,5}`; said once, at its first key
            yield said.at(cut[0] + where, cut[1], code, key_pointer, key=True)
        return
    if code == "unknown-action":
        hint = (
            _glued_hint(name, ACTION_TYPES)
            or other_section_hint(name)
            or compensation_kind_hint(name, _list_of(pointer))
            or hint
        )
    elif code == "unknown-action-type":  # a plan test's `- refund:`
        hint = compensation_kind_hint(name, _list_of(pointer)) or hint
    if grouped := _tests_listed_under(name, pointer, code, slips):
        message += grouped[0]  # `{anny: [tests]}`: `any` meant, not a field `anny`
        hint = grouped[1]
    elif instead := _what_the_key_is(name, pointer, code, slips):
        hint = instead  # and no did-you-mean: the key is no misspelling
    elif code.startswith("unknown") and not _field_beside(name, code):
        message += suggestion_suffix(name, _allowed_names(said.schema))  # (`gte` by `lte`: none)
    yield said.at(message + where, hint, code, key_pointer, key=True)


def _overridden_said(said: _Said, message: str, hint: str, code: str) -> Diagnostic:
    """An error the schema words itself (``x-messages``), its hint made for the value at
    fault where one slip is likelier than the schema's advice: a version written as text, a
    list written as one text or without its commas, a duration, TOML, a currency by name,
    a misspelt name of the schema's own."""
    from engine.slips import LISTS, compensation_kind_hint, own_event_type

    error, slips, pointer, where = said.error, said.slips, said.pointer, said.where
    instance = error.instance
    if code == "unknown-version" and instance in ("1", "1.0"):  # `backplan: "1"`
        message = f'`backplan: "{instance}"` is text; the version is the number 1'
        hint = "remove the quotes: `backplan: 1`"
    elif LISTS.match(pointer) and (glued := slips.glued_item_hint(pointer)):
        hint = glued  # `event:` then `-order` and `- review` below it: no misspelt type
    elif isinstance(instance, str) and "," in instance and LISTS.match(pointer):
        hint = slips.list_hint(pointer, instance)  # `event: review, complaint`
    elif code == "bad-duration" and (
        mend := duration_hint(str(instance)) or _unit_left_out_in_quotes(error, pointer)
    ):
        hint = mend
    elif isinstance(instance, str) and (apart := slips.comma_left_out(pointer, instance)):
        message, hint = apart  # `event: [order review]`: no misspelt type
    elif code == "not-a-plan" and (toml := _written_as_toml(instance, said.document)):
        message, hint = toml  # `backplan = 1`: YAML read the whole file as one text
        where = ""
    elif pointer == "/plan/currency" and (meant := currency_written_as(str(instance))):
        hint = f"write the currency's code: `currency: {meant}`"
    elif pointer == "/plan/currency" and (named := _currency_named(str(instance))):
        hint = named
    elif isinstance(instance, str):
        suffix = suggestion_suffix(instance, _allowed_names(said.schema))
        own = own_event_type(instance) if code == "unknown-event-type" else None
        if not suffix and own is not None:  # `event: booking`: no misspelt standard type
            suffix, hint = own
        if code == "unknown-action-type":  # `no_actions: [voucher]` of a plan test
            hint = compensation_kind_hint(instance, _list_of(pointer)) or hint
        message += suffix
    return said.at(_with_where(message, where), hint, code)


def _keyword_said(said: _Said, wants_list: bool) -> Iterator[Diagnostic]:
    """An error of a structural keyword (keys unknown, missing or needed, an item repeated,
    a choice of shapes), or else of a value's type, count or form (:func:`_value_said`)."""
    error, validator = said.error, said.validator
    if validator in ("anyOf", "oneOf") and error.context:
        for chosen in _likeliest_branch(error):
            yield from _explain(chosen, said.slips)
    elif validator == "additionalProperties":
        yield from _unknown_keys_said(said)
    elif validator == "required":
        yield from _missing_keys_said(said)
    elif validator == "dependentRequired":
        yield from _keys_needed_said(said)
    elif validator == "uniqueItems" and (repeat := _repeat_said(said)) is not None:
        yield repeat
    else:
        yield _value_said(said, wants_list)


def _unknown_keys_said(said: _Said) -> Iterator[Diagnostic]:
    """Each key a mapping may not hold, said at the key; a field test written straight under
    ``when:`` is one misplaced test, not a problem for each of its keys."""
    from engine.slips import CONDITION_KEYS

    schema, slips, pointer, where = said.schema, said.slips, said.pointer, said.where
    allowed = list(schema.get("properties", {}))
    patterns = [pattern_search(p) for p in schema.get("patternProperties", {})]
    instance = said.error.instance if isinstance(said.error.instance, dict) else {}
    unknown = [
        name
        for name in instance
        if name not in allowed and not any(search(name) for search in patterns)
    ]
    if "field" in unknown and "all" in allowed:
        # `when: {event: review, field: rating, lte: 2}`: one misplaced test, not N keys.
        yield said.at(
            f"`when` cannot hold a field test directly{where_in_plan(parent_pointer(pointer), said.document.data)}",
            _misplaced_test_hint(instance),
            "misplaced-test",
            join_pointer(pointer, "field"),
            key=True,
        )
        unknown = [n for n in unknown if n not in CONDITION_KEYS]
    for name in unknown:
        key_pointer = join_pointer(pointer, name)
        if _rest_of_a_list(name, pointer, schema.get("properties", {}), slips):
            continue
        if cut := slips.number_cut(name, pointer):  # `50` of `{amount: € 10,50}`
            if cut[0]:  # said once, at its first key
                yield said.at(cut[0] + where, cut[1], "unknown-key", key_pointer, key=True)
            continue
        if text := slips.unindented_text(name, pointer, where):  # text below `message: >-`
            if text[0]:  # said once, at the text's first line
                yield said.at(*text, "unknown-key", key_pointer, key=True)
            continue
        message, hint = _unknown_key(name, pointer, allowed, slips)
        yield said.at(message + where, hint, "unknown-key", key_pointer, key=True)


def _missing_keys_said(said: _Said) -> Iterator[Diagnostic]:
    """Each key a mapping must hold and does not; one written inside the key above it
    (``expect:`` indented under a case's ``event:``) is said to be there, not missing."""
    instance = said.error.instance if isinstance(said.error.instance, dict) else {}
    required: Any = said.error.validator_value
    pointer, where = said.pointer, said.where
    beside = parent_pointer(pointer)  # `within` beside its action: said once
    for name in required:
        if name in instance or said.slips.setting_of_the_action(name, beside):
            continue
        holder = _free_holder_of(name, instance, said.schema)
        if holder is not None:  # `expect:` indented under a case's `event:`
            yield said.at(
                f"`{name}` is inside `{holder}:`, where it is read as part of the {holder}{where}",
                f"move it out of `{holder}:`, to be a key beside it",
                "missing-key",
                join_pointer(join_pointer(pointer, holder), name),
                key=True,
            )
            continue
        yield said.at(f"missing `{name}`{where}", _add_hint(name, said.schema), "missing-key")


def _keys_needed_said(said: _Said) -> Iterator[Diagnostic]:
    """Each key another key present needs beside it, and lacks."""
    instance = said.error.instance if isinstance(said.error.instance, dict) else {}
    needs: Any = said.error.validator_value
    for present, wanted in needs.items():
        for name in wanted:
            if present in instance and name not in instance:
                yield said.at(
                    f"`{present}` needs `{name}` beside it{said.where}",
                    _add_hint(name, said.schema),
                    "missing-key",
                )


def _repeat_said(said: _Said) -> Diagnostic | None:
    """An item a list holds twice, said at its second place; None when there is none (never:
    :func:`_first_repeat` compares as uniqueItems does, and finds the repeat it found)."""
    items = said.error.instance
    if not isinstance(items, list) or (repeat := _first_repeat(items)) is None:
        return None
    first, again = repeat
    return said.at(
        f"{_show(items[again])} is in this list twice{said.where}",
        f"remove it: it is item {first + 1} already",
        "duplicate-item",
        join_pointer(said.pointer, again),
    )


def _value_said(said: _Said, wants_list: bool) -> Diagnostic:
    """A value of the wrong type, count or form (:func:`_keyword_message`), its hint made for
    the slip likeliest to have made it: a list written as one text or with its items glued,
    actions or conditions named bare, a number cut by a comma, text YAML read as a number."""
    from engine.slips import between_hint, named_condition_hint

    error, slips, pointer, validator = said.error, said.slips, said.pointer, said.validator
    instance = error.instance
    message, hint = _keyword_message(error, said.schema, slips)
    single = instance is not None and not isinstance(instance, (dict, list))
    if wants_list and single and (glued := slips.glued_item_hint(pointer)):
        hint = glued  # `in:` then `-late` and `- cold` below it, read as one text
    elif wants_list and single and (not hint or _own_items_wanted(instance, said.schema)):
        hint = slips.list_hint(pointer, instance)  # `in: gold, platinum`
    elif (
        wants_list
        and isinstance(instance, dict)
        and (listed_actions := slips.actions_listed_hint(pointer, instance))
    ):
        hint = listed_actions  # `actions:` or `then:`, then `type: apologize` under it
    elif (
        validator == "type"
        and isinstance(instance, list)
        and (nested := slips.nested_list_hint(pointer))
    ):
        hint = nested  # `in: [[1], [2]]`
    elif (
        validator == "type"
        and isinstance(instance, str)
        and (bare := slips.bare_action_hint(pointer, instance))
    ):
        hint = bare  # `then:` then `- apologize`
    elif validator == "type" and isinstance(instance, str) and not hint:
        hint = named_condition_hint(pointer, instance)  # `- negative_rating`
    elif validator == "type" and instance is None and pointer:
        hint = slips.anchored_nothing_hint(pointer) or hint  # `to: &Co`
    elif validator == "type" and _text_read_as_other(error) and _quotes_mend(pointer, error, slips):
        hint = slips.bare_text_hint(pointer)  # `title: 2026`, `owner: 0044123456`
    elif validator == "maxItems" and (decimals := slips.decimal_comma_hint(pointer)):
        hint = decimals  # `between: [1,5, 3]`
    elif validator in ("minItems", "maxItems") and pointer_tokens(pointer)[-1:] == ["between"]:
        hint = hint or between_hint(cast(list[Any], instance))  # `between: [1-2]`
    return said.at(message + said.where, hint, _code(validator))


def _said_of_a_test_without_field(error: ValidationError, pointer: str, slips: Slips) -> bool:
    """Whether this error is of a test with no ``field:`` (``{in: late, cold}``), whose problem
    writes it out whole (:meth:`~engine.slips.Slips.field_left_out`): the condition's shape
    (one of `all`, `any`, `not` or `use`), or an operator's list written without brackets."""
    from engine.slips import listed

    if error.validator == "maxProperties":  # (beside `all:` it is a second mistake)
        held = error.instance if isinstance(error.instance, dict) else {}
        combined = any(key in held for key in ("all", "any", "not", "use"))
        return not combined and bool(slips.operators_without_field(pointer))
    wants_list = error.validator == "type" and "array" in listed(error.validator_value)
    return (
        wants_list
        and bool(pointer)
        and pointer_tokens(pointer)[-1] in slips.operators_without_field(parent_pointer(pointer))
    )


def _rest_of_a_list(name: str, pointer: str, keys: dict[str, Any], slips: Slips) -> bool:
    """Whether the key ``name`` is an item of a list written without its brackets, which a
    comma in braces cut off (``cold`` of ``{tags: late, cold}`` or of ``{field: issue, in:
    late, cold}``), ``keys`` the schemas of the mapping's keys. The list's key is told to be
    written as a list, with this item in it; the key's own problem, a second one whose hint
    quoted the whole text (``tags: "late, cold"``) or wrote the same list again, is left out
    (found by review)."""
    from engine.slips import listed

    holder = slips.cut_from(name, pointer)
    wanted = keys.get(holder) if isinstance(holder, str) else None
    if isinstance(wanted, dict) and str(wanted.get("$ref", "")).startswith(_DEFINED):
        # `matched: vip, improvise` of a plan test: a list of rule ids defined once (it had
        # been said twice, the second hint quoting the list as one text; found by review)
        wanted = load_schema(slips.schema)["$defs"].get(wanted["$ref"][len(_DEFINED) :])
    return isinstance(wanted, dict) and "array" in listed(wanted.get("type"))


_DEFINED = "#/$defs/"
"""How a schema refers to a definition of its own."""


@cache
def _operands() -> dict[str, Any]:
    """What each operator of a field test takes (``in`` a list, ``lte`` one value...)."""
    from engine.slips import plan_keys

    return {key: held for key, held in plan_keys("condition").items() if key in OPERATORS}


_BESIDE_AN_OPERATOR = frozenset({"unknown-operator", "two-operators"})
"""What a key of a field test beside its operator is told (``cold`` after ``in: late``)."""


def _quotes_mend(pointer: str, error: ValidationError, slips: Slips) -> bool:
    """Whether quotes alone make the number or true/false YAML read into text the schema
    takes: the text as written matches the value's pattern, if it has one. ``title: 2026`` is
    mended by quotes; ``within: 30`` and ``of: 100`` are not (in quotes, `"30"` was then
    refused as no duration; found by review): for those the schema's own hint says what the
    value is, as it does in a plan-test file, whose deadline may also be empty and so never
    got the quotes."""
    pattern = error.schema.get("pattern") if isinstance(error.schema, dict) else None
    if not isinstance(pattern, str):
        return True
    written = slips.written(pointer) or _plain(error.instance)
    return pattern_search(pattern)(written) is not None


def _text_read_as_other(error: ValidationError) -> bool:
    """Whether text was wanted and YAML read a number or true/false where it was written."""
    from engine.slips import listed

    return listed(error.validator_value) == ["string"] and isinstance(
        error.instance, (bool, int, float)
    )


def _first_repeat(items: list[Any]) -> tuple[int, int] | None:
    """The positions of the first item a list repeats: where it is first, where again.

    Compared as JSON Schema's ``uniqueItems`` compares: by JSON value, so 1 and 1.0 are the
    same item, and true is not 1."""
    seen: dict[Any, int] = {}
    for index, item in enumerate(items):
        key = _json_value(item)
        if key in seen:
            return seen[key], index
        seen[key] = index
    return None


def _json_value(value: Any) -> Any:
    """A hashable form under which JSON values equal in JSON Schema's sense are equal (Python's
    own equality makes 1 equal 1.0, and the tags keep true apart from 1)."""
    if value is True or value is False:
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("number", value)
    if isinstance(value, list):
        return ("list", tuple(_json_value(item) for item in value))
    if isinstance(value, dict):
        return ("object", frozenset((key, _json_value(item)) for key, item in value.items()))
    return ("other", value) if value is None or isinstance(value, str) else ("repr", repr(value))


def _add_hint(name: str, schema: dict[str, Any]) -> str:
    """``add `of:` (the event field ...)``: how to supply a missing key, from its schema."""
    described: Any = schema.get("properties", {}).get(name, {})
    if "const" in described:
        return f"add `{name}: {described['const']}`"
    text = str(described.get("description", "")).rstrip(".")
    return f"add `{name}:`" + (f" ({text[0].lower()}{text[1:]})" if text else "")


def _likeliest_branch(error: ValidationError) -> list[ValidationError]:
    """The sub-errors of an anyOf/oneOf a person should see: every one of the branch meant.

    A branch that failed only because the value is of another kind (text where a list was
    allowed) says nothing useful; prefer a branch that accepted the kind and failed on details,
    and give all of its details (`{total: abc, currency: 5}` has two mistakes). A detail may
    itself be of the wrong kind (`needs_approval: no`): that is inside the value, so the branch
    still took the value's kind.
    """
    from jsonschema.exceptions import relevance

    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    fitting = [
        found
        for found in branches.values()
        if not any(not sub.relative_path and _wrong_kind(sub) for sub in found)
    ]
    if fitting:
        return max(fitting, key=lambda found: max(map(relevance, found)))
    return [max(error.context or [error], key=relevance)]


def _wrong_kind(error: ValidationError) -> bool:
    """True when a branch failed only because the value is of another kind than it takes.

    `event: [order, reveiw]` fails the one-type branch (a list is no event type) and the list
    branch (on `reveiw`); only the second says something useful.
    """
    if error.validator == "type":
        return True
    if error.validator in ("enum", "const"):
        allowed: Any = error.validator_value
        options = allowed if error.validator == "enum" else [allowed]
        return not any(_kind_of(o) == _kind_of(error.instance) for o in options)
    if error.validator in ("anyOf", "oneOf") and error.context:
        return all(_wrong_kind(e) for e in error.context)
    return False


def _free_holder_of(name: str, instance: dict[str, Any], schema: dict[str, Any]) -> str | None:
    """The key of ``instance`` whose mapping holds the missing key ``name`` with a mapping or
    list as its value, when that mapping takes any key (free content, such as a plan test's
    ``event``), so that nothing else says the key is out of place: it was indented one step
    too far. None otherwise; a text or number there (an event's own ``name``) is content."""
    properties = schema.get("properties", {})
    for holder, value in instance.items():
        inner = properties.get(holder)
        if (
            isinstance(value, dict)
            and isinstance(value.get(name), (dict, list))  # (`name: Blue kettle` is event data)
            and isinstance(inner, dict)
            and inner.get("type") == "object"
            and inner.get("additionalProperties", True) is not False
            and "properties" not in inner
        ):
            return str(holder)
    return None


_INSIDE_WHEN = re.compile(r"^/rules/\d+/when(/|$)")


def _section_in_plan_hint(name: str, pointer: str, data: Any) -> str:
    """For a section of the file (``rules:``, ``conditions:``) indented under ``plan:``: where
    it goes, and into the section of that name the file has already, if it has one (moved
    beside it, the two were one key twice; found by review). It was "unknown key" with the
    plan's settings listed."""
    if pointer != "/plan" or name == "plan" or name not in load_schema("plan")["properties"]:
        return ""
    if name == "backplan":  # one line, `backplan: 1`, that belongs at the top of the file
        there = isinstance(data, dict) and name in data
        return (
            "delete this `backplan:`: the file has one at its top"
            if there
            else ("move `backplan: 1` left to column 1, at the top of the file")
        )
    if isinstance(data, dict) and name in data:
        return (
            f"`{name}:` is a section of its own, not a setting of the plan, and the file has "
            f"one at column 1 already: move what is under this one into it"
        )
    return (
        f"`{name}:` is a section of its own, not a setting of the plan: move it, and "
        "everything under it, left to column 1, beside `plan:`"
    )


PLAN_VERSION_KEYS = frozenset({"version", "plan_version", "revision"})
"""Keys a manager writes to number the plan's versions (``version: 2`` under ``plan:``)."""


def _plan_version_hint(name: str, pointer: str, data: Any) -> str:
    """For a version number written in ``plan:`` or beside it (``version: 2``, as a manager
    bumps it when revising the plan): that the fingerprint tells versions apart, and where a
    number for people goes. It had been "unknown key" with the plan's settings listed, which
    left the manager to drop the number, unsure whether decisions would say which version
    made them (found by trial). Beside ``plan:`` in a file without ``backplan:``, ``version:
    1`` is the language's version under another name: it is told to be ``backplan: 1``, where
    it had been told to take the line out as well as to add ``backplan: 1`` (found by
    review)."""
    if pointer not in ("", "/plan") or name.lower().replace("-", "_") not in PLAN_VERSION_KEYS:
        return ""
    if pointer == "" and isinstance(data, dict) and _language_version_meant(data, name):
        return "the version of the plan language is written `backplan: 1`: write that here"
    return (
        "a plan has no version number: each decision names the plan's fingerprint, which "
        "changes whenever what the plan says changes, and `backplan report` lists the versions "
        "that made decisions; to number versions for people, write it in the plan's "
        "`description` (`Version 2, from 2027-01-04`), or take this line out"
    )


def _language_version_meant(data: dict[str, Any], name: str) -> bool:
    """Whether ``name: 1`` beside ``plan:`` stands for ``backplan: 1``: the file has no
    ``backplan:``, and the number is the language's one version (``version: 2`` numbers the
    plan)."""
    held = data.get(name)
    return "backplan" not in data and not isinstance(held, bool) and str(held) in ("1", "1.0")


def _rule_key_hint(pointer: str, name: str) -> str:
    """Where a key written in the wrong place belongs, "" when it is no such key: a key of the
    rule inside its ``when:`` (``then:`` indented one step too far, the usual slip), or an
    action written on the rule itself instead of in its ``then:``/``prevent:`` list."""
    from engine.slips import RULE_POINTER, action_section, plan_keys

    if RULE_POINTER.fullmatch(pointer) is not None:
        section = action_section(name)
        if section is None:
            return ""
        kind, listed = section
        return (
            f"`{name}` is a {kind} action: put it in the list under `{listed}:`, "
            f"as `{listed}: [{{{name}: {{...}}}}]`"
        )
    if _INSIDE_WHEN.match(pointer) is None:
        return ""
    if name not in plan_keys("rule") or name == "when":
        return ""
    return f"`{name}` belongs to the rule, beside `when:`: move it left, to the column of `when:`"


def _allowed_hint(allowed: list[str]) -> str:
    """The keys a mapping takes (never none: each mapping of the plan and plan-test schemas
    that refuses other keys names the ones it takes)."""
    shown = ", ".join(f"`{a}`" for a in sorted(allowed)[:24])
    return f"allowed here: {shown}"


def _code(validator: str) -> str:
    return {
        "type": "wrong-type",
        "enum": "unknown-value",
        "const": "unknown-value",
        "pattern": "bad-format",
        "anyOf": "bad-value",
        "oneOf": "bad-value",
        "required": "missing-key",
        "minItems": "too-few",
        "minProperties": "too-few",
        "minLength": "too-few",
        "maxItems": "too-many",
        "maxProperties": "too-many",
        "maxLength": "too-long",
        "minimum": "out-of-range",
        "maximum": "out-of-range",
        "exclusiveMinimum": "out-of-range",
        "exclusiveMaximum": "out-of-range",
        "uniqueItems": "duplicate-item",
        "dependentRequired": "missing-key",
    }.get(validator, "invalid")


def _left_empty_hint(error: ValidationError, schema: dict[str, Any]) -> str:
    """For a key left empty (``when:`` or ``all:`` with nothing after it): the hint its schema
    gives for it written empty (``when: {}``, ``all: []``), which it refuses as well. An empty
    list had been told no more than what it is not, and an empty mapping hinted `when: {}`,
    refused in its turn (found by review). A key whose empty form the schema takes, to be
    refused later, has a hint of its own, ``x-left-empty``: a plan test's ``event:`` had been
    hinted `event: {}`, an event with no type, which makes its case an error (found by
    review). Its ``{action}`` is filled in, as in an ``x-messages`` entry: ``tags:`` left empty
    under ``no_actions`` is hinted to write ``- tag``, as ``tags: []`` is there (it had been
    given the hint of ``actions``: found by review). An empty mapping where a list is wanted
    (``actions: {}``, braces for brackets) is an empty list to its author, and is told as one:
    it had been told only "expected a list, found a mapping". "" for any other value."""
    braces = error.instance == {} and schema.get("type") == "array"  # `actions: {}`
    if error.instance is not None and not braces:
        return ""
    if "x-left-empty" in schema:
        return str(schema["x-left-empty"])
    table = schema.get("x-messages", {})
    entry = table.get("minProperties") or table.get("minItems")
    if not entry:
        return ""
    return _filled_in(str(entry[1]), error, "null")


def _keyword_message(
    error: ValidationError, schema: dict[str, Any], slips: Slips | None = None
) -> tuple[str, str]:
    """The message and hint for a failed keyword; ``slips`` reads a value back as it is
    written in its file, where the message shows it so. A value of the wrong type and text
    out of its form have their own functions; the keywords worded in a line or two are
    here."""
    value = error.instance
    expected: Any = error.validator_value
    validator = str(error.validator)
    hint = str(schema.get("x-hint", ""))
    currency = None if slips is None else slips.currency  # the plan's, named in amounts' hints
    if validator == "type":
        return _type_message(error, schema, slips, hint, currency)
    if validator == "enum":
        options = [str(o) for o in expected]
        suffix = suggestion_suffix(str(value), options) if isinstance(value, str) else ""
        return f"{_show(value)} is not allowed{suffix}", hint or "use one of: " + ", ".join(options)
    if validator == "const":
        return f"{_show(value)} is not allowed here; expected `{expected}`", hint
    if validator == "pattern":
        return _pattern_message(error, schema, hint, currency)
    what = "list" if isinstance(value, list) else "mapping"
    size = len(value) if isinstance(value, (list, dict, str)) else 0
    if validator in ("minItems", "minProperties"):
        if expected == 1:
            return f"this {what} is empty", hint
        return f"this {what} has {counted(size, 'item')}; it needs at least {expected}", hint
    if validator in ("maxItems", "maxProperties"):
        return f"this {what} has {size} items; it may have at most {expected}", hint
    if validator == "minLength":
        return "this text is empty", hint
    if validator == "maxLength":
        return (
            f"this text is {size:,} characters long; at most {expected:,} are allowed",
            hint or "shorten it",
        )
    if validator in ("minimum", "exclusiveMinimum"):
        strict = "more than" if validator == "exclusiveMinimum" else "at least"
        message = f"{_as_written(error, slips)} is too small; it must be {strict} {expected}"
        return message, hint or _minus_hint(value, expected, strict, error) or _zero_hint(error)
    if validator in ("maximum", "exclusiveMaximum"):
        strict = "less than" if validator == "exclusiveMaximum" else "at most"
        return (
            f"{_as_written(error, slips)} is too large; it must be {strict} {expected}",
            hint or (_most_hint(expected, strict)),
        )
    # Never reached: a repeat is told at the item repeated (_explain), and every other keyword
    # the shipped schemas use has its words above (jsonschema's own words are kept for one
    # a schema may come to use).
    if validator == "uniqueItems":  # pragma: no cover
        return "this list repeats an item", "remove the repeated item"
    return error.message, hint  # pragma: no cover


def _type_message(
    error: ValidationError,
    schema: dict[str, Any],
    slips: Slips | None,
    hint: str,
    currency: str | None,
) -> tuple[str, str]:
    """A value of the wrong type: what was wanted, what was found (as written: `1.50`), and
    the hint for the likeliest slip, a number in quotes, a duration without its unit, a list
    in braces, before the schema's own ``x-hint``."""
    from engine.slips import braced_list_hint, type_hint, unit_left_out_hint

    value = error.instance
    expected: Any = error.validator_value
    kinds = expected if isinstance(expected, list) else [expected]
    wanted = " or ".join(_KINDS.get(str(k), str(k)) for k in kinds)
    found = _kind_of(value)
    if not isinstance(value, (dict, list)) and value is not None:
        found += f" {_show(value)}"
    elif value == {}:  # `actions: {}`: braces, where a list's are brackets
        found = "`{}` (an empty mapping)"
    if kinds == ["integer"] and _has_a_fraction(value):
        shown = _as_written(error, slips)  # `1.50`, not `1.5`
        wanted, found = "a whole number such as 1 or 2", f"{shown}, a number with a fraction"
    key = _key_of(error)
    if _a_list_of_values(schema):  # `tags: {late, cold}`: before the schema's own hint
        hint = braced_list_hint(kinds, value, key) or hint
    if hint and isinstance(value, str) and _a_number_as_text(kinds, value):
        # `priority: "60"`: the quotes are the mistake, not the number (the schema's hint,
        # "write a whole number", had been given; found by review)
        hint = _refused_as_a_number(error) or type_hint(kinds, value, schema, key, currency) or hint
    if _a_duration(schema):  # `within: 14` had been told "expected text" (found by review)
        wanted = "a duration"
        if unit_left := unit_left_out_hint(value, key):
            found, hint = f"{found} with no unit", unit_left
    return f"expected {wanted}, found {found}", (
        hint
        or _refused_as_a_number(error)
        or _left_empty_hint(error, schema)
        or type_hint(kinds, value, schema, key, currency)
    )


def _pattern_message(
    error: ValidationError, schema: dict[str, Any], hint: str, currency: str | None
) -> tuple[str, str]:
    """Text out of its form (``pattern``): an example of the form rather than the regular
    expression, which is no hint for a manager, or the mend of the likeliest slip (a number
    written with its unit, ``10%``; a list's item by its position; a path of words; an
    accent; a currency's sign)."""
    from engine.slips import accented_path_hint, test_in_field_hint, type_hint
    from engine.timehints import own_time_hint, zoned_time_hint

    value = error.instance
    expected: Any = error.validator_value
    if _number_or_its_text(error):  # `percent: 10%` in a plan test
        number_hint = type_hint(["number"], value, schema, _key_of(error), currency)
        return f"{_show(value)} is not a number", number_hint or hint
    # a regular expression is no hint for a manager: an example is
    text = str(value)  # (only text is held to a pattern: jsonschema passes any other value)
    examples = schema.get("examples")
    shown = f"write it like `{examples[0]}`" if examples else f"it must match {expected}"
    path = dotted_path(text)
    if path is not None and pattern_search(str(expected))(path):  # a path this takes
        hint = f"write a list's item by its position after a dot: `{path}`"
    elif _key_of(error) == "field" and (test := test_in_field_hint(text)):
        hint = test  # `{field: order.delay_days >= 2}`
    elif words := _path_of_words(text, expected, error):
        hint = words  # `of: stay total`
    elif _a_field_pattern(expected) and (accented := accented_path_hint(text)):
        hint = accented  # `field: client.prénom`
    elif _key_of(error) == "due" and (moment := zoned_time_hint(text) or own_time_hint(text)):
        hint = moment  # a plan test's `due: "2026-11-24 09:30"` (or a checklist's, zone named)
    elif _key_of(error) == "currency" and (meant := currency_written_as(text)):
        hint = f"write the currency's code: `currency: {meant}`"  # a plan test's `€`
        return f"{_show(value)} is not a currency code", hint  # as the plan's is told
    else:  # `matched: [Late Order]` in a plan test
        hint = _name_hint(text, str(expected), hint or shown)
    return not_in_form(text), hint or shown


def _a_number_as_text(kinds: list[Any], text: str) -> bool:
    """Whether ``text``, where the schema wants a number, is one written as text (in quotes,
    with thousands separators...): its hint is then the number's (``priority: "60"``: the
    quotes; ``priority: "1.5"``: what a fraction is told, by :func:`_refused_as_a_number`)."""
    from engine.slips import number_in_text

    return ("integer" in kinds or "number" in kinds) and number_in_text(text) is not None


_WHOLE_NUMBER = re.compile(r"[ \t]*([0-9]{1,7})[ \t]*")
"""A whole number alone in a text, short enough to be a deadline in some unit."""


def _unit_left_out_in_quotes(error: ValidationError, pointer: str) -> str:
    """For a duration written as a whole number in quotes (``within: "14"``): the units it
    lacks, as for one without quotes (:func:`~engine.slips.unit_left_out_hint`); it had had the
    general hint (found by review). "" for any other value."""
    from engine.slips import unit_left_out_hint

    found = _WHOLE_NUMBER.fullmatch(error.instance) if isinstance(error.instance, str) else None
    if found is None or not pointer:
        return ""
    return unit_left_out_hint(int(found[1]), pointer_tokens(pointer)[-1])


def _a_duration(schema: dict[str, Any]) -> bool:
    """Whether a schema is a duration's (``within``): its pattern's message is
    ``bad-duration``'s."""
    said = schema.get("x-messages", {}).get("pattern")
    return isinstance(said, list) and said[-1:] == ["bad-duration"]


def _a_field_pattern(pattern: Any) -> bool:
    """Whether ``pattern`` is an event field's (a condition's ``field``, as ``of`` and
    ``extra_fields`` have it): a tag's takes dots too, and is no field."""
    from engine.slips import plan_keys

    return unended(str(pattern)) == unended(plan_keys("condition")["field"]["pattern"])


def _path_of_words(text: str, pattern: Any, error: ValidationError) -> str:
    """For an event field written with its names parted by blanks or slashes (``of: stay
    total``), where the pattern is a field's (a condition's ``field``, as ``of`` and
    ``extra_fields`` have it: a tag's takes dots too, and is no field): the author's own
    field, its names joined by dots (``of: stay.total``); "" otherwise
    (:func:`~engine.slips.path_written_as`)."""
    from engine.slips import QUOTED_AT_MOST, path_written_as
    from engine.wording import clip

    if not _a_field_pattern(pattern):
        return ""
    path = path_written_as(text)
    if path is None:
        return ""
    key = _key_of(error)
    shown = f"{key}: {path}" if key else path  # (a list's item has no key)
    return f"write the field's names joined by dots: `{clip(shown, QUOTED_AT_MOST)}`"


def not_in_form(value: Any) -> str:
    """What a value its ``pattern`` refuses is told, before where it is: "`Late Order` is not
    in the right form". One wording for the schema's message and for a plan test's, which
    adds the plan's rule id meant (``engine.plantest``) and so builds its message with this
    rather than cut the schema's at its end."""
    return f"{_show(value)} is not in the right form"


_A_NUMBER_S_KEYWORDS = (
    "type",
    "minimum",
    "exclusiveMinimum",
    "maximum",
    "exclusiveMaximum",
    "x-hint",
    "x-messages",
)
"""What a schema says of a number (its kind, its range, and the hints for them)."""


def _refused_as_a_number(error: ValidationError) -> str:
    """For a number written as text (``amount: '0'``) that, written as a number, is refused
    too: the hint the number gets (write the offer, or remove the action). The hint had been
    to write it without quotes, which was refused next as too small (found by review). ""
    for any other value."""
    from engine.slips import number_in_text

    schema, value = error.schema, error.instance
    written = number_in_text(value) if isinstance(value, str) else None
    if written is None or not isinstance(schema, dict):
        return ""
    from jsonschema import Draft202012Validator  # (only for a plan in error)

    number = float(written)  # (int() of 5,000 digits is refused: too long to convert)
    said = {key: held for key, held in schema.items() if key in _A_NUMBER_S_KEYWORDS}
    refused = next(Draft202012Validator(said).iter_errors(number), None)
    if refused is None:
        return ""
    refused.relative_path.extend(error.absolute_path)  # its key, and where (`compensate`)
    override = _override(refused)
    hint = override[1] if override else _keyword_message(refused, said)[1]
    # `write a number at most 1000000000` shows no number written as one: say it takes no quotes
    return f"{hint}, without quotes" if hint and "`" not in hint else hint


def _as_written(error: ValidationError, slips: Slips | None) -> str:
    """The refused value for a message, a number as it is written in its file (``1e30``,
    ``1.50``), where it can be read back there: read, 1e30 is shown
    1000000000000000019884624838656, a number the author never wrote (found by review)."""
    written = _number_written(error, slips)
    return f"`{written}`" if written else _show(error.instance)


_BOUNDS = frozenset({"minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"})
"""The keywords that refuse a number by its size."""


def _number_written(error: ValidationError, slips: Slips | None) -> str:
    """The refused number as it is written in its file, for :func:`_as_written` and the
    schema's own wording (``percent: 1e3`` had been shown `1000.0` there; found by review);
    "" when the value is no number or its line does not read as it."""
    from engine.slips import as_written

    value = error.instance
    if slips is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return ""
    written = slips.written(_pointer(error))
    try:
        same = math.isclose(float(written), value, rel_tol=1e-12)
    except (ValueError, OverflowError):  # not a number Python reads (`0x1F`), or none at all
        same = False
    return as_written(written) if same else ""


def _has_a_fraction(value: Any) -> bool:
    """Whether a value is a number with a fraction (``priority: 1.5``): told as "found a number
    `1.5`" where a whole number was expected, it had not said what was wrong with that number
    (found by review). A whole number written with a point (``2.0``) is taken as it is."""
    return value.__class__ is float and math.isfinite(value) and not value.is_integer()


def _a_list_of_values(schema: dict[str, Any]) -> bool:
    """Whether the schema is a list of plain values (a rule's ``tags``, ``extra_fields``): a
    list written in braces there (``tags: {late, cold}``) is mended by brackets, which the
    schema's own hint (``write a list, such as tags: [delivery, vip]``) had not said (found by
    review). Not a list of actions: ``then: [apologize, tag]`` would be no plan either."""
    from engine.slips import listed

    items = schema.get("items")
    kinds = listed(items.get("type", [])) if isinstance(items, dict) else []
    return bool(kinds) and "object" not in kinds


def _own_items_wanted(value: Any, schema: dict[str, Any]) -> bool:
    """Whether a text where a list of plain values is wanted (a rule's ``tags: repairs,
    parts``, the plan's ``extra_fields: bike.brand``) is hinted as the author's own list in
    brackets, over the schema's example: it had been told ``tags: [delivery, vip]``, words
    of another business to copy, where the ``tag`` action's ``tags:`` was told the author's
    own (found by review)."""
    return isinstance(value, str) and bool(value.strip()) and _a_list_of_values(schema)


def _number_or_its_text(error: ValidationError) -> bool:
    """Whether the text failed the pattern of a branch for a number written as text, beside
    one for a number (a plan test's ``amount: "24.00"``): ``percent: 10%`` there is told as
    a plan's is, with how to write the number, not as text not in the right form (found by
    review)."""
    parent = error.parent
    branches = parent.validator_value if parent is not None and parent.validator == "anyOf" else []
    return isinstance(branches, list) and any(
        isinstance(branch, dict) and branch.get("type") in ("number", "integer")
        for branch in branches
    )


def _key_of(error: ValidationError) -> str:
    """The key whose value failed, "" for a list's item or the whole file: from the file's
    top, since a branch of an ``anyOf`` has its path from the ``anyOf`` (``event: {order,
    review}`` had no key, and so no hint)."""
    path = error.absolute_path
    return path[-1] if path and isinstance(path[-1], str) else ""


def _minus_hint(value: Any, least: Any, strict: str, error: ValidationError) -> str:
    """For a number below a least of 0 (``per_event_max: -40``): the number without its minus,
    the likely slip; the message alone had said it was too small (found by review). "" for
    any other number, or a value of no key."""
    key = _key_of(error)
    if least != 0 or not key or not isinstance(value, (int, float)) or not value < 0:
        return ""
    from engine.wording import show_number  # (only for a plan in error)

    shown = "from 0" if strict == "at least" else "more than 0"
    most = error.schema.get("maximum") if isinstance(error.schema, dict) else None
    # without its minus it is too large too (`percent: -150`): the range, not an example
    # (no plan key has an exclusive maximum)
    if most is not None and -value > most:
        joined = "to" if strict == "at least" else "and at most"
        return f"write a number {shown} {joined} {show_number(most)}"
    return f"write a number {shown}, such as `{key}: {show_number(-value)}`"


def _most_hint(most: Any, strict: str) -> str:
    """For a number above its largest (``amount: 99999999999999999999999999``), the range to
    write one in. It had no hint; in quotes, it had been hinted to be written without them,
    which was refused next as too large (found by review)."""
    from engine.wording import show_number  # (only for a plan in error)

    return f"write a number {strict} {show_number(most)}" if isinstance(most, int | float) else ""


def _zero_hint(error: ValidationError) -> str:
    """For a compensation's ``amount: 0`` or ``percent: 0``, often written to mean "no
    compensation here": how to say that, and how to write an offer. The message alone had
    said 0 was too small, with no hint, where ``amount: 0.001`` (0 in the currency) had one
    (``offer-of-nothing``; found by review).

    Asked for a number below its least with no hint of its own and no minus: that is only ever
    a compensation's ``amount`` or ``percent`` at 0 (their least, 0, is exclusive; every other
    least of a plan is 0 and inclusive, so only a negative number is refused and
    :func:`_minus_hint` hints it, or is the rule's ``priority``, which has a hint of its own).
    ``test_schema``'s test of the plan schema's leasts holds it so."""
    return (
        f"write the offer, such as `{_key_of(error)}: 10`, or remove the `compensate` action "
        "to offer nothing"
    )
