"""Ids and the hints for ids not found: one rule for the validator, the kinds, the CLI and the intake.

A hint names the closest known id, never that of someone hidden: people off
the wall, and (given the day) people who have left.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping

from .model import CUSTOMER, Entry, Person

# difflib is quadratic in the word's length; no id or field name is this long.
SUGGEST_MAX = 80


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """The closest known id. Given people, only those on the wall are candidates:
    a hint must never confirm the id of someone who opted out."""
    if len(word) > SUGGEST_MAX:
        return ""
    if isinstance(known, Mapping):
        known = [key for key, value in known.items() if not isinstance(value, Person) or value.wall]
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def team_slug(name: str) -> str:
    """`Field service` -> `field-service`; a name with no Latin letters keeps a stable digest."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if slug:
        return slug
    return "team-" + hashlib.blake2b(name.encode("utf-8"), digest_size=4).hexdigest()


def team_slugs(people: Mapping[str, Person]) -> set[str]:
    """The teams a `to:` may name: those with someone on the wall, so no team is known only through someone who opted out."""
    return {team_slug(p.team) for p in people.values() if p.team and p.wall}


def ids_by_name(labels: Mapping[str, str], fold: Callable[[str], str]) -> dict[str, tuple[str, ...]]:
    """Every id that each name (as `fold` writes it) could mean, in id order.

    Two people may share a name: a name that means several ids is refused
    with its candidates, never given to whichever came last.
    """
    found: dict[str, list[str]] = {}
    for pid, label in sorted(labels.items()):
        found.setdefault(fold(label), []).append(pid)
    return {name: tuple(ids) for name, ids in found.items()}


def did_you_mean_people(people: Mapping[str, Person], today: dt.date | None = None) -> list[str]:
    """The ids a hint may suggest: people on the wall, and (given the day) still with the company.

    The one rule for every "did you mean" about a person, in the build, the
    CLI and the intake: a hint must never confirm the id of someone hidden.
    """
    return [pid for pid, person in people.items() if person.wall and not (today and person.has_left(today))]


def unknown_person_hint(pid: str, people: Mapping[str, Person], today: dt.date | None, people_file: str) -> str:
    return did_you_mean(pid, [*did_you_mean_people(people, today), CUSTOMER]) or f"people are listed in {people_file}"


SLACK_ID = re.compile(r"^[UW][A-Z0-9]{2,30}$")
ENTRA_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TEAMS_USER_ID = re.compile(r"^29:[A-Za-z0-9_.=+/-]{8,300}$")
CHAT_HINTS = {
    "slack": "write the Slack member id, e.g. slack: U024BE7LH (Slack: profile, More, Copy member ID)",
    "teams": "write the Entra ID object id, e.g. teams: 6f1c2a9e-0b7d-4c55-9a3e-2d8b1f0c7e41, or the Teams user id 29:...",
}


def chat_id(kind: str, value: str) -> str:
    """A chat account as people.yml and the chat services write it, compared as one form; "" when malformed."""
    if kind == "slack":
        return value if SLACK_ID.match(value) else ""
    lowered = value.lower()
    if ENTRA_ID.match(lowered):
        return lowered
    return value if TEAMS_USER_ID.match(value) else ""


class AnchorIds:
    """Entry ids, which are also their permanent links' anchors.

    Nothing published may let a reader confirm who gave an anonymous entry,
    and file names often say (`ana-to-ben.yml`). With the site's anchor key
    (never published) an id is a keyed digest of the file's path: stable
    through any edit of the entry. Without one it is a digest of what the
    page shows anyway (day, recipients shown, message), so it reveals
    nothing, at the price of changing when the message is edited. Inside a
    list file, an entry is told apart by what the page shows, never by its
    position, so adding an entry above it never hands its link to another.
    """

    def __init__(self, key: bytes | None) -> None:
        self.key = key
        self.seen: dict[str, int] = {}

    def next(self, rel: str, entry: Entry) -> str:
        shown = f"{entry.date.isoformat()}|{','.join(entry.recipients)}"
        if self.key is not None:
            base = rel + shown if rel.endswith("#") else rel
        else:
            base = f"{shown}|{entry.title}|{entry.message_text}"
        self.seen[base] = count = self.seen.get(base, 0) + 1
        text = base if count == 1 else f"{base}|{count}"
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=5, key=self.key or b"")
        return "k" + digest.hexdigest()
