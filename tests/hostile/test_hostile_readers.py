"""Hostile words in every place a user writes them, checked in every file as its reader reads it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from readers import calendar_problems, live_markup, scan

from sites import PEOPLE, make_site

HOSTILE_NAME = "<img src=x onerror=alert('PWNEDname')> Ana"
HOSTILE_TITLE = "<img src=x onerror=alert('PWNEDtitle')>"
HOSTILE_MESSAGE = (
    "Thanks <img src=x onerror=alert('PWNEDmsg')> and &lt;b onmouseover=PWNEDent&gt; "
    "<script>alert('PWNEDscript')</script> [x](javascript:alert('PWNEDlink'))"
)


@pytest.fixture(scope="module", params=["material", "mkdocs"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    theme = request.param
    site = make_site(tmp_path_factory.mktemp(f"readers-{theme}") / "site-src")
    site.theme = theme
    site.people({
        **PEOPLE,
        "ana-lima": {**PEOPLE["ana-lima"], "name": HOSTILE_NAME, "team": "Support <b onclick=PWNEDteam>"},
    })
    site.entry("2026/11/hostile.yml", date="2026-11-21", giver="ben-okafor", to=["ana-lima"],
               title=HOSTILE_TITLE, message=HOSTILE_MESSAGE, principles=["patience"])
    site.write("kudos/cards/ana-card.yml",
               "title: \"<svg onload=PWNEDcard> Happy birthday\"\nfor: ana-lima\noccasion: birthday\n"
               "date: 2026-11-20\n")
    site.entry("2026/11/sign.yml", date="2026-11-20", giver="cleo-park", to=["ana-lima"],
               card="ana-card", message="Signed <iframe src=javascript:PWNEDsign>")
    result = site.build()
    assert result.ok, result.log
    return result.site_dir, theme


def test_no_hostile_word_becomes_markup_or_calendar_structure_in_any_file(built: tuple[Path, str]) -> None:
    site_dir, theme = built
    found, seen = scan(site_dir, theme)
    assert found == []
    # The scan really read the hostile words where their readers take them as HTML.
    assert "html:html:" in seen  # the pages themselves
    assert "json:html:html" in seen  # the featured days' notes
    assert "xml:html:content" in seen and "json:html:items" in seen  # both feeds
    assert "ics:calendar:" in seen  # Ana's birthday, under her hostile name
    if theme == "material":
        assert "json:html:docs" in seen  # Material's search index, shown as HTML


def test_the_search_index_holds_the_words_as_the_themes_own_indexer_would(built: tuple[Path, str]) -> None:
    site_dir, theme = built
    docs = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    record = next(d for d in docs if "PWNEDmsg" in d["text"])
    if theme == "material":
        # Escaped as Material's indexer escapes a page's text: shown, the words read as typed.
        assert "&lt;img src=x onerror=alert('PWNEDmsg')&gt;" in record["text"]
        assert "&lt;img" in record["title"] and "<img" not in record["title"]
    else:
        # MkDocs' indexer keeps plain text; its theme escapes what it shows.
        assert "<img src=x onerror=alert('PWNEDmsg')>" in record["text"]
        assert "<img" in record["title"]


def test_the_calendar_check_catches_a_word_that_starts_a_line() -> None:
    assert calendar_problems("x.ics", "BEGIN:VEVENT\r\nSUMMARY:ok\r\nPWNED:1\r\nEND:VEVENT\r\n")
    assert calendar_problems("x.ics", "SUMMARY:a\nPWNED;X=1:b\r\n")
    assert calendar_problems("x.ics", "SUMMARY:a PWNED\r\n") == []


def test_the_html_check_catches_live_markup() -> None:
    assert live_markup("<p>&lt;img src=x onerror=PWNED&gt;</p>") == []
    assert live_markup("<img src=x onerror=PWNED>")
    assert live_markup("<script>PWNED()</script>")
