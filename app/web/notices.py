"""Friendly notices a page shows instead of content: nothing loaded, or a filter that keeps nothing."""

from __future__ import annotations

from dash import html

from app.i18n import LABELS
from app.web.services import services

__all__ = ["empty_notice"]


def empty_notice(lang: object) -> html.P:
    """ "Nothing loaded yet" when the store is empty, else "nothing in this filter"."""
    key = "empty" if services().store.counts().organisations == 0 else "empty-filter"
    return html.P(LABELS(key, lang), className="notice empty-notice")
