"""The wall's colours are readable: every initials circle, principle chip and
paper passes WCAG AA (4.5:1) in the light and the dark scheme, and the
stylesheet holds the same numbers as `core/look.py`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kudoswall.core.data.project import SettingsError, check_colors
from kudoswall.core.site import look

CSS = (Path(look.__file__).resolve().parents[2] / "assets" / "kudos.css").read_text(encoding="utf-8")
AA = 4.5


def test_contrast_is_computed_as_wcag_says() -> None:
    assert look.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert look.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("number", range(len(look.AVATARS)))
def test_every_initials_circle_is_aa_in_both_schemes(number: int) -> None:
    (light_bg, light_fg), (dark_bg, dark_fg) = look.AVATARS[number]
    assert look.contrast(light_bg, light_fg) >= AA
    assert look.contrast(dark_bg, dark_fg) >= AA
    # The stylesheet says the same: light values first, dark ones after.
    found = re.findall(rf"--kudos-avatar-{number}: (#[0-9a-f]+); --kudos-avatar-{number}-ink: (#[0-9a-f]+)", CSS)
    expand = {"#fff": "#ffffff"}
    assert [(bg, expand.get(fg, fg)) for bg, fg in found] == [(light_bg, light_fg), (dark_bg, dark_fg)]


@pytest.mark.parametrize("color", look.PRINCIPLE_COLORS)
def test_every_default_principle_chip_is_aa_on_every_paper_and_page_in_both_schemes(color: str) -> None:
    assert look.chip_contrast(color) >= AA


@pytest.mark.parametrize("color", ["#000000", "#ffffff", "#ffff00", "#00ff00", "#ff00ff", "#808080"])
def test_even_an_extreme_configured_chip_colour_stays_aa(color: str) -> None:
    assert look.chip_contrast(color) >= AA


@pytest.mark.parametrize("color", [*look.PRINCIPLE_COLORS, "#ffffff", "#ffff00", "#000000"])
def test_a_chips_dot_stands_out_from_its_chip_on_every_paper_and_page(color: str) -> None:
    """A pale orange dot on cream, a deep purple one on a dark page: its rim keeps 3:1 (non-text contrast)."""
    assert look.dot_contrast(color) >= 3.0
    rim = re.search(r"\.kudos-chip::before \{[^}]*box-shadow: 0 0 0 1\.5px color-mix\(in srgb, "
                    r"var\(--kudos-chip-color, var\(--kudos-accent\)\) (\d+)%, var\(--kudos-ink\)\)", CSS)
    assert rim and int(rim.group(1)) / 100 == look.DOT_RIM


def test_paper_stays_light_with_dark_ink_in_both_schemes() -> None:
    """A note is a physical thing: the dark scheme changes the page around it, never its paper or ink."""
    ink, quiet = look.INK
    for paper in look.PAPERS:
        assert look.contrast(ink, paper) >= AA and look.contrast(quiet, paper) >= AA, paper
    assert re.findall(r"--kudos-paper-\d: (#[0-9a-f]+);", CSS) == list(look.PAPERS)  # declared once, for both schemes
    light, _dark = CSS.split('[data-md-color-scheme="slate"], [data-bs-theme="dark"] {', 1)
    assert re.search(r"--kudos-ink: (#[0-9a-f]+);", light).group(1) == ink  # type: ignore[union-attr]
    assert re.search(r"--kudos-ink-quiet: (#[0-9a-f]+);", light).group(1) == quiet  # type: ignore[union-attr]
    # The light palette is declared on the notes themselves too, so the dark one never reaches them.
    selector = light[light.index(":root, :where("):].split("{")[0]
    for note in (".kudos-entry", ".kudos-tv-slide", ".kudos-card", ".kudos-sticky"):
        assert note in selector, note


def test_a_person_keeps_their_colour_and_initials() -> None:
    assert look.avatar("ana-lima") == look.avatar("ana-lima")
    assert len({look.avatar(f"person-{n}") for n in range(200)}) == len(look.AVATARS)
    assert look.initials("Ana Lima") == "AL"
    assert look.initials("Tomás de la Cruz Herrera") == "TH"
    assert look.initials("Prince") == "P"


def test_principle_colours_come_from_the_site_else_the_palette() -> None:
    colors = look.principle_colors(["a", "b", "c"], {"b": "#123456"})
    assert colors == {"a": look.PRINCIPLE_COLORS[0], "b": "#123456", "c": look.PRINCIPLE_COLORS[2]}
    assert '[data-principle="b"]{--kudos-chip-color:#123456}' in look.principles_css(colors)
    assert check_colors({"patience": "#ABCDEF"}) == (("patience", "#abcdef"),)
    with pytest.raises(SettingsError, match="#rrggbb"):
        check_colors({"patience": "red; background: url(x)"})


def test_a_dozen_people_get_a_dozen_different_colours() -> None:
    """The sample's twelve people once shared four olives between them: colours are shared out, not only hashed."""
    ids = [f"person-{n}" for n in range(len(look.AVATARS))]
    slots = look.avatar_slots(ids)
    assert sorted(slots.values()) == list(range(len(look.AVATARS)))
    assert look.avatar_slots(reversed(ids)) == slots  # the same whatever order people.yml lists them in
    more = look.avatar_slots([*ids, "person-extra"])
    assert len(set(more.values())) == len(look.AVATARS)  # the thirteenth shares, only then
    # Someone added later keeps everyone else's colour where theirs is free.
    assert sum(more[i] != slots[i] for i in ids) <= 1


def test_every_pair_of_initials_colours_is_told_apart_in_both_schemes() -> None:
    for scheme in (0, 1):
        colours = [pair[scheme][0] for pair in look.AVATARS]
        assert len(set(colours)) == len(colours)
