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

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from engine.documents import (
    MAX_ALIAS_CHARS,
    MAX_ALIAS_VALUES,
    MAX_DEPTH,
    MAX_NODES,
    LoadedDocument,
    join_pointer,
    located_error,
    pointer_tokens,
)
from engine.errors import Diagnostic, PlanError, Severity, SourceLocation
from engine.gcpause import paused_gc
from engine.jsoncomments import comment_in_json, comment_words, may_hold_comment
from engine.limits import MAX_JSON_INT, MIN_JSON_INT
from engine.locations import YAML_LINE_BREAK, place_after
from engine.slips import as_written, colon_after, numbers_cut, numbers_cut_hint
from engine.yamlcompose import (
    ALLOWED_TAGS,
    BOOL_TAG,
    INT_TAG,
    NULL_TAG,
    STR_TAG,
    Composer,
    YamlProblemError,
    too_deep,
)

if TYPE_CHECKING:
    from engine.yamlsyntax.problem import FileKind

_SURROGATE = re.compile("[\ud800-\udfff]")

_PLAN_KEY = re.compile(r"^(?:rules|conditions)[ \t]*:", re.MULTILINE)
"""A line that starts a plan's ``rules:`` or ``conditions:``, which no plan-test file has."""
_CASES_KEY = re.compile(r"^cases[ \t]*:", re.MULTILINE)
"""A line that starts a plan-test file's ``cases:``, which no plan has."""


def kind_written(text: str, meant: FileKind) -> FileKind:
    """What a file given as ``meant`` is written as, for a YAML syntax error's hint: a plan (a
    top-level ``rules:`` or ``conditions:``, no ``cases:``), a plan-test file (``cases:``, no
    ``rules:`` or ``conditions:``), else ``meant``. A plan given to ``test`` in place of its
    tests, or its tests given as the plan, with a syntax error, had been hinted with the keys
    of the kind its reader meant, `cases:` in a plan or `then:` in a test file (found by
    review); read whole, each is told it is the other kind of file."""
    plan = _PLAN_KEY.search(text) is not None
    cases = _CASES_KEY.search(text) is not None
    if plan != cases:
        return "plan" if plan else "plan-test"
    return meant


def _short_tag(tag: str) -> str:
    """A tag as a message names it (``!!python/object``), at most
    :data:`~engine.slips.QUOTED_AT_MOST` characters of it (:func:`~engine.slips.as_written`)."""
    shown = "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag
    return as_written(shown)


_ITEM_NAMES = {"rules": "rule", "cases": "case", "then": "action", "prevent": "action"}
"""What an item of these lists is called, for a key that starts one twice."""


_SHOWN_DIGITS = 40
"""How much of a number too large a message shows before it says how long it is."""


class _NumberRefusedError(YamlProblemError):
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
            f"`{as_written(text)}` is not a finite number",
            node,
            "write an ordinary number such as 10 or 12.5",
        )
        self.value, self.as_read = number, False


class _NumberTooSmallError(_NumberRefusedError):
    """A number other than 0 written so close to it that floating point reads it as 0
    (``1e-400``): kept, it would be 0 without a word, and a message about it would quote
    ``0.0``, a number the manager never wrote. 0 stands in for it."""

    def __init__(self, text: str, node: Node) -> None:
        super().__init__(
            "number-too-small",
            f"`{as_written(text)}` is too close to 0 for a number to hold: it would be read as 0",
            node,
            "write 0 if you mean nothing, or an ordinary number such as 0.5",
        )
        self.value, self.as_read = 0.0, False


