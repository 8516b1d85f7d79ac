"""The plugin inside a real `mkdocs build --strict`: pages, hooks, links, options."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from sites import PRINCIPLES, Site, make_little_things_site, many

ROOT = Path(__file__).resolve().parents[2]


def entry_articles(html: str) -> list[str]:
    """The articles a reader sees: a <template>'s content (the give page's preview) is inert, never shown."""
    return re.findall(r"<article[^>]*>", re.sub(r"<template\b.*?</template>", "", html, flags=re.S))


def ids_in(html: str) -> list[str]:
    return re.findall(r'data-kudos-id="([^"]+)"', html)


def test_the_sample_site_builds_strict(tmp_path: Path) -> None:
    copy = tmp_path / "sample"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", "site", ".venv", "*.egg-info", "__pycache__"))
    sample = Site(copy)
    sample.write_config = lambda: None  # type: ignore[method-assign]  # keep the repo's own mkdocs.yml
    built = sample.build()
    assert built.ok, built.log
    wall = built.page("kudos/")
    assert "data-featured" in wall and len(ids_in(wall)) >= 20
    assert "data-featured" in built.page("")  # the home page's featured block
    assert built.exists("people/") and built.exists("principles/")
    for principle in ("little-things", "patience", "three-rs", "little-wows",
                      "empowered-decisions", "people-first", "thank-out-loud"):
        assert "kudos-stories" in built.page(f"principles/{principle}/")


def test_every_rendered_entry_carries_the_markup_hooks(site: Site) -> None:
    built = site.build()
    assert built.ok, built.log
    pages = [p for p, text in built.text_files().items() if p.endswith(".html") and "<article" in text]
    assert len(pages) >= 6
    for path in pages:
        for tag in entry_articles(built.page(path)):
            if "kudos-entry" in tag:
                assert re.search(r'data-kudos-id="k[0-9a-f]{10}"', tag), (path, tag)
                assert re.search(r'data-recipients="[a-z0-9 :-]+"', tag), (path, tag)


def test_the_wall_shows_the_featured_set_then_all_entries_newest_first(site: Site) -> None:
    built = site.build()
    wall = built.page("kudos/")
    featured, rest = wall.split('id="all-kudos"')
    assert "data-featured" in featured
    listed = re.findall(r'<time datetime="([\d-]+)"', rest)
    assert listed == sorted(listed, reverse=True) and len(listed) == 4  # the fifth went only to an opted-out person


def test_featured_block_can_sit_on_the_home_page(site: Site) -> None:
    home = site.build().page("")
    assert "<!-- kudos:featured -->" not in home
    assert re.search(r"<section[^>]*data-featured", home)


def test_any_page_can_show_the_principles_as_their_cards(site: Site) -> None:
    site.write("docs/about.md", "# About us\n\nWhat we believe:\n\n<!-- kudos:principles -->\n\nThe end.\n")
    about = site.build().page("about/")
    assert "<!-- kudos:principles -->" not in about
    cards = re.findall(r'<li class="kudos-principle-card" data-principle="([a-z-]+)">', about)
    assert sorted(cards) == sorted(PRINCIPLES) and about.count("<h1") == 1  # the cards, not a second page title
    assert about.index("What we believe") < about.index("kudos-principle-card") < about.index("The end.")


def test_monthly_archives_anchor_each_entry_and_the_wall_links_to_them(site: Site) -> None:
    built = site.build()
    october = built.page("kudos/2026/10/")
    # The month's count in staff words, then the months either side and "Thank someone" on one row.
    assert "permanent link." not in october
    # The wall's pill stays marked on a month of the wall; no other pill is.
    nav = october.split('<nav class="kudos-nav"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'aria-current="(\w+)">([^<]+)<', nav) == [("true", "Kudos wall")], nav
    head = october.split('<div class="kudos-board-head">', 1)[1].split("</div>", 1)[0]
    assert 'class="kudos-month-nav"' in head and re.search(r'href="[^"]*give/">Thank someone</a>', head), head
    for kudos_id in ids_in(october):
        assert f'id="{kudos_id}"' in october
        assert f'href="2026/10/#{kudos_id}"' in built.page("kudos/")  # the permanent link


@pytest.mark.parametrize("directory_urls", [True, False])
def test_pagination_links_on_pages_one_to_three(site: Site, directory_urls: bool) -> None:
    many(site, 60)
    site.plugin_options["page_size"] = 20
    site.extra_config["use_directory_urls"] = directory_urls
    built = site.build()
    assert built.ok, built.log
    if directory_urls:
        urls = ["kudos/", "kudos/page/2/", "kudos/page/3/", "kudos/page/4/"]
        expect = {
            0: {"next": "page/2/"},
            1: {"prev": "../../", "next": "../3/"},
            2: {"prev": "../2/", "next": "../4/"},
        }
    else:
        urls = ["kudos/index.html", "kudos/page/2/index.html", "kudos/page/3/index.html", "kudos/page/4/index.html"]
        expect = {
            0: {"next": "page/2/index.html"},
            1: {"prev": "../../index.html", "next": "../3/index.html"},
            2: {"prev": "../2/index.html", "next": "../4/index.html"},
        }
    seen: set[str] = set()
    for number, url in enumerate(urls[:3]):
        html = built.page(url)
        for rel, href in expect[number].items():
            assert re.search(rf'rel="{rel}" href="{re.escape(href)}"', html), (url, rel, html[-3000:])
        if number == 0:
            assert 'rel="prev"' not in html
        else:  # a later page says where it is, beside the next small act
            assert re.search(r'<div class="kudos-board-head">\s*<h2 id="all-kudos">Page \d of 4</h2>\s*'
                             r'<a class="kudos-action[^"]*" href="[^"]*give/(index\.html)?">Thank someone</a>', html), url
        page_ids = ids_in(html.split('id="all-kudos"')[-1])
        assert len(page_ids) == 20 and not seen & set(page_ids)
        seen |= set(page_ids)
    assert built.exists(urls[3]) and not built.exists(urls[3].replace("/4/", "/5/"))


def test_person_pages_show_received_given_and_principles(site: Site) -> None:
    built = site.build()
    ana = built.page("people/ana-lima/")
    received, given = ana.split('id="given"')
    assert "Thank you for covering my shift" in received
    assert "A billing rescue" in given
    ben = built.page("people/ben-okafor/")
    assert "Patience says you" in ben.split('id="received"')[0]
    directory = built.page("people/")
    assert "Ana Lima" in directory and "Dev Iyer" in directory


def test_principle_pages_get_their_stories_and_the_overview_counts_them(site: Site) -> None:
    site.write("docs/principles/calm.md", "# Calm\n\nNo stories yet.\n")
    built = site.build()
    patience = built.page("principles/patience/")
    assert "Why patience" in patience
    stories = patience.split('id="kudos-stories"')[1]
    assert "A billing rescue" in stories
    overview = built.page("principles/")
    patience = overview.split('data-principle="patience"')[1].split("</li>")[0]
    assert "1 story" in patience
    # Its newest story, who was thanked and for what, leads to the note; then the way to add one.
    assert re.search(r'<a class="kudos-principle-card__story" href="\.\./kudos/2026/11/#k[0-9a-f]{10}".{0,900}'
                     r'Ben Okafor.{0,200}A billing rescue', patience, re.DOTALL), patience
    assert 'href="../kudos/give/?principle=patience">Thank someone for this</a>' in patience
    calm = overview.split('data-principle="calm"')[1].split("</li>")[0]
    assert "kudos-principle-card__story" not in calm and "?principle=calm" in calm


def test_a_principle_page_opens_on_its_colour_with_the_action_and_its_newest_stories(site: Site) -> None:
    site.write("docs/principles/patience.md",
               "---\nowner: ana-lima\ndescription: Time tells people they matter.\n---\n"
               "# Patience says you're worth it\n\nWhy patience matters.\n\n## On a normal day\n\nListen.\n")
    site.write("docs/principles/calm.md", "# Calm\n\nCustomers remember *one* moment.\n\nMore text.\n")
    site.entry("2026/11/cleo-to-dev.yml", date="2026-11-19", giver="cleo-park", to="dev-iyer",
               principles=["patience", "little-wows"], message="Dev walked me through the ledger twice.")
    built = site.build()
    page = built.page("principles/patience/")
    # On its own page a story does not repeat the page's chip; another principle's chip stays.
    stories = page.split('<header class="kudos-band"')[1]
    assert stories.count("<article ") == 2 and 'class="kudos-chip" data-principle="patience"' not in stories
    assert stories.count('class="kudos-chip" data-principle="little-wows"') == 1
    assert stories.count('<ul class="kudos-entry__principles"') == 1  # no empty list where the only chip was
    wows = built.page("principles/little-wows/").split('<header class="kudos-band"')[1]
    assert 'data-principle="patience"' in wows and 'class="kudos-chip" data-principle="little-wows"' not in wows
    band = page.split('<header class="kudos-band" data-principle="patience">')[1].split("Why patience matters.")[0]
    # The page's own title, its promise, the action and the story, in that order, before the text.
    assert re.search(r"<h1 id=\"patience-says-youre-worth-it\">Patience says you.{0,300}"
                     r"Time tells people they matter\..{0,300}"
                     r'href="\.\./\.\./kudos/give/\?principle=patience">Thank someone who showed this</a>'
                     r".{0,1200}A billing rescue", band, re.DOTALL), band
    assert page.count("<h1") == 1
    text = page.index("Why patience matters.")
    assert page.index("A billing rescue") < text < page.index("Kept by")  # the keeper closes the text
    # No `description`: the page's first paragraph is the promise, once.
    calm = built.page("principles/calm/")
    band = calm.split('class="kudos-band"')[1].split("More text.")[0]
    assert "Customers remember <em>one</em> moment." in band and calm.count("Customers remember") == 1
    assert 'href="../../kudos/give/?principle=calm">No kudos cite this principle yet.' in band
    # Search finds the title, the promise and the text; never the button, the way back or a story.
    index = json.loads((built.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = " ".join(d["title"] + " " + d["text"] for d in index["docs"] if d["location"].startswith("principles/patience/"))
    assert "Patience says you" in found and "Time tells people they matter." in found and "Listen." in found
    assert "Thank someone" not in found and "Our principles" not in found and "A billing rescue" not in found


def test_a_principle_past_its_review_date_is_marked(site: Site) -> None:
    site.write("docs/principles/patience.md", "---\nowner: ana-lima\nreview_by: 2026-01-01\n---\n# Patience\n")
    site.write("docs/principles/little-wows.md", "---\nreview_by: 2027-01-01\n---\n# Little wows\n")
    built = site.build()
    assert "data-review-overdue" in built.page("principles/patience/")
    assert "data-review-overdue" not in built.page("principles/little-wows/")


def test_a_principle_with_many_stories_links_to_all_of_them(site: Site) -> None:
    for n in range(12):
        site.entry(f"p/{n}.yml", date="2026-11-02", giver="cleo-park", to="dev-iyer",
                   principles=["little-wows"], message=f"Wow number {n}.")
    built = site.build()
    page = built.page("principles/little-wows/")
    band, board = page.split('class="kudos-band"')[1].split('id="kudos-more-stories"')
    assert len(ids_in(band)) == 3 and len(ids_in(board)) == 9  # stories_on_principle: 12 by default
    assert 'href="stories/"' in board
    assert len(ids_in(built.page("principles/little-wows/stories/"))) == 13


def test_generated_pages_stay_out_of_the_navigation(site: Site) -> None:
    built = site.build()
    home = built.page("")
    nav = home.split('class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    assert "people/ana-lima" not in nav and "kudos/2026" not in nav and "Kudos wall" not in nav


def test_a_plain_build_warns_and_publishes_every_good_entry(site: Site) -> None:
    site.write("kudos/broken.yml", "date: 2026-11-01\nfrom: ana-lima\nto: [ben-okafr]\nmessage: hi\n")
    strict = site.build()
    assert not strict.ok
    assert "kudos/broken.yml:3: unknown person 'ben-okafr' in 'to' - did you mean 'ben-okafor'?" in strict.log
    plain = site.build(strict=False)
    assert plain.ok, plain.log
    assert "WARNING" in plain.log and "ben-okafr" in plain.log
    assert "A billing rescue" in plain.page("kudos/")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("page_size", 0, "must be between 1 and 500, got 0"),
        ("featured_count", "six", "expected a whole number, got 'six'"),
        ("timezone", "Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
        ("today", "25/11/2026", "expected a date YYYY-MM-DD"),
        ("schedule_days", 10, "must be between 60 and 730, got 10"),
        ("colour", "red", "Unrecognised configuration name: colour"),
    ],
)
def test_bad_options_stop_the_build_with_a_clear_message(site: Site, option: str, value: object, message: str) -> None:
    site.plugin_options[option] = value
    built = site.build()
    assert not built.ok
    assert message in built.log


def test_the_featured_schedule_covers_at_least_sixty_days(site: Site) -> None:
    built = site.build()
    days = sorted((built.site_dir / "kudos/featured").glob("*.json"))
    assert len(days) == 61 and days[0].stem == "2026-11-25" and days[-1].stem == "2027-01-24"
    payload = json.loads(days[5].read_text())
    assert payload["day"] == days[5].stem and payload["ids"]
    wall = built.page("kudos/")
    assert 'data-kudos-day="2026-11-25"' in wall and 'data-kudos-schedule="featured/"' in wall


def test_same_data_and_day_give_byte_identical_pages(site: Site, tmp_path: Path) -> None:
    first = site.build().text_files()
    shutil.rmtree(site.root / "site")
    second = site.build().text_files()
    ours = [p for p in first if p.startswith(("kudos/", "people/", "principles/"))]
    assert len(ours) > 70
    for path in ours:
        assert first[path] == second[path], path


def test_the_builtin_mkdocs_theme_builds_too(site: Site) -> None:
    site.theme = "mkdocs"
    built = site.build()
    assert built.ok, built.log
    assert "data-featured" in built.page("kudos/")
    assert 'href="../kudos/assets/kudos.css"' in built.page("people/")


def test_a_site_overrides_a_template_from_its_custom_dir(site: Site) -> None:
    site.theme = {"name": "material", "custom_dir": "overrides"}
    site.write("overrides/kudos/entry.html", '<div class="our-own" data-kudos-id="{{ entry.id }}">{{ entry.title }}</div>\n')
    built = site.build()
    assert built.ok, built.log
    assert 'class="our-own"' in built.page("kudos/") and "kudos-entry" not in built.page("kudos/")


def test_a_site_with_its_own_principles_index_gets_the_overview_appended(site: Site) -> None:
    site.write("docs/principles/index.md", "# Our principles\n\nRead these first.\n")
    built = site.build()
    page = built.page("principles/")
    assert "Read these first." in page and "kudos-principles" in page


def test_a_build_under_properdocs(site: Site) -> None:
    built = site.build(tool="properdocs")
    assert built.ok, built.log
    assert "data-featured" in built.page("kudos/")
    assert built.exists("people/ana-lima/")


def test_the_plugin_can_be_switched_off(site: Site) -> None:
    site.plugin_options["enabled"] = False
    built = site.build()
    assert built.ok, built.log
    assert not built.exists("kudos/")


def test_no_generated_page_has_an_edit_link_while_handbook_pages_keep_theirs(site: Site) -> None:
    """A generated page has no Markdown to edit: the theme's pencil would open people.yml or nothing."""
    site.extra_config.update(repo_url="https://github.com/acme/handbook", edit_uri="edit/main/docs/")
    site.theme = {"name": "material", "features": ["content.action.edit"]}
    built = site.build()
    assert built.ok, built.log
    generated = [
        "kudos/", "people/", "people/ana-lima/", "teams/", "teams/support/", "cards/", "campaigns/",
        "celebrations/", "little-things/", "kudos/stats/", "kudos/tv/", "kudos/give/",
    ]
    for url in generated:
        html = built.page(url)
        assert "/edit/main/" not in html and "md-content__button" not in html, url
    assert 'href="https://github.com/acme/handbook/edit/main/docs/index.md"' in built.page("")


