"""What the plugin adds to pages it did not make: keepers and review dates, stories, markers, <head>.

A handbook page may ask for the featured set, today's celebrations or (a
principle page) its stories; every page's <head> gets noindex on a site kept
inside and the feeds it announces. All of it comes from the core's renderer.
"""

from __future__ import annotations

import re

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from ..core.site.sections import publish
from ..core.site.sections.handbook import page_info
from .build import Build

log = get_plugin_logger("kudos")

STORIES_MARKER = "<!-- kudos:stories -->"
BAND_MARKER = "<!-- kudos:principle-band -->"
_H1 = re.compile(r"<h1[\s>]")


def principle_of(build: Build, src_uri: str) -> str | None:
    """The principle a handbook page is about, by its place in the principles folder."""
    assert build.renderer is not None
    folder, _, name = src_uri.rpartition("/")
    stem = name[:-3] if name.endswith(".md") else ""
    if folder == build.project.principles_dir and stem in build.renderer.model.stories:
        return stem
    return None


def page_content(build: Build, html: str, page: Page) -> str:
    """A handbook page's content with its keeper, a principle's review note, the principles overview."""
    assert build.renderer is not None
    src = page.file.src_uri
    principle_id = principle_of(build, src)
    about = _about_html(build, page, own_notice=principle_id is not None)
    if principle_id is not None:
        # The page's title (and, with no `description`, its lead paragraph)
        # goes into a band of the principle's colour with the action and the
        # newest stories. Stories (like the featured block) are copies of
        # entries indexed on their archive page; they go in after the search
        # plugins have read page.content, so no theme's search index holds them
        # twice. The keeper, last update and overdue notice close the text.
        note = about + build.renderer.review_html(principle_id)
        before, title, body = _split_title(html)
        lead = ""
        described = (page.meta or {}).get("description")
        if not (isinstance(described, str) and described.strip()):
            lead, body = _split_lead(body)
        band = build.renderer.band_html(principle_id, title, lead, BAND_MARKER)
        # The text as its Markdown made it, in a column of its own; the rest of
        # the stories beside it where the page is wide enough, else under it.
        return (before + band + '<div class="kudos-principle-body"><div class="kudos-principle-body__text">'
                + body + note + "</div>" + STORIES_MARKER + "</div>")
    if about:
        head, closed, body = html.partition("</h1>")
        html = head + closed + about + body if closed else about + html
    if src == f"{build.project.principles_dir}/index.md":
        html += build.renderer.overview_html(src)
    return html


def _about_html(build: Build, page: Page, own_notice: bool) -> str:
    """A handbook page's keeper, last update and overdue notice, from its `owner` and `review_by`."""
    assert build.renderer is not None
    meta = page.meta or {}
    src = page.file.src_uri
    owner = meta.get("owner")
    if isinstance(owner, str) and owner not in build.people and not own_notice:
        # Principle pages are checked with the data (kudos check); every other page here.
        log.warning(f"{src}: unknown person '{owner}' as owner - people are listed in kudos/people.yml")
    review = meta.get("review_by")
    if review is not None and not own_notice and not (hasattr(review, "isoformat") and not isinstance(review, str)):
        log.warning(f"{src}: 'review_by' must be a date YYYY-MM-DD, got {review!r}")
    info = page_info(meta, build.project.today, build.people, build.updated.get(src))
    if info is None:
        return ""
    return build.renderer.page_info_html(src, info, show_overdue=not own_notice)


def fill(build: Build, output: str, src: str) -> str:
    """The markers a page asked for, replaced by what they stand for, and our part of its <head>."""
    renderer = build.renderer
    assert renderer is not None
    if "<!-- kudos:" in output:
        for marker, make in renderer.embeds(src).items():
            if marker in output:
                output = output.replace(marker, make())
        if STORIES_MARKER in output or BAND_MARKER in output:
            principle_id = principle_of(build, src)
            for marker, part in ((BAND_MARKER, "band"), (STORIES_MARKER, "board")):
                output = output.replace(marker, renderer.stories_html(principle_id, part) if principle_id else "", 1)
    # noindex on a site kept inside, and the feeds, in every page's <head>.
    context = publish.head_context(src, build.project.settings, build.published)
    # The same for every page that announces the same feeds at the same
    # relative addresses: rendered once per such group.
    key = (context["noindex"], *((feed, renderer.relative_link(feed.path, src)) for feed in context["feeds"]))
    head = build.heads.get(key)
    if head is None:
        head = build.heads[key] = renderer.render("kudos/head.html", src, **context)
    if head.strip():
        output = output.replace("</head>", head + "</head>", 1)
    return output


def _split_title(html: str) -> tuple[str, str, str]:
    """A page's content as what comes before its first <h1>, that heading, and the rest."""
    found = _H1.search(html)
    end = html.find("</h1>", found.start()) if found else -1
    if found is None or end < 0:
        return "", "", html
    return html[:found.start()], html[found.start():end + 5], html[end + 5:]


def _split_lead(body: str) -> tuple[str, str]:
    """The paragraph right after a page's title (its one-line promise) and the rest."""
    text = body.lstrip()
    end = text.find("</p>")
    if not text.startswith("<p>") or end < 0:
        return "", body
    return text[:end + 4], text[end + 4:]
