"""`kudos inbox serve` over real HTTP: authentication, limits, validation, storage."""

from __future__ import annotations

import concurrent.futures
import http.client
import json
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from kudoswall.core.data.yamlfile import read

if TYPE_CHECKING:  # two conftest modules exist; only the type is needed here
    from conftest import Inbox
from sites import Site, env

GOOD = {
    "date": "2026-11-24",
    "from": "ana-lima",
    "to": ["ben-okafor"],
    "principles": ["patience"],
    "title": "A calm handover",
    "message": "Ben walked me through the *whole* queue.",
}


@pytest.fixture
def inbox(site: Site, start_inbox: Callable[..., Inbox]) -> Inbox:
    return start_inbox(site, "--rate", "1000/second", "--allow-origin", "https://handbook.example.com")


def texts(answer: Any) -> list[str]:
    return [p["text"] for p in answer.body["problems"]]


def test_health_check_answers_without_a_token(inbox: Inbox) -> None:
    answer = inbox.request("GET", "/healthz", token=None)
    assert answer.status == 200 and answer.body["status"] == "ok"


def test_no_token_and_a_wrong_token_are_refused(inbox: Inbox) -> None:
    missing = inbox.post(GOOD, token=None)
    assert missing.status == 401
    assert missing.headers["www-authenticate"].startswith("Bearer")
    wrong = inbox.post(GOOD, token="test-token-" + "y" * 24)
    assert wrong.status == 401
    basic = inbox.post(GOOD, token=None, headers={"Authorization": "Basic dGVzdDp0ZXN0"})
    assert basic.status == 401
    assert inbox.inbox_files() == []


def test_a_good_entry_is_stored_as_its_own_valid_file(inbox: Inbox) -> None:
    answer = inbox.post(GOOD)
    assert answer.status == 201, answer.body
    entry_id = answer.body["id"]
    (path,) = inbox.inbox_files()
    assert path.name == f"{entry_id}.yml"
    _document, issues = read(str(path))
    assert not issues
    assert {**yaml.safe_load(path.read_text(encoding="utf-8")), "date": "2026-11-24"} == GOOD
    listed = inbox.site.kudos("inbox", "list")
    assert listed.returncode == 0
    assert f"{entry_id}  2026-11-24  ana-lima -> ben-okafor  A calm handover" in listed.stdout
    # Pending entries are not entries yet: the site and `kudos check` ignore them.
    assert "OK: 4 published entries" in inbox.site.kudos("check").stderr


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"to": ["ben-okafr"]}, "unknown person 'ben-okafr' in 'to' - did you mean 'ben-okafor'?"),
        ({"from": "ana-lma"}, "unknown person 'ana-lma' in 'from' - did you mean 'ana-lima'?"),
        ({"principles": ["patiense"]}, "unknown principle 'patiense' - did you mean 'patience'?"),
        ({"message": None}, "missing required field 'message' - add 'message: ...'"),
        ({"message": "  "}, "'message' is empty - write the message"),
        ({"message": "x" * 2001}, "'message' is 2001 characters long; the limit is 2000 - shorten it"),
        ({"title": "t" * 121}, "'title' is 121 characters long; the limit is 120 - shorten it"),
        ({"date": "2026-12-24"}, "'date' 2026-12-24 is in the future - use a date on or before 2026-11-25"),
        ({"date": "2026-02-30"}, "'date' 2026-02-30 is not a real date (day is out of range for month) - fix the day or month"),
        ({"to": ["ana-lima"]}, "'ana-lima' gives kudos to themselves - thank someone else"),
        ({"to": 7}, "'to' must hold ids (text), found a number - write ids like ana-lima"),
        ({"anonymous": "yes"}, "'anonymous' must be true or false - write anonymous: true"),
        ({"mesage": "typo"}, "unknown field 'mesage' in an entry - did you mean 'message'?"),
        ({"to": ["cleo-park"] * 51}, "'to' lists more than 50 items - send fewer"),
        ({"to": [{"id": "ben-okafor"}]}, "'to' is nested too deeply - send ids as text"),
    ],
)
def test_each_kind_of_bad_entry_gets_422_with_the_builds_reasons(
    inbox: Inbox, change: dict[str, Any], expected: str
) -> None:
    entry = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    answer = inbox.post(entry)
    assert answer.status == 422, answer.body
    assert expected in texts(answer)
    assert inbox.inbox_files() == []


def test_an_entry_that_is_not_an_object_or_has_too_many_fields_is_refused(inbox: Inbox) -> None:
    assert inbox.post([GOOD]).status == 422
    crowded = inbox.post({**GOOD, **{f"x{i}": 1 for i in range(30)}})
    assert crowded.status == 422 and "at most 20 fields" in texts(crowded)[0]


