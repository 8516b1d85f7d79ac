"""No published count lets a reader subtract their way to who wrote an unsigned note.

A reader sees every note and its signature. Any count of people on a page
must then be what the signed notes alone give: a count that also holds the
giver of an anonymous note, or of a note from someone off the wall ("a
colleague"), is larger by exactly the people who wrote them.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from sites import PEOPLE, Built, make_site

GOAL = 2
# (giver, recipient, anonymous): Ana signs one note and writes her second
# unsigned; the opted-out Zed writes one (shown as "a colleague"); Ben
# signs both; Cleo writes one unsigned only.
NOTES = [
    ("ana-lima", "ben-okafor", False),
    ("ana-lima", "cleo-park", True),
    ("zed-private", "dev-iyer", False),
    ("ben-okafor", "ana-lima", False),
    ("ben-okafor", "dev-iyer", False),
    ("cleo-park", "ana-lima", True),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site = make_site(tmp_path_factory.mktemp("counts") / "site-src")
    site.people({**PEOPLE, "eve-north": {"name": "Eve North", "team": "Support"},
                 "fin-west": {"name": "Fin West", "team": "Support"}})
    site.write("kudos/campaigns/week.yml", f"title: Thanks week\nstart: 2026-11-02\nend: 2026-11-06\nnotes_per_person: {GOAL}\n")
    for number, (giver, to, anonymous) in enumerate(NOTES):
        site.entry(f"2026/11/note-{number}.yml", date="2026-11-03", giver=giver, to=to, campaign="week",
                   anonymous=anonymous, message=f"Note {number}: thank you for the week.")
    result = site.build()
    assert result.ok, result.log
    return result


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _signers(page: str) -> Counter[str]:
    """What a reader sees: the name under each sticky note, unsigned ones left out."""
    return Counter(
        name for name in re.findall(r'class="kudos-sticky__from"><a [^>]*>([^<]+)</a>', page)
    )


def test_every_count_of_people_on_a_campaign_is_what_its_signed_notes_give(built: Built) -> None:
    page = built.page("campaigns/week/")
    text = _text(page)
    signers = _signers(page)
    assert sum(signers.values()) == 3  # Ana's signed note and Ben's two
    signed = len(signers)
    complete = sum(1 for n in signers.values() if n >= GOAL)
    assert f"{signed} people signed notes" in text
    # One figure for everyone who could take part (Ana, Ben, Cleo, Dev, Eve, Fin; Zed is off the wall).
    assert f"{complete} of 6 people signed all their notes" in text
    # The unsigned notes are counted apart, as notes, never as people.
    assert "3 notes from colleagues who did not sign them" in text
    assert re.search(r"\b6 notes\b", text)
    # No figure per team: that would be a league table.
    assert "by team" not in text and not re.search(r'<th scope="row"><a [^>]*>[^<]+</a></th>\s*<td>\d+ of \d+</td>', page)


def test_no_count_on_a_campaign_says_more_people_took_part_than_signed(built: Built) -> None:
    # The class, as a reader would try it: every "N people" / "N person" figure
    # on the page is at most the number of people whose names sign a note.
    text = _text(built.page("campaigns/week/"))
    signers = len(_signers(built.page("campaigns/week/")))
    # ("1 of 6 people signed all their notes": 6 is who could take part, 1 who signed.)
    figures = [int(n) for n in re.findall(r"(\d+)(?: of \d+)? (?:people|person) signed", text)]
    assert figures and max(figures) <= signers


def test_stats_count_only_the_people_who_signed(built: Built) -> None:
    text = _text(built.page("kudos/stats/"))
    # Ana signed one (to Ben), Ben two: two people thanked colleagues by name, however many they thanked.
    assert re.search(r"\b\d of 2 people thanked (one|2 or 3 different) colleagues?\b", text), text


def test_the_anonymous_givers_pages_say_nothing_of_their_unsigned_notes(built: Built) -> None:
    ana = _text(built.page("people/ana-lima/"))
    given = ana.split("Thanks they gave")[1].split("Thanks to the")[0]
    assert "Note 0" in given and "Note 1" not in given
    cleo = _text(built.page("people/cleo-park/"))
    assert "Note 5" not in cleo.split("Thanks they gave")[1]


def test_a_site_without_unsigned_notes_shows_no_such_count(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site-src")
    site.write("kudos/campaigns/week.yml", "title: Thanks week\nstart: 2026-11-02\nend: 2026-11-06\nnotes_per_person: 1\n")
    site.entry("2026/11/one.yml", date="2026-11-03", giver="ana-lima", to="ben-okafor", campaign="week", message="Thanks.")
    built = site.build()
    assert built.ok, built.log
    text = _text(built.page("campaigns/week/"))
    assert not re.search(r"\d+ notes? from colleagues? who did not sign", text)
    assert "1 person signed a note" in text
