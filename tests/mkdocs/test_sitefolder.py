"""A build writes over the last build's files instead of emptying the site folder, and ends with what a clean build writes."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kudoswall.core.parallel import can_fork
from kudoswall.mkdocs import sitefolder
from sites import Site, env, folders, make_site, many, site_tree

# Another plugin, as plugins do: it looks at the site folder before the
# build, writes into it while the files are gathered (after ours), appends
# to a file there, and writes a file only when it is missing.
OTHER_PLUGIN = """
    import pathlib
    from mkdocs.plugins import event_priority

    def on_pre_build(config):
        site = pathlib.Path(config.site_dir)
        seen = pathlib.Path(config.config_file_path).with_name("seen-before-build.txt")
        seen.write_text(str((site / "index.html").is_file()))
        if site.is_dir():
            (site / "kudos").mkdir(exist_ok=True)
            (site / "kudos" / "written-before-the-build.txt").write_text("MkDocs empties this away")

    @event_priority(-90)
    def on_files(files, config):
        site = pathlib.Path(config.site_dir)
        (site / "kudos" / "hook").mkdir(parents=True, exist_ok=True)
        (site / "kudos" / "hook" / "data.txt").write_text("written while the files are gathered")
        (site / "kudos" / "from-a-hook.txt").write_text("written while the files are gathered")
        (site / "hook-top.txt").write_text("at the top")
        with (site / "kudos" / "hook-log.txt").open("a") as log:
            log.write("one line a build\\n")
        return files

    def on_page_markdown(markdown, page, config, files):
        diagram = pathlib.Path(config.site_dir) / "diagrams" / "home.svg"
        if page.file.src_uri == "index.md" and not diagram.exists():
            diagram.parent.mkdir(parents=True, exist_ok=True)
            diagram.write_text("<svg/>")
        return markdown
    """


def build_with_umask(site: Site, site_dir: Path, umask: int) -> None:
    site.write_config()
    done = subprocess.run(
        ["sh", "-c", f'umask {umask:03o} && exec "$0" -m mkdocs build --strict -f mkdocs.yml -d "$1"',
         sys.executable, str(site_dir)],
        cwd=site.root, env=env(), capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def modes(folder: Path) -> dict[str, tuple[int, int, int, list[str]]]:
    """Each file's and folder's permissions, owner, group and extended attributes (ACLs among them)."""
    return {
        path.relative_to(folder).as_posix(): (
            stat.S_IMODE(path.lstat().st_mode), path.lstat().st_uid, path.lstat().st_gid, os.listxattr(path),
        )
        for path in folder.rglob("*") if not path.relative_to(folder).as_posix().startswith(".")
    }


def test_a_build_writes_over_the_last_ones_files_yet_leaves_exactly_what_a_clean_build_leaves(
    site: Site, tmp_path: Path
) -> None:
    site.write("hooks.py", OTHER_PLUGIN)
    site.extra_config["hooks"] = ["hooks.py"]
    site.write("docs/extra.md", "# Extra\n\nA page that will be deleted.\n")
    site_dir = tmp_path / "site"
    build_with_umask(site, site_dir, 0o022)

    october = site_dir / "kudos/2026/10/index.html"
    held = os.open(october, os.O_RDONLY)  # an open file's inode cannot be reused by a new file
    snapshot = tmp_path / "snapshot"  # as `cp -al site snapshot` makes
    mode_changed = site_dir / "people/cleo-park/index.html"
    with_attribute = site_dir / "principles/index.html"
    group_changed = site_dir / "people/dev-iyer/index.html"
    for path in site_dir.rglob("*"):
        if path.is_file() and path not in (october, mode_changed, with_attribute, group_changed):
            (snapshot / path.relative_to(site_dir)).parent.mkdir(parents=True, exist_ok=True)
            os.link(path, snapshot / path.relative_to(site_dir))
    in_snapshot = site_tree(snapshot)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "page.html").write_text("not the site's")
    november = site_dir / "kudos/2026/11/index.html"
    november.unlink()
    november.symlink_to(outside / "page.html")
    shutil.rmtree(site_dir / "kudos/hook")
    (site_dir / "kudos/hook").symlink_to(outside, target_is_directory=True)
    fifo = site_dir / "people/ben-okafor/index.html"
    fifo.unlink()
    os.mkfifo(fifo)  # writing to it would wait for a reader forever
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
    (site_dir / ".kudos-previous-left-by-a-killed-build").mkdir()
    # Left by a build made with another umask: this one's would not make them so.
    mode_changed.chmod(0o600)
    (site_dir / "people").chmod(0o700)
    os.setxattr(with_attribute, "user.mark", b"left by someone")  # an ACL would be one too
    if os.geteuid() == 0:
        os.chown(group_changed, 0, 65534)  # another group
        os.chown(site_dir / "teams", 0, 65534)
    deep = site_dir / "stale-deep"
    deep.mkdir()
    for _ in range(1200):  # deeper than Python's recursion
        deep = deep / "d"
        os.mkdir(deep)

    entry = site.root / "kudos/2026/11/ana-to-ben.yml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("billing rescue", "billing save"), encoding="utf-8")
    (site.root / "docs/extra.md").unlink()
    build_with_umask(site, site_dir, 0o022)
    assert (site.root / "seen-before-build.txt").read_text() == "True", "a plugin before ours saw the last build"

    clean_dir = tmp_path / "clean"
    build_with_umask(site, clean_dir, 0o022)
    built, expected = site_tree(site_dir), site_tree(clean_dir)
    assert sorted(built) == sorted(expected), set(built) ^ set(expected)
    assert [path for path in expected if built[path] != expected[path]] == []
    assert folders(site_dir) == folders(clean_dir) | {".git"}
    assert modes(site_dir) == modes(clean_dir)
    assert built["kudos/hook-log.txt"] == b"one line a build\n"
    assert {"kudos/from-a-hook.txt", "kudos/hook/data.txt", "hook-top.txt", "diagrams/home.svg"} <= set(built)
    assert "kudos/written-before-the-build.txt" not in built
    assert "A billing save" in (site_dir / "kudos/index.html").read_text(encoding="utf-8")

    try:
        assert os.fstat(held).st_ino == october.stat().st_ino, "a page's file is written over, not made anew"
    finally:
        os.close(held)
    assert site_tree(snapshot) == in_snapshot, "another name for a file keeps what it held"
    assert [p.name for p in outside.iterdir()] == ["page.html"] and (outside / "page.html").read_text() == "not the site's"
    assert not november.is_symlink() and not (site_dir / "kudos/hook").is_symlink()
    assert (site_dir / ".git/HEAD").is_file() and (site_dir / ".nojekyll").is_file()
    assert not list(site_dir.glob(".kudos-previous-*")), "what was set aside is gone once the build is done"


def test_files_the_plugin_writes_itself_never_go_through_the_last_builds_links(tmp_path: Path) -> None:
    """With enough pages, feeds and the TV files are written by a second process, into files made early."""
    site = make_site(tmp_path / "src")
    many(site, 80)
    site.plugin_options.update(page_size=1, archive_page_size=1)
    site_dir = tmp_path / "site"
    first = site.build(verbose=True, site_dir=site_dir)
    assert first.ok and "rendered in a second process" in first.log, first.log
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "feed.xml").write_text("not the site's")
    (site_dir / "kudos/feed.xml").unlink()
    (site_dir / "kudos/feed.xml").symlink_to(outside / "feed.xml")
    shutil.move(site_dir / "kudos/assets", outside / "assets")
    (site_dir / "kudos/assets").symlink_to(outside / "assets", target_is_directory=True)
    snapshot = tmp_path / "snapshot"
    for path in site_dir.rglob("*.ics"):
        snapshot.mkdir(exist_ok=True)
        os.link(path, snapshot / path.name)
    in_outside, in_snapshot = site_tree(outside), site_tree(snapshot)

    again = site.build(site_dir=site_dir)
    assert again.ok, again.log
    assert site_tree(outside) == in_outside and site_tree(snapshot) == in_snapshot and in_snapshot
    assert site.build(site_dir=tmp_path / "clean").ok
    assert site_tree(site_dir) == site_tree(tmp_path / "clean")

    # A dirty build empties nothing: the files are made where the last build's are.
    (site_dir / "kudos/feed.xml").unlink()
    (site_dir / "kudos/feed.xml").symlink_to(outside / "feed.xml")
    dirty = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "-f", "mkdocs.yml", "-d", str(site_dir)],
        cwd=site.root, env=env(), capture_output=True, text=True, timeout=300, check=False,
    )
    assert dirty.returncode == 0, dirty.stdout + dirty.stderr
    assert site_tree(outside) == in_outside and not (site_dir / "kudos/feed.xml").is_symlink()


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
    assert not list(site_dir.glob(".kudos-previous-*"))
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
    readying = sitefolder.Readying(paths, str(site_dir), parallel=parallel)
    assert (readying.beside.process is not None) == in_a_process
    readying.beside.join()
    assert (site_dir / "a/b/index.html").read_bytes() == b"" and (site_dir / "c/index.html").read_bytes() == b""
    assert (site_dir / "kept/index.html").read_text() == "last build's page"
    assert outside.read_text() == "not the site's"

    (site_dir / "c/index.html").write_text("written by the build")
    readying.stop()  # as after a failed build
    assert not (site_dir / "a").exists(), "nor the folders made for it"
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
        import pathlib

        def on_post_page(output, page, config):
            emptied = pathlib.Path(config.config_file_path).with_name("empty-october").exists()
            return "" if emptied and page.file.src_uri.startswith("kudos/2026/10/") else output
        """)
    site.extra_config["hooks"] = ["hooks.py"]
    site.write("empty-october", "")
    assert site.build(site_dir=tmp_path / "site").ok  # into a new folder, where its file was made ahead
    assert (tmp_path / "site/kudos/2026/11/index.html").stat().st_size > 0
    assert not (tmp_path / "site/kudos/2026/10").exists()
    (site.root / "empty-october").unlink()
    assert site.build(site_dir=tmp_path / "site").ok
    site.write("empty-october", "")
    assert site.build(site_dir=tmp_path / "site").ok  # where the last build wrote it
    assert not (tmp_path / "site/kudos/2026/10").exists()


