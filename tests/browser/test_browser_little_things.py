"""Cards and campaigns printed to PDF by headless Chromium; the new pages axe-clean in both schemes."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browserkit import Served, build_ok, run_axe
from pypdf import PdfReader

from sites import make_little_things_site

EXTRA_SIGNATURES = 30


@pytest.fixture(scope="module")
def little(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> Served:
    site = make_little_things_site(tmp_path_factory.mktemp("little") / "src", signatures=EXTRA_SIGNATURES)
    # A campaign that runs today: its "Write a note" buttons are checked in both schemes.
    site.write("kudos/campaigns/thanks-week.yml", "title: Thanks week\nstart: 2026-11-23\nend: 2026-11-27\nnotes_per_person: 3\n")
    built = build_ok(site)
    return Served(built, serve(built.site_dir), site)


def pdf_pages(page: Any, url: str, paper: str) -> list[str]:
    page.goto(url)
    page.emulate_media(media="print")
    pdf = page.pdf(format=paper, print_background=True)
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_card_prints_on_several_sheets_without_splitting_a_signature(little: Served, new_page: Any, paper: str) -> None:
    pages = pdf_pages(new_page(), little.at("cards/ben-birthday-2026/"), paper)
    assert len(pages) >= 2, "the card is long enough to need several sheets"
    assert "Happy birthday, Ben!" in pages[0] and "birthday card" in pages[0].lower()
    for number in range(EXTRA_SIGNATURES):
        begin, end = f"SIG{number:02d}BEGIN", f"SIG{number:02d}END"
        on = [i for i, text in enumerate(pages) if begin in text]
        assert len(on) == 1, (begin, on)
        assert end in pages[on[0]], f"signature {number} is split across sheets"
    assert "Sign this card" not in " ".join(pages)  # screen-only links stay off paper


def test_a_campaign_prints_as_a_poster_with_every_note_whole(little: Served, new_page: Any) -> None:
    pages = pdf_pages(new_page(), little.at("campaigns/csw-2026/"), "A4")
    text = " ".join(pages)
    assert "Still waiting for a note" in text and "Gil Ray" in text
    for name in ("ana-1", "ana-2", "ana-3", "ben-1", "ben-2", "cleo-1", "zed-1", "zed-2"):
        note = f"Campaign note {name}, thank you."
        assert sum(note in p for p in pages) == 1, note


NEW_PAGES = {
    "card": ("cards/ben-birthday-2026/", ".kudos-signature"),
    "campaign": ("campaigns/csw-2026/", ".kudos-sticky"),
    "teams": ("teams/", ".kudos-team-card"),
    "team": ("teams/support/", ".kudos-list [data-kudos-id]"),
    "celebrations": ("celebrations/", "[data-kudos-strip] .kudos-celebration"),  # today and the next days, a strip
    "celebrations-month": ("celebrations/2026-12/", ".kudos-calendar .kudos-celebration"),  # a quiet month's sheet
    "little-things": ("little-things/", ".kudos-idea"),
    "wall-with-a-card": ("kudos/", ".kudos-card-item"),
    "cards-index": ("cards/", ".kudos-cardfront .kudos-avatar--hero"),
    "campaigns-index": ("campaigns/", ".kudos-campaign-tile"),
    "campaign-running": ("campaigns/thanks-week/", ".kudos-actions .kudos-action"),
    "person-with-a-card": ("people/ben-okafor/", ".kudos-list--received .kudos-entry__giver"),
    "stats": ("kudos/stats/", ".kudos-chart__bar"),
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(NEW_PAGES))
def test_the_new_pages_have_no_axe_violations(little: Served, axe_page: Any, axe_source: str, kind: str, scheme: str) -> None:
    path, proof = NEW_PAGES[kind]
    page = axe_page(color_scheme=scheme)
    page.goto(little.at(path))
    assert page.locator(proof).count() > 0
    violations = run_axe(page, axe_source, [("color-contrast", ".md-copyright")])
    assert violations == [], violations


def test_a_card_chosen_before_the_people_arrive_still_thanks_whom_it_is_for(little: Served, new_page: Any) -> None:
    """The cards' file may come back before the people's: the card's recipient is added once they do."""
    page = new_page()
    held: list[Any] = []
    cards: list[str] = []
    page.on("requestfinished", lambda request: cards.append(request.url) if "cards.json" in request.url else None)
    page.route("**/kudos/give/people-*.json", lambda route: held.append(route))  # noqa: PLW0108 - Playwright needs a Python function
    page.goto(little.at("kudos/give/?card=ben-birthday-2026"), wait_until="domcontentloaded")
    deadline = time.monotonic() + 10
    while (not held or not cards) and time.monotonic() < deadline:
        page.wait_for_timeout(20)
    assert held and cards and page.locator("#kudos-to-list li").count() == 0  # nobody known yet
    for route in held:
        route.continue_()
    page.wait_for_selector("#kudos-give[data-ready]", state="attached")
    assert page.input_value("#kudos-card") == "ben-birthday-2026"
    page.wait_for_function("document.querySelectorAll('#kudos-to-list li').length === 1")
    assert "Ben Okafor" in page.inner_text("#kudos-to-list")


