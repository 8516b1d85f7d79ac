"""The inbox on disk: one file per submission under `kudos/_inbox/`, for moderators to approve.

A submission is an entry, or a little-things idea (a body with an `idea`
field), which approval moves to `kudos/ideas/` instead of `kudos/YYYY/MM/`.

A folder starting with `_` is never read as entries, so nothing pending
reaches the site before a moderator moves it into `kudos/YYYY/MM/`. Files
are written whole or not at all (see `entryfile.write_new`), and each gets
a fresh random id, so concurrent submissions never touch each other's file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock

from ..core.data import entryfile, yamlfile
from ..core.data.entryfile import Context
from ..core.data.kinds import RawCard, RawIdea
from ..core.data.model import Problem
from ..core.data.validate import RawEntry, entries_in_file
from ..core.data.yamlfile import LineDict
from . import cards

INBOX = "_inbox"
REJECTED = "_rejected"
APPROVING = "_approving"  # claimed by a running `kudos inbox approve`; see `claim`
KEYS = "_keys"  # remembered Idempotency-Key answers
KEY_SECONDS = 24 * 3600.0
KEY_LOCKS = 64  # lock files for remembered answers: a key takes one of them, by its digest
KEY_LOCK_SECONDS = 30.0
_last_sweep = {"at": 0.0}  # old keys are swept at most once an hour per process
ID_PATTERN = re.compile(r"^\d{8}-\d{6}-[0-9a-f]{10}$")
SHOWN_PATH = "entry"  # how problems of a submitted entry name it (line 0 is left out)
IDEA_PATH = "idea"  # ... and of a submitted idea
IDEAS = "ideas"  # where approved ideas go, under the data folder


def inbox_dir(data_dir: Path) -> Path:
    return data_dir / INBOX


def new_id(now: dt.datetime | None = None) -> str:
    """Sorts by arrival; the random part makes a clash as likely as guessing a token."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(5)}"


def as_lines(value: Any) -> Any:
    """JSON values as the validator knows them from YAML (mappings carry lines; here line 0)."""
    if isinstance(value, dict):
        data = LineDict()
        data.line = 0
        data.key_lines = {}
        for key, item in value.items():
            data[str(key)] = as_lines(item)
        return data
    if isinstance(value, list):
        return [as_lines(item) for item in value]
    return value


def check(context: Context, payload: Mapping[str, Any]) -> tuple[RawEntry | None, list[Problem]]:
    """Validate a submitted entry exactly as the build validates a file."""
    return context.validate(SHOWN_PATH, as_lines(dict(payload)), 0)


def is_idea(payload: Any) -> bool:
    """Ideas share the endpoint with entries; the `idea` field tells them apart."""
    return isinstance(payload, Mapping) and "idea" in payload


def check_idea(context: Context, payload: Mapping[str, Any]) -> tuple[RawIdea | None, list[Problem]]:
    """Validate a submitted idea exactly as the build validates a file in `ideas/`."""
    return context.validate_idea(IDEA_PATH, as_lines(dict(payload)), 0)


def _received(received_by: str) -> list[str]:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return [f"kudos inbox: received {stamp}" + (f" from {received_by}" if received_by else "")]


def keep_idea(context: Context, raw: RawIdea, received_by: str = "") -> str:
    """Store a checked idea in the inbox, like an entry; returns its id."""
    text = entryfile.to_yaml(entryfile.idea_mapping(raw), _received(received_by))
    checked, problems = entryfile.check_idea_text(context, IDEA_PATH, text)
    if checked is None:  # pragma: no cover - what validated must read back the same
        raise ValueError(f"the stored text would not read back: {problems}")
    return entryfile.write_new(inbox_dir(context.data_dir), new_id(), text).stem


def check_card(context: Context, payload: Mapping[str, Any]) -> tuple[RawCard | None, list[Problem]]:
    """Validate a submitted card exactly as the build validates a file in `cards/`."""
    return cards.check_card(context, as_lines(dict(payload)))


def keep_card(context: Context, raw: RawCard, received_by: str = "") -> str:
    """Store a checked card in the inbox, like an entry; returns its id."""
    return entryfile.write_new(inbox_dir(context.data_dir), new_id(), cards.card_text(raw, _received(received_by))).stem


