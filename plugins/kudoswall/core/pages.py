"""The kudos part of a site as typed pages, made in one pass over the dataset.

Each page is a frozen value holding everything it shows, its address and
whether search indexes it. Because it holds everything it shows, the value
is also what it depends on: a `serve` rebuild re-renders a page only when
its value (or what every page shares: people, principles, templates)
changed. A new kind of page is one class here, a line in `build_model`, and
one template.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from . import look, rotation
from .give import GiveView, give_view
from .i18n import Catalogue
from .index import Index, build_index
from .model import Card, CardGroup, Dataset, Entry, Person, Principle, Team
from .paging import Pager, paginate
from .project import Project
from .validate import team_slug

WallItem = Entry | CardGroup

WALL = "kudos"
PEOPLE = "people"


def month_src(month: str) -> str:
    return f"{WALL}/{month}/index.md"


def person_src(person_id: str) -> str:
    return f"{PEOPLE}/{person_id}/index.md"


def team_src(team: str) -> str:
    """A team's page, from its slug or from a recipient `team:<slug>`."""
    return f"teams/{team.removeprefix('team:')}/index.md"


def card_src(card_id: str) -> str:
    return f"cards/{card_id}/index.md"


def permalink_src(entry: Entry) -> str:
    """An entry's permanent link: its month's first page, at its id."""
    return month_src(entry.month) + "#" + entry.id


@dataclass(frozen=True)
class MonthsNav:
    """Archive links: the months of the year shown and one link per year, never every month."""

    months: tuple[str, ...] = ()
    years: tuple[tuple[str, str], ...] = ()  # (year, its newest month)
    current: str = ""


@dataclass(frozen=True)
class Featured:
    """Today's featured set; the script turns it over from the daily files."""

    day: dt.date
    timezone: str
    entries: tuple[WallItem, ...]  # entries, and cards as one item each


@dataclass(frozen=True)
class EntryList:
    """The newest of a list on a page, with the address of the whole list when it is longer."""

    entries: tuple[Entry, ...]
    total: int
    more: str | None = None


@dataclass(frozen=True)
class Stories:
    """A principle's stories, added to the leader's own page."""

    principle: Principle
    stories: EntryList


@dataclass(frozen=True)
class PrincipleSummary:
    principle: Principle
    stories: int
    owner: Person | None
    overdue: bool


@dataclass(frozen=True)
class KudosPage:
    src_uri: str
    title: str

    template: ClassVar[str]
    searchable: ClassVar[bool] = False
    edits_people: ClassVar[bool] = False  # "edit this page" opens people.yml
    full_width: ClassVar[bool] = False  # a wall of notes: no navigation or contents columns beside it

    @property
    def depends_on(self) -> object:
        """What must be unchanged for a `serve` rebuild to reuse this page's HTML."""
        return self


@dataclass(frozen=True)
class WallPage(KudosPage):
    template: ClassVar[str] = "kudos/wall.html"
    full_width: ClassVar[bool] = True
    pager: Pager[WallItem]
    featured: Featured | None  # on the first page only
    nav: MonthsNav
    customers: tuple[Entry, ...] = ()  # "what customers say", on the first page only


@dataclass(frozen=True)
class MonthPage(KudosPage):
    """The permanent home of a month's entries: their ids are its anchors.

    A busy month spans pages; the first stays the permanent link and names
    each later entry under its own id, so a link lands on its line and the
    line leads on, with or without JavaScript.
    """

    template: ClassVar[str] = "kudos/archive.html"
    full_width: ClassVar[bool] = True
    searchable: ClassVar[bool] = True
    pager: Pager[Entry]
    label: str
    month: str
    later: tuple[tuple[Entry, str], ...]
    nav: MonthsNav
    newer: tuple[str, str] | None = None  # (month, its label): the next month with kudos
    older: tuple[str, str] | None = None


