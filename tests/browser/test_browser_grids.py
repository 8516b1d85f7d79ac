"""Every grid of ours lays out as a grid in real Chromium, under Material and
the plain MkDocs theme: columns on an office screen (1920 px), and on a phone
(390 px) notes that neither overlap nor touch nor sit indented. The theme's
content rules (`.md-typeset ol:not([hidden])`, list padding, `figure` sizing)
once turned these into single-column stripes; this is the proof they do not."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from browserkit import AT_REST, Served, build_ok, run_axe

from sites import make_little_things_site

THEMES = {"material": None, "mkdocs": {"name": "mkdocs"}}

# (page, grid selector, columns at least, at 1920 px)
GRIDS = [
    ("kudos/", ".kudos-list", 4),
    ("kudos/", "[data-featured] .kudos-grid", 2),
    ("campaigns/csw-2026/", ".kudos-sticky-wall", 6),
    ("campaigns/", ".kudos-campaign-tiles", 2),  # wide tiles: a little wall beside the words
    ("campaigns/", ".kudos-campaign-tile__board", 4),
    ("cards/", ".kudos-cards--open", 3),  # large card fronts
    ("cards/", ".kudos-cards--given", 4),
    ("cards/ben-birthday-2026/", ".kudos-card__signatures", 3),
    ("people/", ".kudos-directory", 3),  # the teams side by side, each a column of cards (3 teams here)
    ("people/ben-okafor/", ".kudos-list--received", 4),
    ("teams/", ".kudos-teams", 4),
    ("teams/support/", ".kudos-team-board__members .kudos-list", 4),  # under the team's own thanks, the whole width
    ("celebrations/", "[data-kudos-strip]", 7),  # today and the next thirteen days, side by side
    ("celebrations/2026-12/", ".kudos-calendar", 7),
    ("little-things/", ".kudos-idea-board", 3),  # its groups side by side, each as wide as its ideas need
    ("little-things/", ".kudos-ideas", 1),  # (a group of one idea here: no bullets, no overlap)
    ("kudos/stats/", ".kudos-stats-grid", 2),
]

MEASURE = """sel => {
  const grid = document.querySelector(sel);
  if (!grid) return null;
  const style = getComputedStyle(grid);
  const items = [...grid.children].filter(e => e.getClientRects().length);
  // Layout boxes, before any tilt (a note may hang a degree crooked on purpose).
  const box = e => { const t = e.style.transform;
    e.style.transform = 'none'; const b = e.getBoundingClientRect(); e.style.transform = t;
    return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; };
  const boxes = items.map(box);
  let tracks;
  if (style.display === 'grid') {
    tracks = style.gridTemplateColumns.split(' ').filter(t => parseFloat(t) > 0).length;
  } else {
    tracks = new Set(boxes.map(b => Math.round(b.left))).size;  // a multi-column list
  }
  const g = grid.getBoundingClientRect();
  return {tracks, boxes, items: items.length, gridLeft: g.left, gridRight: g.right,
          paddingLeft: parseFloat(style.paddingLeft), marginLeft: parseFloat(style.marginLeft),
          listStyle: style.listStyleType, bullets: items.filter(e => getComputedStyle(e).display === 'list-item').length};
}"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> dict[str, Served]:
    made = {}
    for name, theme in THEMES.items():
        site = make_little_things_site(tmp_path_factory.mktemp(f"grids-{name}") / "src", signatures=8)
        for number, day in enumerate(("2026-08-01", "2026-07-10", "2026-06-02")):  # cards already given
            site.write(f"kudos/cards/given-{number}.yml", f"title: Farewell {number}\nfor: gil-ray\noccasion: farewell\ndate: {day}\n")
        # Busy months (eight occasions or more) are drawn as kitchen calendars; quiet ones would be boards of leaves.
        # (Days gone by and days after the next two weeks, so the leaves listed first stay as they are.)
        people = (site.root / "kudos/people.yml").read_text(encoding="utf-8")
        site.write("kudos/people.yml", people
                   + "".join(f"extra-{n}:\n  name: Extra Person{n}\n  birthday: 12-20\n" for n in range(6))
                   + "".join(f"late-{n}:\n  name: Late Person{n}\n  birthday: 11-05\n" for n in range(6)))
        # A thank-you to three people at once: their faces must not squeeze their names on a phone.
        site.entry("2026/11/to-three.yml", date="2026-11-13", giver="gil-ray", to=["ana-lima", "ben-okafor", "fay-lund"],
                   title="Monday, covered", message="Every one of you answered the phones on Monday.")
        # A long thank-you (a note the wall shows two columns wide) on a person's page.
        site.entry("2026/09/long-to-ben.yml", date="2026-09-14", giver="cleo-park", to="ben-okafor", title="The refund week",
                   message=" ".join(["Ben stayed with every refund call that week until the customer had an answer."] * 5))
        if theme is not None:
            site.theme = theme
        built = build_ok(site)
        made[name] = Served(built, serve(built.site_dir), site)
    return made


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5 and a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5


