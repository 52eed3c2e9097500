"""The kaart page: the network map with its own filters, a search box and a side panel.

Area, layers and period come from the shell's filter bar; sector, minimum tie weight,
node size, focus, markers and grouping are chosen here. The callbacks live in
:mod:`app.web.pages.kaart_callbacks`; what they compute lives in :mod:`app.present.kaart`,
:mod:`app.present.kaart_elements` and :mod:`app.web.kaart_panel`.
"""

from __future__ import annotations

from typing import Any, Final

from dash import dcc, html

from app.access import Viewer
from app.i18n import MEASURES, Language, Texts
from app.present.common import SECTOR_COLOURS, sector_label
from app.present.kaart import LAYOUTS, size_choices
from app.present.kaart_style import COLOUR_BY
from app.web import ids
from app.web.gemeld import partner_notice
from app.web.graphview import GraphView
from app.web.kaart_panel import empty_panel
from app.web.pages import kaart_callbacks as _callbacks  # noqa: F401  (declares the page's callbacks)
from app.web.services import services

__all__ = ["T", "layout"]

K = ids.Kaart
T: Final = Texts(
    {
        "title": ("Kaart van het netwerk", "Map of the network"),
        "intro": (
            "Elke stip is een organisatie, elke lijn een samenwerking (afspraak, gedeelde professional of "
            "verwijzingen). Klik op een organisatie voor haar profiel.",
            "Each dot is an organisation, each line a tie (agreement, shared professional or referrals). "
            "Click an organisation for its profile.",
        ),
        "search": ("Zoek een organisatie", "Find an organisation"),
        "sectors": ("Sectoren", "Sectors"),
        "all-sectors": ("Alle sectoren", "All sectors"),
        "min-weight": ("Minimale sterkte van een samenwerking", "Minimum tie strength"),
        "size-by": ("Grootte naar", "Size by"),
        "focus": ("Focus op de geselecteerde organisatie", "Focus on the selected organisation"),
        "focus-0": ("Hele netwerk", "Whole network"),
        "focus-1": ("1 stap", "1 step"),
        "focus-2": ("2 stappen", "2 steps"),
        "show": ("Toon", "Show"),
        "show-bottlenecks": ("Knelpunten en verbinders", "Bottlenecks and connectors"),
        "show-suggestions": ("Voorgestelde samenwerkingen", "Suggested ties"),
        "group-by": ("Groeperen (bij veel organisaties) per", "Group (with many organisations) by"),
        "group-sector": ("Sector", "Sector"),
        "group-wijk": ("Wijk", "District"),
        "size-capacity": ("Capaciteit", "Capacity"),
        "ties": ("Samenwerkingen", "Ties"),
        "ties-backbone": ("Ruggengraat", "Backbone"),
        "ties-all": ("Alle", "All"),
        "ties-help": (
            "Ruggengraat: per organisatie de samenwerkingen die voor haar het zwaarst wegen "
            "(disparity filter).",
            "Backbone: per organisation the ties that weigh most for it (disparity filter).",
        ),
        "colour-by": ("Kleur naar", "Colour by"),
        "colour-sector": ("Sector", "Sector"),
        "colour-wijk": ("Wijk", "District"),
        "colour-community": ("Cluster (samenwerkingsgroep)", "Cluster (detected community)"),
        "colour-measure": ("De maat van de grootte", "The size measure"),
        "layout": ("Indeling", "Layout"),
        "layout-network": ("Netwerk", "Network"),
        "layout-wijk": ("Per wijk", "By district"),
        "hint": (
            "Zoom in voor meer namen. Shift + slepen selecteert meerdere organisaties om te vergelijken.",
            "Zoom in for more names. Shift + drag selects several organisations to compare them.",
        ),
    }
)
_SIZE_NAMES: Final = {
    "degree": "degree",
    "betweenness": "betweenness",
    "weighted_betweenness": "weighted_betweenness",
    "inflow": "inflow",
}


def _size_options(viewer: Viewer, lang: Language) -> list[dict[str, Any]]:
    def label(measure: str) -> str:
        return MEASURES[measure].name(lang) if measure in _SIZE_NAMES else T("size-capacity", lang)

    return [{"label": label(m), "value": m} for m in size_choices(viewer)]


