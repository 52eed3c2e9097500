"""Optional login, enforced on the server for every route that carries data.

Without a users file the app runs for one local user who sees everything
(:data:`app.access.ANALYST`). With one, every request except the login page and the
static JavaScript bundles needs a live session; Dash's layout and callback routes answer
401 without it, pages redirect to ``/login``. Public paths are matched exactly (the login
page, the favicon) or as a prefix only for the two static folders and the partner's questionnaire
(``/enquete/<token>``, where the signed link is the credential), and never when the path holds
``..``, a backslash or an empty segment.

The signed cookie holds a random session id that the server keeps in
:class:`app.web.sessions.Sessions`: logout ends it on the server, so a copied cookie stops
working. Logins are throttled per name and per client address
(:class:`app.web.sessions.Throttle`), and every answer to a login costs one password hash,
whether the name exists, the password is wrong or the name is locked, so neither the answer
nor its timing tells which names exist. The cookie is ``HttpOnly``, ``SameSite=Lax`` and
``Secure`` when ``KETENKAART_SECURE_COOKIES`` says so (by default: when serving beyond this
machine, see :mod:`app.web.serving`).
"""

from __future__ import annotations

import secrets
from typing import Final

from flask import Flask, Response, current_app, redirect, render_template_string, request, session
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.wrappers import Response as BaseResponse

from app.access import ANALYST, Viewer
from app.settings import Settings
from app.users import Users, UsersFile
from app.web.sessions import Sessions, Throttle

__all__ = [
    "LOGIN_PATH",
    "LOGOUT_PATH",
    "current_viewer",
    "install",
    "is_public",
    "require_analyst",
    "require_viewer",
    "sign_in",
]

LOGIN_PATH: Final = "/login"
LOGOUT_PATH: Final = "/logout"
_PUBLIC_PATHS: Final = frozenset({LOGIN_PATH, "/_favicon.ico"})
_PUBLIC_FOLDERS: Final = ("/_dash-component-suites/", "/assets/", "/enquete/")
"""Static files, and the partner's questionnaire (its own small Dash app: its routes reach only its
own layout and callbacks, and those answer only to a valid signed link, see ``app.web.enquete_app``)."""
_USERS_KEY: Final = "ketenkaart-users"
_SESSIONS_KEY: Final = "ketenkaart-sessions"
_THROTTLE_KEY: Final = "ketenkaart-throttle"
_DUMMY_KEY: Final = "ketenkaart-dummy-hash"

_FORM: Final = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Ketenkaart: inloggen</title>
<style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;color:#222}
label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.4rem}
button{margin-top:1rem;padding:.5rem 1rem}.error{color:#b00020}</style></head>
<body><h1>Ketenkaart</h1>
{% if failed %}<p class="error" id="login-error">Onbekende naam of verkeerd wachtwoord /
unknown name or wrong password</p>{% endif %}
{% if locked %}<p class="error" id="login-locked">Te veel pogingen; probeer het over een kwartier
opnieuw / too many attempts; try again in a quarter of an hour</p>{% endif %}
<form method="post" action="/login">
<label for="name">Gebruikersnaam / user name</label>
<input id="name" name="name" autocomplete="username" required value="{{ name }}">
<label for="password">Wachtwoord / password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button id="login" type="submit">Inloggen / log in</button></form></body></html>"""


def _users(server: Flask) -> Users | None:
    """Who may log in now: the users file is read again when it changes (``None``: login is off)."""
    users: Users | UsersFile | None = server.extensions.get(_USERS_KEY)
    return users.current() if isinstance(users, UsersFile) else users


def _sessions(server: Flask) -> Sessions:
    sessions: Sessions = server.extensions[_SESSIONS_KEY]
    return sessions


def current_viewer() -> Viewer | None:
    """The viewer behind the current request: ``ANALYST`` without login, ``None`` when not logged in."""
    users = _users(current_app)
    if users is None:
        return ANALYST
    name = _sessions(current_app).user(session.get("sid"))
    return users.viewer(name) if name is not None and name == session.get("user") else None


def sign_in(name: str) -> None:
    """Start a new server-side session for ``name`` in the current request's cookie."""
    session.clear()
    session["sid"] = _sessions(current_app).start(name)
    session["user"] = name


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


def is_public(path: str) -> bool:
    """Whether ``path`` may be fetched without a login: the login page, the favicon, static files,
    the questionnaire app.

    >>> [is_public(p) for p in ("/login", "/loginfoo/x", "/login/../_dash-layout", "/assets/app.css")]
    [True, False, False, True]
    >>> [is_public(p) for p in ("/enquete/abc.def", "/enquete/../_dash-layout", "/enquetes/x", "/enquete/")]
    [True, False, False, False]
    """
    if path in _PUBLIC_PATHS:
        return True
    segments = path.split("/")[1:]
    clean = "\\" not in path and all(s not in ("", ".", "..") for s in segments)
    return clean and path.startswith(_PUBLIC_FOLDERS)


def _guard() -> BaseResponse | None:
    if is_public(request.path) or current_viewer() is not None:
        return None
    if request.path.startswith("/_dash-") or request.method != "GET":
        return Response("login required", status=401, mimetype="text/plain")
    return redirect(LOGIN_PATH)


def _login() -> BaseResponse | str:
    users = _users(current_app)
    if users is None:  # login is off (no users file): nothing to log in to
        return redirect("/")
    if request.method == "GET":
        return render_template_string(_FORM, failed=False, name="")
    name = request.form.get("name", "")[:200]
    password = request.form.get("password", "")[:1024]
    address = request.remote_addr or "?"
    throttle: Throttle = current_app.extensions[_THROTTLE_KEY]
    if not throttle.allowed(name, address):
        check_password_hash(current_app.extensions[_DUMMY_KEY], password)  # the same time as a try
        page = render_template_string(_FORM, failed=False, locked=True, name=name)
        return Response(page, status=429, headers={"Retry-After": str(int(throttle.lockout))})
    if name not in users.by_name:
        check_password_hash(current_app.extensions[_DUMMY_KEY], password)  # as long as a known name
    viewer = users.authenticate(name, password)
    if viewer is None:
        throttle.failed(name, address)
        return Response(render_template_string(_FORM, failed=True, locked=False, name=name), status=401)
    throttle.succeeded(name)
    sign_in(viewer.name)
    return redirect("/")


def _logout() -> BaseResponse:
    if _users(current_app) is not None:
        _sessions(current_app).end(session.get("sid"))
    session.clear()
    return redirect(LOGIN_PATH)


def install(server: Flask, settings: Settings, users: Users | UsersFile | None) -> None:
    """Add the login routes and the guard to ``server`` (a no-op guard when ``users`` is ``None``)."""
    secret = settings.secret_key.get_secret_value() if settings.secret_key else secrets.token_hex(32)
    server.config.update(
        SECRET_KEY=secret,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=bool(settings.secure_cookies),
    )
    server.extensions[_USERS_KEY] = users
    server.extensions[_SESSIONS_KEY] = Sessions()
    server.extensions[_THROTTLE_KEY] = Throttle()
    server.extensions[_DUMMY_KEY] = generate_password_hash(secrets.token_hex(16))
    if users is None:
        return
    server.before_request(_guard)
    server.add_url_rule(LOGIN_PATH, "ketenkaart_login", _login, methods=["GET", "POST"])
    server.add_url_rule(LOGOUT_PATH, "ketenkaart_logout", _logout)
