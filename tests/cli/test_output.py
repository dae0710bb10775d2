"""Every command's standard output: a reader that goes away, a failed write, a closed stream.

``backplan eval`` has had these answers from the start (tests/cli/test_eval_cli.py); the other
commands write through ``click.echo``, which ended a reader going away with exit 1, reported a
full disk as an internal error, and, with standard output closed, wrote nothing and exited 0
(``engine.output`` has why and how).
"""

from __future__ import annotations

import errno
import io
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from engine import output
from tests.conftest import REPO, restore_stop_signals

MAIN = "import sys; from engine.cli import main; sys.argv[0] = 'backplan'; main()"
COMMANDS = [
    ["validate", "--format", "json", "rules"],
    ["validate", "rules"],
    ["schema", "plan"],
    ["render", "rules"],
    ["explain", "examples/events/long-wait.json"],
    ["--help"],
]


EVAL = ["eval", "examples/events/long-wait.json"]


def backplan(
    arguments: list[str],
    redirect: str = "",
    stdout: object = subprocess.PIPE,
    environment: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run the command as a shell user does, with ``redirect`` applied (``>&-``)."""
    return subprocess.run(
        ["sh", "-c", f'exec "$@" {redirect}', "sh", sys.executable, "-c", MAIN, *arguments],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        cwd=REPO,
        timeout=60,
        check=False,
        env={**os.environ, **(environment or {})},
    )


@pytest.mark.parametrize("encoding", ["", "ascii"])
@pytest.mark.parametrize("arguments", COMMANDS, ids=" ".join)
def test_a_full_disk_is_named_with_exit_2(arguments: list[str], encoding: str) -> None:
    # With an ASCII standard output click writes through a writer of its own, which had
    # bypassed the guard (PYTHONIOENCODING=ascii): it is made UTF-8 first, as click would.
    with open("/dev/full", "wb") as full:
        result = backplan(arguments, stdout=full, environment={"PYTHONIOENCODING": encoding})
    assert result.returncode == 2
    assert result.stderr == b"backplan: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("arguments", [*COMMANDS, EVAL], ids=" ".join)
def test_a_closed_standard_output_is_named_with_exit_2(arguments: list[str]) -> None:
    # eval names what it writes, "the answers", for a closed output as for a full disk (it
    # had said "the output" here alone, where docs/cli.md says "the answers").
    result = backplan(arguments, ">&-")
    assert result.returncode == 2
    written = b"the answers" if arguments == EVAL else b"the output"
    assert result.stderr == b"backplan: cannot write " + written + b": standard output is closed\n"


@pytest.mark.parametrize("arguments", [*COMMANDS, EVAL], ids=" ".join)
def test_a_reader_that_goes_away_ends_the_command_quietly(arguments: list[str]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", MAIN, *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before anything is read: the first write finds no reader
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""


def test_a_command_that_writes_nothing_there_runs_with_it_closed(tmp_path: Path) -> None:
    result = backplan(["render", "-o", str(tmp_path / "plan.md"), "rules"], ">&-")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "plan.md").read_text(encoding="utf-8").startswith("#")


def test_a_folder_name_that_is_not_utf8_is_written_to_a_strict_utf8_output(
    tmp_path: Path,
) -> None:
    # The name's byte is a lone surrogate in Python; a strict UTF-8 standard output could
    # not write validate's "ok:" line and the command ended with an internal error.
    folder = tmp_path / os.fsdecode(b"r\xff")
    folder.mkdir()
    (folder / "plan.yaml").write_bytes((REPO / "tests" / "authoring" / "acme.yaml").read_bytes())
    result = backplan(["validate", str(folder)], environment={"PYTHONIOENCODING": "utf-8"})
    assert (result.returncode, result.stderr) == (0, b"")
    # The name as every diagnostic writes it (``shown_text``): its byte, not its surrogate.
    assert result.stdout.startswith(b"ok: " + os.fsencode(tmp_path) + b"/r\\xff: plan")


DOCUMENT_PLAN = """backplan: 1
plan: {name: Café Ağaç — 😀, currency: EUR}
rules:
  - id: late
    title: Zoë's late order — ğ
    when: {event: complaint, all: [{field: text, contains: retard}, {field: store, eq: “Köln”}]}
    then:
      - apologize: {within: 1h, message: "Désolé {customer.first_name|là} — İ ş 😀"}
"""
DOCUMENT_EVENT = '{"id": "é-1", "type": "complaint", "text": "retard ğ", "customer": {}}'
DOCUMENT_TESTS = """backplan: 1
plan: plan.yaml
cases:
  - name: Zoë — ğ 😀
    event: {type: complaint, text: retard}
    expect: {matched: [nothing-é]}
"""
DOCUMENTS = [
    ["validate", "--format", "json", "broken.yaml"],
    ["lint", "--format", "json", "plan.yaml"],
    ["explain", "--format", "json", "--plan", "plan.yaml", "event.json"],
    ["report", "--format", "json", "decisions.jsonl"],
    ["test", "--format", "junit", "plan.test.yaml"],
    ["render", "plan.yaml"],
    ["render", "--format", "html", "plan.yaml"],
    ["schema", "decision"],
]


@pytest.fixture(scope="module")
def documents_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan, an event, its decision and a plan test, all with names beyond Latin-1."""
    folder = tmp_path_factory.mktemp("documents")
    (folder / "plan.yaml").write_text(DOCUMENT_PLAN, encoding="utf-8")
    (folder / "broken.yaml").write_text(DOCUMENT_PLAN.replace("1h", "1 heure"), encoding="utf-8")
    (folder / "event.json").write_text(DOCUMENT_EVENT, encoding="utf-8")
    (folder / "plan.test.yaml").write_text(DOCUMENT_TESTS, encoding="utf-8")
    decisions = backplan(["eval", "--plan", str(folder / "plan.yaml"), str(folder / "event.json")])
    (folder / "decisions.jsonl").write_bytes(decisions.stdout)
    return folder


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "ascii"])
@pytest.mark.parametrize("arguments", DOCUMENTS, ids=" ".join)
def test_documents_for_programs_are_utf8_whatever_the_output_s_encoding(
    arguments: list[str], encoding: str, documents_folder: Path
) -> None:
    # JSON, JUnit XML and the rendered plan were written in standard output's encoding: a
    # Latin-1 one (a legacy locale, a redirected Windows console's cp1252) wrote `é` as a byte
    # no UTF-8 reader takes and `ğ` as the six characters `\u011f`, in a page saying UTF-8.
    given = [str(documents_folder / a) if (documents_folder / a).exists() else a for a in arguments]
    utf8 = backplan(given, environment={"PYTHONIOENCODING": "utf-8"})
    other = backplan(given, environment={"PYTHONIOENCODING": encoding})
    assert max(utf8.stdout.decode("utf-8")) > "\xff"  # a character beyond Latin-1
    assert (other.returncode, other.stdout) == (utf8.returncode, utf8.stdout), other.stderr


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_eval_pretty_is_utf8_as_eval_s_lines_are_and_docs_cli_says_so(
    encoding: str, documents_folder: Path
) -> None:
    # docs/cli.md put `eval --pretty` among the text written in the terminal's encoding, a
    # character it lacks as an escape; its checklists go out as eval's lines do, in UTF-8.
    plan, event = documents_folder / "plan.yaml", documents_folder / "event.json"
    given = ["eval", "--pretty", "--plan", str(plan), str(event)]
    utf8 = backplan(given, environment={"PYTHONIOENCODING": "utf-8"})
    other = backplan(given, environment={"PYTHONIOENCODING": encoding})
    assert "é" in utf8.stdout.decode("utf-8")  # one byte in Latin-1, an escape in ASCII
    assert (other.returncode, other.stdout) == (utf8.returncode, utf8.stdout), other.stderr
    said = " ".join((REPO / "docs" / "cli.md").read_text(encoding="utf-8").split())
    sentences = said.split(". ")
    terminal = next(s for s in sentences if "written in the terminal's encoding" in s)
    assert "`eval --pretty`" not in terminal
    assert any("`eval --pretty`" in s and "UTF-8" in s for s in sentences if s is not terminal)


