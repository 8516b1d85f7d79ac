"""The validated data of a site, as immutable values.

Everything downstream (pages, feeds, rotation) reads these and never the raw
YAML, so a privacy decision made here holds everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

CUSTOMER = "customer"
"""The literal giver/recipient id for a customer; never a person, never named."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located so a person can fix it."""

    path: str
    line: int | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return f"{text} - {self.hint}" if self.hint else text


@dataclass(frozen=True)
class Contact:
    """How to reach a person: used by private commands, never published."""

    login: str = ""
    email: str = ""

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

    @property
    def month(self) -> str:
        return f"{self.date.year:04d}/{self.date.month:02d}"

    @property
    def colleagues(self) -> tuple[str, ...]:
        """The people thanked: the recipients other than a customer."""
        return tuple(r for r in self.recipients if r != CUSTOMER)


@dataclass(frozen=True)
class Dataset:
    """All that a build publishes, plus the problems found on the way."""

    people: dict[str, Person]
    principles: dict[str, Principle]
    entries: tuple[Entry, ...]  # newest first, then by id
    problems: tuple[Problem, ...] = field(default=())

    @property
    def visible_people(self) -> dict[str, Person]:
        return {pid: p for pid, p in self.people.items() if p.wall}
