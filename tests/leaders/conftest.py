"""A small company whose recognition was counted by hand, for the leaders' commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from sites import Site, make_site

AS_OF = "2026-11-25"  # with --days 60 the window is 2026-09-27 .. 2026-11-25

PEOPLE = {
    "rosa-delgado": {"name": "Rosa Delgado", "team": "Support", "title": "Head of service",
                     "email": "rosa@acme.test"},
    "ana-lima": {"name": "Ana Lima", "team": "Support", "manager": "rosa-delgado", "birthday": "11-21",
                 "email": "ana@acme.test"},
    "ben-okafor": {"name": "Ben Okafor", "team": "Support", "manager": "rosa-delgado", "joined": "2026-10-01",
                   "email": "ben@acme.test"},
    "cleo-park": {"name": "Cleo Park", "team": "Billing", "manager": "rosa-delgado", "email": "cleo@acme.test",
                  "notify": False},
    "dev-iyer": {"name": "Dev Iyer", "team": "Billing", "joined": "2020-11-23"},
    "eve-stone": {"name": "Eve Stone", "team": "Billing", "joined": "2026-11-01", "email": "eve@acme.test"},
    "zed-private": {"name": "Zephyrine Quillfeather", "team": "Billing", "wall": False,
                    "manager": "rosa-delgado", "email": "zed@acme.test"},
    "olga-gone": {"name": "Olga Farewell", "team": "Billing", "manager": "rosa-delgado",
                  "left": "2026-10-31", "email": "olga@acme.test"},
}


def company(root: Path) -> Site:
    site = make_site(root)
    for old in ("2026/11/ana-to-ben.yml", "2026/11/customer-to-cleo.yml", "2026/10/secret-santa.yml",
                "2026/10/from-zed.yml", "2026/10/to-zed.yml"):
        (root / "kudos" / old).unlink()
    site.people(PEOPLE)
    e = site.entry
    e("2026/11/ana-to-ben.yml", date="2026-11-20", giver="ana-lima", to="ben-okafor",
      principles=["patience"], title="A billing rescue", message="Ben stayed late for a first-time customer.")
    e("2026/11/customer-to-cleo.yml", date="2026-11-18", giver="customer", to=["cleo-park"],
      principles=["little-wows"], title="Made her week", message="The caller said Cleo made her whole week.")
    e("2026/10/secret-santa.yml", date="2026-10-12", giver="dev-iyer", to=["ana-lima"], anonymous=True,
      title="Covering a shift", message="Thank you for covering my shift without being asked.")
    e("2026/10/from-zed.yml", date="2026-10-10", giver="zed-private", to=["dev-iyer"],
      principles=["thank-out-loud"], message="Dev untangled the refunds queue in one afternoon.")
    e("2026/10/to-zed.yml", date="2026-10-09", giver="ana-lima", to=["zed-private"],
      message="A private thank-you that must never be published.")
    e("2026/08/cleo-to-dev.yml", date="2026-08-01", giver="cleo-park", to=["dev-iyer"],
      message="Thanks for the summer rota.")
    e("2026/08/olga-to-ana.yml", date="2026-08-15", giver="olga-gone", to=["ana-lima"],
      message="Thanks for the handover notes.")
    e("2026/11/rosa-welcome.yml", date="2026-11-10", giver="rosa-delgado", to=["eve-stone", "ana-lima"],
      principles=["patience"], title="A warm start", message="Eve's first week went smoothly thanks to Ana.")
    e("2026/10/rosa-to-cleo.yml", date="2026-10-05", giver="rosa-delgado", to=["cleo-park"],
      message="The quarter close was calm because of you.")
    e("2026/11/dev-to-eve.yml", date="2026-11-15", giver="dev-iyer", to=["eve-stone"],
      message="Great first refund case.")
    return site


@pytest.fixture
def leaders_site(tmp_path: Path) -> Site:
    return company(tmp_path / "company")
