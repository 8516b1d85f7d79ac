"""What the give page sends the intake besides notes: a new group card, a "me too" co-sign, and
`GET /api/whoami` under single sign-on, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
import yaml

from sites import Site

if TYPE_CHECKING:  # two conftest modules exist; only the type is needed here
    from conftest import Inbox

CARD = {"title": "Happy birthday, Ben!", "for": "ben-okafor", "occasion": "birthday", "date": "2026-12-02"}
SITE = "https://handbook.example.test"


@pytest.fixture
def inbox(site: Site, start_inbox: Callable[..., Inbox]) -> Inbox:
    return start_inbox(site, "--rate", "1000/second")


def test_a_card_body_waits_in_the_inbox_and_approval_moves_it_to_the_cards_folder(site: Site, inbox: Inbox) -> None:
    answer = inbox.post(CARD)
    assert answer.status == 201, answer.body
    assert answer.body["kind"] == "card"
    (pending,) = inbox.inbox_files()
    assert yaml.safe_load(pending.read_text(encoding="utf-8")) == {**CARD, "date": dt.date(2026, 12, 2)}
    assert not (site.root / "kudos/cards").exists()  # nothing published before a moderator says so
    listed = site.kudos("inbox", "list")
    assert f"{answer.body['id']}  card ben-okafor-birthday-2026 for ben-okafor (birthday, 2026-12-02)" in listed.stdout

    approved = site.kudos("inbox", "approve", answer.body["id"])
    assert approved.returncode == 0, approved.stderr
    target = site.root / "kudos/cards/ben-okafor-birthday-2026.yml"
    assert target.is_file() and "kudos/cards/ben-okafor-birthday-2026.yml" in approved.stdout
    assert site.kudos("check").returncode == 0
    # The same card again is refused at approval, never written over the first.
    again = inbox.post(CARD).body["id"]
    refused = site.kudos("inbox", "approve", again)
    assert refused.returncode == 1 and "a card with this id already exists" in refused.stdout + refused.stderr
    assert [p.stem for p in inbox.inbox_files()] == [again]


def test_a_bad_card_body_is_refused_with_the_cards_own_checks(inbox: Inbox) -> None:
    answer = inbox.post({**CARD, "occasion": "party", "for": "nobody-here"})
    assert answer.status == 422 and answer.body["error"] == "invalid card"
    texts = " ".join(p["text"] for p in answer.body["problems"])
    assert "occasion" in texts and "nobody-here" in texts
    assert inbox.inbox_files() == []


def test_a_co_sign_without_to_or_message_is_taken_and_approved(site: Site, inbox: Inbox) -> None:
    built = site.build()
    assert built.ok, built.log
    note = re.search(r'data-kudos-id="(k[0-9a-f]{10})" data-recipients="ben-okafor"', built.page("kudos/"))
    assert note is not None
    answer = inbox.post({"date": "2026-11-24", "from": "cleo-park", "also": note[1]})
    assert answer.status == 201, answer.body
    (pending,) = inbox.inbox_files()
    assert yaml.safe_load(pending.read_text(encoding="utf-8"))["also"] == note[1]
    approved = site.kudos("inbox", "approve", "--all")
    assert approved.returncode == 0, approved.stderr
    assert "also-" + note[1] in approved.stdout
    assert site.kudos("check").returncode == 0
    too_long = inbox.post({"date": "2026-11-24", "from": "dev-iyer", "also": note[1], "message": "x" * 501})
    assert too_long.status == 422 and "the limit is 500" in too_long.text


def test_whoami_answers_the_signed_in_persons_id_and_name_only_to_the_sites_origin(
    site: Site, start_inbox: Callable[..., Inbox]
) -> None:
    people = yaml.safe_load((site.root / "kudos/people.yml").read_text(encoding="utf-8"))
    people["ana-lima"]["login"] = "Ana@Example.com"
    site.people(people)
    inbox = start_inbox(site, "--trusted-header", "X-Forwarded-User", "--trusted-proxy", "127.0.0.1",
                        "--allow-origin", SITE)
    signed_in = {"X-Forwarded-User": "ana@example.com", "Origin": SITE}
    answer = inbox.request("GET", "/api/whoami", headers=signed_in, token=None)
    assert answer.status == 200
    assert answer.body == {"id": "ana-lima", "name": "Ana Lima"}  # never the login
    assert "example.com" not in answer.text.lower()
    assert answer.headers["access-control-allow-origin"] == SITE
    assert answer.headers["access-control-allow-credentials"] == "true"
    assert answer.headers["cache-control"] == "no-store"

    other = inbox.request("GET", "/api/whoami", headers={**signed_in, "Origin": "https://evil.example"}, token=None)
    assert other.status == 403 and "access-control-allow-origin" not in other.headers
    no_origin = inbox.request("GET", "/api/whoami", headers={"X-Forwarded-User": "ana@example.com"}, token=None)
    assert no_origin.status == 403
    nobody = inbox.request("GET", "/api/whoami", headers={"Origin": SITE}, token=None)
    assert nobody.status == 404
    stranger = inbox.request("GET", "/api/whoami", headers={**signed_in, "X-Forwarded-User": "who@else.test"}, token=None)
    assert stranger.status == 404 and "who@else" not in stranger.text
