"""File patterns the command line was given as they are, no shell having expanded them
(``'events/*.jsonl'`` quoted, or given by what runs no shell: a systemd unit's ExecStart, a
Dockerfile's ``CMD [...]``): what such a pattern names, with ``**`` as a shell with globstar reads
it, and what to tell the person who gave it. Kept out of ``engine.cli``, which only asks."""

from __future__ import annotations

import os
from typing import Any

from engine.errors import named_path as _shown


def unexpanded_pattern(value: Any, several: bool = True) -> str | None:
    """For a path that names nothing but is a pattern that names files (``events/*.jsonl``,
    quoted, or given by what runs no shell: a systemd unit's ExecStart, a Dockerfile's
    ``CMD [...]``, a program's list of arguments), why it names nothing and what to give;
    ``*`` matching nothing is said so, with no name close to it (none is meant); None for
    any other. click said "File 'events/*.jsonl' does not exist." of a folder of
    them, and ``report 'out-*.jsonl'`` was asked "did you mean `out-1.jsonl`?", one of the
    files it names, which reported on one of them where all were meant (found by an
    operator's replay). ``**`` is any folders deep, as in a shell with globstar (zsh's
    default): `events/**/*.json` had been told it matches nothing beside files of `events/`
    (found by review). Where one path is taken (``several`` false: ``explain``'s event), it
    says to name one of them: "name each one" had been said there too."""
    import glob

    if not isinstance(value, str) or not glob.has_magic(value) or os.path.lexists(value):
        return None
    pattern = _pattern_meant(value)
    named = _globbed(pattern)
    if not named:  # `*` is in no name one means: no name close to it is meant either
        return _matching_nothing(pattern) if "*" in value else None
    from engine.errors import counted

    kind = (
        "file"
        if all(os.path.isfile(n) for n in named)
        else "folder"
        if all(os.path.isdir(n) for n in named)
        else "path"
    )
    return (
        f"{_shown(value)} does not exist: it is a pattern, for {counted(len(named), kind)} "
        f"(the first: `{_shown(named[0])}`), that no shell expanded, as it was quoted or given "
        "where no shell runs (a systemd unit's ExecStart, a Dockerfile's CMD [...], a "
        "program's list of arguments); "
        + (
            "leave it unquoted in a shell, or name each one"
            if several
            else "name one of them"
            if len(named) > 1
            else "name it"
        )
        + (f" (folders are separated by `/` here: `{_shown(pattern)}`)" if pattern != value else "")
    )


def _pattern_meant(value: str) -> str:
    """``value``, a pattern, as it is meant: with ``/`` for Windows' backslashes when it
    matches nothing as written and something so (``events\\*.json``, typed as on Windows,
    which had been told "no file matches it"; found by review)."""

    if os.sep != "/" or "\\" not in value or _globbed(value):
        return value
    slashed = value.replace("\\", "/")
    return slashed if _globbed(slashed) else value


def _globbed(pattern: str, *, include_hidden: bool = False) -> list[str]:
    """The paths ``pattern`` names, sorted, with ``**`` as any folders deep, as a shell with
    globstar reads it: through folders, not links to folders. ``glob(recursive=True)``
    followed those links, and a folder holding two that lead back up (``here -> .``,
    ``up -> ..``) had `eval 'events/**/*.jsonl'` walk the same folders twice over at each of
    the 40 links deep the system follows, without end (found by review)."""
    import glob

    parts = pattern.split("/")
    if "**" not in parts:
        return sorted(glob.glob(pattern, include_hidden=include_hidden))
    at = parts.index("**")
    base = "/".join(parts[:at]) or ("/" if at else "")
    folders = [f for f in _globbed(base, include_hidden=include_hidden) if os.path.isdir(f)]
    found: list[str] = []
    for folder in folders if base else [""]:
        ways = _folders_under(folder, include_hidden)
        found += ways[:1] if at == len(parts) - 1 and ways[0] else []  # `events/**`: events/
        for way in ways:
            found += _globbed_in(way, parts[at + 1 :], include_hidden)
    return sorted(set(found))


def _folders_under(folder: str, include_hidden: bool) -> list[str]:
    """``folder`` (``""``: the working folder) and each folder under it, not through links,
    each ending in ``/`` (``""`` for the working folder itself), as a pattern begins them."""
    start = folder or os.curdir
    ways: list[str] = []
    for root, folders, _files in os.walk(start):  # links to folders are not walked into
        folders[:] = [f for f in folders if include_hidden or not f.startswith(".")]
        way = root[len(start) :].lstrip("/")
        ways.append(os.path.join(folder, way, "") if folder or way else "")
    return ways


def _globbed_in(way: str, rest: list[str], include_hidden: bool) -> list[str]:
    """What the rest of a pattern after ``**`` (``rest``, its parts) names in the folder
    ``way``: each of its entries when the pattern ends at ``**``."""
    import glob

    if not rest:  # `events/**`: each name in each folder
        return glob.glob(glob.escape(way) + "*", include_hidden=include_hidden)
    return _globbed(glob.escape(way) + "/".join(rest), include_hidden=include_hidden)


def _matching_nothing(pattern: str) -> str:
    """What a ``*`` pattern that no visible file matches is told: the hidden files it leaves
    out (``given/.2026-11.jsonl``), which a shell leaves out too, passing the pattern as it
    is, are named."""

    hidden = _globbed(pattern, include_hidden=True)
    told = f"{_shown(pattern)} does not exist, and no file matches it"
    if not hidden:
        return told
    return (
        f"{told} but hidden ones (the first: `{_shown(hidden[0])}`), which a `*` leaves out, "
        "as a shell's does: name them"
    )
