"""The package's modules form layers: each imports on its own and no two import each other.

The check reads every import in the source, those inside functions too, so a
cycle cannot hide behind an import deferred to call time. Imports under
`if TYPE_CHECKING:` are left out: they name types for the checker and never run.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import kudoswall

PACKAGE = Path(kudoswall.__file__).parent


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name, packages by their `__init__`."""
    found: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ("kudoswall", *path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def relative_sources(name: str, path: Path) -> Iterator[tuple[int, str]]:
    """Each relative import's line and the module it names, resolved within the package."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            yield node.lineno, ".".join([*base, *([node.module] if node.module else [])])


def for_the_type_checker(tree: ast.Module) -> set[int]:
    """The ids of the imports under `if TYPE_CHECKING:`."""
    return {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and isinstance(block.test, ast.Name) and block.test.id == "TYPE_CHECKING"
        for statement in block.body
        for node in ast.walk(statement)
    }


def imported(name: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    """The package's modules that one module imports when it runs, anywhere in its body."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = for_the_type_checker(tree)
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            for alias in node.names:
                if f"{source}.{alias.name}" in known:
                    yield f"{source}.{alias.name}"
                elif source in known:
                    yield source


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (or one importing itself): Tarjan's algorithm."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1 or node in graph[node]:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_cycle_finder_finds_a_planted_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_two_modules_of_the_package_import_each_other() -> None:
    known = modules()
    graph = {name: set(imported(name, path, known)) - {name} for name, path in known.items()}
    assert sum(len(edges) for edges in graph.values()) > 100  # the reading found the imports
    assert graph["kudoswall.core.render.renderer"] >= {"kudoswall.core.site.pages"}
    assert cycles(graph) == []


def test_every_relative_import_names_a_module_of_the_package() -> None:
    """Imports made only when a function runs (`kudos inbox serve` loads the intake late) exist too."""
    known = modules()
    missing = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {source}"
        for name, path in known.items()
        for line, source in relative_sources(name, path)
        if source not in known
    ]
    assert missing == []


def test_every_module_imports_on_its_own_first() -> None:
    """Each module imported first in a clean state: an import order that only works one way fails here."""
    names = sorted(name for name in modules() if not name.endswith(".__main__"))  # those run a program
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    for loaded in [m for m in sys.modules if m.startswith('kudoswall')]:\n"
        "        del sys.modules[loaded]\n"
        "    importlib.import_module(name)\n"
        "print(len(sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert len(names) > 60
