"""From schema-valid plan files to one typed :class:`~engine.model.PlanModel`.

A plan is one file or a folder of files (read in name order). Each file may hold conditions and
rules; exactly one file holds the ``plan:`` section. The model is built only from data the JSON
Schema accepted, so this module deals with meaning, not shape: it parses templates and durations
(reporting located errors) and computes the plan's fingerprint.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

from engine.construct import Model, make
from engine.documents import (
    NOT_A_FILE_OR_FOLDER,
    LoadedDocument,
    each_file_once,
    join_pointer,
    read_plan_text,
)
from engine.durations import DEADLINE_HINT, DurationError, parse_duration
from engine.errors import Diagnostic, PlanError, Severity, SourceLocation, shown_text
from engine.locations import inside_text
from engine.model import (
    OPERATORS,
    Action,
    AllOf,
    AnyOf,
    CompensationPolicy,
    Condition,
    FieldTest,
    FrozenDict,
    Not,
    PlanModel,
    PlanSettings,
    Purpose,
    Rule,
    Use,
    frozen,
    nameable_event_type,
)
from engine.quickload import quick_load
from engine.resources import load_schema, starter_plan_dir
from engine.schema import plan_data_is_valid, validate_plan_document, where_in_plan
from engine.templates import Template, TemplateError, parse_template
from engine.textforms import composed_value

if TYPE_CHECKING:  # PyYAML's loader is imported only for the files that need it
    from engine.loading import NumberBeside

PLAN_SUFFIXES = (".yaml", ".yml")
_OPERATORS = frozenset(OPERATORS)


class PlanFiles(NamedTuple):
    """The files a plan's paths name, as :func:`find_plan_files` finds them."""

    files: list[Path]
    """Files as given, folders expanded to their YAML files, each file once, in reading order."""
    problems: list[Diagnostic]
    """The paths that are missing or cannot be read."""
    one_file: bool
    """Whether the plan was named as one file (:func:`names_one_file`), not as a folder: only
    then may its file be one of a plan split over a folder, the rest not read."""


def find_plan_files(paths: Iterable[str | Path]) -> PlanFiles:
    """The plan files named by paths (files as given, folders expanded to their YAML files,
    each file once), and the problems of the paths that are missing or cannot be read, to
    report beside the other files' problems: raised alone, a link to nothing hid every mistake
    in the rest of the plan until it was removed. PlanError only when no path at all is given."""
    given = list(paths)
    if not given or "" in given:
        raise PlanError([_no_path(len(given))])
    found: list[Path] = []
    problems: list[Diagnostic] = []
    for raw in given:
        path = Path(raw)
        kind = _kind(path)
        if kind == "folder":
            told = len(problems)
            inside = yaml_files_in(path, problems)
            # What the walk could not read is told alone: a folder that may not be looked
            # into (`unreadable`), or plan files that are links to nothing (`not-found`).
            # "The folder holds no .yaml or .yml files" had been said beside it: of a folder
            # no one could see into, hinted "the folder is empty" (found by coverage), and of
            # a folder holding `a.yaml`, a link to nothing, hinted to rename `a.yaml` so that
            # it would end in .yaml.
            if not inside and len(problems) == told:
                problems.append(
                    _missing(
                        path,
                        "no-plan-files",
                        "the folder holds no .yaml or .yml files",
                        _no_plan_files_hint(path),
                    )
                )
            found.extend(inside)
        elif kind == "file":
            found.append(path)
        elif kind == "nothing":
            problems.append(_not_found(path))
        else:
            problems.append(_missing(path, "unreadable", kind))
    return PlanFiles(each_file_once(found), problems, names_one_file(given))


def names_one_file(paths: Sequence[str | Path]) -> bool:
    """Whether a plan's paths name one file (links followed), not a folder nor several paths.

    A plan without a ``plan:`` section named so may be one file of a plan split over a
    folder, and is told to give the folder instead; named as the folder, it is told to add
    the section: "validate the plan's folder" had been said to a manager who had validated
    the folder, which held one file (found by review)."""
    return len(paths) == 1 and _kind(Path(paths[0])) == "file"


_NOT_A_FILE = f"cannot read it as a plan: it is {NOT_A_FILE_OR_FOLDER}"


def _kind(path: Path) -> str:
    """What ``path`` names, links followed: ``"file"``, ``"folder"``, ``"nothing"`` (no such
    path, or a link to nothing), or else why it cannot be read as a plan, in words.

    ``Path.is_dir()`` and ``is_file()`` answer False for a path that is not there but raise
    any other ``OSError`` (a name too long for the system, a folder that may not be looked
    into), which had reached the caller of ``load_plan`` and ``check_plan`` as Python's error.
    """
    try:
        mode = os.stat(path).st_mode
    except ValueError:  # a NUL in the name: no such path can exist
        return "nothing"
    except OSError as exc:
        if exc.errno in _NOTHING_THERE:
            return "nothing"
        return f"cannot read it as a plan: {exc.strerror or type(exc).__name__}"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    return _NOT_A_FILE  # never opened: reading a named pipe would wait for a writer


_NOTHING_THERE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.ELOOP, errno.EBADF})
"""The errors ``Path.exists()`` takes for "not there" (a link round in a loop included)."""


def would_be_read(path: str | Path, given: Iterable[str | Path]) -> bool:
    """Whether reading a plan from ``given`` (its files and folders) would read ``path``: it
    is one of those files (by any name), or a ``.yaml`` or ``.yml`` file inside one of those
    folders. ``backplan render -o`` refuses such a path: it would replace the plan, or add a
    file that is not YAML to it."""
    target = Path(path)
    real = os.path.realpath(target)
    for place in map(Path, given):
        if place.is_dir():
            inside = real.startswith(os.path.join(os.path.realpath(place), ""))
            if inside and Path(real).suffix.lower() in PLAN_SUFFIXES:  # a link's target too
                return True
            if a_plan_name(target.name) and os.path.realpath(target.parent) in _folders_read(place):
                return True  # in a linked sub-folder (`rules/shared/out.yaml`)
        elif real == os.path.realpath(place):
            return True
    return False


def _folders_read(folder: Path) -> set[str]:
    """The folders, by their real paths, whose plan files reading ``folder`` reads: it and its
    sub-folders, those it links to among them, as :func:`yaml_files_in` walks them. A new
    file written in a linked sub-folder (``rules/shared`` a link to ``../shared``) is read
    with the plan, though its real path is outside ``folder``: ``eval --plan rules -o
    rules/shared/out.yaml`` had written the decisions there, and the next command given the
    folder failed on them."""
    walked: set[str] = set()
    for root, folders, _ in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in walked:
            folders.clear()
            continue
        walked.add(real)
        folders[:] = [name for name in folders if not name.startswith(".")]
    return walked


