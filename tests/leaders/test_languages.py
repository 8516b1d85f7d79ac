"""A site in Spanish, French or German shows none of the plugin's English strings; `strings` rewords any."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from sites import Site

LOCALE = Path(__file__).resolve().parents[2] / "plugins" / "kudoswall" / "locale"
PAGES = ("kudos/", "kudos/stats/", "people/", "people/ana-lima/", "kudos/give/", "changes/", "principles/",
         "principles/patience/", "kudos/2026/11/")
SHOWN = ("aria-label", "title", "placeholder", "alt", "label")


class Texts(HTMLParser):
    """The text a reader sees in the page's content (not the theme's navigation, which names
    folders): text nodes and labelling attributes, outside scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.skip = 0
        self.inside = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "article":
            self.inside += 1
        if self.inside:
            self.texts += [v.strip() for k, v in attrs if k in SHOWN and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1
        if tag == "article":
            self.inside -= 1

    def handle_data(self, data: str) -> None:
        if self.inside and not self.skip and data.strip():
            self.texts.append(" ".join(data.split()))


def english_patterns(language: str) -> list[re.Pattern[str]]:
    """Our messages whose translation differs from the English, as patterns with their placeholders."""
    with (LOCALE / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        catalog = read_po(file)
    patterns = []
    for message in catalog:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        translated = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in english:
            if text in translated:
                continue  # the same word in both languages ("Kudos", "Date")
            if len(re.sub(r"%\(\w+\)[sd]", " ", text).split()) < 2:
                continue  # "%(number)s of %(total)s" would match any " of " in the site's own text
            pattern = re.escape(" ".join(text.split()))
            pattern = re.sub(r"%\\\(\w+\\\)[sd]", ".+?", pattern)
            patterns.append(re.compile(pattern))
    return patterns


@pytest.mark.parametrize("language", ["es", "fr", "de"])
def test_no_english_string_of_ours_is_left(leaders_site: Site, language: str) -> None:
    leaders_site.write("docs/principles/patience.md", "---\nowner: ana-lima\nreview_by: 2026-11-01\n---\n# Patience\n")
    leaders_site.theme = {"name": "material", "language": language}
    built = leaders_site.build()
    assert built.ok, built.log
    patterns = english_patterns(language)
    for url in PAGES:
        parser = Texts()
        parser.feed(built.page(url))
        # Each text node is one message at most (templates put one message per node).
        left = [(t, p.pattern) for t in parser.texts for p in patterns if p.fullmatch(t)]
        assert left == [], (language, url)
    heading = {"es": "Kudos por mes", "fr": "Kudos par mois", "de": "Kudos pro Monat"}[language]
    assert f'<h2 id="per-month">{heading}</h2>' in built.page("kudos/stats/")


def test_a_site_rewords_a_string_in_mkdocs_yml(leaders_site: Site) -> None:
    leaders_site.plugin_options["strings"] = {"Kudos wall": "Wall of thanks", "Kudos per month": "Thanks by month"}
    built = leaders_site.build()
    assert built.ok, built.log
    assert "<h1>Wall of thanks</h1>" in built.page("kudos/")
    assert "Thanks by month" in built.page("kudos/stats/") and "Kudos per month" not in built.page("kudos/stats/")
    bad = leaders_site
    bad.plugin_options["strings"] = {"Kudos wall": 3}
    assert not bad.build().ok


def test_a_card_for_a_customer_is_declined_as_one_phrase_in_german(leaders_site: Site) -> None:
    """German declines "a customer" after "für": einen Kunden, never "für ein Kunde"."""
    leaders_site.write("kudos/cards/thanks-acme.yml",
                       "title: Thank you, Acme\nfor: customer\noccasion: other\ndate: 2026-11-20\n")
    leaders_site.entry("2026/11/sign-acme.yml", date="2026-11-20", giver="ana-lima", to=["customer"],
                       card="thanks-acme", message="Thank you for ten years together.")
    leaders_site.theme = {"name": "material", "language": "de"}
    built = leaders_site.build()
    assert built.ok, built.log
    wall = built.page("kudos/")
    feed = (built.site_dir / "kudos/feed.xml").read_text(encoding="utf-8")
    assert "Für einen Kunden" in wall
    assert "für einen Kunden, von 1 Person unterschrieben" in feed
    for path in built.site_dir.rglob("*"):
        if path.suffix in {".html", ".xml", ".json"}:
            assert "für ein Kunde" not in path.read_text(encoding="utf-8").lower(), path
