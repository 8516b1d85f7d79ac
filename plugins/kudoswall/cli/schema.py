"""`kudos schema`: the JSON Schema of an entry, for editors and other tools."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from ..core.data import entryfile
from ..core.data.schema import SCHEMA_FILE, entry_schema
from .common import CONFIG_OPTION, as_typed, read_settings


@click.command(short_help="Print the JSON Schema of a kudos entry.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of printing.")
@click.option("--editor", is_flag=True, help=f"Write it where YAML editors find it: <data folder>/{SCHEMA_FILE}.")
@CONFIG_OPTION
def schema(output: Path | None, editor: bool, config_file: str) -> None:
    """Print the JSON Schema of a kudos entry, from the definition the validator uses."""
    settings = read_settings(config_file)
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
    click.echo(as_typed(output))
