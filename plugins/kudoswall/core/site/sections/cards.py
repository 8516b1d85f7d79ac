"""Group cards: `/cards/<id>/`, a card with every signature, printable."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from ...data import days
from ...data.kinds import SIGNATURE_DAYS
from ...data.model import Card, CardGroup, Entry
from ..builder import Builder
from ..pages import KudosFile, KudosPage, card_src

CARDS_SRC = "cards/index.md"


@dataclass(frozen=True)
class CardPage(KudosPage):
    template: ClassVar[str] = "kudos/card.html"
    full_width: ClassVar[bool] = True  # a card on the table, signatures around the greeting
    card: Card
    signatures: tuple[Entry, ...]  # oldest first, as they were signed
    open: bool = True  # it can still be signed


@dataclass(frozen=True)
class CardFront:
    """A card as the list of cards shows it: its front, and the faces of who signed it so far."""

    item: CardGroup
    signers: tuple[str, ...]  # named signers (person ids), first to sign first, at most SIGNER_FACES
    more_signers: int  # named signers beyond those


SIGNER_FACES = 12  # faces on a card's front; a card signed by hundreds says "+N"


@dataclass(frozen=True)
class CardsPage(KudosPage):
    """`/cards/`: every card, the open ones first (soonest first), then the given ones, newest first."""

    template: ClassVar[str] = "kudos/cards.html"
    full_width: ClassVar[bool] = True
    open_items: tuple[CardFront, ...]
    given_items: tuple[CardFront, ...]


OPEN_CARDS_FILE = "kudos/give/cards.json"


@dataclass(frozen=True)
class OpenCardsFile(KudosFile):
    """The cards that can still be signed, for the give page's "card" list: [[id, title, recipient], ...]."""

    cards: tuple[tuple[str, str, str], ...]

    def content(self, render: object) -> str:
        return json.dumps({"cards": [list(c) for c in self.cards]}, ensure_ascii=False, separators=(",", ":"))


def open_cards(builder: Builder) -> OpenCardsFile:
    """Cards whose day is at most SIGNATURE_DAYS ago (later signatures are problems), soonest first."""
    since = days.shift(builder.project.today, -SIGNATURE_DAYS)
    shown = sorted((c for c in builder.data.cards.values() if c.date >= since), key=lambda c: (c.date, c.id))
    return OpenCardsFile(OPEN_CARDS_FILE, tuple((c.id, c.title, c.recipient) for c in shown))


def card_front(builder: Builder, card: Card) -> CardFront:
    """Only givers the site may show get a face: an anonymous or opted-out signer has none (`Entry.giver` is empty)."""
    named = list(dict.fromkeys(e.giver for e in builder.signatures.get(card.id, ()) if e.giver))
    return CardFront(builder.card_group(card), tuple(named[:SIGNER_FACES]), max(0, len(named) - SIGNER_FACES))


def cards(builder: Builder) -> Iterable[KudosPage | KudosFile]:
    since = days.shift(builder.project.today, -SIGNATURE_DAYS)
    for card_id, card in sorted(builder.data.cards.items()):
        signed = tuple(builder.signatures.get(card_id, ()))
        yield CardPage(card_src(card_id), card.title, card, signed, card.date >= since)
    every = builder.data.cards.values()
    open_items = sorted((c for c in every if c.date >= since), key=lambda c: (c.date, c.id))
    given = sorted((c for c in every if c.date < since), key=lambda c: (-c.date.toordinal(), c.id))
    yield CardsPage(
        CARDS_SRC, builder.tr.gettext("Cards"),
        tuple(card_front(builder, c) for c in open_items), tuple(card_front(builder, c) for c in given),
    )
    yield open_cards(builder)
