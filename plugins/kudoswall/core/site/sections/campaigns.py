"""Campaigns: `/campaigns/<id>/`, the notes as a wall of sticky notes, and participation.

Participation is shown as aggregates only (never per person, never ranked),
and the one public list of gaps is "still waiting for a note": it invites a
note. A busy campaign's notes span pages; the participation is on the first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from ...data.model import Campaign, CampaignTally, Entry
from ..builder import Builder
from ..pages import KudosFile, KudosPage, titled
from ..paging import Pager, paginate

CAMPAIGNS_SRC = "campaigns/index.md"


def campaign_src(campaign_id: str) -> str:
    return f"campaigns/{campaign_id}/index.md"


def campaign_state(campaign: Campaign, today: dt.date) -> str:
    """coming | running | finished: what the page invites (a note while it runs)."""
    if today < campaign.start:
        return "coming"
    return "running" if today <= campaign.end else "finished"


@dataclass(frozen=True)
class CampaignPage(KudosPage):
    template: ClassVar[str] = "kudos/campaign.html"
    full_width: ClassVar[bool] = True  # a wall of sticky notes
    campaign: Campaign
    tally: CampaignTally | None  # on the first page only
    pager: Pager[Entry]
    team_names: tuple[tuple[str, str], ...]  # (slug, name) of the teams in the tally
    waiting: tuple[str, ...] = ()  # who is still waiting, as many as the page shows
    waiting_more: str | None = None  # the waiting list's own pages, when it is longer
    state: str = "running"  # coming | running | finished


@dataclass(frozen=True)
class CampaignTile:
    campaign: Campaign
    src: str
    notes: int
    state: str
    sample: tuple[Entry, ...] = ()  # its first notes, for a thumbnail of its wall


THUMBNAIL_NOTES = 15  # notes on a campaign's thumbnail: enough to read as a wall, few enough to stay small
# How to run a campaign: the page `kudos init` gives every new site, linked when the site has it.
CAMPAIGN_GUIDE = "how-to/customer-service-week.md"


@dataclass(frozen=True)
class CampaignsPage(KudosPage):
    """`/campaigns/`: every campaign, running and coming ones first, then the finished, newest first."""

    template: ClassVar[str] = "kudos/campaigns.html"
    full_width: ClassVar[bool] = True
    tiles: tuple[CampaignTile, ...]
    guide: str = ""  # the site's page on how to run one (CAMPAIGN_GUIDE), if it has it


@dataclass(frozen=True)
class WaitingPage(KudosPage):
    """Everyone still waiting for a note, a page at a time: a large company's list must not weigh on the campaign."""

    template: ClassVar[str] = "kudos/campaign_waiting.html"
    campaign: Campaign
    pager: Pager[str]  # person ids


WAITING_ON_CAMPAIGN = 60  # names shown on the campaign page itself; the rest on its waiting pages


def campaigns(builder: Builder) -> Iterable[KudosPage | KudosFile]:
    data = builder.data
    notes: dict[str, list[Entry]] = {}
    for entry in reversed(data.entries):  # oldest first: the wall fills up as the week goes
        if entry.campaign in data.campaigns:
            notes.setdefault(entry.campaign, []).append(entry)
    names = tuple((slug, team.name) for slug, team in data.teams.items())
    today = builder.project.today
    tiles = [
        CampaignTile(c, campaign_src(cid), len(notes.get(cid, [])), campaign_state(c, today),
                     tuple(notes.get(cid, [])[:THUMBNAIL_NOTES]))
        for cid, c in data.campaigns.items()
    ]
    tiles.sort(key=lambda t: (t.state == "finished", -t.campaign.start.toordinal(), t.campaign.id))
    guide = CAMPAIGN_GUIDE if (builder.project.docs_dir / CAMPAIGN_GUIDE).is_file() else ""
    yield CampaignsPage(CAMPAIGNS_SRC, builder.tr.gettext("Campaigns"), tuple(tiles), guide)
    for cid, campaign in sorted(data.campaigns.items()):
        tally = data.tallies.get(cid)
        waiting = tally.waiting if tally else ()
        more = None
        if len(waiting) > WAITING_ON_CAMPAIGN:
            title = builder.tr.gettext("Still waiting for a note: %(campaign)s") % {"campaign": campaign.title}
            lists = paginate(waiting, builder.settings.people_page_size, f"campaigns/{cid}/waiting")
            more = lists[0].src_uri
            for people in lists:
                yield WaitingPage(people.src_uri, titled(title, people.number, builder.tr), campaign, people)
        series = paginate(notes.get(cid, []), builder.settings.archive_page_size, f"campaigns/{cid}")
        for pager in series:
            first = pager.number == 1
            yield CampaignPage(
                pager.src_uri, titled(campaign.title, pager.number, builder.tr), campaign,
                tally if first else None, pager, names,
                waiting[:WAITING_ON_CAMPAIGN] if first else (), more if first else None,
                campaign_state(campaign, today),
            )
