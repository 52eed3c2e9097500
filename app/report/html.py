"""The HTML report: every analysis of one ecosystem in a self-contained page, plus CSV.

The page embeds plotly.js once, so it opens offline and can be mailed as one file. Every
table in it is also written as CSV beside it (``<name>-tabellen/``). All text that
comes from data is escaped (Jinja2 autoescape, ``DataFrame.to_html(escape=True)``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go
from jinja2 import Environment, select_autoescape

from app.i18n import LABELS, MEASURES, Texts
from app.present import formatting
from app.present import wijken_map as wijkmap
from app.present.common import Section
from app.present.overzicht import T as OVERVIEW
from app.present.overzicht import area_advice, change_sections
from app.present.wijken import has_indicators, ranking_section
from app.report.brokerage import broker_frame, brokerage_note, node_rows
from app.report.survey import survey_parts, survey_tables
from graph.model import Area
from graph.needs import NEED_MEASURES, WijkNeed
from graph.taxonomy import Language

__all__ = ["report_tables", "write_report"]

T: Final = Texts(
    {
        "title": ("Ketenkaart-rapport", "Ketenkaart report"),
        "ei": ("E-I-index", "E-I index"),
        "sector_matrix": ("Samenwerking tussen sectoren", "Collaboration between sectors"),
        "sector_matrix_note": (
            (
                "Dichtheid van de banden tussen en binnen sectoren (0 = geen enkele band, 1 = iedereen "
                "met iedereen)."
            ),
            "Density of ties between and within sectors (0 = no tie at all, 1 = everyone with everyone).",
        ),
        "areas": ("Samenwerking per wijk", "Ties per wijk"),
        "trend": ("Verloop per periode", "Trend per period"),
        "trend_note": (
            "Verwijzingen en dichtheid per periode; beide assen beginnen bij nul.",
            "Referrals and density per period; both axes start at zero.",
        ),
        "nodes": ("Knelpunten en verbinders", "Bottlenecks and brokers"),
        "nodes_note": (
            (
                "Organisaties waar veel routes doorheen lopen (betweenness) en die gaten overbruggen "
                "(lage constraint). Valt zo'n verbinder weg, dan raken anderen elkaar kwijt."
            ),
            (
                "Organisations many routes run through (betweenness) and that bridge gaps (low "
                "constraint). When such a broker drops out, others lose each other."
            ),
        ),
        "suggestions": ("Kansen: kennismaken", "Chances: get acquainted"),
        "suggestions_note": (
            "Paren uit elkaar aanvullende sectoren die dezelfde inwoners bedienen maar nog niet "
            "samenwerken, met de partner die ze kan voorstellen (introducer) en de redenen.",
            "Pairs of complementary sectors that serve the same residents but do not work together "
            "yet, with the partner who can introduce them (introducer) and the reasons.",
        ),
        "overlaps": ("Kansen: afstemmen", "Chances: coordinate"),
        "overlaps_note": (
            "Paren uit dezelfde sector met grotendeels dezelfde partners en wijken: mogelijk dubbel "
            "aanbod of concurrentie, om af te stemmen.",
            "Pairs of one sector with largely the same partners and districts: possible duplication "
            "or competition, to coordinate.",
        ),
        "gaps": ("Gaten en signalen", "Gaps and signals"),
        "needs": ("Nood en dekking per wijk", "Need and coverage per wijk"),
        "needs_note": (
            (
                "Wijken waar de nood (CBS-wijkcijfers, vergeleken met de andere wijken van de gemeente) "
                "hoog is en de dekking door partners dun, met de redenen. Kleur op de kaart: de kloof "
                "tussen nood en dekking; een donkere rand markeert hoge nood bij dunne dekking."
            ),
            (
                "Wijken where need (CBS neighbourhood figures, compared with the other wijken of the "
                "municipality) is high and partner coverage thin, with the reasons. Colour on the map: "
                "the gap between need and coverage; a dark outline flags high need with thin coverage."
            ),
        ),
        "needs_missing": (
            (
                "Nog geen wijkcijfers geladen, dus geen nood om mee te vergelijken. Laad de "
                "CBS-kerncijfers wijken en buurten met: ketenkaart import-cbs BESTAND."
            ),
            (
                "No neighbourhood figures loaded yet, so no need to compare with. Load the CBS key "
                "figures for wijken and buurten with: ketenkaart import-cbs FILE."
            ),
        ),
    }
)
"""The report's own texts; those the app shows too come from :mod:`app.i18n`."""


