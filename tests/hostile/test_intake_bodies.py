"""Hostile bodies sent to `POST /api/kudos`: each gets a 4xx with a reason, never a 500."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from intake.conftest import Inbox, start_inbox  # noqa: F401 - the fixture is used by name
from sites import Site

JSON = {"Content-Type": "application/json"}
GOOD = (
    '{"date": "2026-11-24", "from": "ana-lima", "to": ["ben-okafor"], '
    '"message": "Thanks for the handover."'
)


@pytest.fixture
def inbox(site: Site, start_inbox: Callable[..., Inbox]) -> Inbox:  # noqa: F811
    return start_inbox(site, "--rate", "1000/second")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (GOOD.encode() + b', "anonymous": ' + b"9" * 5000 + b"}", "more than 30 digits"),
        (GOOD.encode() + b', "anonymous": 1e999999}', "number is too large"),
        (GOOD.encode() + b', "anonymous": NaN}', "NaN is not JSON"),
        (GOOD.encode() + b', "title": "\xff\xfe"}', "not UTF-8"),
        (GOOD.encode() + b', "title": "\xed\xa0\x80"}', "not UTF-8"),  # a surrogate, encoded
        (GOOD.encode() + b', "title": "\\ud800"}', "lone surrogate"),
        (GOOD.encode() + b', "\\udfff": 1}', "lone surrogate"),
        (GOOD.encode() + b', "message": "twice"}', "'message' appears twice"),
        (b"[" * 30_000 + b"]" * 30_000, "nested too deeply"),
        (b'{"a":' * 10_000 + b"1" + b"}" * 10_000, "nested too deeply"),
        (b"", "empty"),
        (b"  \r\n ", "empty"),
        (b"\xef\xbb\xbf" + GOOD.encode() + b"}", "malformed JSON"),
        (GOOD.encode(), "malformed JSON"),
    ],
    ids=[
        "huge-integer", "huge-float", "nan", "invalid-utf8", "encoded-surrogate", "lone-surrogate",
        "lone-surrogate-key", "duplicate-key", "deep-lists", "deep-objects", "empty", "blank", "bom",
        "truncated",
    ],
)
def test_a_malformed_body_gets_400_with_its_reason(inbox: Inbox, body: bytes, reason: str) -> None:
    answer = inbox.post(body, headers=JSON)
    assert answer.status == 400, answer.body
    assert answer.body["error"] == "malformed JSON"
    assert reason in answer.body["detail"]
    assert answer.body["hint"]
    assert inbox.inbox_files() == []


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
     "application/json; charset=latin-1", ""],
)
def test_a_body_of_another_media_type_gets_415(inbox: Inbox, content_type: str) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    answer = inbox.post((GOOD + "}").encode(), headers=headers)
    assert answer.status == 415, answer.body
    assert answer.body["hint"]


def test_control_characters_and_big_numbers_in_fields_are_the_validators_business(inbox: Inbox) -> None:
    nul = inbox.post((GOOD + ', "title": "a\\u0000b\\u202e"}').encode(), headers=JSON)
    assert nul.status in (201, 422), nul.body
    wrong_type = inbox.post((GOOD + ', "anonymous": 12345678901234567890}').encode(), headers=JSON)
    assert wrong_type.status == 422, wrong_type.body
    date = inbox.post(b'{"date": 20261124, "from": "ana-lima", "to": ["ben-okafor"], "message": "x"}', headers=JSON)
    assert date.status == 422, date.body


def test_the_service_is_fine_after_every_kind_of_garbage(inbox: Inbox) -> None:
    for body in (b"\x00" * 1000, b"{" * 60_000, b'"' + b"\\" * 1000, b"\xc0\x80", b"1" * 60_000):
        assert 400 <= inbox.post(body, headers=JSON).status < 500
    assert inbox.post((GOOD + "}").encode(), headers=JSON).status == 201
    assert "Traceback" not in inbox.log.read_text(encoding="utf-8", errors="replace")
