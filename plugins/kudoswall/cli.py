"""The `kudos` command: the same core as the build, for people and CI."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .core.dataset import load
from .core.model import Problem
from .settings import SiteSettings, read_settings


def _settings(config_file: str) -> SiteSettings:
    return read_settings(Path(config_file))


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


@click.group()
@click.version_option(package_name="mkdocs-kudoswall")
def main() -> None:
    """Give, check and manage kudos for a kudos-wall site."""


@main.command()
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, help="The site's MkDocs config.")
@click.option(
    "--format", "style", type=click.Choice(["text", "github"]), default="text", show_default=True,
    help="text: path:line: message. github: GitHub Actions annotations.",
)
def check(config_file: str, style: str) -> None:
    """Validate people, entries and principles; exit 1 on any problem."""
    settings = _settings(config_file)
    data = load(settings.root, settings.data_dir, settings.docs_dir, settings.principles_dir, settings.today)
    for problem in data.problems:
        click.echo(format_problem(problem, style))
    summary = (
        f"{len(data.entries)} published entries, {len(data.people)} people, "
        f"{len(data.principles)} principles"
    )
    if data.problems:
        files = len({p.path for p in data.problems})
        click.echo(f"{len(data.problems)} problem(s) in {files} file(s); {summary}", err=True)
        sys.exit(1)
    click.echo(f"OK: {summary}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
