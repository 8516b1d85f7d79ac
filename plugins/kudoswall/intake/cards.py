"""Group cards sent to the intake: a card body (`title`, `for`, `occasion`, `date`) as the give page's
"Start a card" makes it. It waits in the inbox like an entry or an idea, through the same checks
as a file in `kudos/cards/`, and approval moves it there as `<for>-<occasion>-<year>.yml`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..core.data import entryfile
from ..core.data.entryfile import Context
from ..core.data.ids import team_slugs
from ..core.data.kinds import RawCard, validate_card
from ..core.data.model import Problem
from ..core.data.optedout import OptedOutNames

CARDS = "cards"  # where approved cards go, under the data folder
CARD_PATH = "card"  # how a submitted card is named in problems


def is_card(payload: Any) -> bool:
    """Cards share the endpoint with entries and ideas; `occasion` tells them apart (no entry has one)."""
    return isinstance(payload, Mapping) and "occasion" in payload and "idea" not in payload


def card_id(document: Any) -> str:
    """`ben-okafor-birthday-2026`: the name `kudos card new` gives, from the card's own fields."""
    recipient = str(document.get("for", "")).removeprefix("team:")
    day = document.get("date")
    year = day.isoformat()[:4] if isinstance(day, dt.date) else str(day)[:4]
    return "-".join(part for part in (recipient, str(document.get("occasion", "")), year) if part)


def check_card(context: Context, document: Any, shown: str = CARD_PATH) -> tuple[RawCard | None, list[Problem]]:
    """Validate a card exactly as the build validates a file in `cards/`."""
    stem = card_id(document) if isinstance(document, Mapping) else "card"
    return validate_card(
        shown, stem, document, context.people, team_slugs(context.people),
        people_file=context.shown(context.data_dir / "people.yml"), opted_out=OptedOutNames(context.people.values()),
    )


def card_mapping(raw: RawCard) -> dict[str, Any]:
    return {"title": raw.title, "for": raw.recipient, "occasion": raw.occasion, "date": raw.date}


def card_text(raw: RawCard, comments: list[str] | None = None) -> str:
    return entryfile.to_yaml(card_mapping(raw), comments or [])


def approve_card(context: Context, taken: Path, raw: RawCard) -> tuple[Path | None, list[Problem]]:
    """A card goes to `kudos/cards/<id>.yml`; an existing card of that id is never replaced."""
    folder = context.data_dir / CARDS
    if (folder / f"{raw.id}.yml").exists():
        return None, [Problem(context.shown(folder / f"{raw.id}.yml"), None, "a card with this id already exists",
                              "sign that card, or give this one another day or occasion")]
    return entryfile.move_new(taken, folder, raw.id, card_text(raw)), []
