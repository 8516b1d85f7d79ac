"""`kudos import` never guesses: a date order the column does not settle, a name two people share.

A guess goes wrong silently: rows land on the wrong days (and the next
export, which settles the order, imports them again), or a thank-you goes
to whichever of two Ana Limas came last in people.yml.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from sites import PEOPLE, Site

# A day-first export from the first days of a month: every day is 12 or less.
EARLY = (
    "Timestamp,from,to,message\n"
    "01/11/2026 09:00:00,ana-lima,ben-okafor,Thanks for the handover.\n"
    "05/11/2026 10:30:00,cleo-park,dev-iyer,Thanks for the refunds.\n"
)
# The next export: the same rows and one from the 20th, which settles the order.
LATER = EARLY + "20/11/2026 16:00:00,dev-iyer,cleo-park,Thanks for the cover.\n"


def entry_files(site: Site) -> list[Path]:
    return sorted(p for p in (site.root / "kudos").rglob("*.yml") if p.name != "people.yml")


def dates(paths: list[Path]) -> list[str]:
    return sorted(str(yaml.safe_load(p.read_text(encoding="utf-8"))["date"]) for p in paths)


def test_a_column_that_reads_both_ways_is_refused_naming_the_formats(site: Site) -> None:
    site.write("early.csv", EARLY)
    before = entry_files(site)
    result = site.kudos("import", "early.csv")
    assert result.returncode == 2
    assert (
        "early.csv: column 'Timestamp': the dates can be read two ways ('01/11/2026 09:00:00' is 11 January 2026"
        " or 1 November 2026) - say which with --date-format '%m/%d/%Y %H:%M:%S' or --date-format '%d/%m/%Y %H:%M:%S'"
    ) in result.stderr
    assert entry_files(site) == before


def test_a_date_format_given_once_and_a_later_export_agree(site: Site) -> None:
    site.write("early.csv", EARLY)
    site.write("later.csv", LATER)
    before = set(entry_files(site))
    first = site.kudos("import", "early.csv", "--date-format", "%d/%m/%Y %H:%M:%S")
    assert first.returncode == 0, first.stdout + first.stderr
    again = site.kudos("import", "later.csv")  # day-first, settled by the 20th
    assert again.returncode == 0, again.stdout + again.stderr
    assert "imported 1 new, 2 already there, 0 refused" in again.stderr
    assert dates(sorted(set(entry_files(site)) - before)) == ["2026-11-01", "2026-11-05", "2026-11-20"]


def test_rows_an_earlier_import_read_the_other_way_are_not_imported_again(site: Site) -> None:
    # What an import that guessed month-first wrote for the first two rows.
    site.entry("2026/01/2026-01-11-ana-lima-to-ben-okafor.yml", date="2026-01-11", giver="ana-lima",
               to=["ben-okafor"], message="Thanks for the handover.")
    site.entry("2026/05/2026-05-11-cleo-park-to-dev-iyer.yml", date="2026-05-11", giver="cleo-park",
               to=["dev-iyer"], message="Thanks for the refunds.")
    site.write("later.csv", LATER)
    result = site.kudos("import", "later.csv")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "imported 1 new, 2 already there, 0 refused" in result.stderr


def test_a_name_two_people_share_is_refused_with_the_ids_it_could_be(site: Site) -> None:
    site.people({**PEOPLE, "ana-lima-2": {"name": "Ana Lima", "team": "Billing"}})
    site.write("names.csv", "Timestamp,from,to,message\n"
               "11/20/2026 09:00:00,Ben Okafor,Ana Lima,Thanks for the handover.\n"
               "11/21/2026 09:00:00,Ana Lima,Cleo Park,Thanks for the refunds.\n"
               "11/22/2026 09:00:00,ana-lima-2,Cleo Park,Thanks again.\n")
    before = set(entry_files(site))
    result = site.kudos("import", "names.csv")
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        "names.csv:2: 'Ana Lima' in 'to' is the name of 2 people: ana-lima, ana-lima-2 - write the id instead, in the form or in this cell",
        "names.csv:3: 'Ana Lima' in 'from' is the name of 2 people: ana-lima, ana-lima-2 - write the id instead, in the form or in this cell",
    ]
    assert [p.name for p in sorted(set(entry_files(site)) - before)] == ["2026-11-22-ana-lima-2-to-cleo-park.yml"]


def test_kudos_new_asks_again_for_a_name_two_people_share(site: Site) -> None:
    site.people({**PEOPLE, "ana-lima-2": {"name": "Ana Lima", "team": "Billing"}})
    answers = "Ana Lima\nana-lima-2\nben-okafor\n\n\nThanks.\n\n2026-11-23\nn\n"
    result = site.kudos("new", "-i", input=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "'Ana Lima' is the name of 2 people: ana-lima, ana-lima-2 - type the id" in result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("kudos/2026/11/2026-11-23-ana-lima-2-to-ben-okafor.yml")