def yaml_files_in(folder: Path, problems: list[Diagnostic]) -> list[Path]:
    """The plan files in a folder and its sub-folders, linked ones included, in name order.

    A link to a sub-folder is followed (``rglob`` passed over it, and its rules with it), each
    folder once (a link back up would go round for ever), under the name that comes first in
    name order, whatever order the disk lists them in. A ``.yaml`` link to nothing, or to
    something that is not a file, is a problem: passed over, it dropped rules without a word.

    A hidden name (one that starts with ``.``), file or sub-folder, is passed over: such files
    are the system's and the editors' (macOS's ``._fallback.yaml`` beside a copied file, in
    binary; Emacs's lock ``.#00-plan.yaml``, a link to nothing), and had made a sound plan
    invalid. A hidden file named as a plan path is still read. A sub-folder whose files cannot
    be listed (no permission) is a problem: ``os.walk`` passes over it without a word.
    """
    found: list[Path] = []
    walked: set[str] = set()

    def not_listed(error: OSError) -> None:  # a sub-folder that may not be looked into
        # (one deleted since its parent was listed: gone; a race no test makes)
        if error.errno not in _NOTHING_THERE:  # pragma: no branch
            why = f"cannot list its files: {error.strerror or type(error).__name__}"
            problems.append(_missing(Path(str(error.filename)), "unreadable", why))

    for root, folders, names in os.walk(folder, onerror=not_listed, followlinks=True):
        real = os.path.realpath(root)
        if real in walked:
            folders.clear()
            continue
        walked.add(real)
        # in name order, not the disk's: which name a folder reached twice is read under (a
        # link or the folder itself) decides the files' order, and so the rules' order and the
        # plan's fingerprint
        folders[:] = sorted((n for n in folders if not n.startswith(".")), key=name_order)
        for name in names:
            path = Path(root, name)
            if name.startswith(".") or not a_plan_name(name):
                continue
            kind = _kind(path)
            if kind == "file":
                found.append(path)
            elif kind == "nothing":
                if (link := broken_link(path)) is not None:
                    problems.append(_missing(path, "not-found", link))
            # (a folder made there since the listing, a race no test makes: not listed)
            elif kind != "folder":  # pragma: no branch
                problems.append(_missing(path, "unreadable", kind))
    return sorted(found, key=lambda path: tuple(map(name_order, path.parts)))


def name_order(name: str) -> tuple[str, str]:
    """How a file or folder name sorts in a plan folder: by its characters composed (NFC).
    A folder copied from a Mac, or unzipped from an archive made on one, may keep its names
    decomposed (`u` and a combining diaeresis for `ü`), which sorted `ürün.yaml` before
    `zeta.yaml` where the same names composed sort after it: the same plan had its rules in
    another order, and another fingerprint, on another computer (found by review). Two names
    the same composed (`ü.yaml` both ways: two files to Linux) then sort by their characters
    as written, not in the order the disk lists them."""
    if name.isascii():  # the usual name: nothing to compose, and no import at start-up
        return name, name
    import unicodedata

    return unicodedata.normalize("NFC", name), name


def holds_another_plan(folder: Path) -> bool:
    """Whether ``folder`` holds plan files, and they are not the starter plan as shipped
    (the same names and bytes): the folder ``backplan init`` writes, then edited. A command
    run without ``--plan`` beside it decides with the starter plan, which a manager trying
    their edits would not notice, its name being the same."""
    if not folder.is_dir():
        return False
    mine = yaml_files_in(folder, [])
    if not mine:
        return False
    starter = starter_plan_dir()
    shipped = yaml_files_in(starter, [])
    if [p.relative_to(folder) for p in mine] != [p.relative_to(starter) for p in shipped]:
        return True
    return any(a.read_bytes() != b.read_bytes() for a, b in zip(mine, shipped, strict=True))


PLAN_FOLDER = "rules"
"""The folder ``backplan init`` writes a plan to, inside the folder it is given."""
_ENTRIES_LOOKED_AT = 200
"""How many entries of the current folder :func:`plans_not_used` looks at: a note's worth
(a home folder may hold thousands, and a command should start at once)."""


def plans_not_used(here: Path = Path()) -> list[Path]:
    """The plans, other than the starter plan, that a command run in ``here`` without
    ``--plan`` is likely meant to use, and does not: ``here/rules`` (the folder ``backplan
    init`` writes, then edited), or, with no ``rules`` there, each immediate sub-folder's
    ``rules`` (``my-plan/rules``, for a manager standing above the folder ``init`` made), in
    name order, or, with none of those, ``../rules`` (for one standing inside it, in
    ``my-plan/examples``: a restaurant owner's events decided by the starter plan there
    without a word; found by review). Cheap and never failing, for a note: one listing of
    ``here``, of its first :data:`_ENTRIES_LOOKED_AT` entries; a folder that may not be read
    is passed over."""
    own = here / PLAN_FOLDER
    try:
        if os.path.lexists(own):
            return [own] if holds_another_plan(own) else []
        with os.scandir(here) as listing:
            entries = [entry for _, entry in zip(range(_ENTRIES_LOOKED_AT), listing, strict=False)]
    except OSError:
        return []
    names = sorted(entry.name for entry in entries if not entry.name.startswith("."))
    folders = (here / name / PLAN_FOLDER for name in names)
    below = [folder for folder in folders if _holds_another_plan_safely(folder)]
    if below:
        return below
    above = here / os.pardir / PLAN_FOLDER
    return [above] if _holds_another_plan_safely(above) else []


def _holds_another_plan_safely(folder: Path) -> bool:
    """:func:`holds_another_plan`, False for a folder that may not be read (no note)."""
    try:
        return holds_another_plan(folder)
    except OSError:
        return False


def broken_link(path: str | Path) -> str | None:
    """What is wrong with the link to nothing at ``path``, in words: ``a link to X, which does
    not exist``, or ``a link in a loop of links`` (each leads on to another and back: "does not
    exist" had been said of a link that is there; found by review). None when no link is there
    either: in a folder walk, the file was deleted after the folder was listed (a temporary
    file of a deploy), and is not part of the plan, as if the folder had been listed a moment
    later. ``validate`` and the other commands given such a path, and ``init``, say the same."""
    try:
        target = os.readlink(path)
    except OSError:
        return None
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return LINK_LOOP
    return f"a link to {target}, which does not exist"


LINK_LOOP = "a link in a loop of links (each leads on to another and back)"
""":func:`broken_link`'s words for a link that comes back round: no folder it points to can
be made (``init`` says so)."""


def _no_path(given: int) -> Diagnostic:
    """An empty path (``load_plan("")``, a blank setting) or none at all. ``Path("")`` is the
    current folder, so without this the folder an app was started in would be read as the
    plan, with dozens of errors about files that have nothing to do with it."""
    message = {0: "no plan path was given", 1: "no plan path was given: the path is empty"}.get(
        given, "one of the plan paths is empty"
    )
    return Diagnostic(
        Severity.ERROR,
        "no-plan-path",
        message,
        SourceLocation("<plan>"),
        "give the plan's file or folder, such as `rules/` (for the current folder, `.`)",
    )


def _not_found(path: Path) -> Diagnostic:
    """A path that names nothing; one that does once the blanks around it are taken off
    (`` rules/ ``, pasted or read from a file with them) is told so: it had been told only
    "` rules/ `: no such file or folder", its blanks not showing in the message."""
    spelt = str(path)
    if spelt.strip() != spelt and _kind(Path(spelt.strip())) != "nothing":
        return _missing(
            path,
            "not-found",
            f"no such file or folder, though `{shown_text(spelt.strip())}` is one: the path has "
            "blanks around it; strip them",
            "strip them first, path.strip()",
        )
    from engine.caseevent import name_meant  # only for a path that names nothing

    meant = name_meant(path)  # `load_plan("rule")`: the command line offered `rules`, not it
    if meant is not None:
        shown = shown_text(str(meant))
        return _missing(path, "not-found", f"no such file or folder (did you mean `{shown}`?)")
    return _missing(path, "not-found", "no such file or folder")


