"""`kudos init`: a new company site that builds strictly at once, or the wall added to a site that exists."""

from __future__ import annotations

import hashlib
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sites import env

REPO = Path(__file__).resolve().parents[2]


def kudos(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kudoswall.cli", *args],
        cwd=cwd, env=env(), capture_output=True, text=True, timeout=120, check=False,
    )


def build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "site")],
        cwd=root, env=env(), capture_output=True, text=True, timeout=300, check=False,
    )


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_init_in_a_new_folder_makes_a_company_site_that_builds_strictly_at_once(tmp_path: Path, theme: str) -> None:
    result = kudos(tmp_path, "init", "handbook", "--name", "Acme Service", "--theme", theme)
    assert result.returncode == 0, result.stderr
    root = tmp_path / "handbook"
    files = set(tree(root))
    assert {
        "mkdocs.yml", "docs/index.md", "docs/principles/thank-out-loud.md", "kudos/people.yml",
        "requirements.txt", ".github/workflows/kudos.yml", ".gitlab-ci.yml", ".gitignore",
    } <= files
    for name in files:
        assert f"wrote {name}" in result.stdout
    assert "cd handbook" in result.stdout and "mkdocs serve" in result.stdout
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Acme Service" and config["theme"]["name"] == theme
    built = build(root)
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    assert "site_url is not set" in built.stderr  # the feeds are left out with an info line
    site = root / "site"
    for page in ("index.html", "kudos/index.html", "people/ana-lima/index.html", "principles/thank-out-loud/index.html",
                 "how-to/thank-someone/index.html"):
        assert (site / page).is_file(), page
    assert "Acme Service" in (site / "index.html").read_text(encoding="utf-8")
    assert "data-featured" in (site / "index.html").read_text(encoding="utf-8")


def test_a_new_site_takes_its_first_thank_you_with_the_command_init_prints(tmp_path: Path) -> None:
    init = kudos(tmp_path, "init", "h", "--site-url", "https://kudos.acme.test/")
    assert init.returncode == 0, init.stderr
    step = next(line.strip() for line in init.stdout.splitlines() if line.strip().startswith("kudos new "))
    root = tmp_path / "h"
    given = kudos(root, *shlex.split(step)[1:])
    assert given.returncode == 0, given.stderr
    built = build(root)
    assert built.returncode == 0, built.stderr
    wall = (root / "site/kudos/index.html").read_text(encoding="utf-8")
    assert "Thank you for the calm handover." in wall
    assert (root / "site/kudos/feed.xml").is_file()


def test_init_refuses_a_folder_with_files_but_no_mkdocs_yml_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = kudos(tmp_path, "init")
    assert result.returncode == 1
    assert "has files but no mkdocs.yml" in result.stderr and "Nothing was written." in result.stderr
    assert tree(tmp_path) == {"notes.txt": hashlib.sha256(b"mine\n").hexdigest()}


def test_the_new_sites_pipelines_are_this_repositorys_own_but_for_the_install(tmp_path: Path) -> None:
    assert kudos(tmp_path, "init", "h").returncode == 0
    root = tmp_path / "h"
    assert "mkdocs-kudoswall[material] @ " in (root / "requirements.txt").read_text(encoding="utf-8")
    for name in (".github/workflows/kudos.yml", ".gitlab-ci.yml"):
        theirs = (root / name).read_text(encoding="utf-8")
        ours = (REPO / name).read_text(encoding="utf-8")
        for install in ("python -m pip install -e '.[material]'", "python -m pip install -e ."):
            ours = ours.replace(install + "\n", "python -m pip install -r requirements.txt\n")
        assert theirs == ours, name
    for name in (".github/pull_request_template.md", ".gitlab/merge_request_templates/Kudos.md"):
        assert (root / name).read_text(encoding="utf-8") == (REPO / name).read_text(encoding="utf-8")


def test_the_new_site_has_the_samples_how_to_pages_for_its_staff(tmp_path: Path) -> None:
    assert kudos(tmp_path, "init", "h").returncode == 0
    pages = sorted(p.name for p in (REPO / "docs/how-to").glob("*.md"))
    assert pages == ["customer-service-week.md", "start-a-card.md", "thank-someone.md", "write-a-principle.md"]
    for name in pages:
        ours = (REPO / "docs/how-to" / name).read_text(encoding="utf-8")
        assert (tmp_path / "h/docs/how-to" / name).read_text(encoding="utf-8") == ours, name
    nav = yaml.safe_load((tmp_path / "h/mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert {"How to": [f"how-to/{name}" for name in ("thank-someone.md", "start-a-card.md",
                                                      "customer-service-week.md", "write-a-principle.md")]} in nav


