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

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlsplit

from ...data import schema
from ...data.model import Dataset, Person, Principle
from ...data.project import Project
from ..builder import Builder
from ..pages import KudosPage

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


@dataclass(frozen=True)
class GiveView:
    """What the give page shows and the files next to it."""

    options: GiveOptions
    people: tuple[tuple[str, str, str], ...]  # (id, name, team), in the lists' order
    principles: tuple[Principle, ...]
    build_day: dt.date
    timezone: str

    @property
    def people_files(self) -> list[str]:
        return list(people_files(self))

    @property
    def host(self) -> str:
        return self.options.resolved_host if self.options.repo_url else ""

    @property
    def repo_url(self) -> str:
        return self.options.repo_url.rstrip("/") if self.host else ""

    @property
    def data_dir(self) -> str:
        return self.options.data_dir.strip("/") or "kudos"

    title_max: int = schema.max_length("title")
    message_max: int = schema.max_length("message")


@dataclass(frozen=True)
class GivePage(KudosPage):
    template: ClassVar[str] = "kudos/give.html"
    give: GiveView



def give(b: Builder) -> Iterable[KudosPage]:
    yield GivePage("kudos/give/index.md", b.tr.gettext("Give kudos"), give_view(b.project, b.data))


def give_options(project: Project) -> GiveOptions:
    """The site's own `repo_url` is the default: a site that links to its repository takes proposals there too."""
    s = project.settings
    repo = s.give_repo_url if s.give_repo_url is not None else project.repo_url
    return GiveOptions(
        repo_url=repo,
        branch=s.give_branch,
        host=s.give_host or "",
        intake_url=s.give_intake_url or "",
        data_dir=project.shown(project.data_dir),
        people_per_file=s.give_people_per_file,
    )


def give_view(project: Project, data: Dataset) -> GiveView:
    return GiveView(
        options=give_options(project),
        people=tuple(people_rows(data.visible_people.values(), project.today)),
        principles=tuple(sorted(data.principles.values(), key=lambda p: p.title.casefold())),
        build_day=project.today,
        timezone=project.settings.timezone,
    )


def people_rows(people: Iterable[Person], today: dt.date) -> list[tuple[str, str, str]]:
    """The people the page offers, as (id, name, team): by team ("Other" last), then by name.

    Only people on the wall (listing the others would publish their names)
    who have not left.
    """
    shown = sorted((p for p in people if p.wall and not p.has_left(today)), key=lambda p: (p.name.casefold(), p.id))
    teams: dict[str, list[Person]] = {}
    for person in shown:
        teams.setdefault(person.team or OTHER_TEAM, []).append(person)
    order = sorted(teams, key=lambda team: (team == OTHER_TEAM, team.casefold()))
    return [(p.id, p.name, team) for team in order for p in teams[team]]


def people_files(view: GiveView) -> dict[str, str]:
    """The page's list of people, in files of at most `people_per_file` people and PEOPLE_FILE_BYTES bytes.

    Each file is `{"people": [[id, name, team], ...]}`; read in order, the
    rows come by team and then by name, so a team may go on in the next file.
    """
    limit = max(1, min(view.options.people_per_file, PEOPLE_PER_FILE))
    head, tail = '{"people":[', "]}"
    chunks: list[list[str]] = [[]]
    size = 0
    for row in view.people:
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


SCHEMA_NAMED_MAX = 1_000
SCHEMA_PEOPLE_MAX = 10_000


def schema_json(data: Dataset, site_url: str | None = None) -> str:
    """The entry schema, offering the people and principles the site may show."""
    people = {pid: p.name + (f" ({p.team})" if p.team else "") for pid, p in data.visible_people.items()}
    # Names make completions friendly but cost most of the file; a large
    # company gets ids only, and past SCHEMA_PEOPLE_MAX none (any well-formed
    # id still validates), so the file stays small at any size of company.
    if len(people) > SCHEMA_NAMED_MAX:
        people = dict.fromkeys(people, "") if len(people) <= SCHEMA_PEOPLE_MAX else {}
    principles = {pid: p.title for pid, p in data.principles.items()}
    schema_id = site_url.rstrip("/") + "/" + SCHEMA_PATH if site_url else None
    # Compact: editors fetch it, people read `kudos schema`.
    return json.dumps(schema.entry_schema(people, principles, schema_id), ensure_ascii=False, separators=(",", ":"))
