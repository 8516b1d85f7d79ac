"""Teams: `/teams/` and `/teams/<slug>/`, each team's members on the wall and the thanks it received.

Teams come from the `team` values of people on the wall; a member who opted
out is neither listed nor counted. (The per-team feeds, `/teams/<slug>/feed.xml`,
are another section's.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from ...data.model import Entry, Principle, Team
from ..builder import Builder
from ..pages import EntryList, KudosFile, KudosPage, team_src
from ..search import SearchRecord, Words, names


@dataclass(frozen=True)
class TeamsPage(KudosPage):
    template: ClassVar[str] = "kudos/teams.html"
    full_width: ClassVar[bool] = True
    searchable: ClassVar[bool] = True
    # Indexed from its data, in any theme: the teams and their people, never the
    # latest thanks it shows (that note is indexed once, on its month's page).
    has_search_records: ClassVar[bool] = True
    teams: tuple[Team, ...]
    latest: tuple[Entry | None, ...] = ()  # each team's newest thanks (to it or to a member), as teams

    def search_records(self, words: Words) -> Iterator[SearchRecord]:
        text = " ".join(f"{team.name}: {names(team.members, words.name, words.tr)}." for team in self.teams)
        yield SearchRecord(self.src_uri, "", self.title, text)


@dataclass(frozen=True)
class TeamPage(KudosPage):
    template: ClassVar[str] = "kudos/team.html"
    full_width: ClassVar[bool] = True  # a noticeboard about the team
    # Its thanks are copies of entries that their month's archive already indexes.
    searchable: ClassVar[bool] = False
    team: Team
    thanks: EntryList  # thanks to the whole team (by name, or to every member at once), newest first
    member_thanks: EntryList  # thanks to some of its members, newest first
    cited: tuple[tuple[Principle, int], ...] = ()  # the principles in all its thanks, most cited first


def whole_team(entry: Entry, team: Team) -> bool:
    """A note to the team by name, or one that thanks every member of a team of two or more."""
    if "team:" + team.id in entry.recipients:
        return True
    return len(team.members) > 1 and set(team.members) <= set(entry.colleagues)


def team_thanks(builder: Builder, team: Team) -> tuple[list[Entry], list[Entry]]:
    """(thanks to the whole team, thanks to some of its members), each newest first, no note twice.

    A signature on a member's card is not counted: the card is on their page,
    and counting each signature made whoever had a birthday look "top".
    """
    seen: dict[str, Entry] = {e.id: e for e in builder.by_team.get(team.id, [])}
    for member in team.members:
        for entry in builder.index.received.get(member, []):
            if not entry.card:
                seen.setdefault(entry.id, entry)
    ordered = sorted(seen.values(), key=lambda e: (-e.date.toordinal(), e.id))
    whole = [e for e in ordered if whole_team(e, team)]
    some = [e for e in ordered if not whole_team(e, team)]
    return whole, some


def teams(builder: Builder) -> Iterable[KudosPage | KudosFile]:
    records = tuple(sorted(builder.data.teams.values(), key=lambda t: (t.name.casefold(), t.id)))
    if not records:
        return
    thanked = [team_thanks(builder, team) for team in records]
    latest = tuple(min((*whole[:1], *some[:1]), key=lambda e: (-e.date.toordinal(), e.id), default=None)
                   for whole, some in thanked)
    yield TeamsPage("teams/index.md", builder.tr.gettext("Teams"), records, latest)
    for team, (whole, some) in zip(records, thanked, strict=True):
        # Only the newest thanks: the page stays small; each entry's archive is its permanent home.
        cited = Counter(p for entry in (*whole, *some) for p in entry.principles)
        yield TeamPage(team_src(team.id), team.name, team, builder.entry_list(whole, None), builder.entry_list(some, None),
                       tuple((builder.data.principles[p], n) for p, n in cited.most_common() if p in builder.data.principles))
