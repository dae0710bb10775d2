"""`backplan eval --output FILE`: the answers written whole, or the old file left as it was.

Redirected (``> decisions.jsonl``), a run stopped part way (a cron job's ``timeout``, a full
disk) left a file that the next step read as the day's decisions: stopped by a signal, its
lines were all whole, and nothing in it said that events were missing.
"""

from __future__ import annotations

import errno
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine.cli import cli
from tests.cli.test_eval_cli import PLAN
from tests.conftest import (
    REPO,
    FailingDisk,
    records_said,
    restore_stop_signals,
    write_plan,
)

EVENTS = '{"id": "a", "type": "review", "rating": 1}\nnot json\n{"id": "b", "type": "order"}\n'


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    return write_plan(tmp_path, PLAN)


@pytest.fixture
def events(tmp_path: Path) -> Path:
    path = tmp_path / "events.jsonl"
    path.write_text(EVENTS, encoding="utf-8")
    return path


def _one_record(events: Path) -> str:
    """What eval says of EVENTS' one line that is not JSON: its error record, counted."""
    return records_said(events, 1)


def _old(folder: Path) -> Path:
    """Yesterday's decisions, which a failed run must leave as they were."""
    path = folder / "decisions.jsonl"
    path.write_text("yesterday\n", encoding="utf-8")
    return path


def run(args: list[str]) -> Any:
    return CliRunner().invoke(cli, args)


