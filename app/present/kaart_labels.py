"""Which names the map shows at which zoom, placed on the server so no two labels overlap.

Names are drawn below their node at a fixed screen size (``FONT_PX``: the page's script sets
cytoscape's font size to ``FONT_PX / zoom`` on every zoom), so a label's box in map units
shrinks as the user zooms in. Two labels ``i`` and ``j`` (node centres ``x, y``, radii ``r``,
text widths ``w`` and the common height ``h`` in screen pixels) overlap at zoom ``z`` while

    |x_i - x_j| < (w_i + w_j) / (2 z)   and   |(y_i + r_i) - (y_j + r_j)| < h / z,

that is below the zoom ``z_ij = min((w_i + w_j) / (2 |dx|), h / |dy|)``. Node radii differ by
at most ``SLACK`` (the sizes follow the chosen measure and the filter), so ``|dy|`` is taken
as ``|y_i - y_j| - SLACK``: the placement holds for any node sizes. :func:`label_zooms`
walks the organisations from the most to the least important and gives each the lowest zoom
at which its label clears every more important label already shown there: a label is shown
from its zoom upwards, and no two shown labels overlap at any zoom (a greedy placement in
the spirit of Been, Daiches & Yap 2006, "Dynamic map labeling"). Stretching the positions
apart (:func:`app.present.kaart_layout.fit_aspect`) only lowers every ``z_ij``, so the
zooms stay valid; so does showing only some of the organisations.

>>> zooms = label_zooms(["a", "b"], {"a": (0, 0), "b": (60, 0)}, {"a": "Alfa", "b": "Beta"})
>>> round(zooms["a"], 2), round(zooms["b"], 2)
(0.0, 0.6)
>>> short_name("Gemeente Ketendam - Servicepunt Het Anker")
'Servicepunt Het Anker'
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np
import numpy.typing as npt

__all__ = [
    "CHAR_EM",
    "FONT_PX",
    "MAX_ZOOM",
    "SHORT_CHARS",
    "label_width",
    "label_zooms",
    "prefer",
    "short_name",
]

FONT_PX: Final = 12.0  # the labels' font size on screen, whatever the zoom
CHAR_EM: Final = 0.62  # a generous average character width of the sans-serif font, in em
LINE_EM: Final = 1.35  # a label's height in em (with the white halo around the text)
PAD_PX: Final = 6.0  # free space kept around each label, in screen pixels
SHORT_CHARS: Final = 28
MAX_ZOOM: Final = 4.0  # the map's largest zoom: a label needing more is never shown
NEVER: Final = math.inf
NODE_RADIUS: Final = 14.0  # the largest node's radius in map units (``kaart_elements``: 8 to 28 across)
SLACK: Final = 10.0  # half the spread of node diameters: labels sit below nodes of any size
MARGIN_PX: Final = 2.0  # between a node and its label, on screen
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]


def short_name(name: str, limit: int = SHORT_CHARS) -> str:
    """``name`` cut to ``limit`` characters at most, at a word when one ends late enough, with "…".

    A long ``"<parent> - <unit>"`` name keeps the unit's part (the full name shows on hover).

    >>> short_name("Buurtzorg Ketendam"), short_name("Stichting Maatschappelijke Dienstverlening Noord", 24)
    ('Buurtzorg Ketendam', 'Stichting Maatschappeli…')
    """
    name = " ".join(name.split())
    if len(name) <= limit:
        return name
    _, dash, tail = name.rpartition(" - ")
    if dash and len(tail) >= 8:  # "Gemeente Ketendam - Werk en Inkomen": the specific part says most
        return short_name(tail, limit)
    cut = name[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" -–,") + "…"


def label_width(text: str, font_px: float = FONT_PX) -> float:
    """The width in screen pixels a label is given (generous, plus the padding)."""
    return len(text) * CHAR_EM * font_px + PAD_PX


def _clash(
    x: FloatArray, y: FloatArray, half: FloatArray, i: int, idx: IntArray, height: float
) -> FloatArray:
    """The zooms below which label ``i`` overlaps each of the labels ``idx``."""
    dx = np.abs(x[idx] - x[i])
    dy = np.maximum(np.abs(y[idx] - y[i]) - SLACK, 0.0)
    with np.errstate(divide="ignore"):
        found: FloatArray = np.minimum((half[idx] + half[i]) / dx, height / dy)
    return found


def _covers(dx: FloatArray, dy: FloatArray, half: FloatArray | float, height: float) -> FloatArray:
    """The zooms below which a label (half width ``half`` on screen) covers a node at ``dx, dy``
    (map units, from the label's node to the other node). The other node is taken at its
    largest radius and the label as starting anywhere between its node's smallest and largest edge."""
    sx = np.abs(dx) - NODE_RADIUS
    sy = dy - NODE_RADIUS
    with np.errstate(divide="ignore", invalid="ignore"):
        zx = np.where(sx <= 0, NEVER, half / sx)
        zy = np.where(sy < NODE_RADIUS, NEVER, (height + MARGIN_PX) / (sy - NODE_RADIUS))
        found: FloatArray = np.minimum(zx, zy)
    found[dy + NODE_RADIUS <= 4.0] = 0.0  # the other node lies above the label
    return found


def label_zooms(
    order: Sequence[str],
    positions: Mapping[str, tuple[float, float]],
    texts: Mapping[str, str],
    *,
    font_px: float = FONT_PX,
    always: Sequence[str] = (),
) -> dict[str, float]:
    """For each node in ``order`` (most important first) the lowest zoom at which its label shows.

    No shown label overlaps another shown label, nor the node of another shown label (the
    stylesheet draws labelled nodes above the others, so only those could hide a name).

    ``always`` (selected and highlighted nodes) are placed first and shown at any zoom, as far
    as they clear each other. Nodes whose label would need more than ``MAX_ZOOM`` get ``inf``.
    O(n²) time in NumPy, O(n) memory: 0.1 s for 2,000 organisations.
    """
    first = [n for n in always if n in positions]
    chosen = set(first)
    ranked = first + [n for n in order if n in positions and n not in chosen]
    count = len(ranked)
    x = np.array([positions[n][0] for n in ranked], dtype=float)
    y = np.array([positions[n][1] for n in ranked], dtype=float)
    half = np.array([label_width(texts.get(n, n), font_px) / 2 for n in ranked], dtype=float)
    height = LINE_EM * font_px + PAD_PX
    zoom = np.full(count, NEVER)
    shown = np.zeros(count, dtype=bool)
    for i in range(count):
        idx = np.flatnonzero(shown)
        need = 0.0
        if len(idx):
            clash = np.maximum(
                _clash(x, y, half, i, idx, height),
                np.maximum(  # its label over their nodes, their labels over its node
                    _covers(x[idx] - x[i], y[idx] - y[i], half[i], height),
                    _covers(x[i] - x[idx], y[i] - y[idx], half[idx], height),
                ),
            )
            blocking = clash > zoom[idx]
            if blocking.any():
                need = max(need, float(clash[blocking].max()))
        if need <= MAX_ZOOM:
            zoom[i] = need
            shown[i] = True
    return {node: float(zoom[i]) for i, node in enumerate(ranked)}


def prefer(
    zooms: Mapping[str, float],
    always: Sequence[str],
    positions: Mapping[str, tuple[float, float]],
    texts: Mapping[str, str],
    *,
    font_px: float = FONT_PX,
) -> dict[str, float]:
    """``zooms`` with the ``always`` nodes (selected, highlighted) shown first: theirs placed among
    themselves from zoom 0, every other label's zoom raised where it would clash with one of them.

    >>> pos = {"a": (0, 0), "b": (60, 0)}
    >>> z = label_zooms(["a", "b"], pos, {"a": "Alfa", "b": "Beta"})
    >>> p = prefer(z, ["b"], pos, {"a": "Alfa", "b": "Beta"})
    >>> round(p["b"], 2), round(p["a"], 2)  # "b" first now, "a" waits until both fit
    (0.0, 0.6)
    """
    chosen = [n for n in dict.fromkeys(always) if n in positions]
    if not chosen:
        return dict(zooms)
    first = label_zooms(chosen, positions, texts, font_px=font_px)
    rest = [n for n in zooms if n not in first and n in positions]
    ranked = list(first) + rest
    x = np.array([positions[n][0] for n in ranked], dtype=float)
    y = np.array([positions[n][1] for n in ranked], dtype=float)
    half = np.array([label_width(texts.get(n, n), font_px) / 2 for n in ranked], dtype=float)
    height = LINE_EM * font_px + PAD_PX
    zoom = np.array([first[n] for n in first] + [zooms[n] for n in rest], dtype=float)
    others = np.arange(len(first), len(ranked))
    for i in range(len(first)):
        if not math.isfinite(zoom[i]) or len(others) == 0:
            continue
        clash = np.maximum(
            _clash(x, y, half, i, others, height),
            np.maximum(
                _covers(x[others] - x[i], y[others] - y[i], half[i], height),
                _covers(x[i] - x[others], y[i] - y[others], half[others], height),
            ),
        )
        blocked = clash > zoom[i]
        zoom[others[blocked]] = np.maximum(zoom[others[blocked]], clash[blocked])
    zoom[len(first) :][zoom[len(first) :] > MAX_ZOOM] = NEVER
    return {node: float(zoom[i]) for i, node in enumerate(ranked)}
