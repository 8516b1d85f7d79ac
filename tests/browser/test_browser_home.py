"""The sample home page: the board full width, the prose in a readable
column, the line of kudos pages, and the give page as the way to thank."""

from __future__ import annotations

import re
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
    assert len(widths) >= 3 and max(widths) <= 80, f"prose lines run {max(widths):.0f} characters"


def test_the_home_page_carries_the_line_of_kudos_pages(sample_site: Any, new_page: Any) -> None:
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(sample_site.at(""))
    links = page.locator("nav.kudos-nav a")
    assert links.count() >= 5
    assert links.first.is_visible()
    names = links.all_inner_texts()
    assert "Kudos wall" in names and "Give kudos" in names


def test_the_home_page_sends_staff_to_the_give_page_not_to_a_pull_request(sample_site: Any) -> None:
    home, about = sample_site.built.page(""), sample_site.built.page("about/")
    assert "pull request" not in home and "pull request" not in about.split("How to thank someone", 1)[-1][:600]
    for page in (home, about):
        staff = page.split('class="md-content"', 1)[1].split("</article>", 1)[0]
        assert not re.search(r"\bYAML\b|\.ya?ml\b|<code>customer</code>", staff)  # no file talk for staff
    assert 'href="kudos/give/"' in home and 'href="../kudos/give/"' in about


def test_the_home_page_greets_in_one_slim_line_and_leads_with_the_people_thanked(sample_site: Any, new_page: Any) -> None:
    page = new_page(viewport={"width": 1920, "height": 1080})
    page.goto(sample_site.at(""))
    seen = page.evaluate("""() => ({
        name: document.querySelector('[data-featured] .kudos-entry__to').getBoundingClientRect().top,
        title: document.querySelector('.md-typeset > h1').getBoundingClientRect().height,
        prose: [...document.querySelectorAll('.md-typeset > h2')].map(h => h.textContent.trim()),
        edit: document.querySelectorAll('.md-content__button, a[href*="/edit/"]').length})""")
    # The greeting is one line, not a document's title block; the first person thanked is in the screen's top half.
    assert seen["title"] <= 60 and seen["name"] <= 0.5 * 1080, seen
    # The handbook's why and how live on their own page; the home page keeps the principles, not an essay.
    assert seen["prose"] == ["Our seven principles"], seen
    assert seen["edit"] == 0, seen  # staff are not handed an editor's pencil
    # A keeper's to-do is said on the principle's own page only, not on the cards staff pass on their way in.
    assert "data-review-overdue" not in sample_site.built.page("") + sample_site.built.page("principles/")
    assert "data-review-overdue" in sample_site.built.page("principles/three-rs/")


def test_on_a_phone_the_home_page_says_what_is_on_today_above_the_board_under_a_warm_title(sample_site: Any, new_page: Any) -> None:
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(sample_site.at(""))
    line = page.locator(".kudos-today-line")
    assert line.is_visible()
    text = line.inner_text()
    # The sample's 25 November has nothing on; the next is Kwame's birthday on 3 December.
    assert text.startswith("TODAY") and "Next: December 3, 2026" in text and "Kwame Asante" in text
    top = page.evaluate("() => [document.querySelector('.kudos-today-line').getBoundingClientRect().top,"
                        " document.querySelector('[data-featured]').getBoundingClientRect().top]")
    assert top[0] < top[1] < 1.2 * 844  # above the board, on the first screen or just under it
    # The first person thanked today is on the first screen, name and all: the home page leads with people.
    name = page.evaluate("() => document.querySelector('[data-featured] .kudos-entry__to').getBoundingClientRect().bottom")
    assert name <= 0.85 * 844, f"the first name thanked today ends at {name:.0f}px, at the foot of the phone's screen"
    assert page.locator("nav.kudos-nav").is_visible()
    # The name is underlined as a link; the initials circle beside it is not struck through by it.
    lines = page.evaluate("""() => { const a = document.querySelector('.kudos-today-line__who > a');
        return [getComputedStyle(a).textDecorationLine, getComputedStyle(a.querySelector('.kudos-today-line__name')).textDecorationLine]; }""")
    assert lines == ["none", "underline"], lines
    heading = page.evaluate("() => { const s = getComputedStyle(document.querySelector('.md-typeset > h1'));"
                            " return [parseInt(s.fontWeight), s.color, getComputedStyle(document.querySelector('.md-typeset')).color]; }")
    assert heading[0] >= 700 and heading[1] == heading[2], heading  # not the theme's thin grey
    page.goto(sample_site.at("practices/"))  # a handbook page without our board keeps the theme's title
    assert page.evaluate("parseInt(getComputedStyle(document.querySelector('.md-typeset > h1')).fontWeight)") < 700


HOLES = """() => {
  const notes = [...document.querySelectorAll('[data-featured] .kudos-grid > [data-kudos-id]')].filter(n => !n.hidden);
  notes.forEach(n => { n.style.transform = 'none'; });
  const boxes = notes.map(n => n.getBoundingClientRect());
  const columns = {};
  boxes.forEach(b => { (columns[Math.round(b.left)] = columns[Math.round(b.left)] || []).push(b); });
  const gaps = [];
  Object.values(columns).forEach(col => {
    col.sort((a, b) => a.top - b.top);
    for (let i = 1; i < col.length; i++) gaps.push(col[i].top - col[i - 1].bottom);
  });
  return {count: notes.length, columns: Object.keys(columns).length, gaps};
}"""


def test_todays_notes_on_the_home_page_pack_like_a_board_without_holes(sample_site: Any, new_page: Any) -> None:
    page = new_page(viewport={"width": 1920, "height": 1080})
    page.goto(sample_site.at(""))
    page.wait_for_selector("[data-featured] .kudos-grid.kudos-packed")
    seen = page.evaluate(HOLES)
    assert seen["columns"] >= 3 and seen["count"] > seen["columns"], seen
    # Under each note the next one in its column follows after the board's gap, not a hole.
    assert seen["gaps"] and max(seen["gaps"]) <= 40, seen


def test_the_home_page_introduces_the_principles_as_their_coloured_cards_across_the_screen(
    sample_site: Any, new_page: Any
) -> None:
    page = new_page(viewport={"width": 1920, "height": 1080})
    page.goto(sample_site.at(""))
    seen = page.evaluate("""() => { const cards = [...document.querySelectorAll('.md-content .kudos-principle-card')];
        const boxes = cards.map(c => c.getBoundingClientRect());
        return {count: cards.length, columns: new Set(boxes.map(b => Math.round(b.left))).size,
                span: Math.max(...boxes.map(b => b.right)) - Math.min(...boxes.map(b => b.left)),
                colours: new Set(cards.map(c => getComputedStyle(c.querySelector('.kudos-principle-card__title')).backgroundColor)).size}; }""")
    assert seen["count"] == 7 and seen["columns"] >= 3 and seen["span"] >= 0.8 * 1920, seen
    assert seen["colours"] == 7, seen  # each in its own colour, as on the principles page
