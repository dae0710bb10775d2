"""Safe YAML loading that remembers where every value came from.

Plans are written by people, so every later error must point at ``file:line:col``. PyYAML's
composer gives nodes with positions; we turn the node tree into plain JSON-like data ourselves
instead of using a YAML constructor, which buys four guarantees at once:

* nothing is ever constructed from a tag: ``!!python/object`` is reported, never executed;
* scalars follow the YAML 1.2 core schema, so ``on``, ``yes``, ``no`` stay text and ``1:30`` is
  not a sexagesimal number (YAML 1.1 surprises a manager would never expect);
* aliases are expanded under a budget, so an alias bomb is refused instead of eating memory;
* duplicate keys are errors instead of silently keeping the last value.
"""

from __future__ import annotations

import functools
import math
import re
import types
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from engine.documents import (
    MAX_ALIAS_VALUES,
    MAX_DEPTH,
    MAX_NODES,
    LoadedDocument,
    _error,
    join_pointer,
    pointer_tokens,
)
from engine.errors import Diagnostic, PlanError
from engine.gcpause import paused_gc
from engine.limits import MAX_JSON_INT, MIN_JSON_INT
from engine.templates import SLOT_TEXT

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_ALLOWED_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _SEQ, _MAP}
_SURROGATE = re.compile("[\ud800-\udfff]")


class _CoreResolver(yaml.resolver.BaseResolver):
    """Resolve plain scalars by the YAML 1.2 core schema instead of YAML 1.1."""


_CoreResolver.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        _FLOAT,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _CoreResolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))

try:
    from yaml._yaml import CParser as _CParser

    _LIBYAML = True
except ImportError:  # pragma: no cover - libyaml is present in every wheel we ship against
    _LIBYAML = False

if _LIBYAML:

    class _Composer(_CParser, _CoreResolver):
        """libyaml's fast parser and composer (C) with our resolver."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _CoreResolver.__init__(self)
            self.depth = 0

        def descend_resolver(self, parent: Node | None, index: Any) -> None:
            # libyaml composes recursively in C: refuse deep nesting before the C stack runs
            # out (it would crash the process, not raise). Called once per node, on the way in.
            self.depth += 1
            if self.depth > MAX_DEPTH + 1:  # the top-level value is depth 1 here, 0 below
                raise _too_deep(mark=parent.start_mark if parent is not None else None)

        def ascend_resolver(self) -> None:
            self.depth -= 1

else:  # pragma: no cover - libyaml is present in every wheel we ship against

    class _Composer(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _CoreResolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _CoreResolver.__init__(self)
            self.depth = 0

        def compose_node(self, parent: Node | None, index: Any) -> Node | None:
            # PyYAML composes recursively: refuse deep nesting before Python's stack runs out.
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH + 1:  # the top-level value is depth 1 here, 0 below
                    raise _too_deep(mark=self.peek_event().start_mark)  # type: ignore[no-untyped-call]
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


_ITEM_NAMES = {"rules": "rule", "cases": "case", "then": "action", "prevent": "action"}
"""What an item of these lists is called, for a key that starts one twice."""


class _YamlProblemError(Exception):
    pointer = ""
    """The JSON pointer of the value at fault, when it is known."""

    def __init__(
        self, code: str, message: str, node: Node | None, hint: str = "", mark: Any = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.mark = mark if mark is not None or node is None else node.start_mark
        self.hint = hint


_SHOWN_DIGITS = 40
"""How much of a number too large a message shows before it says how long it is."""


class _NumberRefusedError(_YamlProblemError):
    """A number a plan cannot hold, refused where it stands while the rest of the file is read
    (``load_yaml``'s ``numbers_beside``): ``value`` takes its place in the data, the number
    itself when ``as_read`` (see :class:`NumberBeside`), else a stand-in."""

    value: float
    as_read: bool


class _NumberTooLargeError(_NumberRefusedError):
    """A whole number beyond what JSON output keeps exactly."""

    def __init__(self, text: str, value: float, node: Node, as_read: bool = True) -> None:
        bound = f"the smallest is {MIN_JSON_INT}" if value < 0 else f"the largest is {MAX_JSON_INT}"
        if len(text) > _SHOWN_DIGITS:
            text = f"{text[:_SHOWN_DIGITS]}…({len(text):,} characters)"
        super().__init__(
            "number-too-large",
            f"`{text}` is a whole number too large to keep exactly ({bound})",
            node,
            "write it as text in quotes, or as a decimal number such as 1.5e21",
        )
        self.value, self.as_read = value, as_read


class _NotFiniteError(_NumberRefusedError):
    """``.inf``, ``.nan`` or a number beyond floating point (``1e400``): JSON has none of them.
    The float itself stands in for it: at its own place this message comes first, and a
    message about the list or mapping around it shows it as NaN or Infinity, what it is."""

    def __init__(self, text: str, number: float, node: Node) -> None:
        super().__init__(
            "not-finite",
            f"`{text}` is not a finite number",
            node,
            "write an ordinary number such as 10 or 12.5",
        )
        self.value, self.as_read = number, False


def _refusal(path: str, refused: _YamlProblemError) -> PlanError:
    """The located error for a problem the composer refused."""
    mark = refused.mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return _error(path, refused.code, refused.message, line, column, refused.hint, refused.pointer)


def _too_deep(node: Node | None = None, mark: Any = None) -> _YamlProblemError:
    return _YamlProblemError(
        "yaml-too-deep",
        f"the file nests deeper than {MAX_DEPTH} levels",
        node,
        "flatten the conditions; deep nesting is hard to read anyway",
        mark,
    )


_EMPTY_HINT = "a plan file starts with `backplan: 1` and has `rules:`; see docs/rule-language.md"


@dataclass(frozen=True, slots=True)
class NumberBeside:
    """A number a plan cannot hold (a whole number too large for JSON output, or one that is
    not finite), reported beside the data (``load_yaml``)."""

    problem: Diagnostic
    """Its ``number-too-large`` or ``not-finite``."""
    as_read: bool
    """Whether the data holds the number itself; else a stand-in (a number too long to read
    at all, or not finite), which no other message should quote."""


def numbers_with(found: list[Diagnostic], numbers: list[NumberBeside]) -> list[Diagnostic]:
    """The schema's problems and those of the numbers a file cannot hold: at a number's place
    the schema's word comes first (``priority`` says its own range), unless the data holds a
    stand-in (a number too long to read, or not finite), which the schema's word would quote."""
    unread = {n.problem.source.pointer for n in numbers if not n.as_read}
    kept = [problem for problem in found if problem.source.pointer not in unread]
    said = {problem.source.pointer for problem in kept}
    return kept + [n.problem for n in numbers if n.problem.source.pointer not in said]


def load_yaml(
    text: str, path: str, numbers_beside: list[NumberBeside] | None = None
) -> LoadedDocument:
    """Parse one YAML document into plain data plus positions, or raise a located PlanError.

    ``numbers_beside``: where to put the problem of each number a plan cannot hold (a whole
    number too large for JSON output, ``number-too-large``; ``.inf``, ``.nan``,
    ``not-finite``) instead of raising, the number kept in the data as read (or a stand-in),
    so that the plan reader sets aside only the part that holds it (``engine.soundparts``) and
    the rest of the file is checked in the same round.
    """
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise _error(
            path,
            "empty-file",
            "the file holds only comments" if text.strip() else "the file is empty",
            1,
            1,
            _EMPTY_HINT,
        )
    try:
        composer = _Composer(text)
    except yaml.reader.ReaderError as exc:  # a control character the YAML reader refuses
        raise _control_character(path, text, exc) from None
    try:
        too_large: list[_NumberRefusedError] | None = None if numbers_beside is None else []
        with paused_gc():  # hundreds of thousands of objects that all survive: see gcpause
            document = _compose_and_build(composer, path, too_large)
        if numbers_beside is not None:
            for number in too_large or ():
                numbers_beside.extend(
                    NumberBeside(problem, number.as_read)
                    for problem in _refusal(path, number).diagnostics
                )
        return document
    except _YamlProblemError as refused:
        raise _refusal(path, refused) from None
    except yaml.reader.ReaderError as exc:  # libyaml reports it while parsing, not before
        raise _control_character(path, text, exc) from None
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem):
            # libyaml's own depth limit (PyYAML 6.0.4 and later) can trip before ours.
            raise _refusal(path, _too_deep(mark=exc.problem_mark)) from None
        message, hint, mark = _explain_syntax_error(exc, text)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise _error(
            path, "yaml-syntax", f"YAML syntax error: {message}", line, column, hint
        ) from None
    except yaml.YAMLError as exc:
        raise _error(path, "yaml-syntax", f"YAML error: {exc}", 1, 1, "") from None
    finally:
        composer.dispose()