@pytest.mark.parametrize("interrupt", ["abort", "keyboard"])
def test_after_ctrl_c_a_second_one_ends_the_process_quietly(
    interrupt: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A second Ctrl-C while the interpreter shut down after the first (click's Abort) was
    # raised as KeyboardInterrupt there, and printed a traceback.
    import click

    from engine import cli as cli_module

    def interrupted(**_: object) -> None:
        raise click.exceptions.Abort() if interrupt == "abort" else KeyboardInterrupt()

    monkeypatch.setattr(cli_module.cli, "main", interrupted)
    monkeypatch.setattr(sys, "stdout", sys.stdout)  # main() replaces it with its guard
    before = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(SystemExit) as exited:
            cli_module.main()
        assert exited.value.code == 130
        assert signal.getsignal(signal.SIGINT) is signal.SIG_DFL
    finally:
        signal.signal(signal.SIGINT, before)
    assert capsys.readouterr().err == ("Aborted.\n" if interrupt == "abort" else "")


# --- the stop signals (Ctrl-C, SIGTERM, SIGHUP): held until a write of answers is done -------
# (what a process sees: tests/test_security.py, test_a_signal_in_the_middle_of_a_write_…)


@pytest.fixture
def stopping(default_stop_signals: None) -> Iterator[None]:
    """The stop signals handled as `main` handles them (from their defaults: the tests may run
    under `nohup`, which ignores SIGHUP), and as they were afterwards."""
    with output.stopping_on_signals():
        yield


def test_a_signal_inside_finish_first_is_raised_at_its_end(stopping: None) -> None:
    done = []
    with pytest.raises(output.Stopped) as stopped, output.finish_first:
        signal.raise_signal(signal.SIGTERM)
        done.append("the rest of the write")
    assert done == ["the rest of the write"]
    assert (stopped.value.number, stopped.value.name) == (signal.SIGTERM, "SIGTERM")
    # A second signal now ends the process, as by default (the first may wait on a reader).
    assert all(signal.getsignal(number) == signal.SIG_DFL for number in output.STOP_SIGNALS)


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGHUP")
def test_a_signal_held_through_a_write_that_then_fails_is_what_is_said(stopping: None) -> None:
    """Closing the terminal sends SIGHUP, and its writes then fail (EIO): held until the write
    ended, the signal was dropped for the failure, exit 2 with "cannot write" (found by
    review). The signal is raised, and the command ends with 129."""
    out = output.BinaryOutput(_FailingFile())
    with pytest.raises(output.Stopped) as stopped:
        out.write(b"an answer\n")
    assert stopped.value.number == signal.SIGHUP
    assert output._FinishFirst.held is None and output._FinishFirst.depth == 0


class _FailingFile(io.RawIOBase):
    """A terminal closed under a write: SIGHUP arrives, then the write fails."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        signal.raise_signal(signal.SIGHUP)
        raise OSError(errno.EIO, "Input/output error")


def test_ctrl_c_outside_a_write_is_raised_at_once(stopping: None) -> None:
    with pytest.raises(KeyboardInterrupt):
        signal.raise_signal(signal.SIGINT)


@pytest.mark.parametrize("signalled", [False, True], ids=["raised-by-code", "after-ctrl-c"])
def test_only_a_stop_signal_s_dropped_exception_is_kept_quiet(
    default_stop_signals: None, monkeypatch: pytest.MonkeyPatch, signalled: bool
) -> None:
    """Python reports an exception a finalizer raised through ``sys.unraisablehook``; the
    command keeps quiet of a stop signal's (it raises the stop again), not of a
    KeyboardInterrupt that some code raised with no signal (found by review)."""
    reported: list[BaseException] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: reported.append(u.exc_value))

    class Finalized:
        def __del__(self) -> None:
            raise KeyboardInterrupt

    with output.stopping_on_signals():
        if signalled:
            with pytest.raises(KeyboardInterrupt):
                signal.raise_signal(signal.SIGINT)
        Finalized()
    assert [type(e) for e in reported] == ([] if signalled else [KeyboardInterrupt])


def test_after_a_ctrl_c_the_process_hears_no_more_of_it(default_stop_signals: None) -> None:
    """A program that runs the commands in its own process (an embedding, the tests' runner)
    goes on after one was stopped: Python's report of a dropped exception is its own again,
    and the stop is not raised again in its next command (found by mutation testing)."""
    hook = sys.unraisablehook
    with output.stopping_on_signals(), pytest.raises(KeyboardInterrupt):
        signal.raise_signal(signal.SIGINT)
    assert sys.unraisablehook is hook
    with output.stopping_on_signals():
        output.stop_if_dropped()


def test_a_stop_left_noted_from_an_earlier_command_does_not_stop_the_next(
    default_stop_signals: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A signal that came as the earlier command put its handlers back (after it forgot its
    stop) is noted again; the next command starts without it (found by mutation testing)."""
    monkeypatch.setattr(output._Came, "number", signal.SIGTERM)
    with output.stopping_on_signals():
        output.stop_if_dropped()


def test_where_signals_cannot_be_held_back_the_step_runs_all_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Windows has no `pthread_sigmask`: nothing is held, and the step runs."""
    monkeypatch.delattr(signal, "pthread_sigmask")
    ran = []
    with output.held_back():
        ran.append("the step")
    assert ran == ["the step"]


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGHUP")
def test_an_ignored_signal_stays_ignored_and_the_others_are_put_back() -> None:
    """`nohup backplan eval …` ignores SIGHUP: the command must not stop on it."""
    before = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    terminate = signal.getsignal(signal.SIGTERM)
    try:
        with output.stopping_on_signals():
            assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
            assert signal.getsignal(signal.SIGTERM) != terminate
        assert signal.getsignal(signal.SIGTERM) == terminate
    finally:
        signal.signal(signal.SIGHUP, before)


def test_ctrl_c_while_the_command_line_loads_exits_130_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The `backplan` script loads the command line inside engine.command.main: a Ctrl-C in
    those tens of milliseconds had printed Python's traceback, before engine.cli could answer."""
    import importlib.abc

    from engine import command

    class Interrupted(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, *_: object) -> None:
            if name == "engine.cli":
                raise KeyboardInterrupt

    monkeypatch.delitem(sys.modules, "engine.cli", raising=False)
    monkeypatch.setattr(sys, "meta_path", [Interrupted(), *sys.meta_path])
    try:
        command.main()
    except BaseException as stopped:  # a KeyboardInterrupt would stop pytest itself
        ended: BaseException | None = stopped
    else:
        ended = None
    assert isinstance(ended, SystemExit) and ended.code == 130, ended


@pytest.mark.parametrize("can_block", [True, False])
def test_sigint_is_blocked_at_exit_only_where_signals_can_be_blocked(
    monkeypatch: pytest.MonkeyPatch, can_block: bool
) -> None:
    """Where Python cannot block a signal (Windows has no `pthread_sigmask`), nothing is left
    to the interpreter's exit: the blocking it would run there raised AttributeError, which
    Python prints as it exits ("Exception ignored in atexit callback")."""
    import atexit

    from engine import command

    if not can_block:
        monkeypatch.delattr(signal, "pthread_sigmask")
    left: list[object] = []
    monkeypatch.setattr(atexit, "register", left.append)
    monkeypatch.setattr(atexit, "unregister", lambda _: None)
    command._keep_the_exit_status()
    assert left == ([command._block_sigint] if can_block else [])


def test_the_way_in_to_the_command_loads_little_before_it_can_answer_ctrl_c() -> None:
    """The `backplan` script (and `python -m engine`) imports `engine` and `engine.command`
    before `main` can answer Ctrl-C: importing `typing` there (8 ms), and `signal` with its
    `enum` (4 ms), made a Ctrl-C about 40 ms after the start end with Python's traceback and
    status -2 instead of 130 (found by review)."""
    code = (
        "import sys; import engine.command; "
        "print([m for m in ('typing', 'signal', 'enum') if m in sys.modules])"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert loaded.stdout == "[]\n"


def run_as_module(
    tmp_path: Path, source: str, arguments: Sequence[str] = EVAL
) -> subprocess.CompletedProcess[bytes]:
    """Run ``source`` with ``arguments`` (`eval`'s) as ``python -m`` runs a module, as ``python
    -m engine`` does (the way in where CPython reads its flag of a KeyboardInterrupt at exit)."""
    (tmp_path / "scenario.py").write_text(source, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "scenario", *arguments],
        capture_output=True,
        cwd=REPO,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO)])},
        # CI runs the tests as a background job, whose children inherit "ignore SIGINT"
        preexec_fn=restore_stop_signals,
    )


