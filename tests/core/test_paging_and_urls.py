"""Pagination and links, with MkDocs' two URL styles."""

from __future__ import annotations

import pytest

from kudoswall.core.site.paging import paginate
from kudoswall.core.site.urls import UrlScheme, relative


def test_pages_hold_the_items_in_order_and_at_least_one_page_exists() -> None:
    pages = paginate(list(range(45)), 20, "kudos")
    assert [len(p.items) for p in pages] == [20, 20, 5]
    assert [p.src_uri for p in pages] == ["kudos/index.md", "kudos/page/2/index.md", "kudos/page/3/index.md"]
    assert pages[1].previous == "kudos/index.md" and pages[1].next == "kudos/page/3/index.md"
    assert pages[0].previous is None and pages[2].next is None
    assert len(paginate([], 20, "kudos")) == 1


def test_page_numbers_offered_stay_few_however_many_pages() -> None:
    pages = paginate(list(range(10_000)), 10, "kudos")
    offered = pages[500].nearby()
    assert len(offered) <= 9
    assert offered[0][0] == 1 and offered[-1][0] == 1000


@pytest.mark.parametrize(
    ("directory_urls", "src", "url"),
    [
        (True, "kudos/index.md", "kudos/"),
        (False, "kudos/index.md", "kudos/"),
        (True, "principles/patience.md", "principles/patience/"),
        (False, "principles/patience.md", "principles/patience.html"),
        (True, "index.md", ""),
    ],
)
def test_page_urls_follow_mkdocs(directory_urls: bool, src: str, url: str) -> None:
    assert UrlScheme(directory_urls).page_url(src) == url


@pytest.mark.parametrize(
    ("target", "base", "expected"),
    [
        ("kudos/", "kudos/page/2/", "../../"),
        ("kudos/index.html", "kudos/page/2/index.html", "../../index.html"),
        ("", "kudos/", "../"),
        ("kudos/2026/10/#k1", "", "kudos/2026/10/#k1"),
        ("people/ana/", "people/ana/", "./"),
        ("https://x.example/", "kudos/", "https://x.example/"),
    ],
)
def test_relative_links(target: str, base: str, expected: str) -> None:
    assert relative(target, base) == expected
