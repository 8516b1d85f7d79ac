"""The Jinja environment for kudos fragments.

Autoescaping is on (MkDocs' theme environment has it off), so a title or a
name can never turn into markup; the only HTML that passes through is
`message_html`, which the sanitizer produced.
"""

from __future__ import annotations

import datetime as dt

import jinja2


def long_date(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def environment(site_dirs: list[str]) -> jinja2.Environment:
    """Templates in a site's theme folders (custom_dir first) win over ours."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(site_dirs), jinja2.PackageLoader("kudoswall", "templates")]
        ),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["long_date"] = long_date
    env.filters["plural"] = plural
    return env
