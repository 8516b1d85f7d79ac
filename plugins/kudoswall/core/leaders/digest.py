"""`kudos digest`: a period's kudos, cards, campaigns and celebrations, for a channel or an email.

Made from the loaded Dataset, so every privacy rule already holds: an
anonymous or opted-out giver is "a colleague", a customer is "a customer",
opted-out recipients are gone. Celebrations come from the people directory
and honour `celebrate: false`, `wall: false` and `left`. Every piece of text
is data: each format escapes it for where it goes (Markdown, HTML, Slack
mrkdwn, Adaptive Card Markdown).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

from ..data import days
from ..data.dataset import A_CUSTOMER, COLLEAGUE
from ..data.model import CUSTOMER, TEAM_PREFIX, Dataset, Entry, Person, is_team
from . import outbound

SNIPPET = 160


class DigestError(ValueError):
    """The digest cannot be made or sent as asked; the message says what to do."""


MAX_DAYS = 3660
"""The longest period a digest covers: ten years, read day by day, is already a history, not a digest."""


def parse_since(value: str, as_of: dt.date) -> dt.date:
    """`7d`, `2w` or a date: the first day of the period (which ends on `as_of`, and never before 0001-01-01)."""
    text = value.strip().lower()
    match = re.fullmatch(r"(\d{1,4})\s*([dw])", text)
    if match:
        count = int(match.group(1)) * (7 if match.group(2) == "w" else 1)
        if count < 1:
            raise DigestError("--since must be at least 1d")
        day = days.shift(as_of, -(count - 1))
    else:
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise DigestError(f"--since takes a number of days or weeks (7d, 2w) or a date YYYY-MM-DD, got {value!r}") from None
        if day > as_of:
            raise DigestError(f"--since {day.isoformat()} is after --as-of {as_of.isoformat()}")
    if (as_of - day).days >= MAX_DAYS:
        raise DigestError(f"--since {value.strip()} covers {(as_of - day).days + 1:,} days; a digest covers at most {MAX_DAYS:,}")
    return day


@dataclass(frozen=True)
class Kudo:
    title: str
    recipients: tuple[str, ...]  # names, or "a customer"
    giver: str  # a name, "a colleague" or "a customer"
    date: dt.date
    link: str  # "" without a site_url


@dataclass(frozen=True)
class Occasion:
    """A card, a campaign or a celebration, as one line."""

    kind: str  # card | campaign | birthday | anniversary
    text: str
    date: dt.date
    link: str = ""


@dataclass(frozen=True)
class Digest:
    start: dt.date
    end: dt.date
    kudos: tuple[Kudo, ...]
    occasions: tuple[Occasion, ...]
    site_url: str = ""

    @property
    def heading(self) -> str:
        return f"Kudos from {day_text(self.start)} to {day_text(self.end)}"

    @property
    def empty(self) -> bool:
        return not self.kudos and not self.occasions


def day_text(day: dt.date) -> str:
    """"10 November 2026": the same in every chat and mail client."""
    return f"{day.day} {day:%B %Y}"


def _snippet(entry: Entry) -> str:
    if entry.title:
        return entry.title
    text = " ".join(entry.message_text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1].rstrip() + "\u2026"


def permalink(site_url: str, entry: Entry) -> str:
    if not site_url:
        return ""
    return urllib.parse.urljoin(site_url.rstrip("/") + "/", f"kudos/{entry.month}/#{entry.id}")


def celebrations(people: Iterable[Person], start: dt.date, end: dt.date) -> list[Occasion]:
    """Birthdays and work anniversaries from `start` to `end`, for people who celebrate on the wall."""
    found: list[Occasion] = []
    for offset in range((end - start).days + 1):  # never a day past `end`, which may be the calendar's last
        day = start + dt.timedelta(days=offset)
        keys = {f"{day.month:02d}-{day.day:02d}"}
        if day.month == 2 and day.day == 28 and not _leap(day.year):
            keys.add("02-29")  # a leap-day birthday is celebrated on the 28th in other years
        for person in people:
            if not person.wall or not person.celebrate or person.has_left(day):
                continue
            if person.birthday in keys:
                found.append(Occasion("birthday", f"Happy birthday, {person.name}!", day))
            joined = person.joined
            if joined is not None and joined.year < day.year and f"{joined.month:02d}-{joined.day:02d}" in keys:
                years = day.year - joined.year
                found.append(Occasion(
                    "anniversary", f"{person.name}: {years} year{'s' if years != 1 else ''} with us", day,
                ))
    return found


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _cards_and_campaigns(data: Dataset, start: dt.date, end: dt.date, names: Callable[[str], str]) -> list[Occasion]:
    """Cards and campaigns, once the Dataset carries them (another part of the product adds them)."""
    found: list[Occasion] = []
    cards = getattr(data, "cards", None)
    for card in (cards.values() if isinstance(cards, dict) else cards or ()):
        day = getattr(card, "date", None)
        if isinstance(day, dt.date) and start <= day <= end:
            found.append(Occasion("card", str(getattr(card, "title", "") or "A group card"), day))
    campaigns = getattr(data, "campaigns", None)
    for campaign in (campaigns.values() if isinstance(campaigns, dict) else campaigns or ()):
        first, last = getattr(campaign, "start", None), getattr(campaign, "end", None)
        if isinstance(first, dt.date) and isinstance(last, dt.date) and first <= end and last >= start:
            found.append(Occasion("campaign", str(getattr(campaign, "title", "") or "A campaign"), first))
    return found


def make_digest(data: Dataset, start: dt.date, end: dt.date, site_url: str = "") -> Digest:
    people = data.visible_people

    def name(pid: str) -> str:
        """Every kind of recipient an entry may hold: a person, a whole team or a customer."""
        if pid == CUSTOMER:
            return A_CUSTOMER
        if is_team(pid):
            team = data.teams.get(pid[len(TEAM_PREFIX):])
            return f"the {team.name} team" if team else "a team"
        person = people.get(pid)
        return person.name if person else COLLEAGUE

    entries = [e for e in data.entries if start <= e.date <= end]
    entries.sort(key=lambda e: (e.date, e.id))
    kudos = [
        Kudo(_snippet(e), tuple(name(r) for r in e.recipients), e.giver_label, e.date, permalink(site_url, e))
        for e in entries
    ]
    # A co-sign is a line of its own day, pointing at its note, which keeps its own date and place.
    notes = {e.id: e for e in data.entries}
    kudos += [
        Kudo(_snippet(note), tuple(name(r) for r in c.recipients), f"{c.giver_label}, joining in", c.date,
             permalink(site_url, note))
        for c in data.cosigns if start <= c.date <= end and (note := notes.get(c.also)) is not None
    ]
    kudos.sort(key=lambda k: k.date)
    occasions = _cards_and_campaigns(data, start, end, name) + celebrations(data.people.values(), start, end)
    occasions.sort(key=lambda o: (o.date, o.kind, o.text))
    return Digest(start, end, tuple(kudos), tuple(occasions), site_url)


def _names(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _line(kudo: Kudo) -> tuple[str, str]:
    """(what, who): the title, and "for Ben Okafor, from a colleague, 20 November 2026"."""
    return kudo.title, f"for {_names(kudo.recipients)}, from {kudo.giver}, {day_text(kudo.date)}"


# ---- Markdown ------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")
# `@channel`, `@all`, `@here` or `@name` notify people in Mattermost, Rocket.Chat
# and Discord, whatever escapes surround them. A full-width at sign reads the
# same and is never a mention.
_MENTION = re.compile(r"@(?=\w)")
WIDE_AT = "\uff20"


def no_mentions(text: str) -> str:
    """Text that notifies nobody when a chat reads it: no `@word` is left."""
    return _MENTION.sub(WIDE_AT, text)


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", no_mentions(" ".join(text.split())))


def as_markdown(digest: Digest) -> str:
    out = [f"# {md_escape(digest.heading)}", ""]
    if digest.kudos:
        out += ["## Kudos", ""]
        for kudo in digest.kudos:
            what, who = _line(kudo)
            title = f"[{md_escape(what)}]({kudo.link})" if kudo.link else f"**{md_escape(what)}**"
            out.append(f"- {title}: {md_escape(who)}")
        out.append("")
    if digest.occasions:
        out += ["## Cards, campaigns and celebrations", ""]
        out += [f"- {md_escape(o.text)} ({md_escape(day_text(o.date))})" for o in digest.occasions]
        out.append("")
    if digest.empty:
        out += ["No kudos this time. Who will you thank this week?", ""]
    return "\n".join(out)


# ---- HTML (an email body) ---------------------------------------------------


def as_html(digest: Digest) -> str:
    out = [f"<h1>{escape(digest.heading)}</h1>"]
    if digest.kudos:
        out.append("<h2>Kudos</h2>\n<ul>")
        for kudo in digest.kudos:
            what, who = _line(kudo)
            title = (f'<a href="{escape(kudo.link)}">{escape(what)}</a>' if kudo.link
                     else f"<strong>{escape(what)}</strong>")
            out.append(f"<li>{title}: {escape(who)}</li>")
        out.append("</ul>")
    if digest.occasions:
        out.append("<h2>Cards, campaigns and celebrations</h2>\n<ul>")
        out += [f"<li>{escape(o.text)} ({escape(day_text(o.date))})</li>" for o in digest.occasions]
        out.append("</ul>")
    if digest.empty:
        out.append("<p>No kudos this time. Who will you thank this week?</p>")
    return "\n".join(out) + "\n"


# ---- Slack Block Kit ------------------------------------------------------

SLACK_TEXT_MAX = 2900  # a section's text may hold 3000 characters
SLACK_BLOCKS_MAX = 50


def slack_escape(text: str) -> str:
    """Slack's mrkdwn: &, < and > are the control characters (links, mentions)."""
    return no_mentions(" ".join(text.split())).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_sections(lines: list[str]) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    chunk = ""
    for line in lines:
        if chunk and len(chunk) + 1 + len(line) > SLACK_TEXT_MAX:
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": chunk}})
            chunk = ""
        chunk = f"{chunk}\n{line}" if chunk else line[:SLACK_TEXT_MAX]
    if chunk:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": chunk}})
    return blocks


