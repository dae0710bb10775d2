"""A fast yes/no JSON Schema check, compiled from the same schema jsonschema reads.

jsonschema explains every problem well but costs tens of microseconds per value, which makes a
10,000-rule plan take seconds to validate. Almost every plan that is loaded is valid, so
:func:`compile_check` turns the schema into Python code that only answers *valid or not*, many
times faster; ``engine.schema`` runs jsonschema (for the located, worded messages) only when
this answer is no. Each subschema becomes one generated function whose keywords are inlined
tests (a class test, a length, a set look-up), and a short subschema's test is written in place
of a call to its function (an ``anyOf`` of two types is one expression, not three calls), so
checking a value costs about one call: a 10,000-rule plan has some 400,000 values. Keywords
that cannot fail (``additionalProperties: true``, ``items: {}``) generate nothing.

There is no second source of truth: the code is generated from ``schemas/plan.schema.json`` at
first use. A keyword this module does not know makes :func:`compile_check` raise
:class:`UnsupportedSchemaError`, so an unknown keyword can never be silently skipped (the caller
then uses jsonschema alone). Where exact agreement with jsonschema is costly (``uniqueItems``
with mixed kinds), the check leans to *no*, which only costs a jsonschema run. The tests hold the
two to the same answers on valid and broken plans.

The generated source holds no text of the schema: names, patterns and values enter it as
constants in its namespace; only whole numbers (lengths) are written in. Compiling it is most of
what building a check costs (about 10 ms for the plan schema, as every command starts), so the
text of the shipped schemas' checks is also kept in the package as modules
(``engine/_fastcheck_*.py``, written by ``python -m engine.schemagen``), which Python caches
compiled; :func:`compile_check` runs that code only when its text is exactly what it generated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from types import CodeType
from typing import Any

from engine.ecmaregex import pattern_search

Check = Callable[[Any], bool]
"""A value -> whether it is valid."""

_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default"}
    | {"defaultSnippets"}  # completions editors offer (yaml-language-server): never a check
)
_TYPE_TESTS = {
    "object": "v.__class__ is dict",
    "array": "v.__class__ is list",
    "string": "v.__class__ is str",
    "boolean": "v.__class__ is bool",
    "null": "v is None",
    "number": "(v.__class__ is int or v.__class__ is float)",
    "integer": "(v.__class__ is int or (v.__class__ is float and v.is_integer()))",
}
JSON_TYPES = tuple(_TYPE_TESTS)
"""JSON Schema's seven types, each tested by its value's class, exactly (:func:`type_test`)."""


def type_test(kind: str) -> Callable[[Any], bool]:
    """The test of one JSON Schema type as a function (the same as the generated checks use):
    JSON's own classes, exactly, so that jsonschema's messages (``engine.schema``) and this
    check agree on what a number or text is."""
    test: Callable[[Any], bool] = eval(f"lambda v: {_TYPE_TESTS[kind]}", {})
    return test


_KIND_OF = {
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
_SIZES = {
    **dict.fromkeys(("minLength", "minItems", "minProperties"), ">="),
    **dict.fromkeys(("maxLength", "maxItems", "maxProperties"), "<="),
}
"""Keywords bounding a length: the comparison the length must pass."""
_BOUNDS = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}
"""Keywords bounding a number: the comparison the number must pass."""
_KIND_TESTS = {
    "object": "c is dict",
    "array": "c is list",
    "string": "c is str",
    "number": "c is int or c is float",
}


class UnsupportedSchemaError(ValueError):
    """The schema uses a keyword the fast check cannot honour."""


def _always(value: Any) -> bool:
    return True


def _never(value: Any) -> bool:
    return False


def compile_check(root: dict[str, Any], shipped: str | None = None) -> Check:
    """A fast validity check for ``root`` (draft 2020-12 subset, local ``$ref`` only).

    ``shipped``: the name of a shipped schema whose generated functions are kept in the package
    as a module (:func:`shipped_path`); when its text is exactly what ``root`` generates, its
    code is run, as Python cached it compiled, instead of compiling the text again.
    """
    return _Compiler(root).build(shipped)


def check_source(root: dict[str, Any]) -> str:
    """The generated functions of ``root``'s check, as :func:`compile_check` compiles them."""
    compiler = _Compiler(root)
    compiler.function(root)
    return compiler.source()


