"""The kinds of content a site has beyond the wall, people and principles.

Each is a function from the `Builder` to the pages and files it adds; a new
kind is a module with its page classes and such a function, and a line here.
"""

from __future__ import annotations

from .campaigns import campaigns
from .cards import cards
from .celebrations import celebrations
from .feeds import feeds_section
from .handbook import changes_section
from .ideas import little_things
from .pages import Section
from .publish import robots_section
from .stats import stats_section
from .teams import teams
from .tv import tv_section

SECTIONS: tuple[Section, ...] = (
    cards,
    campaigns,
    teams,
    celebrations,
    little_things,
    tv_section,
    feeds_section,
    robots_section,
    stats_section,
    changes_section,
)
