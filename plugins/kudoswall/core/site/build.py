"""The site model: every section's pages and files, made in one pass over the dataset.

A new kind of page is a module in `sections/` (its page classes, a function
from the `Builder` to its pages and files, and a template) and a line in
SECTIONS. The order of SECTIONS is the order of the pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..data.model import Card, Dataset, Person, Principle, Team
from ..data.project import Project
from . import look
from .builder import Builder, Section
from .i18n import Catalogue
from .index import Index
from .pages import Featured, KudosFile, KudosPage, PrincipleSummary, Stories, WallItem
from .sections.campaigns import campaigns
from .sections.cards import cards
from .sections.celebrations import celebrations
from .sections.changes import changes_section
from .sections.feeds import feeds_section
from .sections.give import GivePage, GiveView, give
from .sections.ideas import little_things
from .sections.months import months
from .sections.people import people
from .sections.principles import principles
from .sections.publish import robots_section
from .sections.stats import stats_section
from .sections.stories import stories
from .sections.teams import teams
from .sections.tv import tv_section
from .sections.wall import wall

SECTIONS: tuple[Section, ...] = (
    wall,
    months,
    people,
    stories,
    principles,
    give,
    cards,
    campaigns,
    teams,
    celebrations,
    little_things,
    tv_section,
    feeds_section,
    robots_section,
    stats_section,
    changes_section,
)


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
    cards: Mapping[str, Card] = field(default_factory=dict)
    site_url: str = ""

    @property
    def give(self) -> GiveView:
        return next(p.give for p in self.pages if isinstance(p, GivePage))


def build_model(
    data: Dataset,
    project: Project,
    tr: Catalogue,
    has_principles_index: bool = False,
    sections: Sequence[Section] = SECTIONS,
    published_docs: frozenset[str] | None = None,
) -> SiteModel:
    builder = Builder(data, project, tr, has_principles_index, published_docs)
    pages: list[KudosPage] = []
    files: list[KudosFile] = []
    for section in sections:
        for item in section(builder):
            if isinstance(item, KudosFile):
                files.append(item)
            else:
                pages.append(item)
    return SiteModel(
        tuple(pages), builder.featured, builder.schedule, builder.stories, builder.principles, builder.people,
        data.principles, builder.index, tuple(files),
        principle_colors=look.principle_colors(data.principles, dict(project.settings.principle_colors)),
        teams=data.teams, cards=data.cards, site_url=project.site_url,
    )
