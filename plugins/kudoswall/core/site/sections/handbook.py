"""A handbook that stays true: page owners, review dates, last updates and "what changed".

Any handbook page may name `owner` (a person id) and `review_by` (a date) in
its front matter. Its last update comes from git: ONE `git log --name-only`
over the docs folder gives every file's last commit date. Without git, outside
a repository, or in a shallow clone (where every file would seem to date from
the one commit fetched), no date is shown at all: a file's mtime is the time
of the checkout in CI, so showing it would be a confident lie.

`/changes/` (changes.py) says what changed in those pages lately; authors are
never published, since names and emails in git are not the wall's to show
and opted-out people commit too.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...data import yamlfile
from ...data.markup import clean_text
from ...data.model import Person
from ...data.principles import split_front_matter

GIT_TIMEOUT = 20.0
_SEP = "\x1f"


@dataclass(frozen=True)
class Commit:
    date: dt.date
    subject: str
    files: tuple[str, ...]  # Markdown files, relative to the docs folder


def _git(docs_dir: Path, *args: str, timeout: float = GIT_TIMEOUT) -> str | None:
    """A git command in the docs folder; None when git, a repository or its history is missing."""
    try:
        result = subprocess.run(  # noqa: S603 - fixed git arguments, no shell
            ["git", *args],  # noqa: S607 - git as the user installed it
            cwd=docs_dir, capture_output=True, text=True, encoding="utf-8", errors="replace",
            timeout=timeout, check=False, env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def has_history(docs_dir: Path) -> bool:
    shallow = _git(docs_dir, "rev-parse", "--is-shallow-repository")
    return shallow is not None and shallow.strip() == "false"


def _log(docs_dir: Path, *extra: str) -> list[Commit]:
    out = _git(docs_dir, "log", "--no-merges", "--relative", "--name-only", "-z",
               f"--format={_SEP}%cs{_SEP}%s", *extra, "--", ".")
    return parse_log(out) if out is not None else []


def parse_log(out: str) -> list[Commit]:
    """`-z` output: SEP date SEP subject NUL, then NL? name NUL per file; names and subjects are data."""
    commits: list[Commit] = []
    day: dt.date | None = None
    subject = ""
    files: list[str] = []
    for token in out.split("\x00"):
        token = token.lstrip("\n")
        if token.startswith(_SEP):
            if day is not None:
                commits.append(Commit(day, subject, tuple(files)))
            _, day_text, subject = ([*token.split(_SEP, 2), "", ""])[:3]
            files = []
            try:
                day = dt.date.fromisoformat(day_text.strip())
            except ValueError:
                day = None
        elif token.endswith(".md") and day is not None:
            files.append(token)
    if day is not None:
        commits.append(Commit(day, subject, tuple(files)))
    return commits


def last_updates(docs_dir: Path) -> dict[str, dt.date]:
    """Each Markdown file's last commit date, by its path relative to the docs folder."""
    if not has_history(docs_dir):
        return {}
    dates: dict[str, dt.date] = {}
    for commit in _log(docs_dir):
        for name in commit.files:
            dates.setdefault(name, commit.date)
    return dates


# ---- page facts --------------------------------------------------------------


@dataclass(frozen=True)
class PageInfo:
    """What a handbook page shows about itself."""

    owner: Person | None  # None when unset, unknown or opted out of the wall
    review_by: dt.date | None
    updated: dt.date | None
    overdue: bool


def page_keeper(meta: Mapping[str, Any], people: Mapping[str, Person]) -> Person | None:
    """The page's `owner` as the site may show them: a person the people files know, on the wall; else None.

    The one rule for every place that names a page's keeper (its own page, /changes/), so someone who
    opted out of the wall is never shown as a keeper anywhere."""
    owner_id = meta.get("owner")
    person = people.get(owner_id) if isinstance(owner_id, str) else None
    return person if person is not None and person.wall else None


def page_info(
    meta: Mapping[str, Any], today: dt.date, people: Mapping[str, Person], updated: dt.date | None
) -> PageInfo | None:
    """None for pages that name neither an owner nor a review date."""
    owner_id = meta.get("owner")
    review = meta.get("review_by")
    review_by = review if isinstance(review, dt.date) and not isinstance(review, dt.datetime) else None
    if isinstance(review, str):
        try:
            review_by = dt.date.fromisoformat(review.strip())
        except ValueError:
            review_by = None
    if not isinstance(owner_id, str) and review_by is None:
        return None
    return PageInfo(page_keeper(meta, people), review_by, updated, review_by is not None and review_by < today)


@dataclass(frozen=True)
class HandbookPage:
    src: str  # relative to the docs folder
    title: str
    owner: str
    review_by: dt.date | None


def page_title(meta: Mapping[str, Any], body: str, src: str) -> str:
    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        return clean_text(title)
    heading = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.MULTILINE)
    if heading:
        return clean_text(heading.group(1))
    stem = Path(src).stem
    return (Path(src).parent.name if stem == "index" and "/" in src else stem).replace("-", " ").capitalize()


def read_page(path: Path, src: str) -> tuple[dict[str, Any], str] | None:
    try:
        if not path.is_file() or path.stat().st_size > 2_000_000:
            return None
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    front, body = split_front_matter(text)
    meta: Any = None
    if front is not None:
        meta, _ = yamlfile.parse(front)
    return (dict(meta) if isinstance(meta, dict) else {}), body


def handbook_pages(docs_dir: Path) -> list[HandbookPage]:
    """Every Markdown page of the docs folder with its front matter's owner and review date."""
    pages = []
    root = docs_dir.resolve()
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in rel.split("/")) or not path.resolve().is_relative_to(root):
            continue
        read = read_page(path, rel)
        if read is None:
            continue
        meta, body = read
        review = meta.get("review_by")
        review_by = review if isinstance(review, dt.date) and not isinstance(review, dt.datetime) else None
        owner = meta.get("owner") if isinstance(meta.get("owner"), str) else ""
        pages.append(HandbookPage(rel, page_title(meta, body, rel), owner or "", review_by))
    return pages


def stale_pages(docs_dir: Path, today: dt.date) -> list[HandbookPage]:
    return [p for p in handbook_pages(docs_dir) if p.review_by is not None and p.review_by < today]
