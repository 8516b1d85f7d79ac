"""Search records for the pages that carry entries, made from the data rather than from their HTML.

A theme's search plugin parses every page's HTML to index it: for a month's
archive that is the most expensive step of a build (it grows with every
entry), and what it finds is coarse (Material puts a whole page of notes
under the page's title). Here each entry on its archive page becomes one
record of its own: the permanent link, the recipients and title as the
heading, the message and principles as the text. Records are plain values;
the adapter writes them in whichever index format the theme reads. A page
with records of its own says so (`KudosPage.has_search_records`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..data.model import Entry, Person, Principle
from .i18n import Catalogue


@dataclass(frozen=True)
class SearchRecord:
    src_uri: str  # the page
    anchor: str  # "" for the page itself
    title: str
    text: str


@dataclass(frozen=True)
class Words:
    """What records are written with: names as the notes show them, who and what may be named, the catalogue."""

    name: Callable[[str], str]
    people: Mapping[str, Person]
    principles: Mapping[str, Principle]
    tr: Catalogue


def entry_record(src_uri: str, entry: Entry, words: Words) -> SearchRecord:
    """Words as the entry's note shows them: never an opted-out person or an anonymous giver."""
    name, people, principles, tr = words.name, words.people, words.principles, words.tr
    heading = names(entry.recipients, name, tr)
    if entry.title:
        heading += ": " + entry.title
    if entry.giver and entry.giver in people:
        giver = people[entry.giver].name
    else:
        giver = tr.gettext("a customer") if entry.from_customer else tr.gettext("a colleague")
    parts = [entry.message_text, *(principles[p].title for p in entry.principles if p in principles)]
    parts.append(tr.gettext("From") + " " + giver)
    return SearchRecord(src_uri, entry.id, heading, " ".join(p for p in parts if p))


def names(ids: tuple[str, ...], name: Callable[[str], str], tr: Catalogue) -> str:
    """"Ana, Ben and Cleo", as the entry's heading says it."""
    shown = [name(i) for i in ids]
    if len(shown) < 2:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " " + tr.gettext("and") + " " + shown[-1]
