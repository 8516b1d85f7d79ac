"""requirements.txt names where this copy of the plugin came from, in a form pip and CI accept."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from kudoswall.starter.origin import _from_checkout, requirement


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.test",
           "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.test"}
    done = subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True, timeout=30)
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("git@github.com:acme/kudoswall.git", "git+https://github.com/acme/kudoswall.git@"),  # CI has no ssh key
        ("https://gitlab.example.com/acme/kudoswall", "git+https://gitlab.example.com/acme/kudoswall@"),
        ("/srv/mirror/kudoswall", ""),  # a folder CI cannot reach: no git address at all
    ],
)
def test_a_checkout_is_traced_to_its_remote_and_commit(tmp_path: Path, remote: str, expected: str) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "f").write_text("x", encoding="utf-8")
    git(tmp_path, "add", "f")
    git(tmp_path, "commit", "-qm", "one")
    git(tmp_path, "remote", "add", "origin", remote)
    found = _from_checkout(f"file://localhost{tmp_path}")
    if expected:
        assert found == expected + git(tmp_path, "rev-parse", "HEAD")
    else:
        assert found == ""


def test_this_installation_gives_a_line_pip_accepts() -> None:
    line = requirement(material=True)
    assert line.line.startswith("mkdocs-kudoswall[material]")
    assert "file:///" not in line.line  # pip refuses `name @ git+file:///path`; file://localhost/path it takes
    if "file:" in line.line:
        assert "CI cannot reach" in line.note
