"""The wall as a wall: full width on an office screen, nothing sideways on a
phone, a skip link on every generated page, today's three on a phone, the
arriving note highlighted, the people filter, and print (to PDF) with one
targeted note printed alone as a card."""

from __future__ import annotations

import io
from typing import Any

import pytest

pypdf = pytest.importorskip("pypdf")

# Every kind of page the plugin makes, in the fixture company.
PAGES = {
    "home": "",
    "wall": "kudos/",
    "wall-page-2": "kudos/page/2/",
    "month": "kudos/2026/11/",
    "month-page-2": "kudos/2026/11/page/2/",
    "people": "people/",
    "person": "people/dev-iyer/",
    "person-received": "people/dev-iyer/received/",
    "principle": "principles/patience/",
    "principles": "principles/",
    "stories": "principles/patience/stories/",
    "give": "kudos/give/",
}
THEMES = {"material": {}, "mkdocs": {"theme": {"name": "mkdocs"}}}
WIDE = ["wall", "month", "person", "people"]


@pytest.mark.parametrize("kind", WIDE)
def test_wall_pages_fill_an_office_screen(material_site: Any, axe_page: Any, kind: str) -> None:
    page = axe_page(viewport={"width": 1920, "height": 1080})
    page.goto(material_site.at(PAGES[kind]))
    width = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('.kudos-list, .kudos-directory')]"
        ".map(e => e.getBoundingClientRect().width))"
    )
    assert width >= 0.85 * 1920, f"{kind}: the notes use {width}px of 1920px"
    if kind == "people":
        # The cards themselves reach across it, not only the box around them.
        reach = page.evaluate("() => { const cards = [...document.querySelectorAll('.kudos-person-card')].map(e => e.getBoundingClientRect());"
                              " return Math.max(...cards.map(b => b.right)) - Math.min(...cards.map(b => b.left)); }")
        assert reach >= 0.85 * 1920, f"the people's cards span {reach}px of 1920px"
    # No navigation or table of contents column takes the space.
    assert page.evaluate(
        "() => [...document.querySelectorAll('.md-sidebar')].every(s => s.hidden || !s.offsetWidth"
        " || getComputedStyle(s).visibility === 'hidden')"
    )
    if kind in ("wall", "month"):
        columns = page.evaluate("getComputedStyle(document.querySelector('.kudos-list')).gridTemplateColumns")
        assert len(columns.split()) >= 4, columns


@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("theme", list(THEMES))
def test_no_page_scrolls_sideways_on_a_phone(build_company: Any, axe_page: Any, theme: str, kind: str) -> None:
    served = build_company(**THEMES[theme])
    page = axe_page(viewport={"width": 390, "height": 844})
    page.goto(served.at(PAGES[kind]))
    if kind == "give":
        page.wait_for_selector("#kudos-give", state="visible")
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390, f"{theme} {kind}: {wide}px wide on a 390px screen"


@pytest.mark.parametrize("kind", [k for k in PAGES if k not in ("home", "principle", "principles")])
def test_every_generated_page_has_a_working_skip_link(material_site: Any, new_page: Any, kind: str) -> None:
    page = new_page()
    page.goto(material_site.at(PAGES[kind]))
    if kind == "give":
        # The give page puts the focus on its first field as it opens, inside the
        # main content: what the skip link is for is done. Nothing before it is skipped.
        page.wait_for_selector("#kudos-give[data-ready]", state="attached")
        assert page.evaluate("!!document.activeElement.closest('#kudos-main')")
        return
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.classList.contains('md-skip'), document.activeElement.getAttribute('href')]")
    assert focused == [True, "#kudos-main"], focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#kudos-main"
    assert page.query_selector("#kudos-main .kudos-page, #kudos-main h1, .kudos-page#kudos-main")


def test_a_phone_shows_three_of_todays_notes(build_company: Any, new_page: Any) -> None:
    served = build_company(featured_count=5)
    for width, expected in ((390, 3), (1280, 5)):
        page = new_page(viewport={"width": width, "height": 844})
        page.goto(served.at(""))
        shown = page.eval_on_selector_all("[data-featured] [data-kudos-id]", "els => els.filter(e => e.offsetHeight).length")
        assert shown == expected, (width, shown)
    assert page.get_attribute(".kudos-featured__items", "aria-live") == "polite"
    # One heading for the set, no second one above it.
    assert page.eval_on_selector_all("[data-featured] :is(h1, h2)", "els => els.length") == 1


