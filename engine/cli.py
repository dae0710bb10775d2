"""The ``backplan`` command: a thin shell over the library.

Commands parse arguments, call ``engine`` functions, format output and map outcomes to exit
codes: 0 ok, 1 the input or plan has problems (reported), 2 usage error (or, for commands that
need a plan, a plan that cannot be loaded). Heavy modules are imported inside commands so
``backplan --help`` starts fast. No traceback ever reaches a user.
"""

from __future__ import annotations

if __name__ == "__main__":  # `python -m engine.cli`: run the module engine.cli, as `python -m
    import engine.__main__  # noqa: F401  engine` does, before this copy defines it all again

    raise SystemExit
import atexit
import contextlib
import functools
import gc
import os
import shlex
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn, TextIO, TypeVar, cast

import click

from engine.cliargs import (
    ComparedPath,
    DecisionsPath,
    EventsPath,
    ExistingPath,
    NamedPath,
    TestFilesPath,
    named,
)
from engine.cliinputs import (
    opened_inputs,
    skip_input,
    standard_input,
    tell_user,
)
from engine.command import INTERRUPTED
from engine.output import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    OutputError,
    QuietErrors,
    Reached,
    ReaderGoneError,
    Stopped,
    binary_stdout,
    guarded_stdout,
    reach,
    stop_if_dropped,
    stopping_on_signals,
    waiting_stdin,
    write_document,
)

if TYPE_CHECKING:
    from engine.api import Plan
    from engine.errors import Diagnostic, PlanError, PlanTestFileError
    from engine.inputkind import HeadKept
    from engine.model import PlanModel
    from engine.report import Period, ReportCounts
    from engine.tally import Answerer, Tally


class _PlanPathsCommand(click.Command):
    """A command whose arguments are the plan's files or folders (``validate``, ``lint``,
    ``render``), where ``eval``, ``explain``, ``test`` and ``report`` name a plan with
    ``--plan``: a user who writes ``--plan`` here too is shown the command without it, where
    click said only "No such option '--plan'."."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        given = [*args]  # click's parser consumes the list it is given
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as error:
            if error.option_name != "--plan":
                raise
            rest = [
                arg.removeprefix("--plan=") for arg in given if arg not in ("--plan", "--plan=")
            ]
            command = shlex.join(["backplan", str(self.name), *rest])
            if not self._names_a_path(ctx, rest):  # `backplan validate` alone fails for want of one
                command += " PATH..."
            raise click.NoSuchOption(
                "--plan",
                f"No such option '--plan': `{self.name}` takes the plan's files or folders "
                f"themselves: `{command}`",
                ctx=error.ctx,
            ) from None

    def _names_a_path(self, ctx: click.Context, args: list[str]) -> bool:
        """Whether ``args`` name a plan path (``--plan`` given without one, or alone, left the
        command shown without any: `backplan validate`, itself refused for want of a path). When
        the options cannot be read, the command is shown as given."""
        try:
            values, _, _ = self.make_parser(ctx).parse_args(args)
        except click.UsageError:
            return True
        paths = values.get("paths")
        return isinstance(paths, tuple) and bool(paths)


class _Choice(click.Choice):  # type: ignore[type-arg]  # (no type argument before click 8.2)
    """click's Choice, a value it refuses quoted with its letters (``'jsön' is not one of
    'text', 'json'``): click quotes it with ``repr``, which wrote each byte of ``ö`` read as
    ASCII (see :func:`_show_refused`) as ``\\udcc3``, past any help from the message's
    writer."""

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        from engine.errors import shown_path

        shown = shown_path(value) if isinstance(value, str) else value
        return super().get_invalid_choice_message(shown, ctx)


class _PeriodChoice(_Choice):
    """``report --by``'s periods, a value that is none told of ``--per``: `--by store` (the
    cost per site) had been told only that `store` is not one of the periods."""

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        refused = super().get_invalid_choice_message(value, ctx)
        return (
            f"{refused} --by counts the trend in periods; to split the report by a field of "
            "the events (the store, the region), give --per FIELD --events EVENTS.jsonl."
        )


def _format_option(
    help_text: str, choices: tuple[str, ...] = ("text", "json")
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A command's ``--format`` option (into ``fmt``; the first choice the default), with what
    each format is: six commands had written the option out without a word of help."""
    return click.option(
        "--format",
        "fmt",
        type=_Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help=help_text,
    )


