"""Cytoscape elements of the map, from an organisation graph: plain data, O(nodes + ties).

:func:`visible` applies the page's own filters (sectors, minimum tie weight, focus on a
neighbourhood); :func:`build_elements` turns what is visible into cytoscape elements with
server-side positions. Above ``group_above`` visible organisations the map shows one group
node per sector (or wijk) with its member count, and ties between groups summed
(``aggregate`` edges), laid out as a graph of groups (:func:`app.present.kaart_layout.group_layout`);
an *expanded* group shows its members in place. Each node carries its name (``label``), its
short name where that is shorter (``short``) and the zoom from which it is shown (``lz``,
:mod:`app.present.kaart_labels`); with ``ties="backbone"`` only the backbone's ties are drawn.

Referral counts are only put on edges when ``referrals=True`` (analysts): otherwise a
tie's weight is computed from agreements and shared professionals alone, whatever the
graph holds, and no edge carries a ``referrals`` key.

>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_node("A", name="Alfa", sector="zorg", wijken=("WK1",))
>>> G.add_node("B", name="Beta", sector="wonen", wijken=("WK1",))
>>> G.add_edge("A", "B", agreements=1, professionals=0, referrals=7, weight=8)
>>> els = build_elements(G, visible(G, MapOptions()), {"A": (0, 0), "B": (10, 0)}, MapOptions())
>>> [e["data"]["id"] for e in els], els[2]["data"]["weight"], "referrals" in els[2]["data"]
(['A', 'B', 'A~B'], 1, False)
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

import networkx as nx

from app.i18n import language
from app.present.common import sector_label
from app.present.kaart_labels import MAX_ZOOM, NEVER, label_zooms, short_name
from app.present.kaart_layout import fit_aspect, group_layout

__all__ = [
    "GROUP_ABOVE",
    "GROUP_PREFIX",
    "LABEL_UP_TO",
    "Decor",
    "GroupBy",
    "Highlights",
    "MapOptions",
    "Ties",
    "Visible",
    "build_elements",
    "group_key",
    "node_sizes",
    "of_sectors",
    "tie_rules",
    "toggle_group",
    "visible",
]

GROUP_ABOVE: Final = 1500
LABEL_UP_TO: Final = 60
GROUP_PREFIX: Final = "group:"
_LAYERS_SEEN: Final = ("agreements", "professionals", "reported")  # all a partner may see
_MIN_SIZE: Final = 8.0  # kaart_labels.NODE_RADIUS is half the largest
_MAX_SIZE: Final = 28.0
_LOG: Final = tuple(math.log1p(w) for w in range(256))  # weights above 255 count as 255 for opacity

GroupBy = Literal["sector", "wijk"]
Ties = Literal["backbone", "all"]
Point = tuple[float, float]
Edge = tuple[str, str, int, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class MapOptions:
    """What the page asks the map to show.

    ``sectors`` empty: all sectors; ``steps`` 0: no focus, else the ``steps``-neighbourhood
    of ``focus``; ``expanded`` holds group keys (``"sector:zorg"``, ``"wijk:WK990101"``).
    """

    sectors: frozenset[str] = frozenset()
    min_weight: float = 1
    focus: str | None = None
    steps: int = 0
    group_by: GroupBy = "sector"
    expanded: frozenset[str] = frozenset()
    group_above: int = GROUP_ABOVE
    label_up_to: int = LABEL_UP_TO
    referrals: bool = False
    ties: Ties = "all"


@dataclass(frozen=True, slots=True)
class Highlights:
    """Markers drawn on the map: bottlenecks, connectors, suggested ties, node sizes."""

    knelpunten: frozenset[str] = frozenset()
    verbinders: frozenset[str] = frozenset()
    suggested: tuple[tuple[str, str], ...] = ()
    sizes: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Decor:
    """What the presenter adds per node and tie: label zooms, colours, tooltip lines, the backbone.

    ``zooms`` empty: placed here from the drawn positions; ``backbone`` ``None``: not computed;
    ``group_positions``: positions of an opened group's members, laid out among themselves
    (memoised by the caller), ``None``: their places on the whole map (``positions``).
    """

    zooms: Mapping[str, float] = field(default_factory=dict)
    colours: Mapping[str, str] = field(default_factory=dict)
    tips: Mapping[str, Sequence[str]] = field(default_factory=dict)
    backbone: Collection[tuple[str, str]] | None = None
    always: Sequence[str] = ()
    stretch: bool = True
    group_positions: Callable[[frozenset[str]], Mapping[str, Point]] | None = None


@dataclass(frozen=True, slots=True)
class Visible:
    """The organisations and ties the map shows, in graph order; ``weight`` as the viewer may see it."""

    nodes: list[str]
    edges: list[Edge]


def _weight(data: Mapping[str, Any], referrals: bool) -> int:
    if referrals:
        return int(data.get("weight", 0) or 0)
    return sum(int(data.get(layer, 0) or 0) for layer in _LAYERS_SEEN)


def _neighbourhood(
    G: nx.Graph[str], start: str, steps: int, keep: set[str], min_weight: float, referrals: bool
) -> set[str]:
    seen, queue = {start}, deque([(start, 0)])
    while queue:
        node, depth = queue.popleft()
        if depth == steps:
            continue
        for other, data in G.adj[node].items():
            if other not in seen and other in keep and _weight(data, referrals) >= min_weight:
                seen.add(other)
                queue.append((other, depth + 1))
    return seen


def of_sectors(G: nx.Graph[str], sectors: frozenset[str]) -> list[str]:
    """The organisations of ``G`` in ``sectors`` (all when it is empty), in graph order."""
    return [n for n in G if not sectors or G.nodes[n].get("sector") in sectors]


def visible(G: nx.Graph[str], options: MapOptions) -> Visible:
    """The organisations and ties left after the sector, weight and focus filters.

    A focused organisation is always shown (also when its sector is filtered out), with
    the organisations within ``steps`` ties that pass the filters.
    """
    keep = set(of_sectors(G, options.sectors))
    if options.steps > 0 and options.focus is not None and options.focus in G:
        keep = _neighbourhood(G, options.focus, options.steps, keep, options.min_weight, options.referrals)
    nodes = [n for n in G if n in keep]
    edges = []
    for a, b, data in G.edges(data=True):
        if a in keep and b in keep:
            weight = _weight(data, options.referrals)
            if weight >= options.min_weight and weight > 0:
                edges.append((a, b, weight, data))
    return Visible(nodes, edges)


def node_sizes(values: Mapping[str, float | None]) -> dict[str, float]:
    """Node diameters in pixels from measure values: square-root scaled between 8 and 28.

    >>> node_sizes({"a": 0.0, "b": 4.0, "c": None})
    {'a': 8.0, 'b': 28.0, 'c': 8.0}
    """
    top = max((v for v in values.values() if v is not None and v > 0), default=0.0)
    span = _MAX_SIZE - _MIN_SIZE
    return {
        node: round(_MIN_SIZE + span * math.sqrt(max(v or 0.0, 0.0) / top), 1) if top else _MIN_SIZE
        for node, v in values.items()
    }


def group_key(G: nx.Graph[str], node: str, group_by: GroupBy) -> str:
    """The group an organisation falls in: ``"sector:<code>"`` or ``"wijk:<first wijk>"``."""
    attrs = G.nodes[node]
    if group_by == "wijk":
        wijken = attrs.get("wijken") or ()
        return f"wijk:{wijken[0] if wijken else '-'}"
    return f"sector:{attrs.get('sector') or '-'}"


def toggle_group(expanded: Iterable[str], key: str) -> list[str]:
    """The expanded groups after a click on group ``key`` (opens it, or closes it again).

    >>> toggle_group(["sector:zorg"], "sector:wonen"), toggle_group(["sector:zorg"], "sector:zorg")
    (['sector:wonen', 'sector:zorg'], [])
    """
    chosen = set(expanded)
    chosen ^= {key}
    return sorted(chosen)


def _width(weight: float, cap: float) -> float:
    return round(min(cap, 1.0 + math.log2(max(weight, 1.0))), 2)


def _node(
    G: nx.Graph[str], node: str, at: Point, size: float, classes: list[str], decor: Decor, zoom: float
) -> dict[str, Any]:
    attrs = G.nodes[node]
    sector = attrs.get("sector") or "-"
    name = str(attrs.get("name") or node)
    data: dict[str, Any] = {"id": node, "label": name, "size": size}
    short = short_name(name)
    if short != name:  # no ``short``: the name is short enough (the stylesheet shows ``label``)
        data["short"] = short
    if zoom <= MAX_ZOOM:  # no ``lz``: the name is never shown
        data["lz"] = round(zoom, 3)
    if node in decor.colours:
        data["colour"] = decor.colours[node]
    if node in decor.tips:
        tip = list(decor.tips[node])
        data["tip"] = tip[1:] if tip and tip[0] == name else tip  # the page puts the name first
    return {
        "data": data,
        "position": {"x": at[0], "y": at[1]},
        "classes": " ".join([f"sector-{sector}", *classes]),
    }


def _opacity(weight: float, top: float) -> float:
    """Tie opacity from 0.25 (weight 0) to 0.85 (the heaviest drawn), on a log scale."""
    return round(0.25 + 0.6 * _LOG[min(int(weight), 255)] / _LOG[min(int(max(top, 1.0)), 255)], 2)


def _look(weight: float, cap: float, top: float) -> str:
    """A tie's width and opacity as classes (``w<2 x width>``, ``o<20 x opacity>``, :func:`tie_rules`)."""
    return f"w{round(_width(weight, cap) * 2)} o{round(_opacity(weight, top) * 20)}"


