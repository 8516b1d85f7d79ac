"""A month's archive, `/kudos/<yyyy-mm>/`: each entry's permanent home."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from ...data.model import Entry
from ..builder import Builder
from ..pages import WALL, KudosPage, MonthsNav, titled
from ..paging import Pager, paginate
from ..search import SearchRecord, Words, entry_record


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
    has_search_records: ClassVar[bool] = True

    def search_records(self, words: Words) -> Iterator[SearchRecord]:
        """The page, then each entry on it under its own anchor."""
        yield SearchRecord(self.src_uri, "", self.title, "")
        for entry in self.pager.items:
            yield entry_record(self.src_uri, entry, words)



def months(b: Builder) -> Iterable[KudosPage]:
    pages: list[KudosPage] = []
    months = list(b.index.by_month)  # newest first
    labels = {m: b.tr.month_label(dt.date(int(m[:4]), int(m[5:]), 1)) for m in months}
    for i, (month, entries) in enumerate(b.index.by_month.items()):
        label = labels[month]
        newer = (months[i - 1], labels[months[i - 1]]) if i > 0 else None
        older = (months[i + 1], labels[months[i + 1]]) if i + 1 < len(months) else None
        series = paginate(entries, b.settings.archive_page_size, f"{WALL}/{month}")
        later = tuple((entry, page.src_uri) for page in series[1:] for entry in page.items)
        nav = b.nav(month)
        for pager in series:
            pages.append(MonthPage(
                pager.src_uri, titled(label, pager.number, b.tr), pager, label, month,
                later if pager.number == 1 else (), nav, newer, older,
            ))
    return pages
