"""Server-side login sessions and the login throttle.

The login cookie is signed by Flask, but a signature alone cannot be withdrawn: a cookie
copied before logout would keep working until the key changes. So the cookie carries only
a random session id, and :class:`Sessions` keeps the ids that are live, in memory. Logout,
:data:`IDLE` seconds without a request or :data:`LIFETIME` seconds after login end a session
on the server; a restart ends them all (the explorer is one process whose waitress threads
share this object).

:class:`Throttle` limits password guessing. Every failed login counts against the name tried
and against the client address; after :data:`NAME_FAILURES` failures for one name (or
:data:`ADDRESS_FAILURES` from one address) within :data:`WINDOW`, logins for that name (or from
that address) are refused for :data:`LOCKOUT`, even with the right password. Known and unknown
names are treated alike, so the lockout tells nothing about which names exist.

>>> throttle = Throttle(clock=lambda: 0.0)
>>> throttle.allowed("ana", "10.0.0.1")
True
>>> for _ in range(NAME_FAILURES):
...     throttle.failed("ana", "10.0.0.1")
>>> throttle.allowed("ana", "10.0.0.1"), throttle.allowed("bob", "10.0.0.2")
(False, True)
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

__all__ = [
    "ADDRESS_FAILURES",
    "IDLE",
    "LIFETIME",
    "LOCKOUT",
    "NAME_FAILURES",
    "WINDOW",
    "Sessions",
    "Throttle",
]

IDLE: Final = 8 * 3600.0
"""Seconds without a request after which a session ends."""
LIFETIME: Final = 24 * 3600.0
"""Seconds after login at which a session ends, however busy."""
WINDOW: Final = 15 * 60.0
"""Seconds over which failed logins are counted."""
LOCKOUT: Final = 15 * 60.0
"""Seconds a name or an address is refused once it passed its limit."""
NAME_FAILURES: Final = 5
"""Failed logins for one name within :data:`WINDOW` before that name is locked."""
ADDRESS_FAILURES: Final = 20
"""Failed logins from one client address within :data:`WINDOW` before that address is locked."""
_MAX_TRACKED: Final = 100_000  # names and addresses remembered; the oldest are forgotten beyond

Clock = Callable[[], float]


@dataclass(slots=True)
class _Live:
    user: str
    started: float
    seen: float


@dataclass
class Sessions:
    """The live sessions of one app: random id to user name, with idle and absolute expiry."""

    clock: Clock = time.monotonic
    idle: float = IDLE
    lifetime: float = LIFETIME
    _live: dict[str, _Live] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, user: str) -> str:
        """A new session id for ``user``."""
        sid = secrets.token_urlsafe(32)
        now = self.clock()
        with self._lock:
            self._expire(now)
            self._live[sid] = _Live(user, now, now)
        return sid

    def user(self, sid: object) -> str | None:
        """The user of a live session id (and mark it used), else ``None``."""
        if not isinstance(sid, str):
            return None
        now = self.clock()
        with self._lock:
            live = self._live.get(sid)
            if live is None:
                return None
            if now - live.seen > self.idle or now - live.started > self.lifetime:
                del self._live[sid]
                return None
            live.seen = now
            return live.user

    def end(self, sid: object) -> None:
        """End one session (logout)."""
        if isinstance(sid, str):
            with self._lock:
                self._live.pop(sid, None)

    def end_user(self, user: str) -> None:
        """End every session of ``user`` (a removed user or a changed password)."""
        with self._lock:
            for sid in [s for s, live in self._live.items() if live.user == user]:
                del self._live[sid]

    def __len__(self) -> int:
        return len(self._live)

    def _expire(self, now: float) -> None:
        stale = [
            sid
            for sid, live in self._live.items()
            if now - live.seen > self.idle or now - live.started > self.lifetime
        ]
        for sid in stale:
            del self._live[sid]


@dataclass
class Throttle:
    """Failed logins per name and per client address, and the lockouts they lead to."""

    clock: Clock = time.monotonic
    window: float = WINDOW
    lockout: float = LOCKOUT
    name_failures: int = NAME_FAILURES
    address_failures: int = ADDRESS_FAILURES
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _locked: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def allowed(self, name: str, address: str) -> bool:
        """Whether a login for ``name`` from ``address`` may be tried now."""
        now = self.clock()
        with self._lock:
            return not any(self._locked.get(key, -1.0) > now for key in _keys(name, address))

    def failed(self, name: str, address: str) -> None:
        """Count a failed login; lock the name or the address once it passes its limit."""
        now = self.clock()
        with self._lock:
            for key, limit in zip(
                _keys(name, address), (self.name_failures, self.address_failures), strict=True
            ):
                times = self._failures.setdefault(key, deque())
                times.append(now)
                while times and now - times[0] > self.window:
                    times.popleft()
                if len(times) >= limit:
                    self._locked[key] = now + self.lockout
                    times.clear()
            self._forget_oldest()

    def succeeded(self, name: str) -> None:
        """Forget the failures of ``name`` after a good login (the address keeps its count)."""
        with self._lock:
            self._failures.pop(_keys(name, "")[0], None)

    def _forget_oldest(self) -> None:
        for table in (self._failures, self._locked):
            while len(table) > _MAX_TRACKED:
                del table[next(iter(table))]


def _keys(name: str, address: str) -> tuple[str, str]:
    return f"name:{name.casefold()}", f"address:{address}"
