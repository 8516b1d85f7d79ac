"""Where the browser tests find axe-core, installing it from the npm registry if needed.

One pinned version, so a new axe release (with new rules) never changes a
green run by itself. `.ci/run` runs this file before the tests; the test
fixture calls `ensure()` too, so a developer's `python -m pytest` works alike.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

AXE_VERSION = "4.14.1"
CACHE = Path(__file__).resolve().parents[2] / ".cache" / "axe"
SCRIPT = CACHE / "node_modules" / "axe-core" / "axe.min.js"


def installed_version() -> str | None:
    manifest = SCRIPT.parent / "package.json"
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None


def ensure() -> Path:
    """The path of axe.min.js at AXE_VERSION; raises RuntimeError with the reason if it cannot be had."""
    if SCRIPT.is_file() and installed_version() == AXE_VERSION:
        return SCRIPT
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(f"axe-core {AXE_VERSION} is not in {CACHE} and npm is not installed to fetch it")
    CACHE.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [npm, "install", "--prefix", str(CACHE), "--no-audit", "--no-fund", "--no-save",
         f"axe-core@{AXE_VERSION}"],
        check=False, capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0 or not SCRIPT.is_file():
        raise RuntimeError(f"npm install axe-core@{AXE_VERSION} failed:\n{result.stdout}{result.stderr}")
    return SCRIPT


if __name__ == "__main__":
    try:
        print(ensure())
    except RuntimeError as error:
        sys.exit(str(error))
