"""Helpers for the browser tests: fixture companies, a static HTTP server, axe.

The fixtures in conftest.py use these; tests import the small helpers
(`run_axe`, `featured_ids`, ...) directly.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sites import Built, Site, make_site

REPO = Path(__file__).resolve().parents[2]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Only our own server answers: the themes' web fonts and repository
    # badges fail at once instead of waiting on a network that is not there.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


def chromium_path() -> str | None:
    explicit = os.environ.get("KUDOS_CHROMIUM")
    if explicit:
        return explicit if os.path.isfile(explicit) else None
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.path.isfile(candidate):
            return candidate
    return None


# A light and a dark (slate) palette in Material's default colours, switched
# like the sample site's: the first visit follows the system's colour scheme,
# which the tests emulate. (The sample site's own teal palette is tested on
# the sample site itself.)
MATERIAL_THEME: dict[str, Any] = {
    "name": "material",
    "features": ["navigation.sections", "navigation.top"],
    "palette": [
        {
            "media": "(prefers-color-scheme: light)",
            "scheme": "default",
            "primary": "indigo",
            "accent": "indigo",
            "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"},
        },
        {
            "media": "(prefers-color-scheme: dark)",
            "scheme": "slate",
            "primary": "indigo",
            "accent": "indigo",
            "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"},
        },
    ],
}

MORE_ENTRIES = [
    # (file, date, from, to, principles, title, message)
    ("2026/11/ben-to-dev.yml", "2026-11-22", "ben-okafor", ["dev-iyer"], ["patience"], None,
     "Dev *patiently* re-ran the export three times until the numbers matched."),
    ("2026/11/cleo-to-ana.yml", "2026-11-21", "cleo-park", ["ana-lima"], ["patience", "little-wows"],
     "Birthday card for a customer",
     ("Ana noticed it was a customer's birthday and the whole team signed a card.\n\n"
      "- the card\n- the stamp\n- the note in the parcel\n\n"
      "See [our card guide](https://example.com/cards) for how we do it.")),
    ("2026/11/dev-to-ana-ben.yml", "2026-11-19", "dev-iyer", ["ana-lima", "ben-okafor"], ["thank-out-loud"],
     None, "Thank you both for the handover notes: `ticket 4411` was solved in minutes."),
    ("2026/11/customer-to-dev.yml", "2026-11-15", "customer", ["dev-iyer"], ["patience"], None,
     "The customer wrote that Dev explained the refund policy with great patience."),
    ("2026/11/ana-to-cleo.yml", "2026-11-12", "ana-lima", ["cleo-park"], [], "Welcome aboard",
     ("A welcome message that links somewhere long: "
      "<https://example.com/a/really/long/path/that/does/not/break/easily/because/it/has/no/spaces/at/all>")),
    ("2026/11/ben-to-cleo.yml", "2026-11-08", "ben-okafor", ["cleo-park"], ["patience"], None,
     "Cleo took the angry caller and turned the day around."),
    ("2026/11/cleo-to-ben.yml", "2026-11-03", "cleo-park", ["ben-okafor"], ["patience"], None,
     "Ben rang the customer back before they had to chase us."),
    ("2026/10/ana-to-dev.yml", "2026-10-28", "ana-lima", ["dev-iyer"], ["patience"], None,
     "Dev stayed calm through a two-hour outage call."),
]


def make_company(root: Path, theme: Any = None, **plugin_options: Any) -> Site:
    """The shared fixture company, grown enough for pagination, rotation and stories.

    Defaults: 3 kudos a wall page (so there are several), 4 a month's page (so
    November has three), 2 featured a day (so consecutive days differ), 3
    stories on a principle page (so patience gets a stories page, and Dev Iyer
    a page of kudos received), and patience overdue for review.
    """
    site = make_site(root)
    site.theme = MATERIAL_THEME if theme is None else theme
    site.plugin_options = {
        "page_size": 3,
        "archive_page_size": 4,
        "featured_count": 2,
        "stories_on_principle": 3,
        "timezone": "Europe/London",
        **plugin_options,
    }
    site.write(
        "docs/principles/patience.md",
        "---\nowner: ana-lima\nreview_by: 2026-06-01\n---\n"
        "# Patience says you're worth it\n\nWhy patience matters.\n",
    )
    site.write(
        "docs/handbook/welcome.md",
        "# Welcome\n\nA nested page that shows today's kudos too.\n\n<!-- kudos:featured -->\n",
    )
    for rel, date, giver, to, principles, title, message in MORE_ENTRIES:
        fields: dict[str, Any] = {"date": date, "giver": giver, "to": to, "message": message}
        if principles:
            fields["principles"] = principles
        if title:
            fields["title"] = title
        site.entry(rel, **fields)
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class StaticServer:
    """A built site over real HTTP on 127.0.0.1, on a free port, in a thread."""

    def __init__(self, directory: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()



AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# Our markup: anything inside one of the plugin's blocks. A theme exception
# never hides a node in here.
OURS = (
    "[data-featured], .kudos-list, .kudos-entry, .kudos-pager, .kudos-months, .kudos-people,"
    " .kudos-principles, .kudos-cited, .kudos-review, .kudos-stories, .kudos-lead, .kudos-empty,"
    " .kudos-more, .kudos-page, .kudos-band"
)


def run_axe(page: Any, axe_source: str, exceptions: list[tuple[str, str]] | None = None) -> list[dict[str, Any]]:
    """axe's violations on the whole page (WCAG 2.0-2.2 A and AA rules), as plain dicts.

    `exceptions` are (rule id, CSS selector) pairs for the theme's own
    problems: a node failing that rule inside an element matching the
    selector is dropped, unless it lies inside our markup (OURS). Callers
    say next to each exception why it is the theme's.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async ([tags, exceptions, ours]) => {
          const result = await axe.run(document, {
            runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
          });
          const excused = (rule, node) => {
            if (node.target.length !== 1 || typeof node.target[0] !== "string") return false;
            const el = document.querySelector(node.target[0]);
            if (!el || el.closest(ours)) return false;
            return exceptions.some(([id, selector]) => id === rule && el.closest(selector));
          };
          return result.violations
            .map(v => ({...v, nodes: v.nodes.filter(n => !excused(v.id, n))}))
            .filter(v => v.nodes.length > 0);
        }""",
        [AXE_TAGS, exceptions or [], OURS],
    )


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:8]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node.get('failureSummary', '')!r}"[:400])
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)



def featured_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "[data-featured] [data-kudos-id]", "els => els.map(e => e.getAttribute('data-kudos-id'))"
    )


class Served:
    """A built site and the URL it is served at."""

    def __init__(self, built: Built, url: str, site: Site | None = None) -> None:
        self.built = built
        self.url = url
        self.site = site

    def at(self, path: str) -> str:
        return self.url + path.lstrip("/")


def build_ok(site: Site) -> Built:
    built = site.build()
    assert built.ok, built.log
    return built


# Waits until the page is at rest: no scrolling and no CSS transition running (axe reads colours
# as they are drawn, so a theme's header title half-way through its fade reads as low contrast).
AT_REST = """async () => {
  let last = -1, still = 0;
  while (still < 3) {
    await new Promise(done => requestAnimationFrame(() => setTimeout(done, 40)));
    const moving = document.getAnimations().some(a => a instanceof CSSTransition && a.playState === 'running');
    still = (scrollY === last && !moving) ? still + 1 : 0;
    last = scrollY;
  }
}"""
