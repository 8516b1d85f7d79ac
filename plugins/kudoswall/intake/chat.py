"""Thanks from chat: what Slack's `/kudos` and a Teams outgoing webhook share.

Each service reads its own request into `Said` (who was mentioned, which
`#principle` words, the rest as the message); everything after is here and
the same for both: who the sender and the mentions are in people.yml, the
build's validation, the limit per person, the inbox, and the reply.

A reply is read by the sender (Slack) or by the whole channel (Teams), so
it names only people shown on the wall. A mention of someone who opted
out, left, or is not linked gets the same words, by position ("the 2nd
person you mentioned"), never a name or a chat id.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filelock import Timeout
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from ..core.data.entryfile import Context
from ..core.data.ids import chat_id, did_you_mean, did_you_mean_people
from ..core.data.model import Person
from . import store

if TYPE_CHECKING:
    from .app import Intake

MAX_MENTIONS = 50  # as many recipients as the form takes
# Where a mention stood in the message: a leading one is dropped ("@Ben thanks ..."),
# one inside a sentence becomes the person's name from people.yml ("thanks Ben Okafor and ...").
MARK = re.compile("\ue000(\\d+)\ue001")
_LEADING = re.compile("^(?:[\\s,;:]*\ue000\\d+\ue001)+[\\s,;:]*")


def mark(n: int) -> str:
    """The place of the n-th mention (counted from 0) in `Said.message`."""
    return f"\ue000{n}\ue001"


def clean(text: str) -> str:
    """What a person typed, without the characters that mark mentions."""
    return text.replace("\ue000", "").replace("\ue001", "")


@dataclass(frozen=True)
class Service:
    key: str  # the person field: slack | teams
    name: str  # as people call it
    account: str  # what the sender copies into people.yml
    command: str  # how a thank-you starts


SLACK = Service("slack", "Slack", "Slack member ID (profile, More, Copy member ID)", "/kudos")
TEAMS = Service("teams", "Microsoft Teams", "Entra ID object id (your IT team has it)", "@Kudos")


@dataclass(frozen=True)
class Said:
    """What someone typed, read into its parts by the service's own module."""

    mentions: tuple[tuple[str, ...], ...] = ()  # each mentioned person's chat accounts, in order
    principles: tuple[str, ...] = ()  # the words after '#', as typed
    message: str = ""
    groups: int = 0  # @here, @channel, a user group, a tag: not a person
    nameless: int = 0  # channel links that came without a name

    @property
    def wants_help(self) -> bool:
        words = self.message.strip().lower()
        return words in ("", "help", "?") and not self.mentions and not self.principles


@dataclass(frozen=True)
class Reply:
    lines: tuple[str, ...]
    stored: str = ""  # the inbox id when an entry was stored

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class Directory:
    """Chat account -> person id for one service, built once per people.yml."""

    def __init__(self, people: Mapping[str, Person], kind: str) -> None:
        found: dict[str, list[str]] = {}
        for pid, person in people.items():
            value = getattr(person.contact, kind)
            if value:
                found.setdefault(value, []).append(pid)
        self.ids = {value: pids[0] for value, pids in found.items() if len(pids) == 1}
        self.kind = kind

    def find(self, *accounts: str) -> str | None:
        """The one person with any of these accounts; None when no one (or several: people.yml says which)."""
        for account in accounts:
            normal = chat_id(self.kind, account.strip()) if account else ""
            if normal and normal in self.ids:
                return self.ids[normal]
        return None


_cache: dict[str, tuple[Context, Any]] = {}
_cache_lock = threading.Lock()


def _per_people(context: Context, name: str, make: Callable[[], Any]) -> Any:
    """Made again only when the intake has read people.yml again (a new Context)."""
    with _cache_lock:
        known = _cache.get(name)
        if known is None or known[0] is not context:
            known = (context, make())
            _cache[name] = known
        return known[1]


def directory(context: Context, kind: str) -> Directory:
    found: Directory = _per_people(context, kind, lambda: Directory(context.people, kind))
    return found


