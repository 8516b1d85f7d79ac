"""Page addresses as MkDocs lays them out, without importing MkDocs."""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class UrlScheme:
    directory_urls: bool = True

    def page_url(self, src_uri: str) -> str:
        """The URL of a Markdown source, relative to the site root."""
        return _page_url(src_uri, self.directory_urls)

    def href(self, src_uri: str) -> str:
        """The URL as a link target; with plain file URLs a folder needs index.html."""
        url = self.page_url(src_uri)
        if not self.directory_urls and (url == "" or url.endswith("/")):
            return url + "index.html"
        return url


@functools.lru_cache(maxsize=65_536)  # asked for the same pages again and again (links, search, heads)
def _page_url(src_uri: str, directory_urls: bool) -> str:
    stem, _ = posixpath.splitext(src_uri)
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    if not directory_urls:
        return f"{stem}.html"
    return f"{stem}/"


def relative(target: str, base: str) -> str:
    """Link from the page at `base` to `target`, both site-root relative URLs."""
    target, hash_mark, fragment = target.partition("#")
    base_dir = base.rsplit("/", 1)[0] if "/" in base else ""
    if target.startswith(("http://", "https://", "mailto:")):
        return target + hash_mark + fragment
    if ".." in target or ".." in base_dir or target.startswith("/") or base_dir.startswith("/"):
        rel = posixpath.relpath(target or ".", base_dir or ".")
    else:
        # What relpath computes for plain site paths, without its abspath calls:
        # links are made for every entry on every page, so this is a hot path.
        to = [part for part in target.split("/") if part and part != "."]
        start = [part for part in base_dir.split("/") if part and part != "."]
        common = 0
        for a, b in zip(to, start, strict=False):
            if a != b:
                break
            common += 1
        rel = "/".join([".."] * (len(start) - common) + to[common:]) or "."
    if rel == ".":
        rel = "./"
    elif target == "" or target.endswith("/"):
        rel += "/"
    return rel + hash_mark + fragment
