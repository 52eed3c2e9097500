"""What the map page shows, gathered from the services as one viewer may see it.

Plain functions, memoised through ``Services.memo`` on the data revision plus the filter
and the viewer's layers: the graph, node measures for sizing, bottleneck markers,
suggested ties, referral flows per organisation, and the side panel's content. A partner's
graph never has the referral layer, the ``inflow`` measure is refused for partners, and
referral counts of other organisations are left out before anything is returned.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import networkx as nx

from app.access import Viewer
from app.i18n import language
from app.present.kaart_elements import (
    GroupBy,
    Highlights,
    MapOptions,
    build_elements,
    node_sizes,
    visible,
)
from app.present.kaart_layout import positions
from app.web.services import Filters, Services
from graph.analysis import EXACT_BUDGET, FEW_SAMPLES, SAMPLES
from graph.bottlenecks import articulation_points, betweenness, referral_load
from graph.chances import suggest_links
from graph.coffee import suggest_meetings
from graph.project import agreement_in_force, organisation_flows

__all__ = [
    "SIZE_MEASURES",
    "TOP_VERBINDERS",
    "Flow",
    "MapRequest",
    "MapView",
    "PanelData",
    "Partner",
    "bottleneck_marks",
    "map_view",
    "measure_values",
    "panel_data",
    "size_choices",
    "suggested_pairs",
]

SIZE_MEASURES: Final = ("degree", "betweenness", "weighted_betweenness", "capacity", "inflow")
TOP_VERBINDERS: Final = 10
_ANALYST_ONLY: Final = frozenset({"inflow"})


def size_choices(viewer: Viewer) -> tuple[str, ...]:
    """The measures this viewer may size the map by (``inflow`` is for analysts)."""
    return tuple(m for m in SIZE_MEASURES if viewer.is_analyst or m not in _ANALYST_ONLY)


def _key(name: str, filters: Filters, viewer: Viewer, *extra: Hashable) -> Hashable:
    return (name, filters.areas, filters.layer_set(viewer), filters.periods, *extra)


def _samples(G: nx.Graph[str]) -> int | None:
    """Sampled sources for betweenness, by the same rule as ``graph.analysis``."""
    if G.number_of_nodes() * G.number_of_edges() <= EXACT_BUDGET:
        return None
    ties = G.number_of_edges()
    return min(next((k for limit, k in SAMPLES if ties <= limit), FEW_SAMPLES), G.number_of_nodes())


def _betweenness(deps: Services, filters: Filters, viewer: Viewer, weighted: bool) -> dict[str, float]:
    G = deps.graph(filters, viewer)
    weight = "weight" if weighted else None
    return deps.memo(
        _key("kaart-betweenness", filters, viewer, weighted),
        lambda: betweenness(G, weight=weight, k=_samples(G), seed=0),
    )


def _inflow(deps: Services, filters: Filters) -> dict[str, float]:
    def compute() -> dict[str, float]:
        loads = referral_load(deps.ecosystem(filters.areas), periods=filters.periods)
        return {load.organisation: load.inflow_per_month for load in loads}

    return deps.memo(("kaart-inflow", filters.areas, filters.periods), compute)


def measure_values(deps: Services, filters: Filters, viewer: Viewer, measure: str) -> dict[str, float | None]:
    """The values of a sizing measure for every organisation in this viewer's graph.

    Raises
    ------
    PermissionError
        For ``inflow`` (referral counts) asked by a partner.
    """
    if measure not in size_choices(viewer):
        raise PermissionError(f"measure {measure!r} is not available for this role")
    G = deps.graph(filters, viewer)
    if measure == "degree":
        return {n: float(d) for n, d in G.degree()}
    if measure == "capacity":
        capacities = {n: G.nodes[n].get("capacity") for n in G}
        return {n: (float(c) if c is not None else None) for n, c in capacities.items()}
    if measure == "inflow":
        flows = _inflow(deps, filters)
        return {n: flows.get(n, 0.0) for n in G}
    return dict(_betweenness(deps, filters, viewer, weighted=measure == "weighted_betweenness"))


def bottleneck_marks(
    deps: Services, filters: Filters, viewer: Viewer
) -> tuple[frozenset[str], frozenset[str]]:
    """Knelpunten (articulation points) and the top verbinders (highest betweenness, above 0)."""
    G = deps.graph(filters, viewer)
    cuts = deps.memo(_key("kaart-cuts", filters, viewer), lambda: frozenset(articulation_points(G)))
    scores = _betweenness(deps, filters, viewer, weighted=False)
    ranked = sorted((n for n, s in scores.items() if s > 0), key=lambda n: (-scores[n], n))
    return cuts, frozenset(ranked[:TOP_VERBINDERS])


def suggested_pairs(deps: Services, filters: Filters, viewer: Viewer) -> tuple[tuple[str, str], ...]:
    """Suggested ties: the analysis' suggestions for analysts, a partner's own coffee suggestions."""
    G = deps.graph(filters, viewer)
    if viewer.is_analyst:
        found = deps.memo(
            _key("kaart-suggestions", filters, viewer),
            lambda: suggest_links(G, top=50, area_names=deps.area_names()),
        )
    elif viewer.organisation is not None and viewer.organisation in G:
        own = viewer.organisation
        found = deps.memo(_key("kaart-coffee", filters, viewer, own), lambda: suggest_meetings(G, own))
    else:
        found = []
    return tuple((s.source, s.target) for s in found)


@dataclass(frozen=True, slots=True)
class MapRequest:
    """Everything the page's controls ask for."""

    filters: Filters = field(default_factory=Filters)
    sectors: tuple[str, ...] = ()
    min_weight: float = 1
    size_by: str = "degree"
    steps: int = 0
    selected: str | None = None
    bottlenecks: bool = False
    suggestions: bool = False
    group_by: GroupBy = "sector"
    expanded: tuple[str, ...] = ()
    lang: str = "nl"


