"""`kudos people`: people.yml chores that are too long to do by hand for a company of hundreds."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.data import chataccounts, sources, yamlfile
from ..core.data.csvimport import CsvImportError
from ..core.data.people import validate_people
from .common import CONFIG_OPTION, as_typed, read_settings


@click.group()
def people() -> None:
    """people.yml: chores over every person at once."""


@people.command("import-chat")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@CONFIG_OPTION
def import_chat(csv_file: Path, dry_run: bool, config_file: str) -> None:
    """Fill slack: or teams: from Slack's member export or Entra ID's user export, matched by email:."""
    project = read_settings(config_file)
    source = sources.people_file(project.data_dir)
    if source is None:
        raise click.ClickException(f"no people file in {as_typed(project.data_dir)} - run `kudos init` first")
    shown = as_typed(source.path)
    try:
        export = chataccounts.read_export(csv_file)
    except CsvImportError as error:
        raise click.ClickException(f"{as_typed(csv_file)}: {error}") from None
    with open(source.path, encoding="utf-8", newline="") as file:  # keeps \r\n as written
        text = file.read()
    document, issues = yamlfile.parse(text)
    if issues or not isinstance(document, yamlfile.LineDict):
        first = f"{shown}:{issues[0].line}: {issues[0].message}" if issues else f"{shown} is not a mapping of people"
        raise click.ClickException(f"{first} - fix people.yml first (`kudos check` lists every problem)")
    everyone, _ = validate_people(shown, document, project.today)
    outcome = chataccounts.plan(text, document, everyone, export)
    wanted = {pid: export.accounts[everyone[pid].contact.email.casefold()] for pid in outcome.written}
    errors = chataccounts.check(shown, outcome.text, export.kind, wanted, project.today)
    if errors:
        raise click.ClickException(f"{shown} was left as it was: the edit did not read back ({'; '.join(errors)})")
    if outcome.written and not dry_run:
        chataccounts.replace(source.path, outcome.text)
    _report(shown, export, outcome, dry_run)


def _report(shown: str, export: chataccounts.Export, outcome: chataccounts.Outcome, dry_run: bool) -> None:
    verb = "would write" if dry_run else "wrote"
    click.echo(f"{shown}: {verb} '{export.kind}:' for {len(outcome.written)} people; {len(outcome.unchanged)} already had it.")
    groups = (
        ("people with no 'email:'", outcome.no_email),
        ("people whose email is not in the export", outcome.not_in_export),
        ("export rows whose email is nobody's in people.yml", outcome.unmatched_rows),
        ("export rows left out", export.skipped),
        (f"people to edit by hand (their record is not one field a line): add '{export.kind}:'", outcome.by_hand),
    )
    unmatched = [(title, items) for title, items in groups if items]
    if unmatched:
        click.echo("Not matched:")
    for title, items in unmatched:
        click.echo(f"  {title} ({len(items)}):")
        for item in items:
            click.echo(f"    {item}")
