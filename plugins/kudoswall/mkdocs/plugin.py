"""MkDocs event glue: every decision lives in `kudoswall.core`."""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import os
import stat
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from html import escape as escape_text
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils.templates import TemplateContext

from ..core.data.dataset import LoadCache, load
from ..core.data.model import Dataset
from ..core.data.project import Project, SettingsError, make_project
from ..core.parallel import Stream
from ..core.render.cache import RenderCache
from ..core.render.renderer import ASSETS, PRINCIPLES_CSS, Renderer
from ..core.site import search
from ..core.site.build import SiteModel, build_model
from ..core.site.i18n import Catalogue
from ..core.site.pages import KudosFile, KudosPage
from ..core.site.sections import feeds, publish
from ..core.site.sections.give import GIVE_ASSETS, SCHEMA_PATH, schema_json
from ..core.site.sections.handbook import last_updates, page_info
from ..core.site.urls import UrlScheme
from . import sitefolder
from .config import KudosConfig

log = get_plugin_logger("kudos")

FEATURED_MARKER = "<!-- kudos:featured -->"
STORIES_MARKER = "<!-- kudos:stories -->"
CELEBRATIONS_MARKER = "<!-- kudos:celebrations -->"
SKIP_TARGET = "kudos-main"  # the id of the wrapper `Renderer.page_html` puts around a page
# Under `serve`, a generated page whose value and surroundings are unchanged is
# given this template, which renders the marker; the theme's output from the
# last build replaces it in `on_post_page`.
REUSE_TEMPLATE = "kudos-reuse.html"
REUSE_MARK = "<!-- kudos:reuse -->"
# Under `serve`, garbage is collected this long after a rebuild, while the
# author reads the page, instead of during the next rebuild (see on_config).
IDLE_COLLECT_SECONDS = 1.0
# A generated page that no search plugin reads is given this as its content
# until the theme has rendered around it; `on_post_page` puts the page in.
# Search plugins then do not scan (Material runs a regex over every page's
# content) what they will not index.
# It names an <h1>: every page of ours has its own, and Material adds the
# page's title as a second one to content without.
PAGE_MARK = "<!-- kudos:page (its own <h1>) -->"


def nav_signature(items: list[Any]) -> tuple[object, ...]:
    """What every page's navigation shows: titles, addresses and nesting."""
    return tuple(
        (type(item).__name__, str(item.title), getattr(item, "url", None),
         nav_signature(item.children) if getattr(item, "children", None) else ())
        for item in items
    )


def surroundings(config: MkDocsConfig, nav: Navigation) -> object:
    """Everything besides a page's own value that the theme puts around it.

    The navigation, mkdocs.yml (site name, theme options, extra...) and the
    site's theme overrides. The installed theme itself only changes between
    `serve` sessions.
    """
    config_file = Path(config.config_file_path or "mkdocs.yml")
    overrides: tuple[tuple[str, int, int], ...] = ()
    custom_dir = config.theme.custom_dir
    if custom_dir and os.path.isdir(custom_dir):
        overrides = tuple(sorted(
            (str(path), path.stat().st_mtime_ns, path.stat().st_size)
            for path in Path(custom_dir).rglob("*") if path.is_file()
        ))
    text = config_file.read_bytes() if config_file.is_file() else b""
    return (nav_signature(nav.items), text, overrides, config.theme.name, config.use_directory_urls)


def index_text(theme: str | None) -> Callable[[str], str]:
    """Text as the theme's own indexer would have written it for the same words.

    Material's indexer stores text escaped, and its search shows `title` and
    `text` as HTML; MkDocs' indexer stores plain text, and its themes escape
    it when they show it. Raw words in Material's index would be markup.
    """
    if theme == "material":
        return lambda text: escape_text(text, quote=False)
    return str


def theme_title(text: str) -> str:
    """A title from data, safe in every theme template that prints it.

    Themes print a page's title unescaped (Material's header, MkDocs' <title>),
    and Material's `striptags` in <title> undoes any escaping: an escaped
    `</title><script>` would come back to life. Angle brackets become their
    look-alikes, so no tag can form whatever a template does with the text.
    """
    return str(escape(text.replace("<", "\u2039").replace(">", "\u203a")))


