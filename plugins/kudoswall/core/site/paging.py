"""Split a long list into numbered pages, each at its own address."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Pager(Generic[T]):
    number: int  # 1-based
    count: int
    items: Sequence[T]
    src_uris: tuple[str, ...]  # the source of every page of the series, by number - 1
    total_items: int

    @property
    def src_uri(self) -> str:
        return self.src_uris[self.number - 1]

    @property
    def previous(self) -> str | None:
        return self.src_uris[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.src_uris[self.number] if self.number < self.count else None

    def nearby(self, spread: int = 2) -> list[tuple[int, str | None]]:
        """Page numbers to offer, with None as a gap; never lists every page."""
        wanted = {1, self.count, *range(self.number - spread, self.number + spread + 1)}
        shown = sorted(n for n in wanted if 1 <= n <= self.count)
        result: list[tuple[int, str | None]] = []
        for previous, n in zip([0, *shown], shown, strict=False):
            if n - previous > 1:
                result.append((0, None))
            result.append((n, self.src_uris[n - 1]))
        return result


def series_src(base: str, number: int) -> str:
    """`kudos` -> kudos/index.md, kudos/page/2/index.md, ..."""
    prefix = f"{base}/" if base else ""
    return f"{prefix}index.md" if number == 1 else f"{prefix}page/{number}/index.md"


def paginate(items: Sequence[T], per_page: int, base: str) -> list[Pager[T]]:
    """At least one page, so an empty wall still has an address."""
    count = max(1, math.ceil(len(items) / per_page))
    src_uris = tuple(series_src(base, n) for n in range(1, count + 1))
    return [
        Pager(n, count, items[(n - 1) * per_page : n * per_page], src_uris, len(items))
        for n in range(1, count + 1)
    ]