@dataclass(frozen=True, slots=True)
class MapView:
    """The map's elements and what the legend and status line need."""

    elements: list[dict[str, Any]]
    organisations: int
    ties: int
    grouped: bool
    markers: tuple[str, ...]


def _highlights(deps: Services, viewer: Viewer, request: MapRequest) -> Highlights:
    measure = request.size_by if request.size_by in size_choices(viewer) else "degree"
    sizes = node_sizes(measure_values(deps, request.filters, viewer, measure))
    cuts, hubs = (
        bottleneck_marks(deps, request.filters, viewer) if request.bottlenecks else (frozenset(), frozenset())
    )
    pairs = suggested_pairs(deps, request.filters, viewer) if request.suggestions else ()
    return Highlights(cuts, hubs, pairs, sizes)


def map_view(deps: Services, viewer: Viewer, request: MapRequest) -> MapView:
    """The map for one viewer and request: elements with cached positions, and counts."""
    G = deps.graph(request.filters, viewer)
    options = MapOptions(
        sectors=frozenset(request.sectors),
        min_weight=request.min_weight,
        focus=request.selected,
        steps=request.steps if request.selected in G else 0,
        group_by=request.group_by,
        expanded=frozenset(request.expanded),
        referrals=viewer.is_analyst,
    )
    shown = visible(G, options)
    highlights = _highlights(deps, viewer, request)
    elements = build_elements(
        G,
        shown,
        positions(deps, viewer),
        options,
        highlights,
        lang=request.lang,
        area_names=deps.area_names(),
    )
    grouped = len(shown.nodes) > options.group_above
    markers = (("knelpunt", "verbinder") if request.bottlenecks else ()) + (
        ("suggested",) if request.suggestions else ()
    )
    return MapView(
        elements, len(shown.nodes), len(shown.edges), grouped, markers + (("group",) if grouped else ())
    )


# --------------------------------------------------------------------------- the side panel