def _missing(path: Path, code: str, message: str, hint: str = "check the path") -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, SourceLocation(str(path)), hint)


def _no_plan_files_hint(folder: Path) -> str:
    """What to do about a folder without plan files, from what it does hold: it had been
    "check the path" when the path was right (found by review)."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:  # pragma: no cover - listed by os.walk just before (a race)
        names = []
    hidden = [name for name in names if name.startswith(".") and a_plan_name(name)]
    if hidden:
        return (
            f"`{hidden[0]}` is passed over: a name that starts with `.` is hidden (the system's "
            "or an editor's file); to read it as part of the plan, rename it without the dot"
        )
    shown = [name for name in names if not name.startswith(".")]
    if not shown:
        return "the folder is empty: give the folder that holds the plan's .yaml files"
    listed = ", ".join(f"`{name}`" for name in shown[:3]) + (", ..." if len(shown) > 3 else "")
    return (
        f"it holds {listed}: a plan's files end in .yaml or .yml; give the folder that holds "
        "them, or rename them"
    )


def a_plan_name(name: str) -> bool:
    """Whether a file of this name is one a plan folder reads (``.yaml``, ``.yml``, any case)."""
    return Path(name).suffix.lower() in PLAN_SUFFIXES


_COPY_MARK = re.compile(
    r"(?i)(?:[ _-]?\(\d+\)|[ _-]copy(?: ?\d+)?|[ _-]backup|\.bak|\.orig|\.old)$"
)
"""How the name of a copy ends before ``.yaml``, as file managers make them: ``00-plan (1)``,
``00-plan copy``, ``00-plan - Copy``, ``00-plan.bak``."""


def looks_like_a_copy(path: str) -> bool:
    """Whether a file's name ends as a file manager names a copy (:data:`_COPY_MARK`)."""
    return _COPY_MARK.search(Path(path).stem) is not None


def _holds_sections(text: str) -> bool:
    """Whether a file's text starts a section of a plan at its top level (``rules:``,
    ``conditions:``, ``plan:``): files alike in holding none (empty, comments, a lone
    ``backplan: 1`` kept for later) add nothing twice, and are no copies."""
    return _SECTION_LINE.search(text) is not None


_SECTION_LINE = re.compile(
    r"""(?:^\ufeff?|[{,][ \t\r\n]*)(["']?)(?:rules|conditions|plan)\1[ \t]*:""", re.MULTILINE
)
"""A section's key at the start of a line, or after `{` or `,` (a plan written as JSON), in
quotes or not."""


def _copies(texts: list[tuple[Path, str]]) -> dict[Path, Path]:
    """Each file that holds the same text as another, with the one taken for the original:
    of the files alike, the first read whose name is not marked as a copy's (``00-plan
    (1).yaml``, ``- Copy``), else the first read."""
    alike: dict[int, list[tuple[Path, str]]] = {}
    for path, text in texts:
        if _holds_sections(text):
            alike.setdefault(hash(text), []).append((path, text))
    copies: dict[Path, Path] = {}
    for group in alike.values():
        if len(group) < 2:
            continue
        unmarked = [path for path, _ in group if _COPY_MARK.search(path.stem) is None]
        original = unmarked[0] if unmarked else group[0][0]
        text = next(text for path, text in group if path == original)
        copies.update(
            (path, original) for path, other in group if path != original and other == text
        )
    return copies


def _copy_of(copy: Path, kept: Path) -> Diagnostic:
    """The one problem of a file that holds the same text as another file of the plan."""
    return Diagnostic(
        Severity.ERROR,
        "duplicate-file",
        f"this file holds the same text as `{shown_text(kept.name)}` (a copy?): every rule and "
        "section in it would be in the plan twice",
        SourceLocation(str(copy)),
        "remove one of the two files: every .yaml file of the plan's folder is read",
        (SourceLocation(str(kept)),),
    )


def read_documents(files: Sequence[Path]) -> list[LoadedDocument]:
    """Load and schema-validate every file; raise one PlanError holding all files' problems."""
    documents, problems = load_documents(files)
    if problems:
        raise PlanError(problems)
    return documents


def load_documents(
    files: Sequence[Path], read: Callable[[Path], str] = read_plan_text
) -> tuple[list[LoadedDocument], list[Diagnostic]]:
    """Load and schema-validate every file: the files read (the schema may have refused parts
    of them) and every problem found. A file that could not be read is not among them.
    ``read`` gives each file's text, or raises PlanError; every file is read, in order.

    A file is first read by the fast reader (``engine.quickload``, no positions); if it cannot
    vouch for the file, or the schema refuses the data, the file is read again by the careful
    loader, whose positions locate every problem exactly as they always have.
    """
    documents: list[LoadedDocument] = []
    problems: list[Diagnostic] = []
    texts: list[tuple[Path, str]] = []
    refused: list[tuple[int, LoadedDocument, bool, list[NumberBeside]]] = []
    """The files the schema refused, validated once every file is read (the plan's currency,
    which their hints name, may be set in a later one), each with where its problems go."""
    for path in files:
        try:
            texts.append((path, read(path)))
        except PlanError as error:
            problems.extend(error.diagnostics)
    copies = _copies(texts)
    for path, text in texts:
        if path in copies:  # `00-plan (1).yaml`: said once, and not read
            problems.append(_copy_of(path, copies[path]))
            continue
        try:
            quick = quick_load(text, str(path))
            if quick is not None and plan_data_is_valid(quick.data):
                documents.append(quick)
                continue
            # PyYAML: only for these files
            from engine.loading import load_yaml, numbers_with

            numbers: list[NumberBeside] = []  # too large: their parts are set aside, as refused
            document = load_yaml(text, str(path), numbers)
        except PlanError as error:
            if jsonl_of_events(text):  # `examples/events/stream.jsonl`: not a YAML mistake
                problems.append(events_file_instead(str(path), "a plan"))
            else:
                problems.extend(error.diagnostics)
            continue
        if _is_plan_tests(document.data):
            problems.append(_plan_tests_instead(document))
            continue
        if is_events(document.data):
            problems.append(_events_instead(document, text))
            continue
        refused.append((len(problems), document, quick is not None, numbers))
        documents.append(document)
    currency = plan_currency(documents)
    for at, document, fast_refused, numbers in reversed(refused):  # later places first
        # Read carefully because the schema refused the fast reader's data (the same data):
        # the fast check is not asked again.
        found = validate_plan_document(document, refused=fast_refused, currency=currency)
        found = [_with_number_limit(d) for d in numbers_with(found, numbers)]
        problems[at:at] = sorted(found, key=Diagnostic.sort_key)
    if refused and len(documents) > 1:
        problems = _partial_plan_sections(documents, problems)
    if len(texts) > 1 and any(problem.code == "yaml-syntax" for problem in problems):
        from engine.yamlsyntax import with_anchors_elsewhere  # a file failed to parse

        problems = with_anchors_elsewhere(problems, texts)  # `*sorry`, `&sorry` in another file
    return documents, problems


