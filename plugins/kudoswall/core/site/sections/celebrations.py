"""Celebrations: `/celebrations/` (this month and the next), a page per month and `/celebrations.ics`.

From people.yml: birthdays (month and day only: no year is ever known),
work anniversaries from `joined` with the number of years, and welcomes for
people who joined in the last `welcome_days` days. Who is celebrated: people
on the wall (`wall: true`) who have not left and have not said
`celebrate: false`.

29 February: in a common year a 29 February birthday or joining day is
celebrated on 28 February. In the calendar that is one yearly rule,
`FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1` (the last day of February), so a
subscriber sees 28 February in common years and 29 in leap years.

What a staff member sees: `/celebrations/` leads with a strip of today and
the next thirteen days, drawn as the leaves of a paper calendar (today large
and marked; a day with nothing on it thin), then what comes later this month
and next, and this month's days gone by folded away. A month's own page is
always the wall calendar of that month: seven columns, a box per day, each
occasion in the box of its day, the days gone by greyed.

Size: a company of thousands has hundreds of occasions a month, all on one
day if people.yml says so. A day's box shows DAY_SHOWN of them and counts
the rest; a month's own pages hold `people_page_size` occasions each, listed
day by day under the month's sheet; today's list on the home page is cut at
TODAY_SHOWN.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlsplit

from ...data import days
from ...data.model import Card, Person
from ..builder import Builder
from ..i18n import Catalogue
from ..pages import Fragment, KudosFile, KudosPage
from ..paging import Pager, paginate, series_src

KINDS = ("birthday", "anniversary", "welcome")
CARD_WINDOW = dt.timedelta(days=31)
CALENDAR_PATH = "celebrations.ics"
INLINE_MONTH = 60  # a month with more occasions than this is paged on its own pages, its sheet counting each day's rest
NEXT_SHOWN = 3  # occasions of the next day named on the home page's line
TODAY_SHOWN = 30  # today's occasions listed on the home page; the rest are a link
DAY_SHOWN = 3  # occasions written in one day's box (on the strip or a month's sheet); the rest are a count and a link
SOON_DAYS = 14  # /celebrations/ leads with a strip of today and the days after it, this many days in all
LATER_SHOWN = 8  # occasions of a month after the strip listed on /celebrations/; the rest are a link to the month


@dataclass(frozen=True)
class Celebration:
    kind: str  # birthday | anniversary | welcome
    person: str
    day: dt.date  # this occurrence
    years: int = 0  # for an anniversary
    card: str = ""  # the id of a card made for it, if any
    needs_card: bool = False  # still ahead (a welcome lasts its window) with no card: someone can start one


def celebrated(person: Person, today: dt.date) -> bool:
    return person.wall and person.celebrate and not person.has_left(today)


def on_year(month: int, day: int, year: int) -> dt.date:
    """The day in `year`; 29 February is the 28th in a common year."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return dt.date(year, month, day)


def _month_day(person: Person) -> tuple[int, int] | None:
    if not person.birthday:
        return None
    month, day = person.birthday.split("-")
    return int(month), int(day)


def _card_for(cards: Iterable[Card], person: str, kind: str, day: dt.date) -> str:
    for card in cards:
        if card.recipient == person and card.occasion == kind and abs(card.date - day) <= CARD_WINDOW:
            return card.id
    return ""


def between(
    people: Mapping[str, Person], cards: Mapping[str, Card], start: dt.date, end: dt.date,
    today: dt.date, welcome_days: int,
) -> list[Celebration]:
    """Every celebration from `start` to `end` inclusive, by day then name."""
    found: list[Celebration] = []
    years = range(start.year, end.year + 1)
    for person in people.values():
        if not celebrated(person, today):
            continue
        occasions: list[tuple[str, dt.date, int]] = []
        md = _month_day(person)
        if md:
            occasions.extend(("birthday", on_year(*md, year), 0) for year in years)
        if person.joined:
            j = person.joined
            occasions.extend(
                ("anniversary", on_year(j.month, j.day, year), year - j.year) for year in years if year > j.year
            )
            if days.shift(today, -welcome_days) < j <= today:
                occasions.append(("welcome", j, 0))
        for kind, day, count in occasions:
            if start <= day <= end:
                card = _card_for(cards.values(), person.id, kind, day)
                found.append(Celebration(kind, person.id, day, count, card))
    found.sort(key=lambda c: (c.day, people[c.person].name.casefold(), c.person, KINDS.index(c.kind)))
    return found


