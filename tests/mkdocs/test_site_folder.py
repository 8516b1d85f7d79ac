"""MkDocs owns the site folder: whatever happens to a build, only its own files end up there.

And a build holds nothing past its end: no frozen objects, no site model.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from sites import Site, env, make_site

KILL_AFTER = (0.0, 0.15, 0.3, 0.5, 0.8, 1.2, 1.8)  # seconds after MkDocs has emptied the folder


def every_file(folder: Path) -> set[str]:
    """Every file and link under a folder, hidden ones too."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


def busy_site(root: Path) -> Site:
    """A site whose build takes a second or two, with one person who will opt out."""
    site = make_site(root)
    for n in range(300):
        site.entry(f"2026/{1 + n % 11:02d}/note-{n}.yml", date=f"2026-{1 + n % 11:02d}-{1 + n % 27:02d}",
                   giver="ana-lima", to=["ben-okafor", "cleo-park", "dev-iyer"][n % 3], principles=["patience"],
                   message=f"Thank you for the {n}th rescue of a *difficult* morning.")
    site.plugin_options.update(page_size=4, archive_page_size=4, people_page_size=2)
    return site


def killed_build(site: Site, site_dir: Path, after: float) -> None:
    """`mkdocs build`, killed outright `after` seconds once MkDocs has emptied the site folder.

    (Killed while MkDocs empties it, what is left is up to MkDocs alone.)
    """
    site.write_config()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", str(site_dir)],
        cwd=site.root, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    assert process.stderr is not None
    for line in process.stderr:
        if "Building documentation to directory" in line:
            break
    time.sleep(after)
    os.killpg(process.pid, signal.SIGKILL)  # the build and any worker of its
    process.wait(timeout=30)
    process.stderr.close()


def test_a_build_killed_at_any_moment_leaves_only_files_a_complete_build_writes(tmp_path: Path) -> None:
    """No hidden folder of ours, no page of the last build (here: of someone who has since opted out)."""
    site = busy_site(tmp_path / "src")
    last = site.build(strict=False, site_dir=tmp_path / "last")
    assert last.ok, last.log
    assert (tmp_path / "last/people/ben-okafor/index.html").is_file()
    site.write("kudos/people.yml", (site.root / "kudos/people.yml").read_text(encoding="utf-8").replace(
        "name: Ben Okafor", "name: Ben Okafor\n  wall: false"))
    complete = site.build(strict=False, site_dir=tmp_path / "complete")
    assert complete.ok, complete.log
    expected = every_file(tmp_path / "complete")
    assert not any(path.startswith("people/ben-okafor/") for path in expected)
    started = time.monotonic()
    (tmp_path / "complete").rename(tmp_path / "timed")
    timed = site.build(strict=False, site_dir=tmp_path / "timed")  # over the last build, as a writer rebuilds
    assert timed.ok and time.monotonic() - started > 1.0, "the build is too quick to be killed midway"
    for after in KILL_AFTER:
        site_dir = tmp_path / f"killed-{after}"
        shutil.copytree(tmp_path / "last", site_dir, symlinks=True)
        killed_build(site, site_dir, after)
        left = every_file(site_dir)
        assert left <= expected, (after, sorted(left - expected)[:10])


THREE_BUILDS = """
import gc, json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

site, out = sys.argv[1], sys.argv[2]
for number in range(3):
    config = load_config(site + "/mkdocs.yml", site_dir=f"{out}/built-{number}")
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
del config
gc.collect()
print(json.dumps({"frozen": gc.get_freeze_count(),
                  "models": sum(type(o).__name__ == "SiteModel" for o in gc.get_objects())}))
"""


def test_three_builds_in_one_process_leave_nothing_frozen_and_no_site_model_alive(site: Site, tmp_path: Path) -> None:
    """As a script calling MkDocs' build() does, or a long-lived process that builds now and then.

    In a process of its own, so no other test's objects are counted.
    """
    # Another plugin counts the site models alive while each build renders.
    site.write("count_models.py", """
        import gc
        import pathlib

        def on_env(env, config, files):
            gc.collect()  # the last build's garbage, if any, is not alive
            alive = sum(type(o).__name__ == "SiteModel" for o in gc.get_objects())
            with pathlib.Path(config.config_file_path).with_name("models-alive").open("a") as out:
                out.write(f"{alive}\\n")
        """)
    site.extra_config["hooks"] = ["count_models.py"]
    site.write_config()
    result = subprocess.run([sys.executable, "-c", THREE_BUILDS, str(site.root), str(tmp_path)], cwd=site.root,
                            env=env(), capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    for number in range(3):
        assert "A billing rescue" in (tmp_path / f"built-{number}/kudos/index.html").read_text(encoding="utf-8")
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"frozen": 0, "models": 0}
    # While each build renders, its own model is the one alive: the last build's is gone.
    assert (site.root / "models-alive").read_text().split() == ["1", "1", "1"]
