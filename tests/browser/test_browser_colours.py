"""One colour per principle wherever it shows: its chips' dots on the notes,
the dot on its band on the principles index and its bar on the stats page."""

from __future__ import annotations

from typing import Any

COLOURS = """sel => Object.fromEntries([...document.querySelectorAll(sel)].map(e => [e.closest('[data-principle]').dataset.principle,
  getComputedStyle(e, e.matches('.kudos-chip, .kudos-principle-card__title') ? '::before' : null).backgroundColor]))"""


def test_a_principle_wears_one_colour_on_notes_index_and_stats(material_site: Any, new_page: Any) -> None:
    page = new_page(viewport={"width": 1280, "height": 900})
    seen: dict[str, dict[str, str]] = {}
    for url, selector in (("kudos/", ".kudos-entry .kudos-chip"), ("principles/", ".kudos-principle-card__title"),
                          ("kudos/stats/", "[data-principle] .kudos-chart__bar span[aria-hidden]")):
        page.goto(material_site.at(url))
        seen[url] = page.evaluate(COLOURS, selector)
        assert seen[url], f"no principle colours on {url}"
    stats = seen["kudos/stats/"]
    assert set(stats) == set(seen["principles/"])  # every principle has its bar
    for url, colours in seen.items():
        for principle, colour in colours.items():
            assert colour == stats[principle], f"{principle}: {colour} on {url}, {stats[principle]} on the stats page"
    assert len(set(stats.values())) == len(stats)  # no two principles share a colour
