"""The `kudos` command: the same core as the build, for people and CI."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from .core import csvimport, entryfile, yamlfile
from .core.dataset import load
from .core.kinds import validate_card
from .core.model import CUSTOMER, OCCASIONS, Problem
from .core.project import Project, SettingsError, read_project
from .core.schema import SCHEMA_FILE, entry_schema
from .core.validate import did_you_mean, team_slugs


def _settings(config_file: str) -> Project:
    try:
        return read_project(Path(config_file))
    except SettingsError as error:
        raise click.UsageError(str(error)) from None


def _github_escape(text: str, is_property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_problem(problem: Problem, style: str) -> str:
    if style == "github":
        props = f"file={_github_escape(problem.path, True)}"
        if problem.line:
            props += f",line={problem.line}"
        message = problem.message + (f" - {problem.hint}" if problem.hint else "")
        return f"::error {props}::{_github_escape(message)}"
    return str(problem)


def _code_quality(problem: Problem) -> dict[str, Any]:
    """One issue of GitLab's Code Quality report, which merge requests show next to the diff."""
    text = problem.message + (f" - {problem.hint}" if problem.hint else "")
    key = f"{problem.path}:{problem.line}:{problem.message}".encode()
    return {
        "description": text,
        "check_name": "kudos-check",
        "fingerprint": hashlib.sha256(key).hexdigest(),
        "severity": "major",
        "location": {"path": problem.path, "lines": {"begin": problem.line or 1}},
    }


@click.group()
@click.version_option(package_name="mkdocs-kudoswall")
def main() -> None:
    """Give, check and manage kudos for a kudos-wall site."""


@main.command()
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, help="The site's MkDocs config.")
@click.option(
    "--format", "style", type=click.Choice(["text", "github", "gitlab"]), default="text", show_default=True,
    help="text: path:line: message. github: GitHub Actions annotations. gitlab: a Code Quality report (JSON).",
)
@click.option("--stale", is_flag=True, help="Also list handbook pages past their review_by date, with their owners (exit 1 if any).")
def check(config_file: str, style: str, stale: bool) -> None:
    """Validate people, entries and principles; exit 1 on any problem."""
    settings = _settings(config_file)
    data = load(settings)
    overdue = _stale_pages(settings, data) if stale else []
    if style == "gitlab":
        click.echo(json.dumps([_code_quality(p) for p in (*data.problems, *overdue)], indent=2))
    else:
        for problem in (*data.problems, *overdue):
            click.echo(format_problem(problem, style))
    summary = (
        f"{len(data.entries)} published entries, {len(data.people)} people, "
        f"{len(data.principles)} principles"
    )
    if overdue:
        click.echo(f"{len(overdue)} handbook page(s) past their review date", err=True)
    if data.problems:
        files = len({p.path for p in data.problems})
        click.echo(f"{len(data.problems)} problem(s) in {files} file(s); {summary}", err=True)
        sys.exit(1)
    if overdue:
        sys.exit(1)
    click.echo(f"OK: {summary}", err=True)


def _stale_pages(project: Project, data: Any) -> list[Problem]:
    """Overdue pages with their owners, named even if they opted out of the wall: this is the terminal."""
    from .core.handbook import stale_pages

    lines = []
    docs = project.shown(project.docs_dir)
    for page in stale_pages(project.docs_dir, project.today):
        person = data.people.get(page.owner)
        owner = f"{person.name} ({page.owner})" if person else (f"'{page.owner}' (unknown)" if page.owner else "nobody")
        due = page.review_by.isoformat() if page.review_by else ""
        lines.append(Problem(f"{docs}/{page.src}", None, f"review was due on {due}", f"kept by {owner}"))
    return lines


CONFIG_OPTION = click.option(
    "-f", "--config-file", default="mkdocs.yml", show_default=True, help="The site's MkDocs config."
)


def _context(config_file: str) -> entryfile.Context:
    s = _settings(config_file)
    return entryfile.load_context(s)