INTERRUPTED_IN_EXEC = """
import sys
from engine import cli, command

def interrupted(*_arguments, **_options):
    exec("raise KeyboardInterrupt")  # as a Ctrl-C inside a dataclass's methods being made

cli._load_plan_or_exit = interrupted
sys.argv = ["backplan", *sys.argv[1:]]
command.main()
"""


def test_ctrl_c_inside_an_exec_of_text_still_exits_130(tmp_path: Path) -> None:
    """A KeyboardInterrupt that left an ``exec`` of text (dataclasses make their methods so
    while a module loads) made CPython kill itself with SIGINT at exit, even though Backplan
    had caught it: ``python -m engine eval`` ended -2 after "Aborted." in about 1 run of 10
    with a Ctrl-C in its first few tenths of a second (found by review)."""
    ended = run_as_module(tmp_path, INTERRUPTED_IN_EXEC)
    assert (ended.returncode, ended.stderr) == (130, b"\nAborted.\n")


SIGNAL_WHILE_A_CLASS_IS_MADE = """
import os, signal, sys
from engine import cli, command

class Named:
    def __set_name__(self, owner, name):  # as each field of a dataclass with a default is
        os.kill(os.getpid(), signal.STOP)

def loading(*_arguments, **_options):  # as `eval` loads the modules it needs, as it starts
    class Loaded:
        field = Named()

cli._load_plan_or_exit = loading
sys.argv = ["backplan", *sys.argv[1:]]
command.main()
"""


