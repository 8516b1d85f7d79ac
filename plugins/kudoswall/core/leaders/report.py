"""Private recognition insights for leaders: `kudos report`. Never published.

Read from the loaded Dataset (privacy already resolved: an anonymous giver
stays anonymous even to a leader, so an anonymous thank-you counts for its
recipients and teams but for no giver) plus the people directory, which
still holds the people who opted out and those who left. People who left are
in no list; people who opted out are in no list either and appear only as a
count, so a report never names someone who asked not to be on the wall.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..data import days as day_steps
from ..data.model import Dataset, Entry, Person

WELCOME_DAYS = 21
"""A new hire should be thanked or welcomed within three weeks of joining."""


def team_slug(name: str) -> str:
    """A team's id: `Field service` is `field-service`."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


@dataclass(frozen=True)
class Table:
    """One section of a report: a title, column names and rows of plain values."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class Report:
    as_of: dt.date
    start: dt.date
    days: int
    team: str  # the team's name when narrowed, else ""
    tables: tuple[Table, ...]
    opted_out: int
    leader: str = ""  # the leader's id when asked for
    notes: tuple[str, ...] = field(default=())

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


class ReportError(ValueError):
    """A report cannot be made as asked; the message says what to do."""


def find_team(people: Iterable[Person], wanted: str) -> str:
    """A team's name from its slug or its name (any case)."""
    teams = {p.team for p in people if p.team}
    for name in sorted(teams):
        if wanted.casefold() in (name.casefold(), team_slug(name)):
            return name
    known = ", ".join(sorted(team_slug(t) for t in teams)) or "none"
    raise ReportError(f"unknown team '{wanted}' - teams: {known}")


@dataclass(frozen=True)
class _Scope:
    """Who and what a report looks at: the people in scope and on the wall, the entries up to its day."""

    data: Dataset
    as_of: dt.date
    start: dt.date
    days: int
    team: str
    listed: tuple[Person, ...]  # in scope, on the wall, by name
    entries: tuple[Entry, ...]  # up to as_of, newest first
    window: tuple[Entry, ...]  # from start on

    def active(self, p: Person) -> bool:
        return not p.has_left(self.as_of) and (p.joined is None or p.joined <= self.as_of)


def make_report(
    data: Dataset,
    as_of: dt.date,
    days: int = 60,
    team: str = "",
    leader: str = "",
    welcome_days: int = WELCOME_DAYS,
) -> Report:
    if days < 1:
        raise ReportError("--days must be at least 1")
    start = day_steps.shift(as_of, -(days - 1))
    everyone = data.people
    team_name = find_team(everyone.values(), team) if team else ""
    if leader and leader not in everyone:
        raise ReportError(f"unknown person '{leader}' as --leader")
    # A co-sign counts as a thank-you received by each of its recipients, on its own day.
    entries = tuple(e for e in (*data.entries, *data.cosigns) if e.date <= as_of)
    scope = _Scope(data, as_of, start, days, team_name, (), entries, tuple(e for e in entries if e.date >= start))
    in_scope = [p for p in everyone.values() if scope.active(p) and (not team_name or p.team == team_name)]
    scope = dataclasses.replace(scope, listed=tuple(sorted((p for p in in_scope if p.wall),
                                                           key=lambda p: (p.name.casefold(), p.id))))
    last_received, last_given = _last_days(entries)
    tables = [*_team_tables(scope), _breadth(scope), *_people_tables(scope, last_received, last_given, welcome_days)]
    if leader:
        tables.append(_leader_table(scope, leader, last_received))
    notes = ("Anonymous thanks count for their recipients and teams, never for a giver.",)
    return Report(as_of, start, days, team_name, tuple(tables), sum(1 for p in in_scope if not p.wall), leader, notes)


