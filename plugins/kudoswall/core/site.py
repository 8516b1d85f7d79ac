"""What the kudos part of a site consists of, and how each piece is rendered.

Front ends (the MkDocs adapter today, maybe a `kudos generate` command
tomorrow) ask this module for page plans and HTML; it never needs to know
which generator is asking.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import jinja2

from . import rotation
from .index import Index, build_index
from .model import CUSTOMER, Dataset, Entry, Person
from .paging import paginate
from .templating import environment
from .urls import UrlScheme, relative

WALL = "kudos"
PEOPLE = "people"
FEATURED_DIR = "kudos/featured"
ASSETS = ("kudos/assets/kudos.css", "kudos/assets/kudos.js")


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


@dataclass(frozen=True)
class PagePlan:
    src_uri: str
    title: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    searchable: bool = False


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
        months = list(self.index.by_month)
        for pager in paginate(self.data.entries, opts.page_size, WALL):
            title = "Kudos wall" if pager.number == 1 else f"Kudos wall, page {pager.number}"
            plans.append(
                PagePlan(pager.src_uri, title, "kudos/wall.html", {"pager": pager, "months": months})
            )
        for month, entries in self.index.by_month.items():
            year, number = month.split("/")
            label = dt.date(int(year), int(number), 1).strftime("%B %Y")
            plans.append(
                PagePlan(
                    month_src(month),
                    f"Kudos of {label}",
                    "kudos/archive.html",
                    {"entries": entries, "label": label, "months": months, "month": month},
                    searchable=True,
                )
            )
        people = sorted(self.people.values(), key=lambda p: (p.name.casefold(), p.id))
        for pager in paginate(people, opts.people_page_size, PEOPLE):
            title = "People" if pager.number == 1 else f"People, page {pager.number}"
            plans.append(PagePlan(pager.src_uri, title, "kudos/people.html", {"pager": pager}, searchable=True))
        for person in people:
            plans.append(
                PagePlan(
                    person_src(person.id),
                    person.name,
                    "kudos/person.html",
                    {
                        "person": person,
                        "received": self.index.received.get(person.id, []),
                        "given": self.index.given.get(person.id, []),
                        "cited": self.index.cited_for.get(person.id, {}),
                    },
                )
            )
        for pid in self.data.principles:
            stories = self.index.by_principle.get(pid, [])
            if len(stories) <= opts.stories_on_principle:
                continue
            base = f"{self.options.principles_dir}/{pid}/stories"
            for pager in paginate(stories, opts.page_size, base):
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
        return plans

    # Rendering -----------------------------------------------------------

    def _globals(self, page_src: str | None) -> dict[str, Any]:
        """Helpers every template gets; links are relative to the page shown."""
        base = self.urls.page_url(page_src) if page_src is not None else ""
        people = self.people

        def link(src_uri: str) -> str:
            path, _, anchor = src_uri.partition("#")
            target = self.urls.href(path) if path.endswith(".md") else path
            return relative(target + ("#" + anchor if anchor else ""), base)

        def person_name(person_id: str) -> str:
            if person_id == CUSTOMER:
                return "a customer"
            return people[person_id].name

        return {
            "link": link,
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
        return self.render(plan.template, plan.src_uri, title=plan.title, **plan.context)

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
        days = rotation.schedule(
            self.data.entries, opts.today, opts.schedule_days, opts.featured_count, opts.window_days
        )
        for day, entries in days.items():
            # Rendered as if at the site root; the script re-roots relative links.
            fragment = self.render("kudos/featured_items.html", None, featured=entries, day=day)
            payload = {"day": day.isoformat(), "ids": [e.id for e in entries], "html": fragment}
            files[f"{FEATURED_DIR}/{day.isoformat()}.json"] = json.dumps(
                payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")
            )
        return files