def plan_currency(documents: Iterable[LoadedDocument]) -> str | None:
    """The currency the plan's `plan:` section names, in whichever of its files (three capital
    letters but `CFA` and `CFP`, as the schema takes it); None when none names one. A plan in
    `CFA`, refused, had its amounts' hints say "the plan's amounts are in CFA", and `25 F CFA`
    "is not in CFA" (found by review)."""
    from engine.currencies import a_currency_code  # (imported on every load already)

    for document in documents:
        settings = _plan_section(document.data)
        currency = None if settings is None else settings.get("currency")
        if isinstance(currency, str) and a_currency_code(currency):
            return currency
    return None


_A_BOUNDED_NUMBER = re.compile(
    r"/(?:amount|min|max|per_event_max|approval_above|percent|priority)$"
)
"""Where a plan holds a number with bounds of its own: an amount of money, a percentage or a
rule's priority."""


def _with_number_limit(problem: Diagnostic) -> Diagnostic:
    """A number too long to read where the plan holds a bounded number (an amount, a percentage,
    a priority) gets that number's own range as its hint: the loader's, "write it as text, or as
    a decimal number such as 1.5e21", is for a number in general, and both would be refused
    there."""
    if problem.code != "number-too-large":
        return problem
    found = _A_BOUNDED_NUMBER.search(problem.source.pointer)
    if found is None:
        return problem
    schema = load_schema("plan")
    offer = schema["$defs"]["actions"]["compensate"]["properties"]
    if found[0] == "/priority":
        bounds = schema["$defs"]["rule"]["properties"]["priority"]
        hint = (
            f"a priority is a whole number from {bounds['minimum']:,} to "
            f"{bounds['maximum']:,}, such as `priority: 100`"
        )
    elif found[0] == "/percent":
        most = offer["percent"]["maximum"]
        hint = f"a percentage is a number above 0 and at most {most}, such as `percent: 20`"
    else:
        hint = f"an amount in a plan is at most {offer['amount']['maximum']:,}, written as a number"
    return dataclasses.replace(problem, hint=hint)


def _is_plan_tests(data: Any) -> bool:
    """Whether a file that is not a valid plan is a plan-tests file (``cases:``, no ``rules:``),
    as in the folder ``backplan init`` makes, where it sits beside the plan's ``rules/``."""
    return data.__class__ is dict and "cases" in data and "rules" not in data


def _plan_tests_instead(document: LoadedDocument) -> Diagnostic:
    """One clear problem for a plan-tests file given as a plan, instead of one per key. The
    hint holds for the file named itself (``backplan validate plan-tests.yaml``) as for the
    folder around it (the one ``backplan init`` makes): "not the folder around it" had been
    said of both (found by review)."""
    import shlex  # (rare: not paid for by every plan loaded)

    tested = document.data.get("plan")
    where = f" (this one tests `{tested}`)" if isinstance(tested, str) else ""
    typed = shlex.quote(shown_text(document.path))
    plan = _tested_plan(document.path, tested)
    which = (
        f"`{shlex.quote(shown_text(plan))}`, the plan this file tests"
        if plan
        else "such as `rules/`"
    )
    hint = (
        _move_out(document, plan)
        if plan and _inside(document.path, plan)
        else f"give the plan's own folder or files ({which}), not its plan tests nor a "
        f"folder that holds them; run the tests with `backplan test {typed}`"
    )
    return Diagnostic(
        Severity.ERROR,
        "not-a-plan",
        f"this is a plan-tests file{where}, not a plan",
        document.locate("/cases", key=True),
        hint,
    )


def _inside(path: str, folder: str) -> bool:
    """Whether the file ``path`` is in ``folder`` or a folder under it."""
    if not os.path.isdir(folder):
        return False
    here, there = os.path.realpath(os.path.dirname(path) or "."), os.path.realpath(folder)
    return os.path.commonpath([here, there]) == there


def _move_out(document: LoadedDocument, folder: str) -> str:
    """How to mend a plan-tests file kept in the plan's own ``folder``, the plan it tests: it
    is read as a file of the plan, so that plan can never load. It had been told to give "the
    plan's own folder (`rules`, the plan this file tests)", the folder the manager had just
    given (found by a new user's trial): moved beside the folder, it tests it as
    ``plan: rules``."""
    import shlex  # (rare: not paid for by every plan loaded)

    real = os.path.realpath(folder)  # (`.` too: the folder's own name, from above it)
    beside = os.path.dirname(real)
    moved = _free_place(beside, os.path.basename(document.path), os.path.basename(real))
    moved = moved if os.path.isabs(folder) else os.path.relpath(moved)
    return (
        f"every YAML file in the plan's folder `{shown_text(os.path.normpath(folder))}` is read "
        f"as part of the plan, this one too: move it out, such as to `{shown_text(moved)}` with "
        f"`plan: {shown_text(os.path.basename(real))}`"
        f"{_event_files_from(document.data, os.path.dirname(document.path), beside)}, and run "
        f"the tests with `backplan test {shlex.quote(shown_text(moved))}`"
    )


def _free_place(folder: str, name: str, plan: str) -> str:
    """Where in ``folder`` a plan-tests file ``name`` kept in the plan's folder ``plan`` can
    move to without taking the place of a file there: the folder ``backplan init`` makes
    already holds a ``plan-tests.yaml`` beside ``rules/``, and a copy of it kept in ``rules/``
    had been told to move to that very name, over the file (found by review)."""
    import itertools  # (rare, as above)

    stem, ending = os.path.splitext(name)
    numbered = (f"{stem}-{n}{ending}" for n in itertools.count(2))
    places = (
        os.path.join(folder, each) for each in itertools.chain((name, f"{plan}-{name}"), numbered)
    )
    return next(place for place in places if not os.path.lexists(place))


def _event_files_from(data: dict[str, Any], here: str, beside: str) -> str:
    """What to change in a moved plan-tests file's ``event_file:`` paths, found from the
    folder of the file (``here``): moved ``beside`` the plan's folder, they start with the
    folder they were found from (``rules/events/late.json``), and had been left unsaid, so the
    moved file's every case was "there is no event file" (found by review)."""
    cases = data.get("cases")
    if not isinstance(cases, list) or not any(
        isinstance(case, dict) and "event_file" in case for case in cases
    ):
        return ""
    start = os.path.relpath(os.path.realpath(here or "."), beside)
    return f", its `event_file:` paths started with `{shown_text(start)}/`"


def _tested_plan(path: str, tested: object) -> str:
    """The plan a plan-tests file names in ``plan:``, as a path from where the command runs
    (``my-plan/rules`` for ``my-plan/examples/plan-tests.yaml``'s ``../rules``), when it is
    there; else "". A manager who gave ``validate`` the folder ``backplan init`` made had been
    told "such as `rules/`", a folder that is not where they stand."""
    if not isinstance(tested, str) or not tested:
        return ""
    named = os.path.join(os.path.dirname(path), tested)
    if not os.path.exists(named):
        return ""
    short = os.path.normpath(named)  # `..` taken out by its text: checked to be the same place
    return short if os.path.exists(short) and os.path.samefile(short, named) else named


_NOT_EVENT_KEYS = frozenset(
    (
        "backplan",
        "plan",
        "conditions",
        "rules",
        "title",
        "when",
        "then",
        "prevent",
        "fallback",
        "cases",
    )
)
"""Keys of a plan, of a rule written at the top of a file, or of a plan-test file: such a
document is no event."""


