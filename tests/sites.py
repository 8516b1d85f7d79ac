"""Fixture sites: real folders with mkdocs.yml, docs/ and kudos/, built for real."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

TODAY = "2026-11-25"

PEOPLE = {
    "ana-lima": {"name": "Ana Lima", "team": "Support", "title": "Support lead", "birthday": "04-17"},
    "ben-okafor": {"name": "Ben Okafor", "team": "Support", "joined": "2021-06-01"},
    "cleo-park": {"name": "Cleo Park", "team": "Billing"},
    "dev-iyer": {"name": "Dev Iyer", "team": "Billing"},
    "zed-private": {"name": "Zephyrine Quillfeather", "team": "Billing", "wall": False},
}

PRINCIPLES = {
    "patience": "Patience says you're worth it",
    "little-wows": "Little wows",
    "thank-out-loud": "Thank out loud",
}


def env() -> dict[str, str]:
    # KUDOS_TODAY fixes "today" for builds, the CLI and the intake that read no
    # `today` option (the sample site): no test depends on the machine's date.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1", "KUDOS_TODAY": TODAY}


def site_tree(folder: Path) -> dict[str, bytes]:
    """Every file of a built site by relative path, but hidden ones (and the sitemap, which dates itself)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith("sitemap.xml")
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    }


def folders(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_dir()}


@dataclass
class Built:
    root: Path
    site_dir: Path
    returncode: int
    log: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def page(self, url: str) -> str:
        """The HTML at a site URL such as 'kudos/' or 'kudos/page/2/index.html'."""
        path = self.site_dir / url
        if url == "" or url.endswith("/"):
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def exists(self, url: str) -> bool:
        path = self.site_dir / url
        return (path / "index.html").is_file() if url == "" or url.endswith("/") else path.is_file()

    def text_files(self) -> dict[str, str]:
        """Every file of the built site that is text, by relative path."""
        result = {}
        for path in sorted(self.site_dir.rglob("*")):
            if path.is_file() and path.suffix in {".html", ".json", ".xml", ".js", ".txt", ".ics", ".css"}:
                result[path.relative_to(self.site_dir).as_posix()] = path.read_text(encoding="utf-8")
        return result


