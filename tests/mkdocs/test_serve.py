"""`mkdocs serve` rebuilds when anything under kudos/ changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from sites import Site, env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, needle: str, present: bool = True, timeout: float = 45) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if (needle in last) == present:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} {'never appeared' if present else 'never left'} at {url}")


@pytest.fixture
def served(site: Site) -> Iterator[tuple[Site, str]]:
    site.write_config()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", "mkdocs.yml"],
        cwd=site.root, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        yield site, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_adding_editing_and_deleting_an_entry_reloads_the_site(served: tuple[Site, str]) -> None:
    site, base = served
    wait_for(base + "kudos/", "A billing rescue")
    path = site.entry("2026/11/new.yml", date="2026-11-24", giver="cleo-park", to="dev-iyer",
                      message="Freshly added while the server runs.")
    wait_for(base + "kudos/", "Freshly added while the server runs.")
    path.write_text(path.read_text().replace("Freshly added", "Edited"), encoding="utf-8")
    wait_for(base + "kudos/", "Edited while the server runs.")
    path.unlink()
    wait_for(base + "kudos/", "Edited while the server runs.", present=False)


def test_editing_people_reloads_the_directory(served: tuple[Site, str]) -> None:
    site, base = served
    wait_for(base + "people/", "Cleo Park")
    people = site.root / "kudos/people.yml"
    people.write_text(people.read_text().replace("Cleo Park", "Cleo Park-Lee"), encoding="utf-8")
    wait_for(base + "people/", "Cleo Park-Lee")