@dataclass(frozen=True)
class PeopleIndexPage(KudosPage):
    template: ClassVar[str] = "kudos/people.html"
    full_width: ClassVar[bool] = True
    searchable: ClassVar[bool] = True
    edits_people: ClassVar[bool] = True
    pager: Pager[Person]


@dataclass(frozen=True)
class PersonPage(KudosPage):
    template: ClassVar[str] = "kudos/person.html"
    full_width: ClassVar[bool] = True
    edits_people: ClassVar[bool] = True
    person: Person
    cited: tuple[tuple[Principle, int], ...]
    received: EntryList
    given: EntryList
    cards: tuple[Card, ...] = ()  # cards for them, newest first
    team: Team | None = None
    team_thanks: EntryList | None = None  # thanks to their whole team


@dataclass(frozen=True)
class PersonListPage(KudosPage):
    template: ClassVar[str] = "kudos/person_list.html"
    full_width: ClassVar[bool] = True
    pager: Pager[Entry]
    person: Person
    kind: str  # received | given


@dataclass(frozen=True)
class StoriesPage(KudosPage):
    template: ClassVar[str] = "kudos/stories_page.html"
    full_width: ClassVar[bool] = True
    pager: Pager[Entry]
    principle: Principle


@dataclass(frozen=True)
class PrinciplesPage(KudosPage):
    template: ClassVar[str] = "kudos/principles.html"
    searchable: ClassVar[bool] = True
    summaries: tuple[PrincipleSummary, ...]


@dataclass(frozen=True)
class GivePage(KudosPage):
    template: ClassVar[str] = "kudos/give.html"
    give: GiveView


@dataclass(frozen=True)
class SiteModel:
    """Every generated page, plus what the handbook's own pages and the derived files need."""

    pages: tuple[KudosPage, ...]
    featured: Featured
    schedule: Mapping[dt.date, tuple[WallItem, ...]]
    stories: Mapping[str, Stories]  # by principle id
    principles: tuple[PrincipleSummary, ...]
    people: Mapping[str, Person]  # those who may be shown
    principle_by_id: Mapping[str, Principle]
    index: Index = field(repr=False, compare=False)
    files: tuple[KudosFile, ...] = ()
    principle_colors: Mapping[str, str] = field(default_factory=dict)  # id -> #rrggbb, for the chips
    teams: Mapping[str, Team] = field(default_factory=dict)

    @property
    def give(self) -> GiveView:
        return next(p.give for p in self.pages if isinstance(p, GivePage))


def _titled(base: str, number: int, tr: Catalogue) -> str:
    return base if number == 1 else tr.gettext("%(title)s, page %(number)s") % {"title": base, "number": number}


