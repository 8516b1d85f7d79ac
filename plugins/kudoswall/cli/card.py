"""`kudos card new`: start a group card that many people sign."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from typing import Any

import click

from ..core.data import entryfile, yamlfile
from ..core.data.ids import team_slugs
from ..core.data.kinds import validate_card
from ..core.data.model import OCCASIONS, Problem
from .common import CONFIG_OPTION, as_typed, context_of, warn_context

DEFAULT_CARD_TITLES = {
    "birthday": "Happy birthday, {name}!",
    "anniversary": "Happy work anniversary, {name}!",
    "welcome": "Welcome, {name}!",
    "farewell": "Farewell, {name}, and thank you",
    "congrats": "Congratulations, {name}!",
    "get-well": "Get well soon, {name}",
    "other": "Thank you, {name}",
}


@click.group(short_help="Start a group card that many people sign.")
def card() -> None:
    """Group cards: one file in kudos/cards/, signed by many (each signature is an entry)."""


@card.command("new", short_help="Write kudos/cards/<id>.yml, checked first.")
@click.option("--for", "recipient", required=True, metavar="ID", help="A person id, team:<slug>, or 'customer'.")
@click.option("--occasion", required=True, type=click.Choice(OCCASIONS), help="What the card celebrates.")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="The day of the occasion [default: today].")
@click.option("--title", default="", metavar="T", help="The greeting [default: one for the occasion].")
@click.option("--id", "card_id", default="", metavar="ID", help="The card's id [default: <for>-<occasion>-<year>].")
@CONFIG_OPTION
def card_new(recipient: str, occasion: str, day: str | None, title: str, card_id: str, config_file: str) -> None:
    """Write kudos/cards/<id>.yml, validated first, and print how to sign it."""
    context = context_of(config_file)
    warn_context(context)
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
    click.echo(as_typed(path))
    click.echo(f"Written. Sign it with: kudos new --card {path.stem} --from YOUR-ID --to {recipient} --message \"...\"", err=True)
