"""What the map page shows, as one viewer may see it.

Plain functions of a :class:`MapSource` (the web app's services satisfy it; each of its
methods is memoised there on the data revision plus the filter and the viewer's layers):
the elements with their positions, node measures for sizing, bottleneck markers,
suggested ties, referral flows per organisation, and the side panel's content. A partner's
graph never has the referral layer, the ``inflow`` measure is refused for partners, and
referral counts of other organisations are left out before anything is returned.

The drawing follows the canvas' shape (``MapRequest.aspect``, measured in the browser): on a
portrait canvas (a phone) the network layout is turned upright (``kaart_layout.turn``), and
what is drawn is stretched to the canvas' width over height. A partner's own organisation and
its partners are marked (classes ``own`` and ``own-partner``, their ties ``own``) and named
first.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final, Protocol, TypeVar

import networkx as nx

from app.access import Viewer
from app.i18n import LABELS, MEASURES, Texts, language
from app.present.common import number, sector_label
from app.present.filters import Filters
from app.present.kaart_elements import (
    GROUP_ABOVE,
    Decor,
    GroupBy,
    Highlights,
    MapOptions,
    Ties,
    Visible,
    build_elements,
    node_sizes,
    of_sectors,
    visible,
)
from app.present.kaart_labels import label_zooms, prefer, short_name
from app.present.kaart_layout import ASPECT, Point, fit_aspect, radial_layout, turn
from app.present.kaart_style import ColourBy, Colours, colours, legend
from app.settings import Settings
from graph.areacodes import wijk_of
from graph.chances import Kind, Suggestion
from graph.coffee import suggest_meetings
from graph.model import Ecosystem
from graph.periods import Period
from graph.project import agreement_in_force

__all__ = [
    "LAYOUTS",
    "SIZE_MEASURES",
    "SPARSE_TIES",
    "TOP_VERBINDERS",
    "Comparison",
    "Flow",
    "MapRequest",
    "MapSource",
    "MapView",
    "PanelData",
    "Partner",
    "bottleneck_marks",
    "canvas_aspect",
    "comparison",
    "export_meta",
    "map_view",
    "measure_values",
    "panel_data",
    "size_choices",
    "suggested_pairs",
    "tooltips",
]

SIZE_MEASURES: Final = ("degree", "betweenness", "weighted_betweenness", "capacity", "inflow")
TOP_VERBINDERS: Final = 10
_ANALYST_ONLY: Final = frozenset({"inflow"})
LAYOUTS: Final = ("network", "wijk")
SPARSE_TIES: Final = 2.0
"""At most this many ties per organisation on average: every tie is part of the backbone. On so
sparse a graph (a partner's map without referrals: 259 ties among 150 organisations, almost all
of weight 1) the disparity filter can tell no tie from another and would keep only the single
ties of organisations with one partner (20 of 259), leaving the structure invisible."""
ASPECT_RANGE: Final = (0.4, 2.5)  # canvas shapes (width / height) the drawing is stretched to
_TIP_WIJKEN: Final = 3
T: Final = Texts(
    {
        "partners": ("{n} samenwerkingspartners", "{n} partners"),
        "wijken": ("Wijken: {names}", "Districts: {names}"),
        "no-wijk": ("geen wijk", "no district"),
        "capacity": ("Capaciteit", "Capacity"),
        "cluster": ("Cluster {n} ({count}, vooral {sector})", "Cluster {n} ({count}, mostly {sector})"),
        "more": ("nog {n}", "{n} more"),
        "whole": ("Hele gemeente", "Whole municipality"),
    }
)


Memoised = TypeVar("Memoised")
FlowCells = Counter[tuple[str, Period]]
"""Referrals by (other organisation, period): the cells a partner's counts are built from."""