def _shown(path: Path) -> str:
    """A path as the user would type it from where they are."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def _warn_context(context: entryfile.Context) -> None:
    for problem in context.problems:
        click.echo(f"warning: {problem}", err=True)


def _split_ids(values: Sequence[str]) -> list[str]:
    """`--to a --to b` and `--to a,b` both work."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _lookup(noun: str, known: dict[str, str], extra: Sequence[str] = ()) -> Any:
    """A prompt check: an id, or a name as people know it; unknown ones get a "did you mean"."""
    by_label = {label.casefold(): pid for pid, label in known.items()}

    def convert(value: str) -> str:
        value = value.strip()
        if value in known or value in extra:
            return value
        if value.casefold() in by_label:
            return by_label[value.casefold()]
        hint = did_you_mean(value, [*known, *extra]) or "see the list above"
        raise click.BadParameter(f"unknown {noun} '{value}' - {hint}")

    return convert


def _list_prompt(text: str, convert: Any, default: str | None = None) -> list[str]:
    def many(value: str) -> list[str]:
        return [convert(part) for part in _split_ids([value])]

    result: list[str] = click.prompt(text, default=default, value_proc=many, show_default=False)
    return result


def _show_choices(title: str, items: dict[str, str]) -> None:
    click.echo(f"{title}:", err=True)
    if len(items) > 80:
        click.echo(f"  ({len(items)} of them; type an id or a name)", err=True)
        return
    width = max((len(k) for k in items), default=0)
    for pid, label in items.items():
        click.echo(f"  {pid.ljust(width)}  {label}", err=True)


def _read_message() -> str:
    click.echo("Message (Markdown; finish with an empty line):", err=True)
    lines: list[str] = []
    while True:
        line = sys.stdin.readline()  # the stream click's prompts read, so nothing is skipped
        if not line or (not line.strip() and lines):
            break
        if line.strip() or lines:
            lines.append(line.rstrip("\n"))
    return "\n".join(lines)


def _ask(context: entryfile.Context) -> dict[str, Any]:
    people = {
        pid: p.name + (f" ({p.team})" if p.team else "") for pid, p in sorted(context.people.items())
    }
    principles = {pid: p.title for pid, p in sorted(context.principles.items())}
    _show_choices("People", people)
    person = _lookup("person", {pid: p.name for pid, p in context.people.items()}, [CUSTOMER])
    giver = click.prompt("From (your id, or 'customer' for a customer's praise)", value_proc=person)
    recipients = _list_prompt("To (ids or names, separated by commas)", person)
    chosen: list[str] = []
    if principles:
        _show_choices("Principles", principles)
        chosen = _list_prompt(
            "Principles (ids, separated by commas; empty for none)",
            _lookup("principle", principles),
            default="",
        )
    title = click.prompt("Title (optional)", default="", show_default=False)
    message = _read_message()
    day = click.prompt("Date", default=context.today.isoformat())
    anonymous = giver != CUSTOMER and click.confirm("Hide your name on the site (anonymous)?", default=False)
    return {
        "giver": giver, "recipients": recipients, "principles": chosen, "title": title,
        "message": message, "date": day, "anonymous": anonymous,
    }


@main.command()
@click.option("--from", "giver", metavar="ID", help="Your person id, or 'customer' for praise from a customer.")
@click.option("--to", "recipients", multiple=True, metavar="ID", help="Who you thank (repeat, or separate ids with commas).")
@click.option("--message", metavar="TEXT", help="The message, in Markdown ('-' reads it from standard input).")
@click.option("--principle", "principles", multiple=True, metavar="ID", help="A principle the story shows (repeatable).")
@click.option("--title", default="", metavar="T", help="A short headline.")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="The day it happened [default: today].")
@click.option("--anonymous", is_flag=True, help="Hide your name on the site.")
@click.option("--card", default="", metavar="ID", help="Sign a group card (kudos/cards/<ID>.yml).")
@click.option("--campaign", default="", metavar="ID", help="A note in a campaign (kudos/campaigns/<ID>.yml).")
@click.option("-i", "--interactive", is_flag=True, help="Ask for each field (what happens in a terminal without flags).")
@CONFIG_OPTION
def new(
    giver: str | None, recipients: tuple[str, ...], message: str | None, principles: tuple[str, ...],
    title: str, day: str | None, anonymous: bool, card: str, campaign: str, interactive: bool,
    config_file: str,
) -> None:
    """Write a new kudos entry as kudos/YYYY/MM/<date>-<from>-to-<to>.yml and print its path."""
    context = _context(config_file)
    _warn_context(context)
    flags = giver or recipients or message or principles or title or day or anonymous or card or campaign
    if interactive or (not flags and sys.stdin.isatty()):
        answers = _ask(context)
    else:
        if message == "-":
            message = sys.stdin.read()
        for value, name in ((giver, "--from"), (recipients, "--to"), (message, "--message")):
            if not value:
                raise click.UsageError(f"missing option '{name}' (or run `kudos new` in a terminal to be asked)")
        answers = {
            "giver": giver, "recipients": _split_ids(recipients), "principles": _split_ids(principles),
            "title": title, "message": message, "date": day or context.today.isoformat(),
            "anonymous": anonymous,
        }
    mapping = entryfile.entry_mapping(
        date=answers["date"], giver=answers["giver"], recipients=answers["recipients"],
        message=answers["message"], principles=answers["principles"], title=answers["title"],
        anonymous=answers["anonymous"], card=card, campaign=campaign,
    )
    path, problems = entryfile.create_entry(context, mapping)
    if path is None:
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo("Nothing was written.", err=True)
        sys.exit(1)
    click.echo(_shown(path))
    click.echo("Written. Commit it (or open a pull request) to publish it.", err=True)


