"""Shared test helpers: build plans from YAML text, and the golden-file switch."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from engine.api import Plan, load_plan
from engine.output import STOP_SIGNALS

# No timed assertions: hypothesis's default deadline (200 ms an example) fails a test whenever
# this shared 2-core machine is busy, which says nothing about the code under test.
settings.register_profile("backplan", deadline=None)
settings.load_profile("backplan")

REPO = Path(__file__).resolve().parent.parent
REGENERATE_GOLDEN = os.environ.get("BACKPLAN_REGEN_GOLDEN") == "1"
"""Golden files are rewritten only when this is set explicitly, never silently."""

HANG_GUARD_SECONDS = 20
"""How long a child process run by :func:`printed_by_a_child` may take before it counts as
hung: a guard, not a timing. What the tests run so took minutes while a pattern backtracked
over a long run of blanks or a long word, and takes milliseconds."""


def printed_by_a_child(code: str, stdin: str, cwd: Path = REPO) -> str:
    """What the Python ``code`` prints, run in a child process in the repository (or ``cwd``)
    with ``stdin`` as its input; the test fails when it is not done after
    :data:`HANG_GUARD_SECONDS`, or ends in an error (its standard error is the message)."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=HANG_GUARD_SECONDS,
            cwd=cwd,
            check=False,  # its standard error is shown below
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {HANG_GUARD_SECONDS} s: it backtracks, or hangs")
    assert done.returncode == 0, done.stderr
    return done.stdout


