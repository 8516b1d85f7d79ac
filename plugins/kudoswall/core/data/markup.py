"""Turn a message written by anyone into HTML that cannot carry markup of its own.

Two layers: Markdown is run with raw HTML switched off (so `<b>` is shown as
text rather than interpreted), and its output then goes through nh3, an
allow-list sanitizer, so nothing Markdown itself produces can smuggle in an
image, a handler or a `javascript:` link.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from xml.etree import ElementTree

import markdown
import nh3
from markdown.inlinepatterns import InlineProcessor

_ALLOWED_TAGS = {
    "p", "br", "em", "strong", "ul", "ol", "li", "a", "code", "pre", "blockquote",
}
_SAFE_SCHEMES = ("http://", "https://", "mailto:")

# Bidi overrides and other invisible controls can make a message read
# differently from what it says; C0 controls break XML feeds.
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def _only_absolute_links(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return value if value.strip().lower().startswith(_SAFE_SCHEMES) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=_ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes={"a": {"href", "title"}},
    attribute_filter=_only_absolute_links,
    url_schemes={"http", "https", "mailto"},
    link_rel="nofollow noopener ugc",
    strip_comments=True,
)
_TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags={"script", "style"})


# Text with none of these characters, and no line that could open a block
# (a list, a heading, a quote, code), is paragraphs of plain words: Markdown
# and the sanitizer would only wrap each in <p>. Most thank-yous are like that,
# and rendering is the part of loading that grows with the number of entries.
_MARKUP_CHARS = re.compile("[\\\\`*_\\[\\]<>!&#\t\r\u00a0]")
_BLOCK_START = re.compile(r"^(?:[-+=>]|\d+[.)])")


def _plain_paragraphs(source: str) -> list[str] | None:
    """The paragraphs of a message that needs no Markdown, or None."""
    if _MARKUP_CHARS.search(source):
        return None
    paragraphs: list[str] = []
    lines: list[str] = []
    for line in source.split("\n"):
        if not line:
            if lines:
                paragraphs.append("\n".join(lines))
                lines = []
            continue
        if line != line.strip() or _BLOCK_START.match(line):
            return None
        lines.append(line)
    if lines:
        paragraphs.append("\n".join(lines))
    return paragraphs


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    # Hard-wrapped YAML text must read as one paragraph, so single newlines
    # stay soft; a line break is two trailing spaces or, as in CommonMark,
    # a backslash (editors often strip trailing spaces).
    md.inlinePatterns.register(_BackslashBreak(r"\\\n"), "backslash_break", 185)
    # Images never show; their words do.
    md.inlinePatterns.deregister("image_link")
    md.inlinePatterns.deregister("image_reference")
    md.inlinePatterns.register(_AltText(r"!\[([^\]]*)\]\([^)]*\)"), "image_alt", 150)
    md.inlinePatterns.register(_AltText(r"!\[([^\]]*)\]\s?\[[^\]]*\]"), "image_ref_alt", 140)
    return md


class _BackslashBreak(InlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[ElementTree.Element, int, int]:
        return ElementTree.Element("br"), m.start(0), m.end(0)


class _AltText(InlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:
        return m.group(1), m.start(0), m.end(0)


# Python-Markdown parses nested blocks by recursion, two or three frames a
# level: a 1,000-character line of "- - - ..." or "1. 1. 1. ..." exhausts
# Python's stack. No thank-you needs more than a few levels, so a line's
# container markers past this depth are escaped and read as plain text.
MAX_NESTING = 16
_CONTAINER = re.compile(r"[ \t]*(?:[-+*]|\d{1,9}[.)]|>)(?=[ \t]|$)")


# Each "[" may open a link whose end Python-Markdown searches for: thousands
# of them take quadratic time. Real messages hold a handful of links.
MAX_BRACKETS = 32


class RenderError(Exception):
    """A message that could not be rendered; the entry is reported, the build goes on."""


def bound_nesting(source: str) -> str:
    """Escape what would make Markdown's work unbounded: deep nesting, floods of brackets."""
    lines = source.split("\n")
    for number, line in enumerate(lines):
        depth, position = 0, 0
        while match := _CONTAINER.match(line, position):
            marker = match.group().lstrip(" \t")
            depth += 1 + len(match.group()[: -len(marker)].expandtabs(4)) // 4
            if depth > MAX_NESTING:
                cut = match.end() - 1  # the marker's last character: "-", ".", ")" or ">"
                lines[number] = line[:cut] + "\\" + line[cut:]
                break
            position = match.end()
    bounded = "\n".join(lines)
    if bounded.count("[") > MAX_BRACKETS:
        head, *rest = bounded.split("[", MAX_BRACKETS)
        tail = rest.pop().replace("[", "\\[")
        bounded = "[".join([head, *rest, tail])
    return bounded


@dataclass(frozen=True)
class Rendered:
    html: str
    text: str


class MessageRenderer:
    """Reuses one Markdown instance; rendering is the cost that grows with entries."""

    def __init__(self) -> None:
        self._md = _markdown()

    def render(self, source: str) -> Rendered:
        """Safe HTML and plain text of a message; raises only RenderError."""
        source = clean_text(source)
        paragraphs = _plain_paragraphs(source)
        if paragraphs is not None:
            return Rendered("\n".join(f"<p>{p}</p>" for p in paragraphs), " ".join(source.split()))
        try:
            converted = self._md.reset().convert(bound_nesting(source))
            safe_html = _CLEANER.clean(converted)
            text = html.unescape(_TEXT_ONLY.clean(converted))
        except RecursionError as error:
            self._md = _markdown()  # a Markdown instance cut off mid-parse is not reused
            raise RenderError("its formatting is nested too deeply") from error
        except Exception as error:  # any library failure costs one entry, never the build
            self._md = _markdown()
            raise RenderError(f"it could not be rendered ({type(error).__name__})") from error
        return Rendered(safe_html, " ".join(text.split()))


def clean_text(value: str) -> str:
    """Normalise Unicode and drop invisible controls from any user text."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", value))
