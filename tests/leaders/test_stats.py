"""`/kudos/stats/`: aggregate charts with data tables, built at build time; no names anywhere."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from conftest import PEOPLE
from sites import Site, make_site


class Tables(HTMLParser):
    """Each chart's data table as {row heading: value}, by the figure's id."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, dict[str, int]] = {}
        self.figure = ""
        self.cell: list[str] | None = None
        self.row: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "figure":
            self.figure = dict(attrs).get("id") or ""
            self.tables[self.figure] = {}
        elif tag in ("th", "td"):
            self.cell = []
        elif tag == "tr":
            self.row = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and len(self.row) == 2 and self.row[1].isdigit():
            self.tables[self.figure][self.row[0]] = int(self.row[1])

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def test_stats_page_counts_by_hand(leaders_site: Site) -> None:
    leaders_site.write("kudos/2025/12/too-old.yml", "date: 2025-11-30\nfrom: ana-lima\nto: [ben-okafor]\nmessage: Old.\n")
    built = leaders_site.build()
    assert built.ok, built.log
    html = built.page("kudos/stats/")
    parser = Tables()
    parser.feed(html)
    t = parser.tables
    # From the first month with kudos in the last twelve (August 2026) to November 2026; the
    # 2025-11-30 entry is outside the twelve months, and the empty months before August are left out.
    assert list(t["months"]) == ["August 2026", "September 2026", "October 2026", "November 2026"]
    assert t["months"]["September 2026"] == 0  # an empty month between two busy ones stays
    assert t["months"]["November 2026"] == 4 and t["months"]["October 2026"] == 3
    assert t["months"]["August 2026"] == 2 and sum(t["months"].values()) == 9
    assert t["principles"] == {"Patience says you're worth it": 2, "Little wows": 1, "Thank out loud": 1}
    # Billing (cleo, dev, eve on the wall) received 6 entries; Support (rosa, ana, ben) 4.
    assert t["teams"] == {"Billing": 6, "Support": 4}
    # Named givers and the different colleagues they thanked: ana {ben}, cleo {dev}, olga {ana},
    # rosa {eve, ana, cleo}, dev {eve}.
    assert list(t["breadth"].values()) == [4, 1, 0, 0]
    # Each chart's tile says what it shows in a sentence, worked out from those same counts.
    said = [unescape(p).strip() for p in re.findall(r'<p class="kudos-stat__say">(.*?)</p>', html, re.DOTALL)]
    assert said == [
        "November was the busiest month: 4 thank-yous",
        "Patience says you're worth it came up most: 2 stories",
        "Thanks reached every team",  # never which team was thanked most: the page ranks no one
        "4 of 5 people thanked one colleague",  # five named givers: anonymous and customer notes are not counted
    ]
    # The bar the sentence names stands out: November's, and only November's.
    assert re.findall(r'<tr class="kudos-chart__top"><th scope="row"><span class="kudos-chart__label">([^<]+)<', html) == [
        "November 2026", "1 colleague"]
    # Principles in the handbook's own order (as on the principles index), never by how often they were cited.
    index = re.findall(r'class="kudos-principle-card" data-principle="([^"]+)"', built.page("principles/"))
    assert re.findall(r'<tr data-principle="([^"]+)"', html) == index
    assert list(t["principles"]) != ["Patience says you're worth it", "Little wows", "Thank out loud"]
    assert "counted together" not in html  # no smaller teams here: no rule to state


def test_charts_are_tables_whose_rows_carry_their_bars_in_theme_colours(leaders_site: Site) -> None:
    """Text at the page's own size (readable at any width), one structure for eyes and screen readers."""
    built = leaders_site.build()
    html = built.page("kudos/stats/")
    tables = re.findall(r'<table class="kudos-chart__table">.*?</table>', html, re.DOTALL)
    assert len(tables) == 4
    for table in tables:
        assert "<caption>" in table and '<th scope="row">' in table
        bars = re.findall(r'<span aria-hidden="true" style="width: ([0-9.]+)%"></span>', table)
        assert bars and max(float(b) for b in bars) <= 100
    assert "<svg" not in html.split('id="kudos-main"')[1]


def test_stats_name_nobody(leaders_site: Site) -> None:
    built = leaders_site.build()
    html = built.page("kudos/stats/").lower()
    for pid, person in PEOPLE.items():
        assert pid not in html
        for part in person["name"].lower().split():
            assert not re.search(rf"\b{re.escape(part)}\b", html), part


