"""Projections: from an ``Ecosystem`` snapshot to the graphs the analytics work on.

The organisation graph has four layers that a user switches on and off:

- ``agreements`` (formal): two organisations are tied when both are party to an
  agreement active in the chosen periods;
- ``professionals`` (people): tied when one professional works for both;
- ``referrals`` (practice): tied when referrals flowed between them, either way, in the
  chosen periods. A referral by a professional counts for each of their employers;
- ``reported`` (*gemeld*): tied when either of them reported the other in a survey round
  (``Ecosystem.reported``) whose period lies in the chosen periods. The count is the
  number of the two that reported it (1 or 2), however many rounds did.

Edge attributes count each layer (``agreements``, ``professionals``, ``referrals``,
``reported``) and ``weight`` is their sum: one shared agreement, one shared professional,
one referral and one reporting partner each weigh 1. Node attributes carry ``name``,
``sector`` (code), ``municipality``, ``areas``, ``wijken`` (wijk codes served, buurten
folded into their wijk) and ``capacity``; ``buurten`` lists the buurten served, a wijk
standing for all its buurten.

>>> from graph.model import Ecosystem, Organisation, Agreement
>>> from graph.taxonomy import Sector, AgreementKind
>>> eco = Ecosystem(
...     organisations=(Organisation("A", "Alfa", Sector.ZORG), Organisation("B", "Beta", Sector.WONEN)),
...     agreements=(Agreement("X", "Convenant", AgreementKind.COVENANT, parties=("A", "B")),),
... )
>>> G = organisation_graph(eco)
>>> G.edges["A", "B"]["agreements"], G.edges["A", "B"]["weight"]
(1, 1)
>>> G.nodes["B"]["sector"]
'wonen'

References
----------
.. [1] Borgatti, S. P., & Halgin, D. S. (2011). Analyzing affiliation networks. In
   *The SAGE Handbook of Social Network Analysis*, 417-433 (two-mode data and projections).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import combinations

import networkx as nx
import numpy as np

from graph.areacodes import wijk_of
from graph.arrays import FloatArray, IntArray, shared_view
from graph.layers import LAYER_NAMES, Layers
from graph.model import Agreement, Ecosystem, Organisation, ReferralFlow
from graph.periods import Period, PeriodRange
from graph.survey import ReportedTie
from graph.taxonomy import ActorKind

__all__ = [
    "LAYER_NAMES",
    "Layers",
    "PeriodTies",
    "agreement_in_force",
    "organisation_agreement_graph",
    "organisation_flow_cells",
    "organisation_flows",
    "organisation_graph",
    "organisation_professional_graph",
    "period_graphs",
    "period_tie_arrays",
    "referral_graph",
    "reported_pairs",
]


def _buurten_of(eco: Ecosystem) -> dict[str, tuple[str, ...]]:
    """Wijk code -> the buurt codes below it, from the area tree."""
    below: dict[str, list[str]] = defaultdict(list)
    for area in eco.areas:
        if area.code.startswith("BU") and area.parent:
            below[area.parent].append(area.code)
    return {wijk: tuple(sorted(codes)) for wijk, codes in below.items()}


def _nodes(eco: Ecosystem) -> list[tuple[str, dict[str, object]]]:
    """Each organisation with its node attributes, worked out once per ecosystem inside
    ``graph.arrays.shared_views`` (NetworkX copies the attribute dicts into each graph)."""

    def build() -> list[tuple[str, dict[str, object]]]:
        buurten_of = _buurten_of(eco)
        return [(org.id, _organisation_attributes(org, buurten_of)) for org in eco.organisations]

    return shared_view("organisation_nodes", eco, None, build)


def _add_organisations(graph: nx.Graph[str] | nx.DiGraph[str], eco: Ecosystem) -> None:
    graph.add_nodes_from(_nodes(eco))


def _organisation_attributes(org: Organisation, buurten_of: dict[str, tuple[str, ...]]) -> dict[str, object]:
    codes = [code for code in org.areas if not code.startswith("GM")]
    wijken = sorted({wijk_of(code) or code for code in codes})
    buurten = sorted(
        {code for code in codes if code.startswith("BU")}
        | {b for code in codes if code.startswith("WK") for b in buurten_of.get(code, ())}
    )
    return {
        "name": org.name,
        "sector": org.sector.value,
        "municipality": org.municipality,
        "areas": org.areas,
        "wijken": tuple(wijken),
        "buurten": tuple(buurten),
        "capacity": org.capacity,
    }


def _month_dates(periods: PeriodRange) -> tuple[date | None, date | None]:
    first, last = periods.bounds
    start = None if first is None else date(first // 12, first % 12 + 1, 1)
    end = None if last is None else date((last + 1) // 12, (last + 1) % 12 + 1, 1)
    return start, end  # end is the first day after the range


def agreement_in_force(agreement: Agreement, periods: PeriodRange) -> bool:
    """Whether an agreement is in force at some time within ``periods`` (always, when open)."""
    start, end = _month_dates(periods)
    begins_in_time = agreement.start is None or end is None or agreement.start < end
    lasts_long_enough = agreement.end is None or start is None or agreement.end >= start
    return begins_in_time and lasts_long_enough


def _employers(eco: Ecosystem) -> dict[str, tuple[str, ...]]:
    """Professional -> the organisations employing them (once per ecosystem in ``shared_views``)."""
    return shared_view(
        "employers",
        eco,
        None,
        lambda: {p.id: tuple(e.organisation_id for e in p.employments) for p in eco.professionals},
    )


def organisation_flows(
    eco: Ecosystem, periods: PeriodRange = PeriodRange()
) -> Iterator[tuple[str, str, int]]:
    """Referral counts as ``(source organisation, target organisation, count)``.

    Flows from a professional count for each of their employers; flows to oneself are
    dropped. Only flows whose period lies in ``periods``.
    """
    for source, target, _period, count in _organisation_flow_rows(eco, periods):
        yield source, target, count


def _organisation_flow_rows(eco: Ecosystem, periods: PeriodRange) -> Iterator[tuple[str, str, Period, int]]:
    """``(source organisation, target organisation, period, count)`` for every flow in ``periods``."""
    employers = _employers(eco)
    inside: dict[Period, bool] = {}  # few distinct periods: decide each once
    for flow in eco.flows:
        period = flow.period
        chosen = inside.get(period)
        if chosen is None:
            chosen = inside[period] = period in periods
        if not chosen:
            continue
        if flow.source_kind is ActorKind.ORGANISATION:
            if flow.source_id != flow.target_id:
                yield flow.source_id, flow.target_id, period, flow.count
            continue
        for source in employers.get(flow.source_id, ()):
            if source != flow.target_id:
                yield source, flow.target_id, period, flow.count


def organisation_flow_cells(
    eco: Ecosystem, periods: PeriodRange = PeriodRange()
) -> dict[tuple[str, str], dict[Period, int]]:
    """Referral counts per ``(source, target)`` organisation pair and per period: the cells of the data.

    The same counts as :func:`organisation_flows`, kept apart by the period they were given for
    (a month or a quarter), summed over domains and over the professionals of an employer. A
    count shown to a partner is built from these cells (``app.access``), so that totals of
    different period ranges cannot be subtracted to find one cell.

    Examples
    --------
    >>> from graph.model import ReferralFlow
    >>> jan, feb = Period.parse("2025-01"), Period.parse("2025-02")
    >>> eco = Ecosystem(flows=(
    ...     ReferralFlow(ActorKind.ORGANISATION, "A", "B", jan, "schuld", 3),
    ...     ReferralFlow(ActorKind.ORGANISATION, "A", "B", jan, "jeugd", 2),
    ...     ReferralFlow(ActorKind.ORGANISATION, "A", "B", feb, "schuld", 4)))
    >>> {str(p): n for p, n in organisation_flow_cells(eco)["A", "B"].items()}
    {'2025-01': 5, '2025-02': 4}
    """
    cells: dict[tuple[str, str], dict[Period, int]] = defaultdict(lambda: defaultdict(int))
    for source, target, period, count in _organisation_flow_rows(eco, periods):
        cells[source, target][period] += count
    return {pair: dict(by_period) for pair, by_period in cells.items()}


Ties = dict[tuple[str, str], list[int]]
"""Per tied pair ``(a, b)``, ``a < b``: ``[agreements, professionals, referrals, reported]``."""


def _add(ties: Ties, pair: tuple[str, str], layer: int, count: int) -> None:
    row = ties.get(pair)
    if row is None:
        row = ties[pair] = [0, 0, 0, 0]
    row[layer] += count


def reported_pairs(
    reported: Iterable[ReportedTie], periods: PeriodRange = PeriodRange(), known: Container[str] | None = None
) -> dict[tuple[str, str], int]:
    """Per pair (ids in :func:`graph.survey.pair_key` order): how many of the two reported the tie.

    Only ties of rounds whose period lies in ``periods``, between two different
    organisations (both in ``known``, when given). A pair reported by one side in two
    rounds counts 1; reported by both sides, 2.

    Examples
    --------
    >>> q3, q4 = Period.parse("2026-Q3"), Period.parse("2026-Q4")
    >>> ties = [ReportedTie("A", "B", "R1", q3), ReportedTie("A", "B", "R2", q4),
    ...         ReportedTie("B", "A", "R2", q4), ReportedTie("C", "A", "R1", q3)]
    >>> reported_pairs(ties)
    {('A', 'B'): 2, ('A', 'C'): 1}
    >>> reported_pairs(ties, PeriodRange(q3, q3))
    {('A', 'B'): 1, ('A', 'C'): 1}
    """
    reporters: dict[tuple[str, str], set[str]] = {}
    for tie in reported:
        if tie.reporter == tie.partner or tie.period not in periods:
            continue
        if known is not None and (tie.reporter not in known or tie.partner not in known):
            continue
        pair = (tie.reporter, tie.partner) if tie.reporter < tie.partner else (tie.partner, tie.reporter)
        reporters.setdefault(pair, set()).add(tie.reporter)
    return {pair: len(who) for pair, who in sorted(reporters.items())}


def _agreement_ties(ties: Ties, agreements: list[tuple[Agreement, list[str]]], periods: PeriodRange) -> None:
    """Count each pair of parties (those in the graph, sorted) of each agreement in force."""
    start, end = _month_dates(periods)
    for agreement, parties in agreements:
        in_force = (agreement.start is None or end is None or agreement.start < end) and (
            agreement.end is None or start is None or agreement.end >= start
        )
        if in_force:
            for pair in combinations(parties, 2):
                _add(ties, pair, 0, 1)


def _staff_ties(eco: Ecosystem) -> dict[tuple[str, str], int]:
    """Shared professionals per pair of organisations, pairs in the order first met (once per
    ecosystem inside ``shared_views``: it does not depend on the periods)."""

    def build() -> dict[tuple[str, str], int]:
        known = {o.id for o in eco.organisations}
        shared: dict[tuple[str, str], int] = {}
        for orgs in _employers(eco).values():
            if len(orgs) > 1:
                for pair in combinations(sorted(set(orgs) & known), 2):
                    shared[pair] = shared.get(pair, 0) + 1
        return shared

    return shared_view("staff_ties", eco, None, build)


def _count_ties(
    eco: Ecosystem, layers: Layers, periods: PeriodRange, staff: dict[tuple[str, str], int] | None = None
) -> Ties:
    """The ties of ``organisation_graph``: one pass per layer.

    Pairs come in the order they are first met (agreements, then professionals, then
    referrals), which fixes the graph's edge order. ``staff``: the professionals layer
    already counted (``_staff_ties``), as it does not depend on the periods.
    """
    ties: Ties = {}
    known = {o.id for o in eco.organisations}
    if layers.agreements:  # parties are sorted and unique (graph.model)
        parties = [(a, [p for p in a.parties if p in known]) for a in eco.agreements]
        _agreement_ties(ties, parties, periods)
    if layers.professionals:
        for pair, count in (_staff_ties(eco) if staff is None else staff).items():
            _add(ties, pair, 1, count)
    if layers.referrals:
        for source, target, count in organisation_flows(eco, periods):
            if count > 0 and source in known and target in known:
                _add(ties, (source, target) if source < target else (target, source), 2, count)
    if layers.reported and eco.reported:
        for pair, count in reported_pairs(eco.reported, periods, known).items():
            _add(ties, pair, 3, count)
    return ties


def _graph_of(nodes: list[tuple[str, dict[str, object]]], ties: Ties) -> nx.Graph[str]:
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(nodes)  # NetworkX copies each attribute dict
    graph.add_edges_from(
        (a, b, {"weight": x + y + z + r, "agreements": x, "professionals": y, "referrals": z, "reported": r})
        for (a, b), (x, y, z, r) in ties.items()
    )  # every pair counted has a weight of at least 1
    return graph


def period_graphs(eco: Ecosystem, *, layers: Layers = Layers()) -> Iterator[tuple[Period, nx.Graph[str]]]:
    """The organisation graph of each referral period, in time order: what a trend draws.

    For each period that has referral flows, the same graph as ``organisation_graph`` of
    the ecosystem with only that period's flows, for that period: agreements in force in
    it, shared professionals, its referrals, the ties reported in rounds of a period that
    lies within it. What does not change from period to period
    (organisations, shared professionals, agreement parties) is worked out once.

    Examples
    --------
    >>> from graph.model import Organisation, ReferralFlow
    >>> from graph.taxonomy import Sector
    >>> orgs = tuple(Organisation(i, i, Sector.ZORG) for i in "ABC")
    >>> jan, feb = Period.parse("2025-01"), Period.parse("2025-02")
    >>> flows = (ReferralFlow(ActorKind.ORGANISATION, "A", "B", jan, "", 3),
    ...          ReferralFlow(ActorKind.ORGANISATION, "A", "C", feb, "", 2))
    >>> [(p.code, sorted(G.edges)) for p, G in period_graphs(Ecosystem(organisations=orgs, flows=flows))]
    [('2025-01', [('A', 'B')]), ('2025-02', [('A', 'C')])]
    """
    by_period: dict[Period, list[ReferralFlow]] = defaultdict(list)
    for flow in eco.flows:
        by_period[flow.period].append(flow)
    known = {o.id for o in eco.organisations}
    nodes = _nodes(eco)
    parties = [(a, [p for p in a.parties if p in known]) for a in eco.agreements] if layers.agreements else []
    staff = _staff_ties(eco) if layers.professionals else {}
    employers = _employers(eco)
    for period in sorted(by_period):
        ties: Ties = {}
        _agreement_ties(ties, parties, PeriodRange(period, period))
        for pair, count in staff.items():
            _add(ties, pair, 1, count)
        if layers.referrals:
            for flow in by_period[period]:
                sources = (
                    (flow.source_id,)
                    if flow.source_kind is ActorKind.ORGANISATION
                    else employers.get(flow.source_id, ())
                )
                for source in sources:
                    target = flow.target_id
                    if source != target and flow.count > 0 and source in known and target in known:
                        _add(ties, (source, target) if source < target else (target, source), 2, flow.count)
        if layers.reported and eco.reported:
            for pair, count in reported_pairs(eco.reported, PeriodRange(period, period), known).items():
                _add(ties, pair, 3, count)
        yield period, _graph_of(nodes, ties)


@dataclass(frozen=True, slots=True)
class PeriodTies:
    """The ties of one period as arrays: tie ``j`` joins organisations ``lo[j] < hi[j]``.

    Organisations are numbered by their place in ``Ecosystem.organisations``; ``weights``
    holds each tie's ``weight`` (the sum of its layers' counts), ties sorted by ``(lo, hi)``.
    """

    period: Period
    lo: IntArray
    hi: IntArray
    weights: FloatArray


def period_tie_arrays(eco: Ecosystem, *, layers: Layers = Layers()) -> Iterator[PeriodTies]:
    """The ties of :func:`period_graphs`, period by period, as arrays, without building graphs.

    The same ties and weights as the graphs of :func:`period_graphs` (tested against them),
    for what a trend counts: one ``np.unique`` pass per period over the pairs of the
    agreements in force, the shared professionals (worked out once), the period's
    referrals and the ties reported in it.

    Examples
    --------
    >>> from graph.model import Organisation, ReferralFlow
    >>> from graph.taxonomy import Sector
    >>> orgs = tuple(Organisation(i, i, Sector.ZORG) for i in "ABC")
    >>> jan = Period.parse("2025-01")
    >>> flows = (ReferralFlow(ActorKind.ORGANISATION, "C", "A", jan, "", 3),
    ...          ReferralFlow(ActorKind.ORGANISATION, "A", "C", jan, "", 2))
    >>> [(t.period.code, t.lo.tolist(), t.hi.tolist(), t.weights.tolist())
    ...  for t in period_tie_arrays(Ecosystem(organisations=orgs, flows=flows))]
    [('2025-01', [0], [2], [5.0])]
    """
    by_period: dict[Period, list[ReferralFlow]] = defaultdict(list)
    for flow in eco.flows:
        by_period[flow.period].append(flow)
    number = {org.id: i for i, org in enumerate(eco.organisations)}
    n = max(len(number), 1)

    def code(a: str, b: str) -> int:
        i, j = number[a], number[b]
        return i * n + j if i < j else j * n + i

    empty = np.empty(0, dtype=np.int64)
    staff = _staff_ties(eco) if layers.professionals else {}
    staff_codes = np.fromiter((code(a, b) for a, b in staff), dtype=np.int64, count=len(staff))
    staff_counts = np.fromiter(staff.values(), dtype=np.int64, count=len(staff))
    pair_codes: list[int] = []
    owner: list[int] = []
    first_day: list[int] = []
    last_day: list[int] = []
    if layers.agreements:
        for i, agreement in enumerate(eco.agreements):
            parties = [p for p in agreement.parties if p in number]
            pair_codes.extend(code(a, b) for a, b in combinations(parties, 2))
            owner.extend([i] * (len(parties) * (len(parties) - 1) // 2))
            first_day.append(agreement.start.toordinal() if agreement.start else -1)
            last_day.append(agreement.end.toordinal() if agreement.end else date.max.toordinal())
    agreement_codes, agreement_of = np.array(pair_codes, dtype=np.int64), np.array(owner, dtype=np.int64)
    starts, ends = np.array(first_day, dtype=np.int64), np.array(last_day, dtype=np.int64)
    employers = _employers(eco)
    for period in sorted(by_period):
        start, end = _month_dates(PeriodRange(period, period))  # a single period: both are dates
        first, after = (start or date.min).toordinal(), (end or date.max).toordinal()
        in_force = (starts < after) & (ends >= first)  # as agreement_in_force
        referral_codes: list[int] = []
        referral_counts: list[int] = []
        if layers.referrals:
            for flow in by_period[period]:
                sources = (
                    (flow.source_id,)
                    if flow.source_kind is ActorKind.ORGANISATION
                    else employers.get(flow.source_id, ())
                )
                target = flow.target_id
                for source in sources:
                    if source != target and flow.count > 0 and source in number and target in number:
                        referral_codes.append(code(source, target))
                        referral_counts.append(flow.count)
        reported = (
            reported_pairs(eco.reported, PeriodRange(period, period), number)
            if layers.reported and eco.reported
            else {}
        )
        chosen = agreement_codes[in_force[agreement_of]] if len(agreement_codes) else empty
        codes = np.concatenate(
            [
                chosen,
                staff_codes,
                np.array(referral_codes, dtype=np.int64),
                np.fromiter((code(a, b) for a, b in reported), dtype=np.int64, count=len(reported)),
            ]
        )
        counts = np.concatenate(
            [
                np.ones(len(chosen), dtype=np.int64),
                staff_counts,
                np.array(referral_counts, dtype=np.int64),
                np.fromiter(reported.values(), dtype=np.int64, count=len(reported)),
            ]
        )
        pairs, inverse = np.unique(codes, return_inverse=True)
        weights = np.bincount(inverse.ravel(), weights=counts, minlength=len(pairs)).astype(np.float64)
        yield PeriodTies(period, pairs // n, pairs % n, weights)


def organisation_graph(
    eco: Ecosystem, *, layers: Layers = Layers(), periods: PeriodRange = PeriodRange()
) -> nx.Graph[str]:
    """The undirected organisation graph of the chosen layers and periods.

    Parameters
    ----------
    eco : Ecosystem
        A snapshot from a store.
    layers : Layers
        Which kinds of tie to include.
    periods : PeriodRange
        Referral flows and agreements outside this range are left out.

    Returns
    -------
    networkx.Graph
        One node per organisation (also those without ties), one edge per tied pair,
        with the per-layer counts and ``weight`` (their sum) as attributes.
    """
    nodes = _nodes(eco)
    return _graph_of(nodes, _count_ties(eco, layers, periods))


def referral_graph(eco: Ecosystem, *, periods: PeriodRange = PeriodRange()) -> nx.DiGraph[str]:
    """The directed referral graph: an edge ``a -> b`` weighted by the referrals sent.

    >>> from graph.model import Ecosystem, Organisation, ReferralFlow
    >>> from graph.periods import Period
    >>> from graph.taxonomy import ActorKind, Sector
    >>> orgs = (Organisation("A", "Alfa", Sector.ZORG), Organisation("B", "Beta", Sector.WONEN))
    >>> m = Period.parse("2025-01")
    >>> eco = Ecosystem(organisations=orgs, flows=(ReferralFlow(ActorKind.ORGANISATION, "A", "B", m, "", 4),))
    >>> referral_graph(eco).edges["A", "B"]["weight"]
    4
    """
    graph: nx.DiGraph[str] = nx.DiGraph()
    _add_organisations(graph, eco)
    known = set(graph)
    for source, target, count in organisation_flows(eco, periods):
        if source in known and target in known and count > 0:
            previous = graph.edges[source, target]["weight"] if graph.has_edge(source, target) else 0
            graph.add_edge(source, target, weight=previous + count)
    return graph


def organisation_agreement_graph(eco: Ecosystem) -> nx.Graph[str]:
    """The two-mode graph of organisations and the agreements they are party to.

    Organisation nodes keep their id and have ``bipartite=0``; agreement nodes are
    ``"agreement:<id>"`` with ``bipartite=1``.
    """
    graph: nx.Graph[str] = nx.Graph()
    _add_organisations(graph, eco)
    nx.set_node_attributes(graph, dict.fromkeys(graph, 0), "bipartite")
    known = set(graph)
    for agreement in eco.agreements:
        node = f"agreement:{agreement.id}"
        graph.add_node(node, bipartite=1, name=agreement.name, kind=agreement.kind.value)
        graph.add_edges_from((party, node) for party in agreement.parties if party in known)
    return graph


def organisation_professional_graph(eco: Ecosystem) -> nx.Graph[str]:
    """The two-mode graph of organisations and the professionals working there (edge ``fte``).

    Professional nodes are ``"professional:<id>"`` with ``bipartite=1``.
    """
    graph: nx.Graph[str] = nx.Graph()
    _add_organisations(graph, eco)
    nx.set_node_attributes(graph, dict.fromkeys(graph, 0), "bipartite")
    known = set(graph)
    for pro in eco.professionals:
        node = f"professional:{pro.id}"
        graph.add_node(node, bipartite=1, name=pro.name, role=pro.role)
        for job in pro.employments:
            if job.organisation_id in known:
                graph.add_edge(job.organisation_id, node, fte=job.fte)
    return graph
