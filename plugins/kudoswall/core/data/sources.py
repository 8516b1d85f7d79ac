"""Where a site's data lives on disk, per the repository contract."""

from __future__ import annotations

import os
import stat
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


# Files a data folder may hold beside its YAML without a word: notes about it.
_NOTES = (".md", ".markdown", ".rst")
_BACKUP = ("~", ".bak", ".orig", ".old", ".swp", ".tmp", ".rej", ".save")


def not_read(rel: str, name: str) -> Refused | None:
    """A file the build would skip without a word: named, so an entry saved as .txt or a backup is not lost or kept unseen."""
    lower = name.lower()
    if lower.endswith(YAML_SUFFIXES) or lower.endswith(_NOTES) or lower.startswith(("readme", "license")):
        return None
    if lower.endswith(_BACKUP) or any(f"{suffix}." in lower for suffix in YAML_SUFFIXES):
        return Refused(rel, "looks like a backup copy; it is not read",
                       "delete it, or if it holds what should be published, save it as a .yml file")
    return Refused(rel, "is not read: only .yml and .yaml files are kudos",
                   "rename it to .yml if it is an entry, or move it out of the data folder")


@dataclass(frozen=True)
class Refused:
    """A path in the data folder that is not read, and why; reported, never followed."""

    rel: str  # posix, relative to the data folder
    reason: str
    hint: str


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _refusal(path: Path, rel: str, real_data_dir: str) -> Refused | None:
    """Why a file must not be read: only regular files inside the data folder are.

    A link may point anywhere on the machine that builds the site, and a
    message quoting what it points at would publish it (CI annotations are
    public); a pipe or a device would make the build wait forever.
    """
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            if not _inside(os.path.realpath(path), real_data_dir):
                return Refused(rel, "is a link to a file outside the data folder", "copy the file here instead of linking to it")
            mode = os.stat(path).st_mode
    except OSError as error:
        return Refused(rel, f"cannot be read ({error.strerror})", "check the file's permissions")
    if not stat.S_ISREG(mode):
        return Refused(rel, "is not a regular file (a pipe, socket or device)", "delete it; data files are plain YAML files")
    return None


def scan(data_dir: Path) -> tuple[list[SourceFile], list[Refused]]:
    """Every entry file, in a stable order, and every path refused on the way."""
    found: list[SourceFile] = []
    refused: list[Refused] = []
    if not data_dir.is_dir():
        return found, refused
    real_data_dir = os.path.realpath(data_dir)

    def rel_of(path: str) -> str:
        return os.path.relpath(path, data_dir).replace(os.sep, "/")

    def unreadable(error: OSError) -> None:
        where = rel_of(error.filename) if error.filename else "."
        refused.append(
            Refused(f"{where}/", f"folder cannot be read ({error.strerror})", "let the build read it, or move the entries out")
        )

    for root, dirs, files in os.walk(data_dir, onerror=unreadable):
        here = Path(root)
        top = here == data_dir
        # Once per folder: Path.relative_to for each of 100,000 files is slow.
        folder = "" if top else rel_of(root) + "/"
        kept = []
        for name in sorted(dirs):
            if _hidden(name) or (top and name in RESERVED_DIRS):
                continue
            if os.path.islink(here / name):
                refused.append(Refused(f"{folder}{name}/", "is a link to a folder; links are not followed", "move the files into the data folder"))
                continue
            kept.append(name)
        dirs[:] = kept
        for name in files:
            if _hidden(name):
                continue
            if not name.lower().endswith(YAML_SUFFIXES):
                if (skipped := not_read(folder + name, name)) is not None:
                    refused.append(skipped)
                continue
            path = here / name
            problem = _refusal(path, folder + name, real_data_dir)
            if problem is not None:
                refused.append(problem)
            elif not (top and name.lower() in (PEOPLE_FILE, "people.yaml")):
                found.append(SourceFile(path, folder + name))
    found.sort(key=lambda f: f.rel)
    refused.sort(key=lambda r: r.rel)
    return found, refused


def entry_files(data_dir: Path) -> list[SourceFile]:
    """Every entry file that may be read, in a stable order so ids never depend on the OS."""
    return scan(data_dir)[0]


def reserved_files(data_dir: Path, folder: str) -> tuple[list[SourceFile], list[Refused]]:
    """The YAML files directly in `cards/`, `campaigns/` or `ideas/`, with the same care as entries.

    Only regular files inside the data folder are read (a link out of it or a
    pipe is refused and reported); names starting with `_` or `.` are skipped;
    sub-folders are reported, not walked, since a card's id is its file name.
    """
    assert folder in RESERVED_DIRS
    found: list[SourceFile] = []
    refused: list[Refused] = []
    base = data_dir / folder
    real_data_dir = os.path.realpath(data_dir)
    if os.path.islink(base):
        return found, [Refused(f"{folder}/", "is a link to a folder; links are not followed", "move the files into the data folder")]
    if not base.is_dir():
        return found, refused
    try:
        names = sorted(os.listdir(base))
    except OSError as error:
        return found, [Refused(f"{folder}/", f"folder cannot be read ({error.strerror})", "let the build read it")]
    for name in names:
        if _hidden(name):
            continue
        path = base / name
        rel = f"{folder}/{name}"
        if os.path.isdir(path) and not os.path.islink(path):
            refused.append(Refused(rel + "/", f"folders inside {folder}/ are not read", f"put the files directly in {folder}/"))
            continue
        if not name.lower().endswith(YAML_SUFFIXES):
            if (skipped := not_read(rel, name)) is not None:
                refused.append(skipped)
            continue
        problem = _refusal(path, rel, real_data_dir)
        if problem is not None:
            refused.append(problem)
        else:
            found.append(SourceFile(path, rel))
    return found, refused


def people_file(data_dir: Path) -> SourceFile | None:
    """The people file, unless it is refused (`scan` says why)."""
    real_data_dir = os.path.realpath(data_dir)
    for name in (PEOPLE_FILE, "people.yaml"):
        path = data_dir / name
        if os.path.lexists(path):
            return None if _refusal(path, name, real_data_dir) else SourceFile(path, name)
    return None


def people_refused(data_dir: Path) -> bool:
    """Whether a people file exists but is not read (a link out of the folder, a pipe): not missing."""
    return any(os.path.lexists(data_dir / name) for name in (PEOPLE_FILE, "people.yaml"))


def principle_files(docs_dir: Path, principles_dir: str) -> list[SourceFile]:
    folder = docs_dir / principles_dir
    if not folder.is_dir():
        return []
    return sorted(
        (
            SourceFile(p, p.relative_to(docs_dir).as_posix())
            for p in folder.glob("*.md")
            if p.stem != "index" and not _hidden(p.name)
            # A pipe would block the read; a link out of the docs could echo a private file.
            and _refusal(p, p.name, os.path.realpath(docs_dir)) is None
        ),
        key=lambda f: f.rel,
    )
