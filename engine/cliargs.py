"""The commands' path arguments: click's paths, named as the rest of Backplan names files, and
a folder given where files go answered with what to give instead.

Kept apart from ``engine.cli``, which declares the commands: what a folder holds (a plan,
plan tests, events, decisions) decides what a refused folder is told, and that reading of
folders is its own idea, with its own tests (``tests/cli/test_authoring_cli.py``)."""

from __future__ import annotations

import contextlib
import os
import shlex
from typing import Any

import click


class NamedPath(click.Path):
    """click's path, whose every message names it as the rest of Backplan does
    (:func:`named`): click wrote a byte of the name that is not UTF-8 as ``�`` ("Path
    'rules�' does not exist.", "File 'out�' is a directory."), so the manager could not
    tell which file was meant, where validate's own messages say ``rules\\xff``."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """click's checks, its refusal said again with the name as :func:`named` writes it."""
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as refused:  # "Path 'rules�' does not exist.", and the like
            clicks = repr(click.format_filename(value))
            self.fail(refused.message.replace(clicks, f"'{named(value)}'"), param, ctx)


class ExistingPath(NamedPath):
    """click's path that must exist, but a link to nothing is named for what it is, as a plan
    folder's is (``engine.planfile.broken_link``): click said a link in a loop of links "does
    not exist", though the file it names is right there (found by review)."""

    read_by_name = (
        "a plan, which is read from its folder or its .yaml files: name them (a plan sent "
        "down a pipe is saved to a .yaml file first, then named)"
    )
    """What ``-`` is given for where a path takes no standard input, and what to give instead
    (:meth:`convert`): the plan, here."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """Refuse, before click's "does not exist", what can be told better: ``-`` where no
        standard input is read, a link to nothing, a pattern no shell expanded, a path written
        with ``\\``, a name close to one beside it."""
        if value == "-" and not self.allow_dash and not os.path.lexists(value):
            self.fail(f"`-` (standard input) cannot be read as {self.read_by_name}", param, ctx)
        if value != "-" and os.path.islink(value) and not os.path.exists(value):
            from engine.planfile import broken_link  # only for a link to nothing

            link = broken_link(value) or "a link to nothing"
            self.fail(f"{named(value)} is {link}", param, ctx)
        several = param is None or param.multiple or param.nargs != 1
        from engine.shellpatterns import unexpanded_pattern

        pattern = unexpanded_pattern(value, several)
        if pattern is not None:  # `'events/*.jsonl'`, quoted, or in a unit run by no shell
            self.fail(pattern, param, ctx)
        slashed = _with_slashes(value)
        if slashed is not None:  # `rules\00-plan.yaml`, typed as on Windows
            self.fail(
                f"{named(value)} does not exist; did you mean `{named(slashed)}`? (folders are "
                "separated by `/` here)",
                param,
                ctx,
            )
        beside = _name_beside(value)
        if beside is not None:  # `shop/rule` for `shop/rules`
            self.fail(f"{named(value)} does not exist; did you mean `{beside}`?", param, ctx)
        return super().convert(value, param, ctx)


def _name_beside(value: Any) -> str | None:
    """For a path that names nothing (``shop/rule``, ``ev/revew.json``), the path with its last
    name mended to one of an entry in its folder that is close to it (``shop/rules``:
    :func:`engine.caseevent.name_meant`); None when it exists, or none is close. click said
    only "Invalid value for 'PATHS...': Path 'shop/rule' does not exist." (found by review)."""
    if value == "-" or not isinstance(value, str) or os.path.lexists(value):
        return None
    from pathlib import Path

    from engine.caseevent import name_meant  # only for a path that names nothing

    meant = name_meant(Path(value))
    return named(str(meant)) if meant is not None else None


def named(path: Any) -> str:
    """A path from the command line as every message of Backplan names it
    (:func:`engine.errors.named_path`)."""
    from engine.errors import named_path

    return named_path(path)


def _with_slashes(value: Any) -> str | None:
    """A path written with Windows' backslashes (``rules\\00-plan.yaml``) that exists with
    ``/`` in their place, as it is then meant; None for any other. click said only "Path
    'rules\\\\00-plan.yaml' does not exist.", its backslashes doubled (found by review)."""
    if os.sep != "/" or not isinstance(value, str) or "\\" not in value or os.path.exists(value):
        return None
    slashed = value.replace("\\", "/")
    return slashed if os.path.exists(slashed) else None


