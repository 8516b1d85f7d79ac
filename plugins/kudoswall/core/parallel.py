"""A second process for a one-off build: the machine's other core does half the work.

A build is CPU-bound Python from end to end, so threads would not help; a
forked process starts with everything loaded so far (people, templates,
the site model) and only its results travel back (pickled through a pipe,
or written to a spool file). Fork is used only where it helps and is safe:
Linux, more than one core to run on, and a process with no other thread (a
thread holding a lock at the fork would leave the copy stuck). Everywhere
else the same work runs here, with the same result: which path ran never
shows in the output.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from multiprocessing.connection import Connection
from typing import IO, Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items a second process costs more than it saves (forking
# and pickling take a few milliseconds; an item, a fraction of one).
WORTH_IT = 64
# Where texts lie in the spool travels in notices of this many items: one
# message per item would cost more in pickling calls than the items do.
NOTICE_ITEMS = 16
# This process holds at most this many texts it made ahead of their turn.
MADE_AHEAD = 256


def can_fork() -> bool:
    """True where a forked copy of this process is safe to run Python in."""
    if os.environ.get("KUDOS_SERIAL"):
        return False
    # Linux only: macOS has fork, but a copy of a process that loaded its
    # system frameworks (a proxy lookup does) may crash; Windows has none.
    if not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2:
        return False
    return threading.active_count() == 1


def _context() -> multiprocessing.context.ForkContext:
    return multiprocessing.get_context("fork")


def in_two(items: Sequence[Item], work: Callable[[Sequence[Item]], list[Result]], parallel: bool = True) -> list[Result]:
    """`work(items)`, with the second half done in a forked process while this one does the first.

    `work` must return one result per item, in order, made of picklable
    values. If the other process fails, its half is done here, so an
    exception surfaces here with its usual traceback.
    """
    if not parallel or len(items) < WORTH_IT or not can_fork():
        return work(items)
    middle = len(items) // 2
    first, second = items[:middle], items[middle:]
    receiving, sending = _context().Pipe(duplex=False)

    def other_half() -> None:
        receiving.close()
        try:
            result: object = work(second)
        except BaseException:
            result = None
        sending.send(result)
        sending.close()

    process = _context().Process(target=other_half, daemon=True)
    process.start()
    sending.close()
    try:
        mine = work(first)
        try:
            theirs = receiving.recv()
        except EOFError:
            theirs = None
    finally:
        receiving.close()
        process.join()
    if not isinstance(theirs, list) or len(theirs) != len(second):
        return mine + work(second)
    return mine + list(theirs)


def _claim_next(bounds: Any) -> int:
    """The other process's next item, or -1 once the two have met."""
    with bounds.get_lock():
        index = int(bounds[0])
        if index >= bounds[1]:
            return -1
        bounds[0] = index + 1
        return index


