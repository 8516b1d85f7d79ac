"""The wall's colours as data: initials circles, principle chips, paper.

The stylesheet (`assets/kudos.css`) holds the same palettes as CSS custom
properties; this module chooses which one a person or a principle gets (a
stable choice, the same on every build) and holds the numbers the contrast
test checks, so a palette change that breaks WCAG AA fails a test.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping

# Initials circles: (light scheme background, its text), (dark scheme background, its text).
# Kept in step with `--kudos-avatar-N` in kudos.css.
AVATARS: tuple[tuple[tuple[str, str], tuple[str, str]], ...] = (
    (("#b3261e", "#ffffff"), ("#ffb4a9", "#2b0a06")),  # brick
    (("#8f4200", "#ffffff"), ("#ffb870", "#2b1600")),  # amber
    (("#5b5e24", "#ffffff"), ("#d6da93", "#1d1f00")),  # olive
    (("#1b6b2f", "#ffffff"), ("#9bd8a4", "#07230f")),  # leaf
    (("#006874", "#ffffff"), ("#82d3e0", "#00272c")),  # teal
    (("#1d5fb4", "#ffffff"), ("#a8c8ff", "#061d3d")),  # blue
    (("#3949ab", "#ffffff"), ("#c0c6ff", "#10163f")),  # indigo
    (("#6a3fb8", "#ffffff"), ("#d4bbff", "#22104a")),  # violet
    (("#8a2a8a", "#ffffff"), ("#f0b0f0", "#36093a")),  # magenta
    (("#ad1457", "#ffffff"), ("#ffafd0", "#3b0a22")),  # rose
    (("#4e5b66", "#ffffff"), ("#c5d0d8", "#18222a")),  # slate
    (("#6d4c41", "#ffffff"), ("#dcc0b3", "#2a1610")),  # walnut
)

# Principle chips: a dot of the principle's colour and a faint wash of it
# behind ink-coloured text. Kept in step with the chip rules in kudos.css.
# Hues far apart first: a handbook's first seven principles never share a red.
PRINCIPLE_COLORS: tuple[str, ...] = (
    "#2e7d32", "#c62828", "#1565c0", "#ef6c00", "#6a1b9a", "#00838f", "#827717", "#ad1457",
)
CHIP_WASH = {"light": 0.16, "dark": 0.22}  # how much of the colour is mixed into what is behind the chip
DOT_RIM = 0.45  # the dot's rim: this much of the principle's colour, the rest ink

# Paper (notes, cards, office-screen slides) and the ink on it: the same in
# both schemes, as real paper is. Kept in step with kudos.css.
PAPERS = ("#fffdf6", "#fff5c4", "#e8f3fd", "#eaf6e6", "#fde8ee")
INK = ("#1d1b18", "#4a4640")  # (text, quiet text)
# Chips also sit on the page itself (a person's principles, under their
# name): there the scheme's ink is over the page's own background
# (white; Material's slate, Bootstrap's dark body).
PAGE_INK = {"light": "#1d1b18", "dark": "#efece6"}
PAGES = {"light": ("#ffffff",), "dark": ("#1e2029", "#212529")}


def chip_grounds() -> list[tuple[str, str, float]]:
    """(ink, background, wash) for every place a chip can sit: each paper, and each page in each scheme."""
    grounds = [(INK[0], paper, CHIP_WASH["light"]) for paper in PAPERS]
    return grounds + [(PAGE_INK[scheme], page, CHIP_WASH[scheme]) for scheme, pages in PAGES.items() for page in pages]

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def stable_index(key: str, size: int) -> int:
    """The same small number for the same key on every machine and build (not Python's hash())."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:4], "big") % size


def avatar(person_id: str) -> int:
    return stable_index(person_id, len(AVATARS))


def avatar_slots(person_ids: Iterable[str]) -> dict[str, int]:
    """A colour for each person, no two alike until the palette is used up.

    Each takes their own stable colour (`avatar`) unless someone earlier (by
    id) holds it, then the next free one; a dozen people get a dozen
    colours. Adding someone moves at most those after them who collide.
    """
    slots: dict[str, int] = {}
    taken: set[int] = set()
    size = len(AVATARS)
    for pid in sorted(person_ids):
        if len(taken) == size:
            taken = set()
        slot = avatar(pid)
        while slot in taken:
            slot = (slot + 1) % size
        taken.add(slot)
        slots[pid] = slot
    return slots


def colour_slots(person_ids: Iterable[str], team_slugs: Iterable[str]) -> dict[str, int]:
    """People share out the palette among themselves, and teams (`team:<slug>`) among themselves.

    Hashed alone, four teams once had two in the same red; a team's colour is
    its band on the teams index and its circle on the give page.
    """
    return {**avatar_slots(person_ids), **avatar_slots(f"team:{slug}" for slug in team_slugs)}


def avatar_of(slots: Mapping[str, int], key: str) -> int:
    """The one colour rule every page and the give page's preview use: a person's slot, else their own."""
    slot = slots.get(key)
    return avatar(key) if slot is None else slot


def initials(name: str) -> str:
    """'Ana Lima' -> 'AL'; 'Tomás de la Cruz Herrera' -> 'TH'; one name -> its first letter."""
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w and w[0].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def principle_colors(ids: Iterable[str], chosen: Mapping[str, str]) -> dict[str, str]:
    """A colour for each principle: the site's choice, else the default palette in order."""
    colors: dict[str, str] = {}
    for number, pid in enumerate(ids):
        colors[pid] = chosen.get(pid) or PRINCIPLE_COLORS[number % len(PRINCIPLE_COLORS)]
    return colors


def principles_css(colors: Mapping[str, str]) -> str:
    """One short rule per principle; ids are slugs, colours checked as #rrggbb."""
    rules = ["/* Made by the kudos plugin from the principles and `principle_colors`. */"]
    for pid, color in colors.items():
        if HEX.match(color) and re.fullmatch(r"[a-z0-9][a-z0-9_-]*", pid):
            rules.append(f'[data-principle="{pid}"]{{--kudos-chip-color:{color}}}')
    return "\n".join(rules) + "\n"


# Contrast (WCAG 2.x) ------------------------------------------------------------

def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def rgb(color: str) -> tuple[float, float, float]:
    return (int(color[1:3], 16) / 255, int(color[3:5], 16) / 255, int(color[5:7], 16) / 255)


def luminance(color: str) -> float:
    r, g, b = (_channel(c) for c in rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(color: str, base: str, amount: float) -> str:
    """CSS `color-mix(in srgb, color amount, base)`."""
    mixed = (c * amount + b * (1 - amount) for c, b in zip(rgb(color), rgb(base), strict=True))
    return "#" + "".join(f"{round(v * 255):02x}" for v in mixed)


def chip_contrast(color: str) -> float:
    """The lowest contrast of a chip's text over its wash of `color`, on any paper or page, in either scheme."""
    return min(contrast(ink, mix(color, ground, wash)) for ink, ground, wash in chip_grounds())


def dot_contrast(color: str) -> float:
    """The lowest contrast of a chip's dot (its rim, `color` mixed with the ink) against the chip: 3:1 is visible."""
    return min(contrast(mix(color, ink, DOT_RIM), mix(color, ground, wash)) for ink, ground, wash in chip_grounds())
