"""The kinds of content a site has beyond the wall, people and principles.

Each is a function from the `Builder` to the pages and files it adds; a new
kind is a module with its page classes and such a function, and a line here.
"""

from __future__ import annotations

from .handbook import changes_section
from .pages import Section
from .stats import stats_section

SECTIONS: tuple[Section, ...] = (
    stats_section,
    changes_section,
)
