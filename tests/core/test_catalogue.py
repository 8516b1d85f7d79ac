"""Every string our pages show goes through the one message catalogue."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "plugins" / "kudoswall"
TEMPLATES = sorted((PACKAGE / "templates" / "kudos").glob("*.html"))
SHOWN_ATTRIBUTES = ("aria-label", "title", "label", "placeholder", "alt")


def visible_text(template: str) -> list[str]:
    """Text a reader sees (text nodes and labelling attributes), with Jinja and code removed."""
    text = re.sub(r"\{#.*?#\}", "", template, flags=re.DOTALL)
    text = re.sub(r"<(pre|code|script|style)\b.*?</\1>", "", text, flags=re.DOTALL)
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", text, flags=re.DOTALL)
    shown = [m.group(2) for m in re.finditer(rf'\b({"|".join(SHOWN_ATTRIBUTES)})="([^"]*)"', text)]
    shown += re.sub(r"<[^>]*>", "\n", text).splitlines()
    return [s.strip() for s in shown if re.search(r"[A-Za-z]", s)]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_no_template_shows_a_string_outside_the_catalogue(template: Path) -> None:
    assert visible_text(template.read_text(encoding="utf-8")) == []


def test_the_catalogue_template_lists_every_string(tmp_path: Path) -> None:
    """Regenerate it with the command at the top of plugins/kudoswall/locale/babel.cfg."""
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(PACKAGE / "locale" / "babel.cfg"),
         "--no-location", "--omit-header", "--sort-output", "-o", str(fresh), str(PACKAGE)],
        check=True, capture_output=True, text=True,
    )
    shipped = (PACKAGE / "locale" / "messages.pot").read_text(encoding="utf-8")
    assert fresh.read_text(encoding="utf-8") == shipped
    assert 'msgid "Kudos wall"' in shipped and 'msgid "Featured today"' in shipped
