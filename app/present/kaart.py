"""What the map page shows, as one viewer may see it.

Plain functions of a :class:`MapSource` (the web app's services satisfy it; each of its
methods is memoised there on the data revision plus the filter and the viewer's layers):
the elements with their positions, node measures for sizing, bottleneck markers,
suggested ties, referral flows per organisation, and the side panel's content. A partner's
graph never has the referral layer, the ``inflow`` measure is refused for partners, and
referral counts of other organisations are left out before anything is returned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

import networkx as nx

from app.access import Viewer
from app.i18n import language
from app.present.filters import Filters
from app.present.kaart_elements import (
    GroupBy,
    Highlights,
    MapOptions,
    build_elements,
    node_sizes,
    visible,
)
from app.present.kaart_layout import Point
from app.settings import Settings
from graph.chances import Suggestion
from graph.coffee import suggest_meetings
from graph.model import Ecosystem
from graph.project import agreement_in_force

__all__ = [
    "SIZE_MEASURES",
    "TOP_VERBINDERS",
    "Flow",
    "MapRequest",
    "MapSource",
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


class MapSource(Protocol):
    """What the map needs from the app: graphs and memoised measures per filter and viewer."""

    settings: Settings

    def ecosystem(self, areas: tuple[str, ...] = ()) -> Ecosystem: ...
    def graph(self, filters: Filters, viewer: Viewer) -> nx.Graph[str]: ...
    def area_names(self) -> dict[str, str]: ...
    def organisation_names(self) -> dict[str, str]: ...
    def positions(self, viewer: Viewer) -> dict[str, Point]: ...
    def betweenness(self, filters: Filters, viewer: Viewer, *, weighted: bool) -> dict[str, float]: ...
    def cut_points(self, filters: Filters, viewer: Viewer) -> frozenset[str]: ...
    def inflow(self, filters: Filters) -> dict[str, float]: ...
    def link_suggestions(self, filters: Filters, viewer: Viewer) -> list[Suggestion]: ...
    def meetings(self, filters: Filters, viewer: Viewer, organisation: str) -> list[Suggestion]: ...
    def flow_table(self, filters: Filters) -> dict[str, tuple[Counter[str], Counter[str]]]: ...


def size_choices(viewer: Viewer) -> tuple[str, ...]:
    """The measures this viewer may size the map by (``inflow`` is for analysts)."""
    return tuple(m for m in SIZE_MEASURES if viewer.is_analyst or m not in _ANALYST_ONLY)


def measure_values(
    source: MapSource, filters: Filters, viewer: Viewer, measure: str
) -> dict[str, float | None]:
    """The values of a sizing measure for every organisation in this viewer's graph.

    Raises
    ------
    PermissionError
        For ``inflow`` (referral counts) asked by a partner.
    """
    if measure not in size_choices(viewer):
        raise PermissionError(f"measure {measure!r} is not available for this role")
    G = source.graph(filters, viewer)
    if measure == "degree":
        return {n: float(d) for n, d in G.degree()}
    if measure == "capacity":
        capacities = {n: G.nodes[n].get("capacity") for n in G}
        return {n: (float(c) if c is not None else None) for n, c in capacities.items()}
    if measure == "inflow":
        flows = source.inflow(filters)
        return {n: flows.get(n, 0.0) for n in G}
    return dict(source.betweenness(filters, viewer, weighted=measure == "weighted_betweenness"))


def bottleneck_marks(
    source: MapSource, filters: Filters, viewer: Viewer
) -> tuple[frozenset[str], frozenset[str]]:
    """Knelpunten (articulation points) and the top verbinders (highest betweenness, above 0)."""
    cuts = source.cut_points(filters, viewer)
    scores = source.betweenness(filters, viewer, weighted=False)
    ranked = sorted((n for n, s in scores.items() if s > 0), key=lambda n: (-scores[n], n))
    return cuts, frozenset(ranked[:TOP_VERBINDERS])


def suggested_pairs(source: MapSource, filters: Filters, viewer: Viewer) -> tuple[tuple[str, str], ...]:
    """Suggested ties: the analysis' suggestions for analysts, a partner's own coffee suggestions."""
    G = source.graph(filters, viewer)
    if viewer.is_analyst:
        found = source.link_suggestions(filters, viewer)
    elif viewer.organisation is not None and viewer.organisation in G:
        found = source.meetings(filters, viewer, viewer.organisation)
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


def _highlights(source: MapSource, viewer: Viewer, request: MapRequest) -> Highlights:
    measure = request.size_by if request.size_by in size_choices(viewer) else "degree"
    sizes = node_sizes(measure_values(source, request.filters, viewer, measure))
    cuts, hubs = (
        bottleneck_marks(source, request.filters, viewer)
        if request.bottlenecks
        else (frozenset(), frozenset())
    )
    pairs = suggested_pairs(source, request.filters, viewer) if request.suggestions else ()
    return Highlights(cuts, hubs, pairs, sizes)


def map_view(source: MapSource, viewer: Viewer, request: MapRequest) -> MapView:
    """The map for one viewer and request: elements with cached positions, and counts."""
    G = source.graph(request.filters, viewer)
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
    highlights = _highlights(source, viewer, request)
    elements = build_elements(
        G,
        shown,
        source.positions(viewer),
        options,
        highlights,
        lang=request.lang,
        area_names=source.area_names(),
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


def _flows(
    source: MapSource, viewer: Viewer, counts: Counter[str], names: Mapping[str, str]
) -> tuple[Flow, ...]:
    small = source.settings.small_count
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


def _suggestions(
    source: MapSource, G: nx.Graph[str], org: str, lang: str
) -> tuple[tuple[str, str, str], ...]:
    found = suggest_meetings(G, org, top=5, area_names=source.area_names())
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
    source: MapSource, viewer: Viewer, filters: Filters, org: str, lang: str = "nl"
) -> PanelData | None:
    """What the side panel shows about ``org`` for this viewer (``None`` for an unknown id)."""
    eco = source.ecosystem()
    record = next((o for o in eco.organisations if o.id == org), None)
    if record is None:
        return None
    G = source.graph(filters, viewer)
    names = source.organisation_names()
    agreements = tuple(
        (a.name, agreement_in_force(a, filters.periods)) for a in eco.agreements if org in a.parties
    )
    flows_in = flows_out = None
    if viewer.sees_referrals_of(org):
        incoming, outgoing = source.flow_table(filters).get(org, (Counter(), Counter()))
        flows_in, flows_out = _flows(source, viewer, incoming, names), _flows(source, viewer, outgoing, names)
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
        suggestions=_suggestions(source, G, org, lang) if org in G else (),
    )
