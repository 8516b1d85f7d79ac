"""A build writes over the last build's files instead of emptying the site folder, and ends with what a clean build writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kudoswall.core.parallel import can_fork
from kudoswall.mkdocs import sitefolder
from sites import Site, env, folders, site_tree


def test_a_build_writes_over_the_last_ones_files_yet_leaves_exactly_what_a_clean_build_leaves(
    site: Site, tmp_path: Path
) -> None:
    # Another plugin that writes into the site folder after ours has put the
    # last build's files back: as after MkDocs' own emptying, its file stays.
    site.write("hooks.py", """
        import pathlib
        from mkdocs.plugins import event_priority

        @event_priority(-90)
        def on_files(files, config):
            target = pathlib.Path(config.site_dir) / "kudos" / "from-a-hook.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("written while the files are gathered")
            return files
        """)
    site.extra_config["hooks"] = ["hooks.py"]
    site.write("docs/extra.md", "# Extra\n\nA page that will be deleted.\n")
    site_dir = tmp_path / "site"
    first = site.build(site_dir=site_dir)
    assert first.ok, first.log

    october = site_dir / "kudos/2026/10/index.html"
    held = os.open(october, os.O_RDONLY)  # an open file's inode cannot be reused by a new file
    wall = site_dir / "kudos/index.html"
    snapshot = tmp_path / "snapshot.html"
    os.link(wall, snapshot)  # as `cp -al site snapshot` makes
    kept_in_snapshot = snapshot.read_bytes()
    outside = tmp_path / "outside.html"
    outside.write_text("not the site's")
    november = site_dir / "kudos/2026/11/index.html"
    november.unlink()
    november.symlink_to(outside)
    for junk in ("stale.txt", "stale/page/index.html", "kudos/2019/01/index.html"):
        (site_dir / junk).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / junk).write_text("from long ago")
    future = site_dir / "kudos/2019/02/index.html"  # dated ahead, as an archive or a wrong clock may leave it
    future.parent.mkdir(parents=True)
    future.write_text("from a wrong clock")
    os.utime(future, (4102444800, 4102444800))  # 2100-01-01
    (site_dir / ".git").mkdir()
    (site_dir / ".git/HEAD").write_text("ref: refs/heads/gh-pages\n")  # a worktree's, never emptied by MkDocs
    (site_dir / ".nojekyll").write_text("")

    entry = site.root / "kudos/2026/11/ana-to-ben.yml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("billing rescue", "billing save"), encoding="utf-8")
    (site.root / "docs/extra.md").unlink()
    again = site.build(site_dir=site_dir)
    assert again.ok, again.log

    clean = site.build(site_dir=tmp_path / "clean")
    assert clean.ok, clean.log
    built, expected = site_tree(site_dir), site_tree(tmp_path / "clean")
    assert sorted(built) == sorted(expected), set(built) ^ set(expected)
    assert [path for path in expected if built[path] != expected[path]] == []
    assert folders(site_dir) == folders(tmp_path / "clean") | {".git"}
    assert "kudos/from-a-hook.txt" in built
    assert "A billing save" in wall.read_text(encoding="utf-8")

    try:
        assert os.fstat(held).st_ino == october.stat().st_ino, "a page's file is written over, not made anew"
    finally:
        os.close(held)
    assert snapshot.read_bytes() == kept_in_snapshot, "another name for a file keeps what it held"
    assert not november.is_symlink() and outside.read_text() == "not the site's"
    assert (site_dir / ".git/HEAD").is_file() and (site_dir / ".nojekyll").is_file()
    assert not list(tmp_path.glob(".kudos-previous-*")), "the set-aside folder is gone once the build is done"


def test_a_failed_build_leaves_no_set_aside_folder_and_the_next_one_is_whole(site: Site, tmp_path: Path) -> None:
    site.write("hooks.py", """
        import pathlib

        def on_page_markdown(markdown, page, config, files):
            if pathlib.Path(config.config_file_path).with_name("fail").exists():
                raise RuntimeError("a plugin fails on purpose")
            return markdown
        """)
    site.extra_config["hooks"] = ["hooks.py"]
    site_dir = tmp_path / "site"
    assert site.build(site_dir=site_dir).ok
    site.write("fail", "")
    failed = site.build(site_dir=site_dir)
    assert not failed.ok and "a plugin fails on purpose" in failed.log
    assert not list(tmp_path.glob(".kudos-previous-*"))
    (site.root / "fail").unlink()
    assert site.build(site_dir=site_dir).ok
    assert site.build(site_dir=tmp_path / "clean").ok
    assert site_tree(site_dir) == site_tree(tmp_path / "clean")


def test_a_dirty_build_leaves_the_site_folder_to_mkdocs(site: Site, tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    assert site.build(site_dir=site_dir).ok
    (site_dir / "kept-by-dirty.txt").write_text("MkDocs does not empty the folder for --dirty")
    site.write_config()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "-f", "mkdocs.yml", "-d", str(site_dir)],
        cwd=site.root, env=env(), check=True, capture_output=True, timeout=300,
    )
    assert (site_dir / "kept-by-dirty.txt").is_file()


@pytest.mark.parametrize("parallel", [True, False], ids=["beside-in-a-process", "in-a-thread"])
def test_files_made_ahead_are_empty_new_files_and_a_stop_takes_back_those_never_written(
    tmp_path: Path, parallel: bool
) -> None:
    site_dir = tmp_path / "site"
    (site_dir / "kept").mkdir(parents=True)
    (site_dir / "kept/index.html").write_text("last build's page")
    outside = tmp_path / "outside.html"
    outside.write_text("not the site's")
    (site_dir / "linked").mkdir()
    (site_dir / "linked/index.html").symlink_to(outside)
    paths = [str(site_dir / rel) for rel in ("a/b/index.html", "kept/index.html", "linked/index.html", "c/index.html")]

    in_a_process = parallel and can_fork()
    readying = sitefolder.Readying(paths, parallel=parallel)
    assert (readying.beside.process is not None) == in_a_process
    readying.beside.join()
    assert (site_dir / "a/b/index.html").read_bytes() == b"" and (site_dir / "c/index.html").read_bytes() == b""
    assert (site_dir / "kept/index.html").read_text() == "last build's page"
    assert outside.read_text() == "not the site's"

    (site_dir / "c/index.html").write_text("written by the build")
    readying.stop()  # as after a failed build
    assert not (site_dir / "a/b/index.html").exists()
    assert (site_dir / "c/index.html").read_text() == "written by the build"
    assert (site_dir / "kept/index.html").read_text() == "last build's page"


def test_a_build_failing_among_our_pages_leaves_no_empty_page_behind(site: Site, tmp_path: Path) -> None:
    site.write("hooks.py", """
        import time

        def on_post_page(output, page, config):
            if page.file.src_uri.startswith("kudos/"):
                time.sleep(0.5)  # the files of the pages after this one are made meanwhile
                raise RuntimeError("a plugin fails on purpose")
            return output
        """)
    site.extra_config["hooks"] = ["hooks.py"]
    failed = site.build(site_dir=tmp_path / "site")
    assert not failed.ok and "a plugin fails on purpose" in failed.log
    empty = [path for path in (tmp_path / "site").rglob("*.html") if path.stat().st_size == 0]
    assert empty == []


def test_a_page_another_plugin_empties_leaves_no_file_as_in_a_build_without_ours(site: Site, tmp_path: Path) -> None:
    site.write("hooks.py", """
        def on_post_page(output, page, config):
            return "" if page.file.src_uri.startswith("kudos/2026/10/") else output
        """)
    site.extra_config["hooks"] = ["hooks.py"]
    built = site.build(site_dir=tmp_path / "site")
    assert built.ok, built.log
    assert (tmp_path / "site/kudos/2026/11/index.html").stat().st_size > 0
    assert not (tmp_path / "site/kudos/2026/10/index.html").exists()
