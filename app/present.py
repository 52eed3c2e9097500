"""What the analyst pages show, as plain data: KPI values and table rows in the chosen language.

The pages Overzicht, Knelpunten and Kansen read ``services().analysis(filters)`` (the
output of :func:`graph.analysis.analyse`); the functions here turn it into
:class:`Kpi` values, chart series and :class:`Section` tables (rows of text and numbers)
with a "why it matters" and a "what to do" in Dutch or English. Nothing here knows Dash,
so every value can be tested on its own.

Professionals are personal data: rows show only the pseudonymous id as stored, never a
name.

>>> number(0.0957, "nl", 3), number(0.0957, "en", 3), signed(-0.0118, "nl", 3)
('0,096', '0.096', '−0,012')
>>> sector_label("werk_inkomen", "en"), sector_label("onbekend", "en")
('Work and income', 'onbekend')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import networkx as nx

from app.i18n import LABELS, MEASURES, Language, Texts
from graph.analysis import plain
from graph.chances import suggest_links
from graph.taxonomy import Sector

__all__ = [
    "EXAMPLES",
    "TOP",
    "Kpi",
    "Row",
    "Section",
    "SectorGrid",
    "T",
    "area_rows",
    "bottleneck_sections",
    "chance_sections",
    "cut_off",
    "is_empty",
    "kpis",
    "number",
    "sector_grid",
    "sector_label",
    "signed",
    "spread_suggestions",
    "trend_series",
]

Row = dict[str, str | int | float]
"""One table row: field -> a text or a number (numbers stay numbers, so columns sort)."""

TOP: Final = 15
"""How many organisations a ranked bottleneck table shows."""

EXAMPLES: Final = 5
"""How many names a "why it matters" text lists before "and N more"."""

T: Final = Texts(
    {
        # KPIs
        "organisations-meaning": (
            "Organisaties in dit filter, met of zonder samenwerking.",
            "Organisations in this filter, with or without ties.",
        ),
        "organisations-action": (
            "Mist u partners? Laad hun gegevens op de pagina Gegevens.",
            "Partners missing? Load their data on the Data page.",
        ),
        "ties-meaning": (
            "Paren organisaties die samenwerken via een afspraak, een gedeelde professional of verwijzingen.",
            "Pairs of organisations that work together through an agreement, "
            "a shared professional or referrals.",
        ),
        "ties-action": (
            "Kijk op Kansen welke lijntjes nog ontbreken.",
            "See Chances for the links still missing.",
        ),
        "change": (
            "{before} → {after}: {old} → {new} ({delta})",
            "{before} → {after}: {old} → {new} ({delta})",
        ),
        "ties-change": (
            "{before} → {after}: {new} nieuw, {lost} verdwenen",
            "{before} → {after}: {new} new, {lost} lost",
        ),
        "no-change": ("Geen vorige periode om mee te vergelijken.", "No previous period to compare with."),
        "modularity": ("Kokerindex (sector-modulariteit)", "Silo index (sector modularity)"),
        # knelpunten
        "cut": ("Raakt los", "Cut off"),
        "share": ("Aandeel routes", "Share of routes"),
        "why": ("Waarom het telt", "Why it matters"),
        "rank": ("#", "#"),
        "organisation": ("Organisatie", "Organisation"),
        "organisation-a": ("Organisatie A", "Organisation A"),
        "organisation-b": ("Organisatie B", "Organisation B"),
        "sector-a": ("Sector A", "Sector A"),
        "sector-b": ("Sector B", "Sector B"),
        "professional": ("Professional (id)", "Professional (id)"),
        "inflow": ("Instroom per maand", "Inflow a month"),
        "capacity": ("Capaciteit per maand", "Capacity a month"),
        "load": ("Belasting (x capaciteit)", "Load (x capacity)"),
        "more": ("en {n} meer", "and {n} more"),
        "and": ("en", "and"),
        "why-articulation": (
            "Zonder {org} raken {n} organisaties los van de rest: {examples}.",
            "Without {org}, {n} organisations are cut off from the rest: {examples}.",
        ),
        "why-connector": (
            "{share} van de kortste routes tussen partners loopt via {org}.",
            "{share} of the shortest routes between partners run through {org}.",
        ),
        "why-busy": (
            "Gewogen naar intensiteit loopt {share} van de routes via {org}.",
            "Weighted by intensity, {share} of the routes run through {org}.",
        ),
        "why-bridge": (
            "De enige lijn tussen {a} en {b}; valt die weg, dan raken {n} organisaties los: {examples}.",
            "The only line between {a} and {b}; if it breaks, {n} organisations are cut off: {examples}.",
        ),
        "why-load": (
            "{inflow} verwijzingen per maand bij een capaciteit van {capacity}: {load} keer de capaciteit.",
            "{inflow} referrals a month against a capacity of {capacity}: {load} times capacity.",
        ),
        "why-sole": (
            "De samenwerking tussen {a} en {b} rust alleen op professional {pro}.",
            "The collaboration between {a} and {b} rests on professional {pro} alone.",
        ),
        "sole-name": ("Enige schakel", "Sole link"),
        "sole-meaning": (
            "Twee organisaties zijn alleen verbonden doordat één professional bij beide werkt.",
            "Two organisations are tied only because one professional works for both.",
        ),
        "sole-action": (
            "Leg de samenwerking vast in een afspraak, zodat die niet van één persoon afhangt.",
            "Put the collaboration in an agreement, so it does not depend on one person.",
        ),
        "load-name": ("Overbelast", "Overloaded"),
        # kansen
        "links": ("Ontbrekende lijntjes", "Missing links"),
        "links-meaning": (
            "Organisaties die (nog) niet samenwerken maar veel gemeen hebben; per organisatie de beste kans.",
            "Organisations that do not work together (yet) but have much in common; "
            "the best chance per organisation.",
        ),
        "links-action": (
            "Stel ze aan elkaar voor: een koffieafspraak is een goed begin.",
            "Introduce them to each other: a coffee meeting is a good start.",
        ),
        "score": ("Score", "Score"),
        "reasons": ("Redenen", "Reasons"),
        "absent": ("Ontbrekende sectoren per wijk", "Sectors absent per district"),
        "absent-meaning": (
            "Geen enkele organisatie uit deze sector is actief in de wijk.",
            "No organisation of this sector works in the district.",
        ),
        "absent-action": (
            "Vraag een stedelijke partner uit deze sector om de wijk te bedienen.",
            "Ask a citywide partner of this sector to serve the district.",
        ),
        "sector-gaps": ("Sectoren zonder band", "Sectors without a tie"),
        "sector-gaps-meaning": (
            "Twee sectoren zijn allebei actief in de wijk, maar werken daar niet samen.",
            "Two sectors both work in the district, but not with each other there.",
        ),
        "sector-gaps-action": (
            "Organiseer een wijkoverleg met beide sectoren aan tafel.",
            "Hold a district meeting with both sectors at the table.",
        ),
        "sectors": ("Sectoren", "Sectors"),
        "counts": ("Organisaties per sector", "Organisations per sector"),
        "specialists": ("Gedeelde specialist", "Shared specialist"),
        "specialists-meaning": (
            "Meerdere organisaties in een wijk hebben elk een kleine aanstelling voor dezelfde rol.",
            "Several organisations in a district each have a small post for the same role.",
        ),
        "specialists-action": (
            "Overweeg één gedeelde specialist voor deze organisaties.",
            "Consider one shared specialist for these organisations.",
        ),
        "role": ("Rol", "Role"),
        "areas": ("Wijken", "Districts"),
        "organisations": ("Organisaties", "Organisations"),
        "professionals": ("Professionals", "Professionals"),
        "fte": ("fte", "fte"),
        "paper": ("Afspraken op papier", "Agreements on paper"),
        "paper-meaning": (
            "Afspraken waarbij de partijen elkaar in de praktijk niet verwijzen.",
            "Agreements whose parties do not refer to each other in practice.",
        ),
        "paper-action": (
            "Bespreek met de partijen of de afspraak nog leeft: vernieuwen of beëindigen.",
            "Ask the parties whether the agreement is alive: renew or end it.",
        ),
        "agreement": ("Afspraak", "Agreement"),
        "kind": ("Soort", "Kind"),
        "parties": ("Partijen", "Parties"),
        "unagreed": ("Drukke lijnen zonder afspraak", "Busy lines without an agreement"),
        "unagreed-meaning": (
            "Veel verwijzingen tussen twee organisaties zonder gezamenlijke afspraak.",
            "Many referrals between two organisations without a common agreement.",
        ),
        "unagreed-action": (
            "Leg deze drukke samenwerking vast in een werkafspraak.",
            "Put this busy collaboration in a working agreement.",
        ),
        "a-to-b": ("A naar B", "A to B"),
        "b-to-a": ("B naar A", "B to A"),
        "volume": ("Totaal", "Total"),
        "ping-pong": ("Pingpong", "Ping-pong"),
        "ping-pong-meaning": (
            "Cliënten gaan veel heen en weer tussen twee organisaties.",
            "Clients go back and forth a lot between two organisations.",
        ),
        "ping-pong-action": (
            "Zoek uit waarom cliënten terugkomen en spreek af wie de regie houdt.",
            "Find out why clients come back and agree who keeps the lead.",
        ),
        "ambassadors": ("Ambassadeurs", "Ambassadors"),
        "ambassadors-meaning": (
            "Welk deel van de verwijzingen van een professional naar de eigen werkgever gaat.",
            "Which share of a professional's referrals goes to their own employer.",
        ),
        "ambassadors-action": (
            "Hoog aandeel: bespreek in het wijkteam of cliënten ook bij andere partners terecht kunnen.",
            "High share: discuss in the district team whether clients could go to other partners too.",
        ),
        "employers": ("Werkgever(s)", "Employer(s)"),
        "referrals": ("Verwijzingen", "Referrals"),
        "own-share": ("Naar eigen werkgever (%)", "To own employer (%)"),
        "kind-covenant": ("Convenant", "Covenant"),
        "kind-contract": ("Overeenkomst", "Contract"),
        "kind-shared_specialist": ("Gedeelde specialist", "Shared specialist"),
        "kind-wijkteam": ("Wijkteam", "District team"),
        "kind-data_sharing": ("Gegevensdeling", "Data sharing"),
        "kind-other": ("Overig", "Other"),
    }
)


@dataclass(frozen=True, slots=True)
class Kpi:
    """One key figure: its role name, value, change against the previous period and explanation."""

    key: str
    name: str
    value: str
    change: str
    meaning: str
    action: str


@dataclass(frozen=True, slots=True)
class SectorGrid:
    """The sector x sector heatmap: labels in the chosen language, density and tie counts."""

    labels: list[str]
    density: list[list[float | None]]
    ties: list[list[int]]


@dataclass(frozen=True, slots=True)
class Section:
    """One table of a page: a unique ``name`` (also the CSV file), title, explanation and rows."""

    name: str
    title: str
    meaning: str
    action: str
    columns: list[tuple[str, str]]
    rows: list[Row]


# --------------------------------------------------------------------------- shared


def is_empty(analysis: Mapping[str, Any]) -> bool:
    """Whether the analysis has no organisations (nothing loaded, or a filter that keeps none)."""
    return not analysis.get("scope", {}).get("organisations")


def number(value: float, lang: Language, digits: int = 2) -> str:
    """``value`` with ``digits`` decimals, with a decimal comma in Dutch."""
    text = f"{value:,.{digits}f}"
    if lang == "nl":
        text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return text


def signed(value: float, lang: Language, digits: int = 2) -> str:
    """``value`` with its sign (``+``, ``−`` or ``±`` for zero)."""
    text = number(abs(value), lang, digits)
    if text.strip("0,.") == "":
        return "±" + text
    return ("+" if value > 0 else "−") + text


def sector_label(code: object, lang: Language) -> str:
    """A sector's label in ``lang``; unknown codes as they are."""
    try:
        return Sector(code).label(lang)
    except ValueError:
        return str(code or "")


