"""Fixtures of the browser suite: built sites served over HTTP, one headless Chromium.

Chromium (Debian's, /usr/bin/chromium) and Playwright's Python client are
required. Outside CI a missing browser skips the suite with the reason; with
CI set it fails instead, so a broken CI machine can never pass silently.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import axe
from browserkit import (
    CHROMIUM_ARGS,
    REPO,
    Served,
    StaticServer,
    build_ok,
    chromium_path,
    make_company,
)

from sites import TODAY, Built, env

BROWSER_NOW = f"{TODAY}T12:00:00Z"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason} (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        _unavailable("chromium is not installed (apt-get install chromium, or set KUDOS_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context_factory(browser: Any) -> Iterator[Callable[..., Any]]:
    """New isolated browser contexts (own storage, clock, media), closed after the test."""
    contexts: list[Any] = []

    def make(**options: Any) -> Any:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        # The fixtures are built for TODAY; the page must see that day too, or
        # the script swaps in the machine's day and the suite depends on it.
        context.clock.set_fixed_time(BROWSER_NOW)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def new_page(context_factory: Callable[..., Any]) -> Callable[..., Any]:
    """A fresh page in its own context; page errors fail the test."""

    def make(**options: Any) -> Any:
        page = context_factory(**options).new_page()
        page.errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    return make


@pytest.fixture(scope="session")
def axe_source() -> str:
    try:
        return axe.ensure().read_text(encoding="utf-8")
    except RuntimeError as error:
        _unavailable(str(error))
        raise


@pytest.fixture(scope="module")
def axe_page(browser: Any, axe_source: str) -> Iterator[Callable[..., Any]]:
    """One reusable page per set of context options, with axe loaded into every document.

    For read-only checks (axe, layout): reusing the page keeps the suite fast.
    """
    pages: dict[str, Any] = {}

    def get(**options: Any) -> Any:
        key = repr(sorted(options.items()))
        if key not in pages:
            options.setdefault("viewport", {"width": 1280, "height": 900})
            context = browser.new_context(**options)
            context.set_default_timeout(10_000)
            context.clock.set_fixed_time(BROWSER_NOW)
            context.add_init_script(script=axe_source)
            pages[key] = context.new_page()
        return pages[key]

    yield get
    for page in pages.values():
        page.context.close()


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve a folder over HTTP on 127.0.0.1; returns its base URL (ending in '/')."""
    servers: list[StaticServer] = []

    def start(directory: Path) -> str:
        server = StaticServer(directory)
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.close()


@pytest.fixture(scope="session")
def build_company(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> Callable[..., Served]:
    """Build (once per distinct arguments) and serve a fixture company."""
    cache: dict[str, Served] = {}

    def build(theme: Any = None, extra_config: dict[str, Any] | None = None, **options: Any) -> Served:
        key = repr((theme, sorted((extra_config or {}).items()), sorted(options.items())))
        if key not in cache:
            site = make_company(tmp_path_factory.mktemp("company"), theme=theme, **options)
            site.extra_config.update(extra_config or {})
            built = build_ok(site)
            cache[key] = Served(built, serve(built.site_dir), site)
        return cache[key]

    return build


@pytest.fixture(scope="session")
def material_site(build_company: Callable[..., Served]) -> Served:
    return build_company()


@pytest.fixture(scope="session")
def mkdocs_theme_site(build_company: Callable[..., Served]) -> Served:
    return build_company(theme={"name": "mkdocs"})


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> Served:
    """The repository's own sample site (Material, teal and deep orange), built strictly."""
    root = tmp_path_factory.mktemp("sample")
    for name in ("mkdocs.yml", "docs", "kudos"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    site_dir = root / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site_dir)],
        check=False, cwd=root, env=env(), capture_output=True, text=True, timeout=300,
    )
    built = Built(root, site_dir, result.returncode, result.stdout + result.stderr)
    assert built.ok, built.log
    return Served(built, serve(site_dir))
