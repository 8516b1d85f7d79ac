"""Entry ids are permanent-link anchors: stable, and no way to confirm who gave an entry."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
import yaml

from kudoswall.core.data.dataset import load
from kudoswall.core.data.project import ANCHOR_KEY_VARIABLE, make_project

TODAY = dt.date(2026, 11, 25)
PEOPLE = {
    "ana-lima": {"name": "Ana Lima"},
    "ben-okafor": {"name": "Ben Okafor"},
    "cleo-park": {"name": "Cleo Park"},
    "zed-private": {"name": "Zed Private", "wall": False},
}


def entry(giver: str, anonymous: bool = True, to: list[str] | None = None) -> str:
    return yaml.safe_dump({
        "date": "2026-11-02", "from": giver, "to": to or ["ben-okafor"], "anonymous": anonymous,
        "message": "Stayed late to help a customer.",
    })


def ids(root: Path, files: dict[str, str]) -> list[str]:
    folder = root / "kudos"
    if folder.exists():
        for path in folder.rglob("*.yml"):
            if path.name != "people.yml":
                path.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "people.yml").write_text(yaml.safe_dump(PEOPLE), encoding="utf-8")
    for rel, text in files.items():
        (folder / rel).write_text(text, encoding="utf-8")
    data = load(make_project(root, Path("docs"), {"today": TODAY}))
    assert not data.problems, data.problems
    return [e.id for e in data.entries]


@pytest.fixture(autouse=True)
def no_key_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ANCHOR_KEY_VARIABLE, raising=False)


def test_without_a_key_an_anonymous_entry_has_the_same_id_whoever_gave_it_and_whatever_the_file_name(
    tmp_path: Path,
) -> None:
    from_ana = ids(tmp_path, {"ana-to-ben.yml": entry("ana-lima")})
    from_cleo = ids(tmp_path, {"cleo-to-ben.yml": entry("cleo-park")})
    assert from_ana == from_cleo


def test_without_a_key_the_id_is_no_digest_of_the_file_path(tmp_path: Path) -> None:
    [kudos_id] = ids(tmp_path, {"ana-to-ben.yml": entry("ana-lima")})
    for candidate in ("ana-to-ben.yml", "kudos/ana-to-ben.yml"):
        guess = "k" + hashlib.blake2b(candidate.encode(), digest_size=5).hexdigest()
        assert kudos_id != guess


def test_an_opted_out_recipient_never_enters_the_id(tmp_path: Path) -> None:
    shown_only = ids(tmp_path, {"a.yml": entry("ana-lima", to=["ben-okafor"])})
    with_private = ids(tmp_path, {"a.yml": entry("ana-lima", to=["ben-okafor", "zed-private"])})
    assert shown_only == with_private


def test_with_a_key_the_id_survives_edits_and_differs_from_the_keyless_digest(tmp_path: Path) -> None:
    (tmp_path / "kudos").mkdir()
    (tmp_path / "kudos" / "_anchor-key").write_text("correct horse battery staple\n", encoding="utf-8")
    before = ids(tmp_path, {"ana-to-ben.yml": entry("ana-lima")})
    edited = ids(tmp_path, {"ana-to-ben.yml": entry("ana-lima").replace("late", "very late")})
    assert before == edited
    (tmp_path / "kudos" / "_anchor-key").unlink()
    assert ids(tmp_path, {"ana-to-ben.yml": entry("ana-lima")}) != before


def test_the_environment_key_wins_and_a_different_key_gives_different_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ANCHOR_KEY_VARIABLE, "one secret")
    first = ids(tmp_path, {"x.yml": entry("ana-lima")})
    monkeypatch.setenv(ANCHOR_KEY_VARIABLE, "another secret")
    assert ids(tmp_path, {"x.yml": entry("ana-lima")}) != first
