"""The site's Markdown renderer against the table of cases the give page's preview is held to as well.

tests/render_cases.json is the one table: tests/browser/test_give_markdown.py runs
the same cases through assets/give-note.js in Chromium, so the preview and the
wall cannot drift apart without one of the two failing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from kudoswall.core.data.markup import MessageRenderer

CASES: list[dict[str, Any]] = json.loads((Path(__file__).parents[1] / "render_cases.json").read_text(encoding="utf-8"))["cases"]


def joined(html: str) -> str:
    return re.sub(r">\n<", "><", html)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_site_renders_each_shared_case_as_the_table_says(case: dict[str, Any]) -> None:
    assert joined(MessageRenderer().render(case["markdown"]).html) == case["html"]


def test_the_table_holds_hostile_cases_that_come_out_as_text() -> None:
    hostile = [c for c in CASES if re.search(r"<(script|img|iframe|style)|javascript:|vbscript:|data:", c["markdown"], re.I)]
    assert len(hostile) >= 6
    for case in hostile:
        assert not re.search(r"<(script|img|iframe|style)|href=\"(?!https?:|mailto:)", case["html"], re.I), case["name"]
