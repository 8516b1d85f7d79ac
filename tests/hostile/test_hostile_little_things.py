"""Cards, campaigns and ideas read as carefully as entries: every problem located, all at once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from data_folders import GOOD, PEOPLE, messages, run, write

PRIVATE_PEOPLE = PEOPLE + """\
zed-private:
  name: Zephyrine Quillfeather
  team: Billing
  wall: false
cleo-park:
  name: Cleo Park
  team: Field service
"""


@pytest.fixture
def people(root: Path) -> Path:
    write(root, "kudos/people.yml", PRIVATE_PEOPLE)
    return root


def test_a_card_for_nobody_dated_notadate_is_reported_field_by_field(people: Path) -> None:
    write(people, "kudos/cards/bad.yml", "title: Hi\nfor: nobody-here\noccasion: birthdy\ndate: notadate\ncolour: red\n")
    data = run(people)
    assert messages(data) == [
        "kudos/cards/bad.yml:2: unknown person 'nobody-here' in 'for' - people are listed in kudos/people.yml",
        "kudos/cards/bad.yml:3: unknown occasion 'birthdy' - did you mean 'birthday'?",
        "kudos/cards/bad.yml:4: 'date' must be a date written YYYY-MM-DD, not 'notadate' - for example 2026-10-06",
        "kudos/cards/bad.yml:5: unknown field 'colour' in a card - the fields of a card are: title, for, occasion, date",
    ]
    assert data.cards == {}


def test_hints_never_suggest_someone_who_opted_out(people: Path) -> None:
    write(people, "kudos/cards/c.yml", "title: Hi\nfor: zed-privat\noccasion: other\ndate: 2026-11-01\n")
    write(people, "kudos/ideas/i.yml", "idea: A plant\nby: zed-privat\n")
    text = " ".join(messages(run(people)))
    assert "unknown person 'zed-privat'" in text and "zed-private" not in text.replace("'zed-privat'", "")


def test_a_card_for_someone_off_the_wall_is_a_problem_that_does_not_name_them_and_is_never_published(people: Path) -> None:
    write(people, "kudos/cards/for-zed.yml", "title: Happy birthday!\nfor: zed-private\noccasion: birthday\ndate: 2026-11-20\n")
    write(people, "kudos/sign.yml", GOOD.replace("message:", "card: for-zed\nmessage:"))
    data = run(people)
    assert messages(data) == [
        ("kudos/cards/for-zed.yml:2: this card is for someone who is not on the wall - "
        "cards for people with wall: false are never published; give it in person")
    ]
    assert data.cards == {} and data.entries == ()  # its signatures go with it, without a second problem


def test_team_recipients_must_name_a_team_with_someone_on_the_wall(people: Path) -> None:
    write(people, "kudos/a.yml", GOOD.replace("to: ben-okafor", "to: team:field-servce"))
    write(people, "kudos/b.yml", GOOD.replace("to: ben-okafor", "to: team:billing"))  # only Zed is in Billing
    write(people, "kudos/c.yml", GOOD.replace("to: ben-okafor", "to: team:field-service"))
    data = run(people)
    assert messages(data) == [
        "kudos/a.yml:3: unknown team 'team:field-servce' in 'to' - did you mean 'team:field-service'?",
        "kudos/b.yml:3: unknown team 'team:billing' in 'to' - a team is the slug of a 'team' value in kudos/people.yml",
    ]
    assert [e.recipients for e in data.entries] == [("team:field-service",)]


def test_entries_linking_to_unknown_cards_or_campaigns_late_signatures_and_notes_outside_the_week(people: Path) -> None:
    write(people, "kudos/cards/ben-birthday.yml", "title: Happy birthday\nfor: ben-okafor\noccasion: birthday\ndate: 2026-09-01\n")
    write(people, "kudos/campaigns/csw.yml", "title: CSW\nstart: 2026-10-05\nend: 2026-10-09\nnotes_per_person: 3\n")
    write(people, "kudos/unknown-card.yml", GOOD.replace("message:", "card: ben-birthdy\nmessage:"))
    write(people, "kudos/late.yml", GOOD.replace("message:", "card: ben-birthday\nmessage:"))  # 2026-11-01: 61 days after
    write(people, "kudos/unknown-campaign.yml", GOOD.replace("message:", "campaign: cws\nmessage:"))
    write(people, "kudos/outside.yml", GOOD.replace("message:", "campaign: csw\nmessage:"))
    data = run(people)
    assert messages(data) == [
        ("kudos/late.yml:1: signed 2026-11-01, more than 60 days after the card's day 2026-09-01 - "
        "the card has been given: send a kudos of its own instead (remove 'card:')"),
        ("kudos/outside.yml:1: dated 2026-11-01, outside the campaign (2026-10-05 to 2026-10-09) - "
        "fix the date, or remove 'campaign:' to make it an ordinary kudos"),
        "kudos/unknown-campaign.yml:5: unknown campaign 'cws' - did you mean 'csw'?",
        "kudos/unknown-card.yml:5: unknown card 'ben-birthdy' - did you mean 'ben-birthday'?",
    ]
    assert data.entries == ()


def test_a_campaign_that_ends_before_it_starts_and_bad_goals(people: Path) -> None:
    write(people, "kudos/campaigns/Bad Name.yml", "title: CSW\nstart: 2026-10-09\nend: 2026-10-05\nnotes_per_person: three\ncustomer_notes_per_person: -1\n")
    assert messages(run(people)) == [
        "kudos/campaigns/Bad Name.yml:1: the file name 'Bad Name' is not a valid campaign id - name the file like ben-birthday-2026.yml",
        "kudos/campaigns/Bad Name.yml:3: 'end' 2026-10-05 is before 'start' 2026-10-09 - swap them, or fix the dates",
        "kudos/campaigns/Bad Name.yml:4: 'notes_per_person' must be a whole number from 0 to 50, not 'three' - write notes_per_person: 3",
        "kudos/campaigns/Bad Name.yml:5: 'customer_notes_per_person' must be a whole number from 0 to 50, not -1 - write customer_notes_per_person: 3",
    ]


def test_ideas_are_checked_item_by_item_and_opted_out_authors_are_a_colleague(people: Path) -> None:
    write(people, "kudos/ideas/list.yml",
          "- idea: Hold the door\n  by: ana-lima\n  tags: [customers]\n"
          "- idea: ''\n  by: ana-lima\n"
          "- idea: Say thanks\n  by: zed-private\n  tags: [Not A Tag]\n"
          "- idea: A plant on the desk\n  by: zed-private\n"
          "- just text\n")
    data = run(people)
    assert messages(data) == [
        "kudos/ideas/list.yml:4: 'idea' is empty - write the idea",
        "kudos/ideas/list.yml:8: tag 'Not A Tag' must be a lower-case word like customers - use letters, digits and hyphens",
        "kudos/ideas/list.yml:11: an idea must be a mapping of fields, found str - write 'idea:', 'by:' and 'tags:'",
    ]
    assert [(i.text, i.by, i.by_label) for i in data.ideas] == [
        ("Hold the door", "ana-lima", "Ana Lima"), ("A plant on the desk", "", "a colleague"),
    ]


def test_a_title_or_idea_naming_someone_off_the_wall_is_a_problem(people: Path) -> None:
    write(people, "kudos/cards/c.yml", "title: For Zephyrine Quillfeather\nfor: ana-lima\noccasion: other\ndate: 2026-11-01\n")
    write(people, "kudos/ideas/i.yml", "idea: Ask Zephyrine Quillfeather for her cake recipe\nby: ana-lima\n")
    data = run(people)
    assert [m.split(":", 2)[2].strip() for m in messages(data)] == [
        "'title' names someone who is not on the wall - leave the name out: people with wall: false are never published",
        "'idea' names someone who is not on the wall - leave the name out: people with wall: false are never published",
    ]
    assert data.cards == {} and data.ideas == ()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX pipes and links")
@pytest.mark.parametrize("folder", ["cards", "campaigns", "ideas"])
def test_pipes_links_out_and_folders_in_the_reserved_folders_are_refused(
    people: Path, folder: str, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.yml"
    outside.write_text("title: hunter2-never-published\n", encoding="utf-8")
    (people / f"kudos/{folder}/nested").mkdir(parents=True)
    os.mkfifo(people / f"kudos/{folder}/pipe.yml")
    os.symlink(outside, people / f"kudos/{folder}/link.yml")
    write(people, f"kudos/{folder}/_draft.yml", "not: read\n")
    data = run(people)
    assert messages(data) == [
        f"kudos/{folder}/link.yml: is a link to a file outside the data folder - copy the file here instead of linking to it",
        f"kudos/{folder}/nested/: folders inside {folder}/ are not read - put the files directly in {folder}/",
        f"kudos/{folder}/pipe.yml: is not a regular file (a pipe, socket or device) - delete it; data files are plain YAML files",
    ]
    assert "hunter2" not in " ".join(messages(data))


@pytest.mark.parametrize("folder", ["cards", "campaigns", "ideas"])
def test_hostile_yaml_in_the_reserved_folders_costs_only_itself(people: Path, folder: str) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n" for n in range(8)
    )
    write(people, f"kudos/{folder}/bomb.yml", bomb)
    write(people, f"kudos/{folder}/binary.yml", b"\xff\xfe\x00garbage")
    write(people, "kudos/good.yml", GOOD)
    data = run(people)
    assert {m.split(":")[0] for m in messages(data)} == {f"kudos/{folder}/bomb.yml", f"kudos/{folder}/binary.yml"}
    assert len(data.entries) == 1
