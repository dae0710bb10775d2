"""Answering a large JSONL file or JSON array in worker processes, in input order.

Deciding is almost all of ``backplan eval``'s time, and events do not depend on each other, so
a large JSONL file is cut into pieces of whole lines (:func:`engine.streams.jsonl_pieces`), and
a valid JSON array into batches of its elements (:meth:`engine.jsondocs.ArrayEvents.pieces`),
that worker processes answer while this process reads ahead and writes their answers strictly
in input order. The workers are forked once the plan is loaded: they share the compiled plan, and
only bytes go through their pipes. A piece carries the line number and event index it starts
at and a worker reads it with the very code one process uses, so the output is byte for byte
what one process writes.

Only a regular file is worth it (a pipe or a terminal may be a live stream, whose answers must
come as each event does), and only where processes are forked cheaply and safely (Linux). A
worker that dies is not waited for: the pieces it left are answered in this process, after a
warning. Ctrl-C (or SIGTERM, SIGHUP) writes the answers received so far, in order, and stops
the workers.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import mmap
import os
import select
import signal
import stat
import struct
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

import orjson

from engine import streams
from engine.inputevent import InputEvent
from engine.jsondocs import ArrayEvents, BatchPiece, batch_events
from engine.limits import short_text_marks
from engine.output import EXIT_PROBLEMS, STOP_SIGNALS, Stopped, finish_first, held_back, reach
from engine.recentids import id_of
from engine.repeatedkeys import keys_vouched_for
from engine.streams import JsonlStart, Piece, jsonl_events, jsonl_pieces, line_events, open_events
from engine.tally import Answerer, Tally

if sys.platform != "win32":  # where workers are forked (elsewhere eval runs in one process)
    # Imported now, not when the first pipe is sized: with the limit of open files nearly
    # reached, importing it (a file to open) after the pipes were made failed with an
    # ImportError the fallback to one process did not expect, and eval ended "internal error".
    import fcntl

PIECE_BYTES = 1 << 18
"""Input handed to a worker at a time: about 650 bench events, 25-50 ms of deciding. Pieces of
128 KiB to 1 MiB took the same time on the bench's 100,000 events; smaller ones share the work
of a small file better."""
MIN_AUTO_BYTES = 1 << 20
"""The smallest file ``--jobs auto`` gives to workers. Two workers against one process, bench
events and plan, medians of 7: 0.4 MB 0.50 s against 0.53 s, 1 MiB 0.63 against 0.70, 2 MiB
0.71 against 0.84, 4 MiB 0.83 against 1.06."""
MAX_WORKERS_PER_CPU = 4
"""The most workers an explicit ``--jobs N`` starts per usable CPU: deciding uses the CPU
throughout, so more only share it (and each is a process holding the plan)."""
AHEAD = 4
"""Pieces per worker that may be answered past the oldest unwritten one (bounds memory)."""
QUEUED = 2
"""Pieces a worker may hold at a time: the one it answers and the next, waiting in its pipe.
Worker waits for their next piece went from 27-64 ms to 11 ms a worker over the bench's
100,000 events (``backplan eval``, two workers)."""
PIPE_BYTES = 1 << 20
"""The pipes' capacity asked of Linux (64 KiB by default): answers read through 1 MiB pipes cost
this process about a third of the time (88 MB: 0.05 s of CPU against 0.17 s)."""

_Piece = Piece | BatchPiece
"""What a worker is handed: whole lines of a JSONL file, or a batch of a JSON array's elements."""
_PIECE_HEADER = struct.Struct("<qqqq")
"""A piece's first line number, first event index, the line its data starts on (a batch of a
JSON array's elements; -1 for JSON Lines) and size."""
_ANSWERS_HEADER = struct.Struct("<qq")  # the size of its counts (Tally.to_bytes), of its answers
_FAILED = 70
"""A worker's exit status when something unexpected stopped it (EX_SOFTWARE)."""
_OUT_OF_MEMORY = 71
"""A worker's exit status when it could not get the memory it needed (EX_OSERR): said so, where
"it exited with status 70" had told a manager nothing (found by limiting a worker's memory)."""


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity, where the platform tells it), no more
    than its control group's CPU quota allows (:func:`engine.cpuquota.cpu_quota`: a
    container's CPU limit)."""
    from engine.cpuquota import cpu_quota  # only when workers are counted

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    quota = cpu_quota()
    return min(cpus or 1, quota or cpus or 1)


