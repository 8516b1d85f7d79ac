"""Raw YAML values in, model values and located problems out.

One validator serves every front end (the build, `kudos check`, the intake
service), so a message a person reads is the same wherever they meet it.
Validation never stops at the first problem, and a bad entry costs only
itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from . import cosign, schema
from .model import CUSTOMER, TEAM_PREFIX, Contact, Person, Problem
from .yamlfile import BadScalar, LineDict, is_date, quote, shorten

SLUG = re.compile(schema.SLUG_PATTERN)
BIRTHDAY = re.compile(r"^(\d{2})-(\d{2})$")
ISO_DAY = re.compile(schema.ISO_DAY_PATTERN)
# An address `kudos notify` can send to through any SMTP server: ASCII (no
# SMTPUTF8 needed), a dot-atom before the @ and a host name after it.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+$")
# The entry's fields, what is required and every limit come from the one
# definition in `schema`, which also produces the published JSON Schema.
TITLE_MAX = schema.max_length("title")
MESSAGE_MAX = schema.max_length("message")
NAME_MAX = 120

ENTRY_FIELDS = schema.FIELD_NAMES
PERSON_FIELDS = (
    "name", "team", "title", "joined", "birthday", "wall",
    "celebrate", "login", "email", "notify", "manager", "left", "slack", "teams",
)
# Chat accounts: a Slack member id, and an Entra ID object id or a Teams user id.
SLACK_ID = re.compile(r"^[UW][A-Z0-9]{2,30}$")
ENTRA_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TEAMS_USER_ID = re.compile(r"^29:[A-Za-z0-9_.=+/-]{8,300}$")
CHAT_HINTS = {
    "slack": "write the Slack member id, e.g. slack: U024BE7LH (Slack: profile, More, Copy member ID)",
    "teams": "write the Entra ID object id, e.g. teams: 6f1c2a9e-0b7d-4c55-9a3e-2d8b1f0c7e41, or the Teams user id 29:...",
}


@dataclass(frozen=True)
class RawEntry:
    """An entry that passed validation, before privacy and rendering apply."""

    date: dt.date
    giver: str
    recipients: tuple[str, ...]
    principles: tuple[str, ...]
    title: str
    message: str
    anonymous: bool
    card: str
    campaign: str
    line: int
    slot: str = ""
    also: str = ""  # a co-sign: the note it joins (see cosign.py)
    also_line: int = 0


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


# Invisible format characters (soft hyphen, zero-width space, bidi marks) would
# let a name hide in plain sight from a word-by-word comparison.
_FORMAT_CHARS = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", _FORMAT_CHARS.sub("", text)).casefold())


class OptedOutNames:
    """The full names of people off the wall, found in a text in time linear in its words.

    Built once per load: a site of 5,000 people and 10,000 entries must not
    compare every message with every name.
    """

    def __init__(self, people: Iterable[Person], ids: bool = False) -> None:
        """With `ids`, their ids count as names too: for text people do not write to be published
        (a commit subject), where an id is as likely as a name."""
        off = [p for p in people if not p.wall]
        texts = [p.name for p in off] + ([p.id for p in off] if ids else [])
        self._names = {words for text in texts if (words := tuple(_words(text)))}
        self._first = {words[0] for words in self._names}
        self._lengths = sorted({len(words) for words in self._names})

    def found_in(self, text: str) -> bool:
        if not self._names:
            return False
        words = _words(text)
        for start, word in enumerate(words):
            if word in self._first and any(
                tuple(words[start : start + length]) in self._names for length in self._lengths
            ):
                return True
        return False


def hide_names(out: _Collector, data: LineDict, values: Mapping[str, str | None], names: OptedOutNames) -> None:
    """The one rule for every published text a person writes (titles, messages, ideas, commit subjects):
    it must not name anyone off the wall. The problem names the field, never the person: CI annotations are public."""
    for key, value in values.items():
        if value and names.found_in(value):
            out.add(
                data.line_of(key),
                f"'{key}' names someone who is not on the wall",
                "leave the name out: people with wall: false are never published",
            )


class _Collector:
    """Gathers the problems of one file, so each carries the file's path."""

    def __init__(self, path: str, people_file: str = "kudos/people.yml", principles_dir: str = "docs/principles") -> None:
        self.path = path
        self.people_file = people_file
        self.principles_dir = principles_dir
        self.problems: list[Problem] = []

    def add(self, line: int | None, message: str, hint: str = "", warning: bool = False) -> None:
        self.problems.append(Problem(self.path, line, message, hint, warning))


