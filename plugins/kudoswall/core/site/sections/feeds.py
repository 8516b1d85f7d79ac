"""Feeds: the newest kudos as Atom and JSON Feed 1.1, for the site, each person and each team.

A feed lists the wall's items (`Builder.items`): a group card is ONE item,
however many signed it, as on the wall, the rotation and the tv page. Its
title is the card's title, its content a short summary made of catalogue
words (occasion, recipient, number of signatures, never a signer), its link
the card's page and its date the newest signature's day.

Atom is rendered from a template (`kudos/feed.xml`, autoescaped, so no
text can become markup); JSON Feed is `json.dumps` of a dict. Both carry
only what the wall shows: `message_html` (already sanitized), names of
people on the wall, "a colleague" for anonymous or opted-out givers and "a
customer" for customers. Item ids are `urn:uuid:` values derived from the
entry's (or card's) stable id, so they stay the same when the site moves to a new
address.

Links in a feed must be absolute (a feed is read away from the site), so
feeds need `site_url`. Without it they are left out and the build says so
in an info line (`problems`; a plain site still builds with --strict),
rather than publishing feeds whose links readers resolve wrongly or not at all.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import uuid
import zoneinfo
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from markupsafe import Markup

from ...data.ids import team_slug
from ...data.model import TEAM_PREFIX, CardGroup, Entry, Problem
from ...data.project import Project
from ..builder import Builder
from ..pages import (
    WALL,
    KudosFile,
    KudosPage,
    WallItem,
    card_src,
    permalink_src,
    person_src,
    team_src,
)

SITE_ATOM = f"{WALL}/feed.xml"
SITE_JSON = f"{WALL}/feed.json"
ATOM_TYPE = "application/atom+xml"
JSON_TYPE = "application/feed+json"
TEAMS = "teams"

_ENTRY_NAMESPACE = uuid.UUID("6f1c1d0e-5b8a-4a56-9c39-2a3f6d8e7b10")  # kudoswall's own
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def person_feed(person_id: str) -> str:
    return f"people/{person_id}/feed.xml"


def team_feed(slug: str) -> str:
    return f"{TEAMS}/{slug}/feed.xml"


def entry_uri(item: WallItem) -> str:
    """An item's id in every feed: the same in the site's, a person's and a team's feed.

    A card's item id is "card-<card id>", never an entry's id (those start
    with "k"), so a card and an entry never share a uuid.
    """
    return f"urn:uuid:{uuid.uuid5(_ENTRY_NAMESPACE, item.id)}"


def item_src(item: WallItem) -> str:
    """Where a feed item links: a card's page, or the entry's place in its month."""
    if isinstance(item, CardGroup):
        return card_src(item.card.id)
    return permalink_src(item)


def problems(project: Project, config_file: str = "mkdocs.yml") -> list[Problem]:
    if project.site_url:
        return []
    return [Problem(
        config_file, None,
        "site_url is not set, so the kudos feeds (kudos/feed.xml, kudos/feed.json, people/<id>/feed.xml, "
        "teams/<slug>/feed.xml) are left out: their links must be absolute",
        "set site_url in mkdocs.yml to the address the site is published at, e.g. "
        "site_url: https://handbook.example.com/",
    )]


@dataclass(frozen=True)
class Feed:
    """One feed's content: what it is about and its newest items (entries and cards), newest first."""

    kind: str  # site | person | team
    name: str  # the person's or team's name; empty for the site
    home_src: str  # the page the feed follows
    entries: tuple[WallItem, ...]
    updated: dt.date
    site_url: str
    timezone: str

    def stamp(self, day: dt.date) -> str:
        """A day as RFC 3339: its midnight in the site's time zone."""
        return dt.datetime.combine(day, dt.time(), zoneinfo.ZoneInfo(self.timezone)).isoformat()

    def absolute(self, link: Callable[[str], str], src: str) -> str:
        return self.site_url.rstrip("/") + "/" + link(src).lstrip("/")


@dataclass(frozen=True)
class AtomFeed(KudosFile):
    reusable: ClassVar[bool] = True
    feed: Feed

    def content(self, render: Callable[..., str]) -> str:
        text = render("kudos/feed.xml", feed=self.feed, feed_path=self.path, entry_uri=entry_uri, item_src=item_src)
        return _XML_INVALID.sub("", text)


