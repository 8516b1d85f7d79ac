"""WCAG 2.2 AA as axe-core checks it, on every kind of page the plugin makes,
under Material (light and slate) and MkDocs' own theme (light and dark)."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import AT_REST, describe, run_axe

# Problems in the themes' own markup, never in ours (run_axe refuses to
# excuse a node inside the plugin's blocks). Each is one rule on one element.
MATERIAL_EXCEPTIONS = [
    # Material's footer credit "Made with Material for MkDocs" is
    # --md-footer-fg-color--lighter on the footer: 4.47:1, just under 4.5:1.
    ("color-contrast", ".md-copyright"),
]
MKDOCS_EXCEPTIONS = [
    # MkDocs' theme colours its own links cerulean #2fa4e7 (2.8:1 on white):
    # the table of contents in the sidebar and the "MkDocs" credit in the footer.
    ("color-contrast", ".bs-sidebar"),
    ("color-contrast", "footer.col-md-12"),
]

# Each kind of page, with what proves it is the page we mean to check.
PAGES = {
    "home-featured": ("", ["[data-featured] [data-kudos-id]"]),
    "wall-page-1": ("kudos/", ["[data-featured] [data-kudos-id]", ".kudos-list [data-kudos-id]",
                               ".kudos-pager", ".kudos-months"]),
    "wall-page-2": ("kudos/page/2/", [".kudos-list [data-kudos-id]", ".kudos-pager [aria-current]"]),
    "monthly-archive": ("kudos/2026/11/", ["h2.kudos-entry__title[id]", ".kudos-months [aria-current]",
                                           ".kudos-pager"]),
    "monthly-archive-page-2": ("kudos/2026/11/page/2/", ["h2.kudos-entry__title[id]", ".kudos-pager [aria-current]"]),
    "people-directory": ("people/", [".kudos-person-card"]),
    "person": ("people/dev-iyer/", [".kudos-profile .kudos-chip", ".kudos-list [data-kudos-id]", ".kudos-more a"]),
    "person-received-list": ("people/dev-iyer/received/", [".kudos-list [data-kudos-id]"]),
    "principle-overdue": ("principles/patience/", ["[data-review-overdue]", ".kudos-stories [data-kudos-id]"]),
    "principles-overview": ("principles/", [".kudos-principle-card"]),
    "principle-stories": ("principles/patience/stories/", [".kudos-list [data-kudos-id]"]),
    "stats": ("kudos/stats/", ["table.kudos-chart__table caption", ".kudos-chart__bar"]),
    "teams": ("teams/", [".kudos-team-card .kudos-avatar"]),
    "team": ("teams/support/", [".kudos-team-faces .kudos-avatar", ".kudos-action"]),
    "cards-index": ("cards/", [".kudos-cardfront--blank"]),
    "campaigns-index": ("campaigns/", [".kudos-lead"]),
    "changes": ("changes/", [".kudos-lead"]),
    "celebrations": ("celebrations/", ["[data-kudos-strip] .kudos-strip__day--today"]),
    "celebrations-month": ("celebrations/2026-11/", [".kudos-calendar .kudos-day--today"]),
    "give": ("kudos/give/", ["#kudos-give"]),
}
WIDTHS = {"desktop": 1280, "phone": 390}

THEMES = {
    # name: (site fixture arguments, browser colour scheme, JS check of the scheme shown)
    "material-light": ({}, "light", "document.body.getAttribute('data-md-color-scheme') === 'default'"),
    "material-slate": ({}, "dark", "document.body.getAttribute('data-md-color-scheme') === 'slate'"),
    "mkdocs-light": ({"theme": {"name": "mkdocs"}}, "light",
                     "document.documentElement.getAttribute('data-bs-theme') === 'light'"),
    "mkdocs-dark": ({"theme": {"name": "mkdocs", "color_mode": "dark"}}, "dark",
                    "document.documentElement.getAttribute('data-bs-theme') === 'dark'"),
}


# Resolves once the page has not scrolled, and no transition has run, for three frames in a row.


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("theme", list(THEMES))
def test_no_axe_violations(
    build_company: Any, axe_page: Any, axe_source: str, theme: str, kind: str, width: str
) -> None:
    arguments, scheme, scheme_check = THEMES[theme]
    served = build_company(**arguments)
    path, proofs = PAGES[kind]
    page = axe_page(color_scheme=scheme, viewport={"width": WIDTHS[width], "height": 900})
    page.goto(served.at(path))
    if kind == "give":
        page.wait_for_selector("#kudos-give[data-ready]", state="attached")
        # The result's buttons (Copy, Download) are checked too, a chosen
        # person's Remove button, and the picker's open list of matches.
        page.evaluate("localStorage.setItem('kudos-give-from', 'ana-lima')")
        page.goto(served.at(path + "?to=ben-okafor"))
        page.wait_for_selector("#kudos-give[data-ready]", state="attached")
        page.fill("#kudos-message", "Thank you for the calm handover.")
        page.eval_on_selector("#kudos-more", "d => { d.open = true; }")
        page.fill("#kudos-date", "2026-11-20")
        page.click("button[type=submit]")
        page.wait_for_selector("#kudos-give-result", state="visible")
        # Judged from the top, as a page is opened (a field scrolled under a
        # theme's fixed bar would count as obscured), and at rest: not a link
        # under the pointer, nor Material's header title half-way through its
        # fade as the page scrolls.
        page.evaluate("scrollTo(0, 0)")
        page.focus("#kudos-to")
        page.keyboard.type("a")
        page.wait_for_selector("#kudos-to-options:not([hidden])")
        page.mouse.move(0, 0)
        page.evaluate(AT_REST)
    assert page.evaluate(scheme_check), f"{theme}: the page is not in the expected colour scheme"
    for selector in proofs:
        assert page.query_selector(selector) is not None, f"{kind}: no {selector} on {path!r}"
    exceptions = MATERIAL_EXCEPTIONS if theme.startswith("material") else MKDOCS_EXCEPTIONS
    violations = run_axe(page, axe_source, exceptions)
    assert violations == [], f"{theme} {path!r}:\n{describe(violations)}"


def test_the_featured_set_swapped_in_by_script_passes_too(material_site: Any, new_page: Any, axe_source: str) -> None:
    """The schedule's HTML is rendered apart from the page: check it once it is in."""
    page = new_page(color_scheme="dark")
    page.clock.set_fixed_time("2026-12-03T12:00:00Z")
    page.goto(material_site.at("kudos/"))
    page.wait_for_selector('[data-featured][data-kudos-day="2026-12-03"]')
    # Measure colours after the fade-in, not half-way through it.
    page.wait_for_function("document.getAnimations().every(a => a.playState === 'finished')")
    violations = run_axe(page, axe_source, MATERIAL_EXCEPTIONS)
    assert violations == [], describe(violations)


SAMPLE_PAGES = {
    "home": "", "wall": "kudos/", "wall-page-2": "kudos/page/2/", "month": "kudos/2026/11/",
    "people": "people/", "person": "people/ben-okafor/", "principle": "principles/patience/",
    "principles": "principles/", "give": "kudos/give/", "little-things": "little-things/",
}


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(SAMPLE_PAGES))
def test_the_sample_site_passes(
    sample_site: Any, axe_page: Any, axe_source: str, scheme: str, kind: str, width: str
) -> None:
    """The handbook a company forks, in its own palette, with no exception for
    the theme: its overrides fix Material's footer contrast and name its
    search dialog (see plugins/kudoswall/docs/accessibility.md)."""
    page = axe_page(color_scheme=scheme, viewport={"width": WIDTHS[width], "height": 900})
    page.goto(sample_site.at(SAMPLE_PAGES[kind]))
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    violations = run_axe(page, axe_source)
    assert violations == [], f"sample {kind!r} ({scheme}, {width}):\n{describe(violations)}"
    assert page.evaluate(
        "() => { const d = document.querySelector('.md-search[role=dialog]'); return !d || !!d.getAttribute('aria-label'); }"
    ), "Material's search dialog has no accessible name"
