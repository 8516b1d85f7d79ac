"""Principle pages: their ids, titles and front matter (`owner`, `review_by`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from . import sources, yamlfile
from .ids import did_you_mean
from .markup import clean_text
from .model import Person, Principle, Problem


def load_principles(
    docs_dir: Path, principles_dir: str, display: str
) -> tuple[dict[str, Principle], dict[str, Any], list[Problem]]:
    """Principle pages, plus their raw front matter for checks that need people."""
    principles: dict[str, Principle] = {}
    meta: dict[str, Any] = {}
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
        described = data.get("description")
        summary = described if isinstance(described, str) and described.strip() else first_paragraph(body)
        principles[pid] = Principle(pid, clean_text(title), source.rel, owner or "", review, clean_text(_shorten(summary.strip())))
        meta[pid] = data
    return principles, meta, problems


SUMMARY_CHARS = 160
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"(\*\*|__|\*|`)")


def first_paragraph(body: str) -> str:
    """The page's first paragraph of prose as plain words (no heading, list, admonition or comment)."""
    lines: list[str] = []
    for line in body.splitlines():
        text = line.strip()
        if not text:
            if lines:
                break
            continue
        if lines or not re.match(r"^(#|<|!!!|\?\?\?|[-*+] |\d+\. |\||>|```|~~~|\{)", text):
            lines.append(text)
    return _MARKS.sub("", _LINK.sub(r"\1", " ".join(lines)))


def _shorten(text: str) -> str:
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[:SUMMARY_CHARS].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026"


def split_front_matter(text: str) -> tuple[str | None, str]:
    if not text.startswith("---"):
        return None, text
    match = re.match(r"^---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)", text, re.DOTALL)
    if not match:
        return None, text
    return match.group(1) or "", text[match.end():]


def check_owners(
    principles: dict[str, Principle],
    meta: dict[str, Any],
    people: dict[str, Person],
    display: str,
) -> list[Problem]:
    problems = []
    for pid, principle in principles.items():
        if principle.owner and principle.owner not in people:
            data = meta[pid]
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