def test_an_untitled_note_names_its_recipient_once(material_site: Any, new_page: Any) -> None:
    page = new_page()
    page.goto(material_site.at("people/dev-iyer/received/"))
    texts = page.eval_on_selector_all(".kudos-entry", "els => els.map(e => e.innerText)")
    for text in texts:
        assert "Thanks to" not in text and "For " not in text, text
    customer = page.query_selector(".kudos-entry--customer")
    assert customer is not None
    assert customer.query_selector("blockquote") and "Customer praise" in customer.text_content()


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_arriving_at_a_permanent_link_highlights_the_note(material_site: Any, new_page: Any, motion: str) -> None:
    page = new_page(reduced_motion=motion)
    page.goto(material_site.at("kudos/2026/11/"))
    entry_id = page.get_attribute(".kudos-list .kudos-entry:nth-child(2) h2[id]", "id")
    page.goto(material_site.at(f"kudos/2026/11/#{entry_id}"))
    note = f".kudos-entry[data-kudos-id='{entry_id}']"
    style = page.eval_on_selector(note, "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).animationName]")
    assert style[0] == "solid"
    assert (style[1] == "none") == (motion == "reduce"), style
    other = page.eval_on_selector(".kudos-list .kudos-entry:nth-child(1)", "e => getComputedStyle(e).outlineStyle")
    assert other == "none"


def test_the_people_filter_narrows_the_list_and_is_extra(material_site: Any, new_page: Any, browser: Any) -> None:
    page = new_page()
    page.goto(material_site.at("people/"))
    teams = page.eval_on_selector_all(".kudos-team h2", "els => els.map(e => e.textContent.trim())")
    assert teams == ["Billing", "Support"]
    own = page.evaluate("[...document.querySelector('.kudos-page').children].filter(e => !e.matches('.kudos-nav')).map(e => e.innerText).join(' ')")
    assert "kudos" not in own.lower()  # no counts (the line of links to every kudos page aside)
    page.fill("#kudos-filter-input", "cleo")
    visible = page.eval_on_selector_all(".kudos-person-card", "els => els.filter(e => e.offsetHeight).map(e => e.innerText)")
    assert len(visible) == 1 and "Cleo Park" in visible[0]
    page.fill("#kudos-filter-input", "nobody-at-all")
    assert page.inner_text("#kudos-filter-status") == "Nobody matches."
    # The box says what it is for, and finds people by who they are, not by the words of their
    # latest thanks or the "Thank …" on every card.
    assert page.inner_text(".kudos-filter label") == "Find a colleague"
    assert page.get_attribute("#kudos-filter-input", "placeholder") == "A name, a role or a team"
    latest = page.inner_text(".kudos-person-card__latest")
    for words in (latest.split()[-1], "thank"):
        page.fill("#kudos-filter-input", words)
        assert page.inner_text("#kudos-filter-status") == "Nobody matches.", words
    # Without JavaScript: no box, everyone listed.
    context = browser.new_context(java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(material_site.at("people/"))
        assert not plain.is_visible("#kudos-filter-input")
        assert len(plain.query_selector_all(".kudos-person-card")) == 4
    finally:
        context.close()


def pdf_text(page: Any) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    return len(reader.pages), "\n".join(p.extract_text() or "" for p in reader.pages)


@pytest.mark.parametrize("path", ["kudos/", "kudos/2026/11/", "people/dev-iyer/", "people/"])
def test_pages_print_without_chrome_or_split_notes(material_site: Any, new_page: Any, path: str) -> None:
    page = new_page()
    page.goto(material_site.at(path))
    page.emulate_media(media="print")
    assert page.evaluate(
        "[...document.querySelectorAll('.kudos-entry')].every(e => getComputedStyle(e).breakInside === 'avoid')"
    )
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".kudos-pager", ".kudos-months"):
        element = page.query_selector(chrome)
        assert element is None or not element.is_visible(), chrome
    count, text = pdf_text(page)
    assert count >= 1 and text.strip()
    assert "Skip to content" not in text and "Previous" not in text


def test_a_targeted_note_prints_alone_as_a_card(material_site: Any, new_page: Any) -> None:
    page = new_page()
    page.goto(material_site.at("kudos/2026/11/"))
    entries = page.eval_on_selector_all(
        ".kudos-list .kudos-entry", "els => els.map(e => [e.querySelector('h2').id, e.innerText])"
    )
    target, text = entries[1]
    page.goto(material_site.at(f"kudos/2026/11/#{target}"))
    count, printed = pdf_text(page)
    assert count == 1
    flat = " ".join(printed.split())
    first_line = text.strip().splitlines()[0]
    assert first_line in flat
    for other_id, other_text in entries:
        if other_id != target:
            assert " ".join(other_text.split()[:12]) not in flat
    assert "By month" not in flat and "Newer" not in flat and "Older" not in flat