def _unknown_fields(
    out: _Collector, data: LineDict, allowed: tuple[str, ...], what: str
) -> None:
    for key in data:
        if key not in allowed:
            hint = did_you_mean(key, allowed) or f"the fields of {what} are: {', '.join(allowed)}"
            out.add(data.line_of(key), f"unknown field {quote(key)} in {what}", hint)


def _text(out: _Collector, data: LineDict, key: str, limit: int, required: bool) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            out.add(data.line, f"missing required field '{key}'", f"add '{key}: ...'")
            return None
        return ""
    if not isinstance(value, str):
        out.add(
            data.line_of(key),
            f"'{key}' must be text, not {_kind(value)}",
            "put the value in quotes",
        )
        return None
    if required and not value.strip():
        out.add(data.line_of(key), f"'{key}' is empty", f"write the {key}")
        return None
    if len(value) > limit:
        out.add(
            data.line_of(key),
            f"'{key}' is {len(value)} characters long; the limit is {limit}",
            "shorten it",
        )
        return None
    return value


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if is_date(value):
        return "a date"
    return type(value).__name__


def _date(
    out: _Collector, data: LineDict, key: str, today: dt.date, required: bool
) -> dt.date | None:
    value = data.get(key)
    line = data.line_of(key)
    if value is None:
        if required:
            out.add(data.line, f"missing required field '{key}'", f"add '{key}: YYYY-MM-DD'")
        return None
    if isinstance(value, BadScalar):
        out.add(line, f"'{key}' {value.text} is not a real date ({value.reason})", "fix the day or month")
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str) and ISO_DAY.match(value.strip()):
        # A quoted date (as forms and JSON write them) means the same thing.
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError as error:
            out.add(line, f"'{key}' {shorten(str(value))} is not a real date ({error})", "fix the day or month")
            return None
    if not is_date(value):
        out.add(line, f"'{key}' must be a date written YYYY-MM-DD, not {quote(value)}", "for example 2026-10-06")
        return None
    if value > today:
        out.add(line, f"'{key}' {value.isoformat()} is in the future", f"use a date on or before {today.isoformat()}")
        return None
    return value


def _ids(out: _Collector, data: LineDict, key: str) -> tuple[str, ...] | None:
    """An id or a list of ids; None when the shape is wrong."""
    value = data.get(key)
    line = data.line_of(key)
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    result: list[str] = []
    for item in items:
        if not isinstance(item, str):
            out.add(line, f"'{key}' must hold ids (text), found {_kind(item)}", "write ids like ana-lima")
            return None
        if item not in result:
            result.append(item)
    return tuple(result)


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


def did_you_mean_people(people: Mapping[str, Person]) -> list[str]:
    """The ids a hint may suggest: people on the wall only."""
    return [pid for pid, person in people.items() if person.wall]


def _check_person_ids(
    out: _Collector, ids: tuple[str, ...], people: Mapping[str, Person], line: int, key: str,
    teams: AbstractSet[str] | None = None,
) -> bool:
    good = True
    for pid in ids:
        if pid == CUSTOMER or pid in people:
            continue
        good = False
        if teams is not None and pid.startswith(TEAM_PREFIX):
            slug = pid[len(TEAM_PREFIX):]
            if slug in teams:
                good = True
                continue
            out.add(
                line,
                f"unknown team {quote(pid)} in '{key}'",
                did_you_mean(pid, [TEAM_PREFIX + t for t in sorted(teams)])
                or f"a team is the slug of a 'team' value in {out.people_file}",
            )
            continue
        out.add(
            line,
            f"unknown person {quote(pid)} in '{key}'",
            did_you_mean(pid, [*did_you_mean_people(people), CUSTOMER]) or f"people are listed in {out.people_file}",
        )
    return good