def as_slack(digest: Digest) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": digest.heading[:150], "emoji": True}},
    ]
    lines = []
    for kudo in digest.kudos:
        what, who = _line(kudo)
        title = slack_escape(what)
        if kudo.link:
            title = f"<{kudo.link.replace('|', '%7C').replace('>', '%3E')}|{title.replace('|', '¦')}>"
        lines.append(f"• *{title}*: {slack_escape(who)}")
    blocks += _slack_sections(lines)
    if digest.occasions:
        blocks.append({"type": "divider"})
        blocks += _slack_sections([f"• {slack_escape(o.text)} ({day_text(o.date)})" for o in digest.occasions])
    if digest.empty:
        blocks += _slack_sections(["No kudos this time. Who will you thank this week?"])
    if len(blocks) > SLACK_BLOCKS_MAX:
        blocks = blocks[: SLACK_BLOCKS_MAX - 1] + _slack_sections(["…and more on the wall."])
    summary = f"{digest.heading}: {len(digest.kudos)} kudos"
    return {"text": summary, "blocks": blocks}


# ---- Microsoft Teams: an Adaptive Card message ------------------------------


def teams_escape(text: str) -> str:
    """Adaptive Cards read a little Markdown in a TextBlock; data must not become a link or emphasis."""
    return re.sub(r"([\\`*_\[\]()#>~-])", r"\\\1", no_mentions(" ".join(text.split())))


