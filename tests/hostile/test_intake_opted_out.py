"""Nothing the intake answers tells who opted out, and an identity header is read once or not at all.

The class, as an attacker with the access code tries it: every request gets
the very answer it would get from a company where the opted-out person
does not exist at all. Two inboxes run side by side, one with them in
people.yml (wall: false) and one without, and must answer alike.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from intake.chatkit import SLACK_IDS, chat_inbox  # noqa: F401 - the fixture is used by name
from intake.conftest import TOKEN, Inbox, start_inbox  # noqa: F401 - the fixture is used by name
from sites import PEOPLE, Site, make_site

ENTRY = {"date": "2026-11-24", "from": "ana-lima", "to": ["ben-okafor"], "message": "Thanks for the cover."}
# Each tells who opted out if answered differently from an unknown id or a stranger's name.
PROBES: dict[str, dict[str, Any]] = {
    "to their id": {**ENTRY, "to": ["zed-private"]},
    "to their id and a colleague": {**ENTRY, "to": ["zed-private", "ben-okafor"]},
    "to their id, mistyped": {**ENTRY, "to": ["zed-privat"]},
    "from their id": {**ENTRY, "from": "zed-private"},
    "their name in the message": {**ENTRY, "message": "Zephyrine Quillfeather showed me how, thanks Ben."},
    "their name in the title": {**ENTRY, "title": "With Zephyrine Quillfeather"},
    "an idea by them": {"idea": "Bring the team breakfast", "by": "zed-private"},
    "an idea naming them": {"idea": "Ask Zephyrine Quillfeather for her soup recipe", "by": "ana-lima"},
}


def _comparable(body: Any) -> Any:
    """An answer without what differs on every request anyway: the new inbox id."""
    return {k: v for k, v in body.items() if k != "id"} if isinstance(body, dict) else body


@pytest.fixture
def inboxes(tmp_path: Path, start_inbox: Callable[..., Inbox]) -> tuple[Inbox, Inbox]:  # noqa: F811
    with_them = make_site(tmp_path / "with")
    without = make_site(tmp_path / "without")
    without.people({pid: p for pid, p in PEOPLE.items() if pid != "zed-private"})
    for site in (with_them, without):
        for rel in ("2026/10/from-zed.yml", "2026/10/to-zed.yml"):
            (site.root / "kudos" / rel).unlink()
    return (start_inbox(with_them, "--rate", "1000/second"), start_inbox(without, "--rate", "1000/second"))


@pytest.mark.parametrize("probe", sorted(PROBES))
def test_every_answer_is_what_a_company_without_them_would_give(inboxes: tuple[Inbox, Inbox], probe: str) -> None:
    with_them, without = inboxes
    a, b = with_them.post(PROBES[probe]), without.post(PROBES[probe])
    assert (a.status, _comparable(a.body)) == (b.status, _comparable(b.body))
    assert "Quillfeather" not in json.dumps(a.body) and "wall" not in json.dumps(a.body)


def test_an_opted_out_recipient_is_refused_exactly_as_an_unknown_one(inboxes: tuple[Inbox, Inbox]) -> None:
    answer = inboxes[0].post({**ENTRY, "to": ["zed-private"]})
    assert answer.status == 422
    assert [p["message"] for p in answer.body["problems"]] == ["unknown person 'zed-private' in 'to'"]


def test_a_message_naming_them_waits_for_the_moderator_who_sees_why(inboxes: tuple[Inbox, Inbox]) -> None:
    inbox = inboxes[0]
    answer = inbox.post(PROBES["their name in the message"])
    assert answer.status == 201 and answer.body["status"] == "pending"
    listed = inbox.site.kudos("inbox", "list")
    assert f"{answer.body['id']}  needs fixing before it can be approved" in listed.stdout
    assert "'message' names someone who is not on the wall" in listed.stdout
    approved = inbox.site.kudos("inbox", "approve", answer.body["id"])
    assert approved.returncode == 1 and "kept in the inbox" in approved.stderr
    assert len(inbox.inbox_files()) == 1


def _raw_post(port: int, headers: list[tuple[str, str]]) -> tuple[int, bytes]:
    """A request with repeated headers, which http.client cannot send."""
    body = json.dumps(ENTRY).encode()
    lines = ["POST /api/kudos HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json",
             f"Content-Length: {len(body)}", "Connection: close", *(f"{k}: {v}" for k, v in headers)]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    status = int(answer.split(b" ", 2)[1])
    return status, answer.partition(b"\r\n\r\n")[2]


def test_an_identity_header_sent_twice_is_refused(site: Site, start_inbox: Callable[..., Inbox]) -> None:  # noqa: F811
    people: dict[str, Any] = {pid: dict(p) for pid, p in PEOPLE.items()}
    people["ana-lima"]["login"] = "ana@acme.test"
    people["ben-okafor"]["login"] = "ben@acme.test"
    site.people(people)
    inbox = start_inbox(site, "--trusted-header", "X-Forwarded-User")
    # The client's own header first, then the proxy's.
    status, body = _raw_post(inbox.port, [("X-Forwarded-User", "ben@acme.test"), ("X-Forwarded-User", "ana@acme.test")])
    assert status == 400 and b"X-Forwarded-User header is sent more than once" in body.replace(b"x-forwarded-user", b"X-Forwarded-User")
    status, body = _raw_post(inbox.port, [("Authorization", f"Bearer {TOKEN}"), ("Authorization", "Bearer other")])
    assert status == 400 and b"sent more than once" in body
    assert inbox.inbox_files() == []
    status, _ = _raw_post(inbox.port, [("X-Forwarded-User", "ana@acme.test")])
    assert status == 201


def test_from_chat_a_message_naming_them_is_answered_as_a_strangers_name(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    ben = SLACK_IDS["ben-okafor"]
    theirs = inbox.slack(f"<@{ben}> thanks, Zephyrine Quillfeather says hello", trigger="1.1.theirs")
    stranger = inbox.slack(f"<@{ben}> thanks, Wilhelmina Stonebridge says hello", trigger="1.1.stranger")
    assert theirs.status == stranger.status == 200
    # The same reply, but for the words the sender typed themselves.
    assert json.dumps(theirs.body) == json.dumps(stranger.body).replace("Wilhelmina Stonebridge", "Zephyrine Quillfeather")
    assert len(inbox.inbox_files()) == 2  # both wait for the moderator, who is told why one cannot go on
    listed = inbox.site.kudos("inbox", "list")
    assert listed.stdout.count("needs fixing before it can be approved") == 1
    assert "'message' names someone who is not on the wall" in listed.stdout
