"""Work done in forked worker processes while the build process renders the theme.

One standard executor (`concurrent.futures.ProcessPoolExecutor` with the fork
context): a forked worker starts with everything the build has loaded, so a
task carries only its place in a list, and only text comes back. There are
as many workers as the process has CPUs besides its own (`sched_getaffinity`,
not the machine's count): a process given one CPU has none and does all the
work itself, as it does with `parallel: false`, off Linux (a forked copy of a
process that loaded macOS' system frameworks may crash; Windows cannot fork)
and when another thread runs (a fork copies no thread, and a lock one held
stays locked). A task that fails in a worker is done again here, so its
error is raised where it belongs, with its usual traceback.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Pages per task: enough that a task's pickling costs little beside its work,
# few enough that the first page the theme waits for comes soon.
PAGES_PER_TASK = 24
# Tasks under way ahead of the page the theme is at: enough to keep the
# workers busy, few enough that waiting texts stay a few megabytes.
TASKS_AHEAD = 8
# Fewer items than this are not worth a process.
WORTH_A_WORKER = 64

# What the workers run, set before they are forked: tasks name only a range.
_job: Callable[[Sequence[Any]], list[Any]] | None = None
_items: Sequence[Any] = ()


def _run(start: int, end: int) -> list[Any]:
    assert _job is not None
    return _job(_items[start:end])


def workers(enabled: bool = True) -> int:
    """How many worker processes may run beside this one: 0 means serial."""
    if not enabled or not sys.platform.startswith("linux") or threading.active_count() != 1:
        return 0
    return max(0, len(os.sched_getaffinity(0)) - 1)


def _pool(count: int, job: Callable[[Sequence[Any]], list[Any]], items: Sequence[Any]) -> ProcessPoolExecutor:
    global _job, _items
    _job, _items = job, items
    # The workers are forked at the first submit, with the job in place.
    return ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork"))


def _forget() -> None:
    global _job, _items
    _job, _items = None, ()


def spread(work: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item], enabled: bool = True) -> list[Result]:
    """`work(items)`, its parts done at once: one here, the others in workers.

    `work` returns one result per item, in order, of picklable values.
    """
    count = workers(enabled)
    if count == 0 or len(items) < WORTH_A_WORKER:
        return work(items)
    bounds = [len(items) * part // (count + 1) for part in range(count + 2)]
    pool = _pool(count, work, items)
    try:
        futures = [pool.submit(_run, bounds[p], bounds[p + 1]) for p in range(1, count + 1)]
        results = work(items[: bounds[1]])
        for part, future in enumerate(futures, start=1):
            results.extend(_result(future, work, items[bounds[part]:bounds[part + 1]]))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _forget()
    return results


def _result(future: Future[list[Result]], work: Callable[[Sequence[Item]], list[Result]],
            items: Sequence[Item]) -> list[Result]:
    try:
        return future.result()
    except Exception:  # a worker's failure, or its death: done here, where an error shows as itself
        return work(items)


class Rendered:
    """Texts made ahead by workers, in the order they will be asked for; serial without workers.

    At most TASKS_AHEAD tasks run ahead of the texts taken, so finished texts
    waiting here stay a few megabytes however large the site.
    """

    def __init__(self, make: Callable[[Any], str], items: Sequence[tuple[str, Any]], enabled: bool = True) -> None:
        self.make = make
        self.items = dict(items)
        self.place = {key: number for number, (key, _) in enumerate(items)}  # until taken
        self.total = len(items)
        self.count = workers(enabled) if len(items) >= WORTH_A_WORKER else 0
        self.pool: ProcessPoolExecutor | None = None
        self.tasks: dict[int, Future[list[str]]] = {}  # task number -> its texts, until all are taken
        self.left: dict[int, int] = {}  # task number -> texts not taken yet
        self.submitted = 0
        if self.count:
            self.pool = _pool(self.count, _make_each(make), [value for _, value in items])
            self._submit_through(TASKS_AHEAD - 1)

    @property
    def forked(self) -> bool:
        return self.pool is not None

    def _submit_through(self, last: int) -> None:
        assert self.pool is not None
        while self.submitted <= last and self.submitted * PAGES_PER_TASK < self.total:
            start = self.submitted * PAGES_PER_TASK
            end = min(start + PAGES_PER_TASK, self.total)
            self.tasks[self.submitted] = self.pool.submit(_run, start, end)
            self.left[self.submitted] = end - start
            self.submitted += 1

    def take(self, key: str) -> str:
        """The text for `key`, made by a worker when one has it, else here."""
        number = self.place.pop(key, None)
        if number is None or self.pool is None:
            return self.make(self.items[key])
        task, place = divmod(number, PAGES_PER_TASK)
        self._submit_through(task + TASKS_AHEAD)
        future = self.tasks[task]
        self.left[task] -= 1
        if not self.left[task]:  # its last text: the task's texts can go
            del self.tasks[task], self.left[task]
        try:
            return str(future.result()[place])
        except Exception:  # made again here, so its error names its own page
            return self.make(self.items[key])

    def close(self) -> None:
        """Stop the workers; texts not taken are dropped."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
            _forget()
        self.tasks, self.left = {}, {}


def _make_each(make: Callable[[Any], str]) -> Callable[[Sequence[Any]], list[str]]:
    def each(values: Sequence[Any]) -> list[str]:
        return [make(value) for value in values]
    return each

