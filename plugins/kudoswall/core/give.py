"""The give page (`/kudos/give/`) and the published schema (`/kudos/schema.json`).

The page needs only what the site already publishes: the people on the wall
and the principles. People who opted out (`wall: false`) are not offered,
because listing them would publish their names; they give and receive
kudos through a file or `kudos new`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from . import schema

if TYPE_CHECKING:
    from .site import PagePlan, Site

GIVE_SRC = "kudos/give/index.md"
SCHEMA_PATH = "kudos/schema.json"
GIVE_ASSETS = ("kudos/assets/give.js", "kudos/assets/give.css")
HOSTS = ("github", "gitlab")


@dataclass(frozen=True)
class GiveOptions:
    """Where a finished entry can go besides copy and download, which always work."""

    repo_url: str = ""  # e.g. https://github.com/example/service-handbook
    branch: str = "main"
    host: str = ""  # github | gitlab; empty: guessed from repo_url
    intake_url: str = ""  # e.g. https://kudos.example.com/api/kudos
    data_dir: str = "kudos"  # the data folder's path in the repository

    @property
    def resolved_host(self) -> str:
        if self.host:
            return self.host
        netloc = urlsplit(self.repo_url).netloc.lower()
        return next((h for h in HOSTS if h in netloc), "")


def give_plan(site: Site) -> PagePlan:
    from .site import PagePlan

    return PagePlan(GIVE_SRC, "Give kudos", "kudos/give.html", {"give": give_context(site)})


def give_context(site: Site) -> dict[str, Any]:
    options: GiveOptions = getattr(site.options, "give", None) or GiveOptions()
    people = sorted(site.people.values(), key=lambda p: (p.name.casefold(), p.id))
    teams: dict[str, list[Any]] = {}
    for person in people:
        teams.setdefault(person.team or "Other", []).append(person)
    host = options.resolved_host if options.repo_url else ""
    return {
        "teams": dict(sorted(teams.items(), key=lambda item: (item[0] == "Other", item[0].casefold()))),
        "principles": sorted(site.data.principles.values(), key=lambda p: p.title.casefold()),
        "repo_url": options.repo_url.rstrip("/") if host else "",
        "branch": options.branch,
        "host": host,
        "intake_url": options.intake_url,
        "data_dir": options.data_dir.strip("/") or "kudos",
        "title_max": schema.max_length("title"),
        "message_max": schema.max_length("message"),
    }


def schema_json(site: Site, site_url: str | None = None) -> str:
    """The entry schema, offering the people and principles the site may show."""
    people = {pid: p.name + (f" ({p.team})" if p.team else "") for pid, p in site.people.items()}
    principles = {pid: p.title for pid, p in site.data.principles.items()}
    schema_id = site_url.rstrip("/") + "/" + SCHEMA_PATH if site_url else None
    # Compact: editors fetch it, people read `kudos schema`.
    return json.dumps(schema.entry_schema(people, principles, schema_id), ensure_ascii=False, separators=(",", ":"))
