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

