"""The names of people off the wall, found in any text a person writes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .model import Person

# Invisible format characters (soft hyphen, zero-width space, bidi marks) would
# let a name hide in plain sight from a word-by-word comparison.
_FORMAT_CHARS = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", _FORMAT_CHARS.sub("", text)).casefold())


class OptedOutNames:
    """The full names of people off the wall, found in a text in time linear in its words.

    Built once per load: a site of 5,000 people and 10,000 entries must not
    compare every message with every name.
    """

    def __init__(self, people: Iterable[Person], ids: bool = False) -> None:
        """With `ids`, their ids count as names too: for text people do not write to be published
        (a commit subject), where an id is as likely as a name."""
        off = [p for p in people if not p.wall]
        texts = [p.name for p in off] + ([p.id for p in off] if ids else [])
        self._names = {words for text in texts if (words := tuple(_words(text)))}
        self._first = {words[0] for words in self._names}
        self._lengths = sorted({len(words) for words in self._names})

    def found_in(self, text: str) -> bool:
        if not self._names:
            return False
        words = _words(text)
        for start, word in enumerate(words):
            if word in self._first and any(
                tuple(words[start : start + length]) in self._names for length in self._lengths
            ):
                return True
        return False
