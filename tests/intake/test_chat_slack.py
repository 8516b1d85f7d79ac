"""`/kudos` in Slack: verified as Slack signs, read as Slack sends, stored once, answered helpfully."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from intake.chatkit import (  # noqa: F401 - the fixture is used by name
    CHAT_IDS,
    NOW,
    SLACK_IDS,
    SLACK_SECRET,
    chat_inbox,
    slack_body,
    slack_headers,
)
from kudoswall.intake.slack import signature

ANA, BEN, CLEO, ZED = (SLACK_IDS[p] for p in ("ana-lima", "ben-okafor", "cleo-park", "zed-private"))
THANKS = f"<@{BEN}|ben> <@{CLEO}> thanks for the calm handover &amp; the notes #patience"


def no_chat_id(text: str) -> None:
    for ident in CHAT_IDS:
        assert ident not in text


def test_the_signature_is_slacks_own_published_example() -> None:
    body = (
        b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
        b"&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
        b"&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        b"&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    )
    expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    assert signature(b"8f742231b10e8888abcd99yyyzzz85a5", "1531420618", body) == expected


def test_a_thank_you_to_two_people_with_a_principle_is_stored_once(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    reply = inbox.slack(THANKS)
    assert reply.status == 200, reply.raw
    assert reply.body["response_type"] == "ephemeral"
    assert "Ben Okafor and Cleo Park" in reply.text
    assert "Patience says you're worth it" in reply.text
    assert "https://handbook.example.test/kudos/" in reply.text
    assert "&amp; the notes" in reply.text  # echoed text is escaped for Slack's mrkdwn
    no_chat_id(reply.text)
    [stored] = inbox.inbox_files()
    text = stored.read_text(encoding="utf-8")
    assert yaml.safe_load(text) == {
        "date": __import__("datetime").date(2026, 11, 25), "from": "ana-lima", "to": ["ben-okafor", "cleo-park"],
        "principles": ["patience"], "message": "thanks for the calm handover & the notes",
    }
    no_chat_id(text)
    listed = inbox.site.kudos("inbox", "list")
    assert "ana-lima -> ben-okafor, cleo-park" in listed.stdout and "[from Slack]" in listed.stdout
    no_chat_id(listed.stdout + listed.stderr)


def test_a_channel_link_for_a_principle_is_read_as_the_principle(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    reply = inbox.slack(f"<@{BEN}> thanks for the little things <#C0LITTLEW|little-wows>")
    assert reply.status == 200 and "Thank you!" in reply.text, reply.text
    [stored] = inbox.inbox_files()
    assert yaml.safe_load(stored.read_text(encoding="utf-8"))["principles"] == ["little-wows"]


def test_a_retried_request_is_stored_once(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    body = slack_body(THANKS, trigger="1111.2222.retried")
    first = inbox.post("/api/slack", body, slack_headers(body, NOW))
    inbox.clock.now += 40  # the same command, signed again a little later (a retry)
    again = inbox.post("/api/slack", body, slack_headers(body, inbox.clock.now))
    copy = inbox.post("/api/slack", body, slack_headers(body, NOW))  # the first request, captured and replayed
    assert first.status == again.status == copy.status == 200
    assert first.body == again.body == copy.body
    assert len(inbox.inbox_files()) == 1


def test_the_same_command_with_a_new_trigger_is_a_new_thank_you(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    assert inbox.slack(THANKS, trigger="1.1.a").status == 200
    assert inbox.slack(THANKS, trigger="1.1.b").status == 200
    assert len(inbox.inbox_files()) == 2


def _forged(body: bytes) -> tuple[bytes, dict[str, str]]:
    return body, {**slack_headers(body), "X-Slack-Signature": "v0=" + "0" * 64}


def _old(body: bytes) -> tuple[bytes, dict[str, str]]:
    return body, slack_headers(body, NOW - 301)


def _early(body: bytes) -> tuple[bytes, dict[str, str]]:
    return body, slack_headers(body, NOW + 301)


def _no_signature(body: bytes) -> tuple[bytes, dict[str, str]]:
    headers = slack_headers(body)
    del headers["X-Slack-Signature"]
    return body, headers


def _no_timestamp(body: bytes) -> tuple[bytes, dict[str, str]]:
    headers = slack_headers(body)
    del headers["X-Slack-Request-Timestamp"]
    return body, headers


def _odd_timestamp(body: bytes) -> tuple[bytes, dict[str, str]]:
    # Digits to str.isdigit() but not to Slack, nor to int(): superscripts.
    return body, {**slack_headers(body), "X-Slack-Request-Timestamp": "\u00b9\u00b2\u00b3"}


def _changed(body: bytes) -> tuple[bytes, dict[str, str]]:
    return body.replace(b"calm", b"cold"), slack_headers(body)


def _other_secret(body: bytes) -> tuple[bytes, dict[str, str]]:
    return body, slack_headers(body, secret=SLACK_SECRET[::-1])


@pytest.mark.parametrize("make", [_forged, _old, _early, _no_signature, _no_timestamp, _odd_timestamp, _changed, _other_secret])
def test_an_unverified_request_gets_401_and_stores_nothing(chat_inbox: Any, make: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    body, headers = make(slack_body(THANKS))
    reply = inbox.post("/api/slack", body, headers)
    assert reply.status == 401
    assert inbox.inbox_files() == []
    assert not (inbox.site.root / "kudos/_inbox/_keys").exists() or not list((inbox.site.root / "kudos/_inbox/_keys").glob("*.json"))


def test_failed_signatures_never_throttle_the_address_slack_sends_from(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    for n in range(60):
        body, headers = _forged(slack_body(f"<@{BEN}> guess {n}"))
        assert inbox.post("/api/slack", body, headers).status == 401
    assert inbox.slack(THANKS).status == 200
    assert len(inbox.inbox_files()) == 1


def test_without_a_secret_the_endpoint_is_not_there(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox(slack=False)
    body = slack_body(THANKS)
    assert inbox.post("/api/slack", body, slack_headers(body)).status == 404
    assert inbox.inbox_files() == []


def test_an_unknown_sender_is_told_how_to_link_their_account(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    reply = inbox.slack(THANKS, user="U0NOBODY01")
    assert reply.status == 200
    assert "Nothing was stored" in reply.text
    assert "Your Slack account is not linked to a person on this wall" in reply.text
    assert "'slack:' next to your name in people.yml" in reply.text
    assert "U0NOBODY01" not in reply.text
    assert inbox.inbox_files() == []


def test_every_problem_is_answered_at_once_with_did_you_mean(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    reply = inbox.slack("<@U0UNKNOWN1> <@U0G9QF9C6|ben> #patiance #little-wow thanks <!here>")
    lines = reply.text.splitlines()
    assert lines == [
        "Nothing was stored:",
        "- The 1st person you mentioned is not linked to anyone on this wall - check the mention, or thank them on the site's give page.",
        "- Groups (@here, @channel, a user group) cannot be thanked - mention each person.",
        "- Unknown principle '#patiance' - did you mean '#patience'?",
        "- Unknown principle '#little-wow' - did you mean '#little-wows'?",
    ]
    assert inbox.inbox_files() == []


def test_an_opted_out_recipient_is_never_named_or_confirmed(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    opted_out = inbox.slack(f"<@{ZED}|zephyrine> thanks for the refunds #patience", trigger="9.9.zed")
    unknown = inbox.slack("<@U0NOTHERE7|zephyrine> thanks for the refunds #patience", trigger="9.9.unknown")
    assert opted_out.status == unknown.status == 200
    assert opted_out.body == unknown.body  # the same words: nothing tells the two apart
    for word in ("Zephyrine", "zephyrine", "Quillfeather", "zed-private", ZED):
        assert word not in opted_out.text
    assert inbox.inbox_files() == []


def test_help_explains_with_this_sites_principles(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    for text in ("help", ""):
        reply = inbox.slack(text, trigger=f"help-{text}")
        assert reply.status == 200 and reply.body["response_type"] == "ephemeral"
        assert "For example: /kudos @colleague thanks for the calm handover #little-wows" in reply.text
        assert "Principles: #little-wows, #patience, #thank-out-loud" in reply.text
        for name in ("Ana", "Ben", "Cleo", "Dev", "Zephyrine"):
            assert name not in reply.text
    assert inbox.inbox_files() == []


def test_thanking_yourself_or_nothing_is_explained(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    assert "You mentioned yourself" in inbox.slack(f"<@{ANA}> well done me", trigger="a").text
    assert "Add a few words of thanks" in inbox.slack(f"<@{BEN}> #patience", trigger="b").text
    assert "Mention the people you thank" in inbox.slack("thanks everyone", trigger="c").text
    assert inbox.inbox_files() == []


def test_the_limit_per_person_applies_to_chat(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox(rate=2)
    replies = [inbox.slack(f"<@{BEN}> thanks number {n}", trigger=f"t{n}") for n in range(3)]
    assert [("Thank you!" in r.text) for r in replies] == [True, True, False]
    assert "try again in about" in replies[2].text
    assert len(inbox.inbox_files()) == 2


def test_a_mention_inside_the_sentence_becomes_the_persons_name(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    reply = inbox.slack(f"<@{CLEO}>, thanks for backing up <@{BEN}|benny> on the night shift #patience")
    assert reply.status == 200 and "Thank you!" in reply.text
    [stored] = inbox.inbox_files()
    assert yaml.safe_load(stored.read_text(encoding="utf-8"))["message"] == "thanks for backing up Ben Okafor on the night shift"


def test_more_mentions_than_the_form_takes_are_refused_without_work_per_mention(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    reply = inbox.slack(" ".join(f"<@U0X{n:06d}>" for n in range(51)) + " thanks all")
    assert "Mention at most 50 people" in reply.text and "1st person" not in reply.text
    assert inbox.inbox_files() == []


def test_slacks_certificate_check_is_answered_after_verification_and_stores_nothing(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    body = b"ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO"
    assert inbox.post("/api/slack", body, slack_headers(body)).status == 200
    assert inbox.post("/api/slack", body, {**slack_headers(body), "X-Slack-Signature": "v0=" + "1" * 64}).status == 401
    assert inbox.inbox_files() == []


def test_a_link_in_the_message_is_kept_as_a_markdown_link(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    reply = inbox.slack(f"<@{BEN}> thanks for <https://status.acme.test/incident/42|the incident notes> #patience")
    assert "Thank you!" in reply.text
    [stored] = inbox.inbox_files()
    message = yaml.safe_load(stored.read_text(encoding="utf-8"))["message"]
    assert message == "thanks for [the incident notes](https://status.acme.test/incident/42)"


def test_someone_who_has_left_is_answered_as_an_unknown_mention(chat_inbox: Any, tmp_path: Any) -> None:  # noqa: F811
    from intake.chatkit import chat_site

    site = chat_site(tmp_path / "left")
    people = site.root / "kudos/people.yml"
    people.write_text(people.read_text(encoding="utf-8").replace("  name: Cleo Park\n", "  name: Cleo Park\n  left: 2026-11-01\n"), encoding="utf-8")
    inbox = chat_inbox(site)
    left = inbox.slack(f"<@{CLEO}> thanks for the years #patience", trigger="l.1")
    unknown = inbox.slack("<@U0NOTHERE7> thanks for the years #patience", trigger="l.2")
    assert left.body == unknown.body and "Cleo" not in left.text
    assert inbox.inbox_files() == []
