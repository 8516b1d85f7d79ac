"""The one message catalogue: every string the plugin shows, and its dates.

Templates use `_()` / `ngettext()` (Jinja's i18n extension) and Python
titles use `Catalogue.gettext`, both from the same translations, so adding
a language is a catalogue file, never an edit of a page. Dates go through
Babel so that "November 2026" reads right in every language.
"""

from __future__ import annotations

import datetime as dt
import gettext
from dataclasses import dataclass, field
from importlib import resources

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_timedelta
from babel.support import Translations

DOMAIN = "messages"
DEFAULT_LANGUAGE = "en"


def _load(language: str) -> gettext.NullTranslations:
    folder = resources.files("kudoswall") / "locale"
    return Translations.load(str(folder), [language], DOMAIN)


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)


class _Overrides(gettext.NullTranslations):
    """A site's own wording (the `strings` option) on top of the shipped catalogue."""

    def __init__(self, strings: dict[str, str], base: gettext.NullTranslations) -> None:
        super().__init__()
        self.strings = strings
        self.add_fallback(base)

    def gettext(self, message: str) -> str:
        if message in self.strings:
            return self.strings[message]
        return super().gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        key = msgid1 if n == 1 else msgid2
        if key in self.strings:
            return self.strings[key]
        return super().ngettext(msgid1, msgid2, n)


@dataclass(frozen=True)
class Catalogue:
    language: str = DEFAULT_LANGUAGE
    translations: gettext.NullTranslations = field(default=None, compare=False, repr=False)  # type: ignore[assignment]
    locale: Locale = field(default=None, compare=False, repr=False)  # type: ignore[assignment]
    overrides: tuple[tuple[str, str], ...] = ()  # (English msgid, the site's text): `strings` in mkdocs.yml

    def __post_init__(self) -> None:
        if self.translations is None:
            base = _load(self.language)
            translations = _Overrides(dict(self.overrides), base) if self.overrides else base
            object.__setattr__(self, "translations", translations)
        if self.locale is None:
            object.__setattr__(self, "locale", _locale(self.language))

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def _dates(self, kind: str, day: dt.date, pattern: str) -> str:
        # Babel formats a date in tens of microseconds and pages show the same
        # few hundred days tens of thousands of times: remember each.
        cache: dict[tuple[str, dt.date], str] = self.__dict__.setdefault("_date_cache", {})
        key = (kind, day)
        text = cache.get(key)
        if text is None:
            text = cache[key] = format_date(day, pattern, locale=self.locale)
        return text

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)

    def month_label(self, day: dt.date) -> str:
        """A month as people say it: "November 2026"."""
        return self._dates("month", day.replace(day=1), "LLLL y")

    def month_alone(self, day: dt.date) -> str:
        """A month by its name alone, where the year goes without saying: "October"."""
        return self._dates("month-alone", day.replace(day=1), "LLLL")

    def long_date(self, day: dt.date) -> str:
        """The one way a day is written for people, in the site's language: "November 25, 2026"."""
        return self._dates("long", day, "long")

    def short_date(self, day: dt.date) -> str:
        """Kept for sites' own templates: the same words as `long_date`, so a page never mixes formats."""
        return self.long_date(day)

    def month_short(self, day: dt.date) -> str:
        """A calendar leaf's month: "Nov"."""
        return self._dates("month-short", day.replace(day=1), "LLL")

    def day_month(self, day: dt.date) -> str:
        """A day without its year, as a week's span on a calendar says it: "Nov 30"."""
        cache: dict[dt.date, str] = self.__dict__.setdefault("_day_month_cache", {})
        text = cache.get(day)
        if text is None:
            text = cache[day] = format_skeleton("MMMd", day, locale=self.locale)
        return text

    def from_today(self, day: dt.date, today: dt.date) -> str:
        """How far a day ahead is, in days, as people say it: "in 8 days"."""
        cache: dict[int, str] = self.__dict__.setdefault("_ahead_cache", {})
        ahead = (day - today).days
        text = cache.get(ahead)
        if text is None:
            text = cache[ahead] = format_timedelta(
                dt.timedelta(days=ahead), granularity="day", threshold=1000, add_direction=True, locale=self.locale,
            )
        return text

    def weekday(self, day: dt.date) -> str:
        """A calendar leaf's weekday: "Wed"."""
        return self._dates("weekday", day, "EEE")
