"""Any day from 0001-01-01 to 9999-12-31 builds or is a located problem; none is a traceback.

Every date field a person writes (an entry's, a card's, a campaign's, a
joining or leaving day, a page's review_by), the site's today and the
leaders' --as-of are tried across the whole calendar: the core as one
piece (load, every page and file rendered, digest, report, notify), then
real builds and commands at the very edges.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from data_folders import write
from kudoswall.core.data import days
from kudoswall.core.data.dataset import load
from kudoswall.core.data.project import make_project
from kudoswall.core.leaders import digest, notify, report
from kudoswall.core.render.renderer import Renderer
from kudoswall.core.site.build import build_model
from kudoswall.core.site.i18n import Catalogue
from kudoswall.core.site.urls import UrlScheme
from sites import Site

FIRST, LAST = dt.date.min, dt.date.max
ANY_DAY = st.dates(min_value=FIRST, max_value=LAST)


@given(ANY_DAY, st.integers(min_value=-4_000_000, max_value=4_000_000))
@example(LAST, 1)
@example(FIRST, -1)
@example(LAST, -(LAST - FIRST).days)
def test_a_step_from_any_day_stays_in_the_calendar(day: dt.date, step: int) -> None:
    moved = days.shift(day, step)
    assert FIRST <= moved <= LAST
    try:
        exact = day + dt.timedelta(days=step)
    except OverflowError:
        assert moved == (LAST if step > 0 else FIRST)
    else:
        assert moved == exact
    assert day + dt.timedelta(days=days.days_after(day, abs(step))) <= LAST


def _company(root: Path, today: dt.date, other: dt.date) -> None:
    """A small company whose every date field holds `other` (or the nearest day the contract allows)."""
    past = min(other, today)
    write(root, "kudos/people.yml", (
        f"ana-lima:\n  name: Ana Lima\n  team: Support\n  joined: {past}\n  birthday: \"{other:%m-%d}\"\n  left: {other}\n"
        f"ben-okafor:\n  name: Ben Okafor\n  team: Support\n  joined: {today}\n  birthday: \"{today:%m-%d}\"\n"
        "  email: ben@acme.test\n"
    ))
    write(root, "docs/principles/patience.md", f"---\nreview_by: {other}\n---\n# Patience\n")
    write(root, "kudos/entry.yml", f"date: {past}\nfrom: ana-lima\nto: [ben-okafor, team:support]\nprinciples: [patience]\nmessage: Thanks.\n")
    write(root, "kudos/today.yml", f"date: {today}\nfrom: ben-okafor\nto: ana-lima\ncampaign: week\nmessage: Thanks too.\n")
    write(root, "kudos/cards/far.yml", f"title: A day\nfor: ben-okafor\noccasion: birthday\ndate: {other}\n")
    write(root, "kudos/sign.yml", f"date: {today}\nfrom: ana-lima\nto: ben-okafor\ncard: far\nmessage: Signed.\n")
    write(root, "kudos/campaigns/week.yml", f"title: Week\nstart: {past}\nend: {max(other, today)}\nnotes_per_person: 1\n")


def _everything(root: Path, today: dt.date, as_of: dt.date, timezone: str = "UTC") -> None:
    project = make_project(root, Path("docs"), {"today": today, "schedule_days": 60, "timezone": timezone})
    data = load(project)
    model = build_model(data, project, Catalogue())
    renderer = Renderer(model, UrlScheme(True), Catalogue())
    for page in model.pages:
        renderer.page_html(page)
    for make in renderer.file_makers().values():
        make()
    renderer.daily_files()
    start = digest.parse_since("7d", as_of)
    made = digest.make_digest(data, start, as_of, "https://handbook.example.test/")
    for style in ("markdown", "html", "slack", "teams"):
        digest.render(made, style)
    for style, write_out in report.FORMATS.items():
        assert write_out(report.make_report(data, as_of, days=3660)), style
    notify.plan(data, as_of, start, notify.State(last_run=as_of))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(today=ANY_DAY, other=ANY_DAY, timezone=st.sampled_from(["UTC", "Pacific/Kiritimati", "Etc/GMT+12"]))
@example(today=dt.date(2026, 11, 25), other=LAST, timezone="UTC")
@example(today=LAST, other=LAST, timezone="Pacific/Kiritimati")
@example(today=FIRST, other=FIRST, timezone="Pacific/Kiritimati")
@example(today=FIRST, other=LAST, timezone="Pacific/Kiritimati")
@example(today=LAST, other=FIRST, timezone="Pacific/Kiritimati")
@example(today=dt.date(9999, 12, 1), other=dt.date(9999, 2, 28), timezone="Pacific/Kiritimati")
@example(today=dt.date(1, 1, 31), other=dt.date(1, 1, 1), timezone="Pacific/Kiritimati")
def test_any_day_in_any_field_builds_every_page_digest_and_report(today: dt.date, other: dt.date, timezone: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        _company(root, today, other)
        _everything(root, today, other, timezone)
        _everything(root, other, today, timezone)


@pytest.mark.parametrize("today", ["2026-11-25", "0001-01-01", "9999-12-31"])
def test_a_site_builds_on_the_first_and_last_day_of_the_calendar(site: Site, today: str) -> None:
    site.plugin_options["today"] = today
    site.write("kudos/cards/far.yml", "title: Far ahead\nfor: ben-okafor\noccasion: congrats\ndate: 9999-12-31\n")
    site.entry("edge/sign.yml", date=today, giver="ana-lima", to="ben-okafor", card="far", message="Signed early.")
    site.entry("edge/first.yml", date="0001-01-01", giver="cleo-park", to="dev-iyer", message="A very old thanks.")
    site.people({
        "ana-lima": {"name": "Ana Lima", "team": "Support", "joined": "0001-01-01", "birthday": "12-31"},
        "ben-okafor": {"name": "Ben Okafor", "team": "Support", "joined": today, "birthday": "01-01", "left": "9999-12-31"},
        "cleo-park": {"name": "Cleo Park", "team": "Billing", "birthday": "02-29"},
        "dev-iyer": {"name": "Dev Iyer", "team": "Billing"},
        "zed-private": {"name": "Zephyrine Quillfeather", "wall": False},
    })
    for rel in ("2026/11/ana-to-ben.yml", "2026/11/customer-to-cleo.yml", "2026/10/secret-santa.yml",
                "2026/10/from-zed.yml", "2026/10/to-zed.yml"):
        (site.root / "kudos" / rel).unlink()
    built = site.build(strict=True)
    assert built.ok, built.log[-3000:]
    assert "Traceback" not in built.log
    assert built.exists("cards/far/") and built.exists("kudos/0001/01/")
    check = site.kudos("check")
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("as_of", ["0001-01-01", "0001-01-02", "9999-12-31"])
@pytest.mark.parametrize("command", [["digest"], ["digest", "--format", "slack"], ["report"],
                                     ["report", "--format", "json"], ["notify", "--dry-run"]])
def test_the_leaders_commands_run_as_of_the_first_and_last_day(site: Site, as_of: str, command: list[str]) -> None:
    site.write("kudos/cards/far.yml", "title: Far ahead\nfor: ben-okafor\noccasion: congrats\ndate: 9999-12-31\n")
    result = site.kudos(*command, "--as-of", as_of)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_a_digest_over_more_than_ten_years_is_a_clear_refusal(site: Site) -> None:
    result = site.kudos("digest", "--since", "9999w", "--as-of", "9999-12-31")
    assert result.returncode == 2
    assert "a digest covers at most 3,660" in result.stderr and "Traceback" not in result.stderr


# Steps from a day outside kudoswall.core.data.days, each bounded where it is
# (an offset within a range already inside the calendar) and tried above.
BOUNDED_STEPS = {
    ("core/site/rotation.py", "_schedule"),  # offsets up to days.days_after
    ("core/site/sections/celebrations.py", "content"),  # a day before days.LAST only
    ("core/leaders/digest.py", "celebrations"),  # offsets up to (end - start)
}


def _steps(package: Path) -> set[tuple[str, str]]:
    """Every `day ± timedelta(...)` in the package, by module and function."""
    import ast

    found: set[tuple[str, str]] = set()
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)) and any(
                    isinstance(side, ast.Call) and getattr(side.func, "attr", getattr(side.func, "id", "")) == "timedelta"
                    for side in (node.left, node.right)
                ):
                    found.add((path.relative_to(package).as_posix(), function.name))
    return found


def test_every_step_from_a_day_goes_through_the_one_helper() -> None:
    import kudoswall

    package = Path(kudoswall.__file__).parent
    steps = {step for step in _steps(package) if step[0] != "core/data/days.py"}
    assert steps <= BOUNDED_STEPS, f"step through kudoswall.core.data.days instead: {sorted(steps - BOUNDED_STEPS)}"
