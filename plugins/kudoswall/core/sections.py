"""The kinds of content a site has beyond the wall, people and principles.

Each is a function from the `Builder` to the pages and files it adds; a new
kind is a module with its page classes and such a function, and a line here.
"""

from __future__ import annotations

from .campaigns import campaigns
from .cards import cards
from .celebrations import celebrations
from .ideas import little_things
from .pages import Section
from .teams import teams

SECTIONS: tuple[Section, ...] = (
    cards,
    campaigns,
    teams,
    celebrations,
    little_things,
)
