"""The event of a plan-test case, read as ``backplan eval`` would read it.

A case must never pass on an event eval would refuse, or the tests vouch for what production
rejects. So a JSON event file is read by eval's own reader (:func:`engine.streams.read_events`:
its JSON rules, size and shape limits, error codes and words), and an event written in YAML
(inline in the test file, or a ``.yaml`` event file) is held to eval's limits on an event
(:mod:`engine.limits`); the YAML reader already refuses what JSON cannot hold (NaN, infinity,
whole numbers beyond 64 bits, half a character) as a located problem of its file. An event
eval refuses is not a problem of the test file: it is given with its ``EventError``, and its
case is an error (``E``) with eval's code. What keeps a case from having an event at all (no
such file, a folder, a file with no event or several) is a problem of the test file, located
at the case's ``event_file:``.
"""

from __future__ import annotations

import itertools
import os
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from engine.documents import NOT_A_FILE_OR_FOLDER, LoadedDocument, join_pointer, read_plan_text
from engine.errors import (
    Diagnostic,
    EventError,
    PlanError,
    PlanTestFileError,
    Severity,
    SourceLocation,
    shown_text,
)
from engine.evaluate import key_written_otherwise
from engine.limits import check_event
from engine.loading import load_yaml
from engine.slips import MERGE_KEY, merge_keys
from engine.streams import read_events
from engine.suggest import did_you_mean


def case_event(
    raw: dict[str, Any], folder: Path, document: LoadedDocument, pointer: str
) -> tuple[Any, EventError | None]:
    """The case's event, inline or read from its file, or why eval would refuse it. An inline
    event's ``id`` defaults to the case name (after the limits are checked); an event file is
    taken as eval takes it, so one without an ``id`` is refused (``missing-id``).

    Raises PlanTestFileError, located at the case's ``event_file:``, when the file gives no
    event to decide: there is none, it is a folder or a device, it cannot be read, it holds
    no event or several, or it is YAML with a mistake.
    """
    if "event_file" in raw:
        written = system_name(raw["event_file"])
        event, refused = _read_event_file(folder, written, document, pointer)
        at = document.locate(join_pointer(pointer, "event_file"))
        _no_time_written_otherwise(event, lambda _: at, _in_the_event_file(folder, written))
        return event, refused
    place = join_pointer(pointer, "event")
    merged = _merge_key(document, raw["event"], place)
    if merged is not None:
        raise PlanTestFileError([merged])
    event, refused = _within_limits(raw["event"], "")
    _no_time_written_otherwise(event, _key_place(document, place), "")
    if isinstance(event, dict) and "id" not in event and key_written_otherwise(event, "id") is None:
        event = {"id": raw.get("name"), **event}  # `i_d:` is refused, as eval refuses it
    return event, refused


def _no_time_written_otherwise(
    event: Any, located: Callable[[str], SourceLocation], within: str
) -> None:
    """Raise PlanTestFileError, at the key (``located``, by the key), when ``event`` holds its
    time under a key written otherwise or misspelt (``occured_at``, ``occurredAt``), in the
    words of the checklist's note on it (``within`` names the event file it is in). Eval
    decides such an event without a time, and warns; a case had passed on it without a word,
    vouching for a decision whose every ``due`` is null (found by review). It is a problem of
    the test file, as a merge key is: the event tested is not the one written."""
    if event.__class__ is not dict:
        return
    from engine.checklist import time_written_otherwise

    held = time_written_otherwise(event)
    if not held:
        return
    key = key_written_otherwise(event, "occurred_at")
    hint = (
        "as written, the event has no time, so no deadline of its decision is set (each `due` "
        "is null), as `backplan eval` decides it"
    )
    raise PlanTestFileError([problem_at(located(str(key)), "unknown-key", within + held, hint)])


def _key_place(document: LoadedDocument, event: str) -> Callable[[str], SourceLocation]:
    """Where a key of the event at ``event`` is written, by the key."""
    return lambda key: document.locate(join_pointer(event, key), key=True)


def _in_the_event_file(folder: Path, written: str) -> str:
    """``in the event file NAME: ``, as a problem inside an event file begins."""
    return f"in the event file {shown_text(tidied(str(folder / written)))}: "


def event_source(raw: dict[str, Any], folder: Path) -> str:
    """The case's event file as messages name it (``""`` for an event written in the case):
    eval names the input of every event it refuses, so a refusal found only in deciding (no
    ``id``, not a mapping) names the file too, whether it is JSON or YAML."""
    if "event_file" not in raw:
        return ""
    return shown_text(tidied(str(folder / system_name(raw["event_file"]))))