@pytest.mark.parametrize(
    ("name", "ended"),
    [("SIGINT", (130, b"")), ("SIGTERM", (143, b"backplan: stopped by SIGTERM\n"))],
)
def test_a_stop_signal_while_a_class_is_made_ends_the_command_as_the_signal_does(
    tmp_path: Path, name: str, ended: tuple[int, bytes]
) -> None:
    """Python 3.11 wraps an exception raised while a class's attribute is named in a
    RuntimeError: a Ctrl-C as `eval` loaded its modules ended "backplan: internal error:
    RuntimeError: Error calling __set_name__ on 'Field' instance 'related' in 'Diagnostic'"
    with exit 1 (found by review)."""
    run = run_as_module(tmp_path, SIGNAL_WHILE_A_CLASS_IS_MADE.replace("STOP", name))
    assert (run.returncode, run.stderr) == ended


IN_ITS_OWN_PROCESS = """
import runpy, signal, sys
sys.argv = ["backplan", *sys.argv[1:]]
try:
    runpy.run_module("engine", run_name="__main__")  # as IPython's `%run -m engine` does
except SystemExit:
    pass
print("SIGINT blocked:", signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, ()))
"""


def test_a_program_that_runs_the_command_in_its_own_process_still_hears_ctrl_c(
    tmp_path: Path,
) -> None:
    """SIGINT is blocked for the exit status only as the interpreter exits: blocked as the
    command returned, a program that had run it in its own process (`%run -m engine`, a test
    runner's in-process mode) no longer stopped on Ctrl-C, nor did the processes it started
    afterwards, which inherit the blocked signal (found by review)."""
    ended = run_as_module(tmp_path, IN_ITS_OWN_PROCESS)
    said = ended.stdout.splitlines()[-1]
    assert (ended.returncode, ended.stderr, said) == (0, b"", b"SIGINT blocked: False")