@pytest.mark.parametrize("theme", list(THEMES))
@pytest.mark.parametrize(("path", "selector", "columns"), GRIDS, ids=[f"{p}{s}" for p, s, _ in GRIDS])
def test_every_grid_has_columns_on_an_office_screen(sites: dict[str, Served], axe_page: Any, theme: str,
                                                   path: str, selector: str, columns: int) -> None:
    page = axe_page(viewport={"width": 1920, "height": 1080})
    page.goto(sites[theme].at(path))
    found = page.evaluate(MEASURE, selector)
    assert found is not None, f"{theme} {path}: no {selector}"
    assert found["items"] >= 1
    assert found["tracks"] >= min(columns, found["items"]) if selector == ".kudos-card__signatures" else found["tracks"] >= columns, (theme, path, found["tracks"])
    assert found["bullets"] == 0, "a theme's list style reached our items"


@pytest.mark.parametrize("theme", list(THEMES))
@pytest.mark.parametrize(("path", "selector", "columns"), GRIDS, ids=[f"{p}{s}" for p, s, _ in GRIDS])
def test_on_a_phone_no_two_items_overlap_touch_or_sit_indented(sites: dict[str, Served], axe_page: Any, theme: str,
                                                               path: str, selector: str, columns: int) -> None:
    page = axe_page(viewport={"width": 390, "height": 844})
    page.goto(sites[theme].at(path))
    found = page.evaluate(MEASURE, selector)
    assert found is not None, f"{theme} {path}: no {selector}"
    boxes = found["boxes"]
    for number, box in enumerate(boxes):
        assert box["left"] >= found["gridLeft"] - 0.5 and box["right"] <= 390, (theme, path, number, box)
        for other in boxes[number + 1:]:
            assert not overlaps(box, other), (theme, path, box, other)
    # Air between neighbours: below one another, and side by side.
    for box in boxes:
        above = [o["bottom"] for o in boxes if o is not box and o["left"] < box["right"] and o["right"] > box["left"]
                 and o["bottom"] <= box["top"] + 0.5]
        if above:
            assert box["top"] - max(above) >= 8, (theme, path, box, max(above))
        beside = [o["right"] for o in boxes if o is not box and o["top"] < box["bottom"] and o["bottom"] > box["top"]
                  and o["right"] <= box["left"] + 0.5]
        if beside:
            assert box["left"] - max(beside) >= 8, (theme, path, box, max(beside))
    assert found["paddingLeft"] <= 24 and found["marginLeft"] <= 1, (theme, path, found["paddingLeft"], found["marginLeft"])


