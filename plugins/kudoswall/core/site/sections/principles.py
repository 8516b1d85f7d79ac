"""The principles overview, when the handbook has no page of its own for it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from ..builder import Builder
from ..pages import KudosPage, PrincipleSummary


@dataclass(frozen=True)
class PrinciplesPage(KudosPage):
    template: ClassVar[str] = "kudos/principles.html"
    searchable: ClassVar[bool] = True
    full_width: ClassVar[bool] = True  # a board of principles in their colours, not a column beside a sidebar
    summaries: tuple[PrincipleSummary, ...]


def principles(b: Builder) -> Iterable[KudosPage]:
    if not b.has_principles_index and b.data.principles:
        yield PrinciplesPage(f"{b.project.principles_dir}/index.md", b.tr.gettext("Principles"), b.principles)