class MapSource(Protocol):
    """What the map needs from the app: graphs and memoised measures per filter and viewer."""

    settings: Settings

    def ecosystem(self, areas: tuple[str, ...] = ()) -> Ecosystem: ...
    def graph(self, filters: Filters, viewer: Viewer) -> nx.Graph[str]: ...
    def area_names(self) -> dict[str, str]: ...
    def organisation_names(self) -> dict[str, str]: ...
    def positions(self, viewer: Viewer) -> Mapping[str, Point]: ...
    def group_positions(self, viewer: Viewer, members: frozenset[str]) -> Mapping[str, Point]: ...
    def betweenness(self, filters: Filters, viewer: Viewer, *, weighted: bool) -> dict[str, float]: ...
    def cut_points(self, filters: Filters, viewer: Viewer) -> frozenset[str]: ...
    def inflow(self, filters: Filters) -> dict[str, float]: ...
    def link_suggestions(self, filters: Filters, viewer: Viewer) -> list[Suggestion]: ...
    def meetings(self, filters: Filters, viewer: Viewer, organisation: str) -> list[Suggestion]: ...
    def flow_table(self, filters: Filters) -> dict[str, tuple[FlowCells, FlowCells]]: ...
    def wijk_positions(self, viewer: Viewer) -> dict[str, Point]: ...
    def wijk_blocks(self, viewer: Viewer) -> dict[str, tuple[float, float, float]]: ...
    def label_zooms(
        self,
        viewer: Viewer,
        layout: str,
        measure: str,
        nodes: frozenset[str],
        *,
        turned: bool = False,
        aspect: float | None = None,
    ) -> dict[str, float]: ...
    def backbone(self, filters: Filters, viewer: Viewer) -> frozenset[tuple[str, str]]: ...
    def communities(self, filters: Filters, viewer: Viewer) -> dict[str, int]: ...
    def map_tips(self, filters: Filters, viewer: Viewer, measure: str, lang: str) -> dict[str, list[str]]: ...
    def memo(self, key: Hashable, compute: Callable[[], Memoised]) -> Memoised: ...


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
    ties: Ties = "backbone"
    colour_by: ColourBy = "sector"
    layout: str = "network"
    aspect: float = ASPECT  # the canvas' width / height, as the browser measured it


@dataclass(frozen=True, slots=True)
class MapView:
    """The map's elements and what the legend and status line need."""

    elements: list[dict[str, Any]]
    organisations: int
    ties: int  # among the organisations shown (between groups, when grouped)
    grouped: bool
    markers: tuple[str, ...]
    colouring: Colours = field(default_factory=Colours)
    drawn: int | None = None  # ties drawn one by one, where fewer (the backbone); None: all of them


def _measure(viewer: Viewer, request: MapRequest) -> str:
    return request.size_by if request.size_by in size_choices(viewer) else "degree"


def _highlights(
    source: MapSource,
    viewer: Viewer,
    request: MapRequest,
    values: Mapping[str, float | None],
    *,
    one_by_one: bool = True,
) -> Highlights:
    """Sizes, and the markers asked for where organisations are drawn one by one (``one_by_one``)."""
    sizes = node_sizes(values)
    cuts, hubs = (
        bottleneck_marks(source, request.filters, viewer)
        if request.bottlenecks and one_by_one
        else (frozenset(), frozenset())
    )
    pairs = suggested_pairs(source, request.filters, viewer) if request.suggestions and one_by_one else ()
    return Highlights(cuts, hubs, pairs, sizes)


def _measure_name(measure: str, lang: str) -> str:
    return MEASURES[measure].name(language(lang)) if measure in MEASURES else T("capacity", lang)


def _communities(
    source: MapSource, viewer: Viewer, request: MapRequest, G: nx.Graph[str]
) -> tuple[dict[str, str], dict[str, str]]:
    found = source.communities(request.filters, viewer)
    groups = {n: f"c{c}" for n, c in found.items() if n in G}
    names = {}
    for c in sorted(set(found.values())):
        members = [n for n, k in found.items() if k == c]
        sector = Counter(G.nodes[n].get("sector") or "-" for n in members if n in G).most_common(1)
        label = sector_label(sector[0][0], language(request.lang)) if sector else "-"
        names[f"c{c}"] = T("cluster", request.lang).format(n=c + 1, count=len(members), sector=label.lower())
    return groups, names


def _colouring(
    source: MapSource,
    viewer: Viewer,
    request: MapRequest,
    G: nx.Graph[str],
    values: Mapping[str, float | None],
) -> Colours:
    if request.colour_by == "wijk":
        groups = {n: (G.nodes[n].get("wijken") or ("-",))[0] for n in G}
        names = dict(source.area_names()) | {"-": T("no-wijk", request.lang)}
        return colours("wijk", request.lang, groups=groups, names=names)
    if request.colour_by == "community":
        groups, names = _communities(source, viewer, request, G)
        return colours("community", request.lang, groups=groups, names=names)
    if request.colour_by == "measure":
        name = _measure_name(_measure(viewer, request), request.lang)
        return colours("measure", request.lang, values=values, measure_name=name)
    return Colours()


