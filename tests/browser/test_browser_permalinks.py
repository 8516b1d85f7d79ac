"""A permanent link `/kudos/YYYY/MM/#id` still finds its entry when a busy month
spans several pages: the month's first page lists each later entry under its
id, and the script follows that line to the page that holds it, with both URL
styles."""

from __future__ import annotations

import re
from typing import Any

import pytest


def later_entries(served: Any) -> list[tuple[str, str, str]]:
    """(month folder, entry id, page address) of entries past their month's first page."""
    found: list[tuple[str, str, str]] = []
    site = served.built.site_dir
    for first in sorted(site.glob("kudos/[0-9]*/[0-9]*/index.html")):
        month = first.parent.relative_to(site).as_posix()
        html = first.read_text(encoding="utf-8")
        found += [(month, kid, href) for kid, href in re.findall(r'<li id="(k[0-9a-f]{10})"><a href="([^"#]+)#\1"', html)]
    return found


@pytest.mark.parametrize("flat", [False, True], ids=["directory-urls", "flat-urls"])
def test_a_permanent_link_moves_on_to_the_page_that_holds_the_entry(
    build_company: Any, new_page: Any, flat: bool
) -> None:
    served = build_company(archive_page_size=1, extra_config={"use_directory_urls": not flat})
    later = later_entries(served)
    assert later, "fixture: some month must span several pages"
    month, kudos_id, page_address = later[-1]
    page = new_page()
    first_page = f"{month}/index.html" if flat else f"{month}/"
    page.goto(served.at(f"{first_page}#{kudos_id}"))
    page.wait_for_url(served.at(f"{month}/{page_address}#{kudos_id}"))
    assert page.locator(f"#{kudos_id}").is_visible()
    assert page.errors == []


def test_an_anchor_on_its_own_page_stays_put(build_company: Any, new_page: Any) -> None:
    served = build_company(archive_page_size=1)
    month, kudos_id, page_address = later_entries(served)[0]
    page = new_page()
    page.goto(served.at(f"{month}/{page_address}#{kudos_id}"))
    page.wait_for_load_state("networkidle")
    assert page.url == served.at(f"{month}/{page_address}#{kudos_id}")
