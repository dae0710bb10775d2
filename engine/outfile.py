"""A file a command writes (``backplan render -o plan.html``): whole, or not at all.

Written in place, a write that failed part way (a full disk) left half a page where the last
good one had been, and a nightly render published it (found by review). The text is written
to a new file beside it, then renamed over it, which a file system does at once: a reader sees
the old file or the new one, never part of one, and a failed write leaves the old file as it
was.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


def write_whole(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` in one step, keeping an existing file's mode and owner;
    in a folder this process may not create files in, the file is written in place. A
    symbolic link is followed, and the file it names is replaced; what is no regular file (a
    device such as ``/dev/stdout``, a named pipe) is written to as it is. Raises OSError as
    :meth:`pathlib.Path.write_text` does; the new file is then removed."""
    target = Path(path)
    if target.exists() and not target.is_file():  # `-o /dev/stdout`, a pipe: no file to replace
        _write_in_place(target, text)  # (asked through the link: /dev/stdout of a pipe is a
        return  # link to `pipe:[…]`, no path at all; a folder: the error says what it is)
    if target.is_symlink():
        target = target.resolve()
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        out = temporary.open("x", encoding="utf-8")
    except PermissionError:  # a folder only its files may be written in: the file, in place
        _write_in_place(target, text)
        return
    try:
        with out:
            out.write(text)
        with contextlib.suppress(FileNotFoundError):
            _keep_mode_and_owner(target.stat(), temporary)
        try:
            os.replace(temporary, target)
        except PermissionError:  # a sticky folder (/tmp): only the file's owner may replace
            temporary.unlink()  # it, and this process may still write it: written in place
            _write_in_place(target, text)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _keep_mode_and_owner(old: os.stat_result, new: Path) -> None:
    """Give the new file the old one's mode and, where this process may, its owner (run as
    root, a page owned by the web server's user stayed its). Access lists are not copied."""
    os.chmod(new, stat.S_IMODE(old.st_mode))
    try:
        os.chown(new, old.st_uid, old.st_gid)
    except PermissionError:  # another user's file: its group at least, where this process
        with contextlib.suppress(PermissionError):  # is one of the group's members
            os.chown(new, -1, old.st_gid)


def _write_in_place(target: Path, text: str) -> None:
    """Write over what is there (a file, a device, a pipe) without asking to create it: in a
    sticky folder, where Linux's ``fs.protected_regular`` refuses an open that may create
    another user's file (as ``Path.write_text`` asks), this one is allowed. A file that is not
    there is made."""
    try:
        handle = os.open(target, os.O_WRONLY | os.O_TRUNC)
    except FileNotFoundError:
        target.write_text(text, encoding="utf-8")
        return
    with open(handle, "w", encoding="utf-8") as out:
        out.write(text)
