"""One definition of a site's settings, its day and its directory of people.

The MkDocs plugin, the `kudos` CLI and the intake service all start here, so
they can never disagree on a default, on what "today" is, or on who the
people are. The CLI and the intake read `mkdocs.yml` as plain YAML (they
must run where MkDocs is not installed); the plugin hands over the options
MkDocs has already checked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import os
import re
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from . import sources, yamlfile
from .model import Person, Principle, Problem
from .people import validate_people
from .principles import check_owners, load_principles

ANCHOR_KEY_VARIABLE = "KUDOS_ANCHOR_KEY"
ANCHOR_KEY_FILE = "_anchor-key"  # in the data folder; a `_` name is never an entry
TODAY_VARIABLE = "KUDOS_TODAY"
"""Fixes today where the site sets no `today` option: tests, previews, reruns."""


@dataclass(frozen=True)
class Limits:
    low: int
    high: int


@dataclass(frozen=True)
class Settings:
    """The plugin's options with their defaults; `LIMITS` bounds the numbers."""

    data_dir: str = "kudos"
    principles_dir: str = "principles"
    page_size: int = 20
    people_page_size: int = 100
    archive_page_size: int = 50  # a month's, a principle's stories' or a person's list, per page
    featured_count: int = 6
    window_days: int = 90
    schedule_days: int = 60
    stories_on_principle: int = 12
    timezone: str = "UTC"
    today: dt.date | None = None  # None: the clock, in `timezone`
    give_repo_url: str | None = None  # None: the site's repo_url; "" turns the link off
    give_branch: str = "main"
    give_host: str | None = None  # github | gitlab; None: guessed from the URL
    give_intake_url: str | None = None
    give_people_per_file: int = 1000
    give_contact: str = ""  # with neither a repository nor an intake: whom to give the file to
    tv_seconds: int = 12  # the least time /kudos/tv/ shows an entry (longer ones stay longer)
    tv_qr: bool = True  # a QR code of the give page's address on /kudos/tv/ (needs site_url)
    feed_size: int = 20  # entries in each Atom and JSON feed
    public: bool = False  # False: every page says noindex and robots.txt disallows crawling
    # `kudos notify`: SMTP, where the environment (KUDOS_SMTP_*) does not say. The
    # password is read from KUDOS_SMTP_PASSWORD only: mkdocs.yml is committed.
    strings: tuple[tuple[str, str], ...] = ()  # the site's wording over the catalogue's: {"Kudos wall": "Wall of thanks"}
    changes_count: int = 30  # page-days listed on /changes/; 0: no such page
    notify_smtp_host: str = ""
    notify_smtp_port: int = 587
    notify_smtp_user: str = ""
    notify_smtp_from: str = ""
    notify_smtp_starttls: bool = False  # True: refuse to send unless the server offers STARTTLS
    # A colour (#rrggbb) per principle id for its chips; others take the default palette in order.
    principle_colors: tuple[tuple[str, str], ...] = ()
    welcome_days: int = 21  # a newcomer is welcomed this many days after joining (celebrations, leaders' report)


DEFAULTS = Settings()

LIMITS: dict[str, Limits] = {
    "page_size": Limits(1, 500),
    "people_page_size": Limits(1, 2000),
    "archive_page_size": Limits(1, 500),
    "featured_count": Limits(1, 50),
    "window_days": Limits(1, 3660),
    "schedule_days": Limits(60, 730),
    "stories_on_principle": Limits(0, 100),
    "give_people_per_file": Limits(1, 1000),
    "tv_seconds": Limits(5, 600),
    "feed_size": Limits(1, 500),
    "notify_smtp_port": Limits(1, 65535),
    "changes_count": Limits(0, 500),
    "welcome_days": Limits(0, 366),
}


class SettingsError(ValueError):
    """The site's config cannot be used; the message says what to do."""


def check_timezone(value: object) -> str:
    if not isinstance(value, str):
        raise SettingsError(f"expected an IANA time zone name such as 'Europe/Paris', got {value!r}")
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"unknown time zone {value!r}; use an IANA name such as 'Europe/Paris' or 'America/New_York'"
        ) from None
    return value


