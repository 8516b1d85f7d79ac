"""Which kudos are featured on a given day.

The set is a pure function of the entries and the day, so any build (today's,
or next month's with the same data) agrees on every date, and the schedule
written at build time stays true for the days it covers.

Recent entries form a pool. Time is cut into cycles just long enough for the
pool to be shown once at `count` a day; each cycle shuffles the pool with a
digest keyed by the cycle number and deals it out day by day, deferring an
entry whose recipient already appears in that day's hand. So within a cycle
every entry gets its turn, and no day's set names a recipient twice while
other entries could take the place.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from typing import Protocol, TypeVar

from ..data import days as days_
from ..data.model import CUSTOMER

MIN_POOL_DAYS = 4


class Item(Protocol):
    """What the rotation deals: an entry today, a whole group card tomorrow."""

    @property
    def id(self) -> str: ...

    @property
    def date(self) -> dt.date: ...

    @property
    def recipients(self) -> tuple[str, ...]: ...


T = TypeVar("T", bound=Item)


def _shuffle_key(cycle: int, entry_id: str) -> bytes:
    return hashlib.blake2b(f"{cycle}:{entry_id}".encode(), digest_size=8).digest()


def pool_for(entries: Sequence[T], day: dt.date, count: int, window_days: int) -> list[T]:
    """Entries of the last `window_days` days; topped up with the newest older ones.

    A quiet month must not freeze the wall or force a recipient to appear
    twice, so the pool never holds fewer than a few days' worth of entries.
    `entries` must be newest first, as `Dataset.entries` is. The pool of a
    later day is a prefix of this day's (no entry is dated after the build
    day), so `schedule` computes from this day's pool alone.
    """
    start = days_.shift(day, -window_days)
    least = count * MIN_POOL_DAYS
    pool: list[T] = []
    for entry in entries:
        if entry.date > day:
            continue
        if entry.date > start or len(pool) < least:
            pool.append(entry)
        else:
            break
    return pool


def _recipients(entry: Item) -> set[str]:
    return {r for r in entry.recipients if r != CUSTOMER}


def featured_on(entries: Sequence[T], day: dt.date, count: int, window_days: int) -> tuple[T, ...]:
    pool = pool_for(entries, day, count, window_days)
    if not pool or count <= 0:
        return ()
    # A recipient can appear once a day, so a person thanked eight times needs
    # eight days: the cycle is long enough for them too, or some of their
    # kudos would be reshuffled away before their turn.
    of = {e.id: _recipients(e) for e in pool}  # dealing asks this many times per day
    busiest = max(Counter(r for e in pool for r in of[e.id]).values(), default=1)
    days_per_cycle = max(1, math.ceil(len(pool) / count), busiest)
    cycle, slot = divmod(day.toordinal(), days_per_cycle)
    order = sorted(pool, key=lambda e: _shuffle_key(cycle, e.id))

    hand: list[T] = []
    deferred: list[T] = []
    fresh = iter(order)
    for _ in range(slot + 1):
        hand, carried = [], []
        names: set[str] = set()
        for entry in deferred:
            if len(hand) < count and not of[entry.id] & names:
                hand.append(entry)
                names |= of[entry.id]
            else:
                carried.append(entry)
        while len(hand) < count:
            upcoming = next(fresh, None)
            if upcoming is None:
                break
            if of[upcoming.id] & names:
                carried.append(upcoming)
            else:
                hand.append(upcoming)
                names |= of[upcoming.id]
        deferred = carried
    return tuple(_top_up(hand, order, count))


def _top_up(hand: list[T], order: list[T], count: int) -> list[T]:
    """The last day of a cycle may be short; fill it, distinct recipients first."""
    if len(hand) >= count:
        return hand
    taken = {e.id for e in hand}
    names: set[str] = set().union(*(_recipients(e) for e in hand)) if hand else set()
    for allow_repeat in (False, True):
        for entry in order:
            if len(hand) >= count:
                return hand
            if entry.id in taken or (not allow_repeat and _recipients(entry) & names):
                continue
            hand.append(entry)
            taken.add(entry.id)
            names |= _recipients(entry)
    return hand


def schedule(
    entries: Sequence[T], first_day: dt.date, days: int, count: int, window_days: int
) -> dict[dt.date, tuple[T, ...]]:
    """The featured sets from `first_day` for `days` more days, inclusive.

    The one source of every featured set: the build day's (shown without
    JavaScript), each published daily file, and the day a page turns over to.
    """
    return dict(_schedule(tuple(pool_for(entries, first_day, count, window_days)), first_day, days, count, window_days))


@functools.lru_cache(maxsize=2)
def _schedule(
    pool: tuple[T, ...], first_day: dt.date, days: int, count: int, window_days: int
) -> tuple[tuple[dt.date, tuple[T, ...]], ...]:
    # Kept for the next `serve` rebuild: an edit outside the window changes no featured set.
    # Near the end of the calendar there are fewer days ahead to schedule.
    return tuple(
        (first_day + dt.timedelta(days=offset),
         featured_on(pool, first_day + dt.timedelta(days=offset), count, window_days))
        for offset in range(days_.days_after(first_day, days) + 1)
    )