def test_a_build_driven_without_on_startup_leaves_the_site_folder_to_mkdocs(site: Site, tmp_path: Path) -> None:
    """A script calling MkDocs' build() tells the plugin nothing of dirtiness: the site folder stays MkDocs' alone."""
    site.write_config()
    script = """
import pathlib, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
site_dir = sys.argv[1]
build(load_config("mkdocs.yml", site_dir=site_dir))
pathlib.Path("docs/principles/patience.md").touch()
(pathlib.Path(site_dir) / "kept-by-dirty.txt").write_text("MkDocs does not empty the folder for a dirty build")
build(load_config("mkdocs.yml", site_dir=site_dir), dirty=True)
"""
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "site")],
        cwd=site.root, env=env(), capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "site/kept-by-dirty.txt").is_file()
    assert (tmp_path / "site/index.html").is_file() and (tmp_path / "site/principles/patience/index.html").is_file()


LATE_PLUGIN = """
    import pathlib
    from mkdocs.plugins import event_priority

    ON = pathlib.Path(__file__).with_name("late-on")

    @event_priority(-100)  # after ours: hooks come after plugins
    def on_env(env, config, files):
        if ON.exists():
            files.remove(files.get_file_from_path("images/team.svg"))
        return env

    @event_priority(-100)
    def on_post_page(output, page, config):
        return "" if ON.exists() and page.file.src_uri.startswith("people/") else output
    """


