"""One colour per principle wherever it shows: its chips' dots on the notes,
the dot on its band on the principles index and its bar on the stats page."""

from __future__ import annotations

from typing import Any

COLOURS = """sel => Object.fromEntries([...document.querySelectorAll(sel)].map(e => [e.closest('[data-principle]').dataset.principle,
  getComputedStyle(e, e.matches('.kudos-chip, .kudos-principle-card__title') ? '::before' : null).backgroundColor]))"""


def test_a_principle_wears_one_colour_on_notes_index_and_stats(material_site: Any, new_page: Any) -> None:
    page = new_page(viewport={"width": 1280, "height": 900})
    seen: dict[str, dict[str, str]] = {}
    for url, selector in (("kudos/", ".kudos-entry .kudos-chip"), ("principles/", ".kudos-principle-card__title"),
                          ("kudos/stats/", "[data-principle] .kudos-chart__bar span[aria-hidden]")):
        page.goto(material_site.at(url))
        seen[url] = page.evaluate(COLOURS, selector)
        assert seen[url], f"no principle colours on {url}"
    stats = seen["kudos/stats/"]
    assert set(stats) == set(seen["principles/"])  # every principle has its bar
    for url, colours in seen.items():
        for principle, colour in colours.items():
            assert colour == stats[principle], f"{principle}: {colour} on {url}, {stats[principle]} on the stats page"
    assert len(set(stats.values())) == len(stats)  # no two principles share a colour


# Every note's paper, ink and chip dots as Chromium draws them: colours as [r, g, b] in 0..1.
PAPER = """sel => {
  const probe = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
  const rgb = css => { probe.clearRect(0, 0, 1, 1); probe.fillStyle = '#000'; probe.fillStyle = css; probe.fillRect(0, 0, 1, 1);
                       return [...probe.getImageData(0, 0, 1, 1).data].slice(0, 3).map(v => v / 255); };
  // The dot's edge: its rim where it has one, else the dot itself.
  const rim = dot => dot.boxShadow === 'none' ? dot.backgroundColor : dot.boxShadow.match(/^(.*?\\))\\s/)[1];
  return [...document.querySelectorAll(sel)].filter(n => n.checkVisibility()).map(n => ({
    paper: rgb(getComputedStyle(n).backgroundColor),
    ink: rgb(getComputedStyle(n).color),
    dots: [...n.querySelectorAll('.kudos-chip, .kudos-tv-slide__principles li')].map(c => ({
      chip: rgb(getComputedStyle(c).backgroundColor), rim: rgb(rim(getComputedStyle(c, '::before')))})),
  }));
}"""


def _luminance(rgb: list[float]) -> float:
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: list[float], b: list[float]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_in_the_dark_scheme_every_note_stays_light_paper_with_dark_ink_and_visible_chip_dots(
    material_site: Any, new_page: Any
) -> None:
    """The campaign's sticky notes stay bright in the dark; so does every note on the wall and the office screen."""
    page = new_page(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    for url, selector in (("kudos/", ".kudos-entry"), ("kudos/tv/", ".kudos-tv-slide")):
        page.goto(material_site.at(url))
        page.wait_for_selector(selector)
        page.evaluate("Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        notes = page.evaluate(PAPER, selector)
        assert notes, url
        for note in notes:
            assert _luminance(note["paper"]) > 0.75, f"{url}: dark paper {note['paper']}"
            assert _contrast(note["ink"], note["paper"]) >= 7, f"{url}: ink {note['ink']} on {note['paper']}"
            for dot in note["dots"]:
                assert _contrast(dot["rim"], dot["chip"]) >= 3, f"{url}: a chip dot fades into its chip: {dot}"
        assert any(note["dots"] for note in notes), f"{url}: no principle chips to check"


def test_a_card_fronts_initials_keep_their_light_paper_colours_in_the_dark_scheme(sample_site: Any, new_page: Any) -> None:
    """The card stays light paper in the dark, so the faces on it keep the colours they have on light paper."""
    faces = {}
    for scheme in ("light", "dark"):
        page = new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page.goto(sample_site.at("cards/"))
        faces[scheme] = page.evaluate("""() => [...document.querySelectorAll('.kudos-cardfront .kudos-avatar')]
            .map(a => getComputedStyle(a).backgroundColor)""")
    assert faces["light"] and faces["dark"] == faces["light"], faces


BARS = """() => {
  const probe = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
  const rgb = css => { probe.clearRect(0, 0, 1, 1); probe.fillStyle = '#000'; probe.fillStyle = css; probe.fillRect(0, 0, 1, 1);
                       return [...probe.getImageData(0, 0, 1, 1).data].slice(0, 3).map(v => v / 255); };
  const ground = e => { for (let n = e.parentElement; n; n = n.parentElement) {
      const bg = getComputedStyle(n).backgroundColor; if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg; }
    return getComputedStyle(document.body).backgroundColor; };
  return [...document.querySelectorAll('.kudos-chart__bar span[aria-hidden]')].filter(b => b.offsetWidth > 4)
    .map(b => { const s = getComputedStyle(b);
      // The bar's edge: its rim where it has one, else its fill.
      const edge = s.boxShadow === 'none' ? s.backgroundColor : s.boxShadow.match(/^(.*?\\))\\s/)[1];
      return {bar: rgb(edge), ground: rgb(ground(b)), row: b.closest('tr').textContent.trim().slice(0, 30)}; });
}"""


def test_in_the_dark_scheme_every_chart_bar_stands_out_from_its_tile(sample_site: Any, new_page: Any) -> None:
    """A bar is the chart's picture (WCAG 1.4.11: 3:1); the site's primary teal, tuned for light pages, was 2:1 here."""
    page = new_page(viewport={"width": 1920, "height": 1080}, color_scheme="dark")
    page.goto(sample_site.at("kudos/stats/"))
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    bars = page.evaluate(BARS)
    assert len(bars) >= 12
    weak = [(round(_contrast(b["bar"], b["ground"]), 2), b["row"]) for b in bars if _contrast(b["bar"], b["ground"]) < 3]
    assert not weak, weak
