"""`kudos notify`: tell each person thanked, by email, once per entry.

Made from the loaded Dataset, so the privacy rules already hold: an
anonymous or opted-out giver is "a colleague", a customer is "a customer",
people who opted out are not recipients. People with `notify: false`, no
email, or who have left get nothing. What was sent is remembered in
`<data folder>/_notified.json` (entry id and recipient), written atomically
after every message, so a rerun (or a run after a crash) sends nothing twice.
A run holds a lock on that file (`_notified.json.lock`, beside it) from
reading it to its last write, so two runs at once (two CI jobs, a cron job
and a person) send each notice once: the second waits, then finds it sent.

Entry ids are stable across edits when the site has an anchor key
(KUDOS_ANCHOR_KEY or `kudos/_anchor-key`); without one, editing an entry's
message gives it a new id, and its recipients would be told again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import json
import os
import smtplib
import ssl
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid
from pathlib import Path

from filelock import FileLock

from ..data import days
from ..data.model import Dataset, Entry, Person
from ..data.project import Settings
from .digest import permalink
from .outbound import Deadline

STATE_FILE = "_notified.json"  # a `_` name: never read as an entry
LOCK_SECONDS = 600.0  # how long a run waits for another to finish
KEEP_DAYS = 400  # what was sent about entries older than this is forgotten


class NotifyError(RuntimeError):
    """Notifications cannot be sent as asked; the message says what to do."""


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    user: str
    password: str = field(repr=False)
    sender: str
    require_starttls: bool = False


def smtp_config(settings: Settings, environ: Mapping[str, str]) -> SmtpConfig:
    """KUDOS_SMTP_* from the environment, else the plugin's `notify_smtp_*` options."""
    host = environ.get("KUDOS_SMTP_HOST", "").strip() or settings.notify_smtp_host
    port_text = environ.get("KUDOS_SMTP_PORT", "").strip()
    try:
        port = int(port_text) if port_text else settings.notify_smtp_port
    except ValueError:
        raise NotifyError(f"KUDOS_SMTP_PORT={port_text!r} must be a port number") from None
    user = environ.get("KUDOS_SMTP_USER", "").strip() or settings.notify_smtp_user
    sender = environ.get("KUDOS_SMTP_FROM", "").strip() or settings.notify_smtp_from
    if not host:
        raise NotifyError("no SMTP server: set KUDOS_SMTP_HOST or the plugin option notify_smtp_host")
    if not sender:
        raise NotifyError("no sender address: set KUDOS_SMTP_FROM or the plugin option notify_smtp_from")
    return SmtpConfig(host, port, user, environ.get("KUDOS_SMTP_PASSWORD", ""), sender, settings.notify_smtp_starttls)


# ---- what was sent ---------------------------------------------------------


@dataclass
class State:
    sent: dict[tuple[str, str], str] = field(default_factory=dict)  # (entry id, person id) -> entry date
    last_run: dt.date | None = None


def run_lock(state_path: Path) -> FileLock:
    """Held by one run at a time, from reading what was sent to its last write (across processes)."""
    state_path.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(state_path.with_name(state_path.name + ".lock"), timeout=LOCK_SECONDS)


def read_state(path: Path) -> State:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return State()
    except (OSError, UnicodeDecodeError) as error:
        raise NotifyError(f"cannot read {path.name}: {error}") from None
    try:
        raw = json.loads(text)
        sent = {(str(s["entry"]), str(s["to"])): str(s.get("date", "")) for s in raw.get("sent", [])}
        last = raw.get("last_run")
        return State(sent, dt.date.fromisoformat(last) if last else None)
    except (ValueError, TypeError, KeyError, AttributeError):
        # Never start over silently: that would email everyone again.
        raise NotifyError(
            f"{path.name} is not what kudos notify writes; fix it from version control "
            "(deleting it would notify everyone of the period again)"
        ) from None


