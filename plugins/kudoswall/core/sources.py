"""Where a site's data lives on disk, per the repository contract."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PEOPLE_FILE = "people.yml"
RESERVED_DIRS = frozenset({"cards", "campaigns", "ideas"})
YAML_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class SourceFile:
    path: Path  # absolute
    rel: str  # posix, relative to the data folder; used in messages and ids


def _hidden(name: str) -> bool:
    return name.startswith(("_", "."))


def entry_files(data_dir: Path) -> list[SourceFile]:
    """Every entry file, in a stable order so ids and output never depend on the OS."""
    found: list[SourceFile] = []
    if not data_dir.is_dir():
        return found
    for root, dirs, files in os.walk(data_dir):
        here = Path(root)
        top = here == data_dir
        # Once per folder: Path.relative_to for each of 100,000 files is slow.
        folder = "" if top else os.path.relpath(root, data_dir).replace(os.sep, "/") + "/"
        dirs[:] = sorted(
            d for d in dirs if not _hidden(d) and not (top and d in RESERVED_DIRS)
        )
        for name in files:
            if _hidden(name) or not name.lower().endswith(YAML_SUFFIXES):
                continue
            if top and name.lower() in (PEOPLE_FILE, "people.yaml"):
                continue
            path = here / name
            found.append(SourceFile(path, folder + name))
    found.sort(key=lambda f: f.rel)
    return found


def people_file(data_dir: Path) -> SourceFile | None:
    for name in (PEOPLE_FILE, "people.yaml"):
        path = data_dir / name
        if path.is_file():
            return SourceFile(path, name)
    return None


def principle_files(docs_dir: Path, principles_dir: str) -> list[SourceFile]:
    folder = docs_dir / principles_dir
    if not folder.is_dir():
        return []
    return sorted(
        (
            SourceFile(p, p.relative_to(docs_dir).as_posix())
            for p in folder.glob("*.md")
            if p.stem != "index" and not _hidden(p.name)
        ),
        key=lambda f: f.rel,
    )