def _is_event(data: Any) -> bool:
    """Whether ``data`` is one complaint event: a ``type`` beside an ``id``, or, written by
    hand without its ``id`` (``{"type": "order"}``), a ``type`` that is an event's."""
    if data.__class__ is not dict or "type" not in data or _NOT_EVENT_KEYS & data.keys():
        return False
    kind = data["type"]
    return "id" in data or (isinstance(kind, str) and nameable_event_type(kind))


def lacks_an_id(data: Any) -> bool:
    """Whether an event (or one of a list of events) :func:`is_events` found has no ``id``."""
    return any("id" not in item for item in (data if isinstance(data, list) else [data]))


def is_events(data: Any) -> bool:
    """Whether a file that is not a valid plan holds a complaint event (a ``type`` beside an
    ``id``, or an event's ``type`` alone, and none of a plan's or a test file's keys) or a list
    of them: a JSON file of ``examples/events`` given to ``validate``, ``lint`` or ``test`` had
    one "unknown key" problem per field of the event, and so had an event written by hand
    without its ``id``."""
    if isinstance(data, list):
        return bool(data) and all(_is_event(item) for item in data)
    return _is_event(data)


def jsonl_of_events(text: str) -> bool:
    """Whether the text is JSON Lines of complaint events: more than one line, the first an
    event. YAML reads such a file as a syntax error on its second line, which said nothing of
    what the file is."""
    lines = (line for line in text.splitlines() if line.strip())
    first, second = next(lines, None), next(lines, None)
    if first is None or second is None:
        return False
    try:
        return _is_event(orjson.loads(first))
    except orjson.JSONDecodeError:
        return False


def events_file_instead(path: str, wanted: str) -> Diagnostic:
    """One clear problem for a JSON Lines file of events given as ``wanted`` (a plan, a
    plan-test file)."""
    return Diagnostic(
        Severity.ERROR,
        "not-a-plan" if wanted == "a plan" else "not-a-test-file",
        f"this is a file of complaint events (JSON Lines), not {wanted}",
        SourceLocation(path, 1, 1),
        "decide it with `backplan eval FILE` (or see why each rule fires with `backplan explain "
        "FILE`)",
    )


def _events_instead(document: LoadedDocument, text: str) -> Diagnostic:
    """One clear problem for an event file given as a plan, instead of one per field."""
    many = isinstance(document.data, list)
    if written_in_json(text):
        how = (
            f"{id_first(document.data)}decide it with `backplan eval FILE` (or see why each "
            "rule fires with `backplan explain FILE`)"
        )
    else:
        how = yaml_events_hint(document.data)
    return Diagnostic(
        Severity.ERROR,
        "not-a-plan",
        "this is a list of complaint events, not a plan"
        if many
        else "this is a complaint event, not a plan",
        document.locate("/0/type" if many else "/type", key=True),
        f"{how}; `validate` and `lint` check a plan's YAML files, such as `rules/`",
    )


def written_in_json(text: str) -> bool:
    """Whether a file's text is JSON, as ``backplan eval`` reads it: told by the content, not
    the file's name (a ``.yaml`` file may hold JSON, and eval reads it)."""
    try:
        orjson.loads(text)
    except orjson.JSONDecodeError:
        return False
    return True


def yaml_events_hint(data: Any) -> str:
    """The hint for complaint events written in YAML, given as a plan or a test file: eval
    reads JSON only (it answered one ``bad-json`` per line of the file the hint had sent it),
    so the event is to be written in JSON for eval, or put under a plan-test case's
    ``event:``, which reads YAML and gives the event its case's name as ``id``."""
    many = isinstance(data, list)
    first = data[0] if many else data
    kind = first["type"]
    line = f"type: {kind}" if isinstance(kind, str) and _PLAIN.fullmatch(kind) else "type: ..."
    example = json.dumps({"id": first.get("id", "e1"), "type": kind}, default=str)
    are, them, each = _YAML_EVENTS_WORDS[many]
    return (
        f"`backplan eval` reads events written in JSON, and {are} YAML: to decide {them}, write "
        f"{them} in JSON with an `id` (`{example[:-1]}, ...}}`) and run `backplan eval FILE`; "
        f"to test the plan on {them}, put {each} in a plan-test file: `cases:`, "
        f"`  - name: first case`, `    event:`, `      {line}`..."
    )


_YAML_EVENTS_WORDS = {
    False: ("this is", "it", "its lines under a case's `event:`"),
    True: ("these are", "them", "each one's lines under the `event:` of a case of its own"),
}
"""What :func:`yaml_events_hint` says of one event, and of a list of them."""


_PLAIN = re.compile(r"[A-Za-z0-9_.-]+")
"""An event type shown as written in a YAML line without quotes."""


def id_first(data: Any) -> str:
    """What the hint for an event given as a plan or a test file says first: to give it an
    ``id`` when it has none, since eval refuses an event without one (``missing-id``) and the
    hint's next step had failed."""
    if not lacks_an_id(data):
        return ""
    return "give each event an `id`, then " if isinstance(data, list) else "give it an `id`, then "


def fingerprint(documents: Sequence[LoadedDocument]) -> str:
    """A hash of the normalised plan: comments, spacing, key order and file names do not count."""
    canonical = orjson.dumps([d.data for d in documents], option=orjson.OPT_SORT_KEYS)
    return "sha256:" + hashlib.sha256(canonical).hexdigest()


Refused = Mapping[str, Collection[str]]
"""The parts of plan files the schema refused: a file's path -> pointers of its ``plan:``
section (``/plan``), named conditions (``/conditions/NAME``) and rules (``/rules/N``), or of
all its conditions or rules (``/conditions``, ``/rules``)."""


_STAND_IN_SETTINGS = {"name": "", "currency": "USD"}
"""What the rest of a plan is checked with when its ``plan:`` section was set aside."""


def build_model(
    documents: Sequence[LoadedDocument], refused: Refused | None = None, *, one_file: bool = False
) -> tuple[PlanModel | None, list[Diagnostic]]:
    """The typed plan (None when no file has a ``plan:`` section) and every problem of meaning
    found building it.

    The model is made even when there are problems, so the plan's checks can still run on it
    and one run reports everything: a deadline refused here stays text, a template refused
    here is left out, and the second of two conditions with one name is left out.

    With ``refused`` (``engine.soundparts``), the data holds parts the schema refused and only
    the rest is built: a refused rule or named condition is left out, and without a ``plan:``
    section (it may be in a part set aside) the rest is built with stand-in settings placed at
    the refused section.

    ``one_file``: the plan was named as one file (:attr:`PlanFiles.one_file`), not as a folder;
    it decides what a plan without a ``plan:`` section is told to do (:func:`_missing_plan_hint`).
    """
    parts = _Parts()
    for document in documents:
        parts.add(document, refused.get(document.path, ()) if refused else ())
    settings = parts.settings
    if settings is None:
        settings = parts.no_plan_section(documents, one_file, stand_in=refused is not None)
        if settings is None:
            return None, parts.builder.problems
    model = _make(
        PlanModel,
        settings=settings,
        conditions=FrozenDict(parts.conditions),
        condition_names=FrozenDict(parts.named_at),
        rules=tuple(parts.rules),
        sources=tuple(d.path for d in documents),
        fingerprint=fingerprint(documents) if refused is None else "",  # data set aside: not hashed
    )
    return model, parts.builder.problems


