"""What callbacks work with: the store, the settings and every memoised analysis, per app.

``create_app`` puts one :class:`Services` on the Flask app; a callback reaches it with
:func:`services`. Every memoised result is one method here, keyed on the store's revision
plus the filter (and the viewer's layers where the role matters), so a reload of the data
makes every cached result stale at once, and nothing per user lives in module globals.
The presenters in :mod:`app.present` take these results as plain data.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar, cast

import networkx as nx
from cachetools import LRUCache
from flask import current_app

from app.access import ANALYST, Role, Viewer
from app.collector import kept_records
from app.i18n import Language
from app.present.common import Section
from app.present.filters import Filters
from app.present.kaart import MapRequest, map_view, measure_values, tooltips
from app.present.kaart_elements import GROUP_ABOVE, group_key
from app.present.kaart_labels import label_zooms, short_name
from app.present.kaart_layout import Block, Point, fit_aspect, layout_positions, turn, wijk_layout
from app.present.kansen import TOP, Chances, known_pairs, mark_answers, spread_suggestions
from app.present.knelpunten import bottleneck_sections
from app.settings import Settings
from app.survey.reading import Surveys, coffee_pairs, interests, read_surveys
from app.users import Users, UsersFile
from graph.analysis import EXACT_BUDGET, analyse, betweenness_samples
from graph.backbone import disparity_backbone
from graph.bottlenecks import articulation_points, betweenness, referral_load
from graph.chances import Suggestion, suggest_links, suggest_overlaps
from graph.coffee import suggest_meetings
from graph.communities import louvain_labels
from graph.model import Counts, Ecosystem, Scope
from graph.needs import WijkNeed, needs_vs_coverage
from graph.periods import Period
from graph.project import Layers, organisation_flow_cells, organisation_graph
from graph.reported import SurveySummary, survey_summary
from graph.survey import Interest
from graph.timeline import periods_of
from queries.base import Store

__all__ = [
    "EXTENSION",
    "GIVE_WAY_S",
    "QUIET_S",
    "FlowTable",
    "LazyPositions",
    "Services",
    "services",
    "within",
]

EXTENSION = "ketenkaart"
T = TypeVar("T")
FlowTable = dict[str, tuple[Counter[tuple[str, Period]], Counter[tuple[str, Period]]]]
"""Organisation -> (referrals in by (source, period), referrals out by (target, period))."""
_PARTNER_VIEW = Viewer("warm", Role.PARTNER)
QUIET_S: Final = 1.0
"""Seconds without a request before the background warming goes on (:meth:`Services.give_way`)."""
GIVE_WAY_S: Final = 10.0
"""The longest the background warming waits for visitors before each step (so it ends under traffic)."""


@dataclass
class Services:
    """One app's store, settings and memo of computed results."""

    settings: Settings
    store: Store
    users: Users | UsersFile | None = None
    cache_size: int = 64
    _memo: LRUCache[Hashable, Any] = field(init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _computing: dict[Hashable, threading.Lock] = field(default_factory=dict, init=False, repr=False)
    _answering: int = field(default=0, init=False, repr=False)
    _answered_at: float = field(default=-math.inf, init=False, repr=False)

    def __post_init__(self) -> None:
        self._memo = LRUCache(maxsize=self.cache_size)

    def request_started(self) -> None:
        """A request came in (``create_app`` calls this before every request)."""
        with self._lock:
            self._answering += 1

    def request_ended(self) -> None:
        """A request counted by :meth:`request_started` has been answered."""
        with self._lock:
            self._answering -= 1
            self._answered_at = time.monotonic()

    def give_way(self, quiet: float = QUIET_S, longest: float = GIVE_WAY_S) -> float:
        """Wait while visitors are being answered: until no request is open and none ended within
        ``quiet`` seconds, at most ``longest`` seconds; returns the seconds waited.

        The background warming calls this before each of its steps after the first map: the
        steps share the interpreter with the requests, so a visitor's page opening meanwhile
        would take up to twice as long.
        """
        start = time.monotonic()
        while True:
            with self._lock:
                now = time.monotonic()
                busy = self._answering > 0 or now - self._answered_at < quiet
            if not busy or now - start >= longest:
                return now - start
            time.sleep(min(0.05, quiet))

    def current_users(self) -> Users | None:
        """Who may log in now (the users file as it is now); ``None``: login is off."""
        return self.users.current() if isinstance(self.users, UsersFile) else self.users

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

    def counts(self) -> Counts:
        """How many records of each kind the store holds (counted once per data revision: at
        province size a count of the flows takes a quarter of a second)."""
        return self.memo(("counts",), self.store.counts)

    def ecosystem(self, areas: tuple[str, ...] = ()) -> Ecosystem:
        """The snapshot of these wijken (all when empty)."""

        def read() -> Ecosystem:
            with kept_records():  # kept for the data revision: no collections while it is read
                return self.store.snapshot(Scope(areas=frozenset(areas)))

        return self.memo(("eco", areas), read)

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

    def positions(self, viewer: Viewer) -> LazyPositions:
        """Map positions of every organisation, from all layers (analysts) or none of the referrals.

        Computed for the whole ecosystem, so an organisation keeps its place whatever the
        filter shows, and a partner's map is never shaped by other organisations' referrals;
        computed at the first lookup (:class:`LazyPositions`), so a grouped map, which draws
        only groups, does not wait for the layout of every organisation.
        """
        analyst = viewer.is_analyst
        layers = Filters().layers if analyst else ("agreements", "professionals")
        return self.memo(
            ("positions", "all" if analyst else "no-referrals"),
            lambda: LazyPositions(lambda: layout_positions(self.graph(Filters(layers=layers), ANALYST))),
        )

    def group_positions(self, viewer: Viewer, members: frozenset[str]) -> dict[str, Point]:
        """Positions of an opened group's members, laid out among themselves (their ties to each
        other, as :meth:`positions` weighs them): an opened group of a large map does not wait
        for the layout of every organisation."""
        layers = Filters().layers if viewer.is_analyst else ("agreements", "professionals")
        return self.memo(
            ("group-positions", "all" if viewer.is_analyst else "no-referrals", members),
            lambda: layout_positions(self.graph(Filters(layers=layers), ANALYST).subgraph(members)),
        )

    def wijk_positions(self, viewer: Viewer) -> dict[str, Point]:
        """Map positions in wijk blocks (:meth:`wijk_blocks`)."""
        return self._wijk_layout(viewer)[0]

    def wijk_blocks(self, viewer: Viewer) -> dict[str, Block]:
        """The wijk blocks of the "by wijk" layout: centre and radius per wijk code (``"*"``: the
        organisations serving at least half the wijken, in the middle)."""
        return self._wijk_layout(viewer)[1]

    def _wijk_layout(self, viewer: Viewer) -> tuple[dict[str, Point], dict[str, Block]]:
        positions = self.positions(viewer)

        def compute() -> tuple[dict[str, Point], dict[str, Block]]:
            eco = self.ecosystem()
            wijken = [a.code for a in eco.areas if a.code.startswith("WK")]
            members: dict[str, list[str]] = defaultdict(list)
            for org in eco.organisations:
                served = Counter(
                    f"WK{c[2:8]}" if c.startswith("BU") else c for c in org.areas if c[:2] in ("WK", "BU")
                )
                if len(served) >= max(3, len(wijken) / 2):
                    members["*"].append(org.id)
                else:
                    members[min(served, key=lambda w: (-served[w], w)) if served else "-"].append(org.id)
            outlines = {a.code: a.boundary for a in eco.areas if a.boundary and a.code.startswith("WK")}
            return wijk_layout(members, positions, outlines)

        return self.memo(("wijk-layout", "all" if viewer.is_analyst else "no-referrals"), compute)

    def label_zooms(
        self,
        viewer: Viewer,
        layout: str,
        measure: str,
        nodes: frozenset[str],
        *,
        turned: bool = False,
        aspect: float | None = None,
    ) -> dict[str, float]:
        """The zoom from which each of ``nodes`` shows its name (``kaart_labels.label_zooms``):
        placed among the drawn organisations, most important first (by the sizing measure on the
        whole graph), once per data revision, layout, measure, drawn set, orientation
        (``turned``: the network layout turned upright for a portrait canvas, ``kaart_layout.turn``)
        and canvas shape (``aspect``: the drawn set stretched to it as the map draws it,
        ``kaart_layout.fit_aspect``; ``None``: not stretched)."""
        placed = self.wijk_positions(viewer) if layout == "wijk" else self.positions(viewer)

        def compute() -> dict[str, float]:
            positions: Mapping[str, Point] = turn(placed) if turned else placed
            if aspect is not None:
                positions = fit_aspect({n: positions[n] for n in nodes if n in positions}, aspect)
            G = self.graph(Filters(), viewer)
            if measure in ("betweenness", "weighted_betweenness"):
                score = self.betweenness(Filters(), viewer, weighted=measure != "betweenness")
            else:
                score = {n: float(d) for n, d in G.degree(weight="weight")}
            names = self.organisation_names()
            order = sorted((n for n in nodes if n in positions), key=lambda n: (-score.get(n, 0.0), n))
            return label_zooms(order, positions, {n: short_name(names.get(n, n)) for n in order})

        kind = "all" if viewer.is_analyst else "no-referrals"
        return self.memo(("label-zooms", kind, layout, measure, nodes, turned, aspect), compute)

    def backbone(self, filters: Filters, viewer: Viewer) -> frozenset[tuple[str, str]]:
        """The disparity-filter backbone (alpha 0.05) of this viewer's graph, on the weights it may see."""
        G = self.graph(filters, viewer)
        return self.memo(
            self._key("kaart-backbone", filters, viewer), lambda: frozenset(disparity_backbone(G))
        )

    def map_tips(self, filters: Filters, viewer: Viewer, measure: str, lang: str) -> dict[str, list[str]]:
        """Tooltip lines of every organisation of this viewer's graph (the measure's value for analysts)."""

        def compute() -> dict[str, list[str]]:
            G = self.graph(filters, viewer)
            measured = (
                (measure, measure_values(self, filters, viewer, measure)) if viewer.is_analyst else None
            )
            return tooltips(G, G.nodes, lang, self.area_names(), measured)

        return self.memo(self._key("kaart-tips", filters, viewer, measure, lang), compute)

    def communities(self, filters: Filters, viewer: Viewer) -> dict[str, int]:
        """Louvain communities of this viewer's graph (as the silo index finds them)."""
        G = self.graph(filters, viewer)
        return self.memo(self._key("kaart-communities", filters, viewer), lambda: louvain_labels(G))

    def wijk_needs(self, filters: Filters, viewer: Viewer) -> list[WijkNeed]:
        """Every wijk ranked by need versus coverage, for the filter's layers and periods.

        The ranking compares all wijken of each municipality, whatever wijken the filter
        picks (:func:`app.present.wijken.in_scope` picks them afterwards), so a wijk keeps
        its rank when the filter narrows; the tie densities follow the filter's layers and periods.
        """
        whole = Filters(layers=filters.layers, start=filters.start, end=filters.end)
        return self.memo(
            ("wijken", whole.layer_set(viewer), whole.periods),
            lambda: needs_vs_coverage(self.ecosystem(), self.graph(whole, viewer)),
        )

    def best_links(self, filters: Filters, viewer: Viewer) -> Chances:
        """Each organisation's best missing link for a filter (the Kansen page), with what partners
        answered in survey rounds; pairs that partners say know each other already are left out
        and the next best take their place (``app.present.kansen.mark_answers``)."""

        def compute() -> Chances:
            said = self.interests()
            known = known_pairs(said, self.ecosystem().reported)
            extra = min(len(known), 10 * TOP)  # room for the known pairs passed over
            ranked = spread_suggestions(self.graph(filters, viewer), self.area_names(), top=TOP + extra)
            return mark_answers(ranked, said, known)

        return self.memo(("kansen-suggestions", filters), compute)

    def surveys(self) -> Surveys:
        """Every survey round with the answers that count (``app.survey.reading.read_surveys``).

        Saving an answer changes the store's revision, so this is read again after each save.
        """
        return self.memo(("surveys",), lambda: read_surveys(self.store))

    def survey_summary(self) -> SurveySummary | None:
        """What partners reported (``graph.reported.survey_summary``), held against the whole
        data graph; ``None`` without any round. For analysts: it holds ratings per tie."""

        def compute() -> SurveySummary | None:
            found = self.surveys()
            if not found.rounds:
                return None
            data = self.graph(Filters(), ANALYST)
            return survey_summary(found.rounds, found.responses, self.ecosystem().organisations, data)

        return self.memo(("survey-summary",), compute)

    def interests(self) -> dict[tuple[str, str], Interest]:
        """``(organisation, partner)`` -> its latest submitted answer to meeting that partner."""
        return self.memo(("survey-interests",), lambda: interests(self.surveys()))

    def coffee_pairs(self) -> list[tuple[str, str]]:
        """Every pair that both said *interested* in meeting in some survey round."""
        return self.memo(("coffee-pairs",), lambda: coffee_pairs(self.surveys()))

    def bottleneck_sections(self, filters: Filters, viewer: Viewer, lang: Language) -> list[Section]:
        """The Knelpunten tables for a filter and language."""
        return self.memo(
            ("knelpunten", filters, lang),
            lambda: bottleneck_sections(
                self.analysis(filters), self.graph(filters, viewer), self.organisation_names(), lang
            ),
        )

    def _key(self, name: str, filters: Filters, viewer: Viewer, *extra: Hashable) -> Hashable:
        return (name, filters.areas, filters.layer_set(viewer), filters.periods, *extra)

    def betweenness(self, filters: Filters, viewer: Viewer, *, weighted: bool) -> dict[str, float]:
        """Betweenness of every organisation in this viewer's graph, sampled by the analysis' rule."""
        G = self.graph(filters, viewer)
        return self.memo(
            self._key("kaart-betweenness", filters, viewer, weighted),
            lambda: betweenness(
                G, weight="weight" if weighted else None, k=betweenness_samples(G, EXACT_BUDGET), seed=0
            ),
        )

    def cut_points(self, filters: Filters, viewer: Viewer) -> frozenset[str]:
        """The articulation points of this viewer's graph."""
        G = self.graph(filters, viewer)
        return self.memo(self._key("kaart-cuts", filters, viewer), lambda: frozenset(articulation_points(G)))

    def inflow(self, filters: Filters) -> dict[str, float]:
        """Referrals received per month by each organisation (analysts only)."""

        def compute() -> dict[str, float]:
            loads = referral_load(self.ecosystem(filters.areas), periods=filters.periods)
            return {load.organisation: load.inflow_per_month for load in loads}

        return self.memo(("kaart-inflow", filters.areas, filters.periods), compute)

    def link_suggestions(self, filters: Filters, viewer: Viewer) -> list[Suggestion]:
        """The analysis' top 50 kennismaken and top 20 afstemmen chances in this viewer's graph."""
        G = self.graph(filters, viewer)
        return self.memo(
            self._key("kaart-suggestions", filters, viewer),
            lambda: [
                *suggest_links(G, top=50, area_names=self.area_names()),
                *suggest_overlaps(G, top=20, area_names=self.area_names()),
            ],
        )

    def meetings(self, filters: Filters, viewer: Viewer, organisation: str) -> list[Suggestion]:
        """Coffee suggestions for one organisation in this viewer's graph: kennismaken, then afstemmen."""
        G = self.graph(filters, viewer)
        return self.memo(
            self._key("kaart-coffee", filters, viewer, organisation),
            lambda: [
                *suggest_meetings(G, organisation),
                *suggest_meetings(G, organisation, top=2, kind="afstemmen"),
            ],
        )

    def flow_table(self, filters: Filters) -> FlowTable:
        """Organisation -> (referrals in by source and period, out by target and period), for a filter.

        Kept per period (the cells of the data) so that a partner's counts are built from
        protected cells (``app.access``).
        """

        def compute() -> FlowTable:
            table: defaultdict[str, tuple[Counter[tuple[str, Period]], Counter[tuple[str, Period]]]] = (
                defaultdict(lambda: (Counter(), Counter()))
            )
            cells = organisation_flow_cells(self.ecosystem(filters.areas), filters.periods)
            for (source, target), by_period in cells.items():
                for period, count in by_period.items():
                    table[target][0][source, period] += count
                    table[source][1][target, period] += count
            return dict(table)

        return self.memo(("kaart-flows", filters.areas, filters.periods), compute)

    def warm_first(self) -> None:
        """Compute what the first map needs (first of :meth:`warm`; ``ketenkaart serve`` listens after
        it where the first map draws organisations one by one, at once where it shows groups).

        The snapshot, the periods and both graphs; where the first map draws organisations one
        by one (at most ``GROUP_ABOVE``) also their positions, label zooms, tooltips and backbone.
        A larger one shows closed groups, which need none of these (``app.present.kaart.map_view``).
        """
        if self.counts().organisations == 0:
            return
        self.periods()
        for viewer in self._warm_viewers():
            everyone = frozenset(self.graph(Filters(), viewer))
            if len(everyone) <= GROUP_ABOVE:  # the first map is drawn one by one: its names too
                self.positions(viewer).compute()
                self.label_zooms(viewer, "network", "degree", everyone)
                self._warm_one_by_one(viewer)

    def _warm_one_by_one(self, viewer: Viewer) -> None:
        """The tooltips and backbone of the whole map's organisations drawn one by one."""
        self.map_tips(Filters(), viewer, "degree", "nl")
        self.backbone(
            Filters() if viewer.is_analyst else Filters(layers=("agreements", "professionals")), viewer
        )

    def _warm_viewers(self) -> tuple[Viewer, ...]:
        """Whose views to compute ahead: analysts', and partners' only while login is on (without
        it everyone sees the analyst's views; a users file made later warms partners' on demand)."""
        return (ANALYST, _PARTNER_VIEW) if self.current_users() is not None else (ANALYST,)

    def _warm_groups(self, viewer: Viewer) -> None:
        """The positions of each sector group's members, as the first (grouped) map opens them."""
        G = self.graph(Filters(), viewer)
        members: defaultdict[str, set[str]] = defaultdict(set)
        for node in G:
            members[group_key(G, node, "sector")].add(node)
        for group in members.values():
            self.give_way()
            self.group_positions(viewer, frozenset(group))

    def first_map_grouped(self) -> bool:
        """Whether the map a visitor first sees shows groups (more than ``GROUP_ABOVE`` organisations)."""
        return self.counts().organisations > GROUP_ABOVE

    def warm(self) -> None:
        """Compute what the first visitor needs (:meth:`warm_first`), then what the map's next views
        and the other pages need: where the first map is grouped, that map (its groups and the
        ties between them), an opened sector group's positions, tooltips and backbone; then every
        position, the analysis, missing links, wijken, each step after the first map giving way
        to visitors being answered (:meth:`give_way`)."""
        if self.counts().organisations == 0:
            return
        self.warm_first()
        grouped = self.first_map_grouped()
        if grouped:  # the first map itself, as the page first asks for it (Dutch)
            for viewer in self._warm_viewers():
                map_view(self, viewer, MapRequest())
        for viewer in self._warm_viewers():  # the map is the first page: its next views first
            if grouped:  # a click on a group opens it
                self._warm_groups(viewer)
                self.give_way()
                self._warm_one_by_one(viewer)
            self.give_way()
            self.positions(viewer).compute()
        for step in (
            lambda: self.analysis(Filters()),
            lambda: self.best_links(Filters(), ANALYST),
            lambda: self.wijk_needs(Filters(), ANALYST),
        ):
            self.give_way()
            step()


class LazyPositions(Mapping[str, Point]):
    """Positions ``{organisation: (x, y)}`` computed at the first lookup, once (thread-safe).

    >>> calls = []
    >>> lazy = LazyPositions(lambda: calls.append(1) or {"a": (0.0, 1.0)})
    >>> len(calls)
    0
    >>> lazy["a"], dict(lazy), len(calls)
    ((0.0, 1.0), {'a': (0.0, 1.0)}, 1)
    """

    def __init__(self, compute: Callable[[], dict[str, Point]]) -> None:
        self._compute: Callable[[], dict[str, Point]] | None = compute
        self._found: dict[str, Point] = {}
        self._lock = threading.Lock()

    def compute(self) -> dict[str, Point]:
        """Every position (computed now unless done before)."""
        with self._lock:
            if self._compute is not None:
                self._found = self._compute()
                self._compute = None
            return self._found

    def __getitem__(self, node: str) -> Point:
        return self.compute()[node]

    def __iter__(self) -> Iterator[str]:
        return iter(self.compute())

    def __len__(self) -> int:
        return len(self.compute())


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
