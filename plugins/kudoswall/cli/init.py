"""`kudos init`: start a company site, or add the wall to a site that exists."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import click

from ..core.data.project import SettingsError, check_timezone, resolve_today
from ..starter import scaffold
from .common import as_typed


@click.command(short_help="Start a site, or add the wall to an existing one.")
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", "site_name", default="Service Handbook", show_default=True, help="A new site's name.")
@click.option("--site-url", default="", metavar="URL", help="Where a new site will be published (the feeds need it).")
@click.option("--timezone", default="UTC", show_default=True, help="A new site's time zone: its day starts at midnight there.")
@click.option(
    "--theme", type=click.Choice(["material", "mkdocs"]),
    help="A new site's theme [default: material if Material for MkDocs is installed, else mkdocs].",
)
def init(folder: Path, site_name: str, site_url: str, timezone: str, theme: str | None) -> None:
    """Start a kudos wall in FOLDER (default: here).

    In an empty or new folder: a company site that builds with
    `mkdocs build --strict` at once (mkdocs.yml, a home page, one principle,
    kudos/people.yml, requirements.txt, GitHub and GitLab pipelines).

    In the folder of an MkDocs site: adds the plugin to its mkdocs.yml and a
    starter kudos/people.yml, and changes nothing else.
    """
    config = scaffold.find_config(folder)
    try:
        if config is not None:
            outcome = scaffold.add_to_site(config)
            steps = [f"cd {as_typed(folder)}"] if folder.resolve() != Path.cwd() else []
            steps += ["mkdocs build --strict", "mkdocs serve        # then open /kudos/ on the address it prints"]
        else:
            theme = theme or ("material" if importlib.util.find_spec("material") else "mkdocs")
            choices = scaffold.Choices(site_name, theme, check_timezone(timezone), site_url)
            outcome = scaffold.new_site(folder, choices, resolve_today(None, choices.timezone))
            steps = [f"cd {as_typed(folder)}"] if folder.resolve() != Path.cwd() else []
            steps += [
                "mkdocs serve        # the site at http://127.0.0.1:8000/",
                "kudos new --from ana-lima --to ben-okafor --message 'Thank you for the calm handover.'",
            ]
    except (scaffold.InitError, SettingsError) as error:
        raise click.ClickException(f"{error}\nNothing was written.") from None
    for line in outcome.done:
        click.echo(line)
    for note in outcome.notes:
        click.echo(f"\n{note}")
    click.echo("\nNext:")
    for step in steps:
        click.echo(f"  {step}")
