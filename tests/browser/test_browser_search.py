"""A hostile word typed into each theme's own search box: the results show it as text, and nothing runs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browserkit import MATERIAL_THEME, build_ok

from sites import PEOPLE, TODAY, make_site

WORD = "zanzibarquux"
HOSTILE = f"<img src=x onerror=\"window.__pwned=(window.__pwned||0)+1\"> {WORD}"


@pytest.fixture
def searching_page(browser: Any) -> Iterator[Any]:
    """A page whose clock starts on the fixtures' day and runs: the themes' search waits out typing pauses."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    context.clock.install(time=f"{TODAY}T12:00:00Z")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def hostile_site(root: Path, theme: Any) -> Any:
    site = make_site(root)
    site.theme = theme
    site.people({**PEOPLE, "ana-lima": {**PEOPLE["ana-lima"], "name": f"Ana {HOSTILE}"}})
    site.entry("2026/11/hostile.yml", date="2026-11-21", giver="ben-okafor", to=["ana-lima"],
               title=HOSTILE, message=f"Thanks {HOSTILE} for the calm handover.")
    return site


def test_material_search_shows_a_hostile_word_as_text(
    tmp_path: Path, serve: Callable[[Path], str], searching_page: Any,
) -> None:
    built = build_ok(hostile_site(tmp_path / "m", MATERIAL_THEME))
    page = searching_page
    page.goto(serve(built.site_dir) + "kudos/")
    page.keyboard.press("/")  # Material's shortcut to the search box
    page.keyboard.type(WORD, delay=20)  # as a reader types: Material searches on key presses
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    page.wait_for_timeout(300)  # let every result (and any image) load
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator(".md-search-result img").count() == 0
    shown = page.locator(".md-search-result").inner_text()
    assert "<img src=x onerror=" in shown  # the words as typed, not an element
    assert page.errors == []


def test_the_plain_themes_search_shows_a_hostile_word_as_text(
    tmp_path: Path, serve: Callable[[Path], str], searching_page: Any,
) -> None:
    built = build_ok(hostile_site(tmp_path / "p", {"name": "mkdocs"}))
    page = searching_page
    base = serve(built.site_dir)
    page.goto(base + "kudos/")
    page.keyboard.press("s")  # the theme's shortcut to its search dialog
    page.locator("#mkdocs-search-query").wait_for()
    page.keyboard.type(WORD, delay=20)
    results = page.locator("#mkdocs-search-results article")
    results.first.wait_for()
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#mkdocs-search-results img").count() == 0
    assert "<img src=x onerror=" in page.locator("#mkdocs-search-results").inner_text()
