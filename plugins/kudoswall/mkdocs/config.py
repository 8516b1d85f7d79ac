"""The plugin's options in mkdocs.yml, checked when the config loads.

Defaults and limits come from `core.project`, which the CLI and the intake
read too; this module only tells MkDocs about them.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..core.data import project
from ..core.data.project import DEFAULTS, SettingsError


class Bounded(c.BaseConfigOption[int]):
    """A whole number within the core's limits, with the limits in the error message."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.default = getattr(DEFAULTS, name)

    def run_validation(self, value: object) -> int:
        try:
            return project.check_number(self.name, value)
        except SettingsError as error:
            raise base.ValidationError(str(error)) from None


class TimeZone(c.BaseConfigOption[str]):
    def __init__(self) -> None:
        super().__init__()
        self.default = DEFAULTS.timezone

    def run_validation(self, value: object) -> str:
        try:
            return project.check_timezone(value)
        except SettingsError as error:
            raise base.ValidationError(str(error)) from None


class Day(c.BaseConfigOption[Any]):
    """A fixed 'today', for reproducible builds and tests; empty means KUDOS_TODAY or the clock."""

    def run_validation(self, value: object) -> Any:
        try:
            return project.check_day(value)
        except SettingsError as error:
            raise base.ValidationError(str(error)) from None


class Colors(c.BaseConfigOption[Any]):
    """`principle_colors`: principle id -> #rrggbb."""

    def __init__(self) -> None:
        super().__init__()
        self.default = {}

    def run_validation(self, value: object) -> Any:
        try:
            return dict(project.check_colors(value))
        except SettingsError as error:
            raise base.ValidationError(str(error)) from None


ADAPTER_ONLY = ("enabled", "parallel")  # how MkDocs runs the plugin, not what the site is


class KudosConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # A one-off build renders the generated pages in a second process where
    # that is safe (see core.parallel); false keeps it to one.
    parallel = c.Type(bool, default=True)
    data_dir = c.Type(str, default=DEFAULTS.data_dir)
    principles_dir = c.Type(str, default=DEFAULTS.principles_dir)
    page_size = Bounded("page_size")
    people_page_size = Bounded("people_page_size")
    archive_page_size = Bounded("archive_page_size")
    featured_count = Bounded("featured_count")
    window_days = Bounded("window_days")
    schedule_days = Bounded("schedule_days")
    stories_on_principle = Bounded("stories_on_principle")
    timezone = TimeZone()
    today = Day()
    # The give page: where a finished entry can be proposed or sent. Copy and
    # download always work; these add a new-file link and a send button.
    give_repo_url = c.Optional(c.Type(str))  # unset: the site's repo_url; "" turns the link off
    give_branch = c.Type(str, default=DEFAULTS.give_branch)
    give_host = c.Optional(c.Choice(("github", "gitlab")))  # unset: guessed from the URL
    give_intake_url = c.Optional(c.URL())  # the intake service's POST /api/kudos address
    give_people_per_file = Bounded("give_people_per_file")
    # With neither a repository nor an intake: whom to give the file to (a person, a channel, an address).
    give_contact = c.Type(str, default=DEFAULTS.give_contact)
    tv_seconds = Bounded("tv_seconds")  # the least seconds an entry stays on /kudos/tv/
    tv_qr = c.Type(bool, default=DEFAULTS.tv_qr)  # a QR code of the give page on /kudos/tv/ (needs site_url)
    feed_size = Bounded("feed_size")  # entries in each feed
    # False (the default): an inside site; every page carries noindex and
    # robots.txt disallows all crawling. True turns both off.
    public = c.Type(bool, default=DEFAULTS.public)
    strings = c.Type(dict, default={})  # {"Kudos wall": "Wall of thanks"}: the site's wording over the catalogue
    changes_count = Bounded("changes_count")  # commits listed on /changes/; 0 turns the page off
    # `kudos notify` (the CLI reads these; KUDOS_SMTP_* in the environment win; the password is env only).
    notify_smtp_host = c.Type(str, default=DEFAULTS.notify_smtp_host)
    notify_smtp_port = Bounded("notify_smtp_port")
    notify_smtp_user = c.Type(str, default=DEFAULTS.notify_smtp_user)
    notify_smtp_from = c.Type(str, default=DEFAULTS.notify_smtp_from)
    notify_smtp_starttls = c.Type(bool, default=DEFAULTS.notify_smtp_starttls)
    principle_colors = Colors()  # {principle id: "#rrggbb"}; chips of others take the default palette
    welcome_days = Bounded("welcome_days")  # celebrations' welcomes; shared with the leaders' report

    def options(self) -> dict[str, Any]:
        """The checked values, for `core.project.make_project`."""
        return {name: self[name] for name in self if name not in ADAPTER_ONLY}