def _percent(share: float, lang: Language) -> str:
    return number(100 * share, lang, 1) + "%"


def _listing(items: Sequence[str], lang: Language) -> str:
    """Names joined as a sentence, at most ``EXAMPLES`` of them.

    >>> _listing(["A", "B", "C"], "en"), _listing(list("ABCDEFG"), "nl")
    ('A, B and C', 'A, B, C, D, E en 2 meer')
    """
    if len(items) > EXAMPLES:
        return ", ".join(items[:EXAMPLES]) + " " + T("more", lang).format(n=len(items) - EXAMPLES)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {T('and', lang)} " + items[-1]


def _reasons(reasons: Iterable[Mapping[str, Any]], lang: Language) -> str:
    return "; ".join(str(r.get(lang, "")) for r in reasons)


def _names(ids: Iterable[str], names: Mapping[str, str]) -> list[str]:
    return [names.get(i, i) for i in ids]


# --------------------------------------------------------------------------- overzicht


def _period_change(analysis: Mapping[str, Any], field: str) -> tuple[float, float] | None:
    change = analysis.get("change")
    if not change:
        return None
    by_period = {p["period"]: p for p in analysis.get("trend", [])}
    before, after = by_period.get(change["before"]), by_period.get(change["after"])
    if before is None or after is None:
        return None
    return float(before[field]), float(after[field])


