"""Co-signs ("me too", `also: <note id>`) in a real build: inside their note, never a note of their own.

Each test builds the fixture company with co-signs on one of its notes and
reads the built site, or runs the command people run (kudos check, new,
report, digest), as a reader or a leader would.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sites import Site, make_site


def note_id(site: Site, recipients: str = "ben-okafor") -> str:
    built = site.build()
    assert built.ok, built.log
    found = re.search(rf'data-kudos-id="(k[0-9a-f]{{10}})" data-recipients="{recipients}"', built.page("kudos/"))
    assert found is not None
    return found[1]


@pytest.fixture
def joined(site: Site) -> tuple[Site, str]:
    """Ana's note to Ben (2026-11-20), joined by Cleo, by Dev anonymously, then by Zed (who opted out)."""
    note = note_id(site)
    site.entry("2026/11/me-too-cleo.yml", date="2026-11-22", giver="cleo-park", also=note,
               message="Same here: *thank you*, Ben. <script>alert('PWNED')</script>")
    site.entry("2026/11/me-too-dev.yml", date="2026-11-23", giver="dev-iyer", also=note, anonymous=True)
    site.entry("2026/11/me-too-zed.yml", date="2026-11-24", giver="zed-private", also=note, message="Me too!")
    return site, note


def test_a_co_sign_is_shown_inside_its_note_and_never_as_a_note_of_its_own(joined: tuple[Site, str]) -> None:
    site, note = joined
    built = site.build()
    assert built.ok, built.log
    for page in ("kudos/", "kudos/2026/11/", "people/ben-okafor/"):
        html = built.page(page)
        # Five notes on the wall before and after: data-kudos-id counts notes, and a co-sign is none.
        article = html[html.index(f'data-kudos-id="{note}"'):]
        article = article[: article.index("</article>")]
        names = re.sub(r"<[^>]+>", "", re.search(r'class="kudos-entry__also-names">(.*?)</p>', article, re.S)[1])
        # By date: Cleo (22nd), Dev anonymously (23rd), Zed who opted out (24th): never named.
        assert " ".join(names.split()) == "Also from Cleo Park, a colleague and a colleague", page
        assert "<em>thank you</em>" in article and "&lt;script&gt;" in article and "<script>" not in article
    assert built.page("kudos/").count("data-kudos-id=") == site_notes(built.page("kudos/"))
    for text in built.text_files().values():
        assert "Zephyrine" not in text and "zed-private" not in text
    # The note keeps its date: co-signed on the 22nd to the 24th, it still says the 20th.
    assert '<time datetime="2026-11-20">' in article_of(built.page("kudos/2026/11/"), note)


def site_notes(html: str) -> int:
    return len(re.findall(r'data-kudos-id="k[0-9a-f]{10}"', html))


def article_of(html: str, note: str) -> str:
    start = html.index(f'data-kudos-id="{note}"')
    return html[start: html.index("</article>", start)]


def test_every_note_but_a_card_signature_has_a_me_too_link_to_the_give_page(site: Site) -> None:
    built = site.build()
    assert built.ok, built.log
    html = built.page("kudos/")
    notes = re.findall(r'data-kudos-id="(k[0-9a-f]{10})"', html)
    assert notes
    for note in notes:
        assert f'href="give/?also={note}"' in article_of(html, note)


def test_feeds_keep_the_note_once_at_its_own_date_with_its_co_signs(joined: tuple[Site, str]) -> None:
    site, note = joined
    built = site.build()
    assert built.ok, built.log
    feed = json.loads(built.page("kudos/feed.json"))
    items = [i for i in feed["items"] if i["url"].endswith("#" + note)]
    assert len(items) == 1 and items[0]["date_published"].startswith("2026-11-20")
    assert "Also from Cleo Park, a colleague and a colleague" in items[0]["content_html"]
    assert len(feed["items"]) == len({i["id"] for i in feed["items"]})
    atom = built.page("kudos/feed.xml")
    assert atom.count(note) == 1 and "Also from Cleo Park" in atom


def test_a_co_sign_of_an_unknown_note_is_a_located_problem(site: Site) -> None:
    site.entry("2026/11/lost.yml", date="2026-11-24", giver="cleo-park", also="k0123456789", message="Me too")
    site.entry("2026/11/bad-id.yml", date="2026-11-24", giver="cleo-park", also="not-an-id")
    result = site.kudos("check")
    assert result.returncode == 1
    assert ("kudos/2026/11/lost.yml:3: 'also' names no note that can be co-signed "
            "('k0123456789': no published note has that id)") in result.stdout + result.stderr
    assert "kudos/2026/11/bad-id.yml:3: 'also' must be a note's id" in result.stdout + result.stderr
    assert not site.build(strict=True).ok
    plain = site.build(strict=False)
    assert plain.ok and "k0123456789" not in plain.page("kudos/")