def tie_rules() -> list[dict[str, Any]]:
    """The stylesheet rules of the ties' width and opacity classes: width 1 to 14 in half pixels,
    opacity 0.25 to 0.85 in steps of 0.05 (styles by class: a tie's element carries no style)."""
    widths = [{"selector": f"edge.w{n}", "style": {"width": n / 2}} for n in range(2, 29)]
    return widths + [{"selector": f"edge.o{n}", "style": {"opacity": n / 20}} for n in range(5, 18)]


def _edge(
    a: str, b: str, weight: float, data: Mapping[str, Any], referrals: bool, top: float
) -> dict[str, Any]:
    payload: dict[str, Any] = {"id": f"{a}~{b}", "source": a, "target": b, "weight": weight}
    if referrals:
        payload["referrals"] = int(data.get("referrals", 0) or 0)
    return {"data": payload, "classes": f"tie {_look(weight, 6.0, top)}"}


def _node_classes(node: str, highlights: Highlights, focus: str | None) -> list[str]:
    classes = []
    if node in highlights.knelpunten:
        classes.append("knelpunt")
    if node in highlights.verbinders:
        classes.append("verbinder")
    if node == focus:
        classes.append("focus")
    return classes


def _suggested(pairs: Sequence[tuple[str, str]], drawn: Collection[str]) -> list[dict[str, Any]]:
    return [
        {"data": {"id": f"suggested:{a}~{b}", "source": a, "target": b}, "classes": "suggested"}
        for a, b in pairs
        if a in drawn and b in drawn
    ]


