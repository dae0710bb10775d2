"""Standard output as every command writes it: a failed write named, a reader gone quiet.

Writing to standard output fails in three ways a user meets, and each needs its own answer:

* its reader went away (``backplan validate rules/ | head -1``): stop quietly, as Unix tools
  do (``BrokenPipeError``), with the status the command had reached (:class:`Reached`);
* the write itself failed (a full disk, ``> /dev/full``): say so, ``backplan: cannot write the
  output: No space left on device``, with exit 2;
* the command was started with standard output closed (``>&-``): Python then has no
  ``sys.stdout`` at all, and ``click.echo`` drops every line without a word, so the command
  "succeeded" having written nothing; it is a failed write too.

``backplan eval`` writes bytes and tells these apart itself (``engine.cli``, with
:class:`BinaryOutput`); every other command writes text through ``click.echo``, so ``main``
puts :class:`GuardedText` in place of ``sys.stdout``. Click ends a ``BrokenPipeError`` of its
own accord with exit 1, so the guard raises exceptions that are not ``OSError`` for both
failures (:class:`ReaderGoneError`, :class:`OutputError`), and ``engine.cli.main`` answers them.

A signal that stops ``backplan eval`` (Ctrl-C's SIGINT, SIGTERM from ``kill``, SIGHUP from a
closed terminal) never cuts a line: one that comes in the middle of a write of answers waits
for the write's end (:data:`finish_first`, :func:`stopping_on_signals`, :class:`BinaryOutput`).
The other commands stop at once, as before: their text goes through Python's text and buffered
writers, which a signal handled without an exception leaves with bytes dropped.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any, TextIO, cast

CLOSED = "standard output is closed"
"""The reason given for a write to a standard output the command was started without."""

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
"""The exit statuses every command gives (docs/cli.md): all went well; problems in the input
or the plan, reported; the command used wrongly, the plan or an input unreadable, or the output
unwritable."""


class Reached:
    """The exit status a command has reached before it writes what says so. A reader that goes
    away (`| head -1`) ends the command quietly with it: with 0, `backplan validate broken/ |
    head -1` passed a CI step on a plan with errors. Reset as each command starts."""

    code = EXIT_OK


def reach(code: int) -> int:
    """Note ``code`` as reached (the worst so far wins) and give it back."""
    Reached.code = max(Reached.code, code)
    return code


class QuietErrors:
    """Standard error as every command writes it: a line nobody reads any more (its reader
    gone, `2>&1 | head -1`) is lost, and nothing else is. Unguarded, click ended the command
    with exit 1 where it was 2, and Ctrl-C with 0 where it is 130, its own message being the
    write that failed."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write ``text``, or lose it if the stream fails; either way all of it counts as
        written, so the caller goes on to its exit status."""
        with contextlib.suppress(OSError):
            return self._stream.write(text)
        return len(text)

    def flush(self) -> None:
        """Flush, a failure lost as a failed :meth:`write` is."""
        with contextlib.suppress(OSError):
            self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class OutputError(Exception):
    """Writing to standard output failed (not because its reader went away)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ReaderGoneError(Exception):
    """Standard output's reader went away: the command stops quietly."""


STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""The signals that stop a command as Ctrl-C does (Windows has no SIGHUP)."""


class Stopped(BaseException):
    """SIGTERM or SIGHUP stopped the command: it ends as after Ctrl-C, with exit 128 + the
    signal's number (143, 129) and a line on standard error. Not a KeyboardInterrupt, which
    click answers with a blank line on standard error before its own."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number

    @property
    def name(self) -> str:
        """The signal's name (``SIGTERM``), as the line on standard error says it."""
        return signal.Signals(self.number).name


def _stop(number: int) -> BaseException:
    """What a stop signal raises: KeyboardInterrupt for Ctrl-C, as Python's own handler does."""
    return KeyboardInterrupt() if number == signal.SIGINT else Stopped(number)


class _FinishFirst:
    """``with finish_first:`` a stop signal that comes inside the block is held until its end,
    and raised there (:func:`stopping_on_signals`).

    A write to a full pipe (a reader that is slow, or paused) waits; interrupted, the bytes of
    a large write that had gone through were lost count of, and the rest with them: the output
    ended in the middle of a line, at 65,536 bytes (found by review). Held, the signal lets the
    write finish, to the end of its last line. An error raised inside goes on instead."""

    depth = 0
    held: int | None = None
    """The signal that came inside the outermost block, to raise at its end."""

    def __enter__(self) -> None:
        _FinishFirst.depth += 1

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.leave(kind)

    @staticmethod
    def leave(kind: type[BaseException] | None) -> None:
        _FinishFirst.depth -= 1
        if kind is None and _FinishFirst.held is not None and not _FinishFirst.depth:
            number, _FinishFirst.held = _FinishFirst.held, None
            raise _stop(number)


