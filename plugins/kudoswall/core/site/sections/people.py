"""People: `/people/` and a page per person on the wall, with the kudos they received and gave."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from ...data.ids import team_slug
from ...data.model import CardGroup, Entry, Person, Principle, Team
from ..builder import Builder
from ..pages import PEOPLE, EntryList, KudosPage, person_src, team_src, titled
from ..paging import Pager, paginate
from ..search import SearchRecord, Words

LATEST_CHARS = 90  # a title-less thank-you is quoted by its first words, at most this many characters


@dataclass(frozen=True)
class Listed:
    """A person as the directory shows them."""

    person: Person
    latest: str = ""  # what they were last thanked for: the note's title, else its first words
    here: bool = True  # not yet left: "Thank Ana" is offered


@dataclass(frozen=True)
class DirectoryTeam:
    """One team's people on a page of the directory, in name order."""

    name: str  # "" for the people without a team
    id: str  # the team's slug (its page), "" without a team
    people: tuple[Listed, ...]


@dataclass(frozen=True)
class PeopleIndexPage(KudosPage):
    template: ClassVar[str] = "kudos/people.html"
    full_width: ClassVar[bool] = True
    searchable: ClassVar[bool] = True
    # Indexed from its data: names, roles and teams, never the words of the
    # thanks it quotes (each note is indexed once, on its month's page).
    has_search_records: ClassVar[bool] = True
    pager: Pager[Person]
    teams: tuple[DirectoryTeam, ...] = ()  # the page's people by team ("Other" last)

    def search_records(self, words: Words) -> Iterator[SearchRecord]:
        text = " ".join(
            (team.name or words.tr.gettext("Other")) + ": "
            + ", ".join(f"{p.person.name} ({p.person.title})" if p.person.title else p.person.name for p in team.people)
            + "." for team in self.teams)
        yield SearchRecord(self.src_uri, "", self.title, text)


@dataclass(frozen=True)
class PersonPage(KudosPage):
    template: ClassVar[str] = "kudos/person.html"
    full_width: ClassVar[bool] = True
    person: Person
    cited: tuple[tuple[Principle, int], ...]
    received: EntryList
    given: EntryList
    cards: tuple[CardGroup, ...] = ()  # cards for them, newest first
    team: Team | None = None
    team_thanks: EntryList | None = None  # thanks to their whole team


@dataclass(frozen=True)
class PersonListPage(KudosPage):
    template: ClassVar[str] = "kudos/person_list.html"
    full_width: ClassVar[bool] = True
    pager: Pager[Entry]
    person: Person
    kind: str  # received | given



def latest_words(received: Sequence[Entry]) -> str:
    """What a person was last thanked for, in a few words; a signature on a card is the card's, not theirs."""
    for entry in received:  # newest first
        if not entry.card:
            return entry.title or textwrap.shorten(entry.message_text, LATEST_CHARS, placeholder=" …")
    return ""


def directory_teams(b: Builder, people: Sequence[Person]) -> tuple[DirectoryTeam, ...]:
    """A page of the directory by team, in the teams' name order, people without a team last."""
    today = b.project.today
    by_team: dict[str, list[Listed]] = {}
    for person in people:
        by_team.setdefault(person.team, []).append(
            Listed(person, latest_words(b.index.received.get(person.id, ())), not person.has_left(today)))
    names = sorted((n for n in by_team if n), key=lambda n: (n.casefold(), n)) + ([""] if "" in by_team else [])
    return tuple(DirectoryTeam(n, team_slug(n) if n else "", tuple(by_team[n])) for n in names)


def people(b: Builder) -> Iterable[KudosPage]:
    tr, index = b.tr, b.index
    people = sorted(b.people.values(), key=lambda p: (p.name.casefold(), p.id))
    pages: list[KudosPage] = []
    for pager in paginate(people, b.settings.people_page_size, PEOPLE):
        pages.append(PeopleIndexPage(pager.src_uri, titled(tr.gettext("People"), pager.number, tr), pager,
                                     directory_teams(b, pager.items)))
    principles = b.data.principles
    for person in people:
        lists: list[KudosPage] = []
        shown: dict[str, EntryList] = {}
        cards = b.cards_for(person.id)
        # A signature on a card for them is shown once, as that card, not again as a note.
        on_cards = {group.card.id for group in cards}
        for kind, entries in (
            ("received", [e for e in index.received.get(person.id, []) if not (e.card and e.card in on_cards)]),
            ("given", index.given.get(person.id, [])),
        ):
            series = paginate(entries, b.settings.archive_page_size, f"{PEOPLE}/{person.id}/{kind}")
            shown[kind] = b.entry_list(entries, series[0].src_uri)
            if shown[kind].more is None:
                continue
            base = (tr.gettext("Kudos received by %(name)s") if kind == "received"
                    else tr.gettext("Kudos given by %(name)s")) % {"name": person.name}
            lists.extend(
                PersonListPage(p.src_uri, titled(base, p.number, tr), p, person, kind) for p in series
            )
        cited = tuple(
            (principles[pid], count)
            for pid, count in index.cited_for.get(person.id, Counter()).most_common()
            if pid in principles
        )
        team = b.data.teams.get(team_slug(person.team)) if person.team else None
        thanks = b.by_team.get(team.id, []) if team else []
        pages.append(PersonPage(person_src(person.id), person.name, person, cited,
                                shown["received"], shown["given"], cards,
                                team, b.entry_list(thanks, team_src(team.id)) if team and thanks else None))
        pages.extend(lists)
    return pages
