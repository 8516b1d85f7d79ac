"""The plugin's options are the core's: one definition, read by MkDocs, the CLI and the intake alike."""

from __future__ import annotations

import dataclasses

import pytest

from kudoswall.core.data.project import DEFAULTS, Settings
from kudoswall.mkdocs.plugin import KudosPlugin
from sites import Site


def test_every_setting_of_the_core_is_an_option_with_the_cores_default() -> None:
    plugin = KudosPlugin()
    errors, _ = plugin.load_config({})
    assert errors == []
    options = plugin.config.options()
    assert sorted(options) == sorted(f.name for f in dataclasses.fields(Settings))
    assert options == {f.name: getattr(DEFAULTS, f.name) for f in dataclasses.fields(Settings)}


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("give_host", "bitbucket", "must be github or gitlab"),
        ("give_intake_url", "ftp://intake.example", "expected an http(s) address, got 'ftp://intake.example'"),
        ("tv_qr", "yes", "must be true or false, got 'yes'"),
        ("feed_size", 0, "must be between 1 and 500, got 0"),
    ],
)
def test_a_bad_value_reads_the_same_in_the_build_and_in_the_cli(site: Site, option: str, value: object,
                                                                message: str) -> None:
    site.plugin_options[option] = value
    built = site.build()
    assert not built.ok and message in built.log
    checked = site.kudos("check")
    assert checked.returncode != 0 and message in checked.stderr and option in checked.stderr