def _compose_and_build(
    composer: _Composer, path: str, too_large: list[_NumberRefusedError] | None
) -> LoadedDocument:
    node = composer.get_single_node()
    if node is None:  # only a byte-order mark, `...` or directives: no document at all
        raise _YamlProblemError("empty-file", "the file is empty", None, _EMPTY_HINT)
    _measure(node)
    builder = _Builder(too_large)
    data = builder.build(node, "", 0, ())
    return LoadedDocument(path, data, builder.positions, builder.key_positions)


@dataclass(frozen=True, slots=True)
class PlainText:
    """A text value written plain (not in quotes, not a block), and the rest of the line it
    ends on: where a comment right after it would be (``engine.lint``'s ``text-cut-by-comment``
    reads it)."""

    value: str
    line: int
    """Where the value starts: 1-based line and column, as every location counts them."""
    column: int
    after: str
    """What follows the value on the line where it ends (a plain value may go on over lines)."""


def plain_texts(text: str, pointers: Iterable[str]) -> dict[str, PlainText]:
    """The text values at ``pointers`` in a plan file's text that are written plain.

    Comments and how a value is written are not data: the plan model does not keep them, so
    this parses the text again (only a node tree, never built into data). Empty when the text
    is not YAML the careful loader takes (a file changed since it was read, say).
    """
    try:
        composer = _Composer(text)
    except yaml.YAMLError:  # a control character the reader refuses
        return {}
    try:
        with paused_gc():  # a node per value, all kept: see gcpause (7.5 s to 2.5 s at 5 MB)
            root = composer.get_single_node()
    except (yaml.YAMLError, _YamlProblemError):
        return {}
    finally:
        composer.dispose()
    lines: list[str] | None = None
    found: dict[str, PlainText] = {}
    for pointer in pointers:
        node = _node_at(root, pointer)
        if not isinstance(node, ScalarNode) or node.style or node.tag != _STR:
            continue  # quoted (style '"' or "'") or a block ('|', '>'); plain is '' or None
        lines = lines if lines is not None else _YAML_LINE_BREAK.split(text)
        end = node.end_mark
        after = lines[end.line][end.column :] if end.line < len(lines) else ""
        start = node.start_mark
        found[pointer] = PlainText(node.value, start.line + 1, start.column + 1, after)
    return found


