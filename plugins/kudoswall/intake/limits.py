"""Throttles of the intake, with the clock injected so tests never sleep.

Two questions are kept apart on purpose. *Is someone guessing codes?* is
asked per address and counts only wrong codes, so a request without any
code (a page opened before the code was typed) never locks out the next
valid one. *Is one person flooding the wall?* is asked per identity (the
signed-in login, else the entry's `from`) and counts only accepted
entries, so a whole office behind one address (Customer Service Week:
hundreds of people, a few notes each, in minutes) is never one bucket.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

Clock = Callable[[], float]
MAX_KEYS = 100_000  # addresses or identities remembered at once; the oldest are forgotten first


class FailureThrottle:
    """At most `limit` different wrong codes per address in any `per` seconds.

    Each wrong code counts once: the give page retrying a stale code is
    not an attack, while a guesser tries a new code every time.
    """

    def __init__(self, limit: int, per: float, clock: Clock = time.monotonic) -> None:
        self.limit, self.per, self.clock = limit, per, clock
        self.failures: OrderedDict[str, dict[bytes, float]] = OrderedDict()
        self.lock = threading.Lock()

    def _recent(self, address: str, now: float) -> dict[bytes, float]:
        seen = self.failures.get(address, {})
        return {code: at for code, at in seen.items() if now - at < self.per}

    def wait(self, address: str) -> float:
        """0 when the address may try a code, else the seconds until it may."""
        now = self.clock()
        with self.lock:
            recent = self._recent(address, now)
            if len(recent) < self.limit:
                return 0.0
            return min(recent.values()) + self.per - now

    def failed(self, address: str, code: bytes) -> None:
        now = self.clock()
        with self.lock:
            recent = self._recent(address, now)
            recent[code] = now
            self.failures[address] = recent
            self.failures.move_to_end(address)
            while len(self.failures) > MAX_KEYS:
                self.failures.popitem(last=False)


class EntryLimiter:
    """A token bucket per identity: `rate` accepted entries, refilled evenly over `per` seconds."""

    def __init__(self, rate: int, per: float, clock: Clock = time.monotonic) -> None:
        self.rate, self.per, self.clock = rate, per, clock
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self.lock = threading.Lock()

    def take(self, identity: str) -> float:
        """Spend one entry: 0 when accepted, else the seconds to wait (nothing spent)."""
        now = self.clock()
        with self.lock:
            tokens, last = self.buckets.get(identity, (float(self.rate), now))
            tokens = min(float(self.rate), tokens + (now - last) * self.rate / self.per)
            if tokens < 1:
                self.buckets[identity] = (tokens, now)
                return (1 - tokens) * self.per / self.rate
            self.buckets[identity] = (tokens - 1, now)
            self.buckets.move_to_end(identity)
            while len(self.buckets) > MAX_KEYS:
                self.buckets.popitem(last=False)
            return 0.0


def retry_after(seconds: float) -> str:
    """The `Retry-After` value: whole seconds, never 0 (a client would retry at once)."""
    return str(max(1, math.ceil(seconds)))
