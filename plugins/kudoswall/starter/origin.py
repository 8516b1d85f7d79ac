"""Where this copy of the plugin was installed from, as a line of requirements.txt.

There is no release on a package index, so a new site's CI must install the
plugin the way this copy was installed: from a git repository, at the commit
installed. pip records that in the distribution's `direct_url.json` (PEP 610);
a local checkout installed with `pip install -e .` is traced to its git
remote. A source CI cannot reach (a folder on this machine) is still written,
with a note saying to change it.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

DISTRIBUTION = "mkdocs-kudoswall"
_GIT_TIMEOUT = 10.0


@dataclass(frozen=True)
class Requirement:
    line: str  # e.g. mkdocs-kudoswall[material] @ git+https://github.com/o/r@<commit>
    note: str = ""  # set when CI could not install from `line` as it is


def requirement(material: bool) -> Requirement:
    name = f"{DISTRIBUTION}[material]" if material else DISTRIBUTION
    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return Requirement(name, "mkdocs-kudoswall is not installed as a package here: change this line to where you install it from")
    raw = dist.read_text("direct_url.json")
    if not raw:
        return Requirement(f"{name}=={dist.version}")
    try:
        info = json.loads(raw)
        url = str(info["url"])
    except (ValueError, KeyError, TypeError):
        return Requirement(name, "pip's record of where the plugin came from is unreadable: change this line to where you install it from")
    if url.startswith("file:///"):
        url = "file://localhost/" + url[len("file:///"):]  # pip (23) refuses `name @ git+file:///...`
    vcs = info.get("vcs_info")
    if isinstance(vcs, dict):
        source = f"git+{url}@{vcs.get('commit_id', '')}".rstrip("@")
    else:
        source = (_from_checkout(url) or f"git+{url}") if url.startswith("file:") else url
    line = f"{name} @ {source}"
    if "file:" in source:
        return Requirement(line, (
            "The plugin was installed from a folder on this machine, which CI cannot reach: in "
            "requirements.txt, point the line at the plugin's git repository (git+https://...)"
        ))
    return Requirement(line)


def _from_checkout(url: str) -> str:
    """A local git checkout's remote and commit, as pip's git+URL@commit; '' if it has none."""
    folder = Path(unquote(urlsplit(url).path))
    try:
        remote = _git(folder, "remote", "get-url", "origin")
        commit = _git(folder, "rev-parse", "HEAD")
    except (OSError, subprocess.SubprocessError):
        return ""
    scp = re.fullmatch(r"[\w.-]+@([\w.-]+):(.+)", remote)
    if scp:  # git@github.com:owner/repo.git: CI clones a public repository over https, without keys
        remote = f"https://{scp[1]}/{scp[2]}"
    if not commit or not remote.startswith(("https://", "http://", "ssh://")):
        return ""
    return f"git+{remote}@{commit}"


def _git(folder: Path, *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - fixed git arguments
        ["git", "-C", str(folder), *args],  # noqa: S607 - git from PATH, as the handbook's history uses it
        capture_output=True, text=True, timeout=_GIT_TIMEOUT, check=False,
    )
    return result.stdout.strip() if result.returncode == 0 else ""