def month_base(first: dt.date) -> str:
    """`celebrations/2026-12`: the month's pages are `index.md`, `page/2/index.md`, ... under it."""
    return f"celebrations/{first:%Y-%m}"


@dataclass(frozen=True)
class CalendarDay:
    """One day's box (on the strip or a month's sheet): the first few occasions and how many there are."""

    day: dt.date
    shown: tuple[Celebration, ...]
    total: int
    quiet: bool = False  # its week has nothing on it (and is not this week): drawn thin
    week_end: dt.date | None = None  # the first box of a week's row: the last day of that row in the month


@dataclass(frozen=True)
class MonthGrid:
    """A whole month as a kitchen calendar draws it: weeks from the locale's first weekday."""

    first: dt.date
    lead: int  # empty boxes before the first day drawn
    weekdays: tuple[dt.date, ...]  # one day per column, for its name
    days: tuple[CalendarDay, ...]  # from the 1st to the last day of the month
    earlier: tuple[Celebration, ...]  # welcomes that began last month and still run


def month_grid(
    first: dt.date, found: Sequence[Celebration], week_start: int, per_day: int = DAY_SHOWN,
    today: dt.date | None = None,
) -> MonthGrid:
    """`week_start` is 0 for Monday (Babel's `first_week_day`); the work is linear in `found`.

    A week with nothing on it (and not today's week) is `quiet`.
    """
    end = _month_end(first)
    by_day: dict[dt.date, list[Celebration]] = {}
    earlier: list[Celebration] = []
    for c in found:
        if c.day < first:
            earlier.append(c)
        else:
            by_day.setdefault(c.day, []).append(c)
    lead = (first.weekday() - week_start) % 7
    drawn = [first.replace(day=n) for n in range(1, end.day + 1)]
    busy = {(lead + i) // 7 for i, day in enumerate(drawn) if day in by_day or day == today}
    boxes = tuple(
        CalendarDay(
            day, tuple(by_day.get(day, ())[:per_day]), len(by_day.get(day, ())), (lead + i) // 7 not in busy,
            drawn[min(len(drawn) - 1, i + 6 - (lead + i) % 7)] if i == 0 or (lead + i) % 7 == 0 else None,
        )
        for i, day in enumerate(drawn)
    )
    # Each column's name from a day of the first week (never outside the calendar's range).
    weekdays = tuple(days.shift(first, (week_start + n - first.weekday()) % 7) for n in range(7))
    return MonthGrid(first, lead, weekdays, boxes, tuple(earlier))


def strip(found: Sequence[Celebration], today: dt.date, per_day: int = DAY_SHOWN) -> tuple[CalendarDay, ...]:
    """Today and the days after it, SOON_DAYS in all (fewer at the calendar's end), each with its occasions."""
    last = days.shift(today, SOON_DAYS - 1)
    by_day: dict[dt.date, list[Celebration]] = {}
    for c in found:
        if today <= c.day <= last:
            by_day.setdefault(c.day, []).append(c)
    drawn = [days.shift(today, n) for n in range(days.days_after(today, SOON_DAYS - 1) + 1)]
    return tuple(CalendarDay(day, tuple(by_day.get(day, ())[:per_day]), len(by_day.get(day, ()))) for day in drawn)


@dataclass(frozen=True)
class CelebrationMonth:
    label: str
    first: dt.date
    src: str  # the month's own first page
    total: int
    counts: tuple[tuple[str, int], ...]  # (kind, how many)
    later: tuple[Celebration, ...] = ()  # on /celebrations/: its first occasions after the strip (at most LATER_SHOWN)
    later_total: int = 0
    sheet: MonthGrid | None = None  # a miniature of the month: its days, how many occasions each (none named)


@dataclass(frozen=True)
class CelebrationsPage(KudosPage):
    template: ClassVar[str] = "kudos/celebrations.html"
    full_width: ClassVar[bool] = True  # a calendar on the kitchen wall
    day: dt.date
    today: tuple[Celebration, ...]  # at most TODAY_SHOWN
    today_total: int
    today_src: str  # this month's page, where all of today's are listed
    months: tuple[CelebrationMonth, ...]
    calendar: str
    next_up: tuple[Celebration, ...] = ()  # the next day with something on it, after today (at most NEXT_SHOWN)
    strip: tuple[CalendarDay, ...] = ()  # today and the next days, first on the page
    gone: tuple[Celebration, ...] = ()  # this month's latest occasions before today (at most DAY_SHOWN * 4), folded away
    gone_total: int = 0
    earlier: tuple[Celebration, ...] = ()  # welcomes that began last month and still run

    def embedded(self) -> dict[str, Fragment]:
        """Today's celebrations, for a page that asks with `<!-- kudos:celebrations -->` (a panel)
        or `<!-- kudos:today -->` (one line, with the next occasion when today has none)."""
        context = {"today": self.today, "today_total": self.today_total, "today_src": self.today_src, "day": self.day}
        return {
            "celebrations": Fragment("kudos/celebrations_today.html", context),
            "today": Fragment("kudos/celebrations_line.html", {**context, "next_up": self.next_up}),
        }


@dataclass(frozen=True)
class CelebrationsMonthPage(KudosPage):
    """One page of a month's occasions: the month's sheet on its first page, then the occasions day by day
    when they do not all fit in their boxes."""

    template: ClassVar[str] = "kudos/celebrations_month.html"
    full_width: ClassVar[bool] = True  # the same kitchen calendar as /celebrations/
    day: dt.date
    label: str
    pager: Pager[Celebration]
    calendar: str
    grid: MonthGrid | None  # the month's sheet, on its first page
    months: tuple[tuple[str, str], ...] = ()  # (src, label) of every month that has pages, in order
    listed: bool = False  # the month does not fit in its boxes: its occasions are listed day by day too


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: dt.date
    leap_day: bool  # 29 February: the last day of February every year


@dataclass(frozen=True)
class CelebrationsCalendar(KudosFile):
    """`/celebrations.ics`: yearly all-day events from this year on; no birth year, no age."""

    reusable: ClassVar[bool] = True
    day: dt.date
    name: str
    events: tuple[CalendarEvent, ...]

    def content(self, render: object) -> bytes:
        import icalendar  # only a build that publishes the calendar needs it

        cal = icalendar.Calendar()
        cal.add("prodid", "-//kudoswall//celebrations//EN")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("x-wr-calname", self.name)
        stamp = dt.datetime.combine(self.day, dt.time(0, 0), tzinfo=dt.timezone.utc)
        for item in self.events:
            event = icalendar.Event()
            event.add("uid", item.uid)
            event.add("dtstamp", stamp)
            event.add("summary", item.summary)
            event.add("dtstart", item.start)  # a date: an all-day event
            if item.start < days.LAST:
                event.add("dtend", item.start + dt.timedelta(days=1))
            else:  # the calendar's last day has no day after it: the same one day, said as a length
                event.add("duration", dt.timedelta(days=1))
            rule: dict[str, object] = {"freq": "yearly"}
            if item.leap_day:
                rule.update(bymonth=2, bymonthday=-1)
            event.add("rrule", rule)
            event.add("transp", "TRANSPARENT")  # a celebration does not make anyone busy
            cal.add_component(event)
        ical: bytes = cal.to_ical()
        return ical


def _events(builder: Builder) -> tuple[CalendarEvent, ...]:
    today, tr = builder.project.today, builder.tr
    host = urlsplit(builder.project.site_url).hostname or "kudoswall"
    events: list[CalendarEvent] = []
    people = sorted(builder.data.people.values(), key=lambda p: p.id)
    for person in people:
        if not celebrated(person, today):
            continue
        md = _month_day(person)
        if md:
            events.append(CalendarEvent(
                f"{person.id}.birthday@{host}", tr.gettext("Birthday: %(name)s") % {"name": person.name},
                on_year(*md, today.year), md == (2, 29),
            ))
        if person.joined:
            j = person.joined
            first = max(today.year, j.year + 1)
            if not days.has_year(first):
                continue  # their first anniversary would fall after the calendar's last year
            events.append(CalendarEvent(
                f"{person.id}.anniversary@{host}",
                tr.gettext("Work anniversary: %(name)s (joined in %(year)d)") % {"name": person.name, "year": j.year},
                on_year(j.month, j.day, first), (j.month, j.day) == (2, 29),
            ))
    return tuple(events)


def _month_end(first: dt.date) -> dt.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _month(
    tr: Catalogue, today: dt.date, first: dt.date, found: Sequence[Celebration], per_page: int,
    months: tuple[tuple[str, str], ...],
) -> tuple[CelebrationMonth, list[CelebrationsMonthPage]]:
    label = tr.month_label(first)
    counts = Counter(c.kind for c in found)
    soon_end = days.shift(today, SOON_DAYS - 1)
    later = [c for c in found if c.day > soon_end]
    month = CelebrationMonth(
        label, first, series_src(month_base(first), 1), len(found), tuple((k, counts[k]) for k in KINDS if counts[k]),
        tuple(later[:LATER_SHOWN]), len(later), month_grid(first, found, tr.locale.first_week_day, 0, today),
    )
    pagers = paginate(found, per_page, month_base(first))
    # The month's sheet, always: every occasion in its day's box while the month fits on one page,
    # else the first few of each day, counted, with the whole month listed day by day below it.
    whole = len(found) <= INLINE_MONTH and len(pagers) == 1
    grid = month_grid(first, found, tr.locale.first_week_day, INLINE_MONTH if whole else DAY_SHOWN, today)
    title = tr.gettext("Celebrations: %(month)s") % {"month": label}
    pages = [
        CelebrationsMonthPage(p.src_uri, title, today, label, p, CALENDAR_PATH, grid if n == 0 else None, months,
                              not whole)
        for n, p in enumerate(pagers)
    ]
    return month, pages


def celebrations(builder: Builder) -> Iterable[KudosPage | KudosFile]:
    data, today, tr = builder.data, builder.project.today, builder.tr
    welcome_days = builder.settings.welcome_days
    this = today.replace(day=1)
    following = days.month_after(this)  # None in December 9999: the calendar has no next month
    found = between(data.people, data.cards, this, _month_end(following or this), today, welcome_days)
    # A welcome counts from the joining day; one that began last month still shows until it ends.
    recent = (between(data.people, data.cards, days.shift(today, -welcome_days), days.shift(this, -1), today, welcome_days)
              if this > days.FIRST else [])
    listed = [c for c in recent if c.kind == "welcome"] + found
    # What has no card yet and is still ahead (a welcome lasts its whole window): someone can start one.
    listed = [
        dataclasses.replace(c, needs_card=True) if not c.card and (c.day >= today or c.kind == "welcome") else c
        for c in listed
    ]
    per_page = builder.settings.people_page_size
    months: list[CelebrationMonth] = []
    on_the_day = [c for c in listed if c.day == today]
    today_src = series_src(month_base(this), 1)  # the page of this month where today's list begins
    spans = [(this, [c for c in listed if following is None or c.day < following])]
    if following is not None:
        spans.append((following, [c for c in listed if c.day >= following]))
    pages_of = tuple((series_src(month_base(first), 1), tr.month_label(first)) for first, _ in spans)
    for first, in_month in spans:
        month, pages = _month(tr, today, first, in_month, per_page, pages_of)
        months.append(month)
        today_src = next((p.src_uri for p in pages if on_the_day and on_the_day[0] in p.pager.items), today_src)
        yield from pages
    ahead = [c for c in listed if c.day > today]  # by day: `found` is sorted, past welcomes come first
    next_up = tuple(c for c in ahead if c.day == ahead[0].day)[:NEXT_SHOWN] if ahead else ()
    # Gone by: this month's occasions before today (a welcome that began last month is "still settling in").
    gone = [c for c in listed if this <= c.day < today]
    yield CelebrationsPage(
        "celebrations/index.md", tr.gettext("Celebrations"), today, tuple(on_the_day[:TODAY_SHOWN]),
        len(on_the_day), today_src, tuple(months), CALENDAR_PATH, next_up,
        strip(listed, today), tuple(gone[-DAY_SHOWN * 4:]), len(gone), tuple(c for c in listed if c.day < this),
    )
    yield CelebrationsCalendar(CALENDAR_PATH, today, tr.gettext("Celebrations"), _events(builder))
