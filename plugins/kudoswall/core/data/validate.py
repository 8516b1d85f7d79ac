"""Raw YAML values in, model values and located problems out.

One validator serves every front end (the build, `kudos check`, the intake
service), so a message a person reads is the same wherever they meet it.
Validation never stops at the first problem, and a bad entry costs only
itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from . import cosign, schema
from .ids import did_you_mean, team_slugs, unknown_person_hint
from .model import CUSTOMER, TEAM_PREFIX, Person, Problem
from .optedout import OptedOutNames
from .yamlfile import BadScalar, LineDict, is_date, quote, shorten

SLUG = re.compile(schema.SLUG_PATTERN)
ISO_DAY = re.compile(schema.ISO_DAY_PATTERN)
# The entry's fields, what is required and every limit come from the one
# definition in `schema`, which also produces the published JSON Schema.
TITLE_MAX = schema.max_length("title")
MESSAGE_MAX = schema.max_length("message")

ENTRY_FIELDS = schema.FIELD_NAMES
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

    def __init__(self, path: str, people_file: str = "kudos/people.yml", principles_dir: str = "docs/principles",
                 today: dt.date | None = None) -> None:
        self.path = path
        self.people_file = people_file
        self.principles_dir = principles_dir
        self.today = today  # people who have left by then are never suggested
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
            unknown_person_hint(pid, people, out.today, out.people_file),
        )
    return good


def validate_entry(
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
    out = _Collector(path, people_file, principles_dir, today)
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
    hide_names(out, data, {"title": title, "message": message},
               opted_out if opted_out is not None else OptedOutNames(people.values()))
    giver = _giver(out, data, people)
    recipients = _recipients(out, data, people, teams if teams is not None else team_slugs(people), giver, also)
    principles = _principles(out, data, principle_ids)
    anonymous = data.get("anonymous", False)
    if not isinstance(anonymous, bool):
        out.add(data.line_of("anonymous"), "'anonymous' must be true or false", "write anonymous: true")
    links = _links(out, data)
    if out.problems:
        return None, out.problems
    assert date and giver and (recipients or also) and recipients is not None and message is not None and title is not None
    return RawEntry(
        date=date, giver=giver, recipients=recipients, principles=principles, title=title, message=message,
        anonymous=bool(anonymous), card=links["card"], campaign=links["campaign"], line=data.line,
        slot=links["slot"], also=also or "", also_line=data.line_of("also") if also else 0,
    ), []


def _giver(out: _Collector, data: LineDict, people: Mapping[str, Person]) -> str | None:
    value = data.get("from")
    if value is None:
        if schema.FIELDS["from"].required:
            out.add(data.line, "missing required field 'from'", "add 'from: <your person id>'")
        return None
    if not isinstance(value, str):
        out.add(data.line_of("from"), f"'from' must be one person id, not {_kind(value)}", "write one id like ana-lima")
        return None
    return value if _check_person_ids(out, (value,), people, data.line_of("from"), "from") else None


def _recipients(
    out: _Collector, data: LineDict, people: Mapping[str, Person], teams: AbstractSet[str], giver: str | None,
    also: str | None,
) -> tuple[str, ...] | None:
    """Whom an entry thanks; a co-sign without `to` thanks its note's recipients (empty here)."""
    recipients = _ids(out, data, "to")
    if "to" not in data:
        if also:
            return ()
        if schema.FIELDS["to"].required:
            out.add(data.line, "missing required field 'to'", "add 'to: <person id>' or a list of ids")
        return None
    if recipients == ():
        out.add(data.line_of("to"), "'to' is empty", "name at least one person")
        return None
    if recipients is None or not _check_person_ids(out, recipients, people, data.line_of("to"), "to", teams=teams):
        return None
    if giver and giver in recipients:
        if giver == CUSTOMER:
            out.add(data.line_of("to"), "a customer cannot thank a customer", "name the colleague the customer praised")
        else:
            out.add(data.line_of("to"), f"'{giver}' gives kudos to themselves", "thank someone else")
    return recipients


def _principles(out: _Collector, data: LineDict, principle_ids: Iterable[str]) -> tuple[str, ...]:
    known = set(principle_ids)
    principles = _ids(out, data, "principles")
    for pid in principles or ():
        if pid not in known:
            out.add(data.line_of("principles"), f"unknown principle {quote(pid)}",
                    did_you_mean(pid, known) or f"principles are the pages in {out.principles_dir}/")
    return principles or ()


def _links(out: _Collector, data: LineDict) -> dict[str, str]:
    """The card or campaign an entry belongs to, and its slot on a campaign's wall."""
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
    elif slot is not None and not links.get("campaign"):
        out.add(data.line_of("slot"), "'slot' belongs to a campaign note", "add 'campaign: <id>' or remove 'slot'")
    links["slot"] = slot if isinstance(slot, str) else ""
    return links


def entries_in_file(path: str, document: Any) -> tuple[list[tuple[Any, int]], list[Problem]]:
    """A file holds one entry or a list of them; returns (value, line) pairs."""
    if document is None:
        return [], [Problem(path, 1, "file is empty", "write an entry or delete the file")]
    if isinstance(document, list):
        lines = getattr(document, "item_lines", None) or [1] * len(document)
        return [(item, getattr(item, "line", line)) for item, line in zip(document, lines, strict=True)], []
    return [(document, getattr(document, "line", 1))], []
