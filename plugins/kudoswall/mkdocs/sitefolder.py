"""The site folder kept across `mkdocs serve` rebuilds.

MkDocs empties the site folder before every rebuild and writes every page
again. At thousands of generated pages that is thousands of folders and
files deleted and made again each time an author saves, and on a real disk
it grows slower with each save as the writes queue up. The last build's
files are moved into a private folder beside it before MkDocs empties it and
moved back after, so an unchanged page's file is already in place; whatever
this build will not make is then deleted, so that what is served equals what
a clean build would write. The site folder itself never changes hands: no
one else can put a folder or a link in its place meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Collection

ASIDE_PREFIX = ".kudos-previous-"


def set_aside(site_dir: str) -> str | None:
    """Move the last build's files out of MkDocs' way; the folder they are in, or None.

    Hidden entries stay: MkDocs' own emptying leaves them alone.
    """
    site_dir = os.path.normpath(os.path.abspath(site_dir))
    try:
        names = [name for name in os.listdir(site_dir) if not name.startswith(".")]
        if not names:
            return None
        aside = tempfile.mkdtemp(prefix=ASIDE_PREFIX, dir=os.path.dirname(site_dir))
    except OSError:
        return None
    for name in names:
        with contextlib.suppress(OSError):  # what stays is emptied by MkDocs, as usual
            os.rename(os.path.join(site_dir, name), os.path.join(aside, name))
    return aside


def put_back(aside: str, site_dir: str) -> list[str]:
    """Return the last build's files to the site folder MkDocs has just emptied.

    Returns the top-level paths put back. Anything another plugin wrote in
    the meantime stays; the last build's copy of it is dropped.
    """
    site_dir = os.path.normpath(os.path.abspath(site_dir))
    restored: list[str] = []
    with contextlib.suppress(OSError), os.scandir(aside) as entries:
        for entry in entries:
            target = os.path.join(site_dir, entry.name)
            if os.path.lexists(target):
                continue
            with contextlib.suppress(OSError):
                os.rename(entry.path, target)
                restored.append(target)
    discard(aside)
    return restored


def discard(aside: str) -> None:
    shutil.rmtree(aside, ignore_errors=True)


def remove_unmade(paths: Collection[str], made: Collection[str]) -> int:
    """Delete every file under `paths` that is not in `made` (normalised absolute paths), and folders left empty.

    Returns how many files were deleted. What cannot be deleted is left, as
    MkDocs' own emptying leaves it.
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
            with contextlib.suppress(OSError):
                os.remove(path)
                removed += 1
    return removed


def _prune(folder: str, made: Collection[str]) -> tuple[int, bool]:
    """Returns how many files were deleted, and whether anything is left in `folder`."""
    removed, kept = 0, False
    try:
        with os.scandir(folder) as scan:
            entries = list(scan)
    except OSError:
        return 0, True
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            gone, inner = _prune(entry.path, made)
            removed += gone
            if inner:
                kept = True
            else:
                with contextlib.suppress(OSError):
                    os.rmdir(entry.path)
        elif entry.path in made and not entry.is_symlink():
            kept = True
        else:
            try:
                os.remove(entry.path)
                removed += 1
            except FileNotFoundError:
                pass
            except OSError:
                kept = True
    return removed, kept
