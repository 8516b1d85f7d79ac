"""Cards, campaigns and ideas: their files checked, every problem located, all at once.

Same rules as entries: a bad file costs only itself, every hint is a
did-you-mean that never suggests someone who opted out, and nothing here
decides what is published (that stays in `dataset`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .ids import did_you_mean, unknown_person_hint
from .markup import clean_text
from .model import CUSTOMER, OCCASIONS, TEAM_PREFIX, Campaign, Person, Problem
from .optedout import OptedOutNames
from .validate import SLUG, TITLE_MAX, _Collector, _date, _kind, _text, _unknown_fields, hide_names
from .yamlfile import LineDict, quote

CARD_FIELDS = ("title", "for", "occasion", "date")
CAMPAIGN_FIELDS = ("title", "start", "end", "notes_per_person", "customer_notes_per_person")
IDEA_FIELDS = ("idea", "by", "tags")
IDEA_MAX = 500
TAGS_MAX = 10
GOAL_MAX = 50
PRIVATE_DAYS = ("birthday", "anniversary")
"""Occasions whose day a person with `celebrate: false` keeps off the wall."""
SIGNATURE_DAYS = 60
"""A signature more than this many days after the card's occasion is a problem: the card has been given."""


@dataclass(frozen=True)
class RawCard:
    id: str
    title: str
    recipient: str
    occasion: str
    date: dt.date
    line: int


@dataclass(frozen=True)
class RawIdea:
    text: str
    by: str
    tags: tuple[str, ...]
    line: int


def file_id(out: _Collector, stem: str, what: str) -> str | None:
    if SLUG.match(stem):
        return stem
    out.add(1, f"the file name {quote(stem)} is not a valid {what} id", "name the file like ben-birthday-2026.yml")
    return None


def _mapping(out: _Collector, document: Any, what: str) -> LineDict | None:
    if document is None:
        out.add(1, "file is empty", f"write the {what} or delete the file")
        return None
    if not isinstance(document, LineDict):
        out.add(getattr(document, "line", 1) or 1, f"a {what} must be a mapping of fields, found {_kind(document)}", f"see the {what} format in docs/configuration.md of the plugin")
        return None
    return document


def validate_card(
    path: str, stem: str, document: Any, people: Mapping[str, Person], teams: set[str],
    *, people_file: str = "kudos/people.yml", opted_out: OptedOutNames | None = None,
) -> tuple[RawCard | None, list[Problem]]:
    out = _Collector(path, people_file)
    data = _mapping(out, document, "card")
    card_id = file_id(out, stem, "card")
    if data is None:
        return None, out.problems
    _unknown_fields(out, data, CARD_FIELDS, "a card")
    title = _text(out, data, "title", TITLE_MAX, required=True)
    hide_names(out, data, {"title": title}, opted_out if opted_out is not None else OptedOutNames(people.values()))
    # A card is often made before the day it celebrates: its date may be in the future.
    date = _date(out, data, "date", dt.date.max, required=True)
    occasion = data.get("occasion")
    if occasion is None:
        out.add(data.line, "missing required field 'occasion'", f"add 'occasion: ...', one of {', '.join(OCCASIONS)}")
    elif occasion not in OCCASIONS:
        hint = (did_you_mean(occasion, OCCASIONS) if isinstance(occasion, str) else "") or f"one of {', '.join(OCCASIONS)}"
        out.add(data.line_of("occasion"), f"unknown occasion {quote(occasion)}", hint)
        occasion = None
    recipient = data.get("for")
    line = data.line_of("for")
    if recipient is None:
        out.add(data.line, "missing required field 'for'", "add 'for: <person id>', 'for: team:<slug>' or 'for: customer'")
    elif not isinstance(recipient, str):
        out.add(line, f"'for' must be one id, not {_kind(recipient)}", "write one id like ben-okafor")
        recipient = None
    elif recipient == CUSTOMER:
        pass
    elif recipient.startswith(TEAM_PREFIX):
        if recipient[len(TEAM_PREFIX):] not in teams:
            out.add(line, f"unknown team {quote(recipient)} in 'for'",
                    did_you_mean(recipient, [TEAM_PREFIX + t for t in sorted(teams)]) or f"a team is the slug of a 'team' value in {people_file}")
            recipient = None
    elif recipient not in people:
        out.add(line, f"unknown person {quote(recipient)} in 'for'",
                unknown_person_hint(recipient, people, None, people_file))
        recipient = None
    elif not people[recipient].wall:
        # Said without the id: CI annotations are public.
        out.add(line, "this card is for someone who is not on the wall", "cards for people with wall: false are never published; give it in person")
        recipient = None
    elif occasion in PRIVATE_DAYS and not people[recipient].celebrate:
        # Its date would publish the day they asked to keep private (celebrate: false).
        out.add(data.line_of("occasion"), f"this {occasion} card is for someone who keeps that day private (celebrate: false)",
                "make it another occasion (congrats, other) with another day, or give it in person")
        recipient = None
    if out.problems or card_id is None:
        return None, out.problems
    assert title is not None and date is not None and isinstance(occasion, str) and recipient
    return RawCard(card_id, title, recipient, occasion, date, data.line), []


