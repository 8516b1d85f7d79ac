"""One rotation: the set shown without JavaScript, each day's published file and
`featured_on` over all entries agree, in every shape a company's data takes."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path

import pytest

from kudoswall.core.data.model import Dataset, Entry, Person
from kudoswall.core.data.project import make_project
from kudoswall.core.render.renderer import Renderer
from kudoswall.core.site.build import build_model
from kudoswall.core.site.i18n import Catalogue
from kudoswall.core.site.rotation import featured_on
from kudoswall.core.site.sections.wall import WallPage
from kudoswall.core.site.urls import UrlScheme

TODAY = dt.date(2026, 11, 25)
COUNT, WINDOW = 6, 90


def entry(n: int, day: dt.date, recipients: tuple[str, ...], giver: str = "p0") -> Entry:
    return Entry(
        id=f"k{n:010x}", date=day, giver=giver, giver_label=giver, recipients=recipients,
        principles=(), title=f"Entry {n}", message_html=f"<p>Thanks {n}.</p>", message_text=f"Thanks {n}.",
        source=f"kudos/{n}.yml", line=1,
    )


def dataset(entries: list[Entry], people: int) -> Dataset:
    roster = {f"p{n}": Person(f"p{n}", f"Person {n}") for n in range(people)}
    entries.sort(key=lambda e: (-e.date.toordinal(), e.id))
    return Dataset(roster, {}, tuple(entries))


def spread(count: int, people: int, recent: int, seed: int = 3) -> Dataset:
    """`count` entries, `recent` of them in the window, the rest a year or more back."""
    rng = random.Random(seed)
    made = []
    for n in range(count):
        back = rng.randrange(WINDOW - 1) if n < recent else 400 + rng.randrange(300)
        to = tuple(sorted({f"p{rng.randrange(1, people)}" for _ in range(rng.choice((1, 1, 2)))}))
        made.append(entry(n, TODAY - dt.timedelta(days=back), to))
    return dataset(made, people)


CASES = {
    "empty": dataset([], 5),
    "quiet-window": spread(108, 40, recent=8),  # fewer than four days' worth in the window
    "nothing-recent": spread(30, 10, recent=0),
    "dense-window": spread(3_000, 200, recent=2_500),
    "everyone-thanks-one-person": dataset(
        [entry(n, TODAY - dt.timedelta(days=n % 60), ("p1",), giver=f"p{n % 9 + 2}") for n in range(50)], 12
    ),
    "company-of-two": dataset([entry(n, TODAY - dt.timedelta(days=n * 3), (f"p{n % 2}",), giver=f"p{1 - n % 2}")
                               for n in range(9)], 2),
}


@pytest.mark.parametrize("data", CASES.values(), ids=CASES.keys())
def test_the_build_days_set_and_every_daily_file_are_the_rotation_of_all_entries(data: Dataset) -> None:
    project = make_project(Path("/nonexistent"), Path("docs"), {"today": TODAY})
    model = build_model(data, project, Catalogue())
    renderer = Renderer(model, UrlScheme(True), Catalogue())
    files = renderer.daily_files()
    assert len(files) == project.settings.schedule_days + 1
    for offset in range(project.settings.schedule_days + 1):
        day = TODAY + dt.timedelta(days=offset)
        expected = [e.id for e in featured_on(data.entries, day, COUNT, WINDOW)]
        assert json.loads(files[f"kudos/featured/{day.isoformat()}.json"])["ids"] == expected, day
    wall = next(p for p in model.pages if isinstance(p, WallPage) and p.featured)
    html = renderer.page_html(wall)
    featured = html.split("data-featured", 1)[1].split("</section>", 1)[0]
    no_script = re.findall(r'data-kudos-id="([^"]+)"', featured)
    assert no_script == json.loads(files[f"kudos/featured/{TODAY.isoformat()}.json"])["ids"]
    assert len(no_script) == min(COUNT, len(data.entries))