def _plan_option_saying(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A command's ``--plan`` option (repeatable, into ``plans``), with its own help."""
    return click.option(
        "--plan", "plans", multiple=True, type=ExistingPath(exists=True), help=help_text
    )


_plan_option = _plan_option_saying(
    "Plan file or folder (repeatable). Default: the starter plan shipped with Backplan "
    "(a note on stderr says so when ./rules, or with no ./rules a sub-folder's rules/ such "
    "as my-plan/rules, or with neither ../rules, holds another plan)."
)
"""The ``--plan`` option of the commands that decide events (``eval``, ``explain``)."""


def _time_zone(_context: click.Context, _parameter: click.Parameter, value: str | None) -> Any:
    """``--time-zone``: the zone named (``engine.zones``), or None for UTC."""
    if value is None:
        return None
    from engine.zones import zone_named

    try:
        return zone_named(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def _time_zone_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The ``--time-zone`` option (into ``zone``: the zone named, or None), with what it
    changes in the command's output: one option for ``eval``, ``explain`` and ``report``,
    which ``report`` had written out again."""
    return click.option("--time-zone", "zone", metavar="ZONE", callback=_time_zone, help=help_text)


def _checklist_zone_help(which: str) -> str:
    """What ``--time-zone`` changes in a command that writes checklists, ``which`` saying
    which of its outputs is one."""
    return (
        f"Write the times of {which} (the event's and each deadline) in ZONE, a region and city "
        "such as Europe/Paris, instead of UTC. The decision is the same: its JSON keeps every "
        "time in UTC."
    )


_NO_CHECKLIST_IN_JSON = (
    "--format json writes no checklist (its JSON keeps UTC): leave out --format json or --time-zone"
)


def _checklist_times(zone: Any, used: bool, without: str) -> Callable[[str], str] | None:
    """What writes a checklist's times in ``zone`` (None: UTC), when the command's options
    (``used``) write a checklist; a usage error when they do not, ``without`` saying what to
    add: a zone that changed nothing had been taken in silence."""
    if zone is None:
        return None
    if not used:
        raise click.UsageError(
            f"--time-zone writes a checklist's times in that zone, and {without}"
        )
    from engine.checklist import zoned_moments

    return zoned_moments(zone)


def _print_diagnostics(diagnostics: Sequence[Diagnostic], fmt: str, err: bool = False) -> None:
    """The diagnostics as text (to standard error with ``err``: a plan refused on the way to
    another command's output), or as the JSON document validate and lint write, always to
    standard output."""
    if fmt == "json":
        import orjson

        payload = orjson.dumps([d.to_json() for d in diagnostics], option=orjson.OPT_INDENT_2)
        write_document(payload.decode() + "\n")
        return
    for diagnostic in diagnostics:
        click.echo(diagnostic.render(), err=err)


def _load_plan_or_exit(paths: Sequence[str], option: str = "") -> Plan:
    """Load the plan for a command that needs one; exit 2 with diagnostics if it is invalid.
    ``option``: the option the paths were given with (``--plan``), for the hints that say how
    to give the plan another way; none for paths given as the command's arguments."""
    from engine.api import load_plan

    return _plan_or_exit(load_plan, paths, option)


def _read_plan_or_exit(paths: Sequence[str]) -> PlanModel:
    """The plan's checked model, for a command that reads the plan without deciding events
    (``render``): compiling a plan of 400 rules into its matcher took 3 seconds of the 3.4 a
    render did, for a table that never matches an event (found by trial). It accepts and
    refuses exactly the plans :func:`_load_plan_or_exit` does: the model is what compiles."""
    from engine.api import read_plan
    from engine.resources import starter_plan_dir

    return _plan_or_exit(lambda given: read_plan(given or starter_plan_dir()), paths, "")


_Loaded = TypeVar("_Loaded")


def _plan_or_exit(
    load: Callable[[list[str] | None], _Loaded], paths: Sequence[str], option: str
) -> _Loaded:
    """``load`` of the plan at ``paths`` (the starter plan for none); exit 2 with diagnostics
    if it is invalid."""
    from engine.errors import PlanError, counted

    if not paths and (note := _starter_not_yours()):
        tell_user(note)
    try:
        plan = load(list(paths) if paths else None)
    except PlanError as error:
        _print_diagnostics(_given_with(option, paths, error.diagnostics), "text", err=True)
        tell_user(f"backplan: the plan is invalid ({counted(len(error.diagnostics), 'problem')})")
        sys.exit(EXIT_USAGE)
    stop_if_dropped()  # a stop signal that came as its modules loaded, and was lost there
    return plan


def _given_with(
    option: str, paths: Sequence[str], problems: Sequence[Diagnostic]
) -> Sequence[Diagnostic]:
    """The problems of a plan given as ``paths`` with ``option`` (``--plan``), hinted as
    given so (:func:`engine.planfile.given_with`); as they are when it was given as
    arguments."""
    if not option:
        return problems
    from engine.planfile import given_with  # only for a plan refused

    return given_with(option, paths, problems)


def _starter_not_yours() -> str | None:
    """A note for a command run without ``--plan`` beside a ``rules`` folder that is not the
    starter plan (the folder ``backplan init`` writes, then edited), or above the folder
    ``init`` made (``my-plan/rules``): it decides with the starter plan, which a manager trying
    their edits would not notice, its name being the same."""
    from engine.planfile import plans_not_used

    if not (mine := plans_not_used()):
        return None
    use = "to use yours" if len(mine) == 1 else "to use one of yours"
    return (
        "backplan: no --plan given: deciding with the starter plan shipped with Backplan, "
        f"not {_plans_named(mine)} ({use}: --plan {shlex.quote(str(mine[0]))})"
    )


_PLANS_NAMED = 3
"""How many of the plans a note says are not used it names; the rest are counted."""


def _plans_named(folders: Sequence[Path]) -> str:
    """``the plan in ./rules``, or ``the plans in ./a/rules, ./b/rules and 2 more``: the plans
    a command without ``--plan`` does not use (:func:`engine.planfile.plans_not_used`)."""
    from engine.wording import join_words  # only for the note

    named = [
        str(folder) if folder.parts[0] == os.pardir else f"./{folder}"  # ../rules as written
        for folder in folders[:_PLANS_NAMED]
    ]
    if rest := len(folders) - len(named):
        named.append(f"{rest} more")
    return ("the plan in " if len(folders) == 1 else "the plans in ") + join_words(named)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="backplan", prog_name="backplan")
def cli() -> None:
    """Backplan: turn complaints into the backup plan's actions, deterministically.

    Write the plan as YAML rules (see `backplan init`), check it with `validate` and `lint`,
    try it with `explain` and `test`, run it on complaint events with `eval`, and sum up
    what it decided with `report`.
    """
    Reached.code = EXIT_OK  # each command starts afresh (tests run several in one process)


@cli.command(cls=_PlanPathsCommand)
@click.argument("paths", nargs=-1, required=True, type=ExistingPath(exists=True))
@_format_option(
    "text: one problem a line, FILE:LINE:COL, with its hint; json: a list of the problems "
    "(`backplan schema diagnostics`)."
)
def validate(paths: tuple[str, ...], fmt: str) -> None:
    """Check plan files or folders against the language; report every problem.

    Each problem is printed as FILE:LINE:COL: error: message [code] with a hint.
    Exit 0 when the plan is valid, 1 when it has problems.
    """
    from engine.errors import counted, shown_text
    from engine.gcpause import paused_gc

    with paused_gc():  # the engine's imports and the plan are objects that all live until exit
        from engine.api import validate_plan

        model, diagnostics = validate_plan(list(paths))
    code = reach(EXIT_PROBLEMS if diagnostics else EXIT_OK)
    if fmt == "json":
        _print_diagnostics(diagnostics, "json")
    elif model is None:
        _print_diagnostics(diagnostics, "text")
        click.echo(f"{counted(len(diagnostics), 'problem')} found", err=True)
    else:
        count = counted(len(model.rules), "rule")
        shown = ", ".join(shown_text(path) for path in paths)  # the name too: a line break
        name = shown_text(model.settings.name)  # or an ESC in it would act on the terminal
        click.echo(f"ok: {shown}: plan '{name}', {count}")
    sys.exit(code)


@cli.command()
@click.argument(
    "name",
    type=_Choice(
        ["plan", "event", "decision", "plantest", "report", "compare", "diagnostics", "error"]
    ),
)
def schema(name: str) -> None:
    """Print the JSON Schema of an input or an output.

    plan and plantest: the YAML files; event: an event eval reads; decision and error: the
    lines eval writes (an error record for an event it cannot decide); report: what report
    --format json writes; compare: what compare --format json writes; diagnostics: what
    validate and lint --format json write.
    """
    from engine.resources import schema_path

    write_document(schema_path(name).read_text(encoding="utf-8"))


@cli.command()
@click.argument("directory", type=NamedPath(file_okay=False, writable=True))
def init(directory: str) -> None:
    """Write a copy of the starter plan, with its tests, into DIRECTORY to edit.

    Creates DIRECTORY if needed and writes rules/ (the plan), schemas/ (for editor completion)
    and examples/ (plan tests and example complaints). Never overwrites, nor adds to a plan:
    if any of those files exists, or rules/ already holds YAML files (they would be read with
    the starter as one plan), nothing is written and every such file is listed. Exit 0 when
    written, 1 when refused, 2 when DIRECTORY cannot be written (a file, a broken link, no
    permission).
    """
    from engine.errors import BackplanError, shown_text
    from engine.scaffold import InitRefusedError, init_plan

    if not directory:  # Path("") is the current folder: say so rather than write there
        raise click.BadParameter(
            "the folder name is empty; give one, such as my-plan (for the current folder, `.`)",
            param_hint="DIRECTORY",
        )
    if directory == "-" and not os.path.lexists(directory):  # read as standard input elsewhere
        raise click.BadParameter(
            "`-` (standard input) is no folder to write the starter plan into; give a folder "
            "name, such as my-plan (for a folder named -, `./-`)",
            param_hint="DIRECTORY",
        )
    try:
        written = init_plan(directory)
    except InitRefusedError as refused:
        tell_user(
            f"backplan: not written: {directory} already has these files (the starter plan "
            "would overwrite them, or be read with them as one plan):"
        )
        for path in refused.existing:
            tell_user(f"  {path}")
        tell_user("Choose a new folder, or move these files away first.")
        sys.exit(EXIT_PROBLEMS)
    except BackplanError as error:  # the folder cannot be written: as for any output
        tell_user(f"backplan: {error}")
        sys.exit(EXIT_USAGE)
    import shlex

    root = Path(directory)
    rules, tests = root / "rules", root / "examples" / "plan-tests.yaml"
    # The commands are quoted as a shell needs them (a folder may be `my plan`); the text isn't.
    quoted_rules, events = shlex.quote(str(rules)), shlex.quote(str(root / "examples" / "events"))
    # Each line names the folder, which is anyone's text: shown as every file name is.
    say = [
        f"Wrote the starter plan to {directory} ({len(written)} files).",
        f"Edit the rules in {rules}, then check them:",
        f"  backplan validate {quoted_rules}",
        f"  backplan lint {quoted_rules}    # what validate lets through, such as a misspelt field",
    ]
    if tests.relative_to(root) in written:
        say.append(f"  backplan test {shlex.quote(str(tests))}")
    say.append(f"  backplan eval --plan {quoted_rules} {events}/*.json")
    for line in say:
        click.echo(shown_text(line))


def _jobs_option(_context: click.Context, _parameter: click.Parameter, value: str) -> int | None:
    """``--jobs``: a number of processes from 1, or ``None`` for auto."""
    if value == "auto":
        return None
    if value.isascii() and value.isdigit() and int(value) >= 1:
        return int(value)
    raise click.BadParameter(
        f"expected `auto` or a whole number of processes, 1 or more; not `{value}`"
    )


_KILLED_RUNS_FILE = (
    "A run killed outright (`kill -9`, out of memory) leaves its hidden new file beside FILE "
    "(`.FILE.<process id>.<hex>.tmp`): the next run writing FILE removes it, and says so."
)
"""What every ``-o`` says of a killed run's new file, in one place as the removal is
(:func:`engine.outfile.whole_file`): only eval's had said it."""


@cli.command(name="eval")
@click.argument("files", nargs=-1, type=EventsPath("eval", "EVENTS.json"))
@_plan_option
@click.option("--pretty", is_flag=True, help="Print a checklist per event instead of JSONL.")
@_time_zone_option(_checklist_zone_help("--pretty's checklists"))
@click.option(
    "--explain",
    "with_trace",
    is_flag=True,
    help="Attach a `trace` to each decision: why each rule fired or not.",
)
@click.option(
    "-j",
    "--jobs",
    default="auto",
    show_default=True,
    metavar="N|auto",
    callback=_jobs_option,
    help="Processes deciding a JSONL file or JSON array: auto uses one per CPU for a file of "
    "1 MiB or more (a container's CPU limit counts: 2 under `--cpus 2`, whatever the "
    "machine has); 1 decides in this process only; a number is at most 4 per CPU and one per "
    "256 KiB of the file. Standard input, pipes and JSON objects are always decided by one "
    "process.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Reject an event that does not follow the event schema (`backplan schema event`), "
    "such as a rating sent as text, with an error record naming each such field, instead of "
    "deciding it (its tests on that field fail, so it may fall to the fallback).",
)
@click.option(
    "-o",
    "--output",
    type=NamedPath(dir_okay=False),
    help="Write the answers to this file instead of standard output (`-`: standard output), "
    "whole or not at all: it is replaced only once every input was read and every answer "
    "written; a run stopped or failed part way (Ctrl-C, `kill`, a full disk, an input that "
    "cannot be read) leaves the old file as it was (in a folder where no new file can be made, "
    "it is written in place, and such a run says so). "
    + _KILLED_RUNS_FILE
    + " Never one of the inputs, nor a plan's file or a new .yaml file in its folders (exit 2).",
)
def eval_command(
    files: tuple[str, ...],
    plans: tuple[str, ...],
    pretty: bool,
    zone: Any,
    with_trace: bool,
    jobs: int | None,
    strict: bool,
    output: str | None,
) -> None:
    """Decide complaint events: JSON object, JSON array or JSONL, from FILES or stdin (-).

    Writes exactly one JSONL line per input event, in input order: a decision, or an error
    record naming the input file and line (a JSON array or object over 64 MiB gets one record
    for all its events, and stderr says so: JSONL is read at any size). A large JSONL file is
    decided by several processes (see --jobs); the output is the same. Events the fallback
    decided while holding a field the plan tests with a value the event schema does not allow (a
    rating sent as text) are counted, and so are events whose percentage offer was left for a
    person to size because its base held no number (an order total, or a field of the plan's
    own, sent as text), and events decided without a time, and so without deadlines, that hold
    `occurred_at` under a key written otherwise (occurredAt), and events whose id was decided
    shortly before (among at least the last 10,000; each is decided again); a warning on stderr
    says how many and where the first is. An input that holds no event (empty, or blank lines
    only), a file or a pipe, is said on stderr and answered with no line. Exit 0 when every
    event was decided (none, for such an input: an export of a day without complaints); 1
    when some were rejected (each has its error record, the others their decisions, and stderr
    counts the records); 2 when the answers are not all there:
    nothing was decided (the plan is invalid, an input is a plan file), an input could not be
    read (the others were decided; with --output, the file was left as it was), the answers
    could not be written or memory ran out.
    """
    from engine.answerer import answers

    without = "eval writes no checklist without --pretty (its JSON lines keep UTC): add --pretty"
    times = _checklist_times(zone, pretty, without)
    output = None if output == "-" else output  # standard output, as for eval's inputs
    if output is not None and not os.path.lexists(output):  # one there: told by what it holds
        _not_into_the_plan(output, plans, "the plan (--plan)", "decisions.jsonl")
    answer = answers(_load_plan_or_exit(plans, "--plan"), pretty, with_trace, strict, times)
    written = "the answers" if output is None else named(output)
    inputs = opened_inputs(files, "eval", output)  # refused before FILE is opened (and emptied)
    before = _file_state(output)
    try:
        # Inside the try: a closed standard output is said as a failed write is, "the answers".
        with _answers_to(output, before) as out:
            rejected = _answer_inputs(answer, inputs, out, jobs, strict)
            if output is not None and Reached.code >= EXIT_USAGE:  # an input said unread
                raise OutputError("not every input could be read")
    except BrokenPipeError:  # the reader went away (`| head -1`): stop quietly
        _quiet_exit()
    except OutputError as failed:  # a full disk, a file too large: the answers stop here
        left = _what_is_left(output, before)
        kept = f"; the file {left}" if left else ""
        tell_user(f"backplan: cannot write {written}: {failed.reason}{kept}")
        _quiet_exit(EXIT_USAGE)
    except MemoryError:  # the answers stop here too: 1 (main's) says they are all there
        tell_user(OUT_OF_MEMORY)
        if left := _what_is_left(output, before):  # ("" for standard output)
            tell_user(f"backplan: {written} {left}")
        _quiet_exit(EXIT_USAGE)
    sys.exit(max(Reached.code, EXIT_PROBLEMS if rejected else EXIT_OK))  # 2: an input unread


def _not_into_the_plan(output: str, plans: tuple[str, ...], plan: str, instead: str) -> None:
    """Exit 2 (before the plan is read, and anything done for nothing) when ``--output`` is a
    file reading the plan (``plans``, the starter plan when none) would read: one of its files,
    or a new ``.yaml`` file in its folders. ``render -o rules/plan.yaml`` had lost the plan,
    and ``eval --plan rules -o rules/decisions.yaml`` written the decisions where the next
    command given the folder read them as a file of the plan, and failed (``eval`` is given
    only a new file: one there already is refused by what it holds, with the inputs, "is a
    plan file (YAML)": :func:`engine.cliinputs.opened_inputs`)."""
    from engine.planfile import would_be_read

    if plans and would_be_read(output, plans):
        tell_user(
            f"backplan: {output} would be read as part of {plan}; give --output another file "
            f"(such as {instead})"
        )
        sys.exit(EXIT_USAGE)


@contextlib.contextmanager
def _answers_to(output: str | None, before: _FileState) -> Iterator[IO[bytes]]:
    """Where eval writes its answers: standard output, or the file ``output``, whole or not at
    all (:func:`engine.outfile.whole_file`: an exception in the block leaves the old file).

    Redirected (``> decisions.jsonl``), a run that a cron job's ``timeout`` stopped left a
    file of whole lines that looked complete, and the next step read it as the day's
    decisions. A file that cannot be made (its folder missing) or finished raises
    :class:`~engine.output.OutputError`, as a failed write does. A stop signal that comes as
    the new file takes the old one's place waits for it (the file is whole, and not said to
    be left as it was); ``before``: the file's state as the command started
    (:func:`_what_is_left`)."""
    if output is None:
        yield cast(IO[bytes], binary_stdout())
        return
    from engine.outfile import whole_file
    from engine.output import BinaryOutput, finish_first, writing

    with contextlib.ExitStack() as finish:
        replaced = False  # a signal held till then comes after the new file took FILE's place
        try:  # all of it: a signal as the file is made, or between the last answer and
            with writing():  # the rename, removed the new file and said nothing of FILE
                made = finish.enter_context(whole_file(output, _say_left_by_killed_run))
            yield cast(IO[bytes], BinaryOutput(made))
            with finish_first, writing():
                finish.close()  # the new file put in the old one's place
                replaced = True
        except (KeyboardInterrupt, Stopped):
            if not replaced and (left := _what_is_left(output, before)):  # said before
                tell_user(f"backplan: {named(output)} {left}")  # "Aborted."
            raise


def _say_left_by_killed_run(name: str) -> None:
    """Say that the new file ``name``, which a run killed while writing the same file left
    beside it, was removed: it had stayed there, hidden and said nowhere (found by review)."""
    tell_user(f"backplan: removed {name}, left by a run that was killed")


_FileState = tuple[int, int, int, int] | None
"""A file's device, inode, size and time of last change; None when there is none."""


def _file_state(output: str | None) -> _FileState:
    """The state of the file ``output`` names (through a link), to tell later whether a run
    that failed changed it (:func:`_what_is_left`)."""
    if output is None:  # standard output
        return None
    try:
        found = os.stat(output)
    except OSError:  # not there (yet)
        return None
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns


def _what_is_left(output: str | None, before: _FileState) -> str:
    """What a run that failed left in ``output``, said after its name: "was left as it
    was", or, when it was written in place (a folder this user may not make files in, or a
    sticky folder's file of another user: :func:`engine.outfile.whole_file`), that it holds
    part of the answers, which had been said to be left as it was (found by review); "" for
    standard output, a device or a pipe. A file that was not there before and is not there
    now "was not made": "left as it was" had been said of a file that never was (found by an
    operator's replay, ``-o missing/decisions.jsonl``)."""
    if output is None or not _replaced(output):
        return ""
    if before is None and not os.path.lexists(output):
        return "was not made"
    if _file_state(output) == before:
        return "was left as it was"
    return "holds only part of the answers (it was written in place, not replaced): run eval again"


def _replaced(output: str | None) -> bool:
    """Whether ``output`` is a file the answers replace whole (not there yet, or a regular
    file), so that a run that failed left it as it was; a device or a pipe (``-o
    /dev/stdout``) is written to as it is, and standard output (None) too."""
    return output is not None and (not os.path.lexists(output) or os.path.isfile(output))


def _answer_inputs(
    answer: Answerer,
    inputs: Iterable[tuple[IO[bytes], str]],
    out: IO[bytes],
    jobs: int | None,
    strict: bool,
) -> int:
    """Answer every input in turn, each one's warnings said after its answers (worded for
    ``--strict`` when it was given); return how many events were rejected. An input that
    cannot be read is said, and the others answered."""
    rejected = 0
    for stream, source in inputs:
        answered = _answer_readable(answer, stream, source, out, jobs)
        if answered is None:  # said; the other inputs are decided all the same
            continue
        tally, input_told = answered
        rejected += tally.rejected
        warnings = tally.warnings(source, strict, input_told)
        if warnings:
            out.flush()  # the warnings come after the answers they are about
        for warning in warnings:
            tell_user(f"backplan: {source}: {warning}")
    out.flush()
    return rejected


def _answer_readable(
    answer: Answerer, stream: IO[bytes], source: str, out: IO[bytes], jobs: int | None
) -> tuple[Tally, bool] | None:
    """Answer one input (:func:`_answer_input`), after saying what it is when it holds no
    events (:func:`engine.inputkind.not_events`): its tally, and whether that was said; None
    when it could not be read to its end
    (the disk or device under it failed: ``Input/output error``, a network share gone stale).

    Its answers made so far are written, then the failure is said, as for an input that
    cannot be opened, and the command goes on with the next input and ends with exit 2. It
    had stopped there: the inputs named after it (the next months of a replay) were never
    decided, when one that could not be opened leaves the others decided (found by review)."""
    from engine.inputkind import HeadKept, not_events

    try:
        if note := not_events(stream, source, "eval"):
            tell_user(f"backplan: {note}")  # its lines are answered all the same
        elif not stream.seekable():  # what it is is told once it is read (YAML, piped)
            kept = HeadKept(stream)
            read = kept.buffered()
            tally = _answer_input(answer, read, source, out, jobs, stream is standard_input())
            if note := _piped_note(kept, source, "eval"):
                out.flush()  # after its answers, as the warnings are
                tell_user(f"backplan: {note}")
            return tally, bool(note)
        return _answer_input(answer, stream, source, out, jobs), bool(note)
    except BrokenPipeError:  # the reader of the answers went away: not this input's fault
        raise
    except OSError as error:
        out.flush()  # the answers to its events read before the failure come first
        skip_input(source, error)
        return None


@cli.command()
@click.argument("files", nargs=-1, type=DecisionsPath())
@_plan_option_saying(
    "Plan file or folder (repeatable): also list its enabled rules that never fired, and "
    "say how many decisions another version of it or another plan made. Default: no plan."
)
@click.option(
    "--by",
    type=_PeriodChoice(["day", "week", "month"]),
    default="week",
    show_default=True,
    help="The periods of the trend: days, ISO weeks (Monday to Sunday) or months, in UTC "
    "unless --time-zone names another zone.",
)
@_time_zone_option(
    "Count the trend's days, weeks and months as they are in ZONE, a region and city such "
    "as Australia/Sydney, instead of in UTC: a complaint of Monday 08:00 in Sydney is of "
    "Sunday in UTC. The first and last decisions' times stay in UTC."
)
@click.option(
    "--per",
    metavar="FIELD",
    help="Split the decisions and what their gestures cost by the value of FIELD in their "
    "events, a field as a rule names it (store, customer.tier); needs --events.",
)
@click.option(
    "--events",
    "event_files",
    multiple=True,
    type=ExistingPath(exists=True, dir_okay=False, allow_dash=True),
    metavar="FILE",
    help="The events eval decided, one file each time it is given (`--events a.jsonl --events "
    "b.jsonl`; - for stdin), read as eval reads them, to find FIELD of --per in each decision's "
    "event: only each id and its value are kept.",
)
@_format_option("text: tables to read; json: the report as data (`backplan schema report`).")
def report(
    files: tuple[str, ...],
    plans: tuple[str, ...],
    by: Period,
    zone: Any,
    per: str | None,
    event_files: tuple[str, ...],
    fmt: str,
) -> None:
    """Sum up decisions written by `eval`: trends, rules, compensation (FILES or stdin, -).

    Reads the JSONL `eval` writes, from several files if given: events by type, rules fired and
    their share of events, the fallback, counts and the gestures' cost per period and what rose
    in the last full period, what the gestures cost per currency, kind and rule (offers set
    aside cost nothing; each rule's are counted apart), actions by type. Error records count as events not decided. A
    decision of an event decided before (its event_id) is counted once when it is the same
    decision again, each time when it is another, and stderr says so; an error record read
    before (of the same event, or the same line of a file given twice), once. With --plan, the
    plan's enabled rules that never fired. A line that is neither a decision nor an error record
    is named on stderr with what is wrong (an input's events after its first, in one line that
    counts them; several files of events alone, in one line after the others), and the report is
    made from the rest. Exit 0 when every line was read, 1 when some were left out (or an input
    of --events held no event), 2 when an input or the plan cannot be read, or an input is a
    plan file. With --per FIELD and --events, the decisions and their cost per value of FIELD
    in their events (per store).
    """
    from engine.decision import canonical_json
    from engine.report import ReportCounts
    from engine.reportlines import (
        events_among_decisions_words,
        events_inputs_words,
        not_given_words,
        repeats_words,
    )

    values = _event_values(per, event_files, files)
    plan = _load_plan_or_exit(plans, "--plan") if plans else None
    counts = ReportCounts(by, None if zone is None else zone.key, _read_values(values, event_files))
    events: list[tuple[str, list[str]]] = []  # inputs of events alone: told once, at the end
    for stream, source in opened_inputs(files, "report"):
        notes: list[str] = []
        if _count_decisions(stream, source, counts, notes, "report"):
            events.append((source, notes))
    if event_files and events:
        tell_user(f"backplan: {events_among_decisions_words([source for source, _ in events])}")
    elif len(events) > 1:
        tell_user(f"backplan: {events_inputs_words([source for source, _ in events])}")
    else:  # one: told as it was
        for note in (note for _, notes in events for note in notes):
            tell_user(f"backplan: {note}")
    if repeated := repeats_words(counts):
        tell_user(f"backplan: {repeated}")
    if missing := not_given_words(counts):
        tell_user(f"backplan: {missing}")
    summary = counts.report(plan)
    if fmt == "json":
        write_document(canonical_json(summary.to_document()).decode() + "\n")
    else:
        from engine.reporttext import render_report

        click.echo(render_report(summary), nl=False)
    sys.exit(max(Reached.code, EXIT_PROBLEMS if summary.unreadable else EXIT_OK))


def _event_values(per: str | None, event_files: tuple[str, ...], files: tuple[str, ...]) -> Any:
    """What ``report --per FIELD`` keeps of the events (``engine.eventvalues``), None without
    it; a usage error for one option without the other, a FIELD that is none, or standard
    input given for both the decisions and the events."""
    if per is None and not event_files:
        return None
    if per is None:
        raise click.UsageError(
            "--events is read to split the decisions by a field of their events: add --per "
            "FIELD, such as --per store"
        )
    if not event_files:
        raise click.UsageError(
            f"--per {per} reads {per} in the events eval decided, which a decision does not "
            "hold: add --events EVENTS.jsonl, the events given to eval"
        )
    if "-" in event_files and (not files or "-" in files):
        raise click.UsageError(
            "standard input (-) can be read once: give the decisions or the events (--events) "
            "as a file"
        )
    from engine.eventvalues import EventValues

    try:
        return EventValues(per)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="'--per'") from None


def _read_values(values: Any, event_files: tuple[str, ...]) -> Any:
    """``values`` with the field of each event of ``event_files`` kept, each event eval
    could not read left out, and said (it gave an error record, no decision to join), and
    so are decisions given as events (each decision had been counted "not given", unsaid);
    an event id read with two values said once. An input of which no event was kept (gzip,
    empty, decisions) ends the command with exit 1, as a line of decisions left out does: its
    decisions are all "not given", and a script had been told it all went well (found by
    review)."""
    if values is None:
        return None
    from engine.eventvalues import conflict_words, read_values, unread_words

    for stream, source in opened_inputs(event_files, "eval"):
        try:
            unread = read_values(stream, source, values)
        except OSError as error:
            skip_input(source, error)
            continue
        if not unread.events:
            reach(EXIT_PROBLEMS)
        for said in unread_words(source, unread):
            tell_user(f"backplan: {said}")
    if (words := conflict_words(values)) is not None:
        tell_user(f"backplan: {words}")
    return values


def _count_decisions(
    stream: IO[bytes],
    source: str,
    counts: ReportCounts,
    notes: list[str],
    command: str,
    into: str = "report -",
) -> bool:
    """Count one input of eval's lines into ``counts`` (``engine.reportlines``), each line left
    out told on stderr; whether it held events alone, what is said of them put in ``notes``.
    An input that fails midway is told, what it held till then counted (exit 2); a plan file
    down a pipe, told once read (exit 2), as one named is refused. ``report`` and ``compare``
    read their inputs so, one reader for both; ``into``, the command each hint pipes the input
    into (``engine.reportlines.count_lines``)."""
    from engine.inputkind import HeadKept, plan_read_note
    from engine.reportlines import count_lines

    kept = None if stream.seekable() else HeadKept(stream)  # a pipe: told once read
    alone = False
    try:
        alone = count_lines(
            stream if kept is None else kept.buffered(),
            source,
            counts,
            lambda note: tell_user(f"backplan: {note}"),
            notes,
            into,
        )
    except OSError as error:  # the disk or device under it failed: see _answer_readable
        skip_input(source, error)  # what it held till then is counted; the rest is read
    if kept is not None and (note := plan_read_note(kept, source, command)):
        tell_user(f"backplan: {note}")  # as a plan file named is refused, exit 2
        reach(EXIT_USAGE)
    return alone


@cli.command()
@click.argument("before", type=ComparedPath())
@click.argument("after", type=ComparedPath())
@click.option(
    "--show",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    metavar="N",
    help="List the first N changed events, in AFTER's order, with what changed (0: none).",
)
@_format_option("text: tables to read; json: the comparison as data (`backplan schema compare`).")
def compare(before: str, after: str, show: int, fmt: str) -> None:
    """Say which decisions a new plan version would change: BEFORE and AFTER are eval's output.

    Decide the same events with each version (`backplan eval --plan v1 q3.jsonl > q3-v1.jsonl`,
    then `--plan v2` into q3-v2.jsonl), then `backplan compare q3-v1.jsonl q3-v2.jsonl`.
    Decisions are paired by event_id. A pair is decided alike when the two decisions are
    equal apart from `plan` (which version made them) and `trace` (--explain's why); an error
    record, when the same error (wherever eval read the event). Each changed event is counted
    by what changed: the rules fired; the actions' types, deadlines or parameters; the
    gesture's amount or currency; the offers it set aside, its cap or threshold; whether it
    awaits approval; refused before and decided now, or the reverse. Also: events only in one
    file; how often each rule fired before and after (the largest change first; the text
    lists those whose count changed, the JSON all); the gestures made per currency before and
    after, and the change (exact, as `report` totals each file); the plans that made each
    side. An event
    decided twice in one file with two decisions is told on stderr, and its first compared.
    Lines that are neither a decision nor an error record are named on stderr, as `report`
    names them. One of BEFORE and AFTER may be -, standard input. Exit 0 when every line was
    read, 1 when some were left out, 2 when an input cannot be read or is a plan file.
    """
    from engine.compare import Pairing
    from engine.decision import canonical_json

    if before == "-" and after == "-":
        raise click.UsageError(
            "BEFORE and AFTER are both `-`: standard input holds one file of decisions; "
            "name the other file"
        )
    pairing = Pairing(show)
    sides = (
        (before, pairing.before, f"compare - {_other_side(after, 'AFTER')}"),
        (after, pairing.after, f"compare {_other_side(before, 'BEFORE')} -"),
    )
    for name, counts, into in sides:
        for stream, source in opened_inputs([name], "compare"):
            notes: list[str] = []
            if _count_decisions(stream, source, counts, notes, "compare", into):
                notes = [_events_compared_note(source)]  # report's hint pipes into report
            for note in notes:
                tell_user(f"backplan: {note}")
    if Reached.code == EXIT_USAGE:  # one side unread: any comparison would mislead
        sys.exit(EXIT_USAGE)
    for note in pairing.repeats_words(before, after):
        tell_user(f"backplan: {note}")
    comparison = pairing.comparison(*_shown_names(before, after))
    if fmt == "json":
        write_document(canonical_json(comparison.to_document()).decode() + "\n")
    else:
        from engine.comparetext import render_comparison

        click.echo(render_comparison(comparison), nl=False)
    unread = comparison.before.unreadable + comparison.after.unreadable
    sys.exit(max(Reached.code, EXIT_PROBLEMS if unread else EXIT_OK))


def _other_side(name: str, side: str) -> str:
    """The other input, as a hint that pipes one into compare names it: standard input
    cannot be both, so ``-`` is named ``AFTER.jsonl`` (or ``BEFORE.jsonl``)."""
    from engine.inputkind import shell_word

    return f"{side}.jsonl" if name == "-" else shell_word(name)


def _events_compared_note(source: str) -> str:
    """What is said of a side that holds events alone, not decisions: report's words for it
    ended "decide them first, `backplan eval FILE | backplan report -`", a command that
    compares nothing."""
    from engine.inputkind import shell_word

    events = "EVENTS.jsonl" if source == "<stdin>" else shell_word(source)
    return (
        f"{source}: left out: it holds events, not decisions, so none of it was compared: "
        f"decide them with each version of the plan first, `backplan eval --plan v1 {events} "
        f"> before.jsonl` and `backplan eval --plan v2 {events} > after.jsonl`, then "
        "`backplan compare before.jsonl after.jsonl`"
    )


def _shown_names(*names: str) -> list[str]:
    """The inputs as messages name them (``<stdin>`` for ``-``)."""
    from engine.errors import shown_path

    return ["<stdin>" if name == "-" else shown_path(name) for name in names]


def _piped_note(kept: HeadKept, source: str, command: str) -> str | None:
    """What a pipe ``command`` has read is, when it is no events: a plan or plan-test file,
    which ends the command with exit 2 as one named is refused with (nothing was decided from
    it), or events written in YAML (:mod:`engine.inputkind`); for ``eval``, nothing at all
    (as a file that holds no event is told); None for anything else."""
    from engine.inputkind import empty_read_note, plan_read_note, yaml_read_note

    if note := plan_read_note(kept, source, command):
        reach(EXIT_USAGE)
        return note
    if command == "eval" and (empty := empty_read_note(kept, source)):
        return empty
    return yaml_read_note(kept, source)


def _answer_input(
    answer: Answerer,
    stream: IO[bytes],
    source: str,
    out: IO[bytes],
    jobs: int | None,
    stdin: bool | None = None,
) -> Tally:
    """Write the answers to one input's events, in order (:func:`engine.answering.answer_input`);
    return what was counted. A fall back from workers to this process is said on stderr.
    ``stdin``: whether the input is standard input (None: told by ``stream``, which a
    stream read through another is not)."""
    from engine.answering import answer_input

    return answer_input(
        answer,
        stream,
        source,
        out,
        jobs,
        stdin=stream is standard_input() if stdin is None else stdin,
        warn=functools.partial(_warn, source),
    )


def _warn(source: str, message: str) -> None:
    """Say that ``--jobs`` fell back to this process, and that the output can still be trusted:
    what whoever reads the warning (a store manager, not a programmer) needs to know."""
    tell_user(f"backplan: {source}: {message} (the output is complete and in order)")


@cli.command(name="test")
@click.argument("testfiles", nargs=-1, required=True, type=TestFilesPath())
@_plan_option_saying(
    "Plan file or folder to test (repeatable); overrides the test files' `plan:`. "
    "Default: each file's `plan:`, else the starter plan."
)
@_format_option(
    "text: the failures in words; junit: JUnit XML, for a CI server's test report.",
    choices=("text", "junit"),
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="List every case, not only the failures, and every rule fired in no case.",
)
def plan_test_command(
    testfiles: tuple[str, ...], plans: tuple[str, ...], fmt: str, verbose: bool
) -> None:
    """Run plan tests: example complaints and what the plan must decide for each.

    Prints a line per test file, then each failing case with what was expected and what
    happened instead, in words (JUnit XML with --format junit), then the plan's rules that
    fired in no case, if any, and the summary, last. Exit 0 when every case passes (whether or
    not every rule fired), 1 when any fails, 2 when a test file or the plan is invalid.
    """
    from engine.errors import PlanError, PlanTestFileError
    from engine.plantest import run_tests
    from engine.testreport import render_junit, render_text

    try:
        report = run_tests(testfiles, plans)
    except (PlanTestFileError, PlanError) as error:
        problems = _given_with("--plan" if plans else "", plans, error.diagnostics)
        _print_diagnostics(problems, "text", err=True)
        said = f"backplan: {_invalid_test_input(error)}"
        tell_user(said)
        if fmt == "junit":  # the report a CI step reads holds the problems (it was empty)
            from engine.testreport import render_junit_problems

            write_document(render_junit_problems(problems, said))
        sys.exit(EXIT_USAGE)
    if report.on_starter:  # beside an edited rules/, or above my-plan/rules: say so
        _say_tested_on_starter(report.on_starter)
    text = render_junit(report) if fmt == "junit" else render_text(report, verbose=verbose)
    code = reach(EXIT_OK if report.ok else EXIT_PROBLEMS)
    if fmt == "junit":
        write_document(text)
    else:
        click.echo(text, nl=False)
    sys.exit(code)


def _say_tested_on_starter(paths: Sequence[str]) -> None:
    """Name each test file without ``plan:`` (``paths``) that tested the starter plan where
    another plan is at hand (:func:`engine.planfile.plans_not_used`), as eval's note does,
    with the ``plan:`` that would test the first of them."""
    from engine.planfile import plans_not_used

    if not (mine := plans_not_used()):
        return
    plan = shlex.quote(str(mine[0]))
    for path in paths:
        named = os.path.relpath(mine[0], Path(path).parent)
        add = f"add `plan: {named}` to it"
        if len(mine) > 1:
            add = f"add `plan:` with the one it tests to it, such as `plan: {named}`"
        tell_user(
            f"backplan: {path} has no `plan:`, so it tests the starter plan shipped with "
            f"Backplan, not {_plans_named(mine)} ({add}, or --plan {plan})"
        )


def _invalid_test_input(error: PlanTestFileError | PlanError) -> str:
    """What ``backplan test`` says under the diagnostics of test files or plans it refused."""
    from engine.errors import PlanError, counted

    if isinstance(error, PlanError):
        return f"the plan is invalid ({counted(len(error.diagnostics), 'problem')})"
    in_plans = len(error.plan_diagnostics)
    in_files = len(error.diagnostics) - in_plans
    said = f"{_files_invalid(error)} ({counted(in_files, 'problem')})"
    if not in_plans:
        return said
    return f"{said}, and so is its plan ({counted(in_plans, 'problem')})"


def _files_invalid(error: PlanTestFileError) -> str:
    """``the test file is invalid``, or ``2 test files are invalid`` when the problems are in
    several: a run of three files, two of them invalid, had said "the test file is invalid",
    as if one were, and left the manager to count the paths (found by review)."""
    plans = set(error.plan_diagnostics)
    files = {d.source.path for d in error.diagnostics if d not in plans and d.source}
    if len(files) < 2:
        return "the test file is invalid"
    return f"{len(files):,} test files are invalid"


@cli.command()
@click.argument("event", type=EventsPath("explain", "EVENT.json"))
@_plan_option
@_format_option(
    "text: every rule in words, then the checklist; json: the decision with its `trace`, as "
    "`eval --explain` writes it."
)
@_time_zone_option(_checklist_zone_help("the checklist of --format text"))
def explain(event: str, plans: tuple[str, ...], fmt: str, zone: Any) -> None:
    """Explain why each rule fired or not for an EVENT (a JSON file, or - for stdin).

    Lists every rule in firing order: fired, or the first condition that failed with the
    event's actual value (in a plan of more than 40 rules, those for other event types only by
    number, on one line); then the decision as a checklist. --format json prints the decision
    with its `trace`, as `eval --explain` does. A file of several events has each explained;
    one that cannot be decided is said on stderr (for one line per event, error records in
    place, use `eval --explain`). Exit 0 when explained, 1 when an event cannot be decided or
    there is none, 2 when the plan is invalid or the input cannot be read or is a plan file.
    """
    from engine.decision import canonical_json
    from engine.errors import EventError
    from engine.explain import explain as explain_event
    from engine.explain import render_explanation
    from engine.inputkind import HeadKept, not_events
    from engine.streams import read_events

    times = _checklist_times(zone, fmt == "text", _NO_CHECKLIST_IN_JSON)
    plan = _load_plan_or_exit(plans, "--plan")
    failed = 0
    shown = 0
    for stream, source in opened_inputs((event,), "explain"):
        if note := not_events(stream, source, "explain"):  # not an error a line: what the file is
            tell_user(f"backplan: {note}")  # as eval says it
            failed += 1
            reach(EXIT_PROBLEMS)
            continue
        kept = None if stream.seekable() else HeadKept(stream)  # a pipe: told once read
        read = explained = 0
        for item in read_events(stream if kept is None else kept.buffered(), source):
            read += 1
            # Why an event was refused may quote it (a key, stray text): shown as --pretty does.
            if item.error is not None:
                line = f"{source}:{item.start_line()}: {item.error} [{item.code}]"
                tell_user(line)
                failed += 1
                reach(EXIT_PROBLEMS)
                continue
            try:
                explanation = explain_event(plan, item.value)
            except EventError as exc:
                message = f"the event cannot be decided: {exc.message} [{exc.code}]"
                tell_user(f"{source}:{item.start_line()}: {message}")
                failed += 1
                reach(EXIT_PROBLEMS)
                continue
            if fmt == "json":
                write_document(canonical_json(explanation.to_document()).decode() + "\n")
            else:
                click.echo(
                    ("\n" if shown else "") + render_explanation(explanation, times), nl=False
                )
            shown += 1
            explained += 1
        if kept is not None and not explained and (note := _piped_note(kept, source, "explain")):
            tell_user(f"backplan: {note}")  # piped YAML or a plan, as eval tells it
        if not read:  # nothing was explained: say so, rather than succeed in silence
            tell_user(f"{source}: no event to explain: the input holds none")
            failed += 1
            reach(EXIT_PROBLEMS)
    sys.exit(max(Reached.code, EXIT_PROBLEMS if failed else EXIT_OK))  # 2: the input unread


@cli.command(cls=_PlanPathsCommand)
@click.argument("paths", nargs=-1, required=True, type=ExistingPath(exists=True))
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option(
    "--ignore", "ignored", multiple=True, metavar="CODE", help="Leave out a lint code (repeatable)."
)
@_format_option(
    "text: one warning a line, FILE:LINE:COL, with its hint; json: a list of the warnings "
    "(`backplan schema diagnostics`)."
)
def lint(paths: tuple[str, ...], strict: bool, ignored: tuple[str, ...], fmt: str) -> None:
    """Find what makes a valid plan wrong: rules that never fire, typos in field names...

    Reports errors (as validate does) and, for a valid plan, warnings: never-matching,
    shadowed, duplicate and overlapping rules, unknown fields, compensation above the cap,
    fixed amounts outside their own min and max, an approval threshold no total reaches,
    a percent written as a fraction, unused conditions, no fallback or only fallbacks with
    conditions, customer messages without a default, text cut short by a #. Exit 1 on
    errors, or on warnings with --strict.
    """
    from engine.errors import Severity
    from engine.lint import lint_codes, lint_plan, lint_summary
    from engine.suggest import suggestion_suffix

    codes = [code for code, _ in lint_codes()]
    for code in ignored:
        if not code.strip():  # `--ignore ''`, or a variable left empty (`--ignore "$SKIP"`)
            raise click.BadParameter(
                "it is empty: give a warning's code, such as `no-fallback` (each warning ends "
                "with its code in brackets; docs/diagnostics.md lists them)",
                param_hint="--ignore",
            )
        if code not in codes:
            raise click.BadParameter(
                f"no lint code `{code}`{suggestion_suffix(code, codes)}", param_hint="--ignore"
            )
    found = lint_plan(list(paths), ignored)
    errors = any(d.severity is Severity.ERROR for d in found)
    warnings = any(d.severity is Severity.WARNING for d in found)
    status = reach(EXIT_PROBLEMS if errors or (strict and warnings) else EXIT_OK)
    _print_diagnostics(found, fmt)
    if fmt == "text":
        tell_user(lint_summary(found))
    sys.exit(status)


@cli.command(cls=_PlanPathsCommand)
@click.argument("paths", nargs=-1, required=True, type=ExistingPath(exists=True))
@_format_option(
    "md: a Markdown table; html: one self-contained page that also prints well.",
    choices=("md", "html"),
)
@click.option(
    "-o",
    "--output",
    type=NamedPath(dir_okay=False, writable=True),
    help="Write to this file instead of standard output (`-`: standard output), whole or not "
    "at all (a failed write leaves the old file as it was). "
    + _KILLED_RUNS_FILE
    + " Never one of the plan's own files, nor a .yaml file in its folders (exit 2).",
)
def render(paths: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Print the plan as the IF/THEN table staff use: a row per rule, in firing order.

    Each row: when the rule applies, in plain words; what to do to make it right; what to do
    so it does not happen again; with deadlines and amounts. --format html writes one
    self-contained page that also prints well. Exit 2 when the plan is invalid.
    """
    from engine.render import render as render_plan

    if output == "-":  # standard output, as for eval's inputs
        output = None
    if output is not None:
        _not_into_the_plan(output, paths, "the plan being rendered", "plan.md")
    text = render_plan(_read_plan_or_exit(paths), fmt)
    if output is None:
        write_document(text)  # the bytes -o writes
        return
    from engine.outfile import write_whole

    try:
        write_whole(output, text, _say_left_by_killed_run)  # the old file stays if it fails
    except OSError as error:  # a missing folder, no permission, a full disk
        tell_user(f"backplan: cannot write {output}: {error.strerror or error}")
        sys.exit(EXIT_USAGE)
    tell_user(f"wrote {output}")


def main() -> None:
    """Entry point: run the CLI with quiet handling of broken pipes and Ctrl-C."""
    # At exit the interpreter's last collection would walk every object left (the engine's
    # classes, the plan): nothing there needs it, and it cost `backplan validate` ~20 ms.
    atexit.register(gc.freeze)
    sys.stdout = cast(TextIO, guarded_stdout(sys.stdout))  # see engine.output
    sys.stdin = cast(TextIO, waiting_stdin(sys.stdin))
    if sys.stderr is None:  # started with standard error closed (`2>&-`): say nothing, for
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (open until exit)
    sys.stderr = cast(TextIO, QuietErrors(sys.stderr))  # click wrote its usage to stdout
    try:
        with stopping_on_signals():  # SIGTERM and SIGHUP too, never in the middle of a line
            _run_command_line()
    except ReaderGoneError:
        _quiet_exit()
    except OutputError as failed:
        tell_user(f"backplan: cannot write the output: {failed.reason}")
        _quiet_exit(EXIT_USAGE)
    except click.exceptions.Abort:  # Ctrl-C, as click says it
        _interrupted("Aborted.")
    except click.ClickException as exc:
        _show_refused(exc)
        sys.exit(EXIT_USAGE if isinstance(exc, click.UsageError) else exc.exit_code)
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
        _quiet_exit()
    except KeyboardInterrupt:
        _interrupted()
    except Stopped as stopped:  # SIGTERM (`kill`), SIGHUP: as Ctrl-C, with their own status
        _interrupted(f"backplan: stopped by {stopped.name}", 128 + stopped.number)
    except SystemExit:
        raise
    except MemoryError:  # RE2's std::bad_alloc too: say what ran out, not "internal error"
        click.echo(OUT_OF_MEMORY, err=True)
        sys.exit(EXIT_USAGE)  # (1 would say the plan or the events had problems, told)
    except Exception as exc:  # the last line of defence: no traceback reaches a user
        click.echo(f"backplan: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_PROBLEMS)


def _show_refused(refused: click.ClickException) -> None:
    """click's message for what it refused, a name given on the command line with its
    letters: where Python reads the command line as ASCII (``PYTHONUTF8=0`` in the C locale)
    ``plän`` arrives with a lone surrogate per byte of ``ä``, which click's writer for an ASCII
    standard error turned into ``?`` ("unexpected extra argument (pl??n)", a folder's test
    files to name, ``--jobs de??x``). Written as :func:`engine.errors.shown_path` writes it."""
    from engine.errors import shown_path

    message = shown_path(_name_requoted(refused))
    vars(refused)["message"] = message  # (click calls it final: once made)
    refused.show()


def _name_requoted(refused: click.ClickException) -> str:
    """``refused``'s message, the option or command it names quoted with its letters: click
    quotes the name with ``repr``, so where the command line is read as ASCII a ``--fôrmat``
    or ``backplan évl`` given by mistake arrived as "No such option '--f\\udcc3\\udcb4rmat'",
    its escapes already written as text, past :func:`engine.errors.shown_path`'s help. The
    name is written as :func:`engine.errors.shown_text` writes any text from outside."""
    from engine.errors import shown_text

    message = refused.message
    for name in (getattr(refused, "option_name", None), getattr(refused, "command_name", None)):
        if isinstance(name, str) and not name.isascii():
            message = message.replace(repr(name), f"'{shown_text(name)}'")
    return message


def _run_command_line() -> None:
    """Run the command line; a stop signal that Python wrapped in another error is raised as
    itself, so that it ends the command as the signal does.

    Python 3.11 wraps any exception raised while a class's attribute is named
    (``__set_name__``, which every dataclass field with a default has) in a RuntimeError. The
    modules a command loads as it starts make such classes, so a Ctrl-C (or SIGTERM) in the
    first tenths of a second of `eval` could end "backplan: internal error: RuntimeError:
    Error calling __set_name__ on 'Field' instance 'related' in 'Diagnostic'", with exit 1
    instead of 130 (found by review).

    A stop signal whose exception Python dropped (:func:`engine.output.stop_if_dropped`) ends
    a command that came to its end, with its status or not, as the signal does: only `eval`,
    `explain` and `render` raised it again, once their plan had loaded, and `validate`,
    `lint` or `test` ran to their end and exited 0, without a word now that Python's
    "Exception ignored" traceback is kept quiet (found by review)."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:  # click's own word for a KeyboardInterrupt: "Aborted."
        raise
    except SystemExit:
        stop_if_dropped()
        raise
    except Exception as error:
        if isinstance(error.__cause__, KeyboardInterrupt | Stopped):
            raise error.__cause__ from None
        raise
    stop_if_dropped()


OUT_OF_MEMORY = (
    "backplan: out of memory: the plan and its events need more memory than this computer lets "
    "Backplan use; a plan with many or long `matches` patterns is the usual cause (join or "
    "shorten them), and `backplan eval` uses less with fewer --jobs"
)


def _interrupted(said: str = "", code: int = INTERRUPTED) -> NoReturn:
    """Exit 130 after Ctrl-C (128 + the signal's number after another stop signal), the
    output's whole lines written. A second signal from here on ends the process as the signal
    does by default, quietly: raised as KeyboardInterrupt while the interpreter shuts down, it
    printed a traceback ("Exception ignored in: <module 'threading'>")."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # (the others: see stopping_on_signals)
    if said:
        click.echo(said, err=True)
    try:  # what is left in the buffer (whole lines), now: a reader gone is said nothing of
        sys.stdout.flush()
    except (ReaderGoneError, OutputError, OSError):
        _quiet_exit(code)
    sys.exit(code)


def _quiet_exit(code: int | None = None) -> NoReturn:
    """Exit with ``code``, by default the status the command had reached
    (:class:`~engine.output.Reached`); standard output points at /dev/null first, so the
    interpreter's last flush of what was buffered for a reader gone (or a disk full) cannot
    fail again."""
    if code is None:
        code = Reached.code
    with contextlib.suppress(OSError, AttributeError):  # AttributeError: it was never open
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.__stdout__.fileno())  # type: ignore[union-attr]
    sys.exit(code)