def as_teams(digest: Digest) -> dict[str, Any]:
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": teams_escape(digest.heading), "weight": "Bolder", "size": "Large", "wrap": True},
    ]
    for kudo in digest.kudos:
        what, who = _line(kudo)
        block: dict[str, Any] = {
            "type": "Container",
            "items": [
                {"type": "TextBlock", "text": teams_escape(what), "weight": "Bolder", "wrap": True},
                {"type": "TextBlock", "text": teams_escape(who), "isSubtle": True, "spacing": "None", "wrap": True},
            ],
        }
        if kudo.link:
            block["selectAction"] = {"type": "Action.OpenUrl", "url": kudo.link}
        body.append(block)
    if digest.occasions:
        body.append({"type": "TextBlock", "text": "Cards, campaigns and celebrations", "weight": "Bolder",
                     "separator": True, "wrap": True})
        body += [{"type": "TextBlock", "text": teams_escape(f"{o.text} ({day_text(o.date)})"), "wrap": True}
                 for o in digest.occasions]
    if digest.empty:
        body.append({"type": "TextBlock", "text": "No kudos this time. Who will you thank this week?", "wrap": True})
    card: dict[str, Any] = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": body,
    }
    if digest.site_url:
        card["actions"] = [{"type": "Action.OpenUrl", "title": "Open the wall",
                            "url": urllib.parse.urljoin(digest.site_url.rstrip("/") + "/", "kudos/")}]
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card},
        ],
    }


# ---- output and posting -------------------------------------------------------


def render(digest: Digest, style: str) -> tuple[str, bytes, str]:
    """(text to print, body to post, its content type) in one of the formats."""
    if style == "slack":
        text = json.dumps(as_slack(digest), ensure_ascii=False, indent=2)
        return text, text.encode("utf-8"), "application/json"
    if style == "teams":
        text = json.dumps(as_teams(digest), ensure_ascii=False, indent=2)
        return text, text.encode("utf-8"), "application/json"
    if style == "html":
        text = as_html(digest)
        return text, text.encode("utf-8"), "text/html; charset=utf-8"
    text = as_markdown(digest)
    # Chat webhooks (Slack, Mattermost, Rocket.Chat) take Markdown as {"text": ...}.
    return text, json.dumps({"text": text}, ensure_ascii=False).encode("utf-8"), "application/json"


def post(url: str, body: bytes, content_type: str, timeout: float = 15.0) -> int:
    """POST to an incoming webhook once, within `timeout` seconds in all; a DigestError on anything but a 2xx answer."""
    try:
        return outbound.post(url, body, {"Content-Type": content_type, "User-Agent": "kudoswall-digest"}, timeout)
    except outbound.PostError as error:
        raise DigestError(str(error)) from None


shown_url = outbound.shown_url
