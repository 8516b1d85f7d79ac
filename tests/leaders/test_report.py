"""`kudos report`: checked against counts made by hand on the fixture company (see conftest)."""

from __future__ import annotations

import csv
import io
import json
import re

from conftest import AS_OF
from sites import Site


def report(site: Site, *args: str) -> str:
    result = site.kudos("report", "--as-of", AS_OF, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def rows(payload: dict, section: str) -> list[dict]:
    return payload["sections"][section]["rows"]


def test_json_report_matches_hand_counts(leaders_site: Site) -> None:
    payload = json.loads(report(leaders_site, "--format", "json", "--leader", "rosa-delgado"))
    assert payload["start"] == "2026-09-27" and payload["as_of"] == AS_OF
    # Support received: ana-to-ben, secret-santa (ana), rosa-welcome (ana); Billing: customer-to-cleo,
    # from-zed (dev), rosa-welcome (eve), rosa-to-cleo, dev-to-eve. Given by name only (anonymous and
    # opted-out givers count for no team).
    assert {r["name"]: (r["received"], r["given"]) for r in rows(payload, "teams")} == {
        "Billing": (5, 1), "Support": (3, 3),
    }
    assert {r["principle"]: r["stories"] for r in rows(payload, "principles")} == {
        "patience": 2, "little-wows": 1, "thank-out-loud": 1,
    }
    assert {r["person"]: (r["thanked"], r["thanked_by"]) for r in rows(payload, "breadth")} == {
        "ana-lima": (1, 1), "ben-okafor": (0, 1), "cleo-park": (0, 1), "dev-iyer": (1, 0),
        "eve-stone": (0, 2), "rosa-delgado": (3, 0),
    }
    assert [r["person"] for r in rows(payload, "not_thanked")] == ["rosa-delgado"]
    assert [(r["person"], r["welcome_due"]) for r in rows(payload, "new_hires")] == [("ben-okafor", "2026-10-22")]
    # Cleo gave in August and not since; Olga did too but has left.
    assert [(r["person"], r["last_gave"]) for r in rows(payload, "quiet_givers")] == [("cleo-park", "2026-08-01")]
    # Rosa thanked Ana and Cleo this quarter (from 2026-10-01), not Ben; Zed opted out, Olga left.
    assert [r["person"] for r in rows(payload, "leader")] == ["ben-okafor"]
    assert "1 person opted out is not listed" in payload["sections"]["leader"]["note"]
    assert payload["opted_out"] == 1
    assert "1 person opted out is not listed." in payload["notes"]


def test_left_and_opted_out_people_are_in_no_list(leaders_site: Site) -> None:
    for style in ("table", "csv", "json", "markdown"):
        text = report(leaders_site, "--format", style, "--leader", "rosa-delgado")
        for hidden in ("zed-private", "Zephyrine", "Quillfeather", "olga-gone", "Olga"):
            assert hidden not in text, (style, hidden)
        assert "@acme.test" not in text


def test_team_narrows_by_slug_or_name(leaders_site: Site) -> None:
    for team in ("billing", "Billing"):
        payload = json.loads(report(leaders_site, "--format", "json", "--team", team))
        assert payload["team"] == "Billing"
        assert [r["name"] for r in rows(payload, "teams")] == ["Billing"]
        assert [r["person"] for r in rows(payload, "breadth")] == ["cleo-park", "dev-iyer", "eve-stone"]
        assert payload["opted_out"] == 1
    bad = leaders_site.kudos("report", "--as-of", AS_OF, "--team", "billng")
    assert bad.returncode != 0 and "unknown team 'billng'" in bad.stderr


def test_a_shorter_window_changes_the_gaps(leaders_site: Site) -> None:
    payload = json.loads(report(leaders_site, "--format", "json", "--days", "10"))  # 2026-11-16 ..
    assert payload["start"] == "2026-11-16"
    assert [r["person"] for r in rows(payload, "not_thanked")] == ["ana-lima", "dev-iyer", "eve-stone", "rosa-delgado"]
    assert {r["person"] for r in rows(payload, "quiet_givers")} == {"cleo-park", "dev-iyer", "rosa-delgado"}


def test_csv_parses_back_to_the_same_numbers(leaders_site: Site) -> None:
    parsed = list(csv.DictReader(io.StringIO(report(leaders_site, "--format", "csv"))))
    values = {(r["section"], r["id"], r["metric"]): r["value"] for r in parsed}
    assert values[("teams", "billing", "received")] == "5"
    assert values[("breadth", "rosa-delgado", "thanked")] == "3"
    assert values[("breadth", "eve-stone", "thanked_by")] == "2"
    assert values[("new_hires", "ben-okafor", "joined")] == "2026-10-01"
    assert values[("summary", "", "opted_out")] == "1"


def test_markdown_and_table_hold_the_same_rows(leaders_site: Site) -> None:
    markdown = report(leaders_site, "--format", "markdown", "--leader", "rosa-delgado")
    tables = re.findall(r"^## (.+)\n\n(?:_.*_\n\n)?((?:\|.*\|\n)+)", markdown, re.MULTILINE)
    by_title = {title: [[c.strip() for c in line.strip("|").split("|")] for line in body.splitlines()]
                for title, body in tables}
    breadth = by_title["Breadth"]
    assert breadth[0] == ["person", "name", "team", "thanked", "thanked_by"]
    assert ["rosa-delgado", "Rosa Delgado", "Support", "3", "0"] in breadth[2:]
    assert by_title["Not yet thanked by Rosa Delgado this quarter"][2][0] == "ben-okafor"
    table = report(leaders_site)
    assert "Private: do not publish." in table
    line = next(x for x in table.splitlines() if x.strip().startswith("eve-stone") and "Billing" in x)
    assert line.split()[-2:] == ["0", "2"]


def test_names_cannot_become_formulas_or_markup(leaders_site: Site) -> None:
    people = json.loads(json.dumps(__import__("conftest").PEOPLE))
    people["dev-iyer"]["name"] = "=HYPERLINK(\"http://x\")|<b>"
    leaders_site.people(people)
    text = report(leaders_site, "--format", "csv")
    assert "'=HYPERLINK" in text
    markdown = report(leaders_site, "--format", "markdown")
    assert "<b>" not in markdown and "\\<b\\>" in markdown


def test_the_built_site_holds_no_report(leaders_site: Site) -> None:
    built = leaders_site.build()
    assert built.ok, built.log
    for path, text in built.text_files().items():
        for phrase in ("gone quiet", "Not thanked in", "not welcomed", "thanked_by", "this quarter",
                       "Private: do not publish", "opted out are not listed"):
            assert phrase not in text, (path, phrase)
