"""Company scale, caught in kind rather than in seconds.

The timings live in scripts/bench.py. These tests catch the regressions that
make a build slow or a page heavy whatever the machine: pages that stop
growing linearly, a page that carries every entry, a generated page in the
navigation, an entry indexed for search more than once, an entry rendered
again for every page it appears on, and a parse cache that serves stale data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.resources
import json
import os
import random
import re
import shutil
from collections import Counter
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import pytest

from kudoswall.core.data import markup as render
from kudoswall.core.data.dataset import LoadCache, load
from kudoswall.core.data.markup import MessageRenderer, _plain_paragraphs, clean_text
from kudoswall.core.data.model import Dataset, Entry, Person, Principle
from kudoswall.core.data.project import Project, make_project
from kudoswall.core.render.cache import RenderCache
from kudoswall.core.render.renderer import Renderer
from kudoswall.core.site import rotation
from kudoswall.core.site.build import SiteModel, build_model
from kudoswall.core.site.i18n import Catalogue
from kudoswall.core.site.pages import EntryList, Featured, KudosPage
from kudoswall.core.site.paging import Pager
from kudoswall.core.site.sections import give
from kudoswall.core.site.sections.celebrations import DAY_SHOWN
from kudoswall.core.site.urls import UrlScheme
from sites import Site, make_site

TODAY = dt.date(2026, 11, 25)
PAGE_LIMIT = 300 * 1024  # any page, with the theme around it
WALL_LIMIT = 100 * 1024  # the wall's first page
THEME_ALLOWANCE = 100 * 1024  # what a theme may add around our content
PRINCIPLES = ("patience", "little-wows", "thank-out-loud", "people-first", "three-rs")
WORDS = [
    "thank", "you", "for", "staying", "late", "with", "the", "customer", "and", "making", "the", "whole",
    "team", "feel", "welcome",
]


def message(rng: random.Random, n: int) -> str:
    if n % 25 == 0:  # some messages are as long as allowed, with Markdown in them
        return ("**Long** story: " + " ".join(rng.choice(WORDS) for _ in range(400)))[:2000]
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 60))).capitalize() + "."


def synthetic(entries: int, people: int = 500, days: int = 365, seed: int = 4) -> Dataset:
    """A company in memory, as the loader would hand it over; one person is very popular."""
    rng = random.Random(seed)
    roster = {f"p{n:05d}": Person(f"p{n:05d}", f"Person Number {n}", team="Support") for n in range(people)}
    ids = list(roster)
    principles = {pid: Principle(pid, pid.replace("-", " ").title(), f"principles/{pid}.md") for pid in PRINCIPLES}
    renderer = MessageRenderer()
    made = []
    for n in range(entries):
        recipients = ["p00000"] if n % 20 == 0 else rng.sample(ids[1:], rng.choice((1, 1, 1, 2, 3)))
        giver = rng.choice([i for i in ids[:50] if i not in recipients])
        rendered = renderer.render(message(rng, n))
        made.append(
            Entry(
                id=f"k{n:010x}", date=TODAY - dt.timedelta(days=rng.randrange(days)), giver=giver,
                giver_label=roster[giver].name, recipients=tuple(recipients),
                principles=tuple(rng.sample(PRINCIPLES, rng.choice((0, 1, 1, 2)))),
                title="A title" if n % 2 else "", message_html=rendered.html,
                message_text=rendered.text, source=f"kudos/{n}.yml", line=1,
            )
        )
    made.sort(key=lambda e: (-e.date.toordinal(), e.id))
    return Dataset(roster, principles, tuple(made))


@dataclass
class KudosSite:
    """A site's model and renderer, as the adapter makes them, without MkDocs."""

    data: Dataset
    project: Project
    model: SiteModel
    renderer: Renderer

    @property
    def pages(self) -> tuple[KudosPage, ...]:
        return self.model.pages

    def html(self, page: KudosPage) -> str:
        return self.renderer.page_html(page)


