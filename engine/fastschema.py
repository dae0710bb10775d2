"""A fast yes/no JSON Schema check, compiled from the same schema jsonschema reads.

jsonschema explains every problem well but costs tens of microseconds per value, which makes a
10,000-rule plan take seconds to validate. Almost every plan that is loaded is valid, so
:func:`compile_check` turns the schema into nested closures that only answer *valid or not*, a
few times faster; ``engine.schema`` runs jsonschema (for the located, worded messages) only when
this answer is no.

There is no second source of truth: the closures are built from ``schemas/plan.schema.json`` at
first use. A keyword this module does not know makes :func:`compile_check` raise
:class:`UnsupportedSchemaError`, so an unknown keyword can never be silently skipped (the caller
then uses jsonschema alone). Where exact agreement with jsonschema is costly (``uniqueItems``
with mixed kinds), the check leans to *no*, which only costs a jsonschema run. The tests hold the
two to the same answers on valid and broken plans.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]
"""A value -> whether it is valid."""

_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default"}
)
_CLASSES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "boolean": (bool,),
    "null": (type(None),),
    "number": (int, float),
}
_TYPES: dict[str, Check] = {
    "object": lambda v: v.__class__ is dict,
    "array": lambda v: v.__class__ is list,
    "string": lambda v: v.__class__ is str,
    "boolean": lambda v: v.__class__ is bool,
    "null": lambda v: v is None,
    "number": lambda v: v.__class__ is int or v.__class__ is float,
    "integer": lambda v: v.__class__ is int or (v.__class__ is float and v.is_integer()),
}


class UnsupportedSchemaError(ValueError):
    """The schema uses a keyword the fast check cannot honour."""


def _always(value: Any) -> bool:
    return True


def _never(value: Any) -> bool:
    return False


def compile_check(root: dict[str, Any]) -> Check:
    """A fast validity check for ``root`` (draft 2020-12 subset, local ``$ref`` only)."""
    return _Compiler(root).compile(root)


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, pointer: str) -> Check:
        known = self.refs.get(pointer)
        if known is not None:
            return known
        if not pointer.startswith("#/"):
            raise UnsupportedSchemaError(f"only local references are supported: {pointer}")
        target: Any = self.root
        for token in pointer[2:].split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        slot: list[Check] = []

        def late(value: Any) -> bool:  # a reference may be recursive: resolve on first call
            return slot[0](value)

        self.refs[pointer] = late
        slot.append(self.compile(target))
        self.refs[pointer] = slot[0]
        return slot[0]

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise UnsupportedSchemaError(f"not a schema: {schema!r}")
        general: list[Check] = []
        by_kind: dict[str, list[Check]] = {}
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS or keyword.startswith("x-"):
                continue
            if keyword in ("then", "else"):
                continue  # compiled with `if`
            builder = getattr(self, "k_" + keyword.replace("$", "dollar_"), None)
            if builder is None:
                raise UnsupportedSchemaError(f"the keyword `{keyword}` is not supported")
            kind = _APPLIES_TO.get(keyword)
            if kind is None:
                # the type first: the cheapest way to say no
                general.insert(0 if keyword == "type" else len(general), builder(value, schema))
            else:
                by_kind.setdefault(kind, []).append(builder(value, schema))
        return _by_kind(_all_of(general), {k: _all_of(c) for k, c in by_kind.items()})

    # --- keywords -------------------------------------------------------------------------
    # A keyword listed in _APPLIES_TO is only asked about values of its kind (see _by_kind), so
    # its check can assume a mapping, a list, a text or a number.

    def k_dollar_ref(self, value: str, schema: dict[str, Any]) -> Check:
        return self.ref(value)

    def k_type(self, value: str | list[str], schema: dict[str, Any]) -> Check:
        kinds = [value] if isinstance(value, str) else value
        tests = [_TYPES[k] for k in kinds]
        if len(tests) == 1:
            return tests[0]
        classes = frozenset(c for k in kinds if k != "integer" for c in _CLASSES[k])
        if "integer" in kinds and "number" not in kinds:
            return lambda v: v.__class__ in classes or _TYPES["integer"](v)
        return lambda v: v.__class__ in classes

    def k_enum(self, value: list[Any], schema: dict[str, Any]) -> Check:
        if all(isinstance(v, str) for v in value):
            allowed = frozenset(value)
            return lambda v: v.__class__ is str and v in allowed
        return lambda v: any(_json_equal(v, option) for option in value)

    def k_const(self, value: Any, schema: dict[str, Any]) -> Check:
        return lambda v: _json_equal(v, value)

    def k_properties(self, value: dict[str, Any], schema: dict[str, Any]) -> Check:
        table = {name: self.compile(sub) for name, sub in value.items()}
        get = table.get

        def check(v: dict[str, Any]) -> bool:
            for name, item in v.items():
                test = get(name)
                if test is not None and not test(item):
                    return False
            return True

        return check

    def k_patternProperties(self, value: dict[str, Any], schema: dict[str, Any]) -> Check:  # noqa: N802
        pairs = [(re.compile(p).search, self.compile(sub)) for p, sub in value.items()]

        def check(v: dict[str, Any]) -> bool:
            for name, item in v.items():
                for search, test in pairs:
                    if search(name) and not test(item):
                        return False
            return True

        return check

    def k_additionalProperties(self, value: Any, schema: dict[str, Any]) -> Check:  # noqa: N802
        known = frozenset(schema.get("properties", {}))
        patterns = [re.compile(p).search for p in schema.get("patternProperties", {})]
        test = self.compile(value)

        def extra(name: str) -> bool:
            return name not in known and not any(search(name) for search in patterns)

        if value is False:
            if not patterns:
                return known.issuperset
            return lambda v: not any(extra(n) for n in v)

        def check(v: dict[str, Any]) -> bool:
            return all(test(item) for name, item in v.items() if extra(name))

        return check

    def k_required(self, value: list[str], schema: dict[str, Any]) -> Check:
        names = tuple(value)
        if len(names) == 1:
            name = names[0]
            return lambda v: name in v
        return lambda v: all(n in v for n in names)

    def k_propertyNames(self, value: Any, schema: dict[str, Any]) -> Check:  # noqa: N802
        names = _string_enum(value)
        if names is not None:  # the common case, and a set check is much cheaper
            return names.issuperset
        test = self.compile(value)
        return lambda v: all(test(name) for name in v)

    def k_minProperties(self, value: int, schema: dict[str, Any]) -> Check:  # noqa: N802
        return lambda v: len(v) >= value

    def k_maxProperties(self, value: int, schema: dict[str, Any]) -> Check:  # noqa: N802
        return lambda v: len(v) <= value

    def k_dependentRequired(self, value: dict[str, list[str]], schema: dict[str, Any]) -> Check:  # noqa: N802
        pairs = list(value.items())
        return lambda v: all(all(n in v for n in needed) for key, needed in pairs if key in v)

    def k_dependentSchemas(self, value: dict[str, Any], schema: dict[str, Any]) -> Check:  # noqa: N802
        table = {key: self.compile(sub) for key, sub in value.items()}
        get = table.get

        def check(v: dict[str, Any]) -> bool:
            for key in v:
                test = get(key)
                if test is not None and not test(v):
                    return False
            return True

        return check

    def k_items(self, value: Any, schema: dict[str, Any]) -> Check:
        test = self.compile(value)

        def check(v: list[Any]) -> bool:
            for item in v:  # noqa: SIM110 - a plain loop is faster than all() here
                if not test(item):
                    return False
            return True

        return check

    def k_minItems(self, value: int, schema: dict[str, Any]) -> Check:  # noqa: N802
        return lambda v: len(v) >= value

    def k_maxItems(self, value: int, schema: dict[str, Any]) -> Check:  # noqa: N802
        return lambda v: len(v) <= value

    def k_uniqueItems(self, value: bool, schema: dict[str, Any]) -> Check:  # noqa: N802
        return _unique if value else _always

    def k_minLength(self, value: int, schema: dict[str, Any]) -> Check:  # noqa: N802
        return lambda v: len(v) >= value

    def k_maxLength(self, value: int, schema: dict[str, Any]) -> Check:  # noqa: N802
        return lambda v: len(v) <= value

    def k_pattern(self, value: str, schema: dict[str, Any]) -> Check:
        search = re.compile(value).search
        return lambda v: search(v) is not None

    def k_minimum(self, value: float, schema: dict[str, Any]) -> Check:
        return lambda v: v >= value

    def k_maximum(self, value: float, schema: dict[str, Any]) -> Check:
        return lambda v: v <= value

    def k_exclusiveMinimum(self, value: float, schema: dict[str, Any]) -> Check:  # noqa: N802
        return lambda v: v > value

    def k_exclusiveMaximum(self, value: float, schema: dict[str, Any]) -> Check:  # noqa: N802
        return lambda v: v < value

    def k_anyOf(self, value: list[Any], schema: dict[str, Any]) -> Check:  # noqa: N802
        wanted = _one_of_keys(value)
        if wanted is not None:  # "one of these keys is present": a set check
            return lambda v: v.__class__ is not dict or not wanted.isdisjoint(v)
        tests = [self.compile(sub) for sub in value]
        return lambda v: any(t(v) for t in tests)

    def k_oneOf(self, value: list[Any], schema: dict[str, Any]) -> Check:  # noqa: N802
        tests = [self.compile(sub) for sub in value]
        return lambda v: sum(1 for t in tests if t(v)) == 1

    def k_allOf(self, value: list[Any], schema: dict[str, Any]) -> Check:  # noqa: N802
        return _all_of([self.compile(sub) for sub in value])

    def k_not(self, value: Any, schema: dict[str, Any]) -> Check:
        test = self.compile(value)
        return lambda v: not test(v)

    def k_if(self, value: Any, schema: dict[str, Any]) -> Check:
        condition = self.compile(value)
        then = self.compile(schema.get("then", True))
        otherwise = self.compile(schema.get("else", True))
        return lambda v: then(v) if condition(v) else otherwise(v)


_APPLIES_TO = {
    **dict.fromkeys(
        (
            "properties",
            "patternProperties",
            "additionalProperties",
            "required",
            "propertyNames",
            "minProperties",
            "maxProperties",
            "dependentRequired",
            "dependentSchemas",
        ),
        "object",
    ),
    **dict.fromkeys(("items", "minItems", "maxItems", "uniqueItems"), "array"),
    **dict.fromkeys(("minLength", "maxLength", "pattern"), "string"),
    **dict.fromkeys(("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"), "number"),
}
"""Keywords that only judge values of one kind; any other value passes them."""


def _by_kind(general: Check, by_kind: dict[str, Check]) -> Check:
    """One check: ``general`` for every value, then the kind's own keywords (one class test
    per value instead of one per keyword: a plan has hundreds of thousands of values)."""
    if not by_kind:
        return general
    on_dict = by_kind.get("object", _always)
    on_list = by_kind.get("array", _always)
    on_str = by_kind.get("string", _always)
    on_number = by_kind.get("number", _always)

    def check(v: Any) -> bool:
        if not general(v):
            return False
        cls = v.__class__
        if cls is dict:
            return on_dict(v)
        if cls is list:
            return on_list(v)
        if cls is str:
            return on_str(v)
        if cls is int or cls is float:
            return on_number(v)
        return True

    return check


def _all_of(checks: list[Check]) -> Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)
    group = tuple(checks)

    def check(v: Any) -> bool:
        for test in group:  # noqa: SIM110 - a plain loop is faster than all() here
            if not test(v):
                return False
        return True

    return check


def _plain(schema: Any) -> dict[str, Any] | None:
    """The schema's validation keywords (annotations dropped), when it is a mapping."""
    if not isinstance(schema, dict):
        return None
    return {k: v for k, v in schema.items() if k not in _ANNOTATIONS and not k.startswith("x-")}


