"""Modules stay readable in one sitting and functions on one screen: at most 500 and 60 lines.

Lines count as the file has them, blank ones and docstrings included; a
function counts from its `def` to its last line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import kudoswall

PACKAGE = Path(kudoswall.__file__).parent
MODULE_LINES = 500
FUNCTION_LINES = 60


def test_no_module_is_over_500_lines() -> None:
    sizes = {p.relative_to(PACKAGE).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in PACKAGE.rglob("*.py")}
    assert len(sizes) > 60
    assert {path: n for path, n in sizes.items() if n > MODULE_LINES} == {}


def test_no_function_is_over_60_lines() -> None:
    long = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno is not None:
                length = node.end_lineno - node.lineno + 1
                if length > FUNCTION_LINES:
                    long[f"{path.relative_to(PACKAGE).as_posix()}:{node.lineno} {node.name}"] = length
    assert long == {}