finish_first = _FinishFirst()


class _WholeWrite(_FinishFirst):
    """:data:`finish_first` and :func:`writing` at once, for :class:`BinaryOutput`: one object
    entered and left, as each answer written to a pipe (events arriving one by one) pays for
    it."""

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is not None and issubclass(kind, OSError) and not issubclass(kind, BrokenPipeError):
            _FinishFirst.depth -= 1
            held, _FinishFirst.held = _FinishFirst.held, None
            if held is not None:  # the terminal closed (SIGHUP), then its writes fail (EIO):
                raise _stop(held) from None  # the signal is what happened (found by review)
            raise _failed(cast(OSError, rest[0])) from None
        self.leave(kind)


_whole_write = _WholeWrite()


class _Came:
    """The stop signal that came while :func:`stopping_on_signals` was in force, if one did."""

    number: int | None = None


def _on_stop_signal(number: int, _frame: object) -> None:
    """The handler of the stop signals: stop now, or at the end of the write under way. A
    second signal ends the process at once, as it does by default: the first may be waiting
    for a reader that reads nothing more."""
    for each in STOP_SIGNALS:
        if signal.getsignal(each) is _on_stop_signal:
            signal.signal(each, signal.SIG_DFL)
    _Came.number = number
    if _FinishFirst.depth:
        _FinishFirst.held = number
        return
    raise _stop(number)


def stop_if_dropped() -> None:
    """Raise again a stop signal whose exception Python dropped; for the places where no stop
    can be under way (a plan just loaded), as one raised and not dropped never gets there.

    Python drops an exception raised in a finalizer or in the import machinery's clean-up
    (only saying "Exception ignored in", a traceback, which :func:`stopping_on_signals` keeps
    quiet), and the compiler drops any but KeyboardInterrupt while it compiles a module: a
    stop signal in the first tenths of a second of `eval` was so lost about once in 100, and
    the command ran to its end (found by review)."""
    if _Came.number is not None:
        raise _stop(_Came.number)


def _quiet_stops(
    previous: Callable[[Any], object],
) -> Callable[[Any], object]:
    """``sys.unraisablehook`` that says nothing of a stop signal's exception that Python
    dropped (:func:`stop_if_dropped` raises it again); anything else as ``previous`` does."""

    def hook(unraisable: Any) -> None:
        came = _Came.number is not None  # from the handler: not one an app's code raised
        if not (came and isinstance(unraisable.exc_value, KeyboardInterrupt | Stopped)):
            previous(unraisable)

    return hook