class _Parts:
    """What :func:`build_model` gathers from a plan's files, one after another: the settings of
    its one ``plan:`` section, its named conditions and its rules, each built (:class:`_Builder`),
    and where what the plan must hold once was first found, to name it when it comes again.
    Each kind of part is a method; they had been one loop of :func:`build_model`."""

    def __init__(self) -> None:
        self.builder = _Builder()
        self.settings: PlanSettings | None = None
        self.first_plan: Any = None
        """The ``plan:`` section the plan's settings are made of, as written."""
        self.set_aside_at: SourceLocation | None = None
        """Where a ``plan:`` section the schema refused is."""
        self.conditions: dict[str, Condition] = {}
        self.named_at: dict[str, SourceLocation] = {}
        """Where each condition's name is written."""
        self.rules: list[Rule] = []

    def add(self, document: LoadedDocument, skip: Collection[str]) -> None:
        """Build the parts of ``document``, but those the schema refused (``skip``: their
        pointers, :data:`Refused`)."""
        data = document.data
        self.builder.start(document)
        if "plan" in data:
            self.plan_section(document, skip)
        for name, raw in data.get("conditions", {}).items() if "/conditions" not in skip else ():
            pointer = join_pointer("/conditions", name)
            if pointer not in skip:
                self.condition(document, name, raw, pointer)
        for index, raw in enumerate(data.get("rules", []) if "/rules" not in skip else ()):
            pointer = f"/rules/{index}"
            if pointer not in skip:
                self.rules.append(self.builder.rule(raw, pointer, len(self.rules)))

    def plan_section(self, document: LoadedDocument, skip: Collection[str]) -> None:
        """Build the plan's settings from the ``plan:`` section of ``document``: set aside
        when the schema refused it, an error when the plan has one already."""
        at = document.locate("/plan", key=True)
        plan = document.data["plan"]
        if "/plan" in skip:
            self.set_aside_at = self.set_aside_at or at
        elif self.settings is not None:
            self.builder.error(
                at,
                "duplicate-plan-section",
                _other_plan_section(self.settings.at, at),
                _second_plan_hint(self.first_plan, self.settings.at, at, plan),
                self.settings.at,
            )
        else:
            self.settings, self.first_plan = self.builder.settings(plan, at), plan

    def condition(self, document: LoadedDocument, name: str, raw: Any, pointer: str) -> None:
        """Build the condition ``name`` of ``document`` (``raw`` at ``pointer``); a second of
        that name is an error, and left out."""
        if name in self.conditions:
            self.builder.error(
                document.locate(pointer, key=True),
                "duplicate-condition",
                f"the condition `{name}` is defined twice",
                "rename or remove one of them",
                self.named_at[name],
            )
            return
        self.conditions[name] = self.builder.condition(raw, pointer)
        self.named_at[name] = document.locate(pointer, key=True)

    def no_plan_section(
        self, documents: Sequence[LoadedDocument], one_file: bool, *, stand_in: bool
    ) -> PlanSettings | None:
        """Say that no file of the plan has a ``plan:`` section; with ``stand_in`` (parts were
        set aside), the settings the rest is still checked with, else None: no model is made."""
        first = documents[0].path if documents else "<plan>"
        at = SourceLocation(first, 1, 1, "")
        missing = _missing_plan_hint(first, len(documents), one_file)
        self.builder.error(
            at, "missing-plan-section", "no file of the plan has a `plan:` section", missing
        )
        if not stand_in:
            return None
        # The rest is still checked; what belongs at the plan section's place is put at the
        # section set aside, where it will be once the section is mended.
        return self.builder.settings(_STAND_IN_SETTINGS, self.set_aside_at or at)


PLAN_SECTION_EXAMPLE = "`plan: {name: Your Business, currency: USD}`"


def _other_plan_section(other: SourceLocation, here: SourceLocation) -> str:
    """Said of a ``plan:`` section ``here`` beside the one at ``other``, whole or not (a
    colleague's ``plan: {currency: EUR}``): the other is named by its file, not called the
    first. It had been "a second `plan:` section", said of the section that was not the
    plan's, which may be in a file read before it (``00-extra.yaml`` beside
    ``10-plan.yaml``), or named before it on the command line (found by review)."""
    return f"a plan has one `plan:` section, and `{_file_name(other, here)}` has one too"


def _file_name(other: SourceLocation, here: SourceLocation) -> str:
    """The name of ``other``'s file as a message at ``here`` shows it: its name alone, as
    the place of a message shows the folder; its path where ``here``'s file has that name
    too (``shop/plan.yaml`` and ``inn/plan.yaml``, named one by one)."""
    name = Path(other.path).name
    return shown_text(other.path if name == Path(here.path).name else name)


def _partial_plan_sections(
    documents: Sequence[LoadedDocument], problems: list[Diagnostic]
) -> list[Diagnostic]:
    """``problems`` with a file's ``plan:`` section that lacks the keys every plan names (a
    colleague's ``plan: {currency: EUR}`` in a conditions file) told as the second ``plan:``
    section it is, when another file's ``plan:`` section has a ``name``: it had been told
    "missing `name` in `plan`", sending the manager to complete a section the plan must not
    have (found by review). So is one written as a currency (``plan: EUR``), read as its
    ``currency``: it had been told the schema's "expected a mapping", with a whole section for
    example, as if the plan lacked one (found by review). Its other problems (a value refused
    inside it) stay as they are."""
    named = [d for d in documents if _plan_section(d.data) is not None and "name" in d.data["plan"]]
    if not named:
        return problems
    first = named[0]
    first_at = first.locate("/plan", key=True)
    told: dict[str, Diagnostic] = {}
    for document in documents:
        second = _partial_plan_section(document.data)
        if second is not None and document.path != first.path:
            here = document.locate("/plan", key=True)
            told[document.path] = Diagnostic(
                Severity.ERROR,
                "duplicate-plan-section",
                _other_plan_section(first_at, here),
                here,
                _second_plan_hint(first.data["plan"], first_at, here, second),
                (first_at,),
            )
    kept: list[Diagnostic] = []
    for problem in problems:
        path, pointer = problem.source.path, problem.source.pointer
        # "missing `name`", or for an empty one "expected a mapping" with a whole section
        # for example (found by review)
        if problem.code in ("missing-key", "wrong-type") and pointer == "/plan" and path in told:
            if told[path] not in kept:  # once, though `name` and `currency` are both missing
                kept.append(told[path])
        else:
            kept.append(problem)
    return kept


def _partial_plan_section(data: Any) -> dict[str, Any] | None:
    """A file's ``plan:`` section without a ``name``, as the settings it gives: ``{}`` for
    ``plan:`` with nothing under it (a section all the same), ``{"currency": "EUR"}`` for
    ``plan: EUR``; None for a section with a ``name``, or none."""
    section = _plan_section(data)
    if section is not None:
        return None if "name" in section else section
    if _empty_plan_section(data):
        return {}
    code = _currency_written(data)
    return None if code is None else {"currency": code}


