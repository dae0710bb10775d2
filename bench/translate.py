"""Plan conditions translated into each peer engine's language, meaning kept.

Backplan's language has rules a peer may not share: a missing field makes every test false
(``ne`` and ``not_in`` included), values compare only with values of the same kind. Each
translation adds the guards that make the peer give the same answer on the benchmark's events
(which are well typed: a field is missing, never of the wrong kind), and nothing else. What a
peer cannot express is listed in its :class:`~bench.workload.Profile` and left out of the plan it
is measured on (see ``bench/peers.py``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bench.workload import LIST_FIELDS, NAMED
from engine.model import OPERATORS


def split_test(node: dict[str, Any]) -> tuple[str, str, Any, bool]:
    """``{field: rating, lte: 2}`` -> ``("rating", "lte", 2, False)``."""
    op = next(key for key in node if key in OPERATORS)
    return node["field"], op, node[op], bool(node.get("ignore_case", False))


def rule_condition(rule: dict[str, Any]) -> dict[str, Any]:
    """A rule's whole condition as one tree: its event types and its ``when`` parts, all of them."""
    when = rule.get("when", {})
    parts: list[dict[str, Any]] = []
    kinds = when.get("event")
    if kinds is not None:
        parts.append({"field": "type", "in": [kinds] if isinstance(kinds, str) else list(kinds)})
    parts.extend(when.get("all", []))
    for key in ("any", "not", "use"):
        if key in when:
            parts.append({key: when[key]})
    return {"all": parts}


def inline(node: dict[str, Any]) -> dict[str, Any]:
    """The tree with every ``use`` replaced by the named condition (peers have no named ones)."""
    if "use" in node:
        return inline(NAMED[node["use"]])
    if "all" in node or "any" in node:
        key = "all" if "all" in node else "any"
        return {key: [inline(item) for item in node[key]]}
    if "not" in node:
        return {"not": inline(node["not"])}
    return node


# --- GoRules zen expressions ------------------------------------------------------------------


def zen_expression(node: dict[str, Any]) -> str:
    """A zen expression that holds exactly when the condition holds."""
    return _tree(node, _zen_test, "and", "or", lambda inner: f"not({inner})")


def _tree(
    node: dict[str, Any],
    test: Callable[[str, str, Any, bool], str],
    conj: str,
    disj: str,
    negate: Callable[[str], str],
) -> str:
    if "all" in node:
        items = node["all"]
        if not items:
            return "true"
        return "(" + f" {conj} ".join(_tree(i, test, conj, disj, negate) for i in items) + ")"
    if "any" in node:
        return "(" + f" {disj} ".join(_tree(i, test, conj, disj, negate) for i in node["any"]) + ")"
    if "not" in node:
        return negate(_tree(node["not"], test, conj, disj, negate))
    if "use" in node:
        return _tree(NAMED[node["use"]], test, conj, disj, negate)
    return test(*split_test(node))


def _lit(value: Any) -> str:
    return json.dumps(value)


def _zen_test(name: str, op: str, value: Any, ic: bool) -> str:
    present = f"{name} != null"
    read = f"lower({name})" if ic else name

    def folded(v: Any) -> str:
        return _lit(v.lower() if ic and isinstance(v, str) else v)

    if op == "exists":
        return f"({present})" if value else f"({name} == null)"
    if op == "missing":
        return f"({name} == null)" if value else f"({present})"
    body = {
        "eq": lambda: f"{read} == {folded(value)}",
        "ne": lambda: f"{read} != {folded(value)}",
        "in": lambda: f"{read} in [{', '.join(folded(v) for v in value)}]",
        "not_in": lambda: f"not({read} in [{', '.join(folded(v) for v in value)}])",
        "lt": lambda: f"{name} < {_lit(value)}",
        "lte": lambda: f"{name} <= {_lit(value)}",
        "gt": lambda: f"{name} > {_lit(value)}",
        "gte": lambda: f"{name} >= {_lit(value)}",
        "between": lambda: f"{name} >= {_lit(value[0])} and {name} <= {_lit(value[1])}",
        "contains": lambda: f"contains({read}, {folded(value)})",
        "contains_any": lambda: (
            "(" + " or ".join(f"contains({read}, {folded(v)})" for v in value) + ")"
        ),
        "contains_all": lambda: (
            "(" + " and ".join(f"contains({read}, {folded(v)})" for v in value) + ")"
        ),
        "starts_with": lambda: f"startsWith({read}, {folded(value)})",
        "ends_with": lambda: f"endsWith({read}, {folded(value)})",
        "matches": lambda: f"matches({name}, {_zen_raw(value)})",
    }[op]()
    return f"({present} and {body})"