class GeneratedPage(Page):
    """A page the plugin makes: no Markdown of its own, its HTML comes from the renderer.

    MkDocs would otherwise set up a Markdown parser with every extension of
    the site for each of them, thousands of times. The HTML is rendered in `on_page_context`, one page
    at a time, because MkDocs holds every page's content from rendering
    until it writes the pages, which would make memory grow with the site.
    """

    def __init__(self, kudos_page: KudosPage, file: File, config: MkDocsConfig) -> None:
        super().__init__(theme_title(kudos_page.title), file, config)
        self.kudos_page = kudos_page

    @property
    def indexed_by_theme(self) -> bool:
        """The theme's search indexes a page from its HTML; pages with records
        of their own are indexed from their data instead (`on_post_build`)."""
        return self.kudos_page.searchable and not search.has_records(self.kudos_page)

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = {} if self.indexed_by_theme else {"search": {"exclude": True}}
        # Material reads `hide`: a wall of notes takes the whole width; no
        # page of ours has a table of contents worth a column.
        self.meta["hide"] = ["navigation", "toc"] if self.kudos_page.full_width else ["toc"]

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.present_anchor_ids = set()
        if config.theme.name == "material":
            # Material shows "Skip to content" only to a page's first heading
            # in its table of contents: point it at our content's wrapper.
            # (MkDocs' own theme would show this as a sidebar of one link.)
            self.toc = TableOfContents([AnchorLink(str(escape(self.kudos_page.title)), SKIP_TARGET, 1)])


# Parts of this plugin's events whose place among all plugins' handlers
# matters (checked by a mark, which survives a profiler's wrapping).
SEES_PAGES_LAST = "sees pages last"
NOTES_FILES_FIRST = "notes page files first"
Handler = TypeVar("Handler", bound=Callable[..., Any])


def _part(name: str) -> Callable[[Handler], Handler]:
    def mark(handler: Handler) -> Handler:
        handler.kudos_part = name  # type: ignore[attr-defined]
        return handler
    return mark


