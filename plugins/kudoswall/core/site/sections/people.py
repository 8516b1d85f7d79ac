"""People: `/people/` and a page per person on the wall, with the kudos they received and gave."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from ...data.ids import team_slug
from ...data.model import CardGroup, Entry, Person, Principle, Team
from ..builder import Builder
from ..pages import PEOPLE, EntryList, KudosPage, person_src, team_src, titled
from ..paging import Pager, paginate


@dataclass(frozen=True)
class PeopleIndexPage(KudosPage):
    template: ClassVar[str] = "kudos/people.html"
    full_width: ClassVar[bool] = True
    searchable: ClassVar[bool] = True
    pager: Pager[Person]


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



def people(b: Builder) -> Iterable[KudosPage]:
    tr, index = b.tr, b.index
    people = sorted(b.people.values(), key=lambda p: (p.name.casefold(), p.id))
    pages: list[KudosPage] = []
    for pager in paginate(people, b.settings.people_page_size, PEOPLE):
        pages.append(PeopleIndexPage(pager.src_uri, titled(tr.gettext("People"), pager.number, tr), pager))
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
