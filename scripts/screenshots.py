"""Pictures of every kind of page the plugin makes, as a person sees them.

Builds the sample site (this repository's mkdocs.yml, docs/ and kudos/) for
a fixed day (KUDOS_TODAY=2026-11-25), serves it on 127.0.0.1 and renders each
page type with headless Chromium at desktop/TV and phone width, in the light
and the dark scheme, with the browser's clock fixed to the same day.

    python scripts/screenshots.py                 # the README's pictures -> docs/assets/screenshots/
    python scripts/screenshots.py --all --out DIR # every page type, both widths, both schemes

Needs Playwright for Python (the test extra) and Chromium (/usr/bin/chromium,
or KUDOS_CHROMIUM). PNGs are palette-quantised with Pillow when it is
installed, to keep the README's pictures small; --all pictures keep their
true colours (a 128-colour palette shifts avatar and chip hues between
pictures, which a reviewer would take for a bug).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-25"
CLOCK = f"{TODAY}T10:00:00Z"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
    # Only our own server answers: web fonts and badges fail at once.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]

# name: site path. One of each kind of page the plugin makes, plus the home page.
PAGES = {
    "home": "",
    "wall": "kudos/",
    "wall-page-2": "kudos/page/2/",
    "month": "kudos/2026/11/",
    "people": "people/",
    "person": "people/ben-okafor/",
    "principle": "principles/patience/",
    "give": "kudos/give/",
    "tv": "kudos/tv/",
    "card": "cards/ben-birthday-2026/",
    "cards": "cards/",
    "campaign": "campaigns/csw-2026/",
    "campaigns": "campaigns/",
    "team": "teams/support/",
    "teams": "teams/",
    "celebrations": "celebrations/",
    "celebrations-month": "celebrations/2026-12/",
    "little-things": "little-things/",
    "stats": "kudos/stats/",
    "principles": "principles/",
    "changes": "changes/",
}
WIDTHS = {"tv": 1920, "phone": 390, "portrait": 1080}  # portrait: an office screen on its side (tv page only)
HEIGHTS = {"tv": 1080, "phone": 844, "portrait": 1920}
SCHEMES = ("light", "dark")

# (page, width, scheme): the README's handful.
README = [
    ("wall", "tv", "light"), ("wall", "phone", "dark"), ("person", "tv", "light"),
    ("card", "tv", "light"), ("tv", "tv", "dark"),
]


def build(root: Path) -> Path:
    # A clone first, so /changes/ and "Last updated" have the repository's
    # history; then the working tree's files over it, so edits not yet
    # committed are in the pictures too.
    clone = subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(REPO), str(root)], check=False)
    for name in ("mkdocs.yml", "docs", "kudos", "overrides"):
        if clone.returncode == 0 and (root / name).is_dir():
            shutil.rmtree(root / name)
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            shutil.copy2(source, root / name)
    site = root / "site"
    env = {**os.environ, "KUDOS_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=root, env=env, check=True)
    return site


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def shrink(path: Path) -> None:
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "assets" / "screenshots")
    parser.add_argument("--all", action="store_true", help="every page type, width and scheme")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not one screen")
    parser.add_argument("--page", action="append", choices=list(PAGES), help="only these pages (with --all: all widths and schemes)")
    args = parser.parse_args()
    shots = (
        [(p, w, s) for p in PAGES for w in WIDTHS for s in SCHEMES if w != "portrait" or p == "tv"]
        if args.all else README
    )
    if args.page:
        shots = [shot for shot in shots if shot[0] in args.page]
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("KUDOS_CHROMIUM") or "/usr/bin/chromium"
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = build(Path(tmp))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
            for page_name, width, scheme in shots:
                height = HEIGHTS[width]
                context = browser.new_context(
                    viewport={"width": WIDTHS[width], "height": height}, color_scheme=scheme,
                    reduced_motion="reduce",
                )
                context.clock.set_fixed_time(CLOCK)
                page = context.new_page()
                page.goto(base + PAGES[page_name])
                page.evaluate("document.fonts.ready")
                target = args.out / f"{page_name}-{width}-{scheme}.png"
                page.screenshot(path=str(target), full_page=args.full_page, animations="disabled")
                context.close()
                if not args.all:
                    shrink(target)
                print(f"{target.relative_to(REPO) if target.is_relative_to(REPO) else target}"
                      f"  {target.stat().st_size // 1024} KB")
            browser.close()
        httpd.shutdown()


if __name__ == "__main__":
    main()