SIGNAL_WHILE_JSON_LOADS = """
import importlib.abc, os, signal, sys

class SignalWhileJsonLoads(importlib.abc.MetaPathFinder):
    def find_spec(self, name, *_):
        if name == "json":  # orjson loads it, the first time a command needs JSON
            os.kill(os.getpid(), signal.SIGINT)

sys.meta_path.insert(0, SignalWhileJsonLoads())
assert "json" not in sys.modules and "orjson" not in sys.modules
sys.argv = ["backplan", *sys.argv[1:]]
from engine import command
command.main()
"""


def test_ctrl_c_while_orjson_loads_exits_130_and_does_not_crash(tmp_path: Path) -> None:
    """orjson's loading does not look at whether its own imports failed: a Ctrl-C in one of
    them crashed Python (a segmentation fault, in about 1 run of 100 with a Ctrl-C in the first
    second of `eval`). It loads now with the stop signals held back (found by review)."""
    ended = run_as_module(tmp_path, SIGNAL_WHILE_JSON_LOADS)
    assert (ended.returncode, ended.stdout, ended.stderr) == (130, b"", b"")


DROPPING = """
import os, signal, sys
from engine import api, cli, command

SENT = signal.{sent}

def dropped_in_a_finalizer():
    class Finalized:
        def __del__(self):
            os.kill(os.getpid(), SENT)
            sum(range(1000))  # the signal's exception comes out here, and is dropped

    Finalized()

def dropped_by_a_catch_all():  # as the compiler drops SIGTERM's while a module compiles
    try:
        os.kill(os.getpid(), SENT)
        sum(range(1000))
    except KeyboardInterrupt:
        pass
"""
"""A stop signal ``{sent}`` that Python drops, each way, for the scenarios below."""

DROPPED_AS_THE_PLAN_LOADS = (
    DROPPING
    + """
real = api.load_plan

def load_plan(*arguments, **options):
    plan = real(*arguments, **options)
    {how}()
    return plan

api.load_plan = load_plan
sys.argv = ["backplan", *sys.argv[1:]]
command.main()
"""
)


