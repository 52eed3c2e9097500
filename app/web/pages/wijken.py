"""The Wijken page: where need is high and partner coverage thin, wijk by wijk.

Analysts only (tie densities can rest on referral counts). For the shared filter it
shows the wijken on a map, when boundaries are loaded, or as a grid of tiles otherwise
(:mod:`app.present.wijken_map`), coloured by the gap between need and coverage; the ranking with
its reasons; and per wijk the need measures beside the organisations per sector. The
analysis is :func:`graph.needs.needs_vs_coverage`, memoised per filter
(``Services.wijk_needs``); the callback only presents it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from dash import Input, Output, dcc, html
from dash.development.base_component import Component

from app.access import Viewer
from app.i18n import Language, Texts, language
from app.present import wijken_map as wijkmap
from app.present.common import Section
from app.present.filters import Filters
from app.present.wijken import (
    coverage_matrix,
    coverage_section,
    has_indicators,
    in_scope,
    need_matrix,
    needs_section,
    ranking_section,
)
from app.web import ids
from app.web.auth import require_analyst
from app.web.notices import empty_notice
from app.web.sections import analyst_page, section_view
from app.web.services import Services, services
from app.web.wiring import callback
from graph.needs import WijkNeed

__all__ = ["T", "body", "layout", "wijken"]

W = ids.Wijken

T: Final = Texts(
    {
        "title": ("Wijken", "Districts"),
        "intro": (
            "Waar de nood hoog is en de dekking door partners dun: de wijkcijfers van het CBS naast de "
            "organisaties die er werken en met hoeveel partners elk er samenwerkt.",
            "Where need is high and partner coverage thin: the CBS district figures beside the "
            "organisations that work there and with how many partners each works there.",
        ),
        "map": ("Kaart van de wijken", "Map of the districts"),
        "grid": ("De wijken", "The districts"),
        "figure-explain": (
            "Kleur: de kloof tussen nood en dekking (donkerder = meer nood bij minder dekking). "
            "Een donkere rand markeert hoge nood bij dunne dekking; grijs: geen wijkcijfers.",
            "Colour: the gap between need and coverage (darker = more need with less coverage). "
            "A dark outline flags high need with thin coverage; grey: no district figures.",
        ),
        "grid-explain": (
            "Zonder grenzenbestand staat elke wijk als een tegel, op volgorde van wijkcode.",
            "Without a boundary file each district is a tile, in order of district code.",
        ),
        "no-boundary": (
            "Zonder grens, niet op de kaart: {names}.",
            "Without a boundary, not on the map: {names}.",
        ),
        "beside": ("Nood naast dekking", "Need beside coverage"),
        "beside-explain": (
            "Boven de wijkcijfers (kleur: hoger of lager dan de andere wijken van de gemeente), "
            "daaronder het aantal organisaties per sector dat de wijk bedient; de wijken staan op rang.",
            "Above, the district figures (colour: above or below the municipality's other districts); "
            "below, the number of organisations per sector serving the district; districts in rank order.",
        ),
        "z": ("Standaardscore", "Standard score"),
        "per-sector": ("Organisaties per sector", "Organisations per sector"),
        "organisations": ("Organisaties", "Organisations"),
        "no-wijken": (
            "Er zijn geen wijken geladen. Laad de CBS-kerncijfers met {command}.",
            "No districts are loaded. Load the CBS key figures with {command}.",
        ),
        "no-indicators": (
            "Nog geen wijkcijfers voor deze wijken, dus geen nood om mee te vergelijken. Laad de "
            "CBS-kerncijfers wijken en buurten met {command}; hieronder alvast de "
            "dekking per sector.",
            "No district figures for these districts yet, so no need to compare with. Load the CBS key "
            "figures for districts and neighbourhoods with {command}; below, the "
            "coverage per sector already.",
        ),
        "command": ("ketenkaart import-cbs BESTAND", "ketenkaart import-cbs FILE"),
    }
)


def _notice(key: str, lang: Language) -> html.P:
    """A notice whose ``{command}`` is shown as code."""
    before, after = T(key, lang).split("{command}")
    return html.P([before, html.Code(T("command", lang)), after], className="notice wijken-empty")


def layout(lang: Language, viewer: Viewer) -> html.Div:
    """The page, fresh per visit; the callback fills in the body for the current filter."""
    return analyst_page(W.PAGE, W.BODY, T("title", lang), T("intro", lang), "wijken-body")


def _graph(component_id: str, figure: Any) -> dcc.Graph:
    return dcc.Graph(id=component_id, figure=figure, config={"displaylogo": False}, className="wijken-chart")


def _figure(deps: Services, needs: Sequence[WijkNeed], lang: Language) -> list[Component]:
    tiles = wijkmap.wijk_tiles(needs, deps.ecosystem().areas)
    kind = wijkmap.figure_kind(tiles)
    notes = [html.P(T("figure-explain", lang), className="explain")]
    if kind == "grid":
        notes.append(html.P(T("grid-explain", lang), className="explain"))
    unmapped = [t.name for t in tiles if kind == "map" and not wijkmap.polygons(t.boundary)]
    if unmapped:
        notes.append(html.P(T("no-boundary", lang).format(names=", ".join(unmapped)), className="explain"))
    return [
        html.H2(T(kind, lang)),
        *notes,
        html.Div(_graph(W.MAP, wijkmap.wijk_figure(tiles, lang)), className=f"wijken-{kind}"),
    ]


def _beside(needs: Sequence[WijkNeed], lang: Language, measured: bool) -> list[Component]:
    cover = wijkmap.heatmap(
        coverage_matrix(needs, lang), scale=T("organisations", lang), diverging=False, lang=lang
    )
    if not measured:
        return [html.H2(T("per-sector", lang)), _graph(W.COVERAGE, cover)]
    need = wijkmap.heatmap(need_matrix(needs, lang), scale=T("z", lang), diverging=True, lang=lang)
    return [
        html.H2(T("beside", lang)),
        html.P(T("beside-explain", lang), className="explain"),
        _graph(W.NEEDS, need),
        _graph(W.COVERAGE, cover),
    ]


def _section_view(section: Section, lang: Language) -> html.Section:
    """A table section; the grid fits its columns, and the reasons get the room."""
    return section_view(section, lang)


def body(deps: Services, needs: Sequence[WijkNeed], lang: Language) -> Component:
    """The page's content for the wijken in scope, or what to do when there is nothing to show."""
    if not needs:
        if deps.store.counts().organisations == 0:
            return empty_notice(lang)
        return _notice("no-wijken", lang)
    if not has_indicators(needs):
        return html.Div(
            [
                _notice("no-indicators", lang),
                *_beside(needs, lang, measured=False),
                _section_view(coverage_section(needs, lang), lang),
            ]
        )
    return html.Div(
        [
            *_figure(deps, needs, lang),
            _section_view(ranking_section(needs, lang), lang),
            *_beside(needs, lang, measured=True),
            _section_view(needs_section(needs, deps.area_names(), lang), lang),
            _section_view(coverage_section(needs, lang), lang),
        ]
    )


@callback(Output(W.BODY, "children"), Input(ids.Shell.FILTER, "data"), Input(ids.Shell.LANG, "value"))
def wijken(data: Mapping[str, Any] | None, lang: str | None) -> Component:
    """The Wijken page for the shared filter, in the chosen language (analysts only)."""
    viewer = require_analyst()
    filters, chosen, deps = Filters.from_data(data), language(lang), services()
    needs = in_scope(deps.wijk_needs(filters, viewer), filters.areas)
    return body(deps, needs, chosen)
