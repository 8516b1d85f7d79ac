"""`/changes/` speaks the handbook reader's language: pages and what happened to them, by day, never commit prose."""

from __future__ import annotations

import os
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest

from sites import Built, Site, make_site

PATIENCE = "---\ndescription: Why we slow down.\n---\n# Patience says you're worth it\n\nWhy patience matters.\n"


def git(root: Path, *args: str, day: str) -> None:
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@acme.test", "GIT_COMMITTER_NAME": "A",
           "GIT_COMMITTER_EMAIL": "a@acme.test", "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, timeout=30)


def commit(site: Site, message: str, day: str, files: dict[str, str]) -> None:
    for rel, text in files.items():
        site.write(rel, text)
    git(site.root, "add", "-A", day=day)
    git(site.root, "commit", "-q", "-m", message, day=day)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site = make_site(tmp_path_factory.mktemp("changes") / "site-src")
    site.write("docs/principles/patience.md", PATIENCE)
    site.write_config()
    git(site.root, "init", "-q", "-b", "main", day="2026-09-01")
    commit(site, "Initial import of the handbook", "2026-09-01", {})
    # 10-01: a new page (and, the same day, an edit to it: still just "A new page").
    refunds = "# Refunds\n\nHow we refund.\n\n## Limits\n\nUp to 50.\n\n## Old rules\n\nGone soon.\n"
    commit(site, "docs: add refunds.md (wip)", "2026-10-01", {"docs/refunds.md": refunds})
    refunds = refunds.replace("How we", "How  we")
    commit(site, "fix typo", "2026-10-01", {"docs/refunds.md": refunds})
    # 10-05: a section added to a principle, one edited, its summary and the page's title kept.
    patience = PATIENCE.replace("description: Why we slow down.", "description: Why we slow down, always.")
    patience += "\n## Try this week\n\nOne slow call a day.\n\n```sh\n## not a heading\n```\n"
    commit(site, "refactor(patience): restructure md", "2026-10-05", {"docs/principles/patience.md": patience})
    # 10-07: an edit inside a section, and a new review date.
    patience = patience.replace("One slow call a day.", "Two slow calls a day.").replace(
        "description:", "review_by: 2027-01-31\nhide: [toc]\ndescription:")  # hide: no words of its own
    commit(site, "bump", "2026-10-07", {"docs/principles/patience.md": patience})
    # 10-09: an edit inside a section, a section renamed, another removed (its name never quoted back).
    refunds = refunds.replace("Up to 50.", "Up to 80.").replace("## Old rules\n\nGone soon.\n", "")
    refunds = refunds.replace("## Limits", "## Limits and exceptions")
    commit(site, "chore: sync", "2026-10-09", {"docs/refunds.md": refunds})
    refunds2 = refunds.replace("How  we refund.", "How we refund, kindly.")
    commit(site, "wording\n\nStaff-note: Refunds now start with how we say sorry", "2026-10-09",
           {"docs/refunds.md": refunds2, "docs/principles/little-wows.md": "# Little wows\n\nWhy little wows matter a lot.\n"})
    # 10-10, 10-11: a section, then another in its place: not a rename, as the names share no word.
    wows = "# Little wows\n\nWhy little wows matter a lot.\n\n## Examples\n\nA card on the desk.\n\n## Try one\n\nToday.\n"
    commit(site, "wows", "2026-10-10", {"docs/principles/little-wows.md": wows})
    # (The words under it changed too: told by "Taken out", not as a rewording of a section the page no longer has.)
    commit(site, "wows again", "2026-10-11", {"docs/principles/little-wows.md": wows.replace(
        "## Examples", "## Where to start").replace("A card on the desk.", "Ask a teammate what made their day.")})
    # Code and data only: never listed.
    commit(site, "CSS: our layout in one scoped layer", "2026-10-12",
           {"overrides/extra.css": "body{}\n", "kudos/2026/10/late.yml":
            "date: 2026-10-12\nfrom: ana-lima\nto: [ben-okafor]\nmessage: Thanks.\n"})
    # 10-14, 10-15: a section of Home moved to a page of its own, and two pages given only a new summary.
    home = "# Home\n\nWelcome.\n\n<!-- kudos:featured -->\n"
    commit(site, "why\n\nStaff-note: Home now says why we keep a handbook", "2026-10-14", {"docs/index.md": home + "\n## Why this handbook!\n\nSo we agree.\n"})
    commit(site, "split", "2026-10-15", {
        "docs/index.md": home, "docs/why.md": "# Why This Handbook\n\nSo we agree.\n",
        "docs/principles/little-wows.md": "---\ndescription: Small surprises, often.\n---\n" + wows.replace(
            "## Examples", "## Where to start").replace("A card on the desk.", "Ask a teammate what made their day."),
        "docs/principles/thank-out-loud.md": "---\ndescription: Say it where others hear it.\n---\n"
                                             "# Thank out loud\n\nWhy thank out loud matters.\n"})
    result = site.build()
    assert result.ok, result.log
    return result


