"""How the map looks: the cytoscape stylesheet as data, sector colours and the legend.

Elements (``app.present.kaart_elements``) carry classes and a few data fields (``label``, ``size``,
``width``); this stylesheet turns them into colours, sizes and markers. Names show at
any zoom on nodes with the class ``labelled`` (``app.present.kaart_elements`` sets it when few nodes are
visible), on group, selected and highlighted nodes; on bigger maps the others appear as
the user zooms in (cytoscape's ``min-zoomed-font-size``).

>>> SECTOR_COLOURS["welzijn"]
'#e69f00'
>>> [item.key for item in legend("en")][:2]
['zorg', 'welzijn']
>>> any(rule["selector"] == "edge.suggested" for rule in stylesheet())
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from app.i18n import Texts, language
from app.present.common import SECTOR_COLOURS, sector_label

__all__ = ["MARKERS", "SECTOR_COLOURS", "LegendItem", "legend", "stylesheet"]

_UNKNOWN_COLOUR: Final = "#c8c8c8"
_SELECTED: Final = "#111111"
_KNELPUNT: Final = "#b3261e"
_VERBINDER: Final = "#0b6e99"

T: Final = Texts(
    {
        "knelpunt": ("Knelpunt (valt hij weg, dan raken partners afgesneden)", "Bottleneck (cut vertex)"),
        "verbinder": ("Verbinder (veel routes lopen erlangs)", "Connector (many routes run through it)"),
        "suggested": ("Voorgestelde samenwerking (stippellijn)", "Suggested tie (dashed)"),
        "group": ("Groep: klik om open te klappen", "Group: click to expand"),
    }
)
MARKERS: Final = ("knelpunt", "verbinder", "suggested", "group")


@dataclass(frozen=True, slots=True)
class LegendItem:
    """One legend entry: a key (sector code or marker), its text and colour, and its kind."""

    key: str
    text: str
    colour: str
    kind: str  # "sector" or "marker"


def legend(lang: object, *, markers: tuple[str, ...] = MARKERS) -> list[LegendItem]:
    """The legend: each sector with its colour, then the markers shown on the map."""
    marker_colours = {
        "knelpunt": _KNELPUNT,
        "verbinder": _VERBINDER,
        "suggested": "#6b7280",
        "group": "#e5e7eb",
    }
    sectors = [
        LegendItem(code, sector_label(code, language(lang)), colour, "sector")
        for code, colour in SECTOR_COLOURS.items()
    ]
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
                "font-size": 10,
                "color": "#1f2933",
                "text-valign": "bottom",
                "text-margin-y": 2,
                "label": "data(label)",
                # Bigger maps: names appear once the user zooms in past 2x. Cytoscape compares
                # font-size x zoom rounded up to a power of two (1.15 counts as 2) with this.
                "min-zoomed-font-size": 30,
            },
        },
        *_sector_rules(),
        {"selector": "node.labelled", "style": {"min-zoomed-font-size": 0}},
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
                "min-zoomed-font-size": 0,
            },
        },
        {
            "selector": "node.verbinder",
            "style": {
                "border-width": 4,
                "border-color": _VERBINDER,
                "label": "data(label)",
                "min-zoomed-font-size": 0,
            },
        },
        {
            "selector": "node.knelpunt",
            "style": {
                "border-width": 5,
                "border-color": _KNELPUNT,
                "border-style": "double",
                "label": "data(label)",
                "min-zoomed-font-size": 0,
            },
        },
        {
            "selector": "node.focus",
            "style": {
                "border-width": 5,
                "border-color": _SELECTED,
                "label": "data(label)",
                "min-zoomed-font-size": 0,
            },
        },
        {
            "selector": "node:selected",
            "style": {
                "border-width": 5,
                "border-color": _SELECTED,
                "label": "data(label)",
                "min-zoomed-font-size": 0,
            },
        },
        {
            "selector": "edge",
            "style": {
                "width": "data(width)",
                "line-color": "#b8c0c8",
                "opacity": 0.55,
                "curve-style": "haystack",
            },
        },
        {"selector": "edge.aggregate", "style": {"line-color": "#8895a2", "opacity": 0.7}},
        {
            "selector": "edge.suggested",
            "style": {
                "line-style": "dashed",
                "line-color": "#6b7280",
                "width": 2,
                "opacity": 0.95,
                "curve-style": "straight",
            },
        },
    ]
