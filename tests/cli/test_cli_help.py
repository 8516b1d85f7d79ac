"""The command's help: every command's one-line summary is whole, in an 80-column terminal."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sites import env


def helptext(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "kudoswall.cli", *args, "--help"],
        env={**env(), "COLUMNS": "80"}, capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("group", [(), ("inbox",), ("card",)], ids=["kudos", "inbox", "card"])
def test_no_summary_is_cut_off(group: tuple[str, ...]) -> None:
    text = helptext(*group)
    commands = text.split("Commands:\n", 1)[1].splitlines()
    assert commands
    for line in commands:
        assert not line.rstrip().endswith("..."), line
        assert line.rstrip().endswith("."), line  # a whole sentence


def test_the_top_level_help_offers_init() -> None:
    text = helptext()
    assert "init    Start a site, or add the wall to an existing one." in text
    assert "Give, check and manage kudos" in text