@pytest.mark.parametrize("how", ["dropped_in_a_finalizer", "dropped_by_a_catch_all"])
def test_a_stop_signal_python_dropped_as_the_plan_loaded_still_stops_eval(
    tmp_path: Path, how: str
) -> None:
    """Python drops an exception raised in a finalizer (saying "Exception ignored in", with a
    traceback) or in the import machinery's clean-up, and its compiler any but
    KeyboardInterrupt: a stop signal in the first tenths of a second of `eval` was lost so
    about once in 100, and the command decided every event (found by review)."""
    scenario = DROPPED_AS_THE_PLAN_LOADS.replace("{how}", how).replace("{sent}", "SIGINT")
    ended = run_as_module(tmp_path, scenario)
    assert (ended.returncode, ended.stdout, ended.stderr) == (130, b"", b"\nAborted.\n")


DROPPED_AS_THE_COMMAND_RUNS = (
    DROPPING
    + """
real = cli.cli.main

def main(*arguments, **options):
    dropped_in_a_finalizer()
    return real(*arguments, **options)

cli.cli.main = main
sys.argv = ["backplan", *sys.argv[1:]]
command.main()
"""
)


NOT_A_PLAN = (
    b"examples/plan-tests.yaml:13:1: error: this is a plan-tests file (this one tests "
    b"`../rules`), not a plan [not-a-plan]\n  hint: give the plan's own folder or files "
    b"(`rules`, the plan this file tests), not its plan tests nor a folder that holds them; "
    b"run the tests with "
    b"`backplan test examples/plan-tests.yaml`\nbackplan: the plan is invalid (1 problem)\n"
)


@pytest.mark.parametrize(
    ("arguments", "sent", "ended"),
    [
        (["validate", "rules"], "SIGINT", (130, b"")),
        (["test", "examples/plan-tests.yaml"], "SIGTERM", (143, b"backplan: stopped by SIGTERM\n")),
        (  # a command that exits with a status of its own: 2, the plan is invalid
            ["eval", "--plan", "examples/plan-tests.yaml", "examples/events/long-wait.json"],
            "SIGINT",
            (130, NOT_A_PLAN),
        ),
    ],
    ids=["validate", "test", "exit-2"],
)
def test_a_stop_signal_python_dropped_ends_every_command_as_the_signal_does(
    tmp_path: Path, arguments: list[str], sent: str, ended: tuple[int, bytes]
) -> None:
    """Only `eval`, `explain` and `render` raised a dropped stop again, once their plan had
    loaded: `validate` and `test` ran to their end and exited 0, without a word now that
    Python's "Exception ignored" traceback is kept quiet (found by review)."""
    run = run_as_module(tmp_path, DROPPED_AS_THE_COMMAND_RUNS.replace("{sent}", sent), arguments)
    assert (run.returncode, run.stderr) == ended


def test_the_backplan_script_runs_engine_command() -> None:
    """The entry point that covers the command line's loading is the one installed."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"] == {"backplan": "engine.command:main"}


class _Trickle(io.RawIOBase):
    """A full pipe: each write takes at most ``most`` bytes and says how many."""

    def __init__(self, most: int) -> None:
        super().__init__()
        self.most, self.taken = most, bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        part = bytes(data[: self.most])
        self.taken += part
        return len(part)


@pytest.mark.parametrize("buffered", [False, True], ids=["unbuffered", "buffered"])
def test_an_answer_a_full_pipe_takes_part_of_is_written_whole_in_order(buffered: bool) -> None:
    """A write a full pipe takes part of is finished, however long; unbuffered (standard
    output under ``PYTHONUNBUFFERED``: no ``raw`` beneath) as buffered, and what was already in
    the buffer goes first. Mutants losing track of the file written to (a NameError on an
    unbuffered output) or writing past the buffer, its bytes after the answer, survived
    (output:193 194)."""
    pipe = _Trickle(most=3)
    stream: Any = io.BufferedWriter(pipe) if buffered else pipe
    if buffered:
        stream.write(b"before\n")  # written to the buffer, not yet to the pipe
    out = output.BinaryOutput(stream)
    assert out.write(b"an answer\n") == len(b"an answer\n")
    out.flush()
    assert bytes(pipe.taken) == (b"before\n" if buffered else b"") + b"an answer\n"


class _Reset(io.RawIOBase):
    """Standard output a socket whose other end went away: its write fails with an OSError
    of a kind of its own."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise ConnectionResetError(errno.ECONNRESET, "Connection reset by peer")


