"""A file a command writes (``backplan render -o plan.html``, ``backplan eval -o
decisions.jsonl``): whole, or not at all.

Written in place, a write that failed part way (a full disk) left half a page where the last
good one had been, and a nightly render published it (found by review). The text is written
to a new file beside it, then renamed over it, which a file system does at once: a reader sees
the old file or the new one, never part of one, and a failed write leaves the old file as it
was. ``eval`` writes its answers to the new file as they are made (:func:`whole_file`), so a
run stopped part way (a signal, a full disk, an input that could not be read) leaves no file
of whole lines that looks complete.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from engine.output import held_back

if sys.platform != "win32":
    import fcntl


def write_whole(path: str | Path, text: str, removed: Callable[[str], None] | None = None) -> None:
    """Write ``text`` (UTF-8) to ``path`` in one step (:func:`whole_file`, which tells
    ``removed`` of each killed run's new file it removes). Raises OSError as
    :meth:`pathlib.Path.write_text` does; the new file is then removed."""
    with whole_file(path, removed) as out:
        written = io.TextIOWrapper(out, encoding="utf-8")  # line ends as a text file has them
        written.write(text)
        written.detach()  # flushed, and ``out`` left open for whole_file to finish


@contextlib.contextmanager
def whole_file(
    path: str | Path, removed: Callable[[str], None] | None = None
) -> Iterator[IO[bytes]]:
    """The bytes of the file at ``path``, to write: what is written goes to a new file beside
    it, which replaces it, keeping an existing file's mode and owner, when the block ends; an
    exception in the block (or in the write) removes the new file, and the old one is left as
    it was.

    A symbolic link is followed, and the file it names is replaced; what is no regular file (a
    device such as ``/dev/stdout``, a named pipe) is written to as it is; so is a file in a
    folder this process may not create files in, or may not replace its files in (a sticky
    folder such as /tmp): there, a failed write leaves what was written. Raises OSError as
    :func:`open` does.

    The new files that runs killed while writing the same file left beside it are removed
    first (:func:`_remove_leftovers`), whichever command writes it: only ``eval -o`` had
    asked, and ``render -o`` left a killed run's ``.plan.html.<pid>.<hex>.tmp`` for ever
    (found by review). ``removed``, when given, is told the name of each."""
    target = Path(path)
    if target.exists() and not target.is_file():  # `-o /dev/stdout`, a pipe: no file to replace
        with _in_place(target) as out:  # (asked through the link: /dev/stdout of a pipe is a
            yield out  # link to `pipe:[…]`, no path at all; a folder: the error says what it is)
        return
    if target.is_symlink():
        target = target.resolve()
    for name in _remove_leftovers(target):
        if removed is not None:
            removed(name)
    # Not the process id alone: a run killed (SIGKILL) leaves its new file, and in a container
    # the next run often has the same id (1); its new file would be there already, every time.
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    new: IO[bytes] | None = None
    try:
        # Made and known to be made as one step: a stop signal that came in between left the
        # new file there (found by review); held back, it acts here, where the file is removed.
        with held_back():
            new = _new_file(temporary)
            if new is not None:
                _hold(new)
        if new is None:
            with _in_place(target) as out:
                yield out
            return
        with new:
            yield new
        with contextlib.suppress(FileNotFoundError):
            _keep_mode_and_owner(target.stat(), temporary)
        try:
            os.replace(temporary, target)
        except PermissionError:  # a sticky folder (/tmp): only the file's owner may replace
            with temporary.open("rb") as written, _in_place(target) as out:  # it, and this
                shutil.copyfileobj(written, out)  # process may still write it: in place
            temporary.unlink()
    except BaseException:
        if new is not None:  # None: no new file was made here (nor one of the same name removed)
            new.close()
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise


def _remove_leftovers(target: Path) -> list[str]:
    """Remove the new files that runs killed while writing ``target`` left beside it; return
    their names.

    SIGKILL or the out-of-memory killer cannot be caught: the new file stayed, hidden
    (``.decisions.jsonl.4242.ab12cd34.tmp``), and an operator's replay found 129 MB of them,
    said nowhere (found by review). Removed only what is surely such a file: named as
    :func:`whole_file` names them for ``target``, a regular file (never a link, not followed),
    owned by this user, whose process is gone (no process has its id; this process's own id
    is a run before it that had the same one, as in a container, where each run is 1: its
    new file is not made yet), and that no run holds (:func:`_hold`). A file of a process
    still running is its run's, and kept: one of another container or machine writing to a
    shared folder has an id this one does not see, or its own, and was removed while it was
    written, that run failing at its end (found by review)."""
    prefix = f".{target.name}."
    found: list[str] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:  # a folder that cannot be listed: whole_file says what it must of it
        return found
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        pid, _, tag = entry.name[len(prefix) : -len(".tmp")].partition(".")
        if not (pid.isascii() and pid.isdigit() and _is_tag(tag) and _gone(int(pid))):
            continue
        try:
            found_stat = entry.stat(follow_symlinks=False)
            if (
                stat.S_ISREG(found_stat.st_mode)
                and found_stat.st_uid == os.geteuid()
                and not _held(entry.path)
            ):
                os.unlink(entry.path)  # (a link put there since is removed, not followed)
                found.append(entry.name)
        except OSError:  # gone since, or not this user's to remove: left
            continue
    return found


def _hold(new: IO[bytes]) -> None:
    """Lock the new file for as long as this run has it open: the kernel lets go when the
    run ends, however it ends (a SIGKILL too), so a file still locked is a live run's,
    wherever it runs (another container, or machine on a shared folder, where its process id
    says nothing). A file system without locks leaves it unlocked: its process id is then
    all that tells (:func:`_gone`)."""
    if sys.platform != "win32":
        with contextlib.suppress(OSError):
            fcntl.flock(new.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def _held(path: str) -> bool:
    """Whether a run holds the new file at ``path`` (:func:`_hold`), and so is writing it.
    Raises OSError when it cannot be opened (a link put there since: not followed)."""
    if sys.platform == "win32":
        return False
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:  # a file system without locks: as the file's process id says
        return False
    finally:
        os.close(fd)
    return False


def _is_tag(text: str) -> bool:
    """Whether ``text`` is the 8 hex digits :func:`whole_file` puts in a new file's name."""
    return len(text) == 8 and all(c in "0123456789abcdef" for c in text)


def _gone(pid: int) -> bool:
    """Whether the run of process id ``pid`` is over: no process has that id, or it is this
    process's (a run before it, see :func:`_remove_leftovers`). 0 signals a process group."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):  # another user's process (PermissionError): running
        return False
    return False


def _new_file(temporary: Path) -> IO[bytes] | None:
    """The new file, made; None in a folder only its files may be written in (the file is
    then written in place)."""
    try:
        return temporary.open("xb")
    except PermissionError:
        return None


def _keep_mode_and_owner(old: os.stat_result, new: Path) -> None:
    """Give the new file the old one's mode and, where this process may, its owner (run as
    root, a page owned by the web server's user stayed its). Access lists are not copied."""
    os.chmod(new, stat.S_IMODE(old.st_mode))
    try:
        os.chown(new, old.st_uid, old.st_gid)
    except PermissionError:  # another user's file: its group at least, where this process
        with contextlib.suppress(PermissionError):  # is one of the group's members
            os.chown(new, -1, old.st_gid)


def _in_place(target: Path) -> IO[bytes]:
    """The file to write over what is there (a file, a device, a pipe), opened without asking
    to create it: in a sticky folder, where Linux's ``fs.protected_regular`` refuses an open
    that may create another user's file (as ``Path.write_text`` asks), this one is allowed. A
    file that is not there is made."""
    try:
        return open(os.open(target, os.O_WRONLY | os.O_TRUNC), "wb")
    except FileNotFoundError:
        return target.open("wb")
