"""What callbacks work with: the store, the settings and memoised analysis, per app.

``create_app`` puts one :class:`Services` on the Flask app; a callback reaches it with
:func:`services`. Snapshots, graphs, analyses and map positions are memoised on the
store's revision plus the filter, so a reload of the data makes every cached result
stale at once, and nothing per user lives in module globals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

import networkx as nx
from cachetools import LRUCache
from flask import current_app

from app.access import Viewer
from app.settings import Settings
from app.users import Users
from graph.analysis import analyse
from graph.model import Ecosystem, Scope
from graph.periods import Period, PeriodRange
from graph.project import LAYER_NAMES, Layers, organisation_graph
from graph.timeline import periods_of
from queries.base import Store

__all__ = ["EXTENSION", "Filters", "Services", "services", "within"]

EXTENSION = "ketenkaart"
T = TypeVar("T")


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


@dataclass
class Services:
    """One app's store, settings and memo of computed results."""

    settings: Settings
    store: Store
    users: Users | None = None
    cache_size: int = 64
    _memo: LRUCache[Hashable, Any] = field(init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _computing: dict[Hashable, threading.Lock] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._memo = LRUCache(maxsize=self.cache_size)

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once per key and data revision; later calls return the stored value.

        Concurrent requests for the same cold key compute it once (a lock per key);
        requests for other keys are not held up.
        """
        full = (self.store.revision(), key)
        with self._lock:
            if full in self._memo:
                return cast(T, self._memo[full])
            key_lock = self._computing.setdefault(full, threading.Lock())
        with key_lock:
            with self._lock:
                if full in self._memo:
                    return cast(T, self._memo[full])
            value = compute()
            with self._lock:
                self._memo[full] = value
                self._computing.pop(full, None)
            return value

    def ecosystem(self, areas: tuple[str, ...] = ()) -> Ecosystem:
        """The snapshot of these wijken (all when empty)."""
        return self.memo(("eco", areas), lambda: self.store.snapshot(Scope(areas=frozenset(areas))))

    def graph(self, filters: Filters, viewer: Viewer) -> nx.Graph[str]:
        """The organisation graph for a filter, as this viewer may see it.

        A wijk filter cuts the organisations serving those wijken out of the whole graph
        (held in memory) instead of reading a scoped snapshot again: the same graph as
        ``organisation_graph(store.snapshot(Scope(areas=...)))`` (tested), in a fraction
        of the time.
        """
        layers = filters.layer_set(viewer)
        whole = self.memo(
            ("graph", (), layers, filters.periods),
            lambda: organisation_graph(self.ecosystem(), layers=layers, periods=filters.periods),
        )
        if not filters.areas:
            return whole
        return self.memo(
            ("graph", filters.areas, layers, filters.periods), lambda: within(whole, filters.areas)
        )

    def analysis(self, filters: Filters) -> dict[str, Any]:
        """The whole analysis (``graph.analysis.analyse``) for a filter; for analysts only."""
        layers = Layers.parse(filters.layers)
        return self.memo(
            ("analysis", filters.areas, layers, filters.periods),
            lambda: analyse(self.ecosystem(filters.areas), layers=layers, periods=filters.periods),
        )

    def periods(self) -> list[str]:
        """Every period with referral flows, oldest first."""
        return self.memo(("periods",), lambda: [p.code for p in periods_of(self.ecosystem())])

    def area_names(self) -> dict[str, str]:
        """Area code -> name, for every area."""
        return self.memo(("areas",), lambda: {a.code: a.name for a in self.ecosystem().areas})

    def organisation_names(self) -> dict[str, str]:
        """Organisation id -> name, for every organisation."""
        return self.memo(("names",), lambda: {o.id: o.name for o in self.ecosystem().organisations})


def within(graph: nx.Graph[str], wijken: Iterable[str]) -> nx.Graph[str]:
    """The organisations of ``graph`` serving one of ``wijken`` (or a buurt in one), with their ties.

    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"a": ("WK1",), "b": ("WK1", "WK2"), "c": ("WK2",)}, "wijken")
    >>> sorted(within(G, ["WK1"]).edges)
    [('a', 'b')]
    """
    chosen = set(wijken)
    return graph.subgraph(n for n, served in graph.nodes(data="wijken") if chosen.intersection(served)).copy()


def services() -> Services:
    """The services of the app handling the current request."""
    return cast(Services, current_app.extensions[EXTENSION])
