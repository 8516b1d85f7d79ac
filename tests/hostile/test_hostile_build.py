"""Hostile input in a real site: `mkdocs build` and `kudos check` go on, report it, and publish no markup."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from readers import Markup, scan

from sites import PEOPLE, Built, Site, make_site

DEEP = "- " * 500 + "x"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("hostile") / "site-src")
    site.entry("2026/11/deep.yml", date="2026-11-22", giver="cleo-park", to=["dev-iyer"], message=DEEP)
    site.entry(
        "2026/11/hostile.yml", date="2026-11-21", giver="ben-okafor", to=["ana-lima", "zed-private"],
        title="<img src=x onerror=alert('PWNED0')>",
        message=(
            "<img src=x onerror=alert('PWNED1')> [x](javascript:alert('PWNED2')) "
            "<script>alert('PWNED3')</script> ![i](https://evil.example/PWNED4.png) "
            '<a href="https://ok.example" onclick="PWNED5()">a</a> <svg onload=PWNED6>'
        ),
    )
    return site


@pytest.fixture(scope="module")
def built(hostile_site: Site) -> Built:
    result = hostile_site.build()
    assert result.ok, result.log
    return result


def test_a_message_of_nested_list_markers_is_published_by_a_strict_build(built: Built) -> None:
    assert "data-kudos-id" in built.page("kudos/2026/11/")
    assert "RecursionError" not in built.log


def test_untrusted_text_never_becomes_markup_in_any_file(built: Built) -> None:
    """Every file as its reader reads it: pages, the search index, the JSON our scripts insert, feeds, calendar."""
    found, seen = scan(built.site_dir, "material")
    assert found == []
    assert {"html:html:", "json:html:docs", "json:html:html", "xml:html:content"} <= seen


def test_published_entries_still_thank_the_visible_recipients(built: Built) -> None:
    ana = built.page("people/ana-lima/")
    assert "PWNED1" in ana  # shown as text to Ana, whose co-recipient opted out
    assert "zed-private" not in ana


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX pipes")
def test_a_fifo_never_blocks_the_build_or_check_a_plain_build_warns_and_strict_fails(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site-src")
    os.mkfifo(site.root / "kudos/2026/11/x.yml")
    plain = site.build(strict=False)
    assert plain.ok, plain.log
    assert "kudos/2026/11/x.yml: is not a regular file" in plain.log
    assert "A billing rescue" in plain.page("kudos/")
    assert not site.build().ok
    check = site.kudos("check")
    assert check.returncode == 1 and "kudos/2026/11/x.yml: is not a regular file" in check.stdout


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_names_teams_titles_and_principle_headings_never_become_markup_in_the_themes_own_templates(
    tmp_path: Path, theme: str
) -> None:
    """The theme prints a page's title unescaped (in <title>, the header, the nav); ours come from data."""
    site = make_site(tmp_path / "site-src")
    site.theme = theme
    site.plugin_options["stories_on_principle"] = 0  # every principle with a story gets a stories page
    site.people({
        **PEOPLE,
        "ben-okafor": {"name": "</title><script>alert('PWNED11')</script>"},
        "ana-lima": {"name": "<img src=x onerror=alert('PWNED7')>", "team": "<script>PWNED8</script>",
                     "title": "<svg onload=PWNED9>"},
    })
    site.write("docs/principles/patience.md", "# <img src=x onerror=alert('PWNED10')> Patience\n\nText.\n")
    site.entry("2026/11/a.yml", date="2026-11-20", giver="ben-okafor", to=["ana-lima"],
               principles=["patience"], message="Thanks.")
    result = site.build()
    assert result.ok, result.log
    # The leader's own page is theirs to write (MkDocs passes its HTML); every page we make from it is ours.
    pages = {p: t for p, t in result.text_files().items()
             if p.endswith(".html") and p != "principles/patience/index.html"}
    assert "PWNED10" in pages["principles/patience/stories/index.html"]
    assert any("PWNED7" in t for t in pages.values())
    for path, text in pages.items():
        parser = Markup()
        parser.feed(text)
        assert parser.live == [], path
        assert "<script>PWNED" not in text, path
    head = result.page("people/ana-lima/").split("</title>")[0]
    assert "<img" not in head and "\u2039img src=x onerror=alert" in head
