"""people.yml mistakes fail closed, and nothing a build says names someone who opted out."""

from __future__ import annotations

import time
from pathlib import Path

from data_folders import GOOD, PEOPLE, TODAY, messages, run, write
from kudoswall.core.data.model import Person
from kudoswall.core.data.optedout import OptedOutNames
from kudoswall.core.data.validate import validate_entry
from kudoswall.core.data.yamlfile import parse

ZED = "zed-private:\n  name: Zephyrine Quillfeather\n  wall: false\n"


def test_a_repeated_person_id_is_reported_and_the_person_is_opted_out(root: Path) -> None:
    write(root, "kudos/people.yml", PEOPLE + "ana-lima:\n  name: Another Ana\n")
    write(root, "kudos/good.yml", GOOD)
    data = run(root)
    assert messages(data) == [
        ("kudos/people.yml:6: duplicate key 'ana-lima' (first at line 1) - "
        "keep one of them; YAML would silently drop the first")
    ]
    assert data.people["ana-lima"].wall is False
    assert data.entries[0].giver == ""  # published as from "a colleague"


def test_a_repeated_wall_key_opts_the_person_out(root: Path) -> None:
    write(root, "kudos/people.yml", PEOPLE + "cleo-park:\n  name: Cleo\n  wall: false\n  wall: true\n")
    data = run(root)
    assert [p.line for p in data.problems] == [9]
    assert data.people["cleo-park"].wall is False


def test_a_merge_key_followed_by_wall_false_opts_the_person_out(root: Path) -> None:
    people = PEOPLE + "base: &base\n  name: Base\n  wall: true\ncleo-park:\n  <<: *base\n  name: Cleo\n  wall: false\n"
    write(root, "kudos/people.yml", people)
    data = run(root)
    assert data.problems and all(p.path == "kudos/people.yml" for p in data.problems)
    assert data.people["cleo-park"].wall is False


def test_hints_never_suggest_an_opted_out_person(root: Path) -> None:
    write(root, "kudos/people.yml", PEOPLE + ZED)
    write(root, "kudos/typo.yml", GOOD.replace("to: ben-okafor", "to: zed-privat"))
    found = messages(run(root))
    assert found == ["kudos/typo.yml:3: unknown person 'zed-privat' in 'to' - people are listed in kudos/people.yml"]


def test_a_manager_hint_never_suggests_an_opted_out_person(root: Path) -> None:
    write(root, "kudos/people.yml", PEOPLE + ZED + "cleo-park:\n  name: Cleo\n  manager: zed-privat\n")
    assert "zed-private" not in " ".join(messages(run(root)))


def test_a_message_naming_an_opted_out_person_is_left_out_and_the_problem_names_the_entry(root: Path) -> None:
    write(root, "kudos/people.yml", PEOPLE + ZED)
    write(root, "kudos/named.yml", GOOD.replace("Thanks for the calm.", "Thanks to zephyrine\u200b  QUILLFEATHER too"))
    write(root, "kudos/titled.yml", GOOD + "title: With Zephyrine Quillfeather\n")
    write(root, "kudos/good.yml", GOOD.replace("calm", "Zephyrine and Quill feathers"))
    data = run(root)
    assert messages(data) == [
        ("kudos/named.yml:5: 'message' names someone who is not on the wall"
        " - leave the name out: people with wall: false are never published"),
        ("kudos/titled.yml:6: 'title' names someone who is not on the wall"
        " - leave the name out: people with wall: false are never published"),
    ]
    assert len(data.entries) == 1


def test_finding_opted_out_names_is_fast_at_company_scale() -> None:
    people = [Person(f"p{n:05d}", f"Firstname{n} Lastname{n}", wall=n % 50 != 0) for n in range(5_000)]
    roster = {p.id: p for p in people}
    names = OptedOutNames(people)
    message = "Thanks " + " ".join(f"Firstname{n} Lastname{n + 1}" for n in range(0, 200, 1))
    entry, _ = parse(GOOD.replace("ana-lima", "p00001").replace("ben-okafor", "p00002").replace("Thanks for the calm.", f"'{message[:1900]}'"))
    started = time.perf_counter()
    for _ in range(10_000):
        validate_entry("kudos/x.yml", entry, roster, ["patience"], TODAY, opted_out=names)
    assert time.perf_counter() - started < 10
    assert names.found_in("so kind, firstname100   lastname100!")
    assert not names.found_in("firstname101 lastname101")


def test_hints_never_suggest_someone_who_has_left_yet_their_id_still_counts(root: Path) -> None:
    """One rule for every "did you mean": the build, the CLI and the intake read the same hint."""
    write(root, "kudos/people.yml", PEOPLE + "olga-petrov:\n  name: Olga Petrov\n  left: 2026-01-31\n")
    write(root, "kudos/typo.yml", GOOD.replace("to: ben-okafor", "to: olga-petro"))
    write(root, "kudos/good.yml", GOOD.replace("to: ben-okafor", "to: olga-petrov"))
    data = run(root)
    assert messages(data) == ["kudos/typo.yml:3: unknown person 'olga-petro' in 'to' - people are listed in kudos/people.yml"]
    assert [e.recipients for e in data.entries] == [("olga-petrov",)]