def _refusal(path: str, refused: YamlProblemError) -> PlanError:
    """The located error for a problem the composer refused."""
    mark = refused.mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return located_error(
        path, refused.code, refused.message, line, column, refused.hint, refused.pointer
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
    text: str,
    path: str,
    numbers_beside: list[NumberBeside] | None = None,
    kind: FileKind = "plan",
) -> LoadedDocument:
    """Parse one YAML document into plain data plus positions, or raise a located PlanError.

    ``numbers_beside``: where to put the problem of each number a plan cannot hold (a whole
    number too large for JSON output, ``number-too-large``; ``.inf``, ``.nan``,
    ``not-finite``) instead of raising, the number kept in the data as read (or a stand-in),
    so that the plan reader sets aside only the part that holds it (``engine.soundparts``) and
    the rest of the file is checked in the same round. ``kind``: what the file is meant to be
    (its reader knows: a plan, a plan-test file, a case's event file), whose keys a syntax
    error's hint names (a plan's or a plan-test file's as :func:`kind_written` reads the text,
    when the file fails to parse).

    A byte-order mark the text starts with (a file saved with two: its reader removes one) is
    left out before it is parsed: libyaml skips it without counting it, and its marks'
    columns and indexes are of the text without it. Kept, every place read from the text at
    a mark was one character early: a text after an anchor (``title: &Co complaint``) was
    not found, and the file told its schema's errors instead (found by review).
    """
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise located_error(
            path,
            "empty-file",
            "the file holds only comments" if text.strip() else "the file is empty",
            1,
            1,
            _EMPTY_HINT,
        )
    text = text.removeprefix("\ufeff")
    try:
        composer = Composer(text)
    # Only PyYAML's own reader (without libyaml) checks the text when made; libyaml's raises
    # while parsing, below.
    except yaml.reader.ReaderError as exc:  # pragma: no cover
        raise _control_character(path, text, exc) from None
    try:
        too_large: list[_NumberRefusedError] | None = None if numbers_beside is None else []
        with paused_gc():  # hundreds of thousands of objects that all survive: see gcpause
            document = _compose_and_build(composer, text, path, too_large)
        if may_hold_comment(text, path) and (found := comment_in_json(text, path)):
            message, hint = comment_words(found[2], path, text, found[:2])  # parsed, misread
            raise located_error(path, "yaml-syntax", message, found[0], found[1], hint)
        if numbers_beside is not None:
            for number in too_large or ():
                numbers_beside.extend(
                    NumberBeside(problem, number.as_read)
                    for problem in _refusal(path, number).diagnostics
                )
        return document
    except YamlProblemError as refused:
        raise _refusal(path, refused) from None
    except yaml.reader.ReaderError as exc:  # libyaml reports it while parsing, not before
        raise _control_character(path, text, exc) from None
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem):
            # libyaml's own depth limit (PyYAML 6.0.4 and later) can trip before ours.
            raise _refusal(path, too_deep(mark=exc.problem_mark)) from None
        from engine.yamlsyntax import explain_syntax_error  # only for a file that fails to parse

        written = kind if kind == "event" else kind_written(text, kind)  # (read only here)
        message, hint, mark = explain_syntax_error(exc, text, written)
        line, column = _place_in(text, mark)
        raise located_error(
            path, "yaml-syntax", f"YAML syntax error: {message}", line, column, hint
        ) from None
    except yaml.YAMLError as exc:
        # libyaml raises only the errors above (a reader's, or one with its marks): none of
        # the inputs tried reached this (a byte-order mark, control characters, `%YAML 2.0`,
        # tags, aliases, anchors, merge keys, documents, nesting, tabs, surrogates, empty
        # keys, and small random changes to the starter plan); kept for a parser that would.
        raise located_error(path, "yaml-syntax", f"YAML error: {exc}", 1, 1, "") from None
    finally:
        composer.dispose()


def _place_in(text: str, mark: Any) -> tuple[int, int]:
    """The line and column (from 1) a YAML syntax error is told at, on a line of ``text``
    ((0, 0) when the parser gave no place).

    At the end of a file whose last line has no line break after it, libyaml (the parser
    used) puts its mark at the start of a line after it, as if the break were there:
    `rules: {a: b` without its `}` was told at line 3 of a 2-line file, a line no editor goes
    to. The end of the last line is where the text ends, and where the `}` goes."""
    if mark is None:  # pragma: no cover - libyaml marks each error it raises
        return 0, 0
    lines = YAML_LINE_BREAK.split(text)
    if mark.line < len(lines):
        return mark.line + 1, mark.column + 1
    return len(lines), len(lines[-1]) + 1


