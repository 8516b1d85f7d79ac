"""The little-things list: `/little-things/`, every idea grouped by tag, with who suggested it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from ...data.model import Idea
from ..builder import Builder
from ..pages import KudosFile, KudosPage

UNTAGGED = ""


@dataclass(frozen=True)
class LittleThingsPage(KudosPage):
    template: ClassVar[str] = "kudos/little_things.html"
    searchable: ClassVar[bool] = True
    full_width: ClassVar[bool] = True  # a pinned board of ideas
    groups: tuple[tuple[str, tuple[Idea, ...]], ...]  # (tag, ideas), by tag; untagged last; each idea once
    total: int


def little_things(builder: Builder) -> Iterable[KudosPage | KudosFile]:
    groups: dict[str, list[Idea]] = {}
    ideas = sorted(builder.data.ideas, key=lambda i: (i.text.casefold(), i.id))
    for idea in ideas:
        # Once, under its first tag; its other tags show on it.
        groups.setdefault(idea.tags[0] if idea.tags else UNTAGGED, []).append(idea)
    ordered = sorted(groups.items(), key=lambda g: (g[0] == UNTAGGED, g[0]))
    yield LittleThingsPage(
        "little-things/index.md", builder.tr.gettext("Little things"),
        tuple((tag, tuple(items)) for tag, items in ordered), len(ideas),
    )
