"""Every published title follows one rule, and no card publishes a day someone keeps private."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_folders import GOOD, messages, run, write
from sites import make_little_things_site

PEOPLE = """\
ana-lima:
  name: Ana Lima
ben-okafor:
  name: Ben Okafor
  birthday: "04-17"
  joined: 2020-03-02
  celebrate: false
zed-private:
  name: Zephyrine Quillfeather
  wall: false
"""

NAMED = "A week for Zephyrine Quillfeather"
# Where a person writes a title or words the site publishes, and the field that holds them.
KINDS = {
    "entry": ("kudos/2026/11/named.yml", GOOD.replace("message: Thanks for the calm.", f"title: {NAMED}\nmessage: Thanks.")),
    "card": ("kudos/cards/named.yml", f"title: {NAMED}\nfor: ana-lima\noccasion: congrats\ndate: 2026-11-20\n"),
    "campaign": ("kudos/campaigns/named.yml", f"title: {NAMED}\nstart: 2026-11-02\nend: 2026-11-06\n"),
    "idea": ("kudos/ideas/named.yml", f"idea: {NAMED}\nby: ana-lima\n"),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_title_naming_someone_off_the_wall_is_refused_wherever_it_is_written(root: Path, kind: str) -> None:
    write(root, "kudos/people.yml", PEOPLE)
    path, text = KINDS[kind]
    write(root, path, text)
    data = run(root)
    field = "idea" if kind == "idea" else "title"
    assert messages(data) == [
        (f"{path}:{1 if kind != 'entry' else 5}: '{field}' names someone who is not on the wall"
        " - leave the name out: people with wall: false are never published")
    ]
    assert not data.campaigns and not data.cards and not data.ideas and not data.entries


def test_a_campaign_naming_someone_off_the_wall_is_not_published(tmp_path: Path) -> None:
    site = make_little_things_site(tmp_path / "site-src")
    site.write("kudos/campaigns/csw-2026.yml", "title: Customer Service Week with Zephyrine Quillfeather\n"
               "start: 2026-10-05\nend: 2026-10-09\nnotes_per_person: 2\n")
    built = site.build(strict=False)
    assert built.ok, built.log
    assert "names someone who is not on the wall" in built.log
    for text in built.text_files().values():
        assert "Quillfeather" not in text


@pytest.mark.parametrize("occasion", ["birthday", "anniversary"])
def test_a_card_never_publishes_a_day_its_person_keeps_private(root: Path, occasion: str) -> None:
    write(root, "kudos/people.yml", PEOPLE)
    write(root, "kudos/cards/ben.yml", f"title: Happy day, Ben\nfor: ben-okafor\noccasion: {occasion}\ndate: 2026-04-17\n")
    write(root, "kudos/sign.yml", GOOD + "card: ben\n")
    data = run(root)
    assert messages(data) == [
        (f"kudos/cards/ben.yml:3: this {occasion} card is for someone who keeps that day private (celebrate: false)"
        " - make it another occasion (congrats, other) with another day, or give it in person")
    ]
    assert data.cards == {} and data.entries == ()  # the signature goes with its card


def test_other_cards_for_someone_who_does_not_celebrate_are_fine(root: Path) -> None:
    write(root, "kudos/people.yml", PEOPLE)
    write(root, "kudos/cards/ben.yml", "title: Well done, Ben\nfor: ben-okafor\noccasion: congrats\ndate: 2026-11-20\n")
    data = run(root)
    assert messages(data) == [] and list(data.cards) == ["ben"]


def test_a_job_title_or_team_naming_someone_off_the_wall_is_left_out_not_the_person(root: Path) -> None:
    write(root, "kudos/people.yml", PEOPLE + "cleo-park:\n  name: Cleo Park\n  title: Deputy to Zephyrine Quillfeather\n"
          "  team: Zephyrine Quillfeather's crew\n")
    data = run(root)
    assert messages(data) == [
        "kudos/people.yml:13: 'title' names someone who is not on the wall - leave the name out: people with wall: false are never published",
        "kudos/people.yml:14: 'team' names someone who is not on the wall - leave the name out: people with wall: false are never published",
    ]
    cleo = data.visible_people["cleo-park"]
    assert (cleo.title, cleo.team) == ("", "")
    assert not any("Quillfeather" in team.name for team in data.teams.values())
