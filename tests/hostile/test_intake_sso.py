"""Single sign-on: the giver is the signed-in person; hints never name someone who opted out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml

from intake.conftest import Inbox, start_inbox  # noqa: F401 - the fixture is used by name
from sites import PEOPLE, Site

GOOD = {"date": "2026-11-24", "from": "ana-lima", "to": ["ben-okafor"], "message": "Thanks for the cover."}
ANA = {"X-Forwarded-User": "ana.lima@acme.test"}


@pytest.fixture
def sso(site: Site, start_inbox: Callable[..., Inbox]) -> Inbox:  # noqa: F811
    people: dict[str, Any] = {pid: dict(p) for pid, p in PEOPLE.items()}
    people["ana-lima"]["login"] = "ana.lima@acme.test"
    people["ben-okafor"]["login"] = "ben@acme.test"
    people["cleo-park"]["login"] = "shared@acme.test"
    people["dev-iyer"]["login"] = "SHARED@acme.test"
    site.people(people)
    return start_inbox(site, "--trusted-header", "X-Forwarded-User", "--rate", "1000/second")


def test_the_signed_in_person_gives_and_may_leave_from_out(sso: Inbox) -> None:
    assert sso.post(GOOD, token=None, headers=ANA).status == 201
    without_from = {k: v for k, v in GOOD.items() if k != "from"}
    assert sso.post(without_from, token=None, headers=ANA).status == 201
    stored = [yaml.safe_load(p.read_text(encoding="utf-8"))["from"] for p in sso.inbox_files()]
    assert stored == ["ana-lima", "ana-lima"]


def test_an_entry_from_someone_else_is_refused(sso: Inbox) -> None:
    answer = sso.post({**GOOD, "from": "cleo-park"}, token=None, headers=ANA)
    assert answer.status == 403
    assert answer.body["error"] == "you are signed in as 'ana-lima'; an entry you send is from 'ana-lima'"
    assert "anonymous" in answer.body["hint"]
    assert sso.inbox_files() == []


def test_anonymous_entries_stay_possible_from_the_signed_in_person(sso: Inbox) -> None:
    answer = sso.post({**GOOD, "anonymous": True}, token=None, headers=ANA)
    assert answer.status == 201, answer.body
    (path,) = sso.inbox_files()
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["anonymous"] is True


def test_customer_praise_is_recorded_by_whoever_is_signed_in(sso: Inbox) -> None:
    assert sso.post({**GOOD, "from": "customer"}, token=None, headers=ANA).status == 201


@pytest.mark.parametrize("login", ["stranger@acme.test", "shared@acme.test"])
def test_an_unknown_or_ambiguous_login_is_refused(sso: Inbox, login: str) -> None:
    answer = sso.post({**GOOD, "from": "cleo-park"}, token=None, headers={"X-Forwarded-User": login})
    assert answer.status == 403
    assert "login:" in answer.body["hint"]
    assert sso.inbox_files() == []


def test_the_header_is_believed_only_from_a_trusted_proxy(site: Site, start_inbox: Callable[..., Inbox]) -> None:  # noqa: F811
    inbox = start_inbox(site, "--trusted-header", "X-Forwarded-User", "--trusted-proxy", "192.0.2.1")
    assert inbox.post(GOOD, token=None, headers=ANA).status == 401


@pytest.mark.parametrize(
    ("typed", "field"),
    [("zed-privat", "to"), ("zed-private-", "to"), ("zed-privte", "from"), ("zephyrine", "to")],
)
def test_did_you_mean_never_names_someone_who_opted_out(
    site: Site, start_inbox: Callable[..., Inbox], typed: str, field: str  # noqa: F811
) -> None:
    inbox = start_inbox(site, "--rate", "1000/second")
    entry = {**GOOD, field: [typed] if field == "to" else typed}
    answer = inbox.post(entry)
    assert answer.status == 422
    assert "'zed-private'" not in answer.text
    assert f"unknown person '{typed}'" in answer.text


def test_did_you_mean_still_names_people_on_the_wall(site: Site, start_inbox: Callable[..., Inbox]) -> None:  # noqa: F811
    inbox = start_inbox(site, "--rate", "1000/second")
    answer = inbox.post({**GOOD, "to": ["cleo-prk"]})
    assert "did you mean 'cleo-park'?" in answer.text
