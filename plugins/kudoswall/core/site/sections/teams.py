"""Teams: `/teams/` and `/teams/<slug>/`, each team's members on the wall and the thanks it received.

Teams come from the `team` values of people on the wall; a member who opted
out is neither listed nor counted. (The per-team feeds, `/teams/<slug>/feed.xml`,
are another section's.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from ...data.model import Team
from ..builder import Builder
from ..pages import EntryList, KudosFile, KudosPage, team_src


@dataclass(frozen=True)
class TeamsPage(KudosPage):
    template: ClassVar[str] = "kudos/teams.html"
    searchable: ClassVar[bool] = True
    teams: tuple[Team, ...]


@dataclass(frozen=True)
class TeamPage(KudosPage):
    template: ClassVar[str] = "kudos/team.html"
    full_width: ClassVar[bool] = True  # a noticeboard about the team
    # Its thanks are copies of entries that their month's archive already indexes.
    searchable: ClassVar[bool] = False
    edits_people: ClassVar[bool] = True
    team: Team
    thanks: EntryList  # thanks to the whole team, newest first


def teams(builder: Builder) -> Iterable[KudosPage | KudosFile]:
    records = tuple(sorted(builder.data.teams.values(), key=lambda t: (t.name.casefold(), t.id)))
    if not records:
        return
    yield TeamsPage("teams/index.md", builder.tr.gettext("Teams"), records)
    for team in records:
        # Only the newest thanks: the page stays small; each entry's archive is its permanent home.
        yield TeamPage(team_src(team.id), team.name, team, builder.entry_list(builder.by_team.get(team.id, []), None))
