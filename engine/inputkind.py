"""What an input is, told from its first bytes before it is read as events or decisions.

The commands that read inputs (``eval``, ``explain``, ``report``) are given files by people,
and the wrong file is easy to give: a plan file with ``--plan`` left out, a log still
compressed, an empty export, or the very file the answers go to. Read line by line, each would
come out as one record per line, or as nothing at all, with no word of what the file is. Here
such an input is named for what it is, with the command meant, in a note the command says;
and a folder given to ``test`` as a test file, with the files to give instead; a folder of
events given to ``report``, with the globs eval takes them by (:func:`event_globs`), and
several files named as a shell takes them (:func:`shell_files`).

Only what can be read again is looked at: the first :data:`HEAD_BYTES` of a regular file, or
of standard input redirected from one. A pipe is read as it comes (what was read to look at it
would be lost); eval tells one written in YAML, or a plan, once it has read it, from the first
bytes it read (:class:`HeadKept`). Nothing here writes or exits: each function returns the
note, or the name, for the command to say.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any, Literal

from engine.blockreader import BlockReader

HEAD_BYTES = 8192
"""How much of an input is looked at to tell what it is: a shorter head is the whole file."""


def head(stream: IO[bytes]) -> bytes:
    """The first :data:`HEAD_BYTES` of a seekable stream, which is left where it was."""
    start = stream.tell()
    first = stream.read(HEAD_BYTES)
    stream.seek(start)
    return first


def regular_file(where: Any) -> tuple[int, int] | None:
    """The device and inode of a regular file (``where``: its path, or a stream on it); None
    for anything else (a pipe, a terminal, a stream without a file, no file at all)."""
    with contextlib.suppress(AttributeError, ValueError, OSError):
        found = os.stat(where if isinstance(where, str) else where.fileno())
        if stat.S_ISREG(found.st_mode):
            return found.st_dev, found.st_ino
    return None


def output_among(files: Sequence[str], stdin: Any, stdout: Any) -> str | None:
    """The input among ``files`` (``-``: ``stdin``) that is the regular file ``stdout`` writes
    to, as it was given; None when there is none (the output is no file, or another one).

    ``eval e.jsonl >> e.jsonl`` (or ``< e.jsonl``) would read each answer back as an event,
    and the file grow until the disk is full (GNU cat refuses the same: "input file is output
    file"), so the command refuses it before any answer is written."""
    output = regular_file(stdout)
    if output is None:
        return None
    for name in files:
        if regular_file(stdin if name == "-" else name) == output:
            return name
    return None


_YAML_START = rb"(?:\xef\xbb\xbf)?(?:(?:[ \t]*|%[^\n]*|---[ \t]*)(?:#[^\n]*)?\r?\n)*"
"""What may come before a YAML file's first key: a byte-order mark, then blank lines, comments,
YAML's `---` (a comment after it too) and directives (`%YAML 1.2`); one pattern for a plan's
start (:data:`YAML_TOP_KEY`) and an event's (:data:`_YAML_KEY_LINE`), so both read a file's
start alike."""

YAML_TOP_KEY = re.compile(
    _YAML_START + rb"(backplan|plan|rules|conditions|cases|description)[ \t]*:"
)
"""The start of a plan or plan-test file: comments, blank lines, YAML's `---` and directives
(`%YAML 1.2`), then a top-level key of one (a JSON event starts with `{`, `[` or a number...
never with such a word). A file opened with `---`, or a test file with its `description:`
first, had been read as events (found by review)."""


READ = {
    "eval": ("events", "nothing was decided", "EVENTS.json"),
    "explain": ("events", "nothing was explained", "EVENTS.json"),
    "report": ("decisions", "nothing was reported", "DECISIONS.jsonl"),
    "compare": ("decisions", "nothing was compared", "BEFORE.jsonl AFTER.jsonl"),
}
"""What each command that reads inputs reads, what a plan file given as one stops, and the
input its hint names: (what, done, given)."""


def plan_file_among(files: Sequence[str], stdin: IO[bytes] | None, command: str) -> str | None:
    """What the first plan or plan-test file among ``files`` (``-``: ``stdin``, None when it
    is closed) is, and the command meant, for ``command`` to refuse it before any answer is
    written; None when none is.

    Most often it is ``--plan`` left out (``backplan eval my-plan.yaml complaints.jsonl``):
    the command went on to decide the other files with the starter plan, not the manager's,
    and those decisions looked like any others, with only a line on standard error to say
    so, while the plan's own lines came out as one `bad-json` record each. A plan file holds
    no event, so refusing it loses none; only a file that can be read again is looked at (a
    pipe, named or not, is read as events: what was read to look would be lost)."""
    from engine.errors import shown_path

    for name in files:
        if name == "-":
            if stdin is None or not stdin.seekable():
                continue
            note = plan_file_note(head(stdin), "<stdin>", command)
        elif regular_file(name) is None:  # a pipe (`<(zcat ...)`) would lose what is read
            continue
        else:
            try:
                with Path(name).open("rb") as handle:
                    note = plan_file_note(head(handle), shown_path(name), command)
            except OSError:  # said when the file is read, in its turn
                continue
        if note is not None:
            return note
    return None


def yaml_kind(start: bytes) -> Literal["plan", "tests"] | None:
    """Whether a file starting with ``start`` is a plan file (``plan``) or a plan-test file
    (``tests``: a top-level ``cases:`` in it); None for anything else."""
    if YAML_TOP_KEY.match(start) is None:
        return None
    return "tests" if re.search(rb"^cases[ \t]*:", start, re.MULTILINE) else "plan"


def plan_file_note(start: bytes, source: str, command: str) -> str | None:
    """What a plan or plan-test file is, and the command meant, when ``start`` starts one."""
    kind = yaml_kind(start)
    if kind is None:
        return None
    named = shell_word(_named(source))  # `my plan.yaml` as a shell takes it (found by review)
    what, done, given = READ[command]
    if kind == "tests":
        return (
            f"{source} is a plan-test file (YAML), not {what}, so {done}: "
            f"run it with `backplan test {named}`"
        )
    if command == "compare":  # no --plan: the plan makes one side's decisions first
        return (
            f"{source} is a plan file (YAML), not {what}, so {done}: decide the same events "
            f"with each version first, such as `backplan eval --plan {named} EVENTS.jsonl > "
            f"AFTER.jsonl`, then `backplan {command} {given}`"
        )
    return (
        f"{source} is a plan file (YAML), not {what}, so {done}: to use it, "
        f"`backplan {command} --plan {named} {given}`"
    )


MAX_NAMED_FILES = 3
"""Test files a hint names one by one; more are given as the folder's glob, where it can be."""


def test_folder_note(folder: str) -> str:
    """What to give ``backplan test`` instead of a folder: its plan-test files (a glob when
    every YAML file in it is one), or, for a plan's folder, the plan with ``--plan``.
    ``backplan test tests/`` had been told only that the folder "is a directory". Its YAML
    files are those a plan folder reads (:func:`engine.planfile.a_plan_name`, any case: a
    folder of ``.YAML`` files had been said to hold no plan and no test file)."""
    from engine.planfile import a_plan_name  # only for a folder refused

    tests: list[str] = []
    plans: list[str] = []
    others = 0  # YAML files that are neither, such as an event written in YAML
    with contextlib.suppress(OSError):
        for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
            if not a_plan_name(entry.name) or not entry.is_file():
                continue
            kind = None
            with contextlib.suppress(OSError), open(entry.path, "rb") as handle:
                kind = yaml_kind(head(handle))
            if kind is None:
                others += 1
            else:
                (tests if kind == "tests" else plans).append(entry.name)
    shown = os.path.normpath(folder)
    every = not plans and not others and all(name.endswith(".yaml") for name in tests)
    if len(tests) > MAX_NAMED_FILES and every:
        return f"name its test files: `backplan test {shell_word(shown)}/*.yaml`"
    if tests:
        named = [shell_word(os.path.join(shown, name)) for name in tests[:MAX_NAMED_FILES]]
        more = len(tests) - len(named)
        return f"name its test files: `backplan test {' '.join(named)}`" + (
            f" (and {more} more)" if more else ""
        )
    if plans:
        return f"to test the plan in it, `backplan test --plan {shell_word(shown)} TESTS.yaml`"
    return "it holds no plan-test file (a .yaml file with `cases:`): name the test files"


def not_events(stream: IO[bytes], source: str, command: str) -> str | None:
    """That an input's lines are compressed, so none is an event; for ``eval``, that it holds
    no event at all. Its lines are answered all the same (the input is read from where it
    was); only a file that can be read again is looked at here: a pipe is told once read
    (:func:`empty_read_note`, :func:`yaml_read_note`). A plan file was refused before
    (:func:`plan_file_among`)."""
    from engine.inputevent import GZIP_MAGIC

    if not stream.seekable():
        return None
    first = head(stream)
    whole = _whole_text(first)
    if command == "eval" and (empty := _no_event_note(whole, source)):
        return empty
    if first.startswith(GZIP_MAGIC):  # compressed events (a log's)
        how = unzip(source, f"{command} -")
        return f"{source} is compressed (gzip), so its lines are not events: {how}"
    separated = spreadsheet(first, source)
    if separated is not None:
        return f"{source} {spreadsheet_words(separated)}, so its lines are not events: {AS_JSON}"
    return None if whole is None else _yaml_note(whole, source)


def _no_event_note(whole: bytes | None, source: str) -> str | None:
    """That an input whose whole text is ``whole`` (None: longer than its head) holds no
    event, being empty or blank lines only; None for any other."""
    if whole is None or whole.strip():
        return None
    return f"{source} holds no event ({'it is empty' if not whole else 'only blank lines'})"


def empty_read_note(kept: HeadKept, source: str) -> str | None:
    """What :func:`not_events` says of an input that holds no event, said of one that cannot
    be read again once eval has read it: ``: | backplan eval -`` had exited 0 without a word,
    where ``backplan eval - < empty.jsonl`` says the input is empty, so a pipeline whose
    export came out empty looked like one that decided nothing wrong (found by review)."""
    return _no_event_note(_whole_text(bytes(kept.kept)), source)


def yaml_read_note(kept: HeadKept, source: str) -> str | None:
    """What :func:`not_events` says of an input written in YAML, said of one that cannot be
    read again (a pipe, ``cat e.yaml | backplan eval -``) once eval has read it: from what
    eval read of it (:class:`HeadKept`), when that is the whole input. Only files had been
    looked at, so piped YAML had been told only as a `bad-json` record a line (found by
    review)."""
    whole = _whole_text(bytes(kept.kept))
    return None if whole is None else _yaml_note(whole, source)


def plan_read_note(kept: HeadKept, source: str, command: str) -> str | None:
    """What :func:`plan_file_among` says of a plan or plan-test file named as an input, said
    of one down a pipe once ``command`` has read it, from its first bytes (:class:`HeadKept`).
    `cat rules/plan.yaml | backplan eval -` had been told only as a `bad-json` record a line,
    exit 1 as for bad events, where `backplan eval - < rules/plan.yaml` is told what the file
    is, with exit 2 (found by a platform engineer wiring eval into a pipeline)."""
    return plan_file_note(bytes(kept.kept), source, command)


class HeadKept(BlockReader):
    """A stream that cannot be read again (a pipe), read as it is, its first
    :data:`HEAD_BYTES` kept as eval reads them: nothing more is read, and nothing sooner (a
    pipe's events trickling in are answered as they come), so memory grows by
    :data:`HEAD_BYTES` at most. Read a block at a time behind a buffer (:meth:`buffered`), not
    a call a line; its descriptor is the stream's, so a pipe is still told live."""

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__(b"", stream)
        self._fileno = stream.fileno
        self.kept = bytearray()
        """The first bytes read, :data:`HEAD_BYTES` at most."""

    def translate(self, block: bytes, final: bool) -> bytes:
        """The block unchanged, its bytes kept while fewer than :data:`HEAD_BYTES` are."""
        self.kept += block[: HEAD_BYTES - len(self.kept)]
        return block

    def fileno(self) -> int:
        """The stream's descriptor: eval asks it whether the input is a pipe to answer live."""
        return self._fileno()


def _yaml_note(whole: bytes, source: str) -> str | None:
    """What an input whose whole text is ``whole`` is, when it is events written in YAML."""
    found = yaml_event(whole)
    if found is None:
        return None
    as_json, events, said = found
    if events > 1:  # a list of them: its first shown
        return (
            f"{source} is written in YAML, so its lines are not events: an event is a JSON "
            f"object, one a line; the first of its {events} is `{as_json}`{said}"
        )
    return (
        f"{source} is written in YAML, so its lines are not events: an event is a JSON "
        f"object, for this one `{as_json}`{said}"
    )


def _whole_text(first: bytes) -> bytes | None:
    """The text of a file whose first bytes (:func:`head`) are ``first``, as UTF-8 without a
    byte-order mark (eval reads events with it), when they are the whole file; None when
    the file goes on past them."""
    from engine.inputevent import BOM

    return _utf8(first.removeprefix(BOM)) if len(first) < HEAD_BYTES else None


def yaml_event_in(path: str) -> tuple[str, str] | None:
    """The JSON of the (first) event the file at ``path`` holds written in YAML, read as
    :func:`not_events` reads an input (its whole text, UTF-16 too), and what is said of an id
    YAML read as a number (:func:`_number_read`); None for any other file, or one that cannot
    be read. For a folder given where events go
    (``engine.cli``), which had read the file again by a near-copy of its own, UTF-8 only."""
    with contextlib.suppress(OSError), open(path, "rb") as handle:
        whole = _whole_text(head(handle))
        found = None if whole is None else yaml_event(whole)
        return None if found is None else (found[0], found[2])
    return None


def _utf8(text: bytes) -> bytes:
    """``text`` as UTF-8, as eval reads it: a file saved as UTF-16 (Windows PowerShell 5.1's
    ``Out-File``, ``>``) is an event written in YAML all the same, which had been told only
    as a `bad-json` record a line (found by review), and blank all the same. Text that is no
    UTF-16 is left as it is (:func:`yaml_event` finds no event in it, and its zero bytes or
    byte-order mark are no blanks). Decoded once, for both: eval's note of a file of blank
    lines had decoded it again, apart."""
    from engine.utf16 import wide_encoding

    wide = wide_encoding(text)
    if wide is None:
        return text
    try:
        return text.decode(wide).encode()
    except UnicodeError:
        return text


_YAML_KEY_LINE = re.compile(_YAML_START + rb"(?:-[ \t]+)?[A-Za-z_][\w.-]*[ \t]*:(?:[ \t]|\r?\n)")
"""A file whose first line (after blanks, comments and the ``---`` that starts a YAML
document, which Ruby's ``to_yaml`` and many editors write, and a directive before it,
``%YAML 1.2``) is a YAML key, ``id: e1``, or a list's first item of keys, ``- id: e1``:
JSON's first line is never one (a key of JSON is in quotes, inside braces). An event after
``---`` had been told as a `bad-json` record a line (found by review), and one after ``---
# a comment`` still was: its start had been written again, short of a plan's (found by
review)."""

MAX_SHOWN_JSON = 300
"""The longest JSON of an event written in YAML that :func:`not_events` shows whole."""


def yaml_event(text: bytes) -> tuple[str, int, str] | None:
    """The JSON of the event a short file written in YAML holds (``id: e1`` then ``type:
    review``...), compact, and how many events it holds; or None when ``text`` is no such
    file: its first line no YAML key, its YAML no mapping with a ``type`` or an ``id`` (nor a
    list of them), or no JSON.
    Each of its lines had been its own `bad-json` record, each telling of a key not in double
    quotes, and nothing said the file is YAML (found by review). Longer JSON is cut (``…``).
    A list of events (``- id: e1``...) is told by its first, with how many it holds: it had
    been told as a `bad-json` record a line (found by review)."""
    if _YAML_KEY_LINE.match(text) is None:
        return None
    import orjson

    from engine.errors import PlanError
    from engine.loading import load_yaml
    from engine.wording import clip

    try:  # read as a plan test's event file is: YAML 1.2, its times kept as written
        yaml = text.decode("utf-8")
        read = load_yaml(yaml, "", kind="event")
        value = read.data
        written = orjson.dumps(value).decode()
    except (PlanError, orjson.JSONEncodeError, UnicodeDecodeError):
        return None
    events = value if isinstance(value, list) else [value]
    if not events or not all(_yaml_events_mapping(event) for event in events):
        return None
    if events is value:
        written = orjson.dumps(events[0]).decode()
    shown = "/0/" if events is value else "/"  # (its first event's values)
    said = _number_read(yaml, read.positions, read.data, shown)
    return clip(written, MAX_SHOWN_JSON), len(events), said


_NUMBER_WRITTEN = re.compile(r"[-+]?0(?:[0-9]|[xXoO][0-9A-Fa-f])[-+.0-9A-Za-z_]*")
"""A number YAML reads from text that is not its JSON: a leading zero (``007``, which YAML
1.2 reads as 7), or hex and octal (``0x1F``, ``0o17``)."""


def _number_read(yaml: str, positions: dict[str, tuple[int, int]], data: Any, shown: str) -> str:
    """What to say of the first value of the event shown (its pointers start with ``shown``)
    that YAML read as a number from text that is no number's JSON, of an id (:func:`_an_id`),
    ``id: 007``: that it is
    read as the number, and how to keep it as written, in quotes ("" when there is none).
    Shown as its JSON alone, ``{"id":7}``, a manager's id `007` had been told as 7, no word
    of why (found by review). YAML is read as it is: only the words are added."""
    lines = yaml.removeprefix("\ufeff").splitlines()  # (placed in the text without it)
    for pointer, (line, column) in positions.items():
        key = pointer.rpartition("/")[2]
        if not pointer.startswith(shown) or not _an_id(key) or line > len(lines):
            continue
        found = _NUMBER_WRITTEN.match(lines[line - 1], column - 1)
        value = _at(data, pointer)
        if found is None or value.__class__ not in (int, float):
            continue
        key = _unescaped(key)
        return (
            f"; YAML reads `{key}: {found.group()}` as the number {value}: to keep it as "
            f'written, put it in quotes, `{key}: "{found.group()}"`'
        )
    return ""


def _an_id(key: str) -> bool:
    """Whether ``key`` names an id (``id``, ``order_id``): a text, written with its zeros; a
    count or an amount written ``010`` is the number YAML reads, and its JSON says so."""
    return key == "id" or key.endswith("_id")


def _unescaped(part: str) -> str:
    """A part of a JSON pointer as the key it names (``~1`` is ``/``, ``~0`` is ``~``)."""
    return part.replace("~1", "/").replace("~0", "~")


def _at(data: Any, pointer: str) -> Any:
    """The value at a JSON pointer of ``data`` (None when there is none)."""
    for part in pointer.split("/")[1:]:
        part = _unescaped(part)
        if isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        elif isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return None
    return data


def _yaml_events_mapping(value: Any) -> bool:
    """Whether a value read from YAML is an event's mapping: it has a ``type`` or an ``id``."""
    return isinstance(value, dict) and ("type" in value or "id" in value)


def spreadsheet_words(separated: str) -> str:
    """What a CSV input is said to be, by the commands that read events and decisions, its
    values ``separated`` by commas, semicolons (a European Excel's) or tabs."""
    return f"looks like a spreadsheet export (CSV: values between {separated})"


AS_JSON = (
    "Backplan reads complaints as JSON, one object a line (`backplan schema event` lists "
    "their fields); export them as JSON, or JSON lines, instead"
)
"""What to give instead of a CSV export of complaints."""

_HEADER_CELL = re.compile(r'\s*"?[A-Za-z][\w .?()/-]*"?\s*')
"""A column's title in a CSV file's first line: a name, perhaps quoted."""


_SEPARATORS = {",": "commas", ";": "semicolons", "\t": "tabs"}
"""What separates a CSV file's values, and its name in :func:`spreadsheet_words`."""


def spreadsheet(first: bytes, source: str) -> str | None:
    """What separates the values of an input whose first bytes are ``first`` when it is a CSV
    export (Excel's, a form tool's): ``commas``, ``semicolons`` or ``tabs``; None when it is
    none. It is one when named ``.csv`` or ``.tsv``, or when its first line is three or more
    column titles so separated. Each of its lines had been a `bad-json` record, "invalid
    literal, expected 'false'" for a line starting with `f`, with no word of what the file is
    (found by review); an export split by semicolons had been said to be "between commas".
    JSON starts with `{` or `[`, never so. Column titles followed by events
    (:func:`_events_follow`) are a JSON Lines file with a header line, not an export."""
    from engine.utf16 import wide_encoding

    wide = wide_encoding(first)
    text = first.decode(wide or "utf-8", "replace").lstrip("\ufeff \t\r\n")
    line, _, rest = text.partition("\n")
    line = line.rstrip("\r")
    if not line or line.startswith(("{", "[")):
        return None
    mark, cells = _cells(line)
    named = source.lower().endswith((".csv", ".tsv"))
    if named and len(cells) == 1:  # one column: named by its file's ending
        return "tabs" if source.lower().endswith(".tsv") else "commas"
    if named or (_titles(cells) and not _events_follow(rest)):
        return _SEPARATORS[mark]
    return None


def column_titles(line: bytes) -> bool:
    """Whether ``line`` is a spreadsheet's header, three column titles or more between commas,
    semicolons or tabs (``id,type,occurred_at``), as a JSON Lines file's first line may be.
    Told as what it is in its error record: it had been "a word JSON does not know" (found by
    a new user's trial)."""
    return _titles(_cells(line.decode("utf-8", "replace").strip())[1])


def _cells(line: str) -> tuple[str, list[str]]:
    """The separator that parts ``line`` into the most cells, and those cells."""
    return max(((mark, line.split(mark)) for mark in _SEPARATORS), key=lambda split: len(split[1]))


def _titles(cells: list[str]) -> bool:
    """Whether ``cells`` are column titles: three or more, each a word or a few."""
    return len(cells) >= 3 and all(_HEADER_CELL.fullmatch(cell) for cell in cells)


def _events_follow(rest: str) -> bool:
    """Whether the lines after an input's first, ``rest``, go on with a JSON object: its first
    line is then a header of column titles put above JSON Lines (a log tool's, a hand-made
    export's), and the events under it are events. Such a file had been said to be a
    spreadsheet export "so its lines are not events" while every line under the header was
    decided, and the count of its error records was left unsaid (found by a new user's
    trial)."""
    return rest.lstrip("\ufeff \t\r\n").startswith("{")


def unzip(source: str, into: str) -> str:
    """How to give a compressed input to the command ``into`` (its words after ``backplan``,
    standard input among them: ``report -``): the one hint eval, explain, report and compare
    give for it."""
    return f"decompress it on the way in, `zcat {shell_word(_named(source))} | backplan {into}`"


def decide_first(source: str, them: str = "them", into: str = "report -") -> str:
    """How to give ``backplan report`` (or the command ``into``, as :func:`unzip` says it)
    an input of events (``them``: ``it`` for one event): decided first, eval's lines piped
    in."""
    return f"decide {them} first, {eval_into_report(shell_word(_named(source)), into)}"


def eval_into_report(files: str, into: str = "report -") -> str:
    """The command that decides the events of ``files`` (words of a shell's command) and
    gives eval's lines to the report (or the command ``into``): the one each note of events
    given to the report names, written in one place so that the notes cannot drift apart."""
    return f"`backplan eval {files} | backplan {into}`"


EACH_ITEM_OF_AN_ARRAY = """'if type == "array" then .[] else . end'"""
"""The jq program that writes the items of an array one a line, and any other document as it
is: ``'.[]'`` wrote a decision's values beside it, one a line, each told as no decision, and
the values of each event of a file of ``jq .``'s (objects one after another)."""


def one_a_line(source: str, into: str, program: str) -> str:
    """How to give the command ``into`` (as :func:`unzip` says it) JSON that is not one
    document a line (pretty-printed, or an array): one document a line, as ``jq -c`` writes
    them with ``program`` (``.`` each document, ``'.[]'`` an array's items), quoted for the
    shell."""
    return (
        f"write it one a line on the way in, `jq -c {program} {shell_word(_named(source))} | "
        f"backplan {into}`"
    )


def events_one_a_line(source: str, program: str) -> str:
    """The command that writes the events of JSON written over several lines one a line, as
    ``jq -c`` writes them with ``program``, into a file other than ``source``."""
    return f"`jq -c {program} {shell_word(_named(source))} > {events_written(source)}`"


def events_written(source: str) -> str:
    """The file :func:`events_one_a_line` writes the events of ``source`` into."""
    return "events-one-a-line.jsonl" if Path(source).name == "events.jsonl" else "events.jsonl"


def decide_written(source: str, into: str = "report -") -> str:
    """The command that decides the events :func:`events_one_a_line` wrote of ``source``, its
    decisions piped to the report (or the command ``into``)."""
    return eval_into_report(events_written(source), into)


LOOKED_AT = 3
"""How many files of each ending :func:`event_globs` looks at in a folder."""


def event_globs(folder: str, names: Sequence[str]) -> list[str]:
    """The globs of ``folder``'s files of events (``names``: its entries), of ``.json`` then
    ``.jsonl``, as a shell gives them to eval: an ending is named when the first of its files
    (:data:`LOOKED_AT` at most, as the shell's ``*`` orders them) each hold events, told by
    their first line or first document within :data:`HEAD_BYTES`. ``backplan report
    examples/events`` had been told to name its ``.jsonl`` files, which then said they hold
    events to decide first: two steps to the right command (found by review)."""
    globs = []
    for ending in (".json", ".jsonl"):
        files = sorted(_starred(names, ending))
        paths = [os.path.join(folder, name) for name in files[:LOOKED_AT]]
        if paths and all(map(holds_events, paths)):
            globs.append(_glob(folder, ending))
    return globs


def holds_events(path: str) -> bool:
    """Whether the file at ``path`` opens with an event (an object with an ``id`` and a
    ``type``, no ``format``) or a JSON array of them: its first line not blank, else its first
    document, read within :data:`HEAD_BYTES`. The head may end inside a letter written in
    two bytes or more (``é``), which is left out: the head read whole as UTF-8 failed, and a
    folder of `jq .`'s events in French had been told it holds no files of decisions (found
    by review). A file saved as UTF-16 (Windows PowerShell's ``ConvertTo-Json > a.json``),
    which eval decides, is read as its text: it had been told so too (found by review)."""
    import codecs
    import json

    import orjson

    from engine.inputevent import BOM
    from engine.reportlines import an_event
    from engine.utf16 import wide_encoding

    try:
        with open(path, "rb") as handle:
            start = handle.read(HEAD_BYTES)
    except OSError:
        return False
    if (wide := wide_encoding(start)) is not None:  # read as eval reads it (found by review)
        try:
            start = codecs.getincrementaldecoder(wide)().decode(start).encode()
        except UnicodeError:
            return False
    start = start.removeprefix(BOM)
    first = next((line for line in start.splitlines() if line.strip()), b"")
    try:
        document = orjson.loads(first)
    except orjson.JSONDecodeError:
        try:  # the first document over several lines (`jq .`'s); a letter cut at the
            text = codecs.getincrementaldecoder("utf-8")().decode(start)  # head's end is held
            document, _ = json.JSONDecoder().raw_decode(text.lstrip())
        except ValueError:  # (a document cut at HEAD_BYTES too: not told)
            return False
    if document.__class__ is list:
        return bool(document) and all(map(an_event, document))
    return an_event(document)


def shell_files(paths: Sequence[str]) -> str:
    """``paths`` as words of a shell's command, short: the files of a folder as its glob
    (``examples/events/*.json``) where they are all its files of that ending (a hidden one
    is not: the shell's ``*`` leaves it out), else each named, in the order given. Standard
    input (``<stdin>``) is ``FILE``, as each note of one input names it: files of events
    among which it was given had been told one at a time, not once (found by review)."""
    folders: dict[str | None, list[str]] = {}  # (None: standard input's, never a glob)
    for path in paths:
        folders.setdefault(None if path == "<stdin>" else os.path.dirname(path), []).append(path)
    words: list[str] = []
    for folder, inside in folders.items():
        if folder is None:
            words.extend(map(_named, inside))
            continue
        glob = _glob_of(folder, inside)
        words.extend([glob] if glob else [shell_word(path) for path in inside])
    return " ".join(words)


def _glob_of(folder: str, paths: list[str]) -> str | None:
    """The glob of ``folder`` that names ``paths`` (two or more) and no other entry of it, or
    None."""
    endings = {os.path.splitext(path)[1] for path in paths}
    ending = endings.pop() if len(endings) == 1 else ""
    if len(paths) < 2 or not re.fullmatch(r"\.[A-Za-z0-9_]+", ending):
        return None
    try:
        names = set(_starred(os.listdir(folder or "."), ending))
    except OSError:
        return None
    if names != {os.path.basename(path) for path in paths}:
        return None
    return _glob(folder, ending)


def _starred(names: Iterable[str], ending: str) -> list[str]:
    """The ``names`` a shell's ``*ENDING`` takes: those with that ending, none hidden (its
    ``*`` leaves out a name that starts with ``.``). :func:`event_globs` and
    :func:`shell_files` say the same glob, so they take the same files."""
    return [name for name in names if name.endswith(ending) and name[:1] != "."]


def _glob(folder: str, ending: str) -> str:
    """The glob of ``folder``'s files that end with ``ending``, as a word of a shell's
    command (``*.json`` for the current folder, given as ``""``)."""
    return f"{shell_word(folder)}/*{ending}" if folder else f"*{ending}"


def shell_word(path: str) -> str:
    """``path`` as one word of a shell's command (``'my events.json'``) that no command takes
    for an option: a relative path that starts with ``-`` is written ``./-x.json``, which
    ``backplan eval -x.json`` had taken for its option ``-x`` ("No such option") (found by
    review)."""
    return shlex.quote(f"./{path}" if path.startswith("-") else path)


def _named(source: str) -> str:
    """An input as a command in a note can take it: standard input as ``FILE``."""
    return source if source != "<stdin>" else "FILE"