@dataclass(frozen=True)
class JsonFeed(KudosFile):
    reusable: ClassVar[bool] = True
    feed: Feed

    def content(self, render: Callable[..., str]) -> str:
        # The template hands over the renderer's link() and catalogue; the
        # document itself is json.dumps of a dict.
        return render("kudos/feed.json", feed=self.feed, feed_path=self.path, json_feed=self._document)

    def _document(self, link: Callable[[str], str], title_of: Callable[[WallItem], str],
                  giver: Callable[[Entry], str], title: str, card_summary: Callable[[CardGroup], str],
                  also_from: Callable[[Entry], str]) -> Markup:
        feed = self.feed
        items = []
        for entry in feed.entries:
            item: dict[str, object] = {
                "id": entry_uri(entry),
                "url": feed.absolute(link, item_src(entry)),
                "title": _plain(title_of(entry)),
                "date_published": feed.stamp(entry.date),
            }
            if isinstance(entry, CardGroup):
                # Escaped catalogue words; no signer, so no author either.
                item["content_html"] = str(card_summary(entry)).strip()
            else:
                # Co-signs join the note's content; they never make an item (or a date) of their own.
                item["content_html"] = entry.message_html + str(also_from(entry)).strip()
                item["authors"] = [{"name": _plain(giver(entry))}]
                if entry.principles:
                    item["tags"] = list(entry.principles)
            items.append(item)
        document = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": _plain(title),
            "home_page_url": feed.absolute(link, feed.home_src),
            "feed_url": feed.absolute(link, self.path),
            "items": items,
        }
        # JSON, not HTML: the template passes it through untouched.
        return Markup(json.dumps(document, ensure_ascii=False, indent=1))  # noqa: S704


def _plain(words: str) -> str:
    """Words a template made (escaped for HTML) as the plain text JSON holds."""
    return html.unescape(str(words)).strip()


def _newest_first(items: Iterable[WallItem], order: dict[str, int]) -> tuple[WallItem, ...]:
    unique = {i.id: i for i in items}
    return tuple(sorted(unique.values(), key=lambda i: order[i.id]))


def feeds_section(builder: Builder) -> Sequence[KudosPage | KudosFile]:
    project = builder.project
    if not project.site_url:
        return []
    size = builder.settings.feed_size
    tz = builder.settings.timezone

    def feed(kind: str, name: str, home: str, items: Sequence[WallItem]) -> Feed:
        shown = tuple(items[:size])
        return Feed(kind, name, home, shown, shown[0].date if shown else project.today, project.site_url, tz)

    # The wall's items, newest first: a card's signatures are folded into one item.
    items = builder.items
    by_recipient: dict[str, list[WallItem]] = {}
    for item in items:
        for recipient in dict.fromkeys(item.recipients):
            by_recipient.setdefault(recipient, []).append(item)
    site = feed("site", "", f"{WALL}/index.md", items)
    files: list[KudosPage | KudosFile] = [AtomFeed(SITE_ATOM, site), JsonFeed(SITE_JSON, site)]
    teams: dict[str, tuple[str, list[WallItem]]] = {}
    for person in sorted(builder.people.values(), key=lambda p: p.id):
        received = by_recipient.get(person.id, [])
        files.append(AtomFeed(person_feed(person.id), feed("person", person.name, person_src(person.id), received)))
        slug = team_slug(person.team) if person.team else ""
        if slug:
            teams.setdefault(slug, (person.team, list(by_recipient.get(TEAM_PREFIX + slug, []))))[1].extend(received)
    order = {item.id: position for position, item in enumerate(items)}
    for slug, (team, team_items) in sorted(teams.items()):
        files.append(AtomFeed(team_feed(slug), feed("team", team, team_src(slug), _newest_first(team_items, order))))
    return files


@dataclass(frozen=True)
class HeadFeed:
    path: str
    type: str
    kind: str  # site | site-json | person | team
    name: str


def announced(page_src: str, published: Mapping[str, KudosFile]) -> list[HeadFeed]:
    """The feeds a page's <head> announces: the site's on every page, plus its own on a person's or team's."""
    found: list[HeadFeed] = []
    for path, type_, kind in ((SITE_ATOM, ATOM_TYPE, "site"), (SITE_JSON, JSON_TYPE, "site-json")):
        if path in published:
            found.append(HeadFeed(path, type_, kind, ""))
    folder = page_src.rsplit("/", 1)[0] if page_src.endswith("/index.md") else ""
    own = published.get(folder + "/feed.xml") if folder.count("/") == 1 else None
    if isinstance(own, AtomFeed) and own.feed.kind in ("person", "team"):
        found.append(HeadFeed(own.path, ATOM_TYPE, own.feed.kind, own.feed.name))
    return found

