"""Serving the explorer: warm the caches, then answer on a WSGI server (waitress).

``ketenkaart serve`` and ``ketenkaart demo`` call :func:`serve`. Where the first map draws
organisations one by one (up to 1,500) it computes everything before it starts listening (the
snapshot, the graphs, positions, label zooms, tooltips and backbone, then the analysis, missing
links and wijken: seconds at most), so the app answers at ``/`` once it is ready. A larger
ecosystem (province size: 10,000 organisations) shows closed groups first; there the server
listens at once and computes in a background thread, the first map's needs first (the snapshot,
the graphs, the groups and the ties between them), so a browser loads the page while the data
is read, and its first map waits only for what it draws, not for the analysis and the layout
of every organisation.

Connections and requests are separate in waitress: one thread keeps every open connection
(up to :data:`CONNECTIONS`, keep-alive ones included) and hands complete requests to the
:data:`THREADS` workers in arrival order. Waitress's default of 100 connections made the
101st browser wait until an idle keep-alive connection timed out (30 s); idle connections
are now closed after :data:`IDLE_SECONDS`, and heavy work (uploads) runs off the worker
threads (:mod:`app.web.jobs`), so 200 clients are served in turn.
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Callable

import waitress
from dash import Dash

from app.web.services import EXTENSION, Services

__all__ = [
    "CONNECTIONS",
    "IDLE_SECONDS",
    "THREADS",
    "is_loopback",
    "secure_cookies",
    "serve",
    "server_options",
    "warm",
    "warm_in_steps",
]

_EVERYWHERE = ("0.0.0.0", "::")  # noqa: S104 (to show a reachable URL, not to bind)
THREADS = 16
"""Worker threads: enough for a team on one machine; analyses are memoised, so most requests are quick."""
CONNECTIONS = 1000
"""Open connections waitress keeps before it stops accepting (its default, 100, starved the 101st client)."""
IDLE_SECONDS = 15
"""Seconds an idle (keep-alive) connection is kept open."""


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


def warm_in_steps(app: Dash) -> threading.Thread | None:
    """Compute everything (:func:`warm`) now where the first map draws organisations one by one
    (small ecosystems: seconds); else start it in a background thread, returned, and return at
    once (a grouped first map, as at province size: the server listens while the first map's
    needs are computed, first; the analysis and every organisation's position follow).

    Requests that need something still being computed wait for it (``Services.memo``
    computes each result once); the others are answered meanwhile, a little slower (the
    background thread shares the interpreter).
    """
    services: Services = app.server.extensions[EXTENSION]
    if not services.first_map_grouped():
        services.warm()
        return None
    rest = threading.Thread(target=services.warm, name="ketenkaart-warm", daemon=True)
    rest.start()
    return rest


def server_options() -> dict[str, object]:
    """Waitress's settings: worker threads, connection limit, idle timeout, backlog, body limits."""
    return {
        "threads": THREADS,
        "connection_limit": CONNECTIONS,
        "channel_timeout": IDLE_SECONDS,
        "cleanup_interval": 5,
        "backlog": 2048,
        "ident": "ketenkaart",
        "max_request_header_size": 64 * 1024,
        "max_request_body_size": 100 * 1024 * 1024,  # Flask refuses more than an upload needs
    }


def secure_cookies(app: Dash, host: str) -> None:
    """Make the login cookie ``Secure`` as the setting says; by default when ``host`` is not loopback."""
    services: Services = app.server.extensions[EXTENSION]
    chosen = services.settings.secure_cookies
    app.server.config["SESSION_COOKIE_SECURE"] = (not is_loopback(host)) if chosen is None else chosen


def serve(app: Dash, host: str, port: int, *, ready: Callable[[str], None] = print) -> None:
    """Warm ``app`` (a grouped first map: in the background, :func:`warm_in_steps`), call ``ready``
    with its URL and serve it until interrupted."""
    warm_in_steps(app)
    secure_cookies(app, host)
    shown = "127.0.0.1" if host in _EVERYWHERE else host
    ready(f"http://{shown}:{port}/")
    waitress.serve(app.server, host=host, port=port, _quiet=True, **server_options())  # type: ignore[arg-type]
