"""Pictures of the give flow on a phone, and the taps and keys it takes.

Builds the sample site (this repository's mkdocs.yml, docs/ and kudos/) for
2026-11-25 with an intake on 127.0.0.1 (`kudos inbox serve`), then, in
headless Chromium at 390 x 844 with touch, thanks Ben twice as a new
employee whose From this device remembers and who gave the access code once
before: from Ben's page, and from the wall. Each tap is a Playwright tap;
each key is counted. It writes docs/assets/screenshots/give-*.png and prints
the counts.

    python scripts/give_screenshots.py [--out DIR]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-25"
PHONE: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "has_touch": True,
                         "is_mobile": True}
MESSAGE = "Thanks for yesterday: you stayed on the call until the customer smiled."


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def sample_site(root: Path, intake_url: str) -> Path:
    for name in ("mkdocs.yml", "docs", "kudos"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("_inbox", "_notified.json"))
        else:
            shutil.copy2(source, root / name)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - kudos:\n", f"  - kudos:\n      give_intake_url: {intake_url}\n", 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = {**os.environ, "KUDOS_TODAY": TODAY}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")], cwd=root, env=env, check=True)
    return root / "site"


class Counter:
    """Taps and keys, as a person would count them."""

    def __init__(self, page: Any) -> None:
        self.page, self.taps, self.keys = page, 0, 0

    def tap(self, locator: Any) -> None:
        locator.tap()
        self.taps += 1

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.keys += len(text)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.keys += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs/assets/screenshots")
    args = parser.parse_args()

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        port = free_port()
        site_dir = sample_site(root, f"http://127.0.0.1:{port}/api/kudos")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site_dir)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        token = secrets.token_urlsafe(18)
        (root / "token").write_text(token + "\n", encoding="utf-8")
        os.chmod(root / "token", 0o600)
        inbox = subprocess.Popen(
            [sys.executable, "-m", "kudoswall.cli", "inbox", "serve", "--port", str(port), "--token-file", str(root / "token"),
             "--allow-origin", base.rstrip("/"), "--log-level", "warning"],
            cwd=root, env={**os.environ, "KUDOS_TODAY": TODAY}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            shoot(base, token, args.out)
        finally:
            inbox.terminate()
            inbox.wait(timeout=15)
            server.shutdown()


def shoot(base: str, token: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("KUDOS_CHROMIUM", "/usr/bin/chromium"),
                                             args=["--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"])
        context = browser.new_context(**PHONE)
        context.clock.set_fixed_time(f"{TODAY}T10:00:00Z")
        page = context.new_page()
        # Before: From remembered, the access code given once.
        page.goto(base + "kudos/give/")
        page.evaluate("([t]) => { localStorage.setItem('kudos-give-from', 'ana-lima');"
                      " localStorage.setItem('kudos-intake-token', t); }", [token])

        # From Ben's page.
        page.goto(base + "people/ben-okafor/")
        page.screenshot(path=str(out / "give-1-person-page.png"))
        count = Counter(page)
        count.tap(page.get_by_role("link", name="Thank Ben", exact=True).first)
        page.wait_for_selector("form[data-kudos-give][data-ready]", state="attached")
        page.screenshot(path=str(out / "give-2-prefilled.png"))
        count.tap(page.locator("#kudos-message"))
        count.type(MESSAGE)
        page.locator("#kudos-preview").scroll_into_view_if_needed()
        page.wait_for_timeout(700)  # the theme fades its header title as the page scrolls
        page.screenshot(path=str(out / "give-3-preview.png"))
        count.tap(page.locator("#kudos-submit"))
        page.wait_for_function("document.getElementById('kudos-next').textContent.includes('waiting for approval')")
        page.locator("#kudos-give-result").scroll_into_view_if_needed()
        page.wait_for_timeout(700)
        page.screenshot(path=str(out / "give-4-sent.png"))
        person = (count.taps, count.keys - len(MESSAGE))

        # From the wall.
        page.goto(base + "kudos/")
        count = Counter(page)
        count.tap(page.get_by_role("link", name="Thank someone", exact=True).first)
        page.wait_for_selector("form[data-kudos-give][data-ready]", state="attached")
        count.tap(page.locator("#kudos-to"))
        page.fill("#kudos-to", "")
        count.type("ben")
        page.screenshot(path=str(out / "give-5-picker.png"))
        count.press("Enter")  # picks Ben Okafor, the highlighted match
        count.press("Enter")  # on to the message (a phone keyboard's Next does the same)
        count.type(MESSAGE)
        count.tap(page.locator("#kudos-submit"))
        page.wait_for_function("document.getElementById('kudos-next').textContent.includes('waiting for approval')")
        wall = (count.taps, count.keys - len(MESSAGE))

        # Me too on a note of the wall.
        page.goto(base + "kudos/")
        note = page.locator("article[data-kudos-id]:has([data-kudos-metoo])").first
        note.scroll_into_view_if_needed()
        page.wait_for_timeout(700)
        page.screenshot(path=str(out / "give-6-me-too-link.png"))
        note.locator("[data-kudos-metoo]").tap()
        page.wait_for_selector("form[data-kudos-give][data-ready]", state="attached")
        page.keyboard.type("Me too!")
        page.screenshot(path=str(out / "give-7-me-too.png"))
        browser.close()
    print(f"from Ben's page: {person[0]} taps, {person[1]} keys besides the message")
    print(f"from the wall: {wall[0]} taps, {wall[1]} keys besides the message")


if __name__ == "__main__":
    main()
