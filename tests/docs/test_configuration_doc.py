"""configuration.md lists every option the plugin takes, and only those: the reference cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from mkdocs.config.base import BaseConfigOption

from kudoswall.mkdocs.config import KudosConfig

REPO = Path(__file__).resolve().parents[2]


def test_the_options_block_names_every_option_of_the_plugin() -> None:
    text = (REPO / "plugins/kudoswall/docs/configuration.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "- kudos:" in b)
    documented = set(yaml.safe_load(block)["plugins"][1]["kudos"])
    options = {name for cls in KudosConfig.__mro__ for name, value in vars(cls).items()
               if isinstance(value, BaseConfigOption)}
    assert documented == options
