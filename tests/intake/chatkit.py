"""Chat requests shaped and signed as Slack and Teams send them, to the intake under uvicorn on 127.0.0.1.

The app runs in this process so its clock can be fixed: a Slack timestamp
and a Teams activity's time are judged against `Clock`, never the machine's.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import http.client
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import uvicorn

from intake.conftest import free_port
from kudoswall.intake.app import InboxSettings, create_app
from sites import Site, make_site

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc).timestamp()
SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"  # the shape of Slack's signing secrets: 32 hex-like characters
TEAMS_TOKEN = base64.b64encode(hashlib.sha256(b"fixture webhook").digest()).decode()  # as Teams shows it
BOT = {"id": "28:c9e8c047-2a74-40a2-b28a-b162d5f5327c", "name": "Kudos"}

SLACK_IDS = {"ana-lima": "U024BE7LH", "ben-okafor": "U0G9QF9C6", "cleo-park": "W0CLEOPARK", "zed-private": "U0ZEDPRIV9"}
TEAMS_AAD = {
    "ana-lima": "6f1c2a9e-0b7d-4c55-9a3e-2d8b1f0c7e41",
    "cleo-park": "0c8e7d10-91f2-4a7b-8d2e-5f0a3b9c1e77",
    "zed-private": "a3d9c2b1-7e44-4f0a-9c61-0b2e8f7d5a19",
}
# Ben is linked by his Teams user id: mention entities do not always carry aadObjectId.
BEN_TEAMS_ID = "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkK"
CHAT_IDS = [*SLACK_IDS.values(), *TEAMS_AAD.values(), BEN_TEAMS_ID]


def chat_site(root: Path) -> Site:
    """The fixture company, every person linked to Slack and Teams (Zephyrine opted out)."""
    site = make_site(root)
    lines = (site.root / "kudos/people.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    out, person = [], ""
    for line in lines:
        out.append(line)
        if not line.startswith(" "):
            person = line.split(":", 1)[0]
        elif line.startswith("  name:"):
            if person in SLACK_IDS:
                out.append(f"  slack: {SLACK_IDS[person]}\n")
            teams = TEAMS_AAD.get(person) or (f'"{BEN_TEAMS_ID}"' if person == "ben-okafor" else "")
            if teams:
                out.append(f"  teams: {teams}\n")
    site.write("kudos/people.yml", "".join(out))
    site.write_config()
    return site


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@dataclass
class Reply:
    status: int
    body: Any
    raw: bytes

    @property
    def text(self) -> str:
        return str(self.body.get("text", "")) if isinstance(self.body, dict) else ""


def slack_body(text: str, user: str = SLACK_IDS["ana-lima"], trigger: str = "7231009321.1001.a1b2c3") -> bytes:
    """A slash command's form, with the fields in Slack's order."""
    return urlencode({
        "token": "gIkuvaNzQIHg97ATvDxqgjtO", "team_id": "T0ACME001", "team_domain": "acme",
        "channel_id": "C2147483705", "channel_name": "thanks", "user_id": user, "user_name": "someone",
        "command": "/kudos", "text": text, "api_app_id": "A0KUDOS01", "is_enterprise_install": "false",
        "response_url": "https://hooks.slack.com/commands/T0ACME001/1234/abcd", "trigger_id": trigger,
    }).encode("ascii")


def slack_headers(body: bytes, timestamp: float = NOW, secret: str = SLACK_SECRET) -> dict[str, str]:
    stamp = str(int(timestamp))
    digest = hmac.new(secret.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest}", "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    }


def mention(name: str, ident: str, aad: str = "") -> dict[str, Any]:
    who = {"id": ident, "name": name, **({"aadObjectId": aad} if aad else {})}
    return {"type": "mention", "text": f"<at>{name}</at>", "mentioned": who}


def teams_activity(
    text: str, mentions: list[dict[str, Any]], sender: str = "ana-lima", activity_id: str = "1485983408511",
    when: float = NOW,
) -> dict[str, Any]:
    """An outgoing webhook's message activity: `text` is Teams' HTML, the webhook mentioned first."""
    stamp = dt.datetime.fromtimestamp(when, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.1234567Z")
    return {
        "type": "message", "id": activity_id, "timestamp": stamp, "localTimestamp": stamp[:-1] + "+00:00",
        "serviceUrl": "https://smba.trafficmanager.net/emea/", "channelId": "msteams",
        "from": {"id": "29:1senderTeamsUserId0000000000", "name": "Sender", "aadObjectId": TEAMS_AAD.get(sender, "")},
        "conversation": {"isGroup": True, "id": "19:abc@thread.skype;messageid=" + activity_id, "conversationType": "channel",
                         "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47"},
        "recipient": None, "textFormat": "plain", "attachmentLayout": None, "locale": "en-GB",
        "text": f"<at>{BOT['name']}</at>&nbsp;{text}\n",
        "attachments": [{"contentType": "text/html", "content": f"<div><div>{text}</div></div>"}],
        "entities": [
            {"type": "mention", "text": f"<at>{BOT['name']}</at>", "mentioned": BOT}, *mentions,
            {"type": "clientInfo", "locale": "en-GB", "country": "GB", "platform": "Web", "timezone": "Europe/London"},
        ],
        "channelData": {"teamsChannelId": "19:abc@thread.skype", "teamsTeamId": "19:def@thread.skype",
                        "tenant": {"id": "72f988bf-86f1-41af-91ab-2d7cd011db47"}},
    }


def teams_headers(body: bytes, token: str = TEAMS_TOKEN) -> dict[str, str]:
    digest = hmac.new(base64.b64decode(token), body, hashlib.sha256).digest()
    return {"Content-Type": "application/json; charset=utf-8", "Authorization": "HMAC " + base64.b64encode(digest).decode()}


def teams_body(activity: dict[str, Any]) -> bytes:
    return json.dumps(activity, separators=(",", ":")).encode("utf-8")


@dataclass
class ChatInbox:
    site: Site
    port: int
    clock: Clock
    server: uvicorn.Server
    thread: threading.Thread
    sent: list[bytes] = field(default_factory=list)

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> Reply:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            raw = response.read()
        finally:
            connection.close()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode("utf-8", "replace")
        return Reply(response.status, parsed, raw)

    def slack(self, text: str, user: str = SLACK_IDS["ana-lima"], trigger: str = "7231009321.1001.a1b2c3") -> Reply:
        body = slack_body(text, user, trigger)
        return self.post("/api/slack", body, slack_headers(body, self.clock.now))

    def teams(self, text: str, mentions: list[dict[str, Any]], **options: Any) -> Reply:
        body = teams_body(teams_activity(text, mentions, when=self.clock.now, **options))
        return self.post("/api/teams", body, teams_headers(body))

    def inbox_files(self) -> list[Path]:
        folder = self.site.root / "kudos/_inbox"
        return sorted(p for p in folder.glob("*.yml") if not p.name.startswith(".")) if folder.is_dir() else []

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture
def chat_inbox(tmp_path: Path) -> Iterator[Any]:
    """`start(site, slack=True, teams=True)`: the intake app under uvicorn, on a free port, with a fixed clock."""
    started: list[ChatInbox] = []

    def start(
        site: Site | None = None, slack: bool = True, teams: bool = True, rate: int = 30,
        slack_secret: str = SLACK_SECRET, teams_token: str = TEAMS_TOKEN,
    ) -> ChatInbox:
        site = site or chat_site(tmp_path / "chat-site")
        clock = Clock(NOW)
        settings = InboxSettings(
            config_file=site.root / "mkdocs.yml", rate=rate,
            slack_secrets=(slack_secret.encode(),) if slack else (),
            teams_keys=(base64.b64decode(teams_token),) if teams else (),
        )
        app = create_app(settings, clock=clock, wall_clock=clock)
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.02)
        inbox = ChatInbox(site, port, clock, server, thread)
        started.append(inbox)
        if not server.started:
            raise AssertionError("the intake did not start")
        return inbox

    yield start
    for inbox in started:
        inbox.stop()
