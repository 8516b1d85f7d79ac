"""`/changes/`: what changed in the handbook lately, in words a reader of the handbook uses.

Only Markdown pages the site publishes are listed (not code, not excluded or
draft pages), grouped by day, each as the page's title with its principle's
colour, its own one-line summary (front matter `description`), its keeper
(`owner`, only while on the wall) and a short account of what happened to it:
"A new page", "A new section: Try this week", "Reworded: Patience" with the
sentence as it is now (its new words marked), the new one-line summary,
"Taken out: Old rules", "Some sentences were taken out of Limits". That
account is derived from the patch (pagehistory.py), unless the commit says it
in a `Staff-note:` trailer, which then wins. Commit subjects are developer
prose and are not shown. Pages that are simply new on a day are listed
together, one line for the day, rather than a card each; pages whose only change
that day was the same small one (a new summary, review date or keeper) are one
item naming them all ("6 pages have a new one-line summary"), each with its new
summary; a section taken out of a page and named like a page new that day (case
and punctuation aside) is said to have moved there, with a link.

Privacy: only pages the site publishes are read at all (a draft, an excluded
or a deleted page is never named). Words the handbook no longer says are never
quoted back: a line's or a summary's old words (`before`) only tell which of
the new words to mark; only names (a section taken out or renamed, an old
title) are shown as they were. A quote is shown only when it names no one
off the wall, as with staff notes and subjects; a heading is quoted as taken
out only when the patch shows it was not in a code block. Authors are never
published. Quotes are words, never markup: tags, emphasis and link targets
are dropped, and the templates escape what is left.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
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
QUOTE_MAX = 160  # a quoted line: about a sentence
QUOTE_WORDS = 3
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(?=\s|$)")
_LONG_WORD = re.compile(r"\w{4,}")
_TOKEN = re.compile(r"\s+|\w+(?:['\u2019-]\w+)*|[^\w\s]")  # "get-well" and "you're" are one word each
_BLOCK_SCALAR = re.compile(r"^[|>][+-]?\d*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MARKUP = re.compile(r"\{[^{}]*\}\s*$|<[^>]*>|[*_`]+")
_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
# What is left of a link when a wrapped line holds only part of it: its target, or a bare address.
_TARGET = re.compile(r"\]?\((?:[a-z][a-z0-9+.-]*:|/|\.{1,2}/|#)[^()\s]*\)|<?\bhttps?://[^\s>]+>?|[\[\]]")
FRONT_MATTER = {"description": "summary", "review_by": "review", "owner": "keeper"}


@dataclass(frozen=True)
class WhatChanged:
    kind: str  # note | new-page | new-section | renamed | retitled | edited | intro | edited-page | removed
    #            | summary | review | keeper (front matter: description, review_by, owner)
    name: str = ""  # a section's name, or the staff note
    count: int = 0  # sections removed
    before: str = ""  # the words as they were: shown for a name (a section's, the page's), else only to mark what is new
    after: str = ""  # the words as they are after the change; both "" when nothing is quoted
    names: tuple[str, ...] = ()  # the sections taken out that can be named (at most `count`)
    pages: tuple[tuple[str, str], ...] = ()  # moved: the new pages (title, src) that sections went to

    @property
    def after_parts(self) -> list[tuple[str, bool]]:
        """The words as they are now in runs, each marked True when it is new beside the words as they were."""
        return changed_words(self.before, self.after)

    @property
    def key(self) -> tuple[str, str]:
        """What the change is about, whatever its quotes: a card says each once."""
        return self.kind, self.name


@dataclass(frozen=True)
class PageChange:
    title: str
    src: str
    principle: str  # the principle's id, for its colour; "" for other pages
    what: tuple[WhatChanged, ...]
    summary: str = ""  # the page's own one-line summary (front matter `description`), as text
    keeper: str = ""  # the page's owner, a person id on the wall; "" when unset, unknown or opted out

    @property
    def summary_shown(self) -> bool:
        """Whether the card quotes the summary as it is now in a change line, so it is not said twice."""
        return any(w.kind == "summary" and w.after == self.summary for w in self.what)


@dataclass(frozen=True)
class ChangeGroup:
    """Pages that had the same one small change that day, said once: "3 pages have a new one-line summary"."""
    kind: str  # summary | review | keeper
    pages: tuple[PageChange, ...]  # each with that one change as its `what`

    @property
    def quoted(self) -> bool:
        return any(p.what[0].after for p in self.pages)


@dataclass(frozen=True)
class ChangeDay:
    date: dt.date
    pages: tuple[PageChange, ...]
    new_pages: tuple[PageChange, ...] = ()  # pages that were only new that day, said together in one line
    groups: tuple[ChangeGroup, ...] = ()  # pages whose only change that day was the same small one


@dataclass(frozen=True)
class ChangesPage(KudosPage):
    template: ClassVar[str] = "kudos/changes.html"
    full_width: ClassVar[bool] = True  # a noticeboard of the pages that changed, a day to a row
    days: tuple[ChangeDay, ...]
    has_history: bool


def words(text: str) -> str:
    """Markdown's words on one line: no attribute list, tags, emphasis or link syntax; untrusted all the same."""
    return " ".join(clean_text(_TARGET.sub("", _MARKUP.sub("", _LINK.sub(r"\1", text)))).split())


