"""`POST /api/slack`: the `/kudos` slash command.

Slack signs each request with the app's signing secret: `X-Slack-Signature`
is `v0=` and the hex HMAC-SHA256 of `v0:<X-Slack-Request-Timestamp>:<raw
body>`. The signature is checked before the body is read as a form, in
constant time, and a timestamp more than five minutes away (either way) is
refused, so a captured request is good for five minutes at most; within
them, its `trigger_id` is remembered and a second copy stores nothing.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import html
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import chat

if TYPE_CHECKING:
    from .app import Intake

PATH = "/api/slack"
MAX_SKEW = 300  # seconds between Slack's timestamp and our clock, either way
MAX_FIELDS = 40  # a slash command sends about fifteen
_SECONDS = re.compile(r"[0-9]{1,12}")  # ASCII digits only: str.isdigit() also takes superscripts

# Slack escapes what a person typed: <@U…|name> a member, <#C…|name> a channel,
# <!here>, <!subteam^S…|@team> groups, <https://…|label> a link.
_TOKEN = re.compile(
    r"<@(?P<member>[UW][A-Z0-9]+)(?:\|[^>]*)?>"
    r"|<#(?P<channel>C[A-Z0-9]+)(?:\|(?P<channel_name>[^>]*))?>"
    r"|<!(?P<group>[^>|]+)(?:\|[^>]*)?>"
    r"|<(?P<url>(?:https?://|mailto:)[^>|\s]+)(?:\|(?P<label>[^>]*))?>"
    r"|(?<!\S)#(?P<principle>[A-Za-z0-9][\w-]*)"
)


VARIABLE = "KUDOS_SLACK_SIGNING_SECRET"


def secrets_from(path: Path | None, environ: Mapping[str, str]) -> tuple[bytes, ...]:
    """The app's signing secrets (Slack: Basic Information, App Credentials, Signing Secret)."""
    found = chat.secrets_from(path, VARIABLE, environ)
    for secret in found:
        if len(secret) < 16:
            raise chat.SecretError(f"{path or VARIABLE}: a Slack signing secret is 32 characters; this one is {len(secret)}")
    return tuple(secret.encode("utf-8") for secret in found)


def signature(secret: bytes, timestamp: str, body: bytes) -> str:
    """What Slack sends as X-Slack-Signature for this body."""
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    return "v0=" + hmac.new(secret, base, hashlib.sha256).hexdigest()


def verified(secrets: tuple[bytes, ...], timestamp: str, sent: str, body: bytes, now: float) -> bool:
    if not (_SECONDS.fullmatch(timestamp) and sent):
        return False
    if abs(now - int(timestamp)) > MAX_SKEW:
        return False
    matched = False
    for secret in secrets:  # every secret compared (rotation), each in constant time
        matched |= hmac.compare_digest(signature(secret, timestamp, body).encode(), sent.encode("latin-1"))
    return matched


def read_text(text: str) -> chat.Said:
    """The command's text into mentions, `#principles` and the message."""
    mentions: list[tuple[str, ...]] = []
    principles: list[str] = []
    groups = nameless = 0

    def take(match: re.Match[str]) -> str:
        nonlocal groups, nameless
        if match["member"]:
            mentions.append((match["member"],))
            return f" {chat.mark(len(mentions) - 1)} "
        if match["channel"]:
            # `#patience` arrives as a channel link when a channel of that name exists.
            name = (match["channel_name"] or "").strip().lstrip("#")
            if name:
                principles.append(name)
            else:
                nameless += 1
        elif match["group"]:
            groups += 1
        elif match["url"]:
            label = (match["label"] or "").strip()
            return f"[{label}]({match['url']})" if label and not re.search(r"[\[\]]", label) else match["url"]
        elif match["principle"]:
            principles.append(match["principle"])
        return " "

    rest = _TOKEN.sub(take, chat.clean(text))
    message = " ".join(html.unescape(rest).split())  # Slack sends &amp; &lt; &gt;
    return chat.Said(tuple(mentions), tuple(principles), message, groups, nameless)


def escape(text: str) -> str:
    """Slack's mrkdwn reads <…> as links and mentions: text we echo must not become one."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _form(body: bytes) -> dict[str, str] | None:
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=True, max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError):
        return None
    form = dict(pairs)
    return form if len(form) == len(pairs) else None  # a repeated field is not Slack


async def receive(intake: Intake, request: Request) -> Response:
    secrets = intake.settings.slack_secrets
    body = await chat.body_for(intake, request, bool(secrets))
    if isinstance(body, Response):
        return body
    timestamp = request.headers.get("x-slack-request-timestamp", "")
    if not verified(secrets, timestamp, request.headers.get("x-slack-signature", ""), body, intake.wall_clock()):
        return chat.unverified(chat.SLACK)
    form = _form(body)
    if form is not None and form.get("ssl_check") == "1":  # Slack checking the certificate: nothing to do
        return Response(status_code=200)
    if form is None or "user_id" not in form:
        return JSONResponse({"error": "the body is not a Slack slash command"}, 400)
    trigger = form.get("trigger_id", "")
    key = chat.replay_key(chat.SLACK, form.get("team_id", ""), trigger) if trigger else chat.replay_key(chat.SLACK, timestamp, body)
    said = read_text(form.get("text", ""))
    reply = await run_in_threadpool(chat.answer, intake, chat.SLACK, (form["user_id"],), said, key)
    return JSONResponse({"response_type": "ephemeral", "text": escape(reply.text)})


def routes(intake: Intake) -> list[Route]:
    return [Route(PATH, functools.partial(receive, intake), methods=["POST"])]
