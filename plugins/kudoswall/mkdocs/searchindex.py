"""Our pages' search records, added to the index the theme's search plugin wrote.

Pages that carry entries have records of their own, made from the data
(`KudosPage.search_records`): one per entry, at its permanent link. They go
into the theme's index in its own format, escaped as its own indexer
escapes, after the search plugin has written it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from html import escape as escape_text
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..core.render.renderer import Renderer
from .pages import GeneratedPage

Record = dict[str, str]


def index_text(theme: str | None) -> Callable[[str], str]:
    """Text as the theme's own indexer would have written it for the same words.

    Material's indexer stores text escaped, and its search shows `title` and
    `text` as HTML; MkDocs' indexer stores plain text, and its themes escape
    it when they show it. Raw words in Material's index would be markup.
    """
    if theme == "material":
        return lambda text: escape_text(text, quote=False)
    return str


def add_records(
    config: MkDocsConfig, renderer: Renderer, generated: Mapping[str, GeneratedPage],
    kept: Mapping[str, list[Record]], reused: set[str],
) -> dict[str, list[Record]]:
    """Add our records to the theme's index; returns them by page, for a serve rebuild to reuse.

    Material honours `search: exclude`; MkDocs' own search does not, so
    there the pages it should not have read are dropped first (otherwise
    every entry would be listed up to five times).
    """
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    made: dict[str, list[Record]] = {}
    if not index_path.is_file():
        return made
    as_indexed = index_text(config.theme.name)

    def ours() -> Iterator[Record]:
        for src, page in generated.items():
            if not page.kudos_page.has_search_records:
                continue
            docs = kept.get(src) if src in reused else None  # unchanged, names included
            if docs is None:
                docs = [
                    {"location": renderer.urls.page_url(r.src_uri) + ("#" + r.anchor if r.anchor else ""),
                     "title": as_indexed(r.title), "text": as_indexed(r.text)}
                    for r in renderer.search_records(page.kudos_page)
                ]
            made[src] = docs
            yield from docs

    text = index_path.read_text(encoding="utf-8")
    if config.theme.name == "material" and text.endswith("]}"):
        _append_to_material(index_path, text, ours())
    else:
        _merge(index_path, text, ours(), _hidden(config, renderer, generated))
    return made


def _append_to_material(index_path: Path, text: str, records: Iterator[Record]) -> None:
    """Material writes {"config":...,"docs":[...]} with "docs" last: ours go at the end of its
    list, one at a time, without parsing or holding megabytes of JSON."""
    joint = "" if text.endswith("[]}") else ","
    with index_path.open("w", encoding="utf-8") as out:
        out.write(text[:-2])
        del text
        for record in records:
            out.write(joint + json.dumps(record, ensure_ascii=False, separators=(",", ":")))
            joint = ","
        out.write("]}")


def _hidden(config: MkDocsConfig, renderer: Renderer, generated: Mapping[str, GeneratedPage]) -> set[str]:
    """Addresses whose pages a theme that ignores `search: exclude` indexed though it should not."""
    if config.theme.name == "material":
        return set()
    return {
        url
        for src, page in generated.items()
        if not page.kudos_page.searchable or page.kudos_page.has_search_records
        for url in (renderer.urls.page_url(src), renderer.urls.href(src))
    }


def _merge(index_path: Path, text: str, records: Iterator[Record], hidden: set[str]) -> None:
    index = json.loads(text)
    docs = index.get("docs") if isinstance(index, dict) else None
    if not isinstance(docs, list):
        return
    docs[:] = [d for d in docs if str(d.get("location", "")).split("#")[0] not in hidden]
    docs.extend(records)
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
