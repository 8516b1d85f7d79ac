"""`kudos new`, run as a subprocess in a temporary copy of a fixture site."""

from __future__ import annotations

from pathlib import Path

import yaml

from sites import TODAY, Site


def written(site: Site, stdout: str) -> Path:
    """The path `kudos new` printed last (after the prompts, when it asked), as a file of the site."""
    path = site.root / stdout.split()[-1]
    assert path.is_file(), stdout
    return path


def test_new_writes_one_well_named_file_and_prints_its_path(site: Site) -> None:
    result = site.kudos(
        "new", "--from", "ana-lima", "--to", "ben-okafor", "--to", "cleo-park",
        "--message", "Thank you for the *calm* handover.", "--principle", "patience",
        "--title", "Handover", "--date", "2026-11-24",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "kudos/2026/11/2026-11-24-ana-lima-to-ben-okafor-cleo-park.yml"
    data = yaml.safe_load(written(site, result.stdout).read_text(encoding="utf-8"))
    assert data == {
        "date": __import__("datetime").date(2026, 11, 24),
        "from": "ana-lima",
        "to": ["ben-okafor", "cleo-park"],
        "principles": ["patience"],
        "title": "Handover",
        "message": "Thank you for the *calm* handover.",
    }
    check = site.kudos("check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "OK: 5 published entries" in check.stderr


def test_new_defaults_to_today_of_the_site(site: Site) -> None:
    result = site.kudos("new", "--from", "dev-iyer", "--to", "ana-lima,ben-okafor", "--message", "Thanks, both.")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"kudos/2026/11/{TODAY}-dev-iyer-to-ana-lima-ben-okafor.yml"


def test_anonymous_giver_is_left_out_of_the_file_name(site: Site) -> None:
    result = site.kudos(
        "new", "--from", "dev-iyer", "--to", "cleo-park", "--message", "Quietly: thank you.", "--anonymous",
    )
    assert result.returncode == 0, result.stderr
    path = written(site, result.stdout)
    assert "dev" not in path.name and path.name == f"{TODAY}-to-cleo-park.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["anonymous"] is True and data["from"] == "dev-iyer"


def test_invalid_entry_is_refused_with_the_builds_message_and_nothing_is_written(site: Site) -> None:
    before = sorted(p for p in (site.root / "kudos").rglob("*") if p.is_file())
    result = site.kudos("new", "--from", "ana-lima", "--to", "ben-okafr", "--message", "Thanks!", "--date", "2026-11-20")
    assert result.returncode == 1
    shown = "kudos/2026/11/2026-11-20-ana-lima-to-ben-okafr.yml:3: "
    assert shown + "unknown person 'ben-okafr' in 'to' - did you mean 'ben-okafor'?" in result.stderr
    assert "Nothing was written." in result.stderr
    assert sorted(p for p in (site.root / "kudos").rglob("*") if p.is_file()) == before

    # The very same mistake in a hand-written file: `kudos check` (the build's
    # validator) says the same words.
    site.entry("2026/11/by-hand.yml", date="2026-11-20", giver="ana-lima", to=["ben-okafr"], message="Thanks!")
    check = site.kudos("check")
    assert check.returncode == 1
    assert "kudos/2026/11/by-hand.yml:3: unknown person 'ben-okafr' in 'to' - did you mean 'ben-okafor'?" in check.stdout


def test_every_problem_is_reported_at_once(site: Site) -> None:
    result = site.kudos(
        "new", "--from", "ana-lima", "--to", "ana-lima", "--message", "x" * 2001,
        "--principle", "patiense", "--date", "2099-01-01",
    )
    assert result.returncode == 1
    for text in (
        "'date' 2099-01-01 is in the future - use a date on or before 2026-11-25",
        "'message' is 2001 characters long; the limit is 2000 - shorten it",
        "'ana-lima' gives kudos to themselves - thank someone else",
        "unknown principle 'patiense' - did you mean 'patience'?",
    ):
        assert text in result.stderr


def test_a_second_entry_with_the_same_name_never_overwrites_the_first(site: Site) -> None:
    args = ("new", "--from", "ana-lima", "--to", "ben-okafor", "--date", "2026-11-21")
    first = site.kudos(*args, "--message", "First.")
    second = site.kudos(*args, "--message", "Second.")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert second.stdout.strip().endswith("2026-11-21-ana-lima-to-ben-okafor-2.yml")
    assert yaml.safe_load(written(site, first.stdout).read_text())["message"] == "First."
    assert yaml.safe_load(written(site, second.stdout).read_text())["message"] == "Second."


def test_markdown_line_breaks_survive_in_a_readable_block(site: Site) -> None:
    message = "Two things:  \nthe call,\\\nand the note.\n\n- one\n- two"
    result = site.kudos("new", "--from", "ana-lima", "--to", "ben-okafor", "--message", message)
    assert result.returncode == 0, result.stderr
    text = written(site, result.stdout).read_text(encoding="utf-8")
    assert "message: |-\n  Two things:  \n" in text
    assert yaml.safe_load(text)["message"] == message
    assert site.kudos("check").returncode == 0


def test_missing_fields_without_a_terminal_are_a_usage_error(site: Site) -> None:
    result = site.kudos("new", "--from", "ana-lima", "--message", "Thanks")
    assert result.returncode == 2
    assert "missing option '--to'" in result.stderr


def test_interactive_new_asks_for_each_field_offering_people_and_principles(site: Site) -> None:
    answers = (
        "ana-lim\n"  # a typo: asked again, with a did-you-mean
        "ana-lima\n"
        "Ben Okafor, cleo-park\n"  # names work as well as ids
        "patience\n"
        "A calm week\n"
        "Thank you both for a calm week.\n"
        "Second line of the message.\n"
        "\n"  # an empty line ends the message
        "2026-11-23\n"
        "n\n"
    )
    result = site.kudos("new", "-i", input=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ben-okafor" in result.stderr and "Ben Okafor (Support)" in result.stderr  # people offered
    assert "Patience says you're worth it" in result.stderr  # principles offered
    assert "unknown person 'ana-lim' - did you mean 'ana-lima'?" in result.stdout + result.stderr
    path = written(site, result.stdout)
    assert path.name == "2026-11-23-ana-lima-to-ben-okafor-cleo-park.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["to"] == ["ben-okafor", "cleo-park"]
    assert data["principles"] == ["patience"]
    assert data["title"] == "A calm week"
    assert data["message"] == "Thank you both for a calm week.\nSecond line of the message."
    assert "anonymous" not in data


def test_new_entry_is_published_by_a_strict_build(site: Site) -> None:
    result = site.kudos("new", "--from", "cleo-park", "--to", "dev-iyer", "--message", "Refunds done *before* lunch.")
    assert result.returncode == 0, result.stderr
    built = site.build()
    assert built.ok, built.log
    assert "Refunds done <em>before</em> lunch." in built.page("kudos/2026/11/")