def system_name(written: str) -> str:
    """A path written in a test file as the system names it: its UTF-8 bytes read back as
    Python reads names from the system (:func:`os.fsdecode`). Where Python's file-system
    encoding is UTF-8 that is ``written`` itself; where it is ASCII (``PYTHONUTF8=0`` in the C
    locale) a folder saved as ``plän`` is listed with a surrogate for each byte of ``ä``, and
    the text ``plän`` cannot be encoded, so ``plan: plän`` named nothing ("there is no plan
    file or folder plän (did you mean `plän`?)"). A lone surrogate, which only an escape in a
    quoted YAML text can write, is kept as written."""
    try:
        return os.fsdecode(written.encode("utf-8", "surrogateescape"))
    except UnicodeEncodeError:
        return written


def tidied(path: str) -> str:
    """``path`` with each ``folder/..`` folded (``mytests/../rules`` to ``rules``), as it
    would be written from the current folder, when that names the same file or folder: the
    plan's problems and the ``see:`` lines into it had shown the test file's folder and
    ``..`` (found by review), and so had every message naming an event file (``event_file:
    ../events/late.json``). Folding is lexical, and after a folder that is a symbolic link
    ``..`` is the parent of where the link points, so ``path`` is kept when the two differ
    (or it names nothing, and the problem that it names nothing tells it as written; a NUL
    character in it names nothing either, which the system tells by ValueError)."""
    folded = os.path.normpath(path)
    try:
        return folded if folded == path or os.path.samefile(path, folded) else path
    except (OSError, ValueError):
        return path


def _within_limits(event: Any, place: str) -> tuple[Any, EventError | None]:
    """An event written in YAML, held to the limits eval holds every event it reads to
    (``place``, the event file's name and a colon, starts the message of one beyond them)."""
    try:
        check_event(event)
    except EventError as error:
        return None, EventError(place + error.message, error.pointer, error.code)
    return event, None


def _read_event_file(
    folder: Path, written: str, document: LoadedDocument, pointer: str
) -> tuple[Any, EventError | None]:
    """The event of the file the case names (``written``, relative to the test file's
    ``folder``; JSON, or YAML by its suffix), or eval's refusal."""
    path = Path(tidied(str(folder / written)))
    at = document.locate(join_pointer(pointer, "event_file"))
    shown = shown_text(str(path))
    missing = _not_a_file(path, written, shown, at)
    if missing is not None:
        raise PlanTestFileError([missing])
    if path.suffix.lower() not in (".yaml", ".yml"):
        return _read_json_event(path, shown, at)
    return _read_yaml_event(path, shown, at)


def _read_yaml_event(path: Path, shown: str, at: SourceLocation) -> tuple[Any, EventError | None]:
    """The one event of a YAML event file, or eval's refusal. A list holds events as a JSON
    array does, so it is taken by the same rule as a JSON file: one item is the event, none or
    several is a ``bad-event-file``; what is not a list is the event, whatever it is (eval
    refuses one that is not a mapping, as it refuses a JSON number)."""
    try:
        document = load_yaml(read_plan_text(path), str(path), kind="event")
    except PlanError as error:
        raise PlanTestFileError(_in_event_file(d, at, shown) for d in error.diagnostics) from None
    event = document.data
    merged = _merge_key(document, event, "")
    if merged is not None:
        raise PlanTestFileError([_in_event_file(merged, at, shown)])
    if isinstance(event, list):
        second = document.locate("/1").line if len(event) > 1 else 0
        _only_one(at, shown, len(event), second)
        [event] = event
    return _within_limits(event, f"{shown}: ")


def _merge_key(document: LoadedDocument, value: Any, pointer: str) -> Diagnostic | None:
    """The problem of the first ``<<`` key in an event written in YAML (``value``, at
    ``pointer`` in ``document``), located at the key, or None.

    An event is free content, so the schema takes any key there, and YAML 1.2 reads
    ``<<: *base`` as a key named ``<<`` holding the anchored mapping, not as the keys of
    ``base`` merged in: a case written so would test an event with none of them, and pass
    or fail for that. No event means a key named ``<<``."""
    key = next(merge_keys(value, pointer), None)
    if key is None:
        return None
    message, hint = MERGE_KEY
    return problem_at(document.locate(key, key=True), "unknown-key", message, hint)