def tooltips(
    G: nx.Graph[str],
    nodes: Iterable[str],
    lang: str,
    area_names: Mapping[str, str],
    measure: tuple[str, Mapping[str, float | None]] | None,
) -> dict[str, list[str]]:
    """Tooltip lines per organisation: name, sector, wijken, partners (and for analysts the measure).

    The web app memoises them per data revision, filter, viewer, measure and language
    (``Services.map_tips``): formatting thousands of numbers on every draw would cost more
    than drawing.
    """
    chosen = language(lang)
    found = {}
    for node in nodes:
        attrs = G.nodes[node]
        wijken = [area_names.get(w, w) for w in attrs.get("wijken") or ()]
        shown = ", ".join(wijken[:_TIP_WIJKEN]) or T("no-wijk", chosen)
        if len(wijken) > _TIP_WIJKEN:
            shown += ", " + T("more", chosen).format(n=len(wijken) - _TIP_WIJKEN)
        lines = [
            str(attrs.get("name") or node),
            sector_label(str(attrs.get("sector") or "-"), chosen),
            T("wijken", chosen).format(names=shown),
            T("partners", chosen).format(n=G.degree(node)),
        ]
        if measure is not None and measure[0] != "degree":
            value = measure[1].get(node)
            if value is not None:
                lines.append(f"{_measure_name(measure[0], chosen)}: {number(value, chosen)}")
        found[node] = lines
    return found


def _zooms(
    source: MapSource,
    viewer: Viewer,
    layout: str,
    measure: str,
    shown: list[str],
    always: list[str],
    positions: Mapping[str, Point],
    G: nx.Graph[str],
    *,
    turned: bool = False,
    aspect: float | None = None,
) -> dict[str, float]:
    """Label zooms of the drawn organisations (placed among themselves at the positions they are
    drawn at, memoised per data revision, drawn set, orientation and canvas shape ``aspect``
    they are stretched to), then the ``always`` ones (selected, highlighted) first."""
    drawn = source.label_zooms(viewer, layout, measure, frozenset(shown), turned=turned, aspect=aspect)
    first = [n for n in always if n in drawn]
    texts = {n: short_name(str(G.nodes[n].get("name") or n)) for n in drawn}
    return prefer(drawn, first, positions, texts)


def _areas(
    blocks: Mapping[str, tuple[float, float, float]],
    shown: list[str],
    positions: Mapping[str, Point],
    area_names: Mapping[str, str],
    lang: str,
) -> list[dict[str, Any]]:
    """The wijk blocks of the wijk layout as named, light discs under the organisations (not
    clickable). Plain nodes, not compound parents: cytoscape cannot take a parent away when the
    user switches back to the network layout."""
    drawn = [positions[n] for n in shown if n in positions]
    found = []
    for key, (x, y, r) in sorted(blocks.items()):
        if not any((px - x) ** 2 + (py - y) ** 2 <= r * r for px, py in drawn):
            continue
        name = T("whole", lang) if key == "*" else area_names.get(key, key)
        found.append(
            {
                "data": {"id": f"area:{key}", "label": name, "short": name, "size": round(2 * r, 1), "lz": 0},
                "position": {"x": x, "y": y},
                "classes": "area",
                "selectable": False,
                "grabbable": False,
            }
        )
    return found


def _backbone(
    source: MapSource, viewer: Viewer, request: MapRequest, options: MapOptions, G: nx.Graph[str]
) -> frozenset[tuple[str, str]]:
    """The backbone's ties, plus all ties of a focused organisation and of a partner's own one
    (the map is about them); every tie on a sparse graph (:data:`SPARSE_TIES`)."""
    if G.number_of_edges() <= SPARSE_TIES * G.number_of_nodes():
        return frozenset(G.edges())
    kept = source.backbone(request.filters, viewer)
    focus = options.focus if options.steps > 0 else None
    for centre in (focus, viewer.organisation):
        if centre is not None and centre in G:
            kept |= {(centre, other) for other in G.adj[centre]}
    return kept


def _own(viewer: Viewer, G: nx.Graph[str]) -> tuple[str, ...]:
    """A partner's own organisation and its partners (by tie weight), or nothing for analysts."""
    own = viewer.organisation
    if viewer.is_analyst or own is None or own not in G:
        return ()
    partners = sorted(G.adj[own], key=lambda n: (-G.adj[own][n].get("weight", 1), n))
    return (own, *partners)


