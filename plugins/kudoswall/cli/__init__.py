"""The `kudos` command: the same core as the build, for people and CI.

Each command lives in a module of its own; a new one is a module and a line here.
"""

from __future__ import annotations

import click

from .card import card
from .check import check
from .importing import import_
from .inbox import inbox
from .init import init
from .leaders import digest, notify, report
from .new import new
from .people import people
from .schema import schema


@click.group()
@click.version_option(package_name="mkdocs-kudoswall")
def main() -> None:
    """Give, check and manage kudos for a kudos-wall site."""


for command in (init, check, new, card, import_, schema, inbox, people, report, digest, notify):
    main.add_command(command)