def _node_at(root: Node | None, pointer: str) -> Node | None:
    """The node at a JSON pointer, or None."""
    node = root
    for token in pointer_tokens(pointer):
        if isinstance(node, SequenceNode):
            index = int(token) if token.isdigit() else len(node.value)
            node = node.value[index] if index < len(node.value) else None
        elif isinstance(node, MappingNode):
            node = next((value for key, value in node.value if key.value == token), None)
        else:
            return None
    return node


def _control_character(path: str, text: str, exc: yaml.reader.ReaderError) -> PlanError:
    if isinstance(exc.character, int):
        character = exc.character
        offset = exc.position
    else:  # libyaml reports the byte offset in UTF-8 and no character: find it ourselves
        offset = next((i for i, c in enumerate(text) if _is_refused(c)), 0)
        character = ord(text[offset]) if offset < len(text) else 0
    before = text[:offset]
    line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    return _error(
        path,
        "yaml-syntax",
        f"the file holds a control character (#x{character:04x}) YAML does not allow",
        line,
        column,
        "delete it; plans are plain text",
    )


def _is_refused(char: str) -> bool:
    """A character YAML's reader refuses (outside its printable set)."""
    code = ord(char)
    if code in (0x9, 0xA, 0xD, 0x85):
        return False
    return (
        code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)
    )


def _measure(root: Node) -> None:
    """Refuse a node graph whose expansion is too deep or too large, before expanding it.

    Aliases make the composed graph share nodes, so a 1 KB file can stand for billions of
    values. Sizes and heights are computed once per distinct node (memoised), so this costs
    time proportional to the file, not to its expansion.
    """
    measured: dict[int, tuple[int, int]] = {}  # id(node) -> (values when expanded, height)
    open_nodes: set[int] = set()
    repeated = 0  # values added by aliases: each use of an already-seen node adds its size

    def visit(node: Node, depth: int) -> tuple[int, int]:
        nonlocal repeated
        if id(node) in open_nodes:
            raise _YamlProblemError("yaml-recursive", "a YAML alias refers to itself", node)
        known = measured.get(id(node))
        if known is not None:
            repeated += known[0]
            if repeated > MAX_ALIAS_VALUES:
                raise _YamlProblemError(
                    "yaml-too-large",
                    f"the YAML aliases (`*name`) in the file expand to more than "
                    f"{MAX_ALIAS_VALUES:,} values",
                    node,
                    "remove the YAML anchors and aliases (`&name`, `*name`); "
                    "use named conditions instead",
                )
            if depth + known[1] > MAX_DEPTH:
                raise _too_deep(node)
            return known
        if depth > MAX_DEPTH:
            raise _too_deep(node)
        size, height = 1, 0
        if isinstance(node, (SequenceNode, MappingNode)):
            open_nodes.add(id(node))
            children = node.value if isinstance(node, SequenceNode) else [v for _, v in node.value]
            for child in children:
                child_size, child_height = visit(child, depth + 1)
                size += child_size
                height = max(height, child_height + 1)
            open_nodes.discard(id(node))
            if size > MAX_NODES:
                raise _YamlProblemError(
                    "yaml-too-large",
                    f"the file holds more than {MAX_NODES:,} values",
                    node,
                    "split the plan into several files in one folder",
                )
        measured[id(node)] = (size, height)
        return size, height

    visit(root, 0)


def _text(node: ScalarNode) -> str:
    """A text scalar, refused if an escape made half a character (no UTF-8 form exists)."""
    value: str = node.value
    if not value.isascii() and _SURROGATE.search(value):
        raise _YamlProblemError(
            "yaml-scalar",
            "the text holds a `\\u` escape for half a character (a lone surrogate)",
            node,
            "write the character itself, or the whole character as one escape such as "
            "`\\U0001F600`",
        )
    return value