def _mark_own(elements: list[dict[str, Any]], own: tuple[str, ...]) -> None:
    """Classes ``own`` (the partner's organisation), ``own-partner`` and ``own`` on their ties."""
    if not own:
        return
    partners = set(own[1:])
    for element in elements:
        data, classes = element["data"], element.get("classes", "")
        if "source" in data:
            if "tie" in classes.split() and own[0] in (data["source"], data["target"]):
                element["classes"] = f"{classes} own".strip()
        elif data.get("id") == own[0]:
            element["classes"] = f"{classes} own".strip()
        elif data.get("id") in partners:
            element["classes"] = f"{classes} own-partner".strip()


def canvas_aspect(aspect: object) -> float:
    """The canvas' shape (width / height) within :data:`ASPECT_RANGE`; anything odd: ``ASPECT``.

    >>> canvas_aspect(0.52), canvas_aspect("x"), canvas_aspect(9)
    (0.52, 1.6, 2.5)
    """
    try:
        found = float(aspect)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ASPECT
    return min(ASPECT_RANGE[1], max(ASPECT_RANGE[0], found)) if math.isfinite(found) else ASPECT


def _rings(shown: Visible, focus: str) -> list[list[str]]:
    """The drawn organisations by their number of steps from ``focus`` (1, 2, ...) over drawn ties."""
    adjacent: dict[str, set[str]] = {n: set() for n in shown.nodes}
    for a, b, _, _ in shown.edges:
        adjacent[a].add(b)
        adjacent[b].add(a)
    rings, seen, frontier = [], {focus}, [focus]
    while frontier:
        found = sorted({m for n in frontier for m in adjacent.get(n, ()) if m not in seen})
        seen.update(found)
        if found:
            rings.append(found)
        frontier = found
    rest = sorted(set(shown.nodes) - seen)
    return rings + ([rest] if rest else [])


def _closed_groups(G: nx.Graph[str], options: MapOptions) -> bool:
    """Whether the map draws only closed groups: no focus, no group opened, and more organisations
    of the chosen sectors than ``options.group_above`` (the organisations :func:`visible` keeps)."""
    if options.steps > 0 or options.expanded:
        return False
    return len(of_sectors(G, options.sectors)) > options.group_above


def map_view(source: MapSource, viewer: Viewer, request: MapRequest) -> MapView:
    """The map for one viewer and request: elements with cached positions, and counts.

    A map of closed groups only (:func:`_closed_groups`, the whole map at province size) is the
    same on every canvas shape and for every selection: it is memoised (``source.memo``) per data
    revision, the viewer's layers and the rest of the request, so the redraw for the canvas'
    measured shape and a later visitor's first map do not sum every tie into groups again.
    """
    G = source.graph(request.filters, viewer)
    options = MapOptions(
        sectors=frozenset(request.sectors),
        min_weight=request.min_weight,
        focus=request.selected,
        steps=request.steps if request.selected in G else 0,
        group_by=request.group_by,
        expanded=frozenset(request.expanded),
        referrals=viewer.is_analyst,
        ties=request.ties,
        group_above=GROUP_ABOVE,
    )
    if _closed_groups(G, options):
        key = (
            "kaart-groups",
            request.filters.layer_set(viewer),
            viewer.is_analyst,
            replace(request, aspect=ASPECT, selected=None),
        )
        return source.memo(key, lambda: _view(source, viewer, request, G, options))
    return _view(source, viewer, request, G, options)


