"""The partner's questionnaire as its own small Dash app at ``/enquete/``, on the explorer's server.

A partner opens ``/enquete/<token>`` without logging in: the signed link is the credential
(:mod:`app.survey.links`). Serving the questionnaire from the explorer's app would have meant
letting anonymous requests reach the explorer's layout and callback routes. Instead the
questionnaire is a second :class:`dash.Dash` on the same Flask server with every route under
``/enquete/`` (index, layout, dependencies, callbacks, bundles, assets): the login guard lets
that prefix through (:func:`app.web.auth.is_public`), and what answers there is this app's
layout and its own callbacks (declared with ``to="enquete"``), never the explorer's. Every
callback checks the link again, and the ones that store (save, submit, propose a correction of
the organisation's record) also check the page's CSRF token (:mod:`app.web.csrf`).
"""

from __future__ import annotations

import logging
from typing import Final

from dash import Dash, html, set_props
from flask import Flask
from werkzeug.exceptions import HTTPException

from app.web import ids
from app.web.pages import enquete
from app.web.pages import enquete_callbacks as _callbacks  # noqa: F401  (declares the questionnaire's callbacks)
from app.web.wiring import attach

__all__ = ["mount"]

_ASSETS_KEPT: Final = r"^(?!(style|enquete)\.css$)"
"""The questionnaire loads only the shared style and its own sheet (not the map's script)."""

log = logging.getLogger("ketenkaart.enquete")


def _handle(error: Exception) -> None:
    """A refusal (403) goes back as such; anything else is logged and shown as a generic message."""
    if isinstance(error, HTTPException):
        raise error
    log.exception("questionnaire callback failed", exc_info=error)
    set_props(ids.Enquete.ALERT, {"children": html.P(enquete.unexpected(), className="enq-alert")})


def mount(server: Flask, assets: str) -> Dash:
    """Add the questionnaire app to ``server`` (the explorer's), its assets from the folder ``assets``."""
    survey = Dash(
        __name__,
        server=server,  # type: ignore[arg-type]  # a Flask app is what Dash takes here
        url_base_pathname=enquete.PREFIX,
        title="Ketenkaart: enquête",
        update_title="",
        assets_folder=assets,
        assets_ignore=_ASSETS_KEPT,
        suppress_callback_exceptions=True,
        on_error=_handle,
    )
    survey.layout = enquete.layout
    attach(survey, enquete.KIND)
    return survey
