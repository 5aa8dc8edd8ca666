"""Slowing down password guessing on the Data page, for every session the server process serves.

One ``Throttle`` object (``GUARD`` below) is shared by all sessions of the process, so opening a
new browser tab or session does not start the count afresh. It keeps two things:

* **per client address**: the first ``free`` − 1 failures (4) cost nothing; from the ``free``-th (the
  fifth) on, each failure makes the address wait ``base ** (failures - free + 1)`` seconds (2, 4, 8, … capped at
  ``longest_wait``, 5 minutes) before its next attempt is even checked; from ``lock_after``
  failures (20) each failure locks the address for ``lock_for`` (15 minutes). A success clears
  the address's count. An address with no failure for ``forget_after`` (1 hour) is forgotten, and
  no more than ``max_addresses`` are tracked (the one that failed longest ago is dropped first).
* **overall**: more than ``budget`` failures (50) from all addresses together within
  ``budget_window`` (10 minutes) pause password sign-in for everyone for ``budget_pause``
  (5 minutes), so spreading guesses over many addresses does not help.

The clock is an attribute (``clock``), seconds from any fixed origin, so tests can move time by
hand; ``reset()`` forgets everything.

**Which address.** ``client_address`` takes the socket address Streamlit reports
(``st.context.ip_address``, the TCP peer; loopback 127.0.0.1 and ::1 come as None). Behind a reverse
proxy that address is the proxy's, the same for everyone. The environment variable
TRACKER_TRUSTED_PROXY names the proxy's own address (or several, comma-separated): only a request
whose socket address is one of them has its forwarded headers read, the last entry of
``X-Forwarded-For`` (the one that proxy appended) or else ``X-Real-IP``. Any other request, a local
process's included, is counted under its socket address, whatever headers it sends. `make serve`'s
nginx connects to the apps from its own loopback address (``proxy_bind 127.0.0.2``,
tracker/supervise/nginx.py) and the supervisor sets the variable to that address. A number there
(the hop count of earlier releases) trusts nothing. Anything that is not an IP address, and an
unknown address, falls back to one shared key (``UNKNOWN``).
"""
from __future__ import annotations

import ipaddress
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Callable, Mapping

TRUSTED_PROXY_ENV = "TRACKER_TRUSTED_PROXY"
UNKNOWN = "unknown"
ADDRESS = "address"
EVERYONE = "everyone"


@dataclass(frozen=True)
class Wait:
    """How long before the next attempt may be checked (0 = now), and whose wait it is."""

    seconds: float = 0.0
    scope: str = ADDRESS

    def __bool__(self) -> bool:
        return self.seconds > 0


@dataclass(frozen=True)
class Failure:
    """What one failure cost: the address's count so far and the wait it now faces."""

    count: int
    wait: Wait


@dataclass
class _Entry:
    failures: int = 0
    last: float = 0.0
    until: float = 0.0