MATERIAL_CONFIG = """\
# The handbook of Example Ltd.
site_name: Example handbook
theme:
  name: material
  palette:
    primary: indigo   # our colour
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
plugins:
  - search
nav:
  - Home: index.md
  - About: about.md
"""


def test_init_in_a_material_site_adds_the_plugin_and_people_and_changes_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Home :smile:\n", encoding="utf-8")
    (tmp_path / "docs/about.md").write_text("# About\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(MATERIAL_CONFIG, encoding="utf-8")
    before = tree(tmp_path)
    result = kudos(tmp_path, "init")
    assert result.returncode == 0, result.stderr
    after = tree(tmp_path)
    assert set(after) - set(before) == {"kudos/people.yml"}
    assert {k: v for k, v in after.items() if k not in ("mkdocs.yml", "kudos/people.yml")} == {
        k: v for k, v in before.items() if k != "mkdocs.yml"
    }
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == MATERIAL_CONFIG.replace(
        "  - search\n", "  - search\n  - kudos\n"
    )
    # The menu is the site's: the lines to add are printed, not written.
    assert "  - Kudos wall: kudos/index.md" in result.stdout
    assert "site_url is not set" in result.stdout
    built = build(tmp_path)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site/kudos/index.html").is_file() and (tmp_path / "site/people/ana-lima/index.html").is_file()
    settled = tree(tmp_path)
    again = kudos(tmp_path, "init")
    assert again.returncode == 0 and tree(tmp_path) == settled
    assert "already lists the kudos plugin" in again.stdout and "already there" in again.stdout


def test_init_in_a_plain_site_without_plugins_keeps_search(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Plain\n", encoding="utf-8")
    result = kudos(tmp_path, "init")
    assert result.returncode == 0, result.stderr
    assert "Kudos wall: kudos/index.md" not in result.stdout  # no nav: MkDocs lists pages itself
    assert "[Kudos wall](kudos/index.md)" in result.stdout  # but not ours: a link reaches the wall
    built = build(tmp_path)
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    assert (tmp_path / "site/search/search_index.json").is_file()
    wall = (tmp_path / "site/kudos/index.html").read_text(encoding="utf-8")
    # One link to the wall is enough: in the plain theme too, the wall links to every other kudos page.
    for page in ("../people/", "../teams/", "../cards/", "../campaigns/", "stats/", "tv/", "give/"):
        assert f'href="{page}"' in wall, page


def test_a_site_without_people_yml_is_told_how_to_start_one(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Plain\nplugins:\n  - search\n  - kudos\n", encoding="utf-8")
    built = build(tmp_path)
    assert built.returncode != 0
    warnings = [line for line in built.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1, warnings
    assert "kudos/people.yml: no people file" in warnings[0] and "kudos init" in warnings[0]
    assert "YAML error" not in built.stderr


def test_a_new_sites_weekly_stale_check_passes_until_its_principle_is_due(tmp_path: Path) -> None:
    # env() fixes today at 2026-11-25: the starter principle is due a year later.
    assert kudos(tmp_path, "init", "h").returncode == 0
    root = tmp_path / "h"
    assert "review_by: 2027-11-25" in (root / "docs/principles/thank-out-loud.md").read_text(encoding="utf-8")
    fresh = kudos(root, "check", "--stale")
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    assert kudos(root, "check", "--stale", "--as-of", "2027-11-25").returncode == 0
    due = kudos(root, "check", "--stale", "--as-of", "2027-11-26")
    assert due.returncode == 1
    assert "docs/principles/thank-out-loud.md: review was due on 2027-11-25 - kept by Ana Lima (ana-lima)" in due.stdout


def test_the_samples_overdue_page_says_it_is_a_demonstration() -> None:
    page = (REPO / "docs/principles/three-rs.md").read_text(encoding="utf-8")
    assert "review_by: 2026-09-01" in page and "on purpose" in page
    overdue = subprocess.run(
        [sys.executable, "-m", "kudoswall.cli", "check", "--stale"],
        cwd=REPO, env=env(), capture_output=True, text=True, timeout=120, check=False,
    )
    assert overdue.stdout.splitlines() == [
        "docs/principles/three-rs.md: review was due on 2026-09-01 - kept by Leila Haddad (leila-haddad)"
    ]
