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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar
from urllib.parse import urlsplit

from ...data import schema
from ...data.days import shift
from ...data.model import OCCASIONS, TEAM_PREFIX, Dataset, Entry, Person, Principle
from ...data.project import Project
from .. import look
from ..builder import Builder
from ..pages import KudosPage

SCHEMA_PATH = "kudos/schema.json"
GIVE_ASSETS = (
    "kudos/assets/give-note.js", "kudos/assets/give-picker.js", "kudos/assets/give.js", "kudos/assets/give-form.js",
    "kudos/assets/give.css",
)
HOSTS = ("github", "gitlab")
PEOPLE_FILE = "kudos/give/people-{number}.json"
TEAMS_FILE = "kudos/give/teams.json"
# The notes a co-sign may name, in small files by the first two characters
# of the id after its "k": a `?also=` link fetches one file of at most a few
# hundred rows, whatever the number of notes.
NOTES_FILE = "kudos/give/notes/{shard}.json"
SLOTS = ("left", "right", "anyone")
# The preview's note is the note template rendered for these stand-ins: the
# script fills in the names, and finds a person's or team's page by swapping
# the stand-in id in the rendered link for the real one.
SAMPLE_PERSON = "kudos-preview-person"
SAMPLE_TEAM = TEAM_PREFIX + "kudos-preview-team"
# The preview shows the day chosen as the wall would; these days are spelled
# out at build time in the site's language, and the rest by the browser.
DATES_BEFORE, DATES_AFTER = 120, 60
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
    contact: str = ""  # whom to give the file to when there is neither a repository nor an intake

    @property
    def resolved_host(self) -> str:
        if self.host:
            return self.host
        netloc = urlsplit(self.repo_url).netloc.lower()
        return next((h for h in HOSTS if h in netloc), "")


@dataclass(frozen=True)
class SampleWho:
    """A stand-in for the renderer's `who[id]`, for the preview's template."""

    name: str
    avatar: int
    initials: str
    src: str


@dataclass(frozen=True)
class GiveView:
    """What the give page shows and the files next to it."""

    options: GiveOptions
    people: tuple[tuple[str, str, str], ...]  # (id, name, team), in the lists' order
    principles: tuple[Principle, ...]
    build_day: dt.date
    timezone: str
    teams: tuple[tuple[str, str], ...] = ()  # (team:<slug>, name), by name
    campaigns: tuple[tuple[str, str, str, str], ...] = ()  # (id, title, start, end), newest first
    notes: tuple[tuple[str, str, tuple[str, ...]], ...] = field(default=(), repr=False)  # (id, month, recipients)
    avatars: tuple[tuple[str, int], ...] = field(default=(), repr=False)  # the wall's colours (`look.colour_slots`)

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
    also_max: int = 500

    def choices(self, dates: Mapping[str, str]) -> dict[str, object]:
        """Fixed words the script checks an address against; names (people, teams) come in files, never in the page."""
        return {
            "slots": list(SLOTS),
            "occasions": list(OCCASIONS),
            "dates": dict(dates),
        }

    def preview_days(self) -> list[dt.date]:
        first, last = shift(self.build_day, -DATES_BEFORE), shift(self.build_day, DATES_AFTER)
        return [shift(first, n) for n in range((last - first).days + 1)]

    @property
    def sample_who(self) -> dict[str, SampleWho]:
        return {
            SAMPLE_PERSON: SampleWho("-", 0, "-", f"people/{SAMPLE_PERSON}/index.md"),
            SAMPLE_TEAM: SampleWho("-", 0, "-", f"teams/{SAMPLE_TEAM.removeprefix(TEAM_PREFIX)}/index.md"),
        }

    @property
    def sample(self) -> Entry:
        """The stand-in note the preview's template is rendered from: every part a note can show, a co-sign too."""
        cosign = Entry(
            id="", date=self.build_day, giver=SAMPLE_PERSON, giver_label="", recipients=(SAMPLE_PERSON,),
            principles=(), title="", message_html="<p>-</p>", message_text="-", source="", line=0, also="-",
        )
        return Entry(
            id="", date=self.build_day, giver=SAMPLE_PERSON, giver_label="", recipients=(SAMPLE_PERSON, SAMPLE_TEAM),
            principles=tuple(p.id for p in self.principles[:1]), title="-", message_html="", message_text="",
            source="", line=0, cosigns=(cosign,),
        )



@dataclass(frozen=True)
class GivePage(KudosPage):
    template: ClassVar[str] = "kudos/give.html"
    # Like every other kudos page: no handbook navigation beside it, so the
    # note being written can sit beside the form on a wide screen.
    full_width: ClassVar[bool] = True
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
        contact=s.give_contact,
    )


def give_view(project: Project, data: Dataset) -> GiveView:
    return GiveView(
        options=give_options(project),
        people=tuple(people_rows(data.visible_people.values(), project.today)),
        principles=tuple(sorted(data.principles.values(), key=lambda p: p.title.casefold())),
        build_day=project.today,
        timezone=project.settings.timezone,
        teams=tuple(sorted(((TEAM_PREFIX + t.id, t.name) for t in data.teams.values() if t.members),
                           key=lambda t: t[1].casefold())),
        campaigns=tuple((c.id, c.title, c.start.isoformat(), c.end.isoformat())
                        for c in sorted(data.campaigns.values(), key=lambda c: (c.start, c.id), reverse=True)
                        if c.start <= project.today),
        notes=tuple((e.id, e.month, e.recipients) for e in data.entries if not e.card),
        avatars=tuple(look.colour_slots(data.visible_people, data.teams).items()),
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

    Each file is `{"people": [[id, name, team, avatar, initials], ...]}`:
    the last two are how a note draws the person, so the preview draws them
    the same. Read in order, the rows come by team and then by name, so a
    team may go on in the next file.
    """
    limit = max(1, min(view.options.people_per_file, PEOPLE_PER_FILE))
    avatars = dict(view.avatars)
    head, tail = '{"people":[', "]}"
    chunks: list[list[str]] = [[]]
    size = 0
    for pid, name, team in view.people:
        row = (pid, name, team, look.avatar_of(avatars, pid), look.initials(name))
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


def teams_file(view: GiveView) -> dict[str, str]:
    """The teams the page offers, `{"teams": [[team:<slug>, name, avatar, initials], ...]}`, next to the people."""
    rows = [[tid, name, look.avatar_of(dict(view.avatars), tid), look.initials(name)] for tid, name in view.teams]
    return {TEAMS_FILE: json.dumps({"teams": rows}, ensure_ascii=False, separators=(",", ":"))}


def note_files(view: GiveView) -> dict[str, str]:
    """The notes a `?also=` link may name, by shard: `{"notes": [[id, month, [recipients]], ...]}`.

    Only what every wall page already shows of a note (its id, its month's
    page and whom it thanks), so the files tell nobody who gave it.
    """
    shards: dict[str, list[str]] = {}
    for note_id, month, recipients in view.notes:
        row = json.dumps([note_id, month, list(recipients)], ensure_ascii=False, separators=(",", ":"))
        shards.setdefault(note_id[1:3], []).append(row)
    return {NOTES_FILE.format(shard=shard): '{"notes":[' + ",".join(rows) + "]}" for shard, rows in shards.items()}


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
