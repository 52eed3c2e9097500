"""Callback errors, handled in one place (``Dash(on_error=handle)``).

A Ketenkaart error (bad filter, store unavailable, a failed analysis) becomes a readable
alert in the shell; anything else is logged with its traceback and shown as a generic
message, so no internals reach the browser.
"""

from __future__ import annotations

import logging

from dash import html, set_props

from app.i18n import LABELS
from app.web import ids
from graph.errors import ExplorerError

__all__ = ["alert", "handle"]

log = logging.getLogger("ketenkaart.app")


def alert(message: str, lang: object = "nl") -> html.Div:
    """The alert box shown above the page."""
    return html.Div(
        [html.Strong(LABELS("error", lang) + ": "), html.Span(message)], className="alert", role="alert"
    )


def handle(error: Exception) -> None:
    """Show ``error`` in the shell's alert; outputs stay as they were."""
    if isinstance(error, ExplorerError):
        message = str(error)
    else:
        log.exception("callback failed", exc_info=error)
        message = LABELS("unexpected", "nl") + " / " + LABELS("unexpected", "en")
    set_props(ids.Shell.ALERT, {"children": alert(message)})
