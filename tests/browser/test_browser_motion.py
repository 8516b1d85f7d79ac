"""Motion: what animates honours prefers-reduced-motion, and nothing of ours
moves by itself (anything that did would need a pause control)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from browserkit import OURS

from sites import TODAY

NEXT_WEEK = "2026-12-03"

# Our animations and transitions, on our elements only (the theme's own,
# such as Material's link colour transitions, are not ours to judge).
OUR_MOTION = """ours => document.getAnimations()
  .filter(a => a.effect && a.effect.target && a.effect.target.closest(ours))
  .map(a => ({
    name: a.animationName || a.transitionProperty,
    target: a.effect.target.className,
    iterations: a.effect.getComputedTiming().iterations,
    duration: a.effect.getComputedTiming().duration,
  }))"""


def swapped_wall(served: Any, new_page: Any, motion: str) -> Any:
    page = new_page(reduced_motion=motion)
    page.clock.set_fixed_time(f"{NEXT_WEEK}T12:00:00Z")
    page.goto(served.at("kudos/"))
    page.wait_for_selector(f'[data-featured][data-kudos-day="{NEXT_WEEK}"]')
    return page


@pytest.mark.parametrize("theme", [{}, {"theme": {"name": "mkdocs"}}], ids=["material", "mkdocs"])
def test_the_featured_swap_fades_in_only_without_reduced_motion(
    build_company: Any, new_page: Any, theme: dict[str, Any]
) -> None:
    served = build_company(**theme)
    items = ".kudos-featured__items"

    page = swapped_wall(served, new_page, "no-preference")
    assert page.eval_on_selector(items, "el => el.classList.contains('kudos-fresh')")
    assert page.eval_on_selector(items, "el => getComputedStyle(el).animationName") == "kudos-fade"

    page = swapped_wall(served, new_page, "reduce")
    assert page.eval_on_selector(items, "el => el.classList.contains('kudos-fresh')")
    assert page.eval_on_selector(items, "el => getComputedStyle(el).animationName") == "none"
    assert page.evaluate(OUR_MOTION, OURS) == []


PAGES = ["", "kudos/", "kudos/page/2/", "kudos/2026/11/", "people/", "people/ana-lima/",
         "principles/", "principles/patience/", "principles/patience/stories/"]


def test_nothing_of_ours_animates_under_reduced_motion(material_site: Any, axe_page: Any) -> None:
    page = axe_page(reduced_motion="reduce")
    moving = {}
    for path in PAGES:
        page.goto(material_site.at(path))
        found = page.evaluate(
            """ours => [...document.querySelectorAll(ours)].flatMap(block => [block, ...block.querySelectorAll('*')])
                 .map(el => getComputedStyle(el))
                 .filter(s => s.animationName !== 'none' || s.transitionDuration.split(',').some(d => parseFloat(d) > 0.2))
                 .map(s => s.animationName + ' ' + s.transitionProperty + ' ' + s.transitionDuration)""",
            OURS,
        )
        if found:
            moving[path] = found
    assert moving == {}


def test_nothing_moves_by_itself(material_site: Any, context_factory: Any) -> None:
    """Two minutes on each page: our markup must not change or loop on its own,
    unless a pause control stops it (WCAG 2.2.2). Nothing auto-advances today."""
    context = context_factory()
    page = context.new_page()
    # The build day: the featured set is already the right one, so any
    # change seen below is the page moving by itself.
    page.clock.install(time=f"{TODAY}T12:00:00Z")
    snapshot = """ours => [...document.querySelectorAll(ours)].map(el => el.outerHTML).join('\\n')"""

    def two_minutes_later() -> bool:
        """Whether our markup changed or loops over two (fake) minutes."""
        first = page.evaluate(snapshot, OURS)
        page.clock.run_for(120_000)
        looping = [m for m in page.evaluate(OUR_MOTION, OURS) if m["iterations"] == float("inf")]
        return bool(looping) or page.evaluate(snapshot, OURS) != first

    for path in PAGES:
        page.goto(material_site.at(path))
        page.clock.run_for(2_000)
        if two_minutes_later():
            pause = page.get_by_role("button", name=re.compile("pause|stop", re.IGNORECASE))
            assert pause.count() > 0, f"{path} moves by itself and offers no pause control"
            pause.first.click()
            assert not two_minutes_later(), f"{path} keeps moving after its pause control"