def validate_entry(  # noqa: C901 - split once cards and campaigns are checked here too
    path: str,
    data: Any,
    people: Mapping[str, Person],
    principle_ids: Iterable[str],
    today: dt.date,
    line: int = 1,
    *,
    people_file: str = "kudos/people.yml",
    principles_dir: str = "docs/principles",
    opted_out: OptedOutNames | None = None,
    teams: AbstractSet[str] | None = None,
) -> tuple[RawEntry | None, list[Problem]]:
    """Check one entry mapping against the contract.

    `people_file` and `principles_dir` are only named in hints, so a site
    with other folders is told where its own ids live. `opted_out` is built
    from `people` when not given; a caller checking many entries builds it once.
    """
    out = _Collector(path, people_file, principles_dir)
    if not isinstance(data, LineDict):
        out.add(line, f"an entry must be a mapping of fields, found {_kind(data)}", "see the entry format in docs/configuration.md of the plugin")
        return None, out.problems
    _unknown_fields(out, data, ENTRY_FIELDS, "an entry")
    spec = schema.FIELDS
    date = _date(out, data, "date", today, required=spec["date"].required)
    title = _text(out, data, "title", TITLE_MAX, required=spec["title"].required)
    also = cosign.check_also(data, out.add)
    # A co-sign's words are optional and few; whom it thanks is its note's recipients unless it says.
    message = _text(out, data, "message", cosign.ALSO_MAX if also else MESSAGE_MAX,
                    required=spec["message"].required and not also)
    names = opted_out if opted_out is not None else OptedOutNames(people.values())
    hide_names(out, data, {"title": title, "message": message}, names)

    giver_value = data.get("from")
    giver: str | None = None
    if giver_value is None:
        if spec["from"].required:
            out.add(data.line, "missing required field 'from'", "add 'from: <your person id>'")
    elif not isinstance(giver_value, str):
        out.add(data.line_of("from"), f"'from' must be one person id, not {_kind(giver_value)}", "write one id like ana-lima")
    elif _check_person_ids(out, (giver_value,), people, data.line_of("from"), "from"):
        giver = giver_value

    recipients = _ids(out, data, "to")
    if "to" not in data and also:
        recipients = ()
    elif "to" not in data:
        if spec["to"].required:
            out.add(data.line, "missing required field 'to'", "add 'to: <person id>' or a list of ids")
        recipients = None
    elif recipients == ():
        out.add(data.line_of("to"), "'to' is empty", "name at least one person")
        recipients = None
    elif recipients is not None and not _check_person_ids(
        out, recipients, people, data.line_of("to"), "to",
        teams=teams if teams is not None else team_slugs(people),
    ):
        recipients = None
    if giver and recipients and giver in recipients:
        if giver == CUSTOMER:
            out.add(data.line_of("to"), "a customer cannot thank a customer", "name the colleague the customer praised")
        else:
            out.add(data.line_of("to"), f"'{giver}' gives kudos to themselves", "thank someone else")

    known_principles = set(principle_ids)
    principles = _ids(out, data, "principles")
    for pid in principles or ():
        if pid not in known_principles:
            out.add(
                data.line_of("principles"),
                f"unknown principle {quote(pid)}",
                did_you_mean(pid, known_principles) or f"principles are the pages in {out.principles_dir}/",
            )

    anonymous = data.get("anonymous", False)
    if not isinstance(anonymous, bool):
        out.add(data.line_of("anonymous"), "'anonymous' must be true or false", "write anonymous: true")

    links: dict[str, str] = {}
    for key in (f.name for f in schema.ENTRY if f.kind == "slug"):
        value = data.get(key)
        if value is None:
            links[key] = ""
        elif isinstance(value, str) and SLUG.match(value):
            links[key] = value
        else:
            out.add(data.line_of(key), f"'{key}' must be an id like ben-birthday-2026", "use lower-case letters, digits and hyphens")

    slot = data.get("slot")
    if slot is not None and slot not in schema.SLOTS:
        out.add(data.line_of("slot"), f"'slot' must be one of {', '.join(schema.SLOTS)}", "write slot: left, right or anyone")
    elif slot is not None and not links["campaign"]:
        out.add(data.line_of("slot"), "'slot' belongs to a campaign note", "add 'campaign: <id>' or remove 'slot'")

    if out.problems:
        return None, out.problems
    assert date and giver and (recipients or also) and recipients is not None and message is not None and title is not None
    return (
        RawEntry(
            date=date,
            giver=giver,
            recipients=recipients,
            principles=principles or (),
            title=title,
            message=message,
            anonymous=bool(anonymous),
            card=links["card"],
            campaign=links["campaign"],
            line=data.line,
            slot=slot or "",
            also=also or "",
            also_line=data.line_of("also") if also else 0,
        ),
        [],
    )