def plain(text: str) -> str:
    """A heading's words, at most NAME_MAX characters."""
    return words(text)[:NAME_MAX]


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a space with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[:cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "\u2026"


def _sentence(text: str, at: int) -> str:
    """The sentence of `text` that holds character `at` (where it differs from the other version), at most
    QUOTE_MAX characters and keeping `at` in view; an ellipsis where it is cut or begins mid-sentence."""
    if not text:
        return ""
    at = max(0, min(at, len(text) - 1))
    start, end = 0, len(text)
    for found in _SENTENCE_END.finditer(text):
        if found.end() <= at:
            start = found.end()
        else:
            end = found.end()
            break
    piece = text[start:end].strip()
    lead = piece[:1].islower()  # a wrapped paragraph's line begins mid-sentence
    offset = at - start - (len(text[start:end]) - len(text[start:end].lstrip()))
    if len(piece) > QUOTE_MAX and offset > QUOTE_MAX - 60:
        space = piece.rfind(" ", 0, offset - 40)
        piece, lead = piece[space + 1 if space > 0 else offset - 40:], True
    piece = clip(piece, QUOTE_MAX)
    if (end == len(text) and len(piece) >= 40 and piece[-1:].isalpha()) or piece[-1:] in (",", ";", ":"):
        piece += "\u2026"  # a wrapped paragraph's line ends mid-sentence
    return f"\u2026{piece}" if lead else piece


def quote_pair(before: str, after: str) -> tuple[str, str]:
    """A line's words as they were and as they are, each cut to the sentence where they first differ;
    ("", "") when only spacing or markup changed."""
    before, after = _enough(words(before)), _enough(words(after))
    if before == after:
        return "", ""
    at = next((i for i, (b, a) in enumerate(zip(before, after, strict=False)) if b != a), min(len(before), len(after)))
    was, now = _sentence(before, at), _sentence(after, at)
    return _enough(was), _enough(now)


def changed_words(before: str, after: str) -> list[tuple[str, bool]]:
    """`after` in runs of text, each True when new beside `before` there: the words a reader's eye should find.
    Both are at most a quote long (QUOTE_MAX), so comparing them word by word costs next to nothing."""
    new = _TOKEN.findall(after)
    if not before or not new:
        return [(after, False)] if after else []
    changed = [False] * len(new)
    for op, _, _, start, end in SequenceMatcher(None, _TOKEN.findall(before), new, autojunk=False).get_opcodes():
        changed[start:end] = [op != "equal"] * (end - start)
    # A change that begins with punctuation (", get-well") is read from the word before it ("congrats, get-well"):
    # a mark starts on a word, never mid-phrase.
    for index in range(1, len(new)):
        if changed[index] and not changed[index - 1] and not new[index][0].isalnum() and not new[index].isspace():
            back = index - 1
            while back > 0 and not new[back][0].isalnum():
                back -= 1
            if new[back][0].isalnum():
                changed[back:index] = [True] * (index - back)
    runs: list[tuple[str, bool]] = []
    for token, marked in zip(new, changed, strict=True):
        if runs and runs[-1][1] == marked:
            runs[-1] = (runs[-1][0] + token, marked)
        else:
            runs.append((token, marked))
    # A word or less kept between two changed runs ("each on a page") is read as part of one change.
    runs = [(text, marked or (0 < i < len(runs) - 1 and runs[i - 1][1] and runs[i + 1][1] and _count(text) <= 1))
            for i, (text, marked) in enumerate(runs)]
    merged: list[tuple[str, bool]] = []
    for text, marked in runs:
        if merged and merged[-1][1] == marked:
            merged[-1] = (merged[-1][0] + text, marked)
        else:
            merged.append((text, marked))
    if sum(_count(text) for text, marked in merged if marked) * 3 > _count(after) * 2:
        return [(after, False)]  # mostly new: a rewrite, nothing to point at
    shown: list[tuple[str, bool]] = []  # the spaces around a changed run are not marked
    for text, marked in merged:
        core = text.strip() if marked else text
        lead, tail = (text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]) if marked else ("", "")
        shown.extend(run for run in ((lead, False), (core, marked), (tail, False)) if run[0])
    return shown


