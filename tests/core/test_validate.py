"""Bad input: every problem at once, each located with a fix, and nothing good lost.

Ordinary mistakes live here; hostile input (broken, explosive, binary or
misleading files) lives in tests/hostile.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from data_folders import GOOD, PEOPLE, TODAY, make_root, messages, run, write
from kudoswall.core.data.dataset import load
from kudoswall.core.data.project import make_project


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_root(tmp_path)


def one_problem(root: Path, text: str, name: str = "kudos/bad.yml") -> str:
    write(root, name, text)
    found = messages(run(root))
    assert len(found) == 1, found
    return found[0]


def test_good_data_has_no_problems(root: Path) -> None:
    write(root, "kudos/2026/11/good.yml", GOOD)
    data = run(root)
    assert data.problems == ()
    assert [e.recipients for e in data.entries] == [("ben-okafor",)]
    assert set(data.principles) == {"patience", "little-wows"}








def test_every_missing_field_is_reported_at_once(root: Path) -> None:
    write(root, "kudos/bad.yml", "title: Just a title\n")
    found = messages(run(root))
    for field in ("date", "from", "to", "message"):
        assert f"kudos/bad.yml:1: missing required field '{field}'" in " ".join(found)
    assert len(found) == 4


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("to: 5", "'to' must hold ids (text), found a number"),
        ("title: 123", "'title' must be text, not a number - put the value in quotes"),
        ("anonymous: 'yes'", "'anonymous' must be true or false"),
        ("principles: {a: 1}", "'principles' must hold ids (text), found a mapping"),
        ("from: [ana-lima]", "'from' must be one person id, not a list"),
        ("card: Ben's card!", "'card' must be an id like ben-birthday-2026"),
        ("date: yesterday", "'date' must be a date written YYYY-MM-DD, not 'yesterday'"),
        ("date: 2026-02-30", "'date' 2026-02-30 is not a real date"),
        ("date: 2026-12-25", "'date' 2026-12-25 is in the future - use a date on or before 2026-11-25"),
        ("to: []", "'to' is empty"),
        ("message: '   '", "'message' is empty"),
    ],
)
def test_wrong_types_and_values_are_located(root: Path, line: str, expected: str) -> None:
    key = line.split(":")[0]
    lines = [f for f in GOOD.splitlines() if not f.startswith(key + ":")]
    lines.insert(1, line)
    found = one_problem(root, "\n".join(lines) + "\n")
    assert found.startswith("kudos/bad.yml:2: ")
    assert expected in found


def test_lengths_are_limited(root: Path) -> None:
    write(root, "kudos/long-title.yml", GOOD + "title: " + "t" * 121 + "\n")
    write(root, "kudos/long-message.yml", GOOD.replace("Thanks for the calm.", "m" * 2001))
    write(root, "kudos/just-right.yml", GOOD.replace("Thanks for the calm.", "m" * 2000) + "title: " + "t" * 120 + "\n")
    found = messages(run(root))
    assert sorted(found) == [
        "kudos/long-message.yml:5: 'message' is 2001 characters long; the limit is 2000 - shorten it",
        "kudos/long-title.yml:6: 'title' is 121 characters long; the limit is 120 - shorten it",
    ]


def test_unknown_ids_suggest_the_closest_known_one(root: Path) -> None:
    write(root, "kudos/typo.yml", GOOD.replace("to: ben-okafor", "to: [ben-okafr]").replace("[patience]", "[patiense]"))
    found = messages(run(root))
    assert "kudos/typo.yml:3: unknown person 'ben-okafr' in 'to' - did you mean 'ben-okafor'?" in found
    assert "kudos/typo.yml:4: unknown principle 'patiense' - did you mean 'patience'?" in found


def test_unknown_field_suggests_the_right_name(root: Path) -> None:
    found = one_problem(root, GOOD + "mesage: oops\n")
    assert found == "kudos/bad.yml:6: unknown field 'mesage' in an entry - did you mean 'message'?"


def test_an_unknown_id_with_no_close_match_says_where_ids_live(root: Path) -> None:
    found = one_problem(root, GOOD.replace("from: ana-lima", "from: zzz"))
    assert found == "kudos/bad.yml:2: unknown person 'zzz' in 'from' - people are listed in kudos/people.yml"


def test_giving_kudos_to_yourself_is_refused(root: Path) -> None:
    found = one_problem(root, GOOD.replace("to: ben-okafor", "to: [ben-okafor, ana-lima]"))
    assert found == "kudos/bad.yml:3: 'ana-lima' gives kudos to themselves - thank someone else"


@pytest.mark.parametrize("value", ["1990-04-17", '"1990-04-17"', '"13-01"', "0417", "4/17"])
def test_birthday_is_month_and_day_only(root: Path, value: str) -> None:
    write(root, "kudos/people.yml", PEOPLE + f"cleo-park:\n  name: Cleo\n  birthday: {value}\n")
    data = run(root)
    (problem,) = data.problems
    assert problem.line == 8 and "birthday" in problem.message
    assert data.people["cleo-park"].birthday == ""  # a year is never kept, so never published




def as_item(text: str) -> str:
    return "- " + text.replace("\n", "\n  ").rstrip() + "\n"


def test_a_list_file_gives_each_entry_its_own_stable_id(root: Path) -> None:
    write(root, "kudos/list.yml", as_item(GOOD) + as_item(GOOD))
    first = [e.id for e in run(root).entries]
    assert len(set(first)) == 2
    assert [e.id for e in run(root).entries] == first


def test_adding_an_entry_to_the_top_of_a_list_keeps_the_others_ids(root: Path) -> None:
    write(root, "kudos/_anchor-key", "a site secret, never published\n")
    second = GOOD.replace("2026-11-01", "2026-10-02")
    write(root, "kudos/list.yml", as_item(GOOD) + as_item(second))
    before = {e.date: e.id for e in run(root).entries}
    newcomer = GOOD.replace("2026-11-01", "2026-09-09")
    write(root, "kudos/list.yml", as_item(newcomer) + as_item(GOOD) + as_item(second.replace("calm", "calm!")))
    after = {e.date: e.id for e in run(root).entries}
    assert all(after[day] == kudos_id for day, kudos_id in before.items())
    assert len(set(after.values())) == 3


def test_reserved_files_and_folders_are_not_entries(root: Path) -> None:
    junk = "this: is not an entry\n"
    for rel in ("_inbox/x.yml", ".hidden/x.yml", "_draft.yml", ".secret.yaml", "_notes.txt", "README.md"):
        write(root, f"kudos/{rel}", junk)
    # cards/, campaigns/ and ideas/ are read, each as its own kind, never as entries.
    write(root, "kudos/cards/ben.yml", "title: Hi\nfor: ben-okafor\noccasion: other\ndate: 2026-11-01\n")
    write(root, "kudos/campaigns/csw.yml", "title: CSW\nstart: 2026-10-05\nend: 2026-10-09\n")
    write(root, "kudos/ideas/x.yml", "idea: Hold the door\nby: ana-lima\n")
    write(root, "kudos/2026/deep/folder/ok.yaml", GOOD)
    data = run(root)
    assert data.problems == ()
    assert len(data.entries) == 1
    assert list(data.cards) == ["ben"] and list(data.campaigns) == ["csw"] and len(data.ideas) == 1


def test_entries_with_card_and_campaign_are_accepted(root: Path) -> None:
    write(root, "kudos/cards/ben-birthday-2026.yml", "title: Hi\nfor: ben-okafor\noccasion: birthday\ndate: 2026-10-20\n")
    write(root, "kudos/campaigns/csw-2026.yml", "title: CSW\nstart: 2026-10-01\nend: 2026-11-09\n")
    write(root, "kudos/sig.yml", GOOD + "card: ben-birthday-2026\ncampaign: csw-2026\n")
    data = run(root)
    assert data.problems == ()
    assert data.entries[0].card == "ben-birthday-2026"


def test_empty_and_scalar_files_are_reported(root: Path) -> None:
    write(root, "kudos/empty.yml", "")
    write(root, "kudos/scalar.yml", "just some words\n")
    found = sorted(messages(run(root)))
    assert found[0].startswith("kudos/empty.yml:1: file is empty")
    assert found[1].startswith("kudos/scalar.yml:1: an entry must be a mapping of fields, found str")








def test_unknown_principle_owner_is_reported_on_the_page(root: Path) -> None:
    write(root, "docs/principles/patience.md", "---\nowner: ana-lma\nreview_by: soon\n---\n# Patience\n")
    found = sorted(messages(run(root)))
    assert found == [
        "docs/principles/patience.md:2: unknown person 'ana-lma' as owner - did you mean 'ana-lima'?",
        "docs/principles/patience.md:3: 'review_by' must be a date YYYY-MM-DD - for example 2027-03-01",
    ]


def test_many_problems_in_many_files_all_come_back(root: Path) -> None:
    for n in range(30):
        write(root, f"kudos/bad-{n:02d}.yml", GOOD.replace("ana-lima", f"ghost-{n}"))
    write(root, "kudos/good.yml", GOOD)
    data = run(root)
    assert len(data.problems) == 30
    assert len(data.entries) == 1




def test_an_unquoted_birthday_read_as_a_number_gets_a_message_about_quotes(root: Path) -> None:
    write(root, "kudos/people.yml", PEOPLE + "cleo-park:\n  name: Cleo\n  birthday: 0417\n")
    assert messages(run(root)) == [
        'kudos/people.yml:8: birthday must be month-day text, not a number - write it in quotes, e.g. "04-17"'
    ]


def test_a_person_whose_record_has_a_problem_stays_off_the_site(root: Path) -> None:
    write(root, "kudos/people.yml", PEOPLE + "eve-typo:\n  name: Eve Typo\n  walll: false\n")
    data = run(root)
    assert messages(data) == ["kudos/people.yml:8: unknown field 'walll' in person 'eve-typo' - did you mean 'wall'?"]
    assert data.people["eve-typo"].wall is False
    assert "eve-typo" not in data.visible_people


def test_a_customer_cannot_thank_a_customer(root: Path) -> None:
    found = one_problem(root, GOOD.replace("from: ana-lima", "from: customer").replace("to: ben-okafor", "to: customer"))
    assert found == "kudos/bad.yml:3: a customer cannot thank a customer - name the colleague the customer praised"


def test_a_capitalised_customer_is_recognised_as_a_typo(root: Path) -> None:
    found = one_problem(root, GOOD.replace("from: ana-lima", "from: Customer"))
    assert found == "kudos/bad.yml:2: unknown person 'Customer' in 'from' - did you mean 'customer'?"


def test_hints_name_the_sites_own_folders(tmp_path: Path) -> None:
    write(tmp_path, "data/people.yml", PEOPLE)
    write(tmp_path, "handbook/values/patience.md", "# Patience\n")
    write(tmp_path, "data/x.yml", GOOD.replace("from: ana-lima", "from: zzz").replace("[patience]", "[qqq]"))
    data = load(make_project(
        tmp_path, Path("handbook"), {"today": TODAY, "data_dir": "data", "principles_dir": "values"}
    ))
    assert messages(data) == [
        "data/x.yml:2: unknown person 'zzz' in 'from' - people are listed in data/people.yml",
        "data/x.yml:4: unknown principle 'qqq' - principles are the pages in handbook/values/",
    ]


def test_a_broken_people_file_is_one_problem_not_one_per_entry(root: Path) -> None:
    write(root, "kudos/people.yml", PEOPLE + "cleo-park:\n  team: [Billing\n")
    for n in range(5):
        write(root, f"kudos/e{n}.yml", GOOD)
    data = run(root)
    assert data.entries == ()  # who opted out is unknown, so nothing is published
    assert len(data.problems) == 2
    assert sorted(p.message.split(":")[0] for p in data.problems) == [
        "YAML syntax error", "no kudos are published until this file can be read"
    ]


def test_upper_case_extensions_are_entries_too(root: Path) -> None:
    write(root, "kudos/shouty.YML", GOOD)
    assert len(run(root).entries) == 1


def test_problems_come_in_file_and_line_order(root: Path) -> None:
    write(root, "kudos/people.yml", PEOPLE + "z-one:\n  name: Z\n  colour: red\na-two:\n  nme: A\n")
    lines = [p.line for p in run(root).problems]
    assert lines == sorted(lines) and len(lines) == 3
