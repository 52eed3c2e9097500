"""How the map looks: the cytoscape stylesheet as data, sector colours and the legend.

Elements (``app.present.kaart_elements``) carry classes and a few data fields (``label``, ``short``
where the name is long, ``size``, ``colour``); this stylesheet turns them into colours, sizes and
markers. A name shows on nodes with the class ``lbl``, which the page's script (``assets/kaart.js``)
gives every node whose label zoom ``lz`` the current zoom has reached; the script also keeps
the font at ``FONT_PX`` on screen. :func:`colours` colours the map by sector (the classes),
wijk, community or a measure (``data(colour)``), and the legend follows.

>>> SECTOR_COLOURS["welzijn"]
'#e69f00'
>>> [item.key for item in legend("en")][:2]
['zorg', 'welzijn']
>>> any(rule["selector"] == "edge.suggested" for rule in stylesheet())
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from app.i18n import Texts, language
from app.present.common import SECTOR_COLOURS, number, sector_label
from app.present.kaart_elements import tie_rules
from app.present.kaart_labels import FONT_PX

__all__ = [
    "COLOUR_BY",
    "MARKERS",
    "PALETTE",
    "SECTOR_COLOURS",
    "ColourBy",
    "Colours",
    "LegendItem",
    "colours",
    "legend",
    "scale_colour",
    "stylesheet",
]

_UNKNOWN_COLOUR: Final = "#c8c8c8"
_SELECTED: Final = "#111111"
_KNELPUNT: Final = "#b3261e"
_VERBINDER: Final = "#0b6e99"
_OWN: Final = "#1f2933"

T: Final = Texts(
    {
        "knelpunt": ("Knelpunt (valt hij weg, dan raken partners afgesneden)", "Bottleneck (cut vertex)"),
        "verbinder": ("Verbinder (veel routes lopen erlangs)", "Connector (many routes run through it)"),
        "suggested": ("Voorgestelde samenwerking (stippellijn)", "Suggested tie (dashed)"),
        "group": ("Groep: klik om open te klappen", "Group: click to expand"),
        "own": ("Uw organisatie en haar partners (omrand)", "Your organisation and its partners (outlined)"),
        "community": ("Cluster {n} ({count}, vooral {sector})", "Cluster {n} ({count}, mostly {sector})"),
        "other-communities": ("Kleinere clusters", "Smaller clusters"),
        "other-wijken": ("Overige wijken", "Other districts"),
        "no-wijk": ("Geen wijk", "No district"),
        "low": ("laag", "low"),
        "high": ("hoog", "high"),
    }
)
ColourBy = Literal["sector", "wijk", "community", "measure"]
COLOUR_BY: Final = ("sector", "wijk", "community", "measure")
PALETTE: Final = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#86bcb6",
    "#d37295",
    "#a0cbe8",
)  # Tableau 10 plus two: distinct for up to 12 groups; the rest share a grey
_REST: Final = "#bab0ac"
_SCALE: Final = ("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725")  # viridis, perceptually even


def scale_colour(t: float) -> str:
    """The colour at ``t`` (0..1) on the continuous scale (viridis, linear between five stops).

    >>> scale_colour(0.0), scale_colour(1.0), scale_colour(0.125)
    ('#440154', '#fde725', '#402a70')
    """
    t = min(1.0, max(0.0, t)) * (len(_SCALE) - 1)
    i = min(int(t), len(_SCALE) - 2)
    f = t - i
    a, b = _SCALE[i], _SCALE[i + 1]
    mix = [round(int(a[k : k + 2], 16) * (1 - f) + int(b[k : k + 2], 16) * f) for k in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in mix)


@dataclass(frozen=True, slots=True)
class Colours:
    """Node colours (empty: by sector, through the classes) and the legend entries that explain them."""

    nodes: Mapping[str, str] = field(default_factory=dict)
    items: tuple[LegendItem, ...] = ()


def _ranked_groups(groups: Mapping[str, str]) -> list[tuple[str, list[str]]]:
    members: dict[str, list[str]] = {}
    for node, group in groups.items():
        members.setdefault(group, []).append(node)
    return sorted(members.items(), key=lambda item: (-len(item[1]), item[0]))


def colours(
    by: str,
    lang: object,
    *,
    groups: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    values: Mapping[str, float | None] | None = None,
    measure_name: str = "",
) -> Colours:
    """Node colours and legend for colouring by ``by``.

    ``groups`` (wijk or community per node, with their display ``names``) for the categorical
    modes, ``values`` for ``"measure"``; ``"sector"`` needs neither (the stylesheet's classes).
    The 12 largest groups get their own colour, the rest share grey.

    >>> c = colours("measure", "en", values={"a": 0.0, "b": 2.0, "c": None}, measure_name="Degree")
    >>> c.nodes["a"], c.nodes["b"], [i.text for i in c.items]
    ('#440154', '#fde725', ['Degree: low (0.00)', 'Degree: high (2.00)'])
    """
    chosen = language(lang)
    if by == "measure" and values is not None:
        known = [v for v in values.values() if v is not None]
        low, high = (min(known), max(known)) if known else (0.0, 0.0)
        span = (high - low) or 1.0
        nodes = {
            n: scale_colour(((v or 0.0) - low) / span) if v is not None else _UNKNOWN_COLOUR
            for n, v in values.items()
        }
        items = (
            LegendItem(
                "low", f"{measure_name}: {T('low', lang)} ({number(low, chosen)})", _SCALE[0], "scale"
            ),
            LegendItem(
                "high", f"{measure_name}: {T('high', lang)} ({number(high, chosen)})", _SCALE[-1], "scale"
            ),
        )
        return Colours(nodes, items)
    if by in ("wijk", "community") and groups is not None:
        ranked = _ranked_groups(groups)
        nodes, legend_items = {}, []
        for i, (group, members) in enumerate(ranked):
            colour = PALETTE[i] if i < len(PALETTE) else _REST
            nodes.update(dict.fromkeys(members, colour))
            if i < len(PALETTE):
                text = (names or {}).get(group, group)
                legend_items.append(LegendItem(group, text, colour, "group"))
        if len(ranked) > len(PALETTE):
            rest = T("other-communities" if by == "community" else "other-wijken", lang)
            legend_items.append(LegendItem("rest", rest, _REST, "group"))
        return Colours(nodes, tuple(legend_items))
    return Colours()


MARKERS: Final = ("knelpunt", "verbinder", "suggested", "group", "own")


@dataclass(frozen=True, slots=True)
class LegendItem:
    """One legend entry: a key (sector code or marker), its text and colour, and its kind."""

    key: str
    text: str
    colour: str
    kind: str  # "sector", "group", "scale" or "marker"


def legend(
    lang: object, *, markers: tuple[str, ...] = MARKERS, colouring: Colours | None = None
) -> list[LegendItem]:
    """The legend: each sector (or the ``colouring``'s entries) with its colour, then the markers."""
    marker_colours = {
        "knelpunt": _KNELPUNT,
        "verbinder": _VERBINDER,
        "suggested": "#d97706",
        "group": "#e5e7eb",
        "own": _OWN,
    }
    sectors = [
        LegendItem(code, sector_label(code, language(lang)), colour, "sector")
        for code, colour in SECTOR_COLOURS.items()
    ]
    if colouring is not None and colouring.items:
        sectors = list(colouring.items)
    marks = [LegendItem(key, T(key, lang), marker_colours[key], "marker") for key in markers]
    return sectors + marks


def _sector_rules() -> list[dict[str, Any]]:
    return [
        {"selector": f"node.sector-{code}", "style": {"background-color": colour}}
        for code, colour in SECTOR_COLOURS.items()
    ]


def stylesheet() -> list[dict[str, Any]]:
    """The cytoscape stylesheet of the map (plain data, the same for every viewer)."""
    return [
        {
            "selector": "node",
            "style": {
                "width": "data(size)",
                "height": "data(size)",
                "background-color": _UNKNOWN_COLOUR,
                "border-width": 1,
                "border-color": "#ffffff",
                "font-size": FONT_PX,
                "font-family": "Helvetica, Arial, sans-serif",
                "color": "#1f2933",
                "text-valign": "bottom",
                "text-margin-y": 2,
                "text-outline-color": "#ffffff",
                "text-outline-width": 2,
                "text-outline-opacity": 0.9,
                "label": "",
                "z-index": 1,
            },
        },
        *_sector_rules(),
        {"selector": "node[colour]", "style": {"background-color": "data(colour)"}},
        {"selector": "node.lbl", "style": {"label": "data(label)", "z-index": 2}},
        {
            "selector": "node.group",
            "style": {
                "label": "data(label)",
                "shape": "round-rectangle",
                "font-size": 14,
                "font-weight": "bold",
                "text-valign": "center",
                "text-wrap": "wrap",
                "text-max-width": "data(size)",
                "border-width": 3,
                "border-color": "#ffffff",
                "background-opacity": 0.85,
            },
        },
        {
            "selector": "node.verbinder",
            "style": {"border-width": 3, "border-color": _VERBINDER, "z-index": 10},
        },
        {
            "selector": "node.knelpunt",
            "style": {"border-width": 4, "border-color": _KNELPUNT, "border-style": "double", "z-index": 11},
        },
        {"selector": "node.focus", "style": {"border-width": 4, "border-color": _SELECTED, "z-index": 12}},
        {"selector": "node.own-partner", "style": {"border-width": 2.5, "border-color": _OWN, "z-index": 8}},
        {
            "selector": "node.own",
            "style": {"border-width": 5, "border-color": _OWN, "font-weight": "bold", "z-index": 15},
        },
        {
            "selector": "node:selected",
            "style": {
                "border-width": 4,
                "border-color": _SELECTED,
                "label": "data(label)",
                "font-weight": "bold",
                "z-index": 20,
            },
        },
        {"selector": "node.lbl[short], node:selected[short]", "style": {"label": "data(short)"}},
        {"selector": "node.faded", "style": {"opacity": 0.25}},
        {
            "selector": "node.area",
            "style": {
                "background-color": "#dfe6ec",
                "background-opacity": 0.45,
                "border-width": 1,
                "border-color": "#b8c2cc",
                "label": "data(label)",
                "text-valign": "top",
                "font-weight": "bold",
                "color": "#52606d",
                "events": "no",
                "z-index": 0,
            },
        },
        {
            "selector": "edge",
            "style": {
                "width": 1,
                "line-color": "#8c96a0",
                "opacity": 0.5,
                "curve-style": "haystack",
                "z-index": 0,
                "events": "no",  # ties are not clicked: a click always reaches the node under it
            },
        },
        *tie_rules(),  # width and opacity by class (kaart_elements)
        {"selector": "edge.aggregate", "style": {"line-color": "#6b7785"}},
        {"selector": "edge.faded", "style": {"opacity": 0.06}},
        {"selector": "edge.own", "style": {"line-color": _OWN, "opacity": 0.8, "z-index": 3}},
        {"selector": "edge.near", "style": {"line-color": "#1f2933", "opacity": 0.9}},
        {
            "selector": "edge.suggested",
            "style": {
                "line-style": "dashed",
                "line-color": "#d97706",
                "width": 2.5,
                "opacity": 1,
                "curve-style": "straight",
                "z-index": 5,
            },
        },
    ]
