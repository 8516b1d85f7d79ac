"""Wall mode, /kudos/tv/: one entry at a time on an office screen.

Time is Playwright's clock (installed, then run forward): no test waits for
real seconds. The fixture company shows each entry for 12 seconds (the
default) and today's featured set has 2 entries, then the newest ones.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from browserkit import describe, run_axe

from conftest import BROWSER_NOW

SECONDS = 12
SHOWN = ".kudos-tv-screen__stage"
TV = {"width": 1920, "height": 1080}


def open_tv(served: Any, new_page: Any, **options: Any) -> Any:
    options.setdefault("viewport", TV)
    page = new_page(**options)
    page.clock.install(time=BROWSER_NOW)
    page.goto(served.at("kudos/tv/"))
    page.wait_for_selector(".kudos-tv-screen [data-kudos-id]")
    return page


def settle(page: Any) -> None:
    """Wait for the slide's fade to end (CSS runs on the real clock): contrast is measured on the finished slide."""
    page.evaluate(
        "Promise.all(document.getAnimations().filter(a => a.animationName === 'kudos-tv-in').map(a => a.finished))"
    )


def shown(page: Any) -> str:
    return page.get_attribute(SHOWN, "data-kudos-shown")


def entries(served: Any) -> dict[str, Any]:
    return json.loads((served.built.site_dir / "kudos/tv/entries.json").read_text(encoding="utf-8"))


def dwell(data: dict[str, Any], slide: str) -> int:
    """How long a slide stays: its own time from the file, at least the site's tv_seconds."""
    return max(SECONDS, data.get("dwell", {}).get(slide, SECONDS))


def advance(page: Any, data: dict[str, Any]) -> None:
    """Run the clock through the slide on the screen, and half a second more."""
    page.clock.run_for(dwell(data, shown(page)) * 1000 + 500)


def label(page: Any) -> str:
    return page.inner_text(".kudos-tv-screen__pause").strip().lstrip("\u275a\u25b6 ").strip()


def test_it_starts_with_todays_featured_set_and_advances_every_n_seconds(material_site: Any, new_page: Any) -> None:
    data = entries(material_site)
    featured = data["schedule"]["2026-11-25"]
    page = open_tv(material_site, new_page)
    assert shown(page) == featured[0]
    page.clock.run_for((dwell(data, featured[0]) - 1) * 1000)
    assert shown(page) == featured[0]
    page.clock.run_for(1500)
    assert shown(page) == featured[1]
    page.clock.run_for(dwell(data, featured[1]) * 1000)
    recent = [i for i in data["recent"] if i not in featured]
    assert shown(page) == recent[0]
    # Nothing else on the screen: the theme's header, navigation and footer are gone.
    assert page.evaluate("""() => [...document.body.children]
        .filter(e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0)
        .map(e => e.className)""") == ["kudos-tv-screen kudos-scope"]
    assert page.errors == []


def test_the_pause_button_and_the_space_bar_pause_and_resume(material_site: Any, new_page: Any) -> None:
    page = open_tv(material_site, new_page)
    data = entries(material_site)
    button = page.locator(".kudos-tv-screen__pause")
    assert label(page) == "Pause"  # the button says what it will do
    first = shown(page)
    button.click()
    assert label(page) == "Play"
    page.clock.run_for(5 * 60 * 1000)
    assert shown(page) == first
    button.click()
    assert label(page) == "Pause"
    advance(page, data)
    second = shown(page)
    assert second != first

    page.locator("body").focus()
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("Space")
    assert label(page) == "Play"
    page.clock.run_for(5 * 60 * 1000)
    assert shown(page) == second
    page.keyboard.press("Space")
    assert label(page) == "Pause"
    advance(page, data)
    assert shown(page) != second
    assert page.errors == []


def test_keyboard_only_reaches_the_two_buttons_and_works_them(material_site: Any, new_page: Any) -> None:
    page = open_tv(material_site, new_page)
    focused = []
    for _ in range(2):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.classList[0]"))
    assert focused == ["kudos-tv-screen__pause", "kudos-tv-screen__full"]
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.classList[0]") == "kudos-tv-screen__pause"
    page.keyboard.press("Enter")
    assert label(page) == "Play"
    page.keyboard.press("Space")  # on the button, space is the button's: one toggle, not two
    assert label(page) == "Pause"
    before = shown(page)
    page.keyboard.press("ArrowRight")
    assert shown(page) != before
    page.keyboard.press("ArrowLeft")
    assert shown(page) == before
    # The live region is polite and nothing on a slide takes focus.
    assert page.get_attribute(SHOWN, "aria-live") == "polite"
    assert page.locator(f"{SHOWN} a:not([tabindex='-1'])").count() == 0
    assert page.errors == []


