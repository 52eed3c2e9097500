"""The frame of the analyst pages: a title, an intro and a body the page's callback fills,
and the sections they show (a table with what it means and what to do).

>>> from app.present.common import Section
>>> view = section_view(Section("x-none", "Titel", "Betekenis", "Doen", [], []), "en")
>>> view.children[-1].children
'Nothing found in this filter.'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from dash import dcc, html
from dash.development.base_component import Component

from app.i18n import LABELS, Language, Texts
from app.present.common import Section
from app.web.tables import table

__all__ = ["T", "analyst_page", "section_view", "sections_view"]

T: Final = Texts({"none": ("Niets gevonden in dit filter.", "Nothing found in this filter.")})


def analyst_page(page_id: str, body_id: str, title: str, intro: str, body_class: str) -> html.Div:
    """A page's frame; its callback fills the body (``body_id``) for the current filter."""
    return html.Div(
        [
            html.H1(title),
            html.P(intro, className="explain"),
            dcc.Loading(html.Div(id=body_id, className=body_class)),
        ],
        id=page_id,
        className="analyst-page",
    )


def section_view(section: Section, lang: Language) -> html.Section:
    """One table with its title, what it means and what to do (or a short "nothing found")."""
    content: Component = (
        table(section.name, section.rows, section.columns, lang)
        if section.rows
        else html.P(T("none", lang), className="section-none")
    )
    return html.Section(
        [
            html.H2(section.title),
            html.P(section.meaning, className="explain"),
            html.P(
                [html.Strong(LABELS("what-to-do", lang) + ": "), section.action], className="section-action"
            ),
            content,
        ],
        className=f"analyst-section section-{section.name}",
    )


def sections_view(sections: Sequence[Section], lang: Language) -> html.Div:
    """Every section, in order."""
    return html.Div([section_view(s, lang) for s in sections])