def _view(
    source: MapSource, viewer: Viewer, request: MapRequest, G: nx.Graph[str], options: MapOptions
) -> MapView:
    """:func:`map_view`, computed: tooltips, the backbone and markers only where organisations
    are drawn one by one (a closed group shows none of them)."""
    shown = visible(G, options)
    grouped = len(shown.nodes) > options.group_above
    one_by_one = not grouped or bool(options.expanded)
    measure = _measure(viewer, request)
    values = measure_values(source, request.filters, viewer, measure)
    highlights = _highlights(source, viewer, request, values, one_by_one=one_by_one)
    layout = request.layout if request.layout in LAYOUTS else "network"
    positions: Mapping[str, Point] = {}  # a closed group is placed without its members' positions
    if one_by_one:
        positions = source.wijk_positions(viewer) if layout == "wijk" else source.positions(viewer)
    aspect = canvas_aspect(request.aspect)
    turned = aspect < 1 and layout == "network" and not grouped  # a phone: the drawing upright
    if turned:
        positions = turn({n: positions[n] for n in shown.nodes if n in positions})
    own = _own(viewer, G)
    marked = (request.selected, *own, *sorted(highlights.knelpunten), *sorted(highlights.verbinders))
    always = [n for n in dict.fromkeys(marked) if n]
    focus = options.focus if options.steps > 0 and not grouped else None
    focused = focus is not None
    if focus is not None:
        positions = radial_layout(focus, _rings(shown, focus), positions, aspect)
    stretch = layout != "wijk"  # the wijk layout keeps the territory's shape
    if stretch and not grouped:  # stretched to the measured canvas' shape before the names are placed
        positions = fit_aspect({n: positions[n] for n in shown.nodes if n in positions}, aspect)
    if focused:
        order = sorted(shown.nodes, key=lambda n: (-(values.get(n) or 0.0), n))
        texts = {n: short_name(str(G.nodes[n].get("name") or n)) for n in shown.nodes}
        zooms = label_zooms(order, positions, texts, always=[n for n in always if n in positions])
    elif grouped:
        zooms = {}
    else:
        shape = aspect if stretch else None
        zooms = _zooms(
            source, viewer, layout, measure, shown.nodes, always, positions, G, turned=turned, aspect=shape
        )
    colouring = _colouring(source, viewer, request, G, values)
    decor = Decor(
        zooms=zooms,
        colours=colouring.nodes,
        tips=source.map_tips(request.filters, viewer, measure, language(request.lang)) if one_by_one else {},
        backbone=(
            _backbone(source, viewer, request, options, G)
            if request.ties == "backbone" and one_by_one
            else None
        ),
        always=always,
        stretch=stretch and grouped,  # the grouped map: stretched with its groups
        group_positions=lambda members: source.group_positions(viewer, members),
    )
    elements = build_elements(
        G,
        shown,
        positions,
        options,
        highlights,
        lang=request.lang,
        area_names=source.area_names(),
        decor=decor,
    )
    _mark_own(elements, own if not grouped else ())
    if layout == "wijk" and not grouped:
        blocks = source.wijk_blocks(viewer)
        elements = _areas(blocks, shown.nodes, positions, source.area_names(), request.lang) + elements
    markers = (
        (("knelpunt", "verbinder") if request.bottlenecks else ())
        + (("suggested",) if request.suggestions else ())
        + (("own",) if own and not grouped else ())
    )
    drawn = sum(1 for e in elements if "tie" in str(e.get("classes", "")).split())
    return MapView(
        elements,
        len(shown.nodes),
        len(shown.edges),
        grouped,
        markers + (("group",) if grouped else ()),
        colouring,
        drawn=None if grouped or drawn >= len(shown.edges) else drawn,
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
    suggestions: tuple[tuple[str, str, str], ...] = ()  # kennismaken: (id, name, reasons)
    overlaps: tuple[tuple[str, str, str], ...] = ()  # afstemmen, the own sector: (id, name, reasons)


def _flows(source: MapSource, viewer: Viewer, cells: FlowCells, names: Mapping[str, str]) -> tuple[Flow, ...]:
    """Per other organisation, the referrals as this viewer may see them: built from the
    per-period cells (``app.access``), so that no two period ranges can be differenced."""
    small = source.settings.small_count
    by_org: defaultdict[str, list[int]] = defaultdict(list)
    for (org, _), n in cells.items():
        by_org[org].append(n)
    ranked = sorted(by_org.items(), key=lambda item: (-sum(item[1]), item[0]))
    return tuple(
        Flow(org, names.get(org, org), viewer.total(counts, small=small))
        for org, counts in ranked
        if sum(counts) > 0
    )


def _partners(G: nx.Graph[str], org: str) -> tuple[Partner, ...]:
    found = [
        Partner(
            other,
            str(G.nodes[other].get("name") or other),
            tuple(k for k in ("agreements", "professionals", "referrals", "reported") if data.get(k)),
        )
        for other, data in G.adj[org].items()
    ]
    return tuple(sorted(found, key=lambda p: (p.name, p.id)))


def _suggestions(
    source: MapSource, G: nx.Graph[str], org: str, lang: str, kind: Kind = "kennismaken"
) -> tuple[tuple[str, str, str], ...]:
    """Whom ``org`` should meet (``kind`` as in ``graph.coffee.suggest_meetings``), best first."""
    found = suggest_meetings(
        G, org, top=5 if kind == "kennismaken" else 3, area_names=source.area_names(), kind=kind
    )
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
    wijken = tuple(sorted({wijk for wijk in map(wijk_of, record.areas) if wijk is not None}))
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
        overlaps=_suggestions(source, G, org, lang, "afstemmen") if org in G else (),
    )


# --------------------------------------------------------------------------- comparison and export