def _change_text(
    analysis: Mapping[str, Any], values: tuple[float, float] | None, lang: Language, digits: int
) -> str:
    change = analysis.get("change")
    if not change or values is None:
        return T("no-change", lang)
    old, new = values
    return T("change", lang).format(
        before=change["before"],
        after=change["after"],
        old=number(old, lang, digits),
        new=number(new, lang, digits),
        delta=signed(new - old, lang, digits),
    )


def _ties_change(analysis: Mapping[str, Any], lang: Language) -> str:
    change = analysis.get("change")
    if not change:
        return T("no-change", lang)
    return T("ties-change", lang).format(
        before=change["before"],
        after=change["after"],
        new=len(change["new_ties"]),
        lost=len(change["lost_ties"]),
    )


def kpis(analysis: Mapping[str, Any], lang: Language) -> list[Kpi]:
    """Organisations, ties, density and silo index, each with its change and a "what to do"."""
    scope, change = analysis["scope"], analysis.get("change") or {}
    density, silo = MEASURES["density"], MEASURES["silo_index"]
    silo_value = analysis.get("silo_index")
    silo_pair = (
        (change["sector_modularity_before"], change["sector_modularity_after"])
        if change and change.get("sector_modularity_before") is not None
        else None
    )
    return [
        Kpi(
            "organisations",
            LABELS("organisations", lang),
            number(scope["organisations"], lang, 0),
            _change_text(analysis, _period_change(analysis, "active_organisations"), lang, 0),
            T("organisations-meaning", lang),
            T("organisations-action", lang),
        ),
        Kpi(
            "ties",
            LABELS("ties", lang),
            number(scope["ties"], lang, 0),
            _ties_change(analysis, lang),
            T("ties-meaning", lang),
            T("ties-action", lang),
        ),
        Kpi(
            "density",
            density.name(lang),
            number(analysis["density"], lang, 3),
            _change_text(
                analysis, (change["density_before"], change["density_after"]) if change else None, lang, 4
            ),
            density.meaning(lang),
            density.action(lang),
        ),
        Kpi(
            "silo_index",
            silo.name(lang),
            "–" if silo_value is None else number(silo_value, lang, 2),
            _change_text(analysis, silo_pair, lang, 3),
            silo.meaning(lang),
            silo.action(lang),
        ),
    ]


