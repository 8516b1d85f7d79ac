"""Kept for callers of the first releases: the project loader is `kudoswall.core.project`."""

from .core.project import Project as SiteSettings
from .core.project import SettingsError
from .core.project import _TolerantLoader as _TolerantLoader
from .core.project import read_project as read_settings

__all__ = ["SettingsError", "SiteSettings", "read_settings"]
