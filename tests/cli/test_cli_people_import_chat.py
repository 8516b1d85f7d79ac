"""`kudos people import-chat`: chat accounts for everyone from an export, people.yml edited as its editors wrote it."""

from __future__ import annotations

from pathlib import Path

from sites import Site

PEOPLE = """\
# Staff of Acme: ids as in HR, one person a block.
ana-lima:
  name: Ana Lima   # support lead
  email: Ana.Lima@acme.test
ben-okafor:
  name: Ben Okafor
  email: ben@acme.test  # his preferred address
  slack: U0OLDOLD1   # the old workspace

cleo-park: {name: Cleo Park, email: cleo@acme.test}
dev-iyer:
  name: Dev Iyer
zed-private:
    name: Zephyrine Quillfeather
    wall: false
    email: "zed@acme.test"
"""

SLACK_EXPORT = """\
username,email,status,billing-active,has-2fa,has-sso,userid,fullname,displayname,expiration-timestamp
ana,ana.lima@acme.test,Member,1,1,0,U024BE7LH,Ana Lima,ana,
ben,BEN@acme.test,Admin,1,1,0,U0G9QF9C6,Ben Okafor,ben,
cleo,cleo@acme.test,Member,1,0,0,W0CLEOPARK,Cleo Park,cleo,
old,old@acme.test,Deactivated,0,0,0,U0GONE0001,Old Timer,old,
kudosbot,,Bot,0,0,0,U0BOT00001,Kudos,kudos,
pat,pat@acme.test,Member,1,0,0,U0PATDOE01,Pat Doe,pat,
zed,zed@acme.test,Member,1,1,0,U0ZEDPRIV9,Zephyrine Q,zed,
"""

ENTRA_EXPORT = (
    "\ufeffuserPrincipalName,displayName,surname,mail,givenName,objectId,userType,jobTitle,department,accountEnabled\r\n"
    "ana.lima@acme.test,Ana Lima,Lima,Ana.Lima@acme.test,Ana,6F1C2A9E-0B7D-4C55-9A3E-2D8B1F0C7E41,Member,Support lead,Support,True\r\n"
    "ben@acme.test,Ben Okafor,Okafor,,Ben,0c8e7d10-91f2-4a7b-8d2e-5f0a3b9c1e77,Member,,Support,True\r\n"
    "zed@acme.test,Zephyrine Q,Q,zed@acme.test,Zephyrine,a3d9c2b1-7e44-4f0a-9c61-0b2e8f7d5a19,Member,,Billing,False\r\n"
)


def company(site: Site) -> Path:
    site.write("kudos/people.yml", PEOPLE)
    return site.root / "kudos/people.yml"


def test_slack_ids_are_written_under_each_email_keeping_comments_and_order(site: Site) -> None:
    people = company(site)
    site.write("slack-members.csv", SLACK_EXPORT)
    result = site.kudos("people", "import-chat", "slack-members.csv")
    assert result.returncode == 0, result.stderr
    assert people.read_text(encoding="utf-8") == PEOPLE.replace(
        "  email: Ana.Lima@acme.test\n", "  email: Ana.Lima@acme.test\n  slack: U024BE7LH\n",
    ).replace(
        "  slack: U0OLDOLD1   # the old workspace\n", "  slack: U0G9QF9C6   # the old workspace\n",
    ).replace(
        '    email: "zed@acme.test"\n', '    email: "zed@acme.test"\n    slack: U0ZEDPRIV9\n',
    )
    assert result.stdout == (
        "kudos/people.yml: wrote 'slack:' for 3 people; 0 already had it.\n"
        "Not matched:\n"
        "  people with no 'email:' (1):\n    dev-iyer\n"
        "  export rows whose email is nobody's in people.yml (1):\n    pat@acme.test\n"
        "  export rows left out (2):\n    row 5: deactivated account\n    row 6: bot account\n"
        "  people to edit by hand (their record is not one field a line): add 'slack:' (1):\n    cleo-park\n"
    )
    assert site.kudos("check").returncode == 0
    again = site.kudos("people", "import-chat", "slack-members.csv")
    assert "wrote 'slack:' for 0 people; 3 already had it." in again.stdout
    assert "U0G9QF9C6" in people.read_text(encoding="utf-8")


def test_entra_object_ids_are_written_as_teams_and_disabled_accounts_left_out(site: Site) -> None:
    people = company(site)
    site.write("users.csv", ENTRA_EXPORT)
    result = site.kudos("people", "import-chat", "users.csv")
    assert result.returncode == 0, result.stderr
    text = people.read_text(encoding="utf-8")
    assert "  email: Ana.Lima@acme.test\n  teams: 6f1c2a9e-0b7d-4c55-9a3e-2d8b1f0c7e41\n" in text
    assert "  email: ben@acme.test  # his preferred address\n  teams: 0c8e7d10-91f2-4a7b-8d2e-5f0a3b9c1e77\n" in text
    assert "a3d9c2b1" not in text
    assert "row 4: account disabled" in result.stdout
    assert "zed-private" in result.stdout.split("people whose email is not in the export")[1]


def test_a_dry_run_reports_and_writes_nothing(site: Site) -> None:
    people = company(site)
    site.write("slack-members.csv", SLACK_EXPORT)
    result = site.kudos("people", "import-chat", "--dry-run", "slack-members.csv")
    assert result.returncode == 0 and "would write 'slack:' for 3 people" in result.stdout
    assert people.read_text(encoding="utf-8") == PEOPLE


def test_a_file_that_is_no_known_export_is_refused_with_what_to_do(site: Site) -> None:
    people = company(site)
    site.write("other.csv", "name,address\nAna,ana@acme.test\n")
    result = site.kudos("people", "import-chat", "other.csv")
    assert result.returncode == 1
    assert "other.csv: the first row names neither Slack's member export" in result.stderr
    assert people.read_text(encoding="utf-8") == PEOPLE


def test_windows_line_endings_are_kept(site: Site) -> None:
    people = site.root / "kudos/people.yml"
    people.write_bytes(PEOPLE.replace("\n", "\r\n").encode("utf-8"))
    site.write("slack-members.csv", SLACK_EXPORT)
    assert site.kudos("people", "import-chat", "slack-members.csv").returncode == 0
    data = people.read_bytes()
    assert b"  email: Ana.Lima@acme.test\r\n  slack: U024BE7LH\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n")
