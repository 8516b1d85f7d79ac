"""Turns the typed pages into HTML: owns Jinja, link making and the render caches.

Templates receive data (a page's fields) and a few helpers; never an object
they could call back into. Front ends (the MkDocs adapter today, maybe a
`kudos generate` command tomorrow) ask this module for HTML and files.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from markupsafe import Markup, escape

from ..data import days
from ..data.kinds import SIGNATURE_DAYS
from ..data.model import CUSTOMER, TEAM_PREFIX, Card, Entry
from ..site import look
from ..site.build import SiteModel
from ..site.i18n import Catalogue
from ..site.pages import (
    Featured,
    Fragment,
    KudosPage,
    WallItem,
    card_src,
    month_src,
    permalink_src,
    person_src,
    team_src,
    template_context,
)
from ..site.search import SearchRecord, Words
from ..site.sections.give import note_files, people_files, teams_file
from ..site.urls import UrlScheme, relative
from .cache import Deps, RenderCache, Watched

GIVE_SRC = "kudos/give/index.md"
# Every page of ours that a reader may want next, in the order of the line that links them.
NAV_SRCS = (
    "kudos/index.md", "people/index.md", "teams/index.md", "cards/index.md", "campaigns/index.md",
    "celebrations/index.md", "little-things/index.md", "kudos/stats/index.md", "kudos/tv/index.md", GIVE_SRC,
)

FEATURED_DIR = "kudos/featured"
ASSETS = ("kudos/assets/kudos.css", "kudos/assets/kudos.js", "kudos/assets/little-things.css")
PRINCIPLES_CSS = "kudos/assets/principles.css"  # made per site: one colour per principle

# An entry is rendered once, with each link as MARK + target + MARK, and the
# links are made relative when the entry is placed on a page: entries appear
# on several pages each, and rendering them is the cost that grows with data.
_MARK = "\x1a"
_MARKED_LINK = re.compile(_MARK + "([^" + _MARK + "]*)" + _MARK)



@dataclass(frozen=True)
class Who:
    """A recipient as every note shows them, worked out once per build instead of once per note."""

    name: str
    avatar: int
    initials: str
    src: str  # their page (a person's or a team's), or "" for a customer


class Recipients(Mapping[str, Who]):
    """`who[id]` in templates: made as ids are first asked for, each lookup noted as a dependency."""

    def __init__(self, renderer: Renderer) -> None:
        self._renderer = renderer
        self._made: dict[str, Who] = {}

    def __getitem__(self, person_id: str) -> Who:
        self._renderer.note(person_id)
        who = self._made.get(person_id)
        if who is None:
            name = self._renderer.display_name(person_id)
            if person_id == CUSTOMER:
                src = ""
            elif person_id.startswith(TEAM_PREFIX):
                src = team_src(person_id)
            else:
                src = person_src(person_id)
            who = self._made[person_id] = Who(name, self._renderer.avatar(person_id), look.initials(name), src)
        return who

    def __iter__(self) -> Iterator[str]:
        return iter(self._made)

    def __len__(self) -> int:
        return len(self._made)


class Renderer:
    def __init__(
        self,
        model: SiteModel,
        urls: UrlScheme,
        catalogue: Catalogue,
        template_dirs: list[str] | None = None,
        cache: RenderCache | None = None,
    ) -> None:
        self.model = model
        self.urls = urls
        self.catalogue = catalogue
        self.cache = cache if cache is not None else RenderCache()
        self.template_dirs = template_dirs or []
        self.env: jinja2.Environment = self.cache.environment(self.template_dirs, catalogue)
        self.fragments = {name: part for page in model.pages for name, part in page.embedded().items()}
        self._targets: dict[str, str] = {}
        self._entry_template = self.env.get_template("kudos/entry.html")
        self._fragment_globals: dict[str, Any] | None = None
        self._once: dict[tuple[str, str], tuple[object, Markup, Deps]] = {}
        # Our own entry.html differs with `anchor` only by the heading (its
        # level and id): the anchored copy (for its month's page) is made from
        # the plain one. A site's own entry.html is rendered both ways instead.
        own = Path(str(resources.files("kudoswall") / "templates")).resolve()
        self._anchor_by_text = own in Path(self._entry_template.filename or "").resolve().parents
        self.avatars = look.colour_slots(model.people, model.teams)
        self.who = Recipients(self)
        published = {p.src_uri for p in model.pages}
        self.nav_srcs = tuple(src for src in NAV_SRCS if src in published)
        self.published = frozenset(published)
        self.people = Watched(model.people, "person", self.cache.reads)
        self.teams = Watched(model.teams, "team", self.cache.reads)
        self.cache.begin(self._fingerprint(), self._current, {e.id for month in model.index.by_month.values() for e in month})

    def _fingerprint(self) -> object:
        loader = self.env.loader
        assert loader is not None
        templates = tuple(loader.get_source(self.env, name)[:2] for name in self._our_template_names())
        # People and teams are not here: each render notes the ones it read (`note`).
        principles = tuple(s.principle for s in self.model.principles)
        # Colours are shared out among everyone; cards' titles show on their signatures.
        cards = tuple((c.id, c.title) for c in self.model.cards.values())
        return (self.urls, self.catalogue, principles, templates, tuple(self.avatars.items()), cards, self.nav_srcs)

    def _current(self, key: str) -> object:
        kind, _, name = key.partition(":")
        if kind == "name":
            person = self.model.people.get(name)
            return person.name if person is not None else None
        return (self.model.people if kind == "person" else self.model.teams).get(name)

    def avatar(self, person_id: str) -> int:
        """A person's (or `team:<slug>`'s) initials colour: their share of the palette (`look.colour_slots`)."""
        return look.avatar_of(self.avatars, person_id)

    def give_link(self, link: Callable[[str], str], params: Mapping[str, object] | None = None, **more: object) -> str:
        """The give page, filled in from its address: `give(to="ben-okafor")`, `give({"for": ...})`."""
        pairs = [(k, str(v)) for k, v in {**(params or {}), **more}.items()]
        query = urlencode(pairs, safe=":")
        return link(GIVE_SRC) + ("?" + query if query else "")

    def card_open(self, card: Card) -> bool:
        """Whether a card can still be signed (later signatures are problems)."""
        return card.date >= days.shift(self.model.featured.day, -SIGNATURE_DAYS)

    def address(self, src_uri: str) -> str:
        """A page's address as a person would type it: with the site's address when known."""
        target = self._target(src_uri)
        root = self.model.site_url
        return (root.rstrip("/") + "/" if root else "/") + target

    def note(self, recipient: str) -> None:
        """The render under way shows this recipient's name: it depends on it.

        On a person only their name (a new title or birthday re-renders none
        of the notes that name them); on a team its record.
        """
        if recipient == CUSTOMER:
            return
        if recipient.startswith(TEAM_PREFIX):
            slug = recipient[len(TEAM_PREFIX):]
            self.cache.reads.note("team:" + slug, self.model.teams.get(slug))
        else:
            key = "name:" + recipient
            self.cache.reads.note(key, self._current(key))

    def _our_template_names(self) -> list[str]:
        """`kudos/...` templates, ours and the site's overrides, without walking a theme's other files.

        (A theme folder such as Material's holds thousands of icons.)
        """
        names: set[str] = set()
        roots = [Path(d) / "kudos" for d in self.template_dirs]
        roots.append(Path(str(resources.files("kudoswall") / "templates" / "kudos")))
        for root in roots:
            if root.is_dir():
                names.update("kudos/" + p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
        return sorted(names)

    def _target(self, src_uri: str) -> str:
        """The site-root relative URL of a page source (with its #anchor), or a URL as it is."""
        target = self._targets.get(src_uri)
        if target is None:
            path, _, anchor = src_uri.partition("#")
            target = self.urls.href(path) if path.endswith(".md") else path
            target = self._targets[src_uri] = target + ("#" + anchor if anchor else "")
        return target

    def entry_fragment(self, entry: Entry, level: int = 3, anchor: bool = False) -> str:
        """One entry as HTML with marked links; the same on every page that shows it."""

        def make() -> str:
            if anchor and self._anchor_by_text:
                made = with_anchor(self.entry_fragment(entry, PLAIN_LEVEL), PLAIN_LEVEL, level, entry.id)
                if made is not None:
                    return made
            if self._fragment_globals is None:
                self._fragment_globals = {
                    **self._globals(None),
                    "link": lambda src_uri: _MARK + self._target(src_uri) + _MARK,
                }
            return self._entry_template.render(**self._fragment_globals, entry=entry, level=level, anchor=anchor)

        return self.cache.entry(entry, level, anchor, make)

    def _globals(self, page_src: str | None) -> dict[str, Any]:
        """Helpers every template gets; links are relative to the page shown."""
        relative_to_page = relative_to(self.urls.page_url(page_src) if page_src is not None else "")

        def link(src_uri: str) -> str:
            return relative_to_page(self._target(src_uri))

        def entry_html(entry: Entry, level: int = 3, anchor: bool = False, hidden: bool = False,
                       without: str | None = None) -> Markup:
            """`kudos/entry.html` for this entry, with its links made relative to this page.

            `hidden`: the note is shown higher up the same page (the wall's first page).
            `without`: a principle whose chip the note leaves out (on that principle's own page)."""
            fragment = self.entry_fragment(entry, level, anchor)
            if hidden:
                fragment = fragment.replace("<article ", "<article hidden ", 1)
            if without is not None and without in entry.principles:
                fragment = without_chip(fragment, without)
            # Our own template's output, escaped when rendered: only its links are filled in here.
            return Markup(_MARKED_LINK.sub(  # noqa: S704
                lambda m: relative_to_page(m.group(1)), fragment))

        def give(params: Mapping[str, object] | None = None, **more: object) -> str:
            return self.give_link(link, params, **more)

        return {
            "link": link,
            "give": give,
            "entry_html": entry_html,
            "person_name": self.display_name,
            "who": self.who,
            "people": self.people,
            "principles": self.model.principle_by_id,
            "person_src": person_src,
            "team_src": team_src,
            "card_src": card_src,
            "teams": self.teams,
            "month_src": month_src,
            "permalink_src": permalink_src,
            "featured_dir": FEATURED_DIR,
            "initials": look.initials,
            "avatar": self.avatar,
            "cards": self.model.cards,
            "card_open": self.card_open,
            "address": self.address,
            "tag_label": tag_label,
            "month_name": self.month_name,
            "nav_links": self.nav_srcs,
            "has_page": self.published.__contains__,
            "page_src": page_src,
            "rendered_once": self.rendered_once,
        }

    def rendered_once(self, template: str, entry: Any, **context: Any) -> Markup:
        """`template` for `entry` (or a card), rendered once per build however many files include it.

        For a part that is the same wherever it appears, such as an Atom
        feed's item: `context` must be the same in every call for one entry.
        Rendered as if at the site's root.
        """
        key = (template, entry.id)
        hit = self._once.get(key)
        if hit is not None and hit[0] is entry:
            self.cache.reads.add(hit[2])  # the names it showed, for the file that includes it
            return hit[1]
        with self.cache.reads.scope() as deps:
            made = Markup(self.render(template, None, entry=entry, **context))  # noqa: S704 - our template's output
        self._once[key] = (entry, made, deps)
        return made

    def relative_link(self, src_uri: str, page_src: str) -> str:
        """What `link(src_uri)` gives in a template rendered for `page_src`."""
        return relative(self._target(src_uri), self.urls.page_url(page_src))

    def month_name(self, month: str) -> str:
        """An archive month ("2026-11") as people say it: "November 2026"."""
        return self.catalogue.month_label(dt.date(int(month[:4]), int(month[5:7]), 1))

    def display_name(self, person_id: str) -> str:
        """A recipient in words: a person's name, "a customer" or "the Support team"."""
        self.note(person_id)
        if person_id == CUSTOMER:
            return self.catalogue.gettext("a customer")
        if person_id.startswith(TEAM_PREFIX):
            team = self.model.teams.get(person_id[len(TEAM_PREFIX):])
            return self.catalogue.gettext("the %(team)s team") % {"team": team.name if team else person_id}
        return self.model.people[person_id].name

    def search_records(self, page: KudosPage) -> list[SearchRecord]:
        words = Words(self.display_name, self.model.people, self.model.principle_by_id, self.catalogue)
        return list(page.search_records(words))

    def render(self, template: str, page_src: str | None, **context: Any) -> str:
        return self.env.get_template(template).render({**self._globals(page_src), **context})

    def page_html(self, page: KudosPage) -> str:
        """The page's template in a wrapper: the skip link's target, and what the stylesheet widens."""
        kind = page.template.rpartition("/")[2].partition(".")[0].replace("_", "-")
        wide = " kudos-page--wide" if page.full_width else ""

        def make() -> str:
            nav = self.render("kudos/nav.html", page.src_uri)
            body = self.render(page.template, page.src_uri, **template_context(page))
            return f'<div class="kudos-page kudos-page--{kind}{wide}" id="kudos-main">\n{nav}{body}\n</div>'

        return self.cache.page(page.src_uri, page.depends_on, make)

    def look_files(self) -> dict[str, str]:
        """The principles' chip colours, as a small stylesheet."""
        return {PRINCIPLES_CSS: look.principles_css(self.model.principle_colors)}

    def embeds(self, page_src: str) -> dict[str, Callable[[], str]]:
        """What each `<!-- kudos:NAME -->` marker on a page stands for: a part of one of our pages."""
        parts: dict[str, Callable[[], str]] = {
            f"<!-- kudos:{name} -->": functools.partial(self._fragment_html, fragment, page_src)
            for name, fragment in self.fragments.items()
        }
        if self.model.principles:
            # The principles as their coloured cards, for a home page that introduces them.
            parts["<!-- kudos:principles -->"] = functools.partial(self._principle_cards_html, page_src)
        return parts

    def _principle_cards_html(self, page_src: str) -> str:
        return scoped(self.render("kudos/principles.html", page_src, summaries=self.model.principles), wide=True)

    def _fragment_html(self, fragment: Fragment, page_src: str) -> str:
        return scoped(self.render(fragment.template, page_src, **fragment.context), wide=fragment.wide)

    def page_info_html(self, page_src: str, info: object, show_overdue: bool) -> str:
        """A handbook page's keeper, last update and overdue notice, in our layer."""
        return scoped(self.render("kudos/page_info.html", page_src, info=info, show_overdue=show_overdue))

    def band_html(self, principle_id: str, title_html: str, lead_html: str, stories: str) -> str:
        """A principle page's head: its title and promise on its colour, the action, `stories` (a marker)."""
        principle = self.model.stories[principle_id].principle
        return scoped(self.render(
            "kudos/principle_band.html", principle.src_uri, principle=principle,
            # The page's own heading and lead paragraph, as its Markdown made them.
            title_html=Markup(title_html), lead_html=Markup(lead_html) if lead_html else "",  # noqa: S704
            principles_index=f"{principle.src_uri.rpartition('/')[0]}/index.md", stories=Markup(stories),  # noqa: S704
        ), wide=True)

    def stories_html(self, principle_id: str, part: str) -> str:
        """A principle's newest stories in its page's head (`part` "band"), or the rest under its text ("board")."""
        stories = self.model.stories[principle_id]
        html = self.render("kudos/stories.html", stories.principle.src_uri, stories=stories, part=part,
                           band_size=BAND_STORIES)
        return html if part == "band" else scoped(html, wide=True)

    def review_html(self, principle_id: str) -> str:
        summary = next(s for s in self.model.principles if s.principle.id == principle_id)
        if not summary.overdue:
            return ""
        return scoped(self.render("kudos/review.html", summary.principle.src_uri, summary=summary))

    def overview_html(self, page_src: str) -> str:
        return scoped(self.render("kudos/principles.html", page_src, summaries=self.model.principles))

    def daily_files(self) -> dict[str, str]:
        """One small JSON file per day of the schedule, so a visitor downloads only today's set."""
        files: dict[str, str] = {}
        for day, entries in self.model.schedule.items():
            files[daily_file(day)] = self.cache.page(
                daily_file(day), entries, functools.partial(self._daily_payload, day, entries)
            )
        return files

    def _daily_payload(self, day: dt.date, entries: tuple[WallItem, ...]) -> str:
        # Rendered as if at the site root; the script re-roots relative links.
        featured = Featured(day, self.model.featured.timezone, entries)
        fragment = self.render("kudos/featured_items.html", None, featured=featured)
        payload = {"day": day.isoformat(), "ids": [e.id for e in entries], "html": fragment}
        return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def give_files(self) -> dict[str, str]:
        give = self.model.give
        return {**people_files(give), **teams_file(give), **note_files(give)}

    def file_makers(self) -> dict[str, Callable[[], str | bytes]]:
        """Each section file's maker: a build may make them elsewhere. Like pages, kept while their value is unchanged."""

        def render(template: str, **context: Any) -> str:
            return self.render(template, None, **context)

        return {
            f.path: functools.partial(self.cache.page, f.path, f, functools.partial(f.content, render))
            if f.reusable else functools.partial(f.content, render)
            for f in self.model.files
        }


def scoped(html: str, wide: bool = False) -> str:
    """A block of ours on a handbook page, inside the wrapper our stylesheet's layer reads."""
    if not html.strip():
        return html
    return f'<div class="kudos-scope{" kudos-page--wide" if wide else ""}">{html}</div>'


def tag_label(tag: str) -> str:
    """A tag as people write it: "field-service" -> "Field service"."""
    words = tag.replace("_", "-").split("-")
    return " ".join(w for w in words if w).capitalize()


BAND_STORIES = 3  # a principle's newest stories, side by side in its page's head
PLAIN_LEVEL = 3  # the heading level of an entry on every page but its month's


def with_anchor(fragment: str, plain_level: int, level: int, entry_id: str) -> str | None:
    """Our `kudos/entry.html` as rendered with `anchor` and `level`, from its rendering without.

    Only the heading's level and id differ. The heading comes before the
    message, and text is escaped, so the first such tags are the heading's.
    """
    opening, closing = f'<h{plain_level} class="kudos-entry__title"', f"</h{plain_level}>"
    start = fragment.find(opening)
    end = fragment.find(closing, start)
    if start < 0 or end < 0:
        return None
    return (
        f'{fragment[:start]}<h{level} class="kudos-entry__title" id="{escape(entry_id)}"'
        f"{fragment[start + len(opening):end]}</h{level}>{fragment[end + len(closing):]}"
    )


_EMPTY_CHIPS = re.compile(r'\s*<ul class="kudos-entry__principles"[^>]*>\s*</ul>')


def without_chip(fragment: str, principle_id: str) -> str:
    """Our `kudos/entry.html` with one principle's chip left out, and its list if that was the only one."""
    chip = re.compile(r'\s*<li><a class="kudos-chip" data-principle="' + re.escape(str(escape(principle_id)))
                      + r'"[^>]*>[^<]*</a></li>')
    return _EMPTY_CHIPS.sub("", chip.sub("", fragment, count=1), count=1)


def relative_to(base: str) -> Callable[[str], str]:
    """Links from one page (`base`), each worked out once."""
    resolved: dict[str, str] = {}
    folders = base.split("/")[:-1]  # the page's folder, as relative() sees it
    up, top = "../" * len(folders), (folders[0] if folders else "")

    def relative_to_page(target: str) -> str:
        hit = resolved.get(target)
        if hit is None:
            first = target.partition("/")[0].partition("#")[0]
            plain = ":" not in target and "/." not in target and "//" not in target
            if top and plain and first not in (top, "", ".", ".."):
                # Another top-level folder: up to the root and down again,
                # as relative() would say it, without working it out.
                hit = up + target
            else:
                hit = relative(target, base)
            resolved[target] = hit
        return hit

    return relative_to_page


def daily_file(day: dt.date) -> str:
    return f"{FEATURED_DIR}/{day.isoformat()}.json"