def _count(text: str) -> int:
    return sum(1 for token in _TOKEN.findall(text) if token[0].isalnum())


def _enough(quote: str) -> str:
    """The quote when it has enough words to read as a line; "" for a scrap (a link's target, a closing word)."""
    return quote if len(quote.split()) >= QUOTE_WORDS else ""


def _summary_value(raw: str) -> str:
    """A `description:` value as written in the patch, as words; "" for a YAML block (its lines are not kept)."""
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        raw = raw[1:-1]
    return "" if _BLOCK_SCALAR.match(raw) else clip(words(raw), SUMMARY_MAX)


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
    """What one commit did to one page, from its headings, with the words it changed where it has them."""
    if patch.new:
        return [WhatChanged("new-page")]
    items: list[WhatChanged] = []
    added_here: set[str] = set()
    renamed: dict[str, str] = {}
    removed: list[str] = []  # the sections taken out: a name, or "" when it cannot be told for sure
    for hunk in patch.hunks:
        pairs = len(hunk.added) == len(hunk.removed) and all(
            a.level == r.level and (a.level == 1 or _alike(plain(a.text), plain(r.text)))
            for a, r in zip(hunk.added, hunk.removed, strict=True))
        if pairs:
            renamed.update((plain(r.text), plain(a.text)) for a, r in zip(hunk.added, hunk.removed, strict=True))
        old = {plain(a.text): plain(r.text) for a, r in zip(hunk.added, hunk.removed, strict=True)} if pairs else {}
        for new in hunk.added:
            name = plain(new.text)
            if new.level == 1:
                if name != plain(title):
                    continue  # not the page's title: a comment in its front matter, or a title since replaced
                was = next((plain(r.text) for r in hunk.removed if r.level == 1 and hunk.removed_known), "")
                items.append(WhatChanged("retitled", before=was if was != name else ""))
            elif name in current:
                items.append(WhatChanged("renamed", name, before=old.get(name, "")) if pairs
                             else WhatChanged("new-section", name))
                added_here.add(name)
        if not pairs:
            removed.extend(
                plain(gone.text) if hunk.removed_known else "" for gone in hunk.removed
                if gone.level > 1 and plain(gone.text) not in current)  # one still on the page was moved
    for hunk in patch.hunks:
        for key in hunk.keys:
            kind = FRONT_MATTER.get(key, "edited-page")
            if kind == "summary":
                was, now = _summary_value(hunk.summary_before), _summary_value(hunk.summary_after)
                items.append(WhatChanged(kind, before=was if now and was != now else "", after=now))
            else:
                items.append(WhatChanged(kind))
        if hunk.prose:
            section = _section(hunk.section, current, renamed)
            if section in added_here or (not section and _named(hunk.section) in removed):
                continue  # words of a section new or taken out in this commit: said by that line already
            kind = "edited-page" if not section else "intro" if section == title else "edited"
            was, now = quote_pair(hunk.before, hunk.after)
            items.append(WhatChanged(kind, section if kind == "edited" else "", before=was, after=now))
    if removed:
        names = tuple(dict.fromkeys(n for n in removed if n))
        items.append(WhatChanged("removed", count=len(removed), names=names))
    return items or [WhatChanged("edited-page")]


def _alike(new: str, old: str) -> bool:
    """Whether a heading put where another was is that one renamed ("Limits" -> "Limits and exceptions"), not
    a different section in its place ("Why this handbook" -> "Our seven principles"): a word in common, or
    mostly the same letters. Short words ("to", "the", "how") do not count."""
    if set(_LONG_WORD.findall(new.casefold())) & set(_LONG_WORD.findall(old.casefold())):
        return True
    return SequenceMatcher(None, new.casefold(), old.casefold(), autojunk=False).ratio() >= 0.6


def _named(line: str) -> str:
    """The words of a heading line as git names a hunk's section; "" when it is not one."""
    found = heading(line)
    return plain(found.text) if found else "\0"


def _quotes_ok(item: WhatChanged, names: OptedOutNames) -> WhatChanged:
    """The change without any quote that names someone off the wall (a line, a summary, a section's name)."""
    if any(names.found_in(text) for text in (item.before, item.after)):
        item = dataclasses.replace(item, before="", after="")
    shown = tuple(n for n in item.names if not names.found_in(n))
    return item if shown == item.names else dataclasses.replace(item, names=shown)