@pytest.mark.parametrize("theme", list(THEMES))
@pytest.mark.parametrize("width", [390, 1920])
def test_stats_labels_are_at_least_12px_as_rendered(sites: dict[str, Served], axe_page: Any, theme: str, width: int) -> None:
    page = axe_page(viewport={"width": width, "height": 900})
    page.goto(sites[theme].at("kudos/stats/"))
    sizes = page.evaluate("""() => [...document.querySelectorAll('.kudos-chart :is(caption, th, td, .kudos-chart__value)')]
        .filter(e => e.textContent.trim() && e.getClientRects().length)
        .map(e => [e.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(e).fontSize), e.getBoundingClientRect().width])""")
    assert len(sizes) > 20
    for text, size, shown_width in sizes:
        assert size >= 12, (theme, width, text, size)
        assert shown_width > 0, text
    # Each chart fills its tile, and the tile the page's width (or half of it, side by side on a wide screen).
    tile, chart, inner = page.evaluate("""() => { const chart = document.querySelector('.kudos-chart'), tile = chart.closest('.kudos-stat');
        const style = getComputedStyle(chart);
        return [tile.getBoundingClientRect().width, chart.getBoundingClientRect().width,
                tile.clientWidth - parseFloat(style.marginLeft) - parseFloat(style.marginRight)]; }""")
    assert tile >= min(width - 48, 480), f"{theme}: a chart's tile {tile}px wide at {width}px"
    assert chart >= inner - 1, f"{theme}: a chart {chart}px wide in a tile with {inner}px for it"
    # The headline figures share out the page's whole width, not three quarters of it.
    ends = page.evaluate("""() => { const row = document.querySelector('.kudos-headlines');
        return [row.lastElementChild.getBoundingClientRect().right, row.parentElement.getBoundingClientRect().right]; }""")
    assert ends[0] >= ends[1] - 2, (theme, width, ends)


# Every bar row of the stats page as drawn: its label's box and lines, its bar's box and colour, and the
# colour of the mark beside the label (a principle's dot, a team's square).
BAR_ROWS = """() => [...document.querySelectorAll('.kudos-chart__table tbody tr')].map(row => {
  const label = row.querySelector('.kudos-chart__label'), bar = row.querySelector('.kudos-chart__bar span[aria-hidden]');
  const box = e => { const b = e.getBoundingClientRect(); return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; };
  const range = document.createRange(); range.selectNodeContents(label);
  const lines = new Set([...range.getClientRects()].filter(r => r.width > 1).map(r => Math.round(r.top))).size;
  const mark = getComputedStyle(label, '::before'), cell = getComputedStyle(row.querySelector('th'));
  return {text: label.textContent.trim(), label: box(label), bar: box(bar), lines, colour: getComputedStyle(bar).backgroundColor,
          mark: mark.content === 'none' ? null : mark.backgroundColor, kind: row.dataset.principle ? 'principle' : row.dataset.team ? 'team' : '',
          stripe: [cell.backgroundColor, cell.boxShadow, getComputedStyle(row).backgroundColor]};
})"""


@pytest.mark.parametrize("theme", list(THEMES))
def test_stats_bars_sit_by_their_labels_thick_and_in_their_principles_and_teams_colours(
        sites: dict[str, Served], axe_page: Any, theme: str) -> None:
    page = axe_page(viewport={"width": 1920, "height": 1080})
    page.goto(sites[theme].at("kudos/stats/"))
    rows = page.evaluate(BAR_ROWS)
    kinds = [row["kind"] for row in rows]
    assert "principle" in kinds and "team" in kinds, kinds
    for row in rows:
        gap = row["bar"]["left"] - row["label"]["right"]
        assert 0 <= gap <= 24, (theme, row["text"], gap)  # the bar starts right where its label ends
        assert row["bar"]["bottom"] - row["bar"]["top"] >= 20, (theme, row["text"])  # thick enough to read
        assert row["lines"] == 1, (theme, row["text"])
        assert row["stripe"] == ["rgba(0, 0, 0, 0)", "none", "rgba(0, 0, 0, 0)"], (theme, row["text"])  # no theme's stripes
        if row["kind"]:  # a principle's bar wears its dot's colour, a team's its square's
            assert row["mark"] == row["colour"], (theme, row["text"], row["mark"], row["colour"])
    teams = [row["colour"] for row in rows if row["kind"] == "team"]
    assert len(set(teams)) == len(teams)  # each team its own colour


