"""A handbook that stays true: owners, last updates from git, overdue notices, /changes/, check --stale."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from sites import Site

AUTHOR = {"GIT_AUTHOR_NAME": "Hidden Author", "GIT_AUTHOR_EMAIL": "hidden.author@acme.test",
          "GIT_COMMITTER_NAME": "Hidden Committer", "GIT_COMMITTER_EMAIL": "hidden.committer@acme.test"}


def git(root: Path, *args: str, day: str = "2026-01-01") -> None:
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, **AUTHOR, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, timeout=30)


def pages(site: Site) -> None:
    site.write("docs/practices/refunds.md", "---\nowner: ana-lima\nreview_by: 2026-12-31\n---\n# Refunds\n\nHow we refund.\n")
    site.write("docs/escalation.md", "---\nowner: zed-private\nreview_by: 2026-10-01\n---\n# Escalation\n\nWho to call.\n")
    site.write("docs/principles/patience.md",
               "---\nowner: ana-lima\nreview_by: 2026-11-01\n---\n# Patience says you're worth it\n\nWhy.\n")
    site.write("docs/old.md", "# An old page\n\nSoon gone.\n")


@pytest.fixture
def handbook(leaders_site: Site) -> Site:
    root = leaders_site.root
    pages(leaders_site)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "First handbook", day="2026-09-01")
    leaders_site.write("docs/practices/refunds.md",
                       "---\nowner: ana-lima\nreview_by: 2026-12-31\n---\n# Refunds\n\nHow we refund, now faster.\n")
    (root / "docs/old.md").unlink()
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Refunds: <script>alert(1)</script> & new limits", day="2026-10-15")
    leaders_site.write("kudos/2026/11/late.yml", "date: 2026-11-02\nfrom: ana-lima\nto: [ben-okafor]\nmessage: Hi.\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Only data changed here", day="2026-11-02")
    return leaders_site


def test_every_owned_page_shows_its_keeper_and_last_update(handbook: Site) -> None:
    built = handbook.build()
    assert built.ok, built.log
    refunds = built.page("practices/refunds/")
    assert 'Kept by <a href="../../people/ana-lima/">Ana Lima</a>' in refunds
    assert 'Last updated <time datetime="2026-10-15">' in refunds
    assert 'Next review by <time datetime="2026-12-31">' in refunds
    assert "data-review-overdue" not in refunds


def test_a_page_past_review_shows_the_notice_but_not_an_opted_out_owner(handbook: Site) -> None:
    built = handbook.build()
    escalation = built.page("escalation/")
    assert escalation.count("data-review-overdue") == 1
    assert 'Last updated <time datetime="2026-09-01">' in escalation
    assert "Kept by" not in escalation and "Zephyrine" not in escalation and "zed-private" not in escalation
    patience = built.page("principles/patience/")
    assert patience.count("data-review-overdue") == 1  # the principle's own notice, not a second one
    assert 'Kept by <a href="../../people/ana-lima/">Ana Lima</a>' in patience
    assert 'Last updated <time datetime="2026-09-01">' in patience
    assert "Last updated" not in built.page("")  # a page that names neither owner nor review date


def test_changes_page_lists_changed_pages_by_day_without_subjects_or_authors(handbook: Site) -> None:
    handbook.write("docs/escalation.md", "---\nowner: zed-private\nreview_by: 2026-10-01\n---\n# Escalation\n\n"
                   "Who to call, day or night.\n")
    git(handbook.root, "commit", "-q", "-am", "Escalation: nights", day="2026-11-03")
    built = handbook.build()
    html = built.page("changes/")
    article = html[html.index('<section class="kudos-changes-day"'):html.rindex("</section>")]
    dates = re.findall(r'<time datetime="([\d-]+)"', article)
    assert dates == ["2026-11-03", "2026-10-15", "2026-09-01"]  # newest first; the data-only commit is not listed
    assert "alert(1)" not in html and "new limits" not in html  # a subject is developer prose: never shown
    assert re.search(r'<a class="kudos-chip kudos-change__page" href="../practices/refunds/">Refunds</a>\s*'
                     r'<ul class="kudos-change__what">\s*<li class="kudos-change__what--intro">The introduction was reworded'
                     r'<span class="kudos-change__quote"><ins>.*?How we <mark>refund, now faster</mark>.</ins>',
                     article)
    assert "old.md" not in article and "An old page" not in article  # deleted since: not even its name
    assert '<a class="kudos-chip kudos-change__page" href="../escalation/">Escalation</a>' in article
    # The day the handbook began, its pages are one line of names.
    assert re.search(r'<p class="kudos-changes-new__count">6 new pages</p>\s*<ul class="kudos-changes-new__pages">\s*'
                     r'<li><a class="kudos-chip" href="../escalation/">Escalation</a></li>', article), article
    # Each card says who keeps the page (never someone off the wall) and leads on to it.
    cards = re.findall(r'<li class="kudos-change"[^>]*>(.*?)</p>\s*</li>', article, re.S)
    refunds = next(c for c in cards if 'href="../practices/refunds/">Refunds</a>' in c)
    assert re.search(r'<span class="kudos-avatar kudos-avatar--small kudos-avatar--\w+" aria-hidden="true">AL</span>'
                     r'<span>Kept by <a href="../people/ana-lima/">Ana Lima</a>', refunds), refunds
    assert '<a class="kudos-change__read" href="../practices/refunds/">Read it' in refunds
    escalation = next(c for c in cards if 'href="../escalation/">Escalation</a>' in c)
    assert "Kept by" not in escalation and '<a class="kudos-change__read" href="../escalation/">Read it' in escalation
    for text in built.text_files().values():
        assert "Hidden Author" not in text and "hidden.author@" not in text and "Hidden Committer" not in text
        assert "hidden.committer@" not in text and "Only data changed here" not in text


def test_without_git_history_nothing_is_made_up(leaders_site: Site, tmp_path: Path) -> None:
    pages(leaders_site)
    built = leaders_site.build()
    assert built.ok, built.log
    refunds = built.page("practices/refunds/")
    assert "Kept by" in refunds and "Last updated" not in refunds
    assert "No history is available for this site." in built.page("changes/")


def test_a_shallow_clone_shows_no_dates(handbook: Site, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{handbook.root}", str(clone)],
                   check=True, capture_output=True, timeout=60)
    shallow = Site(clone)
    built = shallow.build()
    assert built.ok, built.log
    assert "Last updated" not in built.page("practices/refunds/")  # not the one fetched commit's date


def test_check_stale_names_owners_in_the_terminal_and_fails(handbook: Site) -> None:
    result = handbook.kudos("check", "--stale")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "docs/escalation.md: review was due on 2026-10-01 - kept by Zephyrine Quillfeather (zed-private)" in lines
    assert "docs/principles/patience.md: review was due on 2026-11-01 - kept by Ana Lima (ana-lima)" in lines
    assert not any("refunds" in line for line in lines)
    assert "2 handbook page(s) past their review date" in result.stderr
    github = handbook.kudos("check", "--stale", "--format", "github")
    assert "::error file=docs/escalation.md::review was due on 2026-10-01 - kept by" in github.stdout
    assert handbook.kudos("check").returncode == 0  # without --stale, review dates are not problems


def test_check_stale_as_of_a_day_is_the_check_run_on_that_day(handbook: Site) -> None:
    later = handbook.kudos("check", "--stale", "--as-of", "2027-01-15")
    assert later.returncode == 1
    lines = later.stdout.splitlines()
    assert "docs/practices/refunds.md: review was due on 2026-12-31 - kept by Ana Lima (ana-lima)" in lines
    assert len(lines) == 3 and "3 handbook page(s) past their review date" in later.stderr
    earlier = handbook.kudos("check", "--stale", "--as-of", "2026-10-20")
    assert "docs/escalation.md: review was due on 2026-10-01" in earlier.stdout
    assert "patience.md" not in earlier.stdout
    # The whole check runs as on that day: an entry dated after it is in the future then.
    assert "kudos/2026/11/late.yml:1: 'date' 2026-11-02 is in the future" in earlier.stdout
    wrong = handbook.kudos("check", "--stale", "--as-of", "2027-13-01")
    assert wrong.returncode == 2 and "expected a date YYYY-MM-DD" in wrong.stderr


def test_check_stale_passes_when_every_page_is_fresh(leaders_site: Site) -> None:
    leaders_site.write("docs/practices/refunds.md", "---\nowner: ana-lima\nreview_by: 2026-12-31\n---\n# Refunds\n")
    result = leaders_site.kudos("check", "--stale")
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_unknown_owner_fails_a_strict_build(leaders_site: Site) -> None:
    leaders_site.write("docs/faq.md", "---\nowner: ana-lina\n---\n# FAQ\n")
    built = leaders_site.build()
    assert not built.ok and "faq.md: unknown person 'ana-lina' as owner" in built.log
