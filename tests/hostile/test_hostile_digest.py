"""`kudos digest` never crashes on what the data may hold, and never notifies a whole channel."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sites import PEOPLE, make_little_things_site, make_site

# Every way a chat turns a word into a notification: Mattermost and
# Rocket.Chat's @channel, @all and @here, Discord's @everyone, or any @name.
MENTION = re.compile(r"(?<![\w＠])@\w")


def test_a_thank_you_to_a_whole_team_is_in_the_digest(tmp_path: Path) -> None:
    site = make_little_things_site(tmp_path / "site-src")  # Cleo thanked team:support on 2026-11-12
    result = site.kudos("digest", "--since", "2026-01-01", "--as-of", "2026-11-25")
    assert result.returncode == 0, result.stderr
    assert re.search(r"\[Thanks, Support\]\(\S+\): for the Support team, from Cleo Park", result.stdout)
    for style in ("html", "slack", "teams"):
        result = site.kudos("digest", "--since", "30d", "--format", style)
        assert result.returncode == 0, result.stderr
        assert "Support team" in result.stdout


@pytest.mark.parametrize("style", ["markdown", "slack", "teams"])
def test_no_word_in_a_digest_can_notify_a_channel(tmp_path: Path, style: str) -> None:
    site = make_site(tmp_path / "site-src")
    site.people({**PEOPLE, "ana-lima": {**PEOPLE["ana-lima"], "name": "Ana @here Lima"}})
    site.entry("2026/11/loud.yml", date="2026-11-24", giver="ana-lima", to="ben-okafor",
               title="@channel look at this", message="Thanks @all, @everyone and @ben-okafor!")
    site.entry("2026/11/quiet.yml", date="2026-11-23", giver="ben-okafor", to="cleo-park",
               message="@channel " + "x" * 300)
    site.write("kudos/cards/loud.yml", "title: \"@all sign this\"\nfor: ben-okafor\noccasion: congrats\ndate: 2026-11-24\n")
    result = site.kudos("digest", "--since", "7d", "--format", style)
    assert result.returncode == 0, result.stderr
    payload = result.stdout
    if style != "markdown":
        payload = json.dumps(json.loads(payload), ensure_ascii=False)
    assert "look at this" in payload and "sign this" in payload and "Lima" in payload
    assert MENTION.findall(payload) == []
    assert "＠channel" in payload  # still readable as written