def workers_for(stream: IO[bytes], jobs: int | None) -> int:
    """How many worker processes should answer this input; 1 means this process alone.

    ``jobs`` is the user's ``--jobs``: ``None`` (auto) gives one worker per usable CPU for a
    regular file of at least :data:`MIN_AUTO_BYTES`; a number is used as given for any regular
    file, up to :data:`MAX_WORKERS_PER_CPU` per CPU. Either way there are never more workers
    than pieces: ``--jobs 2000`` on a one-line file had forked 2,000 processes (9 s, against
    0.3 s with one), and a huge number forked until the open-file limit. Whether the content is
    JSONL is found out later, by :func:`write_answers`, the way one process finds it out.
    """
    if jobs == 1 or not sys.platform.startswith("linux"):
        return 1
    try:
        info = os.fstat(stream.fileno())
        remaining = info.st_size - stream.tell()
    except (OSError, ValueError):  # no real file behind it (an in-memory stream)
        return 1
    if not stat.S_ISREG(info.st_mode):
        return 1
    pieces = max(1, -(-remaining // PIECE_BYTES))
    if jobs is not None:
        return min(jobs, pieces, MAX_WORKERS_PER_CPU * usable_cpus())
    if remaining < MIN_AUTO_BYTES:
        return 1
    return min(usable_cpus(), pieces)


def write_answers(
    answer: Answerer,
    stream: IO[bytes],
    source: str,
    out: IO[bytes],
    *,
    workers: int,
    serial: Callable[[Iterable[InputEvent]], Tally],
    warn: Callable[[str], None],
) -> Tally:
    """Write the answer to every event of one input, in order; return what was counted.

    A JSONL input, and a valid JSON array of more than one batch, are answered by ``workers``
    processes; anything else (one object, an array with a mistake, an empty input) is handed
    to ``serial``, which answers events in this process.
    """
    opening = open_events(stream, source)
    if isinstance(opening, ArrayEvents) and len(opening.batches) > 1:  # a valid JSON array
        workers = min(workers, len(opening.batches))
        tally = _write_pieces(answer, source, workers, opening.pieces(), out, warn)
        if tally is None:
            return serial(opening)
        tally.add(serial(opening.after()))  # JSON Lines after an array on the first line
        return tally
    if not isinstance(opening, JsonlStart):
        return serial(opening)
    if not opening.whole:  # the start ends inside a line (JsonlStart.whole): rare, read here
        return serial(jsonl_events(opening, source))
    tally = _write_pieces(answer, source, workers, jsonl_pieces(opening, PIECE_BYTES), out, warn)
    return serial(jsonl_events(opening, source)) if tally is None else tally


def _write_pieces(
    answer: Answerer,
    source: str,
    workers: int,
    pieces: Iterator[_Piece],
    out: IO[bytes],
    warn: Callable[[str], None],
) -> Tally | None:
    """Have ``workers`` processes answer the pieces, written in order; None (after a warning)
    when the workers cannot be started, before any piece is taken."""
    pool = _Pool(answer, source, workers)
    with _children_waited_for():
        try:
            pool.start()
        except OSError as error:  # no process or pipe to be had (limits, memory): one process
            warn(
                f"could not start the worker processes for --jobs ({error.strerror}); "
                "deciding every event in this one process instead"
            )
            return None
        with pool:
            return pool.write(pieces, out, warn)


@contextlib.contextmanager
def _children_waited_for() -> Iterator[None]:
    """SIGCHLD at its default while the workers live, then as it was.

    A program that ignores SIGCHLD, so as never to wait for its children, passes that on to
    the commands it starts; Linux then reaps each child of theirs as it ends, and waiting for
    a worker fails: every event decided, eval ended "cannot read it: No child processes" with
    exit 2 and its -o file unwritten, and a worker killed ended it with a fraction of the
    answers (found by starting eval so). Off the main thread SIGCHLD cannot be changed (nor
    is it this command's): it is left as it is."""
    before = signal.getsignal(signal.SIGCHLD)
    changed = False
    if before == signal.SIG_IGN:
        with contextlib.suppress(ValueError):  # not the main thread
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            changed = True
    try:
        yield
    finally:
        if changed:
            signal.signal(signal.SIGCHLD, before)


def answer_piece(answer: Answerer, source: str, piece: _Piece) -> tuple[Tally, bytes]:
    """What was counted answering a piece's events, and the answers: the events
    :func:`engine.streams.line_events` reads of its lines, each answered as ``answer`` does.

    The usual line (short, parsed by orjson, within every limit) is answered from its parsed
    value by ``answer.usual``, without making an ``InputEvent`` or going through the general
    reader: about 1.5 µs per event of a worker's ~40. Any other line is read by the general
    reader, on its own (it is a whole line); from a chunk longer than the event limit on (an
    event of the largest size with its line's end, or the start of a line too large, which
    comes in several chunks), or from a line that may start an event cut over lines (its
    records depend on the lines after it), the rest of the piece is. A property test holds the
    answers and counts to those of the general path.
    """
    answers: list[bytes] = []
    tally = Tally()
    if isinstance(piece, BatchPiece):  # a JSON array's elements: as one process reads them
        _answer_events(answer, batch_events(piece, source), answers, tally)
        return tally, b"".join(answers)
    usual, loads, limit = answer.usual, orjson.loads, streams.MAX_EVENT_BYTES
    noted = tally.ids.append  # each answer's id, for the parent to note in input order
    vouched = keys_vouched_for
    line, index = piece.line, piece.index
    lines = streams.piece_lines(piece)
    for raw in lines:
        if len(raw) > limit:  # a line in chunks: the rest goes the general way
            break
        answered = None
        read = False  # orjson read the line: no event cut over lines
        marks = short_text_marks(raw)
        if marks is not None:
            try:
                value = loads(raw)
            except orjson.JSONDecodeError:
                pass
            else:
                read = True
                if vouched(marks, value):  # else a key may be written twice: the general way
                    answered = usual(value)
        if answered is None:  # not the usual line: read and answered the general way
            if not read and streams.may_be_cut(raw):  # cut over lines? read with the next
                break
            index += _answer_events(
                answer, line_events(iter((raw,)), source, line, index), answers, tally
            )
        else:
            text, off_schema = answered
            answers.append(text)
            noted(value["id"])
            if off_schema is not None:
                tally.count(InputEvent(source, line, index, value), False, off_schema)
            index += 1
        line += 1
    else:
        return tally, b"".join(answers)
    rest = line_events(itertools.chain((raw,), lines), source, line, index)
    _answer_events(answer, rest, answers, tally)
    return tally, b"".join(answers)


def _answer_events(
    answer: Answerer, items: Iterable[InputEvent], answers: list[bytes], tally: Tally
) -> int:
    """Answer these events into ``answers`` and ``tally``; how many there were."""
    count = 0
    answer_item = answer.answer
    noted = tally.ids.append
    for item in items:
        text, failed, off_schema = answer_item(item)
        answers.append(text)
        noted(None if failed else id_of(item.value))
        if failed or off_schema is not None:  # the usual answer counts for nothing
            tally.count(item, failed, off_schema)
        count += 1
    return count


class _WorkerLostError(Exception):
    """A worker process ended before answering its piece (killed, or out of memory)."""


def _write_all(fd: int, *parts: bytes) -> None:
    for part in parts:
        view = memoryview(part)
        while view:
            view = view[os.write(fd, view) :]


def _read_exactly(fd: int, size: int) -> bytearray:
    """``size`` bytes from a pipe; :class:`EOFError` if the writer closes it first."""
    data = bytearray(size)
    view = memoryview(data)
    done = 0
    while done < size:
        count = os.readv(fd, [view[done:]])
        if not count:
            raise EOFError
        done += count
    return data


def _ready(fds: list[int], timeout: float | None) -> set[int]:
    """Those of the pipes that can be read (or were closed by their writer)."""
    poll = select.poll()
    for fd in fds:
        poll.register(fd, select.POLLIN)
    return {fd for fd, _ in poll.poll(None if timeout is None else timeout * 1000)}


def _serve(answer: Answerer, source: str, tasks: int, answers: int) -> None:
    """A worker's life: answer pieces until the parent closes the pipe (or is gone)."""
    while True:
        try:
            header = _read_exactly(tasks, _PIECE_HEADER.size)
            line, index, first_line, size = _PIECE_HEADER.unpack(header)
            data = bytes(_read_exactly(tasks, size))
            piece = (
                Piece(data, line, index)
                if first_line < 0
                else BatchPiece(data, line, index, first_line)
            )
        except EOFError:  # the parent is done
            return
        tally, lines = answer_piece(answer, source, piece)
        counts = tally.to_bytes()
        _write_all(answers, _ANSWERS_HEADER.pack(len(counts), len(lines)), counts, lines)


def _worker_process(
    answer: Answerer, source: str, tasks: int, answers: int, others: list[int]
) -> None:
    """Run in the forked child, never return: answer pieces, then exit without cleanup.

    Ctrl-C reaches every process of the terminal's job, and so does SIGHUP when the terminal
    closes; the parent handles them alone, and stops its workers with SIGTERM. The pipe ends
    that are not this worker's are closed, so a worker's end of its pipe is held by it alone
    and this process sees it die. Whatever goes wrong ends the worker without a
    traceback: the parent notices, and says so.
    """
    status = _FAILED
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # how the parent stops it
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
        for fd in others:
            os.close(fd)
        _serve(answer, source, tasks, answers)
        status = 0
    except OSError:  # the parent is gone
        status = 0
    except MemoryError:  # reading a piece, or its answers (deciding says so in its record)
        status = _OUT_OF_MEMORY
    finally:
        os._exit(status)


@dataclass(eq=False)
class _Worker:
    """One worker process, the parent's ends of its two pipes, and the pieces it was sent."""

    pid: int
    tasks: int
    answers: int
    room: int
    """The bytes of pieces its task pipe surely holds without being read (:func:`_pipe_room`;
    0 when Linux does not say): a second piece is sent only while all it was sent fits there,
    so sending never waits on a worker that waits for this process to read its answers."""
    pieces: collections.deque[tuple[int, _Piece]] = field(default_factory=collections.deque)
    """The pieces it was sent and has not answered yet, oldest first, with their numbers."""
    receiving: bool = False
    """Whether this process stopped (Ctrl-C) in the middle of reading its answers."""

    def takes(self, piece: _Piece) -> bool:
        """Whether to send it this piece now: at once when it is idle (it is reading its pipe,
        so the piece goes through however large), and as a second piece when both fit in its
        pipe (then it starts on the next piece as soon as it has written its answers, without
        waiting for this process to read them and send another)."""
        if not self.pieces:
            return True
        if len(self.pieces) >= QUEUED:
            return False
        sent = sum(len(held.data) + _PIECE_HEADER.size for _, held in self.pieces)
        return sent + len(piece.data) + _PIECE_HEADER.size <= self.room

    def send(self, numbered: tuple[int, _Piece]) -> None:
        """Hand it a piece; it is idle, reading its pipe, or the piece fits in the pipe beside
        the one it answers, so this never waits for long.

        A piece is its own only once the piece is in its pipe: a piece it died before taking
        is still the pool's ``following`` alone, so it is answered once.
        """
        _, piece = numbered
        first_line = piece.first_line if isinstance(piece, BatchPiece) else -1
        header = _PIECE_HEADER.pack(piece.line, piece.index, first_line, len(piece.data))
        try:
            _write_all(self.tasks, header, piece.data)
        except OSError as exc:  # it died
            raise self._lost() from exc
        self.pieces.append(numbered)

    def receive(self) -> tuple[int, tuple[Tally, bytearray]]:
        """The oldest piece's number, and its answers; :class:`_WorkerLostError` if it died
        instead."""
        assert self.pieces
        self.receiving = True
        try:
            counts, size = _ANSWERS_HEADER.unpack(_read_exactly(self.answers, _ANSWERS_HEADER.size))
            tally = Tally.from_bytes(bytes(_read_exactly(self.answers, counts)))
            lines = _read_exactly(self.answers, size)
        except (EOFError, OSError) as exc:
            raise self._lost() from exc
        self.receiving = False
        number, _ = self.pieces.popleft()
        return number, (tally, lines)

    def _lost(self) -> _WorkerLostError:
        """Reap it (it is gone: that takes no time) and say how it ended."""
        return _WorkerLostError(_ending(self._reap()))

    def _reap(self) -> int:
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        return os.waitstatus_to_exitcode(status)

    def stop(self, force: bool) -> None:
        """End it (at once when forced, else once it has read every piece) and reap it.

        A Ctrl-C between :meth:`_reap`'s wait and its clearing of the pid leaves the pid of a
        process already reaped: the kill and the wait for it then find no such process, which
        is what was asked (it had ended the command with ProcessLookupError or
        ChildProcessError instead of the Ctrl-C). Linux hands a pid out again only after
        going round all of them, so the kill reaches no other process."""
        if self.tasks >= 0:
            os.close(self.tasks)  # a worker reading its pipe ends
            self.tasks = -1
        if self.pid and force:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
        if self.pid:
            with contextlib.suppress(ChildProcessError):
                self._reap()
            self.pid = 0
        if self.answers >= 0:
            os.close(self.answers)
            self.answers = -1


def _ending(code: int) -> str:
    """How a worker ended, in words its reader (not a programmer) can act on."""
    if code == _OUT_OF_MEMORY:
        return "it ran out of memory"
    if code == _FAILED:
        return "it met an unexpected error"
    if code >= 0:
        return f"it exited with status {code}"
    if -code == signal.SIGKILL:  # what the kernel's out-of-memory killer sends
        return "the system stopped it (SIGKILL), most often because the computer ran out of memory"
    try:
        return f"it was stopped by {signal.Signals(-code).name}"
    except ValueError:
        return f"it was stopped by signal {-code}"


@dataclass(eq=False)
class _Pool:
    """Worker processes answering pieces, and the answers waiting for their turn to be written.

    A worker holds at most :data:`QUEUED` pieces: the one it answers, and the next waiting in
    its pipe, so it starts on that one as soon as it has written its answers instead of idling
    while this process reads them and sends another (which had kept each worker waiting about
    2% of the bench's run). A piece is sent only to an idle worker, which is reading its pipe,
    or when it fits in the pipe beside the other (:meth:`_Worker.takes`), so this process never
    blocks on a full pipe while that worker blocks writing its answers to the other one. Pieces
    go to idle workers first, at most :data:`AHEAD` per worker past the oldest unwritten piece,
    so the answers kept waiting stay few.
    """

    answer: Answerer
    source: str
    size: int
    workers: list[_Worker] = field(default_factory=list)
    following: tuple[int, _Piece] | None = None
    """The next piece to send, read ahead while the workers answer theirs."""
    answered: dict[int, tuple[Tally, bytes | bytearray]] = field(default_factory=dict)
    written: int = 0
    tally: Tally = field(default_factory=Tally)

    def start(self) -> None:
        """Fork the workers; if one cannot be started, stop those that were and raise."""
        # The stop signals are held back while forking, so no worker is stopped by one before
        # it ignores it (or takes SIGTERM's default); one sent meanwhile reaches this process
        # once they are let through.
        try:
            with held_back():
                for _ in range(self.size):
                    self.workers.append(self._start())
        except BaseException:
            self._stop(force=True)
            raise

    def __enter__(self) -> _Pool:
        if not self.workers:
            self.start()
        return self

    def _start(self) -> _Worker:
        task_reader, task_writer = os.pipe()
        answer_reader, answer_writer = os.pipe()
        try:
            for fd in (task_writer, answer_writer):
                with contextlib.suppress(OSError):  # a smaller pipe only costs more reads
                    _set_pipe_size(fd, PIPE_BYTES)
            others = [task_writer, answer_reader]
            others += [fd for worker in self.workers for fd in (worker.tasks, worker.answers)]
            room = _pipe_room(task_writer)
            pid = os.fork()
            if pid == 0:
                _worker_process(self.answer, self.source, task_reader, answer_writer, others)
        except BaseException:
            for fd in (task_writer, answer_reader):
                os.close(fd)
            raise
        finally:
            os.close(task_reader)
            os.close(answer_writer)
        return _Worker(pid, task_writer, answer_reader, room)

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self._stop(force=kind is not None)

    def _stop(self, force: bool) -> None:
        """End every worker and reap it (no zombies): gently when all went well."""
        for worker in self.workers:
            worker.stop(force)

    def write(self, pieces: Iterator[_Piece], out: IO[bytes], warn: Callable[[str], None]) -> Tally:
        """Answer every piece, writing the answers in order; return what was counted."""
        numbered = enumerate(pieces)
        self.following = next(numbered, None)
        try:
            self._answer_all(numbered, out)
        except _WorkerLostError as lost:
            warn(f"a worker process stopped: {lost}; deciding the rest in this process")
            self._answer_left(numbered, out)
        except (KeyboardInterrupt, Stopped):
            self._keep_ready()
            self._write_in_order(out)
            raise
        return self.tally

    def _answer_all(self, numbered: Iterator[tuple[int, _Piece]], out: IO[bytes]) -> None:
        self._hand_out(numbered)
        while busy := [worker for worker in self.workers if worker.pieces]:
            ready = _ready([worker.answers for worker in busy], None)
            for worker in busy:
                if worker.answers in ready:
                    self._keep(worker)
            self._hand_out(numbered)  # before writing: the idle workers go on meanwhile
            self._write_in_order(out)
            self._hand_out(numbered)  # as far as the window moved on

    def _hand_out(self, numbered: Iterator[tuple[int, _Piece]]) -> None:
        """Give each idle worker the next piece, then each busy one a second if it takes it,
        as far ahead as the window allows."""
        limit = self.written + AHEAD * len(self.workers)
        for held in range(QUEUED):
            for worker in self.workers:
                if self.following is None or self.following[0] >= limit:
                    return
                if len(worker.pieces) == held and worker.takes(self.following[1]):
                    worker.send(self.following)
                    self.following = next(numbered, None)

    def _keep(self, worker: _Worker) -> None:
        """Keep a worker's answers to its oldest piece until their turn to be written comes."""
        number, answers = worker.receive()
        self.answered[number] = answers

    def _keep_ready(self) -> None:
        """Keep every answer the workers have finished (a worker may have finished both the
        pieces it holds), without waiting for the others."""
        for worker in self.workers:
            while worker.pieces and worker.pid and not worker.receiving:
                if not _ready([worker.answers], 0):
                    break
                try:
                    self._keep(worker)
                except _WorkerLostError:
                    break

    def _write_in_order(self, out: IO[bytes]) -> None:
        while self.written in self.answered:
            # A stop signal waits until a piece's answers are written and counted, so those
            # after it are written next; taken out first, answers whose write failed are never
            # followed by later ones.
            with finish_first:
                tally, lines = self.answered.pop(self.written)
                if tally.rejected:  # reached before the lines are written (a reader may be gone)
                    reach(EXIT_PROBLEMS)
                out.write(lines)
                self.answer.recent.note(tally.ids, tally)
                self.tally.add(tally)
                self.written += 1

    def _answer_left(self, numbered: Iterator[tuple[int, _Piece]], out: IO[bytes]) -> None:
        """After a worker died: stop the others, answer what is left here, in order."""
        self._keep_ready()
        left = [held for worker in self.workers for held in worker.pieces]
        self._stop(force=True)
        if self.following is not None:
            left.append(self.following)
        # Chained, not listed: the input left is still read a piece at a time (memory stays
        # bounded). Each piece is in one place only: a worker's, `following` or the input's.
        for number, piece in itertools.chain(sorted(left, key=lambda pair: pair[0]), numbered):
            self.answered[number] = answer_piece(self.answer, self.source, piece)
            self._write_in_order(out)


PAGE_BYTES = mmap.PAGESIZE
"""A pipe holds its bytes in pages (4 KiB on x86-64, up to 64 KiB elsewhere); each write may
leave part of one unused."""


def _pipe_room(fd: int) -> int:
    """How many bytes of pieces a task pipe surely holds without its reader (its capacity,
    less a page for each of the four writes two pieces take); 0 where Linux does not say."""
    try:
        capacity = fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ)
    except OSError:
        return 0
    return max(0, capacity - QUEUED * 2 * PAGE_BYTES)


def _set_pipe_size(fd: int, size: int) -> None:
    """Ask Linux for a pipe of ``size`` bytes (``F_SETPIPE_SZ``)."""
    fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, size)
