"""`/changes/` publishes nothing the site does not: only pages it builds, no note naming someone off the wall,
and no heading or staff note (a `Staff-note:` trailer) as markup."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from readers import scan

from sites import Built, Site, make_site


def _git(root: Path, *args: str, day: str) -> None:
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@acme.test", "GIT_COMMITTER_NAME": "A",
           "GIT_COMMITTER_EMAIL": "a@acme.test", "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, timeout=30)


def _commit(site: Site, subject: str, day: str, files: dict[str, str]) -> None:
    for rel, text in files.items():
        site.write(rel, text)
    _git(site.root, "add", "-A", day=day)
    _git(site.root, "commit", "-q", "-m", subject, day=day)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site = make_site(tmp_path_factory.mktemp("changes") / "site-src")
    site.extra_config["exclude_docs"] = "internal/\n"
    site.extra_config["draft_docs"] = "drafts/\n"
    site.write_config()
    _git(site.root, "init", "-q", "-b", "main", day="2026-09-01")
    _commit(site, "First handbook", "2026-09-01", {})
    _commit(site, "Refunds: new limits", "2026-10-01", {"docs/refunds.md": "# Refunds\n\nHow we refund.\n"})
    _commit(site, "Layoff plan PWNEDexcluded", "2026-10-02", {"docs/internal/layoffs.md": "# Layoffs PWNEDexcluded\n"})
    _commit(site, "Reorg draft PWNEDdraft", "2026-10-03", {"docs/drafts/reorg.md": "# Reorg PWNEDdraft\n"})
    _commit(site, "Hidden notes PWNEDdot", "2026-10-04", {"docs/.notes/secret.md": "# Secret PWNEDdot\n"})
    _commit(site, "Escalation: thanks Zephyrine Quillfeather for the review", "2026-10-05",
            {"docs/escalation.md": "# Escalation\n\nWho to call.\n"})
    _commit(site, "Refunds: examples from zed-private", "2026-10-05",
            {"docs/refunds.md": "# Refunds\n\nHow we refund, with examples.\n"})
    hostile = ("# Refunds\n\nHow we refund, with examples.\n\n## <img src=x onerror=alert(1)>Limits <script>alert(2)</script>\n\n"
               "Up to 50.\n\n## [Call us](javascript:alert(3)) <b onmouseover=alert(4)>now</b>\n\nOr write.\n")
    _commit(site, "Headings", "2026-10-06", {"docs/refunds.md": hostile})
    _commit(site, "Welcome\n\nStaff-note: <script>alert(5)</script><img src=x onerror=alert(6)> PWNEDnote",
            "2026-10-06", {"docs/welcome.md": "# Welcome\n\nHello.\n"})
    _commit(site, "More\n\nStaff-note: With thanks to Zephyrine Quillfeather", "2026-10-06",
            {"docs/escalation.md": "# Escalation\n\nWho to call.\n\n## After hours\n\nThe pager.\n"})
    _commit(site, "Long\n\nStaff-note: " + "PWNEDlong " * 500, "2026-10-06",
            {"docs/escalation.md": "# Escalation\n\nWho to call.\n\n## After hours\n\nThe pager, always.\n"})
    # A changed line, a section taken out and a quote naming someone off the wall: words, or nothing.
    _commit(site, "Limits", "2026-10-08", {"docs/refunds.md": hostile.replace(
        "Up to 50.", "Up to <img src=x onerror=alert(7)>80 & more <script>alert(8)</script> [here](javascript:alert(9)) "
        "PWNEDline.").replace("\n## [Call us](javascript:alert(3)) <b onmouseover=alert(4)>now</b>\n\nOr write.\n", "")})
    after_hours = "# Escalation\n\nWho to call.\n\n## After hours\n\n"
    _commit(site, "Pager", "2026-10-08", {"docs/escalation.md": after_hours + "The pager, or Zephyrine Quillfeather on "
            "the phone.\n\n## Ask Zephyrine Quillfeather\n\nShe knows the pager.\n"})
    _commit(site, "Pager again", "2026-10-09", {"docs/escalation.md": after_hours + "The pager, or the phone.\n"})
    site.write("docs/old.md", "# Old PWNEDdeleted\n")
    _commit(site, "An old page", "2026-10-06", {})
    (site.root / "docs/old.md").unlink()
    _commit(site, "Remove the old page PWNEDgone", "2026-10-07", {})
    result = site.build()
    assert result.ok, result.log
    return result


def _changes(built: Built) -> str:
    html = built.page("changes/")
    return html[html.index("<h1"):]


def test_changes_name_only_pages_the_build_publishes(built: Built) -> None:
    changes = _changes(built)
    assert "Refunds" in changes and "Escalation" in changes
    for word in ("PWNEDexcluded", "PWNEDdraft", "PWNEDdot", "PWNEDdeleted", "PWNEDgone", "layoffs", "reorg", "old.md"):
        assert word not in changes


def test_every_link_on_changes_leads_to_a_built_page(built: Built) -> None:
    changes = _changes(built)
    links = re.findall(r'<a class="kudos-chip kudos-change__page" href="\.\./([^"]+)"', changes)
    assert links and all(built.exists(link) for link in links), links


def test_a_subject_or_staff_note_naming_someone_off_the_wall_is_not_published(built: Built) -> None:
    changes = _changes(built)
    assert "Escalation" in changes  # the change itself is listed, told from its headings instead
    assert "A new section: After hours" in changes
    for text in built.text_files().values():
        assert "Quillfeather" not in text and "Zephyrine" not in text and "zed-private" not in text
    assert "Refunds: new limits" not in changes  # subjects are never shown


def test_headings_and_staff_notes_are_text_never_markup(built: Built) -> None:
    changes = _changes(built)
    assert "PWNEDnote" in changes and "&lt;script&gt;alert(5)&lt;/script&gt;" in changes  # the note, as text
    ours = changes[:changes.index("</article>")] if "</article>" in changes else changes
    assert not re.search(r"<(script|img|b)\b|<[^>]*\bon\w+=|href=\"javascript:", ours), ours
    assert "A new section: Limits alert(2)" in ours and "Taken out: <q>Call us now</q>" in ours  # words, not markup
    # A long note is cut short; a heading is named by its words.
    assert changes.count("PWNEDlong") <= 200 // len("PWNEDlong ") + 1


def test_a_changed_line_and_a_section_taken_out_are_quoted_as_words_never_markup(built: Built) -> None:
    changes = _changes(built)
    ours = changes[:changes.index("</article>")] if "</article>" in changes else changes
    assert not re.search(r"<(script|img|b)\b|<[^>]*\bon\w+=|href=\"javascript:", ours), ours
    day = ours[ours.index('datetime="2026-10-08"'):ours.index('datetime="2026-10-06"')]
    assert "<ins><span class=\"kudos-visually-hidden\">It now says: </span>Up to 80 &amp; more alert(8) here PWNEDline.</ins>" in day
    assert "Taken out: <q>Call us now</q>" in day


def test_a_quote_naming_someone_off_the_wall_is_left_out_and_the_change_still_said(built: Built) -> None:
    changes = _changes(built)
    escalation = [card for card in re.findall(r'<li class="kudos-change"[^>]*>(.*?)</p>\s*</li>', changes, re.S)
                  if 'href="../escalation/">Escalation</a>' in card]
    said = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", card)).strip() for card in escalation]
    assert any("Reworded: After hours" in card and "kudos-change__quote" not in card for card in escalation), said
    assert any("1 section was taken out" in card for card in said), said


def test_the_changes_page_is_safe_as_its_readers_read_it(built: Built) -> None:
    found, _seen = scan(built.site_dir, "material")
    assert found == []
