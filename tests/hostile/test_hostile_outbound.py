"""Calls to the outside world: a webhook's secret stays out of every log, nothing waits for ever, one bad address costs one mail.

Real servers on 127.0.0.1 play the hostile part: one that redirects, one
that echoes the address back in its error, one that drips its answer a
byte at a time, an SMTP server that drips its greeting, and one without
SMTPUTF8 asked to deliver to an address that needs it.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from data_folders import messages, run, write
from sites import PEOPLE, Site, make_site

SECRET = "T0AAA/B0BBB/s3cretPathX9"


class Hook:
    """An incoming webhook that answers every POST with `answer(handler)`; records what it was sent."""

    def __init__(self, answer: Callable[[BaseHTTPRequestHandler], None]) -> None:
        self.requests: list[tuple[str, str]] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                hook.requests.append(("POST", self.path))
                answer(self)

            def do_GET(self) -> None:
                hook.requests.append(("GET", self.path))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.url = f"{self.base}/services/{SECRET}?token=q5ecretQuery"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hook() -> Iterator[Callable[..., Hook]]:
    made: list[Hook] = []

    def make(answer: Callable[[BaseHTTPRequestHandler], None]) -> Hook:
        made.append(Hook(answer))
        return made[-1]

    yield make
    for one in made:
        one.close()


def _no_secret(*texts: str) -> None:
    for text in texts:
        for piece in ("s3cretPathX9", "T0AAA", "B0BBB", "q5ecretQuery", "/services/"):
            assert piece not in text
        assert "Traceback" not in text


def test_a_redirect_is_not_followed_nor_reported_as_posted(site: Site, hook: Callable[..., Hook]) -> None:
    def redirect(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", "/elsewhere")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    server = hook(redirect)
    result = site.kudos("digest", "--post", server.url)
    assert result.returncode == 1
    assert "answered 302" in result.stderr and "not followed" in result.stderr and "posted" not in result.stderr
    assert server.requests == [("POST", f"/services/{SECRET}?token=q5ecretQuery")]  # no GET sent on
    _no_secret(result.stdout, result.stderr)


def test_an_error_that_echoes_the_address_is_shown_without_it(site: Site, hook: Callable[..., Hook]) -> None:
    def refuse(handler: BaseHTTPRequestHandler) -> None:
        body = f"no such hook: /services/{SECRET} (token q5ecretQuery)".encode()
        handler.send_response(404, f"Not Found {SECRET}")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    server = hook(refuse)
    result = site.kudos("digest", "--post", server.url)
    assert result.returncode == 1 and "answered 404" in result.stderr and "no such hook" in result.stderr
    _no_secret(result.stdout, result.stderr)


@pytest.mark.parametrize("tail", ["\r\nX-Injected: 1", " with a space", "/caf\u00e9", ":99999"])
def test_an_address_that_cannot_be_sent_to_is_refused_without_quoting_it(site: Site, tail: str) -> None:
    url = f"http://127.0.0.1:9/services/{SECRET}{tail}" if not tail.startswith(":") else f"http://127.0.0.1{tail}/services/{SECRET}"
    result = site.kudos("digest", "--post", url)
    assert result.returncode == 1 and "Error:" in result.stderr
    _no_secret(result.stdout, result.stderr)


def test_a_server_dripping_its_answer_meets_the_deadline(site: Site, hook: Callable[..., Hook]) -> None:
    def drip(handler: BaseHTTPRequestHandler) -> None:
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"z" * 200:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.5)

    server = hook(drip)
    started = time.monotonic()
    result = site.kudos("digest", "--post", server.url, "--timeout", "2")
    took = time.monotonic() - started
    assert result.returncode == 1
    assert "did not answer within 2 seconds" in result.stderr
    assert took < 10  # each byte came within any per-read timeout; the deadline ended it
    _no_secret(result.stdout, result.stderr)


def test_a_good_webhook_is_posted_once(site: Site, hook: Callable[..., Hook]) -> None:
    def ok(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "2")
        handler.end_headers()
        handler.wfile.write(b"ok")

    server = hook(ok)
    result = site.kudos("digest", "--post", server.url)
    assert result.returncode == 0, result.stderr
    assert f"to {server.base} (200)" in result.stderr
    assert len(server.requests) == 1
    _no_secret(result.stdout, result.stderr)


# --- SMTP ----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _notify(site: Site, port: int, *args: str) -> Any:
    import subprocess
    import sys

    from sites import env

    site.write_config()
    return subprocess.run(
        [sys.executable, "-m", "kudoswall.cli", "notify", "--since", "60d", *args],
        cwd=site.root, capture_output=True, text=True, timeout=120, check=False,
        env={**env(), "KUDOS_SMTP_HOST": "127.0.0.1", "KUDOS_SMTP_PORT": str(port), "KUDOS_SMTP_FROM": "kudos@acme.test"},
    )


def _emailing(root: Path) -> Site:
    site = make_site(root)
    people = {pid: dict(p) for pid, p in PEOPLE.items()}
    people["ana-lima"]["email"] = "j\u00f6rg@acme.test"  # needs SMTPUTF8
    people["ben-okafor"]["email"] = "ben@acme.test"
    people["dev-iyer"]["email"] = "dev@acme.test"
    site.people(people)
    return site


def test_an_smtp_server_dripping_its_greeting_meets_the_deadline(tmp_path: Path) -> None:
    site = _emailing(tmp_path / "site-src")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def drip() -> None:
        conn, _ = listener.accept()
        with conn:
            for byte in b"220 " + b"s" * 200:
                if stop.is_set():
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                stop.wait(0.5)  # well within any per-read timeout: only a deadline ends it

    threading.Thread(target=drip, daemon=True).start()
    started = time.monotonic()
    try:
        result = _notify(site, listener.getsockname()[1], "--timeout", "2")
    finally:
        stop.set()
        listener.close()
    assert time.monotonic() - started < 20
    assert result.returncode == 1
    assert "did not greet and log in within 2 seconds" in result.stderr and "Traceback" not in result.stderr


class Mailbox:
    def __init__(self) -> None:
        self.to: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.to += envelope.rcpt_tos
        return "250 OK"


def test_an_address_needing_smtputf8_fails_for_that_person_only(tmp_path: Path) -> None:
    site = _emailing(tmp_path / "site-src")
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=_free_port())  # no SMTPUTF8, as most servers
    controller.start()
    try:
        result = _notify(site, controller.port)
    finally:
        controller.stop()
    assert result.returncode == 1
    # Ben (Ana's note) and Dev (Zed's note) are told; Ana's (the secret santa) is the one that fails.
    assert sorted(box.to) == ["ben@acme.test", "dev@acme.test"]
    assert "not sent to ana-lima about k" in result.stderr and "Traceback" not in result.stderr
    assert "sent 2 email(s) to 2 person(s)" in result.stderr


def test_kudos_check_names_the_address_without_hiding_the_person(root: Path) -> None:
    write(root, "kudos/people.yml", "ana-lima:\n  name: Ana Lima\n  email: j\u00f6rg@acme.test\nben-okafor:\n  name: Ben Okafor\n"
          "  email: ben@bücher.example\ncleo-park:\n  name: Cleo Park\n  email: nobody\n")
    data = run(root)
    assert messages(data) == [
        ("kudos/people.yml:3: 'email' of 'ana-lima' has 'ö' before the @, which mail servers without SMTPUTF8"
        " cannot deliver to - give the plain ASCII address their mail system also accepts"),
        ("kudos/people.yml:6: 'email' of 'ben-okafor' has a domain outside ASCII - write the domain as mail"
        " systems do, e.g. xn--bcher-kva.example"),
        "kudos/people.yml:9: 'email' of 'cleo-park' is not an email address - write it as name@example.com",
    ]
    assert set(data.visible_people) == {"ana-lima", "ben-okafor", "cleo-park"}


def _smtp_dripping_at(listener: socket.socket, command: bytes, stop: threading.Event) -> None:
    """A plain SMTP server that answers well until `command`, then drips its answer a byte every half second."""
    conn, _ = listener.accept()
    with conn, conn.makefile("rb") as lines:
        def say(text: bytes) -> None:
            conn.sendall(text)

        say(b"220 ready\r\n")
        for line in lines:
            verb = line[:4].upper()
            if verb == command:
                for byte in b"250 " + b"s" * 200:
                    if stop.wait(0.5):
                        return
                    with contextlib.suppress(OSError):
                        conn.sendall(bytes([byte]))
                return
            if verb in (b"EHLO", b"HELO"):
                say(b"250 hello\r\n")
            elif verb == b"DATA":
                say(b"354 go on\r\n")
                for body in lines:
                    if body == b".\r\n":
                        break
                say(b"250 queued\r\n")
            else:
                say(b"250 OK\r\n")


@pytest.mark.parametrize("command", [b"QUIT", b"RCPT"])
def test_an_smtp_server_dripping_later_in_the_session_meets_the_deadline(tmp_path: Path, command: bytes) -> None:
    site = _emailing(tmp_path / "site-src")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()
    threading.Thread(target=_smtp_dripping_at, args=(listener, command, stop), daemon=True).start()
    started = time.monotonic()
    try:
        result = _notify(site, listener.getsockname()[1], "--timeout", "2")
    finally:
        stop.set()
        listener.close()
    assert time.monotonic() - started < 20
    assert "Traceback" not in result.stderr
    if command == b"QUIT":  # everything was sent: the goodbye is not waited for
        assert result.returncode == 1 and "not sent to ana-lima" in result.stderr  # the SMTPUTF8 address only
        assert "sent 2 email(s)" in result.stderr
    else:
        assert result.returncode == 1 and "took more than 2 seconds over one message" in result.stderr


def test_an_address_notify_cannot_use_is_a_warning_that_fails_neither_check_nor_build(tmp_path: Path) -> None:
    site = _emailing(tmp_path / "site-src")  # Ana's address needs SMTPUTF8
    text = site.kudos("check")
    assert text.returncode == 0, text.stdout + text.stderr
    assert text.stdout.startswith("warning: kudos/people.yml:") and "'email' of 'ana-lima'" in text.stdout
    github = site.kudos("check", "--format", "github")
    assert github.stdout.startswith("::warning file=kudos/people.yml,line=")
    built = site.build(strict=True)
    assert built.ok, built.log
    assert "Ana Lima" in built.page("people/ana-lima/")  # she stays on the wall
