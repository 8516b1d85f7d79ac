"""The plugin's options in mkdocs.yml, checked when the config loads."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c


class Bounded(c.BaseConfigOption[int]):
    """A whole number within limits, with the limits in the error message."""

    def __init__(self, default: int, low: int, high: int) -> None:
        super().__init__()
        self.default = default
        self.low, self.high = low, high

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise base.ValidationError(f"expected a whole number, got {value!r}")
        if not self.low <= value <= self.high:
            raise base.ValidationError(f"must be between {self.low} and {self.high}, got {value}")
        return value


class TimeZone(c.BaseConfigOption[str]):
    def __init__(self, default: str = "UTC") -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise base.ValidationError(f"expected an IANA time zone name such as 'Europe/Paris', got {value!r}")
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise base.ValidationError(
                f"unknown time zone {value!r}; use an IANA name such as 'Europe/Paris' or 'America/New_York'"
            ) from None
        return value


class Day(c.BaseConfigOption[Any]):
    """A fixed 'today', for reproducible builds and tests; empty means the clock."""

    def run_validation(self, value: object) -> dt.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise base.ValidationError(f"expected a date YYYY-MM-DD, got {value!r}")


class KudosConfig(base.Config):
    enabled = c.Type(bool, default=True)
    data_dir = c.Type(str, default="kudos")
    principles_dir = c.Type(str, default="principles")
    page_size = Bounded(20, 1, 500)
    people_page_size = Bounded(100, 1, 2000)
    archive_page_size = Bounded(50, 1, 500)  # a month's, a principle's stories' or a person's list, per page
    featured_count = Bounded(6, 1, 50)
    window_days = Bounded(90, 1, 3660)
    schedule_days = Bounded(60, 60, 730)
    stories_on_principle = Bounded(5, 0, 100)
    timezone = TimeZone("UTC")
    today = Day()
    # The give page: where a finished entry can be proposed or sent. Copy and
    # download always work; these add a new-file link and a send button.
    give_repo_url = c.Optional(c.Type(str))  # unset: the site's repo_url; "" turns the link off
    give_branch = c.Type(str, default="main")
    give_host = c.Optional(c.Choice(("github", "gitlab")))  # unset: guessed from the URL
    give_intake_url = c.Optional(c.URL())  # the intake service's POST /api/kudos address
    give_people_per_file = Bounded(1000, 1, 1000)  # per file of the page's people (kudos/give/people-N.json)