@dataclass(frozen=True, slots=True)
class Partner:
    """A tied organisation and the kinds of tie (layer names)."""

    id: str
    name: str
    kinds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Flow:
    """Referrals to or from another organisation, as the viewer may see the count."""

    id: str
    name: str
    count: int | str


@dataclass(frozen=True, slots=True)
class PanelData:
    """The side panel of one organisation; ``flows_in``/``flows_out`` ``None``: not for this viewer."""

    id: str
    name: str
    sector: str
    wijken: tuple[str, ...]
    capacity: int | None
    in_filter: bool
    partners: tuple[Partner, ...] = ()
    agreements: tuple[tuple[str, bool], ...] = ()
    flows_in: tuple[Flow, ...] | None = None
    flows_out: tuple[Flow, ...] | None = None
    suggestions: tuple[tuple[str, str, str], ...] = ()  # (id, name, reasons)


def _flow_table(deps: Services, filters: Filters) -> dict[str, tuple[Counter[str], Counter[str]]]:
    """Organisation -> (referrals in by source, referrals out by target), for a filter."""

    def compute() -> dict[str, tuple[Counter[str], Counter[str]]]:
        table: defaultdict[str, tuple[Counter[str], Counter[str]]] = defaultdict(
            lambda: (Counter(), Counter())
        )
        for source, target, count in organisation_flows(deps.ecosystem(filters.areas), filters.periods):
            table[target][0][source] += count
            table[source][1][target] += count
        return dict(table)

    return deps.memo(("kaart-flows", filters.areas, filters.periods), compute)


def _flows(
    deps: Services, viewer: Viewer, counts: Counter[str], names: Mapping[str, str]
) -> tuple[Flow, ...]:
    small = deps.settings.small_count
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(Flow(org, names.get(org, org), viewer.count(n, small=small)) for org, n in ranked if n > 0)


def _partners(G: nx.Graph[str], org: str) -> tuple[Partner, ...]:
    found = [
        Partner(
            other,
            str(G.nodes[other].get("name") or other),
            tuple(k for k in ("agreements", "professionals", "referrals") if data.get(k)),
        )
        for other, data in G.adj[org].items()
    ]
    return tuple(sorted(found, key=lambda p: (p.name, p.id)))


def _suggestions(deps: Services, G: nx.Graph[str], org: str, lang: str) -> tuple[tuple[str, str, str], ...]:
    found = suggest_meetings(G, org, top=5, area_names=deps.area_names())
    chosen = language(lang)
    return tuple(
        (
            s.other(org),
            str(G.nodes[s.other(org)].get("name") or s.other(org)),
            "; ".join(r.text(chosen) for r in s.reasons),
        )
        for s in found
    )


def panel_data(
    deps: Services, viewer: Viewer, filters: Filters, org: str, lang: str = "nl"
) -> PanelData | None:
    """What the side panel shows about ``org`` for this viewer (``None`` for an unknown id)."""
    eco = deps.ecosystem()
    record = next((o for o in eco.organisations if o.id == org), None)
    if record is None:
        return None
    G = deps.graph(filters, viewer)
    names = deps.organisation_names()
    agreements = tuple(
        (a.name, agreement_in_force(a, filters.periods)) for a in eco.agreements if org in a.parties
    )
    flows_in = flows_out = None
    if viewer.sees_referrals_of(org):
        incoming, outgoing = _flow_table(deps, filters).get(org, (Counter(), Counter()))
        flows_in, flows_out = _flows(deps, viewer, incoming, names), _flows(deps, viewer, outgoing, names)
    wijken = tuple(
        sorted({c if c.startswith("WK") else f"WK{c[2:8]}" for c in record.areas if c[:2] in ("WK", "BU")})
    )
    return PanelData(
        id=org,
        name=record.name,
        sector=record.sector.value,
        wijken=wijken,
        capacity=record.capacity,
        in_filter=org in G,
        partners=_partners(G, org) if org in G else (),
        agreements=agreements,
        flows_in=flows_in,
        flows_out=flows_out,
        suggestions=_suggestions(deps, G, org, lang) if org in G else (),
    )