@contextlib.contextmanager
def held_back() -> Iterator[None]:
    """Inside, the stop signals wait (blocked); one that came acts on the way out. For
    steps that a signal's exception must not cut in two: forking the workers, loading orjson
    (``engine.command``). Nothing is held on Windows, which has no way to."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:  # a KeyboardInterrupt held back is raised here
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


@contextlib.contextmanager
def stopping_on_signals() -> Iterator[None]:
    """Inside, SIGINT, SIGTERM and SIGHUP raise KeyboardInterrupt or :class:`Stopped` between
    writes, never inside one (:data:`finish_first`); a signal ignored (``nohup``, a background
    job's Ctrl-C) stays ignored. Afterwards each has the handler it had before, unless one came
    (each then ends the process at once)."""
    before = {}
    for number in STOP_SIGNALS:
        handler = signal.getsignal(number)
        if handler is None or handler == signal.SIG_IGN:  # None: not set from Python
            continue
        try:
            signal.signal(number, _on_stop_signal)
        except ValueError:  # not the main thread (an embedding's): signals are not its own
            break
        before[number] = handler
    _Came.number = None
    unraisable = sys.unraisablehook
    if before:  # the handlers are this command's (not so off the main thread)
        sys.unraisablehook = _quiet_stops(unraisable)
    try:
        yield
    finally:
        sys.unraisablehook, _Came.number = unraisable, None
        for number, handler in before.items():
            if signal.getsignal(number) is _on_stop_signal:
                signal.signal(number, handler)


@contextlib.contextmanager
def writing() -> Iterator[None]:
    """An OSError while writing as an :class:`OutputError`; a BrokenPipeError as it is."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _failed(error) from None


def _failed(error: OSError) -> OutputError:
    """A failed write, said as the system says it (``No space left on device``)."""
    return OutputError(error.strerror or str(error))


@contextlib.contextmanager
def _text_writing() -> Iterator[None]:
    """:func:`writing`, with a reader gone as :class:`ReaderGoneError`: click ends a
    BrokenPipeError of its own accord, with exit 1."""
    try:
        with writing():
            yield
    except BrokenPipeError:
        raise ReaderGoneError from None


def binary_stdout() -> BinaryOutput:
    """Standard output's bytes, guarded; :class:`OutputError` when the command was started
    without standard output (``>&-``), said as every command says it."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        raise OutputError(CLOSED)
    return BinaryOutput(buffer)  # (a pipe set not to wait: `main` made it wait, guarded_stdout)


def write_document(text: str) -> None:
    """``text``, a document other programs read (JSON, JUnit XML, the rendered plan), to
    standard output in UTF-8 whatever its encoding, with the line ends a text file has (as
    ``-o FILE`` writes it, ``engine.outfile``): the same bytes on every system.

    Written in standard output's encoding, a Latin-1 one (a legacy locale, a Windows console
    redirected to a file: cp1252) had made `é` one byte no UTF-8 reader takes, and `ğ` the
    six characters `\\u011f`, in JSON that must be UTF-8 and pages that say they are.
    Guarded as :class:`GuardedText` is; a stream without bytes underneath (closed: the guard
    says so) is written as text."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if stream is None or buffer is None:
        print(text, end="", file=stream)
        return
    data = text.replace("\n", os.linesep).encode("utf-8", "backslashreplace")
    with _text_writing():
        stream.flush()  # what was written as text goes first
        buffer.write(data)
        buffer.flush()


def waiting_stdin(stream: TextIO | None) -> TextIO | None:
    """``sys.stdin`` as ``main`` sets it: itself, or, for a pipe set not to wait, the same
    text read through :class:`_Waiting` (nothing was read from it yet)."""
    descriptor = _not_waiting(stream)
    if stream is None or descriptor is None:
        return stream
    return io.TextIOWrapper(
        io.BufferedReader(_Waiting(descriptor, writing=False)),
        encoding=stream.encoding,
        errors=stream.errors,
    )


def _not_waiting(stream: Any) -> int | None:
    """The file descriptor of a standard stream whose pipe is set not to wait (O_NONBLOCK),
    else None (a stream that waits, a test's stream without a file, Windows)."""
    with contextlib.suppress(AttributeError, ValueError, OSError, io.UnsupportedOperation):
        descriptor: int = stream.fileno()
        if not os.get_blocking(descriptor):
            return descriptor
    return None


class _Waiting(io.RawIOBase):
    """A standard stream's pipe that a parent set not to wait (Node.js does, and some CI
    runners), read and written as if it waited, as on any other pipe.

    Written when full, such a pipe takes nothing and says so only by raising or returning
    None, which Python's buffered streams pass on in ways that lost every answer after the
    first 64 KiB with exit 0; read when empty, it looked like the end of the input. The flag is
    not changed: it belongs to the pipe's open file, which the parent (an event loop that
    reads until told to wait) and its other children share. A wait for the pipe is what a
    read or write blocking on it would have done.
    """

    def __init__(self, descriptor: int, *, writing: bool) -> None:
        super().__init__()
        self._descriptor = descriptor
        self._writing = writing

    def fileno(self) -> int:
        return self._descriptor

    def readable(self) -> bool:
        return not self._writing

    def writable(self) -> bool:
        return self._writing

    def readinto(self, buffer: Any) -> int:
        while True:
            try:
                return os.readv(self._descriptor, [buffer])
            except BlockingIOError:
                _wait_for(self._descriptor, reading=True)

    def write(self, data: Any) -> int:
        while True:
            try:
                return os.write(self._descriptor, data)
            except BlockingIOError:
                _wait_for(self._descriptor, reading=False)


def _wait_for(descriptor: int, *, reading: bool) -> None:
    """Wait until the pipe can be read (or written) without waiting."""
    import select  # only for a pipe set not to wait: not on every command's start-up

    ready = [descriptor]
    select.select(ready if reading else [], [] if reading else ready, [])