class Throttle:
    """Failure counts per client address and overall, safe to share between threads."""

    def __init__(self, *, free: int = 5, base: float = 2.0, longest_wait: float = 300.0,
                 lock_after: int = 20, lock_for: float = 900.0, forget_after: float = 3600.0,
                 max_addresses: int = 10_000, budget: int = 50, budget_window: float = 600.0,
                 budget_pause: float = 300.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.free, self.base, self.longest_wait = free, base, longest_wait
        self.lock_after, self.lock_for = lock_after, lock_for
        self.forget_after = max(forget_after, lock_for, longest_wait)  # never forget a running wait
        self.max_addresses = max_addresses
        self.budget, self.budget_window, self.budget_pause = budget, budget_window, budget_pause
        self.clock = clock
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Forget every count and every wait."""
        with self._lock:
            self._entries: OrderedDict[str, _Entry] = OrderedDict()  # oldest failure first
            self._recent: deque[float] = deque(maxlen=self.budget + 1)
            self._paused_until = 0.0

    def wait(self, address: str) -> Wait:
        """How long ``address`` must wait before an attempt is checked; the longer of its own
        wait and the overall pause."""
        with self._lock:
            now = self.clock()
            self._expire(now)
            return self._wait(address, now)

    def failure(self, address: str) -> Failure:
        """Count a wrong password from ``address``; returns its count and the wait it now faces."""
        with self._lock:
            now = self.clock()
            self._expire(now)
            entry = self._entries.pop(address, None) or _Entry()
            entry.failures += 1
            entry.last = now
            entry.until = now + self._delay(entry.failures)
            self._entries[address] = entry  # moved to the end: the most recent failure
            self._bound()
            self._spend(now)
            return Failure(entry.failures, self._wait(address, now))

    def success(self, address: str) -> None:
        """A right password from ``address``: its count starts again from nothing."""
        with self._lock:
            self._entries.pop(address, None)

    def tracked(self) -> int:
        """How many addresses are remembered now (after forgetting the expired ones)."""
        with self._lock:
            self._expire(self.clock())
            return len(self._entries)

    def _delay(self, failures: int) -> float:
        """The wait that follows the ``failures``-th failure in a row."""
        if failures >= self.lock_after:
            return self.lock_for
        if failures >= self.free:
            return min(self.base ** (failures - self.free + 1), self.longest_wait)
        return 0.0

    def _wait(self, address: str, now: float) -> Wait:
        entry = self._entries.get(address)
        own = max((entry.until - now) if entry else 0.0, 0.0)
        everyone = max(self._paused_until - now, 0.0)
        if everyone > own:
            return Wait(everyone, EVERYONE)
        return Wait(own, ADDRESS)

    def _spend(self, now: float) -> None:
        """Add one failure to the overall budget; pause everyone when it is overspent."""
        self._recent.append(now)
        while self._recent and now - self._recent[0] >= self.budget_window:
            self._recent.popleft()
        if len(self._recent) > self.budget:
            self._paused_until = max(self._paused_until, now + self.budget_pause)

    def _expire(self, now: float) -> None:
        """Drop addresses whose last failure is older than ``forget_after``."""
        while self._entries:
            address, entry = next(iter(self._entries.items()))
            if now - entry.last < self.forget_after:
                break
            del self._entries[address]

    def _bound(self) -> None:
        """Keep at most ``max_addresses``, dropping those that failed longest ago."""
        while len(self._entries) > self.max_addresses:
            self._entries.popitem(last=False)


GUARD = Throttle()


def _ip(text: str | None) -> str | None:
    """``text`` as a normalised IP address, or None when it is not one."""
    try:
        return str(ipaddress.ip_address(str(text).strip()[:64])) if text else None
    except ValueError:
        return None


def trusted_proxies(env: Mapping[str, str]) -> frozenset[str]:
    """The addresses of the reverse proxies the deployment trusts (TRACKER_TRUSTED_PROXY)."""
    parts = str(env.get(TRUSTED_PROXY_ENV) or "").split(",")
    return frozenset(ip for ip in (_ip(part) for part in parts if not part.strip().isdigit()) if ip)


def _header(headers: Mapping[str, str], name: str) -> str:
    """One request header, whatever the case of its name."""
    return str(headers.get(name) or headers.get(name.lower()) or "")


def client_address(socket_ip: str | None, headers: Mapping[str, str] | None, env: Mapping[str, str]) -> str:
    """The key to count failures under: the forwarded address only when the request came from a
    trusted proxy's own address, otherwise the socket address; ``UNKNOWN`` when neither is a valid
    IP address."""
    socket = _ip(socket_ip)
    if socket is not None and socket in trusted_proxies(env) and headers:
        forwarded = [part.strip() for part in _header(headers, "X-Forwarded-For").split(",") if part.strip()]
        found = _ip(forwarded[-1] if forwarded else _header(headers, "X-Real-IP"))
        if found:
            return found
    return socket or UNKNOWN


def describe(seconds: float) -> tuple[int, int]:
    """A wait as whole minutes and seconds, rounded up so the page never promises too early."""
    whole = int(-(-seconds // 1))
    return divmod(whole, 60)
