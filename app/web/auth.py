"""Optional login, enforced on the server for every route that carries data.

Without a users file the app runs for one local user who sees everything
(:data:`app.access.ANALYST`). With one, every request except the login page and the
static JavaScript bundles needs a signed session cookie; Dash's layout and callback
routes answer 401 without it, pages redirect to ``/login``.
"""

from __future__ import annotations

import secrets
from typing import Final

from flask import Flask, Response, current_app, redirect, render_template_string, request, session
from werkzeug.wrappers import Response as BaseResponse

from app.access import ANALYST, Viewer
from app.settings import Settings
from app.users import Users

__all__ = ["LOGIN_PATH", "LOGOUT_PATH", "current_viewer", "install", "require_analyst", "require_viewer"]

LOGIN_PATH: Final = "/login"
LOGOUT_PATH: Final = "/logout"
_PUBLIC: Final = (LOGIN_PATH, "/_dash-component-suites/", "/assets/", "/_favicon.ico")
_USERS_KEY: Final = "ketenkaart-users"

_FORM: Final = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Ketenkaart: inloggen</title>
<style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;color:#222}
label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.4rem}
button{margin-top:1rem;padding:.5rem 1rem}.error{color:#b00020}</style></head>
<body><h1>Ketenkaart</h1>
{% if failed %}<p class="error" id="login-error">Onbekende naam of verkeerd wachtwoord /
unknown name or wrong password</p>{% endif %}
<form method="post" action="/login">
<label for="name">Gebruikersnaam / user name</label>
<input id="name" name="name" autocomplete="username" required value="{{ name }}">
<label for="password">Wachtwoord / password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button id="login" type="submit">Inloggen / log in</button></form></body></html>"""


def _users(server: Flask) -> Users | None:
    users: Users | None = server.extensions.get(_USERS_KEY)
    return users


def current_viewer() -> Viewer | None:
    """The viewer behind the current request: ``ANALYST`` without login, ``None`` when not logged in."""
    users = _users(current_app)
    if users is None:
        return ANALYST
    return users.viewer(session.get("user"))


def require_viewer() -> Viewer:
    """The viewer behind the current callback; the guard has already refused anonymous requests.

    Raises
    ------
    PermissionError
        If nobody is logged in (a request that slipped past the guard).
    """
    viewer = current_viewer()
    if viewer is None:
        raise PermissionError("not logged in")
    return viewer


def require_analyst() -> Viewer:
    """The viewer behind the current callback, who must be an analyst.

    Raises
    ------
    PermissionError
        If the viewer is not an analyst (the router never shows them the page; this is
        the second line, for requests made by hand).
    """
    viewer = require_viewer()
    if not viewer.is_analyst:
        raise PermissionError("this is for analysts only")
    return viewer


def _guard() -> BaseResponse | None:
    if request.path.startswith(_PUBLIC) or current_viewer() is not None:
        return None
    if request.path.startswith("/_dash-") or request.method != "GET":
        return Response("login required", status=401, mimetype="text/plain")
    return redirect(LOGIN_PATH)


def _login() -> BaseResponse | str:
    users = _users(current_app)
    if request.method == "GET" or users is None:
        return render_template_string(_FORM, failed=False, name="")
    name = request.form.get("name", "")
    viewer = users.authenticate(name, request.form.get("password", ""))
    if viewer is None:
        return Response(render_template_string(_FORM, failed=True, name=name), status=401)
    session.clear()
    session["user"] = viewer.name
    return redirect("/")


def _logout() -> BaseResponse:
    session.clear()
    return redirect(LOGIN_PATH)


def install(server: Flask, settings: Settings, users: Users | None) -> None:
    """Add the login routes and the guard to ``server`` (a no-op guard when ``users`` is ``None``)."""
    secret = settings.secret_key.get_secret_value() if settings.secret_key else secrets.token_hex(32)
    server.config.update(
        SECRET_KEY=secret,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    server.extensions[_USERS_KEY] = users
    if users is None:
        return
    server.before_request(_guard)
    server.add_url_rule(LOGIN_PATH, "ketenkaart_login", _login, methods=["GET", "POST"])
    server.add_url_rule(LOGOUT_PATH, "ketenkaart_logout", _logout)
