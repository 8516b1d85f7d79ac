"""Load a whole site's data: read, validate, apply privacy, render messages.

This is the one place where an entry's private facts (who gave it when they
asked to stay anonymous, people who opted out, customers) are resolved away;
nothing after it can leak what it no longer holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import sources, yamlfile
from .model import CUSTOMER, Dataset, Entry, Person, Principle, Problem
from .render import MessageRenderer, Rendered, RenderError, clean_text
from .validate import OptedOutNames, RawEntry, entries_in_file, validate_entry, validate_people

COLLEAGUE = "a colleague"
A_CUSTOMER = "a customer"


@dataclass
class LoadCache:
    """Survives `mkdocs serve` rebuilds: parsed files by (mtime, size), renders by text."""

    parsed: dict[Path, tuple[int, int, Any, list[yamlfile.YamlIssue]]] = field(default_factory=dict)
    rendered: dict[str, Rendered] = field(default_factory=dict)
    renderer: MessageRenderer = field(default_factory=MessageRenderer)

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
        return document, issues

    def forget_missing(self, seen: set[Path]) -> None:
        for path in [p for p in self.parsed if p not in seen]:
            del self.parsed[path]

    def render(self, message: str) -> Rendered:
        hit = self.rendered.get(message)
        if hit is None:
            hit = self.rendered[message] = self.renderer.render(message)
        return hit


def entry_id(rel: str, within: str | None = None) -> str:
    """Stable as long as the file keeps its path, and opaque.

    File names often say who thanked whom; an anonymous giver or an opted-out
    person named there must not reappear in a public anchor, so the id is a
    digest of the path rather than the path itself. Inside a list file the
    entry's own facts (`within`) tell it apart, not its position, so adding
    an entry above it never hands its permanent link to another entry.
    """
    key = rel if within is None else f"{rel}#{within}"
    return "k" + hashlib.blake2b(key.encode("utf-8"), digest_size=5).hexdigest()


def list_item_key(entry: RawEntry, seen: dict[str, int]) -> str:
    """Date, giver and recipients, plus a count for exact repeats in one file."""
    base = f"{entry.date.isoformat()}|{entry.giver}|{','.join(sorted(entry.recipients))}"
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}|{seen[base]}"


def _issues_to_problems(path: str, issues: list[yamlfile.YamlIssue]) -> list[Problem]:
    return [Problem(path, i.line, i.message, i.hint) for i in issues]


def load_principles(
    docs_dir: Path, principles_dir: str, display: str
) -> tuple[dict[str, Principle], dict[str, tuple[Any, int]], list[Problem]]:
    """Principle pages, plus their raw front matter for checks that need people."""
    principles: dict[str, Principle] = {}
    meta: dict[str, tuple[Any, int]] = {}
    problems: list[Problem] = []
    for source in sources.principle_files(docs_dir, principles_dir):
        pid = source.path.stem
        shown = f"{display}/{source.rel}"
        try:
            text = source.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(Problem(shown, None, f"cannot read principle page: {error}", "save it as UTF-8"))
            continue
        front, body = split_front_matter(text)
        data: Any = None
        if front is not None:
            data, issues = yamlfile.parse(front)
            problems.extend(
                Problem(shown, (i.line or 0) + 1 if i.line else None, i.message, i.hint) for i in issues
            )
        if data is not None and not isinstance(data, dict):
            problems.append(Problem(shown, 1, "front matter must be a mapping", "write 'owner: <person id>'"))
            data = None
        data = data or {}
        title = data.get("title") if isinstance(data.get("title"), str) else None
        if not title:
            heading = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.MULTILINE)
            title = heading.group(1) if heading else pid.replace("-", " ").capitalize()
        review = data.get("review_by")
        if review is not None and not yamlfile.is_date(review):
            line = data.line_of("review_by") + 1 if hasattr(data, "line_of") else 1
            problems.append(Problem(shown, line, "'review_by' must be a date YYYY-MM-DD", "for example 2027-03-01"))
            review = None
        owner = data.get("owner") if isinstance(data.get("owner"), str) else ""
        principles[pid] = Principle(pid, clean_text(title), source.rel, owner or "", review)
        meta[pid] = (data, 1)
    return principles, meta, problems


def split_front_matter(text: str) -> tuple[str | None, str]:
    if not text.startswith("---"):
        return None, text
    match = re.match(r"^---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)", text, re.DOTALL)
    if not match:
        return None, text
    return match.group(1) or "", text[match.end():]


def _check_owners(
    principles: dict[str, Principle],
    meta: dict[str, tuple[Any, int]],
    people: dict[str, Person],
    display: str,
) -> list[Problem]:
    from .validate import did_you_mean

    problems = []
    for pid, principle in principles.items():
        if principle.owner and principle.owner not in people:
            data = meta[pid][0]
            line = data.line_of("owner") + 1 if hasattr(data, "line_of") else 1
            problems.append(
                Problem(
                    f"{display}/{principle.src_uri}",
                    line,
                    f"unknown person '{principle.owner}' as owner",
                    did_you_mean(principle.owner, people) or "people are listed in kudos/people.yml",
                )
            )
    return problems


def load(
    root: Path,
    data_dir: Path,
    docs_dir: Path,
    principles_dir: str,
    today: dt.date,
    cache: LoadCache | None = None,
) -> Dataset:
    """Read every file of the site's data; never raises on bad data."""
    cache = cache or LoadCache()

    def shown(path: Path) -> str:
        try:
            return Path(os.path.relpath(path, root)).as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()

    problems: list[Problem] = []
    people: dict[str, Person] = {}
    people_source = sources.people_file(data_dir)
    seen: set[Path] = set()
    people_shown = shown(people_source.path if people_source else data_dir / sources.PEOPLE_FILE)
    people_readable = False
    if people_source is None:
        problems.append(
            Problem(people_shown, None, "no people file", f"create {people_shown} listing who can give and receive kudos")
        )
    else:
        seen.add(people_source.path)
        document, issues = cache.read(people_source.path)
        problems.extend(_issues_to_problems(people_shown, issues))
        people_readable = document is not None or not issues
        people, found = validate_people(people_shown, document, today)
        problems.extend(found)

    principles, meta, found = load_principles(docs_dir, principles_dir, shown(docs_dir))
    problems.extend(found)
    if people_readable:
        problems.extend(_check_owners(principles, meta, people, shown(docs_dir)))

    raw: list[tuple[str, str, RawEntry]] = []
    data_shown = shown(data_dir) + "/" if shown(data_dir) != "." else ""
    principles_shown = f"{shown(docs_dir)}/{principles_dir}"
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
        keys: dict[str, int] = {}
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
                within = list_item_key(entry, keys) if several else None
                raw.append((entry_id(source.rel, within), path, entry))
    cache.forget_missing(seen)
    if not people_readable:
        problems.append(
            Problem(people_shown, None, "no kudos are published until this file can be read", "fix its YAML error")
        )

    entries = [e for e in (_publish(i, p, r, people, cache) for i, p, r in raw) if e]
    entries.sort(key=lambda e: (-e.date.toordinal(), e.id))
    problems.sort(key=lambda p: (p.path, p.line or 0))
    return Dataset(people, principles, tuple(entries), tuple(problems))


def _publish(
    entry_id_: str, path: str, raw: RawEntry, people: dict[str, Person], cache: LoadCache
) -> Entry | None:
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
        id=entry_id_,
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
    )