class _Builder:
    """Turns composed nodes into data, recording positions and enforcing the budgets."""

    def __init__(self, too_large: list[_NumberRefusedError] | None = None) -> None:
        self.positions: dict[str, tuple[int, int]] = {}
        self.key_positions: dict[str, tuple[int, int]] = {}
        self.nodes = 0
        self.too_large = too_large
        """Where whole numbers too large are kept (each read as it is), when they are not to
        stop the reading."""

    def build(self, node: Node, pointer: str, depth: int, stack: tuple[int, ...]) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _YamlProblemError(
                "yaml-too-large",
                f"the file expands to more than {MAX_NODES:,} values (too many aliases?)",
                node,
                "remove the YAML anchors and aliases (`&name`, `*name`); use named conditions",
            )
        if depth > MAX_DEPTH:
            raise _YamlProblemError(
                "yaml-too-deep",
                f"the file nests deeper than {MAX_DEPTH} levels",
                node,
                "flatten the conditions; deep nesting is hard to read anyway",
            )
        if id(node) in stack:
            raise _YamlProblemError("yaml-recursive", "a YAML alias refers to itself", node)
        if pointer not in self.positions:
            self.positions[pointer] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _ALLOWED_TAGS:
            tagged = _YamlProblemError(
                "yaml-tag",
                f"the YAML tag `{_short_tag(node.tag)}` is not allowed in a plan",
                node,
                "remove the tag; plans hold only text, numbers, true/false, lists and mappings",
            )
            tagged.pointer = pointer
            raise tagged
        if isinstance(node, ScalarNode):
            try:
                return self._scalar(node)
            except _YamlProblemError as bad_scalar:
                bad_scalar.pointer = pointer
                if self.too_large is None or not isinstance(bad_scalar, _NumberRefusedError):
                    raise
                self.too_large.append(bad_scalar)
                return bad_scalar.value
        inner = (*stack, id(node))
        if isinstance(node, SequenceNode):
            return [
                self.build(item, join_pointer(pointer, index), depth + 1, inner)
                for index, item in enumerate(node.value)
            ]
        assert isinstance(node, MappingNode)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node)
            child = join_pointer(pointer, key)
            if key in result:
                first = self.key_positions.get(child, (0, 0))
                starts_an_item = re.search(r"/\d+$", pointer) and next(iter(result)) == key
                duplicate = _YamlProblemError(
                    "duplicate-key",
                    f"the key `{key}` appears twice in this mapping (first on line {first[0]})",
                    key_node,
                    f"if it starts another {_ITEM_NAMES.get(pointer.split('/')[-2], 'item')}, "
                    f"write `- {key}:` there; otherwise keep one of them"
                    if starts_an_item
                    else "keep one of them; YAML would silently use only the last",
                )
                duplicate.pointer = child
                raise duplicate
            self.key_positions[child] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, child, depth + 1, inner)
        return result

    def _key(self, node: Node) -> str:
        if not isinstance(node, ScalarNode) or not isinstance(node.value, str):
            raise _YamlProblemError("yaml-key", "a mapping key must be plain text", node)
        if node.tag == _NULL and node.value == "":
            raise _YamlProblemError("yaml-key", "a mapping key is empty", node)
        return _text(node)

    def _scalar(self, node: ScalarNode) -> Any:
        value = node.value
        tag = node.tag
        try:
            if tag == _STR:
                return _text(node)
            if tag == _BOOL:
                return value.lower() == "true"
            if tag == _NULL:
                return None
            if tag == _INT:
                whole = _whole(value)
                if whole is None:  # too long to read: infinity of its sign stands in, so a
                    # message about the list or mapping around it shows Infinity, not a
                    # number that was never written
                    stand_in = -math.inf if value.startswith("-") else math.inf
                    raise _NumberTooLargeError(value, stand_in, node, as_read=False)
                if not MIN_JSON_INT <= whole <= MAX_JSON_INT:
                    raise _NumberTooLargeError(value, whole, node)
                return whole
            number = _special_float(value) if value.lstrip("+-")[:1] == "." else float(value)
        except ValueError:
            raise _YamlProblemError(
                "yaml-scalar", f"`{value}` is not a valid {_short_tag(tag)}", node
            ) from None
        if not math.isfinite(number):
            raise _NotFiniteError(value, number, node)
        return number


def _special_float(text: str) -> float:
    """``.inf``, ``-.Inf``, ``.nan`` (YAML's words) as floats; any other ``.5`` as written."""
    word = text.lstrip("+-").lower()
    if word == ".nan":
        return math.nan
    if word == ".inf":
        return -math.inf if text.startswith("-") else math.inf
    return float(text)


def _whole(text: str) -> int | None:
    """A YAML whole number (decimal, ``0o`` or ``0x``), or None when it has more significant
    digits than :data:`_MOST_DIGITS`: surely beyond 64 bits, and read by its length, as Python
    reads at most 4,300 digits (leading zeros included, so they are left out first)."""
    body = text.lstrip("+-")
    base = _BASES.get(body[:2], 10)
    digits = (body if base == 10 else body[2:]).lstrip("0") or "0"
    if len(digits) > _MOST_DIGITS:
        return None
    whole = int(digits, base)
    return -whole if text.startswith("-") else whole


_BASES = {"0o": 8, "0x": 16}
"""The prefixes of YAML 1.2's whole numbers in other bases than ten."""

_MOST_DIGITS = 30
"""More significant digits than this are beyond 64 bits in any base YAML writes (20 decimal
digits hold 2**64)."""


_INDENT_HINT = "check the indentation and quoting around this place"


_YAML_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""What YAML counts as a line break, for its marks' line numbers (not only ``\\n``)."""


def _line_of(text: str, place: Any) -> str:
    """The text of the line a YAML mark is on ("" when there is no such line)."""
    if place is None:
        return ""
    lines = _YAML_LINE_BREAK.split(text)
    return lines[place.line] if place.line < len(lines) else ""


_BRACED_TEXT = re.compile(rf"^\s*(?:- )?([\w-]+):\s*({SLOT_TEXT}.*?)\s*$")
"""A key whose text value starts with a template's field (``message: {customer.first_name},
sorry``): YAML reads a ``{`` there as the start of a mapping."""