DEFAULT_CARD_TITLES = {
    "birthday": "Happy birthday, {name}!",
    "anniversary": "Happy work anniversary, {name}!",
    "welcome": "Welcome, {name}!",
    "farewell": "Farewell, {name}, and thank you",
    "congrats": "Congratulations, {name}!",
    "get-well": "Get well soon, {name}",
    "other": "Thank you, {name}",
}


@main.group()
def card() -> None:
    """Group cards: one file in kudos/cards/, signed by many (each signature is an entry)."""


@card.command("new")
@click.option("--for", "recipient", required=True, metavar="ID", help="A person id, team:<slug>, or 'customer'.")
@click.option("--occasion", required=True, type=click.Choice(OCCASIONS), help="What the card celebrates.")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="The day of the occasion [default: today].")
@click.option("--title", default="", metavar="T", help="The greeting [default: one for the occasion].")
@click.option("--id", "card_id", default="", metavar="ID", help="The card's id [default: <for>-<occasion>-<year>].")
@CONFIG_OPTION
def card_new(recipient: str, occasion: str, day: str | None, title: str, card_id: str, config_file: str) -> None:
    """Write kudos/cards/<id>.yml, validated first, and print how to sign it."""
    context = _context(config_file)
    _warn_context(context)
    day = day or context.today.isoformat()
    if not title:
        person = context.people.get(recipient)
        name = person.name.split()[0] if person and person.wall else ("everyone" if recipient.startswith("team:") else "")
        title = DEFAULT_CARD_TITLES[occasion].format(name=name).replace(", !", "!").replace(",  ", " ")
    card_id = card_id or f"{recipient.removeprefix('team:')}-{occasion}-{day[:4]}"
    folder = context.data_dir / "cards"
    shown = context.shown(folder / f"{card_id}.yml")
    when: Any = day
    with contextlib.suppress(ValueError):  # left as text, so the validator names the problem
        when = dt.date.fromisoformat(day)
    text = entryfile.to_yaml({"title": title, "for": recipient, "occasion": occasion, "date": when})
    document, issues = yamlfile.parse(text)
    problems = [Problem(shown, i.line, i.message, i.hint) for i in issues]
    if not problems:
        _raw, problems = validate_card(shown, card_id, document, context.people, team_slugs(context.people),
                                       people_file=context.shown(context.data_dir / "people.yml"))
    if not problems and (folder / f"{card_id}.yml").exists():
        problems = [Problem(shown, None, "a card with this id already exists", "choose another with --id")]
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo("Nothing was written.", err=True)
        sys.exit(1)
    path = entryfile.write_new(folder, card_id, text)
    click.echo(_shown(path))
    click.echo(f"Written. Sign it with: kudos new --card {path.stem} --to {recipient} --message ...", err=True)


