"""The intake service: `POST /api/kudos` for staff who have no repository account.

Starlette gives the routing, the request and the responses and nothing
more; the checks are ours and in the order that costs an attacker most
and us least: origin, rate, authentication, size, syntax, then the same
validation the build runs. Accepted entries become files in the inbox
(`store.submit`); nothing is published until a moderator approves it.
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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..core.entryfile import Context, load_context
from ..core.model import Problem
from ..settings import read_settings
from . import store

MAX_KEYS = 20  # an entry has nine fields; anything far beyond is not a person typing
MAX_LIST = 50  # recipients or principles in one entry
API_PATH = "/api/kudos"
TOKEN_MIN = 16


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
    from ..settings import _TolerantLoader  # tags such as !ENV are not ours to resolve

    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError):
        return None
    url = config.get("site_url") if isinstance(config, dict) else None
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
    rate: int = 30  # requests per client ...
    per: float = 60.0  # ... in this many seconds


class RateLimiter:
    """A token bucket per client: `rate` requests, refilled evenly over `per` seconds."""

    def __init__(self, rate: int, per: float) -> None:
        self.rate, self.per = rate, per
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def allow(self, key: str) -> float:
        """0 when allowed, else the seconds to wait."""
        now = time.monotonic()
        with self.lock:
            tokens, last = self.buckets.get(key, (float(self.rate), now))
            tokens = min(float(self.rate), tokens + (now - last) * self.rate / self.per)
            if tokens >= 1:
                self.buckets[key] = (tokens - 1, now)
                if len(self.buckets) > 10_000:
                    self._forget_full(now)
                return 0.0
            self.buckets[key] = (tokens, now)
            return (1 - tokens) * self.per / self.rate

    def _forget_full(self, now: float) -> None:
        full = [k for k, (t, last) in self.buckets.items() if t + (now - last) * self.rate / self.per >= self.rate]
        for key in full:
            del self.buckets[key]


class ContextCache:
    """People, principles and today, re-read only when their files change (or the day does)."""

    def __init__(self, config_file: Path) -> None:
        self.config_file = config_file
        self.lock = threading.Lock()
        self.key: tuple[Any, ...] | None = None
        self.context: Context | None = None
        self.settings_at = 0.0
        self.settings = read_settings(config_file)

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
                self.settings = read_settings(self.config_file)
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


def _printable(text: str) -> str:
    return re.sub(r"[^\x20-\x7e\u00a0-\uffff]", "", text)[:200]


@dataclass
class Intake:
    settings: InboxSettings
    contexts: ContextCache = field(init=False)
    limiter: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        self.contexts = ContextCache(self.settings.config_file)
        self.limiter = RateLimiter(self.settings.rate, self.settings.per)

    def cors(self, request: Request) -> dict[str, str]:
        origin = request.headers.get("origin")
        if origin and origin.lower() in self.settings.allowed_origins:
            return {
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Credentials": "true",
                "Vary": "Origin",
            }
        return {"Vary": "Origin"}

    def origin_refused(self, request: Request) -> bool:
        # Browsers always send Origin on a cross-site POST; servers and
        # scripts send none and are held to the token alone.
        origin = request.headers.get("origin")
        return origin is not None and origin.lower() not in self.settings.allowed_origins

    def trusted_user(self, request: Request) -> str:
        name = self.settings.trusted_header
        peer = request.client.host if request.client else ""
        if name and peer in self.settings.trusted_proxies:
            return _printable(request.headers.get(name, "").strip())
        return ""

    def token_ok(self, request: Request) -> bool:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            return False
        digest = hashlib.sha256(given.strip().encode("utf-8")).digest()
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
            "Access-Control-Allow-Headers": "Authorization, Content-Type, Accept",
            "Access-Control-Max-Age": "600",
        })
        return Response(status_code=204, headers=headers)

    async def submit(self, request: Request) -> Response:
        cors = self.cors(request)
        if self.origin_refused(request):
            return _error(403, "origin not allowed", cors, hint="start the inbox with --allow-origin for the site's address")
        user = self.trusted_user(request)
        peer = request.client.host if request.client else "?"
        wait = self.limiter.allow(f"user:{user}" if user else f"ip:{peer}")
        if wait:
            return _error(429, "too many requests", {**cors, "Retry-After": str(max(1, round(wait)))})
        if not user and not self.token_ok(request):
            return _error(401, "a valid bearer token is required", {**cors, "WWW-Authenticate": 'Bearer realm="kudos"'})
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.settings.max_body):
            return _error(413, f"the body must be at most {self.settings.max_body} bytes", cors)
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media != "application/json":
            return _error(415, "send the entry as application/json", cors)
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > self.settings.max_body:
                return _error(413, f"the body must be at most {self.settings.max_body} bytes", cors)
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
            return _error(400, "malformed JSON", cors, detail=str(error)[:200])
        shape = self.shape_problem(payload)
        if shape:
            return _error(422, "invalid entry", cors, problems=[_problem_json(shape)])
        entry_id, problems = await run_in_threadpool(self.store, payload, user)
        if entry_id is None:
            return _error(422, "invalid entry", cors, problems=[_problem_json(p) for p in problems])
        return JSONResponse({"id": entry_id, "status": "pending"}, status_code=201, headers=cors)

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

    def store(self, payload: dict[str, Any], user: str) -> tuple[str | None, list[Problem]]:
        return store.submit(self.contexts.get(), payload, received_by=user)

    async def health(self, request: Request) -> Response:
        folder = store.inbox_dir(self.contexts.settings.data_dir)
        writable = os.access(folder if folder.exists() else folder.parent, os.W_OK)
        if not writable:
            return _error(503, "the inbox folder is not writable")
        return JSONResponse({"status": "ok", "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")})


def create_app(settings: InboxSettings) -> Starlette:
    intake = Intake(settings)
    app = Starlette(
        routes=[
            Route(API_PATH, intake.submit, methods=["POST"]),
            Route(API_PATH, intake.preflight, methods=["OPTIONS"]),
            Route("/healthz", intake.health, methods=["GET", "HEAD"]),
        ]
    )
    app.state.intake = intake
    return app