def test_a_write_failing_with_any_kind_of_oserror_is_said_as_a_failed_write() -> None:
    """Any OSError but a reader gone (BrokenPipeError) is a failed write, said in the system's
    words, its kinds too (ConnectionResetError, PermissionError); a mutant taking only OSError
    itself and what it is a kind of let a ConnectionResetError through as it was, not said
    as a failed write (output:49)."""
    with pytest.raises(output.OutputError) as failed:
        output.BinaryOutput(_Reset()).write(b"an answer\n")
    assert failed.value.reason == "Connection reset by peer"
    assert output._FinishFirst.depth == 0


class _Full(io.RawIOBase):
    """A full disk: every write fails."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_document_follows_the_text_written_before_it_and_is_written_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A document for programs (JSON, JUnit XML) comes after the text written before it, and
    reaches the file before the command goes on, so a failed write is said as one; mutants
    leaving the text in its buffer (written after the document) or the document in its
    buffer (written at exit, unguarded) survived (output:129 131)."""
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BufferedWriter(raw)))
    sys.stdout.write("text first\n")
    output.write_document("{}\n")
    assert raw.getvalue() == f"text first{os.linesep}{{}}{os.linesep}".encode()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BufferedWriter(_Full())))
    with pytest.raises(output.OutputError) as failed:
        output.write_document("{}\n")
    assert failed.value.reason == "No space left on device"


def test_a_document_has_the_line_ends_of_a_text_file_of_the_system(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On Windows (``os.linesep`` ``\\r\\n``) a document's lines end as a text file's do there,
    as ``-o FILE`` writes them; a mutant turning the system's line ends into ``\\n`` instead
    was the same on POSIX alone (output:134)."""
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BufferedWriter(raw)))
    monkeypatch.setattr(os, "linesep", "\r\n")
    output.write_document('{"a": 1}\n{"b": 2}\n')
    assert raw.getvalue() == b'{"a": 1}\r\n{"b": 2}\r\n'


def test_the_guard_flushes_text_to_the_file_and_says_a_failed_flush() -> None:
    """click flushes after each line it writes: the guard flushes the stream beneath, so a
    full disk is said as a failed write then, not left to the exit, unguarded (a mutant
    flushing nothing survived, output:226)."""
    raw = io.BytesIO()
    guarded = output.GuardedText(io.TextIOWrapper(io.BufferedWriter(raw), encoding="utf-8"))
    guarded.write("a line\n")
    guarded.flush()
    assert raw.getvalue() == b"a line\n"
    full = output.GuardedText(io.TextIOWrapper(io.BufferedWriter(_Full()), encoding="utf-8"))
    full.write("a line\n")
    with pytest.raises(output.OutputError):
        full.flush()


def test_the_guard_tells_the_encoding_and_errors_of_the_stream_beneath() -> None:
    """click reads ``encoding`` and ``errors`` of standard output to write text: the guard's
    are the stream's, or UTF-8 and strict with standard output closed (mutants answering
    UTF-8 of every stream, or True and False for the errors, survived, output:230 231 232)."""
    stream = io.TextIOWrapper(io.BytesIO(), encoding="latin-1", errors="backslashreplace")
    guarded = output.GuardedText(stream)
    assert (guarded.encoding, guarded.errors) == ("latin-1", "backslashreplace")
    closed = output.GuardedText(None)
    assert (closed.encoding, closed.errors) == ("utf-8", "strict")


class _Terminal(io.StringIO):
    """A text stream that is a terminal, or not."""

    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


@pytest.mark.parametrize("terminal", [True, False])
def test_the_guard_is_a_terminal_when_the_stream_beneath_is(terminal: bool) -> None:
    """click keeps colours and styles for a terminal and strips them from a file or a pipe by
    asking ``isatty``: the guard answers as the stream does, and no with standard output
    closed (mutants answering yes or no of every stream survived, output:235-239)."""
    assert output.GuardedText(_Terminal(terminal)).isatty() is terminal
    assert output.GuardedText(None).isatty() is False


@pytest.fixture
def pipe() -> Iterator[tuple[int, int]]:
    """A pipe's read end and write end, both closed after the test."""
    read_end, write_end = os.pipe()
    try:
        yield read_end, write_end
    finally:
        os.close(read_end)
        os.close(write_end)