def test_the_give_page_signs_a_card_from_the_cards_link(little: Served, new_page: Any) -> None:
    page = new_page()
    page.goto(little.at("cards/ben-birthday-2026/"))
    page.click("text=Sign this card")
    page.wait_for_selector("#kudos-give:not([hidden])")
    page.wait_for_function("document.getElementById('kudos-card').value === 'ben-birthday-2026'")
    assert page.locator("#kudos-card option").all_inner_texts() == [
        "No card", "Thank you for recommending us", "Happy birthday, Ben!",
    ]
    page.fill("#kudos-from", "cleo")
    page.keyboard.press("Enter")
    page.fill("#kudos-message", "Happy birthday from Billing!")
    page.eval_on_selector("#kudos-more", "d => { d.open = true; }")
    page.fill("#kudos-date", "2026-11-24")
    page.click("button[type=submit]")
    text = page.input_value("#kudos-yaml")
    assert "to: [ben-okafor]" in text and text.endswith("card: ben-birthday-2026\n")
    assert page.text_content("#kudos-file-name").endswith("2026-11-24-cleo-park-signs-ben-birthday-2026.yml")
    # The build accepts it as a signature.
    assert little.site is not None
    little.site.write("kudos/2026/11/signed-in-browser.yml", text)
    check = little.site.kudos("check")
    little.site.root.joinpath("kudos/2026/11/signed-in-browser.yml").unlink()
    assert check.returncode == 0, check.stdout


def test_the_little_things_page_leads_to_a_form_that_writes_an_idea_file(little: Served, new_page: Any, axe_source: str) -> None:
    page = new_page()
    page.goto(little.at("little-things/"))
    page.click("text=Suggest a little thing")
    page.wait_for_selector("#kudos-idea:not([hidden])")
    page.click("#kudos-idea-make")
    assert page.get_attribute("#kudos-idea-text", "aria-invalid") == "true"
    page.fill("#kudos-idea-text", 'Learn a regular customer\'s name, and "use" it')
    page.select_option("#kudos-idea-by", "ben-okafor")
    page.fill("#kudos-idea-tags", "Customers, little wows")
    page.click("#kudos-idea-make")
    text = page.input_value("#kudos-idea-yaml")
    assert text == 'idea: "Learn a regular customer\'s name, and \\"use\\" it"\nby: ben-okafor\ntags: [customers, little-wows]\n'
    assert run_axe(page, axe_source, [("color-contrast", ".md-copyright")]) == []
    assert little.site is not None
    target = little.site.root / "kudos/ideas/from-the-browser.yml"
    target.write_text(text, encoding="utf-8")
    check = little.site.kudos("check")
    target.unlink()
    assert check.returncode == 0, check.stdout