def kudos_site(
    data: Dataset, directory_urls: bool = True, cache: RenderCache | None = None, **settings: Any
) -> KudosSite:
    project = make_project(Path("/nonexistent"), Path("docs"), {"today": TODAY, **settings})
    model = build_model(data, project, Catalogue())
    return KudosSite(data, project, model, Renderer(model, UrlScheme(directory_urls), Catalogue(), cache=cache))


@pytest.fixture(scope="module")
def big() -> KudosSite:
    return kudos_site(synthetic(20_000))


def entries_of(page: KudosPage) -> list[Entry]:
    found: list[Entry] = []
    for f in fields(page):
        value = getattr(page, f.name)
        if isinstance(value, Pager):
            value = value.items
        elif isinstance(value, (EntryList, Featured)):
            value = value.entries
        if isinstance(value, (list, tuple)):  # a month's index of later entries is links, not entries
            found.extend(e for e in value if isinstance(e, Entry))
    return list({e.id: e for e in found}.values())


def page_bound(data: Dataset, opts: Any) -> float:
    """Pages a linear layout needs at most: a page per page-full of each list, plus per person and month."""
    entries = data.entries
    listed = sum(len(e.colleagues) for e in entries) + len(entries)  # received and given lists
    citations = sum(len(e.principles) for e in entries)
    months = len({e.month for e in entries})
    return (
        len(entries) / opts.page_size + len(entries) / opts.archive_page_size + months
        + listed / opts.archive_page_size + citations / opts.archive_page_size
        + 3 * len(data.people) + len(data.principles) + 10
    )


def test_the_number_of_pages_grows_linearly_with_entries(big: KudosSite) -> None:
    sizes = {n: kudos_site(synthetic(n)) for n in (5_000, 10_000)}
    sizes[20_000] = big
    pages = {n: len(site.pages) for n, site in sizes.items()}
    for n, site in sizes.items():
        assert pages[n] <= page_bound(site.data, site.project.settings), (n, pages[n])
    # Pages per entry do not grow with the company (they fall, as fixed pages weigh less).
    assert pages[20_000] / 20_000 <= pages[10_000] / 10_000 <= pages[5_000] / 5_000, pages
    assert pages[20_000] >= 20_000 / 20  # and the wall really is paginated


def test_no_page_carries_more_than_a_page_of_entries(big: KudosSite) -> None:
    """Per-page work stays bounded: no template is handed every entry, or every month."""
    opts = big.project.settings
    limit = max(opts.page_size, opts.archive_page_size) * 2
    pages = big.pages
    assert len(pages) > 1_000
    for page in pages:
        assert len(entries_of(page)) <= limit, page.src_uri
        nav = getattr(page, "nav", None)
        assert nav is None or len(nav.months) <= 12, page.src_uri


def test_every_entry_is_indexed_for_search_exactly_once(big: KudosSite) -> None:
    seen: Counter[str] = Counter()
    for page in big.pages:
        if page.searchable:
            seen.update(e.id for e in entries_of(page))
    assert set(seen) == {e.id for e in big.data.entries}
    assert max(seen.values()) == 1


def test_pages_stay_small_at_20000_entries(big: KudosSite) -> None:
    # The heaviest page of each kind, by the number of entries it shows.
    heaviest: dict[type, KudosPage] = {}
    for page in big.pages:
        kind = type(page)
        if kind not in heaviest or len(entries_of(page)) > len(entries_of(heaviest[kind])):
            heaviest[kind] = page
    assert {"WallPage", "MonthPage", "PersonPage", "PersonListPage"} <= {k.__name__ for k in heaviest}
    for page in heaviest.values():
        size = len(big.html(page).encode("utf-8"))
        assert size < PAGE_LIMIT - THEME_ALLOWANCE, (page.src_uri, size)
    wall = next(p for p in big.pages if p.src_uri == "kudos/index.md")
    assert len(big.html(wall).encode("utf-8")) < WALL_LIMIT - THEME_ALLOWANCE / 2
    for path, content in {**big.renderer.daily_files(), **{path: make() for path, make in big.renderer.file_makers().items()}}.items():
        size = len(content if isinstance(content, bytes) else content.encode("utf-8"))
        assert size < PAGE_LIMIT, (path, size)
    busiest = max(big.model.index.received.values(), key=len)
    assert len(busiest) >= 1_000  # the popular person's page was really put to the test