def _braced_text(text: str, place: Any) -> tuple[str, str, Any] | None:
    """The words for text that starts with a field and is not in quotes, when the line at
    ``place`` holds one; None otherwise."""
    if place is None or not text:
        return None
    found = _BRACED_TEXT.match(_line_of(text, place))
    if found is None or found[2].startswith("{{"):
        return None
    key, value = found[1], found[2].replace('"', '\\"')
    at = types.SimpleNamespace(line=place.line, column=found.start(2))  # the `{`: text starts
    return (
        "text that starts with `{` is read as a YAML mapping, not as text",
        f'put the whole text in quotes, such as `{key}: "{value}"`',
        at,
    )


_BARE_WORD = re.compile(r"( *(?:- +)?)([\w-]+)[ \t]*(?:#.*)?$")
"""A line that is one word, maybe a list item (``- escalate``): a key missing its colon."""


def _line_above(lines: list[str], number: int) -> tuple[int, str] | None:
    """The last line before line ``number`` that is not blank or a comment, and its number."""
    for above in range(min(number, len(lines)) - 1, -1, -1):
        line = lines[above]
        if line.strip() and not line.lstrip().startswith("#"):
            return above, line
    return None


def _bare_word_above(text: str, place: Any) -> tuple[str, _Place] | None:
    """The word alone on the line above ``place`` (the last line that is not blank or a
    comment) when it is less indented than ``place``'s line: a key written without its `:`, whose
    settings then make the error below it. Its place is just after the word."""
    if place is None:
        return None
    lines = _YAML_LINE_BREAK.split(text)
    if place.line >= len(lines):
        return None
    indent = _indent(lines[place.line])
    above = _line_above(lines, place.line)
    word = _BARE_WORD.match(above[1]) if above is not None else None
    if above is None or word is None or len(word[1]) >= indent:
        return None
    before = _line_above(lines, above[0])
    if before is not None and _TEXT_GOES_ON.match(before[1]) and word[1].strip() == "":
        return None  # `message: Please call the customer and` then `apologize`: its text
    return word[2], _Place(above[0], word.end(2))


def _text_going_on(text: str, place: Any) -> str | None:
    """The key of the plain text begun on a line above ``place`` that the line at ``place``
    goes on with (each line between further in than that key, none of them a key), or None."""
    lines = _YAML_LINE_BREAK.split(text)
    if place is None or place.line >= len(lines):
        return None
    least = _indent(lines[place.line])
    above = _line_above(lines, place.line)
    while above is not None:
        own = _indent(above[1])
        begun = _TEXT_GOES_ON.match(above[1])
        if begun is not None:  # the text's lines are all further in than its key
            return begun[1] if own < least else None
        if ": " in above[1] or above[1].rstrip().endswith(":"):
            return None
        least = min(least, own)
        above = _line_above(lines, above[0])
    return None


_TEXT_GOES_ON = re.compile(r"\s*(?:- +)?([\w.-]+):[ \t]+[^\s#|>\"'\[{&*!]")
"""A key with a plain text after it, which the lines below it may go on with."""


def _unclosed_bracket(text: str, place: Any) -> _Place | None:
    """The innermost `[` or `{` still open at ``place`` (quoted text and comments passed
    over), or None."""
    if place is None:
        return None
    opened: list[_Place] = []
    for number, line in enumerate(_YAML_LINE_BREAK.split(text)[: place.line + 1]):
        end = min(place.column, len(line)) if number == place.line else len(line)
        column = 0
        while column < end:
            char = line[column]
            if char in "\"'" and (column == 0 or line[column - 1] in " [{,:"):
                closed = _closing_quote(line, column + 1, char)  # `\"` and `''` stay inside
                if closed is None:
                    break  # text over lines: its brackets are text
                column = closed
            elif char == "#" and (column == 0 or line[column - 1] in " \t"):
                break  # a comment
            elif char in "[{":
                opened.append(_Place(number, column))
            elif char in "]}" and opened:
                opened.pop()
            column += 1
    return opened[-1] if opened else None


_FLOW_VALUE = re.compile(r"([\w.-]+):[ \t]+([^,{}\[\]\"']*)$")
"""The key and the start of a plain value in braces, up to a `: ` that ends it there."""


def _colon_in_braces(text: str, place: Any, problem: str) -> str | None:
    """For a `: ` inside a plain value in braces, where YAML wanted a `,` or the closing
    bracket: the key with the whole value quoted (``message: "Note: check packaging"``)."""
    if not problem.startswith("did not find expected ','") or _char_at(text, place) != ":":
        return None
    line = _line_of(text, place)
    begun = _FLOW_VALUE.search(line[: place.column])
    if begun is None:
        return None
    rest = re.match(r"[^,{}\[\]]*", line[place.column :])
    from engine.slips import quoted  # only for a message

    return f"{begun[1]}: {quoted((begun[2] + (rest[0] if rest else '')).strip())}"


def _char_at(text: str, place: Any) -> str:
    line = _line_of(text, place)
    return line[place.column] if place.column < len(line) else ""


_KEY_AT = re.compile(r"( *)([\w-]+):(?:[ \t]|$)")