def _in_event_file(problem: Diagnostic, at: SourceLocation, shown: str) -> Diagnostic:
    """A problem inside a YAML event file, reported where the case names the file, so that a
    test file's problems read in its own order; the place in the event file is its ``see:``."""
    if problem.code == "empty-file":
        return _not_one_event(at, shown, 0, 0)
    return replace(
        problem,
        message=f"in the event file {shown}: {problem.message}",
        source=at,
        related=(problem.source, *problem.related),
    )


def _not_a_file(path: Path, written: str, shown: str, at: SourceLocation) -> Diagnostic | None:
    """Why the event file cannot be opened, or None when it is a regular file. A folder or a
    device exists, so it is named for what it is; it is never opened (a named pipe would wait
    for a writer, and the test run with it)."""
    if "\0" in str(path):  # no file is named so; stat() raises ValueError, not OSError
        message = f"there is no event file {shown}: a file name holds no NUL character"
        return problem_at(at, "event-file-not-found", message)
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return _no_event_file(path, written, shown, at)
    except OSError as error:
        return _unreadable(at, shown, error)
    if stat.S_ISREG(mode):
        return None
    what = "a folder" if stat.S_ISDIR(mode) else NOT_A_FILE_OR_FOLDER
    return problem_at(
        at,
        "unreadable",
        f"cannot read {shown} as an event file: it is {what}",
        "name the JSON or YAML file that holds the event",
    )


def _read_json_event(path: Path, shown: str, at: SourceLocation) -> tuple[Any, EventError | None]:
    """The one event of a JSON event file, read as ``backplan eval`` reads a file (the same
    reader: JSON, an array, JSON Lines; UTF-8 or UTF-16), or eval's reason to refuse it."""
    try:
        with path.open("rb") as handle:
            events = list(itertools.islice(read_events(handle, shown), 2))
    except OSError as error:
        raise PlanTestFileError([_unreadable(at, shown, error)]) from None
    _only_one(at, shown, len(events), events[1].start_line() if len(events) > 1 else 0)
    [item] = events
    if item.error is not None:
        return None, EventError(f"{shown}: {item.error}", "", item.code)
    return item.value, None


def _only_one(at: SourceLocation, shown: str, count: int, second_line: int) -> None:
    """Raise PlanTestFileError unless the event file holds one event (``count``, the number
    read, at least up to two; ``second_line``, where the second starts). JSON and YAML event
    files are held to this one rule, so an empty list or a list of two is told the same way
    in either, and a list of one is its event in both."""
    if count != 1:
        raise PlanTestFileError([_not_one_event(at, shown, count, second_line)])


def _not_one_event(at: SourceLocation, shown: str, count: int, second_line: int) -> Diagnostic:
    """An event file that eval would read no event from, or several: a case has one."""
    if not count:
        return problem_at(
            at,
            "bad-event-file",
            f"the event file {shown} holds no event",
            'write one event in it, with its id, such as {"id": "r-1", "type": "review", '
            '"rating": 1}',
        )
    return problem_at(
        at,
        "bad-event-file",
        f"the event file {shown} holds more than one event: another starts on line {second_line}",
        "a case has one event: give each event a file and a case of its own",
    )


_RELATIVE = "event files are found relative to the folder of the test file"


def _no_event_file(path: Path, written: str, shown: str, at: SourceLocation) -> Diagnostic:
    """An event file that names nothing from the test file's folder. When the path names a
    file from the current folder or a folder above the test file's (copied from the command
    line, or from a test file elsewhere), the hint gives the path to write, as a wrong
    ``plan:`` is told; it had said only that paths are read from the test file's folder,
    and the manager had to work out the ``../`` (found by review)."""
    folder = Path(at.path).parent
    meant = path_meant(written, folder, Path.is_file)
    if meant is None:
        message = f"there is no event file {shown}{_nearest_file(path, written, Path(at.path))}"
        return problem_at(at, "event-file-not-found", message, _RELATIVE)
    hint = f"{_RELATIVE} ({shown_text(str(folder))}): write `event_file: {meant}`"
    return problem_at(at, "event-file-not-found", f"there is no event file {shown}", hint)