def check_day(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise SettingsError(f"expected a date YYYY-MM-DD, got {value!r}")


def check_number(name: str, value: object) -> int:
    limits = LIMITS[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise SettingsError(f"expected a whole number, got {value!r}")
    if not limits.low <= value <= limits.high:
        raise SettingsError(f"must be between {limits.low} and {limits.high}, got {value}")
    return value


def check_strings(value: object) -> tuple[tuple[str, str], ...]:
    """`strings`: a mapping from the plugin's English text to the site's own."""
    if isinstance(value, tuple):
        value = dict(value)
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise SettingsError("'strings' must map the plugin's English text to yours, such as {'Kudos wall': 'Wall of thanks'}")
    return tuple(sorted(value.items()))
def check_colors(value: object) -> tuple[tuple[str, str], ...]:
    """`principle_colors`: a mapping of principle id to a colour written #rrggbb."""
    if isinstance(value, tuple):
        value = dict(value)
    if not isinstance(value, dict):
        raise SettingsError(f"principle_colors: expected a mapping such as {{patience: '#2e7d32'}}, got {value!r}")
    checked = []
    for key, color in value.items():
        if not isinstance(color, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", color.strip()):
            raise SettingsError(f"principle_colors: {key!r} needs a colour written #rrggbb, got {color!r}")
        checked.append((str(key), color.strip().lower()))
    return tuple(sorted(checked))


def resolve_today(fixed: dt.date | None, timezone: str) -> dt.date:
    """The site's day: the `today` option, else KUDOS_TODAY, else the clock in the site's zone."""
    if fixed is not None:
        return fixed
    variable = os.environ.get(TODAY_VARIABLE, "").strip()
    if variable:
        try:
            return dt.date.fromisoformat(variable)
        except ValueError:
            raise SettingsError(f"{TODAY_VARIABLE}={variable!r} must be a date YYYY-MM-DD") from None
    return dt.datetime.now(zoneinfo.ZoneInfo(timezone)).date()


@dataclass(frozen=True)
class Project:
    """Where a site's files are, its settings and its day."""

    root: Path
    docs_dir: Path
    data_dir: Path
    settings: Settings
    today: dt.date
    repo_url: str = ""
    site_url: str = ""
    page_order: tuple[str, ...] = ()  # the site navigation's pages, in its order (Markdown sources)

    @property
    def principles_dir(self) -> str:
        return self.settings.principles_dir.strip("/")

    @property
    def timezone(self) -> str:
        return self.settings.timezone

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the site."""
        try:
            return Path(os.path.relpath(path, self.root)).as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()


def nav_order(nav: Any) -> tuple[str, ...]:
    """The Markdown pages a `nav` setting lists, in its order (sections flattened, links skipped)."""
    found: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, str):
            if item.endswith(".md") and "://" not in item:
                found.append(item.lstrip("/"))
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return tuple(found)


def check_text(value: object) -> str:
    if not isinstance(value, str):
        raise SettingsError(f"must be text, got {value!r}")
    return value


def check_optional_text(value: object) -> str | None:
    return None if value is None else check_text(value)


def check_flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise SettingsError(f"must be true or false, got {value!r}")
    return value


def check_host(value: object) -> str | None:
    if value is None or value in ("github", "gitlab"):
        return value
    raise SettingsError(f"must be github or gitlab (or left out, to be guessed from the address), got {value!r}")


def check_url(value: object) -> str | None:
    if value is None:
        return None
    parts = urlsplit(check_text(value))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError(f"expected an http(s) address, got {value!r}")
    return str(value)


# How each of Settings' fields is checked: by its type, or by a check of its own.
_BY_TYPE: dict[str, Callable[[object], Any]] = {"bool": check_flag, "str": check_text, "str | None": check_optional_text}
_OWN_CHECK: dict[str, Callable[[object], Any]] = {
    "timezone": check_timezone, "today": check_day, "strings": check_strings, "principle_colors": check_colors,
    "give_host": check_host, "give_intake_url": check_url,
}


def _check_of(option: dataclasses.Field[Any]) -> Callable[[object], Any]:
    if option.name in _OWN_CHECK:
        return _OWN_CHECK[option.name]
    if option.type == "int":
        return functools.partial(check_number, option.name)
    return _BY_TYPE[str(option.type)]


OPTIONS: dict[str, Callable[[object], Any]] = {f.name: _check_of(f) for f in dataclasses.fields(Settings)}
"""Every option of the plugin and its check: the one definition MkDocs' config, the CLI and the intake read."""


def check_option(name: str, value: object) -> Any:
    """One option's value, checked; `SettingsError` says what is wrong."""
    return OPTIONS[name](value)


def make_project(
    root: Path, docs_dir: Path, options: Mapping[str, Any], repo_url: str = "", site_url: str = "",
    nav: Any = None,
) -> Project:
    """A project from the plugin's options (checked by MkDocs already, or read as plain YAML)."""
    values = {}
    for name, value in options.items():
        if name in OPTIONS and (value is not None or name == "today"):
            try:
                values[name] = check_option(name, value)
            except SettingsError as error:
                named = str(error).startswith((f"'{name}'", f"{name}:"))
                raise SettingsError(str(error) if named else f"'{name}' {error}") from None
    settings = dataclasses.replace(DEFAULTS, **values)
    root = root.resolve()
    return Project(
        root=root,
        docs_dir=(root / docs_dir).resolve() if not docs_dir.is_absolute() else docs_dir,
        data_dir=(root / settings.data_dir).resolve(),
        settings=settings,
        today=resolve_today(settings.today, settings.timezone),
        repo_url=repo_url or "",
        site_url=site_url or "",
        page_order=nav_order(nav),
    )


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml as plain YAML: tags that only MkDocs resolves (`!ENV`, `!!python/name:`) read as None."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def plugin_options(plugins: Any) -> dict[str, Any]:
    items = plugins.items() if isinstance(plugins, dict) else [
        next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in plugins or []
    ]
    for name, options in items:
        if name == "kudos":
            return options if isinstance(options, dict) else {}
    return {}


def read_config(config_file: Path) -> dict[str, Any]:
    if not config_file.is_file():
        raise SettingsError(
            f"no site config at {config_file}: run the command in the site's folder "
            "(where mkdocs.yml is) or pass -f path/to/mkdocs.yml"
        )
    try:
        loaded = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506 - a SafeLoader
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise SettingsError(f"{config_file} is not valid YAML: {error}") from None
    return loaded if isinstance(loaded, dict) else {}


def read_project(config_file: Path) -> Project:
    """The project of a `mkdocs.yml`, for front ends other than MkDocs."""
    config = read_config(config_file)
    try:
        return make_project(
            config_file.resolve().parent,
            Path(str(config.get("docs_dir") or "docs")),
            plugin_options(config.get("plugins")),
            repo_url=str(config.get("repo_url") or ""),
            site_url=str(config.get("site_url") or ""),
            nav=config.get("nav"),
        )
    except SettingsError as error:
        raise SettingsError(f"{config_file}: kudos plugin options: {error}") from None


@dataclass
class Directory:
    """The people and the principles: what every entry is checked against."""

    people: dict[str, Person] = field(default_factory=dict)
    principles: dict[str, Principle] = field(default_factory=dict)
    principle_meta: dict[str, Any] = field(default_factory=dict)  # raw front matter, for line numbers
    problems: list[Problem] = field(default_factory=list)
    people_file: str = ""
    people_readable: bool = False
    people_path: Path | None = None


def load_directory(project: Project, read: Any = None) -> Directory:
    """People (`people.yml`) and principles (their pages), with every problem found.

    `read` reads a YAML file and returns (document, issues); `mkdocs serve`
    passes a cached reader.
    """

    read = read or (lambda path: yamlfile.read(str(path)))
    directory = Directory()
    source = sources.people_file(project.data_dir)
    directory.people_file = project.shown(source.path if source else project.data_dir / sources.PEOPLE_FILE)
    if source is None:
        if not sources.people_refused(project.data_dir):  # a refused one is reported by the scan
            directory.problems.append(Problem(
                directory.people_file, None,
                "no people file, so no kudos are published: the wall needs to know who can give and receive them",
                f"run `kudos init` in the site's folder to write a starter {directory.people_file}, "
                "or create it: one entry per person, `ana-lima: {name: Ana Lima}`",
            ))
    else:
        directory.people_path = source.path
        document, issues = read(source.path)
        directory.problems.extend(Problem(directory.people_file, i.line, i.message, i.hint) for i in issues)
        directory.people_readable = document is not None or not issues
        directory.people, found = validate_people(directory.people_file, document, project.today)
        directory.problems.extend(found)
    docs_shown = project.shown(project.docs_dir)
    directory.principles, directory.principle_meta, found = load_principles(
        project.docs_dir, project.principles_dir, docs_shown
    )
    directory.problems.extend(found)
    if directory.people_readable:
        directory.problems.extend(
            check_owners(directory.principles, directory.principle_meta, directory.people, docs_shown)
        )
    return directory


def anchor_key(project: Project) -> bytes | None:
    """The secret that keys entry ids, from the environment or the data folder; never published."""
    text = os.environ.get(ANCHOR_KEY_VARIABLE, "")
    if not text:
        try:
            text = (project.data_dir / ANCHOR_KEY_FILE).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
    text = text.strip()
    # blake2b takes keys up to 64 bytes; a longer secret is digested first.
    raw = text.encode("utf-8")
    return (raw if len(raw) <= 64 else hashlib.blake2b(raw).digest()) or None
