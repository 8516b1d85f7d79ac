"""`kudos init`: a new company site, or the wall added to a site that exists.

The files written are templates shipped in `files/` (a `dot-` prefix stands
for the leading dot that package data would drop; `.jinja` files are filled
in). Nothing that exists is ever overwritten: a new site is made only in an
empty folder, and an existing site gets the plugin in mkdocs.yml (edited as
text, see configtext) and a starter people.yml, and nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import jinja2

from ..core.data import days
from . import configtext, origin

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
PEOPLE = "kudos/people.yml"
NAV_LINES = (
    "  - Kudos wall: kudos/index.md",
    "  - Give kudos: kudos/give/index.md",
    "  - People: people/index.md",
)
# A folder made by `git init` or an editor is still empty for our purpose.
_IGNORED = {".git", ".DS_Store", ".idea", ".vscode"}


class InitError(Exception):
    """Nothing was written; the message says why and what to do."""


@dataclass(frozen=True)
class Outcome:
    done: tuple[str, ...]  # what was written or changed, one line each
    notes: tuple[str, ...]  # what the user should know (nav lines, site_url, where to install from)


@dataclass(frozen=True)
class Choices:
    site_name: str
    theme: str  # "material" or "mkdocs"
    timezone: str = "UTC"
    site_url: str = ""
    today: dt.date | None = None  # for the principle's first review date


def _files() -> Traversable:
    return resources.files(__package__ or "kudoswall.starter").joinpath("files")


def _yaml_scalar(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _template_env() -> jinja2.Environment:
    # YAML and Markdown, not HTML: strings are quoted by the `yaml` filter instead.
    env = jinja2.Environment(
        keep_trailing_newline=True, undefined=jinja2.StrictUndefined, autoescape=False,  # noqa: S701
    )
    env.filters["yaml"] = _yaml_scalar
    return env


def _walk(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found = []
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        name = "." + item.name[4:] if item.name.startswith("dot-") else item.name
        if item.is_dir():
            found.extend(_walk(item, f"{prefix}{name}/"))
        elif not name.endswith((".pyc", ".pyo")):
            found.append((prefix + name, item))
    return found


def find_config(folder: Path) -> Path | None:
    return next((folder / n for n in CONFIG_NAMES if (folder / n).is_file()), None)


def new_site(folder: Path, choices: Choices, today: dt.date) -> Outcome:
    """Every starter file into an empty folder, templates filled in."""
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder} is a file, not a folder")
    if folder.exists() and {p.name for p in folder.iterdir()} - _IGNORED:
        raise InitError(
            f"{folder} has files but no mkdocs.yml: give an empty or new folder (kudos init my-handbook), "
            "or run it in an MkDocs site's folder to add the wall to that site"
        )
    found = origin.requirement(material=choices.theme == "material")
    values: dict[str, Any] = {
        "site_name": choices.site_name, "site_url": choices.site_url, "theme": choices.theme,
        "timezone": choices.timezone, "requirement": found.line,
        "review_by": days.shift(today, 365).isoformat(),
    }
    env = _template_env()
    written = []
    files = [*_walk(_files() / "new"), (PEOPLE, _files() / "data" / "people.yml")]
    for name, source in files:
        text = source.read_text(encoding="utf-8")
        if name.endswith(".jinja"):
            name = name.removesuffix(".jinja")
            text = env.from_string(text).render(values)
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
        written.append(name)
    notes = [] if choices.site_url else [_site_url_note()]
    if found.note:
        notes.append(found.note)
    return Outcome(tuple(f"wrote {n}" for n in written), tuple(notes))


def add_to_site(config: Path) -> Outcome:
    """The plugin in mkdocs.yml and a starter people.yml; nothing else is touched."""
    text = config.read_text(encoding="utf-8")
    try:
        edit = configtext.add_plugin(text)
        settings = configtext.read(edit.text if edit else text)
    except configtext.ConfigTextError as error:
        raise InitError(str(error)) from None
    kudos = settings.get("plugins")
    options = kudos.get("kudos") if isinstance(kudos, dict) else next(
        (item["kudos"] for item in kudos or [] if isinstance(item, dict) and "kudos" in item), None
    )
    data_dir = str((options or {}).get("data_dir", "kudos")) if isinstance(options, dict) else "kudos"
    people = config.parent / data_dir / "people.yml"
    done = []
    if edit is not None:
        with config.open("w", encoding="utf-8", newline="") as out:
            out.write(edit.text)
        done.append(f"{config.name}: {edit.done}")
    else:
        done.append(f"{config.name}: already lists the kudos plugin; left as it was")
    shown = people.relative_to(config.parent).as_posix()
    if people.exists():
        done.append(f"{shown}: already there; left as it was")
    else:
        people.parent.mkdir(parents=True, exist_ok=True)
        people.write_text((_files() / "data" / "people.yml").read_text(encoding="utf-8"), encoding="utf-8")
        done.append(f"wrote {shown} with two example people: replace them with yours")
    notes = []
    if "nav" in settings:
        notes.append(
            f"{config.name} lists its pages under nav:, so the wall is not in your menu yet. "
            "Add these lines there (the wall's pages link to the rest):\n" + "\n".join(NAV_LINES)
        )
    else:
        notes.append(
            "MkDocs lists your pages in the menu by itself, but not the pages the plugin makes. "
            "Link the wall from a page of yours, e.g. in the home page (its pages link to the rest):\n"
            "  [Kudos wall](kudos/index.md)"
        )
    if not settings.get("site_url"):
        notes.append(_site_url_note())
    found = origin.requirement(material=False)
    notes.append(f"Where your site's build installs its plugins (requirements.txt, CI), add:\n  {found.line}")
    if found.note:
        notes.append(found.note)
    return Outcome(tuple(done), tuple(notes))


def _site_url_note() -> str:
    return (
        "site_url is not set, so the site has no feeds (kudos/feed.xml ...): their links must be "
        "absolute. Set it in mkdocs.yml to where the site will live when you know it."
    )