def test_small_teams_are_counted_together(leaders_site: Site) -> None:
    people = dict(PEOPLE)
    people["ben-okafor"] = {**PEOPLE["ben-okafor"], "team": "Night desk"}
    leaders_site.people(people)
    # A note to a customer in October: October now ties with November (and no team's count moves).
    leaders_site.entry("2026/10/ana-to-customer.yml", date="2026-10-20", giver="ana-lima", to=["customer"],
                       message="Thank you for your patience with the outage.")
    built = leaders_site.build()
    assert built.ok, built.log
    html = built.page("kudos/stats/")
    parser = Tables()
    parser.feed(html)
    # Support is down to two people, Night desk has one: neither bar may stand for a person.
    assert parser.tables["teams"] == {"Billing": 6, "Smaller teams": 4}
    text = words(html)
    assert "Teams of fewer than three people are counted together." in text
    assert "October and November were the busiest months: 4 thank-yous each" in text
    assert "Thanks reached every team" in text
    # Each team's bar wears its team's colour and links to its page; the smaller teams together have no page.
    assert re.search(r'<tr data-team="billing" class="kudos-avatar--\d+"><th scope="row"><a [^>]*href="../../teams/billing/"', html)
    assert '<tr class="kudos-chart__small"><th scope="row"><span class="kudos-chart__label">Smaller teams</span>' in html


def test_the_team_sentence_counts_the_teams_reached_and_names_none(leaders_site: Site) -> None:
    """Which team was thanked most is a ranking of colleagues: the sentence says how far thanks reached."""
    people = dict(PEOPLE)
    for pid in ("cleo-park", "dev-iyer"):
        people[pid] = {**PEOPLE[pid], "team": "Night desk"}
    people["eve-stone"] = {**PEOPLE["eve-stone"], "team": "Refunds"}
    # A team of three that nobody thanked in the period.
    people.update({f"new-{n}": {"name": f"Newcomer {n.title()}", "team": "Warehouse"} for n in ("one", "two", "three")})
    leaders_site.people(people)
    built = leaders_site.build()
    assert built.ok, built.log
    html = built.page("kudos/stats/")
    parser = Tables()
    parser.feed(html)
    assert parser.tables["teams"] == {"Support": 4, "Warehouse": 0, "Smaller teams": 6}
    said = [unescape(s).strip() for s in re.findall(r'<p class="kudos-stat__say">(.*?)</p>', html, re.DOTALL)]
    assert "Thanks reached 2 of the 3 teams" in said, said
    assert not any(team in s for s in said for team in ("Support", "Warehouse", "Smaller")), said


def words(html: str) -> str:
    main = html.split('id="kudos-main"', 1)[1]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", main)))


def test_the_headlines_are_this_month_beside_last_month_counted_by_hand(leaders_site: Site) -> None:
    built = leaders_site.build()
    assert built.ok, built.log
    text = words(built.page("kudos/stats/"))
    # November: ana->ben, a customer->cleo, rosa->eve+ana, dev->eve. October: an anonymous note to ana,
    # zed (opted out, shown as "a colleague") to dev, rosa->cleo; the note to zed is not published.
    assert "4 thank-yous so far in November 2026 3 in October 2026" in text
    assert "4 people thanked so far in November 2026 3 in October 2026" in text
    assert not re.search("\u25b2|\u25bc|up from|down from", text)  # a figure beside a figure, not a KPI that fell
    # On the wall and still here: rosa, ana, ben, cleo, dev, eve; all but rosa were thanked since August.
    assert "5 of 6 people on the wall thanked at least once since August 2026" in text


def test_a_wall_with_no_kudos_yet_shows_this_month_only(tmp_path: Path) -> None:
    site = make_site(tmp_path / "empty")
    for entry in (tmp_path / "empty" / "kudos").rglob("*.yml"):
        if entry.name != "people.yml":
            entry.unlink()
    built = site.build()
    assert built.ok, built.log
    parser = Tables()
    parser.feed(built.page("kudos/stats/"))
    assert parser.tables["months"] == {"November 2026": 0}
    assert "0 thank-yous so far in November 2026" in words(built.page("kudos/stats/"))


def test_a_charts_sentence_names_its_longest_bars_and_none_when_all_are_alike() -> None:
    from kudoswall.core.site.i18n import Catalogue
    from kudoswall.core.site.sections.stats import Lead, lead

    english, french = Catalogue(), Catalogue("fr")
    assert lead(english, [("August", 2), ("October", 5), ("November", 3)]) == Lead("October", 5, False)
    assert lead(english, [("October", 4), ("November", 4), ("August", 1)]) == Lead("October and November", 4, True)
    assert lead(french, [("octobre", 4), ("novembre", 4), ("août", 1)]) == Lead("octobre et novembre", 4, True)
    assert lead(english, [("Billing", 3), ("Support", 3), ("Refunds", 3)]) is None  # all alike: nothing to say
    assert lead(english, [("August", 0), ("September", 0)]) is None