def sector_grid(analysis: Mapping[str, Any], lang: Language) -> SectorGrid:
    """The sector x sector matrix (density and ties) with sector labels in ``lang``."""
    matrix: Mapping[str, Mapping[str, Mapping[str, Any]]] = analysis.get("sector_matrix") or {}
    codes = sorted(matrix, key=lambda c: sector_label(c, lang))
    density = [[matrix[a].get(b, {}).get("density") for b in codes] for a in codes]
    ties = [[int(matrix[a].get(b, {}).get("ties", 0)) for b in codes] for a in codes]
    return SectorGrid([sector_label(c, lang) for c in codes], density, ties)


def area_rows(analysis: Mapping[str, Any], areas: Sequence[str] = ()) -> list[Row]:
    """Density per wijk (wijk names, not codes), densest first; only ``areas`` when given."""
    names: Mapping[str, str] = analysis.get("areas") or {}
    by_area: Mapping[str, Mapping[str, Any]] = analysis.get("density_by_area") or {}
    rows: list[Row] = [
        {
            "area": names.get(code, code),
            "organisations": int(values["organisations"]),
            "ties": int(values["ties"]),
            "density": round(float(values["density"]), 3),
        }
        for code, values in by_area.items()
        if not areas or code in areas
    ]
    return sorted(rows, key=lambda r: (-float(r["density"]), str(r["area"])))


