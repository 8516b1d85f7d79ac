"""Uvicorn, with a deadline for request headers.

Uvicorn closes idle keep-alive connections and caps concurrent ones, but
waits forever for headers that arrive a byte at a time (slowloris), and an
ASGI app only hears of a request once its headers are complete. So the
protocol uvicorn would use for `http="h11"` runs behind `HeaderDeadline`, a
plain asyncio protocol given to uvicorn's public `http` option: it passes
every byte on untouched, and watches only where a request's headers end
(the blank line) and when an answer goes out. A request whose headers are not
complete `header_timeout` seconds after its first byte (or after the
connection opened) is answered 408 and closed; the app itself bounds the
body (see `app.Intake.read_body`). Asyncio serves every connection at once,
so a slow one costs a socket, never another client's turn.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any, ClassVar

import uvicorn
from uvicorn.config import HTTP_PROTOCOLS
from uvicorn.importer import import_from_string

TIMED_OUT = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"content-length: 35\r\nconnection: close\r\n\r\nthe request headers took too long\r\n"
)
END_OF_HEADERS = b"\r\n\r\n"


class _Answering:
    """The connection's transport as the inner protocol sees it: writes are noted, all else passes."""

    def __init__(self, transport: asyncio.Transport, noted: HeaderDeadline) -> None:
        self._transport, self._noted = transport, noted

    def write(self, data: bytes) -> None:
        self._noted.answered()
        self._transport.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class HeaderDeadline(asyncio.Protocol):
    """The h11 protocol uvicorn would use, behind a deadline for each request's headers."""

    header_timeout: ClassVar[float] = 10.0

    def __init__(self, **uvicorn_arguments: Any) -> None:
        self.inner: asyncio.Protocol = import_from_string(HTTP_PROTOCOLS["h11"])(**uvicorn_arguments)
        self.transport: asyncio.Transport | None = None
        self.deadline: asyncio.TimerHandle | None = None
        self.in_headers = True  # the client owes the headers of a request
        self.tail = b""  # the last bytes of headers so far: the blank line may span two reads

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self._arm()
        self.inner.connection_made(_Answering(transport, self))  # type: ignore[arg-type]

    def data_received(self, data: bytes) -> None:
        if self.in_headers:
            if self.deadline is None:
                self._arm()  # the first byte of the next request on this connection
            seen = self.tail + data
            if END_OF_HEADERS in seen:
                self.in_headers, self.tail = False, b""
                self._disarm()
            else:
                self.tail = seen[-(len(END_OF_HEADERS) - 1):]
        self.inner.data_received(data)

    def answered(self) -> None:
        """An answer is going out: what comes next is a new request's headers."""
        self.in_headers, self.tail = True, b""
        self._disarm()

    def eof_received(self) -> bool | None:
        return self.inner.eof_received()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        self.inner.connection_lost(exc)

    def pause_writing(self) -> None:
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        self.inner.resume_writing()

    def _arm(self) -> None:
        self._disarm()
        self.deadline = asyncio.get_running_loop().call_later(self.header_timeout, self._headers_late)

    def _disarm(self) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
            self.deadline = None

    def _headers_late(self) -> None:
        self.deadline = None
        transport = self.transport
        if transport is None or transport.is_closing() or not self.in_headers:
            return
        transport.write(TIMED_OUT)
        transport.close()


def protocol_with(header_timeout: float) -> type[HeaderDeadline]:
    return type("HeaderDeadlineProtocol", (HeaderDeadline,), {"header_timeout": header_timeout})


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
