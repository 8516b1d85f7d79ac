"""Feeds: the site's Atom and JSON Feed, each person's and each team's Atom feed.

Parsed back by strict parsers, checked against RFC 4287's required
structure and JSON Feed 1.1's required fields, newest first, absolute
links, and nothing a reader of the wall could not see.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import feedparser
import pytest
from lxml import etree, html

from sites import Built, make_little_things_site, make_site

SITE_URL = "https://handbook.example.test/"
ATOM = "{http://www.w3.org/2005/Atom}"
PRIVATE = ("Zephyrine", "Quillfeather", "zed-private", "A private thank-you", "@corp.example", "04-17",
           "Mrs Calloway")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site = make_site(tmp_path_factory.mktemp("feeds"))
    people = {
        "ana-lima": {"name": "Ana Lima", "team": "Support", "birthday": "04-17", "email": "ana@corp.example"},
        "ben-okafor": {"name": "Ben O'Kafor & Sons", "team": "Support"},
        "cleo-park": {"name": "Cleo Park", "team": "Field service"},
        "dev-iyer": {"name": "Dev Iyer", "team": "Field service"},
        "zed-private": {"name": "Zephyrine Quillfeather", "team": "Field service", "wall": False},
    }
    site.people(people)
    site.entry("2026/11/hostile.yml", date="2026-11-24", giver="ben-okafor", to=["dev-iyer"],
               title="<script>alert(1)</script> & more",
               message="Thanks! <img src=x onerror=alert(1)> [bad](javascript:alert(1)) **bold**")
    site.entry("2026/11/customer-named.yml", date="2026-11-23", giver="customer", to=["ana-lima"],
               message="A customer wrote in to thank Ana for her calm.")
    site.plugin_options["feed_size"] = 5
    result = site.build()
    assert result.ok, result.log
    return result


def atom(built: Built, path: str) -> etree._Element:
    return etree.fromstring((built.site_dir / path).read_bytes(), etree.XMLParser(resolve_entities=False))


def check_atom_structure(root: etree._Element) -> None:
    """RFC 4287 4.1.1/4.1.2: what every feed and entry must carry."""
    assert root.tag == ATOM + "feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(ATOM + name)) == 1, name
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    self_links = [link for link in root.findall(ATOM + "link") if link.get("rel") == "self"]
    assert len(self_links) == 1 and self_links[0].get("href", "").startswith(SITE_URL)
    for entry in root.findall(ATOM + "entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(ATOM + name)) == 1, name
        assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", entry.findtext(ATOM + "id") or "")
        alternate = [link for link in entry.findall(ATOM + "link") if link.get("rel") == "alternate"]
        assert len(alternate) == 1 and alternate[0].get("href", "").startswith((SITE_URL + "kudos/", SITE_URL + "cards/"))
        assert entry.find(ATOM + "content").get("type") == "html"
        dt.datetime.fromisoformat(entry.findtext(ATOM + "updated") or "")


def entry_dates(root: etree._Element) -> list[str]:
    return [e.findtext(ATOM + "updated") or "" for e in root.findall(ATOM + "entry")]


def test_the_site_atom_feed_parses_strictly_and_has_rfc4287_structure(built: Built) -> None:
    parsed = feedparser.parse((built.site_dir / "kudos/feed.xml").read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = atom(built, "kudos/feed.xml")
    check_atom_structure(root)
    assert root.findtext(ATOM + "id") == SITE_URL + "kudos/feed.xml"
    dates = entry_dates(root)
    assert len(dates) == 5  # feed_size
    assert dates == sorted(dates, reverse=True)
    assert dates[0].startswith("2026-11-24")


def test_the_json_feed_has_the_required_fields_newest_first(built: Built) -> None:
    feed = json.loads((built.site_dir / "kudos/feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["feed_url"] == SITE_URL + "kudos/feed.json"
    assert feed["home_page_url"] == SITE_URL + "kudos/"
    items = feed["items"]
    assert len(items) == 5
    assert all(item["id"].startswith("urn:uuid:") and item["content_html"] for item in items)
    assert all(item["url"].startswith(SITE_URL + "kudos/2026/") for item in items)
    published = [item["date_published"] for item in items]
    assert published == sorted(published, reverse=True)
    # The same entry has the same id in both feeds.
    root = atom(built, "kudos/feed.xml")
    assert [i["id"] for i in items] == [e.findtext(ATOM + "id") for e in root.findall(ATOM + "entry")]


def test_feed_content_is_the_sanitized_message_and_titles_stay_text(built: Built) -> None:
    items = json.loads((built.site_dir / "kudos/feed.json").read_text(encoding="utf-8"))["items"]
    hostile = items[0]
    assert hostile["title"] == "<script>alert(1)</script> & more"  # text, as the reader shows text
    assert "<strong>bold</strong>" in hostile["content_html"]
    for item in items:
        markup = html.fragment_fromstring(item["content_html"], create_parent="div")
        assert not markup.xpath("//script | //img | //@*[starts-with(name(), 'on')]")
        assert not [a for a in markup.xpath("//a/@href") if not a.startswith(("http", "mailto:"))]
    parsed = feedparser.parse((built.site_dir / "kudos/feed.xml").read_bytes())
    assert parsed.entries[0].title == "<script>alert(1)</script> & more"
    assert "<img" not in parsed.entries[0].content[0].value


def test_givers_in_feeds_are_who_the_wall_shows(built: Built) -> None:
    def author(path: str, fragment: str) -> str:
        parsed = feedparser.parse((built.site_dir / path).read_bytes())
        entry = next(e for e in parsed.entries if fragment in e.content[0].value)
        return entry.author

    assert author("people/ana-lima/feed.xml", "calm") == "a customer"
    assert author("people/ana-lima/feed.xml", "covering my shift") == "a colleague"  # anonymous: Dev gave it
    assert author("people/dev-iyer/feed.xml", "untangled the refunds") == "a colleague"  # the giver opted out
    assert author("people/dev-iyer/feed.xml", "<strong>bold") == "Ben O'Kafor & Sons"


def test_nothing_private_in_any_feed(built: Built) -> None:
    feeds = list(built.site_dir.rglob("feed.*"))
    assert len(feeds) >= 2 + 4 + 2
    for path in feeds:
        text = path.read_text(encoding="utf-8")
        for needle in PRIVATE:
            assert needle not in text, (path, needle)
    # The anonymous entry carries no author element naming its giver, in any feed.
    for path in built.site_dir.rglob("feed.xml"):
        for entry in atom(built, path.relative_to(built.site_dir).as_posix()).findall(ATOM + "entry"):
            if "covering my shift" in (entry.findtext(ATOM + "content") or ""):
                assert [a.findtext(ATOM + "name") for a in entry.findall(ATOM + "author")] == ["a colleague"]
    assert not (built.site_dir / "people/zed-private").exists()


def received_titles(built: Built, path: str) -> list[str]:
    parsed = feedparser.parse((built.site_dir / path).read_bytes())
    assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
    return [e.title for e in parsed.entries]


def test_each_person_has_a_feed_of_what_they_received(built: Built) -> None:
    for person in ("ana-lima", "ben-okafor", "cleo-park", "dev-iyer"):
        check_atom_structure(atom(built, f"people/{person}/feed.xml"))
    assert received_titles(built, "people/ben-okafor/feed.xml") == ["A billing rescue"]
    assert received_titles(built, "people/cleo-park/feed.xml") == ["Thanks to Cleo Park"]
    dev = received_titles(built, "people/dev-iyer/feed.xml")
    assert dev == ["<script>alert(1)</script> & more", "Thanks to Dev Iyer"]
    root = atom(built, "people/dev-iyer/feed.xml")
    assert root.findtext(ATOM + "title") == "Kudos for Dev Iyer"
    alternate = [link.get("href") for link in root.findall(ATOM + "link") if link.get("rel") == "alternate"]
    assert alternate == [SITE_URL + "people/dev-iyer/"]


def test_each_team_has_a_feed_of_what_its_visible_members_received(built: Built) -> None:
    assert sorted(p.name for p in (built.site_dir / "teams").iterdir() if p.is_dir()) == ["field-service", "support"]
    field = received_titles(built, "teams/field-service/feed.xml")
    assert field == ["<script>alert(1)</script> & more", "Thanks to Cleo Park", "Thanks to Dev Iyer"]
    support = received_titles(built, "teams/support/feed.xml")
    assert support == ["Thanks to Ana Lima", "A billing rescue", "Thanks to Ana Lima"]
    assert atom(built, "teams/field-service/feed.xml").findtext(ATOM + "title") == "Kudos for the Field service team"


def test_every_page_announces_the_site_feeds_and_a_person_page_its_own(built: Built) -> None:
    for path in built.site_dir.rglob("*.html"):
        if path.name == "404.html":
            continue  # served at any address: relative feed links would point nowhere
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        assert 'type="application/atom+xml"' in head and 'type="application/feed+json"' in head, path
    person = built.page("people/dev-iyer/").split("</head>")[0]
    links = re.findall(r'<link rel="alternate" type="([^"]+)" href="([^"]+)"', person)
    assert links == [("application/atom+xml", "../../kudos/feed.xml"),
                     ("application/feed+json", "../../kudos/feed.json"),
                     ("application/atom+xml", "feed.xml")]


def test_without_site_url_feeds_are_left_out_with_an_info_line_and_strict_passes(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    site.extra_config["site_url"] = None
    strict = site.build()
    assert strict.ok, strict.log  # a plain site builds clean: feeds are an extra
    assert re.search(r"INFO.*mkdocs\.yml: site_url is not set.*set site_url in mkdocs\.yml", strict.log)
    assert "WARNING" not in strict.log
    assert not list(strict.site_dir.rglob("feed.*"))
    assert "feed.xml" not in strict.page("kudos/")
    assert strict.exists("kudos/")


# --- Cards: one item, as on the wall ------------------------------------------

BEN_CARD = SITE_URL + "cards/ben-birthday-2026/"
SIGNERS = ("Ana Lima", "Cleo Park", "Dev Iyer", "Gil Ray", "ana-lima", "cleo-park", "dev-iyer", "gil-ray")
SIGNED = ("The queue can wait today", "secret admirer", "newest colleague", "SIG00BEGIN", "neighbours our way",
          "Welcome aboard, Fay")


@pytest.fixture(scope="module")
def with_cards(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Ben's birthday card signed by four (Dev anonymously), a card for a customer, a card with a hostile title."""
    site = make_little_things_site(tmp_path_factory.mktemp("feed-cards") / "site-src", signatures=1)
    site.write("kudos/cards/fay-welcome.yml",
               "title: \"<b>Welcome</b> & <script>alert(1)</script>\"\nfor: fay-lund\noccasion: welcome\ndate: 2026-11-24\n")
    site.entry("2026/11/fay-welcome.yml", date="2026-11-24", giver="gil-ray", to="fay-lund",
               card="fay-welcome", message="Welcome aboard, Fay!", anonymous=True)
    result = site.build(strict=True)
    assert result.ok, result.log
    return result