def entries_in_file(path: str, document: Any) -> tuple[list[tuple[Any, int]], list[Problem]]:
    """A file holds one entry or a list of them; returns (value, line) pairs."""
    if document is None:
        return [], [Problem(path, 1, "file is empty", "write an entry or delete the file")]
    if isinstance(document, list):
        lines = getattr(document, "item_lines", None) or [1] * len(document)
        return [(item, getattr(item, "line", line)) for item, line in zip(document, lines, strict=True)], []
    return [(document, getattr(document, "line", 1))], []


def validate_people(
    path: str, document: Any, today: dt.date
) -> tuple[dict[str, Person], list[Problem]]:
    out = _Collector(path)
    people: dict[str, Person] = {}
    if document is None:
        return people, out.problems
    if not isinstance(document, LineDict):
        out.add(1, "people.yml must map person ids to their details", "see the people format in docs/configuration.md of the plugin")
        return people, out.problems
    for pid, data in document.items():
        line = document.line_of(pid)
        if not SLUG.match(pid):
            out.add(line, f"person id {quote(pid)} must be a lower-case slug", "use letters, digits and hyphens, e.g. ana-lima")
            continue
        if not isinstance(data, LineDict):
            out.add(line, f"person '{pid}' must have fields such as 'name:'", "indent 'name: ...' under the id")
            continue
        before = len(out.problems)
        _unknown_fields(out, data, PERSON_FIELDS, f"person '{pid}'")
        name = _text(out, data, "name", NAME_MAX, required=True) or pid
        team = _text(out, data, "team", NAME_MAX, required=False) or ""
        title = _text(out, data, "title", NAME_MAX, required=False) or ""
        joined = _date(out, data, "joined", today, required=False)
        wall = data.get("wall", True)
        if not isinstance(wall, bool):
            out.add(data.line_of("wall"), f"'wall' of '{pid}' must be true or false", "write wall: false to opt out")
            wall = False  # when unsure, keep the person private
        birthday = _birthday(out, data)
        celebrate = _flag(out, data, "celebrate", pid)
        notify = _flag(out, data, "notify", pid)
        login = _text(out, data, "login", NAME_MAX, required=False) or ""
        email_value = data.get("email")
        manager = data.get("manager")
        if manager is not None and not (isinstance(manager, str) and SLUG.match(manager)):
            out.add(data.line_of("manager"), f"'manager' of '{pid}' must be a person id", "write manager: rosa-delgado")
            manager = None
        left = _date(out, data, "left", dt.date.max, required=False)
        if len(out.problems) > before or pid in document.repeated or data.repeated:
            # A mistyped `wall: false`, a repeated id or key (the YAML error is
            # reported by the loader) must not publish someone who opted out:
            # until the record is fixed, the person is kept off the site.
            wall = False
        people[pid] = Person(
            id=pid, name=name, team=team, title=title, joined=joined, birthday=birthday, wall=wall,
            celebrate=celebrate, notify=notify, manager=manager or "", left=left,
            contact=Contact(login=login, email=_email(out, data, pid) if email_value is not None else "",
                            **_chat_ids(out, data, pid)),
        )
    _shared_chat_ids(out, document, people)
    _hide_names_in_records(out, document, people)
    for pid, person in people.items():
        if person.manager and person.manager not in people:
            data = document[pid]
            out.add(
                data.line_of("manager"), f"unknown person '{person.manager}' as manager of '{pid}'",
                did_you_mean(person.manager, people) or "people are listed in this file",
            )
    return people, out.problems


def _email(out: _Collector, data: LineDict, pid: str) -> str:
    """`email:`, checked after the fields that decide who is shown, on purpose: an
    address that cannot be sent to says nothing of whether they opted out, so
    it is reported without taking them off the wall, and kept: notify tries it
    (a server with SMTPUTF8 delivers it) and fails for that person only."""
    email = _text(out, data, "email", NAME_MAX, required=False) or ""
    if not email or EMAIL.match(email):
        return email
    local, at, domain = email.rpartition("@")
    line = data.line_of("email")
    wide = [c for c in (local if at else email) if ord(c) > 0x7F]
    if wide:
        out.add(line, f"'email' of '{pid}' has {quote(wide[0])} before the @, which mail servers without "
                      "SMTPUTF8 cannot deliver to", "give the plain ASCII address their mail system also accepts", warning=True)
    elif at and any(ord(c) > 0x7F for c in domain):
        out.add(line, f"'email' of '{pid}' has a domain outside ASCII", "write the domain as mail systems do, e.g. xn--bcher-kva.example",
                warning=True)
    else:
        out.add(line, f"'email' of '{pid}' is not an email address", "write it as name@example.com", warning=True)
    return email


