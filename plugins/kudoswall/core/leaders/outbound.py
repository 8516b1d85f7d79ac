"""Calls to the outside world (a chat webhook, an SMTP server), held to a deadline for the whole exchange.

A socket timeout bounds one read: a server that drips a byte just before
each timeout keeps a call going for ever. Here a watchdog shuts the socket
down when the deadline passes, whatever the call is waiting on, and the
caller learns that it was the deadline. (No maintained client library
offers a total deadline over connect, send and read: httpx, requests and
smtplib all time out per operation.)

A webhook's address is a secret (whoever has it can post to the channel),
so nothing here quotes more of it than its scheme and host, and text that
comes back from the server is cleaned of it before it is shown.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from typing import Any


class Deadline:
    """The end of an exchange: `watching` shuts its socket down then, once or as often as it takes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False

    @contextlib.contextmanager
    def watching(self, sock: Callable[[], socket.socket | None]) -> Iterator[None]:
        done = threading.Event()

        def watch() -> None:
            if done.wait(self.seconds):
                return
            self.expired = True
            while not done.is_set():  # the socket may not exist yet: try until the call gives up
                shut(sock())
                done.wait(0.05)

        watchdog = threading.Thread(target=watch, name="kudos-deadline", daemon=True)
        watchdog.start()
        try:
            yield
        finally:
            done.set()
            watchdog.join()


def shut(sock: socket.socket | None) -> None:
    """Make any read or write waiting on `sock` return at once."""
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


class PostError(ValueError):
    """A webhook post that did not succeed; the message names the host only."""


def shown_url(url: str) -> str:
    """A webhook's address as messages may show it: scheme and host, never the path or a password."""
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{parts.scheme}://{parts.hostname or '?'}" + (f":{port}" if port else "")


def redact(text: str, url: str) -> str:
    """`text` with every secret-looking piece of `url` (path parts, query values, password) taken out."""
    parts = urllib.parse.urlsplit(url)
    pieces = [parts.path, parts.query, parts.password or "", parts.username or ""]
    pieces += parts.path.split("/") + [v for pair in parts.query.split("&") for v in pair.split("=")]
    pieces += [urllib.parse.unquote(p) for p in pieces]
    for piece in sorted({p for p in pieces if len(p) >= 4}, key=len, reverse=True):
        text = text.replace(piece, "[redacted]")
    return text


def _target(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, request target) of an http(s) address, or a PostError that quotes none of it."""
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        raise PostError("--post: the webhook address has a port that is not a number from 1 to 65535") from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise PostError("--post takes an http(s) webhook address")
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    if any(not 0x21 <= ord(c) <= 0x7E for c in target + parts.hostname):
        raise PostError("--post: the webhook address holds a space, a control character or a character "
                        "outside ASCII; percent-encode it as the service gave it")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), target


def post(url: str, body: bytes, headers: dict[str, str], seconds: float) -> int:
    """POST `body` once: no redirect followed, the whole exchange within `seconds`; the 2xx status or a PostError."""
    scheme, host, port, target = _target(url)
    where = shown_url(url)
    connection: Any
    if scheme == "https":
        connection = http.client.HTTPSConnection(host, port, timeout=seconds, context=ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(host, port, timeout=seconds)
    deadline = Deadline(seconds)
    try:
        with deadline.watching(lambda: connection.sock):
            connection.request("POST", target, body=body, headers=headers)
            response = connection.getresponse()
            status, reason = int(response.status), str(response.reason)
            detail = response.read(300 if not 200 <= status < 300 else 65536)
    except (http.client.HTTPException, OSError, ValueError) as error:
        if deadline.expired:
            raise PostError(f"{where} did not answer within {seconds:g} seconds; nothing more was sent") from None
        raise PostError(f"could not post to {where}: {redact(str(error) or type(error).__name__, url)}") from None
    finally:
        connection.close()
    if 300 <= status < 400:
        raise PostError(
            f"{where} answered {status} {redact(reason, url)}, a redirect, which is not followed "
            "(it would be sent on without the digest): give --post the address the service gave you"
        )
    if not 200 <= status < 300:
        text = redact(" ".join(detail.decode("utf-8", "replace").split()), url)
        raise PostError(f"{where} answered {status} {redact(reason, url)}" + (f": {text}" if text else ""))
    return status
