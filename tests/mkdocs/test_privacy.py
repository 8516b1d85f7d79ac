"""Privacy and safety, checked on every file of a built site (pages, search index, JSON)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from sites import Built, Site

OPTED_OUT = ("Zephyrine", "Quillfeather", "zed-private")
NEVER_PUBLISHED = "A private thank-you that must never be published."


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
        title="Shared thanks", message="Thanks for covering the phones together.",
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






@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_each_entry_is_in_the_search_index_once(site: Site, theme: str) -> None:
    site.theme = theme
    built = site.build()
    assert built.ok, built.log
    index = json.loads((built.site_dir / "search/search_index.json").read_text())
    for phrase in ("A billing rescue", "made her whole week", "covering my shift", "refunds queue"):
        pages = {doc["location"].split("#")[0] for doc in index["docs"] if phrase in doc["text"] + doc["title"]}
        assert len(pages) == 1 and next(iter(pages)).startswith("kudos/20"), (phrase, pages)
