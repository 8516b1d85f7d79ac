"""`slack:` and `teams:` in people.yml: checked, located when wrong, and published nowhere."""

from __future__ import annotations

from pathlib import Path

from data_folders import PEOPLE, messages, run, write
from sites import make_site

SLACK = "U024BE7LH"
ENTRA = "6f1c2a9e-0b7d-4c55-9a3e-2d8b1f0c7e41"


def test_a_person_with_chat_accounts_is_on_the_wall_without_a_problem(root: Path) -> None:
    write(root, "kudos/people.yml", PEOPLE + f"cleo-park:\n  name: Cleo Park\n  slack: {SLACK}\n  teams: {ENTRA.upper()}\n")
    data = run(root)
    assert messages(data) == []
    cleo = data.people["cleo-park"]
    assert cleo.wall is True
    assert (cleo.contact.slack, cleo.contact.teams) == (SLACK, ENTRA)  # an object id is compared in lower case
    assert SLACK not in repr(cleo) and ENTRA not in repr(cleo)


def test_a_teams_user_id_is_accepted_as_well_as_an_object_id(root: Path) -> None:
    write(root, "kudos/people.yml", PEOPLE + "cleo-park:\n  name: Cleo Park\n  teams: \"29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ\"\n")
    assert messages(run(root)) == []


def test_malformed_chat_accounts_are_located_and_the_person_stays_on_the_wall(root: Path) -> None:
    write(root, "kudos/people.yml", PEOPLE + "cleo-park:\n  name: Cleo Park\n  slack: \"@cleo\"\n  teams: cleo@acme.test\n")
    data = run(root)
    assert messages(data) == [
        ("kudos/people.yml:8: 'slack' of 'cleo-park' is not a Slack member id - write the Slack member id, "
        "e.g. slack: U024BE7LH (Slack: profile, More, Copy member ID)"),
        ("kudos/people.yml:9: 'teams' of 'cleo-park' is not an Entra ID object id or a Teams user id - write the "
        "Entra ID object id, e.g. teams: 6f1c2a9e-0b7d-4c55-9a3e-2d8b1f0c7e41, or the Teams user id 29:..."),
    ]
    assert data.people["cleo-park"].wall is True
    assert data.people["cleo-park"].contact.slack == ""  # unusable, so no one gives from it


def test_a_chat_account_shared_by_two_people_is_located_at_the_second(root: Path) -> None:
    people = PEOPLE.replace("  name: Ana Lima\n", f"  name: Ana Lima\n  slack: {SLACK}\n  teams: {ENTRA}\n")
    people += f"cleo-park:\n  name: Cleo Park\n  slack: {SLACK}\n  teams: {ENTRA.upper()}\n"
    write(root, "kudos/people.yml", people)
    assert messages(run(root)) == [
        ("kudos/people.yml:10: 'slack' of 'cleo-park' is also the 'slack' of 'ana-lima' (line 3) - "
        "each chat account belongs to one person; remove it from the one it is not"),
        ("kudos/people.yml:11: 'teams' of 'cleo-park' is also the 'teams' of 'ana-lima' (line 4) - "
        "each chat account belongs to one person; remove it from the one it is not"),
    ]


def test_chat_accounts_appear_in_no_built_file(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    people = (site.root / "kudos/people.yml").read_text(encoding="utf-8")
    people = people.replace("  name: Ben Okafor\n", f"  name: Ben Okafor\n  slack: {SLACK}\n  teams: {ENTRA}\n")
    people = people.replace("  name: Zephyrine Quillfeather\n", "  name: Zephyrine Quillfeather\n  slack: W0ZEDPRIV8\n")
    site.write("kudos/people.yml", people)
    built = site.build()
    assert built.ok, built.log
    assert "Ben Okafor" in built.page("people/ben-okafor/")
    files = [p for p in built.site_dir.rglob("*") if p.is_file()]
    assert len(files) > 20
    for path in files:
        data = path.read_bytes()
        for secret in (SLACK, ENTRA, ENTRA.upper(), "W0ZEDPRIV8"):
            assert secret.encode() not in data, path
    schema = site.kudos("schema")
    assert schema.returncode == 0 and SLACK not in schema.stdout and ENTRA not in schema.stdout