@dataclass
class Site:
    root: Path
    plugin_options: dict[str, Any] = field(default_factory=dict)
    theme: Any = "material"
    extra_config: dict[str, Any] = field(default_factory=dict)

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def people(self, people: dict[str, dict[str, Any]]) -> None:
        self.write("kudos/people.yml", yaml.safe_dump(people, sort_keys=False, allow_unicode=True))

    def entry(self, rel: str, **fields: Any) -> Path:
        data = {"from" if k == "giver" else k: v for k, v in fields.items()}
        return self.write(f"kudos/{rel}", yaml.safe_dump(data, sort_keys=False, allow_unicode=True))

    def config(self) -> dict[str, Any]:
        options = {"today": TODAY, **self.plugin_options}
        config: dict[str, Any] = {
            "site_name": "Fixture Handbook",
            # Feeds link to entries by absolute URL; without it they are left out (an info line).
            "site_url": "https://handbook.example.test/",
            "theme": self.theme,
            "plugins": ["search", {"kudos": options}],
        }
        config.update(self.extra_config)
        return config

    def write_config(self) -> None:
        # JSON is YAML, and keeps dates as the strings the option expects.
        self.write("mkdocs.yml", json.dumps(self.config(), indent=2))

    def build(self, strict: bool = True, tool: str = "mkdocs", verbose: bool = False,
              site_dir: Path | None = None, environ: dict[str, str] | None = None) -> Built:
        self.write_config()
        site_dir = site_dir or self.root / "site"
        command = [sys.executable, "-m", tool, "build", "-f", "mkdocs.yml", "-d", str(site_dir)]
        if strict:
            command.append("--strict")
        if verbose:
            command.append("--verbose")
        result = subprocess.run(
            command, cwd=self.root, env={**env(), **(environ or {})}, capture_output=True, text=True,
            timeout=300, check=False,
        )
        return Built(self.root, site_dir, result.returncode, result.stdout + result.stderr)

    def kudos(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        if not (self.root / "mkdocs.yml").exists():
            self.write_config()
        return subprocess.run(
            [sys.executable, "-m", "kudoswall.cli", *args],
            cwd=self.root, env=env(), capture_output=True, text=True, timeout=120, input=input, check=False,
        )


def make_site(root: Path) -> Site:
    """A small company: four people on the wall, one opted out, three principles."""
    site = Site(root)
    site.write("docs/index.md", "# Home\n\nWelcome.\n\n<!-- kudos:featured -->\n")
    for pid, title in PRINCIPLES.items():
        site.write(f"docs/principles/{pid}.md", f"# {title}\n\nWhy {title.lower()} matters.\n")
    site.people(PEOPLE)
    site.entry(
        "2026/11/ana-to-ben.yml", date="2026-11-20", giver="ana-lima", to="ben-okafor",
        principles=["patience"], title="A billing rescue",
        message="Ben stayed late to walk a **first-time** customer through the invoice.",
    )
    site.entry(
        "2026/11/customer-to-cleo.yml", date="2026-11-18", giver="customer", to=["cleo-park"],
        principles=["little-wows"], message="The caller said Cleo made her whole week.",
    )
    site.entry(
        "2026/10/secret-santa.yml", date="2026-10-12", giver="dev-iyer", to=["ana-lima"],
        anonymous=True, message="Thank you for covering my shift without being asked.",
    )
    site.entry(
        "2026/10/from-zed.yml", date="2026-10-10", giver="zed-private", to=["dev-iyer"],
        principles=["thank-out-loud"], message="Dev untangled the refunds queue in one afternoon.",
    )
    site.entry(
        "2026/10/to-zed.yml", date="2026-10-09", giver="ana-lima", to=["zed-private"],
        message="A private thank-you that must never be published.",
    )
    return site


# A company with every little thing: a birthday card, a card for a customer, a
# campaign, a team thank-you, ideas and celebrations. TODAY is 2026-11-25.
LITTLE_PEOPLE = {
    "ana-lima": {"name": "Ana Lima", "team": "Support", "birthday": "12-01", "joined": "2019-12-10"},
    "ben-okafor": {"name": "Ben Okafor", "team": "Support", "birthday": "11-25", "joined": "2021-06-01"},
    "cleo-park": {"name": "Cleo Park", "team": "Billing", "birthday": "02-29", "joined": "2026-11-10"},
    "dev-iyer": {"name": "Dev Iyer", "team": "Billing", "birthday": "11-30", "joined": "2020-01-06", "celebrate": False},
    "eli-moss": {"name": "Eli Moss", "team": "Support", "birthday": "11-28", "joined": "2018-11-27", "left": "2026-11-01"},
    "fay-lund": {"name": "Fay Lund", "team": "Support", "joined": "2020-02-29"},
    "gil-ray": {"name": "Gil Ray", "team": "People & Ops", "joined": "2018-03-05"},
    "zed-private": {
        "name": "Zephyrine Quillfeather", "team": "Billing", "wall": False,
        "birthday": "11-27", "joined": "2020-11-26",
    },
}

CAMPAIGN_NOTES = [
    # (file, date, from, to, extra): counted by hand in tests/mkdocs/test_little_things.py
    ("ana-1", "2026-10-05", "ana-lima", "ben-okafor", {"slot": "left"}),
    ("ana-2", "2026-10-06", "ana-lima", "cleo-park", {"slot": "right"}),
    ("ana-3", "2026-10-06", "ana-lima", "customer", {}),
    ("ben-1", "2026-10-07", "ben-okafor", "ana-lima", {"slot": "anyone"}),
    ("ben-2", "2026-10-07", "ben-okafor", "dev-iyer", {"anonymous": True}),
    ("cleo-1", "2026-10-08", "cleo-park", "dev-iyer", {}),
    ("zed-1", "2026-10-08", "zed-private", "ana-lima", {}),
    ("zed-2", "2026-10-09", "zed-private", "fay-lund", {}),
]

SIGNATURES = [
    ("ana-lima", "2026-11-20", "Happy birthday, Ben! The queue can wait today.", {}),
    ("dev-iyer", "2026-11-21", "Many happy returns from a secret admirer of your escalation notes.", {"anonymous": True}),
    ("cleo-park", "2026-11-22", "Happy birthday from your newest colleague.", {}),
]


def many(site: Site, count: int) -> None:
    for n in range(count):
        site.entry(
            f"bulk/{n:03d}.yml", date=f"2026-09-{1 + n % 28:02d}", giver="ana-lima",
            to="ben-okafor" if n % 2 else "cleo-park", message=f"Bulk thanks number {n}.",
        )


def make_little_things_site(root: Path, signatures: int = 0) -> Site:
    """The fixture company plus cards, a campaign, a team thank-you, ideas and celebrations.

    `signatures` adds that many long extra signatures to Ben's card, so it prints on several sheets.
    """
    site = make_site(root)
    site.people(LITTLE_PEOPLE)
    site.write("docs/index.md", "# Home\n\n<!-- kudos:celebrations -->\n\n<!-- kudos:featured -->\n")
    site.write("kudos/cards/ben-birthday-2026.yml", "title: Happy birthday, Ben!\nfor: ben-okafor\noccasion: birthday\ndate: 2026-11-25\n")
    site.write("kudos/cards/thanks-for-the-referral.yml",
               "title: Thank you for recommending us\nfor: customer\noccasion: other\ndate: 2026-11-15\n")
    for number, (giver, day, message, extra) in enumerate(SIGNATURES):
        site.entry(f"2026/11/sign-{number}.yml", date=day, giver=giver, to="ben-okafor",
                   card="ben-birthday-2026", message=message, **extra)
    for number in range(signatures):
        words = " ".join(f"word{n}" for n in range(60))
        site.entry(f"2026/11/sign-extra-{number:02d}.yml", date="2026-11-23", giver="ana-lima", to="ben-okafor",
                   card="ben-birthday-2026", message=f"SIG{number:02d}BEGIN {words} SIG{number:02d}END")
    site.entry("2026/11/referral-card.yml", date="2026-11-14", giver="gil-ray", to="customer",
               card="thanks-for-the-referral", message="Thank you for sending your neighbours our way.")
    site.write("kudos/campaigns/csw-2026.yml",
               "title: Customer Service Week 2026\nstart: 2026-10-05\nend: 2026-10-09\n"
               "notes_per_person: 2\ncustomer_notes_per_person: 1\n")
    for name, day, giver, to, extra in CAMPAIGN_NOTES:
        site.entry(f"2026/10/csw-{name}.yml", date=day, giver=giver, to=to, campaign="csw-2026",
                   message=f"Campaign note {name}, thank you.", **extra)
    site.entry("2026/11/to-support.yml", date="2026-11-12", giver="cleo-park", to="team:support",
               title="Thanks, Support", message="The whole Support team covered Billing's phones for a day.")
    site.write("kudos/ideas/receipt.yml", "idea: Write a short thank-you on the receipt\nby: ana-lima\ntags: [customers]\n")
    site.write("kudos/ideas/private.yml", "- idea: Leave a plant on a new colleague's desk\n  by: zed-private\n  tags: [colleagues, welcome]\n"
               "- idea: Say the customer's name once, warmly\n  by: ben-okafor\n")
    return site
