"""The operators' chat page: its Slack manifest is a valid slash command, and its signed requests work as written."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import yaml

from intake.chatkit import NOW, chat_inbox  # noqa: F401 - the fixture is used by name

DOCS = Path(__file__).parents[2] / "plugins/kudoswall/docs"


def test_the_slack_manifest_declares_the_kudos_command_at_the_intakes_url() -> None:
    manifest = yaml.safe_load((DOCS / "slack-manifest.yml").read_text(encoding="utf-8"))
    assert manifest["_metadata"]["major_version"] == 1
    info = manifest["display_information"]
    assert len(info["name"]) <= 35 and len(info["description"]) <= 140  # Slack's limits
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", info["background_color"])
    [command] = manifest["features"]["slash_commands"]
    assert command["command"] == "/kudos"
    assert re.fullmatch(r"https://[^/\s]+/api/slack", command["url"])
    assert command["should_escape"] is True  # mentions arrive as <@U…|name>, the form the intake matches
    assert len(command["description"]) <= 2000 and len(command["usage_hint"]) <= 1000
    assert manifest["oauth_config"]["scopes"]["bot"] == ["commands"]  # nothing more than a slash command needs
    assert manifest["settings"]["socket_mode_enabled"] is False  # the intake is reached over HTTPS


def test_the_chat_page_links_the_manifest_and_names_both_endpoints() -> None:
    page = (DOCS / "chat.md").read_text(encoding="utf-8")
    assert "(slack-manifest.yml)" in page
    for needed in ("/api/slack", "/api/teams", "KUDOS_SLACK_SIGNING_SECRET", "KUDOS_TEAMS_SECRET",
                   "--slack-secret-file", "--teams-secret-file", "kudos people import-chat"):
        assert needed in page


def _recipe(name: str) -> str:
    page = (DOCS / "chat.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", page, flags=re.DOTALL)
    [block] = [b for b in blocks if b.startswith(f"# {name}\n")]
    return block


def test_the_documented_signed_requests_are_accepted_as_written(chat_inbox: Any) -> None:  # noqa: F811
    slack_secret = "local-test-secret-0123456789"
    teams_token = base64.b64encode(b"local test webhook key, 32 bytes").decode()
    inbox = chat_inbox(slack_secret=slack_secret, teams_token=teams_token)
    environ = {
        **os.environ, "PORT": str(inbox.port), "KUDOS_SLACK_SIGNING_SECRET": slack_secret,
        "KUDOS_TEAMS_SECRET": teams_token, "TS": str(int(NOW)),
        "NOW": dt.datetime.fromtimestamp(NOW, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
    }
    answers = {}
    for name in ("signed-slack-request", "signed-teams-request"):
        done = subprocess.run(["bash", "-euo", "pipefail", "-c", _recipe(name)], env=environ,
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
        answers[name] = json.loads(done.stdout)
    assert answers["signed-slack-request"]["response_type"] == "ephemeral"
    assert "Thank you!" in answers["signed-slack-request"]["text"]
    assert answers["signed-teams-request"]["type"] == "message"
    assert "Thank you!" in answers["signed-teams-request"]["text"]
    stored = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in inbox.inbox_files()]
    assert sorted((s["from"], s["to"][0], s["principles"][0]) for s in stored) == [
        ("ana-lima", "ben-okafor", "little-wows"), ("ana-lima", "ben-okafor", "patience"),
    ]
    tampered = _recipe("signed-slack-request").replace('--data-raw "$BODY"', '--data-raw "${BODY/calm/cold}"')
    done = subprocess.run(["bash", "-c", tampered], env=environ, capture_output=True, text=True, timeout=60, check=False)
    assert json.loads(done.stdout) == {"error": "the request is not signed by Slack with this site's secret"}
    assert len(inbox.inbox_files()) == 2
