"""Load a whole site's data: read, validate, apply privacy, render messages.

This is the one place where an entry's private facts (who gave it when they
asked to stay anonymous, people who opted out, customers) are resolved away;
nothing after it can leak what it no longer holds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from . import cosign, days, sources, yamlfile
from .ids import AnchorIds, did_you_mean, team_slug, team_slugs
from .kinds import SIGNATURE_DAYS, RawCard, check_idea, validate_campaign, validate_card
from .markup import MessageRenderer, Rendered, RenderError, clean_text
from .model import (
    CUSTOMER,
    Campaign,
    CampaignTally,
    Card,
    Dataset,
    Entry,
    Idea,
    Person,
    Principle,
    Problem,
    Team,
    TeamTally,
    is_team,
)
from .optedout import OptedOutNames
from .project import Project, anchor_key, load_directory
from .sources import SourceFile
from .strays import stray_data
from .validate import RawEntry, entries_in_file, validate_entry
from .yamlfile import quote

COLLEAGUE = "a colleague"
A_CUSTOMER = "a customer"


@dataclass
class LoadCache:
    """Survives `mkdocs serve` rebuilds: parsed files by (mtime, size), renders by text.

    With `keep` False (a one-off load) no parsed file is held: at 100,000
    files the parsed documents would be most of a build's memory.
    """

    keep: bool = True

    # Keyed by the path as text: hashing a new Path object costs more than reading the cache.
    parsed: dict[str, tuple[int, int, Any, list[yamlfile.YamlIssue]]] = field(default_factory=dict)
    rendered: dict[str, Rendered] = field(default_factory=dict)
    renderer: MessageRenderer = field(default_factory=MessageRenderer)
    parsed_now: list[str] = field(default_factory=list)  # files parsed by the last load, not served from the cache
    # An entry file's problems and entries, while its parse (the same document
    # object) and everything it is checked against (`context`) are unchanged.
    checked: dict[str, tuple[object, list[Problem], list[tuple[str, str, RawEntry]]]] = field(default_factory=dict)
    context: object = None
    entries: dict[str, Entry] = field(default_factory=dict)  # the last load's, by id

    def read(self, path: Path | str) -> tuple[Any, list[yamlfile.YamlIssue]]:
        name = os.fspath(path)
        try:
            stat = os.stat(name)
        except OSError:
            return yamlfile.read(name)
        key = (stat.st_mtime_ns, stat.st_size)
        hit = self.parsed.get(name)
        if hit and hit[:2] == key:
            return hit[2], hit[3]
        document, issues = yamlfile.read(name)
        if self.keep:
            self.parsed[name] = (*key, document, issues)
        self.parsed_now.append(name)
        return document, issues

    def forget_missing(self, seen: set[str]) -> None:
        for path in [p for p in self.parsed if p not in seen]:
            del self.parsed[path]

    def render(self, message: str) -> Rendered:
        hit = self.rendered.get(message)
        if hit is None:
            hit = self.rendered[message] = self.renderer.render(message)
        return hit


def _issues_to_problems(path: str, issues: list[yamlfile.YamlIssue]) -> list[Problem]:
    return [Problem(path, i.line, i.message, i.hint) for i in issues]


_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


class Spread(Protocol):
    """Runs `work(items)`, perhaps in parts at once elsewhere (a front end's processes; the core starts none)."""

    def __call__(self, work: Callable[[Sequence[_Item]], list[_Result]], items: Sequence[_Item], /) -> list[_Result]:
        ...


def serially(work: Callable[[Sequence[_Item]], list[_Result]], items: Sequence[_Item], /) -> list[_Result]:
    return work(items)


def load(project: Project, cache: LoadCache | None = None, spread: Spread = serially) -> Dataset:
    """Read every file of the site's data; never raises on bad data."""
    cache = cache or LoadCache(keep=False)
    cache.parsed_now = []
    directory = load_directory(project, cache.read)
    problems = list(directory.problems)
    people, principles = directory.people, directory.principles
    people_shown, people_readable = directory.people_file, directory.people_readable
    today, shown, data_dir = project.today, project.shown, project.data_dir
    seen: set[str] = {os.fspath(directory.people_path)} if directory.people_path else set()

    data_shown = shown(data_dir) + "/" if shown(data_dir) != "." else ""
    principles_shown = f"{shown(project.docs_dir)}/{project.principles_dir}"
    entry_sources, refused = sources.scan(data_dir)
    stray_problems, strays = stray_data(project.docs_dir, shown(project.docs_dir), data_dir)
    problems.extend(stray_problems)
    problems.extend(Problem(data_shown + r.rel, None, r.reason, r.hint) for r in refused)
    opted_out = OptedOutNames(people.values())
    teams = team_slugs(people)
    extras = _load_extras(project, cache, people, teams, opted_out, data_shown, people_shown, seen)
    problems.extend(extras.problems)
    # While this is as it was, a file whose parse came from the cache has the
    # same problems and entries as last time.
    people_key = tuple((pid, p.wall, "" if p.wall else p.name) for pid, p in people.items())
    links = (extras.cards, extras.campaigns, frozenset(extras.bad_cards), frozenset(extras.bad_campaigns))
    checks = _Checks(people_key, principles, today, data_shown, people_shown, principles_shown, frozenset(teams),
                     people_readable, links, extras, people, opted_out)
    same_context = checks == cache.context
    cache.context = checks
    file_problems, raw = _check_entries(entry_sources, checks, cache, same_context, seen, spread)
    problems.extend(file_problems)
    if not people_readable and directory.people_path is not None:
        problems.append(Problem(
            people_shown, None, "no kudos are published until this file can be read", "fix the problem reported for it",
        ))

    kept = [(rel, e, r) for rel, p, r in raw if (e := _publish(p, r, people, cache)) is not None]
    entries, cosigns, found = _with_ids(project, kept, cache)
    problems.extend(found)
    problems.sort(key=lambda p: (p.path, p.line or 0))
    team_records = _teams(people, today)
    tallies = {
        cid: _tally(campaign, [(e, r) for _, e, r in kept if r.campaign == cid], people, team_records, today)
        for cid, campaign in extras.campaigns.items()
    }
    return Dataset(
        people, principles, tuple(entries), tuple(problems),
        cards=extras.cards, campaigns=extras.campaigns, tallies=tallies, ideas=tuple(extras.ideas),
        teams=team_records, strays=tuple(strays), cosigns=tuple(sorted(cosigns, key=lambda c: (c.date, c.id))),
    )


def _check_entries(
    entry_sources: Sequence[SourceFile], checks: _Checks, cache: LoadCache, same_context: bool, seen: set[str],
    spread: Spread,
) -> tuple[list[Problem], list[tuple[str, str, RawEntry]]]:
    """Every entry file's problems and the entries it publishes; under serve, unchanged files as last time."""
    problems: list[Problem] = []
    raw: list[tuple[str, str, RawEntry]] = []
    checked: dict[str, tuple[object, list[Problem], list[tuple[str, str, RawEntry]]]] = {}
    if cache.keep:
        for source in entry_sources:
            name = os.fspath(source.path)
            seen.add(name)
            document, issues = cache.read(name)
            last = cache.checked.get(name)
            if same_context and last is not None and last[0] is document:
                file_problems, file_raw = last[1], last[2]
            else:
                file_problems, file_raw = _check_file(source, document, issues, checks, cache)
            checked[name] = (document, file_problems, file_raw)
            problems.extend(file_problems)
            raw.extend(file_raw)
    else:
        # Nothing to reuse: every file is read and checked, in parts at once
        # where the front end can (`spread`). A file's messages come back
        # rendered, so they are not rendered again here.
        seen.update(os.fspath(source.path) for source in entry_sources)
        for file_problems, file_raw, rendered in spread(functools.partial(_check_files, checks, cache), entry_sources):
            problems.extend(file_problems)
            raw.extend(file_raw)
            cache.rendered.update(rendered)
    cache.checked = checked
    cache.forget_missing(seen)
    return problems, raw


def _with_ids(
    project: Project, kept: list[tuple[str, Entry, RawEntry]], cache: LoadCache,
) -> tuple[list[Entry], list[Entry], list[Problem]]:
    """The published entries with their ids (their permanent links' anchors), newest first, and the co-signs."""
    ids = AnchorIds(anchor_key(project))
    entries = [dataclasses.replace(entry, id=ids.next(rel, entry)) for rel, entry, _ in kept]
    entries, cosigns, found = cosign.attach(entries, [(r.also, r.also_line, r.giver) for _, _, r in kept])
    if cache.keep:
        # The same objects as last time for unchanged entries: the pages made
        # from them then compare equal at the cost of an identity check.
        before = cache.entries
        entries = [e if (old := before.get(e.id)) is None or old != e else old for e in entries]
        cache.entries = {e.id: e for e in entries}
    entries.sort(key=lambda e: (-e.date.toordinal(), e.id))
    return entries, cosigns, found


@dataclass(frozen=True)
class _Checks:
    """What an entry file is checked against: while it is equal, an unchanged file's result is too."""

    # What checking an entry reads of people: who exists, who opted out, and
    # opted-out names (a message must not name them). A new job title or
    # birthday leaves every file's result as it was.
    people_key: tuple[tuple[str, bool, str], ...]
    principles: dict[str, Principle]
    today: dt.date
    data_shown: str
    people_shown: str
    principles_shown: str
    teams: frozenset[str]
    people_readable: bool
    links: tuple[object, ...]  # what entries' card: and campaign: are checked against
    extras: _Extras = field(compare=False)
    people: dict[str, Person] = field(compare=False)
    opted_out: OptedOutNames = field(compare=False)  # made from `people`


def _check_files(
    checks: _Checks, cache: LoadCache, batch: Sequence[SourceFile],
) -> list[tuple[list[Problem], list[tuple[str, str, RawEntry]], list[tuple[str, Rendered]]]]:
    """Each file's problems, the entries it publishes and their messages rendered."""
    results = []
    for source in batch:
        document, issues = cache.read(source.path)
        file_problems, file_raw = _check_file(source, document, issues, checks, cache)
        rendered = [(r.message, cache.rendered[r.message]) for _, _, r in file_raw]
        results.append((file_problems, file_raw, rendered))
    return results


def _check_file(
    source: SourceFile, document: Any, issues: list[yamlfile.YamlIssue], checks: _Checks, cache: LoadCache,
) -> tuple[list[Problem], list[tuple[str, str, RawEntry]]]:
    """One entry file's problems and the entries it publishes."""
    people, principles, today, extras = checks.people, checks.principles, checks.today, checks.extras
    people_shown, principles_shown = checks.people_shown, checks.principles_shown
    opted_out, teams, people_readable = checks.opted_out, checks.teams, checks.people_readable
    found_here: list[Problem] = []
    kept: list[tuple[str, str, RawEntry]] = []
    path = checks.data_shown + source.rel  # relpath per file is slow at 100,000 files
    found_here.extend(_issues_to_problems(path, issues))
    if document is None and issues:
        return found_here, kept  # nothing could be read
    items, found = entries_in_file(path, document)
    found_here.extend(found)
    several = isinstance(document, list)
    for item, line in items:
        entry, found = validate_entry(
            path, item, people, principles, today, line,
            people_file=people_shown, principles_dir=principles_shown, opted_out=opted_out, teams=teams,
        )
        if entry is not None:
            found.extend(extras.check_links(path, item, entry))
            if found or entry.card in extras.bad_cards or entry.campaign in extras.bad_campaigns:
                entry = None  # a signature on a card that is not published goes with it
        if not people_readable:
            # Without people.yml every id is "unknown": one problem says so,
            # not one per entry, and nothing is published (who opted out is unknown).
            found = [p for p in found if not p.message.startswith("unknown person")]
            entry = None
        found_here.extend(found)
        if entry is not None and yamlfile.is_ambiguous(item):
            entry = None  # a repeated key, reported by the loader: which value was meant is unknown
        if entry is not None:
            try:
                cache.render(entry.message)
            except RenderError as error:
                where = item.line_of("message") if isinstance(item, yamlfile.LineDict) else entry.line
                found_here.append(
                    Problem(path, where, f"the message cannot be shown: {error}", "simplify its formatting: fewer nested lists, quotes or brackets")
                )
                entry = None
        if entry is not None:
            kept.append((source.rel if not several else source.rel + "#", path, entry))
    return found_here, kept


@dataclass
class _Extras:
    """Cards, campaigns and ideas as published, and what entries that link to them are checked against."""

    cards: dict[str, Card] = field(default_factory=dict)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    ideas: list[Idea] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    bad_cards: set[str] = field(default_factory=set)  # files that exist but are not published
    bad_campaigns: set[str] = field(default_factory=set)

    def check_links(self, path: str, item: Any, entry: RawEntry) -> list[Problem]:
        def line(key: str) -> int:
            return item.line_of(key) if isinstance(item, yamlfile.LineDict) else entry.line

        found: list[Problem] = []
        if entry.card and entry.card not in self.bad_cards:
            card = self.cards.get(entry.card)
            if card is None:
                found.append(Problem(path, line("card"), f"unknown card {quote(entry.card)}",
                                     did_you_mean(entry.card, sorted(self.cards)) or "cards are the files in kudos/cards/"))
            elif entry.date > days.shift(card.date, SIGNATURE_DAYS):
                found.append(Problem(
                    path, line("date"),
                    f"signed {entry.date.isoformat()}, more than {SIGNATURE_DAYS} days after the card's day {card.date.isoformat()}",
                    "the card has been given: send a kudos of its own instead (remove 'card:')",
                ))
        if entry.campaign and entry.campaign not in self.bad_campaigns:
            campaign = self.campaigns.get(entry.campaign)
            if campaign is None:
                found.append(Problem(path, line("campaign"), f"unknown campaign {quote(entry.campaign)}",
                                     did_you_mean(entry.campaign, sorted(self.campaigns)) or "campaigns are the files in kudos/campaigns/"))
            elif not campaign.start <= entry.date <= campaign.end:
                found.append(Problem(
                    path, line("date"),
                    f"dated {entry.date.isoformat()}, outside the campaign ({campaign.start.isoformat()} to {campaign.end.isoformat()})",
                    "fix the date, or remove 'campaign:' to make it an ordinary kudos",
                ))
        return found


def _load_extras(
    project: Project, cache: LoadCache, people: dict[str, Person], teams: set[str],
    opted_out: OptedOutNames, data_shown: str, people_shown: str, seen: set[str],
) -> _Extras:
    extras = _Extras()

    def files(folder: str) -> list[tuple[str, str, Any]]:
        found, refused = sources.reserved_files(project.data_dir, folder)
        extras.problems.extend(Problem(data_shown + r.rel, None, r.reason, r.hint) for r in refused)
        read = []
        for source in found:
            seen.add(os.fspath(source.path))
            path = data_shown + source.rel
            document, issues = cache.read(source.path)
            extras.problems.extend(_issues_to_problems(path, issues))
            if (document is None and issues) or yamlfile.is_ambiguous(document):
                if folder == "cards":
                    extras.bad_cards.add(source.path.stem)
                elif folder == "campaigns":
                    extras.bad_campaigns.add(source.path.stem)
                continue
            read.append((path, source.path.stem, document))
        return read

    for path, stem, document in files("cards"):
        card, found = validate_card(path, stem, document, people, teams, people_file=people_shown, opted_out=opted_out)
        extras.problems.extend(found)
        if card is None or found:
            extras.bad_cards.add(stem)
        else:
            extras.cards[card.id] = _publish_card(card, path)
    for path, stem, document in files("campaigns"):
        campaign, found = validate_campaign(path, stem, document, opted_out)
        extras.problems.extend(found)
        if campaign is None:
            extras.bad_campaigns.add(stem)
        else:
            extras.campaigns[campaign.id] = campaign
    seen_ideas: dict[str, int] = {}
    for path, _stem, document in files("ideas"):
        items, found = entries_in_file(path, document)
        extras.problems.extend(found)
        for item, line in items:
            idea, found = check_idea(path, item, line, people, opted_out, people_file=people_shown)
            extras.problems.extend(found)
            if idea is None or found:
                continue
            person = people[idea.by]
            shown = person.wall
            base = hashlib.blake2b(idea.text.encode("utf-8"), digest_size=5).hexdigest()
            seen_ideas[base] = count = seen_ideas.get(base, 0) + 1
            extras.ideas.append(Idea(
                id="i" + base + (f"-{count}" if count > 1 else ""), text=clean_text(idea.text),
                by=idea.by if shown else "", by_label=person.name if shown else COLLEAGUE,
                tags=idea.tags, source=path,
            ))
    return extras


def _publish_card(card: RawCard, path: str) -> Card:
    return Card(card.id, clean_text(card.title), card.recipient, card.occasion, card.date, path)


def _teams(people: dict[str, Person], today: dt.date) -> dict[str, Team]:
    """Teams with someone on the wall; members are people on the wall who have not left."""
    names: dict[str, str] = {}
    members: dict[str, list[Person]] = {}
    for person in people.values():
        if not person.team or not person.wall:
            continue  # who opted out is never listed, nor counted
        slug = team_slug(person.team)
        names.setdefault(slug, person.team)
        if not person.has_left(today):
            members.setdefault(slug, []).append(person)
    return {
        slug: Team(slug, names[slug], tuple(p.id for p in sorted(members.get(slug, []), key=lambda p: (p.name.casefold(), p.id))))
        for slug in sorted(names)
    }


def _tally(
    campaign: Campaign, notes: list[tuple[Entry, RawEntry]], people: dict[str, Person],
    teams: dict[str, Team], today: dt.date,
) -> CampaignTally:
    """Participation in aggregates, from what the page shows: signed notes count people, others only notes."""
    signed: dict[str, int] = {}
    signed_to_customers: dict[str, int] = {}
    colleague_notes = customer_notes = 0
    received: set[str] = set()
    for entry, raw in notes:
        received.update(entry.colleagues)
        if CUSTOMER in raw.recipients:
            customer_notes += 1
        if raw.giver == CUSTOMER:
            continue
        if not entry.giver:  # shown as "a colleague": counted apart, never as a person
            colleague_notes += 1
            continue
        if any(r != CUSTOMER for r in raw.recipients):
            signed[entry.giver] = signed.get(entry.giver, 0) + 1
        if CUSTOMER in raw.recipients:
            signed_to_customers[entry.giver] = signed_to_customers.get(entry.giver, 0) + 1
    goal, customer_goal = campaign.notes_per_person, campaign.customer_notes_per_person
    done = {g for g, n in signed.items() if n >= max(goal, 1)}
    team_rows = []
    for slug, team in teams.items():
        members = [m for m in team.members if (people[m].joined or dt.date.min) <= campaign.end]
        if members:
            team_rows.append(TeamTally(slug, len(members), sum(1 for m in members if m in done)))
    present = [p for p in people.values()
               if p.wall and not p.has_left(today) and (p.joined or dt.date.min) <= campaign.end]
    waiting = sorted((p for p in present if p.id not in received), key=lambda p: (p.name.casefold(), p.id))
    return CampaignTally(
        notes=len(notes),
        customer_notes=customer_notes,
        colleague_notes=colleague_notes,
        writers=len(set(signed) | set(signed_to_customers)),
        completed=len(done),
        customer_completed=sum(1 for n in signed_to_customers.values() if n >= customer_goal) if customer_goal else 0,
        teams=tuple(team_rows),
        waiting=tuple(p.id for p in waiting),
        people=len({p.id for p in present} | done),
    )


def _publish(path: str, raw: RawEntry, people: dict[str, Person], cache: LoadCache) -> Entry | None:
    """Apply privacy: what is resolved away here cannot leak later."""
    recipients = tuple(
        r for r in raw.recipients if r == CUSTOMER or is_team(r) or people[r].wall
    )
    if not recipients and not (raw.also and not raw.recipients):
        return None  # nobody left to show it to (a co-sign without `to` thanks its note's recipients)
    if raw.giver == CUSTOMER:
        giver, label = "", A_CUSTOMER
    elif raw.anonymous or not people[raw.giver].wall:
        giver, label = "", COLLEAGUE
    else:
        giver, label = raw.giver, people[raw.giver].name
    rendered = cache.render(raw.message)
    return Entry(
        id="",
        date=raw.date,
        giver=giver,
        giver_label=label,
        recipients=recipients,
        principles=raw.principles,
        title=clean_text(raw.title),
        message_html=rendered.html,
        message_text=rendered.text,
        source=path,
        line=raw.line,
        card=raw.card,
        campaign=raw.campaign,
        slot=raw.slot,
        from_customer=raw.giver == CUSTOMER,
    )