def keep(context: Context, raw: RawEntry, received_by: str = "") -> str:
    """Store a checked entry in the inbox; returns its id."""
    folder = inbox_dir(context.data_dir)
    entry_id = new_id()
    text = entryfile.to_yaml(entryfile.plain(raw), _received(received_by))
    checked, problems = entryfile.check_text(context, SHOWN_PATH, text)
    if checked is None:  # pragma: no cover - what validated must read back the same
        raise ValueError(f"the stored text would not read back: {problems}")
    path = entryfile.write_new(folder, entry_id, text)
    return path.stem


def _keys_dir(data_dir: Path) -> Path:
    return inbox_dir(data_dir) / KEYS


def _stored_at(path: Path) -> float:
    """When an answer was remembered, by the service's own clock (written in the record).

    Not the file's modification time: that is the file system's clock, which
    may be another machine's (a network share) and disagree with ours.
    """
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        return float(record.get("remembered_at", 0)) if isinstance(record, dict) else 0.0
    except (OSError, ValueError, TypeError):
        return 0.0


def key_lock(data_dir: Path, key: str) -> FileLock:
    """Held while a key's answer is looked up, made and remembered, by every thread and process.

    Two intake processes sharing the data folder (a restart overlapping the
    old one, two replicas) then store one entry for a retried request, not
    two. The lock files stay: deleting one another process holds would break it.
    """
    folder = _keys_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return FileLock(folder / f".lock-{int(key[:8], 16) % KEY_LOCKS:02d}", timeout=KEY_LOCK_SECONDS)


def recall(data_dir: Path, key: str, now: float | None = None) -> dict[str, Any] | None:
    """The answer remembered for an `Idempotency-Key` digest, unless it is older than KEY_SECONDS."""
    path = _keys_dir(data_dir) / f"{key}.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict):
        return None
    try:
        stored = float(record.pop("remembered_at", 0))
    except (TypeError, ValueError):
        return None
    if (now or time.time()) - stored > KEY_SECONDS:
        return None
    return record


def remember(data_dir: Path, key: str, record: Mapping[str, Any], now: float | None = None) -> None:
    """Keep an answer on disk, so a retry after a restart is still recognised; forget old ones."""
    folder = _keys_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    now = now or time.time()
    temp = folder / f".tmp-{secrets.token_hex(8)}"
    temp.write_text(json.dumps({**record, "remembered_at": now}), encoding="utf-8")
    os.replace(temp, folder / f"{key}.json")
    if now - _last_sweep["at"] > KEY_SECONDS / 24:
        _last_sweep["at"] = now
        for old in folder.glob("*.json"):
            if now - _stored_at(old) > KEY_SECONDS:
                with contextlib.suppress(OSError):
                    old.unlink()


@dataclass(frozen=True)
class Pending:
    id: str
    path: Path
    raw: RawEntry | None
    problems: tuple[Problem, ...]
    idea: RawIdea | None = None  # set (and `raw` None) when the file is a valid idea
    source: str = ""  # where it came from (Slack, Microsoft Teams, a signed-in login), for moderators
    card: RawCard | None = None  # set (and `raw` None) when the file is a valid group card

    @property
    def valid(self) -> bool:
        return self.raw is not None or self.idea is not None or self.card is not None


def _shown(context: Context, path: Path) -> str:
    return context.shown(path)


def read_pending(context: Context, path: Path) -> Pending:
    document, issues = yamlfile.read(str(path))
    shown = _shown(context, path)
    if issues:
        return Pending(path.stem, path, None, tuple(Problem(shown, i.line, i.message, i.hint) for i in issues))
    if is_idea(document):
        idea, problems = context.validate_idea(shown, document, getattr(document, "line", 1) or 1)
        return Pending(path.stem, path, None, tuple(problems), idea)
    if cards.is_card(document):
        card, problems = cards.check_card(context, document, shown)
        return Pending(path.stem, path, None, tuple(problems), card=card)
    items, problems = entries_in_file(shown, document)
    if problems or len(items) != 1:
        return Pending(path.stem, path, None, tuple(problems) or (Problem(shown, 1, "expected one entry", ""),))
    item, line = items[0]
    raw, problems = context.validate(shown, item, line)
    return Pending(path.stem, path, raw, tuple(problems))


def pending(context: Context) -> list[Pending]:
    folder = inbox_dir(context.data_dir)
    if not folder.is_dir():
        return []
    paths = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix == ".yml" and not p.name.startswith((".", "_")))
    return [dataclasses.replace(read_pending(context, p), source=received_from(p)) for p in paths]


_RECEIVED = re.compile(r"^# kudos inbox: received \S+ from (.+)$", re.MULTILINE)