def _group_label(key: str, count: int, lang: object, area_names: Mapping[str, str]) -> str:
    kind, _, value = key.partition(":")
    name = sector_label(value, language(lang)) if kind == "sector" else area_names.get(value, value)
    return f"{name} ({count})"


def _group_size(count: int) -> float:
    return round(30.0 + 6.0 * math.sqrt(count), 1)


def _group_nodes(
    members: Mapping[str, Sequence[str]],
    centres: Mapping[str, Point],
    lang: object,
    area_names: Mapping[str, str],
) -> list[dict[str, Any]]:
    found = []
    for key in sorted(members):
        count = len(members[key])
        kind, _, value = key.partition(":")
        classes = f"group sector-{value}" if kind == "sector" else "group"
        label = _group_label(key, count, lang, area_names)
        found.append(
            {
                "data": {
                    "id": GROUP_PREFIX + key,
                    "group": key,
                    "label": label,
                    "count": count,
                    "size": _group_size(count),
                    "lz": 0,
                },
                "position": {"x": centres[key][0], "y": centres[key][1]},
                "classes": classes,
            }
        )
    return found


def _aggregate(
    edges: Iterable[Edge], rep: Mapping[str, str], referrals: bool, keep: Collection[tuple[str, str]] | None
) -> list[dict[str, Any]]:
    """Ties between drawn nodes: member-member ties as they are (``keep``: only those), the others summed."""
    summed: dict[tuple[str, str], list[int]] = {}
    plain = []
    top = max((weight for _, _, weight, _ in edges), default=1) if isinstance(edges, list) else 1
    for a, b, weight, data in edges:
        ra, rb = rep[a], rep[b]
        if ra == a and rb == b:
            if keep is None or (a, b) in keep or (b, a) in keep:
                plain.append(_edge(a, b, weight, data, referrals, top))
        elif ra != rb:
            pair = (ra, rb) if ra < rb else (rb, ra)
            total = summed.setdefault(pair, [0, 0])
            total[0] += weight
            total[1] += 1
    top_sum = max((w for w, _ in summed.values()), default=1)
    for (a, b), (weight, ties) in summed.items():
        payload = {"id": f"{a}~{b}", "source": a, "target": b, "weight": weight, "ties": ties}
        plain.append({"data": payload, "classes": f"aggregate {_look(weight, 14.0, top_sum)}"})
    return plain