def test_each_entry_is_rendered_once_per_kind_of_place() -> None:
    site = kudos_site(synthetic(2_000))
    for page in site.pages:
        site.html(page)
    site.renderer.daily_files()
    renders = site.renderer.cache.rendered_entries
    # Twice at most: as a heading of level 3 (wall, person, lists, stories) and in its archive with its anchor.
    assert sum(renders.values()) <= 2 * len(site.data.entries)
    assert max(renders.values()) <= 2


def test_a_rebuild_renders_only_what_changed_and_matches_a_cold_build() -> None:
    data = synthetic(600)
    cache = RenderCache(keep_pages=True)  # as under `mkdocs serve`
    first = kudos_site(data, cache=cache)
    for page in first.pages:
        first.html(page)

    edited = data.entries[10]
    changed = dataclasses.replace(edited, message_html="<p>Edited.</p>", message_text="Edited.")
    data2 = Dataset(data.people, data.principles, tuple(changed if e is edited else e for e in data.entries))
    warm = kudos_site(data2, cache=cache)
    warm_pages = {page.src_uri: warm.html(page) for page in warm.pages}
    assert set(cache.rendered_entries) == {edited.id}
    showing = {p.src_uri for p in warm.pages if edited.id in {e.id for e in entries_of(p)}}
    # (and the directory's page that quotes its first words as someone's latest thanks)
    showing |= {p.src_uri for p in warm.pages if type(p).__name__ == "PeopleIndexPage"
                and "Edited." in {listed.latest for team in p.teams for listed in team.people}}  # type: ignore[attr-defined]
    # Only the pages that show the edited entry are rendered again.
    assert showing and set(cache.rendered_pages) == showing
    cold = kudos_site(data2)
    assert warm_pages == {page.src_uri: cold.html(page) for page in cold.pages}

    # A renamed person: only the notes and pages that show them are rendered again.
    person = "p00007"
    people = dict(data2.people)
    people[person] = Person(person, "Renamed Person", team="Support")
    renamed = kudos_site(Dataset(people, data2.principles, data2.entries), cache=cache)
    warm_pages = {page.src_uri: renamed.html(page) for page in renamed.pages}
    naming = {e.id for e in data2.entries if person in e.recipients or e.giver == person}
    assert naming and set(cache.rendered_entries) == naming
    rendered = set(cache.rendered_pages)
    assert f"people/{person}/index.md" in rendered
    assert len(rendered) < len(renamed.pages) / 4, (len(rendered), len(renamed.pages))  # not the whole site
    cold = kudos_site(renamed.data)
    assert warm_pages == {page.src_uri: cold.html(page) for page in cold.pages}
    assert "Renamed Person" in warm_pages[f"people/{person}/index.md"]

    # A new job title: no note names it, so none is rendered again; the pages that show it are.
    people[person] = Person(person, "Renamed Person", team="Support", title="Head of Thanks")
    promoted = kudos_site(Dataset(people, data2.principles, data2.entries), cache=cache)
    warm_pages = {page.src_uri: promoted.html(page) for page in promoted.pages}
    assert not cache.rendered_entries
    rendered = set(cache.rendered_pages)
    assert f"people/{person}/index.md" in rendered and len(rendered) < 10, sorted(rendered)
    cold = kudos_site(promoted.data)
    assert warm_pages == {page.src_uri: cold.html(page) for page in cold.pages}
    assert "Head of Thanks" in warm_pages[f"people/{person}/index.md"]


TEAMS = ("Support", "Billing", "Engineering", "Sales", "")  # "": no team, listed under "Other"


def staff(people: int, name: str = "Firstname{n} Lastname-{n}", teams: tuple[str, ...] = TEAMS) -> Dataset:
    """A company of `people` on the wall, and one who opted out."""
    roster = {
        f"person-{n:05d}": Person(f"person-{n:05d}", name.format(n=n), team=teams[n % len(teams)])
        for n in range(people)
    }
    roster["zed-private"] = Person("zed-private", "Zephyrine Quillfeather", team="Billing", wall=False)
    principles = {pid: Principle(pid, pid.replace("-", " ").title(), f"principles/{pid}.md") for pid in PRINCIPLES}
    return Dataset(roster, principles, ())


