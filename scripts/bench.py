"""Build a generated company's handbook and report what it costs.

    python scripts/bench.py --entries 10000 --people 500 --runs 3 --compare

generates a company (people with names and teams, some opted out; entries
over several years with 1-6 sentence Markdown messages, 0-3 principles, some
for several people, some customer praise, some anonymous) into a temporary
folder with the sample site's handbook and theme, builds it with `mkdocs build`
in a subprocess, and prints the build time (median of `--runs`), the peak
memory of the build process, the number of pages, the size of the site, the
largest page and the search index.

`--compare` also builds the floor: the same site without our plugin, with one
plain Markdown page (same title, same text, same search setting) for each page
the plugin generates, and prints our time as a ratio of it. `--blog 1000`
builds Material's blog plugin with that many one-paragraph posts in the same
run, the yardstick a team would otherwise use. `--history 300` first commits
that many handbook edits, so /changes/ reads a real git history, and prints
how long that read takes. `--serve` times
`mkdocs serve`-style rebuilds after saving one entry, one person and one
principle page, and the plugin's share of each.

Each build goes into a folder that does not exist yet, as a build in a clean
clone or on a CI runner does; the folders are deleted at the end (deleting one
between builds would charge the disk's clean-up to the next build). The same
script measures another checkout of the plugin when run with
`PYTHONPATH=<that checkout>/plugins`. A benchmark, not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)

FIRST = ["Ana", "Ben", "Mei", "Quinn", "Leila", "Tomás", "Priya", "Kwame", "Sofia", "Felix", "Amara", "Jonas", "Rosa", "Dev", "Cleo", "Omar", "Hana", "Lucas", "Zoë", "Mateo", "Aisha", "Noah", "Ingrid", "Rahul", "Chiara", "Kofi", "Yuki", "Elena", "Marcus", "Fatima", "Oskar", "Nadia", "Liam", "Siobhan", "Diego", "Anika", "Pavel", "Grace", "Tariq", "Beatriz", "Emil", "Thandiwe", "Hugo", "Mariam", "Sven", "Lucía", "Arjun", "Nora", "Idris", "Camille", "Jakub", "Ama", "Theo", "Wen", "Malik", "Freya", "Ravi", "Olga", "Samir", "Isla", "Łukasz", "Ngozi"]
LAST = ["Lima", "Okafor", "Tanaka", "Harlowe", "Haddad", "Herrera", "Raman", "Asante", "Novak", "Braun", "Diallo", "Weber", "Costa", "Iyer", "Park", "Farouk", "Sato", "Martins", "Dubois", "Silva", "Khan", "Eriksen", "Lindqvist", "Mehta", "Romano", "Mensah", "Ito", "Petrova", "Reid", "Ahmed", "Nowak", "Moreau", "Byrne", "O'Neill", "Alvarez", "Kapoor", "Horvat", "Wright", "Aziz", "Santos", "Berg", "Ndlovu", "Laurent", "Hassan", "Larsen", "García", "Pillai", "Walsh", "Bakr", "Fontaine", "Kowalski", "Owusu", "Fischer", "Li", "Osei", "Jensen", "Chen", "Volkova", "Rahman", "Murphy", "Wiśniewski", "Eze"]
TEAMS = ("Support", "Billing", "Field Service", "Onboarding", "Sales", "Engineering",
         "Operations", "People", "Finance", "Logistics", "Quality", "Retail")
TITLES = ("Specialist", "Senior specialist", "Team lead", "Coordinator", "Manager",
          "Technician", "Analyst", "Associate", "Engineer", "Advisor")
EXTRA_PRINCIPLES = ("own-the-outcome", "listen-first", "follow-through", "make-it-easy",
                    "fix-the-cause", "share-what-you-know", "welcome-everyone", "leave-it-better")

SENTENCES = (
    "{name} stayed past the end of the shift to walk a first-time customer through the invoice.",
    "When the storm closed the bridge, {name} rearranged a whole day of visits and called every customer personally.",
    "A caller told me afterwards that {name} had made her whole week.",
    "Thank you for covering my shift without being asked, it meant more than you know.",
    "{name} noticed the welcome pack was missing and put one together from the spare shelf in ten minutes.",
    "The refunds queue was three days behind on Monday and empty by Wednesday lunchtime.",
    "You explained the new tariff four times, in four different ways, until it finally clicked for him.",
    "{name} wrote a short guide for the rest of us so the next person does not have to learn it the hard way.",
    "Nobody asked, but the whole onboarding checklist is now in one place and it is **so** much easier.",
    "She remembered the customer's dog's name from a call six months ago, and he was *delighted*.",
    "{name} spotted the billing error before the customer did and fixed it with an apology and a credit.",
    "Calm, kind and completely unflappable while the phones rang off the hook all afternoon.",
    "I was new and lost, and {name} sat with me for an hour and never once made me feel slow.",
    "The handover notes were so clear that the night team did not need to call anyone.",
    "{name} carried the shopping up three flights before even taking the toolbox out of the van.",
    "A small thing, but the handwritten card on the receipt got us a five-star review.",
    "When the system went down, {name} kept a paper log so not a single request was lost.",
    "Thanks for taking the difficult call so I could take a breath.",
    "The customer had been passed around four departments; {name} owned it from start to finish.",
    "You turned a complaint into a referral, and I still do not know how.",
    "{name} organised the birthday card and got forty signatures in a day.",
    "Every question in the team chat got a friendly answer within minutes, all week long.",
    "Rebooked, refunded and followed up the next morning to check it had all worked.",
    "The new starters said the first-day desk setup made them feel expected rather than tolerated.",
    "{name} translated the letter for a customer who was too embarrassed to ask.",
    "Quietly fixed the confusing form field that has been tripping people up for years.",
    "Stayed on the line while the engineer drove over, so the customer was never alone with it.",
    "The review meeting ran smoothly because {name} had read everything beforehand and asked the right questions.",
    "Thank you for the honest feedback on my draft; the final version is much better for it.",
    "{name} called back after the repair just to ask how it went.",
    "Took the blame for a mistake that was not entirely theirs, and fixed the process so it cannot happen again.",
    "Brought cake on the worst day of the quarter, which is a leadership skill.",
    "The customer wrote: \"the most patient person I have ever spoken to on a phone\".",
    "{name} made sure the night shift got the same update as everyone else.",
    "Walked the warehouse with the new hires and introduced every single one by name.",
    "Sorted out a delivery that had gone to the wrong city, on a Sunday.",
)
TITLES_OF_ENTRIES = (
    "A billing rescue", "Calm in the storm", "The welcome pack", "Above and beyond",
    "Owned it end to end", "Thank you for the cover", "Little wow of the week",
    "The five-star receipt", "Patience itself", "The paper log", "A real team player",
    "For the handover notes", "Made my first week", "The follow-up call", "Fixed the cause",
    "Saved the day", "Quiet hero", "For the cake", "Turned it around", "Kind words from a customer",
)
# What a Material site commonly turns on; `--extensions` adds them to both builds.
TYPICAL_EXTENSIONS = [
    "admonition", "attr_list", "md_in_html", "tables", "footnotes", "def_list",
    {"toc": {"permalink": True}}, "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed",
    "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.tasklist", "pymdownx.mark", "pymdownx.keys",
]
LINKS = ("https://wiki.example.com/support/handover", "https://intranet.example.com/kb/tariffs",
         "mailto:feedback@example.com", "https://status.example.com/")


@dataclass(frozen=True)
class Company:
    root: Path
    entries: int
    people: int
    principles: int
    years: int


def _slug(text: str) -> str:
    plain = text.lower().translate(str.maketrans("ąćęłńóśźżáéíñöüúõãçà'", "acelnoszzaeinouuoaca "))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def _people(rng: random.Random, count: int) -> dict[str, dict[str, Any]]:
    people: dict[str, dict[str, Any]] = {}
    while len(people) < count:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        pid = _slug(name)
        if pid in people:
            pid = f"{pid}-{len(people)}"
        person: dict[str, Any] = {"name": name, "team": rng.choice(TEAMS)}
        if rng.random() < 0.7:
            person["title"] = rng.choice(TITLES)
        if rng.random() < 0.6:
            person["joined"] = (TODAY - dt.timedelta(days=rng.randrange(30, 4000))).isoformat()
        if rng.random() < 0.5:
            day = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(366))
            person["birthday"] = day.strftime("%m-%d")
        if rng.random() < 0.02:
            person["wall"] = False
        people[pid] = person
    return people


def _message(rng: random.Random, name: str) -> str:
    sentences = [s.format(name=name) for s in rng.sample(SENTENCES, rng.randint(1, 6))]
    roll = rng.random()
    if roll < 0.05 and len(sentences) >= 3:
        items = "\n".join(f"- {s}" for s in sentences[1:])
        return f"{sentences[0]} In one week:\n\n{items}\n"
    if roll < 0.12:
        link = rng.choice(LINKS)
        sentences.append(f"More in [the write-up]({link}).")
    if roll > 0.85:
        sentences[0] = f"**{sentences[0].rstrip('.')}**."
    if len(sentences) > 3 and rng.random() < 0.4:
        cut = len(sentences) // 2
        return " ".join(sentences[:cut]) + "\n\n" + " ".join(sentences[cut:]) + "\n"
    return " ".join(sentences) + "\n"


def _entry_yaml(fields: dict[str, Any], indent: str = "") -> str:
    lines = []
    for key, value in fields.items():
        if key == "message":
            body = "".join(f"{indent}  {line}\n" if line else "\n" for line in value.splitlines())
            lines.append(f"{key}: |\n{body}")
            continue
        if isinstance(value, list):
            text = "[" + ", ".join(value) + "]"
        elif isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, str) and key == "title":
            text = json.dumps(value, ensure_ascii=False)
        else:
            text = str(value)
        lines.append(f"{key}: {text}\n")
    text = "".join(lines)
    if indent:
        first, *rest = text.splitlines(keepends=True)
        text = "- " + first + "".join(indent + line if line.strip() else line for line in rest)
    return text


def _weights(count: int, rng: random.Random) -> list[float]:
    """A few people get many kudos, most a handful, as in a real company."""
    ranks = list(range(count))
    rng.shuffle(ranks)
    return [1.0 / (rank + 5) ** 0.8 for rank in ranks]


def generate(
    root: Path, entries: int, people: int, principles: int, years: int, seed: int, extensions: bool = False
) -> Company:
    recipe = json.dumps(
        [entries, people, principles, years, seed, extensions, TODAY.isoformat(), Path(__file__).stat().st_mtime]
    )
    marker = root / ".recipe"
    if marker.is_file() and marker.read_text() == recipe:  # --keep: the same company again
        return Company(root, entries, people, len(list((root / "docs" / "principles").glob("*.md"))), years)
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / "docs").mkdir(parents=True)
    roster = _people(rng, people)
    ids = list(roster)
    data = root / "kudos"
    data.mkdir()
    (data / "people.yml").write_text(
        "".join(
            f"{pid}:\n" + "".join(f"  {k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in p.items())
            for pid, p in roster.items()
        ),
        encoding="utf-8",
    )

    principle_ids = _handbook(root, principles, owner=ids[0])
    sample = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config = {
        "site_name": "Benchmark Handbook",
        "site_url": "https://handbook.example.com/",  # as a real site has; the sitemap then lists pages
        "theme": sample["theme"],
        "nav": [
            {"Home": "index.md"},
            {"Principles": [f"principles/{pid}.md" for pid in principle_ids]},
            {"Practices": "practices.md"},
            {"Kudos wall": "kudos/index.md"},
            {"People": "people/index.md"},
        ],
        "plugins": ["search", {"kudos": {"today": TODAY.isoformat(), "timezone": "Europe/London"}}],
    }
    if extensions:
        config["markdown_extensions"] = TYPICAL_EXTENSIONS
    (root / "mkdocs.yml").write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")

    days = [TODAY - dt.timedelta(days=n) for n in range(365 * years)]
    day_weights = list(_cumulative(1.0 if d.weekday() < 5 else 0.15 for d in days))
    person_weights = list(_cumulative(_weights(len(ids), rng)))
    written = 0
    serial = 0
    while written < entries:
        day = rng.choices(days, cum_weights=day_weights)[0]
        several = min(entries - written, rng.choice((2, 3))) if rng.random() < 0.03 else 1
        items = []
        for _ in range(several):
            items.append(_entry(rng, day, ids, roster, person_weights, principle_ids))
        giver = "customer" if items[0]["from"] == "customer" else items[0]["from"].split("-")[0]
        serial += 1
        folder = data / f"{day.year:04d}" / f"{day.month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = (
            _entry_yaml(items[0])
            if several == 1
            else "\n".join(_entry_yaml(item, indent="  ") for item in items)
        )
        (folder / f"{day.isoformat()}-{giver}-{serial}.yml").write_text(text, encoding="utf-8")
        written += several
    marker.write_text(recipe)
    return Company(root, entries, people, len(principle_ids), years)


def _cumulative(values: Iterable[float]) -> Iterator[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def _entry(
    rng: random.Random,
    day: dt.date,
    ids: list[str],
    roster: dict[str, dict[str, Any]],
    weights: list[float],
    principle_ids: list[str],
) -> dict[str, Any]:
    recipients: list[str] = []
    for _ in range(1 if rng.random() < 0.85 else rng.randint(2, 4)):
        pid = rng.choices(ids, cum_weights=weights)[0]
        if pid not in recipients:
            recipients.append(pid)
    giver = "customer" if rng.random() < 0.08 else rng.choice(ids)
    while giver in recipients:
        giver = rng.choice(ids)
    first = roster[recipients[0]]["name"].split()[0]
    fields: dict[str, Any] = {"date": day.isoformat(), "from": giver, "to": recipients}
    cited = rng.sample(principle_ids, rng.choice((0, 0, 1, 1, 1, 2, 3)))
    if cited:
        fields["principles"] = cited
    if rng.random() < 0.55:
        fields["title"] = rng.choice(TITLES_OF_ENTRIES)
    fields["message"] = _message(rng, first)
    if giver != "customer" and rng.random() < 0.05:
        fields["anonymous"] = True
    return fields


def _handbook(root: Path, count: int, owner: str) -> list[str]:
    """The sample handbook's pages, with extra principles if asked for more."""
    docs = root / "docs"
    (docs / "principles").mkdir()
    for page in (REPO / "docs").glob("*.md"):
        shutil.copy(page, docs / page.name)
    samples = sorted((REPO / "docs" / "principles").glob("*.md"))
    ids = []
    for path in samples[:count]:
        text = re.sub(r"(?m)^owner: .*$", f"owner: {owner}", path.read_text(encoding="utf-8"))
        (docs / "principles" / path.name).write_text(text, encoding="utf-8")
        ids.append(path.stem)
    for pid in EXTRA_PRINCIPLES[: max(0, count - len(samples))]:
        title = pid.replace("-", " ").capitalize()
        (docs / "principles" / f"{pid}.md").write_text(
            f"# {title}\n\nWhat {title.lower()} means here, and why it matters.\n", encoding="utf-8"
        )
        ids.append(pid)
    return ids




