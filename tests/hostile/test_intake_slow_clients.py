"""Slow clients (slowloris, bodies that never end) are cut off; nobody else waits for them."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from intake.conftest import TOKEN, Inbox, start_inbox  # noqa: F401 - the fixture is used by name
from sites import Site

HEADERS = (
    "POST /api/kudos HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    f"Authorization: Bearer {TOKEN}\r\n"
).encode()


@pytest.fixture
def inbox(site: Site, start_inbox: Callable[..., Inbox]) -> Inbox:  # noqa: F811
    return start_inbox(site, "--header-timeout", "1", "--body-timeout", "1", "--max-connections", "40")


@pytest.fixture
def sockets() -> Iterator[list[socket.socket]]:
    opened: list[socket.socket] = []
    yield opened
    for sock in opened:
        sock.close()


def connect(inbox: Inbox, opened: list[socket.socket]) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", inbox.port), timeout=10)
    opened.append(sock)
    return sock


def answer_of(sock: socket.socket) -> bytes:
    """What the server sends before it closes the connection."""
    received = b""
    while chunk := sock.recv(4096):
        received += chunk
    return received


def drip(sock: socket.socket, data: bytes, every: float, stop: threading.Event) -> None:
    for byte in data:
        if stop.wait(every):
            return
        try:
            sock.sendall(bytes([byte]))
        except OSError:
            return


def test_headers_sent_byte_by_byte_are_cut_off_while_the_health_check_answers(
    inbox: Inbox, sockets: list[socket.socket]
) -> None:
    stop = threading.Event()
    slow = [connect(inbox, sockets) for _ in range(20)]
    drips = [threading.Thread(target=drip, args=(s, HEADERS * 10, 0.05, stop), daemon=True) for s in slow]
    for thread in drips:
        thread.start()
    try:
        started = time.monotonic()
        assert inbox.request("GET", "/healthz", token=None).status == 200
        assert time.monotonic() - started < 0.5
        answers = [answer_of(s) for s in slow]
        assert time.monotonic() - started < 5
    finally:
        stop.set()
    assert all(a.startswith(b"HTTP/1.1 408 ") for a in answers), answers[:2]


def test_a_body_that_never_ends_is_answered_408(inbox: Inbox, sockets: list[socket.socket]) -> None:
    sock = connect(inbox, sockets)
    sock.sendall(HEADERS + b"Content-Length: 1000\r\n\r\n" + b'{"date": ')
    started = time.monotonic()
    answer = answer_of(sock)
    assert answer.startswith(b"HTTP/1.1 408 "), answer
    assert b"the body took too long to arrive" in answer
    assert time.monotonic() - started < 5
    assert inbox.inbox_files() == []


def test_a_chunked_body_that_never_ends_is_answered_408(inbox: Inbox, sockets: list[socket.socket]) -> None:
    sock = connect(inbox, sockets)
    sock.sendall(HEADERS + b"Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n")
    assert answer_of(sock).startswith(b"HTTP/1.1 408 ")


def test_a_connection_that_sends_nothing_is_closed(inbox: Inbox, sockets: list[socket.socket]) -> None:
    sock = connect(inbox, sockets)
    started = time.monotonic()
    answer_of(sock)
    assert time.monotonic() - started < 5


def test_beyond_the_connection_cap_requests_get_503_at_once_not_a_hang(
    inbox: Inbox, sockets: list[socket.socket]
) -> None:
    for _ in range(40):
        connect(inbox, sockets).sendall(b"GET /healthz HTTP/1.1\r\n")
    time.sleep(0.2)  # the server has accepted them all
    started = time.monotonic()
    assert inbox.request("GET", "/healthz", token=None).status == 503
    assert time.monotonic() - started < 0.5
    for sock in sockets:  # the slow ones are cut off by the header deadline ...
        answer_of(sock)
    assert inbox.request("GET", "/healthz", token=None).status == 200  # ... and everyone is served again