class FileNotFolderPath(ExistingPath):
    """A file, or ``-``; a folder is refused with what to give instead (:meth:`_instead`),
    as a folder given for a command's files is most likely the plan's, ``--plan`` left out."""

    noun = ""
    """What the command's files hold (``events``), as the refusal says a folder is not."""

    def __init__(self) -> None:
        super().__init__(exists=True, dir_okay=False, allow_dash=True)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """A folder refused with what to give instead; click had said only that it is one."""
        if value != "-" and os.path.isdir(value):
            # `events/`, as a shell completes a folder, had been told `events//*.json`
            folder = value.rstrip("/" + os.sep) or value
            self.fail(
                f"{named(value)} is a folder, not {self.noun}: {self._instead(folder)}", param, ctx
            )
        return super().convert(value, param, ctx)

    def _instead(self, folder: str) -> str:
        raise NotImplementedError


def _each_named(folder: str, names: list[str]) -> str:
    """The files ``names`` of ``folder``, each named as a shell takes it: hidden ones, which
    its glob leaves out."""
    from engine.inputkind import shell_word

    return " ".join(shell_word(os.path.join(folder, name)) for name in names)


def _ending_in(names: list[str], ending: str, hidden: bool = True) -> bool:
    """Whether a file of ``names`` ends with ``ending`` (``hidden``: or only a hidden one,
    which the shell's ``*`` leaves out)."""
    return any(name.endswith(ending) and (hidden or name[:1] != ".") for name in names)


def _names_beside_no_plan(folder: str) -> list[str] | None:
    """The names in a folder that holds no plan file, in order; None for a folder that holds
    one (or cannot be read): what a command told it was given a folder suggests from.

    A plan-test file is no plan file: `backplan eval examples` (a plan's tests beside its
    example events, as `init` writes them) had been told to decide "with the plan in it",
    `--plan examples`, which refuses the plan tests as no plan (found by review)."""
    from engine.planfile import a_plan_name  # a plan folder's files, in any case

    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return None
    plans = (n for n in names if a_plan_name(n) and not _not_plan(os.path.join(folder, n)))
    return None if any(plans) else names


def _not_plan(path: str) -> bool:
    """Whether the YAML file at ``path`` is no plan file: plan tests (a top-level ``cases:``)
    or an event written in YAML (``engine.inputkind.yaml_event``). A folder of events
    written in YAML had been told to decide "with the plan in it", `--plan FOLDER`, which
    refuses each of them as no plan (found by review)."""
    from engine.inputkind import yaml_event_in

    return _plan_tests(path) or yaml_event_in(path) is not None


def _plan_tests(path: str) -> bool:
    """Whether the file at ``path`` is a plan-test file (a top-level ``cases:``)."""
    from engine.inputkind import head, yaml_kind

    with contextlib.suppress(OSError), open(path, "rb") as handle:
        return yaml_kind(head(handle)) == "tests"
    return False


def _events_beside_tests(folder: str, names: list[str]) -> tuple[str, list[str], str] | None:
    """For a folder of plan tests with a folder of events beside them (``examples``, as
    ``init`` writes it: ``plan-tests.yaml`` and ``events/``), that folder's name, its names
    and its event files' ending (``.json``, else ``.jsonl``); None for any other folder. What
    ``eval`` and ``report`` told that folder point to, the events to decide."""
    if not any(_plan_tests(os.path.join(folder, name)) for name in names):
        return None
    for name in names:
        inside = os.path.join(folder, name)
        held = _names_beside_no_plan(inside) if os.path.isdir(inside) else None
        for ending in (".json", ".jsonl"):
            if held is not None and any(n.endswith(ending) for n in held):
                return name, held, ending
    return None