def write_history(root: Path, commits: int, seed: int) -> float:
    """A git history of `commits` handbook edits (a section added or edited, some with a staff note),
    so /changes/ reads real patches; returns the seconds one read of the history takes."""
    rng = random.Random(seed)
    pages = sorted((root / "docs").rglob("*.md"))
    env = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@acme.test",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@acme.test",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str, day: dt.datetime) -> None:
        stamp = day.isoformat()
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                       env={**env, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})

    start = dt.datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=dt.timezone.utc) - dt.timedelta(hours=commits)
    git("init", "-q", "-b", "main", day=start)
    git("add", "-A", day=start)
    git("commit", "-q", "-m", "Handbook", day=start)
    for number in range(commits):
        page = rng.choice(pages)
        with page.open("a", encoding="utf-8") as out:
            out.write(f"\n## Section {number}\n\n{_message(rng, 'Ana')}\n")
        note = f"\n\nStaff-note: Section {number} added" if number % 5 == 0 else ""
        git("commit", "-q", "-am", f"Edit {number}{note}", day=start + dt.timedelta(hours=number + 1))
    from kudoswall.core.site.pagehistory import page_commits

    began = time.perf_counter()
    page_commits(root / "docs", 30 * 4)
    return time.perf_counter() - began


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system: steadier than wall time when the machine is shared
    peak_mb: float
    returncode: int
    log: str


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def build(root: Path, site_dir: Path, tool: str = "mkdocs", profile: Path | None = None) -> Run:
    """One build in a child process; its own peak RSS comes from wait4."""
    command = [sys.executable]
    if profile is not None:
        command += ["-m", "cProfile", "-o", str(profile)]
    command += ["-m", tool, "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir)]
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=root, env=_env(), stdout=log, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode, text)