def _zen_raw(pattern: str) -> str:
    # zen string literals keep backslashes as written (no JSON escapes), so a pattern goes in raw.
    if '"' in pattern:
        raise ValueError("a zen string literal cannot hold a double quote")
    return f'"{pattern}"'


# --- rule-engine expressions ------------------------------------------------------------------


def rule_engine_expression(node: dict[str, Any]) -> str:
    """A rule-engine expression that holds exactly when the condition holds."""
    return _tree(node, _rule_engine_test, "and", "or", lambda inner: f"(not {inner})")


def _rule_engine_symbol(name: str) -> str:
    # `&[...]` is rule-engine's safe item access: a missing parent gives null, not an error.
    first, *rest = name.split(".")
    return first + "".join(f"&[{_lit(part)}]" for part in rest)


def _rule_engine_test(name: str, op: str, value: Any, ic: bool) -> str:
    symbol = _rule_engine_symbol(name)
    present = f"{symbol} != null"
    read = f"{symbol}.as_lower" if ic else symbol

    def folded(v: Any) -> str:
        return _lit(v.lower() if ic and isinstance(v, str) else v)

    if op == "exists":
        return f"({present})" if value else f"({symbol} == null)"
    if op == "missing":
        return f"({symbol} == null)" if value else f"({present})"
    body = {
        "eq": lambda: f"{read} == {folded(value)}",
        "ne": lambda: f"{read} != {folded(value)}",
        "in": lambda: f"{read} in [{', '.join(folded(v) for v in value)}]",
        "not_in": lambda: f"not {read} in [{', '.join(folded(v) for v in value)}]",
        "lt": lambda: f"{symbol} < {_lit(value)}",
        "lte": lambda: f"{symbol} <= {_lit(value)}",
        "gt": lambda: f"{symbol} > {_lit(value)}",
        "gte": lambda: f"{symbol} >= {_lit(value)}",
        "between": lambda: f"{symbol} >= {_lit(value[0])} and {symbol} <= {_lit(value[1])}",
        "contains": lambda: f"{folded(value)} in {read}",
        "contains_any": lambda: "(" + " or ".join(f"{folded(v)} in {read}" for v in value) + ")",
        "contains_all": lambda: "(" + " and ".join(f"{folded(v)} in {read}" for v in value) + ")",
        "starts_with": lambda: f"{read} =~ {_lit(_escape(folded_text(value, ic)))}",
        "ends_with": lambda: f"{read} =~~ {_lit(_escape(folded_text(value, ic)) + '$')}",
        "matches": lambda: f"{symbol} =~~ {_lit(value)}",
    }[op]()
    return f"({present} and {body})"


def folded_text(value: str, ic: bool) -> str:
    """The constant as the peer compares it (lower-cased under ignore_case)."""
    return value.lower() if ic else value


def _escape(text: str) -> str:
    import re

    return re.escape(text)


# --- business-rules conditions ----------------------------------------------------------------