def _control(label: str, control: Any, for_id: str, class_name: str = "") -> html.Div:
    return html.Div(
        [html.Label(label, htmlFor=for_id), control], className=f"kaart-control {class_name}".strip()
    )


def _controls(lang: Language, viewer: Viewer) -> html.Div:
    names = services().organisation_names()
    search = dcc.Dropdown(
        id=K.SEARCH,
        options=[
            {"label": name, "value": org} for org, name in sorted(names.items(), key=lambda i: (i[1], i[0]))
        ],
        placeholder=T("search", lang),
        clearable=True,
    )
    sectors = dcc.Dropdown(
        id=K.SECTORS,
        options=[{"label": sector_label(code, lang), "value": code} for code in SECTOR_COLOURS],
        multi=True,
        placeholder=T("all-sectors", lang),
    )
    focus = dcc.RadioItems(
        id=K.FOCUS,
        options=[{"label": T(f"focus-{n}", lang), "value": n} for n in (0, 1, 2)],
        value=0,
        inline=True,
    )
    show = dcc.Checklist(
        id=K.SHOW,
        options=[{"label": T(f"show-{k}", lang), "value": k} for k in ("bottlenecks", "suggestions")],
        value=[],
        inline=True,
    )
    group = dcc.RadioItems(
        id=K.GROUP_BY,
        options=[{"label": T(f"group-{k}", lang), "value": k} for k in ("sector", "wijk")],
        value="sector",
        inline=True,
    )
    ties = dcc.RadioItems(
        id=K.TIES,
        options=[{"label": T(f"ties-{k}", lang), "value": k} for k in ("backbone", "all")],
        value="backbone",
        inline=True,
    )
    colour = dcc.Dropdown(
        id=K.COLOUR_BY,
        options=[{"label": T(f"colour-{k}", lang), "value": k} for k in COLOUR_BY],
        value="sector",
        clearable=False,
    )
    arrange = dcc.RadioItems(
        id=K.LAYOUT,
        options=[{"label": T(f"layout-{k}", lang), "value": k} for k in LAYOUTS],
        value="network",
        inline=True,
    )
    return html.Div(
        [
            _control(T("search", lang), search, K.SEARCH, "kaart-search"),
            _control(T("sectors", lang), sectors, K.SECTORS, "kaart-sectors"),
            _control(
                T("min-weight", lang),
                dcc.Input(id=K.MIN_WEIGHT, type="number", min=1, step=1, value=1, debounce=True),
                K.MIN_WEIGHT,
            ),
            _control(
                T("size-by", lang),
                dcc.Dropdown(
                    id=K.SIZE_BY, options=_size_options(viewer, lang), value="degree", clearable=False
                ),
                K.SIZE_BY,
                "kaart-size",
            ),
            _control(T("focus", lang), focus, K.FOCUS),
            _control(T("show", lang), show, K.SHOW),
            _control(T("group-by", lang), group, K.GROUP_BY),
            html.Div(
                [html.Label(T("ties", lang), htmlFor=K.TIES, title=T("ties-help", lang)), ties],
                className="kaart-control",
            ),
            _control(T("colour-by", lang), colour, K.COLOUR_BY, "kaart-colour"),
            _control(T("layout", lang), arrange, K.LAYOUT),
        ],
        id=K.CONTROLS,
        className="kaart-controls",
    )


def layout(lang: Language, viewer: Viewer) -> html.Div:
    """The page, fresh per visit; the callbacks fill the map and the panel.

    A partner whose organisation is invited to an open survey round finds the entry to its
    questionnaire here, above the map (:func:`app.web.gemeld.partner_notice`).
    """
    notice = partner_notice(viewer, lang)
    return html.Div(
        [
            html.H1(T("title", lang)),
            html.P(T("intro", lang), className="explain"),
            *([notice] if notice is not None else []),
            _controls(lang, viewer),
            html.Div(id=K.STATUS, className="kaart-status", role="status"),
            html.P(T("hint", lang), className="kaart-hint explain"),
            html.Div(
                [
                    GraphView("kaart", lang=lang, height="72vh", autoRefreshLayout=False),  # kaart.js fits
                    html.Aside(empty_panel(lang), id=K.PANEL, className="kaart-panel"),
                ],
                className="kaart-body",
            ),
            dcc.Store(id=K.EXPANDED, data=[]),
            dcc.Store(id=K.SHAPE),
        ],
        id=K.PAGE,
        className="kaart",
    )
