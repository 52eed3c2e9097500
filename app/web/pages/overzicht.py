"""The Overzicht page: key figures, what partners reported, the sector heatmap, ties per wijk, change, trends.

Analysts only. The page follows the shared filter and the language; its one callback
reads the memoised analysis for the filter and hands it to :mod:`app.present.overzicht` and
:mod:`app.present.charts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from dash import Input, Output, dcc, html
from dash.development.base_component import Component

from app.access import Viewer
from app.i18n import LABELS, MEASURES, Language, Texts, language
from app.present import charts
from app.present.common import is_empty
from app.present.filters import Filters
from app.present.overzicht import (
    Kpi,
    area_advice,
    area_rows,
    change_sections,
    kpis,
    sector_grid,
    trend_series,
)
from app.present.overzicht import (
    T as OVERVIEW,
)
from app.web import ids
from app.web.auth import require_analyst
from app.web.gemeld import reported_block
from app.web.notices import empty_notice
from app.web.sections import analyst_page, section_view
from app.web.services import services
from app.web.tables import table
from app.web.wiring import callback

__all__ = ["T", "body", "kpi_card", "layout", "overview"]

OV = ids.Overzicht

T: Final = Texts(
    {
        "title": ("Overzicht", "Overview"),
        "intro": (
            "Hoe het netwerk ervoor staat in het gekozen filter, en wat er veranderde sinds de vorige "
            "periode van dezelfde lengte (een kwartaal tegen het kwartaal ervoor).",
            "How the network is doing in the chosen filter, and what changed since the previous period "
            "of the same length (a quarter against the quarter before).",
        ),
        "heatmap": ("Samenwerking tussen sectoren", "Collaboration between sectors"),
        "heatmap-explain": (
            "Elk vak: welk deel van de mogelijke samenwerkingen tussen twee sectoren er is. "
            "Een donkere diagonaal en lichte rest wijst op kokers.",
            "Each cell: the share of possible ties between two sectors that exists. "
            "A dark diagonal with a light rest points to silos.",
        ),
        "areas": ("Samenwerking per wijk", "Ties per district"),
        "trend": ("Verloop per periode", "Trend per period"),
        "trend-explain": (
            "Elke grafiek begint bij nul, zodat een kleine schommeling er ook klein uitziet.",
            "Every chart starts at zero, so a small wobble looks small too.",
        ),
        "no-trend": ("Geen verwijzingsperiodes in dit filter.", "No referral periods in this filter."),
        "change": ("Sinds vorige periode", "Since previous period"),
    }
)


def kpi_card(kpi: Kpi, lang: Language) -> html.Div:
    """One key figure with its change, what it means and what to do."""
    return html.Div(
        [
            html.Div(kpi.name, className="kpi-name"),
            html.Div(kpi.value, className="kpi-value"),
            html.Div([html.Span(T("change", lang) + ": "), html.Span(kpi.change)], className="kpi-change"),
            html.P(kpi.meaning, className="kpi-meaning"),
            html.P([html.Strong(LABELS("what-to-do", lang) + ": "), kpi.action], className="kpi-action"),
        ],
        className=f"kpi kpi-{kpi.key}",
    )


def _graph(component_id: str, figure: Any) -> dcc.Graph:
    return dcc.Graph(
        id=component_id, figure=figure, config={"displaylogo": False}, className="overzicht-chart"
    )


def _areas(analysis: Mapping[str, Any], filters: Filters, lang: Language) -> list[Component]:
    rows = area_rows(analysis, filters.areas, lang)
    per_organisation = OVERVIEW("ties-per-organisation", lang)
    figure = charts.bar(
        [str(r["area"]) for r in rows],
        [float(r["ties_per_organisation"]) for r in rows],
        title="",
        axis=per_organisation,
        lang=lang,
    )
    columns = [
        ("area", LABELS("area", lang)),
        ("organisations", LABELS("organisations", lang)),
        ("ties", LABELS("ties", lang)),
        ("ties_per_organisation", per_organisation),
        ("density", MEASURES["density"].name(lang)),
        ("cross_sector", OVERVIEW("cross-sector", lang)),
        ("thin", OVERVIEW("thin", lang)),
    ]
    advice = area_advice(analysis, filters.areas, lang)
    return [
        html.H2(T("areas", lang)),
        html.P(OVERVIEW("areas-meaning", lang), className="explain"),
        *(
            [
                html.P(
                    [html.Strong(LABELS("what-to-do", lang) + ": "), advice],
                    className="section-action overzicht-area-advice",
                )
            ]
            if advice
            else []
        ),
        _graph(OV.AREAS, figure),
        table("overzicht-areas", rows, columns, lang),
    ]


def _trend(analysis: Mapping[str, Any], lang: Language) -> list[Component]:
    periods, series = trend_series(analysis, lang)
    if not periods:
        return [html.H2(T("trend", lang)), html.P(T("no-trend", lang), className="notice")]
    return [
        html.H2(T("trend", lang)),
        html.P(T("trend-explain", lang), className="explain"),
        _graph(OV.TREND, charts.trend_lines(periods, series, title="", lang=lang)),
    ]


def body(
    analysis: Mapping[str, Any], filters: Filters, lang: Language, reported: Component | None = None
) -> Component:
    """The page's content for one analysis; a friendly notice when there is nothing to show.

    ``reported`` is the "Wat partners meldden" block (:func:`app.web.gemeld.reported_block`),
    shown below the key figures when there is a survey round.
    """
    if is_empty(analysis):
        return empty_notice(lang)
    grid = sector_grid(analysis, lang)
    heatmap = charts.heatmap(
        grid.labels,
        grid.density,
        grid.ties,
        title="",
        scale=MEASURES["density"].name(lang),
        ties_label=LABELS("ties", lang),
        lang=lang,
    )
    return html.Div(
        [
            html.Div([kpi_card(k, lang) for k in kpis(analysis, lang)], id=OV.KPIS, className="kpi-row"),
            *([reported] if reported is not None else []),
            html.H2(T("heatmap", lang)),
            html.P(T("heatmap-explain", lang), className="explain"),
            _graph(OV.HEATMAP, heatmap),
            *_areas(analysis, filters, lang),
            *[section_view(section, lang) for section in change_sections(analysis, lang)],
            *_trend(analysis, lang),
        ]
    )


def layout(lang: Language, viewer: Viewer) -> html.Div:
    """The page, fresh per visit; the callback fills in the body for the current filter."""
    return analyst_page(OV.PAGE, OV.BODY, T("title", lang), T("intro", lang), "overzicht-body")


@callback(Output(OV.BODY, "children"), Input(ids.Shell.FILTER, "data"), Input(ids.Shell.LANG, "value"))
def overview(data: Mapping[str, Any] | None, lang: str | None) -> Component:
    """The overview for the shared filter, in the chosen language (analysts only)."""
    require_analyst()
    filters, chosen = Filters.from_data(data), language(lang)
    return body(services().analysis(filters), filters, chosen, reported_block(chosen))
