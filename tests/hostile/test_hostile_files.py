"""Only regular files inside the data folder are read: links out, pipes and locked folders are problems."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from data_folders import GOOD, messages, run, write

SECRET = "root-password: hunter2-never-published\n"

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX pipes and links")


def test_a_fifo_in_the_data_folder_never_blocks_the_build(root: Path) -> None:
    os.mkfifo(root / "kudos/x.yml")
    write(root, "kudos/good.yml", GOOD)
    started = time.perf_counter()
    data = run(root)
    assert time.perf_counter() - started < 5
    assert messages(data) == [
        "kudos/x.yml: is not a regular file (a pipe, socket or device) - delete it; data files are plain YAML files"
    ]
    assert len(data.entries) == 1


def test_a_link_to_a_file_outside_the_repository_is_refused_without_reading_it(root: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "secrets.yml"
    outside.write_text(SECRET, encoding="utf-8")
    (root / "kudos/2026").mkdir(parents=True)
    os.symlink(outside, root / "kudos/2026/link.yml")
    write(root, "kudos/good.yml", GOOD)
    data = run(root)
    assert messages(data) == [
        "kudos/2026/link.yml: is a link to a file outside the data folder - copy the file here instead of linking to it"
    ]
    assert "hunter2" not in " ".join(messages(data))
    assert len(data.entries) == 1


def test_a_people_file_linked_from_outside_is_refused_and_nothing_is_published(root: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "passwd.yml"
    outside.write_text(SECRET, encoding="utf-8")
    (root / "kudos/people.yml").unlink()
    os.symlink(outside, root / "kudos/people.yml")
    write(root, "kudos/good.yml", GOOD)
    data = run(root)
    text = " ".join(messages(data))
    assert "kudos/people.yml: is a link to a file outside the data folder" in text
    assert "hunter2" not in text and "root-password" not in text
    assert data.entries == ()


def test_a_link_inside_the_data_folder_is_read(root: Path) -> None:
    write(root, "kudos/_drafts/entry.yml", GOOD)
    os.symlink(root / "kudos/_drafts/entry.yml", root / "kudos/linked.yml")
    data = run(root)
    assert data.problems == () and len(data.entries) == 1


def test_a_linked_folder_is_reported_not_followed(root: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere")
    write(outside, "secret.yml", SECRET)
    os.symlink(outside, root / "kudos/2027")
    assert messages(run(root)) == ["kudos/2027/: is a link to a folder; links are not followed - move the files into the data folder"]


def test_an_unreadable_folder_is_a_located_problem(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(root, "kudos/2026/locked/x.yml", GOOD)
    write(root, "kudos/good.yml", GOOD)
    locked = str(root / "kudos/2026/locked")
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if str(path) == locked:  # as root, chmod 000 would not lock anything out
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    data = run(root)
    assert messages(data) == [
        "kudos/2026/locked/: folder cannot be read (Permission denied) - let the build read it, or move the entries out"
    ]
    assert len(data.entries) == 1