def _key_above_less_indented(text: str, place: Any) -> tuple[str, str, Any] | None:
    """For a key more indented than the key on the line above it, where YAML wanted another
    key beside that one (``within: 1h`` lined up with its action, then ``message:`` under
    it): both keys, their lines and the columns that would line them up."""
    if place is None:
        return None
    lines = _YAML_LINE_BREAK.split(text)
    here = _KEY_AT.match(lines[place.line]) if place.line < len(lines) else None
    if here is None:
        return None
    column = len(here[1])
    line_above = _line_above(lines, place.line)
    if line_above is None:
        return None
    number, line = line_above
    above = _KEY_AT.match(line)
    if above is None or len(above[1]) >= column:
        return None
    higher = len(above[1])
    move_up = f"`{above[2]}:` to column {column + 1}"
    move_down = f"`{here[2]}:` to column {higher + 1}"
    usual = _usual_key_column(lines, number, higher)  # the holder's column + 2
    hint = (
        f"indent `{above[2]}:` to column {column + 1}, like `{here[2]}:`"
        if usual == column
        else f"indent `{here[2]}:` to column {higher + 1}, like `{above[2]}:`"
        if usual == higher
        else f"indent the keys of one mapping to the same column: {move_up}, or {move_down}"
    )
    return (
        f"`{here[2]}:` is indented more than `{above[2]}:` on line {number + 1}, so it "
        "cannot be a key beside it",
        hint,
        _Place(place.line, column),
    )


_HOLDER = re.compile(r"( *(?:- +)?)([\w-]+):[ \t]*(?:#.*)?$")
"""A key whose value is the mapping below it (``plan:``, ``- reply_publicly:``)."""


def _usual_key_column(lines: list[str], number: int, column: int) -> int | None:
    """The column the keys under the holder of the key on line ``number`` (at ``column``)
    start at when indented two spaces, as plans are: the holder's key column + 2."""
    above = _line_above(lines, number)
    holder = _HOLDER.match(above[1]) if above is not None else None  # at ``column`` too: a
    if holder is not None and len(holder[1]) <= column:  # holder with nothing under it
        return len(holder[1]) + 2
    sibling = _KEY_AT.match(above[1]) if above is not None else None
    if sibling is not None and len(sibling[1]) == column:  # in line with the key above it
        return column
    return None


def _key_without_colon_above(text: str, place: Any) -> tuple[str, str, Any] | None:
    """For keys under a word written without its `:` (``- escalate`` then ``to: cx-lead``):
    the word, told at its line."""
    bare = _bare_word_above(text, place)
    if bare is None:
        return None
    word, at = bare
    return (
        f"`{word}` has no `:` after it, so the keys below it cannot be its settings",
        f"write `{word}:`",
        at,
    )


_LAST_KEY = re.compile(r",[ \t]*([\w.-]+)$")
"""``..., lte`` before the `: ` that failed: a key after a comma."""


def _keys_without_braces(line: str, column: int) -> str | None:
    """For ``- field: rating, lte: 2`` (the error at the second `: `): the keys in braces,
    ``- {field: rating, lte: 2}``; None when the text before the `: ` does not end in a key
    after a comma."""
    start = re.match(r"( *(?:- +)?)([\w.-]+): ", line)
    last = _LAST_KEY.search(line[:column])
    if start is None or last is None or not {start[2], last[1]} <= _language_keys():
        return None  # `message: Hi Dana, thanks: we will call` is text with a `: `, not keys
    pairs = line[len(start[1]) :].split(" #", maxsplit=1)[0].rstrip()
    return f"{start[1].strip()} {{{pairs}}}".lstrip()


@functools.cache
def _language_keys() -> frozenset[str]:
    """Every key a plan or a plan-test file may hold somewhere (operators included)."""
    from engine.resources import load_schema

    found: set[str] = set()
    stack: list[Any] = [load_schema("plan"), load_schema("plantest")]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                found.update(properties)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return frozenset(found)


def _item_keys_column(text: str, place: Any) -> int | None:
    """The column where the keys of the list item above ``place`` start (the item's ``- `` at
    ``place``'s column), or None when no such item is above it."""
    found = _item_above(text, place)
    return found[1] if found is not None else None


def _item_above(text: str, place: Any) -> tuple[int, int] | None:
    """The line of the list item above ``place`` (its ``- `` at ``place``'s column) and the
    column where its keys start, or None when no such item is above it."""
    lines = _YAML_LINE_BREAK.split(text)
    for number in range(min(place.line, len(lines)) - 1, -1, -1):
        line = lines[number]
        found = re.match(r"( *)- +", line)
        if found is not None and len(found[1]) == place.column:
            return number, found.end()
        if line.strip() and _indent(line) < place.column:
            return None  # left the list
    return None


def _settings_below(text: str, place: Any) -> tuple[str, str, int] | None:
    """For an item whose first key holds a mapping below it (``- follow_up:`` then its
    settings, an action's usual shape): that key, the first setting's key and its column."""
    above = _item_above(text, place)
    if above is None:
        return None
    lines = _YAML_LINE_BREAK.split(text)
    key = _HOLDER.match(lines[above[0]])
    if key is None:
        return None
    for line in lines[above[0] + 1 : place.line]:
        setting = re.match(r"( *)([\w-]+):", line)
        if setting is not None and len(setting[1]) > above[1]:
            return key[2], setting[2], len(setting[1])
        if line.strip() and not line.lstrip().startswith("#"):
            return None
    return key[2], "", above[1] + 2  # nothing under it yet: its settings go two spaces in


_VALUE_START = re.compile(r"""(?:^|[:\-\[{,])[ \t]*(["'])""")
"""A quote that opens a value: at the line's start or after `:`, `-`, `[`, `{` or `,`."""


@dataclass(frozen=True, slots=True)
class _Place:
    """A 0-based line and column, as PyYAML's marks have them."""

    line: int
    column: int