def write_state(path: Path, state: State, as_of: dt.date) -> None:
    """Write the whole file to a temporary file beside it, then rename: never half a file."""
    oldest = days.shift(as_of, -KEEP_DAYS).isoformat()
    sent = sorted((k, d) for k, d in state.sent.items() if not d or d >= oldest)
    payload = {
        "version": 1,
        "last_run": state.last_run.isoformat() if state.last_run else None,
        "sent": [{"entry": e, "to": p, "date": d} for (e, p), d in sent],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".notified-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(payload, file, indent=1)
            file.write("\n")
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# ---- who is told what ----------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    entry: Entry
    person: Person
    note: Entry | None = None  # for a co-sign: the note it joined


@dataclass(frozen=True)
class Plan:
    notices: tuple[Notice, ...]
    skipped: Mapping[str, int]  # reason -> how many (entry, person) pairs
    start: dt.date


def plan(data: Dataset, as_of: dt.date, start: dt.date, state: State) -> Plan:
    if state.last_run is not None:
        start = min(start, state.last_run)  # nothing since the last run is missed
    notices: list[Notice] = []
    skipped: dict[str, int] = {}
    notes = {e.id: e for e in data.entries}
    # A co-sign tells the note's recipients once more, on its own day: "Ana also thanked you".
    for entry in sorted((*data.entries, *data.cosigns), key=lambda e: (e.date, e.id)):
        if not start <= entry.date <= as_of:
            continue
        for pid in entry.colleagues:  # opted-out people are already gone from the recipients
            person = data.people.get(pid)
            if person is None or (entry.id, pid) in state.sent:
                continue
            reason = (
                "opted out of the wall" if not person.wall
                else "left" if person.has_left(as_of)
                else "notify: false" if not person.notify
                else "no email" if not person.contact.email
                else ""
            )
            if reason:
                skipped[reason] = skipped.get(reason, 0) + 1
            else:
                notices.append(Notice(entry, person, notes.get(entry.also)))
    return Plan(tuple(notices), skipped, start)


def compose(notice: Notice, sender: str, site_url: str, day_text: Callable[[dt.date], str]) -> EmailMessage:
    entry, person = notice.entry, notice.person
    if notice.note is not None:
        return _cosign_message(notice, sender, site_url, day_text)
    if entry.from_customer:
        lead = f"A customer praised you ({day_text(entry.date)})."
        subject = "A customer praised you"
    else:
        giver = entry.giver_label  # "a colleague" when anonymous or opted out: never the real giver
        lead = f"{giver[:1].upper()}{giver[1:]} thanked you ({day_text(entry.date)})."
        subject = f"{giver[:1].upper()}{giver[1:]} thanked you"
    if entry.title:
        subject += f": {entry.title}"
    others = [n for n in entry.colleagues if n != person.id]
    lines = [f"Hello {person.name},", "", lead, ""]
    if entry.title:
        lines += [entry.title, ""]
    lines += [entry.message_text.strip(), ""]
    if others:
        lines += [f"You were thanked together with {len(others)} other colleague{'s' if len(others) > 1 else ''}.", ""]
    link = permalink(site_url, entry)
    if link:
        lines += [f"Read it on the wall: {link}", ""]
    return _email(subject, sender, person, lines)


def _cosign_message(notice: Notice, sender: str, site_url: str, day_text: Callable[[dt.date], str]) -> EmailMessage:
    """ "Ana also thanked you for ...": a co-sign, told with the note it joined."""
    entry, person, note = notice.entry, notice.person, notice.note
    assert note is not None
    giver = entry.giver_label  # "a colleague" when anonymous or opted out
    words = note.title or " ".join(note.message_text.split()[:12]) + ("…" if len(note.message_text.split()) > 12 else "")
    lead = f"{giver[:1].upper()}{giver[1:]} also thanked you for: {words} ({day_text(entry.date)})."
    lines = [f"Hello {person.name},", "", lead, ""]
    if entry.message_text.strip():
        lines += [entry.message_text.strip(), ""]
    link = permalink(site_url, note)
    if link:
        lines += [f"Read it on the wall: {link}", ""]
    return _email(f"{giver[:1].upper()}{giver[1:]} also thanked you", sender, person, lines)


FOOTER = (
    "--",
    "You get this email because you were thanked on the kudos wall.",
    "To stop these emails, ask for 'notify: false' next to your name in the people file.",
)


def _email(subject: str, sender: str, person: Person, lines: list[str]) -> EmailMessage:
    """One notice: its words, the footer every notice carries, and headers that stop auto-replies."""
    lines = [*lines, *FOOTER]
    message = EmailMessage()
    message["Subject"] = " ".join(subject.split())[:200]
    message["From"] = sender
    message["To"] = formataddr((" ".join(person.name.split()), person.contact.email))
    message["Date"] = formatdate(localtime=False)
    domain = sender.rpartition("@")[2].strip("> ") or "kudos.invalid"
    message["Message-ID"] = make_msgid("kudos", domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies
    message.set_content("\n".join(lines) + "\n")
    return message


# ---- sending -----------------------------------------------------------------


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def connect(config: SmtpConfig, timeout: float = 30.0) -> smtplib.SMTP:
    """A session ready to send, greeting and login included, within `timeout` seconds in all."""
    where = f"{config.host}:{config.port}"
    smtp: smtplib.SMTP = (smtplib.SMTP_SSL(timeout=timeout, context=ssl.create_default_context())
                          if config.port == 465 else smtplib.SMTP(timeout=timeout))
    deadline = Deadline(timeout)
    try:
        with deadline.watching(lambda: getattr(smtp, "sock", None)):
            _open(smtp, config, where)
        return smtp
    except smtplib.SMTPAuthenticationError:
        raise NotifyError(f"{where} refused the login of KUDOS_SMTP_USER; check KUDOS_SMTP_PASSWORD") from None
    except (smtplib.SMTPException, OSError) as error:
        smtp.close()
        if deadline.expired:
            raise NotifyError(f"the SMTP server {where} did not greet and log in within {timeout:g} seconds") from None
        raise NotifyError(f"cannot reach the SMTP server {where}: {error}") from None


def _open(smtp: smtplib.SMTP, config: SmtpConfig, where: str) -> None:
    smtp.connect(config.host, config.port)
    encrypted = config.port == 465
    if not encrypted:
        smtp.ehlo()
        encrypted = smtp.has_extn("starttls")
        if encrypted:
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        elif config.require_starttls:
            smtp.close()
            raise NotifyError(f"{where} does not offer STARTTLS, which notify_smtp_starttls requires")
    if config.user:
        if not encrypted and not _is_loopback(config.host):
            smtp.close()
            raise NotifyError(f"{where} offers no encryption: the SMTP password is not sent in clear text")
        smtp.login(config.user, config.password)


@dataclass
class Outcome:
    sent: list[Notice] = field(default_factory=list)
    refused: list[tuple[Notice, str]] = field(default_factory=list)


def close(smtp: smtplib.SMTP, timeout: float = 30.0) -> None:
    """Say goodbye within `timeout` seconds; a server that drips its answer is left, not waited for."""
    with Deadline(timeout).watching(lambda: smtp.sock), contextlib.suppress(smtplib.SMTPException, OSError):
        smtp.quit()
    smtp.close()


# What costs one message only: the server refused it, or this address cannot be
# written or sent here (an address needing SMTPUTF8 the server lacks).
ONE_MESSAGE = (
    smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPSenderRefused, smtplib.SMTPNotSupportedError,
    ValueError, UnicodeError,
)


def send(
    notices: Iterable[Notice],
    smtp: smtplib.SMTP,
    make: Callable[[Notice], EmailMessage],
    remember: Callable[[Notice], None],
    timeout: float = 60.0,
) -> Outcome:
    """Send each message, each within `timeout` seconds, and remember it at once; a bad address costs only its message."""
    outcome = Outcome()
    for notice in notices:
        deadline = Deadline(timeout)
        try:
            with deadline.watching(lambda: smtp.sock):
                smtp.send_message(make(notice))
        except ONE_MESSAGE as error:
            outcome.refused.append((notice, " ".join(str(error).split())[:200]))
            continue
        except (smtplib.SMTPException, OSError):
            if deadline.expired:
                raise NotifyError(f"the SMTP server took more than {timeout:g} seconds over one message") from None
            raise
        remember(notice)
        outcome.sent.append(notice)
    return outcome