def run_where_names_are_ascii(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``backplan ARGS`` run in ``cwd`` where Python reads file names as ASCII, as in a bare
    container (``PYTHONUTF8=0`` in the C locale: a name's bytes beyond ASCII arrive as lone
    surrogates, and standard output and error are ASCII streams), with the variables of
    ``env`` on top (``PYTHONIOENCODING``); its output kept as bytes, to be read as UTF-8."""
    ascii_names = {**os.environ, "PYTHONUTF8": "0", "LC_ALL": "C", "PYTHONIOENCODING": ""}
    ascii_names["PYTHONPATH"] = os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])
    ascii_names.update(env or {})
    command = [sys.executable, "-m", "engine", *args]
    return subprocess.run(command, cwd=cwd, env=ascii_names, capture_output=True, check=False)


PLAN_HEADER = """\
backplan: 1
plan:
  name: Test Store
  currency: USD
"""


def peak_bytes(action: Callable[[], Any]) -> int:
    """The most memory ``action`` held at once (Python's allocations, not time: the same every
    run), for tests that a text or a plan of a hostile size costs about what it weighs."""
    import tracemalloc

    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def count_compared(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many candidates each did-you-mean compares letter by letter (difflib's
    ``get_close_matches``), appended as they are asked: for tests that many misspelt names
    cost about what they number, counted rather than timed."""
    import difflib

    import engine.suggest

    compared: list[int] = []
    close_matches = difflib.get_close_matches

    def counted(word: str, possibilities: list[str], *args: Any, **kwargs: Any) -> list[str]:
        compared.append(len(possibilities))
        return close_matches(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(engine.suggest.difflib, "get_close_matches", counted)
    return compared


def records_said(source: object, count: int) -> str:
    """What `backplan eval` says on stderr after an input with ``count`` error records (more
    than one: counted with an `s`): a run with --output, or answers piped on, had ended with
    exit 1 and nothing said (found by an operator's replay)."""
    records = "1 error record" if count == 1 else f"{count} error records"
    return (
        f"backplan: {source}: {records} among the answers, for what could not be decided "
        "(each says its line and what is wrong)\n"
    )


def write_plan(
    directory: Path, body: str, *, header: str = PLAN_HEADER, name: str = "plan.yaml"
) -> Path:
    """Write a plan file: the standard header (unless replaced) followed by ``body``."""
    path = directory / name
    path.write_text(header + textwrap.dedent(body), encoding="utf-8")
    return path


class NotAnswering:
    """A value whose ``==`` answers with itself, whose truth raises, as pandas' ``NA`` does
    (and a numpy array, with ``ValueError``): an app that builds events from a data frame
    passes such values."""

    def __eq__(self, other: object) -> Any:
        return self

    def __ne__(self, other: object) -> Any:
        return self

    def __bool__(self) -> bool:
        raise TypeError("boolean value of NA is ambiguous")

    __hash__ = object.__hash__


class ArrayLike(NotAnswering):
    """A value as a numpy array is to ``==``: the answer's truth raises ValueError (which
    ``list.index`` also raises for an item not found), and it cannot be hashed."""

    def __bool__(self) -> bool:
        raise ValueError("The truth value of an array with more than one element is ambiguous")

    __hash__ = None  # type: ignore[assignment]


class Float64(float):
    """A float as numpy 2's float64 is to Python: a subclass that writes its own ``repr``."""

    def __repr__(self) -> str:
        return f"np.float64({float.__repr__(self)})"


class FailingDisk(io.RawIOBase):
    """A file whose disk fails after its first ``good`` bytes: reading further raises EIO."""

    def __init__(self, good: bytes) -> None:
        self.good = good

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self.good:
            raise OSError(5, "Input/output error")
        size = min(len(buffer), len(self.good))
        buffer[:size], self.good = self.good[:size], self.good[size:]
        return size


class EndlessGzip(io.RawIOBase):
    """A pipe of compressed bytes that never ends (``yes | gzip``): a gzip header, then 4 KiB
    a read with no newline byte, a millisecond apart. Reading more than ``most`` bytes of it
    fails the test, so a reader that would read it forever fails instead of hanging."""

    def __init__(self, most: int = 16 << 20) -> None:
        super().__init__()
        self.given, self.most = 0, most

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        assert self.given < self.most, f"read past {self.most:,} bytes of an endless pipe"
        time.sleep(0.001)
        block = (b"\x1f\x8b\x08\x00" if not self.given else b"") + b"\xff" * 4096
        size = min(len(buffer), len(block))
        buffer[:size] = block[:size]
        self.given += size
        return size


@pytest.fixture
def plan_from(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Build a compiled Plan from YAML text (header added unless the text has `backplan:`)."""

    def build(body: str) -> Plan:
        text = textwrap.dedent(body)
        if text.lstrip().startswith("backplan:"):
            path = tmp_path / "plan.yaml"
            path.write_text(text, encoding="utf-8")
        else:
            path = write_plan(tmp_path, text)
        return load_plan(path)

    return build


def check_golden(path: Path, actual: str) -> None:
    """Compare with a golden file; rewrite it only when BACKPLAN_REGEN_GOLDEN=1."""
    if REGENERATE_GOLDEN or not path.exists():
        if not REGENERATE_GOLDEN:
            pytest.fail(
                f"golden file {path} is missing; run with BACKPLAN_REGEN_GOLDEN=1 to create it"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from golden file {path}"


def restore_stop_signals() -> None:
    """For ``preexec_fn``: a child started from a shell's background job (as CI runs the
    tests) inherits "ignore SIGINT", and then Ctrl-C sent to it does nothing; one started
    under ``nohup`` inherits "ignore SIGHUP" likewise: restore both (and SIGTERM)."""
    for number in STOP_SIGNALS:
        signal.signal(number, signal.SIG_DFL)


@pytest.fixture
def default_stop_signals() -> Iterator[None]:
    """The stop signals at their defaults for a test that handles them in this process (the
    tests may run under ``nohup``, which ignores SIGHUP, or as a background job), and as they
    were afterwards."""
    before = {number: signal.getsignal(number) for number in STOP_SIGNALS}
    try:
        restore_stop_signals()
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


STOP_GUARD_SECONDS = 120
"""How long :func:`stopped_mid_write` waits for its command: a guard against a hang, never a
timing (the machine may be busy)."""


def stopped_mid_write(
    command: list[str],
    number: int,
    *,
    just_before: Callable[[int], object] = lambda pid: None,
    **options: Any,
) -> tuple[int, bytes, bytes]:
    """Run ``command`` with its standard output a pipe of one page that nothing reads until
    the pipe is full, so the command waits in the middle of a write; send it the signal
    ``number`` (``just_before`` is given its process id first), and keep the pipe full a moment
    more (so the signal lands inside the write, not after it), then read everything. The exit
    status, standard output and standard error."""
    import fcntl  # Linux only, as the tests that use this

    read_end, write_end = os.pipe()
    fcntl.fcntl(read_end, fcntl.F_SETPIPE_SZ, 4096)
    room = fcntl.fcntl(read_end, fcntl.F_GETPIPE_SZ)
    try:
        process = subprocess.Popen(
            command,
            stdout=write_end,
            stderr=subprocess.PIPE,
            preexec_fn=restore_stop_signals,  # noqa: PLW1509 - the restore must happen in the child
            **options,
        )
    finally:
        os.close(write_end)
    read: list[bytes] = []
    reader = threading.Thread(target=lambda: read.append(_read_all(read_end)), daemon=True)
    try:
        deadline = time.monotonic() + STOP_GUARD_SECONDS
        while _pipe_holds(read_end) < room:
            assert process.poll() is None, "it ended before its output filled the pipe"
            assert time.monotonic() < deadline, "its output never filled the pipe"
            time.sleep(0.01)
        just_before(process.pid)
        os.kill(process.pid, number)
        time.sleep(0.5)  # not a timing: the pipe stays full while the signal is handled
        reader.start()
        _, stderr = process.communicate(timeout=STOP_GUARD_SECONDS)
        reader.join(STOP_GUARD_SECONDS)
        assert not reader.is_alive(), "its output never ended"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if not reader.is_alive():
            os.close(read_end)
    return process.returncode, read[0], stderr


def _pipe_holds(descriptor: int) -> int:
    """The bytes waiting in a pipe to be read (FIONREAD)."""
    import array
    import fcntl
    import termios

    count = array.array("i", [0])
    fcntl.ioctl(descriptor, termios.FIONREAD, count)
    return count[0]


def _read_all(descriptor: int) -> bytes:
    chunks = []
    while chunk := os.read(descriptor, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)
