"""Uvicorn, with a deadline for request headers.

Uvicorn closes idle keep-alive connections and caps concurrent ones, but
waits forever for headers that arrive a byte at a time (slowloris). Each
connection here gets `header_timeout` seconds to finish its request line
and headers, counted again after every answer; the app itself bounds the
body (see `app.Intake.read_body`). Asyncio serves every connection at
once, so a slow one costs a socket, never another client's turn.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

TIMED_OUT = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"content-length: 35\r\nconnection: close\r\n\r\nthe request headers took too long\r\n"
)


class HeaderDeadlineProtocol(H11Protocol):
    """H11Protocol that closes a connection whose request headers are late."""

    header_timeout = 10.0
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request on this connection gets its own deadline

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.header_timeout, self._headers_late)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _headers_late(self) -> None:
        self._deadline = None
        # IDLE: the client has not finished a request's headers. Later states
        # belong to the app (the body deadline) or to the answer being sent.
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.conn.our_state is h11.IDLE:
            self.transport.write(TIMED_OUT)
        self.transport.close()


def protocol_with(header_timeout: float) -> type[HeaderDeadlineProtocol]:
    return type("HeaderDeadline", (HeaderDeadlineProtocol,), {"header_timeout": header_timeout})


def listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound before anything is promised: a taken port fails here, at once."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart need not wait for TIME_WAIT
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock


def run(
    app: Any,
    *,
    sock: socket.socket,
    log_level: str,
    header_timeout: float,
    max_connections: int,
    keep_alive: float = 5.0,
) -> None:
    config = uvicorn.Config(
        app,
        log_level=log_level,
        proxy_headers=False,
        server_header=False,
        http=protocol_with(header_timeout),
        timeout_keep_alive=int(keep_alive),
        # Beyond this many open connections new requests get 503 at once,
        # instead of the process running out of sockets.
        limit_concurrency=max_connections,
        h11_max_incomplete_event_size=16 * 1024,
        timeout_graceful_shutdown=10,
    )
    uvicorn.Server(config).run(sockets=[sock])