def _stamp(status: os.stat_result) -> tuple[int, ...]:
    """A file as it is: a file written since differs (its change time, which no one sets, included)."""
    return (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def written_later(config: MkDocsConfig, path: str, destination: str) -> File:
    """A file the plugin writes into the site itself, later in the build.

    MkDocs leaves a file whose source is its own destination in place (its
    copy step skips it). An empty file stands there until the real one is
    written, so MkDocs finds the file when it copies, and links to it resolve.
    """
    os.makedirs(os.path.dirname(destination), exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        status = os.lstat(destination)
        if not stat.S_ISREG(status.st_mode) or status.st_nlink != 1:
            sitefolder.remove_tree(destination)  # never write through a link, nor into another name's file
    open(destination, "wb").close()
    return File.generated(config, path, abs_src_path=destination)


class GeneratedFile(File):
    """A generated page's file. Under `mkdocs serve --dirty`, a page the
    plugin reuses says it is unmodified, so MkDocs skips it: its last output
    is still in the site folder, which a dirty build does not empty."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged


class HandbookFile(File):
    """A handbook page under `mkdocs serve --dirty`: always built again.

    The plugin adds data to handbook pages (a principle's stories, the
    featured set, owners' names, review dates), so an unchanged Markdown
    file does not make an unchanged page. There are few of them.
    """

    def is_modified(self) -> bool:
        return True


def rebuilt_always(file: File) -> HandbookFile:
    copy = HandbookFile(
        file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls,
        dest_uri=file.dest_uri, inclusion=file.inclusion,
    )
    copy.edit_uri = file.edit_uri
    return copy


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates kept across `serve` rebuilds, in memory."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class KudosPlugin(BasePlugin[KudosConfig]):
    supports_multiple_instances = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Lives across `mkdocs serve` rebuilds: only changed files are re-read,
        # and only changed entries and pages are rendered again. A one-off
        # build keeps neither past its use, which keeps a large build's
        # memory flat.
        self.keep_caches = command == "serve"
        self.dirty = dirty and self.keep_caches
        self.empties_site_folder = not dirty  # as MkDocs does before every build but a dirty one
        # Under `serve --dirty`: where our last build's pages and files were
        # written, so that those a rebuild no longer makes are removed.
        self.written: set[str] = set()
        self.load_cache = LoadCache()
        self.render_cache = RenderCache(keep_pages=self.keep_caches)
        # src -> the finished HTML, made in `self.surroundings`: what a rebuild may reuse
        # when the render cache says the page's value and the names it showed are unchanged.
        self.theme_outputs: dict[str, str] = {}
        self.surroundings: object = None
        self.bytecode_cache = MemoryBytecodeCache()
        self.search_docs: dict[str, list[dict[str, str]]] = {}  # our pages' search records, by page
        self.reused: set[str] = set()  # this build's pages whose output in `theme_outputs` is handed back
        self.idle_collect: threading.Timer | None = None
        self.building = False  # a serve rebuild is under way
        self.loading = False  # a one-off build is loading
        # Unless the build is dirty (see `sitefolder`): where the last build's
        # files wait while MkDocs empties the site folder. Under plain
        # `serve`, this build's pages whose file there is
        # already their final output: a page's file is that output when no
        # later plugin changed our HTML (`pristine`) and nothing touched the
        # file since it was written (`stamps`).
        self.aside: sitefolder.Aside | None = None
        self.untouched: set[str] = set()
        self.pristine: set[str] = set()
        self.stamps: dict[str, tuple[int, ...]] = {}  # src -> its file's `_stamp`
        if self.keep_caches and not self.dirty:
            # MkDocs says "Page skipped" at INFO for each page whose output is
            # empty, which is how an untouched page is left in place.
            logging.getLogger("mkdocs.commands.build").addFilter(self._not_untouched)

    def _not_untouched(self, record: logging.LogRecord) -> bool:
        message = record.msg if isinstance(record.msg, str) else ""
        start, end = "Page skipped: '", "'. Generated empty output."
        return not (message.startswith(start) and message.endswith(end)
                    and message[len(start):-len(end)] in self.untouched)

    def on_shutdown(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(self._not_untouched)
        self._discard_aside()

    def _discard_aside(self) -> None:
        if self.aside is not None:
            sitefolder.discard(self.aside)
            self.aside = None

    @event_priority(-100)  # after other plugins, which find the site folder as the last build left it
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # MkDocs empties the site folder right after this event: the last
        # build's files are set aside and put back in on_env, so that a page
        # is written over its old file, not deleted and made again.
        self._discard_aside()
        self.untouched = set()
        if self.config.enabled and self.empties_site_folder:
            self.aside = sitefolder.set_aside(config.site_dir)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not hasattr(self, "load_cache"):  # a plugin driven without on_startup
            self.on_startup(command="build", dirty=False)
            self.empties_site_folder = False  # a dirty build or not: unknown, so the site folder is MkDocs' alone
        if self.keep_caches:
            self._pause_collection()
        self.renderer: Renderer | None = None
        self.generated: dict[str, GeneratedPage] = {}
        self.pristine_now: set[str] = set()  # this build's pages written as this plugin finished them
        self.published: dict[str, KudosFile] = {}
        self.stream: Stream[KudosPage] | None = None
        self.readying: sitefolder.Readying | None = None  # the folders and files of our pages, made ahead
        self.added: list[File] = []  # the pages and files this build adds
        # Where this build writes files: what the last build left there that it writes over
        # (`written_over`), and how many of its files go to each address (`writers_at`).
        self.written_over: set[str] = set()
        self.writers_at: Counter[str] = Counter()
        self.kept: list[str] = []  # the last build's files put back, to be written over
        self.files: Files | None = None
        self.last_on_pages = True  # this plugin sees each page's output last
        self.heads: dict[tuple[object, ...], str] = {}  # kudos/head.html, by what it depends on
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").resolve().parent
        try:
            self.project: Project = make_project(
                root, Path(config.docs_dir), self.config.options(),
                repo_url=config.repo_url or "", site_url=config.site_url or "", nav=config.nav,
            )
        except SettingsError as error:
            raise PluginError(f"kudos: {error}") from None
        if self.project.settings.tv_qr and not self.project.site_url:
            log.info("no QR code on /kudos/tv/: it needs the site's address (set site_url in mkdocs.yml, or tv_qr: false)")
        language = config.theme.get("language") or config.theme.get("locale") or "en"
        self.catalogue = Catalogue(str(language), overrides=self.project.settings.strings)
        for asset in (*ASSETS, PRINCIPLES_CSS):
            target = config.extra_javascript if asset.endswith(".js") else config.extra_css
            if asset not in target:
                target.append(asset)
        return config

    @event_priority(-50)  # after plugins that add documentation pages of their own
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        project = self.project
        with self._loading():
            data = load(project, self.load_cache if self.keep_caches else None)
            # Kudos data under docs/ is never copied as it is; one the site excludes anyway is not this build's concern.
            docs_shown = project.shown(project.docs_dir)
            excluded = set()
            for rel in data.strays:
                if (stray := files.get_file_from_path(rel)) is not None:
                    if not stray.inclusion.is_included():
                        excluded.add(f"{docs_shown}/{rel}")
                    files.remove(stray)
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
            model = build_model(data, project, self.catalogue, has_principles_index=has_index, published_docs=published)
            self.renderer = renderer = Renderer(
                model, UrlScheme(config.use_directory_urls), self.catalogue,
                template_dirs=list(config.theme.dirs), cache=self.render_cache if self.keep_caches else None,
            )
            if self.dirty:
                files = Files([
                    rebuilt_always(f) if f.is_documentation_page() and f.generated_by is None and f.page is None else f
                    for f in files
                ])
            self._add_pages(files, config, model)
        section_files = {
            path: make for path, make in renderer.file_makers().items()
            if files.get_file_from_path(path) is None  # the site's own file (robots.txt...) wins
        }
        if not self.keep_caches:
            section_files = self._start_stream(files, config, renderer, section_files)
        self._add_files(files, config, data, section_files)
        self.published = {f.path: f for f in model.files}
        # Every handbook page's last update, from ONE `git log` over the docs folder.
        self.people_all = data.people
        self.updated = last_updates(project.docs_dir)
        return files

    def _note_destinations(self, files: Files, config: MkDocsConfig) -> None:
        """Where this build writes, and what of the last build's it may write over.

        Written over: our pages, unless a plugin sees their output after this
        one (and may empty it, so that nothing is written), and the other
        files. Not other pages: one may render to nothing. Files counted at an
        address include drafts, which serve writes: a count errs on the high side.
        """
        self.files = files
        self.last_on_pages = self._in_place(config, "post_page", -1, SEES_PAGES_LAST)
        self.written_over = self._written(files)
        self.writers_at = Counter(os.path.normpath(f.abs_dest_path) for f in files if f.inclusion.is_in_serve())

    def _in_place(self, config: MkDocsConfig, event: str, place: int, part: str) -> bool:
        """Whether this plugin's `part` comes at `place` among the build's handlers of `event` (0 first, -1 last)."""
        handlers = getattr(config.plugins, "events", {}).get(event) or [None]
        handler = handlers[place]
        return getattr(handler, "__self__", None) is self and getattr(handler, "kudos_part", None) == part

    def _written(self, files: Files) -> set[str]:
        return {
            os.path.normpath(f.abs_dest_path) for f in files
            if f.inclusion.is_included()
            and ((f.src_uri in self.generated and self.last_on_pages) or not f.is_documentation_page())
        }

    def _put_back(self, aside: sitefolder.Aside, config: MkDocsConfig) -> None:
        """The last build's files that this build writes over go back; the rest are deleted.

        Written over: our pages and the other files, which MkDocs copies over
        in place. Every other page is written afresh, or not at all when its
        output is empty, as after MkDocs' own emptying. Under plain serve, an
        unchanged page is left in place (not written again) only if its file
        is as this plugin last saw it and no other file of this build goes there.
        """
        self.kept = sitefolder.put_back(aside, config.site_dir, self.written_over)
        log.debug(f"{len(self.kept)} files of the last build are written over")
        for src in self.reused & self.pristine:
            path = os.path.normpath(self.generated[src].file.abs_dest_path)
            try:
                status = os.lstat(path)
            except OSError:
                continue
            if self.writers_at[path] == 1 and _stamp(status) == self.stamps.get(src):
                self.untouched.add(src)

    def _start_stream(
        self, files: Files, config: MkDocsConfig, renderer: Renderer,
        section_files: dict[str, Callable[[], str | bytes]],
    ) -> dict[str, Callable[[], str | bytes]]:
        """Our pages' HTML made in a second process, while this one renders the theme around each page.

        The feeds and calendars are written there too, once the pages are
        made. Returns the section files left to make here: all of them when
        there is no second process.
        """
        destinations = {os.path.join(config.site_dir, path): path for path in section_files}
        self.stream = Stream.start(
            ((src, page.kudos_page) for src, page in self.generated.items()), renderer.page_html,
            parallel=self.config.parallel,
            files={destination: section_files[path] for destination, path in destinations.items()},
        )
        if not self.stream.forked:
            return section_files
        log.debug(f"{len(self.generated)} generated pages are rendered in a second process")
        for destination, path in destinations.items():
            self._append(files, written_later(config, path, destination))
        return {}

    @contextlib.contextmanager
    def _loading(self) -> Iterator[None]:
        """A one-off build loads without collecting garbage, then freezes what it loaded.

        Loading makes millions of objects and little garbage; what it made
        lives until the build ends, so the collector need not walk it again
        and again (seconds at 100,000 entries), and a forked copy shares its
        memory instead of copying it. (Under serve, see `_pause_collection`.)
        """
        if self.keep_caches:
            yield
            return
        gc.disable()
        self.loading = True
        try:
            yield
        finally:
            self.loading = False
            gc.freeze()
            gc.enable()

    def _add_pages(self, files: Files, config: MkDocsConfig, model: SiteModel) -> None:
        for kudos_page in model.pages:
            if files.get_file_from_path(kudos_page.src_uri) is not None:
                continue  # the site's own page wins
            file = GeneratedFile.generated(config, kudos_page.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            self._append(files, file)
            self.generated[kudos_page.src_uri] = GeneratedPage(kudos_page, file, config)

    def _add_files(
        self, files: Files, config: MkDocsConfig, data: Dataset, section_files: dict[str, Callable[[], str | bytes]],
    ) -> None:
        assert self.renderer is not None
        package = resources.files("kudoswall") / "assets"
        for asset in (*ASSETS, *GIVE_ASSETS):
            self._append(files, File.generated(config, asset, content=(package / asset.rsplit("/", 1)[1]).read_bytes()))
        derived: dict[str, str | bytes] = {
            **self.renderer.daily_files(), **self.renderer.give_files(),
            **{path: make() for path, make in section_files.items()}, **self.renderer.look_files(),
        }
        if files.get_file_from_path(SCHEMA_PATH) is None:
            derived[SCHEMA_PATH] = schema_json(data, config.site_url)
        for path, content in derived.items():
            if files.get_file_from_path(path) is None:  # the site's own file (robots.txt...) wins
                self._append(files, File.generated(config, path, content=content))

    def _append(self, files: Files, file: File) -> None:
        files.append(file)
        self.added.append(file)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        renderer = self.renderer
        if renderer is None or isinstance(page, GeneratedPage):
            return html
        src = page.file.src_uri
        principle_id = self._principle_of(src)
        about = self._about_html(page, own_notice=principle_id is not None)
        if principle_id is not None:
            # Stories (like the featured block) are copies of entries indexed on
            # their archive page; they go in after the search plugins have read
            # page.content, so no theme's search index holds them twice.
            # The overdue note follows the page's title, so the title is read first.
            note = about + renderer.review_html(principle_id)  # the keeper and last update, then the review date
            head, closed, body = html.partition("</h1>")
            html = (head + closed + note + body if closed else note + html) + STORIES_MARKER
        else:
            if about:
                head, closed, body = html.partition("</h1>")
                html = head + closed + about + body if closed else about + html
            if src == f"{self.project.principles_dir}/index.md":
                html += renderer.overview_html(src)
        return html

    def _about_html(self, page: Page, own_notice: bool) -> str:
        """A handbook page's keeper, last update and overdue notice, from its `owner` and `review_by`."""
        assert self.renderer is not None
        meta = page.meta or {}
        src = page.file.src_uri
        owner = meta.get("owner")
        if isinstance(owner, str) and owner not in self.people_all and not own_notice:
            # Principle pages are checked with the data (kudos check); every other page here.
            log.warning(f"{src}: unknown person '{owner}' as owner - people are listed in kudos/people.yml")
        review = meta.get("review_by")
        if review is not None and not own_notice and not (hasattr(review, "isoformat") and not isinstance(review, str)):
            log.warning(f"{src}: 'review_by' must be a date YYYY-MM-DD, got {review!r}")
        info = page_info(meta, self.project.today, self.people_all, self.updated.get(src))
        if info is None:
            return ""
        return self.renderer.page_info_html(src, info, show_overdue=not own_notice)

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        """Once exclusions are final: the site folder's leftovers go, and under serve, reused pages are marked."""
        if self.keep_caches and self.renderer is not None:
            self._mark_reused(env, config)
        self._note_destinations(files, config)
        if self.aside is not None:
            aside, self.aside = self.aside, None
            self._put_back(aside, config)
        if self.dirty and self.renderer is not None:
            self._remove_vanished(files)
        if self.empties_site_folder and self.generated:
            self.readying = sitefolder.Readying([
                page.file.abs_dest_path for src, page in self.generated.items()
                if src not in self.untouched and files.get_file_from_path(src) is page.file
                and page.file.inclusion.is_included()
            ], config.site_dir, parallel=self.config.parallel)
        left = len(self.untouched) if not self.dirty else sum(
            isinstance(p.file, GeneratedFile) and p.file.unchanged for p in self.generated.values())
        if left:
            log.info(f"{left} unchanged generated pages are left as they are in the site folder")
        return env

    def _mark_reused(self, env: jinja2.Environment, config: MkDocsConfig) -> None:
        """Under `serve`, mark the generated pages whose theme output can be reused.

        MkDocs renders the theme around every page on every rebuild; for a
        site with thousands of generated pages that is most of a rebuild. A
        page is reused when its own value (everything it shows), the people
        and teams it showed, and its surroundings (navigation, mkdocs.yml,
        theme overrides, the files published) are what they were; everything
        else is rendered as usual. Page titles are final
        only now, after every page was read, so this is decided here.
        """
        assert self.renderer is not None and env.loader is not None
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.DictLoader({REUSE_TEMPLATE: REUSE_MARK})])
        # MkDocs makes the theme's environment anew for each build: keep its
        # compiled templates (by name and source checksum, so an edited
        # override is compiled again).
        env.bytecode_cache = self.bytecode_cache
        # What every page shares: its surroundings, and what the renderer
        # reads besides a page's value (principles, our templates). Names
        # and teams a page showed are checked page by page, by the cache.
        # The files published decide which feeds each page's <head> announces.
        around = (surroundings(config, self.nav), self.renderer.cache.fingerprint, tuple(sorted(self.published)))
        outputs, self.theme_outputs = self.theme_outputs, {}
        if around != self.surroundings:
            outputs = {}
        self.surroundings = around
        cache = self.renderer.cache
        self.reused = set()
        for src, page in self.generated.items():
            last = outputs.get(src)
            if last is not None and cache.reuse(src, page.kudos_page.depends_on):
                self.reused.add(src)
                page.meta["template"] = REUSE_TEMPLATE
                self.theme_outputs[src] = last
                if self.dirty and isinstance(page.file, GeneratedFile) and not page.indexed_by_theme:
                    # Its file in the site folder is this very output. (A page the
                    # theme's search reads is built: Material's index under
                    # --dirty holds only the pages built.)
                    page.file.unchanged = True
        if outputs:
            log.info(f"{len(self.theme_outputs)} of {len(self.generated)} generated pages unchanged: their last output is reused")

    def _remove_vanished(self, files: Files) -> None:
        """Under `serve --dirty`, delete what the last build wrote and this one does not make.

        A dirty build never empties the site folder: without this, the page of
        someone who just opted out (`wall: false`) would still be served.
        """
        now = {f.abs_dest_path for f in files}
        for path in self.written - now:
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)
        self.written = {f.abs_dest_path for f in self.added}

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav = nav
        return nav

    @event_priority(90)  # before the search plugins, which index page.content here
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if isinstance(page, GeneratedPage) and self.renderer is not None:
            indexed_by_theme = not (page.meta.get("search") or {}).get("exclude")
            if indexed_by_theme:
                page.content = self._page_html(page)
            elif page.file.src_uri in self.reused:
                page.content = ""  # the theme's output is reused: nothing reads it
            else:
                page.content = PAGE_MARK
        return context

    def _page_html(self, page: GeneratedPage) -> str:
        if self.stream is not None:
            return self.stream.take(page.file.src_uri)
        assert self.renderer is not None
        return self.renderer.page_html(page.kudos_page)

    @event_priority(100)  # the theme's own output, before any plugin changes it
    def _finish_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if isinstance(page, GeneratedPage) and page.file.src_uri in self.reused:
            page.content = None
            return self.theme_outputs[page.file.src_uri]  # as this plugin finished it last time, <head> included
        renderer = self.renderer
        if isinstance(page, GeneratedPage) and PAGE_MARK in output:
            output = output.replace(PAGE_MARK, self._page_html(page))
            if self.stream is not None and self.stream.all_taken:
                self._finish_stream()  # the files it writes are in place before any plugin's on_post_build
        if renderer is not None and "<!-- kudos:" in output:
            src = page.file.src_uri
            if STORIES_MARKER in output:
                principle_id = self._principle_of(src)
                output = output.replace(STORIES_MARKER, renderer.stories_html(principle_id) if principle_id else "")
            if FEATURED_MARKER in output:
                output = output.replace(FEATURED_MARKER, renderer.featured_html(src))
            if CELEBRATIONS_MARKER in output:
                output = output.replace(CELEBRATIONS_MARKER, renderer.celebrations_html(src))
        if renderer is not None:
            # noindex on a site kept inside, and the feeds, in every page's <head>.
            src = page.file.src_uri
            context = publish.head_context(src, self.project.settings, self.published)
            # The same for every page that announces the same feeds at the same
            # relative addresses: rendered once per such group.
            key = (context["noindex"], *((feed, renderer.relative_link(feed.path, src)) for feed in context["feeds"]))
            head = self.heads.get(key)
            if head is None:
                head = self.heads[key] = renderer.render("kudos/head.html", src, **context)
            if head.strip():
                output = output.replace("</head>", head + "</head>", 1)
        if isinstance(page, GeneratedPage):
            page.content = None  # written; let it go
            if self.keep_caches:
                self.theme_outputs[page.file.src_uri] = output
        return output

    @event_priority(-100)  # the page as it will be written, after every plugin
    @_part(SEES_PAGES_LAST)
    def _leave_untouched_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Under plain serve: no file is written for an unchanged page whose file is already this output.

        A page another plugin emptied is written by no one: the file the last
        build left (or one made ahead) goes.
        """
        if not isinstance(page, GeneratedPage) or not self.last_on_pages:
            return output  # (not last: its old file was not kept, nor is it left untouched)
        src = page.file.src_uri
        if self.keep_caches and not self.dirty:
            if output is self.theme_outputs.get(src):  # no other plugin changed it
                self.pristine_now.add(src)
                if src in self.untouched:
                    return ""  # MkDocs writes nothing and says so, quietly (`_not_untouched`)
            else:
                self.untouched.discard(src)
        if not self.dirty and not output.strip():
            path = os.path.normpath(page.file.abs_dest_path)
            # Where another file of this build goes too, only the file made ahead.
            sitefolder.remove_unwritten(path, config.site_dir, only_if_empty=self.writers_at[path] != 1)
        return output

    on_post_page = CombinedEvent(_finish_page, _leave_untouched_page)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        if template_name == "404.html" and self.renderer is not None and not self.project.settings.public:
            return output_content.replace("</head>", '<meta name="robots" content="noindex"></head>', 1)
        return output_content

    def _principle_of(self, src_uri: str) -> str | None:
        assert self.renderer is not None
        folder, _, name = src_uri.rpartition("/")
        stem = name[:-3] if name.endswith(".md") else ""
        if folder == self.project.principles_dir and stem in self.renderer.model.stories:
            return stem
        return None

    @event_priority(100)  # before any plugin changes the files written
    @_part(NOTES_FILES_FIRST)
    def _note_pages_written(self, *, config: MkDocsConfig) -> None:
        """Under plain serve, how each page file that holds our output is now, to be sure next time it still is."""
        self._settle_site_folder(config)
        if not self.keep_caches or self.dirty:
            return
        self.pristine, self.pristine_now, self.stamps = self.pristine_now, set(), {}
        if not self._in_place(config, "post_build", 0, NOTES_FILES_FIRST):
            return  # a plugin changed the files before this one could note them: none is left untouched next time
        for src in self.pristine:
            with contextlib.suppress(OSError):
                self.stamps[src] = _stamp(os.lstat(self.generated[src].file.abs_dest_path))

    def _settle_site_folder(self, config: MkDocsConfig) -> None:
        """The pages are written: nothing made ahead or kept from the last build is left unwritten."""
        if self.readying is not None:
            self.readying.finish()
            self.readying = None
        if self.kept and self.files is not None:
            # A plugin after this one may have taken a file out of the build
            # (in its on_env): MkDocs did not write it, so the last build's goes.
            for path in set(self.kept) - self._written(self.files):
                sitefolder.remove_unwritten(path, config.site_dir)
        self.kept, self.files = [], None

    @event_priority(-100)  # after the search plugin has written its index
    def _finish_build(self, *, config: MkDocsConfig) -> None:
        try:
            self._add_search_records(config)
        finally:
            if self.keep_caches:
                self._collect_when_idle()

    on_post_build = CombinedEvent(_note_pages_written, _finish_build)

    def _add_search_records(self, config: MkDocsConfig) -> None:
        """Add our pages' search records to the theme's index, in its own format.

        Material honours `search: exclude`; MkDocs' own search does not, so
        there the pages it should not have read are dropped first (otherwise
        every entry would be listed up to five times).
        """
        renderer = self.renderer
        if renderer is None:
            return
        self._finish_stream()
        if not self.keep_caches:
            renderer.cache.entries.clear()  # every page is written: a large site's notes can go now
        index_path = Path(config.site_dir) / "search" / "search_index.json"
        if not index_path.is_file():
            return
        scheme = renderer.urls

        kept, self.search_docs = self.search_docs, {}
        as_indexed = index_text(config.theme.name)

        def ours() -> Iterator[dict[str, str]]:
            for src, page in self.generated.items():
                if search.has_records(page.kudos_page):
                    docs = kept.get(src) if src in self.reused else None  # unchanged, names included
                    if docs is None:
                        docs = [
                            {"location": scheme.page_url(r.src_uri) + ("#" + r.anchor if r.anchor else ""),
                             "title": as_indexed(r.title), "text": as_indexed(r.text)}
                            for r in renderer.search_records(page.kudos_page)
                        ]
                    if self.keep_caches:
                        self.search_docs[src] = docs
                    yield from docs

        text = index_path.read_text(encoding="utf-8")
        if config.theme.name == "material" and text.endswith("]}"):
            # Material writes {"config":...,"docs":[...]} with "docs" last: our
            # records go at the end of its list, one at a time, without parsing
            # or holding megabytes of JSON.
            joint = "" if text.endswith("[]}") else ","
            with index_path.open("w", encoding="utf-8") as out:
                out.write(text[:-2])
                del text
                for record in ours():
                    out.write(joint + json.dumps(record, ensure_ascii=False, separators=(",", ":")))
                    joint = ","
                out.write("]}")
            return
        index = json.loads(text)
        docs = index.get("docs") if isinstance(index, dict) else None
        if not isinstance(docs, list):
            return
        if config.theme.name != "material":
            hidden = {
                url
                for src, page in self.generated.items()
                if not page.kudos_page.searchable or search.has_records(page.kudos_page)
                for url in (scheme.page_url(src), scheme.href(src))
            }
            docs[:] = [d for d in docs if str(d.get("location", "")).split("#")[0] not in hidden]
        docs.extend(ours())
        index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_stream()
        if self.readying is not None:
            self.readying.stop()
            self.readying = None
        self._discard_aside()
        if self.keep_caches:
            # What the site folder holds is uncertain now: the next build writes every page.
            self.theme_outputs, self.pristine, self.stamps = {}, set(), {}
            self._collect_when_idle()

    def _pause_collection(self) -> None:
        """A serve rebuild is not interrupted by collections of the whole heap.

        The caches kept across rebuilds are large and long-lived, and Python's
        collector walks all of them each time it looks at its oldest objects:
        a few times per rebuild, a quarter of its time at 10,000 entries. It
        runs once the rebuild is done and the server idle instead.
        """
        self.building = True
        if self.idle_collect is not None:
            self.idle_collect.cancel()
        gc.disable()

    def _collect_when_idle(self) -> None:
        self.building = False

        def collect() -> None:
            gc.collect()
            if not self.building:
                gc.enable()

        self.idle_collect = threading.Timer(IDLE_COLLECT_SECONDS, collect)
        self.idle_collect.daemon = True
        self.idle_collect.start()

    def _stop_stream(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None

    def _finish_stream(self) -> None:
        if self.stream is not None:
            self.stream.finish()
            self.stream = None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled and os.path.isdir(self.project.data_dir):
            server.watch(str(self.project.data_dir))
        return server
