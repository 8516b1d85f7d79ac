"""Everything one build knows, made anew for each build and let go when it ends.

Nothing here outlives the build: a one-off build keeps no model, page or
renderer once it is done, and a `serve` rebuild starts from a new one (what
serve keeps between rebuilds is in `reuse` and the core's caches).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation

from ..core.data.model import Person
from ..core.data.project import Project
from ..core.render.renderer import Renderer
from ..core.site.i18n import Catalogue
from ..core.site.pages import KudosFile
from . import parallel
from .pages import GeneratedPage

log = get_plugin_logger("kudos")


@dataclass
class Build:
    project: Project
    catalogue: Catalogue
    use_workers: bool  # the `parallel` option
    renderer: Renderer | None = None  # from on_files on
    generated: dict[str, GeneratedPage] = field(default_factory=dict)  # our pages, by src
    published: dict[str, KudosFile] = field(default_factory=dict)  # the sections' files, by path
    added: list[File] = field(default_factory=list)  # every file this build adds
    people: dict[str, Person] = field(default_factory=dict)  # everyone, for handbook page owners
    updated: dict[str, dt.date] = field(default_factory=dict)  # each handbook page's last update
    nav: Navigation | None = None
    reused: set[str] = field(default_factory=set)  # pages whose last output is handed back (serve)
    html: parallel.Rendered | None = None  # our pages' HTML, made ahead by workers
    heads: dict[tuple[object, ...], str] = field(default_factory=dict)  # kudos/head.html, by what it shows

    def page_html(self, page: GeneratedPage) -> str:
        src = page.file.src_uri
        if self.html is not None and src in self.html.items:
            return self.html.take(src)
        assert self.renderer is not None
        return self.renderer.page_html(page.kudos_page)

    def start_pages(self, order: list[str]) -> None:
        """Our pages' HTML, made in workers in the order MkDocs builds the pages, where that pays."""
        assert self.renderer is not None
        pages = [(src, self.generated[src].kudos_page) for src in order]
        self.html = parallel.Rendered(self.renderer.page_html, pages, enabled=self.use_workers)
        if self.html.forked:
            log.debug(f"{len(pages)} generated pages are rendered by {self.html.count} worker process(es)")

    def close(self) -> None:
        if self.html is not None:
            self.html.close()
            self.html = None
