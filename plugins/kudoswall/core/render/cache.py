"""What a rebuild may keep: rendered entries, pages and files, with what each depends on.

A page depends on its own value (`KudosPage.depends_on`: everything it
shows), on the people and teams whose names, faces and pages it looked up
while it was rendered (recorded as it renders: a note shows its recipients'
names, which are not in the entry itself), and on what every page shares
(principles' titles, the URL style, the language and the templates: the
fingerprint). `begin` drops everything when the fingerprint changes, and
otherwise keeps the pages the previous build made and the entries that still
exist, so edited and deleted ones do not pile up during a long `serve`. Renaming one person re-renders
the pages that show them, not the site.

With `keep_pages` (only under `serve`) whole pages are kept; a one-off build
would only hold memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import jinja2

from ..data.model import Entry
from ..site.i18n import Catalogue
from .templating import environment

FragmentKey = tuple[str, int, bool]  # entry id, heading level, anchored
Made = TypeVar("Made", bound=str | bytes)
V = TypeVar("V")
# "person:<id>" or "team:<slug>" -> the record seen, "name:<id>" -> the name shown (None: there was none)
Deps = dict[str, object]


class Reads:
    """The lookups of the renders under way; a page's render holds its entries' renders."""

    def __init__(self) -> None:
        self.open: list[Deps] = []

    def note(self, key: str, value: object) -> None:
        for scope in self.open:
            scope[key] = value

    def add(self, deps: Deps) -> None:
        for scope in self.open:
            scope.update(deps)

    @contextmanager
    def scope(self) -> Iterator[Deps]:
        deps: Deps = {}
        self.open.append(deps)
        try:
            yield deps
        finally:
            self.open.pop()


class Watched(Mapping[str, V], Generic[V]):
    """A mapping templates read (`people`, `teams`) that notes each lookup as a dependency."""

    def __init__(self, data: Mapping[str, V], kind: str, reads: Reads) -> None:
        self._data, self._prefix, self._reads = data, kind + ":", reads

    def __getitem__(self, key: str) -> V:
        value = self._data[key]
        self._reads.note(self._prefix + key, value)
        return value

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        self._reads.note(self._prefix + key, self._data.get(key))
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        for key in self._data:
            self._reads.note(self._prefix + key, self._data[key])
            yield key

    def __len__(self) -> int:
        return len(self._data)


@dataclass
class RenderCache:
    keep_pages: bool = False
    fingerprint: object = None
    reads: Reads = field(default_factory=Reads)
    entries: dict[FragmentKey, tuple[Entry, str, Deps]] = field(default_factory=dict)
    previous_entries: dict[FragmentKey, tuple[Entry, str, Deps]] = field(default_factory=dict)
    pages: dict[str, tuple[object, Any, Deps]] = field(default_factory=dict)
    previous_pages: dict[str, tuple[object, Any, Deps]] = field(default_factory=dict)
    # What this build had to render, for the tests and the benchmark to see.
    rendered_entries: Counter[str] = field(default_factory=Counter)
    rendered_pages: list[str] = field(default_factory=list)
    _environment: tuple[object, jinja2.Environment] | None = None
    _current: Callable[[str], object] = lambda key: None
    _answers: dict[tuple[str, int], bool] = field(default_factory=dict)

    def environment(self, template_dirs: list[str], catalogue: Catalogue) -> jinja2.Environment:
        """Under `serve`, one Jinja environment for every rebuild: templates are compiled once."""
        key = (tuple(template_dirs), catalogue)
        if not self.keep_pages:
            return environment(template_dirs, catalogue)
        if self._environment is None or self._environment[0] != key:
            self._environment = (key, environment(template_dirs, catalogue, watch=True))
        return self._environment[1]

    def begin(self, fingerprint: object, current: Callable[[str], object], live: set[str]) -> None:
        """A new build; `current(key)` is this build's record for a dependency key; `live`, its entries' ids.

        Entries the last build did not need (their pages were kept whole) are
        kept too while they exist: the next edit may need them.
        """
        same = fingerprint == self.fingerprint
        kept = {**self.previous_entries, **self.entries} if same else {}
        self.previous_entries = {key: hit for key, hit in kept.items() if key[0] in live}
        self.previous_pages = self.pages if same else {}
        self.entries, self.pages = {}, {}
        self.fingerprint = fingerprint
        self._current = current
        self._answers = {}
        self.rendered_entries, self.rendered_pages = Counter(), []

    def _fresh(self, deps: Deps) -> bool:
        return all(self._still(key, seen) for key, seen in deps.items())

    def _still(self, key: str, seen: object) -> bool:
        """Is `seen` still the record for `key`? Asked once per record this build, however many pages hold it."""
        asked = (key, id(seen))  # `seen` lives in a kept record, so its id is not reused meanwhile
        answer = self._answers.get(asked)
        if answer is None:
            answer = self._answers[asked] = self._current(key) == seen
        return answer

    def reuse(self, key: str, depends_on: object) -> bool:
        """Keep the last build's page as it is, if nothing it depends on changed (the adapter's check)."""
        hit = self.previous_pages.get(key)
        if hit is None or hit[0] != depends_on or not self._fresh(hit[2]):
            return False
        self.pages[key] = self.previous_pages.pop(key)
        return True

    def page(self, key: str, depends_on: object, make: Callable[[], Made]) -> Made:
        """A page's HTML (or a file's content) from the last build while nothing it depends on changed."""
        hit = self.pages.get(key) or self.previous_pages.pop(key, None)
        if hit is not None and hit[0] == depends_on and self._fresh(hit[2]):
            made: Made = hit[1]
            deps = hit[2]
            self.reads.add(deps)
        else:
            with self.reads.scope() as deps:
                made = make()
            self.rendered_pages.append(key)
        if self.keep_pages:
            self.pages[key] = (depends_on, made, deps)
        return made

    def entry(self, entry: Entry, level: int, anchor: bool, make: Callable[[], str]) -> str:
        key = (entry.id, level, anchor)
        hit = self.entries.get(key)
        if hit is not None and hit[0] is entry:  # the same build: no need to compare
            self.reads.add(hit[2])
            return hit[1]
        hit = self.previous_entries.pop(key, None)
        if hit is not None and hit[0] == entry and self._fresh(hit[2]):  # of the last build, unchanged
            html, deps = hit[1], hit[2]
            self.reads.add(deps)
        else:
            with self.reads.scope() as deps:
                html = make()
            self.rendered_entries[entry.id] += 1
        if anchor and not self.keep_pages:
            return html  # its month's page is the one place it appears: a build need not hold it
        self.entries[key] = (entry, html, deps)
        return html
