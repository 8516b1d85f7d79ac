"""Two moderators approving at once publish each entry exactly once."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import yaml

from intake.conftest import Inbox, start_inbox  # noqa: F401 - the fixture is used by name
from sites import Site, env

GOOD = {"date": "2026-11-24", "from": "ana-lima", "to": ["ben-okafor"]}


def test_two_approve_all_at_once_publish_each_entry_exactly_once(
    site: Site, start_inbox: Callable[..., Inbox]  # noqa: F811
) -> None:
    inbox = start_inbox(site, "--rate", "1000/second")
    for n in range(40):
        assert inbox.post({**GOOD, "message": f"Approved once {n}."}).status == 201
    inbox.stop()
    command = [sys.executable, "-m", "kudoswall.cli", "inbox", "approve", "--all"]
    runs = [
        subprocess.Popen(command, cwd=site.root, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [(run.communicate(timeout=120), run.returncode) for run in runs]
    for (_out, err), code in results:
        assert code == 0, err
        assert "Traceback" not in err
    approved = [line for (out, _), _ in results for line in out.splitlines()]
    assert len(approved) == 40
    messages = sorted(
        yaml.safe_load(p.read_text(encoding="utf-8"))["message"]
        for p in (site.root / "kudos/2026/11").glob("2026-11-24-ana-lima-to-ben-okafor*.yml")
    )
    assert messages == sorted(f"Approved once {n}." for n in range(40))
    assert inbox.inbox_files() == []
    assert list((site.root / "kudos/_inbox/_approving").glob("*")) == []
