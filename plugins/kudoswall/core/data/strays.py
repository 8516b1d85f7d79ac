"""Kudos data put where the build publishes files as they are: under the docs folder.

MkDocs copies any file of the docs folder that is not a page to the site,
byte for byte. An entry saved there by mistake would publish every field,
the `from:` of an anonymous entry too, and a copy of people.yml every
email and login. Such a file is named, with what to do, and left out.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from . import yamlfile
from .model import Problem
from .sources import YAML_SUFFIXES

# The fields that make a mapping one of ours, by kind: enough of them that a
# theme's or another plugin's YAML (navigation, metadata) is never mistaken.
SHAPES: tuple[tuple[str, frozenset[str], int], ...] = (
    ("entry", frozenset({"date", "from", "to", "message", "anonymous", "card", "campaign"}), 3),
    ("card", frozenset({"title", "for", "occasion", "date"}), 3),
    ("campaign", frozenset({"title", "start", "end", "notes_per_person"}), 3),
    ("idea", frozenset({"idea", "by", "tags"}), 2),
)
SUFFIXES = (*YAML_SUFFIXES, ".json")  # JSON is YAML: an entry written as JSON is one too
PERSON = frozenset({"name", "email", "login", "birthday", "wall", "celebrate", "manager", "joined", "slack", "teams"})


def kind_of(document: Any) -> str:
    """What kind of kudos data a YAML document looks like ("entry", "people", ...), or ""."""
    items = document if isinstance(document, list) else [document]
    mappings = [item for item in items if isinstance(item, dict)]
    for kind, fields, enough in SHAPES:
        if any(len(fields & set(item)) >= enough for item in mappings):
            return kind
    if isinstance(document, dict):
        records = [value for value in document.values() if isinstance(value, dict)]
        if any("name" in record and len(PERSON & set(record)) >= 2 for record in records):
            return "people"
    return ""


def stray_data(docs_dir: Path, shown: str, data_dir: Path) -> tuple[list[Problem], list[str]]:
    """Every YAML file under the docs folder that holds kudos data: (problems, paths relative to the docs).

    A data folder inside the docs folder is where data belongs, and is not looked at.
    """
    problems: list[Problem] = []
    found: list[str] = []
    if not docs_dir.is_dir():
        return problems, found
    for root, dirs, files in os.walk(docs_dir):
        # MkDocs never copies dot-folders.
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and Path(root, d) != data_dir)
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(SUFFIXES):
                continue
            path = Path(root) / name
            document, _issues = yamlfile.read(str(path))
            kind = kind_of(document)
            if not kind:
                continue
            rel = path.relative_to(docs_dir).as_posix()
            found.append(rel)
            what = "a people file" if kind == "people" else f"kudos {kind} data"
            problems.append(Problem(
                f"{shown}/{rel}", None,
                f"holds {what}, which the build would copy to the site as it is, every field with it; it is left out",
                "move it into the data folder (kudos/) if it is one, or delete it",
            ))
    return problems, found