def _add(row: list[WhatChanged], found: WhatChanged) -> None:
    """One more change to a page's day, newest commit first: each change once, keeping the newest words and,
    for a summary rewritten twice that day, the oldest words it replaced."""
    for index, had in enumerate(row):
        if had.key != found.key:
            continue
        if had.kind == "summary" and found.before:
            row[index] = dataclasses.replace(had, before=found.before if found.before != had.after else "")
        elif had.kind == "removed":
            names = tuple(dict.fromkeys((*had.names, *found.names)))
            row[index] = dataclasses.replace(had, count=had.count + found.count, names=names)
        elif not (had.before or had.after) and (found.before or found.after):
            row[index] = found
        return
    if len(row) < 4 * SHOWN:  # a row stays short, however big the commits
        row.append(found)


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
                _add(row, found if found.kind == "note" else _quotes_ok(found, names))
    days: dict[dt.date, list[PageChange]] = {}
    for (date, src), said in rows.items():
        known = pages[src]
        assert known is not None
        # A page new that day is just that, whatever else was done to it since.
        new_page = any(w.kind == "new-page" for w in said)
        derived = [WhatChanged("new-page")] if new_page else [w for w in said if w.kind != "note"]
        # A bare "Edited" says nothing beside a named change.
        derived = [w for w in derived if w.kind != "edited-page" or w.after] or derived
        notes_first = [w for w in said if w.kind == "note"] + derived
        days.setdefault(date, []).append(
            PageChange(known[0], src, principles.get(src, ""), tuple(notes_first[:SHOWN]), *about[src]))
    return [_day(date, listed) for date, listed in sorted(days.items(), reverse=True)]


GROUPED = ("summary", "review", "keeper")  # small changes of one kind, said once for all the day's pages
_PUNCT = re.compile(r"[^\w\s]+")


def _same_name(text: str) -> str:
    """A name as compared with another: case and punctuation do not count."""
    return " ".join(_PUNCT.sub(" ", text.casefold()).split())


def _moved(page: PageChange, new: dict[str, PageChange]) -> PageChange:
    """A page's sections taken out that day and named like a page new that day: said as moved to that page."""
    what: list[WhatChanged] = []
    for item in page.what:
        went = [new[_same_name(n)] for n in item.names if _same_name(n) in new] if item.kind == "removed" else []
        if not went:
            what.append(item)
            continue
        what.append(WhatChanged("moved", pages=tuple((p.title, p.src) for p in went)))
        kept = tuple(n for n in item.names if _same_name(n) not in new)
        if item.count > len(went):
            what.append(dataclasses.replace(item, count=item.count - len(went), names=kept))
    return dataclasses.replace(page, what=tuple(what[:SHOWN]))


def _day(date: dt.date, listed: list[PageChange]) -> ChangeDay:
    """A day's cards. When several pages were simply new that day, they are one line of names; when several had
    the same one small change (a new summary, review date or keeper), one item names them all; a section taken
    out and named like a page new that day is said to have moved there."""
    fresh = {_same_name(p.title): p for p in listed if any(w.kind == "new-page" for w in p.what)}
    listed = [_moved(p, fresh) if any(w.kind == "removed" for w in p.what) else p for p in listed]
    new = [p for p in listed if p.what == (WhatChanged("new-page"),)]
    if len(new) < 2:
        new = []
    new.sort(key=lambda p: (p.title.casefold(), p.src))
    alike: dict[str, list[PageChange]] = {}
    for page in listed:
        if len(page.what) == 1 and page.what[0].kind in GROUPED:
            alike.setdefault(page.what[0].kind, []).append(page)
    groups = tuple(ChangeGroup(kind, tuple(sorted(pages, key=lambda p: (p.title.casefold(), p.src))))
                   for kind in GROUPED if len(pages := alike.get(kind, [])) >= 2)
    grouped = {p.src for g in groups for p in g.pages} | {p.src for p in new}
    return ChangeDay(date, tuple(p for p in listed if p.src not in grouped), tuple(new), groups)


def changes_section(builder: Builder) -> list[KudosPage | KudosFile]:
    count = builder.settings.changes_count
    if count <= 0:
        return []
    docs_dir = builder.project.docs_dir
    history = has_history(docs_dir)
    commits = page_commits(docs_dir, count * 4) if history else []
    days = change_days(builder, commits, count)
    return [ChangesPage(CHANGES_SRC, builder.tr.gettext("What changed"), tuple(days), history)]
