"""The grid placement of labels gives exactly what checking every pair of labels gives.

``reference_zooms`` is the placement written the plain way: every label against every shown
label, O(n²). The module's placement looks labels up in a grid and stops once nothing
farther could matter; on random maps (uniform, clustered, on a lattice with ties in
position, with selected labels first) both must agree to the last bit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pytest

from app.present import kaart_labels
from app.present.kaart_labels import (
    FONT_PX,
    LINE_EM,
    MARGIN_PX,
    MAX_ZOOM,
    NODE_RADIUS,
    PAD_PX,
    SLACK,
    label_width,
    label_zooms,
)

NEVER = math.inf


def reference_zooms(
    order: Sequence[str],
    positions: Mapping[str, tuple[float, float]],
    texts: Mapping[str, str],
    always: Sequence[str] = (),
) -> dict[str, float]:
    """Each label, most important first, at the lowest zoom where it clears every shown label."""
    first = [n for n in always if n in positions]
    ranked = first + [n for n in order if n in positions and n not in set(first)]
    x = np.array([positions[n][0] for n in ranked], dtype=float)
    y = np.array([positions[n][1] for n in ranked], dtype=float)
    half = np.array([label_width(texts.get(n, n)) / 2 for n in ranked], dtype=float)
    height = LINE_EM * FONT_PX + PAD_PX
    zoom = np.full(len(ranked), NEVER)
    shown: list[int] = []

    def covers(dx: np.ndarray, dy: np.ndarray, h: np.ndarray | float) -> np.ndarray:
        sx, sy = np.abs(dx) - NODE_RADIUS, dy - NODE_RADIUS
        zx = np.where(sx <= 0, NEVER, h / sx)
        zy = np.where(sy < NODE_RADIUS, NEVER, (height + MARGIN_PX) / (sy - NODE_RADIUS))
        found = np.minimum(zx, zy)
        found[dy + NODE_RADIUS <= 4.0] = 0.0
        return found

    with np.errstate(divide="ignore", invalid="ignore"):
        for i in range(len(ranked)):
            idx = np.array(shown, dtype=np.intp)
            need = 0.0
            if len(idx):
                dx, dy = x[idx] - x[i], y[idx] - y[i]
                apart = np.maximum(np.abs(dy) - SLACK, 0.0)
                clash = np.minimum((half[idx] + half[i]) / np.abs(dx), height / apart)
                clash = np.maximum(clash, np.maximum(covers(dx, dy, half[i]), covers(-dx, -dy, half[idx])))
                blocking = clash > zoom[idx]
                if blocking.any():
                    need = float(clash[blocking].max())
            if need <= MAX_ZOOM:
                zoom[i] = need
                shown.append(i)
    return {n: float(zoom[i]) for i, n in enumerate(ranked)}


def _map(seed: int) -> tuple[list[str], dict[str, tuple[float, float]], dict[str, str], list[str]]:
    """A random map: uniform, clustered or on a lattice (many equal coordinates), random names."""
    rng = np.random.default_rng(seed)
    count = int(rng.integers(1, 1800))
    kind = seed % 3
    if kind == 0:
        points = rng.random((count, 2)) * float(rng.choice([60.0, 600.0, 45.0 * math.sqrt(count), 20_000.0]))
    elif kind == 1:
        centres = rng.random((int(rng.integers(1, 12)), 2)) * 3000
        points = centres[rng.integers(0, len(centres), count)] + rng.normal(
            0, rng.uniform(20, 300), (count, 2)
        )
    else:
        points = np.round(rng.random((count, 2)) * 40) * 36.0
    positions = {f"n{i}": (float(a), float(b)) for i, (a, b) in enumerate(points)}
    texts = {n: "Organisatie " + "x" * int(rng.integers(0, 24)) for n in positions}
    order = list(positions)
    rng.shuffle(order)
    always = order[-int(rng.integers(0, 4)) :] if seed % 2 else []
    return order, positions, texts, always


@pytest.mark.parametrize("seed", range(24))
def test_grid_placement_equals_checking_every_pair(seed: int) -> None:
    order, positions, texts, always = _map(seed)
    expected = reference_zooms(order, positions, texts, always)
    assert label_zooms(order, positions, texts, always=always) == expected
    assert any(z == 0.0 for z in expected.values())


def test_grid_placement_is_not_quadratic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Four times the organisations on four times the area: far fewer than 16 times the label
    comparisons (counted, not timed: speed itself is measured in benchmarks/bench_app.py)."""
    compared = [0]
    many, few = kaart_labels._Placement._need, kaart_labels._Placement._need_few

    def counted_many(self: kaart_labels._Placement, i: int, idx: np.ndarray) -> float:
        compared[0] += len(idx)
        return many(self, i, idx)

    def counted_few(self: kaart_labels._Placement, i: int, idx: list[int]) -> float:
        compared[0] += len(idx)
        return few(self, i, idx)

    monkeypatch.setattr(kaart_labels._Placement, "_need", counted_many)
    monkeypatch.setattr(kaart_labels._Placement, "_need_few", counted_few)

    def comparisons(count: int) -> int:
        rng = np.random.default_rng(count)
        points = rng.random((count, 2)) * 45.0 * math.sqrt(count)
        positions = {f"n{i}": (float(a), float(b)) for i, (a, b) in enumerate(points)}
        compared[0] = 0
        label_zooms(list(positions), positions, {n: f"Organisatie {n}" for n in positions})
        return compared[0]

    small, large = comparisons(1000), comparisons(4000)
    assert 0 < large < 6 * small, (small, large)
