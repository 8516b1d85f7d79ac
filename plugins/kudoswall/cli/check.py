"""`kudos check`: validate the data, in the format a terminal or a CI system reads."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from typing import Any

import click

from ..core.data.dataset import load
from ..core.data.model import Problem
from ..core.data.project import Project
from .common import AS_OF_OPTION, as_of_day, read_settings


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
        return f"::{'warning' if problem.warning else 'error'} {props}::{_github_escape(message)}"
    return f"warning: {problem}" if problem.warning else str(problem)


def _code_quality(problem: Problem) -> dict[str, Any]:
    """One issue of GitLab's Code Quality report, which merge requests show next to the diff."""
    text = problem.message + (f" - {problem.hint}" if problem.hint else "")
    key = f"{problem.path}:{problem.line}:{problem.message}".encode()
    return {
        "description": text,
        "check_name": "kudos-check",
        "fingerprint": hashlib.sha256(key).hexdigest(),
        "severity": "minor" if problem.warning else "major",
        "location": {"path": problem.path, "lines": {"begin": problem.line or 1}},
    }



@click.command()
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, help="The site's MkDocs config.")
@click.option(
    "--format", "style", type=click.Choice(["text", "github", "gitlab"]), default="text", show_default=True,
    help="text: path:line: message. github: GitHub Actions annotations. gitlab: a Code Quality report (JSON).",
)
@click.option("--stale", is_flag=True, help="Also list handbook pages past their review_by date, with their owners (exit 1 if any).")
@AS_OF_OPTION
def check(config_file: str, style: str, stale: bool, as_of: str | None) -> None:
    """Validate people, entries and principles; exit 1 on any problem."""
    settings = read_settings(config_file)
    if as_of:  # the day entries may not be after and reviews fall due by, so a run can be repeated exactly
        settings = dataclasses.replace(settings, today=as_of_day(settings, as_of))
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
    errors = [p for p in data.problems if not p.warning]
    if errors:
        files = len({p.path for p in errors})
        click.echo(f"{len(errors)} problem(s) in {files} file(s); {summary}", err=True)
        sys.exit(1)
    if overdue:
        sys.exit(1)
    click.echo(f"OK: {summary}", err=True)


def _stale_pages(project: Project, data: Any) -> list[Problem]:
    """Overdue pages with their owners, named even if they opted out of the wall: this is the terminal."""
    from ..core.site.sections.handbook import stale_pages

    lines = []
    docs = project.shown(project.docs_dir)
    for page in stale_pages(project.docs_dir, project.today):
        person = data.people.get(page.owner)
        owner = f"{person.name} ({page.owner})" if person else (f"'{page.owner}' (unknown)" if page.owner else "nobody")
        due = page.review_by.isoformat() if page.review_by else ""
        lines.append(Problem(f"{docs}/{page.src}", None, f"review was due on {due}", f"kept by {owner}"))
    return lines