def _group_ties(edges: Iterable[Edge], key_of: Mapping[str, str]) -> dict[tuple[str, str], float]:
    ties: dict[tuple[str, str], float] = defaultdict(float)
    for a, b, weight, _ in edges:
        ka, kb = key_of[a], key_of[b]
        if ka != kb:
            ties[(ka, kb) if ka < kb else (kb, ka)] += weight
    return ties


def _grouped_positions(
    G: nx.Graph[str], shown: Visible, positions: Mapping[str, Point], options: MapOptions, decor: Decor
) -> tuple[dict[str, list[str]], dict[str, Point], dict[str, Point]]:
    """Members per group, group centres and the positions of opened groups' members."""
    key_of = {node: group_key(G, node, options.group_by) for node in shown.nodes}
    members: dict[str, list[str]] = defaultdict(list)
    for node in shown.nodes:
        members[key_of[node]].append(node)
    sizes = {key: _group_size(len(nodes)) for key, nodes in members.items()}
    opened = options.expanded & set(members)
    if decor.group_positions is not None:  # opened groups laid out on their own: not the whole map
        own = decor.group_positions
        positions = {n: p for key in opened for n, p in own(frozenset(members[key])).items()}
    centres, inside = group_layout(members, _group_ties(shown.edges, key_of), sizes, positions, opened)
    return dict(members), centres, inside


def build_elements(
    G: nx.Graph[str],
    shown: Visible,
    positions: Mapping[str, Point],
    options: MapOptions,
    highlights: Highlights = Highlights(),
    *,
    lang: object = "nl",
    area_names: Mapping[str, str] | None = None,
    decor: Decor = Decor(),
) -> list[dict[str, Any]]:
    """Cytoscape elements (nodes first, then ties, then suggested ties) for what is visible.

    ``positions`` should hold every node (missing ones are drawn at the origin);
    ``highlights.sizes`` gives node diameters (default: the smallest size).
    """
    grouped = len(shown.nodes) > options.group_above
    rep: dict[str, str] = {}
    closed: dict[str, list[str]] = {}
    centres: dict[str, Point] = {}
    if grouped:
        members, centres, inside = _grouped_positions(G, shown, positions, options, decor)
        closed = {key: nodes for key, nodes in members.items() if key not in options.expanded}
        for key, nodes in members.items():
            for node in nodes:
                rep[node] = node if key in options.expanded else GROUP_PREFIX + key
        singles = [node for node in shown.nodes if rep[node] == node]
        drawn_at: Mapping[str, Point] = inside
    else:
        singles = list(shown.nodes)
        rep = {node: node for node in singles}
        drawn_at = positions
    sizes = {node: highlights.sizes.get(node, _MIN_SIZE) for node in singles}
    at = {node: drawn_at.get(node, (0.0, 0.0)) for node in singles}
    if decor.stretch:
        at, centres = _stretched(at, centres, closed)
    zooms = dict(decor.zooms) if decor.zooms and not grouped else _place(singles, at, sizes, G, decor)
    focus = options.focus if options.steps > 0 else None
    elements = [
        _node(
            G,
            node,
            at[node],
            sizes[node],
            _node_classes(node, highlights, focus),
            decor,
            zooms.get(node, NEVER),
        )
        for node in singles
    ]
    elements += _group_nodes(closed, centres, lang, area_names or {})
    keep = decor.backbone if options.ties == "backbone" else None
    elements += _aggregate(shown.edges, rep, options.referrals, keep)
    elements += _suggested(highlights.suggested, set(singles))
    return elements


def _stretched(
    at: dict[str, Point], centres: dict[str, Point], closed: Mapping[str, Sequence[str]]
) -> tuple[dict[str, Point], dict[str, Point]]:
    """Drawn positions stretched to the canvas' shape (:func:`app.present.kaart_layout.fit_aspect`)."""
    both = fit_aspect(at | {GROUP_PREFIX + key: centres[key] for key in closed})
    return {n: both[n] for n in at}, {key: both[GROUP_PREFIX + key] for key in closed}


def _place(
    singles: Sequence[str],
    at: Mapping[str, Point],
    sizes: Mapping[str, float],
    G: nx.Graph[str],
    decor: Decor,
) -> dict[str, float]:
    order = sorted(singles, key=lambda n: (-sizes[n], n))
    texts = {n: short_name(str(G.nodes[n].get("name") or n)) for n in singles}
    return label_zooms(order, at, texts, always=decor.always)
