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
the spirit of Been, Daiches & Yap 2006, "Dynamic map labeling"). A clash falls off with the
distance, so the shown labels near each new one are found in a grid of cells (``_Grid``)
rather than by checking every pair: the same zooms (tested against the pair-by-pair
placement) in about O(n log n) instead of O(n²). Stretching the positions
apart (:func:`app.present.kaart_layout.fit_aspect`) only lowers every ``z_ij``, so the
zooms stay valid; so does showing only some of the organisations. The map places the names at
the positions as drawn (already stretched to the measured canvas shape), so the zooms are no
higher than they need to be.

>>> zooms = label_zooms(["a", "b"], {"a": (0, 0), "b": (60, 0)}, {"a": "Alfa", "b": "Beta"})
>>> round(zooms["a"], 2), round(zooms["b"], 2)
(0.0, 0.64)
>>> short_name("Gemeente Ketendam - Servicepunt Het Anker")
'Servicepunt Het Anker'
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np
import numpy.typing as npt

__all__ = [
    "CHAR_EM",
    "FONT_PX",
    "HALO_PX",
    "MAX_ZOOM",
    "SHORT_CHARS",
    "label_width",
    "label_zooms",
    "prefer",
    "short_name",
]

FONT_PX: Final = 12.0  # the labels' font size on screen, whatever the zoom
CHAR_EM: Final = 0.62  # a generous average character width, in em: characters not in ``_ADVANCE``
LINE_EM: Final = 1.35  # a label's height in em (with the white halo around the text)
PAD_PX: Final = 6.0  # free space kept around each label, in screen pixels
HALO_PX: Final = 10.0  # what the browser draws beyond the text's advance: the 2 px white outline and more
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


_ADVANCE: Final[dict[str, int]] = {  # Helvetica's advance widths in 1/1000 em (Arial's are the same)
    **dict.fromkeys("ijl", 222),
    **dict.fromkeys(" ft/.,I", 278),
    **dict.fromkeys("r-()", 333),
    **dict.fromkeys("ckJsvxyz", 500),
    **dict.fromkeys("abdeghnopqu0123456789L", 556),
    **dict.fromkeys("FTZ", 611),
    **dict.fromkeys("ABEKPSVXY&", 667),
    **dict.fromkeys("wCDHNRU", 722),
    **dict.fromkeys("GOQ", 778),
    **dict.fromkeys("mM", 833),
    "W": 944,
    "'": 191,
    "\u2019": 222,
    "\u2026": 1000,
}


def _advance(char: str) -> float:
    """A character's advance width in em: Helvetica's, an accented letter as its base letter's,
    a wide (East Asian) character 1 em, anything else ``CHAR_EM``."""
    found = _ADVANCE.get(char) or _ADVANCE.get(unicodedata.normalize("NFD", char)[:1])
    if found:
        return found / 1000
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else CHAR_EM


def label_width(text: str, font_px: float = FONT_PX) -> float:
    """The width in screen pixels a label is given: its text's advance in the map's font
    (``_ADVANCE``, the font the stylesheet names first), the browser's halo, and the padding.

    Measured in headless Chromium (Liberation Sans, Arial's metrics) on the demo's 150 names:
    the rendered label box is the text's advance plus 5.6 to 9.1 px, never more than
    ``HALO_PX``; a flat ``CHAR_EM`` per character gave every label some 15% more room than it
    takes, so fewer names fit at the fit zoom.

    >>> round(label_width("Wmo-loket"), 1), round(label_width("WWW") - label_width("iii"), 1)
    (73.3, 26.0)
    """
    return sum(_advance(char) for char in text) * font_px + HALO_PX + PAD_PX


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


