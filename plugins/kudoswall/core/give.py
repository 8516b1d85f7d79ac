"""The give page (`/kudos/give/`) and the published schema (`/kudos/schema.json`).

The page needs only what the site already publishes: the people on the wall
and the principles. People who opted out (`wall: false`) are not offered,
because listing them would publish their names; they give and receive
kudos through a file or `kudos new`.

The page itself lists nobody, so it stays small however large the company:
the people come in small JSON files next to it (`people-1.json`, ...), at
most PEOPLE_PER_FILE people and PEOPLE_FILE_BYTES bytes each, which the
page's script reads and puts in the lists.
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
PEOPLE_FILE = "kudos/give/people-{number}.json"
PEOPLE_PER_FILE = 1000
# A file also closes at this size, so long names (120 characters of name
# and of team, in any script) cannot push it past what a page may weigh.
PEOPLE_FILE_BYTES = 128 * 1024
OTHER_TEAM = "Other"


@dataclass(frozen=True)
class GiveOptions:
    """Where a finished entry can go besides copy and download, which always work."""

    repo_url: str = ""  # e.g. https://github.com/example/service-handbook
    branch: str = "main"
    host: str = ""  # github | gitlab; empty: guessed from repo_url
    intake_url: str = ""  # e.g. https://kudos.example.com/api/kudos
    data_dir: str = "kudos"  # the data folder's path in the repository
    people_per_file: int = PEOPLE_PER_FILE  # people per file of the page's list

    @property
    def resolved_host(self) -> str:
        if self.host:
            return self.host
        netloc = urlsplit(self.repo_url).netloc.lower()
        return next((h for h in HOSTS if h in netloc), "")


def give_plan(site: Site) -> PagePlan:
    from .site import PagePlan

    return PagePlan(GIVE_SRC, "Give kudos", "kudos/give.html", {"give": give_context(site)})


def _options(site: Site) -> GiveOptions:
    options: GiveOptions = getattr(site.options, "give", None) or GiveOptions()
    return options


def people_rows(site: Site) -> list[tuple[str, str, str]]:
    """The people the page offers, as (id, name, team): by team ("Other" last), then by name.

    Only people on the wall: `site.people` leaves out those with `wall: false`.
    """
    people = sorted(site.people.values(), key=lambda p: (p.name.casefold(), p.id))
    teams: dict[str, list[Any]] = {}
    for person in people:
        teams.setdefault(person.team or OTHER_TEAM, []).append(person)
    order = sorted(teams, key=lambda team: (team == OTHER_TEAM, team.casefold()))
    return [(p.id, p.name, team) for team in order for p in teams[team]]


def people_files(site: Site) -> dict[str, str]:
    """The page's list of people, in files of at most `people_per_file` people and PEOPLE_FILE_BYTES bytes.

    Each file is `{"people": [[id, name, team], ...]}`; read in order, the
    rows come by team and then by name, so a team may go on in the next file.
    """
    limit = max(1, min(_options(site).people_per_file, PEOPLE_PER_FILE))
    head, tail = '{"people":[', "]}"
    chunks: list[list[str]] = [[]]
    size = 0
    for row in people_rows(site):
        text = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
        cost = len(text.encode("utf-8")) + 1
        chunk = chunks[-1]
        if chunk and (len(chunk) >= limit or len(head) + size + cost + len(tail) > PEOPLE_FILE_BYTES):
            chunk = []
            chunks.append(chunk)
            size = 0
        chunk.append(text)
        size += cost
    return {
        PEOPLE_FILE.format(number=n): head + ",".join(rows) + tail
        for n, rows in enumerate(chunks, 1)
        if rows
    }


def give_context(site: Site) -> dict[str, Any]:
    options = _options(site)
    host = options.resolved_host if options.repo_url else ""
    return {
        "people_files": list(people_files(site)),
        "principles": sorted(site.data.principles.values(), key=lambda p: p.title.casefold()),
        "repo_url": options.repo_url.rstrip("/") if host else "",
        "branch": options.branch,
        "host": host,
        "intake_url": options.intake_url,
        "data_dir": options.data_dir.strip("/") or "kudos",
        "title_max": schema.max_length("title"),
        "message_max": schema.max_length("message"),
    }


SCHEMA_NAMED_MAX = 1_000
SCHEMA_PEOPLE_MAX = 10_000


def schema_json(site: Site, site_url: str | None = None) -> str:
    """The entry schema, offering the people and principles the site may show."""
    people = {pid: p.name + (f" ({p.team})" if p.team else "") for pid, p in site.people.items()}
    # Names make completions friendly but cost most of the file; a large
    # company gets ids only, and past SCHEMA_PEOPLE_MAX none (any well-formed
    # id still validates), so the file stays small at any size of company.
    if len(people) > SCHEMA_NAMED_MAX:
        people = dict.fromkeys(people, "") if len(people) <= SCHEMA_PEOPLE_MAX else {}
    principles = {pid: p.title for pid, p in site.data.principles.items()}
    schema_id = site_url.rstrip("/") + "/" + SCHEMA_PATH if site_url else None
    # Compact: editors fetch it, people read `kudos schema`.
    return json.dumps(schema.entry_schema(people, principles, schema_id), ensure_ascii=False, separators=(",", ":"))