def test_the_answers_go_to_the_file_as_standard_output_has_them(
    plan_path: Path, events: Path, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    decisions = _old(tmp_path / "out")
    printed = run(["eval", "--plan", str(plan_path), str(events)])
    written = run(["eval", "--plan", str(plan_path), "-o", str(decisions), str(events)])
    assert written.exit_code == printed.exit_code == 1  # the line that is not JSON
    assert written.stdout == "" and written.stderr == printed.stderr == _one_record(events)
    assert decisions.read_text(encoding="utf-8") == printed.stdout
    assert [json.loads(line)["event_id"] for line in printed.stdout.splitlines()] == [
        "a",
        None,
        "b",
    ]
    assert os.listdir(decisions.parent) == ["decisions.jsonl"]  # nothing left beside it


def test_a_dash_is_standard_output(plan_path: Path, events: Path) -> None:
    result = run(["eval", "--plan", str(plan_path), "--output", "-", str(events)])
    assert len(result.stdout.splitlines()) == 3


LEFT = {
    False: "the file was left as it was",
    True: "the file holds only part of the answers (it was written in place, not replaced): "
    "run eval again",
}
"""What a run that failed says of FILE, replaced whole or (no new file made) written in place."""


@pytest.mark.parametrize("in_place", [False, True])
def test_an_input_that_cannot_be_read_leaves_the_old_file(
    plan_path: Path, events: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_place: bool
) -> None:
    # The other inputs are decided, but the file would lack the events of the one unread.
    # In a folder this user may not make files in (only write the file), the answers go to
    # FILE in place: part of them are left there, which had been said "left as it was".
    decisions = _old(tmp_path)
    failing = tmp_path / "failing.jsonl"
    failing.write_text("{}\n", encoding="utf-8")
    real_open = Path.open

    def opening(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if mode == "xb" and in_place:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        if self == failing:
            return io.BufferedReader(FailingDisk(b'{"id": "c"}\n'), 8)
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", opening)
    result = run(
        ["eval", "--plan", str(plan_path), "-o", str(decisions), str(events), str(failing)]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        _one_record(events) + f"backplan: {failing}: cannot read it: Input/output error\n"
        f"backplan: cannot write {decisions}: not every input could be read; {LEFT[in_place]}\n"
    )
    assert (decisions.read_text(encoding="utf-8") == "yesterday\n") is not in_place
    assert sorted(os.listdir(tmp_path)) == [
        "decisions.jsonl",
        "events.jsonl",
        "failing.jsonl",
        "plan.yaml",
    ]


class _FullDisk(io.RawIOBase):
    """The new file on a disk that is full: every write fails (ENOSPC)."""

    def __init__(self, made: Any) -> None:
        self.made = made

    def writable(self) -> bool:
        return True

    def write(self, _: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def close(self) -> None:
        self.made.close()
        super().close()


def test_a_full_disk_leaves_the_old_file(
    plan_path: Path, events: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decisions = _old(tmp_path)
    real_open = Path.open

    def opening(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        made = real_open(self, mode, *args, **kwargs)
        return io.BufferedWriter(_FullDisk(made)) if mode == "xb" else made

    monkeypatch.setattr(Path, "open", opening)
    result = run(["eval", "--plan", str(plan_path), "-o", str(decisions), str(events)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"backplan: cannot write {decisions}: No space left on device; "
        "the file was left as it was\n"
    )
    assert decisions.read_text(encoding="utf-8") == "yesterday\n"
    assert sorted(os.listdir(tmp_path)) == ["decisions.jsonl", "events.jsonl", "plan.yaml"]


def test_a_missing_folder_is_named_before_anything_is_decided(
    plan_path: Path, events: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing" / "decisions.jsonl"
    result = run(["eval", "--plan", str(plan_path), "-o", str(missing), str(events)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"backplan: cannot write {missing}: No such file or directory; the file was not made\n"
    )  # "left as it was" had been said of a file that never was


def test_a_folder_named_in_a_byte_that_is_not_utf8_is_told_with_that_byte_escaped(
    plan_path: Path, events: Path, tmp_path: Path
) -> None:
    """click's ``format_filename`` had written the byte as ``\ufffd`` ("cannot write
    no\ufffd/decisions.jsonl"); it is ``\\xff``, as every other message names such a file."""
    missing = tmp_path / "no\udcff" / "decisions.jsonl"
    result = run(["eval", "--plan", str(plan_path), "-o", str(missing), str(events)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"backplan: cannot write {tmp_path}/no\\xff/decisions.jsonl: No such file or "
        "directory; the file was not made\n"
    )


@pytest.mark.parametrize(
    ("command", "given"),
    [
        (["eval", "--plan", "PLAN", "-o"], "folder"),
        (["render", "PLAN", "-o"], "folder"),
        (["init"], "file"),
    ],
)
def test_a_path_click_refuses_is_named_with_a_byte_not_utf8_escaped(
    plan_path: Path, events: Path, tmp_path: Path, command: list[str], given: str
) -> None:
    """``eval -o`` and ``render -o`` given a folder, and ``init`` a file, are refused by
    click, which had written a byte of the name that is not UTF-8 as ``\ufffd`` ("File
    'out\ufffd' is a directory."); it is ``\xff``, as every other message names such a file."""
    named = tmp_path / "out\udcff"
    named.mkdir() if given == "folder" else named.write_text("", encoding="utf-8")
    args = [str(plan_path) if arg == "PLAN" else arg for arg in command]
    result = run([*args, str(named), *([str(events)] if command[0] == "eval" else [])])
    assert result.exit_code == 2
    assert f"'{tmp_path}/out\\xff' is a " in result.stderr
    assert "\ufffd" not in result.stderr


@pytest.mark.parametrize("given", ["file", "stdin"])
def test_an_input_is_never_the_output(plan_path: Path, events: Path, given: str) -> None:
    # Replaced by the answers, the events would be lost.
    command = [sys.executable, "-m", "engine", "eval", "--plan", str(plan_path)]
    with events.open("rb") as stdin:
        done = subprocess.run(
            [*command, "-o", str(events), str(events) if given == "file" else "-"],
            cwd=REPO,
            stdin=stdin,
            capture_output=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2
    shown = str(events) if given == "file" else "<stdin>"
    assert done.stderr.decode() == (
        f"backplan: {shown}: cannot read it: the answers are written to it too (--output), "
        "so they would replace its events: write them to another file\n"
    )
    assert done.stdout == b""
    assert events.read_text(encoding="utf-8") == EVENTS


@pytest.mark.parametrize("kind", ["plan", "plan-test"])
def test_a_plan_file_is_never_the_output(
    plan_path: Path, events: Path, tmp_path: Path, kind: str
) -> None:
    # `eval --plan rules -o rules/00-plan.yaml` replaced the manager's plan with decisions.
    given = plan_path
    if kind == "plan-test":
        given = tmp_path / "cases.yaml"
        given.write_text("cases:\n  - name: a\n", encoding="utf-8")
    kept = given.read_bytes()
    result = run(["eval", "--plan", str(plan_path), "-o", str(given), str(events)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"backplan: {given} is a {kind} file (YAML), so the answers would replace it: "
        "write them to another file, such as decisions.jsonl\n"
    )
    assert given.read_bytes() == kept
    assert set(os.listdir(tmp_path)) == {"events.jsonl", "plan.yaml", given.name}


@pytest.mark.parametrize(
    ("name", "refused"), [("decisions.yaml", True), ("sub/NEW.YML", True), ("out.jsonl", False)]
)
def test_eval_never_adds_a_yaml_file_to_the_plan_folder(
    events: Path, tmp_path: Path, name: str, refused: bool
) -> None:
    """`eval --plan rules -o rules/decisions.yaml` wrote the decisions into the plan's folder,
    and the next command given the folder read them as a file of the plan and failed, as
    `render -o` had: such a file is refused before the plan is read."""
    folder = tmp_path / "rules"
    (folder / "sub").mkdir(parents=True)
    write_plan(folder, PLAN)
    target = folder / name
    result = run(["eval", "--plan", str(folder), "-o", str(target), str(events)])
    assert result.exit_code == (2 if refused else 1), result.output
    assert target.exists() is not refused
    if refused:
        assert result.stderr == (
            f"backplan: {target} would be read as part of the plan (--plan); give --output "
            "another file (such as decisions.jsonl)\n"
        )


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_run_stopped_by_a_signal_leaves_the_old_file(
    plan_path: Path, tmp_path: Path, number: int
) -> None:
    # Events come through a pipe, each answer written as it is made: the run is stopped
    # once its new file holds answers, as `timeout` stops a cron job that runs late.
    decisions = _old(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "engine", "eval", "--plan", str(plan_path), "-o", str(decisions)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=restore_stop_signals,  # noqa: PLW1509 - the restore must happen in the child
    )
    try:
        assert process.stdin is not None
        process.stdin.write(b'{"id": "a", "type": "review", "rating": 1}\n')
        process.stdin.flush()
        deadline = time.monotonic() + 60
        while not any(p.stat().st_size for p in tmp_path.glob(".decisions.jsonl.*.tmp")):
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.02)
        process.send_signal(number)
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 128 + number
    assert err.decode().startswith(f"backplan: {decisions} was left as it was\n")
    assert decisions.read_text(encoding="utf-8") == "yesterday\n"
    assert sorted(os.listdir(tmp_path)) == ["decisions.jsonl", "plan.yaml"]


def _stopped_at(hook: str, arguments: list[str]) -> subprocess.CompletedProcess[bytes]:
    """``eval`` run with ``hook`` (Python, run first) sending it SIGTERM at a chosen point."""
    script = f"{hook}; from engine.cli import main; sys.argv[0] = 'backplan'; main()"
    return subprocess.run(
        [sys.executable, "-c", script, *arguments],
        cwd=REPO,
        capture_output=True,
        timeout=60,
        check=False,
        preexec_fn=restore_stop_signals,
    )


def test_a_signal_as_the_new_file_takes_the_old_ones_place_waits_for_it(
    plan_path: Path, events: Path, tmp_path: Path
) -> None:
    # SIGTERM just after the rename had the file said "left as it was", though it was new.
    decisions = _old(tmp_path)
    renaming = (
        "import os, signal, sys; real = os.replace; "
        "os.replace = lambda old, new: (real(old, new), os.kill(os.getpid(), signal.SIGTERM))[0]"
    )
    done = _stopped_at(
        renaming, ["eval", "--plan", str(plan_path), "-o", str(decisions), str(events)]
    )
    assert done.returncode == 128 + signal.SIGTERM
    assert done.stderr.decode() == _one_record(events) + "backplan: stopped by SIGTERM\n"
    assert len(decisions.read_text(encoding="utf-8").splitlines()) == 3  # the new answers


MAKING = (
    "import os, pathlib, signal, sys; real = pathlib.Path.open; "
    "pathlib.Path.open = lambda self, mode='r', *rest, **named: (real(self, mode, *rest, "
    "**named), mode == 'xb' and os.kill(os.getpid(), signal.SIGTERM))[0]"
)
"""SIGTERM just after the new file is made, before whole_file knows it made it."""

FINISHING = (
    "import os, signal, sys; import engine.output as output; real = output.finish_first; "
    "last = lambda: sys._getframe(2).f_code.co_name == '_answers_to' and os.kill(os.getpid(), "
    "signal.SIGTERM); "
    "Finish = type('Finish', (), {'__enter__': lambda self: (last(), real.__enter__()), "
    "'__exit__': lambda self, *a: real.__exit__(*a)}); output.finish_first = Finish()"
)
"""SIGTERM after the last answer, as eval's block that puts the new file in place begins."""


@pytest.mark.parametrize("hook", [MAKING, FINISHING], ids=["making", "finishing"])
def test_a_signal_before_or_after_the_answers_leaves_nothing_and_says_so(
    plan_path: Path, events: Path, tmp_path: Path, hook: str
) -> None:
    # Making: the new file was left beside FILE (.decisions.jsonl.<pid>.<hex>.tmp), and FILE
    # not said to be left. Finishing: the new file was removed, and nothing said of FILE.
    decisions = _old(tmp_path)
    done = _stopped_at(hook, ["eval", "--plan", str(plan_path), "-o", str(decisions), str(events)])
    assert done.returncode == 128 + signal.SIGTERM
    counted = _one_record(events) if hook is FINISHING else ""  # said once all is answered
    assert done.stderr.decode() == counted + (
        f"backplan: {decisions} was left as it was\nbackplan: stopped by SIGTERM\n"
    )
    assert decisions.read_text(encoding="utf-8") == "yesterday\n"
    assert sorted(os.listdir(tmp_path)) == ["decisions.jsonl", "events.jsonl", "plan.yaml"]


@pytest.mark.parametrize("hook", [MAKING, FINISHING], ids=["making", "finishing"])
def test_a_signal_before_a_new_file_is_made_says_it_was_not_made(
    plan_path: Path, events: Path, tmp_path: Path, hook: str
) -> None:
    # FILE was not there: it had been said "left as it was", of a file that never was.
    decisions = tmp_path / "decisions.jsonl"
    done = _stopped_at(hook, ["eval", "--plan", str(plan_path), "-o", str(decisions), str(events)])
    assert done.returncode == 128 + signal.SIGTERM
    counted = _one_record(events) if hook is FINISHING else ""  # said once all is answered
    assert done.stderr.decode() == counted + (
        f"backplan: {decisions} was not made\nbackplan: stopped by SIGTERM\n"
    )
    assert sorted(os.listdir(tmp_path)) == ["events.jsonl", "plan.yaml"]


def _no_new_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder where no new file can be made (only its files written): FILE is written in
    place."""
    real_open = Path.open

    def opening(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if mode == "xb":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", opening)


@pytest.mark.parametrize("refused", ["plan", "output"])
def test_an_input_refused_leaves_a_file_written_in_place_as_it_was(
    plan_path: Path, events: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refused: str
) -> None:
    # In a folder where no new file can be made, FILE is written in place; it was opened
    # (emptied) before the inputs were looked at, so a plan file given as events, or FILE
    # itself given as the events, emptied it though nothing was decided.
    decisions = _old(tmp_path)
    _no_new_file(monkeypatch)
    given = plan_path if refused == "plan" else decisions
    result = run(["eval", "--plan", str(plan_path), "-o", str(decisions), str(events), str(given)])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"backplan: {plan_path} is a plan file (YAML), not events"
        if refused == "plan"
        else f"backplan: {decisions}: cannot read it: the answers are written to it too"
    )
    assert decisions.read_text(encoding="utf-8") == "yesterday\n"


def test_a_closed_standard_input_leaves_a_file_written_in_place_as_it_was(
    plan_path: Path, events: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `eval -o FILE events.jsonl - <&-` where FILE is written in place: the closed standard
    # input was said only once reached, after FILE was emptied and given the first file's
    # answers, and nothing said FILE holds only part of them.
    decisions = _old(tmp_path)
    _no_new_file(monkeypatch)
    monkeypatch.setattr("engine.cliinputs.standard_input", lambda: None)
    result = run(["eval", "--plan", str(plan_path), "-o", str(decisions), str(events), "-"])
    assert result.exit_code == 2
    assert "standard input is closed, so there are no events to read there" in result.stderr
    assert decisions.read_text(encoding="utf-8") == "yesterday\n"


def _writing(plan_path: Path, decisions: Path, event: bytes) -> subprocess.Popen[bytes]:
    """An eval writing ``decisions``, once its new file holds the answer to ``event``: its
    standard input still open, so it is still writing."""
    process = subprocess.Popen(
        [sys.executable, "-m", "engine", "eval", "--plan", str(plan_path), "-o", str(decisions)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert process.stdin is not None
        process.stdin.write(event)
        process.stdin.flush()
        deadline = time.monotonic() + 60
        while not any(p.stat().st_size for p in decisions.parent.glob(f".{decisions.name}.*.tmp")):
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.02)
    except BaseException:
        process.kill()
        process.wait(timeout=60)
        raise
    return process


def _killed_leftover(plan_path: Path, decisions: Path) -> tuple[Path, int]:
    """The new file an eval writing ``decisions`` left when it was killed (SIGKILL, which
    cannot be caught, as the out-of-memory killer's), and the id its process had."""
    process = _writing(plan_path, decisions, b'{"id": "a", "type": "review", "rating": 1}\n')
    process.kill()
    process.communicate(timeout=60)
    (left,) = decisions.parent.glob(f".{decisions.name}.*.tmp")
    return left, process.pid


def test_a_new_file_left_by_a_killed_run_is_removed_and_said(
    plan_path: Path, events: Path, tmp_path: Path
) -> None:
    # A run killed outright left its hidden new file beside FILE (129 MB in an operator's
    # replay), and every run after it left it there, said nowhere.
    decisions = _old(tmp_path)
    left, _ = _killed_leftover(plan_path, decisions)
    done = run(["eval", "--plan", str(plan_path), "-o", str(decisions), str(events)])
    assert done.exit_code == 1  # the line that is not JSON
    assert done.stderr == (
        f"backplan: removed {left.name}, left by a run that was killed\n" + _one_record(events)
    )
    assert sorted(os.listdir(tmp_path)) == ["decisions.jsonl", "events.jsonl", "plan.yaml"]
    assert len(decisions.read_text(encoding="utf-8").splitlines()) == 3


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="open files listed by Linux")
def test_a_killed_runs_new_file_looked_at_is_not_left_open(
    plan_path: Path, events: Path, tmp_path: Path
) -> None:
    # Whether a run still writes a leftover is asked by opening it: a program that runs eval
    # again and again (a service) must not keep it open after, one more open file for every
    # leftover removed until the system refuses to open any (found by mutation testing).
    decisions = _old(tmp_path)
    left, _ = _killed_leftover(plan_path, decisions)
    before = sorted(os.listdir("/proc/self/fd"))
    done = run(["eval", "--plan", str(plan_path), "-o", str(decisions), str(events)])
    assert done.stderr.startswith(f"backplan: removed {left.name}, left by a run that was killed")
    assert sorted(os.listdir("/proc/self/fd")) == before


def test_where_files_cannot_be_locked_a_killed_runs_new_file_is_removed_by_its_process_id(
    plan_path: Path, events: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On Windows no run locks its new file: a leftover whose process is gone is removed there
    # too, not kept for ever as if a run still wrote it (found by mutation testing).
    decisions = _old(tmp_path)
    left, _ = _killed_leftover(plan_path, decisions)
    monkeypatch.setattr(sys, "platform", "win32")
    done = run(["eval", "--plan", str(plan_path), "-o", str(decisions), str(events)])
    monkeypatch.undo()
    assert done.stderr.startswith(f"backplan: removed {left.name}, left by a run that was killed")
    assert sorted(os.listdir(tmp_path)) == ["decisions.jsonl", "events.jsonl", "plan.yaml"]


def test_render_removes_a_new_file_left_by_a_killed_run_and_says_so(
    plan_path: Path, tmp_path: Path
) -> None:
    # Only eval -o removed a killed run's hidden new file: render -o left it for ever beside
    # the page a nightly job publishes, said nowhere (found by review).
    page = tmp_path / "plan.md"
    left, _ = _killed_leftover(plan_path, page)  # a run killed writing plan.md, as any may be
    done = run(["render", str(plan_path), "-o", str(page)])
    assert done.exit_code == 0
    assert done.stderr == (
        f"backplan: removed {left.name}, left by a run that was killed\nwrote {page}\n"
    )
    assert sorted(os.listdir(tmp_path)) == ["plan.md", "plan.yaml"]
    assert page.read_text(encoding="utf-8").startswith("#")


def test_a_new_file_of_a_running_process_or_a_link_is_kept(
    plan_path: Path, events: Path, tmp_path: Path
) -> None:
    # Only a regular file whose process is gone is removed: a running one's is its run's,
    # and a link (named as a killed run's new file would be) is neither removed nor followed.
    decisions = _old(tmp_path)
    left, gone = _killed_leftover(plan_path, decisions)
    left.unlink()
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("kept\n", encoding="utf-8")
    link = tmp_path / f".decisions.jsonl.{gone}.ab12cd34.tmp"
    link.symlink_to(elsewhere)
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        kept = tmp_path / f".decisions.jsonl.{running.pid}.ab12cd34.tmp"
        kept.write_text("its answers\n", encoding="utf-8")
        done = run(["eval", "--plan", str(plan_path), "-o", str(decisions), str(events)])
        time.sleep(0.2)  # a signal sent it (not the 0 that only asks) would have ended it
        untouched = running.poll() is None
    finally:
        running.kill()
        running.wait(timeout=60)
    assert done.exit_code == 1 and done.stderr == _one_record(events)
    assert untouched  # asked whether it runs, not signalled (found by mutation testing)
    assert kept.read_text(encoding="utf-8") == "its answers\n"
    assert link.is_symlink() and elsewhere.read_text(encoding="utf-8") == "kept\n"


def test_a_new_file_named_with_this_runs_own_process_id_is_a_killed_runs(
    plan_path: Path, events: Path, tmp_path: Path
) -> None:
    # In a container every run is process 1: a killed run's new file has the next run's id,
    # and was made before it (its own is not made yet), so it is removed too.
    decisions = _old(tmp_path)
    left = tmp_path / f".decisions.jsonl.{os.getpid()}.ab12cd34.tmp"
    left.write_text("part of the answers\n", encoding="utf-8")
    done = run(["eval", "--plan", str(plan_path), "-o", str(decisions), str(events)])
    assert done.stderr == (
        f"backplan: removed {left.name}, left by a run that was killed\n" + _one_record(events)
    )
    assert sorted(os.listdir(tmp_path)) == ["decisions.jsonl", "events.jsonl", "plan.yaml"]


def test_a_new_file_of_a_run_whose_process_id_is_not_seen_here_is_kept_while_it_writes(
    plan_path: Path, events: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run in another container writing to a shared folder has an id no process here has
    (or this run's own: every run in a container is process 1): its new file, still being
    written, was removed as a killed run's, and that run then failed at its end, its answers
    lost. A run writing its new file holds a lock on it, and a locked file is kept (found by
    review)."""
    decisions = _old(tmp_path)
    writing = _writing(plan_path, decisions, b'{"id": "z", "type": "review", "rating": 1}\n')
    try:
        monkeypatch.setattr("engine.outfile._gone", lambda pid: True)  # its id seen nowhere
        done = run(["eval", "--plan", str(plan_path), "-o", str(decisions), str(events)])
        _, said = writing.communicate(timeout=60)
    finally:
        writing.kill()
        writing.wait(timeout=60)
    assert done.exit_code == 1 and done.stderr == _one_record(events)
    assert (writing.returncode, said) == (0, b"")
    [answer] = decisions.read_text(encoding="utf-8").splitlines()
    assert json.loads(answer)["event_id"] == "z"
    assert sorted(os.listdir(tmp_path)) == ["decisions.jsonl", "events.jsonl", "plan.yaml"]


def test_only_a_file_named_exactly_as_a_new_file_of_file_is_removed(
    plan_path: Path, events: Path, tmp_path: Path
) -> None:
    # A killed run's new file is `.FILE.<pid>.<8 hex digits>.tmp`, and no other: a backup
    # beside it, another file's leftover, or a name whose tag is not 8 lowercase hex digits
    # is someone's own and kept, though its process is gone, as is one of process id 0 (found
    # by mutation testing).
    decisions = _old(tmp_path)
    pid = os.getpid()  # a run before this one: gone
    left = tmp_path / f".decisions.jsonl.{pid}.ab12cd34.tmp"
    left.write_text("part of the answers\n", encoding="utf-8")
    others = [
        f".decisions.jsonl.{pid}.ab12cd34.bak",
        f".decisions.jsonl.{pid}.ab12cd3.tmp",
        f".decisions.jsonl.{pid}.ab12cd345.tmp",
        f".decisions.jsonl.{pid}.ab12cd3g.tmp",
        f".decisions.jsonl.{pid}.xb12cd34.tmp",
        f".decisions.jsonl.{pid}.AB12CD34.tmp",
        f".decisions.jsonl.{pid}.ab12cd34.x.tmp",
        f".decisions.jsonl.{pid}.tmp",
        f".answers.jsonl.{pid}.ab12cd34.tmp",
        ".decisions.jsonl.0.ab12cd34.tmp",  # 0 is no run's id (it signals a process group)
        f".decisions.jsonl.{2**70}.ab12cd34.tmp",  # no process id is so large
    ]
    for name in others:
        (tmp_path / name).write_text("kept\n", encoding="utf-8")
    done = run(["eval", "--plan", str(plan_path), "-o", str(decisions), str(events)])
    assert done.stderr == (
        f"backplan: removed {left.name}, left by a run that was killed\n" + _one_record(events)
    )
    assert sorted(os.listdir(tmp_path)) == sorted(
        ["decisions.jsonl", "events.jsonl", "plan.yaml", *others]
    )
