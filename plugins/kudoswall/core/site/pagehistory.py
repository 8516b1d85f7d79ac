"""What each recent commit did to each handbook page, read from ONE `git log -p`.

For /changes/ a commit's subject is developer prose ("our layout in one scoped
layer"); what a reader of the handbook wants is what happened to the page.
So the log is read with its patches, with no context lines (`-U0`) and only
for Markdown files, and of each patch only the headings added and removed,
the section each hunk falls in, the first few hundred characters of the
prose it took out and put in (so a card can quote the line as it is and mark
its new words), and the old and new `description` are kept. Git names that section itself:
its built-in `markdown` diff driver puts the heading above a hunk in the hunk
header, switched on here by the attributes file shipped beside this module.

Cost: one git process for at most `limit` commits, read line by line as a
stream (never held whole), so the work is linear in the lines of those
commits' Markdown patches and memory holds only headings and a short
quote per hunk. A commit may carry
a staff note as a trailer (`Staff-note: New "Try this week" ideas`), which
the page shows instead of what is derived. Everything read here is untrusted
text: data for templates, never markup.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

TRAILER = "Staff-note"
ATTRIBUTES = Path(__file__).with_name("sections") / "markdown.gitattributes"
GIT_TIMEOUT = 20.0
_SEP = "\x1f"
_NOTES_SEP = "\x1e"
HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_KEY = re.compile(r"^([A-Za-z_][\w-]*):(?:\s|$)")
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@ ?(.*)$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# Lines that are layout, not words to quote: tables, HTML, admonitions, attribute lists, rules, link definitions.
_NOT_PROSE = re.compile(r"^\s*(?:[|<{]|!!!|\?\?\?|:::|(?:[-*_=]\s*){3,}$|\[[^\]]+\]:)")
_MARKER = re.compile(r"^\s*(?:>\s*)*(?:(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?)?")
QUOTE_KEPT = 600  # characters of a hunk's prose kept per side: enough for the sentence that changed


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # as written in the Markdown, not yet cleaned


@dataclass
class Hunk:
    section: str  # the heading line above the hunk, as git names it; "" before the first
    added: list[Heading] = field(default_factory=list)
    removed: list[Heading] = field(default_factory=list)
    prose: bool = False  # a line that is not a heading changed above any heading in the hunk: in `section`
    keys: list[str] = field(default_factory=list)  # front-matter keys changed (above the first heading)
    before: str = ""  # the words of the prose lines it took out in `section`, joined, at most QUOTE_KEPT
    after: str = ""  # ... and of those it put in
    summary_before: str = ""  # the `description:` line's value it took out, as written
    summary_after: str = ""  # ... and the one it put in
    fence_removed: str = ""  # the code fence open among the lines taken out ("" outside one); see removed_known
    fence_added: str = ""  # ... among the lines put in

    @property
    def removed_known(self) -> bool:
        """Whether the headings taken out are surely headings: a fence opened or closed an odd number of times
        among the lines taken out leaves unknown which of them sat in a code block."""
        return not self.fence_removed


@dataclass
class PagePatch:
    src: str  # relative to the docs folder
    new: bool = False
    deleted: bool = False
    hunks: list[Hunk] = field(default_factory=list)


@dataclass
class PageCommit:
    date: dt.date
    notes: tuple[str, ...]  # the commit's staff notes, in order
    pages: list[PagePatch] = field(default_factory=list)


def heading(line: str) -> Heading | None:
    """An ATX heading line ("## Try this week"); setext headings are not recognised."""
    found = HEADING.match(line)
    return Heading(len(found.group(1)), found.group(2)) if found and found.group(2) else None


def _path(text: str) -> str | None:
    """A `--- a/x` / `+++ b/x` name; a quoted (unusual) name is skipped rather than guessed."""
    text = text.rstrip("\t")  # git ends a name holding a space with a tab
    if text.startswith('"'):
        return None
    return text[2:] if text.startswith(("a/", "b/")) else None


class _Reader:
    """The state of one pass over the log: the commit and the file being read."""

    def __init__(self) -> None:
        self.commits: list[PageCommit] = []
        self.page: PagePatch | None = None
        self.in_header = False

    def line(self, line: str) -> None:
        if line.startswith(_SEP):
            _, day, notes = [*line.split(_SEP, 2), "", ""][:3]
            try:
                date = dt.date.fromisoformat(day.strip())
            except ValueError:
                self.commits.append(PageCommit(dt.date.min, ()))  # its pages are dropped below
                self.page = None
                return
            self.commits.append(PageCommit(date, tuple(n.strip() for n in notes.split(_NOTES_SEP) if n.strip())))
            self.page = None
        elif not self.commits:
            return
        elif line.startswith("diff --git "):
            self.page = PagePatch("")
            self.commits[-1].pages.append(self.page)
            self.in_header = True
        elif self.page is None:
            return
        elif self.in_header:
            self._header(self.page, line)
        elif line.startswith(("+", "-")) and self.page.hunks:
            self._changed(self.page.hunks[-1], line)
        elif (hunk := _HUNK.match(line)) is not None:
            self.page.hunks.append(Hunk(hunk.group(1).strip()))

    def _header(self, page: PagePatch, line: str) -> None:
        if line.startswith("new file mode"):
            page.new = True
        elif line.startswith("deleted file mode"):
            page.deleted = True
        elif (line.startswith("--- ") and page.deleted) or (line.startswith("+++ ") and not page.deleted):
            page.src = _path(line[4:]) or ""
        elif (hunk := _HUNK.match(line)) is not None:
            self.in_header = False
            page.hunks.append(Hunk(hunk.group(1).strip()))

    @staticmethod
    def _changed(hunk: Hunk, line: str) -> None:
        text, added = line[1:], line[0] == "+"
        fence = hunk.fence_added if added else hunk.fence_removed
        opened = _FENCE.match(text)
        if opened and (not fence or opened.group(1)[0] == fence[0]):
            fence = "" if fence else opened.group(1)
            if added:
                hunk.fence_added = fence
            else:
                hunk.fence_removed = fence
            return
        if fence:
            return  # a line of code: neither a heading nor words to quote
        found = heading(text)
        key = _KEY.match(text) if not hunk.section else None
        if key is not None or (not hunk.section and text.strip() == "---"):
            hunk.keys.extend(key.groups() if key else ())  # front matter: above every heading
            if key is not None and key.group(1) == "description":
                value = text[key.end():].strip()[:QUOTE_KEPT]
                if added:
                    hunk.summary_after = value
                else:
                    hunk.summary_before = value
        elif not hunk.section and (text[:1].isspace() or text.startswith("- ")):
            return  # above every heading, an indented or "- " line continues a front-matter value: not the page's words
        elif found is None:  # below a heading of this hunk (on its own side), a line belongs to that heading's section
            if text.strip() and not (hunk.added if added else hunk.removed):
                hunk.prose = True
                _Reader._quote(hunk, text, added)
        elif added:
            hunk.added.append(found)
        else:
            hunk.removed.append(found)

    @staticmethod
    def _quote(hunk: Hunk, text: str, added: bool) -> None:
        """Keep the words of a changed prose line (no list or quote marker), up to QUOTE_KEPT a side."""
        kept = hunk.after if added else hunk.before
        if len(kept) >= QUOTE_KEPT or _NOT_PROSE.match(text):
            return
        words = _MARKER.sub("", text).strip()
        kept = f"{kept} {words}" if kept else words
        if added:
            hunk.after = kept[:QUOTE_KEPT]
        else:
            hunk.before = kept[:QUOTE_KEPT]


def parse(lines: Iterable[str]) -> list[PageCommit]:
    """The log's lines (`_SEP date _SEP notes`, then each file's patch) as commits, newest first."""
    reader = _Reader()
    for line in lines:
        reader.line(line)
    return [
        PageCommit(c.date, c.notes, [p for p in c.pages if p.src])
        for c in reader.commits if c.date != dt.date.min
    ]


def _stream(docs_dir: Path, args: list[str]) -> Iterator[str]:
    """git's output line by line (split on newlines only: a page may hold a lone carriage return)."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        proc = subprocess.Popen(  # noqa: S603 - fixed git arguments, no shell
            ["git", *args], cwd=docs_dir, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,  # noqa: S607
        )
    except OSError:
        return
    stdout = proc.stdout
    if stdout is None:
        return
    timer = threading.Timer(GIT_TIMEOUT, proc.kill)  # a stuck git ends the read, not the build
    timer.start()
    try:
        for raw in stdout:
            yield raw.rstrip(b"\n").decode("utf-8", "replace")
    finally:
        timer.cancel()
        stdout.close()
        proc.kill()
        proc.wait()


def page_commits(docs_dir: Path, limit: int) -> list[PageCommit]:
    """The latest `limit` commits that touched Markdown pages under the docs folder, with their patches."""
    if limit <= 0:
        return []
    fmt = f"--format={_SEP}%cs{_SEP}%(trailers:key={TRAILER},valueonly,unfold,separator=%x1e)"
    args = [
        "-c", f"core.attributesFile={ATTRIBUTES}", "-c", "core.quotePath=false",
        "log", "--no-merges", "--relative", "--no-renames", "--no-color", "--no-ext-diff", "--no-textconv",
        "-p", "-U0", f"-n{limit}", fmt, "--", "*.md",
    ]
    return parse(_stream(docs_dir, args))