def trend_series(analysis: Mapping[str, Any], lang: Language) -> tuple[list[str], dict[str, list[float]]]:
    """Periods and, per measure label in ``lang``: density, ties, sector modularity, referrals."""
    trend: Sequence[Mapping[str, Any]] = analysis.get("trend") or []
    fields = {
        "density": MEASURES["density"].name(lang),
        "ties": LABELS("ties", lang),
        "sector_modularity": T("modularity", lang),
        "referrals": LABELS("layer-referrals", lang),
    }
    series = {label: [float(p[field] or 0) for p in trend] for field, label in fields.items()}
    return [str(p["period"]) for p in trend], series


# --------------------------------------------------------------------------- knelpunten


def cut_off(graph: nx.Graph[str], node: str | None = None, edge: tuple[str, str] | None = None) -> list[str]:
    """The organisations cut off from the rest of their group when ``node`` or ``edge`` drops out.

    That is everyone in the component except the largest part that remains (and except
    ``node`` itself), sorted by id.

    >>> g = nx.path_graph(["a", "b", "c", "d"])
    >>> cut_off(g, node="b"), cut_off(g, edge=("c", "d"))
    (['a'], ['d'])
    """
    start = node if node is not None else edge[0] if edge else None
    if start is None or start not in graph:
        return []
    component = nx.node_connected_component(graph, start)
    view = nx.restricted_view(graph, [node] if node is not None else [], [edge] if edge else [])
    parts = sorted(
        (sorted(p) for p in nx.connected_components(view.subgraph(component - {node}))), key=lambda p: -len(p)
    )
    return sorted(n for part in parts[1:] for n in part)


def _column(key: str, lang: Language) -> tuple[str, str]:
    return key, T(key, lang)


def _measure_columns(lang: Language, value: str) -> list[tuple[str, str]]:
    return [
        _column("rank", lang),
        _column("organisation", lang),
        ("sector", LABELS("sector", lang)),
        _column(value, lang),
        _column("why", lang),
        ("action", LABELS("what-to-do", lang)),
    ]


def _measure_section(name: str, key: str, lang: Language, value: str, rows: list[Row]) -> Section:
    measure = MEASURES[key]
    return Section(
        name,
        measure.name(lang),
        measure.meaning(lang),
        measure.action(lang),
        _measure_columns(lang, value),
        rows,
    )


def _node_rows(
    analysis: Mapping[str, Any], field: str, why: str, names: Mapping[str, str], lang: Language
) -> list[Row]:
    nodes = [n for n in analysis.get("nodes", []) if n.get(field)]
    nodes.sort(key=lambda n: (-float(n[field]), n["id"]))
    action = MEASURES[field].action(lang)
    return [
        {
            "rank": rank,
            "organisation": names.get(n["id"], n["id"]),
            "sector": sector_label(n.get("sector"), lang),
            "share": round(100 * float(n[field]), 1),
            "why": T(why, lang).format(
                share=_percent(float(n[field]), lang), org=names.get(n["id"], n["id"])
            ),
            "action": action,
        }
        for rank, n in enumerate(nodes[:TOP], start=1)
    ]


