"""Entries grouped the ways pages need them, in one pass over the data."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ..data.model import Dataset, Entry


@dataclass(frozen=True)
class Index:
    received: dict[str, list[Entry]]
    given: dict[str, list[Entry]]
    by_principle: dict[str, list[Entry]]
    by_month: dict[str, list[Entry]]  # "YYYY/MM", newest month first
    cited_for: dict[str, Counter[str]]  # person -> principle -> count of received kudos


def build_index(data: Dataset) -> Index:
    received: dict[str, list[Entry]] = defaultdict(list)
    given: dict[str, list[Entry]] = defaultdict(list)
    by_principle: dict[str, list[Entry]] = defaultdict(list)
    by_month: dict[str, list[Entry]] = {}
    cited_for: dict[str, Counter[str]] = defaultdict(Counter)
    for entry in data.entries:  # newest first, so every list comes out newest first
        for person in entry.colleagues:
            received[person].append(entry)
            cited_for[person].update(entry.principles)
        if entry.giver:
            given[entry.giver].append(entry)
        for principle in entry.principles:
            by_principle[principle].append(entry)
        by_month.setdefault(entry.month, []).append(entry)
    return Index(dict(received), dict(given), dict(by_principle), by_month, dict(cited_for))