def received_from(path: Path) -> str:
    """The `from ...` of the comment `keep` wrote: moderators see it, approval drops it with every comment."""
    try:
        with path.open(encoding="utf-8", errors="replace") as file:
            head = file.read(4096)
    except OSError:
        return ""
    found = _RECEIVED.search(head)
    return found[1].strip() if found else ""


def find(context: Context, entry_id: str) -> Path | None:
    if not ID_PATTERN.match(entry_id):
        return None
    path = inbox_dir(context.data_dir) / f"{entry_id}.yml"
    return path if path.is_file() else None


class ClaimedError(Exception):
    """Another moderator's command took the entry first."""


def claim(context: Context, path: Path) -> Path:
    """Take an entry out of the inbox by an atomic rename: of two commands, exactly one wins.

    The file waits under `_inbox/_approving/` while it is published; if the
    command is stopped right then, `stranded` names it so nothing is lost.
    """
    folder = inbox_dir(context.data_dir) / APPROVING
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    try:
        os.rename(path, target)
    except FileNotFoundError:
        raise ClaimedError(path.stem) from None
    return target


def stranded(context: Context) -> list[Path]:
    folder = inbox_dir(context.data_dir) / APPROVING
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


def approve(context: Context, entry_id: str) -> tuple[Path | None, list[Problem]]:
    """Validate again (people and principles may have changed) and move into `kudos/YYYY/MM/`.

    Raises `ClaimedError` when another command approved or rejected it meanwhile.
    """
    path = find(context, entry_id)
    if path is None:
        return None, [Problem(entry_id, None, f"no pending entry '{entry_id}'", "see `kudos inbox list`")]
    taken = claim(context, path)
    try:
        item = read_pending(context, taken)
        item = Pending(item.id, path, item.raw, tuple(
            Problem(_shown(context, path), p.line, p.message, p.hint) for p in item.problems
        ), item.idea, card=item.card)
        if item.idea is not None:
            return _approve_idea(context, taken, path, item.idea)
        if item.card is not None:
            moved, problems = cards.approve_card(context, taken, item.card)
            if moved is None:
                os.rename(taken, path)
            return moved, problems
        if item.raw is None:
            os.rename(taken, path)
            return None, list(item.problems)
        folder = entryfile.month_dir(context.data_dir, item.raw.date)
        text = entryfile.entry_text(context, folder, item.raw)
        stem = entryfile.file_stem(item.raw)
        checked, problems = entryfile.check_text(context, context.shown(folder / f"{stem}.yml"), text)
        if checked is None:  # pragma: no cover - a valid entry always writes back valid
            os.rename(taken, path)
            return None, problems
        return entryfile.move_new(taken, folder, stem, text), []
    except BaseException:
        if taken.exists() and not path.exists():
            os.rename(taken, path)
        raise


def _approve_idea(context: Context, taken: Path, path: Path, idea: RawIdea) -> tuple[Path | None, list[Problem]]:
    """An idea goes to `kudos/ideas/<date>-<slug>.yml`, through the same safe write as entries."""
    folder = context.data_dir / IDEAS
    stem = entryfile.idea_stem(context.today, idea)
    text = entryfile.to_yaml(entryfile.idea_mapping(idea))
    checked, problems = entryfile.check_idea_text(context, context.shown(folder / f"{stem}.yml"), text)
    if checked is None:  # pragma: no cover - a valid idea always writes back valid
        os.rename(taken, path)
        return None, problems
    return entryfile.move_new(taken, folder, stem, text), []


def reject(context: Context, entry_id: str, reason: str) -> tuple[Path | None, list[Problem]]:
    """Kept, not deleted, under `_inbox/_rejected/` with the reason: nothing submitted is lost."""
    path = find(context, entry_id)
    if path is None:
        return None, [Problem(entry_id, None, f"no pending entry '{entry_id}'", "see `kudos inbox list`")]
    taken = claim(context, path)
    try:
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        reason_line = " ".join(reason.split())
        # As bytes: a file that is not UTF-8 (or not YAML) is set aside exactly as it came.
        head = f"# rejected {stamp}: {reason_line}\n".encode("utf-8", "replace")
        target = entryfile.move_new(taken, inbox_dir(context.data_dir) / REJECTED, path.stem, head + taken.read_bytes())
    except BaseException:
        if taken.exists() and not path.exists():
            os.rename(taken, path)  # back where the moderator found it, never stranded
        raise
    return target, []
