"""The give page's people files in a real build: named by the page, next to it, in both URL styles."""

from __future__ import annotations

import json
import re

import pytest

from sites import Site


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_give_page_names_its_people_files_relative_to_itself(site: Site, directory_urls: bool) -> None:
    site.extra_config["use_directory_urls"] = directory_urls
    site.plugin_options["give_people_per_file"] = 3
    built = site.build()
    assert built.ok, built.log
    page = built.site_dir / "kudos/give/index.html"
    html = page.read_text(encoding="utf-8")
    for person in ("ana-lima", "ben-okafor", "cleo-park", "dev-iyer", "Ana Lima"):
        assert person not in html  # the page names nobody: its script reads the files
    named = re.search(r'data-people="([^"]*)"', html)
    assert named is not None and named.group(1).split() == ["people-1.json", "people-2.json"]
    rows = []
    for name in named.group(1).split():
        rows += json.loads((page.parent / name).read_text(encoding="utf-8"))["people"]
    # Each with the initials and the colour their own page draws them with, for the preview.
    def colour(person: str, letters: str) -> int:
        found = re.search(rf'kudos-avatar--(\d+)"[^>]*>{letters}<', built.page(f"people/{person}/"))
        assert found is not None, person
        return int(found.group(1))

    assert rows == [
        ["cleo-park", "Cleo Park", "Billing", colour("cleo-park", "CP"), "CP"],
        ["dev-iyer", "Dev Iyer", "Billing", colour("dev-iyer", "DI"), "DI"],
        ["ana-lima", "Ana Lima", "Support", colour("ana-lima", "AL"), "AL"],
        ["ben-okafor", "Ben Okafor", "Support", colour("ben-okafor", "BO"), "BO"],
    ]


def test_people_per_file_is_bounded(site: Site) -> None:
    site.plugin_options["give_people_per_file"] = 5000
    built = site.build()
    assert not built.ok
    assert "give_people_per_file" in built.log and "between 1 and 1000" in built.log