@dataclass(frozen=True, slots=True)
class _Section:
    title: str
    note: str
    chart: str = ""
    table: str = ""


def _cell(value: Any, lang: Language) -> Any:
    """Flatten one value for a table: reasons become text in the chosen language."""
    if isinstance(value, list | tuple):
        if value and isinstance(value[0], Mapping) and lang in value[0]:
            return "; ".join(str(item[lang]) for item in value)
        return ", ".join(str(_cell(item, lang)) for item in value)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {_cell(v, lang)}" for k, v in value.items())
    if isinstance(value, float):
        return round(value, 4)
    return value


def _frame(rows: Sequence[Mapping[str, Any]], lang: Language) -> pd.DataFrame:
    return pd.DataFrame([{key: _cell(value, lang) for key, value in row.items()} for row in rows])


def report_tables(
    analysis: Mapping[str, Any], *, lang: Language = "nl", needs: Sequence[WijkNeed] = ()
) -> dict[str, pd.DataFrame]:
    """Every table of an analysis (and of the wijken's needs, when given) as a DataFrame, by file name."""
    tables = {
        "knelpunten": _frame(node_rows(sorted(analysis["nodes"], key=lambda n: -n["betweenness"])), lang),
        "makelaars": broker_frame(analysis, lang),
        "kansen": _frame(analysis["suggestions"], lang),
        "afstemmen": _frame(analysis.get("overlaps", []), lang),
        "bruggen": pd.DataFrame(analysis["bridges"], columns=["organisatie_a", "organisatie_b"]),
        "sectoren": _sector_frame(analysis["sector_matrix"]),
        "wijken": _area_frame("wijk", analysis["density_by_area"], analysis.get("areas", {})),
        "buurten": _area_frame("buurt", analysis.get("density_by_buurt", {}), analysis.get("areas", {})),
        "verloop": _frame(analysis.get("trend", []), lang),
    }
    for name, rows in analysis["gaps"].items():
        tables[name] = _frame(rows, lang)
    for section in change_sections(analysis, lang):
        tables[section.name.replace("overzicht-", "verandering-")] = _section_frame(section)
    if needs:
        tables["wijken-nood"] = _needs_frame(needs, lang)
    tables |= survey_tables(analysis, lang)  # none without survey rounds
    return tables


def _section_frame(section: Section) -> pd.DataFrame:
    """A presenter's table with its headers in the chosen language."""
    return pd.DataFrame(section.rows, columns=[key for key, _ in section.columns]).rename(
        columns=dict(section.columns)
    )


def _needs_frame(needs: Sequence[WijkNeed], lang: Language) -> pd.DataFrame:
    """One row per wijk: rank, code, scores, measures, coverage figures and reasons."""
    rows = []
    for wijk, ranked in zip(needs, ranking_section(needs, lang).rows, strict=True):
        values = {m.key: round(m.value, 4) for m in wijk.measures}
        rows.append(
            {"rank": wijk.rank, "wijk": wijk.code, "naam": wijk.name}
            | {k: ranked[k] for k in ("need", "coverage", "gap", "flagged")}
            | {spec.key: values.get(spec.key) for spec in NEED_MEASURES}
            | {
                "organisations": wijk.organisations,
                "per_10k": _rounded(wijk.per_10k),
                "density": _rounded(wijk.density),
            }
            | {"reasons": ranked["reasons"]}
        )
    return pd.DataFrame(rows)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _needs_section(needs: Sequence[WijkNeed], areas: Iterable[Area], lang: Language) -> _Section:
    """The ranked wijken with their reasons, under the map (or grid) of the gap."""
    if not has_indicators(needs):
        return _Section(T("needs", lang), T("needs_missing", lang))
    ranking = ranking_section(needs, lang)
    frame = pd.DataFrame(ranking.rows).rename(columns=dict(ranking.columns))
    figure = wijkmap.wijk_figure(wijkmap.wijk_tiles(needs, areas), lang)
    return _Section(
        T("needs", lang),
        T("needs_note", lang),
        _html(figure, False, "chart-needs", lang),
        _table(frame, lang),
    )


