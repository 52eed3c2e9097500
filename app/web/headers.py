"""Security headers on every answer, and 404 (not 500) for a static path Dash does not know.

The explorer must not be framed by another site (clickjacking): ``X-Frame-Options: DENY`` and
CSP ``frame-ancestors 'none'``. The Content-Security-Policy lets scripts come only from the app
itself plus Dash's own inline scripts (by hash, :meth:`dash.Dash.csp_hashes`); ``'unsafe-eval'``
stays because plotly.js builds some functions at run time. Styles may be inline (plotly and
React set them). Nothing is loaded from another origin: Dash serves its bundles locally.
"""

from __future__ import annotations

from typing import Final

from dash import Dash
from dash.exceptions import DependencyException
from flask import Flask, Response

__all__ = ["install", "policy"]

_FIXED: Final = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def policy(script_hashes: list[str]) -> str:
    """The Content-Security-Policy, with the quoted hashes of the app's inline scripts."""
    scripts = " ".join(["'self'", "'unsafe-eval'", *script_hashes])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def install(app: Dash, *more: Dash) -> None:
    """Add the headers to every answer of ``app`` (call after every callback is attached); the
    inline scripts of ``more`` apps on the same server (the questionnaire) are allowed too."""
    server: Flask = app.server
    hashes = [h for each in (app, *more) for h in each.csp_hashes()]
    fixed = {**_FIXED, "Content-Security-Policy": policy(list(dict.fromkeys(hashes)))}

    @server.after_request
    def _headers(response: Response) -> Response:
        for name, value in fixed.items():
            response.headers.setdefault(name, value)
        return response

    @server.errorhandler(DependencyException)
    def _unknown_asset(_: DependencyException) -> Response:
        return Response("not found", status=404, mimetype="text/plain")