@pytest.mark.parametrize("theme", list(THEMES))
def test_on_a_phone_each_stats_label_has_its_own_line_above_its_bar(sites: dict[str, Served], axe_page: Any, theme: str) -> None:
    page = axe_page(viewport={"width": 390, "height": 844})
    page.goto(sites[theme].at("kudos/stats/"))
    rows = page.evaluate(BAR_ROWS)
    assert len(rows) > 10
    for row in rows:
        assert row["lines"] == 1, (theme, row["text"])  # no label wraps ("2 to 3 / colleagues")
        assert row["label"]["bottom"] <= row["bar"]["top"] + 0.5, (theme, row["text"])  # the bar under its label
        assert abs(row["bar"]["left"] - row["label"]["left"]) <= 2, (theme, row["text"])
        assert row["bar"]["top"] - row["label"]["bottom"] <= 12, (theme, row["text"])
    # Still a table to a screen reader: rows, each named by its row header.
    cdp = page.context.new_cdp_session(page)
    roles = [node.get("role", {}).get("value") for node in cdp.send("Accessibility.getFullAXTree")["nodes"]]
    cdp.detach()
    assert roles.count("rowheader") >= len(rows), roles.count("rowheader")


@pytest.mark.parametrize("theme", list(THEMES))
def test_each_principle_keeps_its_own_chip_colour_inside_our_layer(sites: dict[str, Served], axe_page: Any, theme: str) -> None:
    """The layer's weight must not flatten principles.css: one colour per principle, the same everywhere."""
    page = axe_page(viewport={"width": 1920, "height": 1080})
    page.goto(sites[theme].at("kudos/"))
    colours = page.evaluate("""() => { const seen = {};
        for (const chip of document.querySelectorAll('.kudos-chip[data-principle]')) {
          const dot = getComputedStyle(chip, '::before').backgroundColor;
          (seen[chip.dataset.principle] = seen[chip.dataset.principle] || new Set()).add(dot); }
        return Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, [...v]])); }""")
    assert len(colours) >= 2, colours
    assert all(len(dots) == 1 for dots in colours.values()), colours
    assert len({dots[0] for dots in colours.values()}) == len(colours), colours


STRIP = """() => {
  const box = e => { const b = e.getBoundingClientRect(); return {left: b.left, right: b.right, top: b.top, bottom: b.bottom, width: b.width, height: b.height}; };
  const leaves = [...document.querySelectorAll('[data-kudos-strip] > .kudos-strip__day')];
  const today = document.querySelector('.kudos-strip__day--today');
  const circle = getComputedStyle(today.querySelector('.kudos-strip__number'));
  return {
    days: leaves.map(e => e.querySelector('time').getAttribute('datetime')),
    empty: leaves.filter(e => e.classList.contains('kudos-strip__day--empty')).map(box),
    busy: leaves.filter(e => !e.classList.contains('kudos-strip__day--empty')).map(box),
    today: box(today),
    circle: [circle.borderTopWidth, circle.borderTopStyle, circle.borderRadius],
    strip: box(document.querySelector('[data-kudos-strip]')),
    content: box(document.querySelector('.kudos-page')),
    after: [...document.querySelectorAll('.kudos-after-strip > *')].map(box),
    gone: document.querySelector('[data-kudos-gone]').open,
    sheets: box(document.querySelector('[data-kudos-sheets]')),
  };
}"""

SHEET = """() => {
  const boxes = [...document.querySelectorAll('.kudos-calendar > .kudos-day')];
  const shown = boxes.filter(e => e.getClientRects().length);
  const paint = e => getComputedStyle(e).backgroundColor;
  return {
    shown: shown.map(e => e.querySelector('time').getAttribute('datetime')),
    lefts: [...new Set(shown.map(e => Math.round(e.getBoundingClientRect().left)))].length,
    names: [...document.querySelectorAll('.kudos-calendar__weekdays span')].filter(e => e.getClientRects().length).length,
    weeks: [...document.querySelectorAll('.kudos-day__week')].filter(e => e.getClientRects().length)
      .map(e => [e.textContent.trim(), Math.round(e.closest('.kudos-day').getBoundingClientRect().height)]),
    past: [...new Set(boxes.filter(e => e.classList.contains('kudos-day--past')).map(paint))],
    ahead: [...new Set(boxes.filter(e => e.classList.contains('kudos-day--ahead')).map(paint))],
  };
}"""


