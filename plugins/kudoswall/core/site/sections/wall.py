"""The wall, `/kudos/`: every note, newest first, today's featured set on its first page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from ...data.model import Entry
from ..builder import Builder
from ..pages import WALL, Featured, Fragment, KudosPage, MonthsNav, WallItem, titled
from ..paging import Pager, paginate


@dataclass(frozen=True)
class WallPage(KudosPage):
    template: ClassVar[str] = "kudos/wall.html"
    full_width: ClassVar[bool] = True
    pager: Pager[WallItem]
    featured: Featured | None  # on the first page only
    nav: MonthsNav
    customers: tuple[Entry, ...] = ()  # "what customers say", on the first page only
    shown_above: frozenset[str] = frozenset()  # ids of the notes above "All kudos", kept there once

    def embedded(self) -> dict[str, Fragment]:
        """Today's featured set (`<!-- kudos:featured -->`) and the line of kudos pages (`<!-- kudos:nav -->`)."""
        if self.pager.number != 1:
            return {}
        parts = {"nav": Fragment("kudos/nav.html", {})}
        if self.featured:
            parts["featured"] = Fragment("kudos/featured.html", {"featured": self.featured}, wide=True)
        return parts


def wall(b: Builder) -> Iterable[KudosPage]:
    """The wall's pages. The first shows each note once: a note featured today or
    quoted under "What customers say" stays in "All kudos" (so paging never moves
    it) but hidden there; kudos.js does the same when the featured set turns over."""
    nav = b.nav(None)
    pages: list[KudosPage] = []
    featured = {item.id for item in b.featured.entries}
    customers = tuple(e for e in b.data.entries if e.from_customer and e.id not in featured)[: b.settings.featured_count]
    shown_above = frozenset(featured | {e.id for e in customers})
    for pager in paginate(b.items, b.settings.page_size, WALL):
        title = titled(b.tr.gettext("Kudos wall"), pager.number, b.tr)
        first = pager.number == 1
        pages.append(WallPage(pager.src_uri, title, pager, b.featured if first else None, nav,
                              customers if first else (), shown_above if first else frozenset()))
    return pages
