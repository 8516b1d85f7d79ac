"""The pull-request workflow shipped with the repository: it runs what it says, on this repository."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from sites import env

REPO = Path(__file__).resolve().parents[2]


def steps_run(workflow: dict) -> list[str]:
    return [step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_github_workflow_checks_pull_requests_and_publishes_main_to_pages() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/kudos.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    runs = steps_run(workflow)
    assert "kudos check --format github" in runs
    assert any("mkdocs build --strict" in run for run in runs)
    publish = workflow["jobs"]["publish"]
    assert "refs/heads/main" in publish["if"] and publish["permissions"]["pages"] == "write"
    assert publish["steps"][-1]["uses"].startswith("actions/deploy-pages@")


def test_gitlab_ci_is_the_same_pipeline() -> None:
    ci = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    check = " ".join(ci["check"]["script"])
    assert "kudos check --format gitlab" in check and "mkdocs build --strict" in check
    assert ci["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert ci["pages"]["artifacts"]["paths"] == ["public"]
    assert any("--site-dir public" in line for line in ci["pages"]["script"])


def test_gitlab_ci_has_full_history_and_git_so_pages_show_their_last_update() -> None:
    ci = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert ci["variables"]["GIT_DEPTH"] == 0  # GitLab clones 20 commits deep by default
    setup = " ".join(ci["default"]["before_script"])
    assert "apt-get install" in setup and " git" in setup  # python:*-slim has no git


def test_gitlab_ci_notifies_digests_and_lists_stale_pages_like_the_github_workflow() -> None:
    text = (REPO / ".gitlab-ci.yml").read_text(encoding="utf-8")
    ci = yaml.safe_load(text)
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in ci["workflow"]["rules"]
    notify = ci["notify"]
    assert "kudos notify --since 7d" in notify["script"]
    assert '$KUDOS_NOTIFY == "true"' in notify["rules"][0]["if"]
    remember = "\n".join(notify["after_script"])  # after_script: what was sent is kept even if a send failed
    assert "git add kudos/_notified.json" in remember and "[skip ci]" in remember and "git push" in remember
    digest = ci["digest"]
    assert '--post "$KUDOS_DIGEST_WEBHOOK"' in digest["script"][0] and "kudos digest --since 7d" in digest["script"][0]
    assert '$CI_PIPELINE_SOURCE == "schedule"' in digest["rules"][0]["if"] and "KUDOS_DIGEST" in digest["rules"][0]["if"]
    stale = ci["stale"]
    assert stale["script"] == ["kudos check --stale"]
    assert '$CI_PIPELINE_SOURCE == "schedule"' in stale["rules"][0]["if"]
    # The schedule lives in GitLab's settings, not in the file: the file says where and what.
    assert "Pipeline schedules" in text and "17 4 * * 1" in text


def test_codeowners_example_gives_each_principle_page_to_its_owner() -> None:
    lines = (REPO / ".github/CODEOWNERS.example").read_text(encoding="utf-8").splitlines()
    rules = dict(line.split(None, 1) for line in lines if line.strip() and not line.startswith("#"))
    for page in sorted((REPO / "docs/principles").glob("*.md")):
        if page.stem == "index":
            continue
        owner = re.search(r"^owner:\s*(\S+)", page.read_text(encoding="utf-8"), re.MULTILINE)
        assert owner, page
        assert rules[f"/docs/principles/{page.name}"].strip() == f"@{owner[1]}"
    assert (REPO / ".github/pull_request_template.md").is_file()
    assert (REPO / ".gitlab/merge_request_templates/Kudos.md").is_file()


def test_the_workflows_check_passes_on_this_repository() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kudoswall.cli", "check", "--format", "github"],
        cwd=REPO, env=env(), capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_ci_runs_the_readme_test_command_verbatim_in_a_virtual_environment() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    serve_command, test_command = re.findall(r"```sh\n(.+?)\n```", readme)[:2]
    for command in (serve_command, test_command):
        # PEP 668: a Debian or Ubuntu Python refuses a system-wide pip install.
        assert command.startswith("python3 -m venv .venv && .venv/bin/pip install -e ")
    assert serve_command.endswith(".venv/bin/mkdocs serve")
    ci = (REPO / ".ci/run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == test_command


def test_github_workflow_can_tell_people_after_each_publish() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/kudos.yml").read_text(encoding="utf-8"))
    tell = workflow["jobs"]["tell"]
    assert tell["needs"] == "publish" and "vars.KUDOS_NOTIFY == 'true'" in tell["if"]
    assert tell["permissions"]["contents"] == "write"
    for job in ("check", "tell"):
        checkout = workflow["jobs"][job]["steps"][0]
        assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    runs = "\n".join(step.get("run", "") for step in tell["steps"])
    assert "kudos notify --since 7d" in runs and "kudos digest --since 7d" in runs and '--post "$WEBHOOK"' in runs
    assert "git add kudos/_notified.json" in runs
    notify = next(s for s in tell["steps"] if "kudos notify" in s.get("run", ""))
    assert set(notify["env"]) == {"KUDOS_SMTP_HOST", "KUDOS_SMTP_PORT", "KUDOS_SMTP_USER", "KUDOS_SMTP_PASSWORD",
                                  "KUDOS_SMTP_FROM", "KUDOS_ANCHOR_KEY"}


def test_github_workflow_keys_entry_links_wherever_ids_are_made() -> None:
    # The README recommends KUDOS_ANCHOR_KEY: the build, the digest and notify must see the same key,
    # or an edited entry gets a new id and its recipient is told about it twice.
    workflow = yaml.safe_load((REPO / ".github/workflows/kudos.yml").read_text(encoding="utf-8"))
    steps = {step.get("name"): step for job in workflow["jobs"].values() for step in job.get("steps", [])}
    for name in ("Build the site (strict)", "Post the week's digest", "Email the people thanked"):
        assert steps[name]["env"]["KUDOS_ANCHOR_KEY"] == "${{ secrets.KUDOS_ANCHOR_KEY }}", name


def test_github_workflow_lists_overdue_pages_weekly() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/kudos.yml").read_text(encoding="utf-8"))
    stale = workflow["jobs"]["stale"]
    assert stale["if"] == "github.event_name == 'schedule'"
    assert any("kudos check --stale" in step.get("run", "") for step in stale["steps"])
