from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sites import Site, make_site


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """A fresh fixture site in a temp folder; tests add or break files, then build."""
    return make_site(tmp_path / "site-src")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `forks` run first, while this process has one thread.

    A build forks a second process only when no other thread runs, and
    session fixtures (the browser, test servers) start threads that live
    until the end: these tests must see the process as a build does.
    """
    items.sort(key=lambda item: item.get_closest_marker("forks") is None)