@main.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--map", "maps", multiple=True, metavar='"Column header=field"',
    help="Read a column as an entry field ('-' ignores it). Repeatable.",
)
@click.option("--date-format", metavar="FORMAT", help="strptime format of the date column, e.g. '%d/%m/%Y %H:%M:%S'.")
@click.option("--dry-run", is_flag=True, help="Check every row, write nothing.")
@CONFIG_OPTION
def import_(csv_file: Path, maps: tuple[str, ...], date_format: str | None, dry_run: bool, config_file: str) -> None:
    """Import kudos from a Google Forms or Microsoft Forms CSV export.

    Columns named like the entry fields (date, from, to, principles, title,
    message, anonymous) are read as they are; the forms' "Timestamp" or
    "Completion time" gives the date. Rows already imported are skipped.
    """
    context = _context(config_file)
    _warn_context(context)
    shown = _shown(csv_file)
    try:
        text, encoding = csvimport.read_file(csv_file)
        if encoding != "UTF-8":
            click.echo(f"{shown}: read as {encoding} (not UTF-8).", err=True)
        result = csvimport.import_rows(context, shown, text, maps, date_format, dry_run)
    except csvimport.CsvImportError as error:
        raise click.UsageError(str(error)) from None
    for problem in result.problems:
        click.echo(str(problem))
    for path in result.created:
        click.echo(_shown(path))
    if result.ignored_columns:
        click.echo(f"Ignored columns: {', '.join(result.ignored_columns)}", err=True)
    bad_rows = len({p.line for p in result.problems})
    good = result.rows - bad_rows - len(result.duplicates)
    verb = "would import" if dry_run else "imported"
    click.echo(
        f"{shown}: {verb} {good if dry_run else len(result.created)} new, "
        f"{len(result.duplicates)} already there, {bad_rows} refused.",
        err=True,
    )
    if result.problems:
        sys.exit(1)


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of printing.")
@click.option("--editor", is_flag=True, help=f"Write it where YAML editors find it: <data folder>/{SCHEMA_FILE}.")
@CONFIG_OPTION
def schema(output: Path | None, editor: bool, config_file: str) -> None:
    """Print the JSON Schema of a kudos entry, from the definition the validator uses."""
    settings = _settings(config_file)
    context = entryfile.load_context(settings)
    people = {pid: p.name + (f" ({p.team})" if p.team else "") for pid, p in context.people.items()}
    principles = {pid: p.title for pid, p in context.principles.items()}
    text = json.dumps(entry_schema(people, principles), indent=2, ensure_ascii=False) + "\n"
    if editor:
        output = settings.data_dir / SCHEMA_FILE
    if output is None:
        click.echo(text, nl=False)
        return
    temp = output.with_name(f".{output.name}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, output)
    click.echo(_shown(output))


@main.group()
def inbox() -> None:
    """The intake service and the moderators' inbox (kudos/_inbox/)."""


def _rate(value: str) -> tuple[int, float]:
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*(s|sec|second|m|min|minute|h|hour)s?\s*", value)
    if not match or int(match[1]) < 1:
        raise click.BadParameter(f"{value!r} must look like 30/hour, 5/second or 10/10minutes")
    unit = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hour": 3600}[match[3]]
    return int(match[1]), float(int(match[2] or 1) * unit)


@inbox.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--token-file", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Bearer tokens, one a line.")
@click.option("--allow-origin", "origins", multiple=True, metavar="URL", help="A site allowed to send from the browser [default: site_url of mkdocs.yml]. Repeatable.")
@click.option("--trusted-header", default="", metavar="NAME", help="A header set by an SSO proxy that names the signed-in user (e.g. X-Forwarded-User).")
@click.option("--trusted-proxy", "proxies", multiple=True, metavar="IP", help="Where that header may come from [default: 127.0.0.1 and ::1]. Repeatable.")
@click.option("--max-body", default=64 * 1024, show_default=True, type=click.IntRange(1024, 1024 * 1024), help="Largest request body in bytes.")
@click.option("--rate", "rate", default="30/hour", show_default=True, help="Entries accepted per person (the signed-in user, else the entry's 'from').")
@click.option("--failures", default="10/10minutes", show_default=True, help="Different wrong access codes per address before it must wait.")
@click.option("--header-timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 300), help="Seconds a client has to send a request's headers.")
@click.option("--body-timeout", default=20.0, show_default=True, type=click.FloatRange(0.1, 600), help="Seconds a client has to send a request's body.")
@click.option("--max-connections", default=1000, show_default=True, type=click.IntRange(2, 100_000), help="Open connections at once; beyond, new requests get 503.")
@click.option("--log-level", default="info", show_default=True, type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@CONFIG_OPTION
def serve(
    host: str, port: int, token_file: Path | None, origins: tuple[str, ...], trusted_header: str,
    proxies: tuple[str, ...], max_body: int, rate: str, failures: str, header_timeout: float,
    body_timeout: float, max_connections: int, log_level: str, config_file: str,
) -> None:
    """Run the intake service: POST /api/kudos stores entries in kudos/_inbox/, GET /healthz."""
    try:
        from .intake import server
        from .intake.app import (
            InboxSettings,
            TokenError,
            create_app,
            origin_of,
            read_tokens,
            site_origin,
        )
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise click.ClickException(f"the intake service needs its dependencies: pip install 'mkdocs-kudoswall[inbox]' ({error})") from None
    if token_file is None and not trusted_header:
        raise click.UsageError("give --token-file (bearer tokens), --trusted-header (an SSO proxy), or both")
    try:
        tokens = read_tokens(token_file) if token_file else ()
    except TokenError as error:
        raise click.UsageError(str(error)) from None
    if token_file and os.name == "posix" and token_file.stat().st_mode & 0o077:
        click.echo(f"warning: {token_file} can be read by other users; chmod 600 it", err=True)
    config_path = Path(config_file)
    allowed = set()
    for origin in origins:
        normal = origin_of(origin)
        if normal is None:
            raise click.BadParameter(f"{origin!r} is not an http(s) address", param_hint="--allow-origin")
        allowed.add(normal)
    if not origins and (found := site_origin(config_path)):
        allowed.add(found)
    count, per = _rate(rate)
    failure_count, failure_per = _rate(failures)
    settings = InboxSettings(
        config_file=config_path,
        tokens=tokens,
        allowed_origins=frozenset(allowed),
        trusted_header=trusted_header,
        trusted_proxies=frozenset(proxies) if proxies else frozenset({"127.0.0.1", "::1"}),
        max_body=max_body,
        rate=count,
        per=per,
        failures=failure_count,
        failures_per=failure_per,
        body_timeout=body_timeout,
    )
    app = create_app(settings)
    data_dir = app.state.intake.contexts.settings.data_dir
    click.echo(
        f"kudos inbox: POST http://{host}:{port}/api/kudos stores entries in {_shown(data_dir / '_inbox')}; "
        f"browser origins allowed: {', '.join(sorted(allowed)) or 'none'}",
        err=True,
    )
    server.run(
        app, host=host, port=port, log_level=log_level,
        header_timeout=header_timeout, max_connections=max_connections,
    )


def _inbox_context(config_file: str) -> entryfile.Context:
    context = _context(config_file)
    _warn_context(context)
    return context


@inbox.command("list")
@CONFIG_OPTION
def list_(config_file: str) -> None:
    """Show the pending entries, each checked again against today's people and principles."""
    from .intake import store

    context = _inbox_context(config_file)
    for path in store.stranded(context):
        click.echo(
            f"warning: {_shown(path)} was being approved when a command stopped - "
            f"move it back to {_shown(store.inbox_dir(context.data_dir))}/ to approve it again",
            err=True,
        )
    items = store.pending(context)
    if not items:
        click.echo("The inbox is empty.", err=True)
        return
    for item in items:
        if not item.valid:
            click.echo(f"{item.id}  needs fixing before it can be approved:")
            for problem in item.problems:
                click.echo(f"    {problem}")
            continue
        if item.idea is not None:
            tags = f"  [{', '.join(item.idea.tags)}]" if item.idea.tags else ""
            click.echo(f"{item.id}  idea by {item.idea.by}: {' '.join(item.idea.text.split())[:60]}{tags}")
            continue
        raw = item.raw
        assert raw is not None
        giver = f"{raw.giver} (anonymous)" if raw.anonymous else raw.giver
        about = raw.title or " ".join(raw.message.split())[:60]
        click.echo(f"{item.id}  {raw.date.isoformat()}  {giver} -> {', '.join(raw.recipients)}  {about}")
    click.echo(f"{len(items)} pending. Approve with `kudos inbox approve ID` (or --all).", err=True)


@inbox.command()
@click.argument("ids", nargs=-1)
@click.option("--all", "everything", is_flag=True, help="Approve every pending entry that is valid.")
@CONFIG_OPTION
def approve(ids: tuple[str, ...], everything: bool, config_file: str) -> None:
    """Move entries from the inbox into kudos/YYYY/MM/ (ideas into kudos/ideas/), validating each again."""
    from .intake import store

    if not ids and not everything:
        raise click.UsageError("name the entries to approve (see `kudos inbox list`), or give --all")
    context = _inbox_context(config_file)
    wanted = list(ids) + ([p.id for p in store.pending(context)] if everything else [])
    failed = 0
    for entry_id in dict.fromkeys(wanted):
        if entry_id not in ids and store.find(context, entry_id) is None:
            continue  # listed by --all, then approved by another command running at the same time
        try:
            path, problems = store.approve(context, entry_id)
        except store.ClaimedError:
            # Another moderator's command took it between our listing and now.
            click.echo(f"{entry_id}: taken by another command running at the same time.", err=True)
            if entry_id in ids:
                failed += 1
            continue
        if path is None and entry_id not in ids and store.find(context, entry_id) is None:
            continue  # gone between our look and our claim: another command approved it
        if path is None:
            failed += 1
            for problem in problems:
                click.echo(str(problem), err=True)
            click.echo(f"{entry_id}: kept in the inbox.", err=True)
            continue
        click.echo(f"{entry_id} -> {_shown(path)}")
    if failed:
        sys.exit(1)


@inbox.command()
@click.argument("entry_id", metavar="ID")
@click.option("--reason", required=True, help="Why; kept with the entry under kudos/_inbox/_rejected/.")
@CONFIG_OPTION
def reject(entry_id: str, reason: str, config_file: str) -> None:
    """Set an entry aside with a reason; it is kept, never deleted."""
    from .intake import store

    context = _inbox_context(config_file)
    try:
        path, problems = store.reject(context, entry_id, reason)
    except store.ClaimedError:
        click.echo(f"{entry_id}: taken by another command running at the same time.", err=True)
        sys.exit(1)
    if path is None:
        for problem in problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    click.echo(f"{entry_id} rejected -> {_shown(path)}")




# ---- leaders: report, digest, notify --------------------------------------


def _as_of(project: Project, value: str | None) -> Any:
    """`--as-of DATE`, else the project's today (option `today`, KUDOS_TODAY, the clock)."""
    import datetime as dt

    if not value:
        return project.today
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a date YYYY-MM-DD, got {value!r}", param_hint="--as-of") from None


def _load_quietly(project: Project) -> Any:
    """The data, saying in one line (not one per problem) that `kudos check` has more to say."""
    data = load(project)
    if data.problems:
        click.echo(f"warning: {len(data.problems)} problem(s) in the data leave some entries out; "
                   "run 'kudos check' to see them", err=True)
    return data


AS_OF_OPTION = click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="The last day looked at [default: today].")


@main.command()
@AS_OF_OPTION
@click.option("--days", default=60, show_default=True, type=click.IntRange(1, 3660), help="The window, ending on --as-of.")
@click.option("--team", default="", metavar="T", help="Only this team (its slug or its name).")
@click.option("--leader", default="", metavar="ID", help="Also list the people this leader manages and has not thanked this quarter.")
@click.option("--format", "style", type=click.Choice(["table", "csv", "json", "markdown"]), default="table", show_default=True)
@CONFIG_OPTION
def report(as_of: str | None, days: int, team: str, leader: str, style: str, config_file: str) -> None:
    """Private recognition insights for leaders: never published."""
    from .core import report as reports

    project = _settings(config_file)
    day = _as_of(project, as_of)
    data = _load_quietly(project)
    try:
        made = reports.make_report(data, day, days=days, team=team, leader=leader)
    except reports.ReportError as error:
        raise click.UsageError(str(error)) from None
    click.echo(reports.FORMATS[style](made), nl=False)



@main.command()
@AS_OF_OPTION
@click.option("--since", default="7d", show_default=True, metavar="7d|2w|DATE", help="The period, ending on --as-of.")
@click.option("--format", "style", type=click.Choice(["markdown", "html", "slack", "teams"]), default="markdown", show_default=True)
@click.option("--post", "post_url", metavar="URL", help="POST it to an incoming webhook (Slack, Teams, Mattermost) instead of printing it.")
@click.option("--timeout", default=15.0, show_default=True, type=click.FloatRange(1, 120), help="Seconds to wait for the webhook.")
@CONFIG_OPTION
def digest(as_of: str | None, since: str, style: str, post_url: str | None, timeout: float, config_file: str) -> None:
    """The period's kudos, cards, campaigns and celebrations, for a channel or an email."""
    from .core import digest as digests

    project = _settings(config_file)
    day = _as_of(project, as_of)
    try:
        start = digests.parse_since(since, day)
    except digests.DigestError as error:
        raise click.BadParameter(str(error), param_hint="--since") from None
    made = digests.make_digest(_load_quietly(project), start, day, project.site_url)
    text, body, content_type = digests.render(made, style)
    if not post_url:
        click.echo(text.rstrip("\n"))
        return
    try:
        status = digests.post(post_url, body, content_type, timeout=timeout)
    except digests.DigestError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"posted {len(made.kudos)} kudos to {digests.shown_url(post_url)} ({status})", err=True)


