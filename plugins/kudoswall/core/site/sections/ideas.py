"""The little-things list: `/little-things/`, every idea grouped by tag, with who suggested it.

An idea's tag that names a principle (`tags: [customers, little-wows]`) ties
the idea to the wall: the idea shows how many thank-yous cite that principle,
the same count as the principle's stories (published entries only, so an
opted-out person, an anonymous giver or a customer is never counted apart),
and links to its page. Such a tag is shown as the principle's chip, not used
as a group.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from ...data.model import Idea, Principle
from ..builder import Builder
from ..pages import KudosFile, KudosPage

UNTAGGED = ""


@dataclass(frozen=True)
class Proof:
    """A principle an idea shows, and how many thank-yous on the wall cite it."""

    principle: Principle
    notes: int


@dataclass(frozen=True)
class IdeaNote:
    idea: Idea
    tags: tuple[str, ...]  # its other plain tags (not the group's, not principles)
    proofs: tuple[Proof, ...]


@dataclass(frozen=True)
class LittleThingsPage(KudosPage):
    template: ClassVar[str] = "kudos/little_things.html"
    searchable: ClassVar[bool] = True
    full_width: ClassVar[bool] = True  # a pinned board of ideas
    groups: tuple[tuple[str, tuple[IdeaNote, ...]], ...]  # (tag, ideas), by tag; untagged last; each idea once
    total: int


def idea_note(idea: Idea, group: str, proofs: Mapping[str, Proof]) -> IdeaNote:
    return IdeaNote(
        idea,
        tuple(t for t in idea.tags if t != group and t not in proofs),
        tuple(proofs[t] for t in dict.fromkeys(idea.tags) if t in proofs),
    )


def little_things(builder: Builder) -> Iterable[KudosPage | KudosFile]:
    # One count per principle, made once: linear in entries, whatever the number of ideas.
    proofs = {s.principle.id: Proof(s.principle, s.stories) for s in builder.principles}
    groups: dict[str, list[IdeaNote]] = {}
    ideas = sorted(builder.data.ideas, key=lambda i: (i.text.casefold(), i.id))
    for idea in ideas:
        # Once, under its first tag that is not a principle; its other tags show on it.
        group = next((t for t in idea.tags if t not in proofs), UNTAGGED)
        groups.setdefault(group, []).append(idea_note(idea, group, proofs))
    ordered = sorted(groups.items(), key=lambda g: (g[0] == UNTAGGED, g[0]))
    yield LittleThingsPage(
        "little-things/index.md", builder.tr.gettext("Little things"),
        tuple((tag, tuple(items)) for tag, items in ordered), len(ideas),
    )