class Builder:
    """What every section of the site is made from: the data, the settings, the index, the catalogue."""

    def __init__(self, data: Dataset, project: Project, tr: Catalogue, has_principles_index: bool) -> None:
        self.data, self.project, self.tr = data, project, tr
        self.settings = project.settings
        self.index = build_index(data)
        self.people = data.visible_people
        self.has_principles_index = has_principles_index
        self.signatures: dict[str, list[Entry]] = {}  # by card id, oldest first
        self.by_team: dict[str, list[Entry]] = {}  # thanks to a whole team, newest first
        for entry in data.entries:
            if entry.card in data.cards:
                self.signatures.setdefault(entry.card, []).append(entry)
            for team in entry.teams:
                self.by_team.setdefault(team, []).append(entry)
        for signed in self.signatures.values():
            signed.reverse()
        self.items = self._wall_items()
        s = project.settings
        # The one rotation: the wall, its daily files and the tv page all read it.
        self.schedule = rotation.schedule(self.items, project.today, s.schedule_days, s.featured_count, s.window_days)
        self.featured = Featured(project.today, s.timezone, self.schedule[project.today])

    def _wall_items(self) -> tuple[WallItem, ...]:
        """The wall's items: each entry, except that a card's signatures are one item."""
        cards = self.data.cards
        groups = [
            CardGroup(f"card-{cid}", signed[-1].date, (cards[cid].recipient,), cards[cid], len(signed))
            for cid, signed in self.signatures.items()
        ]
        items: list[WallItem] = [e for e in self.data.entries if e.card not in cards]
        items.extend(groups)
        items.sort(key=lambda i: (-i.date.toordinal(), i.id))
        return tuple(items)

    def cards_for(self, person_id: str) -> tuple[Card, ...]:
        if not hasattr(self, "_cards_by_recipient"):
            by: dict[str, list[Card]] = {}
            for card in sorted(self.data.cards.values(), key=lambda c: (-c.date.toordinal(), c.id)):
                by.setdefault(card.recipient, []).append(card)
            self._cards_by_recipient = by
        return tuple(self._cards_by_recipient.get(person_id, ()))

    def nav(self, month: str | None) -> MonthsNav:
        by_month = self.index.by_month
        shown = (month or next(iter(by_month), ""))[:4]
        years: dict[str, str] = {}
        for m in by_month:  # newest first, so each year links to its newest month
            years.setdefault(m[:4], m)
        return MonthsNav(tuple(m for m in by_month if m.startswith(shown)), tuple(years.items()), month or "")

    def entry_list(self, entries: Sequence[Entry], more: str | None) -> EntryList:
        size = self.settings.page_size
        return EntryList(tuple(entries[:size]), len(entries), more if len(entries) > size else None)

    def wall(self, featured: Featured) -> list[KudosPage]:
        nav = self.nav(None)
        pages: list[KudosPage] = []
        customers = tuple(e for e in self.data.entries if e.from_customer)[: self.settings.featured_count]
        for pager in paginate(self.items, self.settings.page_size, WALL):
            title = _titled(self.tr.gettext("Kudos wall"), pager.number, self.tr)
            first = pager.number == 1
            pages.append(WallPage(pager.src_uri, title, pager, featured if first else None, nav,
                                  customers if first else ()))
        return pages

    def months(self) -> list[KudosPage]:
        pages: list[KudosPage] = []
        months = list(self.index.by_month)  # newest first
        labels = {m: self.tr.month_label(dt.date(int(m[:4]), int(m[5:]), 1)) for m in months}
        for i, (month, entries) in enumerate(self.index.by_month.items()):
            label = labels[month]
            newer = (months[i - 1], labels[months[i - 1]]) if i > 0 else None
            older = (months[i + 1], labels[months[i + 1]]) if i + 1 < len(months) else None
            series = paginate(entries, self.settings.archive_page_size, f"{WALL}/{month}")
            later = tuple((entry, page.src_uri) for page in series[1:] for entry in page.items)
            nav = self.nav(month)
            for pager in series:
                pages.append(MonthPage(
                    pager.src_uri, _titled(label, pager.number, self.tr), pager, label, month,
                    later if pager.number == 1 else (), nav, newer, older,
                ))
        return pages

    def people_pages(self) -> list[KudosPage]:
        tr, index = self.tr, self.index
        people = sorted(self.people.values(), key=lambda p: (p.name.casefold(), p.id))
        pages: list[KudosPage] = []
        for pager in paginate(people, self.settings.people_page_size, PEOPLE):
            pages.append(PeopleIndexPage(pager.src_uri, _titled(tr.gettext("People"), pager.number, tr), pager))
        principles = self.data.principles
        for person in people:
            lists: list[KudosPage] = []
            shown: dict[str, EntryList] = {}
            for kind, entries in (
                ("received", index.received.get(person.id, [])),
                ("given", index.given.get(person.id, [])),
            ):
                series = paginate(entries, self.settings.archive_page_size, f"{PEOPLE}/{person.id}/{kind}")
                shown[kind] = self.entry_list(entries, series[0].src_uri)
                if shown[kind].more is None:
                    continue
                base = (tr.gettext("Kudos received by %(name)s") if kind == "received"
                        else tr.gettext("Kudos given by %(name)s")) % {"name": person.name}
                lists.extend(
                    PersonListPage(p.src_uri, _titled(base, p.number, tr), p, person, kind) for p in series
                )
            cited = tuple(
                (principles[pid], count)
                for pid, count in index.cited_for.get(person.id, Counter()).most_common()
                if pid in principles
            )
            team = self.data.teams.get(team_slug(person.team)) if person.team else None
            thanks = self.by_team.get(team.id, []) if team else []
            pages.append(PersonPage(person_src(person.id), person.name, person, cited,
                                    shown["received"], shown["given"], self.cards_for(person.id),
                                    team, self.entry_list(thanks, team_src(team.id)) if team and thanks else None))
            pages.extend(lists)
        return pages

    def stories(self) -> tuple[dict[str, Stories], list[KudosPage]]:
        blocks: dict[str, Stories] = {}
        pages: list[KudosPage] = []
        keep = self.settings.stories_on_principle
        for pid, principle in self.data.principles.items():
            entries = self.index.by_principle.get(pid, [])
            base = f"{self.project.principles_dir}/{pid}/stories"
            more = f"{base}/index.md" if len(entries) > keep else None
            blocks[pid] = Stories(principle, EntryList(tuple(entries[:keep]), len(entries), more))
            if more is None:
                continue
            title = self.tr.gettext("Stories of %(principle)s") % {"principle": principle.title}
            pages.extend(
                StoriesPage(p.src_uri, _titled(title, p.number, self.tr), p, principle)
                for p in paginate(entries, self.settings.archive_page_size, base)
            )
        return blocks, pages

    def principles(self) -> tuple[PrincipleSummary, ...]:
        today = self.project.today
        return tuple(
            PrincipleSummary(
                principle,
                len(self.index.by_principle.get(pid, [])),
                self.people.get(principle.owner),
                principle.review_by is not None and principle.review_by < today,
            )
            for pid, principle in self.data.principles.items()
        )