def _quote_left_open(text: str, place: Any) -> _Place | None:
    """Where a double-quoted value opens that its own line does not close, on a line before
    the error's, when closing it there mends the file or moves the error past where it was:
    the likeliest cause of an error further on (YAML reads a double-quoted text across lines,
    to the next `"`, then fails where the text no longer makes sense). A `"` inside a plain
    text, a comment or a `|` block, and a text meant to go over lines, are not blamed: quotes
    are looked for outside comments and block texts, a text that goes over lines is read to
    its end, and closing the quote must help. At most :data:`_QUOTES_TRIED` are tried."""
    if place is None:
        return None
    lines = _YAML_LINE_BREAK.split(text)
    tried, number, at = 0, 0, 0
    block_indent: int | None = None  # inside a `|` or `>` text: lines indented deeper
    while number < min(place.line, len(lines)):
        line = lines[number]
        if block_indent is not None and at == 0:
            if not line.strip() or _indent(line) > block_indent:
                number += 1
                continue
            block_indent = None
        opening = _VALUE_START.search(line, at)
        comment = _COMMENT.search(line, at)
        if opening is None or (comment is not None and comment.start() < opening.start(1)):
            if _BLOCK_TEXT.search(line) is not None:
                block_indent = _indent(line)
            number, at = number + 1, 0
            continue
        quote, start = opening[1], opening.end()
        end = _closing_quote(line, start, quote)
        if end is not None:
            at = end + 1
            continue
        if quote == '"':
            tried += 1
            if _closing_mends(lines, number, place.line):
                return _Place(number, start - 1)
            if tried >= _QUOTES_TRIED:
                return None
        number, at = _past_text_over_lines(lines, number + 1, quote)
    return None


def _past_text_over_lines(lines: list[str], number: int, quote: str) -> tuple[int, int]:
    """Where reading goes on after a quoted text that goes on from the line before ``number``:
    just past the quote that closes it, on a later line (or past the end)."""
    while number < len(lines):
        end = _closing_quote(lines[number], 0, quote)
        if end is not None:
            return number, end + 1
        number += 1
    return number, 0


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_COMMENT = re.compile(r"(?:^|[ \t])#")
"""Where a comment starts (a `#` at the line's start or after a blank)."""

_BLOCK_TEXT = re.compile(r"(?:^|[:\-][ \t])[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?$")
"""A line that starts a `|` or `>` text, whose lines (indented deeper) are text, not YAML."""


_QUOTES_TRIED = 3
"""How many quotes left open ``_quote_left_open`` tries closing (each costs a parse)."""


def _closing_mends(lines: list[str], number: int, error_line: int) -> bool:
    """Whether closing a `"` on line ``number`` (before the brackets and commas that end the
    line, else at its end) lets the file parse, or moves its first error past ``error_line``."""
    line = lines[number].rstrip()
    body = line.rstrip("}], ")
    closed = [*lines[:number], body + '"' + line[len(body) :], *lines[number + 1 :]]
    try:
        composer = _Composer("\n".join(closed))
        try:
            composer.get_single_node()
        finally:
            composer.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark is not None and mark.line > error_line
    except (yaml.YAMLError, _YamlProblemError):
        return False
    return True


def _closing_quote(line: str, start: int, quote: str) -> int | None:
    """Where the quoted value opened just before ``start`` closes on this line, or None.
    Double quotes take ``\\`` escapes; single quotes are doubled (``''``) inside."""
    at = start
    while at < len(line):
        char = line[at]
        if quote == '"' and char == "\\":
            at += 2
            continue
        if char == quote:
            if quote == "'" and line[at + 1 : at + 2] == "'":
                at += 2
                continue
            return at
        at += 1
    return None


