"""The shipped languages translate every message; the compiled catalogues match; a site can reword any string."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from kudoswall.core.site.i18n import Catalogue

LOCALE = Path(__file__).resolve().parents[2] / "plugins" / "kudoswall" / "locale"
LANGUAGES = ("es", "fr", "de")


def ids(path: Path) -> set[object]:
    with path.open("rb") as file:
        return {m.id for m in read_po(file) if m.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    """When this fails after a merge, run scripts/catalogue.py and translate what it lists."""
    po = LOCALE / language / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as file:
        catalog = read_po(file)
    expected = ids(LOCALE / "messages.pot")
    assert {m.id for m in catalog if m.id} >= expected, "run scripts/catalogue.py"
    untranslated = [
        m.id for m in catalog if m.id in expected
        and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))
    ]
    assert untranslated == []


def _key(value: object) -> object:
    return tuple(value) if isinstance(value, (list, tuple)) else value


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_its_source(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "messages.po").open("rb") as file:
        source = {_key(m.id): _key(m.string) for m in read_po(file) if m.id}
    with (folder / "messages.mo").open("rb") as file:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(file) if m.id}
    assert compiled == source, "run scripts/catalogue.py to compile"


def test_a_site_can_reword_any_string_over_any_language() -> None:
    words = (("Kudos wall", "Wall of thanks"), ("%(num)d story", "%(num)d tale"), ("%(num)d stories", "%(num)d tales"))
    assert Catalogue("en", overrides=words).gettext("Kudos wall") == "Wall of thanks"
    assert Catalogue("fr", overrides=words).gettext("Kudos wall") == "Wall of thanks"
    assert Catalogue("fr", overrides=words).gettext("People") == "Personnes"
    assert Catalogue("de", overrides=words).ngettext("%(num)d story", "%(num)d stories", 2) == "%(num)d tales"
    assert Catalogue("de").ngettext("%(num)d story", "%(num)d stories", 2) == "%(num)d Geschichten"


def test_how_far_off_a_day_is_reads_in_the_sites_language() -> None:
    """The leaves first on /celebrations/ say "in 8 days" in the site's language, in days (never "in 2 weeks")."""
    import datetime as dt

    today = dt.date(2026, 11, 25)
    said = {language: Catalogue(language).from_today(dt.date(2026, 12, 8), today) for language in ("en", "de", "fr", "es")}
    assert said == {"en": "in 13 days", "de": "in 13 Tagen", "fr": "dans 13 jours", "es": "dentro de 13 días"}
