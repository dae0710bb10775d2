"""A file a command writes is written whole, or the old one is left as it was."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from engine.outfile import write_whole


def _old_page(folder: Path, name: str = "plan.md") -> Path:
    """A file written before, holding ``old``."""
    page = folder / name
    page.write_text("old", encoding="utf-8")
    return page


def _not_permitted(*_: object) -> None:
    """``os.replace`` in a sticky folder, over another user's file."""
    raise PermissionError(1, "Operation not permitted")


def test_a_new_file_is_written(tmp_path: Path) -> None:
    write_whole(tmp_path / "plan.md", "é\n")
    assert (tmp_path / "plan.md").read_text(encoding="utf-8") == "é\n"
    assert os.listdir(tmp_path) == ["plan.md"]  # nothing left beside it


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Written in place, a full disk left half a page where the last good one had been, and a
    # nightly render published it (found by review).
    page = _old_page(tmp_path, "plan.html")

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_whole(page, "new")
    assert page.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["plan.html"]


def test_a_new_file_left_by_a_killed_run_is_no_obstacle(tmp_path: Path) -> None:
    # A run killed (SIGKILL, out of memory) leaves its new file; in a container the next run
    # often has the same process id (1), and its new file had the same name: every run after
    # failed with "File exists".
    page = _old_page(tmp_path)
    left = tmp_path / f".plan.md.{os.getpid()}.tmp"
    left.write_text("half a pa", encoding="utf-8")
    write_whole(page, "new")
    assert page.read_text(encoding="utf-8") == "new"
    assert sorted(os.listdir(tmp_path)) == [left.name, "plan.md"]  # not ours to remove


def test_an_existing_files_mode_is_kept_and_a_link_followed(tmp_path: Path) -> None:
    page = _old_page(tmp_path, "plan.html")
    page.chmod(0o640)
    link = tmp_path / "published.html"
    link.symlink_to(page)
    write_whole(link, "new")
    assert link.is_symlink() and page.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(page.stat().st_mode) == 0o640


def test_what_is_no_regular_file_is_written_to_as_it_is(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_whole(fifo, "through")
        assert os.read(reader, 100) == b"through"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # not replaced by a file


def test_a_file_in_a_folder_it_may_not_add_to_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The file was writable and its folder not: the new file beside it could not be made,
    # where the write in place had worked (found by review).
    # (The new file is asked for as "xb": this had refused "x" alone, so the file was
    # replaced, never written in place, and the test could not fail.)
    page = _old_page(tmp_path)
    monkeypatch.setattr(Path, "open", _folder_read_only(Path.open, tmp_path / "nothing"))
    write_whole(page, "new")
    assert page.read_text(encoding="utf-8") == "new"
    assert os.listdir(tmp_path) == ["plan.md"]  # no new file was made beside it


def test_a_new_file_in_a_folder_it_may_not_add_to_is_refused_as_the_system_refuses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written in place, a file that is not there is asked for as a new one, so the system's
    refusal is what the command says, not "No such file or directory" of the open that only
    writes over a file."""
    page = tmp_path / "plan.md"
    monkeypatch.setattr(Path, "open", _folder_read_only(Path.open, page))
    with pytest.raises(PermissionError):
        write_whole(page, "new")
    assert os.listdir(tmp_path) == []


def _folder_read_only(made: Any, missing: Path) -> Any:
    """``Path.open`` in a folder this process may not add files to: a new file is refused,
    and so is ``missing``, which is not there."""

    def opened(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if mode.startswith("x") or self == missing:
            raise PermissionError(13, "Permission denied")
        return made(self, mode, *args, **kwargs)

    return opened


def test_a_file_another_may_not_replace_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In a sticky folder (/tmp) only a file's owner may replace it: `os.replace` refused, where
    # writing the file in place worked (found by review). No new file is left beside it.
    page = _old_page(tmp_path)

    monkeypatch.setattr(os, "replace", _not_permitted)
    write_whole(page, "new")
    assert page.read_text(encoding="utf-8") == "new"
    assert os.listdir(tmp_path) == ["plan.md"]


def test_the_group_is_kept_where_the_owner_cannot_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _old_page(tmp_path)
    asked: list[tuple[int, int]] = []

    def chown(path: object, uid: int, gid: int) -> None:
        asked.append((uid, gid))
        if uid != -1:
            raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", chown)
    write_whole(page, "new")
    owner = page.stat()
    assert asked == [(owner.st_uid, owner.st_gid), (-1, owner.st_gid)]


def test_in_place_an_existing_file_is_opened_without_asking_to_create_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With fs.protected_regular (systemd's default), an open that may create another user's
    # file in a sticky folder is refused, even where writing it is allowed (found by review).
    page = _old_page(tmp_path)
    opened = os.open
    flags: list[int] = []

    def recording(path: object, flag: int, *args: object) -> int:
        flags.append(flag)
        return opened(path, flag, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", _not_permitted)
    monkeypatch.setattr(os, "open", recording)
    write_whole(page, "new")
    assert page.read_text(encoding="utf-8") == "new"
    assert flags and not flags[-1] & os.O_CREAT


def test_a_link_to_a_pipe_is_written_through(tmp_path: Path) -> None:
    # `render -o /dev/stdout | head` said "No such file or directory": the link was resolved
    # first, to `pipe:[…]`, which is no path (found by a second read).
    reader, writer = os.pipe()
    link = tmp_path / "stdout"
    link.symlink_to(f"/proc/self/fd/{writer}")
    try:
        write_whole(link, "through")
        assert os.read(reader, 100) == b"through"
    finally:
        os.close(reader)
        os.close(writer)
    assert link.is_symlink()


def test_every_whole_write_removes_a_killed_runs_new_file_told_or_not(tmp_path: Path) -> None:
    """The removal is the writing's own, not only of a writer that asks to be told (eval's):
    render's killed runs left theirs for ever (found by review)."""
    import subprocess
    import sys

    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait(timeout=60)  # reaped: no process has its id now
    page = _old_page(tmp_path)
    left = tmp_path / f".plan.md.{ended.pid}.ab12cd34.tmp"
    left.write_text("half a page", encoding="utf-8")
    write_whole(page, "new")
    assert sorted(os.listdir(tmp_path)) == ["plan.md"]
    told: list[str] = []
    left.write_text("half a page", encoding="utf-8")
    write_whole(page, "newer", told.append)
    assert told == [left.name] and page.read_text(encoding="utf-8") == "newer"
