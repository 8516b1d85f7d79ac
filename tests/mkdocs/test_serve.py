"""`mkdocs serve` rebuilds when anything under kudos/ changes, and what it reuses is never stale."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sites import Site, env, folders, site_tree


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, needle: str, present: bool = True, timeout: float = 45) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if (needle in last) == present:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} {'never appeared' if present else 'never left'} at {url}")


@pytest.fixture
def served(site: Site) -> Iterator[tuple[Site, str]]:
    site.write_config()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", "mkdocs.yml"],
        cwd=site.root, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        yield site, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_adding_editing_and_deleting_an_entry_reloads_the_site(served: tuple[Site, str]) -> None:
    site, base = served
    wait_for(base + "kudos/", "A billing rescue")
    path = site.entry("2026/11/new.yml", date="2026-11-24", giver="cleo-park", to="dev-iyer",
                      message="Freshly added while the server runs.")
    wait_for(base + "kudos/", "Freshly added while the server runs.")
    path.write_text(path.read_text().replace("Freshly added", "Edited"), encoding="utf-8")
    wait_for(base + "kudos/", "Edited while the server runs.")
    path.unlink()
    wait_for(base + "kudos/", "Edited while the server runs.", present=False)


def test_editing_people_reloads_the_directory(served: tuple[Site, str]) -> None:
    site, base = served
    wait_for(base + "people/", "Cleo Park")
    people = site.root / "kudos/people.yml"
    people.write_text(people.read_text().replace("Cleo Park", "Cleo Park-Lee"), encoding="utf-8")
    wait_for(base + "people/", "Cleo Park-Lee")


def served_copy(url: str) -> str:
    """A served file without the script `mkdocs serve` puts before </body>."""
    text = fetch(url)
    end = text.rfind("</body>")
    if end != -1:
        start = text.rfind("<script>", 0, end)
        text = text[:start] + text[end:]
    return text


def in_any_order(rel: str, text: str) -> str:
    """Material's search index under --dirty keeps its records in another order, which it does not read."""
    if not rel.endswith("search_index.json"):
        return text
    index = json.loads(text)
    index["docs"].sort(key=lambda doc: json.dumps(doc, sort_keys=True))
    return json.dumps(index, sort_keys=True)


