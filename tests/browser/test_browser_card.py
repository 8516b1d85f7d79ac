"""The card page feels like a card everyone signed: on a desktop it lies
open, the greeting on the front panel beside the signatures inside; a few
signatures share out the inside's whole width, confetti in real colours stays clear of every
word of the greeting, and the dates beside the names are quiet links."""

from __future__ import annotations

import colorsys
import re
from typing import Any

import pytest
from browserkit import Served

CARD = "cards/ben-birthday-2026/"  # the sample's birthday card: four signatures

LOOK = """() => {
  const list = document.querySelector('.kudos-card__signatures').getBoundingClientRect();
  const signatures = [...document.querySelectorAll('.kudos-signature')].map(s => {
    const b = s.getBoundingClientRect(); return {left: b.left, right: b.right, top: b.top}; });
  const confetti = document.querySelector('.kudos-card__confetti');
  const band = confetti.getBoundingClientRect();
  // Every line of text on the front of the card, as the reader sees it.
  const words = [];
  const walker = document.createTreeWalker(document.querySelector('.kudos-card__front'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    if (!walker.currentNode.textContent.trim()) continue;
    const range = document.createRange(); range.selectNodeContents(walker.currentNode);
    for (const r of range.getClientRects()) words.push({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
  }
  const front = document.querySelector('.kudos-card__front').getBoundingClientRect();
  const inside = document.querySelector('.kudos-card__inside').getBoundingClientRect();
  return {list: {left: list.left, right: list.right}, signatures, words,
          front: {left: front.left, right: front.right, top: front.top},
          inside: {left: inside.left, right: inside.right, top: inside.top},
          band: {left: band.left, right: band.right, top: band.top, bottom: band.bottom},
          colours: getComputedStyle(confetti).backgroundImage.match(/rgba?\\([^)]*\\)/g) || [],
          dates: [...document.querySelectorAll('.kudos-signature__date')].map(a => getComputedStyle(a).textDecorationLine)};
}"""


def saturated_hues(colours: list[str]) -> set[int]:
    hues = set()
    for colour in colours:
        r, g, b, *alpha = (float(v) for v in re.findall(r"[\d.]+", colour))
        if alpha and alpha[0] == 0:
            continue
        hue, lightness, saturation = colorsys.rgb_to_hls(r / 255, g / 255, b / 255)
        if saturation > 0.5 and 0.25 < lightness < 0.8:
            hues.add(round(hue * 12) % 12)  # twelve hue families
    return hues


@pytest.mark.parametrize("width", [1920, 390])
def test_a_card_reads_as_signed_by_everyone(sample_site: Served, new_page: Any, width: int) -> None:
    page = new_page(viewport={"width": width, "height": 1000})
    page.goto(sample_site.at(CARD))
    seen = page.evaluate(LOOK)
    signatures, row = seen["signatures"], seen["list"]
    assert len(signatures) == 4
    # Spread across the whole width: the signatures reach both sides of the card's inside.
    assert min(s["left"] for s in signatures) - row["left"] <= 0.08 * (row["right"] - row["left"]), seen
    assert row["right"] - max(s["right"] for s in signatures) <= 0.08 * (row["right"] - row["left"]), seen
    front, inside = seen["front"], seen["inside"]
    if width == 1920:
        # An open card: the front panel on the left, the inside beside it, as wide again or more.
        assert abs(front["top"] - inside["top"]) < 1 and front["right"] <= inside["left"] + 1, seen
        assert inside["right"] - inside["left"] >= 1.3 * (front["right"] - front["left"]), seen
        tops = sorted(s["top"] for s in signatures)  # (each hangs a little crooked)
        assert tops[2] - tops[0] < 20, "three signatures side by side inside the card on a desktop"
    else:
        assert inside["top"] > front["top"], "on a phone the inside follows the front"
    # Confetti in real colours, never on a word (once a dot sat on the comma of "Happy birthday,").
    assert len(saturated_hues(seen["colours"])) >= 4, seen["colours"]
    band = seen["band"]
    for word in seen["words"]:
        assert word["bottom"] <= band["top"] or word["top"] >= band["bottom"] or word["right"] <= band["left"] \
            or word["left"] >= band["right"], f"confetti over the words at {word}"
    assert set(seen["dates"]) == {"none"}, "a signature's date is a quiet link, not underlined"
