"""The give page's preview renders Markdown as the site does: the shared table of cases, in Chromium.

The same cases hold the site's own renderer (tests/core/test_render_cases.py).
The script under test is the one the built give page loads.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from browserkit import Served

CASES: list[dict[str, Any]] = json.loads((Path(__file__).parents[1] / "render_cases.json").read_text(encoding="utf-8"))["cases"]


def test_the_preview_renders_every_shared_case_as_the_site_does_and_never_as_markup(
    material_site: Served, new_page: Callable[..., Any]
) -> None:
    page = new_page()
    page.goto(material_site.at("kudos/give/"))
    page.wait_for_function("window.kudoswall && window.kudoswall.note")
    got = page.evaluate(
        """cases => cases.map(c => {
            const box = document.createElement('div');
            box.appendChild(window.kudoswall.note.renderMarkdown(c.markdown));
            return [box.innerHTML, box.querySelectorAll('script, img, iframe, style, [onerror]').length];
        })""",
        CASES,
    )
    for case, (html, live) in zip(CASES, got, strict=True):
        assert re.sub(r">\n<", "><", html) == case["html"], case["name"]
        assert live == 0, case["name"]
    # The preview's source never writes markup from text: no innerHTML assignment anywhere in the give scripts.
    for name in ("give-note.js", "give-picker.js", "give.js", "give-form.js"):
        source = (material_site.built.site_dir / "kudos/assets" / name).read_text(encoding="utf-8")
        assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", source), name
    assert page.errors == []
