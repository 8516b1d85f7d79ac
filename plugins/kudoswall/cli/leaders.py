"""`kudos report`, `digest` and `notify`: what leaders and people receive outside the site."""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from ..core.data.dataset import load
from ..core.data.project import Project
from .common import AS_OF_OPTION, CONFIG_OPTION, as_of_day, read_settings


def load_quietly(project: Project) -> Any:
    """The data, saying in one line (not one per problem) that `kudos check` has more to say."""
    data = load(project)
    errors = [p for p in data.problems if not p.warning]
    if errors:
        click.echo(f"warning: {len(errors)} problem(s) in the data leave some entries out; "
                   "run 'kudos check' to see them", err=True)
    return data



@click.command(short_help="Private recognition insights for leaders.")
@AS_OF_OPTION
@click.option("--days", default=60, show_default=True, type=click.IntRange(1, 3660), help="The window, ending on --as-of.")
@click.option("--team", default="", metavar="T", help="Only this team (its slug or its name).")
@click.option("--leader", default="", metavar="ID", help="Also list the people this leader manages and has not thanked this quarter.")
@click.option("--format", "style", type=click.Choice(["table", "csv", "json", "markdown"]), default="table", show_default=True)
@CONFIG_OPTION
def report(as_of: str | None, days: int, team: str, leader: str, style: str, config_file: str) -> None:
    """Private recognition insights for leaders: never published."""
    from ..core.leaders import report as reports

    project = read_settings(config_file)
    day = as_of_day(project, as_of)
    data = load_quietly(project)
    try:
        made = reports.make_report(data, day, days=days, team=team, leader=leader)
    except reports.ReportError as error:
        raise click.UsageError(str(error)) from None
    click.echo(reports.FORMATS[style](made), nl=False)



@click.command(short_help="Print or post the period's kudos and celebrations.")
@AS_OF_OPTION
@click.option("--since", default="7d", show_default=True, metavar="7d|2w|DATE", help="The period, ending on --as-of.")
@click.option("--format", "style", type=click.Choice(["markdown", "html", "slack", "teams"]), default="markdown", show_default=True)
@click.option("--post", "post_url", metavar="URL", help="POST it to an incoming webhook (Slack, Teams, Mattermost) instead of printing it.")
@click.option("--timeout", default=15.0, show_default=True, type=click.FloatRange(1, 120), help="Seconds the whole post may take: connecting, sending and the answer.")
@CONFIG_OPTION
def digest(as_of: str | None, since: str, style: str, post_url: str | None, timeout: float, config_file: str) -> None:
    """The period's kudos, cards, campaigns and celebrations, for a channel or an email."""
    from ..core.leaders import digest as digests

    project = read_settings(config_file)
    day = as_of_day(project, as_of)
    try:
        start = digests.parse_since(since, day)
    except digests.DigestError as error:
        raise click.BadParameter(str(error), param_hint="--since") from None
    made = digests.make_digest(load_quietly(project), start, day, project.site_url)
    text, body, content_type = digests.render(made, style)
    if not post_url:
        click.echo(text.rstrip("\n"))
        return
    try:
        status = digests.post(post_url, body, content_type, timeout=timeout)
    except digests.DigestError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"posted {len(made.kudos)} kudos to {digests.shown_url(post_url)} ({status})", err=True)


@click.command(short_help="Email each person thanked, once per entry.")
@AS_OF_OPTION
@click.option("--since", default="7d", show_default=True, metavar="7d|2w|DATE",
              help="Entries dated in this period (or since the last run, if that is earlier).")
@click.option("--dry-run", is_flag=True, help="Say who would be told about what; send and remember nothing.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(1, 600),
              help="Seconds the SMTP server has to greet and log in, and then for each message.")
@CONFIG_OPTION
def notify(as_of: str | None, since: str, dry_run: bool, timeout: float, config_file: str) -> None:
    """Email each person thanked, once per entry; what was sent is kept in <data folder>/_notified.json."""
    from filelock import Timeout

    from ..core.leaders import notify as notices
    from ..core.leaders.digest import DigestError, parse_since

    project = read_settings(config_file)
    day = as_of_day(project, as_of)
    try:
        start = parse_since(since, day)
    except DigestError as error:
        raise click.BadParameter(str(error), param_hint="--since") from None
    state_path = project.data_dir / notices.STATE_FILE
    try:
        with notices.run_lock(state_path):  # another run at once waits, then finds its notices sent
            _notify(project, Run(day, start, state_path, timeout), dry_run)
    except Timeout:
        raise click.ClickException(
            f"another 'kudos notify' has held {state_path.name}.lock for {notices.LOCK_SECONDS:.0f} s; "
            "run again once it has finished"
        ) from None


@dataclass(frozen=True)
class Run:
    """One `kudos notify`: its day, the start of its period, where it remembers, the server's time limit."""

    day: dt.date
    start: dt.date
    state_path: Path
    timeout: float


def _notify(project: Project, run: Run, dry_run: bool) -> None:
    """Plan the notices against what was sent, then send them, remembering each."""
    from ..core.leaders import notify as notices

    try:
        state = notices.read_state(run.state_path)
    except notices.NotifyError as error:
        raise click.ClickException(str(error)) from None
    plan = notices.plan(load_quietly(project), run.day, run.start, state)
    skipped = ", ".join(f"{n} {reason}" for reason, n in sorted(plan.skipped.items()))
    skipped = f"; skipped: {skipped}" if skipped else ""
    if dry_run:
        for notice in plan.notices:
            click.echo(f"would tell {notice.person.id} about {notice.entry.id} ({notice.entry.date.isoformat()})")
        click.echo(f"{len(plan.notices)} email(s) to send{skipped}", err=True)
        return
    if not plan.notices:
        state.last_run = run.day
        notices.write_state(run.state_path, state, run.day)
        click.echo(f"nothing new to tell anyone{skipped}", err=True)
        return
    outcome = _send(project, run, plan.notices, state)
    for notice, reason in outcome.refused:
        click.echo(f"not sent to {notice.person.id} about {notice.entry.id}: {reason}", err=True)
    if not outcome.refused:
        state.last_run = run.day
        notices.write_state(run.state_path, state, run.day)
    people = len({n.person.id for n in outcome.sent})
    click.echo(f"sent {len(outcome.sent)} email(s) to {people} person(s){skipped}", err=True)
    if outcome.refused:
        sys.exit(1)


def _send(project: Project, run: Run, planned: Any, state: Any) -> Any:
    """Send each notice, writing down each one as soon as the server took it."""
    import smtplib

    from ..core.leaders import notify as notices
    from ..core.leaders.digest import day_text

    try:
        config = notices.smtp_config(project.settings, os.environ)
        smtp = notices.connect(config, run.timeout)
    except notices.NotifyError as error:
        raise click.ClickException(str(error)) from None

    def remember(notice: Any) -> None:
        state.sent[(notice.entry.id, notice.person.id)] = notice.entry.date.isoformat()
        notices.write_state(run.state_path, state, run.day)

    try:
        return notices.send(planned, smtp, lambda n: notices.compose(n, config.sender, project.site_url, day_text),
                            remember, run.timeout)
    except (smtplib.SMTPException, OSError, notices.NotifyError) as error:
        raise click.ClickException(f"the SMTP server stopped the run: {error}; what was sent is remembered") from None
    finally:
        notices.close(smtp, run.timeout)
