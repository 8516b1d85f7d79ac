"""`kudos import`: entries from a survey tool's CSV export."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..core.data import csvimport
from .common import CONFIG_OPTION, as_typed, context_of, warn_context


@click.command("import")
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
    context = context_of(config_file)
    warn_context(context)
    shown = as_typed(csv_file)
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
        click.echo(as_typed(path))
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