SHIPPED_HEADER = (
    '"""The fast check of schemas/{name}.schema.json (``engine.fastschema``), generated by\n'
    "``python -m engine.schemagen``: do not edit.\n\n"
    "It is only a copy of the generated functions, kept as a module so that Python caches them\n"
    "compiled and a command does not compile them again as it starts (about 10 ms).\n"
    "``engine.fastschema`` still generates them, and runs this code only when this text is what\n"
    "it generated and the compiled code holds its digest; their values are filled in then. A\n"
    "test holds this file to the schema.\n"
    '"""\n\n'
)


def shipped_path(name: str) -> Path:
    """Where the generated functions of a shipped schema's check are kept."""
    return Path(__file__).with_name(f"_fastcheck_{name}.py")


def shipped_text(name: str, source: str, digest: str | None = None) -> str:
    """The text of the module that keeps ``source``, the check of the shipped schema ``name``:
    the source, after a line that names its digest (:func:`_compiled` looks for it in the
    compiled code; ``digest``: that digest, when the caller has it already)."""
    digest = digest or _digest(source)
    return f"{SHIPPED_HEADER.format(name=name)}_SOURCE = {digest!r}\n\n{source}\n"


def _digest(source: str) -> str:
    return hashlib.sha256(source.encode()).hexdigest()


def _compiled(source: str, shipped: str | None) -> CodeType:
    """``source`` compiled, or the code kept for the shipped schema ``shipped`` when it is
    ``source``'s.

    Both must be: the kept file's text is exactly :func:`shipped_text` of ``source`` (not a file
    edited by hand), and the compiled code Python gives for it holds ``source``'s digest. Python
    trusts a cached ``.pyc`` whose file had the same size and modification second, so a file
    rewritten within the same second at the same size would otherwise run the old functions
    with the new values. Anything else, or anything unexpected, compiles ``source`` itself.
    """
    if shipped is not None:
        from importlib.machinery import SourceFileLoader

        loader = SourceFileLoader(f"engine._fastcheck_{shipped}", str(shipped_path(shipped)))
        try:
            digest = _digest(source)
            if loader.get_source(loader.name) == shipped_text(shipped, source, digest):
                code = loader.get_code(loader.name)
                if code is not None and digest in code.co_consts:
                    return code
        except Exception:  # missing, unreadable or corrupt: compiled below instead
            pass
    return compile(source, "<backplan-schema>", "exec")


Lines = list[str]
"""Statements of a generated function's body; each ends the function with False if it fails."""