def _explain_syntax_error(exc: yaml.MarkedYAMLError, text: str = "") -> tuple[str, str, Any]:
    """PyYAML's parser words said for a person who writes plans, and the most telling place."""
    problem = exc.problem or exc.context or "invalid YAML"
    context = exc.context or ""
    place: Any = exc.problem_mark or exc.context_mark
    opened: Any = exc.context_mark
    if problem == "found character that cannot start any token" and place is not None:
        # libyaml does not name the character; the Python scanner does, and the advice needs it.
        line = _line_of(text, place)
        if place.column < len(line):
            problem = f"found character {line[place.column]!r} that cannot start any token"
    if "expected a single document" in str(exc):
        return "the file holds several YAML documents", "keep one document (no `---`)", place
    if context.startswith("while scanning a quoted scalar") and opened is not None:
        return "this quoted text is never closed", "add the closing quote", opened
    unclosed = _quote_left_open(text, place)
    if unclosed is not None and place is not None:
        return (
            f'this quoted text is not closed on its line, so YAML read on to the next `"` '
            f"(the error it then met is on line {place.line + 1})",
            'add the closing `"`; for text over several lines, use `|`',
            unclosed,
        )
    braced = _braced_text(text, opened or place) or _braced_text(text, place)
    if braced is not None:
        return braced
    if "invalid Unicode character escape code" in problem:  # libyaml's words for it
        return (
            "the text holds a `\\u` escape that is not a whole character (a lone surrogate?)",
            "write the character itself, or the whole character as one escape such as "
            "`\\U0001F600`",
            place,
        )
    if "'\\t'" in problem or "tab character" in problem:  # Python's scanner, then libyaml
        return (
            "a tab is used for indentation",
            "indent with spaces; YAML does not allow tabs",
            place,
        )
    reserved = re.match(r"found character '(.)' that cannot start any token", problem)
    if reserved:
        shown = "a backquote (`)" if reserved[1] == "`" else f"`{reserved[1]}`"
        return (
            f"a value cannot start with {shown}",
            f'put the value in quotes, such as "{reserved[1]}acme"',
            place,
        )
    if context.startswith("while parsing a flow node"):  # the mark is where a value was due
        opened = _unclosed_bracket(text, place) or opened
        braces = opened is not None and _char_at(text, opened) == "{"
        context = "while parsing a flow " + ("mapping" if braces else "sequence")
    colon = _colon_in_braces(text, place, problem)
    if colon is not None:  # `{channel: email, message: Note: check packaging}`
        return (
            "a `: ` inside a value in braces",
            f"put the value in quotes: `{colon}`",
            place,
        )
    if context.startswith("while parsing a flow") and opened is not None:
        brackets = "{}" if "mapping" in context else "[]"
        return (
            f"the `{brackets[0]}` opened on line {opened.line + 1} is not closed",
            f"close it with `{brackets[1]}`, and separate the items with commas",
            place,
        )
    if problem in (
        "mapping values are not allowed here",  # the Python scanner's words
        "mapping values are not allowed in this context",  # libyaml's
    ):
        line = _line_of(text, place)
        if ": " not in line[: place.column if place is not None else 0]:
            # The colon ends this line's own key: the key is what is out of place.
            told = _key_without_colon_above(text, place) or _key_above_less_indented(text, place)
            if told is not None:
                return told
            going_on = _text_going_on(text, place)  # `message: Please call` ... `today: noon`
            if going_on is not None:
                return (
                    "a `: ` inside a text that goes on over several lines",
                    f"put the whole text in quotes, or write it as a block: `{going_on}: >-`, "
                    "then the text on the lines below it",
                    place,
                )
            return (
                "this line is indented more than the key above it",
                "line its key up with the keys above it",
                place,
            )
        in_braces = _keys_without_braces(line, place.column if place is not None else 0)
        if in_braces is not None:  # `- field: rating, lte: 2`
            return (
                "several keys on one line, without braces: YAML reads the first key's value "
                "on to the next `: `",
                f"put them in braces, `{in_braces}`, or write each key on its own line",
                place,
            )
        return (
            "a `: ` inside a value",
            'put the value in quotes, such as `message: "Note: call back"`',
            place,
        )
    if problem == "could not find expected ':'" and opened is not None:
        return (
            "this line has no `: ` (a colon and a space) after its key",
            "write `key: value`, with a space after the colon; put text that holds `: ` in quotes",
            opened,
        )
    if problem == "did not find expected key":
        if _line_of(text, place).lstrip().startswith("- "):
            # A list where a key was expected: the key of the list is missing (`then:`).
            return (
                "a list item (`- `) where a key was expected",
                "if the list's key is missing from the line above (such as `then:` or "
                "`prevent:` for actions, `all:` for tests), add it; if the item belongs to a "
                "list above, line its `-` up with that list's other items",
                place,
            )
        uneven = _key_above_less_indented(text, place)
        if uneven is not None:
            return uneven
        return (
            "a key was expected here",
            "look at this line and the one above: a quote left open, or a line indented "
            "differently from the keys beside it, often causes this",
            place,
        )
    if problem == "did not find expected '-' indicator":
        told = _key_without_colon_above(text, place)
        if told is not None:
            return told
        key = re.match(r"\s*([\w-]+):", _line_of(text, place)) if place is not None else None
        item = _item_keys_column(text, place) if key is not None else None
        settings = _settings_below(text, place) if item is not None else None
        if key is not None and item is not None and settings is not None:
            holder, first, column = settings
            under = f"under `{first}:`" if first else f"two spaces right of `{holder}:`"
            return (
                f"`{key[1]}:` is at the column of the list's `- `, not of the item's keys",
                f"if `{key[1]}` is a setting of `{holder}`, indent it to column {column + 1}, "
                f"{under}; start a new item with `- ` only if it is one",
                place,
            )
        if key is not None and item is not None:
            return (
                f"`{key[1]}:` is at the column of the list's `- `, not of the item's keys",
                f"if `{key[1]}` belongs to the item above, indent it to column {item + 1}, "
                "where that item's keys start; start a new item with `- ` only if it is one",
                place,
            )
        return (
            "a list item (`- `) was expected here",
            "at this column the list's items start with `- `: start a new item with `- `, or "
            "indent this line under the item it belongs to",
            place,
        )
    if problem.startswith("expected <block end>"):
        return (
            "the indentation does not line up",
            "indent the keys of one mapping, and the items of one list, to the same column",
            place,
        )
    if problem.startswith("found undefined alias"):  # libyaml does not name it: read it
        column = place.column if place is not None else 0
        name = re.match(r"\*([^\s,\[\]{}]*)", _line_of(text, place)[column:])
        alias = f"*{name[1]}" if name else "*"
        return (
            f"`{alias}` refers to an anchor `&{alias[1:]}` that is not defined above",
            f'for text that starts with `*`, put it in quotes (such as `"{alias}"`); '
            "for an alias, define the anchor before its first use",
            place,
        )
    return problem, _INDENT_HINT, place