@pytest.mark.parametrize("theme", list(THEMES))
@pytest.mark.parametrize("width", [1920, 390])
def test_celebrations_are_a_strip_of_days_then_whole_month_sheets(
        sites: dict[str, Served], axe_page: Any, axe_source: str, theme: str, width: int) -> None:
    page = axe_page(viewport={"width": width, "height": 1080 if width > 1000 else 844})
    page.goto(sites[theme].at("celebrations/"))
    found = page.evaluate(STRIP)
    assert len(found["days"]) == 14 and found["days"][0] == "2026-11-25", found["days"]
    width_, style, radius = found["circle"]
    assert float(width_[:-2]) >= 2 and style == "solid" and radius.endswith("%"), found["circle"]  # circled in pen
    assert found["strip"]["top"] < 700 and found["gone"] is False, found  # first on the page; the days gone by folded
    assert all(e["height"] < 0.6 * found["today"]["height"] or e["width"] < 0.6 * found["today"]["width"]
               for e in found["empty"]), found  # a day with nothing on it is a thin leaf
    if width == 1920:
        # One strip across the screen: leaves side by side, the empty ones narrow, today and the busy days wide.
        assert found["strip"]["width"] >= 0.95 * found["content"]["width"], found
        assert len({round(e["top"]) for e in found["empty"] + found["busy"]}) <= 2, found
        assert max(e["width"] for e in found["empty"]) < 100 < min(e["width"] for e in found["busy"]), found
        # What comes after the strip shares the width, not one column down its left side.
        assert len({round(e["top"]) for e in found["after"]}) == 1 and len(found["after"]) >= 2, found
        assert max(e["right"] for e in found["after"]) > 0.6 * found["content"]["right"], found
        # This month and the next in miniature hang beside the heading, above the strip's right end.
        assert found["sheets"]["bottom"] <= found["strip"]["top"] and found["sheets"]["left"] > 0.5 * found["content"]["right"], found
    else:
        # One under the other, the empty ones a thin line each.
        assert len({round(e["left"]) for e in found["empty"] + found["busy"]}) == 1, found
        assert max(e["height"] for e in found["empty"]) < 40, found
        assert found["sheets"]["top"] >= found["strip"]["bottom"], found  # on a phone, after the strip
        reached = []
        for _ in range(160):
            page.keyboard.press("Tab")
            reached.append(page.evaluate("document.activeElement.textContent.trim()"))
            if "Start a card for Ana" in reached:
                break
        assert "Sign Ben's card" in reached and "Start a card for Ana" in reached, reached
        page.evaluate(AT_REST)  # tabbing scrolled the page: Material's header may still be fading
    exceptions = [("color-contrast", ".md-copyright")] if theme == "material" else [
        ("color-contrast", ".bs-sidebar"), ("color-contrast", "footer.col-md-12")]
    assert run_axe(page, axe_source, exceptions) == []
    # A month's own page: its whole sheet, seven columns on a wide screen, week by week on a phone.
    page.goto(sites[theme].at("celebrations/2026-12/"))
    sheet = page.evaluate(SHEET)
    assert len(sheet["past"]) <= 1 and sheet["ahead"], sheet
    if width == 1920:
        assert len(sheet["shown"]) == 31 and sheet["lefts"] == 7 and sheet["names"] == 7, sheet
        assert sheet["weeks"] == [], sheet
    else:
        assert sheet["shown"][0] == "2026-12-01" and sheet["lefts"] <= 2 and sheet["names"] == 0, sheet
        # Five weeks named; a week with nothing on it is one thin line.
        assert len(sheet["weeks"]) == 5, sheet
        assert all(height < 40 for text, height in sheet["weeks"] if text.endswith("nothing on")), sheet
        assert len([w for w in sheet["weeks"] if w[0].endswith("nothing on")]) == 2, sheet  # from 21 December
    assert run_axe(page, axe_source, exceptions) == []


