"""Throttles: guessing codes stays throttled; an office's rush of valid kudos goes through."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from intake.conftest import TOKEN, Inbox, start_inbox  # noqa: F401 - the fixture is used by name
from kudoswall.intake.limits import EntryLimiter, FailureThrottle, retry_after
from sites import Site

GOOD = {"date": "2026-11-24", "from": "ana-lima", "to": ["ben-okafor"], "message": "Thanks for the cover."}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def code(n: int) -> bytes:
    return hashlib.sha256(f"guess-{n}".encode()).digest()


def test_a_guessing_attack_stays_throttled_while_it_goes_on() -> None:
    clock = Clock()
    throttle = FailureThrottle(10, 600, clock)
    for n in range(10):
        assert throttle.wait("203.0.113.9") == 0
        throttle.failed("203.0.113.9", code(n))
        clock.now += 1
    assert throttle.wait("203.0.113.9") == 590  # until the first guess is ten minutes old
    guesses = 10
    for _ in range(120):  # one try a minute for two hours: at most 10 per 10 minutes get through
        clock.now += 60
        if throttle.wait("203.0.113.9") == 0:
            throttle.failed("203.0.113.9", code(guesses))
            guesses += 1
    assert guesses <= 10 + 12 * 10
    assert throttle.wait("198.51.100.7") == 0  # other addresses are not affected


def test_a_stale_code_retried_counts_once() -> None:
    throttle = FailureThrottle(3, 600, Clock())
    for _ in range(50):
        throttle.failed("10.0.0.1", code(0))
    assert throttle.wait("10.0.0.1") == 0


def test_customer_service_week_rush_from_one_office_is_accepted_by_default() -> None:
    clock = Clock()
    limiter = EntryLimiter(30, 3600, clock)  # the defaults of `kudos inbox serve`
    for note in range(3):
        for person in range(200):
            assert limiter.take(f"from:person-{person}") == 0, (person, note)
            clock.now += 1  # 600 notes in 10 minutes
    assert clock.now - 1000 == 600


def test_one_person_flooding_waits_and_the_limit_refills() -> None:
    clock = Clock()
    limiter = EntryLimiter(3, 60, clock)
    assert [limiter.take("from:ana-lima") for _ in range(3)] == [0, 0, 0]
    assert limiter.take("from:ana-lima") == 20
    assert limiter.take("from:ben-okafor") == 0
    clock.now += 20
    assert limiter.take("from:ana-lima") == 0
    assert retry_after(0.2) == "1" and retry_after(20.01) == "21"


def test_requests_without_a_code_never_lock_out_a_valid_one(
    site: Site, start_inbox: Callable[..., Inbox]  # noqa: F811
) -> None:
    inbox = start_inbox(site)
    for _ in range(60):
        assert inbox.post(GOOD, token=None).status == 401
    assert inbox.post(GOOD).status == 201


def test_wrong_codes_are_throttled_per_address_with_retry_after(
    site: Site, start_inbox: Callable[..., Inbox]  # noqa: F811
) -> None:
    inbox = start_inbox(site, "--failures", "3/10minutes")
    for n in range(3):
        assert inbox.post(GOOD, token=f"wrong-code-{n:04d}-xxxxxxxx").status == 401
    throttled = inbox.post(GOOD, token="wrong-code-9999-xxxxxxxx")
    assert throttled.status == 429, throttled.body
    assert 590 <= int(throttled.headers["retry-after"]) <= 600
    # Even the right code waits: otherwise a guesser would learn when a guess is right.
    assert inbox.post(GOOD, token=TOKEN).status == 429
    assert inbox.inbox_files() == []


def test_too_many_entries_from_one_person_get_429_with_retry_after_others_go_on(
    site: Site, start_inbox: Callable[..., Inbox]  # noqa: F811
) -> None:
    inbox = start_inbox(site, "--rate", "2/hour")
    statuses = [inbox.post({**GOOD, "message": f"Thanks #{n}"}).status for n in range(3)]
    assert statuses == [201, 201, 429]
    limited = inbox.post(GOOD)
    assert 1700 <= int(limited.headers["retry-after"]) <= 1800
    assert inbox.post({**GOOD, "from": "cleo-park"}).status == 201
    invalid = inbox.post({**GOOD, "from": "dev-iyer", "to": ["nobody-at-all"]})
    assert invalid.status == 422  # refused entries spend nothing
    assert inbox.post({**GOOD, "from": "dev-iyer"}).status == 201
    assert len(inbox.inbox_files()) == 4
