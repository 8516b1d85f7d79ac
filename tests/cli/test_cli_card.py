"""`kudos card new` writes a card file, validated first; `kudos check` reports card, campaign and idea problems."""

from __future__ import annotations

import shlex

from sites import Site


def test_card_new_writes_a_valid_card_that_the_build_reads(site: Site) -> None:
    result = site.kudos("card", "new", "--for", "ben-okafor", "--occasion", "birthday", "--date", "2026-12-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "kudos/cards/ben-okafor-birthday-2026.yml"
    text = (site.root / "kudos/cards/ben-okafor-birthday-2026.yml").read_text(encoding="utf-8")
    assert text == "title: Happy birthday, Ben!\nfor: ben-okafor\noccasion: birthday\ndate: 2026-12-01\n"
    assert "kudos new --card ben-okafor-birthday-2026" in result.stderr
    check = site.kudos("check")
    assert check.returncode == 0, check.stdout


def test_the_signing_hint_is_a_whole_command_once_filled_in(site: Site) -> None:
    result = site.kudos("card", "new", "--for", "ben-okafor", "--occasion", "welcome")
    hint = result.stderr.split("Sign it with: ", 1)[1].strip()
    assert hint == 'kudos new --card ben-okafor-welcome-2026 --from YOUR-ID --to ben-okafor --message "..."'
    filled = shlex.split(hint.replace("YOUR-ID", "ana-lima").replace("...", "Welcome aboard!"))
    signed = site.kudos(*filled[1:])
    assert signed.returncode == 0, signed.stderr


def test_card_new_refuses_an_unknown_or_opted_out_recipient_and_writes_nothing(site: Site) -> None:
    typo = site.kudos("card", "new", "--for", "ben-okafr", "--occasion", "welcome")
    assert typo.returncode == 1
    assert "unknown person 'ben-okafr' in 'for' - did you mean 'ben-okafor'?" in typo.stderr
    private = site.kudos("card", "new", "--for", "zed-private", "--occasion", "farewell", "--id", "goodbye")
    assert private.returncode == 1 and "not on the wall" in private.stderr
    assert "Zephyrine" not in private.stderr
    assert not (site.root / "kudos/cards").exists()


def test_check_reports_a_card_for_nobody_dated_notadate(site: Site) -> None:
    site.write("kudos/cards/nobody.yml", "title: Hi\nfor: nobody-here\noccasion: birthday\ndate: notadate\n")
    result = site.kudos("check")
    assert result.returncode == 1
    assert "kudos/cards/nobody.yml:2: unknown person 'nobody-here' in 'for'" in result.stdout
    assert "kudos/cards/nobody.yml:4: 'date' must be a date written YYYY-MM-DD" in result.stdout
