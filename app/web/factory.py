"""The composition root of the explorer: ``create_app(settings, store)`` builds one Dash app.

Every app gets its own :class:`app.web.services.Services` (store, settings, memo), its own login
guard and its own copy of the callbacks, so tests can build several in one process.
"""

from __future__ import annotations

from pathlib import Path

from dash import Dash

from app.present.gegevens import MAX_BYTES
from app.settings import Settings
from app.users import Users, read_users
from app.web import auth, errors, shell
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
        Read once; ``users_file``, ``secret_key`` and ``small_count`` matter here.
    store : Store
        The store every page reads (and the data page writes).
    users : Users, optional
        Who may log in; default: read from ``settings.users_file`` when set, else no login.

    Raises
    ------
    ConfigError
        If the users file cannot be read.
    """
    if users is None and settings.users_file is not None:
        users = read_users(settings.users_file)
    dash_app = Dash(
        __name__,
        title="Ketenkaart",
        update_title="",
        assets_folder=str(ASSETS),
        suppress_callback_exceptions=True,
        on_error=errors.handle,
    )
    dash_app.server.extensions[EXTENSION] = Services(settings, store, users)
    # uploads arrive base64-encoded inside a callback request: 4/3 of the files, plus the rest
    dash_app.server.config["MAX_CONTENT_LENGTH"] = MAX_BYTES * 4 // 3 + 1024 * 1024
    auth.install(dash_app.server, settings, users)
    dash_app.layout = shell.layout
    attach(dash_app)
    return dash_app
