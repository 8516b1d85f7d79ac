"""Little-things ideas through the intake: same endpoint, told apart by `idea`, over real HTTP.

An idea is checked by the build's own idea check, kept in the inbox like
an entry, and approval moves it to `kudos/ideas/` where `kudos check`
and the build read it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from sites import PEOPLE, Site

if TYPE_CHECKING:  # two conftest modules exist; only the type is needed here
    from conftest import Inbox

IDEA = {"idea": "Write a short thank-you on the receipt", "by": "ana-lima", "tags": ["customers"]}


@pytest.fixture
def inbox(site: Site, start_inbox: Callable[..., Inbox]) -> Inbox:
    return start_inbox(site, "--rate", "1000/second")


def texts(answer: Any) -> list[str]:
    return [p["text"] for p in answer.body["problems"]]


def test_an_idea_is_kept_pending_then_approved_into_the_ideas_folder(site: Site, inbox: Inbox) -> None:
    answer = inbox.post(IDEA)
    assert answer.status == 201, answer.body
    assert answer.body["status"] == "pending" and answer.body["kind"] == "idea"
    idea_id = answer.body["id"]
    (pending,) = inbox.inbox_files()
    assert pending.stem == idea_id
    assert yaml.safe_load(pending.read_text(encoding="utf-8")) == IDEA
    assert not (site.root / "kudos/ideas").exists()  # nothing published before a moderator says so

    listed = site.kudos("inbox", "list")
    assert listed.returncode == 0, listed.stderr
    assert f"{idea_id}  idea by ana-lima: Write a short thank-you on the receipt  [customers]" in listed.stdout

    approved = site.kudos("inbox", "approve", idea_id)
    assert approved.returncode == 0, approved.stderr
    target = site.root / "kudos/ideas/2026-11-25-write-a-short-thank-you-on-the-receipt.yml"
    assert f"{idea_id} -> kudos/ideas/{target.name}" in approved.stdout
    assert yaml.safe_load(target.read_text(encoding="utf-8")) == IDEA
    assert inbox.inbox_files() == []
    assert not [p for p in (site.root / "kudos/ideas").iterdir() if p.name.startswith(".")]  # no temporary left
    checked = site.kudos("check")
    assert checked.returncode == 0, checked.stderr
    assert site.kudos("inbox", "approve", idea_id).returncode == 1  # already moved


def test_the_same_idea_twice_gets_a_second_file_not_an_overwrite(site: Site, inbox: Inbox) -> None:
    ids = [inbox.post(IDEA).body["id"], inbox.post({**IDEA, "tags": []}).body["id"]]
    assert site.kudos("inbox", "approve", "--all").returncode == 0
    names = sorted(p.name for p in (site.root / "kudos/ideas").glob("*.yml"))
    assert names == [
        "2026-11-25-write-a-short-thank-you-on-the-receipt-2.yml",
        "2026-11-25-write-a-short-thank-you-on-the-receipt.yml",
    ], ids
    assert site.kudos("check").returncode == 0


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"idea": "", "by": "ana-lima"}, "'idea' is empty"),
        ({"idea": "Say hello", "by": "ana-lma"}, "unknown person 'ana-lma' in 'by' - did you mean 'ana-lima'?"),
        ({"idea": "Say hello"}, "missing required field 'by'"),
        ({"idea": "Say hello", "by": "ana-lima", "tags": ["Not A Slug"]}, "tag 'Not A Slug' must be a lower-case word"),
        ({"idea": "x" * 501, "by": "ana-lima"}, "'idea'"),
        ({"idea": "Say hello", "by": "ana-lima", "date": "2026-11-24"}, "'date'"),
    ],
)
def test_a_bad_idea_gets_422_with_every_problem_located(inbox: Inbox, body: dict[str, Any], expected: str) -> None:
    answer = inbox.post(body)
    assert answer.status == 422, answer.body
    assert answer.body["error"] == "invalid idea"
    assert any(expected in text for text in texts(answer)), texts(answer)
    assert inbox.inbox_files() == []


def test_every_problem_of_an_idea_is_reported_at_once(inbox: Inbox) -> None:
    answer = inbox.post({"idea": "", "by": "nobody", "tags": ["Bad Tag"]})
    assert answer.status == 422
    found = " | ".join(texts(answer))
    assert "'idea'" in found and "'nobody' in 'by'" in found and "'Bad Tag'" in found


def test_hints_for_an_idea_never_name_someone_who_opted_out(inbox: Inbox) -> None:
    typo = inbox.post({"idea": "Say hello", "by": "zed-privat"})
    assert typo.status == 422
    assert "zed-private" not in typo.text and "Zephyrine" not in typo.text
    assert inbox.inbox_files() == []
    # Refused, it would tell who opted out: it waits, answered as a stranger's name is, for the moderator.
    naming = inbox.post({"idea": "Ask Zephyrine Quillfeather how she does it", "by": "ana-lima"})
    assert naming.status == 201 and naming.body["status"] == "pending"
    assert "zed-private" not in naming.text and "wall" not in naming.text
    listed = inbox.site.kudos("inbox", "list")
    assert "'idea' names someone who is not on the wall" in listed.stdout


def test_an_idea_needs_the_token(inbox: Inbox) -> None:
    assert inbox.post(IDEA, token=None).status == 401
    assert inbox.post(IDEA, token="wrong-token-" + "y" * 20).status == 401
    assert inbox.inbox_files() == []


def test_an_idempotency_key_stores_an_idea_once(inbox: Inbox) -> None:
    key = {"Idempotency-Key": "idea-retry-0001"}
    first = inbox.post(IDEA, headers=key)
    again = inbox.post(IDEA, headers=key)
    assert first.status == again.status == 201
    assert again.body["id"] == first.body["id"]
    assert again.headers.get("idempotent-replayed") == "true"
    assert inbox.post({**IDEA, "idea": "Something else"}, headers=key).status == 422
    assert len(inbox.inbox_files()) == 1


def test_ideas_count_against_the_same_limit_as_entries(site: Site, start_inbox: Callable[..., Inbox]) -> None:
    limited = start_inbox(site, "--rate", "2/hour")
    entry = {"date": "2026-11-24", "from": "ana-lima", "to": ["ben-okafor"], "message": "Thanks."}
    assert limited.post(entry).status == 201
    assert limited.post(IDEA).status == 201
    refused = limited.post({**IDEA, "idea": "One more"})
    assert refused.status == 429
    assert "retry-after" in refused.headers
    assert limited.post({**IDEA, "by": "ben-okafor"}).status == 201  # another person's own budget
    assert len(limited.inbox_files()) == 3


@pytest.fixture
def sso(site: Site, start_inbox: Callable[..., Inbox]) -> Inbox:
    people: dict[str, Any] = {pid: dict(p) for pid, p in PEOPLE.items()}
    people["ana-lima"]["login"] = "ana.lima@acme.test"
    site.people(people)
    return start_inbox(site, "--trusted-header", "X-Forwarded-User", "--rate", "1000/second")


ANA = {"X-Forwarded-User": "ana.lima@acme.test"}


def test_under_sso_an_idea_by_someone_else_is_refused(sso: Inbox) -> None:
    answer = sso.post({**IDEA, "by": "ben-okafor"}, token=None, headers=ANA)
    assert answer.status == 403
    assert answer.body["error"] == "you are signed in as 'ana-lima'; an idea you send is by 'ana-lima'"
    assert sso.post({**IDEA, "by": "customer"}, token=None, headers=ANA).status == 403
    assert sso.inbox_files() == []


def test_under_sso_an_idea_is_by_the_signed_in_person(sso: Inbox) -> None:
    assert sso.post(IDEA, token=None, headers=ANA).status == 201
    assert sso.post({k: v for k, v in IDEA.items() if k != "by"}, token=None, headers=ANA).status == 201
    stored = [yaml.safe_load(p.read_text(encoding="utf-8"))["by"] for p in sso.inbox_files()]
    assert stored == ["ana-lima", "ana-lima"]
    assert "from ana.lima@acme.test" in sso.inbox_files()[0].read_text(encoding="utf-8").splitlines()[0]
