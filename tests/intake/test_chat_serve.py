"""`kudos inbox serve` takes the chat secrets from the environment or from files, and checks them."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from intake.chatkit import (
    NOW,
    SLACK_SECRET,
    TEAMS_TOKEN,
    chat_site,
    slack_body,
    slack_headers,
    teams_activity,
    teams_body,
    teams_headers,
)
from intake.conftest import Inbox, free_port
from sites import Site, env


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Inbox]]:
    started: list[Inbox] = []

    def start(site: Site, *args: str, environ: dict[str, str] | None = None) -> Inbox:
        port = free_port()
        log = tmp_path / f"serve-{port}.log"
        with open(log, "wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "kudoswall.cli", "inbox", "serve", "--port", str(port), "--log-level", "warning", *args],
                cwd=site.root, env={**env(), **(environ or {})}, stdout=out, stderr=subprocess.STDOUT,
            )
        inbox = Inbox(site, process, port, log)
        started.append(inbox)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if inbox.request("GET", "/healthz", token=None).status == 200:
                    return inbox
            except OSError:
                time.sleep(0.1)
        raise AssertionError(log.read_text(encoding="utf-8", errors="replace"))

    yield start
    for inbox in started:
        inbox.stop()


def test_a_secret_in_the_environment_opens_only_its_endpoint(tmp_path: Path, serve: Callable[..., Inbox]) -> None:
    site = chat_site(tmp_path / "site")
    inbox = serve(site, environ={"KUDOS_SLACK_SIGNING_SECRET": SLACK_SECRET})
    body = slack_body("<@U0G9QF9C6> thanks")
    assert inbox.request("POST", "/api/slack", body, slack_headers(body, NOW), token=None).status == 401  # verified, and old
    teams = teams_body(teams_activity("thanks", []))
    assert inbox.request("POST", "/api/teams", teams, teams_headers(teams), token=None).status == 404
    assert inbox.request("POST", "/api/kudos", {"message": "x"}, token=None).status == 401  # no token file: the form is closed
    assert "chat: /api/slack" in inbox.log.read_text(encoding="utf-8")
    assert inbox.inbox_files() == []


def test_a_teams_token_file_is_read_as_teams_shows_it(tmp_path: Path, serve: Callable[..., Inbox]) -> None:
    site = chat_site(tmp_path / "site")
    secret = tmp_path / "teams-token"
    secret.write_text(f"# the kudos webhook, made 2026-11-01\n{TEAMS_TOKEN}\n", encoding="utf-8")
    os.chmod(secret, 0o600)
    inbox = serve(site, "--teams-secret-file", str(secret))
    # Signed with the file's token but dated the fixed day: the signature passes and the time is what is refused.
    body = teams_body(teams_activity("thanks", []))
    answer = inbox.request("POST", "/api/teams", body, teams_headers(body), token=None)
    assert answer.status == 401 and "timestamp" in answer.text
    forged = inbox.request("POST", "/api/teams", body, teams_headers(body, base64.b64encode(b"k" * 32).decode()), token=None)
    assert forged.status == 401 and "timestamp" not in forged.text
    assert inbox.request("POST", "/api/slack", b"x", {"Content-Type": "application/x-www-form-urlencoded"}, token=None).status == 404


@pytest.mark.parametrize(("variable", "value", "said"), [
    ("KUDOS_TEAMS_SECRET", "not a token", "not a Teams security token"),
    ("KUDOS_SLACK_SIGNING_SECRET", "short", "a Slack signing secret is 32 characters"),
])
def test_an_unusable_secret_stops_the_service_with_a_reason(tmp_path: Path, variable: str, value: str, said: str) -> None:
    site = chat_site(tmp_path / "site")
    result = subprocess.run(
        [sys.executable, "-m", "kudoswall.cli", "inbox", "serve", "--port", str(free_port())],
        cwd=site.root, env={**env(), variable: value}, capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 2 and said in result.stderr and value not in result.stderr.replace(said, "")