def clean_build(site: Site, base: str, work: Path) -> dict[str, str]:
    """The same site built from scratch by `mkdocs build`, at the served address."""
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(site.root, work, ignore=shutil.ignore_patterns("site", "serve.log"))
    config = json.loads((work / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_url"] = base  # serve puts its own address there
    (work / "mkdocs.yml").write_text(json.dumps(config), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", "site"],
        cwd=work, env=env(), capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    return {
        path.relative_to(work / "site").as_posix(): path.read_bytes().decode("utf-8")
        for path in sorted((work / "site").rglob("*"))
        if path.suffix in {".html", ".xml", ".json", ".ics", ".txt"} and path.name != "sitemap.xml"
    }


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.mark.parametrize("dirty", [False, True], ids=["serve", "serve --dirty"])
def test_what_serve_reuses_always_equals_a_clean_build(site: Site, tmp_path: Path, dirty: bool) -> None:
    """Edits, renames, deletions, people, a page title (the navigation) and mkdocs.yml, one after another.

    Under --dirty, MkDocs skips every page the plugin reuses and never empties
    the site folder: a page that is no longer made must be gone all the same.
    """
    site.write_config()
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log_path = site.root / "serve.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", "mkdocs.yml",
             *(["--dirty"] if dirty else [])],
            cwd=site.root, env=env(), stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        def same_as_clean(step: str) -> None:
            expected = clean_build(site, base, tmp_path / "clean")
            deadline, differing = time.monotonic() + 60, list(expected)
            while time.monotonic() < deadline:
                with contextlib.suppress(OSError):
                    differing = [
                        rel for rel, text in expected.items()
                        if in_any_order(rel, served_copy(base + rel)) != in_any_order(rel, text)
                    ]
                if not differing:
                    return
                time.sleep(0.5)
            raise AssertionError(f"after {step}, served pages differ from a clean build: {differing[:10]}")

        wait_for(base + "kudos/", "A billing rescue")
        same_as_clean("the first build")
        entry = site.root / "kudos/2026/11/ana-to-ben.yml"
        steps: list[tuple[str, Callable[[], object]]] = [
            ("editing an entry", lambda: entry.write_text(
                entry.read_text(encoding="utf-8").replace("billing rescue", "billing save"), encoding="utf-8")),
            ("renaming an entry", lambda: entry.rename(entry.with_name("renamed.yml"))),
            ("deleting an entry", (site.root / "kudos/2026/11/renamed.yml").unlink),
            ("renaming a person", lambda: site.write(
                "kudos/people.yml", (site.root / "kudos/people.yml").read_text().replace("Cleo Park", "Cleo Park-Lee"))),
            ("retitling a principle page", lambda: site.write(
                "docs/principles/patience.md",
                re.sub(r"^# .*$", "# Patience, renamed", (site.root / "docs/principles/patience.md").read_text(),
                       count=1, flags=re.M))),
            ("renaming the site", lambda: (site.extra_config.update(site_name="Renamed Handbook"), site.write_config())),
            ("opting a person out", lambda: site.write(
                "kudos/people.yml", (site.root / "kudos/people.yml").read_text().replace(
                    "name: Ben Okafor", "name: Ben Okafor\n  wall: false"))),
        ]
        assert status(base + "people/ben-okafor/") == 200
        for step, change in steps:
            time.sleep(1.1)  # a change in a later second than the last build
            change()
            same_as_clean(step)
        assert status(base + "people/ben-okafor/") == 404  # gone, though a dirty build empties nothing
        assert "Ben Okafor" not in fetch(base + "principles/patience/")
        reused = [int(n) for n in re.findall(r"(\d+) of \d+ generated pages unchanged", log_path.read_text())]
        assert reused and max(reused) >= 10, reused  # it did reuse pages: the comparisons tested the cache
        left = [int(n) for n in re.findall(r"(\d+) unchanged generated pages are left as they are", log_path.read_text())]
        if dirty:  # MkDocs skipped their files, which a dirty build does not empty
            assert left and max(left) >= 10, left
        else:  # MkDocs emptied the site folder and wrote every page again
            assert not left, left
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_every_plain_serve_rebuild_holds_exactly_what_a_clean_build_writes(site: Site, tmp_path: Path) -> None:
    """Reused pages, other plugins before and after ours, files that take a generated page's address.

    MkDocs empties the site folder before each rebuild and writes every file,
    reused pages too: whatever a rebuild does not make (a deleted page, image
    or entry, an opted-out person's folder) is gone.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site.write("docs/extra.md", "# Extra\n\nA page that will be deleted.\n")
    site.write("docs/images/team.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    site.write("docs/notes.md", "# Notes\n\nA page that will render to nothing.\n")
    site.write("overrides/nothing.html", "{# a template that writes nothing #}\n")
    site.theme = {"name": "material", "custom_dir": "overrides"}
    # Another plugin that, while switched on, changes every page after the
    # theme and every page file after the build.
    site.write("hooks.py", """
        import pathlib

        PAGES = pathlib.Path(__file__).with_name("hook-pages")
        FILES = pathlib.Path(__file__).with_name("hook-files")

        def on_post_page(output, page, config):
            if not PAGES.exists():
                return output
            return output.replace("</body>", "<!-- seen by a later plugin --></body>")

        def on_post_build(config):
            for path in pathlib.Path(config.site_dir).rglob("*.html") if FILES.exists() else ():
                path.write_text(path.read_text(encoding="utf-8") + "<!-- stamped -->", encoding="utf-8")
        """)
    # And one that comes after ours: it adds to every page after every
    # plugin, or changes every page file before this plugin notes them.
    site.write("after_ours.py", """
        from mkdocs.plugins import event_priority

        @event_priority(-100)
        def on_post_page(output, page, config):
            return output + "<!-- after every plugin -->"
        """)
    site.write("before_ours.py", """
        import pathlib
        from mkdocs.plugins import event_priority

        @event_priority(101)
        def on_post_build(config):
            for path in pathlib.Path(config.site_dir).rglob("*.html"):
                path.write_text(path.read_text(encoding="utf-8") + "<!-- first -->", encoding="utf-8")
        """)
    site.extra_config["hooks"] = ["hooks.py"]
    site.write_config()
    served_dir = tmp_path / "served"

    def rebuild() -> None:
        config = load_config(str(site.root / "mkdocs.yml"), site_dir=str(served_dir))
        if not hasattr(rebuild, "started"):
            config.plugins.on_startup(command="serve", dirty=False)
            rebuild.started = True  # type: ignore[attr-defined]
        build(config, serve_url="http://127.0.0.1:8000/")

    def same_as_clean(step: str) -> None:
        clean = site.build(strict=False, site_dir=tmp_path / "clean")
        assert clean.ok, clean.log
        served, expected = site_tree(served_dir), site_tree(tmp_path / "clean")
        assert sorted(served) == sorted(expected), (step, set(served) ^ set(expected))
        assert [p for p in expected if served[p] != expected[p]] == [], step
        assert folders(served_dir) == folders(tmp_path / "clean"), step

    rebuild()
    same_as_clean("the first build")
    (served_dir / ".nojekyll").write_text("")  # MkDocs never empties hidden files out of the site folder
    october = served_dir / "kudos/2026/10/index.html"
    entry = site.root / "kudos/2026/11/ana-to-ben.yml"

    def hooks(*names: str) -> None:
        site.extra_config["hooks"] = list(names)
        site.write_config()

    def change_in_place(path: Path) -> None:
        """The same size and modification time, as `cp -p` or `rsync -t` may leave a file."""
        before = path.stat()
        path.write_bytes(path.read_bytes().replace(b"<title>", b"<TITLE>", 1))
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

    steps: list[tuple[str, Callable[[], object]]] = [
        ("editing an entry", lambda: entry.write_text(
            entry.read_text(encoding="utf-8").replace("billing rescue", "billing save"), encoding="utf-8")),
        ("a page file changed in place, its size and time kept", lambda: change_in_place(october)),
        ("a plugin adding to every page after ours", lambda: hooks("hooks.py", "after_ours.py")),
        ("nothing changed", lambda: None),
        ("a plugin adding to every page file before ours notes them", lambda: hooks("hooks.py", "before_ours.py")),
        ("nothing changed", lambda: None),
        ("those plugins taken out", lambda: hooks("hooks.py")),
        ("another plugin changing every page file after the build", lambda: site.write("hook-files", "")),
        ("that plugin switched off", (site.root / "hook-files").unlink),
        ("another plugin changing every page after the theme", lambda: site.write("hook-pages", "")),
        ("deleting a handbook page", (site.root / "docs/extra.md").unlink),
        ("that plugin switched off", (site.root / "hook-pages").unlink),
        ("deleting an image", (site.root / "docs/images/team.svg").unlink),
        # MkDocs writes no file for a page whose output is empty: last build's must not linger.
        ("a handbook page rendering to nothing", lambda: site.write(
            "docs/notes.md", "---\ntemplate: nothing.html\n---\n# Notes\n")),
        ("deleting an entry", entry.unlink),
        # Two files for one address: the generated page is written last, in a clean build as here.
        ("a file of the site's own where a generated page goes", lambda: site.write(
            "docs/kudos/tv/index.html", "<p>A screen of our own</p>\n")),
        ("a handbook page where a generated page goes", lambda: site.write("docs/kudos/tv.md", "# Our own screen\n")),
        ("nothing changed", lambda: None),
        ("leaving files out in mkdocs.yml", lambda: (
            site.extra_config.update(exclude_docs="*.ics\nfeed.xml\n"), site.write_config())),
        ("opting a person out", lambda: site.write(
            "kudos/people.yml", (site.root / "kudos/people.yml").read_text().replace(
                "name: Ben Okafor", "name: Ben Okafor\n  wall: false"))),
        ("renaming the site", lambda: (site.extra_config.update(site_name="Renamed Handbook"), site.write_config())),
    ]
    for number, (step, change) in enumerate(steps):
        change()
        rebuild()
        if number == 0:
            assert "A billing save" in (served_dir / "kudos/index.html").read_text(encoding="utf-8")
        same_as_clean(step)
    assert not (served_dir / "extra").exists() and not (served_dir / "people/ben-okafor").exists()
    assert not (served_dir / "notes").exists()
    assert (served_dir / ".nojekyll").is_file()