def give_page_and_files(site: KudosSite) -> tuple[str, dict[str, str]]:
    page = next(p for p in site.pages if p.src_uri == "kudos/give/index.md")
    people = {path: text for path, text in site.renderer.give_files().items() if "/people-" in path}
    return site.html(page), people


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_give_page_and_its_people_files_stay_small_at_5000_people(directory_urls: bool) -> None:
    site = kudos_site(staff(5_000), directory_urls)
    html, files = give_page_and_files(site)
    assert len(html.encode("utf-8")) < PAGE_LIMIT - THEME_ALLOWANCE
    assert "person-0" not in html and "Lastname" not in html  # the page names nobody
    # The page names its files relative to itself, in order: kudos/give/ in both URL styles.
    named = re.search(r'data-people="([^"]*)"', html)
    assert named is not None
    assert ["kudos/give/" + name for name in named.group(1).split()] == list(files)
    assert len(files) == 5
    listed: list[str] = []
    for path, content in files.items():
        assert len(content.encode("utf-8")) < PAGE_LIMIT, path
        rows = json.loads(content)["people"]
        assert 0 < len(rows) <= give.PEOPLE_PER_FILE
        # [id, name, team, avatar, initials]: the last two draw the person as a note does.
        assert all(len(row) == 5 and isinstance(row[3], int) and all(isinstance(v, str) for v in (*row[:3], row[4]))
                   for row in rows)
        assert "zed-private" not in content and "Zephyrine" not in content, path
        listed += [row[0] for row in rows]
    # Every visible person exactly once, and nobody else.
    assert len(listed) == len(set(listed)) == 5_000
    assert set(listed) == set(site.data.visible_people)
    # Read in order, the rows come by team ("Other" last), then by name.
    teams = [json.loads(c)["people"] for c in files.values()]
    order = [row[2] for chunk in teams for row in chunk]
    assert list(dict.fromkeys(order)) == ["Billing", "Engineering", "Sales", "Support", "Other"]


def test_the_people_directory_stays_small_at_thousands_of_people_whatever_they_were_thanked_for() -> None:
    """Each card quotes a line of its person's latest thanks, however long the note: a page grows with its
    people only, a hundred of them (the default page size) however many the company has."""
    longest = "陈" * 110 + " {n:05d}"
    data = staff(2_000, name=longest, teams=("团队" * 60, "队" * 120, ""))
    people = list(data.people)
    words = "长" * 2_000  # a title-less note at its longest, in 3-byte characters
    notes = tuple(
        Entry(id=f"k{n:010x}", date=TODAY, giver="", giver_label="a colleague", recipients=(pid,), principles=(),
              title="题" * 120 if n % 2 else "", message_html=f"<p>{words}</p>", message_text=words,
              source=f"kudos/{n}.yml", line=1)
        for n, pid in enumerate(people) if pid != "zed-private"
    )
    site = kudos_site(dataclasses.replace(data, entries=notes))
    directory = [p for p in site.pages if type(p).__name__ == "PeopleIndexPage"]
    assert len(directory) == 20
    for page in directory:
        html = site.html(page)
        assert len(html.encode("utf-8")) < 160 * 1024 < PAGE_LIMIT - THEME_ALLOWANCE, page.src_uri
        assert html.count('class="kudos-person-card__latest"') == html.count('class="kudos-person-card"') == 100
        assert "长" * 100 not in html and "Zephyrine" not in html


def test_people_files_stay_small_whatever_the_names() -> None:
    """Names and teams at their longest (120 characters), in a script of 3-byte characters."""
    longest = "陈" * 110 + " {n:05d}"
    data = staff(10_000, name=longest, teams=("团队" * 60, "队" * 120))
    site = kudos_site(data)
    html, files = give_page_and_files(site)
    assert len(html.encode("utf-8")) < PAGE_LIMIT - THEME_ALLOWANCE
    sizes = [len(content.encode("utf-8")) for content in files.values()]
    assert max(sizes) <= give.PEOPLE_FILE_BYTES < PAGE_LIMIT
    assert sum(len(json.loads(c)["people"]) for c in files.values()) == 10_000


