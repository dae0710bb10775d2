"""``backplan init DIR``: a copy of the starter plan, with its tests, for a business to edit.

A business adopts Backplan by copying the shipped starter plan and changing it. The copy mirrors
the repository's layout, so the relative references inside the files keep working unchanged:

* ``rules/``: the starter plan (each file's ``$schema`` comment points at ``../schemas/``);
* ``schemas/``: the JSON Schemas editors use for completion and checking, offline;
* ``examples/``: the plan tests and the example complaint events they are written against.

Initialising never overwrites anything: if any file it would write already exists, it writes
nothing at all and reports every such file, so a half-edited plan is never clobbered and a
refused ``init`` leaves the folder exactly as it was. Nor does it add to a plan: a plan is
every YAML file of its folder, so the starter's files beside ones already in ``rules/``
would make one plan of both (two ``plan:`` sections, rules of the same id); those are
reported the same way.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from engine.errors import BackplanError
from engine.resources import schemas_dir, starter_plan_dir

SCHEMA_FILES = ("plan.schema.json", "plantest.schema.json")
"""The schemas the copied files refer to (plan files, and the plan-test file)."""
PLAN_TESTS = "plan-tests.yaml"
"""The plan-test file, inside ``examples/``."""


class InitRefusedError(BackplanError):
    """``init`` would overwrite existing files, or add to a plan in ``rules/``; nothing was
    written."""

    def __init__(self, target: Path, existing: tuple[Path, ...]) -> None:
        names = ", ".join(str(p) for p in existing)
        super().__init__(
            f"{target} already holds files the starter plan would overwrite or be read with: "
            f"{names}"
        )
        self.target = target
        self.existing = existing


@dataclass(frozen=True, slots=True)
class CopyItem:
    """One file to write: where it comes from, and where it goes relative to DIR."""

    source: Path
    relative: Path


def examples_dir() -> Path:
    """The shipped examples folder: beside ``rules/`` in a checkout (and in a wheel's data)."""
    return starter_plan_dir().parent / "examples"


def starter_files() -> list[CopyItem]:
    """Every file ``init`` writes, in a stable order (plan, schemas, then examples)."""
    items: list[CopyItem] = []
    rules = starter_plan_dir()
    items.extend(
        CopyItem(path, Path("rules") / path.relative_to(rules))
        for path in sorted(rules.rglob("*"))
        if path.is_file() and path.suffix in (".yaml", ".yml")
    )
    # The schemas are always shipped (test_packaging holds it; validate and test read them),
    # unlike the examples, which a wheel may be built without.
    items.extend(CopyItem(schemas_dir() / name, Path("schemas") / name) for name in SCHEMA_FILES)
    examples = examples_dir()
    tests = examples / PLAN_TESTS
    if tests.is_file():
        items.append(CopyItem(tests, Path("examples") / PLAN_TESTS))
    events = examples / "events"
    if events.is_dir():
        items.extend(
            CopyItem(path, Path("examples") / path.relative_to(examples))
            for path in sorted(events.glob("*"))
            if path.is_file() and path.suffix in (".json", ".jsonl")
        )
    return items


def init_plan(target: str | Path) -> list[Path]:
    """Copy the starter plan and its tests into ``target`` (created if needed).

    Returns the files written, relative to ``target``. Raises :class:`InitRefusedError` naming every
    file that already exists (then nothing is written), or :class:`BackplanError` when the
    target cannot be written (it is a file, permission is denied, or a name is too long).
    """
    root = Path(target)
    items = starter_files()
    try:
        _writable_folder(root)
        existing = _in_the_way(root, items)
    except OSError as exc:  # a name too long for the system: it answers no question about it
        reason = exc.strerror or type(exc).__name__
        raise BackplanError(f"cannot write {exc.filename or root}: {reason}") from None
    if existing:
        raise InitRefusedError(root, existing)
    written: list[Path] = []
    folders: list[Path] = []  # those that were not there, to take back with the copies
    try:
        for item in items:
            destination = root / item.relative
            folders.extend(_missing_folders(destination.parent))
            destination.parent.mkdir(parents=True, exist_ok=True)
            # "x" mode: never replace a file that appeared since the check above.
            with item.source.open("rb") as source, destination.open("xb") as out:
                written.append(item.relative)
                shutil.copyfileobj(source, out)
    except OSError as exc:
        _remove(root, written, folders)  # all or nothing: take back this call's own work
        ours = {root / item.relative for item in items}
        if isinstance(exc, FileExistsError) and Path(str(exc.filename)) in ours:
            raise InitRefusedError(root, (Path(str(exc.filename)).relative_to(root),)) from None
        if isinstance(exc, FileExistsError):  # a file or a broken link where a folder goes
            raise BackplanError(
                f"cannot write {exc.filename}: a file or a broken link stands where a folder "
                "is needed"
            ) from None
        reason = exc.strerror or type(exc).__name__
        raise BackplanError(f"cannot write {exc.filename or root}: {reason}") from None
    return written


def _writable_folder(root: Path) -> None:
    """Refuse a ``root`` that is a link to nothing or a file (:class:`BackplanError`). The
    system's own refusal to look (``OSError``: a name too long) is left to the caller."""
    if root.is_symlink() and not root.exists():
        from engine.planfile import LINK_LOOP, broken_link

        link = broken_link(root) or "a link to nothing"
        fix = "" if link == LINK_LOOP else ", or make the folder it points to"
        raise BackplanError(f"{root} is {link}; choose a new folder name{fix}")
    if root.exists() and not root.is_dir():
        raise BackplanError(f"{root} is a file, not a folder; choose a new folder name")


def _in_the_way(root: Path, items: list[CopyItem]) -> tuple[Path, ...]:
    """The starter's files already in ``root``, and the YAML files of a plan already in its
    ``rules/`` (read with the starter, they would make one plan), relative to ``root``."""
    return tuple(
        sorted(
            {item.relative for item in items if (root / item.relative).exists()}
            | {path.relative_to(root) for path in _plan_files_in(root / "rules")}
        )
    )


def _plan_files_in(folder: Path) -> list[Path]:
    """The YAML files a plan read from ``folder`` would read (none when it is no folder)."""
    from engine.planfile import yaml_files_in

    return yaml_files_in(folder, []) if folder.is_dir() else []


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and its parents that do not exist yet, deepest first."""
    missing: list[Path] = []
    while not folder.exists() and not folder.is_symlink() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def _remove(root: Path, written: list[Path], folders: list[Path]) -> None:
    """Take back the files this call wrote, and the folders it made (those that were not there
    and are empty now), so that a refused ``init`` leaves no empty ``rules/`` behind."""
    for relative in written:
        (root / relative).unlink(missing_ok=True)
    for folder in sorted(set(folders), key=lambda path: len(path.parts), reverse=True):
        with contextlib.suppress(OSError):  # rmdir takes only an empty folder
            folder.rmdir()