TEAM_PAGE = """() => {
  const box = e => { if (!e) return null; const b = e.getBoundingClientRect();
    return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; };
  const head = document.querySelector('.kudos-team-head');
  return {
    band: getComputedStyle(head).borderBottomColor,
    badge: getComputedStyle(head.querySelector('.kudos-team-head__badge')).backgroundColor,
    head: box(head),
    faces: [...head.querySelectorAll('.kudos-team-faces a .kudos-team-face__name')].map(a => a.textContent.trim()),
    thank: box(head.querySelector('a.kudos-action')),
    whole: box(document.querySelector('.kudos-team-board__whole .kudos-entry')),
    members: box(document.querySelector('.kudos-team-board__members .kudos-entry')),
  };
}"""

GROUP_NOTES = """() => [...document.querySelectorAll('.kudos-entry__head')]
  .filter(h => h.querySelectorAll('.kudos-avatars .kudos-avatar').length > 1)
  .map(h => { const title = h.querySelector('.kudos-entry__title').getBoundingClientRect();
              const faces = h.querySelector('.kudos-avatars').getBoundingClientRect();
              return {title: title.width, head: h.getBoundingClientRect().width, above: faces.bottom <= title.top + 1}; })"""


@pytest.mark.parametrize("theme", list(THEMES))
def test_a_team_page_opens_on_its_noticeboard_in_the_colour_of_its_tile(sites: dict[str, Served], axe_page: Any, theme: str) -> None:
    page = axe_page(viewport={"width": 1920, "height": 1080})
    page.goto(sites[theme].at("teams/"))
    tile = page.evaluate("""() => { const band = [...document.querySelectorAll('.kudos-team-card__band')]
        .find(b => b.textContent.includes('Support'));
        return [getComputedStyle(band).borderBottomColor, getComputedStyle(band.querySelector('.kudos-avatar')).backgroundColor]; }""")
    page.goto(sites[theme].at("teams/support/"))
    found = page.evaluate(TEAM_PAGE)
    # The team's colour and badge, exactly as on its tile in the list of teams.
    assert [found["band"], found["badge"]] == tile, (found, tile)
    assert found["faces"] == ["Ana Lima", "Ben Okafor", "Fay Lund"]
    # The header, its button, and the first note of each section are all on the first screen,
    # the team's own thanks beside its members' rather than above them.
    assert found["thank"]["bottom"] <= found["head"]["bottom"] and found["head"]["bottom"] < 400, found
    for section in ("whole", "members"):
        assert found[section]["top"] < 1080 - 200, (section, found)
    # The team's own thanks come first, above its members'.
    assert found["whole"]["bottom"] < found["members"]["top"], found


TEAM_BOARD = """() => {
  const unturned = e => { const t = e.style.transform; e.style.transform = 'none'; const b = e.getBoundingClientRect();
    e.style.transform = t; return {left: b.left, right: b.right, top: b.top, bottom: b.bottom, height: b.height}; };
  const board = document.querySelector('.kudos-team-board').getBoundingClientRect();
  const whole = unturned(document.querySelector('.kudos-team-board__whole'));
  const notes = [...document.querySelectorAll('.kudos-team-board__members .kudos-entry')].map(unturned);
  // The lowest thing on the board in each quarter of its width.
  const bottoms = [0, 1, 2, 3].map(i => board.left + (i + 0.5) * board.width / 4)
    .map(x => Math.max(...[whole, ...notes].filter(b => b.left <= x && b.right >= x).map(b => b.bottom)));
  return {board: {left: board.left, right: board.right}, whole, bottoms, notes: notes.length,
          tallest: Math.max(...notes.map(b => b.height)), highest: Math.min(...notes.map(b => b.top))};
}"""


@pytest.mark.parametrize("theme", list(THEMES))
def test_a_team_board_is_the_teams_thanks_across_the_top_then_its_members_in_every_column(
        sites: dict[str, Served], axe_page: Any, theme: str) -> None:
    """The thanks to the whole team once stood in a column of its own that ended after its one
    note, leaving a quarter of the office screen empty down to the footer."""
    page = axe_page(viewport={"width": 1920, "height": 1080})
    page.goto(sites[theme].at("teams/support/"))
    found = page.evaluate(TEAM_BOARD)
    assert found["notes"] >= 4, found
    board, whole = found["board"], found["whole"]
    assert whole["left"] <= board["left"] + 2 and whole["right"] >= board["right"] - 2, found
    assert found["highest"] > whole["bottom"], found
    # No quarter of the board stops short of the others by more than one note.
    assert max(found["bottoms"]) - min(found["bottoms"]) <= found["tallest"] + 40, found