def _holds_no(folder: str, names: list[str], files: str) -> str:
    """That a folder holding no plan holds none of ``files``, and its plan tests if any: a
    folder of plan tests alone had been told it holds "no plan (.yaml)", untrue of its YAML
    files, and no word of them (found by review)."""
    tests = [name for name in names if _plan_tests(os.path.join(folder, name))]
    if not tests:
        return f"it holds no {files} and no plan (.yaml)"
    return f"it holds plan tests ({', '.join(tests)}), no {files} and no plan"


class EventsPath(FileNotFolderPath):
    """A file of events, or ``-``. A folder given there is most likely a plan's (``backplan
    eval my-plan/rules complaint.json``, ``--plan`` left out), so saying only that it is a
    folder would leave the author stuck: the message says how to give it."""

    noun = "events"

    def __init__(self, command: str, events: str) -> None:
        super().__init__()
        self.command, self.events = command, events  # `eval`, `EVENTS.json`

    def _instead(self, folder: str) -> str:
        """What to give instead of a folder: its events' files, when it holds JSON files and no
        plan (``examples/events``), else its plan, with ``--plan``."""
        from engine.inputkind import shell_word, yaml_event_in

        shown = named(folder)
        names = _names_beside_no_plan(folder)
        if names is not None:
            endings = [ending for ending in (".json", ".jsonl") if _ending_in(names, ending)]
            if endings:  # one the shell's glob finds, first
                ending = min(endings, key=lambda found: not _ending_in(names, found, False))
                return self._its_files(shown, names, ending)
            events = _events_beside_tests(folder, names)
            if events is not None:  # `examples`: tests, and events in `events`
                name, held, ending = events
                return self._its_files(os.path.join(shown, name), held, ending)
            written = [(n, j) for n in names if (j := yaml_event_in(os.path.join(folder, n)))]
            if written:  # events written in YAML: eval reads JSON
                name, (as_json, said) = written[0]
                return (
                    f"its files are events written in YAML ({name}"
                    f"{f' and {len(written) - 1} more' if len(written) > 1 else ''}), and "
                    f"{self.command} reads events written in JSON: write each as JSON, "
                    f"`{as_json}` for {name}{said}"
                )
            return (
                f"{_holds_no(folder, names, 'event files (.json, .jsonl)')}: name the event files"
            )
        plan = shell_word(shown)
        return (
            f"to decide with the plan in it, `backplan {self.command} --plan {plan} {self.events}`"
        )

    def _its_files(self, folder: str, names: list[str], ending: str) -> str:
        """The command that takes a folder's event files: ``eval`` takes them all (the shell's
        glob, unquoted); ``explain`` takes one event file, so it is given one of them, and
        ``eval --explain`` for them all. ``backplan explain DIR/*.json`` had been suggested,
        which explain refuses ("Got unexpected extra arguments") (found by review)."""
        from engine.inputkind import shell_word

        held = [name for name in names if name.endswith(ending)]
        seen = [name for name in held if name[:1] != "."]  # the glob leaves hidden files out
        files = shell_word(folder) + "/*" + ending
        if not seen:  # hidden alone: named (found by review)
            files = _each_named(folder, held)
        if self.command != "explain":
            return f"to decide the events in it, name its files: `backplan {self.command} {files}`"
        first = (seen or held)[0]
        return (
            f"name one of its files, such as `backplan explain {shell_word(f'{folder}/{first}')}`"
            f"; `backplan eval --explain {files}` explains them all, one JSON line each"
        )


