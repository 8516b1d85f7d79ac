"""A chat request seen twice stores once: across a restart, and across two processes' worth of services at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from intake.chatkit import NOW, SLACK_IDS, chat_inbox, chat_site, slack_body, slack_headers  # noqa: F401

TEXT = f"<@{SLACK_IDS['ben-okafor']}> thanks for the calm handover #patience"


def test_a_retry_after_a_restart_is_still_recognised(chat_inbox: Any, tmp_path: Any) -> None:  # noqa: F811
    site = chat_site(tmp_path / "site")
    body = slack_body(TEXT, trigger="5.5.restart")
    first = chat_inbox(site)
    answer = first.post("/api/slack", body, slack_headers(body, NOW))
    first.stop()
    second = chat_inbox(site)
    again = second.post("/api/slack", body, slack_headers(body, NOW + 60))
    assert answer.status == again.status == 200 and answer.body == again.body
    assert len(second.inbox_files()) == 1


def test_the_same_request_at_two_services_at_once_stores_once(chat_inbox: Any, tmp_path: Any) -> None:  # noqa: F811
    site = chat_site(tmp_path / "site")
    services = [chat_inbox(site), chat_inbox(site)]  # two intakes over one inbox, as two processes behind a balancer
    body = slack_body(TEXT, trigger="6.6.twice")
    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(lambda n: services[n % 2].post("/api/slack", body, slack_headers(body, NOW)), range(48)))
    assert {a.status for a in answers} == {200}
    assert len({a.raw for a in answers}) == 1
    assert len(services[0].inbox_files()) == 1