def _currency_written(data: Any) -> str | None:
    """The currency a file's ``plan:`` written as one text names (``plan: EUR``,
    :func:`~engine.currencies.currency_meant`); None for a section, or any other value."""
    written = data.get("plan") if data.__class__ is dict else None
    if not isinstance(written, str):
        return None
    from engine.currencies import currency_meant  # only for a plan of several files refused

    return currency_meant(written)


def _empty_plan_section(data: Any) -> bool:
    """Whether a file's ``plan:`` key has nothing under it (a section's leftover heading)."""
    return data.__class__ is dict and "plan" in data and data["plan"] is None


def _plan_section(data: Any) -> dict[str, Any] | None:
    """A file's ``plan:`` section if it is a mapping (what else it is, the schema says)."""
    settings = data.get("plan") if data.__class__ is dict else None
    return settings if settings.__class__ is dict else None


def _second_plan_hint(
    first: Any, first_at: SourceLocation, here: SourceLocation, second: Any
) -> str:
    """How to make one ``plan:`` section of two: the settings only the second (at ``here``)
    has moved into the first (named by its file and line, not called the first: it may be
    in a file read after this one), one value chosen for each setting they give two of, then
    the second deleted. The hint had been "keep one", which left the manager to find the
    first and to work out what of the second it lacked (found by review)."""
    from engine.wording import join_words  # only for a message: not on every load

    place = f"the `plan:` section of `{_file_name(first_at, here)}` (line {first_at.line})"
    first = first if isinstance(first, dict) else {}
    keys = [key for key in second if isinstance(key, str)] if isinstance(second, dict) else []
    new = join_words([f"`{key}`" for key in keys if key not in first])
    other = join_words([f"`{key}`" for key in keys if key in first and first[key] != second[key]])
    if new and other:
        return f"move {new} into {place}, choose which {other} the plan has, then delete this one"
    if new:
        return f"move {new} into {place}, then delete this one"
    if other:
        return f"choose which {other} the plan has, in {place}, then delete this one"
    return f"delete this one: {place} already says all it says"


def _missing_plan_hint(first: str, files: int, one_file: bool) -> str:
    """How to give a plan its ``plan:`` section, ``first`` being the first of its ``files``.
    Named as one file, the plan is most often one file of a plan split over a folder
    (:func:`_split_plan_hint`). Named as a folder (or built from files of unknown origin), the
    plan is all there: the section goes into its file, or into one of its files."""
    if one_file:
        return _split_plan_hint(first)
    if files == 1:
        return f"add {PLAN_SECTION_EXAMPLE} to `{shown_text(Path(first).name)}`"
    return f"add {PLAN_SECTION_EXAMPLE} to one file"


def _split_plan_hint(first: str, option: str = "") -> str:
    """The hint of a plan named as the one file ``first``, without a ``plan:`` section
    (``backplan validate rules/public-feedback.yaml``): adding a section to it would only hide
    that the rest of the plan is missing, so the folder comes first, given as the file was: to
    ``validate`` (and ``lint``, ``render``, ``load_plan``) in its place, or with the command
    line's ``option`` (``--plan``). Both names are shown with their letters
    (:func:`~engine.errors.shown_text`): where Python reads file names as ASCII (``PYTHONUTF8=0``
    in the C locale) they hold a lone surrogate per byte of ``é``, which had made the hint
    ``commandes-??t??.yaml`` and ``--format json`` an internal error."""
    path = Path(first)
    parent = shown_text(str(path.parent))
    if option:
        import shlex

        folder = f"pass the plan's folder with `{option} {shlex.quote(parent)}`"
    else:
        folder = f"validate the plan's folder (`{parent}`)"
    return (
        f"if `{shown_text(path.name)}` is one file of a plan split over several files, "
        f"{folder} instead; otherwise add {PLAN_SECTION_EXAMPLE} to it"
    )


def given_with(
    option: str, paths: Sequence[str | Path], problems: Sequence[Diagnostic]
) -> list[Diagnostic]:
    """The problems of a plan the command line was given as ``paths`` with ``option``
    (``--plan``, for ``eval``, ``explain`` and ``test``): named as one file without a
    ``plan:`` section, it is told to pass its folder with that option: "validate the plan's
    folder" misled a manager who had run ``backplan eval --plan rules/billing.yaml`` (found by
    review). Named as a folder, the problems are as they are."""
    if not names_one_file(paths):
        return list(problems)
    return [
        dataclasses.replace(problem, hint=_split_plan_hint(problem.source.path, option))
        if problem.code == "missing-plan-section"
        else problem
        for problem in problems
    ]


def named_in_tests(
    written: str, at: SourceLocation, problems: Sequence[Diagnostic]
) -> list[Diagnostic]:
    """The problems of the plan a plan-test file names in its ``plan:`` (``written``, at
    ``at``: one file, not a folder, as :func:`engine.plantest._named_by` sees), a plan file
    without a ``plan:`` section, or without rules, told at that ``plan:``, the line to edit
    when the file is one of a plan split over a folder: it had been told at the plan file,
    with the hint to validate the plan's folder (or to add rules to a file whose rules are
    in the files beside it), which was no part of running the tests and left the test file's
    ``plan:`` as it was (found by review)."""
    return [
        _file_named_in_tests(written, at, problem, lacks)
        if (lacks := _ONE_PART_LACKS.get(problem.code)) is not None
        else problem
        for problem in problems
    ]


_ONE_PART_LACKS = {
    "missing-plan-section": ("`plan:` section", f"add {PLAN_SECTION_EXAMPLE}"),
    "no-rules": ("rules", "add `rules:` with at least a fallback rule"),
}
"""What a plan file alone lacks when it is one file of a plan split over a folder, by the
code of the problem that says so, and the fix when it is a plan of its own."""


def _file_named_in_tests(
    written: str, at: SourceLocation, problem: Diagnostic, lacks: tuple[str, str]
) -> Diagnostic:
    """The problem of one plan file named ``written`` by a test file's ``plan:`` at ``at``
    that lacks what the other files of a split plan hold (``lacks``: what, and the fix for a
    plan of its own): the folder named instead, from the test file, as its ``plan:`` is read
    (not from where the command ran); the test file cannot be in that folder."""
    name = shown_text(Path(problem.source.path).name)
    folder = shown_text(Path(written).parent.as_posix())
    named = (
        f"name the plan's folder instead: `plan: {folder}`"
        if folder != "."
        else "move this test file out of the plan's folder and name the folder in `plan:`"
    )
    what, fix = lacks
    return dataclasses.replace(
        problem,
        message=f"the plan file named here, `{shown_text(written)}`, has no {what}",
        source=at,
        hint=(
            f"if `{name}` is one file of a plan split over several files, {named}; otherwise "
            f"{fix} to `{name}`"
        ),
    )


def _make(cls: type[Model], **values: Any) -> Model:
    return make(cls, values)


def _decimal(value: Any) -> Decimal | None:
    """A plan's number as an exact Decimal; ``-0.0`` (which the schema's ``minimum: 0``
    admits) as zero, so no amount, cap or threshold derived from it reads ``-0.00``."""
    if value is None:
        return None
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return number.copy_abs() if number.is_zero() else number