def _team_tables(scope: _Scope) -> list[Table]:
    """Per team (entries received by someone in it, given by someone in it), and per principle."""
    everyone, team_name = scope.data.people, scope.team
    received_by_team: Counter[str] = Counter()
    given_by_team: Counter[str] = Counter()
    principles: Counter[str] = Counter()
    for entry in scope.window:
        for name in {everyone[r].team for r in entry.colleagues if r in everyone and everyone[r].team}:
            received_by_team[name] += 1
        if entry.giver in everyone and everyone[entry.giver].team:
            given_by_team[everyone[entry.giver].team] += 1
        if not team_name or _touches(entry, team_name, everyone):
            principles.update(entry.principles)
    teams = sorted({p.team for p in everyone.values() if p.team and (not team_name or p.team == team_name)})
    known = scope.data.principles
    return [
        Table("teams", "Per team", ("team", "name", "received", "given"),
              tuple((team_slug(t), t, received_by_team[t], given_by_team[t]) for t in teams),
              "entries received by someone in the team, entries given by someone in it"),
        Table("principles", "Per principle", ("principle", "title", "stories"), tuple(
            (pid, known[pid].title if pid in known else pid, principles[pid])
            for pid in sorted(set(known) | set(principles), key=lambda k: (-principles[k], k))
        )),
    ]


def _breadth(scope: _Scope) -> Table:
    """Different colleagues thanked and thanked by, in the window."""
    thanked: dict[str, set[str]] = defaultdict(set)
    thanked_by: dict[str, set[str]] = defaultdict(set)
    for entry in scope.window:
        for r in entry.colleagues:
            if entry.giver and r != entry.giver:
                thanked[entry.giver].add(r)
                thanked_by[r].add(entry.giver)
    rows = tuple((p.id, p.name, p.team, len(thanked[p.id]), len(thanked_by[p.id])) for p in scope.listed)
    return Table("breadth", "Breadth", ("person", "name", "team", "thanked", "thanked_by"), rows,
                 "how many different colleagues each person thanked and was thanked by")


def _last_days(entries: Iterable[Entry]) -> tuple[dict[str, dt.date], dict[str, dt.date]]:
    """Each person's last day thanked and last day giving thanks (co-signs come after the notes: any order)."""
    last_received: dict[str, dt.date] = {}
    last_given: dict[str, dt.date] = {}
    for entry in entries:
        for r in entry.colleagues:
            last_received[r] = max(entry.date, last_received.get(r, entry.date))
        if entry.giver:
            last_given[entry.giver] = max(entry.date, last_given.get(entry.giver, entry.date))
    return last_received, last_given


def _people_tables(
    scope: _Scope, last_received: dict[str, dt.date], last_given: dict[str, dt.date], welcome_days: int,
) -> list[Table]:
    """Who was not thanked in the window, who was not welcomed, who stopped thanking."""
    start, listed = scope.start, scope.listed
    not_thanked = tuple((p.id, p.name, p.team, _day(last_received.get(p.id)))
                        for p in listed if last_received.get(p.id, dt.date.min) < start)
    welcomed = _welcomed(scope.data, list(scope.entries), welcome_days)
    new_hires = tuple(
        (p.id, p.name, p.team, p.joined.isoformat(), day_steps.shift(p.joined, welcome_days).isoformat())
        for p in listed
        if p.joined is not None and p.joined >= day_steps.shift(start, -welcome_days)
        and day_steps.shift(p.joined, welcome_days) <= scope.as_of and p.id not in welcomed
    )
    quiet = tuple((p.id, p.name, p.team, _day(last_given.get(p.id)))
                  for p in listed if p.id in last_given and last_given[p.id] < start)
    return [
        Table("not_thanked", f"Not thanked in the last {scope.days} days", ("person", "name", "team", "last_thanked"),
              not_thanked),
        Table("new_hires", f"New hires not welcomed within {welcome_days} days",
              ("person", "name", "team", "joined", "welcome_due"), new_hires),
        Table("quiet_givers", "Givers who have gone quiet", ("person", "name", "team", "last_gave"), quiet,
              "gave before the window, not in it"),
    ]


def _leader_table(scope: _Scope, leader: str, last_received: dict[str, dt.date]) -> Table:
    """The people a leader manages and has not thanked this quarter."""
    everyone = scope.data.people
    since = quarter_start(scope.as_of)
    reached = {r for e in scope.entries if e.giver == leader and e.date >= since for r in e.colleagues}
    reports = [p for p in everyone.values() if p.manager == leader and scope.active(p)
               and (not scope.team or p.team == scope.team)]
    waiting = tuple(
        (p.id, p.name, p.team, _day(last_received.get(p.id)))
        for p in sorted(reports, key=lambda p: (p.name.casefold(), p.id))
        if p.wall and p.id not in reached
    )
    note = f"since {since.isoformat()}, the start of the quarter"
    opted_out_reports = sum(1 for p in reports if not p.wall)
    if opted_out_reports:
        note += f"; {_opted_out_text(opted_out_reports)}"
    return Table("leader", f"Not yet thanked by {everyone[leader].name} this quarter",
                 ("person", "name", "team", "last_thanked"), waiting, note)


