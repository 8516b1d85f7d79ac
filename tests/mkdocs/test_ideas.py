"""The little-things list ties each idea to the wall: a tag that names a
principle shows that principle's chip and how many published thank-yous cite
it (counted by hand here), and every idea offers "Thank someone who did this"."""

from __future__ import annotations

import re
from html import unescape

import pytest

from sites import Built, make_site


def text_of(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def idea_html(page: str, words: str) -> str:
    """The one idea (an <li class="kudos-idea">) whose text holds `words`."""
    found = [item for item in page.split('<li class="kudos-idea">')[1:] if words in item]
    assert len(found) == 1, words
    return found[0].split("</p></li>", 1)[0] + "</p>"  # an idea ends with its action


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site = make_site(tmp_path_factory.mktemp("ideas") / "src")
    site.write("docs/principles/three-rs.md", "# The three R's\n\nRetention, referrals, relationships.\n")
    # Citing patience, besides make_site's ana -> ben: an anonymous giver, a customer, an opted-out
    # giver (published as "a colleague"), and a note to an opted-out person only (never published).
    site.entry("2026/11/anon.yml", date="2026-11-02", giver="ben-okafor", to="cleo-park", anonymous=True,
               principles=["patience"], message="Thanks for waiting on hold with the bank for me.")
    site.entry("2026/11/caller.yml", date="2026-11-03", giver="customer", to="dev-iyer",
               principles=["patience"], message="He never rushed me.")
    site.entry("2026/11/zed.yml", date="2026-11-04", giver="zed-private", to="ana-lima",
               principles=["patience"], message="Ana listened all the way through.")
    site.entry("2026/11/to-zed.yml", date="2026-11-05", giver="ana-lima", to="zed-private",
               principles=["patience"], message="Never published.")
    site.write("kudos/ideas/name.yml", "idea: Say the customer's name once, warmly\nby: ben-okafor\ntags: [customers, patience]\n")
    site.write("kudos/ideas/quiet.yml", "idea: Thank a quiet colleague out loud at the stand-up\nby: ana-lima\n"
               "tags: [colleagues, thank-out-loud, patience]\n")
    site.write("kudos/ideas/plant.yml", "idea: Leave a plant on a new colleague's desk\nby: cleo-park\ntags: [colleagues, welcome]\n")
    site.write("kudos/ideas/referral.yml", "idea: Ask a happy customer whom else we could help\nby: dev-iyer\n"
               "tags: [customers, three-rs]\n")
    result = site.build(strict=True)
    assert result.ok, result.log
    return result


def test_an_idea_tagged_with_a_principle_shows_how_many_published_thank_yous_cite_it(built: Built) -> None:
    page = built.page("little-things/")
    name = idea_html(page, "Say the customer")
    # ana -> ben, the anonymous note, the customer's, the opted-out giver's: 4. The note to zed is not published.
    assert 'class="kudos-chip" data-principle="patience" href="../principles/patience/"' in name
    # Said as the principle's own count, the way its card on the principles page says it, never as the idea's.
    assert "Patience says you're worth it · 4 stories" in text_of(name) and "thank-yous on the wall" not in page
    quiet = text_of(idea_html(page, "quiet colleague"))
    assert "Thank out loud · 1 story" in quiet and "· 4 stories" in quiet
    assert "The three R's · 0 stories" in text_of(idea_html(page, "whom else"))
    assert "thank-you" not in text_of(idea_html(page, "a plant")).replace("Thank someone who did this", "")
    # The same count as the principle's own stories on the principles overview.
    overview = text_of(built.page("principles/"))
    patience = overview.split("Patience says you're worth it Why patience says you're worth it matters.", 1)[1]
    assert re.match(r".{0,400}? 4 stories\b", patience), patience[:400]  # (after the newest story's note)


def test_a_principle_tag_is_a_chip_on_the_idea_not_a_group_or_a_plain_tag(built: Built) -> None:
    page = built.page("little-things/")
    groups = re.findall(r'<h2 id="tag-([a-z-]+)"', page)
    assert groups == ["colleagues", "customers"]
    assert "Welcome" in text_of(idea_html(page, "a plant"))
    for words in ("Say the customer", "quiet colleague", "whom else"):
        assert "kudos-idea__tags" not in idea_html(page, words)  # no plain tag left besides the group's


def test_every_idea_invites_thanking_someone_who_did_it(built: Built) -> None:
    page = built.page("little-things/")
    for words in ("Say the customer", "quiet colleague", "a plant", "whom else"):
        assert '<p class="kudos-idea__act"><a href="../kudos/give/">Thank someone who did this</a></p>' in idea_html(page, words)


def test_the_counts_name_no_opted_out_person_nor_the_anonymous_giver(built: Built) -> None:
    page = built.page("little-things/")
    assert "Zephyrine" not in page and "zed-private" not in page and "Never published" not in page
    # Ben gave the anonymous note; on this page he appears only as the idea's author.
    assert text_of(page).count("Ben Okafor") == 1
