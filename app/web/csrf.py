"""The questionnaire's CSRF token: a request that stores answers must come from the page itself.

When the questionnaire is drawn, the server gives the page a token (kept in a ``dcc.Store``) that
is signed with the survey-link secret and bound to two things: the link it was drawn for and a
random nonce in a cookie of the questionnaire's own (:data:`COOKIE`: ``HttpOnly``,
``SameSite=Strict``, sent only to ``/enquete/``). Saving and submitting send the token back;
:func:`check` refuses (403) a request without it, with a token of another link or another
browser, or one altered or older than :data:`MAX_AGE`. Another site can neither read the token
nor make the browser send the cookie with a cross-site request, so it cannot store answers in a
partner's name, even knowing the link.

The link secret, unlike the login cookie's key, stays the same across restarts
(:func:`app.survey.links.link_secret`), so a page left open while the app restarts still saves.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Final

from dash import ctx
from flask import current_app, request
from itsdangerous import BadData, URLSafeTimedSerializer
from werkzeug.exceptions import Forbidden

__all__ = ["COOKIE", "MAX_AGE", "check", "issue"]

COOKIE: Final = "ketenkaart-enquete"
MAX_AGE: Final = 7 * 24 * 3600
"""Seconds a page's token stays good (a partner may leave the questionnaire open for days)."""
_SALT: Final = "ketenkaart.enquete-csrf"
_PATH: Final = "/enquete/"


def _signer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=_SALT)


def _link_hash(link: str) -> str:
    return hashlib.sha256(link.encode("utf-8")).hexdigest()[:32]


def _nonce() -> str | None:
    nonce = request.cookies.get(COOKIE)
    return nonce if nonce and 16 <= len(nonce) <= 64 else None


def issue(link: str, secret: str) -> str:
    """A token for the page drawn for ``link`` (setting the browser's nonce cookie if it has none).

    Call inside the callback that draws the page: the cookie goes out with its answer.
    """
    nonce = _nonce()
    if nonce is None:
        nonce = secrets.token_urlsafe(24)
        ctx.response.set_cookie(
            COOKIE,
            nonce,
            max_age=MAX_AGE,
            path=_PATH,
            httponly=True,
            samesite="Strict",
            secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        )
    return str(_signer(secret).dumps({"link": _link_hash(link), "nonce": nonce}))


def check(token: object, link: str, secret: str) -> None:
    """Refuse (:class:`~werkzeug.exceptions.Forbidden`) unless ``token`` was issued for ``link``
    in this browser.

    Raises
    ------
    Forbidden
        Without a token, with an altered or expired one, one for another link or another browser.
    """
    if not isinstance(token, str) or not token:
        raise Forbidden("no CSRF token")
    try:
        data = _signer(secret).loads(token, max_age=MAX_AGE)
    except BadData as exc:
        raise Forbidden("bad CSRF token") from exc
    nonce = _nonce()
    if not isinstance(data, dict) or nonce is None:
        raise Forbidden("bad CSRF token")
    same_link = hmac.compare_digest(str(data.get("link", "")), _link_hash(link))
    same_browser = hmac.compare_digest(str(data.get("nonce", "")), nonce)
    if not (same_link and same_browser):
        raise Forbidden("CSRF token of another page")