def items_linking(root: etree._Element, href: str) -> list[etree._Element]:
    return [e for e in root.findall(ATOM + "entry")
            if any(link.get("href") == href for link in e.findall(ATOM + "link"))]


def test_a_card_is_one_feed_item_with_its_title_summary_link_and_newest_day(with_cards: Built) -> None:
    root = atom(with_cards, "kudos/feed.xml")
    check_atom_structure(root)
    [card] = items_linking(root, BEN_CARD)
    assert card.findtext(ATOM + "title") == "Happy birthday, Ben!"
    assert card.findtext(ATOM + "content") == "<p>Birthday card for Ben Okafor, signed by 4 colleagues</p>"
    assert (card.findtext(ATOM + "updated") or "").startswith("2026-11-23T00:00:00")  # the newest signature's day
    assert card.find(ATOM + "author") is None  # the feed's author stands; no signer is named
    items = json.loads((with_cards.site_dir / "kudos/feed.json").read_text(encoding="utf-8"))["items"]
    [item] = [i for i in items if i["url"] == BEN_CARD]
    assert item["title"] == "Happy birthday, Ben!" and "authors" not in item
    assert item["content_html"] == "<p>Birthday card for Ben Okafor, signed by 4 colleagues</p>"
    assert item["date_published"].startswith("2026-11-23T00:00:00")
    # One id for the card in every feed it is in, and no entry shares it.
    ids = {card.findtext(ATOM + "id"), item["id"]}
    for path in ("people/ben-okafor/feed.xml", "teams/support/feed.xml"):
        [mine] = items_linking(atom(with_cards, path), BEN_CARD)
        ids.add(mine.findtext(ATOM + "id"))
    assert len(ids) == 1 and re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", ids.pop() or "")
    assert len({i["id"] for i in items}) == len(items)


