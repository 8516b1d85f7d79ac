"""Files at the edge of the data: each one the build would skip or copy is named, with what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_folders import GOOD, messages, run, write
from sites import Site


def test_a_missing_people_file_is_reported_as_missing_with_how_to_start_one(root: Path) -> None:
    (root / "kudos/people.yml").unlink()
    write(root, "kudos/good.yml", GOOD)
    data = run(root)
    assert messages(data) == [
        ("kudos/people.yml: no people file, so no kudos are published: the wall needs to know who can give"
         " and receive them - run `kudos init` in the site's folder to write a starter kudos/people.yml,"
         " or create it: one entry per person, `ana-lima: {name: Ana Lima}`")
    ]
    assert data.entries == ()


def test_an_unreadable_people_file_is_not_called_missing(root: Path) -> None:
    write(root, "kudos/people.yml", "ana-lima: [unclosed\n")
    data = run(root)
    text = " ".join(messages(data))
    assert "YAML syntax error" in text and "no kudos are published until this file can be read" in text
    assert "no people file" not in text and "kudos init" not in text


def test_kudos_check_says_the_people_file_is_missing(site: Site) -> None:
    (site.root / "kudos/people.yml").unlink()
    result = site.kudos("check")
    assert result.returncode == 1
    assert "kudos/people.yml: no people file" in result.stdout
    assert "YAML" not in result.stdout


@pytest.mark.parametrize(("name", "text", "what"), [
    ("ana-to-ben.yml", "date: 2026-11-20\nfrom: dev-iyer\nto: ana-lima\nanonymous: true\nmessage: Thanks.\n", "kudos entry data"),
    ("thanks.yaml", "- date: 2026-11-20\n  from: dev-iyer\n  to: ana-lima\n  message: Thanks.\n", "kudos entry data"),
    ("team/people.yml", "ana-lima:\n  name: Ana Lima\n  email: ana@acme.test\n", "a people file"),
    ("card.yml", "title: Happy day\nfor: ana-lima\noccasion: birthday\ndate: 2026-11-20\n", "kudos card data"),
    ("assets/entry.json", '{"date": "2026-11-20", "from": "dev-iyer", "to": ["ana-lima"], "message": "Hi."}', "kudos entry data"),
])
def test_kudos_data_under_docs_is_named_and_never_published(site: Site, name: str, text: str, what: str) -> None:
    site.write(f"docs/{name}", text)
    site.write("docs/.meta.yml", "tags: [handbook]\n")  # a theme's own YAML is not ours
    site.write("docs/nav.yml", "- Home: index.md\n- Principles: principles/\n")
    built = site.build(strict=False)
    assert built.ok, built.log
    assert f"docs/{name}: holds {what}, which the build would copy to the site as it is" in built.log
    assert not (built.site_dir / name).exists()
    assert (built.site_dir / "nav.yml").exists()  # other YAML is copied as before
    check = site.kudos("check")
    assert check.returncode == 1 and f"docs/{name}: holds {what}" in check.stdout
    assert site.build(strict=True).returncode == 1


@pytest.mark.parametrize(("name", "said"), [
    ("2026/11/ana-to-ben.txt", "is not read: only .yml and .yaml files are kudos"),
    ("2026/11/ana-to-ben.yml.bak", "looks like a backup copy; it is not read"),
    ("2026/11/ana-to-ben.yml~", "looks like a backup copy; it is not read"),
    ("people.yml.orig", "looks like a backup copy; it is not read"),
    ("cards/ben-card.txt", "is not read: only .yml and .yaml files are kudos"),
    ("export.csv", "is not read: only .yml and .yaml files are kudos"),
])
def test_a_file_the_build_would_skip_under_kudos_is_named(root: Path, name: str, said: str) -> None:
    write(root, f"kudos/{name}", GOOD)
    write(root, "kudos/README.md", "Our kudos.\n")  # notes about the folder are fine
    write(root, "kudos/good.yml", GOOD)
    data = run(root)
    assert [m for m in messages(data) if said in m] == [m for m in messages(data) if m.startswith(f"kudos/{name}:")]
    assert any(m.startswith(f"kudos/{name}: {said}") for m in messages(data)), messages(data)
    assert len(messages(data)) == 1
    assert len(data.entries) == 1


def test_kudos_data_the_site_excludes_anyway_does_not_fail_the_build(site: Site) -> None:
    site.write("docs/internal/ana-to-ben.yml", "date: 2026-11-20\nfrom: dev-iyer\nto: ana-lima\nanonymous: true\nmessage: Hi.\n")
    site.extra_config["exclude_docs"] = "internal/\n"
    built = site.build(strict=True)
    assert built.ok, built.log
    assert not (built.site_dir / "internal/ana-to-ben.yml").exists()