def _articulation_rows(
    analysis: Mapping[str, Any], graph: nx.Graph[str], names: Mapping[str, str], lang: Language
) -> list[Row]:
    betweenness = {n["id"]: float(n.get("betweenness") or 0) for n in analysis.get("nodes", [])}
    sectors = {n["id"]: n.get("sector") for n in analysis.get("nodes", [])}
    points = sorted(analysis.get("articulation_points", []), key=lambda p: (-betweenness.get(p, 0), p))[:TOP]
    found = [(p, cut_off(graph, node=p)) for p in points]
    found.sort(key=lambda f: (-len(f[1]), -betweenness.get(f[0], 0), f[0]))
    return [
        {
            "rank": rank,
            "organisation": names.get(p, p),
            "sector": sector_label(sectors.get(p), lang),
            "cut": len(lost),
            "why": T("why-articulation", lang).format(
                org=names.get(p, p), n=len(lost), examples=_listing(_names(lost, names), lang)
            ),
            "action": MEASURES["articulation_point"].action(lang),
        }
        for rank, (p, lost) in enumerate(found, start=1)
    ]


def _bridge_rows(
    analysis: Mapping[str, Any], graph: nx.Graph[str], names: Mapping[str, str], lang: Language
) -> list[Row]:
    betweenness = {n["id"]: float(n.get("betweenness") or 0) for n in analysis.get("nodes", [])}
    ties = sorted(analysis.get("bridges", []), key=lambda e: (-max(betweenness.get(x, 0) for x in e), e))[
        :TOP
    ]
    found = [((a, b), cut_off(graph, edge=(a, b))) for a, b in ties]
    found.sort(key=lambda f: (-len(f[1]), f[0]))
    return [
        {
            "rank": rank,
            "organisation-a": names.get(a, a),
            "organisation-b": names.get(b, b),
            "cut": len(lost),
            "why": T("why-bridge", lang).format(
                a=names.get(a, a),
                b=names.get(b, b),
                n=len(lost),
                examples=_listing(_names(lost, names), lang),
            ),
            "action": MEASURES["bridge"].action(lang),
        }
        for rank, ((a, b), lost) in enumerate(found, start=1)
    ]


def _load_rows(analysis: Mapping[str, Any], names: Mapping[str, str], lang: Language) -> list[Row]:
    loads = [r for r in analysis["gaps"].get("referral_load", []) if (r.get("load") or 0) > 1]
    return [
        {
            "rank": rank,
            "organisation": names.get(r["organisation"], r["organisation"]),
            "inflow": round(float(r["inflow_per_month"]), 1),
            "capacity": int(r["capacity"]),
            "load": round(float(r["load"]), 2),
            "why": T("why-load", lang).format(
                inflow=number(r["inflow_per_month"], lang, 0),
                capacity=r["capacity"],
                load=number(r["load"], lang, 1),
            ),
            "action": MEASURES["inflow"].action(lang),
        }
        for rank, r in enumerate(loads[:TOP], start=1)
    ]


def _sole_rows(analysis: Mapping[str, Any], names: Mapping[str, str], lang: Language) -> list[Row]:
    rows: list[Row] = []
    for tie in analysis["gaps"].get("sole_ties", []):
        a, b = (names.get(o, o) for o in tie["organisations"][:2])
        pro = str(tie["professional"])
        rows.append(
            {
                "professional": pro,
                "organisation-a": a,
                "organisation-b": b,
                "why": T("why-sole", lang).format(a=a, b=b, pro=pro),
                "action": T("sole-action", lang),
            }
        )
    return rows


