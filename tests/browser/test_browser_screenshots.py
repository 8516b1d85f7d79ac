"""Pictures of the wall as a person sees it, plus the layout faults a person
would spot: nothing wider than the screen, nothing spilling out of a card,
no cards on top of each other.

The PNGs land in .cache/screenshots/ (or $KUDOS_SCREENSHOTS) to be looked at.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from browserkit import REPO

OUT = Path(os.environ.get("KUDOS_SCREENSHOTS") or REPO / ".cache" / "screenshots")

THEMES = {
    "material-light": ({}, "light"),
    "material-slate": ({}, "dark"),
    "mkdocs-light": ({"theme": {"name": "mkdocs"}}, "light"),
    "mkdocs-dark": ({"theme": {"name": "mkdocs", "color_mode": "dark"}}, "dark"),
}
WIDTHS = {"desktop": 1280, "phone": 320}  # 320 CSS px: WCAG 1.4.10 reflow

LAYOUT = """() => {
  const problems = [];
  const name = el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '');
  const doc = document.documentElement;
  if (doc.scrollWidth > innerWidth + 1) problems.push(`page scrolls sideways: ${doc.scrollWidth}px in ${innerWidth}px`);
  // A row meant to be swiped (a principle's newest stories on a phone) may run past the screen; it must not.
  const swiped = el => { for (let p = el.parentElement; p; p = p.parentElement) {
    if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return p; } return null; };
  for (const row of new Set([...document.querySelectorAll('.kudos-entry')].map(swiped).filter(Boolean))) {
    if (row.getBoundingClientRect().right > innerWidth + 1) problems.push(`${name(row)} runs past the screen`);
  }
  for (const card of document.querySelectorAll('.kudos-entry, .kudos-person-card, .kudos-principle-card, .kudos-review, .kudos-featured')) {
    const box = card.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) { problems.push(`${name(card)} is not shown`); continue; }
    if (box.right > innerWidth + 1 && !swiped(card)) problems.push(`${name(card)} ends at ${box.right}px, past the ${innerWidth}px screen`);
    for (const el of card.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width && (r.right > box.right + 1 || r.left < box.left - 1)) {
        problems.push(`${name(el)} "${el.textContent.trim().slice(0, 30)}" spills out of ${name(card)}`);
      }
    }
  }
  for (const grid of document.querySelectorAll('.kudos-grid, .kudos-list')) {
    const boxes = [...grid.children].map(c => c.getBoundingClientRect());
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
        problems.push(`cards overlap in ${name(grid)}`);
      }
    }));
  }
  return problems;
}"""


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("theme", list(THEMES))
def test_wall_screenshots_and_layout(build_company: Any, axe_page: Any, theme: str, width: str) -> None:
    arguments, scheme = THEMES[theme]
    served = build_company(**arguments)
    page = axe_page(color_scheme=scheme, viewport={"width": WIDTHS[width], "height": 900})
    OUT.mkdir(parents=True, exist_ok=True)
    problems = {}
    pages = [("wall", "kudos/"), ("archive", "kudos/2026/11/"), ("principle", "principles/patience/"),
             ("people", "people/"), ("overview", "principles/")]
    for label, path in pages:
        page.goto(served.at(path))
        page.evaluate("document.fonts.ready")
        found = page.evaluate(LAYOUT)
        if found:
            problems[label] = found
        if label in ("wall", "archive") or width == "desktop":
            shot = OUT / f"{label}-{theme}-{width}.png"
            page.screenshot(path=str(shot), full_page=True, animations="disabled")
            assert shot.stat().st_size > 10_000
    assert problems == {}, problems
