"""The composition root of the explorer: ``create_app(settings, store)`` builds one Dash app.

Every app gets its own :class:`app.web.services.Services` (store, settings, memo), its own login
guard and its own copy of the callbacks, so tests can build several in one process.
"""

from __future__ import annotations

from pathlib import Path

from dash import Dash
from flask import g

from app.present.gegevens import MAX_BYTES
from app.settings import Settings
from app.users import Users, UsersFile, read_users
from app.web import auth, enquete_app, errors, headers, shell
from app.web.services import EXTENSION, Services
from app.web.wiring import attach
from queries.base import Store

__all__ = ["create_app"]

ASSETS = Path(__file__).with_name("assets")


def create_app(settings: Settings, store: Store, users: Users | None = None) -> Dash:
    """The explorer on ``store``.

    Parameters
    ----------
    settings : Settings
        ``users_file`` (or the data folder's ``users.toml``), ``secret_key`` and ``small_count`` matter here.
    store : Store
        The store every page reads (and the data page writes).
    users : Users, optional
        Who may log in, fixed (tests); default: the users file (``Settings.users_path``), read again
        whenever it changes; login is on while it exists.

    Raises
    ------
    ConfigError
        If the users file cannot be read.
    """
    source: Users | UsersFile = users if users is not None else UsersFile(settings.users_path())
    if isinstance(source, UsersFile) and source.path.exists():
        read_users(source.path)  # a broken file stops the start, not the first login
    dash_app = Dash(
        __name__,
        title="Ketenkaart",
        update_title="",
        assets_folder=str(ASSETS),
        suppress_callback_exceptions=True,
        on_error=errors.handle,
    )
    deps = dash_app.server.extensions[EXTENSION] = Services(settings, store, source)
    _count_requests(dash_app, deps)
    # uploads arrive base64-encoded inside a callback request: 4/3 of the files, plus the rest
    dash_app.server.config["MAX_CONTENT_LENGTH"] = MAX_BYTES * 4 // 3 + 1024 * 1024
    auth.install(dash_app.server, settings, source)
    dash_app.layout = shell.layout
    attach(dash_app)
    questionnaire = enquete_app.mount(dash_app.server, str(ASSETS))
    headers.install(dash_app, questionnaire)
    return dash_app


def _count_requests(dash_app: Dash, deps: Services) -> None:
    """Tell ``deps`` when each request starts and ends (the background warming gives way to them,
    ``Services.give_way``); registered first, so every request that ends was counted."""

    def started() -> None:
        deps.request_started()
        g.ketenkaart_counted = True

    def ended(_error: BaseException | None) -> None:
        if g.pop("ketenkaart_counted", False):
            deps.request_ended()

    dash_app.server.before_request(started)
    dash_app.server.teardown_request(ended)