@main.command()
@AS_OF_OPTION
@click.option("--since", default="7d", show_default=True, metavar="7d|2w|DATE",
              help="Entries dated in this period (or since the last run, if that is earlier).")
@click.option("--dry-run", is_flag=True, help="Say who would be told about what; send and remember nothing.")
@CONFIG_OPTION
def notify(as_of: str | None, since: str, dry_run: bool, config_file: str) -> None:
    """Email each person thanked, once per entry; what was sent is kept in <data folder>/_notified.json."""
    import smtplib

    from .core import notify as notices
    from .core.digest import DigestError, day_text, parse_since

    project = _settings(config_file)
    day = _as_of(project, as_of)
    try:
        start = parse_since(since, day)
    except DigestError as error:
        raise click.BadParameter(str(error), param_hint="--since") from None
    state_path = project.data_dir / notices.STATE_FILE
    try:
        state = notices.read_state(state_path)
    except notices.NotifyError as error:
        raise click.ClickException(str(error)) from None
    data = _load_quietly(project)
    plan = notices.plan(data, day, start, state)
    skipped = ", ".join(f"{n} {reason}" for reason, n in sorted(plan.skipped.items()))
    if dry_run:
        for notice in plan.notices:
            click.echo(f"would tell {notice.person.id} about {notice.entry.id} ({notice.entry.date.isoformat()})")
        click.echo(f"{len(plan.notices)} email(s) to send" + (f"; skipped: {skipped}" if skipped else ""), err=True)
        return
    if not plan.notices:
        state.last_run = day
        notices.write_state(state_path, state, day)
        click.echo("nothing new to tell anyone" + (f"; skipped: {skipped}" if skipped else ""), err=True)
        return
    try:
        config = notices.smtp_config(project.settings, os.environ)
        smtp = notices.connect(config)
    except notices.NotifyError as error:
        raise click.ClickException(str(error)) from None

    def remember(notice: Any) -> None:
        state.sent[(notice.entry.id, notice.person.id)] = notice.entry.date.isoformat()
        notices.write_state(state_path, state, day)

    try:
        outcome = notices.send(
            plan.notices, smtp,
            lambda n: notices.compose(n, config.sender, project.site_url, day_text),
            remember,
        )
    except (smtplib.SMTPException, OSError) as error:
        raise click.ClickException(f"the SMTP server stopped the run: {error}; what was sent is remembered") from None
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            smtp.quit()
    for notice, reason in outcome.refused:
        click.echo(f"not sent to {notice.person.id} about {notice.entry.id}: {reason}", err=True)
    if not outcome.refused:
        state.last_run = day
        notices.write_state(state_path, state, day)
    people = len({n.person.id for n in outcome.sent})
    click.echo(f"sent {len(outcome.sent)} email(s) to {people} person(s)" + (f"; skipped: {skipped}" if skipped else ""), err=True)
    if outcome.refused:
        sys.exit(1)

if __name__ == "__main__":  # pragma: no cover
    main()
