"""The README and the operators' pages link to files that exist, so a reader never lands on nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PAGES = [REPO / "README.md", *sorted((REPO / "plugins/kudoswall/docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)|<img src=\"([^\"]+)\"")


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(REPO).as_posix() for p in PAGES])
def test_every_relative_link_reaches_a_file(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    missing = []
    for match in LINK.finditer(text):
        target = (match[1] or match[2]).split("#", 1)[0]
        if not target or re.match(r"[a-z]+:", target):
            continue  # an anchor on the same page, or an address on the web
        if not (page.parent / target).exists():
            missing.append(target)
    assert missing == []