class _Builder:
    """Converts one document at a time, collecting problems instead of stopping at the first.

    Models are made with ``_make``: the schema has already checked every value and the builder
    gives each field its model type, so validating again would only cost time (a third of
    loading a 10,000-rule plan).
    """

    def __init__(self) -> None:
        self.problems: list[Diagnostic] = []
        self.templates: dict[str, Template] = {}
        self.durations: dict[str, str] = {}  # duration -> why it is refused ("" if it is fine)
        self.locate: Callable[[str], SourceLocation]  # the current document's
        self.document: LoadedDocument | None = None  # to locate a key
        self.data: Any = None  # the current document's, to name a rule in a message

    def start(self, document: LoadedDocument) -> None:
        """Build from this document on: locate in it, and name its rules in messages."""
        self.locate = document.value_locator()
        self.document = document
        self.data = document.data

    def error(
        self,
        at: SourceLocation,
        code: str,
        message: str,
        hint: str,
        related: SourceLocation | None = None,
    ) -> None:
        self.problems.append(
            Diagnostic(Severity.ERROR, code, message, at, hint, (related,) if related else ())
        )

    def settings(self, raw: dict[str, Any], at: SourceLocation) -> PlanSettings:
        policy = raw.get("compensation", {})
        return _make(
            PlanSettings,
            name=raw["name"],
            owner=raw.get("owner", ""),
            description=raw.get("description", ""),
            currency=raw["currency"],
            match=raw.get("match", "all"),
            extra_fields=tuple(raw.get("extra_fields", ())),
            compensation=_make(
                CompensationPolicy,
                combine=policy.get("combine", "max"),
                per_event_max=_decimal(policy.get("per_event_max")),
                approval_above=_decimal(policy.get("approval_above")),
            ),
            at=at,
        )

    def condition(self, raw: dict[str, Any], pointer: str) -> Condition:
        at = self.locate(pointer)
        if "field" in raw:  # most nodes of a plan: made without the keyword-argument layer
            # A test has its operator: the schema, or a stand-in (soundparts), saw to it.
            for op in raw:  # pragma: no branch
                if op in _OPERATORS:
                    break
            ignore_case = raw.get("ignore_case", False)
            # A list (in, between...) as a tuple: it cannot be changed. Its texts composed, as
            # every text is compared (engine.textforms).
            value = frozen(composed_value(raw[op]))
            values = {"field": raw["field"], "op": op, "value": value, "ignore_case": ignore_case}
            return make(FieldTest, {**values, "at": at})
        if "all" in raw:
            return _make(AllOf, items=self.conditions(raw["all"], f"{pointer}/all"), at=at)
        if "any" in raw:
            return _make(AnyOf, items=self.conditions(raw["any"], f"{pointer}/any"), at=at)
        if "not" in raw:
            return _make(Not, item=self.condition(raw["not"], f"{pointer}/not"), at=at)
        return _make(Use, name=raw["use"], at=at)

    def conditions(self, raw: list[dict[str, Any]], pointer: str) -> tuple[Condition, ...]:
        return tuple(self.condition(item, f"{pointer}/{i}") for i, item in enumerate(raw))

    def when(self, raw: dict[str, Any], pointer: str) -> tuple[tuple[str, ...] | None, AllOf]:
        events = raw.get("event")
        types = (events,) if isinstance(events, str) else tuple(events) if events else None
        parts: list[Condition] = []
        if "all" in raw:
            parts.extend(self.conditions(raw["all"], f"{pointer}/all"))
        for key in ("any", "not", "use"):
            if key in raw:
                parts.append(self.condition({key: raw[key]}, pointer))
        return types, make(AllOf, {"items": tuple(parts), "at": self.locate(pointer)})

    def rule(self, raw: dict[str, Any], pointer: str, position: int) -> Rule:
        events, condition = (
            self.when(raw["when"], f"{pointer}/when")
            if "when" in raw
            else (None, _make(AllOf, items=(), at=self.locate(pointer)))
        )
        return _make(
            Rule,
            id=raw["id"],
            title=raw["title"],
            description=raw.get("description", ""),
            priority=int(raw.get("priority", 0)),
            enabled=raw.get("enabled", True),
            tags=tuple(raw.get("tags", ())),
            events=events,
            condition=condition,
            then=self.actions(raw.get("then", []), f"{pointer}/then", "remedy"),
            prevent=self.actions(raw.get("prevent", []), f"{pointer}/prevent", "prevention"),
            stop=raw.get("stop", False),
            fallback=raw.get("fallback", False),
            position=position,
            at=self.locate(pointer),
        )

    def actions(
        self, raw: list[dict[str, Any]], pointer: str, purpose: Purpose
    ) -> tuple[Action, ...]:
        return tuple(self.action(item, f"{pointer}/{i}", purpose) for i, item in enumerate(raw))

    def action(self, raw: dict[str, Any], pointer: str, purpose: Purpose) -> Action:
        [(kind, params)] = raw.items()
        inner = join_pointer(pointer, kind)
        params = dict(params or {})
        within = params.pop("within", None)
        refused = self.duration_problem(within) if within is not None else ""
        if refused:
            self.error(
                self.locate(join_pointer(inner, "within")),
                "bad-duration",
                refused + where_in_plan(join_pointer(inner, "within"), self.data),
                DEADLINE_HINT,
            )
        message = self.template(params.pop("message", None), inner, "message")
        fields: dict[str, Any] = {}
        if kind.startswith("x-"):
            fields["extra"] = tuple(sorted((name, frozen(v)) for name, v in params.items()))
            self.merge_keys(params, inner)
        else:
            for name, value in params.items():
                if name in ("amount", "percent", "min", "max"):
                    value = _decimal(value)
                elif name == "item":
                    value = self.template(value, inner, name)
                elif name == "tags":
                    value = tuple(value)
                fields[name] = value
        at = self.locate(inner)
        return make(
            Action,
            {"type": kind, "purpose": purpose, "within": within, "message": message, "at": at}
            | fields,
        )

    def merge_keys(self, params: dict[str, Any], pointer: str) -> None:
        """Refuse every key ``<<`` among a custom action's parameters (``slips.merge_keys``):
        everywhere else the schema refuses it."""
        from engine.slips import MERGE_KEY, merge_keys  # the hints' package: only for `x-` actions

        assert self.document is not None
        message, hint = MERGE_KEY
        for key in merge_keys(params, pointer):
            at = self.document.locate(key, key=True)
            self.error(at, "unknown-key", message + where_in_plan(key, self.data), hint)

    def duration_problem(self, within: str) -> str:
        """Why a deadline is refused, or "" when it is fine (once per distinct text)."""
        reason = self.durations.get(within)  # plans repeat their deadlines
        if reason is None:
            try:
                parse_duration(within)
                reason = ""
            except DurationError as exc:
                reason = str(exc)
            self.durations[within] = reason
        return reason

    def template(self, raw: str | None, parent: str, key: str) -> Template | None:
        """The template at ``parent``/``key``, parsed once per distinct text."""
        if raw is None:
            return None
        known = self.templates.get(raw)  # plans repeat their messages; templates are immutable
        if known is not None:
            return known
        try:
            parsed = self.templates[raw] = parse_template(raw)
            return parsed
        except TemplateError as exc:
            pointer = join_pointer(parent, key)
            at = inside_text(self.locate(pointer), raw, exc.offset)
            where = where_in_plan(pointer, self.data).strip()  # first: the reason ends in advice
            message = f"{where}: {exc}" if where else str(exc)
            self.error(at, "bad-template", message, exc.hint)
            return None
