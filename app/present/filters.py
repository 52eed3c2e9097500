"""The filter every page shares, as plain data: wijken, kinds of tie and a period range."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.access import Viewer
from graph.periods import Period, PeriodRange
from graph.project import LAYER_NAMES, Layers

__all__ = ["Filters"]


def _period(code: object) -> Period | None:
    try:
        return Period.parse(str(code)) if code else None
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Filters:
    """The filter every page shares: wijken, kinds of tie and a period range.

    Built from what the browser's filter store holds; anything unknown is dropped, so
    a stale or tampered store can only narrow the view, never break it.

    >>> data = {"areas": ["WK990101"], "layers": ["referrals", "nonsense"], "start": "2025-01"}
    >>> f = Filters.from_data(data)
    >>> f.layers, f.periods.start.code, f.periods.end
    (('referrals',), '2025-01', None)
    >>> Filters.from_data(f.to_data()) == f
    True
    """

    areas: tuple[str, ...] = ()
    layers: tuple[str, ...] = LAYER_NAMES
    start: str | None = None
    end: str | None = None

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None) -> Filters:
        """Filters from a ``dcc.Store``'s data (``None``: no filter)."""
        data = data or {}
        areas = tuple(sorted({str(a) for a in data.get("areas") or () if a}))
        layers = tuple(name for name in LAYER_NAMES if name in set(data.get("layers") or LAYER_NAMES))
        start, end = _period(data.get("start")), _period(data.get("end"))
        return cls(areas, layers, start.code if start else None, end.code if end else None)

    def to_data(self) -> dict[str, Any]:
        """The filter as a ``dcc.Store`` holds it."""
        return {"areas": list(self.areas), "layers": list(self.layers), "start": self.start, "end": self.end}

    @property
    def periods(self) -> PeriodRange:
        """The period range."""
        return PeriodRange(_period(self.start), _period(self.end))

    def layer_set(self, viewer: Viewer) -> Layers:
        """The layers this viewer gets: partners never get the referral layer of others."""
        names = [n for n in self.layers if viewer.is_analyst or n != "referrals"]
        return Layers.parse(names)
