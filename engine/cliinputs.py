"""The commands' inputs: files and standard input opened in turn, and refused before any answer
is written (a plan given as events, the output file itself, a closed standard input).

Kept apart from ``engine.cli``, which declares the commands: ``eval``, ``report`` and
``explain`` read their inputs the same way, and the terminal's end of input and the refusals
are their own idea, with their own tests (``tests/cli/test_eval_output_file.py``,
``tests/cli/test_eval_cli.py``)."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import click

from engine.output import EXIT_USAGE, reach


def tell_user(message: str) -> None:
    """Write a line to standard error; when nothing reads it any more, the line is lost, and
    nothing else is (a BrokenPipeError here is not standard output's reader going away).

    The line names inputs (a file name is anyone's text: see ``engine.errors.shown_text``), so
    it is written with ``shown_text``, on one line."""
    from engine.errors import shown_text

    with contextlib.suppress(OSError):
        click.echo(shown_text(message), err=True)


def standard_input() -> IO[bytes] | None:
    """Standard input's bytes, or None when the command was started with it closed (``<&-``)."""
    return getattr(sys.stdin, "buffer", None)


def opened_inputs(
    files: Sequence[str], command: str, output: str | None = None
) -> Iterable[tuple[IO[bytes], str]]:
    """Each input (``-``: standard input) opened, with the name its records show; ``output``:
    the file the answers go to (``eval --output``), else standard output.

    The inputs are refused here, at once, not as the first is read: ``eval -o FILE`` opens
    FILE after this, and where it is written in place (a folder where no new file can be
    made), a plan file given as events, or FILE itself, had emptied it (found by review)."""
    if not files:
        files = ("-",)
    _none_is_the_output(files, output)
    if "-" in files:
        _say_read_from_terminal(command)
    _no_plan_among(files, command)
    if output is not None and "-" in files and standard_input() is None:
        # Said at once too: FILE written in place had the files before it, and no word
        # that it holds only part of the answers (found by review).
        raise _stdin_closed(command)
    return _opened(files, command)


def _say_read_from_terminal(command: str) -> None:
    """Say, when standard input is the terminal, that ``command`` reads what is typed or
    pasted there, how to end it, and how to read a file instead: `backplan eval` typed
    without a file had waited before an empty line, saying nothing, and a manager could not
    tell it from a command that hung (found by review)."""
    from engine.inputkind import READ

    if _a_terminal(sys.stdin):
        what, _, given = READ[command]
        tell_user(
            f"backplan: reading the {what} typed or pasted here (standard input is the "
            "terminal): end them with Ctrl-D at the start of a line (Ctrl-Z then Enter on "
            f"Windows), or stop with Ctrl-C; to read a file instead, name it: `backplan "
            f"{command} {given}`"
        )


def _stdin_closed(command: str) -> click.UsageError:
    """That standard input, named among the inputs, is closed (``<&-``)."""
    from engine.inputkind import READ

    what = READ[command][0]
    return click.UsageError(
        f"standard input is closed, so there are no {what} to read there: "
        f"name the {what[:-1]} files, or send the {what} on standard input"
    )


def _ended_once(stdin: IO[bytes]) -> IO[bytes]:
    """Standard input, read to its first end when it is the terminal: each reader after the
    first end (Ctrl-D) had read the terminal again, and `backplan eval` (or `report`) typed
    without a file waited for a second Ctrl-D where its note says one ends it (found by
    review). Any other input is given as it is."""
    raw = getattr(stdin, "raw", None)
    return io.BufferedReader(_TypedInput(raw)) if raw is not None and _a_terminal(stdin) else stdin


def _a_terminal(stream: IO[Any] | None) -> bool:
    """Whether ``stream`` is the terminal: False for None, a closed stream or one with no
    file behind it (whose ``isatty`` raises)."""
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):
        return False


class _TypedInput(io.RawIOBase):
    """The terminal as standard input (its own reader: a console's on Windows), which ends at
    its first end (Ctrl-D) and reads nothing more: a terminal gives more after an end, where a
    file or a pipe does not."""

    def __init__(self, raw: Any) -> None:
        super().__init__()
        self._raw = raw
        self._ended = False

    def readable(self) -> bool:
        """It is read."""
        return True

    def isatty(self) -> bool:
        """It is the terminal."""
        return True

    def fileno(self) -> int:
        """The terminal's file descriptor."""
        number: int = self._raw.fileno()
        return number

    def readinto(self, buffer: Any) -> int:
        """Read into ``buffer``: nothing once the input ended."""
        if self._ended:
            return 0
        read: int = self._raw.readinto(buffer) or 0
        self._ended = read == 0
        return read


def _opened(files: Sequence[str], command: str) -> Iterator[tuple[IO[bytes], str]]:
    """Each of ``files`` (checked: :func:`opened_inputs`) opened in turn, as it is read; a closed
    standard input is said when it is reached, the files named before it answered (with
    ``--output``, :func:`opened_inputs` said it at once)."""
    from engine.errors import shown_path

    read: IO[bytes] | None = None  # standard input, one reader: a terminal's end is the end
    # of each `-` after it, which had read the terminal again (found by review)
    repeated = False
    for name in files:
        if name == "-":
            stdin = standard_input()
            if stdin is None:
                raise _stdin_closed(command)
            if read is not None:  # read to its end already: told once, not "holds no event"
                if not repeated:
                    tell_user(f"backplan {command}: {_READ_ONCE}")
                repeated = True
                continue
            read = _ended_once(stdin)
            yield read, "<stdin>"
        else:
            try:
                handle = Path(name).open("rb")  # noqa: SIM115  # closed by the `with` below
            except OSError as error:  # gone since the command started (a rotated log): said,
                skip_input(shown_path(name), error)  # and the other inputs are read
                continue
            with handle:
                yield handle, shown_path(name)  # the name records and messages show


_READ_ONCE = (
    "`-` (standard input) is given more than once: it is read once, to its end, where it is "
    "first given"
)
"""Said of a `-` given again, which had been told "<stdin> holds no event (it is empty)", as if
nothing had come down the pipe (found by a platform engineer's trial)."""


def _none_is_the_output(files: Sequence[str], output: str | None) -> None:
    """Refuse, before any answer is written, an input that is the file the answers are
    written to (:func:`engine.inputkind.output_among`): standard output, or ``output``
    (``eval --output``), which the answers would replace, and its events be lost."""
    from engine.errors import shown_path
    from engine.inputkind import output_among

    if output is not None:
        _no_plan_replaced(output)
    name = output_among(files, sys.stdin, sys.stdout if output is None else output)
    if name is not None:
        raise InputError(
            "<stdin>" if name == "-" else shown_path(name),
            "the answers are written to it too (standard output), so they would be read "
            "back as events: write them to another file"
            if output is None
            else "the answers are written to it too (--output), so they would replace its "
            "events: write them to another file",
        )


def _no_plan_replaced(output: str) -> None:
    """Refuse an ``eval --output`` that is a plan or plan-test file, which the answers would
    replace: ``eval --plan rules -o rules/00-plan.yaml`` put decisions where the manager's plan
    had been (found by review)."""
    from engine.errors import shown_path
    from engine.inputkind import head, regular_file, yaml_kind

    kind = None
    if regular_file(output) is not None:
        with contextlib.suppress(OSError), open(output, "rb") as handle:
            kind = yaml_kind(head(handle))
    if kind is not None:
        raise Refused(
            f"{shown_path(output)} is a {'plan-test file' if kind == 'tests' else 'plan file'} "
            "(YAML), so the answers would replace it: write them to another file, such as "
            "decisions.jsonl"
        )


def _no_plan_among(files: Sequence[str], command: str) -> None:
    """Refuse, before any answer is written, a plan or plan-test file given where events go
    (:func:`engine.inputkind.plan_file_among`)."""
    from engine.inputkind import plan_file_among

    note = plan_file_among(files, standard_input(), command)
    if note is not None:
        raise Refused(note)


class Refused(click.ClickException):
    """An input refused before any answer is written (exit 2: the command line was wrong,
    not an event), said on standard error as ``backplan: plan.yaml is a plan file (YAML), not
    events...`` through :func:`tell_user`, rather than click's ``Error:`` line."""

    exit_code = EXIT_USAGE

    def show(self, file: Any = None) -> None:
        """The refusal as Backplan's own line, not click's ``Error:`` (``file`` is click's:
        the line goes where every message to the user goes)."""
        tell_user(f"backplan: {self.format_message()}")


class InputError(Refused):
    """An input that cannot be opened or read, named (exit 2, as for a plan that cannot be
    read), in the words a failed write has: ``backplan: b.jsonl: cannot read it: No such file
    or directory``."""

    def __init__(self, name: str, error: OSError | str) -> None:
        reason = error if isinstance(error, str) else error.strerror or error
        super().__init__(f"{name}: cannot read it: {reason}")


def skip_input(name: str, error: OSError) -> None:
    """Say that the input ``name`` cannot be opened or read to its end, for the command to go
    on with the other inputs and end with exit 2: one input on a failed disk (a network share
    gone stale, a rotated log) must not leave the others unread."""
    InputError(name, error).show()
    reach(EXIT_USAGE)
