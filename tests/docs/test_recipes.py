"""Every recipe of the README and of the pages it points to, run in a fresh clone as a newcomer would.

One terminal for the whole read: the folder a block leaves, and the virtual
environment the README activates once, carry over to the next block. The
only change made to a command: the README's "install from git" address is
this clone's path, since the test cannot reach (and must not test) a remote.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from recipes import FENCE, Block, RecipeError, Shell, blocks

from sites import TODAY

REPO = Path(__file__).resolve().parents[2]
HOME_SITE = "~/acme-handbook"  # the company site the README's "Start your own" makes
# In reading order, with the folder each starts in (None: where the last one left off).
DOCS: tuple[tuple[str, str | None], ...] = (
    ("README.md", None),
    ("docs/how-to/thank-someone.md", HOME_SITE),
    ("docs/how-to/start-a-card.md", HOME_SITE),
    ("docs/how-to/customer-service-week.md", HOME_SITE),
    ("docs/how-to/write-a-principle.md", HOME_SITE),
    ("plugins/kudoswall/docs/inbox.md", HOME_SITE),
    ("plugins/kudoswall/docs/notify.md", HOME_SITE),
    ("plugins/kudoswall/docs/publishing.md", HOME_SITE),
)
INSTALL_URL = "https://github.com/example/service-handbook"
BUDGET = 420.0  # seconds for every recipe, the README's installs included (about 2 minutes here)
TEST_COMMAND_REASON = "the test suite itself (about ten minutes): CI runs it through .ci/run"


def all_blocks() -> list[tuple[str, str | None, Block]]:
    return [(doc, start, block) for doc, start in DOCS for block in blocks(REPO / doc, doc)]


def test_every_shell_block_of_the_handbook_and_operator_docs_is_a_recipe_run_here() -> None:
    covered = {doc for doc, _ in DOCS}
    pages = [*REPO.glob("docs/**/*.md"), *REPO.glob("plugins/kudoswall/docs/*.md"), REPO / "README.md"]
    untested = []
    for page in pages:
        shown = page.relative_to(REPO).as_posix()
        text = page.read_text(encoding="utf-8")
        if shown not in covered and any(FENCE.match(line) and line.strip() == "```sh" for line in text.splitlines()):
            untested.append(shown)
    # The maintainers' pages show commands for a clone of this repository (benchmarks, pictures),
    # and chat needs a Slack or Teams workspace: none of them is a newcomer's recipe.
    assert set(untested) <= {f"plugins/kudoswall/docs/{name}.md" for name in ("architecture", "scale", "chat", "testing")}, untested
    skipped = [(b.where, b.skip) for _, _, b in all_blocks() if b.skip]
    for where, reason in skipped:
        assert len(reason) > 15, f"{where}: a skipped recipe says why"


def test_the_readme_test_command_is_skipped_and_says_why() -> None:
    readme = blocks(REPO / "README.md", "README.md")
    ci_command = (REPO / ".ci/run").read_text(encoding="utf-8").strip().splitlines()[-1]
    test_block = next(b for b in readme if b.text.strip() == ci_command)
    assert test_block.skip == TEST_COMMAND_REASON


def environment(home: Path) -> dict[str, str]:
    """A newcomer's shell: no virtual environment active, a home of their own, the pip cache warm."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "NO_MKDOCS_2_WARNING", "KUDOS_TODAY", "CI"}}
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if p and not (Path(p).parent / "pyvenv.cfg").exists()
    )
    env["PIP_CACHE_DIR"] = os.environ.get("PIP_CACHE_DIR") or str(Path.home() / ".cache" / "pip")
    env.update({
        "HOME": str(home), "KUDOS_TODAY": TODAY,  # no recipe depends on the machine's date
        "GIT_AUTHOR_NAME": "New Comer", "GIT_AUTHOR_EMAIL": "new@example.test",
        "GIT_COMMITTER_NAME": "New Comer", "GIT_COMMITTER_EMAIL": "new@example.test",
    })
    return env


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to clone this repository")
def test_a_newcomer_gets_from_a_fresh_clone_to_every_goal_by_the_docs_alone(tmp_path: Path) -> None:
    if not (REPO / ".git").exists():
        pytest.fail("the recipes run in a clone of this repository, and this is not a git checkout")
    clone, home, work = tmp_path / "kudoswall", tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True, timeout=120)
    shell = Shell(clone, environment(home), work)
    started = time.monotonic()
    try:
        for doc, start, block in all_blocks():
            if start is not None and (not shell.timings or shell.timings[-1][0].doc != doc):
                shell.stop_servers()
                shell.cwd = Path(start.replace("~", str(home), 1))
            if block.skip:
                print(f"skipped {block.where}: {block.skip}")
                continue
            if INSTALL_URL in block.text and "git+" in block.text:
                block = Block(block.doc, block.line, block.lang, block.text.replace(INSTALL_URL, f"file://localhost{clone}"),
                              section=block.section)
            shell.run(block)
    except RecipeError as error:
        pytest.fail(str(error))
    finally:
        shell.stop_servers()
    total = time.monotonic() - started
    report = [f"{seconds:6.1f} s  {block.where}  [{block.section}]  {block.text.strip().splitlines()[0][:60]}"
              for block, seconds in shell.timings]
    report.append(f"{total:6.1f} s  in all ({sys.platform}, budget {BUDGET:.0f} s)")
    out = REPO / ".cache" / "recipe-times.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(report) + "\n", encoding="utf-8")
    print("\n".join(report))
    assert total < BUDGET, "\n".join(report)


def test_the_readme_fits_on_a_screen_or_two_and_activates_its_environment_once() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 250
    readme = blocks(REPO / "README.md", "README.md")
    serve, test, activate, *rest = readme
    assert serve.text.startswith("python3 -m venv .venv && ") and test.skip
    assert activate.text.strip() == ". .venv/bin/activate"
    # After that, every command is written as it runs in the activated environment.
    assert not [b.where for b in rest if ".venv/bin/" in b.text]
    # Material's end-of-life notice is explained where the README first builds, before anything else.
    assert text.index("NO_MKDOCS_2_WARNING") < text.index(activate.text.strip()) < text.index("## What this is")