def said(item: str) -> str:
    """A change line as a reader takes it in: its sentence, then "[was: ...]" and "[now: ...]" for the words quoted."""
    item = re.sub(r'<span class="kudos-visually-hidden">[^<]*</span>', "", item)
    item = re.sub(r"<del>(.*?)</del>", r" [was: \1]", item)
    item = re.sub(r"<ins>(.*?)</ins>", r" [now: \1]", item)
    item = re.sub(r"<q>(.*?)</q>", r"'\1'", item)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", item)).split())


def days(built: Built) -> dict[str, list[tuple[str, str, list[str]]]]:
    """Each day on /changes/: its pages as (principle id or "", title, what changed); the day's new pages said
    together as ("new pages", "<count line>", [principle id or "" + ":" + title, ...])."""
    html = built.page("changes/")
    found: dict[str, list[tuple[str, str, list[str]]]] = {}
    for day, body in re.findall(r'<h2 id="kudos-changes-\d+"><time datetime="([\d-]+)">.*?</h2>(.*?)</section>', html, re.S):
        for count, names in re.findall(r'<div class="kudos-changes-new">\s*<p class="kudos-changes-new__count">([^<]+)</p>'
                                       r'\s*<ul class="kudos-changes-new__pages">(.*?)</ul>', body, re.S):
            pages = re.findall(r'<li><a class="kudos-chip" href="[^"]+"(?: data-principle="([\w-]+)")?>([^<]+)</a></li>', names)
            found.setdefault(day, []).append(("new pages", count, [f"{p}:{unescape(t)}" for p, t in pages]))
        for title, items in re.findall(r'<p class="kudos-changes-group__title">([^<]+)</p>\s*'
                                       r'<ul class="kudos-changes-group__pages[^"]*">(.*?)</ul>', body, re.S):
            pages = re.findall(r'<li(?: data-principle="[\w-]+")?><a class="kudos-chip" href="[^"]+"'
                               r'(?: data-principle="([\w-]+)")?>([^<]+)</a>(.*?)</li>', items, re.S)
            found.setdefault(day, []).append(("alike", title, [f"{p}:{unescape(t)}{' ' if q else ''}{said(q)}"
                                                               for p, t, q in pages]))
        for principle, title, what in re.findall(
                r'<li class="kudos-change"(?: data-principle="([\w-]+)")?>\s*<a class="kudos-chip kudos-change__page" '
                r'href="[^"]+"[^>]*>([^<]+)</a>\s*(?:<p class="kudos-change__summary">[^<]*</p>\s*)?'
                r'<ul class="kudos-change__what">(.*?)</ul>', body, re.S):
            lines = [said(t) for t in re.findall(r'<li class="kudos-change__what[^"]*">(.*?)</li>', what, re.S)]
            found.setdefault(day, []).append((principle, unescape(title), lines))
    return found