class _Grid:
    """The label anchors bucketed in square cells, row by row, for window queries.

    The anchors sorted by cell (``order``) keep each row of cells contiguous, so the anchors in
    a window of cells are one slice per row of the window.
    """

    def __init__(self, x: FloatArray, y: FloatArray) -> None:
        count = len(x)
        self.x0, self.y0 = float(x.min()), float(y.min())
        wide, high = float(x.max()) - self.x0, float(y.max()) - self.y0
        target = max(count / 2.0, 1.0)  # about two anchors per cell
        self.cell = max(math.sqrt(wide * high / target), max(wide, high) / target, 1.0)
        self.columns = int(wide // self.cell) + 1
        self.rows = int(high // self.cell) + 1
        self.cx = np.minimum(((x - self.x0) // self.cell).astype(np.intp), self.columns - 1)
        self.cy = np.minimum(((y - self.y0) // self.cell).astype(np.intp), self.rows - 1)
        ids = self.cy * self.columns + self.cx
        self.order: IntArray = np.argsort(ids, kind="stable")
        self.starts: IntArray = np.searchsorted(ids[self.order], np.arange(self.rows * self.columns + 1))

    def window(self, i: int, k: int) -> tuple[IntArray, bool]:
        """The anchors within ``k`` cells of anchor ``i``'s cell; whether that is every anchor.

        Any anchor outside lies at least ``k * cell`` from anchor ``i`` along x or along y.
        """
        c0, c1 = max(int(self.cx[i]) - k, 0), min(int(self.cx[i]) + k, self.columns - 1)
        r0, r1 = max(int(self.cy[i]) - k, 0), min(int(self.cy[i]) + k, self.rows - 1)
        starts, order, columns = self.starts, self.order, self.columns
        parts = [order[starts[r * columns + c0] : starts[r * columns + c1 + 1]] for r in range(r0, r1 + 1)]
        whole = c0 == 0 and r0 == 0 and c1 == self.columns - 1 and r1 == self.rows - 1
        return np.concatenate(parts), whole


def _beyond(apart: float, half: float, widest: float, height: float) -> float:
    """An upper bound of every clash (:func:`_clash`, :func:`_covers` both ways) between a label of
    half width ``half`` and any label (half width at most ``widest``) whose node lies at least
    ``apart`` away along x or along y."""
    if apart <= 2 * NODE_RADIUS or apart <= SLACK:
        return NEVER
    return max(
        (half + widest) / apart,
        height / (apart - SLACK),
        max(half, widest) / (apart - NODE_RADIUS),
        (height + MARGIN_PX) / (apart - 2 * NODE_RADIUS),
    )


_FEW: Final = 48  # up to this many shown labels, each next one is checked against all of them
_SCALAR: Final = 24  # up to this many labels to check, plain floats beat array operations


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

    A label's zoom is its largest clash with a shown label, and a clash falls off with the
    distance, so the shown labels are looked up in a grid of cells around it, in windows
    that double until nothing beyond the window could clash more than what is found
    (:func:`_beyond`) or the zoom passes ``MAX_ZOOM``: the same result as checking every
    pair (the tests compare both on random maps), in about O(n log n) time for a map's
    spread of positions instead of O(n²).
    """
    first = [n for n in always if n in positions]
    chosen = set(first)
    ranked = first + [n for n in order if n in positions and n not in chosen]
    if not ranked:
        return {}
    placement = _Placement(
        np.array([positions[n][0] for n in ranked], dtype=float),
        np.array([positions[n][1] for n in ranked], dtype=float),
        np.array([label_width(texts.get(n, n), font_px) / 2 for n in ranked], dtype=float),
        LINE_EM * font_px + PAD_PX,
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        for i in range(len(ranked)):
            placement.place(i)
    return {node: float(zoom) for node, zoom in zip(ranked, placement.zoom.tolist(), strict=True)}


class _Placement:
    """The labels placed so far: anchors, half widths, zooms, and which are shown."""

    def __init__(self, x: FloatArray, y: FloatArray, half: FloatArray, height: float) -> None:
        count = len(x)
        self.x, self.y, self.half, self.height = x, y, half, height
        self.xs, self.ys, self.halves = x.tolist(), y.tolist(), half.tolist()
        self.zoom: FloatArray = np.full(count, NEVER)
        self.zooms = [NEVER] * count
        self.shown = np.zeros(count, dtype=bool)
        self.placed: IntArray = np.empty(count, dtype=np.intp)
        self.done = 0
        self.widest = float(half.max())
        self.grid = _Grid(x, y)

    def place(self, i: int) -> None:
        """Give label ``i`` the lowest zoom at which it clears every shown label (or ``NEVER``)."""
        k = 1
        while True:
            if self.done <= _FEW:
                idx, whole = self.placed[: self.done], True
            else:
                near, whole = self.grid.window(i, k)
                idx = near[self.shown[near]]
            need = self._need_few(i, idx.tolist()) if len(idx) <= _SCALAR else self._need(i, idx)
            if need > MAX_ZOOM:
                return
            if whole or need >= _beyond(k * self.grid.cell, self.halves[i], self.widest, self.height):
                break
            k *= 2
        self.zoom[i] = self.zooms[i] = need
        self.shown[i] = True
        self.placed[self.done] = i
        self.done += 1

    def _need(self, i: int, idx: IntArray) -> float:
        """The lowest zoom at which label ``i`` clears the shown labels ``idx`` (from their zooms up).

        :func:`_clash` and :func:`_covers` both ways, fused: the same floating-point operations
        in fewer array passes (floating-point warnings off).
        """
        if not len(idx):
            return 0.0
        xi, yi, hi, height = self.x[i], self.y[i], self.half[i], self.height
        hs = self.half[idx]
        dx = np.abs(self.x[idx] - xi)
        dy = self.y[idx] - yi
        clash = np.minimum((hs + hi) / dx, height / np.maximum(np.abs(dy) - SLACK, 0.0))
        sx = dx - NODE_RADIUS
        far = sx <= 0
        tall = height + MARGIN_PX
        for h, up in ((hi, dy), (hs, -dy)):  # its label over their nodes, their labels over its node
            sy = up - NODE_RADIUS
            zx = h / sx
            zx[far] = NEVER
            zy = tall / (sy - NODE_RADIUS)
            zy[sy < NODE_RADIUS] = NEVER
            cover = np.minimum(zx, zy)
            cover[up + NODE_RADIUS <= 4.0] = 0.0
            np.maximum(clash, cover, out=clash)
        return float(np.where(clash > self.zoom[idx], clash, 0.0).max())

    def _need_few(self, i: int, idx: list[int]) -> float:
        """:meth:`_need` on plain floats (the same operations, so the same result), for a few labels."""
        xs, ys, halves, zooms, height = self.xs, self.ys, self.halves, self.zooms, self.height
        xi, yi, hi = xs[i], ys[i], halves[i]
        tall = height + MARGIN_PX
        need = 0.0
        for j in idx:
            dx = abs(xs[j] - xi)
            dy = ys[j] - yi
            hj = halves[j]
            apart = max(abs(dy) - SLACK, 0.0)
            clash = min((hj + hi) / dx if dx > 0 else NEVER, height / apart if apart > 0 else NEVER)
            sx = dx - NODE_RADIUS
            for h, up in ((hi, dy), (hj, -dy)):
                if up + NODE_RADIUS <= 4.0:
                    continue  # the node lies above the label: cover 0
                sy = up - NODE_RADIUS
                zx = NEVER if sx <= 0 else h / sx
                zy = NEVER if sy < NODE_RADIUS or sy - NODE_RADIUS == 0 else tall / (sy - NODE_RADIUS)
                clash = max(clash, min(zx, zy))
            if clash > zooms[j] and clash > need:
                need = clash
                if need > MAX_ZOOM:
                    break
        return need


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
    (0.0, 0.64)
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