def test_people_per_file_can_be_lowered_but_not_raised() -> None:
    data = staff(25)
    few = kudos_site(data, give_people_per_file=10)
    assert [len(json.loads(c)["people"]) for c in give_page_and_files(few)[1].values()] == [10, 10, 5]
    many = kudos_site(staff(2_500), give_people_per_file=1_000)
    assert [len(json.loads(c)["people"]) for c in give_page_and_files(many)[1].values()] == [1_000, 1_000, 500]
    with pytest.raises(ValueError, match="between 1 and 1000"):
        kudos_site(staff(5), give_people_per_file=5_000)
    nobody = kudos_site(Dataset({}, {}, ()))
    html, files = give_page_and_files(nobody)
    assert files == {} and 'data-people=""' in html




def write_entries(root: Path, count: int) -> None:
    (root / "docs" / "principles").mkdir(parents=True)
    (root / "docs" / "principles" / "patience.md").write_text("# Patience\n", encoding="utf-8")
    (root / "kudos").mkdir()
    (root / "kudos" / "people.yml").write_text(
        "ana-lima:\n  name: Ana Lima\nben-okafor:\n  name: Ben Okafor\n", encoding="utf-8"
    )
    for n in range(count):
        folder = root / "kudos" / "2026" / f"{n % 3 + 9:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"e{n:03d}.yml").write_text(
            f"date: 2026-{n % 3 + 9:02d}-{n % 20 + 1:02d}\nfrom: ana-lima\nto: ben-okafor\n"
            f"principles: [patience]\nmessage: Thanks number {n:03d}.\n",
            encoding="utf-8",
        )


def test_the_parse_cache_matches_a_cold_parse_and_follows_edits_renames_and_deletes(tmp_path: Path) -> None:
    write_entries(tmp_path, 30)
    cache = LoadCache()
    project = make_project(tmp_path, Path("docs"), {"today": TODAY})
    reads: list[str] = []

    def both() -> tuple[Dataset, Dataset]:
        warm = load(project, cache)
        reads[:] = [str(path) for path in cache.parsed_now]
        cold = load(project)
        assert warm.entries == cold.entries and warm.problems == cold.problems
        return warm, cold

    first, _ = both()
    assert len(first.entries) == 30 and len(reads) == 31  # the people file and every entry
    both()
    assert reads == []  # nothing changed, nothing parsed

    edited = tmp_path / "kudos" / "2026" / "09" / "e000.yml"
    text = edited.read_text(encoding="utf-8")
    stat = edited.stat()
    edited.write_text(text.replace("Thanks number 000", "Merci number 000"), encoding="utf-8")  # same size
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    warm, _ = both()
    assert reads == [str(edited)]
    assert any(e.message_text == "Merci number 000." for e in warm.entries)

    renamed = edited.with_name("renamed.yml")
    edited.rename(renamed)
    warm, _ = both()
    assert reads == [str(renamed)] and len(warm.entries) == 30

    renamed.unlink()
    warm, _ = both()
    assert reads == [] and len(warm.entries) == 29
    assert str(renamed) not in cache.parsed and str(edited) not in cache.parsed

    (tmp_path / "kudos" / "2026" / "10" / "e001.yml").write_text("date: [broken\n", encoding="utf-8")
    warm, _ = both()
    assert len(warm.entries) == 28 and warm.problems

    # What entries are checked against changes with no entry file touched: each is checked again.
    people = tmp_path / "kudos" / "people.yml"
    people.write_text(people.read_text(encoding="utf-8").replace("name: Ben Okafor", "name: Ben Okafor\n  wall: false"),
                      encoding="utf-8")
    warm, _ = both()
    assert reads == [str(people)] and warm.entries == ()  # every entry thanked Ben, who opted out
    (tmp_path / "docs" / "principles" / "patience.md").unlink()
    people.write_text("ana-lima:\n  name: Ana Lima\nben-okafor:\n  name: Ben Okafor\n", encoding="utf-8")
    warm, _ = both()
    assert warm.entries == () and any("unknown principle" in p.message for p in warm.problems)




