"""The kudos part of a site as typed values: pages, files, and what several pages share.

Each page is a frozen value holding everything it shows, its address and
whether search indexes it. Because it holds everything it shows, the value
is also what it depends on: a `serve` rebuild re-renders a page only when
its value (or what every page shares: people, principles, templates)
changed. The kinds of page live in `sections/`, one module each.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from ..data.model import CardGroup, Entry, Person, Principle
from .i18n import Catalogue
from .search import SearchRecord, Words

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
    newest: Entry | None = None  # its newest story, shown on the overview


@dataclass(frozen=True)
class KudosPage:
    src_uri: str
    title: str

    template: ClassVar[str]
    searchable: ClassVar[bool] = False
    full_width: ClassVar[bool] = False  # a wall of notes: no navigation or contents columns beside it

    # Indexed from its data (`search_records`) rather than by the theme from its HTML.
    has_search_records: ClassVar[bool] = False

    @property
    def depends_on(self) -> object:
        """What must be unchanged for a `serve` rebuild to reuse this page's HTML."""
        return self

    def search_records(self, words: Words) -> Iterator[SearchRecord]:
        """The page's own search records, when `has_search_records`."""
        return iter(())

    def embedded(self) -> dict[str, Fragment]:
        """Parts of this page that any page may show, by the name of their marker `<!-- kudos:NAME -->`."""
        return {}


@dataclass(frozen=True)
class Fragment:
    """A part of a page shown elsewhere: its template and what the template reads."""

    template: str
    context: Mapping[str, Any]
    wide: bool = False  # as wide as the page's text allows, like the wall


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


def titled(base: str, number: int, tr: Catalogue) -> str:
    """A paged list's title: the base on its first page, numbered after."""
    return base if number == 1 else tr.gettext("%(title)s, page %(number)s") % {"title": base, "number": number}


def template_context(page: KudosPage) -> dict[str, Any]:
    """A page's fields as the names its template reads, plus the page itself."""
    fields = {f.name: getattr(page, f.name) for f in dataclasses.fields(page)}
    return {**fields, "page": page}
