"""The rotating wall in a real browser: the build day's set without JavaScript,
the viewer's day from /kudos/featured/YYYY-MM-DD.json with it, links that
still work once re-rooted, and the site's time zone deciding the day."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from browserkit import featured_ids

from sites import TODAY

BUILD_DAY = dt.date.fromisoformat(TODAY)
LAST_SCHEDULED = BUILD_DAY + dt.timedelta(days=60)  # schedule_days defaults to 60

# Pages that show the featured set, per URL style: the home page (site
# root), the wall, and a page two folders deep.
DIRECTORY_PAGES = ["", "kudos/", "handbook/welcome/"]
FLAT_PAGES = ["index.html", "kudos/index.html", "handbook/welcome.html"]


def schedule(served: Any, day: dt.date) -> dict[str, Any]:
    path = served.built.site_dir / "kudos" / "featured" / f"{day.isoformat()}.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def flat_site(build_company: Any) -> Any:
    return build_company(extra_config={"use_directory_urls": False})


def check_links(page: Any, served: Any, flat: bool) -> int:
    """Every link of the featured set leads to a page that exists (and to its anchor)."""
    links = page.eval_on_selector_all(
        "[data-featured] a[href]",
        "els => els.map(a => ({raw: a.getAttribute('href'), url: a.href, text: a.textContent.trim()}))",
    )
    assert links, "the featured set has no links at all"
    checked = 0
    for link in links:
        if not link["url"].startswith(served.url):
            assert link["url"].startswith(("https://", "http://", "mailto:")), link
            continue
        target, fragment = urldefrag(link["url"])
        response = page.request.get(target)
        assert response.status == 200, f"{link['raw']!r} ({link['text']}) -> {link['url']}: HTTP {response.status}"
        if flat:
            # The give page reads what to fill in from its address (?card=, ?also=): the file name is the path's.
            assert urlsplit(target).path.endswith(".html"), f"{link['raw']!r} needs a file name with use_directory_urls false"
        if fragment and f'id="{fragment}"' not in response.text():
            # A busy month spans pages: its first page names, in its anchors
            # file, the page that holds the entry (the page's script goes there).
            holder = re.search(r'data-kudos-anchors="([^"]+)"', response.text())
            assert holder, f"{link['url']}: no element with id {fragment}, and no anchors file"
            anchors_url = urljoin(target, html.unescape(holder.group(1)))
            anchors = page.request.get(anchors_url).json()
            assert fragment in anchors["ids"], f"{anchors_url} does not know {fragment}"
            holding = urljoin(anchors_url, anchors["pages"][anchors["ids"][fragment] - 1])
            assert f'id="{fragment}"' in page.request.get(holding).text(), f"{holding}: no element with id {fragment}"
        checked += 1
    return checked


def expected_person_url(served: Any, person: str, flat: bool) -> str:
    return served.at(f"people/{person}/index.html" if flat else f"people/{person}/")


@pytest.mark.parametrize("path", DIRECTORY_PAGES, ids=["home", "wall", "nested"])
def test_without_javascript_the_build_days_set_shows(material_site: Any, new_page: Any, path: str) -> None:
    page = new_page(java_script_enabled=False)
    page.clock.set_fixed_time("2026-12-03T12:00:00Z")  # would be another day's set with JS
    page.goto(material_site.at(path))
    build_day = schedule(material_site, BUILD_DAY)
    assert page.get_attribute("[data-featured]", "data-kudos-day") == TODAY
    assert featured_ids(page) == build_day["ids"]
    assert len(build_day["ids"]) == 2  # featured_count
    recipients = page.eval_on_selector_all(
        "[data-featured] [data-kudos-id]", "els => els.map(e => e.getAttribute('data-recipients'))"
    )
    assert all(r and r.strip() for r in recipients), recipients
    check_links(page, material_site, flat=False)


@pytest.mark.parametrize("flat", [False, True], ids=["directory-urls", "flat-urls"])
@pytest.mark.parametrize("index", [0, 1, 2], ids=["home", "wall", "nested"])
@pytest.mark.parametrize("day", [dt.date(2026, 12, 3), LAST_SCHEDULED], ids=["next-week", "last-scheduled-day"])
def test_javascript_shows_the_viewers_day_with_working_links(
    material_site: Any, flat_site: Any, new_page: Any, flat: bool, index: int, day: dt.date
) -> None:
    served = flat_site if flat else material_site
    path = (FLAT_PAGES if flat else DIRECTORY_PAGES)[index]
    wanted = schedule(served, day)
    assert wanted["ids"] != schedule(served, BUILD_DAY)["ids"], "fixture: the day's set must differ from the build day's"

    page = new_page()
    page.clock.set_fixed_time(f"{day.isoformat()}T12:00:00Z")
    page.goto(served.at(path))
    page.wait_for_selector(f'[data-featured][data-kudos-day="{day.isoformat()}"]')
    assert featured_ids(page) == wanted["ids"]
    assert page.eval_on_selector_all("[data-featured] [data-kudos-id]", "els => els.length") == len(wanted["ids"])
    assert page.eval_on_selector_all(
        "[data-featured] [data-kudos-id]", "els => els.every(e => e.getAttribute('data-recipients').trim())"
    )
    assert check_links(page, served, flat) >= 3

    # Re-rooted exactly: each recipient's name links to their person page.
    recipients = page.eval_on_selector_all(
        "[data-featured] .kudos-entry__to a", "els => els.map(a => [a.textContent.trim(), a.href])"
    )
    assert recipients
    slugs = {"Ana Lima": "ana-lima", "Ben Okafor": "ben-okafor", "Cleo Park": "cleo-park", "Dev Iyer": "dev-iyer"}
    for name, href in recipients:
        assert href == expected_person_url(served, slugs[name], flat), (name, href)
    assert page.errors == []


@pytest.mark.parametrize("day", [LAST_SCHEDULED + dt.timedelta(days=1), dt.date(2027, 6, 1)],
                         ids=["day-after-schedule", "months-later"])
def test_past_the_schedule_the_build_days_set_stays(material_site: Any, new_page: Any, day: dt.date) -> None:
    assert not (material_site.built.site_dir / "kudos" / "featured" / f"{day.isoformat()}.json").exists()
    page = new_page()
    page.clock.set_fixed_time(f"{day.isoformat()}T12:00:00Z")
    with page.expect_response(lambda r: r.url.endswith(f"/kudos/featured/{day.isoformat()}.json")) as response:
        page.goto(material_site.at("kudos/"))
    assert response.value.status == 404
    page.wait_for_timeout(300)  # the script's promise chain settles after the 404
    assert page.get_attribute("[data-featured]", "data-kudos-day") == TODAY
    assert featured_ids(page) == schedule(material_site, BUILD_DAY)["ids"]
    assert page.errors == []


@pytest.mark.parametrize(
    ("zone", "instant", "day"),
    [
        # 23:30 in London is already 00:30 the next day in Berlin.
        ("Europe/London", "2026-12-01T23:30:00Z", "2026-12-01"),
        ("Europe/Berlin", "2026-12-01T23:30:00Z", "2026-12-02"),
        # One minute before midnight in Berlin, one after in London.
        ("Europe/Berlin", "2026-12-01T22:59:00Z", "2026-12-01"),
        ("Europe/London", "2026-12-02T00:01:00Z", "2026-12-02"),
    ],
)
def test_the_time_zone_option_decides_the_day(
    build_company: Any, new_page: Any, zone: str, instant: str, day: str
) -> None:
    served = build_company() if zone == "Europe/London" else build_company(timezone=zone)  # London: the default
    first, second = (schedule(served, dt.date(2026, 12, n))["ids"] for n in (1, 2))
    assert first != second, "fixture: consecutive days must have different sets"
    # The visitor's own zone (New York: still the afternoon of 1 December) must not matter.
    page = new_page(timezone_id="America/New_York")
    page.clock.set_fixed_time(instant)
    page.goto(served.at("kudos/"))
    assert page.get_attribute("[data-featured]", "data-kudos-timezone") == zone
    page.wait_for_selector(f'[data-featured][data-kudos-day="{day}"]')
    assert featured_ids(page) == (first if day.endswith("01") else second)


def test_a_wall_left_open_turns_over_at_midnight(material_site: Any, new_page: Any) -> None:
    page = new_page()
    # 23:59 in London on the build day (the fixture site's time zone), in winter.
    page.clock.install(time=f"{TODAY}T23:59:00Z")
    page.goto(material_site.at("kudos/"))
    page.clock.run_for(1_000)
    assert featured_ids(page) == schedule(material_site, BUILD_DAY)["ids"]
    page.clock.run_for(120_000)
    tomorrow = schedule(material_site, BUILD_DAY + dt.timedelta(days=1))
    page.wait_for_function(
        "day => document.querySelector('[data-featured]').getAttribute('data-kudos-day') === day",
        arg=tomorrow["day"],
    )
    assert featured_ids(page) == tomorrow["ids"]


ONCE = """() => {
  const notes = [...document.querySelectorAll('[data-featured] [data-kudos-id], .kudos-customers [data-kudos-id], #all-kudos + .kudos-list > [data-kudos-id]')];
  const shown = notes.filter(n => n.checkVisibility()).map(n => n.getAttribute('data-kudos-id'));
  const listed = [...document.querySelectorAll('#all-kudos + .kudos-list > [data-kudos-id]')].map(n => n.getAttribute('data-kudos-id'));
  return {shown, listed, featured: [...document.querySelectorAll('[data-featured] [data-kudos-id]')].filter(n => n.checkVisibility()).length};
}"""


@pytest.mark.parametrize(("javascript", "day"), [(False, BUILD_DAY), (True, dt.date(2026, 12, 3))],
                         ids=["build-day-without-javascript", "next-week-with-javascript"])
def test_the_walls_first_page_shows_each_note_once(sample_site: Any, new_page: Any, javascript: bool,
                                                   day: dt.date) -> None:
    """Featured today, what customers say and all kudos: a note higher up is not shown again below,
    yet it keeps its place in the list (page 2 starts where it did), on the build day and after the set turns over."""
    page = new_page(java_script_enabled=javascript)
    page.clock.set_fixed_time(f"{day.isoformat()}T12:00:00Z")
    page.goto(sample_site.at("kudos/"))
    page.wait_for_selector(f'[data-featured][data-kudos-day="{day.isoformat()}"]', state="attached")
    seen = page.evaluate(ONCE)
    wanted = schedule(sample_site, day)["ids"]
    assert seen["featured"] == len(wanted) == 6
    assert len(seen["shown"]) == len(set(seen["shown"])), seen["shown"]
    assert set(wanted) & set(seen["listed"]), "fixture: today's set must include notes of the first page"
    assert set(seen["listed"]) <= set(seen["shown"])  # nothing is lost: hidden below means shown above
    assert len(seen["listed"]) == 20  # the page size: a hidden note still holds its place
    assert page.errors == []
