"""people.yml: each person checked, every problem located, all at once.

A person whose record has a problem stays off the site (`wall: false`), so a
mistake never publishes someone who meant to opt out. The field readers and
the collector are the entry validator's, so a message reads the same.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from .ids import CHAT_HINTS, chat_id, did_you_mean
from .model import Contact, Person, Problem
from .optedout import OptedOutNames
from .validate import SLUG, _Collector, _date, _kind, _text, _unknown_fields, hide_names
from .yamlfile import BadScalar, LineDict, is_date, quote

BIRTHDAY = re.compile(r"^(\d{2})-(\d{2})$")
# An address `kudos notify` can send to through any SMTP server: ASCII (no
# SMTPUTF8 needed), a dot-atom before the @ and a host name after it.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+$")
NAME_MAX = 120
PERSON_FIELDS = (
    "name", "team", "title", "joined", "birthday", "wall",
    "celebrate", "login", "email", "notify", "manager", "left", "slack", "teams",
)


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