def _area_frame(level: str, cells: Mapping[str, Any], names: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [{level: code, "naam": names.get(code, code), **cell} for code, cell in cells.items()]
    )


def _sector_frame(matrix: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    rows = [
        {"sector_a": a, "sector_b": b, **cell} for a, cells in matrix.items() for b, cell in cells.items()
    ]
    return pd.DataFrame(rows)


def _heatmap(matrix: Mapping[str, Mapping[str, Any]]) -> go.Figure:
    sectors = sorted(matrix)
    z = [[matrix[a].get(b, {}).get("density", 0.0) for b in sectors] for a in sectors]
    figure = go.Figure(go.Heatmap(z=z, x=sectors, y=sectors, colorscale="Blues", zmin=0))
    figure.update_layout(height=520, margin={"t": 20})
    return figure


def _bars(labels: Sequence[str], values: Sequence[float], title: str) -> go.Figure:
    figure = go.Figure(go.Bar(x=list(labels), y=list(values), name=title))
    figure.update_layout(height=360, margin={"t": 20}, yaxis_title=title)
    return figure


def _trend(points: Sequence[Mapping[str, Any]], lang: Language) -> go.Figure:
    periods = [formatting.month(p["period"], lang) for p in points]
    figure = go.Figure()
    figure.add_trace(go.Bar(x=periods, y=[p["referrals"] for p in points], name="referrals"))
    figure.add_trace(go.Scatter(x=periods, y=[p["density"] for p in points], name="density", yaxis="y2"))
    figure.update_layout(
        height=360, margin={"t": 20}, yaxis2={"overlaying": "y", "side": "right", "rangemode": "tozero"}
    )
    figure.update_yaxes(rangemode="tozero")
    figure.update_xaxes(type="category")
    return figure


def _html(figure: go.Figure, first: bool, div_id: str, lang: Language) -> str:
    # A fixed div id (plotly's default is a random uuid4) keeps the same report byte-identical.
    figure.update_layout(separators=formatting.plotly_separators(lang))
    return str(
        figure.to_html(full_html=False, include_plotlyjs=first, div_id=div_id, config={"displaylogo": False})
    )


def write_report(
    analysis: Mapping[str, Any],
    out: Path,
    *,
    title: str,
    lang: Language = "nl",
    needs: Sequence[WijkNeed] = (),
    areas: Iterable[Area] = (),
) -> list[Path]:
    """Write ``out`` (HTML) and one CSV per table into ``<out stem>-tabellen/``.

    ``needs`` (from :func:`graph.needs.needs_vs_coverage`) adds the wijken ranked by need
    versus coverage, drawn with the boundaries of ``areas`` when they have them.
    """
    tables = report_tables(analysis, lang=lang, needs=needs)
    folder = out.with_name(f"{out.stem}-tabellen")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        path = folder / f"{name}.csv"
        # Dutch Excel reads `;` and decimal commas; the BOM (utf-8-sig) tells it the encoding;
        # text a spreadsheet would run as a formula gets a leading ' (loaders.textsafety)
        frame.map(formatting.neutralise).to_csv(
            path,
            index=False,
            encoding="utf-8-sig",
            sep=formatting.csv_separator(lang),
            decimal="," if lang == "nl" else ".",
        )
        written.append(path)
    by_area = analysis["density_by_area"]
    area_names = analysis.get("areas", {})
    sections = [
        _Section(
            T("sector_matrix", lang),
            T("sector_matrix_note", lang),
            _html(_heatmap(analysis["sector_matrix"]), True, "chart-sector-matrix", lang),
        ),
        _Section(
            T("areas", lang),
            f"{OVERVIEW('areas-meaning', lang)} {area_advice(analysis, (), lang)}",
            _html(
                _bars(
                    [area_names.get(c, c) for c in by_area],
                    [a["ties_per_organisation"] for a in by_area.values()],
                    OVERVIEW("ties-per-organisation", lang),
                ),
                False,
                "chart-areas",
                lang,
            ),
        ),
        *([_needs_section(needs, areas, lang)] if needs else []),
        _Section(
            T("trend", lang),
            T("trend_note", lang),
            _html(_trend(analysis.get("trend", []), lang), False, "chart-trend", lang),
        ),
        *(
            _Section(section.title, section.meaning, table=_table(_section_frame(section).head(50), lang))
            for section in change_sections(analysis, lang)
        ),
        _Section(T("nodes", lang), T("nodes_note", lang), table=_table(tables["knelpunten"].head(25), lang)),
        _Section(
            MEASURES["brokerage"].name(lang),
            brokerage_note(lang),
            table=_table(tables["makelaars"].head(25), lang),
        ),
        _Section(
            T("suggestions", lang), T("suggestions_note", lang), table=_table(tables["kansen"].head(30), lang)
        ),
        _Section(
            T("overlaps", lang), T("overlaps_note", lang), table=_table(tables["afstemmen"].head(20), lang)
        ),
        *(
            _Section(
                f"{T('gaps', lang)}: {name.replace('_', ' ')}", "", table=_table(tables[name].head(30), lang)
            )
            for name in analysis["gaps"]
        ),
        *(
            _Section(part.title, part.note, table=_table(tables[part.table].head(50), lang))
            for part in survey_parts(analysis, lang)
        ),
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(_render(title or T("title", lang), analysis, sections, lang), encoding="utf-8")
    return [out, *written]


def _table(frame: pd.DataFrame, lang: Language) -> str:
    if frame.empty:
        return "<p>-</p>"
    shown = frame.map(lambda value: formatting.cell(value, lang) if formatting.is_number(value) else value)
    return str(shown.to_html(index=False, escape=True, border=0, na_rep=formatting.MISSING))


def _render(title: str, analysis: Mapping[str, Any], sections: list[_Section], lang: Language) -> str:
    scope = analysis["scope"]
    kpis = [
        (LABELS("organisations", lang), formatting.number(scope["organisations"], lang, 0)),
        (LABELS("ties", lang), formatting.number(scope["ties"], lang, 0)),
        (MEASURES["density"].name(lang), formatting.number(analysis["density"], lang, 3)),
        (MEASURES["silo_index"].name(lang), _defined(analysis["silo_index"], lang)),
        (T("ei", lang), _defined(analysis["ei_index"], lang)),
    ]
    subtitle = f"layers: {', '.join(scope['layers'])}; periods: {scope['periods']}"
    template = _environment().from_string(
        files("app.report").joinpath("templates", "report.html.j2").read_text("utf-8")
    )
    return template.render(title=title, subtitle=subtitle, kpis=kpis, sections=sections, lang=lang)


def _defined(value: float | None, lang: Language) -> str:
    """An index, or "not defined" (one sector, or no tie: E-I and silo index say nothing then)."""
    return OVERVIEW("not-defined", lang) if value is None else formatting.number(value, lang, 3)


def _environment() -> Environment:
    return Environment(
        autoescape=select_autoescape(default=True, default_for_string=True), keep_trailing_newline=True
    )
