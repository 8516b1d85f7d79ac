"""Two pushes in quick succession never email anyone twice, on GitHub or on GitLab.

Each run checks out its own commit, so the second lacks the
kudos/_notified.json the first committed. The shipped workflows are read
as they are, and their notify steps run, word for word, in two stale clones
of a local repository against a real SMTP server on 127.0.0.1.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiosmtpd.controller import Controller

from sites import PEOPLE, TODAY, env, make_site

REPO = Path(__file__).resolve().parents[2]
STARTER = REPO / "plugins/kudoswall/starter/files/new"
GITHUB = [REPO / ".github/workflows/kudos.yml", STARTER / "dot-github/workflows/kudos.yml"]
GITLAB = [REPO / ".gitlab-ci.yml", STARTER / "dot-gitlab-ci.yml"]


def _tell_steps(path: Path) -> list[dict[str, Any]]:
    job = yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"]["tell"]
    return [s for s in job["steps"] if "run" in s and "digest" not in s["run"] and "pip install" not in s["run"]]


@pytest.mark.parametrize("path", GITHUB, ids=lambda p: p.parent.parent.parent.name)
def test_github_brings_the_branch_head_in_just_before_notify(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    tell = workflow["jobs"]["tell"]
    assert tell["concurrency"]["cancel-in-progress"] is False  # queued, never two at once
    runs = [s.get("run", "") for s in tell["steps"]]
    notify = next(i for i, r in enumerate(runs) if "kudos notify" in r)
    assert "git pull --ff-only origin" in runs[notify - 1]
    assert "git push" in runs[notify + 1]
    for step in tell["steps"][notify - 1: notify + 1]:
        assert "!cancelled()" in step["if"]  # a failed digest does not skip the emails


@pytest.mark.parametrize("path", GITLAB, ids=lambda p: p.parent.name)
def test_gitlab_runs_notify_one_at_a_time_on_the_branch_head(path: Path) -> None:
    notify = yaml.safe_load(path.read_text(encoding="utf-8"))["notify"]
    assert notify["resource_group"]
    script = notify["script"]
    assert script.index('git pull --ff-only origin "$CI_DEFAULT_BRANCH"') < script.index("kudos notify --since 7d")


class Mailbox:
    def __init__(self) -> None:
        self.to: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.to += envelope.rcpt_tos
        return "250 OK"


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.test", *args], cwd=cwd,
                          capture_output=True, text=True, check=True, timeout=60)
    return done.stdout


def _two_stale_clones(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Push 1 and push 2 land on main; run 1 checked out push 1's commit, run 2 push 2's."""
    origin = tmp_path / "origin.git"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    site = make_site(tmp_path / "work")
    people = {pid: dict(p) for pid, p in PEOPLE.items()}
    for pid in ("ana-lima", "ben-okafor", "cleo-park", "dev-iyer"):
        people[pid]["email"] = f"{pid}@acme.test"
    site.people(people)
    site.write_config()
    work = site.root
    _git(work, "init", "-q", "-b", "main")
    _git(work, "add", "-A")
    _git(work, "commit", "-q", "-m", "push 1")
    _git(work, "remote", "add", "origin", str(origin))
    _git(work, "push", "-q", "origin", "main")
    first = tmp_path / "run-1"
    _git(tmp_path, "clone", "-q", str(origin), str(first))
    site.entry("2026/11/second.yml", date="2026-11-24", giver="cleo-park", to="ben-okafor", message="Thanks, again.")
    _git(work, "add", "-A")
    _git(work, "commit", "-q", "-m", "push 2")
    _git(work, "push", "-q", "origin", "main")
    second = tmp_path / "run-2"
    _git(tmp_path, "clone", "-q", str(origin), str(second))
    return origin, first, second


def _run(clone: Path, script: str, port: int, extra: dict[str, str], must_pass: bool = True) -> None:
    variables = {
        **env(), **extra, "KUDOS_TODAY": TODAY, "KUDOS_SMTP_HOST": "127.0.0.1", "KUDOS_SMTP_PORT": str(port),
        "KUDOS_SMTP_FROM": "kudos@acme.test", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    done = subprocess.run(["bash", "-e", "-c", script], cwd=clone, env=variables, capture_output=True, text=True,
                          timeout=180, check=False)
    assert done.returncode == 0 or not must_pass, done.stdout + done.stderr


def _github_job(clone: Path, port: int, skip_pull: bool = False) -> None:
    for step in _tell_steps(GITHUB[0]):
        if skip_pull and "git pull --ff-only" in step["run"]:
            continue
        # Without the pull, the second run's own commit of _notified.json conflicts: its emails are gone by then.
        _run(clone, step["run"], port, {"GITHUB_REF_NAME": "main"}, must_pass=not skip_pull)


def _gitlab_job(clone: Path, origin: Path, port: int) -> None:
    job = yaml.safe_load(GITLAB[0].read_text(encoding="utf-8"))["notify"]
    extra = {"CI_DEFAULT_BRANCH": "main", "KUDOS_PUSH_TOKEN": "tok", "CI_SERVER_HOST": "gitlab.example.test",
             "CI_PROJECT_PATH": "acme/handbook"}
    # The push URL the job builds leads to the local repository; GitLab checks out a detached head.
    _git(clone, "config", f"url.{origin}.insteadOf", "https://oauth2:tok@gitlab.example.test/acme/handbook.git")
    _git(clone, "checkout", "-q", "--detach")
    for line in [*job["script"], *job["after_script"]]:
        _run(clone, line, port, extra)


def test_github_two_stale_runs_tell_each_person_once(tmp_path: Path, mailbox: tuple[Mailbox, int]) -> None:
    box, port = mailbox
    origin, first, second = _two_stale_clones(tmp_path)
    _github_job(first, port)
    told = sorted(box.to)
    _github_job(second, port)
    # In the last 7 days Ben was thanked twice, by Ana (push 1) and by Cleo (push 2): run 1 pulled push 2 in first.
    assert told == ["ben-okafor@acme.test", "ben-okafor@acme.test"]
    assert sorted(box.to) == told  # run 2 read what run 1 remembered
    assert "kudos notify: remember what was sent" in _git(origin, "log", "--format=%s", "main")


def test_without_the_pull_the_second_run_would_tell_everyone_again(tmp_path: Path, mailbox: tuple[Mailbox, int]) -> None:
    # The simulation can fail: the old workflow, without the step, sends again.
    box, port = mailbox
    _origin, first, second = _two_stale_clones(tmp_path)
    _github_job(first, port, skip_pull=True)
    once = len(box.to)
    _github_job(second, port, skip_pull=True)
    assert len(box.to) > once


def test_gitlab_two_stale_runs_tell_each_person_once(tmp_path: Path, mailbox: tuple[Mailbox, int]) -> None:
    box, port = mailbox
    origin, first, second = _two_stale_clones(tmp_path)
    _gitlab_job(first, origin, port)
    told = sorted(box.to)
    _gitlab_job(second, origin, port)
    assert told == ["ben-okafor@acme.test", "ben-okafor@acme.test"] and sorted(box.to) == told
