"""Privacy and safety, checked on every file of a built site (pages, search index, JSON)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from sites import Built, Site

OPTED_OUT = ("Zephyrine", "Quillfeather", "zed-private")
NEVER_PUBLISHED = "A private thank-you that must never be published."


class Markup(HTMLParser):
    """Collects what a browser would execute or load from a piece of HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag in ("script", "style")
        for name, value in attrs:
            value = value or ""
            if "PWNED" not in value + name:
                continue  # the theme's own markup
            executes = name.startswith("on") or name in ("src", "srcdoc", "style", "action", "formaction")
            unsafe_link = name == "href" and not value.startswith(("https://", "http://", "mailto:"))
            if executes or unsafe_link or tag in ("img", "iframe", "svg", "object", "embed", "script"):
                self.live.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "PWNED" in data:
            self.live.append(f"script: {data[:80]}")


def live_markup(html: str) -> list[str]:
    parser = Markup()
    parser.feed(html)
    return parser.live


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


@pytest.fixture
def built(site: Site) -> Built:
    people = {
        "ana-lima": {"name": "Ana Lima", "birthday": "04-17", "email": "ana.lima@corp.example"},
        "ben-okafor": {"name": "Ben Okafor"},
        "cleo-park": {"name": "Cleo Park"},
        "dev-iyer": {"name": "Dev Iyer"},
        "zed-private": {"name": "Zephyrine Quillfeather", "wall": False},
    }
    site.people(people)
    site.entry(
        "2026/11/hostile.yml", date="2026-11-21", giver="ben-okafor", to=["ana-lima", "zed-private"],
        title="<img src=x onerror=alert('PWNED0')>",
        message=(
            "<img src=x onerror=alert('PWNED1')> [x](javascript:alert('PWNED2')) "
            "<script>alert('PWNED3')</script> ![i](https://evil.example/PWNED4.png) "
            '<a href="https://ok.example" onclick="PWNED5()">a</a> <svg onload=PWNED6>'
        ),
    )
    result = site.build()
    assert result.ok, result.log
    return result


def test_an_opted_out_person_appears_nowhere(built: Built) -> None:
    for path, text in built.text_files().items():
        for needle in (*OPTED_OUT, NEVER_PUBLISHED):
            assert needle not in text, (path, needle)
    assert not built.exists("people/zed-private/")


def test_kudos_given_by_an_opted_out_person_show_a_colleague(built: Built) -> None:
    october = built.page("kudos/2026/10/")
    article = october.split("Dev untangled the refunds")[1].split("</article>")[0]
    assert "From a colleague" in article


def test_an_anonymous_giver_is_not_linked_to_their_kudos_anywhere(built: Built) -> None:
    for path, text in built.text_files().items():
        for chunk in re.split(r"<article", text)[1:]:
            if "covering my shift" in chunk.split("</article>")[0]:
                article = chunk.split("</article>")[0]
                assert "Dev Iyer" not in article and "dev-iyer" not in article, path
                assert "From a colleague" in article
    assert "covering my shift" not in built.page("people/dev-iyer/")
    index = json.loads((built.site_dir / "search/search_index.json").read_text())
    for doc in index["docs"]:
        if "covering my shift" in doc["text"]:
            assert "Dev Iyer" not in doc["text"]


def test_customer_praise_names_no_customer(built: Built) -> None:
    article = built.page("kudos/2026/11/").split("made her whole week")[1].split("</article>")[0]
    assert "From a customer" in article


def test_no_birthday_and_no_email_is_published(built: Built) -> None:
    for path, text in built.text_files().items():
        assert "04-17" not in text and "ana.lima@corp.example" not in text, path


def test_untrusted_text_never_becomes_markup_in_any_file(built: Built) -> None:
    files = built.text_files()
    checked = 0
    for path, text in files.items():
        if path.endswith(".html"):
            assert live_markup(text) == [], path
            checked += "PWNED" in text
        elif path.endswith(".json"):
            for value in strings(json.loads(text)):
                # Material's search and our featured files are inserted as HTML by scripts.
                assert live_markup(value) == [], (path, value[:200])
                checked += "PWNED" in value
    assert checked >= 3  # the hostile entry really was published (wall, archive, search, JSON)


def test_published_entries_still_thank_the_visible_recipients(built: Built) -> None:
    ana = built.page("people/ana-lima/")
    assert "PWNED1" in ana  # shown as text to Ana, whose co-recipient opted out
    assert "zed-private" not in ana


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_each_entry_is_in_the_search_index_once(site: Site, theme: str) -> None:
    site.theme = theme
    built = site.build()
    assert built.ok, built.log
    index = json.loads((built.site_dir / "search/search_index.json").read_text())
    for phrase in ("A billing rescue", "made her whole week", "covering my shift", "refunds queue"):
        pages = {doc["location"].split("#")[0] for doc in index["docs"] if phrase in doc["text"] + doc["title"]}
        assert len(pages) == 1 and next(iter(pages)).startswith("kudos/20"), (phrase, pages)