@pytest.mark.skipif(sys.platform == "win32", reason="O_NONBLOCK pipes are POSIX")
def test_text_written_before_the_guard_of_a_pipe_not_waiting_comes_first(
    pipe: tuple[int, int],
) -> None:
    """Standard output a pipe set not to wait is written through a stream of the guard's
    own: text already written to the one it replaces is flushed first, not written after the
    command's (a mutant leaving it in the old buffer survived, output:207)."""
    read_end, write_end = pipe
    os.set_blocking(write_end, False)
    before = open(write_end, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    before.write("before\n")
    guarded = output.guarded_stdout(before)
    guarded.write("after\n")
    guarded.flush()
    assert os.read(read_end, 100) == b"before\nafter\n"


@pytest.mark.parametrize("writing", [True, False], ids=["written", "read"])
def test_a_pipe_not_waiting_is_read_or_written_one_way_by_its_own_descriptor(
    writing: bool, pipe: tuple[int, int]
) -> None:
    """The stream put over a standard stream's pipe set not to wait is the pipe's own
    descriptor, and only read (standard input) or only written (standard output), as the
    stream it replaces; mutants naming descriptor 0 or allowing both ways survived
    (output:157 159 163)."""
    read_end, write_end = pipe
    stream = output._Waiting(write_end if writing else read_end, writing=writing)
    assert stream.fileno() == (write_end if writing else read_end)
    assert (stream.readable(), stream.writable()) == (not writing, writing)


@pytest.mark.parametrize("writing", [False, True], ids=["read", "write"])
def test_a_pipe_not_waiting_is_waited_for_not_asked_again_and_again(
    writing: bool, monkeypatch: pytest.MonkeyPatch, pipe: tuple[int, int]
) -> None:
    """A pipe set not to wait that is full (or empty) says so at once; the stream waits for it
    (select) before it tries again. Asked again at once, and again, the command kept a core
    busy for as long as the reader paused; mutants that did so survived (output:171 178 179)."""
    read_end, write_end = pipe
    os.write(write_end, b"an event\n")
    waited: list[tuple[int, bool]] = []
    busy = [True]  # the pipe says it would wait the first time only

    def would_wait(call: Callable[..., int]) -> Callable[..., int]:
        def once(*arguments: Any) -> int:
            if busy and busy.pop():
                raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")
            return call(*arguments)

        return once

    name = "write" if writing else "readv"
    monkeypatch.setattr(os, name, would_wait(getattr(os, name)))
    monkeypatch.setattr(output, "_wait_for", lambda fd, *, reading: waited.append((fd, reading)))
    descriptor = write_end if writing else read_end
    stream = output._Waiting(descriptor, writing=writing)
    done = stream.write(b"an answer\n") if writing else stream.readinto(bytearray(64))
    assert (done, waited) == (10 if writing else 9, [(descriptor, not writing)])


@pytest.mark.parametrize("reading", [False, True], ids=["write", "read"])
def test_the_wait_for_a_pipe_not_waiting_is_for_its_own_way(
    reading: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wait is select's, for reading or for writing the pipe as the stream does: one for
    the other waited for ever (a write end is never readable), none at all kept a core busy
    (output:181 182)."""
    import select

    asked: list[tuple[list[int], ...]] = []
    monkeypatch.setattr(select, "select", lambda *lists: asked.append(lists))
    output._wait_for(7, reading=reading)
    assert asked == [([7], [], []) if reading else ([], [7], [])]


def test_a_line_to_standard_error_nobody_reads_counts_as_written() -> None:
    """Standard error's reader gone, a line to it is lost whole and said written, its
    characters counted as a text stream's ``write`` counts them: no command reads the count,
    but code that did would have taken the line for not written (output:7 8 9)."""

    class Gone(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    assert output.QuietErrors(Gone()).write("backplan: stopped\n") == 18


def test_standard_error_s_flush_reaches_the_stream_beneath() -> None:
    """A flush of standard error goes to the stream beneath, so text without a line end yet
    (which a line-buffered stream holds) is shown when asked for (output:13)."""
    beneath = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", line_buffering=True)
    errors = output.QuietErrors(beneath)
    errors.write("backplan: loading")
    assert beneath.buffer.getvalue() == b""
    errors.flush()
    assert beneath.buffer.getvalue() == b"backplan: loading"


def test_standard_error_tells_what_the_stream_beneath_is() -> None:
    """Guarded, standard error is still the stream it was to whoever asks (its encoding, a
    terminal or not: click styles by it); a mutant answering None of everything survived
    (output:16)."""
    beneath = io.TextIOWrapper(io.BytesIO(), encoding="latin-1", errors="replace")
    errors = output.QuietErrors(beneath)
    assert (errors.encoding, errors.errors, errors.isatty()) == ("latin-1", "replace", False)