class DecisionsPath(FileNotFolderPath):
    """A file of decisions, or ``-``. A folder given to ``report`` had been told only click's
    "File 'rules' is a directory.", with no word of what to give instead: most likely the
    plan's folder, ``--plan`` left out (``backplan report rules decisions.jsonl``), or a
    folder of eval's output files (found by an analyst's review)."""

    noun = "decisions"

    def _instead(self, folder: str) -> str:
        """Its plan with ``--plan``, when it holds one; else its files of decisions, when it
        holds ``.jsonl`` files; else, for plan tests beside a folder of events (``examples``,
        as ``init`` writes it), how to decide those events: it had been told it holds "no plan
        (.yaml)", true of its ``plan-tests.yaml`` but read as a contradiction, and not what to
        do (found by review)."""
        from engine.inputkind import eval_into_report, event_globs, shell_word

        shown = shell_word(named(folder))
        names = _names_beside_no_plan(folder)
        if names is None:
            return (
                "to hold the decisions to the plan in it, "
                f"`backplan report --plan {shown} DECISIONS.jsonl`"
            )
        events = event_globs(named(folder), names)
        lines = [name for name in names if name.endswith(".jsonl")]
        decisions = "to report on the decisions in it, name its files: `backplan report {}`"
        if any(name[:1] != "." for name in lines) and f"{shown}/*.jsonl" not in events:
            return decisions.format(f"{shown}/*.jsonl")
        if events:  # told at once: named, its files said to hold events (found by review)
            return f"it holds events: decide them first, {eval_into_report(' '.join(events))}"
        if lines:  # hidden alone: named, the shell's `*` leaves them out (found by review)
            return decisions.format(_each_named(named(folder), lines))
        beside = _events_beside_tests(folder, names)
        if beside is not None:  # `examples`: "no plan (.yaml)" of its plan-tests.yaml
            name, held, ending = beside
            inside = os.path.join(named(folder), name)
            files = event_globs(inside, held) or [f"{shell_word(inside)}/*{ending}"]
            return (
                f"it holds plan tests, and events in {shlex.quote(inside)}: decide them first, "
                + eval_into_report(" ".join(files))
            )
        return f"{_holds_no(folder, names, 'files of decisions (.jsonl)')}: name the files of decisions"


class ComparedPath(DecisionsPath):
    """One side of ``backplan compare``: a file of decisions, or ``-``. A folder is told what
    compare takes, one file a side; a plan's folder, how to decide the events with it first:
    report's hint, ``backplan report --plan rules DECISIONS.jsonl``, named a command that
    compares nothing."""

    def _instead(self, folder: str) -> str:
        """One file of decisions for each side; for a plan's folder, eval with it first."""
        from engine.inputkind import shell_word

        each = (
            "name one file of decisions for each side: `backplan compare BEFORE.jsonl AFTER.jsonl`"
        )
        if _names_beside_no_plan(folder) is None:
            plan = shell_word(named(folder))
            return (
                f"decide the same events with the plan in it first, `backplan eval --plan {plan} "
                f"EVENTS.jsonl > AFTER.jsonl`, then {each.replace('name', 'give', 1)}"
            )
        return each


class TestFilesPath(ExistingPath):
    """A plan-test file. A folder given there is said with what to give instead: its test
    files, or, for a plan's folder, ``--plan`` (``engine.inputkind.test_folder_note``)."""

    read_by_name = (
        "a plan-test file, which is read by its name (its `plan:` and `event_file:` are "
        "relative to it): name the file"
    )

    def __init__(self) -> None:
        super().__init__(exists=True, dir_okay=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """A folder refused with its test files, or ``--plan`` for a plan's folder."""
        if os.path.isdir(value):
            from engine.inputkind import test_folder_note

            self.fail(
                f"{named(value)} is a folder, not a test file: {test_folder_note(value)}",
                param,
                ctx,
            )
        return super().convert(value, param, ctx)
