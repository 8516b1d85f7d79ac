"""What the kudos part of a site consists of, and how each piece is rendered.

Front ends (the MkDocs adapter today, maybe a `kudos generate` command
tomorrow) ask this module for page plans and HTML; it never needs to know
which generator is asking.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup

from . import rotation
from .give import GiveOptions, give_plan
from .index import Index, build_index
from .model import CUSTOMER, Dataset, Entry, Person
from .paging import paginate
from .templating import environment
from .urls import UrlScheme, relative

WALL = "kudos"
PEOPLE = "people"
FEATURED_DIR = "kudos/featured"
ASSETS = ("kudos/assets/kudos.css", "kudos/assets/kudos.js")
ANCHORS = "anchors.json"  # in a month's folder when the month spans several pages

# An entry is rendered once, with each link as MARK + target + MARK, and the
# links are made relative when the entry is placed on a page: entries appear
# on several pages each, and rendering them is the cost that grows with data.
_MARK = "\x1a"
_MARKED_LINK = re.compile(_MARK + "([^" + _MARK + "]*)" + _MARK)


@dataclass(frozen=True)
class Options:
    today: dt.date
    timezone: str = "UTC"
    page_size: int = 20
    people_page_size: int = 100
    featured_count: int = 6
    window_days: int = 90
    schedule_days: int = 60
    stories_on_principle: int = 5
    principles_dir: str = "principles"
    archive_page_size: int = 50  # per page of a month, of a principle's stories, of a person's lists
    give: GiveOptions = field(default_factory=GiveOptions)


@dataclass(frozen=True)
class PagePlan:
    src_uri: str
    title: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    searchable: bool = False


FragmentKey = tuple[str, int, bool]  # entry id, heading level, anchored


@dataclass
class FragmentCache:
    """Rendered entries (and, for `serve`, pages), kept while nothing they show changed.

    A fragment depends on its entry (part of the key) and on what all entries
    share: people's names, principles' titles, the URL style, the options and
    the templates (the fingerprint). `begin` drops everything when the
    fingerprint changes, and otherwise keeps only what the previous build
    used, so edited and deleted entries do not pile up during a long `serve`.

    With `keep_pages`, whole pages are kept too, by their plan: a `serve`
    rebuild after one edit then renders a handful of pages, not thousands. A
    one-off build leaves it off, as it would hold the whole site in memory.
    """

    keep_pages: bool = False
    fingerprint: object = None
    current: dict[FragmentKey, tuple[Entry, str]] = field(default_factory=dict)
    previous: dict[FragmentKey, tuple[Entry, str]] = field(default_factory=dict)
    pages: dict[str, tuple[PagePlan, str]] = field(default_factory=dict)
    previous_pages: dict[str, tuple[PagePlan, str]] = field(default_factory=dict)
    rotation: tuple[object, dict[dt.date, tuple[str, ...]]] | None = None  # (what it read, ids by day)

    def begin(self, fingerprint: object) -> None:
        same = fingerprint == self.fingerprint
        self.previous = self.current if same else {}
        self.previous_pages = self.pages if same else {}
        self.current, self.pages = {}, {}
        self.fingerprint = fingerprint

    def page(self, plan: PagePlan) -> str | None:
        hit = self.previous_pages.pop(plan.src_uri, None)
        if hit is not None and hit[0] == plan:
            self.pages[plan.src_uri] = hit
            return hit[1]
        return None

    def put_page(self, plan: PagePlan, html: str) -> None:
        if self.keep_pages:
            self.pages[plan.src_uri] = (plan, html)

    def get(self, entry: Entry, level: int, anchor: bool) -> str | None:
        key = (entry.id, level, anchor)
        hit = self.current.get(key)
        if hit is not None and hit[0] is entry:  # the same build: no need to compare
            return hit[1]
        hit = self.previous.pop(key, None)
        if hit is not None and hit[0] == entry:  # an entry of the last build, unchanged
            self.current[key] = (entry, hit[1])
            return hit[1]
        return None

    def put(self, entry: Entry, level: int, anchor: bool, html: str) -> None:
        self.current[(entry.id, level, anchor)] = (entry, html)


# Templates whose page depends on nothing but its plan and the fingerprint.
_PLAN_ONLY = frozenset({
    "kudos/archive.html", "kudos/person.html", "kudos/person_list.html",
    "kudos/stories_page.html", "kudos/wall.html",
})


def month_src(month: str) -> str:
    return f"{WALL}/{month}/index.md"


def person_src(person_id: str) -> str:
    return f"{PEOPLE}/{person_id}/index.md"


class Site:
    def __init__(
        self,
        data: Dataset,
        options: Options,
        urls: UrlScheme,
        template_dirs: list[str] | None = None,
        has_principles_index: bool = False,
        fragments: FragmentCache | None = None,
    ) -> None:
        self.data = data
        self.options = options
        self.urls = urls
        self.index: Index = build_index(data)
        self.env: jinja2.Environment = environment(template_dirs or [])
        self.people: dict[str, Person] = data.visible_people
        self.has_principles_index = has_principles_index
        self.featured_today = rotation.featured_on(
            data.entries, options.today, options.featured_count, options.window_days
        )
        self._targets: dict[str, str] = {}
        self._entry_template = self.env.get_template("kudos/entry.html")
        self.fragments = fragments if fragments is not None else FragmentCache()
        self.fragments.begin(self._fingerprint())
        self._fragment_globals: dict[str, Any] | None = None

    # Addresses -----------------------------------------------------------

    def principle_src(self, principle_id: str) -> str:
        return self.data.principles[principle_id].src_uri

    def principles_index_src(self) -> str:
        return f"{self.options.principles_dir}/index.md"

    def permalink_src(self, entry: Entry) -> str:
        return month_src(entry.month) + "#" + entry.id

    # Page plans ----------------------------------------------------------

    def plans(self) -> list[PagePlan]:
        opts = self.options
        plans: list[PagePlan] = []
        for pager in paginate(self.data.entries, opts.page_size, WALL):
            title = "Kudos wall" if pager.number == 1 else f"Kudos wall, page {pager.number}"
            plans.append(
                PagePlan(pager.src_uri, title, "kudos/wall.html", {"pager": pager, **self._months_nav(None)})
            )
        for month, entries in self.index.by_month.items():
            year, number = month.split("/")
            label = dt.date(int(year), int(number), 1).strftime("%B %Y")
            # A busy month spans pages; its first page stays the permanent link
            # and the anchors file tells the script where each entry went.
            pages = paginate(entries, opts.archive_page_size, f"{WALL}/{month}")
            anchors = f"{WALL}/{month}/{ANCHORS}" if len(pages) > 1 else None
            # The first page also names every later entry under its own id, so
            # a permanent link lands on the entry's line even without the script.
            later = [(entry, page.src_uri) for page in pages[1:] for entry in page.items]
            for pager in pages:
                title = f"Kudos of {label}" if pager.number == 1 else f"Kudos of {label}, page {pager.number}"
                shown = {
                    "entries": pager.items, "pager": pager, "label": label, "month": month, "anchors": anchors,
                    "later": later if pager.number == 1 else [],
                }
                plans.append(
                    PagePlan(
                        pager.src_uri, title, "kudos/archive.html", {**shown, **self._months_nav(month)},
                        searchable=True,
                    )
                )
        people = sorted(self.people.values(), key=lambda p: (p.name.casefold(), p.id))
        for directory in paginate(people, opts.people_page_size, PEOPLE):
            title = "People" if directory.number == 1 else f"People, page {directory.number}"
            plans.append(PagePlan(directory.src_uri, title, "kudos/people.html", {"pager": directory}, searchable=True))
        for person in people:
            # The person page shows the newest of each list; the rest has pages of its own.
            lists: list[PagePlan] = []
            context: dict[str, Any] = {"person": person, "cited": self.index.cited_for.get(person.id, {})}
            for kind, entries in (
                ("received", self.index.received.get(person.id, [])),
                ("given", self.index.given.get(person.id, [])),
            ):
                context[kind] = entries[: opts.page_size]
                context[f"{kind}_total"] = len(entries)
                context[f"{kind}_more"] = None
                if len(entries) <= opts.page_size:
                    continue
                pages = paginate(entries, opts.archive_page_size, f"{PEOPLE}/{person.id}/{kind}")
                context[f"{kind}_more"] = pages[0].src_uri
                title = f"Kudos {kind} by {person.name}"
                for pager in pages:
                    lists.append(
                        PagePlan(
                            pager.src_uri,
                            title if pager.number == 1 else f"{title}, page {pager.number}",
                            "kudos/person_list.html",
                            {"pager": pager, "person": person, "kind": kind},
                        )
                    )
            plans.append(PagePlan(person_src(person.id), person.name, "kudos/person.html", context))
            plans.extend(lists)
        for pid in self.data.principles:
            stories = self.index.by_principle.get(pid, [])
            if len(stories) <= opts.stories_on_principle:
                continue
            base = f"{self.options.principles_dir}/{pid}/stories"
            for pager in paginate(stories, opts.archive_page_size, base):
                principle = self.data.principles[pid]
                title = f"Stories of {principle.title}"
                plans.append(
                    PagePlan(
                        pager.src_uri,
                        title if pager.number == 1 else f"{title}, page {pager.number}",
                        "kudos/stories_page.html",
                        {"pager": pager, "principle": principle},
                    )
                )
        if not self.has_principles_index and self.data.principles:
            plans.append(
                PagePlan(self.principles_index_src(), "Principles", "kudos/principles.html", {}, searchable=True)
            )
        plans.append(give_plan(self))
        return plans

    def _months_nav(self, month: str | None) -> dict[str, Any]:
        """Archive links for a page: the months of its year, and one link per year.

        Never every month: a page's navigation must not grow with the years.
        """
        shown = (month or next(iter(self.index.by_month), ""))[:4]
        months = [m for m in self.index.by_month if m.startswith(shown)]
        years: dict[str, str] = {}
        for m in self.index.by_month:  # newest first, so each year links to its newest month
            years.setdefault(m[:4], m)
        return {"months": months, "years": list(years.items())}

    def anchor_files(self) -> dict[str, str]:
        """For each month on several pages: which page holds which entry.

        `/kudos/YYYY/MM/#id` is the permanent link of an entry; when the entry
        is on a later page of its month, the script reads this file and moves
        on to it. Page addresses are relative to this file.
        """
        files: dict[str, str] = {}
        for month, entries in self.index.by_month.items():
            size = self.options.archive_page_size
            if len(entries) <= size:
                continue
            path = f"{WALL}/{month}/{ANCHORS}"
            pages = paginate(entries, size, f"{WALL}/{month}")
            payload = {
                "pages": [relative(self._target(p.src_uri), path) for p in pages],
                "ids": {entry.id: number for number, p in enumerate(pages, 1) for entry in p.items},
            }
            files[path] = json.dumps(payload, separators=(",", ":"))
        return files

    # Rendering -----------------------------------------------------------

    def _target(self, src_uri: str) -> str:
        """The site-root relative URL of a page source (with its #anchor), or a URL as it is."""
        target = self._targets.get(src_uri)
        if target is None:
            path, _, anchor = src_uri.partition("#")
            target = self.urls.href(path) if path.endswith(".md") else path
            target = self._targets[src_uri] = target + ("#" + anchor if anchor else "")
        return target

    def _fingerprint(self) -> object:
        loader = self.env.loader
        assert loader is not None
        templates = tuple(
            loader.get_source(self.env, name)[:2]
            for name in sorted(self.env.list_templates(filter_func=lambda n: n.startswith("kudos/")))
        )
        return (
            self.urls, self.options, tuple(self.people.items()), tuple(self.data.principles.items()), templates,
        )

    def entry_fragment(self, entry: Entry, level: int = 3, anchor: bool = False) -> str:
        """One entry as HTML with marked links; the same on every page that shows it."""
        html = self.fragments.get(entry, level, anchor)
        if html is None:
            if self._fragment_globals is None:
                self._fragment_globals = {
                    **self._globals(None),
                    "link": lambda src_uri: _MARK + self._target(src_uri) + _MARK,
                }
            html = self._entry_template.render(
                **self._fragment_globals, entry=entry, level=level, anchor=anchor
            )
            self.fragments.put(entry, level, anchor, html)
        return html

    def _globals(self, page_src: str | None) -> dict[str, Any]:
        """Helpers every template gets; links are relative to the page shown."""
        base = self.urls.page_url(page_src) if page_src is not None else ""
        people = self.people
        resolved: dict[str, str] = {}
        folders = base.split("/")[:-1]  # the page's folder, as relative() sees it
        up, top = "../" * len(folders), (folders[0] if folders else "")

        def relative_to_page(target: str) -> str:
            hit = resolved.get(target)
            if hit is None:
                first = target.partition("/")[0].partition("#")[0]
                plain = ":" not in target and "/." not in target and "//" not in target
                if top and plain and first not in (top, "", ".", ".."):
                    # Another top-level folder: up to the root and down again,
                    # as relative() would say it, without working it out.
                    hit = up + target
                else:
                    hit = relative(target, base)
                resolved[target] = hit
            return hit

        def link(src_uri: str) -> str:
            return relative_to_page(self._target(src_uri))

        def entry_html(entry: Entry, level: int = 3, anchor: bool = False) -> Markup:
            """`kudos/entry.html` for this entry, with its links made relative to this page."""
            fragment = self.entry_fragment(entry, level, anchor)
            return Markup(_MARKED_LINK.sub(lambda m: relative_to_page(m.group(1)), fragment))

        def person_name(person_id: str) -> str:
            if person_id == CUSTOMER:
                return "a customer"
            return people[person_id].name

        return {
            "link": link,
            "entry_html": entry_html,
            "person_name": person_name,
            "people": people,
            "principles": self.data.principles,
            "site": self,
            "options": self.options,
            "person_src": person_src,
            "month_src": month_src,
            "page_src": page_src,
        }

    def render(self, template: str, page_src: str | None, **context: Any) -> str:
        return self.env.get_template(template).render(**self._globals(page_src), **context)

    def render_plan(self, plan: PagePlan) -> str:
        # Pages made only from their plan can be kept across `serve` rebuilds;
        # the others read the whole site (the featured set, counts per person).
        keep = plan.template in _PLAN_ONLY and not (
            plan.template == "kudos/wall.html" and plan.context["pager"].number == 1
        )
        html = self.fragments.page(plan) if keep else None
        if html is None:
            html = self.render(plan.template, plan.src_uri, title=plan.title, **plan.context)
            if keep:
                self.fragments.put_page(plan, html)
        return html

    def featured_html(self, page_src: str) -> str:
        return self.render(
            "kudos/featured.html",
            page_src,
            featured=self.featured_today,
            day=self.options.today,
            root=relative("", self.urls.page_url(page_src)),
            schedule=relative(FEATURED_DIR + "/", self.urls.page_url(page_src)),
        )

    def stories_html(self, principle_id: str) -> str:
        stories = self.index.by_principle.get(principle_id, [])
        more = None
        if len(stories) > self.options.stories_on_principle:
            more = f"{self.options.principles_dir}/{principle_id}/stories/index.md"
        return self.render(
            "kudos/stories.html",
            self.principle_src(principle_id),
            stories=stories[: self.options.stories_on_principle],
            total=len(stories),
            more=more,
            principle=self.data.principles[principle_id],
        )

    def review_html(self, principle_id: str) -> str:
        principle = self.data.principles[principle_id]
        if principle.review_by is None or principle.review_by >= self.options.today:
            return ""
        return self.render("kudos/review.html", principle.src_uri, principle=principle)

    def overview_html(self, page_src: str) -> str:
        counts = {pid: len(self.index.by_principle.get(pid, [])) for pid in self.data.principles}
        return self.render("kudos/principles.html", page_src, counts=counts)

    def schedule_files(self) -> dict[str, str]:
        """One small JSON file per day, so a visitor downloads only today's set."""
        opts = self.options
        files: dict[str, str] = {}
        # The rotation reads only recent entries' ids, dates and recipients; a
        # `serve` rebuild after any other edit reuses the last one.
        recent: list[Entry] = []
        window_start = opts.today - dt.timedelta(days=opts.window_days)
        for entry in self.data.entries:  # newest first
            if entry.date <= window_start and len(recent) >= opts.featured_count:
                break
            recent.append(entry)
        key = (opts, tuple((e.id, e.date, e.recipients) for e in recent))
        if self.fragments.rotation is not None and self.fragments.rotation[0] == key:
            by_id = {e.id: e for e in recent}
            days = {day: tuple(by_id[i] for i in ids) for day, ids in self.fragments.rotation[1].items()}
        else:
            days = rotation.schedule(recent, opts.today, opts.schedule_days, opts.featured_count, opts.window_days)
            self.fragments.rotation = (key, {day: tuple(e.id for e in chosen) for day, chosen in days.items()})
        for day, entries in days.items():
            # Rendered as if at the site root; the script re-roots relative links.
            fragment = self.render("kudos/featured_items.html", None, featured=entries, day=day)
            payload = {"day": day.isoformat(), "ids": [e.id for e in entries], "html": fragment}
            files[f"{FEATURED_DIR}/{day.isoformat()}.json"] = json.dumps(
                payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")
            )
        return files
