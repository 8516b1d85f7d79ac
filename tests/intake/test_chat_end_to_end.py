"""A Slack-shaped and a Teams-shaped thank-you, signed as the services sign them, end up on the wall."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from intake.chatkit import BEN_TEAMS_ID, CHAT_IDS, SLACK_IDS, TEAMS_AAD, chat_inbox, mention  # noqa: F401

sys.path.insert(0, str(Path(__file__).parents[1] / "hostile"))
from readers import scan


def test_thanks_from_slack_and_teams_are_on_the_wall_after_approval_and_a_build(chat_inbox: Any) -> None:  # noqa: F811
    inbox = chat_inbox()
    slack = inbox.slack(
        f"<@{SLACK_IDS['ben-okafor']}> <@{SLACK_IDS['cleo-park']}> "
        "thanks for the calm handover &lt;img src=x onerror=PWNED&gt; #patience",
        user=SLACK_IDS["ana-lima"],
    )
    teams = inbox.teams(
        "thanks <at>Ben Okafor</at> for untangling the refunds queue &lt;script&gt;PWNED()&lt;/script&gt; #little-wows",
        [mention("Ben Okafor", BEN_TEAMS_ID)], sender="cleo-park",
    )
    assert slack.status == teams.status == 200
    assert "Thank you!" in slack.text and "Thank you!" in teams.text
    assert len(inbox.inbox_files()) == 2
    inbox.stop()

    approved = inbox.site.kudos("inbox", "approve", "--all")
    assert approved.returncode == 0, approved.stderr
    assert inbox.inbox_files() == []
    published = sorted((inbox.site.root / "kudos/2026/11").glob("*.yml"))
    new = [p for p in published if "calm handover" in p.read_text(encoding="utf-8") or "refunds queue" in p.read_text(encoding="utf-8")]
    assert len(new) == 2
    for path in new:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        assert set(data) <= {"date", "from", "to", "principles", "message"}  # no source or chat field
        for word in [*CHAT_IDS, "Slack", "Teams", "received"]:
            assert word not in text, (path, word)

    built = inbox.site.build()
    assert built.ok, built.log
    wall = built.page("kudos/")
    assert "thanks for the calm handover" in wall and "untangling the refunds queue" in wall
    ben = built.page("people/ben-okafor/")
    assert "calm handover" in ben and "refunds queue" in ben
    found, seen = scan(built.site_dir, "material")
    assert seen and found == []  # the hostile words were published, as text
    for path in built.site_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for ident in [*CHAT_IDS, *TEAMS_AAD.values()]:
                assert ident.encode() not in data, (path, ident)
