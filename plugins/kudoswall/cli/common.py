"""What every command shares: reading the site's settings, the config option, paths as typed."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ..core.data import entryfile
from ..core.data.project import Project, SettingsError, read_project


def read_settings(config_file: str) -> Project:
    try:
        return read_project(Path(config_file))
    except SettingsError as error:
        raise click.UsageError(str(error)) from None



CONFIG_OPTION = click.option(
    "-f", "--config-file", default="mkdocs.yml", show_default=True, help="The site's MkDocs config."
)


def context_of(config_file: str) -> entryfile.Context:
    s = read_settings(config_file)
    return entryfile.load_context(s)


def as_typed(path: Path) -> str:
    """A path as the user would type it from where they are."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def warn_context(context: entryfile.Context) -> None:
    for problem in context.problems:
        click.echo(f"warning: {problem}", err=True)


def split_ids(values: Sequence[str]) -> list[str]:
    """`--to a --to b` and `--to a,b` both work."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


AS_OF_OPTION = click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="The last day looked at [default: today].")


def as_of_day(project: Project, value: str | None) -> Any:
    """`--as-of DATE`, else the project's today (option `today`, KUDOS_TODAY, the clock)."""

    if not value:
        return project.today
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a date YYYY-MM-DD, got {value!r}", param_hint="--as-of") from None