def test_every_permanent_link_lands_on_its_months_first_page_without_javascript(site: Site) -> None:
    many(site, 30)  # all in September 2026
    site.plugin_options["archive_page_size"] = 10
    built = site.build()
    assert built.ok, built.log
    first = built.page("kudos/2026/09/")
    september = [i for url in ("kudos/2026/09/", "kudos/2026/09/page/2/", "kudos/2026/09/page/3/")
                 for i in ids_in(built.page(url).split("kudos-month-index")[0])]
    assert len(september) == 30
    for kudos_id in september:
        assert f'id="{kudos_id}"' in first
    later = september[10:]
    for kudos_id in later:  # the line on the first page leads to the full entry
        assert re.search(rf'<li id="{kudos_id}"><a href="page/[23]/#{kudos_id}"', first)


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_a_build_with_worker_processes_is_byte_identical_to_a_build_in_one(tmp_path: Path, theme: str) -> None:
    site = make_little_things_site(tmp_path / "site-src", signatures=3)
    for n in range(70):  # enough entry files and pages for workers to be worth starting
        site.entry(f"2026/{9 + n % 3:02d}/more-{n}.yml", date=f"2026-{9 + n % 3:02d}-{n % 20 + 1:02d}",
                   giver="ana-lima", to=["ben-okafor", "cleo-park"][: n % 2 + 1], principles=["patience"],
                   message=f"Thank you, number {n}, for *everything*.")
    site.theme = theme
    site.plugin_options.update(page_size=1, archive_page_size=1, people_page_size=1)
    workers = site.build(verbose=True, site_dir=site.root / "workers")
    assert workers.ok, workers.log
    assert re.search(r"generated pages are rendered by \d+ worker process", workers.log)
    site.plugin_options.update(parallel=False)
    one = site.build(verbose=True, site_dir=site.root / "one")
    assert one.ok, one.log
    assert "worker process" not in one.log
    # MkDocs' own theme stamps each page with the time it was built.
    stamp = re.compile(r"Build Date UTC : [^\n]*")
    files_workers = {p: stamp.sub("", t) for p, t in workers.text_files().items()}
    files_one = {p: stamp.sub("", t) for p, t in one.text_files().items()}
    assert sorted(files_workers) == sorted(files_one)
    assert sum(p.startswith("kudos/page/") for p in files_workers) > 10
    for path, text in files_one.items():
        assert files_workers[path] == text, path
        assert "<!-- kudos:page" not in text, path  # every page got its content


def test_every_page_has_one_main_heading(tmp_path: Path) -> None:
    """Material titles a page whose content has no <h1> itself; ours have theirs (WCAG 1.3.1, 2.4.6)."""
    site = make_little_things_site(tmp_path / "site-src", signatures=3)
    site.plugin_options.update(page_size=1, archive_page_size=1, people_page_size=1)
    built = site.build()
    assert built.ok, built.log
    pages = {path: text for path, text in built.text_files().items() if path.endswith(".html")}
    assert len(pages) > 40
    twice = {path: text.count("<h1") for path, text in pages.items() if text.count("<h1") != 1}
    assert twice == {}


def test_data_recipients_names_teams_and_customers_as_the_contract_does(site: Site) -> None:
    """`data-recipients` lists the people shown, `team:<slug>` and `customer`, in the note's own order."""
    site.entry("2026/11/team.yml", date="2026-11-23", giver="ana-lima", to=["team:billing", "ben-okafor", "customer"],
               message="The whole billing team, Ben and our customer made the move painless.")
    built = site.build()
    assert built.ok, built.log
    for url in ("kudos/", "kudos/2026/11/", "teams/billing/"):
        assert 'data-recipients="team:billing ben-okafor customer"' in built.page(url), url
