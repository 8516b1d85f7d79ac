"""The intake service as a real process on a free port of 127.0.0.1, driven over HTTP."""

from __future__ import annotations

import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sites import Site, env

TOKEN = "test-token-" + "x" * 24


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: Any

    @property
    def text(self) -> str:
        return json.dumps(self.body)


@dataclass
class Inbox:
    site: Site
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    def request(
        self,
        method: str,
        path: str,
        body: bytes | Any = None,
        headers: dict[str, str] | None = None,
        token: str | None = TOKEN,
        chunked: bool = False,
    ) -> Answer:
        sent = dict(headers or {})
        if token is not None:
            sent.setdefault("Authorization", f"Bearer {token}")
        if body is not None and not isinstance(body, (bytes, bytearray)) and not chunked:
            body = json.dumps(body).encode("utf-8")
            sent.setdefault("Content-Type", "application/json")
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=sent, encode_chunked=chunked)
            response = connection.getresponse()
            raw = response.read()
        finally:
            connection.close()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode("utf-8", "replace")
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, parsed)

    def post(self, entry: Any, **options: Any) -> Answer:
        return self.request("POST", "/api/kudos", entry, **options)

    def inbox_files(self) -> list[Path]:
        folder = self.site.root / "kudos/_inbox"
        # Hidden names are temporary files still being written: never entries.
        return sorted(p for p in folder.glob("*.yml") if not p.name.startswith(".")) if folder.is_dir() else []

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


@pytest.fixture
def start_inbox(tmp_path: Path) -> Iterator[Callable[..., Inbox]]:
    """Start `kudos inbox serve` for a site; stopped at the end of the test."""
    started: list[Inbox] = []

    def start(site: Site, *args: str, token: str = TOKEN) -> Inbox:
        site.write_config()
        token_file = tmp_path / f"tokens-{secrets.token_hex(3)}"
        token_file.write_text(f"# the team's token\n{token}\n", encoding="utf-8")
        os.chmod(token_file, 0o600)
        for _attempt in range(3):
            port = free_port()
            log = tmp_path / f"inbox-{port}.log"
            # Output goes to a file: a pipe nobody reads would fill and stall the server.
            with open(log, "wb") as out:
                process = subprocess.Popen(
                    [sys.executable, "-m", "kudoswall.cli", "inbox", "serve", "--port", str(port),
                     "--token-file", str(token_file), "--log-level", "warning", *args],
                    cwd=site.root, env=env(), stdout=out, stderr=subprocess.STDOUT,
                )
            inbox = Inbox(site, process, port, log)
            started.append(inbox)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and process.poll() is None:
                try:
                    if inbox.request("GET", "/healthz", token=None).status == 200:
                        return inbox
                except OSError:
                    time.sleep(0.1)
            inbox.stop()
        raise AssertionError("the inbox did not start:\n" + log.read_text(encoding="utf-8", errors="replace"))

    yield start
    for inbox in started:
        inbox.stop()