PERSON_BOARD = """sel => {
  const list = document.querySelector(sel);
  const track = parseFloat(getComputedStyle(list).gridTemplateColumns.split(' ')[0]);
  const notes = [...list.children].filter(e => e.getClientRects().length).map(e => {
    const t = e.style.transform; e.style.transform = 'none'; const b = e.getBoundingClientRect(); e.style.transform = t;
    return {left: b.left, right: b.right, top: b.top, bottom: b.bottom, width: b.width}; });
  return {track, notes, gap: parseFloat(getComputedStyle(list).columnGap)};
}"""


@pytest.mark.parametrize("theme", list(THEMES))
@pytest.mark.parametrize("selector", [".kudos-list--received", ".kudos-list--given"])
def test_a_persons_board_has_no_hole_beside_a_long_note(sites: dict[str, Served], axe_page: Any, theme: str, selector: str) -> None:
    """A long note two columns wide, among a person's few notes, left the column beside it empty
    under its first note: here every note is one column wide, and the notes of a column follow
    one another with no more than the board's own gap between them."""
    page = axe_page(viewport={"width": 1920, "height": 1080})
    page.goto(sites[theme].at("people/ben-okafor/"))
    found = page.evaluate(PERSON_BOARD, selector)
    assert found["notes"], found
    for note in found["notes"]:
        assert note["width"] <= found["track"] + 1, (theme, selector, note, found["track"])
    columns: dict[int, list[dict[str, float]]] = {}
    for note in found["notes"]:
        columns.setdefault(round(note["left"] / 10), []).append(note)
    for notes in columns.values():
        notes.sort(key=lambda n: n["top"])
        for upper, lower in pairwise(notes):
            assert lower["top"] - upper["bottom"] <= 40 + 8, (theme, selector, upper, lower)


STACKS = """() => [...document.querySelectorAll('.kudos-avatars')].filter(s => s.children.length > 1 && s.getClientRects().length)
  .map(s => [...s.children].map(c => { const b = c.getBoundingClientRect(); const range = document.createRange();
    range.selectNodeContents(c); const text = range.getBoundingClientRect();
    return {left: b.left, right: b.right, width: b.width, textRight: text.right,
            ring: getComputedStyle(c).boxShadow}; }))"""


@pytest.mark.parametrize("theme", list(THEMES))
@pytest.mark.parametrize("path", ["teams/support/", "kudos/"])
def test_stacked_faces_never_cover_a_letter_of_the_face_under_them(sites: dict[str, Served], axe_page: Any, theme: str, path: str) -> None:
    page = axe_page(viewport={"width": 390, "height": 844})
    page.goto(sites[theme].at(path))
    stacks = page.evaluate(STACKS)
    assert stacks, f"{path}: no note to several people"
    for stack in stacks:
        for under, over in pairwise(stack):
            assert under["right"] - over["left"] < 0.1 * under["width"], (theme, path, under, over)
            # The ring in the paper's colour (2px) stops short of the letters underneath.
            assert "0px 0px 0px 2px" in over["ring"], over
            assert under["textRight"] <= over["left"] - 2, (theme, path, under, over)


@pytest.mark.parametrize("theme", list(THEMES))
@pytest.mark.parametrize("path", ["teams/support/", "kudos/"])
def test_on_a_phone_a_group_notes_faces_sit_above_its_names(sites: dict[str, Served], axe_page: Any, theme: str, path: str) -> None:
    page = axe_page(viewport={"width": 390, "height": 844})
    page.goto(sites[theme].at(path))
    notes = page.evaluate(GROUP_NOTES)
    assert notes, f"{path}: no note to several people"
    for note in notes:
        assert note["above"] and note["title"] >= 0.95 * note["head"], (theme, path, note)


