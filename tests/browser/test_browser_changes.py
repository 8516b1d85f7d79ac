"""`/changes/` in real Chromium: a board of changed pages by day, in each principle's colour, at 1920 and 390 px,
under Material (both schemes) and the plain MkDocs theme, with no axe violations."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browserkit import Served, build_ok, run_axe

from sites import Site, make_site

THEMES = {"material": None, "mkdocs": {"name": "mkdocs"}}
EXCEPTIONS = {"material": [("color-contrast", ".md-copyright")],
              "mkdocs": [("color-contrast", ".bs-sidebar"), ("color-contrast", "footer.col-md-12")]}


def _commit(site: Site, message: str, day: str, files: dict[str, str]) -> None:
    for rel, text in files.items():
        site.write(rel, text)
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@acme.test", "GIT_COMMITTER_NAME": "A",
           "GIT_COMMITTER_EMAIL": "a@acme.test", "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(["git", *args], cwd=site.root, env=env, check=True, capture_output=True, timeout=30)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> dict[str, Served]:
    made = {}
    for name, theme in THEMES.items():
        site = make_site(tmp_path_factory.mktemp(f"changes-{name}") / "src")
        if theme is not None:
            site.theme = theme
        site.write_config()
        _commit(site, "Initial import", "2026-10-01", {})
        _commit(site, "x\n\nStaff-note: Three new examples from the November calls", "2026-11-20", {
            "docs/principles/patience.md": "# Patience says you're worth it\n\nWhy.\n\n## Try this week\n\nOne slow call.\n",
            "docs/principles/little-wows.md": "# Little wows\n\nWhy little wows matter.\n\n## Examples\n\nA note.\n",
            "docs/refunds.md": "# Refunds\n\nHow we refund.\n",
        })
        # A line reworded and a summary rewritten: the card quotes both, the new words marked.
        _commit(site, "y", "2026-11-21", {
            "docs/principles/patience.md": "---\ndescription: Taking our time tells people they matter.\n---\n"
                                           "# Patience says you're worth it\n\nWhy.\n\n## Try this week\n\n"
                                           "One slow call a day, at least.\n",
        })
        # Two pages given only a new summary that day: one item naming both, each with its new words.
        _commit(site, "z", "2026-11-22", {
            "docs/principles/little-wows.md": "---\ndescription: Small surprises, often.\n---\n"
                                              "# Little wows\n\nWhy little wows matter.\n\n## Examples\n\nA note.\n",
            "docs/refunds.md": "---\ndescription: Money back, kindly and fast.\n---\n# Refunds\n\nHow we refund.\n",
        })
        made[name] = Served(build_ok(site), serve(site.root / "site"), site)
    return made


BOARD = """() => {
  const board = document.querySelector('time[datetime="2026-11-20"]').closest('section').querySelector('.kudos-changes');
  const cards = [...board.children];
  return {
    tracks: getComputedStyle(board).gridTemplateColumns.split(' ').filter(t => parseFloat(t) > 0).length,
    bands: cards.map(c => [c.dataset.principle || '', getComputedStyle(c).borderLeftColor]),
    right: Math.max(...cards.map(c => c.getBoundingClientRect().right)),
    chipSize: parseFloat(getComputedStyle(board.querySelector('.kudos-change__page')).fontSize),
    pill: [getComputedStyle(board.querySelector('.kudos-change__page')).backgroundColor,
           getComputedStyle(board.querySelector('.kudos-change__page')).borderTopWidth],
    packed: board.classList.contains('kudos-packed'),
  };
}"""


@pytest.mark.parametrize(("theme", "scheme"), [("material", "light"), ("material", "dark"), ("mkdocs", "light")])
@pytest.mark.parametrize("width", [1920, 390])
def test_changed_pages_are_a_board_in_their_principles_colours(
        sites: dict[str, Served], axe_page: Any, axe_source: str, theme: str, scheme: str, width: int) -> None:
    page = axe_page(color_scheme=scheme, viewport={"width": width, "height": 900})
    page.goto(sites[theme].at("changes/"))
    found = page.evaluate(BOARD)
    assert found["tracks"] >= (3 if width == 1920 else 1) and found["right"] <= width, found
    bands = dict(found["bands"])
    assert len(bands) == 3 and len(set(bands.values())) == 3, bands  # each page its principle's colour, others slate
    assert found["chipSize"] >= 14, found
    # A page's name reads as a small heading with its dot, not a pill; the cards pack without holes.
    assert found["pill"] == ["rgba(0, 0, 0, 0)", "0px"] and found["packed"], found
    assert "Three new examples from the November calls" in page.locator('section:has(time[datetime="2026-11-20"])').inner_text()
    # Every card ends in one visible next step that goes to its page.
    reads, cards = page.locator(".kudos-change__read"), page.locator("li.kudos-change").count()
    assert cards >= 3 and reads.count() == cards and all(reads.nth(i).is_visible() for i in range(cards))
    # The words themselves: the line as it is now, its new words marked (the old sentence is not quoted back);
    # a day's new pages are one line of links.
    quote = page.locator('section:has(time[datetime="2026-11-21"]) .kudos-change__what--edited .kudos-change__quote')
    assert quote.is_visible() and quote.locator("del").count() == 0 and "One slow call." not in quote.inner_text()
    assert quote.locator("mark").first.inner_text() == "a day, at least"
    group = page.locator('section:has(time[datetime="2026-11-22"]) .kudos-changes-group')
    assert group.locator(".kudos-changes-group__title").inner_text() == "2 pages have a new one-line summary"
    assert group.locator("li").count() == 2 and all(group.locator("li").nth(i).is_visible() for i in range(2))
    assert group.locator("ins").nth(0).inner_text().endswith("Small surprises, often.")
    box = group.bounding_box()
    assert box is not None and box["x"] + box["width"] <= width, box
    new = page.locator(".kudos-changes-new a.kudos-chip")
    assert new.count() >= 3 and all(new.nth(i).is_visible() for i in range(new.count()))
    assert run_axe(page, axe_source, EXCEPTIONS[theme]) == []
