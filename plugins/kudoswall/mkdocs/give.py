"""Adapter side of the give page: its options, its assets and the published schema."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..core.give import GIVE_ASSETS, SCHEMA_PATH, GiveOptions, people_files, schema_json
from ..core.site import Site
from .config import KudosConfig


def give_options(cfg: KudosConfig, config: MkDocsConfig, root: Path, data_dir: Path) -> GiveOptions:
    # The site's own `repo_url` is the default: a site that links to its
    # repository can take proposals there too. An empty value switches it off.
    repo = cfg.give_repo_url if cfg.give_repo_url is not None else (config.repo_url or "")
    return GiveOptions(
        repo_url=repo,
        branch=cfg.give_branch,
        host=cfg.give_host or "",
        intake_url=cfg.give_intake_url or "",
        data_dir=Path(os.path.relpath(data_dir, root)).as_posix(),
        people_per_file=cfg.give_people_per_file,
    )


def add_give_files(files: Files, config: MkDocsConfig, site: Site) -> None:
    """The give page's script and style (only that page loads them), its people, and /kudos/schema.json."""
    package = resources.files("kudoswall") / "assets"
    for asset in GIVE_ASSETS:
        name = asset.rsplit("/", 1)[1]
        files.append(File.generated(config, asset, content=(package / name).read_bytes()))
    for path, content in people_files(site).items():
        files.append(File.generated(config, path, content=content))
    if files.get_file_from_path(SCHEMA_PATH) is None:
        files.append(File.generated(config, SCHEMA_PATH, content=schema_json(site, config.site_url)))
