"""The wall rotates by itself: every recent entry gets its turn, no recipient twice a day."""

from __future__ import annotations

import datetime as dt
import itertools
import random

from kudoswall.core.data.model import Entry
from kudoswall.core.site.rotation import featured_on, schedule

START = dt.date(2026, 11, 25)


def entry(n: int, day: dt.date, recipients: tuple[str, ...]) -> Entry:
    return Entry(
        id=f"k{n:05d}", date=day, giver="g", giver_label="G", recipients=recipients,
        principles=(), title="", message_html="", message_text="", source="x", line=1,
    )


def company(count: int, people: int, seed: int = 7, days: int = 80) -> list[Entry]:
    rng = random.Random(seed)
    entries = []
    for n in range(count):
        day = START - dt.timedelta(days=rng.randrange(days))
        recipients = tuple(sorted({f"p{rng.randrange(people)}" for _ in range(rng.choice([1, 1, 1, 2, 3]))}))
        entries.append(entry(n, day, recipients))
    entries.sort(key=lambda e: (-e.date.toordinal(), e.id))
    return entries


def test_same_data_and_day_give_the_same_set_whatever_order_the_files_were_read_in() -> None:
    entries = company(200, 40, days=20)  # many entries share a day
    day = START + dt.timedelta(days=3)
    first = featured_on(entries, day, 6, 90)
    rng = random.Random(5)
    for _ in range(5):
        # Newest first as the rotation requires, but entries of one day in any order.
        shuffled = sorted(entries, key=lambda e: (-e.date.toordinal(), rng.random()))
        assert [e.id for e in shuffled] != [e.id for e in entries]
        assert featured_on(shuffled, day, 6, 90) == first
    # A build on another day agrees on this day's set.
    assert schedule(entries, START, 60, 6, 90)[day] == schedule(entries, day, 60, 6, 90)[day]


def test_the_set_changes_every_day() -> None:
    entries = company(200, 40)
    sets = schedule(entries, START, 60, 6, 90)
    days = sorted(sets)
    assert len(days) == 61
    for today, tomorrow in itertools.pairwise(days):
        assert {e.id for e in sets[today]} != {e.id for e in sets[tomorrow]}


def test_no_recipient_twice_in_a_day_while_others_are_eligible() -> None:
    entries = company(300, 25)
    for day, chosen in schedule(entries, START - dt.timedelta(days=10), 120, 6, 90).items():
        names = [r for e in chosen for r in e.recipients]
        assert len(names) == len(set(names)), (day, names)
        assert len(chosen) == 6


def test_every_recent_entry_gets_its_turn() -> None:
    entries = company(120, 60, days=20)  # all recent for the whole test
    count = 5
    cycle = -(-len(entries) // count)
    seen: set[str] = set()
    for chosen in schedule(entries, START, 2 * cycle + 2, count, 90).values():
        seen.update(e.id for e in chosen)
    assert seen == {e.id for e in entries}


def test_only_recent_entries_are_featured_when_there_are_enough() -> None:
    old = [entry(n, START - dt.timedelta(days=200 + n), (f"o{n}",)) for n in range(50)]
    new = [entry(100 + n, START - dt.timedelta(days=n % 60), (f"n{n}",)) for n in range(30)]
    entries = sorted(new + old, key=lambda e: (-e.date.toordinal(), e.id))
    for chosen in schedule(entries, START, 5, 6, 90).values():
        assert all(e.id >= "k00100" for e in chosen)


def test_a_quiet_company_still_has_a_full_wall_that_moves() -> None:
    old = [entry(n, START - dt.timedelta(days=400 + n), (f"o{n}",)) for n in range(40)]
    sets = [featured_on(old, START + dt.timedelta(days=d), 6, 90) for d in range(3)]
    assert all(len(chosen) == 6 for chosen in sets)
    assert sets[0] != sets[1] != sets[2]
    assert featured_on([], START, 6, 90) == ()


def test_when_everyone_thanks_the_same_person_the_set_is_still_filled() -> None:
    entries = [entry(n, START - dt.timedelta(days=n), ("ben",)) for n in range(10)]
    assert len(featured_on(entries, START, 3, 90)) == 3


def test_entries_dated_after_the_day_are_not_featured_on_it() -> None:
    entries = company(50, 20)
    day = START - dt.timedelta(days=30)
    assert all(e.date <= day for e in featured_on(entries, day, 6, 90))


def test_a_much_thanked_person_does_not_push_others_kudos_out_of_the_cycle() -> None:
    entries = [entry(n, START - dt.timedelta(days=n), ("ana",)) for n in range(6)]
    entries += [entry(10, START, ("ben",)), entry(11, START, ("carl",))]
    entries.sort(key=lambda e: (-e.date.toordinal(), e.id))
    sets = schedule(entries, START, 12, 3, 90)
    for chosen in sets.values():
        names = [r for e in chosen for r in e.recipients]
        assert len(names) == len(set(names))
    days = sorted(sets)
    # Any six consecutive days hold a whole six-day cycle's worth of Ana's kudos
    # or the two halves of two cycles; twelve days always show all of them.
    shown = {e.id for d in days for e in sets[d]}
    assert shown == {e.id for e in entries}
    for first in range(len(days) - 11):
        window = {e.id for d in days[first:first + 12] for e in sets[d]}
        assert window == {e.id for e in entries}