def test_a_cards_signatures_are_not_items_of_any_feed(with_cards: Built) -> None:
    for path in with_cards.site_dir.rglob("feed.*"):
        text = path.read_text(encoding="utf-8")
        for needle in SIGNED:
            assert needle not in text, (path, needle)
    assert received_titles(with_cards, "people/ben-okafor/feed.xml").count("Happy birthday, Ben!") == 1
    support = received_titles(with_cards, "teams/support/feed.xml")
    assert support.count("Happy birthday, Ben!") == 1 and "Thanks, Support" in support  # a card and a team thank-you


def test_card_items_name_no_signer_and_nothing_private(with_cards: Built) -> None:
    cards = 0
    for path in with_cards.site_dir.rglob("feed.xml"):
        text = path.read_text(encoding="utf-8")
        assert "Zephyrine" not in text and "zed-private" not in text, path
        for entry in atom(with_cards, path.relative_to(with_cards.site_dir).as_posix()).findall(ATOM + "entry"):
            if "/cards/" not in etree.tostring(entry, encoding="unicode"):
                continue
            cards += 1
            words = " ".join(entry.itertext())
            assert not [name for name in SIGNERS if name in words], (path, words)
    assert cards >= 3 + 2 + 1  # site: three cards; Ben's and Fay's own feeds; the Support team's
    referral = json.loads((with_cards.site_dir / "kudos/feed.json").read_text(encoding="utf-8"))["items"]
    [customer] = [i for i in referral if i["url"] == SITE_URL + "cards/thanks-for-the-referral/"]
    assert customer["content_html"] == "<p>Group card for a customer, signed by 1 colleague</p>"


def test_a_card_title_stays_text_in_feeds(with_cards: Built) -> None:
    parsed = feedparser.parse((with_cards.site_dir / "kudos/feed.xml").read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    [fay] = [e for e in parsed.entries if e.link == SITE_URL + "cards/fay-welcome/"]
    assert fay.title == "<b>Welcome</b> & <script>alert(1)</script>"
    assert fay.content[0].value == "<p>Welcome card for Fay Lund, signed by 1 colleague</p>"
    items = json.loads((with_cards.site_dir / "kudos/feed.json").read_text(encoding="utf-8"))["items"]
    [item] = [i for i in items if i["url"] == SITE_URL + "cards/fay-welcome/"]
    assert item["title"] == "<b>Welcome</b> & <script>alert(1)</script>"
    assert not html.fragment_fromstring(item["content_html"], create_parent="div").xpath("//b | //script")
