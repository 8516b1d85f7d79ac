"""`kudos new`: write one entry from flags or by asking, checked as the build checks it."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from ..core.data import entryfile
from ..core.data.ids import did_you_mean, ids_by_name
from ..core.data.model import CUSTOMER
from .common import CONFIG_OPTION, as_typed, context_of, read_settings, split_ids, warn_context


def _lookup(noun: str, known: dict[str, str], extra: Sequence[str] = ()) -> Any:
    """A prompt check: an id, or a name as people know it; unknown ones get a "did you mean"."""
    by_label = ids_by_name(known, str.casefold)

    def convert(value: str) -> str:
        value = value.strip()
        if value in known or value in extra:
            return value
        ids = by_label.get(value.casefold(), ())
        if len(ids) > 1:
            many = "people" if noun == "person" else f"{noun}s"
            raise click.BadParameter(f"'{value}' is the name of {len(ids)} {many}: {', '.join(ids)} - type the id")
        if ids:
            return ids[0]
        hint = did_you_mean(value, [*known, *extra]) or "see the list above"
        raise click.BadParameter(f"unknown {noun} '{value}' - {hint}")

    return convert


def _list_prompt(text: str, convert: Any, default: str | None = None) -> list[str]:
    def many(value: str) -> list[str]:
        return [convert(part) for part in split_ids([value])]

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


def _joined(config_file: str, path: Any) -> list[Any]:
    """A co-sign must name a published note: the whole data is read to know, as the build does."""
    from ..core.data.dataset import load

    data = load(read_settings(config_file))
    return [p for p in data.problems if p.path.endswith("/" + path.name) and ("'also'" in p.message or "co-sign" in p.message)]


@click.command(short_help="Write one kudos entry, checked as the build checks it.")
@click.option("--from", "giver", metavar="ID", help="Your person id, or 'customer' for praise from a customer.")
@click.option("--to", "recipients", multiple=True, metavar="ID", help="Who you thank (repeat, or separate ids with commas).")
@click.option("--message", metavar="TEXT", help="The message, in Markdown ('-' reads it from standard input).")
@click.option("--principle", "principles", multiple=True, metavar="ID", help="A principle the story shows (repeatable).")
@click.option("--title", default="", metavar="T", help="A short headline.")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="The day it happened [default: today].")
@click.option("--anonymous", is_flag=True, help="Hide your name on the site.")
@click.option("--card", default="", metavar="ID", help="Sign a group card (kudos/cards/<ID>.yml).")
@click.option("--campaign", default="", metavar="ID", help="A note in a campaign (kudos/campaigns/<ID>.yml).")
@click.option("--also", default="", metavar="NOTE", help="Me too: co-sign the note with this id (from its permanent link); --to and --message become optional.")
@click.option("-i", "--interactive", is_flag=True, help="Ask for each field (what happens in a terminal without flags).")
@CONFIG_OPTION
def new(
    giver: str | None, recipients: tuple[str, ...], message: str | None, principles: tuple[str, ...],
    title: str, day: str | None, anonymous: bool, card: str, campaign: str, also: str, interactive: bool,
    config_file: str,
) -> None:
    """Write a new kudos entry as kudos/YYYY/MM/<date>-<from>-to-<to>.yml and print its path."""
    context = context_of(config_file)
    warn_context(context)
    flags = giver or recipients or message or principles or title or day or anonymous or card or campaign or also
    if interactive or (not flags and sys.stdin.isatty()):
        answers = _ask(context)
    else:
        if message == "-":
            message = sys.stdin.read()
        for value, name in ((giver, "--from"), (recipients or also, "--to"), (message or also, "--message")):
            if not value:
                raise click.UsageError(f"missing option '{name}' (or run `kudos new` in a terminal to be asked)")
        answers = {
            "giver": giver, "recipients": split_ids(recipients), "principles": split_ids(principles),
            "title": title, "message": message or "", "date": day or context.today.isoformat(),
            "anonymous": anonymous,
        }
    mapping = entryfile.entry_mapping(
        date=answers["date"], giver=answers["giver"], recipients=answers["recipients"],
        message=answers["message"], principles=answers["principles"], title=answers["title"],
        anonymous=answers["anonymous"], card=card, campaign=campaign, also=also,
    )
    path, problems = entryfile.create_entry(context, mapping)
    if path is not None and also:
        problems = _joined(config_file, path)
        if problems:
            path.unlink()
            path = None
    if path is None:
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo("Nothing was written.", err=True)
        sys.exit(1)
    click.echo(as_typed(path))
    click.echo("Written. Commit it (or open a pull request) to publish it.", err=True)
