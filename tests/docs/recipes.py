"""The shell recipes of the documentation, read out of the Markdown and run as a reader would.

A ```sh block is a recipe. An HTML comment just before a block changes what
happens to it (the reader never sees it):

    <!-- recipe: skip: why it cannot run here -->    the block is not run; the reason is reported
    <!-- recipe: write PATH -->                       the block (any language) is saved as PATH, as
                                                      the text before it tells the reader to do

A block whose last command is `mkdocs serve` or `kudos inbox serve` starts a
server: it runs in the background and is probed over HTTP until it answers.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

MARKER = re.compile(r"^\s*<!--\s*recipe:\s*(?P<kind>skip|write)\s*:?\s*(?P<arg>.*?)\s*-->\s*$")
FENCE = re.compile(r"^(?P<indent>\s*)```(?P<lang>[\w-]*)\s*$")
SERVERS = re.compile(r"(?:^|&&|;|\s)(?:\S*/)?(?:mkdocs serve|kudos inbox serve)\b(?P<args>[^\n]*)$")


@dataclass(frozen=True)
class Block:
    doc: str
    line: int  # of the opening fence, 1-based
    lang: str
    text: str
    skip: str = ""  # the reason, when the doc says it cannot run here
    write: str = ""  # where to save it, when the doc says to save it
    section: str = ""  # the heading it sits under

    @property
    def where(self) -> str:
        return f"{self.doc}:{self.line}"

    @property
    def server_url(self) -> str:
        """The address a server block listens on, '' for any other block."""
        command = self.text.replace("\\\n", " ").strip().splitlines()[-1] if self.text.strip() else ""
        match = SERVERS.search(command)
        if not match:
            return ""
        args = shlex.split(match["args"].split("#", 1)[0])
        if "inbox" in command:
            host = _option(args, "--host") or "127.0.0.1"
            return f"http://{host}:{_option(args, '--port') or '8765'}/healthz"
        address = _option(args, "-a") or _option(args, "--dev-addr") or "127.0.0.1:8000"
        return f"http://{address}/"


def _option(args: list[str], name: str) -> str:
    for i, arg in enumerate(args):
        if arg == name and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return ""


def blocks(doc: Path, shown: str) -> list[Block]:
    """The recipes of one Markdown file, in order: sh blocks, and blocks marked to be written."""
    lines = doc.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    section, i = "", 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if not fence:
            if re.match(r"#{1,4} ", lines[i]):
                section = lines[i].lstrip("#").strip()
            i += 1
            continue
        indent, lang, start = fence["indent"], fence["lang"], i
        body = []
        i += 1
        while i < len(lines) and lines[i].strip() != "```":
            body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].lstrip())
            i += 1
        i += 1
        before = next((lines[j] for j in range(start - 1, -1, -1) if lines[j].strip()), "")
        marker = MARKER.match(before)
        kind, arg = (marker["kind"], marker["arg"]) if marker else ("", "")
        text = "\n".join(body) + "\n"
        if kind == "write":
            found.append(Block(shown, start + 1, lang, text, write=arg, section=section))
        elif lang == "sh":
            found.append(Block(shown, start + 1, lang, text, skip=arg if kind == "skip" else "", section=section))
    return found


def port_open(url: str) -> bool:
    host, port = re.match(r"http://([^:/]+):(\d+)", url).groups()  # type: ignore[union-attr]
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, int(port))) == 0


@dataclass
class Server:
    block: Block
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=20)


class RecipeError(AssertionError):
    pass


@dataclass
class Shell:
    """One reader's terminal: the folder and the environment (an activated venv) carry over between blocks."""

    cwd: Path
    env: dict[str, str]
    work: Path  # scripts, state and logs
    timings: list[tuple[Block, float]] = field(default_factory=list)
    servers: list[Server] = field(default_factory=list)
    count: int = 0

    def _script(self, block: Block, capture: bool) -> Path:
        self.count += 1
        state = self.work / f"state-{self.count}"
        lines = ["set -eo pipefail", f"cd {shlex.quote(str(self.cwd))}", block.text]
        if capture:
            lines += [f"pwd > {shlex.quote(str(state))}.cwd", f"env -0 > {shlex.quote(str(state))}.env"]
        script = self.work / f"block-{self.count}.sh"
        script.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return script

    def run(self, block: Block, timeout: float = 600) -> None:
        started = time.monotonic()
        if block.write:
            written = block.write
            if written.startswith("~/"):
                written = self.env["HOME"] + written[1:]
            target = Path(written) if Path(written).is_absolute() else self.cwd / written
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.text, encoding="utf-8")
        elif block.server_url:
            self.serve(block, timeout)
        else:
            script = self._script(block, capture=True)
            result = subprocess.run(
                ["bash", str(script)], env=self.env, capture_output=True, text=True, timeout=timeout, check=False,
            )
            if result.returncode != 0:
                raise RecipeError(f"{block.where} failed ({result.returncode}):\n{block.text}\n"
                                  f"--- output ---\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
            state = self.work / f"state-{self.count}"
            self.cwd = Path(Path(f"{state}.cwd").read_text(encoding="utf-8").strip())
            pairs = Path(f"{state}.env").read_text(encoding="utf-8").split("\0")
            self.env = dict(p.split("=", 1) for p in pairs if "=" in p and not p.startswith(("_=", "SHLVL=")))
        self.timings.append((block, time.monotonic() - started))

    def serve(self, block: Block, timeout: float) -> None:
        url = block.server_url
        for server in [s for s in self.servers if s.url.split("/")[2] == url.split("/")[2]]:
            server.stop()  # the reader stops the last server on this port before starting the next
            self.servers.remove(server)
            deadline = time.monotonic() + 15
            while port_open(url) and time.monotonic() < deadline:
                time.sleep(0.2)  # its children may still be closing their sockets
        if port_open(url):
            raise RecipeError(f"{block.where}: something else already listens at {url}; stop it and run again")
        log = self.work / f"server-{self.count + 1}.log"
        script = self._script(block, capture=False)
        with log.open("wb") as out:
            process = subprocess.Popen(
                ["bash", str(script)], env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )
        server = Server(block, url, process, log)
        self.servers.append(server)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RecipeError(f"{block.where}: the server stopped:\n{log.read_text(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=5) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        raise RecipeError(f"{block.where}: no answer from {url} in {timeout:.0f} s")

    def stop_servers(self) -> None:
        for server in self.servers:
            server.stop()
        self.servers.clear()
