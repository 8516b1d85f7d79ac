"""A Teams outgoing webhook: verified as Teams signs, read as Teams sends, stored once, answered helpfully."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from typing import Any

import pytest
import yaml

from intake.chatkit import (  # noqa: F401 - the fixture is used by name
    BEN_TEAMS_ID,
    CHAT_IDS,
    NOW,
    TEAMS_AAD,
    chat_inbox,
    mention,
    teams_activity,
    teams_body,
    teams_headers,
)

BEN = mention("Ben Okafor", BEN_TEAMS_ID)  # no aadObjectId: matched by his Teams user id
CLEO = mention("Cleo Park", "29:1cleoTeamsUserId000000000", TEAMS_AAD["cleo-park"])
ZED = mention("Zephyrine Quillfeather", "29:1zedTeamsUserId0000000000", TEAMS_AAD["zed-private"])
THANKS = "thanks <at>Ben Okafor</at> and <at>Cleo Park</at> for the calm handover &amp; notes #patience"


def no_chat_id(text: str) -> None:
    for ident in [*CHAT_IDS, "28:", "29:"]:
        assert ident not in text


def test_a_thank_you_to_two_people_with_a_principle_is_stored_once(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    reply = inbox.teams(THANKS, [BEN, CLEO])
    assert reply.status == 200, reply.raw
    assert reply.body["type"] == "message"
    assert "Ben Okafor and Cleo Park" in reply.text and "Patience says you" in reply.text
    assert "Kudos" not in reply.text.replace("kudos", "")  # the webhook's own mention is no recipient
    no_chat_id(reply.text)
    [stored] = inbox.inbox_files()
    text = stored.read_text(encoding="utf-8")
    assert yaml.safe_load(text) == {
        "date": dt.date(2026, 11, 25), "from": "ana-lima", "to": ["ben-okafor", "cleo-park"],
        "principles": ["patience"], "message": "thanks Ben Okafor and Cleo Park for the calm handover & notes",
    }
    no_chat_id(text)
    listed = inbox.site.kudos("inbox", "list")
    assert "[from Microsoft Teams]" in listed.stdout
    no_chat_id(listed.stdout + listed.stderr)


def test_the_same_activity_twice_is_stored_once(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    body = teams_body(teams_activity(THANKS, [BEN, CLEO], activity_id="1700000000001"))
    first = inbox.post("/api/teams", body, teams_headers(body))
    inbox.clock.now += 120
    again = inbox.post("/api/teams", body, teams_headers(body))
    assert first.status == again.status == 200 and first.body == again.body
    assert len(inbox.inbox_files()) == 1
    other = inbox.teams(THANKS, [BEN, CLEO], activity_id="1700000000002")
    assert other.status == 200 and len(inbox.inbox_files()) == 2


def test_a_captured_activity_sent_after_five_minutes_is_refused(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    body = teams_body(teams_activity(THANKS, [BEN, CLEO], when=NOW - 301))
    reply = inbox.post("/api/teams", body, teams_headers(body))
    assert reply.status == 401
    assert inbox.inbox_files() == []


def _forged(body: bytes) -> tuple[bytes, dict[str, str]]:
    return body, {**teams_headers(body), "Authorization": "HMAC " + base64.b64encode(b"\0" * 32).decode()}


def _missing(body: bytes) -> tuple[bytes, dict[str, str]]:
    return body, {"Content-Type": "application/json"}


def _bearer(body: bytes) -> tuple[bytes, dict[str, str]]:
    return body, {**teams_headers(body), "Authorization": "Bearer " + teams_headers(body)["Authorization"][5:]}


def _changed(body: bytes) -> tuple[bytes, dict[str, str]]:
    return body.replace(b"calm", b"cold"), teams_headers(body)


def _other_token(body: bytes) -> tuple[bytes, dict[str, str]]:
    return body, teams_headers(body, token=base64.b64encode(hashlib.sha256(b"another webhook").digest()).decode())


def _not_base64(body: bytes) -> tuple[bytes, dict[str, str]]:
    return body, {**teams_headers(body), "Authorization": "HMAC not*base64"}


@pytest.mark.parametrize("make", [_forged, _missing, _bearer, _changed, _other_token, _not_base64])
def test_an_unverified_request_gets_401_and_stores_nothing(chat_inbox: Any, make: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    body, headers = make(teams_body(teams_activity(THANKS, [BEN, CLEO])))
    assert inbox.post("/api/teams", body, headers).status == 401
    assert inbox.inbox_files() == []


def test_failed_signatures_never_throttle_the_address_teams_sends_from(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    for n in range(60):
        body, headers = _forged(teams_body(teams_activity(f"guess {n}", [BEN])))
        assert inbox.post("/api/teams", body, headers).status == 401
    assert inbox.teams(THANKS, [BEN, CLEO]).status == 200
    assert len(inbox.inbox_files()) == 1


def test_without_a_secret_the_endpoint_is_not_there(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox(teams=False)
    body = teams_body(teams_activity(THANKS, [BEN, CLEO]))
    assert inbox.post("/api/teams", body, teams_headers(body)).status == 404


def test_an_unknown_sender_and_recipient_are_answered_helpfully(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    stranger = mention("Pat Doe", "29:1patTeamsUserId0000000000", "11111111-2222-4333-8444-555555555555")
    reply = inbox.teams("thanks <at>Pat Doe</at> for the help #patiance", [stranger], sender="nobody")
    assert reply.status == 200
    assert reply.text.split("\n\n") == [
        "Nothing was stored:",
        ("- Your Microsoft Teams account is not linked to a person on this wall - ask the site's editors to add "
        "your Entra ID object id (your IT team has it) as 'teams:' next to your name in people.yml."),
        ("- The 1st person you mentioned is not linked to anyone on this wall - check the mention, "
        "or thank them on the site's give page."),
        "- Unknown principle '#patiance' - did you mean '#patience'?",
    ]
    assert "Pat" not in reply.text
    assert inbox.inbox_files() == []


def test_an_opted_out_recipient_is_never_named_or_confirmed(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    stranger = mention("Zephyrine Quillfeather", "29:1someoneElse00000000000", "99999999-2222-4333-8444-555555555555")
    text = "thanks <at>Zephyrine Quillfeather</at> for the refunds"
    opted_out = inbox.teams(text, [ZED], activity_id="1")
    unknown = inbox.teams(text, [stranger], activity_id="2")
    assert opted_out.status == unknown.status == 200
    assert opted_out.body == unknown.body
    for word in ("Zephyrine", "Quillfeather", "zed-private"):
        assert word not in opted_out.text
    assert inbox.inbox_files() == []


def test_help_explains_with_this_sites_principles(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    reply = inbox.teams("help", [])
    assert reply.status == 200 and reply.body["type"] == "message"
    assert "For example: @Kudos @colleague thanks for the calm handover #little-wows" in reply.text
    assert "Principles: #little-wows, #patience, #thank-out-loud" in reply.text
    assert inbox.inbox_files() == []


def test_reply_text_never_becomes_markup_in_teams(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    reply = inbox.teams("thanks <at>Ben Okafor</at> &lt;b onmouseover=x&gt;bold&lt;/b&gt;", [BEN])
    assert reply.status == 200 and "Thank you!" in reply.text
    assert "&lt;b onmouseover=x&gt;bold&lt;/b&gt;" in reply.text and "<b" not in reply.text


@pytest.mark.parametrize("change", [
    {"entities": 5}, {"entities": "<at>Ben Okafor</at>"}, {"entities": [None, 3, {"type": "mention", "mentioned": 7}]},
    {"text": None}, {"text": ["a"]}, {"timestamp": 12345}, {"timestamp": "2026-11-25T12:00:00"},
    {"from": {"id": 5, "aadObjectId": None}}, {"recipient": "28:x"}, {"id": {"a": 1}},
])
def test_odd_but_signed_activities_get_an_answer_never_a_crash(chat_inbox: Any, change: dict[str, Any]) -> None:  # noqa: F811
    inbox = chat_inbox()
    body = teams_body({**teams_activity(THANKS, [BEN, CLEO]), **change})
    reply = inbox.post("/api/teams", body, teams_headers(body))
    assert reply.status in (200, 400, 401), reply.raw
    assert len(inbox.inbox_files()) <= 1