def _compose_and_build(
    composer: Composer, text: str, path: str, too_large: list[_NumberRefusedError] | None
) -> LoadedDocument:
    node = composer.get_single_node()
    if node is None:  # only a byte-order mark, `...` or directives: no document at all
        raise YamlProblemError("empty-file", "the file is empty", None, _EMPTY_HINT)
    _measure(node)
    builder = _Builder(too_large, text)
    data = builder.build(node, "")
    if builder.anchored:  # nearly never: a plain text written after an anchor
        slips = [_anchor_slip(path, text, *found) for found in _anchored_texts(builder.anchored)]
        if slips:
            raise PlanError(slips)
    return LoadedDocument(path, data, builder.positions, builder.key_positions)


def _anchored_texts(anchored: dict[int, _Anchored]) -> list[tuple[ScalarNode, str]]:
    """The plain text values that start with an anchor no alias uses, and their pointers:
    ``title: &Co complaint`` is the title "complaint", named ``Co``, and the writer meant the
    text "&Co complaint". An anchor that is meant names a mapping or a list and is used
    (``*base``); one on a text that nothing uses is the slip. The builder meets a node once
    more for each alias that uses it (``_Builder.anchored``)."""
    return [(found.node, found.pointer) for found in anchored.values() if found.uses == 1]


@dataclass(slots=True)
class _Anchored:
    """A plain text written after an anchor on its line, and how often the builder met it."""

    node: ScalarNode
    pointer: str
    uses: int = 1


_ANCHOR = re.compile(r"&[^\s,\[\]{}]*")
"""An anchor as written: `&` and its name."""
_ANCHOR_THEN_TEXT = re.compile(r"&[^\s,\[\]{}]*[ \t]+[^\s#]")
"""An anchor with text after it on its own line."""


def _key_before(pointer: str) -> str:
    """``message: ``, the key a value at ``pointer`` is written after, for a hint that shows it
    mended; "" for a list's item."""
    tokens = pointer_tokens(pointer)
    return f"{tokens[-1]}: " if tokens and not tokens[-1].isdigit() else ""


def _anchor_slip(path: str, text: str, node: ScalarNode, pointer: str) -> Diagnostic:
    """The problem of a text that starts with an anchor (``title: &Co complaint``), at the `&`,
    with the whole text in quotes as its fix."""
    from engine.slips import quoted  # only for a message

    start = node.start_mark
    anchor = _ANCHOR.match(text, start.index)
    name = anchor[0] if anchor is not None else "&"
    meant = f"{name} {node.value}"
    key = _key_before(pointer)
    location = SourceLocation(path, start.line + 1, start.column + 1, pointer)
    return Diagnostic(
        Severity.ERROR,
        "text-read-as-anchor",
        f"`{as_written(name)}` was read as a YAML anchor (a name for the value after it), not as "
        f"text: the text is only `{as_written(node.value)}`",
        location,
        f"put the whole text in quotes: `{key}{quoted(meant)}`",
    )


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
    below: str = ""
    """The comment lines right below the value, indented deeper than its key, joined by
    spaces: where its text would go on, had a line not started with a `#`."""