@dataclass
class SiteStats:
    pages: int
    total_bytes: int
    largest_page: tuple[str, int]
    largest_data: tuple[str, int]
    wall_bytes: int
    search_bytes: int
    sitemap_bytes: int
    over_bound: list[tuple[str, int]]  # pages and data files over 300 KB (not the search index)


def site_stats(site_dir: Path) -> SiteStats:
    pages = total = 0
    largest_page = largest_data = ("", 0)
    search = sitemap = 0
    over: list[tuple[str, int]] = []
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        rel = path.relative_to(site_dir).as_posix()
        if rel == "search/search_index.json":
            search = size
        elif rel.startswith("sitemap.xml"):
            sitemap += size if rel == "sitemap.xml" else 0
        elif size > 300 * 1024 and path.suffix in (".html", ".json"):
            over.append((rel, size))
        if rel.startswith(("search/", "sitemap.xml")):
            continue
        if path.suffix == ".html":
            pages += 1
            largest_page = max(largest_page, (rel, size), key=lambda item: item[1])
        elif path.suffix == ".json" and not rel.startswith("assets/"):
            largest_data = max(largest_data, (rel, size), key=lambda item: item[1])
    wall = site_dir / "kudos" / "index.html"
    return SiteStats(
        pages, total, largest_page, largest_data, wall.stat().st_size if wall.is_file() else 0,
        search, sitemap, sorted(over, key=lambda item: -item[1]),
    )