def _string_enum(schema: Any) -> frozenset[str] | None:
    """The names of ``{enum: [text...]}`` and nothing else."""
    plain = _plain(schema)
    if plain is None or list(plain) != ["enum"]:
        return None
    values = plain["enum"]
    return frozenset(values) if all(isinstance(v, str) for v in values) else None


def _one_of_keys(branches: list[Any]) -> frozenset[str] | None:
    """The keys of ``anyOf: [{required: [a]}, {required: [b]}, ...]`` and nothing else."""
    keys: list[str] = []
    for branch in branches:
        plain = _plain(branch)
        if plain is None or list(plain) != ["required"] or len(plain["required"]) != 1:
            return None
        keys.append(plain["required"][0])
    return frozenset(keys)


def _is_number(value: Any) -> bool:
    return value.__class__ is int or value.__class__ is float


def _json_equal(a: Any, b: Any) -> bool:
    """JSON equality as jsonschema sees it: true is not 1, 1 is 1.0."""
    if a.__class__ is bool or b.__class__ is bool:
        return a.__class__ is b.__class__ and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b) and (_is_number(a) == _is_number(b))


def _unique(items: list[Any]) -> bool:
    """No two items equal. Python's == also equates true with 1, so this answers *no* in a few
    cases jsonschema accepts: then jsonschema decides, never the other way round."""
    try:
        return len(set(items)) == len(items)
    except TypeError:  # lists or mappings among the items
        return all(items[i] != items[j] for i in range(len(items)) for j in range(i))
