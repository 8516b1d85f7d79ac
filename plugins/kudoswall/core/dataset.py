"""Load a whole site's data: read, validate, apply privacy, render messages.

This is the one place where an entry's private facts (who gave it when they
asked to stay anonymous, people who opted out, customers) are resolved away;
nothing after it can leak what it no longer holds.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import sources, yamlfile
from .model import CUSTOMER, Dataset, Entry, Person, Problem
from .project import Project, anchor_key, load_directory
from .render import MessageRenderer, Rendered, RenderError, clean_text
from .validate import OptedOutNames, RawEntry, entries_in_file, validate_entry

COLLEAGUE = "a colleague"
A_CUSTOMER = "a customer"


@dataclass
class LoadCache:
    """Survives `mkdocs serve` rebuilds: parsed files by (mtime, size), renders by text."""

    parsed: dict[Path, tuple[int, int, Any, list[yamlfile.YamlIssue]]] = field(default_factory=dict)
    rendered: dict[str, Rendered] = field(default_factory=dict)
    renderer: MessageRenderer = field(default_factory=MessageRenderer)
    parsed_now: list[Path] = field(default_factory=list)  # files parsed by the last load, not served from the cache

    def read(self, path: Path) -> tuple[Any, list[yamlfile.YamlIssue]]:
        try:
            stat = path.stat()
        except OSError:
            return yamlfile.read(str(path))
        key = (stat.st_mtime_ns, stat.st_size)
        hit = self.parsed.get(path)
        if hit and hit[:2] == key:
            return hit[2], hit[3]
        document, issues = yamlfile.read(str(path))
        self.parsed[path] = (*key, document, issues)
        self.parsed_now.append(path)
        return document, issues

    def forget_missing(self, seen: set[Path]) -> None:
        for path in [p for p in self.parsed if p not in seen]:
            del self.parsed[path]

    def render(self, message: str) -> Rendered:
        hit = self.rendered.get(message)
        if hit is None:
            hit = self.rendered[message] = self.renderer.render(message)
        return hit


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


def _issues_to_problems(path: str, issues: list[yamlfile.YamlIssue]) -> list[Problem]:
    return [Problem(path, i.line, i.message, i.hint) for i in issues]


def load(project: Project, cache: LoadCache | None = None) -> Dataset:
    """Read every file of the site's data; never raises on bad data."""
    cache = cache or LoadCache()
    cache.parsed_now = []
    directory = load_directory(project, cache.read)
    problems = list(directory.problems)
    people, principles = directory.people, directory.principles
    people_shown, people_readable = directory.people_file, directory.people_readable
    today, shown, data_dir = project.today, project.shown, project.data_dir
    seen: set[Path] = {directory.people_path} if directory.people_path else set()

    raw: list[tuple[str, str, RawEntry]] = []
    data_shown = shown(data_dir) + "/" if shown(data_dir) != "." else ""
    principles_shown = f"{shown(project.docs_dir)}/{project.principles_dir}"
    entry_sources, refused = sources.scan(data_dir)
    problems.extend(Problem(data_shown + r.rel, None, r.reason, r.hint) for r in refused)
    opted_out = OptedOutNames(people.values())
    for source in entry_sources:
        seen.add(source.path)
        path = data_shown + source.rel  # relpath per file is slow at 100,000 files
        document, issues = cache.read(source.path)
        problems.extend(_issues_to_problems(path, issues))
        if document is None and issues:
            continue  # nothing could be read
        items, found = entries_in_file(path, document)
        problems.extend(found)
        several = isinstance(document, list)
        for item, line in items:
            entry, found = validate_entry(
                path, item, people, principles, today, line,
                people_file=people_shown, principles_dir=principles_shown, opted_out=opted_out,
            )
            if not people_readable:
                # Without people.yml every id is "unknown": one problem says so,
                # not one per entry, and nothing is published (who opted out is unknown).
                found = [p for p in found if not p.message.startswith("unknown person")]
                entry = None
            problems.extend(found)
            if entry is not None and yamlfile.is_ambiguous(item):
                entry = None  # a repeated key, reported by the loader: which value was meant is unknown
            if entry is not None:
                try:
                    cache.render(entry.message)
                except RenderError as error:
                    where = item.line_of("message") if isinstance(item, yamlfile.LineDict) else entry.line
                    problems.append(
                        Problem(path, where, f"the message cannot be shown: {error}", "simplify its formatting: fewer nested lists, quotes or brackets")
                    )
                    entry = None
            if entry is not None:
                raw.append((source.rel if not several else source.rel + "#", path, entry))
    cache.forget_missing(seen)
    if not people_readable:
        problems.append(
            Problem(people_shown, None, "no kudos are published until this file can be read", "fix its YAML error")
        )

    published = [(rel, e) for rel, p, r in raw if (e := _publish(p, r, people, cache)) is not None]
    ids = AnchorIds(anchor_key(project))
    entries = [dataclasses.replace(entry, id=ids.next(rel, entry)) for rel, entry in published]
    entries.sort(key=lambda e: (-e.date.toordinal(), e.id))
    problems.sort(key=lambda p: (p.path, p.line or 0))
    return Dataset(people, principles, tuple(entries), tuple(problems))


def _publish(path: str, raw: RawEntry, people: dict[str, Person], cache: LoadCache) -> Entry | None:
    """Apply privacy: what is resolved away here cannot leak later."""
    recipients = tuple(
        r for r in raw.recipients if r == CUSTOMER or people[r].wall
    )
    if not recipients:
        return None
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
