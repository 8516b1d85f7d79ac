"""Reading what commits did to handbook pages: one bounded `git log -p`, read as a stream, headings only."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from kudoswall.core.site.pagehistory import page_commits


def _git(root: Path, *args: str, day: str = "2026-10-01") -> None:
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@acme.test", "GIT_COMMITTER_NAME": "A",
           "GIT_COMMITTER_EMAIL": "a@acme.test", "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, timeout=30)


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("history")
    page = root / "docs" / "page.md"
    page.parent.mkdir()
    (root / "app.py").write_text("print(1)\n")
    page.write_text("# Page\n\nIntro.\n")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "First")
    for number in range(1, 12):
        with page.open("a", encoding="utf-8", newline="") as out:
            out.write(f"\n## Part {number}\n\nText\rwith a lone carriage return.\n")
        (root / "app.py").write_text(f"print({number})\n")
        _git(root, "commit", "-q", "-am", f"Part {number}\n\nStaff-note: Part {number} is new", day=f"2026-10-{number + 1:02d}")
    (root / "app.py").write_text("print('code only')\n")
    _git(root, "commit", "-q", "-am", "Code only", day="2026-10-20")
    return root / "docs"


def test_the_read_stops_at_its_limit_and_skips_commits_without_pages(docs: Path) -> None:
    commits = page_commits(docs, 5)
    assert [c.date for c in commits] == [dt.date(2026, 10, day) for day in (12, 11, 10, 9, 8)]  # "Code only" is not one
    assert [p.src for p in commits[0].pages] == ["page.md"]  # app.py is not a page
    assert page_commits(docs, 0) == []
    assert len(page_commits(docs, 100)) == 12


def test_each_commit_keeps_its_headings_its_sections_and_its_staff_note(docs: Path) -> None:
    newest, *_, first = page_commits(docs, 100)
    assert newest.notes == ("Part 11 is new",) and first.notes == ()
    assert first.pages[0].new and not newest.pages[0].new
    (hunk,) = newest.pages[0].hunks
    assert [h.text for h in hunk.added] == ["Part 11"] and hunk.removed == []
    assert hunk.section == "## Part 10"  # git's markdown driver names the heading above the hunk
    assert not hunk.prose  # the lines below the new heading belong to it, not to the section above
