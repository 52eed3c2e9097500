"""The areas of Ketendam with their invented kerncijfers and outlines."""

from __future__ import annotations

import random
from dataclasses import replace

from graph.model import Area
from loaders.demo.areas import _WIJKEN, _areas
from loaders.demo.boundaries import _boundaries
from loaders.demo.figures import Figures, _figures, _summed

__all__ = ["_described_areas"]


def _pairs(figures: Figures) -> tuple[tuple[str, float], ...]:
    return tuple((name, float(value)) for name, value in figures.items())


def _described_areas(seed: int) -> list[Area]:
    """Every area (as ``_areas``) with CBS-like indicators and a GeoJSON boundary.

    Figures and outlines come from their own random stream, so adding them changed
    nothing else in the demo; the same seed gives the same figures and outlines.
    """
    rng = random.Random(f"ketendam-areas-{seed}")
    figures = _figures(rng, [len(buurten) for _, buurten in _WIJKEN])
    town, outlines = _boundaries(rng)
    flat = [(_summed([wijk for wijk, _ in figures]), town)]  # in _areas() order
    for (wijk, buurten), (outline, buurt_outlines) in zip(figures, outlines, strict=True):
        flat.append((wijk, outline))
        flat.extend(zip(buurten, buurt_outlines, strict=True))
    return [
        replace(area, indicators=_pairs(found), boundary=boundary)
        for area, (found, boundary) in zip(_areas(), flat, strict=True)
    ]
