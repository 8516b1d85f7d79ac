"""`POST /api/teams`: a Microsoft Teams outgoing webhook ("@Kudos thanks @Ben ...").

Teams signs the raw body: `Authorization: HMAC <base64 of HMAC-SHA256>`,
keyed with the base64-decoded security token shown when the webhook is
made. The HMAC carries no time, so a captured request could be sent again
forever: the activity's own `timestamp` (inside the signed body) must be
within five minutes of our clock, and its `id` is remembered for a day, so
a copy is either refused as old or recognised and stores nothing.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import hashlib
import hmac
import html
import json
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import chat

if TYPE_CHECKING:
    from .app import Intake

PATH = "/api/teams"
MAX_SKEW = 300  # seconds between the activity's timestamp and our clock, either way
BOT_PREFIX = "28:"  # Teams ids of bots, such as the webhook itself
_BREAKS = {"br", "p", "div", "li", "tr"}


VARIABLE = "KUDOS_TEAMS_SECRET"


def keys_from(path: Path | None, environ: Mapping[str, str]) -> tuple[bytes, ...]:
    """The webhooks' security tokens, base64 as Teams shows them, decoded into HMAC keys."""
    keys = []
    for token in chat.secrets_from(path, VARIABLE, environ):
        try:
            key = base64.b64decode(token, validate=True)
        except (binascii.Error, ValueError):
            key = b""
        if len(key) < 16:
            raise chat.SecretError(f"{path or VARIABLE}: not a Teams security token - copy the base64 token Teams showed when the webhook was made")
        keys.append(key)
    return tuple(keys)


def signature(key: bytes, body: bytes) -> str:
    """What Teams sends after `HMAC ` for this body."""
    return base64.b64encode(hmac.new(key, body, hashlib.sha256).digest()).decode("ascii")


def verified(keys: tuple[bytes, ...], authorization: str, body: bytes) -> bool:
    scheme, _, given = authorization.partition(" ")
    if scheme != "HMAC" or not given:
        return False
    try:
        sent = base64.b64decode(given.strip(), validate=True)
    except (binascii.Error, ValueError):
        return False
    matched = False
    for key in keys:  # every token compared (rotation), each in constant time
        matched |= hmac.compare_digest(hmac.new(key, body, hashlib.sha256).digest(), sent)
    return matched


class _Text(HTMLParser):
    """The message's words, with each `<at>…</at>` mention taken out and kept in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.mentions: list[str] = []
        self._at: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "at":
            self._at = []
        elif tag in _BREAKS:
            self.words.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "at" and self._at is not None:
            self.mentions.append("".join(self._at).strip())
            self._at = None
            self.words.append(f" {chat.mark(len(self.mentions) - 1)} ")

    def handle_data(self, data: str) -> None:
        (self._at if self._at is not None else self.words).append(data)


def _plain(text: str) -> _Text:
    parser = _Text()
    parser.feed(text)
    parser.close()
    return parser


def _mentioned(activity: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """(shown text, accounts) of each mention entity; the webhook's own has no accounts."""
    recipient = activity.get("recipient")
    bot = str(recipient.get("id") or "") if isinstance(recipient, dict) else ""
    found = []
    entities = activity.get("entities")
    for entity in entities if isinstance(entities, list) else []:
        if not isinstance(entity, dict) or entity.get("type") != "mention" or not isinstance(entity.get("mentioned"), dict):
            continue
        who = entity["mentioned"]
        ident, aad = str(who.get("id") or ""), str(who.get("aadObjectId") or "")
        shown = " ".join(_plain(str(entity.get("text") or "")).mentions)
        is_bot = ident.startswith(BOT_PREFIX) or (bot != "" and ident == bot)
        found.append((shown, () if is_bot else tuple(a for a in (aad, ident) if a)))
    return found


def read_activity(activity: dict[str, Any]) -> chat.Said:
    """The message's parts; each `<at>` in the text is matched to the first unused entity with its text."""
    parsed = _plain(chat.clean(str(activity.get("text") or "")))
    entities = _mentioned(activity)
    mentions: list[tuple[str, ...]] = []
    place: dict[int, str] = {}  # a mention's mark in the text -> its mark among the recipients, or ""
    groups = 0
    for k, shown in enumerate(parsed.mentions):
        match = next((i for i, (text, _) in enumerate(entities) if text == shown), None)
        place[k] = ""
        if match is None:
            groups += 1  # a tag or a channel mention: not one person
            continue
        accounts = entities.pop(match)[1]
        if accounts:  # the webhook's own mention is not a recipient
            place[k] = chat.mark(len(mentions))
            mentions.append(accounts)
    text = chat.MARK.sub(lambda m: place.get(int(m[1]), ""), "".join(parsed.words))
    words, principles = [], []
    for word in text.split():
        if word.startswith("#") and len(word) > 1 and word[1].isalnum():
            name = word[1:].rstrip(".,;:!?)")
            principles.append(name)
            word = word[1 + len(name):]
        if word:
            words.append(word)
    return chat.Said(tuple(mentions), tuple(principles), " ".join(words), groups)


def _timely(activity: dict[str, Any], now: float) -> bool:
    stamp = activity.get("timestamp")
    try:
        when = dt.datetime.fromisoformat(str(stamp))
    except ValueError:
        return False
    if when.tzinfo is None:
        return False
    return abs(when.timestamp() - now) <= MAX_SKEW


def escape(text: str) -> str:
    """Teams shows a reply's text as Markdown with some HTML: what we echo stays text."""
    return html.escape(text, quote=False)


async def receive(intake: Intake, request: Request) -> Response:
    keys = intake.settings.teams_keys
    body = await chat.body_for(intake, request, bool(keys))
    if isinstance(body, Response):
        return body
    if not verified(keys, request.headers.get("authorization", ""), body):
        return chat.unverified(chat.TEAMS)
    try:
        activity = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        activity = None
    if not isinstance(activity, dict) or not isinstance(activity.get("from"), dict):
        return JSONResponse({"error": "the body is not a Teams message activity"}, 400)
    if not _timely(activity, intake.wall_clock()):
        return JSONResponse({"error": "the activity's timestamp is missing or more than 5 minutes away"}, 401)
    said = read_activity(activity)
    sender = activity["from"]
    senders = tuple(str(a) for a in (sender.get("aadObjectId"), sender.get("id")) if a)
    key = chat.replay_key(chat.TEAMS, str(activity.get("id") or ""), b"" if activity.get("id") else body)
    reply = await run_in_threadpool(chat.answer, intake, chat.TEAMS, senders, said, key)
    return JSONResponse({"type": "message", "text": escape(reply.text).replace("\n", "\n\n")})


def routes(intake: Intake) -> list[Route]:
    return [Route(PATH, functools.partial(receive, intake), methods=["POST"])]