def test_full_screen_on_request(material_site: Any, new_page: Any) -> None:
    page = open_tv(material_site, new_page)
    page.evaluate("""() => { window.__asked = 0;
        document.documentElement.requestFullscreen = () => { window.__asked++; return Promise.resolve(); }; }""")
    page.keyboard.press("f")
    page.click(".kudos-tv-screen__full")
    assert page.evaluate("window.__asked") == 2


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_reduced_motion_turns_the_transitions_off(material_site: Any, new_page: Any, motion: str) -> None:
    page = open_tv(material_site, new_page, reduced_motion=motion)
    slide = page.eval_on_selector(".kudos-tv-slide", "el => getComputedStyle(el).animationName")
    cue = page.eval_on_selector(".kudos-tv-screen__progress span", "el => getComputedStyle(el).animationName")
    if motion == "reduce":
        assert (slide, cue) == ("none", "none")
    else:
        assert slide == "kudos-tv-in" and cue == "kudos-tv-progress"


def test_offline_it_keeps_showing_what_it_has(material_site: Any, new_page: Any) -> None:
    page = open_tv(material_site, new_page)
    data = entries(material_site)
    page.route("**/*", lambda route: route.abort("internetdisconnected"))
    seen = {shown(page)}
    for _ in range(12):  # two polls for a new build fail on the way
        advance(page, data)
        page.clock.run_for(60 * 1000) if _ in (3, 8) else None
        seen.add(shown(page))
        assert page.locator(".kudos-tv-screen .kudos-tv-slide__name").inner_text().strip()
    assert len(seen) > 2
    assert page.errors == []


def test_it_picks_up_a_new_build_by_itself(material_site: Any, new_page: Any) -> None:
    page = open_tv(material_site, new_page)
    data = entries(material_site)
    slide = data["slides"][data["recent"][0]].replace(data["recent"][0], "knewbuild01").replace(
        "kudos-tv-slide__name\">", "kudos-tv-slide__name\">Newly Thanked ")
    newer = {**data, "stamp": "newer", "recent": ["knewbuild01", *data["recent"]],
             "slides": {**data["slides"], "knewbuild01": slide}}
    page.route("**/kudos/tv/build.json", lambda route: route.fulfill(json={"stamp": "newer"}))
    page.route("**/kudos/tv/entries.json", lambda route: route.fulfill(json=newer))
    page.clock.run_for(300 * 1000)  # the poll
    texts = set()
    for _ in range(len(newer["recent"]) + 2):  # once round the new list
        advance(page, newer)
        texts.add(shown(page))
        if shown(page) == "knewbuild01":
            assert "Newly Thanked" in page.inner_text(".kudos-tv-slide__name")
    assert "knewbuild01" in texts
    assert page.errors == []


def test_the_name_and_message_read_from_across_the_room(material_site: Any, new_page: Any) -> None:
    page = open_tv(material_site, new_page)
    sizes = page.evaluate("""() => ({
        name: parseFloat(getComputedStyle(document.querySelector('.kudos-tv-slide__name')).fontSize),
        message: parseFloat(getComputedStyle(document.querySelector('.kudos-tv-slide__message')).fontSize),
    })""")
    assert sizes["name"] >= 0.05 * 1080, sizes
    assert sizes["message"] >= 0.025 * 1080, sizes


def test_without_javascript_it_lists_todays_featured_entries(material_site: Any, new_page: Any) -> None:
    page = new_page(java_script_enabled=False, viewport=TV)
    page.goto(material_site.at("kudos/tv/"))
    ids = page.eval_on_selector_all(".kudos-tv-list [data-kudos-id]", "els => els.map(e => e.dataset.kudosId)")
    assert ids == entries(material_site)["schedule"]["2026-11-25"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_the_tv_screen(material_site: Any, new_page: Any, axe_source: str, scheme: str) -> None:
    page = open_tv(material_site, new_page, color_scheme=scheme)
    settle(page)
    violations = run_axe(page, axe_source)
    assert violations == [], describe(violations)
    page.click(".kudos-tv-screen__pause")
    settle(page)
    violations = run_axe(page, axe_source)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_is_one_screen_tall_in_kiosk_mode_in_either_scheme_even_before_the_notes_arrive(
    sample_site: Any, new_page: Any, scheme: str
) -> None:
    """A kiosk never scrolls: not while the notes are on their way, not once they show."""
    page = new_page(viewport=TV, color_scheme=scheme)
    held: list[Any] = []

    def hold(route: Any) -> None:
        held.append(route)

    page.route("**/kudos/tv/entries.json", hold)
    page.goto(sample_site.at("kudos/tv/"))
    page.wait_for_function("document.documentElement.classList.contains('kudos-tv-loading')")
    height = "document.documentElement.scrollHeight"  # what the window scrolls (and a full-page shot takes)
    assert page.evaluate(height) == TV["height"], "the plain list shows below the screen while the notes load"
    assert held, "the notes were never asked for"
    held[0].continue_()
    page.wait_for_selector(".kudos-tv-screen [data-kudos-id]")
    assert page.evaluate(height) == TV["height"]
    page.mouse.wheel(0, 2000)
    assert page.evaluate("window.scrollY") == 0


def test_if_the_notes_cannot_be_fetched_the_plain_list_scrolls_as_a_page(sample_site: Any, new_page: Any) -> None:
    page = new_page(viewport=TV)
    page.route("**/kudos/tv/entries.json", lambda route: route.abort())
    page.goto(sample_site.at("kudos/tv/"))
    page.wait_for_function("!document.documentElement.classList.contains('kudos-tv-loading')")
    assert page.evaluate("document.documentElement.scrollHeight") > TV["height"]  # the plain list, readable
