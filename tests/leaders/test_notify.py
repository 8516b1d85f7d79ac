"""`kudos notify` against a real SMTP server (aiosmtpd) on 127.0.0.1: once per entry, across runs."""

from __future__ import annotations

import asyncio
import email
import email.policy
import json
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from conftest import AS_OF, PEOPLE
from sites import Site, env


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.delay = 0.0  # seconds the server takes for each message

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        await asyncio.sleep(self.delay)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        message["X-Envelope-To"] = ",".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["X-Envelope-To"] == address]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def mailbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setenv("KUDOS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KUDOS_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("KUDOS_SMTP_FROM", "Kudos wall <kudos@acme.test>")
    yield box
    controller.stop()


@pytest.fixture
def company(leaders_site: Site) -> Site:
    people = json.loads(json.dumps(PEOPLE))
    people["dev-iyer"]["email"] = "dev@acme.test"
    leaders_site.people(people)
    leaders_site.extra_config["site_url"] = "https://handbook.acme.test/"
    return leaders_site


def notify(site: Site, *args: str) -> str:
    result = site.kudos("notify", "--as-of", AS_OF, "--since", "60d", *args)
    assert result.returncode == 0, result.stderr
    return result.stderr


def body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def test_each_person_is_told_once_per_entry_across_runs(company: Site, mailbox: Mailbox) -> None:
    log = notify(company)
    # Since 2026-09-27: Ana (secret santa, Rosa's welcome), Eve (Rosa's welcome, Dev's note),
    # Ben (Ana's note), Dev (Zed's note). Cleo has notify: false; Zed opted out; Olga left.
    assert sorted(m["X-Envelope-To"] for m in mailbox.messages) == [
        "ana@acme.test", "ana@acme.test", "ben@acme.test", "dev@acme.test", "eve@acme.test", "eve@acme.test",
    ]
    assert "sent 6 email(s) to 4 person(s)" in log and "2 notify: false" in log  # Cleo, twice
    state = json.loads((company.root / "kudos" / "_notified.json").read_text())
    assert state["last_run"] == AS_OF and len(state["sent"]) == 6
    assert not list((company.root / "kudos").glob(".notified-*"))  # the temporary file was renamed

    assert "nothing new to tell anyone" in notify(company)
    assert len(mailbox.messages) == 6

    company.entry("2026/11/late.yml", date="2026-11-24", giver="rosa-delgado", to=["ben-okafor", "cleo-park"],
                  title="Weekend cover", message="Thank you both for the weekend cover.")
    notify(company)
    assert len(mailbox.messages) == 7
    latest = mailbox.to("ben@acme.test")[-1]
    assert latest["Subject"] == "Rosa Delgado thanked you: Weekend cover"
    assert "together with 1 other colleague" in body(latest)
    assert "https://handbook.acme.test/kudos/2026/11/#k" in body(latest)
    assert latest["Auto-Submitted"] == "auto-generated"


def test_two_runs_at_once_send_each_notice_once(company: Site, mailbox: Mailbox) -> None:
    """Two CI jobs, or a cron job and a person, at the same moment: six emails, not twelve."""
    mailbox.delay = 0.2  # a slow server keeps the first run busy while the second starts
    company.write_config()
    command = [sys.executable, "-m", "kudoswall.cli", "notify", "--as-of", AS_OF, "--since", "60d"]
    runs = [subprocess.Popen(command, cwd=company.root, env=env(), stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    logs = [run.communicate(timeout=120)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], logs
    assert sorted(m["X-Envelope-To"] for m in mailbox.messages) == [
        "ana@acme.test", "ana@acme.test", "ben@acme.test", "dev@acme.test", "eve@acme.test", "eve@acme.test",
    ]
    assert len({m["Subject"] + m["X-Envelope-To"] + body(m) for m in mailbox.messages}) == 6
    assert sorted("sent 6 email(s)" in log for log in logs) == [False, True]  # one sent, the other waited
    assert any("nothing new to tell anyone" in log for log in logs), logs


def test_no_anonymous_or_opted_out_giver_is_named(company: Site, mailbox: Mailbox) -> None:
    notify(company)
    for message in mailbox.messages:
        text = str(message)
        for hidden in ("Zephyrine", "Quillfeather", "zed@acme.test", "zed-private"):
            assert hidden not in text
    santa = next(m for m in mailbox.to("ana@acme.test") if "Covering a shift" in m["Subject"])
    assert santa["Subject"] == "A colleague thanked you: Covering a shift"
    assert "Dev" not in str(santa) and "dev-iyer" not in str(santa)
    zeds = mailbox.to("dev@acme.test")[0]
    assert zeds["Subject"] == "A colleague thanked you"
    assert "A colleague thanked you (10 October 2026)." in body(zeds)


def test_customer_praise_never_names_the_customer(company: Site, mailbox: Mailbox) -> None:
    people = json.loads(json.dumps(PEOPLE))
    people["cleo-park"]["notify"] = True
    company.people(people)
    notify(company)
    [praise] = [m for m in mailbox.to("cleo@acme.test") if "Made her week" in m["Subject"]]
    assert praise["Subject"] == "A customer praised you: Made her week"
    assert "customer" not in str(praise["From"]).lower()


def test_dry_run_sends_and_remembers_nothing(company: Site, mailbox: Mailbox) -> None:
    result = company.kudos("notify", "--as-of", AS_OF, "--since", "60d", "--dry-run")
    assert result.returncode == 0
    assert result.stdout.count("would tell") == 6 and "would tell cleo-park" not in result.stdout
    assert "@" not in result.stdout  # addresses stay out of CI logs
    assert mailbox.messages == [] and not (company.root / "kudos" / "_notified.json").exists()


def test_a_damaged_memory_stops_the_run_instead_of_emailing_everyone(company: Site, mailbox: Mailbox) -> None:
    (company.root / "kudos" / "_notified.json").write_text("{not json", encoding="utf-8")
    result = company.kudos("notify", "--as-of", AS_OF, "--since", "60d")
    assert result.returncode == 1 and "_notified.json" in result.stderr
    assert mailbox.messages == []


def test_no_server_is_a_clear_error(company: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUDOS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KUDOS_SMTP_PORT", str(free_port()))
    monkeypatch.setenv("KUDOS_SMTP_FROM", "kudos@acme.test")
    result = company.kudos("notify", "--as-of", AS_OF)
    assert result.returncode == 1 and "cannot reach the SMTP server 127.0.0.1" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (company.root / "kudos" / "_notified.json").exists()


def test_a_co_sign_tells_the_notes_recipients_once_that_someone_also_thanked_them(company: Site, mailbox: Mailbox) -> None:
    notify(company)
    before = len(mailbox.to("ben@acme.test"))
    built = company.build(strict=False)
    note = re.search(r'data-kudos-id="(k[0-9a-f]{10})" data-recipients="ben-okafor"', built.page("kudos/2026/11/"))
    assert note is not None
    company.entry("2026/11/me-too.yml", date="2026-11-25", giver="ana-lima", also=note[1], message="So true.")
    company.entry("2026/11/me-too-anon.yml", date="2026-11-25", giver="eve-stone", also=note[1], anonymous=True)
    notify(company)
    told = mailbox.to("ben@acme.test")[before:]
    assert sorted(m["Subject"] for m in told) == ["A colleague also thanked you", "Ana Lima also thanked you"]
    ana = next(m for m in told if m["Subject"].startswith("Ana"))
    assert "Ana Lima also thanked you for:" in body(ana) and "So true." in body(ana)
    assert f"https://handbook.acme.test/kudos/2026/11/#{note[1]}" in body(ana)
    assert "eve" not in str(next(m for m in told if m["Subject"].startswith("A colleague"))).lower()
    notify(company)
    assert len(mailbox.to("ben@acme.test")) == before + 2  # once per co-sign, across runs
