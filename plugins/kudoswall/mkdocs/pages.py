"""The pages and files the plugin adds to MkDocs' list of files.

A generated page has no Markdown: its HTML comes from the core's renderer.
Every file we add is a generated `File` with its content, which MkDocs
writes into the site folder itself; nothing of ours is written there
otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..core.render.renderer import ASSETS
from ..core.site.pages import KudosPage
from ..core.site.sections.give import GIVE_ASSETS

SKIP_TARGET = "kudos-main"  # the id of the wrapper `Renderer.page_html` puts around a page
# A generated page that no search plugin reads is given this as its content
# until the theme has rendered around it; `on_post_page` puts the page in.
# Search plugins then do not scan (Material runs a regex over every page's
# content) what they will not index. It names an <h1>: every page of ours
# has its own, and Material adds the page's title as a second one to content without.
PAGE_MARK = "<!-- kudos:page (its own <h1>) -->"


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
    the site for each of them, thousands of times. The HTML is put in at
    `on_page_context` or `on_post_page`, one page at a time, because MkDocs
    holds every page's content from rendering until it writes the pages.
    """

    def __init__(self, kudos_page: KudosPage, file: File, config: MkDocsConfig) -> None:
        super().__init__(theme_title(kudos_page.title), file, config)
        self.kudos_page = kudos_page

    @property
    def indexed_by_theme(self) -> bool:
        """The theme's search indexes a page from its HTML; pages with records
        of their own are indexed from their data instead (`searchindex`)."""
        return self.kudos_page.searchable and not self.kudos_page.has_search_records

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


class GeneratedFile(File):
    """A generated page's file. Under `mkdocs serve --dirty`, a page whose
    last output is reused says it is unmodified, so MkDocs skips it: that
    output is still in the site folder, which a dirty build does not empty."""

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


def rebuilt_always(files: Files) -> Files:
    """The site's own pages as files a dirty build always builds."""

    def copy(file: File) -> File:
        if not file.is_documentation_page() or file.generated_by is not None or file.page is not None:
            return file
        again = HandbookFile(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls,
                             dest_uri=file.dest_uri, inclusion=file.inclusion)
        again.edit_uri = file.edit_uri
        return again

    return Files([copy(f) for f in files])


def add_pages(files: Files, config: MkDocsConfig, pages: tuple[KudosPage, ...],
              added: list[File]) -> dict[str, GeneratedPage]:
    """Our pages, where the site has no page of its own at the same address."""
    generated: dict[str, GeneratedPage] = {}
    for kudos_page in pages:
        if files.get_file_from_path(kudos_page.src_uri) is not None:
            continue  # the site's own page wins
        file = GeneratedFile.generated(config, kudos_page.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        files.append(file)
        added.append(file)
        generated[kudos_page.src_uri] = GeneratedPage(kudos_page, file, config)
    return generated


def add_files(files: Files, config: MkDocsConfig, derived: Mapping[str, str | bytes], added: list[File]) -> None:
    """Our assets and derived files (feeds, calendars, JSON), where the site has none of its own."""
    package = resources.files("kudoswall") / "assets"
    contents: dict[str, str | bytes] = {
        asset: (package / asset.rsplit("/", 1)[1]).read_bytes() for asset in (*ASSETS, *GIVE_ASSETS)
    }
    contents.update(derived)
    for path, content in contents.items():
        if files.get_file_from_path(path) is None:  # the site's own file (robots.txt...) wins
            file = File.generated(config, path, content=content)
            files.append(file)
            added.append(file)
