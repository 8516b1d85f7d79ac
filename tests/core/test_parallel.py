"""The second process: what it makes is what this one would have made, and a failure there costs nothing."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from data_folders import GOOD, as_item, make_root, run, write
from kudoswall.core import parallel
from kudoswall.core.parallel import WORTH_IT, Stream, in_two

pytestmark = pytest.mark.forks

PARENT = os.getpid()
ITEMS = [(f"page-{n}", n) for n in range(WORTH_IT * 3)]


def text(n: int) -> str:
    return f"<p>{n} é ✓</p>" * (n % 7 + 1)  # some long, all with non-ASCII text


def made_where(n: int) -> str:
    return f"{n}@{os.getpid()}"


def test_a_stream_makes_every_text_in_another_process_and_hands_each_over_in_any_order() -> None:
    stream = Stream.start(ITEMS, text)
    try:
        assert stream.forked
        order = [key for key, _ in ITEMS]
        order = order[WORTH_IT:] + order[:WORTH_IT][::-1]  # later pages first, then backwards
        assert [stream.take(key) for key in order] == [text(int(key.split("-")[1])) for key in order]
    finally:
        stream.close()


def test_the_texts_are_made_by_the_other_process_when_it_keeps_ahead() -> None:
    stream = Stream.start(ITEMS, made_where)
    try:
        time.sleep(1.0)  # this process is busy elsewhere: the other has made them all
        pids = {stream.take(key).split("@")[1] for key, _ in ITEMS}
    finally:
        stream.close()
    assert len(pids) == 1 and str(PARENT) not in pids


def slow_away_from_home(n: int) -> str:
    if os.getpid() != PARENT:
        time.sleep(0.004)
    return made_where(n)


def test_rather_than_wait_for_a_text_not_begun_this_process_makes_the_last_ones_itself() -> None:
    """Asked first for a text far ahead of the other process, this one makes the texts from the end up to it."""
    stream = Stream.start(ITEMS, slow_away_from_home)
    keys = [key for key, _ in ITEMS]
    far = keys[-10]
    try:
        made = {far: stream.take(far)}
        made.update((key, stream.take(key)) for key in keys if key != far)
    finally:
        stream.close()
    assert [made[key].split("@")[0] for key in keys] == [str(n) for _, n in ITEMS]  # each text, once
    here = [key for key in keys if made[key].split("@")[1] == str(PARENT)]
    assert here == keys[-10:]  # the last ten, and only those


def fails_away_from_home(n: int) -> str:
    if os.getpid() != PARENT and n == 5:
        raise ValueError("a template error in the other process")
    return text(n)


def test_an_item_the_other_process_cannot_make_is_made_here() -> None:
    stream = Stream.start(ITEMS, fails_away_from_home)
    try:
        assert [stream.take(key) for key, _ in ITEMS] == [text(n) for _, n in ITEMS]
    finally:
        stream.close()


def fails_everywhere(n: int) -> str:
    if n == 5:
        raise ValueError("broken template")
    return text(n)


def test_an_error_surfaces_here_with_its_own_message() -> None:
    stream = Stream.start(ITEMS, fails_everywhere)
    try:
        assert stream.take("page-4") == text(4)
        with pytest.raises(ValueError, match="broken template"):
            stream.take("page-5")
        assert stream.take("page-6") == text(6)
    finally:
        stream.close()


def test_closing_early_stops_the_other_process_and_leaves_nothing_behind() -> None:
    stream = Stream.start(ITEMS, text)
    process = stream.process
    assert process is not None
    stream.take("page-0")
    stream.close()
    assert not process.is_alive() and stream.spool is None and not stream.ready


def test_few_items_or_no_permission_stay_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not Stream.start(ITEMS[: WORTH_IT - 1], text).forked
    assert not Stream.start(ITEMS, text, parallel=False).forked
    monkeypatch.setenv("KUDOS_SERIAL", "1")
    serial = Stream.start(ITEMS, made_where)
    assert not serial.forked
    assert serial.take("page-3") == f"3@{PARENT}"


def halves(items: Sequence[int]) -> list[str]:
    return [made_where(n) for n in items]


def test_in_two_returns_one_result_per_item_in_order_made_by_two_processes() -> None:
    items = list(range(WORTH_IT * 2))
    results = in_two(items, halves)
    assert [r.split("@")[0] for r in results] == [str(n) for n in items]
    first, second = {r.split("@")[1] for r in results[:WORTH_IT]}, {r.split("@")[1] for r in results[WORTH_IT:]}
    assert first == {str(PARENT)} and len(second) == 1 and second != first


def halves_failing_away(items: Sequence[int]) -> list[str]:
    if os.getpid() != PARENT:
        raise MemoryError("the other process ran out")
    return [str(n) for n in items]


def test_in_two_redoes_here_what_the_other_process_could_not_do() -> None:
    items = list(range(WORTH_IT * 2))
    assert in_two(items, halves_failing_away) == [str(n) for n in items]


def test_fork_is_refused_while_another_thread_runs() -> None:
    import threading

    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not parallel.can_fork()
        assert not Stream.start(ITEMS, text).forked
    finally:
        release.set()
        thread.join()
    assert parallel.can_fork()


def test_a_load_checked_in_two_processes_equals_a_load_checked_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_root(tmp_path)
    for n in range(WORTH_IT * 3):
        if n % 17 == 0:
            text = GOOD.replace("ben-okafor", "ben-okafr")  # an unknown person, with a suggestion
        elif n % 23 == 0:
            text = "date: [unclosed\n"  # broken YAML
        elif n % 5 == 0:
            text = as_item(GOOD) + as_item(GOOD.replace("calm.", f"**calm** number {n}."))  # a list file
        else:
            text = GOOD.replace("calm.", f"calm, *{n}* times over.")
        write(root, f"kudos/2026/{n % 11 + 1:02d}/n{n}.yml", text)
    assert parallel.can_fork()
    two = run(root)
    monkeypatch.setenv("KUDOS_SERIAL", "1")
    one = run(root)
    assert len(one.entries) > WORTH_IT * 3 and len(one.problems) >= 10
    assert two == one
    assert [e.message_html for e in two.entries] == [e.message_html for e in one.entries]


def test_files_are_written_by_the_other_process_after_the_texts(tmp_path: Path) -> None:
    destinations = [str(tmp_path / f"feed-{n}.xml") for n in range(3)]
    files = {d: (lambda d=d: f"{d} by {os.getpid()}") for d in destinations}
    stream = Stream.start(ITEMS, text, files=files)
    assert stream.forked
    for key, n in ITEMS:
        assert stream.take(key) == text(n)
    stream.finish()
    written = [Path(d).read_text(encoding="utf-8") for d in destinations]
    assert all(w.startswith(d) and not w.endswith(str(PARENT)) for w, d in zip(written, destinations, strict=True))


def test_a_file_the_other_process_cannot_make_is_written_here(tmp_path: Path) -> None:
    good, bad = str(tmp_path / "good.ics"), str(tmp_path / "bad.ics")

    def fails_away() -> bytes:
        if os.getpid() != PARENT:
            raise OSError("no space left on device")
        return "BEGIN:VCALENDAR ✓".encode()

    stream = Stream.start(ITEMS, text, files={good: lambda: "fine", bad: fails_away})
    for key, _ in ITEMS:
        stream.take(key)
    stream.finish()
    assert Path(good).read_text(encoding="utf-8") == "fine"
    assert Path(bad).read_text(encoding="utf-8") == "BEGIN:VCALENDAR ✓"


def test_without_another_process_the_files_are_left_to_the_caller(tmp_path: Path) -> None:
    destination = tmp_path / "feed.xml"
    stream = Stream.start(ITEMS, text, parallel=False, files={str(destination): lambda: "x"})
    assert not stream.forked and not stream.files
    stream.finish()
    assert not destination.exists()


def test_a_process_held_to_one_core_stays_in_one_process() -> None:
    import subprocess
    import sys

    script = (
        "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))});"
        "from kudoswall.core import parallel; print(parallel.can_fork())"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def slow_there_failing_here_at_the_end(n: int) -> str:
    if os.getpid() == PARENT and n == len(ITEMS) - 1:
        raise ValueError(f"item {n} cannot be made")
    return slow_away_from_home(n)


def test_an_item_this_process_fails_to_make_early_fails_at_its_own_turn() -> None:
    stream = Stream.start(ITEMS, slow_there_failing_here_at_the_end)
    keys = [key for key, _ in ITEMS]
    try:
        stream.take(keys[-10])  # far ahead: this process makes the last ten, and fails at the very last
        made = [stream.take(key) for key in keys[:-10] + keys[-9:-1]]  # the others are not held up by it
        assert len(made) == len(ITEMS) - 2
        with pytest.raises(ValueError, match=f"item {len(ITEMS) - 1} cannot be made"):
            stream.take(ITEMS[-1][0])
    finally:
        stream.close()


def test_without_shared_semaphores_the_other_process_makes_every_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where there is no /dev/shm (some sandboxes and serverless hosts), a shared array cannot be made."""
    real = parallel._context()

    class NoSharedMemory:
        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

        def Array(self, *args: object, **kwargs: object) -> object:  # multiprocessing's name
            raise OSError(38, "Function not implemented")

    monkeypatch.setattr(parallel, "_context", NoSharedMemory)
    stream = Stream.start(ITEMS, slow_away_from_home)
    try:
        assert stream.forked
        made = [stream.take(key) for key, _ in ITEMS]
    finally:
        stream.close()
    assert [m.split("@")[0] for m in made] == [str(n) for _, n in ITEMS]
    assert str(PARENT) not in {m.split("@")[1] for m in made}
