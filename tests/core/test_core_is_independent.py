"""The core must outlive the MkDocs adapter: it may not import MkDocs at all."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import kudoswall.core

CORE = Path(kudoswall.core.__file__).parent


def test_core_modules_import_without_mkdocs() -> None:
    modules = sorted(m.name for m in pkgutil.walk_packages([str(CORE)], "kudoswall.core."))
    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('mkdocs', 'properdocs', 'material'):\n"
        "            raise ImportError('core imported ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for m in {modules!r}: __import__(m)\n"
        "print(len(sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert {"kudoswall.core.site.sections.wall", "kudoswall.core.leaders.notify"} <= set(modules)
    assert len(modules) >= 40
