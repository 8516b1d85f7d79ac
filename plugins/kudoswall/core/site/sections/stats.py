"""`/kudos/stats/`: how the company thanks, in aggregate only.

Counts per month, per principle and per team, and how widely people thank
each other as a distribution. Never a name, never a count next to a person:
no leaderboard. Only published entries count (privacy is already resolved in
the Dataset), and a team with fewer than `SMALL_TEAM` people on the wall is
counted with the other small teams, so a team's bar never stands for one
person.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from babel.lists import format_list

from ...data import days
from ...data.model import Entry
from ..builder import Builder
from ..i18n import Catalogue
from ..pages import KudosFile, KudosPage

STATS_SRC = "kudos/stats/index.md"
SMALL_TEAM = 3
MONTHS = 12
BREADTH_BUCKETS: tuple[tuple[int, int | None], ...] = ((1, 1), (2, 3), (4, 7), (8, None))

# Geometry of a horizontal bar chart, in SVG user units.
CHART_WIDTH = 640
LABEL_WIDTH = 190
BAR_SPACE = 380
ROW = 28
LABEL_CHARS = 26


@dataclass(frozen=True)
class Bar:
    label: str  # as the data table shows it
    short: str  # as the chart shows it (long labels end with an ellipsis)
    value: int
    width: float  # of the bar, in user units
    y: float
    percent: float = 0.0  # of the longest bar, for bars drawn as text-width boxes
    principle: str = ""  # its principle's id: the bar wears that principle's colour, as its chips do
    team: str = ""  # its team's slug: the bar wears the team's colour, as its badge does
    src: str = ""  # the page its label links to (a principle's)


@dataclass(frozen=True)
class Chart:
    key: str  # for ids
    bars: tuple[Bar, ...]
    height: int
    total: int

    @property
    def label_width(self) -> int:
        return LABEL_WIDTH

    @property
    def width(self) -> int:
        return CHART_WIDTH


def chart(key: str, items: Sequence[tuple[str, int]], principles: Sequence[str] = (),
          teams: Sequence[str] = (), srcs: Sequence[str] = ()) -> Chart:
    top = max((v for _, v in items), default=0)
    bars = tuple(
        Bar(label, _short(label), value, round(BAR_SPACE * value / top, 1) if top else 0.0, i * ROW,
            round(85 * value / top, 1) if top else 0.0, principles[i] if i < len(principles) else "",
            teams[i] if i < len(teams) else "", srcs[i] if i < len(srcs) else "")
        for i, (label, value) in enumerate(items)
    )
    return Chart(key, bars, max(len(bars), 1) * ROW, sum(v for _, v in items))


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "\u2026"


@dataclass(frozen=True)
class Lead:
    """A chart's sentence: which of its bars are the longest ("October", or "Billing and Support"), and how long."""

    names: str  # one name, or several as the language lists them
    count: int
    several: bool  # a tie: the sentence says "each"


def lead(tr: Catalogue, items: Sequence[tuple[str, int]]) -> Lead | None:
    """The longest bars of a chart, named in one phrase; None when every bar is empty (or all alike)."""
    top = max((v for _, v in items), default=0)
    if not top:
        return None
    names = [name for name, value in items if value == top]
    if len(names) == len(items) > 2:
        return None  # every bar alike: naming them all says nothing
    return Lead(format_list(names, locale=tr.locale), top, len(names) > 1)


@dataclass(frozen=True)
class Breadth:
    """The answer most givers share to "how many different colleagues did you thank?".

    `part` of the `givers` thanked a number of colleagues in `BREADTH_BUCKETS[bucket]`."""

    part: int
    givers: int
    bucket: int


@dataclass(frozen=True)
class Headline:
    """A figure for this month beside the same figure for the month before: the trend in words."""

    month: str
    now: int
    before_month: str
    before: int | None  # None in the calendar's first month


@dataclass(frozen=True)
class StatsPage(KudosPage):
    template: ClassVar[str] = "kudos/stats.html"
    full_width: ClassVar[bool] = True  # four charts side by side on a wide screen
    searchable: ClassVar[bool] = True
    months: Chart
    principles: Chart
    teams: Chart
    breadth: Chart
    first_month: str
    last_month: str
    givers: int  # people who thanked at least one colleague by name in the period
    notes: Headline  # thank-yous this month and last
    thanked: Headline  # different colleagues thanked this month and last
    reached: int  # people on the wall thanked at least once in the period
    on_wall: int  # people on the wall who have not left
    busiest: Lead | None = None  # the month(s) with the most thank-yous, by name alone ("October")
    principle_lead: Lead | None = None  # the principle(s) in the most stories
    # Of the team chart's bars, how many have any thanks, and how many there are. Never which team
    # leads: teams are colleagues, and the page ranks no one (the chart itself is alphabetical).
    teams_reached: tuple[int, int] | None = None
    small_teams: bool = False  # some teams are counted together: the tile says so
    widest: Breadth | None = None


