"""`kudos inbox`: the intake service and the moderators' inbox."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import click

from ..core.data import entryfile
from .common import CONFIG_OPTION, as_typed, context_of, warn_context


@click.group(short_help="The intake service and its moderators' inbox.")
def inbox() -> None:
    """The intake service and the moderators' inbox (kudos/_inbox/)."""


def _rate(value: str) -> tuple[int, float]:
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*(s|sec|second|m|min|minute|h|hour)s?\s*", value)
    if not match or int(match[1]) < 1:
        raise click.BadParameter(f"{value!r} must look like 30/hour, 5/second or 10/10minutes")
    unit = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hour": 3600}[match[3]]
    return int(match[1]), float(int(match[2] or 1) * unit)


@inbox.command(short_help="Run the intake service the give page posts to.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--token-file", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Bearer tokens, one a line.")
@click.option("--allow-origin", "origins", multiple=True, metavar="URL", help="A site allowed to send from the browser [default: site_url of mkdocs.yml]. Repeatable.")
@click.option("--trusted-header", default="", metavar="NAME", help="A header set by an SSO proxy that names the signed-in user (e.g. X-Forwarded-User).")
@click.option("--trusted-proxy", "proxies", multiple=True, metavar="IP", help="Where that header may come from [default: 127.0.0.1 and ::1]. Repeatable.")
@click.option("--max-body", default=64 * 1024, show_default=True, type=click.IntRange(1024, 1024 * 1024), help="Largest request body in bytes.")
@click.option("--rate", "rate", default="30/hour", show_default=True, help="Entries accepted per person (the signed-in user, else the entry's 'from').")
@click.option("--failures", default="10/10minutes", show_default=True, help="Different wrong access codes per address before it must wait.")
@click.option("--header-timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 300), help="Seconds a client has to send a request's headers.")
@click.option("--body-timeout", default=20.0, show_default=True, type=click.FloatRange(0.1, 600), help="Seconds a client has to send a request's body.")
@click.option("--max-connections", default=1000, show_default=True, type=click.IntRange(2, 100_000), help="Open connections at once; beyond, new requests get 503.")
@click.option("--log-level", default="info", show_default=True, type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@click.option("--slack-secret-file", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="The Slack app's signing secret, for POST /api/slack [default: KUDOS_SLACK_SIGNING_SECRET].")
@click.option("--teams-secret-file", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="The Teams webhook's security token, for POST /api/teams [default: KUDOS_TEAMS_SECRET].")
@CONFIG_OPTION
def serve(
    host: str, port: int, token_file: Path | None, origins: tuple[str, ...], trusted_header: str,
    proxies: tuple[str, ...], max_body: int, rate: str, failures: str, header_timeout: float,
    body_timeout: float, max_connections: int, log_level: str, slack_secret_file: Path | None,
    teams_secret_file: Path | None, config_file: str,
) -> None:
    """Run the intake service: POST /api/kudos stores entries in kudos/_inbox/, GET /healthz."""
    try:
        from ..intake import server
        from ..intake.app import InboxSettings, create_app
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise click.ClickException(f"the intake service needs its dependencies: pip install 'mkdocs-kudoswall[inbox]' ({error})") from None
    slack_secrets, teams_keys = _chat_secrets(slack_secret_file, teams_secret_file)
    if token_file is None and not trusted_header and not (slack_secrets or teams_keys):
        raise click.UsageError("give --token-file (bearer tokens), --trusted-header (an SSO proxy), or a chat secret")
    tokens = _tokens(token_file)
    config_path = Path(config_file)
    allowed = _allowed_origins(origins, config_path)
    count, per = _rate(rate)
    failure_count, failure_per = _rate(failures)
    settings = InboxSettings(
        config_file=config_path,
        tokens=tokens,
        allowed_origins=frozenset(allowed),
        trusted_header=trusted_header,
        trusted_proxies=frozenset(proxies) if proxies else frozenset({"127.0.0.1", "::1"}),
        max_body=max_body,
        rate=count,
        per=per,
        failures=failure_count,
        failures_per=failure_per,
        body_timeout=body_timeout,
        slack_secrets=slack_secrets,
        teams_keys=teams_keys,
    )
    app = create_app(settings)
    data_dir = app.state.intake.contexts.settings.data_dir
    try:
        sock = server.listen(host, port)
    except OSError as error:
        raise click.ClickException(
            f"cannot listen on {host}:{port}: {error.strerror or error} - is another inbox running there? "
            "Stop it, or choose another --port"
        ) from None
    port = sock.getsockname()[1]  # the port chosen when --port 0
    click.echo(
        f"kudos inbox: POST http://{host}:{port}/api/kudos stores entries in {as_typed(data_dir / '_inbox')}; "
        f"browser origins allowed: {', '.join(sorted(allowed)) or 'none'}; "
        f"chat: {' '.join(p for p, on in (('/api/slack', slack_secrets), ('/api/teams', teams_keys)) if on) or 'none'}",
        err=True,
    )
    server.run(
        app, sock=sock, log_level=log_level,
        header_timeout=header_timeout, max_connections=max_connections,
    )


def _tokens(token_file: Path | None) -> tuple[bytes, ...]:
    from ..intake.app import TokenError, read_tokens

    try:
        tokens = read_tokens(token_file) if token_file else ()
    except TokenError as error:
        raise click.UsageError(str(error)) from None
    if token_file and os.name == "posix" and token_file.stat().st_mode & 0o077:
        click.echo(f"warning: {token_file} can be read by other users; chmod 600 it", err=True)
    return tokens


def _allowed_origins(origins: tuple[str, ...], config_path: Path) -> set[str]:
    """--allow-origin as given, else the origin of the site's own site_url."""
    from ..intake.app import origin_of, site_origin

    allowed = set()
    for origin in origins:
        normal = origin_of(origin)
        if normal is None:
            raise click.BadParameter(f"{origin!r} is not an http(s) address", param_hint="--allow-origin")
        allowed.add(normal)
    if not origins and (found := site_origin(config_path)):
        allowed.add(found)
    return allowed


def _chat_secrets(slack_file: Path | None, teams_file: Path | None) -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
    """Slack's signing secrets and Teams' HMAC keys, from the files or the environment."""
    from ..intake import chat, slack, teams

    try:
        return slack.secrets_from(slack_file, os.environ), teams.keys_from(teams_file, os.environ)
    except chat.SecretError as error:
        raise click.UsageError(str(error)) from None


def _inbox_context(config_file: str) -> entryfile.Context:
    context = context_of(config_file)
    warn_context(context)
    return context


@inbox.command("list", short_help="Show the pending entries, each checked again.")
@CONFIG_OPTION
def list_(config_file: str) -> None:
    """Show the pending entries, each checked again against today's people and principles."""
    from ..intake import store

    context = _inbox_context(config_file)
    for path in store.stranded(context):
        click.echo(
            f"warning: {as_typed(path)} was being approved when a command stopped - "
            f"move it back to {as_typed(store.inbox_dir(context.data_dir))}/ to approve it again",
            err=True,
        )
    items = store.pending(context)
    if not items:
        click.echo("The inbox is empty.", err=True)
        return
    for item in items:
        if not item.valid:
            click.echo(f"{item.id}  needs fixing before it can be approved:")
            for problem in item.problems:
                click.echo(f"    {problem}")
            continue
        if item.idea is not None:
            tags = f"  [{', '.join(item.idea.tags)}]" if item.idea.tags else ""
            click.echo(f"{item.id}  idea by {item.idea.by}: {' '.join(item.idea.text.split())[:60]}{tags}")
            continue
        if item.card is not None:
            card = item.card
            click.echo(f"{item.id}  card {card.id} for {card.recipient} ({card.occasion}, {card.date.isoformat()}): {card.title[:60]}")
            continue
        raw = item.raw
        assert raw is not None
        giver = f"{raw.giver} (anonymous)" if raw.anonymous else raw.giver
        about = raw.title or " ".join(raw.message.split())[:60]
        if raw.also:
            about = f"me too on {raw.also}" + (f": {about}" if about else "")
        via = f"  [from {item.source}]" if item.source else ""
        click.echo(f"{item.id}  {raw.date.isoformat()}  {giver} -> {', '.join(raw.recipients)}  {about}{via}")
    click.echo(f"{len(items)} pending. Approve with `kudos inbox approve ID` (or --all).", err=True)


@inbox.command(short_help="Publish entries: move them into the data folder.")
@click.argument("ids", nargs=-1)
@click.option("--all", "everything", is_flag=True, help="Approve every pending entry that is valid.")
@CONFIG_OPTION
def approve(ids: tuple[str, ...], everything: bool, config_file: str) -> None:
    """Move entries from the inbox into kudos/YYYY/MM/ (ideas into kudos/ideas/), validating each again."""
    from ..intake import store

    if not ids and not everything:
        raise click.UsageError("name the entries to approve (see `kudos inbox list`), or give --all")
    context = _inbox_context(config_file)
    wanted = list(ids) + ([p.id for p in store.pending(context)] if everything else [])
    failed = 0
    for entry_id in dict.fromkeys(wanted):
        if entry_id not in ids and store.find(context, entry_id) is None:
            continue  # listed by --all, then approved by another command running at the same time
        try:
            path, problems = store.approve(context, entry_id)
        except store.ClaimedError:
            # Another moderator's command took it between our listing and now.
            click.echo(f"{entry_id}: taken by another command running at the same time.", err=True)
            if entry_id in ids:
                failed += 1
            continue
        if path is None and entry_id not in ids and store.find(context, entry_id) is None:
            continue  # gone between our look and our claim: another command approved it
        if path is None:
            failed += 1
            for problem in problems:
                click.echo(str(problem), err=True)
            click.echo(f"{entry_id}: kept in the inbox.", err=True)
            continue
        click.echo(f"{entry_id} -> {as_typed(path)}")
    if failed:
        sys.exit(1)


@inbox.command()
@click.argument("entry_id", metavar="ID")
@click.option("--reason", required=True, help="Why; kept with the entry under kudos/_inbox/_rejected/.")
@CONFIG_OPTION
def reject(entry_id: str, reason: str, config_file: str) -> None:
    """Set an entry aside with a reason; it is kept, never deleted."""
    from ..intake import store

    context = _inbox_context(config_file)
    try:
        path, problems = store.reject(context, entry_id, reason)
    except store.ClaimedError:
        click.echo(f"{entry_id}: taken by another command running at the same time.", err=True)
        sys.exit(1)
    if path is None:
        for problem in problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    click.echo(f"{entry_id} rejected -> {as_typed(path)}")
