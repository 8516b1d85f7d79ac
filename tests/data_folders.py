"""Small on-disk data folders (people, principles, entries), loaded by the real loader: for the validator and hostile suites."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kudoswall.core.data.dataset import load
from kudoswall.core.data.model import Dataset
from kudoswall.core.data.project import make_project

TODAY = dt.date(2026, 11, 25)

PEOPLE = """\
ana-lima:
  name: Ana Lima
ben-okafor:
  name: Ben Okafor
  birthday: "11-20"
"""

GOOD = """\
date: 2026-11-01
from: ana-lima
to: ben-okafor
principles: [patience]
message: Thanks for the calm.
"""


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def make_root(root: Path) -> Path:
    write(root, "kudos/people.yml", PEOPLE)
    write(root, "docs/principles/patience.md", "# Patience\n")
    write(root, "docs/principles/little-wows.md", "---\nowner: ana-lima\n---\n# Little wows\n")
    return root


def run(root: Path) -> Dataset:
    return load(make_project(root, Path("docs"), {"today": TODAY}))


def messages(data: Dataset) -> list[str]:
    return [str(p) for p in data.problems]


def as_item(text: str) -> str:
    """An entry written as one item of a YAML list."""
    return "- " + text.replace("\n", "\n  ").rstrip() + "\n"


def bomb(leaf: str = '"lol"', levels: int = 9) -> list[str]:
    """The lines of a "billion laughs": each alias level multiplies the one before by nine."""
    lines = [f"a: &a [{','.join([leaf] * 9)}]"]
    for n in range(1, levels):
        prev, name = chr(ord("a") + n - 1), chr(ord("a") + n)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return lines