@dataclass(frozen=True, slots=True)
class Comparison:
    """Several selected organisations side by side: ties among them, shared partners, combined reach."""

    members: tuple[tuple[str, str, int], ...]  # (id, name, partners)
    ties: tuple[tuple[str, str], ...]  # names of tied pairs among the selection
    shared: tuple[tuple[str, int], ...]  # (partner name, how many of the selection it works with)
    reach: int  # organisations tied to at least one of the selection, outside it
    wijken: int  # wijken the selection serves together


def comparison(source: MapSource, viewer: Viewer, filters: Filters, chosen: list[str]) -> Comparison:
    """What several organisations have in common in this viewer's graph (unknown ids are left out)."""
    G = source.graph(filters, viewer)
    picked = sorted({n for n in chosen if n in G}, key=lambda n: str(G.nodes[n].get("name") or n))
    name = {n: str(G.nodes[n].get("name") or n) for n in G}
    inside = set(picked)
    ties = tuple(
        (name[a], name[b]) for i, a in enumerate(picked) for b in picked[i + 1 :] if G.has_edge(a, b)
    )
    counts = Counter(other for n in picked for other in G.adj[n] if other not in inside)
    shared = tuple(
        (name[o], k) for o, k in sorted(counts.items(), key=lambda i: (-i[1], name[i[0]])) if k >= 2
    )
    wijken = {w for n in picked for w in G.nodes[n].get("wijken") or ()}
    return Comparison(
        tuple((n, name[n], G.degree(n)) for n in picked), ties, shared, len(counts), len(wijken)
    )


_EXPORT_TEXTS: Final = Texts(
    {
        "title": ("Ketenkaart: wie werkt met wie", "Ketenkaart: who works with whom"),
        "all-wijken": ("alle wijken", "all districts"),
        "wijken": ("Wijken: {names}", "Districts: {names}"),
        "sectors": ("Sectoren: {names}", "Sectors: {names}"),
        "layers": ("Soorten samenwerking: {names}", "Kinds of tie: {names}"),
        "period": ("Periode: {start} t/m {end}", "Period: {start} to {end}"),
        "backbone": ("ruggengraat van de samenwerkingen", "backbone of the ties"),
        "all-ties": ("alle samenwerkingen", "all ties"),
        "focus": ("Focus: {name}, {steps} stap(pen)", "Focus: {name}, {steps} step(s)"),
        "shown": ("{n} organisaties, {m} samenwerkingen", "{n} organisations, {m} ties"),
    }
)


def export_meta(
    request: MapRequest,
    view: MapView,
    names: Mapping[str, str],
    area_names: Mapping[str, str],
    today: str,
    *,
    referrals: bool = True,
) -> dict[str, Any]:
    """What an exported image draws in besides the map: title, active filters, date and legend.

    ``referrals=False`` (partners): the referral layer, which their map never has, is not listed.
    """
    lang = language(request.lang)
    f = request.filters
    wijken = ", ".join(area_names.get(a, a) for a in f.areas) or _EXPORT_TEXTS("all-wijken", lang)
    lines = [_EXPORT_TEXTS("wijken", lang).format(names=wijken)]
    if request.sectors:
        labels = ", ".join(sector_label(s, lang) for s in request.sectors)
        lines.append(_EXPORT_TEXTS("sectors", lang).format(names=labels))
    drawn = [layer for layer in f.layers if referrals or layer != "referrals"]
    layers = ", ".join(LABELS(f"layer-{layer}", lang).lower() for layer in drawn)
    lines.append(_EXPORT_TEXTS("layers", lang).format(names=layers))
    if f.start or f.end:
        lines.append(_EXPORT_TEXTS("period", lang).format(start=f.start or "…", end=f.end or "…"))
    if request.selected and request.steps:
        who = names.get(request.selected, request.selected)
        lines.append(_EXPORT_TEXTS("focus", lang).format(name=who, steps=request.steps))
    ties = _EXPORT_TEXTS("backbone" if request.ties == "backbone" else "all-ties", lang)
    shown = _EXPORT_TEXTS("shown", lang).format(
        n=number(view.organisations, lang, 0), m=number(view.ties, lang, 0)
    )
    lines.append(shown + f" ({ties})")
    items = legend(lang, markers=view.markers, colouring=view.colouring)
    return {
        "title": _EXPORT_TEXTS("title", lang),
        "lines": lines,
        "date": today,
        "legend": [{"text": i.text, "colour": i.colour, "kind": i.kind, "key": i.key} for i in items],
    }