def business_rules_conditions(node: dict[str, Any], variables: dict[str, str]) -> dict[str, Any]:
    """A business-rules condition tree (all/any of variable tests).

    ``variables`` collects the variables it needs, ``field__kind`` -> kind (string, numeric,
    boolean, select, select_multiple; ``has__field`` -> present): business-rules reads each
    variable through a method of one declared type.
    """
    if "all" in node or "any" in node:
        key = "all" if "all" in node else "any"
        items = node[key]
        if not items:
            variables["always"] = "boolean"
            return {"all": [{"name": "always", "operator": "is_true", "value": True}]}
        return {key: [business_rules_conditions(i, variables) for i in items]}
    if "use" in node:
        return business_rules_conditions(NAMED[node["use"]], variables)
    if "not" in node:
        raise ValueError("business-rules has no negation")
    name, op, value, ic = split_test(node)
    var = name.replace(".", "__")
    has = f"has__{var}"
    variables[has] = "present"
    guard = {"name": has, "operator": "is_true", "value": True}
    if op in ("exists", "missing"):
        wanted = value if op == "exists" else not value
        return {"name": has, "operator": "is_true" if wanted else "is_false", "value": True}
    kind, tests = _business_rules_tests(op, value, ic, name in LIST_FIELDS)
    var = f"{var}__{kind}"
    variables[var] = kind
    conditions = [{"name": var, "operator": o, "value": v} for o, v in tests]
    if op in ("in", "contains_any") and len(conditions) > 1:
        return {"all": [guard, {"any": conditions}]}
    return {"all": [guard, *conditions]}


def _business_rules_tests(
    op: str, value: Any, ic: bool, is_list: bool
) -> tuple[str, list[tuple[str, Any]]]:
    if op in ("eq", "in"):
        values = value if op == "in" else [value]
        if isinstance(values[0], bool):
            return "boolean", [("is_true" if values[0] else "is_false", True)]
        if isinstance(values[0], str):
            operator = "equal_to_case_insensitive" if ic else "equal_to"
            return "string", [(operator, v) for v in values]
        return "numeric", [("equal_to", v) for v in values]
    numeric = {
        "lt": "less_than",
        "lte": "less_than_or_equal_to",
        "gt": "greater_than",
        "gte": "greater_than_or_equal_to",
    }
    if op in numeric:
        return "numeric", [(numeric[op], value)]
    if op == "between":
        return "numeric", [
            ("greater_than_or_equal_to", value[0]),
            ("less_than_or_equal_to", value[1]),
        ]
    if op in ("starts_with", "ends_with"):
        return "string", [(op, value)]
    if op == "matches":
        return "string", [("matches_regex", value)]
    if not is_list and op in ("contains", "contains_any", "contains_all"):
        return "string", [("contains", v) for v in (value if op != "contains" else [value])]
    if op == "contains":
        return "select", [("contains", value)]
    if op == "contains_any":
        return "select_multiple", [("shares_at_least_one_element_with", value)]
    if op == "contains_all":
        return "select_multiple", [("contains_all", value)]
    raise ValueError(f"business-rules cannot express {op}")


# --- json-rules-engine conditions -------------------------------------------------------------


def json_rules_conditions(node: dict[str, Any]) -> dict[str, Any]:
    """A json-rules-engine condition (all/any/not of fact tests); the custom operators it uses
    are defined in ``bench/node/run.js`` with Backplan's meaning."""
    if "all" in node or "any" in node:
        key = "all" if "all" in node else "any"
        items = node[key]
        if not items:
            return {"all": []}
        return {key: [json_rules_conditions(i) for i in items]}
    if "not" in node:
        return {"not": json_rules_conditions(node["not"])}
    if "use" in node:
        return json_rules_conditions(NAMED[node["use"]])
    name, op, value, ic = split_test(node)
    fact, _, rest = name.partition(".")
    test: dict[str, Any] = {"fact": fact, "operator": f"bp_{op}", "value": value}
    if rest:
        test["path"] = rest
    if ic:
        test["operator"] = f"bp_{op}_ic"
    return test