def test_what_plugins_after_ours_take_out_or_empty_leaves_no_file_of_the_last_build(
    site: Site, tmp_path: Path
) -> None:
    site.write("docs/images/team.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    site.write("late.py", LATE_PLUGIN)
    site.extra_config["hooks"] = ["late.py"]
    site_dir = tmp_path / "site"
    assert site.build(site_dir=site_dir).ok
    assert (site_dir / "images/team.svg").is_file() and (site_dir / "people/ana-lima/index.html").is_file()
    site.write("late-on", "")
    assert site.build(site_dir=site_dir).ok
    assert site.build(site_dir=tmp_path / "clean").ok
    assert site_tree(site_dir) == site_tree(tmp_path / "clean")
    assert folders(site_dir) == folders(tmp_path / "clean")
    assert not (site_dir / "images/team.svg").exists() and not (site_dir / "people/ana-lima/index.html").exists()


def test_a_serve_build_then_a_plain_build_in_one_process_leaves_no_draft(site: Site, tmp_path: Path) -> None:
    """MkDocs keeps one plugin instance per process: the second build is not a serve build, whatever came before."""
    site.write("docs/drafts/plan.txt", "a draft, served but not built")
    site.extra_config["draft_docs"] = "drafts/\n"
    site.write_config()
    script = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config("mkdocs.yml", site_dir=sys.argv[1])
config.plugins.on_startup(command="serve", dirty=False)
build(config, serve_url="http://127.0.0.1:8000/")
assert (__import__("pathlib").Path(sys.argv[1]) / "drafts/plan.txt").is_file()
build(load_config("mkdocs.yml", site_dir=sys.argv[1]))
"""
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "site")],
        cwd=site.root, env=env(), capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert not (tmp_path / "site/drafts").exists()
