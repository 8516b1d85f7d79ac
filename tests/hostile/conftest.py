from __future__ import annotations

from pathlib import Path

import pytest

from data_folders import make_root


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A data folder with two people and two principles; tests add hostile files."""
    return make_root(tmp_path)
