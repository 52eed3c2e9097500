"""Serving the explorer: warm the caches, then answer on a WSGI server (waitress).

``ketenkaart serve`` and ``ketenkaart demo`` call :func:`serve`; it computes what the
first visitor needs (the snapshot, the default analysis, the map positions) before it
starts listening, so the app answers at ``/`` once it is ready.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

import waitress
from dash import Dash

from app.web.services import EXTENSION, Services

__all__ = ["THREADS", "is_loopback", "serve", "warm"]

_EVERYWHERE = ("0.0.0.0", "::")  # noqa: S104 (to show a reachable URL, not to bind)
THREADS = 16
"""Worker threads: enough for a team on one machine; analyses are memoised, so most requests are quick."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def warm(app: Dash) -> None:
    """Compute what the first visitor needs (snapshot, analysis, missing links, wijken, positions)."""
    services: Services = app.server.extensions[EXTENSION]
    services.warm()


def serve(app: Dash, host: str, port: int, *, ready: Callable[[str], None] = print) -> None:
    """Warm ``app``, call ``ready`` with its URL and serve it until interrupted."""
    warm(app)
    shown = "127.0.0.1" if host in _EVERYWHERE else host
    ready(f"http://{shown}:{port}/")
    waitress.serve(app.server, host=host, port=port, threads=THREADS, ident="ketenkaart", _quiet=True)
