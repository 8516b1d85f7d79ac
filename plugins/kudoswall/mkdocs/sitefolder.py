"""The site folder kept from one build to the next.

MkDocs empties the site folder before every build (but a dirty one) and
writes every page again. At thousands of pages that is thousands of folders
and files deleted and made again, and on a real disk making a file where
one was just deleted costs far more than writing over one: at 10,000
entries, 1.6-1.9 s against 0.4 s for the same pages on this project's test
machine, and under `mkdocs serve` it grew with each save. The last build's
files are moved into a private folder beside it before MkDocs empties it and
moved back after, so a page's file is already in place (and under serve, an
unchanged page's file need not be written at all); whatever this build will
not make is then deleted, so that the folder ends up holding what a clean
build would write. The site folder itself never changes hands: no one else
can put a folder or a link in its place meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import threading
from collections.abc import Collection
from dataclasses import dataclass

from kudoswall.core.parallel import Beside

ASIDE_PREFIX = ".kudos-previous-"


@dataclass(frozen=True)
class Aside:
    path: str  # the private folder the last build's files wait in
    # Its making, by the file system's clock (not the machine's, which runs
    # a little ahead of it): a file whose inode changed since was written by
    # this build. (Not its modification time, which anyone can set, to the
    # future too: the file system sets a change time itself.)
    since_ns: int


def set_aside(site_dir: str) -> Aside | None:
    """Move the last build's files out of MkDocs' way, or None when there is nothing to move.

    Hidden entries stay: MkDocs' own emptying leaves them alone.
    """
    site_dir = os.path.normpath(os.path.abspath(site_dir))
    try:
        names = [name for name in os.listdir(site_dir) if not name.startswith(".")]
        if not names:
            return None
        path = tempfile.mkdtemp(prefix=ASIDE_PREFIX, dir=os.path.dirname(site_dir))
        since_ns = os.stat(path).st_ctime_ns
    except OSError:
        return None
    for name in names:
        with contextlib.suppress(OSError):  # what stays is emptied by MkDocs, as usual
            os.rename(os.path.join(site_dir, name), os.path.join(path, name))
    return Aside(path, since_ns)


def put_back(aside: Aside, site_dir: str) -> list[str]:
    """Return the last build's files to the site folder MkDocs has just emptied.

    Returns the top-level paths put back. Anything another plugin wrote in
    the meantime stays; the last build's copy of it is dropped.
    """
    site_dir = os.path.normpath(os.path.abspath(site_dir))
    restored: list[str] = []
    with contextlib.suppress(OSError), os.scandir(aside.path) as entries:
        for entry in entries:
            target = os.path.join(site_dir, entry.name)
            if os.path.lexists(target):
                continue
            with contextlib.suppress(OSError):
                os.rename(entry.path, target)
                restored.append(target)
    discard(aside)
    return restored


def discard(aside: Aside) -> None:
    shutil.rmtree(aside.path, ignore_errors=True)


def remove_unmade(paths: Collection[str], made: Collection[str], *, since_ns: int = 0) -> int:
    """Delete every file under `paths` that is not in `made` (normalised absolute paths), and folders left empty.

    A file inside those folders changed at or after `since_ns`
    (`Aside.since_ns`) was written by this build, as it would be after
    MkDocs' own emptying: it stays. (The files at the top were moved
    twice since, which changed them; none was written by this build, as
    `put_back` leaves alone what is already there.) A file
    in `made` stays too, to be written over, unless it is a link or has
    another name (a hard link, as a snapshot made with `cp -al` has):
    writing over it would change what the other name holds.

    Returns how many files were deleted. What cannot be deleted is left, as
    MkDocs' own emptying leaves it.
    """
    removed = 0
    for path in paths:
        if os.path.isdir(path) and not os.path.islink(path):
            gone, kept = _prune(path, made, since_ns)
            removed += gone
            if not kept:
                with contextlib.suppress(OSError):
                    os.rmdir(path)
        else:
            try:
                status = os.lstat(path)
            except OSError:
                continue
            if not _stays(path, status, made, since_ns=0):
                with contextlib.suppress(OSError):
                    os.remove(path)
                    removed += 1
    return removed


def _stays(path: str, status: os.stat_result, made: Collection[str], since_ns: int) -> bool:
    if status.st_ctime_ns >= since_ns > 0:
        return True
    return path in made and status.st_nlink == 1 and not stat.S_ISLNK(status.st_mode)


def _prune(folder: str, made: Collection[str], since_ns: int) -> tuple[int, bool]:
    """Returns how many files were deleted, and whether anything is left in `folder`."""
    removed, kept = 0, False
    try:
        with os.scandir(folder) as scan:
            entries = list(scan)
    except OSError:
        return 0, True
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            gone, inner = _prune(entry.path, made, since_ns)
            removed += gone
            if inner:
                kept = True
            else:
                with contextlib.suppress(OSError):
                    os.rmdir(entry.path)
            continue
        try:
            stays = _stays(entry.path, entry.stat(follow_symlinks=False), made, since_ns)
        except OSError:
            stays = False
        if stays:
            kept = True
            continue
        try:
            os.remove(entry.path)
            removed += 1
        except FileNotFoundError:
            pass
        except OSError:
            kept = True
    return removed, kept


class Readying:
    """Each path's folder and an empty file there, made beside the build, ahead of its writing them.

    Making a file costs the disk far more than writing over one: done
    beside the build while it renders the theme around the first pages, the
    build's own writes (over these files, in the same order) are cheap. A
    path that is already there is not touched, so the two never write the
    same file. Anything that fails is left for the build's own write to report.
    """

    def __init__(self, paths: list[str], parallel: bool = True) -> None:
        self.paths = paths
        self.beside = Beside(self._make, parallel=parallel)

    def _make(self, stopping: threading.Event) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        known: set[str] = set()
        for path in self.paths:
            if stopping.is_set():
                return
            folder = os.path.dirname(path)
            try:
                if folder not in known:
                    os.makedirs(folder, exist_ok=True)
                    known.add(folder)
                os.close(os.open(path, flags, 0o666))
            except OSError:
                continue

    def finish(self) -> None:
        """Once the pages are written: no empty file is left where a page was not (its output was empty)."""
        self.beside.join()
        self._take_back()

    def stop(self) -> None:
        """After a failed build: no empty file is left where a page was not written."""
        self.beside.stop()
        self._take_back()

    def _take_back(self) -> None:
        # A page's file is never empty once written (MkDocs writes no empty
        # page), and a file that was there before was not touched: an empty
        # one is one made ahead.
        for path in self.paths:
            with contextlib.suppress(OSError):
                status = os.lstat(path)
                if status.st_size == 0 and stat.S_ISREG(status.st_mode):
                    os.remove(path)