def shown(context: Context, pid: str) -> bool:
    """On the wall today, by the one rule every hint follows (`ids.did_you_mean_people`):
    only such people may be thanked from chat or named in a reply."""
    people: frozenset[str] = _per_people(context, "shown", lambda: frozenset(did_you_mean_people(context.people, context.today)))
    return pid in people


class SecretError(ValueError):
    """A chat secret that cannot be used: the message names where it came from and what to do."""


def secrets_from(path: Path | None, variable: str, environ: Mapping[str, str]) -> tuple[str, ...]:
    """The file's secrets (one a line, `#` comments; several allow rotation), else the variable's one."""
    if path is None:
        value = environ.get(variable, "").strip()
        return (value,) if value else ()
    found = tuple(s for line in path.read_text(encoding="utf-8").splitlines() if (s := line.split("#", 1)[0].strip()))
    if not found:
        raise SecretError(f"{path}: no secret in the file - put the secret on a line of its own")
    return found


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def replay_key(service: Service, *parts: str | bytes) -> str:
    """A digest naming one request of a service, for the replay records."""
    digest = hashlib.sha256(service.key.encode())
    for part in parts:
        digest.update(b"\0" + (part if isinstance(part, bytes) else part.encode("utf-8", "surrogateescape")))
    return digest.hexdigest()


async def body_for(intake: Intake, request: Request, configured: bool) -> bytes | Response:
    """The raw body, bounded as the form's is; 404 when the service has no secret (as if the path did not exist)."""
    if not configured:
        return PlainTextResponse("Not Found", status_code=404)
    try:
        body = await intake.read_body(request)
    except TimeoutError:
        return JSONResponse({"error": "the body took too long to arrive"}, 408, {"Connection": "close"})
    except ClientDisconnect:
        return Response(status_code=400)
    if body is None:
        return JSONResponse({"error": f"the body must be at most {intake.settings.max_body} bytes"}, 413)
    return body


def unverified(service: Service) -> JSONResponse:
    """Nothing is read or counted: a failed signature never throttles an address Slack or Microsoft shares."""
    return JSONResponse({"error": f"the request is not signed by {service.name} with this site's secret"}, 401)


def help_reply(context: Context, service: Service) -> Reply:
    ids = list(context.principles)
    example = f"{service.command} @colleague thanks for the calm handover"
    if ids:
        example += f" #{ids[0]}"
    return Reply((
        f"Thank colleagues from {service.name}: {service.command} @person [@person ...] your thanks #principle",
        ("Mention everyone you thank, add the principles it shows as #words, and the rest is your message. "
        "A moderator approves it before it appears on the wall."),
        f"For example: {example}",
        "Principles: " + (", ".join(f"#{pid}" for pid in ids) if ids else "this site has none yet"),
    ))


def _sender(context: Context, service: Service, accounts: tuple[str, ...]) -> tuple[str | None, list[str]]:
    pid = directory(context, service.key).find(*accounts)
    if pid is None:
        return None, [
            (f"Your {service.name} account is not linked to a person on this wall - ask the site's editors to add "
            f"your {service.account} as '{service.key}:' next to your name in people.yml.")
        ]
    return pid, []


def _recipients(context: Context, service: Service, said: Said, sender: str | None) -> tuple[list[str], list[str]]:
    found: list[str] = []
    problems: list[str] = []
    where = directory(context, service.key)
    if len(said.mentions) > MAX_MENTIONS:
        return [], [f"Mention at most {MAX_MENTIONS} people in one thank-you - or thank their team on the site."]
    for n, accounts in enumerate(said.mentions, start=1):
        pid = where.find(*accounts)
        if pid is None or not shown(context, pid):
            problems.append(
                f"The {ordinal(n)} person you mentioned is not linked to anyone on this wall - "
                "check the mention, or thank them on the site's give page."
            )
        elif pid == sender:
            problems.append("You mentioned yourself - thank someone else.")
        elif pid not in found:
            found.append(pid)
    if said.groups:
        problems.append("Groups (@here, @channel, a user group) cannot be thanked - mention each person.")
    if not said.mentions and not said.groups:
        problems.append(f"Mention the people you thank - for example {service.command} @colleague thanks for ...")
    return found, problems


