"""Group cards: `/cards/<id>/`, a card with every signature, printable."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from .model import Card, Entry
from .pages import Builder, KudosFile, KudosPage, card_src


@dataclass(frozen=True)
class CardPage(KudosPage):
    template: ClassVar[str] = "kudos/card.html"
    card: Card
    signatures: tuple[Entry, ...]  # oldest first, as they were signed


def cards(builder: Builder) -> Iterable[KudosPage | KudosFile]:
    for card_id, card in sorted(builder.data.cards.items()):
        signed = tuple(builder.signatures.get(card_id, ()))
        yield CardPage(card_src(card_id), card.title, card, signed)
