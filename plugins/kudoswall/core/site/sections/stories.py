"""A principle's stories past those on its own page: `/<principles>/<id>/stories/`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from ...data.model import Entry, Principle
from ..builder import Builder
from ..pages import KudosPage, titled
from ..paging import Pager, paginate


@dataclass(frozen=True)
class StoriesPage(KudosPage):
    template: ClassVar[str] = "kudos/stories_page.html"
    full_width: ClassVar[bool] = True
    pager: Pager[Entry]
    principle: Principle



def stories(b: Builder) -> Iterable[KudosPage]:
    for pid, block in b.stories.items():
        if block.stories.more is None:
            continue
        entries = b.index.by_principle.get(pid, [])
        title = b.tr.gettext("Stories of %(principle)s") % {"principle": block.principle.title}
        for pager in paginate(entries, b.settings.archive_page_size, b.stories_base(pid)):
            yield StoriesPage(pager.src_uri, titled(title, pager.number, b.tr), pager, block.principle)
