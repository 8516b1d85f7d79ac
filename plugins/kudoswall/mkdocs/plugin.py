"""MkDocs event glue: every decision lives in `kudoswall.core`."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import zoneinfo
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..core.dataset import LoadCache, load
from ..core.site import ASSETS, FragmentCache, Options, PagePlan, Site
from ..core.urls import UrlScheme
from ..settings import TODAY_VARIABLE
from .config import KudosConfig
from .give import add_give_files, give_options

log = get_plugin_logger("kudos")

FEATURED_MARKER = "<!-- kudos:featured -->"
STORIES_MARKER = "<!-- kudos:stories -->"


def site_today(config: KudosConfig) -> dt.date:
    if config.today:
        return config.today
    fixed = os.environ.get(TODAY_VARIABLE)
    if fixed:
        return dt.date.fromisoformat(fixed)
    return dt.datetime.now(zoneinfo.ZoneInfo(config.timezone)).date()


class KudosPlugin(BasePlugin[KudosConfig]):
    supports_multiple_instances = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Lives across `mkdocs serve` rebuilds: only changed files are re-read,
        # and only changed entries are rendered again. A one-off build keeps
        # neither past its load, which saves hundreds of MB at 100,000 entries.
        self.cache = LoadCache()
        self.keep_caches = command == "serve"
        self.fragments = FragmentCache(keep_pages=self.keep_caches)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not hasattr(self, "cache"):  # a plugin driven without on_startup (old callers)
            self.cache = LoadCache()
            self.fragments = FragmentCache()
            self.keep_caches = False
        self.site: Site | None = None
        self.plans: dict[str, PagePlan] = {}
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").resolve().parent
        self.root = root
        self.data_dir = (root / self.config.data_dir).resolve()
        self.give = give_options(self.config, config, root, self.data_dir)
        for asset in ASSETS:
            target = config.extra_javascript if asset.endswith(".js") else config.extra_css
            if asset not in target:
                target.append(asset)
        return config

    def _options(self) -> Options:
        cfg = self.config
        return Options(
            today=site_today(cfg),
            timezone=cfg.timezone,
            page_size=cfg.page_size,
            people_page_size=cfg.people_page_size,
            archive_page_size=cfg.archive_page_size,
            featured_count=cfg.featured_count,
            window_days=cfg.window_days,
            schedule_days=cfg.schedule_days,
            stories_on_principle=cfg.stories_on_principle,
            principles_dir=cfg.principles_dir.strip("/"),
            give=self.give,
        )

    @event_priority(-50)  # after plugins that add documentation pages of their own
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        options = self._options()
        data = load(
            self.root, self.data_dir, Path(config.docs_dir), options.principles_dir, options.today,
            self.cache if self.keep_caches else None,
        )
        for problem in data.problems:
            log.warning(str(problem))
        has_index = files.get_file_from_path(f"{options.principles_dir}/index.md") is not None
        self.site = Site(
            data,
            options,
            UrlScheme(config.use_directory_urls),
            template_dirs=list(config.theme.dirs),
            has_principles_index=has_index,
            fragments=self.fragments if self.keep_caches else None,
        )
        people_file = os.path.relpath(self.data_dir / "people.yml", config.docs_dir).replace(os.sep, "/")
        for plan in self.site.plans():
            if files.get_file_from_path(plan.src_uri) is not None:
                continue  # the site's own page wins
            front: dict[str, Any] = {"title": plan.title}
            if not plan.searchable:
                front["search"] = {"exclude": True}
            content = f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n"
            file = File.generated(config, plan.src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
            if plan.template in ("kudos/person.html", "kudos/people.html"):
                # "Edit this page" on a person opens the file their details live in.
                file.edit_uri = people_file
            files.append(file)
            self.plans[plan.src_uri] = plan
        package = resources.files("kudoswall") / "assets"
        for asset in ASSETS:
            name = asset.rsplit("/", 1)[1]
            files.append(File.generated(config, asset, content=(package / name).read_bytes()))
        for path, content in {**self.site.schedule_files(), **self.site.anchor_files()}.items():
            files.append(File.generated(config, path, content=content))
        add_give_files(files, config, self.site)
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        if page.file.src_uri in self.plans:
            # A generated page has no Markdown of its own; MkDocs would still
            # set up a parser with all of the site's Markdown extensions for
            # it (4 ms each with a typical Material setup), thousands of times.
            page.render = functools.partial(_render_nothing, page)  # type: ignore[method-assign]
        return page

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        site = self.site
        if site is None:
            return html
        src = page.file.src_uri
        if src in self.plans:
            # Rendered in on_page_context instead, one page at a time: MkDocs
            # holds every page's content from here until it writes the pages,
            # which at 100,000 entries would be most of a gigabyte.
            return "<!-- kudos: rendered when the page is written -->"
        principle_id = self._principle_of(src)
        if principle_id is not None:
            # Stories (like the featured block) are copies of entries indexed on
            # their archive page; they go in after the search plugins have read
            # page.content, so no theme's search index holds them twice.
            # The overdue note follows the page's title, so the title is read first.
            note = site.review_html(principle_id)
            head, closed, body = html.partition("</h1>")
            html = (head + closed + note + body if closed else note + html) + STORIES_MARKER
        elif src == site.principles_index_src():
            html += site.overview_html(src)
        return html

    @event_priority(90)  # before the search plugins, which index page.content here
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        plan = self.plans.get(page.file.src_uri)
        if plan is not None and self.site is not None:
            page.content = self.site.render_plan(plan)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        site = self.site
        if site is not None and "<!-- kudos:" in output:
            src = page.file.src_uri
            if STORIES_MARKER in output:
                principle_id = self._principle_of(src)
                output = output.replace(STORIES_MARKER, site.stories_html(principle_id) if principle_id else "")
            if FEATURED_MARKER in output:
                output = output.replace(FEATURED_MARKER, site.featured_html(src))
        if page.file.src_uri in self.plans:
            page.content = None  # written; let it go
        return output

    def _principle_of(self, src_uri: str) -> str | None:
        assert self.site is not None
        folder, _, name = src_uri.rpartition("/")
        stem = name[:-3] if name.endswith(".md") else ""
        if folder == self.site.options.principles_dir and stem in self.site.data.principles:
            return stem
        return None

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Drop pages that only repeat entries from an index that ignored their meta.

        Material honours `search: exclude`; MkDocs' own search does not, and
        would otherwise list every entry up to five times.
        """
        index_path = Path(config.site_dir) / "search" / "search_index.json"
        if self.site is None or config.theme.name == "material" or not index_path.is_file():
            return  # Material already left them out (about 1 s saved at 100,000 entries)
        scheme = self.site.urls
        hidden = {scheme.page_url(src) for src, plan in self.plans.items() if not plan.searchable}
        hidden |= {scheme.href(src) for src, plan in self.plans.items() if not plan.searchable}
        index = json.loads(index_path.read_text(encoding="utf-8"))
        docs = index.get("docs") if isinstance(index, dict) else None
        if not isinstance(docs, list):
            return
        kept = [d for d in docs if str(d.get("location", "")).split("#")[0] not in hidden]
        if len(kept) != len(docs):
            index["docs"] = kept
            index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled and os.path.isdir(self.data_dir):
            server.watch(str(self.data_dir))
        return server


def _render_nothing(page: Page, config: MkDocsConfig, files: Files) -> None:
    """`Page.render` for a generated page: its HTML comes in on_page_context."""
    page.content = ""
    page.present_anchor_ids = set()
