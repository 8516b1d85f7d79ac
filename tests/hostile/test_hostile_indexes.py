"""The lists of cards, campaigns and teams show faces and names, so they must
show only people the site may show: a signer who opted out or signed
anonymously has no face on a card's front, a note from them on a team's tile
is "from a colleague", and someone off the wall is on no tile at all."""

from __future__ import annotations

import re

import pytest

from sites import PEOPLE, Built, make_site

INDEXES = ("cards/", "campaigns/", "teams/")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site = make_site(tmp_path_factory.mktemp("indexes") / "site-src")
    site.people(PEOPLE)  # Zephyrine Quillfeather (Billing) opted out
    site.write("kudos/cards/cleo-welcome.yml", "title: Welcome, Cleo\nfor: cleo-park\noccasion: welcome\ndate: 2026-11-20\n")
    for number, (giver, extra) in enumerate((("ana-lima", {}), ("dev-iyer", {"anonymous": True}), ("zed-private", {}))):
        site.entry(f"2026/11/sign-{number}.yml", date="2026-11-20", giver=giver, to="cleo-park", card="cleo-welcome",
                   message=f"Welcome aboard, signature {number}.", **extra)
    site.write("kudos/campaigns/week.yml", "title: Thanks week\nstart: 2026-11-02\nend: 2026-11-06\nnotes_per_person: 2\n")
    site.entry("2026/11/week-1.yml", date="2026-11-03", giver="zed-private", to="ben-okafor", campaign="week",
               message="A note from someone off the wall.")
    site.entry("2026/11/week-2.yml", date="2026-11-04", giver="dev-iyer", to="ana-lima", campaign="week", anonymous=True,
               message="A note nobody signed.")
    # Billing's newest thanks: given anonymously, then one from someone off the wall.
    site.entry("2026/11/to-cleo.yml", date="2026-11-23", giver="ana-lima", to="cleo-park", anonymous=True,
               title="Quiet hero", message="For the invoices nobody saw.")
    site.entry("2026/11/to-dev.yml", date="2026-11-24", giver="zed-private", to="dev-iyer",
               title="Night shift", message="For covering the night shift.")
    result = site.build()
    assert result.ok, result.log
    return result


def own_content(html: str) -> str:
    """The generated page's own part, after the theme's header."""
    return html.split('id="kudos-main"', 1)[1]


@pytest.mark.parametrize("url", INDEXES)
def test_someone_off_the_wall_is_on_no_index(built: Built, url: str) -> None:
    page = built.page(url)
    for trace in ("Zephyrine", "Quillfeather", "zed-private", ">ZQ<"):
        assert trace not in page, (url, trace)


def test_a_card_front_shows_no_face_for_an_anonymous_or_opted_out_signer(built: Built) -> None:
    front = own_content(built.page("cards/")).split('data-kudos-card="cleo-welcome"')[1].split("</article>")[0]
    faces = re.findall(r'kudos-avatar--small kudos-avatar--\d+">([A-Z?]+)</span>', front)
    assert faces == ["AL"]  # Ana signed with her name; Dev anonymously; Zephyrine is off the wall
    assert "3 signatures" in front


def test_a_team_tile_says_a_colleague_for_a_giver_it_may_not_name(built: Built) -> None:
    page = own_content(built.page("teams/"))
    billing = page.split('href="billing/"')[1].split("</li>")[0]
    assert "Night shift" in billing and "From a colleague" in billing
    assert "2 people" in billing  # Cleo and Dev; Zephyrine is not counted
    assert "Ana Lima" not in billing and "Quillfeather" not in billing


def test_a_campaign_tile_shows_whom_its_notes_thanked_never_who_wrote_them(built: Built) -> None:
    page = own_content(built.page("campaigns/"))
    board = page.split('kudos-campaign-tile__board" aria-hidden="true">')[1].split("</div>")[0]
    assert re.findall(r'<span class="kudos-mini[^"]*">([^<]*)</span>', board) == ["Ben", "Ana"]
    assert "Dev" not in board and "Zephyrine" not in board
