"""`/changes/`: what changed in the handbook lately, in words a reader of the handbook uses.

Only Markdown pages the site publishes are listed (not code, not excluded or
draft pages), grouped by day, each as the page's title with its principle's
colour, its own one-line summary (front matter `description`), its keeper
(`owner`, only while on the wall) and a short account of what happened to it:
"A new page", "A new section: Try this week", "Reworded: Patience", "2
sections were taken out". That
account is derived from the patch (pagehistory.py), unless the commit says it
in a `Staff-note:` trailer, which then wins. Commit subjects are developer
prose and are not shown.

Privacy: a heading is named only while the page still has it, so a section
that was taken out (or a heading in a page never published) is never quoted
back; a staff note that names someone off the wall is left out, as subjects
were. Authors are never published.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from ...data.markup import clean_text
from ...data.optedout import OptedOutNames
from ..builder import Builder
from ..pagehistory import PageCommit, PagePatch, heading, page_commits
from ..pages import KudosFile, KudosPage
from .handbook import has_history, page_keeper, page_title, read_page

CHANGES_SRC = "changes/index.md"
SHOWN = 4  # what-changed lines per page and day
NAME_MAX = 120
NOTE_MAX = 200
SUMMARY_MAX = 240
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MARKUP = re.compile(r"\{[^{}]*\}\s*$|<[^>]*>|[*_`]+")
_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
FRONT_MATTER = {"description": "summary", "review_by": "review", "owner": "keeper"}


@dataclass(frozen=True)
class WhatChanged:
    kind: str  # note | new-page | new-section | renamed | retitled | edited | intro | edited-page | removed
    #            | summary | review | keeper (front matter: description, review_by, owner)
    name: str = ""  # a section's name, or the staff note
    count: int = 0  # sections removed


@dataclass(frozen=True)
class PageChange:
    title: str
    src: str
    principle: str  # the principle's id, for its colour; "" for other pages
    what: tuple[WhatChanged, ...]
    summary: str = ""  # the page's own one-line summary (front matter `description`), as text
    keeper: str = ""  # the page's owner, a person id on the wall; "" when unset, unknown or opted out


@dataclass(frozen=True)
class ChangeDay:
    date: dt.date
    pages: tuple[PageChange, ...]


@dataclass(frozen=True)
class ChangesPage(KudosPage):
    template: ClassVar[str] = "kudos/changes.html"
    full_width: ClassVar[bool] = True  # a noticeboard of the pages that changed, a day to a row
    days: tuple[ChangeDay, ...]
    has_history: bool


def plain(text: str) -> str:
    """A heading's words: no attribute list, tags, emphasis or link syntax; untrusted all the same."""
    words = _MARKUP.sub("", _LINK.sub(r"\1", text))
    return " ".join(clean_text(words).split())[:NAME_MAX]


def page_headings(body: str) -> tuple[str, set[str]]:
    """The page's first level-1 heading and the words of every heading, outside fenced code."""
    title, names, fence = "", set(), ""
    for line in body.splitlines():
        opened = _FENCE.match(line)
        if opened and (not fence or opened.group(1)[0] == fence[0]):
            fence = "" if fence else opened.group(1)
            continue
        found = None if fence else heading(line)
        if found is not None:
            names.add(plain(found.text))
            title = title or (plain(found.text) if found.level == 1 else "")
    return title, names


def _section(line: str, current: set[str], renamed: dict[str, str]) -> str:
    """The section a hunk falls in, as the page names it now; git names it as it was, and cuts a long line short."""
    found = heading(line)
    name = plain(found.text) if found else ""
    name = renamed.get(name, name)
    if name in current or len(line) < 60:
        return name if name in current else ""
    return min((n for n in current if n.startswith(name)), default="")


def what_changed(patch: PagePatch, title: str, current: set[str]) -> list[WhatChanged]:
    """What one commit did to one page, from its headings; every name is one the page has today."""
    if patch.new:
        return [WhatChanged("new-page")]
    items: list[WhatChanged] = []
    added_here: set[str] = set()
    renamed: dict[str, str] = {}
    removed = 0
    for hunk in patch.hunks:
        pairs = len(hunk.added) == len(hunk.removed) and all(
            a.level == r.level for a, r in zip(hunk.added, hunk.removed, strict=True))
        if pairs:
            renamed.update((plain(r.text), plain(a.text)) for a, r in zip(hunk.added, hunk.removed, strict=True))
        for new in hunk.added:
            name = plain(new.text)
            if new.level == 1:
                items.append(WhatChanged("retitled"))
            elif name in current:
                items.append(WhatChanged("renamed" if pairs else "new-section", name))
                added_here.add(name)
        if not pairs:
            removed += sum(1 for gone in hunk.removed if gone.level > 1)
    for hunk in patch.hunks:
        items.extend(WhatChanged(FRONT_MATTER.get(key, "edited-page")) for key in hunk.keys)
        if hunk.prose:
            section = _section(hunk.section, current, renamed)
            if section in added_here:
                continue
            kind = "edited-page" if not section else "intro" if section == title else "edited"
            items.append(WhatChanged(kind, section if kind == "edited" else ""))
    if removed:
        items.append(WhatChanged("removed", count=removed))
    return items or [WhatChanged("edited-page")]


