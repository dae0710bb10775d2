"""`backplan eval` on the standard streams a parent hands over: pipes set not to wait (O_NONBLOCK,
as Node.js hands them over), an output that is also an input, and no standard error at all.

A write to such a pipe when full wrote nothing and said so only in what it returned: every
answer after the first 64 KiB was lost, with exit 0. A read of such a pipe when empty looked
like the end of the input: the events sent after a pause were never decided.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="O_NONBLOCK pipes are POSIX")

EXAMPLES = [
    json.loads(path.read_text()) for path in sorted((REPO / "examples/events").glob("*.json"))
]
EVENTS = b"".join(json.dumps(event).encode() + b"\n" for event in EXAMPLES)


def copies(count: int) -> bytes:
    """EVENTS ``count`` times over, each copy's ids its own (`evt-1016/2`): eval warns of an
    event whose id it decided shortly before."""
    return b"".join(
        json.dumps({**event, "id": f"{event['id']}/{copy}"}).encode() + b"\n"
        for copy in range(count)
        for event in EXAMPLES
    )


STREAM = copies(8)  # about 200 decisions, several times what a pipe holds
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def eval_command(*arguments: str, jobs: str = "1") -> list[str]:
    return [sys.executable, "-m", "engine", "eval", "--jobs", jobs, *arguments]


def test_answers_to_a_full_nonblocking_pipe_are_all_written(tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    events.write_bytes(STREAM)
    expected = subprocess.run(
        eval_command(str(events)), capture_output=True, cwd=REPO, env=ENV, check=True
    ).stdout
    assert len(expected) > 4 * 65536
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    child = subprocess.Popen(
        eval_command(str(events)), stdout=write_end, stderr=subprocess.PIPE, cwd=REPO, env=ENV
    )
    os.close(write_end)
    time.sleep(1.5)  # the pipe fills while nobody reads it
    got = b""
    while chunk := os.read(read_end, 65536):
        got += chunk
    os.close(read_end)
    assert child.wait(timeout=60) == 0
    assert child.stderr is not None and child.stderr.read() == b""
    assert got == expected


def test_events_sent_after_a_pause_on_a_nonblocking_pipe_are_decided() -> None:
    read_end, write_end = os.pipe()
    os.set_blocking(read_end, False)
    with tempfile.TemporaryFile() as answers:
        child = subprocess.Popen(
            eval_command("-"), stdin=read_end, stdout=answers, cwd=REPO, env=ENV
        )
        os.close(read_end)
        lines = STREAM.splitlines(keepends=True)
        for first in range(0, len(lines), 50):
            os.write(write_end, b"".join(lines[first : first + 50]))
            time.sleep(0.3)  # the pipe is empty while the child reads it
        os.close(write_end)
        assert child.wait(timeout=60) == 0
        answers.seek(0)
        assert answers.read().count(b"\n") == len(lines)


@pytest.mark.parametrize("inputs", [["e"], ["-"], ["a", "e"]], ids=["file", "stdin", "second"])
def test_an_input_that_is_the_output_file_is_refused_before_any_answer(
    tmp_path: Path, inputs: list[str]
) -> None:
    # `backplan eval e.jsonl >> e.jsonl` read its own answers back as events: under --jobs 1
    # the file grew by 450 MB in 20 seconds, until the disk would be full; `eval a.jsonl
    # e.jsonl >> e.jsonl` appended a's answers first.
    events, other = tmp_path / "e.jsonl", tmp_path / "a.jsonl"
    events.write_bytes(EVENTS)
    other.write_bytes(EVENTS)
    names = {"e": str(events), "a": str(other), "-": "-"}
    with events.open("ab") as output, events.open("rb") as stdin:
        done = subprocess.run(
            eval_command(*(names[name] for name in inputs)),
            stdin=stdin if "-" in inputs else subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.PIPE,
            cwd=REPO,
            env=ENV,
            timeout=60,
            check=False,
        )
    shown = "<stdin>" if "-" in inputs else str(events)
    assert (done.returncode, done.stderr.decode()) == (
        2,
        f"backplan: {shown}: cannot read it: the answers are written to it too (standard "
        "output), so they would be read back as events: write them to another file\n",
    )
    assert events.read_bytes() == EVENTS


def test_too_few_open_files_for_workers_falls_back_to_one_process(tmp_path: Path) -> None:
    # Under `ulimit -n 8` the workers' pipes were made, then importing fcntl (a file to open)
    # failed: "backplan: internal error: ImportError", exit 1, no answers.
    import resource

    events = tmp_path / "events.jsonl"
    events.write_bytes(copies(150))  # over a piece: workers are asked for
    alone = subprocess.run(
        eval_command(str(events)), capture_output=True, cwd=REPO, env=ENV, check=True
    )

    def few_files() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (8, 8))

    done = subprocess.run(
        eval_command(str(events), jobs="4"),
        capture_output=True,
        cwd=REPO,
        env=ENV,
        preexec_fn=few_files,  # only sets a limit, before exec
        check=False,
    )
    assert done.stderr.decode() == (
        f"backplan: {events}: could not start the worker processes for --jobs (Too many open "
        "files); deciding every event in this one process instead (the output is complete and "
        "in order)\n"
    )
    assert (done.returncode, done.stdout) == (0, alone.stdout)


@pytest.mark.parametrize("stream", ["stdout", "stdin"])
def test_a_pipe_set_not_to_wait_is_left_so(stream: str) -> None:
    # The flag belongs to the pipe's open file, shared with the parent: clearing it (as a
    # first mend did) could leave a Node.js parent's event loop waiting on its own pipe.
    read_end, write_end = os.pipe()
    shared = write_end if stream == "stdout" else read_end
    os.set_blocking(shared, False)
    if stream == "stdin":
        os.write(write_end, EVENTS)  # (less than a pipe holds)
        os.close(write_end)
        write_end = -1
    streams = {"stdout": shared} if stream == "stdout" else {"stdin": shared}
    done = subprocess.run(
        eval_command("-") if stream == "stdin" else eval_command(str(EXAMPLE)),
        **streams,  # type: ignore[call-overload]
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=ENV,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert os.get_blocking(shared) is False
    for end in (read_end, write_end):
        if end >= 0:
            os.close(end)


EXAMPLE = REPO / "examples" / "events" / "billing-error.json"


def test_text_to_a_full_nonblocking_pipe_is_all_written() -> None:
    # `backplan render` of a large plan wrote 64 KiB of 4.9 MB to such a pipe, with exit 0.
    command = [sys.executable, "-m", "engine", "schema", "plan"]
    expected = subprocess.run(command, capture_output=True, cwd=REPO, env=ENV, check=True).stdout
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    import fcntl

    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)  # the schema is larger than the pipe
    child = subprocess.Popen(command, stdout=write_end, cwd=REPO, env=ENV)
    os.close(write_end)
    time.sleep(1.5)
    got = b""
    while chunk := os.read(read_end, 65536):
        got += chunk
    os.close(read_end)
    assert child.wait(timeout=60) == 0
    assert len(expected) > 4096 and got == expected


@pytest.mark.parametrize(
    ("events", "status"), [("examples/events/billing-error.json", 0), ("gone", 2)]
)
def test_with_standard_error_closed_eval_keeps_its_status_and_its_output_clean(
    events: str, status: int
) -> None:
    """Started with standard error closed (`2>&-`, a service manager's), Python has no
    `sys.stderr`: what a command says there is lost, its status kept, and nothing of it
    lands on standard output, where the answers go."""
    command = 'exec "$0" -m engine eval --plan rules "$1" 2>&-'
    done = subprocess.run(
        ["sh", "-c", command, sys.executable, events],
        capture_output=True,
        cwd=REPO,
        env=ENV,
        timeout=60,
        check=False,
    )
    assert done.returncode == status
    decided = [json.loads(line)["format"] for line in done.stdout.splitlines()]
    assert decided == ([] if status else ["backplan.decision/1"])


def _typed_at_a_terminal(
    arguments: list[str], typed: bytes, wait: float
) -> tuple[int, bytes, bytes]:
    """Run a command with the terminal as standard input, ``typed`` typed, then Ctrl-D once
    at the start of a line: its status, output and standard error (TimeoutExpired when it
    has not ended within ``wait`` seconds)."""
    import pty

    terminal, its_end = pty.openpty()
    command = [sys.executable, "-m", "engine", *arguments]
    child = subprocess.Popen(
        command, stdin=its_end, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=ENV
    )
    os.close(its_end)
    try:
        os.write(terminal, typed)
        time.sleep(0.5)  # what is typed read, Ctrl-D at the start of the next line ends it
        os.write(terminal, b"\x04")
        out, err = child.communicate(timeout=wait)
    finally:
        os.close(terminal)
        if child.poll() is None:
            child.kill()
            child.communicate()
    return child.returncode, out, err


@pytest.mark.parametrize(
    ("arguments", "given"),
    [(["eval"], "eval EVENTS.json"), (["explain", "-"], "explain EVENTS.json")],
)
def test_a_command_reading_the_terminal_says_so_and_how_to_end(
    arguments: list[str], given: str
) -> None:
    """`backplan eval` typed without a file waited for the keyboard before an empty line,
    saying nothing: a manager could not tell it from a command that hung (found by review).
    It says that it reads what is typed or pasted, how to end it and how to read a file; the
    event then typed is decided as from a pipe."""
    line = EVENTS.splitlines(keepends=True)[0]
    status, out, err = _typed_at_a_terminal(arguments, line, 60)
    assert status == 0
    assert err.decode().splitlines()[0] == (
        f"backplan: reading the events typed or pasted here (standard input is the terminal): "
        "end them with Ctrl-D at the start of a line (Ctrl-Z then Enter on Windows), or stop "
        f"with Ctrl-C; to read a file instead, name it: `backplan {given}`"
    )
    command = [sys.executable, "-m", "engine", *arguments]
    piped = subprocess.run(command, input=line, capture_output=True, cwd=REPO, env=ENV, check=True)
    assert out == piped.stdout and piped.stderr == b""


@pytest.mark.parametrize(
    ("arguments", "typed"), [(["eval"], b""), (["report"], b""), (["report"], b"{}\n")]
)
def test_one_ctrl_d_ends_what_is_typed_at_the_terminal(arguments: list[str], typed: bytes) -> None:
    """The note of a command reading the terminal says Ctrl-D at the start of a line ends the
    input, but each reader after the first end read the terminal again: `backplan eval` with
    nothing typed, and `backplan report` with or without a line, waited for a second Ctrl-D,
    a command that looked hung (found by review). One ends it."""
    try:
        status, _, _ = _typed_at_a_terminal(arguments, typed, 20)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`backplan {' '.join(arguments)}` went on reading after one Ctrl-D")
    assert status in (0, 1)


@pytest.mark.parametrize(
    ("arguments", "typed"), [(["eval", "-", "-"], b"{}\n"), (["report", "-", "-"], b"")]
)
def test_one_ctrl_d_ends_the_terminal_named_twice(arguments: list[str], typed: bytes) -> None:
    """Standard input named twice (`-` `-`) ends at its end, as a pipe does: at the terminal
    each `-` had a reader of its own, and the second read the terminal again after the
    Ctrl-D that ended the first, a command that looked hung (found by review)."""
    try:
        status, _, _ = _typed_at_a_terminal(arguments, typed, 20)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`backplan {' '.join(arguments)}` went on reading after one Ctrl-D")
    assert status in (0, 1)


class _TerminalWithoutItsReader(io.BytesIO):
    """A standard input that says it is the terminal but has no reader under it (``raw``), as
    an embedder's stand-in may: read as it is, since there is nothing to end at Ctrl-D."""

    def isatty(self) -> bool:
        return True


def test_standard_input_that_is_no_terminal_is_read_as_it_is(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only the terminal is read to its first end and noted: a file, a closed input (whose
    ``isatty`` raises) or one without its reader is given as it is, with no note, and a
    closed one raises nothing (found by mutation testing)."""
    from engine import cliinputs

    piped = io.BufferedReader(io.BytesIO(b"{}\n"))
    closed = io.BufferedReader(io.BytesIO())
    closed.close()
    without_reader = _TerminalWithoutItsReader(b"{}\n")
    for stdin in (piped, closed, without_reader):
        assert cliinputs._ended_once(stdin) is stdin
    closed_text = io.TextIOWrapper(io.BytesIO())
    closed_text.close()
    monkeypatch.setattr(sys, "stdin", closed_text)
    cliinputs._say_read_from_terminal("eval")
    assert capsys.readouterr().err == ""


class _Keyboard(io.RawIOBase):
    """A terminal's reader, on descriptor 7: each read gives the next of ``reads`` (``b""``:
    Ctrl-D), and a terminal gives more after an end, as a file or a pipe does not."""

    def __init__(self, *reads: bytes) -> None:
        super().__init__()
        self._reads = list(reads)

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return 7

    def readinto(self, buffer: Any) -> int:
        read = self._reads.pop(0) if self._reads else b""
        buffer[: len(read)] = read
        return len(read)


def test_the_terminal_is_read_to_its_first_end_and_still_is_the_terminal() -> None:
    """Read to its first end (Ctrl-D), the terminal is read no more, though it gives more; it
    is still the terminal, on its own descriptor, to what asks (whether the input is live,
    or a file eval may cut among workers) (found by mutation testing)."""
    from engine import cliinputs

    keyboard = cliinputs._TypedInput(_Keyboard(b'{"a": 1}\n', b'{"b": 2}\n', b"", b"{}\n"))
    assert keyboard.readable() and keyboard.isatty() and keyboard.fileno() == 7
    typed = io.BufferedReader(keyboard)
    assert typed.read() == b'{"a": 1}\n{"b": 2}\n'
    assert typed.read() == b"" and typed.read() == b""


@pytest.mark.parametrize("command", ["eval", "report"])
def test_standard_input_given_again_is_read_once_and_said_so(command: str) -> None:
    """`-` given twice down a pipe: the second had been told "<stdin> holds no event (it is
    empty)", as if nothing had come, where the first read all of it (found by a platform
    engineer's trial). It is read once, and said so once, however often it is given."""
    once = copies(1) if command == "eval" else b""
    arguments = [sys.executable, "-m", "engine", command]
    alone = subprocess.run(
        [*arguments, "-"], input=once, capture_output=True, cwd=REPO, env=ENV, check=False
    )
    again = subprocess.run(
        [*arguments, "-", "-", "-"], input=once, capture_output=True, cwd=REPO, env=ENV, check=False
    )
    assert (again.returncode, again.stdout) == (alone.returncode, alone.stdout)
    assert again.stderr.decode() == alone.stderr.decode() + (
        f"backplan {command}: `-` (standard input) is given more than once: it is read once, to "
        "its end, where it is first given\n"
    )
