"""MkDocs event glue: every decision lives in `kudoswall.core`."""

from __future__ import annotations

import datetime as dt
import json
import os
import zoneinfo
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..core.dataset import LoadCache, load
from ..core.site import ASSETS, FragmentCache, Options, PagePlan, Site
from ..core.urls import UrlScheme
from .config import KudosConfig
from .give import add_give_files, give_options

log = get_plugin_logger("kudos")

FEATURED_MARKER = "<!-- kudos:featured -->"


def site_today(config: KudosConfig) -> dt.date:
    if config.today:
        return config.today
    return dt.datetime.now(zoneinfo.ZoneInfo(config.timezone)).date()


class KudosPlugin(BasePlugin[KudosConfig]):
    supports_multiple_instances = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Lives across `mkdocs serve` rebuilds: only changed files are re-read,
        # and only changed entries are rendered again.
        self.cache = LoadCache()
        self.fragments = FragmentCache()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not hasattr(self, "cache"):  # a plugin driven without on_startup (old callers)
            self.cache = LoadCache()
            self.fragments = FragmentCache()
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
            self.root, self.data_dir, Path(config.docs_dir), options.principles_dir, options.today, self.cache
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
            fragments=self.fragments,
        )
        for plan in self.site.plans():
            if files.get_file_from_path(plan.src_uri) is not None:
                continue  # the site's own page wins
            front = {"title": plan.title}
            if not plan.searchable:
                front["search"] = {"exclude": True}
            content = f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n"
            file = File.generated(config, plan.src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
            if plan.template in ("kudos/person.html", "kudos/people.html"):
                # "Edit this page" on a person opens the file their details live in.
                file.edit_uri = os.path.relpath(self.data_dir / "people.yml", config.docs_dir).replace(os.sep, "/")
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

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        site = self.site
        if site is None:
            return html
        src = page.file.src_uri
        plan = self.plans.get(src)
        if plan is not None:
            return site.render_plan(plan)
        principle_id = self._principle_of(src)
        if principle_id is not None:
            html = site.review_html(principle_id) + html + site.stories_html(principle_id)
        elif src == site.principles_index_src():
            html += site.overview_html(src)
        if FEATURED_MARKER in html:
            html = html.replace(FEATURED_MARKER, site.featured_html(src))
        return html

    def _principle_of(self, src_uri: str) -> str | None:
        assert self.site is not None
        folder, _, name = src_uri.rpartition("/")
        stem = name[:-3] if name.endswith(".md") else ""
        if folder == self.site.options.principles_dir and stem in self.site.data.principles:
            return stem
        return None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled and os.path.isdir(self.data_dir):
            server.watch(str(self.data_dir))
        return server
