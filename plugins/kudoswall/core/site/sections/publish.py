"""How the site meets the outside: kept inside by default, public by choice.

Most companies keep the handbook on an internal host: unless the `public`
option is true, every page says `noindex` (added to its <head> by the front
end, see `head_context`) and the site's `robots.txt` disallows all
crawling. A site's own `robots.txt` in its docs folder wins over ours.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...data.project import Settings
from ..builder import Builder
from ..pages import KudosFile, KudosPage
from .feeds import announced

ROBOTS = "robots.txt"
ROBOTS_INSIDE = (
    "# This site is kept inside the company (kudos plugin option `public: false`).\n"
    "# Set `public: true` to allow search engines.\n"
    "User-agent: *\n"
    "Disallow: /\n"
)


@dataclass(frozen=True)
class Robots(KudosFile):
    def content(self, render: Callable[..., str]) -> str:
        return ROBOTS_INSIDE


def robots_section(builder: Builder) -> Sequence[KudosPage | KudosFile]:
    return [] if builder.settings.public else [Robots(ROBOTS)]


def head_context(page_src: str, settings: Settings, files: Mapping[str, KudosFile]) -> dict[str, Any]:
    """What `kudos/head.html` needs for one page: noindex, and the feeds it announces."""
    return {"noindex": not settings.public, "feeds": announced(page_src, files)}
