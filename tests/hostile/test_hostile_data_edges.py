"""Files at the edge of the data: each one the build would skip or copy is named, with what to do."""

from __future__ import annotations

from pathlib import Path

from data_folders import GOOD, messages, run, write
from sites import Site


def test_a_missing_people_file_is_reported_as_missing_with_how_to_start_one(root: Path) -> None:
    (root / "kudos/people.yml").unlink()
    write(root, "kudos/good.yml", GOOD)
    data = run(root)
    assert messages(data) == [
        ("kudos/people.yml: no people file, so no kudos are published: the wall needs to know who can give"
         " and receive them - run `kudos init` in the site's folder to write a starter kudos/people.yml,"
         " or create it: one entry per person, `ana-lima: {name: Ana Lima}`")
    ]
    assert data.entries == ()


def test_an_unreadable_people_file_is_not_called_missing(root: Path) -> None:
    write(root, "kudos/people.yml", "ana-lima: [unclosed\n")
    data = run(root)
    text = " ".join(messages(data))
    assert "YAML syntax error" in text and "no kudos are published until this file can be read" in text
    assert "no people file" not in text and "kudos init" not in text


def test_kudos_check_says_the_people_file_is_missing(site: Site) -> None:
    (site.root / "kudos/people.yml").unlink()
    result = site.kudos("check")
    assert result.returncode == 1
    assert "kudos/people.yml: no people file" in result.stdout
    assert "YAML" not in result.stdout
