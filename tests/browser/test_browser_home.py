"""The sample home page: the board full width, the prose in a readable
column, the line of kudos pages, and the give page as the way to thank."""

from __future__ import annotations

from typing import Any


def test_the_home_page_board_is_wide_and_its_prose_keeps_a_readable_measure(sample_site: Any, new_page: Any) -> None:
    page = new_page(viewport={"width": 1920, "height": 1080})
    page.goto(sample_site.at(""))
    board = page.evaluate("document.querySelector('.kudos-scope.kudos-page--wide').getBoundingClientRect().width")
    assert board >= 0.8 * 1920, f"the featured board is {board}px wide"
    widths = page.evaluate(
        """() => [...document.querySelectorAll('.md-typeset > p, .md-typeset > ul, .md-typeset > ol')].map(e => {
             const ch = parseFloat(getComputedStyle(e).fontSize) * 0.55;
             return e.getBoundingClientRect().width / ch; })"""
    )
    assert len(widths) >= 5 and max(widths) <= 80, f"prose lines run {max(widths):.0f} characters"


def test_the_home_page_carries_the_line_of_kudos_pages(sample_site: Any, new_page: Any) -> None:
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(sample_site.at(""))
    links = page.locator("nav.kudos-nav a")
    assert links.count() >= 5
    assert links.first.is_visible()
    names = links.all_inner_texts()
    assert "Kudos wall" in names and "Give kudos" in names


def test_the_home_page_sends_staff_to_the_give_page_not_to_a_pull_request(sample_site: Any) -> None:
    home = sample_site.built.page("")
    assert "by pull request" not in home and "pull request" not in home.split("How to thank someone", 1)[-1][:600]
    assert 'href="kudos/give/"' in home