def _touches(entry: Entry, team: str, people: dict[str, Person]) -> bool:
    ids = [*entry.colleagues, entry.giver]
    return any(i in people and people[i].team == team for i in ids)


def _welcomed(data: Dataset, entries: Sequence[Entry], welcome_days: int) -> set[str]:
    """People thanked within their first weeks: a welcome card's signatures are entries to them too."""
    people = data.people
    done: set[str] = set()
    for entry in entries:
        for r in entry.colleagues:
            joined = people[r].joined if r in people else None
            if joined is not None and joined <= entry.date <= day_steps.shift(joined, welcome_days):
                done.add(r)
    return done


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _opted_out_text(count: int) -> str:
    return ("1 person opted out is not listed" if count == 1
            else f"{count} people opted out are not listed")


# ---- formats ------------------------------------------------------------


def header(report: Report) -> str:
    scope = f" for {report.team}" if report.team else ""
    return (f"Kudos report{scope}: {report.start.isoformat()} to {report.as_of.isoformat()} "
            f"({report.days} days). Private: do not publish.")


def footer(report: Report) -> list[str]:
    lines = list(report.notes)
    if report.opted_out:
        lines.insert(0, _opted_out_text(report.opted_out) + ".")
    return lines


def as_table(report: Report) -> str:
    out = [header(report), ""]
    for table in report.tables:
        out.append(f"{table.title}" + (f" ({table.note})" if table.note else ""))
        if not table.rows:
            out += ["  (none)", ""]
            continue
        cells = [list(table.columns), *[[str(v) for v in row] for row in table.rows]]
        widths = [max(len(_plain(row[i])) for row in cells) for i in range(len(table.columns))]
        for n, row in enumerate(cells):
            out.append("  " + "  ".join(_plain(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
            if n == 0:
                out.append("  " + "  ".join("-" * w for w in widths))
        out.append("")
    out += footer(report)
    return "\n".join(out) + "\n"


def _plain(value: Any) -> str:
    """Text for a terminal: no control characters (names are data, not escape sequences)."""
    return "".join(c if c.isprintable() else "?" for c in str(value))


def as_markdown(report: Report) -> str:
    out = [f"# {_md(header(report))}", ""]
    for table in report.tables:
        out += [f"## {_md(table.title)}", ""]
        if table.note:
            out += [f"_{_md(table.note)}_", ""]
        if not table.rows:
            out += ["(none)", ""]
            continue
        out.append("| " + " | ".join(table.columns) + " |")
        out.append("|" + "|".join(" --- " for _ in table.columns) + "|")
        out += ["| " + " | ".join(_md(v) for v in row) + " |" for row in table.rows]
        out.append("")
    out += [_md(line) for line in footer(report)]
    return "\n".join(out) + "\n"


def _md(value: Any) -> str:
    text = _plain(value)
    return re.sub(r"([\\`*_{}\[\]<>()#+!|~])", r"\\\1", text)


def as_json(report: Report) -> str:
    payload = {
        "as_of": report.as_of.isoformat(),
        "start": report.start.isoformat(),
        "days": report.days,
        "team": report.team,
        "leader": report.leader,
        "opted_out": report.opted_out,
        "notes": footer(report),
        "sections": {
            t.key: {"title": t.title, "note": t.note,
                    "rows": [dict(zip(t.columns, row, strict=True)) for row in t.rows]}
            for t in report.tables
        },
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def as_csv(report: Report) -> str:
    """Long format, one value a row (section, id, name, metric, value): every section in one sheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("section", "id", "name", "metric", "value"))
    for table in report.tables:
        for row in table.rows:
            key, name, *rest = row
            for column, value in zip(table.columns[2:], rest, strict=True):
                writer.writerow((table.key, _cell(key), _cell(name), column, _cell(value)))
    writer.writerow(("summary", "", "", "opted_out", report.opted_out))
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    """A spreadsheet never runs a name as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


FORMATS = {"table": as_table, "csv": as_csv, "json": as_json, "markdown": as_markdown}
