"""Every file of a built site, read as its reader reads it.

A browser reads `.html` as HTML; Material's search shows its index's `title`
and `text` as HTML; our scripts insert the featured and tv JSON's `html` and
slides with `innerHTML`; a feed reader renders Atom `type="html"` content and
JSON Feed `content_html` and `summary` as HTML; a calendar reads `.ics` as
calendar text. Each such field is handed to the matching check, so a hostile
word that is text in one file cannot be markup in another.

A file of a kind nobody has named here fails the scan: a new output format
has to say who reads it before it ships.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"


class Markup(HTMLParser):
    """Collects what a browser would execute or load from a piece of HTML carrying `marker`."""

    def __init__(self, marker: str = "PWNED") -> None:
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.live: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if self.marker not in value + name:
                continue  # the theme's own markup
            executes = name.startswith("on") or name in ("src", "srcdoc", "style", "action", "formaction")
            unsafe_link = name == "href" and not value.startswith(("https://", "http://", "mailto:"))
            if executes or unsafe_link or tag in ("img", "iframe", "svg", "object", "embed", "script"):
                self.live.append(f"<{tag} {name}={value!r}>")
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and self.marker in data:  # a script the sanitizer let through
            self.live.append(f"<script>{data[:40]}")


def live_markup(html: str, marker: str = "PWNED") -> list[str]:
    parser = Markup(marker)
    parser.feed(html)
    parser.close()
    return parser.live


@dataclass(frozen=True)
class Field:
    """One piece of a file, and how its reader takes it: "html", "text" or "calendar"."""

    path: str
    where: str
    reads_as: str
    value: str


def _json_fields(rel: str, data: Any, theme: str) -> Iterator[Field]:
    if rel == "search/search_index.json":
        # Material shows title and text as HTML; MkDocs' themes escape them (proved in the browser).
        reads_as = "html" if theme == "material" else "text"
        for i, doc in enumerate(data.get("docs", [])):
            for key in ("title", "text"):
                yield Field(rel, f"docs[{i}].{key}", reads_as, str(doc.get(key, "")))
    elif rel.startswith("kudos/featured/"):
        yield Field(rel, "html", "html", data.get("html", ""))
    elif rel == "kudos/tv/entries.json":
        for key, slide in (data.get("slides") or {}).items():
            yield Field(rel, f"slides[{key}]", "html", slide)
    elif rel.endswith("feed.json"):
        for i, item in enumerate(data.get("items", [])):
            for key in ("content_html", "summary"):
                if key in item:
                    yield Field(rel, f"items[{i}].{key}", "html", str(item[key]))
            for key in ("title", "content_text"):
                if key in item:
                    yield Field(rel, f"items[{i}].{key}", "text", str(item[key]))
    elif rel.startswith("kudos/give/") or rel in ("kudos/schema.json", "kudos/tv/build.json"):
        # Read by our give page and editors as data; the give page sets it as text.
        yield Field(rel, "", "text", json.dumps(data, ensure_ascii=False))
    else:
        raise AssertionError(f"{rel}: a JSON file no reader is known for; name how it is read in readers.py")


def _atom_fields(rel: str, raw: bytes) -> Iterator[Field]:
    root = etree.fromstring(raw)
    if root.tag != f"{ATOM}feed":  # the sitemap: URLs only
        yield Field(rel, "", "text", raw.decode("utf-8"))
        return
    for i, element in enumerate(root.iter(f"{ATOM}content", f"{ATOM}summary", f"{ATOM}title")):
        kind = element.get("type", "text")
        where = f"{etree.QName(element).localname}[{i}]"
        if kind == "html":
            yield Field(rel, where, "html", element.text or "")
        elif kind == "xhtml":
            yield Field(rel, where, "html", "".join(etree.tostring(c, encoding="unicode") for c in element))
        else:
            yield Field(rel, where, "text", element.text or "")


def fields(site_dir: Path, theme: str) -> Iterator[Field]:
    """Every text file's parts as their readers take them; unknown kinds of file fail."""
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site_dir).as_posix()
        suffix = path.suffix
        if suffix == ".html":
            yield Field(rel, "", "html", path.read_text(encoding="utf-8"))
        elif suffix == ".json":
            yield from _json_fields(rel, json.loads(path.read_text(encoding="utf-8")), theme)
        elif suffix == ".xml":
            yield from _atom_fields(rel, path.read_bytes())
        elif suffix == ".ics":
            yield Field(rel, "", "calendar", path.read_bytes().decode("utf-8"))
        elif suffix in (".js", ".css", ".map", ".txt", ".gz", ".woff", ".woff2", ".ttf", ".eot", ".svg",
                        ".png", ".ico", ".jpg", ".webp", ".py", ".yml", ".pdf"):
            continue  # the theme's and our own static files, copied verbatim
        else:
            raise AssertionError(f"{rel}: a file no reader is known for; name how it is read in readers.py")


def calendar_problems(path: str, text: str, marker: str = "PWNED") -> list[str]:
    """A calendar app reads properties line by line: untrusted words must stay inside a value.

    Lines are unfolded as RFC 5545 says; a marker that starts a line or sits
    in a property's name or parameters has become structure.
    """
    problems = []
    unfolded = text.replace("\r\n ", "").replace("\r\n\t", "")
    for line in unfolded.split("\r\n"):
        if marker not in line:
            continue
        name, sep, _value = line.partition(":")
        if not sep or marker in name:
            problems.append(f"{path}: {line[:80]!r}")
    if "\n" in text.replace("\r\n", ""):
        problems.append(f"{path}: a bare line feed, which a calendar reads as a new line")
    return problems


def scan(site_dir: Path, theme: str, marker: str = "PWNED") -> tuple[list[str], set[str]]:
    """(what became markup or structure, which readers saw the marker)."""
    found: list[str] = []
    seen: set[str] = set()
    for field in fields(site_dir, theme):
        if marker not in field.value:
            continue
        seen.add(f"{field.path.rsplit('.', 1)[-1]}:{field.reads_as}:{field.where.split('[')[0]}")
        if field.reads_as == "html":
            found += [f"{field.path} {field.where}: {live}" for live in live_markup(field.value, marker)]
        elif field.reads_as == "calendar":
            found += calendar_problems(field.path, field.value, marker)
    return found, seen