def plain_texts(text: str, pointers: Iterable[str]) -> dict[str, PlainText]:
    """The text values at ``pointers`` in a plan file's text that are written plain.

    Comments and how a value is written are not data: the plan model does not keep them, so
    this parses the text again (only a node tree, never built into data). Empty when the text
    is not YAML the careful loader takes (a file changed since it was read, say).
    """
    try:
        composer = Composer(text)
    except yaml.YAMLError:  # pragma: no cover - a control character PyYAML's own reader refuses
        return {}
    try:
        with paused_gc():  # a node per value, all kept: see gcpause (7.5 s to 2.5 s at 5 MB)
            root = composer.get_single_node()
    except (yaml.YAMLError, YamlProblemError):
        return {}
    finally:
        composer.dispose()
    lines: list[str] | None = None
    found: dict[str, PlainText] = {}
    for pointer in pointers:
        key, node = _entry_at(root, pointer)
        if not isinstance(node, ScalarNode) or node.style or node.tag != STR_TAG:
            continue  # quoted (style '"' or "'") or a block ('|', '>'); plain is '' or None
        lines = lines if lines is not None else YAML_LINE_BREAK.split(text)
        end = node.end_mark
        after = lines[end.line][end.column :] if end.line < len(lines) else ""
        indent = key.start_mark.column if key is not None else node.start_mark.column - 1
        below = "" if after.strip() else _comment_below(lines[end.line + 1 :], indent)
        start = node.start_mark
        found[pointer] = PlainText(node.value, start.line + 1, start.column + 1, after, below)
    return found


def _comment_below(lines: list[str], indent: int) -> str:
    """The comment lines that open ``lines``, while indented deeper than ``indent`` (the
    value's key), joined by spaces.

    Such a line is where a plain value's text goes on (``Call the store`` then ``#12 first``):
    YAML reads it as a comment and ends the value. A comment at the key's own level, or less,
    is a remark before the next key, not part of the text.
    """
    comments: list[str] = []
    for line in lines:
        text = line.lstrip(" ")
        if not text.startswith("#") or len(line) - len(text) <= indent:
            break
        comments.append(text.rstrip())
    return " ".join(comments)


def _entry_at(root: Node | None, pointer: str) -> tuple[Node | None, Node | None]:
    """The node at a JSON pointer (or None), and the key it is under when its holder is a
    mapping (else None)."""
    node, key = root, None
    for token in pointer_tokens(pointer):
        key = None
        if isinstance(node, SequenceNode):
            index = int(token) if token.isdigit() else len(node.value)
            node = node.value[index] if index < len(node.value) else None
        elif isinstance(node, MappingNode):
            key, node = next(((k, v) for k, v in node.value if k.value == token), (None, None))
        else:
            return None, None
    return key, node


