"""`kudos import FILE.csv`: survey exports become entries; bad rows are named; twice adds nothing."""

from __future__ import annotations

from pathlib import Path

import yaml

from sites import Site

GOOGLE_FORMS = '''\
Timestamp,Email Address,Your id,Who are you thanking?,Which principles does it show?,Title,Message,Keep my name off the wall
11/20/2026 10:15:30,ana@example.com,ana-lima,"Ben Okafor, cleo-park",Patience says you're worth it,Great call,"Ben took the call
and followed up the next day.",No
11/21/2026 9:01:02,dev@example.com,dev-iyer,ana-lima,"patience, little-wows",,"Lunch was **great**.",Yes
11/22/2026 14:00:00,x@example.com,dev-iyr,ana-lima,,,A typo in the giver,
11/23/2026 14:00:00,x@example.com,dev-iyer,,,,Nobody to thank,
11/24/2026 14:00:00,x@example.com,cleo-park,ben-okafor,patiense,,A typo in the principle,
'''

GOOGLE_MAP = (
    "--map", "Your id=from",
    "--map", "Who are you thanking?=to",
    "--map", "Which principles does it show?=principles",
    "--map", "Keep my name off the wall=anonymous",
)

# Microsoft Forms: its own columns, two-digit years with AM/PM, ';' between choices.
MICROSOFT_FORMS = '''\
ID,Start time,Completion time,Email,Name,From,To,Principles,Message
1,11/19/26 8:58:01 AM,11/19/26 9:02:11 AM,anonymous,,cleo-park,ana-lima;Dev Iyer,little-wows;thank-out-loud,"Thanks for covering the phones."
2,11/20/26 4:40:00 PM,11/20/26 4:45:30 PM,anonymous,,customer,cleo-park,,"The caller said Cleo was wonderful."
'''


def entry_files(site: Site) -> list[Path]:
    return sorted(p for p in (site.root / "kudos").rglob("*.yml") if p.name != "people.yml")


def test_google_forms_export_imports_good_rows_and_names_bad_rows(site: Site) -> None:
    site.write("survey.csv", GOOGLE_FORMS)
    before = entry_files(site)
    result = site.kudos("import", "survey.csv", *GOOGLE_MAP)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:3] == [
        "survey.csv:4: unknown person 'dev-iyr' in 'from' - did you mean 'dev-iyer'?",
        "survey.csv:5: missing required field 'to' - add 'to: <person id>' or a list of ids",
        "survey.csv:6: unknown principle 'patiense' - did you mean 'patience'?",
    ]
    created = sorted(set(entry_files(site)) - set(before))
    assert [p.relative_to(site.root).as_posix() for p in created] == [
        "kudos/2026/11/2026-11-20-ana-lima-to-ben-okafor-cleo-park.yml",
        "kudos/2026/11/2026-11-21-to-ana-lima.yml",  # anonymous: no giver in the name
    ]
    first = yaml.safe_load(created[0].read_text(encoding="utf-8"))
    assert first["to"] == ["ben-okafor", "cleo-park"]  # a name and an id, split on the comma
    assert first["principles"] == ["patience"]  # the title chosen in the form, as its id
    assert first["message"] == "Ben took the call\nand followed up the next day."
    assert "email" not in created[0].read_text(encoding="utf-8").lower()
    second = yaml.safe_load(created[1].read_text(encoding="utf-8"))
    assert second["anonymous"] is True and second["principles"] == ["patience", "little-wows"]
    assert "imported 2 new, 0 already there, 3 refused" in result.stderr
    assert "Email Address" in result.stderr  # told which columns were left out

    again = site.kudos("import", "survey.csv", *GOOGLE_MAP)
    assert again.returncode == 1  # the bad rows are still bad ...
    assert entry_files(site) == sorted(before + created)  # ... and nothing was added
    assert "imported 0 new, 2 already there, 3 refused" in again.stderr

    check = site.kudos("check")
    assert check.returncode == 0, check.stdout


def test_microsoft_forms_export_with_fields_named_like_entries_needs_no_map(site: Site) -> None:
    site.write("forms.csv", MICROSOFT_FORMS)
    result = site.kudos("import", "forms.csv")
    assert result.returncode == 0, result.stdout + result.stderr
    created = [Path(line) for line in result.stdout.splitlines()]
    assert [p.name for p in created] == [
        "2026-11-19-cleo-park-to-ana-lima-dev-iyer.yml",
        "2026-11-20-customer-to-cleo-park.yml",
    ]
    data = yaml.safe_load((site.root / created[0]).read_text(encoding="utf-8"))
    assert data["date"].isoformat() == "2026-11-19"  # the completion time, not the start time
    assert data["to"] == ["ana-lima", "dev-iyer"] and data["principles"] == ["little-wows", "thank-out-loud"]
    again = site.kudos("import", "forms.csv")
    assert again.returncode == 0 and again.stdout == ""
    assert "imported 0 new, 2 already there, 0 refused" in again.stderr
    built = site.build()
    assert built.ok, built.log
    assert "Thanks for covering the phones." in built.page("kudos/2026/11/")


def test_a_date_format_the_forms_do_not_write_is_given_with_date_format(site: Site) -> None:
    site.write("odd.csv", "date,from,to,message\n2026 Nov 18,ana-lima,ben-okafor,Thanks for the cover.\n")
    refused = site.kudos("import", "odd.csv")
    assert refused.returncode == 1
    assert (
        "odd.csv:2: 'date' '2026 Nov 18' is not a date this import understands - give its format"
        " with --date-format"
    ) in refused.stdout
    result = site.kudos("import", "odd.csv", "--date-format", "%Y %b %d")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "kudos/2026/11/2026-11-18-ana-lima-to-ben-okafor.yml"


def test_day_first_dates_are_read_day_first_when_the_column_says_so(site: Site) -> None:
    # 24/11 cannot be month/day, so the whole column is read day/month.
    site.write("eu.csv", "Timestamp,from,to,message\n03/11/2026 10:00:00,ana-lima,ben-okafor,One\n"
               "24/11/2026 10:00:00,ana-lima,cleo-park,Two\n")
    result = site.kudos("import", "eu.csv")
    assert result.returncode == 0, result.stdout
    assert [Path(p).name for p in result.stdout.split()] == [
        "2026-11-03-ana-lima-to-ben-okafor.yml", "2026-11-24-ana-lima-to-cleo-park.yml",
    ]


def test_a_missing_column_says_how_to_map_it(site: Site) -> None:
    site.write("survey.csv", GOOGLE_FORMS)
    result = site.kudos("import", "survey.csv")
    assert result.returncode == 2
    assert "no column for 'from', 'to'" in result.stderr
    assert '--map "<column header>=from"' in result.stderr
    bad_map = site.kudos("import", "survey.csv", "--map", "Your id=form")
    assert bad_map.returncode == 2
    assert "unknown field 'form' - did you mean 'from'?" in bad_map.stderr


def test_dry_run_writes_nothing(site: Site) -> None:
    site.write("forms.csv", MICROSOFT_FORMS)
    before = entry_files(site)
    result = site.kudos("import", "forms.csv", "--dry-run")
    assert result.returncode == 0
    assert "would import 2 new" in result.stderr
    assert entry_files(site) == before
