"""The overzicht page (being built)."""

from __future__ import annotations

from dash import html

from app import ids
from app.access import Viewer
from app.i18n import Language

__all__ = ["layout"]


def layout(lang: Language, viewer: Viewer) -> html.Div:
    """The page, fresh per visit."""
    return html.Div(html.H1("Overzicht"), id=ids.Overzicht.PAGE)