class _Compiler:
    """Generates one function per subschema (``_s0`` is the root), then compiles them all."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.names: dict[int, str] = {}  # id(subschema) -> its function's name
        self.bodies: dict[str, str] = {}  # generated body -> the first function with it
        self.constants: dict[tuple[type, str], str] = {}
        self.functions: list[str] = []
        self.namespace: dict[str, Any] = {
            "__builtins__": {},
            **{f.__name__: f for f in (len, any, all, dict, list, str, int, float, bool)},
            "_always": _always,
            "_never": _never,
            "_json_equal": _json_equal,
            "_unique": _unique,
        }
        self.late: list[Callable[[], None]] = []  # fill-ins that need the compiled functions
        self.defined: set[str] = {"_always", "_never"}  # functions already in self.functions
        self.expressions: dict[str, str] = {"_always": "True", "_never": "False"}
        """A function's name -> its check as one expression on ``v``, when it has one."""

    def source(self) -> str:
        """The generated functions, as one module's text."""
        return "\n\n".join(self.functions)

    def build(self, shipped: str | None = None) -> Check:
        name = self.function(self.root)
        exec(_compiled(self.source(), shipped), self.namespace)
        for fill in self.late:
            fill()
        check: Check = self.namespace[name]
        return check

    def constant(self, value: Any, *, shared: bool = True, same_as: Any = None) -> str:
        """The namespace name of a value; equal shared values share a name (the more the
        generated functions look alike, the fewer there are to compile). A value filled in
        after compiling is never shared. ``same_as``: what makes two values the same, when
        their ``repr`` does not (a regular expression's search is shown with its address).

        Which values share a name decides the generated text, and the kept copy of it is
        compared with it (:func:`compile_check`), so sharing must be the same in every process:
        equal sets share whatever order they hold their items in, and searches by their
        patterns, whether or not ``re`` gave the same compiled object for both.
        """
        if not shared:
            shown: Any = str(id(value))
        elif same_as is not None:
            shown = same_as
        elif value.__class__ is frozenset:
            shown = repr(sorted(value, key=repr))
        else:
            shown = repr(value)
        key = (value.__class__, shown)
        name = self.constants.get(key)
        if name is None:
            name = self.constants[key] = f"_k{len(self.constants)}"
            self.namespace[name] = value
        return name

    def function(self, schema: Any) -> str:
        """The name of the function checking ``schema`` (generated on first need)."""
        if schema is True:
            return "_always"
        if schema is False:
            return "_never"
        if not isinstance(schema, dict):
            raise UnsupportedSchemaError(f"not a schema: {schema!r}")
        known = self.names.get(id(schema))
        if known is not None:
            return known
        name = self.names[id(schema)] = f"_s{len(self.names)}"
        general: Lines = []
        by_kind: dict[str, Lines] = {}
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS or keyword.startswith("x-") or keyword in ("then", "else"):
                continue  # then/else are compiled with `if`
            lines = self.keyword(keyword, value, schema)
            kind = _KIND_OF.get(keyword)
            if kind is not None:
                by_kind.setdefault(kind, []).extend(lines)
            elif keyword == "type":  # the cheapest way to say no: first
                general[:0] = lines
            else:
                general.extend(lines)
        body = general + _kind_blocks(by_kind) + ["return True"]
        expression = _as_expression(general, by_kind)
        if expression is not None:
            self.expressions[name] = expression
        text = "".join(f"    {line}\n" for line in body)
        target = self.lone_ref(schema)
        if target is not None and target in self.defined:  # not one still being generated
            same = target  # a lone `$ref` checks what its target checks: the same function
        else:
            same = self.bodies.setdefault(text, name)
        self.defined.add(name)
        # A subschema checked like an earlier one shares its code (the plan schema repeats
        # many): compiling this module is most of what building the check costs.
        self.functions.append(f"{name} = {same}" if same != name else f"def {name}(v):\n{text}")
        return name

    def keyword(self, keyword: str, value: Any, schema: dict[str, Any]) -> Lines:
        """The statements checking one keyword of ``schema``."""
        if keyword in _SIZES:
            return [_unless(f"len(v) {_SIZES[keyword]} {int(value)}")]
        if keyword in _BOUNDS:
            return [_unless(f"v {_BOUNDS[keyword]} {self.constant(value)}")]
        builder = getattr(self, "k_" + keyword.replace("$", "dollar_"), None)
        if builder is None:
            raise UnsupportedSchemaError(f"the keyword `{keyword}` is not supported")
        lines: Lines = builder(value, schema)
        return lines

    def lone_ref(self, schema: dict[str, Any]) -> str | None:
        """The function of the target of a schema that is a ``$ref`` and nothing else."""
        plain = _plain(schema)
        if plain is None or list(plain) != ["$ref"]:
            return None
        return self.names.get(id(self.ref(plain["$ref"])))

    def passes_all(self, name: str) -> bool:
        """Whether the function of this name says yes to every value (``true``, ``{}``)."""
        return self.expressions.get(name) == "True"

    def call(self, schema: Any) -> str:
        """An expression checking ``v`` against ``schema``: the subschema's own test written in
        place when it is short (``v.__class__ is str or v is None`` for an ``anyOf`` of two
        types, which would otherwise cost three calls), else a call of its function."""
        name = self.function(schema)
        expression = self.expressions.get(name)
        if expression is not None and len(expression) <= _MAX_INLINED_CHARS:
            return f"({expression})"
        return f"{name}(v)"

    def ref(self, pointer: str) -> Any:
        if not pointer.startswith("#/"):
            raise UnsupportedSchemaError(f"only local references are supported: {pointer}")
        target: Any = self.root
        for token in pointer[2:].split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        return target

    def table(self, schemas: dict[str, Any]) -> str:
        """A constant mapping each key to the check of its subschema (filled after compiling)."""
        names = {key: self.function(sub) for key, sub in schemas.items()}
        table: dict[str, Check] = {}
        self.late.append(lambda: table.update({k: self.namespace[n] for k, n in names.items()}))
        return self.constant(table, shared=False)

    # --- keywords: each gives statements; see _KIND_OF for those that may assume a kind ---

    def k_dollar_ref(self, value: str, schema: dict[str, Any]) -> Lines:
        return [_unless(self.call(self.ref(value)))]

    def k_type(self, value: str | list[str], schema: dict[str, Any]) -> Lines:
        kinds = [value] if isinstance(value, str) else value
        return [_unless(" or ".join(_TYPE_TESTS[k] for k in kinds))]

    def k_enum(self, value: list[Any], schema: dict[str, Any]) -> Lines:
        if all(isinstance(v, str) for v in value):
            return [_unless(f"v.__class__ is str and v in {self.constant(frozenset(value))}")]
        options = self.constant(tuple(value))
        return [_unless(f"any(_json_equal(v, o) for o in {options})")]

    def k_const(self, value: Any, schema: dict[str, Any]) -> Lines:
        return [_unless(f"_json_equal(v, {self.constant(value)})")]

    def k_properties(self, value: dict[str, Any], schema: dict[str, Any]) -> Lines:
        table = self.table(value)
        return [
            "for k, x in v.items():",
            f"    f = {table}.get(k)",
            "    if f is not None and not f(x):",
            "        return False",
        ]

    def k_patternProperties(self, value: dict[str, Any], schema: dict[str, Any]) -> Lines:  # noqa: N802
        pairs = [(pattern_search(p), self.function(s)) for p, s in value.items()]
        resolved: list[tuple[Callable[[str], Any], Check]] = []
        self.late.append(lambda: resolved.extend((s, self.namespace[n]) for s, n in pairs))
        table = self.constant(resolved, shared=False)
        return [
            "for k, x in v.items():",
            f"    for search, f in {table}:",
            "        if search(k) and not f(x):",
            "            return False",
        ]

    def k_additionalProperties(self, value: Any, schema: dict[str, Any]) -> Lines:  # noqa: N802
        known = self.constant(frozenset(schema.get("properties", {})))
        texts = tuple(schema.get("patternProperties", {}))
        patterns = [pattern_search(p) for p in texts]
        if value is False and not patterns:
            return [_unless(f"{known}.issuperset(v)")]
        test = self.function(value)
        if self.passes_all(test):  # other keys may hold anything: no check
            return []
        searches = self.constant(tuple(patterns), same_as=("searches", texts))
        extra = f"k not in {known} and not any(s(k) for s in {searches})"
        if value is False:
            return [_unless(f"not any({extra} for k in v)")]
        return [
            "for k, x in v.items():",
            f"    if {extra} and not {test}(x):",
            "        return False",
        ]

    def k_required(self, value: list[str], schema: dict[str, Any]) -> Lines:
        return [_unless(f"{self.constant(name)} in v") for name in value]

    def k_propertyNames(self, value: Any, schema: dict[str, Any]) -> Lines:  # noqa: N802
        names = _string_enum(value)
        if names is not None:  # the common case, and a set check is much cheaper
            return [_unless(f"{self.constant(names)}.issuperset(v)")]
        return [_unless(f"all({self.function(value)}(k) for k in v)")]

    def k_dependentRequired(self, value: dict[str, list[str]], schema: dict[str, Any]) -> Lines:  # noqa: N802
        return [
            _unless(f"{self.constant(key)} not in v or {self.constant(name)} in v")
            for key, needed in value.items()
            for name in needed
        ]

    def k_dependentSchemas(self, value: dict[str, Any], schema: dict[str, Any]) -> Lines:  # noqa: N802
        return [
            _unless(f"{self.constant(key)} not in v or {self.call(sub)}")
            for key, sub in value.items()
        ]

    def k_items(self, value: Any, schema: dict[str, Any]) -> Lines:
        test = self.function(value)
        if self.passes_all(test):  # items may be anything: no check
            return []
        return ["for x in v:", f"    if not {test}(x):", "        return False"]

    def k_uniqueItems(self, value: bool, schema: dict[str, Any]) -> Lines:  # noqa: N802
        return [_unless("_unique(v)")] if value else []

    def k_pattern(self, value: str, schema: dict[str, Any]) -> Lines:
        search = self.constant(pattern_search(value), same_as=("search", value))
        return [_unless(f"{search}(v) is not None")]

    def k_anyOf(self, value: list[Any], schema: dict[str, Any]) -> Lines:  # noqa: N802
        wanted = _one_of_keys(value)
        if wanted is not None:  # "one of these keys is present": a set check
            return [
                _unless(f"v.__class__ is not dict or not {self.constant(wanted)}.isdisjoint(v)")
            ]
        return [_unless(" or ".join(self.call(sub) for sub in value))]

    def k_oneOf(self, value: list[Any], schema: dict[str, Any]) -> Lines:  # noqa: N802
        return [_unless(" + ".join(self.call(sub) for sub in value) + " == 1")]

    def k_allOf(self, value: list[Any], schema: dict[str, Any]) -> Lines:  # noqa: N802
        return [_unless(self.call(sub)) for sub in value]

    def k_not(self, value: Any, schema: dict[str, Any]) -> Lines:
        return [_unless(f"not {self.call(value)}")]

    def k_if(self, value: Any, schema: dict[str, Any]) -> Lines:
        condition = self.call(value)
        then = self.call(schema.get("then", True))
        otherwise = self.call(schema.get("else", True))
        return [_unless(f"({then} if {condition} else {otherwise})")]


