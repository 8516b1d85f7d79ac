"""`kudos people import-chat`: `slack:` / `teams:` for a company of hundreds, from the services' own exports.

Slack's member export (admin: Manage members, Export member list) has
`email` and `userid`; Entra ID's user export (Users, Download users) has
`mail` or `userPrincipalName` and `objectId` (`id` in newer exports).
Rows are matched to people by `email:` in people.yml, ignoring case.

people.yml is edited as text, line by line, never dumped again by a YAML
library: its comments, order and quoting are the editors' and stay as
written. A new line goes right under the person's `email:` line, with its
indentation; an existing `slack:` / `teams:` line gets its value replaced
and keeps its comment. The result is read back and checked before it
replaces the file, all at once.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlfile
from .csvimport import CsvImportError, read_file
from .ids import ENTRA_ID, SLACK_ID, chat_id
from .model import Person
from .people import validate_people

SLACK_SKIPPED = {"deactivated", "bot"}
_KEY_LINE = r"^(?P<lead>\s*{key}\s*:\s*)(?P<value>.*?)(?P<comment>\s+#.*)?(?P<end>\r?\n)?$"


def _norm(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


@dataclass
class Export:
    kind: str  # slack | teams: the person field it fills
    accounts: dict[str, str] = field(default_factory=dict)  # e-mail, case-folded -> account
    skipped: list[str] = field(default_factory=list)  # rows left out, and why


def _columns(headers: list[str]) -> tuple[str, dict[str, int]]:
    names = {_norm(h): i for i, h in enumerate(headers)}
    if "userid" in names and "email" in names:
        return "slack", {"id": names["userid"], "email": names["email"], "status": names.get("status", -1)}
    ident = names.get("objectid", names.get("id"))
    mail = [names[n] for n in ("mail", "userprincipalname") if n in names]
    if ident is not None and mail:
        return "teams", {"id": ident, "email": mail[0], "upn": mail[-1], "enabled": names.get("accountenabled", -1)}
    raise CsvImportError(
        "the first row names neither Slack's member export (email, userid) nor Entra ID's user export "
        "(mail or userPrincipalName, objectId or id) - export it again from the admin pages"
    )


def read_export(path: Path) -> Export:
    text, _ = read_file(path)
    rows = [row for row in csv.reader(text.splitlines()) if any(cell.strip() for cell in row)]
    if rows and len(rows[0]) == 1 and rows[0][0].lower().startswith("version:"):
        rows = rows[1:]  # Entra's bulk files start with a version line
    if not rows:
        raise CsvImportError(f"{path.name} is empty")
    kind, at = _columns(rows[0])
    export = Export(kind)
    seen: dict[str, int] = {}

    def cell(row: list[str], name: str) -> str:
        index = at.get(name, -1)
        return row[index].strip() if 0 <= index < len(row) else ""

    for number, row in enumerate(rows[1:], start=2):
        if kind == "slack" and cell(row, "status").lower() in SLACK_SKIPPED:
            export.skipped.append(f"row {number}: {cell(row, 'status').lower()} account")
            continue
        if kind == "teams" and cell(row, "enabled").lower() == "false":
            export.skipped.append(f"row {number}: account disabled")
            continue
        account = chat_id(kind, cell(row, "id"))
        addresses = {cell(row, "email").casefold(), cell(row, "upn").casefold()} - {""}
        if not account or not addresses:
            export.skipped.append(f"row {number}: no {'e-mail address' if account else 'account id'}")
            continue
        for address in addresses:
            if address in seen and export.accounts.get(address) != account:
                export.skipped.append(f"row {number}: {address} is also on row {seen[address]}; used for neither")
                export.accounts[address] = ""
                continue
            seen[address] = number
            export.accounts[address] = account
    return export


@dataclass
class Outcome:
    written: list[str] = field(default_factory=list)  # person ids given an account or a new one
    unchanged: list[str] = field(default_factory=list)
    by_hand: list[str] = field(default_factory=list)  # people whose record is not laid out line by line
    no_email: list[str] = field(default_factory=list)
    not_in_export: list[str] = field(default_factory=list)
    unmatched_rows: list[str] = field(default_factory=list)  # e-mails of the export that are nobody's
    text: str = ""


def _edit(lines: list[str], added: dict[int, str], data: yamlfile.LineDict, kind: str, value: str, newline: str) -> bool:
    """Replace a line of `lines`, or note one to add after a line; False when the record cannot be edited safely as text."""
    if kind in data:
        index = data.line_of(kind) - 1
        found = re.match(_KEY_LINE.format(key=kind), lines[index]) if 0 <= index < len(lines) else None
        if not found:
            return False
        lines[index] = f"{found['lead']}{value}{found['comment'] or ''}{found['end'] or ''}"
        return True
    index = data.line_of("email") - 1
    found = re.match(_KEY_LINE.format(key="email"), lines[index]) if 0 <= index < len(lines) else None
    if not found or "email" not in data or not found["lead"][:1].isspace():
        return False
    indent = found["lead"][: len(found["lead"]) - len(found["lead"].lstrip())]
    if not lines[index].endswith("\n"):
        lines[index] += newline
    added[index] = f"{indent}{kind}: {value}{newline}"
    return True


def plan(text: str, document: yamlfile.LineDict, people: Mapping[str, Person], export: Export) -> Outcome:
    """The new text of people.yml and what was done for whom; nothing is written here."""
    kind = export.kind
    outcome = Outcome()
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in text else "\n"
    owners: dict[str, list[str]] = {}
    for pid, person in people.items():
        if person.contact.email:
            owners.setdefault(person.contact.email.casefold(), []).append(pid)
    added: dict[int, str] = {}  # joined in once at the end: no line moves while others are edited
    for pid in sorted(people, key=document.line_of):
        email = people[pid].contact.email.casefold()
        account = export.accounts.get(email, "") if email and len(owners.get(email, ())) == 1 else ""
        if not email:
            outcome.no_email.append(pid)
        elif not account:
            outcome.not_in_export.append(pid)
        elif getattr(people[pid].contact, kind) == account:
            outcome.unchanged.append(pid)
        elif _edit(lines, added, document[pid], kind, _scalar(account), newline):
            outcome.written.append(pid)
        else:
            outcome.by_hand.append(pid)
    outcome.unmatched_rows = sorted(a for a, account in export.accounts.items() if account and a not in owners)
    outcome.text = "".join(line + added.get(index, "") for index, line in enumerate(lines))
    return outcome


def _scalar(account: str) -> str:
    """Plain for a Slack id or an object id (YAML reads both back as text), quoted otherwise (a Teams user id has a colon)."""
    return account if SLACK_ID.match(account) or ENTRA_ID.match(account) else json.dumps(account)


def check(path_shown: str, text: str, kind: str, wanted: Mapping[str, str], today: dt.date) -> list[str]:
    """Read the new text back: it must parse, and every written person must hold the account."""
    document, issues = yamlfile.parse(text)
    if issues or not isinstance(document, yamlfile.LineDict):
        return [f"line {issue.line}: {issue.message}" for issue in issues] or ["the edited file is no longer a mapping of people"]
    people, _ = validate_people(path_shown, document, today)
    return [f"{pid}: '{kind}' did not read back" for pid, value in wanted.items() if getattr(people[pid].contact, kind) != value]


def replace(path: Path, text: str) -> None:
    """The whole new file or the old one, never half of each; its permissions kept."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    temp.write_text(text, encoding="utf-8", newline="")
    os.chmod(temp, path.stat().st_mode & 0o7777)
    os.replace(temp, path)