def test_also_on_a_card_signature_or_a_campaign_note_is_a_problem(site: Site) -> None:
    note = note_id(site)
    site.write("kudos/cards/ben-day.yml", "title: Happy day\nfor: ben-okafor\noccasion: other\ndate: 2026-11-20\n")
    site.write("kudos/campaigns/week.yml", "title: A week\nstart: 2026-11-16\nend: 2026-11-22\nnotes_per_person: 1\n")
    site.entry("2026/11/card-too.yml", date="2026-11-21", giver="cleo-park", to="ben-okafor", card="ben-day", also=note)
    site.entry("2026/11/campaign-too.yml", date="2026-11-21", giver="cleo-park", campaign="week", also=note)
    output = site.kudos("check")
    text = output.stdout + output.stderr
    assert "card-too.yml:4: 'card' cannot go with 'also'" in text and "sign the card instead" in text
    assert "campaign-too.yml:3: 'campaign' cannot go with 'also'" in text and "not a campaign note itself" in text


def test_a_co_sign_needs_no_to_and_no_message_but_keeps_to_500_characters(site: Site) -> None:
    note = note_id(site)
    site.entry("2026/11/short.yml", date="2026-11-24", giver="cleo-park", also=note)
    site.entry("2026/11/long.yml", date="2026-11-24", giver="dev-iyer", also=note, message="x" * 501)
    site.entry("2026/11/self.yml", date="2026-11-24", giver="ben-okafor", also=note, anonymous=True)
    text = site.kudos("check").stderr + site.kudos("check").stdout
    assert "short.yml" not in text
    assert "long.yml:4: 'message' is 501 characters long; the limit is 500" in text
    assert "self.yml:3: this co-sign's giver is thanked in the note it joins" in text
    assert "ben-okafor" not in text.split("self.yml")[1].splitlines()[0]  # an anonymous giver is not named


def test_kudos_new_also_writes_a_co_sign_and_refuses_a_note_that_is_not_there(site: Site) -> None:
    note = note_id(site)
    made = site.kudos("new", "--from", "cleo-park", "--also", note, "--date", "2026-11-24")
    assert made.returncode == 0, made.stderr
    path = site.root / made.stdout.strip()
    assert path.name == f"2026-11-24-cleo-park-also-{note}.yml"
    assert path.read_text(encoding="utf-8").endswith(f"also: {note}\n")
    missing = site.kudos("new", "--from", "cleo-park", "--also", "k0000000000", "--message", "Me too")
    assert missing.returncode == 1 and "no published note has that id" in missing.stderr
    assert "Nothing was written." in missing.stderr
    assert not list((site.root / "kudos").rglob("*also-k0000000000*"))


def test_a_co_sign_counts_as_thanks_received_in_the_report_and_is_a_line_of_its_own_day_in_the_digest(
    joined: tuple[Site, str],
) -> None:
    site, _note = joined
    sections = json.loads(site.kudos("report", "--as-of", "2026-11-25", "--days", "60", "--format", "json").stdout)["sections"]
    breadth = {row["person"]: row for row in sections["breadth"]["rows"]}
    # Ben was thanked by Ana and, co-signing, by Cleo; the anonymous and opted-out co-signers count for
    # Ben's team (three more thanks received) and never for a giver.
    assert breadth["ben-okafor"]["thanked_by"] == 2 and breadth["cleo-park"]["thanked"] == 1
    assert breadth["dev-iyer"]["thanked"] == 0
    teams = {row["team"]: row for row in sections["teams"]["rows"]}
    assert teams["support"]["received"] == 2 + 3 and teams["billing"]["given"] == 1  # Cleo's co-sign, never Dev's
    digest = site.kudos("digest", "--as-of", "2026-11-25", "--since", "7d", "--format", "markdown").stdout
    assert "A billing rescue" in digest and "Cleo Park, joining in" in digest
    assert "a colleague, joining in" in digest and "Zephyrine" not in digest and "Dev" not in digest.split("joining")[0][-40:]


def test_hostile_also_values_are_problems_never_markup(tmp_path: Path) -> None:
    site = make_site(tmp_path / "hostile")
    for n, value in enumerate(['"><script>alert(1)</script>', "k' onmouseover='x", "../../etc", "K0123456789", "k" + "0" * 200]):
        site.entry(f"2026/11/h{n}.yml", date="2026-11-24", giver="cleo-park", also=value)
    built = site.build(strict=False)
    assert built.ok
    for text in built.text_files().values():
        assert "alert(1)" not in text and "onmouseover='x" not in text
    assert site.kudos("check").stdout.count("'also' must be a note's id") == 5


def test_a_co_sign_never_moves_its_note_in_the_rotation(site: Site) -> None:
    """The daily featured sets (kudos/featured/*.json) are the same with or without co-signs."""
    def rotation(built_dir: Path) -> dict[str, list[str]]:
        return {p.name: json.loads(p.read_text(encoding="utf-8"))["ids"]
                for p in sorted((built_dir / "kudos/featured").glob("*.json"))}

    note = note_id(site)
    before = rotation(site.root / "site")
    assert before
    site.entry("2026/11/me-too-late.yml", date="2026-11-25", giver="cleo-park", also=note, message="Me too")
    built = site.build()
    assert built.ok, built.log
    assert rotation(built.site_dir) == before
