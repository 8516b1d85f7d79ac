"""The Jinja environment for kudos pages and fragments.

Autoescaping is on (MkDocs' theme environment has it off), so a title or a
name can never turn into markup; the only HTML that passes through is
`message_html`, which the sanitizer produced. Every string goes through the
site's message catalogue (`_()`, `ngettext()`).
"""

from __future__ import annotations

import jinja2

from ..site.i18n import Catalogue


def environment(site_dirs: list[str], catalogue: Catalogue, watch: bool = False) -> jinja2.Environment:
    """Templates in a site's theme folders (custom_dir first) win over ours.

    `watch`: the environment outlives a build (`serve`), so it checks whether
    a template changed; one build's environment need not stat them.
    """
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(site_dirs), jinja2.PackageLoader("kudoswall", "templates")]
        ),
        autoescape=True,
        auto_reload=watch,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(catalogue.translations, newstyle=True)  # type: ignore[attr-defined]
    env.filters["long_date"] = catalogue.long_date
    env.filters["short_date"] = catalogue.short_date
    env.filters["month_label"] = catalogue.month_label
    env.filters["month_short"] = catalogue.month_short
    env.filters["weekday"] = catalogue.weekday
    env.filters["day_month"] = catalogue.day_month
    env.filters["from_today"] = catalogue.from_today
    return env