def test_changes_name_each_page_and_what_happened_to_it_by_day(built: Built) -> None:
    assert days(built) == {
        # Pages whose only change was a new summary are one item, each with its new words; a section taken out
        # and named like a page new that day (case and punctuation aside) moved there, and is said so.
        "2026-10-15": [
            ("alike", "2 pages have a new one-line summary", ["little-wows:Little wows [now: Small surprises, often.]",
                                                              "thank-out-loud:Thank out loud [now: Say it where others hear it.]"]),
            ("", "Home", ["Moved to its own page: Why This Handbook"]),
            ("", "Why This Handbook", ["A new page"]),
        ],
        "2026-10-14": [("", "Home", ["Home now says why we keep a handbook"])],
        "2026-10-11": [("little-wows", "Little wows", ["A new section: Where to start", "Taken out: 'Examples'"])],
        "2026-10-10": [("little-wows", "Little wows", ["A new section: Try one"])],
        "2026-10-09": [
            # The note is said first; the day's other commit is told from its headings.
            ("little-wows", "Little wows", ["Refunds now start with how we say sorry"]),
            ("", "Refunds", ["Refunds now start with how we say sorry",
                             "A section was renamed: Limits and exceptions [was: Limits]",
                             "Taken out: 'Old rules'"]),
        ],
        # The line itself as it is now (never the sentence it replaced: what a leader took out stays out).
        "2026-10-07": [("patience", "Patience says you're worth it", [
            "It has a new review date", "Reworded: Try this week [now: Two slow calls a day.]"])],
        # The new one-line summary itself.
        "2026-10-05": [("patience", "Patience says you're worth it", [
            "A new section: Try this week", "A new one-line summary [now: Why we slow down, always.]"])],
        "2026-10-01": [("", "Refunds", ["A new page"])],
        # A day of new pages is one line naming them, each in its principle's colour, not a card each.
        "2026-09-01": [("new pages", "4 new pages", [":Home", "little-wows:Little wows",
                                                    "patience:Patience says you're worth it",
                                                    "thank-out-loud:Thank out loud"])],
    }


def test_a_reworded_line_marks_the_words_that_are_new_and_never_quotes_what_was_taken_out(built: Built) -> None:
    html = built.page("changes/")
    assert ('<span class="kudos-change__quote"><ins><span class="kudos-visually-hidden">It now says: </span>'
            '<mark>Two slow calls</mark> a day.</ins>' in html)
    # A mark starts on a word: a change that begins with punctuation takes in the word before it.
    assert "It now says: </span>Why we slow <mark>down, always</mark>.</ins>" in html
    # The sentences the handbook no longer says are nowhere on the site, /changes/ included.
    for gone in ("One slow call a day.", "Why we slow down."):
        assert not [path for path, text in built.text_files().items() if gone in text], gone


def test_a_mark_holds_whole_words_never_starting_mid_phrase() -> None:
    from kudoswall.core.site.sections.changes import changed_words

    marked = [text for text, new in changed_words("cards for a birthday, congrats or other occasion.",
                                                  "cards for a birthday, congrats, get-well or other occasion.") if new]
    assert marked == ["congrats, get-well"]
    marked = [text for text, new in changed_words("Send a get-well card to the team.",
                                                  "Send a get-better card to the team.") if new]
    assert marked == ["get-better"]  # a word with a hyphen is one word, marked whole


def test_a_moved_section_links_to_its_new_page_and_is_not_said_taken_out(built: Built) -> None:
    html = built.page("changes/")
    day = html[html.index('datetime="2026-10-15"'):html.index('datetime="2026-10-14"')]
    assert re.search(r'<li class="kudos-change__what--moved">Moved to its own page: <a href="../why/">Why This Handbook</a>',
                     day), day
    assert "Taken out" not in day and "kudos-change__what--removed" not in day
    # Each page of a group is a link in its principle's colour; none also has a card of its own that day.
    assert '<a class="kudos-chip" href="../principles/little-wows/" data-principle="little-wows">Little wows</a>' in day
    assert day.count('href="../principles/little-wows/"') == 1 and day.count('href="../principles/thank-out-loud/"') == 1


