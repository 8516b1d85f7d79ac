"""The validated data of a site, as immutable values.

Everything downstream (pages, feeds, rotation) reads these and never the raw
YAML, so a privacy decision made here holds everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

CUSTOMER = "customer"
"""The literal giver/recipient id for a customer; never a person, never named."""

TEAM_PREFIX = "team:"
"""A recipient `team:<slug>` is a whole team (the slug of a `team` value in people.yml)."""

OCCASIONS: tuple[str, ...] = ("birthday", "anniversary", "welcome", "farewell", "congrats", "get-well", "other")


def is_team(recipient: str) -> bool:
    return recipient.startswith(TEAM_PREFIX)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located so a person can fix it."""

    path: str
    line: int | None
    message: str
    hint: str = ""
    # True for what publishes nothing wrong and hides no one (an address notify
    # cannot use): `kudos check` shows it, and neither it nor a build fails on it.
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return f"{text} - {self.hint}" if self.hint else text


@dataclass(frozen=True)
class Contact:
    """How to reach a person: used by private commands, never published."""

    login: str = ""
    email: str = ""
    slack: str = ""  # Slack member id (U..., W...), for `/kudos` in Slack
    teams: str = ""  # Entra ID object id, lower case, or a Teams user id (29:...)

    def __repr__(self) -> str:  # never printed by accident, in a log or a traceback
        return "Contact(...)"


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    team: str = ""
    title: str = ""
    joined: dt.date | None = None
    birthday: str = ""  # "MM-DD", never a year
    wall: bool = True
    celebrate: bool = True
    notify: bool = True
    manager: str = ""  # a person id; private reports only
    left: dt.date | None = None
    contact: Contact = field(default_factory=Contact, compare=False)

    def has_left(self, day: dt.date) -> bool:
        return self.left is not None and day > self.left


@dataclass(frozen=True)
class Principle:
    id: str
    title: str
    src_uri: str  # relative to docs_dir, e.g. "principles/patience.md"
    owner: str = ""
    review_by: dt.date | None = None
    summary: str = ""  # one line for the overview: front matter `description`, else the first paragraph


@dataclass(frozen=True)
class Entry:
    """A published thank-you. Private fields are already resolved away.

    `giver` is a person id only when the giver may be shown; otherwise it is
    empty and `giver_label` says who gave it in words ("a colleague", "a
    customer"). `recipients` holds only people who may be shown, plus
    CUSTOMER for notes to a customer.
    """

    id: str
    date: dt.date
    giver: str
    giver_label: str
    recipients: tuple[str, ...]
    principles: tuple[str, ...]
    title: str
    message_html: str
    message_text: str
    source: str
    line: int
    card: str = ""
    campaign: str = ""
    slot: str = ""
    from_customer: bool = False  # praise a customer gave; the customer is never named
    also: str = ""  # a co-sign: the id of the note it joins; never shown as a note of its own
    cosigns: tuple[Entry, ...] = ()  # on a note: the co-signs that joined it, by date

    @property
    def month(self) -> str:
        return f"{self.date.year:04d}/{self.date.month:02d}"

    @property
    def colleagues(self) -> tuple[str, ...]:
        """The people thanked: the recipients other than a customer or a team."""
        return tuple(r for r in self.recipients if r != CUSTOMER and not is_team(r))

    @property
    def teams(self) -> tuple[str, ...]:
        """The team slugs thanked as a whole (`to: team:<slug>`)."""
        return tuple(r[len(TEAM_PREFIX):] for r in self.recipients if is_team(r))


@dataclass(frozen=True)
class Team:
    """A team: the distinct `team` values of people.yml, by slug."""

    id: str  # slug, e.g. field-service
    name: str  # as people.yml spells it
    members: tuple[str, ...]  # ids of members on the wall, by name; opted-out members never listed


@dataclass(frozen=True)
class Card:
    """A group card; its signatures are entries with `card: <id>`."""

    id: str
    title: str
    recipient: str  # a person id on the wall, `team:<slug>` or CUSTOMER
    occasion: str  # one of OCCASIONS
    date: dt.date
    source: str


@dataclass(frozen=True)
class CardGroup:
    """A card as ONE item of the wall, the rotation and pagination, however many signed it.

    Has what `rotation.schedule` deals (`id`, `date`, `recipients`); its
    signatures keep their own anchors in the month archives.
    """

    id: str  # "card-<card id>": never the id of an entry (those start with "k")
    date: dt.date  # the newest signature's day, so a card moves up as people sign
    recipients: tuple[str, ...]  # the card's recipient: a person, team:<slug> or customer
    card: Card
    signatures: int
    card_group: bool = True  # what templates test to tell a card from an entry


@dataclass(frozen=True)
class Campaign:
    id: str
    title: str
    start: dt.date
    end: dt.date
    notes_per_person: int
    customer_notes_per_person: int
    source: str


@dataclass(frozen=True)
class TeamTally:
    team: str  # slug
    members: int  # on the wall, not left
    completed: int  # members who signed all their notes with their name


@dataclass(frozen=True)
class CampaignTally:
    """A campaign's participation, as aggregates only: never a per-person count or a ranking.

    Every count of people counts signed notes only. A note from "a
    colleague" (anonymous, or from someone off the wall) is counted apart,
    in `colleague_notes`, and in no count of people: otherwise a reader
    could subtract the signed notes they see from a count and find who
    wrote it.
    """

    notes: int
    customer_notes: int
    colleague_notes: int  # notes shown as from "a colleague": anonymous, or the giver is off the wall
    writers: int  # distinct people who signed at least one note with their name
    completed: int  # people who signed their notes_per_person notes to colleagues
    customer_completed: int  # people who signed customer_notes_per_person notes to customers
    teams: tuple[TeamTally, ...]
    waiting: tuple[str, ...]  # people on the wall, not left, who received no note in it
    people: int = 0  # who could take part (on the wall, not left, joined by its end): `completed` of `people`


@dataclass(frozen=True)
class Idea:
    id: str
    text: str
    by: str  # a person id when they may be shown, else ""
    by_label: str  # their name, or "a colleague"
    tags: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Dataset:
    """All that a build publishes, plus the problems found on the way."""

    people: dict[str, Person]
    principles: dict[str, Principle]
    entries: tuple[Entry, ...]  # newest first, then by id; notes only (co-signs are inside them)
    problems: tuple[Problem, ...] = field(default=())
    cards: dict[str, Card] = field(default_factory=dict)  # published cards only
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    tallies: dict[str, CampaignTally] = field(default_factory=dict)  # by campaign id
    ideas: tuple[Idea, ...] = ()
    teams: dict[str, Team] = field(default_factory=dict)  # by slug
    strays: tuple[str, ...] = ()  # kudos data under the docs folder (relative to it): never copied to the site
    cosigns: tuple[Entry, ...] = ()  # every co-sign (also inside its note), oldest first

    @property
    def visible_people(self) -> dict[str, Person]:
        return {pid: p for pid, p in self.people.items() if p.wall}
