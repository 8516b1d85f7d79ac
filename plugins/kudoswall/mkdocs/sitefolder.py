"""The site folder kept across `mkdocs serve` rebuilds.

MkDocs empties the site folder before every rebuild and writes every page
again. At thousands of generated pages that is thousands of folders and
files deleted and made again each time an author saves, and on a real disk
it grows slower with each save as the writes queue up. The folder is set
aside before MkDocs empties it and put back after, so an unchanged page's
file is already in place; whatever this build will not make is then deleted,
so that what is served equals what a clean build would write.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Collection

ASIDE_SUFFIX = ".kudos-previous"


def set_aside(site_dir: str) -> str | None:
    """Move the last build's site folder out of MkDocs' way; None if it cannot be."""
    site_dir = os.path.normpath(os.path.abspath(site_dir))
    aside = site_dir.rstrip(os.sep) + ASIDE_SUFFIX
    if os.path.lexists(aside):
        shutil.rmtree(aside, ignore_errors=True)
    try:
        if not os.listdir(site_dir):
            return None
        os.rename(site_dir, aside)
    except OSError:
        return None
    try:
        os.mkdir(site_dir)
    except OSError:
        os.rename(aside, site_dir)  # leave things as they were: MkDocs empties it
        return None
    return aside


def put_back(aside: str, site_dir: str) -> list[str]:
    """Return the last build's files to the site folder MkDocs has just emptied.

    Returns the top-level paths put back, but for hidden ones (MkDocs' own
    emptying leaves those alone, so nothing deletes them). Anything another
    plugin wrote in the meantime stays; the last build's copy of it is dropped.
    """
    site_dir = os.path.normpath(os.path.abspath(site_dir))
    restored: list[str] = []
    with contextlib.suppress(OSError):
        if not os.listdir(site_dir):
            os.rmdir(site_dir)
            os.rename(aside, site_dir)
            return [os.path.join(site_dir, name) for name in os.listdir(site_dir) if not name.startswith(".")]
    with contextlib.suppress(OSError):
        for entry in os.scandir(aside):
            target = os.path.join(site_dir, entry.name)
            if not os.path.lexists(target):
                with contextlib.suppress(OSError):
                    os.rename(entry.path, target)
                    if not entry.name.startswith("."):
                        restored.append(target)
    shutil.rmtree(aside, ignore_errors=True)
    return restored


def remove_unmade(paths: Collection[str], made: Collection[str]) -> int:
    """Delete every file under `paths` that is not in `made` (normalised absolute paths), and folders left empty.

    Returns how many files were deleted.
    """
    removed = 0
    for path in paths:
        if os.path.isdir(path) and not os.path.islink(path):
            gone, kept = _prune(path, made)
            removed += gone
            if not kept:
                with contextlib.suppress(OSError):
                    os.rmdir(path)
        elif path not in made:
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)
                removed += 1
    return removed


def _prune(folder: str, made: Collection[str]) -> tuple[int, bool]:
    """Returns how many files were deleted, and whether anything is left in `folder`."""
    removed, kept = 0, False
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                gone, inner = _prune(entry.path, made)
                removed += gone
                if inner:
                    kept = True
                else:
                    with contextlib.suppress(OSError):
                        os.rmdir(entry.path)
            elif entry.path in made:
                kept = True
            else:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(entry.path)
                    removed += 1
    return removed, kept
