"""Under `mkdocs serve`: a generated page that has not changed keeps its last output.

MkDocs renders the theme around every page on every rebuild; for a site with
thousands of generated pages that is most of a rebuild, and what a writer
waits for after saving. A page's last output is reused when its own value
(everything it shows), the people and teams it showed, and its surroundings
(navigation, mkdocs.yml, theme overrides, the files published) are what they
were. It is still written by MkDocs like every page: only the theme's work is
saved. This state lives across the rebuilds of one `serve`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from ..core.render.renderer import Renderer
from .pages import GeneratedFile, GeneratedPage

# A reused page is given this template, which renders the marker; its last
# output replaces it in `on_post_page`.
REUSE_TEMPLATE = "kudos-reuse.html"
REUSE_MARK = "<!-- kudos:reuse -->"


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


class ServeReuse:
    """What one `serve` keeps from a rebuild for the next."""

    def __init__(self, dirty: bool) -> None:
        self.dirty = dirty
        self.outputs: dict[str, str] = {}  # src -> the finished HTML, made in `self.around`
        self.around: object = None
        self.bytecode_cache = MemoryBytecodeCache()
        self.search_docs: dict[str, list[dict[str, str]]] = {}  # our pages' search records, by page
        self.written: set[str] = set()  # under --dirty: where our last build's pages and files went

    def mark(self, env: jinja2.Environment, config: MkDocsConfig, nav: Navigation, renderer: Renderer,
             generated: Mapping[str, GeneratedPage], published: object) -> set[str]:
        """The generated pages whose last output is reused this build, given the marker template.

        Page titles are final only once every page was read, so this is
        decided at `on_env`.
        """
        assert env.loader is not None
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.DictLoader({REUSE_TEMPLATE: REUSE_MARK})])
        # MkDocs makes the theme's environment anew for each build: keep its
        # compiled templates (by name and source checksum, so an edited
        # override is compiled again).
        env.bytecode_cache = self.bytecode_cache
        # What every page shares: its surroundings, what the renderer reads
        # besides a page's value (principles, our templates), and the files
        # published, which decide the feeds each page's <head> announces.
        # Names and teams a page showed are checked page by page, by the cache.
        around = (surroundings(config, nav), renderer.cache.fingerprint, published)
        outputs, self.outputs = self.outputs, {}
        if around != self.around:
            outputs = {}
        self.around = around
        reused: set[str] = set()
        for src, page in generated.items():
            last = outputs.get(src)
            if last is not None and renderer.cache.reuse(src, page.kudos_page.depends_on):
                reused.add(src)
                page.meta["template"] = REUSE_TEMPLATE
                self.outputs[src] = last
                if self.dirty and isinstance(page.file, GeneratedFile) and not page.indexed_by_theme:
                    # Its file in the site folder is this very output. (A page the
                    # theme's search reads is built: Material's index under
                    # --dirty holds only the pages built.)
                    page.file.unchanged = True
        return reused

    def remove_vanished(self, files: Files, added: list[File]) -> None:
        """Under `serve --dirty`, delete what the last build added and this one does not make.

        A dirty build never empties the site folder: without this, the page of
        someone who just opted out (`wall: false`) would still be served.
        """
        now = {f.abs_dest_path for f in files}
        for path in self.written - now:
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)
        self.written = {f.abs_dest_path for f in added}

    def forget(self) -> None:
        """After a failed build, what the site folder holds is uncertain: the next build renders every page."""
        self.outputs, self.around = {}, None
