"""What every section of the site is made from, worked out once per build."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence

from ..data.model import Card, CardGroup, Dataset, Entry
from ..data.project import Project
from . import rotation
from .i18n import Catalogue
from .index import build_index
from .pages import (
    EntryList,
    Featured,
    KudosFile,
    KudosPage,
    MonthsNav,
    PrincipleSummary,
    Stories,
    WallItem,
)


class Builder:
    """What every section of the site is made from: the data, the settings, the index, the catalogue."""

    def __init__(
        self, data: Dataset, project: Project, tr: Catalogue, has_principles_index: bool,
        published_docs: frozenset[str] | None = None,
    ) -> None:
        self.data, self.project, self.tr = data, project, tr
        self.settings = project.settings
        self.index = build_index(data)
        self.people = data.visible_people
        self.has_principles_index = has_principles_index
        # The handbook's Markdown pages the site publishes (relative to the docs
        # folder), as the front end decides (exclude_docs, drafts); None: every
        # page outside a dot-folder.
        self.published_docs = published_docs
        self.signatures: dict[str, list[Entry]] = {}  # by card id, oldest first
        self.by_team: dict[str, list[Entry]] = {}  # thanks to a whole team, newest first
        for entry in data.entries:
            if entry.card in data.cards:
                self.signatures.setdefault(entry.card, []).append(entry)
            for team in entry.teams:
                self.by_team.setdefault(team, []).append(entry)
        for signed in self.signatures.values():
            signed.reverse()
        self.items = self._wall_items()
        s = project.settings
        # The one rotation: the wall, its daily files and the tv page all read it.
        self.schedule = rotation.schedule(self.items, project.today, s.schedule_days, s.featured_count, s.window_days)
        self.featured = Featured(project.today, s.timezone, self.schedule[project.today])

    def _wall_items(self) -> tuple[WallItem, ...]:
        """The wall's items: each entry, except that a card's signatures are one item."""
        cards = self.data.cards
        groups = [self.card_group(cards[cid]) for cid in self.signatures]
        items: list[WallItem] = [e for e in self.data.entries if e.card not in cards]
        items.extend(groups)
        items.sort(key=lambda i: (-i.date.toordinal(), i.id))
        return tuple(items)

    def card_group(self, card: Card) -> CardGroup:
        """A card as one item (the wall's, a list of cards'), however many signed it."""
        signed = self.signatures.get(card.id, [])
        return CardGroup(f"card-{card.id}", signed[-1].date if signed else card.date, (card.recipient,), card, len(signed))

    def cards_for(self, person_id: str) -> tuple[CardGroup, ...]:
        if not hasattr(self, "_cards_by_recipient"):
            by: dict[str, list[CardGroup]] = {}
            for card in sorted(self.data.cards.values(), key=lambda c: (-c.date.toordinal(), c.id)):
                by.setdefault(card.recipient, []).append(self.card_group(card))
            self._cards_by_recipient = by
        return tuple(self._cards_by_recipient.get(person_id, ()))

    def nav(self, month: str | None) -> MonthsNav:
        by_month = self.index.by_month
        shown = (month or next(iter(by_month), ""))[:4]
        years: dict[str, str] = {}
        for m in by_month:  # newest first, so each year links to its newest month
            years.setdefault(m[:4], m)
        return MonthsNav(tuple(m for m in by_month if m.startswith(shown)), tuple(years.items()), month or "")

    def entry_list(self, entries: Sequence[Entry], more: str | None) -> EntryList:
        size = self.settings.page_size
        return EntryList(tuple(entries[:size]), len(entries), more if len(entries) > size else None)

    @functools.cached_property
    def stories(self) -> dict[str, Stories]:
        """Each principle's newest stories, for its own page; the whole list is the stories section's."""
        keep = self.settings.stories_on_principle
        blocks: dict[str, Stories] = {}
        for pid, principle in self.data.principles.items():
            entries = self.index.by_principle.get(pid, [])
            more = f"{self.stories_base(pid)}/index.md" if len(entries) > keep else None
            blocks[pid] = Stories(principle, EntryList(tuple(entries[:keep]), len(entries), more))
        return blocks

    def stories_base(self, principle_id: str) -> str:
        return f"{self.project.principles_dir}/{principle_id}/stories"

    @functools.cached_property
    def principles(self) -> tuple[PrincipleSummary, ...]:
        """Every principle in the handbook's own order (its navigation's), with its one-line summary."""
        today = self.project.today
        order = {src: n for n, src in enumerate(self.project.page_order)}
        ranked = sorted(self.data.principles.items(), key=lambda item: (order.get(item[1].src_uri, len(order)), item[0]))
        return tuple(
            PrincipleSummary(
                principle,
                len(self.index.by_principle.get(pid, [])),
                self.people.get(principle.owner),
                principle.review_by is not None and principle.review_by < today,
                next(iter(self.index.by_principle.get(pid, ())), None),
            )
            for pid, principle in ranked
        )


Section = Callable[[Builder], Iterable[KudosPage | KudosFile]]
"""One kind of content of the site (cards, campaigns, the tv page, feeds...): its pages and files."""