SHEETS = {  # page: (its sheet, a day with something on it, a leaf on that day)
    "celebrations/": ("[data-kudos-strip]", ".kudos-strip__day--ahead:not(.kudos-strip__day--empty)",
                      ".kudos-strip .kudos-celebration--compact"),
    "celebrations/2026-12/": (".kudos-calendar-sheet", ".kudos-calendar .kudos-day--ahead", ".kudos-calendar .kudos-celebration--compact"),
}
SHEET_PAINT = """([sheet, day, leaf]) => {
  const paint = s => getComputedStyle(typeof s === 'string' ? document.querySelector(s) : s).backgroundColor;
  return {sheet: paint(sheet), day: paint(day), leaf: paint(leaf), page: paint(document.body)};
}"""


@pytest.mark.parametrize("path", list(SHEETS))
@pytest.mark.parametrize("theme", list(THEMES))
def test_on_a_dark_page_the_calendar_sheet_is_the_themes_dark_surface(
        sites: dict[str, Served], axe_page: Any, axe_source: str, theme: str, path: str) -> None:
    """A light sheet the width of the screen glares on a dark page: the sheet and its boxes take the
    theme's dark surface; the leaves on it stay light paper with dark ink."""
    dark = ("document.body.setAttribute('data-md-color-scheme', 'slate')" if theme == "material"
            else "document.documentElement.setAttribute('data-bs-theme', 'dark')")  # what each theme's switch does
    page = axe_page(viewport={"width": 1920, "height": 1080})
    page.goto(sites[theme].at(path))
    colours = {"light": page.evaluate(SHEET_PAINT, list(SHEETS[path]))}
    page.evaluate(dark)
    colours["dark"] = page.evaluate(SHEET_PAINT, list(SHEETS[path]))
    def channels(paint: str) -> list[float]:  # "rgb(r, g, b)" or, for a mixed colour, "color(srgb r g b)" in 0..1
        if paint.startswith("color(srgb"):
            return [float(n) * 255 for n in paint[len("color(srgb"):-1].split()[:3]]
        return [float(n) for n in paint[paint.index("(") + 1:-1].split(",")[:3]]

    rgb = {s: {k: channels(colours[s][k]) for k in ("sheet", "day", "leaf")} for s in ("light", "dark")}
    # The sheet is the page's own surface, a shade off it: on a dark page dark, not a beige slab. (Without a
    # palette Material keeps a white page in slate; the mkdocs theme's dark page is dark.)
    page_dark = channels(colours["dark"]["page"])
    assert all(abs(a - b) <= 40 for a, b in zip(rgb["dark"]["sheet"], page_dark, strict=True)), colours
    if max(page_dark) < 80:
        assert max(rgb["dark"]["sheet"]) < 90 and max(rgb["dark"]["day"]) < 100, colours
    assert min(rgb["light"]["sheet"]) > 200 and colours["light"]["day"] == "rgb(255, 255, 255)", colours
    assert min(rgb["dark"]["leaf"]) > 200, colours  # the leaves stay light paper
    if max(page_dark) < 80:  # a page really in its dark scheme: every pair of ink and surface still AA
        exceptions = [("color-contrast", ".md-copyright")] if theme == "material" else [
            ("color-contrast", ".bs-sidebar"), ("color-contrast", "footer.col-md-12")]
        assert run_axe(page, axe_source, exceptions) == []


def test_a_celebrations_month_leads_to_its_neighbours_on_screen_and_not_on_paper(sites: dict[str, Served], new_page: Any) -> None:
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(sites["material"].at("celebrations/2026-12/"))
    nav = page.locator("[data-kudos-months]")
    prev = nav.locator("a[rel=prev]")
    assert prev.inner_text().strip() == "← November 2026" and prev.bounding_box()["height"] >= 24  # a finger-sized target
    left = page.evaluate("[document.querySelector('h1'), document.querySelector('[data-kudos-months] a')]"
                         ".map(e => Math.round(e.getBoundingClientRect().left))")
    assert abs(left[0] - left[1]) <= 2, left  # in line with the page's heading
    page.emulate_media(media="print")
    assert not nav.is_visible()
