"""Start your own and publish it: an existing site gains the wall with one line,
and a site stays out of search engines unless it says `public: true`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sites import Built, Site, env, make_site

NOINDEX = '<meta name="robots" content="noindex">'


def html_pages(built: Built) -> list[Path]:
    return sorted(built.site_dir.rglob("*.html"))


def test_an_existing_mkdocs_site_gains_the_wall_with_one_line_in_plugins(tmp_path: Path) -> None:
    """Plain `mkdocs` theme, one page, no principles folder; the plugin added and nothing else."""
    site = Site(tmp_path)
    site.write("docs/index.md", "# Our docs\n\nWhat we already had.\n")
    site.write("kudos/people.yml", "ana-lima:\n  name: Ana Lima\nben-okafor:\n  name: Ben Okafor\n")
    site.write("kudos/2026/11/first.yml",
               "date: 2026-11-20\nfrom: ana-lima\nto: [ben-okafor]\nmessage: Thanks for the handover notes.\n")
    site.write("mkdocs.yml", (
        "site_name: Our docs\n"
        "site_url: https://docs.example.test/\n"
        "theme:\n  name: mkdocs\n"
        "plugins:\n  - search\n  - kudos\n"
    ))
    # Site.build() would write its own mkdocs.yml: run MkDocs on this one as a user would.
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=tmp_path, env=env(), capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    built = Built(tmp_path, tmp_path / "site", done.returncode, done.stderr)
    wall = built.page("kudos/")
    assert "Thanks for the handover notes." in wall and "data-featured" in wall
    assert built.exists("kudos/tv/") and built.exists("kudos/feed.xml") and built.exists("people/ben-okafor/")
    assert "Our docs" in built.page("")


@pytest.fixture(scope="module")
def inside(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site = make_site(tmp_path_factory.mktemp("inside"))
    built = site.build()
    assert built.ok, built.log
    return built


def test_by_default_every_page_says_noindex_and_robots_txt_disallows_all(inside: Built) -> None:
    pages = html_pages(inside)
    assert len(pages) > 10
    for path in pages:
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        assert head.count(NOINDEX) == 1, path
    robots = (inside.site_dir / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *\nDisallow: /\n" in robots


def test_public_true_turns_both_off(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    site.plugin_options["public"] = True
    built = site.build()
    assert built.ok, built.log
    assert not (built.site_dir / "robots.txt").exists()
    for path in html_pages(built):
        assert 'name="robots"' not in path.read_text(encoding="utf-8"), path


def test_a_sites_own_robots_txt_wins(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    site.write("docs/robots.txt", "User-agent: *\nDisallow: /private/\n")
    built = site.build()
    assert built.ok, built.log
    assert (built.site_dir / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /private/\n"


def test_public_must_be_true_or_false(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    site.plugin_options["public"] = "yes please"
    built = site.build()
    assert not built.ok
    assert "public" in built.log