def path_meant(
    written: str, folder: Path, wanted: Callable[[Path], bool] = Path.exists
) -> str | None:
    """``written`` taken from the current folder, then from each of the three folders above
    ``folder``: the first that names what is ``wanted``, written from ``folder`` as a message
    shows it (:func:`shown_text`: a name read as ASCII bytes is shown with its letters); None
    if none does. A test file's paths are read from its own folder, and people write them from where
    they run the command, or from the plan's root."""
    here = Path(os.path.abspath(folder))
    for start in (Path.cwd(), *list(here.parents)[:3]):
        candidate = start / written
        try:
            found = wanted(candidate)
        except OSError:  # a name too long for the system, say: it names nothing
            found = False
        if found:
            return shown_text(Path(os.path.relpath(candidate, here)).as_posix())
    return None


MAX_NAMES_LOOKED_AT = 10_000
"""The most entries of a folder looked at to find the file a missing event file's name is
closest to; in a larger folder none is suggested (which ones were looked at would depend on
the order the system lists them in)."""


def _nearest_file(path: Path, written: str, test_file: Path) -> str:
    """`` (did you mean `events/allergen.json`?)`` for a file name written with a slip, when a
    file of a close name and the same extension is in the same folder; else "". Names are
    compared without their extension, which every event file shares and would make any two
    look alike; folders and the test file itself are never suggested. The suggestion is
    ``written`` (the case's ``event_file:``) with the name mended, what to write there: the
    name alone (``allergen.json``) had read as the path to write, which names no file when the
    event files are in a folder of their own (found by review)."""
    listed = names_beside(
        path, lambda entry: Path(entry.name).suffix == path.suffix and entry.is_file(), test_file
    )
    names = {Path(name).stem: name for name in listed}
    stem = did_you_mean(path.stem, names)
    if stem is None:
        return ""
    if written.endswith(path.name):  # as written, its folders too (`./events/`)
        mended = written.removesuffix(path.name) + names[stem]
    else:  # `events/alergen.json/`
        mended = str(Path(written).with_name(names[stem]))
    return f" (did you mean `{shown_text(mended)}`?)"


def names_beside(
    path: Path, keep: Callable[[os.DirEntry[str]], bool], test_file: Path
) -> list[str]:
    """The names of the entries in ``path``'s folder that ``keep`` accepts, the test file
    itself left out: what a missing path's last name is compared with to suggest the one
    meant (an event file, or a plan). None are listed when the folder cannot be read, or holds
    more than :data:`MAX_NAMES_LOOKED_AT` entries."""
    names: list[str] = []
    try:
        with os.scandir(path.parent) as entries:
            for count, entry in enumerate(entries):
                if count >= MAX_NAMES_LOOKED_AT:
                    return []
                if keep(entry) and not _same(entry, test_file):
                    names.append(entry.name)
    except OSError:
        return []
    return names


def name_meant(path: Path) -> Path | None:
    """For a path that names nothing (``shop/rule``, ``ev/revew.json``), the path with its
    last name mended to one of an entry in its folder that is close to it (``shop/rules``), as
    a plan test's ``plan:`` and ``event_file:`` are told; None when none is close. The command
    line's paths and ``load_plan``'s are told it (``engine.cli``, ``engine.planfile``). A name
    holding a NUL, which no path can, is no slip of a name: none is offered."""
    if not path.name or "\0" in path.name:
        return None
    listed = names_beside(path, lambda _: True, path)
    # names of one extension are compared without it, as a plan test's `event_file:` is: the
    # `.json` they share made any two alike (`xyz.json` "did you mean `two.json`?"); a name of
    # another extension is offered for a slip of it alone (`00-plan.yml` for `00-plan.yaml`)
    alike = {Path(name).stem: name for name in listed if path.suffix == Path(name).suffix}
    stem = did_you_mean(path.stem, alike) if path.suffix else None
    meant = alike[stem] if stem is not None else did_you_mean(path.name, listed)
    if meant is None or (path.suffix and stem is None and Path(meant).suffix == path.suffix):
        return None
    return path.with_name(meant)


def _same(entry: os.DirEntry[str], file: Path) -> bool:
    return entry.name == file.name and Path(entry.path).resolve() == file.resolve()


def _unreadable(at: SourceLocation, shown: str, error: OSError) -> Diagnostic:
    message = f"cannot read the event file {shown}: {error.strerror or error}"
    return problem_at(at, "unreadable", message)


def problem_at(at: SourceLocation, code: str, message: str, hint: str = "") -> Diagnostic:
    """An error of a test file at ``at`` (``engine.plantest`` makes its own with it too)."""
    return Diagnostic(Severity.ERROR, code, message, at, hint)