def bottleneck_sections(
    analysis: Mapping[str, Any], graph: nx.Graph[str], names: Mapping[str, str], lang: Language
) -> list[Section]:
    """The Knelpunten tables, each ranked, each row with "why it matters" and "what to do".

    Knelpunt (articulation points, by organisations cut off), Verbinder (betweenness),
    Drukke verbinder (weighted betweenness), Enige lijn (bridges), Belasting (inflow
    over capacity) and sole-tie professionals (their pseudonymous id only).
    ``graph`` is the organisation graph the analysis was made on; ``names`` maps ids to names.
    """
    pair = [_column("rank", lang), _column("organisation-a", lang), _column("organisation-b", lang)]
    why = [_column("why", lang), ("action", LABELS("what-to-do", lang))]
    load, inflow = (
        MEASURES["inflow"],
        [_column("inflow", lang), _column("capacity", lang), _column("load", lang)],
    )
    return [
        _measure_section(
            "knelpunten-articulation",
            "articulation_point",
            lang,
            "cut",
            _articulation_rows(analysis, graph, names, lang),
        ),
        _measure_section(
            "knelpunten-connectors",
            "betweenness",
            lang,
            "share",
            _node_rows(analysis, "betweenness", "why-connector", names, lang),
        ),
        _measure_section(
            "knelpunten-busy",
            "weighted_betweenness",
            lang,
            "share",
            _node_rows(analysis, "weighted_betweenness", "why-busy", names, lang),
        ),
        Section(
            "knelpunten-bridges",
            MEASURES["bridge"].name(lang),
            MEASURES["bridge"].meaning(lang),
            MEASURES["bridge"].action(lang),
            [*pair, _column("cut", lang), *why],
            _bridge_rows(analysis, graph, names, lang),
        ),
        Section(
            "knelpunten-load",
            f"{load.name(lang)}: {T('load-name', lang)}",
            load.meaning(lang),
            load.action(lang),
            [_column("rank", lang), _column("organisation", lang), *inflow, *why],
            _load_rows(analysis, names, lang),
        ),
        Section(
            "knelpunten-sole-ties",
            T("sole-name", lang),
            T("sole-meaning", lang),
            T("sole-action", lang),
            [_column("professional", lang), *pair[1:], *why],
            _sole_rows(analysis, names, lang),
        ),
    ]


# --------------------------------------------------------------------------- kansen


def spread_suggestions(graph: nx.Graph[str], area_names: Mapping[str, str]) -> list[dict[str, Any]]:
    """Each organisation's best missing link (so a few hubs cannot fill the list), best first, as plain data.

    >>> [(s["source"], s["target"]) for s in spread_suggestions(nx.path_graph(["a", "b", "c"]), {})]
    [('a', 'c')]
    """
    found = suggest_links(graph, top=graph.number_of_nodes(), per_organisation=1, area_names=area_names)
    result: list[dict[str, Any]] = plain(found)
    return result


def _link_rows(
    suggestions: Sequence[Mapping[str, Any]],
    sectors: Mapping[str, object],
    names: Mapping[str, str],
    lang: Language,
) -> list[Row]:
    return [
        {
            "rank": rank,
            "organisation-a": names.get(s["source"], s["source"]),
            "sector-a": sector_label(sectors.get(s["source"]), lang),
            "organisation-b": names.get(s["target"], s["target"]),
            "sector-b": sector_label(sectors.get(s["target"]), lang),
            "score": round(float(s["score"]), 2),
            "reasons": _reasons(s["reasons"], lang),
        }
        for rank, s in enumerate(suggestions, start=1)
    ]


def _area(code: str, areas: Mapping[str, str]) -> str:
    return areas.get(code, code)


def _gap_rows(
    gaps: Mapping[str, Any], areas: Mapping[str, str], lang: Language
) -> tuple[list[Row], list[Row]]:
    absent: list[Row] = [
        {
            "area": _area(g["area"], areas),
            "sector": sector_label(g["sector"], lang),
            "reasons": _reasons(g["reasons"], lang),
        }
        for g in gaps.get("absent_sectors", [])
    ]
    sector_gaps: list[Row] = [
        {
            "area": _area(g["area"], areas),
            "sectors": f" {T('and', lang)} ".join(sector_label(s, lang) for s in g["sectors"]),
            "counts": " / ".join(str(n) for n in g["organisations"]),
            "reasons": _reasons(g["reasons"], lang),
        }
        for g in gaps.get("sector_gaps", [])
    ]
    return absent, sector_gaps


def _specialist_rows(
    gaps: Mapping[str, Any], areas: Mapping[str, str], names: Mapping[str, str], lang: Language
) -> list[Row]:
    return [
        {
            "role": str(s["role"]),
            "areas": ", ".join(_area(a, areas) for a in s["areas"]),
            "organisations": ", ".join(_names(s["organisations"], names)),
            "professionals": len(s["professionals"]),
            "fte": round(float(s["fte"]), 1),
            "reasons": _reasons(s["reasons"], lang),
        }
        for s in gaps.get("shared_specialists", [])
    ]


