"""The wall by keyboard alone: every link reachable by Tab, in reading order,
never hidden under the theme's sticky header, with a focus indicator a
person can see; and the pager followed with Enter."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from browserkit import OURS

THEMES = {
    "material-light": ({}, "light"),
    "material-slate": ({}, "dark"),
    "mkdocs-light": ({"theme": {"name": "mkdocs"}}, "light"),
    "mkdocs-dark": ({"theme": {"name": "mkdocs", "color_mode": "dark"}}, "dark"),
}

MARK = """ours => {
  const focusable = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  const found = [];
  for (const block of document.querySelectorAll(ours)) {
    if (block.parentElement && block.parentElement.closest(ours)) continue;  // nested block
    for (const el of block.querySelectorAll(focusable)) {
      // (A note shown higher up the page is hidden lower down: it takes no focus.)
      if (!found.includes(el) && el.checkVisibility()) found.push(el);
    }
  }
  found.forEach((el, i) => el.setAttribute('data-kb', String(i)));
  return found.map(el => el.textContent.trim());
}"""

ACTIVE = """async () => {
  const el = document.activeElement;
  if (!el || !el.hasAttribute('data-kb')) return null;
  // Let smooth scrolling and the theme's transitions (Material's search
  // overlay fading out after Tab leaves the search box) come to rest.
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  let last = '';
  for (let i = 0; i < 120; i++) {
    await frame();
    const now = JSON.stringify(el.getBoundingClientRect()) + scrollY;
    // (Colour transitions do not move anything.)
    const moving = document.getAnimations().some(a => a.playState === 'running'
      && !/color$/.test(a.transitionProperty || ''));
    if (now === last && !moving) break;
    last = now;
  }
  const r = el.getBoundingClientRect();
  // Focus Not Obscured (WCAG 2.4.11): some point of the element is on top.
  const points = [[r.left + r.width / 2, r.top + r.height / 2], [r.left + 2, r.top + 2],
                  [r.right - 2, r.bottom - 2], [r.left + 2, r.bottom - 2], [r.right - 2, r.top + 2]];
  const visible = points.some(([x, y]) => {
    const hit = document.elementFromPoint(x, y);
    return hit && (hit === el || el.contains(hit));
  });
  return {index: Number(el.getAttribute('data-kb')), visible, box: {x: r.x, y: r.y, width: r.width, height: r.height}};
}"""

# Run in a blank page: compare pictures of the same area before and after a
# link has focus: how many pixels changed, and how many changed with a
# contrast of at least 3:1 (what WCAG 1.4.11 asks of a focus indicator).
COMPARE = """async ([before, after]) => {
  const pixels = async b64 => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width; canvas.height = img.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    return ctx.getImageData(0, 0, img.width, img.height).data;
  };
  const lum = (d, i) => [d[i], d[i + 1], d[i + 2]]
    .map(v => v / 255).map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((s, v, k) => s + v * [0.2126, 0.7152, 0.0722][k], 0);
  const a = await pixels(before), b = await pixels(after);
  if (a.length !== b.length) return {changed: -1, strong: -1};
  let changed = 0, strong = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (a[i] === b[i] && a[i + 1] === b[i + 1] && a[i + 2] === b[i + 2]) continue;
    changed++;
    const [u, v] = [lum(a, i), lum(b, i)];
    if ((Math.max(u, v) + 0.05) / (Math.min(u, v) + 0.05) >= 3) strong++;
  }
  return {changed, strong};
}"""


def tab_until(page: Any, predicate: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({predicate}); }}"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate}")


@pytest.mark.parametrize("theme", list(THEMES))
def test_every_wall_link_is_reachable_by_tab_in_order_and_not_obscured(
    build_company: Any, new_page: Any, theme: str
) -> None:
    arguments, scheme = THEMES[theme]
    served = build_company(**arguments)
    page = new_page(color_scheme=scheme)
    page.goto(served.at("kudos/"))
    labels = page.evaluate(MARK, OURS)
    # The featured set, the list, the pager and the months: a few dozen links.
    assert len(labels) >= 25, labels
    assert {"Older", "2"} <= set(labels)

    seen: list[int] = []
    hidden: list[str] = []
    for _ in range(len(labels) + 60):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active is None:
            if seen:
                break  # left our blocks after the last of them
            continue
        seen.append(active["index"])
        for _ in range(5):  # a busy machine may still be scrolling
            if active["visible"]:
                break
            page.wait_for_timeout(200)
            active = page.evaluate(ACTIVE)
        if not active["visible"]:
            hidden.append(f"{labels[active['index']]} at {active['box']}")
    assert seen == list(range(len(labels))), (
        f"Tab order over the wall's links: {[labels[i] for i in seen]} instead of {labels}"
    )
    assert hidden == [], f"focused but covered by something else: {hidden}"


@pytest.mark.parametrize("theme", [*THEMES, "sample-light", "sample-dark"])
def test_every_wall_link_shows_a_visible_focus_indicator(
    build_company: Any, context_factory: Any, request: pytest.FixtureRequest, theme: str
) -> None:
    if theme.startswith("sample"):  # the sample site, in its own palette
        served, scheme = request.getfixturevalue("sample_site"), theme.split("-")[1]
    else:
        arguments, scheme = THEMES[theme]
        served = build_company(**arguments)
    context = context_factory(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served.at("kudos/"))
    labels = page.evaluate(MARK, OURS)
    # A viewport as tall as the page: nothing scrolls, so before and after
    # pictures of each link are taken at the same place.
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": 1280, "height": height})
    page.mouse.move(0, 0)
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('[data-kb]')].map(el => {
             const r = el.getBoundingClientRect();
             const x = Math.max(0, Math.floor(r.x) - 8), y = Math.max(0, Math.floor(r.y) - 8);
             return {x, y, width: Math.ceil(r.right) + 8 - x, height: Math.ceil(r.bottom) + 8 - y};
           })"""
    )
    # One link of each kind (same classes, same parent, same block) stands for
    # the others: they share their focus style and their background.
    kinds = page.evaluate(
        """() => [...document.querySelectorAll('[data-kb]')].map(el => [el.className, el.parentElement.className,
             el.closest('[data-featured]') ? 'featured' : '', el.closest('.kudos-review, .kudos-pager') ? 'x' : ''].join('|'))"""
    )
    sample = sorted({kind: index for index, kind in reversed(list(enumerate(kinds)))}.values())
    assert len(sample) >= 6, kinds
    before = {index: page.screenshot(clip=boxes[index], animations="disabled") for index in sample}
    blank = context.new_page()

    failures = []
    for index in sample:
        label = labels[index]
        if index == 0:
            tab_until(page, "el.getAttribute('data-kb') === '0'", limit=80)
        else:  # from the link before it, one real Tab (the order itself is tested above)
            page.evaluate(f"document.querySelector('[data-kb=\"{index - 1}\"]').focus()")
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.getAttribute('data-kb')") == str(index), label
        after = page.screenshot(clip=boxes[index], animations="disabled")
        diff = blank.evaluate(COMPARE, [base64.b64encode(shot).decode() for shot in (before[index], after)])
        style = page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                 return [s.outlineStyle, s.outlineWidth, s.boxShadow].join(' '); }"""
        )
        # A ring around even the smallest link ("1") changes dozens of pixels.
        if diff["strong"] < 24:
            failures.append(f"{label!r}: {diff['changed']} pixels change, {diff['strong']} at 3:1 ({style})")
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("theme", ["material-light", "mkdocs-light"])
def test_the_pager_works_from_the_keyboard(build_company: Any, new_page: Any, theme: str) -> None:
    served = build_company(**THEMES[theme][0])
    page = new_page()
    page.goto(served.at("kudos/"))
    pager = page.locator(".kudos-pager")
    assert pager.get_attribute("aria-label")
    assert page.locator(".kudos-pager [aria-current='page']").inner_text() == "1"

    tab_until(page, "el.classList.contains('kudos-pager__next')")
    page.keyboard.press("Enter")
    page.wait_for_url(served.at("kudos/page/2/"))
    assert page.locator(".kudos-pager [aria-current='page']").inner_text() == "2"

    tab_until(page, "el.closest('.kudos-pager') && el.textContent.trim() === '3'")
    page.keyboard.press("Enter")
    page.wait_for_url(served.at("kudos/page/3/"))
    assert page.locator(".kudos-pager [aria-current='page']").inner_text() == "3"

    tab_until(page, "el.classList.contains('kudos-pager__prev')")
    page.keyboard.press("Enter")
    page.wait_for_url(served.at("kudos/page/2/"))

    # Backwards too: Shift+Tab from the end of the page reaches the pager.
    page.keyboard.press("End")
    page.evaluate("document.querySelector('.kudos-months a:last-of-type').focus()")
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.textContent.trim() === '1'"):
            break
    else:
        raise AssertionError("Shift+Tab never reached page 1 of the pager")
    page.keyboard.press("Enter")
    page.wait_for_url(served.at("kudos/"))