def test_plain_messages_skip_markdown_but_render_exactly_as_markdown_would() -> None:
    fast, slow = MessageRenderer(), MessageRenderer()
    slow_path = _plain_paragraphs
    alphabet = [*list("abc xyz,.;:'\"?()/%$@~^{}|=-+>0123456789\n\n  \t*_[]<>!&#\\`éü陈\xa0\u2028\x85\u3000"), "1. ", "- ", "    ", "  \n", "\n\n", "Thanks a lot. ", " \n", "2) ", "\n \n"]
    rng = random.Random(11)
    shortcut = 0
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        if slow_path(clean_text(text)) is None:
            continue
        shortcut += 1
        try:
            render._plain_paragraphs = lambda source: None  # type: ignore[assignment]
            expected = slow.render(text)
        finally:
            render._plain_paragraphs = slow_path
        assert fast.render(text) == expected, repr(text)
    assert shortcut > 500




def busy_site(root: Path) -> Site:
    """Busy months, a popular person, and small archive pages, so everything paginates."""
    site = make_site(root)
    site.plugin_options.update(page_size=10, archive_page_size=15)
    rng = random.Random(3)
    recipients = ["ben-okafor", "cleo-park", "dev-iyer"]
    for n in range(260):
        day = dt.date(2026, 9, 1) + dt.timedelta(days=rng.randrange(80))
        site.entry(
            f"{day.year}/{day.month:02d}/{n:03d}.yml", date=day.isoformat(), giver="ana-lima",
            to=rng.choice(recipients), principles=[rng.choice(["patience", "little-wows"])],
            message=message(rng, n),
        )
    return site


@pytest.fixture(scope="module")
def busy(tmp_path_factory: pytest.TempPathFactory) -> Any:
    built = busy_site(tmp_path_factory.mktemp("busy") / "site-src").build()
    assert built.ok, built.log
    return built


def test_a_busy_site_keeps_every_page_small(busy: Any) -> None:
    sizes = {
        p.relative_to(busy.site_dir).as_posix(): p.stat().st_size
        for p in busy.site_dir.rglob("*")
        if p.is_file() and p.suffix in {".html", ".json"} and p.name != "search_index.json"
    }
    assert len(sizes) > 60
    assert max(sizes.values()) < PAGE_LIMIT, max(sizes.items(), key=lambda item: item[1])
    assert sizes["kudos/index.html"] < WALL_LIMIT


def test_no_generated_page_is_in_the_navigation_of_a_busy_site(busy: Any) -> None:
    def nav(html: str) -> list[str]:
        block = html.split('class="md-nav md-nav--primary"')[1].split("</nav>")[0]
        return re.findall(r'href="([^"]+)"', block)

    home = nav(busy.page(""))
    deep = busy.page("kudos/2026/10/page/2/")
    assert len(nav(deep)) == len(home) <= 10
    assert not [h for h in home if "kudos/20" in h or "people/" in h or "/page/" in h]