_MAX_INLINED_CHARS = 160
"""The longest subschema test written in place of a call: enough for a few type tests or an
enum look-up, short enough that tests written inside tests stay small."""


class _Unless(str):
    """A statement that fails the check when its test is false, holding the test itself, so
    that a subschema made only of such statements can be written as one expression."""

    test: str


def _unless(test: str) -> _Unless:
    """The statement that fails the check when ``test`` is false."""
    statement = _Unless(f"if not ({test}): return False")
    statement.test = test
    return statement


def _test_of(line: str) -> str | None:
    """The test of a statement made by :func:`_unless`; None for any other (a loop)."""
    return line.test if isinstance(line, _Unless) else None


def _as_expression(general: Lines, by_kind: dict[str, Lines]) -> str | None:
    """A subschema's statements as one expression on ``v``, when each is a test: the
    general tests, then each kind's tests guarded by its class test. None when one is a loop."""
    parts: list[str] = []
    for line in general:
        test = _test_of(line)
        if test is None:  # pragma: no cover - kept: keywords of no one kind are each one test
            return None  # today (the loops are those of objects and arrays)
        parts.append(f"({test})")
    for kind, statements in by_kind.items():
        tests = [_test_of(statement) for statement in statements]
        if any(test is None for test in tests):
            return None
        if tests:
            every = " and ".join(f"({test})" for test in tests)
            parts.append(f"(not {_TYPE_TESTS[kind]} or {every})")
    return " and ".join(parts) or "True"


def _kind_blocks(by_kind: dict[str, Lines]) -> Lines:
    """The keywords of each kind under one class test: ``if c is dict: ...``."""
    by_kind = {kind: statements for kind, statements in by_kind.items() if statements}
    if not by_kind:  # keywords that generated nothing (`items: {}`)
        return []
    lines = ["c = v.__class__"]
    for index, (kind, statements) in enumerate(by_kind.items()):
        lines.append(f"{'if' if index == 0 else 'elif'} {_KIND_TESTS[kind]}:")
        lines.extend(f"    {statement}" for statement in statements)
    return lines


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
