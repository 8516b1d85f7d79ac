"""The plugin's settings read straight from mkdocs.yml, for front ends other than MkDocs.

`kudos check` must run where MkDocs (or its theme) is not installed, e.g. a
quick CI job, so it reads the file as plain YAML and ignores tags such as
`!!python/name:` or `!ENV` that only MkDocs knows how to resolve.
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

TODAY_VARIABLE = "KUDOS_TODAY"  # fixes today when the site's `today` option is unset


class _TolerantLoader(yaml.SafeLoader):
    pass


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


@dataclass(frozen=True)
class SiteSettings:
    root: Path
    docs_dir: Path
    data_dir: Path
    principles_dir: str
    timezone: str
    today: dt.date


def _plugin_options(plugins: Any) -> dict[str, Any]:
    items = plugins.items() if isinstance(plugins, dict) else [
        next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in plugins or []
    ]
    for name, options in items:
        if name == "kudos":
            return options if isinstance(options, dict) else {}
    return {}


class SettingsError(ValueError):
    """The site's config cannot be used; the message says what to do."""


def read_settings(config_file: Path) -> SiteSettings:
    root = config_file.resolve().parent
    if not config_file.is_file():
        raise SettingsError(
            f"no site config at {config_file}: run the command in the site's folder "
            "(where mkdocs.yml is) or pass -f path/to/mkdocs.yml"
        )
    try:
        loaded = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise SettingsError(f"{config_file} is not valid YAML: {error}") from None
    config: dict[str, Any] = loaded if isinstance(loaded, dict) else {}
    options = _plugin_options(config.get("plugins"))
    timezone = str(options.get("timezone") or "UTC")
    try:
        zone = zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"{config_file}: unknown time zone {timezone!r} in the kudos plugin options") from None
    today = options.get("today") or os.environ.get(TODAY_VARIABLE) or None
    if isinstance(today, str):
        try:
            today = dt.date.fromisoformat(today)
        except ValueError:
            raise SettingsError(f"{config_file}: 'today' must be a date YYYY-MM-DD, not {today!r}") from None
    if not isinstance(today, dt.date):
        today = dt.datetime.now(zone).date()
    return SiteSettings(
        root=root,
        docs_dir=root / str(config.get("docs_dir") or "docs"),
        data_dir=root / str(options.get("data_dir") or "kudos"),
        principles_dir=str(options.get("principles_dir") or "principles").strip("/"),
        timezone=timezone,
        today=today,
    )