def test_each_entry_is_in_the_search_index_once(busy: Any) -> None:
    index = json.loads((busy.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    anchors = Counter(loc.split("#", 1)[1] for loc in locations if re.search(r"#k[0-9a-f]{10}$", loc))
    archive_ids: set[str] = set()
    for page in busy.site_dir.glob("kudos/20*/**/index.html"):
        archive_ids |= set(re.findall(r'data-kudos-id="([^"]+)"', page.read_text(encoding="utf-8")))
    assert len(archive_ids) > 250
    assert set(anchors) == archive_ids and max(anchors.values()) == 1


def test_permanent_links_of_a_month_on_several_pages_still_resolve_without_javascript(busy: Any) -> None:
    october = busy.page("kudos/2026/10/")
    later = re.findall(r'<li id="(k[0-9a-f]{10})"><a href="([^"#]+)#\1"', october)
    assert len(later) > 30 and not busy.exists("kudos/2026/10/anchors.json")  # one mechanism only
    for kudos_id, href in later:
        page = busy.page("kudos/2026/10/" + href)
        assert f'id="{kudos_id}"' in page
    # Links elsewhere on the site stay the permanent form, whatever page holds the entry.
    wall = busy.page("kudos/")
    assert re.search(r'href="2026/1[01]/#k[0-9a-f]{10}"', wall) and "2026/10/page/" not in wall
    assert not re.search(r'href="[^"]*/page/\d+/#k', wall)


def test_the_daily_files_are_the_rotation_of_every_entry_on_each_day() -> None:
    data = synthetic(3_000, days=400)
    site = kudos_site(data)
    files = site.renderer.daily_files()
    assert len(files) == 61
    for offset in range(61):
        day = TODAY + dt.timedelta(days=offset)
        payload = json.loads(files[f"kudos/featured/{day.isoformat()}.json"])
        assert payload["ids"] == [e.id for e in rotation.featured_on(data.entries, day, 6, 90)]


@pytest.mark.parametrize("people", [500, 5_000, 10_000, 20_000])
def test_the_published_schema_stays_small_however_many_people(people: int) -> None:
    text = give.schema_json(staff(people, name="Ñame-{n} with a long family name {n}"))
    assert len(text.encode("utf-8")) < PAGE_LIMIT, len(text)
    offered = json.loads(text)["definitions"]["person"]
    assert "zed-private" not in text and "Zephyrine" not in text
    if people <= give.SCHEMA_PEOPLE_MAX:
        assert len(offered["anyOf"][0]["enum"]) == people + 1  # and customer
        named = people <= give.SCHEMA_NAMED_MAX
        assert ("long family name" in text) is named
    else:  # people no longer listed (only `customer`); any well-formed id still validates
        assert offered["anyOf"][0]["enum"] == ["customer"]


@pytest.mark.parametrize("same_day", [False, True])
def test_celebrations_stay_small_at_5000_people_even_all_on_one_day(same_day: bool) -> None:
    """Everyone has a birthday and a work anniversary; with `same_day`, all of them today."""
    data = staff(5_000)
    people = {
        pid: dataclasses.replace(
            p, joined=TODAY.replace(year=2020 - n % 5) if same_day else dt.date(2015 + n % 10, 1 + n % 12, 1 + n % 28),
            birthday=TODAY.strftime("%m-%d") if same_day else f"{1 + n % 12:02d}-{1 + n % 28:02d}",
        )
        for n, (pid, p) in enumerate(data.people.items())
    }
    site = kudos_site(dataclasses.replace(data, people=people))
    pages = {p.src_uri: p for p in site.pages if p.src_uri.startswith("celebrations/")}
    listed: Counter[tuple[str, str, str]] = Counter()
    for src, page in pages.items():
        html = site.html(page)
        assert len(html.encode("utf-8")) < PAGE_LIMIT - THEME_ALLOWANCE, src
        if src != "celebrations/index.md":
            listed.update((c.person, c.kind, c.day.isoformat()) for c in page.pager.items)  # type: ignore[attr-defined]
    # The month pages list every occasion of the two months exactly once, and nobody who opted out.
    assert max(listed.values()) == 1
    assert "zed-private" not in {person for person, _, _ in listed}
    visible = len(people) - 1
    if same_day:
        assert len(listed) == 2 * visible  # a birthday and an anniversary each, today
        overview = site.html(pages["celebrations/index.md"])
        assert f"And {2 * visible - DAY_SHOWN} more today" in overview  # today's leaf on the strip
        assert overview.count('class="kudos-celebration ') == DAY_SHOWN  # and nothing else is on
        month = site.html(pages["celebrations/2026-11/index.md"])
        assert f"And {2 * visible - DAY_SHOWN} more today" in month  # its sheet counts the rest of today, listed below it
    else:  # hundreds of this month's occasions are gone by: a few are listed, the rest counted
        gone = re.search(r"Earlier in November 2026: (\d+) occasions.*?</ul>\s*<p><a [^>]*>And (\d+) more</a>",
                         site.html(pages["celebrations/index.md"]), re.S)
        assert gone and int(gone[1]) - int(gone[2]) == 4 * DAY_SHOWN, gone
        assert sum(kind == "birthday" for _, kind, _ in listed) == sum(
            1 for p in people.values() if p.wall and int(p.birthday[:2]) in (11, 12)
        )


def test_the_little_things_pages_stay_small_at_20000_entries(big: KudosSite) -> None:
    """A week-long campaign of 5,000 notes, a card of 300 signatures, a team thanked 2,000 times."""
    from kudoswall.core.data.ids import team_slug
    from kudoswall.core.data.model import Campaign, Card, Team

    data = big.data
    start = TODAY - dt.timedelta(days=30)
    people = {pid: dataclasses.replace(p, team=f"Team {n % 40}", joined=TODAY - dt.timedelta(days=400 + n),
                                       birthday=f"{1 + n % 12:02d}-{1 + n % 28:02d}")
              for n, (pid, p) in enumerate(data.people.items())}
    entries = []
    for n, entry in enumerate(data.entries):
        if n < 5_000:
            entry = dataclasses.replace(entry, campaign="csw", date=start)
        elif n < 5_300:
            entry = dataclasses.replace(entry, card="big-card", recipients=("p00001",))
        elif n < 7_300:
            entry = dataclasses.replace(entry, recipients=("team:team-1",))
        entries.append(entry)
    entries.sort(key=lambda e: (-e.date.toordinal(), e.id))
    teams = {}
    for pid, person in people.items():
        slug = team_slug(person.team)
        members = teams.get(slug, Team(slug, person.team, ())).members
        teams[slug] = Team(slug, person.team, (*members, pid))
    scaled = dataclasses.replace(
        data, people=people, entries=tuple(entries), teams=teams,
        cards={"big-card": Card("big-card", "Happy birthday", "p00001", "birthday", TODAY, "kudos/cards/big-card.yml")},
        campaigns={"csw": Campaign("csw", "CSW", start, start, 3, 1, "kudos/campaigns/csw.yml")},
    )
    site = kudos_site(scaled)
    kinds = {"CampaignPage", "CardPage", "TeamPage", "TeamsPage", "CelebrationsPage", "LittleThingsPage", "WallPage"}
    heaviest: dict[str, tuple[int, str]] = {}
    for page in site.pages:
        name = type(page).__name__
        if name in kinds:
            size = len(site.html(page).encode("utf-8"))
            heaviest[name] = max(heaviest.get(name, (0, "")), (size, page.src_uri))
    assert set(heaviest) == kinds
    for name, (size, src) in heaviest.items():
        assert size < PAGE_LIMIT - THEME_ALLOWANCE, (name, src, size)
    assert sum(1 for p in site.pages if type(p).__name__ == "CampaignPage") >= 5_000 / 50  # paginated


def test_an_entrys_anchored_copy_equals_what_the_template_renders_with_its_anchor(tmp_path: Path) -> None:
    # A site's own entry.html (here a copy of ours) is rendered with and
    # without its anchor; ours puts the anchor into the plain rendering.
    # Both must give the same pages, whatever the titles and recipients.
    data = synthetic(400, people=40)
    odd = ('<h3 class="kudos-entry__title">', 'Ünïcode "quotes" & <b>tags</b>', "")
    entries = tuple(
        dataclasses.replace(e, title=odd[n % 3], recipients=(*e.recipients, "customer") if n % 5 == 0 else e.recipients)
        for n, e in enumerate(data.entries)
    )
    data = dataclasses.replace(data, entries=entries)
    own = Path(str(importlib.resources.files("kudoswall") / "templates" / "kudos"))
    shutil.copytree(own, tmp_path / "kudos")
    ours = kudos_site(data)
    theirs = kudos_site(data)
    theirs.renderer = Renderer(theirs.model, UrlScheme(True), Catalogue(), template_dirs=[str(tmp_path)])
    months = [p for p in ours.pages if p.template == "kudos/archive.html"]
    assert len(months) > 10
    for page in months:
        assert ours.html(page) == theirs.html(page), page.src_uri
    assert 'id="' + entries[0].id + '"' in "".join(ours.html(p) for p in months)