def test_malformed_json_and_other_media_types_are_refused(inbox: Inbox) -> None:
    broken = inbox.post(b'{"date": "2026-11-24", "from": ', headers={"Content-Type": "application/json"})
    assert broken.status == 400 and broken.body["error"] == "malformed JSON"
    not_utf8 = inbox.post(b'{"message": "\xff"}', headers={"Content-Type": "application/json"})
    assert not_utf8.status == 400
    form = inbox.post(b"date=2026-11-24", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert form.status == 415
    assert inbox.inbox_files() == []


def test_a_huge_body_is_refused_with_413_whether_its_length_is_told_or_not(inbox: Inbox) -> None:
    huge = json.dumps({**GOOD, "message": "x" * 200_000}).encode()
    told = inbox.post(huge, headers={"Content-Type": "application/json"})
    assert told.status == 413
    streamed = inbox.post(
        iter([huge[i:i + 8192] for i in range(0, len(huge), 8192)]),
        headers={"Content-Type": "application/json"}, chunked=True,
    )
    assert streamed.status == 413
    assert inbox.inbox_files() == []
    assert inbox.post(GOOD).status == 201  # and the server is fine afterwards


def test_browser_requests_must_come_from_the_site(inbox: Inbox) -> None:
    site_origin = {"Origin": "https://handbook.example.com"}
    preflight = inbox.request(
        "OPTIONS", "/api/kudos", token=None,
        headers={**site_origin, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization, content-type"},
    )
    assert preflight.status == 204
    assert preflight.headers["access-control-allow-origin"] == "https://handbook.example.com"
    assert "Authorization" in preflight.headers["access-control-allow-headers"]
    allowed = inbox.post(GOOD, headers=site_origin)
    assert allowed.status == 201
    assert allowed.headers["access-control-allow-origin"] == "https://handbook.example.com"
    foreign = {"Origin": "https://evil.example"}
    assert inbox.request("OPTIONS", "/api/kudos", token=None, headers=foreign).status == 403
    refused = inbox.post(GOOD, headers=foreign)
    assert refused.status == 403 and "access-control-allow-origin" not in refused.headers
    assert len(inbox.inbox_files()) == 1


def test_too_many_requests_from_one_client_get_429(site: Site, start_inbox: Callable[..., Inbox]) -> None:
    inbox = start_inbox(site, "--rate", "3/minute")
    statuses = [inbox.post({**GOOD, "message": f"Thanks #{i}"}).status for i in range(5)]
    assert statuses == [201, 201, 201, 429, 429]
    limited = inbox.post(GOOD)
    assert limited.status == 429 and int(limited.headers["retry-after"]) >= 1
    assert len(inbox.inbox_files()) == 3


def test_an_sso_proxys_trusted_header_replaces_the_token(site: Site, start_inbox: Callable[..., Inbox]) -> None:
    people = yaml.safe_load((site.root / "kudos/people.yml").read_text(encoding="utf-8"))
    people["ana-lima"]["login"] = "Ana@Example.com"
    site.people(people)
    inbox = start_inbox(site, "--trusted-header", "X-Forwarded-User", "--trusted-proxy", "127.0.0.1")
    signed_in = inbox.post(GOOD, token=None, headers={"X-Forwarded-User": "ana@example.com"})
    assert signed_in.status == 201, signed_in.body
    (path,) = inbox.inbox_files()
    assert "from ana@example.com" in path.read_text(encoding="utf-8").splitlines()[0]
    assert inbox.post(GOOD, token=None).status == 401


def test_two_hundred_concurrent_submissions_are_all_stored_exactly_once(inbox: Inbox) -> None:
    def submit(number: int) -> tuple[int, str]:
        answer = inbox.post({**GOOD, "message": f"Concurrent thank-you number {number}."})
        return answer.status, answer.body.get("id", "")

    with concurrent.futures.ThreadPoolExecutor(max_workers=200) as pool:
        results = list(pool.map(submit, range(200)))
    assert [status for status, _ in results] == [201] * 200
    ids = [entry_id for _, entry_id in results]
    assert len(set(ids)) == 200
    files = inbox.inbox_files()
    assert sorted(p.stem for p in files) == sorted(ids)
    messages = sorted(yaml.safe_load(p.read_text(encoding="utf-8"))["message"] for p in files)
    assert messages == sorted(f"Concurrent thank-you number {n}." for n in range(200))
    leftovers = [p.name for p in (inbox.site.root / "kudos/_inbox").iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_a_killed_server_leaves_no_half_written_entry(site: Site, start_inbox: Callable[..., Inbox]) -> None:
    inbox = start_inbox(site, "--rate", "1000/second")

    def submit(number: int) -> int:
        try:
            return inbox.post({**GOOD, "message": f"Thanks {number} " + "words " * 300}).status
        except (OSError, http.client.HTTPException):  # cut off mid-answer by the kill
            return 0

    with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
        futures = [pool.submit(submit, n) for n in range(400)]
        while sum(f.done() for f in futures) < 50:
            pass
        inbox.stop(signal.SIGKILL)
    accepted = sum(f.result() == 201 for f in futures)
    files = inbox.inbox_files()
    assert len(files) >= accepted > 0
    for path in files:  # every file that has a name is whole and valid
        document, issues = read(str(path))
        assert not issues and document["message"].startswith("Thanks "), path.read_text()
    listed = site.kudos("inbox", "list")
    assert "needs fixing" not in listed.stdout


def test_pending_entries_survive_a_restart_and_approval_publishes_them(
    site: Site, start_inbox: Callable[..., Inbox]
) -> None:
    first = start_inbox(site)
    ids = [first.post({**GOOD, "message": f"Before the restart {n}."}).body["id"] for n in range(3)]
    first.stop()
    second = start_inbox(site)
    ids.append(second.post({**GOOD, "to": ["cleo-park"], "message": "After the restart."}).body["id"])
    assert sorted(p.stem for p in second.inbox_files()) == sorted(ids)
    listed = site.kudos("inbox", "list")
    assert all(entry_id in listed.stdout for entry_id in ids)

    rejected = site.kudos("inbox", "reject", ids[0], "--reason", "posted twice")
    assert rejected.returncode == 0, rejected.stderr
    kept = site.root / f"kudos/_inbox/_rejected/{ids[0]}.yml"
    assert kept.read_text(encoding="utf-8").startswith("# rejected ")
    assert "posted twice" in kept.read_text(encoding="utf-8").splitlines()[0]

    approved = site.kudos("inbox", "approve", "--all")
    assert approved.returncode == 0, approved.stderr
    assert len(approved.stdout.splitlines()) == 3
    assert second.inbox_files() == []
    assert site.kudos("inbox", "approve", ids[1]).returncode == 1  # already moved
    built = site.build()
    assert built.ok, built.log
    archive = built.page("kudos/2026/11/")
    for text in ("Before the restart 1.", "Before the restart 2.", "After the restart."):
        assert text in archive
    assert "Before the restart 0." not in archive
    names = sorted(p.name for p in (site.root / "kudos/2026/11").glob("2026-11-24-*.yml"))
    assert names == [
        "2026-11-24-ana-lima-to-ben-okafor-2.yml",
        "2026-11-24-ana-lima-to-ben-okafor.yml",
        "2026-11-24-ana-lima-to-cleo-park.yml",
    ]


def test_approval_validates_again_and_keeps_what_became_invalid(
    site: Site, inbox: Inbox
) -> None:
    entry_id = inbox.post({**GOOD, "to": ["cleo-park"]}).body["id"]
    people = (site.root / "kudos/people.yml").read_text(encoding="utf-8")
    site.write("kudos/people.yml", people.replace("cleo-park:", "cleo-parker:"))
    refused = site.kudos("inbox", "approve", entry_id)
    assert refused.returncode == 1
    assert f"kudos/_inbox/{entry_id}.yml:" in refused.stderr
    assert "unknown person 'cleo-park' in 'to' - did you mean 'cleo-parker'?" in refused.stderr
    assert [p.stem for p in inbox.inbox_files()] == [entry_id]


def test_the_sites_own_address_is_allowed_by_default(site: Site, start_inbox: Callable[..., Inbox]) -> None:
    site.extra_config["site_url"] = "https://Handbook.example.com/handbook/"
    inbox = start_inbox(site)
    assert inbox.post(GOOD, headers={"Origin": "https://handbook.example.com"}).status == 201
    assert inbox.post(GOOD, headers={"Origin": "http://handbook.example.com"}).status == 403
    assert inbox.post(GOOD, headers={"Origin": "null"}).status == 403


def test_a_taken_port_is_refused_before_anything_is_promised(site: Site, tmp_path: Path) -> None:
    token_file = tmp_path / "tokens"
    token_file.write_text("a-token-long-enough-to-be-a-real-one\n", encoding="utf-8")
    token_file.chmod(0o600)
    site.write_config()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "kudoswall.cli", "inbox", "serve", "--port", str(port), "--token-file", str(token_file)],
            cwd=site.root, env=env(), capture_output=True, text=True, timeout=60, check=False,
        )
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "choose another --port" in result.stderr
    assert "stores entries" not in result.stderr  # no promise the service cannot keep