def _notes(commit: PageCommit, names: OptedOutNames) -> list[WhatChanged]:
    """The commit's staff notes, each at most NOTE_MAX characters; one naming someone off the wall is left out."""
    return [WhatChanged("note", " ".join(clean_text(n).split())[:NOTE_MAX])
            for n in commit.notes if not names.found_in(n)]


def _published(builder: Builder, src: str) -> bool:
    """Whether the site publishes this page: the front end says (exclude_docs, drafts), else not in a dot-folder."""
    if builder.published_docs is not None:
        return src in builder.published_docs
    return not any(part.startswith(".") for part in src.split("/")) and (builder.project.docs_dir / src).is_file()


def _summary(meta: dict[str, object]) -> str:
    """The page's front-matter description as one line of text, cut short; "" when it has none."""
    found = meta.get("description")
    return " ".join(clean_text(found).split())[:SUMMARY_MAX] if isinstance(found, str) else ""


def _keeper(meta: dict[str, object], builder: Builder) -> str:
    """The page's owner as its own page shows them (page_keeper): "" when unset, unknown or off the wall."""
    person = page_keeper(meta, builder.data.people)
    return person.id if person is not None else ""


def change_days(builder: Builder, commits: Iterable[PageCommit], count: int) -> list[ChangeDay]:
    """Commits (newest first) as days of page changes; at most `count` page-days, each page read once."""
    docs_dir = builder.project.docs_dir
    names = OptedOutNames(builder.data.people.values(), ids=True)
    principles = {p.src_uri: pid for pid, p in builder.data.principles.items()}
    pages: dict[str, tuple[str, str, set[str]] | None] = {}  # src: (title, h1, headings) or None if unreadable
    about: dict[str, tuple[str, str]] = {}  # src: (summary, keeper)
    rows: dict[tuple[dt.date, str], list[WhatChanged]] = {}
    for commit in commits:
        notes = _notes(commit, names)
        for patch in commit.pages:
            if patch.deleted or not _published(builder, patch.src):
                continue  # a deleted, excluded or draft page is not published: not even its file name is
            if patch.src not in pages:
                read = read_page(docs_dir / patch.src, patch.src)
                pages[patch.src] = None if read is None else (
                    page_title(read[0], read[1], patch.src), *page_headings(read[1]))
                about[patch.src] = ("", "") if read is None else (_summary(read[0]), _keeper(read[0], builder))
            known = pages[patch.src]
            key = (commit.date, patch.src)
            if known is None or (key not in rows and len(rows) >= count):
                continue
            row = rows.setdefault(key, [])
            for found in notes or what_changed(patch, known[1], known[2]):
                if found not in row and len(row) < 4 * SHOWN:  # a row stays short, however big the commits
                    row.append(found)
    days: dict[dt.date, list[PageChange]] = {}
    for (date, src), said in rows.items():
        known = pages[src]
        assert known is not None
        # A page new that day is just that, whatever else was done to it since.
        derived = [WhatChanged("new-page")] if WhatChanged("new-page") in said else [w for w in said if w.kind != "note"]
        # A bare "Edited" says nothing beside a named change.
        derived = [w for w in derived if w.kind != "edited-page"] or derived
        notes_first = [w for w in said if w.kind == "note"] + derived
        days.setdefault(date, []).append(
            PageChange(known[0], src, principles.get(src, ""), tuple(notes_first[:SHOWN]), *about[src]))
    return [ChangeDay(date, tuple(listed)) for date, listed in sorted(days.items(), reverse=True)]


def changes_section(builder: Builder) -> list[KudosPage | KudosFile]:
    count = builder.settings.changes_count
    if count <= 0:
        return []
    docs_dir = builder.project.docs_dir
    history = has_history(docs_dir)
    commits = page_commits(docs_dir, count * 4) if history else []
    days = change_days(builder, commits, count)
    return [ChangesPage(CHANGES_SRC, builder.tr.gettext("What changed"), tuple(days), history)]
