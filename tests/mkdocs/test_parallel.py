"""Worker processes: as many as the process has CPUs besides its own, and the same results serially.

Workers are forked only by a process in which no other thread runs, and a
test session may hold threads (an SMTP server's, a browser's): each check
runs in a fresh interpreter, as a build does.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence

import pytest

from kudoswall.mkdocs import parallel

MAIN = os.getpid()


def alone(check: Callable[[], None]) -> Callable[[], None]:
    """The check, run by this file in a new process."""

    def test() -> None:
        result = subprocess.run([sys.executable, __file__, check.__name__], capture_output=True, text=True,
                                timeout=120, check=False)
        assert result.returncode == 0, result.stdout + result.stderr

    test.__name__ = check.__name__
    test.__doc__ = check.__doc__
    test.__wrapped__ = check  # type: ignore[attr-defined]
    return test
needs_two_cpus = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="workers start only on Linux with two CPUs for this process",
)


def where(items: Sequence[int]) -> list[tuple[int, int]]:
    return [(item * item, os.getpid()) for item in items]


def fails_in_a_worker(items: Sequence[int]) -> list[int]:
    if os.getpid() != MAIN:
        raise RuntimeError("a worker's failure")
    return [item + 1 for item in items]


def dies_in_a_worker(item: int) -> str:
    if os.getpid() != MAIN:
        os._exit(3)  # as a worker killed by the kernel would end
    return f"page {item}"


@alone
def test_workers_follow_the_cpus_this_process_may_use_not_the_machines() -> None:
    expected = len(os.sched_getaffinity(0)) - 1 if sys.platform.startswith("linux") else 0
    assert parallel.workers() == expected
    assert parallel.workers(enabled=False) == 0


@alone
def test_a_process_given_one_cpu_works_alone() -> None:
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    try:
        assert parallel.workers() == 0
        results = parallel.spread(where, list(range(200)))
    finally:
        os.sched_setaffinity(0, before)
    assert {pid for _, pid in results} == {MAIN}


def test_no_worker_is_forked_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel.workers() == 0
    finally:
        stop.set()
        thread.join()


@needs_two_cpus
@alone
def test_spread_work_comes_back_in_order_from_here_and_from_workers() -> None:
    results = parallel.spread(where, list(range(500)))
    assert [square for square, _ in results] == [n * n for n in range(500)]
    assert MAIN in {pid for _, pid in results} and len({pid for _, pid in results}) >= 2
    assert parallel.spread(where, list(range(500)), enabled=False) == [(n * n, MAIN) for n in range(500)]


@needs_two_cpus
@alone
def test_work_that_fails_in_a_worker_is_done_here() -> None:
    assert parallel.spread(fails_in_a_worker, list(range(300))) == [n + 1 for n in range(300)]


@needs_two_cpus
@alone
def test_pages_from_a_worker_that_died_are_made_here_in_order() -> None:
    items = [(f"p{n}", n) for n in range(100)]
    made = parallel.Rendered(dies_in_a_worker, items)
    assert made.forked
    try:
        assert [made.take(key) for key, _ in items] == [f"page {n}" for n in range(100)]
    finally:
        made.close()


@needs_two_cpus
@alone
def test_pages_asked_for_in_any_order_come_from_the_workers() -> None:
    """Another plugin may reorder the pages: every text still comes, once, from its task."""
    items = [(f"p{n}", n) for n in range(1000)]
    keys = [key for key, _ in items]
    random.Random(4).shuffle(keys)
    made = parallel.Rendered(str, items)
    try:
        assert [made.take(key) for key in keys] == [key[1:] for key in keys]
        assert made.tasks == {} and made.left == {}
    finally:
        made.close()


@needs_two_cpus
@alone
def test_pages_made_ahead_equal_pages_made_here() -> None:
    items = [(f"p{n}", n) for n in range(100)]
    ahead = parallel.Rendered(str, items)
    serial = parallel.Rendered(str, items, enabled=False)
    assert ahead.forked and not serial.forked
    try:
        assert [ahead.take(key) for key, _ in items] == [serial.take(key) for key, _ in items]
    finally:
        ahead.close()


@needs_two_cpus
@alone
def test_workers_run_only_a_few_tasks_ahead_of_the_texts_taken() -> None:
    """Finished pages wait in the build process: however large the site, only a few tasks' worth."""
    items = [(f"p{n}", n) for n in range(2000)]
    made = parallel.Rendered(str, items)
    try:
        assert len(made.tasks) == parallel.TASKS_AHEAD
        assert [made.take(key) for key, _ in items[:500]] == [str(n) for n in range(500)]
        assert len(made.tasks) <= parallel.TASKS_AHEAD + 1
        assert made.submitted * parallel.PAGES_PER_TASK < 500 + (parallel.TASKS_AHEAD + 1) * parallel.PAGES_PER_TASK
    finally:
        made.close()


if __name__ == "__main__":
    globals()[sys.argv[1]].__wrapped__()
