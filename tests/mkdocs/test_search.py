"""Search: each entry is one record at its permanent link, made from the data, in either theme's index."""

from __future__ import annotations

import json

import pytest

from sites import Site


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_each_entry_is_one_search_record_at_its_permanent_link(site: Site, theme: str) -> None:
    site.theme = theme
    site.entry(
        "2026/11/three.yml", date="2026-11-22", giver="ben-okafor", to=["ana-lima", "cleo-park", "customer"],
        principles=["patience"], title="Calm on the phones", message="Three of us kept **every** caller calm.",
    )
    built = site.build()
    assert built.ok, built.log
    docs = json.loads((built.site_dir / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    found = [d for d in docs if "kept every caller calm" in d["text"]]
    assert len(found) == 1
    record = found[0]
    page, _, anchor = record["location"].partition("#")
    assert page in ("kudos/2026/11/", "kudos/2026/11/index.html")
    assert f'id="{anchor}"' in built.page("kudos/2026/11/")  # the entry's permanent anchor
    assert record["title"] == "Ana Lima, Cleo Park and a customer: Calm on the phones"
    assert record["text"] == "Three of us kept every caller calm. Patience says you're worth it From Ben Okafor"
    # The month itself is found by its name; its HTML is not indexed a second time.
    month = [d for d in docs if d["location"].split("#")[0] == page]
    assert [d["title"] for d in month if "#" not in d["location"]] == ["November 2026"]


def test_an_anonymous_giver_is_a_colleague_in_the_index(site: Site) -> None:
    built = site.build()
    assert built.ok, built.log
    docs = json.loads((built.site_dir / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    record = next(d for d in docs if "covering my shift without being asked" in d["text"])
    assert record["text"].endswith("From a colleague")
    assert "Dev" not in record["text"] + record["title"]