def write_floor(company: Path, floor: Path) -> int:
    """The same site without our plugin: one plain Markdown page per generated page."""
    sys.path.insert(0, str(REPO / "plugins"))
    from kudoswall.core.data.dataset import load
    from kudoswall.core.data.model import Entry
    from kudoswall.core.data.project import make_project
    from kudoswall.core.site.build import build_model
    from kudoswall.core.site.i18n import Catalogue
    from kudoswall.core.site.pages import EntryList, Featured

    if floor.exists():
        shutil.rmtree(floor)
    shutil.copytree(company / "docs", floor / "docs")
    config = json.loads((company / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = ["search"]
    config["site_name"] = "Benchmark floor"
    (floor / "mkdocs.yml").write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")

    project = make_project(company, Path("docs"), {"today": TODAY, "timezone": "Europe/London"})
    data = load(project)
    model = build_model(data, project, Catalogue())
    people = data.people

    def entries_of(value: Any) -> list[Entry]:
        items = value.entries if isinstance(value, (EntryList, Featured)) else getattr(value, "items", value)
        if isinstance(items, (list, tuple)) and items and isinstance(items[0], Entry):
            return list(items)
        return []

    def names(value: Any) -> list[str]:
        items = getattr(value, "items", value)
        if isinstance(items, (list, tuple)):
            return [p.name for p in items if hasattr(p, "team")]
        return []

    count = 0
    for plan in model.pages:
        target = floor / "docs" / plan.src_uri
        if target.exists():
            continue
        front: dict[str, Any] = {"title": plan.title}
        if not plan.searchable:
            front["search"] = {"exclude": True}
        parts = [f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n\n# {plan.title}\n"]
        shown: set[str] = set()
        for value in (getattr(plan, f.name) for f in dataclasses.fields(plan)):
            for entry in entries_of(value):
                if entry.id in shown:
                    continue
                shown.add(entry.id)
                to = ", ".join(people[r].name if r in people else "a customer" for r in entry.recipients)
                parts.append(
                    f"\n## {entry.title or 'Thanks to ' + to}\n\nFor {to}\n\n{entry.message_text}\n\n"
                    f"From {entry.giver_label}, {entry.date.isoformat()}\n"
                )
            parts.extend(f"\n- {name}" for name in names(value))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(parts) + "\n", encoding="utf-8")
        count += 1
    return count


def write_blog(root: Path, posts: int, seed: int) -> Path:
    """The yardstick a team would otherwise reach for: Material's blog plugin, one paragraph a post."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    folder = root / "docs" / "blog" / "posts"
    folder.mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "docs" / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    sample = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config = {
        "site_name": "Blog yardstick", "site_url": "https://blog.example.com/", "theme": sample["theme"],
        "plugins": ["search", "blog"],
    }
    (root / "mkdocs.yml").write_text(json.dumps(config, indent=2), encoding="utf-8")
    for n in range(posts):
        day = TODAY - dt.timedelta(days=n % 365)
        name = rng.choice(FIRST)
        body = " ".join(rng.choice(SENTENCES).format(name=name) for _ in range(rng.randint(1, 6)))
        (folder / f"post-{n:05d}.md").write_text(
            f"---\ndate: {day.isoformat()}\n---\n\n# Thanks, {name} ({n})\n\n{body}\n", encoding="utf-8"
        )
    return root


def serve_rebuild(root: Path, dirty: bool = False) -> tuple[float, list[tuple[str, float, float, float]]]:
    """`mkdocs serve`-style rebuilds after saving one entry, one person, then one principle page.

    Returns the first build's wall time, and for each edit the rebuild's wall
    time and the plugin's share of it in wall time and in CPU time (steadier
    on a shared machine).

    Like `mkdocs serve`, the config is loaded again for each rebuild and the
    plugin instance (it defines on_startup) is kept, with its caches.
    """
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the generated handbook's link warnings, once per build
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.plugins import CombinedEvent

    from kudoswall.mkdocs.plugin import KudosPlugin

    spent = [0.0, 0.0]

    def timed(method: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start, cpu = time.perf_counter(), time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - start
                spent[1] += time.process_time() - cpu

        wrapper.__dict__.update(method.__dict__)  # keeps the event priority
        return wrapper

    for name in [n for n in vars(KudosPlugin) if n.startswith("on_")]:
        event = vars(KudosPlugin)[name]
        if isinstance(event, CombinedEvent):  # each part keeps its own priority
            setattr(KudosPlugin, name, CombinedEvent(*(timed(method) for method in event.methods)))
        else:
            setattr(KudosPlugin, name, timed(event))

    site_dir = Path(tempfile.mkdtemp(prefix="kudos-serve-"))
    url = "http://127.0.0.1:8000/"
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
    config.plugins.on_startup(command="serve", dirty=dirty)
    start = time.perf_counter()
    mkdocs_build(config, serve_url=url, dirty=dirty)
    first = time.perf_counter() - start

    entries = sorted(p for p in (root / "kudos").rglob("*.yml") if p.name != "people.yml")
    people = root / "kudos" / "people.yml"
    principle = sorted((root / "docs" / "principles").glob("*.md"))[-1]
    edits: list[tuple[str, Path, Any]] = [
        ("one entry", entries[len(entries) // 2],
         lambda text: text.replace("message: |\n", "message: |\n  Edited during serve.\n", 1)),
        ("one person", people, lambda text: text.replace("  title: ", "  title: Acting ", 1)),
        ("one principle page", principle, lambda text: text + "\nA paragraph added during serve.\n"),
    ]
    rebuilds = []
    originals = {path: path.read_text(encoding="utf-8") for _, path, _ in edits}
    for label, path, edit in edits:  # one after another, as a day of editing goes
        # Saves come seconds apart; the plugin collects garbage in such a pause.
        time.sleep(2)
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
        spent[:] = [0.0, 0.0]
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
        start = time.perf_counter()
        mkdocs_build(config, serve_url=url, dirty=dirty)
        rebuilds.append((label, time.perf_counter() - start, spent[0], spent[1]))
    for path, text in originals.items():  # the company stays as generated, for --keep
        path.write_text(text, encoding="utf-8")
    shutil.rmtree(site_dir, ignore_errors=True)
    return first, rebuilds


def _kb(size: int) -> str:
    return f"{size / 1024:,.0f} KB" if size < 10 * 1024 * 1024 else f"{size / 1024 / 1024:,.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=None, help="default: entries / 20")
    parser.add_argument("--principles", type=int, default=7)
    parser.add_argument("--years", type=int, default=None, help="default: one per 10,000 entries")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--runs", type=int, default=1, help="builds to take the median of")
    parser.add_argument("--compare", action="store_true", help="also build the floor")
    parser.add_argument("--serve", action="store_true", help="time a serve rebuild after one edit")
    parser.add_argument("--dirty", action="store_true", help="with --serve: as `mkdocs serve --dirty`")
    parser.add_argument("--blog", type=int, default=0, help="also build Material's blog with this many posts")
    parser.add_argument("--serial", action="store_true", help="build with the plugin's `parallel: false`")
    parser.add_argument("--tool", default="mkdocs", help="mkdocs or properdocs")
    parser.add_argument(
        "--extensions", action="store_true", help="turn on the Markdown extensions a Material site typically has"
    )
    parser.add_argument("--history", type=int, default=0,
                        help="commit this many handbook edits first, so /changes/ reads a git history")
    parser.add_argument("--keep", type=Path, help="generate here and keep it")
    parser.add_argument("--profile", type=Path, help="write a cProfile of one build here")
    args = parser.parse_args(argv)
    people = args.people or max(20, args.entries // 20)
    years = args.years or max(1, math.ceil(args.entries / 10_000))

    work = args.keep or Path(tempfile.mkdtemp(prefix="kudos-bench-"))
    built_before: list[Path] = []  # site folders moved out of the next build's way
    try:
        start = time.perf_counter()
        company = generate(
            work / "company", args.entries, people, args.principles, years, args.seed, args.extensions
        )
        print(
            f"company: {args.entries:,} entries, {people:,} people, {company.principles} principles, "
            f"{years} year(s); generated in {time.perf_counter() - start:.1f} s"
        )
        if args.history:
            began = time.perf_counter()
            read = write_history(company.root, args.history, args.seed)
            print(f"history: {args.history:,} commits made in {time.perf_counter() - began:.1f} s; "
                  f"/changes/ reads its 120 latest in {read * 1000:.0f} ms")
        if args.serial:
            config_path = company.root / "mkdocs.yml"
            config = json.loads(config_path.read_text(encoding="utf-8"))
            config["plugins"][1]["kudos"]["parallel"] = False
            config_path.write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")
        floor_pages = write_floor(company.root, work / "floor") if args.compare else 0

        blog = write_blog(work / "blog", args.blog, args.seed) if args.blog else None
        blogs: list[Run] = []
        ours: list[Run] = []
        floors: list[Run] = []

        def build_into(root: Path, site_dir: Path) -> Run:
            if site_dir.exists():
                earlier = site_dir.with_name(f"{site_dir.name}-{len(built_before) + 1}")
                site_dir.rename(earlier)
                built_before.append(earlier)
            return build(root, site_dir, args.tool)

        for _ in range(args.runs):
            if blog is not None:
                blog_run = build_into(blog, work / "blog-site")
                if blog_run.returncode != 0:
                    print(blog_run.log[-4000:])
                    return 1
                blogs.append(blog_run)
            run = build_into(company.root, work / "site")
            if run.returncode != 0:
                print(run.log[-4000:])
                return 1
            ours.append(run)
            if args.compare:
                floor_run = build_into(work / "floor", work / "floor-site")
                if floor_run.returncode != 0:
                    print(floor_run.log[-4000:])
                    return 1
                floors.append(floor_run)

        stats = site_stats(work / "site")
        seconds = statistics.median(r.seconds for r in ours)
        cpu = statistics.median(r.cpu for r in ours)
        print(f"build:        {seconds:.2f} s (median of {len(ours)}: {', '.join(f'{r.seconds:.2f}' for r in ours)}), "
              "each into a new folder")
        print(f"cpu time:     {cpu:.2f} s (user + system, median)")
        print(f"peak memory:  {max(r.peak_mb for r in ours):,.0f} MB")
        print(f"pages:        {stats.pages:,}")
        print(f"site size:    {_kb(stats.total_bytes)}")
        print(f"largest page: {stats.largest_page[0]} ({_kb(stats.largest_page[1])})")
        print(f"largest data: {stats.largest_data[0]} ({_kb(stats.largest_data[1])})")
        print(f"wall page 1:  {_kb(stats.wall_bytes)}")
        print(f"search index: {_kb(stats.search_bytes)}")
        print(f"sitemap.xml:  {_kb(stats.sitemap_bytes)}")
        over = ", ".join(f"{rel} ({_kb(size)})" for rel, size in stats.over_bound[:5]) or "none"
        print(f"over 300 KB:  {over}")
        if args.compare:
            floor_seconds = statistics.median(r.seconds for r in floors)
            floor_cpu = statistics.median(r.cpu for r in floors)
            floor_stats = site_stats(work / "floor-site")
            print(
                f"floor:        {floor_seconds:.2f} s ({floor_cpu:.2f} s cpu) for {floor_stats.pages:,} pages "
                f"({floor_pages:,} plain pages in place of ours), peak {max(r.peak_mb for r in floors):,.0f} MB"
            )
            print(f"ratio:        {seconds / floor_seconds:.2f} x the floor ({cpu / floor_cpu:.2f} x in cpu time)")
        if blogs:
            blog_seconds = statistics.median(r.seconds for r in blogs)
            print(
                f"blog:         {blog_seconds:.2f} s for Material's blog of {args.blog:,} posts "
                f"(median of {len(blogs)}: {', '.join(f'{r.seconds:.2f}' for r in blogs)}), "
                f"peak {max(r.peak_mb for r in blogs):,.0f} MB; ours is {seconds / blog_seconds:.2f} x it"
            )
        if args.profile:
            build(company.root, work / "site", args.tool, profile=args.profile)
            print(f"profile:      {args.profile} (python -m pstats {args.profile})")
        if args.serve:
            first, rebuilds = serve_rebuild(company.root, dirty=args.dirty)
            print(f"serve{' --dirty' if args.dirty else ''}: first build {first:.2f} s")
            for label, rebuild, share, share_cpu in rebuilds:
                print(
                    f"  rebuild after saving {label}: {rebuild:.2f} s, "
                    f"plugin's share {share:.2f} s ({share_cpu:.2f} s cpu)"
                )
        return 0
    finally:
        for folder in built_before:
            shutil.rmtree(folder, ignore_errors=True)
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
