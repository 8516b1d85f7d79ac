"""Wall mode for an office screen, `/kudos/tv/`: one entry at a time, in large type.

The page itself shows today's featured entries as a plain list (what a
browser without JavaScript sees). Its script (`assets/tv.js`) reads
`kudos/tv/entries.json`: every entry of the published schedule and the
newest ones, each as one slide, and the schedule's ids per day, so the
screen turns over at midnight by itself, also offline. It polls the tiny
`kudos/tv/build.json` for a new build stamp and then fetches the slides
again. Both files hold only what the wall shows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import ClassVar

from ...data import days as days_
from ...data.model import Entry
from ..builder import Builder
from ..look import stable_index
from ..pages import WALL, Featured, KudosFile, KudosPage, WallItem

TV_SRC = f"{WALL}/tv/index.md"
TV_DATA = f"{WALL}/tv/entries.json"
TV_STAMP = f"{WALL}/tv/build.json"
TV_ASSETS = (f"{WALL}/assets/tv.css", f"{WALL}/assets/tv.js")
RECENT = 30  # the newest entries shown after today's featured set
POLL_SECONDS = 300  # how often the screen asks whether there is a newer build
# Days of the rotation the screen carries with it: it turns over by itself
# for two weeks without a network; every slide costs bytes in one file.
TV_DAYS = 14
# Dwell: `tv_seconds` at least, and time to read the rest: a few seconds per
# 100 characters (a slow reader across a room), never more than DWELL_CAP.
SECONDS_PER_100_CHARS = 4
DWELL_CAP = 60
GIVE_SRC = f"{WALL}/give/"
PAPERS = 5  # the wall's paper colours (--kudos-paper-1 ... -5)


def dwell_seconds(characters: int, minimum: int) -> int:
    """How long a slide of `characters` characters stays: enough to read it, within bounds."""
    reading = SECONDS_PER_100_CHARS * characters // 100
    return max(minimum, min(max(DWELL_CAP, minimum), minimum + reading))


def slide_text_length(item: WallItem) -> int:
    if isinstance(item, Entry):
        return len(item.title) + len(item.message_text)
    return len(item.card.title)


@dataclass(frozen=True)
class GiveQr:
    """The give page's address as a QR code, made at build time: phones in the room join in."""

    url: str
    svg: str


def give_qr(site_url: str, label: str) -> GiveQr | None:
    """segno draws the code (a maintained, dependency-free encoder with SVG output); the
    address is the give page's and nothing else: no access code, no query."""
    if not site_url:
        return None
    import segno  # only sites with an address and the option on pay for the import

    url = site_url.rstrip("/") + "/" + GIVE_SRC
    code = segno.make(url, error="m")
    svg = code.svg_inline(border=2, omitsize=True, svgclass="kudos-qr", lineclass=None, dark="#000", light="#fff", title=label)
    return GiveQr(url, svg)


@dataclass(frozen=True)
class TvPage(KudosPage):
    template: ClassVar[str] = "kudos/tv.html"
    featured: Featured
    seconds: int
    poll_seconds: int
    data_path: str
    stamp_path: str
    assets: tuple[str, ...]
    qr: GiveQr | None = None


class TvSlides:
    """What the screen can show, rendered once for both files (the slides and their stamp)."""

    def __init__(self, schedule: dict[str, tuple[str, ...]], recent: tuple[str, ...],
                 entries: tuple[WallItem, ...], build_day: str, timezone: str, seconds: int) -> None:
        self.schedule, self.recent, self.entries = schedule, recent, entries
        self.build_day, self.timezone, self.seconds = build_day, timezone, seconds
        self._text: str | None = None
        self._stamp = ""

    def document(self, render: Callable[..., str]) -> tuple[str, str]:
        if self._text is None:
            body = {
                "day": self.build_day,
                "timezone": self.timezone,
                "seconds": self.seconds,
                "schedule": self.schedule,
                "recent": list(self.recent),
                "slides": {
                    e.id: render("kudos/tv_slide.html", entry=e, paper=stable_index(e.id, PAPERS) + 1)
                    for e in self.entries
                },
                "dwell": {e.id: dwell_seconds(slide_text_length(e), self.seconds) for e in self.entries},
            }
            canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            # The stamp changes exactly when what the screen shows changes.
            self._stamp = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
            self._text = json.dumps({"stamp": self._stamp, **body}, ensure_ascii=False, sort_keys=True,
                                    separators=(",", ":"))
        return self._text, self._stamp


@dataclass(frozen=True)
class TvData(KudosFile):
    slides: TvSlides = field(compare=False, repr=False)

    def content(self, render: Callable[..., str]) -> str:
        return self.slides.document(render)[0]


@dataclass(frozen=True)
class TvStamp(KudosFile):
    slides: TvSlides = field(compare=False, repr=False)

    def content(self, render: Callable[..., str]) -> str:
        return json.dumps({"stamp": self.slides.document(render)[1]})


@dataclass(frozen=True)
class PackageAsset(KudosFile):
    """One of the plugin's own static files, published as it is."""

    def content(self, render: Callable[..., str]) -> bytes:
        return (resources.files("kudoswall") / "assets" / self.path.rsplit("/", 1)[1]).read_bytes()


def tv_section(builder: Builder) -> Sequence[KudosPage | KudosFile]:
    s, project = builder.settings, builder.project
    last = days_.shift(project.today, TV_DAYS)
    days = {day: items for day, items in builder.schedule.items() if day <= last}
    recent = builder.items[:RECENT]  # a card is one slide, however many signed it
    shown: dict[str, WallItem] = {}
    for entries in (*days.values(), recent):
        for entry in entries:
            shown.setdefault(entry.id, entry)
    slides = TvSlides(
        {day.isoformat(): tuple(e.id for e in entries) for day, entries in days.items()},
        tuple(e.id for e in recent), tuple(shown.values()), project.today.isoformat(), s.timezone, s.tv_seconds,
    )
    featured = builder.featured
    title = builder.tr.gettext("Kudos on the office screen")
    qr = give_qr(project.site_url, builder.tr.gettext("The give page's address")) if s.tv_qr else None
    return [
        TvPage(TV_SRC, title, featured, s.tv_seconds, POLL_SECONDS, TV_DATA, TV_STAMP, TV_ASSETS, qr),
        TvData(TV_DATA, slides),
        TvStamp(TV_STAMP, slides),
        *(PackageAsset(path) for path in TV_ASSETS),
    ]
