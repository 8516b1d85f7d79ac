"""`Idempotency-Key`: a retry whose answer was lost never stores an entry twice."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable

import pytest

from intake.conftest import Inbox, start_inbox  # noqa: F401 - the fixture is used by name
from sites import Site

GOOD = {"date": "2026-11-24", "from": "ana-lima", "to": ["ben-okafor"], "message": "Thanks for the cover."}
KEY = {"Idempotency-Key": "3f6c1d2e-8a4b-4c1d-9e2f-0a1b2c3d4e5f"}


@pytest.fixture
def inbox(site: Site, start_inbox: Callable[..., Inbox]) -> Inbox:  # noqa: F811
    return start_inbox(site, "--rate", "1000/second")


def test_a_retried_request_is_stored_once_and_gets_the_same_answer(inbox: Inbox) -> None:
    first = inbox.post(GOOD, headers=KEY)
    again = inbox.post(GOOD, headers=KEY)
    assert first.status == again.status == 201
    assert again.body == first.body
    assert again.headers["idempotent-replayed"] == "true"
    assert [p.stem for p in inbox.inbox_files()] == [first.body["id"]]
    other = inbox.post(GOOD, headers={"Idempotency-Key": "another-key-1234"})
    assert other.status == 201 and len(inbox.inbox_files()) == 2  # a new key is a new entry


def test_retries_racing_each_other_store_one_entry(inbox: Inbox) -> None:
    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _n: inbox.post(GOOD, headers=KEY), range(20)))
    assert {a.status for a in answers} == {201}
    assert len({a.body["id"] for a in answers}) == 1
    assert len(inbox.inbox_files()) == 1


def test_retries_to_two_intake_processes_sharing_the_data_store_one_entry(
    site: Site, start_inbox: Callable[..., Inbox],  # noqa: F811
) -> None:
    """Two replicas behind one address, or a restart overlapping the old process: one entry per key."""
    inboxes = [start_inbox(site, "--rate", "1000/second") for _ in range(2)]
    keys = [f"retry-across-processes-{n:04d}" for n in range(8)]
    sends = [(inboxes[n % 2], key) for key in keys for n in range(8)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda send: (send[1], send[0].post(GOOD, headers={"Idempotency-Key": send[1]})),
                                sends))
    assert {a.status for _, a in answers} == {201}
    ids = {key: {a.body["id"] for k, a in answers if k == key} for key in keys}
    assert all(len(one) == 1 for one in ids.values()), ids
    assert len(inboxes[0].inbox_files()) == len(keys)


def test_the_key_is_remembered_across_a_restart(site: Site, start_inbox: Callable[..., Inbox]) -> None:  # noqa: F811
    first = start_inbox(site)
    answer = first.post(GOOD, headers=KEY)
    first.stop()
    second = start_inbox(site)
    assert second.post(GOOD, headers=KEY).body == answer.body
    assert len(second.inbox_files()) == 1
    assert "needs fixing" not in site.kudos("inbox", "list").stdout


def test_a_key_reused_for_another_entry_is_refused(inbox: Inbox) -> None:
    assert inbox.post(GOOD, headers=KEY).status == 201
    reused = inbox.post({**GOOD, "message": "Something else."}, headers=KEY)
    assert reused.status == 422 and "another entry" in reused.body["error"]
    assert len(inbox.inbox_files()) == 1


def test_a_refused_entry_is_not_remembered(inbox: Inbox) -> None:
    assert inbox.post({**GOOD, "to": ["ben-okafr"]}, headers=KEY).status == 422
    assert inbox.post(GOOD, headers=KEY).status == 201


@pytest.mark.parametrize("key", ["short", "x" * 201, "spaces are not allowed", "../../etc/passwd"])
def test_a_malformed_key_is_refused(inbox: Inbox, key: str) -> None:
    answer = inbox.post(GOOD, headers={"Idempotency-Key": key})
    assert answer.status == 400 and answer.body["hint"]
    assert inbox.inbox_files() == []


def test_a_replay_is_not_counted_against_the_person(site: Site, start_inbox: Callable[..., Inbox]) -> None:  # noqa: F811
    inbox = start_inbox(site, "--rate", "1/hour")
    assert [inbox.post(GOOD, headers=KEY).status for _ in range(3)] == [201, 201, 201]
    assert inbox.post({**GOOD, "message": "A second note."}).status == 429