@dataclass(frozen=True)
class KudosFile:
    """A file the site publishes besides pages (a feed, a calendar): its content is made when written."""

    path: str
    # Its value is everything its content shows (no field left out of comparison),
    # so a `serve` rebuild may keep the content while the value is unchanged.
    reusable: ClassVar[bool] = False

    def content(self, render: Callable[..., str]) -> str | bytes:
        """`render(template, **context)` renders one of our templates, for files made from one."""
        raise NotImplementedError


Section = Callable[[Builder], Iterable["KudosPage | KudosFile"]]
"""One kind of content of the site (cards, campaigns, the tv page, feeds...): its pages and files."""


def build_model(
    data: Dataset,
    project: Project,
    tr: Catalogue,
    has_principles_index: bool = False,
    sections: Sequence[Section] | None = None,
) -> SiteModel:
    builder = Builder(data, project, tr, has_principles_index)
    days, featured = builder.schedule, builder.featured
    stories, story_pages = builder.stories()
    summaries = builder.principles()
    pages: list[KudosPage] = [*builder.wall(featured), *builder.months(), *builder.people_pages(), *story_pages]
    if not has_principles_index and data.principles:
        pages.append(PrinciplesPage(f"{project.principles_dir}/index.md", tr.gettext("Principles"), summaries))
    pages.append(GivePage("kudos/give/index.md", tr.gettext("Give kudos"), give_view(project, data)))
    files: list[KudosFile] = []
    if sections is None:
        from .sections import SECTIONS  # the sections import this module

        sections = SECTIONS
    for section in sections:
        for item in section(builder):
            (files if isinstance(item, KudosFile) else pages).append(item)  # type: ignore[arg-type]
    return SiteModel(
        tuple(pages), featured, days, stories, summaries, builder.people, data.principles, builder.index,
        tuple(files), principle_colors=look.principle_colors(data.principles, dict(project.settings.principle_colors)),
        teams=data.teams,
    )


def template_context(page: KudosPage) -> dict[str, Any]:
    """A page's fields as the names its template reads, plus the page itself."""
    fields = {f.name: getattr(page, f.name) for f in dataclasses.fields(page)}
    return {**fields, "page": page}