def _control_character(path: str, text: str, exc: yaml.reader.ReaderError) -> PlanError:
    # Found in the text, whatever the reader said: libyaml's position counts UTF-8 bytes, so
    # after an `é` it placed the character too far on, once past the end of the file (found
    # by review); it reads the text in order, so the first refused character is the one.
    offset = next((i for i, c in enumerate(text) if _is_refused(c)), None)
    if offset is not None:
        character = ord(text[offset])
    else:  # pragma: no cover - not found (cannot happen with YAML's reader): what it said
        offset = min(exc.position, len(text))
        character = exc.character if isinstance(exc.character, int) else 0
    line, column = place_after(text[:offset])
    return located_error(
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
    values, and a 1 MB one for a gigabyte of text (a thousand aliases to one long text). Sizes,
    heights and lengths are computed once per distinct node (memoised), so this costs time
    proportional to the file, not to its expansion.
    """
    _Measure().visit(root, 0)


class _Measure:
    """The walk of :func:`_measure`: each distinct node is measured once; each later use of it
    (an alias) charges what it repeats to the budgets of values and of text."""

    def __init__(self) -> None:
        self.measured: dict[int, tuple[int, int, int]] = {}
        """id(node) -> (values when expanded, height, characters of its keys and scalars)."""
        self.open_nodes: set[int] = set()
        self.repeated = 0
        """Values added by aliases: each use of an already-seen node adds its size."""
        self.repeated_chars = 0
        """Characters of text added by aliases, likewise: a long text is one value."""

    def visit(self, node: Node, depth: int) -> tuple[int, int, int]:
        """The node's (values, height, characters), refusing it past a budget."""
        if id(node) in self.open_nodes:
            raise YamlProblemError("yaml-recursive", "a YAML alias refers to itself", node)
        known = self.measured.get(id(node))
        if known is not None:
            self._charge(node, known)
            if depth + known[1] > MAX_DEPTH:
                raise too_deep(node)
            return known
        # The composer refuses a node this deep first (Composer.descend_resolver counts from 1
        # at the top, this from 0); a node met again through an alias is measured above.
        if depth > MAX_DEPTH:  # pragma: no cover
            raise too_deep(node)
        if isinstance(node, ScalarNode):
            measured = (1, 0, len(node.value))
        else:
            measured = self._collection(node, depth)
        self.measured[id(node)] = measured
        return measured

    def _collection(self, node: Node, depth: int) -> tuple[int, int, int]:
        """A list's or mapping's measure: its own value, its children's, its keys' text."""
        size, height, chars = 1, 0, 0
        self.open_nodes.add(id(node))
        if isinstance(node, SequenceNode):
            children = node.value
        else:
            children = [v for _, v in node.value]
            for key, _ in node.value:
                if isinstance(key, ScalarNode):  # a key's text is repeated with its mapping
                    chars += self.visit(key, depth + 1)[2]
        for child in children:
            child_size, child_height, child_chars = self.visit(child, depth + 1)
            size += child_size
            height = max(height, child_height + 1)
            chars += child_chars
        self.open_nodes.discard(id(node))
        if size > MAX_NODES:
            raise YamlProblemError(
                "yaml-too-large",
                f"the file holds more than {MAX_NODES:,} values",
                node,
                "split the plan into several files in one folder",
            )
        return size, height, chars

    def _charge(self, node: Node, known: tuple[int, int, int]) -> None:
        """Count one more use of a node already measured: an alias repeats all it holds."""
        self.repeated += known[0]
        self.repeated_chars += known[2]
        if self.repeated > MAX_ALIAS_VALUES:
            added = f"{MAX_ALIAS_VALUES:,} values"
            hint = "remove the YAML anchors and aliases (`&name`, `*name`); use named conditions instead"
        elif self.repeated_chars > MAX_ALIAS_CHARS:
            added = f"{MAX_ALIAS_CHARS // 1_048_576} MiB of text"
            hint = "shorten the long text the aliases repeat, or use it in fewer places"
        else:
            return
        raise YamlProblemError(
            "yaml-too-large",
            f"the YAML aliases (`*name`) in the file expand to more than {added}",
            node,
            hint,
        )


def _text(node: ScalarNode) -> str:
    """A text scalar, refused if an escape made half a character (no UTF-8 form exists)."""
    value: str = node.value
    # libyaml refuses such an escape itself (a syntax error); PyYAML's own parser keeps it.
    if not value.isascii() and _SURROGATE.search(value):  # pragma: no cover
        raise YamlProblemError(
            "yaml-scalar",
            "the text holds a `\\u` escape for half a character (a lone surrogate)",
            node,
            "write the character itself, or the whole character as one escape such as "
            "`\\U0001F600`",
        )
    return value


def _tag_hint(node: Node, pointer: str) -> str:
    """How to mend a tag: for a word after a `!` that starts a plain text
    (``message: !important call``, or ``!important`` alone), the whole text in quotes, which
    "remove the tag" would have cut short; else the tag's removal."""
    written = node.tag.startswith("!") and not node.tag.startswith("!!")  # a local tag: `!word`
    if not (written and isinstance(node, ScalarNode) and not node.style):
        return "remove the tag; plans hold only text, numbers, true/false, lists and mappings"
    from engine.slips import quoted  # only for a message

    key = _key_before(pointer)
    return (
        "for text that starts with `!`, put the whole text in quotes: "
        f"`{key}{quoted(f'{node.tag} {node.value}'.rstrip())}`; YAML reads a `!` that starts a value as "
        "a tag"
    )


def _tag_refused(node: Node, pointer: str, hint: str) -> YamlProblemError:
    """The refusal of a tag that is not one of YAML's own for plain data (``yaml-tag``), at
    the tagged value or key; ``pointer`` is the value's own, or a key's mapping's (a JSON
    pointer cannot name a key)."""
    tagged = YamlProblemError(
        "yaml-tag", f"the YAML tag `{_short_tag(node.tag)}` is not allowed in a plan", node, hint
    )
    tagged.pointer = pointer
    return tagged


class _Builder:
    """Turns composed nodes into data, recording positions and enforcing the budgets."""

    def __init__(self, too_large: list[_NumberRefusedError] | None = None, text: str = "") -> None:
        self.positions: dict[str, tuple[int, int]] = {}
        self.key_positions: dict[str, tuple[int, int]] = {}
        self.too_large = too_large
        """Where whole numbers too large are kept (each read as it is), when they are not to
        stop the reading."""
        self.text = text
        self.anchored: dict[int, _Anchored] = {}
        """The plain texts written after an anchor on its line (``title: &Co complaint``), by
        node, each with how often it was met: once more for each alias that uses it."""

    def build(self, node: Node, pointer: str) -> Any:
        """The data of ``node``, at ``pointer``. A graph too large or too deep, or with an alias
        of itself, was refused by :func:`_measure` before: the builder's own checks of them (its
        count of values, depth and stack of nodes) could not be reached, and were removed."""
        # Each pointer is built once: a key written twice is refused before its value is built.
        self.positions[pointer] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in ALLOWED_TAGS:
            raise _tag_refused(node, pointer, _tag_hint(node, pointer))
        if isinstance(node, ScalarNode):
            if (
                not node.style
                and self.text[node.start_mark.index : node.start_mark.index + 1] == "&"
            ):
                self._note_anchored(node, pointer)  # a plain value starts at its anchor, if any
            try:
                return self._scalar(node)
            except YamlProblemError as bad_scalar:
                bad_scalar.pointer = pointer
                if self.too_large is None or not isinstance(bad_scalar, _NumberRefusedError):
                    raise
                self.too_large.append(bad_scalar)
                return bad_scalar.value
        if isinstance(node, SequenceNode):
            return [
                self.build(item, join_pointer(pointer, index))
                for index, item in enumerate(node.value)
            ]
        assert isinstance(node, MappingNode)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if id(key_node) in self.anchored:  # a text named by an anchor, used as a key
                self.anchored[id(key_node)].uses += 1
            key = self._key(key_node, pointer)
            child = join_pointer(pointer, key)
            if key in result:
                first = self.key_positions.get(child, (0, 0))
                message = ""
                starts_an_item = re.search(r"/\d+$", pointer) and next(iter(result)) == key
                if starts_an_item:
                    hint = (
                        f"if it starts another {_ITEM_NAMES.get(pointer.split('/')[-2], 'item')}, "
                        f"write `- {as_written(key)}:` there; otherwise keep one of them"
                    )
                elif isinstance(value_node, (SequenceNode, MappingNode)) and value_node.value:
                    parts = "items" if isinstance(value_node, SequenceNode) else "keys"
                    hint = (  # a second `rules:` appended: both halves are wanted
                        f"move the {parts} under this `{as_written(key)}:` to the first one "
                        f"(line {first[0]}), and remove this line; YAML would keep only this one"
                    )
                elif node.flow_style and (told := self._numbers_cut(node, key)):
                    message, hint = told
                else:
                    hint = "keep one of them; YAML would silently use only the last"
                duplicate = YamlProblemError(
                    "duplicate-key",
                    message or _written_twice(key, node, first[0]),
                    key_node,
                    hint,
                )
                duplicate.pointer = child
                raise duplicate
            self.key_positions[child] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, child)
        return result

    def _numbers_cut(self, node: MappingNode, key: str) -> tuple[str, str] | None:
        """For a key ``key`` without a value written a second time in braces, where each time
        a comma cut it off a number (``5`` of ``{lte: 1,5, gte: 0,5}``, ``000`` of ``{amount:
        €1,000,000}``): what is wrong and the numbers as a plan writes them, every number a
        comma cut in the braces (before and after: this error stops the reading). It had been
        told as a key written twice, hinted "keep one of them", where ``{lte: 1,5}`` is told as
        a decimal comma; and then ``{lte: 1,5, gte: 0,5, eq: 2,5}`` was told of its first two
        numbers only. One number cut into the same key twice had been hinted by a rule of its
        own, which named neither the number to write nor where the currency is set (found by
        review). None for any other key."""
        cuts = self._cut_numbers(node)
        if sum(digits.count(key) for _, _, digits, _ in cuts) < 2:
            return None
        numbers = [(holder, ",".join([number, *digits])) for holder, number, digits, _ in cuts]
        hint = numbers_cut_hint(numbers, [written for _, _, _, written in cuts])
        from engine.wording import join_words, list_names  # only for a plan refused

        # each list cut as long lists are cut (60 numbers had made a message of 2 KB; found
        # by review): the hint still writes every number
        said = join_words([f"`{as_written(h)}: {as_written(w)}`" for h, _, _, w in cuts])
        read = list_names([f"`{as_written(h)}: {as_written(n)}`" for h, n, _, _ in cuts])
        counts = Counter(part for _, _, digits, _ in cuts for part in digits)  # in order written
        times = {**_TIMES, 1: " once"} if len(counts) > 1 else _TIMES  # not `25` and `5` twice
        keys = [f"`{as_written(part)}`{times.get(n, f' {n} times')}" for part, n in counts.items()]
        return (
            f"{said} {'was' if len(cuts) == 1 else 'were'} read as {read} and the "
            f"key{'s' if len(keys) > 1 else ''} "
            f"{join_words(keys)}: in braces, a comma ends a value",
            hint,
        )

    def _cut_numbers(self, node: MappingNode) -> list[tuple[str, str, list[str], str]]:
        """Each number a comma cut in a mapping in braces, in order (:func:`numbers_cut`, the
        rule the schema's hints follow too): the key that holds it, the number as written,
        the keys of digits without values after it, each the digits after a comma
        (``lte: 1,5`` is ``lte: 1`` and a key ``5``), and the whole number as the file writes
        it, blanks after its commas kept (``1, 000, 000``: it had been quoted ``1,000,000``,
        found by review)."""
        pairs = node.value
        return [
            (
                str(_key_text(pairs[at][0])),
                self._written(pairs[at][1]),
                digits,
                self._cut_written(  # its own keys sliced, not the rest of the mapping each
                    # time (80,000 numbers had taken over a minute: found by review)
                    pairs[at][1],
                    [key for key, _ in pairs[at + 1 : at + 1 + len(digits)]],
                ),
            )
            for at, digits in self._numbers_cut_at(node)
        ]

    def _cut_written(self, value: Node, cut_off: list[Node]) -> str:
        """A number cut at its commas, as written: its first part, then each comma with the
        blanks around it and the digits after it (the keys ``cut_off``, without the quotes a
        key may be written in: `1,"5"` is the number `1,5`)."""
        parts, end = [self._written(value)], value.end_mark.index
        for key in cut_off:
            parts.append(f"{self.text[end : key.start_mark.index]}{_key_text(key)}")
            end = key.end_mark.index
        return "".join(parts)

    def _numbers_cut_at(self, node: MappingNode) -> list[tuple[int, list[str]]]:
        """:func:`numbers_cut` of a mapping in braces, read from its nodes: the place of each
        key holding a number a comma cut, and the keys of its digits."""
        pairs = node.value
        return numbers_cut(
            [(_key_text(key), self._as_read(value)) for key, value in pairs],
            lambda at: isinstance(pairs[at][1], ScalarNode) and not pairs[at][1].style,
            lambda at: not colon_after(self.text, pairs[at][0].end_mark.index),
        )

    def _as_read(self, node: Node) -> Any:
        """A value of a mapping in braces as it is read (None for one left out), before it is
        built: the rest of the mapping after a key written twice is not built. A scalar that
        cannot be read is its text; a list or mapping the node itself (no number)."""
        if not isinstance(node, ScalarNode):
            return node
        try:
            return self._scalar(node)
        except _NumberRefusedError as refused:
            return refused.value
        except YamlProblemError:
            return node.value

    def _written(self, node: Node) -> str:
        """A scalar as it is written in the file."""
        return self.text[node.start_mark.index : node.end_mark.index]

    def _key(self, node: Node, pointer: str) -> str:
        """The text of a key of the mapping at ``pointer``. A key is refused a tag as a value is:
        `!!python/object/apply:os.system rules:` had been the key `rules`, and the plan valid."""
        if node.tag not in ALLOWED_TAGS:
            raise _tag_refused(node, pointer, _tag_hint(node, ""))  # no key is written before it
        if not isinstance(node, ScalarNode) or not isinstance(node.value, str):
            raise YamlProblemError("yaml-key", "a mapping key must be plain text", node)
        if node.value == "":  # left out, or in quotes (`"": 1`): either way no name
            raise YamlProblemError(
                "yaml-key", "a mapping key is empty", node, "write the key's name before its `:`"
            )
        return _text(node)

    def _note_anchored(self, node: ScalarNode, pointer: str) -> None:
        known = self.anchored.get(id(node))
        if known is not None:
            known.uses += 1
        elif node.tag == STR_TAG and _ANCHOR_THEN_TEXT.match(self.text, node.start_mark.index):
            self.anchored[id(node)] = _Anchored(node, pointer)

    def _scalar(self, node: ScalarNode) -> Any:
        value = node.value
        tag = node.tag
        try:
            if tag == STR_TAG:
                return _text(node)
            if tag == BOOL_TAG:
                return value.lower() == "true"
            if tag == NULL_TAG:
                return None
            if tag == INT_TAG:
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
            raise YamlProblemError(
                "yaml-scalar", f"`{as_written(value)}` is not a valid {_short_tag(tag)}", node
            ) from None
        if not math.isfinite(number):
            raise _NotFiniteError(value, number, node)
        if not number and _NONZERO_DIGITS.search(value.lower().partition("e")[0]):
            raise _NumberTooSmallError(value, node)
        return number


