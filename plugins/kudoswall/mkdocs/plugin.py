"""MkDocs event glue: every decision lives in `kudoswall.core`."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..core.dataset import LoadCache, load
from ..core.give import GIVE_ASSETS, SCHEMA_PATH, schema_json
from ..core.i18n import Catalogue
from ..core.model import Dataset
from ..core.pages import KudosPage, SiteModel, build_model
from ..core.project import Project, SettingsError, make_project
from ..core.renderer import ASSETS, RenderCache, Renderer
from ..core.urls import UrlScheme
from .config import KudosConfig

log = get_plugin_logger("kudos")

FEATURED_MARKER = "<!-- kudos:featured -->"
STORIES_MARKER = "<!-- kudos:stories -->"
CELEBRATIONS_MARKER = "<!-- kudos:celebrations -->"


class GeneratedPage(Page):
    """A page the plugin makes: no Markdown of its own, its HTML comes from the renderer.

    MkDocs would otherwise set up a Markdown parser with every extension of
    the site for each of them (4 ms each with a typical Material setup),
    thousands of times. The HTML is rendered in `on_page_context`, one page
    at a time, because MkDocs holds every page's content from rendering
    until it writes the pages: at 100,000 entries that would be most of a
    gigabyte.
    """

    def __init__(self, kudos_page: KudosPage, file: File, config: MkDocsConfig) -> None:
        # The theme prints a page's title unescaped (in <title> and the
        # header); ours come from people's names and principles' headings.
        super().__init__(str(escape(kudos_page.title)), file, config)
        self.kudos_page = kudos_page

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = {} if self.kudos_page.searchable else {"search": {"exclude": True}}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.present_anchor_ids = set()


class KudosPlugin(BasePlugin[KudosConfig]):
    supports_multiple_instances = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Lives across `mkdocs serve` rebuilds: only changed files are re-read,
        # and only changed entries and pages are rendered again. A one-off
        # build keeps neither past its use, which saves hundreds of MB at
        # 100,000 entries.
        self.keep_caches = command == "serve"
        self.load_cache = LoadCache()
        self.render_cache = RenderCache(keep_pages=self.keep_caches)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not hasattr(self, "load_cache"):  # a plugin driven without on_startup
            self.on_startup(command="build", dirty=False)
        self.renderer: Renderer | None = None
        self.generated: dict[str, GeneratedPage] = {}
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").resolve().parent
        try:
            self.project: Project = make_project(
                root, Path(config.docs_dir), self.config.options(),
                repo_url=config.repo_url or "", site_url=config.site_url or "",
            )
        except SettingsError as error:
            raise PluginError(f"kudos: {error}") from None
        language = config.theme.get("language") or config.theme.get("locale") or "en"
        self.catalogue = Catalogue(str(language))
        for asset in ASSETS:
            target = config.extra_javascript if asset.endswith(".js") else config.extra_css
            if asset not in target:
                target.append(asset)
        return config

    @event_priority(-50)  # after plugins that add documentation pages of their own
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        project = self.project
        data = load(project, self.load_cache if self.keep_caches else None)
        for problem in data.problems:
            log.warning(str(problem))
        has_index = files.get_file_from_path(f"{project.principles_dir}/index.md") is not None
        model = build_model(data, project, self.catalogue, has_principles_index=has_index)
        self.renderer = Renderer(
            model, UrlScheme(config.use_directory_urls), self.catalogue,
            template_dirs=list(config.theme.dirs), cache=self.render_cache if self.keep_caches else None,
        )
        self._add_pages(files, config, model)
        self._add_files(files, config, data)
        return files

    def _add_pages(self, files: Files, config: MkDocsConfig, model: SiteModel) -> None:
        people_file = os.path.relpath(self.project.data_dir / "people.yml", config.docs_dir).replace(os.sep, "/")
        for kudos_page in model.pages:
            if files.get_file_from_path(kudos_page.src_uri) is not None:
                continue  # the site's own page wins
            file = File.generated(config, kudos_page.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            if kudos_page.edits_people:
                # "Edit this page" on a person opens the file their details live in.
                file.edit_uri = people_file
            files.append(file)
            self.generated[kudos_page.src_uri] = GeneratedPage(kudos_page, file, config)

    def _add_files(self, files: Files, config: MkDocsConfig, data: Dataset) -> None:
        assert self.renderer is not None
        package = resources.files("kudoswall") / "assets"
        for asset in (*ASSETS, *GIVE_ASSETS):
            files.append(File.generated(config, asset, content=(package / asset.rsplit("/", 1)[1]).read_bytes()))
        derived: dict[str, str | bytes] = {
            **self.renderer.daily_files(), **self.renderer.give_files(), **self.renderer.files(),
        }
        if files.get_file_from_path(SCHEMA_PATH) is None:
            derived[SCHEMA_PATH] = schema_json(data, config.site_url)
        for path, content in derived.items():
            files.append(File.generated(config, path, content=content))

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        renderer = self.renderer
        if renderer is None or isinstance(page, GeneratedPage):
            return html
        src = page.file.src_uri
        principle_id = self._principle_of(src)
        if principle_id is not None:
            # Stories (like the featured block) are copies of entries indexed on
            # their archive page; they go in after the search plugins have read
            # page.content, so no theme's search index holds them twice.
            # The overdue note follows the page's title, so the title is read first.
            note = renderer.review_html(principle_id)
            head, closed, body = html.partition("</h1>")
            html = (head + closed + note + body if closed else note + html) + STORIES_MARKER
        elif src == f"{self.project.principles_dir}/index.md":
            html += renderer.overview_html(src)
        return html

    @event_priority(90)  # before the search plugins, which index page.content here
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if isinstance(page, GeneratedPage) and self.renderer is not None:
            page.content = self.renderer.page_html(page.kudos_page)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        renderer = self.renderer
        if renderer is not None and "<!-- kudos:" in output:
            src = page.file.src_uri
            if STORIES_MARKER in output:
                principle_id = self._principle_of(src)
                output = output.replace(STORIES_MARKER, renderer.stories_html(principle_id) if principle_id else "")
            if FEATURED_MARKER in output:
                output = output.replace(FEATURED_MARKER, renderer.featured_html(src))
            if CELEBRATIONS_MARKER in output:
                output = output.replace(CELEBRATIONS_MARKER, renderer.celebrations_html(src))
        if isinstance(page, GeneratedPage):
            page.content = None  # written; let it go
        return output

    def _principle_of(self, src_uri: str) -> str | None:
        assert self.renderer is not None
        folder, _, name = src_uri.rpartition("/")
        stem = name[:-3] if name.endswith(".md") else ""
        if folder == self.project.principles_dir and stem in self.renderer.model.stories:
            return stem
        return None

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Drop pages that only repeat entries from an index that ignored their meta.

        Material honours `search: exclude`; MkDocs' own search does not, and
        would otherwise list every entry up to five times.
        """
        index_path = Path(config.site_dir) / "search" / "search_index.json"
        if self.renderer is None or config.theme.name == "material" or not index_path.is_file():
            return  # Material already left them out (about 1 s saved at 100,000 entries)
        scheme = self.renderer.urls
        hidden = {
            url
            for src, page in self.generated.items() if not page.kudos_page.searchable
            for url in (scheme.page_url(src), scheme.href(src))
        }
        index = json.loads(index_path.read_text(encoding="utf-8"))
        docs = index.get("docs") if isinstance(index, dict) else None
        if not isinstance(docs, list):
            return
        kept = [d for d in docs if str(d.get("location", "")).split("#")[0] not in hidden]
        if len(kept) != len(docs):
            index["docs"] = kept
            index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled and os.path.isdir(self.project.data_dir):
            server.watch(str(self.project.data_dir))
        return server
