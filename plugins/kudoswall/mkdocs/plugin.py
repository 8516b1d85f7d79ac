"""MkDocs event glue: every decision lives in `kudoswall.core`.

MkDocs owns the site folder: every page and file of ours is in its list of
files, and MkDocs writes them as it writes the site's own. Each build's state
is one `Build`, made in `on_config` and let go when the build ends; what a
`serve` keeps between rebuilds is the core's caches and `ServeReuse`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..core.data.dataset import LoadCache, load
from ..core.data.project import SettingsError, make_project
from ..core.render.cache import RenderCache
from ..core.render.renderer import ASSETS, PRINCIPLES_CSS, Renderer
from ..core.site.build import build_model
from ..core.site.i18n import Catalogue
from ..core.site.sections import feeds
from ..core.site.sections.give import SCHEMA_PATH, schema_json
from ..core.site.sections.handbook import last_updates
from ..core.site.urls import UrlScheme
from . import handbook, pages, parallel, searchindex
from .build import Build
from .config import KudosConfig, PluginConfig
from .reuse import ServeReuse

log = get_plugin_logger("kudos")


class KudosPlugin(BasePlugin[PluginConfig]):
    config_class = KudosConfig  # PluginConfig with every option of the core
    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.build: Build | None = None
        self.data_dir: Path | None = None  # watched by `serve`
        self.reuse: ServeReuse | None = None
        self.load_cache: LoadCache | None = None
        self.render_cache: RenderCache | None = None
        self.dirty = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Under `mkdocs serve`, only changed files are read again, only changed
        # entries and pages rendered again. A one-off build keeps nothing past
        # its use, which keeps a large build's memory flat.
        if command == "serve":
            self.dirty = dirty
            self.reuse = ServeReuse(dirty)
            self.load_cache = LoadCache()
            self.render_cache = RenderCache(keep_pages=True)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.build = None
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").resolve().parent
        try:
            project = make_project(
                root, Path(config.docs_dir), self.config.options(),
                repo_url=config.repo_url or "", site_url=config.site_url or "", nav=config.nav,
            )
        except SettingsError as error:
            raise PluginError(f"kudos: {error}") from None
        if project.settings.tv_qr and not project.site_url:
            log.info("no QR code on /kudos/tv/: it needs the site's address (set site_url in mkdocs.yml, or tv_qr: false)")
        language = config.theme.get("language") or config.theme.get("locale") or "en"
        catalogue = Catalogue(str(language), overrides=project.settings.strings)
        # Under serve the caches are this process's: a rebuild renders few pages, all here.
        self.build = Build(project, catalogue, use_workers=self.config.parallel and self.reuse is None)
        self.data_dir = project.data_dir
        for asset in (*ASSETS, PRINCIPLES_CSS):
            target = config.extra_javascript if asset.endswith(".js") else config.extra_css
            if asset not in target:
                target.append(asset)
        return config

    @event_priority(-50)  # after plugins that add documentation pages of their own
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        build = self.build
        if build is None:
            return files
        project = build.project
        enabled = build.use_workers
        data = load(project, self.load_cache, lambda work, items: parallel.spread(work, items, enabled))
        excluded = _take_out_strays(files, data.strays, project.shown(project.docs_dir))
        for problem in data.problems:
            if problem.path not in excluded:
                # A warning (an address notify cannot use) concerns no page: not the build's to fail on.
                (log.info if problem.warning else log.warning)(str(problem))
        config_name = os.path.basename(config.config_file_path or "mkdocs.yml")
        for problem in feeds.problems(project, config_name):
            log.info(str(problem))  # a plain site builds clean: feeds are an extra that needs site_url
        has_index = files.get_file_from_path(f"{project.principles_dir}/index.md") is not None
        # /changes/ names only the handbook pages this build publishes (not excluded, not drafts).
        published = frozenset(f.src_uri for f in files if f.is_documentation_page() and f.inclusion.is_included())
        model = build_model(data, project, build.catalogue, has_principles_index=has_index, published_docs=published)
        build.renderer = renderer = Renderer(
            model, UrlScheme(config.use_directory_urls), build.catalogue,
            template_dirs=list(config.theme.dirs), cache=self.render_cache,
        )
        if self.dirty:
            files = pages.rebuilt_always(files)
        build.generated = pages.add_pages(files, config, model.pages, build.added)
        derived: dict[str, str | bytes] = {
            **renderer.daily_files(), **renderer.give_files(), **renderer.look_files(),
            **{path: make() for path, make in renderer.file_makers().items() if files.get_file_from_path(path) is None},
        }
        if files.get_file_from_path(SCHEMA_PATH) is None:
            derived[SCHEMA_PATH] = schema_json(data, config.site_url)
        pages.add_files(files, config, derived, build.added)
        build.published = {f.path: f for f in model.files}
        build.people = data.people
        # Every handbook page's last update, from ONE `git log` over the docs folder.
        build.updated = dict(last_updates(project.docs_dir))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if self.build is not None:
            self.build.nav = nav
        return nav

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        """Once every page is read and exclusions are final: what serve reuses, and our pages under way."""
        build = self.build
        if build is None or build.renderer is None:
            return env
        if self.reuse is not None and build.nav is not None:
            build.reused = self.reuse.mark(env, config, build.nav, build.renderer, build.generated,
                                           tuple(sorted(build.published)))
            if build.reused:
                log.info(f"{len(build.reused)} of {len(build.generated)} generated pages unchanged: "
                         "their last output is reused")
            if self.dirty:
                self.reuse.remove_vanished(files, build.added)
                left = sum(isinstance(p.file, pages.GeneratedFile) and p.file.unchanged
                           for p in build.generated.values())
                if left:
                    log.info(f"{left} unchanged generated pages are left as they are in the site folder")
        # The order in which MkDocs builds the pages: workers make them in it.
        order = [f.src_uri for f in files.documentation_pages()]
        build.start_pages([src for src in order if src in build.generated and src not in build.reused])
        return env

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.build is None or self.build.renderer is None or isinstance(page, pages.GeneratedPage):
            return html
        return handbook.page_content(self.build, html, page)

    @event_priority(90)  # before the search plugins, which index page.content here
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        build = self.build
        if isinstance(page, pages.GeneratedPage) and build is not None:
            if page.indexed_by_theme:
                page.content = build.page_html(page)
            elif page.file.src_uri in build.reused:
                page.content = ""  # the last output is reused: nothing reads it
            else:
                page.content = pages.PAGE_MARK
        return context

    @event_priority(100)  # the theme's own output, before any plugin changes it
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        build = self.build
        if build is None or build.renderer is None:
            return output
        src = page.file.src_uri
        if isinstance(page, pages.GeneratedPage):
            page.content = None  # written next; let it go
            if src in build.reused and self.reuse is not None:
                return self.reuse.outputs[src]  # as this plugin finished it last time, <head> included
            if pages.PAGE_MARK in output:
                output = output.replace(pages.PAGE_MARK, build.page_html(page))
        output = handbook.fill(build, output, src)
        if isinstance(page, pages.GeneratedPage) and self.reuse is not None:
            self.reuse.outputs[src] = output
        return output

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        if template_name == "404.html" and self.build is not None and not self.build.project.settings.public:
            return output_content.replace("</head>", '<meta name="robots" content="noindex"></head>', 1)
        return output_content

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        build, self.build = self.build, None
        if build is None or build.renderer is None:
            return
        build.close()
        kept = self.reuse.search_docs if self.reuse is not None else {}
        made = searchindex.add_records(config, build.renderer, build.generated, kept, build.reused)
        if self.reuse is not None:
            self.reuse.search_docs = made

    def on_build_error(self, *, error: Exception) -> None:
        build, self.build = self.build, None
        if build is not None:
            build.close()
        if self.reuse is not None:
            self.reuse.forget()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.data_dir is not None and self.data_dir.is_dir():
            server.watch(str(self.data_dir))
        return server


def _take_out_strays(files: Files, strays: tuple[str, ...], docs_shown: str) -> set[str]:
    """Kudos data under docs/ is never copied as it is; returns those the site excludes anyway,
    whose problems are not this build's concern."""
    excluded = set()
    for rel in strays:
        if (stray := files.get_file_from_path(rel)) is not None:
            if not stray.inclusion.is_included():
                excluded.add(f"{docs_shown}/{rel}")
            files.remove(stray)
    return excluded