_NONZERO_DIGITS = re.compile(r"[1-9]")
"""In a float's digits before its exponent: the number written is not 0."""


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


def _written_twice(key: str, node: MappingNode, first: int) -> str:
    """What is said of a key written more than once in a mapping: twice, and the first one's
    line; or how many times, and on which lines, cut as long lists are cut (``join_words``).
    A key written 60 times had been said to appear "twice" (found by review). A line that
    holds it more than once (a plan written on one line, as JSON often is) is named once, with
    the columns: it had been "on lines 1, 1 and 1" (found by review)."""
    marks = [k.start_mark for k, _ in node.value if _key_text(k) == key]
    if len(marks) <= 2:  # (or written once as text and once otherwise: `1` and `"1"`)
        return f"the key `{as_written(key)}` appears twice in this mapping (first on line {first})"
    from engine.wording import join_words  # only for a plan refused: not at start-up

    columns: dict[int, list[str]] = {}  # each line's columns, lines in the order written
    for mark in marks:
        columns.setdefault(mark.line + 1, []).append(str(mark.column + 1))
    lines = [
        f"{line} (columns {join_words(at)})" if len(at) > 1 else str(line)
        for line, at in columns.items()
    ]
    return (
        f"the key `{as_written(key)}` appears {len(marks):,} times in this mapping, on "
        f"line{'s' if len(lines) > 1 else ''} {join_words(lines)}"
    )


def _key_text(node: Node) -> str | None:
    """A key's text, before it is checked (None for a key that is no text)."""
    value = node.value if isinstance(node, ScalarNode) else None
    return value if isinstance(value, str) else None


_TIMES = {1: "", 2: " twice", 3: " three times", 4: " four times", 5: " five times"}
"""How often a key cut off numbers is said to be written, after it (more: ``6 times``); among
other keys, one written once is said ``once``: "the keys `25` and `5` twice" had read as if
`25` were written twice too (found by review)."""