def test_a_staff_note_wins_and_commit_subjects_never_show(built: Built) -> None:
    text = built.page("changes/")
    for subject in ("add refunds.md", "fix typo", "refactor(patience)", "chore: sync", "wording", "bump", "scoped layer",
                    "Initial import"):
        assert subject not in text, subject
    # The note stands for the commit's own change ("The introduction was reworded" is not derived for it).
    assert "The introduction was reworded" not in text and "Some of its wording changed" not in text


def test_a_heading_in_a_code_block_is_never_quoted_as_a_section(built: Built) -> None:
    html = built.page("changes/")
    assert "not a heading" not in html
    # A section taken out is named once, for what happened to it, and nowhere else on the site.
    assert html.count("Old rules") == 1
    for path, text in built.text_files().items():
        assert "Old rules" not in text or path.startswith("changes/"), path


def test_changes_are_only_handbook_pages_with_their_principles_colour(built: Built) -> None:
    html = built.page("changes/")
    assert "extra.css" not in html and "late.yml" not in html and "2026-10-12" not in html
    assert 'data-principle="patience"' in html and 'data-principle="little-wows"' in html
    assert 'href="../principles/patience/"' in html and 'href="../refunds/"' in html
    # The principles' colours come with the page, as on every other chip.
    assert "kudos-page--wide" in html


def test_each_card_says_what_its_page_is_about_in_the_pages_own_words(built: Built) -> None:
    html = built.page("changes/")
    cards = re.findall(r'<li class="kudos-change"[^>]*>(.*?)</p>\s*</li>', html, re.S)
    patience = [c for c in cards if 'href="../principles/patience/"' in c]
    refunds = [c for c in cards if 'href="../refunds/"' in c]
    assert patience and refunds
    # The summary as the page has it today, under the title; a page without one shows none; a card that quotes
    # the new summary as its change does not say it twice.
    quoted = [c for c in patience if "kudos-change__what--summary" in c]
    assert len(quoted) == 1 and "kudos-change__summary" not in quoted[0]
    assert re.sub(r"<[^>]+>", "", quoted[0]).count("Why we slow down, always.") == 1
    assert all('<p class="kudos-change__summary">Why we slow down, always.</p>' in c for c in patience if c not in quoted)
    assert not any("kudos-change__summary" in c for c in refunds)
    # One next step per card: read the page (its name said to screen readers too).
    for card in cards:
        assert card.count('class="kudos-change__read"') == 1
    assert ('<a class="kudos-change__read" href="../refunds/">Read it<span class="kudos-visually-hidden">: Refunds</span>'
            in refunds[0])


def test_words_only_taken_out_are_said_to_be_taken_out_and_never_quoted(tmp_path: Path) -> None:
    """"Reworded" with nothing to show read as a promise the card did not keep; what was taken out stays out."""
    site = make_site(tmp_path / "src")
    site.write_config()
    git(site.root, "init", "-q", "-b", "main", day="2026-09-01")
    page = ("---\nreview_by: 2027-01-01\n---\n# Refunds\n\nHow we refund.\n\nA sentence we regret.\n\n"
            "## Limits\n\nUp to 50.\n\nAnother line we drop.\n")
    commit(site, "Refunds", "2026-09-01", {"docs/refunds.md": page})
    # (A comment in the front matter starts with "#" as a title does: it is not a new title.)
    commit(site, "Shorter", "2026-10-01", {"docs/refunds.md": page.replace("A sentence we regret.\n\n", "").replace(
        "\n\nAnother line we drop.", "").replace("---\n#", "# Kept until the policy is signed off\n---\n#")})
    built = site.build()
    assert built.ok, built.log
    assert days(built)["2026-10-01"] == [("", "Refunds", [
        "Some sentences were taken out of the introduction", "Some sentences were taken out of Limits"])]
    for gone in ("A sentence we regret.", "Another line we drop."):
        assert not [path for path, text in built.text_files().items() if gone in text], gone
