"""`kudos check`: the build's problems as text, or as GitHub Actions annotations."""

from __future__ import annotations

import json

from sites import Site


def test_check_passes_a_clean_site(site: Site) -> None:
    result = site.kudos("check")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith("OK: 4 published entries, 5 people, 3 principles")


def test_check_prints_every_problem_as_path_line_message_hint(site: Site) -> None:
    site.entry("2026/11/typo.yml", date="2026-11-20", giver="ana-lima", to=["ben-okafr"], message="Thanks")
    site.write("kudos/2026/11/broken.yml", "date: 2026-11-20\nfrom: ana-lima\nto: [ben-okafor\n")
    result = site.kudos("check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "kudos/2026/11/typo.yml:3: unknown person 'ben-okafr' in 'to' - did you mean 'ben-okafor'?" in lines
    assert any(line.startswith("kudos/2026/11/broken.yml:") and "YAML syntax error" in line for line in lines)
    assert "2 problem(s) in 2 file(s)" in result.stderr


def test_github_format_prints_annotations_github_shows_inline(site: Site) -> None:
    site.entry("2026/11/typo, with comma.yml", date="2026-11-20", giver="ana-lima", to=["ben-okafr"], message="Thanks")
    people = (site.root / "kudos/people.yml").read_text(encoding="utf-8")
    site.write("kudos/people.yml", people + "ana-lima:\n  name: Ana again\n")
    duplicate_line = people.count("\n") + 1
    result = site.kudos("check", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    # Property values escape ',' and ':' so the annotation lands on the right file.
    assert (
        "::error file=kudos/2026/11/typo%2C with comma.yml,line=3::unknown person 'ben-okafr' in 'to'"
        " - did you mean 'ben-okafor'?"
    ) in lines
    assert any(line.startswith(f"::error file=kudos/people.yml,line={duplicate_line}::duplicate key 'ana-lima'") for line in lines)
    assert all(line.startswith("::error ") for line in lines)


def test_github_format_escapes_newlines_and_percent_in_messages(site: Site) -> None:
    site.write("kudos/2026/11/odd.yml", "date: 2026-11-20\nfrom: ana-lima\nto: ben-okafor\nmessage: ok\n100%: x\n")
    result = site.kudos("check", "--format", "github")
    assert result.returncode == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith("::error file=kudos/2026/11/odd.yml,line=5::unknown field '100%25' in an entry")
    assert "\n" not in line


def test_gitlab_format_writes_a_code_quality_report(site: Site) -> None:
    site.entry("2026/11/typo.yml", date="2026-11-20", giver="ana-lima", to=["ben-okafr"], message="Thanks")
    result = site.kudos("check", "--format", "gitlab")
    assert result.returncode == 1
    (issue,) = json.loads(result.stdout)
    assert issue["description"] == "unknown person 'ben-okafr' in 'to' - did you mean 'ben-okafor'?"
    assert issue["location"] == {"path": "kudos/2026/11/typo.yml", "lines": {"begin": 3}}
    assert issue["severity"] == "major" and len(issue["fingerprint"]) == 64
    site.write("kudos/2026/11/typo.yml", "date: 2026-11-20\nfrom: ana-lima\nto: ben-okafor\nmessage: ok\n")
    clean = site.kudos("check", "--format", "gitlab")
    assert clean.returncode == 0 and json.loads(clean.stdout) == []
