"""Co-signs: "me too" on someone else's thank-you (`also: <note id>`).

A co-sign is an entry that names a published note. It is never a note of its
own: it is shown inside the note it joins, never moves that note (the note
keeps its date in the wall, the feeds and the rotation), and counts as a
thank-you received by each of the note's recipients. Its `to` may be left
out (the note's recipients are thanked) and its message is optional and
short. Co-signs are kept in the order they were given, by date, never by
who gave them, so an anonymous one cannot be placed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import Any

from . import schema
from .model import Entry, Problem

NOTE_ID = re.compile(schema.NOTE_ID_PATTERN)
ALSO_MAX = 500
"""A co-sign's words are a few: the note it joins says the rest."""


def check_also(data: Any, add: Callable[[int | None, str, str], None]) -> str | None:
    """The note id an entry co-signs ("" for an ordinary entry), or None when `also` is wrong."""
    value = data.get("also")
    if value is None:
        return ""
    line = data.line_of("also")
    if not isinstance(value, str) or not NOTE_ID.match(value):
        add(line, "'also' must be a note's id like k7ea47d5045",
            "copy the id from the note's permanent link (the part after #), or use the note's Me too link")
        return None
    for key, why in (
        ("card", "a card's signatures are already its co-signs: sign the card instead, or remove 'also'"),
        ("campaign", "a co-sign joins a note and is not a campaign note itself: remove 'campaign'"),
        ("slot", "a co-sign joins a note and is not a campaign note itself: remove 'slot'"),
    ):
        if key in data:
            add(data.line_of(key), f"'{key}' cannot go with 'also'", why)
    return value


def attach(
    entries: Sequence[Entry], also: Sequence[tuple[str, int, str]],
) -> tuple[list[Entry], list[Entry], list[Problem]]:
    """Notes with their co-signs inside, the co-signs, and the co-signs that name no published note.

    `also[i]` is entry i's (note id, line of `also`, giver's id), with "" as the note id for a note.
    A signature on a card is not a note one can co-sign: its card is.
    """
    notes = {e.id: e for e, (target, _, _) in zip(entries, also, strict=True) if not target}
    joined: dict[str, list[Entry]] = {}
    cosigns: list[Entry] = []
    problems: list[Problem] = []
    for entry, (target, line, giver) in zip(entries, also, strict=True):
        if not target:
            continue
        note = notes.get(target)
        if note is None or note.card:
            why = "it is a signature on a card" if note is not None else "no published note has that id"
            problems.append(Problem(
                entry.source, line, f"'also' names no note that can be co-signed ('{target}': {why})",
                "use the id in the note's permanent link (the part after #), or the note's Me too link",
            ))
            continue
        if giver in (entry.recipients or note.recipients):
            # Said without naming the giver: the co-sign may be anonymous, and problems are public in CI.
            problems.append(Problem(entry.source, line, "this co-sign's giver is thanked in the note it joins",
                                    "join in on a note that thanks someone else"))
            continue
        cosign = dataclasses.replace(entry, recipients=entry.recipients or note.recipients, also=target)
        joined.setdefault(target, []).append(cosign)
        cosigns.append(cosign)
    result = [
        dataclasses.replace(e, cosigns=tuple(sorted(joined[e.id], key=lambda c: (c.date, c.id))))
        if e.id in joined else e
        for e in entries if e.id in notes
    ]
    return result, cosigns, problems
