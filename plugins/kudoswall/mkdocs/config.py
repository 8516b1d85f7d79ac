"""The plugin's options in mkdocs.yml, checked when the config loads.

Every option, its default and its check are defined once, in
`core.data.project` (Settings, LIMITS, OPTIONS), which the CLI and the intake
read too; the config here is made from that table, so MkDocs reports a bad
value with the core's own message and can never disagree on a default.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..core.data.project import DEFAULTS, OPTIONS, SettingsError, check_option

ADAPTER_ONLY = ("enabled", "parallel")  # how MkDocs runs the plugin, not what the site is


class Checked(c.BaseConfigOption[Any]):
    """One of the core's options: its default, and the core's check with the core's message."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.default = getattr(DEFAULTS, name)

    def run_validation(self, value: object) -> Any:
        try:
            return check_option(self.name, value)
        except SettingsError as error:
            raise base.ValidationError(str(error)) from None


class PluginConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # A one-off build renders the generated pages in worker processes where
    # that is safe and pays (see mkdocs.parallel); false keeps it to one.
    parallel = c.Type(bool, default=True)

    def options(self) -> dict[str, Any]:
        """The checked values, for `core.data.project.make_project`."""
        return {name: self[name] for name in self if name not in ADAPTER_ONLY}


# MkDocs reads a config's options off its class, so the class is made with one per core option.
KudosConfig: type[PluginConfig] = type("KudosConfig", (PluginConfig,), {name: Checked(name) for name in OPTIONS})
