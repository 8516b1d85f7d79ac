"""The intake service: `POST /api/kudos` for staff who have no repository account.

Starlette gives the routing, the request and the responses and nothing
more; the checks are ours and in the order that costs an attacker most
and us least: origin, authentication (wrong codes are throttled per
address), size, syntax, the signed-in giver, then the same validation
the build runs and the limit of entries per person. Accepted entries
become files in the inbox (`store.keep`); nothing is published until a
moderator approves it. A body with an `idea` field is a little-things
idea instead: the same checks, the build's idea validation, `by` in
place of `from`, and approval moves it to `kudos/ideas/`. An `Idempotency-Key` makes a retry safe: the same
key gets the same answer and never a second file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import anyio
from filelock import Timeout
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..core.data.entryfile import Context, load_context
from ..core.data.model import CUSTOMER, Problem
from ..core.data.project import SettingsError, read_config, read_project
from . import cards, slack, store, teams
from .body import BodyError, parse_body, printable
from .limits import EntryLimiter, FailureThrottle, retry_after

MAX_KEYS = 20  # an entry has nine fields; anything far beyond is not a person typing
MAX_LIST = 50  # recipients or principles in one entry
API_PATH = "/api/kudos"
TOKEN_MIN = 16
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,200}")


class TokenError(ValueError):
    pass


def read_tokens(path: Path) -> tuple[bytes, ...]:
    """One token a line (several allow rotation); `#` starts a comment. Kept only as digests."""
    tokens = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        token = line.split("#", 1)[0].strip()
        if not token:
            continue
        if len(token) < TOKEN_MIN:
            raise TokenError(
                f"{path}:{number}: token is shorter than {TOKEN_MIN} characters - "
                "make one with: python -c \"import secrets; print(secrets.token_urlsafe(32))\""
            )
        tokens.append(hashlib.sha256(token.encode("utf-8")).digest())
    if not tokens:
        raise TokenError(f"{path}: no token in the file - put one token on a line")
    return tuple(tokens)


def site_origin(config_file: Path) -> str | None:
    """The origin of mkdocs.yml's `site_url`: where the give page's requests come from."""
    try:
        url = read_config(config_file).get("site_url")
    except (OSError, SettingsError):
        return None
    return origin_of(url) if isinstance(url, str) else None


def origin_of(url: str) -> str | None:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


@dataclass
class InboxSettings:
    config_file: Path
    tokens: tuple[bytes, ...] = ()
    allowed_origins: frozenset[str] = frozenset()
    trusted_header: str = ""  # e.g. X-Forwarded-User, set by an SSO proxy
    trusted_proxies: frozenset[str] = frozenset({"127.0.0.1", "::1"})
    max_body: int = 64 * 1024
    rate: int = 30  # entries accepted per identity ...
    per: float = 3600.0  # ... in this many seconds
    failures: int = 10  # different wrong access codes per address ...
    failures_per: float = 600.0  # ... in this many seconds
    body_timeout: float = 20.0  # seconds for a whole request body to arrive
    slack_secrets: tuple[bytes, ...] = ()  # signing secrets of the Slack app; none: /api/slack is 404
    teams_keys: tuple[bytes, ...] = ()  # decoded security tokens of Teams webhooks; none: /api/teams is 404


class ContextCache:
    """People, principles and today, re-read only when their files change (or the day does)."""

    def __init__(self, config_file: Path) -> None:
        self.config_file = config_file
        self.lock = threading.Lock()
        self.key: tuple[Any, ...] | None = None
        self.context: Context | None = None
        self.settings_at = 0.0
        self.settings = read_project(config_file)

    def _stamp(self, paths: Iterable[Path]) -> tuple[Any, ...]:
        stamp: list[tuple[str, int | None, int | None]] = []
        for path in paths:
            try:
                st = path.stat()
                stamp.append((str(path), st.st_mtime_ns, st.st_size))
            except OSError:
                stamp.append((str(path), None, None))
        return tuple(stamp)

    def get(self) -> Context:
        with self.lock:
            now = time.monotonic()
            if now - self.settings_at > 30:  # picks up a new day, or an edited mkdocs.yml
                self.settings = read_project(self.config_file)
                self.settings_at = now
            s = self.settings
            folder = s.docs_dir / s.principles_dir
            watched = [s.data_dir / "people.yml", s.data_dir / "people.yaml", folder]
            if folder.is_dir():
                watched += sorted(folder.glob("*.md"))
            key = (s.today, s.data_dir, self._stamp(watched))
            if key != self.key or self.context is None:
                self.context = load_context(s)
                self.key = key
            return self.context


def _problem_json(problem: Problem) -> dict[str, str]:
    text = problem.message + (f" - {problem.hint}" if problem.hint else "")
    return {"message": problem.message, "hint": problem.hint, "text": text}


def _error(status: int, error: str, headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": error, **extra}, status_code=status, headers=headers)




@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Intake:
    settings: InboxSettings
    clock: Callable[[], float] = time.monotonic
    wall_clock: Callable[[], float] = time.time  # seconds since 1970: chat signatures carry such times
    contexts: ContextCache = field(init=False)
    entries: EntryLimiter = field(init=False)
    failures: FailureThrottle = field(init=False)

    def __post_init__(self) -> None:
        self.contexts = ContextCache(self.settings.config_file)
        self.entries = EntryLimiter(self.settings.rate, self.settings.per, self.clock)
        self.failures = FailureThrottle(self.settings.failures, self.settings.failures_per, self.clock)
        # Striped: requests with the same key wait for each other, others rarely do.

    def cors(self, request: Request) -> dict[str, str]:
        origin = request.headers.get("origin")
        if origin and origin.lower() in self.settings.allowed_origins:
            return {
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Credentials": "true",
                "Access-Control-Expose-Headers": "Retry-After",
                "Vary": "Origin",
            }
        return {"Vary": "Origin"}

    def origin_refused(self, request: Request) -> bool:
        # Browsers always send Origin on a cross-site POST; servers and
        # scripts send none and are held to the token alone.
        origin = request.headers.get("origin")
        return origin is not None and origin.lower() not in self.settings.allowed_origins

    def repeated_identity(self, request: Request) -> str:
        """An identity header sent more than once, by name: which one was meant is unknown.

        A proxy that adds its own X-Forwarded-User after the client's, instead
        of replacing it, would otherwise let the client's win.
        """
        for name in filter(None, (self.settings.trusted_header, "authorization")):
            if len(request.headers.getlist(name)) > 1:
                return name
        return ""

    def trusted_user(self, request: Request) -> str:
        name = self.settings.trusted_header
        peer = request.client.host if request.client else ""
        if name and peer in self.settings.trusted_proxies:
            return printable(request.headers.get(name, "").strip())
        return ""

    def credential(self, request: Request) -> bytes | None:
        """The digest of the bearer token sent, or None when none was sent."""
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            return None
        return hashlib.sha256(given.strip().encode("utf-8", "surrogateescape")).digest()

    def token_ok(self, digest: bytes) -> bool:
        matched = False
        for token in self.settings.tokens:  # every token compared, in constant time each
            matched |= hmac.compare_digest(digest, token)
        return matched

    async def preflight(self, request: Request) -> Response:
        if self.origin_refused(request) or not request.headers.get("origin"):
            return _error(403, "origin not allowed")
        headers = self.cors(request)
        headers.update({
            "Access-Control-Allow-Methods": "POST, OPTIONS",
            "Access-Control-Allow-Headers": "Authorization, Content-Type, Accept, Idempotency-Key",
            "Access-Control-Max-Age": "600",
        })
        return Response(status_code=204, headers=headers)

    async def read_body(self, request: Request) -> bytes | None:
        """The whole body, within `max_body` bytes and `body_timeout` seconds; None when too large."""
        body = bytearray()
        with anyio.fail_after(self.settings.body_timeout):
            async for chunk in request.stream():
                body += chunk
                if len(body) > self.settings.max_body:
                    return None
        return bytes(body)

    async def submit(self, request: Request) -> Response:
        cors = self.cors(request)
        if self.origin_refused(request):
            return _error(403, "origin not allowed", cors, hint="start the inbox with --allow-origin for the site's address")
        repeated = self.repeated_identity(request)
        if repeated:
            return _error(400, f"the {repeated} header is sent more than once", cors,
                          hint="send it once; a proxy in front of the inbox must replace the client's header, not add its own")
        user = self.trusted_user(request)
        peer = request.client.host if request.client else "?"
        scope = f"login:{user}"
        if not user:
            digest = self.credential(request)
            unauthorised = {**cors, "WWW-Authenticate": 'Bearer realm="kudos"'}
            if digest is None:  # no code at all: not a guess, so it costs nothing
                return _error(401, "a valid bearer token is required", unauthorised)
            wait = self.failures.wait(peer)
            if wait:
                return _error(
                    429, "too many wrong access codes from this address", {**cors, "Retry-After": retry_after(wait)},
                    hint="check the access code, then try again later",
                )
            if not self.token_ok(digest):
                self.failures.failed(peer, digest)
                return _error(401, "a valid bearer token is required", unauthorised)
            scope = f"token:{digest.hex()}"
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.settings.max_body):
            return _error(413, f"the body must be at most {self.settings.max_body} bytes", cors)
        media, _, parameters = request.headers.get("content-type", "").partition(";")
        charset = re.search(r"charset\s*=\s*\"?([\w-]+)", parameters, re.IGNORECASE)
        if media.strip().lower() != "application/json" or (charset and charset[1].lower() not in ("utf-8", "utf8")):
            return _error(415, "send the entry as application/json", cors, hint="Content-Type: application/json (UTF-8)")
        key = request.headers.get("idempotency-key")
        if key is not None and not KEY_PATTERN.fullmatch(key):
            return _error(400, "malformed Idempotency-Key", cors, hint="send 8 to 200 letters, digits, '-' or '_'")
        try:
            body = await self.read_body(request)
        except TimeoutError:
            return _error(408, "the body took too long to arrive", {**cors, "Connection": "close"}, hint="send it again")
        except ClientDisconnect:
            return Response(status_code=400)  # nobody is left to read it
        if body is None:
            return _error(413, f"the body must be at most {self.settings.max_body} bytes", cors)
        try:
            payload = parse_body(body)
        except BodyError as error:
            return _error(400, "malformed JSON", cors, detail=error.reason, hint=error.hint)
        shape = self.shape_problem(payload)
        if shape:
            what = "invalid idea" if store.is_idea(payload) else "invalid card" if cards.is_card(payload) else "invalid entry"
            return _error(422, what, cors, problems=[_problem_json(shape)])
        stored_key = hashlib.sha256(f"{scope}\0{key}".encode()).hexdigest() if key else ""
        answer = await run_in_threadpool(self.accept, payload, user, peer, stored_key)
        return JSONResponse(answer.body, status_code=answer.status, headers={**cors, **answer.headers})

    def shape_problem(self, payload: Any) -> Problem | None:
        """Limits on top of the entry format, so a request cannot make us work hard."""
        if not isinstance(payload, dict):
            return Problem(store.SHOWN_PATH, None, "an entry must be a JSON object of fields", "send {\"date\": ..., \"from\": ...}")
        if len(payload) > MAX_KEYS:
            return Problem(store.SHOWN_PATH, None, f"an entry has at most {MAX_KEYS} fields", "send only the entry's fields")
        for key, value in payload.items():
            if isinstance(value, list) and len(value) > MAX_LIST:
                return Problem(store.SHOWN_PATH, None, f"'{key}' lists more than {MAX_LIST} items", "send fewer")
            if isinstance(value, (dict, list)) and any(isinstance(v, (dict, list)) for v in (value.values() if isinstance(value, dict) else value)):
                return Problem(store.SHOWN_PATH, None, f"'{key}' is nested too deeply", "send ids as text")
        return None

    def signed_in_as(self, context: Context, login: str) -> str | Answer:
        """The person id whose `login` in people.yml is the SSO user; refused when none or several."""
        wanted = login.casefold()
        found = [pid for pid, p in context.people.items() if p.contact.login and p.contact.login.casefold() == wanted]
        if len(found) == 1:
            return found[0]
        reason = "your sign-in is not linked to a person" if not found else "your sign-in is linked to several people"
        return Answer(403, {"error": reason, "hint": f"ask the site's editors to give you one 'login: {login}' in people.yml"})

    def accept(self, payload: dict[str, Any], user: str, peer: str, key: str) -> Answer:
        """Everything after the request is read: who gives, validation, the limit, the file, the key."""
        context = self.contexts.get()
        idea = store.is_idea(payload)
        card = cards.is_card(payload)  # a card has no author field: the rate limit is the sender's
        who = "by" if idea else "from"  # an idea's author is its `by`, as an entry's giver is its `from`
        giver = "" if card else str(payload.get(who, ""))
        me = ""  # the signed-in person's id: they always know themselves
        if user:
            person = self.signed_in_as(context, user)
            if isinstance(person, Answer):
                return person
            me = person
            if not card:
                payload.setdefault(who, person)
            giver = person if card else str(payload[who])
            if idea and giver != person:
                return Answer(403, {
                    "error": f"you are signed in as '{person}'; an idea you send is by '{person}'",
                    "hint": "send 'by' as your own id, or leave it out",
                })
            if not idea and giver not in (person, CUSTOMER):
                return Answer(403, {
                    "error": f"you are signed in as '{person}'; an entry you send is from '{person}'",
                    "hint": "send 'from' as your own id; set 'anonymous: true' to hide your name",
                })
        # From here on, who opted out is unknown: their id is answered as an unknown one.
        context = context.as_the_site_shows_it(me)
        identity = (f"login:{user}" if user else f"card@{peer}" if card
                    else f"customer@{peer}" if giver == CUSTOMER else f"from:{giver}")
        if not key:
            return self.store(context, payload, user, identity)
        fingerprint = hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()
        try:
            with store.key_lock(context.data_dir, key):
                return self._once(context, payload, user, identity, key, fingerprint)
        except Timeout:
            return Answer(503, {"error": "this Idempotency-Key is busy", "hint": "send it again in a moment"},
                          {"Retry-After": "5"})

    def _once(self, context: Context, payload: dict[str, Any], user: str, identity: str, key: str,
              fingerprint: str) -> Answer:
        """The remembered answer for a key, or the entry stored and its answer remembered."""
        known = store.recall(context.data_dir, key)
        if known is not None:
            if known.get("fingerprint") != fingerprint:
                return Answer(422, {
                    "error": "this Idempotency-Key was sent with another entry",
                    "hint": "use a new key for each entry",
                })
            return Answer(int(known["status"]), dict(known["body"]), {"Idempotent-Replayed": "true"})
        answer = self.store(context, payload, user, identity)
        if answer.status == 201:
            store.remember(context.data_dir, key, {"fingerprint": fingerprint, "status": 201, "body": answer.body})
        return answer

    def store(self, context: Context, payload: dict[str, Any], user: str, identity: str) -> Answer:
        idea = store.is_idea(payload)
        what = "idea" if idea else "card" if cards.is_card(payload) else "entry"
        raw: Any
        check = {"idea": store.check_idea, "card": store.check_card, "entry": store.check}[what]
        raw, problems = check(context, payload)
        if raw is None:
            return Answer(422, {"error": f"invalid {what}", "problems": [_problem_json(p) for p in problems]})
        wait = self.entries.take(identity)  # ideas and entries share one budget per person
        if wait:
            return Answer(429, {
                "error": "too many entries from one person just now", "hint": f"the {what} is not stored; send it again later",
            }, {"Retry-After": retry_after(wait)})
        if what == "idea":
            kept = store.keep_idea(context, raw, received_by=user)
        elif what == "card":
            kept = store.keep_card(context, raw, received_by=user)
        else:
            kept = store.keep(context, raw, received_by=user)
        return Answer(201, {"id": kept, "status": "pending", "kind": what})

    async def whoami(self, request: Request) -> Response:
        """Under single sign-on: who the give page's visitor is, as a person id and name, never the login.

        Only the site's own origin may read the answer (with credentials), so
        another site cannot learn who its visitors are.
        """
        cors = self.cors(request)
        if not request.headers.get("origin") or self.origin_refused(request):
            return _error(403, "origin not allowed", cors)
        user = self.trusted_user(request) if not self.repeated_identity(request) else ""
        if not user:
            return _error(404, "not signed in", cors)
        context = self.contexts.get()
        person = self.signed_in_as(context, user)
        if isinstance(person, Answer):
            return _error(404, "not signed in as a person of the site", cors)
        return JSONResponse({"id": person, "name": context.people[person].name}, headers={**cors, "Cache-Control": "no-store"})

    async def health(self, request: Request) -> Response:
        folder = store.inbox_dir(self.contexts.settings.data_dir)
        writable = os.access(folder if folder.exists() else folder.parent, os.W_OK)
        if not writable:
            return _error(503, "the inbox folder is not writable", {"Retry-After": "60"})
        return JSONResponse({"status": "ok", "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")})


def create_app(
    settings: InboxSettings, clock: Callable[[], float] = time.monotonic, wall_clock: Callable[[], float] = time.time
) -> Starlette:
    intake = Intake(settings, clock, wall_clock)
    app = Starlette(
        routes=[
            Route(API_PATH, intake.submit, methods=["POST"]),
            Route(API_PATH, intake.preflight, methods=["OPTIONS"]),
            Route("/healthz", intake.health, methods=["GET", "HEAD"]),
            Route("/api/whoami", intake.whoami, methods=["GET"]),
            *slack.routes(intake),
            *teams.routes(intake),
        ]
    )
    app.state.intake = intake
    return app