class BinaryOutput:
    """Standard output's bytes for ``backplan eval``: a failed write raises
    :class:`OutputError`; a reader that went away still raises BrokenPipeError, which eval
    answers itself (it has buffered answers to drop).

    A write is whole even when a stop signal comes in the middle of it (:data:`finish_first`):
    its bytes go to the file underneath (``raw``) until every one is written. Interrupted, a
    write to a full pipe takes part of the bytes and says how many; the file itself (standard
    output unbuffered, ``PYTHONUNBUFFERED``) returns that count, which was not looked at, and
    Python's buffered writer, its signal handled without an exception, gave up part way without
    a word (of a 18,176-byte write, 9,984 bytes written and the rest dropped)."""

    __slots__ = ("_out", "_raw")

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out
        raw: IO[bytes] | None = getattr(out, "raw", None)  # none: unbuffered, a test's BytesIO
        self._raw = raw

    def write(self, data: bytes) -> int:
        """Write every byte of ``data``, however many writes a full pipe takes, and say all
        were written: a short count would have its caller drop the rest."""
        with _whole_write:
            if self._raw is None:
                written = self._out.write(data)
                out = self._out
            else:
                self._out.flush()  # what was written to the buffer goes first
                written = (out := self._raw).write(data)
            if written < len(data):  # a full pipe took part of it: the rest, however long
                view = memoryview(data)[written:]
                while view:
                    view = view[out.write(view) :]
            return len(data)

    def flush(self) -> None:
        """Flush, whole as a :meth:`write` is, through a stop signal."""
        with _whole_write:
            self._out.flush()


def guarded_stdout(stream: TextIO | None) -> GuardedText:
    """``sys.stdout`` guarded, and set to write any text: a character its encoding lacks (a
    file name's byte that is not UTF-8, kept by Python as a lone surrogate) as an escape, as
    standard error does, rather than failing the command; and UTF-8 for an ASCII stream
    (``PYTHONIOENCODING=ascii``), which click would otherwise replace by a writer of its own
    around the bytes underneath, out of the guard's reach (it writes UTF-8 there too)."""
    descriptor = _not_waiting(stream)
    if stream is not None and descriptor is not None:  # see _Waiting: render lost 4.8 of 4.9 MB
        stream.flush()
        stream = io.TextIOWrapper(
            io.BufferedWriter(_Waiting(descriptor, writing=True)),
            encoding=stream.encoding,
            errors=stream.errors,
            line_buffering=bool(stream.line_buffering),
        )
    with contextlib.suppress(AttributeError, LookupError, ValueError, OSError):
        if stream is not None:
            ascii_only = codecs.lookup(stream.encoding).name == "ascii"
            stream.reconfigure(  # type: ignore[attr-defined]
                errors="backslashreplace", **({"encoding": "utf-8"} if ascii_only else {})
            )
    return GuardedText(stream)


class GuardedText:
    """``sys.stdout`` for the commands that write text: every other attribute is the real
    stream's (``buffer``, ``encoding``, ``isatty``...), so click writes through it unchanged."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write ``text``; a failure as :class:`OutputError`, a reader gone as
        :class:`ReaderGoneError`, so each command says them as the others do."""
        if self._stream is None:
            raise OutputError(CLOSED)
        with _text_writing():
            return self._stream.write(text)

    def flush(self) -> None:
        """Flush, its failures said as a :meth:`write`'s are; nothing to do without a stream."""
        if self._stream is None:
            return  # nothing was written (a write would have said so)
        with _text_writing():
            self._stream.flush()

    @property
    def encoding(self) -> str:
        """The stream's encoding; UTF-8 without one, so that click, which asks, has an answer."""
        return "utf-8" if self._stream is None else self._stream.encoding

    @property
    def errors(self) -> str | None:
        """The stream's handling of characters it cannot encode (``backslashreplace``, set by
        :func:`guarded_stdout`); strict without a stream."""
        return "strict" if self._stream is None else self._stream.errors

    def isatty(self) -> bool:
        """Whether a terminal is reading (click colours only for one); never without a stream."""
        return self._stream is not None and self._stream.isatty()

    def __getattr__(self, name: str) -> Any:
        if self._stream is None:
            raise AttributeError(name)  # no buffer, no fileno: there is no stream
        return getattr(self._stream, name)
