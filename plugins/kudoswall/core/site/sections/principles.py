"""The principles overview, when the handbook has no page of its own for it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from ..builder import Builder
from ..pages import KudosPage, PrincipleSummary
from ..search import SearchRecord, Words


@dataclass(frozen=True)
class PrinciplesPage(KudosPage):
    template: ClassVar[str] = "kudos/principles.html"
    searchable: ClassVar[bool] = True
    full_width: ClassVar[bool] = True  # a board of principles in their colours, not a column beside a sidebar
    summaries: tuple[PrincipleSummary, ...]
    has_search_records: ClassVar[bool] = True  # the principles' own words; each tile's newest story is found at its note

    def search_records(self, words: Words) -> Iterator[SearchRecord]:
        text = " ".join(f"{s.principle.title}: {s.principle.summary}" if s.principle.summary else f"{s.principle.title}."
                        for s in self.summaries)
        yield SearchRecord(self.src_uri, "", self.title, text)


def principles(b: Builder) -> Iterable[KudosPage]:
    if not b.has_principles_index and b.data.principles:
        yield PrinciplesPage(f"{b.project.principles_dir}/index.md", b.tr.gettext("Principles"), b.principles)