def _practice_rows(gaps: Mapping[str, Any], names: Mapping[str, str], lang: Language) -> dict[str, list[Row]]:
    def pair(g: Mapping[str, Any]) -> Row:
        return {
            "organisation-a": names.get(g["a"], g["a"]),
            "organisation-b": names.get(g["b"], g["b"]),
            "a-to-b": int(g["a_to_b"]),
            "b-to-a": int(g["b_to_a"]),
        }

    kinds = {
        k: T(f"kind-{k}", lang)
        for k in ("covenant", "contract", "shared_specialist", "wijkteam", "data_sharing", "other")
    }
    return {
        "paper": [
            {
                "agreement": str(g["name"]),
                "kind": kinds.get(g["kind"], str(g["kind"])),
                "parties": ", ".join(_names(g["parties"], names)),
                "reasons": _reasons(g["reasons"], lang),
            }
            for g in gaps.get("paper_agreements", [])
        ],
        "unagreed": [
            pair(g) | {"volume": int(g["volume"]), "reasons": _reasons(g["reasons"], lang)}
            for g in gaps.get("unagreed_flows", [])
        ],
        "ping-pong": [pair(g) | {"reasons": _reasons(g["reasons"], lang)} for g in gaps.get("ping_pong", [])],
        "ambassadors": [
            {
                "professional": str(g["professional"]),
                "employers": ", ".join(_names(g["employers"], names)),
                "referrals": int(g["referrals"]),
                "own-share": round(100 * float(g["share"]), 1),
                "reasons": _reasons(g["reasons"], lang),
            }
            for g in gaps.get("ambassadors", [])
        ],
    }


def _section(name: str, key: str, columns: Sequence[str], rows: list[Row], lang: Language) -> Section:
    headers = {"area": LABELS("area", lang), "sector": LABELS("sector", lang)}
    return Section(
        f"kansen-{name}",
        T(key, lang),
        T(f"{key}-meaning", lang),
        T(f"{key}-action", lang),
        [(c, headers[c] if c in headers else T(c, lang)) for c in columns],
        rows,
    )


def chance_sections(
    analysis: Mapping[str, Any],
    suggestions: Sequence[Mapping[str, Any]],
    names: Mapping[str, str],
    lang: Language,
) -> list[Section]:
    """The Kansen tables: missing links, absent sectors, sector gaps, shared specialists,
    and agreement-versus-practice gaps (paper agreements, busy lines without an agreement,
    ping-pong, ambassadors), reasons in ``lang``.

    ``suggestions`` are plain suggestions (:func:`spread_suggestions`); professionals
    appear by their pseudonymous id only.
    """
    gaps, areas = analysis["gaps"], analysis.get("areas") or {}
    sectors = {n["id"]: n.get("sector") for n in analysis.get("nodes", [])}
    absent, sector_gaps = _gap_rows(gaps, areas, lang)
    practice = _practice_rows(gaps, names, lang)
    pair = ["organisation-a", "organisation-b", "a-to-b", "b-to-a"]
    return [
        _section(
            "links",
            "links",
            ["rank", "organisation-a", "sector-a", "organisation-b", "sector-b", "score", "reasons"],
            _link_rows(suggestions, sectors, names, lang),
            lang,
        ),
        _section("absent-sectors", "absent", ["area", "sector", "reasons"], absent, lang),
        _section("sector-gaps", "sector-gaps", ["area", "sectors", "counts", "reasons"], sector_gaps, lang),
        _section(
            "shared-specialists",
            "specialists",
            ["role", "areas", "organisations", "professionals", "fte", "reasons"],
            _specialist_rows(gaps, areas, names, lang),
            lang,
        ),
        _section(
            "paper-agreements", "paper", ["agreement", "kind", "parties", "reasons"], practice["paper"], lang
        ),
        _section("unagreed-flows", "unagreed", [*pair, "volume", "reasons"], practice["unagreed"], lang),
        _section("ping-pong", "ping-pong", [*pair, "reasons"], practice["ping-pong"], lang),
        _section(
            "ambassadors",
            "ambassadors",
            ["professional", "employers", "referrals", "own-share", "reasons"],
            practice["ambassadors"],
            lang,
        ),
    ]