def write_file(destination: str, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    with open(destination, "wb") as out:
        out.write(data)


class Beside:
    """Work done beside this process: in a forked one where that is safe, else in a thread.

    For work that waits on the system more than it computes (making files):
    a thread would run its Python only when this process's busy thread lets
    go of the interpreter, every few milliseconds; a forked process runs
    it at once. `work` is given an event that is set when it should stop
    (in a thread; a process is ended instead).
    """

    def __init__(self, work: Callable[[threading.Event], None], parallel: bool = True) -> None:
        self.stopping = threading.Event()
        self.process: multiprocessing.process.BaseProcess | None = None
        self.thread: threading.Thread | None = None
        if parallel and can_fork():
            try:
                self.process = _context().Process(target=work, args=(self.stopping,), daemon=True)
                self.process.start()
                return
            except OSError:
                self.process = None
        self.thread = threading.Thread(target=work, args=(self.stopping,), daemon=True)
        self.thread.start()

    def join(self) -> None:
        if self.process is not None:
            self.process.join()
        if self.thread is not None:
            self.thread.join()

    def stop(self) -> None:
        self.stopping.set()
        if self.process is not None:
            self.process.terminate()
        self.join()


FILES_DONE = "\x00files"  # the notice that lists the files the other process wrote


class Stream(Generic[Item]):
    """Texts made in a forked process, in the order the build will ask for them.

    The other process writes each text to a spool file and sends only where
    it lies, so it never waits for this one to read (a pipe holds 64 KB),
    and memory stays flat however far ahead it gets. `take(key)` returns a
    key's text; a key the other process could not make (an error in a
    template) is made here with `make`, so the error is reported here.
    Rather than wait for a text while the other has texts to begin before
    it, this process makes the last ones itself: the two meet in the middle.

    `files` (destination -> maker) are written by the other process once
    the texts are made, when this one is busiest; `finish()` waits for them
    and writes here whatever it did not.
    """

    def __init__(
        self, items: Iterable[tuple[str, Item]], make: Callable[[Item], str],
        files: Mapping[str, Callable[[], str | bytes]] | None = None,
    ) -> None:
        self.items = dict(items)
        self.make = make
        self.files = dict(files or {})
        self.ready: dict[str, tuple[int, int] | None] = {}  # key -> (offset, length) in the spool
        self.taken = 0
        self.written: set[str] = set()
        self.process: multiprocessing.process.BaseProcess | None = None
        self.receiving: Connection | None = None
        self.spool: IO[bytes] | None = None
        # Items before `bounds[1]` are the other process's; it has begun those
        # before `bounds[0]`. This one takes items from the end, lowering
        # `bounds[1]`. `bounds[2]` is the item this one waits for: the other
        # announces it as soon as it is made, not with the next notice.
        self.bounds: Any = None  # a shared multiprocessing Array of three integers
        self.keys = list(self.items)
        self.position = {key: index for index, key in enumerate(self.keys)}
        self.made_here: dict[str, str | None] = {}  # None: making it failed

    @classmethod
    def start(
        cls, items: Iterable[tuple[str, Item]], make: Callable[[Item], str], parallel: bool = True,
        files: Mapping[str, Callable[[], str | bytes]] | None = None,
    ) -> Stream[Item]:
        """Start making every item's text in another process (if worth it and safe)."""
        stream = cls(items, make, files)
        if parallel and len(stream.items) >= WORTH_IT and can_fork():
            stream._fork()
        else:
            stream.files.clear()  # without another process, the caller makes them as usual
        return stream

    @property
    def forked(self) -> bool:
        return self.process is not None

    @property
    def all_taken(self) -> bool:
        return self.taken >= len(self.items)

    def _fork(self) -> None:
        receiving, sending = _context().Pipe(duplex=False)
        spool = tempfile.TemporaryFile(prefix="kudos-")  # noqa: SIM115 - open until `close()`
        items, make, files, fd = self.items, self.make, self.files, spool.fileno()
        try:
            self.bounds = _context().Array("q", [0, len(self.keys), -1])
        except OSError:  # no shared semaphores here (no /dev/shm): the other process makes them all
            self.bounds = None
        bounds, keys = self.bounds, self.keys

        def produce() -> None:
            receiving.close()
            notice: list[tuple[str, object]] = []
            offset, announced = 0, -1
            try:
                for index in range(len(keys)) if bounds is None else iter(lambda: _claim_next(bounds), -1):
                    key = keys[index]
                    item = items[key]
                    try:
                        data = make(item).encode("utf-8")
                    except Exception:
                        notice.append((key, None))
                    else:
                        os.pwrite(fd, data, offset)
                        notice.append((key, (offset, len(data))))
                        offset += len(data)
                    wanted = -1 if bounds is None else bounds[2]
                    if len(notice) >= NOTICE_ITEMS or (wanted != announced and index >= wanted):
                        sending.send(notice)
                        notice, announced = [], wanted
                sending.send(notice)
                written = []
                for destination, make_file in files.items():
                    try:
                        write_file(destination, make_file())
                    except Exception:  # noqa: S112 - the parent writes it, and reports the error
                        continue
                    written.append(destination)
                sending.send([(FILES_DONE, tuple(written))])
            except OSError:
                pass  # the build stopped (a broken pipe), or the disk is full: the parent makes the rest
            finally:
                sending.close()

        self.process = _context().Process(target=produce, daemon=True)
        self.process.start()
        sending.close()
        self.receiving, self.spool = receiving, spool

    def _receive(self, wait: bool) -> bool:
        """Read the next notice (if one is there, or `wait`); False when there is none."""
        if self.receiving is None:
            return False
        try:
            if not wait and not self.receiving.poll():
                return False
            notice = self.receiving.recv()
        except (EOFError, OSError):
            self.receiving.close()
            self.receiving = None
            return False
        for key, where in notice:
            if key == FILES_DONE:
                self.written.update(where)
            else:
                self.ready[key] = where
        return True

    def take(self, key: str) -> str:
        self.taken += 1
        while self._receive(wait=False):
            pass  # let the other process run ahead: it never waits on a full pipe

        def missing() -> bool:
            return key not in self.ready and key not in self.made_here

        if missing() and self.bounds is not None:
            position = self.position[key]
            self.bounds[2] = position
            # While the other has pages to begin before this one, make pages from the end rather than wait.
            while missing() and position > self.bounds[0] and self._make_one_from_the_end():
                self._receive(wait=False)
        while missing() and self._receive(wait=True):
            pass
        if key in self.made_here:
            mine = self.made_here.pop(key)
            return mine if mine is not None else self.make(self.items[key])  # its error, reported here
        where = self.ready.pop(key, None)
        if where is None or self.spool is None:
            return self.make(self.items[key])
        offset, length = where
        return os.pread(self.spool.fileno(), length, offset).decode("utf-8")

    def _make_one_from_the_end(self) -> bool:
        """Make the last item the other process has not begun; False if there is none."""
        if self.bounds is None or self.receiving is None or len(self.made_here) >= MADE_AHEAD:
            return False
        lock = self.bounds.get_lock()
        if not lock.acquire(timeout=1.0):  # the other process died holding it
            return False
        try:
            index = self.bounds[1] - 1
            if index < self.bounds[0]:
                return False
            self.bounds[1] = index
        finally:
            lock.release()
        key = self.keys[index]
        try:
            self.made_here[key] = self.make(self.items[key])
        except Exception:
            self.made_here[key] = None  # made again when the build asks for it, and reported then
        return True

    def finish(self) -> None:
        """Wait for the other process's files; write here the ones it did not."""
        while self._receive(wait=True):
            pass
        self.close()
        for destination, make_file in self.files.items():
            if destination not in self.written:
                write_file(destination, make_file())
        self.files.clear()

    def close(self) -> None:
        """Stop the other process (the build ended, or failed) and let go of the spool."""
        if self.receiving is not None:
            self.receiving.close()
            self.receiving = None
        if self.process is not None:
            if self.process.is_alive():
                self.process.terminate()
            self.process.join()
            self.process = None
        if self.spool is not None:
            self.spool.close()
            self.spool = None
        self.ready.clear()
        self.made_here.clear()