def from_first_kudos(starts: list[dt.date], entries: Iterable[Entry]) -> list[dt.date]:
    """The months from the first with any kudos on: empty months before it only push the data down."""
    first = min((e.date for e in entries), default=None)
    if first is None:
        return starts[-1:]
    return [s for s in starts if s >= first.replace(day=1)] or starts[-1:]


def headlines(tr: Catalogue, today: dt.date, entries: Sequence[Entry]) -> tuple[Headline, Headline]:
    """This month's thank-yous and people thanked, each beside last month's; one pass over the entries."""
    this = today.replace(day=1)
    last = days.month_before(this)
    notes: Counter[dt.date] = Counter()
    thanked: dict[dt.date, set[str]] = {this: set(), **({last: set()} if last else {})}
    for entry in entries:
        month = entry.date.replace(day=1)
        if month in thanked:
            notes[month] += 1
            thanked[month].update(entry.colleagues)
    before_label = tr.month_label(last) if last else ""
    return (
        Headline(tr.month_label(this), notes[this], before_label, notes[last] if last else None),
        Headline(tr.month_label(this), len(thanked[this]), before_label, len(thanked[last]) if last else None),
    )


def month_starts(today: dt.date, count: int = MONTHS) -> list[dt.date]:
    """The first days of the last `count` months, oldest first, ending with today's month."""
    starts: list[dt.date] = []
    first: dt.date | None = today.replace(day=1)
    while first is not None and len(starts) < count:  # fewer in the calendar's first year
        starts.append(first)
        first = days.month_before(first)
    return starts[::-1]


def breadth_counts(entries: Iterable[Entry]) -> tuple[list[int], int]:
    """How many named givers thanked 1, 2-3, 4-7, 8+ different colleagues."""
    reached: dict[str, set[str]] = {}
    for entry in entries:
        if entry.giver:
            reached.setdefault(entry.giver, set()).update(r for r in entry.colleagues if r != entry.giver)
    sizes = [len(s) for s in reached.values() if s]
    counts = [sum(1 for n in sizes if low <= n and (high is None or n <= high)) for low, high in BREADTH_BUCKETS]
    return counts, len(sizes)


def stats_section(builder: Builder) -> list[KudosPage | KudosFile]:
    tr, data = builder.tr, builder.data
    today = builder.project.today
    starts = month_starts(today)
    entries = [e for e in data.entries if starts[0] <= e.date <= today]
    starts = from_first_kudos(starts, entries)

    per_month = Counter(e.date.replace(day=1) for e in entries)
    months = chart("months", [(tr.month_label(d), per_month[d]) for d in starts])
    # "October was the busiest month": the chart shows twelve months at most, so a name alone is one month.
    busiest = lead(tr, [(tr.month_alone(d), per_month[d]) for d in starts]) if len(starts) > 1 else None

    # In the handbook's own order, as everywhere else: never sorted by how often a principle was cited.
    per_principle = Counter(p for e in entries for p in e.principles)
    ordered = [summary.principle for summary in builder.principles]
    principles = chart("principles", [(p.title, per_principle[p.id]) for p in ordered], [p.id for p in ordered],
                       srcs=[p.src_uri for p in ordered])
    principle_lead = lead(tr, [(p.title, per_principle[p.id]) for p in ordered])

    people = builder.people
    sizes = Counter(p.team for p in people.values() if p.team)
    small = tr.gettext("Smaller teams")
    per_team: Counter[str] = Counter()
    for entry in entries:
        teams = {people[r].team for r in entry.colleagues if r in people and people[r].team}
        per_team.update({t if sizes[t] >= SMALL_TEAM else small for t in teams})
    shown = sorted({t if n >= SMALL_TEAM else small for t, n in sizes.items()},
                   key=lambda t: (t == small, t.casefold()))
    slugs = {team.name: slug for slug, team in data.teams.items()}
    teams_chart = chart("teams", [(t, per_team[t]) for t in shown],
                        teams=[slugs.get(t, "") if t != small else "" for t in shown])
    teams_reached = (sum(1 for t in shown if per_team[t]), len(shown)) if len(shown) > 1 else None

    counts, givers = breadth_counts(entries)
    labels = [tr.gettext("1 colleague"), tr.gettext("2 to 3 colleagues"), tr.gettext("4 to 7 colleagues"),
              tr.gettext("8 or more colleagues")]
    breadth = chart("breadth", list(zip(labels, counts, strict=True)))
    part = max(counts, default=0)
    # On a tie, the wider answer: both are true, and the wider one is the better news.
    widest = Breadth(part, givers, len(counts) - 1 - counts[::-1].index(part)) if part else None

    current = {pid for pid, p in people.items() if not p.has_left(today)}
    reached = len(current.intersection(r for e in entries for r in e.colleagues))
    page = StatsPage(
        STATS_SRC, tr.gettext("Kudos in numbers"), months, principles, teams_chart, breadth,
        tr.month_label(starts[0]), tr.month_label(starts[-1]), givers,
        *headlines(tr, today, entries), reached, len(current),
        busiest, principle_lead, teams_reached, small in shown, widest,
    )
    return [page]
