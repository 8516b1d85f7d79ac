"""Every page type invites the next small act and reads like the thing it stands for:
the cards and campaigns indexes, team pages that show the thanks to a team
and to its members, a person's "Thank Ben", the principles in the
handbook's order with their summaries, one line reaching every kudos page,
one human date format, and the office screen's QR code of the give page."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
import segno

from sites import Built, Site, make_little_things_site, make_site


def text_of(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def content(html: str) -> str:
    """Our generated page's own content (the wrapper our stylesheet reads)."""
    return html.split('id="kudos-main"', 1)[1].split('<footer class="md-footer"', 1)[0]


@pytest.fixture(scope="module")
def little(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site = make_little_things_site(tmp_path_factory.mktemp("every") / "src")
    site.write("kudos/cards/gil-farewell.yml", "title: Goodbye, Gil\nfor: gil-ray\noccasion: farewell\ndate: 2026-08-01\n")
    site.write("kudos/campaigns/thanks-week.yml", "title: Thanks week\nstart: 2026-11-23\nend: 2026-11-27\nnotes_per_person: 3\n")
    site.write("docs/how-to/customer-service-week.md", "# How to run Customer Service Week\n\nPlan it a month ahead.\n")
    site.entry("2026/11/to-all-of-support.yml", date="2026-11-13", giver="gil-ray",
               to=["ana-lima", "ben-okafor", "fay-lund"], message="Every one of you answered the phones on Monday.")
    site.entry("2026/11/to-fay.yml", date="2026-11-16", giver="ana-lima", to="fay-lund", message="Fay found the lost parcel.")
    site.write("docs/today.md", "# Today\n\n<!-- kudos:today -->\n")
    built = site.build(strict=True)
    assert built.ok, built.log
    return built


def test_the_cards_index_lists_open_cards_first_soonest_first_then_given_ones(little: Built) -> None:
    page = content(little.page("cards/"))
    opened, given = page.split('id="kudos-cards-given"')
    assert opened.index("Thank you for recommending us") < opened.index("Happy birthday, Ben!")  # 15 Nov, then 25 Nov
    assert "Goodbye, Gil" in given and "Goodbye, Gil" not in opened
    assert "Recently given" in text_of(given)
    assert 'href="../kudos/give/?card=ben-birthday-2026"' in opened
    assert "?card=gil-farewell" not in page  # a given card is no longer signed
    assert 'href="ben-birthday-2026/"' in opened
    assert "3 signatures" in text_of(opened)


def fronts(page: str) -> dict[str, str]:
    """Each card's front on the list of cards, by card id."""
    parts = re.split(r'(?=<article class="kudos-cardfront)', page)[1:]
    return {re.search(r'data-kudos-card="([^"]+)"', part).group(1): part.split("</article>")[0] for part in parts}  # type: ignore[union-attr]


def test_each_card_on_the_cards_index_is_a_front_with_the_recipients_face_and_the_signers_faces(little: Built) -> None:
    page = content(little.page("cards/"))
    cards = fronts(page)
    ben = cards["ben-birthday-2026"]
    assert "Birthday card" in ben and "For Ben Okafor" in text_of(ben)
    assert re.search(r'kudos-avatar--hero kudos-avatar--\d+" aria-hidden="true">BO</span>', ben)
    # Ana and Cleo signed with their names; Dev signed anonymously, so his face is nowhere.
    faces = re.findall(r'kudos-avatar--small kudos-avatar--\d+">([A-Z]+)</span>', ben.split("kudos-cardfront__signed")[1])
    assert faces == ["AL", "CP"]
    assert "DI" not in ben and "Dev Iyer" not in page and "dev-iyer" not in page
    assert '<a class="kudos-action kudos-noprint" href="../kudos/give/?card=ben-birthday-2026">Sign this card</a>' in ben
    customer = cards["thanks-for-the-referral"]
    assert "For a customer" in text_of(customer) and "kudos-avatar--customer" in customer
    gil = cards["gil-farewell"]
    assert "kudos-cardfront--given" in gil and "Sign this card" not in gil and "Nobody signed this card." in gil
    # A blank card to start another, among the open ones.
    opened = page.split('id="kudos-cards-given"')[0]
    assert re.search(r'<div class="kudos-cardfront kudos-cardfront--blank">\s*<span[^>]*>\+</span>\s*'
                     r'<p class="kudos-cardfront__title"><a class="kudos-action" href="../kudos/give/\?newcard=1">Start a card</a></p>',
                     opened)


def test_the_campaigns_index_says_which_runs_and_which_finished(little: Built) -> None:
    text = text_of(content(little.page("campaigns/")))
    assert text.index("Thanks week") < text.index("Customer Service Week 2026")  # running first
    assert "Thanks week" in text and "On now" in text and "Finished" in text
    assert "8 notes" in text
    page = little.page("campaigns/thanks-week/")
    for slot in ("left", "right", "anyone"):
        assert f'href="../../kudos/give/?campaign=thanks-week&amp;slot={slot}"' in page
    assert "On now" in text_of(page) and "0 notes so far" in text_of(page)
    assert 'href="../../kudos/give/?campaign=thanks-week"' in page  # the empty state is a link
    finished = little.page("campaigns/csw-2026/")
    assert "?campaign=csw-2026&amp;slot=" not in finished and "Finished" in finished


def campaign_tiles(page: str) -> dict[str, str]:
    """Each campaign's tile on the list of campaigns, by its title."""
    parts = re.split(r'(?=<li class="kudos-campaign-tile)', page)[1:]
    return {text_of(re.search(r'kudos-campaign-tile__title"><a [^>]*>([^<]+)</a>', part).group(1)): part  # type: ignore[union-attr]
            for part in parts}


def test_each_campaign_tile_shows_a_little_wall_of_its_notes_its_count_and_the_next_thing_to_do(little: Built) -> None:
    tiles = campaign_tiles(content(little.page("campaigns/")))
    week = tiles["Customer Service Week 2026"]
    board = week.split('kudos-campaign-tile__board" aria-hidden="true">')[1].split("</div>")[0]
    # Its eight notes, oldest first, each in a paper colour with whom it thanked.
    minis = re.findall(r'<span class="kudos-mini kudos-sticky--(\d)">([^<]*)</span>', board)
    names = [name for _, name in minis]
    assert names[0] == "Ben" and names[-1] == "Fay"  # 5 October first, 9 October last
    assert sorted(names) == sorted(["Ben", "Cleo", "a customer", "Ana", "Dev", "Dev", "Ana", "Fay"])
    assert {paper for paper, _ in minis} == {"0", "1", "2", "3", "4"}
    assert re.search(r'<p class="kudos-bignum"><strong>8</strong> notes were written</p>', week)
    # Finished: how to run the next one, the site's own guide.
    assert re.search(r'<a class="kudos-action [^"]*" href="../how-to/customer-service-week/">How to run the next one</a>', week)
    running = tiles["Thanks week"]
    assert '<a class="kudos-action" href="../kudos/give/?campaign=thanks-week">Write a note</a>' in running
    assert "How to run" not in running and "0</strong> notes so far" in running
    # Its title leads to its wall.
    assert 'href="thanks-week/">Thanks week</a>' in running


def test_a_busy_campaigns_little_wall_ends_with_how_many_more_notes_it_holds(tmp_path: Path) -> None:
    site = make_little_things_site(tmp_path / "src")
    for number in range(20):
        site.entry(f"2026/10/more-{number:02d}.yml", date="2026-10-09", giver="fay-lund", to="gil-ray",
                   campaign="csw-2026", message=f"One more note, number {number}.")
    built = site.build(strict=True)
    assert built.ok, built.log
    tile = campaign_tiles(content(built.page("campaigns/")))["Customer Service Week 2026"]
    minis = re.findall(r'<span class="kudos-mini[^"]*">([^<]*)</span>', tile)
    assert len(minis) == 15 and minis[-1] == "+14"  # 28 notes: 14 shown, and 14 more
    assert "<strong>28</strong>" in tile


def test_a_team_page_shows_its_members_under_its_name_then_thanks_to_the_team_then_to_its_members(little: Built) -> None:
    page = content(little.page("teams/support/"))
    assert page.index("<h1>") < page.index('id="members"') < page.index('id="thanks"') < page.index('id="member-thanks"')
    people = page.split('id="members"')[1].split('id="thanks"')[0]
    whole = page.split('id="thanks"')[1].split('id="member-thanks"')[0]
    members = page.split('id="member-thanks"')[1]
    # A note to the team by name, and one that thanked every member at once.
    assert "The whole Support team covered" in whole and "answered the phones on Monday" in whole
    assert "No thanks" not in page and "Be the first" not in whole
    assert "Fay found the lost parcel" in members and "answered the phones" not in members
    for name, initials in (("Ana Lima", "AL"), ("Ben Okafor", "BO"), ("Fay Lund", "FL")):
        assert name in people and f">{initials}</span>" in people
    assert 'href="../../kudos/give/?to=team:support"' in page and "Thank Support" in page
    billing = content(little.page("teams/billing/"))
    assert 'href="../../kudos/give/?to=team:billing">Be the first to thank the whole Billing team.</a>' in billing


def test_a_team_page_is_headed_by_its_tiles_colour_and_badge_with_its_members_as_links(little: Built) -> None:
    """The team's page is its tile grown up: the same colour and badge, then its faces, then "Thank Support"."""
    tile = team_tiles(content(little.page("teams/")))["support"]
    colour = re.match(r'<li class="kudos-team-card kudos-avatar--(\d+)">', tile).group(1)  # type: ignore[union-attr]
    page = content(little.page("teams/support/"))
    head = page.split('<header class="kudos-team-head', 1)[1].split("</header>", 1)[0]
    assert head.startswith(f' kudos-avatar--{colour}">')
    assert f'<span class="kudos-avatar kudos-avatar--{colour} kudos-team-head__badge" aria-hidden="true">S</span>' in head
    # Every member's face is a link to their page, in the header, and the one button thanks the team.
    assert re.findall(r'<a (?!class="kudos-chip")[^>]*href="([^"]+)"', head) == [
        "../../people/ana-lima/", "../../people/ben-okafor/", "../../people/fay-lund/", "../../kudos/give/?to=team:support"]
    # What the team is thanked for: the principles in all its thanks, as chips to their pages.
    chips = re.findall(r'<a class="kudos-chip" data-principle="([^"]+)" href="([^"]+)">', head)
    assert chips and chips[0] == ("patience", "../../principles/patience/"), chips
    assert 'aria-label="Principles in their kudos"' in head
    assert head.index('id="members"') < head.index(">AL</span>") < head.index("Thank Support")
    # The board starts right under it: no list of members between the header and the notes.
    assert page.split("</header>", 1)[1].lstrip().startswith('<div class="kudos-team-board')
    # A note to the team by name wears the team's badge (never a customer's heart), here and on the wall.
    for where in (page, content(little.page("kudos/2026/11/"))):
        note = where.split('data-recipients="team:support"', 1)[1].split("</header>", 1)[0]
        assert f'<span class="kudos-avatar kudos-avatar--team kudos-avatar--{colour}">S</span>' in note
        assert "kudos-avatar--customer" not in note


def test_the_people_directory_is_a_card_per_person_with_what_they_were_last_thanked_for(little: Built) -> None:
    page = content(little.page("people/"))
    cards = {re.search(r"data-kudos-find>([^<]+)</a>", card).group(1): card.split("</li>")[0]  # type: ignore[union-attr]
             for card in page.split('<li class="kudos-person-card">')[1:]}
    # Everyone on the wall, and nobody who opted out.
    assert set(cards) == {"Ana Lima", "Ben Okafor", "Cleo Park", "Dev Iyer", "Eli Moss", "Fay Lund", "Gil Ray"}
    assert "Zephyrine" not in page and "zed-private" not in page
    # What each was last thanked for: the note's title, else its first words (not a card's signature).
    latest = {name: text_of(card.split('class="kudos-person-card__latest">', 1)[1].split("</p>", 1)[0]).strip()
              for name, card in cards.items() if "kudos-person-card__latest" in card}
    assert latest["Ben Okafor"] == "Latest thanks A billing rescue"
    assert latest["Fay Lund"] == "Latest thanks Fay found the lost parcel."
    assert "Gil Ray" not in latest  # never thanked: no empty slip
    # Never who gave it: each name is on the page once, as its own card.
    words = text_of(page)
    assert "From " not in words and all(words.count(name) == 1 for name in cards)
    # One tap to thank them, except someone who has left.
    assert '<a class="kudos-person-card__thank" href="../kudos/give/?to=fay-lund">Thank Fay</a>' in cards["Fay Lund"]
    assert "give/" not in cards["Eli Moss"]
    # Each team under a band in its own colour, the same as its tile on /teams/, leading to its page.
    tile = team_tiles(content(little.page("teams/")))["support"]
    colour = re.match(r'<li class="kudos-team-card kudos-avatar--(\d+)">', tile).group(1)  # type: ignore[union-attr]
    support = page.split('<section class="kudos-team', 3)[3]
    assert support.startswith(f' kudos-avatar--{colour}"')
    assert f'<span class="kudos-avatar kudos-avatar--{colour} kudos-team__badge" aria-hidden="true">S</span>' in support
    assert '<a href="../teams/support/">Support</a></h2>' in support
    # Found by name in search; the words of a thank-you are indexed once, on its month's page.
    index = json.loads((little.site_dir / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    directory = [doc["text"] for doc in index if doc["location"] == "people/"]
    assert len(directory) == 1 and "Fay Lund" in directory[0] and "lost parcel" not in directory[0]
    assert sum("Fay found the lost parcel" in doc["text"] for doc in index) == 1


def team_tiles(page: str) -> dict[str, str]:
    parts = re.split(r'(?=<li class="kudos-team-card)', page)[1:]
    return {re.search(r'class="kudos-team-card__name" href="([^"]+)/"', part).group(1): part.split("</li>")[0]  # type: ignore[union-attr]
            for part in parts}


def test_each_team_tile_wears_its_own_colour_pins_its_latest_thanks_and_is_one_link_and_one_button(little: Built) -> None:
    tiles = team_tiles(content(little.page("teams/")))
    assert set(tiles) == {"billing", "people-ops", "support"}
    colours = {slug: re.match(r'<li class="kudos-team-card kudos-avatar--(\d+)">', tile).group(1)  # type: ignore[union-attr]
               for slug, tile in tiles.items()}
    assert len(set(colours.values())) == 3  # no two teams share a colour
    # The team's colour is the one its circle wears on the give page, where it is picked.
    teams_json = json.loads((little.site_dir / "kudos/give/teams.json").read_text(encoding="utf-8"))["teams"]
    assert {row[0]: str(row[2]) for row in teams_json}["team:support"] == colours["support"]
    support = tiles["support"]
    # One link to the team, one button to thank it: nothing else to click on the tile.
    assert re.findall(r'<a [^>]*href="([^"]+)"', support) == ["support/", "../kudos/give/?to=team:support"]
    assert '<a class="kudos-action kudos-action--quiet" href="../kudos/give/?to=team:support">Thank Support</a>' in support
    # Its latest thanks as a sticky note: the words, whom it thanked, from whom, when.
    pinned = support.split('class="kudos-team-card__note')[1]
    assert re.search(r'<p class="kudos-team-card__words">A billing rescue</p>\s*<p class="kudos-team-card__who">'
                     r'To Ben Okafor · From Ana Lima · <time datetime="2026-11-20">November 20, 2026</time></p>', pinned)
    # Faces of its members.
    assert re.findall(r'kudos-avatar--small kudos-avatar--\d+">([A-Z]+)</span>', support) == ["AL", "BO", "FL"]


def test_a_person_page_offers_thank_ben_and_leads_each_note_with_its_giver(little: Built) -> None:
    page = content(little.page("people/fay-lund/"))
    assert '<a class="kudos-action" href="../../kudos/give/?to=fay-lund">Thank Fay</a>' in page
    received = page.split('id="received"')[1].split('id="given"')[0]
    assert "kudos-list--received" in received
    assert re.search(r'class="kudos-avatar kudos-entry__giver kudos-avatar--\d+" aria-hidden="true">AL</span>', received)


def test_a_signature_shown_on_its_own_says_which_card_it_belongs_to(little: Built) -> None:
    november = little.page("kudos/2026/11/")
    signature = november.split("The queue can wait today")[1].split("</article>")[0]
    assert "Signed on the card" in signature and 'href="../../../cards/ben-birthday-2026/"' in signature


def test_one_line_reaches_every_kudos_page_from_each_of_them(little: Built) -> None:
    # (page, the entry of the line it is, if any)
    for url, current in (("kudos/", "Kudos wall"), ("people/ben-okafor/", None), ("teams/", "Teams"),
                         ("cards/", "Cards"), ("campaigns/csw-2026/", None), ("kudos/stats/", "In numbers"),
                         ("celebrations/", "Celebrations"), ("little-things/", "Little things"),
                         ("kudos/tv/", "Office screen")):
        nav = little.page(url).split('<nav class="kudos-nav"')[1].split(">", 1)[1].split("</nav>")[0]
        assert text_of(nav).split() == ["Kudos", "wall", "People", "Teams", "Cards", "Campaigns", "Celebrations", "Little", "things", "In", "numbers", "Office", "screen", "Give", "kudos"], url
        assert len(re.findall(r'href="([^"]+)"', nav)) == 10, url
        marked = re.findall(r'aria-current="page">([^<]+)<', nav)
        assert marked == ([current] if current else []), url


def test_dates_read_one_human_way_and_machines_get_theirs_in_attributes(little: Built) -> None:
    for url in ("kudos/", "kudos/2026/11/", "people/ben-okafor/", "cards/", "cards/ben-birthday-2026/",
                "campaigns/", "campaigns/csw-2026/", "celebrations/", "teams/support/", "kudos/stats/"):
        text = text_of(content(little.page(url)))
        assert not re.search(r"\b\d{4}[-/]\d{2}(?:[-/]\d{2})?\b", text), (url, re.findall(r"\b\d{4}[-/]\d{2}\S*", text))
        assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{4}\b", text), url
        assert not re.search(r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b(?! \d{4})", text), url
    assert "November 25, 2026" in text_of(content(little.page("cards/ben-birthday-2026/")))
    assert '<time datetime="2026-11-25">' in little.page("cards/ben-birthday-2026/")
    assert ">November 2026</a>" in little.page("kudos/")  # month links in words, not "2026/11"


def test_the_principles_follow_the_navigation_with_each_pages_summary(tmp_path: Path) -> None:
    site = make_site(tmp_path / "src")
    site.write("docs/principles/patience.md", "---\ndescription: Taking our time tells people they matter.\n---\n"
               "# Patience says you're worth it\n\nA long first paragraph that the description replaces.\n")
    site.write("docs/principles/little-wows.md", "# Little wows\n\n<!-- a comment -->\n\nCustomers remember how **one moment** felt,\n"
               "and [small things](https://example.com) count.\n\nA second paragraph.\n")
    site.extra_config["nav"] = ["index.md", {"Principles": ["principles/index.md", "principles/thank-out-loud.md",
                                                           "principles/patience.md", "principles/little-wows.md"]}]
    built = site.build(strict=True)
    assert built.ok, built.log
    page = content(built.page("principles/"))
    titles = re.findall(r'class="kudos-principle-card__title" href="[^"]+">([^<]+)</a>', page)
    assert [unescape(t) for t in titles] == ["Thank out loud", "Patience says you're worth it", "Little wows"]
    assert "Taking our time tells people they matter." in page
    assert "Customers remember how one moment felt, and small things count." in page
    assert "A second paragraph" not in page and "replaces" not in page


def qr_site(root: Path, **options: object) -> Site:
    site = make_site(root)
    site.plugin_options.update(options)
    return site


def test_the_tv_page_shows_a_qr_code_of_the_give_page_and_nothing_else(tmp_path: Path) -> None:
    built = qr_site(tmp_path / "src").build(strict=True)
    assert built.ok, built.log
    page = built.page("kudos/tv/")
    found = re.search(r'data-give-qr="([^"]*)">(<svg.*?</svg>)', page, re.DOTALL)
    assert found is not None
    url = "https://handbook.example.test/kudos/give/"
    assert found.group(1) == url
    # The very code segno draws for that address, and so for no access code or query.
    expected = segno.make(url, error="m").svg_inline(border=2, omitsize=True, svgclass="kudos-qr", lineclass=None,
                                                    dark="#000", light="#fff", title="The give page's address")
    assert unescape(found.group(2)) == unescape(expected)


def test_without_a_site_address_or_with_tv_qr_off_there_is_no_qr_code(tmp_path: Path) -> None:
    off = qr_site(tmp_path / "off", tv_qr=False).build(strict=True)
    assert off.ok and "data-give-qr" not in off.page("kudos/tv/")
    site = qr_site(tmp_path / "bare")
    site.extra_config["site_url"] = None
    bare = site.build(strict=True)
    assert bare.ok, bare.log
    assert "data-give-qr" not in bare.page("kudos/tv/")
    assert "no QR code on /kudos/tv/" in bare.log and "WARNING" not in bare.log


def test_everyone_on_the_people_page_wears_their_own_colour(little: Built) -> None:
    page = content(little.page("people/"))
    colours = re.findall(r'class="kudos-avatar kudos-avatar--(\d+)" aria-hidden="true">', page)
    assert len(colours) == 7 and len(set(colours)) == 7  # seven people, seven colours (twelve to share out)


def test_every_empty_state_is_a_way_in(tmp_path: Path) -> None:
    """A page with nothing on it yet says so and links to the act that would fill it."""
    site = make_site(tmp_path / "src")
    for path in (site.root / "kudos").rglob("*.yml"):
        if path.name != "people.yml":
            path.unlink()
    built = site.build(strict=True)
    assert built.ok, built.log
    seen = 0
    for url in ("kudos/", "people/ana-lima/", "teams/support/", "cards/", "campaigns/", "little-things/",
                "celebrations/", "kudos/tv/", "principles/patience/"):
        html = built.page(url)
        for empty in re.findall(r'<p class="kudos-empty(?: [^"]*)?">(.*?)</p>', html, re.DOTALL):
            seen += 1
            assert re.search(r'<a href="[^"]*give/(\?[^"]*)?"', empty), (url, empty)
    assert seen >= 9


def test_a_persons_initials_colour_is_the_same_on_every_page_and_in_the_give_preview(little: Built) -> None:
    """The colour is the person's, never the page's: every built page and the give page's lists agree."""
    files = little.text_files()
    rows = [row for name, text in files.items() if re.fullmatch(r"kudos/give/people-\d+\.json", name)
            for row in json.loads(text)["people"]]
    by_initials = {row[4]: row for row in rows}
    assert len(rows) >= 5 and len(by_initials) == len(rows)  # initials name one person in this site
    seen: dict[str, set[str]] = {initials: {str(row[3])} for initials, row in by_initials.items()}
    pages = 0
    for name, text in files.items():
        if name.endswith(".html"):
            found = re.findall(r'class="kudos-avatar[^"]*?kudos-avatar--(\d+)"[^>]*>([A-Z]{1,2})</span>', text)
            pages += bool(found)
            for colour, initials in found:
                seen.setdefault(initials, set()).add(colour)
    assert pages >= 8
    assert {initials: colours for initials, colours in seen.items() if len(colours) > 1} == {}


def test_a_card_for_them_is_shown_once_as_the_card_not_again_among_the_thanks_they_received(little: Built) -> None:
    page = content(little.page("people/ben-okafor/"))
    cards = page.split('id="cards"')[1].split('id="received"')[0]
    received = page.split('id="received"')[1].split('id="given"')[0]
    assert "ben-birthday-2026" in cards  # the card is on his page
    assert "kudos-list--received" in received  # and he has other thanks
    assert "The queue can wait today" not in received and "Signed on the card" not in received
    # The card's own page still shows every signature.
    assert "The queue can wait today" in little.page("cards/ben-birthday-2026/")


def test_the_celebrations_page_lists_each_occasion_once_and_marks_the_days_gone_by(little: Built) -> None:
    page = content(little.page("celebrations/"))
    # A strip of days, not month sheets: those are on each month's own page.
    assert 'class="kudos-day ' not in page and "data-kudos-board" not in page
    leaf = re.compile(r'<li class="kudos-celebration kudos-celebration--(\w+)( kudos-celebration--past)?[^"]*">\s*'
                      r'(?:<time class="kudos-celebration__day" datetime="([\d-]+)">)?.*?href="([^"]+)"', re.S)
    soon_part, below = page.split("data-kudos-soon", 1)[1].split("</section>", 1)
    days = re.findall(r'<li class="kudos-strip__day[^"]*"[^>]*>\s*<time class="kudos-strip__date" datetime="([\d-]+)">(.*?)</li>',
                      soon_part, re.S)
    soon = [(kind, day, who) for day, body in days for kind, _, _, who in leaf.findall(body)]
    after = [(kind, day, who, past) for kind, past, day, who in leaf.findall(below)]
    occasions = soon + [(k, d, w) for k, d, w, _ in after]
    assert soon and after and len(occasions) == len(set(occasions)), occasions  # each occasion once
    assert soon == sorted(soon, key=lambda o: o[1]) and all("2026-11-25" <= d <= "2026-12-08" for _, d, _ in soon)
    for _, day, _, past in after:  # the days gone by are greyed, the rest are further off than the two weeks
        assert bool(past) == (day < "2026-11-25") and not "2026-11-25" <= day <= "2026-12-08", day
    assert page.count('class="kudos-celebration ') == len(occasions)  # nowhere else


def test_a_team_page_leaves_out_the_signatures_on_a_members_card(little: Built) -> None:
    page = content(little.page("teams/support/"))
    assert "Fay found the lost parcel" in page  # thanks to a member still show
    assert "The queue can wait today" not in page and "Signed on the card" not in page


def test_the_today_line_names_todays_celebrations_with_the_act_each_asks_for(little: Built) -> None:
    """TODAY is Ben's birthday and his card is open: the line says so and offers to sign it."""
    page = little.page("today/")
    line = page.split('<p class="kudos-today-line">', 1)[1].split("</p>", 1)[0]
    words = text_of(line)
    assert words.startswith(" Today BO Ben Okafor Birthday Sign Ben's card")  # (BO: his initials, hidden from screen readers)
    assert 'href="../kudos/give/?card=ben-birthday-2026"' in line and 'href="../people/ben-okafor/"' in line
    assert "Next:" not in words and "All celebrations" in words
    assert "<!-- kudos:today -->" not in page
