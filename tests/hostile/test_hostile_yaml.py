"""Hostile YAML: broken, repeated, huge, explosive or binary files cost only themselves.

Every problem is located (file and line where one exists), quotes at most a
short piece of the value, and the work per file stays bounded.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from data_folders import GOOD, as_item, bomb, messages, run, write


def one_problem(root: Path, text: str | bytes, name: str = "kudos/bad.yml") -> str:
    write(root, name, text)
    found = messages(run(root))
    assert len(found) == 1, found
    return found[0]


def test_broken_yaml_is_reported_with_its_line_and_other_files_still_load(root: Path) -> None:
    write(root, "kudos/good.yml", GOOD)
    write(root, "kudos/broken.yml", "date: 2026-11-01\nfrom: ana-lima\nto: [ben-okafor\nmessage: hi\n")
    data = run(root)
    (problem,) = data.problems
    assert problem.path == "kudos/broken.yml"
    assert problem.line in (3, 4)
    assert "YAML syntax error" in problem.message
    assert len(data.entries) == 1


def test_duplicate_key_in_an_entry_is_an_error_not_a_silent_overwrite(root: Path) -> None:
    text = GOOD + "message: A second message that YAML would keep.\n"
    assert one_problem(root, text) == (
        "kudos/bad.yml:6: duplicate key 'message' (first at line 5) - "
        "keep one of them; YAML would silently drop the first"
    )
    assert run(root).entries == ()  # which message was meant is unknown


def test_huge_file_is_refused_without_reading_it_all(root: Path) -> None:
    write(root, "kudos/huge.yml", "message: " + "x" * (5 * 1024 * 1024) + "\n")
    write(root, "kudos/good.yml", GOOD)
    data = run(root)
    assert messages(data) == ["kudos/huge.yml: file is larger than 4 MB - split it into several smaller files"]
    assert len(data.entries) == 1


def test_a_file_that_is_not_utf8_is_located(root: Path) -> None:
    write(root, "kudos/latin1.yml", GOOD.replace("calm.", "calm caf\xe9.").encode("latin-1"))
    assert messages(run(root)) == ["kudos/latin1.yml:5: file is not valid UTF-8 - save it as UTF-8"]


@pytest.mark.parametrize("character", ["\x00", "\x1b", "\x7f", "\x08"])
def test_a_nul_byte_or_control_character_is_reported_on_its_line(root: Path, character: str) -> None:
    text = GOOD.replace("Thanks for the calm.", f"Thanks{character} for the calm.")
    found = one_problem(root, text.encode("utf-8"))
    code = f"U+{ord(character):04X}"
    assert found.startswith(f"kudos/bad.yml:5: file contains a control character ({code})")
    assert character not in found


def test_odd_unicode_is_normalised_and_invisible_controls_dropped(root: Path) -> None:
    message = "Cafe\u0301 \u202eevil\u202c and \U0001f389 and \u0000null"
    write(root, "kudos/u.yml", GOOD.replace("Thanks for the calm.", yaml.safe_dump(message).strip()))
    (entry,) = run(root).entries
    assert "Caf\u00e9" in entry.message_html
    assert "\u202e" not in entry.message_html and "\u0000" not in entry.message_html
    assert "\U0001f389" in entry.message_html


def test_an_alias_bomb_is_refused_quickly_on_its_line(root: Path) -> None:
    write(root, "kudos/bomb.yml", "\n".join([*bomb(), "to: *i"]) + "\n")
    write(root, "kudos/good.yml", GOOD)
    started = time.perf_counter()
    data = run(root)
    assert time.perf_counter() - started < 2
    (problem,) = data.problems
    assert problem.path == "kudos/bomb.yml" and problem.line is not None
    assert "aliases here expand to more than" in problem.message
    assert len(data.entries) == 1


def test_a_few_aliases_in_a_wrong_place_quote_only_a_short_value(root: Path) -> None:
    lines = [*bomb(levels=3), "date: *c"]  # 729 values: allowed, but no date
    text = "\n".join([*lines, "from: ana-lima", "to: ben-okafor", "message: hi", "x: 1"]) + "\n"
    write(root, "kudos/some.yml", text)
    found = [p for p in run(root).problems if "'date'" in p.message]
    (problem,) = found
    assert problem.line == 4
    assert len(str(problem)) < 200 and "\u2026" in problem.message


def test_a_long_wrong_value_is_quoted_truncated(root: Path) -> None:
    found = one_problem(root, GOOD.replace("date: 2026-11-01", "date: " + "y" * 5000))
    assert found.startswith("kudos/bad.yml:1: 'date' must be a date written YYYY-MM-DD, not 'yyy")
    assert "\u2026" in found and len(found) < 200


def test_a_long_unknown_field_is_quoted_truncated(root: Path) -> None:
    found = one_problem(root, GOOD + "k" * 1000 + ": 1\n")  # YAML allows no longer plain key
    assert found.startswith("kudos/bad.yml:6: unknown field 'kkk") and len(found) < 300


def test_a_value_that_refers_to_itself_is_located(root: Path) -> None:
    found = one_problem(root, GOOD + "extra: &loop [*loop]\n")
    assert found.startswith("kudos/bad.yml:6: a value contains itself through an alias")


def test_deep_nesting_is_located_not_a_crash(root: Path) -> None:
    deep = "".join(f"{' ' * n}k{n}:\n" for n in range(400)) + " " * 400 + "v: 1\n"
    found = one_problem(root, GOOD + "extra:\n" + "".join("  " + line + "\n" for line in deep.splitlines()))
    assert "nested too deeply" in found and found.startswith("kudos/bad.yml:")
    assert found.split(":")[1].isdigit()


def test_a_number_too_long_for_python_is_a_located_problem(root: Path) -> None:
    found = one_problem(root, GOOD + "extra: " + "7" * 5000 + "\n")
    assert found.startswith("kudos/bad.yml:6: a value cannot be read")


def test_a_repeated_key_in_one_list_item_keeps_its_good_siblings(root: Path) -> None:
    repeated = GOOD.replace("2026-11-01", "2026-10-02") + "message: again\n"
    write(root, "kudos/list.yml", as_item(GOOD) + as_item(repeated) + as_item(GOOD.replace("calm", "help")))
    data = run(root)
    assert [p.line for p in data.problems] == [11]
    assert "duplicate key 'message'" in data.problems[0].message
    assert sorted(e.message_text for e in data.entries) == ["Thanks for the calm.", "Thanks for the help."]


def test_one_bad_entry_in_a_list_costs_only_itself(root: Path) -> None:
    bad = GOOD.replace("from: ana-lima", "from: nobody")
    write(root, "kudos/list.yml", as_item(GOOD) + as_item(bad))
    data = run(root)
    assert len(data.entries) == 1
    (problem,) = data.problems
    assert problem.line == 7  # the second entry starts on line 6; its 'from' is next


def test_a_list_of_scalars_and_mappings_keeps_the_mappings(root: Path) -> None:
    write(root, "kudos/list.yml", "- just words\n" + as_item(GOOD) + "- [1, 2]\n")
    data = run(root)
    assert len(data.entries) == 1
    assert [p.line for p in data.problems] == [1, 7]
