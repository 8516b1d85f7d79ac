"""The site folder kept from one build to the next.

MkDocs empties the site folder before every build (but a dirty one) and
writes every page again. At thousands of pages that is thousands of folders
and files deleted and made again, and on a real disk making a file where
one was just deleted costs far more than writing over one: at 10,000
entries, 1.6-1.9 s against 0.4 s for the same pages on this project's test
machine, and under `mkdocs serve` it grew with each save.

So the last build's files are moved into a hidden folder inside the site
folder (MkDocs' emptying leaves hidden entries alone) just before MkDocs
empties it, and everyone (MkDocs, other plugins, this one) sees the empty
folder MkDocs leaves. Once this build's files are known, the last build's
are moved back wherever this build has put nothing yet, and of those, every
file this build will not write over is deleted: what is not its own, a link
or any other kind of file that is not a plain one, a file with another name
(a hard link, as a snapshot made with `cp -al` has: writing over it would
change what the other name holds), and a file or folder whose permissions,
owner, group or extended attributes (ACLs) differ from what this build
gives what it makes. The folder then ends up holding what a clean build
writes.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import threading
from collections.abc import Collection
from dataclasses import dataclass

from kudoswall.core.parallel import Beside

ASIDE_PREFIX = ".kudos-previous-"


@dataclass(frozen=True)
class Modes:
    """What this build gives the files and folders it makes: permissions, owner, group, extended attributes (ACLs)."""

    file: int
    folder: int
    owner: int
    group: int
    file_attributes: tuple[tuple[str, bytes], ...]
    folder_attributes: tuple[tuple[str, bytes], ...]

    @staticmethod
    def probe(folder: str) -> Modes:
        """As read off a file and a folder made in `folder` (the umask itself cannot be read safely with threads)."""
        probe = os.path.join(folder, "probe")
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        os.mkdir(probe + "-folder", 0o777)
        try:
            made, made_folder = os.lstat(probe), os.lstat(probe + "-folder")
            return Modes(
                stat.S_IMODE(made.st_mode), stat.S_IMODE(made_folder.st_mode), made.st_uid, made.st_gid,
                _attributes(probe), _attributes(probe + "-folder"),
            )
        finally:
            os.remove(probe)
            os.rmdir(probe + "-folder")

    def same_file(self, path: str, status: os.stat_result) -> bool:
        return (
            stat.S_ISREG(status.st_mode) and status.st_nlink == 1 and stat.S_IMODE(status.st_mode) == self.file
            and (status.st_uid, status.st_gid) == (self.owner, self.group)
            and _attributes(path) == self.file_attributes
        )

    def ours(self, path: str, status: os.stat_result) -> bool:
        """A folder this build may keep (its mode is set right if need be)."""
        return (status.st_uid, status.st_gid) == (self.owner, self.group) and _attributes(path) == self.folder_attributes


def _attributes(path: str) -> tuple[tuple[str, bytes], ...]:
    """Extended attributes (ACLs among them), where the system has them."""
    if not hasattr(os, "listxattr"):
        return ()
    try:
        names = os.listxattr(path, follow_symlinks=False)
        return tuple(sorted((name, os.getxattr(path, name, follow_symlinks=False)) for name in names))
    except OSError:
        return ()


@dataclass(frozen=True)
class Aside:
    path: str  # the hidden folder, inside the site folder, the last build's files wait in
    modes: Modes


def set_aside(site_dir: str) -> Aside | None:
    """Move the last build's files out of MkDocs' way, or None when there is nothing to move.

    Hidden entries stay where they are, as MkDocs' own emptying leaves them;
    what a build stopped by force left aside is deleted first.
    """
    site_dir = os.path.normpath(os.path.abspath(site_dir))
    try:
        names = os.listdir(site_dir)
    except OSError:
        return None
    for name in names:
        if name.startswith(ASIDE_PREFIX):
            remove_tree(os.path.join(site_dir, name))
    names = [name for name in names if not name.startswith(".")]
    if not names:
        return None
    try:
        path = tempfile.mkdtemp(prefix=ASIDE_PREFIX, dir=site_dir)
    except OSError:
        return None
    try:
        modes = Modes.probe(path)
    except OSError:
        remove_tree(path)
        return None
    for name in names:
        with contextlib.suppress(OSError):  # what stays is emptied by MkDocs, as usual
            os.rename(os.path.join(site_dir, name), os.path.join(path, name))
    return Aside(path, modes)


def discard(aside: Aside) -> None:
    remove_tree(aside.path)


def remove_tree(path: str) -> None:
    """Delete a folder and all in it, however deep (no recursion), or a file; what cannot go stays."""
    try:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            os.remove(path)
            return
    except OSError:
        return
    folders: list[str] = []
    stack = [path]
    while stack:
        folder = stack.pop()
        folders.append(folder)  # before the folders in it: removed after them
        try:
            with os.scandir(folder) as scan:
                entries = list(scan)
        except OSError:
            continue
        for entry in entries:
            with contextlib.suppress(OSError):
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    os.remove(entry.path)
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            os.rmdir(folder)


def put_back(aside: Aside, site_dir: str, made: Collection[str]) -> list[str]:
    """Return the last build's files that this build writes over, wherever it has put nothing yet; delete the rest.

    `made` holds the normalised absolute paths this build writes over.
    Returns the files put back.
    """
    site_dir = os.path.normpath(os.path.abspath(site_dir))
    kept: list[str] = []
    for path in _merge(aside.path, site_dir):
        _prune(path, made, aside.modes, kept)
    discard(aside)  # and with it what this build had already put in its place
    return kept


def _merge(old: str, new: str) -> list[str]:
    """Move the entries of `old` into `new` wherever `new` has none, into its real folders too; the paths moved."""
    moved: list[str] = []
    pairs = [(old, new)]
    while pairs:
        old_folder, new_folder = pairs.pop()
        try:
            with os.scandir(old_folder) as scan:
                entries = [(entry.path, entry.name, entry.is_dir(follow_symlinks=False)) for entry in scan]
        except OSError:
            continue
        for path, name, is_folder in entries:
            target = os.path.join(new_folder, name)
            try:
                there = os.lstat(target)
            except FileNotFoundError:
                with contextlib.suppress(OSError):
                    os.rename(path, target)
                    moved.append(target)
                continue
            except OSError:
                continue
            if stat.S_ISDIR(there.st_mode) and is_folder:
                pairs.append((path, target))  # this build's own folder: only what it lacks goes back
    return moved


def _prune(top: str, made: Collection[str], modes: Modes, kept: list[str]) -> None:
    """Delete what under `top` (the last build's) this build will not write over; note in `kept` what stays."""
    folders: list[str] = []
    stack = [top]
    while stack:
        path = stack.pop()
        try:
            status = os.lstat(path)
        except OSError:
            continue
        if not stat.S_ISDIR(status.st_mode):
            if path in made and modes.same_file(path, status):
                kept.append(path)
            else:
                with contextlib.suppress(OSError):
                    os.remove(path)
            continue
        if not modes.ours(path, status):
            remove_tree(path)
            continue
        if stat.S_IMODE(status.st_mode) != modes.folder:
            with contextlib.suppress(OSError):
                os.chmod(path, modes.folder)
        folders.append(path)
        try:
            with os.scandir(path) as scan:
                stack.extend(entry.path for entry in scan)
        except OSError:
            continue
    for folder in reversed(folders):  # the deepest first
        with contextlib.suppress(OSError):
            os.rmdir(folder)  # only if nothing is left in it


def remove_unwritten(path: str, site_dir: str, only_if_empty: bool = False) -> None:
    """A file this build writes nothing at: the last build's (or one made ahead) goes, and folders left empty."""
    with contextlib.suppress(OSError):
        status = os.lstat(path)
        if stat.S_ISREG(status.st_mode) and not (only_if_empty and status.st_size):
            os.remove(path)
            _remove_empty_folders(os.path.dirname(path), site_dir)


def _remove_empty_folders(folder: str, site_dir: str) -> None:
    site_dir = os.path.normpath(os.path.abspath(site_dir))
    folder = os.path.normpath(os.path.abspath(folder))
    while folder != site_dir and folder.startswith(site_dir + os.sep):
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = os.path.dirname(folder)


class Readying:
    """Each path's folder and an empty file there, made beside the build, ahead of its writing them.

    Making a file costs the disk far more than writing over one: done
    beside the build while it renders the theme around the first pages, the
    build's own writes (over these files, in the same order) are cheap. A
    path that is already there is not touched, so the two never write the
    same file. Anything that fails is left for the build's own write to report.
    """

    def __init__(self, paths: list[str], site_dir: str, parallel: bool = True) -> None:
        self.paths, self.site_dir = paths, site_dir
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
            remove_unwritten(path, self.site_dir, only_if_empty=True)