def _goal(out: _Collector, data: LineDict, key: str) -> int | None:
    value = data.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= GOAL_MAX:
        out.add(data.line_of(key), f"'{key}' must be a whole number from 0 to {GOAL_MAX}, not {quote(value)}", f"write {key}: 3")
        return None
    return value


def validate_campaign(
    path: str, stem: str, document: Any, opted_out: OptedOutNames | None = None,
) -> tuple[Campaign | None, list[Problem]]:
    """A campaign file, checked; its title held to the rule of every published title, and cleaned."""
    out = _Collector(path)
    data = _mapping(out, document, "campaign")
    campaign_id = file_id(out, stem, "campaign")
    if data is None:
        return None, out.problems
    _unknown_fields(out, data, CAMPAIGN_FIELDS, "a campaign")
    title = _text(out, data, "title", TITLE_MAX, required=True)
    hide_names(out, data, {"title": title}, opted_out or OptedOutNames(()))
    start = _date(out, data, "start", dt.date.max, required=True)
    end = _date(out, data, "end", dt.date.max, required=True)
    if start and end and start > end:
        out.add(data.line_of("end"), f"'end' {end.isoformat()} is before 'start' {start.isoformat()}", "swap them, or fix the dates")
    notes = _goal(out, data, "notes_per_person")
    customer = _goal(out, data, "customer_notes_per_person")
    if out.problems or campaign_id is None:
        return None, out.problems
    assert title is not None and start and end and notes is not None and customer is not None
    return Campaign(campaign_id, clean_text(title), start, end, notes, customer, path), []


def validate_idea(
    path: str, data: Any, line: int, people: Mapping[str, Person], *, people_file: str = "kudos/people.yml",
    today: dt.date | None = None,
) -> tuple[RawIdea | None, list[Problem]]:
    out = _Collector(path, people_file, today=today)
    if not isinstance(data, LineDict):
        out.add(line, f"an idea must be a mapping of fields, found {_kind(data)}", "write 'idea:', 'by:' and 'tags:'")
        return None, out.problems
    _unknown_fields(out, data, IDEA_FIELDS, "an idea")
    text = _text(out, data, "idea", IDEA_MAX, required=True)
    by = data.get("by")
    if by is None:
        out.add(data.line, "missing required field 'by'", "add 'by: <your person id>'")
    elif not isinstance(by, str) or by not in people:
        out.add(data.line_of("by"), f"unknown person {quote(by)} in 'by'",
                unknown_person_hint(by, people, today, people_file) if isinstance(by, str) else f"people are listed in {people_file}")
        by = None
    raw_tags = data.get("tags", [])
    tags: list[str] = []
    items = raw_tags if isinstance(raw_tags, list) else [raw_tags]
    for tag in items:
        if not isinstance(tag, str) or not SLUG.match(tag):
            out.add(data.line_of("tags"), f"tag {quote(tag)} must be a lower-case word like customers", "use letters, digits and hyphens")
        elif tag not in tags:
            tags.append(tag)
    if len(tags) > TAGS_MAX:
        out.add(data.line_of("tags"), f"{len(tags)} tags; at most {TAGS_MAX}", "keep the few that matter")
    if out.problems:
        return None, out.problems
    assert text is not None and isinstance(by, str)
    return RawIdea(text.strip(), by, tuple(tags), data.line), []


def check_idea(
    path: str, data: Any, line: int, people: Mapping[str, Person], opted_out: OptedOutNames,
    *, people_file: str = "kudos/people.yml", today: dt.date | None = None,
) -> tuple[RawIdea | None, list[Problem]]:
    """An idea as the build accepts it: valid, and naming nobody who opted out.

    The one check for idea files (`dataset`) and for ideas sent to the intake.
    """
    idea, problems = validate_idea(path, data, line, people, people_file=people_file, today=today)
    if idea is not None and isinstance(data, LineDict):
        out = _Collector(path, people_file)
        hide_names(out, data, {"idea": idea.text}, opted_out)
        problems = [*problems, *out.problems]
    return (idea if not problems else None), problems