def _principles(context: Context, said: Said) -> tuple[list[str], list[str]]:
    known = list(context.principles)
    found: list[str] = []
    problems: list[str] = []
    for word in said.principles:
        pid = word.lower()
        if pid in context.principles:
            if pid not in found:
                found.append(pid)
            continue
        close = did_you_mean(pid, known)
        hint = close.replace("'", "'#", 1) if close else "the principles are " + (", ".join(f"#{k}" for k in known) or "none yet")
        problems.append(f"Unknown principle '#{word}' - {hint}")
    if said.nameless:
        problems.append("A channel link came without its name - type the principle as a #word.")
    return found, problems


def _message(context: Context, service: Service, said: Said) -> str:
    """The words with each mention put back as a name (only reached for people on the wall) or left out."""
    where = directory(context, service.key)

    def name(match: re.Match[str]) -> str:
        n = int(match[1])
        pid = where.find(*said.mentions[n]) if n < len(said.mentions) else None
        return context.people[pid].name if pid and shown(context, pid) else ""

    return " ".join(MARK.sub(name, _LEADING.sub("", said.message)).split())


def _stored_lines(context: Context, giver: str, recipients: list[str], principles: list[str], message: str, site_url: str) -> tuple[str, ...]:
    names = [context.people[pid].name for pid in recipients]
    to = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    sender = context.people[giver].name if shown(context, giver) else "a colleague"
    lines = [f"Thank you! Your kudos to {to} waits for a moderator's approval:", f"From {sender} to {to}"]
    if principles:
        lines[-1] += " - " + ", ".join(context.principles[pid].title for pid in principles)
    lines.append(f"\u201c{message}\u201d")
    if site_url:
        lines.append(f"Once approved it is on the wall: {site_url.rstrip('/')}/kudos/")
    return tuple(lines)


def answer(intake: Intake, service: Service, sender_accounts: tuple[str, ...], said: Said, key: str) -> Reply:
    """Everything after the request is verified and read: the same checks as the form, then the inbox."""
    context = intake.contexts.get()
    if said.wants_help:
        return help_reply(context, service)
    try:
        with store.key_lock(context.data_dir, key):  # the form's lock: one answer per key, across processes
            known = store.recall(context.data_dir, key, now=intake.wall_clock())
            if known is not None and isinstance(known.get("lines"), list):
                return Reply(tuple(str(line) for line in known["lines"]), str(known.get("stored", "")))
            reply = _store(intake, context, service, sender_accounts, said)
            if reply.stored:
                store.remember(context.data_dir, key, {"lines": list(reply.lines), "stored": reply.stored}, now=intake.wall_clock())
            return reply
    except Timeout:
        return Reply(("The inbox is busy with this same thank-you; nothing more was stored - try again in a minute.",))


def _store(intake: Intake, context: Context, service: Service, accounts: tuple[str, ...], said: Said) -> Reply:
    giver, problems = _sender(context, service, accounts)
    recipients, more = _recipients(context, service, said, giver)
    principles, about = _principles(context, said)
    problems += more + about
    message = _message(context, service, said)
    if not message:
        problems.append("Add a few words of thanks after the mentions.")
    raw = None
    # As the form's: a name of someone who opted out waits for the moderator, never refused in a reply.
    context = context.as_the_site_shows_it(giver or "")
    if giver and recipients and message:
        payload = {"date": context.today.isoformat(), "from": giver, "to": recipients, "principles": principles, "message": message}
        raw, checked = store.check(context, payload)
        problems += [f"{p.message} - {p.hint}" if p.hint else p.message for p in checked]
    if problems or giver is None or raw is None:
        return Reply(("Nothing was stored:", *(f"- {problem}" for problem in problems)))
    wait = intake.entries.take(f"from:{giver}")  # one budget per person, shared with the form
    if wait:
        minutes = max(1, round(wait / 60))
        return Reply((f"You have sent many kudos just now; nothing was stored - try again in about {minutes} minute(s).",))
    kept = store.keep(context, raw, received_by=service.name)
    site_url = intake.contexts.settings.site_url
    return Reply(_stored_lines(context, giver, recipients, principles, message, site_url), kept)