def _hide_names_in_records(out: _Collector, document: LineDict, people: dict[str, Person]) -> None:
    """A person's `title` and `team` are published like every title: one naming someone off the
    wall is reported and left out (the person stays; only the words go)."""
    names = OptedOutNames(people.values())
    for pid, person in list(people.items()):
        if not person.wall:
            continue
        found = [key for key in ("title", "team") if getattr(person, key) and names.found_in(getattr(person, key))]
        if found:
            hide_names(out, document[pid], {key: getattr(person, key) for key in found}, names)
            people[pid] = dataclasses.replace(
                person, title="" if "title" in found else person.title, team="" if "team" in found else person.team,
            )


def chat_id(kind: str, value: str) -> str:
    """A chat account as people.yml and the chat services write it, compared as one form; "" when malformed."""
    if kind == "slack":
        return value if SLACK_ID.match(value) else ""
    lowered = value.lower()
    if ENTRA_ID.match(lowered):
        return lowered
    return value if TEAMS_USER_ID.match(value) else ""


def _chat_ids(out: _Collector, data: LineDict, pid: str) -> dict[str, str]:
    """`slack:` and `teams:`, checked after the person's other fields on purpose:
    a malformed chat account only stops that person giving from chat, so it
    is reported but does not take them off the wall (it says nothing about
    whether they opted out)."""
    found = {}
    for kind in ("slack", "teams"):
        value = data.get(kind)
        if value is None:
            continue
        text = value.strip() if isinstance(value, str) else ""
        found[kind] = chat_id(kind, text)
        if not found[kind]:
            what = "a Slack member id" if kind == "slack" else "an Entra ID object id or a Teams user id"
            out.add(data.line_of(kind), f"'{kind}' of '{pid}' is not {what}", CHAT_HINTS[kind])
    return found


def _shared_chat_ids(out: _Collector, document: LineDict, people: Mapping[str, Person]) -> None:
    """One chat account, one person: a shared one could give kudos in another's name."""
    for kind in ("slack", "teams"):
        first: dict[str, str] = {}
        for pid, person in people.items():
            value = getattr(person.contact, kind)
            if not value:
                continue
            if value in first:
                other = first[value]
                out.add(
                    document[pid].line_of(kind),
                    f"'{kind}' of '{pid}' is also the '{kind}' of '{other}' (line {document[other].line_of(kind)})",
                    "each chat account belongs to one person; remove it from the one it is not",
                )
            else:
                first[value] = pid


def _flag(out: _Collector, data: LineDict, key: str, pid: str) -> bool:
    value = data.get(key, True)
    if isinstance(value, bool):
        return value
    out.add(data.line_of(key), f"'{key}' of '{pid}' must be true or false", f"write {key}: false")
    return False


def _birthday(out: _Collector, data: LineDict) -> str:
    value = data.get("birthday")
    if value is None:
        return ""
    line = data.line_of("birthday")
    if is_date(value) or isinstance(value, (dt.datetime, BadScalar)) or (
        isinstance(value, str) and re.match(r"^\d{4}-", value)
    ):
        out.add(line, "birthday must not include a year", "write only month and day in quotes, e.g. \"04-17\"")
        return ""
    if not isinstance(value, str):
        # YAML has already turned e.g. 0417 into a number; quoting it keeps the digits.
        out.add(line, f"birthday must be month-day text, not {_kind(value)}", "write it in quotes, e.g. \"04-17\"")
        return ""
    match = BIRTHDAY.match(value)
    if not match:
        out.add(line, f"birthday {quote(value)} must be month-day", "write it in quotes, e.g. \"04-17\"")
        return ""
    month, day = int(match[1]), int(match[2])
    try:
        dt.date(2000, month, day)  # a leap year, so 02-29 is a real birthday
    except ValueError:
        out.add(line, f"birthday {value} is not a real day", "write month-day, e.g. \"04-17\"")
        return ""
    return value
